"""The breakdown by region, province, arrondissement or police zone: table, chart, notes, drill-
down, reconciliation."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage import metrics
from dashboard.coverage.known import (
    WITH_CELL_MEASURES,
    KnownFigure,
    figure_for,
)
from dashboard.coverage.reconcile import reconcile
from dashboard.filters import PROVINCES
from dashboard.state import ViewState
from dashboard.views.area import area_name
from dashboard.views.data import REGION_OF_GEOGRAPHY, STATUS_ORDER, Shown, known_for, restrict
from dashboard.views.key_figures import _snapshot_rows
from dashboard.views.map import region_figures, region_scale_title
from dashboard.views.wording import (
    _file_text,
    dg_note,
    figure_source,
    population_source,
    share_basis,
    share_text,
)
from geodata.belgium import (
    BRUSSELS,
    BRUSSELS_GEOGRAPHY,
    FLANDERS,
    FLANDERS_GEOGRAPHY,
    GERMAN_SPEAKING,
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA,
    WALLONIA_GEOGRAPHY,
)

BREAKDOWN_COLUMNS = ("label", "cells", "communes", "own_cell", "shared_cell", "planned", "none",
                     "unknown", "share_communes", "share_population")  # fmt: skip


def conflict_notes(bundle: DataBundle, figures: Iterable[KnownFigure], lang: str) -> list[str]:
    """A note for every shown figure another source contradicts (same date or not), and for
    every figure published for the date but not shown (a later or more precise one is), each
    with its value, source and date."""
    notes = []
    for f in figures:
        others = [x for x in f.conflict_with.split(";") if x]
        others += [x for x in f.other_sources.split(";") if x]
        for src in dict.fromkeys(others):
            hit = _snapshot_rows(bundle, src, f)
            if hit.empty:
                continue
            said = ", ".join(
                f"{i18n.format_number(v, lang)} ({i18n.format_date(d, lang)})"
                for v, d in zip(hit["value"], hit["as_of"], strict=True)
            )
            notes.append(
                i18n.t("notice.sources_disagree", lang,
                       a=f"{f.source_id} ({i18n.format_number(f.value, lang)}, "
                         f"{i18n.format_date(f.as_of, lang)})",
                       b=src, value=said)
                + f" — {area_name(f.geography, lang)}, {i18n.measure_label(f.measure, lang)}"
            )  # fmt: skip
        passed_over = [(x.value, figure_source(x, lang), x.restates) for x in f.superseded]
        for x in f.superseded:  # the other sources of the same date as a passed-over figure
            for src in [y for y in x.other_sources.split(";") if y]:
                rows = _snapshot_rows(bundle, src, f)
                for r in rows[rows["as_of"] == x.as_of].itertuples():
                    passed_over.append((int(r.value), f"{src}, {i18n.format_date(r.as_of, lang)}",
                                        ""))  # fmt: skip
        for value, source, restates in passed_over:
            repeats = (" " + i18n.t("notice.repeats", lang, date=i18n.format_date(restates, lang))
                       if restates else "")  # fmt: skip
            notes.append(i18n.t(
                "notice.superseded", lang, area=area_name(f.geography, lang),
                measure=i18n.measure_label(f.measure, lang),
                value=i18n.format_number(value, lang), source=source, repeats=repeats,
                shown=i18n.format_number(f.value, lang),
                shown_source=figure_source(f, lang)))  # fmt: skip
    return notes


def different_dates_notes(figures: tuple[KnownFigure, ...], lang: str) -> list[str]:
    """An area whose counts of communes with and without a cell are of different sources or
    dates: they must not be added up, and the page says so."""
    out = []
    for geo in (
        "BE",
        FLANDERS_GEOGRAPHY,
        WALLONIA_GEOGRAPHY,
        GERMAN_SPEAKING_GEOGRAPHY,
        BRUSSELS_GEOGRAPHY,
    ):
        with_cell = figure_for(figures, geo, WITH_CELL_MEASURES)
        without = figure_for(figures, geo, "communes_without_cell")
        if with_cell and without and (with_cell.source_id, with_cell.as_of) != (
                without.source_id, without.as_of):  # fmt: skip
            out.append(i18n.t("breakdown.different_dates", lang, area=area_name(geo, lang),
                              a=f"{i18n.format_number(with_cell.value, lang)} "
                                f"({figure_source(with_cell, lang)})",
                              b=f"{i18n.format_number(without.value, lang)} "
                                f"({figure_source(without, lang)})"))  # fmt: skip
    return out


def published_rows(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """Every published figure known on the selected date, one row each, with its own
    source and date (the breakdown's table for the public record)."""
    rows = []
    for f in known_for(bundle, shown):
        rows.append({
            "geography": f.geography,
            "area": area_name(f.geography, lang),
            "measure": i18n.measure_label(f.measure, lang),
            "measure_code": f.measure,
            "value": f.value,
            "share": share_text(f, lang) if f.denominators else "",
            "share_basis": share_basis(f, lang) if f.denominators else "",
            "date": i18n.format_date(f.as_of, lang),
            "source": f.source_id,
            "when": i18n.t("breakdown.current" if f.current else "breakdown.earlier", lang),
            "current": f.current,
        })  # fmt: skip
    return pd.DataFrame(rows)


def breakdown_table(
    bundle: DataBundle, shown: Shown, frame: pd.DataFrame, mask: pd.Series, level: str, lang: str
) -> tuple[pd.DataFrame, list[str]]:
    """Rows of the breakdown table and notes (conflicts, the German-speaking communes,
    published-only)."""
    notes: list[str] = []
    if shown.kind == "public":
        figures = known_for(bundle, shown)
        notes += conflict_notes(bundle, figures, lang)
        for f in figures:
            note = dg_note(f, lang)
            if note and note not in notes:
                notes.append(note)
        notes += different_dates_notes(figures, lang)
        if level != "region":
            notes.insert(0, i18n.t("breakdown.published_only", lang))
        return published_rows(bundle, shown, lang), notes

    sel_frame = frame[mask]
    snapshot = restrict(shown.snapshot, set(sel_frame["nis"]))
    # The German-speaking Community is reported apart in published figures.
    levels = (level, "community") if level == "region" else (level,)
    m = metrics.coverage_metrics(snapshot, sel_frame, levels=levels)
    m = m[m["unit"] != ""]
    units = bundle.vintages[shown.vintage].units.set_index("code")
    label_col = f"name_{lang}" if lang != "en" else "name_fr"

    def label(level_: str, unit: str, name: str) -> str:
        if level_ in ("region", "community"):
            return i18n.region_label(
                GERMAN_SPEAKING if unit == GERMAN_SPEAKING_GEOGRAPHY else unit, lang
            )
        if level_ == "province":
            return i18n.province_label(unit, lang) if unit else i18n.region_label(BRUSSELS, lang)
        if level_ == "arrondissement" and unit in units.index:
            return str(units.at[unit, label_col])
        return name or unit

    table = pd.DataFrame({
        "unit": m["unit"],
        "label": [label(lv, u, n) for lv, u, n in zip(m["level"], m["unit"], m["unit_name"],
                                                        strict=True)],
        "cells": m["cells"],
        "communes": m["communes"],
        "own_cell": m["communes_own_cell"],
        "shared_cell": m["communes_shared_cell"],
        "partly_covered": m["communes_partly_covered"],
        "planned": m["communes_planned"],
        "none": m["communes_none"],
        "unknown": m["communes_unknown"],
        "share_communes": m["share_communes_covered"],
        "share_population": m["share_population_covered"],
    })  # fmt: skip
    table = table.sort_values(["share_communes", "label"], ascending=[False, True])
    table.attrs["origin"] = _file_text("kpi.computed_from", shown, lang)
    if level == "region" and (m["level"] == "community").any() and WALLONIA in set(m["unit"]):
        notes.append(i18n.t("breakdown.dg_in_wal", lang))
    notes.append(_file_text("breakdown.file_note", shown, lang,
                            population=population_source(frame, lang)))  # fmt: skip
    return table.reset_index(drop=True), notes


def breakdown_chart_frame(
    bundle: DataBundle, table: pd.DataFrame, shown: Shown, lang: str
) -> pd.DataFrame:
    if shown.kind == "public":
        figures = region_figures(bundle, shown)
        return pd.DataFrame({
            "label": [f"{area_name(f.geography, lang)} · {figure_source(f, lang)}"
                      for f in figures],
            "share": [min(s for s, _ in f.shares) for f in figures],
            "text": [share_text(f, lang) for f in figures],
            "unit": [REGION_OF_GEOGRAPHY[f.geography] for f in figures],
        })  # fmt: skip
    if table.empty:
        return table
    out = pd.DataFrame({"label": table["label"], "unit": table["unit"]})
    for cat in ("own_cell", "shared_cell", "planned", "none", "unknown"):
        out[cat] = table[cat] / table["communes"]
    out["covered_share"] = table["share_communes"]
    out.attrs["legend"] = {c: i18n.status_label(c, lang) for c in STATUS_ORDER}
    return out


def breakdown_axis_title(bundle: DataBundle, shown: Shown, lang: str) -> str:
    """The bar chart's value axis: the published measure(s) the shares are computed from
    (each bar names its source and date), or the file on screen (with its date)."""
    if shown.kind == "public":
        return region_scale_title(bundle, shown, lang)
    return _file_text("breakdown.axis", shown, lang)


def breakdown_title(shown: Shown, lang: str) -> str:
    if shown.illustrative:
        return i18n.t("breakdown.title_illustrative", lang)
    if shown.kind == "public":
        return i18n.t("breakdown.title_public", lang)
    return i18n.t("breakdown.title_file", lang, file=shown.origin)


def drill_down(state: ViewState, unit: str | None) -> ViewState | None:
    """Clicking a bar: a region opens its provinces, a province its arrondissements."""
    if not unit:
        return None
    if state.level == "region" and unit in (
        FLANDERS,
        WALLONIA,
        BRUSSELS,
        GERMAN_SPEAKING,
        GERMAN_SPEAKING_GEOGRAPHY,
    ):
        region = GERMAN_SPEAKING if unit == GERMAN_SPEAKING_GEOGRAPHY else unit
        level = "arrondissement" if region == BRUSSELS else "province"  # Brussels: no province
        return state.replace(region=(region,), level=level)
    if state.level == "province" and unit in PROVINCES:
        return state.replace(province=(unit,), level="arrondissement")
    if state.level == "arrondissement":
        return state.replace(level="police_zone")
    return None


def drill_options(state: ViewState, chart: pd.DataFrame) -> list[dict]:
    """The bars of the breakdown chart that a click opens, as choices (bar label, unit):
    the same drill-down by keyboard, in the chart's order from the top bar down."""
    if chart.empty or "unit" not in chart:
        return []
    share = "covered_share" if "covered_share" in chart else "share"
    rows = chart.sort_values([share, "label"], ascending=[False, True])
    return [{"label": label, "value": unit}
            for label, unit in zip(rows["label"], rows["unit"], strict=True)
            if drill_down(state, unit) is not None]  # fmt: skip


def reconciliation(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """A file against the published figures known on its date (each with its own date)."""
    if shown.kind == "public":
        return pd.DataFrame()
    figures = known_for(bundle, shown)
    communes = bundle.vintages[shown.vintage].communes
    rec = reconcile(shown.snapshot, communes, bundle.record, figures=figures)
    dates = {(f.geography, f.measure): f for f in figures}
    rows = []
    for r in rec.frame.itertuples():
        f = dates.get((r.geography, r.measure))
        rows.append({
            "area": area_name(r.geography, lang),
            "measure": i18n.measure_label(r.measure, lang),
            "published": (f"{i18n.format_number(r.published_value, lang)} ("
                          + (figure_source(f, lang) if f else r.source_id) + ")"),
            "file": (i18n.format_number(int(r.snapshot_value), lang)
                     if r.comparable else i18n.t("reconcile.not_compared", lang)),
            "difference": (f"{int(r.difference):+d}" if r.comparable and r.difference else
                           "0" if r.comparable else ""),
            "note": dg_note(f, lang, shares=False) if f else "",
        })  # fmt: skip
    return pd.DataFrame(rows)


def breakdown_columns(table: pd.DataFrame, shown: Shown, lang: str) -> list[tuple[str, str]]:
    """(field, header) of the breakdown table's columns: the page's table
    (``dashboard.layout.components.build_breakdown_table``) and the slide deck's. Public
    record: one row per published figure with its source and date; a file: one row per area,
    without the partly-covered column when no commune is."""
    t = i18n.t
    if shown.kind == "public":
        return [
            ("area", t("table.level", lang)),
            ("measure", t("breakdown.col.measure", lang)),
            ("value", t("breakdown.col.figure", lang)),
            ("share", t("breakdown.col.share", lang)),
            ("date", t("breakdown.col.date", lang)),
            ("source", t("table.source", lang)),
            ("when", t("breakdown.col.when", lang)),
            ("share_basis", t("breakdown.col.basis", lang)),
        ]
    columns = [
        ("label", t("table.level", lang)),
        ("cells", t("table.cells", lang)),
        ("communes", t("table.communes", lang)),
        ("own_cell", t("table.own", lang)),
        ("shared_cell", t("table.shared", lang)),
        ("partly_covered", t("breakdown.col.partly", lang)),
        ("planned", t("table.planned", lang)),
        ("none", t("table.none", lang)),
        ("unknown", t("table.unknown", lang)),
        ("share_communes", t("table.share_communes", lang)),
        ("share_population", t("table.share_population", lang)),
    ]
    if not table.empty and not table["partly_covered"].any():
        columns = [c for c in columns if c[0] != "partly_covered"]
    return columns
