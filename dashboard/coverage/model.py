"""The CSIL domain model: statuses, flags, cells and membership snapshots.

Pure Python (no dash / plotly). Identity of a commune is always (NIS code, vintage).

Consistency rules (see :func:`cell_errors` and :meth:`MembershipSnapshot.consistency_errors`):

- a shared cell has at least two member communes; a cell has at least one member;
- a commune is in at most one cell at a date;
- a commune marked ``own_cell`` belongs to a one-member cell, ``shared_cell`` to a cell
  with two or more members (when the cell is known);
- a commune that is not covered (``planned``, ``none``, ``unknown``) is in no cell.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from geodata.belgium import FLANDERS_GEOGRAPHY, WALLONIA_GEOGRAPHY


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
    """Dated per-commune flags (funding programmes, pilot lists).

    The value is the ``fact`` name used in ``data/public_record/commune_facts.csv``.
    """

    PILOT_2016 = "pilot_2016"
    ALLOCATION_2015 = "allocation_2015"
    ALLOCATION_2015_ROUND2 = "allocation_2015_round2"
    PREVENTION_OFFICER_2015 = "prevention_officer_allocation_2015"
    FLEMISH_PROJECT_2015 = "flemish_project_2015"
    FLEMISH_PROJECT_2021 = "flemish_project_2021"
    WALLOON_PROJECT_2016 = "walloon_project_2016"
    WALLOON_SUBSIDY_2018 = "walloon_subsidy_2018"
    WALLOON_PROJECT_2019 = "walloon_project_2019"

    @property
    def year(self) -> int:
        return int(re.search(r"\d{4}", self.value).group())  # type: ignore[union-attr]

    @property
    def level(self) -> str:
        """``federal`` or ``regional``."""
        return "regional" if self.region != "BE" else "federal"

    @property
    def region(self) -> str:
        """Geography code of the programme: ``BE`` (federal), ``BE-VLG`` or ``BE-WAL``."""
        if self.value.startswith("flemish_"):
            return FLANDERS_GEOGRAPHY
        if self.value.startswith("walloon_"):
            return WALLONIA_GEOGRAPHY
        return "BE"

    @property
    def programme_id(self) -> str | None:
        """The programme in ``data/public_record/programmes.csv`` behind the flag, if any."""
        return _FLAG_PROGRAMMES.get(self)


_FLAG_PROGRAMMES: dict[Flag, str] = {
    Flag.ALLOCATION_2015: "FED_IMPULSE_2015_R1",
    Flag.ALLOCATION_2015_ROUND2: "FED_IMPULSE_2015_R2",
    Flag.PREVENTION_OFFICER_2015: "FED_PREV_OFFICER_2015",
    Flag.FLEMISH_PROJECT_2015: "VLG_HOMANS_2015",
    Flag.FLEMISH_PROJECT_2021: "VLG_SOMERS_2021",
    Flag.WALLOON_PROJECT_2016: "WAL_2016",
    Flag.WALLOON_SUBSIDY_2018: "WAL_2018",
    Flag.WALLOON_PROJECT_2019: "WAL_CSILR_2019",
}

REGIONAL_FLAGS: tuple[Flag, ...] = tuple(f for f in Flag if f.level == "regional")


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
    # True when the status summarises parts that differ (re-vintaging a merged commune
    # whose parts are only partly covered); see dashboard.coverage.merged.
    partial: bool = False
    # The date the status is stated for (ISO, reduced precision kept: "2019", "2016-08-29");
    # empty for a file's rows (they hold at the file's date).
    date: str = ""
    # How the source supports it: "stated", "implied_by_regional_table"; empty for a file.
    basis: str = ""


@dataclass(frozen=True)
class CommuneFlag:
    """A dated flag on one commune, with its source."""

    nis: str
    flag: Flag
    year: int
    source: str = ""
    amount_eur: int | None = None
    amount_scope: str = ""  # "commune", "joint_project" or "police_zone" (do not sum the latter)
    date: str = ""  # the date the flag is known from (ISO, reduced precision kept)


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
    flags: tuple[CommuneFlag, ...] = ()

    def status_of(self, nis: str) -> Status:
        for s in self.statuses:
            if s.nis == nis:
                return s.status
        return Status.UNKNOWN

    def as_mapping(self) -> dict[str, CommuneStatus]:
        return {s.nis: s for s in self.statuses}

    def flags_of(self, nis: str) -> tuple[Flag, ...]:
        return tuple(sorted({f.flag for f in self.flags if f.nis == nis}))

    def consistency_errors(self) -> list[str]:
        """Every broken rule (see the module docstring), as readable messages."""
        errors: list[str] = []
        seen = Counter(s.nis for s in self.statuses)
        for nis, n in sorted(seen.items()):
            if n > 1:
                errors.append(f"commune {nis} has {n} status rows at {self.as_of}")
        errors.extend(cell_errors(self.cells))
        membership = cell_membership(self.cells)
        cells_by_id = {c.cell_id: c for c in self.cells}
        for s in self.statuses:
            cell = cells_by_id.get(s.cell_id) if s.cell_id else None
            if s.status is Status.SHARED_CELL and cell is not None and not cell.shared:
                errors.append(
                    f"commune {s.nis} is marked shared_cell but cell {s.cell_id} "
                    "has only one member"
                )
            if s.status is Status.OWN_CELL and cell is not None and cell.shared:
                errors.append(
                    f"commune {s.nis} is marked own_cell but cell {s.cell_id} "
                    f"has {len(cell.members)} members"
                )
            if cell is not None and s.nis not in cell.members:
                errors.append(
                    f"commune {s.nis} names cell {s.cell_id} but is not one of its members"
                )
            if not s.status.covered and s.nis in membership:
                errors.append(f"commune {s.nis} is {s.status} but listed in a cell")
        return errors

    def validate(self) -> MembershipSnapshot:
        """Return self, or raise ValueError listing every broken consistency rule."""
        errors = self.consistency_errors()
        if errors:
            raise ValueError(
                f"inconsistent snapshot {self.source or '(no source)'} at {self.as_of}: "
                + "; ".join(errors)
            )
        return self


def cell_membership(cells: Iterable[Cell]) -> dict[str, list[str]]:
    """commune NIS -> ids of the cells listing it."""
    membership: dict[str, list[str]] = {}
    for cell in cells:
        for m in cell.members:
            membership.setdefault(m, []).append(cell.cell_id)
    return membership


def cell_errors(cells: Iterable[Cell]) -> list[str]:
    """Rules on cells alone: unique ids, at least one member, no duplicate member,
    and no commune in two cells."""
    cells = tuple(cells)
    errors: list[str] = []
    ids = Counter(c.cell_id for c in cells)
    errors.extend(f"cell id {cid} is used {n} times" for cid, n in sorted(ids.items()) if n > 1)
    for c in cells:
        if not c.members:
            errors.append(f"cell {c.cell_id} has no member commune")
        dup = sorted(m for m, n in Counter(c.members).items() if n > 1)
        if dup:
            errors.append(f"cell {c.cell_id} lists commune(s) {', '.join(dup)} twice")
    for nis, in_cells in sorted(cell_membership(cells).items()):
        distinct = sorted(set(in_cells))
        if len(distinct) > 1:
            errors.append(f"commune {nis} is in {len(distinct)} cells: {', '.join(distinct)}")
    return errors


def status_for_cell(cell: Cell) -> Status:
    """The status a member of ``cell`` has: own_cell for one member, shared_cell otherwise."""
    return Status.SHARED_CELL if cell.shared else Status.OWN_CELL
