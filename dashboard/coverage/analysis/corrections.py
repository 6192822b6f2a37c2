"""Corrections: status corrections proposed on a commune's profile, as a membership file.

Pure (no dash / plotly, no IO). A user on a commune's profile proposes a status for a
commune at a date (:func:`make_proposal`); the session keeps the list (:func:`add_proposal`,
:func:`remove_proposal`; in the browser as :func:`proposals_to_payload`, read back and
checked again with :func:`payload_to_proposals`); :func:`corrections_file` writes the list
as a membership file in the template's format (``data/membership_template.csv``,
``data/membership_schema.md``), for ``csil-dashboard validate`` and an import by whoever owns
the data. :func:`apply_corrections` lays an imported corrections file over a snapshot.

Problems are :class:`CorrectionIssue` codes with parameters (no wording here), raised
together in one :class:`CorrectionError`.

Rules
-----
- A proposal names a commune by (NIS code, division) and a date on which that division is
  in force (``vintage_not_in_force`` otherwise: the file's date decides its division);
  dates before 1977 or after today are refused, as the importer refuses them.
- The status is one of own cell, shared cell, planned, none, unknown, in any word of
  :mod:`dashboard.coverage.vocab` (FR / NL / DE / EN); a bare "covered" word ("oui", "ja",
  "yes") is refused as ``ambiguous_status`` (say own or shared). A cell name goes with a
  covered status only. The **source is required**; the comment is optional. Free texts are
  trimmed and at most :data:`MAX_TEXT` characters.
- **One date per list**: a file is one snapshot, so every proposal of a session has the same
  date and division; a proposal of another date is refused (``mixed_dates``) rather than
  silently split into several files. A second proposal for the same commune replaces the
  first (the user changed their mind).
- Cells: an ``own_cell`` proposal whose cell another proposal names is refused
  (``own_cell_shared``). A ``shared_cell`` proposal whose cell no other proposal names is
  written without the cell column (the importer refuses a shared cell with one member in the
  file) and its cell name is kept in the comment as ``cell: <name>``. Cell names in one
  cell group are written in their first spelling.
- The file: UTF-8 with a byte-order mark (so that Excel shows accents; the importer reads
  both), comma-separated, the template's columns (:data:`FILE_COLUMNS`: ``nis_code``,
  ``commune``, ``status``, ``cell``, ``as_of``, ``source_comment``) plus ``source``, one row
  per commune in NIS order; the commune's name in its region's language
  (:func:`geodata.belgium.local_name`, French in Brussels); statuses as ``own_cell``,
  ``shared_cell``, ``planned``, ``none``, ``unknown``.
- Spreadsheet formula injection: a free text (source, comment, cell) that begins with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (leading spaces and apostrophes
  aside) is written behind **two** apostrophes (``''=HYPERLINK(...)``). A spreadsheet shows
  it as text (its cell begins with an apostrophe, never with a formula character); the
  importer, which refuses values beginning with ``=``, ``+``, ``@`` or a tab, drops the
  first apostrophe as it drops the one spreadsheets put before numbers, and reads
  ``'=HYPERLINK(...)``: the text arrives with one apostrophe in front and stays harmless in
  whatever is exported from it later.
- :func:`apply_corrections`: the corrected communes take the file's status, cell, source and
  comment (dated to the file's date, basis ``file``); every other commune keeps everything
  it had. A cell loses its corrected members; one left with a single ``shared_cell`` member
  is dissolved and that commune keeps ``shared_cell`` with its partners no longer stated
  (``cell_id`` None; listed in the metadata as ``cell_detached``).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import pandas as pd

from dashboard.coverage import vocab
from dashboard.coverage.importer.results import FORMULA_START, ImportResult
from dashboard.coverage.model import Cell, MembershipSnapshot, Status
from geodata import VINTAGE_KEYS, vintage_for_date
from geodata.belgium import local_name, one_spelling

#: The longest free text (source, comment, cell name) accepted.
MAX_TEXT: Final = 1000
#: The most proposals a list may hold back from the browser (a division has at most 589
#: communes; a longer list was forged, and each proposal costs a check).
MAX_PROPOSALS = 1000
#: The earliest date a file may have (the importer refuses dates before 1977).
EARLIEST: Final = dt.date(1977, 1, 1)
#: The columns of a corrections file: the template's, then ``source``.
FILE_COLUMNS: Final[tuple[str, ...]] = tuple(
    vocab.TEMPLATE_HEADERS[f]
    for f in (
        vocab.NIS, vocab.COMMUNE, vocab.STATUS, vocab.CELL, vocab.AS_OF, vocab.COMMENT,
        vocab.SOURCE,
    )
)  # fmt: skip
#: Issue codes (``field`` says which input): see the module docstring.
ISSUE_CODES: Final[tuple[str, ...]] = (
    "unknown_commune",
    "unknown_vintage",
    "bad_date",
    "date_before_1977",
    "future_date",
    "vintage_not_in_force",
    "empty_status",
    "unknown_status",
    "ambiguous_status",
    "cell_without_cover",
    "empty_source",
    "text_too_long",
    "mixed_dates",
    "own_cell_shared",
    "no_proposals",
    "bad_payload",
)
PAYLOAD_VERSION: Final = 1


@dataclass(frozen=True)
class CorrectionIssue:
    """One problem: a code of :data:`ISSUE_CODES`, the field it concerns ("" for the list)
    and parameters for the message (``suggestions`` are ";"-joined)."""

    code: str
    field: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


class CorrectionError(ValueError):
    """Every problem found, together (:attr:`issues`)."""

    def __init__(self, issues: Iterable[CorrectionIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("; ".join(f"{i.code} ({i.field})" for i in self.issues))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.issues)


@dataclass(frozen=True)
class Proposal:
    """A proposed status for one commune at one date (checked by :func:`make_proposal`)."""

    nis: str
    vintage: str
    as_of: dt.date
    status: Status
    source: str
    cell: str = ""
    comment: str = ""
    name: str = ""  # the commune's name in its region's language (the file's ``commune``)


# ----------------------------------------------------------------------------- one proposal


def _issue(code: str, field: str, **params: object) -> CorrectionIssue:
    return CorrectionIssue(code, field, tuple((k, str(v)) for k, v in params.items()))


def _date(value: dt.date | str, issues: list[CorrectionIssue]) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        issues.append(_issue("bad_date", "as_of", value=value))
        return None


def _check_date(day: dt.date, vintage: str, today: dt.date, issues: list[CorrectionIssue]) -> None:
    if day < EARLIEST:
        issues.append(_issue("date_before_1977", "as_of", date=day.isoformat()))
        return
    if day > today:
        issues.append(_issue("future_date", "as_of", date=day.isoformat(), today=today))
        return
    in_force = vintage_for_date(day).key
    if vintage in VINTAGE_KEYS and vintage != in_force:
        issues.append(
            _issue("vintage_not_in_force", "vintage", vintage=vintage, date=day, expected=in_force)
        )


def _status(value: Status | str, issues: list[CorrectionIssue]) -> Status | None:
    text = str(value).strip()
    if not text:
        issues.append(_issue("empty_status", "status"))
        return None
    word = vocab.status_word(text)
    if word == vocab.COVERED:
        issues.append(_issue("ambiguous_status", "status", value=text))
        return None
    if word is None:
        close = vocab.suggest(text, vocab.STATUS_INDEX)
        issues.append(_issue("unknown_status", "status", value=text, suggestions=";".join(close)))
        return None
    return Status(word)


def _text(value: str | None, field: str, issues: list[CorrectionIssue]) -> str:
    text = (value or "").strip()
    if len(text) > MAX_TEXT:
        issues.append(_issue("text_too_long", field, length=len(text), limit=MAX_TEXT))
    return text


def make_proposal(
    nis: str,
    vintage: str,
    as_of: dt.date | str,
    status: Status | str,
    source: str,
    *,
    communes: pd.DataFrame,
    cell: str = "",
    comment: str = "",
    today: dt.date | None = None,
) -> Proposal:
    """A checked proposal, or :class:`CorrectionError` with every problem.

    ``communes``: the commune frame of ``vintage`` (``nis``, names, ``region``,
    ``german_speaking``); ``today`` (for tests) bounds the date."""
    issues: list[CorrectionIssue] = []
    code = str(nis).strip()
    rows = communes[communes["nis"].astype(str) == code]
    if vintage not in VINTAGE_KEYS:
        issues.append(_issue("unknown_vintage", "vintage", vintage=vintage))
    if rows.empty:
        issues.append(_issue("unknown_commune", "nis", nis=code, vintage=vintage))
    day = _date(as_of, issues)
    if day is not None:
        _check_date(day, vintage, today or dt.date.today(), issues)
    parsed = _status(status, issues)
    cell_text = _text(cell, "cell", issues)
    if parsed is not None and cell_text and not parsed.covered:
        issues.append(_issue("cell_without_cover", "cell", status=parsed.value, cell=cell_text))
    source_text = _text(source, "source", issues)
    if not source_text:
        issues.append(_issue("empty_source", "source"))
    comment_text = _text(comment, "comment", issues)
    if issues:
        raise CorrectionError(issues)
    assert day is not None and parsed is not None
    name = one_spelling(local_name(rows.iloc[0].to_dict())) or code
    return Proposal(code, vintage, day, parsed, source_text, cell_text, comment_text, name)


# ----------------------------------------------------------------------------- the list


def _cell_key(cell: str) -> str:
    return vocab.normalise_word(cell) if cell else ""


def check_proposals(proposals: Sequence[Proposal]) -> tuple[CorrectionIssue, ...]:
    """Problems of the list as a whole: mixed dates, an own cell another proposal names."""
    issues: list[CorrectionIssue] = []
    if not proposals:
        return (_issue("no_proposals", ""),)
    first = proposals[0]
    for p in proposals[1:]:
        if (p.as_of, p.vintage) != (first.as_of, first.vintage):
            issues.append(
                _issue(
                    "mixed_dates",
                    "as_of",
                    nis=p.nis,
                    date=p.as_of,
                    vintage=p.vintage,
                    list_date=first.as_of,
                    list_vintage=first.vintage,
                )  # fmt: skip
            )
    groups = _cell_groups(proposals)
    for p in proposals:
        members = groups.get(_cell_key(p.cell), ())
        if p.status is Status.OWN_CELL and len(members) > 1:
            issues.append(
                _issue(
                    "own_cell_shared",
                    "cell",
                    nis=p.nis,
                    cell=p.cell,
                    others=";".join(m.nis for m in members if m is not p),
                )  # fmt: skip
            )
    return tuple(issues)


def _cell_groups(proposals: Iterable[Proposal]) -> dict[str, tuple[Proposal, ...]]:
    groups: dict[str, list[Proposal]] = {}
    for p in proposals:
        if p.cell:
            groups.setdefault(_cell_key(p.cell), []).append(p)
    return {k: tuple(v) for k, v in groups.items()}


def add_proposal(proposals: Sequence[Proposal], proposal: Proposal) -> tuple[Proposal, ...]:
    """The list with ``proposal`` added (replacing an earlier one for the same commune, in
    its place), or :class:`CorrectionError` (``mixed_dates``, ``own_cell_shared``)."""
    out = [p for p in proposals]
    at = next((i for i, p in enumerate(out) if p.nis == proposal.nis), None)
    if at is None:
        out.append(proposal)
    else:
        out[at] = proposal
    issues = check_proposals(out)
    if issues:
        raise CorrectionError(issues)
    return tuple(out)


def remove_proposal(proposals: Sequence[Proposal], nis: str) -> tuple[Proposal, ...]:
    """The list without the proposal for ``nis`` (unchanged when there is none)."""
    return tuple(p for p in proposals if p.nis != nis)


def proposals_to_payload(proposals: Sequence[Proposal]) -> dict[str, Any]:
    """The list as JSON-able data for the session (``dcc.Store``)."""
    return {
        "v": PAYLOAD_VERSION,
        "proposals": [
            {
                "nis": p.nis,
                "vintage": p.vintage,
                "as_of": p.as_of.isoformat(),
                "status": p.status.value,
                "source": p.source,
                "cell": p.cell,
                "comment": p.comment,
            }  # fmt: skip
            for p in proposals
        ],
    }


def payload_to_proposals(
    payload: Mapping[str, Any] | None, communes: pd.DataFrame, *, today: dt.date | None = None
) -> tuple[Proposal, ...]:
    """The list back from the browser, every proposal checked again (it may have been
    altered there); an empty or foreign payload is an empty list. ``communes``: the commune
    frame of the proposals' division. Raises :class:`CorrectionError`."""
    if not isinstance(payload, Mapping) or payload.get("v") != PAYLOAD_VERSION:
        return ()
    items = payload.get("proposals")
    if not isinstance(items, list) or len(items) > MAX_PROPOSALS:  # one per commune at most
        raise CorrectionError([_issue("bad_payload", "")])
    out: tuple[Proposal, ...] = ()
    for item in items:
        if not isinstance(item, Mapping):
            raise CorrectionError([_issue("bad_payload", "")])
        p = make_proposal(
            str(item.get("nis", "")), str(item.get("vintage", "")), str(item.get("as_of", "")),
            str(item.get("status", "")), str(item.get("source", "")), communes=communes,
            cell=str(item.get("cell", "")), comment=str(item.get("comment", "")), today=today,
        )  # fmt: skip
        out = add_proposal(out, p)
    return out


# ----------------------------------------------------------------------------- the file


def neutralise(text: str) -> str:
    """``text`` made safe for a spreadsheet and for the importer (rule in the module
    docstring): two apostrophes in front when, without its leading spaces and apostrophes,
    it would begin with a formula character (:data:`FORMULA_START`)."""
    if text.lstrip(" '").startswith(FORMULA_START):
        return "''" + text.strip(" ")
    return text


def _rows(proposals: Sequence[Proposal]) -> list[list[str]]:
    groups = _cell_groups(proposals)
    rows = []
    for p in sorted(proposals, key=lambda p: p.nis):
        members = groups.get(_cell_key(p.cell), ())
        cell, comment = p.cell, p.comment
        if p.status is Status.SHARED_CELL and len(members) == 1:
            cell, comment = "", "; ".join(t for t in (p.comment, f"cell: {p.cell}") if t)
        elif members:
            cell = members[0].cell  # one spelling per cell
        rows.append(
            [
                p.nis,
                p.name,
                p.status.value,
                neutralise(cell),
                p.as_of.isoformat(),
                neutralise(comment),
                neutralise(p.source),
            ]  # fmt: skip
        )
    return rows


def corrections_file(proposals: Sequence[Proposal]) -> bytes:
    """The proposals as a membership file (format in the module docstring), or
    :class:`CorrectionError` (``no_proposals``, ``mixed_dates``, ``own_cell_shared``)."""
    issues = check_proposals(proposals)
    if issues:
        raise CorrectionError(issues)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(FILE_COLUMNS)
    writer.writerows(_rows(proposals))
    return buf.getvalue().encode("utf-8-sig")


def corrections_filename(proposals: Sequence[Proposal]) -> str:
    """``csil-corrections-<date>-<division>.csv`` for the list's date and division."""
    if not proposals:
        raise CorrectionError([_issue("no_proposals", "")])
    return f"csil-corrections-{proposals[0].as_of.isoformat()}-{proposals[0].vintage}.csv"


# ----------------------------------------------------------------------------- applying


def apply_corrections(
    snapshot: MembershipSnapshot, corrections: MembershipSnapshot | ImportResult
) -> MembershipSnapshot:
    """``snapshot`` with the communes of an imported corrections file replaced (rules in the
    module docstring). The corrections must be on the snapshot's division and date, else
    ValueError; so is a result that lays an own cell over a shared one."""
    if isinstance(corrections, ImportResult):
        if not corrections.ok or corrections.snapshot is None:
            raise ValueError(f"the corrections file {corrections.file} did not import")
        corrections = corrections.snapshot
    if (corrections.vintage, corrections.as_of) != (snapshot.vintage, snapshot.as_of):
        raise ValueError(
            f"corrections for {corrections.as_of} ({corrections.vintage}) cannot correct a "
            f"snapshot of {snapshot.as_of} ({snapshot.vintage})"
        )
    fixed = {
        s.nis: dataclasses.replace(s, date=corrections.as_of.isoformat(), basis="file")
        for s in corrections.statuses
    }
    members: dict[str, list[str]] = {}
    names: dict[str, Cell] = {}
    for c in (*snapshot.cells, *corrections.cells):
        names.setdefault(c.cell_id, c)
        kept = members.setdefault(c.cell_id, [])
        from_file = c in corrections.cells
        kept.extend(m for m in c.members if from_file or m not in fixed)
    statuses = {s.nis: s for s in snapshot.statuses if s.nis not in fixed} | fixed
    detached: list[str] = []
    cells: list[Cell] = []
    for cell_id, ms in sorted(members.items()):
        unique = tuple(sorted(set(ms)))
        if not unique:
            continue
        alone = statuses.get(unique[0])
        if len(unique) == 1 and alone is not None and alone.status is Status.SHARED_CELL:
            statuses[unique[0]] = dataclasses.replace(alone, cell_id=None)
            detached.append(unique[0])
            continue
        cells.append(dataclasses.replace(names[cell_id], members=unique))
    metadata = (
        *snapshot.metadata,
        ("corrections", corrections.source),
        ("corrected", ";".join(sorted(fixed))),
        *((("cell_detached", ";".join(detached)),) if detached else ()),
    )
    out = dataclasses.replace(
        snapshot,
        statuses=tuple(statuses[n] for n in sorted(statuses)),
        cells=tuple(cells),
        metadata=metadata,
    )
    return out.validate()
