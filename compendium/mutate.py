"""Sensitivity of the checks: corrupt data or logic one thing at a time and see whether the tests notice.

    python -m compendium.mutate [--n N] [--seed S] [--only data|logic]

Logic mutations (LOGIC_MUTATIONS below: comparators, bounds, swapped labels, dropped options) are
applied to the code in a fresh clone *and rebuilt* (`python -m compendium.build`), which is what
a developer would commit; then the README's test command runs. A mutation whose tests pass while
the rebuild changed a committed output is MISSED: a defect that would have been published.

Each corruption is made in a fresh clone of the committed repository: one value changed by one
unit in its last digit, two years swapped, or one row dropped. The raw-file checksums are
re-recorded after the edit (so what is measured is whether the *output* checks notice, not the
checksum), then the README's test command is run there. A run whose tests still pass has, by
construction, left every checked output unchanged (nbval compares every printed output, the
output tests compare every figure and derived file), so the corruption did not reach an output.
An unmutated control clone must pass first. Results go to `paper/mutation.json`.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

from .data import OBSERVATION_FILES
from .paths import ROOT

RESULT = ROOT / "paper" / "mutation.json"

# Each: what it breaks, the file, the exact text, its replacement (the text must occur exactly once).
LOGIC_MUTATIONS = [
    ("report: the counts of two verdicts swapped", "compendium/report/tables.py",
     "for v in VERDICTS]", "for v in (VERDICTS[1], VERDICTS[0], *VERDICTS[2:])]"),
    ("regression: clustering silently dropped (label kept)", "compendium/regression/fits.py",
     'result = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)', "result = model.fit(use_t=True)"),
    ("regression: normal critical values instead of t(G-1)", "compendium/regression/fits.py",
     'cov_kwds={"groups": groups}, use_t=True)', 'cov_kwds={"groups": groups}, use_t=False)'),
    ("regression: the 'lagged' regressor is the same year's", "compendium/regression/panel.py",
     'return series.rename(lambda year: year + 1, level="year")', "return series"),
    ("evidence: every value with a corroborated_by cell counted, empty or not", "compendium/data.py",
     'return "corroborated" if _ids(corroborated_by) else "single secondary copy"', 'return "corroborated"'),
    ("regression: GDP per head over population of another vintage (the 2021 database's)", "compendium/regression/panel.py",
     'population = measure("population", POPULATION_VINTAGE)', 'population = measure("population", "database_2021")'),
    ("data: precision rule switched off", "compendium/data.py",
     "return _decimals(value) <= places if at_most else _decimals(value) == places", "return True"),
    ("regions: Anhui and Guizhou swap their Chinese names", "compendium/regions.py",
     '"Anhui": (34, "安徽")', '"Anhui": (34, "贵州")'),
    ("figure 6: Anhui's and Guizhou's line colours swapped", "notebooks/01_paperB_figures.ipynb",
     "color=charts.region_colour(region),",
     'color=charts.region_colour({"Anhui": "Guizhou", "Guizhou": "Anhui"}.get(region, region)),'),
    ("figure 7: the key-venue definition label replaced by a generic one", "notebooks/01_paperB_figures.ipynb",
     'label="官方：重点场所覆盖率（口径不同）"', 'label="官方数据"'),
    ("rule: 'nearly' band 5 % → 15 %", "compendium/schema.py", "NEARLY_BAND = 0.05", "NEARLY_BAND = 0.15"),
    ("rule: 'rise' > → ≥", "compendium/rules/growth.py", "ok, why = change > threshold", "ok, why = change >= threshold"),
    ("rule: '=' rounding ≤ → <", "compendium/rules/base.py",
     "return abs(official - claimed) <= tolerance(printed_value) + 1e-12",
     "return abs(official - claimed) < tolerance(printed_value) - 1e-12"),
    ("rule: 'more than' strict → at least", "compendium/rules/base.py", "return official > claimed", "return official >= claimed"),
    ("rule: regression verdict by sign, not interval", "compendium/rules/central.py",
     'verdict = MATCHES if main["ci_low"] > 0 and confirmed else \\',
     'verdict = MATCHES if main["coefficient"] > 0 else \\'),
    ("rule: regression verdict ignores the wild bootstrap", "compendium/rules/central.py",
     'confirmed = main["p_wild"] < REGRESSION_ALPHA', "confirmed = True"),
    ("readings: flips reported for the readings that agree", "compendium/audit.py",
     'out["verdict_differs_from_chosen"] = out["verdict"] != out["claim_id"].map(chosen)',
     'out["verdict_differs_from_chosen"] = out["verdict"] == out["claim_id"].map(chosen)'),
    ("units: 亿元 → 万亿元 factor off by ten", "compendium/rules/base.py", '("万亿元", "亿元"): 1e-4', '("万亿元", "亿元"): 1e-3'),
    ("schema: a share of 130 % accepted for the CAICT share", "compendium/schema.py",
     '"de_share_caict": Measure("%", 0, 100,', '"de_share_caict": Measure("%", 0, 1000,'),
    ("build: declared inputs ignored by the lock (only helpers hashed)", "compendium/build.py",
     'for path in _expand(_spec(name)["inputs"] + pipeline.helper_inputs(name)):', "for path in _expand(pipeline.helper_inputs(name)):"),
    ("regression: 90 % intervals reported as 95 %", "compendium/schema.py", "CI_LEVEL = 95", "CI_LEVEL = 90"),
    ("diagrams: labels cut every nine characters, words ignored", "compendium/diagrams.py",
     "    for word in words(label):\n", "    for word in label:\n"),
    ("diagrams: edges drawn centre to centre, through the boxes", "compendium/diagrams.py",
     "routes[(source, target)] = [p for i, p in enumerate(route) if i == 0 or p != route[i - 1]]",
     "routes[(source, target)] = [centre[source], centre[target]]"),
    ("report: the PDF records the time it was built", "compendium/report/pages.py",
     '#set document(title: "{title}", date: none)', '#set document(title: "{title}", date: auto)'),
    ("build: kernels left on the CPU's own BLAS code path", "compendium/build.py",
     "client.execute(env={**os.environ, **(env or {}), **KERNEL_ENV})", "client.execute(env={**os.environ, **(env or {})})"),
    ("regression: structural controls over census-revised GDP (another vintage)", "compendium/regression/panel.py",
     'gdp_2021 = measure("gdp", GROWTH_DATABASE_VINTAGE)', "gdp_2021 = gdp_census"),
    ("regression: the investment rate over another vintage's GDP (a ratio across vintages)", "compendium/regression/panel.py",
     'measure("gdp_expenditure", EXPENDITURE_TABLE_VINTAGE)))', "gdp_census))"),
    ("audit: the variant precedence reversed (the last-ranked alternative, not the paper's words, as the headline)",
     "compendium/variants.py", "key=lambda o: (o.source != LEDGER, o.rank))", "key=lambda o: (o.source == LEDGER, -o.rank))"),
    ("audit: a vintage the paper names falls back like an unnamed one", "compendium/variants.py",
     "falls_back = axis in FALLBACK_AXES and _blank(stated)", "falls_back = axis in FALLBACK_AXES"),
    ("data: the plausibility check's multiple 6 → 5 (more flags, the resolutions still answer theirs)",
     "compendium/plausibility.py", "MULTIPLE = 6\n", "MULTIPLE = 5\n"),
    ("regression: the investment rate over the production table's GDP of the same export (two table states)",
     "compendium/regression/panel.py", 'measure("gdp_expenditure", EXPENDITURE_TABLE_VINTAGE)))', "gdp_2021))"),
    ("regression: the controls left out of the design matrix", "compendium/regression/fits.py",
     "    for term in (spec.x, *spec.controls):\n", "    for term in (spec.x,):\n"),
    ("regression: the scatter band with normal instead of t critical values", "compendium/regression/plan.py",
     "stats.t.ppf(0.5 + CI_LEVEL / 200, n - 2)", "stats.norm.ppf(0.5 + CI_LEVEL / 200)"),
    ("regression: wild-bootstrap draws 19 999 → 99", "compendium/regression/fits.py", "WILD_DRAWS = 19_999", "WILD_DRAWS = 99"),
    ("regression: the per-year cross-sections skip their last year", "compendium/regression/specifications.py",
     "data, bootstrap=False), year=t) for t in years])", "data, bootstrap=False), year=t) for t in years[:-1]])"),
    ("regression: the PKU index per 10 points, not 100", "compendium/regression/panel.py", "PKU_SCALE = 100.0", "PKU_SCALE = 10.0"),
    ("report: two bindings of the Chinese edition at swapped places", "paper/report.zh.md",
     "{{ regression.headline.n | .0f }}，{{ regression.headline.n_regions | .0f }}",
     "{{ regression.headline.n_regions | .0f }}，{{ regression.headline.n | .0f }}"),
    ("diagrams: A-fig01's growth box moved past the cake (two arrows reversed, layers edited to match)",
     "data/diagrams/A-fig01.yaml", "{id: growth, label: 高质量发展, layer: 2", "{id: growth, label: 高质量发展, layer: 4"),
    ("report: data text in HTML escaped for <, >, & only (links and markup live)", "compendium/report/markup.py",
     "        return PYTHON_MARKDOWN_SPECIAL.sub(r\"\\\\\\1\", html.escape(flat, quote=False))",
     "        return html.escape(flat, quote=False)"),
    ("figures: the widened canvas's margin left transparent", "compendium/style.py",
     "    restore = adjust_bbox(fig, widened, fig.canvas.get_renderer())  # type: ignore[attr-defined]  # also stretches the background\n",
     "    restore = adjust_bbox(fig, widened, fig.canvas.get_renderer())  # type: ignore[attr-defined]\n    fig.patch.set_bounds(0, 0, 1, 1)\n"),
    ("data: a passed validation remembered without the frame's content", "compendium/data.py",
     "    digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())\n", ""),
    ("diagrams: every label's cut read back from one file", "compendium/diagrams.py",
     'key = hashlib.sha256(f"{jieba.__version__}\\0{label}".encode()).hexdigest()',
     "key = hashlib.sha256(jieba.__version__.encode()).hexdigest()"),
    ("benchmark: the build-time budget judged on the difference of the medians", "compendium/benchmark.py",
     'added = statistics.median(r["full_build_s"] - r["baseline_build_s"] for r in paired)',
     'added = statistics.median(r["full_build_s"] for r in paired) - statistics.median(r["baseline_build_s"] for r in paired)'),
    ("regression: power and effects converted with the pooled spread, not the spread after the fixed effects",
     "compendium/regression/power.py", "    return partial_out(rows[column or spec.x].to_numpy(float), effects)\n",
     "    return rows[column or spec.x].to_numpy(float) - rows[column or spec.x].mean()\n"),
    ("regression: the curve's effects converted with the pooled spread", "compendium/regression/curve.py",
     "        spread = interquartile_range(partial_out(x, effects_design))\n", "        spread = interquartile_range(x)\n"),
    ("regression: duplicate fits of the curve counted as distinct", "compendium/regression/curve.py",
     '    return curve[curve["estimable"] & (curve["duplicate_of"].fillna("") == "")]\n',
     '    return curve[curve["estimable"]]\n'),
    ("audit: a verdict cites the sources of the rows its rule named, not of every row it looked at", "compendium/rules/__init__.py",
     '        verdict.source_id = _sources(pd.concat(returned)) if returned else ""\n', ""),
    ("regression: the curve's p from normal, not t(G-1), critical values", "compendium/regression/curve.py",
     '"p_value": float(2 * stats.t.sf(abs(t_value), df)),', '"p_value": float(2 * stats.norm.sf(abs(t_value))),'),
    ("regression: the VIF against the controls computed with the year effects counted in (another way)",
     "compendium/regression/power.py", '"vif_controls": float(np.sum(x_within ** 2) / np.sum(x_residual ** 2)),',
     '"vif_controls": float(np.sum((x - x.mean()) ** 2) / np.sum(x_residual ** 2)),'),
    ("grid: a level dropped from the declared specification grid, the plan not amended", "paper/specification_grid.yaml",
     "    no_pandemic: not pandemic\n", ""),
    ("phrasebook: the Chinese words of two verdicts swapped", "compendium/phrasebook/labels.py",
     'VERDICTS = {"matches": "相符", "differs": "不符",', 'VERDICTS = {"matches": "不符", "differs": "相符",'),
    ("figure: the specification curve plots each fit's slope under the label of its effect",
     "notebooks/05_specification_curve.ipynb", 'sns.scatterplot(x=rank, y=estimable["effect_iqr"]',
     'sns.scatterplot(x=rank, y=estimable["coefficient"]'),
    ("pipeline: notebook 05's declared grid input matches no file (the lock stops hashing it)", "compendium/pipeline.py",
     '"paper/specification_grid.yaml", "paper/analysis_plan.md"],', '"paper/specification_grid.yml", "paper/analysis_plan.md"],'),
    ("regression: the joint test's null counts taken one-sided the wrong way (fewer, not at least as many)",
     "compendium/regression/curve.py",
     '            extreme = size >= (abs(value) if rule == "|>=|" else value)\n',
     '            extreme = size <= (abs(value) if rule == "|>=|" else value)\n'),
    ("audit: a group's share of the provinces' GDP taken as its mean province over the mean province",
     "compendium/rules/groups.py", "return 100 * values[members].sum() / values.sum()",
     "return 100 * values[members].mean() / values.mean()"),
    ("audit: a province's GDP rank counted from the smallest", "compendium/rules/groups.py",
     'end_values.rank(ascending=False, method="min")[region]', 'end_values.rank(ascending=True, method="min")[region]'),
    ("lineage: the look-ups that found nothing left out of the evidence file", "compendium/audit.py",
     '                    rows.append(head | {"found": False})\n', "                    pass\n"),
    # the held-back audit of 2026-12-06: defects a second reader committed that passed every test then
    ("audit: a looked-up official value reported in the data's unit, not the paper's", "compendium/rules/lookup.py",
     """f"compare:{claim['comparator']}", official=official,""", """f"compare:{claim['comparator']}", official=row["value"],"""),
    ("regression: Stouffer's z from the observed t itself, not its normal equivalent", "compendium/regression/curve.py",
     "z_observed = stats.norm.ppf(stats.t.cdf(t_observed, null.df))", "z_observed = t_observed"),
    ("audit: the multiple's GDP looked up outside the logged path (its rows not cited)", "compendium/rules/derived.py",
     "nominal = nominal_growth_by_vintage(obs, region, year)", "nominal = nominal_growth_by_vintage(obs.frame, region, year)"),
    ("report: the Chinese words for 'excludes' and 'does not exclude' swapped", "compendium/phrasebook/report_words.py",
     '"excludes": ("excludes", "排除了"),', '"excludes": ("excludes", "未能排除"),'),
    ("figure: the residual panel draws the studentised residual under the label 'residual'",
     "notebooks/02_paperB_regression.ipynb", 'a.scatter(diagnostics["fitted"], diagnostics["residual"]',
     'a.scatter(diagnostics["fitted"], diagnostics["student_resid"]'),
    ("audit: 'the 31 provinces together' as the mean of the provinces' ratios", "compendium/rules/groups.py",
     "national = scale * top.loc[year].sum() / bottom.loc[year].sum()",
     "national = scale * (top.loc[year] / bottom.loc[year]).mean()"),
    ("phrasebook: the month of a dated figure one off in the Chinese causes", "compendium/phrasebook/sentences.py",
     """{figure['year']}年{figure['month']}月末""", """{figure['year']}年{figure['month'] - 1}月末"""),
    # the second held-back audit (2026-12-06, on 04f7df1): its misses, each now caught
    ("audit: 'the other provinces' of a group-growth statement include the group", "compendium/rules/groups.py",
     "rest = [p for p in regions.PROVINCES if p not in members]", "rest = list(regions.PROVINCES)"),
    ("regression: the spread 'after the controls' taken before them", "compendium/regression/power.py",
     "residual_spread = interquartile_range(x_residual)", "residual_spread = interquartile_range(x_within)"),
    ("phrasebook: the two years of the Chinese dispersion cause swapped", "compendium/phrasebook/causes.py",
     "{before:.4f}（{start} 年）→ {after:.4f}（{year} 年）", "{before:.4f}（{year} 年）→ {after:.4f}（{start} 年）"),
    ("figure: the influence panel draws the raw residual under 'studentised residual'",
     "notebooks/02_paperB_regression.ipynb", 'b.scatter(diagnostics["leverage"], diagnostics["student_resid"]',
     'b.scatter(diagnostics["leverage"], diagnostics["residual"]'),
    ("audit: the dispersion's population looked up outside the logged path", "compendium/rules/groups.py",
     'population, population_missing = _provincial(obs, "population"',
     'population, population_missing = _provincial(Observations(obs.frame), "population"'),
    ("regression: the per-year cross-sections fitted without the headline's controls", "compendium/regression/specifications.py",
     'fixed_effects="", cluster=False),', 'fixed_effects="", cluster=False, controls=()),'),
    ("phrasebook: the year of an official figure in the Chinese causes shifted by one", "compendium/phrasebook/sentences.py",
     """    return f"{figure['year']}年{labels.quantity(""",
     """    return f"{figure['year'] + 1}年{labels.quantity("""),
    # the third held-back audit (2026-12-06, on 7e5334c): its misses, each now caught
    ("audit: the share's denominator looked up outside the logged path (B54's GDP rows not cited)",
     "compendium/rules/groups.py", "bottom, bottom_missing = _provincial(obs, denominator,",
     "bottom, bottom_missing = _provincial(as_observations(obs.frame), denominator,"),
    ("report: the unverified share taken of the statistical claims, not of the ledger", "compendium/values/claims.py",
     'values["claims.unverified_share"] = round(100 * (claims["verdict"] == UNVERIFIED).mean(), 1)',
     'values["claims.unverified_share"] = round(100 * (claims["verdict"] == UNVERIFIED).sum() '
     '/ (claims["verdict"] != "not a statistic").sum(), 1)'),
    ("figure 7: the official bars drawn from 2022 under the legend '2021年末'", "notebooks/01_paperB_figures.ipynb",
     '& observations["region"].isin(["Shenzhen", "Shanghai", "Beijing", "China"]) & (observations["year"] == 2021)]',
     '& observations["region"].isin(["Shenzhen", "Shanghai", "Beijing", "China"]) & (observations["year"] == 2022)]'),
    ("phrasebook: the Chinese names of the grid's 'previous year' and 'same year' swapped", "compendium/phrasebook/labels.py",
     '"previous_year": ("previous year", "上一年"), "same_year": ("same year", "当年"),',
     '"previous_year": ("previous year", "当年"), "same_year": ("same year", "上一年"),'),
    ("phrasebook: the Chinese words of 'more than' and 'at least' swapped", "compendium/phrasebook/rules.py",
     '">": ("strictly above {printed:quantity}", "严格大于{printed:quantity}"),',
     '">": ("strictly above {printed:quantity}", "不低于{printed:quantity}"),'),
    ("report: the evidence rows counted with the empty look-ups", "compendium/values/claims.py",
     'values["evidence.claims.rows"] = int((evidence_rows["found"] == "True").sum())',
     'values["evidence.claims.rows"] = len(evidence_rows)'),
    # the fourth held-back audit (2026-12-06, on b428a88): its misses, each now caught
    ("report: the regions' growth volatility as a population standard deviation", "compendium/values/figures.py",
     'values[f"growth.{region}.std"] = rows["value"].std(ddof=1)', 'values[f"growth.{region}.std"] = rows["value"].std(ddof=0)'),
    ("report: the refused specifications counted as estimated", "compendium/values/regression.py",
     'values["regression.estimated"] = len(estimated)', 'values["regression.estimated"] = len(results)'),
    ("report: the per-year slopes expected by chance halved", "compendium/values/regression.py",
     'values["per_year.expected_by_chance"] = len(per_year) * REGRESSION_ALPHA',
     'values["per_year.expected_by_chance"] = len(per_year) * REGRESSION_ALPHA / 2'),
    ("phrasebook: H4's Chinese name drops a pandemic year", "compendium/phrasebook/labels.py",
     '"去掉疫情年份 2020–2022"', '"去掉疫情年份 2020–2021"'),
    ("audit: the start year counted in the 'before' window too", "compendium/rules/groups.py",
     "before, after = [y for y in held if y < start]", "before, after = [y for y in held if y <= start]"),
    ("regression: the power rule's share changed from the plan's quarter", "compendium/regression/power.py",
     "INFORMATIVE_SHARE = 0.25", "INFORMATIVE_SHARE = 0.20"),
    # the fifth held-back audit (2026-12-06, on ff56378): its miss, now caught
    ("report: the headline's single-copy share taken over input groups, not input values", "compendium/values/claims.py",
     'headline_rows[headline_inputs["evidence"] == "single secondary copy"].sum() / headline_rows.sum())',
     '(headline_inputs["evidence"] == "single secondary copy").mean())'),
    ("regression: the joint test's p as (k+1)/(B+1), not the share of null draws", "compendium/regression/curve.py",
     '"draws": draws, "p": float(extreme.mean())})', '"draws": draws, "p": float((extreme.sum() + 1) / (draws + 1))})'),
    ("report: a claim's evidence cell lists and counts only the sources it shows", "compendium/values/claims.py",
     'values[f"claim.{claim}.evidence_sources"] = sorted(set(rows["source_id"]) - {"derived"})',
     'values[f"claim.{claim}.evidence_sources"] = sorted(set(rows["source_id"]) - {"derived"})[:3]'),
    ("regression: the adjusted R² reported under R²", "compendium/regression/fits.py",
     '"r_squared": result.rsquared,', '"r_squared": result.rsquared_adj,'),
    ("report: the source table's rows counted in the evidence file, not in data/raw", "compendium/values/data.py",
     'cited = raw.groupby("source_id").size()',
     'cited = pd.read_csv(paths.DATA / "derived" / "claims_evidence.csv", dtype=str).groupby("source_id").size()'),
]
FILES = tuple(OBSERVATION_FILES.values())
KINDS = ("last_digit", "swap_years", "drop_row", "swap_vintages")


def _rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [list(r) for r in csv.reader(handle)]


def _write(path: Path, rows: list[list[str]]) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def bump_last_digit(value: str) -> str:
    """'38.6' -> '38.7', '1204724' -> '1204725', '-0.2' -> '-0.1': one unit in the last digit."""
    number = Decimal(value)
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int), value  # a finite number
    step = Decimal(1).scaleb(exponent)
    return str(number + step)


def plan(n: int, seed: int) -> list[dict]:
    """Choose n corruptions across files and kinds, reproducibly."""
    rng = random.Random(seed)
    tables = {name: _rows(ROOT / "data" / "raw" / name) for name in FILES}
    out = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        name = FILES[(i // len(KINDS)) % len(FILES)]
        rows = tables[name]
        header, body = rows[0], rows[1:]
        if kind == "swap_vintages":  # two releases of one value: a ratio would then mix them
            col = {c: header.index(c) for c in ("region", "measure", "year", "vintage")}
            releases: dict[tuple, list[int]] = {}
            for k, row in enumerate(body):
                releases.setdefault((row[col["region"]], row[col["measure"]], row[col["year"]]), []).append(k)
            pairs = [g for g in releases.values() if len({body[k][col["vintage"]] for k in g}) >= 2]
            if pairs:
                first, second = rng.sample(rng.choice(pairs), 2)
                out.append({"kind": kind, "file": name, "rows": [first + 1, second + 1]})
                continue
            kind = "last_digit"
        if kind == "swap_years":
            col = {c: header.index(c) for c in ("region", "measure", "vintage", "year")}
            groups: dict[tuple, list[int]] = {}
            for k, row in enumerate(body):
                groups.setdefault((row[col["region"]], row[col["measure"]], row[col["vintage"]]), []).append(k)
            candidates = [g for g in groups.values() if len(g) >= 2]
            if not candidates:
                kind = "last_digit"
            else:
                first, second = rng.sample(rng.choice(candidates), 2)
                out.append({"kind": kind, "file": name, "rows": [first + 1, second + 1]})
                continue
        picked = rng.randrange(len(body))
        out.append({"kind": kind, "file": name, "rows": [picked + 1]})
    return out


def apply(mutation: dict, root: Path) -> str:
    path = root / "data" / "raw" / mutation["file"]
    rows = _rows(path)
    header = rows[0]
    value, year = header.index("value"), header.index("year")
    first = mutation["rows"][0]
    described = f"{mutation['file']} row {first}"
    if mutation["kind"] == "last_digit":
        old = rows[first][value]
        rows[first][value] = bump_last_digit(old)
        described += f": value {old} → {rows[first][value]}"
    elif mutation["kind"] == "swap_vintages":
        second, vintage = mutation["rows"][1], header.index("vintage")
        rows[first][vintage], rows[second][vintage] = rows[second][vintage], rows[first][vintage]
        described += f" and row {second}: vintage labels swapped"
    elif mutation["kind"] == "swap_years":
        second = mutation["rows"][1]
        rows[first][year], rows[second][year] = rows[second][year], rows[first][year]
        described += f" and row {second}: years swapped"
    else:
        described += f" dropped ({','.join(rows[first][:4])})"
        del rows[first]
    _write(path, rows)
    return described


MUTATION_MARK = Path(".build") / "mutation.txt"  # in a trial's clone: which logic mutation it carries


def apply_logic(mutation: tuple, root: Path) -> str:
    what, relative, old, new = mutation
    path = root / relative
    (root / MUTATION_MARK).parent.mkdir(parents=True, exist_ok=True)
    (root / MUTATION_MARK).write_text(what, encoding="utf-8")  # the anchor test skips this one mutation
    if relative.endswith(".ipynb"):  # edit the cell sources, not their JSON escaping
        notebook = json.loads(path.read_text(encoding="utf-8"))
        sources = ["".join(c["source"]) for c in notebook["cells"]]
        if sum(src.count(old) for src in sources) != 1:
            raise ValueError(f"logic mutation {what!r}: the text occurs {sum(s.count(old) for s in sources)} times in {relative}")
        for cell, src in zip(notebook["cells"], sources):
            cell["source"] = src.replace(old, new).splitlines(keepends=True)
        path.write_text(json.dumps(notebook, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise ValueError(f"logic mutation {what!r}: the text occurs {text.count(old)} times in {relative}")
        path.write_text(text.replace(old, new), encoding="utf-8")
    return f"{what} ({relative})"


def rebuild(root: Path, mutated: str) -> tuple[bool, list[str]]:
    """`make`'s build step inside the clone; which committed outputs it changed (besides the mutated
    file itself and the build lock's bookkeeping)."""
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("COMPENDIUM_OUTPUT_DIR", None)
    ok = subprocess.call([sys.executable, "-m", "compendium.build"], cwd=root, env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    return ok, sorted(line[3:] for line in status.splitlines() if line[3:] not in (mutated, "build.lock.json"))


def logic_trial(index: int, mutation: tuple, workdir: Path) -> dict:
    clone = workdir / f"l{index:02d}"
    subprocess.run(["git", "clone", "--quiet", str(workdir / "base"), str(clone)], check=True)
    described = apply_logic(mutation, clone)
    built, changed = rebuild(clone, mutation[1])
    passed, seconds, failed = run_tests(clone, every_failure=True)
    shutil.rmtree(clone, ignore_errors=True)
    return {"label": f"l{index:02d}", "mutation": described, "rebuild_ok": built, "outputs_changed": changed,
            "tests_pass": passed, "caught_by": failed, "seconds": round(seconds, 1)}


def run_tests(root: Path, every_failure: bool = False) -> tuple[bool, float, list[str]]:
    """The README's test command, `make test`, run inside the clone; the failed tests' ids.

    The clone uses this checkout's environment (`-o` tells make not to build one; PYTHONPATH makes
    the clone's own code and data shadow the editable install). It stops at the first failure
    unless `every_failure` asks for the full list of the tests that catch a mutation.
    """
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("COMPENDIUM_OUTPUT_DIR", None)
    subprocess.run([sys.executable, "-m", "compendium.data"], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)
    start = time.monotonic()
    options = "-q -rf" if every_failure else "-x -q -rf"
    finished = subprocess.run(["make", "test", "-o", ".venv/.installed", f"PY={sys.executable}", f"PYTEST_ARGS={options}"],
                              cwd=root, env=env, capture_output=True, text=True)
    failed = sorted({line.split()[1] for line in finished.stdout.splitlines() if line.startswith("FAILED ")})
    return finished.returncode == 0, time.monotonic() - start, failed


def changed_outputs(root: Path) -> list[str]:
    """Independent check for a corruption the tests did not flag: rebuild and list changed outputs."""
    env = dict(os.environ, PYTHONPATH=str(root))
    env.pop("COMPENDIUM_OUTPUT_DIR", None)
    subprocess.run([sys.executable, "-m", "compendium.build", "--all"], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout
    return sorted(line[3:] for line in status.splitlines() if not line[3:].startswith("data/raw/"))


def trial(mutation: dict | None, workdir: Path, label: str) -> dict:
    clone = workdir / label
    subprocess.run(["git", "clone", "--quiet", str(workdir / "base"), str(clone)], check=True)
    described = apply(mutation, clone) if mutation else "no corruption (control)"
    passed, seconds, _ = run_tests(clone)
    missed = changed_outputs(clone) if passed and mutation else []
    shutil.rmtree(clone, ignore_errors=True)
    return {"label": label, "corruption": described, "tests_pass": passed, "seconds": round(seconds, 1),
            "outputs_changed_but_not_caught": missed}


def run_data(args, workdir: Path) -> dict:
    mutations = plan(args.n, args.seed)
    with ThreadPoolExecutor(args.workers) as pool:
        trials = list(pool.map(lambda im: trial(im[1], workdir, f"m{im[0]:02d}"), enumerate(mutations)))
    for t, m in zip(trials, mutations):
        if not t["tests_pass"]:
            status = "caught"
        elif t["outputs_changed_but_not_caught"]:
            status = "MISSED: changed " + ", ".join(t["outputs_changed_but_not_caught"])
        else:
            status = "not caught, and a rebuild changes no output: the value reaches no output"
        print(f"  {t['label']} {m['kind']:<10} {t['corruption']}: {status}")
    caught = sum(not t["tests_pass"] for t in trials)
    missed = sum(bool(t["outputs_changed_but_not_caught"]) for t in trials)
    reaching = caught + missed
    print(f"mutate (data): {len(trials)} corruptions tried, {reaching} reached an output, {caught} of those caught, "
          f"{missed} missed; {len(trials) - reaching} reached no output")
    return {"tried": len(trials), "caught": caught, "missed": missed, "reaching_output": reaching,
            "reaching_no_output": len(trials) - reaching,
            "catch_rate_of_reaching": round(caught / reaching, 4) if reaching else None,
            "seed": args.seed, "trials": [t | {"kind": m["kind"]} for t, m in zip(trials, mutations)]}


def run_logic(args, workdir: Path) -> dict:
    with ThreadPoolExecutor(args.workers) as pool:
        trials = list(pool.map(lambda im: logic_trial(im[0], im[1], workdir), enumerate(LOGIC_MUTATIONS)))
    for t in trials:
        if not t["tests_pass"]:
            status = "caught" + ("" if t["rebuild_ok"] else " (the rebuild itself failed)")
        elif t["outputs_changed"]:
            status = "MISSED: rebuilt outputs changed: " + ", ".join(t["outputs_changed"][:4])
        else:
            status = "not caught; the rebuild changed no published output"
        print(f"  {t['label']} {t['mutation']}: {status}")
    caught = sum(not t["tests_pass"] for t in trials)
    missed = sum(t["tests_pass"] and bool(t["outputs_changed"]) for t in trials)
    reaching = sum(bool(t["outputs_changed"]) or not t["rebuild_ok"] for t in trials)
    print(f"mutate (logic): {len(trials)} mutations applied and rebuilt, {caught} caught by the tests, {missed} missed "
          f"({reaching} changed a published output or broke the build)")
    return {"tried": len(trials), "caught": caught, "missed": missed, "changing_output": reaching,
            "caught_among_changing": sum(not t["tests_pass"] and (bool(t["outputs_changed"]) or not t["rebuild_ok"])
                                         for t in trials),
            "trials": trials}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=24)
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", choices=("data", "logic"), help="run one family of mutations")
    args = parser.parse_args()
    if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout.strip():
        print("mutate: commit first — the trials clone the committed repository", file=sys.stderr)
        return 2
    workdir = Path(tempfile.mkdtemp(prefix="mutate-"))
    # every trial starts from this one snapshot, whatever is committed while the run goes on
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(workdir / "base")], check=True)
    control = trial(None, workdir, "control")
    print(f"control (no corruption): tests {'pass' if control['tests_pass'] else 'FAIL'} ({control['seconds']} s)")
    if not control["tests_pass"]:
        return 1
    previous = json.loads(RESULT.read_text(encoding="utf-8")) if RESULT.is_file() else {}
    result = {key: value for key, value in previous.items() if key != "logic"} if args.only == "logic" else {}
    if args.only != "logic":
        result |= run_data(args, workdir)
    result["logic"] = run_logic(args, workdir) if args.only != "data" else previous.get("logic", {})
    RESULT.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(workdir, ignore_errors=True)
    return 1 if result.get("missed") or result["logic"].get("missed") else 0


if __name__ == "__main__":
    sys.exit(main())
