"""Old .xls and binary .xlsb workbooks read in a child process with a memory ceiling.

An .xlsx, .xlsm or .ods sheet is XML, scanned as a stream and refused at the first limit
before anything lays it out (:mod:`.workbook`). An .xls or .xlsb sheet is binary, and
calamine lays it out in memory, from its first to its last cell, before any limit can be
checked: a 5 kB .xls with one cell in A1 and one in IV65536 costs over 1 GB. So these
two formats are read by calamine in a child Python process (``python -I -c``) whose
address space is capped (``RLIMIT_AS``, :data:`MEMORY_LIMIT`) and whose CPU time is
capped too. A file that needs more dies in the child, and the import reports it as too
costly to read; the server's worker never holds that memory.

The child reads the file from its standard input and writes JSON to its standard output:
the sheets' names, kinds and visibility, and per worksheet its extent, its rows with a
value (dates tagged, so they come back as dates) and its merged ranges. Nothing is
pickled. :class:`SandboxBook` gives the parent the same interface as calamine's
workbook (``sheets_metadata``, ``get_sheet_by_name``), so :mod:`.workbook` reads a
sandboxed workbook like any other.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from dashboard.coverage.importer.results import MAX_VALUE_CHARS

#: The child's address space: Python and calamine take ~150 MB; a sheet laid out over its
#: whole rectangle takes ~32 bytes a cell, so 2 million cells (``MAX_AREA``) fit.
MEMORY_LIMIT = 768 * 2**20
#: The child's CPU time, in seconds (the import's own deadline bounds the wall time).
CPU_LIMIT = 20
#: The most characters of cell text the child sends back: a real list of 589 communes has
#: well under a million; past this the workbook is too costly (the parent would hold the
#: answer twice, as bytes and parsed). Each text is also cut just past ``MAX_VALUE_CHARS``
#: (the importer then says it is too long).
MAX_ANSWER_CHARS = 8_000_000
#: The most bytes of answer the parent reads (JSON escapes make it longer than its text).
MAX_ANSWER_BYTES = 64 * 2**20

# The child's program: only the standard library and python_calamine, no import of this
# package (its imports are heavier, and a child must start fast).
_CHILD = r"""
import datetime as dt, io, json, resource, sys
memory, cpu, max_rows, max_cells, max_area, max_chars, max_total = (int(a) for a in sys.argv[1:8])
resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
import python_calamine as pc

total = 0

class TooMuch(Exception):
    pass

def enc(v):
    global total
    if isinstance(v, str):
        v = v[:max_chars]
        total += len(v)
        if total > max_total:
            raise TooMuch
        return v
    if isinstance(v, dt.datetime):
        return {"datetime": v.isoformat()}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    if isinstance(v, dt.time):
        return {"time": v.isoformat()}
    if isinstance(v, dt.timedelta):
        return {"seconds": v.total_seconds()}
    if isinstance(v, float) and v != v:
        return None
    return v

def out(obj):
    sys.stdout.write(json.dumps(obj))

try:
    book = pc.CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read()))
except Exception as exc:
    out({"open_error": "protected" if isinstance(exc, pc.PasswordError) else "unreadable",
         "detail": f"{type(exc).__name__}: {exc}"[:300]})
    sys.exit(0)
sheets, grids = [], {}
try:
    for m in book.sheets_metadata:
        worksheet = m.typ == pc.SheetTypeEnum.WorkSheet
        sheets.append([m.name, worksheet, m.visible == pc.SheetVisibleEnum.Visible])
        if not worksheet:
            continue
        try:
            sheet = book.get_sheet_by_name(m.name)
        except Exception as exc:
            grids[m.name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        start, end = sheet.start, sheet.end
        rows, n_rows, n_cells = [], 0, 0
        if end is None or (end[0] + 1) * (end[1] + 1) <= max_area:
            for i, raw in enumerate(sheet.iter_rows()):
                filled = sum(1 for v in raw if v not in ("", None))
                if filled:
                    rows.append([i, [enc(v) for v in raw]])
                    n_rows, n_cells = n_rows + 1, n_cells + filled
                    if n_rows > max_rows or n_cells > max_cells:
                        break  # the parent refuses the sheet on counting these
        merged = [list(map(list, r)) for r in (sheet.merged_cell_ranges or [])[:10000]]
        grids[m.name] = {"start": start, "end": end, "rows": rows, "merged": merged}
        del sheet
except TooMuch:
    out({"too_costly": True})
    sys.exit(0)
out({"sheets": sheets, "grids": grids})
"""


class SandboxError(Exception):
    """The child could not read the workbook: ``code`` is the importer's message code."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(detail or code)
        self.code, self.detail = code, detail


@dataclass(frozen=True)
class _Meta:
    name: str
    typ: Any
    visible: Any


@dataclass
class SandboxSheet:
    """A sheet as the child read it: calamine's sheet interface, rows with a value only."""

    start: tuple[int, int] | None
    end: tuple[int, int] | None
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    merged_cell_ranges: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def iter_rows(self) -> Iterator[list[object]]:
        """Every row from the sheet's first (an empty list for a row with no value)."""
        at = 0
        for i, values in self.rows:
            while at < i:
                yield []
                at += 1
            yield values
            at += 1


class SandboxBook:
    """The workbook the child read, with calamine's interface."""

    def __init__(self, sheets: list[_Meta], grids: dict[str, SandboxSheet | str]) -> None:
        self.sheets_metadata = sheets
        self._grids = grids

    def get_sheet_by_name(self, name: str) -> SandboxSheet:
        grid = self._grids.get(name)
        if isinstance(grid, SandboxSheet):
            return grid
        raise ValueError(grid or f"no sheet {name!r}")


def _decode(value: object) -> object:
    if isinstance(value, dict):
        if "datetime" in value:
            return dt.datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return dt.date.fromisoformat(value["date"])
        if "time" in value:
            return dt.time.fromisoformat(value["time"])
        if "seconds" in value:
            return dt.timedelta(seconds=value["seconds"])
        return None
    return value


def _pair(value: object) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if isinstance(value, list) else None


def read_in_sandbox(data: bytes, *, max_rows: int, max_cells: int, max_area: int,
                    seconds: float, memory: int = MEMORY_LIMIT) -> SandboxBook:  # fmt: skip
    """The workbook ``data`` (.xls or .xlsb) read by calamine in a capped child process.

    Raises :class:`SandboxError`: ``workbook_protected``; ``xls_unreadable`` (calamine
    cannot read it); ``workbook_too_costly`` (the child ran out of memory or CPU time, or
    died); ``too_slow`` (past ``seconds``)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    args = [str(a) for a in (memory, CPU_LIMIT, max_rows, max_cells, max_area,
                             MAX_VALUE_CHARS + 1, MAX_ANSWER_CHARS)]  # fmt: skip
    try:
        command = [sys.executable, "-I", "-c", _CHILD, *args]
        done = subprocess.run(command, input=data, capture_output=True,
                              timeout=max(seconds, 1.0), check=False)  # fmt: skip
    except subprocess.TimeoutExpired:
        raise SandboxError("too_slow") from None
    if done.returncode != 0 or not done.stdout or len(done.stdout) > MAX_ANSWER_BYTES:
        raise SandboxError("workbook_too_costly", f"the reader stopped ({done.returncode})")
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise SandboxError("workbook_too_costly", "the reader's answer was cut") from None
    if answer.get("too_costly"):
        raise SandboxError("workbook_too_costly", "too much text")
    if "open_error" in answer:
        code = "workbook_protected" if answer["open_error"] == "protected" else "xls_unreadable"
        raise SandboxError(code, str(answer.get("detail", "")))
    sheets = [
        _Meta(name, SheetTypeEnum.WorkSheet if worksheet else SheetTypeEnum.ChartSheet,
              SheetVisibleEnum.Visible if visible else SheetVisibleEnum.Hidden)
        for name, worksheet, visible in answer["sheets"]
    ]  # fmt: skip
    grids: dict[str, SandboxSheet | str] = {}
    for name, grid in answer["grids"].items():
        if "error" in grid:
            grids[name] = str(grid["error"])
            continue
        grids[name] = SandboxSheet(
            start=_pair(grid["start"]),
            end=_pair(grid["end"]),
            rows=[(int(i), [_decode(v) for v in values]) for i, values in grid["rows"]],
            merged_cell_ranges=[(_pair(a), _pair(b)) for a, b in grid["merged"]],  # type: ignore[misc]
        )
    return SandboxBook(sheets, grids)
