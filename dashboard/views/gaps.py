"""What the gap explorer shows (issue 13): the communes of the selection that a source says
have no cell (or only a planned one), ranked by population, with the communes nearby that have
one, and a summary line.

Pure (no dash, no plotly). Over :mod:`dashboard.coverage.analysis.gaps`:

- the gap rows are computed once per (dataset, date, language) over the whole commune frame
  (so a candidate across the selection's border is still found); a filter click only picks
  the rows of the communes its mask keeps;
- the summary counts the communes the page's filters select (every filter: region,
  province, status, programme, population band), as
  :func:`~dashboard.coverage.analysis.gaps.gap_summary` does for a region / province
  selection (a test checks they agree);
- ``unknown`` is never a gap: it is counted apart and, when it is most of the selection (the
  public record: most communes have no per-commune status), said plainly with what is known;
- every number says where it comes from: the statuses' source (the public record's source
  ids and the date known on, or the file and its date) and the population's date.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.analysis.gaps import GapSummary, gap_rows
from dashboard.coverage.analysis.ranking import population_basis
from dashboard.coverage.model import Status
from dashboard.views.data import Shown, commune_frame
from dashboard.views.map import status_text
from dashboard.views.wording import _pair, population_source

#: The fields of a displayed gap row (the table's columns, in order, then ``nis`` and ``i``,
#: the commune's row in the commune frame; numbers also as ``<field>_text``, formatted).
ROW_FIELDS: tuple[str, ...] = (
    "rank", "name", "status", "area", "zone", "population", "neighbours", "zone_mates",
    "cells", "joining", "unknown_neighbours", "nis", "i",
)  # fmt: skip


@dataclass(frozen=True)
class GapsView:
    """The gap explorer's panel, already in the page's language."""

    summary: tuple[str, ...]  # the summary line, then its sources and dates
    unknown: str  # "" or what the record does not say (most statuses unknown)
    rows: tuple[dict, ...]  # the table's rows (ROW_FIELDS), ranked by population
    population_header: str  # "Population (Statbel, population on 1 January 2020)"
    status_header: str  # "Status", or for a file "Status (file, date)": its rows' source
    counts: GapSummary


@dataclass(frozen=True)
class GapDetail:
    """One gap commune: what the panel says about it and what the map outlines."""

    nis: str
    lines: tuple[str, ...]
    candidates: tuple[str, ...]  # NIS codes of the communes with a cell it could join
    lat: float  # its marker point
    lon: float


# ------------------------------------------------------------------------------- the data


@lru_cache(maxsize=64)
def all_gap_rows(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """The gap rows of the whole division (``GAP_COLUMNS``), once per (dataset, date,
    language): the filters only choose among them. Shared: callers never modify it."""
    return gap_rows(commune_frame(bundle, shown, lang))


def selection_summary(frame: pd.DataFrame, rows: pd.DataFrame, mask: pd.Series) -> GapSummary:
    """:class:`GapSummary` of the communes ``mask`` keeps, ``rows`` being the gap rows of
    the whole ``frame`` (their candidates looked up across the selection's border)."""
    sel = frame[mask]
    gaps = rows[rows["nis"].isin(set(sel["nis"]))]
    pop = sel["population"].astype("int64")
    status = sel["status"].astype(str)
    none = gaps[gaps["status"] == Status.NONE.value]
    planned = gaps[gaps["status"] == Status.PLANNED.value]
    unknown = status == Status.UNKNOWN.value
    covered = sel["covered"].astype(bool)
    bordering = none["borders_covered"].astype(bool)
    return GapSummary(
        communes=len(sel),
        communes_none=len(none),
        population_none=int(none["population"].sum()),
        communes_none_bordering_covered=int(bordering.sum()),
        population_none_bordering_covered=int(none.loc[bordering, "population"].sum()),
        communes_planned=len(planned),
        population_planned=int(planned["population"].sum()),
        communes_planned_bordering_covered=int(planned["borders_covered"].astype(bool).sum()),
        communes_covered=int(covered.sum()),
        population_covered=int(pop[covered].sum()),
        communes_unknown=int(unknown.sum()),
        population_unknown=int(pop[unknown].sum()),
        population=population_basis(frame),
    )


# ------------------------------------------------------------------------------- wording


def source_ids(values: Iterable[str]) -> str:
    """The distinct source ids of status sources ("S01;S12" cells), sorted: "S01, S12"."""
    ids = {part.strip() for v in values for part in str(v).split(";") if part.strip()}
    return ", ".join(sorted(ids))


def statuses_basis(shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str) -> str:
    """Where the statuses counted come from, with the date, and the population's source:
    the public record (the source ids of the selection's known statuses), the illustrative
    example or the file."""
    population = population_source(frame, lang)
    date = i18n.format_date(shown.date_key, lang)
    if shown.kind == "public":
        known = frame.loc[mask & (frame["status"] != Status.UNKNOWN.value), "source"]
        sources = source_ids(known)
        if not sources:
            return i18n.t("gaps.basis.public_none", lang, date=date, population=population)
        return i18n.t("gaps.basis.public", lang, date=date, sources=sources,
                      population=population)  # fmt: skip
    kind = "example" if shown.kind == "example" else "file"
    return i18n.t(f"gaps.basis.{kind}", lang, file=shown.origin, date=date,
                  population=population)  # fmt: skip


def _share(part: int, whole: int, lang: str) -> str:
    return i18n.format_percent(part / whole if whole else math.nan, lang)


def summary_lines(s: GapSummary, lang: str) -> list[str]:
    """The summary line ("N communes, P inhabitants without a cell; M of them border a
    commune with a cell"), the planned cells, and the unknown statuses not counted."""
    t = i18n.t
    lines = [
        t("gaps.summary", lang, communes=s.communes_none, population=s.population_none,
          bordering=s.communes_none_bordering_covered,
          bordering_population=s.population_none_bordering_covered, selected=s.communes)
    ]  # fmt: skip
    if s.communes_planned:
        lines.append(t("gaps.summary_planned", lang, communes=s.communes_planned,
                       population=s.population_planned,
                       bordering=s.communes_planned_bordering_covered))  # fmt: skip
    if s.communes_unknown and not s.mostly_unknown:
        lines.append(t("gaps.summary_unknown", lang, communes=s.communes_unknown,
                       population=s.population_unknown))  # fmt: skip
    return lines


def unknown_text(s: GapSummary, lang: str) -> str:
    """When most of the selection's statuses are unknown: say so, and what is known."""
    if not s.mostly_unknown:
        return ""
    return i18n.t(
        "gaps.mostly_unknown", lang, unknown=s.communes_unknown, communes=s.communes,
        share=_share(s.communes_unknown, s.communes, lang), covered=s.communes_covered,
        none=s.communes_none, planned=s.communes_planned,
    )  # fmt: skip


# ------------------------------------------------------------------------------- rows


def _names(codes: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(c, c) for c in codes)


def _candidate_names(codes: Iterable[str], names: Mapping[str, str], unnamed: set[str],
                     lang: str) -> str:  # fmt: skip
    """Candidate communes by name; one whose cell the data does not identify says so."""
    note = i18n.t("gaps.cell_not_identified", lang)
    return ", ".join(f"{names.get(c, c)} ({note})" if c in unnamed else names.get(c, c)
                     for c in codes)  # fmt: skip


def _cells_text(cells: tuple[str, ...], cell_names: Mapping[str, str], internal: bool) -> str:
    """The candidate cells: their names where the data names them; the public record's
    cells carry the atlas's own ids, not a name a source gives, so only their count."""
    if not cells:
        return ""
    if internal:
        return str(len(cells))
    return "; ".join(cell_names.get(c) or c for c in cells)


@lru_cache(maxsize=64)
def _display_rows(bundle: DataBundle, shown: Shown, lang: str) -> tuple[dict, ...]:
    """Every gap row of the division as the table shows it (the filters pick among them)."""
    frame = commune_frame(bundle, shown, lang)
    rows = all_gap_rows(bundle, shown, lang)
    names = dict(zip(frame["nis"], frame["name"], strict=True))
    records = {r["nis"]: r for r in frame.to_dict(orient="records")}
    cell_names = dict(zip(frame["cell_id"], frame["cell_name"], strict=True))
    position = {nis: i for i, nis in enumerate(frame["nis"])}
    internal = shown.kind == "public"
    out = []
    for r in rows.to_dict(orient="records"):
        rec = records[r["nis"]]
        unnamed = set(r["candidates_without_cell_id"])
        zone = str(rec.get("police_zone_name") or "")
        out.append({
            "rank": int(r["rank"]),
            "name": f"{rec['name']} ({r['nis']})",
            # the public record: each status with its own source and date; a file's are all
            # the file's, said once in the column's header (GapsView.status_header)
            "status": status_text(rec, lang) if internal else i18n.status_label(r["status"], lang),
            "area": i18n.province_label(r["province"], lang) if r["province"]
            else i18n.region_label(r["region"], lang),
            "zone": f"{zone} ({r['police_zone']})" if zone else r["police_zone"],
            "population": int(r["population"]),
            "population_text": i18n.format_number(int(r["population"]), lang),
            "neighbours": _candidate_names(r["covered_neighbours"], names, unnamed, lang),
            "zone_mates": _candidate_names(r["covered_zone_mates"], names, unnamed, lang),
            "cells": _cells_text(r["candidate_cells"], cell_names, internal),
            "joining": int(r["population_if_joined"]) if r["candidate_communes"] else None,
            "joining_text": i18n.format_number(int(r["population_if_joined"]), lang)
            if r["candidate_communes"] else i18n.MISSING,
            "unknown_neighbours": _names(r["unknown_neighbours"], names),
            "nis": r["nis"],
            "i": position[r["nis"]],  # its row in the commune frame: its place in a filter mask
        })  # fmt: skip
    return tuple(out)


def gap_table_rows(bundle: DataBundle, shown: Shown, lang: str) -> list[dict]:
    """Every gap row of the division as the table shows it, once per (dataset, date,
    language); the browser shows those whose ``i`` the page's filter mask keeps (as
    :attr:`GapsView.rows` does here)."""
    return list(_display_rows(bundle, shown, lang))


def gaps_view(
    bundle: DataBundle, shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str
) -> GapsView:
    """The gap explorer for the communes ``mask`` selects (the page's filters)."""
    rows = all_gap_rows(bundle, shown, lang)
    counts = selection_summary(frame, rows, mask)
    keep = set(frame.loc[mask, "nis"])
    shown_rows = tuple(r for r in _display_rows(bundle, shown, lang) if r["nis"] in keep)
    summary = [*summary_lines(counts, lang), statuses_basis(shown, frame, mask, lang)]
    if shown.illustrative:
        summary.insert(0, i18n.t("notice.illustrative", lang))
    header = f"{i18n.t('table.population', lang)} ({population_source(frame, lang)})"
    return GapsView(tuple(summary), unknown_text(counts, lang), shown_rows, header,
                    status_header(shown, lang), counts)  # fmt: skip


def status_header(shown: Shown, lang: str) -> str:
    """The status column's header: a file's statuses all come from it, on its date."""
    if shown.kind == "public":
        return i18n.t("table.status", lang)
    date = i18n.format_date(shown.date_key, lang)
    if shown.kind == "example":
        return i18n.t("gaps.col.status_example", lang, date=date)
    return i18n.t("gaps.col.status_file", lang, file=shown.origin, date=date)


# ------------------------------------------------------------------------------- one commune


def gap_detail(bundle: DataBundle, shown: Shown, lang: str, nis: str | None) -> GapDetail | None:
    """What the explorer says about the chosen commune, when it is a gap of the data on
    screen (None otherwise): its status with source and date, its population, the
    communes with a cell it could join (outlined on the map) and what joining would cover."""
    if not nis:
        return None
    rows = all_gap_rows(bundle, shown, lang)
    match = rows[rows["nis"] == nis]
    if match.empty:
        return None
    r = match.iloc[0]
    frame = commune_frame(bundle, shown, lang)
    rec = frame[frame["nis"] == nis].iloc[0].to_dict()
    names = dict(zip(frame["nis"], frame["name"], strict=True))
    population = population_source(frame, lang)
    t = i18n.t
    lines = [
        f"{rec['name']} ({nis})",
        _pair("hover.status", status_text(rec, lang, shown.origin, shown.illustrative), lang),
        _pair("hover.population",
              f"{i18n.format_number(int(r['population']), lang)} ({population})", lang),
    ]  # fmt: skip
    candidates = tuple(r["candidate_communes"])
    if candidates:
        unnamed = set(r["candidates_without_cell_id"])
        lines.append(t("gaps.detail.candidates", lang,
                       names=_candidate_names(candidates, names, unnamed, lang)))  # fmt: skip
        lines.append(t("gaps.detail.joining", lang, population=int(r["population_if_joined"]),
                       source=population))  # fmt: skip
    else:
        lines.append(t("gaps.detail.no_candidate", lang))
    if len(r["unknown_neighbours"]):
        lines.append(t("gaps.detail.unknown_neighbours", lang,
                       names=_names(r["unknown_neighbours"], names)))  # fmt: skip
    lines.append(t("gaps.detail.map", lang))
    return GapDetail(nis, tuple(lines), candidates, float(rec["lat"]), float(rec["lon"]))
