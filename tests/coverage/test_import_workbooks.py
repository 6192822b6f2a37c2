"""Membership files as officials actually keep them (issue 12), imported as a user would.

Real workbooks are built in memory (:mod:`tests.coverage.workbooks`: .xlsx/.xlsm with openpyxl,
.ods with odfpy, .xls with xlwt) and read with the real geography. Every commune below is
checked in ``data/geography/communes_1977-2018.csv``; the files are dated 2016-05-27, so the
1977-2018 division applies.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from dashboard.coverage.importer import ImportIssue, ImportResult, import_membership
from tests.coverage.workbooks import Sheet, ods, xls, xlsm, xlsx

D = dt.date(2016, 5, 27)
# nis (communes_1977-2018.csv): name_nl / name_fr
LUIK = "62063"  # Luik / Liège
NAMEN = "92094"  # Namen / Namur
BERGEN = "53053"  # Bergen / Mons
DOORNIK = "57081"  # Doornik / Tournai
GENT = "44021"  # Gent / Gand
HASSELT = "71022"  # Hasselt
AARLEN = "81001"  # Aarlen / Arlon
SOMME_LEUZE = "91120"  # Somme-Leuze
HAVELANGE = "91064"  # Havelange

HEADER = ["NIS-code", "Gemeente", "Status", "Cel", "Datum", "Opmerking"]
WRITERS: dict[str, Callable[..., bytes]] = {"xlsx": xlsx, "xlsm": xlsm, "ods": ods, "xls": xls}
FORMATS = {"xlsx": "XLSX", "xlsm": "XLSM", "ods": "ODS", "xls": "XLS"}


def _import(data: bytes, ext: str, **kw: object) -> ImportResult:
    return import_membership(data, filename=f"enquete.{ext}", **kw)  # type: ignore[arg-type]


def _statuses(result: ImportResult) -> dict[str, tuple[str, str | None]]:
    assert result.ok, [str(e) for e in result.errors]
    assert result.snapshot is not None
    return {s.nis: (str(s.status), s.cell_id) for s in result.snapshot.statuses}


def _issues(issues: tuple[ImportIssue, ...], code: str) -> list[ImportIssue]:
    return [i for i in issues if i.code == code]


def _where(issues: tuple[ImportIssue, ...], code: str) -> list[tuple[int | None, str]]:
    """(row, cell) of each issue with ``code``."""
    return [(i.row, i.cell) for i in _issues(issues, code)]


def _codes(issues: tuple[ImportIssue, ...]) -> set[str]:
    return {i.code for i in issues}


# ---------------------------------------------------------------------------- the survey workbook

NOTES = Sheet(
    "Toelichting",
    [
        ["Bevraging lokale integrale veiligheidscellen (LIVC)"],
        [],
        ["Deze werkmap bevat de antwoorden van de gemeenten op de bevraging van mei 2016."],
        ["Contact: dienst Veiligheid en Preventie"],
    ],
)
SURVEY = Sheet(
    "Enquête",
    [
        ["Bevraging LIVC — stand van zaken op 27 mei 2016"],  # merged A1:F1
        [],
        HEADER,
        [62063, "Luik", "eigen cel", "LIVC Luik", D, None],
        [92094, "Namen", "geen", None, D, None],
        [53053, "Bergen", "gedeelde cel", "LIVC Henegouwen", D, None],
        [57081, "Doornik", "gedeelde cel", "LIVC Henegouwen", D, "via de provincie"],
        [44021, "Gent", "gepland", None, D, None],
        [None, "Totaal", None, None, None, 5],
        ["Bron: bevraging bij de gemeenten, mei 2016"],
    ],
    merged=("A1:F1",),
)
SURVEY_STATUSES = {
    LUIK: ("own_cell", "LIVC Luik"),
    NAMEN: ("none", None),
    BERGEN: ("shared_cell", "LIVC Henegouwen"),
    DOORNIK: ("shared_cell", "LIVC Henegouwen"),
    GENT: ("planned", None),
}


@pytest.mark.parametrize("ext", ["xlsx", "xlsm", "ods", "xls"])
def test_survey_workbook_typed_by_a_flemish_administration_imports_in_every_format(
    ext: str,
) -> None:
    """Notes sheet first, a merged title and a blank row above the header, NIS codes as
    numbers, Excel date cells, Dutch names of Walloon cities, a total and a source line."""
    r = _import(WRITERS[ext](NOTES, SURVEY), ext)
    assert _statuses(r) == SURVEY_STATUSES
    assert (r.snapshot.as_of, r.snapshot.vintage) == (D, "1977-2018")
    assert [(m.row, m.nis, m.via) for m in r.matches] == [
        (4, LUIK, "code"),
        (5, NAMEN, "code"),
        (6, BERGEN, "code"),
        (7, DOORNIK, "code"),
        (8, GENT, "code"),
    ]
    assert r.sheets == ("Toelichting", "Enquête")
    assert r.header_row == 3
    info = dict(r.info)
    assert (info["format"], info["sheet"], info["header_row"]) == (FORMATS[ext], "Enquête", "3")
    expected = {"sheet_chosen", "header_below_titles", "total_row", "note_row"}
    assert _codes(r.warnings) == expected | ({"macros_ignored"} if ext == "xlsm" else set())
    (chosen,) = _issues(r.warnings, "sheet_chosen")
    assert dict(chosen.params) == {"sheet": "'Enquête'"}
    (header,) = _issues(r.warnings, "header_below_titles")
    assert header.row == 3 and dict(header.params)["row"] == "3"
    assert "the header is on row 3: the rows above it (row 1)" in header.reason
    assert [(w.row, w.value) for w in _issues(r.warnings, "total_row")] == [(9, "Totaal")]
    assert _where(r.warnings, "note_row") == [(10, "")]


def test_survey_workbook_with_dutch_names_only() -> None:
    """Without the code column the Dutch exonyms alone find the Walloon cities."""
    rows = [row[1:] if len(row) == len(HEADER) else row for row in SURVEY.rows]
    sheet = Sheet("Enquête", rows, merged=("A1:E1",))
    r = _import(xlsx(NOTES, sheet), "xlsx")
    assert _statuses(r) == SURVEY_STATUSES
    assert [(m.row, m.nis, m.official_name) for m in r.matches][:2] == [
        (4, LUIK, "Liège"),
        (5, NAMEN, "Namur"),
    ]
    assert {m.via for m in r.matches} == {"name"}


# ---------------------------------------------------------------------------- finding the table


def test_header_below_title_rows_and_a_blank_row() -> None:
    rows = [
        ["Provincie Limburg"],
        ["Lijst van de LIVC's", None, None, "versie 2"],
        [],
        ["NIS-code", "Gemeente", "Status", "Datum"],
        [71022, "Hasselt", "eigen cel", D],
    ]
    r = _import(xlsx(Sheet("Blad1", rows)), "xlsx")
    assert _statuses(r) == {HASSELT: ("own_cell", None)}
    assert r.header_row == 4 and dict(r.info)["header_row"] == "4"
    (w,) = _issues(r.warnings, "header_below_titles")
    assert (w.row, w.value) == (4, "Provincie Limburg")
    assert "(rows 1, 2) were read as a title" in w.reason
    assert r.matches[0].row == 5  # rows keep the numbers the spreadsheet shows


def test_merged_title_cell_over_two_rows_is_ignored() -> None:
    rows = [
        ["Enquête LIVC 2016 — arrondissement Aarlen"],
        [],
        ["Code INS", "Commune", "Statut", "Date"],
        [81001, "Aarlen", "cellule propre", D],
    ]
    r = _import(xlsx(Sheet("Feuil1", rows, merged=("A1:D2",))), "xlsx")
    assert _statuses(r) == {AARLEN: ("own_cell", None)}
    assert r.header_row == 3
    assert "merged_cells" not in _codes(r.errors)


def test_totals_subtotals_headings_and_notes_are_skipped_and_named() -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Datum"],
        ["Provincie Henegouwen"],
        [53053, "Bergen", "eigen cel", D],
        [57081, "Doornik", "geen", D],
        ["Subtotaal", None, 2],
        ["Province de Namur"],
        [92094, "Namen", "gepland", D],
        ["Sous-total", None, 1],
        ["Grand total", None, 3],
        ["TOTAAL:", None, 3],
        ["Gesamt", None, 3],
        ["* geen antwoord van 3 gemeenten"],
        ["(voorlopige cijfers)"],
        ["Opmerking zie tabblad Toelichting"],
        ["Deze lijst werd opgesteld door de provinciale dienst veiligheid"],
    ]
    r = _import(xlsx(Sheet("Blad1", rows)), "xlsx")
    assert _statuses(r) == {
        BERGEN: ("own_cell", None),
        DOORNIK: ("none", None),
        NAMEN: ("planned", None),
    }
    assert [m.row for m in r.matches] == [3, 4, 7]
    assert [(w.row, w.value) for w in _issues(r.warnings, "total_row")] == [
        (5, "Subtotaal"),
        (8, "Sous-total"),
        (9, "Grand total"),
        (10, "TOTAAL:"),
        (11, "Gesamt"),
    ]
    assert [w.row for w in _issues(r.warnings, "note_row")] == [2, 6, 12, 13, 14, 15]


def test_a_sheet_where_nothing_looks_like_a_header_gives_the_usual_errors() -> None:
    rows = [["Lijst van gemeenten"], ["Plaats", "Toestand", "Wanneer"], ["Luik", "eigen cel", D]]
    r = _import(xlsx(Sheet("Blad1", rows)), "xlsx")
    assert not r.ok and r.snapshot is None
    assert r.header_row == 1  # no header found: the first row, whose errors say what is wrong
    assert _codes(r.errors) >= {"no_commune_column", "no_status_column", "no_date_column"}
    assert _where(r.errors, "values_without_header") == [(1, "B1"), (1, "C1")]
    assert "header_below_titles" not in _codes(r.warnings)


def test_headers_of_the_column_map_find_the_header_below_a_title() -> None:
    rows = [["Overzicht"], ["Plaats", "Toestand"], ["Gent", "gepland"]]
    r = _import(
        xlsx(Sheet("Blad1", rows)),
        "xlsx",
        as_of=D,
        column_map={"Plaats": "commune", "Toestand": "status"},
    )
    assert _statuses(r) == {GENT: ("planned", None)}
    assert r.header_row == 2


TITLED = [
    ["Enquête LIVC — provincie Luik"],
    [],
    ["NIS-code", "Gemeente", "Status", "Datum"],
    [62063, "Luik", "eigen cel", D],
    [92094, "Namen", "geen", D],
]


def test_header_row_forced() -> None:
    data = xlsx(Sheet("Blad1", TITLED))
    r = _import(data, "xlsx", header_row=3)
    assert _statuses(r) == {LUIK: ("own_cell", None), NAMEN: ("none", None)}
    assert r.header_row == 3
    forced = _import(data, "xlsx", header_row=1)  # the title as header: its errors, on row 1
    assert not forced.ok and forced.header_row == 1
    assert _where(forced.errors, "values_without_header") == [(1, "B1"), (1, "C1"), (1, "D1")]
    assert "no_commune_column" in _codes(forced.errors)


@pytest.mark.parametrize(
    ("ext", "row", "code", "last", "unit"),
    [
        ("xlsx", 2, "header_row_empty", "5", "row"),
        ("xlsx", 40, "header_row_beyond", "5", "row"),
        ("csv", 2, "header_row_empty", "5", "line"),
        ("csv", 6, "header_row_beyond", "5", "line"),
    ],
)
def test_header_row_forced_on_an_empty_row_or_beyond_the_last(
    ext: str, row: int, code: str, last: str, unit: str
) -> None:
    if ext == "csv":
        data = "Enquête LIVC\n\nNIS-code;Gemeente;Status;Datum\n62063;Luik;eigen cel;2016-05-27\n"
        data += "92094;Namen;geen;2016-05-27\n"
        r = _import(data.encode(), ext, header_row=row)
    else:
        r = _import(xlsx(Sheet("Blad1", TITLED)), ext, header_row=row)
    assert not r.ok
    assert [(e.code, e.row) for e in r.errors] == [(code, row)]
    assert dict(r.errors[0].params) == {"row": str(row), "last": last, "unit": unit}


# ---------------------------------------------------------------------------- finding the sheet

DATA_2016 = Sheet("2016", [HEADER, [62063, "Luik", "eigen cel", None, D]])
OLD_2016 = Sheet("Oud", [HEADER, [62063, "Luik", "geen", None, D]], hidden=True)


def test_notes_sheet_first_and_other_sheets_with_communes_are_named() -> None:
    data_2015 = Sheet("2015", [HEADER, [62063, "Luik", "gepland", None, dt.date(2015, 5, 1)]])
    r = _import(xlsx(NOTES, DATA_2016, data_2015), "xlsx")
    assert _statuses(r) == {LUIK: ("own_cell", None)}
    assert dict(r.info)["sheet"] == "2016"
    (w,) = _issues(r.warnings, "sheet_chosen_others")
    assert dict(w.params) == {"sheet": "'2016'", "others": "'2015'"}
    assert "sheet '2016' was read" in w.reason and "'2015' also" in w.reason
    r2015 = _import(xlsx(NOTES, DATA_2016, data_2015), "xlsx", sheet="2015")
    assert _statuses(r2015) == {LUIK: ("planned", None)}


def test_notes_sheet_explaining_the_columns_is_not_chosen() -> None:
    notes = Sheet(
        "Toelichting",
        [
            ["Bevraging LIVC 2016"],
            [],
            ["Kolom", "Uitleg"],
            ["NIS-code", "de vijfcijferige code van Statbel"],
            ["Gemeente", "de naam van de gemeente"],
            ["Status", "eigen cel, gedeelde cel, geen of gepland"],
        ],
    )
    r = _import(xlsx(notes, DATA_2016), "xlsx")
    assert _statuses(r) == {LUIK: ("own_cell", None)}
    assert dict(r.info)["sheet"] == "2016"


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_hidden_sheet_is_not_chosen_but_reported(ext: str) -> None:
    r = _import(WRITERS[ext](OLD_2016, DATA_2016), ext)
    assert _statuses(r) == {LUIK: ("own_cell", None)}
    assert r.sheets == ("Oud", "2016") and dict(r.info)["sheet"] == "2016"
    (w,) = _issues(r.warnings, "hidden_sheet")
    assert dict(w.params) == {"sheet": "'Oud'"}


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_hidden_sheet_chosen_explicitly_is_read_with_a_warning(ext: str) -> None:
    r = _import(WRITERS[ext](OLD_2016, DATA_2016), ext, sheet="OUD")  # case-insensitive
    assert _statuses(r) == {LUIK: ("none", None)}
    assert dict(r.info)["sheet"] == "Oud"
    (w,) = _issues(r.warnings, "hidden_sheet_read")
    assert dict(w.params) == {"sheet": "'Oud'"}


def test_unknown_sheet_is_an_error_listing_the_sheets() -> None:
    r = _import(xlsx(NOTES, OLD_2016, DATA_2016), "xlsx", sheet="Blad1")
    assert not r.ok
    (e,) = r.errors
    assert (e.code, e.value) == ("sheet_not_found", "Blad1")
    assert dict(e.params)["sheets"] == "'Toelichting', 'Oud', '2016'"
    assert r.sheets == ("Toelichting", "Oud", "2016")


# ---------------------------------------------------------------------------- cells


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_codes_as_numbers_apostrophes_non_breaking_spaces_and_serial_dates(ext: str) -> None:
    rows = [
        ["NIS-code\u00a0", "Gemeente", "Status", "Datum"],
        [62063, "Luik", "eigen cel", 42517],
        [92094.0, "Namen", "geen", 42517],
        ["'53053", "\u00a0Bergen\u00a0", "gepland", 42517.0],
        ["57081\u00a0", "Doornik", "\u00a0geen", 42517],
    ]
    r = _import(WRITERS[ext](Sheet("Blad1", rows)), ext)
    assert _statuses(r) == {
        LUIK: ("own_cell", None),
        NAMEN: ("none", None),
        BERGEN: ("planned", None),
        DOORNIK: ("none", None),
    }
    assert r.snapshot.as_of == D
    (w,) = _issues(r.warnings, "date_serial")
    assert (w.row, w.cell, w.value, dict(w.params)) == (2, "D2", "42517", {"date": "2016-05-27"})
    assert "code_name_disagree" not in _codes(r.warnings) | _codes(r.errors)


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_date_cells_with_and_without_a_time(ext: str) -> None:
    rows = [
        ["Gemeente", "Status", "Datum"],
        ["Gent", "gepland", dt.datetime(2016, 5, 27)],
        ["Hasselt", "geen", D],
    ]
    r = _import(WRITERS[ext](Sheet("Blad1", rows)), ext)
    assert _statuses(r) == {GENT: ("planned", None), HASSELT: ("none", None)}
    assert r.snapshot.as_of == D
    assert "date_serial" not in _codes(r.warnings)


@pytest.mark.parametrize("ext", ["xlsx", "ods"])
def test_hidden_rows_are_read_and_listed(ext: str) -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Datum"],
        [62063, "Luik", "eigen cel", D],
        [92094, "Namen", "geen", D],
        [57081, "Doornik", "geen", D],
    ]
    r = _import(WRITERS[ext](Sheet("Blad1", rows, hidden_rows=(3, 4))), ext)
    assert _statuses(r) == {
        LUIK: ("own_cell", None),
        NAMEN: ("none", None),
        DOORNIK: ("none", None),
    }
    (w,) = _issues(r.warnings, "hidden_rows")
    assert w.row == 3 and dict(w.params)["count"] == 2
    assert "(rows 3, 4)" in w.reason


FORMULAS = [
    ["NIS-code", "Gemeente", "Status", "Datum"],
    [62063, "Luik", "eigen cel", D],
    ["=92000+94", "Namen", '=IF(1,"geen","eigen cel")', D],
]


@pytest.mark.parametrize("ext", ["xlsx", "xlsm"])
def test_formula_without_a_saved_value_is_an_error_naming_the_cell(ext: str) -> None:
    r = _import(WRITERS[ext](Sheet("Blad1", FORMULAS)), ext)  # openpyxl saves no value
    assert not r.ok
    assert [(e.code, e.row, e.column, e.cell, e.value) for e in r.errors] == [
        ("formula_no_value", 3, "NIS-code", "A3", "=92000+94"),
        ("formula_no_value", 3, "Status", "C3", '=IF(1,"geen","eigen cel")'),
    ]


def test_formula_saved_value_is_read_with_a_warning() -> None:
    """A bug until d6b7e0e: the warning's text wanted {cell}, which went to the issue's cell
    instead (KeyError: the import crashed)."""
    data = xlsx(Sheet("Blad1", FORMULAS), cached={"A3": 92094, "C3": "geen"})
    r = _import(data, "xlsx")
    assert _statuses(r) == {LUIK: ("own_cell", None), NAMEN: ("none", None)}
    (w,) = _issues(r.warnings, "formula_values")
    assert (w.row, w.cell, dict(w.params)["count"]) == (3, "A3", 2)
    assert "2 cells of the list hold formulas (first: A3)" in w.reason


def test_formula_saved_value_in_an_ods_is_read() -> None:
    data = ods(Sheet("Blad1", FORMULAS), formulas={"A3": 92094, "C3": "geen"})
    r = _import(data, "ods")
    assert _statuses(r) == {LUIK: ("own_cell", None), NAMEN: ("none", None)}
    (w,) = _issues(r.warnings, "formula_values")
    assert (w.row, w.cell, dict(w.params)["count"]) == (3, "A3", 2)


def test_formula_without_a_saved_value_in_an_ods_is_an_error_naming_the_cell() -> None:
    r = _import(ods(Sheet("Blad1", FORMULAS), formulas={"A3": 92094, "C3": None}), "ods")
    assert [(e.code, e.row, e.column, e.cell) for e in r.errors] == [
        ("formula_no_value", 3, "Status", "C3")
    ]


@pytest.mark.parametrize("ext", ["xlsx", "ods", "xls"])
def test_merged_cells_in_the_list_are_an_error(ext: str) -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Cel", "Datum"],
        [53053, "Bergen", "gedeelde cel", "LIVC Henegouwen", D],
        [57081, "Doornik", "gedeelde cel", None, D],
    ]
    r = _import(WRITERS[ext](Sheet("Blad1", rows, merged=("D2:D3",))), ext)
    assert not r.ok
    assert [(e.code, e.row, e.column, e.cell, e.value) for e in r.errors] == [
        ("merged_cells", 2, "Cel", "D2", "D2:D3")
    ]


# ---------------------------------------------------------------------------- CSV


def test_csv_saved_from_excel_with_title_lines() -> None:
    """Belgian Excel saves CSV with semicolons and pads every line to the table's width."""
    text = (
        "Bevraging LIVC, provincie Henegouwen, mei 2016;;;;\r\n"
        ";;;;\r\n"
        "NIS-code;Gemeente;Status;Cel;Datum\r\n"
        "'53053;Bergen\u00a0;gedeelde cel;LIVC Henegouwen;42517\r\n"
        "57081;\u00a0Doornik;gedeelde cel;LIVC Henegouwen;42517\r\n"
        "Totaal;;2;;\r\n"
        "Bron: bevraging bij de gemeenten;;;;\r\n"
    )
    r = _import(text.encode("cp1252"), "csv")
    assert _statuses(r) == {
        BERGEN: ("shared_cell", "LIVC Henegouwen"),
        DOORNIK: ("shared_cell", "LIVC Henegouwen"),
    }
    assert r.snapshot.as_of == D
    assert r.header_row == 3
    info = dict(r.info)
    assert (info["format"], info["delimiter"], info["header_row"]) == ("CSV", "semicolon", "3")
    assert [(w.code, w.row) for w in r.warnings] == [
        ("header_below_titles", 3),
        ("date_serial", 4),
        ("total_row", 6),
        ("note_row", 7),
    ]


def test_csv_title_with_commas_does_not_decide_the_delimiter() -> None:
    text = (
        "Enquête LIVC, arrondissement Gent, stand van zaken, mei 2016\n"
        "\n"
        "NIS-code;Gemeente;Status;Datum;Opmerking\n"
        "44021;Gent;gepland;27/05/2016;antwoord, per mail\n"
        "71022;Hasselt;eigen cel;27/05/2016;\n"
    )
    r = _import(text.encode(), "csv")
    assert _statuses(r) == {GENT: ("planned", None), HASSELT: ("own_cell", None)}
    assert dict(r.info)["delimiter"] == "semicolon"
    assert r.snapshot.as_mapping()[GENT].comment == "antwoord, per mail"
    (w,) = _issues(r.warnings, "header_below_titles")
    assert w.row == 3


# ---------------------------------------------------------------------------- skipped rows
# The three tests below failed until d6b7e0e: the rows were skipped, yet made errors.


def test_somme_leuze_is_a_commune_not_a_total() -> None:
    """'somme' (French for sum) starts a total row, but also the name of Somme-Leuze."""
    rows = [
        ["Gemeente", "Status", "Datum"],
        ["Somme-Leuze", "geen", D],
        ["Havelange", "eigen cel", D],
    ]
    r = _import(xlsx(Sheet("Blad1", rows)), "xlsx")
    assert _statuses(r) == {SOMME_LEUZE: ("none", None), HAVELANGE: ("own_cell", None)}
    assert "total_row" not in _codes(r.warnings)


def test_merged_total_and_note_rows_below_the_list_are_skipped() -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Datum"],
        [62063, "Luik", "eigen cel", D],
        ["Totaal", None, 1],
        ["Bron: bevraging bij de gemeenten, mei 2016"],
    ]
    r = _import(xlsx(Sheet("Blad1", rows, merged=("A3:B3", "A4:D4"))), "xlsx")
    assert _statuses(r) == {LUIK: ("own_cell", None)}
    assert _where(r.warnings, "total_row") == [(3, "")]
    assert _where(r.warnings, "note_row") == [(4, "")]


def test_formula_of_a_skipped_total_row_is_not_an_error() -> None:
    rows = [
        ["NIS-code", "Gemeente", "Status", "Datum"],
        [62063, "Luik", "eigen cel", D],
        [92094, "Namen", "geen", D],
        ["Totaal", "=COUNTA(B2:B3)"],
    ]
    r = _import(xlsx(Sheet("Blad1", rows)), "xlsx")
    assert _statuses(r) == {LUIK: ("own_cell", None), NAMEN: ("none", None)}
    assert _where(r.warnings, "total_row") == [(4, "")]
