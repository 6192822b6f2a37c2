"""The gap explorer: communes without a cell, their candidate cells and what joining covers.

Input: the commune frame of :func:`dashboard.coverage.metrics.status_frame`.

Rules:

- **uncovered** means status ``none`` (a source says the commune has no cell). ``planned``
  communes are not covered either; they are listed too but flagged by their ``status`` and
  counted apart in :class:`GapSummary`. ``unknown`` is never a gap: it is only counted, so
  the reader can be told how much of the selection the record says nothing about.
- The selection (``region`` / ``province``: a code or several, as the frame holds them;
  region ``"DG"`` selects the German-speaking Community's communes; both given -> communes in
  both) chooses the gap communes only. Their neighbours and police-zone mates are looked up
  in the whole frame, across the selection's borders: a cell over the province border is a
  candidate too. Codes absent from the frame are ignored.
- **Candidates** of a gap commune: its neighbours with a cell (``covered_neighbours``) and the
  other communes of its police zone with a cell (``covered_zone_mates``; none when its zone
  is unknown), each ordered by population (larger first) then NIS; ``candidate_communes`` is
  their union in the same order, ``candidate_cells`` the cell ids they belong to (sorted), and
  ``candidates_without_cell_id`` the candidates whose cell is not identified (covered, cell
  partners not stated), so no candidate disappears silently.
- ``population_if_joined``: the inhabitants a shared cell would add by the commune joining,
  i.e. its own population (its neighbours are already covered).
- Rows are ranked by population (larger first), ties by NIS; ``rank`` is the position
  (1, 2, 3, ...) in that order, over the none and planned rows together.

Every row and the summary carry the population's date and source id.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from dashboard.coverage.analysis.ranking import (
    PopulationBasis,
    check_status_frame,
    population_basis,
)
from dashboard.coverage.model import Status
from geodata.belgium import GERMAN_SPEAKING

#: The statuses the gap explorer lists: uncovered, then planned (flagged by ``status``).
GAP_STATUSES: Final[tuple[str, ...]] = (Status.NONE.value, Status.PLANNED.value)
GAP_COLUMNS: Final[tuple[str, ...]] = (
    "rank",
    "nis",
    "status",
    "partial",
    "region",
    "province",
    "arrondissement",
    "police_zone",
    "population",
    "population_if_joined",
    "population_date",
    "population_source",
    "borders_covered",
    "covered_neighbours",
    "covered_zone_mates",
    "candidate_communes",
    "candidate_cells",
    "candidates_without_cell_id",
    "unknown_neighbours",
)

#: Commune-frame columns the gap explorer reads besides the status frame's.
GEOGRAPHY_COLUMNS: Final[tuple[str, ...]] = (
    "region", "german_speaking", "province", "arrondissement", "police_zone", "neighbours"
)  # fmt: skip

Codes = str | Collection[str] | None


@dataclass(frozen=True)
class GapSummary:
    """ "N communes, P inhabitants without a cell; M of them border a covered commune", and
    what the selection's record does not say (``communes_unknown``)."""

    communes: int  # communes in the selection
    communes_none: int  # N: status none
    population_none: int  # P
    communes_none_bordering_covered: int  # M
    population_none_bordering_covered: int
    communes_planned: int
    population_planned: int
    communes_planned_bordering_covered: int
    communes_covered: int
    population_covered: int
    communes_unknown: int  # never counted as uncovered
    population_unknown: int
    population: PopulationBasis
    region: tuple[str, ...] = ()  # the selection, as asked
    province: tuple[str, ...] = ()

    @property
    def mostly_unknown(self) -> bool:
        """More than half of the selection's communes have an unknown status."""
        return 2 * self.communes_unknown > self.communes


def neighbour_codes(value: object) -> tuple[str, ...]:
    """A frame's ``neighbours`` cell as codes: a tuple / list (loaded frame) or a string of
    codes joined by spaces (the CSV on disk); empty for a missing value."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ()
    if isinstance(value, str):
        return tuple(value.split())
    if isinstance(value, Iterable):
        return tuple(str(v) for v in value)
    return ()


def _codes(value: Codes) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def select(frame: pd.DataFrame, *, region: Codes = None, province: Codes = None) -> pd.Series:
    """Boolean mask of the communes in the selection (rules in the module docstring)."""
    mask = pd.Series(True, index=frame.index)
    regions = _codes(region)
    if regions:
        in_region = frame["region"].astype(str).isin(regions)
        if GERMAN_SPEAKING in regions:
            in_region |= frame["german_speaking"].astype(bool)
        mask &= in_region
    provinces = _codes(province)
    if provinces:
        mask &= frame["province"].astype(str).isin(provinces)
    return mask


def _by_population(codes: Iterable[str], population: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(set(codes), key=lambda c: (-population[c], c)))


def gap_rows(frame: pd.DataFrame, *, region: Codes = None, province: Codes = None) -> pd.DataFrame:
    """Communes of the selection with status none or planned, ranked (``GAP_COLUMNS``)."""
    check_status_frame(frame)
    missing = [c for c in GEOGRAPHY_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"the commune frame lacks columns {missing} (see docs/CONTRACTS.md)")
    basis = population_basis(frame)
    nis = frame["nis"].astype(str).tolist()
    population = dict(zip(nis, frame["population"].astype("int64").tolist(), strict=True))
    status = dict(zip(nis, frame["status"].astype(str), strict=True))
    cell = dict(zip(nis, frame["cell_id"].astype(str), strict=True))
    zone = dict(zip(nis, frame["police_zone"].astype(str), strict=True))
    covered = {n for n, c in zip(nis, frame["covered"].astype(bool), strict=True) if c}
    covered_in_zone: dict[str, list[str]] = {}
    for n in covered:
        if zone[n]:
            covered_in_zone.setdefault(zone[n], []).append(n)

    gaps = frame[select(frame, region=region, province=province)]
    gaps = gaps[gaps["status"].isin(GAP_STATUSES)]
    ordered = sorted(
        gaps.itertuples(index=False), key=lambda r: (-population[str(r.nis)], str(r.nis))
    )
    rows = []
    for rank, row in enumerate(ordered, start=1):
        code = str(row.nis)
        neighbours = [n for n in neighbour_codes(row.neighbours) if n in status]
        by_neighbour = _by_population((n for n in neighbours if n in covered), population)
        mates = covered_in_zone.get(zone[code], []) if zone[code] else []
        by_zone = _by_population((m for m in mates if m != code), population)
        candidates = _by_population((*by_neighbour, *by_zone), population)
        rows.append({
            "rank": rank,
            "nis": code,
            "status": str(row.status),
            "partial": bool(row.partial),
            "region": str(row.region),
            "province": str(row.province),
            "arrondissement": str(row.arrondissement),
            "police_zone": zone[code],
            "population": population[code],
            "population_if_joined": population[code],
            "population_date": basis.date,
            "population_source": basis.source,
            "borders_covered": bool(by_neighbour),
            "covered_neighbours": by_neighbour,
            "covered_zone_mates": by_zone,
            "candidate_communes": candidates,
            "candidate_cells": tuple(sorted({cell[c] for c in candidates if cell[c]})),
            "candidates_without_cell_id": tuple(c for c in candidates if not cell[c]),
            "unknown_neighbours": _by_population(
                (n for n in neighbours if status[n] == Status.UNKNOWN.value), population
            ),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=list(GAP_COLUMNS))


def gap_summary(frame: pd.DataFrame, *, region: Codes = None, province: Codes = None) -> GapSummary:
    """The summary line of the selection's gaps (:class:`GapSummary`)."""
    gaps = gap_rows(frame, region=region, province=province)
    sel = frame[select(frame, region=region, province=province)]
    pop = sel["population"].astype("int64")
    status = sel["status"].astype(str)
    none = gaps[gaps["status"] == Status.NONE.value]
    planned = gaps[gaps["status"] == Status.PLANNED.value]
    unknown = status == Status.UNKNOWN.value
    covered = sel["covered"].astype(bool)
    return GapSummary(
        communes=len(sel),
        communes_none=len(none),
        population_none=int(none["population"].sum()),
        communes_none_bordering_covered=int(none["borders_covered"].sum()),
        population_none_bordering_covered=int(
            none.loc[none["borders_covered"].astype(bool), "population"].sum()
        ),
        communes_planned=len(planned),
        population_planned=int(planned["population"].sum()),
        communes_planned_bordering_covered=int(planned["borders_covered"].sum()),
        communes_covered=int(covered.sum()),
        population_covered=int(pop[covered].sum()),
        communes_unknown=int(unknown.sum()),
        population_unknown=int(pop[unknown].sum()),
        population=population_basis(frame),
        region=_codes(region),
        province=_codes(province),
    )
