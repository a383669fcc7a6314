"""The plausibility check held apart from its code: every flag recomputed from the raw CSV files
with the csv, math and statistics modules; every flag resolved or listed open; the README's counts
are the derived file's; a planted outlier is flagged and a broken resolution row is named."""
from __future__ import annotations

import csv
import math
import re
import statistics
from collections import defaultdict

import pytest

from compendium import data, paths, plausibility, regions

PROVINCES = set(regions.PROVINCES)


def _csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _flags_by_hand(rows: list[dict]) -> dict[tuple, float]:
    """(region, year, measure, vintage) → the multiple, by the rule the README states: a province's
    change from the year before, less the provinces' median change that year, over the province's
    median absolute such departure; flagged above 6 and above 0.5 points (rates) or 0.1 in logs."""
    series: dict[tuple, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for r in rows:
        if r["region"] in PROVINCES:
            series[(r["measure"], r["vintage"])][r["region"]][int(r["year"])] = float(r["value"])
    found = {}
    for (measure, vintage), by_region in series.items():
        if len(by_region) < 20:
            continue
        points = measure in ("gdp_real_growth", "urbanisation_rate", "ecommerce_enterprise_share")
        change = {region: {y: (v[y] - v[y - 1]) if points else math.log(v[y] / v[y - 1])
                           for y in v if y - 1 in v and (points or (v[y] > 0 and v[y - 1] > 0))}
                  for region, v in by_region.items()}
        years = {y for c in change.values() for y in c}
        median = {y: statistics.median(c[y] for c in change.values() if y in c) for y in years}
        for region, c in change.items():
            departure = {y: c[y] - median[y] for y in c}
            if len(departure) < 4:
                continue
            spread = statistics.median(abs(d) for d in departure.values())
            for y, d in departure.items():
                if spread > 0 and abs(d) > 6 * spread and abs(d) > (0.5 if points else 0.1):
                    found[(region, y, measure, vintage)] = abs(d) / spread
    return found


def _raw_rows() -> list[dict]:
    return [r for path in sorted(paths.RAW.glob("*.csv")) for r in _csv(path)]


def test_every_flag_is_the_one_the_stated_rule_gives():
    by_hand = _flags_by_hand(_raw_rows())
    written = {(r["region"], int(r["year"]), r["measure"], r["vintage"]): float(r["multiple"])
               for r in _csv(paths.DATA / "derived" / "plausibility.csv")}
    assert set(written) == set(by_hand)
    assert all(abs(written[k] - by_hand[k]) <= 0.05 for k in written)  # the file keeps one decimal
    # one worked through: Guangxi's websites per 100 enterprises fall from 40.97 to 16 in 2015
    assert ("Guangxi", 2015, "websites_per_100_enterprises", "compiled") in written


def test_every_flag_is_resolved_or_listed_open_and_the_readme_counts_them():
    flagged = _csv(paths.DATA / "derived" / "plausibility.csv")
    assert {r["resolution"] for r in flagged} <= {"second_copy", "other_vintage", "confirmed", "kept", "corrected",
                                                  "unconfirmed", "open"}
    raw = {(r["region"], r["year"], r["measure"], r["vintage"]): r for r in _raw_rows()}
    for r in flagged:
        if r["resolution"] == "second_copy":  # both years have a second copy (held to it by test_corroboration)
            assert raw[(r["region"], str(int(r["year"]) - 1), r["measure"], r["vintage"])]["corroborated_by"]
            assert raw[(r["region"], r["year"], r["measure"], r["vintage"])]["corroborated_by"]
        elif r["resolution"] in ("confirmed", "kept", "corrected", "unconfirmed", "other_vintage"):
            assert r["support"], r
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    said = re.search(r"Of\s+(\d+) such values, (\d+) are printed.*?;\s+(\d+) move the same way.*?;\s+(\d+) were "
                     r"confirmed in another source, (\d+) are kept.*?, (\d+) were corrected,\s+(\d+) were searched.*?and\s+(\d+) "
                     r"are still open",
                     readme, re.S)
    assert said, "the README's plausibility sentence"
    counts = [len(flagged)] + [sum(r["resolution"] == k for r in flagged)
                               for k in ("second_copy", "other_vintage", "confirmed", "kept", "corrected", "unconfirmed",
                                         "open")]
    assert [int(n) for n in said.groups()] == counts


@pytest.fixture(scope="module")
def observations():
    return data.load_all_observations()


def test_a_planted_outlier_is_flagged_and_left_open(observations):
    """Heilongjiang's IT employment 2022 tripled (no second copy of it): a new flag, open."""
    row = (observations["region"] == "Heilongjiang") & (observations["year"] == 2022) & (
        observations["measure"] == "it_employment")
    assert row.sum() == 1
    planted = observations.assign(value=observations["value"].where(~row, observations["value"] * 3))
    found = plausibility.flags(planted, list(regions.PROVINCES))
    resolved = plausibility.resolve(found, planted, plausibility.load_resolutions(found=found))
    hit = resolved[(resolved["region"] == "Heilongjiang") & (resolved["year"] == 2022)
                   & (resolved["measure"] == "it_employment")]
    assert list(hit["resolution"]) == ["open"]


@pytest.mark.parametrize(("edit", "message"), [
    (lambda t: t.replace(",kept,", ",explained,", 1), r"row 1 \(file line 2\), column resolution: rule 'resolution is one of"),
    (lambda t: t.replace("Sichuan,2009,", "Sichuan,2010,", 1), r"rule 'a resolution answers a flag the check raises'"),
    (lambda t: t.replace("https://www.zgjct.com/news/547058.html", "", 1), r"rule 'confirmed and corrected name their evidence'"),
])
def test_a_broken_resolution_names_file_row_and_rule(tmp_path, observations, edit, message):
    path = tmp_path / "plausibility_resolutions.csv"
    path.write_text(edit(plausibility.RESOLUTIONS.read_text(encoding="utf-8")), encoding="utf-8")
    found = plausibility.flags(observations, list(regions.PROVINCES))
    with pytest.raises(data.DataError, match=message):
        plausibility.load_resolutions(path, found=found)
