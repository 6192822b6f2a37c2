"""The rows of a membership table as typed values, with formula and merged-cell checks."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.importer.columns import _Column
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import FORMULA_START
from dashboard.coverage.importer.tables import _Table, _text
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
