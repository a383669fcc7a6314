"""The two editions, English and Chinese: their files, titles and the words a table or a bound value says."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..phrasebook import report_words


@dataclass(frozen=True)
class Edition:
    code: str
    lang: str
    title: str
    made_by: str                                          # caption: "<file>, made by <notebook>"

    @property
    def template(self) -> Path:
        return paths.PAPER / ("report.md" if self.code == "en" else f"report.{self.code}.md")

    def output(self, suffix: str) -> Path:
        return self.template.with_suffix(suffix)

    def word(self, code: str) -> str:
        """The edition's word for a code of the report's vocabulary (`compendium/phrasebook/report_words.py`,
        REPORT_WORDS and the verdicts): strict in both languages, an unknown code is an error naming it."""
        return report_words.report_word(code, self.code)


ENGLISH = Edition("en", "en", "Replication report", "made by {notebook}")
CHINESE = Edition("zh", "zh-CN", "复现报告", "由 {notebook} 生成")
EDITIONS = (ENGLISH, CHINESE)
