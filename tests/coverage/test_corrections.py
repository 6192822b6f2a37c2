"""Corrections: proposals checked on creation, one date per list, a membership file that
validates and, imported over a snapshot, changes exactly the corrected communes.

Synthetic geography: tests/coverage/membership_fixtures.py (2019-2024 division); the real
round trip runs on the shipped geography and public record.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd
import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.corrections import (
    FILE_COLUMNS,
    FORMULA_START,
    MAX_TEXT,
    CorrectionError,
    Proposal,
    add_proposal,
    apply_corrections,
    check_proposals,
    corrections_file,
    corrections_filename,
    make_proposal,
    neutralise,
    payload_to_proposals,
    proposals_to_payload,
    remove_proposal,
)
from dashboard.coverage.importer import TEMPLATE_COLUMNS, import_membership
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import load_public_record, public_snapshot
from dashboard.coverage.validate import validate_file
from tests.coverage.membership_fixtures import TODAY, communes_by_vintage, run

V19 = "2019-2024"
D = "2020-06-30"
DAY = dt.date(2020, 6, 30)
OWN, SHARED, PLANNED, NONE = Status.OWN_CELL, Status.SHARED_CELL, Status.PLANNED, Status.NONE


@pytest.fixture(scope="module")
def communes() -> pd.DataFrame:
    return communes_by_vintage()[V19]


def propose(communes: pd.DataFrame, nis: str, status: str, source: str = "letter", **kw):
    kw.setdefault("today", TODAY)
    vintage = kw.pop("vintage", V19)
    as_of = kw.pop("as_of", D)
    return make_proposal(nis, vintage, as_of, status, source, communes=communes, **kw)


def issues_of(excinfo: pytest.ExceptionInfo[CorrectionError]) -> dict[str, str]:
    return {i.code: i.field for i in excinfo.value.issues}


def rows_of(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@pytest.fixture
def base() -> MembershipSnapshot:
    """A 2020 snapshot on the synthetic 2019 division, with an own cell and shared cells."""
    return MembershipSnapshot(
        DAY,
        V19,
        (
            CommuneStatus("11001", OWN, "own-11001", source="B1", comment="c1"),
            CommuneStatus("11002", SHARED, "Z1", source="B1"),
            CommuneStatus("11007", SHARED, "Z1", source="B1"),
            CommuneStatus("12041", PLANNED, source="B2"),
            CommuneStatus("21013", NONE, source="B2"),
            CommuneStatus("46021", SHARED, "Z2", source="B3"),
            CommuneStatus("62093", SHARED, "Z2", source="B3"),
        ),
        (
            Cell("own-11001", "own", ("11001",)),
            Cell("Z1", "z1", ("11002", "11007")),
            Cell("Z2", "z2", ("46021", "62093")),
        ),
        source="base",
    ).validate()


# ----------------------------------------------------------------------------- proposals


def test_a_proposal_reads_status_words_in_four_languages(communes):
    assert propose(communes, "12041", "eigen cel").status is OWN
    assert propose(communes, "12041", "cellule partagée").status is SHARED
    assert propose(communes, "12041", "in Vorbereitung").status is PLANNED
    assert propose(communes, "12041", Status.NONE).status is NONE
    assert propose(communes, "12041", "onbekend").status is Status.UNKNOWN


def test_a_proposal_keeps_the_commune_s_local_name_and_trimmed_texts(communes):
    p = propose(communes, " 21013 ", "own", "  minutes 2020 ", comment=" c ", as_of=DAY)
    assert p == Proposal("21013", V19, DAY, OWN, "minutes 2020", "", "c", "Saint-Gilles")
    assert propose(communes, "63067", "none").name == "Sankt Vith"  # German-speaking
    assert propose(communes, "12041", "none").name == "Puurs-Sint-Amands"


@pytest.mark.parametrize(
    ("kw", "code", "field"),
    [
        ({"nis": "99999"}, "unknown_commune", "nis"),
        ({"nis": "12030"}, "unknown_commune", "nis"),  # Puurs: a 1977-2018 code only
        ({"source": "   "}, "empty_source", "source"),
        ({"status": "jaa"}, "unknown_status", "status"),
        ({"status": ""}, "empty_status", "status"),
        ({"status": "oui"}, "ambiguous_status", "status"),
        ({"status": "none", "cell": "Zone"}, "cell_without_cover", "cell"),
        ({"as_of": "30/06/2020"}, "bad_date", "as_of"),
        ({"as_of": "2026-01-01"}, "future_date", "as_of"),
        ({"as_of": "1976-12-31"}, "date_before_1977", "as_of"),
        ({"as_of": "2016-05-27"}, "vintage_not_in_force", "vintage"),
        ({"vintage": "2019"}, "unknown_vintage", "vintage"),
        ({"comment": "x" * (MAX_TEXT + 1)}, "text_too_long", "comment"),
    ],
)
def test_a_bad_proposal_is_refused_with_a_code(communes, kw, code, field):
    args = {"nis": "12041", "status": "own", "source": "letter", **kw}
    with pytest.raises(CorrectionError) as excinfo:
        propose(communes, args.pop("nis"), args.pop("status"), args.pop("source"), **args)
    assert issues_of(excinfo) == {code: field}


def test_every_problem_is_reported_at_once(communes):
    with pytest.raises(CorrectionError) as excinfo:
        propose(communes, "99999", "jaa", "", as_of="2030-01-01")
    assert set(issues_of(excinfo)) == {
        "unknown_commune", "unknown_status", "empty_source", "future_date"}  # fmt: skip
    unknown = next(i for i in excinfo.value.issues if i.code == "unknown_status")
    assert "ja" in unknown.param("suggestions").split(";")
    assert unknown.param("value") == "jaa"


# ----------------------------------------------------------------------------- the list


def test_one_date_per_list_and_a_commune_once(communes):
    a = propose(communes, "12041", "own", "first")
    ps = add_proposal((), a)
    with pytest.raises(CorrectionError) as excinfo:
        add_proposal(ps, propose(communes, "21013", "own", as_of="2019-06-30"))
    assert issues_of(excinfo) == {"mixed_dates": "as_of"}
    b = propose(communes, "21013", "none")
    ps = add_proposal(ps, b)
    again = propose(communes, "12041", "shared", "second")
    ps = add_proposal(ps, again)
    assert ps == (again, b)  # replaced in its place
    assert remove_proposal(ps, "12041") == (b,)
    assert remove_proposal(ps, "99999") == ps


def test_an_own_cell_another_proposal_names_is_refused(communes):
    ps = add_proposal((), propose(communes, "12041", "shared", cell="Zone A"))
    with pytest.raises(CorrectionError) as excinfo:
        add_proposal(ps, propose(communes, "21013", "own", cell="zone  a"))
    assert issues_of(excinfo) == {"own_cell_shared": "cell"}


def test_an_empty_or_mixed_list_makes_no_file(communes):
    with pytest.raises(CorrectionError) as excinfo:
        corrections_file(())
    assert issues_of(excinfo) == {"no_proposals": ""}
    mixed = (
        propose(communes, "12041", "own"),
        propose(communes, "21013", "own", as_of="2019-06-30"),
    )
    assert [i.code for i in check_proposals(mixed)] == ["mixed_dates"]
    with pytest.raises(CorrectionError, match="mixed_dates"):
        corrections_file(mixed)


def test_the_session_payload_is_checked_again(communes):
    ps = (propose(communes, "12041", "own", "S", comment="c"), propose(communes, "21013", "none"))
    payload = proposals_to_payload(ps)
    assert payload_to_proposals(payload, communes, today=TODAY) == ps
    assert payload_to_proposals(None, communes) == ()
    assert payload_to_proposals({"v": 99}, communes) == ()
    payload["proposals"][1]["status"] = "<script>"
    with pytest.raises(CorrectionError, match="unknown_status"):
        payload_to_proposals(payload, communes, today=TODAY)
    with pytest.raises(CorrectionError, match="bad_payload"):
        payload_to_proposals({"v": 1, "proposals": "x"}, communes)


# ----------------------------------------------------------------------------- the file


def test_the_file_has_the_template_s_columns_plus_source(communes):
    ps = (propose(communes, "21013", "own", "minutes"), propose(communes, "12041", "none", "S2"))
    rows = rows_of(corrections_file(ps))
    assert tuple(rows[0]) == FILE_COLUMNS == (*TEMPLATE_COLUMNS, "source")
    assert rows[1:] == [
        ["12041", "Puurs-Sint-Amands", "none", "", D, "", "S2"],
        ["21013", "Saint-Gilles", "own_cell", "", D, "", "minutes"],
    ]
    assert corrections_filename(ps) == f"csil-corrections-{D}-{V19}.csv"


def test_a_shared_cell_alone_in_the_file_keeps_its_name_in_the_comment(communes):
    ps = (
        propose(communes, "21013", "shared", cell="Zone B", comment="see minutes"),
        propose(communes, "12041", "shared", cell="Zone A"),
        propose(communes, "24135", "shared", cell="zone-a"),
    )
    rows = {r[0]: r for r in rows_of(corrections_file(ps))[1:]}
    assert (rows["21013"][3], rows["21013"][5]) == ("", "see minutes; cell: Zone B")
    assert rows["12041"][3] == rows["24135"][3] == "Zone A"  # one spelling per cell
    result = run(corrections_file(ps))
    assert result.ok, [str(e) for e in result.errors]
    assert result.snapshot is not None
    assert result.snapshot.cells == (Cell("Zone A", "Zone A", ("12041", "24135")),)
    assert result.snapshot.as_mapping()["21013"].cell_id is None


INJECTIONS = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
              " =1", "'=1", "=cmd|' /C calc'!A0"]  # fmt: skip


@pytest.mark.parametrize("text", INJECTIONS)
def test_formula_injection_is_neutralised_and_the_file_still_imports(communes, text):
    p = propose(communes, "12041", "shared", text, cell=text.strip() + " zone", comment=text)
    q = propose(communes, "21013", "shared", "ok", cell=text.strip() + " zone")
    data = corrections_file((p, q))
    for row in rows_of(data)[1:]:
        for value in row:
            assert not value.startswith(FORMULA_START), row
    result = run(data)
    assert result.ok, [str(e) for e in result.errors]
    assert result.snapshot is not None
    got = result.snapshot.as_mapping()["12041"]
    for imported, given in ((got.source, p.source), (got.comment, p.comment)):
        assert imported.startswith("'") and imported.lstrip("'").strip() != ""
        assert imported.lstrip("'") == given.lstrip("'")


def test_harmless_text_is_written_as_it_is():
    for text in ("Letter of the mayor, 2020", "S12", "'s-Gravenbrakel", "a - b", "1+1"):
        assert neutralise(text) == text
    assert neutralise("-1") == "''-1"


# ----------------------------------------------------------------------------- round trips


def _changed(before: MembershipSnapshot, after: MembershipSnapshot) -> set[str]:
    a, b = before.as_mapping(), after.as_mapping()
    return {n for n in set(a) | set(b) if a.get(n) != b.get(n)}


def test_an_imported_corrections_file_changes_exactly_the_corrected_communes(communes, base):
    proposals: tuple[Proposal, ...] = ()
    for p in (
        propose(communes, "12041", "own", "Letter 2020"),  # planned -> own cell
        propose(communes, "21013", "gedeeld", "PV 12", cell="Zone Test"),  # none -> shared
        propose(communes, "24135", "shared", "PV 12", cell="zone test"),  # unknown -> shared
        propose(communes, "63067", "geen", '=HYPERLINK("x")', comment="@me"),  # unknown
        propose(communes, "11001", "own", "B9"),  # same status, another source
    ):
        proposals = add_proposal(proposals, p)
    result = run(corrections_file(proposals), name=corrections_filename(proposals))
    assert result.ok, [str(e) for e in result.errors]
    assert [w.code for w in result.warnings] == []
    after = apply_corrections(base, result)
    assert _changed(base, after) == {p.nis for p in proposals}
    by = after.as_mapping()
    for p in proposals:
        s = by[p.nis]
        assert s.status is p.status
        assert s.source.lstrip("'") == p.source  # the proposal's source replaces the old
        assert (s.date, s.basis) == (D, "file")
    assert by["63067"].source == '\'=HYPERLINK("x")'
    assert by["21013"].cell_id == by["24135"].cell_id == "Zone Test"
    cells = {c.cell_id: c.members for c in after.cells}
    assert cells == {"Z1": ("11002", "11007"), "Z2": ("46021", "62093"),
                     "Zone Test": ("21013", "24135")}  # fmt: skip
    assert "own-11001" not in cells  # the corrected own cell names no cell now
    assert after.consistency_errors() == []
    assert ("corrected", "11001;12041;21013;24135;63067") in after.metadata
    assert (after.as_of, after.vintage, after.source) == (base.as_of, base.vintage, base.source)


def test_a_cell_left_with_one_member_is_dissolved_without_changing_its_status(communes, base):
    ps = (propose(communes, "11002", "none", "council"),)
    after = apply_corrections(base, run(corrections_file(ps)))
    assert _changed(base, after) == {"11002", "11007"}
    left = after.as_mapping()["11007"]
    assert (left.status, left.cell_id, left.source) == (SHARED, None, "B1")
    assert "Z1" not in {c.cell_id for c in after.cells}
    assert ("cell_detached", "11007") in after.metadata


def test_corrections_joining_an_existing_cell_and_conflicts(communes, base):
    ps = (
        propose(communes, "11004", "shared", cell="Z2"),
        propose(communes, "58001", "shared", cell="Z2"),
    )
    after = apply_corrections(base, run(corrections_file(ps)))
    assert {c.cell_id: c.members for c in after.cells}["Z2"] == ("11004", "46021", "58001", "62093")
    own = (propose(communes, "11004", "own", cell="Z2"),)
    with pytest.raises(ValueError, match="marked own_cell but cell Z2 has 3 members"):
        apply_corrections(base, run(corrections_file(own)))


def test_corrections_of_another_date_or_a_failed_import_are_refused(communes, base):
    other = (propose(communes, "12041", "own", as_of="2021-01-01"),)
    with pytest.raises(ValueError, match="cannot correct a snapshot of 2020-06-30"):
        apply_corrections(base, run(corrections_file(other)))
    broken = run(b"nis_code,status\n99999,own\n", as_of=D)
    assert not broken.ok
    with pytest.raises(ValueError, match="did not import"):
        apply_corrections(base, broken)


def test_real_corrections_validate_and_change_exactly_the_corrected_communes(tmp_path):
    folder = files.geography_dir()
    frame = geodata.load_communes(V19, folder)
    base = public_snapshot(load_public_record(), "2019-12-31", frame)
    day = base.as_of.isoformat()

    def real(nis: str, status: str, source: str, **kw: str) -> Proposal:
        return make_proposal(nis, V19, day, status, source, communes=frame, **kw)

    proposals = (
        real("21004", "pas de cellule", '=HYPERLINK("http://evil")', comment="-1"),  # own
        real("63003", "eigene Zelle", "Gemeinderat 2019"),  # planned -> own cell
        real("11001", "gedeelde cel", "Politiezone HEKLA", cell="LIVC HEKLA"),  # unknown
        real("11005", "gedeelde cel", "Politiezone HEKLA", cell="LIVC HEKLA"),
    )
    path = tmp_path / corrections_filename(proposals)
    path.write_bytes(corrections_file(proposals))
    report, code = validate_file(path)
    assert code == 0, report
    assert "OK: 4 communes can be imported (0 warning(s))" in report
    result = import_membership(path.read_bytes(), filename=path.name)
    assert result.ok
    after = apply_corrections(base, result)
    assert _changed(base, after) == {"21004", "63003", "11001", "11005"}
    by = after.as_mapping()
    assert by["21004"].status is NONE and by["21004"].source == '\'=HYPERLINK("http://evil")'
    assert by["21004"].comment == "'-1"
    assert by["63003"].status is OWN and by["63003"].source == "Gemeinderat 2019"
    assert by["11001"].cell_id == by["11005"].cell_id == "LIVC HEKLA"
    assert "own-21004" not in {c.cell_id for c in after.cells}
    assert after.consistency_errors() == []
