"""Breakdown and timeline charts: pure functions (frames, labels) -> go.Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import CATEGORY_COLOURS

SERIES_COLOURS = {
    "BE": "#000000",
    "BE-VLG": "#E69F00",
    "BE-WAL": "#0072B2",
    "BE-BRU": "#CC79A7",
    "BE-DG": "#009E73",
}
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13}


def _empty(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font={"size": 14, "color": "#444"})  # fmt: skip
    fig.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        plot_bgcolor="white",
        paper_bgcolor="white",
        height=260,
        font=FONT,
    )
    return fig


def breakdown_bar_figure(
    frame: pd.DataFrame, *, value_label: str, empty_message: str, stacked: bool
) -> go.Figure:
    """Horizontal bars, sorted by share.

    ``frame``: unit label ``label``; either one ``share`` column (published figures) or one
    column per status category (``own_cell``, ``shared_cell``, ``planned``, ``none``,
    ``unknown``) holding shares of communes, with ``legend`` names in ``frame.attrs``.
    """
    if frame.empty:
        return _empty(empty_message)
    fig = go.Figure()
    if stacked:
        order = frame.sort_values(["covered_share", "label"], ascending=[True, False])
        names = frame.attrs.get("legend", {})
        for cat in ("own_cell", "shared_cell", "planned", "none", "unknown"):
            fig.add_trace(
                go.Bar(
                    y=order["label"], x=order[cat], orientation="h", name=names.get(cat, cat),
                    customdata=order.get("unit"),
                    marker={"color": CATEGORY_COLOURS[cat]},
                    hovertemplate="%{y}: %{x:.1%}<extra>" + names.get(cat, cat) + "</extra>",
                )
            )  # fmt: skip
        fig.update_layout(
            barmode="stack",
            legend={"orientation": "h", "x": 0, "y": -0.12, "xanchor": "left", "yanchor": "top",
                    "traceorder": "normal"},
        )  # fmt: skip
    else:
        order = frame.sort_values(["share", "label"], ascending=[True, False])
        fig.add_trace(
            go.Bar(
                y=order["label"], x=order["share"], orientation="h",
                marker={"color": CATEGORY_COLOURS["own_cell"]}, customdata=order.get("unit"),
                text=order["text"], textposition="auto",
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )  # fmt: skip
    labels = list(order["label"])
    fig.update_layout(
        xaxis={"tickformat": ".0%", "range": [0, 1], "title": value_label, "side": "top"},
        yaxis={"automargin": True, "tickmode": "array", "tickvals": labels, "ticktext": labels},
        margin={"l": 10, "r": 10, "t": 40, "b": 90 if stacked else 10},
        height=max(260, 130 + 30 * len(frame)),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
    )
    return fig


def timeline_figure(
    frame: pd.DataFrame, *, y_label: str, empty_message: str, series_names: dict[str, str]
) -> go.Figure:
    """One line per geography over the published dates.

    ``frame``: ``date`` (datetime), ``geography``, ``share``, ``hover`` (the figure, its
    measure and its source), ``dash`` (True for a measure other than communes with a cell).
    """
    if frame.empty:
        return _empty(empty_message)
    fig = go.Figure()
    for geo, rows in frame.groupby("geography", sort=False):
        rows = rows.sort_values("date")
        fig.add_trace(
            go.Scatter(
                x=rows["date"], y=rows["share"], mode="lines+markers",
                name=series_names.get(geo, geo),
                line={"color": SERIES_COLOURS.get(geo, "#666"), "width": 2},
                marker={"size": 8, "symbol": ["circle-open" if d else "circle"
                                              for d in rows["dash"]]},
                text=rows["hover"], hovertemplate="%{text}<extra></extra>",
            )
        )  # fmt: skip
    fig.update_layout(
        yaxis={"tickformat": ".0%", "range": [0, 1.05], "title": y_label},
        xaxis={"type": "date"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        height=320,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
    )
    return fig
