"""The build-time budget (#25) is judged on paired rounds: a hand computation of the median paired
difference, and the verdict at the boundary."""
from compendium import benchmark


def test_the_budget_is_the_median_of_the_paired_differences():
    rounds = [{"full_build_s": 33.7, "baseline_build_s": 22.2},   # +11.5
              {"full_build_s": 32.8, "baseline_build_s": 25.8},   # +7.0
              {"full_build_s": 30.4, "baseline_build_s": 21.6}]   # +8.8
    result = benchmark.budget(rounds)
    assert result["budget_added_s"] == 8.8  # not 32.8 - 22.2 = 10.6, the difference of the medians
    assert result["baseline_build_s"] == 22.2 and result["budget_within"] is True


def test_over_the_budget_is_exceeded_and_no_pairs_is_not_measured():
    over = benchmark.budget([{"full_build_s": 40.0, "baseline_build_s": 29.9}])
    assert over["budget_added_s"] == 10.1 and over["budget_within"] is False
    assert benchmark.budget([{"full_build_s": 40.0}])["budget_measured"] is False


def test_the_baseline_runs_only_where_every_package_it_pins_is_pinned_here(tmp_path):
    base, here = tmp_path / "base.txt", tmp_path / "here.txt"
    base.write_text("numpy==2.4.6\n    # via pandas\npandas==3.1.1\n", encoding="utf-8")
    here.write_text("numpy==2.4.6\npandas==3.1.1\nroc-validator==0.13.0  # added since\n", encoding="utf-8")
    assert benchmark._pins(base) <= benchmark._pins(here)
    here.write_text("numpy==2.4.7\npandas==3.1.1\n", encoding="utf-8")
    assert not benchmark._pins(base) <= benchmark._pins(here)
