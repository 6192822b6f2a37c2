import datetime as dt

import pytest

from dashboard import files
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import load_public_record
from dashboard.coverage.reconcile import reconcile
from tests.coverage.synthetic import communes_frame, snapshot_row, write_record


@pytest.fixture
def record(tmp_path):
    rows = [
        snapshot_row("2016-05-27", "BE", "cells", 3),
        snapshot_row("2016-05-27", "BE", "communes_involved", 4),
        snapshot_row("2016-05-27", "BE-VLG", "cells", 1),
        snapshot_row("2016-05-27", "BE-WAL", "communes_with_cell", 2, wal_includes_dg="unclear"),
        snapshot_row("2016-05-27", "BE-BRU", "communes_without_cell", 0),
        snapshot_row("2016-05-27", "BE", "communes_without_own_cell", 5),
        snapshot_row("2019-06-15", "BE", "cells", 99, source="T2"),
    ]
    return load_public_record(write_record(tmp_path, rows))


@pytest.fixture
def snapshot():
    return MembershipSnapshot(
        dt.date(2016, 6, 30),
        "1977-2018",
        (
            CommuneStatus("11001", Status.SHARED_CELL, "A"),
            CommuneStatus("11002", Status.SHARED_CELL, "A"),
            CommuneStatus("63001", Status.OWN_CELL, "B"),
            CommuneStatus("21001", Status.OWN_CELL, "C"),
            CommuneStatus("21002", Status.NONE),
        ),
        (
            Cell("A", "a", ("11001", "11002")),
            Cell("B", "b", ("63001",)),
            Cell("C", "c", ("21001",)),
        ),  # fmt: skip
    )


def test_nearest_date_and_differences(record, snapshot):
    rec = reconcile(snapshot, communes_frame(), record)
    assert rec.published_date.key == "2016-05-27"
    f = rec.frame.set_index(["geography", "measure"])
    assert f.loc[("BE", "cells"), "snapshot_value"] == 3
    assert f.loc[("BE", "cells"), "difference"] == 0
    assert f.loc[("BE", "communes_involved"), "difference"] == 0
    assert f.loc[("BE-WAL", "communes_with_cell"), "difference"] == -1
    assert f.loc[("BE-BRU", "communes_without_cell"), "difference"] == 1
    assert not f.loc[("BE", "communes_without_own_cell"), "comparable"]
    diffs = rec.differences
    assert sorted(zip(diffs["geography"], diffs["measure"], strict=True)) == [
        ("BE-BRU", "communes_without_cell"), ("BE-WAL", "communes_with_cell")]  # fmt: skip


def test_lines_list_each_difference(record, snapshot):
    lines = reconcile(snapshot, communes_frame(), record).lines()
    assert lines[0].endswith("published for 2016-05-27: 2 difference(s)")
    wal = next(line for line in lines if line.startswith("- BE-WAL"))
    assert wal.startswith(
        "- BE-WAL communes_with_cell: published 2 (T1); snapshot 1, difference -1"
    )  # noqa: E501
    assert "German-speaking communes are included" in wal
    assert "- BE-VLG cells: published 1 (T1); snapshot 1, same" in lines
    assert any(line.startswith("- BE communes_without_own_cell") and "not compared" in line
               for line in lines)  # fmt: skip


def test_explicit_date(record, snapshot):
    rec = reconcile(snapshot, communes_frame(), record, as_of="2019-06-15")
    cols = ["measure", "published_value", "snapshot_value", "difference"]
    assert rec.frame[cols].values.tolist() == [["cells", 99, 3, -96]]


def test_illustrative_example_matches_2016_published_totals():
    import geodata
    from dashboard.coverage.example import build_illustrative_example, example_snapshot

    communes = geodata.load_communes("1977-2018", files.geography_dir())
    snap = example_snapshot(build_illustrative_example(communes))
    rec = reconcile(snap, communes, load_public_record())
    assert rec.published_date.key == "2016-05-27"
    assert rec.frame["comparable"].all() and len(rec.frame) == 8
    assert rec.differences.empty
