"""Belgium's codes and the commune-name rule live in one module (geodata/belgium.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pandas as pd
import pytest

import geodata
from dashboard import files
from geodata import belgium
from geodata.belgium import display_name, local_name, region_of

ROOT = Path(__file__).resolve().parents[2]
CODES = {*belgium.REGIONS, *belgium.GEOGRAPHY_OF_REGION.values(), belgium.GERMAN_SPEAKING,
         *belgium.PROVINCES}  # fmt: skip


def _code_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and node.value in CODES]  # fmt: skip


def test_region_and_province_codes_are_spelled_only_in_the_geography_module():
    found = []
    for folder in ("dashboard", "geodata"):  # not tests and bench: a user's clicks
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "geodata" / "belgium.py":
                continue
            found += [f"{path.relative_to(ROOT)}:{line}: {value!r}"
                      for line, value in _code_literals(path)]  # fmt: skip
    assert not found, "import these from geodata.belgium:\n" + "\n".join(found)


@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_the_region_of_a_code_is_the_region_of_the_commune(vintage):
    communes = geodata.load_communes(vintage, files.geography_dir())
    assert (communes["nis"].map(region_of) == communes["region"]).all()
    assert (communes["nis"].map(belgium.province_of).replace("", None).fillna("")
            == communes["province"].fillna("")).all()  # fmt: skip
    provinces = communes.dropna(subset=["province"])
    provinces = provinces[provinces["province"] != ""]
    assert set(provinces["province"]) == set(belgium.PROVINCES)
    for province, region in zip(provinces["province"], provinces["region"], strict=True):
        assert belgium.PROVINCES[province] == region


def test_region_of_refuses_what_is_not_a_commune_code():
    with pytest.raises(ValueError, match="no region"):
        region_of("")


def test_geographies_and_regions_are_each_others_inverse():
    for region, geo in belgium.GEOGRAPHY_OF_REGION.items():
        assert belgium.REGION_OF_GEOGRAPHY[geo] == region
    assert set(belgium.GEOGRAPHY_ORDER) == set(belgium.GEOGRAPHIES)
    assert belgium.provinces_of([belgium.GERMAN_SPEAKING]) == {belgium.GERMAN_SPEAKING_PROVINCE}
    assert belgium.provinces_of([belgium.BRUSSELS]) == frozenset()


def _commune(communes, nis):
    return communes.set_index("nis").loc[nis].to_dict() | {"nis": nis}


@pytest.mark.parametrize(
    ("nis", "lang", "name"),
    [
        ("11002", "fr", "Anvers"),
        ("11002", "nl", "Antwerpen"),
        ("11002", "en", "Antwerpen"),  # EN: the name in the region's language
        ("21004", "en", "Bruxelles / Brussel"),  # Brussels: both names
        ("21004", "nl", "Brussel"),
        ("63023", "en", "Eupen"),  # the German-speaking Community: German
        ("62063", "en", "Liège"),
        ("62063", "nl", "Luik"),
    ],
)
def test_display_name_of_real_communes(nis, lang, name):
    communes = geodata.load_communes("2019-2024", files.geography_dir())
    assert display_name(_commune(communes, nis), lang) == name


def test_without_a_region_the_code_decides():
    assert local_name({"nis": "11002", "name_fr": "Anvers", "name_nl": "Antwerpen"}) == "Antwerpen"
    assert local_name({"nis": "21004", "name_fr": "Bruxelles", "name_nl": "Brussel"}) == (
        "Bruxelles / Brussel"
    )


def _row(fr, nl, de, region, german_speaking=False):
    return {"name_fr": fr, "name_nl": nl, "name_de": de, "region": region,
            "german_speaking": german_speaking}  # fmt: skip


@pytest.mark.parametrize(
    ("row", "names"),
    [
        (_row("Anvers", "Antwerpen", "Antwerpen", "02000"),
         ("Anvers", "Antwerpen", "Antwerpen", "Antwerpen")),
        (_row("Liège", "Luik", "Lüttich", "03000"), ("Liège", "Luik", "Lüttich", "Liège")),
        (_row("Saint-Vith", "Sankt Vith", "Sankt Vith", "03000", True),
         ("Saint-Vith", "Sankt Vith", "Sankt Vith", "Sankt Vith")),
        (_row("Forest", "Vorst", "Forest (Brüssel-Hauptstadt)", "04000"),
         ("Forest", "Vorst", "Forest (Brüssel-Hauptstadt)", "Forest / Vorst")),
        (_row("Anderlecht", "Anderlecht", "Anderlecht", "04000"),
         ("Anderlecht", "Anderlecht", "Anderlecht", "Anderlecht")),
    ],
)  # fmt: skip
def test_display_name_rule(row, names):
    assert tuple(display_name(row, lang) for lang in ("fr", "nl", "de", "en")) == names


def test_display_name_from_series_with_missing_name():
    row = pd.Series(_row("Lierneux", "Lierneux", float("nan"), "03000"))
    assert display_name(row, "de") == "Lierneux"  # falls back to the local name
    assert display_name(pd.Series(_row("", "Gent", None, "02000")), "fr") == "Gent"
    assert display_name(row, "en") == "Lierneux"  # no names of its own: the local one


@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_the_import_report_names_a_commune_as_the_english_map_does(vintage):
    """One rule: the importer's messages name each commune as the map does in English."""
    from dashboard.coverage.names import NameMatcher

    communes = geodata.load_communes(vintage, files.geography_dir())
    matcher = NameMatcher(communes, vintage)
    for row in communes.to_dict(orient="records"):
        assert matcher.official_name(row["nis"]) == display_name(row, "en"), row["nis"]


def test_one_spelling_of_a_displayed_name():
    assert belgium.one_spelling("Bruxelles / Brussel") == "Bruxelles"
    assert belgium.one_spelling("Antwerpen") == "Antwerpen"
