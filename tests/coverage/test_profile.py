"""The commune profile on a synthetic public record and file (tests/coverage/synthetic.py), and
on the real public record: every status and figure with its source and date."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.profile import (
    FILE_BASIS,
    CommuneProfile,
    Relation,
    commune_profile,
    public_history,
    status_at,
)
from dashboard.coverage.metrics import status_frame
from dashboard.coverage.model import (
    Cell,
    CommuneFlag,
    CommuneStatus,
    Flag,
    MembershipSnapshot,
    Status,
)
from dashboard.coverage.public_record import (
    load_public_record,
    public_snapshot,
    undated_facts,
)
from tests.coverage.synthetic import (
    NEW,
    OLD,
    FakeCrosswalk,
    communes_frame,
    fact_row,
    new_frame,
    snapshot_row,
    write_record,
)

SOURCE_IDS = re.compile(r"^S\d{2,}(;S\d{2,})*$")
DATES = ("2016-05-27", "2017-06-06", "2019-06-15")


def with_figures(frame: pd.DataFrame) -> pd.DataFrame:
    """The synthetic frame with the population date and area of docs/CONTRACTS.md."""
    frame = frame.copy()
    frame["population_date"] = "2016-01-01"
    frame["area_km2"] = [10.0 + i for i in range(len(frame))]
    return frame


OLD_FRAME = with_figures(communes_frame())
NEW_FRAME = with_figures(new_frame())


@pytest.fixture
def record(tmp_path):
    # T1 is dated 2016-01-10, T2 only "2016", T3 is undated (tests/coverage/synthetic.py).
    facts = [
        fact_row("11001", "has_cell_yes", 2016),
        fact_row("11002", "has_cell_no", 2016),
        fact_row("11003", "has_cell_yes", 2016, source="T2"),
        fact_row("63001", "cell_shared_with", 2016, cell_group="G1", group_cells="1"),
        fact_row("63002", "cell_shared_with", 2016, cell_group="G1", group_cells="1"),
        fact_row("63004", "has_cell_yes", 2016),
        fact_row("11001", "allocation_2015", 2015, amount_eur=150000, amount_scope="commune"),
        fact_row("11001", "pilot_2016", 2016),
        fact_row("11002", "pilot_2016", 2016),
        fact_row("", "cell_shared_with", "", source="T3", name_as_published="PZ Test",
                 police_zone="5001"),
    ]  # fmt: skip
    snaps = [snapshot_row(d, "BE", "cells", 2) for d in DATES]
    return load_public_record(write_record(tmp_path, snaps, facts))


def profile_old(record, nis: str, key: str = DATES[1]) -> CommuneProfile:
    history = public_history(record, OLD_FRAME, OLD)
    snap = history[key]
    return commune_profile(
        nis,
        status_frame(snap, OLD_FRAME),
        snap,
        key=key,
        history=history,
        undated=undated_facts(record),
    )


# --------------------------------------------------------------------------- the commune


def test_names_hierarchy_and_figures_with_their_sources(record) -> None:
    p = profile_old(record, "11001")
    assert (p.nis, p.division, p.key, p.as_of) == ("11001", OLD, "2017-06-06", dt.date(2017, 6, 6))
    assert (p.name_fr, p.name_nl, p.name_de) == (
        "Commune 11001",
        "Gemeente 11001",
        "Gemeinde 11001",
    )
    assert (p.region, p.province, p.arrondissement) == ("02000", "10000", "11000")
    assert p.population.value == 1000
    assert (p.population.source, p.population.date) == ("population_2016", "2016-01-01")
    assert p.area_km2.value == 10.0
    assert (p.area_km2.source, p.area_km2.date) == ("communes_589", "1977-01-01")
    assert (p.police_zone.number, p.police_zone.name) == ("5001", "PZ 5001")
    assert (p.police_zone.source, p.police_zone.date) == ("police_zones_2020", "2020")
    assert (p.dataset, p.dataset_source, p.illustrative) == (
        "public_record",
        "public record",
        False,
    )
    assert p.row["region"] == "02000"


def test_a_public_status_has_its_source_id_date_and_basis(record) -> None:
    s = profile_old(record, "11001").status
    assert (s.status, s.source, s.date, s.basis) == (Status.OWN_CELL, "T1", "2016-01-10", "stated")
    assert (s.relation, s.codes, s.row_source) == (Relation.SAME, ("11001",), "")


def test_unknown_has_no_source_and_no_date(record) -> None:
    s = profile_old(record, "11004").status
    assert (s.status, s.source, s.date, s.basis) == (Status.UNKNOWN, "", "", "")


def test_status_over_time_each_date_with_its_status_and_source(record) -> None:
    p = profile_old(record, "11003", DATES[2])
    assert [h.key for h in p.history] == list(DATES)
    got = [(h.key, h.status, h.source, h.date) for h in p.history]
    assert got == [
        ("2016-05-27", Status.UNKNOWN, "", ""),  # T2 says "2016": known at the end of 2016
        ("2017-06-06", Status.OWN_CELL, "T2", "2016"),
        ("2019-06-15", Status.OWN_CELL, "T2", "2016"),
    ]
    assert [h.key for h in p.changes] == ["2016-05-27", "2017-06-06"]


def test_the_default_history_is_the_shown_snapshot(record) -> None:
    snap = public_snapshot(record, DATES[0], OLD_FRAME, vintage=OLD)
    p = commune_profile("11001", OLD_FRAME, snap, key=DATES[0])
    assert [h.key for h in p.history] == [DATES[0]]
    assert p.status == p.history[0]


def test_an_own_cell_and_a_shared_cell_with_their_members(record) -> None:
    own = profile_old(record, "11001").cell
    assert own is not None and not own.shared and own.internal_id
    assert [m.nis for m in own.members] == ["11001"]
    shared = profile_old(record, "63001").cell
    assert shared is not None and shared.shared and shared.cell_id == "G1"
    assert [(m.nis, m.status.status, m.status.source) for m in shared.members] == [
        ("63001", Status.SHARED_CELL, "T1"),
        ("63002", Status.SHARED_CELL, "T1"),
    ]
    assert profile_old(record, "11002").cell is None  # no cell


def test_neighbours_with_their_statuses_and_sources(record) -> None:
    p = profile_old(record, "11002")
    got = [(n.nis, n.status.status, n.status.source, n.status.date) for n in p.neighbours]
    assert got == [
        ("11001", Status.OWN_CELL, "T1", "2016-01-10"),
        ("11003", Status.OWN_CELL, "T2", "2016"),
    ]
    assert p.neighbours[0].name_nl == "Gemeente 11001"


def test_flags_with_year_amount_source_and_date(record) -> None:
    p = profile_old(record, "11001")
    got = [(f.flag, f.year, f.amount_eur, f.amount_scope, f.source, f.date) for f in p.flags]
    assert got == [
        (Flag.ALLOCATION_2015, 2015, 150000, "commune", "T1", "2016-01-10"),
        (Flag.PILOT_2016, 2016, None, "", "T1", "2016-01-10"),
    ]
    assert all(type(f.amount_eur) in (int, type(None)) for f in p.flags)


def test_flags_given_apart_are_the_communes_own_sorted_with_whole_amounts() -> None:
    snap = MembershipSnapshot(dt.date(2020, 1, 1), OLD, ())
    flags = [
        CommuneFlag("11001", Flag.PILOT_2016, 2016, "S00"),
        CommuneFlag("11001", Flag.ALLOCATION_2015, 2015, "S38", 150000.0, "commune", "2015-11"),  # type: ignore[arg-type]
        CommuneFlag("11001", Flag.WALLOON_PROJECT_2019, 2019, "S9", float("nan")),  # type: ignore[arg-type]
        CommuneFlag("11002", Flag.PILOT_2016, 2016, "S00"),
    ]
    p = commune_profile("11001", OLD_FRAME, snap, flags=flags)
    assert [(f.flag, f.amount_eur) for f in p.flags] == [
        (Flag.ALLOCATION_2015, 150000),
        (Flag.PILOT_2016, None),
        (Flag.WALLOON_PROJECT_2019, None),
    ]


def test_undated_facts_about_the_communes_police_zone_are_listed(record) -> None:
    assert [u.police_zone for u in profile_old(record, "11001").undated] == ["5001"]
    assert profile_old(record, "11003").undated == ()  # zone 5002


# --------------------------------------------------------------------------- divisions


def test_a_merged_commune_shows_its_parts_statuses_combined(record) -> None:
    # 11099 (2019) = 11001 (own cell, T1) + 11002 (no cell, T1) of the 1977-2018 division.
    cw = FakeCrosswalk()
    old = {d: public_snapshot(record, d, OLD_FRAME, vintage=OLD) for d in DATES}
    shown = public_snapshot(record, DATES[2], NEW_FRAME, crosswalk=cw, vintage=NEW)
    p = commune_profile("11099", NEW_FRAME, shown, key=DATES[2], history=old, translator=cw)
    h = p.history[0]
    assert (h.vintage, h.codes, h.relation) == (OLD, ("11001", "11002"), Relation.PARTS)
    assert (h.status, h.partial, h.source, h.date, h.basis) == (
        Status.OWN_CELL, True, "T1", "2016-01-10", "stated")  # fmt: skip
    assert [(x.nis, x.status, x.source) for x in h.parts] == [
        ("11001", Status.OWN_CELL, "T1"),
        ("11002", Status.NONE, "T1"),
    ]
    assert (p.status.status, p.status.partial, p.status.relation) == (
        Status.OWN_CELL, True, Relation.SAME)  # fmt: skip


def test_a_former_part_shows_the_merged_communes_status_as_such(record) -> None:
    cw = FakeCrosswalk()
    new = public_snapshot(record, DATES[2], NEW_FRAME, crosswalk=cw, vintage=NEW)
    shown = public_snapshot(record, DATES[0], OLD_FRAME, vintage=OLD)
    s = status_at("11002", OLD, new, DATES[2], cw)
    assert (s.codes, s.relation, s.status, s.partial) == (
        ("11099",), Relation.WHOLE, Status.OWN_CELL, True)  # fmt: skip
    p = commune_profile("11002", OLD_FRAME, shown, history={DATES[2]: new}, translator=cw)
    assert p.status.status is Status.NONE and p.history[0].relation is Relation.WHOLE


def test_a_recoded_commune_is_the_same_commune(record) -> None:
    cw = FakeCrosswalk()
    old = public_snapshot(record, DATES[0], OLD_FRAME, vintage=OLD)
    s = status_at("63104", NEW, old, DATES[0], cw)
    assert (s.codes, s.relation, s.status, s.source) == (
        ("63004",), Relation.SAME, Status.OWN_CELL, "T1")  # fmt: skip


def test_another_division_needs_the_crosswalk(record) -> None:
    old = public_snapshot(record, DATES[0], OLD_FRAME, vintage=OLD)
    with pytest.raises(ValueError, match="crosswalk"):
        status_at("11099", NEW, old)


# --------------------------------------------------------------------------- a file


def test_a_files_status_has_the_file_its_date_and_the_rows_source() -> None:
    snap = MembershipSnapshot(
        dt.date(2021, 3, 1),
        NEW,
        (
            CommuneStatus("11003", Status.SHARED_CELL, "C1", source="council minutes 2021-02"),
            CommuneStatus("11004", Status.SHARED_CELL, "C1"),
        ),
        (Cell("C1", "Cellule Sud", ("11003", "11004"), dt.date(2020, 9, 1)),),
        source="members.csv",
    ).validate()
    p = commune_profile("11003", NEW_FRAME, snap)
    s = p.status
    assert (s.status, s.source, s.date, s.basis) == (
        Status.SHARED_CELL, "members.csv", "2021-03-01", FILE_BASIS)  # fmt: skip
    assert s.row_source == "council minutes 2021-02"
    assert (p.dataset, p.dataset_source, p.key) == ("file", "members.csv", "2021-03-01")
    cell = p.cell
    assert cell is not None and cell.shared and not cell.internal_id
    assert (cell.name, cell.established) == ("Cellule Sud", "2020-09-01")
    assert [(m.nis, m.status.source) for m in cell.members] == [
        ("11003", "members.csv"),
        ("11004", "members.csv"),
    ]


def test_a_commune_not_in_the_frame_is_an_error() -> None:
    snap = MembershipSnapshot(dt.date(2020, 1, 1), OLD, ())
    with pytest.raises(KeyError, match="99999"):
        commune_profile("99999", OLD_FRAME, snap)


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    folder = files.geography_dir()
    division = "2019-2024"
    crosswalk = geodata.load_crosswalk(folder)
    record = load_public_record()
    communes = geodata.load_vintage(division, folder).communes
    history = public_history(record, communes, division, crosswalk)
    key = record.published_dates()[-1].key
    return record, crosswalk, communes, history, key


def test_real_public_record_profile_has_sourced_dated_statuses(real) -> None:
    record, crosswalk, communes, history, key = real
    snap = history[key]
    p = commune_profile("21012", status_frame(snap, communes), snap, key=key, history=history,
                        translator=crosswalk, undated=undated_facts(record))  # fmt: skip
    assert (p.name_fr, p.name_nl) == ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek")
    assert p.status.status.covered
    assert SOURCE_IDS.match(p.status.source) and p.status.date
    assert len(p.history) == len(record.published_dates())
    known = [h for h in p.history if h.status is not Status.UNKNOWN]
    assert known, "the record states Molenbeek's cell"
    for h in p.history:
        if h.status is Status.UNKNOWN:
            assert (h.source, h.date) == ("", "")
        else:
            assert SOURCE_IDS.match(h.source) and h.date, h
            record.source(h.source.split(";")[0])  # a source of the record
    assert p.flags and all(SOURCE_IDS.match(f.source) and f.date for f in p.flags)
    assert (p.population.source, p.population.date) == ("population_2020", "2020-01-01")
    assert p.police_zone.number and p.area_km2.value > 0
    assert {n.nis for n in p.neighbours} == set(
        communes.loc[communes["nis"] == "21012", "neighbours"].iloc[0]
    )


def test_real_history_across_divisions_as_the_app_holds_it(real) -> None:
    # The app keeps each published date on the division in force then (2016: 589 communes).
    record, crosswalk, communes, history, key = real
    folder = files.geography_dir()
    by_date = {}
    for d in record.published_dates():
        vintage = geodata.vintage_for_date(d.date).key
        frame = geodata.load_vintage(vintage, folder).communes
        by_date[d.key] = public_snapshot(record, d.date, frame, crosswalk=crosswalk,
                                         vintage=vintage)  # fmt: skip
    p = commune_profile("72043", communes, history[key], key=key, history=by_date,
                        translator=crosswalk)  # fmt: skip
    first = p.history[0]
    assert (first.vintage, first.codes, first.relation) == ("1977-2018", ("72025", "72029"),
                                                            Relation.PARTS)  # fmt: skip
    assert p.history[-1].relation is Relation.SAME
