"""Resolving each row's commune by code or name, across divisions, and reporting duplicates."""

from __future__ import annotations

import copy
import datetime as dt

from dashboard.coverage import vocab
from dashboard.coverage.importer.log import _Log
from dashboard.coverage.importer.results import MatchedRow
from dashboard.coverage.importer.rows import _Row, _row_label, _Value
from dashboard.coverage.importer.snapshot import (
    _check_part_rows,
    _PartGroup,
    _report_whole_and_parts,
)
from dashboard.coverage.messages import (
    Param,
    Phrase,
    param_text,
    phrase,
)
from dashboard.coverage.names import (
    MatchKind,
    NameMatch,
    NameMatcher,
    parse_code,
)
from geodata.belgium import one_spelling


def _resolve_communes(
    rows: list[_Row], matcher: NameMatcher, day: dt.date, log: _Log
) -> list[MatchedRow]:
    matched: list[MatchedRow] = []
    quiet: NameMatcher | None = None
    for r in rows:
        log.check_time()
        if log.full and quiet is None:
            quiet = _without_suggestions(matcher)
        m = _resolve_commune(r, quiet or matcher, day, log)
        if m is None or m.nis is None:
            continue
        r.match = m
        r.part = matcher.former_part(m)
        text = " / ".join(t for t in (r.text(vocab.NIS), r.text(vocab.COMMUNE)) if t)
        via = f"{m.via}, {m.form}" if m.form else m.via  # "name, administrative form"
        matched.append(MatchedRow(r.row, text, m.nis, m.official_name, via, m.note))
        if m.note:
            v = r.get(vocab.NIS) if m.via == "historical code" else r.get(vocab.COMMUNE)
            v = v or r.get(vocab.NIS) or r.get(vocab.COMMUNE)
            log.warn(
                r.row,
                v.column if v else "",
                v.raw if v else "",
                "historical_match",
                cell=v.cell if v else "",
                note=_note_phrase(m),
                date=day.isoformat(),
                commune=f"{m.official_name} ({m.nis})",
            )
    return matched


def _without_suggestions(matcher: NameMatcher) -> NameMatcher:
    """``matcher`` that no longer looks for close names and codes: once the log is full
    (:attr:`_Log.full`) further errors are only counted, and fuzzy suggestions for 10,000
    unknown names would take seconds for nothing."""
    quiet = copy.copy(matcher)
    quiet.suggest = lambda text, limit=3: []  # type: ignore[method-assign]
    quiet._near_codes = lambda code, limit=3: []  # type: ignore[method-assign]
    return quiet


def _resolve_commune(r: _Row, matcher: NameMatcher, day: dt.date, log: _Log) -> NameMatch | None:
    code_v, name_v = r.get(vocab.NIS), r.get(vocab.COMMUNE)
    if name_v and name_v.text and not (code_v and code_v.text) and parse_code(name_v.raw):
        code_v, name_v = name_v, None  # a code typed in the commune column
    if code_v and code_v.text:
        m = matcher.match_code(code_v.raw)
        if not _report_match(r, code_v, m, matcher, day, log, is_code=True):
            return None
        if name_v and name_v.text:
            _check_name_agrees(r, name_v, m, matcher, log)
        return m
    if name_v and name_v.text:
        m = matcher.match_name(name_v.text)
        return m if _report_match(r, name_v, m, matcher, day, log) else None
    present = code_v or name_v
    column = present.column if present else ""
    log.error(r.row, column, "", "no_commune_on_row")
    return None


def _report_match(
    r: _Row,
    v: _Value,
    m: NameMatch,
    matcher: NameMatcher,
    day: dt.date,
    log: _Log,
    is_code: bool = False,
) -> bool:
    if m.kind is MatchKind.OK:
        return True
    if m.kind is MatchKind.AMBIGUOUS:
        names = ", ".join(f"{name} ({nis})" for nis, name in m.candidates)
        first = one_spelling(m.candidates[0][1])
        log.error_in(
            r.row,
            v,
            "ambiguous_name",
            count=str(len(m.candidates)),
            communes=names,
            example=repr(first),
        )
    elif m.kind is MatchKind.SPLIT:
        parts = ", ".join(f"{name} ({nis})" for nis, name in m.candidates)
        log.error_in(
            r.row,
            v,
            "commune_split",
            date=day.isoformat(),
            note=_note_phrase(m),
            parts=parts,
        )
    elif is_code:
        code = parse_code(v.raw)
        params: dict[str, Param] = {"vintage": matcher.vintage}
        if code is None:
            issue = "not_a_code"
        else:
            issue = "unknown_code_near" if m.suggestions else "unknown_code"
            params["note"] = _note_phrase(m, code)
            if m.suggestions:
                params["candidates"] = ", ".join(m.suggestions)
        log.error(r.row, v.column, v.raw, issue, cell=v.cell, **params)
    else:
        if m.suggestions:
            candidates = tuple(repr(s) for s in m.suggestions)
            log.error_in(
                r.row,
                v,
                "unknown_name_near",
                vintage=matcher.vintage,
                candidates=candidates,
            )
        else:
            log.error_in(r.row, v, "unknown_name", vintage=matcher.vintage)
    return False


def _note_phrase(m: NameMatch, code: str | None = None) -> Phrase:
    """The matcher's note on ``m`` as a phrase; the note's text as it is when it has a form
    this function does not know."""
    c = m.matched
    found: Phrase | None = None
    if m.kind is MatchKind.UNKNOWN and code is not None:
        found = phrase("unknown_code_note", code=code)
    elif c is not None and m.kind is MatchKind.SPLIT:
        found = phrase(
            "split_note",
            spelling=c.spelling,
            code=c.source_code,
            old_vintage=c.vintage,
            vintage=m.vintage,
            count=str(len(c.codes)),
        )
    elif c is not None and m.nis:
        found = phrase(
            "historical_note",
            spelling=c.spelling,
            code=c.source_code,
            old_vintage=c.vintage,
            commune=f"{m.official_name or m.nis} ({m.nis})",
            vintage=m.vintage,
        )
    if found is None or param_text(found) != m.note:
        return phrase("text", text=m.note)
    return found


def _check_name_agrees(
    r: _Row, name_v: _Value, m: NameMatch, matcher: NameMatcher, log: _Log
) -> None:
    by_name = matcher.match_name(name_v.text)
    if by_name.ok and by_name.nis != m.nis:
        log.error_in(
            r.row,
            name_v,
            "code_name_disagree",
            code_commune=f"{m.official_name} ({m.nis})",
            name_commune=f"{by_name.official_name} ({by_name.nis})",
        )
    elif by_name.kind is MatchKind.UNKNOWN:
        log.warn_in(
            r.row,
            name_v,
            "name_not_recognised",
            nis=str(m.nis),
            name=m.official_name,
        )


def _check_duplicates(
    rows: list[_Row], vintage: str, groups: dict[str, _PartGroup], log: _Log
) -> set[str]:
    """Report communes on two rows; return the cell keys those rows name (their cell
    checks would only repeat the problem). Rows naming former parts of one merged commune
    (``groups``) are combined, not duplicates, unless one row names the merged commune
    itself or two rows name the same part."""
    first: dict[str, _Row] = {}
    touched: set[str] = set()
    for r in rows:
        if r.match is None or r.match.nis is None or r.part is not None:
            continue
        nis = r.match.nis
        if nis not in first:
            first[nis] = r
            continue
        prev = first[nis]
        touched.update(k for k in (prev.cell_key, r.cell_key) if k)
        who = f"{r.match.official_name} ({nis})"
        v = r.get(vocab.COMMUNE) or r.get(vocab.NIS)
        assert v is not None
        if prev.cell_key and r.cell_key and prev.cell_key != r.cell_key:
            cv = r.values[vocab.CELL]
            log.error_in(
                r.row,
                cv,
                "commune_in_two_cells",
                commune=who,
                first_cell=repr(prev.text(vocab.CELL)),
                first_row=str(prev.row),
                cell_name=repr(r.text(vocab.CELL)),
            )
            continue
        if _row_label(prev) == _row_label(r):
            log.error_in(
                r.row,
                v,
                "duplicate_commune",
                commune=who,
                first_row=str(prev.row),
            )
        else:
            log.error_in(
                r.row,
                v,
                "duplicate_commune_alias",
                commune=who,
                first_row=str(prev.row),
                first=repr(_row_label(prev)),
                second=repr(_row_label(r)),
                vintage=vintage,
            )
    for target, group in groups.items():
        whole = first.get(target)
        if whole is not None:
            _report_whole_and_parts(whole, group, vintage, log, touched)
        else:
            _check_part_rows(group, log, touched)
    return touched
