"""House plot style: Chinese glyphs, colours, and deterministic figure files.

`use()` is called once at the top of every notebook. It registers the Noto Sans CJK SC font
shipped by the `mplfonts` package (so Chinese labels never fall back to empty boxes) and fixes
every setting that would otherwise make two builds of the same figure differ byte for byte.
"""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from matplotlib import font_manager
from matplotlib.colors import to_rgba
from matplotlib.image import imsave
from matplotlib._tight_bbox import adjust_bbox  # what savefig(bbox_inches=...) itself uses
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from . import paths

CJK_FONT_NAME = "Noto Sans CJK SC"

# One colour per region, used by every figure that shows it.
REGION_COLOURS = {
    "Shenzhen": "#1f5fa8",
    "Anhui": "#d9822b",
    "Guizhou": "#2e8b57",
    "China": "#555555",
}
ACCENT = "#b22222"
# Figures are drawn at the PNG's resolution: the drawing that measures a figure (text overlaps, the
# crop, a diagram's layout counts) is the one whose pixels become the PNG, so nothing is drawn twice
# at two sizes. Measures in pixels are pixels of that PNG.
PNG_DPI = 150
SCREEN_DPI = 100  # how large a notebook shows a figure: a 150-dpi file at two thirds of its pixels


def use() -> None:
    """Apply the house style to matplotlib (idempotent)."""
    bundled = paths.cjk_font()
    manager = font_manager.fontManager
    manager.addfont(str(bundled))
    # Another copy of the family (a reader's own Noto Sans CJK, another version) would win the name
    # lookup and move every glyph: keep only the bundled file under that name.
    manager.ttflist = [f for f in manager.ttflist if f.name != CJK_FONT_NAME or Path(f.fname) == bundled]
    manager._findfont_cached.cache_clear()  # type: ignore[attr-defined]  # results found before the list changed
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [CJK_FONT_NAME, "DejaVu Sans"],
            "axes.unicode_minus": False,  # the CJK font has no U+2212 minus glyph
            "svg.hashsalt": "compendium",  # stable element ids in SVG files
            "svg.fonttype": "path",  # glyphs as outlines: renders without the font installed
            "figure.dpi": PNG_DPI,
            "savefig.dpi": PNG_DPI,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "figure.autolayout": False,
        }
    )
    try:  # inside IPython: inline figures as PNG only (nbval skips PNG, compares the rest)
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("png")
    except ImportError:
        pass


def figure_paths(name: str) -> list[Path]:
    out = paths.figures_dir()
    return [out / f"{name}.svg", out / f"{name}.png"]


# How the PDF report prints a figure (compendium/report/tables.py): at the size it was drawn, unless
# wider than the text, and a tall figure cut to three fifths of the page's text height
PDF_TEXT_WIDTH_PT = 595.28 - 2 * 45.35  # A4 less the two 1.6 cm margins of the report's PDF
PDF_FIGURE_MAX_HEIGHT_PT = 0.6 * (841.89 - 2 * 51.02)
MIN_PRINTED_TEXT_PT = 6.0  # the smallest text a printed figure may carry
# On a screen (CSS px): the smallest text a figure may show on a narrow screen, where it then scrolls
# sideways in its box, and the size its smallest text reaches when the reader enlarges it
HTML_MIN_TEXT_PX = 9.0
HTML_ENLARGED_TEXT_PX = 13.0


def screen_widths_px(width_pt: float, smallest_pt: float) -> tuple[int, int]:
    """The widths (CSS px) at which a figure drawn `width_pt` wide, its smallest text `smallest_pt`,
    shows that text at HTML_MIN_TEXT_PX and at HTML_ENLARGED_TEXT_PX."""
    legible, enlarged = (int(-(-size * width_pt // smallest_pt)) for size in (HTML_MIN_TEXT_PX, HTML_ENLARGED_TEXT_PX))
    return legible, enlarged


def printed_width_percent(width_pt: float, height_pt: float) -> int:
    """The share of the text width (%) at which the PDF prints a figure drawn at this size."""
    scale = min(1.0, PDF_FIGURE_MAX_HEIGHT_PT / height_pt)
    return min(100, round(100 * scale * width_pt / PDF_TEXT_WIDTH_PT))


def smallest_text(fig: plt.Figure) -> float:
    """The smallest font size (pt) of the figure's visible texts at the size it is drawn."""
    sizes = [float(t.get_fontsize()) for t in fig.findobj(matplotlib.text.Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) if sizes else float("inf")


def smallest_printed_text(fig: plt.Figure, crop) -> float:
    """The smallest font size (pt) of the figure's visible texts as the PDF prints them, its saved
    size being `crop` (inches)."""
    width_pt, height_pt = 72 * crop.width, 72 * crop.height
    factor = printed_width_percent(width_pt, height_pt) / 100 * PDF_TEXT_WIDTH_PT / width_pt
    return smallest_text(fig) * factor


# The SVG says how small its smallest text is drawn (its texts are outlines, so a reader of the file
# cannot measure them): the HTML report sizes each figure on a narrow screen from it
SMALLEST_TEXT_NOTE = re.compile(r"<dc:description>smallest text ([\d.]+|inf) pt</dc:description>")


def smallest_text_of_svg(svg_text: str) -> float:
    """The smallest text size (pt, at the drawn size) that `save_figure` wrote into an SVG."""
    found = SMALLEST_TEXT_NOTE.search(svg_text)
    if found is None:
        raise ValueError("the SVG carries no 'smallest text' note (written by compendium.style.save_figure)")
    return float(found.group(1))


def save_figure(fig: plt.Figure, name: str) -> None:
    """Write `fig` as `<name>.svg` and `<name>.png` under the figures directory.

    The figure is drawn once on the Agg canvas, widened by `CANVAS_MARGIN_IN` on every side so that
    texts reaching past the figure (long tick labels) are in its pixels: that drawing gives the text
    overlaps, the crop, and the PNG's pixels; the SVG is the second and last drawing. Metadata
    that carries a date or a version is removed so that rebuilding gives identical bytes. Prints
    the two paths (relative to the repository), so a reader of the notebook finds the files the
    report shows; returns nothing, so no figure repr follows.
    """
    svg, png = figure_paths(name)
    # a figure already drawn as it stands (a diagram, measured) keeps that drawing
    margin = CANVAS_MARGIN_IN if fig.stale else 0.0
    restore = _widen_canvas(fig, margin)
    try:
        overlaps = text_overlaps(fig)
        # the crop that bbox_inches="tight" would find, taken from the drawing just made, instead of
        # a dry-run drawing inside each savefig; in inches of the widened canvas
        tight = fig.get_tightbbox(fig.canvas.get_renderer())  # type: ignore[attr-defined]  # an Agg canvas at run time
        crop = tight.padded(matplotlib.rcParams["savefig.pad_inches"])
        drawn_whole = _on_canvas(fig, tight)
        if drawn_whole:  # before the SVG drawing, which leaves the figure stale
            _write_png(fig, crop, png)
    finally:
        restore()
    crop = crop.translated(-margin, -margin)  # in inches of the figure itself
    smallest = smallest_printed_text(fig, crop)
    if not drawn_whole:  # texts reach past even the margin: only a drawing of the crop shows them
        fig.savefig(png, format="png", metadata={"Software": None}, bbox_inches=crop)
    fig.savefig(svg, format="svg", bbox_inches=crop,
                metadata={"Date": None, "Creator": None, "Description": f"smallest text {smallest_text(fig):.2f} pt"})
    # the reader of the notebook learns which file the report shows (the report links back here),
    # whether any two texts collide and how small its smallest text prints (nbval compares this
    # line; tests require no overlap and MIN_PRINTED_TEXT_PT)
    print(f"wrote figures/{name}.svg and figures/{name}.png (text overlaps: {len(overlaps)}; "
          f"smallest text in print: {smallest:.1f} pt)")
    for first, second in overlaps:
        print(f"  overlap: {first!r} / {second!r}")
    _show_written(png)
    _keep_figure_object(fig, name)
    plt.close(fig)


def _keep_figure_object(fig: plt.Figure, name: str) -> None:
    """Pickle the figure where the test session asks (paths.FIGURE_OBJECTS_ENV), written whole or
    not at all: a test on another worker may look for it while this kernel runs."""
    import os
    import pickle

    folder = os.environ.get(paths.FIGURE_OBJECTS_ENV)
    if not folder:
        return
    target = Path(folder) / f"{name}.pickle"
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(pickle.dumps(fig))
    partial.replace(target)


# Long tick labels and legends placed outside the axes reach past the figure's edge; a drawing on
# the figure's own canvas would cut them off and need a second drawing of the crop for the PNG.
CANVAS_MARGIN_IN = 1.0


def _widen_canvas(fig: plt.Figure, margin: float):
    """Make the next drawing cover the figure and `margin` inches around it, at the same scale and
    with the figure's background colour (as savefig's bbox_inches does); returns the undo."""
    if margin == 0:
        return lambda: None
    for ax in fig.axes:  # the widened drawing keeps each axes where it is now: first where its aspect puts it
        ax.apply_aspect()
    width, height = fig.get_size_inches()
    widened = Bbox.from_bounds(-margin, -margin, width + 2 * margin, height + 2 * margin)
    restore = adjust_bbox(fig, widened, fig.canvas.get_renderer())  # type: ignore[attr-defined]  # also stretches the background
    fig.stale = True
    return restore


def _on_canvas(fig: plt.Figure, tight) -> bool:
    """Everything drawn lies on the figure's canvas (`tight` in inches, within half a pixel)."""
    width, height = fig.get_size_inches()
    slack = 0.5 / fig.dpi
    return tight.x0 >= -slack and tight.y0 >= -slack and tight.x1 <= width + slack and tight.y1 <= height + slack


def cropped_pixels(fig: plt.Figure, crop) -> np.ndarray:
    """The Agg drawing's pixels inside `crop` (inches, as bbox_inches takes it), as many as savefig
    would make (Agg truncates the size), from the nearest whole pixel; where the crop reaches past
    the figure, the figure's face colour (as savefig pads)."""
    drawn = np.asarray(fig.canvas.buffer_rgba())  # type: ignore[attr-defined]  # an Agg canvas at run time
    height, width = drawn.shape[:2]
    dpi = fig.dpi
    left, low = round(crop.x0 * dpi), round(crop.y0 * dpi)
    right, high = left + int(crop.width * dpi), low + int(crop.height * dpi)
    top, bottom = height - high, height - low  # rows count from the top
    face = np.round(np.array(to_rgba(fig.get_facecolor())) * 255).astype(np.uint8)
    pixels = np.empty((bottom - top, right - left, 4), dtype=np.uint8)
    pixels[:] = face
    rows, cols = slice(max(top, 0), min(bottom, height)), slice(max(left, 0), min(right, width))
    pixels[rows.start - top:rows.stop - top, cols.start - left:cols.stop - left] = drawn[rows, cols]
    return pixels


def _write_png(fig: plt.Figure, crop, png: Path) -> None:
    imsave(png, cropped_pixels(fig, crop), format="png", dpi=fig.dpi, metadata={"Software": None})  # type: ignore[dict-item]  # None: no Software chunk


def _show_written(png: Path) -> None:
    """In a notebook, show the PNG file just written (at screen size), instead of letting the inline
    backend draw the figure a third time."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    if get_ipython() is None:
        return
    from IPython.display import Image, display

    data = png.read_bytes()
    pixels_wide = int.from_bytes(data[16:20], "big")  # the PNG header's width field
    display(Image(data=data, format="png", width=round(pixels_wide * SCREEN_DPI / PNG_DPI)))


def boxes_overlap(a, b) -> bool:
    """Two window extents intersect by more than half a pixel (of the PNG: figures are drawn at
    its resolution) each way."""
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0.5 and min(a.y1, b.y1) - max(a.y0, b.y0) > 0.5


def text_overlaps(fig: plt.Figure) -> list[tuple[str, str]]:
    """Pairs of drawn texts whose boxes intersect, as the renderer lays them out; tick labels
    outside an axis's view are not drawn and not counted. Draws the figure unless it is drawn."""
    if fig.stale:  # a figure just drawn (and measured) is not drawn again
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas at run time
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update({id(tick.label1), id(tick.label2)})
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    return [(a, b) for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2) if boxes_overlap(box_a, box_b)]


def marks(axes: list) -> tuple[list, list]:
    """What these axes draw that a label must not sit on, in display pixels: each line's markers
    (boxes of the marker's size) and segments (pairs of points), and each bar (rectangle patches)."""
    markers, segments, bars = [], [], []
    for ax in axes:
        more_markers, more_segments = _line_marks(ax)
        markers += more_markers
        segments += more_segments
        bars += [patch.get_window_extent() for patch in ax.patches if patch.get_visible() and patch.get_height() > 0]
    return markers + bars, segments


def _line_marks(ax) -> tuple[list, list]:
    markers, segments = [], []
    for line in ax.get_lines():
        if not line.get_visible():
            continue
        points = line.get_transform().transform(line.get_xydata())
        if line.get_marker() not in (None, "", "None", " "):
            half = line.get_markersize() * ax.figure.dpi / 72 / 2
            markers += [Bbox.from_extents(x - half, y - half, x + half, y + half) for x, y in points]
        if line.get_linestyle() not in ("None", "", " "):
            segments += list(zip(points[:-1], points[1:]))
    return markers, segments


def segment_crosses(box, start, end, steps: int = 40) -> bool:
    return any(box.x0 < start[0] + (end[0] - start[0]) * k / steps < box.x1
               and box.y0 < start[1] + (end[1] - start[1]) * k / steps < box.y1 for k in range(steps + 1))


def texts_on_marks(fig: plt.Figure) -> list[tuple[str, str]]:
    """Each text drawn inside an axes (a value label, a note; not tick labels, titles or legends) that
    sits on a marker, a bar or a line of any axes sharing its place: (text, what it sits on)."""
    if fig.stale:
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # an Agg canvas at run time
    found = []
    for ax in fig.axes:
        boxes, segments = marks([a for a in fig.axes if a.get_position().overlaps(ax.get_position()) or a is ax])
        for text in ax.texts:
            if not (text.get_visible() and text.get_text().strip()):
                continue
            box = text.get_window_extent(renderer)
            if any(boxes_overlap(box, mark) for mark in boxes):
                found.append((text.get_text(), "a marker or bar"))
            elif any(segment_crosses(box, a, b) for a, b in segments):
                found.append((text.get_text(), "a line"))
    return found
