"""Map figures: pure functions (frames, options) -> go.Figure. No dash import, no IO."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

# Okabe-Ito: a colour-blind-safe categorical palette.
REGION_COLOURS = {"02000": "#E69F00", "03000": "#0072B2", "04000": "#CC79A7"}
BELGIUM_CENTER = {"lat": 50.55, "lon": 4.45}
BELGIUM_ZOOM = 6.9
MAP_UIREVISION = "coverage-map"


def subset_geojson(geojson: dict, codes: set[str]) -> dict:
    return {
        "type": "FeatureCollection",
        "features": [f for f in geojson["features"] if f["id"] in codes],
    }


def base_map_layout(fig: go.Figure) -> go.Figure:
    """A blank (offline) MapLibre style centred on Belgium; zoom survives updates."""
    fig.update_layout(
        map={"style": "white-bg", "center": BELGIUM_CENTER, "zoom": BELGIUM_ZOOM},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        uirevision=MAP_UIREVISION,
        legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"},
        paper_bgcolor="white",
    )
    return fig


def region_map_figure(
    communes: pd.DataFrame, geojson: dict, region_labels: dict[str, str]
) -> go.Figure:
    """Every commune of a vintage, coloured by region; hover gives FR / NL names.

    One trace per region (so the legend names them), each with only its own features:
    the geometry is sent once.
    """
    fig = go.Figure()
    for region, colour in REGION_COLOURS.items():
        rows = communes[communes["region"] == region]
        if rows.empty:
            continue
        label = region_labels.get(region, region)
        fig.add_trace(
            go.Choroplethmap(
                geojson=subset_geojson(geojson, set(rows["nis"])),
                locations=rows["nis"].tolist(),
                z=[1] * len(rows),
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                name=label,
                showlegend=True,
                marker={"line": {"width": 0.5, "color": "white"}, "opacity": 0.9},
                customdata=rows[["name_fr", "name_nl"]].to_numpy(),
                hovertemplate=(
                    "<b>%{customdata[0]}</b> / %{customdata[1]}<br>NIS %{location}"
                    f"<extra>{label}</extra>"
                ),
            )
        )
    return base_map_layout(fig)
