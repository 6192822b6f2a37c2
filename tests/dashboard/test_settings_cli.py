import json
import re
from pathlib import Path

import pytest

from dashboard import cli, files
from dashboard.settings import SETTINGS, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_settings_from_env(tmp_path):
    s = Settings.from_env(
        {"CSIL_DATA_DIR": str(tmp_path), "CSIL_PORT": "9000", "CSIL_DEBUG": "yes"}
    )
    assert s.data_dir == tmp_path and s.port == 9000 and s.debug is True
    assert s.geography_dir == tmp_path / "geography"  # follows the data folder
    assert s.reference_dir == tmp_path / "reference"


def test_default_settings_need_no_environment():
    """Shipped data from the project, downloads in the user cache, never in the repository."""
    s = Settings.from_env({})
    assert s.data_dir == files.data_dir() and (s.data_dir / "public_record").is_dir()
    assert s.geography_dir == files.geography_dir()
    assert "csil-atlas" in str(s.cache_dir)
    assert files.data_dir().parent not in s.cache_dir.parents


@pytest.mark.parametrize(
    ("env", "msg"),
    [({"CSIL_PORT": "eighty"}, "CSIL_PORT"), ({"CSIL_DEBUG": "maybe"}, "CSIL_DEBUG")],
)
def test_bad_settings_are_named(env, msg):
    with pytest.raises(ValueError, match=msg):
        Settings.from_env(env)


def test_readme_documents_every_setting():
    text = README.read_text(encoding="utf-8")
    for spec in SETTINGS:
        assert re.search(rf"`{spec.env}`", text), f"README lacks {spec.env}"


def test_readme_opens_with_the_two_commands():
    text = README.read_text(encoding="utf-8")
    head = text[:1500]
    assert "csil-dashboard serve" in head
    assert "bash .ci/run" in head


def test_ci_runs_the_readme_test_command():
    ci = (README.parent / ".ci" / "run").read_text()
    assert "pytest" in ci


def test_info_lists_the_shipped_data_with_its_sources(capsys):
    assert cli.main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [v["commune_count"] for v in info["vintages"]] == [589, 581, 565]
    assert {f["status"] for v in info["vintages"] for f in v["files"]} == {"ok"}
    v = {x["key"]: x for x in info["vintages"]}
    assert v["2025"]["valid_from"] == "2025-01-01" and v["2025"]["valid_to"] is None
    assert "refnis" in info["sources"] and "Statbel" in info["sources"]["refnis"]["producer"]
    assert all(len(s["sha256"]) == 64 for s in info["sources"].values())
    assert cli.main(["info"]) == 0
    text = capsys.readouterr().out
    assert "589 communes" in text and "licence:" in text and "[ok] crosswalk.csv" in text


def test_info_reports_a_damaged_prepared_file(tmp_path, monkeypatch, capsys):
    import shutil

    shutil.copytree(files.geography_dir(), tmp_path / "g")
    (tmp_path / "g" / "units_2025.csv").write_text("edited\n")
    monkeypatch.setenv("CSIL_GEOGRAPHY_DIR", str(tmp_path / "g"))
    assert cli.main(["info"]) == 1
    assert "[sha256 mismatch] units_2025.csv" in capsys.readouterr().out


def test_serve_without_prepared_data_exits_with_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSIL_GEOGRAPHY_DIR", str(tmp_path / "none"))
    assert cli.main(["serve"]) == 3
    err = capsys.readouterr().err
    assert "No prepared geography" in err and "build-geodata" in err


def test_build_geodata_without_sources_exits_with_clear_error(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    code = cli.main(["build-geodata", "--sources", str(tmp_path / "none"), "--out", str(out)])
    assert code == 3
    err = capsys.readouterr().err
    assert "Missing geodata source file" in err and str(tmp_path / "none") in err
    assert not out.exists() or not any(out.iterdir())  # nothing half-written


def test_build_geodata_needs_a_source(capsys):
    with pytest.raises(SystemExit):
        cli.main(["build-geodata"])
    assert "--sources" in capsys.readouterr().err


@pytest.mark.shared
@pytest.mark.slow
def test_build_geodata_check_on_the_shipped_files(geodata_dir, capsys):
    assert cli.main(["build-geodata", "--sources", str(geodata_dir), "--check"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_validate_command(tmp_path, capsys):
    example = README.parent / "data" / "example_membership_illustrative.csv"
    assert cli.main(["validate", str(example)]) == 0
    out = capsys.readouterr().out
    assert "illustrative" in out and "no difference" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("nis_code,commune,status,cell,as_of\n21004,Bruxelles,own_cell,,2016-05-27\n"
                   "21001,Anderlecht,sometimes,,2016-05-27\n")  # fmt: skip
    assert cli.main(["validate", str(bad)]) != 0
    out = capsys.readouterr().out
    assert f"{bad}:3:status 'sometimes'" in out
