"""Membership files that must import: encodings, delimiters, languages, XLSX, round trip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dashboard.coverage.importer import import_membership
from dashboard.coverage.model import Status
from tests.coverage.membership_fixtures import (
    TODAY,
    csv_text,
    geography,
    run,
    xlsx,
)

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "data" / "membership_template.csv"

BASIC = csv_text(
    "11001,Aartselaar,own_cell,LIVC Aartselaar,2016-05-27,",
    "11002,Antwerpen,shared_cell,LIVC Antwerpen-Borsbeek,2016-05-27,",
    "11007,Borsbeek,shared_cell,LIVC Antwerpen-Borsbeek,2016-05-27,",
    "11004,Boechout,none,,2016-05-27,",
)


def _statuses(result) -> dict[str, tuple[str, str | None]]:  # type: ignore[no-untyped-def]
    assert result.ok, [str(e) for e in result.errors]
    return {s.nis: (str(s.status), s.cell_id) for s in result.snapshot.statuses}


EXPECTED = {
    "11001": ("own_cell", "LIVC Aartselaar"),
    "11002": ("shared_cell", "LIVC Antwerpen-Borsbeek"),
    "11007": ("shared_cell", "LIVC Antwerpen-Borsbeek"),
    "11004": ("none", None),
}


def test_basic_file_gives_a_valid_snapshot() -> None:
    r = run(BASIC)
    assert _statuses(r) == EXPECTED
    s = r.snapshot
    assert (s.as_of, s.vintage, s.source) == (dt.date(2016, 5, 27), "1977-2018", "m.csv")
    assert [(c.cell_id, c.members) for c in s.cells] == [
        ("LIVC Aartselaar", ("11001",)),
        ("LIVC Antwerpen-Borsbeek", ("11002", "11007")),
    ]
    assert s.consistency_errors() == []
    assert [m.row for m in r.matches] == [2, 3, 4, 5]
    assert r.warnings == ()


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_encodings(encoding: str) -> None:
    text = csv_text("55022,La Louvière,own cell,Cellule de La Louvière,2016-05-27,été")
    r = run(text.encode(encoding))
    assert _statuses(r) == {"55022": ("own_cell", "Cellule de La Louvière")}
    assert r.snapshot.statuses[0].comment == "été"


def test_latin1_fallback_is_warned() -> None:
    text = csv_text("55022,La Louvi\x8fre,own cell,,2016-05-27,")  # \x8f: undefined in cp1252
    r = run(text.encode("latin-1"))
    assert r.ok  # the code decides; the unrecognised name is a warning
    reasons = [w.reason for w in r.warnings]
    assert any("read as Latin-1" in x for x in reasons)
    assert any("name not recognised" in x for x in reasons)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(delimiter: str) -> None:
    assert _statuses(run(BASIC.replace(",", delimiter))) == EXPECTED


def test_crlf_quotes_and_blank_lines() -> None:
    text = (
        "nis_code;commune;status;cell;as_of;source_comment\r\n\r\n"
        '11001;"Aartselaar";own cell;;2016-05-27;"a comment; with a semicolon"\r\n'
        "\r\n"
        '11004;Boechout;none;;2016-05-27;"two\r\nlines"\r\n'
    )
    r = run(text)
    assert _statuses(r) == {"11001": ("own_cell", None), "11004": ("none", None)}
    assert [m.row for m in r.matches] == [3, 5]


FR = """Code INS;Commune;Statut;Cellule;Date;Commentaire
;Anvers;cellule partagée;Zone Anvers;27/05/2016;
;Borsbeek;intercommunale;Zone Anvers;27/05/2016;
;Saint-Gilles;cellule propre;;27/05/2016;
;Rhode-Saint-Genèse;pas de cellule;;27/05/2016;
"""
NL = """NIS-code\tGemeente\tStatus\tCel\tDatum\tBron
\tAntwerpen\tgedeelde cel\tZone Antwerpen\t27.05.2016\t
\tBorsbeek\tpolitiezone\tzone antwerpen\t27.05.2016\t
\tSint-Gillis\teigen cel\t\t27.05.2016\t
\tSint-Amands\tgeen\t\t27.05.2016\tbrief
\tPuurs\tgepland\t\t27.05.2016\t
"""
DE = """REFNIS,Gemeinde,Status,Zelle,Stichtag,Quelle
,Sankt Vith,eigene Zelle,,2016-05-27,
,La Louvière,keine,,2016-05-27,
,Aartselaar,unbekannt,,2016-05-27,
"""
EN = """Municipality,Status,Cell,Date,Comment
Antwerpen,shared,Antwerp zone,2016-05-27,
Borsbeek,yes,Antwerp zone,2016-05-27,
Aartselaar,yes,Aartselaar cell,2016-05-27,
Boechout,planned,,2016-05-27,
Tielt,unknown,,2016-05-27,
"""


def test_french_headers_and_words() -> None:
    got = _statuses(run(FR.replace("Rhode-Saint-Genèse", "Saint-Vith")))
    assert got == {
        "11002": ("shared_cell", "Zone Anvers"),
        "11007": ("shared_cell", "Zone Anvers"),
        "21013": ("own_cell", None),
        "63067": ("none", None),
    }


def test_dutch_headers_and_words_and_cell_spelling_warning() -> None:
    r = run(NL)
    got = _statuses(r)
    assert got["11002"] == got["11007"] == ("shared_cell", "Zone Antwerpen")
    assert got["12034"] == ("none", None) and got["12030"] == ("planned", None)
    assert r.snapshot.as_of == dt.date(2016, 5, 27)
    assert r.snapshot.as_mapping()["12034"].source == "brief"
    assert any("same cell as 'Zone Antwerpen'" in w.reason and w.row == 3 for w in r.warnings)


def test_german_and_english_headers_and_words() -> None:
    assert _statuses(run(DE)) == {
        "63067": ("own_cell", None),
        "55022": ("none", None),
        "11001": ("unknown", None),
    }
    got = _statuses(run(EN))
    assert got["11007"] == ("shared_cell", "Antwerp zone")  # "yes" + a shared cell
    assert got["11001"] == ("own_cell", "Aartselaar cell")  # "yes" + a one-member cell
    assert got["37015"] == ("unknown", None)


def test_historical_names_and_codes_translate_to_the_file_vintage_with_a_warning() -> None:
    text = csv_text(
        ",Puurs,own cell,,2020-06-30,",
        "55022,,none,,2020-06-30,",
        ",Meulebeke,none,,2020-06-30,",
    )
    r = run(text)
    got = _statuses(r)
    assert got == {"12041": ("own_cell", None), "58001": ("none", None), "37007": ("none", None)}
    assert r.snapshot.vintage == "2019-2024"
    assert {w.row for w in r.warnings} == {2, 3}
    # Puurs is only a part of Puurs-Sint-Amands: covered, but partly; La Louvière re-coded
    partial = {s.nis: s.partial for s in r.snapshot.statuses}
    assert partial == {"12041": True, "58001": False, "37007": False}
    assert [w.code for w in r.warnings if w.row == 2] == ["historical_match", "merged_part"]
    r25 = run(text.replace("2020-06-30", "2025-03-01").replace("Meulebeke", "Borsbeek"))
    assert r25.snapshot.vintage == "2025"
    # "Borsbeek: none" says nothing about the rest of Antwerpen: unknown, not "no cell"
    assert _statuses(r25)["11002"] == ("unknown", None)
    assert r25.snapshot.as_mapping()["11002"].partial


def test_date_argument_and_column_map() -> None:
    text = "Gemeente,Etat,Population\nAartselaar,eigen cel,14000\nBoechout,geen,13000\n"
    r = run(text, as_of="2016-05-27", column_map={"Etat": "status", "Population": "ignore"})
    assert _statuses(r) == {"11001": ("own_cell", None), "11004": ("none", None)}
    r2 = run(text, as_of=dt.date(2016, 5, 27), column_map={"etat": "statut", "population": "skip"})
    assert r2.ok


def test_code_in_the_commune_column_and_name_check() -> None:
    text = "commune,status,as_of\n11001,own cell,2016-05-27\n"
    assert _statuses(run(text)) == {"11001": ("own_cell", None)}


def test_xlsx_first_sheet_named_sheet_dates_and_numbers() -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Cel", "Datum", "Opmerking"],
        [11002, "Antwerpen", "gedeelde cel", "Zone A", dt.datetime(2016, 5, 27), None],
        [11007.0, "Borsbeek", "gedeelde cel", "Zone A", dt.datetime(2016, 5, 27), None],
        ["11004", None, "geen", None, "2016-05-27", "ok"],
    ]
    data = xlsx(rows, extra_sheets=("Notes",))
    r = run(data, name="leden.xlsx")
    assert _statuses(r)["11007"] == ("shared_cell", "Zone A")
    assert dict(r.info)["sheet"] == "Membres"
    assert [m.row for m in r.matches] == [2, 3, 4]
    r2 = run(data, name="leden.xlsx", sheet="membres")  # case-insensitive sheet name
    assert r2.ok


def test_xlsx_header_below_title_rows_keeps_excel_row_numbers() -> None:
    rows = [[None], [None], ["commune", "status", "as_of"], ["Boechout", "none", "2016-05-27"]]
    r = run(xlsx(rows), name="x.xlsx")
    assert r.ok and r.matches[0].row == 4


def test_template_rows_warn_and_example_marker() -> None:
    r = import_membership(TEMPLATE, geography=geography(), today=TODAY)
    assert r.ok, [str(e) for e in r.errors]
    assert r.snapshot.statuses  # the example rows
    assert all("example row" in w.reason for w in r.warnings if w.row)


def test_illustrative_marker_and_sidecar(tmp_path: Path) -> None:
    text = csv_text("11001,Aartselaar,none,,2016-05-27,ILLUSTRATIVE — synthetic")
    assert run(text).snapshot.illustrative
    path = tmp_path / "members.csv"
    path.write_text(csv_text("11001,Aartselaar,none,,2016-05-27,"), encoding="utf-8")
    path.with_suffix(".meta.json").write_text('{"illustrative": true, "seed": 1}')
    r = import_membership(path, geography=geography(), today=TODAY)
    assert r.snapshot.illustrative
    assert ("seed", "1") in r.snapshot.metadata


def test_status_enum_values_are_accepted_verbatim() -> None:
    for status in Status:
        if status is Status.SHARED_CELL:
            continue
        r = run(csv_text(f"11001,Aartselaar,{status.value},,2016-05-27,"))
        assert r.snapshot.status_of("11001") is status


def test_real_illustrative_example_imports_and_reconciles() -> None:
    from dashboard.coverage.validate import validate_file

    path = REPO / "data" / "example_membership_illustrative.csv"
    if not path.is_file():
        pytest.skip("no illustrative example")
    report, code = validate_file(path)
    assert code == 0, report
    assert "Reconciliation of the snapshot of 2016-05-27" in report
    assert "no difference" in report
