"""Which reader a file needs: a workbook (by its first bytes), a CSV, or a refusal naming the
kind of file it is."""

from __future__ import annotations

from dashboard.coverage.importer.locate import locate
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.tables import _check_single_column, _Read, _read_csv, _Table
from dashboard.coverage.importer.workbook import OLE_MAGIC, read_workbook
from dashboard.coverage.messages import phrase

_MAGIC: tuple[tuple[bytes, str], ...] = (  # start of the file -> phrase code
    (b"%PDF", "format_pdf"),
    (b"\x89PNG", "format_png"),
    (b"\xff\xd8\xff", "format_jpeg"),
    (b"GIF8", "format_gif"),
    (b"\x1f\x8b", "format_gzip"),
    (b"{\\rtf", "format_rtf"),
)


def read_table(data: bytes, read: _Read, max_rows: int, log: _Log) -> _Table | None:
    """The membership table in ``data``, or None with the errors logged."""
    if data.startswith((b"PK\x03\x04", OLE_MAGIC)):
        return read_workbook(data, read, max_rows, log)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            log.error(None, "", "", "wrong_format", what=phrase(what))
            return None
    if read.sheet:
        log.warn(None, "", read.sheet, "csv_sheet_ignored")
    found = _read_csv(data, max_rows, log)
    if found is None:
        return None
    grid, delimiter = found
    table = locate(grid, read, max_rows, log)
    if table is not None and delimiter is None:
        _check_single_column(table.header, table.header_row, log)
    return table
