"""Data text is inert in every output: hostile strings sent through the text fields of the derived
files and the source register come out literally in both HTML editions, both PDFs and the README,
and none becomes a link, a script, math, a citation or markup."""
import csv
import html
import re
import shutil

import pytest

import compendium.values as values_module

from compendium import paths, report

HOSTILE = ["[x](javascript:alert(1))", "$x$", "@ref", "<script>alert(1)</script>", "a\\|b", "`code`", "*em*",
           "#set page(width: 1cm)", "{{ claims.total }}", "<b>bold</b>", "~sub~ ^sup^", "![i](x.png)", "&amp;"]
# the derived files' text columns that reach a table or a bound sentence
# (rules and causes are codes the report words from the phrasebook, and a location is in the ledger's
# notation, which the loader enforces: not free text)
FIELDS = {"claims_audit.csv": ["printed", "reading", "reading_zh", "note"],
          "claims_readings.csv": ["reading", "reading_zh"],
          "evidence_of_inputs.csv": ["use", "why_single"]}


def _poison(source, target, columns):
    rows = list(csv.DictReader(open(source, encoding="utf-8", newline="")))
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            row[column] = HOSTILE[(i + j) % len(HOSTILE)] + " " + row[column]
    with open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# one worker runs this module, so its module fixture (the costly part) is set up once
pytestmark = pytest.mark.xdist_group("escaping")


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory):
    folder = tmp_path_factory.mktemp("derived")
    for file in (paths.DATA / "derived").glob("*.csv"):
        shutil.copy(file, folder / file.name)
    for file, columns in FIELDS.items():
        _poison(paths.DATA / "derived" / file, folder / file, columns)
    sources = folder / "sources.csv"
    _poison(paths.SOURCES, sources, ["publisher", "title"])
    patch = pytest.MonkeyPatch()
    try:  # undone whatever happens: other tests in this worker read the real files
        patch.setattr(values_module, "DERIVED", folder)  # the tables' rows; the bound values stay real
        patch.setattr(paths, "SOURCES", sources)
        values = report.bindings()
        # the texts notebooks hand over that a template binds (the paper's printed numbers), poisoned too
        printed = sorted(k for k in values if k.endswith(".printed"))
        values |= {k: HOSTILE[i % len(HOSTILE)] + " " + values[k] for i, k in enumerate(printed)}
        outputs = {"readme": report.build_readme(values)}
        for edition in report.EDITIONS:
            outputs[f"{edition.code}.html"] = report.build(values, edition)
            outputs[f"{edition.code}.pdf"] = report.build_pdf(values, edition)
    finally:
        patch.undo()
    return outputs


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    return " ".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(data))


@pytest.mark.parametrize("code", [e.code for e in report.EDITIONS])
def test_hostile_text_is_printed_literally_in_html_and_nothing_is_live(poisoned, code):
    page = poisoned[f"{code}.html"]
    assert "javascript:" not in re.sub(r"&[a-z]+;", "", "".join(re.findall(r'href="([^"]*)"', page)))
    assert "<script" not in page and "<b>bold" not in page and "<code>code" not in page and "<em>em" not in page
    assert 'src="x.png"' not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for hostile in HOSTILE:
        assert hostile in text, hostile


@pytest.mark.parametrize("code", [e.code for e in report.EDITIONS])
def test_hostile_text_is_printed_literally_in_the_pdf_and_nothing_is_live(poisoned, code):
    data = poisoned[f"{code}.pdf"]
    assert not re.search(rb"/URI\s*\(\s*javascript", data)
    # cells wrap, and table cells may break after / and _ (a zero-width space): compare without them
    text = re.sub(r"[\s\u200b]+", "", _pdf_text(data))
    for hostile in HOSTILE:
        assert re.sub(r"\s+", "", hostile) in text, hostile


def test_hostile_text_is_escaped_in_the_readme(poisoned):
    readme = poisoned["readme"]
    assert "<script>" not in readme and "\\<script\\>alert(1)\\</script\\>" in readme
    assert "\\[x\\](javascript:alert(1))" in readme and "\\$x\\$" in readme and "\\@ref" in readme
