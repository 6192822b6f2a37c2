"""Reading workbooks as officials keep them: .xlsx, .xlsm, .xlsb, OpenDocument .ods and old .xls.

Values come from ``python-calamine``, which reads all of them and gives each cell the value the
spreadsheet program saved: a formula is never calculated, a macro never run. What calamine does
not say is read from the sheet's XML in one streaming pass before calamine lays the sheet out:
for .xlsx and .xlsm which cells hold formulas (a formula with no saved value is an error naming
the cell) and hidden rows (merged ranges: calamine's); for .ods the same and spanned cells. Old
.xls and .xlsb: calamine's merged ranges only, and read in a child process with a memory
ceiling (:mod:`.sandbox`: they cannot be scanned before calamine lays them out).

Bounded work, whatever the file: the parts of a ZIP workbook are unpacked as a stream and
refused beyond :data:`MAX_PART_BYTES` each, :data:`MAX_UNZIPPED_BYTES` together or
:data:`MAX_RATIO` times their packed size; a part that declares a DTD (XML bombs, external
entities) is refused before any XML parser reads it; the streaming pass refuses a sheet at
its first row over the row limit, at :data:`MAX_CELLS` cells with a value, or when its last
cell lies more than :data:`MAX_AREA` cells from A1 (calamine would lay that rectangle out in
memory: a two-cell file reaching XFD1048576 asked for 550 GB). Rows are then taken one at a
time (``iter_rows``), never the whole sheet at once.

The sheet: the one the user names (``--sheet``, the upload dialog), or else the first visible
sheet whose header has a commune column, so a notes sheet in front does not stop the import;
the report says which sheet was read and which others could have been. Hidden sheets are not
chosen by themselves, and are reported.
"""

from __future__ import annotations

import io
import posixpath
import re
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dashboard.coverage.importer.locate import locate, names_communes
from dashboard.coverage.importer.log import TooSlow, _Log
from dashboard.coverage.importer.results import (
    MAX_AREA,
    MAX_CELLS,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_UNZIPPED_BYTES,
    RATIO_FROM_BYTES,
)
from dashboard.coverage.importer.sandbox import MEMORY_LIMIT, SandboxError, read_in_sandbox
from dashboard.coverage.importer.tables import (
    HEADER_SCAN_ROWS,
    WORKBOOK,
    _clean,
    _Grid,
    _Read,
    _Table,
    _text,
)
from dashboard.coverage.messages import phrase

#: What a ZIP file holds -> the workbook format (None: a ZIP that is not a workbook).
ZIP_FORMATS = (
    ("xl/workbook.xml", "XLSX"),
    ("xl/workbook.bin", "XLSB"),
    ("content.xml", "ODS"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and password-protected workbooks)
#: A document type declaration (internal entities: "billion laughs"; external ones: XXE),
#: which no spreadsheet program writes, in UTF-8 or UTF-16.
_DTD = re.compile(
    rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00(?:D\x00O\x00C|E\x00N\x00T)|\x00<\x00!\x00(?:D\x00O|E\x00N)"
)
_CHUNK = 1 << 16
_T = TypeVar("_T")


class _Refused(Exception):
    """A workbook part breaks a limit or holds a DTD; the error is already logged."""


@dataclass
class _Scan:
    """What a streaming pass over a sheet's XML found (before the reader lays it out)."""

    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    hidden: set[int] = field(default_factory=set)
    merged: list[tuple[str, int, int, int]] = field(default_factory=list)


def read_workbook(data: bytes, read: _Read, max_rows: int, log: _Log) -> _Table | None:
    """The table of a workbook's sheet, or None with the errors logged."""
    kind = _format(data, log)
    if kind is None:
        return None
    log.check_time()
    sheets_read = _Sheets(data, kind, _Limits(max_rows + HEADER_SCAN_ROWS, log))
    if not sheets_read.before_opening():
        return None
    book = _open(data, kind, sheets_read.limits.max_rows, log)
    if book is None:
        return None
    log.info["format"] = kind
    sheets = [m for m in book.sheets_metadata if _is_worksheet(m)]
    log.sheets = tuple(m.name for m in sheets)
    if not sheets:
        log.error(None, "", "", "no_worksheet")
        return None
    try:
        chosen = _choose_sheet(book, sheets, read, log, sheets_read)
    except _Refused:
        return None
    if chosen is None:
        return None
    name, grid = chosen
    log.info["sheet"] = name
    if not grid.rows:
        log.error(None, "", name, "empty_sheet", sheet=repr(name))
        return None
    return locate(grid, read, max_rows, log)


def _open(data: bytes, kind: str, max_rows: int, log: _Log) -> Any:
    """calamine's workbook, or None with the error logged. An .xls or .xlsb, whose sheets
    calamine lays out before any limit can be checked, is read in a capped child process
    (:mod:`.sandbox`)."""
    import python_calamine

    unreadable = "xls_unreadable" if data.startswith(OLE_MAGIC) else "xlsx_unreadable"
    if kind in ("XLS", "XLSB"):
        seconds = log.deadline - time.monotonic()
        try:
            return read_in_sandbox(data, max_rows=max_rows, max_cells=MAX_CELLS,
                                   max_area=MAX_AREA, seconds=seconds)  # fmt: skip
        except SandboxError as exc:
            if exc.code == "too_slow":
                raise TooSlow from None
            code = unreadable if exc.code == "xls_unreadable" else exc.code
            if code == "workbook_too_costly":
                log.error(None, "", "", code, limit=MEMORY_LIMIT // 2**20)
            else:
                log.error(None, "", "", code, detail=exc.detail[:300])
            return None
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own kinds, and ValueError
        code = "workbook_protected" if isinstance(exc, python_calamine.PasswordError) else ""
        log.error(None, "", "", code or unreadable, detail=_detail(exc))
        return None


def _detail(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _format(data: bytes, log: _Log) -> str | None:
    if data.startswith(OLE_MAGIC):
        return "XLS"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = set(zf.namelist())
            kind = next((k for member, k in ZIP_FORMATS if member in members), None)
            if kind is None:
                what = "format_docx" if "word/document.xml" in members else "format_zip"
                log.error(None, "", "", "zip_not_xlsx", what=phrase(what))
                return None
            if not _parts_within_limits(zf, log):
                return None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, ValueError):
        log.error(None, "", "", "damaged_zip")
        return None
    except (RuntimeError, NotImplementedError, OSError) as exc:  # encrypted, unknown method
        log.error(None, "", "", "xlsx_unreadable", detail=_detail(exc))
        return None
    if any(m.startswith("xl/vbaProject") for m in members):
        log.warn(None, "", "", "macros_ignored")
        return "XLSM"
    return kind


def _parts_within_limits(zf: zipfile.ZipFile, log: _Log) -> bool:
    """Whether the parts of a ZIP workbook unpack within the limits (zip bombs: each part
    and all together, as declared and as really unpacked) and none of them declares a DTD
    (XML bombs and external entities: refused here, whatever XML parser reads them
    later)."""
    infos = zf.infolist()
    declared = sum(i.file_size for i in infos)
    if declared > MAX_UNZIPPED_BYTES:
        log.error(None, "", "", "workbook_too_large", size=declared, limit=MAX_UNZIPPED_BYTES)
        return False
    total = 0
    for info in infos:
        log.check_time()
        size, ratio_limit = info.file_size, MAX_RATIO * max(1, info.compress_size)
        if size > MAX_PART_BYTES:
            log.error(None, "", "", "zip_part_too_large", part=info.filename[:100],
                      size=size, limit=MAX_PART_BYTES)  # fmt: skip
            return False
        if size >= RATIO_FROM_BYTES and size > ratio_limit:
            log.error(None, "", "", "zip_bomb", part=info.filename[:100],
                      ratio=size // max(1, info.compress_size), limit=MAX_RATIO)  # fmt: skip
            return False
        unpacked, tail = 0, b""
        xml = info.filename.lower().endswith((".xml", ".rels", ".vml"))
        with zf.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                unpacked += len(chunk)
                total += len(chunk)
                if unpacked > MAX_PART_BYTES or total > MAX_UNZIPPED_BYTES:
                    log.error(None, "", "", "workbook_too_large", size=total,
                              limit=MAX_UNZIPPED_BYTES)  # fmt: skip
                    return False
                if xml and _DTD.search(tail + chunk):
                    log.error(None, "", "", "xml_dtd", part=info.filename[:100])
                    return False
                tail = chunk[-24:]
    return True


def _is_worksheet(meta: Any) -> bool:
    from python_calamine import SheetTypeEnum

    return bool(meta.typ == SheetTypeEnum.WorkSheet)


def _visible(meta: Any) -> bool:
    from python_calamine import SheetVisibleEnum

    return bool(meta.visible == SheetVisibleEnum.Visible)


def _choose_sheet(
    book: Any, sheets: list[Any], read: _Read, log: _Log, scan: _Sheets
) -> tuple[str, _Grid] | None:
    names = [m.name for m in sheets]
    if read.sheet is not None:
        wanted = next((n for n in names if n == read.sheet), None) or next(
            (n for n in names if n.strip().casefold() == read.sheet.strip().casefold()), None
        )
        if wanted is None:
            log.error(None, "", read.sheet[:100], "sheet_not_found", sheet=repr(read.sheet[:100]),
                      sheets=", ".join(repr(n) for n in names[:50]))  # fmt: skip
            return None
        if not _visible(sheets[names.index(wanted)]):
            log.warn(None, "", wanted, "hidden_sheet_read", sheet=repr(wanted))
        return wanted, _grid(book, wanted, scan)
    visible = [m.name for m in sheets if _visible(m)]
    for name in names:
        if name not in visible:
            log.warn(None, "", name, "hidden_sheet", sheet=repr(name))
    grids = {}
    with_communes = []
    for name in visible:
        grids[name] = _grid(book, name, scan)
        if names_communes(grids[name], read):
            with_communes.append(name)
    if with_communes:
        name = with_communes[0]
    else:
        name = next((n for n in visible if grids[n].rows), visible[0] if visible else names[0])
    grid = grids.get(name) or _grid(book, name, scan)
    if len(names) > 1:
        others = ", ".join(repr(n) for n in with_communes[1:])
        if others:
            log.warn(None, "", name, "sheet_chosen_others", sheet=repr(name), others=others)
        elif with_communes:
            log.warn(None, "", name, "sheet_chosen", sheet=repr(name))
    return name, grid


class _Limits:
    """Counts one sheet's rows and cells with a value, row by row, and refuses the sheet
    (:class:`_Refused`, the error logged) at the first limit it breaks: rows
    (``max_rows``), cells (:data:`MAX_CELLS`), and the rectangle from A1 to its last cell
    (:data:`MAX_AREA`: what the reader lays out in memory, empty cells included)."""

    def __init__(self, max_rows: int, log: _Log) -> None:
        self.max_rows = max_rows
        self.log = log
        self.start("")

    def start(self, sheet: str) -> None:
        self.sheet, self.rows, self.cells, self.last_row, self.last_col = sheet, 0, 0, 0, 0

    def row(self, row: int, cells: int, last_col: int) -> None:
        """Row ``row`` (1-based) has ``cells`` cells with a value, the last in column
        ``last_col`` (1-based)."""
        if cells == 0:
            return
        self.rows += 1
        self.cells += cells
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, last_col)
        if self.rows % 512 == 0:
            self.log.check_time()
        if self.rows > self.max_rows:
            self.log.error(row, "", "", "too_many_rows", limit=self.max_rows - HEADER_SCAN_ROWS)
            raise _Refused
        if self.cells > MAX_CELLS:
            self.log.error(row, "", self.sheet, "too_many_cells", sheet=repr(self.sheet),
                           limit=MAX_CELLS)  # fmt: skip
            raise _Refused
        self.extent(self.last_row, self.last_col)

    def extent(self, rows: int, cols: int) -> None:
        """Refuse a sheet whose last cell is at row ``rows``, column ``cols``, beyond
        :data:`MAX_AREA` cells from A1."""
        if rows * cols > MAX_AREA:
            self.log.error(None, "", self.sheet, "sheet_too_large", sheet=repr(self.sheet),
                           last=_ref(rows - 1, cols - 1), limit=MAX_AREA)  # fmt: skip
            raise _Refused


class _Sheets:
    """The sheets of one workbook as they are read: each first checked against the
    limits by a streaming pass over its XML (.xlsx, .xlsm, .ods), which also finds its
    formulas, hidden rows and (.ods) merged cells."""

    def __init__(self, data: bytes, kind: str, limits: _Limits) -> None:
        self.data, self.kind, self.limits = data, kind, limits
        self.parts = _xlsx_sheet_parts(data) if kind in ("XLSX", "XLSM") else {}
        self.ods: dict[str, _Scan] = {}

    @property
    def log(self) -> _Log:
        return self.limits.log

    def before_opening(self) -> bool:
        """Scan what the reader lays out as it opens the file (every table of an .ods);
        False (errors logged) when it breaks a limit."""
        if self.kind != "ODS":
            return True
        try:
            self.ods = self._guarded(lambda: _scan_ods(self.data, self.limits), "content.xml")
        except _Refused:
            return False
        return True

    def scan(self, name: str) -> _Scan | None:
        """What the pass over sheet ``name`` found (None: .xls, .xlsb); :class:`_Refused`
        when it breaks a limit."""
        self.limits.start(name)
        if self.kind == "ODS":
            return self.ods.get(name, _Scan())
        if self.kind in ("XLSX", "XLSM"):
            part = self.parts.get(name)
            return self._guarded(lambda: _scan_xlsx(self.data, part, self.limits), part or name)
        return None

    def _guarded(self, scan: Callable[[], _T], part: str) -> _T:
        try:
            return scan()
        except (_Refused, TooSlow):
            raise
        except Exception as exc:  # noqa: BLE001 - expat errors, bad numbers, broken ZIPs
            from defusedxml import DefusedXmlException

            if isinstance(exc, DefusedXmlException):  # a DTD: also refused before
                self.log.error(None, "", "", "xml_dtd", part=part)
            else:
                self.log.error(None, "", "", "xlsx_unreadable", detail=_detail(exc))
            raise _Refused from exc


def _grid(book: Any, name: str, sheets: _Sheets) -> _Grid:
    """A sheet's rows with a value, numbered as the spreadsheet shows them.

    The sheet's XML (.xlsx, .xlsm, .ods) is first read as a stream and refused at the
    first limit it breaks (:class:`_Limits`), before the reader lays the sheet out in
    memory from its first to its last cell; then the rows are taken one at a time (and
    counted again: .xls and .xlsb have no such first pass)."""
    found = sheets.scan(name)
    try:
        sheet = book.get_sheet_by_name(name)
    except Exception as exc:  # calamine's errors on a broken sheet
        sheets.log.error(None, "", "", "xlsx_unreadable", detail=_detail(exc))
        raise _Refused from exc
    limits = sheets.limits
    limits.start(name)
    if sheet.end is not None:
        limits.extent(sheet.end[0] + 1, sheet.end[1] + 1)
    pad: list[object] = [""] * (sheet.start[1] if sheet.start else 0)
    rows: list[tuple[int, list[object]]] = []
    for i, raw in enumerate(sheet.iter_rows()):
        values = [_clean(v) for v in (pad + raw if pad else raw)]
        filled = [j for j, v in enumerate(values) if _text(v)]
        if filled:
            limits.row(i + 1, len(filled), filled[-1] + 1)
            rows.append((i + 1, values))
    merged = [
        (f"{_ref(r0, c0)}:{_ref(r1, c1)}", r0 + 1, c0, r1 + 1)
        for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])[:10_000]
    ]
    if found is None:
        return _Grid(WORKBOOK, rows, sheet=name, merged=merged)
    last = rows[-1][0] if rows else 0
    hidden = frozenset(r for r in found.hidden if r <= last)
    return _Grid(WORKBOOK, rows, name, found.formulas, frozenset(found.uncached),
                 found.merged if sheets.kind == "ODS" else merged, hidden)  # fmt: skip


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(min(col, 16383) + 1)}{row + 1}"


# ---------------------------------------------------------------------------- xlsx / xlsm

_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})$")


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _xlsx_sheet_parts(data: bytes) -> dict[str, str]:
    """Sheet name -> its part in the ZIP (``xl/worksheets/sheet1.xml``), from the workbook
    and its relationships (both checked by :func:`_parts_within_limits`); {} if unreadable:
    the sheets are then not scanned, only counted as they are read."""
    from defusedxml.ElementTree import fromstring

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            book = fromstring(zf.read("xl/workbook.xml"), forbid_dtd=True)
            rels = fromstring(zf.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    except Exception:  # noqa: BLE001 - calamine has read them; a scan is a bonus
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels if _local(r.tag) == "Relationship"}
    out = {}
    for el in book.iter():
        if _local(el.tag) == "sheet" and el.get(_REL) in targets:
            target = str(targets[el.get(_REL)])
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            out[str(el.get("name"))] = posixpath.normpath(path)
    return out


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _scan_xlsx(data: bytes, part: str | None, limits: _Limits) -> _Scan:
    """One pass over a sheet's XML: rows and cells with a value counted against
    ``limits``; formulas (text, and whether a value was saved) and hidden rows noted.

    expat's own callbacks, not an element tree: a quarter of a million cells take about a
    second. A document type declaration stops the pass (already refused by
    :func:`_parts_within_limits`; this keeps the scan safe on its own)."""
    if part is None:  # never read a sheet unchecked: the reader could run out of memory
        detail = f"no part for sheet {limits.sheet!r} in xl/workbook.xml"
        limits.log.error(None, "", "", "xlsx_unreadable", detail=detail)
        raise _Refused
    sheet = _SheetXml(limits)
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(part) as fh:
        while chunk := fh.read(_CHUNK):
            limits.log.check_time()
            sheet.parser.Parse(chunk, False)
        sheet.parser.Parse(b"", True)
    return sheet.found


class _SheetXml:
    """expat handlers for :func:`_scan_xlsx`."""

    def __init__(self, limits: _Limits) -> None:
        from xml.parsers import expat

        self.limits, self.found = limits, _Scan()
        self.shared: dict[str, str] = {}  # shared formula index -> its text (first cell)
        self.row = self.col = self.cells = self.last_col = 0
        self.valued = False  # the current cell has a value
        self.formula: list[str] | None = None  # text of the current cell's formula
        self.shared_index: str | None = None
        self.text: list[str] | None = None  # collecting a <v> or <f>
        p = expat.ParserCreate()
        p.buffer_text = True
        p.StartElementHandler = self.start
        p.EndElementHandler = self.end
        p.CharacterDataHandler = self.chars
        p.StartDoctypeDeclHandler = self.doctype
        p.EntityDeclHandler = self.doctype
        p.ExternalEntityRefHandler = self.doctype
        self.parser = p

    def doctype(self, *args: object) -> int:
        from defusedxml import DTDForbidden

        raise DTDForbidden(None, None, None)

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        if tag == "c":
            ref = _CELL_REF.match(attrs.get("r", ""))
            self.col = _col_number(ref.group(1)) if ref else self.col + 1
            if ref:
                self.row = int(ref.group(2))
            self.valued, self.formula = False, None
        elif tag == "v" or tag == "t":
            self.text = []
        elif tag == "is":
            self.valued = True
        elif tag == "f":
            self.text, self.formula = [], []
            self.shared_index = attrs.get("si") if attrs.get("t") == "shared" else None
        elif tag == "row":
            self.row = int(attrs.get("r") or self.row + 1)
            self.cells = self.last_col = self.col = 0
            if attrs.get("hidden") in ("1", "true"):
                self.found.hidden.add(self.row)

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def end(self, name: str) -> None:
        tag = name.rpartition(":")[2]
        if tag == "v":
            self.valued = self.valued or bool("".join(self.text or ()))
            self.text = None
        elif tag == "t":
            self.text = None
        elif tag == "f":
            self.formula = self.text or []
            self.text = None
        elif tag == "c":
            if self.valued:
                self.cells += 1
                self.last_col = max(self.last_col, self.col)
            if self.formula is not None:
                self._note_formula("".join(self.formula))
        elif tag == "row":
            self.limits.row(self.row, self.cells, self.last_col)

    def _note_formula(self, text: str) -> None:
        if self.shared_index is not None:
            known = self.shared.setdefault(self.shared_index, text)
            text = text or known
        key = (self.row, self.col - 1)
        self.found.formulas[key] = "=" + text
        if not self.valued:
            self.found.uncached.add(key)


# ---------------------------------------------------------------------------- ods

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def _scan_ods(data: bytes, limits: _Limits) -> dict[str, _Scan]:
    """One pass over an .ods ``content.xml``, every table (sheet) in turn: its rows and
    cells with a value (repeated ones as often as they repeat) counted against ``limits``,
    and its formulas, spanned (merged) cells and collapsed (hidden) rows. Before the
    reader opens the file: it lays out every table of an .ods as it opens it."""
    from defusedxml.ElementTree import iterparse

    out: dict[str, _Scan] = {}
    found = _Scan()
    hidden: list[tuple[int, int]] = []
    row, inside = 0, False
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end"), forbid_dtd=True):
            if el.tag == _TABLE + "table":
                if event == "start":
                    inside, row, found, hidden = True, 0, _Scan(), []
                    limits.start(str(el.get(_TABLE + "name", "")))
                else:
                    last = limits.last_row
                    found.hidden = {r for a, b in hidden for r in range(a, min(b, last) + 1)}
                    out[limits.sheet] = found
                    inside = False
                    el.clear()
                continue
            if not inside or event != "end" or el.tag != _TABLE + "table-row":
                continue
            repeat = int(el.get(_TABLE + "number-rows-repeated", "1"))
            if el.get(_TABLE + "visibility", "visible") != "visible":
                hidden.append((row + 1, row + repeat))
            col = cells = last_col = 0
            for cell in el:
                if cell.tag not in _ODS_CELLS:
                    continue
                across = int(cell.get(_TABLE + "number-columns-repeated", "1"))
                if cell.get(_OFFICE + "value-type") is not None or len(cell):
                    cells += across
                    last_col = col + across
                rows = int(cell.get(_TABLE + "number-rows-spanned", "1"))
                cols = int(cell.get(_TABLE + "number-columns-spanned", "1"))
                if (rows > 1 or cols > 1) and len(found.merged) < 10_000:
                    rng = f"{_ref(row, col)}:{_ref(row + rows - 1, col + cols - 1)}"
                    found.merged.append((rng, row + 1, col, row + rows))
                formula = cell.get(_TABLE + "formula")
                if formula is not None:
                    found.formulas[(row + 1, col)] = formula.removeprefix("of:")
                    if cell.get(_OFFICE + "value-type") is None:
                        found.uncached.add((row + 1, col))
                col += across
            el.clear()
            if cells:  # a repeated row with values counts as often as it repeats
                limits.extent(row + repeat, last_col)
                for r in range(row + 1, row + min(repeat, limits.max_rows + 1) + 1):
                    limits.row(r, cells, last_col)
            row += repeat
    return out
