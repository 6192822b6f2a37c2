"""The comparison tab (issue 13): two areas at the date shown, or one area at two dates.

Pure (no dash, no plotly): the callback hands :class:`ComparePanel` to
:mod:`dashboard.layout.compare`. The counts come from
:mod:`dashboard.coverage.analysis.compare` (so they are the breakdown's and the ranking's);
this module names them in the page language and says where each one comes from.

The two sides (``ViewState.cmp_a`` / ``cmp_b``, in the link as ``a=`` / ``b=``)
    ``cmp_a`` is an area (``region:02000``, ``province:10000``, ``arrondissement:11000``,
    ``police_zone:5345``); ``cmp_b`` an area or a date (``date:2016-05-27``, a published
    date of the public record by its placement date: ``date:2018-12-31`` is the figures
    dated "2018"). Nothing chosen: Flanders against Wallonia, and the panel says it is a
    default (:func:`resolve_sides`).

Two areas (:func:`compare_panel`, ``mode == "areas"``)
    Both at the date on screen, on its division; two small maps on one colour scale (the
    map's categories and colours), the same key figures for each side and the difference
    (right minus left). Every figure is computed from the statuses of the data on screen:
    each side says from what (the data, its date, the source ids of the statuses counted, the
    division, the population's date). The public record also gives, for a region, its
    published figures with their own source and date.

One area at two dates (``mode == "dates"``, the public record only)
    The date on screen and the date chosen, earlier on the left, both on the later
    division: an earlier date on an older division is carried over through the crosswalk
    (a merged commune whose former communes differ is *partly covered*), and the panel
    says so. The per-commune changes (gained a cell, lost it, became known...) are counted
    and listed.

Truth rules: an unknown status is never counted as "no cell" (the panel warns where most
statuses are unknown); the filters at the left do not apply (the areas are explicit, and
the panel says so); the illustrative example is labelled.

Cached per (dataset and date on screen, language, the two sides): a filter click costs a
dictionary look-up.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import pandas as pd
from babel.numbers import format_decimal

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.analysis.compare import (
    CATEGORIES,
    CHANGES,
    KEY_FIGURES,
    PARTLY_COVERED,
    SHARE_FIGURES,
    Area,
    AreaComparison,
    DateComparison,
    KeyFigures,
    UnknownArea,
    compare_areas,
    compare_dates,
)
from dashboard.coverage.known import WITH_CELL_MEASURES, KnownFigure, figure_for
from dashboard.coverage.model import MembershipSnapshot, Status
from dashboard.coverage.public_record import PublicRecord, resolve_published_date
from dashboard.state import AREA_REF, DATE_REF, ViewState
from dashboard.views.data import (
    GEOGRAPHY_OF_REGION,
    Shown,
    commune_frame,
    known,
    restrict,
    shown_data,
)
from dashboard.views.text import hover_text
from dashboard.views.wording import dg_note, division_period, figure_source, population_source
from geodata import belgium

#: The comparison when nothing is chosen (said on the panel).
DEFAULT_A: Final = "region:02000"  # Flanders
DEFAULT_B: Final = "region:03000"  # Wallonia
#: The levels a side may name, in the order the lists show them.
AREA_LEVELS: Final[tuple[str, ...]] = ("region", "province", "arrondissement", "police_zone")
#: The published measures shown for a region (the first known of each group).
PUBLISHED_MEASURES: Final[tuple[tuple[str, ...], ...]] = (
    ("cells",),
    WITH_CELL_MEASURES,
    ("communes_without_cell",),
)
#: Above this share of unknown statuses on either side, the panel warns.
MOSTLY_UNKNOWN: Final = 0.5
MINUS: Final = "\u2212"


# ----------------------------------------------------------------------------- the two sides


def parse_area(ref: str) -> Area:
    """``"province:10000"`` -> ``Area("province", "10000")``; ValueError otherwise."""
    if not AREA_REF.match(ref):
        raise ValueError(f"not an area: {ref!r}")
    level, code = ref.split(":", 1)
    return Area(level, code)


def date_ref(day: dt.date) -> str:
    """The value naming a date in ``cmp_b``: ``date:`` and the ISO placement date."""
    return f"date:{day.isoformat()}"


@dataclass(frozen=True)
class Sides:
    """The two sides compared: ``a`` an area ref, ``b`` an area or a date ref; ``defaulted``
    names the sides the user did not choose ("a", "b")."""

    a: str
    b: str
    defaulted: tuple[str, ...] = ()

    @property
    def dates(self) -> bool:
        return bool(DATE_REF.match(self.b))


def resolve_sides(cmp_a: str | None, cmp_b: str | None) -> Sides:
    """The sides to show: the chosen ones, else Flanders and Wallonia (Wallonia's other side
    is Flanders)."""
    defaulted = []
    a = cmp_a
    if not a:
        a, defaulted = DEFAULT_A, ["a"]
    b = cmp_b
    if not b:
        b = DEFAULT_B if a != DEFAULT_B else DEFAULT_A
        defaulted.append("b")
    return Sides(a, b, tuple(defaulted))


# ----------------------------------------------------------------------------- area names


@dataclass(frozen=True)
class _Names:
    """A division's area names, read once: police zone -> name, unit code -> (level,
    {"fr": ..., "nl": ..., "de": ...})."""

    zones: Mapping[str, str]
    units: Mapping[str, tuple[str, Mapping[str, str]]]


@lru_cache(maxsize=8)
def _names(data: geodata.VintageData) -> _Names:
    c = data.communes
    zones = dict(zip(c["police_zone"].astype(str), c["police_zone_name"].astype(str), strict=True))
    units = {
        str(r["code"]): (
            str(r["level"]),
            {lang: str(r[f"name_{lang}"]) for lang in ("fr", "nl", "de")},
        )
        for r in data.units.to_dict(orient="records")
    }
    return _Names(zones, units)


def area_name(data: geodata.VintageData, area: Area, lang: str) -> str:
    """An area's name in ``lang`` ("Flemish Region", "Province d'Anvers",
    "Arrondissement Mechelen", "PZ HEKLA (5349)"); "" when the division lacks it.

    English has no names of its own for provinces and arrondissements: a province is
    "Province of Antwerp", an arrondissement keeps its name in its region's language (as a
    commune does, :func:`geodata.belgium.local_name`)."""
    code = area.code
    if area.level == "region":
        return i18n.region_label(code, lang) if code in belgium.REGIONS else ""
    names = _names(data)
    if area.level == "police_zone":
        return f"{names.zones[code]} ({code})" if code in names.zones else ""
    level, unit_names = names.units.get(code, ("", {}))
    if level != area.level:
        return ""
    if area.level == "province" and lang == "en":
        return i18n.t("compare.area.province", lang, name=i18n.province_label(code, lang))
    return unit_names[lang if lang in ("fr", "nl", "de") else _local_language(code)]


def _local_language(code: str) -> str:
    try:
        return belgium.REGION_LANGUAGE[belgium.region_of(code)]
    except (ValueError, KeyError):
        return "fr"


def _division_areas(data: geodata.VintageData) -> list[Area]:
    """Every area of the division, level by level (codes in order)."""
    c = data.communes
    regions = [r for r in belgium.REGIONS if (c["region"] == r).any()]
    out = [Area("region", r) for r in regions]
    for level in ("province", "arrondissement", "police_zone"):
        codes = sorted({str(x) for x in c[level] if str(x)})
        out += [Area(level, code) for code in codes if AREA_REF.match(f"{level}:{code}")]
    return out


def _area_choices(data: geodata.VintageData, lang: str) -> list[tuple[str, str]]:
    """(value, label) of every area of a division: regions in their usual order, then the
    provinces, arrondissements and police zones, each level sorted by name."""
    out: list[tuple[str, str]] = []
    for level in AREA_LEVELS:
        level_areas = [a for a in _division_areas(data) if a.level == level]
        named = [(f"{a.level}:{a.code}", area_name(data, a, lang)) for a in level_areas]
        if level != "region":
            named.sort(key=lambda x: (x[1].casefold(), x[0]))
        out += named
    return out


def _date_choices(record: PublicRecord, lang: str) -> list[tuple[str, str]]:
    """(value, label) of every published date of the public record, in time order."""
    return [
        (date_ref(d.date), i18n.t("compare.option.date", lang, date=i18n.format_date(d.key, lang)))
        for d in record.published_dates()
    ]


@lru_cache(maxsize=64)
def _options(
    bundle: DataBundle, vintage: str, lang: str
) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(areas, dates) choices of a division in a language, computed once."""
    return tuple(_area_choices(bundle.vintages[vintage], lang)), tuple(
        _date_choices(bundle.record, lang)
    )


def side_options(
    bundle: DataBundle, shown: Shown, lang: str, chosen: Iterable[str | None] = ()
) -> tuple[list[dict], list[dict]]:
    """The choices of the two lists for the data on screen: (first side, second side).

    The first lists the areas of the division on screen; the second the same areas, then
    the published dates (the public record only: a file has one date, its dates are shown
    disabled). A chosen value the lists lack (a link naming an area of another division) is
    kept, disabled and labelled so, so that the list does not drop it."""
    public = shown.kind == "public"
    areas, dates = _options(bundle, shown.vintage, lang)
    a: list[dict] = [{"label": label, "value": value} for value, label in areas]
    b: list[dict] = a + [
        {"label": label, "value": value, "disabled": not public} for value, label in dates
    ]
    known_values = {o["value"] for o in b}
    period = division_period(shown.vintage)
    for value in dict.fromkeys(v for v in chosen if v):
        if value in known_values:
            continue
        label = value
        if AREA_REF.match(value):
            name = _name_anywhere(bundle, parse_area(value), lang) or value
            label = i18n.t("compare.option.elsewhere", lang, name=name, period=period)
        extra: dict = {"label": label, "value": value, "disabled": True}
        b.append(extra)
        if AREA_REF.match(value):
            a.append(extra)
    return a, b


def _name_anywhere(bundle: DataBundle, area: Area, lang: str) -> str:
    for data in reversed(list(bundle.vintages.values())):
        name = area_name(data, area, lang)
        if name:
            return name
    return ""


def layout_options(
    vintages: Mapping[str, geodata.VintageData], record: PublicRecord, lang: str
) -> tuple[list[dict], list[dict]]:
    """Every value a link may name, in every division (the latest division's name first):
    the lists' choices before the first callback fills them for the data on screen (a
    dropdown drops a value it has no choice for)."""
    seen: dict[str, str] = {}
    for data in reversed(list(vintages.values())):
        for value, label in _area_choices(data, lang):
            seen.setdefault(value, label)
    areas = [{"label": label, "value": value} for value, label in seen.items()]
    dates = [{"label": label, "value": value} for value, label in _date_choices(record, lang)]
    return areas, areas + dates


def placeholder(bundle: DataBundle, shown: Shown, side: str, lang: str) -> str:
    """The empty list's text: the default it stands for ("Flemish Region (default)")."""
    sides = resolve_sides(None, None)
    ref = sides.a if side == "a" else sides.b
    name = area_name(bundle.vintages[shown.vintage], parse_area(ref), lang)
    return i18n.t("compare.placeholder_default", lang, name=name)


# ----------------------------------------------------------------------------- the panel


#: (lon min, lat min, lon max, lat max) of a map's extent.
Bounds = tuple[float, float, float, float]
BELGIUM_BOUNDS: Final[Bounds] = (2.54, 49.5, 6.41, 51.51)


def _rings(geometry: Mapping) -> Iterable[list]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    if kind == "Polygon":
        yield from coords
    elif kind == "MultiPolygon":
        for polygon in coords:
            yield from polygon


@lru_cache(maxsize=8)
def commune_bounds(bundle: DataBundle, vintage: str) -> Mapping[str, Bounds]:
    """Each commune's extent in the division's display geometry (computed once)."""
    out: dict[str, Bounds] = {}
    for feature in bundle.vintages[vintage].display.get("features", []):
        lons = [p[0] for ring in _rings(feature.get("geometry") or {}) for p in ring]
        lats = [p[1] for ring in _rings(feature.get("geometry") or {}) for p in ring]
        if lons:
            nis = str((feature.get("properties") or {}).get("nis", feature.get("id")))
            out[nis] = (min(lons), min(lats), max(lons), max(lats))
    return out


def area_bounds(
    bundle: DataBundle, vintage: str, nis: Iterable[str], margin: float = 0.04
) -> Bounds:
    """The extent of some communes, with a margin (a share of its size) on every side: a
    small map shows its area whole (plotly's own ``fitbounds`` cannot fit geometry it loads
    from a URL)."""
    known = commune_bounds(bundle, vintage)
    boxes = [known[n] for n in nis if n in known]
    if not boxes:
        return BELGIUM_BOUNDS
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    dx, dy = max(x1 - x0, 0.01) * margin, max(y1 - y0, 0.01) * margin
    return (x0 - dx, y0 - dy, x1 + dx, y1 + dy)


@dataclass(frozen=True)
class SideView:
    """One side: its heading, where its figures come from, and its small map."""

    heading: str  # "Flemish Region — 2 July 2021"
    lines: tuple[str, ...]  # where the figures come from (computed from ..., population ...)
    nis: tuple[str, ...]  # the area's communes (the map's locations)
    categories: tuple[str, ...]  # map category per commune (CATEGORIES)
    hovers: tuple[str, ...]  # hover text per commune
    summary: str  # the map in words (its text alternative)
    map_name: str  # the map's accessible name
    bounds: Bounds = BELGIUM_BOUNDS  # the map's extent (the area's communes)


@dataclass(frozen=True)
class FigureRow:
    """One key figure of both sides and its difference, as shown."""

    key: str
    label: str
    left: str
    right: str
    difference: str
    basis: str  # how it is computed, from what
    values: tuple[float, float, float] = (math.nan, math.nan, math.nan)  # left, right, diff


@dataclass(frozen=True)
class PublishedRow:
    """A published figure of each side (a region), with its source and date."""

    measure: str
    left: str
    right: str
    difference: str
    note: str = ""


@dataclass(frozen=True)
class ComparePanel:
    """What the comparison tab shows. ``mode``: "areas", "dates", or "message" (nothing to
    compare: ``message`` says why and what to do)."""

    mode: str
    title: str = ""
    notes: tuple[str, ...] = ()
    message: str = ""
    left: SideView | None = None
    right: SideView | None = None
    vintage: str = ""  # the division both maps are drawn on
    legend: tuple[tuple[str, str], ...] = ()  # (category, label): all, one scale for both
    columns: tuple[str, str, str, str, str] = ("", "", "", "", "")  # figure, left, right, ...
    figures: tuple[FigureRow, ...] = ()
    published_title: str = ""
    published: tuple[PublishedRow, ...] = ()
    published_notes: tuple[str, ...] = ()
    changes_title: str = ""
    changes: tuple[tuple[str, str, int], ...] = ()  # (code, label, communes)
    table_title: str = ""
    table_columns: tuple[tuple[str, str], ...] = ()  # (field, header)
    table_rows: tuple[Mapping[str, str], ...] = ()
    table_note: str = ""
    illustrative: str = ""  # the illustrative tag, or ""


def compare_view(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None
) -> ComparePanel:
    """The comparison for a view state (its dataset, date, language and two sides)."""
    shown = shown_data(bundle, state.dataset, state.date, upload)
    return compare_panel(bundle, shown, state.lang, state.cmp_a, state.cmp_b)


@lru_cache(maxsize=64)
def compare_panel(
    bundle: DataBundle, shown: Shown, lang: str, cmp_a: str | None, cmp_b: str | None
) -> ComparePanel:
    """The comparison of ``cmp_a`` and ``cmp_b`` (defaults: :func:`resolve_sides`) for the
    data on screen, in ``lang``. Cached: callers never modify it."""
    sides = resolve_sides(cmp_a, cmp_b)
    notes = _default_notes(bundle, shown, sides, lang)
    if sides.dates:
        return _dates_panel(bundle, shown, lang, sides, notes)
    return _areas_panel(bundle, shown, lang, sides, notes)


def _default_notes(bundle: DataBundle, shown: Shown, sides: Sides, lang: str) -> list[str]:
    data = bundle.vintages[shown.vintage]

    def name(ref: str) -> str:
        return area_name(data, parse_area(ref), lang) or ref

    if sides.defaulted == ("a", "b"):
        return [i18n.t("compare.default", lang, a=name(sides.a), b=name(sides.b))]
    if "a" in sides.defaulted:
        return [i18n.t("compare.default_a", lang, a=name(sides.a))]
    if "b" in sides.defaulted:
        return [i18n.t("compare.default_b", lang, b=name(sides.b))]
    return []


def _message(text: str, notes: list[str]) -> ComparePanel:
    return ComparePanel("message", notes=tuple(notes), message=text)


def _legend(lang: str) -> tuple[tuple[str, str], ...]:
    return tuple((c, category_label(c, lang)) for c in CATEGORIES)


def category_label(category: str, lang: str) -> str:
    """A map category's name: a status, or partly covered."""
    if category == PARTLY_COVERED:
        return i18n.t("legend.partly_covered", lang)
    return i18n.status_label(category, lang)


def _date_text(shown: Shown, lang: str) -> str:
    return i18n.format_date(shown.date_key, lang)


def _data_text(shown: Shown, lang: str) -> str:
    if shown.kind == "public":
        return i18n.t("compare.data.public", lang)
    key = "compare.data.example" if shown.kind == "example" else "compare.data.file"
    return i18n.t(key, lang, file=shown.origin)


def _sources_text(kf: KeyFigures, shown: Shown, lang: str) -> str:
    if shown.kind != "public":
        return i18n.t("compare.side.file_statuses", lang)
    ids = kf.provenance.status_sources
    if not ids:
        return i18n.t("compare.side.no_sources", lang)
    return i18n.t("compare.side.sources", lang, ids=", ".join(ids))


def _side_lines(
    kf: KeyFigures, shown: Shown, frame: pd.DataFrame, lang: str, *, both_dates: bool = False
) -> tuple[str, ...]:
    """Where one side's figures come from: the data and its date, the statuses' sources,
    the division (and what was carried over), the population's source and date."""
    p = kf.provenance
    lines = [
        i18n.t("compare.side.computed", lang, data=_data_text(shown, lang),
               date=_date_text(shown, lang), sources=_sources_text(kf, shown, lang),
               period=division_period(p.vintage)),
    ]  # fmt: skip
    if p.carried_over:
        lines.append(i18n.t("compare.side.carried", lang, period=division_period(p.carried_from)))
    key = "compare.side.population_both" if both_dates else "compare.side.population"
    lines.append(i18n.t(key, lang, source=population_source(frame, lang)))
    if p.illustrative:
        lines.append(i18n.t("kpi.illustrative_tag", lang))
    return tuple(lines)


# ----------------------------------------------------------------------------- numbers


def _is_nan(x: float) -> bool:
    return isinstance(x, float) and math.isnan(x)


def _value_text(name: str, value: float, lang: str) -> str:
    if _is_nan(value):
        return i18n.MISSING
    if name in SHARE_FIGURES:
        return i18n.format_percent(value, lang)
    return i18n.format_number(int(value), lang)


def signed(number: str, value: float) -> str:
    """A formatted difference with its sign ("+12", "−3", "0")."""
    if value > 0:
        return "+" + number
    if value < 0:
        return MINUS + number
    return number


def difference_text(name: str, value: float, lang: str) -> str:
    """Right minus left: a signed count, or percentage points for a share."""
    if _is_nan(value):
        return i18n.MISSING
    if name in SHARE_FIGURES:
        rounded = round(value * 100, 1)
        points = format_decimal(abs(rounded), format="#,##0.0", locale=i18n.babel_locale(lang))
        return i18n.t("compare.points", lang, value=signed(points, rounded))
    return signed(i18n.format_number(abs(int(value)), lang), value)


def _basis(name: str, lang: str, population: str, carried: bool) -> str:
    if name == "communes":
        return i18n.t("compare.basis.communes", lang)
    if name == "cells":
        return i18n.t("compare.basis.cells_carried" if carried else "compare.basis.cells", lang)
    if name == "population":
        return i18n.t("compare.basis.population", lang, source=population)
    if name.startswith("population_"):
        return i18n.t("compare.basis.population_status", lang, source=population)
    if name == "share_population_covered":
        return i18n.t("compare.basis.share_population", lang, source=population)
    if name.startswith("share_"):
        return i18n.t("compare.basis.share_communes", lang)
    return i18n.t("compare.basis.status", lang)


def _figure_rows(
    comparison: AreaComparison | DateComparison, frame: pd.DataFrame, lang: str, carried: bool
) -> tuple[FigureRow, ...]:
    population = population_source(frame, lang)
    rows = []
    for name in KEY_FIGURES:
        left, right = comparison.left[name], comparison.right[name]
        diff = comparison.difference[name]
        rows.append(
            FigureRow(
                key=name,
                label=i18n.t(f"compare.fig.{name}", lang),
                left=_value_text(name, left, lang),
                right=_value_text(name, right, lang),
                difference=difference_text(name, diff, lang),
                basis=_basis(name, lang, population, carried),
                values=(float(left), float(right), float(diff)),
            )
        )
    return tuple(rows)


def _unknown_note(comparison: AreaComparison | DateComparison, lang: str) -> list[str]:
    left = comparison.left["share_communes_unknown"]
    right = comparison.right["share_communes_unknown"]
    if max(left, right) <= MOSTLY_UNKNOWN:
        return []
    return [i18n.t("compare.mostly_unknown", lang, left=i18n.format_percent(left, lang),
                   right=i18n.format_percent(right, lang))]  # fmt: skip


# ----------------------------------------------------------------------------- maps


def _status_source(row: Mapping[str, object], lang: str) -> str:
    """ "S60, 2 July 2021": a commune's status source and date ("" when unknown)."""
    source = str(row.get("source") or "")
    date = str(row.get("status_date") or "")
    if not source:
        return ""
    if date:
        try:
            return f"{source}, {i18n.format_date(date, lang)}"
        except ValueError:
            return source
    return source


def _hover(name: str, category: str, source: str, lang: str, extra: str = "") -> str:
    lines = [category_label(category, lang)]
    if extra:
        lines.append(extra)
    if source:
        lines.append(i18n.t("compare.hover.source", lang, source=source))
    return hover_text(name, lines)  # a file's source: text, not markup


def _summary(heading: str, categories: pd.Series, lang: str) -> str:
    counts = categories.value_counts()
    parts = [
        i18n.t("kpi.benchmark_value", lang, area=category_label(c, lang),
               value=i18n.format_number(int(counts[c]), lang))
        for c in CATEGORIES if c in counts
    ]  # fmt: skip
    return i18n.t("compare.map.summary", lang, area=heading, total=int(len(categories)),
                  counts="; ".join(parts))  # fmt: skip


def _side(
    heading: str,
    lines: tuple[str, ...],
    panel: pd.DataFrame,
    hovers: list[str],
    lang: str,
    bounds: Bounds,
) -> SideView:
    return SideView(
        heading=heading,
        lines=lines,
        nis=tuple(panel["nis"]),
        categories=tuple(panel["category"]),
        hovers=tuple(hovers),
        summary=_summary(heading, panel["category"], lang),
        map_name=i18n.t("compare.map.name", lang, area=heading),
        bounds=bounds,
    )


# ----------------------------------------------------------------------------- published


def _published_rows(
    bundle: DataBundle,
    left: tuple[Area, str | None],
    right: tuple[Area, str | None],
    lang: str,
    *,
    across_dates: bool,
) -> tuple[tuple[PublishedRow, ...], tuple[str, ...]]:
    """The public record's figures for each side that is a region, on each side's date
    (``(area, published date key)``; key None: a file, no published figures).

    Two figures are subtracted only where they count the same thing and, for two areas, are
    of the same date (counts of different dates never silently meet); for one area at two
    dates (``across_dates``) the difference is the change between them, and says so."""
    regions = [a.level == "region" for a, _ in (left, right)]
    if not any(regions) or left[1] is None or right[1] is None:
        return (), (i18n.t("compare.published.level", lang),) if left[1] is not None else ()

    def figure(side: tuple[Area, str | None], measures: tuple[str, ...]) -> KnownFigure | None:
        area, key = side
        if area.level != "region" or key is None:
            return None
        return figure_for(known(bundle, key), GEOGRAPHY_OF_REGION[area.code], measures)

    rows, notes = [], []
    for measures in PUBLISHED_MEASURES:
        a, b = figure(left, measures), figure(right, measures)
        if a is None and b is None:
            continue
        measures_shown = dict.fromkeys(f.measure for f in (a, b) if f is not None)
        label = " / ".join(i18n.measure_label(m, lang) for m in measures_shown)
        diff, note = i18n.MISSING, ""
        if a is not None and b is not None:
            if a.measure != b.measure:
                note = i18n.t("compare.published.not_subtracted_measure", lang)
            elif not across_dates and a.described != b.described:
                note = i18n.t("compare.published.not_subtracted_dates", lang)
            else:
                value = b.value - a.value
                diff = signed(i18n.format_number(abs(value), lang), value)
                sa, sb = figure_source(a, lang), figure_source(b, lang)
                note = (
                    i18n.t("compare.published.difference_one", lang, source=sa)
                    if sa == sb
                    else i18n.t("compare.published.difference_basis", lang, left=sa, right=sb)
                )
        rows.append(PublishedRow(label, _published_text(a, lang), _published_text(b, lang), diff,
                                 note))  # fmt: skip
        for f in (a, b):
            text = dg_note(f, lang, shares=False) if f is not None else ""
            if text and text not in notes:
                notes.append(text)
    if not all(regions):
        notes.append(i18n.t("compare.published.level", lang))
    return tuple(rows), tuple(notes)


def _published_text(f: KnownFigure | None, lang: str) -> str:
    if f is None:
        return i18n.t("kpi.no_figure", lang)
    return i18n.t("compare.published.value", lang, value=i18n.format_number(f.value, lang),
                  source=figure_source(f, lang))  # fmt: skip


# ----------------------------------------------------------------------------- the areas' part


def in_areas(frame: pd.DataFrame, areas: Iterable[Area]) -> pd.Series:
    """Communes of the frame that lie in any of ``areas``."""
    mask = pd.Series(False, index=frame.index)
    for area in areas:
        mask |= frame[area.level].astype(str) == area.code
    return mask


def _areas_part(
    snapshot: MembershipSnapshot, frame: pd.DataFrame, areas: Iterable[Area]
) -> tuple[MembershipSnapshot, pd.DataFrame]:
    """The snapshot and the commune frame restricted to the areas compared: the analysis
    counts every unit of a level (185 police zones) to give one; on the areas' communes
    alone it counts the same figures for them, in a fraction of the time."""
    part = frame[in_areas(frame, areas)]
    return restrict(snapshot, set(part["nis"].astype(str))), part


def _earlier_part(
    bundle: DataBundle, earlier: MembershipSnapshot, later_codes: set[str], division: str
) -> MembershipSnapshot:
    """The earlier snapshot's statuses of the communes that became ``later_codes``."""
    if earlier.vintage == division:
        return restrict(earlier, later_codes)
    codes = {
        s.nis
        for s in earlier.statuses
        if later_codes & set(bundle.crosswalk.translate(s.nis, earlier.vintage, division))
    }
    return restrict(earlier, codes)


# ----------------------------------------------------------------------------- two areas


def _areas_panel(
    bundle: DataBundle, shown: Shown, lang: str, sides: Sides, notes: list[str]
) -> ComparePanel:
    data = bundle.vintages[shown.vintage]
    left_area, right_area = parse_area(sides.a), parse_area(sides.b)
    frame = commune_frame(bundle, shown, lang)
    period = division_period(shown.vintage)
    try:
        snapshot, part = _areas_part(shown.snapshot, frame, (left_area, right_area))
        c = compare_areas(snapshot, part, left_area, right_area)
    except UnknownArea as exc:
        name = _name_anywhere(bundle, exc.area, lang) or f"{exc.area.level}:{exc.area.code}"
        return _message(i18n.t("compare.unknown_area", lang, area=name, period=period), notes)
    if sides.a == sides.b:
        notes.append(i18n.t("compare.same_area", lang))
    date = _date_text(shown, lang)
    names = (area_name(data, left_area, lang), area_name(data, right_area, lang))
    notes.append(i18n.t("compare.division.areas", lang, period=period, count=len(frame)))
    notes += _unknown_note(c, lang)
    notes.append(i18n.t("compare.filters_ignored", lang))
    by_nis = frame.set_index("nis")
    views = []
    for name, kf, panel in zip(names, (c.left, c.right), c.panels, strict=True):
        rows = by_nis.loc[list(panel["nis"])]
        hovers = [
            _hover(str(r["name"]), cat, _status_source(r, lang), lang)
            for (_, r), cat in zip(rows.iterrows(), panel["category"], strict=True)
        ]
        heading = i18n.t("compare.side.heading", lang, area=name, date=date)
        bounds = area_bounds(bundle, shown.vintage, panel["nis"])
        lines = _side_lines(kf, shown, rows, lang)
        views.append(_side(heading, lines, panel, hovers, lang, bounds))
    published: tuple[PublishedRow, ...] = ()
    published_notes: tuple[str, ...] = ()
    if shown.kind == "public":
        published, published_notes = _published_rows(
            bundle,
            (left_area, shown.date_key),
            (right_area, shown.date_key),
            lang,
            across_dates=False,
        )
    table_rows, rest = _area_table(frame, names, c.panels, lang)
    return ComparePanel(
        mode="areas",
        title=i18n.t("compare.title.areas", lang, a=names[0], b=names[1], date=date),
        notes=tuple(notes),
        left=views[0],
        right=views[1],
        vintage=shown.vintage,
        legend=_legend(lang),
        columns=(
            i18n.t("compare.col.figure", lang),
            names[0],
            names[1],
            i18n.t("compare.col.difference", lang, left=names[0], right=names[1]),
            i18n.t("compare.col.basis", lang),
        ),
        figures=_figure_rows(c, frame, lang, carried=False),
        published_title=i18n.t("compare.published.title", lang, date=date),
        published=published,
        published_notes=published_notes,
        table_title=i18n.t("compare.table.title.areas", lang),
        table_columns=(
            ("area", i18n.t("compare.col.area", lang)),
            ("commune", i18n.t("table.commune", lang)),
            ("nis", i18n.t("table.nis", lang)),
            ("status", i18n.t("table.status", lang)),
            ("source", i18n.t("compare.col.source_date", lang)),
        ),
        table_rows=table_rows,
        table_note=i18n.t("compare.table.unknown_rest", lang, count=rest),
        illustrative=i18n.t("kpi.illustrative_tag", lang) if shown.illustrative else "",
    )


def _area_table(
    frame: pd.DataFrame,
    names: tuple[str, str],
    panels: tuple[pd.DataFrame, pd.DataFrame],
    lang: str,
) -> tuple[tuple[dict[str, str], ...], int]:
    """The maps' table twin: the communes of each side whose status is known (the unknown
    ones are counted); and how many are left out."""
    by_nis = frame.set_index("nis")
    rows: list[dict[str, str]] = []
    rest = 0
    for name, panel in zip(names, panels, strict=True):
        for nis, category in zip(panel["nis"], panel["category"], strict=True):
            if category == Status.UNKNOWN.value:
                rest += 1
                continue
            r = by_nis.loc[nis]
            rows.append({"area": name, "commune": str(r["name"]), "nis": str(nis),
                         "status": category_label(category, lang),
                         "source": _status_source(r, lang)})  # fmt: skip
    return tuple(rows), rest


# ----------------------------------------------------------------------------- two dates


def _dates_panel(
    bundle: DataBundle, shown: Shown, lang: str, sides: Sides, notes: list[str]
) -> ComparePanel:
    area = parse_area(sides.a)
    iso = sides.b.split(":", 1)[1]
    if shown.kind != "public":
        return _message(i18n.t("compare.dates_public_only", lang, file=shown.origin,
                               date=_date_text(shown, lang)), notes)  # fmt: skip
    try:
        other_key = resolve_published_date(bundle.record, iso).key
    except (KeyError, ValueError):
        day = i18n.format_date(iso, lang) if DATE_REF.match(sides.b) else iso
        return _message(i18n.t("compare.no_date", lang, date=day), notes)
    other = shown_data(bundle, "public", other_key, None)
    earlier, later = sorted((shown, other), key=lambda s: s.as_of)
    later_frame = commune_frame(bundle, later, lang)
    earlier_frame = commune_frame(bundle, earlier, lang)
    later_period = division_period(later.vintage)
    try:
        later_snapshot, part = _areas_part(later.snapshot, later_frame, (area,))
        codes = set(part["nis"].astype(str))
        earlier_snapshot = _earlier_part(bundle, earlier.snapshot, codes, later.vintage)
        c = compare_dates(earlier_snapshot, later_snapshot, part, bundle.crosswalk, area)
    except UnknownArea:
        name = _name_anywhere(bundle, area, lang) or sides.a
        return _message(i18n.t("compare.unknown_area", lang, area=name, period=later_period),
                        notes)  # fmt: skip
    name = area_name(bundle.vintages[later.vintage], area, lang)
    dates = (_date_text(earlier, lang), _date_text(later, lang))
    if earlier.date_key == later.date_key:
        notes.append(i18n.t("compare.same_date", lang))
    count = len(later_frame)
    if c.carried_over:
        notes.append(
            i18n.t(
                "compare.division.carried",
                lang,
                period=later_period,
                count=count,
                date=dates[0],
                from_period=division_period(c.carried_from),
            )
        )
    else:
        notes.append(i18n.t("compare.division.dates_same", lang, period=later_period,
                            count=count))  # fmt: skip
    notes += _unknown_note(c, lang)
    notes.append(i18n.t("compare.filters_ignored", lang))

    changes = c.changes.set_index("nis")
    later_by = later_frame.set_index("nis")
    earlier_by = earlier_frame.set_index("nis")

    def parts_of(nis: str) -> list[str]:
        parts = str(changes.at[nis, "parts_before"]) if nis in changes.index else ""
        return parts.split(";") if parts else [nis]

    def before_source(nis: str) -> str:
        found = [_status_source(earlier_by.loc[p], lang) for p in parts_of(nis)
                 if p in earlier_by.index]  # fmt: skip
        return "; ".join(dict.fromkeys(s for s in found if s))

    def parts_text(nis: str) -> str:
        parts = parts_of(nis)
        if parts == [nis] or not c.carried_over:
            return ""
        return "; ".join(
            i18n.t("kpi.benchmark_value", lang,
                   area=f"{earlier_by.at[p, 'name']} ({p})" if p in earlier_by.index else p,
                   value=category_label(_part_category(earlier_by, p), lang))
            for p in parts
        )  # fmt: skip

    views = []
    for i, (kf, panel, shown_side) in enumerate(
        zip((c.left, c.right), c.panels, (earlier, later), strict=True)
    ):
        hovers = []
        for nis, cat in zip(panel["nis"], panel["category"], strict=True):
            commune = str(later_by.at[nis, "name"])
            if i == 0:
                extra = parts_text(nis)
                extra = i18n.t("compare.hover.parts", lang, parts=extra) if extra else ""
                hovers.append(_hover(commune, cat, before_source(nis), lang, extra))
            else:
                hovers.append(_hover(commune, cat, _status_source(later_by.loc[nis], lang), lang))
        heading = i18n.t("compare.side.heading", lang, area=name, date=dates[i])
        lines = _side_lines(kf, shown_side, later_frame, lang, both_dates=True)
        bounds = area_bounds(bundle, later.vintage, panel["nis"])
        views.append(_side(heading, lines, panel, hovers, lang, bounds))

    published, published_notes = _published_rows(
        bundle, (area, earlier.date_key), (area, later.date_key), lang, across_dates=True
    )
    change_list = tuple(
        (code, i18n.t(f"compare.change.{code}", lang), int(c.change_counts[code]))
        for code in CHANGES
    )
    table_rows, rest = _dates_table(c.changes, later_by, parts_text, before_source, lang)
    return ComparePanel(
        mode="dates",
        title=i18n.t("compare.title.dates", lang, area=name, earlier=dates[0], later=dates[1]),
        notes=tuple(notes),
        left=views[0],
        right=views[1],
        vintage=later.vintage,
        legend=_legend(lang),
        columns=(
            i18n.t("compare.col.figure", lang),
            dates[0],
            dates[1],
            i18n.t("compare.col.difference", lang, left=dates[0], right=dates[1]),
            i18n.t("compare.col.basis", lang),
        ),
        figures=_figure_rows(c, later_frame, lang, carried=bool(c.carried_over)),
        published_title=i18n.t("compare.published.title_dates", lang),
        published=published,
        published_notes=published_notes,
        changes_title=i18n.t("compare.changes.title", lang, earlier=dates[0], later=dates[1]),
        changes=change_list,
        table_title=i18n.t("compare.table.title.dates", lang),
        table_columns=(
            ("commune", i18n.t("table.commune", lang)),
            ("nis", i18n.t("table.nis", lang)),
            ("parts", i18n.t("compare.col.parts", lang)),
            ("before", i18n.t("compare.col.status_on", lang, date=dates[0])),
            ("source_before", i18n.t("compare.col.source_on", lang, date=dates[0])),
            ("after", i18n.t("compare.col.status_on", lang, date=dates[1])),
            ("source_after", i18n.t("compare.col.source_on", lang, date=dates[1])),
            ("change", i18n.t("compare.col.change", lang)),
        ),
        table_rows=table_rows,
        table_note=i18n.t("compare.table.unknown_rest_dates", lang, count=rest),
    )


def _part_category(earlier_by: pd.DataFrame, nis: str) -> str:
    if nis not in earlier_by.index:
        return Status.UNKNOWN.value
    return str(earlier_by.at[nis, "category"])


def _dates_table(
    changes: pd.DataFrame,
    later_by: pd.DataFrame,
    parts_text,
    before_source,
    lang: str,
) -> tuple[tuple[dict[str, str], ...], int]:
    """The two dates' table twin: every commune known at either date or merged (its former
    communes and their statuses), changed ones first; how many are left out (unknown at
    both dates, not merged)."""
    rows: list[tuple[int, dict[str, str]]] = []
    rest = 0
    order = {code: i for i, code in enumerate(CHANGES)}
    for r in changes.itertuples(index=False):
        merged = ";" in str(r.parts_before)
        unknown = r.category_before == r.category_after == Status.UNKNOWN.value
        if unknown and not merged:
            rest += 1
            continue
        rank = 1 if r.change == "unchanged" else 0
        rows.append(
            (
                rank * 100 + order[r.change],
                {
                    "commune": str(later_by.at[r.nis, "name"]),
                    "nis": str(r.nis),
                    "parts": parts_text(r.nis),
                    "before": category_label(r.category_before, lang),
                    "source_before": before_source(r.nis),
                    "after": category_label(r.category_after, lang),
                    "source_after": _status_source(later_by.loc[r.nis], lang),
                    "change": i18n.t(f"compare.change.{r.change}", lang),
                },
            )
        )
    rows.sort(key=lambda x: (x[0], x[1]["commune"].casefold()))
    return tuple(r for _, r in rows), rest
