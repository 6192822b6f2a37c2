"""Geometry helpers on tiny synthetic squares."""

import json

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

from geodata import boundaries as b


def test_dissolve_codes(squares):
    mapping = pd.Series(
        ["20001", "20001", "10003", "10004", "20002", "20002"], index=squares["nis"].tolist()
    )
    out = b.dissolve_codes(squares, mapping)
    assert list(out["nis"]) == ["10003", "10004", "20001", "20002"]
    assert out.set_index("nis").geometry.area["20001"] == pytest.approx(2e6)
    with pytest.raises(KeyError, match="10006"):
        b.dissolve_codes(squares, mapping.drop("10006"))


def test_neighbours_share_a_line_not_a_point(squares):
    n = b.neighbours(squares)
    assert n["10001"] == ("10002", "10004")
    assert "10005" not in n["10001"]  # diagonal: a point contact only
    assert n["10005"] == ("10002", "10004", "10006")
    for code, others in n.items():
        for other in others:
            assert code in n[other]


def test_overlap_detects_overlapping_polygons(squares):
    assert b.overlap_km2(squares) == 0.0
    bad = pd.concat(
        [
            squares,
            gpd.GeoDataFrame(
                {"nis": ["x"]}, geometry=[box(150500, 170000, 151500, 171000)], crs=squares.crs
            ),
        ]
    )
    assert b.overlap_km2(bad) == pytest.approx(1.0)


def test_areas_need_projected_crs(squares):
    assert b.areas_km2(squares)["10001"] == pytest.approx(1.0)
    with pytest.raises(ValueError, match="projected"):
        b.areas_km2(squares.to_crs(4326))


def test_display_simplification_keeps_a_clean_coverage(squares):
    # A wiggly shared border between two communes: simplification must move it for both.
    left = shapely.Polygon(
        [(0, 0), (500, 0), (520, 250), (480, 500), (510, 750), (500, 1000), (0, 1000)]
    )
    right = shapely.Polygon(
        [(500, 0), (1000, 0), (1000, 1000), (500, 1000), (510, 750), (480, 500), (520, 250)]
    )
    gdf = gpd.GeoDataFrame({"nis": ["1", "2"]}, geometry=[left, right], crs="EPSG:31370")
    gdf = gdf.translate(150000, 170000).to_frame("geometry").assign(nis=["1", "2"])
    gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs="EPSG:31370")
    out = b.simplify_for_display(gdf, 100)
    assert out.crs.to_string() == "EPSG:4326"
    back = out.to_crs(31370)
    assert shapely.coverage_is_valid(back.geometry.values)
    union = shapely.union_all(back.geometry.values)
    assert union.area == pytest.approx(sum(back.geometry.area), rel=1e-9)  # no overlap


def test_geojson_ids_are_codes(squares):
    gj = b.to_geojson(b.simplify_for_display(squares, 1), ndigits=5)
    assert [f["id"] for f in gj["features"]] == list(squares["nis"])
    assert gj["features"][0]["properties"] == {"nis": "10001"}
    lon, lat = gj["features"][0]["geometry"]["coordinates"][0][0]
    assert 2 < lon < 7 and 49 < lat < 52  # Belgium, in degrees
    json.dumps(gj)  # plain JSON


def test_communes_from_statbel_sectors(tmp_path, squares):
    """A tiny synthetic sector file, as Statbel ships it: several sectors per commune."""
    sectors = []
    for row in squares.itertuples():
        x0, y0, x1, y1 = row.geometry.bounds
        mid = (x0 + x1) / 2
        for i, part in enumerate([box(x0, y0, mid, y1), box(mid, y0, x1, y1)]):
            sectors.append(
                {"CD_SECTOR": f"{row.nis}A0{i}", "CD_MUNTY_REFNIS": int(row.nis), "geometry": part}
            )
    path = tmp_path / "sh_statbel_statistical_sectors.geojson"
    gpd.GeoDataFrame(sectors, crs="EPSG:31370").to_file(path, driver="GeoJSON")
    communes = b.communes_from_sectors(path)
    assert list(communes["nis"]) == list(squares["nis"])
    assert communes.geometry.area.tolist() == pytest.approx([1e6] * 6)
    assert all(g.geom_type == "Polygon" for g in communes.geometry)  # halves dissolved


def test_sector_file_without_code_column(tmp_path, squares):
    path = tmp_path / "sectors.geojson"
    squares.rename(columns={"nis": "CODE"}).to_file(path, driver="GeoJSON")
    with pytest.raises(ValueError, match="CD_MUNTY_REFNIS"):
        b.communes_from_sectors(path)
