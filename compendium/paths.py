"""Every path the compendium reads or writes, defined once.

Notebooks never build paths by hand. Inputs are read from the repository; outputs go to
``output_root()``, which is the repository itself in a normal run, and a staging or scratch
directory when the build runner or the test suite sets ``COMPENDIUM_OUTPUT_DIR`` (so a failed
run, or a test run, never overwrites the committed outputs).
"""
from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RAW = DATA / "raw"
SOURCES = DATA / "sources.csv"
CHECKSUMS = RAW / "SHA256SUMS"
NOTEBOOKS = ROOT / "notebooks"
PAPER = ROOT / "paper"
TESTS = ROOT / "tests"

OUTPUT_ENV = "COMPENDIUM_OUTPUT_DIR"
# Set by the build runner for its notebooks only: the directory where a data file's passed
# validation is remembered (compendium/data.py), so that six notebooks loading the same files
# validate each of them once. Tests and readers in JupyterLab validate every load.
VALIDATION_CACHE_ENV = "COMPENDIUM_VALIDATION_CACHE"
# Set by the test session for nbval's kernels only: a directory where each saved figure is also kept
# as a pickled figure object, so the figure tests read what the notebook's own run drew instead of
# running the notebook a second time (tests/test_figure_readback.py). The build never sets it.
FIGURE_OBJECTS_ENV = "COMPENDIUM_FIGURE_OBJECTS"

# The CJK font every figure and the report use: the copy shipped inside the pinned `mplfonts`
# package, loaded by file so that no system or user font of the same name can replace it.
CJK_FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font() -> Path:
    """The bundled font file (found without importing mplfonts, which imports matplotlib)."""
    package = find_spec("mplfonts")
    if package is None or not package.submodule_search_locations:
        raise FileNotFoundError("the mplfonts package is not installed: run `make env`")
    return Path(package.submodule_search_locations[0]) / "fonts" / CJK_FONT_FILE


def output_root() -> Path:
    """Where outputs are written: the repository, or the directory named by the environment."""
    override = os.environ.get(OUTPUT_ENV)
    return Path(override) if override else ROOT


def derived_dir() -> Path:
    return _ensure(output_root() / "data" / "derived")


def figures_dir() -> Path:
    return _ensure(output_root() / "figures")


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to a file of this process's own beside `path`, then rename it over `path`: a
    process running side by side (two notebooks, two editions, two test workers) reads the old file
    or the new one, never half of one."""
    _ensure(path.parent)
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(path)


# Our own figures are drawn once per edition: `<name>` in English, `<name>.zh` in Chinese (the
# papers' figures, drawn as printed, stay in Chinese in both editions).
FIGURE_LANGUAGES = ("en", "zh")


def edition_figure(name: str, lang: str) -> str:
    return name if lang == "en" else f"{name}.{lang}"
