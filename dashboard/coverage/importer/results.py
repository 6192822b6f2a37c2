"""What an import returns: the issues found (each with a code, its place in the file and a
suggestion), the matched rows and the snapshot."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.messages import (
    Params,
)
from dashboard.coverage.model import MembershipSnapshot

MAX_BYTES = 5_000_000  # a full list of 589 communes is about 40 kB
MAX_ROWS = 10_000
#: Workbooks (a 589-commune .xlsx is about 50 kB, its parts unpack to a few hundred kB):
#: what the parts of a ZIP workbook may unpack to, together and each, and how much more
#: than its compressed size a large part may unpack to (zip bombs).
MAX_UNZIPPED_BYTES = 20_000_000
MAX_PART_BYTES = 10_000_000
MAX_RATIO = 100
RATIO_FROM_BYTES = 1_000_000  # small parts (styles, one repeated row) may compress better
#: Cells with a value in the sheet read (10,000 rows of 8 columns are 80,000), and the
#: rectangle from A1 to the last cell with a value (what the reader lays out in memory).
MAX_CELLS = 200_000
MAX_AREA = 2_000_000
MAX_SECONDS = 20.0  # one import, reading to snapshot
MAX_VALUE_CHARS = 2_000  # one cell of the list (a comment may be a paragraph)
MAX_ERRORS = 200
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
#: A text starting with one of these (after its leading spaces) is a formula to a
#: spreadsheet program (CSV / formula injection). "-" followed by a number, or dashes
#: alone ("-", "—" for "nothing"), are not refused: see :func:`formula_like`.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXAMPLE_MARK = "example"
ILLUSTRATIVE_MARK = "illustrative"
TEMPLATE_COLUMNS = tuple(
    vocab.TEMPLATE_HEADERS[f]
    for f in (vocab.NIS, vocab.COMMUNE, vocab.STATUS, vocab.CELL, vocab.AS_OF, vocab.COMMENT)
)


_NUMBER = re.compile(r"-\s*\d+(?:[.,]\d+)?%?")
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u200e\u200f")
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program could run ``text`` as a formula: it starts, after any
    leading white space (non-breaking and zero-width spaces too), with one of
    :data:`FORMULA_START`; a negative number ("-5", "-1,5") and dashes alone ("-", "--",
    "—": nothing) are safe."""
    i = 0
    while i < len(text) and (
        text[i] in _INVISIBLE or (text[i].isspace() and text[i] not in "\t\r")
    ):
        i += 1
    body = text[i:].rstrip()
    if not body.startswith(FORMULA_START):
        return False
    if body[0] == "-":
        return not (set(body) <= _DASHES or _NUMBER.fullmatch(body))
    return True


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
