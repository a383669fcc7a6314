"""No two texts of a data figure of Paper B touch: label boxes measured by the renderer on the
figures that notebook 01 draws (its code cells run here). The counts are printed (pytest -s) and
must be zero."""
from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")

from compendium import charts  # noqa: E402


@pytest.fixture(scope="module")
def figures(notebook01_figures):
    return notebook01_figures


@pytest.mark.parametrize("figure_id", ["B-fig03", "B-fig04", "B-fig05", "B-fig06", "B-fig07"])
def test_no_two_texts_of_a_data_figure_overlap(figures, figure_id):
    overlaps = charts.text_overlaps(figures[figure_id])
    print(f"{figure_id}: {len(overlaps)} overlapping text pairs")
    assert overlaps == []


def test_the_overlap_measure_sees_an_overlap():
    """The measure itself: two labels drawn on the same spot are one overlapping pair."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "甲乙丙")
    ax.text(0.5, 0.5, "丁戊己")
    assert charts.text_overlaps(fig) == [("甲乙丙", "丁戊己")]
    plt.close(fig)
