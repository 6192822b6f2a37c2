"""The short ranking beside the map (issue 13): an ordered list with CSS bars, a few
kilobytes for the browser (built from :mod:`dashboard.views.side_ranking`)."""

from __future__ import annotations

from dash import html

from dashboard import ids
from dashboard.views.side_ranking import SideRanking, SideRow


def build_side_panel() -> html.Aside:
    """The empty panel of the layout (the view callback fills it)."""
    return html.Aside(
        [
            html.Div(id=ids.SIDE_BODY),
            html.Button(id=ids.SIDE_MORE, n_clicks=0, type="button", className="button secondary"),
        ],
        id=ids.SIDE_RANKING,
        className="side-ranking",
        **{"aria-labelledby": "side-ranking-title"},
    )


def _percent(share: float) -> str:
    return f"{100 * max(0.0, min(1.0, share)):.2f}%"


def _row(row: SideRow) -> html.Li:
    bar = [html.Span(className="side-fill", style={"width": _percent(row.share)})]
    bar += [html.Span(className=f"side-tick {kind}", style={"left": _percent(share)})
            for kind, share in row.ticks]  # fmt: skip
    return html.Li(
        [
            html.Span(f"{row.rank}." if row.rank else "", className="side-rank"),
            html.Span(row.label, className="side-label"),
            html.Span(row.share_text, className="side-value"),
            html.Span(
                bar if row.share is not None else [],
                className="side-bar",
                **{"aria-hidden": "true"},
            ),  # fmt: skip
            html.Span(row.detail, className="side-detail"),
        ],
        className="side-row",
    )


def build_side_ranking(view: SideRanking, gap_text: str) -> list:
    """The panel's content: title, the ranked rows (a gap between head and tail), what the
    marks are, and what is counted."""
    rows = [_row(r) for r in view.rows]
    if view.gap_after:
        rows.insert(view.gap_after, html.Li(gap_text, className="side-gap"))
    body = (html.Ol(rows, className="side-list files" if view.files else "side-list published")
            if rows else html.P(view.empty))  # fmt: skip
    return [
        html.H3(view.title, id="side-ranking-title"),
        body,
        html.Ul([html.Li(r) for r in view.references], className="side-references"),
        html.Ul([html.Li(line) for line in view.lines], className="side-lines"),
    ]
