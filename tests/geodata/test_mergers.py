"""Building the NIS crosswalk from REFNIS and the provincies.incijfers.be merger tables."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

from geodata.mergers import (
    CROSSWALK_COLUMNS,
    _check_one_row_per_commune,
    build_crosswalk_table,
    read_merger_tables,
)
from geodata.refnis import read_refnis, valid_at

MD_PATH = "raw/provinciesincijfers__gebiedsniveaus/wijzigende_gebiedsindelingen.md"
REFNIS_PATH = "raw/sciensanogit__bemaps/TU_COM_REFNIS.txt"
STAGED_CROSSWALK = "derived/nis_crosswalk_589_581_565.csv"
GERMAN_SPEAKING = ("63001", "63012", "63013", "63023", "63040", "63048", "63061", "63067", "63087")

OPEN, START, END_2018, START_2019 = (
    dt.date(9999, 12, 31),
    dt.date(1970, 1, 1),
    dt.date(2018, 12, 31),
    dt.date(2019, 1, 1),
)

# ---------------------------------------------------------------------------------------------
# Synthetic inputs
# ---------------------------------------------------------------------------------------------

TABLE_2025 = """\
## Gemeentefusies 1 januari 2025

Some prose about the 2025 mergers.

gemeente2024 | naam gemeente 2024 | gemeente |  naam huidige gemeente
-- | -- | -- | --
11004 | Eee | 11004 | Eee-Fff
11005* | Fff | 11004 | Eee-Fff
11001 |   Aaa  | 11020 | Nieuwe Gemeente\x20\x20
11010 | Bee-Cee | 11020 | Nieuwe Gemeente

*: footnote
"""

TABLE_2019 = """\
## Gemeentefusies 1 januari 2019

gemeente2018 | naam gemeente 2018 | gemeente |  naam huidige gemeente
-- | -- | -- | --
11002 | Bee | 11010 | Bee-Cee
11003 | Cee | 11010 | Bee-Cee

**STATISTISCHE SECTORNIVEAU**
"""

TRAILER = """\
## Evoluerende statistische sectoren

a | b | c | d
-- | -- | -- | --
99 | not | a | code
"""


def write_md(tmp_path: Path, *parts: str) -> Path:
    path = tmp_path / "wijzigende_gebiedsindelingen.md"
    path.write_text("# Wijzigende gebiedsindelingen\n\nIntro.\n\n" + "\n".join(parts), "utf-8")
    return path


def commune(
    code: str, name: str, start: dt.date = START, end: dt.date = OPEN, fr: str | None = None
) -> dict[str, object]:
    return {
        "level": "commune",
        "code": code,
        "parent": code[:2] + "000",
        "name_de": name,
        "name_fr": fr or name,
        "name_nl": name,
        "start": start,
        "end": end,
    }


def tiny_refnis(*extra: dict[str, object]) -> pd.DataFrame:
    """Seven communes of 2016: Bee and Cee merge in 2019 into Bee-Cee (11010); Ddd (52001) is
    re-coded in 2019 to 58001; Eee and Fff are untouched until 2025."""
    rows = [
        commune("11001", "Aaa"),
        commune("11002", "Bee", end=END_2018),
        commune("11003", "Cee", end=END_2018),
        commune("11004", "Eee"),
        commune("11005", "Fff"),
        commune("11010", "Bee-Cee", start=START_2019),
        commune("52001", "Ddd", end=END_2018, fr="Dé"),
        commune("58001", "Ddd", start=START_2019, fr="Dé"),
        commune("63001", "Ggg (Hhh)"),
        *extra,
    ]
    return pd.DataFrame(rows, columns=list(rows[0]))


@pytest.fixture
def tiny_mergers(tmp_path: Path) -> pd.DataFrame:
    return read_merger_tables(write_md(tmp_path, TABLE_2025, TABLE_2019, TRAILER))


@pytest.fixture
def tiny_table(tiny_mergers: pd.DataFrame) -> pd.DataFrame:
    return build_crosswalk_table(tiny_refnis(), tiny_mergers, ["63001"]).set_index("nis_1977_2018")


# ---------------------------------------------------------------------------------------------
# read_merger_tables
# ---------------------------------------------------------------------------------------------


def test_reads_both_tables_by_heading(tiny_mergers: pd.DataFrame) -> None:
    assert list(tiny_mergers.columns) == ["year", "old_code", "old_name", "new_code", "new_name"]
    assert tiny_mergers["year"].tolist() == [2019] * 2 + [2025] * 4
    assert pd.api.types.is_integer_dtype(tiny_mergers["year"])
    y25 = tiny_mergers[tiny_mergers["year"] == 2025]
    # The footnote marker is stripped from codes; names are stripped too.
    assert y25["old_name"].tolist() == ["Eee", "Fff", "Aaa", "Bee-Cee"]
    assert y25["old_code"].tolist() == ["11004", "11005", "11001", "11010"]
    assert y25["new_name"].tolist() == ["Eee-Fff", "Eee-Fff", "Nieuwe Gemeente", "Nieuwe Gemeente"]
    y19 = tiny_mergers[tiny_mergers["year"] == 2019]
    assert list(zip(y19["old_code"], y19["new_code"], strict=True)) == [
        ("11002", "11010"),
        ("11003", "11010"),
    ]


def test_tables_are_found_in_any_order(tmp_path: Path, tiny_mergers: pd.DataFrame) -> None:
    swapped = read_merger_tables(write_md(tmp_path, TRAILER, TABLE_2019, TABLE_2025))
    pd.testing.assert_frame_equal(swapped, tiny_mergers)


def test_missing_section_names_the_file(tmp_path: Path) -> None:
    path = write_md(tmp_path, TABLE_2025, TRAILER)
    with pytest.raises(ValueError, match=re.escape(str(path))) as err:
        read_merger_tables(path)
    assert "Gemeentefusies 1 januari 2019" in str(err.value)


def test_section_without_table_raises(tmp_path: Path) -> None:
    path = write_md(tmp_path, TABLE_2025, "## Gemeentefusies 1 januari 2019\n\nNo table.\n")
    with pytest.raises(ValueError, match="no markdown table"):
        read_merger_tables(path)


@pytest.mark.parametrize("bad", ["1100", "11A02", "110020"])
def test_code_that_is_not_five_digits_raises(tmp_path: Path, bad: str) -> None:
    path = write_md(tmp_path, TABLE_2025, TABLE_2019.replace("11003 |", f"{bad} |"))
    with pytest.raises(ValueError, match=re.escape(str(path))) as err:
        read_merger_tables(path)
    assert repr(bad) in str(err.value)


# ---------------------------------------------------------------------------------------------
# build_crosswalk_table on synthetic inputs
# ---------------------------------------------------------------------------------------------


def test_tiny_table_shape_and_types(tiny_table: pd.DataFrame) -> None:
    assert ["nis_1977_2018", *tiny_table.columns] == CROSSWALK_COLUMNS
    codes = ["11001", "11002", "11003", "11004", "11005", "52001", "63001"]
    assert tiny_table.index.tolist() == codes
    assert all(isinstance(v, str) for v in tiny_table.to_numpy().ravel())


def test_2019_merger(tiny_table: pd.DataFrame) -> None:
    rows = tiny_table.loc[["11002", "11003"]]
    assert rows["nis_2019_2024"].tolist() == ["11010", "11010"]
    assert rows["change_2019"].tolist() == ["merged", "merged"]
    assert rows["name_nl"].tolist() == ["Bee", "Cee"]
    assert rows["name_2019_nl"].tolist() == ["Bee-Cee", "Bee-Cee"]


def test_recode_is_detected(tiny_table: pd.DataFrame) -> None:
    row = tiny_table.loc["52001"]
    assert row["nis_2019_2024"] == "58001"
    assert row["change_2019"] == "recoded"
    assert (row["arr_1977_2018"], row["arr_2019_2024"], row["arr_2025"]) == (
        "52000",
        "58000",
        "58000",
    )
    assert (row["name_fr"], row["name_2019_fr"]) == ("Dé", "Dé")
    assert (row["prov_2019_2024"], row["region"]) == ("50000", "03000")


def test_absorbing_merger_keeps_code(tiny_table: pd.DataFrame) -> None:
    assert tiny_table.loc["11004", "nis_2025"] == "11004"
    assert tiny_table.loc["11004", "change_2025"] == "merged (absorbing, code kept)"
    assert tiny_table.loc["11005", "nis_2025"] == "11004"
    assert tiny_table.loc["11005", "change_2025"] == "merged"
    assert tiny_table.loc[["11004", "11005"], "name_2025_nl"].tolist() == ["Eee-Fff"] * 2


def test_2025_merger_of_a_2019_merger(tiny_table: pd.DataFrame) -> None:
    rows = tiny_table.loc[["11001", "11002", "11003"]]
    assert rows["nis_2025"].tolist() == ["11020"] * 3
    assert rows["change_2025"].tolist() == ["merged"] * 3
    assert rows["name_2025_nl"].tolist() == ["Nieuwe Gemeente"] * 3


def test_unchanged_commune(tiny_table: pd.DataFrame) -> None:
    row = tiny_table.loc["63001"]
    assert (row["nis_2019_2024"], row["nis_2025"]) == ("63001", "63001")
    assert (row["change_2019"], row["change_2025"]) == ("", "")
    # REFNIS qualifiers are kept in REFNIS names; the 2025 name falls back to the 2019 NL name.
    assert row["name_nl"] == row["name_2025_nl"] == "Ggg (Hhh)"
    assert (row["prov_2025"], row["region"]) == ("60000", "03000")


def test_german_speaking_flags(tiny_table: pd.DataFrame) -> None:
    flags = tiny_table["german_speaking_community"]
    assert flags[flags == "True"].index.tolist() == ["63001"]
    assert set(flags) == {"True", "False"}


def test_unknown_german_speaking_code_raises(tiny_mergers: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="63999"):
        build_crosswalk_table(tiny_refnis(), tiny_mergers, ["63001", "63999"])


def test_2019_target_unknown_to_refnis_raises(tiny_mergers: pd.DataFrame) -> None:
    mergers = tiny_mergers.copy()
    mergers.loc[mergers["new_code"] == "11010", "new_code"] = "11099"
    with pytest.raises(ValueError, match="11099"):
        build_crosswalk_table(tiny_refnis(), mergers, [])


def test_2019_old_code_still_valid_in_refnis_raises(tiny_mergers: pd.DataFrame) -> None:
    mergers = tiny_mergers.copy()
    mergers.loc[(mergers["year"] == 2019) & (mergers["old_code"] == "11003"), "old_code"] = "11001"
    with pytest.raises(ValueError, match="11001"):
        build_crosswalk_table(tiny_refnis(), mergers, [])


def test_ended_commune_without_successor_raises(tiny_mergers: pd.DataFrame) -> None:
    refnis = tiny_refnis(commune("11006", "Vanished", end=END_2018))
    with pytest.raises(ValueError, match="11006.*re-coded successor"):
        build_crosswalk_table(refnis, tiny_mergers, [])


def test_new_2019_commune_without_origin_raises(tiny_mergers: pd.DataFrame) -> None:
    refnis = tiny_refnis(commune("11030", "From nowhere", start=START_2019))
    with pytest.raises(ValueError, match="11030.*neither a 2019 merger target"):
        build_crosswalk_table(refnis, tiny_mergers, [])


def test_2025_target_that_is_an_unrelated_existing_code_raises(
    tiny_mergers: pd.DataFrame,
) -> None:
    mergers = tiny_mergers.copy()
    mergers.loc[mergers["new_code"] == "11020", "new_code"] = "63001"
    with pytest.raises(ValueError, match="63001"):
        build_crosswalk_table(tiny_refnis(), mergers, [])


def test_result_must_have_one_row_per_commune(tiny_table: pd.DataFrame) -> None:
    communes = valid_at(tiny_refnis(), dt.date(2016, 1, 1), "commune")
    table = tiny_table.reset_index()
    with pytest.raises(ValueError, match="rows"):
        _check_one_row_per_commune(pd.concat([table, table.iloc[:1]]), communes)


# ---------------------------------------------------------------------------------------------
# The real files
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_mergers(geodata_dir: Path) -> pd.DataFrame:
    return read_merger_tables(geodata_dir / MD_PATH)


@pytest.fixture(scope="module")
def real_table(geodata_dir: Path, real_mergers: pd.DataFrame) -> pd.DataFrame:
    refnis = read_refnis(geodata_dir / REFNIS_PATH)
    return build_crosswalk_table(refnis, real_mergers, GERMAN_SPEAKING)


@pytest.mark.shared
def test_real_merger_tables(real_mergers: pd.DataFrame) -> None:
    counts = real_mergers["year"].value_counts().to_dict()
    assert counts == {2019: 15, 2025: 30}
    bastogne = real_mergers[real_mergers["new_code"] == "82039"]
    assert bastogne["old_code"].tolist() == ["82003", "82005"]
    assert bastogne["new_name"].tolist() == ["Bastogne", "Bastogne"]
    assert real_mergers["old_code"].str.fullmatch(r"\d{5}").all()
    assert real_mergers["new_code"].str.fullmatch(r"\d{5}").all()


@pytest.mark.shared
def test_real_table_equals_staged_crosswalk(geodata_dir: Path, real_table: pd.DataFrame) -> None:
    staged = pd.read_csv(geodata_dir / STAGED_CROSSWALK, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(real_table, staged)


@pytest.mark.shared
def test_real_table_counts(real_table: pd.DataFrame) -> None:
    assert len(real_table) == 589
    assert real_table["nis_1977_2018"].nunique() == 589
    assert real_table["nis_2019_2024"].nunique() == 581
    assert real_table["nis_2025"].nunique() == 565
    assert real_table["change_2019"].value_counts().to_dict() == {
        "": 563,
        "merged": 15,
        "recoded": 11,
    }
    assert real_table["german_speaking_community"].eq("True").sum() == 9
