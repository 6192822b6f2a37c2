import datetime as dt
import subprocess
import sys

import pandas as pd
import pytest

from dashboard.coverage.model import (
    REGIONAL_FLAGS,
    Cell,
    CommuneStatus,
    Flag,
    MembershipSnapshot,
    Status,
    cell_errors,
    status_for_cell,
)
from dashboard.coverage.public_record import DEFAULT_DATA_DIR

D = dt.date(2019, 6, 15)


def snap(statuses, cells=()):
    return MembershipSnapshot(D, "2019-2024", tuple(statuses), tuple(cells), source="t.csv")


def test_consistent_snapshot_has_no_errors():
    s = snap(
        [
            CommuneStatus("1", Status.SHARED_CELL, "A"),
            CommuneStatus("2", Status.SHARED_CELL, "A"),
            CommuneStatus("3", Status.OWN_CELL, "B"),
            CommuneStatus("4", Status.NONE),
        ],
        [Cell("A", "a", ("1", "2")), Cell("B", "b", ("3",))],
    )
    assert s.consistency_errors() == []
    assert s.validate() is s


def test_shared_cell_needs_two_members():
    s = snap([CommuneStatus("1", Status.SHARED_CELL, "A")], [Cell("A", "a", ("1",))])
    assert s.consistency_errors() == [
        "commune 1 is marked shared_cell but cell A has only one member"
    ]


def test_own_cell_has_exactly_one_member():
    s = snap(
        [CommuneStatus("1", Status.OWN_CELL, "A"), CommuneStatus("2", Status.OWN_CELL, "A")],
        [Cell("A", "a", ("1", "2"))],
    )
    errs = s.consistency_errors()
    assert "commune 1 is marked own_cell but cell A has 2 members" in errs
    assert len(errs) == 2


def test_commune_in_two_cells_is_an_error():
    errs = cell_errors([Cell("A", "a", ("1", "2")), Cell("B", "b", ("2", "3"))])
    assert errs == ["commune 2 is in 2 cells: A, B"]


def test_not_covered_commune_listed_in_a_cell_and_duplicates():
    s = snap(
        [CommuneStatus("1", Status.NONE), CommuneStatus("1", Status.NONE)],
        [Cell("A", "a", ("1", "1")), Cell("A", "a2", ())],
    )
    errs = s.consistency_errors()
    assert "commune 1 has 2 status rows at 2019-06-15" in errs
    assert "cell id A is used 2 times" in errs
    assert "cell A lists commune(s) 1 twice" in errs
    assert "cell A has no member commune" in errs
    assert "commune 1 is none but listed in a cell" in errs


def test_status_names_a_cell_it_is_not_member_of():
    s = snap([CommuneStatus("9", Status.OWN_CELL, "A")], [Cell("A", "a", ("1",))])
    assert s.consistency_errors() == ["commune 9 names cell A but is not one of its members"]


def test_validate_raises_with_source_and_date():
    s = snap([CommuneStatus("1", Status.SHARED_CELL, "A")], [Cell("A", "a", ("1",))])
    with pytest.raises(ValueError, match=r"t\.csv at 2019-06-15: commune 1 is marked shared"):
        s.validate()


def test_status_of_defaults_to_unknown_and_covered():
    s = snap([CommuneStatus("1", Status.OWN_CELL)])
    assert s.status_of("1") is Status.OWN_CELL
    assert s.status_of("2") is Status.UNKNOWN
    assert [x for x in Status if x.covered] == [Status.OWN_CELL, Status.SHARED_CELL]
    assert status_for_cell(Cell("A", "a", ("1",))) is Status.OWN_CELL
    assert status_for_cell(Cell("A", "a", ("1", "2"))) is Status.SHARED_CELL


def test_regional_flags_and_programmes():
    assert set(REGIONAL_FLAGS) == {
        Flag.FLEMISH_PROJECT_2015,
        Flag.FLEMISH_PROJECT_2021,
        Flag.WALLOON_PROJECT_2016,
        Flag.WALLOON_SUBSIDY_2018,
        Flag.WALLOON_PROJECT_2019,
    }
    assert Flag.WALLOON_PROJECT_2019.region == "BE-WAL"
    assert Flag.FLEMISH_PROJECT_2015.region == "BE-VLG"
    assert Flag.PILOT_2016.level == "federal" and Flag.PILOT_2016.programme_id is None
    assert Flag.ALLOCATION_2015_ROUND2.year == 2015
    programmes = pd.read_csv(DEFAULT_DATA_DIR / "programmes.csv", dtype=str, keep_default_na=False)
    linked = dict(zip(programmes["programme_id"], programmes["flag"], strict=True))
    for flag in Flag:
        if flag.programme_id is not None:
            assert linked[flag.programme_id] == flag.value, flag


def test_coverage_modules_do_not_import_dash():
    code = (
        "import sys\n"
        "import dashboard.coverage.model, dashboard.coverage.public_record\n"
        "import dashboard.coverage.metrics, dashboard.coverage.reconcile\n"
        "import dashboard.coverage.merged, dashboard.coverage.example\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('dash', 'plotly')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
