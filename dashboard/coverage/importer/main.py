"""The orchestrator: read, interpret and build a membership file, in a few steps."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path

from dashboard.coverage import vocab
from dashboard.coverage.importer.columns import _map_columns
from dashboard.coverage.importer.communes import _check_duplicates, _resolve_communes
from dashboard.coverage.importer.dates import _as_date_argument, _file_date, _vintage
from dashboard.coverage.importer.geography import Geography
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.reader import read_table
from dashboard.coverage.importer.results import (
    EXAMPLE_MARK,
    ILLUSTRATIVE_MARK,
    MAX_BYTES,
    MAX_ROWS,
    ImportResult,
)
from dashboard.coverage.importer.rows import _check_merged, _Row, _rows
from dashboard.coverage.importer.snapshot import _build, _parse_statuses, _part_groups
from dashboard.coverage.importer.tables import _Read, _read_source
from dashboard.coverage.model import MembershipSnapshot


def import_membership(
    source: str | Path | bytes,
    *,
    filename: str | None = None,
    geography: Geography | None = None,
    as_of: dt.date | str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: Mapping[str, str] | None = None,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a membership file (path or bytes) into a snapshot, or a list of errors.

    ``filename`` names the file in messages (default: the path's name, or "upload").
    ``as_of``: the date when the file has no date column (it must agree when it has one).
    ``sheet``: the sheet of a workbook to read (default: the first visible sheet whose header
    has a commune column). ``header_row``: the row of the header as the spreadsheet numbers
    it, or the CSV line (default: found by its words, see :mod:`.locate`).
    ``column_map``: header as written -> field (``nis``, ``commune``, ``status``, ``cell``,
    ``as_of``, ``source``, ``comment`` or ``ignore``), for headers the vocabulary does not
    know. ``geography`` defaults to the real geodata (:meth:`Geography.from_geodata`).
    """
    name = filename or (Path(source).name if isinstance(source, str | Path) else "upload")
    log = _Log(name)
    given, date_ok = _as_date_argument(as_of, log)
    data = _read_source(source, max_bytes, log)
    read = _Read(sheet, header_row, frozenset(column_map or ()))
    table = read_table(data, read, max_rows, log) if data is not None and date_ok else None
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
    return ImportResult(log.file, snapshot, (), warnings, tuple(matched), tuple(log.info.items()),
                        log.sheets, log.header_row)  # fmt: skip


def _warn_examples(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        v = r.get(vocab.COMMENT)
        if v and v.text.casefold().startswith(EXAMPLE_MARK):
            log.warn_in(r.row, v, "example_row")


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
