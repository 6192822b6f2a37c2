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
- the result is cached per (dataset, date, language, level, filter mask): ranking the 185
  police zones costs about 0.3 s, a repeated view nothing.
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
from dashboard.coverage.analysis.ranking import ranking, reference_lines
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
