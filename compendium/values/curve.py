"""What notebook 05 hands to the report: the specification curve's summary, its joint test against
null curves, and the distinct fits by choice, read back from the files the notebook wrote."""
from __future__ import annotations

from typing import Any

from .. import regression
from ..schema import REGRESSION_ALPHA
from . import written

NOTEBOOK = "05_specification_curve"

# What the joint test says, by whether the significantly positive and negative fits exceed chance
JOINT_VERDICTS = {(False, False): "more significant fits of neither sign than null curves commonly reach",
                  (True, False): "more significantly positive fits than null curves commonly reach",
                  (False, True): "more significantly negative fits than null curves commonly reach",
                  (True, True): "more significant fits of both signs than null curves commonly reach"}


def compute() -> dict[str, Any]:
    values: dict[str, Any] = {}
    curve = written("specification_curve.csv").astype({"estimable": str})
    summary = regression.curve_summary(curve.assign(
        estimable=curve["estimable"] == "True", headline=curve["headline"] == "True",
        tests_ordering=curve["tests_ordering"] == "True",
        **{c: curve[c].replace("", "nan").astype(float) for c in ("coefficient", "p_value", "p_wild", "effect_iqr")}),
        REGRESSION_ALPHA)
    for key, value in summary.items():
        values[f"curve.{key}"] = value
    values["curve.draws"] = regression.CURVE_DRAWS
    joint = written("specification_curve_joint.csv")
    for row in joint.itertuples():
        name = f"curve.joint.{row.subset}.{row.statistic}"
        for column in ("specifications", "observed", "null_median", "null_p95", "p"):
            values[f"{name}.{column}"] = float(getattr(row, column))
        values["curve.joint.draws"] = int(row.draws)
    values["curve.joint.null_quantile"] = regression.JOINT_NULL_QUANTILE
    groups = written("specification_curve_summary.csv")
    for row in groups[groups["regressor"] != ""].itertuples():
        for column in ("distinct", "positive", "negative", "positive_significant", "negative_significant"):
            values[f"curve.group.{row.regressor}.{row.lag}.{column}"] = int(getattr(row, column))
        values[f"curve.group.{row.regressor}.{row.lag}.median_effect_iqr"] = float(row.median_effect_iqr)
    for subset in regression.JOINT_SUBSETS:
        beyond = (values[f"curve.joint.{subset}.positive_significant.p"] < REGRESSION_ALPHA,
                  values[f"curve.joint.{subset}.negative_significant.p"] < REGRESSION_ALPHA)
        values[f"curve.joint.{subset}.verdict"] = JOINT_VERDICTS[beyond]
    values["curve.joint.ordering_agrees"] = ("the same holds for the fits that test the paper's ordering"
                                             if values["curve.joint.ordering.verdict"] == values["curve.joint.all.verdict"]
                                             else "the fits that test the paper's ordering differ (their p-values above)")
    values["curve.grid_sha256"] = curve["grid_sha256"].iloc[0][:12]
    return values
