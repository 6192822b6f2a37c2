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

Split back to an older vintage (one merged commune -> its parts): no source says anything
about the parts, so every part is ``unknown`` (``partial=False``): a part never inherits
the merged commune's coverage, which may have come from another part. Each part's comment
names the merged commune, its vintage and its status there ("part of 11099 (2019-2024),
which was own_cell there; no source names this part"). The merged commune's cell is not
carried to the parts: its other members keep their status and a comment saying so; a
shared cell left with a single member is not listed (that member stays ``shared_cell``,
with no cell named).

Re-coded communes (one to one) keep their status. Cells keep their members translated:
a shared cell whose members merged into one commune becomes that commune's own cell. A
commune that would end up in two cells stays in the first (by cell id) and the comment
names the other.

The same rule for files: a membership file naming a former part of a merged commune
(:mod:`dashboard.coverage.importer`) gives the merged commune the combination of its
parts, the unnamed ones counted ``unknown``.
"""

from __future__ import annotations

import dataclasses
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
) -> tuple[tuple[Cell, ...], dict[str, list[str]], dict[str, list[str]]]:
    """Translated cells; for communes that landed in several cells the dropped ids; and
    notes for the other members of cells that served a commune split in ``dst`` (its parts
    are not members: see the module docstring)."""
    taken: dict[str, str] = {}
    dropped: dict[str, list[str]] = {}
    notes: dict[str, list[str]] = {}
    out: list[Cell] = []
    for cell in sorted(cells, key=lambda c: c.cell_id):
        members: set[str] = set()
        split: list[str] = []
        for m in cell.members:
            codes = _translate(cw, m, src, dst)
            if len(codes) > 1:
                split.append(m)
            else:
                members.update(codes)
        kept = []
        for m in sorted(members):
            if m in taken:
                dropped.setdefault(m, []).append(cell.cell_id)
            else:
                kept.append(m)
        if split and kept:
            keep_cell = len(kept) >= 2 or not cell.shared
            note = (
                f"cell {cell.cell_id} also served {', '.join(sorted(split))} ({src}), split in "
                f"{dst}: its parts are not counted as members"
                + ("" if keep_cell else ", so the cell is not listed")
            )
            for m in kept:
                notes.setdefault(m, []).append(note)
            if not keep_cell:
                continue
        if kept:
            taken.update(dict.fromkeys(kept, cell.cell_id))
            out.append(Cell(cell.cell_id, cell.name, tuple(kept), cell.established))
    return tuple(out), dropped, notes


def _split_part(nis: str, merged: CommuneStatus, src: str) -> CommuneStatus:
    """A part of ``merged`` (a commune of ``src``) on the older vintage: unknown, with a
    comment saying what the merged commune was."""
    was = f"{merged.status}" + (", partly covered" if merged.partial else "")
    return CommuneStatus(
        nis=nis,
        status=Status.UNKNOWN,
        comment=f"part of {merged.nis} ({src}), which was {was} there; no source names this part",
    )


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
    cells, dropped, cell_notes = _translate_cells(snapshot.cells, crosswalk, src, dst)
    cell_of = {m: c for c in cells for m in c.members}

    statuses: list[CommuneStatus] = []
    for target in sorted(targets):
        parts = _translate(crosswalk, target, dst, src)
        part_rows = [by_nis.get(p) for p in parts]
        part_status = [r.status if r else Status.UNKNOWN for r in part_rows]
        known_rows = [r for r in part_rows if r is not None]
        notes: list[str] = []
        if len(parts) == 1 and len(_translate(crosswalk, parts[0], src, dst)) > 1:
            statuses.append(_split_part(target, known_rows[0], src))
            continue
        if len(parts) == 1:
            row = known_rows[0]
            status, partial = row.status, row.partial
            if parts[0] != target:
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
        notes.extend(cell_notes.get(target, []))
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
            flags.append(dataclasses.replace(f, nis=t))
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
