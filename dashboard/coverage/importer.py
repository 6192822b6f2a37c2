"""Import a membership file (CSV or XLSX) into a :class:`MembershipSnapshot`.

The result is either a valid snapshot plus warnings and the matched-name report, or a
list of errors, each with file, row, column, value, reason and a suggestion. Never a
partial load: one error and there is no snapshot.

Row numbers are the ones a person sees: the line in a text editor (CSV) or the row in
Excel (XLSX); the header is row 1 when it is the first line. The format is described in
``data/membership_schema.md``; the words accepted are in :mod:`dashboard.coverage.vocab`.

Geography is injected through :class:`Geography` (communes per vintage, a crosswalk with
``translate(code, src, dst)`` and ``names()``, and ``vintage_for_date``), so tests run on
small synthetic frames; :meth:`Geography.from_geodata` wires the real data.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.coverage import vocab
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.names import CodeTranslator, MatchKind, NameMatch, NameMatcher, parse_code

MAX_BYTES = 5_000_000  # a full list of 589 communes is about 40 kB
MAX_ROWS = 10_000
MAX_UNZIPPED_BYTES = 50_000_000  # XLSX: guard against zip bombs
MAX_ERRORS = 200
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
FORMULA_START = ("=", "+", "@", "\t", "\r")
EXAMPLE_MARK = "example"
ILLUSTRATIVE_MARK = "illustrative"
TEMPLATE_COLUMNS = tuple(
    vocab.TEMPLATE_HEADERS[f]
    for f in (vocab.NIS, vocab.COMMUNE, vocab.STATUS, vocab.CELL, vocab.AS_OF, vocab.COMMENT)
)
STATUS_HELP = (
    "accepted: own_cell, shared_cell, planned, none, unknown, or their FR/NL/DE words "
    "(see data/membership_schema.md)"
)
DATE_HELP = "write dates as YYYY-MM-DD (or DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY)"


# ============================================================================ results


@dataclass(frozen=True)
class ImportIssue:
    """One error or warning, located as precisely as possible."""

    file: str
    row: int | None  # the row a person sees; None for the whole file
    column: str  # the header as written in the file ("" for the whole row or file)
    value: str
    reason: str
    suggestion: str = ""
    severity: str = "error"  # "error" or "warning"
    cell: str = ""  # spreadsheet reference (XLSX), e.g. "C5"

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        loc = ":".join(parts)
        return f"{loc} ({self.cell})" if self.cell else loc

    def __str__(self) -> str:
        text = self.location()
        if self.value:
            text += f" {self.value!r}"
        text += f" — {self.reason}"
        if self.suggestion:
            text += f" — {self.suggestion}"
        return text


@dataclass(frozen=True)
class MatchedRow:
    """How one row's commune was recognised."""

    row: int
    text: str  # what the file says (code and/or name)
    nis: str
    official_name: str
    via: str  # "code", "name", "historical name", "historical code"
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    file: str
    snapshot: MembershipSnapshot | None
    errors: tuple[ImportIssue, ...] = ()
    warnings: tuple[ImportIssue, ...] = ()
    matches: tuple[MatchedRow, ...] = ()
    info: tuple[tuple[str, str], ...] = ()  # format, encoding, delimiter, sheet, rows...

    @property
    def ok(self) -> bool:
        return self.snapshot is not None and not self.errors

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


# ============================================================================ geography


def _default_vintage_for_date(day: dt.date) -> str:
    import geodata

    return geodata.vintage_for_date(day).key


class _LazyCrosswalk:
    """``geodata.load_crosswalk`` read on first use (a broken file is reported even
    where the geodata folder is missing)."""

    def __init__(self, source_dir: Path | None) -> None:
        self.source_dir = source_dir
        self._cw: Any = None

    def _get(self) -> Any:
        if self._cw is None:
            import geodata

            self._cw = geodata.load_crosswalk(self.source_dir)
        return self._cw

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        return tuple(self._get().translate(code, src, dst))

    def translate_many(self, codes: Any, src: str, dst: str) -> dict[str, tuple[str, ...]]:
        return dict(self._get().translate_many(codes, src, dst))

    def names(self) -> pd.DataFrame:
        return self._get().names()


@dataclass(frozen=True, eq=False)
class Geography:
    """What the importer needs to know about communes; injectable for tests.

    ``communes``: vintage key -> frame (docs/CONTRACTS.md); ``translator``: a crosswalk
    (``translate(code, src, dst)``); ``names``: every historical name (vintage, nis, lang,
    name), or ``names_loader`` to read it on first use.
    """

    communes: Callable[[str], pd.DataFrame]
    translator: CodeTranslator | None = None
    names: pd.DataFrame | None = None
    vintage_for_date: Callable[[dt.date], Any] = _default_vintage_for_date
    vintages: tuple[str, ...] = ()
    names_loader: Callable[[], pd.DataFrame] | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_geodata(cls, source_dir: Path | None = None) -> Geography:
        """The real geodata (``geodata.load_communes`` / ``load_crosswalk``), read lazily."""
        import geodata

        crosswalk = _LazyCrosswalk(source_dir)
        return cls(
            communes=lambda key: geodata.load_communes(key, source_dir),
            translator=crosswalk,
            vintages=tuple(geodata.VINTAGE_KEYS),
            names_loader=crosswalk.names,
        )

    def vintage_key(self, day: dt.date) -> str:
        found = self.vintage_for_date(day)
        return str(getattr(found, "key", found))

    def name_table(self) -> pd.DataFrame | None:
        if self.names is not None or self.names_loader is None:
            return self.names
        if "names" not in self._cache:
            self._cache["names"] = self.names_loader()
        return self._cache["names"]

    def frame(self, vintage: str) -> pd.DataFrame:
        key = f"frame:{vintage}"
        if key not in self._cache:
            self._cache[key] = self.communes(vintage)
        return self._cache[key]

    def matcher(self, vintage: str) -> NameMatcher:
        key = f"matcher:{vintage}"
        if key not in self._cache:
            self._cache[key] = NameMatcher(
                self.frame(vintage), vintage, self.name_table(), self.translator, self.vintages
            )
        return self._cache[key]


# ============================================================================ issue log


class _Log:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[ImportIssue] = []
        self.warnings: list[ImportIssue] = []
        self.dropped = 0
        self.info: dict[str, str] = {}

    def error(
        self,
        row: int | None,
        column: str,
        value: object,
        reason: str,
        suggestion: str = "",
        cell: str = "",
    ) -> None:
        if len(self.errors) >= MAX_ERRORS:
            self.dropped += 1
            return
        self.errors.append(
            ImportIssue(self.file, row, column, _show(value), reason, suggestion, "error", cell)
        )

    def warn(
        self,
        row: int | None,
        column: str,
        value: object,
        reason: str,
        suggestion: str = "",
        cell: str = "",
    ) -> None:
        self.warnings.append(
            ImportIssue(self.file, row, column, _show(value), reason, suggestion, "warning", cell)
        )

    def failed(self) -> ImportResult:
        errors = sorted(self.errors, key=lambda e: e.row or 0)
        if self.dropped:
            errors.append(
                ImportIssue(
                    self.file,
                    None,
                    "",
                    "",
                    f"... and {self.dropped} more errors not listed",
                    "fix the errors above and validate again",
                )
            )
        return ImportResult(
            self.file, None, tuple(errors), tuple(self.warnings), info=tuple(self.info.items())
        )


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


# ============================================================================ raw table


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
            log.error(None, "", "", f"file not found: {path}", "check the path")
            return None
        size = path.stat().st_size
        if size > max_bytes:
            log.error(
                None,
                "",
                "",
                f"file too large: {size:,} bytes (limit {max_bytes:,})",
                "split the file or remove unused sheets, columns and rows",
            )
            return None
        data = path.read_bytes()
    if len(data) > max_bytes:
        log.error(
            None,
            "",
            "",
            f"file too large: {len(data):,} bytes (limit {max_bytes:,})",
            "split the file or remove unused sheets, columns and rows",
        )
        return None
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        log.error(
            None,
            "",
            "",
            "the file is empty",
            "use data/membership_template.csv: a header row, then one row per commune",
        )
        return None
    return data


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook or a password-protected workbook"),
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


def _parse(data: bytes, sheet: str | None, max_rows: int, log: _Log) -> _Table | None:
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, sheet, max_rows, log)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            log.error(
                None,
                "",
                "",
                f"not a CSV or XLSX file: this is {what}",
                "save the list as .xlsx (Excel 2007 or later) or as CSV",
            )
            return None
    if sheet:
        log.warn(None, "", sheet, "a CSV file has no sheets: the sheet name is ignored")
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
                    None,
                    "",
                    "",
                    f"the file starts with a {encoding.upper()} byte-order "
                    f"mark but is not valid {encoding.upper()} (byte {exc.start})",
                    "save it again as 'CSV UTF-8'",
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
            log.warn(
                None,
                "",
                "",
                f"no byte-order mark: read as {guessed.upper()}",
                "check the names below; save as 'CSV UTF-8' to be sure",
            )
            return text
    for encoding, label in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        log.info["encoding"] = label
        return text
    log.info["encoding"] = "Latin-1 (fallback)"
    log.warn(
        None,
        "",
        "",
        "the file is neither UTF-8 nor Windows-1252: read as Latin-1, "
        "accented letters may be wrong",
        "save it as 'CSV UTF-8'",
    )
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
        log.error(
            None,
            "",
            "",
            "not a CSV or XLSX file: the content is binary",
            "save the list as .xlsx or as CSV (comma, semicolon or tab separated)",
        )
        return None
    text = text.lstrip("\ufeff")
    if not text.strip():
        log.error(None, "", "", "the file is empty", "add a header row and one row per commune")
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
                log.error(
                    start,
                    "",
                    "",
                    f"too many rows: more than {max_rows:,} data rows",
                    "one row per commune is enough (Belgium has at most 589)",
                )
                return None
    except csv.Error as exc:
        log.error(
            reader.line_num, "", "", f"cannot read the CSV: {exc}", "check the quotes on this line"
        )
        return None
    if header is None:
        log.error(None, "", "", "the file is empty", "add a header row and one row per commune")
        return None
    if delim is None:
        _check_single_column(header, header_row, log)
    return _Table("csv", header_row, header, rows)


def _check_single_column(header: list[str], row: int, log: _Log) -> None:
    line = header[0] if header else ""
    for other in ("|", ":", "/", "^", "~"):
        if other in line and len(line.split(other)) >= 3:
            log.error(
                row,
                "",
                line,
                f"columns seem separated by {other!r}, which is not supported",
                "separate columns with a comma, a semicolon or a tab",
            )
            return


# ---------------------------------------------------------------------------- XLSX


def _read_xlsx(data: bytes, sheet: str | None, max_rows: int, log: _Log) -> _Table | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.namelist()
            unzipped = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        log.error(
            None,
            "",
            "",
            "not a CSV or XLSX file: a damaged ZIP archive",
            "open it in Excel or LibreOffice and save it again as .xlsx",
        )
        return None
    if "xl/workbook.xml" not in members:
        what = "an OpenDocument spreadsheet (.ods)" if "content.xml" in members else "a ZIP archive"
        log.error(
            None,
            "",
            "",
            f"not a CSV or XLSX file: this is {what}",
            "save the list as .xlsx (Excel) or as CSV",
        )
        return None
    if unzipped > MAX_UNZIPPED_BYTES:
        log.error(
            None,
            "",
            "",
            f"file too large: the workbook unpacks to {unzipped:,} bytes "
            f"(limit {MAX_UNZIPPED_BYTES:,})",
            "keep only the membership sheet",
        )
        return None
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        log.error(
            None,
            "",
            "",
            f"cannot read the XLSX workbook ({type(exc).__name__}: {exc})",
            "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV",
        )
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
        log.error(None, "", "", "the workbook has no worksheet", "add a sheet with the list")
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
        f"no sheet named {sheet!r}",
        "sheets in this workbook: " + ", ".join(repr(t) for t in titles),
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
            log.error(
                row,
                "",
                "",
                f"too many rows: more than {max_rows:,} data rows",
                "one row per commune is enough (Belgium has at most 589)",
            )
            return None
    if header is None:
        log.error(
            None,
            "",
            ws.title,
            f"sheet {ws.title!r} is empty",
            "put the header in the first row, or name the right sheet (--sheet)",
        )
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


# ============================================================================ columns


@dataclass(frozen=True)
class _Column:
    index: int
    header: str
    field: str


def _map_columns(
    table: _Table, column_map: Mapping[str, str] | None, date_given: bool, log: _Log
) -> list[_Column]:
    explicit = _explicit_map(table, column_map or {}, log)
    columns: list[_Column] = []
    row = table.header_row
    if _header_looks_like_data(table.header):
        log.error(
            row,
            "",
            ", ".join(h for h in table.header if h)[:80],
            "the first row looks like data, not a header",
            "add a header row: " + ", ".join(TEMPLATE_COLUMNS),
        )
        return []
    width = len(table.header)
    if table.kind == "xlsx":  # CSV rows longer than the header are reported row by row
        width = max([width, *(len(v) for _r, v in table.rows)])
    for i in range(width):
        header = table.header[i] if i < len(table.header) else ""
        target = explicit.get(i) or (vocab.header_field(header) if header else None)
        if not header and target is None:
            if any(i < len(v) and _text(v[i]) for _r, v in table.rows):
                log.error(
                    row,
                    table.column_name(i),
                    "",
                    "this column has values but no header",
                    "add a header (e.g. " + ", ".join(TEMPLATE_COLUMNS) + ") or delete the column",
                    cell=table.cell_ref(row, i),
                )
            continue
        if target is None:
            _unrecognised(table, i, header, log)
            continue
        columns.append(_Column(i, header, target))
    _check_duplicate_fields(table, columns, log)
    _check_required(table, columns, date_given, log)
    return [c for c in columns if c.field != vocab.IGNORE]


def _explicit_map(table: _Table, column_map: Mapping[str, str], log: _Log) -> dict[int, str]:
    out: dict[int, str] = {}
    for header, target in column_map.items():
        idx = _find_header(table.header, header)
        if idx is None:
            log.error(
                None,
                header,
                header,
                "the column map names a column that is not in the file",
                "columns in the file: " + ", ".join(repr(h) for h in table.header if h),
            )
            continue
        field_name = vocab.map_target(target)
        if field_name is None:
            close = vocab.suggest(target, {t: t for t in vocab.MAP_TARGETS})
            log.error(
                None,
                header,
                target,
                f"unknown field {target!r} in the column map",
                "fields: "
                + ", ".join(vocab.MAP_TARGETS)
                + (f"; did you mean {close[0]!r}?" if close else ""),
            )
            continue
        out[idx] = field_name
    return out


def _find_header(header: list[str], wanted: str) -> int | None:
    for i, h in enumerate(header):
        if h == wanted:
            return i
    key = vocab.normalise_word(wanted)
    for i, h in enumerate(header):
        if vocab.normalise_word(h) == key:
            return i
    return None


def _header_looks_like_data(header: list[str]) -> bool:
    cells = [h for h in header if h]
    if not cells or any(vocab.header_field(h) for h in cells):
        return False
    return any(parse_code(h) for h in cells) or any(vocab.status_word(h) for h in cells)


def _unrecognised(table: _Table, i: int, header: str, log: _Log) -> None:
    close = vocab.suggest(header, vocab.HEADER_INDEX)
    hint = ""
    if close:
        word = close[0]
        hint = f"did you mean {word!r} ({vocab.HEADER_INDEX[vocab.normalise_word(word)]})? "
    target = vocab.HEADER_INDEX[vocab.normalise_word(close[0])] if close else "status"
    log.error(
        table.header_row,
        header,
        header,
        "unrecognised column",
        f'{hint}Rename it, or map it explicitly: --map "{header}={target}" '
        f'(or "{header}=ignore" to skip it)',
        cell=table.cell_ref(table.header_row, i),
    )


def _check_duplicate_fields(table: _Table, columns: list[_Column], log: _Log) -> None:
    seen: dict[str, _Column] = {}
    for c in columns:
        if c.field == vocab.IGNORE:
            continue
        if c.field in seen:
            first = seen[c.field]
            log.error(
                table.header_row,
                c.header,
                c.header,
                f"two columns mean {c.field}: {first.header!r} and {c.header!r}",
                f'delete one, or skip it: --map "{c.header}=ignore"',
                cell=table.cell_ref(table.header_row, c.index),
            )
        else:
            seen[c.field] = c


def _check_required(table: _Table, columns: list[_Column], date_given: bool, log: _Log) -> None:
    fields = {c.field for c in columns}
    row = table.header_row
    if len(table.header) == 1 and len(columns) <= 1:
        log.error(
            row,
            "",
            table.header[0],
            "the header has only one column",
            "separate columns with a comma, a semicolon or a tab",
        )
        return
    if vocab.NIS not in fields and vocab.COMMUNE not in fields:
        log.error(
            row,
            "",
            "",
            "no commune column (NIS code or name)",
            "add a column 'nis_code' or 'commune' (Commune, Gemeente, Gemeinde, Code INS, "
            'NIS-code...), or map yours: --map "Your header=commune"',
        )
    if vocab.STATUS not in fields:
        log.error(
            row,
            "",
            "",
            "no status column",
            "add a column 'status' (Statut, Status, CSIL, LIVC...), or map yours: "
            '--map "Your header=status"',
        )
    if vocab.AS_OF not in fields and not date_given:
        log.error(
            row,
            "",
            "",
            "no as-of date: the file has no date column and no date was given",
            "add a column 'as_of' (Date, Datum...) or pass the date (--date YYYY-MM-DD)",
        )


# ============================================================================ rows


@dataclass(frozen=True)
class _Value:
    raw: object
    text: str
    column: str
    cell: str


@dataclass
class _Row:
    row: int
    values: dict[str, _Value]
    match: NameMatch | None = None
    status: str | None = None  # a Status value or vocab.COVERED
    cell_key: str = ""

    def get(self, name: str) -> _Value | None:
        return self.values.get(name)

    def text(self, name: str) -> str:
        v = self.values.get(name)
        return v.text if v else ""


def _rows(table: _Table, columns: list[_Column], log: _Log) -> list[_Row]:
    out: list[_Row] = []
    width = len(table.header)
    for row, raw in table.rows:
        extra = [v for v in raw[width:] if _text(v)]
        if extra and table.kind == "csv":
            log.error(
                row,
                "",
                _text(extra[0]),
                f"this row has {len(raw)} values but the header has {width} columns",
                "a value contains the delimiter: put it between double quotes, or remove it",
            )
            continue
        values: dict[str, _Value] = {}
        for c in columns:
            value = raw[c.index] if c.index < len(raw) else None
            values[c.field] = _Value(value, _text(value), c.header, table.cell_ref(row, c.index))
        if any(v.text for v in values.values()):
            _check_formulas(table, row, columns, raw, log)
            out.append(_Row(row, values))
    return out


def _check_formulas(
    table: _Table, row: int, columns: list[_Column], raw: list[object], log: _Log
) -> None:
    for c in columns:
        formula = table.formulas.get((row, c.index))
        value = raw[c.index] if c.index < len(raw) else None
        if formula is not None:
            log.error(
                row,
                c.header,
                formula,
                "formula cell: the file must hold values",
                "copy the column and paste it back as values only (Paste special → Values)",
                cell=table.cell_ref(row, c.index),
            )
        elif isinstance(value, str) and value.startswith(FORMULA_START):
            log.error(
                row,
                c.header,
                value,
                "a value may not start with = + @ or a tab (spreadsheet formula / CSV injection)",
                "remove the leading character",
                cell=table.cell_ref(row, c.index),
            )


def _check_merged(table: _Table, log: _Log) -> None:
    for coord, row, col in table.merged:
        log.error(
            row,
            table.column_name(col),
            coord,
            f"merged cells {coord}",
            "unmerge them and repeat the value on every row (one row per commune)",
            cell=coord.split(":")[0],
        )


# ============================================================================ dates


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
_DMY_SHORT = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2})$")


def parse_date(value: object) -> dt.date:
    """A date from a cell: a date/datetime, YYYY-MM-DD (optionally with a time),
    YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY (day first, as in Belgium).
    Raises ValueError with a readable reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern, order in ((_ISO, (1, 2, 3)), (_YMD_SLASH, (1, 2, 3)), (_DMY, (4, 3, 1))):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(m.group(i)) for i in order)
            try:
                return dt.date(y, mo, d)
            except ValueError as exc:
                raise ValueError(f"no such day ({exc})") from None
    if _DMY_SHORT.match(text):
        raise ValueError("the year has two digits")
    if text.isdigit() and 20000 < int(text) < 80000:
        raise ValueError("looks like an Excel date serial number")
    raise ValueError("not a date in a known format")


def _as_date_argument(as_of: dt.date | str | None, log: _Log) -> tuple[dt.date | None, bool]:
    if as_of is None or as_of == "":
        return None, True
    try:
        return parse_date(as_of), True
    except ValueError as exc:
        log.error(None, "--date", as_of, f"the date given is not valid: {exc}", DATE_HELP)
        return None, False


def _file_date(
    rows: list[_Row], given: dt.date | None, today: dt.date, log: _Log
) -> tuple[dt.date | None, int | None]:
    dated: list[tuple[_Row, dt.date]] = []
    blank: list[int] = []
    for r in rows:
        v = r.get(vocab.AS_OF)
        if v is None or not v.text:
            blank.append(r.row)
            continue
        try:
            dated.append((r, parse_date(v.raw)))
        except ValueError as exc:
            log.error(r.row, v.column, v.raw, f"unreadable date: {exc}", DATE_HELP, v.cell)
    if log.errors:
        return None, None
    if not dated:
        if given is None:
            log.error(
                None,
                "",
                "",
                "no as-of date: the date column is empty on every row",
                "fill in the date (YYYY-MM-DD) or pass it (--date YYYY-MM-DD)",
            )
        return given, None
    first_row, first = dated[0]
    for r, d in dated[1:]:
        if d != first:
            v = r.values[vocab.AS_OF]
            log.error(
                r.row,
                v.column,
                v.raw,
                f"as-of date {d.isoformat()} differs from "
                f"{first.isoformat()} (row {first_row.row}): mixed dates in one file",
                "one file is one snapshot: use one date for every row, or split the file",
                v.cell,
            )
    if given is not None and given != first:
        v = first_row.values[vocab.AS_OF]
        log.error(
            first_row.row,
            v.column,
            v.raw,
            f"the file's date {first.isoformat()} contradicts the date given ({given.isoformat()})",
            "leave out --date, or correct the file",
            v.cell,
        )
    if blank and not log.errors:
        log.warn(
            blank[0],
            "",
            "",
            f"no date on {len(blank)} row(s) ({_rows_text(blank)}): "
            f"the file's date {first.isoformat()} is used for them",
        )
    if first > today:
        v = first_row.values[vocab.AS_OF]
        log.error(
            first_row.row,
            v.column,
            v.raw,
            f"as-of date {first.isoformat()} is in the future",
            "use the date the list describes (today or earlier)",
            v.cell,
        )
    return first, first_row.row


def _rows_text(rows: list[int], limit: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return f"rows {shown}" + (f" and {len(rows) - limit} more" if len(rows) > limit else "")


def _vintage(
    day: dt.date, date_row: int | None, rows: list[_Row], geography: Geography, log: _Log
) -> str | None:
    try:
        return geography.vintage_key(day)
    except (ValueError, KeyError) as exc:
        row = next((r for r in rows if r.row == date_row), None)
        v = row.get(vocab.AS_OF) if row is not None else None
        log.error(
            date_row,
            v.column if v else "--date",
            v.raw if v else day,
            f"the date is outside every commune vintage: {exc}",
            "check the year of the as-of date",
            v.cell if v else "",
        )
        return None


# ============================================================================ communes


def _resolve_communes(
    rows: list[_Row], matcher: NameMatcher, day: dt.date, log: _Log
) -> list[MatchedRow]:
    matched: list[MatchedRow] = []
    for r in rows:
        m = _resolve_commune(r, matcher, day, log)
        if m is None or m.nis is None:
            continue
        r.match = m
        text = " / ".join(t for t in (r.text(vocab.NIS), r.text(vocab.COMMUNE)) if t)
        matched.append(MatchedRow(r.row, text, m.nis, m.official_name, m.via, m.note))
        if m.note:
            v = r.get(vocab.NIS) if m.via == "historical code" else r.get(vocab.COMMUNE)
            v = v or r.get(vocab.NIS) or r.get(vocab.COMMUNE)
            log.warn(
                r.row,
                v.column if v else "",
                v.raw if v else "",
                f"{m.note} (the vintage of {day.isoformat()}): counted as "
                f"{m.official_name} ({m.nis})",
                "",
                v.cell if v else "",
            )
    return matched


def _resolve_commune(r: _Row, matcher: NameMatcher, day: dt.date, log: _Log) -> NameMatch | None:
    code_v, name_v = r.get(vocab.NIS), r.get(vocab.COMMUNE)
    if name_v and name_v.text and not (code_v and code_v.text) and parse_code(name_v.raw):
        code_v, name_v = name_v, None  # a code typed in the commune column
    if code_v and code_v.text:
        m = matcher.match_code(code_v.raw)
        if not _report_match(r, code_v, m, matcher, day, log, is_code=True):
            return None
        if name_v and name_v.text:
            _check_name_agrees(r, name_v, m, matcher, log)
        return m
    if name_v and name_v.text:
        m = matcher.match_name(name_v.text)
        return m if _report_match(r, name_v, m, matcher, day, log) else None
    present = code_v or name_v
    column = present.column if present else ""
    log.error(
        r.row,
        column,
        "",
        "no commune on this row",
        "fill in the NIS code or the name of the commune, or delete the row",
    )
    return None


def _report_match(
    r: _Row,
    v: _Value,
    m: NameMatch,
    matcher: NameMatcher,
    day: dt.date,
    log: _Log,
    is_code: bool = False,
) -> bool:
    if m.kind is MatchKind.OK:
        return True
    if m.kind is MatchKind.AMBIGUOUS:
        names = ", ".join(f"{name} ({nis})" for nis, name in m.candidates)
        first = m.candidates[0][1].split(" / ")[0]
        log.error(
            r.row,
            v.column,
            v.raw,
            f"ambiguous commune name: it names {len(m.candidates)} communes: {names}",
            f"give the NIS code in a 'nis_code' column, or the full name (e.g. {first!r})",
            v.cell,
        )
    elif m.kind is MatchKind.SPLIT:
        parts = ", ".join(f"{name} ({nis})" for nis, name in m.candidates)
        log.error(
            r.row,
            v.column,
            v.raw,
            f"this commune did not exist on {day.isoformat()}: {m.note}",
            f"list its parts on separate rows: {parts}",
            v.cell,
        )
    elif is_code:
        near = f"did you mean {', '.join(m.suggestions)}? " if m.suggestions else ""
        reason = f"unknown NIS code: {m.note}" if parse_code(v.raw) else "not a 5-digit NIS code"
        log.error(
            r.row,
            v.column,
            v.raw,
            reason,
            f"{near}Check the code against Statbel's REFNIS list (vintage {matcher.vintage})",
            v.cell,
        )
    else:
        near = (
            "did you mean " + " or ".join(repr(s) for s in m.suggestions) + "?"
            if m.suggestions
            else "check the spelling, or give the NIS code"
        )
        log.error(
            r.row,
            v.column,
            v.raw,
            f"unknown commune: no commune of vintage {matcher.vintage} has this name",
            near,
            v.cell,
        )
    return False


def _check_name_agrees(
    r: _Row, name_v: _Value, m: NameMatch, matcher: NameMatcher, log: _Log
) -> None:
    by_name = matcher.match_name(name_v.text)
    if by_name.ok and by_name.nis != m.nis:
        log.error(
            r.row,
            name_v.column,
            name_v.raw,
            f"code and name disagree: the code is "
            f"{m.official_name} ({m.nis}) but the name is {by_name.official_name} "
            f"({by_name.nis})",
            "correct the code or the name",
            name_v.cell,
        )
    elif by_name.kind is MatchKind.UNKNOWN:
        log.warn(
            r.row,
            name_v.column,
            name_v.raw,
            f"name not recognised; the code {m.nis} ({m.official_name}) is used",
            "check the name",
            name_v.cell,
        )


def _check_duplicates(rows: list[_Row], vintage: str, log: _Log) -> set[str]:
    """Report communes on two rows; return the cell keys those rows name (their cell
    checks would only repeat the problem)."""
    first: dict[str, _Row] = {}
    touched: set[str] = set()
    for r in rows:
        if r.match is None or r.match.nis is None:
            continue
        nis = r.match.nis
        if nis not in first:
            first[nis] = r
            continue
        prev = first[nis]
        touched.update(k for k in (prev.cell_key, r.cell_key) if k)
        who = f"{r.match.official_name} ({nis})"
        v = r.get(vocab.COMMUNE) or r.get(vocab.NIS)
        assert v is not None
        if prev.cell_key and r.cell_key and prev.cell_key != r.cell_key:
            cv = r.values[vocab.CELL]
            log.error(
                r.row,
                cv.column,
                cv.raw,
                f"commune in two cells: {who} is in cell "
                f"{prev.text(vocab.CELL)!r} on row {prev.row} and in cell "
                f"{r.text(vocab.CELL)!r} here",
                "a commune is in at most one cell at a date: keep one row",
                cv.cell,
            )
            continue
        same = _row_label(prev) == _row_label(r)
        how = (
            ""
            if same
            else (
                f" ({_row_label(prev)!r} and {_row_label(r)!r} are both {who} in vintage {vintage})"
            )
        )
        log.error(
            r.row,
            v.column,
            v.raw,
            f"duplicate commune: {who} is already on row {prev.row}{how}",
            "keep one row per commune",
            v.cell,
        )
    return touched


def _row_label(r: _Row) -> str:
    return r.text(vocab.COMMUNE) or r.text(vocab.NIS)


# ============================================================================ statuses and cells


def _parse_statuses(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        v = r.get(vocab.STATUS)
        assert v is not None  # required column
        if not v.text:
            log.error(
                r.row,
                v.column,
                "",
                "empty status",
                "write a status; if you do not know, write 'unknown' (inconnu, onbekend, "
                "unbekannt)",
                v.cell,
            )
            continue
        word = vocab.status_word(v.text)
        if word is None:
            close = vocab.suggest(v.text, vocab.STATUS_INDEX)
            hint = (
                "did you mean "
                + " or ".join(
                    f"{c!r} ({vocab.STATUS_INDEX[vocab.normalise_word(c)]})" for c in close[:2]
                )
                + "? "
                if close
                else ""
            )
            log.error(r.row, v.column, v.raw, "unknown status", hint + STATUS_HELP, v.cell)
            continue
        r.status = word
        cell = r.text(vocab.CELL)
        r.cell_key = vocab.normalise_word(cell) if cell else ""


def _cell_groups(rows: list[_Row], log: _Log) -> dict[str, list[_Row]]:
    groups: dict[str, list[_Row]] = {}
    for r in rows:
        if r.cell_key and r.match is not None and r.status is not None:
            groups.setdefault(r.cell_key, []).append(r)
    for members in groups.values():
        spellings = list(dict.fromkeys(m.text(vocab.CELL) for m in members))
        if len(spellings) > 1:
            other = next(m for m in members if m.text(vocab.CELL) != spellings[0])
            v = other.values[vocab.CELL]
            log.warn(
                other.row,
                v.column,
                v.raw,
                f"read as the same cell as {spellings[0]!r} (row {members[0].row})",
                "spell cell names the same way on every row",
                v.cell,
            )
    return groups


def _resolve_status(r: _Row, groups: dict[str, list[_Row]], log: _Log) -> Status | None:
    v = r.values[vocab.STATUS]
    members = groups.get(r.cell_key, [])
    n = len({m.match.nis for m in members if m.match})
    word = r.status
    cell = r.text(vocab.CELL)
    if word == vocab.COVERED:
        if not r.cell_key:
            log.error(
                r.row,
                v.column,
                v.raw,
                "says the commune has a cell, but not whether it is its own or shared",
                "write 'own cell' / 'shared cell' (cellule propre "
                "/ partagée, eigen / gedeelde cel), or name the cell in the cell column",
                v.cell,
            )
            return None
        return Status.SHARED_CELL if n >= 2 else Status.OWN_CELL
    status = Status(str(word))
    if not status.covered and r.cell_key:
        cv = r.values[vocab.CELL]
        log.error(
            r.row,
            cv.column,
            cv.raw,
            f"status {v.text!r} ({status}) but the row names a cell",
            "clear the cell, or correct the status",
            cv.cell,
        )
        return None
    if status is Status.OWN_CELL and n >= 2:
        rows = _rows_text([m.row for m in members])
        log.error(
            r.row,
            v.column,
            v.raw,
            f"marked own cell, but cell {cell!r} has {n} member communes ({rows})",
            "write 'shared cell' on each member's row, or give this commune a cell name of its own",
            v.cell,
        )
        return None
    if status is Status.SHARED_CELL and r.cell_key and n == 1:
        log.error(
            r.row,
            v.column,
            v.raw,
            f"marked shared cell, but it is the only commune of cell {cell!r} in the file",
            "add the other member communes with the same cell name, or write 'own cell'",
            v.cell,
        )
        return None
    return status


def _build(
    rows: list[_Row], log: _Log, skip_cells: set[str] | None = None
) -> tuple[list[CommuneStatus], list[Cell]]:
    skip_cells = skip_cells or set()
    groups = _cell_groups(rows, log)
    statuses: list[CommuneStatus] = []
    no_cell: list[int] = []
    for r in rows:
        if r.match is None or r.match.nis is None or r.status is None:
            continue
        if r.cell_key in skip_cells:
            continue  # a duplicate commune is already reported
        status = _resolve_status(r, groups, log)
        if status is None:
            continue
        cell_id = _cell_id(groups[r.cell_key]) if r.cell_key else None
        if status is Status.SHARED_CELL and cell_id is None:
            no_cell.append(r.row)
        statuses.append(
            CommuneStatus(r.match.nis, status, cell_id, r.text(vocab.SOURCE), r.text(vocab.COMMENT))
        )
    if no_cell:
        log.warn(
            no_cell[0],
            "",
            "",
            f"{len(no_cell)} commune(s) marked shared cell without "
            f"a cell name ({_rows_text(no_cell)}): cells cannot be counted for them",
            "name the cell in the cell column",
        )
    cells = [
        Cell(
            _cell_id(members),
            _cell_id(members),
            tuple(sorted({m.match.nis for m in members if m.match and m.match.nis})),
        )
        for members in groups.values()
    ]
    return sorted(statuses, key=lambda s: s.nis), sorted(cells, key=lambda c: c.cell_id)


def _cell_id(members: list[_Row]) -> str:
    """A cell's id and name: its first spelling, spaces collapsed."""
    return " ".join(members[0].text(vocab.CELL).split())


# ============================================================================ main entry


def import_membership(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    geography: Geography | None = None,
    as_of: dt.date | str | None = None,
    sheet: str | None = None,
    column_map: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a membership file (path or bytes) into a snapshot, or a list of errors.

    ``filename`` names the file in messages (default: the path's name, or "upload").
    ``as_of``: the date when the file has no date column (it must agree when it has one).
    ``column_map``: header as written -> field (``nis``, ``commune``, ``status``, ``cell``,
    ``as_of``, ``source``, ``comment`` or ``ignore``), for headers the vocabulary does not
    know. ``geography`` defaults to the real geodata (:meth:`Geography.from_geodata`).
    """
    name = filename or (Path(source).name if isinstance(source, str | Path) else "upload")
    log = _Log(name)
    given, date_ok = _as_date_argument(as_of, log)
    data = _read_source(source, max_bytes, log)
    table = _parse(data, sheet, max_rows, log) if data is not None and date_ok else None
    if table is None or log.errors:
        return log.failed()
    _check_merged(table, log)
    columns = _map_columns(table, column_map, given is not None, log)
    if log.errors:
        return log.failed()
    rows = _rows(table, columns, log)
    if not rows and not log.errors:
        log.error(
            None,
            "",
            "",
            "no data rows: the file has a header only",
            "add one row per commune under the header",
        )
    if log.errors:
        return log.failed()
    return _interpret(rows, given, geography, today or dt.date.today(), source, log)


def _interpret(
    rows: list[_Row],
    given: dt.date | None,
    geography: Geography | None,
    today: dt.date,
    source: str | Path | bytes,
    log: _Log,
) -> ImportResult:
    day, date_row = _file_date(rows, given, today, log)
    if day is None or log.errors:
        return log.failed()
    geography = geography or Geography.from_geodata()
    vintage = _vintage(day, date_row, rows, geography, log)
    if vintage is None:
        return log.failed()
    matcher = geography.matcher(vintage)
    _parse_statuses(rows, log)
    matched = _resolve_communes(rows, matcher, day, log)
    touched = _check_duplicates(rows, vintage, log)
    statuses, cells = _build(rows, log, touched)
    _warn_examples(rows, log)
    log.info.update(
        {
            "as_of": day.isoformat(),
            "vintage": vintage,
            "rows": str(len(rows)),
            "communes": f"{len(statuses)} of {len(matcher.codes())} in the file; "
            "the others are unknown",
        }
    )
    if log.errors:
        return log.failed()
    meta = _metadata(source, rows, log)
    snapshot = MembershipSnapshot(
        as_of=day,
        vintage=vintage,
        statuses=tuple(statuses),
        cells=tuple(cells),
        source=log.file,
        illustrative=meta.get("illustrative") == "true",
        metadata=tuple(sorted(meta.items())),
    )
    for message in snapshot.consistency_errors():  # safety net: should never fire
        log.error(None, "", "", message, "please report this file")
    if log.errors:
        return log.failed()
    return ImportResult(
        log.file, snapshot, (), tuple(log.warnings), tuple(matched), tuple(log.info.items())
    )


def _warn_examples(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        v = r.get(vocab.COMMENT)
        if v and v.text.casefold().startswith(EXAMPLE_MARK):
            log.warn(
                r.row,
                v.column,
                v.raw,
                "an example row from the template",
                "delete it unless it is real",
                v.cell,
            )


def _metadata(source: str | Path | bytes, rows: list[_Row], log: _Log) -> dict[str, str]:
    meta = {"file": log.file, **{k: v for k, v in log.info.items() if k != "communes"}}
    if isinstance(source, str | Path):
        sidecar = Path(source).with_suffix(".meta.json")
        if sidecar.is_file():
            try:
                extra = json.loads(sidecar.read_text(encoding="utf-8"))
            except (ValueError, OSError) as exc:
                log.warn(None, "", sidecar.name, f"metadata file not readable: {exc}")
            else:
                meta.update({str(k): _meta_text(v) for k, v in extra.items()})
    comments = [r.text(vocab.COMMENT).casefold() for r in rows]
    if comments and all(c.startswith(ILLUSTRATIVE_MARK) for c in comments):
        meta["illustrative"] = "true"
    if meta.get("illustrative") == "true":
        log.warn(None, "", "", "this file is marked illustrative: it is not real data")
    return meta


def _meta_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# ============================================================================ export


def export_membership(snapshot: MembershipSnapshot, communes: pd.DataFrame | None = None) -> str:
    """The snapshot as CSV text in the template format (UTF-8, comma, header
    ``nis_code,commune,status,cell,as_of,source_comment`` plus ``source`` when any row has
    one). Names are in the commune's region language (FR for Brussels)."""
    names = _display_names(communes)
    cell_names = _cell_names(snapshot.cells)
    with_source = any(s.source for s in snapshot.statuses)
    header = list(TEMPLATE_COLUMNS) + (["source"] if with_source else [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for s in sorted(snapshot.statuses, key=lambda s: s.nis):
        cell = cell_names.get(s.cell_id or "", s.cell_id or "")
        row = [
            s.nis,
            names.get(s.nis, ""),
            str(s.status),
            cell,
            snapshot.as_of.isoformat(),
            s.comment,
        ]
        writer.writerow(row + ([s.source] if with_source else []))
    return out.getvalue()


def _display_names(communes: pd.DataFrame | None) -> dict[str, str]:
    if communes is None:
        return {}
    out = {}
    for r in communes.itertuples():
        region = getattr(r, "region", "")
        col = "name_nl" if region == "02000" else "name_fr"
        if getattr(r, "german_speaking", False) is True:
            col = "name_de"
        name = getattr(r, col, "") or getattr(r, "name_fr", "")
        out[str(r.nis)] = str(name)
    return out


def _cell_names(cells: tuple[Cell, ...]) -> dict[str, str]:
    names = [c.name or c.cell_id for c in cells]
    unique = len(set(names)) == len(names)
    return {c.cell_id: (c.name or c.cell_id) if unique else c.cell_id for c in cells}
