"""Comparison: two areas at one date, one area at two dates across a division change.

Synthetic geography (tests/coverage/synthetic.py): 11001 + 11002 merge into 11099 in 2019,
63004 is re-coded 63104; the real cases run on the shipped geography and public record.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.compare import (
    BELGIUM,
    CATEGORIES,
    CHANGE_COLUMNS,
    CHANGES,
    KEY_FIGURES,
    PANEL_COLUMNS,
    Area,
    UnknownArea,
    carry_snapshot,
    change_of,
    compare_areas,
    compare_dates,
    key_figures,
    later_division,
    map_category,
)
from dashboard.coverage.metrics import coverage_metrics
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import load_public_record, public_snapshot
from tests.coverage.synthetic import NEW, OLD, FakeCrosswalk, communes_frame, new_frame

D16, D20 = dt.date(2016, 5, 27), dt.date(2020, 1, 1)
OWN, SHARED, PLANNED, NONE, UNKNOWN = (
    Status.OWN_CELL, Status.SHARED_CELL, Status.PLANNED, Status.NONE, Status.UNKNOWN
)  # fmt: skip
FLANDERS, WALLONIA = Area("region", "02000"), Area("region", "03000")


def old_frame() -> pd.DataFrame:
    return communes_frame().assign(population_date="2016-01-01")


def later_frame() -> pd.DataFrame:
    return new_frame().assign(population_date="2020-01-01")


def snap(day: dt.date, vintage: str, *statuses: CommuneStatus, cells=(), source="f.csv"):
    return MembershipSnapshot(day, vintage, tuple(statuses), tuple(cells), source=source)


@pytest.fixture
def y2020() -> MembershipSnapshot:
    return snap(
        D20,
        NEW,
        CommuneStatus("11099", SHARED, "X", source="S3"),
        CommuneStatus("11003", SHARED, "X", source="S3;S4"),
        CommuneStatus("11004", NONE, source="S5"),
        CommuneStatus("63001", OWN, "own-63001", source="S6"),
        CommuneStatus("63104", PLANNED, source="S6"),
        cells=(Cell("X", "x", ("11003", "11099")), Cell("own-63001", "o", ("63001",))),
        source="y2020.csv",
    )


@pytest.fixture
def y2016() -> MembershipSnapshot:
    """The merged commune's parts differ: 11001 has its own cell, 11002 has none."""
    return snap(
        D16,
        OLD,
        CommuneStatus("11001", OWN, "own-11001", source="S1"),
        CommuneStatus("11002", NONE, source="S2"),
        CommuneStatus("11004", NONE, source="S1"),
        CommuneStatus("63001", NONE, source="S1"),
        CommuneStatus("63004", PLANNED, source="S1"),
        cells=(Cell("own-11001", "o", ("11001",)),),
        source="y2016.csv",
    )


def metric_row(snapshot, frame, area: Area) -> pd.Series:
    m = coverage_metrics(snapshot, frame, levels=(area.level,))
    return m[m["unit"] == area.code].iloc[0]


# ----------------------------------------------------------------------------- two areas


def test_two_areas_have_the_metrics_figures_and_the_difference(y2020):
    c = compare_areas(y2020, later_frame(), FLANDERS, WALLONIA)
    for side, area in ((c.left, FLANDERS), (c.right, WALLONIA)):
        row = metric_row(y2020, later_frame(), area)
        assert list(side.figures) == list(KEY_FIGURES)
        for name in KEY_FIGURES:
            assert side[name] == pytest.approx(row[name]), (area, name)
    assert (c.left["communes"], c.left["communes_covered"], c.left["communes_none"]) == (3, 2, 1)
    assert (c.right["communes"], c.right["communes_covered"], c.right["communes_planned"]) == (
        4, 1, 1)  # fmt: skip
    assert c.right["communes_unknown"] == 2  # 63002, 63003: unknown, never counted as none
    assert c.right["communes_none"] == 0
    for name in KEY_FIGURES:
        assert c.difference[name] == pytest.approx(c.right[name] - c.left[name])
    assert (c.as_of, c.vintage) == ("2020-01-01", NEW)


def test_the_table_twin_has_one_row_per_figure_with_int_counts(y2020):
    t = compare_areas(y2020, later_frame(), FLANDERS, WALLONIA).table()
    assert list(t.columns) == ["figure", "left", "right", "difference"]
    assert list(t["figure"]) == list(KEY_FIGURES)
    assert isinstance(t.set_index("figure").loc["communes", "left"], int)


def test_every_figure_says_where_it_comes_from(y2020):
    c = compare_areas(y2020, later_frame(), FLANDERS, WALLONIA)
    p = c.left.provenance
    assert (p.computed_from, p.snapshot_source, p.as_of, p.vintage) == (
        "membership snapshot", "y2020.csv", "2020-01-01", NEW)  # fmt: skip
    assert p.status_sources == ("S3", "S4", "S5")  # the statuses counted in Flanders only
    assert (p.population.date, p.population.source) == ("2020-01-01", "population_2020")
    assert not p.carried_over and p.carried_from == ""
    assert c.right.provenance.status_sources == ("S6",)


def test_panels_hold_each_area_s_communes_on_one_fixed_scale(y2020):
    c = compare_areas(y2020, later_frame(), FLANDERS, WALLONIA)
    left, right = c.panels
    assert list(left.columns) == list(PANEL_COLUMNS)
    assert list(left["nis"]) == ["11003", "11004", "11099"]
    assert list(right["nis"]) == ["63001", "63002", "63003", "63104"]
    assert dict(zip(right["nis"], right["category"], strict=True)) == {
        "63001": "own_cell", "63002": "unknown", "63003": "unknown", "63104": "planned",
    }  # fmt: skip
    assert c.scale.categories == CATEGORIES  # all, even those no panel shows
    assert c.scale.present == ("own_cell", "shared_cell", "planned", "none", "unknown")
    assert c.scale.share_range == (0.0, 1.0)
    assert (c.scale.communes_max, c.scale.population_max) == (4, 10000)  # Flanders


def test_areas_of_different_levels_and_unknown_areas(y2020):
    c = compare_areas(y2020, later_frame(), Area("province", "10000"), Area("police_zone", "5288"))
    assert (c.left["communes"], c.right["communes"]) == (2, 2)
    with pytest.raises(UnknownArea, match="no commune of province '99999'"):
        compare_areas(y2020, later_frame(), FLANDERS, Area("province", "99999"))
    with pytest.raises(ValueError, match="unknown level 'canton'"):
        Area("canton", "1")


def test_an_area_the_record_says_nothing_of_is_unknown_not_uncovered():
    empty = snap(D20, NEW)
    kf, panel = key_figures(empty, later_frame(), Area("region", "04000"))
    assert (kf["communes_unknown"], kf["communes_none"], kf["communes_covered"]) == (2, 0, 0)
    assert (kf["share_communes_unknown"], kf["share_communes_covered"]) == (1.0, 0.0)
    assert kf["population_unknown"] == kf["population"] == 30000
    assert set(panel["category"]) == {"unknown"}


def test_partly_covered_is_a_category_of_its_own():
    assert map_category("own_cell", True) == "partly_covered"
    assert map_category("shared_cell", False) == "shared_cell"
    assert map_category("unknown", True) == "unknown"  # summarised from parts, not covered


# ----------------------------------------------------------------------------- carrying


def test_carrying_combines_the_parts_of_a_merged_commune(y2016):
    carried = carry_snapshot(y2016, NEW, FakeCrosswalk())
    by = carried.as_mapping()
    merged = by["11099"]
    assert (merged.status, merged.partial, merged.cell_id) == (OWN, True, "own-11001")
    assert merged.source == "S1;S2"
    assert merged.comment == "carried from 1977-2018: 11001 own_cell; 11002 none"
    assert (by["63104"].status, by["63104"].partial) == (PLANNED, False)  # re-coded only
    assert "63004" not in by and "11001" not in by
    assert carried.vintage == NEW and carried.as_of == D16
    assert ("carried_from", OLD) in carried.metadata
    assert carried.cells == (Cell("own-11001", "o", ("11099",)),)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ((OWN, None), (OWN, True)),  # a part no one names is unknown: partly covered
        ((NONE, None), (UNKNOWN, True)),  # one part without a cell says nothing of the other
        ((NONE, UNKNOWN), (UNKNOWN, True)),  # none + unknown does not prove "no cell"
        ((NONE, NONE), (NONE, False)),
        ((PLANNED, NONE), (PLANNED, True)),
        ((SHARED, SHARED), (SHARED, False)),
    ],
)
def test_carrying_rules_for_a_merged_commune(parts, expected):
    statuses = [
        CommuneStatus(code, status, "Z" if status.covered else None)
        for code, status in zip(("11001", "11002"), parts, strict=True)
        if status is not None
    ]
    carried = carry_snapshot(snap(D16, OLD, *statuses), NEW, FakeCrosswalk())
    s = carried.as_mapping()["11099"]
    assert (s.status, s.partial) == expected


def test_a_partly_covered_part_keeps_the_merged_commune_partly_covered():
    parts = (CommuneStatus("11001", SHARED, "Z", partial=True), CommuneStatus("11002", SHARED, "Z"))
    s = carry_snapshot(snap(D16, OLD, *parts), NEW, FakeCrosswalk()).as_mapping()["11099"]
    assert (s.status, s.partial) == (SHARED, True)


def test_never_carried_backward_and_same_division_unchanged(y2020, y2016):
    with pytest.raises(ValueError, match="never carried backward"):
        carry_snapshot(y2020, OLD, FakeCrosswalk())
    assert carry_snapshot(y2016, OLD, FakeCrosswalk()) is y2016
    assert later_division("2025", OLD, NEW) == "2025"


# ----------------------------------------------------------------------------- two dates


def test_two_dates_across_the_2019_division_change(y2016, y2020):
    c = compare_dates(y2016, y2020, later_frame(), FakeCrosswalk())
    assert (c.division, c.carried_over, c.carried_from) == (NEW, "earlier", OLD)
    assert c.area == BELGIUM
    # both dates counted on the 2019 division: 9 communes, the merged one partly covered
    assert c.left["communes"] == c.right["communes"] == 9
    assert c.left["communes_partly_covered"] == 1
    assert (c.left["communes_covered"], c.left["communes_none"], c.left["communes_planned"]) == (
        1, 2, 1)  # fmt: skip
    assert c.left["population"] == c.right["population"] == 42600  # the later frame's
    assert c.left.provenance.carried_from == OLD
    assert c.left.provenance.snapshot_vintage == OLD and c.left.provenance.vintage == NEW
    assert c.left.provenance.population.date == "2020-01-01"
    assert c.right.provenance.carried_from == ""
    for name in KEY_FIGURES:
        assert c.difference[name] == pytest.approx(c.right[name] - c.left[name])


def test_per_commune_changes_on_the_later_division(y2016, y2020):
    c = compare_dates(y2016, y2020, later_frame(), FakeCrosswalk())
    ch = c.changes.set_index("nis")
    assert list(c.changes.columns) == list(CHANGE_COLUMNS)
    assert list(ch.index) == sorted(later_frame()["nis"])
    merged = ch.loc["11099"]
    assert (merged["status_before"], merged["partial_before"], merged["category_before"]) == (
        "own_cell", True, "partly_covered")  # fmt: skip
    assert (merged["parts_before"], merged["source_before"]) == ("11001;11002", "S1;S2")
    assert (merged["status_after"], merged["category_after"]) == ("shared_cell", "shared_cell")
    assert merged["change"] == "became_fully_covered"
    assert ch.loc["63104", "parts_before"] == "63004"
    assert dict(ch["change"]) == {
        "11003": "became_known", "11004": "unchanged", "11099": "became_fully_covered",
        "21001": "unchanged", "21002": "unchanged", "63001": "gained_cell",
        "63002": "unchanged", "63003": "unchanged", "63104": "unchanged",
    }  # fmt: skip
    assert set(c.change_counts) == set(CHANGES)
    assert sum(c.change_counts.values()) == 9
    assert c.change_counts["gained_cell"] == 1 and c.change_counts["lost_cell"] == 0
    assert "partly_covered" in c.scale.present


def test_the_earlier_date_is_always_on_the_left(y2016, y2020):
    a = compare_dates(y2016, y2020, later_frame(), FakeCrosswalk())
    b = compare_dates(y2020, y2016, later_frame(), FakeCrosswalk())
    assert (b.left.as_of, b.right.as_of) == ("2016-05-27", "2020-01-01")
    pd.testing.assert_frame_equal(a.changes, b.changes)
    assert a.table().equals(b.table())


def test_two_dates_in_one_area(y2016, y2020):
    c = compare_dates(y2016, y2020, later_frame(), FakeCrosswalk(), Area("province", "10000"))
    assert list(c.changes["nis"]) == ["11003", "11099"]
    counts = (c.left["communes"], c.left["communes_covered"], c.right["communes_covered"])
    assert counts == (2, 1, 2)


def test_cells_of_a_carried_date_are_counted_on_its_own_division():
    # two former communes, each with its own cell, are one commune after 2019: two cells
    parts = snap(
        D16, OLD,
        CommuneStatus("11001", OWN, "own-11001"), CommuneStatus("11002", OWN, "own-11002"),
        cells=(Cell("own-11001", "a", ("11001",)), Cell("own-11002", "b", ("11002",))),
    )  # fmt: skip
    area = Area("arrondissement", "11000")
    c = compare_dates(parts, snap(D20, NEW), later_frame(), FakeCrosswalk(), area)
    assert (c.left["communes_covered"], c.left["cells"]) == (1, 2)
    assert c.right["cells"] == 0 and c.difference["cells"] == -2


def test_two_dates_on_one_division_carry_nothing(y2020):
    earlier = snap(dt.date(2019, 6, 1), NEW, CommuneStatus("11099", NONE, source="S9"))
    c = compare_dates(earlier, y2020, later_frame(), FakeCrosswalk())
    assert (c.division, c.carried_over, c.carried_from) == (NEW, "", "")
    assert set(c.changes["parts_before"]) == {""}
    assert c.changes.set_index("nis").loc["11099", "change"] == "gained_cell"


@pytest.mark.parametrize(
    ("before", "after", "code"),
    [
        (("unknown", False), ("unknown", False), "unchanged"),
        (("unknown", True), ("unknown", False), "unchanged"),
        (("own_cell", True), ("own_cell", True), "unchanged"),
        (("unknown", False), ("own_cell", False), "became_known"),
        (("unknown", False), ("none", False), "became_known"),
        (("none", False), ("unknown", False), "became_unknown"),
        (("own_cell", False), ("unknown", False), "became_unknown"),
        (("none", False), ("shared_cell", False), "gained_cell"),
        (("planned", False), ("own_cell", False), "gained_cell"),
        (("shared_cell", False), ("none", False), "lost_cell"),
        (("own_cell", True), ("own_cell", False), "became_fully_covered"),
        (("shared_cell", False), ("own_cell", True), "became_partly_covered"),
        (("own_cell", False), ("shared_cell", False), "cell_type_changed"),
        (("none", False), ("planned", False), "status_changed"),
    ],
)
def test_change_codes(before, after, code):
    assert change_of(*before, *after) == code


# ----------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real():
    folder = files.geography_dir()
    return {
        "record": load_public_record(),
        "crosswalk": geodata.load_crosswalk(folder),
        **{v: geodata.load_communes(v, folder) for v in geodata.VINTAGE_KEYS},
    }


def test_real_flanders_and_wallonia_side_by_side(real):
    s = public_snapshot(real["record"], "2019-12-31", real[NEW])
    c = compare_areas(s, real[NEW], FLANDERS, WALLONIA)
    assert (c.left["communes"], c.right["communes"]) == (300, 262)
    for side, area in ((c.left, FLANDERS), (c.right, WALLONIA)):
        row = metric_row(s, real[NEW], area)
        assert all(side[n] == pytest.approx(row[n]) for n in KEY_FIGURES)
        total = sum(side[f"communes_{st.value}"] for st in Status)
        assert total == side["communes"]
    assert c.right.provenance.population.source == "population_2020"
    assert set(c.right.provenance.status_sources) >= {"S01", "S12"}


def test_real_2016_to_2019_with_merged_communes_whose_parts_differ(real):
    base = public_snapshot(real["record"], "2016-05-27", real[OLD])
    extra = (
        CommuneStatus("12030", OWN, "own-12030", source="T-PUURS"),  # Puurs
        CommuneStatus("12034", NONE, source="T-SA"),  # Sint-Amands: Puurs-Sint-Amands in 2019
        CommuneStatus("72025", SHARED, "PZ-PELT", source="T-PELT"),  # Neerpelt
        CommuneStatus("72029", SHARED, "PZ-PELT", source="T-PELT"),  # Overpelt: Pelt in 2019
    )
    cells = (Cell("own-12030", "p", ("12030",)), Cell("PZ-PELT", "z", ("72025", "72029")))
    earlier = MembershipSnapshot(
        base.as_of, OLD, base.statuses + extra, base.cells + cells, source="public record + test"
    )
    later = public_snapshot(real["record"], "2019-12-31", real[NEW])
    c = compare_dates(earlier, later, real[NEW], real["crosswalk"])
    assert (c.division, c.carried_over, c.carried_from) == (NEW, "earlier", OLD)
    assert c.left["communes"] == c.right["communes"] == 581
    ch = c.changes.set_index("nis")
    assert len(ch) == 581 and sum(c.change_counts.values()) == 581
    pss = ch.loc["12041"]  # Puurs-Sint-Amands: partly covered on the 2016 date
    assert (pss["status_before"], pss["partial_before"], pss["category_before"]) == (
        "own_cell", True, "partly_covered")  # fmt: skip
    assert pss["parts_before"] == "12030;12034"
    pelt = ch.loc["72043"]  # Pelt: both parts in one cell, fully covered
    assert (pelt["status_before"], pelt["partial_before"], pelt["cell_before"]) == (
        "shared_cell", False, "PZ-PELT")  # fmt: skip
    assert c.left["communes_partly_covered"] == 1
    # cells of 2016 counted as they were: the own cells plus PZ-PELT, once
    assert c.left["cells"] == 2 + 2
    # the re-coded La Louvière keeps its one part
    assert ch.loc["58001", "parts_before"] == "55022"
    assert c.left["population"] == c.right["population"]
    assert not math.isnan(c.difference["share_population_covered"])


def test_real_carrying_agrees_with_the_public_record_s_own_rule(real):
    """The public record places its 1977-2018 facts on 2025 itself; carrying its 2019
    snapshot to 2025 must give the same statuses (Antwerpen absorbs Borsbeek: none)."""
    s19 = public_snapshot(real["record"], "2019-12-31", real[NEW])
    s25 = public_snapshot(real["record"], "2019-12-31", real["2025"], vintage="2025")
    carried = carry_snapshot(s19, "2025", real["crosswalk"])

    def view(s: MembershipSnapshot) -> dict[str, tuple[Status, bool, str]]:
        return {x.nis: (x.status, x.partial, x.source) for x in s.statuses}

    assert view(carried) == view(s25)
    assert view(carried)["11002"] == (UNKNOWN, True, "S60")
    c = compare_dates(s19, public_snapshot(real["record"], "2025-06-30", real["2025"]),
                      real["2025"], real["crosswalk"], Area("province", "10000"))  # fmt: skip
    assert c.division == "2025" and c.left["communes"] == c.right["communes"]
    assert c.changes.set_index("nis").loc["11002", "parts_before"] == "11002;11007"
