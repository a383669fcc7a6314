"""The marker scan behind the coverage map: every line of both papers that holds a comparative or
superlative marker about data (大幅, 日益, 大量, 降低, 提升, 最, 超过 …), written as line number and
markers only — no sentence of the papers is copied.

Run by hand where the papers are present: `python -m compendium.markers ../shared/papers`. The build
never reads the papers; it reads the committed `data/coverage_markers.csv`, and a test holds every
candidate line placed in `data/coverage.csv` (with its claims, or the reason it has none).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

from . import paths

# words that compare, rank or state a change of a quantity (a line holding one is a candidate)
MARKERS = ("大幅", "日益", "大量", "降低", "提升", "提高", "增长", "下降", "减少", "增加", "扩大", "缩小", "最", "超过", "高于",
           "低于", "领先", "落后", "快于", "慢于", "显著", "明显", "位居", "首位", "前列", "翻番", "倍", "加剧", "攀升", "跃升",
           "突破")
PAPERS = {"A": "000_3ebdd18436291ece.txt", "B": "004_813da5d4bcf31ed2.txt"}  # one paragraph per line
OUTPUT = paths.DATA / "coverage_markers.csv"
COLUMNS = ["paper", "line", "markers"]


def scan(folder: Path) -> list[dict]:
    """(paper, line, markers) for every line of both papers holding a marker, in line order."""
    found = []
    for paper, name in PAPERS.items():
        lines = (folder / name).read_text(encoding="utf-8").split("\n")
        for number, text in enumerate(lines, start=1):
            markers = [m for m in MARKERS if m in text]
            if markers:
                found.append({"paper": paper, "line": number, "markers": "|".join(markers)})
    return found


def write(rows: list[dict], path: Path = OUTPUT) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    rows = scan(Path(sys.argv[1]))
    write(rows)
    print(f"{OUTPUT.relative_to(paths.ROOT)}: {len(rows)} candidate lines "
          f"({sum(r['paper'] == 'A' for r in rows)} of Paper A, {sum(r['paper'] == 'B' for r in rows)} of Paper B)")
