"""Which claims does an edit of `data/raw` touch? Answered without a kernel, from the standard library.

The audit (notebook 03) writes every query each verdict made and every row it returned to
`data/derived/claims_evidence.csv` (`audit.Observations.select`). This module re-runs those
queries on the raw files as they are now and names each claim whose rows changed: a value or a
source edited, a row dropped, or a query that found nothing now finding something. `make verify`
prints them beside the notebooks to re-run.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

from . import paths
from .schema import OBSERVATION_FILES

EVIDENCE = paths.DATA / "derived" / "claims_evidence.csv"
RAW_PREFIX = "data/raw/"


def _read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _raw_rows(raw_dir: Path) -> list[dict[str, str]]:
    rows = []
    for file in OBSERVATION_FILES.values():
        path = raw_dir / file
        if path.is_file():
            rows += [row | {"file": RAW_PREFIX + file} for row in _read(path)]
    return rows


def _number(text: str) -> float | None:
    try:
        return round(float(text), 9)
    except ValueError:
        return None


def _key(row: dict[str, str]) -> tuple:
    return (row["file"], row["region"], str(int(float(row["year"]))) if row["year"] else "", row["measure"],
            row["vintage"], _number(row["value"]), row["source_id"])


def _matches(row: dict[str, str], query: dict[str, str]) -> bool:
    for field in ("measure", "region", "year", "vintage"):
        wanted = query[f"query_{field}"]
        if wanted and row[field] not in wanted.split("|"):
            return False
    return True


def changed_claims(raw_dir: Path | None = None, evidence: Path | None = None) -> dict[str, list[str]]:
    """claim id -> what changed in the rows its verdict rests on (empty when nothing did)."""
    raw = _raw_rows(raw_dir or paths.RAW)
    recorded: dict[tuple, set] = defaultdict(set)
    queries: dict[tuple, dict[str, str]] = {}
    for row in _read(evidence or EVIDENCE):
        if row["file"] and not row["file"].startswith(RAW_PREFIX):
            continue  # a derived input (the regression results): its notebook's lock covers it
        query = {k: row[k] for k in ("query_measure", "query_region", "query_year", "query_vintage")}
        ident = (row["claim_id"], *query.values())
        queries[ident] = query
        if row["found"] == "True":
            recorded[ident].add(_key(row))
    by_measure: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in raw:
        by_measure[row["measure"]].append(row)
    changed: dict[str, list[str]] = defaultdict(list)
    for ident, query in queries.items():
        # a query names its measures (or none, and then reads every row): only those rows can match
        measures = query["query_measure"].split("|") if query["query_measure"] else list(by_measure)
        now = {_key(r) for m in measures for r in by_measure.get(m, ()) if _matches(r, query)}
        before = recorded[ident]
        if now == before:
            continue
        claim = ident[0]
        what = "/".join(filter(None, (query["query_measure"], query["query_region"], query["query_year"],
                                      query["query_vintage"])))
        gone, new = before - now, now - before
        if gone:
            changed[claim].append(f"{what}: {len(gone)} row(s) changed or gone, e.g. {_show(sorted(gone, key=str)[0])}")
        if new:
            changed[claim].append(f"{what}: {len(new)} row(s) new or changed, e.g. {_show(sorted(new, key=str)[0])}")
    return dict(changed)


def _show(key: tuple) -> str:
    file, region, year, measure, vintage, value, source = key
    return f"{region} {year} {measure} ({vintage}) = {value:g} [{source}, {file}]" if value is not None else str(key)
