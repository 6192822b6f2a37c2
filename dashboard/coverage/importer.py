"""Import a membership file (CSV or XLSX) into a :class:`MembershipSnapshot`.

The result is either a valid snapshot plus warnings and the matched-name report, or a
list of errors, each with file, row, column, value, reason and a suggestion. Never a
partial load: one error and there is no snapshot. Reasons and suggestions are English;
each issue also carries a message code and its parameters
(:mod:`dashboard.coverage.messages`), from which the dashboard writes them in FR/NL/DE.

Row numbers are the ones a person sees: the line in a text editor (CSV) or the row in
Excel (XLSX); the header is row 1 when it is the first line. The format is described in
``data/membership_schema.md``; the words accepted are in :mod:`dashboard.coverage.vocab`.

Geography is injected through :class:`Geography` (communes per vintage, a crosswalk with
``translate(code, src, dst)`` and ``names()``, and ``vintage_for_date``), so tests run on
small synthetic frames; :meth:`Geography.from_geodata` wires the real data.

Former communes of a merged commune: a row that names (by an old name or code) a commune
that is now only one part of a merged commune of the file's vintage ("Neerpelt" in a 2020
file: part of Pelt) speaks for that part only. The merged commune's status is combined
from its parts with :func:`dashboard.coverage.revintage.combine_part_statuses`: named
parts take their row's status, parts no row names are ``unknown``; so "Neerpelt: own
cell" alone makes Pelt covered with ``partial=True``, and "Borsbeek: none" alone makes
Antwerpen (2025) ``unknown``. Each such row gets a ``merged_part`` warning naming the
parts the file does not give; rows of parts that disagree get ``merged_parts_disagree``.
Several part rows of one commune are not duplicates (unless they name the same part);
a row for the merged commune itself next to rows for its parts is an error
(``duplicate_commune_part``).
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
from dashboard.coverage.messages import (
    Param,
    Params,
    Phrase,
    issue_text_en,
    param_text,
    phrase,
)
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.names import (
    CodeTranslator,
    FormerPart,
    MatchKind,
    NameMatch,
    NameMatcher,
    parse_code,
)
from dashboard.coverage.revintage import combine_part_statuses

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
    #: stable message code (:mod:`dashboard.coverage.messages`): the dashboard renders
    #: ``reason`` and ``suggestion`` in the page language from it and ``params``
    code: str = ""
    params: Params = ()

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
    where the prepared geography is missing)."""

    def __init__(self, geography_dir: Path) -> None:
        self.geography_dir = geography_dir
        self._cw: Any = None

    def _get(self) -> Any:
        if self._cw is None:
            import geodata

            self._cw = geodata.load_crosswalk(self.geography_dir)
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
    def from_geodata(cls, geography_dir: Path | None = None) -> Geography:
        """The prepared geography (``geodata.load_communes`` / ``load_crosswalk``), read
        lazily; by default the project's shipped ``data/geography``."""
        import geodata
        from dashboard import files

        folder = geography_dir or files.geography_dir()
        crosswalk = _LazyCrosswalk(folder)
        return cls(
            communes=lambda key: geodata.load_communes(key, folder),
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

    def _issue(
        self, row: int | None, column: str, value: object, code: str, severity: str, cell: str,
        params: Params,
    ) -> ImportIssue:  # fmt: skip
        """An issue whose English reason and suggestion are rendered from ``code``."""
        reason, suggestion = issue_text_en(code, params)
        return ImportIssue(
            self.file, row, column, _show(value), reason, suggestion, severity, cell, code, params
        )

    def error(
        self,
        row: int | None,
        column: str,
        value: object,
        code: str,
        /,
        cell: str = "",
        **params: Param,
    ) -> None:
        """Record error ``code`` (:mod:`dashboard.coverage.messages`) with its parameters."""
        if len(self.errors) >= MAX_ERRORS:
            self.dropped += 1
            return
        self.errors.append(
            self._issue(row, column, value, code, "error", cell, tuple(params.items()))
        )

    def warn(
        self,
        row: int | None,
        column: str,
        value: object,
        code: str,
        /,
        cell: str = "",
        **params: Param,
    ) -> None:
        """Record warning ``code`` with its parameters."""
        self.warnings.append(
            self._issue(row, column, value, code, "warning", cell, tuple(params.items()))
        )

    def failed(self) -> ImportResult:
        errors = sorted(self.errors, key=lambda e: e.row or 0)
        if self.dropped:
            more = (("count", str(self.dropped)),)
            errors.append(self._issue(None, "", "", "more_errors", "error", "", more))
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
            "header_is_data",
            columns=", ".join(TEMPLATE_COLUMNS),
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
                    "values_without_header",
                    cell=table.cell_ref(row, i),
                    columns=", ".join(TEMPLATE_COLUMNS),
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
                "map_column_missing",
                columns=", ".join(repr(h) for h in table.header if h),
            )
            continue
        field_name = vocab.map_target(target)
        if field_name is None:
            close = vocab.suggest(target, {t: t for t in vocab.MAP_TARGETS})
            fields = ", ".join(vocab.MAP_TARGETS)
            if close:
                log.error(
                    None,
                    header,
                    target,
                    "map_unknown_field_near",
                    field=repr(target),
                    fields=fields,
                    candidate=repr(close[0]),
                )
            else:
                log.error(
                    None, header, target, "map_unknown_field", field=repr(target), fields=fields
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
    target = vocab.HEADER_INDEX[vocab.normalise_word(close[0])] if close else "status"
    near: dict[str, Param] = {"candidate": repr(close[0]), "field": target} if close else {}
    log.error(
        table.header_row,
        header,
        header,
        "unrecognised_column_near" if close else "unrecognised_column",
        cell=table.cell_ref(table.header_row, i),
        header=header,
        target=target,
        **near,
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
                "duplicate_field",
                cell=table.cell_ref(table.header_row, c.index),
                field=c.field,
                first=repr(first.header),
                second=repr(c.header),
                header=c.header,
            )
        else:
            seen[c.field] = c


def _check_required(table: _Table, columns: list[_Column], date_given: bool, log: _Log) -> None:
    fields = {c.field for c in columns}
    row = table.header_row
    if len(table.header) == 1 and len(columns) <= 1:
        log.error(row, "", table.header[0], "one_column")
        return
    if vocab.NIS not in fields and vocab.COMMUNE not in fields:
        log.error(row, "", "", "no_commune_column")
    if vocab.STATUS not in fields:
        log.error(row, "", "", "no_status_column")
    if vocab.AS_OF not in fields and not date_given:
        log.error(row, "", "", "no_date_column")


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
    part: FormerPart | None = None  # the row names a former part of a merged commune

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
                row, "", _text(extra[0]), "row_too_long", values=str(len(raw)), columns=str(width)
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
            log.error(row, c.header, formula, "formula_cell", cell=table.cell_ref(row, c.index))
        elif isinstance(value, str) and value.startswith(FORMULA_START):
            log.error(row, c.header, value, "formula_start", cell=table.cell_ref(row, c.index))


def _check_merged(table: _Table, log: _Log) -> None:
    for coord, row, col in table.merged:
        log.error(
            row,
            table.column_name(col),
            coord,
            "merged_cells",
            cell=coord.split(":")[0],
            range=coord,
        )


# ============================================================================ dates


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
_DMY_SHORT = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2})$")


class DateProblem(ValueError):
    """Why a date cannot be read; ``phrase`` says it in any language."""

    def __init__(self, phrase: Phrase, message: str) -> None:
        super().__init__(message)
        self.phrase = phrase


def _date_problem(code: str, **params: Param) -> DateProblem:
    p = phrase(code, **params)
    return DateProblem(p, param_text(p))


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
                raise _date_problem("date_no_such_day", detail=str(exc)) from None
    if _DMY_SHORT.match(text):
        raise _date_problem("date_two_digit_year")
    if text.isdigit() and 20000 < int(text) < 80000:
        raise _date_problem("date_excel_serial")
    raise _date_problem("date_unknown_format")


def _as_date_argument(as_of: dt.date | str | None, log: _Log) -> tuple[dt.date | None, bool]:
    if as_of is None or as_of == "":
        return None, True
    try:
        return parse_date(as_of), True
    except ValueError as exc:
        log.error(None, "--date", as_of, "date_argument_invalid", problem=_problem(exc))
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
            log.error(r.row, v.column, v.raw, "unreadable_date", cell=v.cell, problem=_problem(exc))
    if log.errors:
        return None, None
    if not dated:
        if given is None:
            log.error(None, "", "", "no_dates")
        return given, None
    first_row, first = dated[0]
    for r, d in dated[1:]:
        if d != first:
            v = r.values[vocab.AS_OF]
            log.error(
                r.row,
                v.column,
                v.raw,
                "mixed_dates",
                cell=v.cell,
                date=d.isoformat(),
                first_date=first.isoformat(),
                first_row=str(first_row.row),
            )
    if given is not None and given != first:
        v = first_row.values[vocab.AS_OF]
        log.error(
            first_row.row,
            v.column,
            v.raw,
            "date_contradicts_argument",
            cell=v.cell,
            date=first.isoformat(),
            given=given.isoformat(),
        )
    if blank and not log.errors:
        log.warn(
            blank[0],
            "",
            "",
            "rows_without_date",
            count=str(len(blank)),
            rows=_rows_phrase(blank),
            date=first.isoformat(),
        )
    if first > today:
        v = first_row.values[vocab.AS_OF]
        log.error(
            first_row.row, v.column, v.raw, "date_in_future", cell=v.cell, date=first.isoformat()
        )
    return first, first_row.row


def _problem(exc: ValueError) -> Phrase:
    """Why a date cannot be read, as a phrase (a :class:`DateProblem`'s, or the text)."""
    if isinstance(exc, DateProblem):
        return exc.phrase
    return phrase("text", text=str(exc))


def _rows_phrase(rows: list[int], limit: int = 10) -> Phrase:
    """ "rows 2, 3, 4" (at most ``limit`` numbers, then "and N more")."""
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) > limit:
        return phrase("rows_more", rows=shown, more=str(len(rows) - limit))
    return phrase("rows", rows=shown)


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
            "date_outside_vintages",
            cell=v.cell if v else "",
            detail=str(exc),
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
        r.part = matcher.former_part(m)
        text = " / ".join(t for t in (r.text(vocab.NIS), r.text(vocab.COMMUNE)) if t)
        matched.append(MatchedRow(r.row, text, m.nis, m.official_name, m.via, m.note))
        if m.note:
            v = r.get(vocab.NIS) if m.via == "historical code" else r.get(vocab.COMMUNE)
            v = v or r.get(vocab.NIS) or r.get(vocab.COMMUNE)
            log.warn(
                r.row,
                v.column if v else "",
                v.raw if v else "",
                "historical_match",
                cell=v.cell if v else "",
                note=_note_phrase(m),
                date=day.isoformat(),
                commune=f"{m.official_name} ({m.nis})",
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
    log.error(r.row, column, "", "no_commune_on_row")
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
            "ambiguous_name",
            cell=v.cell,
            count=str(len(m.candidates)),
            communes=names,
            example=repr(first),
        )
    elif m.kind is MatchKind.SPLIT:
        parts = ", ".join(f"{name} ({nis})" for nis, name in m.candidates)
        log.error(
            r.row,
            v.column,
            v.raw,
            "commune_split",
            cell=v.cell,
            date=day.isoformat(),
            note=_note_phrase(m),
            parts=parts,
        )
    elif is_code:
        code = parse_code(v.raw)
        params: dict[str, Param] = {"vintage": matcher.vintage}
        if code is None:
            issue = "not_a_code"
        else:
            issue = "unknown_code_near" if m.suggestions else "unknown_code"
            params["note"] = _note_phrase(m, code)
            if m.suggestions:
                params["candidates"] = ", ".join(m.suggestions)
        log.error(r.row, v.column, v.raw, issue, cell=v.cell, **params)
    else:
        if m.suggestions:
            candidates = tuple(repr(s) for s in m.suggestions)
            log.error(
                r.row,
                v.column,
                v.raw,
                "unknown_name_near",
                cell=v.cell,
                vintage=matcher.vintage,
                candidates=candidates,
            )
        else:
            log.error(r.row, v.column, v.raw, "unknown_name", cell=v.cell, vintage=matcher.vintage)
    return False


def _note_phrase(m: NameMatch, code: str | None = None) -> Phrase:
    """The matcher's note on ``m`` as a phrase; the note's text as it is when it has a form
    this function does not know."""
    c = m.matched
    found: Phrase | None = None
    if m.kind is MatchKind.UNKNOWN and code is not None:
        found = phrase("unknown_code_note", code=code)
    elif c is not None and m.kind is MatchKind.SPLIT:
        found = phrase(
            "split_note",
            spelling=c.spelling,
            code=c.source_code,
            old_vintage=c.vintage,
            vintage=m.vintage,
            count=str(len(c.codes)),
        )
    elif c is not None and m.nis:
        found = phrase(
            "historical_note",
            spelling=c.spelling,
            code=c.source_code,
            old_vintage=c.vintage,
            commune=f"{m.official_name or m.nis} ({m.nis})",
            vintage=m.vintage,
        )
    if found is None or param_text(found) != m.note:
        return phrase("text", text=m.note)
    return found


def _check_name_agrees(
    r: _Row, name_v: _Value, m: NameMatch, matcher: NameMatcher, log: _Log
) -> None:
    by_name = matcher.match_name(name_v.text)
    if by_name.ok and by_name.nis != m.nis:
        log.error(
            r.row,
            name_v.column,
            name_v.raw,
            "code_name_disagree",
            cell=name_v.cell,
            code_commune=f"{m.official_name} ({m.nis})",
            name_commune=f"{by_name.official_name} ({by_name.nis})",
        )
    elif by_name.kind is MatchKind.UNKNOWN:
        log.warn(
            r.row,
            name_v.column,
            name_v.raw,
            "name_not_recognised",
            cell=name_v.cell,
            nis=str(m.nis),
            name=m.official_name,
        )


def _check_duplicates(
    rows: list[_Row], vintage: str, groups: dict[str, _PartGroup], log: _Log
) -> set[str]:
    """Report communes on two rows; return the cell keys those rows name (their cell
    checks would only repeat the problem). Rows naming former parts of one merged commune
    (``groups``) are combined, not duplicates, unless one row names the merged commune
    itself or two rows name the same part."""
    first: dict[str, _Row] = {}
    touched: set[str] = set()
    for r in rows:
        if r.match is None or r.match.nis is None or r.part is not None:
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
                "commune_in_two_cells",
                cell=cv.cell,
                commune=who,
                first_cell=repr(prev.text(vocab.CELL)),
                first_row=str(prev.row),
                cell_name=repr(r.text(vocab.CELL)),
            )
            continue
        if _row_label(prev) == _row_label(r):
            log.error(
                r.row,
                v.column,
                v.raw,
                "duplicate_commune",
                cell=v.cell,
                commune=who,
                first_row=str(prev.row),
            )
        else:
            log.error(
                r.row,
                v.column,
                v.raw,
                "duplicate_commune_alias",
                cell=v.cell,
                commune=who,
                first_row=str(prev.row),
                first=repr(_row_label(prev)),
                second=repr(_row_label(r)),
                vintage=vintage,
            )
    for target, group in groups.items():
        whole = first.get(target)
        if whole is not None:
            _report_whole_and_parts(whole, group, vintage, log, touched)
        else:
            _check_part_rows(group, log, touched)
    return touched


def _row_label(r: _Row) -> str:
    return r.text(vocab.COMMUNE) or r.text(vocab.NIS)


def _commune_value(r: _Row) -> _Value:
    """The value the row's commune was recognised from (its code or its name)."""
    by_code = r.match is not None and r.match.via in ("code", "historical code")
    order = (vocab.NIS, vocab.COMMUNE) if by_code else (vocab.COMMUNE, vocab.NIS)
    for name in order:
        v = r.get(name)
        if v is not None and v.text:
            return v
    v = r.get(vocab.COMMUNE) or r.get(vocab.NIS)
    assert v is not None  # a matched row has a commune column
    return v


# ============================================================================ former parts


@dataclass
class _PartGroup:
    """The rows naming former parts of one merged commune of the file's vintage."""

    target: str  # the merged commune (file's vintage)
    commune: str  # "Pelt (72043)"
    vintage: str  # the vintage the parts are counted in: the oldest the rows' names are of
    parts: tuple[str, ...]  # codes of every part of ``target`` in ``vintage``
    names: dict[str, str]  # part code -> its name in ``vintage``
    rows: list[tuple[_Row, FormerPart, tuple[str, ...]]]  # row, its part, codes it names
    failed: bool = False  # an error on these rows: no status is built from them

    def label(self, code: str) -> str:
        """ "Overpelt (72029, 1977-2018)"."""
        return f"{self.names.get(code, code)} ({code}, {self.vintage})"


def _part_groups(rows: list[_Row], matcher: NameMatcher) -> dict[str, _PartGroup]:
    """Part rows (:attr:`_Row.part`) grouped by the merged commune they belong to."""
    by_target: dict[str, list[tuple[_Row, FormerPart]]] = {}
    for r in rows:
        if r.part is not None:
            by_target.setdefault(r.part.target, []).append((r, r.part))
    groups: dict[str, _PartGroup] = {}
    for target, members in by_target.items():
        # vintage keys sort in time order; the oldest division has the finest parts, and
        # a part of a newer vintage is one or several parts there
        vintage = min(part.vintage for _r, part in members)
        parts = matcher.parts(target, vintage)
        named = [
            (r, part, matcher.translate(part.code, part.vintage, vintage)) for r, part in members
        ]
        groups[target] = _PartGroup(
            target,
            f"{matcher.official_name(target)} ({target})",
            vintage,
            parts,
            {p: matcher.name_in(p, vintage) for p in parts},
            named,
        )
    return groups


def _report_whole_and_parts(
    whole: _Row, group: _PartGroup, vintage: str, log: _Log, touched: set[str]
) -> None:
    """A row names the merged commune itself and others name its former parts: an error
    on the later row of each pair (which of them decides cannot be told)."""
    group.failed = True
    for r, part, _codes in group.rows:
        later = r if r.row > whole.row else whole
        v = _commune_value(later)
        touched.update(k for k in (whole.cell_key, r.cell_key) if k)
        log.error(
            later.row,
            v.column,
            v.raw,
            "duplicate_commune_part",
            cell=v.cell,
            commune=group.commune,
            whole_row=str(whole.row),
            part_row=str(r.row),
            part=part.label,
            vintage=vintage,
        )


def _check_part_rows(group: _PartGroup, log: _Log, touched: set[str]) -> None:
    """Two rows for the same former part, or parts of one commune in two cells: errors."""
    seen: dict[str, _Row] = {}
    cell_row: _Row | None = None
    for r, part, codes in group.rows:
        again = next((seen[c] for c in codes if c in seen), None)
        if again is not None:
            group.failed = True
            v = _commune_value(r)
            touched.update(k for k in (again.cell_key, r.cell_key) if k)
            log.error(
                r.row,
                v.column,
                v.raw,
                "duplicate_commune",
                cell=v.cell,
                commune=part.label,
                first_row=str(again.row),
            )
            continue
        seen.update(dict.fromkeys(codes, r))
        if not r.cell_key:
            continue
        if cell_row is None:
            cell_row = r
        elif r.cell_key != cell_row.cell_key:
            group.failed = True
            cv = r.values[vocab.CELL]
            touched.update((cell_row.cell_key, r.cell_key))
            log.error(
                r.row,
                cv.column,
                cv.raw,
                "commune_in_two_cells",
                cell=cv.cell,
                commune=group.commune,
                first_cell=repr(cell_row.text(vocab.CELL)),
                first_row=str(cell_row.row),
                cell_name=repr(r.text(vocab.CELL)),
            )


_STATUS_WORDS: Mapping[Status, str] = {
    Status.OWN_CELL: "own cell",
    Status.SHARED_CELL: "shared cell",
    Status.PLANNED: "planned",
    Status.NONE: "no cell",
    Status.UNKNOWN: "unknown",
}


def _status_phrase(status: Status) -> Phrase:
    return phrase(f"status_{status.value}")


def _shown_phrase(status: Status, partial: bool) -> Phrase:
    """How a merged commune is shown: "own cell, partly covered", "unknown"..."""
    if partial and status.covered:
        return phrase("partly_covered", status=_status_phrase(status))
    return _status_phrase(status)


def _list_phrase(items: list[Phrase]) -> Phrase:
    """ "a; b; c" in the page language."""
    out = items[0]
    for item in items[1:]:
        out = phrase("list", first=out, second=item)
    return out


def _build_merged(
    group: _PartGroup,
    vintage: str,
    cell_groups: dict[str, list[_Row]],
    skip_cells: set[str],
    log: _Log,
) -> CommuneStatus | None:
    """The merged commune's status combined from the rows of its former parts (parts no
    row names are unknown), with warnings saying how; None after an error."""
    resolved: list[tuple[_Row, FormerPart, tuple[str, ...], Status]] = []
    failed = False
    for r, part, codes in group.rows:
        if r.status is None or r.cell_key in skip_cells:
            failed = True  # already reported
            continue
        status = _resolve_status(r, cell_groups, log)
        if status is None:
            failed = True
            continue
        resolved.append((r, part, codes, status))
    if failed or not resolved:
        return None
    named = {code: status for _r, _p, codes, status in resolved for code in codes}
    combined, partial = combine_part_statuses([named.get(p, Status.UNKNOWN) for p in group.parts])
    cell_key = next((r.cell_key for r, _p, _c, _s in resolved if r.cell_key), "")
    cell_id = None
    if combined.covered and cell_key:
        members = cell_groups[cell_key]
        cell_id = _cell_id(members)
        n = len({m.match.nis for m in members if m.match})
        combined = Status.SHARED_CELL if n >= 2 else Status.OWN_CELL
    shown = _shown_phrase(combined, partial)
    missing = [p for p in group.parts if p not in named]
    if missing:
        missing_text = "; ".join(group.label(p) for p in missing)
        for r, part, _codes, _status in resolved:
            v = _commune_value(r)
            log.warn(
                r.row,
                v.column,
                v.raw,
                "merged_part",
                cell=v.cell,
                part=part.label,
                commune=group.commune,
                vintage=vintage,
                shown=shown,
                missing=missing_text,
            )
    if len({status for _r, _p, _c, status in resolved}) > 1:
        last = resolved[-1][0]
        v = last.values[vocab.STATUS]
        statuses = [
            phrase("part_status", part=part.label, status=_status_phrase(status))
            for _r, part, _c, status in resolved
        ]
        log.warn(
            last.row,
            v.column,
            v.raw,
            "merged_parts_disagree",
            cell=v.cell,
            commune=group.commune,
            statuses=_list_phrase(statuses),
            shown=shown,
        )
    sources = [r.text(vocab.SOURCE) for r, *_ in resolved if r.text(vocab.SOURCE)]
    return CommuneStatus(
        nis=group.target,
        status=combined,
        cell_id=cell_id,
        source=";".join(dict.fromkeys(sources)),
        comment=_merged_comment(group, named, combined, partial, [r for r, *_ in resolved]),
        partial=partial,
    )


def _merged_comment(
    group: _PartGroup,
    named: Mapping[str, Status],
    status: Status,
    partial: bool,
    rows: list[_Row],
) -> str:
    """What was done, in English: "partly covered: Neerpelt (72025, 1977-2018) own cell;
    Overpelt (72029, 1977-2018) not in the file", then the rows' own comments."""
    if partial and status.covered:
        head = "partly covered"
    elif partial:
        head = f"shown as {_STATUS_WORDS[status]} from its former parts"
    else:
        head = "combined from its former parts"
    given = [f"{group.label(p)} {_STATUS_WORDS[named[p]]}" for p in group.parts if p in named]
    absent = [f"{group.label(p)} not in the file" for p in group.parts if p not in named]
    detail = "; ".join(given + absent)
    own = [r.text(vocab.COMMENT) for r in rows if r.text(vocab.COMMENT)]
    return "; ".join([f"{head}: {detail}", *own])


# ============================================================================ statuses and cells


def _parse_statuses(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        v = r.get(vocab.STATUS)
        assert v is not None  # required column
        if not v.text:
            log.error(r.row, v.column, "", "empty_status", cell=v.cell)
            continue
        word = vocab.status_word(v.text)
        if word is None:
            close = vocab.suggest(v.text, vocab.STATUS_INDEX)
            if close:
                candidates = tuple(
                    f"{c!r} ({vocab.STATUS_INDEX[vocab.normalise_word(c)]})" for c in close[:2]
                )
                log.error(
                    r.row,
                    v.column,
                    v.raw,
                    "unknown_status_near",
                    cell=v.cell,
                    candidates=candidates,
                )
            else:
                log.error(r.row, v.column, v.raw, "unknown_status", cell=v.cell)
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
                "cell_spelling",
                cell=v.cell,
                cell_name=repr(spellings[0]),
                first_row=str(members[0].row),
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
            log.error(r.row, v.column, v.raw, "covered_without_cell", cell=v.cell)
            return None
        return Status.SHARED_CELL if n >= 2 else Status.OWN_CELL
    status = Status(str(word))
    if not status.covered and r.cell_key:
        cv = r.values[vocab.CELL]
        log.error(
            r.row,
            cv.column,
            cv.raw,
            "status_with_cell",
            cell=cv.cell,
            status_text=repr(v.text),
            status=str(status),
        )
        return None
    if status is Status.OWN_CELL and n >= 2:
        log.error(
            r.row,
            v.column,
            v.raw,
            "own_cell_shared",
            cell=v.cell,
            cell_name=repr(cell),
            count=str(n),
            rows=_rows_phrase([m.row for m in members]),
        )
        return None
    if status is Status.SHARED_CELL and r.cell_key and n == 1:
        log.error(r.row, v.column, v.raw, "shared_cell_alone", cell=v.cell, cell_name=repr(cell))
        return None
    return status


def _build(
    rows: list[_Row],
    log: _Log,
    skip_cells: set[str] | None = None,
    part_groups: dict[str, _PartGroup] | None = None,
    vintage: str = "",
) -> tuple[list[CommuneStatus], list[Cell]]:
    skip_cells = skip_cells or set()
    part_groups = part_groups or {}
    groups = _cell_groups(rows, log)
    statuses: list[CommuneStatus] = []
    no_cell: list[int] = []
    whole = {r.match.nis for r in rows if r.match is not None and r.part is None}
    for r in rows:
        if r.match is None or r.match.nis is None or r.status is None or r.part is not None:
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
    for target, group in part_groups.items():
        if target in whole or group.failed:
            continue  # an error already (e.g. a row names the merged commune itself)
        merged = _build_merged(group, vintage, groups, skip_cells, log)
        if merged is None:
            continue
        if merged.status is Status.SHARED_CELL and merged.cell_id is None:
            no_cell.append(group.rows[0][0].row)
        statuses.append(merged)
    if no_cell:
        no_cell.sort()
        log.warn(
            no_cell[0],
            "",
            "",
            "shared_without_cell_name",
            count=str(len(no_cell)),
            rows=_rows_phrase(no_cell),
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
        log.error(None, "", "", "no_data_rows")
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
    part_groups = _part_groups(rows, matcher)
    touched = _check_duplicates(rows, vintage, part_groups, log)
    statuses, cells = _build(rows, log, touched, part_groups, vintage)
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
        log.error(None, "", "", "inconsistent_snapshot", detail=message)
    if log.errors:
        return log.failed()
    warnings = tuple(sorted(log.warnings, key=lambda w: w.row or 0))
    return ImportResult(log.file, snapshot, (), warnings, tuple(matched), tuple(log.info.items()))


def _warn_examples(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        v = r.get(vocab.COMMENT)
        if v and v.text.casefold().startswith(EXAMPLE_MARK):
            log.warn(r.row, v.column, v.raw, "example_row", cell=v.cell)


def _metadata(source: str | Path | bytes, rows: list[_Row], log: _Log) -> dict[str, str]:
    meta = {"file": log.file, **{k: v for k, v in log.info.items() if k != "communes"}}
    if isinstance(source, str | Path):
        sidecar = Path(source).with_suffix(".meta.json")
        if sidecar.is_file():
            try:
                extra = json.loads(sidecar.read_text(encoding="utf-8"))
            except (ValueError, OSError) as exc:
                log.warn(None, "", sidecar.name, "metadata_unreadable", detail=str(exc))
            else:
                meta.update({str(k): _meta_text(v) for k, v in extra.items()})
    comments = [r.text(vocab.COMMENT).casefold() for r in rows]
    if comments and all(c.startswith(ILLUSTRATIVE_MARK) for c in comments):
        meta["illustrative"] = "true"
    if meta.get("illustrative") == "true":
        log.warn(None, "", "", "illustrative")
    return meta


def _meta_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
