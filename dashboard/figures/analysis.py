"""The analysis tabs' figures (issue 13): the ranking chart and the coverage map's highlight
of a gap commune. Pure functions of the views (:mod:`dashboard.views.ranking`,
:mod:`dashboard.views.gaps`); no dash import, no IO."""

from __future__ import annotations

import plotly.graph_objects as go

from dashboard.figures.charts import FONT
from dashboard.figures.map import CATEGORY_COLOURS
from dashboard.views.gaps import GapDetail
from dashboard.views.ranking import PARTS, RankingView
from dashboard.views.text import plot_text

#: The coverage map's own traces (dashboard.figures.map: regions, communes, flags); the
#: gap explorer's highlight is the next two: outlines, then the chosen commune's marker.
MAP_TRACES = 3
HIGHLIGHT_OUTLINE = MAP_TRACES
HIGHLIGHT_MARKER = MAP_TRACES + 1
OUTLINE_COLOUR = "#000000"
#: Height of a row of the ranking chart's legend (above its bars, two entries a row).
LEGEND_ROW_PX = 20

#: The reference lines' dashes, in the order of the references (Belgium first).
REFERENCE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
PART_COLOURS = {
    "covered": CATEGORY_COLOURS["own_cell"],
    "planned": CATEGORY_COLOURS["planned"],
    "none": CATEGORY_COLOURS["none"],
    "unknown": CATEGORY_COLOURS["unknown"],
}


# ----------------------------------------------------------------------------- gap explorer


def highlight_traces(
    geojson: str, detail: GapDetail | None, marker_name: str = ""
) -> tuple[dict, dict]:
    """The map's two highlight traces (indices ``HIGHLIGHT_OUTLINE``, ``HIGHLIGHT_MARKER``):
    the chosen gap commune and its candidates outlined in black over the map's colours
    (the chosen one thicker), and a star on the chosen one. Empty without a commune (they
    are always assigned whole, so the traces' indices never move and a second choice
    replaces the first)."""
    codes = [detail.nis, *detail.candidates] if detail else []
    outline = {
        "type": "choropleth",
        "name": "gap-highlight",
        "geojson": geojson,  # the communes' URL: the browser has it already
        "featureidkey": "properties.nis",
        "locations": codes,
        "z": [0] * len(codes),
        "zmin": 0,
        "zmax": 1,
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "showlegend": False,
        "hoverinfo": "skip",
        "marker": {"line": {"color": OUTLINE_COLOUR,
                            "width": [4.0] + [2.5] * (len(codes) - 1) if codes else 1}},
    }  # fmt: skip
    marker = {
        "type": "scattergeo",
        "mode": "markers",
        "name": plot_text(marker_name or "gap-commune"),
        "lat": [detail.lat] if detail else [],
        "lon": [detail.lon] if detail else [],
        "text": [plot_text(marker_name)] if detail else [],
        "hovertemplate": "%{text}<extra></extra>",
        "showlegend": False,
        "marker": {"symbol": "star", "size": 18, "color": "#FFFFFF",
                   "line": {"color": OUTLINE_COLOUR, "width": 2}},
    }  # fmt: skip
    return outline, marker


# ----------------------------------------------------------------------------- ranking


def _empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=plot_text(message), showarrow=False, x=0.5, y=0.5, xref="paper",
                       yref="paper", font={"size": 14, "color": "#444"})  # fmt: skip
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=200,
                      plot_bgcolor="white", paper_bgcolor="white", font=FONT)  # fmt: skip
    return fig


def ranking_figure(view: RankingView, separators: str = ".,") -> go.Figure:
    """Horizontal bars, rank 1 on top: the area's communes by status (shares), a diamond at
    the share of its population covered, and one vertical line per reference value (named
    with its value in the legend). ``separators``: the language's decimal and group
    symbols, for the hover's percentages."""
    if not view.rows:
        return _empty_figure(view.empty)
    # Every text is plain and shown as such (escaped): a bar's label is also its hover's %{y}.
    labels = [plot_text(f"{r['rank']}. {r['label']}") for r in view.rows]
    legend = {k: plot_text(v) for k, v in view.legend.items()}
    fig = go.Figure()
    for part in PARTS:
        fig.add_trace(go.Bar(
            y=labels, x=[round(r[f"part_{part}"], 4) for r in view.rows], orientation="h",
            name=legend[part], marker={"color": PART_COLOURS[part]},
            hovertemplate=f"%{{y}}<br>{legend[part]}: %{{x:.1%}}<extra></extra>",
        ))  # fmt: skip
    population = [None if r["share_population"] is None else round(r["share_population"], 4)
                  for r in view.rows]  # fmt: skip
    fig.add_trace(go.Scatter(
        y=labels, x=population, mode="markers", name=legend["population"],
        hovertemplate=f"%{{y}}<br>{legend['population']}: %{{x:.1%}}<extra></extra>",
        marker={"symbol": "diamond", "size": 9, "color": "#FFFFFF",
                "line": {"color": "#000000", "width": 1.5}},
    ))  # fmt: skip
    for ref, dash in zip(view.references, REFERENCE_DASHES, strict=False):
        if ref["share_communes"] is None:
            continue
        fig.add_shape(
            type="line", x0=ref["share_communes"], x1=ref["share_communes"], y0=0, y1=1,
            yref="paper", line={"color": "#000000", "width": 1.5, "dash": dash},
            showlegend=True, name=plot_text(f"{ref['label']}: {ref['share_communes_text']}"),
        )  # fmt: skip
    # The legend, then the axis, above the bars (container coordinates): a police-zone
    # ranking is taller than the screen and scrolls in its box. What the values are is said
    # above the box (view.axis_title), where the page's text wraps.
    entries = len(PARTS) + 1 + len(fig.layout.shapes)
    legend_px = 12 + LEGEND_ROW_PX * -(-entries // 2)  # two entries a row
    top = legend_px + 30
    height = top + 20 + 20 * len(labels)
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "x": 0, "xanchor": "left", "xref": "container",
                "yref": "container", "y": 1 - 6 / height, "yanchor": "top",
                "traceorder": "normal"},
        xaxis={"tickformat": ".0%", "range": [-0.005, 1.02], "side": "top", "fixedrange": True},
        yaxis={"range": [len(labels) - 0.5, -0.5], "automargin": True, "fixedrange": True,
               "categoryorder": "array", "categoryarray": labels},
        margin={"l": 10, "r": 10, "t": top, "b": 10},
        height=height,
        bargap=0.25,
        plot_bgcolor="white",
        paper_bgcolor="white",
        font=FONT,
        hovermode="closest",
        separators=separators,
    )  # fmt: skip
    return fig
