import pandas as pd
import pytest

import geodata
from geodata.crosswalk import Crosswalk

TINY = {
    "nis_1977_2018": ["10001", "10002", "10003", "10004"],
    "nis_2019_2024": ["10009", "10009", "20003", "10004"],
    "nis_2025": ["10010", "10010", "20003", "10010"],
    "name_fr": ["Aa", "Bé", "Cé", "Dé"],
    "name_nl": ["A", "B", "C", "D"],
    "name_de": ["A", "B", "C", "D"],
}


@pytest.fixture
def tiny() -> Crosswalk:
    """Four old communes: A and B merge in 2019 into M; C is re-coded in 2019 (C2);
    in 2025 M and D merge into N."""
    return Crosswalk(pd.DataFrame(TINY))


def test_forward_is_many_to_one(tiny):
    assert tiny.translate("10001", "1977-2018", "2019-2024") == ("10009",)
    assert tiny.translate("10002", "1977-2018", "2025") == ("10010",)


def test_backward_is_one_to_many(tiny):
    assert tiny.translate("10009", "2019-2024", "1977-2018") == ("10001", "10002")
    assert tiny.translate("10010", "2025", "2019-2024") == ("10004", "10009")
    assert tiny.translate("10010", "2025", "1977-2018") == ("10001", "10002", "10004")


def test_translate_many_and_unknown(tiny):
    out = tiny.translate_many(["10001", "10003"], "1977-2018", "2019-2024")
    assert out == {"10001": ("10009",), "10003": ("20003",)}
    with pytest.raises(KeyError, match="99999"):
        tiny.translate("99999", "1977-2018", "2025")
    with pytest.raises(KeyError, match="not in vintage 2019-2024"):
        tiny.translate_many(["10001"], "2019-2024", "2025")


def test_merges_and_recodes(tiny):
    assert tiny.merges("1977-2018", "2019-2024") == {"10009": ("10001", "10002")}
    assert tiny.recodes("1977-2018", "2019-2024") == {"10003": "20003"}
    assert tiny.merges("2019-2024", "2025") == {"10010": ("10004", "10009")}


def test_names_cover_every_vintage(tiny):
    names = tiny.names()
    assert set(names["vintage"]) == {"1977-2018"}  # tiny has no 2019 or 2025 name columns
    assert ("10002", "fr", "Bé") in set(zip(names.nis, names.lang, names.name, strict=True))


def test_names_include_english_columns_when_present(tiny):
    table = tiny.table.assign(
        name_en=["", "", "Sea", ""],
        name_2019_en=["", "", "Sea", ""],
        name_2025_en=["", "", "Sea", ""],
    )
    names = Crosswalk(table).names()
    english = names[names["lang"] == "en"]
    assert sorted(zip(english.vintage, english.nis, english.name, strict=True)) == [
        ("1977-2018", "10003", "Sea"),
        ("2019-2024", "20003", "Sea"),
        ("2025", "20003", "Sea"),
    ]


def _named_tiny() -> Crosswalk:
    """A absorbs B in 2019 (new code, A's name); C is re-coded; in 2025 A and D form N."""
    return Crosswalk(
        pd.DataFrame(
            {
                **TINY,
                "name_2019_fr": ["Aa", "Aa", "Cé", "Dé"],
                "name_2019_nl": ["A", "A", "C", "D"],
                "name_2019_de": ["A", "A", "C", "D"],
                "name_2025_nl": ["N", "N", "C", "N"],
            }
        )
    )


def test_the_build_carries_english_names_where_the_commune_keeps_its_name():
    from geodata.build import with_english_names

    english = pd.Series({"10001": "Ay", "10003": "Sea", "10004": "Dee"})
    names = with_english_names(_named_tiny(), english).names()
    found = names[names["lang"] == "en"]
    assert sorted(zip(found.vintage, found.nis, found.name, strict=True)) == [
        ("1977-2018", "10001", "Ay"),
        ("1977-2018", "10003", "Sea"),
        ("1977-2018", "10004", "Dee"),
        ("2019-2024", "10004", "Dee"),  # unchanged
        ("2019-2024", "10009", "Ay"),  # absorbed B, kept the name A
        ("2019-2024", "20003", "Sea"),  # re-coded
        ("2025", "20003", "Sea"),  # N has another name: neither Ay nor Dee
    ]
    with pytest.raises(ValueError, match="99999"):
        with_english_names(_named_tiny(), pd.Series({"99999": "Nowhere"}))


def test_the_english_names_table_is_checked(tmp_path):
    from geodata.build import ENGLISH_NAMES, read_english_names

    path = tmp_path / ENGLISH_NAMES
    path.write_text("nis_1977_2018,name_en,source\n11002,Antwerp,a guide\n")
    assert read_english_names(tmp_path).to_dict() == {"11002": "Antwerp"}
    path.write_text("nis_1977_2018,name_en,source\n11002,Antwerp,a guide\n11002,Anvers,x\n")
    with pytest.raises(ValueError, match="several English names"):
        read_english_names(tmp_path)
    path.write_text("nis_1977_2018,name_en,source\n11002,Antwerp,\n")
    with pytest.raises(ValueError, match="without its name or source"):
        read_english_names(tmp_path)


def test_real_crosswalk_invariants(geography_dir):
    cw = geodata.load_crosswalk(geography_dir)
    assert len(cw.codes("1977-2018")) == 589
    assert len(cw.codes("2019-2024")) == 581
    assert len(cw.codes("2025")) == 565
    m2019 = cw.merges("1977-2018", "2019-2024")
    assert sum(len(p) for p in m2019.values()) == 15 and len(m2019) == 7
    recodes = cw.recodes("1977-2018", "2019-2024")
    assert len(recodes) == 11
    assert all(old[:2] in {"52", "54", "55", "56"} for old in recodes)
    assert recodes["55022"] == "58001"  # La Louviere
    m2025 = cw.merges("2019-2024", "2025")
    assert sum(len(p) for p in m2025.values()) == 30 and len(m2025) == 14
    assert cw.translate("82005", "1977-2018", "2025") == ("82039",)  # Bertogne -> Bastogne
    assert cw.translate("44083", "2019-2024", "1977-2018") == ("44011", "44049")  # Deinze
