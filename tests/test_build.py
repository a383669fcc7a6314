"""The build runner: order, incrementality, and that a failure leaves committed files alone."""
import json
import time

from compendium import build, pipeline


def test_claims_audit_waits_for_the_regression():
    deps = build.dependencies()
    assert deps["03_claims_audit"] == {"02_paperB_regression"}
    assert deps["00_data_overview"] == set()


def test_scheduler_never_starts_a_notebook_before_its_inputs(monkeypatch):
    started, finished = [], set()

    def fake_child(name):
        for upstream in build.dependencies()[name]:
            assert upstream in finished, f"{name} started before {upstream} finished"
        started.append(name)
        time.sleep(0.2 if name == "02_paperB_regression" else 0.01)
        finished.add(name)
        return 0, 0.0

    monkeypatch.setattr(build, "_timed_child", fake_child)
    monkeypatch.setattr(build, "run_report", lambda stamps: 0)
    monkeypatch.setattr(build, "_save_stamps", lambda stamps: None)
    monkeypatch.setattr(build, "fingerprint", lambda name: "x")
    assert build.build(run_all=True) == 0
    assert sorted(started) == sorted(pipeline.NOTEBOOKS)


def test_a_changed_input_makes_only_its_readers_stale(monkeypatch):
    stamps = {name: build.fingerprint(name) for name in pipeline.NOTEBOOKS}
    real = build.fingerprint
    monkeypatch.setattr(build, "fingerprint", lambda name: "changed" if name == "04_diagrams" else real(name))
    assert build.stale(stamps) == ["04_diagrams"]
    monkeypatch.setattr(build, "fingerprint", lambda name: "changed" if name == "02_paperB_regression" else real(name))
    assert build.stale(stamps) == ["02_paperB_regression", "03_claims_audit"]


def test_a_failing_notebook_leaves_the_committed_notebook_untouched(tmp_path, monkeypatch):
    name = "04_diagrams"
    committed = (build.NOTEBOOKS / f"{name}.ipynb").read_bytes()
    notebook = json.loads(committed)
    broken = tmp_path / "notebooks"
    broken.mkdir()
    notebook["cells"][1]["source"] = ["raise ValueError('data/diagrams/A-fig01.yaml, node 1: broken on purpose')\n"]
    (broken / f"{name}.ipynb").write_text(json.dumps(notebook))
    monkeypatch.setattr(build, "NOTEBOOKS", broken)
    monkeypatch.setattr(build, "BUILD_DIR", tmp_path / ".build")
    figures_before = {p: p.read_bytes() for p in (build.ROOT / "figures").glob("A-fig0*.svg")}
    assert build._run_one(name) == 1
    assert (build.ROOT / "notebooks" / f"{name}.ipynb").read_bytes() == committed
    assert {p: p.read_bytes() for p in (build.ROOT / "figures").glob("A-fig0*.svg")} == figures_before
    failed = json.loads((tmp_path / ".build" / "failed" / f"{name}.ipynb").read_text())
    errors = [o for c in failed["cells"] if c["cell_type"] == "code" for o in c["outputs"] if o["output_type"] == "error"]
    assert errors[0]["evalue"] == "data/diagrams/A-fig01.yaml, node 1: broken on purpose"
