"""No row printed over another, nothing outside the text area: every page of both PDFs, from the
PDF's own word boxes (compendium/pdf_layout.py). The check is shown to fail on two planted breaks."""
import pytest

from compendium import paths, pdf_layout, report


def _typst(body: str) -> bytes:
    import typst

    source = report.pdf_preamble("t", "en", "a running header") + body
    return typst.compile(source.encode("utf-8"), root=str(paths.ROOT), font_paths=[str(paths.cjk_font().parent)],
                         ignore_system_fonts=True)


LONG_TABLE = "#figure(table(columns: 2, table.header([a], [b]), " + ", ".join(
    f"[row {i} of a long table], [cell]" for i in range(120)) + "), kind: table)"


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_every_page_of_the_committed_pdf_has_no_overlap_and_nothing_outside_the_text_area(edition):
    found = pdf_layout.problems(edition.output(".pdf").read_bytes())
    assert found == [], f"{len(found)} layout problems, e.g. {found[:5]}"


def test_the_check_fails_on_a_table_that_cannot_break_across_pages():
    assert pdf_layout.problems(_typst(LONG_TABLE)) == []  # the preamble lets it break
    unbreakable = "#show figure: set block(breakable: false)\n" + LONG_TABLE
    found = pdf_layout.problems(_typst(unbreakable))
    assert any("overlap" in p for p in found) or any("outside" in p for p in found), found[:3]


def test_the_running_header_is_allowed_but_text_pushed_into_the_top_margin_is_not():
    pages = "Page one.\n#pagebreak()\nPage two.\n"
    assert pdf_layout.problems(_typst(pages)) == []  # the header stands on page two, in the top margin
    found = pdf_layout.problems(_typst(pages + "#place(top, dy: -1.2cm)[text pushed up into the margin]"))
    assert any("outside the text area" in p and "pushed" in p for p in found), found


def test_the_check_fails_on_a_caption_pushed_off_the_page():
    found = pdf_layout.problems(_typst("Some text.\n\n#place(bottom, dy: 1.2cm)[a caption pushed off the page]"))
    assert any("outside the text area" in p and "caption" in p for p in found), found


def test_the_check_fails_on_text_wider_than_its_cell():
    """A word too long for its column runs across the table's rule: seen from the rule drawn
    through the word's box (the neighbouring cell is empty, so no overlap of words shows it)."""
    fitting = "#table(columns: (3cm, 3cm), [a short word], [], [next], [row])"
    assert pdf_layout.problems(_typst(fitting)) == []
    found = pdf_layout.problems(_typst("#table(columns: (1.2cm, 3cm), [averyveryverylongunbreakableword], [], [x], [y])"))
    assert any("crosses a table rule" in p and "averyvery" in p for p in found), found


def test_the_check_fails_on_a_heading_stranded_at_the_foot_of_a_page():
    followed = "Text.\n\n== A heading\n\nIts section begins on the same page.\n#pagebreak()\nMore.\n"
    assert pdf_layout.problems(_typst(followed)) == []
    stranded = "Text.\n#v(1fr)\n== A stranded heading\n#pagebreak()\nIts section, a page later.\n"
    found = pdf_layout.problems(_typst(stranded))
    assert any("stands at the foot of the page" in p and "stranded" in p for p in found), found


def test_the_check_fails_on_a_page_left_half_empty_unless_a_figure_follows():
    text = " ".join(["A line of body text that fills the page."] * 40)
    tall = '#figure(rect(width: 10cm, height: 17cm), caption: [a tall figure])'
    short_page = f"Page one.\n#pagebreak()\nContents.\n#pagebreak()\n{text}\n#pagebreak()\n{text} {text} {text}\n"
    found = pdf_layout.problems(_typst(short_page))
    assert any(p.startswith("page 3:") and "filled" in p for p in found), found
    followed = f"Page one.\n#pagebreak()\nContents.\n#pagebreak()\n{text}\n\n{tall}\n\n{text}\n"
    assert [p for p in pdf_layout.problems(_typst(followed)) if "filled" in p] == []


def test_the_check_fails_on_a_table_caption_stranded_at_the_foot_of_a_page():
    text = " ".join(["A line of body text that fills the page."] * 114)
    table = "#block(breakable: false, height: 12cm)[#table(columns: 2, [a], [b])]"
    found = pdf_layout.problems(_typst(f"{text}\n\n*Table 3.* A caption\n\n{table}\n"))
    assert any("'Table 3. A caption' stands at the foot" in p for p in found), found
    kept = f"{text}\n\n#block(sticky: true)[*Table 3.* A caption]\n\n{table}\n"  # as the report prints it
    assert not any("stands at the foot" in p for p in pdf_layout.problems(_typst(kept)))
