"""No two texts of a figure touch: label boxes measured by the renderer.

Two ways: the figures that notebook 01 draws are measured here, in the test process, from its code
cells; and for every figure of every notebook, the count that `style.save_figure` measured and
printed as it saved the file is read from the committed notebook (nbval re-executes each notebook
and fails if a fresh run prints another count). The counts are printed and must be zero.
"""
from __future__ import annotations

import json
import re

import matplotlib
import pytest

matplotlib.use("Agg")

from compendium import paths, pipeline, style  # noqa: E402

# the figures nbval's run of notebook 01 kept, read after it on its worker (conftest.py)
pytestmark = pytest.mark.figures_of("01_paperB_figures")

SAVED = re.compile(r"wrote figures/(?P<name>[\w.-]+)\.svg and figures/[\w.-]+\.png \(text overlaps: (?P<count>\d+); "
                   r"smallest text in print: (?P<smallest>[\d.]+|inf) pt\)")


@pytest.mark.parametrize("figure_id", ["B-fig03", "B-fig04", "B-fig05", "B-fig06", "B-fig07"])
def test_no_two_texts_of_a_paper_b_data_figure_overlap(notebook01_figures, figure_id):
    overlaps = style.text_overlaps(notebook01_figures[figure_id])
    print(f"{figure_id}: {len(overlaps)} overlapping text pairs (measured here)")
    assert overlaps == []


def test_every_figure_of_every_notebook_was_saved_with_no_overlapping_text():
    counts = {}
    for notebook, spec in pipeline.NOTEBOOKS.items():
        cells = json.loads((paths.NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
        printed = "".join("".join(out.get("text", "")) for cell in cells for out in cell.get("outputs", []))
        found = {m["name"]: int(m["count"]) for m in SAVED.finditer(printed)}
        expected = {p[len("figures/"):-len(".svg")] for p in spec["outputs"] if p.startswith("figures/") and p.endswith(".svg")}
        assert set(found) == expected, notebook
        counts.update(found)
    print("text overlaps per figure (as saved): " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    assert len(counts) == 37  # 21 of the papers, 8 of our own in two languages
    assert {k: v for k, v in counts.items() if v} == {}


def test_every_figure_prints_its_smallest_text_at_six_points_or_more():
    """The size `style.save_figure` measured and printed (the figure's font sizes times the scale at
    which the PDF prints it), read from the committed notebooks; nbval holds the printed line."""
    sizes = {}
    for notebook in pipeline.NOTEBOOKS:
        cells = json.loads((paths.NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
        printed = "".join("".join(out.get("text", "")) for cell in cells for out in cell.get("outputs", []))
        sizes.update({m["name"]: float(m["smallest"]) for m in SAVED.finditer(printed)})
    print("smallest text in print: " + ", ".join(f"{k} {v}" for k, v in sorted(sizes.items())))
    assert len(sizes) == 37
    assert {k: v for k, v in sizes.items() if v < style.MIN_PRINTED_TEXT_PT} == {}


def test_the_printed_size_measure_sees_small_text():
    """The measure itself: 4 pt text on a figure drawn at the text's width prints at 4 pt; the same
    figure drawn twice as wide prints at half that."""
    import matplotlib.pyplot as plt
    from matplotlib.transforms import Bbox

    fig = plt.figure(figsize=(7, 3))
    fig.text(0.5, 0.5, "small", fontsize=4)
    width = style.PDF_TEXT_WIDTH_PT / 72
    assert style.smallest_printed_text(fig, Bbox.from_bounds(0, 0, width, 3)) == pytest.approx(4)
    assert style.smallest_printed_text(fig, Bbox.from_bounds(0, 0, 2 * width, 3)) == pytest.approx(2)
    plt.close(fig)


def test_the_overlap_measure_sees_an_overlap():
    """The measure itself: two labels drawn on the same spot are one overlapping pair."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    ax.text(0.5, 0.5, "甲乙丙")
    ax.text(0.5, 0.5, "丁戊己")
    assert style.text_overlaps(fig) == [("甲乙丙", "丁戊己")]
    plt.close(fig)


@pytest.mark.parametrize("figure_id", ["B-fig03", "B-fig04", "B-fig05", "B-fig06"])
def test_no_label_of_a_paper_b_data_figure_sits_on_a_marker_bar_or_line(notebook01_figures, figure_id):
    """Value labels and notes clear of every marker, bar and line (of either y-axis), as measured on
    the figure the notebook drew."""
    found = style.texts_on_marks(notebook01_figures[figure_id])
    print(f"{figure_id}: {len(found)} labels on a mark")
    assert found == []


def test_the_mark_check_sees_a_label_on_a_marker_a_bar_and_a_line():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [0, 1, 0], marker="o")
    ax.bar([4], [1.0])
    ax.text(0, 0, "on a marker", ha="center", va="center")
    ax.text(4, 0.5, "on a bar", ha="center")
    ax.text(1.5, 0.5, "on a line", ha="center", va="center", fontsize=6)
    ax.text(3, 1.5, "clear", ha="center")
    ax.set_ylim(-0.5, 2)
    found = dict(style.texts_on_marks(fig))
    plt.close(fig)
    assert found == {"on a marker": "a marker or bar", "on a bar": "a marker or bar", "on a line": "a line"}
