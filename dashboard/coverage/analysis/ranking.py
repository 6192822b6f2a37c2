"""Areas ranked by CSIL coverage, with Belgium and its regions as reference lines.

Input: the commune frame of :func:`dashboard.coverage.metrics.status_frame` (status, cell_id,
partial, covered columns), whole or already filtered; only its rows are counted.

The counts are those of :func:`dashboard.coverage.metrics.coverage_metrics` (this module
builds on it through :func:`area_metrics`, it does not count again), so a ranking row and
the breakdown table of the same selection always agree:

- ``share_communes_covered`` is over *all* communes of the area, unknowns included; the
  unknowns are reported beside it (``communes_unknown``, ``share_communes_unknown``) and are
  never counted as ``none``;
- ``planned`` and ``none`` are counted apart;
- areas with an empty code (Brussels has no province) are left out of that level.

Order and rank (:func:`ranked`): share of communes covered (higher first), then share of the
population covered (higher first), then the area code. A share that cannot be computed
(no population) comes last. The rank is a competition rank ("1, 2, 2, 4") over the two
shares: areas with equal shares share a rank and are listed by code. Codes, not names, break
ties, so the order is the same in every language.

Every row carries the population's date and source id (:class:`PopulationBasis`).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Final

import pandas as pd

from dashboard.coverage.metrics import coverage_metrics
from dashboard.coverage.model import CommuneStatus, MembershipSnapshot, Status
from geodata import VINTAGES
from geodata.belgium import GEOGRAPHY_ORDER

#: The levels an area ranking is made for.
RANKING_LEVELS: Final[tuple[str, ...]] = ("region", "province", "arrondissement", "police_zone")
#: The columns :func:`dashboard.coverage.metrics.status_frame` adds to the commune frame.
STATUS_FRAME_COLUMNS: Final[tuple[str, ...]] = ("status", "cell_id", "partial", "covered")
#: Ranking keys (both descending), then the code (ascending).
RANK_KEYS: Final[tuple[str, ...]] = ("share_communes_covered", "share_population_covered")

_COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "communes",
    "cells",
    "communes_covered",
    "communes_partly_covered",
    "communes_planned",
    "communes_none",
    "communes_unknown",
    "share_communes_covered",
    "share_communes_unknown",
    "population",
    "population_covered",
    "population_unknown",
    "share_population_covered",
    "population_date",
    "population_source",
)
RANKING_COLUMNS: Final[tuple[str, ...]] = ("rank", "level", "unit", "unit_name", *_COUNT_COLUMNS)
REFERENCE_COLUMNS: Final[tuple[str, ...]] = ("level", "unit", "geography", *_COUNT_COLUMNS)


@dataclass(frozen=True)
class PopulationBasis:
    """Where a frame's population figures come from."""

    date: str  # ISO date of the population figures ("2020-01-01"); "" for an empty frame
    source: str  # id of the source file in geodata/vintages.json ("population_2020"), or ""
    note: str = ""  # the frame's population_note, e.g. summed through the crosswalk


def _population_sources() -> dict[str, str]:
    return {p.date.isoformat(): p.source for v in VINTAGES for p in v.population}


def population_basis(frame: pd.DataFrame) -> PopulationBasis:
    """The date, source id and note of ``frame``'s population column.

    Raises ValueError when the frame has no ``population_date`` column or mixes dates.
    """
    if "population_date" not in frame.columns:
        raise ValueError(
            "the commune frame has no population_date column: a population needs its date "
            "(see docs/CONTRACTS.md)"
        )
    dates = sorted({str(d) for d in frame["population_date"]})
    if len(dates) > 1:
        raise ValueError(f"the commune frame mixes population dates: {', '.join(dates)}")
    date = dates[0] if dates else ""
    notes: list[str] = []
    if "population_note" in frame.columns:
        notes = [str(n) for n in dict.fromkeys(frame["population_note"]) if str(n)]
    return PopulationBasis(date, _population_sources().get(date, ""), "; ".join(notes))


def check_status_frame(frame: pd.DataFrame) -> None:
    """Raise ValueError unless ``frame`` has the columns of ``metrics.status_frame``."""
    missing = [c for c in (*STATUS_FRAME_COLUMNS, "nis", "population") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the frame lacks columns {missing}: pass dashboard.coverage.metrics.status_frame"
            "(snapshot, communes)"
        )


def area_metrics(frame: pd.DataFrame, levels: Sequence[str]) -> pd.DataFrame:
    """:func:`~dashboard.coverage.metrics.coverage_metrics` of a status frame.

    The frame's statuses are handed back to ``coverage_metrics`` as a snapshot (unknown
    communes stay absent, as in any snapshot), so the counts are computed in one place.
    Columns: ``METRIC_COLUMNS`` (no as_of / vintage: the caller's snapshot has them).
    """
    check_status_frame(frame)
    statuses = tuple(
        CommuneStatus(str(nis), Status(status), str(cell) or None, partial=bool(partial))
        for nis, status, cell, partial in zip(
            frame["nis"], frame["status"], frame["cell_id"], frame["partial"], strict=True
        )
        if status != Status.UNKNOWN.value
    )
    snapshot = MembershipSnapshot(dt.date.min, "", statuses)
    communes = frame.drop(columns=list(STATUS_FRAME_COLUMNS))
    metrics = coverage_metrics(snapshot, communes, levels=tuple(levels))
    return metrics.drop(columns=["as_of", "vintage"])


def competition_ranks(keys: Sequence[Hashable]) -> list[int]:
    """Ranks of already ordered keys, equal neighbours sharing one: a, b, b, c -> 1, 2, 2, 4."""
    ranks: list[int] = []
    for i, key in enumerate(keys):
        ranks.append(ranks[-1] if i and key == keys[i - 1] else i + 1)
    return ranks


def _filled(value: object) -> float:
    """A share for sorting: NaN (not computable) below every real share."""
    share = float(value)  # type: ignore[arg-type]
    return -1.0 if math.isnan(share) else share


def ranked(table: pd.DataFrame, code: str = "unit") -> pd.DataFrame:
    """``table`` (with ``RANK_KEYS`` columns) in ranking order with a ``rank`` column first."""
    keys = [tuple(-_filled(v) for v in row) for row in table[list(RANK_KEYS)].itertuples(False)]
    order = sorted(range(len(table)), key=lambda i: (keys[i], str(table[code].iat[i])))
    out = table.iloc[order].reset_index(drop=True)
    out.insert(0, "rank", competition_ranks([keys[i] for i in order]))
    return out


def _with_population(table: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    basis = population_basis(frame)
    table = table.copy()
    table["population_date"] = basis.date
    table["population_source"] = basis.source
    return table


def ranking(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """The areas of ``level`` in ``frame`` sorted by coverage (columns ``RANKING_COLUMNS``).

    ``level``: one of ``RANKING_LEVELS``. An empty frame gives an empty table.
    """
    if level not in RANKING_LEVELS:
        raise ValueError(f"unknown ranking level {level!r}; known: {', '.join(RANKING_LEVELS)}")
    table = _with_population(area_metrics(frame, (level,)), frame)
    return ranked(table)[list(RANKING_COLUMNS)]


def reference_lines(frame: pd.DataFrame) -> pd.DataFrame:
    """Belgium, each region and the German-speaking Community (reported apart in published
    figures; its communes are also in Wallonia), one row each in ``GEOGRAPHY_ORDER``
    (columns ``REFERENCE_COLUMNS``; ``geography`` is BE, BE-VLG, BE-WAL, BE-DG, BE-BRU).

    Pass the whole frame for national references; a filtered frame gives the references of
    what it holds (a region absent from it has no row).
    """
    table = area_metrics(frame, ("country", "region", "community"))
    table = table[table["geography"] != ""]
    order = {g: i for i, g in enumerate(GEOGRAPHY_ORDER)}
    table = table.sort_values("geography", key=lambda s: s.map(order)).reset_index(drop=True)
    return _with_population(table, frame)[list(REFERENCE_COLUMNS)]
