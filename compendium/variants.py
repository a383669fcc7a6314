"""Every claim judged under every variant its words allow, and the headline variant picked by one
declared precedence.

The variant axes are declared in `data/variant_axes.csv`: the reading of an ambiguous phrase, the
window, the comparator group, the vintage, the tolerance, and (for the central claim) the
specification. Each option of an axis is `ledger` — what the ledger states, which is the paper's
words (its years, the group it names, the vintage it names, its printed precision), or the analysis
plan's headline specification — or an `alternative`, with a rank. `precedence` is the one function
that picks the headline option of an axis: the ledger's first, then by rank. The audit's headline
verdict (`claims_audit.csv`) is the claim under the picked option of every axis.

Each variant changes one axis from the headline, so "the smallest change that flips it" is one
named option (`flip`): the first axis in the file's order, then the lowest rank, whose verdict
differs from the headline's. A variant whose rows `data/` does not hold is judged too (unverified)
and counted apart: it says what the data cannot decide, not that the claim is fragile.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from . import paths
from .data import DataError, _read_csv_strict, _relative
from .rules import audit_claim
from .rules.base import UNVERIFIED, Verdict, _blank
from .rules.central import REGRESSION_CHECKS
from .rules.groups import GROUP_CHECKS, GROUP_DEFAULTS, named_against
from .rules.growth import STATEMENT_CHECKS, WINDOW_CHECKS, compared, window
from .schema import AGAINST_REST, COMPARATIVE_KINDS, READING_OVERRIDES, STATEMENT_KINDS, VINTAGES

VARIANT_AXES = paths.DATA / "variant_axes.csv"
AXES_COLUMNS = ["axis", "option", "rank", "source", "test", "applies_to", "sets"]
LEDGER, ALTERNATIVE = "ledger", "alternative"
# an axis the sentence leaves open (a reading, vintage, tolerance, specification), or a stress test: a
# window or comparator group other than the one the sentence, or the ledger's reading of it, names
OPEN, STRESS = "open", "stress"

# The claims each family of options applies to, by the ledger's check (and kind).
SPAN_CHECKS = ("group_growth_above_rest", "group_growth_below_rest", "group_growth_rises_after", "group_share_rises",
               "group_share_falls", "dispersion_rises", "dispersion_falls", "spread_rises", "spread_falls", "sd_rises",
               "sd_falls", "higher_than_start", "lower_than_start")
# a comparative statement about one year the ledger chose (not a year the sentence is about: a rise
# *in 2023*, a peak *in 2021*), which may as well be the year before
YEAR_CHECKS = ("rises_from_previous", "falls_from_previous", "rises_every_year", "difference_falls", "below_other_measure",
               "first_below_others", "first_above_others", "rank_top_half", "rank_middle_third", "rank_middle_half",
               "share_above_national", "group_share_majority")
PRINTED_CHECKS = ("lookup", "sum_of_regions", "ratio_urban_rural_income", "multiple_of_nominal_gdp_growth")
PRINTED_COMPARATORS = ("=", "~")

# family -> does it apply to this claim (given the claim's own logged readings)?
FAMILY_TESTS = {
    "readings": lambda claim, readings: claim["claim_id"] in set(readings["claim_id"]),
    "window": lambda claim, readings: claim["check"] in WINDOW_CHECKS,
    "span": lambda claim, readings: claim["check"] in SPAN_CHECKS,
    "year": lambda claim, readings: claim["check"] in YEAR_CHECKS and claim["kind"] in COMPARATIVE_KINDS,
    "named": lambda claim, readings: bool(named_against(claim)),
    "vintaged": lambda claim, readings: claim["check"] not in REGRESSION_CHECKS and claim["check"] != "none",
    "printed": lambda claim, readings: claim["check"] in PRINTED_CHECKS and claim["comparator"] in PRINTED_COMPARATORS,
    "regression": lambda claim, readings: claim["check"] in REGRESSION_CHECKS,
}
FAMILIES = tuple(FAMILY_TESTS)


def applies(family: str, claim: pd.Series, readings: pd.DataFrame) -> bool:
    return FAMILY_TESTS[family](claim, readings)


@dataclass(frozen=True)
class Option:
    axis: str
    option: str
    rank: int
    source: str
    applies_to: tuple[str, ...]
    test: str = OPEN


def load_axes(path=None) -> list[Option]:
    """`data/variant_axes.csv`, validated: every option is implemented here (`OPTIONS`), ranks are
    whole numbers, each axis has exactly one `ledger` option, and it ranks first."""
    path = path or VARIANT_AXES
    name = _relative(path)
    frame = _read_csv_strict(path, AXES_COLUMNS)
    options = []
    for row_number, row in enumerate(frame.itertuples(index=False), start=2):
        where = f"{name}, row {row_number}"
        if (row.axis, row.option) not in OPTIONS:
            raise DataError(f"{where}: option {row.axis}:{row.option} is not implemented in compendium/variants.py "
                            "(rule: every declared option has its code)")
        if not row.rank.isdigit():
            raise DataError(f"{where}: rank {row.rank!r} is not a whole number (rule: ranks are 1, 2, …)")
        if row.source not in (LEDGER, ALTERNATIVE):
            raise DataError(f"{where}: source {row.source!r} is not {LEDGER} or {ALTERNATIVE}")
        if row.test not in (OPEN, STRESS):
            raise DataError(f"{where}: test {row.test!r} is not {OPEN} or {STRESS}")
        families = tuple(row.applies_to.split("|"))
        unknown = [f for f in families if f not in FAMILIES]
        if unknown:
            raise DataError(f"{where}: applies_to names unknown families {unknown} (rule: one of {', '.join(FAMILIES)})")
        options.append(Option(row.axis, row.option, int(row.rank), row.source, families, row.test))
    for axis in dict.fromkeys(o.axis for o in options):
        stated = [o for o in options if o.axis == axis and o.source == LEDGER]
        if len(stated) != 1 or stated[0].rank != min(o.rank for o in options if o.axis == axis):
            raise DataError(f"{name}: axis {axis!r} needs exactly one {LEDGER} option, ranked first "
                            "(rule: the paper's words come first)")
    missing = set(OPTIONS) - {(o.axis, o.option) for o in options}
    if missing:
        raise DataError(f"{name}: implemented options {sorted(missing)} are not declared (rule: the file declares every option)")
    return options


def precedence(options: list[Option], held=lambda option: True) -> Option:
    """The headline option of one axis: the one the ledger states (the paper's words, or the plan's
    headline), else the lowest rank; of the options `held` admits (the data decide the claim under
    them), where any is. The one place a headline is picked."""
    ordered = sorted(options, key=lambda o: (o.source != LEDGER, o.rank))
    return next((o for o in ordered if held(o)), ordered[0])


# An axis on which the ledger's option may be one the data cannot decide: where the paper names no
# vintage, the rule's own (the first release) may not be held for every province and year, and the
# headline takes the next vintage in rank order that is. A reading, a window or a group is the
# paper's words and never falls back.
FALLBACK_AXES = ("vintage",)


# ---- what each option does to a ledger row (and to the data it is judged on) ----------------------

def _keep(claim, observations, results, context):
    return [("", claim, observations, results)]


def apply_reading(claim: pd.Series, reading) -> pd.Series:
    """The ledger row as a reading reads it: the fields the reading fills replace the ledger's."""
    claim = claim.astype(object)  # a copy that takes a year (a number) beside text
    for name in READING_OVERRIDES:
        value = getattr(reading, name)
        if value != "":
            claim[name] = int(value) if name in ("ref_year", "start_year") else value
    return claim


def rule_params(claim: pd.Series) -> str:
    """What the rule was asked about, as typed parameters for its wording (compendium/phrasebook/rules.py):
    the regions and measures the ledger row names (in its order), its year and start year, and its
    vintage; a group rule's defaults are the ones the rule itself applies (`GROUP_DEFAULTS`)."""
    def field(name):
        value = claim.get(name)
        if _blank(value) and claim["check"] in GROUP_CHECKS:
            value = GROUP_DEFAULTS.get(name)
        return None if _blank(value) else value
    split = lambda name: [] if field(name) is None else str(field(name)).split("|")  # noqa: E731
    year, start, value = field("ref_year"), field("start_year"), field("value")
    printed = None if value is None else {"value": float(value), "unit": str(claim["unit"])}
    params = {"regions": split("region"), "measures": split("measure"), "printed": printed,
              "year": None if year is None else int(year), "start": None if start is None else int(start),
              "vintage": field("vintage")}
    if claim["check"] in STATEMENT_CHECKS:  # the window and the regions a statement about the three regions compares
        params |= dict(zip(("b_first", "b_last"), window(claim))) | {"compared": compared(claim)}
    if named_against(claim):
        params["against"] = named_against(claim)
    if not _blank(claim.get("band")):
        params["band"] = float(claim["band"])
    return json.dumps(params, ensure_ascii=False, sort_keys=True)


def cause_params(cause) -> str:
    return json.dumps(cause.params, ensure_ascii=False, sort_keys=True, default=str) if cause.code else ""


def _readings(claim, observations, results, context):
    # a reading is the ledger row read another way, judged on all the data (it may name its own vintage)
    return [(reading.reading_id, apply_reading(context["ledger_row"], reading), context["observations"], results)
            for reading in context["readings"].itertuples(index=False) if not reading.chosen]


def _with(claim: pd.Series, **fields) -> pd.Series:
    claim = claim.astype(object)  # a copy that takes numbers beside text
    for name, value in fields.items():
        claim[name] = value
    return claim


def _window_edge(step: str):
    def make(claim, observations, results, context):
        if claim["check"] in WINDOW_CHECKS:
            first, last = window(claim)
        elif _blank(claim.get("start_year")) or _blank(claim.get("ref_year")):
            return []
        else:
            first, last = int(claim["start_year"]), int(claim["ref_year"])
        first, last = (first + 1, last) if step == "first" else (first, last - 1)
        if last - first < 1:
            return []
        return [("", _with(claim, start_year=first, ref_year=last), observations, results)]
    return make


def _year_shift(step: int):
    def make(claim, observations, results, context):
        if _blank(claim.get("ref_year")):
            return []
        return [("", _with(claim, ref_year=int(claim["ref_year"]) + step), observations, results)]
    return make


def _against_rest(claim, observations, results, context):
    return [("", _with(claim, against=AGAINST_REST), observations, results)]


def _vintage(vintage: str):
    def make(claim, observations, results, context):
        stated = claim.get("vintage")
        if not _blank(stated) and stated == vintage:
            return []
        measures = str(claim["measure"]).split("|")
        observations = context["observations"]  # all the data, whatever vintage the headline took
        own = observations["measure"].isin(measures)
        held = observations[own & (observations["vintage"] == vintage)]
        if held.empty:
            return []
        return [("", _with(claim, vintage=vintage), observations[~own | (observations["vintage"] == vintage)], results)]
    return make


def _band(band: float):
    def make(claim, observations, results, context):
        return [("", _with(claim, comparator="≈", band=band), observations, results)]
    return make


def _specifications(claim, observations, results, context):
    others = results[~results["headline"] & results["p_wild"].notna()]
    out = []
    for index, row in others.iterrows():
        moved = results.assign(headline=results.index == index)
        out.append((row["specification"].split()[0], claim, observations, moved))
    return out


OPTIONS = {
    ("reading", "chosen"): _keep, ("reading", "other"): _readings,
    ("window", "stated"): _keep, ("window", "drop_first"): _window_edge("first"),
    ("window", "drop_last"): _window_edge("last"), ("window", "year_before"): _year_shift(-1), ("window", "year_after"): _year_shift(+1),
    ("group", "named"): _keep, ("group", "default"): _against_rest,
    ("vintage", "stated"): _keep,
    **{("vintage", v): _vintage(v) for v in ("first_release", "final_verification", "census_revision", "database_2025",
                                               "database_2021", "database_2021_expenditure", "as_published")},
    ("tolerance", "printed"): _keep, ("tolerance", "band_1pct"): _band(0.01), ("tolerance", "band_5pct"): _band(0.05),
    ("specification", "headline"): _keep, ("specification", "other"): _specifications,
}
assert all(v in VINTAGES for (axis, v) in OPTIONS if axis == "vintage" and v != "stated")


# ---- judging ---------------------------------------------------------------------------------------

VARIANT_COLUMNS = ["claim_id", "variant_id", "axis", "option", "rank", "headline", "verdict", "rule_id", "rule_params",
                   "cause_code", "cause_params", "rows"]
FRAGILITY_COLUMNS = ["claim_id", "paper", "part", "headline_verdict", "variants", "decided", "holding", "share_holding",
                     "not_held", "status", "flip_variant", "flip_verdict", "flip_test"]
# a claim's standing under its variants: kept under every variant the data decide (at least one
# besides the headline); untested (the data decide no variant besides the headline); changed under a
# variant the sentence leaves open; changed only under a stress test
KEPT, UNTESTED, CHANGES, STRESS_ONLY = "kept", "untested", "changes", "stress_only"


def _rows_used(verdict: Verdict) -> str:
    """The data rows a verdict rests on, `file:line`, or the derived file and specification."""
    if verdict.source_id == "data/derived/regression_results.csv":
        return f"{verdict.source_id}:{verdict.evidence['specification'].split()[0]}"
    seen = {f"data/raw/{file}:{line}" for _, found in verdict.queries for file, line in zip(found["file"], found["line"])}
    return ";".join(sorted(seen, key=lambda s: (s.rsplit(":", 1)[0], int(s.rsplit(":", 1)[1]))))


def _judge(claim: pd.Series, observations: pd.DataFrame, results: pd.DataFrame) -> Verdict | None:
    try:
        return audit_claim(claim, observations, results)
    except ValueError as error:
        if "crosses vintages" in str(error):  # a ratio across two releases is refused, not judged
            return None
        raise


def _applicable(claim: pd.Series, readings: pd.DataFrame, axes: list[Option]) -> list[Option]:
    return [o for o in axes if any(applies(f, claim, readings) for f in o.applies_to)]


def _context(claim: pd.Series, ledger_row: pd.Series, readings: pd.DataFrame, observations: pd.DataFrame) -> dict:
    """What an option may need besides the claim: its ledger row, its own readings, all the data."""
    return {"ledger_row": ledger_row, "readings": readings[readings["claim_id"] == claim["claim_id"]],
            "observations": observations}


def headline(claim: pd.Series, ledger_row: pd.Series, observations: pd.DataFrame, results: pd.DataFrame,
             readings: pd.DataFrame, axes: list[Option]) -> tuple[pd.Series, pd.DataFrame, pd.DataFrame, dict]:
    """The claim (under its chosen reading), the data and the fits at the option `precedence` picks
    on every axis that applies to it; also the picked option of each axis."""
    context = _context(claim, ledger_row, readings, observations)
    applicable = _applicable(claim, context["readings"], axes)
    picked = {}
    for axis in dict.fromkeys(o.axis for o in applicable):
        options = [o for o in applicable if o.axis == axis]

        def held(option, claim=claim, observations=observations, results=results):
            made = OPTIONS[(option.axis, option.option)](claim, observations, results, context)
            return bool(made) and getattr(_judge(*made[0][1:]), "verdict", UNVERIFIED) != UNVERIFIED

        stated = claim.get("vintage")
        falls_back = axis in FALLBACK_AXES and _blank(stated)
        picked[axis] = precedence(options, held) if falls_back else precedence(options)
        made = OPTIONS[(picked[axis].axis, picked[axis].option)](claim, observations, results, context)
        if made:  # an option with nothing to change (no window to narrow) leaves the claim as it is
            _, claim, observations, results = made[0]
    return claim, observations, results, picked


def variants_of(claim: pd.Series, ledger_row: pd.Series, observations: pd.DataFrame, results: pd.DataFrame,
                readings: pd.DataFrame, axes: list[Option]) -> list[dict]:
    """The claim at its headline, then each applicable option of each axis with the other axes at
    their headline."""
    if claim["kind"] in STATEMENT_KINDS or claim["check"] == "none":
        return []
    context = _context(claim, ledger_row, readings, observations)
    head_claim, head_obs, head_results, picked = headline(claim, ledger_row, observations, results, readings, axes)
    head = _judge(head_claim, head_obs, head_results)
    assert head is not None, claim["claim_id"]
    head_rows = _rows_used(head)
    rows = [_row(claim["claim_id"], "headline", "", "", 0, True, head, head_claim)]
    for option in _applicable(claim, context["readings"], axes):
        if option is picked[option.axis]:
            continue
        for suffix, variant, obs, res in OPTIONS[(option.axis, option.option)](head_claim, head_obs, head_results, context):
            verdict = _judge(variant, obs, res)
            if verdict is None:
                continue
            if option.axis == "vintage" and _rows_used(verdict) == head_rows:
                continue  # the same rows as the headline: not another variant
            name = f"{option.axis}:{suffix or option.option}"
            rows.append(_row(claim["claim_id"], name, option.axis, option.option, option.rank, False, verdict, variant))
    return rows


def _row(claim_id, variant_id, axis, option, rank, headline, verdict: Verdict, claim: pd.Series) -> dict:
    return {"claim_id": claim_id, "variant_id": variant_id, "axis": axis, "option": option, "rank": rank,
            "headline": headline, "verdict": verdict.verdict, "rule_id": verdict.rule_id, "rule_params": rule_params(claim),
            "cause_code": verdict.why.code, "cause_params": cause_params(verdict.why), "rows": _rows_used(verdict)}


def audit_variants(read: pd.DataFrame, claims: pd.DataFrame, observations: pd.DataFrame, results: pd.DataFrame,
                   readings: pd.DataFrame, axes: list[Option] | None = None) -> pd.DataFrame:
    """claims_variants.csv: one row per claim and variant (the headline first)."""
    axes = load_axes() if axes is None else axes
    ledger_rows = claims.set_index("claim_id", drop=False)
    rows = []
    for _, claim in read.iterrows():
        rows += variants_of(claim, ledger_rows.loc[claim["claim_id"]], observations, results, readings, axes)
    return pd.DataFrame(rows, columns=VARIANT_COLUMNS)


def fragility(variants: pd.DataFrame, audited: pd.DataFrame, axes: list[Option] | None = None) -> pd.DataFrame:
    """Per claim with variants: how many there are, how many the data decide (headline included),
    how many of those give the headline verdict, its standing (KEPT, UNTESTED, CHANGES, STRESS_ONLY),
    and the smallest change that flips it: the first flipping variant of an open axis, else of a
    stress test, each in the file's order of axes, then by rank, then by name."""
    axes = load_axes() if axes is None else axes
    axis_order = {axis: i for i, axis in enumerate(dict.fromkeys(o.axis for o in axes))}
    axis_test = {o.axis: o.test for o in axes}
    rows = []
    by_claim = audited.set_index("claim_id")
    for claim_id, group in variants.groupby("claim_id", sort=False):
        head = group[group["headline"]].iloc[0]["verdict"]
        others = group[~group["headline"]]
        decided = others[others["verdict"] != UNVERIFIED]
        flips = decided[decided["verdict"] != head]
        flips = flips.assign(test=flips["axis"].map(axis_test), order=flips["axis"].map(axis_order))
        flips = flips.assign(stress=flips["test"] == STRESS).sort_values(["stress", "order", "rank", "variant_id"])
        holding = int((decided["verdict"] == head).sum()) + int(head != UNVERIFIED)
        count = int(len(decided)) + int(head != UNVERIFIED)
        status = (UNTESTED if len(decided) == 0 or head == UNVERIFIED else KEPT if flips.empty
                  else STRESS_ONLY if flips["stress"].all() else CHANGES)
        first = flips.iloc[0] if len(flips) else None
        rows.append({"claim_id": claim_id, "paper": by_claim.loc[claim_id, "paper"], "part": by_claim.loc[claim_id, "part"],
                     "headline_verdict": head, "variants": len(group), "decided": count, "holding": holding,
                     "share_holding": round(holding / count, 4) if count else None,
                     "not_held": int(len(others) - len(decided)), "status": status,
                     "flip_variant": "" if first is None else first["variant_id"],
                     "flip_verdict": "" if first is None else first["verdict"],
                     "flip_test": "" if first is None else first["test"]})
    return pd.DataFrame(rows, columns=FRAGILITY_COLUMNS)
