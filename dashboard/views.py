"""View models: what each part of the page shows, computed from the bundle and the view
state. Pure (no dash, no plotly): callbacks call these and hand the results to figures
and components.

Truth rules every function here keeps (``data/public_record/SCHEMA.md``):

- a published figure is shown with its own source id and date; on a selected date the
  figures published for it are shown, and for everything else the latest figure known on
  it (:mod:`dashboard.coverage.known`), each saying so;
- a number the app computes (a share, a sum, a population share) says it is computed and
  from what, with the date of what it is computed from;
- a selection no published figure describes (a province, two regions, a status or
  programme filter, a population band) says so and names the nearest published area;
- a commune status comes from a source (with its date) or the file on screen, else it is
  unknown; the illustrative example says so on every part of the page.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage import metrics
from dashboard.coverage.known import (
    COMMUNE_COUNT_MEASURES,
    WITH_CELL_MEASURES,
    KnownFigure,
    figure_for,
    figures_published_for,
    geography_counts,
    is_later,
    known_figures,
)
from dashboard.coverage.model import Flag, MembershipSnapshot, Status
from dashboard.coverage.public_record import (
    commune_flags,
    period_start,
    public_snapshot,
    resolve_published_date,
    undated_facts,
)
from dashboard.coverage.reconcile import reconcile
from dashboard.filters import FILTERS, PROVINCES, active_reasons, flag_column, selection_mask
from dashboard.state import ViewState
from geodata import belgium
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

REGIONS = belgium.REGIONS
GEOGRAPHY_OF_REGION = belgium.GEOGRAPHY_OF_REGION
REGION_OF_GEOGRAPHY = belgium.REGION_OF_GEOGRAPHY
STATUS_ORDER = tuple(s.value for s in Status)
SOURCE_ID = re.compile(r"S\d{2,}")
#: The map's category for a merged commune only some of whose former communes are covered.
PARTLY_COVERED = "partly_covered"


# ----------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Shown:
    """The dataset on screen for one view."""

    kind: str  # "public" | "example" | "upload"
    date_key: str  # the published date key (public) or the file's ISO date
    as_of: dt.date
    vintage: str
    snapshot: MembershipSnapshot
    illustrative: bool
    published_key: str | None  # public: the selected date key; files: None

    @property
    def origin(self) -> str:
        """The file's name (example or upload); empty for the public record."""
        return "" if self.kind == "public" else self.snapshot.source


def shown_data(
    bundle: DataBundle, kind: str, date_key: str | None, upload: MembershipSnapshot | None
) -> Shown:
    record = bundle.record
    if kind == "example" and bundle.example is not None:
        snap = with_public_flags(bundle, bundle.example)
        return Shown("example", snap.as_of.isoformat(), snap.as_of, snap.vintage, snap, True,
                     None)  # fmt: skip
    if kind == "upload" and upload is not None:
        upload = with_public_flags(bundle, upload)
        return Shown("upload", upload.as_of.isoformat(), upload.as_of, upload.vintage, upload,
                     upload.illustrative, None)  # fmt: skip
    pub = resolve_published_date(record, date_key) if date_key else default_date(bundle)
    vintage = geodata.vintage_for_date(pub.date).key
    snap = _public_snapshot(bundle, pub.key, vintage)
    return Shown("public", pub.key, pub.date, vintage, snap, False, pub.key)


def default_date(bundle: DataBundle):
    """The date the app opens on: the latest published date (with every region's latest
    figure known on it, each with its own date)."""
    return bundle.record.published_dates()[-1]


@lru_cache(maxsize=64)
def _public_snapshot(bundle: DataBundle, key: str, vintage: str) -> MembershipSnapshot:
    pub = resolve_published_date(bundle.record, key)
    communes = bundle.vintages[vintage].communes
    return public_snapshot(bundle.record, pub.date, communes, crosswalk=bundle.crosswalk,
                           vintage=vintage)  # fmt: skip


def with_public_flags(bundle: DataBundle, snap: MembershipSnapshot) -> MembershipSnapshot:
    """A file's snapshot with the programme flags the public record gives for its date
    (the flags are public facts with their sources, whatever the membership data)."""
    if snap.flags:
        return snap
    known = set(bundle.vintages[snap.vintage].communes["nis"])
    flags = commune_flags(bundle.record, snap.as_of, snap.vintage, bundle.crosswalk, known)
    return dataclasses.replace(snap, flags=flags)


@lru_cache(maxsize=8)
def counts_by_vintage(bundle: DataBundle) -> dict[str, dict[str, int]]:
    return {k: geography_counts(v.communes) for k, v in bundle.vintages.items()}


@lru_cache(maxsize=64)
def known(bundle: DataBundle, key: str) -> tuple[KnownFigure, ...]:
    """The published figures known on the published date ``key`` (each with its date)."""
    return known_figures(bundle.record, key, counts_by_vintage(bundle),
                         lambda d: geodata.vintage_for_date(d).key)  # fmt: skip


def known_for(bundle: DataBundle, shown: Shown) -> tuple[KnownFigure, ...]:
    """Public: the figures known on the selected date. A file: the figures known on the
    file's date (what it is compared with)."""
    if shown.published_key:
        return known(bundle, shown.published_key)
    return known_on_day(bundle, shown.as_of)


def known_on_day(bundle: DataBundle, day: dt.date) -> tuple[KnownFigure, ...]:
    """The figures known on any day: those of the latest published date on or before it."""
    before = [d for d in bundle.record.published_dates() if d.date <= day]
    if not before:
        return ()
    return tuple(dataclasses.replace(f, current=False) for f in known(bundle, before[-1].key))


def population_for(communes: pd.DataFrame, day: dt.date) -> tuple[pd.Series, str, str]:
    """The population nearest to ``day`` among the division's population columns
    (``population_YYYY``): (values, its ISO date, note such as "summed")."""
    years = sorted(int(c.split("_")[1]) for c in communes.columns
                   if re.fullmatch(r"population_\d{4}", c))  # fmt: skip
    if not years:
        return communes["population"], str(communes["population_date"].iloc[0]), ""
    year = min(years, key=lambda y: (abs((dt.date(y, 1, 1) - day).days), y))
    note = str(communes["population_note"].iloc[0]) if "population_note" in communes else ""
    return communes[f"population_{year}"], f"{year}-01-01", note


def commune_frame(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """One row per commune of the vintage: attributes, status (with its date, source and
    basis), cell, flags (with theirs), population of the year nearest the data's date.

    Computed once per (dataset, date, language) and shared: callers never modify it."""
    return _commune_frame(bundle, shown, lang)


@lru_cache(maxsize=128)
def _commune_frame(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    communes = bundle.vintages[shown.vintage].communes
    frame = metrics.status_frame(shown.snapshot, communes)
    population, pop_date, pop_note = population_for(communes, shown.as_of)
    frame["population"] = population.astype("int64").to_numpy()
    frame["population_date"] = pop_date
    frame["population_note"] = pop_note
    by_nis = shown.snapshot.as_mapping()
    names = {
        row["nis"]: belgium.display_name(row, lang) for row in communes.to_dict(orient="records")
    }
    frame["name"] = frame["nis"].map(names)
    cells = {c.cell_id: c for c in shown.snapshot.cells}
    frame["cell_members"] = [
        ", ".join(names.get(m, m) for m in cells[c].members) if c in cells else ""
        for c in frame["cell_id"]
    ]
    frame["cell_name"] = [cells[c].name if c in cells else "" for c in frame["cell_id"]]
    # The public record's cells carry our own ids (PZ5287-FAGNES), not names a source gives.
    frame["cell_internal"] = shown.kind == "public"
    public = shown.kind == "public"
    frame["source"] = [
        (by_nis[n].source if public else shown.origin) if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_date"] = [
        (by_nis[n].date if public else shown.date_key) if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_basis"] = [
        (by_nis[n].basis if public else "file") if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_comment"] = [by_nis[n].comment if n in by_nis else "" for n in frame["nis"]]
    flags: dict[str, list] = {}
    for f in shown.snapshot.flags:
        flags.setdefault(f.nis, []).append(f)
    frame["flags"] = [tuple(sorted({f.flag.value for f in flags.get(n, [])})) for n in frame["nis"]]
    for flag in Flag:  # one boolean column per flag, for the filters' vectorised masks
        frame[flag_column(flag.value)] = [flag.value in fl for fl in frame["flags"]]
    frame["flag_details"] = [
        tuple(sorted({(f.flag.value, f.source, f.date) for f in flags.get(n, [])}))
        for n in frame["nis"]
    ]
    frame["category"] = [
        PARTLY_COVERED if partial and covered else status
        for status, partial, covered in zip(frame["status"], frame["partial"], frame["covered"],
                                            strict=True)
    ]  # fmt: skip
    frame["flag_hover"] = [
        f"<b>{n}</b><br>" + "<br>".join(flag_texts(details, lang)) if details else ""
        for n, details in zip(frame["name"], frame["flag_details"], strict=True)
    ]
    zone_notes = _undated_zone_notes(bundle)
    frame["undated_note"] = frame["police_zone"].map(lambda z: zone_notes.get(str(z), ""))
    return frame


def _undated_zone_notes(bundle: DataBundle) -> dict[str, str]:
    """Police zone -> source id of an undated fact about a zone-level cell."""
    return {f.police_zone: f.source_id for f in undated_facts(bundle.record) if f.police_zone}


def selection(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None
) -> tuple[Shown, pd.DataFrame, pd.Series]:
    """The data a view shows: the dataset, its commune frame, and the filters' mask."""
    shown = shown_data(bundle, state.dataset, state.date, upload)
    frame = commune_frame(bundle, shown, state.lang)
    return shown, frame, filter_mask(frame, state)


def filter_mask(frame: pd.DataFrame, state: ViewState) -> pd.Series:
    """Communes in the selection: every filter of :data:`dashboard.filters.FILTERS`."""
    values = {f.field: getattr(state, f.field) for f in FILTERS}
    return pd.Series(selection_mask(frame, values), index=frame.index)


# ----------------------------------------------------------------------------- the area


@dataclass(frozen=True)
class Area:
    """The published geography a selection is, or the nearest one containing it."""

    geography: str  # BE, BE-VLG, BE-WAL, BE-BRU, BE-DG
    exact: bool  # the selection is exactly this geography
    reasons: tuple[str, ...] = ()  # filters no published figure follows


def selection_area(state: ViewState) -> Area:
    """Published figures exist for Belgium, the three regions and the German-speaking
    Community only. Any other selection gets the smallest of those containing it."""
    reasons: list[str] = []
    regions = set(state.region)
    if WALLONIA in regions:
        regions.discard(GERMAN_SPEAKING)  # the German-speaking Community lies in Wallonia
    if state.province:
        reasons.append("province")
        regions = {PROVINCES[p] for p in state.province if p in PROVINCES} or regions
    if len(regions) > 1:
        reasons.append("regions")
    reasons += active_reasons({f.field: getattr(state, f.field) for f in FILTERS})
    geo = GEOGRAPHY_OF_REGION[next(iter(regions))] if len(regions) == 1 else "BE"
    if state.province and geo == GERMAN_SPEAKING_GEOGRAPHY:
        geo = WALLONIA_GEOGRAPHY
    return Area(geo, not reasons, tuple(dict.fromkeys(reasons)))


def area_name(geo: str, lang: str) -> str:
    return i18n.region_label(geo, lang)


def not_selection_text(area: Area, lang: str) -> str:
    reasons = ", ".join(i18n.t(f"area.reason.{r}", lang) for r in area.reasons)
    return i18n.t("area.not_selection", lang, reasons=reasons, area=area_name(area.geography,
                                                                              lang))  # fmt: skip


# ----------------------------------------------------------------------------- wording


def figure_source(f: KnownFigure, lang: str) -> str:
    """ "S01, 15 June 2019" (with the publication date when it differs)."""
    text = f"{f.source_id}, {i18n.format_date(f.as_of, lang)}"
    if f.published and f.published != f.as_of:
        text += ", " + i18n.t("fig.published_on", lang, date=i18n.format_date(f.published, lang))
    return text


def figure_provenance(f: KnownFigure, selected: str, lang: str) -> str:
    """Published for the selected date, or the latest known before it; source and date."""
    if f.current:
        return i18n.t("fig.published_for_date", lang, source=figure_source(f, lang))
    return i18n.t("fig.latest_known", lang, source=figure_source(f, lang),
                  selected=i18n.format_date(selected, lang))  # fmt: skip


def denominator_text(f: KnownFigure, index: int, lang: str) -> str:
    d = f.denominators[index]
    params = {"value": d.value, "area": area_name(f.geography, lang)}
    if d.basis == "stated":
        return i18n.t("den.stated", lang, source=d.source_id, **params)
    if d.basis == "division":
        return i18n.t("den.division", lang, period=division_period(d.vintage), **params)
    return i18n.t(f"den.{d.basis}", lang, **params)


def division_period(vintage: str) -> str:
    """ "2019–2024", "1977–2018", "2025–" """
    v = geodata.get_vintage(vintage)
    end = v.valid_to.year if v.valid_to else ""
    return f"{v.valid_from.year}–{end}"


def of_total(f: KnownFigure, lang: str) -> str:
    """ "382 of 581 communes"; "191 of 262 or 253 communes" where the denominator is unclear."""
    dens = [i18n.format_number(d.value, lang) for d in f.denominators]
    total = dens[0] if len(dens) == 1 else i18n.t("word.or", lang, a=dens[0], b=dens[1])
    return i18n.t("kpi.covered_of_total", lang, covered=f.value, total=total)


def share_text(f: KnownFigure, lang: str) -> str:
    """ "65.7 %" or, when the denominator is unclear, "41.2 % or 42.7 %"."""
    shares = [i18n.format_percent(s, lang) for s, _ in f.shares]
    if not shares:
        return i18n.MISSING
    return shares[0] if len(shares) == 1 else i18n.t("word.or", lang, a=shares[0], b=shares[1])


def share_basis(f: KnownFigure, lang: str) -> str:
    """ "computed: 382 ÷ 581 (…)" for every denominator."""
    parts = [
        i18n.t("fig.computed_share", lang, value=f.value, den=d.value,
               basis=denominator_text(f, i, lang))
        for i, d in enumerate(f.denominators)
    ]  # fmt: skip
    return "; ".join(parts)


def dg_note(f: KnownFigure, lang: str, *, shares: bool = True) -> str:
    """How a Walloon figure treats the 9 German-speaking communes ("" for other areas).
    ``shares=False`` where no share is shown (a comparison table)."""
    if f.geography != WALLONIA_GEOGRAPHY or f.measure not in COMMUNE_COUNT_MEASURES + ("cells",):
        return ""
    source = figure_source(f, lang)
    if f.stated_total is not None:
        return i18n.t("dg.stated", lang, source=source, total=f.stated_total)
    if f.wal_includes_dg == "inferred_yes":
        return i18n.t("dg.inferred_yes", lang, source=source)
    return i18n.t("dg.unclear" if shares else "dg.unclear_count", lang, source=source)


def _pair(label_key: str, value: str, lang: str) -> str:
    """ "Label: value" for a catalogue label, with the language's punctuation."""
    return _labelled(i18n.t(label_key, lang), value, lang)


def _labelled(label: str, value: str, lang: str) -> str:
    """ "Label: value" with the language's punctuation (a space before the colon in FR)."""
    return i18n.t("kpi.benchmark_value", lang, area=label, value=value)


def population_source(frame: pd.DataFrame, lang: str) -> str:
    """ "Statbel, 1 January 2016" (with "summed over former communes" where it is)."""
    date = i18n.format_date(str(frame["population_date"].iloc[0]), lang)
    note = str(frame["population_note"].iloc[0]) if len(frame) else ""
    key = "population.source_summed" if note else "population.source"
    return i18n.t(key, lang, date=date)


# ----------------------------------------------------------------------------- map


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


def flag_texts(details: Iterable[tuple[str, str, str]], lang: str) -> list[str]:
    """Each programme flag with its source and date."""
    return [
        i18n.t("hover.flag_dated", lang, flag=i18n.flag_label(flag, lang), source=source,
               date=i18n.format_date(date, lang) if date else "")
        for flag, source, date in details
    ]  # fmt: skip


def _hover(row: dict, lang: str, pop_source: str, origin: str, illustrative: bool = False) -> str:
    lines = [f"<b>{row['name']}</b> ({row['nis']})"]
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
    return "<br>".join(lines)


@lru_cache(maxsize=128)
def commune_hovers(bundle: DataBundle, shown: Shown, lang: str) -> tuple[str, ...]:
    """Every commune's hover text, once per (dataset, date, language): filters do not
    change it."""
    frame = commune_frame(bundle, shown, lang)
    pop_source = population_source(frame, lang)
    return tuple(_hover(r, lang, pop_source, shown.origin, shown.illustrative)
                 for r in frame.to_dict(orient="records"))  # fmt: skip


def region_hover(f: KnownFigure, selected: str, lang: str) -> str:
    lines = [f"<b>{area_name(f.geography, lang)}</b>"]
    lines.append(_labelled(i18n.measure_label(f.measure, lang), of_total(f, lang), lang))
    lines.append(figure_provenance(f, selected, lang))
    lines.append(_labelled(i18n.t("hover.share_computed", lang), share_text(f, lang), lang))
    lines.append(share_basis(f, lang))
    note = dg_note(f, lang)
    if note:
        lines.append(note)
    return "<br>".join(lines)


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
    wanted = [flag_column(str(f)) for f in (state.flag or Flag)]
    marked = mask.to_numpy() & frame[wanted].to_numpy(dtype=bool).any(axis=1)
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


def _file_text(key: str, shown: Shown, lang: str, **params) -> str:
    """A message about the file on screen: ``key.example`` for the illustrative example,
    ``key.file`` for an imported file (their wording differs), with its name and date."""
    kind = "example" if shown.kind == "example" else "file"
    return i18n.t(f"{key}.{kind}", lang, file=shown.origin,
                  date=i18n.format_date(shown.date_key, lang), **params)  # fmt: skip


# ----------------------------------------------------------------------------- key figures


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


def newer_regions(
    figures: tuple[KnownFigure, ...], f: KnownFigure | None, measures: tuple[str, ...], lang: str
) -> list[str]:
    """For a Belgian figure: the regions whose figure of the same kind is later, named so
    that the total is not read as including them."""
    if f is None or f.geography != "BE":
        return []
    lines = []
    for geo in (FLANDERS_GEOGRAPHY, WALLONIA_GEOGRAPHY, BRUSSELS_GEOGRAPHY):
        r = figure_for(figures, geo, measures)
        if r is not None and r.as_of != f.as_of and is_later(r, f):
            value = of_total(r, lang) if r.denominators and r.measure != "communes_without_cell" \
                else i18n.format_number(r.value, lang)  # fmt: skip
            lines.append(i18n.t("kpi.newer_region", lang, area=area_name(geo, lang),
                                value=value, source=figure_source(r, lang)))  # fmt: skip
    return lines


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


# ----------------------------------------------------------------------------- breakdown


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


def restrict(snapshot: MembershipSnapshot, codes: set[str]) -> MembershipSnapshot:
    """The snapshot for a selection of communes (cells with a member in it)."""
    return dataclasses.replace(
        snapshot,
        statuses=tuple(s for s in snapshot.statuses if s.nis in codes),
        cells=tuple(c for c in snapshot.cells if codes & set(c.members)),
        flags=tuple(f for f in snapshot.flags if f.nis in codes),
    )


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


# ----------------------------------------------------------------------------- timeline


def timeline_frame(bundle: DataBundle, lang: str, regions: Iterable[str] = ()) -> pd.DataFrame:
    """Every published count of communes with a cell (or involved), one point each at its
    date, with its share computed over the denominator its source implies. A figure dated
    only by month or year spans that period (``start`` .. ``end``)."""
    wanted = {GEOGRAPHY_OF_REGION[r] for r in regions if r in GEOGRAPHY_OF_REGION}
    rows = []
    counts = counts_by_vintage(bundle)
    for pub_date in bundle.record.published_dates():
        for f in figures_published_for(bundle.record, pub_date.key, counts,
                                       lambda d: geodata.vintage_for_date(d).key):  # fmt: skip
            if f.measure not in WITH_CELL_MEASURES or not f.denominators:
                continue
            if wanted and f.geography not in wanted | {"BE"}:
                continue
            title = bundle.record.source(f.source_id).get("title", "")
            start = period_start(f.as_of)
            rows.append({
                "date": pd.Timestamp(f.date),
                "start": pd.Timestamp(start),
                "end": pd.Timestamp(f.date),
                "precision": f.precision,
                "geography": f.geography,
                "measure": f.measure,
                "share": min(s for s, _ in f.shares),
                "dash": f.measure != "communes_with_cell",
                "hover": "<br>".join(filter(None, [
                    f"<b>{area_name(f.geography, lang)}</b> — {i18n.format_date(f.as_of, lang)}"
                    + ("" if f.precision == "day" else " " + i18n.t("timeline.period", lang)),
                    _labelled(i18n.measure_label(f.measure, lang), of_total(f, lang), lang),
                    _labelled(i18n.t("hover.share_computed", lang), share_text(f, lang), lang),
                    share_basis(f, lang),
                    _pair("hover.source", f"{figure_source(f, lang)} — {title}", lang),
                    dg_note(f, lang),
                ])),
            })  # fmt: skip
    return pd.DataFrame(rows, columns=["date", "start", "end", "precision", "geography",
                                       "measure", "share", "dash", "hover"])  # fmt: skip


# ----------------------------------------------------------------------------- provenance


def sources_used(bundle: DataBundle, shown: Shown, frame: pd.DataFrame) -> pd.DataFrame:
    """The sources behind what the view shows, with what each is used for: ``figures``
    (published figures shown, or compared with a file), ``statuses``, ``flags``."""
    uses: dict[str, set[str]] = {}
    for f in known_for(bundle, shown):
        uses.setdefault(f.source_id, set()).add("figures" if shown.kind == "public"
                                                else "compared")  # fmt: skip
    if shown.kind == "public":
        for s in frame["source"]:
            for x in str(s).split(";"):
                if SOURCE_ID.fullmatch(x):
                    uses.setdefault(x, set()).add("statuses")
    for f in shown.snapshot.flags:
        uses.setdefault(f.source, set()).add("flags")
    src = bundle.record.sources
    out = src[src["source_id"].isin(uses)].sort_values("source_id").copy()
    out["used_for"] = out["source_id"].map(lambda s: tuple(sorted(uses[s])))
    return out


def undated_notes(bundle: DataBundle, frame: pd.DataFrame, lang: str) -> list[str]:
    """Facts whose source gives no date: listed, never placed on a date."""
    out = []
    for f in undated_facts(bundle.record):
        members = frame[frame["police_zone"] == f.police_zone] if f.police_zone else frame[:0]
        out.append(
            i18n.t(
                "provenance.undated_zone",
                lang,
                source=f.source_id,
                zone=f.name_as_published,
                members=", ".join(sorted(members["name"])) or i18n.MISSING,
            )
        )
    return out


def export_frame(shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str) -> pd.DataFrame:
    """The commune table as a file: machine-readable columns, every status with its source
    and date, every flag with its source and date, the population with its date, and the
    data's origin on every row (an illustrative dataset says so on every row)."""
    sel = frame[mask]
    if shown.illustrative:
        origin = i18n.t("notice.illustrative", lang)
    elif shown.kind == "public":
        origin = i18n.t("dataset.public", lang)
    else:
        origin = shown.snapshot.source
    return pd.DataFrame({
        "nis_code": sel["nis"], "commune": sel["name"], "region": sel["region"],
        "province": sel["province"], "status": sel["status"],
        "partly_covered": sel["covered"] & sel["partial"],
        "status_date": sel["status_date"], "status_source": sel["source"],
        "status_basis": sel["status_basis"], "cell": sel["cell_name"],
        "cell_members": sel["cell_members"], "population": sel["population"].astype(int),
        "population_date": sel["population_date"],
        "population_source": "Statbel" + sel["population_note"].map(
            lambda n: f" ({n})" if n else ""),
        "flags": [";".join(f"{flag} ({src} {date})" for flag, src, date in d)
                  for d in sel["flag_details"]],
        "view_date": shown.date_key, "commune_division": shown.vintage, "data": origin,
    })  # fmt: skip


def commune_table_rows(bundle: DataBundle, shown: Shown, lang: str) -> list[dict]:
    """Every row of the table twin, built once per (dataset, date, language); the browser
    shows those the filters' mask selects."""
    return list(_commune_table_rows(bundle, shown, lang))


def selected_rows(rows: list[dict], mask: str) -> list[dict]:
    """The rows a mask selects ("1" = shown), as the browser filters them."""
    return [row for row, keep in zip(rows, mask, strict=True) if keep == "1"]


@lru_cache(maxsize=128)
def _commune_table_rows(bundle: DataBundle, shown: Shown, lang: str) -> tuple[dict, ...]:
    frame = commune_frame(bundle, shown, lang)
    everything = pd.Series(True, index=frame.index)
    table = commune_table(frame, everything, lang, shown.origin, shown.illustrative)
    return tuple(table.to_dict(orient="records"))


def commune_table(
    frame: pd.DataFrame, mask: pd.Series, lang: str, origin: str = "", illustrative: bool = False
) -> pd.DataFrame:
    sel = frame[mask]
    names = sel["name"]
    if lang == "de" and "name_de_fallback" in sel:  # the region's name, labelled
        names = names.where(~sel["name_de_fallback"].astype(bool),
                            names + f" ({i18n.t('name.no_german', lang)})")  # fmt: skip
    return pd.DataFrame({
        "name": names,
        "nis": sel["nis"],
        "region": [i18n.region_label(r, lang) for r in sel["region"]],
        "status": [status_text(r, lang, origin, illustrative)
                   for r in sel.to_dict(orient="records")],
        "cell": sel["cell_members"],
        "population": sel["population"].astype(int),
        "flags": ["; ".join(flag_texts(d, lang)) for d in sel["flag_details"]],
    })  # fmt: skip
