"""The orchestrator: read, interpret and build a membership file, in a few steps."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from pathlib import Path

from dashboard.coverage import vocab
from dashboard.coverage.importer.columns import _map_columns
from dashboard.coverage.importer.communes import _check_duplicates, _resolve_communes
from dashboard.coverage.importer.dates import _as_date_argument, _file_date, _vintage
from dashboard.coverage.importer.geography import Geography
from dashboard.coverage.importer.log import TooSlow, _Log
from dashboard.coverage.importer.reader import read_table
from dashboard.coverage.importer.results import (
    EXAMPLE_MARK,
    ILLUSTRATIVE_MARK,
    MAX_BYTES,
    MAX_ROWS,
    MAX_SECONDS,
    ImportResult,
    formula_like,
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
    max_seconds: float = MAX_SECONDS,
) -> ImportResult:
    """Read a membership file (path or bytes) into a snapshot, or a list of errors.

    ``filename`` names the file in messages and in the snapshot (default: the path's name,
    or "upload"); a name a spreadsheet would run as a formula, or with control characters,
    is recorded neutralised (:func:`safe_file_name`), with a warning.
    ``as_of``: the date when the file has no date column (it must agree when it has one).
    ``sheet``: the sheet of a workbook to read (default: the first visible sheet whose header
    has a commune column). ``header_row``: the row of the header as the spreadsheet numbers
    it, or the CSV line (default: found by its words, see :mod:`.locate`).
    ``column_map``: header as written -> field (``nis``, ``commune``, ``status``, ``cell``,
    ``as_of``, ``source``, ``comment`` or ``ignore``), for headers the vocabulary does not
    know. ``geography`` defaults to the real geodata (:meth:`Geography.from_geodata`).
    ``max_bytes``, ``max_rows`` and ``max_seconds`` bound the work: a file over them is an
    error, never a partial snapshot.
    """
    given_name = filename or (Path(source).name if isinstance(source, str | Path) else "upload")
    name = safe_file_name(given_name)
    log = _Log(name, max_seconds)
    if name != given_name:
        log.warn(None, "", "", "file_name_changed", name=name)
    try:
        return _import(source, log, geography, as_of, sheet, header_row, column_map,
                       max_bytes, max_rows, today)  # fmt: skip
    except TooSlow:
        log.errors.clear()
        log.dropped = 0
        log.error(None, "", "", "too_slow", seconds=str(round(max_seconds)))
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - a reader's panic is BaseException (pyo3)
        log.error(None, "", "", "unexpected_error", detail=f"{type(exc).__name__}: {exc}"[:200])
    return log.failed()


def _import(
    source: str | Path | bytes,
    log: _Log,
    geography: Geography | None,
    as_of: dt.date | str | None,
    sheet: str | None,
    header_row: int | None,
    column_map: Mapping[str, str] | None,
    max_bytes: int,
    max_rows: int,
    today: dt.date | None,
) -> ImportResult:
    given, date_ok = _as_date_argument(as_of, log)
    data = _read_source(source, max_bytes, log)
    read = _Read(sheet, header_row, frozenset(column_map or ()))
    table = read_table(data, read, max_rows, log) if data is not None and date_ok else None
    if table is None or log.errors:
        return log.failed()
    log.check_time()
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


#: Characters a file name may not bring into a snapshot: controls and bidirectional
#: overrides (they hide or reorder what the name says).
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
MAX_NAME = 200


def safe_file_name(name: str) -> str:
    """``name`` as it may be written in a snapshot and in every row of an export: control
    characters replaced by "_", white space around it removed, at most :data:`MAX_NAME`
    characters, and "_" put in front when a spreadsheet would read it as a formula
    (:func:`formula_like`: "=cmd|' /C calc'!A0.csv" becomes "_=cmd|' /C calc'!A0.csv").
    The file is still read: its name is no part of the membership list."""
    text = _NAME_CONTROL.sub("_", name).strip()
    if len(text) > MAX_NAME:
        text = text[: MAX_NAME - 1] + "…"
    if formula_like(text) or text.startswith("-"):
        text = "_" + text
    return text or "upload"


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
    log.check_time()
    geography = geography or Geography.from_geodata()
    vintage = _vintage(day, date_row, rows, geography, log)
    if vintage is None:
        return log.failed()
    matcher = geography.matcher(vintage)
    _parse_statuses(rows, log)
    log.check_time()
    matched = _resolve_communes(rows, matcher, day, log)
    log.check_time()
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
