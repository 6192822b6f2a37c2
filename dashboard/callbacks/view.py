"""The view: map, key figures, breakdown, timeline, table and provenance for a state.

Thin: read the state, ask :mod:`dashboard.views` what to show, hand it to the figure and
component builders. A change that keeps the commune division sends a patch (colours and
hover texts), never the geometry again.
"""

from __future__ import annotations

import hashlib
import threading
from functools import lru_cache

import flask
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Dash, Input, Output, Patch, State, ctx, dcc, no_update

from dashboard import i18n, ids, views
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import (
    as_clicks,
    as_dict,
    as_dict_list,
    as_lang,
    as_snapshot,
    as_str,
    as_upload,
)
from dashboard.callbacks.state import (
    CONTROLS,
    STATE_OUTPUTS,
    StateRules,
    date_keys,
    next_state,
    state_from_data,
)
from dashboard.coverage.model import Status
from dashboard.exports import briefing as briefing_texts
from dashboard.exports.make import make_export
from dashboard.figures.charts import breakdown_bar_figure, timeline_figure
from dashboard.figures.map import (
    BELGIUM_CENTER,
    BELGIUM_ZOOM,
    BRUSSELS_CENTER,
    BRUSSELS_ZOOM,
    COMMUNE_ZOOM,
    coverage_map_figure,
    coverage_map_updates,
    map_view_updates,
)
from dashboard.layout import components
from dashboard.layout import gaps as gaps_layout
from dashboard.layout.main import legend_items
from dashboard.layout.side_ranking import build_side_ranking
from dashboard.server import geometry_url
from dashboard.state import PROVINCES, ViewState, default_state, provinces_of, to_query
from dashboard.views import profile as profile_views
from dashboard.views.side_ranking import side_ranking


def timeline_with_date(base, shown: views.Shown, lang: str):
    """The (cached) timeline with a line at the date on screen."""
    fig = go.Figure(base)
    if len(fig.data):
        fig.add_vline(x=pd.Timestamp(shown.as_of).timestamp() * 1000, line_dash="dash",
                      line_color="#555", annotation_text=i18n.t("timeline.selected", lang),
                      annotation_position="bottom left")  # fmt: skip
    return fig


def base_key(shown: views.Shown, lang: str) -> str:
    """What the filter-independent parts of a view depend on: dataset, date, language (and,
    for a file, its content)."""
    data = f"upload:{hash(shown.snapshot):x}" if shown.kind == "upload" else shown.kind
    return f"{data}|{shown.date_key}|{shown.vintage}|{lang}"


def _apply(target, updates: dict[tuple, object]) -> None:
    """Set each path of ``updates`` on a Patch (or nested dicts)."""
    for path, value in updates.items():
        node = target
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value


def map_view(bundle: DataBundle, vintage: str, state: ViewState) -> tuple[dict, float]:
    """(center, zoom) the link names: its commune, else Brussels, else all of Belgium."""
    if state.commune:
        communes = bundle.vintages[vintage].communes
        row = communes.loc[communes["nis"] == state.commune]
        if len(row):
            lat, lon = row.iloc[0][["lat", "lon"]]
            return {"lat": float(lat), "lon": float(lon)}, COMMUNE_ZOOM
    if state.zoom == "brussels":
        return BRUSSELS_CENTER, BRUSSELS_ZOOM
    return BELGIUM_CENTER, BELGIUM_ZOOM


def map_output(
    bundle: DataBundle,
    shown,
    layers,
    meta: dict | None,
    lang: str,
    base: str,
    prefix: str,
    state: ViewState | None = None,
):
    """A whole figure when the division changes (its geometry referenced by URL: the browser
    fetches it once and caches it); else a patch: the colours (and the region shading and
    markers the filters choose), plus the hover texts only when the dataset, date or
    language changed."""
    new_meta = {"vintage": shown.vintage, "base": base}
    if meta and meta.get("vintage") == shown.vintage:
        patch = Patch()
        _apply(patch, coverage_map_updates(layers, with_text=meta.get("base") != base))
        return patch, new_meta
    digest = bundle.vintages[shown.vintage].digest
    fig = coverage_map_figure(
        layers,
        geometry_url(shown.vintage, "communes", digest, prefix),
        geometry_url(shown.vintage, "regions", digest, prefix),
        accessible_name=i18n.t("a11y.map_name", lang),
    )
    if state is not None and (state.commune or state.zoom):  # a link restores its zoom
        center, zoom = map_view(bundle, shown.vintage, state)
        fig = fig.to_plotly_json()
        _apply(fig, map_view_updates(center, zoom))
    return fig, new_meta


#: What the view callback fills in, in the order of its outputs.
VIEW_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.MAP, "figure"),
    (ids.MAP_META, "data"),
    (ids.LEGEND, "children"),
    (ids.MAP_SUMMARY, "children"),
    (ids.MAP_NOTE, "children"),
    (ids.KPI, "children"),
    (ids.KPI_AS_OF, "children"),
    (ids.SIDE_BODY, "children"),
    (ids.SIDE_MORE, "children"),
    (ids.PAGE, "className"),
    (ids.PRESENT_TITLE, "children"),
    (ids.PRESENT_FOOTNOTE, "children"),
    (ids.BREAKDOWN_TITLE, "children"),
    (ids.BREAKDOWN_CHART, "figure"),
    (ids.BREAKDOWN_TABLE, "rowData"),
    (ids.BREAKDOWN_TABLE, "columnDefs"),
    (ids.BREAKDOWN_NOTES, "children"),
    (ids.DRILL, "options"),
    (ids.DRILL_BOX, "hidden"),
    (ids.RECONCILE, "children"),
    (ids.COMMUNE_ROWS, "data"),
    (ids.COMMUNE_MASK, "data"),
    (ids.COMMUNE_TABLE, "columnDefs"),
    (ids.PROVENANCE, "children"),
    (ids.ILLUSTRATIVE_BANNER, "children"),
    (ids.ATTRIBUTION, "children"),
    (ids.TIMELINE, "figure"),
    (ids.COMMUNE, "options"),
    (ids.DATE, "max"),
    (ids.DATE, "marks"),
    (ids.DATE_WRAPPER, "hidden"),
    (ids.DATE_VALUE, "children"),
    (ids.PROVINCE, "options"),
)


#: Outputs that depend only on (dataset, date, language): not sent when a filter changes.
BASE_OUTPUTS: frozenset[tuple[str, str]] = frozenset({
    (ids.LEGEND, "children"), (ids.MAP_NOTE, "children"), (ids.BREAKDOWN_TITLE, "children"),
    (ids.RECONCILE, "children"), (ids.COMMUNE_TABLE, "columnDefs"), (ids.COMMUNE_ROWS, "data"),
    (ids.PROVENANCE, "children"), (ids.ILLUSTRATIVE_BANNER, "children"),
    (ids.ATTRIBUTION, "children"), (ids.DATE, "max"),
    (ids.DATE, "marks"), (ids.DATE_WRAPPER, "hidden"), (ids.DATE_VALUE, "children"),
})  # fmt: skip


def province_options(lang: str, regions: tuple[str, ...]) -> list[dict]:
    """Every province, in the language; those outside the chosen regions are disabled."""
    allowed = provinces_of(regions)
    return [
        {"label": i18n.province_label(p, lang), "value": p, "disabled": p not in allowed}
        for p in sorted(PROVINCES)
    ]


def date_marks(keys: list[str]) -> dict[int, str]:
    """One label per year on the date slider, at the year's first published date."""
    marks: dict[int, str] = {}
    for i, key in enumerate(keys):
        if key[:4] not in marks.values():
            marks[i] = key[:4]
    return marks


@lru_cache(maxsize=128)
def timeline(bundle: DataBundle, lang: str, regions: tuple[str, ...], shown: views.Shown):
    """The timeline of the chosen regions with a line at the date on screen."""
    frame = views.timeline_frame(bundle, lang, regions)
    names = {g: i18n.region_label(g, lang) for g in views.GEOGRAPHY_OF_REGION.values()}
    names["BE"] = i18n.region_label("BE", lang)
    base = timeline_figure(frame, y_label=i18n.t("timeline.y_measures", lang),
                           empty_message=i18n.t("table.empty", lang),
                           series_names=names)  # fmt: skip
    return timeline_with_date(base, shown, lang).to_plotly_json()


@lru_cache(maxsize=256)
def breakdown_chart(
    rows: tuple,
    columns: tuple[str, ...],
    legend: tuple[tuple[str, str], ...],
    value_label: str,
    empty_message: str,
    stacked: bool,
):
    """The breakdown bar chart, built once per distinct content (a click that does not
    change the bars reuses it). ``legend``: the series' names in the language."""
    frame = pd.DataFrame(list(rows), columns=list(columns))
    frame.attrs["legend"] = dict(legend)
    fig = breakdown_bar_figure(frame, value_label=value_label, empty_message=empty_message,
                               stacked=stacked)  # fmt: skip
    return fig.to_plotly_json()  # plain JSON: nothing to validate or copy on each send


@lru_cache(maxsize=128)
def _base_outputs(bundle: DataBundle, shown: views.Shown, lang: str) -> dict:
    """The outputs a filter does not change, built once per (dataset, date, language) and
    shared read-only by every request that needs them."""
    frame = views.commune_frame(bundle, shown, lang)
    public = shown.kind == "public"
    labels = {s.value: i18n.status_label(s, lang) for s in Status}
    labels = {"own_cell": labels["own_cell"], "shared_cell": labels["shared_cell"],
              views.PARTLY_COVERED: i18n.t("legend.partly_covered", lang), **labels}  # fmt: skip
    if public:
        labels[Status.UNKNOWN.value] += f" — {i18n.t('legend.region_share', lang)}"
    vintage = bundle.vintages[shown.vintage].vintage
    keys = date_keys(bundle)
    _, c_columns = components.build_commune_table(
        pd.DataFrame(), lang, views.population_source(frame, lang)
    )
    return {
        (ids.LEGEND, "children"): legend_items(
            labels, i18n.t("legend.title", lang), i18n.t("legend.flags", lang),
            region_shading=public,
        ),
        (ids.MAP_NOTE, "children"): [components.html.P(n)
                                     for n in views.map_note(bundle, shown, lang)],
        (ids.BREAKDOWN_TITLE, "children"): views.breakdown_title(shown, lang),
        (ids.RECONCILE, "children"): components.build_reconciliation(
            views.reconciliation(bundle, shown, lang), shown, lang
        ),
        (ids.COMMUNE_TABLE, "columnDefs"): c_columns,
        (ids.COMMUNE_ROWS, "data"): views.commune_table_rows(bundle, shown, lang),
        (ids.PROVENANCE, "children"): components.build_provenance(
            views.sources_used(bundle, shown, frame), shown, frame, vintage.attribution, lang,
            views.undated_notes(bundle, frame, lang),
        ),
        (ids.ILLUSTRATIVE_BANNER, "children"): components.build_banner(shown, lang),
        (ids.ATTRIBUTION, "children"): [
            i18n.t("provenance.division", lang, count=len(frame),
                   vintage=views.division_period(shown.vintage)),
            " · ",
            i18n.t("provenance.boundaries", lang, attribution=vintage.attribution),
        ],
        # The date slider: published dates for the public record; a file has its own date.
        (ids.DATE, "max"): len(keys) - 1,
        (ids.DATE, "marks"): date_marks(keys),
        (ids.DATE_WRAPPER, "hidden"): shown.kind != "public",
        (ids.DATE_VALUE, "children"): i18n.t(
            "kpi.as_of", lang, date=i18n.format_date(shown.date_key, lang)
        ),
    }  # fmt: skip


def _digest(key: str) -> str:
    """A short stand-in for a long key in the map's metadata (what the browser holds)."""
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


#: The breakdown chart, its table twin, notes and keyboard drill-down (sent together).
BREAKDOWN_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.BREAKDOWN_CHART, "figure"), (ids.BREAKDOWN_TABLE, "rowData"),
    (ids.BREAKDOWN_TABLE, "columnDefs"), (ids.BREAKDOWN_NOTES, "children"),
    (ids.DRILL, "options"), (ids.DRILL_BOX, "hidden"),
)  # fmt: skip


def _breakdown_outputs(bundle, shown, frame, mask, state: ViewState, lang: str) -> dict:
    table, notes = views.breakdown_table(bundle, shown, frame, mask, state.level, lang)
    chart_frame = views.breakdown_chart_frame(bundle, table, shown, lang)
    drill = views.drill_options(state, chart_frame)
    b_data, b_columns = components.build_breakdown_table(table, shown, lang)
    chart = breakdown_chart(
        tuple(chart_frame.itertuples(index=False, name=None)),
        tuple(chart_frame.columns),
        tuple(chart_frame.attrs.get("legend", {}).items()),
        views.breakdown_axis_title(bundle, shown, lang),
        i18n.t("table.empty", lang),
        shown.kind != "public",
    )
    return dict(zip(BREAKDOWN_OUTPUTS,
                    (chart, b_data, b_columns, [components.html.Li(n) for n in notes], drill,
                     not drill), strict=True))  # fmt: skip


def presentation(bundle: DataBundle, shown: views.Shown, state: ViewState, as_of: str) -> tuple:
    """The slide's title and footnote in presentation mode: the data and its date, the
    as-of line of the key figures (each card names its own source), what the map's
    shading is, and whose boundaries and population."""
    lang = state.lang
    attribution = bundle.vintages[shown.vintage].vintage.attribution
    lines = [f"{briefing_texts.data_line(shown, lang)} — {as_of}",
             *views.map_note(bundle, shown, lang),
             i18n.t("briefing.footnote.boundaries", lang, attribution=attribution)]  # fmt: skip
    return briefing_texts.title(state, shown, lang), [components.html.P(x) for x in lines]


def render_view(
    bundle: DataBundle, state: ViewState, upload, meta: dict | None, prefix: str = "/"
) -> dict:
    """Everything the view shows for ``state``: {(component id, property): value}. The
    callback returns these; tests read them as the browser would get them.

    ``meta`` is what the browser holds from the previous view (division, base key, timeline
    key): outputs it already has for the same dataset, date and language are ``no_update``
    (not computed, not sent), and the map is a patch."""
    lang = state.lang
    shown, frame, mask = views.selection(bundle, state, upload)
    base = base_key(shown, lang)
    layers = views.map_layers(bundle, shown, frame, mask, state, lang)
    figure, new_meta = map_output(bundle, shown, layers, meta, lang, base, prefix, state)
    timeline_key = f"{base}|{','.join(state.region)}"
    new_meta["timeline"] = timeline_key
    provinces_key = f"{lang}|{','.join(state.region)}"
    new_meta["provinces"] = provinces_key
    public = shown.kind == "public"

    figures, as_of = views.key_figures(bundle, shown, frame, mask, state, lang)
    mask_bits = "".join(np.where(mask.to_numpy(), "1", "0"))
    # The breakdown shows the published figures (the public record: the same whatever the
    # filters) or the selected communes of a file; its drill-down choices follow its bars.
    new_meta["breakdown"] = _digest(f"{base}|{state.level}|{'' if public else mask_bits}")
    if meta and meta.get("breakdown") == new_meta["breakdown"]:
        breakdown = dict.fromkeys(BREAKDOWN_OUTPUTS, no_update)
    else:
        breakdown = _breakdown_outputs(bundle, shown, frame, mask, state, lang)
    same_base = bool(meta) and meta.get("base") == base
    if same_base:
        fixed = dict.fromkeys(BASE_OUTPUTS, no_update)
    else:
        fixed = _base_outputs(bundle, shown, lang)
    if bool(meta) and meta.get("timeline") == timeline_key:
        timeline_out = no_update
    else:
        timeline_out = timeline(bundle, lang, tuple(state.region), shown)
    summary = views.map_summary(bundle, shown, frame, mask, state, lang)
    side = side_ranking(bundle, shown, mask, state)
    presenting = presentation(bundle, shown, state, as_of) if state.present else None
    chosen = profile_views.chosen_options(bundle, shown.vintage, state.commune, lang)

    def changed(name: str, content: object) -> bool:
        """Whether the browser lacks this content (the map metadata holds its digest)."""
        new_meta[name] = _digest(repr(content))
        return not meta or meta.get(name) != new_meta[name]

    return {
        (ids.MAP, "figure"): figure,
        (ids.MAP_META, "data"): new_meta,
        (ids.MAP_SUMMARY, "children"): [components.html.P(s) for s in summary]
        if changed("summary", summary)
        else no_update,
        (ids.KPI, "children"): components.build_key_figures(figures)
        if changed("kpi", figures)
        else no_update,
        (ids.KPI_AS_OF, "children"): as_of if changed("as_of", as_of) else no_update,
        (ids.SIDE_BODY, "children"): build_side_ranking(
            side, i18n.t("side.gap", lang, count=side.hidden)
        )
        if changed("side", side)
        else no_update,
        (ids.SIDE_MORE, "children"): side.more if changed("side_more", side.more) else no_update,
        (ids.PAGE, "className"): "page presenting" if state.present else "page",
        (ids.PRESENT_TITLE, "children"): presenting[0] if presenting else "",
        (ids.PRESENT_FOOTNOTE, "children"): presenting[1] if presenting else [],
        **breakdown,
        (ids.COMMUNE_MASK, "data"): mask_bits,
        (ids.TIMELINE, "figure"): timeline_out,
        # The search box holds the chosen commune's option (its label in the language) from
        # the moment its value is set; what the user types is answered by the search
        # (dashboard.callbacks.profile).
        (ids.COMMUNE, "options"): chosen if changed("commune", chosen) else no_update,
        (ids.PROVINCE, "options"): no_update
        if meta and meta.get("provinces") == provinces_key
        else province_options(lang, tuple(state.region)),
        **fixed,
    }


def warm(bundle: DataBundle) -> threading.Thread:
    """Compute the opening view in every language in the background, so that the first
    visitors of a new server (or gunicorn worker) do not wait for the caches to fill. The
    server answers meanwhile; returns the (daemon) thread. (Every published date in every
    language would take about 40 s of CPU per worker: too much to take from the first
    visitors of a 2-core machine.)"""

    def run() -> None:
        for lang in i18n.LANGUAGES:
            render_view(bundle, ViewState(lang=lang), None, None)
        profile_views.prepare(bundle)  # the search indexes and the public history (about 1 s)

    thread = threading.Thread(target=run, name="warm-view-caches", daemon=True)
    thread.start()
    return thread


#: The grids built once in the layout whose own words ("no rows") follow the page language.
LOCALISED_GRIDS = (ids.BREAKDOWN_TABLE, gaps_layout.GAPS_TABLE, gaps_layout.RANKING_TABLE)


def register(app: Dash, bundle: DataBundle) -> None:
    rules = StateRules.of(bundle)
    prefix = app.config.requests_pathname_prefix or "/"
    page_outputs = (*STATE_OUTPUTS, *VIEW_OUTPUTS)

    @app.callback(
        *[Output(cid, prop) for cid, prop in page_outputs],
        Input(ids.URL, "search"),
        *[Input(c, "value") for c in CONTROLS],
        Input(ids.UPLOAD_STORE, "data"),
        State(ids.STATE, "data"),
        State(ids.LANG_STORE, "data"),
        State(ids.MAP_META, "data"),
    )
    def update_page(search, *args):
        """One round trip per click: the link, the controls and the whole view."""
        values = list(args[: len(CONTROLS)])
        upload_payload, previous, lang_now, meta = args[len(CONTROLS) :]
        upload_payload, snapshot = as_upload(upload_payload)
        accept = (
            flask.request.headers.get("Accept-Language") if flask.has_request_context() else None
        )
        state, head = next_state(rules, ctx.triggered_id, search, values,
                                 as_dict(previous) or None, lang_now, upload_payload,
                                 as_str(accept))  # fmt: skip
        out = render_view(bundle, state, snapshot, as_dict(meta) or None, prefix)
        return (*head, *(out[k] for k in VIEW_OUTPUTS))

    points = {}
    for data in bundle.vintages.values():
        for nis, lat, lon in data.communes[["nis", "lat", "lon"]].itertuples(index=False):
            points[nis] = {"lat": lat, "lon": lon}

    @app.callback(
        Output(ids.MAP, "figure", allow_duplicate=True),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.BRUSSELS, "n_clicks"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.COMMUNE, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_map_view(_brussels, _reset, commune, state_data):
        """Zoom to Brussels's 19 communes, to a chosen commune, or back to the default view."""
        patch = Patch()
        search = no_update
        if ctx.triggered_id == ids.BRUSSELS:
            center, zoom = BRUSSELS_CENTER, BRUSSELS_ZOOM
            # the link says so: opening it shows the same view
            search = to_query(state_from_data(state_data).replace(zoom="brussels", commune=None))
        elif ctx.triggered_id == ids.RESET:
            center, zoom = BELGIUM_CENTER, BELGIUM_ZOOM
            search = to_query(default_state(state_from_data(state_data).lang))
        elif as_str(commune) in points:
            center, zoom = points[commune], COMMUNE_ZOOM
        else:
            return no_update, no_update
        # a new revision on each click: the view also forgets where the user dragged it
        revision = f"{_brussels}-{_reset}-{commune}"
        _apply(patch, map_view_updates(center, zoom, revision))
        return patch, search

    @app.callback(
        Output(ids.REGION, "value", allow_duplicate=True),
        Output(ids.PROVINCE, "value", allow_duplicate=True),
        Output(ids.LEVEL, "value", allow_duplicate=True),
        Input(ids.BREAKDOWN_CHART, "clickData"),
        Input(ids.DRILL_GO, "n_clicks"),
        State(ids.DRILL, "value"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_drill_down(click, _go, chosen, state_data):
        """A click on a bar, or the area chosen under the level and its button (the
        keyboard's way), opens the next level for that area."""
        if ctx.triggered_id == ids.DRILL_GO:
            unit = as_str(chosen)
        else:
            points = as_dict_list(as_dict(click).get("points")) or [{}]
            unit = as_str(points[0].get("customdata"))
        state = views.drill_down(state_from_data(state_data), unit)
        if state is None:
            return no_update, no_update, no_update
        return list(state.region), list(state.province), state.level

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def export_table(clicks, state_data, upload_payload):
        """The table of the current view as CSV (UTF-8 with a byte-order mark; ";" on the
        French, Dutch and German pages, as their Excel expects)."""
        as_clicks(clicks)
        name, content = make_export(bundle, "csv", state_from_data(state_data),
                                    as_snapshot(upload_payload))  # fmt: skip
        return dcc.send_bytes(content, name)

    @app.callback(
        Output(ids.COMMUNE_TABLE, "dashGridOptions"),
        *[Output(grid, "dashGridOptions") for grid in LOCALISED_GRIDS],
        Input(ids.TABLE_SEARCH, "value"),
        Input(ids.LANG_STORE, "data"),
    )
    def update_table_search(text, lang):
        """The search box filters the table twin of the map; the grids speak the language."""
        locale = components.grid_locale(as_lang(lang))
        search = Patch()
        search["quickFilterText"] = as_str(text) or ""
        search["localeText"] = locale
        others = []
        for _grid in LOCALISED_GRIDS:
            patch = Patch()
            patch["localeText"] = locale
            others.append(patch)
        return search, *others

    # The table twin shows the rows the mask selects: a click sends one character per
    # commune, not the rows again.
    app.clientside_callback(
        """function(mask, rows) {
            if (!rows) { return []; }
            if (!mask) { return rows; }
            return rows.filter(function(row, i) { return mask[i] === "1"; });
        }""",
        Output(ids.COMMUNE_TABLE, "rowData"),
        Input(ids.COMMUNE_MASK, "data"),
        Input(ids.COMMUNE_ROWS, "data"),
    )

    # The share link: the page's own address, as the browser has it.
    app.clientside_callback(
        "function(search) { return window.location.href; }",
        Output(ids.SHARE, "value"),
        Input(ids.URL, "search"),
    )

    # The button under the short ranking opens the Ranking tab and brings it into view.
    app.clientside_callback(
        """function(n) {
            if (!n) { return window.dash_clientside.no_update; }
            const panel = document.getElementById("ANALYSIS");
            if (panel) { setTimeout(() => panel.scrollIntoView({block: "start"}), 50); }
            return "ranking";
        }""".replace("ANALYSIS", ids.ANALYSIS),
        Output(ids.ANALYSIS_TABS, "value", allow_duplicate=True),
        Input(ids.SIDE_MORE, "n_clicks"),
        prevent_initial_call=True,
    )
