"""The rows of a membership table as typed values, with formula and merged-cell checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.importer.columns import _Column
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import MAX_VALUE_CHARS, formula_like
from dashboard.coverage.importer.tables import CSV, _Table, _text
from dashboard.coverage.names import (
    FormerPart,
    NameMatch,
)


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
        if extra and table.kind == CSV:
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
        log.check_time()
    _check_unsaved(table, columns, log)
    return out


def _check_formulas(
    table: _Table, row: int, columns: list[_Column], raw: list[object], log: _Log
) -> None:
    """Text that a spreadsheet would run as a formula is refused (:func:`formula_like`:
    the text as it would be stored, after its leading spaces), and so is text with an
    invisible control character, and text longer than :data:`MAX_VALUE_CHARS` (no name
    is that long; it would only slow the search for close names). A formula cell is read
    by its saved value (see :func:`_check_unsaved`), which is checked like any other text:
    ``="=HYPERLINK(..)"`` saves a formula as text."""
    for c in columns:
        value = raw[c.index] if c.index < len(raw) else None
        if not isinstance(value, str):
            continue
        ref = table.cell_ref(row, c.index)
        if len(value) > MAX_VALUE_CHARS:
            log.error(row, c.header, value, "value_too_long", cell=ref, length=len(value),
                      limit=MAX_VALUE_CHARS)  # fmt: skip
            continue
        if formula_like(value):
            log.error(row, c.header, value, "formula_start", cell=ref)
            continue
        bad = _CONTROL.search(value)
        if bad:
            log.error(row, c.header, value, "control_character", cell=ref,
                      char=f"U+{ord(bad.group()):04X}", position=str(bad.start() + 1))  # fmt: skip


#: Control characters a person cannot see or type in a cell: C0 controls and DEL except
#: tab and line breaks (a cell may hold several lines), and the bidirectional overrides
#: that make a text read differently from what it holds. (C1 controls are what a wrong
#: encoding gives: the name they spoil is reported as unknown.)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _check_unsaved(table: _Table, columns: list[_Column], log: _Log) -> None:
    """Formula cells of the table's columns: an error for each with no saved value (it was
    never calculated: nothing to read, and the importer never calculates); one warning that
    the saved values of the others were used."""
    used = {c.index: c for c in columns}
    cells = sorted(
        (row, col)
        for row, col in table.formulas
        if row > table.header_row and row not in table.skipped and col in used
    )
    for row, col in cells:
        if (row, col) in table.uncached:
            formula = table.formulas[(row, col)]
            log.error(row, used[col].header, formula, "formula_no_value",
                      cell=table.cell_ref(row, col))  # fmt: skip
    saved = [(r, c) for r, c in cells if (r, c) not in table.uncached]
    if saved:
        row, col = saved[0]
        log.warn(row, used[col].header, table.formulas[(row, col)], "formula_values",
                 cell=table.cell_ref(row, col), first=table.cell_ref(row, col),
                 count=len(saved))  # fmt: skip


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


def _row_label(r: _Row) -> str:
    return r.text(vocab.COMMUNE) or r.text(vocab.NIS)
