"""Shared fixtures: where the staged inputs are, and tiny synthetic geography."""

from __future__ import annotations

import os
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import box

from dashboard import files

REPO_ROOT = Path(__file__).resolve().parents[1]
# The original source files, staged next to the repository (only the tests that rebuild
# the prepared data from them, or compare with them, need it).
SHARED_GEODATA = REPO_ROOT.parent / "shared" / "geodata"


def pytest_collection_modifyitems(config, items):
    """Tests marked ``shared`` need the staged folder of original files: skip them, saying
    why, when it is absent. Every other test runs on the prepared data shipped in data/.

    In CI the folder is always there, so there they always run."""
    if (SHARED_GEODATA / "PROVENANCE.md").is_file():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI run without the staged geodata folder {SHARED_GEODATA}")
    skip = pytest.mark.skip(reason=f"staged geodata folder not found at {SHARED_GEODATA}")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def geodata_dir() -> Path:
    return SHARED_GEODATA


@pytest.fixture(scope="session")
def geography_dir() -> Path:
    """The prepared geography shipped in data/geography."""
    return files.geography_dir()


@pytest.fixture
def squares() -> gpd.GeoDataFrame:
    """Six 1 km squares in a 3 x 2 grid (EPSG:31370), codes 10001..10006.

    Row 0: 10001 10002 10003 / row 1: 10004 10005 10006.
    """
    geoms, codes = [], []
    for i in range(6):
        x, y = (i % 3) * 1000 + 150000, (i // 3) * 1000 + 170000
        geoms.append(box(x, y, x + 1000, y + 1000))
        codes.append(f"1000{i + 1}")
    return gpd.GeoDataFrame({"nis": codes}, geometry=geoms, crs="EPSG:31370")
