"""The gap explorer's and the ranking's callbacks (issue 13): thin, over pure views.

One callback answers every change of the view state (one round trip): it fills in the tab
that is shown (:attr:`ViewState.view`), and only what changed since the browser last got it
(``ANALYSIS_KEYS`` holds the keys of what it has); the other tab is not computed. It also
keeps the map's highlight of the chosen gap commune (two traces after the coverage map's
own, patched whole so their indices never move; cleared when the commune is no gap or the
gap explorer is left). Choosing a row sets the page's commune (``ids.COMMUNE``): the page
callback puts it in the link and the map-view callback zooms there. The other way round, the
page's commune (a link, the search box) is the row selected in the table, when it is a gap,
and the view's first area (``a=``, when of the breakdown level) the ranking's peer choice:
a link restores both. Neither loops: a selection the table is given sends nothing back
(dash-ag-grid pauses its selection events meanwhile), and a row or an area already chosen
is not chosen again.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from dash import Dash, Input, Output, Patch, State, html, no_update

from dashboard import i18n, ids, views
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_dict, as_dict_list, as_snapshot, as_str
from dashboard.callbacks.state import state_from_data
from dashboard.figures.analysis import (
    HIGHLIGHT_MARKER,
    HIGHLIGHT_OUTLINE,
    highlight_traces,
    ranking_figure,
)
from dashboard.layout import gaps as layout
from dashboard.layout.components import grid_locale
from dashboard.server import geometry_url
from dashboard.state import ViewState, peer_subject
from dashboard.views.gaps import gap_detail, gap_table_rows, gaps_view
from dashboard.views.ranking import area_options, area_peers_view, mask_bits, ranking_view

#: What the callback fills in, in the order of its outputs.
GAPS_OUTPUTS: tuple[tuple[str, str], ...] = (
    (layout.GAPS_TITLE, "children"),
    (layout.GAPS_SUMMARY, "children"),
    (layout.GAPS_UNKNOWN, "children"),
    (layout.GAPS_UNKNOWN, "hidden"),
    (layout.GAPS_HELP, "children"),
    (layout.GAPS_ROWS, "data"),
    (layout.GAPS_TABLE, "columnDefs"),
    (layout.GAPS_TABLE, "dashGridOptions"),
    (layout.GAPS_TABLE, "selectedRows"),
)
DETAIL_OUTPUTS: tuple[tuple[str, str], ...] = ((layout.GAPS_DETAIL, "children"),)
RANKING_OUTPUTS: tuple[tuple[str, str], ...] = (
    (layout.RANKING_TITLE, "children"),
    (layout.RANKING_HELP, "children"),
    (layout.RANKING_LINES, "children"),
    (layout.RANKING_AXIS, "children"),
    (layout.RANKING_SCROLL, "aria-label"),
    (layout.RANKING_CHART, "figure"),
    (layout.RANKING_TABLE, "rowData"),
    (layout.RANKING_TABLE, "columnDefs"),
    (layout.RANKING_TABLE, "dashGridOptions"),
)
PEER_CHOICE_OUTPUTS: tuple[tuple[str, str], ...] = (
    (layout.RANKING_PEER_LABEL, "children"),
    (layout.RANKING_PEER_HELP, "children"),
    (layout.RANKING_PEER_CHOICE, "options"),
    (layout.RANKING_PEER_CHOICE, "value"),
    (layout.RANKING_PEER_KEY, "data"),
)
ANALYSIS_OUTPUTS: tuple[tuple[str, str], ...] = (
    *GAPS_OUTPUTS, *DETAIL_OUTPUTS, *RANKING_OUTPUTS, *PEER_CHOICE_OUTPUTS,
    (ids.MAP, "figure"), (layout.ANALYSIS_KEYS, "data"),
)  # fmt: skip


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def data_key(shown: views.Shown) -> str:
    """The data on screen: dataset (a file: its content), date, division."""
    data = f"upload:{hash(shown.snapshot):x}" if shown.kind == "upload" else shown.kind
    return f"{data}|{shown.date_key}|{shown.vintage}"


def separators(lang: str) -> str:
    """Plotly's ``separators`` (decimal, then group symbol) in the language."""
    symbols = i18n.babel_locale(lang).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


def _gaps_outputs(bundle: DataBundle, shown, frame, mask, lang: str, new_data: bool) -> dict:
    """The gap explorer's outputs. A filter click (``new_data`` false: same dataset, date
    and language) sends the summary only: the browser filters the rows it has by the mask."""
    t = i18n.t
    view = gaps_view(bundle, shown, frame, mask, lang)
    out = {
        (layout.GAPS_SUMMARY, "children"): [html.P(line) for line in view.summary],
        (layout.GAPS_UNKNOWN, "children"): view.unknown,
        (layout.GAPS_UNKNOWN, "hidden"): not view.unknown,
    }
    if new_data:
        options = Patch()
        options["localeText"] = {**grid_locale(lang), "noRowsToShow": t("gaps.no_rows", lang)}
        out |= {
            (layout.GAPS_TITLE, "children"): t("gaps.title", lang),
            (layout.GAPS_HELP, "children"): t("gaps.help", lang),
            (layout.GAPS_ROWS, "data"): gap_table_rows(bundle, shown, lang),
            (layout.GAPS_TABLE, "columnDefs"): layout.gap_columns(
                lang, view.population_header, view.status_header
            ),
            (layout.GAPS_TABLE, "dashGridOptions"): options,
        }
    return out


@lru_cache(maxsize=256)
def _ranking_outputs(bundle: DataBundle, shown, lang: str, level: str, bits: str) -> dict:
    """The ranking tab's outputs, built once per (dataset, date, language, level, filter
    mask) and shared read-only."""
    t = i18n.t
    view = ranking_view(bundle, shown, lang, level, bits)
    figure = ranking_figure(view, separators(lang)).to_plotly_json()
    columns = layout.ranking_columns(lang, level, view.population_header)
    fields = {"unit", *(c["field"] for c in columns), *(f"{c['field']}_text" for c in columns)}

    def table(rows) -> list[dict]:  # what the table shows, not the chart's parts
        return [{k: v for k, v in r.items() if k in fields} for r in rows]

    return {
        (layout.RANKING_TITLE, "children"): view.title,
        (layout.RANKING_HELP, "children"): t("gaps.ranking.help", lang),
        (layout.RANKING_LINES, "children"): [html.Li(line) for line in view.lines],
        (layout.RANKING_AXIS, "children"): view.axis_title,
        (layout.RANKING_SCROLL, "aria-label"): t("gaps.ranking.chart_name", lang),
        (layout.RANKING_CHART, "figure"): figure,
        (layout.RANKING_TABLE, "rowData"): table(view.rows),
        (layout.RANKING_TABLE, "columnDefs"): columns,
        (layout.RANKING_TABLE, "dashGridOptions"): {"pinnedTopRowData": table(view.references),
                                                   "localeText": grid_locale(lang)},
    }  # fmt: skip


def _peer_choice_outputs(bundle: DataBundle, shown, lang: str, level: str) -> dict:
    t = i18n.t
    return {
        (layout.RANKING_PEER_LABEL, "children"): t("gaps.peers.choose", lang),
        (layout.RANKING_PEER_HELP, "children"): t("gaps.peers.help", lang),
        (layout.RANKING_PEER_CHOICE, "options"): list(area_options(bundle, shown, lang, level)),
    }


def render_area_peers(bundle: DataBundle, state: ViewState, upload, unit: str | None):
    """The chosen area's peer groups on the Ranking tab (the view is cached per dataset,
    date, language, level and area); ``no_update`` on another tab."""
    if state.view != "ranking":
        return no_update
    if not unit:
        return []
    shown = views.shown_data(bundle, state.dataset, state.date, upload)
    view = area_peers_view(bundle, shown, state.lang, state.level, str(unit))
    return layout.build_area_peers(view)


def gap_choice(rows, commune: str | None) -> tuple:
    """(commune box value, its options) for the gap table's selection ``rows``: the row's
    commune, or ``no_update`` when no row is selected or it is the page's commune already
    (a selection the page made: choosing it again would zoom the map again)."""
    row = (as_dict_list(rows) or [{}])[0]
    nis = as_str(row.get("nis"))
    if not nis or nis == commune:
        return no_update, no_update
    return nis, [{"label": as_str(row.get("name")) or nis, "value": nis}]


def ranked_area_choice(rows, chosen: str | None):
    """The peer choice's value for the ranking table's selection ``rows``: the row's area,
    or ``no_update`` when none is selected or it is chosen already."""
    row = (as_dict_list(rows) or [{}])[0]
    unit = as_str(row.get("unit"))
    return unit if unit and unit != chosen else no_update


def render_analysis(
    bundle: DataBundle,
    state: ViewState,
    upload,
    keys: dict | None,
    prefix: str = "/",
    peer_choice: str | None = None,
) -> dict:
    """What the analysis tabs and the map's highlight show for ``state``: {(component id,
    property): value}. ``keys``: what the browser has (``ANALYSIS_KEYS``); only what
    differs is computed and sent, the rest is ``no_update``. ``peer_choice``: the value the
    ranking's peer choice holds in the browser."""
    keys = dict(as_dict(keys))
    out: dict = dict.fromkeys(ANALYSIS_OUTPUTS, no_update)
    if state.view not in ("gaps", "ranking") and not keys.get("highlight"):
        return out  # another tab, nothing on the map to clear: nothing to do
    lang = state.lang
    shown, frame, mask = views.selection(bundle, state, upload)
    data = data_key(shown)
    base = f"{data}|{lang}"  # what the tabs' content depends on besides the filters
    bits = mask_bits(mask)
    new = dict(keys)
    if state.view == "gaps":
        new["gaps"] = _digest(f"{base}|{bits}")
        if keys.get("gaps") != new["gaps"]:
            new["gap_rows"] = base
            out.update(_gaps_outputs(bundle, shown, frame, mask, lang,
                                     new_data=keys.get("gap_rows") != base))  # fmt: skip
    detail = gap_detail(bundle, shown, lang, state.commune) if state.view == "gaps" else None
    if state.view == "gaps":
        new["detail"] = f"{base}|{state.commune or ''}"
        if keys.get("detail") != new["detail"]:
            out[(layout.GAPS_DETAIL, "children")] = layout.build_gap_detail(detail, lang)
        # The row selected: the page's commune when it is a gap (chosen by a row, a link or
        # the search box), else none. The table applies it to its rows when they come.
        new["selected"] = detail.nis if detail else ""
        if (keys.get("selected") or "") != new["selected"]:
            out[(layout.GAPS_TABLE, "selectedRows")] = {"ids": [detail.nis]} if detail else []
    # The highlight: its own key without the language (the outlines do not change with it).
    new["highlight"] = f"{data}|{detail.nis}" if detail else ""
    if new["highlight"] != (keys.get("highlight") or ""):
        url = geometry_url(shown.vintage, "communes", bundle.vintages[shown.vintage].digest,
                           prefix)  # fmt: skip
        name = detail.lines[0] if detail else ""
        patch = Patch()
        for index, trace in zip(
            (HIGHLIGHT_OUTLINE, HIGHLIGHT_MARKER),
            highlight_traces(url, detail, name),
            strict=True,
        ):
            patch["data"][index] = trace
        out[(ids.MAP, "figure")] = patch  # fmt: skip
    if state.view == "ranking":
        new["ranking"] = _digest(f"{base}|{state.level}|{bits}")
        if keys.get("ranking") != new["ranking"]:
            out.update(_ranking_outputs(bundle, shown, lang, state.level, bits))
        # The peer choice lists every area of the level (a filter click changes nothing of
        # it). Its value is the view's first area when that is one of them (a link, a row,
        # the comparison's list), sent with the options (or after them): a dropdown drops a
        # value its options lack. An area the data shown lacks is not chosen.
        new["peer_options"] = f"{base}|{state.level}"
        if keys.get("peer_options") != new["peer_options"]:
            out.update(_peer_choice_outputs(bundle, shown, lang, state.level))
            out[(layout.RANKING_PEER_KEY, "data")] = new["peer_options"]
        subject = peer_subject(state)
        options = area_options(bundle, shown, lang, state.level)
        chosen = subject if any(o["value"] == subject for o in options) else None
        if chosen != (peer_choice or None):
            out[(layout.RANKING_PEER_CHOICE, "value")] = chosen
    if new != keys:
        out[(layout.ANALYSIS_KEYS, "data")] = new
    return out


def register(app: Dash, bundle: DataBundle) -> None:
    prefix = app.config.requests_pathname_prefix or "/"

    @app.callback(
        *[Output(cid, prop, allow_duplicate=cid == ids.MAP) for cid, prop in ANALYSIS_OUTPUTS],
        Input(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(layout.ANALYSIS_KEYS, "data"),
        State(layout.RANKING_PEER_CHOICE, "value"),
        prevent_initial_call=True,
    )
    def update_analysis(state_data, upload_payload, keys, peer_choice):
        """The tab shown, and the map's highlight, for the view state."""
        out = render_analysis(bundle, state_from_data(state_data), as_snapshot(upload_payload),
                              as_dict(keys), prefix, as_str(peer_choice))  # fmt: skip
        return tuple(out[k] for k in ANALYSIS_OUTPUTS)

    @app.callback(
        Output(layout.RANKING_PEERS, "children"),
        Input(layout.RANKING_PEER_CHOICE, "value"),
        Input(layout.RANKING_PEER_KEY, "data"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def update_area_peers(unit, _key, state_data, upload_payload):
        """The area chosen (list or table row) against its peers, in the page's language."""
        return render_area_peers(bundle, state_from_data(state_data),
                                 as_snapshot(upload_payload), as_str(unit))  # fmt: skip

    @app.callback(
        Output(layout.RANKING_PEER_CHOICE, "value", allow_duplicate=True),
        Input(layout.RANKING_TABLE, "selectedRows"),
        State(layout.RANKING_PEER_CHOICE, "value"),
        prevent_initial_call=True,
    )
    def choose_ranked_area(rows, chosen):
        """A row chosen in the ranking table is the area compared with its peers (the page
        callback puts it in the link)."""
        return ranked_area_choice(rows, as_str(chosen))

    @app.callback(
        Output(ids.COMMUNE, "value", allow_duplicate=True),
        Output(ids.COMMUNE, "options", allow_duplicate=True),
        Input(layout.GAPS_TABLE, "selectedRows"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def choose_gap(rows, state_data):
        """A row chosen in the gap explorer is the page's commune: the link names it and
        the map zooms to it. The commune box keeps a value only with its option: the row's
        name is that option until the page callback sends its own."""
        return gap_choice(rows, state_from_data(state_data).commune)

    # A row chosen in the table (a click, or Space on a focused row: the focus is in the
    # grid) zooms the map, which is far above: it is brought into view to be seen. A row
    # that a link or the search box selects moves nothing.
    app.clientside_callback(
        """function(selected) {
            const grid = document.getElementById(GRID);
            const active = document.activeElement;
            const chosenHere = grid && active && grid.contains(active);
            const map = document.getElementById("map-figure");
            const rows = Array.isArray(selected) ? selected : (selected && selected.ids) || [];
            if (chosenHere && map && rows.length) {
                setTimeout(function() { map.scrollIntoView({block: "center"}); }, 50);
            }
            return window.dash_clientside.no_update;
        }""".replace("GRID", json.dumps(layout.GAPS_TABLE)),
        Output(layout.GAPS_TABLE, "scrollTo", allow_duplicate=True),
        Input(layout.GAPS_TABLE, "selectedRows"),
        prevent_initial_call=True,
    )

    # A row selected from the page's commune (a link, the search box) is shown: the table
    # scrolls to it, once its rows are there (they come after the selection). Nothing is
    # sent: the grid's own API scrolls; a row a click selected is in view already.
    app.clientside_callback(
        """function(selected) {
            const none = window.dash_clientside.no_update;
            const ids = selected && !Array.isArray(selected) ? selected.ids : null;
            if (!ids || !ids.length || !window.dash_ag_grid) { return none; }
            window.dash_ag_grid.getApiAsync(GRID).then(function(api) {
                function show() {
                    const node = api.getRowNode(ids[0]);
                    if (!node || node.rowIndex === null) { return false; }
                    api.ensureNodeVisible(node, null);
                    return true;
                }
                if (show()) { return; }
                const wait = function() {
                    if (show()) { api.removeEventListener("rowDataUpdated", wait); }
                };
                api.addEventListener("rowDataUpdated", wait);
                setTimeout(function() { api.removeEventListener("rowDataUpdated", wait); },
                           10000);
            }).catch(function() {});
            return none;
        }""".replace("GRID", json.dumps(layout.GAPS_TABLE)),
        Output(layout.GAPS_TABLE, "scrollTo"),
        Input(layout.GAPS_TABLE, "selectedRows"),
        prevent_initial_call=True,
    )

    # The table shows the rows the page's filter mask keeps (one character per commune of
    # the commune frame; each row knows its place ``i``): a click sends no rows again.
    app.clientside_callback(
        """function(mask, rows) {
            if (!rows) { return []; }
            if (!mask) { return rows; }
            return rows.filter(function(row) { return mask[row.i] === "1"; });
        }""",
        Output(layout.GAPS_TABLE, "rowData"),
        Input(ids.COMMUNE_MASK, "data"),
        Input(layout.GAPS_ROWS, "data"),
    )
