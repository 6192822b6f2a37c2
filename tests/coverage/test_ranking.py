"""Areas ranked by coverage and the reference lines, on synthetic and real frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.ranking import (
    RANKING_COLUMNS,
    RANKING_LEVELS,
    REFERENCE_COLUMNS,
    competition_ranks,
    ranking,
    reference_lines,
)
from dashboard.coverage.metrics import coverage_metrics, status_frame
from dashboard.coverage.model import CommuneStatus, MembershipSnapshot, Status
from tests.coverage.test_gaps import CELLS, STATUSES, D, communes, frame

# Statuses of tests/coverage/test_gaps.py. By police zone:
#   5001: 11001 none, 11002 none                       covered 0/2, population 0/3000
#   5002: 11003 own (3000), 11004 none (4000)          1/2, 3000/7000
#   5287: 63001 planned (500), 63002 unknown (600)     0/2, 0/1100
#   5288: 63003 none (700), 63004 own (800)            1/2, 800/1500
#   5339: 21001 none (10000), 21002 shared (20000)     1/2, 20000/30000


def row(table: pd.DataFrame, unit: str) -> pd.Series:
    sel = table[table["unit"] == unit]
    assert len(sel) == 1, unit
    return sel.iloc[0]


def test_regions_by_share_of_communes_then_population():
    r = ranking(frame(), "region")
    assert list(r.columns) == list(RANKING_COLUMNS)
    # 04000 1/2; 03000 1/4 with 800/2600 of the population; 02000 1/4 with 3000/10000.
    assert list(r["unit"]) == ["04000", "03000", "02000"]
    assert list(r["rank"]) == [1, 2, 3]
    wal = row(r, "03000")
    assert (wal["communes"], wal["communes_covered"], wal["communes_unknown"]) == (4, 1, 1)
    assert (wal["communes_planned"], wal["communes_none"]) == (1, 1)
    assert wal["share_communes_covered"] == 0.25
    assert wal["share_population_covered"] == pytest.approx(800 / 2600)
    assert wal["population_unknown"] == 600
    assert (wal["population_date"], wal["population_source"]) == ("2020-01-01", "population_2020")


def test_unknown_is_never_counted_as_none():
    r = ranking(frame(statuses=()), "region")
    assert (r["communes_none"] == 0).all()
    assert list(r["communes_unknown"]) == list(r["communes"])
    assert (r["share_communes_unknown"] == 1.0).all()


def test_equal_shares_share_a_rank_listed_by_code():
    r = ranking(frame(), "police_zone")
    assert list(r["unit"]) == ["5339", "5288", "5002", "5001", "5287"]
    assert list(r["rank"]) == [1, 2, 3, 4, 4]


def test_a_share_that_cannot_be_computed_comes_last():
    r = ranking(frame(population={"63001": 0, "63002": 0}), "police_zone")
    assert math.isnan(row(r, "5287")["share_population_covered"])
    assert list(r["unit"][-2:]) == ["5001", "5287"]
    assert list(r["rank"][-2:]) == [4, 5]


def test_provinces_leave_brussels_out():
    r = ranking(frame(), "province")
    assert set(r["unit"]) == {"10000", "20000", "60000"}
    assert list(r["unit"]) == ["10000", "60000", "20000"]  # 1/3 beats 1/4 beats 0/1


def test_same_counts_as_coverage_metrics():
    snapshot = MembershipSnapshot(D, "2019-2024", STATUSES, CELLS)
    for level in RANKING_LEVELS:
        m = coverage_metrics(snapshot, communes(), levels=(level,)).set_index("unit")
        r = ranking(frame(), level).set_index("unit")
        for column in RANKING_COLUMNS[4:-2]:
            pd.testing.assert_series_equal(
                r[column].sort_index(), m[column].sort_index(), check_names=False
            )


def test_filtered_frame_and_empty_frame():
    f = frame()
    only = ranking(f[f["region"] == "02000"], "province")
    assert list(only["unit"]) == ["10000", "20000"]
    empty = ranking(f.iloc[0:0], "province")
    assert empty.empty and list(empty.columns) == list(RANKING_COLUMNS)
    assert reference_lines(f.iloc[0:0]).empty


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="unknown ranking level"):
        ranking(frame(), "country")


def test_reference_lines():
    ref = reference_lines(frame())
    assert list(ref.columns) == list(REFERENCE_COLUMNS)
    assert list(ref["geography"]) == ["BE", "BE-VLG", "BE-WAL", "BE-DG", "BE-BRU"]
    be = row(ref, "BE")
    assert (be["communes"], be["communes_covered"], be["communes_unknown"]) == (10, 3, 1)
    assert (be["communes_none"], be["communes_planned"]) == (5, 1)
    assert be["share_population_covered"] == pytest.approx(23800 / 42600)
    dg = ref[ref["geography"] == "BE-DG"].iloc[0]
    assert (dg["communes"], dg["communes_covered"], dg["communes_unknown"]) == (2, 0, 1)
    assert (ref["population_date"] == "2020-01-01").all()


def test_competition_ranks():
    assert competition_ranks([]) == []
    assert competition_ranks(["a", "b", "b", "c"]) == [1, 2, 2, 4]
    assert competition_ranks([(0, 1), (0, 1), (0, 1)]) == [1, 1, 1]


# ----------------------------------------------------------------------------- real frame


@pytest.fixture(scope="module")
def real_frame() -> pd.DataFrame:
    communes_ = geodata.load_communes("2019-2024", files.geography_dir())
    # Every Flemish commune has its own cell, Brussels communes none, Wallonia unknown.
    statuses = []
    for nis, region in zip(communes_["nis"], communes_["region"], strict=True):
        if region == "02000":
            statuses.append(CommuneStatus(nis, Status.OWN_CELL))
        elif region == "04000":
            statuses.append(CommuneStatus(nis, Status.NONE))
    return status_frame(MembershipSnapshot(D, "2019-2024", tuple(statuses)), communes_)


def test_real_frame_ranking(real_frame):
    regions = ranking(real_frame, "region")
    assert list(regions["unit"]) == ["02000", "03000", "04000"]  # 1.0; 0 (unknown) tie 0 (none)
    assert list(regions["rank"]) == [1, 2, 2]
    assert regions["communes"].sum() == 581
    assert row(regions, "03000")["communes_none"] == 0
    provinces = ranking(real_frame, "province")
    assert len(provinces) == 10
    assert list(provinces["rank"][:5]) == [1] * 5  # the five Flemish provinces
    zones = ranking(real_frame, "police_zone")
    assert len(zones) == real_frame["police_zone"].nunique()
    assert zones["communes"].sum() == 581
    ref = reference_lines(real_frame)
    assert row(ref, "BE")["communes"] == 581
    assert row(ref, "BE")["communes_covered"] == row(ref, "02000")["communes"]
