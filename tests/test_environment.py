"""The conda environment and the PyPI lock pin the same versions."""
import re

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
    lines = [l for l in (ROOT / "requirements.txt").read_text().splitlines() if l and not l.lstrip().startswith("#")]
    assert lines and all(re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", l) for l in lines)
