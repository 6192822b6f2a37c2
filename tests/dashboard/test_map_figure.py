import pandas as pd

from dashboard.figures.map import REGION_COLOURS, region_map_figure
from geodata import boundaries


def _frame(squares):
    return pd.DataFrame(
        {
            "nis": squares["nis"],
            "name_fr": ["Un", "Deux", "Trois", "Quatre", "Cinq", "Six"],
            "name_nl": ["Een", "Twee", "Drie", "Vier", "Vijf", "Zes"],
            "region": ["02000", "02000", "03000", "03000", "04000", "03000"],
        }
    )


def test_region_map_has_every_commune_once(squares):
    gj = boundaries.to_geojson(squares.to_crs(4326))
    fig = region_map_figure(_frame(squares), gj, {"02000": "Flanders"})
    assert [t.type for t in fig.data] == ["choroplethmap"] * 3
    locs = [loc for t in fig.data for loc in t.locations]
    assert sorted(locs) == sorted(squares["nis"])
    # each trace carries only its own features: geometry is sent once
    assert sum(len(t.geojson["features"]) for t in fig.data) == 6
    assert fig.data[0].name == "Flanders" and fig.data[1].name == "03000"
    assert fig.data[0].colorscale[0][1] == REGION_COLOURS["02000"]


def test_region_map_is_offline_and_keeps_zoom(squares):
    gj = boundaries.to_geojson(squares.to_crs(4326))
    fig = region_map_figure(_frame(squares), gj, {})
    assert fig.layout.map.style == "white-bg"  # no web tiles
    assert fig.layout.uirevision == "coverage-map"


def test_hover_has_both_names(squares):
    gj = boundaries.to_geojson(squares.to_crs(4326))
    fig = region_map_figure(_frame(squares), gj, {})
    t = fig.data[0]
    assert list(t.customdata[0]) == ["Un", "Een"]
    assert "%{customdata[0]}" in t.hovertemplate and "%{customdata[1]}" in t.hovertemplate
