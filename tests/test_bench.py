"""The benchmark's tiny variant runs here so that it cannot rot. No timing is asserted:
only what it measures exists and the byte counts (deterministic) tell the expected story."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_quick_bench_runs_and_measures(capsys):
    from bench.__main__ import main

    results = main(["--quick"])
    clicks = results["clicks"]
    assert clicks["app"]["gz"] * 10 < clicks["naive"]["gz"]  # a patch, not a figure
    assert clicks["app"]["cpu"] > 0 and clicks["naive"]["cpu"] > 0
    for key in ("1977-2018", "2019-2024"):
        visit = results["first_visit"][key]
        assert 0 < visit["geometry"] < visit["all"]  # the geometry came by its own GET
    assert set(results["scaling"]) == {589, 2_000, 20_000}
    out = capsys.readouterr().out
    assert "naive" in out and "first visit" in out and "polygons" in out
