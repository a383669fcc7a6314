"""Chinese labels render with real glyphs, and figure files are byte-for-byte reproducible."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

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
