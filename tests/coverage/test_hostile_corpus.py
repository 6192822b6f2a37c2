"""Every file of the hostile corpus (:mod:`tests.coverage.hostile`) through the importer and
through ``csil-dashboard validate``: refused with a clear error (or accepted safely where the
case says so), each error placed where it applies, no exception, no traceback, bounded time
and memory."""

from __future__ import annotations

import resource
import time
import tracemalloc
from pathlib import Path

import pytest

from dashboard.coverage.importer import (
    MAX_ERRORS,
    ImportResult,
    formula_like,
    import_membership,
    safe_file_name,
)
from dashboard.coverage.messages import REASONS
from dashboard.coverage.validate import validate_file
from tests.coverage.hostile import BY_ID, CORPUS, HostileCase, raw_xlsx
from tests.coverage.membership_fixtures import TODAY, geography, run

GEO = geography()
SECONDS = 15.0  # per import: loose, a busy 2-core machine
MEMORY = 300 * 2**20

#: Problems of the whole file: no row, no column.
FILE_CODES = frozenset({
    "empty_file", "empty_csv", "wrong_format", "zip_not_xlsx", "binary_content", "damaged_zip",
    "workbook_too_large", "zip_part_too_large", "zip_bomb", "xml_dtd", "xlsx_unreadable",
    "xls_unreadable", "workbook_protected", "no_worksheet", "empty_sheet", "file_too_large",
    "sheet_too_large", "too_slow", "unexpected_error", "more_errors", "bad_bom",
    "workbook_too_costly",
})  # fmt: skip
#: Problems of a line or row: a row number.
ROW_CODES = frozenset({
    "csv_field_too_long", "csv_unreadable", "too_many_rows", "too_many_cells_csv",
    "too_many_cells", "row_too_long", "no_commune_on_row", "mixed_dates",
})  # fmt: skip
#: Problems of one cell: a row and a column.
CELL_CODES = frozenset({
    "formula_start", "control_character", "value_too_long", "formula_no_value",
    "unknown_name", "unknown_name_near", "unknown_code", "unknown_code_near", "not_a_code",
    "unknown_status", "unknown_status_near", "empty_status", "unreadable_date",
    "date_in_future", "code_name_disagree", "duplicate_commune", "duplicate_commune_alias",
    "commune_in_two_cells", "merged_cells",
})  # fmt: skip


def _check_issues(case: HostileCase, result: ImportResult) -> None:
    assert result.ok == case.accepted, [str(e) for e in result.errors]
    if not case.accepted:
        assert result.snapshot is None  # never a partial load
    got = {i.code for i in (result.warnings if case.accepted else result.errors)}
    if case.expect:
        assert got & set(case.expect), (case.expect, [str(i) for i in result.errors])
    if case.check is not None:
        assert case.check(result), [str(e) for e in (*result.errors, *result.warnings)]
    for e in (*result.errors, *result.warnings):
        assert e.code in REASONS and e.reason.strip(), e
        assert "Traceback" not in e.reason
        if e.code in FILE_CODES:
            assert e.row is None and not e.column, e
        if e.code in ROW_CODES | CELL_CODES:
            assert e.row is not None and e.row > 0, e
        if e.code in CELL_CODES:
            assert e.column, e
        text = str(e)
        assert not any(ord(ch) < 32 and ch not in "\t" for ch in text), repr(text)


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.id)
def test_import_refuses_or_accepts_safely(case: HostileCase) -> None:
    data = case.make()
    rss = _rss()
    if case.big:
        tracemalloc.start()
    start = time.monotonic()
    try:
        result = run(data, name=case.filename)
    finally:
        peak = tracemalloc.get_traced_memory()[1] if case.big else 0
        tracemalloc.stop()
    assert time.monotonic() - start < SECONDS
    assert peak < MEMORY and _rss() - rss < MEMORY, (peak, _rss() - rss)
    _check_issues(case, result)


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: c.id)
def test_validate_reports_without_traceback(
    case: HostileCase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    suffix = Path(safe_file_name(case.filename)).suffix[:8] or ".csv"
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(case.make())
    start = time.monotonic()
    report, code = validate_file(path, geography=GEO, reconcile=False)
    assert time.monotonic() - start < SECONDS
    assert capsys.readouterr().err == ""
    assert "Traceback" not in report
    assert code == (0 if case.accepted else 1), report
    assert report.rstrip().splitlines()[-1].startswith("OK" if case.accepted else "FAILED")
    assert not any(ord(ch) < 32 and ch not in "\n\t" for ch in report), repr(report[:500])


def test_corpus_is_large_and_distinct() -> None:
    assert len(CORPUS) >= 100
    assert len({c.id for c in CORPUS}) == len(CORPUS)
    blobs = [c.make() for c in CORPUS]
    assert len(set(blobs)) == len(CORPUS)
    assert all(isinstance(b, bytes) for b in blobs)
    assert BY_ID["xlsx-1M-rows"].make() is BY_ID["xlsx-1M-rows"].make()  # built once
    covered = {code for c in CORPUS for code in c.expect}
    assert covered >= {"formula_start", "xml_dtd", "zip_bomb", "too_many_cells",
                       "sheet_too_large", "csv_field_too_long", "control_character",
                       "file_name_changed", "more_errors"}  # fmt: skip


# ---------------------------------------------------------------------------- formulas


@pytest.mark.parametrize(
    "text",
    [
        "=1",
        "+1",
        "-1+2",
        "-x",
        "@SUM(A1)",
        "\t=1",
        "\r=1",
        " =1",
        "\u00a0+1",
        "\u200b=1",
        "\u3000-1+1",
        "- bullet",
    ],  # fmt: skip
)
def test_formula_starts_are_recognised(text: str) -> None:
    assert formula_like(text)


@pytest.mark.parametrize("text", ["-", "--", "—", "–", "-5", "-1,5", "-0.25", "a-b", "Aartselaar"])
def test_dashes_and_negative_numbers_are_not_formulas(text: str) -> None:
    assert not formula_like(text)


def test_saved_text_of_a_formula_cell_is_checked_like_any_text() -> None:
    """A formula cell whose saved value is text that would run as a formula."""
    case = BY_ID["xlsx-saved-value-is-a-formula"]
    r = run(case.make(), name=case.filename)
    (e,) = [e for e in r.errors if e.code == "formula_start"]
    assert (e.row, e.column, e.cell) == (2, "source_comment", "F2")


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("=cmd.csv", "_=cmd.csv"),
        ("  +x.csv", "_+x.csv"),
        ("-x.csv", "_-x.csv"),
        ("@x.csv", "_@x.csv"),
        ("a\x1b[31mb.csv", "a_[31mb.csv"),
        ("x\u202egnp.csv", "x_gnp.csv"),
        ("members 2016.xlsx", "members 2016.xlsx"),
        ("Liège – CSIL.ods", "Liège – CSIL.ods"),
    ],
)
def test_file_names_are_neutralised(given: str, stored: str) -> None:
    assert safe_file_name(given) == stored


def test_neutralised_name_is_the_snapshot_source_with_a_warning() -> None:
    r = run(BY_ID["filename-="].make(), name='=HYPERLINK("http://x").csv')
    assert r.ok and r.snapshot is not None
    assert r.snapshot.source == '_=HYPERLINK("http://x").csv' == r.file
    assert dict(r.snapshot.metadata)["file"] == r.file
    (w,) = [w for w in r.warnings if w.code == "file_name_changed"]
    assert "_=HYPERLINK" in w.reason and w.suggestion.startswith("rename the file")


# ---------------------------------------------------------------------------- bounded work


def test_deadline_stops_the_import_without_a_snapshot() -> None:
    data = BY_ID["many-unknown-names"].make()
    r = import_membership(data, filename="m.csv", geography=GEO, today=TODAY, max_seconds=0)
    assert not r.ok and r.snapshot is None
    (e,) = r.errors
    assert e.code == "too_slow" and e.row is None
    assert "took too long" in e.reason and "split it" in e.suggestion


def test_no_name_suggestions_once_the_error_list_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    from dashboard.coverage.names import NameMatcher

    calls = []
    real = NameMatcher.suggest

    def counting(self: NameMatcher, text: str, limit: int = 3) -> list[str]:
        calls.append(text)
        return real(self, text, limit)

    monkeypatch.setattr(NameMatcher, "suggest", counting)
    r = run(BY_ID["many-unknown-names"].make())
    assert len([e for e in r.errors if e.code != "more_errors"]) == MAX_ERRORS
    (more,) = [e for e in r.errors if e.code == "more_errors"]
    assert dict(more.params)["count"] == str(3000 - MAX_ERRORS)  # still counted
    assert 0 < len(calls) < 4 * MAX_ERRORS  # a few forms per name, for listed errors only


def test_openpyxl_uses_defusedxml() -> None:
    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML is True


def test_external_entity_is_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    dtd = f'<!DOCTYPE w [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>' + dtd + '<worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" '
        't="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>'
    ).encode()
    path = tmp_path / "xxe.xlsx"
    path.write_bytes(raw_xlsx(sheet))
    report, code = validate_file(path, geography=GEO, reconcile=False)
    assert code == 1 and "TOP-SECRET-VALUE" not in report
    assert "declares XML entities or a document type" in report


def test_big_workbooks_are_refused_quickly() -> None:
    """The 1.2-million-cell and the million-row workbooks: refused in seconds, not minutes
    (they took 24-37 s and 129 s before the limits)."""
    for id_ in ("xlsx-1.2M-cells", "xlsx-1M-rows", "xlsx-many-cells", "xlsx-many-rows"):
        data = BY_ID[id_].make()
        start = time.monotonic()
        r = run(data, name="m.xlsx")
        assert not r.ok
        assert time.monotonic() - start < 5.0, id_
