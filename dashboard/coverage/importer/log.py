"""The import's issue log: errors and warnings with their place in the file, capped."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from dashboard.coverage.importer.results import MAX_ERRORS, MAX_SECONDS, ImportIssue, ImportResult
from dashboard.coverage.messages import (
    Param,
    Params,
    Phrase,
    issue_text_en,
    phrase,
)


class TooSlow(Exception):
    """The import ran past its deadline (:meth:`_Log.check_time`)."""


class _Log:
    def __init__(self, file: str, max_seconds: float = MAX_SECONDS) -> None:
        self.file = file
        self.max_seconds = max_seconds
        self.deadline = time.monotonic() + max_seconds
        self.errors: list[ImportIssue] = []
        self.warnings: list[ImportIssue] = []
        self.dropped = 0
        self.info: dict[str, str] = {}
        self.sheets: tuple[str, ...] = ()  # a workbook's sheets, in order
        self.header_row: int | None = None  # the row taken as the header

    @property
    def full(self) -> bool:
        """Whether errors are no longer listed (:data:`MAX_ERRORS`): work that only makes
        an error's message better (name suggestions) is not worth doing any more."""
        return len(self.errors) >= MAX_ERRORS

    def check_time(self) -> None:
        """Raise :class:`TooSlow` once the import has run past its deadline: called between
        steps and inside the loops over rows and cells, so that no file holds a worker."""
        if time.monotonic() > self.deadline:
            raise TooSlow

    def _issue(
        self, row: int | None, column: str, value: object, code: str, severity: str, cell: str,
        params: Params,
    ) -> ImportIssue:  # fmt: skip
        """An issue whose English reason and suggestion are rendered from ``code``."""
        reason, suggestion = issue_text_en(code, params)
        return ImportIssue(
            self.file, row, column, _show(value), reason, suggestion, severity, cell, code, params
        )

    def error(
        self,
        row: int | None,
        column: str,
        value: object,
        code: str,
        /,
        cell: str = "",
        **params: Param,
    ) -> None:
        """Record error ``code`` (:mod:`dashboard.coverage.messages`) with its parameters."""
        if len(self.errors) >= MAX_ERRORS:
            self.dropped += 1
            return
        self.errors.append(
            self._issue(row, column, value, code, "error", cell, tuple(params.items()))
        )

    def warn(
        self,
        row: int | None,
        column: str,
        value: object,
        code: str,
        /,
        cell: str = "",
        **params: Param,
    ) -> None:
        """Record warning ``code`` with its parameters."""
        self.warnings.append(
            self._issue(row, column, value, code, "warning", cell, tuple(params.items()))
        )

    def error_in(self, row: int | None, value: Any, code: str, /, **params: Param) -> None:
        """Error ``code`` on a cell's value (anything with ``column``, ``raw`` and ``cell``)."""
        self.error(row, value.column, value.raw, code, cell=value.cell, **params)

    def warn_in(self, row: int | None, value: Any, code: str, /, **params: Param) -> None:
        """Warning ``code`` on a cell's value."""
        self.warn(row, value.column, value.raw, code, cell=value.cell, **params)

    def failed(self) -> ImportResult:
        errors = sorted(self.errors, key=lambda e: e.row or 0)
        if self.dropped:
            more = (("count", str(self.dropped)),)
            errors.append(self._issue(None, "", "", "more_errors", "error", "", more))
        return ImportResult(
            self.file,
            None,
            tuple(errors),
            tuple(self.warnings),
            info=tuple(self.info.items()),
            sheets=self.sheets,
            header_row=self.header_row,
        )


#: Characters shown escaped in an issue's value: controls (a terminal obeys them) and
#: bidirectional overrides (they reorder what is shown).
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _show(value: object) -> str:
    text = _shown(value)
    return _UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def rows_phrase(rows: list[int], limit: int = 10) -> Phrase:
    """ "rows 2, 3, 4" (at most ``limit`` numbers, then "and N more")."""
    shown = ", ".join(str(r) for r in rows[:limit])
    if len(rows) == 1:
        return phrase("row", row=shown)
    if len(rows) > limit:
        return phrase("rows_more", rows=shown, more=str(len(rows) - limit))
    return phrase("rows", rows=shown)
