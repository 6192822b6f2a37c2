"""Reading workbooks as officials keep them: .xlsx, .xlsm, .xlsb, OpenDocument .ods and old .xls.

Values come from ``python-calamine``, which reads all of them and gives each cell the value the
spreadsheet program saved: a formula is never calculated, a macro never run. For .xlsx and .xlsm
``openpyxl`` adds what calamine does not say: which cells hold formulas (a formula with no saved
value is an error naming the cell), merged ranges and hidden rows; for .ods the same is read
from the document's XML (through defusedxml). Old .xls: calamine's merged ranges only.

The sheet: the one the user names (``--sheet``, the upload dialog), or else the first visible
sheet whose header has a commune column, so a notes sheet in front does not stop the import;
the report says which sheet was read and which others could have been. Hidden sheets are not
chosen by themselves, and are reported.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from dashboard.coverage.importer.locate import locate, names_communes
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import MAX_UNZIPPED_BYTES
from dashboard.coverage.importer.tables import WORKBOOK, _clean, _Grid, _Read, _Table, _text
from dashboard.coverage.messages import phrase

#: What a ZIP file holds -> the workbook format (None: a ZIP that is not a workbook).
ZIP_FORMATS = (
    ("xl/workbook.xml", "XLSX"),
    ("xl/workbook.bin", "XLSB"),
    ("content.xml", "ODS"),
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls (and password-protected workbooks)


def read_workbook(data: bytes, read: _Read, max_rows: int, log: _Log) -> _Table | None:
    """The table of a workbook's sheet, or None with the errors logged."""
    kind = _format(data, log)
    if kind is None:
        return None
    import python_calamine

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own kinds, and ValueError
        code = "workbook_protected" if isinstance(exc, python_calamine.PasswordError) else ""
        if not code and data.startswith(OLE_MAGIC):
            code = "xls_unreadable"
        log.error(None, "", "", code or "xlsx_unreadable", detail=f"{type(exc).__name__}: {exc}")
        return None
    log.info["format"] = kind
    sheets = [m for m in book.sheets_metadata if _is_worksheet(m)]
    log.sheets = tuple(m.name for m in sheets)
    if not sheets:
        log.error(None, "", "", "no_worksheet")
        return None
    chosen = _choose_sheet(book, sheets, read, log)
    if chosen is None:
        return None
    name, grid = chosen
    log.info["sheet"] = name
    if kind in ("XLSX", "XLSM"):
        detailed = _with_detail(data, grid, log)
        if detailed is None:
            return None
        grid = detailed
    elif kind == "ODS" and grid.rows:
        grid = _with_ods_detail(data, grid)
    if not grid.rows:
        log.error(None, "", name, "empty_sheet", sheet=repr(name))
        return None
    return locate(grid, read, max_rows, log)


def _format(data: bytes, log: _Log) -> str | None:
    if data.startswith(OLE_MAGIC):
        return "XLS"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = set(zf.namelist())
            unzipped = sum(i.file_size for i in zf.infolist())
    except zipfile.BadZipFile:
        log.error(None, "", "", "damaged_zip")
        return None
    kind = next((k for member, k in ZIP_FORMATS if member in members), None)
    if kind is None:
        what = "format_docx" if "word/document.xml" in members else "format_zip"
        log.error(None, "", "", "zip_not_xlsx", what=phrase(what))
        return None
    if unzipped > MAX_UNZIPPED_BYTES:
        log.error(None, "", "", "workbook_too_large", size=unzipped, limit=MAX_UNZIPPED_BYTES)
        return None
    if any(m.startswith("xl/vbaProject") for m in members):
        log.warn(None, "", "", "macros_ignored")
        return "XLSM"
    return kind


def _is_worksheet(meta: Any) -> bool:
    from python_calamine import SheetTypeEnum

    return bool(meta.typ == SheetTypeEnum.WorkSheet)


def _visible(meta: Any) -> bool:
    from python_calamine import SheetVisibleEnum

    return bool(meta.visible == SheetVisibleEnum.Visible)


def _choose_sheet(book: Any, sheets: list[Any], read: _Read, log: _Log) -> tuple[str, _Grid] | None:
    names = [m.name for m in sheets]
    if read.sheet is not None:
        wanted = next((n for n in names if n == read.sheet), None) or next(
            (n for n in names if n.strip().casefold() == read.sheet.strip().casefold()), None
        )
        if wanted is None:
            log.error(None, "", read.sheet, "sheet_not_found", sheet=repr(read.sheet),
                      sheets=", ".join(repr(n) for n in names))  # fmt: skip
            return None
        if not _visible(sheets[names.index(wanted)]):
            log.warn(None, "", wanted, "hidden_sheet_read", sheet=repr(wanted))
        return wanted, _grid(book, wanted)
    visible = [m.name for m in sheets if _visible(m)]
    for name in names:
        if name not in visible:
            log.warn(None, "", name, "hidden_sheet", sheet=repr(name))
    grids = {}
    with_communes = []
    for name in visible:
        grids[name] = _grid(book, name)
        if names_communes(grids[name], read):
            with_communes.append(name)
    if with_communes:
        name = with_communes[0]
    else:
        name = next((n for n in visible if grids[n].rows), visible[0] if visible else names[0])
    grid = grids.get(name) or _grid(book, name)
    if len(names) > 1:
        others = ", ".join(repr(n) for n in with_communes[1:])
        if others:
            log.warn(None, "", name, "sheet_chosen_others", sheet=repr(name), others=others)
        elif with_communes:
            log.warn(None, "", name, "sheet_chosen", sheet=repr(name))
    return name, grid


def _grid(book: Any, name: str) -> _Grid:
    """A sheet's rows with a value, numbered as the spreadsheet shows them."""
    sheet = book.get_sheet_by_name(name)
    rows: list[tuple[int, list[object]]] = []
    for i, raw in enumerate(sheet.to_python(skip_empty_area=False)):
        values = [_clean(v) for v in raw]
        if any(_text(v) for v in values):
            rows.append((i + 1, values))
    merged = [
        (f"{_ref(r0, c0)}:{_ref(r1, c1)}", r0 + 1, c0, r1 + 1)
        for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])
    ]
    return _Grid(WORKBOOK, rows, sheet=name, merged=merged)


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row + 1}"


def _with_detail(data: bytes, grid: _Grid, log: _Log) -> _Grid | None:
    """``grid`` with the formulas, merged ranges and hidden rows that openpyxl sees."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_vba=False)
    except Exception as exc:  # openpyxl raises many kinds on broken files
        log.error(None, "", "", "xlsx_unreadable", detail=f"{type(exc).__name__}: {exc}")
        return None
    ws = wb[grid.sheet]
    values = {row: v for row, v in grid.rows}
    formulas: dict[tuple[int, int], str] = {}
    uncached: set[tuple[int, int]] = set()
    for cells in ws.iter_rows():
        for c in cells:
            if c.data_type != "f" and not hasattr(c.value, "text"):  # ArrayFormula: "text"
                continue
            col = c.column - 1
            formulas[(c.row, col)] = str(getattr(c.value, "text", c.value))
            saved = values.get(c.row, [])
            if col >= len(saved) or not _text(saved[col]):
                uncached.add((c.row, col))
    hidden = frozenset(r for r, dim in ws.row_dimensions.items() if dim.hidden)
    merged = [(str(r.coord), r.min_row, r.min_col - 1, r.max_row) for r in ws.merged_cells.ranges]
    return _Grid(WORKBOOK, grid.rows, grid.sheet, formulas, frozenset(uncached), merged, hidden)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def _with_ods_detail(data: bytes, grid: _Grid) -> _Grid:
    """``grid`` with the formulas, spanned (merged) cells and collapsed (hidden) rows of its
    table in an .ods ``content.xml``, read as a stream up to the last row with a value."""
    from defusedxml.ElementTree import iterparse

    last = grid.rows[-1][0]
    formulas: dict[tuple[int, int], str] = {}
    uncached: set[tuple[int, int]] = set()
    merged: list[tuple[str, int, int, int]] = []
    hidden: set[int] = set()
    row, inside = 0, False
    with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as fh:
        for event, el in iterparse(fh, events=("start", "end")):
            if el.tag == _TABLE + "table":
                if event == "start":
                    inside, row = el.get(_TABLE + "name") == grid.sheet, 0
                elif inside:
                    break
                continue
            if not inside or event != "end" or el.tag != _TABLE + "table-row":
                continue
            repeat = int(el.get(_TABLE + "number-rows-repeated", "1"))
            if el.get(_TABLE + "visibility", "visible") != "visible":
                hidden.update(range(row + 1, min(row + repeat, last) + 1))
            col = 0
            for cell in el:
                if cell.tag not in _ODS_CELLS:
                    continue
                rows = int(cell.get(_TABLE + "number-rows-spanned", "1"))
                cols = int(cell.get(_TABLE + "number-columns-spanned", "1"))
                if rows > 1 or cols > 1:
                    rng = f"{_ref(row, col)}:{_ref(row + rows - 1, col + cols - 1)}"
                    merged.append((rng, row + 1, col, row + rows))
                formula = cell.get(_TABLE + "formula")
                if formula is not None:
                    formulas[(row + 1, col)] = formula.removeprefix("of:")
                    if cell.get(_OFFICE + "value-type") is None:
                        uncached.add((row + 1, col))
                col += int(cell.get(_TABLE + "number-columns-repeated", "1"))
            el.clear()
            row += repeat
            if row >= last:
                break
    return _Grid(WORKBOOK, grid.rows, grid.sheet, formulas, frozenset(uncached), merged,
                 frozenset(hidden))  # fmt: skip
