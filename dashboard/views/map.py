"""What the coverage map shows: commune categories and hover texts, region shading, markers, and
its text summary."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.known import (
    WITH_CELL_MEASURES,
    KnownFigure,
    figure_for,
)
from dashboard.coverage.model import Flag, Status
from dashboard.filters import flag_column
from dashboard.state import ViewState
from dashboard.views.area import area_name, not_selection_text, selection_area
from dashboard.views.data import (
    GEOGRAPHY_OF_REGION,
    REGION_OF_GEOGRAPHY,
    Shown,
    commune_frame,
    flag_texts,
    known_for,
)
from dashboard.views.text import hover_text
from dashboard.views.wording import (
    _labelled,
    _pair,
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
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA_GEOGRAPHY,
)


def status_text(row: dict, lang: str, origin: str = "", illustrative: bool = False) -> str:
    """A commune's status with its source and date: "Own cell — S61, 29 August 2016"; an
    invented one says so first."""
    if illustrative:
        return i18n.t("hover.illustrative_status", lang,
                      status=status_text(row, lang, origin))  # fmt: skip
    label = i18n.status_label(row["status"], lang)
    if row["status"] == Status.UNKNOWN.value and not row.get("source"):
        return label
    if row.get("status_basis") == "implied_by_regional_table":
        label += " " + i18n.t("hover.implied", lang)
    if row.get("status_basis") == "file":
        return i18n.t("hover.status_file", lang, status=label, file=origin or row["source"],
                      date=i18n.format_date(row["status_date"], lang))  # fmt: skip
    sources = str(row.get("source") or "").replace(";", ", ")
    date = i18n.format_date(row["status_date"], lang) if row.get("status_date") else ""
    return i18n.t("hover.status_dated", lang, status=label, source=sources, date=date)


def _hover(row: dict, lang: str, pop_source: str, origin: str, illustrative: bool = False) -> str:
    """A commune's hover text: lines of plain text (a file's name, cell name, sources:
    escaped, :func:`plot_text`) joined with plotly's markup."""
    lines = []
    if lang == "de" and bool(row.get("name_de_fallback", False)):
        lines.append(i18n.t("hover.name_de_fallback", lang))
    lines.append(_pair("hover.status", status_text(row, lang, origin, illustrative), lang))
    if row.get("partial"):
        lines.append(i18n.t("hover.partial", lang))
    if row["status"] == Status.SHARED_CELL.value and row["cell_members"]:
        if row["cell_name"] and not row.get("cell_internal"):
            lines.append(_pair("hover.cell", row["cell_name"], lang))
        lines.append(_pair("hover.members", row["cell_members"], lang))
    population = f"{i18n.format_number(int(row['population']), lang)} ({pop_source})"
    lines.append(_pair("hover.population", population, lang))
    if row["flag_details"]:
        lines.append(_pair("hover.flags", "; ".join(flag_texts(row["flag_details"], lang)), lang))
    if row.get("undated_note"):
        lines.append(i18n.t("hover.undated_zone_cell", lang, source=row["undated_note"],
                            zone=row["police_zone_name"] or row["police_zone"]))  # fmt: skip
    return hover_text(row["name"], lines, f"({row['nis']})")


@lru_cache(maxsize=128)
def commune_hovers(bundle: DataBundle, shown: Shown, lang: str) -> tuple[str, ...]:
    """Every commune's hover text, once per (dataset, date, language): filters do not
    change it."""
    frame = commune_frame(bundle, shown, lang)
    pop_source = population_source(frame, lang)
    return tuple(_hover(r, lang, pop_source, shown.origin, shown.illustrative)
                 for r in frame.to_dict(orient="records"))  # fmt: skip


def region_hover(f: KnownFigure, selected: str, lang: str) -> str:
    lines = [_labelled(i18n.measure_label(f.measure, lang), of_total(f, lang), lang)]
    lines.append(figure_provenance(f, selected, lang))
    lines.append(_labelled(i18n.t("hover.share_computed", lang), share_text(f, lang), lang))
    lines.append(share_basis(f, lang))
    note = dg_note(f, lang)
    if note:
        lines.append(note)
    return hover_text(area_name(f.geography, lang), lines)


def region_figures(bundle: DataBundle, shown: Shown) -> list[KnownFigure]:
    """The with-cell figure known for each region and the German-speaking Community."""
    figures = known_for(bundle, shown)
    out = []
    for geo in (
        FLANDERS_GEOGRAPHY,
        WALLONIA_GEOGRAPHY,
        GERMAN_SPEAKING_GEOGRAPHY,
        BRUSSELS_GEOGRAPHY,
    ):
        f = figure_for(figures, geo, WITH_CELL_MEASURES)
        if f is not None and f.denominators:
            out.append(f)
    return out


@dataclass(frozen=True)
class MapLayers:
    """Everything the coverage map shows, already translated (drawn by
    :mod:`dashboard.figures.map`)."""

    communes: pd.DataFrame  # nis, category (one of CATEGORIES), hover (text)
    regions: pd.DataFrame  # id (02000/03000/04000/DG), share (0-1), hover
    flags: pd.DataFrame  # lon, lat, hover
    unknown_transparent: bool  # public record: let the region shading show through
    region_scale_title: str = ""
    flags_name: str = "flags"
    watermark: str = ""  # e.g. "ILLUSTRATIVE DATA — NOT REAL": drawn inside the figure


def map_layers(
    bundle: DataBundle,
    shown: Shown,
    frame: pd.DataFrame,
    mask: pd.Series,
    state: ViewState,
    lang: str,
) -> MapLayers:
    category = frame["category"].where(mask, "outside")
    hover = commune_hovers(bundle, shown, lang)
    communes = pd.DataFrame({"nis": frame["nis"], "category": category, "hover": hover})

    regions = pd.DataFrame(columns=["id", "share", "hover"])
    if shown.kind == "public":
        shown_regions = region_figures(bundle, shown)
        if state.region:
            wanted = {GEOGRAPHY_OF_REGION[r] for r in state.region if r in GEOGRAPHY_OF_REGION}
            shown_regions = [f for f in shown_regions if f.geography in wanted]
        regions = pd.DataFrame(
            {
                "id": [REGION_OF_GEOGRAPHY[f.geography] for f in shown_regions],
                # Where the share is unclear (Wallonia and the German-speaking communes), the
                # lower one shades the region; the hover gives both.
                "share": [min(s for s, _ in f.shares) for f in shown_regions],
                "hover": [region_hover(f, shown.date_key, lang) for f in shown_regions],
            }
        )

    # The marked communes: in the selection, with the chosen flags (any flag without one).
    flag_columns = [flag_column(str(f)) for f in (state.flag or Flag)]
    marked = mask.to_numpy() & frame[flag_columns].to_numpy(dtype=bool).any(axis=1)
    flags = frame.loc[marked, ["lon", "lat", "flag_hover"]].rename(columns={"flag_hover": "hover"})
    return MapLayers(
        communes=communes,
        regions=regions,
        flags=flags,
        unknown_transparent=shown.kind == "public",
        region_scale_title=region_scale_title(bundle, shown, lang),
        flags_name=i18n.t("legend.flags", lang),
        watermark=i18n.t("map.illustrative_mark", lang) if shown.illustrative else "",
    )


def region_scale_title(bundle: DataBundle, shown: Shown, lang: str) -> str:
    """What the region shading is a share of: the published measure(s), computed."""
    measures = dict.fromkeys(f.measure for f in region_figures(bundle, shown))
    if not measures:
        return i18n.t("timeline.y_short", lang)
    names = " / ".join(i18n.measure_label(m, lang) for m in measures)
    return i18n.t("breakdown.axis_measure", lang, measure=names)


def map_note(bundle: DataBundle, shown: Shown, lang: str) -> list[str]:
    """Under the map: how the public record is drawn, and how Wallonia's figure treats the
    German-speaking communes."""
    if shown.kind != "public":
        return []
    notes = [i18n.t("notice.aggregates_only", lang)]
    wal = next(
        (f for f in region_figures(bundle, shown) if f.geography == WALLONIA_GEOGRAPHY), None
    )
    if wal is not None:
        notes.append(dg_note(wal, lang))
    return notes


def named_counts(sel: pd.DataFrame) -> dict[str, int]:
    """Communes of a selection by what a source says of them (public record)."""
    status = sel["status"]
    return {
        "count": len(sel),
        "named": int((status != Status.UNKNOWN.value).sum()),
        "covered": int(sel["covered"].sum()),
        "planned": int((status == Status.PLANNED.value).sum()),
        "none": int((status == Status.NONE.value).sum()),
        "unknown": int((status == Status.UNKNOWN.value).sum()),
        "partly": int((sel["covered"] & sel["partial"]).sum()),
    }


def map_summary(
    bundle: DataBundle,
    shown: Shown,
    frame: pd.DataFrame,
    mask: pd.Series,
    state: ViewState,
    lang: str,
) -> list[str]:
    """The map's text alternative: the same figure as the key figures, then what the
    commune colours say. One sentence per item."""
    t = i18n.t
    c = named_counts(frame.loc[mask, ["status", "covered", "partial"]])
    if shown.kind != "public":
        share = i18n.format_percent(c["covered"] / c["count"] if c["count"] else math.nan, lang)
        key = "summary.example" if shown.kind == "example" else "summary.file"
        sentences = [t(key, lang, file=shown.origin, date=i18n.format_date(shown.date_key, lang),
                       covered=c["covered"], count=c["count"], share=share, none=c["none"],
                       unknown=c["unknown"])]  # fmt: skip
        if c["partly"]:
            sentences.append(t("summary.partly", lang, count=c["partly"]))
        if shown.illustrative:
            sentences.insert(0, t("notice.illustrative", lang))
        return sentences
    area = selection_area(state)
    f = figure_for(known_for(bundle, shown), area.geography, WITH_CELL_MEASURES)
    sentences = []
    if not area.exact:
        sentences.append(not_selection_text(area, lang))
    if f is None or not f.denominators:
        sentences.append(t("summary.public_none", lang, area=area_name(area.geography, lang),
                           date=i18n.format_date(shown.date_key, lang)))  # fmt: skip
    else:
        sentences.append(t("summary.public", lang, area=area_name(area.geography, lang),
                           figure=of_total(f, lang), share=share_text(f, lang),
                           measure=i18n.measure_label(f.measure, lang),
                           source=figure_source(f, lang),
                           selected=i18n.format_date(shown.date_key, lang)))  # fmt: skip
        sentences += newer_regions(known_for(bundle, shown), f, WITH_CELL_MEASURES, lang)
        note = dg_note(f, lang)
        if note:
            sentences.append(note)
    sentences.append(t("summary.named", lang, selected=i18n.format_date(shown.date_key, lang),
                       named=c["named"], count=c["count"],
                       covered=c["covered"], planned=c["planned"], none=c["none"],
                       unknown=c["unknown"]))  # fmt: skip
    return sentences
