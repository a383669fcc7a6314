"""Templates to pages: bindings filled and formatted, Markdown to HTML (fonts embedded) and, through pandoc and
Typst, to PDF; the README from README.md.in."""
from __future__ import annotations

import base64
import inspect
import re
from pathlib import Path

import markdown

from .. import deposit, paths
from ..phrasebook import labels, sentences
from .inputs import BINDING, bindings
from .editions import CHINESE, EDITIONS, ENGLISH, Edition
from .markup import TARGET, render_text
from .tables import _figure_html, _figure_markdown, _table


def used_bindings(template: str) -> list[tuple[str, str]]:
    """The (name, format) pairs a template binds, in the order it binds them (figure and table
    blocks included: they are places too)."""
    return [(m["name"].strip(), (m["format"] or "").strip()) for m in BINDING.finditer(template)]


def render(template: str, values: dict, edition: Edition = ENGLISH, figure=_figure_html, target: str = "html") -> str:
    token = TARGET.set(target)
    try:
        return _render(template, values, edition, figure)
    finally:
        TARGET.reset(token)


def _render(template: str, values: dict, edition: Edition, figure) -> str:
    tables = 0  # generated tables are numbered in page order, each captioned above its header

    def substitute(match: re.Match) -> str:
        nonlocal tables
        name, spec = match["name"].strip(), (match["format"] or "").strip()
        if name.startswith("figure:"):
            return figure(name.split(":", 1)[1].strip(), edition)
        if name.startswith("table:"):
            table = name.split(":", 1)[1].strip()
            tables += 1
            caption = edition.word("table caption").format(number=tables, caption=edition.word(f"table:{table}"))
            if TARGET.get() == "pandoc":  # in print the caption stays on the page of the table it heads
                caption = _sticky_typst(caption)
            return f"\n{caption}\n\n" + _table(table, edition, values) + "\n"
        if name not in values:
            raise KeyError(f"{edition.template.name}: binding {{{{ {name} }}}} names no value "
                           "(see compendium/values/, the notebooks' values)")
        text = printed(values[name], spec, edition)
        return render_text(text) if isinstance(values[name], str) else text
    return BINDING.sub(substitute, template)


def _sticky_typst(caption: str) -> str:
    """A caption of the form "**lead** rest" as raw Typst: a block kept with the block after it, its
    words passed as Typst strings (printed literally, whatever they hold)."""
    parts = re.fullmatch(r"\*\*(.+?)\*\*\s*(.*)", caption, flags=re.S)
    assert parts is not None, f"a table caption is '**lead** rest': {caption!r}"
    lead, rest = (f'"{text}"' for text in (p.replace("\\", "\\\\").replace('"', '\\"') for p in parts.groups()))
    return f"```{{=typst}}\n#block(sticky: true)[#strong({lead}) #{rest}]\n```"


WORD_FORMAT = "word"  # `{{ name | word }}`: a value that is a word of the phrasebook, in the edition's language
RULE_FORMAT = "rule"  # `{{ name | rule }}`: a verdict rule's id, said in the edition's language (compendium/phrasebook/)
LIST_FORMAT = "list"  # `{{ name | list }}`: identifiers joined by ", " (claim ids, years), or none in the edition's word
SPECIFICATION_FORMAT = "spec"  # `{{ name | spec }}`: specification names (or "; "-joined, or none), in the edition's language
NAMED_FORMAT = "specs"  # `{{ name | specs }}`: the same names in brackets after a count, or nothing when there are none
TALLY_FORMAT = "tally"  # `{{ name | tally }}`: a count as a sentence says it: "none" for zero / 有 0 个
SLOPES_FORMAT = "slopes"  # `{{ name | slopes }}`: (year, slope) pairs, as the edition writes a year and a slope


def printed(value, spec: str, edition: Edition = ENGLISH) -> str:
    """A bound value as the edition prints it."""
    if spec == WORD_FORMAT:
        return edition.word(str(value))
    if spec == RULE_FORMAT:
        return sentences.say("rule", str(value), lang=edition.code)
    if spec == LIST_FORMAT:
        return edition.word("none") if value == "none" else str(value)
    if spec == SPECIFICATION_FORMAT:  # a specification's name, or several joined by "; ", or "none"
        if edition.code != CHINESE.code:
            return str(value)
        return edition.word("none") if value == "none" else "；".join(
            labels.specification_name(name.split()[0], "zh") for name in str(value).split("; "))
    if spec == NAMED_FORMAT:
        if value == "none":
            return ""
        names = printed(value, SPECIFICATION_FORMAT, edition)
        return f" ({names})" if edition.code != CHINESE.code else f"（{names}）"
    if spec == TALLY_FORMAT:
        if edition.code != CHINESE.code:
            return str(value) if value else "none"
        return f"有 {value} 个"  # 有 0 个: a count said plainly (a reader found 一个也没有 stilted in a table of counts)
    if spec == SLOPES_FORMAT:
        if edition.code != CHINESE.code:
            return ", ".join(f"{year} ({slope:+.2f})" for year, slope in value) or edition.word("none")
        return "，".join(f"{year} 年（斜率 {slope:.2f}）" for year, slope in value) or edition.word("none")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return labels.number(value, spec) if spec else labels.grouped(str(value))
    return format(value, spec) if spec else str(value)


STYLE = """body{font-family:"Compendium CJK","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:60rem;
margin:2rem auto;padding:0 1rem;line-height:1.55;color:#222}table{border-collapse:collapse;font-size:.85rem;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}th{background:#f2f2f2}figure{margin:1.5rem 0}
img{max-width:100%}figcaption{font-size:.85rem;color:#555}code{font-size:.85em;overflow-wrap:anywhere}
div.table{overflow-x:auto;max-width:100%}p,li{overflow-wrap:anywhere}
:lang(zh) em{font-style:normal;font-weight:bold}
div.figure-box{overflow-x:auto;max-width:100%}input.enlarge{position:absolute;opacity:0;width:1px;height:1px}
input.enlarge+label{display:block;cursor:zoom-in}input.enlarge:checked+label{cursor:zoom-out}
input.enlarge:checked+label img{max-width:none;width:max(var(--enlarged),100%)}
input.enlarge:focus-visible+label img{outline:2px solid #36c}
@media (max-width:48rem){div.figure-box img{min-width:var(--legible)}td{min-width:5.5rem}}td:first-child code{white-space:nowrap}"""


def embedded_font(text: str) -> str:
    """An @font-face rule with the CJK font cut down to the characters the page uses.

    The page must show Chinese on machines without a Chinese system font, and stay small: the
    full font is megabytes, the subset a few dozen kilobytes. Subsetting is deterministic.
    """
    # figures arrive as base64 data: addresses, pure ASCII; leave them out of the character scan
    shown = re.sub(r"data:[^\"')]+", "", text)
    characters = "".join(sorted(ch for ch in set(shown) if ord(ch) > 127))
    encoded = base64.b64encode(font_subset(characters)).decode()
    return f'@font-face{{font-family:"Compendium CJK";src:url(data:font/otf;base64,{encoded}) format("opentype")}}'


FONT_SUBSETS = paths.ROOT / ".build" / "font-subsets"  # never committed


def font_subset(characters: str) -> bytes:
    """The bundled CJK font cut down to `characters`, kept in `.build/` under a key of everything the
    cut depends on: the font file, the characters, fontTools' version and the cutting code itself.
    Cutting is the report's slowest step (about 1.6 s an edition) and gives the same bytes each
    time, so a page whose characters did not change reuses the cut of the last render."""
    import hashlib

    from fontTools import version

    font = paths.cjk_font()
    key = hashlib.sha256("\0".join([hashlib.sha256(font.read_bytes()).hexdigest(), characters, version,
                                    _CUTTING_CODE]).encode()).hexdigest()
    cached = FONT_SUBSETS / f"{key}.otf"
    if cached.is_file():
        return cached.read_bytes()
    data = _cut_font(font, characters)
    paths.write_whole(cached, data)  # both editions render at once
    return data


def _cut_font(font: Path, characters: str) -> bytes:
    import io

    from fontTools import subset

    options = subset.Options()
    options.name_IDs = ["*"]
    loaded = subset.load_font(str(font), options, lazy=True)  # reads only the glyphs kept
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(loaded)
    buffer = io.BytesIO()
    subset.save_font(loaded, buffer, options)
    return buffer.getvalue()


_CUTTING_CODE = inspect.getsource(_cut_font)  # part of the cache key: an edit of the cut is a new cut


def build(values: dict | None = None, edition: Edition = ENGLISH) -> str:
    values = bindings() if values is None else values
    body = markdown.markdown(render(edition.template.read_text(encoding="utf-8"), values, edition), extensions=["tables", "attr_list"])
    # a wide table scrolls in its own box, so that on a phone the page itself never scrolls sideways
    body = body.replace("<table>", '<div class="table"><table>').replace("</table>", "</table></div>")
    return (f'<!DOCTYPE html>\n<html lang="{edition.lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{edition.title}</title><style>{embedded_font(body)}\n{STYLE}</style></head><body>\n{body}\n</body></html>\n")


# Typst page set-up; the body comes from pandoc. `date: none` keeps the build time out of the file.
PDF_PREAMBLE = """#set document(title: "{title}", date: none)
#set page(paper: "a4", margin: (x: 1.6cm, y: 1.8cm), numbering: "1",
          header: context {{ if counter(page).get().first() > 1 {{
            align(right, text(size: 7pt, fill: luma(110))[{running_header}]) }} }})
// Latin text in Typst's bundled Libertinus Serif (regular, bold and italic embedded); Chinese in the
// bundled CJK font, which has one weight: its bold is drawn with a thin outline
#set text(font: ("Libertinus Serif", "{font}"), size: 9.5pt, lang: "{lang}")
#show strong: set text(stroke: 0.22pt)
{emphasis}
#set par(justify: false)
#show link: set text(fill: rgb("#1f5fa8"))
#show raw: set text(size: 8pt)
// numbered sections (the title, level 1, is not), sizes by level; a heading stays with what follows
#set heading(numbering: (..n) => if n.pos().len() > 1 {{ numbering("1.1", ..n.pos().slice(1)) }})
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 1): set block(inset: (top: 3pt))  // a 16 pt CJK glyph box rises above its line
#show heading.where(level: 2): set text(size: 13pt)
#show heading.where(level: 3): set text(size: 11pt)
#show heading: set block(above: 1.3em, below: 0.7em, sticky: true)
#set table(stroke: 0.4pt + luma(180), inset: 3pt, align: left)
#show table: set text(size: 6.5pt)
#show figure: set block(breakable: false)
// tables (pandoc wraps each in a figure) break across pages, their header row repeated; an
// unbreakable figure would squeeze a long table's last rows over the page foot
#show figure.where(kind: table): set block(breakable: true)
// pandoc centres each table (align(center)) and sets its columns to auto, which would inherit that:
// cell text reads from the left
#show table: set align(left)
// identifiers and paths in table cells may break after an underscore or a slash
#show table: it => {{ show "_": "_" + sym.zws; show "/": "/" + sym.zws; it }}
#set figure(numbering: none)  // captions carry the papers' own numbers
"""
# Chinese has no italic: its emphasis is bold, as a Chinese reader expects, and its headings are drawn
# bold with the outline
PDF_EMPHASIS = {"en": "", "zh": "#show emph: it => strong(it.body)\n#show heading: set text(stroke: 0.25pt)"}
# the contents, after page one (its findings), before the first section
PDF_CONTENTS = "#pagebreak()\n#outline(title: [{title}], depth: 2)\n#pagebreak()\n"


def pdf_preamble(title: str, lang: str, running_header: str) -> str:
    """The Typst set-up every PDF of the report starts with (the layout check's planted pages too)."""
    from ..style import CJK_FONT_NAME
    return PDF_PREAMBLE.format(title=title, font=CJK_FONT_NAME, lang=lang, emphasis=PDF_EMPHASIS[lang],
                               running_header=running_header)


def build_pdf(values: dict | None = None, edition: Edition = ENGLISH) -> bytes:
    """The same template and values through pandoc (Markdown → Typst) and the Typst compiler.

    Only the bundled CJK font and Typst's own fonts are used (no system font can change the
    output), and nothing of the build time is written: two builds are byte-identical.
    """
    import pypandoc
    import typst

    values = bindings() if values is None else values
    markdown_text = render(edition.template.read_text(encoding="utf-8"), values, edition, figure=_figure_markdown,
                           target="pandoc")
    body = pypandoc.convert_text(markdown_text, "typst", format="markdown-smart", extra_args=["--wrap=none"])
    first_section = body.index("\n== ") + 1  # the contents go before the first section, after page one
    body = body[:first_section] + PDF_CONTENTS.format(title=edition.word("contents")) + body[first_section:]
    header = edition.word("running header").format(version=values["release.version"], date=values["release.date"])
    source = pdf_preamble(edition.title, edition.lang.split("-")[0], header) + body
    return typst.compile(source.encode("utf-8"), root=str(paths.ROOT), font_paths=[str(paths.cjk_font().parent)],
                         ignore_system_fonts=True)


README_TEMPLATE = paths.ROOT / "README.md.in"
README = paths.ROOT / "README.md"
README_NOTICE = "<!-- Generated from README.md.in by `make` (compendium/report/): edit that file, not this one. -->\n"


def build_readme(values: dict | None = None) -> str:
    values = bindings() if values is None else values
    return README_NOTICE + render(README_TEMPLATE.read_text(encoding="utf-8"), values, target="gfm")


def _write_if_changed(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    if not path.is_file() or path.read_bytes() != data:
        paths.write_whole(path, data)  # a reader never sees half a file


def _edition_documents(values: dict, edition: Edition) -> dict[str, str | bytes]:
    return {".html": build(values, edition), ".pdf": build_pdf(values, edition)}


def main() -> int:
    from concurrent.futures import ProcessPoolExecutor

    values = bindings()  # read the derived files once for every document
    # the editions are independent and mostly CPU (font subsetting, Typst): one process each
    with ProcessPoolExecutor(max_workers=len(EDITIONS)) as pool:
        documents = list(pool.map(_edition_documents, [values] * len(EDITIONS), EDITIONS))
    # everything is rendered before anything is written: a failure anywhere leaves README.md and
    # paper/ as they were, all of them matching the same derived files
    outputs = {edition.output(suffix): document for edition, documents_of in zip(EDITIONS, documents)
               for suffix, document in documents_of.items()}
    outputs[README] = build_readme(values)
    outputs.update({paths.ROOT / name: text for name, text in deposit.documents().items()})
    changed = [path for path, document in outputs.items()
               if not path.is_file() or path.read_bytes() != (document.encode("utf-8") if isinstance(document, str) else document)]
    for path, document in outputs.items():
        _write_if_changed(path, document)
    print("report: " + (", ".join(str(p.relative_to(paths.ROOT)) for p in changed) + " changed" if changed
                        else "every document unchanged"))
    return 0


