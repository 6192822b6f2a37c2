"""Map callbacks: read inputs, call a pure function, return."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard import ids
from dashboard.bundle import DataBundle
from dashboard.figures.map import region_map_figure


def region_labels(bundle: DataBundle, key: str) -> dict[str, str]:
    units = bundle.vintages[key].units
    regions = units[units["level"] == "region"]
    return {r.code: f"{r.name_fr} / {r.name_nl}" for r in regions.itertuples()}


def map_summary(bundle: DataBundle, key: str) -> str:
    data = bundle.vintages[key]
    return (
        f"Map of Belgium's {len(data.communes)} communes as divided from "
        f"{data.vintage.valid_from:%d %B %Y}, coloured by region."
    )


def register(app: Dash, bundle: DataBundle) -> None:
    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.MAP_SUMMARY, "children"),
        Input(ids.VINTAGE, "value"),
    )
    def update_map(key: str):
        data = bundle.vintages[key]
        fig = region_map_figure(data.communes, data.display, region_labels(bundle, key))
        return fig, map_summary(bundle, key)
