"""The page layout: build_* functions returning component trees.

The tree is static; every text is filled in by the language callback
(:data:`TEXT_TARGETS`), and every value by the URL-state callback, so a link restores a
view and a language switch never rebuilds the controls.
"""

from __future__ import annotations

import json

from dash import dcc, html

from dashboard import i18n, ids
from dashboard import upload as upload_limits
from dashboard.bundle import DataBundle
from dashboard.callbacks.errors import alert_texts
from dashboard.figures.config import MAP_GRAPH_CONFIG, STATIC_GRAPH_CONFIG
from dashboard.figures.map import CATEGORY_COLOURS
from dashboard.filters import FILTERS, Filter
from dashboard.i18n import LANGUAGE_NAMES, LANGUAGES
from dashboard.layout.briefing import (
    BRIEFING_TEXTS,
    build_briefing_panel,
    build_present_bar,
    build_present_footnote,
)
from dashboard.layout.compare import build_compare_tab
from dashboard.layout.components import build_grid
from dashboard.layout.gaps import build_gaps_tab, build_ranking_tab
from dashboard.layout.profile import build_profile_tab
from dashboard.layout.side_ranking import build_side_panel
from dashboard.state import DEFAULT_STATE, LEVELS

# (component id, property, catalogue key): texts the language callback fills in.
TEXT_TARGETS: tuple[tuple[object, str, str], ...] = (
    *BRIEFING_TEXTS,
    (ids.TITLE, "children", "app.title"),
    (ids.SUBTITLE, "children", "app.subtitle"),
    (ids.SKIP_LINK, "children", "a11y.skip_link"),
    (ids.LANGUAGE_LABEL, "children", "control.language"),
    (ids.DATASET_LABEL, "children", "control.dataset"),
    (ids.UPLOAD_TEXT, "children", "upload.drop"),
    (ids.UPLOAD_HELP, "children", "upload.session_only"),
    (ids.DATE_LABEL, "children", "control.date"),
    (ids.FILTERS_TITLE, "children", "control.filters"),
    *((f.label, "children", f.label_key) for f in FILTERS),
    (ids.COMMUNE_LABEL, "children", "control.commune_search"),
    (ids.COMMUNE, "placeholder", "control.commune_search_placeholder"),
    (ids.PROVINCE, "placeholder", "control.province_all"),
    (ids.BRUSSELS, "children", "button.zoom_brussels"),
    (ids.RESET, "children", "button.reset"),
    (ids.SHARE_COPY, "title", "button.share"),
    (ids.SHARE_LABEL, "children", "button.share"),
    (ids.MAPPING_APPLY, "children", "upload.mapping_apply"),
    (ids.KPI_TITLE, "children", "kpi.title"),
    (ids.MAP_TITLE, "children", "a11y.map_name"),
    (ids.LEVEL_LABEL, "children", "control.level"),
    (ids.DRILL_LABEL, "children", "a11y.drill_label"),
    (ids.DRILL, "placeholder", "a11y.drill_placeholder"),
    (ids.DRILL_GO, "children", "a11y.drill_button"),
    (ids.TIMELINE_TITLE, "children", "timeline.title"),
    (ids.TABLE_TITLE, "children", "a11y.table_alternative"),
    (ids.EXPORT, "children", "button.export"),
    (ids.TABLE_SEARCH_LABEL, "children", "a11y.table_search"),
    (ids.TABLE_SEARCH, "placeholder", "control.commune_search_placeholder"),
    (ids.ANALYSIS_TITLE, "children", "analysis.title"),
    (ids.TAB_GAPS, "label", "analysis.tab.gaps"),
    (ids.TAB_RANKING, "label", "analysis.tab.ranking"),
    (ids.TAB_COMPARE, "label", "analysis.tab.compare"),
    (ids.TAB_COMMUNE, "label", "analysis.tab.commune"),
)


def option_lists(lang: str, has_example: bool) -> dict[str, list[dict]]:
    """Translated options of every choice control."""
    datasets = ["public"] + (["example"] if has_example else []) + ["upload"]
    return {
        ids.DATASET: [{"label": i18n.t(f"dataset.{d}", lang), "value": d} for d in datasets],
        **{f.control: f.options(lang) for f in FILTERS},
        ids.LEVEL: [{"label": i18n.level_label(lv, lang), "value": lv} for lv in LEVELS],
    }


def _label(id_: str, for_: str) -> html.Label:
    """The label of one labelable control (a dropdown's button, an input)."""
    return html.Label(id=id_, htmlFor=for_, className="control-label")


def _group(label_id: str, control, *, radio: bool = False, **extra) -> html.Div:
    """A checklist or radio list with its visible name: a group of native checkboxes or
    radios named by the label (``assets/a11y.js`` removes the listbox roles Dash 4 puts
    around them)."""
    return html.Div(
        [html.Span(id=label_id, className="control-label"), control],
        role="radiogroup" if radio else "group",
        **{"aria-labelledby": label_id},
        **extra,
    )


def _filter_control(f: Filter, options: list[dict]) -> list:
    """A filter's control with its visible name (a group of checkboxes, or a labelled
    dropdown), at its default value."""
    value = f.to_control(f.default)
    if f.widget == "checklist":
        # the status boxes carry their colour swatch (assets/style.css)
        extra = f" {f.field}-checklist" if f.field == "status" else ""
        box = dcc.Checklist(id=f.control, options=options, value=value,
                            className=f"stacked{extra}")  # fmt: skip
        return [_group(f.label, box)]
    return [
        _label(f.label, f.control),
        dcc.Dropdown(
            id=f.control, options=options, value=value, multi=f.multi, clearable=f.multi
        ),  # fmt: skip
    ]


def build_header() -> html.Header:
    return html.Header(
        [
            html.A(id=ids.SKIP_LINK, href="#main", className="skip-link"),
            html.Div(
                [html.H1(id=ids.TITLE), html.P(id=ids.SUBTITLE, className="subtitle")],
                className="titles",
            ),
            _group(
                ids.LANGUAGE_LABEL,
                dcc.RadioItems(
                    id=ids.LANGUAGE,
                    options=[{"label": LANGUAGE_NAMES[lang], "value": lang} for lang in LANGUAGES],
                    value=DEFAULT_STATE.lang,
                    inline=True,
                    className="language-switch",
                ),
                radio=True,
                className="language",
            ),
        ],
        className="page-header",
    )


def build_dataset_controls(options: dict[str, list[dict]]) -> html.Section:
    return html.Section(
        [
            _group(
                ids.DATASET_LABEL,
                dcc.RadioItems(
                    id=ids.DATASET,
                    options=options[ids.DATASET],
                    value=DEFAULT_STATE.dataset,
                    className="stacked",
                ),
                radio=True,
            ),
            # The file input inside dcc.Upload is named by the drop-zone text (a11y.js).
            # A larger file, or another kind, is not sent: upload_limits.js says why.
            html.Div(
                dcc.Upload(
                    id=ids.UPLOAD,
                    children=html.Div(id=ids.UPLOAD_TEXT),
                    className="upload",
                    accept=upload_limits.ACCEPT,
                    max_size=upload_limits.MAX_FILE_BYTES,  # over MAX_BYTES: the importer says
                    multiple=False,
                ),
                **{
                    "data-a11y-name": ids.UPLOAD_TEXT,
                    "data-a11y-desc": ids.UPLOAD_HELP,
                    "data-upload-max": str(upload_limits.MAX_FILE_BYTES),
                    "data-upload-accept": upload_limits.ACCEPT,
                },  # fmt: skip
            ),
            html.P(id=ids.UPLOAD_HELP, className="help"),
            html.Span(id=ids.DATE_LABEL, className="control-label"),
            # The slider's value is an index into the published dates: its thumb is named
            # by the label and speaks the date shown below it (a11y.js); no number box.
            html.Div(
                dcc.Slider(
                    id=ids.DATE,
                    min=0,
                    max=1,
                    step=1,
                    value=1,
                    included=False,
                    allow_direct_input=False,
                ),
                className="date-slider",
                id=ids.DATE_WRAPPER,
                **{"data-a11y-name": ids.DATE_LABEL, "data-a11y-valuetext": ids.DATE_VALUE},
            ),
            html.P(id=ids.DATE_VALUE, className="date-value", **{"aria-live": "polite"}),
        ],
        className="panel dataset",
    )


def build_filters(options: dict[str, list[dict]]) -> html.Section:
    return html.Section(
        [
            html.H2(id=ids.FILTERS_TITLE),
            *(part for f in FILTERS for part in _filter_control(f, options[f.control])),
            _label(ids.COMMUNE_LABEL, ids.COMMUNE),
            # options come from the server's search, best match first (search_order="original")
            dcc.Dropdown(
                id=ids.COMMUNE, value=None, clearable=True, searchable=True, search_order="original"
            ),
            html.Div(
                [
                    html.Button(id=ids.BRUSSELS, n_clicks=0, className="button"),
                    html.Button(id=ids.RESET, n_clicks=0, className="button secondary"),
                ],
                className="buttons",
            ),
            html.Div(
                [
                    html.Label(id=ids.SHARE_LABEL, htmlFor=ids.SHARE, className="control-label"),
                    dcc.Input(id=ids.SHARE, readOnly=True, value="", className="share-link"),
                    # Dash renders a bare <div>: a11y.js makes an "a11y-button" a button
                    # (named by its title, in the tab order, Enter and Space click it).
                    dcc.Clipboard(
                        target_id=ids.SHARE, id=ids.SHARE_COPY, className="copy a11y-button"
                    ),
                ],
                className="share",
            ),
        ],
        className="panel filters",
    )


def build_drill_down() -> html.Div:
    """The bars' drill-down for a keyboard: the area of a bar and a button that does what a
    click on that bar does. Choices and visibility come with the chart (view callback)."""
    return html.Div(
        [
            _label(ids.DRILL_LABEL, ids.DRILL),
            html.Div(
                [
                    dcc.Dropdown(id=ids.DRILL, clearable=False, searchable=False,
                                 className="drill-choice"),
                    html.Button(id=ids.DRILL_GO, n_clicks=0, type="button", className="button"),
                ],
                className="drill-row",
            ),
        ],
        id=ids.DRILL_BOX,
        className="drill",
        hidden=True,
    )  # fmt: skip


def build_legend() -> html.Div:
    """Filled by the view callback; the swatch colours are fixed here."""
    return html.Div(id=ids.LEGEND, className="legend", role="list")


def legend_items(
    labels: dict[str, str], title: str, flags_label: str, *, region_shading: bool
) -> list:
    """A named legend: one swatch per status (the unknown swatch shows the region shading
    when published shares fill in for the missing commune data), and the programme marker."""
    items = [html.Strong(title, className="legend-title")]
    for cat, label in labels.items():
        gradient = region_shading and cat == "unknown"
        items.append(
            html.Span(
                [html.Span(className="swatch gradient" if gradient else "swatch",
                           style={"background": CATEGORY_COLOURS[cat]}),
                 label],
                className="legend-item",
                role="listitem",
            )
        )  # fmt: skip
    items.append(
        html.Span([html.Span(className="marker-dot"), flags_label], className="legend-item",
                  role="listitem")
    )  # fmt: skip
    return items


#: The analysis tabs: (ViewState.view, tab id, label key).
ANALYSIS_TABS = (
    ("gaps", ids.TAB_GAPS, "analysis.tab.gaps"),
    ("ranking", ids.TAB_RANKING, "analysis.tab.ranking"),
    ("compare", ids.TAB_COMPARE, "analysis.tab.compare"),
    ("commune", ids.TAB_COMMUNE, "analysis.tab.commune"),
)


def build_analysis(bundle: DataBundle) -> html.Section:
    """The analysis section (issue 13): one tab per view, the tab shown is in the link."""
    contents = {
        "gaps": build_gaps_tab(),
        "ranking": build_ranking_tab(),
        "compare": build_compare_tab(bundle),  # every area and date listed from the start
        "commune": build_profile_tab(),
    }
    return html.Section(
        [
            html.H2(id=ids.ANALYSIS_TITLE),
            dcc.Tabs(
                id=ids.ANALYSIS_TABS,
                value=DEFAULT_STATE.view,
                children=[
                    dcc.Tab(
                        id=tab_id,
                        value=view,
                        children=contents[view],
                        className="analysis-tab",
                        selected_className="analysis-tab selected",
                    )
                    for view, tab_id, _key in ANALYSIS_TABS
                ],
            ),  # fmt: skip
        ],
        id=ids.ANALYSIS,
        className="panel analysis",
    )


def build_main(options: dict[str, list[dict]], bundle: DataBundle) -> html.Main:
    return html.Main(
        [
            build_present_bar(),
            html.Div(id=ids.ILLUSTRATIVE_BANNER, className="banner", role="note"),
            html.Div(id=ids.NOTICES, className="notices", role="status"),
            # The importer's answer (errors table, column mapping) at full width, by the data.
            html.Div(
                [
                    html.Div(id=ids.UPLOAD_RESULT, role="status"),
                    html.Div(id=ids.UPLOAD_MAPPING, className="upload-mapping"),
                    html.Button(id=ids.MAPPING_APPLY, n_clicks=0, hidden=True, className="button"),
                ],
                className="upload-result",
            ),
            html.Section(
                [
                    html.H2(id=ids.KPI_TITLE, className="visually-hidden"),
                    html.Div(id=ids.KPI, className="kpi-strip"),
                    html.P(id=ids.KPI_AS_OF, className="as-of"),
                ],
                className="kpis",
            ),
            html.Section(
                [
                    html.H2(id=ids.MAP_TITLE, className="visually-hidden"),
                    build_legend(),
                    # A figure named by its heading and described by its summary; not
                    # role="img": it holds the map's keyboard-operable canvas and buttons.
                    html.Div(
                        [
                            html.Figure(
                                dcc.Graph(
                                    id=ids.MAP,
                                    className="map",
                                    config=MAP_GRAPH_CONFIG,
                                    style={"height": "62vh"},
                                ),
                                id="map-figure",
                                **{
                                    "aria-labelledby": ids.MAP_TITLE,
                                    "aria-describedby": ids.MAP_SUMMARY,
                                },
                            ),
                            build_side_panel(),
                        ],
                        className="map-row",
                    ),  # fmt: skip
                    html.P(id=ids.MAP_SUMMARY, className="map-summary", **{"aria-live": "polite"}),
                    html.P(id=ids.MAP_NOTE, className="map-note"),
                ],
                className="map-section",
            ),
            build_present_footnote(),
            html.Section(
                [
                    html.H2(id=ids.BREAKDOWN_TITLE),
                    _group(
                        ids.LEVEL_LABEL,
                        dcc.RadioItems(
                            id=ids.LEVEL, options=options[ids.LEVEL], value="region", inline=True
                        ),
                        radio=True,
                    ),
                    build_drill_down(),
                    html.Div(
                        [
                            dcc.Graph(
                                id=ids.BREAKDOWN_CHART,
                                config=STATIC_GRAPH_CONFIG,
                            ),
                            build_grid(
                                ids.BREAKDOWN_TABLE, auto_height=True, sortable=False, fit=False
                            ),
                        ],
                        className="breakdown-body",
                    ),
                    html.Ul(id=ids.BREAKDOWN_NOTES, className="notes"),
                    html.Div(id=ids.RECONCILE, className="reconciliation"),
                ],
                className="panel breakdown",
            ),
            build_analysis(bundle),
            html.Section(
                [
                    html.H2(id=ids.TIMELINE_TITLE),
                    dcc.Graph(id=ids.TIMELINE, config=STATIC_GRAPH_CONFIG),
                ],
                className="panel timeline",
            ),  # fmt: skip
            html.Section(
                [
                    html.H2(id=ids.TABLE_TITLE),
                    html.Button(id=ids.EXPORT, n_clicks=0, className="button secondary"),
                    dcc.Download(id=ids.DOWNLOAD),
                    html.Div(
                        [
                            _label(ids.TABLE_SEARCH_LABEL, ids.TABLE_SEARCH),
                            dcc.Input(
                                id=ids.TABLE_SEARCH,
                                type="search",
                                debounce=False,
                                className="table-search",
                            ),
                        ],
                        className="table-tools",
                    ),  # fmt: skip
                    build_grid(ids.COMMUNE_TABLE, filters=True),
                ],
                className="panel table-twin",
            ),
            html.Section(id=ids.PROVENANCE, className="panel provenance"),
        ],
        id="main",
        tabIndex="-1",
    )


def build_layout(bundle: DataBundle) -> html.Div:
    options = option_lists(i18n.DEFAULT_LANGUAGE, bundle.example is not None)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.STATE),
            dcc.Store(id=ids.LANG_STORE),
            dcc.Store(id=ids.MAP_META),
            dcc.Store(id=ids.COMMUNE_ROWS),
            dcc.Store(id=ids.COMMUNE_MASK),
            dcc.Store(id=ids.NOTICE_KEYS, data=[]),
            dcc.Store(id=ids.UPLOAD_STORE, storage_type="memory"),
            dcc.Store(id=ids.UPLOAD_REJECTED),  # a file the page did not send (upload_limits.js)
            dcc.Store(id=ids.HTML_LANG_SINK),
            build_header(),
            # A failed callback (errors.on_error) or request (request_errors.js) says so here.
            html.Div(
                id=ids.CALLBACK_ERROR,
                role="alert",
                className="callback-error",
                **{"data-texts": json.dumps(alert_texts(), ensure_ascii=False)},
            ),
            html.Div(
                [
                    html.Aside(
                        [
                            build_dataset_controls(options),
                            build_filters(options),
                            build_briefing_panel(),
                        ],  # fmt: skip
                        className="sidebar",
                    ),
                    build_main(options, bundle),
                ],
                className="body",
            ),
            html.Footer(id=ids.ATTRIBUTION, className="attribution"),
        ],
        id=ids.PAGE,
        className="page",
    )
