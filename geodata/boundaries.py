"""Commune geometry: reading, dissolving through the crosswalk, adjacency, display form.

Two prepared forms per vintage: projected (EPSG:31370) for areas and adjacency, and a
topology-preserving simplification in EPSG:4326 for display (shapely's coverage
simplification, so neighbours keep one shared edge: no slivers, no gaps).
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

PROJECTED_CRS = "EPSG:31370"
DISPLAY_CRS = "EPSG:4326"
STATBEL_SECTOR_CODE_COLUMN = "CD_MUNTY_REFNIS"
# A border shorter than this (metres) is a point contact, not a shared border.
MIN_SHARED_BORDER_M = 1.0


def read_communes_file(path: Path, id_column: str, crs: str) -> gpd.GeoDataFrame:
    """Read a commune boundary file and declare its CRS.

    The 589-commune file carries Lambert 72 coordinates but no ``crs`` member, so any
    GeoJSON reader says EPSG:4326: the registry's CRS overrides it.
    """
    gdf = gpd.read_file(path)
    if id_column not in gdf.columns:
        raise ValueError(
            f"{path}: no column {id_column!r} (columns: {', '.join(map(str, gdf.columns))})"
        )
    gdf = gdf.set_crs(crs, allow_override=True)
    out = gpd.GeoDataFrame(
        {"nis": gdf[id_column].astype(str).str.zfill(5)},
        geometry=shapely.make_valid(gdf.geometry.values),
        crs=crs,
    )
    return out.sort_values("nis").reset_index(drop=True)


def dissolve_codes(gdf: gpd.GeoDataFrame, mapping: pd.Series) -> gpd.GeoDataFrame:
    """Dissolve communes into larger ones; ``mapping`` maps each ``nis`` to its target."""
    missing = set(gdf["nis"]) - set(mapping.index)
    if missing:
        raise KeyError(f"no target code for communes {sorted(missing)[:10]}")
    work = gdf.assign(target=gdf["nis"].map(mapping))
    geoms = work.groupby("target")["geometry"].agg(lambda s: shapely.union_all(s.values))
    out = gpd.GeoDataFrame(
        {"nis": geoms.index.astype(str)}, geometry=list(geoms.values), crs=gdf.crs
    )
    return out.sort_values("nis").reset_index(drop=True)


def communes_from_sectors(
    path: Path, code_column: str = STATBEL_SECTOR_CODE_COLUMN, crs: str | None = None
) -> gpd.GeoDataFrame:
    """Build communes from Statbel's statistical-sector file (dissolve on the commune code).

    This is how a user outside rebuilds the boundaries from the official download.
    """
    sectors = gpd.read_file(path)
    if code_column not in sectors.columns:
        raise ValueError(
            f"{path}: no commune code column {code_column!r}; "
            f"columns are: {', '.join(map(str, sectors.columns))}"
        )
    if crs:
        sectors = sectors.set_crs(crs, allow_override=True)
    if sectors.crs is None:
        raise ValueError(f"{path}: the file declares no CRS; pass crs= (e.g. EPSG:31370)")
    sectors = sectors.to_crs(PROJECTED_CRS)
    sectors = gpd.GeoDataFrame(
        {"nis": sectors[code_column].astype(str).str.zfill(5)},
        geometry=shapely.make_valid(sectors.geometry.values),
        crs=PROJECTED_CRS,
    )
    codes = sectors["nis"].unique()
    return dissolve_codes(sectors, pd.Series(codes, index=codes))


def areas_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    if gdf.crs is None or gdf.crs.is_geographic:
        raise ValueError("areas need a projected CRS")
    return pd.Series(gdf.geometry.area.to_numpy() / 1e6, index=gdf["nis"].to_numpy())


def neighbours(gdf: gpd.GeoDataFrame) -> dict[str, tuple[str, ...]]:
    """Communes that share a border (a line, not a single point), from projected geometry."""
    geoms = gdf.geometry.values
    codes = gdf["nis"].to_numpy()
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    shared = shapely.length(
        shapely.intersection(shapely.boundary(geoms[left]), shapely.boundary(geoms[right]))
    )
    keep = shared > MIN_SHARED_BORDER_M
    out: dict[str, set[str]] = {c: set() for c in codes}
    for a, b in zip(codes[left[keep]], codes[right[keep]], strict=True):
        out[a].add(b)
        out[b].add(a)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def simplify_for_display(gdf: gpd.GeoDataFrame, tolerance_m: float) -> gpd.GeoDataFrame:
    """Topology-preserving simplification (projected), then EPSG:4326."""
    simplified = shapely.coverage_simplify(gdf.geometry.values, tolerance_m)
    out = gpd.GeoDataFrame({"nis": gdf["nis"].to_numpy()}, geometry=simplified, crs=gdf.crs)
    return out.to_crs(DISPLAY_CRS)


def _round_coords(coords: list, ndigits: int) -> list:
    if coords and isinstance(coords[0], (int, float)):
        return [round(c, ndigits) for c in coords]
    return [_round_coords(c, ndigits) for c in coords]


def _ring_area(ring: list) -> float:
    """Shoelace area in degrees²: > 0 anticlockwise (x east, y north), < 0 clockwise."""
    pairs = zip(ring, ring[1:], strict=False)
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairs) / 2


def _wind_for_d3(polygon: list) -> list:
    """One polygon's rings (rounded), the exterior clockwise and the holes anticlockwise:
    d3-geo (plotly's geo maps) reads an anticlockwise exterior as the whole globe but the
    polygon; MapLibre and RFC 7946 readers accept either. A ring that rounding collapsed
    (no area) is dropped; so is the polygon, if it is its exterior."""
    out = []
    for i, ring in enumerate(polygon):
        area = _ring_area(ring)
        if area == 0:
            if i == 0:
                return []
            continue
        out.append(ring if (area < 0) == (i == 0) else ring[::-1])
    return out


def _wound(kind: str, coords: list) -> tuple[str, list]:
    if kind == "Polygon":
        return kind, _wind_for_d3(coords)
    polygons = [p for p in (_wind_for_d3(p) for p in coords) if p]
    return ("Polygon", polygons[0]) if len(polygons) == 1 else (kind, polygons)


def to_geojson(gdf: gpd.GeoDataFrame, ndigits: int = 5) -> dict:
    """A FeatureCollection with ``id`` and ``properties.nis`` = the NIS code.

    5 decimals of a degree is about a metre: plenty for a commune map, half the bytes.
    Rings are wound for d3-geo after rounding (see :func:`_wind_for_d3`).
    """
    if gdf.crs is None or gdf.crs.to_string() != DISPLAY_CRS:
        gdf = gdf.to_crs(DISPLAY_CRS)
    features = []
    for nis, geom in zip(gdf["nis"], gdf.geometry, strict=True):
        mapping = shapely.geometry.mapping(geom)
        kind, coords = _wound(
            mapping["type"], _round_coords(_as_lists(mapping["coordinates"]), ndigits)
        )
        features.append(
            {
                "type": "Feature",
                "id": nis,
                "properties": {"nis": nis},
                "geometry": {"type": kind, "coordinates": coords},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _as_lists(obj):
    if isinstance(obj, (tuple, list)):
        if obj and isinstance(obj[0], (int, float, np.floating)):
            return [float(x) for x in obj]
        return [_as_lists(o) for o in obj]
    return obj


def overlap_km2(gdf: gpd.GeoDataFrame) -> float:
    """Sum of areas minus area of the union: zero for a clean partition."""
    total = float(gdf.geometry.area.sum())
    union = float(shapely.union_all(gdf.geometry.values).area)
    return (total - union) / 1e6 if not math.isclose(total, union) else 0.0
