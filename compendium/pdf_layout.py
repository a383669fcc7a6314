"""Is anything printed over anything else? A layout check on every page of a PDF, from its own
word boxes (pypdfium2), because text extraction cannot see rows printed over rows.

Words are runs of non-space characters on one line. Two words overlap when their boxes share
more than `OVERLAP_TOLERANCE` of the smaller box's area (CJK punctuation is squeezed into the
neighbouring glyph's advance, so boxes of adjacent characters may touch or graze); a word is
outside the text area when it reaches past the page margins set in `report.PDF_PREAMBLE` by more
than `MARGIN_TOLERANCE` points. The page number, centred in the footer, is the one word allowed
below the text area; the running header, on one line at `HEADER_Y_PT` from the page's top edge on
every page but the first, is the one line allowed above it.

Two more faults are seen from the page's own objects: a word that crosses a table rule (a thin
vertical or horizontal path drawn through the word's box: text too wide for its cell), and a
heading stranded at the foot of a page (the page's lowest line of text set larger than
`HEADING_MIN_PT`, or a table's caption, with nothing of its section below it).

And a page left more than half empty (its lowest text or drawing above the middle of the text
area) is a fault unless the next page opens with a figure too tall to have fitted, or the page is
the last, or one of `DELIBERATE_BREAKS` (page one and the contents page end where they end).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

OVERLAP_TOLERANCE = 0.15   # share of the smaller box
MARGIN_TOLERANCE = 2.0     # points
MARGIN_X_PT = 45.35        # 1.6 cm, as in report.PDF_PREAMBLE
MARGIN_Y_PT = 51.02        # 1.8 cm
HEADER_Y_PT = (26.0, 40.0)  # the running header's band, in points below the page's top edge


HEADING_MIN_PT = 10.5      # body text is 9.5 pt, headings 11 pt and up (report.PDF_PREAMBLE)
RULE_MAX_WIDTH_PT = 1.2    # a path this thin, and longer than RULE_MIN_LENGTH_PT, is a rule
RULE_MIN_LENGTH_PT = 4.0
CROSSING_INSET_PT = 0.8    # a rule this far inside a word's box crosses it
TABLE_CAPTION = re.compile(r"(Table \d+\.|表\s?\d+)(\s|$)")  # a table's caption heads it, as a heading does
MIN_FILL = 0.5             # share of the text area's height a page fills, unless a figure follows
DELIBERATE_BREAKS = (1, 2)  # page one and the contents page, each ended by a page break
FIGURE_LEAD_PT = 12.0      # a page opens with a figure when drawings reach this far above its first text


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    left: float
    bottom: float
    right: float
    top: float
    size: float = 0.0  # the largest font size of its characters, points


def _document(pdf):
    """A PDF's bytes opened once, or a document already opened (the checks below share one)."""
    import pypdfium2 as pdfium

    return pdf if isinstance(pdf, pdfium.PdfDocument) else pdfium.PdfDocument(pdf)


def words(pdf) -> tuple[list[Word], list[tuple[float, float]]]:
    """Every word of every page (1-based page numbers) and each page's size in points."""
    import pypdfium2.raw as pdfium_c

    document = _document(pdf)

    found, sizes = [], []
    for number, page in enumerate(document, start=1):
        sizes.append(page.get_size())
        text = page.get_textpage()
        current: list[tuple[str, tuple, float]] = []

        def flush():
            if current:
                boxes = np.array([box for _, box, _ in current])
                found.append(Word(number, "".join(c for c, _, _ in current), boxes[:, 0].min(), boxes[:, 1].min(),
                                  boxes[:, 2].max(), boxes[:, 3].max(), max(size for _, _, size in current)))
                current.clear()

        for index in range(text.count_chars()):
            char = text.get_text_range(index, 1)
            box = text.get_charbox(index)
            size = pdfium_c.FPDFText_GetFontSize(text.raw, index)
            # a new word at a space, or where the glyph shares no height with the word so far (another
            # line: glyph boxes are tight, so descenders and accents sit lower or higher on one line)
            if not char.strip() or (current and (box[1] > max(b[3] for _, b, _ in current)
                                                 or box[3] < min(b[1] for _, b, _ in current))):
                flush()
            if char.strip():
                current.append((char, box, size))
        flush()
    return found, sizes


def graphics(pdf, paths_only: bool = False) -> dict[int, list[tuple[float, float, float, float]]]:
    """Each page's drawings (paths, and unless `paths_only` images and forms: figures are drawn as
    paths), as (left, bottom, right, top)."""
    import pypdfium2.raw as pdfium_c

    kinds = [pdfium_c.FPDF_PAGEOBJ_PATH] + ([] if paths_only else [pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM])
    return {number: [tuple(o.get_bounds()) for o in page.get_objects(filter=kinds)]
            for number, page in enumerate(_document(pdf), start=1)}


def rules(pdf) -> dict[int, list[tuple[str, float, float, float]]]:
    """Each page's thin straight paths (table rules): ("v", x, bottom, top) or ("h", y, left, right)."""
    found: dict[int, list[tuple[str, float, float, float]]] = {}
    for number, drawn in graphics(pdf, paths_only=True).items():
        for left, bottom, right, top in drawn:
            if right - left < RULE_MAX_WIDTH_PT and top - bottom > RULE_MIN_LENGTH_PT:
                found.setdefault(number, []).append(("v", (left + right) / 2, bottom, top))
            elif top - bottom < RULE_MAX_WIDTH_PT and right - left > RULE_MIN_LENGTH_PT:
                found.setdefault(number, []).append(("h", (bottom + top) / 2, left, right))
    return found


def _body(boxes, height: float) -> list:
    """The boxes inside the text area's height (not the running header or the page number)."""
    return [b for b in boxes if b[3] <= height - MARGIN_Y_PT + MARGIN_TOLERANCE and b[1] >= MARGIN_Y_PT - MARGIN_TOLERANCE]


def half_empty(pdf, found: list[Word], sizes: list[tuple[float, float]]) -> list[str]:
    """Each page, but the last and DELIBERATE_BREAKS, filled less than MIN_FILL of its text area's
    height while the next page does not open with a figure."""
    drawn = graphics(pdf)
    fills, opens_with_figure = [], []
    for number, (_, height) in enumerate(sizes, start=1):
        texts = _body([(w.left, w.bottom, w.right, w.top) for w in found if w.page == number], height)
        drawings = _body(drawn.get(number, []), height)
        lowest = min([b[1] for b in texts + drawings], default=height - MARGIN_Y_PT)
        fills.append((height - MARGIN_Y_PT - lowest) / (height - 2 * MARGIN_Y_PT))
        first_text = max([b[3] for b in texts], default=0.0)
        opens_with_figure.append(any(b[3] > first_text + FIGURE_LEAD_PT for b in drawings))
    return [f"page {number}: {100 * fill:.0f} % of the text area filled, and no figure opens the next page"
            for number, fill in enumerate(fills, start=1)
            if fill < MIN_FILL and number < len(sizes) and number not in DELIBERATE_BREAKS and not opens_with_figure[number]]


def _crosses(word: Word, rule: tuple[str, float, float, float]) -> bool:
    kind, at, start, end = rule
    inset = CROSSING_INSET_PT
    if kind == "v":
        return word.left + inset < at < word.right - inset and min(end, word.top) - max(start, word.bottom) > 0.5 * (word.top - word.bottom)
    return word.bottom + inset < at < word.top - inset and min(end, word.right) - max(start, word.left) > 0.5 * (word.right - word.left)


def problems(pdf_bytes: bytes) -> list[str]:
    """Every overlap of two words, every word outside the text area or across a table rule, every
    heading stranded at a page's foot, and every page left half empty, as readable lines."""
    document = _document(pdf_bytes)  # parsed once for both passes
    found, sizes = words(document)
    drawn = rules(document)
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
        for word in page:
            if any(_crosses(word, rule) for rule in drawn.get(number, [])):
                out.append(f"page {number}: {word.text!r} crosses a table rule")
        body = [w for k, w in enumerate(page) if not footer[k] and not header[k]]
        if body:
            lowest = min(body, key=lambda w: w.bottom)
            # the words on the lowest word's line: sharing most of its height (a descender sits lower)
            last_line = [w for w in body if min(w.top, lowest.top) - max(w.bottom, lowest.bottom)
                         > 0.5 * min(w.top - w.bottom, lowest.top - lowest.bottom)]
            said = " ".join(w.text for w in sorted(last_line, key=lambda w: w.left))
            if (all(w.size >= HEADING_MIN_PT for w in last_line) or TABLE_CAPTION.match(said)) and number < len(sizes):
                out.append(f"page {number}: the heading {said!r} stands at the foot of the page")
    return out + half_empty(document, found, sizes)
