"""Rows naming former communes of a merged commune ("Across divisions").

A row that names a former commune now only a part of a merged commune speaks for that
part: the merged commune's status is combined from its parts (parts no row names are
unknown), never decided by one part alone. Synthetic geography: Puurs + Sint-Amands ->
Puurs-Sint-Amands (12041) in 2019; Borsbeek into Antwerpen (11002) and Meulebeke + Tielt ->
Tielt (37022) in 2025; La Louvière re-coded 55022 -> 58001 in 2019. The real Neerpelt +
Overpelt -> Pelt (72043) cases run on the shipped geography.
"""

from __future__ import annotations

import pytest

from dashboard.coverage.importer import Geography, ImportIssue, ImportResult, import_membership
from dashboard.coverage.model import CommuneStatus, Status
from dashboard.i18n import issue_text
from tests.coverage.membership_fixtures import TODAY, csv_text, run

D20, D25 = "2020-06-30", "2025-03-01"


def _status(result: ImportResult, nis: str) -> CommuneStatus:
    assert result.ok, [str(e) for e in result.errors]
    assert result.snapshot is not None
    assert result.snapshot.consistency_errors() == []
    return result.snapshot.as_mapping()[nis]


def _warnings(result: ImportResult, code: str) -> list[ImportIssue]:
    return [w for w in result.warnings if w.code == code]


# ---------------------------------------------------------------------- one part alone


def test_one_former_part_alone_makes_the_merged_commune_partly_covered() -> None:
    r = run(csv_text(f",Puurs,own cell,,{D20},letter of the mayor"))
    s = _status(r, "12041")
    assert (s.status, s.partial, s.cell_id) == (Status.OWN_CELL, True, None)
    assert s.comment == (
        "partly covered: Puurs (12030, 1977-2018) own cell; Sint-Amands (12034, 1977-2018) "
        "not in the file; letter of the mayor"
    )
    assert [w.row for w in _warnings(r, "historical_match")] == [2]  # kept
    (w,) = _warnings(r, "merged_part")
    assert (w.row, w.column, w.value) == (2, "commune", "Puurs")
    assert w.reason == (
        "this row names the former commune Puurs (12030, 1977-2018), which is part of "
        "Puurs-Sint-Amands (12041) in vintage 2019-2024; Puurs-Sint-Amands (12041) is shown "
        "as 'own cell, partly covered' because the file does not give its other former parts: "
        "Sint-Amands (12034, 1977-2018)"
    )


def test_a_former_part_named_by_its_old_code_is_a_part_too() -> None:
    r = run(csv_text(f"12034,,shared cell,Zone Klein-Brabant,{D20},",
                     f"11001,,shared cell,Zone Klein-Brabant,{D20},"))  # fmt: skip
    s = _status(r, "12041")
    assert (s.status, s.partial, s.cell_id) == (Status.SHARED_CELL, True, "Zone Klein-Brabant")
    (w,) = _warnings(r, "merged_part")
    assert (w.row, w.column) == (2, "nis_code")
    assert "Puurs (12030, 1977-2018)" in w.reason
    # the cell's member is the merged commune, as for any historical name
    assert [(c.cell_id, c.members) for c in r.snapshot.cells] == [
        ("Zone Klein-Brabant", ("11001", "12041"))
    ]


def test_borsbeek_none_alone_in_2025_leaves_antwerpen_unknown_not_none() -> None:
    r = run(csv_text(f",Borsbeek,none,,{D25},"))
    s = _status(r, "11002")
    assert (s.status, s.partial) == (Status.UNKNOWN, True)
    assert s.status is not Status.NONE
    assert s.comment == (
        "shown as unknown from its former parts: Borsbeek (11007, 1977-2018) no cell; "
        "Antwerpen (11002, 1977-2018) not in the file"
    )
    (w,) = _warnings(r, "merged_part")
    assert "Antwerpen (11002) is shown as 'unknown'" in w.reason
    assert w.reason.endswith("other former parts: Antwerpen (11002, 1977-2018)")


def test_a_part_whose_status_is_unknown_keeps_the_merged_commune_unknown() -> None:
    s = _status(run(csv_text(f",Meulebeke,unknown,,{D25},")), "37022")
    assert (s.status, s.partial) == (Status.UNKNOWN, False)


# ---------------------------------------------------------------------- several parts


def test_parts_that_disagree_are_combined_with_a_warning() -> None:
    r = run(csv_text(f",Puurs,own cell,,{D20},", f",Sint-Amands,none,,{D20},"))
    s = _status(r, "12041")
    assert (s.status, s.partial) == (Status.OWN_CELL, True)
    assert s.comment == (
        "partly covered: Puurs (12030, 1977-2018) own cell; Sint-Amands (12034, 1977-2018) no cell"
    )
    assert not [e for e in r.errors]  # not a duplicate
    assert _warnings(r, "merged_part") == []  # every part is in the file
    (w,) = _warnings(r, "merged_parts_disagree")
    assert (w.row, w.column, w.value) == (3, "status", "none")
    assert w.reason == (
        "the rows for the former parts of Puurs-Sint-Amands (12041) disagree "
        "(Puurs (12030, 1977-2018): own cell; Sint-Amands (12034, 1977-2018): no cell): "
        "Puurs-Sint-Amands (12041) is shown as 'own cell, partly covered'"
    )


def test_parts_with_none_and_planned_give_planned_partial() -> None:
    r = run(csv_text(f",Puurs,none,,{D20},", f",Sint-Amands,planned,,{D20},"))
    s = _status(r, "12041")
    assert (s.status, s.partial) == (Status.PLANNED, True)
    assert "is shown as 'planned'" in _warnings(r, "merged_parts_disagree")[0].reason


def test_all_parts_in_the_same_cell_give_the_merged_commune_its_own_cell() -> None:
    r = run(csv_text(f",Puurs,own cell,LIVC PSA,{D20},", f",Sint-Amands,own cell,LIVC PSA,{D20},"))
    s = _status(r, "12041")
    assert (s.status, s.partial, s.cell_id) == (Status.OWN_CELL, False, "LIVC PSA")
    assert s.comment.startswith("combined from its former parts: Puurs (12030, 1977-2018) own")
    assert [(c.cell_id, c.members) for c in r.snapshot.cells] == [("LIVC PSA", ("12041",))]
    assert _warnings(r, "merged_part") == _warnings(r, "merged_parts_disagree") == []


def test_all_parts_with_no_cell_give_none_not_partial() -> None:
    r = run(csv_text(f",Meulebeke,none,,{D25},", f",Tielt (Tielt),none,,{D25},"))
    s = _status(r, "37022")
    assert (s.status, s.partial) == (Status.NONE, False)


def test_parts_named_through_different_vintages_are_counted_once() -> None:
    # 2025 file: Meulebeke (a name of 1977-2018 and of 2019-2024) and 37015 (old Tielt code)
    r = run(csv_text(f"37015,,own cell,LIVC Tielt,{D25},", f",Meulebeke,yes,LIVC Tielt,{D25},"))
    s = _status(r, "37022")
    assert (s.status, s.partial, s.cell_id) == (Status.OWN_CELL, False, "LIVC Tielt")


def test_a_part_and_another_commune_share_a_cell() -> None:
    r = run(csv_text(f",Puurs,shared,Zone,{D20},", f"11001,Aartselaar,shared,Zone,{D20},"))
    s = _status(r, "12041")
    assert (s.status, s.partial, s.cell_id) == (Status.SHARED_CELL, True, "Zone")
    assert r.snapshot.status_of("11001") is Status.SHARED_CELL


# ---------------------------------------------------------------------- errors


def test_whole_and_part_rows_are_an_error_naming_both_rows() -> None:
    for lines, row in (
        ((f",Puurs-Sint-Amands,own cell,,{D20},", f",Puurs,none,,{D20},"), 3),
        ((f",Puurs,none,,{D20},", f"12041,,own cell,,{D20},"), 3),
    ):
        r = run(csv_text(*lines))
        assert not r.ok and r.snapshot is None
        (e,) = r.errors
        assert (e.code, e.row) == ("duplicate_commune_part", row)
        whole_row, part_row = (2, 3) if lines[0].startswith(",Puurs-") else (3, 2)
        assert e.reason == (
            f"duplicate commune: row {whole_row} names Puurs-Sint-Amands (12041) and row "
            f"{part_row} names Puurs (12030, 1977-2018), a former commune that is part of "
            "Puurs-Sint-Amands (12041) in vintage 2019-2024"
        )
        assert "not both" in e.suggestion


def test_the_same_part_twice_is_a_duplicate() -> None:
    r = run(csv_text(f",Puurs,own cell,,{D20},", f"12030,,none,,{D20},"))
    (e,) = r.errors
    assert (e.code, e.row, e.column) == ("duplicate_commune", 3, "nis_code")
    assert e.reason == "duplicate commune: Puurs (12030, 1977-2018) is already on row 2"
    assert not _warnings(r, "merged_parts_disagree")  # no status is built after the error


def test_parts_in_two_cells_are_an_error() -> None:
    r = run(csv_text(f",Puurs,own cell,A,{D20},", f",Sint-Amands,own cell,B,{D20},"))
    (e,) = r.errors
    assert (e.code, e.row, e.column, e.value) == ("commune_in_two_cells", 3, "cell", "B")
    assert "Puurs-Sint-Amands (12041) is in cell 'A' on row 2 and in cell 'B' here" in e.reason


def test_a_recoded_commune_is_not_a_part_row() -> None:
    r = run(csv_text(f"55022,,none,,{D20},"))
    s = _status(r, "58001")
    assert (s.status, s.partial, s.comment) == (Status.NONE, False, "")
    assert [w.code for w in r.warnings] == ["historical_match"]
    # its old code and its new name on two rows are one commune: still a duplicate
    r2 = run(csv_text(f"55022,,none,,{D20},", f",La Louvière,own cell,,{D20},"))
    assert [e.code for e in r2.errors] == ["duplicate_commune_alias"]


# ---------------------------------------------------------------------- languages


def test_merged_part_warning_in_french_dutch_and_german() -> None:
    (w,) = _warnings(run(csv_text(f",Puurs,own cell,,{D20},")), "merged_part")
    fr, _ = issue_text(w, "fr")
    assert "fait partie de Puurs-Sint-Amands (12041) dans le découpage 2019-2024" in fr
    assert "«\u00a0cellule propre, couverture partielle\u00a0»" in fr
    nl, _ = issue_text(w, "nl")
    assert "'eigen LIVC, gedeeltelijk gedekt'" in nl
    de, _ = issue_text(w, "de")
    assert "„eigene Zelle, teilweise abgedeckt“" in de


# ---------------------------------------------------------------------- real geography


@pytest.fixture(scope="module")
def real() -> Geography:
    return Geography.from_geodata()


def _real(geo: Geography, *lines: str) -> ImportResult:
    data = csv_text(*lines).encode()
    return import_membership(data, filename="m.csv", geography=geo, today=TODAY)


def test_real_neerpelt_alone_in_2020_makes_pelt_partly_covered(real: Geography) -> None:
    r = _real(real, f",Neerpelt,own cell,,{D20},")
    s = _status(r, "72043")
    assert (s.status, s.partial) == (Status.OWN_CELL, True)
    assert s.comment == (
        "partly covered: Neerpelt (72025, 1977-2018) own cell; Overpelt (72029, 1977-2018) "
        "not in the file"
    )
    (w,) = _warnings(r, "merged_part")
    assert "Pelt (72043) is shown as 'own cell, partly covered'" in w.reason
    assert w.reason.endswith("other former parts: Overpelt (72029, 1977-2018)")


def test_real_neerpelt_own_and_overpelt_none(real: Geography) -> None:
    r = _real(real, f",Neerpelt,own cell,,{D20},", f",Overpelt,none,,{D20},")
    s = _status(r, "72043")
    assert (s.status, s.partial) == (Status.OWN_CELL, True)
    (w,) = _warnings(r, "merged_parts_disagree")
    assert "Overpelt (72029, 1977-2018): no cell" in w.reason


def test_real_neerpelt_and_overpelt_in_one_cell_give_pelt_its_own_cell(real: Geography) -> None:
    r = _real(real, f",Neerpelt,own cell,LIVC Pelt,{D20},", f",Overpelt,own cell,LIVC Pelt,{D20},")
    s = _status(r, "72043")
    assert (s.status, s.partial, s.cell_id) == (Status.OWN_CELL, False, "LIVC Pelt")


def test_real_borsbeek_none_alone_in_2025(real: Geography) -> None:
    s = _status(_real(real, f",Borsbeek,none,,{D25},"), "11002")
    assert (s.status, s.partial) == (Status.UNKNOWN, True)


def test_real_pelt_and_overpelt_rows_are_an_error(real: Geography) -> None:
    r = _real(real, f",Pelt,own cell,,{D20},", f",Overpelt,none,,{D20},")
    (e,) = r.errors
    assert e.code == "duplicate_commune_part"
    assert "row 2 names Pelt (72043) and row 3 names Overpelt (72029, 1977-2018)" in e.reason


def test_real_hainaut_recodings_are_not_part_rows(real: Geography) -> None:
    r = _real(real, f"55022,,own cell,,{D20},", f"56011,,none,,{D20},")
    assert _status(r, "58001").partial is False
    assert _status(r, "58002").status is Status.NONE
    assert {w.code for w in r.warnings} == {"historical_match"}
