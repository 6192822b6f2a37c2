import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard import files
from dashboard.coverage.example import (
    DEFAULT_OUTPUT,
    ILLUSTRATIVE_COMMENT,
    TEMPLATE_COLUMNS,
    build_illustrative_example,
    example_snapshot,
    write_illustrative_example,
)
from dashboard.coverage.metrics import geography_metrics
from tests.coverage.synthetic import communes_frame

TARGETS = {"02000": (2, 3), "03000": (1, 2), "04000": (1, 1)}


def test_totals_per_region_and_template_columns():
    frame = communes_frame()
    t = build_illustrative_example(frame, seed=1, targets=TARGETS)
    assert tuple(t.columns) == TEMPLATE_COLUMNS
    assert (t["source_comment"] == ILLUSTRATIVE_COMMENT).all()
    assert (t["as_of"] == "2016-05-27").all() and len(t) == len(frame)
    g = geography_metrics(example_snapshot(t), frame)
    for region, (cells, communes) in TARGETS.items():
        geo = {"02000": "BE-VLG", "03000": "BE-WAL", "04000": "BE-BRU"}[region]
        assert (g.loc[geo, "cells"], g.loc[geo, "communes_covered"]) == (cells, communes)
    assert set(t.loc[t["cell"] == "", "status"]) == {"none"}
    assert example_snapshot(t).consistency_errors() == []
    assert example_snapshot(t).illustrative


@pytest.mark.parametrize("seed", range(8))
def test_shared_cells_are_neighbours_in_one_police_zone(seed):
    frame = communes_frame().set_index("nis")
    t = build_illustrative_example(frame.reset_index(), seed=seed, targets=TARGETS)
    for _cell, members in t[t["status"] == "shared_cell"].groupby("cell")["nis_code"]:
        codes = list(members)
        assert len(codes) >= 2
        assert frame.loc[codes, "police_zone"].nunique() == 1
        for c in codes:  # each member touches another member
            assert set(frame.loc[c, "neighbours"]) & (set(codes) - {c})


def test_seeded_and_deterministic():
    frame = communes_frame()
    a = build_illustrative_example(frame, seed=5, targets=TARGETS)
    assert a.equals(build_illustrative_example(frame, seed=5, targets=TARGETS))
    outcomes = {tuple(build_illustrative_example(frame, seed=s, targets=TARGETS)["cell"])
                for s in range(10)}  # fmt: skip
    assert len(outcomes) > 1


def test_impossible_targets_fail_with_region():
    with pytest.raises(ValueError, match="region BRU: cannot place 1 cells over 3 communes"):
        build_illustrative_example(communes_frame(), targets={"04000": (1, 3)})
    isolated = communes_frame().assign(neighbours=[()] * 10)
    with pytest.raises(ValueError, match="region VLG: no placement of 1 cells over 2 communes"):
        build_illustrative_example(isolated, targets={"02000": (1, 2)})


def test_write_csv_and_sidecar(tmp_path: Path):
    frame = communes_frame()
    path = tmp_path / "ex.csv"
    written = write_illustrative_example(frame, path, seed=3, targets=TARGETS)
    table = build_illustrative_example(frame, seed=3, targets=TARGETS)
    assert pd.read_csv(written, dtype=str, keep_default_na=False).equals(table)
    meta = json.loads(path.with_suffix(".meta.json").read_text("utf-8"))
    assert meta["illustrative"] is True and meta["seed"] == 3
    assert meta["generator"].endswith("build_illustrative_example")


def test_repository_file_is_the_generated_one():
    import geodata

    table = build_illustrative_example(
        geodata.load_communes("1977-2018", files.geography_dir()), seed=2016
    )
    saved = pd.read_csv(DEFAULT_OUTPUT, dtype=str, keep_default_na=False)
    assert saved.equals(table)
    meta = json.loads(DEFAULT_OUTPUT.with_suffix(".meta.json").read_text("utf-8"))
    assert meta == {**meta, "illustrative": True, "seed": 2016}
