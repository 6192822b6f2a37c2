"""The import's issue log: errors and warnings with their place in the file, capped."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dashboard.coverage.importer.results import MAX_ERRORS, ImportIssue, ImportResult
from dashboard.coverage.messages import (
    Param,
    Params,
    issue_text_en,
)


class _Log:
    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[ImportIssue] = []
        self.warnings: list[ImportIssue] = []
        self.dropped = 0
        self.info: dict[str, str] = {}

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
            self.file, None, tuple(errors), tuple(self.warnings), info=tuple(self.info.items())
        )


def _show(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."
