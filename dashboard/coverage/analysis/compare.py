"""Comparison: two areas at one date, or one area at two dates, with the same key figures.

Pure (pandas only; no dash / plotly, no IO). The counts come from
:func:`dashboard.coverage.metrics.coverage_metrics`, so a figure here is the figure of the
breakdown and the ranking.

Two areas (:func:`compare_areas`)
    Regions, provinces, arrondissements, police zones (or Belgium, the German-speaking
    Community), named by :class:`Area` with the code the commune frame holds
    (``region`` ``"02000"``, ``province`` ``"10000"``, ``arrondissement`` ``"11000"``,
    ``police_zone`` ``"5345"``; ``country`` ``"BE"``, ``community`` ``"BE-DG"``), at the date
    of one snapshot. The two areas may be of different levels, and may overlap.

Two dates (:func:`compare_dates`)
    One area at the dates of two snapshots, always on the **later division** of the two
    (``1977-2018`` < ``2019-2024`` < ``2025``). A snapshot on an earlier division is carried
    over with :func:`carry_snapshot` through the crosswalk: a commune of the later division
    takes the status its former parts had, combined with
    :func:`dashboard.coverage.merged.combine_part_statuses` (parts the snapshot does not
    name are ``unknown``; some parts covered -> covered with ``partial=True``, shown as
    *partly covered*). The result says which division (``division``) and which side was
    carried over, from which division (``carried_over``, ``carried_from``). Codes are never
    carried backward (a merged commune's coverage is never handed to its former parts).

    The ``cells`` figure of a carried date counts the cells of the original snapshot (on its
    own division) that have a member in the area, so two former communes with two cells of
    their own still count as two cells after their merger.

Key figures (:data:`KEY_FIGURES`, :class:`KeyFigures`)
    Communes per status (``unknown`` always its own figure, never counted as uncovered),
    covered (own + shared, partly covered included and also given apart), cells, population
    total / covered / unknown, and the shares over *all* communes (or inhabitants) of the
    area; a share with a zero denominator is NaN. ``difference`` is right minus left (later
    minus earlier); NaN where either side is NaN. Shares' differences are fractions (0.05 =
    5 points).

Provenance (:class:`Provenance`)
    Every figure is *computed*: from the snapshot (its source, date and division, and the
    source ids of the statuses counted in the area) and, for population, from the commune
    frame's population (its date and source id: ``analysis.ranking.population_basis``).

Colour scale (:class:`ColourScale`)
    Decision: both panels are drawn on **one fixed scale**, never rescaled to the data. A
    commune's map category is its status, or ``partly_covered`` for a covered commune with
    ``partial=True`` (the keys of ``dashboard.figures.map.CATEGORY_COLOURS``):
    :data:`CATEGORIES`, always all of them in that order, so a status keeps its colour and
    legend slot even when one panel has none of it (``present`` lists those shown). Shares
    are drawn on 0..1 (``share_range``), so a 40 % area never looks "full" beside a 10 % one;
    ``communes_max`` and ``population_max`` give bar charts of counts one axis.

Changes between two dates (:data:`CHANGES`, per commune of the later division)
    ``unchanged`` (same status; for covered communes also the same partial flag),
    ``became_known`` (unknown -> known), ``became_unknown`` (known -> unknown),
    ``gained_cell`` (none / planned -> covered), ``lost_cell`` (covered -> none / planned),
    ``became_fully_covered`` / ``became_partly_covered`` (covered both times, the partial
    flag changed; this wins over an own <-> shared change), ``cell_type_changed`` (own <->
    shared cell, the partial flag the same), ``status_changed``
    (none <-> planned). An unknown status never counts as a gained or a lost cell.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from dashboard.coverage.analysis.ranking import PopulationBasis, population_basis
from dashboard.coverage.merged import combine_part_statuses
from dashboard.coverage.metrics import LEVELS, _units, coverage_metrics, status_frame
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from geodata import VINTAGE_KEYS
from geodata.crosswalk import CodeTranslator

#: The key figures of an area, in display order (columns of ``coverage_metrics``).
KEY_FIGURES: Final[tuple[str, ...]] = (
    "communes",
    "communes_covered",
    "communes_own_cell",
    "communes_shared_cell",
    "communes_partly_covered",
    "communes_planned",
    "communes_none",
    "communes_unknown",
    "communes_cell_unidentified",
    "cells",
    "population",
    "population_covered",
    "population_unknown",
    "share_communes_covered",
    "share_communes_unknown",
    "share_population_covered",
)
SHARE_FIGURES: Final[tuple[str, ...]] = tuple(f for f in KEY_FIGURES if f.startswith("share_"))
POPULATION_FIGURES: Final[tuple[str, ...]] = tuple(
    f for f in KEY_FIGURES if f.startswith("population")
)
PARTLY_COVERED: Final = "partly_covered"
#: Map categories of a commune, in legend order (see the module docstring).
CATEGORIES: Final[tuple[str, ...]] = (
    Status.OWN_CELL.value,
    Status.SHARED_CELL.value,
    PARTLY_COVERED,
    Status.PLANNED.value,
    Status.NONE.value,
    Status.UNKNOWN.value,
)
#: Per-commune change codes between two dates (see the module docstring).
CHANGES: Final[tuple[str, ...]] = (
    "unchanged",
    "became_known",
    "became_unknown",
    "gained_cell",
    "lost_cell",
    "became_fully_covered",
    "became_partly_covered",
    "cell_type_changed",
    "status_changed",
)
#: Columns of a panel frame (one row per commune of the area).
PANEL_COLUMNS: Final[tuple[str, ...]] = (
    "nis", "status", "partial", "covered", "category", "cell_id", "population", "source",
)  # fmt: skip
#: Columns of :attr:`DateComparison.changes`.
CHANGE_COLUMNS: Final[tuple[str, ...]] = (
    "nis", "change",
    "status_before", "partial_before", "category_before", "cell_before", "source_before",
    "parts_before",
    "status_after", "partial_after", "category_after", "cell_after", "source_after",
    "population",
)  # fmt: skip
SHARE_RANGE: Final[tuple[float, float]] = (0.0, 1.0)


@dataclass(frozen=True)
class Area:
    """A unit of one level of :data:`dashboard.coverage.metrics.LEVELS`, by its code."""

    level: str
    code: str

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}; known: {', '.join(LEVELS)}")


BELGIUM: Final = Area("country", "BE")


class UnknownArea(ValueError):
    """The area has no commune in the commune frame."""

    def __init__(self, area: Area) -> None:
        super().__init__(f"no commune of {area.level} {area.code!r} in the commune frame")
        self.area = area


@dataclass(frozen=True)
class Provenance:
    """Where an area's key figures come from: all are computed, none is published."""

    computed_from: str  # "membership snapshot"
    snapshot_source: str  # the snapshot's source ("public record", a file's name)
    as_of: str  # ISO date of the snapshot
    snapshot_vintage: str  # the division the snapshot states its statuses on
    vintage: str  # the division the figures are counted on
    carried_from: str  # the snapshot's division when carried over to ``vintage``, else ""
    status_sources: tuple[str, ...]  # source ids of the statuses counted in the area
    population: PopulationBasis  # date and source id of the population figures
    illustrative: bool  # the snapshot is marked illustrative (not real data)

    @property
    def carried_over(self) -> bool:
        return bool(self.carried_from)


@dataclass(frozen=True)
class KeyFigures:
    """The key figures of one area at one date (``figures``: :data:`KEY_FIGURES` -> value;
    counts are ints, shares floats, NaN for a zero denominator)."""

    area: Area
    as_of: str
    vintage: str
    figures: Mapping[str, float]
    provenance: Provenance

    def __getitem__(self, name: str) -> float:
        return self.figures[name]


@dataclass(frozen=True)
class ColourScale:
    """One scale for both panels (decision in the module docstring)."""

    categories: tuple[str, ...]  # :data:`CATEGORIES`, always all, in legend order
    present: tuple[str, ...]  # the categories at least one panel shows, same order
    share_range: tuple[float, float]  # (0.0, 1.0)
    communes_max: int  # the larger commune count of the two sides (bar axis)
    population_max: int  # the larger population of the two sides (bar axis)


@dataclass(frozen=True)
class _Sides:
    left: KeyFigures
    right: KeyFigures
    difference: Mapping[str, float]  # right - left per key figure
    panels: tuple[pd.DataFrame, pd.DataFrame]  # :data:`PANEL_COLUMNS`, left and right
    scale: ColourScale

    def table(self) -> pd.DataFrame:
        """One row per key figure: figure, left, right, difference (a table twin)."""
        return pd.DataFrame(
            {
                "figure": list(KEY_FIGURES),
                "left": [self.left.figures[f] for f in KEY_FIGURES],
                "right": [self.right.figures[f] for f in KEY_FIGURES],
                "difference": [self.difference[f] for f in KEY_FIGURES],
            },
            dtype=object,  # counts stay ints beside the shares' floats
        )


@dataclass(frozen=True)
class AreaComparison(_Sides):
    """Two areas at one date (left = first area, right = second)."""

    as_of: str = ""
    vintage: str = ""


@dataclass(frozen=True)
class DateComparison(_Sides):
    """One area at two dates on the later division (left = earlier date, right = later).

    ``changes``: one row per commune of the area (:data:`CHANGE_COLUMNS`, :data:`CHANGES`);
    ``change_counts``: every change code -> its number of communes (zeros included)."""

    area: Area = BELGIUM
    division: str = ""
    carried_over: str = ""  # "earlier", "later" or "" (both on ``division`` already)
    carried_from: str = ""  # the division the carried side was stated on
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    change_counts: Mapping[str, int] = field(default_factory=dict)


# ----------------------------------------------------------------------------- key figures


def map_category(status: str, partial: bool) -> str:
    """A commune's map category: its status, or ``partly_covered`` (covered, partial)."""
    covered = Status(status).covered
    return PARTLY_COVERED if covered and partial else str(status)


def _area_mask(frame: pd.DataFrame, area: Area) -> pd.Series:
    mask = _units(frame, area.level) == area.code
    if not mask.any():
        raise UnknownArea(area)
    return mask


def _sources(statuses: Iterable[CommuneStatus]) -> tuple[str, ...]:
    found: set[str] = set()
    for s in statuses:
        found.update(part for part in s.source.split(";") if part)
    return tuple(sorted(found))


def _panel(frame: pd.DataFrame, snapshot: MembershipSnapshot) -> pd.DataFrame:
    by_nis = snapshot.as_mapping()
    out = frame[["nis", "status", "partial", "covered", "cell_id", "population"]].copy()
    out["nis"] = out["nis"].astype(str)
    out["category"] = [
        map_category(s, bool(p)) for s, p in zip(out["status"], out["partial"], strict=True)
    ]
    out["source"] = [by_nis[n].source if n in by_nis else "" for n in out["nis"]]
    return out[list(PANEL_COLUMNS)].reset_index(drop=True)


def _figures(row: pd.Series) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in KEY_FIGURES:
        value = row[name]
        out[name] = float(value) if name in SHARE_FIGURES else int(value)
    return out


@dataclass(frozen=True)
class _Carried:
    """A snapshot carried over to a later division: the original and the crosswalk used."""

    original: MembershipSnapshot
    crosswalk: CodeTranslator


def key_figures(
    snapshot: MembershipSnapshot, communes: pd.DataFrame, area: Area
) -> tuple[KeyFigures, pd.DataFrame]:
    """The key figures of ``area`` and its panel (:data:`PANEL_COLUMNS`).

    ``communes``: the commune frame of the snapshot's division (docs/CONTRACTS.md, with
    ``population_date``). Raises :class:`UnknownArea` when no commune lies in the area.
    """
    return _key_figures(snapshot, communes, area, None)


def _key_figures(
    snapshot: MembershipSnapshot,
    communes: pd.DataFrame,
    area: Area,
    carried: _Carried | None,
) -> tuple[KeyFigures, pd.DataFrame]:
    frame = status_frame(snapshot, communes)
    sub = frame[_area_mask(frame, area)]
    metrics = coverage_metrics(snapshot, communes, levels=(area.level,))
    figures = _figures(metrics[metrics["unit"] == area.code].iloc[0])
    by_nis = snapshot.as_mapping()
    sources = _sources(by_nis[n] for n in sub["nis"].astype(str) if n in by_nis)
    carried_from = ""
    if carried is not None:
        carried_from = carried.original.vintage
        figures["cells"] = _original_cells(carried, communes, area, snapshot.vintage)
    provenance = Provenance(
        computed_from="membership snapshot",
        snapshot_source=snapshot.source,
        as_of=snapshot.as_of.isoformat(),
        snapshot_vintage=carried_from or snapshot.vintage,
        vintage=snapshot.vintage,
        carried_from=carried_from,
        status_sources=sources,
        population=population_basis(sub),
        illustrative=snapshot.illustrative,
    )
    kf = KeyFigures(area, snapshot.as_of.isoformat(), snapshot.vintage, figures, provenance)
    return kf, _panel(sub, snapshot)


def _difference(left: KeyFigures, right: KeyFigures) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in KEY_FIGURES:
        a, b = left.figures[name], right.figures[name]
        out[name] = float(b) - float(a) if name in SHARE_FIGURES else int(b) - int(a)
    return out


def _scale(left: KeyFigures, right: KeyFigures, panels: Iterable[pd.DataFrame]) -> ColourScale:
    shown: set[str] = set()
    for p in panels:
        shown.update(p["category"])
    return ColourScale(
        categories=CATEGORIES,
        present=tuple(c for c in CATEGORIES if c in shown),
        share_range=SHARE_RANGE,
        communes_max=int(max(left["communes"], right["communes"])),
        population_max=int(max(left["population"], right["population"])),
    )


def compare_areas(
    snapshot: MembershipSnapshot, communes: pd.DataFrame, left: Area, right: Area
) -> AreaComparison:
    """Two areas side by side at the snapshot's date (``communes``: the frame of the
    snapshot's division). Raises :class:`UnknownArea` for an area without communes."""
    kf_left, panel_left = key_figures(snapshot, communes, left)
    kf_right, panel_right = key_figures(snapshot, communes, right)
    panels = (panel_left, panel_right)
    return AreaComparison(
        left=kf_left,
        right=kf_right,
        difference=_difference(kf_left, kf_right),
        panels=panels,
        scale=_scale(kf_left, kf_right, panels),
        as_of=snapshot.as_of.isoformat(),
        vintage=snapshot.vintage,
    )


# ----------------------------------------------------------------------------- divisions


def _division_rank(vintage: str) -> int:
    try:
        return VINTAGE_KEYS.index(vintage)
    except ValueError:
        raise ValueError(
            f"unknown division {vintage!r}; known: {', '.join(VINTAGE_KEYS)}"
        ) from None


def later_division(*vintages: str) -> str:
    """The latest of ``vintages`` (the division a comparison is made on)."""
    return max(vintages, key=_division_rank)


def _forward(crosswalk: CodeTranslator, code: str, src: str, dst: str) -> str:
    found = crosswalk.translate(code, src, dst)
    if len(found) != 1:
        raise ValueError(
            f"commune {code} ({src}) is {len(found)} communes in {dst}: "
            "a split has no carrying rule"
        )
    return found[0]


def _carried_status(
    target: str,
    parts: tuple[str, ...],
    stated: Mapping[str, CommuneStatus],
    src: str,
) -> CommuneStatus:
    part_status = [stated[p].status if p in stated else Status.UNKNOWN for p in parts]
    status, partial = combine_part_statuses(part_status)
    named = [stated[p] for p in parts if p in stated]
    # a part that was itself partly covered keeps the whole partly covered
    partial = partial or any(s.partial for s in named)
    cells = {s.cell_id for s in named if s.status.covered and s.cell_id}
    cell_id = next(iter(cells)) if status.covered and len(cells) == 1 else None
    detail = "; ".join(
        f"{p} {stated[p].status.value}" if p in stated else f"{p} not stated" for p in parts
    )
    dates = sorted(s.date for s in named if s.date)
    bases = {s.basis for s in named}
    return CommuneStatus(
        nis=target,
        status=status,
        cell_id=cell_id,
        source=";".join(dict.fromkeys(s.source for s in named if s.source)),
        comment=f"carried from {src}: {detail}",
        partial=partial,
        date=dates[-1] if dates else "",
        basis=bases.pop() if len(bases) == 1 else "",
    )


def carry_snapshot(
    snapshot: MembershipSnapshot, vintage: str, crosswalk: CodeTranslator
) -> MembershipSnapshot:
    """``snapshot`` on the later division ``vintage`` (rules in the module docstring).

    Communes of ``vintage`` none of whose parts the snapshot names stay absent (unknown).
    Cells keep their ids; their members are the communes of ``vintage`` (a merged commune
    whose parts were in two cells may be listed in both: use the original snapshot to count
    cells). The snapshot's date, source, flags and illustrative mark are kept; its metadata
    gains ``("carried_from", <division>)``."""
    src = snapshot.vintage
    if src == vintage:
        return snapshot
    if _division_rank(vintage) < _division_rank(src):
        raise ValueError(f"statuses are never carried backward ({src} -> {vintage})")
    stated = snapshot.as_mapping()
    targets: dict[str, list[str]] = {}
    for nis in sorted(stated):
        targets.setdefault(_forward(crosswalk, nis, src, vintage), []).append(nis)
    statuses = tuple(
        _carried_status(t, tuple(crosswalk.translate(t, vintage, src)), stated, src)
        for t in sorted(targets)
    )
    cells = tuple(
        Cell(
            c.cell_id,
            c.name,
            tuple(sorted({_forward(crosswalk, m, src, vintage) for m in c.members})),
            c.established,
        )
        for c in snapshot.cells
    )
    flags = tuple(
        dataclasses.replace(f, nis=_forward(crosswalk, f.nis, src, vintage)) for f in snapshot.flags
    )
    return MembershipSnapshot(
        as_of=snapshot.as_of,
        vintage=vintage,
        statuses=statuses,
        cells=cells,
        source=snapshot.source,
        illustrative=snapshot.illustrative,
        metadata=(*snapshot.metadata, ("carried_from", src)),
        flags=flags,
    )


def _original_cells(carried: _Carried, communes: pd.DataFrame, area: Area, vintage: str) -> int:
    """Cells of the original snapshot (on its own division) with a member in ``area`` of the
    later division: ``coverage_metrics`` on the original statuses, each former commune placed
    in the units of the commune it became."""
    original, crosswalk = carried.original, carried.crosswalk
    later = communes.assign(nis=communes["nis"].astype(str)).set_index("nis")
    rows = []
    for nis in sorted(original.as_mapping()):
        row = later.loc[_forward(crosswalk, nis, original.vintage, vintage)].to_dict()
        rows.append({**row, "nis": nis})
    if not rows:
        return 0
    m = coverage_metrics(original, pd.DataFrame(rows), levels=(area.level,))
    hit = m[m["unit"] == area.code]
    return int(hit["cells"].iloc[0]) if len(hit) else 0


# ----------------------------------------------------------------------------- two dates


def change_of(before: str, partial_before: bool, after: str, partial_after: bool) -> str:
    """The change code (:data:`CHANGES`) of a commune from ``before`` to ``after``."""
    b, a = Status(before), Status(after)
    if b is a and (not b.covered or partial_before == partial_after):
        return "unchanged"
    if b is Status.UNKNOWN:
        return "became_known"
    if a is Status.UNKNOWN:
        return "became_unknown"
    if a.covered and not b.covered:
        return "gained_cell"
    if b.covered and not a.covered:
        return "lost_cell"
    if a.covered:  # covered both times: coverage of the whole commune first
        if partial_before != partial_after:
            return "became_partly_covered" if partial_after else "became_fully_covered"
        return "cell_type_changed"
    return "status_changed"


def _changes(before: pd.DataFrame, after: pd.DataFrame, parts: Mapping[str, str]) -> pd.DataFrame:
    cols = ["nis", "status", "partial", "category", "cell_id", "source"]
    b = before[cols].rename(columns=lambda c: c if c == "nis" else f"{c}_before")
    a = after[[*cols, "population"]].rename(
        columns=lambda c: c if c in ("nis", "population") else f"{c}_after"
    )
    out = b.merge(a, on="nis", how="outer", validate="one_to_one")
    out = out.rename(columns={"cell_id_before": "cell_before", "cell_id_after": "cell_after"})
    out["parts_before"] = [parts.get(n, "") for n in out["nis"]]
    out["change"] = [
        change_of(sb, bool(pb), sa, bool(pa))
        for sb, pb, sa, pa in zip(
            out["status_before"], out["partial_before"], out["status_after"],
            out["partial_after"], strict=True,
        )
    ]  # fmt: skip
    return out[list(CHANGE_COLUMNS)].sort_values("nis").reset_index(drop=True)


def compare_dates(
    first: MembershipSnapshot,
    second: MembershipSnapshot,
    communes: pd.DataFrame,
    crosswalk: CodeTranslator,
    area: Area = BELGIUM,
) -> DateComparison:
    """One area at two dates, on the later division of the two (rules in the module
    docstring). Left is always the earlier date (the two are ordered by ``as_of``).

    ``communes``: the commune frame of the later division; ``crosswalk``:
    ``geodata.load_crosswalk(dashboard.files.geography_dir())`` (or any
    :class:`~geodata.crosswalk.CodeTranslator`). Raises :class:`UnknownArea` for an area
    without communes on that division."""
    earlier, later = sorted((first, second), key=lambda s: s.as_of)
    division = later_division(earlier.vintage, later.vintage)
    carried_over = carried_from = ""
    sides: list[tuple[KeyFigures, pd.DataFrame]] = []
    for name, snapshot in (("earlier", earlier), ("later", later)):
        carried = None
        if snapshot.vintage != division:
            carried = _Carried(snapshot, crosswalk)
            carried_over, carried_from = name, snapshot.vintage
            snapshot = carry_snapshot(snapshot, division, crosswalk)
        sides.append(_key_figures(snapshot, communes, area, carried))
    (kf_before, panel_before), (kf_after, panel_after) = sides
    parts: dict[str, str] = {}
    if carried_over == "earlier":
        parts = {
            n: ";".join(crosswalk.translate(n, division, carried_from)) for n in panel_after["nis"]
        }
    changes = _changes(panel_before, panel_after, parts)
    counts = changes["change"].value_counts()
    panels = (panel_before, panel_after)
    return DateComparison(
        left=kf_before,
        right=kf_after,
        difference=_difference(kf_before, kf_after),
        panels=panels,
        scale=_scale(kf_before, kf_after, panels),
        area=area,
        division=division,
        carried_over=carried_over,
        carried_from=carried_from,
        changes=changes,
        change_counts={c: int(counts.get(c, 0)) for c in CHANGES},
    )
