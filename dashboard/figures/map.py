"""Map figures: pure functions (frames, options) -> go.Figure. No dash import, no IO.

The coverage map has a fixed structure so that a filter change can be sent as a patch
(new colours and hover texts, never the geometry again):

- trace 0 ``regions``: region-level shading of a published share (public record only);
- trace 1 ``communes``: every commune of the vintage, one colour per category;
- trace 2 ``flags``: markers on flagged communes (pilot 2016, allocation 2015, ...).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

BELGIUM_CENTER = {"lat": 50.55, "lon": 4.45}
BELGIUM_ZOOM = 6.9
BRUSSELS_CENTER = {"lat": 50.838, "lon": 4.37}
BRUSSELS_ZOOM = 10.2
MAP_UIREVISION = "coverage-map"

# Okabe-Ito colour-blind-safe colours; "unknown" is a neutral grey, "outside" near-white.
CATEGORY_COLOURS = {
    "own_cell": "#0072B2",
    "shared_cell": "#56B4E9",
    "partly_covered": "#CC79A7",  # a merged commune only some of whose parts are covered
    "planned": "#E69F00",
    "none": "#D55E00",
    "unknown": "#BDBDBD",
    "outside": "#F4F4F4",
}
TRANSPARENT = "rgba(0,0,0,0)"
OUTLINE_ON_SHADING = "#9E9E9E"
CATEGORIES: tuple[str, ...] = tuple(CATEGORY_COLOURS)
REGION_SCALE = [[0.0, "#F7FBFF"], [0.5, "#9ECAE1"], [1.0, "#2171B5"]]
FLAG_MARKER = {"size": 9, "color": "#000000", "symbol": "circle"}


@dataclass(frozen=True)
class MapLayers:
    """Everything the coverage map shows, already translated."""

    communes: pd.DataFrame  # nis, category (one of CATEGORIES), hover (text)
    regions: pd.DataFrame  # id (02000/03000/04000/DG), share (0-1), hover
    flags: pd.DataFrame  # lon, lat, hover
    unknown_transparent: bool  # public record: let the region shading show through
    region_scale_title: str = ""
    flags_name: str = "flags"
    watermark: str = ""  # e.g. "ILLUSTRATIVE DATA — NOT REAL": drawn inside the figure


def category_colourscale(unknown_transparent: bool) -> list[list]:
    """A stepped colourscale: category i covers z in [i, i+1)."""
    n = len(CATEGORIES)
    scale = []
    for i, cat in enumerate(CATEGORIES):
        colour = CATEGORY_COLOURS[cat]
        if unknown_transparent and cat == "unknown":
            colour = TRANSPARENT
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def category_codes(categories: Sequence[str]) -> list[float]:
    index = {c: i for i, c in enumerate(CATEGORIES)}
    return [index[c] + 0.5 for c in categories]


def _commune_trace_values(layers: MapLayers) -> dict:
    c = layers.communes
    return {
        "z": category_codes(c["category"].tolist()),
        "text": c["hover"].tolist(),
        "colorscale": category_colourscale(layers.unknown_transparent),
        # Over region shading (or where nothing was published) grey outlines keep every
        # commune visible; on coloured communes white outlines separate them best.
        "marker": {
            "line": {
                "width": 0.4,
                "color": OUTLINE_ON_SHADING if layers.unknown_transparent else "#FFFFFF",
            }
        },
    }


def _region_trace_values(layers: MapLayers) -> dict:
    r = layers.regions
    return {
        "locations": r["id"].tolist(),
        "z": r["share"].tolist(),
        "text": r["hover"].tolist(),
        "colorbar": {"title": {"text": layers.region_scale_title, "side": "top"},
                     "tickformat": ".0%", "orientation": "h", "len": 0.35, "thickness": 12,
                     "x": 0.99, "xanchor": "right", "y": 0.02, "yanchor": "bottom"},
        "showscale": not r.empty,
    }  # fmt: skip


def _flag_trace_values(layers: MapLayers) -> dict:
    f = layers.flags
    return {
        "lon": f["lon"].tolist(),
        "lat": f["lat"].tolist(),
        "text": f["hover"].tolist(),
        "name": layers.flags_name,
    }


def watermark_annotations(layers: MapLayers) -> list[dict]:
    """The illustrative mark as a layout annotation, so that every image of the map (the
    mode bar's PNG download included) carries it."""
    if not layers.watermark:
        return []
    return [
        {
            "text": f"<b>{layers.watermark}</b>",
            "xref": "paper", "yref": "paper", "x": 0.01, "y": 0.99,
            "xanchor": "left", "yanchor": "top", "showarrow": False,
            "font": {"size": 16, "color": "#5c4400"},
            "bgcolor": "rgba(255,243,205,0.92)", "bordercolor": "#8a6d00", "borderwidth": 2,
            "borderpad": 6,
        }
    ]  # fmt: skip


def coverage_map_figure(
    layers: MapLayers,
    geojson: dict | str,
    regions_geojson: dict | str,
    *,
    accessible_name: str = "",
) -> go.Figure:
    """The full figure, with geometry (sent when the commune division changes)."""
    fig = go.Figure()
    fig.add_trace(
        go.Choroplethmap(
            name="regions",
            geojson=regions_geojson,
            zmin=0,
            zmax=1,
            colorscale=REGION_SCALE,
            marker={"line": {"width": 1.5, "color": "#555555"}, "opacity": 0.8},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_region_trace_values(layers),
        )
    )
    fig.add_trace(
        go.Choroplethmap(
            name="communes",
            geojson=geojson,
            locations=layers.communes["nis"].tolist(),
            zmin=0,
            zmax=len(CATEGORIES),
            showscale=False,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_commune_trace_values(layers),
        )
    )
    fig.add_trace(
        go.Scattermap(
            mode="markers",
            marker=FLAG_MARKER,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_flag_trace_values(layers),
        )
    )
    fig.update_layout(
        map={"style": "white-bg", "center": BELGIUM_CENTER, "zoom": BELGIUM_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision=MAP_UIREVISION,
        paper_bgcolor="white",
        meta={"accessible_name": accessible_name},
        annotations=watermark_annotations(layers),
    )
    return fig


def coverage_map_updates(layers: MapLayers, with_text: bool = True) -> dict[tuple, object]:
    """The parts of the figure that change, keyed by path, for a patch. Without
    ``with_text`` (a filter change on the same dataset, date and language) the communes
    send their colour values only: their hover texts and colour scale are unchanged."""
    updates: dict[tuple, object] = {}
    communes = _commune_trace_values(layers)
    if not with_text:
        communes = {"z": communes["z"]}
    for trace, values in (
        (0, _region_trace_values(layers)),
        (1, communes),
        (2, _flag_trace_values(layers)),
    ):
        for key, value in values.items():
            updates[("data", trace, key)] = value
    updates[("layout", "annotations")] = watermark_annotations(layers)
    return updates
