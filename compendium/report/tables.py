"""The report's generated tables and figure blocks, per edition."""
from __future__ import annotations

import base64
import html
import json
import re

import pandas as pd

from .. import deposit, exhibits, paths, pipeline
from ..phrasebook import labels, report_words, sentences
from ..schema import CI_LEVEL, NOT_A_STATISTIC, NOT_COMPARABLE, SLOPE_UNITS, VERDICTS
from ..style import printed_width_percent, screen_widths_px, smallest_text_of_svg
from ..values import derived
from .editions import CHINESE, ENGLISH, Edition
from .markup import _escape


# the heading of the report's list of notebooks (what each reads and writes): every "made by" link
# points there, so the page's links work when it is opened on its own, away from the repository
NOTEBOOKS_ANCHOR = "notebooks"


def _caption_and_notebook(figure_id: str, edition: Edition) -> tuple[str, str]:
    """A paper's figure: its caption and notebook from exhibits.py; a figure of our own: its caption
    in the edition's language (the phrasebook), and the notebook whose declared outputs hold it."""
    exhibit = exhibits.BY_ID.get(figure_id)
    if exhibit:
        return (labels.paper_figure_caption(figure_id, exhibit.paper, exhibit.number, exhibit.caption, edition.code),
                exhibit.notebook)
    return (report_words.own_figure_caption(figure_id, edition.code),
            next(n for n, s in pipeline.NOTEBOOKS.items() if f"figures/{figure_id}.svg" in s["outputs"]))


def _figure_file(figure_id: str, edition: Edition) -> str:
    """The figure's file for this edition: our own figures are drawn once per language (declared as
    notebook outputs), the papers' figures once, in Chinese as printed."""
    own = f"figures/{paths.edition_figure(figure_id, edition.code)}.svg"
    declared = any(own in spec["outputs"] for spec in pipeline.NOTEBOOKS.values())
    return own if declared else f"figures/{figure_id}.svg"


def _figure_html(figure_id: str, edition: Edition) -> str:
    """A figure as an inline SVG image that a click or tap enlarges (a checkbox and its label, no
    script), in a box that scrolls sideways; on a narrow screen it keeps the width at which its
    smallest text stays legible (style.screen_widths_px, from the note save_figure wrote into it)."""
    file = _figure_file(figure_id, edition)
    svg = (paths.ROOT / file).read_text(encoding="utf-8")
    encoded = base64.b64encode(svg.encode("utf-8")).decode()
    drawn = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg)
    assert drawn is not None, f"{file}: no width in points"
    width_pt = float(drawn.group(1))
    legible, enlarged = screen_widths_px(width_pt, smallest_text_of_svg(svg))
    caption, notebook = _caption_and_notebook(figure_id, edition)
    link = f'<a href="#{NOTEBOOKS_ANCHOR}"><code>notebooks/{notebook}.ipynb</code></a>'
    return (f'\n<figure id="{figure_id}"><div class="figure-box" style="--legible:{legible}px;--enlarged:{enlarged}px">'
            f'<input type="checkbox" class="enlarge" id="enlarge-{figure_id}">'
            f'<label for="enlarge-{figure_id}" title="{html.escape(edition.word("click to enlarge"))}">'
            f'<img alt="{html.escape(caption)}" data-width-pt="{width_pt:g}" src="data:image/svg+xml;base64,{encoded}"/>'
            f'</label></div><figcaption>{html.escape(caption)} — <code>{file}</code>{edition.word("comma")}'
            f'{edition.made_by.format(notebook=link)}{edition.word("comma")}{edition.word("click to enlarge")}</figcaption></figure>\n')


def _figure_markdown(figure_id: str, edition: Edition) -> str:
    """For the PDF: an image paragraph, which pandoc turns into a Typst figure with its caption.
    The path is from the repository root, which is the Typst project root."""
    caption, notebook = _caption_and_notebook(figure_id, edition)
    link = f"[`notebooks/{notebook}.ipynb`](#{NOTEBOOKS_ANCHOR})"
    # at the size it was drawn (points), unless wider than the text
    file = _figure_file(figure_id, edition)
    size = re.search(r'<svg[^>]*\swidth="([\d.]+)pt"\s+height="([\d.]+)pt"', (paths.ROOT / file).read_text(encoding="utf-8"))
    assert size is not None, f"{file}: no width and height in points"
    # a tall figure is cut to a share of the page, so that it and its caption fit below a paragraph
    width = printed_width_percent(float(size.group(1)), float(size.group(2)))
    return (f"\n![{caption} — `{file}`{edition.word('comma')}{edition.made_by.format(notebook=link)}]"
            f"(/{file}){{width={width}%}}\n")


def _header(edition: Edition, *cells: str, widths: tuple[int, ...] = ()) -> list[str]:
    """A Markdown table header; `widths` (relative, one per column) become the dashes of the
    separator line, which pandoc turns into the PDF's column widths (equal without them)."""
    dashes = widths or (3,) * len(cells)
    return ["| " + " | ".join(edition.word(c).format(ci=CI_LEVEL) for c in cells) + " |",
            "|" + "|".join("-" * d for d in dashes) + "|"]


def _table(name: str, edition: Edition, values: dict) -> str:
    """A generated table: rows of a derived file, or counts a notebook handed over, in `values`."""
    if name == "verdict_counts":
        rows = _header(edition, "paper", *VERDICTS, "all")
        for paper in ("A", "B"):
            cells = [str(values[f"claims.{paper}.{v.replace(' ', '_')}"]) for v in VERDICTS]
            rows.append(f"| {paper} | " + " | ".join(cells) + f" | {values[f'claims.{paper}.total']} |")
        return "\n".join(rows)
    if name == "claims":
        claims = derived("claims_audit.csv")
        fragile = derived("claims_fragility.csv").set_index("claim_id")
        readings = derived("claims_readings.csv").set_index(["claim_id", "reading_id"])
        variants = derived("claims_variants.csv").set_index(["claim_id", "variant_id"])
        parts = []
        for part, title in CLAIM_PARTS.items():  # printed numbers, then statements about data, then the rest
            of_family = claims[claims["part"] == part]
            parts.append(f"\n### {edition.word(title)}\n")
            for verdict in VERDICTS:  # grouped by verdict, in the order of the scale
                group = of_family[of_family["verdict"] == verdict]
                if not len(group):
                    continue
                parts.append(_claims_rows(group, verdict, fragile, readings, variants, values, edition))
        return "\n".join(parts)
    if name == "readings":
        readings = derived("claims_readings.csv")
        rows = _header(edition, "claim", "reading", "chosen", "verdict", "rule", "cause", widths=(4, 24, 4, 6, 22, 20))
        flipping = readings[readings["claim_id"].isin(values["readings.flipping_ids"])]
        for r in flipping.sort_values("claim_id", key=_claim_order, kind="stable").itertuples():
            chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
            rows.append(f"| {r.claim_id} | {_escape(r.reading_zh if chinese else r.reading)} | "
                        f"{edition.word('yes') if r.chosen == 'True' else edition.word('no')} | {edition.word(r.verdict)} | "
                        + " | ".join(_escape(said) for said in _rule_and_cause(r, edition)) + " |")
        return "\n".join(rows)
    if name == "regression":
        results = derived("regression_results.csv")
        rows = _header(edition, "specification", "N", "coefficient", "unit", "CI", "p", "wild-bootstrap p", "R²", "note",
                       widths=(22, 4, 6, 8, 10, 5, 6, 5, 14))
        chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
        for r in results.sort_values("specification", key=lambda s: s.map(_specification_order), kind="stable").itertuples():
            specification = labels.specification_name(r.specification.split()[0], edition.code)
            note = _escape(labels.notes(r.reason, edition.code))
            name = (f"**{_escape(specification)}**{edition.word('headline, in brackets')}" if r.headline == "True"
                    else _escape(specification))
            unit = edition.word(next(u for prefix, u in SLOPE_UNITS if r.x.startswith(prefix)))
            if r.coefficient == "":
                rows.append(f"| {name} | {r.n} | | | | | | | {note} |")
            else:
                wild = f"{float(r.p_wild):.3f}" if r.p_wild != "" else ""
                rows.append(f"| {name} | {r.n} | {float(r.coefficient):.3f} | {unit} | {float(r.ci_low):.3f} {edition.word('to')} "
                            f"{float(r.ci_high):.3f} | {float(r.p_value):.3f} | {wild} | {float(r.r_squared):.3f} | {note} |")
        return "\n".join(rows)
    if name == "curve_groups":  # the distinct fits of the curve by regressor × lag and by control set
        groups = derived("specification_curve_summary.csv")
        rows = _header(edition, "choice", "distinct fits", "positive", "negative", "significantly positive",
                       "significantly negative", "median effect (pp)", "tests the paper's ordering",
                       widths=(16, 5, 5, 5, 6, 6, 6, 6))
        chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
        for r in groups.itertuples():
            choice = ("；" if chinese else "; ").join(
                f"{labels.grid_axis(axis, edition.code)}{'：' if chinese else ': '}"
                f"{labels.grid_choice(getattr(r, axis), edition.code)}" for axis in ("regressor", "lag", "controls")
                if getattr(r, axis))
            rows.append(f"| {choice} | {r.distinct} | {r.positive} | {r.negative} | {r.positive_significant} | "
                        f"{r.negative_significant} | {float(r.median_effect_iqr):.2f} | {edition.word(r.tests_ordering)} |")
        return "\n".join(rows)
    if name == "checklist":
        return deposit.checklist_markdown()
    if name == "figures_index":
        return figure_index_markdown(edition)
    if name == "notebooks":
        rows = _header(edition, "notebook", "reads", "writes", widths=(12, 19, 21))
        pngs_too = edition.word("(and each figure's `.png`)")
        for notebook, spec in pipeline.NOTEBOOKS.items():
            reads = ", ".join(f"`{p}`" for p in spec["inputs"])
            writes = ", ".join(f"`{p}`" for p in spec["outputs"] if not p.endswith(".png"))
            rows.append(f"| `notebooks/{notebook}.ipynb` | {reads} | {writes} {pngs_too} |")
        return "\n".join(rows)
    if name == "evidence":
        inputs = derived("evidence_of_inputs.csv")
        rows = _header(edition, "used by", "source_id", "evidence", "values", "why no second copy", widths=(8, 10, 8, 4, 30))
        chinese = edition.code == CHINESE.code
        for r in inputs.itertuples():
            figure = exhibits.BY_ID.get(r.use)  # a paper's figure by its id (B-fig03), or a use in words
            use = (labels.paper_figure(figure.paper, figure.number, edition.code) if figure is not None
                   else labels.USES.get(r.use, r.use) if chinese else r.use)
            evidence = labels.word(labels.EVIDENCE, r.evidence, edition.code, "evidence level")
            why = r.why_single_zh if chinese else r.why_single
            rows.append(f"| {_escape(use)} | {_escape(r.source_id)} | {_escape(evidence)} | {r.rows} | {_escape(why)} |")
        return "\n".join(rows)
    if name == "sources":
        sources = pd.read_csv(paths.SOURCES, keep_default_na=False)
        rows = _header(edition, "source_id", "publisher", "title", "issued", "vintage", "rows", "publisher's page",
                       "copy seen", widths=(9, 10, 14, 5, 7, 3, 14, 14))
        for r in sources.itertuples():
            page = f"{_link(r.url)} ({PAGE_SEEN[r.publisher_page_seen]})" if r.url else "not found"
            rows.append(f"| {_escape(r.source_id)} | {_escape(r.publisher)} | {_escape(r.title)} | {r.issued} | "
                        f"{_escape(r.vintage.replace(';', ', '))} | {values[f'sources.rows.{r.source_id}']} | {page} | {_link(r.seen_at)} |")
        return "\n".join(rows)
    if name == "copies":  # the copies seen outside the recognised hosts, with the reason for each
        sources = pd.read_csv(paths.SOURCES, keep_default_na=False)
        rows = _header(edition, "source_id", "copy seen", "why this copy", widths=(9, 14, 30))
        for r in sources[sources["why_this_copy"] != ""].itertuples():
            rows.append(f"| {_escape(r.source_id)} | {_link(r.seen_at)} | {_escape(r.why_this_copy)} |")
        return "\n".join(rows)
    raise KeyError(f"unknown table {name!r}")


# The verdict table's parts (schema.part_of), each under its title
CLAIM_PARTS = {"number": "printed numbers", "statement": "statements about data", "other": "statements that are not statistics"}


def _claims_rows(group: pd.DataFrame, verdict: str, fragile: pd.DataFrame, readings: pd.DataFrame,
                 variants: pd.DataFrame, values: dict, edition: Edition) -> str:
    rows = [f"\n**{edition.word(verdict)}**{edition.word('group count').format(n=len(group))}\n",
            *_header(edition, "claim", "where", "printed", "official", "unit", "year", "rule", "evidence rows",
                     "reading", "variants", "cause", widths=(4, 6, 7, 5, 4, 4, 13, 11, 15, 11, 20))]
    flag = edition.word("(verdict changes with the reading)")
    for r in group.itertuples():
        official = "" if r.official == "" else _official(float(r.official))
        figure = json.loads(r.cause_params or "{}").get("figure", {})
        if r.verdict == NOT_COMPARABLE and official and "year" in figure:  # another year than the paper's
            official += edition.word("of the year").format(year=figure["year"])
        chinese = edition.code == CHINESE.code  # editions cross process boundaries: compare codes, not objects
        reading = _escape(r.reading_zh if chinese else r.reading) + (
            f"{edition.word('space')}**{flag}**" if r.verdict_changes_with_reading == "True" else "")
        rule, cause = _rule_and_cause(r, edition)
        where = labels.location(r.location, edition.code)
        # a sentence that is no statistic has no unit or year to show (the ledger's are a reading's)
        measured = r.verdict != NOT_A_STATISTIC
        unit = report_words.unit_name(r.official_unit or r.unit, edition.code) if measured else ""
        rows.append(f"| {r.claim_id} | {_escape(where)} | {_escape(r.printed)} | {official} | "
                    f"{_escape(unit)} | {r.year if measured else ''} | {_escape(rule)} | "
                    f"{_evidence_cell(r.claim_id, values, edition)} | {reading} | "
                    f"{_escape(fragility_cell(r.claim_id, fragile, readings, variants, edition))} | {_escape(cause)} |")
    return "\n".join(rows)


def fragility_cell(claim_id: str, fragile: pd.DataFrame, readings: pd.DataFrame, variants: pd.DataFrame,
                   edition: Edition) -> str:
    """How a claim's verdict fares under the variants its words allow: how many of those the data
    decide keep the headline verdict, and the smallest change that flips it (a reading in its own
    words; a stress test marked as one)."""
    if claim_id not in fragile.index or int(fragile.loc[claim_id, "decided"]) < 2:
        return edition.word("no variant decided")
    row = fragile.loc[claim_id]
    # the other variants the data decide, the headline itself not counted
    said = edition.word("keep the verdict").format(holding=int(row["holding"]) - 1, decided=int(row["decided"]) - 1)
    if int(row["not_held"]):
        said += edition.word("semicolon") + edition.word("not held").format(n=row["not_held"])
    if not row["flip_variant"]:
        return said + edition.word("semicolon") + edition.word("flips never")
    axis, _, option = row["flip_variant"].partition(":")
    if axis == "reading":
        reading = readings.loc[(claim_id, option)]
        text = reading["reading_zh"] if edition.code == CHINESE.code else reading["reading"]
        change = edition.word("read as").format(reading=text)
    else:
        change = labels.variant(row["flip_variant"], edition.code, json.loads(variants.loc[(claim_id, row["flip_variant"]), "rule_params"]))
    flip = edition.word("flips if").format(verdict=edition.word(row["flip_verdict"]), change=change)
    return said + edition.word("semicolon") + flip + (edition.word("(a stress test)") if row["flip_test"] == "stress" else "")


def _specification_order(name: str) -> tuple:
    """Rows by family as the results file first lists them (1, S, H, D, O, L), then by number: H,
    H0, H1, H2 … H16, not H12, H16, H13 (the order the rows were added)."""
    key = name.split()[0]
    parts = re.match(r"(\d|[A-Z]*)(\d*)", key)  # 1a/1b: family 1; H: no number
    assert parts is not None  # the pattern matches any string, if only emptily
    family, number = parts.groups()
    families = ["1", "S", "H", "D", "O", "L"]
    return (families.index(family) if family in families else len(families), int(number) if number else -1, key)


def _official(value: float) -> str:
    """Up to six significant digits (2.6736, as the rule compares it), never in exponent form: 74652
    prints 74,652, not 7.465e+04."""
    return labels.number(value, ".0f" if abs(value) >= 1e4 else ".6g")


def _rule_and_cause(row, edition: Edition) -> tuple[str, str]:
    """A verdict row's rule and cause (claims_audit.csv or claims_readings.csv), from their codes and
    typed parameters, in the edition's language."""
    return (sentences.say("rule", row.rule_id, json.loads(row.rule_params), edition.code),
            sentences.say("cause", row.cause_code, json.loads(row.cause_params or "{}"), edition.code))


def _claim_order(ids: pd.Series) -> pd.Series:
    """A01 … A36, then B01 … B65: the paper, then the number (the ledger's ids sort so as strings too,
    but a reading table grouped by file order would not)."""
    return ids.str[0] + ids.str[1:].str.zfill(3)


def _evidence_cell(claim: str, values: dict, edition: Edition) -> str:
    """How many rows of `data/` a verdict rests on, and their sources (each listed in the sources
    table below), as notebook 03 counted them; the rows themselves, with file and line, are in
    claims_evidence.csv."""
    if f"claim.{claim}.evidence_rows" not in values:
        return edition.word("none")
    sources = values[f"claim.{claim}.evidence_sources"]
    rows = values[f"claim.{claim}.evidence_rows"]
    counted = f"{rows} {edition.word('row:count' if rows == 1 else 'rows:count')}"
    colon, joined = edition.word("colon"), edition.word("list separator")
    if not sources:
        return f"{counted}{colon}{_escape(values[f'claim.{claim}.evidence_file'])}"
    if len(sources) > EVIDENCE_SOURCES_SHOWN:
        return f"{counted}{edition.word('comma')}{len(sources)} {edition.word('sources:count')}{colon}" + joined.join(
            _escape(s) for s in sources[:EVIDENCE_SOURCES_SHOWN]) + " …"
    return f"{counted}{colon}" + joined.join(_escape(s) for s in sources)


PAGE_SEEN = {"yes": "seen", "quoted": "address quoted elsewhere, not opened", "no": "not opened"}
EVIDENCE_SOURCES_SHOWN = 3  # the rest are in claims_evidence.csv, row by row


def _link(address: str) -> str:
    return f"<{address}>" if re.fullmatch(r"https?://[^\s<>\"|]+", address) else _escape(address)


# Which Markdown reader a rendering is for: Python-Markdown (the HTML editions), pandoc (the PDFs),
# GitHub (the README). Set by `render`; `_escape` reads it, so every table cell and bound text takes
# the one escaping route of its reader.




def figure_index_markdown(edition: Edition = ENGLISH) -> str:
    """Every figure of both papers, then every figure of our own → notebook → files (also used in
    the README)."""
    rows = _header(edition, "figure", "caption", "kind", "notebook", "files", widths=(10, 14, 4, 9, 12))
    for e in exhibits.EXHIBITS:
        kind = labels.word(labels.FIGURE_KINDS, e.kind, edition.code, "kind of figure")
        caption = labels.paper_figure_caption(e.figure_id, e.paper, e.number, e.caption, edition.code)
        rows.append(f"| {e.figure_id} | {_escape(caption)} | {kind} | `notebooks/{e.notebook}.ipynb` | "
                    f"`figures/{e.figure_id}.svg`, `.png` |")
    for figure_id in report_words.OWN_FIGURES:  # ours, drawn once per language
        caption, notebook = _caption_and_notebook(figure_id, edition)
        kind = labels.word(labels.FIGURE_KINDS, "our own", edition.code, "kind of figure")
        file = _figure_file(figure_id, edition)
        rows.append(f"| `{figure_id}` | {_escape(caption)} | {kind} | `notebooks/{notebook}.ipynb` | `{file}`, `.png` |")
    return "\n".join(rows)
