"""The coverage map as data: traces, locations, colours, patches."""

import pandas as pd

from dashboard.figures.map import (
    CATEGORIES,
    CATEGORY_COLOURS,
    TRANSPARENT,
    MapLayers,
    category_codes,
    category_colourscale,
    coverage_map_figure,
    coverage_map_updates,
)
from geodata import boundaries


def _layers(squares, public=False, categories=None):
    cats = categories or ["own_cell", "shared_cell", "planned", "none", "unknown", "outside"]
    return MapLayers(
        communes=pd.DataFrame({"nis": squares["nis"], "category": cats,
                               "hover": [f"<b>{c}</b>" for c in squares["nis"]]}),
        regions=pd.DataFrame({"id": ["02000"], "share": [0.36], "hover": ["Flanders 36%"]})
        if public else pd.DataFrame(columns=["id", "share", "hover"]),
        flags=pd.DataFrame({"lon": [4.4], "lat": [50.8], "hover": ["pilot"]}),
        unknown_transparent=public,
        region_scale_title="published share",
    )  # fmt: skip


def _geo(squares):
    return boundaries.to_geojson(squares.to_crs(4326))


def test_structure_and_locations(squares):
    fig = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    assert [t.type for t in fig.data] == ["choroplethmap", "choroplethmap", "scattermap"]
    assert list(fig.data[1].locations) == list(squares["nis"])
    assert len(fig.data[1].geojson["features"]) == 6
    assert fig.layout.map.style == "white-bg"  # no web tiles: works offline
    assert fig.layout.uirevision == "coverage-map"  # zoom survives updates


def test_each_status_gets_its_colour(squares):
    fig = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    t = fig.data[1]
    scale = [list(x) for x in t.colorscale]
    n = len(CATEGORIES)
    for z, cat in zip(t.z, CATEGORIES, strict=True):
        colour = next(c for pos, c in scale if pos <= z / n) if z else None
        stops = [c for pos, c in scale if abs(pos - (z - 0.5) / n) < 1e-9]
        assert CATEGORY_COLOURS[cat] in stops or colour
    assert category_codes(["own_cell", "unknown"]) == [0.5, 4.5]
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)  # all distinct


def test_unknown_is_transparent_only_over_region_shading(squares):
    public = category_colourscale(True)
    assert TRANSPARENT in [c for _, c in public]
    assert TRANSPARENT not in [c for _, c in category_colourscale(False)]
    fig = coverage_map_figure(_layers(squares, public=True), _geo(squares), _geo(squares))
    assert list(fig.data[0].locations) == ["02000"] and list(fig.data[0].z) == [0.36]
    assert fig.data[0].showscale is True


def test_patch_updates_never_carry_geometry(squares):
    ups = coverage_map_updates(_layers(squares, public=True))
    assert all(key[0] == "data" for key in ups)
    assert not any("geojson" in key for key in ups)
    assert ups[("data", 1, "z")] == category_codes(_layers(squares).communes["category"])
    assert ups[("data", 2, "lon")] == [4.4]


def test_hover_text_is_given(squares):
    fig = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    assert fig.data[1].text[0] == "<b>10001</b>"
    assert fig.data[1].hovertemplate == "%{text}<extra></extra>"


def test_outlines_keep_unreported_communes_visible(squares):
    public = coverage_map_figure(_layers(squares, public=True), _geo(squares), _geo(squares))
    assert public.data[1].marker.line.color == "#9E9E9E"
    own = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    assert own.data[1].marker.line.color == "#FFFFFF"
    assert ("data", 1, "marker") in coverage_map_updates(_layers(squares, public=True))
