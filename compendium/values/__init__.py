"""The values each notebook hands to the report: one JSON file per notebook, `data/derived/values/<notebook>.json`.

A notebook's last cell computes, from the files it wrote, every number and word the report cites
of its work (the modules beside this one, one per notebook) and writes them here; the report only
reads these files and binds them. So the report imports no analysis, and a changed phrase re-runs
no notebook.

This module is on the loaders' floor: it reads and writes, and knows nothing of the analysis.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from .. import paths
from ..schema import OBSERVATION_FILES

DERIVED = paths.DATA / "derived"
FOLDER = DERIVED / "values"


def file(notebook: str) -> Path:
    """A notebook's values file in the repository, where the report reads it."""
    return FOLDER / f"{notebook}.json"


def derived(name: str) -> pd.DataFrame:
    """A derived table in the repository, as text, as written: no type guessing."""
    return pd.read_csv(DERIVED / name, keep_default_na=False, dtype=str)


def written(name: str) -> pd.DataFrame:
    """A table the running notebook has just written (to the build's staging directory, or to the
    repository when run by hand), as text: the values are computed from what the notebook wrote."""
    return pd.read_csv(paths.derived_dir() / name, keep_default_na=False, dtype=str)


def raw_rows() -> pd.DataFrame:
    """Every raw observation row, as text."""
    return pd.concat([pd.read_csv(paths.RAW / f, keep_default_na=False, dtype=str) for f in OBSERVATION_FILES.values()])


def _plain(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (JSON knows no numpy types)."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"a value of type {type(value).__name__} cannot be handed to the report: {value!r}")


def write(notebook: str, values: dict[str, Any]) -> Path:
    """Write a notebook's values, names sorted; floats as Python prints them, which read back exactly."""
    target = paths.derived_dir() / "values" / f"{notebook}.json"
    text = json.dumps(dict(sorted(values.items())), default=_plain, ensure_ascii=False, indent=1) + "\n"
    paths.write_whole(target, text.encode("utf-8"))
    return target


def read(notebook: str) -> dict[str, Any]:
    return json.loads(file(notebook).read_text(encoding="utf-8"))


def read_all(notebooks: list[str]) -> dict[str, Any]:
    """The values of all these notebooks in one table; a name two notebooks claim is an error naming both."""
    merged: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for notebook in notebooks:
        if not file(notebook).is_file():
            continue  # a notebook that hands over nothing (the diagrams)
        for name, value in read(notebook).items():
            if name in owner:
                raise ValueError(f"{file(notebook)}: value {name!r} is also written by {owner[name]}")
            owner[name], merged[name] = notebook, value
    return merged


def hand_over(owner: ModuleType) -> str:
    """Compute a notebook's values with its module here (`owner.NOTEBOOK`, `owner.compute`), write
    them, and say what was written: the file and how many values, NaN counted apart."""
    values = owner.compute()
    target = write(owner.NOTEBOOK, values)
    missing = sum(1 for v in values.values() if isinstance(v, float) and math.isnan(v))
    return f"data/derived/values/{target.name}: {len(values)} values for the report ({missing} not a number)"
