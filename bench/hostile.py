"""Hostile uploads for the load benchmark: files made to cost a server as much as the
upload limits let them (each just under the 5 MB file limit, so each reaches the importer).

- ``cells.xlsx``: one sheet of 1.2 million small number cells (deflated to ~2 MB);
- ``rows.xlsx``: a million rows of one cell each;
- ``bomb.xlsx``: a sheet whose XML inflates a thousandfold (zip bomb);
- ``line.csv``: one line of 4.9 million characters;
- ``far.xls``: an old .xls of 5 kB with a value in A1 and one in IV65536 (calamine lays
  the whole sheet out: over 1 GB, so the importer reads .xls in a capped child process);
  written with xlwt (the test extra), left out when it is not installed.

Built in memory with :mod:`zipfile` (no spreadsheet library: fast, deterministic), once per
process. Each is returned as ``(file name, bytes)``.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = "</sheetData></worksheet>"


def _xlsx(sheet_xml: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _RELS),
            ("xl/workbook.xml", _WORKBOOK),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/worksheets/sheet1.xml", sheet_xml),
        ):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text)
    return out.getvalue()


def _rows(n_rows: int, n_cols: int) -> str:
    head = '<row r="1"><c r="A1" t="inlineStr"><is><t>NIS</t></is></c></row>'
    body = "".join(
        f'<row r="{r}">' + "<c><v>1</v></c>" * n_cols + "</row>" for r in range(2, n_rows + 2)
    )
    return _SHEET_HEAD + head + body + _SHEET_TAIL


def _far_xls() -> bytes | None:
    try:
        import xlwt
    except ImportError:
        return None
    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    ws.write(0, 0, "nis_code")
    ws.write(65535, 255, "x")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@cache
def hostile_files() -> tuple[tuple[str, bytes], ...]:
    """The files, each under 5 MB (the .xls first, when xlwt is there)."""
    cells = _xlsx(_rows(12_000, 100))  # 1.2 M cells
    rows = _xlsx(_rows(1_000_000, 1))
    bomb = _xlsx(_SHEET_HEAD + " " * 200_000_000 + _SHEET_TAIL)  # 200 MB of blanks inflated
    line = b"NIS;" + b"x" * 4_900_000 + b"\n"
    files = (("far.xls", far) if (far := _far_xls()) else None, ("cells.xlsx", cells),
             ("rows.xlsx", rows), ("bomb.xlsx", bomb), ("line.csv", line))  # fmt: skip
    files = tuple(f for f in files if f is not None)
    for name, data in files:
        assert len(data) < 5_000_000, (name, len(data))
    return files


if __name__ == "__main__":
    for name, data in hostile_files():
        print(f"{name}: {len(data):,} bytes")
