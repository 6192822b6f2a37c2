import datetime as dt

import pytest

from dashboard import files
from dashboard.coverage.model import Cell, CommuneFlag, CommuneStatus, Flag, MembershipSnapshot
from dashboard.coverage.model import Status as S
from dashboard.coverage.revintage import combine_part_statuses, revintage_snapshot
from tests.coverage.synthetic import NEW, OLD, FakeCrosswalk

D = dt.date(2018, 6, 1)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([S.OWN_CELL, S.OWN_CELL], (S.OWN_CELL, False)),
        ([S.OWN_CELL, S.SHARED_CELL], (S.SHARED_CELL, False)),  # all covered
        ([S.OWN_CELL, S.NONE], (S.OWN_CELL, True)),  # partly covered
        ([S.SHARED_CELL, S.UNKNOWN, S.NONE], (S.SHARED_CELL, True)),
        ([S.NONE, S.NONE], (S.NONE, False)),  # none covered
        ([S.NONE, S.PLANNED], (S.PLANNED, True)),
        ([S.NONE, S.UNKNOWN], (S.UNKNOWN, True)),
        ([S.UNKNOWN], (S.UNKNOWN, False)),
    ],
)
def test_combine_part_statuses(parts, expected):
    assert combine_part_statuses(parts) == expected


def test_combine_needs_parts():
    with pytest.raises(ValueError, match="at least one part"):
        combine_part_statuses([])


def snap(statuses, cells=(), vintage=OLD, flags=()):
    return MembershipSnapshot(D, vintage, tuple(statuses), tuple(cells), source="f.csv",
                              flags=tuple(flags))  # fmt: skip


def test_merge_of_a_shared_cell_becomes_own_cell():
    s = snap(
        [CommuneStatus("11001", S.SHARED_CELL, "A"), CommuneStatus("11002", S.SHARED_CELL, "A"),
         CommuneStatus("63004", S.NONE)],
        [Cell("A", "a", ("11001", "11002"))],
        flags=[CommuneFlag("11001", Flag.PILOT_2016, 2016, "S00")],
    )  # fmt: skip
    out = revintage_snapshot(s, NEW, FakeCrosswalk())
    m = out.as_mapping()
    assert set(m) == {"11099", "63104"}
    assert (m["11099"].status, m["11099"].partial, m["11099"].cell_id) == (S.OWN_CELL, False, "A")
    assert "merged from 2 communes" in m["11099"].comment
    assert m["63104"].status is S.NONE and "was 63004" in m["63104"].comment
    assert out.cells == (Cell("A", "a", ("11099",)),)
    assert out.consistency_errors() == []
    assert [(f.nis, f.flag) for f in out.flags] == [("11099", Flag.PILOT_2016)]
    assert out.vintage == NEW and ("revintaged_from", OLD) in out.metadata


def test_partly_covered_merge_keeps_partial_marker():
    s = snap(
        [CommuneStatus("11001", S.SHARED_CELL, "A"), CommuneStatus("11003", S.SHARED_CELL, "A")],
        [Cell("A", "a", ("11001", "11003"))],
    )
    out = revintage_snapshot(s, NEW, FakeCrosswalk())
    merged = out.as_mapping()["11099"]  # 11001 covered, 11002 unknown
    assert (merged.status, merged.partial) == (S.SHARED_CELL, True)
    assert "partly covered: 1 of 2 parts" in merged.comment
    assert out.consistency_errors() == []


def test_two_own_cells_merging_keep_one_cell_and_say_so():
    s = snap([CommuneStatus("11001", S.OWN_CELL, "A"), CommuneStatus("11002", S.OWN_CELL, "B")],
             [Cell("A", "a", ("11001",)), Cell("B", "b", ("11002",))])  # fmt: skip
    out = revintage_snapshot(s, NEW, FakeCrosswalk())
    merged = out.as_mapping()["11099"]
    assert (merged.status, merged.cell_id) == (S.OWN_CELL, "A")
    assert "also listed in cell(s) B, dropped" in merged.comment
    assert out.consistency_errors() == []


def test_split_back_parts_are_unknown_with_a_note_and_no_cell():
    s = snap([CommuneStatus("11099", S.OWN_CELL, "A", source="f.csv:2"),
              CommuneStatus("63104", S.PLANNED)],
             [Cell("A", "a", ("11099",))], vintage=NEW)  # fmt: skip
    out = revintage_snapshot(s, OLD, FakeCrosswalk())
    m = out.as_mapping()
    assert set(m) == {"11001", "11002", "63004"}
    for part in ("11001", "11002"):
        # no source names the parts: the merged commune's coverage is not theirs
        assert (m[part].status, m[part].cell_id, m[part].partial) == (S.UNKNOWN, None, False)
        assert m[part].comment == (
            "part of 11099 (2019-2024), which was own_cell there; no source names this part"
        )
        assert m[part].source == ""
    assert m["63004"].status is S.PLANNED
    assert out.cells == ()  # the merged commune's cell is not carried to its parts
    assert out.consistency_errors() == []


def test_split_back_of_a_partly_covered_commune_says_so():
    s = snap([CommuneStatus("11099", S.SHARED_CELL, partial=True)], vintage=NEW)
    out = revintage_snapshot(s, OLD, FakeCrosswalk())
    for part in ("11001", "11002"):
        assert out.as_mapping()[part].status is S.UNKNOWN
        assert "which was shared_cell, partly covered there" in out.as_mapping()[part].comment


def test_split_back_keeps_the_other_members_of_a_shared_cell():
    cell_of = {"11099": "A", "11003": "A", "11004": "B", "63104": "B", "63003": "B"}
    s = snap([CommuneStatus(n, S.SHARED_CELL, c) for n, c in cell_of.items()],
             [Cell("A", "a", ("11003", "11099")), Cell("B", "b", ("11004", "63003", "63104"))],
             vintage=NEW)  # fmt: skip
    out = revintage_snapshot(s, OLD, FakeCrosswalk())
    m = out.as_mapping()
    assert m["11001"].status is m["11002"].status is S.UNKNOWN
    # cell A loses 11099's parts: one member left, so it is not listed; 11003 stays shared
    assert (m["11003"].status, m["11003"].cell_id) == (S.SHARED_CELL, None)
    assert "cell A also served 11099 (2019-2024), split in 1977-2018" in m["11003"].comment
    # cell B had no split member: translated as before (63104 is 63004 there)
    assert [(c.cell_id, c.members) for c in out.cells] == [("B", ("11004", "63003", "63004"))]
    assert out.consistency_errors() == []


def test_split_back_keeps_a_shared_cell_that_still_has_two_members():
    s = snap([CommuneStatus(n, S.SHARED_CELL, "A") for n in ("11099", "11003", "11004")],
             [Cell("A", "a", ("11003", "11004", "11099"))], vintage=NEW)  # fmt: skip
    out = revintage_snapshot(s, OLD, FakeCrosswalk())
    m = out.as_mapping()
    assert [(c.cell_id, c.members) for c in out.cells] == [("A", ("11003", "11004"))]
    assert (m["11003"].status, m["11003"].cell_id) == (S.SHARED_CELL, "A")
    assert "its parts are not counted as members" in m["11004"].comment
    assert (m["11001"].status, m["11001"].cell_id) == (S.UNKNOWN, None)
    assert out.consistency_errors() == []


def test_same_vintage_is_identity_and_unknown_code_fails():
    s = snap([CommuneStatus("11001", S.NONE)])
    assert revintage_snapshot(s, OLD, FakeCrosswalk()) is s
    bad = snap([CommuneStatus("99999", S.NONE)])
    with pytest.raises(KeyError, match="re-vintaging 1977-2018 -> 2019-2024: commune 99999"):
        revintage_snapshot(bad, NEW, FakeCrosswalk())


def test_real_round_trip_keeps_unmerged_communes():
    import geodata

    cw = geodata.load_crosswalk(files.geography_dir())
    old = geodata.load_communes("1977-2018", files.geography_dir())
    s = snap([CommuneStatus(n, S.NONE) for n in old["nis"]])
    new = revintage_snapshot(s, "2019-2024", cw)
    assert len(new.statuses) == 581 and {x.status for x in new.statuses} == {S.NONE}
    back = revintage_snapshot(new, "1977-2018", cw)
    assert len(back.statuses) == 589 and back.consistency_errors() == []
    # the 15 communes merged in 2019 come back unknown: no source names them any more
    unknown = sorted(x.nis for x in back.statuses if x.status is S.UNKNOWN)
    assert len(unknown) == 15 and {"72025", "72029", "12030", "12034"} <= set(unknown)
    assert back.as_mapping()["72025"].comment.startswith(
        "part of 72043 (2019-2024), which was none"
    )
