"""Finding the columns of a membership table by their headers (in four languages) or an explicit
map."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import TEMPLATE_COLUMNS
from dashboard.coverage.importer.tables import WORKBOOK, _Table, _text
from dashboard.coverage.messages import (
    Param,
)
from dashboard.coverage.names import (
    parse_code,
)


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
    if table.kind == WORKBOOK:  # CSV rows longer than the header are reported row by row
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
    log.check_time()
    close = [] if log.full else vocab.suggest(header[:200], vocab.HEADER_INDEX)
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
