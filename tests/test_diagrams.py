"""Diagram structures: complete, validated, and the only place a label lives."""
import io
import itertools

import matplotlib
import pytest
import yaml

matplotlib.use("Agg")

from compendium import diagrams, exhibits, style  # noqa: E402
from compendium.data import DataError  # noqa: E402

DIAGRAM_IDS = [e.figure_id for e in exhibits.EXHIBITS if e.kind == "diagram"]


def test_every_diagram_has_a_valid_structure_citing_sections():
    assert len(DIAGRAM_IDS) == 16
    for figure_id in DIAGRAM_IDS:
        spec = diagrams.load(figure_id)
        assert spec["nodes"] and all(node["section"] for node in spec["nodes"])
        assert spec["edges"], figure_id


def test_paper_a_figure_1_has_the_seven_channels_of_section_two():
    spec = diagrams.load("A-fig01")
    channels = [n for n in spec["nodes"] if n["section"].startswith("二(")]
    assert [n["section"] for n in channels] == [f"二({c})" for c in "一二三四五六七"]


def test_paper_b_figure_10_joins_five_factors_pairwise():
    spec = diagrams.load("B-fig10")
    assert len(spec["nodes"]) == 5 and len(spec["edges"]) == 10


def write(tmp_path, spec):
    path = tmp_path / "X.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def test_an_edge_to_an_unknown_node_is_named(tmp_path):
    spec = {"layout": "layers", "edges": [["a", "zz"]], "nodes": [{"id": "a", "label": "甲", "section": "一", "layer": 0}]}
    with pytest.raises(DataError, match=r"X\.yaml, edge 1 \(a → zz\): unknown node\(s\) \['zz'\]"):
        diagrams.load("A-fig01", write(tmp_path, spec))


def test_a_node_without_section_is_named(tmp_path):
    spec = {"layout": "cycle", "nodes": [{"id": "a", "label": "甲"}, {"id": "b", "label": "乙", "section": "二"}]}
    with pytest.raises(DataError, match=r"X\.yaml, node 1: missing \['section'\]"):
        diagrams.load("A-fig01", write(tmp_path, spec))


def test_editing_a_label_changes_the_figure(tmp_path):
    style.use()
    spec = diagrams.load("B-fig12")

    def svg(spec):
        buffer = io.BytesIO()
        diagrams.draw(spec).savefig(buffer, format="svg", metadata={"Date": None})
        return buffer.getvalue()

    before = svg(spec)
    spec["nodes"][0]["label"] = "改过的标签"
    assert svg(spec) != before


# Crossings each structure must have at least, worked out by hand: a tree or a set of chains can be
# drawn in layers without any; two assessments each feeding the same three policies (K2,3 between
# two layers) need C(2,2)·C(3,2) = 3; five factors joined pairwise on a pentagon (K5 on a convex
# polygon) cross in C(5,4) = 5 points.
LEAST_CROSSINGS = {"B-fig10": 5, "B-fig14": 3, "B-fig15": 3, "B-fig16": 3}


@pytest.fixture(scope="module")
def drawn():
    style.use()
    out = {}
    for figure_id in DIAGRAM_IDS:
        spec = diagrams.load(figure_id)
        placed = diagrams.layout(spec)
        fig = diagrams.draw(spec, placed)
        out[figure_id] = (spec, placed, diagrams.measure(fig))
        matplotlib.pyplot.close(fig)
    return out


def test_diagram_layouts_have_no_avoidable_defects(drawn):
    """On the drawn figure: crossings no more than the layered ordering reports (and that ordering
    reaches the hand-worked minimum), no edge through a box, no text outside its box or the page."""
    for figure_id, (spec, placed, counts) in drawn.items():
        print(f"{figure_id}: crossings {counts['crossings']} (ordering: {placed.crossings}), edges through boxes "
              f"{counts['edges_through_boxes']}, text overflows {counts['text_overflows']}")
        assert placed.crossings == LEAST_CROSSINGS.get(figure_id, 0), figure_id
        assert counts["crossings"] <= placed.crossings, figure_id
        assert counts["edges_through_boxes"] == 0, figure_id
        assert counts["text_overflows"] == 0, figure_id
        if spec["layout"] == "layers":  # the layout's columns are the layers the structure declares
            columns = sorted({round(x, 3) for x, _ in placed.centre.values()})
            assert all(columns.index(round(placed.centre[n["id"]][0], 3)) == n["layer"] for n in spec["nodes"]), figure_id


def test_the_measure_sees_a_box_on_an_edge_and_a_label_off_the_page():
    """The counts can fail: a box moved onto another edge, and a title pushed off the figure."""
    style.use()
    spec = diagrams.load("A-fig01")
    fig = diagrams.draw(spec)
    boxes = {a.get_gid(): a for a in fig.findobj() if (a.get_gid() or "").startswith("box:")}
    tech, growth = boxes["box:tech"].get_position(), boxes["box:growth"].get_position()
    boxes["box:c1"].set_position(((tech[0] + growth[0]) / 2, tech[1]))  # onto tech → c4 … c4 → growth
    fig.texts[0].set_x(0.98)
    counts = diagrams.measure(fig)
    matplotlib.pyplot.close(fig)
    assert counts["edges_through_boxes"] >= 1 and counts["text_overflows"] >= 1


def test_labels_break_only_between_words_and_never_before_punctuation():
    import jieba

    for figure_id in DIAGRAM_IDS:
        for node in diagrams.load(figure_id)["nodes"]:
            lines = diagrams.wrap_label(node["label"]).split("\n")
            assert "".join(lines) == node["label"]
            cuts = set(itertools.accumulate(len(t) for t in jieba.lcut(node["label"], HMM=False)))
            breaks = set(itertools.accumulate(len(line) for line in lines[:-1]))
            assert breaks <= cuts, (node["label"], lines)
            assert not any(line[0] in "、，。；：）”" for line in lines[1:]), lines
            assert not any(line[-1] in "（“" for line in lines[:-1]), lines
    # worked by hand at nine characters a line: 基础设施滞后 (6) + （宽带、 would make 10
    assert diagrams.wrap_label("基础设施滞后（宽带、数据中心、云计算）") == "基础设施滞后\n（宽带、数据中心、\n云计算）"
    assert diagrams.wrap_label("技术优势吸引创新企业") == "技术优势吸引创新\n企业"


def test_long_edges_pass_the_columns_between_through_free_slots():
    """No diagram of the papers has an edge that skips a layer; a made-up one does: its route
    crosses the columns between level, through no box, and stays inside the figure."""
    style.use()
    spec = {"layout": "layers", "figure_id": "B-fig11",
            "nodes": [{"id": "a", "label": "甲地区的资本", "section": "一", "layer": 0},
                      {"id": "b", "label": "乙", "section": "一", "layer": 1},
                      {"id": "w", "label": "很长的一个标签文字", "section": "一", "layer": 1},
                      {"id": "c", "label": "丙", "section": "一", "layer": 2},
                      {"id": "d", "label": "丁", "section": "一", "layer": 3}],
            "edges": [("a", "b"), ("a", "w"), ("b", "c"), ("w", "c"), ("c", "d"), ("a", "c"), ("a", "d")]}
    placed = diagrams.layout(spec)
    assert len(placed.routes[("a", "d")]) > 2  # bent through the slots of the columns it passes
    fig = diagrams.draw(spec)
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    assert all(x0 < x < x1 and y0 < y < y1 for route in placed.routes.values() for x, y in route)
    counts = diagrams.measure(fig)
    matplotlib.pyplot.close(fig)
    assert counts == {"crossings": 0, "edges_through_boxes": 0, "text_overflows": 0}


def test_a_labels_cut_is_read_back_from_the_build_directory_as_jieba_cut_it(tmp_path, monkeypatch):
    """The cut kept in .build/ is jieba's own cut of the label; a second cut reads the file (jieba is
    not asked), and a label never cut before is cut by jieba."""
    import jieba

    monkeypatch.setattr(diagrams, "JIEBA_CUTS", tmp_path)
    label = "数字技术赋能共同富裕的内在机理"
    first = diagrams.jieba_cut(label)
    assert first == jieba.lcut(label, HMM=False) and len(list(tmp_path.iterdir())) == 1
    monkeypatch.setattr(jieba, "lcut", lambda *a, **k: ["not", "asked"])
    assert diagrams.jieba_cut(label) == first
    assert diagrams.jieba_cut("另一个标签") == ["not", "asked"]
