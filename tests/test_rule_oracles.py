"""Each rule family's official value, worked out apart from the pipeline.

The raw rows are read with the csv module, the groups of provinces are typed here from the NBS
division (东部 10, 中部 6), and every statistic is a hand formula stated in its test. The committed
`data/derived/claims_audit.csv` must hold the same number: a rule that computes on another scale,
another vintage or another group, and is rebuilt and committed, fails here.
"""
from __future__ import annotations

import csv
import statistics

import pytest

from compendium.paths import ROOT

RAW_FILES = ("gdp.csv", "indicators.csv", "provincial_panel.csv", "digital_economy.csv")
# The NBS's eastern and central provinces (国家统计局 东中西部和东北地区划分), typed here
EAST = ("Beijing", "Tianjin", "Hebei", "Shanghai", "Jiangsu", "Zhejiang", "Fujian", "Shandong", "Guangdong", "Hainan")
CENTRAL = ("Shanxi", "Anhui", "Jiangxi", "Henan", "Hubei", "Hunan")
PAPER_B_YEARS = range(2019, 2024)


@pytest.fixture(scope="module")
def raw() -> list[dict]:
    rows = []
    for name in RAW_FILES:
        with open(ROOT / "data" / "raw" / name, encoding="utf-8", newline="") as handle:
            rows += list(csv.DictReader(handle))
    return rows


@pytest.fixture(scope="module")
def audited() -> dict[str, dict]:
    """The audit file's rows, each with its cause in English words (rendered from its code and
    parameters, as the report renders it)."""
    import json

    from compendium.phrasebook.sentences import say
    with open(ROOT / "data" / "derived" / "claims_audit.csv", encoding="utf-8", newline="") as handle:
        return {r["claim_id"]: r | {"cause": say("cause", r["cause_code"], json.loads(r["cause_params"] or "{}"))}
                for r in csv.DictReader(handle)}


def _value(raw, measure, region, year, vintage) -> float:
    found = [float(r["value"]) for r in raw if (r["measure"], r["region"], r["year"], r["vintage"])
             == (measure, region, str(year), vintage)]
    assert len(found) == 1, (measure, region, year, vintage, found)
    return found[0]


def _cited(claim: str) -> set[tuple]:
    """(measure, region, year, vintage) of every row the claim's verdict cites in claims_evidence.csv."""
    with open(ROOT / "data" / "derived" / "claims_evidence.csv", encoding="utf-8", newline="") as handle:
        return {(r["measure"], r["region"], r["year"], r["vintage"]) for r in csv.DictReader(handle)
                if r["claim_id"] == claim and r["found"] == "True"}


def _provinces(raw) -> list[str]:
    """The 31 provincial-level divisions: the regions with a census-revised GDP for 2023, less China."""
    found = sorted({r["region"] for r in raw if (r["measure"], r["year"], r["vintage"]) == ("gdp", "2023", "census_revision")}
                   - {"China"})
    assert len(found) == 31
    return found


def test_ratio_family_urban_over_rural_income(raw, audited):
    """A08: urban over rural per-capita disposable income, 2021, from the two printed levels."""
    ratio = _value(raw, "income_urban", "China", 2021, "as_published") / _value(raw, "income_rural", "China", 2021, "as_published")
    assert float(audited["A08"]["official"]) == pytest.approx(ratio, abs=5e-6)
    assert audited["A08"]["verdict"] == "differs"  # 2.50 at two decimals, not the printed 2.56


def test_multiple_family_digital_economy_growth_over_nominal_gdp_growth(raw, audited):
    """A04: 9.7 % over nominal GDP growth of 2020, taken in each vintage on the base that vintage was
    published on (a first release on the previous year's verified level; verified on verified;
    census-revised on census-revised); the official figure is the smallest of the multiples."""
    growth = _value(raw, "de_growth_caict", "China", 2020, "as_published")

    def nominal(now, base):
        return 100 * (_value(raw, "gdp", "China", 2020, now) / _value(raw, "gdp", "China", 2019, base) - 1)

    multiples = [growth / nominal(now, base) for now, base in (("first_release", "final_verification"),
                                                                ("final_verification", "final_verification"),
                                                                ("census_revision", "census_revision"))]
    assert float(audited["A04"]["official"]) == pytest.approx(min(multiples), abs=5e-6)
    assert min(multiples) > 3 and audited["A04"]["verdict"] == "matches"
    # every value the computation used is cited (a look-up outside the logged path would drop them)
    used = {("de_growth_caict", "China", "2020", "as_published")} | {
        ("gdp", "China", year, vintage) for year, vintage in (("2020", "first_release"), ("2020", "final_verification"),
                                                             ("2020", "census_revision"), ("2019", "final_verification"),
                                                             ("2019", "census_revision"))}
    assert used <= _cited("A04"), used - _cited("A04")


def test_rank_family_anhui_by_gdp_among_the_31_provinces(raw, audited):
    """B39: Anhui's place when the 31 provinces are sorted by 2023 GDP, largest first (first release)."""
    gdp = {p: _value(raw, "gdp", p, 2023, "first_release") for p in _provinces(raw)}
    rank = sorted(gdp, key=gdp.get, reverse=True).index("Anhui") + 1
    assert float(audited["B39"]["official"]) == rank
    assert {("gdp", p, "2023", "first_release") for p in gdp} <= _cited("B39")
    assert f"ranks {rank} of 31" in audited["B39"]["cause"]


@pytest.mark.parametrize("claim, group, measure, vintage, first, last", [
    ("B40", EAST, "gdp", "first_release", 2019, 2023),
    ("B52", CENTRAL, "gdp", "database_2021", 2006, 2017),
])
def test_group_share_family_of_the_provinces_together(raw, audited, claim, group, measure, vintage, first, last):
    """A group's share of the sum over all 31 provinces (not of the national figure), in percent."""
    provinces = _provinces(raw)

    def share(year):
        return 100 * sum(_value(raw, measure, p, year, vintage) for p in group) / sum(
            _value(raw, measure, p, year, vintage) for p in provinces)

    assert float(audited[claim]["official"]) == pytest.approx(share(last), abs=5e-5)
    assert f"{share(first):.2f} % ({first})" in audited[claim]["cause"]


def test_share_family_anhui_secondary_industry_over_gdp(raw, audited):
    """B54: secondary-industry value added over GDP, Anhui 2021, both census-revised, in percent."""
    share = 100 * _value(raw, "secondary_value_added", "Anhui", 2021, "census_revision") / _value(
        raw, "gdp", "Anhui", 2021, "census_revision")
    assert float(audited["B54"]["official"]) == pytest.approx(share, abs=5e-5)


def test_dispersion_family_coefficient_of_variation_of_gdp_per_head(raw, audited):
    """B36/B37: across the 31 provinces, census-revised GDP over year-end population (the database
    as kept in 2025), 2023; coefficient of variation = population standard deviation over the mean."""
    provinces = _provinces(raw)
    per_head = [_value(raw, "gdp", p, 2023, "census_revision") / _value(raw, "population", p, 2023, "database_2025")
                for p in provinces]
    cv = statistics.pstdev(per_head) / statistics.mean(per_head)
    for claim, start in (("B36", "2019"), ("B37", "2011")):
        assert float(audited[claim]["official"]) == pytest.approx(cv, abs=5e-5), claim
        # both years' GDP and population of every province are cited (none looked up off the log)
        needed = {(m, p, y, v) for p in provinces for y in (start, "2023")
                  for m, v in (("gdp", "census_revision"), ("population", "database_2025"))}
        assert needed <= _cited(claim), (claim, sorted(needed - _cited(claim))[:3])


def _growth(raw, region) -> list[float]:
    return [_value(raw, "gdp_real_growth", region, year, "first_release") for year in PAPER_B_YEARS]


def test_volatility_family_sample_standard_deviation_of_growth(raw, audited):
    """B11/B13: the sample standard deviation (n − 1) of first-release real growth 2019–2023 of the
    three regions; B29 sets Anhui against the one region its sentence contrasts, Guizhou."""
    sd = {region: statistics.stdev(_growth(raw, region)) for region in ("Shenzhen", "Anhui", "Guizhou")}
    for claim in ("B11", "B13"):
        cause = audited[claim]["cause"]
        assert all(f"{region} {value:.2f}" in cause for region, value in sd.items()), (claim, cause)
    assert audited["B13"]["verdict"] == ("matches" if max(sd, key=sd.get) == "Guizhou" else "differs")
    assert audited["B11"]["verdict"] == ("matches" if min(sd, key=sd.get) == "Guizhou" else "differs")
    assert audited["B29"]["cause"] == f"standard deviation of growth: Anhui {sd['Anhui']:.2f}, Guizhou {sd['Guizhou']:.2f}"
    assert audited["B29"]["verdict"] == ("matches" if sd["Anhui"] < sd["Guizhou"] else "differs")


def test_mean_family_growth_against_the_national_mean(raw, audited):
    """B14/B32: mean first-release real growth 2019–2023 of each region and of China; B34 reads
    Guizhou's 'rapid development' of digitalisation as its digital-economy growth against the
    national (CAICT, 2021)."""
    mean = {region: statistics.mean(_growth(raw, region)) for region in ("Shenzhen", "Anhui", "Guizhou", "China")}
    assert f"Shenzhen {mean['Shenzhen']:.2f}, Anhui {mean['Anhui']:.2f}, Guizhou {mean['Guizhou']:.2f}" in audited["B14"]["cause"]
    for claim, region in (("B32", "Shenzhen"),):
        cause = audited[claim]["cause"]
        assert f"{region}'s mean growth 2019–2023 {mean[region]:.2f} %, national {mean['China']:.2f} %" in cause, cause
        assert audited[claim]["verdict"] == ("matches" if mean[region] > mean["China"] else "differs")
    digital = {r["region"]: float(r["value"]) for r in raw if r["measure"] == "de_growth_caict" and r["year"] == "2021"}
    assert audited["B34"]["cause"] == ("digital economy (CAICT broad definition), nominal growth, 2021: "
                                       f"Guizhou {digital['Guizhou']:g}, China {digital['China']:g}")
    assert audited["B34"]["verdict"] == ("matches" if digital["Guizhou"] > digital["China"] else "differs")


def test_share_family_a_province_against_the_31_provinces_together(raw, audited):
    """B54: Anhui's secondary-industry share of GDP (2021, census revision) against the share of the
    31 provinces together — their summed secondary value added over their summed GDP, not the mean of
    the provinces' own shares (the two differ: 38.12 against 36.79 in these data)."""
    import json

    provinces = _provinces(raw)
    top = {p: _value(raw, "secondary_value_added", p, 2021, "census_revision") for p in provinces}
    bottom = {p: _value(raw, "gdp", p, 2021, "census_revision") for p in provinces}
    together = 100 * sum(top.values()) / sum(bottom.values())
    own = 100 * top["Anhui"] / bottom["Anhui"]
    params = json.loads(audited["B54"]["cause_params"])
    assert params["provinces"] == pytest.approx(together, rel=1e-9)
    assert float(audited["B54"]["official"]) == pytest.approx(own, abs=5e-5)
    assert audited["B54"]["verdict"] == ("matches" if own > together else "differs")
    # numerator and denominator of every province are cited, the GDP rows too
    assert {(m, p, "2021", "census_revision") for p in provinces for m in ("secondary_value_added", "gdp")} <= _cited("B54")


WEST = ("Inner Mongolia", "Guangxi", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi", "Gansu", "Qinghai",
        "Ningxia", "Xinjiang")


@pytest.mark.parametrize("claim, group, first, last", [
    ("B50", WEST, 2000, 2019), ("B63", CENTRAL, 2006, 2019),
])
def test_group_growth_family_against_the_other_provinces(raw, audited, claim, group, first, last):
    """The group's mean real growth (2021 database) over the years against the mean of the *other*
    provinces — the group itself left out of 'the rest'."""
    import json

    provinces = _provinces(raw)
    years = range(first, last + 1)

    def mean(members):
        return statistics.fmean(_value(raw, "gdp_real_growth", p, y, "database_2021") for p in members for y in years)

    params = json.loads(audited[claim]["cause_params"])
    assert params["group_mean"] == pytest.approx(mean(group), rel=1e-12)
    assert params["rest_mean"] == pytest.approx(mean([p for p in provinces if p not in group]), rel=1e-12)
    assert audited[claim]["verdict"] == ("matches" if mean(group) > params["rest_mean"] else "differs")


@pytest.mark.parametrize("claim", ["B53", "B60"])
def test_the_east_against_the_centre_and_west_over_paper_b_s_years(raw, audited, claim):
    """B53/B60 set the east against 中西部 (the centre and west) the sentence names, over Paper B's
    years 2019–2023. The first release lacks Guangdong 2019 and four provinces in 2022, so the
    headline takes the census revision, which holds all 31 provinces in every year."""
    import json

    def mean(members, vintage):
        return statistics.fmean(_value(raw, "gdp_real_growth", p, y, vintage) for p in members for y in PAPER_B_YEARS)

    held = {(r["region"], int(r["year"])) for r in raw if r["measure"] == "gdp_real_growth" and r["vintage"] == "first_release"}
    assert ("Guangdong", 2019) not in held
    east, centre_west = mean(EAST, "census_revision"), mean(CENTRAL + WEST, "census_revision")
    params = json.loads(audited[claim]["cause_params"])
    assert (params["vintage"], params["start"], params["year"]) == ("census_revision", 2019, 2023)
    assert params["group_mean"] == pytest.approx(east, rel=1e-12)
    assert params["rest_mean"] == pytest.approx(centre_west, rel=1e-12)
    assert audited[claim]["verdict"] == ("matches" if east > centre_west else "differs") == "differs"
    # against all 21 other provinces instead (its variant in claims_variants.csv), the east is ahead
    rest = [p for p in _provinces(raw) if p not in EAST]
    with open(ROOT / "data" / "derived" / "claims_variants.csv", encoding="utf-8", newline="") as handle:
        variant = next(r for r in csv.DictReader(handle) if r["claim_id"] == claim and r["variant_id"] == "group:default")
    assert json.loads(variant["cause_params"])["rest_mean"] == pytest.approx(mean(rest, "census_revision"), rel=1e-12)
    assert variant["verdict"] == ("matches" if east > mean(rest, "census_revision") else "differs") == "matches"


def test_the_pku_proxy_readings_of_digitalisation(raw, audited):
    """B43, B45, B62 read 数智化 through the PKU index (the copy in data/raw, as published), as their
    logged readings say, as logged readings only: the paper names no measure. B45 (Guizhou below Anhui
    and Guangdong, Shenzhen's province, 2021) matches on it; for B43 (Anhui 'middle': the middle third or the middle half?) and B62
    (the gap: relative or in index points?) the two cuts give opposite verdicts, so the headline is
    unverified and the proxy readings are logged — each worked out here."""
    import json
    with open(ROOT / "data" / "raw" / "digital_indicators.csv", encoding="utf-8", newline="") as handle:
        index = {(r["region"], int(r["year"])): float(r["value"]) for r in csv.DictReader(handle)
                 if r["measure"] == "pku_index_copy"}
    with open(ROOT / "data" / "derived" / "claims_readings.csv", encoding="utf-8", newline="") as handle:
        readings = {(r["claim_id"], r["reading_id"]): r for r in csv.DictReader(handle)}
    provinces = _provinces(raw)
    rank = 1 + sum(index[(p, 2021)] > index[("Anhui", 2021)] for p in provinces)
    assert json.loads(readings[("B43", "a")]["cause_params"])["rank"] == rank
    assert readings[("B43", "a")]["verdict"] == ("matches" if 11 <= rank <= 21 else "differs") == "differs"
    assert readings[("B43", "c")]["verdict"] == ("matches" if 8 <= rank <= 24 else "differs") == "matches"
    below = all(index[("Guizhou", 2021)] < index[(p, 2021)] for p in ("Anhui", "Guangdong"))
    assert readings[("B45", "a")]["verdict"] == ("matches" if below else "differs")

    def spread(year, relative):
        values = [index[(p, year)] for p in provinces]
        return statistics.pstdev(values) / (statistics.fmean(values) if relative else 1)
    assert readings[("B62", "a")]["verdict"] == ("matches" if spread(2023, True) > spread(2019, True) else "differs") == "differs"
    assert readings[("B62", "c")]["verdict"] == ("matches" if spread(2023, False) > spread(2019, False) else "differs") == "matches"
    assert audited["B43"]["verdict"] == audited["B45"]["verdict"] == audited["B62"]["verdict"] == "unverified"


def test_per_year_cross_sections_are_the_headline_with_its_controls_year_by_year():
    """Each per-year slope in regression_robustness.csv, by hand: least squares of that year's growth on
    the lagged index (hundreds of points, as the panel file keeps it), lagged log GDP per head and
    population growth, with an intercept — the headline's controls (numpy, csv module)."""
    import numpy as np

    with open(ROOT / "data" / "derived" / "regression_panel.csv", encoding="utf-8", newline="") as handle:
        panel = [r for r in csv.DictReader(handle) if r["growth"] and r["pku_lag"]]
    with open(ROOT / "data" / "derived" / "regression_robustness.csv", encoding="utf-8", newline="") as handle:
        slopes = {r["key"]: float(r["coefficient"]) for r in csv.DictReader(handle) if r["check"] == "per-year cross-section"}
    assert len(slopes) == 12
    for year, slope in slopes.items():
        rows = [r for r in panel if r["year"] == year]
        design = np.array([[1.0, float(r["pku_lag"]), float(r["log_gdppc_lag"]), float(r["population_growth"])] for r in rows])
        growth = np.array([float(r["growth"]) for r in rows])
        fitted = np.linalg.lstsq(design, growth, rcond=None)[0]
        assert fitted[1] == pytest.approx(slope, abs=5e-5), year  # the file keeps four decimals


NORTHEAST = ("Liaoning", "Jilin", "Heilongjiang")


def test_group_growth_before_and_after_a_start_year(raw, audited):
    """B51: the Northeast's mean real growth (2021 database) over the years of data before the start
    year (2004, the revitalisation strategy), against its mean from the start year to the claim's
    year (2013); the start year belongs to 'after', never to both."""
    import json

    def mean(years):
        return statistics.mean(_value(raw, "gdp_real_growth", p, y, "database_2021") for p in NORTHEAST for y in years)

    params = json.loads(audited["B51"]["cause_params"])
    first = min(int(r["year"]) for r in raw if (r["measure"], r["vintage"], r["region"]) ==
                ("gdp_real_growth", "database_2021", "Liaoning"))
    assert (params["before_first"], params["before_last"], params["after_first"], params["after_last"]) == (first, 2003, 2004, 2013)
    assert params["before"] == pytest.approx(mean(range(first, 2004)))
    assert params["after"] == pytest.approx(mean(range(2004, 2014)))
    assert float(audited["B51"]["official"]) == pytest.approx(mean(range(2004, 2014)), abs=5e-5)
