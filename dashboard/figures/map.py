"""Map figures: pure functions (frames, options) -> go.Figure. No dash import, no IO.

The coverage map has a fixed structure so that a filter change can be sent as a patch
(new colours and hover texts, never the geometry again):

- trace 0 ``regions``: region-level shading of a published share (public record only);
- trace 1 ``communes``: every commune of the vintage, one colour per category;
- trace 2 ``flags``: markers on flagged communes (pilot 2016, allocation 2015, ...).

It is drawn in SVG, ``go.Choropleth`` on a ``geo`` subplot, not with MapLibre
(``go.Choroplethmap``, WebGL): measured in headless Chromium without a GPU
(``bench/map_render.py``, WebGL on SwiftShader), SVG repaints a filter change 4-6x faster
(median ~150 ms against ~800-900 ms) and draws first ~4x faster; it needs no WebGL (which
Chromium only emulates in software, a fallback it has deprecated), and exports as vectors.
The view is Belgium's extent fitted to the container (``projection.scale`` 1 is the
largest scale showing the whole extent), in the Lambert conformal conic projection of
Belgian maps; no base map: nothing is fetched but the app's own geometry.

Two things the browser needs for it (see ``GEO_TOPOJSON``): a ``geo`` subplot asks
plotly.js for a base map (a topojson file, by default from a CDN) even with every base
layer off, so the page gives it an empty one; and d3-geo, which draws it, reads a ring
wound anticlockwise as "everything but this polygon": the served geometry must wind
exterior rings clockwise (geodata.boundaries.to_geojson). tests/dashboard/
test_map_render.py checks both.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.views import MapLayers
from dashboard.views.text import plot_text

# The view: these ranges (degrees) fit the map's box at projection.scale 1, whatever its
# size; a zoom is (center, projection.scale), see map_view_updates. Belgium spans 2.54-6.41
# E, 49.50-51.51 N: the latitudes with a margin; the longitudes wider, for a 1.8:1 frame
# like the map's container (plotly.js clips the drawing to this frame: a zoomed view then
# uses the container's width). Belgium fills the height of a container wider than 1.8:1,
# the width of a narrower one.
BELGIUM_LON_RANGE = (1.5, 7.45)
BELGIUM_LAT_RANGE = (49.45, 51.55)
BELGIUM_CENTER = {"lat": 50.5, "lon": 4.475}
BELGIUM_ZOOM = 1.0  # projection.scale
BRUSSELS_CENTER = {"lat": 50.838, "lon": 4.365}
BRUSSELS_ZOOM = 10.0  # the 19 communes fill the map's height
COMMUNE_ZOOM = 12.0  # one commune and its neighbours
# Lambert 72 / 2008's standard parallels: Belgium as on its official maps.
PROJECTION = {
    "type": "conic conformal",
    "parallels": [49.8333, 51.1667],
    "rotation": {"lon": BELGIUM_CENTER["lon"]},
}
# An empty base map for plotly.js's geo subplot (name: scope "world", resolution 110), so
# that it fetches none: the page must hold it as window.PlotlyGeoAssets.topojson[name].
GEO_TOPOJSON_NAME = "world_110m"
GEO_TOPOJSON = {"type": "Topology", "objects": {}, "arcs": []}
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
# Region shading: light yellow to green (ColorBrewer YlGn's light half), a hue none of the
# statuses uses; its darkest end stays light so grey commune outlines and black markers
# read on it. Simulated protan / deutan / tritan vision keeps it apart from every status
# colour (CIE76 distance >= 19; the former blues came to 8 from "shared cell").
REGION_SCALE = [[0.0, "#FFFFCC"], [0.5, "#C2E699"], [1.0, "#78C679"]]
REGION_OUTLINE = "#555555"
FLAG_MARKER = {"size": 9, "color": "#000000", "symbol": "circle"}


def category_colourscale(unknown_transparent: bool) -> list[list]:
    """A stepped colourscale: category i covers z in [i - 0.5, i + 0.5)."""
    n = len(CATEGORIES)
    scale = []
    for i, cat in enumerate(CATEGORIES):
        colour = CATEGORY_COLOURS[cat]
        if unknown_transparent and cat == "unknown":
            colour = TRANSPARENT
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


_CATEGORY_INDEX = pd.Index(CATEGORIES)


def category_codes(categories: Sequence[str] | pd.Series) -> list[int]:
    """The colour value of each category: its index in :data:`CATEGORIES` (the middle of its
    step, with ``zmin=-0.5``), in one array operation. Integers: the fewest bytes a click
    sends."""
    codes = _CATEGORY_INDEX.get_indexer(categories)
    if (codes < 0).any():
        raise KeyError(f"not a map category: {sorted(set(categories) - set(CATEGORIES))}")
    return codes.astype(int).tolist()


def _commune_trace_values(layers: MapLayers, with_text: bool = True) -> dict:
    c = layers.communes
    z = category_codes(c["category"])
    if not with_text:
        return {"z": z}
    return {
        "z": z,
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


def _wrap(text: str, width: int = 18) -> str:
    """A colour bar title (plain text, escaped) on short lines (plotly does not wrap it)."""
    return "<br>".join(plot_text(line) for line in textwrap.wrap(text, width)) if text else ""


def _region_trace_values(layers: MapLayers) -> dict:
    r = layers.regions
    return {
        "locations": r["id"].tolist(),
        "z": r["share"].tolist(),
        "text": r["hover"].tolist(),
        # A vertical bar right of the map's box (plotly widens the right margin for it):
        # it never covers the country.
        "colorbar": {"title": {"text": _wrap(layers.region_scale_title), "side": "top"},
                     "tickformat": ".0%", "orientation": "v", "len": 0.6, "thickness": 12,
                     "x": 1.0, "xanchor": "left", "xref": "paper",
                     "y": 0.5, "yanchor": "middle", "outlinewidth": 0},
        "showscale": not r.empty,
    }  # fmt: skip


def _flag_trace_values(layers: MapLayers) -> dict:
    f = layers.flags
    return {
        "lon": f["lon"].tolist(),
        "lat": f["lat"].tolist(),
        "text": f["hover"].tolist(),
        "name": plot_text(layers.flags_name),
    }


def watermark_annotations(layers: MapLayers) -> list[dict]:
    """The illustrative mark as a layout annotation, so that every image of the map (the
    mode bar's PNG download included) carries it."""
    if not layers.watermark:
        return []
    return [
        {
            "text": f"<b>{plot_text(layers.watermark)}</b>",
            "xref": "paper", "yref": "paper", "x": 0.01, "y": 0.99,
            "xanchor": "left", "yanchor": "top", "showarrow": False,
            "font": {"size": 16, "color": "#5c4400"},
            "bgcolor": "rgba(255,243,205,0.92)", "bordercolor": "#8a6d00", "borderwidth": 2,
            "borderpad": 6,
        }
    ]  # fmt: skip


def geo_layout() -> dict:
    """The ``geo`` subplot: Belgium's extent fitted to the box, no base map, no frame."""
    return {
        "visible": False,  # no base layers (land, coasts, countries): only our geometry
        "scope": "world", "resolution": 110,  # GEO_TOPOJSON_NAME
        "projection": {**PROJECTION, "scale": BELGIUM_ZOOM},
        "center": dict(BELGIUM_CENTER),
        "lonaxis": {"range": list(BELGIUM_LON_RANGE)},
        "lataxis": {"range": list(BELGIUM_LAT_RANGE)},
        "fitbounds": False,
        "showframe": False,
        "bgcolor": "white",
        "uirevision": MAP_UIREVISION,
    }  # fmt: skip


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
        go.Choropleth(
            name="regions",
            geojson=regions_geojson,
            featureidkey="properties.nis",
            zmin=0,
            zmax=1,
            colorscale=REGION_SCALE,
            marker={"line": {"width": 1.5, "color": REGION_OUTLINE}},
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_region_trace_values(layers),
        )
    )
    fig.add_trace(
        go.Choropleth(
            name="communes",
            geojson=geojson,
            featureidkey="properties.nis",
            locations=layers.communes["nis"].tolist(),
            zmin=-0.5,  # category i covers [i - 0.5, i + 0.5): its step of the colour scale
            zmax=len(CATEGORIES) - 0.5,
            showscale=False,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_commune_trace_values(layers),
        )
    )
    fig.add_trace(
        go.Scattergeo(
            mode="markers",
            marker=FLAG_MARKER,
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
            **_flag_trace_values(layers),
        )
    )
    fig.update_layout(
        geo=geo_layout(),
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision=MAP_UIREVISION,
        paper_bgcolor="white",
        meta={"accessible_name": accessible_name},
        annotations=watermark_annotations(layers),
    )
    return fig


def map_view_updates(center: dict, zoom: float, revision: object = None) -> dict[tuple, object]:
    """The patch paths of a view change (zoom to Brussels, to a commune, back to Belgium):
    ``center`` ({"lat", "lon"}) and ``zoom`` (``projection.scale``, 1 = all of Belgium).

    With ``revision`` (anything that differs from one click to the next, e.g. the buttons'
    n_clicks), the view also forgets what the user did with the mouse since the last one:
    without it, plotly keeps a view the user panned to when the figure sets the same center
    as before (a second "reset" would do nothing)."""
    updates: dict[tuple, object] = {
        ("layout", "geo", "center"): {"lat": float(center["lat"]), "lon": float(center["lon"])},
        ("layout", "geo", "projection", "scale"): float(zoom),
        ("layout", "geo", "projection", "rotation"): dict(PROJECTION["rotation"]),
    }
    if revision is not None:
        updates[("layout", "geo", "uirevision")] = f"{MAP_UIREVISION}:{revision}"
    return updates


def coverage_map_updates(layers: MapLayers, with_text: bool = True) -> dict[tuple, object]:
    """The parts of the figure that change, keyed by path, for a patch. Without
    ``with_text`` (a filter change on the same dataset, date and language) the communes
    send their colour values only: their hover texts and colour scale are unchanged."""
    updates: dict[tuple, object] = {}
    communes = _commune_trace_values(layers, with_text)
    for trace, values in (
        (0, _region_trace_values(layers)),
        (1, communes),
        (2, _flag_trace_values(layers)),
    ):
        for key, value in values.items():
            updates[("data", trace, key)] = value
    updates[("layout", "annotations")] = watermark_annotations(layers)
    return updates
