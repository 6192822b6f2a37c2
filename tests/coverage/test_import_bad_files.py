"""Bad membership files, generated here: each gives a specific error at its row / column,
and never a snapshot (no partial load)."""

from __future__ import annotations

import codecs
import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from dashboard.coverage.importer import MAX_BYTES, ImportIssue, ImportResult, import_membership
from tests.coverage.membership_fixtures import HEADER, csv_text, geography, run, xlsx

D = "2016-05-27"


@dataclass(frozen=True)
class Case:
    id: str
    content: bytes | str
    reason: str  # substring of the error's reason
    row: int | None
    column: str
    suggestion: str = ""  # substring of the error's suggestion
    value: str | None = None
    kwargs: dict = field(default_factory=dict)
    name: str = "m.csv"
    cell: str = ""


def _zip(files: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def _garbage(n: int = 3000) -> bytes:
    rnd = random.Random(7)
    return bytes(rnd.randrange(256) for _ in range(n))


def _many_rows(n: int) -> str:
    return HEADER + "".join(f"11001,Aartselaar,none,,{D},\n" for _ in range(n))


CASES = [
    # ---------------------------------------------------------------- not a table at all
    Case("empty", b"", "the file is empty", None, "", "membership_template.csv"),
    Case("blank-lines-only", "\r\n \n\t\n", "the file is empty", None, ""),
    Case("bom-only", codecs.BOM_UTF8, "the file is empty", None, ""),
    Case("binary-garbage", b"\x00\x01" + _garbage(), "the content is binary", None, "",
         "save the list as .xlsx or as CSV"),
    Case("controls-garbage", bytes(range(1, 9)) * 300, "the content is binary", None, ""),
    Case("pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "this is a PDF document", None, ""),
    Case("xls-ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
         "cannot read the .xls workbook", None, "", ".xlsx", name="m.xls"),
    Case("png", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image", None, ""),
    Case("zip-not-xlsx", _zip({"readme.txt": "hello"}), "this is a ZIP archive", None, "",
         name="m.xlsx"),
    Case("docx", _zip({"word/document.xml": "<w/>", "[Content_Types].xml": ""}),
         "this is a Word document", None, "", ".ods", name="m.xlsx"),
    Case("broken-ods", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                             "content.xml": "<x/>"}), "cannot read the workbook", None, "",
         name="m.ods"),
    Case("damaged-zip", b"PK\x03\x04" + _garbage(500), "damaged ZIP archive", None, "",
         name="m.xlsx"),
    Case("broken-xlsx", _zip({"xl/workbook.xml": "<not really>", "[Content_Types].xml": ""}),
         "cannot read the workbook", None, "", "save it again", name="m.xlsx"),
    # ---------------------------------------------------------------- size
    Case("too-many-bytes", HEADER + "x" * (MAX_BYTES + 10), "file too large", None, "",
         "split the file"),
    Case("too-many-rows", _many_rows(120), "too many rows: more than 100", 102, "",
         kwargs={"max_rows": 100}),
    # ---------------------------------------------------------------- encodings
    Case("bad-utf8-after-bom", codecs.BOM_UTF8 + b"nis_code,commune\n\xff\xfe\xfa",
         "byte-order mark but is not valid UTF-8-SIG", None, "", "CSV UTF-8"),
    Case("cp437-mojibake", csv_text(f",La Louvière,none,,{D},").encode("cp437"),
         "unknown commune", 2, "commune", "La Louvière"),
    # ---------------------------------------------------------------- header problems
    Case("header-only", HEADER, "the file has a header only", None, "", "one row per commune"),
    Case("header-only-xlsx", xlsx([["commune", "status", "as_of"]]),
         "the file has a header only", None, "", name="m.xlsx"),
    Case("no-header", f"11001,Aartselaar,none,,{D},\n11004,Boechout,none,,{D},\n",
         "the first row looks like data", 1, "", "nis_code, commune, status"),
    Case("pipe-delimiter", f"nis_code|commune|status|as_of\n11001|Aartselaar|none|{D}\n",
         "separated by '|'", 1, "", "comma, a semicolon or a tab"),
    Case("one-column", "commune\nAartselaar\n", "the header has only one column", 1, ""),
    Case("missing-status", f"commune,as_of\nAartselaar,{D}\n", "no status column", 1, "",
         '--map "Your header=status"'),
    Case("missing-commune", f"status,as_of\nnone,{D}\n", "no commune column", 1, "",
         "Gemeente"),
    Case("missing-date", "commune,status\nAartselaar,none\n", "no as-of date", 1, "",
         "--date"),
    Case("renamed-status", f"commune,Statu,as_of\nAartselaar,none,{D}\n",
         "unrecognised column", 1, "Statu", '--map "Statu=status"'),
    Case("renamed-commune", f"Gemeentee;Status;Datum\nAartselaar;none;{D}\n",
         "unrecognised column", 1, "Gemeentee", "did you mean"),
    Case("extra-column", f"commune,status,as_of,Population\nAartselaar,none,{D},14000\n",
         "unrecognised column", 1, "Population", '"Population=ignore"'),
    Case("extra-column-xlsx", xlsx([["commune", "status", "as_of", "Province"],
                                    ["Aartselaar", "none", D, "Antwerpen"]]),
         "unrecognised column", 1, "Province", "--map", name="m.xlsx", cell="D1"),
    Case("two-status-columns", f"commune,Statut,Status,as_of\nAartselaar,none,none,{D}\n",
         "two columns mean status", 1, "Status", '"Status=ignore"'),
    Case("values-without-header", f"commune,status,as_of,\nAartselaar,none,{D},oops\n",
         "has values but no header", 1, "column 4"),
    Case("map-missing-header", f"commune,status,as_of\nAartselaar,none,{D}\n",
         "names a column that is not in the file", None, "Etat", "'commune'",
         kwargs={"column_map": {"Etat": "status"}}),
    Case("map-unknown-field", f"commune,Etat,as_of\nAartselaar,none,{D}\n",
         "unknown field 'statsu'", None, "Etat", "did you mean 'status'",
         kwargs={"column_map": {"Etat": "statsu"}}),
    # ---------------------------------------------------------------- row shape
    Case("unquoted-delimiter", csv_text(f"11001,Aartselaar,none,,{D},a, b"),
         "this row has 7 values but the header has 6 columns", 2, "", "double quotes"),
    Case("no-commune-on-row", csv_text(f",,none,,{D},comment"), "no commune on this row",
         2, "nis_code"),
    # ---------------------------------------------------------------- statuses
    Case("unknown-status", csv_text(f"11001,Aartselaar,ouais,,{D},"), "unknown status", 2,
         "status", "own_cell, shared_cell", value="ouais"),
    Case("status-typo", csv_text(f"11002,Antwerpen,gedeeld cell,Z,{D},"), "unknown status",
         2, "status", "'gedeelde cel' (shared_cell)"),
    Case("empty-status", csv_text(f"11001,Aartselaar,,,{D},"), "empty status", 2, "status",
         "'unknown'"),
    Case("yes-without-cell", csv_text(f"11001,Aartselaar,oui,,{D},"),
         "not whether it is its own or shared", 2, "status", "name the cell"),
    # ---------------------------------------------------------------- communes
    Case("unknown-code", csv_text(f"99999,,none,,{D},"), "unknown NIS code", 2, "nis_code",
         "REFNIS", value="99999"),
    Case("code-typo", csv_text(f"11010,,none,,{D},"), "unknown NIS code", 2, "nis_code",
         "Aartselaar (11001)"),
    Case("code-not-5-digits", csv_text(f"1100,,none,,{D},"), "not a 5-digit NIS code", 2,
         "nis_code"),
    Case("code-letters", csv_text(f"x,,none,,{D},"), "not a 5-digit NIS code", 2,
         "nis_code"),
    Case("unknown-name-typo", csv_text(f",Antwerpn,none,,{D},"), "unknown commune", 2,
         "commune", "'Antwerpen (11002)'"),
    Case("unknown-name-random", csv_text(f",Qwxyzt,none,,{D},"), "unknown commune", 2,
         "commune", "check the spelling"),
    Case("ambiguous-name", csv_text(f",Saint-Nicolas,none,,{D},"),
         "ambiguous commune name: it names 2 communes", 2, "commune", "nis_code"),
    Case("ambiguous-name-nl-sint", csv_text(f",St Nicolas,none,,{D},"),
         "(46021)", 2, "commune"),
    Case("code-name-disagree", csv_text(f"11001,Boechout,none,,{D},"),
         "code and name disagree", 2, "commune", "correct the code or the name"),
    Case("merged-later-name-too-early", csv_text(f",Puurs-Sint-Amands,none,,{D},"),
         "did not exist on 2016-05-27", 2, "commune", "Puurs (12030), Sint-Amands (12034)"),
    Case("merged-later-code-too-early", csv_text(f"12041,,none,,{D},"),
         "did not exist on 2016-05-27", 2, "nis_code", "separate rows"),
    Case("duplicate-commune", csv_text(f"11001,Aartselaar,none,,{D},",
                                       f"11004,Boechout,none,,{D},",
                                       f"11001,Aartselaar,none,,{D},"),
         "duplicate commune: Aartselaar (11001) is already on row 2", 4, "commune",
         "keep one row"),
    Case("duplicate-via-names", csv_text(f",Anvers,none,,{D},", f",antwerpen,none,,{D},"),
         "is already on row 2 ('Anvers' and 'antwerpen'", 3, "commune"),
    Case("duplicate-via-2025-merger", csv_text(",Antwerpen,none,,2025-03-01,",
                                               ",Borsbeek,none,,2025-03-01,"),
         "row 2 names Antwerpen (11002) and row 3 names Borsbeek (11007, 1977-2018), "
         "a former commune that is part of Antwerpen (11002) in vintage 2025", 3,
         "commune", "or the rows for its former parts, not both"),
    Case("part-before-merged-commune", csv_text(",Puurs,none,,2020-06-30,",
                                                "12041,Puurs-Sint-Amands,own,,2020-06-30,"),
         "row 3 names Puurs-Sint-Amands (12041) and row 2 names Puurs (12030, 1977-2018)", 3,
         "nis_code"),  # the code decides the commune: the error points at it
    Case("same-former-part-twice", csv_text(",Sint-Amands,none,,2020-06-30,",
                                            "12034,,own cell,,2020-06-30,"),
         "duplicate commune: Sint-Amands (12034, 1977-2018) is already on row 2", 3,
         "nis_code", "keep one row"),
    Case("former-parts-in-two-cells", csv_text(",Puurs,own,LIVC Puurs,2020-06-30,",
                                               ",Sint-Amands,own,LIVC Sint-Amands,2020-06-30,"),
         "commune in two cells: Puurs-Sint-Amands (12041) is in cell 'LIVC Puurs' on row 2",
         3, "cell", value="LIVC Sint-Amands"),
    Case("commune-in-two-cells", csv_text(f"11002,Antwerpen,shared,Zone A,{D},",
                                          f"11007,Borsbeek,shared,Zone A,{D},",
                                          f"11004,Boechout,shared,Zone B,{D},",
                                          f"11001,Aartselaar,shared,Zone B,{D},",
                                          f"11002,Antwerpen,shared,Zone B,{D},"),
         "commune in two cells", 6, "cell", "at most one cell", value="Zone B"),
    # ---------------------------------------------------------------- cells
    Case("shared-with-one-member", csv_text(f"11002,Antwerpen,cellule partagée,Zone A,{D},"),
         "it is the only commune of cell 'Zone A'", 2, "status", "write 'own cell'"),
    Case("own-with-two-members", csv_text(f"11002,Antwerpen,own,Zone A,{D},",
                                          f"11007,Borsbeek,shared,Zone A,{D},"),
         "marked own cell, but cell 'Zone A' has 2 member communes (rows 2, 3)", 2,
         "status", "shared cell"),
    Case("none-with-cell", csv_text(f"11001,Aartselaar,geen,LIVC A,{D},"),
         "but the row names a cell", 2, "cell", "clear the cell"),
    # ---------------------------------------------------------------- dates
    Case("mixed-dates", csv_text(f"11001,Aartselaar,none,,{D},", "11004,Boechout,none,,"
                                 "2017-01-01,"),
         "as-of date 2017-01-01 differs from 2016-05-27 (row 2)", 3, "as_of", "split the file"),
    Case("unparseable-date", csv_text("11001,Aartselaar,none,,27 mai 2016,"),
         "unreadable date: not a date in a known format", 2, "as_of", "YYYY-MM-DD"),
    Case("two-digit-year", csv_text("11001,Aartselaar,none,,27/05/16,"),
         "the year has two digits", 2, "as_of"),
    Case("impossible-date", csv_text("11001,Aartselaar,none,,31/02/2016,"),
         "no such day", 2, "as_of"),
    Case("excel-serial-date-argument", "commune,status\nAartselaar,none\n",
         "looks like an Excel date serial number", None, "--date", kwargs={"as_of": "42517"}),
    Case("date-before-vintages", csv_text("11001,Aartselaar,none,,1950-01-01,"),
         "outside every commune vintage", 2, "as_of", "check the year"),
    Case("date-in-future", csv_text("11001,Aartselaar,none,,2031-01-01,"),
         "is in the future", 2, "as_of"),
    Case("date-argument-contradicts", csv_text(f"11001,Aartselaar,none,,{D},"),
         "contradicts the date given (2017-01-01)", 2, "as_of", "leave out --date",
         kwargs={"as_of": "2017-01-01"}),
    Case("date-argument-invalid", "commune,status\nAartselaar,none\n",
         "the date given is not valid", None, "--date", kwargs={"as_of": "yesterday"}),
    Case("date-column-empty", csv_text("11001,Aartselaar,none,,,"),
         "the date column is empty on every row", None, ""),
    # ---------------------------------------------------------------- formulas / injection
    Case("csv-formula", csv_text(f'11001,"=HYPERLINK(""http://x"")",none,,{D},'),
         "may not start with = + - @", 2, "commune", "remove the leading character"),
    Case("csv-at-injection", csv_text(f"11001,Aartselaar,none,,{D},@SUM(A1)"),
         "CSV injection", 2, "source_comment"),
    Case("csv-plus-injection", csv_text(f"11001,Aartselaar,+own,,{D},"),
         "may not start with", 2, "status"),
    Case("xlsx-formula", xlsx([["commune", "status", "as_of"],
                               ["Aartselaar", "none", D],
                               ["Boechout", '=IF(1,"none","own")', D]]),
         "formula with no saved value", 3, "status", "let it calculate", name="m.xlsx",
         cell="B3"),
    Case("xlsx-text-formula", xlsx([["commune", "status", "as_of"],
                                    ["@cmd", "none", D]]),
         "may not start with", 2, "commune", name="m.xlsx", cell="A2"),
    # ---------------------------------------------------------------- XLSX structure
    Case("xlsx-merged", xlsx([["commune", "status", "cell", "as_of"],
                              ["Antwerpen", "shared", "Zone A", D],
                              ["Borsbeek", "shared", None, D]], merged=("C2:C3",)),
         "merged cells C2:C3", 2, "cell", "unmerge", name="m.xlsx", cell="C2"),
    Case("xlsx-wrong-sheet", xlsx([["commune", "status", "as_of"], ["Aartselaar", "none", D]],
                                  extra_sheets=("Notes",)),
         "no sheet named 'Leden'", None, "", "'Membres', 'Notes'", name="m.xlsx",
         kwargs={"sheet": "Leden"}),
    Case("xlsx-empty-first-sheet", xlsx([], extra_sheets=("Data",)), "is empty", None, "",
         "--sheet", name="m.xlsx"),
    Case("xlsx-bad-date", xlsx([["commune", "status", "as_of"],
                                ["Aartselaar", "none", "mai 2016"]]),
         "unreadable date", 2, "as_of", name="m.xlsx", cell="C2"),
]  # fmt: skip


def _find(result: ImportResult, reason: str) -> ImportIssue:
    found = [e for e in result.errors if reason in e.reason]
    assert found, f"no error with {reason!r}; got: {[str(e) for e in result.errors]}"
    return found[0]


def test_there_are_at_least_40_bad_files() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_bad_file(case: Case) -> None:
    result = run(case.content, name=case.name, **case.kwargs)
    assert not result.ok
    assert result.snapshot is None  # never a partial load
    err = _find(result, case.reason)
    assert err.file == case.name
    assert (err.row, err.column) == (case.row, case.column), str(err)
    assert case.suggestion in err.suggestion, str(err)
    if case.value is not None:
        assert err.value == case.value
    if case.cell:
        assert err.cell == case.cell
    assert str(err).startswith(err.location())
    assert err.severity == "error"


def test_large_file_on_disk_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as f:
        f.write(HEADER.encode())
        f.seek(MAX_BYTES + 1000)
        f.write(b"\n")
    r = import_membership(path, geography=geography())
    assert "file too large" in r.errors[0].reason
    assert r.errors[0].file == "big.csv"


def test_missing_file() -> None:
    r = import_membership("/nonexistent/file.csv", geography=geography())
    assert "file not found" in r.errors[0].reason


def test_errors_are_sorted_by_row_and_all_reported() -> None:
    text = csv_text(
        f"11001,Aartselaar,ouais,,{D},",
        f"99999,,none,,{D},",
        f",Saint-Nicolas,none,,{D},",
    )
    r = run(text)
    assert [e.row for e in r.errors] == [2, 3, 4]


def test_many_errors_are_capped() -> None:
    text = HEADER + "".join(f"11001,Aartselaar,bad{i},,{D},\n" for i in range(300))
    r = run(text)
    assert len(r.errors) == 201
    assert "more errors not listed" in r.errors[-1].reason


def test_a_cell_from_one_row_only_after_duplicate_reports_once() -> None:
    text = csv_text(",Antwerpen,shared,Z,2025-03-01,", ",Borsbeek,shared,Z,2025-03-01,")
    r = run(text)
    assert [e.reason.split(":")[0] for e in r.errors] == ["duplicate commune"]
