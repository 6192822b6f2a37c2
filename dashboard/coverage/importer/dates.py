"""Reading dates in the formats people type, and the file's as-of date and division."""

from __future__ import annotations

import datetime as dt
import re

from dashboard.coverage import vocab
from dashboard.coverage.importer.geography import Geography
from dashboard.coverage.importer.log import _Log, rows_phrase
from dashboard.coverage.importer.rows import _Row
from dashboard.coverage.importer.tables import _text
from dashboard.coverage.messages import (
    Param,
    Phrase,
    param_text,
    phrase,
)

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_YMD_SLASH = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$")
_DMY_SHORT = re.compile(r"^(\d{1,2})([./-])(\d{1,2})\2(\d{2})$")


class DateProblem(ValueError):
    """Why a date cannot be read; ``phrase`` says it in any language."""

    def __init__(self, phrase: Phrase, message: str) -> None:
        super().__init__(message)
        self.phrase = phrase


def _date_problem(code: str, **params: Param) -> DateProblem:
    p = phrase(code, **params)
    return DateProblem(p, param_text(p))


def parse_date(value: object) -> dt.date:
    """A date from a cell: a date/datetime, YYYY-MM-DD (optionally with a time),
    YYYY/MM/DD, DD/MM/YYYY, DD.MM.YYYY or DD-MM-YYYY (day first, as in Belgium).
    Raises ValueError with a readable reason."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    for pattern, order in ((_ISO, (1, 2, 3)), (_YMD_SLASH, (1, 2, 3)), (_DMY, (4, 3, 1))):
        m = pattern.match(text)
        if m:
            y, mo, d = (int(m.group(i)) for i in order)
            try:
                return dt.date(y, mo, d)
            except ValueError as exc:
                raise _date_problem("date_no_such_day", detail=str(exc)) from None
    if _DMY_SHORT.match(text):
        raise _date_problem("date_two_digit_year")
    if text.isdigit() and 20000 < int(text) < 80000:
        raise _date_problem("date_excel_serial")
    raise _date_problem("date_unknown_format")


SPREADSHEET_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel (1900 system) and LibreOffice
SERIAL_RANGE = (20_000, 80_000)  # 1954-10-03 .. 2119-01-10: the days a list can be dated


def spreadsheet_day(value: object) -> dt.date | None:
    """The date a spreadsheet day number stands for (42517 -> 2016-05-27), when a date cell
    lost its date format; None for anything else. Text of digits counts too (a CSV saved
    from such a sheet)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    text = _text(value)
    if not text.isdigit() or not SERIAL_RANGE[0] < int(text) < SERIAL_RANGE[1]:
        return None
    return SPREADSHEET_EPOCH + dt.timedelta(days=int(text))


def _as_date_argument(as_of: dt.date | str | None, log: _Log) -> tuple[dt.date | None, bool]:
    if as_of is None or as_of == "":
        return None, True
    try:
        return parse_date(as_of), True
    except ValueError as exc:
        log.error(None, "--date", as_of, "date_argument_invalid", problem=_problem(exc))
        return None, False


def _file_date(
    rows: list[_Row], given: dt.date | None, today: dt.date, log: _Log
) -> tuple[dt.date | None, int | None]:
    dated: list[tuple[_Row, dt.date]] = []
    blank: list[int] = []
    serials: list[int] = []
    for r in rows:
        v = r.get(vocab.AS_OF)
        if v is None or not v.text:
            blank.append(r.row)
            continue
        serial = spreadsheet_day(v.raw)
        if serial is not None:
            if not serials:
                log.warn_in(r.row, v, "date_serial", date=serial.isoformat())
            serials.append(r.row)
            dated.append((r, serial))
            continue
        try:
            dated.append((r, parse_date(v.raw)))
        except ValueError as exc:
            log.error_in(r.row, v, "unreadable_date", problem=_problem(exc))
    if log.errors:
        return None, None
    if not dated:
        if given is None:
            log.error(None, "", "", "no_dates")
        return given, None
    first_row, first = dated[0]
    for r, d in dated[1:]:
        if d != first:
            v = r.values[vocab.AS_OF]
            log.error_in(
                r.row,
                v,
                "mixed_dates",
                date=d.isoformat(),
                first_date=first.isoformat(),
                first_row=str(first_row.row),
            )
    if given is not None and given != first:
        v = first_row.values[vocab.AS_OF]
        log.error_in(
            first_row.row,
            v,
            "date_contradicts_argument",
            date=first.isoformat(),
            given=given.isoformat(),
        )
    if blank and not log.errors:
        log.warn(
            blank[0],
            "",
            "",
            "rows_without_date",
            count=str(len(blank)),
            rows=rows_phrase(blank),
            date=first.isoformat(),
        )
    if first > today:
        v = first_row.values[vocab.AS_OF]
        log.error_in(first_row.row, v, "date_in_future", date=first.isoformat())
    return first, first_row.row


def _problem(exc: ValueError) -> Phrase:
    """Why a date cannot be read, as a phrase (a :class:`DateProblem`'s, or the text)."""
    if isinstance(exc, DateProblem):
        return exc.phrase
    return phrase("text", text=str(exc))


def _vintage(
    day: dt.date, date_row: int | None, rows: list[_Row], geography: Geography, log: _Log
) -> str | None:
    try:
        return geography.vintage_key(day)
    except (ValueError, KeyError) as exc:
        row = next((r for r in rows if r.row == date_row), None)
        v = row.get(vocab.AS_OF) if row is not None else None
        log.error(
            date_row,
            v.column if v else "--date",
            v.raw if v else day,
            "date_outside_vintages",
            cell=v.cell if v else "",
            detail=str(exc),
        )
        return None
