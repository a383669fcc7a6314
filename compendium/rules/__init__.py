"""The verdict rules, one module per family; each family declares the checks it judges (its ids).
`audit_claim` sends one ledger row to its rule with a fresh query log. The ledger's vocabulary (check
names, comparators, statement kinds) is declared in `compendium/schema.py`, below the loader; a
test holds this registry to it.
"""
from __future__ import annotations

import pandas as pd

from .. import regions
from ..schema import STATEMENT_KINDS
from .base import NOT_A_STATISTIC, UNVERIFIED, Cause, Observations, Verdict, _blank, _sources
from .central import REGRESSION_CHECKS, regression_statement
from .derived import multiple_of_nominal_gdp_growth, ratio_urban_rural_income
from .groups import GROUP_CHECKS, group_statement
from .growth import STATEMENT_CHECKS, statement
from .lookup import lookup, sum_of_regions
from .series import COMPARISON_CHECKS, SERIES_CHECKS, comparison, series_trend

# The one registry of checks: check -> (rule function, rule names). `none` has no function: the
# claim names a measure only so that its look-up runs and says what is missing.
CHECKS = {
    "lookup": lookup,
    "sum_of_regions": sum_of_regions,
    "multiple_of_nominal_gdp_growth": multiple_of_nominal_gdp_growth,
    "ratio_urban_rural_income": ratio_urban_rural_income,
    **{check: statement for check in STATEMENT_CHECKS},
    **{check: series_trend for check in SERIES_CHECKS},
    **{check: comparison for check in COMPARISON_CHECKS},
    **{check: group_statement for check in GROUP_CHECKS},
}
ALL_CHECKS = set(CHECKS) | set(REGRESSION_CHECKS) | {"none"}  # = schema.CHECK_NAMES (a test holds them equal)


def audit_claim(claim: pd.Series, observations, regression_results: pd.DataFrame) -> Verdict:
    """Dispatch one ledger row (or one reading of it) to its rule, with a fresh query log."""
    if claim["kind"] in STATEMENT_KINDS:
        return Verdict(NOT_A_STATISTIC, claim["kind"],
                       why=Cause("not_a_statistic", {"kind": claim["kind"]}))
    obs = Observations(observations.frame if isinstance(observations, Observations) else observations)
    check = claim["check"]
    if check in REGRESSION_CHECKS:
        verdict = regression_statement(regression_results, check)
    elif check in CHECKS:
        verdict = CHECKS[check](claim, obs)
    else:  # `none`: the claim's measure (declared, perhaps never collected) is looked up for the cause
        why = _needs(claim, obs)
        verdict = Verdict(UNVERIFIED, "no_region" if why.code == "no_region" else "no_source", why=why)
    verdict.queries = obs.log
    if check not in REGRESSION_CHECKS:
        # the verdict cites the source of every row its rule looked at, not the rows it chose to name
        returned = [found for _, found in obs.log if not found.empty]
        verdict.source_id = _sources(pd.concat(returned)) if returned else ""
    return verdict


def _regions_of(cell) -> list[str]:
    return list(regions.PROVINCES) if cell == regions.ALL_PROVINCES else str(cell).split("|")


def _needs(claim: pd.Series, obs: Observations) -> Cause:
    """For a claim no rule can judge yet: look up what it needs and say what `data/` lacks."""
    measure = str(claim.get("measure") or "").split("|")[0]
    if not measure or measure == "nan":
        raise ValueError(f"claim {claim.get('claim_id')}: a statistical claim names the measure it needs")
    if not isinstance(claim["region"], str):
        return Cause("no_region")
    wanted = _regions_of(claim["region"])
    year = None if _blank(claim["ref_year"]) else int(claim["ref_year"])
    found = obs.select(measure, wanted, year)
    lacking = [r for r in wanted if r not in set(found["region"])]
    if not lacking:
        return Cause("no_rule", {"measure": measure})
    return obs.missing(measure, lacking if len(lacking) > 1 else lacking[0], year)


