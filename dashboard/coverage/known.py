"""What the public record knows on a date: the latest published figure of every
(geography, measure), each with its own date and source, and the denominators its source
implies.

Pure (pandas only; no dash / plotly, no IO).

Rules
-----
- On a selected published date D, the figure shown for a (geography, measure) is the latest
  one known on D: among the figures whose placement date (see
  :func:`dashboard.coverage.public_record.placement_date`) is on or before D's placement,
  the one that is surely later (its period starts after the other's ends); where two
  periods overlap, the more precise one ("15 June 2019" rather than "2019", which may be
  any day of that year). A figure that repeats another source's figure (``restates``) is
  dated by the figure it repeats. Figures are never carried backward. A figure published
  for D but not chosen is kept on the chosen one (``superseded``), so the page can name it.
- ``current`` says whether the chosen figure was published for D itself.
- Measures are never merged: ``communes_with_cell`` and ``communes_involved`` stay apart.
  But an earlier figure is not carried forward past a later one of the other measure of
  that pair (the 2016 survey's "communes involved" is not the latest news in 2019), and
  ``communes_total`` is never carried forward (it belongs to its own source's figures, and
  the division changed in 2019).
- Denominators of a count of communes (``communes_with_cell``, ``communes_involved``,
  ``communes_without_cell``), in this order:

  1. ``stated``: the same source gives the geography's ``communes_total`` for the same date;
  2. Wallonia (``BE-WAL``) when the source does not say whether its figure includes the 9
     German-speaking communes (``wal_includes_dg = unclear``): both ``with_dg`` (all the
     region's communes) and ``without_dg`` (the region less the 9), and a share is shown
     both ways; ``inferred_yes`` gives ``with_dg`` only;
  3. ``division``: the geography's communes in the division in force on the figure's date
     (589 up to 2018, 581 from 2019).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.coverage.metrics import published_figures
from dashboard.coverage.public_record import (
    MEASURES,
    PublicRecord,
    date_precision,
    period_start,
    placement_date,
    published_dates,
    resolve_published_date,
)
from geodata import belgium
from geodata.belgium import (
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA_GEOGRAPHY,
)

GEOGRAPHY_ORDER: tuple[str, ...] = belgium.GEOGRAPHY_ORDER
MEASURE_ORDER: tuple[str, ...] = MEASURES  # the order of public_record.MEASURES
#: Measures that count communes with a cell (best first when both are known on one date).
WITH_CELL_MEASURES: tuple[str, ...] = ("communes_with_cell", "communes_involved")
#: Measures that count communes, and so have a denominator.
COMMUNE_COUNT_MEASURES: tuple[str, ...] = (*WITH_CELL_MEASURES, "communes_without_cell")
_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
#: Region -> the geography of its published figures.
REGION_GEOGRAPHY = {r: belgium.GEOGRAPHY_OF_REGION[r] for r in belgium.REGIONS}


@dataclass(frozen=True)
class Denominator:
    """What a count of communes is a share of."""

    value: int
    basis: str  # "stated", "division", "with_dg", "without_dg"
    vintage: str
    source_id: str = ""  # for "stated": the source giving the total


@dataclass(frozen=True)
class KnownFigure:
    """One published figure as shown on a date."""

    geography: str
    measure: str
    value: int
    source_id: str
    as_of: str  # the date key as published ("2019-06-15", "2019", "2017-06")
    precision: str  # "day", "month", "year"
    date: dt.date  # its placement date
    published: str  # the publication date when it differs from as_of ("" otherwise)
    current: bool  # published for the selected date (else: the latest known before it)
    vintage: str  # the commune division in force on its date
    denominators: tuple[Denominator, ...] = ()
    other_values: str = ""  # other figures of the same date: "74 (S12)"
    other_sources: str = ""
    conflict_with: str = ""  # sources with another figure for the same period
    wal_includes_dg: str = ""  # "inferred_yes", "unclear" or "" (not Wallonia)
    part_of: str = ""  # "BE-WAL" for the DG sub-row of S01
    stated_total: int | None = None  # the geography's communes_total in the same source
    restates: str = ""  # the date key of the figure this one repeats (another source's)
    superseded: tuple[KnownFigure, ...] = ()  # figures published for the date, not chosen

    @property
    def described(self) -> str:
        """The date the figure describes: its own, or that of the figure it repeats."""
        return self.restates or self.as_of

    @property
    def shares(self) -> tuple[tuple[float, Denominator], ...]:
        return tuple((self.value / d.value, d) for d in self.denominators if d.value)

    @property
    def share(self) -> float:
        """The share over the first denominator (NaN when there is none)."""
        s = self.shares
        return s[0][0] if s else float("nan")


def geography_counts(communes: pd.DataFrame) -> dict[str, int]:
    """Communes per published geography in one division (``BE-WAL-noDG``: Wallonia less the
    German-speaking Community)."""
    counts = {geo: int((communes["region"] == r).sum()) for r, geo in REGION_GEOGRAPHY.items()}
    counts[GERMAN_SPEAKING_GEOGRAPHY] = int(communes["german_speaking"].sum())
    counts["BE"] = len(communes)
    counts["BE-WAL-noDG"] = counts[WALLONIA_GEOGRAPHY] - counts[GERMAN_SPEAKING_GEOGRAPHY]
    return counts


def _default_vintage_of(day: dt.date) -> str:
    import geodata

    return geodata.vintage_for_date(day).key


def denominators(
    row: Mapping[str, object],
    stated_total: int | None,
    counts: Mapping[str, int],
    vintage: str,
) -> tuple[Denominator, ...]:
    """Denominators of one published count (rules in the module docstring)."""
    if row["measure"] not in COMMUNE_COUNT_MEASURES:
        return ()
    geo = str(row["geography"])
    if stated_total is not None:
        return (Denominator(stated_total, "stated", vintage, str(row["source_id"])),)
    if geo == WALLONIA_GEOGRAPHY:
        both = Denominator(counts[WALLONIA_GEOGRAPHY], "with_dg", vintage)
        if row.get("wal_includes_dg") == "unclear":
            return (both, Denominator(counts["BE-WAL-noDG"], "without_dg", vintage))
        return (both,)
    return (Denominator(counts[geo], "division", vintage),) if geo in counts else ()


def _restated_key(record: PublicRecord, row: Mapping[str, object]) -> str:
    """The date key of the figure a row repeats (``restates``), or ""."""
    src = row.get("restates")
    if not src:
        return ""
    s = record.snapshots
    hit = s[(s["source_id"] == src) & (s["geography"] == row["geography"])
            & (s["measure"] == row["measure"])]  # fmt: skip
    return str(hit["as_of"].iloc[0]) if not hit.empty else ""


def figures_published_for(
    record: PublicRecord,
    key: str | dt.date,
    counts: Mapping[str, Mapping[str, int]],
    vintage_of: Callable[[dt.date], str] | None = None,
) -> tuple[KnownFigure, ...]:
    """The figures published for one date key (one per geography and measure, the default
    row), with their denominators; all ``current``."""
    vintage_of = vintage_of or _default_vintage_of
    pdate = resolve_published_date(record, key)
    pub = published_figures(record, pdate.key)
    vintage = vintage_of(pdate.date)
    totals = {
        (r.geography, r.source_id): int(r.value)
        for r in pub.itertuples()
        if r.measure == "communes_total"
    }
    snaps = record.snapshots
    published_on = snaps.loc[snaps["as_of"] == pdate.key, "published"]
    published = next((p for p in published_on if p), "")
    out = []
    for row in pub.to_dict(orient="records"):
        stated = totals.get((row["geography"], row["source_id"]))
        out.append(
            KnownFigure(
                geography=row["geography"],
                measure=row["measure"],
                value=int(row["value"]),
                source_id=row["source_id"],
                as_of=pdate.key,
                precision=pdate.precision,
                date=pdate.date,
                published=published,
                current=True,
                vintage=vintage,
                denominators=denominators(row, stated, counts[vintage], vintage),
                other_values=row["other_values"],
                other_sources=row["other_sources"],
                conflict_with=row["conflict_with"],
                wal_includes_dg=row["wal_includes_dg"],
                part_of=row["part_of"],
                stated_total=stated,
                restates=_restated_key(record, row),
            )
        )
    return tuple(out)


def is_later(a: KnownFigure, b: KnownFigure) -> bool:
    """``a`` is the later figure: surely later, or, where their periods overlap, more
    precise (then: ends later, then: published for the date chosen)."""
    a_key, b_key = a.described, b.described
    a_start, a_end = period_start(a_key), placement_date(a_key)
    b_start, b_end = period_start(b_key), placement_date(b_key)
    if a_start > b_end:
        return True
    if b_start > a_end:
        return False
    a_rank = _PRECISION_RANK[date_precision(a_key)]
    b_rank = _PRECISION_RANK[date_precision(b_key)]
    if a_rank != b_rank:
        return a_rank > b_rank
    return (a_end, a.current) > (b_end, b.current)


def known_figures(
    record: PublicRecord,
    key: str | dt.date,
    counts: Mapping[str, Mapping[str, int]],
    vintage_of: Callable[[dt.date], str] | None = None,
) -> tuple[KnownFigure, ...]:
    """Every (geography, measure) known on the published date ``key``: the latest figure
    known on it (rules in the module docstring). ``counts``: vintage key ->
    :func:`geography_counts` of that division. Sorted by geography, then measure."""
    vintage_of = vintage_of or _default_vintage_of
    target = resolve_published_date(record, key)
    dates = [d for d in published_dates(record) if d.date <= target.date or d.key == target.key]
    dates.sort(key=lambda d: (d.date, _PRECISION_RANK[d.precision]))
    chosen: dict[tuple[str, str], KnownFigure] = {}
    passed_over: dict[tuple[str, str], list[KnownFigure]] = {}
    for d in dates:
        for f in figures_published_for(record, d.key, counts, vintage_of):
            f = dataclasses.replace(f, current=d.key == target.key)
            if f.measure == "communes_total" and not f.current:
                continue  # a total belongs to its own source's figures: never carried
            k = (f.geography, f.measure)
            best = chosen.get(k)
            if best is None or is_later(f, best):
                chosen[k] = f
                if best is not None and best.current:
                    passed_over.setdefault(k, []).append(best)
            elif f.current:
                passed_over.setdefault(k, []).append(f)
    for k, f in list(chosen.items()):
        chosen[k] = dataclasses.replace(f, superseded=tuple(passed_over.get(k, ())))
    for (geo, measure), f in list(chosen.items()):
        if f.current:
            continue
        if measure in WITH_CELL_MEASURES:
            other = chosen.get((geo, next(m for m in WITH_CELL_MEASURES if m != measure)))
            if other is not None and (other.current or is_later(other, f)):
                del chosen[(geo, measure)]
    geo_rank = {g: i for i, g in enumerate(GEOGRAPHY_ORDER)}
    measure_rank = {m: i for i, m in enumerate(MEASURE_ORDER)}
    return tuple(
        sorted(chosen.values(), key=lambda f: (geo_rank[f.geography], measure_rank[f.measure]))
    )


def figure_for(
    figures: tuple[KnownFigure, ...], geography: str, measures: tuple[str, ...] | str
) -> KnownFigure | None:
    """The figure of ``geography`` for the first of ``measures`` known; when several are
    known, the most recent one (a current figure first)."""
    if isinstance(measures, str):
        measures = (measures,)
    hits = [f for f in figures if f.geography == geography and f.measure in measures]
    if not hits:
        return None
    return max(hits, key=lambda f: (f.current, f.date, -measures.index(f.measure)))


def all_published_rows(record: PublicRecord) -> pd.DataFrame:
    """Every row of ``snapshots.csv`` with its placement date (for the timeline and tests)."""
    dates = {d.key: d for d in published_dates(record)}
    s = record.snapshots.copy()
    s["date"] = s["as_of"].map(lambda k: dates[k].date)
    s["precision"] = s["as_of"].map(lambda k: dates[k].precision)
    return s
