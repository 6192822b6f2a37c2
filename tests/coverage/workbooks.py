"""Real workbooks built in memory, as officials' spreadsheet programs save them.

One description of the sheets (:class:`Sheet`) is written in each format the importer reads:
``.xlsx`` and ``.xlsm`` with openpyxl, OpenDocument ``.ods`` with odfpy, legacy ``.xls`` with
xlwt. Numbers stay numbers, ``datetime.date`` values become date cells (with a date format),
``None`` an empty cell; text starting with "=" is a formula in .xlsx/.xlsm (and in .ods when
``formulas`` gives its saved value), plain text in .xls.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

Row = Sequence[Any]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: Sequence[Any]  # rows (Row), row 1 first; [] is an empty row
    hidden: bool = False
    merged: tuple[str, ...] = ()  # "A1:F1" (xlsx/xlsm, ods, xls)
    hidden_rows: tuple[int, ...] = ()  # spreadsheet row numbers


def _width(rows: Sequence[Row]) -> int:
    return max((len(r) for r in rows), default=0)


# ---------------------------------------------------------------------------- xlsx / xlsm


def xlsx(*sheets: Sheet, cached: Mapping[str, object] | None = None) -> bytes:
    """An .xlsx workbook written by openpyxl.

    openpyxl saves a formula with no value (``<f>..</f><v></v>``): the file a program writes
    without calculating. ``cached`` ("B5" -> value, first sheet) fills in the saved value, as
    Excel does when it calculates before saving.
    """
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        for i, row in enumerate(spec.rows, start=1):
            for j, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = ws.cell(row=i, column=j, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for rng in spec.merged:
            ws.merge_cells(rng)
        for r in spec.hidden_rows:
            ws.row_dimensions[r].hidden = True
        if spec.hidden:
            ws.sheet_state = "hidden"
    visible = [i for i, s in enumerate(sheets) if not s.hidden]
    wb.active = visible[0] if visible else 0
    buf = io.BytesIO()
    wb.save(buf)
    data = buf.getvalue()
    return _with_cached_values(data, cached) if cached else data


def _with_cached_values(data: bytes, cached: Mapping[str, object]) -> bytes:
    """``data`` with saved values written into the first sheet's formula cells."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        files = {n: zin.read(n) for n in zin.namelist()}
    xml = files[member].decode("utf-8")
    for ref, value in cached.items():
        m = re.search(rf'<c r="{ref}"( [^>]*)?><f>(.*?)</f><v\s*/?>(</v>)?</c>', xml)
        assert m, f"no formula cell {ref} in {member}"
        attrs = (m.group(1) or "") + (' t="str"' if isinstance(value, str) else "")
        cell = f'<c r="{ref}"{attrs}><f>{m.group(2)}</f><v>{escape(str(value))}</v></c>'
        xml = xml[: m.start()] + cell + xml[m.end() :]
    files[member] = xml.encode("utf-8")
    return _zip(files)


def xlsm(*sheets: Sheet, cached: Mapping[str, object] | None = None) -> bytes:
    """An .xlsx workbook with a VBA project added: a macro-enabled .xlsm."""
    with zipfile.ZipFile(io.BytesIO(xlsx(*sheets, cached=cached))) as zin:
        files = {n: zin.read(n) for n in zin.namelist()}
    files["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    return _zip(files)


def _zip(files: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, content in files.items():
            zout.writestr(name, content)
    return buf.getvalue()


# ---------------------------------------------------------------------------- ods


def ods(*sheets: Sheet, formulas: Mapping[str, object] | None = None) -> bytes:
    """An OpenDocument spreadsheet written by odfpy, as LibreOffice saves one.

    ``formulas`` ("B5" -> saved value, first sheet): the text "=..." of that cell is written
    as a formula holding that value (LibreOffice always saves the value of a formula); a value
    of None writes the formula with no saved value, as other programs may.
    """
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.style import Style, TableProperties
    from odf.table import CoveredTableCell, Table, TableCell, TableColumn, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    hidden_style = Style(name="hiddenTable", family="table")
    hidden_style.addElement(TableProperties(display="false"))
    doc.automaticstyles.addElement(hidden_style)
    for n, spec in enumerate(sheets):
        table = Table(name=spec.name)
        if spec.hidden:
            table.setAttribute("stylename", hidden_style)
        width = max(1, _width(spec.rows))
        table.addElement(TableColumn(numbercolumnsrepeated=width))
        spans = {_top_left(rng): _span(rng) for rng in spec.merged}
        covered = {c for rng in spec.merged for c in _cells(rng)} - set(spans)
        for i, row in enumerate(spec.rows, start=1):
            tr = TableRow(visibility="collapse") if i in spec.hidden_rows else TableRow()
            for j in range(width):
                ref = _ref(i, j)
                value = row[j] if j < len(row) else None
                if ref in covered:
                    tr.addElement(CoveredTableCell())
                    continue
                saved = (formulas or {}).get(ref, _NONE) if n == 0 else _NONE
                tc = _ods_cell(TableCell, P, value, saved)
                if ref in spans:
                    rows, cols = spans[ref]
                    tc.setAttribute("numberrowsspanned", rows)
                    tc.setAttribute("numbercolumnsspanned", cols)
                tr.addElement(tc)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    buf = io.BytesIO()
    doc.write(buf)
    return buf.getvalue()


_NONE = object()  # no formula in this cell


def _ods_cell(cell_type, para, value: object, saved: object):  # type: ignore[no-untyped-def]
    if isinstance(value, str) and value.startswith("=") and saved is not _NONE:
        formula = "of:=" + re.sub(r"([A-Z]+[0-9]+)", r"[.\1]", value[1:])
        if saved is None:
            return cell_type(formula=formula)
        shown = str(saved)
        if isinstance(saved, str):
            tc = cell_type(formula=formula, valuetype="string", stringvalue=saved)
        else:
            tc = cell_type(formula=formula, valuetype="float", value=saved)
        tc.addElement(para(text=shown))
        return tc
    if value is None:
        return cell_type()
    if isinstance(value, dt.date):
        tc = cell_type(valuetype="date", datevalue=value.isoformat())
        tc.addElement(para(text=value.strftime("%d/%m/%Y")))
    elif isinstance(value, int | float) and not isinstance(value, bool):
        tc = cell_type(valuetype="float", value=value)
        tc.addElement(para(text=str(value)))
    else:
        tc = cell_type(valuetype="string")
        tc.addElement(para(text=str(value)))
    return tc


# ---------------------------------------------------------------------------- xls


def xls(*sheets: Sheet) -> bytes:
    """A legacy .xls (BIFF8) workbook written by xlwt."""
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for spec in sheets:
        ws = wb.add_sheet(spec.name)
        merged = {_top_left(rng): rng for rng in spec.merged}
        covered = {c for rng in spec.merged for c in _cells(rng)} - set(merged)
        for i, row in enumerate(spec.rows):
            for j, value in enumerate(row):
                ref = _ref(i + 1, j)
                if ref in covered or (value is None and ref not in merged):
                    continue
                if ref in merged:
                    (r0, c0), (r1, c1) = _bounds(merged[ref])
                    ws.write_merge(r0, r1, c0, c1, value)
                elif isinstance(value, dt.date):
                    ws.write(i, j, value, date_style)
                else:
                    ws.write(i, j, value)
        for r in spec.hidden_rows:
            ws.row(r - 1).hidden = True
        if spec.hidden:
            ws.visibility = 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------- cell references


def _ref(row: int, col: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{get_column_letter(col + 1)}{row}"


def _bounds(rng: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """ "A1:F2" -> ((0, 0), (1, 5)): first and last row and column, from 0."""
    from openpyxl.utils.cell import range_boundaries

    c0, r0, c1, r1 = range_boundaries(rng)
    return (r0 - 1, c0 - 1), (r1 - 1, c1 - 1)


def _top_left(rng: str) -> str:
    (r0, c0), _ = _bounds(rng)
    return _ref(r0 + 1, c0)


def _span(rng: str) -> tuple[int, int]:
    (r0, c0), (r1, c1) = _bounds(rng)
    return r1 - r0 + 1, c1 - c0 + 1


def _cells(rng: str) -> set[str]:
    (r0, c0), (r1, c1) = _bounds(rng)
    return {_ref(r + 1, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
