"""Moving a membership snapshot between commune vintages, always through the crosswalk.

Rules (also in ``data/public_record/SCHEMA.md``):

Merged communes (several source communes -> one target commune):

- all parts covered -> covered, ``partial=False``; status ``own_cell`` when the target ends
  up as the only member of its cell, ``shared_cell`` otherwise;
- some parts covered -> **partly covered**: the status is the covered status (as above) and
  ``CommuneStatus.partial`` is ``True``; the comment says how many parts were covered.
  Metrics count these communes as covered *and* report them in ``communes_partly_covered``,
  so a reader can subtract them;
- no part covered -> not covered: all parts alike keep their status; otherwise ``planned``
  if any part had a planned cell, else ``unknown`` (a mix of ``none`` and ``unknown`` does
  not prove that the whole commune has no cell), with ``partial=True``.

Split back to an older vintage (one merged commune -> its parts): every part inherits the
merged commune's status, with a comment naming the commune and vintage it came from.

Re-coded communes (one to one) keep their status. Cells keep their members translated:
a shared cell whose members merged into one commune becomes that commune's own cell; a
cell of a merged commune expanded to its parts becomes a shared cell. A commune that would
end up in two cells stays in the first (by cell id) and the comment names the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from dashboard.coverage.model import (
    Cell,
    CommuneStatus,
    MembershipSnapshot,
    Status,
    status_for_cell,
)


class CodeTranslator(Protocol):
    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]: ...


def combine_part_statuses(parts: Sequence[Status]) -> tuple[Status, bool]:
    """(status, partial) of a commune made of ``parts`` (rules in the module docstring).

    Without cell information an all-covered mix of own and shared gives ``shared_cell``.
    """
    if not parts:
        raise ValueError("a commune needs at least one part to combine")
    distinct = set(parts)
    if len(distinct) == 1:
        return parts[0], False
    covered = [p for p in parts if p.covered]
    if covered:
        status = Status.SHARED_CELL if Status.SHARED_CELL in covered else Status.OWN_CELL
        if all(p.covered for p in parts):
            return Status.SHARED_CELL, False
        return status, True
    if Status.PLANNED in distinct:
        return Status.PLANNED, True
    return Status.UNKNOWN, True


def _translate(cw: CodeTranslator, code: str, src: str, dst: str) -> tuple[str, ...]:
    try:
        return tuple(cw.translate(code, src, dst))
    except KeyError as exc:
        raise KeyError(f"re-vintaging {src} -> {dst}: commune {code}: {exc}") from None


def _translate_cells(
    cells: Sequence[Cell], cw: CodeTranslator, src: str, dst: str
) -> tuple[tuple[Cell, ...], dict[str, list[str]]]:
    """Translated cells, and for communes that landed in several cells the dropped ids."""
    taken: dict[str, str] = {}
    dropped: dict[str, list[str]] = {}
    out: list[Cell] = []
    for cell in sorted(cells, key=lambda c: c.cell_id):
        members: set[str] = set()
        for m in cell.members:
            members.update(_translate(cw, m, src, dst))
        kept = []
        for m in sorted(members):
            if m in taken:
                dropped.setdefault(m, []).append(cell.cell_id)
            else:
                taken[m] = cell.cell_id
                kept.append(m)
        if kept:
            out.append(Cell(cell.cell_id, cell.name, tuple(kept), cell.established))
    return tuple(out), dropped


def revintage_snapshot(
    snapshot: MembershipSnapshot, dst: str, crosswalk: CodeTranslator
) -> MembershipSnapshot:
    """``snapshot`` on vintage ``dst`` (rules in the module docstring)."""
    src = snapshot.vintage
    if src == dst:
        return snapshot
    by_nis = snapshot.as_mapping()
    targets: set[str] = set()
    for nis in by_nis:
        targets.update(_translate(crosswalk, nis, src, dst))
    cells, dropped = _translate_cells(snapshot.cells, crosswalk, src, dst)
    cell_of = {m: c for c in cells for m in c.members}

    statuses: list[CommuneStatus] = []
    for target in sorted(targets):
        parts = _translate(crosswalk, target, dst, src)
        part_rows = [by_nis.get(p) for p in parts]
        part_status = [r.status if r else Status.UNKNOWN for r in part_rows]
        known_rows = [r for r in part_rows if r is not None]
        notes: list[str] = []
        if len(parts) == 1:
            row = known_rows[0]
            status, partial = row.status, row.partial
            if len(_translate(crosswalk, parts[0], src, dst)) > 1:
                notes.append(f"inherited from {parts[0]} ({src}), split in {dst}")
            elif parts[0] != target:
                notes.append(f"was {parts[0]} in {src}")
        else:
            status, partial = combine_part_statuses(part_status)
            n_cov = sum(s.covered for s in part_status)
            detail = ", ".join(f"{p}={s}" for p, s in zip(parts, part_status, strict=True))
            notes.append(f"merged from {len(parts)} communes of {src} ({detail})")
            if partial and status.covered:
                notes.append(f"partly covered: {n_cov} of {len(parts)} parts")
        cell = cell_of.get(target)
        if status.covered and cell is not None:
            status = status_for_cell(cell)
        if target in dropped:
            notes.append(f"also listed in cell(s) {', '.join(dropped[target])}, dropped")
        comment = "; ".join([r.comment for r in known_rows if r.comment][:1] + notes)
        statuses.append(
            CommuneStatus(
                nis=target,
                status=status,
                cell_id=cell.cell_id if (cell is not None and status.covered) else None,
                source=";".join(sorted({r.source for r in known_rows if r.source})),
                comment=comment,
                partial=partial,
            )
        )
    covered_ids = {s.cell_id for s in statuses if s.cell_id}
    flags = []
    for f in snapshot.flags:
        for t in _translate(crosswalk, f.nis, src, dst):
            flags.append(type(f)(t, f.flag, f.year, f.source, f.amount_eur, f.amount_scope))
    return MembershipSnapshot(
        as_of=snapshot.as_of,
        vintage=dst,
        statuses=tuple(statuses),
        cells=tuple(c for c in cells if c.cell_id in covered_ids),
        source=snapshot.source,
        illustrative=snapshot.illustrative,
        metadata=snapshot.metadata + (("revintaged_from", src),),
        flags=tuple(sorted(set(flags), key=lambda f: (f.nis, f.flag.value, f.source))),
    )
