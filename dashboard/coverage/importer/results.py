"""What an import returns: the issues found (each with a code, its place in the file and a
suggestion), the matched rows and the snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.messages import (
    Params,
)
from dashboard.coverage.model import MembershipSnapshot

MAX_BYTES = 5_000_000  # a full list of 589 communes is about 40 kB
MAX_ROWS = 10_000
MAX_UNZIPPED_BYTES = 50_000_000  # XLSX: guard against zip bombs
MAX_ERRORS = 200
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
FORMULA_START = ("=", "+", "@", "\t", "\r")
EXAMPLE_MARK = "example"
ILLUSTRATIVE_MARK = "illustrative"
TEMPLATE_COLUMNS = tuple(
    vocab.TEMPLATE_HEADERS[f]
    for f in (vocab.NIS, vocab.COMMUNE, vocab.STATUS, vocab.CELL, vocab.AS_OF, vocab.COMMENT)
)


@dataclass(frozen=True)
class ImportIssue:
    """One error or warning, located as precisely as possible."""

    file: str
    row: int | None  # the row a person sees; None for the whole file
    column: str  # the header as written in the file ("" for the whole row or file)
    value: str
    reason: str
    suggestion: str = ""
    severity: str = "error"  # "error" or "warning"
    cell: str = ""  # spreadsheet reference (XLSX), e.g. "C5"
    #: stable message code (:mod:`dashboard.coverage.messages`): the dashboard renders
    #: ``reason`` and ``suggestion`` in the page language from it and ``params``
    code: str = ""
    params: Params = ()

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
        if self.column:
            parts.append(self.column)
        loc = ":".join(parts)
        return f"{loc} ({self.cell})" if self.cell else loc

    def __str__(self) -> str:
        text = self.location()
        if self.value:
            text += f" {self.value!r}"
        text += f" — {self.reason}"
        if self.suggestion:
            text += f" — {self.suggestion}"
        return text


@dataclass(frozen=True)
class MatchedRow:
    """How one row's commune was recognised."""

    row: int
    text: str  # what the file says (code and/or name)
    nis: str
    official_name: str
    via: str  # "code", "name", "historical name", "historical code" (+ ", two names"...)
    note: str = ""


@dataclass(frozen=True)
class ImportResult:
    file: str
    snapshot: MembershipSnapshot | None
    errors: tuple[ImportIssue, ...] = ()
    warnings: tuple[ImportIssue, ...] = ()
    matches: tuple[MatchedRow, ...] = ()
    info: tuple[tuple[str, str], ...] = ()  # format, encoding, delimiter, sheet, rows...
    sheets: tuple[str, ...] = ()  # a workbook's sheets, in order (the choice offered)
    header_row: int | None = None  # the row read as the header

    @property
    def ok(self) -> bool:
        return self.snapshot is not None and not self.errors

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]
