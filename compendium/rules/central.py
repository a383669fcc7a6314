"""The central claim (more digitalised regions grow faster), judged on the analysis plan's headline fit."""
from __future__ import annotations

import pandas as pd

from ..schema import REGRESSION_ALPHA
from .base import DIFFERS, INCONCLUSIVE, MATCHES, Cause, Verdict

# worded in compendium/phrasebook/rules.py
REGRESSION_CHECKS = (
    "regression_interval", "regression_sign", "regression_interval_unconditional",
    "regression_sign_unconditional",
)
UNCONDITIONAL_SPECIFICATION = "H0"  # the association: lagged index and year effects, nothing else


def regression_statement(results: pd.DataFrame, check: str = "regression_interval") -> Verdict:
    """The claim of a positive relation, judged on the headline specification (or, for the
    association readings, on the specification with year effects only)."""
    if check.endswith("_unconditional"):
        main = results[results["specification"].str.split().str[0] == UNCONDITIONAL_SPECIFICATION].iloc[0]
    else:
        main = results[results["headline"]].iloc[0]
    why = Cause("regression", {"specification": main["specification"].split()[0]}
                | {k: float(main[k]) for k in ("coefficient", "ci_low", "ci_high", "p_value", "p_wild")} | {"n": int(main["n"])})
    if check.startswith("regression_sign"):
        verdict = MATCHES if main["coefficient"] > 0 else DIFFERS
    elif check.startswith("regression_interval"):
        confirmed = main["p_wild"] < REGRESSION_ALPHA
        verdict = MATCHES if main["ci_low"] > 0 and confirmed else \
            DIFFERS if main["ci_high"] < 0 and confirmed else INCONCLUSIVE
    else:
        raise ValueError(f"unknown regression check {check!r}")
    # the panel holds the PKU index per 100 of its points (compendium/regression/panel.py PKU_SCALE)
    unit = "pp per 100 index points" if str(main.get("x", "")).startswith("pku") else "pp per unit"
    return Verdict(verdict, check, official=main["coefficient"], official_unit=unit,
                   why=why, source_id="data/derived/regression_results.csv",
                   evidence={"specification": main["specification"]})



