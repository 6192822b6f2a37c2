"""The short ranking beside the map (issue 13): the areas of the breakdown level sorted by
their share of communes with a cell, each bar marked with Belgium's value and its region's.

Pure (no dash, no plotly). It tells the same story as the map next to it:

- **a file** (the illustrative example, an upload): the ranking of the Ranking tab
  (:func:`dashboard.views.ranking.ranking_view`, the same numbers, cached per selection),
  its top ``TOP`` and bottom ``BOTTOM`` areas when there are more than ``TOP + BOTTOM``;
  the reference marks are the values of every commune of Belgium and of the area's region,
  whatever the filters, as in the Ranking tab;
- **the public record**: no list of communes with a cell is published, so a ranking
  computed from the few communes a source names would contradict the map, which shades each
  region by its *published* share. Beside the map, the regions (and the German-speaking
  Community) are ranked by that same published share, each with its source and date; where
  the breakdown level is finer, the list says that nothing is published at that level and
  shows the regions, the nearest level with published figures. The region filter keeps the
  regions chosen (as on the map); the other filters do not change published figures, and
  the list says so when one is set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.analysis.ranking import competition_ranks
from dashboard.coverage.known import WITH_CELL_MEASURES, KnownFigure, figure_for
from dashboard.state import ViewState
from dashboard.views.area import area_name
from dashboard.views.data import Shown, commune_frame, known_for
from dashboard.views.map import region_figures
from dashboard.views.ranking import mask_bits, ranking_view
from dashboard.views.wording import figure_provenance, of_total, share_text
from geodata.belgium import BELGIUM, GEOGRAPHY_OF_REGION

#: Beside the map, a long ranking keeps its head and its tail (the Ranking tab has them all).
TOP = 10
BOTTOM = 5


@dataclass(frozen=True)
class SideRow:
    """One area of the short ranking."""

    rank: str  # "1"; equal shares share a rank
    label: str
    share: float | None  # the bar's length (0-1); None: no share can be computed
    share_text: str  # "36.4%", or "41.2% or 42.7%" where the published denominator is unclear
    detail: str  # "8 of 22 communes" (+ population share) or "382 of 581 communes — S01, …"
    ticks: tuple[tuple[str, float], ...]  # ("country" | "region", share): the bar's marks


@dataclass(frozen=True)
class SideRanking:
    """The short ranking, already in the page's language."""

    title: str
    rows: tuple[SideRow, ...]
    gap_after: int  # rows[:gap_after] are the top, the rest the bottom (0: no gap)
    hidden: int  # areas left out between the top and the bottom
    references: tuple[str, ...]  # what the marks are: "Belgium: 25.8% (…)"
    lines: tuple[str, ...]  # what is counted, from what source and date; filters
    empty: str  # what an empty list says
    more: str  # the button to the Ranking tab
    files: bool  # a file's ranking: the rows' counts are read out, not shown


def side_ranking(
    bundle: DataBundle, shown: Shown, mask: pd.Series, state: ViewState
) -> SideRanking:
    """The short ranking of ``state``'s breakdown level for the selection ``mask``."""
    if shown.kind == "public":
        return _public(bundle, shown, tuple(state.region), _side_filtered(state), state.level,
                       state.lang)  # fmt: skip
    return _files(bundle, shown, state.lang, state.level, mask_bits(mask))


# ----------------------------------------------------------------------------- a file


def _area_regions(frame: pd.DataFrame, level: str) -> dict[str, str]:
    """The region (published-figure geography) of each area of ``level``."""
    if level == "region":
        return {r: GEOGRAPHY_OF_REGION.get(r, "") for r in frame["region"].astype(str).unique()}
    pairs = frame[[level, "region"]].astype(str).drop_duplicates(level)
    return {u: GEOGRAPHY_OF_REGION.get(r, "") for u, r in zip(pairs[level], pairs["region"],
                                                              strict=True)}  # fmt: skip


def head_and_tail(count: int) -> tuple[list[int], int]:
    """Indices of the rows kept of ``count`` ranked rows, and how many the gap hides."""
    if count <= TOP + BOTTOM:
        return list(range(count)), 0
    return [*range(TOP), *range(count - BOTTOM, count)], count - TOP - BOTTOM


@lru_cache(maxsize=256)
def _files(bundle: DataBundle, shown: Shown, lang: str, level: str, bits: str) -> SideRanking:
    view = ranking_view(bundle, shown, lang, level, bits)
    frame = commune_frame(bundle, shown, lang)
    regions = _area_regions(frame, level)
    refs = {r["unit"]: r for r in view.references}
    country = refs.get(BELGIUM)
    t = i18n.t

    def ticks(unit: str) -> tuple[tuple[str, float], ...]:
        out = []
        if country is not None and country["share_communes"] is not None:
            out.append(("country", country["share_communes"]))
        region = refs.get(regions.get(unit, ""))
        if level != "region" and region is not None and region["share_communes"] is not None:
            out.append(("region", region["share_communes"]))
        return tuple(out)

    kept, hidden = head_and_tail(len(view.rows))
    rows = []
    for i in kept:
        r = view.rows[i]
        detail = t("side.detail.file", lang, covered=r["covered"], communes=r["communes"],
                   population=r["share_population_text"])  # fmt: skip
        rows.append(SideRow(r["rank_text"], r["label"], r["share_communes"],
                            r["share_communes_text"], detail, ticks(r["unit"])))  # fmt: skip
    references = tuple(
        t("side.reference.file", lang, area=r["label"], share=r["share_communes_text"],
          covered=r["covered"], communes=r["communes"])
        for r in view.references
    )  # fmt: skip
    marks = t("side.marks.file", lang) if level != "region" else t("side.marks.country", lang)
    return SideRanking(
        title=t(f"side.title.{level}", lang),
        rows=tuple(rows),
        gap_after=TOP if hidden else 0,
        hidden=hidden,
        references=(marks, *references),
        lines=view.lines,
        empty=view.empty,
        more=t("side.more", lang, count=len(view.rows)),
        files=True,
    )


# ----------------------------------------------------------------------------- public


def _side_filtered(state: ViewState) -> bool:
    """Whether a filter that published figures cannot follow is set."""
    return bool(state.status or state.flag or state.pop_band != "all")


def _share(f: KnownFigure) -> float | None:
    return min(s for s, _ in f.shares) if f.shares else None


@lru_cache(maxsize=256)
def _public(
    bundle: DataBundle,
    shown: Shown,
    regions: tuple[str, ...],
    filtered: bool,
    level: str,
    lang: str,
) -> SideRanking:
    t = i18n.t
    figures = region_figures(bundle, shown)
    if regions:  # as on the map: the regions chosen (the German-speaking Community is one)
        wanted = {GEOGRAPHY_OF_REGION[r] for r in regions if r in GEOGRAPHY_OF_REGION}
        figures = [f for f in figures if f.geography in wanted]
    figures = sorted(figures, key=lambda f: (-(_share(f) or -1.0), f.geography))
    belgium = figure_for(known_for(bundle, shown), BELGIUM, WITH_CELL_MEASURES)
    country = _share(belgium) if belgium is not None and belgium.denominators else None
    ranks = competition_ranks([_share(f) for f in figures])
    rows = tuple(
        SideRow(
            rank=str(rank),
            label=area_name(f.geography, lang),
            share=_share(f),
            share_text=share_text(f, lang),
            detail=f"{of_total(f, lang)} — {figure_provenance(f, shown.date_key, lang)}",
            ticks=(("country", country),) if country is not None else (),
        )
        for rank, f in zip(ranks, figures, strict=True)
    )
    references: list[str] = []
    if belgium is not None and country is not None:
        references.append(t("side.reference.public", lang, share=share_text(belgium, lang),
                            total=of_total(belgium, lang),
                            source=figure_provenance(belgium, shown.date_key, lang)))  # fmt: skip
    lines = [t("side.public.basis", lang)]
    if level != "region":
        lines.insert(0, t("side.public.nearest", lang, levels=t(f"gaps.peers.levels.{level}",
                                                                 lang)))  # fmt: skip
    if filtered:
        lines.append(t("side.public.filters", lang))
    return SideRanking(
        title=t("side.title.public", lang),
        rows=rows,
        gap_after=0,
        hidden=0,
        references=tuple(references),
        lines=tuple(lines),
        empty=t("side.public.empty", lang),
        more=t("side.more.public", lang),
        files=False,
    )
