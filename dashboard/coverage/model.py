"""The CSIL domain model: statuses, flags, cells and membership snapshots.

Pure Python (no dash / plotly). Identity of a commune is always (NIS code, vintage).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum


class Status(StrEnum):
    """A commune's CSIL status at a date."""

    OWN_CELL = "own_cell"  # the commune has a cell of its own (one member)
    SHARED_CELL = "shared_cell"  # member of a cell serving two or more communes
    PLANNED = "planned"  # a cell is announced / being set up
    NONE = "none"  # a source says the commune has no cell
    UNKNOWN = "unknown"  # no source and no imported file says anything

    @property
    def covered(self) -> bool:
        return self in (Status.OWN_CELL, Status.SHARED_CELL)


class Flag(StrEnum):
    """Dated per-commune flags (funding programmes, pilot lists)."""

    PILOT_2016 = "pilot_2016"
    ALLOCATION_2015 = "allocation_2015"
    ALLOCATION_2015_ROUND2 = "allocation_2015_round2"
    PREVENTION_OFFICER_2015 = "prevention_officer_allocation_2015"
    FLEMISH_PROJECT_2015 = "flemish_project_2015"
    WALLOON_PROJECT_2016 = "walloon_project_2016"
    WALLOON_SUBSIDY_2018 = "walloon_subsidy_2018"
    WALLOON_PROJECT_2019 = "walloon_project_2019"


@dataclass(frozen=True)
class Cell:
    """A CSIL / LIVC: one body serving one commune (own) or several (shared)."""

    cell_id: str
    name: str
    members: tuple[str, ...]  # NIS codes in the snapshot's vintage
    established: dt.date | None = None

    @property
    def shared(self) -> bool:
        return len(self.members) >= 2


@dataclass(frozen=True)
class CommuneStatus:
    nis: str
    status: Status
    cell_id: str | None = None
    source: str = ""  # a source id (public record) or the imported file's name/row
    comment: str = ""


@dataclass(frozen=True)
class MembershipSnapshot:
    """Per-commune statuses at one date on one vintage.

    Communes absent from ``statuses`` are ``unknown``.
    """

    as_of: dt.date
    vintage: str
    statuses: tuple[CommuneStatus, ...]
    cells: tuple[Cell, ...] = ()
    source: str = ""
    illustrative: bool = False
    metadata: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def status_of(self, nis: str) -> Status:
        for s in self.statuses:
            if s.nis == nis:
                return s.status
        return Status.UNKNOWN

    def as_mapping(self) -> dict[str, CommuneStatus]:
        return {s.nis: s for s in self.statuses}

    def consistency_errors(self) -> list[str]:
        """Rules: a shared cell has >= 2 members; own cell = 1 member; a commune is in
        at most one cell; statuses agree with the cell a commune belongs to."""
        errors: list[str] = []
        seen = Counter(s.nis for s in self.statuses)
        for nis, n in seen.items():
            if n > 1:
                errors.append(f"commune {nis} has {n} status rows")
        membership: dict[str, list[str]] = {}
        for cell in self.cells:
            for m in cell.members:
                membership.setdefault(m, []).append(cell.cell_id)
        for nis, cells in membership.items():
            if len(cells) > 1:
                errors.append(f"commune {nis} is in {len(cells)} cells: {', '.join(cells)}")
        cells_by_id = {c.cell_id: c for c in self.cells}
        for s in self.statuses:
            if s.status is Status.SHARED_CELL and s.cell_id in cells_by_id:
                if not cells_by_id[s.cell_id].shared:
                    errors.append(
                        f"commune {s.nis} is marked shared_cell but cell {s.cell_id} "
                        "has only one member"
                    )
            if s.status is Status.OWN_CELL and s.cell_id in cells_by_id:
                if cells_by_id[s.cell_id].shared:
                    errors.append(
                        f"commune {s.nis} is marked own_cell but cell {s.cell_id} "
                        f"has {len(cells_by_id[s.cell_id].members)} members"
                    )
            if not s.status.covered and s.nis in membership:
                errors.append(f"commune {s.nis} is {s.status} but listed in a cell")
        return errors
