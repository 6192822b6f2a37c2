"""Missing and altered source files give errors that say what, where and how to fix."""

import hashlib

import pytest

import geodata
from geodata.registry import source_files
from geodata.sources import source_path


def test_missing_file_names_file_folder_and_where_to_get_it(tmp_path):
    with pytest.raises(geodata.GeodataSourceError) as err:
        source_path("refnis", tmp_path)
    msg = str(err.value)
    assert "raw/sciensanogit__bemaps/TU_COM_REFNIS.txt" in msg
    assert str(tmp_path) in msg
    assert "--sources DIR" in msg and "--download" in msg
    assert "statbel" in msg.lower()


def test_missing_folder_is_said(tmp_path):
    with pytest.raises(geodata.GeodataSourceError, match="does not exist"):
        source_path("refnis", tmp_path / "nowhere")


def test_sha256_mismatch(tmp_path):
    src = source_files()["population_2016"]
    target = tmp_path / src.path
    target.parent.mkdir(parents=True)
    target.write_text("Gemeentecode,population\n11001,1\n")
    with pytest.raises(geodata.GeodataSourceError) as err:
        source_path(src, tmp_path)
    msg = str(err.value)
    actual = hashlib.sha256(target.read_bytes()).hexdigest()
    assert actual in msg and src.sha256 in msg and str(target) in msg
    assert geodata.source_status(src, tmp_path) == "sha256 mismatch"


def test_status_missing(tmp_path):
    assert geodata.source_status(source_files()["refnis"], tmp_path) == "missing"


@pytest.mark.shared
def test_staged_sources_verify(geodata_dir):
    for s in source_files().values():
        assert geodata.source_status(s, geodata_dir) == "ok", s.path
