"""Conceptual diagrams: a structure file in `data/diagrams/` (nodes, edges, layout) → a figure.

Structure files are YAML:

    layout: layers | cycle | star
    data_not_given: <what the paper does not quantify>      (optional)
    edges: next_layer | [[from, to], ...]                    (layers only; cycle and star imply theirs)
    nodes: [{id, label, section, layer}, ...]                (layer only for `layers`)

Every node names the section of the paper it comes from. The caption comes from `exhibits.py`.
"""
from __future__ import annotations

import math
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import yaml
from matplotlib.colors import to_hex
from matplotlib.patches import FancyArrowPatch

from . import exhibits, paths
from .data import DataError, _relative

DIAGRAMS = paths.DATA / "diagrams"
LAYOUTS = {"layers", "cycle", "star"}
WRAP = 9  # Chinese characters per line in a box
PALETTE = plt.get_cmap("Blues")


def structure_path(figure_id: str) -> Path:
    return DIAGRAMS / f"{figure_id}.yaml"


def load(figure_id: str, path: Path | None = None) -> dict:
    """Read and validate one structure; errors name the file, the node or edge, and the rule."""
    path = path or structure_path(figure_id)
    name = _relative(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found (rule: every diagram in compendium/exhibits.py has a structure file)")
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(spec, dict) or spec.get("layout") not in LAYOUTS:
        raise DataError(f"{name}: rule 'layout is one of {sorted(LAYOUTS)}' failed")
    nodes = spec.get("nodes") or []
    for i, node in enumerate(nodes, start=1):
        missing = [k for k in ("id", "label", "section") + (("layer",) if spec["layout"] == "layers" else ()) if k not in node]
        if missing:
            raise DataError(f"{name}, node {i}: missing {missing} (rule: each node has id, label, section"
                            f"{', layer' if spec['layout'] == 'layers' else ''})")
    ids = [n["id"] for n in nodes]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise DataError(f"{name}: node id(s) {duplicated} repeated (rule: node ids are unique)")
    spec["edges"] = edges(spec)
    for i, (source, target) in enumerate(spec["edges"], start=1):
        unknown = [n for n in (source, target) if n not in ids]
        if unknown:
            raise DataError(f"{name}, edge {i} ({source} → {target}): unknown node(s) {unknown} (rule: edges join declared nodes)")
    spec["figure_id"] = figure_id
    return spec


def edges(spec: dict) -> list[tuple[str, str]]:
    nodes = spec["nodes"]
    if spec["layout"] == "cycle":
        return [(a["id"], b["id"]) for a, b in zip(nodes, nodes[1:] + nodes[:1])]
    if spec["layout"] == "star":
        return [(a["id"], b["id"]) for i, a in enumerate(nodes) for b in nodes[i + 1:]]
    declared = spec.get("edges", [])
    if declared == "next_layer":
        return [(a["id"], b["id"]) for a in nodes for b in nodes if b["layer"] == a["layer"] + 1]
    return [tuple(edge) for edge in declared]


def tables(spec: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The structure as two tables (nodes, edges): what the notebook shows before the picture."""
    nodes = pd.DataFrame(spec["nodes"]).set_index("id")
    labels = nodes["label"]
    links = pd.DataFrame(spec["edges"], columns=["from", "to"])
    links["from_label"], links["to_label"] = links["from"].map(labels), links["to"].map(labels)
    return nodes, links


def _positions(spec: dict) -> dict[str, tuple[float, float]]:
    nodes = spec["nodes"]
    if spec["layout"] == "layers":
        layers = sorted({n["layer"] for n in nodes})
        out = {}
        for layer in layers:
            members = [n for n in nodes if n["layer"] == layer]
            for k, node in enumerate(members):
                y = 1 - (k + 0.5) / len(members)
                out[node["id"]] = (layers.index(layer) / max(len(layers) - 1, 1), y)
        return out
    count = len(nodes)
    return {n["id"]: (0.5 + 0.38 * math.sin(2 * math.pi * i / count), 0.5 + 0.38 * math.cos(2 * math.pi * i / count))
            for i, n in enumerate(nodes)}


def draw(spec: dict) -> plt.Figure:
    positions = _positions(spec)
    layered = spec["layout"] == "layers"
    depth = max((n.get("layer", 0) for n in spec["nodes"]), default=0)
    fig, ax = plt.subplots(figsize=(10, 5.6) if layered else (7.5, 6.5))
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.05, 1.05)
    ax.axis("off")
    boxes = {}
    for node in spec["nodes"]:
        x, y = positions[node["id"]]
        shade = 0.25 + 0.6 * (node.get("layer", 0) / depth if depth else 0.3)
        text = "\n".join(textwrap.wrap(node["label"], WRAP))
        label = ax.text(x, y, text, ha="center", va="center", fontsize=9, zorder=3,
                        color="white" if shade > 0.55 else "black",
                        bbox={"boxstyle": "round,pad=0.5", "facecolor": to_hex(PALETTE(shade)),
                              "edgecolor": "#1f3f6f", "linewidth": 0.8})
        boxes[node["id"]] = label.get_bbox_patch()
    for source, target in spec["edges"]:
        # arrows run from box edge to box edge: patchA/patchB clip them at the boxes
        ax.add_patch(FancyArrowPatch(positions[source], positions[target], patchA=boxes[source], patchB=boxes[target],
                                     arrowstyle="<|-|>" if spec["layout"] == "star" else "-|>", mutation_scale=12,
                                     connectionstyle="arc3,rad=0.18" if spec["layout"] == "cycle" else "arc3,rad=0",
                                     color="#555555", linewidth=0.9, shrinkA=3, shrinkB=3, zorder=2))
    exhibit = exhibits.BY_ID[spec["figure_id"]]
    ax.set_title(exhibits.caption(spec["figure_id"]), fontsize=12)
    sections = list(dict.fromkeys(n["section"] for n in spec["nodes"]))
    footer = f"据论文{exhibit.paper}正文（{'、'.join(sections)}）所述结构重建，非原图。"
    if spec.get("data_not_given"):
        footer += " 论文未给出相应数据。"
    fig.text(0.01, 0.01, footer, fontsize=7, color="#b22222" if spec.get("data_not_given") else "#666666")
    return fig


