"""The comparison tab's contents: two areas or two dates side by side (issue 13).

:func:`build_compare_tab` is the static part (the two lists, page controls read into
``ViewState.cmp_a`` / ``cmp_b``); :func:`build_compare_panel` turns a
:class:`dashboard.views.compare.ComparePanel` into components: two small maps on one colour
scale (the main map's categories and colours, and the division's geometry the browser
already holds), their shared legend, the key figures of both sides with the difference and
how each is computed, the published figures, the changes between two dates, and a table
twin of the maps.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.figures.config import STATIC_GRAPH_CONFIG
from dashboard.figures.map import (
    CATEGORIES,
    CATEGORY_COLOURS,
    PROJECTION,
    category_codes,
    category_colourscale,
)
from dashboard.layout.components import build_grid
from dashboard.views.compare import ComparePanel, SideView, layout_options

# ids of the tab beyond dashboard.ids (COMPARE_A, COMPARE_B, COMPARE_PANEL)
INTRO = "compare-intro"
A_LABEL = "compare-a-label"
B_LABEL = "compare-b-label"
META = "compare-meta"  # dcc.Store: what the browser holds (options key, panel key)
MAP_LEFT = "compare-map-left"
MAP_RIGHT = "compare-map-right"
TABLE = "compare-table"
FIGURES = "compare-figures"

MAP_HEIGHT = 300  # px: two maps side by side in the analysis panel


def _static_options(bundle: DataBundle) -> tuple[list[dict], list[dict]]:
    """Every area of every division and every published date (English), so that a link's
    ``a=`` / ``b=`` is a choice of its list from the start: a dropdown clears a value its
    options lack, and the page callback sets the value before this tab's callback sends the
    options of the data on screen."""
    return layout_options(bundle.vintages, bundle.record, i18n.DEFAULT_LANGUAGE)


def _choice(label_id: str, dropdown_id: str, options: list[dict]) -> html.Div:
    """One side's list with its label (filled in the page language by the tab's callback)."""
    return html.Div(
        [
            html.Label(id=label_id, htmlFor=dropdown_id, className="control-label"),
            dcc.Dropdown(id=dropdown_id, options=options, value=None, clearable=True,
                         searchable=True),
        ],
        className="compare-choice",
    )  # fmt: skip


def build_compare_tab(bundle: DataBundle) -> html.Div:
    """The two sides to compare (page controls: ViewState.cmp_a, cmp_b) and the panel."""
    options_a, options_b = _static_options(bundle)
    return html.Div(
        [
            html.P(id=INTRO, className="help"),
            html.Div(
                [
                    _choice(A_LABEL, ids.COMPARE_A, options_a),
                    _choice(B_LABEL, ids.COMPARE_B, options_b),
                ],
                className="compare-controls",
            ),  # fmt: skip
            dcc.Store(id=META),
            html.Div(id=ids.COMPARE_PANEL, className="compare-panel", **{"aria-live": "polite"}),
        ],
        className="analysis-panel compare",
    )


# ----------------------------------------------------------------------------- the panel


def compare_map_figure(side: SideView, geojson: str) -> dict:
    """A small map of one side: only the area's communes (the division's geometry by URL,
    which the browser has cached for the main map), coloured by the main map's categories
    on its fixed scale, its view the area's extent. Plain JSON: nothing to validate on each send."""
    trace = {
        "type": "choropleth",
        "geojson": geojson,
        "featureidkey": "properties.nis",
        "locations": list(side.nis),
        "z": category_codes(list(side.categories)),
        "zmin": -0.5,  # category i covers [i - 0.5, i + 0.5): one scale for every map
        "zmax": len(CATEGORIES) - 0.5,
        "colorscale": category_colourscale(False),
        "showscale": False,
        "text": list(side.hovers),
        "hovertemplate": "%{text}<extra></extra>",
        "marker": {"line": {"width": 0.5, "color": "#FFFFFF"}},
    }
    x0, y0, x1, y1 = side.bounds
    centre = {"lon": (x0 + x1) / 2, "lat": (y0 + y1) / 2}
    geo = {
        "visible": False,  # no base layers: only the app's own geometry
        "scope": "world",
        "resolution": 110,  # the empty base map the page holds: GEO_TOPOJSON_NAME
        # the main map's projection, turned to the area; scale 1 fits the ranges in the box
        "projection": {**PROJECTION, "rotation": {"lon": centre["lon"]}, "scale": 1},
        "center": centre,
        "lonaxis": {"range": [x0, x1]},
        "lataxis": {"range": [y0, y1]},
        "fitbounds": False,
        "showframe": False,
        "bgcolor": "white",
    }
    return {
        "data": [trace],
        "layout": {
            "geo": geo,
            "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
            "height": MAP_HEIGHT,
            "paper_bgcolor": "white",
            "dragmode": False,
            "meta": {"accessible_name": side.map_name},
        },
    }


def _graph_config() -> dict:
    return {**STATIC_GRAPH_CONFIG, "scrollZoom": False}


def _side(side: SideView, graph_id: str, geojson: str) -> html.Section:
    heading_id, summary_id = f"{graph_id}-title", f"{graph_id}-summary"
    return html.Section(
        [
            html.H4(side.heading, id=heading_id),
            html.Figure(
                [
                    dcc.Graph(
                        id=graph_id,
                        figure=compare_map_figure(side, geojson),
                        config=_graph_config(),
                        style={"height": f"{MAP_HEIGHT}px"},
                    ),
                    html.Figcaption(side.summary, id=summary_id, className="map-summary"),
                ],
                **{"aria-labelledby": heading_id, "aria-describedby": summary_id},
            ),  # fmt: skip
            html.Ul([html.Li(line) for line in side.lines], className="compare-sources"),
        ],
        className="compare-side",
    )


def _legend(panel: ComparePanel, lang: str) -> html.Div:
    items: list = [html.Strong(i18n.t("legend.title", lang), className="legend-title")]
    for category, label in panel.legend:
        items.append(
            html.Span(
                [html.Span(className="swatch", style={"background": CATEGORY_COLOURS[category]}),
                 label],
                className="legend-item",
                role="listitem",
            )
        )  # fmt: skip
    return html.Div(items, className="legend", role="list")


def _scroll(table: html.Table, name: str) -> html.Div:
    """A table that scrolls sideways on a narrow screen, by keyboard too."""
    return html.Div(table, className="table-scroll", tabIndex="0", role="region",
                    **{"aria-label": name})  # fmt: skip


def _figures_table(panel: ComparePanel, lang: str) -> html.Table:
    head = html.Tr([html.Th(c, scope="col") for c in panel.columns])
    body = [
        html.Tr(
            [
                html.Th(r.label, scope="row"),
                html.Td(r.left, className="num"),
                html.Td(r.right, className="num"),
                html.Td(r.difference, className="num"),
                html.Td(r.basis, className="basis"),
            ],
            **{"data-figure": r.key},
        )
        for r in panel.figures
    ]
    return html.Table(
        [html.Caption(i18n.t("compare.figures.title", lang)), html.Thead(head), html.Tbody(body)],
        id=FIGURES,
        className="compare-figures",
    )


def _published_table(panel: ComparePanel, lang: str) -> list:
    if not panel.published and not panel.published_notes:
        return []
    out: list = [html.H4(panel.published_title)]
    if panel.published:
        head = html.Tr(
            [html.Th(c, scope="col") for c in (
                i18n.t("breakdown.col.measure", lang), panel.columns[1], panel.columns[2],
                panel.columns[3], i18n.t("reconcile.col.note", lang))]
        )  # fmt: skip
        body = [
            html.Tr([html.Th(r.measure, scope="row"), html.Td(r.left), html.Td(r.right),
                     html.Td(r.difference, className="num"), html.Td(r.note, className="basis")])
            for r in panel.published
        ]  # fmt: skip
        table = html.Table([html.Thead(head), html.Tbody(body)], className="compare-figures")
        out.append(_scroll(table, panel.published_title))
    out.append(html.Ul([html.Li(n) for n in panel.published_notes], className="notes"))
    return out


def _changes(panel: ComparePanel, lang: str) -> list:
    if not panel.changes:
        return []
    items = [
        html.Li(i18n.t("kpi.benchmark_value", lang, area=label,
                       value=i18n.format_number(count, lang)),
                className="zero" if not count else None, **{"data-change": code})
        for code, label, count in panel.changes
    ]  # fmt: skip
    return [html.H4(panel.changes_title), html.Ul(items, className="compare-changes")]


def _table(panel: ComparePanel, lang: str) -> list:
    columns = [
        {"field": f, "headerName": h, "wrapText": True, "autoHeight": True,
         "wrapHeaderText": True, "autoHeaderHeight": True, "headerTooltip": h,
         "flex": 2 if f in ("parts", "commune", "area") else 1}
        for f, h in panel.table_columns
    ]  # fmt: skip
    return [
        html.H4(panel.table_title),
        build_grid(TABLE, row_data=[dict(r) for r in panel.table_rows], column_defs=columns,
                   lang=lang, height="320px"),
        html.P(panel.table_note, className="help"),
    ]  # fmt: skip


def build_compare_panel(panel: ComparePanel, geojson: str, lang: str) -> list:
    """The panel's components (``geojson``: the URL of the division's commune geometry)."""
    notes = html.Ul([html.Li(n) for n in panel.notes], className="compare-notes")
    if panel.mode == "message":
        return [notes, html.P(panel.message, className="notice", role="status")]
    assert panel.left is not None and panel.right is not None
    out: list = []
    if panel.illustrative:
        out.append(html.Div(panel.illustrative, className="kpi-tag"))
    out += [
        html.H3(panel.title),
        notes,
        _legend(panel, lang),
        html.Div(
            [_side(panel.left, MAP_LEFT, geojson), _side(panel.right, MAP_RIGHT, geojson)],
            className="compare-sides",
        ),
        _scroll(_figures_table(panel, lang), i18n.t("compare.figures.title", lang)),
        *_published_table(panel, lang),
        *_changes(panel, lang),
        *_table(panel, lang),
    ]
    return out
