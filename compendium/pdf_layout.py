"""Is anything printed over anything else? A layout check on every page of a PDF, from its own
word boxes (pypdfium2), because text extraction cannot see rows printed over rows.

Words are runs of non-space characters on one line. Two words overlap when their boxes share
more than `OVERLAP_TOLERANCE` of the smaller box's area (CJK punctuation is squeezed into the
neighbouring glyph's advance, so boxes of adjacent characters may touch or graze); a word is
outside the text area when it reaches past the page margins set in `report.PDF_PREAMBLE` by more
than `MARGIN_TOLERANCE` points. The page number, centred in the footer, is the one word allowed
below the text area; the running header, on one line at `HEADER_Y_PT` from the page's top edge on
every page but the first, is the one line allowed above it.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OVERLAP_TOLERANCE = 0.15   # share of the smaller box
MARGIN_TOLERANCE = 2.0     # points
MARGIN_X_PT = 45.35        # 1.6 cm, as in report.PDF_PREAMBLE
MARGIN_Y_PT = 51.02        # 1.8 cm
HEADER_Y_PT = (26.0, 40.0)  # the running header's band, in points below the page's top edge


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    bottom: float
    right: float
    top: float


def words(pdf_bytes: bytes) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word of every page (1-based page numbers) and each page's size in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf_bytes)
    found, sizes = [], []
    for number, page in enumerate(document, start=1):
        sizes.append(page.get_size())
        text = page.get_textpage()
        current: list[tuple[str, tuple]] = []

        def flush():
            if current:
                boxes = np.array([box for _, box in current])
                found.append(Word(number, "".join(c for c, _ in current), boxes[:, 0].min(), boxes[:, 1].min(),
                                  boxes[:, 2].max(), boxes[:, 3].max()))
                current.clear()

        for index in range(text.count_chars()):
            char = text.get_text_range(index, 1)
            box = text.get_charbox(index)
            # a new word at a space, or where the glyph shares no height with the word so far (another
            # line: glyph boxes are tight, so descenders and accents sit lower or higher on one line)
            if not char.strip() or (current and (box[1] > max(b[3] for _, b in current)
                                                 or box[3] < min(b[1] for _, b in current))):
                flush()
            if char.strip():
                current.append((char, box))
        flush()
    return found, sizes


def problems(pdf_bytes: bytes) -> list[str]:
    """Every overlap of two words and every word outside the text area, as readable lines."""
    found, sizes = words(pdf_bytes)
    out = []
    for number, (width, height) in enumerate(sizes, start=1):
        page = [w for w in found if w.page == number]
        if not page:
            continue
        box = np.array([(w.left, w.bottom, w.right, w.top) for w in page])
        inside_x = (box[:, 0] >= MARGIN_X_PT - MARGIN_TOLERANCE) & (box[:, 2] <= width - MARGIN_X_PT + MARGIN_TOLERANCE)
        inside_y = (box[:, 1] >= MARGIN_Y_PT - MARGIN_TOLERANCE) & (box[:, 3] <= height - MARGIN_Y_PT + MARGIN_TOLERANCE)
        footer = np.array([w.text == str(number) and w.top < MARGIN_Y_PT for w in page])
        header = (number > 1) & (box[:, 3] <= height - HEADER_Y_PT[0]) & (box[:, 1] >= height - HEADER_Y_PT[1])
        for i in np.flatnonzero(~((inside_x & inside_y) | footer | (header & inside_x))):
            out.append(f"page {number}: {page[i].text!r} outside the text area at "
                       f"({box[i, 0]:.0f}, {box[i, 1]:.0f})–({box[i, 2]:.0f}, {box[i, 3]:.0f})")
        left, bottom, right, top = (box[:, k] for k in range(4))
        overlap_w = np.clip(np.minimum(right[:, None], right[None, :]) - np.maximum(left[:, None], left[None, :]), 0, None)
        overlap_h = np.clip(np.minimum(top[:, None], top[None, :]) - np.maximum(bottom[:, None], bottom[None, :]), 0, None)
        area = (right - left) * (top - bottom)
        smaller = np.minimum(area[:, None], area[None, :])
        shared = overlap_w * overlap_h / np.where(smaller > 0, smaller, np.inf)
        for i, j in zip(*np.nonzero(np.triu(shared > OVERLAP_TOLERANCE, k=1))):
            out.append(f"page {number}: {page[i].text!r} and {page[j].text!r} overlap "
                       f"({100 * shared[i, j]:.0f} % of the smaller)")
    return out
