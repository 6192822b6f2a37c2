"""Reading the prepared geography: checked against its manifest, clear errors, no byte copy
of a source, no geometry library on the way."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys

import pytest

import geodata
from dashboard import files
from geodata import prepared
from geodata.registry import reference_files, source_files


def _copy(src, dst):
    shutil.copytree(src, dst)
    return dst


def test_every_shipped_file_is_listed_and_verified(geography_dir):
    manifest = geodata.read_manifest(geography_dir)
    on_disk = {p.name for p in geography_dir.iterdir() if p.is_file()} - {prepared.MANIFEST}
    assert set(manifest["files"]) == on_disk
    assert set(prepared.file_status(geography_dir).values()) == {"ok"}
    assert [manifest["vintages"][k]["communes"] for k in geodata.VINTAGE_KEYS] == [589, 581, 565]


def test_the_repository_holds_no_byte_copy_of_a_source():
    forbidden = {s.sha256 for s in source_files().values()}
    forbidden |= {r.sha256 for r in reference_files().values()}
    root = files.data_dir()
    for path in root.rglob("*"):
        if path.is_file():
            assert hashlib.sha256(path.read_bytes()).hexdigest() not in forbidden, path


def test_shipped_data_is_small():
    total = sum(p.stat().st_size for p in files.geography_dir().iterdir())
    assert total < 5_000_000


def test_missing_folder_says_how_to_rebuild(tmp_path):
    with pytest.raises(geodata.PreparedDataError) as err:
        geodata.load_vintage("2025", tmp_path / "nowhere")
    msg = str(err.value)
    assert "does not exist" in msg and "build-geodata --sources DIR" in msg
    assert "--download" in msg


def test_missing_file_is_named(geography_dir, tmp_path):
    folder = _copy(geography_dir, tmp_path / "g")
    (folder / "communes_2019-2024.geojson").unlink()
    with pytest.raises(geodata.PreparedDataError, match="communes_2019-2024.geojson is missing"):
        geodata.load_vintage("2019-2024", folder)
    assert prepared.file_status(folder)["communes_2019-2024.geojson"] == "missing"


def test_hand_edit_is_refused(geography_dir, tmp_path):
    folder = _copy(geography_dir, tmp_path / "g")
    path = folder / "communes_1977-2018.csv"
    path.write_text(path.read_text().replace("Aartselaar", "Aartselaer", 1))
    with pytest.raises(geodata.PreparedDataError, match="never edited by hand"):
        geodata.load_vintage("1977-2018", folder)
    assert prepared.file_status(folder)["communes_1977-2018.csv"] == "sha256 mismatch"


def test_types_come_back(geography_dir):
    c = geodata.load_communes("2025", geography_dir)
    assert c["german_speaking"].dtype == bool and c["population"].dtype.kind == "i"
    assert c["area_km2"].dtype.kind == "f"
    assert all(isinstance(n, tuple) for n in c["neighbours"])
    assert c["nis"].str.fullmatch(r"\d{5}").all()
    # codes keep their leading zeros in every table
    assert set(geodata.load_units("2025", geography_dir)["code"]) >= {"02000", "03000", "04000"}


def test_serving_imports_no_geometry_library_and_no_downloader():
    code = (
        "import sys\n"
        "from dashboard.settings import Settings\n"
        "from dashboard.bundle import load_bundle\n"
        "from dashboard.app import create_app\n"
        "s = Settings.from_env({})\n"
        "create_app(s, load_bundle(s))\n"
        "bad = [m for m in ('geopandas', 'shapely', 'pyproj', 'pyogrio', 'pooch') "
        "if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
