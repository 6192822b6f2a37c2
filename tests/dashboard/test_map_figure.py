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


def _layers(squares, public=False, categories=None, watermark=""):
    cats = categories or ["own_cell", "shared_cell", "partly_covered", "none", "unknown",
                          "outside"]  # fmt: skip
    return MapLayers(
        communes=pd.DataFrame({"nis": squares["nis"], "category": cats,
                               "hover": [f"<b>{c}</b>" for c in squares["nis"]]}),
        regions=pd.DataFrame({"id": ["02000"], "share": [0.36], "hover": ["Flanders 36%"]})
        if public else pd.DataFrame(columns=["id", "share", "hover"]),
        flags=pd.DataFrame({"lon": [4.4], "lat": [50.8], "hover": ["pilot"]}),
        unknown_transparent=public,
        region_scale_title="published share",
        watermark=watermark,
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


def _colour_at(scale, z, n):
    """The colour a stepped colourscale gives to z (category i covers [i, i + 1))."""
    return next(c for pos, c in reversed(scale) if pos <= z / n)


def test_each_status_gets_its_colour(squares):
    layers = _layers(squares)
    fig = coverage_map_figure(layers, _geo(squares), _geo(squares))
    t = fig.data[1]
    scale = [list(x) for x in t.colorscale]
    n = len(CATEGORIES)
    for z, cat in zip(t.z, layers.communes["category"], strict=True):
        assert _colour_at(scale, z, n) == CATEGORY_COLOURS[cat], cat
    assert category_codes(["own_cell", "unknown"]) == [0.5, CATEGORIES.index("unknown") + 0.5]
    assert len(set(CATEGORY_COLOURS.values())) == len(CATEGORY_COLOURS)  # all distinct
    assert "partly_covered" in CATEGORIES  # a merged commune only partly covered: its own state


def test_unknown_is_transparent_only_over_region_shading(squares):
    public = category_colourscale(True)
    assert TRANSPARENT in [c for _, c in public]
    assert TRANSPARENT not in [c for _, c in category_colourscale(False)]
    fig = coverage_map_figure(_layers(squares, public=True), _geo(squares), _geo(squares))
    assert list(fig.data[0].locations) == ["02000"] and list(fig.data[0].z) == [0.36]
    assert fig.data[0].showscale is True


def test_patch_updates_never_carry_geometry(squares):
    ups = coverage_map_updates(_layers(squares, public=True))
    assert all(key[0] == "data" for key in ups if key != ("layout", "annotations"))
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


def test_illustrative_mark_is_inside_the_figure(squares):
    """A PNG of the map (the mode bar's download) carries the mark: it is a layout
    annotation of the figure, sent again with every patch."""
    mark = "ILLUSTRATIVE DATA — NOT REAL"
    fig = coverage_map_figure(_layers(squares, watermark=mark), _geo(squares), _geo(squares))
    assert [a.text for a in fig.layout.annotations] == [f"<b>{mark}</b>"]
    assert coverage_map_updates(_layers(squares, watermark=mark))[("layout", "annotations")]
    plain = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    assert not plain.layout.annotations
    assert coverage_map_updates(_layers(squares))[("layout", "annotations")] == []
