"""Verdict rules on edge cases, and the audit of the committed ledger."""
import pandas as pd
import pytest

from compendium import audit, data


@pytest.mark.parametrize(("printed", "expected"), [("38.6", 0.05), ("2.6736", 0.00005), ("3", 0.5), ("1600", 0.5), ("0.468", 0.0005)])
def test_tolerance_is_half_a_unit_in_the_last_printed_digit(printed, expected):
    assert audit.tolerance(printed) == pytest.approx(expected)


@pytest.mark.parametrize(("official", "ok"), [(38.55, True), (38.6499, True), (38.65 + 1e-6, False), (38.54, False)])
def test_rounding_boundary(official, ok):
    assert audit.compare("38.6", "=", official) is ok


def test_more_than_accepts_equal_and_larger_only():
    assert audit.compare("1600", "≥", 1700)
    assert audit.compare("7700", "≥", 7700)
    assert not audit.compare("8", "≥", 5.64)


def test_nearly_allows_five_percent():
    assert audit.compare("50", "≈", 47.6)
    assert not audit.compare("50", "≈", 30.5)


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
    assert verdict.cause == "the printed value is the official figure for 2020"


def test_missing_year_is_unverified_not_differs():
    observations = _obs([("China", 2020, "gini_disposable_income", "as_published", 0.468, "ratio", "s20", "press")])
    claim = pd.Series({"measure": "gini_disposable_income", "region": "China", "ref_year": 2021, "value": "0.468",
                       "unit": "ratio", "comparator": "="})
    verdict = audit.lookup(claim, observations)
    assert verdict.verdict == audit.UNVERIFIED and "published for 2020 (0.468)" in verdict.cause


def test_nominal_growth_is_computed_within_each_vintage():
    observations = _obs([("China", 2019, "gdp", "first_release", 100.0, "亿元", "a", "press"),
                         ("China", 2020, "gdp", "first_release", 103.0, "亿元", "b", "press"),
                         ("China", 2019, "gdp", "final_verification", 99.0, "亿元", "c", "press")])
    growth = audit.nominal_growth_by_vintage(observations, "China", 2020)
    assert growth == {"first_release": pytest.approx(3.0), "first_release on final base": pytest.approx(100 * (103 / 99 - 1))}


# ---- the committed ledger ----------------------------------------------------------------

@pytest.fixture(scope="module")
def audited(pytestconfig):
    return pd.read_csv(data.paths.DATA / "derived" / "claims_audit.csv", keep_default_na=False)


def test_every_claim_is_unique_and_audited(audited):
    claims = data.load_claims()
    assert claims["claim_id"].is_unique
    assert list(audited["claim_id"]) == list(claims["claim_id"])
    assert set(audited["verdict"]) <= set(audit.VERDICTS)


def test_every_matches_or_differs_cites_a_source(audited):
    judged = audited[audited["verdict"].isin([audit.MATCHES, audit.DIFFERS])]
    assert (judged["source_id"] != "").all()
    registered = set(data.load_sources()["source_id"])
    looked_up = judged[~judged["source_id"].str.contains("/")]
    assert set(looked_up["source_id"]) <= registered


def test_known_verdicts_follow_from_the_data(audited):
    verdicts = audited.set_index("claim_id")["verdict"]
    # values recomputed here from the raw files, not copied from the audit
    observations = data.load_all_observations()
    incomes = observations[(observations["year"] == 2021) & observations["measure"].isin(["income_urban", "income_rural"])]
    ratio_2021 = incomes.set_index("measure")["value"]
    assert round(ratio_2021["income_urban"] / ratio_2021["income_rural"], 2) != 2.56
    assert verdicts["A08"] == audit.DIFFERS
    assert verdicts["A07"] == audit.UNVERIFIED
    assert verdicts["B05"] == audit.DIFFERS
