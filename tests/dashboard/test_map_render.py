"""What the browser needs to draw the coverage map (a plotly.js geo subplot, SVG), and the
pure parts of bench/map_render.py (which times it against MapLibre; no timing here)."""

from __future__ import annotations

from bench.map_render import d3_wound, variant
from dashboard import files
from dashboard.figures.map import GEO_TOPOJSON, GEO_TOPOJSON_NAME, geo_layout


def _ring_area(ring) -> float:
    """Shoelace area: > 0 anticlockwise (lon east, lat north), < 0 clockwise."""
    pairs = zip(ring, ring[1:], strict=False)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2


def _polygons(geometry: dict) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def _square(clockwise: bool) -> dict:
    ring = [[4.0, 50.0], [4.0, 50.1], [4.1, 50.1], [4.1, 50.0], [4.0, 50.0]]
    ring = ring if clockwise else ring[::-1]
    return {"type": "Feature", "id": "1", "properties": {"nis": "1"},
            "geometry": {"type": "Polygon", "coordinates": [ring]}}  # fmt: skip


def test_base_map_name_is_the_one_plotly_asks_for():
    """plotly.js names the base map it loads "<scope>_<resolution>m"; the empty one the page
    provides under GEO_TOPOJSON_NAME must be that one, or plotly fetches it from its CDN."""
    geo = geo_layout()
    assert f"{geo['scope']}_{geo['resolution']}m" == GEO_TOPOJSON_NAME
    assert GEO_TOPOJSON == {"type": "Topology", "objects": {}, "arcs": []}
    assert geo["visible"] is False  # and no base layer would use it


def test_the_page_gives_plotly_the_empty_base_map():
    scripts = [p.read_text(encoding="utf-8") for p in sorted(files.assets_dir().glob("*.js"))]
    assert any("PlotlyGeoAssets" in s and GEO_TOPOJSON_NAME in s for s in scripts)


def test_served_geometry_is_wound_for_d3(bundle):
    """d3-geo (plotly's geo subplot) reads an anticlockwise exterior ring as the whole globe
    but the polygon: one such commune paints the whole map in its colour."""
    wrong = []
    for key, vintage in bundle.vintages.items():
        for collection in (vintage.display, vintage.regions_display):
            for feature in collection["features"]:
                for polygon in _polygons(feature["geometry"]):
                    if _ring_area(polygon[0]) >= 0 or any(_ring_area(h) <= 0 for h in polygon[1:]):
                        wrong.append((key, feature["id"]))
    assert not wrong


def test_d3_wound_turns_only_anticlockwise_rings():
    collection = {"type": "FeatureCollection", "features": [_square(True), _square(False)]}
    fixed, turned = d3_wound(collection)
    assert turned == 1
    for feature in fixed["features"]:
        assert _ring_area(_polygons(feature["geometry"])[0][0]) < 0
    assert collection["features"][1] == _square(False)  # the input is left alone


def test_bench_variants_keep_data_and_change_only_the_trace_type():
    fig = {
        "data": [
            {"type": "choropleth", "locations": ["02000"], "z": [0.3]},
            {"type": "choropleth", "locations": ["21004"], "z": [0.5], "featureidkey": "x"},
            {"type": "scattergeo", "lon": [4.4], "lat": [50.8]},
        ],
        "layout": {"geo": geo_layout(), "annotations": []},
    }
    as_map = variant(fig, "map")
    assert [t["type"] for t in as_map["data"]] == ["choroplethmap", "choroplethmap",
                                                  "scattermap"]  # fmt: skip
    assert "geo" not in as_map["layout"] and as_map["layout"]["map"]["style"] == "white-bg"
    assert as_map["data"][1]["z"] == [0.5] and as_map["data"][2]["lon"] == [4.4]
    back = variant(as_map, "geo")
    assert [t["type"] for t in back["data"]] == [t["type"] for t in fig["data"]]
    assert variant(fig, "geo") == fig and fig["data"][0]["type"] == "choropleth"
