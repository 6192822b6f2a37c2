import json
import re
from pathlib import Path

import pytest

from dashboard import cli
from dashboard.settings import SETTINGS, Settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_settings_from_env(tmp_path):
    s = Settings.from_env(
        {"CSIL_GEODATA_DIR": str(tmp_path), "CSIL_PORT": "9000", "CSIL_DEBUG": "yes"}
    )
    assert s.geodata_dir == tmp_path and s.port == 9000 and s.debug is True
    assert s.sectors_file is None


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


def test_info_without_sources_reports_missing(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSIL_GEODATA_DIR", str(tmp_path))
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert [v["commune_count"] for v in info["vintages"]] == [589, 581, 565]
    statuses = {s["status"] for v in info["vintages"] for s in v["sources"]}
    assert statuses == {"missing"}


def test_build_geodata_without_sources_exits_with_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSIL_GEODATA_DIR", str(tmp_path))
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main(["build-geodata", "--vintage", "2025"]) == 3
    err = capsys.readouterr().err
    assert "Missing geodata source file" in err and str(tmp_path) in err


@pytest.mark.shared
def test_info_json_reports_vintages_sources_and_cache(geodata_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSIL_GEODATA_DIR", str(geodata_dir))
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path))
    assert cli.main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    v = {x["key"]: x for x in info["vintages"]}
    assert v["2025"]["valid_from"] == "2025-01-01" and v["2025"]["valid_to"] is None
    assert all(s["status"] == "ok" for x in info["vintages"] for s in x["sources"])
    assert not v["2019-2024"]["cache"]["present"]
    assert cli.main(["build-geodata", "--vintage", "2019-2024"]) == 0
    assert "581 communes built" in capsys.readouterr().out
    cli.main(["info", "--json"])
    info = json.loads(capsys.readouterr().out)
    assert {x["key"]: x["cache"]["present"] for x in info["vintages"]}["2019-2024"] is True


@pytest.mark.shared
def test_validate_command(geodata_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CSIL_GEODATA_DIR", str(geodata_dir))
    monkeypatch.setenv("CSIL_CACHE_DIR", str(tmp_path / "cache"))
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
