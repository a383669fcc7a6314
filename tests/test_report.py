"""The report and README: every number bound to derived data, and the figure index complete."""
import html
import re
import shutil

import pandas as pd
import pytest

from compendium.phrasebook import labels, report_words

from compendium import exhibits, paths, pipeline, report
from compendium import values as handed_over
from compendium.values import regression as regression_values
from compendium.paths import ROOT

# Digits the report template may contain outside bindings: the papers' years, and "5G".
ALLOWED_NUMBERS = {"2019", "2020", "2021", "2022", "2023", "5G"}
# Not numbers: references to the papers' figure numbers, and file paths in backticks.
# Claim ids (B15, B09–B14) and specification rows (row H12, 第 H12 行, 设定 H12) are references too.
REFERENCES = re.compile(r"[Ff]igures? \d+(?:–\d+)?|图 \d+(?:–\d+)?|`[^`]*`|\b[AB]\d{2}\b|\brows? [HSDOL]\d{1,2}\b"
                        r"|第 [HSDOL]\d{1,2} 行|设定 [HSDOL]\d{1,2}\b")


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_report_template_has_no_hand_typed_numbers(edition):
    template = edition.template.read_text(encoding="utf-8")
    outside = REFERENCES.sub(" ", report.BINDING.sub(" ", template))
    tokens = set(re.findall(r"\w*\d\w*", outside))
    assert tokens <= ALLOWED_NUMBERS, f"digits outside bindings: {sorted(tokens - ALLOWED_NUMBERS)}"


def test_both_editions_bind_the_same_values():
    """The Chinese edition is a translation, not a second report: the same (value, format) pairs,
    and every bound value, as printed, appears on both pages."""
    english, chinese = (report.used_bindings(e.template.read_text(encoding="utf-8")) for e in report.EDITIONS)
    # by place, not as a set: the n-th binding of one edition is the n-th of the other
    for place, (en, zh) in enumerate(zip(english, chinese), start=1):
        assert en == zh, f"binding {place}: {en} in English, {zh} in Chinese"
    assert len(english) == len(chinese) >= 60
    english = [(name, spec) for name, spec in english if not name.startswith(("figure:", "table:"))]
    values = report.bindings()
    for edition in report.EDITIONS:
        page = html.unescape(edition.output(".html").read_text(encoding="utf-8"))
        for name, spec in english:
            printed = report.printed(values[name], spec, edition)
            assert printed in page, (edition.code, name, printed)


def test_readme_results_are_bound_too():
    template = (ROOT / "README.md.in").read_text(encoding="utf-8")
    results = template.split("## Results in brief", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"\d", report.BINDING.sub(" ", results)) == []


def _where_they_differ(committed: str, fresh: str) -> str:
    """The first difference and its surroundings: pytest's own diff of two pages of megabytes (the
    embedded font) runs for many minutes."""
    at = next((i for i, (a, b) in enumerate(zip(committed, fresh)) if a != b), min(len(committed), len(fresh)))
    return f"first difference at character {at}: committed {committed[at - 80:at + 80]!r}, fresh {fresh[at - 80:at + 80]!r}"


def test_committed_report_and_readme_equal_a_fresh_render():
    values = report.bindings()
    pages = [(edition.output(".html").read_text(encoding="utf-8"), report.build(values, edition), edition.code)
             for edition in report.EDITIONS]
    pages.append((report.README.read_text(encoding="utf-8"), report.build_readme(values), "README"))
    for committed, fresh, name in pages:
        same = committed == fresh
        assert same, f"{name}: {_where_they_differ(committed, fresh)}"


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_committed_pdf_equals_a_fresh_build_byte_for_byte(edition):
    """Deterministic (no build time inside) and current: a fresh build gives the committed bytes."""
    same = edition.output(".pdf").read_bytes() == report.build_pdf(edition=edition)
    assert same, f"{edition.code}: the committed PDF differs from a fresh build"  # no byte diff: megabytes


def _pdf(edition):
    import pypdfium2

    return pypdfium2.PdfDocument(edition.output(".pdf"))


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_pdf_text_carries_the_chinese_captions_and_the_bound_numbers(edition):
    """Text extraction, not the picture: Chinese glyphs map back to Chinese characters (no boxes,
    no missing ToUnicode), and the headline numbers are in the text."""
    text = re.sub(r"\s+", "", "".join(page.get_textpage().get_text_range() for page in _pdf(edition)))
    text = text.replace("\u2212", "-")  # Typst sets a minus before a digit as U+2212
    named = {"en": "Paper{paper},figure{number}:", "zh": "论文{paper}图{number}："}[edition.code]  # written here
    for exhibit in exhibits.EXHIBITS:
        assert re.sub(r"\s+", "", exhibit.caption) in text, exhibit.figure_id
        assert named.format(paper=exhibit.paper, number=exhibit.number) in text, exhibit.figure_id
    values = report.bindings()
    for key in ("coefficient", "ci_low", "ci_high", "p_wild"):
        assert f"{values[f'regression.headline.{key}']:.3f}" in text, key
    for key in ("claims.total", "claims.A.total", "claims.B.total", "evidence.all.single"):
        assert str(values[key]) in text, key
    assert "\u25a1" not in text and "\ufffd" not in text  # no box or replacement character


@pytest.mark.parametrize("edition", report.EDITIONS, ids=lambda e: e.code)
def test_pdf_embeds_the_bundled_cjk_font(edition):
    import ctypes

    import pypdfium2.raw as pdfium_c

    embedded = set()
    for page in _pdf(edition):
        for text_object in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
            font = pdfium_c.FPDFTextObj_GetFont(text_object.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
            if pdfium_c.FPDFFont_GetIsEmbedded(font):
                embedded.add(name.value.decode())
    assert any(name.endswith("+NotoSansCJKsc-Regular") for name in embedded), embedded


def test_a_changed_data_value_changes_the_report(tmp_path, monkeypatch):
    """A changed derived value reaches the page through the notebook's values file: notebook 02's
    hand-over, run on an edited results table, and the report bound to what it wrote."""
    derived = tmp_path / "data" / "derived"
    shutil.copytree(report.DERIVED, derived)
    results = pd.read_csv(derived / "regression_results.csv")
    results.loc[results["headline"], "coefficient"] = 9.876
    results.to_csv(derived / "regression_results.csv", index=False)
    monkeypatch.setenv(paths.OUTPUT_ENV, str(tmp_path))
    handed_over.hand_over(regression_values)
    monkeypatch.setattr(handed_over, "FOLDER", derived / "values")
    assert "slope 9.876 points" in report.build()
    assert "slope 9.876 points" not in report.OUTPUT.read_text(encoding="utf-8")


def test_an_unknown_binding_is_an_error():
    try:
        report.render("{{ claims.nonexistent }}", report.bindings())
    except KeyError as error:
        assert "names no value" in str(error)
    else:
        raise AssertionError("an unknown binding rendered")


def test_all_21_figures_exist_and_the_index_lists_exactly_them():
    ids = [e.figure_id for e in exhibits.EXHIBITS]
    assert len(ids) == 21 and len(set(ids)) == 21
    assert sum(e.paper == "A" for e in exhibits.EXHIBITS) == 2
    assert sorted(e.number for e in exhibits.EXHIBITS if e.paper == "B") == list(range(1, 20))
    on_disk = sorted({p.stem for p in (ROOT / "figures").glob("[AB]-fig*.svg")} | {p.stem for p in (ROOT / "figures").glob("[AB]-fig*.png")})
    assert on_disk == sorted(ids)
    readme = report.README.read_text(encoding="utf-8")
    listed = re.findall(r"^\| ([AB]-fig\d\d) \|", readme, flags=re.M)
    assert listed == ids


def test_each_figure_is_made_by_the_notebook_the_index_names():
    for e in exhibits.EXHIBITS:
        outputs = pipeline.NOTEBOOKS[e.notebook]["outputs"]
        assert f"figures/{e.figure_id}.svg" in outputs and f"figures/{e.figure_id}.png" in outputs


def test_readme_and_report_list_exactly_the_notebooks_that_exist():
    readme = report.README.read_text(encoding="utf-8")
    listed = re.findall(r"^\| `notebooks/(\d\d_\w+)\.ipynb` \| `", readme, flags=re.M)
    assert listed == list(pipeline.NOTEBOOKS)
    page = report.OUTPUT.read_text(encoding="utf-8")
    mentioned = set(re.findall(r"notebooks/(\d\d_\w+)\.ipynb", page))
    assert mentioned == set(pipeline.NOTEBOOKS)
    for figure_id in [e.figure_id for e in exhibits.EXHIBITS]:
        assert f'<figure id="{figure_id}">' in page


def test_every_figure_links_to_its_notebook_and_every_notebook_names_its_figures():
    """Figure ↔ code, both ways: the report's caption names the notebook and links to the page's list
    of notebooks, which holds it; the notebook's stored output names the file (read from the committed
    notebook, not from the code that prints it)."""
    import json

    page = report.OUTPUT.read_text(encoding="utf-8")
    for notebook, spec in pipeline.NOTEBOOKS.items():
        printed = "".join("".join(output.get("text", "")) for cell in json.loads(
            (paths.NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
            for output in cell.get("outputs", []))
        for figure in (p for p in spec["outputs"] if p.startswith("figures/") and p.endswith(".svg")):
            assert f"wrote {figure} and {figure[:-4]}.png" in printed, (notebook, figure)
            stem = figure[len("figures/"):-len(".svg")]
            if f'<figure id="{stem}">' in page:
                block = page.split(f'<figure id="{stem}">', 1)[1].split("</figure>", 1)[0]
                assert f'<a href="#notebooks"><code>notebooks/{notebook}.ipynb</code></a>' in block, stem
                assert (paths.NOTEBOOKS / f"{notebook}.ipynb").is_file()
    listed = page.split('<h2 id="notebooks">', 1)[1].split("</table>", 1)[0]
    assert all(f"<td><code>notebooks/{notebook}.ipynb</code></td>" in listed for notebook in pipeline.NOTEBOOKS)


def test_a_font_subset_is_cut_once_then_reused_byte_for_byte(tmp_path, monkeypatch):
    monkeypatch.setattr(report.pages, "FONT_SUBSETS", tmp_path)
    cut = report._cut_font
    first = report.font_subset("数字经济共同富裕")
    assert first == cut(paths.cjk_font(), "数字经济共同富裕") and len(list(tmp_path.glob("*.otf"))) == 1

    def no_second_cut(*args):
        raise AssertionError("the same characters were cut again")

    monkeypatch.setattr(report.pages, "_cut_font", no_second_cut)
    assert report.font_subset("数字经济共同富裕") == first
    cuts = []  # other characters are cut anew, into a file of their own (the cut itself stubbed: it was shown above)
    monkeypatch.setattr(report.pages, "_cut_font", lambda font, text: cuts.append(text) or b"subset of " + text.encode())
    assert report.font_subset("数字经济") == "subset of 数字经济".encode() and cuts == ["数字经济"]
    assert len(list(tmp_path.glob("*.otf"))) == 2


def _english_words(html_page: str, start: str, end: str) -> list[str]:
    """English words of a part of a page, outside code spans and links; proper names and
    abbreviations that the Chinese edition keeps (GDP, CAICT, CNNIC, IEEE, GLOBECOM, PKU) allowed."""
    part = html_page[html_page.index(start):html_page.index(end, html_page.index(start))]
    part = re.sub(r"<code>.*?</code>|<a [^>]*>.*?</a>", " ", part, flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", part))
    words = re.findall(r"(?<![\w/.-])[A-Za-z]{2,}(?![\w/.-])", text)
    from compendium.schema import MEASURES

    return [w for w in words if w not in KEPT_IN_CHINESE | set(MEASURES)]  # measures: identifiers


# Proper names, abbreviations and formats the Chinese edition keeps as they are: organisations and
# indices (CAICT, CNNIC, PKU-DFIIC, NBS), a conference, file formats and languages, the coefficient of
# variation's abbreviation, two names inside reasons (a repository owner, a forum site), and the
# "AI" (Chinese writing says AI 智能体); authors and journal of a cited method (Webb's weights; the joint test of Simonsohn, Simmons and
# Nelson in Nature Human Behaviour, with Stouffer's Z), which Chinese econometric writing keeps in Latin script.
KEPT_IN_CHINESE = {"GDP", "AI", "CAICT", "CNNIC", "IEEE", "GLOBECOM", "PKU", "DFIIC", "NBS", "CV", "Python", "HTML", "PDF",
                   "WangMeng", "csdn", "Webb", "Simonsohn", "Simmons", "Nelson", "Nature", "Human", "Behaviour", "Stouffer"}


def test_the_whole_chinese_edition_is_in_chinese():
    """Outside code spans, links, figures (images) and the allow-list, no English word on the page:
    prose, tables, readings, rules, causes, notes, specification names and captions."""

    page = report.CHINESE.output(".html").read_text(encoding="utf-8")
    page = re.sub(r"<img [^>]*>|<style.*?</style>", " ", page, flags=re.S)
    words = _english_words(page, "<body", "</body>")
    assert words == [], f"{len(words)} English words in the Chinese edition, e.g. {sorted(set(words))[:20]}"
    assert _english_words(page.replace("判定概览", "判定概览 the verdicts"), "<body", "</body>") == ["the", "verdicts"]


def test_no_edition_has_a_silent_fallback():
    """The report's words are codes of the phrasebook in both editions: an unknown code fails at once,
    naming it, in English too (a word typed into a table without an entry would otherwise print as
    typed in English and fail only in Chinese); a unit without Latin letters passes as printed."""
    for edition in (report.ENGLISH, report.CHINESE):
        with pytest.raises(KeyError, match="informativeness"):
            edition.word("informativeness")
    assert report.CHINESE.word("none") == "无" and report.ENGLISH.word("none") == "none"
    assert report_words.unit_name("亿元", "zh") == "亿元" and report_words.unit_name("pp", "zh") == "百分点"
    with pytest.raises(KeyError, match="furlongs"):
        report_words.unit_name("furlongs", "zh")


# a number in a computer's exponent form (7.465e+04, 5e-05): a reader is owed 74 650 or 0.00005
SCIENTIFIC = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][+-]\d+(?![\w.])")


def _reader_text_of_html(page: str) -> str:
    """What a reader sees of a page: no embedded fonts or images (base64 holds 'e+'), styles,
    scripts, code spans or link targets."""
    page = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S)
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_no_hand_out_prints_a_number_in_exponent_form():
    """README, both HTML editions and both PDFs (their text as extracted)."""
    found = {name: SCIENTIFIC.findall(text) for name, text in _hand_out_texts().items()}
    assert not any(found.values()), {name: hits[:5] for name, hits in found.items() if hits}


# a number of five integer digits or more printed without thousands separators (74652, not 74,652);
# years and four-digit counts stay as the papers print them
UNGROUPED = re.compile(r"(?<![\w.,/-])\d{5,}(?![\w])")


def _hand_out_texts() -> dict[str, str]:
    """What a reader reads of each hand-out: README (without code spans, addresses, or the register's
    rows, which quote each source's title as published), both HTML editions and both PDFs."""
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    readme = "\n".join(line for line in lines if not (line.startswith("| ") and "<http" in line))
    readme = re.sub(r"`[^`]*`|<https?://[^>]*>|\(https?://[^)]*\)", " ", readme)
    texts = {"README.md": readme}
    for edition in report.EDITIONS:
        page = _reader_text_of_html(edition.output(".html").read_text(encoding="utf-8"))
        texts[edition.output(".html").name] = re.sub(r"https?://\S+", " ", page)
        texts[edition.output(".pdf").name] = re.sub(r"https?://\S+", " ", " ".join(
            page.get_textpage().get_text_range() for page in _pdf(edition)))
    return texts


def test_every_long_number_in_a_hand_out_has_thousands_separators():
    found = {name: UNGROUPED.findall(text) for name, text in _hand_out_texts().items()}
    assert not any(found.values()), {name: hits[:5] for name, hits in found.items() if hits}
    assert labels.number(74652.0) == "74,652" and labels.number(1234567.891, ".2f") == "1,234,567.89"
    assert labels.number(2023, "d") == "2023" and labels.grouped("v2.0.1, 2019–2023") == "v2.0.1, 2019–2023"


def test_the_evidence_table_names_each_input_s_use_as_a_reader_does():
    """Paper figures by paper and number in each edition's words, not by file id (a reader's point)."""
    def evidence_table(page: str, last_header: str) -> str:
        start = page.index(f"<th>{last_header}</th>")
        return page[start:page.index("</table>", start)]

    english = evidence_table((ROOT / "paper" / "report.html").read_text(encoding="utf-8"), "why no second copy")
    chinese = evidence_table((ROOT / "paper" / "report.zh.html").read_text(encoding="utf-8"), "为何没有第二份副本")
    assert "<td>Paper B, figure 3</td>" in english and "<td>论文 B 图 3</td>" in chinese
    assert "<td>主回归</td>" in chinese and "<td>headline regression</td>" in english
    assert not re.search(r"<td>[AB]-fig\d+</td>", english + chinese)


def test_every_generated_table_has_a_numbered_caption_in_both_editions():
    """One caption per `{{ table: … }}` of each template, numbered 1, 2, … in page order, above the
    table, saying the same table in both editions (the same names in the same order)."""
    said = {}
    for edition, pattern in ((report.ENGLISH, r"<strong>Table (\d+)\.</strong> ([^<]+)"),
                             (report.CHINESE, r"<strong>表 (\d+)</strong>　([^<]+)")):
        page = edition.output(".html").read_text(encoding="utf-8")
        names = re.findall(r"\{\{ table: (\w+) \}\}", edition.template.read_text(encoding="utf-8"))
        captions = re.findall(pattern, page)
        assert [int(n) for n, _ in captions] == list(range(1, len(names) + 1))
        assert [html.unescape(c) for _, c in captions] == [edition.word(f"table:{n}") for n in names]
        said[edition.code] = names
    assert said["en"] == said["zh"] and len(said["en"]) == 8
