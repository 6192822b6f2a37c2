"""The data downloads (dashboard.exports.tables), each read back as a user's tool reads it:
the csv module, openpyxl, json and geopandas, on the real shipped data."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import subprocess
import sys

import geopandas
import openpyxl
import pandas as pd
import pytest

from dashboard import i18n
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.exports import tables
from dashboard.exports.briefing import Briefing, briefing, made_on
from dashboard.state import ViewState

TODAY = dt.date(2026, 3, 2)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HOSTILE_FILE = '=HYPERLINK("http://x").csv'
COLUMNS = 18  # views.table.export_frame


def read_csv(content: bytes, sep: str) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=sep))


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def read_xlsx(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def sheet_texts(ws) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def selected_nis(b: Briefing) -> list[str]:
    return list(b.frame.loc[b.mask, "nis"])


@pytest.fixture(scope="module")
def example_fr(bundle) -> Briefing:
    return briefing(bundle, ViewState(lang="fr", dataset="example", region=("02000",)))


@pytest.fixture(scope="module")
def public_en(bundle) -> Briefing:
    return briefing(bundle, ViewState(date="2019-06-15"))


@pytest.fixture(scope="module")
def hostile(bundle) -> Briefing:
    """An uploaded file with a hostile name, hostile cell names and sources, and (patched
    into its frame) hostile commune names and hostile source descriptions."""
    snapshot = MembershipSnapshot(
        dt.date(2019, 6, 15),
        "2019-2024",
        (
            CommuneStatus("11001", Status.SHARED_CELL, "C1", source=HOSTILE_FILE),
            CommuneStatus("11002", Status.SHARED_CELL, "C1", source=HOSTILE_FILE),
            CommuneStatus("11004", Status.OWN_CELL, "C2", source="+cmd"),
            CommuneStatus("11005", Status.NONE, source="-2+3"),
        ),
        (Cell("C1", "=1+2", ("11001", "11002")), Cell("C2", " @SUM(A1)", ("11004",))),
        source=HOSTILE_FILE,
    ).validate()
    b = briefing(bundle, ViewState(lang="fr", dataset="upload", province=("10000",)), snapshot)
    frame = b.frame.copy()
    names = {"11007": " -cmd", "11008": "\t=x", "11009": "+1", "11013": "\r@evil", "11016": "@"}
    frame["name"] = frame["nis"].map(names).fillna(frame["name"])
    frame.loc[frame["nis"] == "11018", "population"] = -5  # a number, never text
    sources = b.sources.copy()
    sources.loc[sources.index[0], ["publisher", "title", "url"]] = ["=evil()", "+title", "@url"]
    sources.loc[sources.index[1], ["source_id", "date"]] = ["-S99", "=2019"]
    return dataclasses.replace(b, frame=frame, sources=sources, title="=title",
                               selection=("-selection",))  # fmt: skip


# ------------------------------------------------------------------------- neutralise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        (" =1", "' =1"),
        ("   @x", "'   @x"),
        (" \t=1", "' \t=1"),
        ("\n=1", "'\n=1"),
        ('=HYPERLINK("http://x").csv', '\'=HYPERLINK("http://x").csv'),
        ("Liège", "Liège"),
        ("a=b", "a=b"),
        ("2019-06-15", "2019-06-15"),
        ("'=already text", "'=already text"),
        ("", ""),
        (-5, -5),
        (-2.5, -2.5),
        (0, 0),
        (True, True),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    out = tables.neutralise(value)
    assert out == expected
    assert type(out) is type(expected)


# --------------------------------------------------------------------------------- CSV


@pytest.mark.parametrize(("lang", "sep"), [("fr", ";"), ("nl", ";"), ("de", ";"), ("en", ",")])
def test_csv_has_a_bom_and_the_separator_of_the_language(bundle, lang, sep):
    b = briefing(bundle, ViewState(lang=lang, dataset="example", region=("03000",)))
    name, content = tables.csv_bytes(b)
    assert content.startswith(b"\xef\xbb\xbf")
    header = content.decode("utf-8-sig").splitlines()[0]
    assert header.split(sep)[:2] == ["nis_code", "commune"]
    assert len(header.split(sep)) == COLUMNS
    rows = read_csv(content, sep)
    assert all(len(row) == COLUMNS for row in rows)
    assert len(rows) - 1 == b.mask.sum()
    assert name == "csil-communes-illustrative-2016-05-27.csv"


def test_csv_rows_are_the_selection_with_accents_and_the_illustrative_origin(bundle):
    b = briefing(bundle, ViewState(lang="fr", dataset="example", region=("03000",)))
    rows = as_dicts(read_csv(tables.csv_bytes(b)[1], ";"))
    assert [r["nis_code"] for r in rows] == selected_nis(b)
    assert len(rows) == b.mask.sum() < len(b.frame)
    assert "Liège" in {r["commune"] for r in rows}
    notice = i18n.t("notice.illustrative", "fr")
    assert "illustrati" in notice.lower()
    assert all(r["data"] == notice for r in rows)
    assert all(r["view_date"] == "2016-05-27" and r["commune_division"] == "1977-2018"
               for r in rows)  # fmt: skip
    # every stated status carries its source and date; populations their date and source
    stated = [r for r in rows if r["status"] != "unknown"]
    assert stated and all(r["status_source"] and r["status_date"] for r in stated)
    assert all(r["population_date"] and r["population_source"].startswith("Statbel")
               for r in rows)  # fmt: skip
    assert all(int(r["population"]) > 0 for r in rows)  # unformatted integers
    assert {r["partly_covered"] for r in rows} <= {"true", "false"}


def test_csv_of_the_public_record_in_english(public_en):
    name, content = tables.csv_bytes(public_en)
    assert name == "csil-communes-public-2019-06-15.csv"
    rows = as_dicts(read_csv(content, ","))
    assert len(rows) == public_en.mask.sum() == 581
    assert {r["data"] for r in rows} == {i18n.t("dataset.public", "en")}
    assert not any("illustrative" in v.lower() for r in rows for v in r.values())
    # a status the record states names its source id and date
    stated = [r for r in rows if r["status"] != "unknown"]
    assert stated
    assert all(re.search(r"S\d\d", r["status_source"]) and r["status_date"] for r in stated)
    flagged = [r for r in rows if r["flags"]]
    assert flagged and all(re.search(r"\(S\d\d [0-9-]+\)", r["flags"]) for r in flagged)


def test_csv_neutralises_every_hostile_cell(hostile):
    name, content = tables.csv_bytes(hostile)
    assert name == "csil-communes-upload-2019-06-15.csv"
    rows = read_csv(content, ";")
    assert len(rows) - 1 == hostile.mask.sum()
    cells = [c for row in rows for c in row]
    dangerous = [c for c in cells if c.lstrip(" ").startswith(FORMULA_START)
                 or c.lstrip().startswith(FORMULA_START)]  # fmt: skip
    assert dangerous == ["-5"]  # the negative population: a number, not text
    by_nis = {r["nis_code"]: r for r in as_dicts(rows)}
    assert by_nis["11001"]["status_source"] == "'" + HOSTILE_FILE
    assert by_nis["11001"]["data"] == "'" + HOSTILE_FILE
    assert by_nis["11001"]["cell"] == "'=1+2"
    assert by_nis["11004"]["cell"] == "' @SUM(A1)"
    assert by_nis["11007"]["commune"] == "' -cmd"
    assert by_nis["11008"]["commune"] == "'\t=x"
    assert by_nis["11009"]["commune"] == "'+1"
    assert by_nis["11013"]["commune"] == "'\r@evil"
    assert by_nis["11016"]["commune"] == "'@"
    assert by_nis["11018"]["population"] == "-5"


def test_file_names_are_ascii_and_safe(hostile):
    shown = dataclasses.replace(hostile.shown, date_key='=1"/../é x;y')
    b = dataclasses.replace(hostile, shown=shown)
    for ext in ("csv", "xlsx", "geojson"):
        name = tables.file_name(b, ext)
        assert name == f"csil-communes-upload-1..xy.{ext}"
        assert re.fullmatch(r"[A-Za-z0-9._-]+", name)


# -------------------------------------------------------------------------------- XLSX


def test_xlsx_of_the_example(example_fr):
    name, content = tables.xlsx_bytes(example_fr, today=TODAY)
    assert name == "csil-communes-illustrative-2016-05-27.xlsx"
    wb = read_xlsx(content)
    assert len(wb.sheetnames) == 2
    communes, about = wb.worksheets
    assert communes.title == i18n.t("export.data_file.sheet.communes_illustrative", "fr")
    assert communes.title != i18n.t("export.data_file.sheet.communes", "fr")
    # the table: the same as the CSV's, header bold and frozen, numbers as numbers
    header = [c.value for c in communes[1]]
    assert header[:2] == ["nis_code", "commune"] and len(header) == COLUMNS
    assert all(c.font.bold for c in communes[1])
    assert communes.freeze_panes == "A2"
    assert communes.max_row - 1 == example_fr.mask.sum()
    col = {h: i for i, h in enumerate(header)}
    rows = list(communes.iter_rows(min_row=2, values_only=True))
    assert [r[col["nis_code"]] for r in rows] == selected_nis(example_fr)
    assert all(isinstance(r[col["population"]], int) for r in rows)
    assert all(isinstance(r[col["partly_covered"]], bool) for r in rows)
    notice = i18n.t("notice.illustrative", "fr")
    assert all(r[col["data"]] == notice for r in rows)
    assert all(8 <= communes.column_dimensions[letter].width <= 70 for letter in "ABCDR")
    # the About sheet
    texts = sheet_texts(about)
    assert about["A1"].value == example_fr.title
    assert example_fr.illustrative_mark and example_fr.illustrative_mark in texts
    mark = next(c for row in about.iter_rows() for c in row
                if c.value == example_fr.illustrative_mark)  # fmt: skip
    assert mark.font.bold
    assert example_fr.data_line in texts and example_fr.as_of in texts
    assert example_fr.link in texts
    assert any(t.endswith(i18n.format_date(TODAY.isoformat(), "fr")) for t in texts)
    assert_sources_with_dates(about, example_fr)
    for f in example_fr.figures:
        assert f.label in texts
        assert all(line in "\n".join(texts) for line in f.lines)


def assert_sources_with_dates(about, b: Briefing) -> None:
    rows = {r[0]: r for r in about.iter_rows(values_only=True) if r[0]}
    assert len(b.sources)
    for s in b.sources.to_dict(orient="records"):
        row = rows[tables.neutralise(s["source_id"])]
        assert row[3] == (tables.neutralise(s["date"]) or i18n.MISSING)
        assert row[1] == (tables.neutralise(s["publisher"]) or None)


def test_xlsx_of_the_public_record_has_no_mark(bundle, public_en):
    wb = read_xlsx(tables.xlsx_bytes(public_en, today=TODAY)[1])
    assert wb.sheetnames == ["Communes", "About"]
    communes, about = wb.worksheets
    assert communes.max_row - 1 == public_en.mask.sum()
    texts = sheet_texts(about)
    assert public_en.title in texts and public_en.data_line in texts
    assert not any("illustrative" in t.lower() for t in texts)
    en_mark = briefing(bundle, ViewState(lang="en", dataset="example")).illustrative_mark
    assert en_mark and en_mark not in texts
    assert_sources_with_dates(about, public_en)
    assert "S01" in {r[0] for r in about.iter_rows(values_only=True)}
    assert public_en.source_line in texts


def test_xlsx_neutralises_every_hostile_cell(hostile):
    name, content = tables.xlsx_bytes(hostile, today=TODAY)
    assert name == "csil-communes-upload-2019-06-15.xlsx"
    wb = read_xlsx(content)
    assert len(wb.sheetnames) == 2
    texts = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    texts.append(c.value)
                    assert not c.value.lstrip(" ").startswith(FORMULA_START), c.value
                    assert not c.value.lstrip().startswith(FORMULA_START), c.value
    expected = ["'" + HOSTILE_FILE, "'=1+2", "' @SUM(A1)", "' -cmd", "'+1", "'=title",
                "'-selection", "'=evil()", "'+title", "'@url", "'-S99", "'=2019"]  # fmt: skip
    assert [e for e in expected if e not in texts] == []
    assert any(t.startswith("'") and t.endswith("=x") for t in texts)  # "\t=x"
    assert any(t.startswith("'") and t.endswith("@evil") for t in texts)  # "\r@evil"
    communes = wb.worksheets[0]
    header = [c.value for c in communes[1]]
    population = {r[0]: r[header.index("population")]
                  for r in communes.iter_rows(min_row=2, values_only=True)}  # fmt: skip
    assert population["11018"] == -5


# ----------------------------------------------------------------------------- GeoJSON


def test_geojson_of_the_example(bundle, example_fr):
    name, content = tables.geojson_bytes(example_fr, bundle, today=TODAY)
    assert name == "csil-communes-illustrative-2016-05-27.geojson"
    data = json.loads(content.decode("utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert [f["id"] for f in features] == selected_nis(example_fr)
    assert len(features) == example_fr.mask.sum()
    for f in features:
        assert f["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert f["properties"]["nis_code"] == f["id"]
        assert isinstance(f["properties"]["population"], int)
        assert f["properties"]["data"] == i18n.t("notice.illustrative", "fr")
    meta = data["metadata"]
    assert meta["illustrative"] is True
    assert meta["illustrative_mark"] == example_fr.illustrative_mark != ""
    assert meta["title"] == example_fr.title and meta["data_line"] == example_fr.data_line
    assert meta["link"] == example_fr.link and meta["as_of"] == example_fr.as_of
    assert meta["made_on"] == made_on(TODAY, "fr")
    assert [(s["source_id"], s["date"]) for s in meta["sources"]] == list(
        zip(example_fr.sources["source_id"], example_fr.sources["date"], strict=True)
    )
    # accents as they are, UTF-8 (not \u escapes)
    assert "Région flamande".encode() in content
    # deterministic
    assert tables.geojson_bytes(example_fr, bundle, today=TODAY)[1] == content


def test_geojson_reads_with_geopandas(bundle, example_fr, public_en):
    for b in (example_fr, public_en):
        gdf = geopandas.read_file(io.BytesIO(tables.geojson_bytes(b, bundle, today=TODAY)[1]))
        assert len(gdf) == b.mask.sum()
        assert gdf.crs.to_epsg() == 4326
        assert set(gdf.geom_type) <= {"Polygon", "MultiPolygon"}
        assert gdf.geometry.is_valid.mean() > 0.95
        assert list(gdf["nis_code"]) == selected_nis(b)


def test_geojson_of_the_public_record(bundle, public_en):
    data = json.loads(tables.geojson_bytes(public_en, bundle, today=TODAY)[1])
    meta = data["metadata"]
    assert meta["illustrative"] is False and meta["illustrative_mark"] == ""
    assert "S01" in {s["source_id"] for s in meta["sources"]}
    assert all("date" in s for s in meta["sources"])
    assert len(data["features"]) == 581
    assert not any("illustrative" in str(v).lower() for v in meta.values())


def test_geojson_keeps_hostile_text_as_is(bundle, hostile):
    """GeoJSON is not a spreadsheet: values are not neutralised, only valid JSON."""
    data = json.loads(tables.geojson_bytes(hostile, bundle, today=TODAY)[1])
    props = {f["id"]: f["properties"] for f in data["features"]}
    assert props["11001"]["status_source"] == HOSTILE_FILE
    assert props["11008"]["commune"] == "\t=x"
    assert props["11018"]["population"] == -5
    assert data["metadata"]["title"] == "=title"


# -------------------------------------------------------------------------------- misc


def test_no_dash_or_plotly_import():
    code = ("import sys, dashboard.exports.tables; "
            "assert 'dash' not in sys.modules and 'plotly' not in sys.modules")  # fmt: skip
    subprocess.run([sys.executable, "-c", code], check=True)


def test_writers_do_not_change_the_shared_frame(bundle, example_fr):
    before = example_fr.frame.copy()
    tables.csv_bytes(example_fr)
    tables.xlsx_bytes(example_fr, today=TODAY)
    tables.geojson_bytes(example_fr, bundle, today=TODAY)
    pd.testing.assert_frame_equal(example_fr.frame, before)
