"""The variants of the audit held apart from the code: the precedence, one test per rule, on
constructed options and on the ledger's own claims; the axes file refused when it breaks a rule;
and the fragility file recomputed from the variants file with the csv module."""
from __future__ import annotations

import csv

import pytest

from compendium import audit, data, ledger, paths, variants
from compendium.data import DataError

ROOT = paths.ROOT


def _csv(name: str) -> list[dict]:
    with open(ROOT / "data" / "derived" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _option(axis, option, rank, source="alternative"):
    return variants.Option(axis, option, rank, source, ("window",))


# ---- the precedence, rule by rule ---------------------------------------------------------------

def test_the_paper_s_window_comes_first_whatever_the_order_of_the_options():
    options = [_option("window", "drop_first", 2), _option("window", "drop_last", 3), _option("window", "stated", 1, "ledger")]
    assert variants.precedence(options).option == "stated"
    assert variants.precedence(list(reversed(options))).option == "stated"


def test_the_group_the_sentence_names_comes_before_all_the_others():
    options = [_option("group", "default", 2), _option("group", "named", 1, "ledger")]
    assert variants.precedence(options).option == "named"
    # on the ledger: B53 sets the east against the centre and west (中西部), as its sentence does
    b53 = next(r for r in _csv("claims_audit.csv") if r["claim_id"] == "B53")
    assert '"against": ["Central", "West"]' in b53["cause_params"]


def test_a_named_vintage_is_kept_even_where_the_data_cannot_decide_it():
    """The precedence falls back only for a vintage the paper does not name: B53 names none, so it
    takes the first vintage in rank order that holds every province and year (the census revision,
    after the first release and final verification, which do not); named the first release, it stays
    there and is unverified."""
    claims, readings = ledger.load_claims(), ledger.load_readings()
    observations = data.load_all_observations()
    results = _results()
    read = audit.chosen_claims(claims, readings).set_index("claim_id", drop=False)
    axes = variants.load_axes()
    ledger_rows = claims.set_index("claim_id", drop=False)
    claim, *_ = variants.headline(read.loc["B53"], ledger_rows.loc["B53"], observations, results, readings, axes)
    assert claim["vintage"] == "census_revision"
    named = read.loc["B53"].copy()
    named["vintage"] = "first_release"
    claim, obs, fits, picked = variants.headline(named, ledger_rows.loc["B53"], observations, results, readings, axes)
    assert picked["vintage"].option == "stated" and claim["vintage"] == "first_release"
    assert audit.audit_claim(claim, obs, fits).verdict == "unverified"


def test_the_headline_of_every_claim_is_the_audit_s_verdict():
    """claims_audit.csv is the headline the precedence picks: its verdict is the variants file's
    headline row for every claim the variants judge."""
    heads = {r["claim_id"]: r["verdict"] for r in _csv("claims_variants.csv") if r["headline"] == "True"}
    audited = {r["claim_id"]: r["verdict"] for r in _csv("claims_audit.csv")}
    assert heads and all(audited[c] == v for c, v in heads.items()), {c: (audited[c], v) for c, v in heads.items()
                                                                    if audited[c] != v}


def _results():
    import pandas as pd
    return pd.read_csv(ROOT / "data" / "derived" / "regression_results.csv")


# ---- the axes file, refused with file, row and rule ----------------------------------------------

@pytest.mark.parametrize("edit, message", [
    (lambda t: t.replace("window,stated,1,ledger", "window,stated,4,ledger"), "ranked first"),
    (lambda t: t.replace("group,default,2,", "group,everyone,2,"), "row 23: option group:everyone is not implemented"),
    (lambda t: t.replace("tolerance,band_1pct,2,alternative,open,", "tolerance,band_1pct,two,alternative,open,"),
     "row 3: rank 'two' is not a whole number"),
    (lambda t: t.replace("window,drop_first,2,alternative,stress,", "window,drop_first,2,alternative,harsh,"),
     "row 18: test 'harsh' is not open or stress"),
])
def test_a_broken_axes_file_is_refused_naming_file_row_and_rule(tmp_path, edit, message):
    path = tmp_path / "variant_axes.csv"
    path.write_text(edit(variants.VARIANT_AXES.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=message):
        variants.load_axes(path)


# ---- the files, recomputed -----------------------------------------------------------------------

COMPARATIVE = ("comparison", "figure_statement")


def test_every_judged_comparison_has_at_least_three_variants():
    kinds = {r["claim_id"]: r["kind"] for r in _csv("claims_audit.csv")}
    judged = {r["claim_id"] for r in _csv("claims_audit.csv")
              if r["kind"] in COMPARATIVE and r["verdict"] in ("matches", "differs", "inconclusive")}
    counts = {}
    for r in _csv("claims_variants.csv"):
        counts[r["claim_id"]] = counts.get(r["claim_id"], 0) + 1
    assert judged and {c: counts.get(c, 0) for c in judged if counts.get(c, 0) < 3} == {}
    assert all(kinds[c] for c in counts)


def test_the_fragility_file_is_what_the_variants_file_says():
    """Decided variants (the data hold them: any verdict but unverified), those giving the headline
    verdict, the standing, and the smallest change that flips it: the first flipping variant of an
    axis the words leave open, else of a stress test, each in the axes file's order of axes, then
    the lowest rank, then the variant's name — recomputed here with the csv module."""
    with open(ROOT / "data" / "variant_axes.csv", encoding="utf-8", newline="") as handle:
        declared = list(csv.DictReader(handle))
    axis_order = list(dict.fromkeys(r["axis"] for r in declared))
    stress = {r["axis"] for r in declared if r["test"] == "stress"}
    assert stress == {"window", "group"}
    by_claim: dict[str, list[dict]] = {}
    for r in _csv("claims_variants.csv"):
        by_claim.setdefault(r["claim_id"], []).append(r)
    fragile = {r["claim_id"]: r for r in _csv("claims_fragility.csv")}
    assert set(fragile) == set(by_claim)
    for claim, rows in by_claim.items():
        head = next(r for r in rows if r["headline"] == "True")["verdict"]
        others = [r for r in rows if r["headline"] == "False"]
        decided = [r for r in others if r["verdict"] != "unverified"]
        flips = sorted((r for r in decided if r["verdict"] != head),
                       key=lambda r: (r["axis"] in stress, axis_order.index(r["axis"]), int(r["rank"]), r["variant_id"]))
        row = fragile[claim]
        counted = head != "unverified"
        assert (int(row["decided"]), int(row["holding"])) == (len(decided) + counted,
                                                               sum(r["verdict"] == head for r in decided) + counted), claim
        assert row["flip_variant"] == (flips[0]["variant_id"] if flips else ""), claim
        assert int(row["not_held"]) == len(others) - len(decided), claim
        status = ("untested" if not decided or not counted else "kept" if not flips
                  else "stress_only" if all(r["axis"] in stress for r in flips) else "changes")
        assert row["status"] == status, claim


def test_the_window_variants_of_b12_are_the_paper_s_years_less_one_at_either_end():
    """B12 (Guizhou's mean growth the lowest of the three): over 2019–2023 Guizhou's mean is not the
    lowest; leave 2019 out and it is — worked out here from data/raw/gdp.csv (first release)."""
    import statistics
    with open(paths.RAW / "gdp.csv", encoding="utf-8", newline="") as handle:
        growth = {(r["region"], int(r["year"])): float(r["value"]) for r in csv.DictReader(handle)
                  if r["measure"] == "gdp_real_growth" and r["vintage"] == "first_release"}

    def lowest(years):
        means = {region: statistics.fmean(growth[(region, y)] for y in years) for region in ("Shenzhen", "Anhui", "Guizhou")}
        return min(means, key=means.get) == "Guizhou"

    rows = {r["variant_id"]: r["verdict"] for r in _csv("claims_variants.csv") if r["claim_id"] == "B12"}
    assert rows["headline"] == ("matches" if lowest(range(2019, 2024)) else "differs")
    assert rows["window:drop_first"] == ("matches" if lowest(range(2020, 2024)) else "differs")
    assert rows["window:drop_last"] == ("matches" if lowest(range(2019, 2023)) else "differs")
    assert (rows["headline"], rows["window:drop_first"]) == ("differs", "matches")


def test_the_report_gives_each_claim_its_variants_in_both_editions():
    """The fragility cell of B53 on both pages: how many variants hold, and the smallest change that
    flips it, in each edition's words (written here)."""
    from compendium import report
    row = next(r for r in _csv("claims_fragility.csv") if r["claim_id"] == "B53")
    english = report.ENGLISH.output(".html").read_text(encoding="utf-8")
    chinese = report.CHINESE.output(".html").read_text(encoding="utf-8")
    others, kept = int(row["decided"]) - 1, int(row["holding"]) - 1  # the headline itself not counted
    assert (f"{kept} of the {others} other variants keep the verdict" in english
            and "matches if set against all the others, not only the group the sentence names (a stress test)" in english)
    assert (f"其余 {others} 种变体中，{kept} 种下判定不变" in chinese
            and "若与其余所有地区相比，而不只与句中所指的地区相比，则相符（稳健性检验）" in chinese)


def test_each_chosen_reading_is_judged_as_the_headline_is():
    """The readings table judges each reading at the headline of the other axes: the chosen
    reading's verdict is the audit's (it was not, for B53 and B60, when the readings skipped the
    vintage the precedence picks)."""
    audited = {r["claim_id"]: r["verdict"] for r in _csv("claims_audit.csv")}
    chosen = {r["claim_id"]: r["verdict"] for r in _csv("claims_readings.csv") if r["chosen"] == "True"}
    assert chosen and {c: (v, audited[c]) for c, v in chosen.items() if v != audited[c]} == {}


def test_the_verdict_table_s_parts_put_a_statistic_without_a_figure_among_the_statements():
    """A number the paper prints is a printed number; a statistic it names without a figure (经济下行,
    脱贫攻坚, 灵活就业, 宽带网络覆盖不全) is a statement about data, as is every comparison; the claims read as
    evaluations (A27, A32) are not statistics — written here from the papers."""
    part = {r["claim_id"]: r["part"] for r in _csv("claims_audit.csv")}
    assert {c: part[c] for c in ("A01", "A04", "B03", "B19")} == dict.fromkeys(("A01", "A04", "B03", "B19"), "number")
    assert {c: part[c] for c in ("A25", "A29", "A34", "B58", "B53", "B12")} == dict.fromkeys(
        ("A25", "A29", "A34", "B58", "B53", "B12"), "statement")
    assert part["A27"] == part["A32"] == "other"
