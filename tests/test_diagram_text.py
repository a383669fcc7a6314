"""Diagrams against an expectation outside their structure files: the direction of each arrow as
the papers' text states it, read from the cited paragraphs by someone who had not seen
data/diagrams/. An arrow reversed in the structure (its layer edited to match) breaks a path here.

Of 43 relations read from the text, the 23 below name boxes of our diagrams unambiguously; the
others use words no box carries or a relation the figure does not draw (closing note of #26)."""
import networkx as nx
import pytest

from compendium import diagrams

# The direction of the papers' mechanism diagrams as their TEXT gives it: (from, to, paper line),
# each read from the paragraph cited, written without the structure files (data/diagrams/).
TEXT_ARROWS = {
    'A-fig01': [
        ('数字技术', '交易成本', 'A 3; A 56; A 63'),
        ('数字技术', '实体经济', 'A 3; A 141; A 144-145'),
        ('数字技术', '高质量发展', 'A 49-51; A 28'),
        ('高质量发展', '蛋糕', 'A 49; A 58; A 383'),
    ],
    'A-fig02': [
        ('学有优教', '贫困代际传递', 'A 4-5; A 260; A 266'),
        ('病有良医', '返贫', 'A 4-5; A 291; A 294-295'),
        ('老有颐养', '老龄化陷阱', 'A 4-5; A 320; A 324-327'),
        ('劳有所得', '民生根本', 'A 5; A 340'),
    ],
    'B-fig01': [('剥削', '阶级分化', 'B 16'), ('公有制', '共同富裕', 'B 18')],
    'B-fig09': [('基础设施', '转型', 'B 93'), ('投资回报', '转型', 'B 93')],
    'B-fig10': [('技术鸿沟', '社会服务', 'B 96')],
    'B-fig11': [('技术优势', '资本', 'B 103-104'), ('市场规模', '资本', 'B 103; B 105')],
    # B-fig12 left out: B 110 says lagging infrastructure holds back capital inflow; our cycle draws
    # 'hard to attract capital' before 'infrastructure lags' (a finding, in the closing note of #26)
    'B-fig16': [('孵化器', '创新生态', 'B 159')],
    'B-fig17': [('基金', '基础设施', 'B 187'), ('基金', '人才培养', 'B 187'), ('基金', '技术引进', 'B 187')],
    'B-fig18': [('制度创新', '合作平台', 'B 189'), ('利益协调', '合作平台', 'B 189'), ('合作平台', '协调发展', 'B 189')],
    'B-fig19': [('实时监测', '培训内容', 'B 193-194')],
}


@pytest.mark.parametrize("figure_id", sorted(TEXT_ARROWS))
def test_each_diagram_runs_the_way_the_papers_text_says(figure_id):
    spec = diagrams.load(figure_id)
    labels = {node["id"]: node["label"] for node in spec["nodes"]}
    graph = nx.DiGraph(diagrams.edges(spec))
    for source, target, where in TEXT_ARROWS[figure_id]:
        starts = [n for n, label in labels.items() if source in label]
        ends = [n for n, label in labels.items() if target in label]
        assert starts and ends, (figure_id, source, target)
        pairs = [(s, e) for s in starts for e in ends if s in graph and e in graph]
        if not nx.is_directed_acyclic_graph(graph):  # a cycle: every box reaches every other, so the arrow itself
            assert any(graph.has_edge(s, e) for s, e in pairs), f"{figure_id}: no arrow {source} → {target} (paper {where})"
            continue
        assert any(nx.has_path(graph, s, e) for s, e in pairs), f"{figure_id}: no path {source} → {target} (paper {where})"
        assert not any(nx.has_path(graph, e, s) for s, e in pairs), \
            f"{figure_id}: {target} leads back to {source}: the text gives one direction (paper {where})"
