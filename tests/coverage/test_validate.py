"""``csil-dashboard validate``: report text and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.coverage.validate import main_validate, parse_column_map, validate_file
from tests.coverage.membership_fixtures import csv_text, geography

D = "2016-05-27"


def _write(tmp_path: Path, text: str, name: str = "members.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0_and_lists_matches(tmp_path: Path) -> None:
    text = csv_text(",Puurs,own cell,,2020-01-01,", "11001,,none,,2020-01-01,")
    path = _write(tmp_path, text)
    report, code = validate_file(path, geography=geography(), reconcile=False)
    assert code == 0, report
    assert "Errors: none" in report
    assert "row 2: 'Puurs' -> 12041 Puurs-Sint-Amands (by historical name)" in report
    assert "row 3: '11001' -> 11001 Aartselaar (by code)" in report
    # Puurs is now a part of Puurs-Sint-Amands: the historical match and the part warning
    assert report.rstrip().endswith("OK: 2 communes can be imported (2 warning(s))")
    assert (
        f"{path}:2:commune 'Puurs' — this row names the former commune Puurs (12030, "
        "1977-2018), which is part of Puurs-Sint-Amands (12041) in vintage 2019-2024; "
        "Puurs-Sint-Amands (12041) is shown as 'own cell, partly covered' because the file "
        "does not give its other former parts: Sint-Amands (12034, 1977-2018) — add a row "
        "for each missing former part whose status you know" in report
    )


def test_report_of_former_parts_that_disagree(tmp_path: Path) -> None:
    text = csv_text(",Puurs,own cell,,2020-01-01,", ",Sint-Amands,none,,2020-01-01,")
    report, code = validate_file(_write(tmp_path, text), geography=geography(), reconcile=False)
    assert code == 0, report
    assert "the rows for the former parts of Puurs-Sint-Amands (12041) disagree" in report
    assert "this row names the former commune" not in report  # both parts are in the file
    assert "row 3: 'Sint-Amands' -> 12041 Puurs-Sint-Amands (by historical name)" in report


def test_broken_file_exits_1_with_file_row_column(tmp_path: Path) -> None:
    path = _write(tmp_path, csv_text(f"11001,Aartselaar,ouais,,{D},"))
    report, code = validate_file(path, geography=geography())
    assert code == 1
    assert f"{path}:2:status 'ouais' — unknown status — " in report
    assert "FAILED: 1 error(s); nothing was imported" in report
    assert "Matched communes" not in report


def test_date_sheet_and_map_options(tmp_path: Path) -> None:
    path = _write(tmp_path, "Gemeente;Etat\nAartselaar;geen\n")
    report, code = validate_file(
        path, as_of=D, column_map={"Etat": "status"}, geography=geography(), reconcile=False
    )
    assert code == 0, report


def test_reconciliation_section_is_defensive(tmp_path: Path) -> None:
    path = _write(tmp_path, csv_text(f"11001,Aartselaar,own cell,,{D},"))
    report, code = validate_file(path, geography=geography())
    assert code == 0
    assert "Reconciliation" in report  # computed, or the reason why not


def test_parse_column_map() -> None:
    assert parse_column_map(["Etat=status", "A=B=ignore"]) == {"Etat": "status", "A=B": "ignore"}
    with pytest.raises(ValueError, match="Header=field"):
        parse_column_map(["Etat"])


def test_main_validate_bad_map_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main_validate(["x.csv", "--map", "nothing"]) == 2
    assert "--map takes" in capsys.readouterr().out


def test_coverage_modules_do_not_import_dash() -> None:
    code = (
        "import sys\n"
        "import dashboard.coverage.importer, dashboard.coverage.validate\n"
        "import dashboard.coverage.names, dashboard.coverage.vocab\n"
        "assert 'dash' not in sys.modules and 'plotly' not in sys.modules, 'dash imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])


def test_cli_on_the_illustrative_file_and_a_broken_copy(tmp_path: Path) -> None:
    repo = Path(__file__).parents[2]
    example = repo / "data" / "example_membership_illustrative.csv"
    if not example.is_file():
        pytest.skip("no illustrative example")
    report, code = validate_file(example)
    assert code == 0, report
    lines = example.read_text(encoding="utf-8").splitlines()
    head, *cells = lines[10].split(",")
    lines[10] = ",".join([head, cells[0], "nope", *cells[2:]])
    broken = _write(tmp_path, "\n".join(lines) + "\n", "broken.csv")
    report, code = validate_file(broken)
    assert code == 1
    assert f"{broken}:11:status 'nope' — unknown status" in report


def test_sheet_and_header_row_options_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--sheet` and `--header-row` read a table the automatic choice would not take: a second
    list under a header on row 4 whose first rows look like a header too."""
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Ontwerp"
    first.append(["commune", "status", "as_of"])
    first.append(["Aartselaar", "own cell", D])
    final = wb.create_sheet("Definitief")
    final.append(["commune", "status"])  # an old header, left above the real one
    final.append([])
    final.append(["Opgemaakt door de provincie"])
    final.append(["commune", "status", "as_of"])
    final.append(["Aartselaar", "none", D])
    path = tmp_path / "lists.xlsx"
    wb.save(path)
    geo = geography()

    report, code = validate_file(path, geography=geo, reconcile=False)
    assert code == 0 and "sheet Ontwerp, header row 1" in report, report
    report, code = validate_file(path, sheet="definitief", header_row=4, geography=geo,
                                 reconcile=False)  # fmt: skip
    assert code == 0, report
    assert "sheet Definitief, header row 4" in report
    assert "the header is on row 4: the rows above it (rows 1, 3)" in report
    report, code = validate_file(path, sheet="Definitief", header_row=2, geography=geo,
                                 reconcile=False)  # fmt: skip
    assert code == 1
    assert "row 2 is empty: it cannot be the header" in report
    assert main_validate([str(path), "--sheet", "Definitief", "--header-row", "4"]) == 0
    assert "sheet Definitief, header row 4" in capsys.readouterr().out
