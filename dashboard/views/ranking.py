"""What the ranking tab shows (issue 13): the areas of the breakdown level sorted by coverage,
with Belgium and its regions as reference values.

Pure (no dash, no plotly). Over :mod:`dashboard.coverage.analysis.ranking`:

- **the filters**: an area is counted over the communes the page's filters select (the
  ranking of ``frame[mask]``), and an area without a selected commune is left out. A region
  or province filter thus ranks the areas inside it, whole; a status, programme or
  population-band filter ranks the areas by the coverage of the communes it keeps (for
  instance the communes of 5 000 to 10 000 inhabitants of each province). The page says so
  whenever a filter is active;
- **the reference values** (Belgium, each region, the German-speaking Community) are those
  of every commune, whatever the filters: they are the benchmarks a reader compares with.
  Those of the regions the selection touches are drawn (Belgium always);
- shares of communes count every commune of the area, unknown ones included and shown as
  unknown, never as without a cell; where most are unknown (the public record) the page
  says the shares count only what the sources name;
- the result is cached per (dataset, date, language, level, filter mask); the counts
  themselves (``coverage_metrics``, vectorised) take about 3 ms for the 185 police zones
  (``python -m bench.metrics``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType

import numpy as np
import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.analysis.peers import (
    COUNTRY,
    NEIGHBOURS,
    PROVINCE,
    REGION,
    PeerGroup,
    area_peers,
)
from dashboard.coverage.analysis.ranking import RANKING_LEVELS, ranked, ranking, reference_lines
from dashboard.coverage.model import Status
from dashboard.views.data import Shown, commune_frame
from dashboard.views.gaps import statuses_basis
from dashboard.views.wording import population_source
from geodata.belgium import BELGIUM, GEOGRAPHY_OF_REGION, GERMAN_SPEAKING

#: The stacked parts of a bar (shares of the area's communes), in drawing order.
PARTS: tuple[str, ...] = ("covered", "planned", "none", "unknown")
#: The fields of a row of the table (and of a reference row).
ROW_FIELDS: tuple[str, ...] = (
    "rank", "label", "communes", "covered", "planned", "none", "unknown", "share_communes",
    "share_population", "population",
)  # fmt: skip


@dataclass(frozen=True)
class RankingView:
    """The ranking of one level, already in the page's language."""

    level: str
    title: str
    lines: tuple[str, ...]  # what is counted, from what source and date; filters; unknowns
    rows: tuple[dict, ...]  # rank order (ROW_FIELDS + unit, texts, parts' shares)
    references: tuple[dict, ...]  # Belgium and the regions the selection touches
    legend: Mapping[str, str]  # part / "population" -> its name
    axis_title: str
    empty: str
    population_header: str  # "Population (Statbel, population on 1 January 2020)"


def mask_bits(mask: pd.Series | np.ndarray) -> str:
    """A filter mask as text, "1" per selected commune: the key of the ranking's cache."""
    return "".join(np.where(np.asarray(mask, dtype=bool), "1", "0"))


def _label(level: str, unit: str, name: str, units: pd.DataFrame, lang: str) -> str:
    if level == "region":
        return i18n.region_label(unit, lang)
    if level == "province":
        return i18n.province_label(unit, lang)
    if level == "arrondissement" and unit in units.index:
        return str(units.at[unit, f"name_{lang}" if lang != "en" else "name_fr"])
    if level == "police_zone" and name:
        return f"{name} ({unit})"
    return name or unit


def _share(value: object) -> float | None:
    share = float(value)  # type: ignore[arg-type]
    return None if math.isnan(share) else share


def _row(r: Mapping, label: str, lang: str) -> dict:
    """One area (or reference) as the table and the chart show it."""
    communes = int(r["communes"])
    counts = {
        "covered": int(r["communes_covered"]),
        "planned": int(r["communes_planned"]),
        "none": int(r["communes_none"]),
        "unknown": int(r["communes_unknown"]),
    }
    share_c, share_p = _share(r["share_communes_covered"]), _share(r["share_population_covered"])
    fmt = i18n.format_percent
    number = i18n.format_number
    return {
        "label": label,
        "communes": communes,
        **counts,  # below 1 000: written alike in every language
        "share_communes": None if share_c is None else round(share_c, 6),
        "share_population": None if share_p is None else round(share_p, 6),
        "share_communes_text": fmt(share_c, lang),
        "share_population_text": fmt(share_p, lang),
        "population": int(r["population"]),
        "population_text": number(int(r["population"]), lang),
        **{f"part_{p}": counts[p] / communes if communes else 0.0 for p in PARTS},
    }


def _regions_touched(sel: pd.DataFrame) -> set[str]:
    """Published-figure geographies (BE-VLG, ...) with a commune in the selection."""
    regions = set(sel["region"].astype(str))
    if sel["german_speaking"].astype(bool).any():
        regions.add(GERMAN_SPEAKING)
    return {BELGIUM, *(GEOGRAPHY_OF_REGION[r] for r in regions if r in GEOGRAPHY_OF_REGION)}


def ranking_view(bundle: DataBundle, shown: Shown, lang: str, level: str, bits: str) -> RankingView:
    """The ranking of ``level`` for the communes ``bits`` selects (see :func:`mask_bits`),
    computed once per (dataset, date, language, level, selection)."""
    return _ranking_view(bundle, shown, lang, level, bits)


@lru_cache(maxsize=256)
def _ranking_view(
    bundle: DataBundle, shown: Shown, lang: str, level: str, bits: str
) -> RankingView:
    frame = commune_frame(bundle, shown, lang)
    mask = pd.Series([b == "1" for b in bits], index=frame.index)
    sel = frame[mask]
    population = population_source(frame, lang)
    units = bundle.vintages[shown.vintage].units.set_index("code")
    table = ranking(sel, level)
    t = i18n.t
    rows = []
    for r in table.to_dict(orient="records"):
        label = _label(level, str(r["unit"]), str(r["unit_name"]), units, lang)
        rows.append({"rank": int(r["rank"]), "rank_text": str(int(r["rank"])),
                     "unit": str(r["unit"]), **_row(r, label, lang)})  # fmt: skip
    wanted = _regions_touched(sel) if len(sel) else {BELGIUM}
    references = [
        {"rank": None, "rank_text": t("gaps.ranking.reference", lang), "unit": str(r["geography"]),
         **_row(r, i18n.region_label(str(r["geography"]), lang), lang)}
        for r in reference_lines(frame).to_dict(orient="records")
        if r["geography"] in wanted
    ]  # fmt: skip
    lines = [statuses_basis(shown, frame, mask, lang)]
    if shown.illustrative:
        lines.insert(0, t("notice.illustrative", lang))
    if not mask.all():
        lines.append(t("gaps.ranking.filtered", lang, selected=int(mask.sum()),
                       total=len(frame)))  # fmt: skip
    unknown = int((sel["status"] == Status.UNKNOWN.value).sum())
    if unknown and 2 * unknown > len(sel):
        lines.append(t("gaps.ranking.mostly_unknown", lang, unknown=unknown, communes=len(sel),
                       share=i18n.format_percent(unknown / len(sel), lang)))  # fmt: skip
    elif unknown:
        lines.append(t("gaps.ranking.some_unknown", lang, unknown=unknown))
    if shown.kind == "public":
        lines.append(t("gaps.ranking.published", lang))
    if level == "province":
        lines.append(t("gaps.ranking.no_brussels_province", lang))
    legend = {
        "covered": i18n.measure_label("communes_with_cell", lang),
        "planned": i18n.status_label(Status.PLANNED, lang),
        "none": i18n.status_label(Status.NONE, lang),
        "unknown": i18n.status_label(Status.UNKNOWN, lang),
        "population": i18n.measure_label("share_population_covered", lang),
    }
    return RankingView(
        level=level,
        title=t(f"gaps.ranking.title.{level}", lang),
        lines=tuple(lines),
        rows=tuple(rows),
        references=tuple(references),
        legend=MappingProxyType(legend),
        axis_title=t("gaps.ranking.axis", lang),
        empty=t("table.empty", lang),
        population_header=f"{t('table.population', lang)} ({population})",
    )


# ----------------------------------------------------------------------------- area peers


@dataclass(frozen=True)
class PeerGroupView:
    """One peer group of an area: its members ranked within it, the subject marked."""

    kind: str  # the group's kind (dashboard.coverage.analysis.peers)
    title: str  # "Bordering provinces", "Provinces of Flanders", ...
    rank: str  # "Rank in this group: 2 of 6"
    rows: tuple[dict, ...]  # rank order: ROW_FIELDS (rank in the group) + unit, texts, subject


@dataclass(frozen=True)
class AreaPeersView:
    """An area against its peers (issue 13), already in the page's language."""

    level: str
    unit: str
    title: str  # "Peer groups of Antwerp"
    lines: tuple[str, ...]  # what is counted, from what source and date
    groups: tuple[PeerGroupView, ...]
    columns: tuple[str, ...]  # the members' table headers, in ROW_FIELDS order


@lru_cache(maxsize=32)
def _whole_ranking(bundle: DataBundle, shown: Shown, lang: str, level: str) -> pd.DataFrame:
    """Every area of ``level`` over all its communes (peers ignore the filters)."""
    return ranking(commune_frame(bundle, shown, lang), level)


def area_options(bundle: DataBundle, shown: Shown, lang: str, level: str) -> tuple[dict, ...]:
    """The areas of ``level`` as the peer choice's options ({label, value}), by name."""
    return _area_options(bundle, shown, lang, level)


@lru_cache(maxsize=64)
def _area_options(bundle: DataBundle, shown: Shown, lang: str, level: str) -> tuple[dict, ...]:
    units = bundle.vintages[shown.vintage].units.set_index("code")
    table = _whole_ranking(bundle, shown, lang, level)
    options = [
        {"label": _label(level, str(u), str(n), units, lang), "value": str(u)}
        for u, n in zip(table["unit"], table["unit_name"], strict=True)
    ]
    return tuple(sorted(options, key=lambda o: (o["label"].casefold(), o["value"])))


def _group_title(kind: str, unit: str, level: str, g: PeerGroup, lang: str) -> str:
    t = i18n.t
    levels = i18n.t(f"gaps.peers.levels.{level}", lang)
    if kind == NEIGHBOURS:
        return t("gaps.peers.kind.neighbours", lang, levels=levels)
    if kind == COUNTRY:
        return t("gaps.peers.kind.country", lang, levels=levels)
    if kind == REGION:
        return t("gaps.peers.kind.parent", lang, levels=levels,
                 parent=i18n.region_label(unit, lang))  # fmt: skip
    if kind == PROVINCE:
        return t("gaps.peers.kind.parent", lang, levels=levels,
                 parent=i18n.province_label(unit, lang))  # fmt: skip
    return t("gaps.peers.kind.population_band", lang, levels=levels, count=len(g.members),
             low=i18n.format_number(g.population_min, lang),
             high=i18n.format_number(g.population_max, lang))  # fmt: skip


def area_peers_view(
    bundle: DataBundle, shown: Shown, lang: str, level: str, unit: str
) -> AreaPeersView | None:
    """The peer groups of area ``unit`` of ``level`` over every commune of the data shown
    (the filters do not apply), computed once per (dataset, date, language, level, area).
    None when ``unit`` is not an area of ``level`` in the data."""
    return _area_peers_view(bundle, shown, lang, level, unit)


@lru_cache(maxsize=256)
def _area_peers_view(
    bundle: DataBundle, shown: Shown, lang: str, level: str, unit: str
) -> AreaPeersView | None:
    if level not in RANKING_LEVELS or not unit:
        return None
    frame = commune_frame(bundle, shown, lang)
    try:
        groups = area_peers(frame, level, unit)
    except KeyError:
        return None
    table = _whole_ranking(bundle, shown, lang, level).drop(columns=["rank"])
    units = bundle.vintages[shown.vintage].units.set_index("code")
    t = i18n.t
    views = []
    for g in groups:
        order = ranked(table[table["unit"].isin(g.members)])
        rows = []
        for r in order.to_dict(orient="records"):
            code = str(r["unit"])
            label = _label(level, code, str(r["unit_name"]), units, lang)
            rows.append({"rank": int(r["rank"]), "rank_text": str(int(r["rank"])), "unit": code,
                         "subject": code == unit, **_row(r, label, lang)})  # fmt: skip
        views.append(PeerGroupView(
            kind=g.kind,
            title=_group_title(g.kind, g.unit, level, g, lang),
            rank=t("gaps.peers.rank", lang, rank=g.rank, ranked=g.ranked),
            rows=tuple(rows),
        ))  # fmt: skip
    everything = pd.Series(True, index=frame.index)
    lines = [statuses_basis(shown, frame, everything, lang), t("gaps.peers.counted", lang)]
    if shown.illustrative:
        lines.insert(0, t("notice.illustrative", lang))
    unknown = int((frame["status"] == Status.UNKNOWN.value).sum())
    if unknown and 2 * unknown > len(frame):
        lines.append(t("gaps.ranking.mostly_unknown", lang, unknown=unknown, communes=len(frame),
                       share=i18n.format_percent(unknown / len(frame), lang)))  # fmt: skip
    elif unknown:
        lines.append(t("gaps.ranking.some_unknown", lang, unknown=unknown))
    name = next(r["label"] for g in views for r in g.rows if r["subject"])
    population = population_source(frame, lang)
    columns = (
        t("gaps.peers.col.rank", lang), i18n.level_label(level, lang),
        t("table.communes", lang), t("gaps.ranking.col.covered", lang),
        t("table.planned", lang), t("table.none", lang), t("table.unknown", lang),
        t("table.share_communes", lang), t("table.share_population", lang),
        f"{t('table.population', lang)} ({population})",
    )  # fmt: skip
    return AreaPeersView(
        level=level,
        unit=unit,
        title=t("gaps.peers.title", lang, name=name),
        lines=tuple(lines),
        groups=tuple(views),
        columns=columns,
    )
