"""Coverage metrics for a membership snapshot, and the published figures of a date.

:func:`coverage_metrics` gives one tidy row per unit (Belgium, region, German-speaking
Community, province, arrondissement, police zone) with counts per status. Unknowns are
always a column of their own, and shares are computed over *all* communes of the unit, so an
unknown never silently counts as "not covered" or disappears.

Cells are counted per unit: a cell counts in every unit where it has a member (a cell spanning
two provinces counts in both, so unit counts need not add up). A covered commune with no cell
id (e.g. "shared, partners not stated") is counted in ``communes_cell_unidentified`` instead.

:func:`published_figures` returns the figures exactly as published for one date: one row per
(geography, measure) with the default source and the disagreeing values named.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

from dashboard.coverage.model import MembershipSnapshot, Status
from dashboard.coverage.public_record import PublicRecord, resolve_published_date
from geodata import belgium
from geodata.belgium import (
    BRUSSELS,
    FLANDERS,
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA,
)

LEVELS: tuple[str, ...] = (
    "country",
    "region",
    "community",
    "province",
    "arrondissement",
    "police_zone",
)
REGION_GEOGRAPHY = {r: belgium.GEOGRAPHY_OF_REGION[r] for r in belgium.REGIONS}
REGION_NAMES = {
    FLANDERS: "Flemish Region",
    WALLONIA: "Walloon Region",
    BRUSSELS: "Brussels-Capital Region",
}
STATUS_COLUMNS = {s: f"communes_{s.value}" for s in Status}
METRIC_COLUMNS: tuple[str, ...] = (
    "level",
    "unit",
    "unit_name",
    "geography",
    "communes",
    "cells",
    *STATUS_COLUMNS.values(),
    "communes_covered",
    "communes_partly_covered",
    "communes_cell_unidentified",
    "share_communes_covered",
    "share_communes_unknown",
    "population",
    "population_covered",
    "population_unknown",
    "share_population_covered",
)
REQUIRED_COLUMNS = ("nis", "region", "german_speaking", "province", "arrondissement",
                    "police_zone", "population")  # fmt: skip


def status_frame(snapshot: MembershipSnapshot, communes: pd.DataFrame) -> pd.DataFrame:
    """``communes`` with status, cell_id, partial, covered columns (absent -> unknown)."""
    missing = [c for c in REQUIRED_COLUMNS if c not in communes.columns]
    if missing:
        raise ValueError(f"communes frame lacks columns {missing} (see docs/CONTRACTS.md)")
    nis = communes["nis"].astype(str).tolist()
    codes = set(nis)
    foreign = sorted(s.nis for s in snapshot.statuses if s.nis not in codes)
    if foreign:
        raise ValueError(
            f"snapshot {snapshot.source or '(no source)'} ({snapshot.vintage}, {snapshot.as_of}) "
            f"has {len(foreign)} codes not in the communes frame: {', '.join(foreign[:10])}"
        )
    by_nis = snapshot.as_mapping()
    found = [by_nis.get(n) for n in nis]  # a plain list: iterating the column is slow
    frame = communes.copy()
    frame["status"] = ["unknown" if s is None else s.status.value for s in found]
    frame["cell_id"] = ["" if s is None else (s.cell_id or "") for s in found]
    frame["partial"] = [False if s is None else bool(s.partial) for s in found]
    frame["covered"] = frame["status"].isin([Status.OWN_CELL.value, Status.SHARED_CELL.value])
    return frame


def _units(frame: pd.DataFrame, level: str) -> pd.Series:
    if level == "country":
        return pd.Series("BE", index=frame.index)
    if level == "region":
        return frame["region"].astype(str)
    if level == "community":
        return frame["german_speaking"].map(lambda g: GERMAN_SPEAKING_GEOGRAPHY if bool(g) else "")
    if level in ("province", "arrondissement", "police_zone"):
        return frame[level].astype(str)
    raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")


def _unit_name(level: str, unit: str) -> str:
    """The name of a unit of any level but ``police_zone`` (see :func:`_zone_names`)."""
    if level == "country":
        return "Belgium"
    if level == "region":
        return REGION_NAMES.get(unit, unit)
    if level == "community":
        return "German-speaking Community"
    return ""


def _zone_names(frame: pd.DataFrame, rows: np.ndarray, codes: np.ndarray, k: int) -> list[str]:
    """Each police zone's name: that of its first commune in ``frame`` ("" without names).

    ``codes`` are the zones (0..k-1, each present) of the communes at positions ``rows``."""
    if "police_zone_name" not in frame.columns:
        return [""] * k
    _, first = np.unique(codes, return_index=True)
    return [str(name) for name in frame["police_zone_name"].iloc[rows[first]]]


def _geography(level: str, unit: str) -> str:
    if level == "country":
        return "BE"
    if level == "region":
        return REGION_GEOGRAPHY.get(unit, "")
    if level == "community":
        return GERMAN_SPEAKING_GEOGRAPHY
    return ""


def _counts(codes: np.ndarray, k: int, where: np.ndarray | None = None) -> np.ndarray:
    """Communes per unit (those ``where`` is true), int64."""
    picked = codes if where is None else codes[where]
    return np.bincount(picked, minlength=k).astype("int64", copy=False)


def _sums(codes: np.ndarray, k: int, values: np.ndarray) -> np.ndarray:
    """``values`` summed per unit in int64 (exact, unlike bincount's float weights)."""
    out = np.zeros(k, dtype="int64")
    np.add.at(out, codes, values)
    return out


def _shares(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """``num / den`` per unit as float, NaN where ``den`` is 0."""
    den = den.astype("float64")
    out = np.full(len(den), np.nan)
    np.divide(num.astype("float64"), den, out=out, where=den != 0)
    return out


def _level_columns(frame: pd.DataFrame, level: str) -> dict[str, list | np.ndarray] | None:
    """The ``METRIC_COLUMNS`` of one level, units sorted; None when it has no unit.

    The communes of a unit are counted in one pass per figure (``np.bincount`` over the
    unit's code), not with a pandas group per unit. Units with an empty code, and communes
    whose unit is missing (NaN, dropped by a groupby too), are left out.
    """
    units = _units(frame, level)
    codes, uniques = pd.factorize(units.where(units != ""), sort=True)
    k = len(uniques)
    if k == 0:
        return None
    kept = codes >= 0
    rows = np.flatnonzero(kept)
    codes = codes[kept]

    status = frame["status"].to_numpy(dtype=object)[rows]
    cell_id = frame["cell_id"].to_numpy(dtype=object)[rows]
    covered = frame["covered"].to_numpy(dtype=bool)[rows]
    partial = frame["partial"].to_numpy(dtype=bool)[rows]
    population = frame["population"].iloc[rows].astype("int64").to_numpy()
    no_id = cell_id == ""
    unknown = status == Status.UNKNOWN.value

    # Cells: distinct ids among covered communes with an id, counted in every unit where
    # they have a member, plus each own cell without an id.
    with_id = covered & ~no_id
    cell_codes, cell_ids = pd.factorize(cell_id[with_id])
    pairs = np.unique(codes[with_id].astype("int64") * max(len(cell_ids), 1) + cell_codes)
    own = status == Status.OWN_CELL.value
    cells = _counts(pairs // max(len(cell_ids), 1), k) + _counts(codes, k, own & no_id)

    communes = _counts(codes, k)
    n_covered = _counts(codes, k, covered)
    pop = _sums(codes, k, population)
    pop_covered = _sums(codes, k, np.where(covered, population, 0))

    unit_names = [str(u) for u in uniques]
    if level == "police_zone":
        names = _zone_names(frame, rows, codes, k)
    else:
        names = [_unit_name(level, u) for u in unit_names]
    columns: dict[str, list | np.ndarray] = {
        "level": [level] * k,
        "unit": unit_names,
        "unit_name": names,
        "geography": [_geography(level, u) for u in unit_names],
        "communes": communes,
        "cells": cells,
    }
    for s, col in STATUS_COLUMNS.items():
        columns[col] = _counts(codes, k, status == s.value)
    columns.update(
        communes_covered=n_covered,
        communes_partly_covered=_counts(codes, k, covered & partial),
        communes_cell_unidentified=_counts(codes, k, (status == Status.SHARED_CELL.value) & no_id),
        share_communes_covered=_shares(n_covered, communes),
        share_communes_unknown=_shares(_counts(codes, k, unknown), communes),
        population=pop,
        population_covered=pop_covered,
        population_unknown=_sums(codes, k, np.where(unknown, population, 0)),
        share_population_covered=_shares(pop_covered, pop),
    )
    return columns


def coverage_metrics(
    snapshot: MembershipSnapshot,
    communes: pd.DataFrame,
    levels: Sequence[str] = LEVELS,
) -> pd.DataFrame:
    """One row per unit of each level (columns: ``METRIC_COLUMNS``), sorted by level, unit.

    Units with an empty code (no province in Brussels, unknown police zone, communes outside
    the German-speaking Community) are left out of that level.
    """
    frame = status_frame(snapshot, communes)
    asked = Counter(levels)  # a level asked twice gives each of its rows twice
    parts = [(lv, c) for lv in asked if (c := _level_columns(frame, lv)) is not None]
    if not parts:
        out = pd.DataFrame([], columns=list(METRIC_COLUMNS))
        out.insert(0, "as_of", snapshot.as_of.isoformat())
        out.insert(1, "vintage", snapshot.vintage)
        return out
    # Units come sorted within a level (pd.factorize(sort=True): the order sort_values
    # gives), the levels go in LEVELS order.
    order = {lv: i for i, lv in enumerate(LEVELS)}
    parts.sort(key=lambda part: order[part[0]])
    n = sum(len(c["unit"]) * asked[lv] for lv, c in parts)
    data: dict[str, list | np.ndarray] = {
        "as_of": [snapshot.as_of.isoformat()] * n,
        "vintage": [snapshot.vintage] * n,
    }
    for col in METRIC_COLUMNS:
        values = [(c[col], asked[lv]) for lv, c in parts]
        if isinstance(values[0][0], np.ndarray):
            data[col] = np.concatenate([np.repeat(v, times) for v, times in values])
        else:
            data[col] = [x for v, times in values for x in v for _ in range(times)]
    return pd.DataFrame(data)


def geography_metrics(snapshot: MembershipSnapshot, communes: pd.DataFrame) -> pd.DataFrame:
    """Belgium, the three regions and the German-speaking Community, indexed by geography
    code (BE, BE-VLG, BE-WAL, BE-BRU, BE-DG). BE-WAL includes the 9 German-speaking
    communes (they are in the Walloon Region)."""
    m = coverage_metrics(snapshot, communes, levels=("country", "region", "community"))
    return m.set_index("geography")


# --------------------------------------------------------------------------- published

PUBLISHED_COLUMNS: tuple[str, ...] = (
    "as_of",
    "geography",
    "measure",
    "value",
    "source_id",
    "other_values",
    "other_sources",
    "conflict_with",
    "wal_includes_dg",
    "part_of",
    "restates",
)


def published_figures(record: PublicRecord, as_of: str | dt.date) -> pd.DataFrame:
    """The figures published for one date, as published (columns ``PUBLISHED_COLUMNS``).

    One row per (geography, measure): ``value`` / ``source_id`` from the default row;
    ``other_values`` lists the disagreeing or restating rows of the same date as
    ``"value (source)"``; ``conflict_with`` names sources with other figures for the same
    period at another date. Measures are never merged (cells, communes_with_cell and
    communes_involved stay apart).
    """
    pdate = resolve_published_date(record, as_of)
    s = record.snapshots[record.snapshots["as_of"] == pdate.key]
    rows = []
    for (geo, measure), grp in s.groupby(["geography", "measure"], sort=False):
        default = grp[grp["is_default"]].iloc[0]
        others = grp[~grp["is_default"]]
        rows.append(
            {
                "as_of": pdate.key,
                "geography": geo,
                "measure": measure,
                "value": int(default["value"]),
                "source_id": default["source_id"],
                "other_values": "; ".join(
                    f"{int(r.value)} ({r.source_id})" for r in others.itertuples()
                ),
                "other_sources": ";".join(others["source_id"]),
                "conflict_with": default["conflict_with"],
                "wal_includes_dg": default["wal_includes_dg"],
                "part_of": default["part_of"],
                "restates": default["restates"],
            }
        )
    out = pd.DataFrame(rows, columns=list(PUBLISHED_COLUMNS))
    geo_order = {g: i for i, g in enumerate(belgium.GEOGRAPHY_ORDER)}
    out = out.sort_values(
        ["geography", "measure"], key=lambda c: c.map(geo_order) if c.name == "geography" else c
    )
    return out.reset_index(drop=True)
