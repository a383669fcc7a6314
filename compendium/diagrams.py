"""Conceptual diagrams: a structure file in `data/diagrams/` (nodes, edges, layout) → a figure.

Structure files are YAML:

    layout: layers | cycle | star
    data_not_given: <what the paper does not quantify>      (optional)
    edges: next_layer | [[from, to], ...]                    (layers only; cycle and star imply theirs)
    nodes: [{id, label, section, layer}, ...]                (layer only for `layers`)

Every node names the section of the paper it comes from. The caption comes from `exhibits.py`.

Drawing: labels break only between words (jieba segments them; no line starts with 、，。 or a
closing bracket), boxes are sized to their text, and `layers` diagrams are placed by a layered
(Sugiyama) layout with crossing reduction (grandalf), drawn left to right, with long edges routed
through dummy slots of the layers between. Units are typographic points, so the figure is cropped
to its content. `measure` counts, on the drawn figure, edge crossings, edges through boxes and
text outside its box or the figure; `layout` says how many crossings the algorithm's ordering has.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.path import Path as DrawnPath

from . import exhibits, paths
from .data import DataError, _relative

DIAGRAMS = paths.DATA / "diagrams"
LAYOUTS = {"layers", "cycle", "star"}
LINE_WIDTH = 9     # characters per line in a box (a Latin letter or digit counts half)
FONT_SIZE = 9      # points
TITLE_SIZE = 11
BOX_PAD = 0.5      # box padding, in font sizes (matplotlib's boxstyle pad)
RANK_GAP = 46      # points between the columns of a layered diagram
NODE_GAP = 16      # points between the boxes of one column
MARGIN = 10        # points around the drawing
PALETTE = plt.get_cmap("Blues")
# Chinese line breaking: never start a line with these, never end one with the openers.
NO_LINE_START = set("、，。；：？！）」』”’》〉】,.;:?!)")
NO_LINE_END = set("（「『“‘《〈【(")


NOTE_SIZE = 7.5  # points: at the width the PDF prints the widest diagram, at least 6 pt (style.MIN_PRINTED_TEXT_PT)


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


def _display_width(text: str) -> float:
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


JIEBA_CUTS = paths.ROOT / ".build" / "jieba-cuts"  # never committed


def jieba_cut(label: str) -> list[str]:
    """jieba's dictionary-only cut of `label` (the same cut on every machine), kept in `.build/`
    under a key of jieba's version and the label: loading jieba's dictionary costs 1.5 s in every
    process that cuts, and the diagrams' labels change rarely, so a known label's cut is read back."""
    import jieba

    key = hashlib.sha256(f"{jieba.__version__}\0{label}".encode()).hexdigest()
    cached = JIEBA_CUTS / f"{key}.json"
    if cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    jieba.setLogLevel(logging.WARNING)
    tokens = jieba.lcut(label, HMM=False)
    paths.write_whole(cached, json.dumps(tokens, ensure_ascii=False).encode("utf-8"))
    return tokens


def words(label: str) -> list[str]:
    """The label cut into pieces a line may break between: jieba's words, with punctuation glued
    to the word it belongs to (a closing mark to the word before, an opening one to the word after)."""
    pieces: list[str] = []
    glue = False
    for token in jieba_cut(label):
        if pieces and (glue or token[0] in NO_LINE_START):
            pieces[-1] += token
        else:
            pieces.append(token)
        glue = token[-1] in NO_LINE_END
    return pieces


def wrap_label(label: str, width: float = LINE_WIDTH) -> str:
    """Greedy line filling over `words`: a line ends where the next word would pass `width`; a
    word longer than a line keeps a line of its own rather than being cut."""
    lines = [""]
    for word in words(label):
        if lines[-1] and _display_width(lines[-1] + word) > width:
            lines.append(word)
        else:
            lines[-1] += word
    return "\n".join(lines)


@dataclass
class Layout:
    """Node centres and box sizes (points), edge routes, and the crossings the ordering implies."""
    text: dict[str, str]
    size: dict[str, tuple[float, float]]
    centre: dict[str, tuple[float, float]]
    routes: dict[tuple[str, str], list[tuple[float, float]]]
    crossings: int


class _View:
    """What grandalf reads (w, h) and writes (xy, setpath) for a vertex or an edge."""

    def __init__(self, w: float = 0, h: float = 0):
        self.w, self.h, self.xy = w, h, (0.0, 0.0)
        self.points: list = []

    def setpath(self, points):
        self.points = [tuple(p) for p in points]


def _text_sizes(texts: dict[str, str], size: float = FONT_SIZE) -> dict[str, tuple[float, float]]:
    """Box width and height in points of each text, padded as a box, as the renderer sets it."""
    fig = Figure(dpi=72)  # at 72 dpi a pixel is a point
    renderer = FigureCanvasAgg(fig).get_renderer()
    pad = 2 * BOX_PAD * size
    sizes = {}
    for node_id, text in texts.items():
        box = fig.text(0, 0, text, fontsize=size, ha="center", va="center").get_window_extent(renderer)
        sizes[node_id] = (box.width + pad, box.height + pad)
    return sizes


def layout(spec: dict) -> Layout:
    texts = {n["id"]: wrap_label(n["label"]) for n in spec["nodes"]}
    sizes = _text_sizes(texts)
    if spec["layout"] == "layers":
        centre, routes, crossings = _layered(spec, sizes)
    else:
        centre, routes, crossings = _circular(spec, sizes)
    return Layout(texts, sizes, centre, routes, crossings)


def _layered(spec: dict, sizes: dict) -> tuple[dict, dict, int]:
    """grandalf's Sugiyama layout, computed top-down with each box turned a quarter, then turned
    back so that ranks run left to right.

    Edges leave a box at the middle of its right side and enter at the middle of the left side,
    run level to the edge of their column, and slant only in the free gap between two columns
    (a long edge crosses the columns between level, through the slot the layout kept for it):
    so no edge can pass through a box.
    """
    from grandalf.graphs import Edge, Graph, Vertex
    from grandalf.layouts import SugiyamaLayout

    vertices = {n["id"]: Vertex(n["id"]) for n in spec["nodes"]}
    for node_id, vertex in vertices.items():
        width, height = sizes[node_id]
        vertex.view = _View(w=height, h=width)
    links = {(source, target): Edge(vertices[source], vertices[target]) for source, target in spec["edges"]}
    for edge in links.values():
        edge.view = _View()
    rank, across, slots, crossings, offset = {}, {}, {}, 0, 0.0
    for component in Graph(list(vertices.values()), list(links.values())).C:  # unconnected parts stacked
        sugiyama = SugiyamaLayout(component)
        sugiyama.xspace, sugiyama.yspace = NODE_GAP, RANK_GAP
        sugiyama.route_edge = lambda edge, points: None  # keep the centres: the ports are placed below
        sugiyama.init_all()
        sugiyama.draw(3)
        crossings += _ordering_crossings(sugiyama)
        low = min(v.view.xy[0] - v.view.w / 2 for v in component.sV)
        for v in component.sV:
            rank[v.data], across[v.data] = sugiyama.grx[v].rank, v.view.xy[0] - low + offset
        for key, edge in links.items():
            if edge in component.sE:  # the slots of a long edge in the ranks it passes
                first = sugiyama.grx[edge.v[0]].rank
                slots[key] = [(first + i, x - low + offset) for i, (x, _) in enumerate(edge.view.points[1:-1], start=1)]
        offset += max(v.view.xy[0] + v.view.w / 2 for v in component.sV) - low + 2 * NODE_GAP
    # one set of columns for all parts: each as wide as its widest box
    half = [max((sizes[n][0] / 2 for n in rank if rank[n] == r), default=0.0) for r in range(max(rank.values()) + 1)]
    column = list(itertools.accumulate((half[r - 1] + RANK_GAP + half[r] if r else half[0] for r in range(len(half)))))
    centre = {n: (column[rank[n]], -across[n]) for n in rank}  # rank → x, order → downwards
    routes = {}
    for (source, target), passes in slots.items():
        (sx, sy), (tx, ty) = centre[source], centre[target]
        route = [(sx + sizes[source][0] / 2, sy), (sx + half[rank[source]], sy)]
        for r, y in passes:  # level through each column it crosses
            route += [(column[r] - half[r], -y), (column[r] + half[r], -y)]
        route += [(tx - half[rank[target]], ty), (tx - sizes[target][0] / 2, ty)]
        # a box as wide as its column has no level stretch: drop the repeated point (the arrow
        # head takes its direction from the last two points)
        routes[(source, target)] = [p for i, p in enumerate(route) if i == 0 or p != route[i - 1]]
    return centre, routes, crossings


def _ordering_crossings(sugiyama) -> int:
    """Crossings of the final ordering: pairs of segments between two adjacent layers whose ends
    come in opposite orders (long edges pass through their dummy vertices)."""
    segments: dict[int, list[tuple[object, object, float, float]]] = {}
    for edge in sugiyama.g.sE:
        ends = (sugiyama.grx[edge.v[0]].rank, sugiyama.grx[edge.v[1]].rank)
        dummies = sugiyama.ctrls.get(edge, {})
        chain = [edge.v[0]] + [dummies[r] for r in sorted(dummies) if r not in ends] + [edge.v[1]]
        for a, b in zip(chain, chain[1:]):
            upper, lower = (a, b) if sugiyama.grx[a].rank < sugiyama.grx[b].rank else (b, a)
            segments.setdefault(sugiyama.grx[upper].rank, []).append((upper, lower, upper.view.xy[0], lower.view.xy[0]))
    count = 0
    for pairs in segments.values():
        for (u1, l1, x1, y1), (u2, l2, x2, y2) in itertools.combinations(pairs, 2):
            if u1 is not u2 and l1 is not l2 and (x1 - x2) * (y1 - y2) < 0:
                count += 1
    return count


def _circular(spec: dict, sizes: dict) -> tuple[dict, dict, int]:
    """Nodes on a circle just large enough that neighbouring boxes stay apart; a cycle joins
    neighbours, a star joins every pair (chords cross where their ends interleave). Edges are
    straight, from box border to box border."""
    ids = [n["id"] for n in spec["nodes"]]
    count = len(ids)
    widest = max(w for w, _ in sizes.values())
    radius = (widest + 3 * NODE_GAP) / (2 * math.sin(math.pi / count))
    centre = {node_id: (radius * math.sin(2 * math.pi * i / count), radius * math.cos(2 * math.pi * i / count))
              for i, node_id in enumerate(ids)}
    routes = {(a, b): [_border_towards(centre[a], sizes[a], centre[b]), _border_towards(centre[b], sizes[b], centre[a])]
              for a, b in spec["edges"]}
    order = {node_id: i for i, node_id in enumerate(ids)}
    crossings = 0
    if spec["layout"] == "star":
        for (a, b), (c, d) in itertools.combinations(spec["edges"], 2):
            if len({a, b, c, d}) == 4:
                low, high = sorted((order[a], order[b]))
                crossings += (low < order[c] < high) != (low < order[d] < high)
    return centre, routes, crossings


def _border_towards(centre: tuple[float, float], size: tuple[float, float], target: tuple[float, float],
                    gap: float = 3.0) -> tuple[float, float]:
    """Where the straight line from a box's centre towards `target` leaves the box (plus `gap`)."""
    dx, dy = target[0] - centre[0], target[1] - centre[1]
    scale = min((size[0] / 2 + gap) / abs(dx) if dx else math.inf, (size[1] / 2 + gap) / abs(dy) if dy else math.inf)
    return centre[0] + dx * scale, centre[1] + dy * scale


def draw(spec: dict, placed: Layout | None = None) -> plt.Figure:
    placed = placed or layout(spec)
    # the drawing's extent: every box, and every route (a long edge may pass below the boxes)
    corners = [(x + sign * w / 2, y + sign * h / 2) for i, ((x, y), (w, h)) in
               ((i, (placed.centre[i], placed.size[i])) for i in placed.centre) for sign in (-1, 1)]
    corners += [point for route in placed.routes.values() for point in route]
    x0, x1 = min(x for x, _ in corners) - MARGIN, max(x for x, _ in corners) + MARGIN
    y0, y1 = min(y for _, y in corners) - MARGIN, max(y for _, y in corners) + MARGIN
    caption = exhibits.caption(spec["figure_id"])
    spare = max(0.0, _text_sizes({"title": caption}, TITLE_SIZE)["title"][0] + 2 * MARGIN - (x1 - x0)) / 2
    x0, x1 = x0 - spare, x1 + spare  # never narrower than the title
    title, footer = 30.0, 24.0  # points above and below the drawing
    width, height = x1 - x0, y1 - y0 + title + footer
    fig = plt.figure(figsize=(width / 72, height / 72))
    ax = fig.add_axes((0, footer / height, 1, (y1 - y0) / height))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.axis("off")
    depth = max((n.get("layer", 0) for n in spec["nodes"]), default=0)
    for node in spec["nodes"]:
        shade = 0.25 + 0.6 * (node.get("layer", 0) / depth if depth else 0.3)
        ax.text(*placed.centre[node["id"]], placed.text[node["id"]], ha="center", va="center", fontsize=FONT_SIZE,
                zorder=3, color="white" if shade > 0.55 else "black", gid=f"box:{node['id']}",
                bbox={"boxstyle": f"round,pad={BOX_PAD}", "facecolor": to_hex(PALETTE(shade)), "edgecolor": "#1f3f6f",
                      "linewidth": 0.8})
    for (source, target), route in placed.routes.items():  # every route already ends at the box borders
        ax.add_patch(FancyArrowPatch(path=DrawnPath(route), arrowstyle="<|-|>" if spec["layout"] == "star" else "-|>",
                                     mutation_scale=10, color="#555555", linewidth=0.9, zorder=2,
                                     gid=f"edge:{source}->{target}"))
    exhibit = exhibits.BY_ID[spec["figure_id"]]
    fig.text(0.5, 1 - 6 / height, caption, ha="center", va="top", fontsize=TITLE_SIZE)
    sections = list(dict.fromkeys(n["section"] for n in spec["nodes"]))
    note = f"据论文{exhibit.paper}正文（{'、'.join(sections)}）所述结构重建，非原图。"
    if spec.get("data_not_given"):
        note += "论文未给出相应数据。"
    fig.text(4 / width, 4 / height, wrap_label(note, width=(width - 8) / NOTE_SIZE), fontsize=NOTE_SIZE, va="bottom",
             color="#b22222" if spec.get("data_not_given") else "#666666")
    return fig


def measure(fig: plt.Figure) -> dict[str, int]:
    """What a reader sees, counted on the drawn figure (display coordinates, from the renderer):
    pairs of edges that cross (edges sharing a node are not counted), edges passing through a box
    other than their own two, and texts reaching outside their box or the figure."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas at run time
    boxes: dict = {}
    labels: list = []
    edges: list = []
    for artist in fig.findobj():
        gid = artist.get_gid() or ""
        if gid.startswith("box:"):
            boxes[gid[4:]] = artist.get_bbox_patch().get_window_extent(renderer)  # type: ignore[attr-defined]  # a Text
            labels.append((artist.get_window_extent(renderer), boxes[gid[4:]]))
        elif gid.startswith("edge:"):
            source, target = gid[5:].split("->")
            drawn = artist.get_path().transformed(artist.axes.transData).to_polygons(closed_only=False)  # type: ignore[attr-defined, union-attr]
            edges.append((source, target, [segment for line in drawn for segment in zip(line, line[1:])]))
    through = sum(_passes_through(segments, box) for source, target, segments in edges
                  for node_id, box in boxes.items() if node_id not in (source, target))
    crossings = sum(any(_segments_cross(p, q) for p in first for q in second)
                    for (a, b, first), (c, d, second) in itertools.combinations(edges, 2) if not {a, b} & {c, d})
    inside = labels + [(text.get_window_extent(renderer), fig.bbox) for text in fig.texts + fig.axes[0].texts]
    overflow = sum(not (box.x0 - 0.5 <= t.x0 and t.x1 <= box.x1 + 0.5 and box.y0 - 0.5 <= t.y0 and t.y1 <= box.y1 + 0.5)
                   for t, box in inside)
    return {"crossings": crossings, "edges_through_boxes": through, "text_overflows": overflow}


def _segments_cross(p, q) -> bool:
    (a, b), (c, d) = p, q

    def side(o, s, t):
        return (s[0] - o[0]) * (t[1] - o[1]) - (s[1] - o[1]) * (t[0] - o[0])
    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def _passes_through(segments, box, inset: float = 1.0) -> bool:
    """Does any segment enter the box (shrunk by `inset` pixels: touching a border is not entering)?"""
    x0, y0, x1, y1 = box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset
    for (ax0, ay0), (bx0, by0) in segments:
        for t in (i / 20 for i in range(21)):
            x, y = ax0 + (bx0 - ax0) * t, ay0 + (by0 - ay0) * t
            if x0 < x < x1 and y0 < y < y1:
                return True
    return False
