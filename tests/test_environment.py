"""The conda environment and the PyPI lock pin the same versions."""
import re
from pathlib import Path

from compendium.paths import ROOT


def _pins(lines, pattern):
    pins = {}
    for line in lines:
        match = re.match(pattern, line)
        if match:
            pins[match["name"].lower()] = match["version"]
    return pins


def conda_pins():
    text = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    conda = _pins(text, r"^\s+- (?P<name>[A-Za-z0-9_.-]+)=(?P<version>[^=\s#]+)\s*$")
    pip = _pins(text, r"^\s+- (?P<name>[A-Za-z0-9_.-]+)==(?P<version>[^\s#]+)")
    return conda | pip


def requirement_pins(name):
    return _pins((ROOT / name).read_text(encoding="utf-8").splitlines(), r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)")


def test_conda_environment_pins_exactly_the_direct_requirements():
    conda = conda_pins()
    python = conda.pop("python")
    assert python == "3.11"
    assert conda == requirement_pins("requirements.in")


def test_lock_contains_every_direct_requirement_at_the_same_version():
    lock = requirement_pins("requirements.txt")
    direct = requirement_pins("requirements.in")
    assert {name: lock.get(name) for name in direct} == direct


def test_lock_pins_every_package_exactly():
    lines = [line for line in (ROOT / "requirements.txt").read_text().splitlines() if line and not line.lstrip().startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", line) for line in lines)


def test_one_pinned_interpreter_everywhere():
    """Makefile (uv creates the venv for it), environment.yml, pyproject.toml and the build lock agree."""
    from compendium import build

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PYTHON_VERSION := (\S+)$", makefile, flags=re.M).group(1) == "3.11"
    assert conda_pins()["python"] == "3.11"
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.11,<3.12"' in pyproject
    assert build.PINNED_PYTHON == "3.11"


def test_the_environment_is_installed_with_compiled_bytecode():
    """`make env` compiles every package once (uv's --compile-bytecode), so no kernel compiles pandas."""
    import importlib.util

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line for line in makefile.splitlines() if "$(UV) pip install" in line or "$(UV) pip sync" in line]
    assert len(installs) == 2 and all("--compile-bytecode" in line for line in installs)
    for package in ("pandas", "matplotlib", "statsmodels"):
        source = importlib.util.find_spec(package).origin
        assert Path(importlib.util.cache_from_source(source)).is_file(), f"{package} has no compiled bytecode"


def test_the_lock_keeps_out_the_package_that_slows_every_notebook_start():
    """jsonschema 4.24+ imports rfc3987-syntax, which compiles a grammar at import: 2.3 s more for
    every process that loads nbformat (each notebook's runner, each test worker), measured here."""
    lock = requirement_pins("requirements.txt")
    assert "rfc3987-syntax" not in lock and "lark" not in lock
    import importlib.util

    assert importlib.util.find_spec("rfc3987_syntax") is None
