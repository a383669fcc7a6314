"""The named specifications of the regression table, and the robustness checks around the headline:
each province or year left out, per-year cross-sections, the long difference, interquartile effects.
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from ..phrasebook.labels import specification_name
from .curve import headline_spec
from .fits import Spec, _rows, fit
from .panel import GROWTH_CENSUS_FIRST_YEAR, PAPER_YEARS
from .power import interquartile_range, within_effects

# ---- the specifications ----------------------------------------------------------------------

# Convergence term and controls of the headline (paper/analysis_plan.md), all from official statistics.
CONVERGENCE = ("log_gdppc_lag",)
CONTROLS = ("log_gdppc_lag", "population_growth")
# Industry structure is published in the census-revised vintage for 2019–2023 only: a robustness row.
WITH_STRUCTURE = CONTROLS + ("secondary_share_lag",)
# Urbanisation, industry structure and the investment rate in one vintage exist for 2011–2017 only
# (lagged: 2012–2018); H15 is the same years without them, so a change is seen to come from the
# controls, not from the shorter sample.
STRUCTURAL = ("urbanisation_lag", "secondary_share_2021_lag", "investment_rate_lag")
STRUCTURAL_CONTROLS = CONTROLS + STRUCTURAL
# the years the three exist, less the province-years whose lagged investment rate is missing (a
# suspect printed total, SUSPECT_VALUES), so that H14 and H15 fit the same rows
STRUCTURAL_YEARS = "year <= 2018 and investment_rate_lag == investment_rate_lag"
# Industry structure spliced as the outcome is (the 2021 database's share to 2017, the census-revised
# one from 2019; one vintage per year, absorbed by the year effects); neither vintage has 2018, so
# the row has no 2019.
SPLICED_STRUCTURE_NAME = specification_name("H16")
PANDEMIC_OUT = "not pandemic"
PAPER_WINDOW = f"{PAPER_YEARS[0]} <= year <= {PAPER_YEARS[-1]}"
# The display name of the headline row (its identity is the grid point the analysis plan names)
HEADLINE_NAME = specification_name("H")


def specifications(grid: dict | None = None) -> list[Spec]:
    """Every specification run on the province panel, in the order they are shown. The headline is
    the grid point the analysis plan names (`headline_spec`); the H, D and O rows are the headline
    with the one or two choices their names say changed."""
    headline = headline_spec(grid)

    def pku(name, family="PKU index, 2012-2023", fe=None, **changes):
        if fe is not None:
            changes["fixed_effects"] = fe
        return replace(headline, name=name, family=family, headline=name == HEADLINE_NAME, **changes)

    return [
        # published shares: one definition per regression (never pooled across definitions)
        Spec(specification_name("S1"), "growth", "share_local", "", "year", True, (),
             "published shares"),
        Spec(specification_name("S2"), "growth", "share_local", "year == 2021", "", False, (),
             "published shares"),
        Spec(specification_name("S3"), "growth", "share_caict", "", "year", True, (), "published shares"),
        # the full-coverage panel
        pku(specification_name("H0"), controls=()),
        pku(specification_name("H1"), controls=CONVERGENCE),
        pku(HEADLINE_NAME),
        pku(specification_name("H2"), fe="region+year"),
        pku(specification_name("H3"), x="pku"),
        pku(specification_name("H4"), sample=PANDEMIC_OUT),
        pku(specification_name("H5"), y="growth_first", sample=PAPER_WINDOW),
        pku(specification_name("H6"), y="growth_first", sample=PAPER_WINDOW,
            controls=()),
        pku(specification_name("H10"), sample=f"year >= {GROWTH_CENSUS_FIRST_YEAR}"),
        pku(specification_name("H11"), y="growth_database"),
        pku(specification_name("H12"), controls=WITH_STRUCTURE),
        pku(SPLICED_STRUCTURE_NAME, controls=CONTROLS + ("secondary_share_spliced_lag",)),
        pku(specification_name("H13"), sample="2014 <= year <= 2021"),
        pku(specification_name("H14"),
            controls=STRUCTURAL_CONTROLS, sample=STRUCTURAL_YEARS),
        pku(specification_name("H15"), sample=STRUCTURAL_YEARS),
        pku(specification_name("H7"), sample="not municipality"),
        pku(specification_name("H8"), y="nominal_growth_first"),
        pku(specification_name("H9"), y="nominal_growth_final"),
        # the index's three dimensions
        pku(specification_name("D1"), x="pku_breadth_lag", family="PKU dimensions"),
        pku(specification_name("D2"), x="pku_depth_lag", family="PKU dimensions"),
        pku(specification_name("D3"), x="pku_digitisation_lag", family="PKU dimensions"),
        # digitalisation measured from official statistics
        pku(specification_name("O1"), x="official_index_lag", family="official-statistics index"),
        pku(specification_name("O2"), x="official_index_lag", controls=(),
            family="official-statistics index"),
    ]


# ---- robustness ----------------------------------------------------------------------------

def _restricted(spec: Spec, extra: str) -> Spec:
    """The specification on a subsample (never the headline: its result is a robustness row)."""
    return replace(spec, sample=f"({extra}) and ({spec.sample})" if spec.sample else extra, headline=False)


def _slope_row(result: dict, **keys) -> dict:
    return keys | {"n": result["n"], "coefficient": result.get("coefficient", np.nan),
                   "ci_low": result.get("ci_low", np.nan), "ci_high": result.get("ci_high", np.nan),
                   "p_value": result.get("p_value", np.nan)}


def drop_each_region(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The slope when each province in turn is left out (t(G−1) inference, no bootstrap)."""
    regions_used = sorted(_rows(spec, data)["region"].unique())
    return pd.DataFrame([_slope_row(fit(_restricted(spec, f"region != {r!r}"), data, bootstrap=False), dropped=r)
                         for r in regions_used])


def drop_each_year(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """The slope when each year in turn is left out."""
    years = sorted(_rows(spec, data)["year"].unique())
    return pd.DataFrame([_slope_row(fit(_restricted(spec, f"year != {t}"), data, bootstrap=False), dropped=t)
                         for t in years])


def per_year(spec: Spec, data: pd.DataFrame) -> pd.DataFrame:
    """One cross-section per year (classical errors: one observation per province)."""
    years = sorted(_rows(spec, data)["year"].unique())
    return pd.DataFrame([_slope_row(fit(replace(_restricted(spec, f"year == {t}"), fixed_effects="", cluster=False),
                                        data, bootstrap=False), year=t) for t in years])


def long_difference(data: pd.DataFrame, x_column: str, first: int, last: int, base_year: int) -> pd.DataFrame:
    """Cross-section: each province's average real growth over first..last and its index in base_year."""
    window = data[data["year"].between(first, last)]
    average = window.groupby("region")["growth"].agg(["mean", "count"])
    complete = average[average["count"] == last - first + 1]["mean"]
    start = data[data["year"] == base_year].set_index("region")[x_column]
    frame = pd.DataFrame({"growth_mean": complete, "x_start": start}).dropna()
    return frame.rename_axis("region").reset_index()


def interquartile_effect(result: dict, data: pd.DataFrame, spec: Spec) -> dict:
    """The slope on an interpretable scale: the growth gap between two provinces a within-effects
    interquartile range apart, in the specification's own sample. The spread is the regressor's
    after the specification's fixed effects (`within_effects`): with year effects the slope is
    identified only from how provinces differ within a year, so the pooled spread, which is mostly
    the index's national trend, would convert it on a scale the estimate never saw."""
    spread = interquartile_range(within_effects(spec, _rows(spec, data)))
    return {"specification": spec.name, "x": spec.x, "fixed_effects": spec.fixed_effects or "none",
            "iqr_within": spread, "effect": result["coefficient"] * spread,
            "effect_low": result["ci_low"] * spread, "effect_high": result["ci_high"] * spread}


