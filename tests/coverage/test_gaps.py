"""The gap explorer on a hand-checkable synthetic frame, and a few checks on the real one."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.gaps import GAP_COLUMNS, gap_rows, gap_summary
from dashboard.coverage.analysis.ranking import PopulationBasis, population_basis
from dashboard.coverage.metrics import status_frame
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from tests.coverage.synthetic import communes_frame

D = dt.date(2021, 6, 30)

# The synthetic geography (tests/coverage/synthetic.py), with the statuses used here:
#
#   nis    region prov   zone pop    neighbours     status
#   11001  02000  10000  5001  1000  11002          none
#   11002  02000  10000  5001  2000  11001 11003    none
#   11003  02000  10000  5002  3000  11002 11004    own_cell A
#   11004  02000  20000  5002  4000  11003          none
#   63001  03000* 60000  5287   500  63002          planned      (* German-speaking)
#   63002  03000* 60000  5287   600  63001 63003    unknown
#   63003  03000  60000  5288   700  63002 63004    none
#   63004  03000  60000  5288   800  63003          own_cell B
#   21001  04000  ""     5339 10000  21002          none
#   21002  04000  ""     5339 20000  21001          shared_cell, cell not stated
STATUSES = (
    CommuneStatus("11001", Status.NONE),
    CommuneStatus("11002", Status.NONE),
    CommuneStatus("11003", Status.OWN_CELL, "A"),
    CommuneStatus("11004", Status.NONE),
    CommuneStatus("63001", Status.PLANNED),
    CommuneStatus("63003", Status.NONE),
    CommuneStatus("63004", Status.OWN_CELL, "B"),
    CommuneStatus("21001", Status.NONE),
    CommuneStatus("21002", Status.SHARED_CELL),
)
CELLS = (Cell("A", "a", ("11003",)), Cell("B", "b", ("63004",)))


def communes(**changes: dict[str, object]) -> pd.DataFrame:
    """The synthetic communes with a population date; ``changes``: column -> {nis: value}."""
    frame = communes_frame()
    frame["population_date"] = "2020-01-01"
    for column, values in changes.items():
        for nis, value in values.items():
            frame.loc[frame["nis"] == nis, column] = value
    return frame


def frame(statuses=STATUSES, **changes: dict[str, object]) -> pd.DataFrame:
    snapshot = MembershipSnapshot(D, "2019-2024", tuple(statuses), CELLS).validate()
    return status_frame(snapshot, communes(**changes))


def by_nis(rows: pd.DataFrame) -> dict[str, pd.Series]:
    return {r["nis"]: r for _, r in rows.iterrows()}


def test_rows_are_the_none_and_planned_communes_ranked_by_population():
    rows = gap_rows(frame())
    assert list(rows.columns) == list(GAP_COLUMNS)
    assert list(rows["nis"]) == ["21001", "11004", "11002", "11001", "63003", "63001"]
    assert list(rows["rank"]) == [1, 2, 3, 4, 5, 6]
    assert list(rows["status"]) == ["none"] * 5 + ["planned"]
    assert list(rows["population_if_joined"]) == [10000, 4000, 2000, 1000, 700, 500]


def test_unknown_is_never_a_gap():
    rows = gap_rows(frame())
    assert "63002" not in set(rows["nis"])
    assert not (rows["status"] == Status.UNKNOWN.value).any()
    # Nothing known: no gap at all, everything unknown.
    nothing = gap_rows(frame(statuses=()))
    assert nothing.empty
    s = gap_summary(frame(statuses=()))
    assert (s.communes_none, s.population_none, s.communes_unknown) == (0, 0, 10)
    assert s.mostly_unknown


def test_candidates_are_covered_neighbours_and_zone_mates():
    rows = by_nis(gap_rows(frame()))
    # 11004 borders 11003 (cell A), which is also in its police zone 5002.
    r = rows["11004"]
    assert r["covered_neighbours"] == ("11003",)
    assert r["covered_zone_mates"] == ("11003",)
    assert r["candidate_communes"] == ("11003",)
    assert r["candidate_cells"] == ("A",)
    assert r["borders_covered"]
    # 11002 borders 11003, but its zone mate 11001 has no cell.
    r = rows["11002"]
    assert (r["covered_neighbours"], r["covered_zone_mates"]) == (("11003",), ())
    assert r["candidate_cells"] == ("A",)
    # 11001 borders only 11002 (none): no candidate.
    r = rows["11001"]
    assert r["candidate_communes"] == () and r["candidate_cells"] == ()
    assert not r["borders_covered"]
    # 63003 borders 63002 (unknown) and 63004 (cell B): the unknown one is named apart.
    r = rows["63003"]
    assert r["covered_neighbours"] == ("63004",)
    assert r["unknown_neighbours"] == ("63002",)
    assert r["candidate_cells"] == ("B",)


def test_a_covered_candidate_without_a_cell_id_is_kept():
    r = by_nis(gap_rows(frame()))["21001"]
    assert r["candidate_communes"] == ("21002",)
    assert r["candidate_cells"] == ()
    assert r["candidates_without_cell_id"] == ("21002",)
    assert r["borders_covered"]


def test_zone_mates_that_are_not_neighbours_are_candidates():
    # 11001 and 11003 both in zone 5002 but not neighbours: 11001 gets 11003 as zone mate.
    r = by_nis(gap_rows(frame(police_zone={"11001": "5002"})))["11001"]
    assert r["covered_neighbours"] == ()
    assert r["covered_zone_mates"] == ("11003",)
    assert r["candidate_cells"] == ("A",)
    assert not r["borders_covered"]


def test_candidates_are_ordered_by_population_then_nis():
    statuses = (
        CommuneStatus("11001", Status.OWN_CELL, "C1"),
        CommuneStatus("11002", Status.NONE),
        CommuneStatus("11003", Status.OWN_CELL, "C3"),
    )
    cells = (Cell("C1", "c", ("11001",)), Cell("C3", "c", ("11003",)))
    snapshot = MembershipSnapshot(D, "2019-2024", statuses, cells)
    f = status_frame(snapshot, communes())
    r = by_nis(gap_rows(f))["11002"]
    assert r["covered_neighbours"] == ("11003", "11001")  # 3000 before 1000
    assert r["candidate_cells"] == ("C1", "C3")  # cell ids sorted
    f2 = status_frame(snapshot, communes(population={"11001": 3000}))
    assert by_nis(gap_rows(f2))["11002"]["covered_neighbours"] == ("11001", "11003")


def test_equal_populations_are_ranked_by_nis():
    rows = gap_rows(frame(population={"11001": 2000, "63003": 2000}))
    assert list(rows["nis"][:5]) == ["21001", "11004", "11001", "11002", "63003"]
    assert list(rows["rank"][:5]) == [1, 2, 3, 4, 5]


def test_summary_counts_none_planned_and_unknown_apart():
    s = gap_summary(frame())
    assert s.communes == 10
    assert (s.communes_none, s.population_none) == (5, 17700)
    assert (s.communes_none_bordering_covered, s.population_none_bordering_covered) == (4, 16700)
    assert (s.communes_planned, s.population_planned, s.communes_planned_bordering_covered) == (
        1,
        500,
        0,
    )
    assert (s.communes_covered, s.population_covered) == (3, 23800)
    assert (s.communes_unknown, s.population_unknown) == (1, 600)
    assert not s.mostly_unknown
    assert s.population == PopulationBasis("2020-01-01", "population_2020", "")


def test_region_filter():
    rows = gap_rows(frame(), region="03000")
    assert list(rows["nis"]) == ["63003", "63001"]
    s = gap_summary(frame(), region="03000")
    assert (s.communes, s.communes_none, s.population_none) == (4, 1, 700)
    assert (s.communes_none_bordering_covered, s.communes_planned, s.communes_unknown) == (1, 1, 1)
    assert s.region == ("03000",)
    several = gap_rows(frame(), region=["03000", "04000"])
    assert list(several["nis"]) == ["21001", "63003", "63001"]


def test_german_speaking_filter():
    s = gap_summary(frame(), region="DG")
    assert (s.communes, s.communes_none, s.communes_planned, s.communes_unknown) == (2, 0, 1, 1)
    assert not s.mostly_unknown  # one of two is not more than half
    assert list(gap_rows(frame(), region="DG")["nis"]) == ["63001"]


def test_province_filter_keeps_candidates_over_the_border():
    rows = gap_rows(frame(), province="20000")
    assert list(rows["nis"]) == ["11004"]
    assert rows.iloc[0]["candidate_communes"] == ("11003",)  # in province 10000
    both = gap_summary(frame(), region="02000", province="10000")
    assert (both.communes, both.communes_none, both.population_none) == (3, 2, 3000)
    assert both.communes_none_bordering_covered == 1


def test_empty_selection():
    rows = gap_rows(frame(), province="99999")
    assert rows.empty and list(rows.columns) == list(GAP_COLUMNS)
    s = gap_summary(frame(), province="99999")
    assert (s.communes, s.communes_none, s.population_none, s.communes_unknown) == (0, 0, 0, 0)
    assert not s.mostly_unknown
    assert s.population.date == "2020-01-01"


def test_neighbours_as_stored_on_disk():
    f = frame()
    f["neighbours"] = [" ".join(n) for n in f["neighbours"]]
    pd.testing.assert_frame_equal(gap_rows(f), gap_rows(frame()))


def test_population_needs_its_date():
    f = frame().drop(columns=["population_date"])
    with pytest.raises(ValueError, match="population_date"):
        gap_rows(f)
    mixed = frame(population_date={"11001": "2016-01-01"})
    with pytest.raises(ValueError, match="mixes population dates"):
        gap_summary(mixed)
    earlier = communes()
    earlier["population_date"] = "2016-01-01"
    assert population_basis(earlier).source == "population_2016"


def test_a_frame_without_statuses_is_refused():
    with pytest.raises(ValueError, match="status_frame"):
        gap_rows(communes())
    with pytest.raises(ValueError, match="neighbours"):
        gap_rows(frame().drop(columns=["neighbours"]))


# ----------------------------------------------------------------------------- real frame


@pytest.fixture(scope="module")
def real_communes() -> pd.DataFrame:
    return geodata.load_communes("2019-2024", files.geography_dir())


def test_real_frame_one_covered_commune(real_communes):
    """Antwerp alone has a cell, every other commune none: the gaps bordering a covered
    commune are exactly Antwerp's neighbours, each with Antwerp's cell as candidate."""
    statuses = tuple(
        CommuneStatus(n, Status.OWN_CELL, "ANT") if n == "11002" else CommuneStatus(n, Status.NONE)
        for n in real_communes["nis"]
    )
    snapshot = MembershipSnapshot(D, "2019-2024", statuses, (Cell("ANT", "Antwerpen", ("11002",)),))
    f = status_frame(snapshot, real_communes)
    rows = gap_rows(f)
    antwerp = real_communes.set_index("nis").loc["11002"]
    assert len(rows) == 580
    bordering = rows[rows["borders_covered"]]
    assert set(bordering["nis"]) == set(antwerp["neighbours"])
    assert all(c == ("ANT",) for c in bordering["candidate_cells"])
    s = gap_summary(f)
    assert s.communes_none == 580
    assert s.population_none == int(real_communes["population"].sum()) - antwerp["population"]
    assert s.communes_none_bordering_covered == len(antwerp["neighbours"])
    assert s.population == PopulationBasis("2020-01-01", "population_2020", "")
    assert rows["population"].is_monotonic_decreasing


def test_real_frame_mostly_unknown(real_communes):
    """A record naming a handful of communes: the rest is unknown, never a gap."""
    statuses = (
        CommuneStatus("11001", Status.NONE),
        CommuneStatus("63023", Status.PLANNED),
        CommuneStatus("21004", Status.OWN_CELL, "BXL"),
    )
    snapshot = MembershipSnapshot(D, "2019-2024", statuses, (Cell("BXL", "Bruxelles", ("21004",)),))
    f = status_frame(snapshot, real_communes)
    s = gap_summary(f)
    assert (s.communes_none, s.communes_planned, s.communes_covered) == (1, 1, 1)
    assert s.communes_unknown == 578
    assert s.mostly_unknown
    regions = [gap_summary(f, region=r) for r in ("02000", "03000", "04000")]
    assert sum(r.communes for r in regions) == 581
    assert sum(r.communes_unknown for r in regions) == 578
