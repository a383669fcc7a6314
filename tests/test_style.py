"""Chinese labels render with real glyphs, and figure files are byte-for-byte reproducible."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from compendium import paths, style  # noqa: E402

CHINESE_LABELS = "深圳 安徽 贵州 数字经济占GDP比重 增长率（%） 万亿元 −0.2"


def draw():
    style.use()
    fig, ax = plt.subplots()
    ax.plot([2019, 2023], [-0.2, 6.0])
    ax.set_title(CHINESE_LABELS)
    ax.set_xlabel("年份")
    return fig


def test_chinese_labels_have_glyphs(tmp_path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw()
        fig.savefig(tmp_path / "cjk.png")
        fig.savefig(tmp_path / "cjk.svg")
        plt.close(fig)
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message) or "Glyph" in str(w.message)]
    assert missing == []


def test_the_cjk_font_is_the_one_in_use():
    style.use()
    from matplotlib import font_manager

    found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
    assert found.endswith(paths.CJK_FONT_FILE)


def test_saving_twice_gives_identical_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_OUTPUT_DIR", str(tmp_path / "a"))
    style.save_figure(draw(), "twice")
    first = style.figure_paths("twice")
    monkeypatch.setenv("COMPENDIUM_OUTPUT_DIR", str(tmp_path / "b"))
    style.save_figure(draw(), "twice")
    second = style.figure_paths("twice")
    for one, two in zip(first, second):
        assert one.read_bytes() == two.read_bytes()
    assert b"<dc:date>" not in first[0].read_bytes()


def _pixels(path):
    from PIL import Image

    return np.asarray(Image.open(path).convert("RGB"), dtype=int)


def test_the_png_from_the_one_drawing_matches_matplotlibs_own_tight_png(tmp_path, monkeypatch):
    """save_figure crops the Agg drawing it measured instead of drawing again: the file must show
    what savefig(bbox_inches=...) shows, up to the crop's sub-pixel offset (one pixel each way)."""
    monkeypatch.setenv("COMPENDIUM_OUTPUT_DIR", str(tmp_path))
    fig = draw()
    fig.canvas.draw()
    crop = fig.get_tightbbox(fig.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    fig.savefig(tmp_path / "reference.png", bbox_inches=crop)
    style.save_figure(fig, "one-drawing")
    mine, reference = _pixels(style.figure_paths("one-drawing")[1]), _pixels(tmp_path / "reference.png")
    assert mine.shape == reference.shape == (int(crop.height * style.PNG_DPI), int(crop.width * style.PNG_DPI), 3)
    # the same picture: on 6 × 6-pixel blocks (coarser than the offset) the grey levels agree to
    # within 1.5 of 255 on average; a blank image or one moved by 3 pixels is much further off
    coarse = [_blocks(a.mean(axis=2)) for a in (mine, reference, np.full_like(mine, 255), np.roll(mine, 3, axis=1))]
    same, blank, moved = (np.abs(other - coarse[1]).mean() for other in (coarse[0], coarse[2], coarse[3]))
    assert same < 1.5 and 2 * same < moved and blank > 4


def _blocks(grey, k=6):
    h, w = grey.shape[0] // k * k, grey.shape[1] // k * k
    return grey[:h, :w].reshape(h // k, k, w // k, k).mean(axis=(1, 3))


def test_texts_past_the_canvas_are_in_the_png(tmp_path, monkeypatch):
    """A tick label longer than the margin reaches left of the canvas; the drawing has no pixels
    there, so save_figure must draw the crop instead: the PNG's left strip has ink."""
    monkeypatch.setenv("COMPENDIUM_OUTPUT_DIR", str(tmp_path))
    style.use()
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.barh(["一个比左边距长得多的标签，一直伸到画布之外"], [1.0])
    fig.canvas.draw()
    assert fig.get_tightbbox(fig.canvas.get_renderer()).x0 < 0  # the case under test
    style.save_figure(fig, "past-canvas")
    png = _pixels(style.figure_paths("past-canvas")[1])
    assert png.shape[1] > 4 * style.PNG_DPI  # wider than the canvas
    assert (png[:, : png.shape[1] // 5] < 128).all(axis=2).any()  # the label's start is drawn


def test_a_figure_not_yet_drawn_is_drawn_once_on_agg_with_texts_past_its_edge(tmp_path, monkeypatch):
    """An undrawn figure whose tick label reaches past its edge: save_figure draws it once on a
    canvas widened by CANVAS_MARGIN_IN (then once more for the SVG), not a third time for the crop;
    the PNG shows what savefig(bbox_inches=...) shows, on an opaque background throughout."""
    monkeypatch.setenv("COMPENDIUM_OUTPUT_DIR", str(tmp_path))
    style.use()

    def figure():
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.barh(["比左边距长的标签"], [1.0])  # past the edge, within the margin
        return fig

    reference = figure()
    reference.canvas.draw()
    crop = reference.get_tightbbox(reference.canvas.get_renderer()).padded(matplotlib.rcParams["savefig.pad_inches"])
    assert crop.x0 < 0  # the case under test
    reference.savefig(tmp_path / "reference.png", bbox_inches=crop)
    drawings = []
    original = matplotlib.figure.Figure.draw
    monkeypatch.setattr(matplotlib.figure.Figure, "draw",
                        lambda self, renderer: drawings.append(type(renderer).__name__) or original(self, renderer))
    style.save_figure(figure(), "widened")
    assert drawings == ["RendererAgg", "MixedModeRenderer"]  # Agg once, then the SVG
    from PIL import Image

    written = np.asarray(Image.open(style.figure_paths("widened")[1]))
    assert written[..., 3].min() == 255  # no transparent strip where the margin was
    mine, theirs = _pixels(style.figure_paths("widened")[1]), _pixels(tmp_path / "reference.png")
    assert mine.shape == theirs.shape
    coarse = [_blocks(a.mean(axis=2)) for a in (mine, theirs, np.roll(mine, 3, axis=1))]
    same, moved = np.abs(coarse[0] - coarse[1]).mean(), np.abs(coarse[2] - coarse[1]).mean()
    assert same < 1.5 and 2 * same < moved


PROBE = """
import warnings
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager
from compendium import paths, style
style.use()
found = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]), fallback_to_default=False)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    fig, ax = plt.subplots()
    ax.set_title("深圳 安徽 贵州 数字经济")
    fig.canvas.draw()
missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
print(found == str(paths.cjk_font()), len(missing))
"""


def test_a_users_own_noto_sans_cjk_does_not_replace_the_bundled_one(tmp_path):
    """A reader's font folder with another 'Noto Sans CJK SC' (here: a cut-down copy that lacks the
    Chinese glyphs, so using it would show) must not change what the figures are drawn with."""
    import os
    import subprocess
    import sys

    from user_font import write_cut_down_copy

    write_cut_down_copy(tmp_path / "home" / ".local" / "share" / "fonts")
    env = dict(os.environ, HOME=str(tmp_path / "home"), MPLCONFIGDIR=str(tmp_path / "mpl"))
    env.pop("XDG_DATA_HOME", None)
    probe = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    assert probe.stdout.split() == ["True", "0"], probe.stdout + probe.stderr
