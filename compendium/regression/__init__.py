"""Growth-on-digitalisation regressions for Paper B's central claim (statsmodels formula API).

One function builds the province-year panel (31 provinces, 2012–2023), one fits a named
specification and returns a tidy row; a specification the data cannot support returns a row
that says why, with the count. Clustered specifications are judged with t(G−1) critical values
and a wild cluster bootstrap (Webb weights), because 31 provinces are few clusters.

The parts, in the order they build on each other: `panel` (the data), `fits` (one fit), `power`
(what a fit could detect), `plan` (the analysis plan's declarations, Paper B's own scope), `curve`
(every declared specification at once), `specifications` (the named table and its robustness).
Every name a notebook or a test uses is importable from here.
"""
from __future__ import annotations

from .panel import (PANEL_YEARS, PAPER_YEARS, PANDEMIC_YEARS, GROWTH_DATABASE_VINTAGE, GROWTH_CENSUS_FIRST_YEAR,
                    HEADLINE_INPUTS, POPULATION_VINTAGE, SHARE_DEFINITIONS, PKU_COLUMNS, PKU_SCALE, panel,
                    SUSPECT_VALUES, table_ratio, OFFICIAL_INDICATORS, official_index)
from .fits import (MIN_N, MIN_CLUSTERS, FEW_CLUSTERS, FEW_DF, WILD_DRAWS, WILD_SEED, Spec, FIXED_EFFECTS,
                   RESULT_COLUMNS, _ols, design_matrix, _rows, _refusal, refusal_reason, fit, NUMBA_CACHE,
                   wild_bootstrap, fit_all, model)
from .power import (POWER, SIZE, INFORMATIVE_SHARE, INCOME, partial_out, interquartile_range, within_effects,
                    design_power)
from .plan import (ANALYSIS_PLAN, planned_headline, planned_grid, ANY_SHARE, three_regions, paper_printed_shares,
                   fitted_line_band)
from .curve import (WEBB_WEIGHTS, webb_weights, wild_p_fast, TIE_TOLERANCE, wild_p, wild_draws, CURVE_GRID,
                    CURVE_DRAWS, CURVE_AXES, load_grid, grid_sha256, expand_grid, curve_spec, headline_spec,
                    NullCurves, fit_curve, distinct_fits, curve_summary, curve_groups, JOINT_SUBSETS,
                    JOINT_NULL_QUANTILE, joint_test)
from .specifications import (CONVERGENCE, CONTROLS, WITH_STRUCTURE, STRUCTURAL, STRUCTURAL_CONTROLS, STRUCTURAL_YEARS,
                             SPLICED_STRUCTURE_NAME, PANDEMIC_OUT, PAPER_WINDOW, HEADLINE_NAME, specifications,
                             drop_each_region, drop_each_year, per_year, long_difference, interquartile_effect)

__all__ = ['PANEL_YEARS', 'PAPER_YEARS', 'PANDEMIC_YEARS', 'GROWTH_DATABASE_VINTAGE', 'GROWTH_CENSUS_FIRST_YEAR',
           'HEADLINE_INPUTS', 'POPULATION_VINTAGE', 'SHARE_DEFINITIONS', 'PKU_COLUMNS', 'PKU_SCALE', 'panel',
           'SUSPECT_VALUES', 'table_ratio', 'OFFICIAL_INDICATORS', 'official_index', 'MIN_N', 'MIN_CLUSTERS',
           'FEW_CLUSTERS', 'FEW_DF', 'WILD_DRAWS', 'WILD_SEED', 'Spec', 'FIXED_EFFECTS', 'RESULT_COLUMNS', '_ols',
           'design_matrix', '_rows', '_refusal', 'refusal_reason', 'fit', 'NUMBA_CACHE', 'wild_bootstrap', 'fit_all',
           'model', 'POWER', 'SIZE', 'INFORMATIVE_SHARE', 'INCOME', 'partial_out', 'interquartile_range',
           'within_effects', 'design_power', 'ANALYSIS_PLAN', 'planned_headline', 'planned_grid', 'ANY_SHARE',
           'three_regions', 'paper_printed_shares', 'fitted_line_band', 'WEBB_WEIGHTS', 'webb_weights', 'wild_p_fast',
           'TIE_TOLERANCE', 'wild_p', 'wild_draws', 'CURVE_GRID', 'CURVE_DRAWS', 'CURVE_AXES', 'load_grid',
           'grid_sha256', 'expand_grid', 'curve_spec', 'headline_spec', 'NullCurves', 'fit_curve', 'distinct_fits',
           'curve_summary', 'curve_groups', 'JOINT_SUBSETS', 'JOINT_NULL_QUANTILE', 'joint_test', 'CONVERGENCE',
           'CONTROLS', 'WITH_STRUCTURE', 'STRUCTURAL', 'STRUCTURAL_CONTROLS', 'STRUCTURAL_YEARS',
           'SPLICED_STRUCTURE_NAME', 'PANDEMIC_OUT', 'PAPER_WINDOW', 'HEADLINE_NAME', 'specifications',
           'drop_each_region', 'drop_each_year', 'per_year', 'long_difference', 'interquartile_effect']
