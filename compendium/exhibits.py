"""The 21 figures of the two papers: id, caption as the paper gives it, and the notebook that
rebuilds it. The README's figure index, the report and the tests all read this list.

Captions are the papers' own figure titles (cited, not paraphrased, so that a reader can match
each rebuilt figure with the original); everything else in the compendium is our own wording.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Exhibit:
    figure_id: str   # file stem in figures/, e.g. "B-fig03"
    paper: str
    number: int
    caption: str
    notebook: str
    kind: str        # "data": drawn from statistics; "diagram": rebuilt from the text's structure


_A, _B = "A", "B"
_FIGS = "01_paperB_figures"
_DIAGRAMS = "04_diagrams"

EXHIBITS: list[Exhibit] = [
    Exhibit("A-fig01", _A, 1, "数字技术赋能做大做好共同富裕“蛋糕”的逻辑机理", _DIAGRAMS, "diagram"),
    Exhibit("A-fig02", _A, 2, "数字技术赋能切好分好共同富裕“蛋糕”的逻辑机理", _DIAGRAMS, "diagram"),
    Exhibit("B-fig01", _B, 1, "资本主义社会与社会主义社会公正路径图示", _DIAGRAMS, "diagram"),
    Exhibit("B-fig02", _B, 2, "发达地区与欠发达地区发展对比图示", _DIAGRAMS, "diagram"),
    Exhibit("B-fig03", _B, 3, "2019-2023年深圳市GDP及增长率变化趋势", _FIGS, "data"),
    Exhibit("B-fig04", _B, 4, "2019-2023年安徽省GDP及增长率变化趋势", _FIGS, "data"),
    Exhibit("B-fig05", _B, 5, "2019-2023年贵州省GDP及增长率变化趋势", _FIGS, "data"),
    Exhibit("B-fig06", _B, 6, "2019-2023年深圳、安徽、贵州GDP及增长率对比", _FIGS, "data"),
    Exhibit("B-fig07", _B, 7, "各地区的技术基础设施与数智大体能力分布", _FIGS, "data"),
    Exhibit("B-fig08", _B, 8, "东部沿海发达地区的数智化技术应用领域对比", _DIAGRAMS, "diagram"),
    Exhibit("B-fig09", _B, 9, "数智化转型缓慢的主要原因分析图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig10", _B, 10, "技术鸿沟引发的区域发展差距分析图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig11", _B, 11, "发达地区资本积累机制创新示意图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig12", _B, 12, "欠发达地区资本流失与资源稀缺的循环机制", _DIAGRAMS, "diagram"),
    Exhibit("B-fig13", _B, 13, "区域间社会服务水平差异对比图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig14", _B, 14, "区域差异与经济基础评估及政策实施示意图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig15", _B, 15, "教育资源分布与技能培训水平评估及政策实施示意图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig16", _B, 16, "创新能力与产业竞争力评估及政策实施示意图", _DIAGRAMS, "diagram"),
    Exhibit("B-fig17", _B, 17, "合作、共享基金", _DIAGRAMS, "diagram"),
    Exhibit("B-fig18", _B, 18, "区域合作框架", _DIAGRAMS, "diagram"),
    Exhibit("B-fig19", _B, 19, "动态调整的数智化培训计划", _DIAGRAMS, "diagram"),
]
BY_ID = {e.figure_id: e for e in EXHIBITS}


def caption(figure_id: str) -> str:
    exhibit = BY_ID[figure_id]
    return f"图{exhibit.number} {exhibit.caption}"
