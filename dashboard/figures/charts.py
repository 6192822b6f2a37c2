"""Breakdown and timeline charts: pure functions (frames, labels) -> go.Figure."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import CATEGORY_COLOURS
from dashboard.views.text import plot_text
from geodata.belgium import (
    BRUSSELS_GEOGRAPHY,
    FLANDERS_GEOGRAPHY,
    GERMAN_SPEAKING_GEOGRAPHY,
    WALLONIA_GEOGRAPHY,
)

SERIES_COLOURS = {
    "BE": "#000000",
    FLANDERS_GEOGRAPHY: "#E69F00",
    WALLONIA_GEOGRAPHY: "#0072B2",
    BRUSSELS_GEOGRAPHY: "#CC79A7",
    GERMAN_SPEAKING_GEOGRAPHY: "#009E73",
}
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13}


def wrap_title(text: str, width: int = 95) -> str:
    """A long chart title (plain text, escaped: it may name a file) on several lines
    (plotly does not wrap titles)."""
    lines: list[str] = []
    for word in plot_text(text).split():
        if lines and len(lines[-1]) + len(word) < width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _empty(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=plot_text(message), showarrow=False, x=0.5, y=0.5, xref="paper",
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
    # Every text is plain and shown as such (escaped): a bar's label is also its hover's %{y}.
    if stacked:
        order = frame.sort_values(["covered_share", "label"], ascending=[True, False])
        labels = [plot_text(label) for label in order["label"]]
        names = {k: plot_text(v) for k, v in frame.attrs.get("legend", {}).items()}
        for cat in ("own_cell", "shared_cell", "planned", "none", "unknown"):
            fig.add_trace(
                go.Bar(
                    y=labels, x=order[cat], orientation="h", name=names.get(cat, cat),
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
        labels = [plot_text(label) for label in order["label"]]
        fig.add_trace(
            go.Bar(
                y=labels, x=order["share"], orientation="h",
                marker={"color": CATEGORY_COLOURS["own_cell"]}, customdata=order.get("unit"),
                text=[plot_text(text) for text in order["text"]], textposition="auto",
                hovertemplate="%{y}: %{text}<extra></extra>",
            )
        )  # fmt: skip
    title = wrap_title(value_label)
    fig.update_layout(
        # What the values are, over the plot and left-aligned: a long axis title is cut.
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 13}},
        xaxis={"tickformat": ".0%", "range": [0, 1], "side": "top"},
        yaxis={"automargin": True, "tickmode": "array", "tickvals": labels, "ticktext": labels},
        margin={"l": 10, "r": 10, "t": 60 + 16 * title.count("<br>"), "b": 90 if stacked else 10},
        height=max(260, 130 + 30 * len(frame)),
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
    )
    return fig


def timeline_figure(
    frame: pd.DataFrame, *, y_label: str, empty_message: str, series_names: dict[str, str]
) -> go.Figure:
    """Every published figure at its own date, one colour per geography.

    ``frame``: ``date``, ``start``, ``end`` (datetimes), ``precision`` (``day``, ``month``,
    ``year``), ``geography``, ``measure``, ``share``, ``hover``, ``dash`` (True for a measure
    other than communes with a cell: open markers). Points of the same measure dated to the
    day are joined by a thin dotted line; a figure dated only by month or year is drawn as a
    bar over its whole period, never as a point on a day no source gives, and joined to
    nothing (so no line draws a change that no source states).
    """
    if frame.empty:
        return _empty(empty_message)
    fig = go.Figure()
    for geo, rows in frame.groupby("geography", sort=False):
        colour = SERIES_COLOURS.get(geo, "#666")
        name = plot_text(series_names.get(geo, geo))
        first = True
        for _measure, sub in rows.groupby("measure", sort=False):
            days = sub[sub["precision"] == "day"].sort_values("date")
            if not days.empty:
                fig.add_trace(
                    go.Scatter(
                        x=days["date"], y=days["share"], mode="lines+markers", name=name,
                        legendgroup=geo, showlegend=first,
                        line={"color": colour, "width": 1, "dash": "dot"},
                        marker={"size": 9, "color": colour,
                                "symbol": ["circle-open" if d else "circle"
                                           for d in days["dash"]]},
                        text=days["hover"], hovertemplate="%{text}<extra></extra>",
                    )
                )  # fmt: skip
                first = False
            periods = sub[sub["precision"] != "day"]
            if not periods.empty:
                xs: list = []
                ys: list = []
                texts: list = []
                for r in periods.itertuples():
                    xs += [r.start, r.end, None]
                    ys += [r.share, r.share, None]
                    texts += [r.hover, r.hover, None]
                fig.add_trace(
                    go.Scatter(
                        x=xs, y=ys, mode="lines", name=name, legendgroup=geo,
                        showlegend=first, line={"color": colour, "width": 7},
                        opacity=0.55, text=texts, hovertemplate="%{text}<extra></extra>",
                    )
                )  # fmt: skip
                first = False
    fig.update_layout(
        # What the y values are, as a title over the plot: a long vertical axis title is cut.
        title={"text": wrap_title(y_label), "x": 0, "xanchor": "left", "font": {"size": 13}},
        yaxis={"tickformat": ".0%", "range": [0, 1.05]},
        xaxis={"type": "date"},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 40 + 16 * wrap_title(y_label).count("<br>"), "b": 40},
        height=360,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
        hovermode="closest",
    )
    return fig
