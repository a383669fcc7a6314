"""Text from a data file printed literally by each target's Markdown reader (HTML, pandoc, GFM)."""
from __future__ import annotations

import contextvars
import html
import re

TARGET: contextvars.ContextVar[str] = contextvars.ContextVar("target", default="html")

TARGETS = ("html", "pandoc", "gfm")
# Python-Markdown honours a backslash before these only (its ESCAPED_CHARS, and | for tables); it
# has no math, citations or strikeout, so $ @ ~ ^ are plain text there.
PYTHON_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")
# pandoc and GFM accept a backslash before any ASCII punctuation; these are the ones that can open
# something inside a line: emphasis, code, links and images, raw HTML or Typst, math, citations,
# strikeout, superscript, entities, headings, cell separators (GFM's bare-URL autolinks need no
# escape here: only http(s) and www addresses, never javascript:, become links)
MARKUP_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>$@~^|&#!])")


def render_text(text: str, target: str | None = None) -> str:
    """Text from a data file, printed literally by the target's Markdown reader: no link, image,
    math, citation, raw HTML or Typst, emphasis, code span or cell separator opened by the data."""
    target = target or TARGET.get()
    flat = str(text).replace("\r", " ").replace("\n", " ")
    if target == "html":
        return PYTHON_MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    if target in ("pandoc", "gfm"):
        return MARKUP_PUNCTUATION.sub(r"\\\1", flat)
    raise ValueError(f"unknown target {target!r} (one of {TARGETS})")


_escape = render_text
