"""The page layout: build_* functions returning component trees."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.bundle import DataBundle


def build_vintage_dropdown(bundle: DataBundle, value: str) -> html.Div:
    options = [{"label": data.vintage.label, "value": key} for key, data in bundle.vintages.items()]
    return html.Div(
        [
            html.Label("Commune division", htmlFor=ids.VINTAGE),
            dcc.Dropdown(id=ids.VINTAGE, options=options, value=value, clearable=False),
        ],
        className="control",
    )


def build_attribution(bundle: DataBundle, key: str) -> html.Footer:
    vintage = bundle.vintages[key].vintage
    return html.Footer(
        [html.P(vintage.attribution), html.P(f"Licence: {vintage.licence}")],
        id=ids.ATTRIBUTION,
        className="attribution",
    )


def build_layout(bundle: DataBundle) -> html.Div:
    default = bundle.vintage_keys[-1]
    return html.Div(
        [
            html.Header(
                [
                    html.H1("CSIL coverage atlas"),
                    html.P(
                        "Belgian communes by commune division. Coverage data comes next.",
                        className="subtitle",
                    ),
                ]
            ),
            html.Div([build_vintage_dropdown(bundle, default)], className="controls"),
            html.P(id=ids.MAP_SUMMARY, className="map-summary", **{"aria-live": "polite"}),
            dcc.Graph(
                id=ids.MAP,
                className="map",
                config={"displaylogo": False, "scrollZoom": True},
                style={"height": "72vh"},
            ),
            build_attribution(bundle, default),
        ],
        className="page",
    )
