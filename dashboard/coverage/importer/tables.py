"""Reading a file into a raw table: bytes and size limits, encodings, CSV dialects, XLSX sheets."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import DELIMITERS, MAX_UNZIPPED_BYTES
from dashboard.coverage.messages import (
    phrase,
)


@dataclass
class _Table:
    kind: str  # "csv" or "xlsx"
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (row number, values)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> text
    merged: list[tuple[str, int, int]] = field(default_factory=list)  # (range, row, col)

    def cell_ref(self, row: int, col: int) -> str:
        return f"{_letter(col)}{row}" if self.kind == "xlsx" else ""

    def column_name(self, col: int) -> str:
        if col < len(self.header) and self.header[col]:
            return self.header[col]
        return f"column {_letter(col)}" if self.kind == "xlsx" else f"column {col + 1}"


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col + 1)


def _read_source(source: str | Path | bytes, max_bytes: int, log: _Log) -> bytes | None:
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        if not path.is_file():
            log.error(None, "", "", "file_not_found", path=str(path))
            return None
        size = path.stat().st_size
        if size > max_bytes:
            log.error(None, "", "", "file_too_large", size=size, limit=max_bytes)
            return None
        data = path.read_bytes()
    if len(data) > max_bytes:
        log.error(None, "", "", "file_too_large", size=len(data), limit=max_bytes)
        return None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        log.error(None, "", "", "empty_file")
        return None
    return data


_MAGIC: tuple[tuple[bytes, str], ...] = (  # start of the file -> phrase code
    (b"\xd0\xcf\x11\xe0", "format_xls"),  # old .xls, or a password-protected workbook
    (b"%PDF", "format_pdf"),
    (b"\x89PNG", "format_png"),
    (b"\xff\xd8\xff", "format_jpeg"),
    (b"GIF8", "format_gif"),
    (b"\x1f\x8b", "format_gzip"),
    (b"{\\rtf", "format_rtf"),
)


def _parse(data: bytes, sheet: str | None, max_rows: int, log: _Log) -> _Table | None:
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet, max_rows, log)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            log.error(None, "", "", "wrong_format", what=phrase(what))
            return None
    if sheet:
        log.warn(None, "", sheet, "csv_sheet_ignored")
    return _read_csv(data, max_rows, log)


# ---------------------------------------------------------------------------- CSV


def _decode(data: bytes, log: _Log) -> str | None:
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    for bom, encoding in boms:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                log.error(
                    None, "", "", "bad_bom", encoding=encoding.upper(), position=str(exc.start)
                )
                return None
            log.info["encoding"] = "UTF-8 with BOM" if encoding == "utf-8-sig" else encoding
            return text
    guessed = _utf16_without_bom(data)
    if guessed:
        decoded: str | None
        try:
            decoded = data.decode(guessed)
        except UnicodeDecodeError:
            decoded = None
        if decoded is not None:
            text = decoded
            log.info["encoding"] = guessed
            log.warn(None, "", "", "utf16_without_bom", encoding=guessed.upper())
            return text
    for encoding, label in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.info["encoding"] = label
        return text
    log.info["encoding"] = "Latin-1 (fallback)"
    log.warn(None, "", "", "latin1_fallback")
    return data.decode("latin-1")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch not in "\t\r\n" and unicodedata.category(ch) == "Cc")
    return controls > max(2, len(sample) // 100)


def _sniff_delimiter(lines: list[str]) -> str | None:
    """The delimiter that splits the header line into the most fields (comma, semicolon,
    tab), or None when none of them occurs."""
    header = next((ln for ln in lines if ln.strip()), "")
    best, best_count = None, 0
    for delim in (";", "\t", ","):
        fields = next(csv.reader([header], delimiter=delim), [])
        if len(fields) - 1 > best_count:
            best, best_count = delim, len(fields) - 1
    return best


def _read_csv(data: bytes, max_rows: int, log: _Log) -> _Table | None:
    text = _decode(data, log)
    if text is None:
        return None
    if _looks_binary(text):
        log.error(None, "", "", "binary_content")
        return None
    text = text.lstrip("\ufeff")
    if not text.strip():
        log.error(None, "", "", "empty_csv")
        return None
    delim = _sniff_delimiter(text.splitlines()[:50])
    log.info["format"] = "CSV"
    log.info["delimiter"] = DELIMITERS.get(delim or "", "none (one column)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim or ",")
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[object]]] = []
    prev = 0
    try:
        for record in reader:
            start, prev = prev + 1, reader.line_num
            if not any(v.strip() for v in record):
                continue
            if header is None:
                header, header_row = [v.strip() for v in record], start
                continue
            rows.append((start, list(record)))
            if len(rows) > max_rows:
                log.error(start, "", "", "too_many_rows", limit=max_rows)
                return None
    except csv.Error as exc:
        log.error(reader.line_num, "", "", "csv_unreadable", detail=str(exc))
        return None
    if header is None:
        log.error(None, "", "", "empty_csv")
        return None
    if delim is None:
        _check_single_column(header, header_row, log)
    return _Table("csv", header_row, header, rows)


def _check_single_column(header: list[str], row: int, log: _Log) -> None:
    line = header[0] if header else ""
    for other in ("|", ":", "/", "^", "~"):
        if other in line and len(line.split(other)) >= 3:
            log.error(row, "", line, "unsupported_delimiter", delimiter=repr(other))
            return


# ---------------------------------------------------------------------------- XLSX


def _read_xlsx(data: bytes, sheet: str | None, max_rows: int, log: _Log) -> _Table | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.namelist()
            unzipped = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        log.error(None, "", "", "damaged_zip")
        return None
    if "xl/workbook.xml" not in members:
        what = "format_ods" if "content.xml" in members else "format_zip"
        log.error(None, "", "", "zip_not_xlsx", what=phrase(what))
        return None
    if unzipped > MAX_UNZIPPED_BYTES:
        log.error(None, "", "", "workbook_too_large", size=unzipped, limit=MAX_UNZIPPED_BYTES)
        return None
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        log.error(None, "", "", "xlsx_unreadable", detail=f"{type(exc).__name__}: {exc}")
        return None
    ws = _pick_sheet(wb, sheet, log)
    if ws is None:
        return None
    log.info["format"] = "XLSX"
    log.info["sheet"] = ws.title
    return _sheet_table(ws, max_rows, log)


def _pick_sheet(wb: Any, sheet: str | None, log: _Log) -> Any:
    titles = [ws.title for ws in wb.worksheets]
    if not titles:
        log.error(None, "", "", "no_worksheet")
        return None
    if sheet is None:
        return wb.worksheets[0]
    for ws in wb.worksheets:
        if ws.title == sheet:
            return ws
    for ws in wb.worksheets:
        if ws.title.strip().casefold() == sheet.strip().casefold():
            return ws
    log.error(
        None,
        "",
        sheet,
        "sheet_not_found",
        sheet=repr(sheet),
        sheets=", ".join(repr(t) for t in titles),
    )
    return None


def _sheet_table(ws: Any, max_rows: int, log: _Log) -> _Table | None:
    header: list[str] | None = None
    header_row = 0
    rows: list[tuple[int, list[object]]] = []
    formulas: dict[tuple[int, int], str] = {}
    for cells in ws.iter_rows():
        values: list[object] = []
        for j, c in enumerate(cells):
            value = c.value
            if c.data_type == "f" or not isinstance(
                value, str | int | float | bool | dt.date | dt.time | None
            ):
                formulas[(c.row, j)] = str(getattr(value, "text", value))
                value = formulas[(c.row, j)]
            values.append(value)
        if not any(_text(v) for v in values):
            continue
        row = cells[0].row
        if header is None:
            header, header_row = [_text(v) for v in values], row
            continue
        rows.append((row, values))
        if len(rows) > max_rows:
            log.error(row, "", "", "too_many_rows", limit=max_rows)
            return None
    if header is None:
        log.error(None, "", ws.title, "empty_sheet", sheet=repr(ws.title))
        return None
    merged = [(str(r.coord), r.min_row, r.min_col - 1) for r in ws.merged_cells.ranges]
    return _Table("xlsx", header_row, header, rows, formulas, merged)


def _text(value: object) -> str:
    """A cell value as text (XLSX numbers without a spurious '.0')."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
