"""A stand-in for a reader's own "Noto Sans CJK SC": the bundled font cut down to three Latin
letters, same family name. If the figures were ever drawn with it, every Chinese glyph would be
missing, so any test that renders Chinese shows the difference.

    python tests/user_font.py FOLDER    # writes FOLDER/NotoSansCJKsc-Regular.otf (used by .ci/run)
"""
from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

from compendium import paths


def write_cut_down_copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the family name
    font = subset.load_font(str(paths.cjk_font()), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="ABC")
    subsetter.subset(font)
    target = folder / paths.CJK_FONT_FILE
    subset.save_font(font, str(target), options)
    return target


if __name__ == "__main__":
    print(write_cut_down_copy(Path(sys.argv[1])))
