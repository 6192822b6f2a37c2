"""Commune names of the three real vintages (issue on data truth, point 12 "Names")."""

import pytest

import geodata
from geodata.build import NAME_DE_FALLBACK
from geodata.refnis import read_refnis, strip_qualifier, valid_at

pytestmark = [pytest.mark.shared, pytest.mark.slow]

NAME_COLUMNS = ["name_fr", "name_nl", "name_de"]
# The one clash: without the qualifier, the French name of Sint-Niklaas (46021) would read
# "Saint-Nicolas" like Saint-Nicolas near Liège (62093) in all three languages. These keep
# Statbel's qualifier; every other name is plain.
KEEP_QUALIFIER = {("46021", "name_fr"), ("62093", "name_fr"), ("62093", "name_nl"),
                  ("62093", "name_de")}  # fmt: skip
# 2025 communes whose name is new: no former commune gives them a German name.
GERMAN_FALLBACK_2025 = {"23106", "44086", "44088", "46030", "71071", "73110", "73111"}


@pytest.fixture(scope="module", params=geodata.VINTAGE_KEYS)
def vintage(request, geography_dir):
    return geodata.load_vintage(request.param, geography_dir)


@pytest.fixture(scope="module")
def refnis(geodata_dir):
    return read_refnis(geodata.source_path("refnis", geodata_dir))


def _qualified(communes):
    by = communes.set_index("nis")
    return {
        (nis, col)
        for col in NAME_COLUMNS
        for nis, name in by[col].items()
        if strip_qualifier(name) != name
    }


def test_no_name_ends_with_a_parenthesised_qualifier(vintage):
    assert _qualified(vintage.communes) == KEEP_QUALIFIER


def test_statbel_suffixed_names_read_plainly(vintage, refnis):
    """The 17 REFNIS names with a suffix are plain, except the Saint-Nicolas clash."""
    c = vintage.communes.set_index("nis")
    ref = valid_at(refnis, vintage.vintage.names_date, "commune")
    suffixed = ref[ref["name_fr"].str.endswith(")")].index
    assert len(suffixed) == 17
    for nis in suffixed.intersection(c.index):
        for col in NAME_COLUMNS:
            expected = ref.at[nis, col]
            if (nis, col) not in KEEP_QUALIFIER:
                expected = strip_qualifier(expected)
            assert c.at[nis, col] == expected, (nis, col)
    assert c.loc["41002", NAME_COLUMNS].tolist() == ["Alost", "Aalst", "Aalst"]
    assert c.loc["21007", NAME_COLUMNS].tolist() == ["Forest", "Vorst", "Forest"]
    assert c.at["62093", "name_fr"] == "Saint-Nicolas (Liège)"


def test_no_two_communes_share_a_name(vintage):
    c = vintage.communes
    for col in NAME_COLUMNS:
        dups = c.loc[c[col].duplicated(keep=False), ["nis", col]]
        assert dups.empty, dups
    # nor across languages: one name never stands for two communes
    owners = {}
    for col in NAME_COLUMNS:
        for nis, name in zip(c["nis"], c[col], strict=True):
            owners.setdefault(name.casefold(), set()).add(nis)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_name_de_fallback_column(vintage):
    c = vintage.communes
    assert c["name_de_fallback"].dtype == bool
    says_fallback = c["name_de_source"].str.startswith("fallback")
    assert (c["name_de_fallback"] == says_fallback).all()
    assert (c.loc[c["name_de_fallback"], "name_de_source"] == NAME_DE_FALLBACK).all()
    assert c.loc[~c["name_de_fallback"], "name_de_source"].str.startswith("Statbel REFNIS").all()
    if vintage.vintage.key != "2025":
        assert not c["name_de_fallback"].any()


def test_unchanged_communes_keep_their_refnis_german_names(vintage, refnis):
    c = vintage.communes.set_index("nis")
    ref = valid_at(refnis, vintage.vintage.names_date, "commune")
    known = c.index.intersection(ref.index)
    assert len(known) >= 552
    for nis in known:
        expected = ref.at[nis, "name_de"]
        if (nis, "name_de") not in KEEP_QUALIFIER:
            expected = strip_qualifier(expected)
        assert c.at[nis, "name_de"] == expected, nis
    assert (c.loc[known, "name_de_source"] == "Statbel REFNIS").all()
    assert not c.loc[known, "name_de_fallback"].any()
    assert c.at["63067", "name_de"] == "Sankt Vith"
    assert c.at["62063", "name_de"] == "Lüttich"


def test_2025_bastogne_takes_the_german_name_of_the_old_bastogne(geography_dir):
    c = geodata.load_communes("2025", geography_dir).set_index("nis")
    bastogne = c.loc["82039"]
    assert (bastogne["name_fr"], bastogne["name_nl"], bastogne["name_de"]) == (
        "Bastogne", "Bastenaken", "Bastnach"
    )  # fmt: skip
    assert not bastogne["name_de_fallback"]
    assert bastogne["name_de_source"] == (
        "Statbel REFNIS (name of the former commune Bastogne, 82003)"
    )
    assert c.at["37022", "name_de"] == "Tielt" and not c.at["37022", "name_de_fallback"]


def test_2025_german_fallbacks_are_the_new_names_and_say_so(geography_dir):
    c = geodata.load_communes("2025", geography_dir).set_index("nis")
    fallback = c[c["name_de_fallback"]]
    assert set(fallback.index) == GERMAN_FALLBACK_2025
    assert (fallback["name_de_source"] == NAME_DE_FALLBACK).all()
    assert fallback["name_de_source"].str.contains("fallback").all()
    flemish = fallback["region"] == "02000"
    assert (fallback.loc[flemish, "name_de"] == fallback.loc[flemish, "name_nl"]).all()
    assert (fallback.loc[~flemish, "name_de"] == fallback.loc[~flemish, "name_fr"]).all()
    assert c.at["73111", "name_de"] == "Tongeren-Borgloon"


def test_crosswalk_names_table_keeps_the_qualified_forms(geography_dir):
    """Historical names for matching stay as Statbel spells them."""
    names = geodata.load_crosswalk(geography_dir).names()
    assert "Aalst (Aalst)" in set(names["name"])
    assert "Forest (Bruxelles-Capitale)" in set(names["name"])
