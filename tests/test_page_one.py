"""Page one of both PDFs and the top of both HTML pages carry the citation block and the bottom
line, each number worked out here from the derived files with the csv module (not from the values
the report binds) and each word written here."""
from __future__ import annotations

import csv
import re

import pytest

from compendium import paths, report

DERIVED = paths.DATA / "derived"
AUTHORS_A = "唐任伍、武天鑫、温馨"  # as Paper A's English title block prints them (TANG Renwu, WU Tianxin, WEN Xin)


def _rows(name: str) -> list[dict]:
    with open(DERIVED / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _expected() -> dict:
    claims = _rows("claims_audit.csv")
    count = lambda **where: sum(all(r[k] == v for k, v in where.items()) for r in claims)  # noqa: E731
    levels = next(r for r in _rows("evidence_levels.csv") if r["file"] == "all files")
    total = sum(int(v) for k, v in levels.items() if k != "file")
    return {"matches": count(verdict="matches"), "differs": count(verdict="differs"), "total": len(claims),
            "unverified": count(verdict="unverified"),
            "A": (count(paper="A", part="number", verdict="matches"), count(paper="A", part="number")),
            "B": (count(paper="B", part="number", verdict="matches"), count(paper="B", part="number")),
            "B15": next(r["verdict"] for r in claims if r["claim_id"] == "B15"),
            "single": round(100 * int(levels["single secondary copy"]) / total)}


SAYS = {
    "en": lambda e: [AUTHORS_A, "数字技术赋能共同富裕的内在机理、深层逻辑与路径选择", "The copy held prints no authors, journal or year",
                     f"Of the {e['total']} checkable statements",
                     f"{e['matches']} match the official statistics, {e['differs']} differ",
                     f"{e['unverified']} could not be verified",
                     f"Paper A's match in {e['A'][0]} of {e['A'][1]} cases", f"Paper B's in {e['B'][0]} of {e['B'][1]}",
                     f"goes with faster growth: {e['B15']}", f"{e['single']}% of the"],
    "zh": lambda e: [AUTHORS_A, "数字技术赋能共同富裕的内在机理、深层逻辑与路径选择", "所见文本未印作者、期刊和年份",
                     f"{e['total']} 条可核查的表述", f"{e['matches']} 条与官方统计相符，{e['differs']} 条不符",
                     f"{e['unverified']} 条无法核实",
                     f"论文 A 的 {e['A'][0]} 个相符（共 {e['A'][1]} 个", f"论文 B 的 {e['B'][0]} 个相符（共 {e['B'][1]} 个",
                     "与经济增长正相关）：" + {"inconclusive": "无定论", "matches": "相符", "differs": "不符"}[e["B15"]],
                     f"有 {e['single']}% 的数据值"],
}


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_page_one_of_the_pdf_carries_the_citation_and_the_bottom_line(edition):
    import pypdfium2 as pdfium
    first = pdfium.PdfDocument(edition.output(".pdf").read_bytes())[0].get_textpage().get_text_range()
    page = _squeezed(first)
    missing = [said for said in SAYS[edition.code](_expected()) if _squeezed(said) not in page]
    assert missing == []


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_the_top_of_the_html_page_carries_the_citation_and_the_bottom_line(edition):
    html = edition.output(".html").read_text(encoding="utf-8")
    top = re.sub(r"<[^>]+>", "", html[:html.index("<h2")])  # everything before the first section heading
    missing = [said for said in SAYS[edition.code](_expected()) if _squeezed(said) not in _squeezed(top)]
    assert missing == []


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_the_pdf_has_bold_and_italic_faces_numbered_sections_contents_and_a_running_header(edition):
    """Emphasis prints: Latin bold and italic faces are embedded (Chinese bold is the one CJK face
    drawn with an outline, and Chinese emphasis is bold); sections are numbered; page two is the
    contents; every later page carries the running header with the version — words written here."""
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(edition.output(".pdf").read_bytes())
    fonts = set()
    for page in document:
        for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_c.FPDFTextObj_GetFont(text_object.raw)
            name = ctypes.create_string_buffer(pdfium_c.FPDFFont_GetBaseFontName(font, None, 0))
            pdfium_c.FPDFFont_GetBaseFontName(font, name, len(name))
            fonts.add(name.value.decode())
    assert any("LibertinusSerif-Bold" in f for f in fonts), fonts
    text = [_squeezed(page.get_textpage().get_text_range()) for page in document]
    contents, header, section = {"en": ("Contents", "Replicationreport:digitaltechnologyandcommonprosperity·version",
                                        "1Summaryofverdicts"),
                                 "zh": ("目录", "复现报告：数字技术与共同富裕·版本", "1判定概览")}[edition.code]
    assert re.match(re.escape(header) + r"[\d.]+·[\d-]+" + contents, text[1]) and section in text[1]
    assert all(header in page for page in text[1:]) and header not in text[0]


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_the_regression_table_lists_its_rows_in_the_order_of_their_ids(edition):
    """Family by family as the plan introduces them (1, S, H, D, O, L), then by number — H, H0, H1, H2 …
    H16, not the order the rows were added (H12, H16, H13 …); the ids written here."""
    html = edition.output(".html").read_text(encoding="utf-8")
    table = next(t for t in re.findall(r"<table>.*?</table>", html, re.S) if "H16" in t and "O2" in t)
    ids = re.findall(r"<tr>\s*<td>(?:<strong>)?([0-9A-Z][0-9a-z]?\d*)[ ：]", table)
    assert ids == ["1a", "1b", "S1", "S2", "S3", "H", "H0", "H1", "H2", "H3", "H4", "H5", "H6", "H7", "H8", "H9", "H10",
                   "H11", "H12", "H13", "H14", "H15", "H16", "D1", "D2", "D3", "O1", "O2", "L"]


def test_page_one_s_word_that_every_growth_rate_of_the_central_test_rests_on_one_copy_holds():
    """The sentence 'among them all of its growth rates' is words, not a binding: held here to the
    derived file (the growth index's rows of the headline are single copies, as many as its N)."""
    import csv

    from compendium import paths

    rows = list(csv.DictReader(open(paths.DATA / "derived" / "evidence_of_inputs.csv", encoding="utf-8")))
    growth = [r for r in rows if r["use"] == "headline regression" and r["source_id"].startswith("nbs_growth_index")]
    assert {r["evidence"] for r in growth} == {"single secondary copy"}
    results = list(csv.DictReader(open(paths.DATA / "derived" / "regression_results.csv", encoding="utf-8")))
    [headline] = [r for r in results if r["headline"] == "True"]
    assert sum(int(r["rows"]) for r in growth) == int(float(headline["n"]))


def test_page_one_splits_the_unverified_by_why():
    """Searched and not found, or nothing to look up (the paper names no region): counted here from
    claims_audit.csv with the csv module, and said so on page one of both HTML editions."""
    import csv

    from compendium import paths, report

    rows = [r for r in csv.DictReader(open(paths.DATA / "derived" / "claims_audit.csv", encoding="utf-8"))
            if r["verdict"] == "unverified"]
    no_region = sum(r["cause_code"] == "no_region" for r in rows)
    assert (len(rows) - no_region, no_region) == (16, 4)  # 2026-12-07: B22, B23, B25, B47 name no region
    english = report.ENGLISH.output(".html").read_text(encoding="utf-8")
    chinese = report.CHINESE.output(".html").read_text(encoding="utf-8")
    assert f"({len(rows) - no_region} searched for and not found, {no_region} naming no region" in english
    assert f"（其中 {len(rows) - no_region} 条查找后未找到，{no_region} 条未指明可查的地区或人群）" in chinese
