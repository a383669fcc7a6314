"""The phrasebook: every word the compendium says to a reader, English and Chinese side by side, keyed
by code. Our own wording throughout; nothing here parses prose or translates one language into the
other: a code and its typed parameters are rendered in either language, and a missing code, kind or
parameter is an error at once, naming it (there is no fallback to English).

Its parts, each imported only by what says it, so that editing one re-runs only the steps that use it:

- `labels.py`   — names of things: vintages, units, verdicts, evidence levels, the regression's
                  specifications, the grid's axes and levels, figure families, regression notes, and
                  places in a paper (notebooks' figures and the report)
- `causes.py`   — what the data show about a claim, and what kind of sentence a non-statistic is
                  (the report)
- `rules.py`    — which rule judged a claim (the report)
- `sentences.py` — `say(kind, code, params, lang)`: the one way a cause or a rule becomes words
"""
from __future__ import annotations

LANGUAGES = ("en", "zh")


def in_language(lang: str, english: str, chinese: str) -> str:
    """One of two wordings of a figure's text, by the edition's language code."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (one of {LANGUAGES})")
    return english if lang == "en" else chinese
