"""The coverage map as data: traces, locations, colours, patches."""

import colorsys
from dataclasses import replace

import pandas as pd
import pytest

from dashboard.figures.map import (
    BELGIUM_CENTER,
    BELGIUM_LAT_RANGE,
    BELGIUM_LON_RANGE,
    BELGIUM_ZOOM,
    BRUSSELS_CENTER,
    BRUSSELS_ZOOM,
    CATEGORIES,
    CATEGORY_COLOURS,
    COMMUNE_ZOOM,
    MAP_UIREVISION,
    REGION_SCALE,
    TRANSPARENT,
    MapLayers,
    category_codes,
    category_colourscale,
    coverage_map_figure,
    coverage_map_updates,
    map_view_updates,
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
    fig = coverage_map_figure(_layers(squares, public=True), _geo(squares), _geo(squares))
    # SVG on a geo subplot (bench/map_render.py: faster than MapLibre without a GPU)
    assert [t.type for t in fig.data] == ["choropleth", "choropleth", "scattergeo"]
    assert list(fig.data[1].locations) == list(squares["nis"])
    assert list(fig.data[0].locations) == ["02000"]
    # the features are found by their NIS code, which every prepared file carries
    assert fig.data[0].featureidkey == fig.data[1].featureidkey == "properties.nis"
    assert {f["properties"]["nis"] for f in fig.data[1].geojson["features"]} == set(squares["nis"])
    assert len(fig.data[1].geojson["features"]) == 6
    assert fig.layout.geo.visible is False  # no base map, no tiles: works offline
    assert not fig.layout.map.to_plotly_json()  # no MapLibre subplot
    assert fig.layout.uirevision == fig.layout.geo.uirevision == "coverage-map"  # zoom stays


def test_geometry_can_be_a_url(squares):
    """The app references the division's geometry by URL (the browser caches it)."""
    url = "/geometry/2019-2024/communes.geojson?v=abc"
    fig = coverage_map_figure(_layers(squares), url, "/geometry/2019-2024/regions.geojson?v=abc")
    assert fig.data[1].geojson == url
    assert fig.data[0].geojson.startswith("/geometry/2019-2024/regions")


def _extent(collection: dict) -> tuple[float, float, float, float]:
    xs, ys = [], []

    def walk(coords):
        if isinstance(coords[0], (int, float)):
            xs.append(coords[0])
            ys.append(coords[1])
        else:
            for c in coords:
                walk(c)

    for feature in collection["features"]:
        walk(feature["geometry"]["coordinates"])
    return min(xs), max(xs), min(ys), max(ys)


def test_the_view_fits_all_of_belgium(bundle, squares):
    """At projection.scale 1 the lon/lat ranges fill the map's box, whatever its size: every
    division's communes lie inside them, so nothing is cropped on a small screen."""
    geo = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares)).layout.geo
    assert geo.projection.scale == BELGIUM_ZOOM == 1
    assert geo.fitbounds is False  # the fixed ranges, not the data, set the frame
    assert tuple(geo.lonaxis.range) == BELGIUM_LON_RANGE
    assert tuple(geo.lataxis.range) == BELGIUM_LAT_RANGE
    for key, vintage in bundle.vintages.items():
        for collection in (vintage.display, vintage.regions_display):
            west, east, south, north = _extent(collection)
            assert BELGIUM_LON_RANGE[0] < west and east < BELGIUM_LON_RANGE[1], key
            assert BELGIUM_LAT_RANGE[0] < south and north < BELGIUM_LAT_RANGE[1], key
    assert geo.center.lon == BELGIUM_CENTER["lon"] and geo.center.lat == BELGIUM_CENTER["lat"]
    brussels = [f for f in bundle.vintages["2019-2024"].display["features"]
                if f["id"].startswith("21")]  # fmt: skip
    west, east, south, north = _extent({"features": brussels})
    assert west < BRUSSELS_CENTER["lon"] < east and south < BRUSSELS_CENTER["lat"] < north
    # Brussels's 19 communes (0.15 degrees of latitude) within the frame's height at its zoom
    assert (north - south) * BRUSSELS_ZOOM < BELGIUM_LAT_RANGE[1] - BELGIUM_LAT_RANGE[0]
    assert BRUSSELS_ZOOM < COMMUNE_ZOOM


def test_colour_bar_lies_outside_the_map(squares):
    """The region scale is a vertical bar right of the geo subplot's box (plotly widens the
    right margin for it): it never covers the country."""
    fig = coverage_map_figure(_layers(squares, public=True), _geo(squares), _geo(squares))
    bar = fig.data[0].colorbar
    domain_right = fig.layout.geo.domain.x[1] if fig.layout.geo.domain.x else 1
    assert bar.orientation == "v" and bar.xref in (None, "paper")
    assert bar.xanchor == "left" and bar.x >= domain_right
    assert fig.data[0].showscale is True
    assert fig.data[1].showscale is False  # the statuses have the legend, not a bar
    assert bar.title.text == "published share"
    title = "Communes with a cell: share of communes (computed)"
    long = replace(_layers(squares, public=True), region_scale_title=title)
    shown = coverage_map_figure(long, _geo(squares), _geo(squares)).data[0].colorbar.title.text
    assert shown.replace("<br>", " ") == title  # on short lines by the bar
    assert max(len(line) for line in shown.split("<br>")) <= 18
    no_regions = coverage_map_figure(_layers(squares), _geo(squares), _geo(squares))
    assert no_regions.data[0].showscale is False


def _hue(colour: str) -> tuple[float, float]:
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s


def test_region_scale_is_another_hue_than_the_statuses():
    """Region shading (yellow-green) cannot be read as a status: none of its colours is a
    status colour, and no (saturated) status colour has a yellow-green hue."""
    scale = [c for _, c in REGION_SCALE]
    statuses = {c.upper() for c in CATEGORY_COLOURS.values()}
    assert not {c.upper() for c in scale} & statuses
    assert [p for p, _ in REGION_SCALE] == sorted(p for p, _ in REGION_SCALE)
    for colour in scale:
        hue, saturation = _hue(colour)
        assert 55 <= hue <= 135 and saturation > 0.3, colour
    for name, colour in CATEGORY_COLOURS.items():
        hue, saturation = _hue(colour)
        assert saturation < 0.1 or not 45 <= hue <= 145, name


def _colour_at(scale, z, zmin, zmax):
    """The colour a colourscale gives to z, as plotly normalises it."""
    return next(c for pos, c in reversed(scale) if pos <= (z - zmin) / (zmax - zmin))


def test_each_status_gets_its_colour(squares):
    layers = _layers(squares)
    fig = coverage_map_figure(layers, _geo(squares), _geo(squares))
    t = fig.data[1]
    scale = [list(x) for x in t.colorscale]
    for z, cat in zip(t.z, layers.communes["category"], strict=True):
        assert _colour_at(scale, z, t.zmin, t.zmax) == CATEGORY_COLOURS[cat], cat
    assert category_codes(["own_cell", "unknown"]) == [0, CATEGORIES.index("unknown")]
    with pytest.raises(KeyError, match="sunny"):
        category_codes(["own_cell", "sunny"])
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


def test_patch_paths(squares):
    """The paths a filter change patches (dashboard.callbacks.view.map_output applies them
    one by one): every one exists in the full figure, so the patch lands on it."""
    layers = _layers(squares, public=True)
    assert set(coverage_map_updates(layers)) == {
        ("data", 0, "locations"), ("data", 0, "z"), ("data", 0, "text"),
        ("data", 0, "colorbar"), ("data", 0, "showscale"),
        ("data", 1, "z"), ("data", 1, "text"), ("data", 1, "colorscale"),
        ("data", 1, "marker"),
        ("data", 2, "lon"), ("data", 2, "lat"), ("data", 2, "text"), ("data", 2, "name"),
        ("layout", "annotations"),
    }  # fmt: skip
    recolour = coverage_map_updates(layers, with_text=False)
    assert ("data", 1, "z") in recolour
    assert not {("data", 1, "text"), ("data", 1, "colorscale")} & set(recolour)
    fig = coverage_map_figure(layers, _geo(squares), _geo(squares)).to_plotly_json()
    for path, value in coverage_map_updates(layers).items():
        if path[0] == "data":
            assert fig["data"][path[1]][path[2]] == value, path
        else:
            assert fig["layout"].get(path[1], []) == value, path


def test_view_updates_zoom_the_geo_subplot():
    """The zoom buttons patch the geo subplot's center and projection.scale (1 = all of
    Belgium); a revision makes plotly forget a view the user dragged to since."""
    ups = map_view_updates(BRUSSELS_CENTER, BRUSSELS_ZOOM)
    assert ups[("layout", "geo", "center")] == BRUSSELS_CENTER
    assert ups[("layout", "geo", "projection", "scale")] == BRUSSELS_ZOOM
    assert ("layout", "geo", "uirevision") not in ups
    assert all(path[:2] == ("layout", "geo") for path in ups)
    reset = map_view_updates(BELGIUM_CENTER, BELGIUM_ZOOM, revision=3)
    assert reset[("layout", "geo", "projection", "scale")] == 1
    assert reset[("layout", "geo", "uirevision")] != MAP_UIREVISION
    assert (
        reset[("layout", "geo", "uirevision")]
        != map_view_updates(BELGIUM_CENTER, BELGIUM_ZOOM, revision=4)[
            ("layout", "geo", "uirevision")
        ]
    )
    # numpy numbers (a commune's centroid) become plain floats for JSON
    import numpy as np

    point = map_view_updates({"lat": np.float64(50.1), "lon": np.float64(4.2)}, COMMUNE_ZOOM)
    assert type(point[("layout", "geo", "center")]["lat"]) is float


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
