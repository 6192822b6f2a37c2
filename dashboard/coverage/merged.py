"""The status of a merged commune, combined from what sources say of its former parts.

Rules (also in ``data/public_record/SCHEMA.md``), used by the public record (facts stated
for 1977-2018 communes, shown on a later division) and by the importer (a file naming a
former part of a merged commune):

- all parts covered -> covered, ``partial=False`` (``shared_cell`` for a mix of own and
  shared cells, without cell information);
- some parts covered -> **partly covered**: the covered status with
  ``CommuneStatus.partial=True``; metrics count these communes as covered *and* report them
  in ``communes_partly_covered``, so a reader can subtract them;
- no part covered -> the parts' common status; otherwise ``planned`` if any part had a
  planned cell, else ``unknown`` (a mix of ``none`` and ``unknown`` does not prove that the
  whole commune has no cell), with ``partial=True``.

A part no source names counts as ``unknown``: coverage is never invented for it.
"""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.coverage.model import Status


def combine_part_statuses(parts: Sequence[Status]) -> tuple[Status, bool]:
    """(status, partial) of a commune made of ``parts`` (rules in the module docstring)."""
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
