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
from collections.abc import Sequence

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
    codes = set(communes["nis"].astype(str))
    foreign = sorted(s.nis for s in snapshot.statuses if s.nis not in codes)
    if foreign:
        raise ValueError(
            f"snapshot {snapshot.source or '(no source)'} ({snapshot.vintage}, {snapshot.as_of}) "
            f"has {len(foreign)} codes not in the communes frame: {', '.join(foreign[:10])}"
        )
    by_nis = snapshot.as_mapping()
    frame = communes.copy()
    nis = frame["nis"].astype(str)
    frame["status"] = [by_nis[n].status.value if n in by_nis else "unknown" for n in nis]
    frame["cell_id"] = [(by_nis[n].cell_id or "") if n in by_nis else "" for n in nis]
    frame["partial"] = [bool(by_nis[n].partial) if n in by_nis else False for n in nis]
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


def _unit_name(level: str, unit: str, sub: pd.DataFrame) -> str:
    if level == "country":
        return "Belgium"
    if level == "region":
        return REGION_NAMES.get(unit, unit)
    if level == "community":
        return "German-speaking Community"
    if level == "police_zone" and "police_zone_name" in sub.columns:
        return str(sub["police_zone_name"].iloc[0])
    return ""


def _geography(level: str, unit: str) -> str:
    if level == "country":
        return "BE"
    if level == "region":
        return REGION_GEOGRAPHY.get(unit, "")
    if level == "community":
        return GERMAN_SPEAKING_GEOGRAPHY
    return ""


def _share(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def _row(level: str, unit: str, sub: pd.DataFrame) -> dict[str, object]:
    counts = sub["status"].value_counts()
    covered = sub["covered"]
    own_without_id = int(((sub["status"] == "own_cell") & (sub["cell_id"] == "")).sum())
    shared_ids = sub.loc[covered & (sub["cell_id"] != ""), "cell_id"].nunique()
    unidentified = int(((sub["status"] == "shared_cell") & (sub["cell_id"] == "")).sum())
    pop = sub["population"].astype("int64")
    unknown = sub["status"] == "unknown"
    row: dict[str, object] = {
        "level": level,
        "unit": unit,
        "unit_name": _unit_name(level, unit, sub),
        "geography": _geography(level, unit),
        "communes": len(sub),
        "cells": int(shared_ids) + own_without_id,
    }
    for status, col in STATUS_COLUMNS.items():
        row[col] = int(counts.get(status.value, 0))
    row.update(
        communes_covered=int(covered.sum()),
        communes_partly_covered=int((covered & sub["partial"]).sum()),
        communes_cell_unidentified=unidentified,
        share_communes_covered=_share(covered.sum(), len(sub)),
        share_communes_unknown=_share(unknown.sum(), len(sub)),
        population=int(pop.sum()),
        population_covered=int(pop[covered].sum()),
        population_unknown=int(pop[unknown].sum()),
        share_population_covered=_share(pop[covered].sum(), pop.sum()),
    )
    return row


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
    rows = []
    for level in levels:
        units = _units(frame, level)
        for unit, sub in frame.groupby(units, sort=True):
            if unit == "":
                continue
            rows.append(_row(level, str(unit), sub))
    out = pd.DataFrame(rows, columns=list(METRIC_COLUMNS))
    order = {lv: i for i, lv in enumerate(LEVELS)}
    out = out.sort_values(["level", "unit"], key=lambda s: s.map(order) if s.name == "level" else s)
    out.insert(0, "as_of", snapshot.as_of.isoformat())
    out.insert(1, "vintage", snapshot.vintage)
    return out.reset_index(drop=True)


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
