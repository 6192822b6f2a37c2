"""Statuses and cells: reading each row's status, grouping cells, building the snapshot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.coverage import vocab
from dashboard.coverage.importer.log import _Log, rows_phrase
from dashboard.coverage.importer.rows import _commune_value, _Row
from dashboard.coverage.merged import combine_part_statuses
from dashboard.coverage.messages import (
    Phrase,
    phrase,
)
from dashboard.coverage.model import Cell, CommuneStatus, Status
from dashboard.coverage.names import (
    FormerPart,
    NameMatcher,
)


@dataclass
class _PartGroup:
    """The rows naming former parts of one merged commune of the file's vintage."""

    target: str  # the merged commune (file's vintage)
    commune: str  # "Pelt (72043)"
    vintage: str  # the vintage the parts are counted in: the oldest the rows' names are of
    parts: tuple[str, ...]  # codes of every part of ``target`` in ``vintage``
    names: dict[str, str]  # part code -> its name in ``vintage``
    rows: list[tuple[_Row, FormerPart, tuple[str, ...]]]  # row, its part, codes it names
    failed: bool = False  # an error on these rows: no status is built from them

    def label(self, code: str) -> str:
        """ "Overpelt (72029, 1977-2018)"."""
        return f"{self.names.get(code, code)} ({code}, {self.vintage})"


def _part_groups(rows: list[_Row], matcher: NameMatcher) -> dict[str, _PartGroup]:
    """Part rows (:attr:`_Row.part`) grouped by the merged commune they belong to."""
    by_target: dict[str, list[tuple[_Row, FormerPart]]] = {}
    for r in rows:
        if r.part is not None:
            by_target.setdefault(r.part.target, []).append((r, r.part))
    groups: dict[str, _PartGroup] = {}
    for target, members in by_target.items():
        # vintage keys sort in time order; the oldest division has the finest parts, and
        # a part of a newer vintage is one or several parts there
        vintage = min(part.vintage for _r, part in members)
        parts = matcher.parts(target, vintage)
        named = [
            (r, part, matcher.translate(part.code, part.vintage, vintage)) for r, part in members
        ]
        groups[target] = _PartGroup(
            target,
            f"{matcher.official_name(target)} ({target})",
            vintage,
            parts,
            {p: matcher.name_in(p, vintage) for p in parts},
            named,
        )
    return groups


def _report_whole_and_parts(
    whole: _Row, group: _PartGroup, vintage: str, log: _Log, touched: set[str]
) -> None:
    """A row names the merged commune itself and others name its former parts: an error
    on the later row of each pair (which of them decides cannot be told)."""
    group.failed = True
    for r, part, _codes in group.rows:
        later = r if r.row > whole.row else whole
        v = _commune_value(later)
        touched.update(k for k in (whole.cell_key, r.cell_key) if k)
        log.error_in(
            later.row,
            v,
            "duplicate_commune_part",
            commune=group.commune,
            whole_row=str(whole.row),
            part_row=str(r.row),
            part=part.label,
            vintage=vintage,
        )


def _check_part_rows(group: _PartGroup, log: _Log, touched: set[str]) -> None:
    """Two rows for the same former part, or parts of one commune in two cells: errors."""
    seen: dict[str, _Row] = {}
    cell_row: _Row | None = None
    for r, part, codes in group.rows:
        again = next((seen[c] for c in codes if c in seen), None)
        if again is not None:
            group.failed = True
            v = _commune_value(r)
            touched.update(k for k in (again.cell_key, r.cell_key) if k)
            log.error_in(
                r.row,
                v,
                "duplicate_commune",
                commune=part.label,
                first_row=str(again.row),
            )
            continue
        seen.update(dict.fromkeys(codes, r))
        if not r.cell_key:
            continue
        if cell_row is None:
            cell_row = r
        elif r.cell_key != cell_row.cell_key:
            group.failed = True
            cv = r.values[vocab.CELL]
            touched.update((cell_row.cell_key, r.cell_key))
            log.error_in(
                r.row,
                cv,
                "commune_in_two_cells",
                commune=group.commune,
                first_cell=repr(cell_row.text(vocab.CELL)),
                first_row=str(cell_row.row),
                cell_name=repr(r.text(vocab.CELL)),
            )


_STATUS_WORDS: Mapping[Status, str] = {
    Status.OWN_CELL: "own cell",
    Status.SHARED_CELL: "shared cell",
    Status.PLANNED: "planned",
    Status.NONE: "no cell",
    Status.UNKNOWN: "unknown",
}


def _status_phrase(status: Status) -> Phrase:
    return phrase(f"status_{status.value}")


def _shown_phrase(status: Status, partial: bool) -> Phrase:
    """How a merged commune is shown: "own cell, partly covered", "unknown"..."""
    if partial and status.covered:
        return phrase("partly_covered", status=_status_phrase(status))
    return _status_phrase(status)


def _list_phrase(items: list[Phrase]) -> Phrase:
    """ "a; b; c" in the page language."""
    out = items[0]
    for item in items[1:]:
        out = phrase("list", first=out, second=item)
    return out


def _build_merged(
    group: _PartGroup,
    vintage: str,
    cell_groups: dict[str, list[_Row]],
    skip_cells: set[str],
    log: _Log,
) -> CommuneStatus | None:
    """The merged commune's status combined from the rows of its former parts (parts no
    row names are unknown), with warnings saying how; None after an error."""
    resolved: list[tuple[_Row, FormerPart, tuple[str, ...], Status]] = []
    failed = False
    for r, part, codes in group.rows:
        if r.status is None or r.cell_key in skip_cells:
            failed = True  # already reported
            continue
        status = _resolve_status(r, cell_groups, log)
        if status is None:
            failed = True
            continue
        resolved.append((r, part, codes, status))
    if failed or not resolved:
        return None
    named = {code: status for _r, _p, codes, status in resolved for code in codes}
    combined, partial = combine_part_statuses([named.get(p, Status.UNKNOWN) for p in group.parts])
    cell_key = next((r.cell_key for r, _p, _c, _s in resolved if r.cell_key), "")
    cell_id = None
    if combined.covered and cell_key:
        members = cell_groups[cell_key]
        cell_id = _cell_id(members)
        n = len({m.match.nis for m in members if m.match})
        combined = Status.SHARED_CELL if n >= 2 else Status.OWN_CELL
    shown = _shown_phrase(combined, partial)
    missing = [p for p in group.parts if p not in named]
    if missing:
        missing_text = "; ".join(group.label(p) for p in missing)
        for r, part, _codes, _status in resolved:
            v = _commune_value(r)
            log.warn_in(
                r.row,
                v,
                "merged_part",
                part=part.label,
                commune=group.commune,
                vintage=vintage,
                shown=shown,
                missing=missing_text,
            )
    if len({status for _r, _p, _c, status in resolved}) > 1:
        last = resolved[-1][0]
        v = last.values[vocab.STATUS]
        statuses = [
            phrase("part_status", part=part.label, status=_status_phrase(status))
            for _r, part, _c, status in resolved
        ]
        log.warn_in(
            last.row,
            v,
            "merged_parts_disagree",
            commune=group.commune,
            statuses=_list_phrase(statuses),
            shown=shown,
        )
    sources = [r.text(vocab.SOURCE) for r, *_ in resolved if r.text(vocab.SOURCE)]
    return CommuneStatus(
        nis=group.target,
        status=combined,
        cell_id=cell_id,
        source=";".join(dict.fromkeys(sources)),
        comment=_merged_comment(group, named, combined, partial, [r for r, *_ in resolved]),
        partial=partial,
    )


def _merged_comment(
    group: _PartGroup,
    named: Mapping[str, Status],
    status: Status,
    partial: bool,
    rows: list[_Row],
) -> str:
    """What was done, in English: "partly covered: Neerpelt (72025, 1977-2018) own cell;
    Overpelt (72029, 1977-2018) not in the file", then the rows' own comments."""
    if partial and status.covered:
        head = "partly covered"
    elif partial:
        head = f"shown as {_STATUS_WORDS[status]} from its former parts"
    else:
        head = "combined from its former parts"
    given = [f"{group.label(p)} {_STATUS_WORDS[named[p]]}" for p in group.parts if p in named]
    absent = [f"{group.label(p)} not in the file" for p in group.parts if p not in named]
    detail = "; ".join(given + absent)
    own = [r.text(vocab.COMMENT) for r in rows if r.text(vocab.COMMENT)]
    return "; ".join([f"{head}: {detail}", *own])


def _parse_statuses(rows: list[_Row], log: _Log) -> None:
    for r in rows:
        log.check_time()
        v = r.get(vocab.STATUS)
        assert v is not None  # required column
        if not v.text:
            log.error(r.row, v.column, "", "empty_status", cell=v.cell)
            continue
        word = vocab.status_word(v.text)
        if word is None:
            close = [] if log.full else vocab.suggest(v.text, vocab.STATUS_INDEX)
            if close:
                candidates = tuple(
                    f"{c!r} ({vocab.STATUS_INDEX[vocab.normalise_word(c)]})" for c in close[:2]
                )
                log.error_in(
                    r.row,
                    v,
                    "unknown_status_near",
                    candidates=candidates,
                )
            else:
                log.error_in(r.row, v, "unknown_status")
            continue
        r.status = word
        cell = r.text(vocab.CELL)
        r.cell_key = vocab.normalise_word(cell) if cell else ""


def _cell_groups(rows: list[_Row], log: _Log) -> dict[str, list[_Row]]:
    groups: dict[str, list[_Row]] = {}
    for r in rows:
        if r.cell_key and r.match is not None and r.status is not None:
            groups.setdefault(r.cell_key, []).append(r)
    for members in groups.values():
        spellings = list(dict.fromkeys(m.text(vocab.CELL) for m in members))
        if len(spellings) > 1:
            other = next(m for m in members if m.text(vocab.CELL) != spellings[0])
            v = other.values[vocab.CELL]
            log.warn_in(
                other.row,
                v,
                "cell_spelling",
                cell_name=repr(spellings[0]),
                first_row=str(members[0].row),
            )
    return groups


def _resolve_status(r: _Row, groups: dict[str, list[_Row]], log: _Log) -> Status | None:
    v = r.values[vocab.STATUS]
    members = groups.get(r.cell_key, [])
    n = len({m.match.nis for m in members if m.match})
    word = r.status
    cell = r.text(vocab.CELL)
    if word == vocab.COVERED:
        if not r.cell_key:
            log.error_in(r.row, v, "covered_without_cell")
            return None
        return Status.SHARED_CELL if n >= 2 else Status.OWN_CELL
    status = Status(str(word))
    if not status.covered and r.cell_key:
        cv = r.values[vocab.CELL]
        log.error_in(
            r.row,
            cv,
            "status_with_cell",
            status_text=repr(v.text),
            status=str(status),
        )
        return None
    if status is Status.OWN_CELL and n >= 2:
        log.error_in(
            r.row,
            v,
            "own_cell_shared",
            cell_name=repr(cell),
            count=str(n),
            rows=rows_phrase([m.row for m in members]),
        )
        return None
    if status is Status.SHARED_CELL and r.cell_key and n == 1:
        log.error_in(r.row, v, "shared_cell_alone", cell_name=repr(cell))
        return None
    return status


def _build(
    rows: list[_Row],
    log: _Log,
    skip_cells: set[str] | None = None,
    part_groups: dict[str, _PartGroup] | None = None,
    vintage: str = "",
) -> tuple[list[CommuneStatus], list[Cell]]:
    skip_cells = skip_cells or set()
    part_groups = part_groups or {}
    groups = _cell_groups(rows, log)
    statuses: list[CommuneStatus] = []
    no_cell: list[int] = []
    whole = {r.match.nis for r in rows if r.match is not None and r.part is None}
    for r in rows:
        if r.match is None or r.match.nis is None or r.status is None or r.part is not None:
            continue
        if r.cell_key in skip_cells:
            continue  # a duplicate commune is already reported
        status = _resolve_status(r, groups, log)
        if status is None:
            continue
        cell_id = _cell_id(groups[r.cell_key]) if r.cell_key else None
        if status is Status.SHARED_CELL and cell_id is None:
            no_cell.append(r.row)
        statuses.append(
            CommuneStatus(r.match.nis, status, cell_id, r.text(vocab.SOURCE), r.text(vocab.COMMENT))
        )
    for target, group in part_groups.items():
        if target in whole or group.failed:
            continue  # an error already (e.g. a row names the merged commune itself)
        merged = _build_merged(group, vintage, groups, skip_cells, log)
        if merged is None:
            continue
        if merged.status is Status.SHARED_CELL and merged.cell_id is None:
            no_cell.append(group.rows[0][0].row)
        statuses.append(merged)
    if no_cell:
        no_cell.sort()
        log.warn(
            no_cell[0],
            "",
            "",
            "shared_without_cell_name",
            count=str(len(no_cell)),
            rows=rows_phrase(no_cell),
        )
    cells = [
        Cell(
            _cell_id(members),
            _cell_id(members),
            tuple(sorted({m.match.nis for m in members if m.match and m.match.nis})),
        )
        for members in groups.values()
    ]
    return sorted(statuses, key=lambda s: s.nis), sorted(cells, key=lambda c: c.cell_id)


def _cell_id(members: list[_Row]) -> str:
    """A cell's id and name: its first spelling, spaces collapsed."""
    return " ".join(members[0].text(vocab.CELL).split())
