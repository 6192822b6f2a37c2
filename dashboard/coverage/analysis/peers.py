"""Peer groups: a commune or an area against comparable ones, with its rank in each group.

Input: the commune frame of :func:`dashboard.coverage.metrics.status_frame`; pass the whole
frame (a filtered one leaves peers out).

**A commune's groups** (:func:`commune_peers`), each including the commune itself:

- ``neighbours``: the communes sharing a border with it;
- ``police_zone``: the communes of its police zone (no group when its zone is unknown);
- ``province``: the communes of its province; a Brussels commune has no province, so its
  group is its region (kind ``region``: the 19 communes of Brussels-Capital);
- ``population_band``: the ``band_size`` communes (default 20) closest to it in population,
  anywhere in the frame. Closeness is the ratio, not the difference (the larger population
  over the smaller, :func:`population_ratio`), so 8 000 and 12 500 are equally close to
  10 000; ties by NIS. A nearest-K band, rather than a fixed +/- percentage, gives every
  commune a group of the same size, Antwerp and the smallest commune included; the band
  actually spanned is in ``population_min`` / ``population_max``.

**A commune's rank** in a group orders the members with a known status: covered
(own or shared cell) first, then planned, then none; within each, larger population first.
Ranks are competition ranks (equal keys share a rank, listed by NIS). A commune whose status
is unknown is **not ranked** (``rank`` is None): the record does not say where it stands,
and unknown is never placed among the uncovered. ``ranked`` is the number of members with a
known status (the rank's denominator), ``members`` lists the ranked ones in rank order and
then the unknown ones by population. ``population_rank`` is the rank by population alone
(larger first), which every member has.

**An area's groups** (:func:`area_peers`; levels region, province, arrondissement,
police_zone), each including the area itself and made of areas of the same level:

- ``neighbours``: areas with a commune bordering one of the area's communes;
- the area's parent: for a region every region (kind ``country``); for a province the
  provinces of its region (kind ``region``); for an arrondissement or a police zone the
  ones of its province (kind ``province``), or of its region for Brussels (kind ``region``).
  An area's parent is the one most of its communes are in (ties: the smaller code);
- ``population_band``: the ``band_size`` areas (default 5) closest to it in population, by
  the same ratio rule as for communes.

**An area's rank** is the one of :mod:`dashboard.coverage.analysis.ranking`: share of
communes covered, then share of population covered (competition ranks, ties by code).
Shares are over all communes of an area, unknowns reported beside them.

Each group carries its coverage counts (:class:`GroupCounts`, computed by
:func:`dashboard.coverage.metrics.coverage_metrics` over the group's communes) and the
population's date and source id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

import pandas as pd

from dashboard.coverage.analysis.gaps import neighbour_codes
from dashboard.coverage.analysis.ranking import (
    RANKING_LEVELS,
    PopulationBasis,
    area_metrics,
    check_status_frame,
    competition_ranks,
    population_basis,
    ranked,
)
from dashboard.coverage.model import Status
from geodata.belgium import REGIONS

NEIGHBOURS: Final = "neighbours"
POLICE_ZONE: Final = "police_zone"
PROVINCE: Final = "province"
REGION: Final = "region"
COUNTRY: Final = "country"
POPULATION_BAND: Final = "population_band"
#: Others in a commune's population band (the group holds the commune and these).
COMMUNE_BAND_SIZE: Final = 20
#: Others in an area's population band.
AREA_BAND_SIZE: Final = 5
#: Rank classes of a commune's status (lower ranks first); unknown has none.
STATUS_CLASS: Final[Mapping[str, int]] = {
    Status.OWN_CELL.value: 0,
    Status.SHARED_CELL.value: 0,
    Status.PLANNED.value: 1,
    Status.NONE.value: 2,
}


@dataclass(frozen=True)
class GroupCounts:
    """Coverage of a group's communes (the columns of ``coverage_metrics``)."""

    communes: int
    communes_covered: int
    communes_partly_covered: int
    communes_planned: int
    communes_none: int
    communes_unknown: int
    share_communes_covered: float  # over all communes, unknowns included (NaN when empty)
    share_communes_unknown: float
    population: int
    population_covered: int
    population_unknown: int
    share_population_covered: float


@dataclass(frozen=True)
class PeerGroup:
    """One group of peers and the subject's place in it."""

    subject: str  # the commune's NIS code or the area's code
    level: str  # "commune" or the area level
    kind: str  # NEIGHBOURS, POLICE_ZONE, PROVINCE, REGION, COUNTRY or POPULATION_BAND
    unit: str  # the code of the zone / province / region defining the group; "" otherwise
    members: tuple[str, ...]  # rank order (communes: unknown-status ones last)
    rank: int | None  # the subject's rank; None for a commune whose status is unknown
    ranked: int  # members with a rank (the rank's denominator)
    population_rank: int  # the subject's rank by population (larger first)
    population_min: int  # the smallest and largest member population (the band spanned)
    population_max: int
    counts: GroupCounts
    population: PopulationBasis


def group_counts(frame: pd.DataFrame) -> GroupCounts:
    """Coverage counts of all of ``frame``'s communes."""
    m = area_metrics(frame, ("country",))
    if m.empty:
        nan = float("nan")
        return GroupCounts(0, 0, 0, 0, 0, 0, nan, nan, 0, 0, 0, nan)
    row = m.iloc[0]
    return GroupCounts(
        communes=int(row["communes"]),
        communes_covered=int(row["communes_covered"]),
        communes_partly_covered=int(row["communes_partly_covered"]),
        communes_planned=int(row["communes_planned"]),
        communes_none=int(row["communes_none"]),
        communes_unknown=int(row["communes_unknown"]),
        share_communes_covered=float(row["share_communes_covered"]),
        share_communes_unknown=float(row["share_communes_unknown"]),
        population=int(row["population"]),
        population_covered=int(row["population_covered"]),
        population_unknown=int(row["population_unknown"]),
        share_population_covered=float(row["share_population_covered"]),
    )


def population_ratio(p: float, p0: float) -> float:
    """How far two populations are apart: the larger over the smaller (1.0 when equal)."""
    low, high = sorted((max(float(p), 1.0), max(float(p0), 1.0)))
    return high / low


def nearest_in_population(population: Mapping[str, int], subject: str, size: int) -> list[str]:
    """``subject`` and the ``size`` codes closest to it in population (ratio rule, ties by
    code)."""
    p0 = population[subject]
    others = sorted(
        (c for c in population if c != subject),
        key=lambda c: (population_ratio(population[c], p0), c),
    )
    return [subject, *others[: max(size, 0)]]


def _population_rank(codes: Iterable[str], population: Mapping[str, int], subject: str) -> int:
    order = sorted(codes, key=lambda c: (-population[c], c))
    ranks = competition_ranks([population[c] for c in order])
    return ranks[order.index(subject)]


# ----------------------------------------------------------------------------- communes


def _commune_group(
    frame: pd.DataFrame, subject: str, kind: str, unit: str, codes: Iterable[str]
) -> PeerGroup:
    codes = set(codes) | {subject}
    sub = frame[frame["nis"].isin(codes)]
    population = dict(zip(sub["nis"], sub["population"].astype("int64").tolist(), strict=True))
    status_class = {
        n: STATUS_CLASS.get(str(s)) for n, s in zip(sub["nis"], sub["status"], strict=True)
    }
    known = sorted(
        (c for c in codes if status_class[c] is not None),
        key=lambda c: (status_class[c], -population[c], c),
    )
    unknown = sorted(
        (c for c in codes if status_class[c] is None), key=lambda c: (-population[c], c)
    )
    ranks = competition_ranks([(status_class[c], -population[c]) for c in known])
    rank = ranks[known.index(subject)] if subject in known else None
    return PeerGroup(
        subject=subject,
        level="commune",
        kind=kind,
        unit=unit,
        members=(*known, *unknown),
        rank=rank,
        ranked=len(known),
        population_rank=_population_rank(codes, population, subject),
        population_min=min(population.values()),
        population_max=max(population.values()),
        counts=group_counts(sub),
        population=population_basis(frame),
    )


def commune_peers(
    frame: pd.DataFrame, nis: str, *, band_size: int = COMMUNE_BAND_SIZE
) -> tuple[PeerGroup, ...]:
    """The peer groups of commune ``nis``: neighbours, police zone (when known), province (or
    region in Brussels), population band; rules in the module docstring.

    Raises KeyError when ``nis`` is not in the frame.
    """
    check_status_frame(frame)
    frame = frame.assign(nis=frame["nis"].astype(str))
    rows = frame[frame["nis"] == nis]
    if rows.empty:
        raise KeyError(f"commune {nis!r} is not in the frame")
    row = rows.iloc[0]
    codes = set(frame["nis"])
    groups = [
        _commune_group(frame, nis, NEIGHBOURS, "",
                       (n for n in neighbour_codes(row["neighbours"]) if n in codes)),
    ]  # fmt: skip
    zone = str(row["police_zone"])
    if zone:
        mates = frame.loc[frame["police_zone"].astype(str) == zone, "nis"]
        groups.append(_commune_group(frame, nis, POLICE_ZONE, zone, mates))
    province = str(row["province"])
    if province:
        same = frame.loc[frame["province"].astype(str) == province, "nis"]
        groups.append(_commune_group(frame, nis, PROVINCE, province, same))
    else:
        region = str(row["region"])
        same = frame.loc[frame["region"].astype(str) == region, "nis"]
        groups.append(_commune_group(frame, nis, REGION, region, same))
    population = dict(zip(frame["nis"], frame["population"].astype("int64").tolist(), strict=True))
    band = nearest_in_population(population, nis, band_size)
    groups.append(_commune_group(frame, nis, POPULATION_BAND, "", band))
    return tuple(groups)


# ----------------------------------------------------------------------------- areas


def _parent(frame: pd.DataFrame, level: str) -> tuple[str, pd.Series]:
    """(kind, each commune's parent code) for areas of ``level``."""
    if level == "region":
        return COUNTRY, pd.Series("BE", index=frame.index)
    if level == "province":
        return REGION, frame["region"].astype(str)
    province = frame["province"].astype(str)
    return PROVINCE, province.where(province != "", frame["region"].astype(str))


def _majority(counts: Counter[str]) -> str:
    return min(counts, key=lambda v: (-counts[v], v))


def _area_group(
    frame: pd.DataFrame,
    table: pd.DataFrame,
    units: pd.Series,
    subject: str,
    level: str,
    kind: str,
    unit: str,
    codes: Iterable[str],
) -> PeerGroup:
    codes = set(codes) | {subject}
    order = ranked(table[table["unit"].isin(codes)].drop(columns=["rank"], errors="ignore"))
    population = dict(zip(order["unit"], order["population"].astype("int64").tolist(), strict=True))
    members = tuple(str(u) for u in order["unit"])
    return PeerGroup(
        subject=subject,
        level=level,
        kind=kind,
        unit=unit,
        members=members,
        rank=int(order["rank"].iat[members.index(subject)]),
        ranked=len(members),
        population_rank=_population_rank(members, population, subject),
        population_min=min(population.values()),
        population_max=max(population.values()),
        counts=group_counts(frame[units.isin(codes)]),
        population=population_basis(frame),
    )


def area_peers(
    frame: pd.DataFrame, level: str, unit: str, *, band_size: int = AREA_BAND_SIZE
) -> tuple[PeerGroup, ...]:
    """The peer groups of area ``unit`` of ``level`` (one of ``RANKING_LEVELS``): neighbours,
    parent, population band; rules in the module docstring.

    Raises KeyError when no commune of the frame is in ``unit``.
    """
    if level not in RANKING_LEVELS:
        raise ValueError(f"unknown area level {level!r}; known: {', '.join(RANKING_LEVELS)}")
    check_status_frame(frame)
    frame = frame.assign(nis=frame["nis"].astype(str))
    units = frame[level].astype(str)
    if unit == "" or not (units == unit).any():
        raise KeyError(f"no commune of the frame is in {level} {unit!r}")
    known = units != ""
    unit_of = dict(zip(frame["nis"], units, strict=True))
    bordering = {
        unit_of[n]
        for cell in frame.loc[units == unit, "neighbours"]
        for n in neighbour_codes(cell)
        if n in unit_of and unit_of[n] not in ("", unit)
    }
    kind, parents = _parent(frame, level)
    in_unit: dict[str, Counter[str]] = {}
    for u, p in zip(units[known], parents[known], strict=True):
        in_unit.setdefault(u, Counter())[p] += 1
    parent_of = {u: _majority(c) for u, c in in_unit.items()}
    parent = parent_of[unit]
    if kind == PROVINCE and parent in REGIONS:  # Brussels: no province, its region instead
        kind = REGION
    same = {u for u, p in parent_of.items() if p == parent}
    sizes = frame.loc[known, "population"].astype("int64").groupby(units[known]).sum()
    band = nearest_in_population({str(u): int(p) for u, p in sizes.items()}, unit, band_size)

    # Counted only for the areas in a group (coverage_metrics costs per area).
    involved = bordering | same | set(band) | {unit}
    table = area_metrics(frame[units.isin(involved)], (level,))
    specs = ((NEIGHBOURS, "", bordering), (kind, parent, same), (POPULATION_BAND, "", band))
    groups = [_area_group(frame, table, units, unit, level, k, u, codes) for k, u, codes in specs]
    return tuple(groups)
