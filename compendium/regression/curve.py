"""The specification curve: every declared specification (paper/specification_grid.yaml) fitted with a
fast wild cluster bootstrap, summarised, and tested jointly against curves fitted under the null.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..paths import PAPER
from ..schema import CI_LEVEL
from .fits import FIXED_EFFECTS, WILD_SEED, Spec, refusal_reason
from .panel import SHARE_DEFINITIONS
from .plan import ANALYSIS_PLAN, planned_grid, planned_headline
from .power import interquartile_range, partial_out

# ---- the fast wild cluster bootstrap (for the specification curve) ---------------------------

WEBB_WEIGHTS = np.array([-np.sqrt(1.5), -1.0, -np.sqrt(0.5), np.sqrt(0.5), 1.0, np.sqrt(1.5)])


def webb_weights(clusters: int, draws: int, seed: int = WILD_SEED) -> np.ndarray:
    """One matrix of Webb's six-point weights (clusters × draws), shared by every specification
    on the same clusters."""
    return np.random.default_rng(seed).choice(WEBB_WEIGHTS, size=(clusters, draws))


def wild_p_fast(design: np.ndarray, y: np.ndarray, column: int, clusters: np.ndarray,
                weights: np.ndarray) -> tuple[float, float, float]:
    """Restricted wild cluster bootstrap p-value of one coefficient (`wild_draws`): returns the
    slope, its observed t and the share of draws whose |t| is at least the observed |t|."""
    slope, t_observed, _, t_draws = wild_draws(design, y, column, clusters, weights)
    return slope, t_observed, wild_p(t_draws, t_observed)


# A draw whose |t| equals the observed |t| in exact arithmetic counts as at least as extreme. With
# few observations per cluster (two-way effects on a short sample) such ties occur, and the last bits
# of a floating-point sum, which depend on how an array happens to sit in memory, would decide them.
TIE_TOLERANCE = 1e-9


def wild_p(t_draws: np.ndarray, t_observed: float) -> float:
    """The share of draws whose |t| is at least the observed |t| (ties, to `TIE_TOLERANCE`, included)."""
    return float(np.mean(np.abs(t_draws) >= abs(t_observed) * (1 - TIE_TOLERANCE)))


def wild_draws(design: np.ndarray, y: np.ndarray, column: int, clusters: np.ndarray,
               weights: np.ndarray) -> tuple[float, float, np.ndarray, np.ndarray]:
    """Restricted wild cluster bootstrap p-value (WCR, the null β = 0 imposed) of one coefficient,
    with CR1 standard errors, for all draws at once: the algebra of Roodman, MacKinnon, Nielsen and
    Webb (2019), "Fast and wild". With the regressor partialled out of the other columns (Frisch–
    Waugh–Lovell, x̃) and bootstrap errors w = ũ·v (restricted residuals times a weight per
    cluster), every quantity a draw needs is a cluster sum times the weights: the slope x̃'w / x̃'x̃,
    and the score of cluster g, Σ_g x̃ (w − X (X'X)⁻¹X'w) = a_g v_g − A_g (P_G v) with a_g = Σ_g x̃ ũ:
    one G × G matrix times the weights. The cost is clusters² × draws, not observations × draws.
    Returns (the slope, its observed t, the slope of every draw, the t of every draw): the draws
    are the null world (β = 0 imposed) the curve's joint test compares the observed curve with.
    `clusters` holds 0..G−1 per row, `weights` is G × B."""
    n, k = design.shape
    groups = weights.shape[0]
    others = np.delete(design, column, axis=1)
    x = design[:, column]
    x_tilde = x - others @ np.linalg.lstsq(others, x, rcond=None)[0]
    restricted = y - others @ np.linalg.lstsq(others, y, rcond=None)[0]     # ũ: residuals under the null
    projector = np.linalg.pinv(design)                                      # P = (X'X)⁻¹X', k × n
    scale = groups / (groups - 1) * (n - 1) / (n - k)                        # CR1 small-sample factor
    sxx = x_tilde @ x_tilde
    membership = np.zeros((groups, n))
    membership[clusters, np.arange(n)] = 1.0                                 # G × n: sums by cluster
    # the observed statistic
    residual = y - design @ (projector @ y)
    slope = x_tilde @ y / sxx
    t_observed = slope / (np.sqrt(scale * np.sum((membership @ (x_tilde * residual)) ** 2)) / sxx)
    # every draw at once, from cluster sums
    slope_weights = membership @ (x_tilde * restricted)                      # x̃'w = slope_weights · v
    projected = (projector * restricted) @ membership.T                      # P_G: k × G, P w = P_G v
    big_a = membership @ (x_tilde[:, None] * design)                         # A_g = Σ_g x̃ X, G × k
    # a_g v_g − A_g P_G v for all g at once: one G × G matrix applied to the weights
    scores = (np.diag(slope_weights) - big_a @ projected) @ weights          # G × B
    slope_draws = slope_weights @ weights / sxx
    t_draws = slope_draws / (np.sqrt(scale * np.sum(scores ** 2, axis=0)) / sxx)
    return float(slope), float(t_observed), slope_draws, t_draws


# ---- the specification curve ---------------------------------------------------------------

CURVE_GRID = PAPER / "specification_grid.yaml"
CURVE_DRAWS = 999  # per specification; Monte Carlo error of p ≤ 0.007 near 0.05, ≤ 0.016 anywhere (the headline keeps WILD_DRAWS)
# The axes `curve_spec` consumes, and what each of their levels must be. A grid with another axis,
# or a level of another shape, is refused: an axis the code ignored would multiply the curve with
# identical fits.
CURVE_AXES = {
    "regressor": "a mapping with exactly 'column' (a panel column) and 'unit'",
    "lag": "a mapping with exactly 'suffix' (added to the regressor's column)",
    "controls": "a list of panel columns",
    "fixed_effects": f"one of {sorted(FIXED_EFFECTS)}",
    "sample": "a row filter (a pandas expression; empty for every row)",
    "outcome": "a panel column",
}


def _level_is_valid(axis: str, level) -> bool:
    if axis == "regressor":
        return isinstance(level, dict) and set(level) == {"column", "unit"} and isinstance(level["column"], str)
    if axis == "lag":
        return isinstance(level, dict) and set(level) == {"suffix"} and isinstance(level["suffix"], str)
    if axis == "controls":
        return isinstance(level, list) and all(isinstance(column, str) for column in level)
    if axis == "fixed_effects":
        return level in FIXED_EFFECTS
    return isinstance(level, str)


def load_grid(path: Path = CURVE_GRID, plan: Path = ANALYSIS_PLAN) -> dict:
    """The declared grid, refused (naming the axis or level) unless every axis and level is one the
    curve consumes; its headline is the analysis plan's (`planned_headline`), which must be a point
    of the grid."""
    import yaml

    grid = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(grid, dict) or set(grid) != {"axes"}:
        raise ValueError(f"{path.name}: the grid holds one key, 'axes' (the headline is named in {plan.name}); "
                         f"found {sorted(grid) if isinstance(grid, dict) else type(grid).__name__}")
    axes = grid["axes"]
    for axis in axes:
        if axis not in CURVE_AXES:
            raise ValueError(f"{path.name}: axis {axis!r} is not one the specification curve consumes "
                             f"({', '.join(CURVE_AXES)}); it would repeat every fit unchanged")
    missing = [axis for axis in CURVE_AXES if axis not in axes]
    if missing:
        raise ValueError(f"{path.name}: axes {missing} are not declared (every axis needs at least one level)")
    for axis, levels in axes.items():
        if not isinstance(levels, dict) or not levels:
            raise ValueError(f"{path.name}: axis {axis!r} must map level names to levels")
        for name, level in levels.items():
            if not _level_is_valid(axis, level):
                raise ValueError(f"{path.name}: level {name!r} of axis {axis!r} is {level!r}; "
                                 f"the curve reads {CURVE_AXES[axis]}")
    declared_hash, declared_size = planned_grid(plan)
    size = int(np.prod([len(levels) for levels in axes.values()]))
    if (grid_sha256(path), size) != (declared_hash, declared_size):
        raise ValueError(f"{path.name}: SHA-256 {grid_sha256(path)[:12]}… and {size} specifications, but {plan.name} "
                         f"declares {declared_hash[:12]}… and {declared_size}: a changed grid needs a dated amendment "
                         f"of the plan that records its new 'grid:' line")
    headline = planned_headline(plan)
    if set(headline) != set(axes):
        raise ValueError(f"{plan.name}: the headline names other axes than {path.name} "
                         f"({sorted(set(headline) ^ set(axes))})")
    for axis, choice in headline.items():
        if choice not in axes[axis]:
            raise ValueError(f"{plan.name}: the headline's {axis} {choice!r} is not a level declared in {path.name}")
    return {"axes": axes, "headline": {axis: headline[axis] for axis in axes}}


def grid_sha256(path: Path = CURVE_GRID) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def expand_grid(grid: dict) -> pd.DataFrame:
    """Every combination of one choice per axis, in the grid's order: one row per specification,
    named by its axis values (`id` joins them)."""
    import itertools

    axes = grid["axes"]
    rows = [dict(zip(axes, combination)) for combination in itertools.product(*(list(choices) for choices in axes.values()))]
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", frame.apply(lambda r: "/".join(r[a] for a in axes), axis=1))
    frame["headline"] = (frame[list(axes)] == pd.Series(grid["headline"])).all(axis=1)
    return frame


def curve_spec(row: pd.Series | dict, grid: dict) -> Spec:
    axes = grid["axes"]
    x = axes["regressor"][row["regressor"]]["column"] + axes["lag"][row["lag"]]["suffix"]
    return Spec(row.get("id", ""), axes["outcome"][row["outcome"]], x, axes["sample"][row["sample"]],
                axes["fixed_effects"][row["fixed_effects"]], True, tuple(axes["controls"][row["controls"]]))


def headline_spec(grid: dict | None = None) -> Spec:
    """The analysis plan's headline as a specification: the grid's point the plan names."""
    grid = grid or load_grid()
    return curve_spec(grid["headline"], grid)


@dataclass(frozen=True)
class NullCurves:
    """The curve's null world: for every distinct estimable specification (in `ids`), the slope's
    t and its interquartile effect in each wild-bootstrap draw with β = 0 imposed, the draws
    sharing one Webb weight per province, so draw b is one world for every specification."""
    ids: tuple[str, ...]
    t: np.ndarray             # specifications × draws
    effect: np.ndarray        # specifications × draws
    df: np.ndarray            # t degrees of freedom (clusters less one) per specification
    tests_ordering: np.ndarray  # the regressor precedes the outcome (a lagged regressor)


def fit_curve(data: pd.DataFrame, grid: dict, draws: int = CURVE_DRAWS) -> tuple[pd.DataFrame, NullCurves]:
    """Every specification of the grid: slope, CR1 clustered standard error, t(G−1) interval and
    p, and the restricted wild cluster bootstrap p (all in NumPy, `wild_draws`). The draws share
    one Webb weight per province across specifications, so they also form the null curves of the
    joint test. Specifications whose design and outcome are identical (two samples or vintages
    that select the same numbers) are one fit: fitted once, marked `duplicate_of` the first. The
    interquartile effect converts each slope with its regressor's within-effects spread. The
    design matrices are built from arrays (the same columns as `design_matrix`, whose order does
    not change a coefficient): 1 792 pandas designs would take half a minute."""
    import hashlib

    from scipy import stats

    specs = expand_grid(grid)
    for axis in ("regressor", "outcome", "controls"):
        for name, level in grid["axes"][axis].items():
            needed = ([level["column"] + lag["suffix"] for lag in grid["axes"]["lag"].values()]
                      if axis == "regressor" else level if axis == "controls" else [level])
            absent = [c for c in needed if c not in data.columns]
            if absent:
                raise ValueError(f"{CURVE_GRID.name}: level {name!r} of axis {axis!r} needs panel columns {absent}, "
                                 f"which the panel does not have")
    columns = {c: data[c].to_numpy(float) for c in data.columns if pd.api.types.is_numeric_dtype(data[c])}
    codes = {effect: data[effect].astype("category").cat.codes.to_numpy() for effect in ("region", "year")}
    samples = {query: (data.eval(query).to_numpy(bool) if query else np.ones(len(data), bool))
               for query in grid["axes"]["sample"].values()}
    # one weight per province and draw (rows in the panel's province order), shared by every specification
    weights = webb_weights(int(codes["region"].max()) + 1, draws)
    fits: dict[str, dict] = {}
    null: dict[str, tuple] = {}
    rows = []
    for _, row in specs.iterrows():
        spec = curve_spec(row, grid)
        used = samples[spec.sample] & ~np.isnan(columns[spec.y]) & ~np.isnan(columns[spec.x])
        for control in spec.controls:
            used &= ~np.isnan(columns[control])
        index = np.flatnonzero(used)
        effects = FIXED_EFFECTS[spec.fixed_effects]
        levels = {e: np.unique(codes[e][index]) for e in effects}
        provinces = np.unique(codes["region"][index])
        n_params = 2 + len(spec.controls) + sum(len(v) - 1 for v in levels.values())
        x = columns[spec.x][index]
        out = row.to_dict() | {"y": spec.y, "x": spec.x, "n": len(index), "n_regions": len(provinces),
                               "tests_ordering": grid["axes"]["lag"][row["lag"]]["suffix"] != ""}
        reason = refusal_reason(len(index), n_params, len(np.unique(x)), len(provinces), clustered=True)
        if reason:
            rows.append(out | {"estimable": False, "reason": reason, "fit_key": "", "duplicate_of": ""})
            continue
        dummies = [(codes[e][index][:, None] == levels[e][None, 1:]).astype(float) for e in effects]
        effects_design = np.column_stack([np.ones(len(index)), *dummies])
        design = np.column_stack([effects_design, x, *(columns[c][index] for c in spec.controls)])
        column = effects_design.shape[1]
        y = columns[spec.y][index]
        key = hashlib.sha256(np.ascontiguousarray(design).tobytes() + y.tobytes()
                             + codes["region"][index].tobytes()).hexdigest()[:16]
        if key in fits:
            rows.append(out | fits[key] | {"duplicate_of": fits[key]["first_id"]})
            continue
        clusters = np.searchsorted(provinces, codes["region"][index])
        coefficient, t_value, slope_draws, t_draws = wild_draws(design, y, column, clusters, weights[provinces])
        se = coefficient / t_value
        df = len(provinces) - 1
        half = stats.t.ppf(0.5 + CI_LEVEL / 200, df) * se
        spread = interquartile_range(partial_out(x, effects_design))
        fits[key] = {"estimable": True, "reason": "", "fit_key": key, "first_id": row["id"], "coefficient": coefficient,
                     "std_error": se, "df_inference": df, "ci_low": coefficient - half, "ci_high": coefficient + half,
                     "p_value": float(2 * stats.t.sf(abs(t_value), df)),
                     "p_wild": wild_p(t_draws, t_value), "wild_draws": draws,
                     "iqr_within": spread, "effect_iqr": coefficient * spread}
        null[row["id"]] = (t_draws, slope_draws * spread, df, out["tests_ordering"])
        rows.append(out | fits[key] | {"duplicate_of": ""})
    curve = pd.DataFrame(rows).drop(columns="first_id")
    ids = tuple(null)
    return curve, NullCurves(ids, np.array([null[i][0] for i in ids]), np.array([null[i][1] for i in ids]),
                             np.array([null[i][2] for i in ids]), np.array([null[i][3] for i in ids], dtype=bool))


def distinct_fits(curve: pd.DataFrame) -> pd.DataFrame:
    """The estimable specifications, each fit once (a duplicate fit is counted with its first)."""
    return curve[curve["estimable"] & (curve["duplicate_of"].fillna("") == "")]


def _significant(rows: pd.DataFrame, alpha: float) -> pd.Series:
    return (rows["p_value"] < alpha) & (rows["p_wild"] < alpha)


def curve_summary(curve: pd.DataFrame, alpha: float = 0.05) -> dict:
    """Both signs, over distinct fits: how many have each sign, and each sign with p (t and wild
    bootstrap) below alpha, for every specification and for those that test the paper's ordering
    (a lagged regressor); the headline's rank by interquartile effect (1 = most negative)."""
    distinct = distinct_fits(curve).sort_values("effect_iqr", kind="stable").reset_index(drop=True)
    positive, negative = distinct["coefficient"] > 0, distinct["coefficient"] < 0
    both = _significant(distinct, alpha)
    ordering = distinct["tests_ordering"].astype(bool)
    headline = distinct.index[distinct["headline"]]
    shares = curve["x"].str.replace(r"_lag$", "", regex=True).isin(SHARE_DEFINITIONS)
    return {"declared": len(curve), "estimable": int(curve["estimable"].sum()), "distinct": len(distinct),
            "not_estimable": int((~curve["estimable"]).sum()),
            "not_estimable_shares": int((~curve["estimable"] & shares).sum()),
            "duplicates": int(curve["estimable"].sum()) - len(distinct),
            "positive": int(positive.sum()), "negative": int(negative.sum()),
            "positive_significant": int((positive & both).sum()), "negative_significant": int((negative & both).sum()),
            "positive_significant_t": int((positive & (distinct["p_value"] < alpha)).sum()),
            "negative_significant_t": int((negative & (distinct["p_value"] < alpha)).sum()),
            "ordering": int(ordering.sum()),
            "ordering_positive_significant": int((ordering & positive & both).sum()),
            "ordering_negative_significant": int((ordering & negative & both).sum()),
            "same_year_positive_significant": int((~ordering & positive & both).sum()),
            "same_year_negative_significant": int((~ordering & negative & both).sum()),
            "headline_rank": int(headline[0]) + 1 if len(headline) else None}


def curve_groups(curve: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """The distinct fits summarised by regressor × lag and by control set: how many, each sign,
    each sign significant (t and wild bootstrap below alpha), and the median interquartile effect."""
    distinct = distinct_fits(curve)
    significant = _significant(distinct, alpha)
    tables = []
    for by in (["regressor", "lag"], ["controls"]):
        table = distinct.assign(significant=significant).groupby(by, sort=False).apply(lambda g: pd.Series({
            "distinct": len(g), "positive": int((g["coefficient"] > 0).sum()), "negative": int((g["coefficient"] < 0).sum()),
            "positive_significant": int(((g["coefficient"] > 0) & g["significant"]).sum()),
            "negative_significant": int(((g["coefficient"] < 0) & g["significant"]).sum()),
            "median_effect_iqr": float(g["effect_iqr"].median()),
            "tests_ordering": "yes" if g["tests_ordering"].all() else "no" if not g["tests_ordering"].any() else "some"}),
            include_groups=False).reset_index()
        tables.append(table.assign(grouping=" × ".join(by)))
    frame = pd.concat(tables, ignore_index=True)
    return frame[["grouping", "regressor", "lag", "controls", "distinct", "positive", "negative", "positive_significant",
                  "negative_significant", "median_effect_iqr", "tests_ordering"]].fillna({"regressor": "", "lag": "", "controls": ""})


# The subsets of distinct fits the joint test is run on: every one, and those whose regressor is
# the previous year's (the paper's ordering: digitalisation first, growth after) or the same year's.
JOINT_SUBSETS = ("all", "ordering", "same_year")
JOINT_NULL_QUANTILE = 95  # the percentile of the null distribution printed beside each statistic


def joint_test(curve: pd.DataFrame, null: NullCurves, alpha: float = 0.05) -> pd.DataFrame:
    """Simonsohn, Simmons & Nelson (2020, Nature Human Behaviour 4, 1208–1214): is the whole curve
    more than a null would give? In each draw of the null world (`NullCurves`: β = 0 imposed in
    every specification, one Webb weight per province shared by all), count the distinct
    specifications significantly positive and significantly negative (|t| beyond the t(G−1)
    critical value at `alpha`; per draw there is no nested bootstrap, so the observed counts here
    use the same t criterion) and both signs together, and take the median interquartile effect and
    Stouffer's Z (Σz/√k, each t turned into a normal quantile z through its own t(G−1)). p = the
    share of null draws with at least as many significant results (one-sided: each count is a count
    of one sign), or a median or Z at least as far from zero as the observed one (two-sided);
    `null_p95` is the 95th percentile of the null counts
    (of their absolute values for the two-sided statistics)."""
    from scipy import stats

    observed = distinct_fits(curve).set_index("id").loc[list(null.ids)]
    critical = stats.t.ppf(1 - alpha / 2, null.df)
    t_observed = (observed["coefficient"] / observed["std_error"]).to_numpy()
    # Stouffer's Z, SSN's third statistic: Σz/√k, each t as the normal quantile of its own t(G−1) probability
    z_observed = stats.norm.ppf(stats.t.cdf(t_observed, null.df))
    z_null = stats.norm.ppf(stats.t.cdf(null.t, null.df[:, None]))
    draws = null.t.shape[1]
    masks = {"all": np.ones(len(null.ids), bool), "ordering": null.tests_ordering, "same_year": ~null.tests_ordering}
    rows = []
    for subset in JOINT_SUBSETS:
        mask = masks[subset]
        positive_null = (null.t[mask] > critical[mask, None]).sum(axis=0)
        negative_null = (null.t[mask] < -critical[mask, None]).sum(axis=0)
        median_null = np.median(null.effect[mask], axis=0)
        positive, negative = int((t_observed[mask] > critical[mask]).sum()), int((t_observed[mask] < -critical[mask]).sum())
        statistics = {
            "positive_significant": (positive, positive_null, ">="),
            "negative_significant": (negative, negative_null, ">="),
            "any_significant": (positive + negative, positive_null + negative_null, ">="),
            "median_effect_iqr": (float(np.median(observed["effect_iqr"].to_numpy()[mask])), median_null, "|>=|"),
            "stouffer_z": (float(z_observed[mask].sum() / np.sqrt(mask.sum())),
                           z_null[mask].sum(axis=0) / np.sqrt(mask.sum()), "|>=|"),
        }
        for statistic, (value, world, rule) in statistics.items():
            size = np.abs(world) if rule == "|>=|" else world
            extreme = size >= (abs(value) if rule == "|>=|" else value)
            rows.append({"subset": subset, "specifications": int(mask.sum()), "statistic": statistic, "observed": value,
                         "null_median": float(np.median(world)), "null_p95": float(np.quantile(size, JOINT_NULL_QUANTILE / 100)),
                         "null_draws_as_extreme": int(extreme.sum()), "draws": draws, "p": float(extreme.mean())})
    return pd.DataFrame(rows)
