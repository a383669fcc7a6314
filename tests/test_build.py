"""The build runner: order, the committed build lock, and that a failure leaves committed files alone."""
import json
import os
import platform
import shutil
import subprocess
import sys
import time

import pytest

from compendium import build, pipeline


def test_claims_audit_waits_for_the_regression():
    deps = build.dependencies()
    assert deps["03_claims_audit"] == {"01_paperB_figures", "02_paperB_regression"}
    assert deps["00_data_overview"] == set()


def test_scheduler_never_starts_a_notebook_before_its_inputs(monkeypatch):
    started, finished = [], set()

    def fake_run(name):
        for upstream in build.dependencies()[name]:
            assert upstream in finished, f"{name} started before {upstream} finished"
        started.append(name)
        time.sleep(0.2 if name == "02_paperB_regression" else 0.01)
        finished.add(name)
        return 0, 0.0

    monkeypatch.setattr(build, "_timed_run", fake_run)
    monkeypatch.setattr(build, "run_report", lambda lock: 0)
    monkeypatch.setattr(build, "record", lambda name, lock: None)
    assert build.build(run_all=True) == 0
    assert sorted(started) == sorted(pipeline.NOTEBOOKS)


def test_notebooks_run_side_by_side_in_threads_each_write_to_their_own_staging(tmp_path, monkeypatch):
    """The runner executes two notebooks at once from one process: each kernel must be told its own
    output directory (through its environment, not the runner's, which both threads share)."""
    import nbformat
    from concurrent.futures import ThreadPoolExecutor

    source = tmp_path / "notebooks"
    source.mkdir()
    code = "import os, time\ntime.sleep(0.5)\nprint(os.environ['COMPENDIUM_OUTPUT_DIR'])"
    for name in ("first", "second"):
        nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)]), source / f"{name}.ipynb")
    monkeypatch.setattr(build, "NOTEBOOKS", source)
    monkeypatch.delenv("COMPENDIUM_OUTPUT_DIR", raising=False)
    with ThreadPoolExecutor(2) as pool:
        executed = dict(zip(("first", "second"),
                            pool.map(lambda n: build.execute(n, tmp_path / "staging" / n), ("first", "second"))))
    for name, path in executed.items():
        [output] = nbformat.read(path, as_version=4).cells[0].outputs
        assert output["text"].strip() == str(tmp_path / "staging" / name)
    assert "COMPENDIUM_OUTPUT_DIR" not in os.environ


def test_the_start_order_is_the_one_that_finishes_first_in_a_hand_worked_case():
    """Seconds as in a benchmark: 00 5.1, 01 5.5, 02 9.0, 03 4.3 (after 01 and 02), 04 7.3, 05 3.0
    (after 02), two cores. By hand, the pipeline's order: 00 0–5.1 and 01 0–5.5; 02 5.1–14.1;
    04 5.5–12.8; 03 waits for 02, 14.1–18.4 on the core free at 12.8; 05 14.1–17.1: 18.4 s.
    The work is 34.2 s, so no order beats 17.1 s on two cores, and one reaches it:
    02, 05, 00 on one core (0–9, 9–12, 12–17.1) and 01, 04, 03 on the other (0–5.5, 5.5–12.8, 12.8–17.1)."""
    deps = build.dependencies()
    seconds = dict(zip(pipeline.NOTEBOOKS, (5.1, 5.5, 9.0, 4.3, 7.3, 3.0)))
    assert build.simulated_length(list(pipeline.NOTEBOOKS), deps, seconds) == pytest.approx(18.4)
    best = build.start_order(list(pipeline.NOTEBOOKS), deps, seconds)
    assert build.simulated_length(best, deps, seconds) == pytest.approx(17.1)
    assert best.index("02_paperB_regression") < best.index("04_diagrams")


def test_the_committed_lock_matches_the_committed_files():
    """What a fresh clone's `make` relies on to run nothing."""
    lock = build.load_lock()
    assert build.stale(lock) == {}
    assert build.report_is_stale(lock, {}) is None
    for step in build.STEPS:
        env = lock["environments"][lock["steps"][step]["environment"]]
        assert build.off_environment(env) == [], step


def test_off_environment_names_the_python_and_the_packages():
    pinned = {"python": "3.11.7", "packages": build.pinned_packages()}
    assert build.off_environment(pinned) == []
    assert build.off_environment(dict(pinned, python="3.12.1")) == ["Python 3.12.1 (pinned: 3.11)"]
    other = dict(pinned, packages=[p for p in pinned["packages"] if not p.startswith("pandas==")] + ["pandas==2.0.0"])
    [problem] = build.off_environment(other)
    assert "pandas==2.0.0" in problem and "pandas==3.1.1" in problem


@pytest.fixture
def repository_copy(tmp_path):
    """The tracked tree (no .git, no environment) in a scratch folder, as in a deposited archive."""
    copy = tmp_path / "repo"
    shutil.copytree(build.ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", ".tools", ".build", "__pycache__",
                                                                    "*.egg-info"))
    return copy


def _verify(copy):
    # -m with the copy as working directory imports the copy's own compendium package
    return subprocess.run([sys.executable, "-m", "compendium.build", "--verify"], cwd=copy, capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(copy)))


def test_verify_passes_on_the_committed_tree_and_names_what_an_edit_makes_stale(repository_copy):
    clean = _verify(repository_copy)
    assert clean.returncode == 0, clean.stdout
    gdp = repository_copy / "data/raw/gdp.csv"
    gdp.write_text(gdp.read_text(encoding="utf-8").replace("\n", "\n", 1) + "\n", encoding="utf-8")
    edited = _verify(repository_copy)
    assert edited.returncode == 1
    stale = {line.split()[0] for line in edited.stdout.splitlines() if "STALE" in line}
    # gdp.csv is read by 00, 01, 02 and 03 (directly or through the regression results), by 05 through
    # the panel 02 writes, and by the report
    assert stale == {"00_data_overview", "01_paperB_figures", "02_paperB_regression", "03_claims_audit",
                     "05_specification_curve", "report"}
    assert "input changed: data/raw/gdp.csv" in edited.stdout


def test_a_phrase_re_runs_only_the_report_and_a_rule_only_the_notebooks_that_import_it(repository_copy):
    """A Chinese cause re-worded: only the report step is stale. A rule edited: the notebooks that
    import the audit (01, 02, 03, 05) and the report, not the overview or the diagrams."""
    causes = repository_copy / "compendium/phrasebook/causes.py"
    text = causes.read_text(encoding="utf-8")
    assert "只增不减" in text
    causes.write_text(text.replace("只增不减", "只会增加"), encoding="utf-8")
    edited = _verify(repository_copy)
    assert {line.split()[0] for line in edited.stdout.splitlines() if "STALE" in line} == {"report"}, edited.stdout
    words = repository_copy / "compendium/phrasebook/report_words.py"  # a table header or a word the report binds
    assert '"为何没有第二份副本"' in words.read_text(encoding="utf-8")
    words.write_text(words.read_text(encoding="utf-8").replace('"为何没有第二份副本"', '"为什么没有第二份副本"'), encoding="utf-8")
    edited = _verify(repository_copy)
    assert {line.split()[0] for line in edited.stdout.splitlines() if "STALE" in line} == {"report"}, edited.stdout
    groups = repository_copy / "compendium/rules/groups.py"
    groups.write_text(groups.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = _verify(repository_copy)
    assert {line.split()[0] for line in edited.stdout.splitlines() if "STALE" in line} == {
        "01_paperB_figures", "02_paperB_regression", "03_claims_audit", "05_specification_curve", "report"}


def test_verify_flags_an_edited_output_and_outputs_made_off_the_pinned_environment(repository_copy):
    figure = repository_copy / "figures/B-fig11.svg"
    figure.write_bytes(figure.read_bytes().replace(b"</svg>", b"<!-- edited --></svg>"))
    edited = _verify(repository_copy)
    assert edited.returncode == 1
    assert [line.split()[0] for line in edited.stdout.splitlines() if "STALE" in line] == ["04_diagrams", "report"]  # the report embeds the SVG
    assert "output differs from the one recorded: figures/B-fig11.svg" in edited.stdout

    figure.write_bytes((build.ROOT / "figures/B-fig11.svg").read_bytes())
    lock_file = repository_copy / "build.lock.json"
    lock = json.loads(lock_file.read_text())
    for env in lock["environments"].values():
        env["python"] = "3.13.0"
    lock_file.write_text(json.dumps(lock))
    off = _verify(repository_copy)
    assert off.returncode == 1 and off.stdout.count("OFF-ENV") == len(build.STEPS)
    assert "Python 3.13.0 (pinned: 3.11)" in off.stdout


def test_a_failing_notebook_leaves_the_committed_notebook_untouched_and_kernels_run_on_the_pinned_blas(tmp_path,
                                                                                                   monkeypatch):
    name = "04_diagrams"
    committed = (build.NOTEBOOKS / f"{name}.ipynb").read_bytes()
    notebook = json.loads(committed)
    broken = tmp_path / "notebooks"
    broken.mkdir()
    notebook["cells"][1]["source"] = ["import os\n",
                                      "print(os.environ.get('OPENBLAS_CORETYPE'), os.environ.get('OPENBLAS_NUM_THREADS'))\n",
                                      "raise ValueError('data/diagrams/A-fig01.yaml, node 1: broken on purpose')\n"]
    # a reviewer's own setting must not reach the build's kernels (committed PNGs depend on the path)
    monkeypatch.setenv("OPENBLAS_CORETYPE", "Haswell")
    (broken / f"{name}.ipynb").write_text(json.dumps(notebook))
    monkeypatch.setattr(build, "NOTEBOOKS", broken)
    monkeypatch.setattr(build, "BUILD_DIR", tmp_path / ".build")
    figures_before = {p: p.read_bytes() for p in (build.ROOT / "figures").glob("A-fig0*.svg")}
    assert build._run_one(name) == 1
    same = (build.ROOT / "notebooks" / f"{name}.ipynb").read_bytes() == committed
    assert same, f"{name}.ipynb changed"
    assert {p: p.read_bytes() for p in (build.ROOT / "figures").glob("A-fig0*.svg")} == figures_before
    failed = json.loads((tmp_path / ".build" / "failed" / f"{name}.ipynb").read_text())
    errors = [o for c in failed["cells"] if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]
    assert errors[0]["evalue"] == "data/diagrams/A-fig01.yaml, node 1: broken on purpose"
    pinned = "Prescott" if platform.machine().lower() in ("x86_64", "amd64") else "Haswell"  # x86-64 only
    assert ["".join(o["text"]) for o in failed["cells"][1]["outputs"] if o["output_type"] == "stream"] == [f"{pinned} 1\n"]


def test_the_benchmark_takes_the_median_of_each_measure_over_its_rounds():
    """Worked by hand: floors 2.4, 3.1, 2.6 → 2.6; rebuilds 14.0, 18.2, 15.1 → 15.1; notebook 02's
    7.4, 9.7, 7.0 → 7.4 (a slow round moves no median)."""
    from compendium import benchmark

    rounds = [{"floor_kernel_s": f, "full_build_s": b, "notebook_seconds": {"02": s}}
              for f, b, s in ((2.4, 14.0, 7.4), (3.1, 18.2, 9.7), (2.6, 15.1, 7.0))]
    assert benchmark.medians(rounds) == {"floor_kernel_s": 2.6, "full_build_s": 15.1, "notebook_seconds": {"02": 7.4}}
    # the tests timed after each rebuild: 40.0, 60.0, 43.0 → 43.0; each round's ratio 2.857, 3.297, 2.848 → 2.857,
    # not 43.0 / 15.1 = 2.848 (the ratio of two medians from different rounds)
    for r, t in zip(rounds, (40.0, 60.0, 43.0)):
        r["test_s"] = t
    paired = benchmark.medians(rounds)
    assert paired["test_s"] == 43.0 and paired["test_vs_build"] == pytest.approx(40.0 / 14.0)


def test_make_warns_naming_a_raw_file_edited_without_recording_its_checksum(tmp_path, monkeypatch, capsys):
    root = tmp_path / "repo"
    shutil.copytree(build.ROOT / "data", root / "data")
    monkeypatch.setattr(build, "ROOT", root)
    monkeypatch.setattr(build, "CHECKSUMS", root / "data" / "raw" / "SHA256SUMS")
    assert build.unrecorded_raw_edits() == []
    gdp = root / "data" / "raw" / "gdp.csv"
    gdp.write_text(gdp.read_text(encoding="utf-8").replace("Anhui,2019,", "Anhui,2019,", 1) + "\n", encoding="utf-8")
    assert build.unrecorded_raw_edits() == ["data/raw/gdp.csv"]
    monkeypatch.setattr(build, "stale", lambda lock: {})
    monkeypatch.setattr(build, "report_is_stale", lambda lock, todo: None)
    assert build.build() == 0
    assert "WARNING data/raw/gdp.csv differs from data/raw/SHA256SUMS" in capsys.readouterr().out


def test_a_failing_report_step_writes_nothing(monkeypatch):
    """Every document is rendered before any is written: a failure in the last one (the README)
    leaves both editions, both PDFs and the README as they were."""
    from compendium import report

    paths_ = [e.output(s) for e in report.EDITIONS for s in (".html", ".pdf")] + [report.README]
    before = {p: p.read_bytes() for p in paths_}
    # every edition's documents come back changed (no need to typeset them: the point is the writing)
    import concurrent.futures

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", concurrent.futures.ThreadPoolExecutor)
    monkeypatch.setattr(report.pages, "_edition_documents", lambda values, edition: {".html": "changed", ".pdf": b"changed"})

    def broken(values=None):
        raise RuntimeError("planted failure in the last document")

    monkeypatch.setattr(report.pages, "build_readme", broken)
    with pytest.raises(RuntimeError, match="planted"):
        report.main()
    assert {p: p.read_bytes() for p in paths_} == before
