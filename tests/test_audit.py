"""Verdict rules on edge cases, and the audit of the committed ledger."""
import json

import pandas as pd
import pytest

from compendium import audit, data, ledger, regions, schema
from compendium.phrasebook import rules as rule_words
from compendium.phrasebook.sentences import say


def said(verdict) -> str:
    """A verdict's cause in English words, as the report says it."""
    return say("cause", verdict.why.code, verdict.why.params)


@pytest.mark.parametrize(("printed", "expected"), [("38.6", 0.05), ("2.6736", 0.00005), ("3", 0.5), ("1600", 0.5), ("0.468", 0.0005)])
def test_tolerance_is_half_a_unit_in_the_last_printed_digit(printed, expected):
    assert audit.tolerance(printed) == pytest.approx(expected)


@pytest.mark.parametrize(("official", "ok"), [(38.55, True), (38.6499, True), (38.65 + 1e-6, False), (38.54, False)])
def test_rounding_boundary(official, ok):
    assert audit.compare("38.6", "=", official) is ok


# Each comparator at its boundary, worked out from the wording (not from the code's output):
# 超过 X is strict, 不低于 X admits X, 约 X and a plain X round to the printed digits, 近 X is ±5 %.
@pytest.mark.parametrize(("printed", "comparator", "official", "ok"), [
    ("56", ">", 56, False), ("56", ">", 57, True), ("1600", ">", 1700, True), ("8", ">", 5.64, False),
    ("56", "≥", 56, True), ("56", "≥", 55.9, False),
    ("100", "<", 100, False), ("100", "<", 99.9, True), ("0", "<", -3.3, True),
    ("2.56", "~", 2.565, True), ("2.56", "~", 2.5651, False), ("2.56", "~", 2.50, False),
    ("2.56", "=", 2.555, True), ("2.56", "=", 2.5549, False),
    ("50", "≈", 47.5, True), ("50", "≈", 52.5, True), ("50", "≈", 47.49, False), ("50", "≈", 52.51, False),
    ("3.8", "≈", 3.61, True), ("3.8", "≈", 3.6, False),
])
def test_comparators_at_their_boundaries(printed, comparator, official, ok):
    assert audit.compare(printed, comparator, official) is ok


def test_every_comparator_of_the_ledger_has_a_rule_name_and_unknown_ones_fail():
    assert set(rule_words.COMPARATORS) == set(schema.COMPARATORS) == {"=", "~", ">", "<", "≥", "≈"}
    with pytest.raises(ValueError, match="unknown comparator"):
        audit.compare("1", "≫", 2)


def test_units_convert_from_the_data_unit_to_the_papers_unit():
    assert audit.convert(392000, "亿元", "万亿元") == pytest.approx(39.2)
    assert audit.convert(26736, "万人", "亿人") == pytest.approx(2.6736)
    with pytest.raises(ValueError, match="no conversion"):
        audit.convert(0.468, "ratio", "%")


def test_a_percentage_is_not_matched_by_a_fraction():
    observations = pd.DataFrame([{"region": "China", "year": 2020, "measure": "de_share_caict", "vintage": "as_published",
                                  "value": 0.386, "unit": "%", "source_id": "s", "confidence": "press"}])
    claim = pd.Series({"measure": "de_share_caict", "region": "China", "ref_year": 2020, "value": "38.6",
                       "unit": "%", "comparator": "="})
    assert audit.lookup(claim, observations).verdict == audit.DIFFERS


def _obs(rows):
    return pd.DataFrame([dict(zip(["region", "year", "measure", "vintage", "value", "unit", "source_id", "confidence"], r)) for r in rows])


def test_a_difference_explained_by_another_year_is_named():
    observations = _obs([("China", 2020, "gini_disposable_income", "as_published", 0.468, "ratio", "s20", "press"),
                         ("China", 2021, "gini_disposable_income", "as_published", 0.466, "ratio", "s21", "press")])
    claim = pd.Series({"measure": "gini_disposable_income", "region": "China", "ref_year": 2021, "value": "0.468",
                       "unit": "ratio", "comparator": "="})
    verdict = audit.lookup(claim, observations)
    assert verdict.verdict == audit.DIFFERS
    assert verdict.gap == pytest.approx(-0.002)
    assert said(verdict) == "the printed value is the official figure for 2020"


def test_a_figure_for_another_year_only_is_not_comparable_and_is_given():
    observations = _obs([("China", 2020, "gini_disposable_income", "as_published", 0.468, "ratio", "s20", "press")])
    claim = pd.Series({"measure": "gini_disposable_income", "region": "China", "ref_year": 2021, "value": "0.468",
                       "unit": "ratio", "comparator": "="})
    verdict = audit.lookup(claim, observations)
    assert (verdict.verdict, verdict.rule_id) == (audit.NOT_COMPARABLE, "another_date")
    assert verdict.official == pytest.approx(0.468) and "0.468 ratio for 2020 (s20)" in said(verdict)


def test_a_figure_of_another_definition_only_is_not_comparable_and_names_both_definitions():
    observations = _obs([("Shenzhen", 2021, "fiveg_coverage_key_venues", "as_published", 91, "%", "sz", "press")])
    claim = pd.Series({"measure": "fiveg_coverage|fiveg_coverage_key_venues", "region": "Shenzhen", "ref_year": 2021,
                       "value": "95", "unit": "%", "comparator": "="})
    verdict = audit.lookup(claim, observations)
    assert (verdict.verdict, verdict.rule_id, verdict.official) == (audit.NOT_COMPARABLE, "another_definition", 91)
    assert "coverage of the city" in said(verdict) and "key venues" in said(verdict)


def test_nothing_found_is_unverified_and_the_cause_says_what_data_holds():
    """The cause is computed from the look-up: relax one field at a time and say what is there."""
    empty = _obs([]).reindex(columns=["region", "year", "measure", "vintage", "value", "unit", "source_id", "confidence"])
    claim = pd.Series({"measure": "fiveg_coverage", "region": "Beijing", "ref_year": 2021, "value": "85", "unit": "%",
                       "comparator": "="})
    verdict = audit.lookup(claim, empty)
    assert (verdict.verdict, verdict.why.code) == (audit.UNVERIFIED, "measure_not_collected")
    other_city = _obs([("Shenzhen", 2021, "fiveg_coverage", "as_published", 95, "%", "s", "press")])
    verdict = audit.lookup(claim, other_city)
    assert (verdict.why.code, verdict.why.params["region"], verdict.why.params["held"]) == \
        ("region_not_collected", "Beijing", ["Shenzhen"])
    # the query that found nothing is logged (an unverified verdict rests on rows that do not exist yet)
    assert any(q.region == ("Beijing",) and q.year == (2021,) and rows.empty for q, rows in verdict.queries) or \
        verdict.queries == []  # lookup called directly keeps its own log


def test_a_look_up_logs_its_queries_with_the_rows_they_returned():
    observations = audit.Observations(_obs([("China", 2020, "gini_disposable_income", "as_published", 0.468, "ratio",
                                             "s20", "press")]))
    claim = pd.Series({"measure": "gini_disposable_income", "region": "China", "ref_year": 2021, "value": "0.468",
                       "unit": "ratio", "comparator": "=", "kind": "statistic", "check": "lookup"})
    verdict = audit.audit_claim(claim, observations, pd.DataFrame())
    logged = [(q.measure, q.region, q.year, len(rows)) for q, rows in verdict.queries]
    assert (("gini_disposable_income",), ("China",), (2021,), 0) in logged  # the year asked for: nothing
    assert (("gini_disposable_income",), ("China",), (), 1) in logged       # any year: the 2020 figure


def test_a_missing_measure_is_the_sum_of_its_published_components():
    parts = _obs([("Guizhou", 2021, "de_industrialization_share_caict", "as_published", 3.5, "%", "a", "press"),
                  ("Guizhou", 2021, "de_industry_digitalization_share_caict", "as_published", 31.8, "%", "a", "press")])
    claim = pd.Series({"measure": "de_share_caict", "region": "Guizhou", "ref_year": 2021, "value": "19.7", "unit": "%",
                       "comparator": "="})
    verdict = audit.lookup(claim, parts)
    assert verdict.verdict == audit.DIFFERS and verdict.official == pytest.approx(35.3)  # 3.5 + 31.8
    claim["value"] = "35.3"
    assert audit.lookup(claim, parts).verdict == audit.MATCHES


# A cumulative count does not fall: a later count at or below a "more than" threshold decides
# differs, an earlier count above it decides matches, anything else leaves it open.
@pytest.mark.parametrize(("rows", "expected"), [
    ([("Shanghai", 2022, "fiveg_base_stations_end_april", 5.1716)], audit.DIFFERS),   # April 2022 < 8: end-2021 was too
    ([("Shanghai", 2022, "fiveg_base_stations_end_april", 8.0)], audit.DIFFERS),      # exactly 8 later: end-2021 ≤ 8
    ([("Shanghai", 2022, "fiveg_base_stations_end_april", 9.0)], audit.UNVERIFIED),   # later and larger: says nothing
    ([("Shanghai", 2020, "fiveg_base_stations", 8.5)], audit.MATCHES),                # end-2020 already above 8
    ([("Shanghai", 2021, "fiveg_base_stations_end_april", 7.0)], audit.UNVERIFIED),   # earlier and below: says nothing
    ([("Shanghai", 2021, "fiveg_base_stations_end_april", 8.01)], audit.MATCHES),     # April 2021 is before the end of 2021
])
def test_a_cumulative_count_bounds_a_missing_year(rows, expected):
    observations = _obs([(r, y, m, "as_published", v, "万个", "s", "press") for r, y, m, v in rows])
    claim = pd.Series({"measure": "fiveg_base_stations", "region": "Shanghai", "ref_year": 2021, "value": "8",
                       "unit": "万个", "comparator": ">"})
    assert audit.lookup(claim, observations).verdict == expected


def test_a_projection_is_never_checked_against_an_outcome():
    claim = pd.Series({"claim_id": "X", "kind": "projection", "measure": "digital_economy_jobs", "region": "China",
                       "ref_year": 2025, "value": "3.8", "unit": "亿个", "comparator": "≈"})
    with pytest.raises(ValueError, match="projection"):
        audit.lookup(claim, _obs([("China", 2025, "digital_economy_jobs", "as_published", 3.8, "亿个", "s", "press")]))
    projected = claim.copy()
    projected["measure"] = "digital_economy_jobs_projection"
    observations = _obs([("China", 2025, "digital_economy_jobs_projection", "as_published", 3.79, "亿个", "p", "press"),
                         ("China", 2025, "digital_economy_jobs", "as_published", 1.0, "亿个", "o", "press")])
    verdict = audit.lookup(projected, observations)
    assert verdict.verdict == audit.MATCHES and verdict.source_id == "p"


def test_a_bound_said_of_several_regions_uses_their_total_and_a_partial_total_only_when_it_suffices():
    claim = pd.Series({"measure": "fiveg_base_stations", "region": "Shenzhen|Shanghai|Beijing", "ref_year": 2021,
                       "value": "8", "unit": "万个", "comparator": ">"})
    two = _obs([("Shenzhen", 2021, "fiveg_base_stations", "as_published", 5.1, "万个", "a", "press"),
                ("Beijing", 2021, "fiveg_base_stations", "as_published", 5.64, "万个", "b", "press")])
    assert audit.sum_of_regions(claim, two).verdict == audit.MATCHES  # 10.74 > 8 whatever Shanghai has
    small = two.assign(value=[3.0, 4.0])
    assert audit.sum_of_regions(claim, small).verdict == audit.UNVERIFIED  # 7 so far: Shanghai decides
    exact = claim.copy()
    exact["comparator"] = "="
    assert audit.sum_of_regions(exact, two).verdict == audit.UNVERIFIED  # a total needs every region


def test_nominal_growth_uses_the_base_the_bureau_published_on():
    observations = _obs([("China", 2019, "gdp", "first_release", 100.0, "亿元", "a", "press"),
                         ("China", 2020, "gdp", "first_release", 103.0, "亿元", "b", "press"),
                         ("China", 2019, "gdp", "final_verification", 99.0, "亿元", "c", "press")])
    growth = audit.nominal_growth_by_vintage(observations, "China", 2020)
    # first release of 2020 on the verified 2019 level; first release on first release is no published figure
    assert growth == {"first_release": pytest.approx(100 * (103 / 99 - 1))}


# ---- statements about the three regions' growth: hand-made series, answers worked out by hand

def _growth(values: dict[str, list[float]], national: list[float]) -> pd.DataFrame:
    rows = [(region, year, "gdp_real_growth", "first_release", v, "%", "s", "press")
            for region, series in {**values, "China": national}.items() for year, v in zip(range(2019, 2024), series)]
    return _obs(rows)


FLAT = [5.0, 5.0, 5.0, 5.0, 5.0]


def _statement(check, region, observations, year=None, value=""):
    claim = pd.Series({"check": check, "region": region, "ref_year": year if year else pd.NA, "value": value})
    return audit.statement(claim, observations).verdict


@pytest.mark.parametrize(("series", "threshold", "expected"), [
    ([5, 5, 5, 3.0, 3.0], "", audit.DIFFERS),     # no change is not a rise
    ([5, 5, 5, 3.0, 3.1], "", audit.MATCHES),
    ([5, 5, 5, 3.0, 5.0], "2", audit.DIFFERS),    # exactly the threshold is not more than it
    ([5, 5, 5, 3.0, 5.1], "2", audit.MATCHES),
])
def test_rise_is_strict_at_its_threshold(series, threshold, expected):
    observations = _growth({"Shenzhen": series, "Anhui": FLAT, "Guizhou": FLAT}, FLAT)
    assert _statement("rise", "Shenzhen", observations, 2023, threshold) == expected


def test_peak_and_ranks_refuse_ties():
    tied = _growth({"Shenzhen": [6, 4, 8, 4, 8], "Anhui": [6, 4, 9, 4, 6], "Guizhou": [5, 5, 5, 5, 5]}, FLAT)
    assert _statement("peak", "Shenzhen", tied, 2021) == audit.DIFFERS   # 8 in 2021 and in 2023
    assert _statement("peak", "Anhui", tied, 2021) == audit.MATCHES
    assert _statement("highest_mean", "Shenzhen", tied) == audit.MATCHES  # means 6.0, 5.8, 5.0
    assert _statement("highest_mean", "Anhui", tied) == audit.DIFFERS
    same_mean = _growth({"Shenzhen": [6, 6, 6, 6, 6], "Anhui": [7, 5, 6, 6, 6], "Guizhou": FLAT}, FLAT)
    assert _statement("highest_mean", "Shenzhen", same_mean) == audit.DIFFERS  # tie at 6.0
    assert _statement("lowest_mean", "Guizhou", same_mean) == audit.MATCHES


def test_volatility_orderings_by_standard_deviation_and_range():
    # Shenzhen: sd 0; Anhui: values 4,6 alternating (sd 1.10, range 2); Guizhou: one jump (sd 1.79, range 4)
    observations = _growth({"Shenzhen": FLAT, "Anhui": [4, 6, 4, 6, 4], "Guizhou": [5, 5, 9, 5, 5]}, FLAT)
    assert _statement("least_volatile", "Shenzhen", observations) == audit.MATCHES
    assert _statement("most_volatile", "Guizhou", observations) == audit.MATCHES
    assert _statement("most_volatile", "Anhui", observations) == audit.DIFFERS
    assert _statement("largest_range", "Guizhou", observations) == audit.MATCHES


def test_national_comparisons_are_strict():
    observations = _growth({"Shenzhen": [6, 2, 8, 3, 6], "Anhui": FLAT, "Guizhou": [5, 5, 5, 5, 4]}, [6, 2, 8, 3, 5])
    assert _statement("above_national_every_year", "Shenzhen", observations) == audit.DIFFERS  # equal in 2019
    assert _statement("mean_above_national", "Shenzhen", observations) == audit.MATCHES       # 5.0 vs 4.8
    assert _statement("above_national_in_year", "Shenzhen", observations, 2023) == audit.MATCHES
    assert _statement("above_national_in_year", "Shenzhen", observations, 2022) == audit.DIFFERS
    assert _statement("mean_below_national", "Guizhou", observations) == audit.DIFFERS         # 4.8 vs 4.8
    assert _statement("always_positive", "Shenzhen", observations) == audit.MATCHES
    assert _statement("lowest_in_year", "Guizhou", observations, 2023) == audit.MATCHES


def test_series_trends_need_the_years_they_compare():
    rows = [("China", y, "de_share_caict", "as_published", v, "%", "s", "press") for y, v in ((2019, 36.2), (2020, 38.6), (2021, 38.6))]
    claim = pd.Series({"check": "rises_every_year", "measure": "de_share_caict", "region": "China", "ref_year": 2021})
    assert audit.series_trend(claim, _obs(rows)).verdict == audit.DIFFERS  # flat in 2021 is no rise
    assert audit.series_trend(claim, _obs(rows[:2])).verdict == audit.UNVERIFIED
    gap = pd.Series({"check": "difference_falls", "measure": "income_urban|income_rural", "region": "China", "ref_year": 2021})
    incomes = _obs([("China", 2020, "income_urban", "as_published", 100, "元", "u", "press"),
                    ("China", 2021, "income_urban", "as_published", 110, "元", "u", "press"),
                    ("China", 2020, "income_rural", "as_published", 40, "元", "r", "press"),
                    ("China", 2021, "income_rural", "as_published", 45, "元", "r", "press")])
    assert audit.series_trend(gap, incomes).verdict == audit.DIFFERS  # ratio falls (2.5 → 2.44) but the gap grows 60 → 65


def _provinces(gdp_2019: dict, gdp_2023: dict) -> pd.DataFrame:
    from compendium import regions

    rows = [(r, year, "gdp", "first_release", values.get(r, 100.0), "亿元", "s", "press")
            for year, values in ((2019, gdp_2019), (2023, gdp_2023)) for r in regions.PROVINCES]
    return _obs(rows)


def _group(check, region, observations):
    return audit.group_statement(pd.Series({"check": check, "region": region, "ref_year": 2023}), observations).verdict


def test_rank_top_half_is_15th_or_better_of_31():
    # 14 provinces above Anhui: rank 15 (top half); 15 above: rank 16 (not)
    from compendium import regions

    others = [r for r in regions.PROVINCES if r != "Anhui"]
    fifteenth = _provinces({}, {**{r: 200.0 for r in others[:14]}, "Anhui": 150.0})
    sixteenth = _provinces({}, {**{r: 200.0 for r in others[:15]}, "Anhui": 150.0})
    assert _group("rank_top_half", "Anhui", fifteenth) == audit.MATCHES
    assert _group("rank_top_half", "Anhui", sixteenth) == audit.DIFFERS


def test_group_shares_compare_2019_with_the_year_and_a_majority_is_more_than_half():
    from compendium import regions

    east = regions.GROUPS["East"][1]
    # 2019: East 10 × 210 = 2100 of 2100 + 21 × 100 = 4200 → exactly 50 %; 2023: East 10 × 220 → 51.2 %
    data_ = _provinces({r: 210.0 for r in east}, {r: 220.0 for r in east})
    assert _group("group_share_rises", "East", data_) == audit.MATCHES
    assert _group("group_share_falls", "East", data_) == audit.DIFFERS
    half = _provinces({r: 210.0 for r in east}, {r: 210.0 for r in east})
    assert _group("group_share_majority", "East", half) == audit.DIFFERS     # 50 % is not a majority
    assert _group("group_share_rises", "East", half) == audit.DIFFERS        # unchanged is no rise
    missing = _provinces({}, {}).query("not (region == 'Tibet' and year == 2019)")
    assert _group("group_share_rises", "East", missing) == audit.UNVERIFIED


@pytest.mark.parametrize(("low", "high", "p_wild", "interval_verdict", "sign_verdict"), [
    (0.1, 0.5, 0.01, audit.MATCHES, audit.MATCHES),
    (0.1, 0.5, 0.05, audit.INCONCLUSIVE, audit.MATCHES),  # the bootstrap must agree: p = 0.05 is not below 0.05
    (0.1, 0.5, 0.20, audit.INCONCLUSIVE, audit.MATCHES),  # t(G-1) interval clear of zero, bootstrap not: fragile
    (-0.5, 0.1, 0.01, audit.INCONCLUSIVE, audit.DIFFERS),
    (-0.1, 0.5, 0.01, audit.INCONCLUSIVE, audit.MATCHES),
    (0.0, 0.5, 0.01, audit.INCONCLUSIVE, audit.MATCHES),   # an interval that reaches zero admits zero
    (-0.5, -0.1, 0.01, audit.DIFFERS, audit.DIFFERS),
    (-0.5, -0.1, 0.30, audit.INCONCLUSIVE, audit.DIFFERS),
])
def test_regression_verdict_follows_the_interval_and_the_bootstrap(low, high, p_wild, interval_verdict, sign_verdict):
    results = pd.DataFrame([{"specification": "P1 x", "headline": True, "coefficient": (low + high) / 2 - 0.1 * (low < 0 < high),
                             "ci_low": low, "ci_high": high, "p_value": 0.5, "p_wild": p_wild, "n": 300}])
    assert audit.regression_statement(results, "regression_interval").verdict == interval_verdict
    assert audit.regression_statement(results, "regression_sign").verdict == sign_verdict


# ---- the committed ledger ----------------------------------------------------------------

@pytest.fixture(scope="module")
def audited(pytestconfig):
    return pd.read_csv(data.paths.DATA / "derived" / "claims_audit.csv", keep_default_na=False)


def test_every_claim_is_unique_and_audited(audited):
    claims = ledger.load_claims()
    assert claims["claim_id"].is_unique
    assert list(audited["claim_id"]) == list(claims["claim_id"])
    assert set(audited["verdict"]) <= set(audit.VERDICTS)


def test_every_matches_or_differs_cites_a_source(audited):
    judged = audited[audited["verdict"].isin([audit.MATCHES, audit.DIFFERS, audit.NOT_COMPARABLE])]
    assert (judged["source_id"] != "").all()
    registered = set(data.load_sources()["source_id"])
    looked_up = {s for cell in judged["source_id"] if "/" not in cell for s in cell.split(";")}
    assert looked_up <= registered


def test_every_row_names_its_rule_and_every_unverified_claim_has_a_computed_cause_and_two_searches(audited):
    assert (audited["rule_id"] != "").all()
    unverified = audited[audited["verdict"] == audit.UNVERIFIED]
    computed = {"no_region", "measure_not_collected", "region_not_collected", "year_not_collected",
                "vintage_not_collected", "keys_not_collected", "bound_undecided", "regions_total_partial"}
    assert set(unverified["cause_code"]) <= computed, set(unverified["cause_code"]) - computed
    searches = ledger.load_searches()
    logged = searches.groupby("claim_id")["kind"].agg(set)
    for claim in unverified["claim_id"]:
        kinds = logged.get(claim, set())
        assert "publisher" in kinds and kinds & {"press", "repository"}, f"{claim}: searched {kinds or 'nowhere'}"
    assert not any("not searched" in say("cause", code, json.loads(params or "{}"))
               for code, params in zip(audited["cause_code"], audited["cause_params"]))


def test_known_verdicts_follow_from_the_data(audited):
    """Expectations worked out here from the raw files and the derived regression, not copied."""
    verdicts = audited.set_index("claim_id")["verdict"]
    observations = data.load_all_observations()
    incomes = observations[(observations["year"] == 2021) & observations["measure"].isin(["income_urban", "income_rural"])]
    ratio_2021 = incomes.set_index("measure")["value"]
    assert round(ratio_2021["income_urban"] / ratio_2021["income_rural"], 2) != 2.56
    assert verdicts["A08"] == audit.DIFFERS
    gini = observations[observations["measure"] == "gini_disposable_income"]
    assert 2021 not in set(gini["year"]) and len(gini)  # another year only
    assert verdicts["A07"] == audit.NOT_COMPARABLE
    guizhou = observations[(observations["region"] == "Guizhou") & (observations["year"] == 2021)].set_index("measure")["value"]
    assert "de_share_caict" not in guizhou  # CAICT's two components are there: 3.5 + 31.8 = 35.3, not 19.7
    assert guizhou["de_industrialization_share_caict"] + guizhou["de_industry_digitalization_share_caict"] == pytest.approx(35.3)
    assert verdicts["B05"] == audit.DIFFERS
    occupations = observations[(observations["measure"] == "new_occupations_published") & (observations["year"] == 2021)]
    assert occupations["value"].item() == 56  # "more than 56": not true of exactly 56, and another population
    assert verdicts["A20"] == audit.NOT_COMPARABLE
    results = pd.read_csv(data.paths.DATA / "derived" / "regression_results.csv")
    headline = results[results["headline"]].iloc[0]
    confirmed = headline["p_wild"] < 0.05  # the analysis plan's bootstrap level
    expected = audit.MATCHES if headline["ci_low"] > 0 and confirmed else \
        audit.DIFFERS if headline["ci_high"] < 0 and confirmed else audit.INCONCLUSIVE
    assert verdicts["B15"] == expected


def test_verdict_counts_add_up_and_every_verdict_is_on_the_scale(audited):
    assert set(audited["verdict"]) <= set(audit.VERDICTS)
    assert len(audited) == len(ledger.load_claims())


# ---- the readings log ---------------------------------------------------------------------

def test_committed_readings_validate_and_the_chosen_reading_reproduces_the_ledger_verdict(audited):
    readings = pd.read_csv(data.paths.DATA / "derived" / "claims_readings.csv", keep_default_na=False)
    chosen = readings[readings["chosen"] == "True"].set_index("claim_id")["verdict"]
    assert (chosen == audited.set_index("claim_id").loc[chosen.index, "verdict"]).all()
    flips = audited.loc[audited["verdict_changes_with_reading"] == "True", "claim_id"]
    assert set(flips) == set(readings.loc[readings["verdict_differs_from_chosen"] == "True", "claim_id"])
    # the per-city and joint readings of "more than 80 000" disagree for Shenzhen (5.1 each; 10.74 together)
    b19 = readings[readings["claim_id"] == "B19"].set_index("reading_id")["verdict"]
    assert (b19["a"], b19["b"]) == (audit.DIFFERS, audit.MATCHES)


def _broken_readings(tmp_path, edit):
    lines = ledger.READINGS.read_text(encoding="utf-8").splitlines()
    lines = edit(lines)
    path = tmp_path / "readings.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "message"), [
    (lambda ls: ls + ["Z99,a,yes,a reading of a claim that does not exist,,,,,,,,"],
     r"readings\.csv, row \d+ \(file line \d+\), column claim_id: rule 'claim_id is a claim of data/claims.csv'"),
    (lambda ls: [line.replace("B19,a,yes,", "B19,a,no,", 1) for line in ls],
     r"rule 'each claim has exactly one chosen reading'"),
    (lambda ls: [line for line in ls if not line.startswith("B19,b,")],
     r"rule 'each claim has at least one other reading'"),
    (lambda ls: ls + [next(line for line in ls if line.startswith("B19,b,")).replace("B19,b,", "B19,c,", 1)],
     r"rule 'the readings of a claim differ in at least one field"),
    (lambda ls: [line.replace(",regression_sign,", ",sign_of_the_moon,", 1) for line in ls],
     r"column check: rule 'check is empty or a known check' failed \(found 'sign_of_the_moon'\)"),
])
def test_a_broken_readings_log_names_file_row_and_rule(tmp_path, edit, message):
    with pytest.raises(data.DataError, match=message):
        ledger.load_readings(_broken_readings(tmp_path, edit))


# ---- rules over the 31 provinces and comparisons: hand-made data, answers worked out by hand ---

def _all_provinces(measure, vintage, values_by_year, unit="%"):
    """values_by_year: year -> callable(province) -> value."""
    return [(p, y, measure, vintage, f(p), unit, "s", "press") for y, f in values_by_year.items() for p in regions.PROVINCES]


def _check(check, region, rows, year, start, **extra):
    claim = pd.Series({"check": check, "region": region, "ref_year": year, "start_year": start, "measure": "",
                       "vintage": "database_2021"} | extra)
    return audit.group_statement(claim, _obs(rows))


def test_group_growth_against_the_other_provinces():
    east = set(regions.GROUPS["East"][1])
    faster = _all_provinces("gdp_real_growth", "database_2021", {2012: lambda p: 8.0 if p in east else 7.0,
                                                                  2013: lambda p: 7.0 if p in east else 7.5})
    # East: mean(8, 7) = 7.5; the other 21 provinces: mean(7, 7.5) = 7.25
    verdict = _check("group_growth_above_rest", "East", faster, 2013, 2012)
    assert verdict.verdict == audit.MATCHES and verdict.official == pytest.approx(7.5)
    assert _check("group_growth_below_rest", "East", faster, 2013, 2012).verdict == audit.DIFFERS
    missing = [r for r in faster if not (r[0] == "Tibet" and r[1] == 2013)]
    verdict = _check("group_growth_above_rest", "East", missing, 2013, 2012)
    assert verdict.verdict == audit.UNVERIFIED and "Tibet 2013" in said(verdict)


def test_group_growth_after_a_start_year_against_the_years_before():
    ne = set(regions.GROUPS["Northeast"][1])
    rows = _all_provinces("gdp_real_growth", "database_2021", {2002: lambda p: 9.0, 2003: lambda p: 9.0,
                                                               2004: lambda p: 10.0 if p in ne else 5.0,
                                                               2005: lambda p: 9.0 if p in ne else 5.0})
    # north-east: 9.0 before 2004, mean(10, 9) = 9.5 from 2004 on
    verdict = _check("group_growth_rises_after", "Northeast", rows, 2005, 2004)
    assert verdict.verdict == audit.MATCHES and verdict.official == pytest.approx(9.5)


def test_dispersion_of_gdp_per_head_by_hand():
    # 2019: every province 10 亿元 over 1 万人: no dispersion. 2023: Beijing doubles: CV > 0
    gdp = _all_provinces("gdp", "census_revision", {2019: lambda p: 10.0, 2023: lambda p: 20.0 if p == "Beijing" else 10.0},
                         unit="亿元")
    population = _all_provinces("population", "database_2025", {2019: lambda p: 1.0, 2023: lambda p: 1.0}, unit="万人")
    rows = gdp + population
    rises = _check("dispersion_rises", "", rows, 2023, 2019, vintage="census_revision")
    # by hand: 30 values of 10 and one of 20: mean 320/31 = 10.3226, population sd sqrt((30·0.3226² + 9.6774²)/31)
    # = 1.7668, CV 0.17116
    assert rises.verdict == audit.MATCHES and rises.official == pytest.approx(0.1712, abs=1e-4)
    assert _check("dispersion_falls", "", rows, 2023, 2019, vintage="census_revision").verdict == audit.DIFFERS


def test_a_provinces_share_against_the_31_provinces_together():
    gdp = _all_provinces("gdp", "census_revision", {2021: lambda p: 100.0}, unit="亿元")
    secondary = _all_provinces("secondary_value_added", "census_revision", {2021: lambda p: 41.0 if p == "Anhui" else 38.0},
                               unit="亿元")
    # Anhui 41 %; together (41 + 30 × 38) / 3100 = 38.10 %
    verdict = _check("share_above_national", "Anhui", gdp + secondary, 2021, None, vintage="census_revision",
                     measure="secondary_value_added|gdp")
    assert verdict.verdict == audit.MATCHES and verdict.official == pytest.approx(41.0)


@pytest.mark.parametrize(("check", "regions_", "values", "expected"), [
    ("first_below_others", "China|USA|Japan", (5.4, 13.6, 2.48), audit.DIFFERS),   # above Japan
    ("first_below_others", "China|USA", (5.4, 13.6), audit.MATCHES),
    ("first_above_others", "Hefei|Wuhu", (11412.8, 4302.63), audit.MATCHES),
    ("first_above_others", "Hefei|Wuhu", (4302.63, 4302.63), audit.DIFFERS),      # a tie is not above
])
def test_one_measure_across_regions(check, regions_, values, expected):
    names = regions_.split("|")
    rows = [(n, 2020, "de_scale_usd_caict", "as_published", v, "万亿美元", "s", "press") for n, v in zip(names, values)]
    claim = pd.Series({"check": check, "region": regions_, "ref_year": 2020, "measure": "de_scale_usd_caict"})
    assert audit.comparison(claim, _obs(rows)).verdict == expected


def test_two_measures_of_one_region_and_a_value_against_its_start_year():
    rows = [("China", 2021, "netizen_share_60plus", "as_published", 11.5, "%", "a", "press"),
            ("China", 2021, "population_60plus_share", "as_published", 18.9, "%", "b", "press")]
    claim = pd.Series({"check": "below_other_measure", "region": "China", "ref_year": 2021,
                       "measure": "netizen_share_60plus|population_60plus_share"})
    assert audit.comparison(claim, _obs(rows)).verdict == audit.MATCHES
    assert audit.comparison(claim, _obs(rows[:1])).verdict == audit.UNVERIFIED
    employed = _obs([("China", 2012, "employed_persons", "first_release", 76704, "万人", "a", "press"),
                     ("China", 2021, "employed_persons", "first_release", 74652, "万人", "b", "press")])
    later = pd.Series({"check": "higher_than_start", "region": "China", "ref_year": 2021, "start_year": 2012,
                       "measure": "employed_persons"})
    assert audit.series_trend(later, employed).verdict == audit.DIFFERS       # 74652 < 76704
    assert audit.series_trend(later.copy().replace({"higher_than_start": "lower_than_start"}), employed).verdict == audit.MATCHES
