"""Reading a file into rows of cells: bytes and size limits, the kind of file, encodings and CSV
dialects; the table itself is found by :mod:`~dashboard.coverage.importer.locate`."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import DELIMITERS, MAX_CELLS

HEADER_SCAN_ROWS = 30  # the header is looked for in the first rows that have a value


WORKBOOK = "workbook"  # kinds of table: a sheet of a workbook, or a CSV file
CSV = "csv"


@dataclass(frozen=True)
class _Read:
    """How the user asked a file to be read: a sheet, a header row, headers they mapped."""

    sheet: str | None = None
    header_row: int | None = None
    mapped: frozenset[str] = frozenset()  # headers of the column map, as written


@dataclass
class _Grid:
    """One sheet (or a CSV file) as the rows a person sees, before its header is found."""

    kind: str  # CSV or WORKBOOK
    rows: list[tuple[int, list[object]]]  # (row number, values): the rows with a value
    sheet: str = ""
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> text
    uncached: frozenset[tuple[int, int]] = frozenset()  # formula cells with no saved value
    merged: list[tuple[str, int, int, int]] = field(default_factory=list)  # range, row, col, last
    hidden_rows: frozenset[int] = frozenset()


@dataclass
class _Table:
    kind: str  # CSV or WORKBOOK
    header_row: int
    header: list[str]
    rows: list[tuple[int, list[object]]]  # (row number, values)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> text
    uncached: frozenset[tuple[int, int]] = frozenset()
    merged: list[tuple[str, int, int]] = field(default_factory=list)  # (range, row, col)
    skipped: frozenset[int] = frozenset()  # rows under the header that are not communes

    def cell_ref(self, row: int, col: int) -> str:
        return f"{_letter(col)}{row}" if self.kind == WORKBOOK else ""

    def column_name(self, col: int) -> str:
        if col < len(self.header) and self.header[col]:
            return self.header[col]
        return f"column {_letter(col)}" if self.kind == WORKBOOK else f"column {col + 1}"


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
    """The delimiter (semicolon, tab or comma) that splits the most lines into the same
    number of fields, at least two; or None when none of them occurs.

    Several lines, not the first alone: a title line above the header ("Enquête, mai 2016")
    must not decide.
    """
    best, best_score = None, (0, 0)
    for delim in (";", "\t", ","):
        counts = [_field_count(ln, delim) for ln in lines if ln.strip()]
        split = [n for n in counts if n > 1]
        if not split:
            continue
        common = max(set(split), key=lambda n: (split.count(n), n))
        score = (split.count(common), common)
        if score > best_score:
            best, best_score = delim, score
    return best


def _field_count(line: str, delim: str) -> int:
    """Fields of one line (1 when the csv module refuses it: the reader says why later)."""
    try:
        return len(next(csv.reader([line], delimiter=delim), []))
    except csv.Error:
        return 1


def _read_csv(data: bytes, max_rows: int, log: _Log) -> tuple[_Grid, str | None] | None:
    """The file's records as a grid, and the delimiter (None: one column)."""
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
    delim = _sniff_delimiter(text.splitlines()[:HEADER_SCAN_ROWS])
    log.info["format"] = "CSV"
    log.info["delimiter"] = DELIMITERS.get(delim or "", "none (one column)")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim or ",")
    rows: list[tuple[int, list[object]]] = []
    prev = 0
    cells = 0
    try:
        for record in reader:
            start, prev = prev + 1, reader.line_num
            if start % 256 == 0:
                log.check_time()
            values: list[object] = [_clean(v) for v in record]
            if not any(_text(v) for v in values):
                continue
            rows.append((start, values))
            cells += len(values)
            if len(rows) > max_rows + HEADER_SCAN_ROWS:
                log.error(start, "", "", "too_many_rows", limit=max_rows)
                return None
            if cells > MAX_CELLS:
                log.error(start, "", "", "too_many_cells_csv", limit=MAX_CELLS)
                return None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            log.error(prev + 1, "", "", "csv_field_too_long", limit=csv.field_size_limit())
        else:
            log.error(prev + 1, "", "", "csv_unreadable", detail=str(exc))
        return None
    if not rows:
        log.error(None, "", "", "empty_csv")
        return None
    return _Grid(CSV, rows), delim


def _check_single_column(header: list[str], row: int, log: _Log) -> None:
    line = header[0] if header else ""
    for other in ("|", ":", "/", "^", "~"):
        if other in line and len(line.split(other)) >= 3:
            log.error(row, "", line, "unsupported_delimiter", delimiter=repr(other))
            return


_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u200b": None,
                         "\u2060": None, "\ufeff": None})  # fmt: skip
_APOSTROPHE = re.compile(r"^'(?![st][\s-])")  # not "'s-Gravenbrakel", "'t Veld"


def _clean(value: object) -> object:
    """A cell value as a person means it: non-breaking and zero-width spaces made plain,
    the text trimmed, and the apostrophe that spreadsheets put before a number kept as
    text ("'11002") dropped."""
    if not isinstance(value, str):
        return value
    text = value.translate(_SPACES).strip()
    return _APOSTROPHE.sub("", text, count=1).strip()


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
