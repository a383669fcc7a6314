"""The pipeline declaration, the notebooks on disk and the committed files agree."""
import json
import subprocess

import pytest

from compendium import build, pipeline
from compendium.paths import NOTEBOOKS, ROOT


def test_every_notebook_is_declared_and_every_declared_notebook_exists():
    on_disk = sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    assert on_disk == sorted(pipeline.NOTEBOOKS)
    assert list(pipeline.NOTEBOOKS) == sorted(pipeline.NOTEBOOKS), "declared in run order"


def test_each_notebook_opens_with_what_it_reads_and_writes():
    for name in pipeline.NOTEBOOKS:
        cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        opening = "".join(cells[0]["source"])
        assert cells[0]["cell_type"] == "markdown" and "**Reads:**" in opening and "**Writes:**" in opening, name
        for output in pipeline.NOTEBOOKS[name]["outputs"]:
            stem = output.rsplit(".", 1)[0]
            assert stem.split("/")[-1] in opening, f"{name} does not mention {output} at the top"


def test_committed_notebooks_are_executed():
    for name in pipeline.NOTEBOOKS:
        cells = json.loads((NOTEBOOKS / f"{name}.ipynb").read_text(encoding="utf-8"))["cells"]
        counts = [c["execution_count"] for c in cells if c["cell_type"] == "code"]
        assert counts == list(range(1, len(counts) + 1)), name


def test_declared_outputs_exist_and_are_tracked_where_there_is_git():
    """A deposited archive has no .git: there the outputs must exist; in a clone they must be tracked."""
    declared = [o for spec in pipeline.NOTEBOOKS.values() for o in spec["outputs"]]
    assert [o for o in declared if not (ROOT / o).is_file()] == []
    if (ROOT / ".git").exists():
        tracked = set(subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split())
        assert [o for o in declared if o not in tracked] == []


def test_dependencies_follow_declared_inputs_and_outputs():
    deps = build.dependencies()
    for name, upstream in deps.items():
        for other in upstream:
            assert list(pipeline.NOTEBOOKS).index(other) < list(pipeline.NOTEBOOKS).index(name)


def test_each_notebook_depends_on_every_module_of_the_package_it_imports():
    """Read with a regex here, apart from the pipeline's own parser: every `compendium` module a
    notebook names in an import is among the files its lock entry hashes."""
    import re

    for name in pipeline.NOTEBOOKS:
        source = "".join("".join(c["source"]) for c in json.loads((NOTEBOOKS / f"{name}.ipynb").read_text())["cells"])
        named = set(re.findall(r"from compendium\.([\w.]+) import", source))
        for package, names in re.findall(r"from compendium((?:\.\w+)*) import ([\w, ]+)", source):
            named |= {f"{package.lstrip('.')}.{n.strip()}".lstrip(".") for n in names.split(",")}
        files = set(pipeline.helper_inputs(name))
        for module in named:
            path = "compendium/" + module.replace(".", "/")
            if (ROOT / f"{path}.py").is_file():
                assert f"{path}.py" in files, (name, module)
            elif (ROOT / path / "__init__.py").is_file():
                assert f"{path}/__init__.py" in files, (name, module)


def test_only_the_report_says_causes_and_rules_and_the_diagrams_need_no_analysis():
    """Worked out from what each step imports: the rules' words are the report's alone; the diagram
    notebook reads no rule, regression or phrase; the data overview no rule."""
    said_by = {step for step in [*pipeline.NOTEBOOKS, "report"]
               if {"compendium/phrasebook/causes.py", "compendium/phrasebook/rules.py"} & set(pipeline.helper_inputs(step))}
    assert said_by == {"report"}
    diagrams = set(pipeline.helper_inputs("04_diagrams"))
    assert not [f for f in diagrams if "/rules/" in f or "/phrasebook/" in f or "/regression/" in f or f.endswith("audit.py")]
    assert not [f for f in pipeline.helper_inputs("00_data_overview") if "/rules/" in f]


def test_every_logic_mutation_still_finds_its_anchor_text_exactly_once():
    """A refactor that moves a mutation's anchor would silently unplace it: `make mutate` would
    then report a 'caught' defect that was never applied."""
    from compendium.mutate import LOGIC_MUTATIONS, MUTATION_MARK
    from compendium.paths import ROOT
    # inside a mutation trial the applied mutation's anchor is gone by design: only that one is skipped,
    # so this test never counts as the one that "caught" a logic mutation
    applied = (ROOT / MUTATION_MARK).read_text(encoding="utf-8") if (ROOT / MUTATION_MARK).is_file() else None
    for what, path, anchor, replacement in LOGIC_MUTATIONS:
        if what == applied:
            continue
        text = (ROOT / path).read_text(encoding="utf-8")
        if path.endswith(".ipynb"):  # notebook cells hold their lines as JSON strings
            import json
            text = "".join("".join(cell["source"]) + "\n" for cell in json.loads(text)["cells"])
        # the list itself holds every anchor as a literal: a mutation aimed at it is never applied anywhere
        assert path != "compendium/mutate.py", f"mutation {what!r} targets the mutation list itself"
        assert text.count(anchor) == 1, f"mutation {what!r}: anchor found {text.count(anchor)} times in {path}"
        assert anchor != replacement, what


def test_every_declared_input_pattern_matches_a_file():
    """A declared input that matches nothing is silently not hashed by the lock: the notebook would
    read a file whose edits no longer make it stale."""
    patterns = [p for spec in pipeline.NOTEBOOKS.values() for p in spec["inputs"]] + pipeline.REPORT["inputs"]
    assert [p for p in patterns if not list(ROOT.glob(p))] == []


# The package's floors, lowest first: a module imports only from its own floor or below.
FLOORS = [
    {"compendium/__init__.py", "compendium/paths.py", "compendium/schema.py", "compendium/regions.py"},
    {"compendium/phrasebook/"},                                   # words: vocabulary only
    {"compendium/data.py", "compendium/ledger.py", "compendium/pipeline.py", "compendium/style.py",
     "compendium/display.py", "compendium/exhibits.py", "compendium/charts.py", "compendium/diagrams.py",
     "compendium/values/__init__.py", "compendium/markers.py"},                             # the values files' reading and writing
    {"compendium/rules/", "compendium/audit.py", "compendium/variants.py", "compendium/regression/", "compendium/lineage.py",
     "compendium/values/"},                                       # what each notebook hands to the report
]


def _floor(path: str) -> int | None:
    for i, floor in enumerate(FLOORS):
        if path in floor or any(path.startswith(f) for f in floor if f.endswith("/")):
            return i
    return None


@pytest.mark.parametrize("module", ["compendium.schema", "compendium.regions", "compendium.phrasebook.sentences",
                                    "compendium.data", "compendium.ledger", "compendium.values", "compendium.rules", "compendium.audit",
                                    "compendium.regression"])
def test_no_module_imports_from_a_higher_floor(module):
    """schema and regions import nothing of the package but paths; the phrasebook only the vocabulary;
    the loaders not the rules or the analysis; the rules not the loaders' callers above them."""
    own = _floor(pipeline._module_file(module).relative_to(ROOT).as_posix())
    above = [f for f in pipeline.package_files({module}) if (_floor(f) or 0) > own]
    assert above == [], (module, above)


def test_the_report_imports_no_analysis_module():
    """The report binds what the notebooks handed over (data/derived/values/): it computes nothing,
    so it imports neither the rules nor the regression nor the modules that compute the values."""
    assert not [f for f in pipeline.package_files({"compendium.report"}) if _floor(f) == 3]
