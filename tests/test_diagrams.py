"""Diagram structures: complete, validated, and the only place a label lives."""
import io

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
