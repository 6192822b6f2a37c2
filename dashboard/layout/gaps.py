"""The gap explorer's and the ranking's tab contents (issue 13) and their tables' columns.

The ranking chart and the map's highlight of a gap commune are in
:mod:`dashboard.figures.analysis`.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import i18n, ids
from dashboard.figures.config import STATIC_GRAPH_CONFIG
from dashboard.layout.components import build_grid
from dashboard.views.gaps import GapDetail
from dashboard.views.ranking import AreaPeersView

# Ids of the two tabs' parts (the panels' own ids are in dashboard.ids).
GAPS_TITLE = "gaps-title"
GAPS_SUMMARY = "gaps-summary"
GAPS_UNKNOWN = "gaps-unknown"
GAPS_HELP = "gaps-help"
GAPS_TABLE = "gaps-table"
GAPS_DETAIL = "gaps-detail"
GAPS_ROWS = "gaps-rows"  # dcc.Store: every gap row of the data on screen, the mask picks
RANKING_TITLE = "ranking-title"
RANKING_HELP = "ranking-help"
RANKING_LINES = "ranking-lines"
RANKING_AXIS = "ranking-axis"
RANKING_SCROLL = "ranking-scroll"
RANKING_CHART = "ranking-chart"
RANKING_TABLE = "ranking-table"
RANKING_PEER_LABEL = "ranking-peer-label"
#: dcc.Dropdown: the area compared with its peers (its code; the view's first area, ``a=``,
#: when of the breakdown level: dashboard.state.peer_subject)
RANKING_PEER_CHOICE = "ranking-peer-choice"
RANKING_PEER_HELP = "ranking-peer-help"
RANKING_PEERS = "ranking-peers"
#: dcc.Store: what the peer choice's options are of (data, language, level); a change of it
#: or of the choice redraws the peer groups, a filter click does not.
RANKING_PEER_KEY = "ranking-peer-key"
#: What the browser already shows of the two tabs (keys of their content), so that a click
#: that changes nothing they show sends nothing.
ANALYSIS_KEYS = "gaps-ranking-keys"

#: The ranking chart's plotly config: the page's, without a toolbar.
CHART_CONFIG: dict = STATIC_GRAPH_CONFIG


def build_gaps_tab() -> html.Div:
    """The gap explorer: summary line, ranked uncovered communes, the chosen one."""
    grid = build_grid(GAPS_TABLE, height="440px")
    grid.dashGridOptions = {
        **grid.dashGridOptions,
        # one row at a time, by click or by the Space key on a focused row
        "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
    }
    grid.getRowId = "params.data.nis"  # the page's commune selects {"ids": [nis]}
    return html.Div(
        [
            html.H3(id=GAPS_TITLE),
            html.Div(id=GAPS_SUMMARY, className="gaps-summary", **{"aria-live": "polite"}),
            html.P(id=GAPS_UNKNOWN, className="gaps-unknown", hidden=True),
            html.P(id=GAPS_HELP, className="help"),
            grid,
            html.Div(id=GAPS_DETAIL, className="gaps-detail", **{"aria-live": "polite"}),
            dcc.Store(id=GAPS_ROWS),
            dcc.Store(id=ANALYSIS_KEYS, data={}),
        ],
        id=ids.GAPS_PANEL,
        className="analysis-panel",
    )


def build_ranking_tab() -> html.Div:
    """The areas of the breakdown level ranked by coverage, with reference lines; an area
    chosen (in the list or the table) against its peer groups."""
    ranking_grid = build_grid(RANKING_TABLE, auto_height=True)
    ranking_grid.dashGridOptions = {
        **ranking_grid.dashGridOptions,
        # one row at a time, by click or by the Space key on a focused row
        "rowSelection": {"mode": "singleRow", "checkboxes": False, "enableClickSelection": True},
    }
    ranking_grid.getRowId = "params.data.unit"
    # as tall as its rows (domLayout autoHeight): without this the grid's default 400 px box
    # is drawn over what follows it
    ranking_grid.style = {"width": "100%", "height": "auto"}
    return html.Div(
        [
            html.H3(id=RANKING_TITLE),
            html.P(id=RANKING_HELP, className="help"),
            html.Ul(id=RANKING_LINES, className="notes"),
            html.P(id=RANKING_AXIS, className="chart-title"),
            # A police-zone ranking is tall: the chart scrolls in its box (by keyboard too).
            html.Div(
                dcc.Graph(id=RANKING_CHART, config=CHART_CONFIG),
                id=RANKING_SCROLL,
                className="ranking-scroll",
                tabIndex="0",
                role="region",
            ),  # fmt: skip
            # and so does a long table: the peer groups below stay within reach
            html.Div(ranking_grid, className="ranking-table-box"),
            html.Div(
                [
                    html.Label(
                        id=RANKING_PEER_LABEL,
                        htmlFor=RANKING_PEER_CHOICE,
                        className="control-label",
                    ),
                    dcc.Dropdown(
                        id=RANKING_PEER_CHOICE,
                        options=[],
                        value=None,
                        clearable=True,
                        searchable=True,
                    ),
                    html.P(id=RANKING_PEER_HELP, className="help"),
                ],
                className="peer-choice",
            ),  # fmt: skip
            html.Div(id=RANKING_PEERS, className="area-peers", **{"aria-live": "polite"}),
            dcc.Store(id=RANKING_PEER_KEY),
        ],
        id=ids.RANKING_PANEL,
        className="analysis-panel",
    )


# ----------------------------------------------------------------------------- gap explorer


def _text_column(field: str, name: str, **extra) -> dict:
    return {"field": field, "headerName": name, "headerTooltip": name, "wrapText": True,
            "autoHeight": True, "wrapHeaderText": True, "autoHeaderHeight": True,
            **extra}  # fmt: skip


def _number_column(field: str, name: str, **extra) -> dict:
    """A number sorted as a number, shown in the language's format (``<field>_text``)."""
    extra = {"valueFormatter": {"function": f"params.data.{field}_text"}, **extra}
    if extra["valueFormatter"] is None:
        del extra["valueFormatter"]
    return _text_column(field, name, type="numericColumn", **extra)


def gap_columns(lang: str, population_header: str, status_header: str) -> list[dict]:
    t = i18n.t
    return [
        _number_column("rank", t("gaps.col.rank", lang), minWidth=76, maxWidth=90,
                       valueFormatter=None, pinned="left"),
        _text_column("name", t("table.commune", lang), minWidth=170, pinned="left"),
        _text_column("status", status_header, minWidth=170),
        _text_column("area", t("gaps.col.area", lang), minWidth=130),
        _text_column("zone", i18n.level_label("police_zone", lang), minWidth=160),
        _number_column("population", population_header, minWidth=150),
        _text_column("neighbours", t("gaps.col.neighbours", lang), minWidth=200),
        _text_column("zone_mates", t("gaps.col.zone_mates", lang), minWidth=200),
        _text_column("cells", t("gaps.col.cells", lang), minWidth=120),
        _number_column("joining", t("gaps.col.joining", lang), minWidth=140),
        _text_column("unknown_neighbours", t("gaps.col.unknown_neighbours", lang), minWidth=200),
    ]  # fmt: skip


def build_gap_detail(detail: GapDetail | None, lang: str) -> list:
    if detail is None:
        return []
    title, *lines = detail.lines
    return [
        html.H4(i18n.t("gaps.detail.title", lang) + ": " + title),
        html.Ul([html.Li(line) for line in lines]),
    ]


# ----------------------------------------------------------------------------- ranking


def ranking_columns(lang: str, level: str, population_header: str) -> list[dict]:
    t = i18n.t
    return [
        _text_column("rank", t("gaps.col.rank", lang), minWidth=90, maxWidth=120,
                     type="numericColumn",
                     valueFormatter={"function": "params.data.rank_text"}),
        _text_column("label", i18n.level_label(level, lang), minWidth=200),
        # counts of communes (below 1 000: written alike in every language)
        _number_column("communes", t("table.communes", lang), valueFormatter=None, minWidth=110),
        _number_column("covered", t("gaps.ranking.col.covered", lang), valueFormatter=None),
        _number_column("planned", t("table.planned", lang), valueFormatter=None),
        _number_column("none", t("table.none", lang), valueFormatter=None),
        _number_column("unknown", t("table.unknown", lang), valueFormatter=None),
        _number_column("share_communes", t("table.share_communes", lang), minWidth=110),
        _number_column("share_population", t("table.share_population", lang), minWidth=110),
        _number_column("population", population_header, minWidth=150),
    ]  # fmt: skip


def build_area_peers(view: AreaPeersView | None) -> list:
    """An area's peer groups: per group its title, the area's rank in it and its members'
    coverage in rank order (the area in bold)."""
    if view is None:
        return []
    out: list = [html.H4(view.title), html.Ul([html.Li(line) for line in view.lines],
                                              className="notes")]  # fmt: skip
    for group in view.groups:
        body = [
            html.Tr(
                [html.Td(r["rank_text"], className="num"), html.Th(r["label"], scope="row"),
                 *(html.Td(str(r[f]), className="num")
                   for f in ("communes", "covered", "planned", "none", "unknown")),
                 html.Td(r["share_communes_text"], className="num"),
                 html.Td(r["share_population_text"], className="num"),
                 html.Td(r["population_text"], className="num")],
                className="subject" if r["subject"] else None,
                **({"aria-current": "true"} if r["subject"] else {}),
            )
            for r in group.rows
        ]  # fmt: skip
        out.append(
            html.Div(
                html.Table(
                    [html.Caption([html.Span(group.title), html.Br(),
                                   html.Strong(group.rank)]),
                     html.Thead(html.Tr([html.Th(c, scope="col") for c in view.columns])),
                     html.Tbody(body)],
                    className="peer-table",
                ),
                className="table-scroll",
            )
        )  # fmt: skip
    return out
