"""The key-figure cards: published figures for the selection's area, or figures computed from a
file."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage import metrics
from dashboard.coverage.known import (
    WITH_CELL_MEASURES,
    KnownFigure,
    figure_for,
    is_later,
)
from dashboard.coverage.model import Status
from dashboard.state import ViewState
from dashboard.views.area import Area, area_name, not_selection_text, selection_area
from dashboard.views.data import Shown, known_for, restrict
from dashboard.views.wording import (
    _file_text,
    _labelled,
    denominator_text,
    dg_note,
    figure_provenance,
    figure_source,
    newer_regions,
    of_total,
    population_source,
    share_basis,
    share_text,
)
from geodata.belgium import (
    BRUSSELS_GEOGRAPHY,
    FLANDERS_GEOGRAPHY,
    WALLONIA_GEOGRAPHY,
)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    value: str
    lines: tuple[str, ...] = ()  # where the value comes from: source and date, or computed
    benchmarks: tuple[str, ...] = ()
    missing: bool = False  # no figure: the value is an explanation, not a number
    tag: str = ""  # "Illustrative" on every card of the example


def _card_label(key: str, area: Area, lang: str) -> str:
    return i18n.t("kpi.area_label", lang, label=i18n.t(key, lang),
                  area=area_name(area.geography, lang))  # fmt: skip


def regional_sum(
    figures: tuple[KnownFigure, ...], f: KnownFigure | None, measure: str
) -> list[KnownFigure] | None:
    """The three regions' figures of ``measure`` when they are all of one source and date,
    later than Belgium's ``f`` (or Belgium has none): their sum is Belgium's latest count."""
    parts = [
        figure_for(figures, geo, measure)
        for geo in (FLANDERS_GEOGRAPHY, WALLONIA_GEOGRAPHY, BRUSSELS_GEOGRAPHY)
    ]
    if any(p is None for p in parts):
        return None
    keys = {(p.source_id, p.as_of) for p in parts}  # type: ignore[union-attr]
    if len(keys) != 1 or (f is not None and not is_later(parts[0], f)):  # type: ignore[arg-type]
        return None
    return parts  # type: ignore[return-value]


def _other_figures(bundle: DataBundle, f: KnownFigure, lang: str) -> list[str]:
    """Other sources' figures for the same area and measure (a conflict), briefly."""
    return [
        i18n.t("kpi.other_figure", lang, value=i18n.format_number(x.value, lang),
               source=figure_source(x, lang))
        for x in f.superseded
    ] + [
        i18n.t("kpi.other_figure", lang, value=i18n.format_number(int(r.value), lang),
               source=f"{r.source_id}, {i18n.format_date(r.as_of, lang)}")
        for src in dict.fromkeys(x for x in (f.conflict_with + ";" + f.other_sources).split(";")
                                 if x)
        for r in _snapshot_rows(bundle, src, f).itertuples()
    ]  # fmt: skip


def _snapshot_rows(bundle: DataBundle, source: str, f: KnownFigure) -> pd.DataFrame:
    snaps = bundle.record.snapshots
    return snaps[(snaps["source_id"] == source) & (snaps["geography"] == f.geography)
                 & (snaps["measure"] == f.measure)]  # fmt: skip


def _public_cards(bundle: DataBundle, shown: Shown, state: ViewState, lang: str) -> list[KeyFigure]:
    t = i18n.t
    figures = known_for(bundle, shown)
    area = selection_area(state)
    geo = area.geography
    nearest = () if area.exact else (t("area.nearest_short", lang),)
    selected = shown.date_key

    def bench(measure_set: tuple[str, ...], render) -> tuple[str, ...]:
        if geo == "BE":
            return ()
        b = figure_for(figures, "BE", measure_set)
        if b is None:
            return ()
        return (_labelled(area_name("BE", lang), f"{render(b)} ({figure_source(b, lang)})",
                          lang),)  # fmt: skip

    def missing_card(label: str) -> KeyFigure:
        return KeyFigure(label, t("kpi.no_figure", lang),
                         (t("kpi.none_on_or_before", lang, date=i18n.format_date(selected, lang)),
                          *nearest), missing=True)  # fmt: skip

    def label(key: str, **params) -> str:
        return i18n.t("kpi.area_label", lang, label=t(key, lang, **params),
                      area=area_name(geo, lang))  # fmt: skip

    number = lambda f: i18n.format_number(f.value, lang)  # noqa: E731
    cards = []
    cells = figure_for(figures, geo, "cells")
    if cells is None:
        cards.append(missing_card(label("kpi.cells")))
    else:
        cards.append(KeyFigure(
            label("kpi.cells"), number(cells),
            (figure_provenance(cells, selected, lang), *_other_figures(bundle, cells, lang),
             *newer_regions(figures, cells, ("cells",), lang), *nearest),
            bench(("cells",), number),
        ))  # fmt: skip
    with_cell = figure_for(figures, geo, WITH_CELL_MEASURES)
    if with_cell is None or not with_cell.denominators:
        cards.append(missing_card(label("kpi.communes_covered")))
        cards.append(missing_card(label("kpi.share_communes")))
    else:
        measure = i18n.measure_label(with_cell.measure, lang)
        cards.append(KeyFigure(
            i18n.t("kpi.area_label", lang, label=measure, area=area_name(geo, lang)),
            of_total(with_cell, lang),
            (figure_provenance(with_cell, selected, lang),
             *_other_figures(bundle, with_cell, lang),
             *newer_regions(figures, with_cell, WITH_CELL_MEASURES, lang), *nearest),
            bench(WITH_CELL_MEASURES, lambda b: of_total(b, lang)),
        ))  # fmt: skip
        cards.append(KeyFigure(
            label("kpi.share_of", measure=measure), share_text(with_cell, lang),
            (share_basis(with_cell, lang), figure_source(with_cell, lang),
             *filter(None, [dg_note(with_cell, lang)]), *nearest),
            bench(WITH_CELL_MEASURES, lambda b: share_text(b, lang)),
        ))  # fmt: skip
    cards.append(_without_card(bundle, figures, with_cell, geo, selected, lang, label, nearest,
                               bench, missing_card))  # fmt: skip
    cards.append(KeyFigure(label("kpi.share_population"), t("kpi.population_not_computable", lang),
                           nearest, missing=True))  # fmt: skip
    return cards


def _without_card(bundle, figures, with_cell, geo, selected, lang, label, nearest, bench,
                  missing_card) -> KeyFigure:  # fmt: skip
    """Communes without a cell: published, or for Belgium the sum of the three regions'
    later figures of one source and date (computed, said so)."""
    t = i18n.t
    without = figure_for(figures, geo, "communes_without_cell")
    parts = regional_sum(figures, without, "communes_without_cell") if geo == "BE" else None
    number = lambda f: i18n.format_number(f.value, lang)  # noqa: E731
    if parts is not None:
        lines = [t("kpi.regional_sum", lang,
                   parts=" + ".join(number(p) for p in parts),
                   areas=", ".join(area_name(p.geography, lang) for p in parts),
                   source=figure_source(parts[0], lang))]  # fmt: skip
        lines += filter(None, [dg_note(parts[1], lang, shares=False)])
        if without is not None:
            lines.append(t("kpi.belgium_published", lang, value=number(without),
                           source=figure_source(without, lang)))  # fmt: skip
        return KeyFigure(
            label("kpi.communes_without"),
            i18n.format_number(sum(p.value for p in parts), lang),
            tuple(lines),
        )
    if without is None:
        return missing_card(label("kpi.communes_without"))
    lines = [figure_provenance(without, selected, lang), *_other_figures(bundle, without, lang)]
    if with_cell is not None and (with_cell.source_id, with_cell.as_of) == (
            without.source_id, without.as_of) and len(with_cell.denominators) == 1:  # fmt: skip
        total = with_cell.denominators[0].value
        lines.append(t("kpi.not_reported", lang, value=total - with_cell.value - without.value,
                       total=total, covered=with_cell.value, without=without.value,
                       source=without.source_id,
                       basis=denominator_text(with_cell, 0, lang)))  # fmt: skip
    elif with_cell is not None:
        lines.append(t("kpi.different_dates", lang, source=figure_source(with_cell, lang)))
    lines += newer_regions(figures, without, ("communes_without_cell",), lang)
    return KeyFigure(label("kpi.communes_without"), number(without), (*lines, *nearest),
                     bench(("communes_without_cell",), number))  # fmt: skip


def file_stats(shown: Shown, sub: pd.DataFrame) -> dict:
    """Counts of a file's selection, computed by :func:`metrics.coverage_metrics`."""
    snapshot = restrict(shown.snapshot, set(sub["nis"]))
    m = metrics.coverage_metrics(snapshot, sub, levels=("country",))
    row = m.iloc[0] if len(m) else None
    pop = sub["population"].astype("int64")
    return {
        "cells": int(row["cells"]) if row is not None else 0,
        "unidentified": int(row["communes_cell_unidentified"]) if row is not None else 0,
        "covered": int(sub["covered"].sum()),
        "partly": int((sub["covered"] & sub["partial"]).sum()),
        "none": int((sub["status"] == Status.NONE.value).sum()),
        "unknown": int((sub["status"] == Status.UNKNOWN.value).sum()),
        "total": len(sub),
        "share": sub["covered"].mean() if len(sub) else math.nan,
        "pop_share": (pop[sub["covered"]].sum() / pop.sum()) if pop.sum() else math.nan,
    }


def _file_cards(
    shown: Shown, frame: pd.DataFrame, mask: pd.Series, state: ViewState, lang: str
) -> list[KeyFigure]:
    t = i18n.t
    sel = frame[mask]
    s = file_stats(shown, sel)
    be = file_stats(shown, frame)
    regions = sorted(set(sel["region"])) if len(sel) else []
    reg = file_stats(shown, frame[frame["region"] == regions[0]]) if len(regions) == 1 else None
    reg_name = i18n.region_label(regions[0], lang) if reg else ""
    origin = _file_text("kpi.computed_from", shown, lang)
    tag = t("kpi.illustrative_tag", lang) if shown.illustrative else ""
    whole = bool(mask.all())
    label_area = Area("BE", True) if whole else None

    def label(key: str) -> str:
        if label_area is not None:
            return _card_label(key, label_area, lang)
        return t("kpi.area_label", lang, label=t(key, lang), area=t("kpi.selection", lang))

    def bench(key: str, fmt) -> tuple[str, ...]:
        if whole:  # the selection is Belgium: nothing to compare with
            return ()
        out = []
        if reg is not None:
            out.append(_labelled(reg_name, fmt(reg[key]), lang))
        out.append(_labelled(t("kpi.belgium", lang), fmt(be[key]), lang))
        return tuple(out)

    num = lambda v: i18n.format_number(v, lang)  # noqa: E731
    p = lambda v: i18n.format_percent(v, lang)  # noqa: E731
    of = lambda d: t("kpi.covered_of_total", lang, covered=d["covered"], total=d["total"])  # noqa: E731
    cell_lines = [origin]
    if s["unidentified"]:
        cell_lines.append(t("kpi.cells_unidentified", lang, count=s["unidentified"]))
    covered_lines = [origin]
    if s["partly"]:
        covered_lines.append(t("kpi.partly", lang, count=s["partly"]))
    pop_lines = [t("kpi.population_basis", lang, count=s["total"],
                   source=population_source(sel if len(sel) else frame, lang)), origin]  # fmt: skip
    return [
        KeyFigure(label("kpi.cells"), num(s["cells"]), tuple(cell_lines),
                  bench("cells", num), tag=tag),
        KeyFigure(label("kpi.communes_covered"), of(s), tuple(covered_lines),
                  bench("covered", num), tag=tag),
        KeyFigure(label("kpi.share_communes"), p(s["share"]),
                  (t("kpi.share_file", lang, covered=s["covered"], total=s["total"]), origin),
                  bench("share", p), tag=tag),
        KeyFigure(label("kpi.communes_without"), num(s["none"]),
                  (t("kpi.unknown_in_file", lang, count=s["unknown"]), origin),
                  bench("none", num), tag=tag),
        KeyFigure(label("kpi.share_population"), p(s["pop_share"]), tuple(pop_lines),
                  bench("pop_share", p), tag=tag),
    ]  # fmt: skip


def key_figures(
    bundle: DataBundle,
    shown: Shown,
    frame: pd.DataFrame,
    mask: pd.Series,
    state: ViewState,
    lang: str,
) -> tuple[list[KeyFigure], str]:
    """The strip: (figures, as-of line)."""
    if shown.kind == "public":
        as_of = i18n.t("kpi.as_of_known", lang, date=i18n.format_date(shown.date_key, lang))
        area = selection_area(state)
        if not area.exact:
            as_of = f"{not_selection_text(area, lang)} {as_of}"
        return _public_cards(bundle, shown, state, lang), as_of
    as_of = _file_text("kpi.as_of", shown, lang)
    return _file_cards(shown, frame, mask, state, lang), as_of
