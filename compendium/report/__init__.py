"""Render the replication report in two editions, English and Chinese, each as HTML and PDF.

`paper/report.md` and `paper/report.zh.md` are templates. Every number in them is a binding,
`{{ name }}` or `{{ name | format }}`, filled in from the files the notebooks wrote in
`data/derived/`; blocks `{{ figure: ID }}` and `{{ table: NAME }}` insert a figure (caption, image,
the notebook that makes it) or a generated table. A binding that names nothing is an error, so the
report can never silently drop or invent a number; both editions bind the same set of values.

HTML comes from Python-Markdown with the CJK font embedded; PDF from pandoc (Markdown → Typst) and
the Typst compiler, both carried by PyPI wheels, with the same bundled Noto Sans CJK SC.

    python -m compendium.report

The parts: `editions` (the two editions and their words), `values` (every value, read from the
files the notebooks wrote), `tables` (the generated tables and figure blocks), `markup` (data text
printed literally), `pages` (pages, PDF and the README). Every name a test or the build uses is
importable from here.
"""
from __future__ import annotations

from .editions import CHINESE, EDITIONS, ENGLISH, Edition
from .markup import render_text
from .inputs import BENCHMARK, BINDING, DERIVED, MUTATION, OUTPUT, TEMPLATE, bindings
from .tables import figure_index_markdown
from .pages import (FONT_SUBSETS, PDF_PREAMBLE, README, README_TEMPLATE, _cut_font, build, build_pdf, build_readme,
                     font_subset, main, pdf_preamble, printed, render, used_bindings)

__all__ = ['BENCHMARK', 'BINDING', 'CHINESE', 'DERIVED', 'EDITIONS', 'ENGLISH', 'Edition', 'FONT_SUBSETS', 'MUTATION',
           'OUTPUT', 'PDF_PREAMBLE', 'README', 'README_TEMPLATE', 'TEMPLATE', '_cut_font', 'bindings', 'build',
           'build_pdf', 'build_readme', 'figure_index_markdown', 'font_subset', 'main', 'pdf_preamble', 'printed', 'render',
           'render_text', 'used_bindings']
