"""The commune name matcher: normalisation, historical names, ambiguity, suggestions."""

from __future__ import annotations

import string
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import files
from dashboard.coverage.names import (
    FormerPart,
    MatchKind,
    NameMatcher,
    base_name,
    normalise_name,
    parse_code,
)
from geodata import VINTAGE_KEYS, Crosswalk
from tests.coverage.membership_fixtures import communes_by_vintage, crosswalk_table

CW = Crosswalk(crosswalk_table())
FRAMES = communes_by_vintage()


def matcher(vintage: str = "1977-2018") -> NameMatcher:
    return NameMatcher(FRAMES[vintage], vintage, CW.names(), CW, VINTAGE_KEYS)


M77, M19, M25 = matcher("1977-2018"), matcher("2019-2024"), matcher("2025")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Saint-Gilles", "saint gilles"),
        ("Saint-Gilles", "ST-GILLES"),
        ("Saint-Gilles", "St. Gilles"),
        ("Sint-Gillis", "St Gillis"),
        ("Sainte-Ode", "Ste Ode"),
        ("Sankt Vith", "St.Vith"),
        ("La Louvière", "la louviere"),
        ("La Louvière", "LaLouvière"),
        ("'s Gravenbrakel", "s-Gravenbrakel"),
        ("Rhode-Saint-Genèse", "Rhode St Genese"),
        ("Œudeghien", "oeudeghien"),
    ],
)
def test_normalise_name_ignores_case_accents_separators_and_saint_forms(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_base_name_drops_the_qualifier() -> None:
    assert base_name("Tielt (Tielt)") == "Tielt"
    assert base_name("Tielt-Winge") == "Tielt-Winge"


@pytest.mark.parametrize(
    ("raw", "code"),
    [("11001", "11001"), (11001, "11001"), (11001.0, "11001"), (" 11001 ", "11001"),
     ("11001.0", "11001"), ("1100", None), ("abc", None), (True, None), (None, None),
     (11001.5, None)],
)  # fmt: skip
def test_parse_code(raw: object, code: str | None) -> None:
    assert parse_code(raw) == code


@pytest.mark.parametrize(
    ("name", "nis"),
    [
        ("Anvers", "11002"),
        ("antwerpen", "11002"),
        ("Saint-Gilles", "21013"),
        ("Sint-Gillis", "21013"),
        ("St-Gillis", "21013"),
        ("Sankt Gilles", "21013"),
        ("sint niklaas", "46021"),
        ("Saint-Nicolas (Liège)", "62093"),
        ("Saint Nicolas (Luik)", "62093"),
        ("Tielt", "37015"),
        ("Tielt (Tielt)", "37015"),
        ("Tielt-Winge", "24135"),
        ("Saint-Vith", "63067"),
    ],
)
def test_current_names_in_fr_nl_de(name: str, nis: str) -> None:
    m = M77.match_name(name)
    assert m.kind is MatchKind.OK, m
    assert m.nis == nis
    assert m.note == ""


def test_ambiguous_name_lists_candidates() -> None:
    m = M77.match_name("Saint-Nicolas")
    assert m.kind is MatchKind.AMBIGUOUS
    assert [c for c, _ in m.candidates] == ["46021", "62093"]


def test_historical_names_map_forward_through_the_crosswalk() -> None:
    m = M19.match_name("Puurs")
    assert (m.kind, m.nis, m.via) == (MatchKind.OK, "12041", "historical name")
    assert "Puurs (12030, vintage 1977-2018)" in m.note
    assert M25.match_name("Borsbeek").nis == "11002"
    assert M25.match_name("Meulebeke").nis == "37022"
    assert M25.match_name("Tielt").nis == "37022"  # the 2025 name wins, same commune anyway


def test_a_later_merged_name_in_an_earlier_vintage_is_split() -> None:
    m = M77.match_name("Puurs-Sint-Amands")
    assert m.kind is MatchKind.SPLIT
    assert [c for c, _ in m.candidates] == ["12030", "12034"]


def test_codes_current_historical_split_unknown() -> None:
    assert M77.match_code("55022").nis == "55022"
    m = M19.match_code("55022")  # pre-2019 code of La Louvière
    assert (m.kind, m.nis, m.via) == (MatchKind.OK, "58001", "historical code")
    assert M77.match_code("58001").nis == "55022"  # the 2019 code, backwards one-to-one
    assert M77.match_code("12041").kind is MatchKind.SPLIT
    unknown = M77.match_code("11010")
    assert unknown.kind is MatchKind.UNKNOWN
    assert "Aartselaar (11001)" in unknown.suggestions
    assert M77.match_code("1100").note == "not a 5-digit NIS code"


def test_former_part_of_a_merged_commune_by_name_and_by_code() -> None:
    by_name = M19.former_part(M19.match_name("Sint-Amands"))
    assert by_name == FormerPart("12041", "1977-2018", "12034", "Sint-Amands", ("12030", "12034"))
    assert by_name.label == "Sint-Amands (12034, 1977-2018)"
    by_code = M19.former_part(M19.match_code("12030"))
    assert by_code is not None and (by_code.target, by_code.code) == ("12041", "12030")
    borsbeek = M25.former_part(M25.match_name("Borsbeek"))
    assert borsbeek is not None
    assert (borsbeek.target, borsbeek.parts) == ("11002", ("11002", "11007"))
    assert M25.name_in("11002", borsbeek.vintage) == "Antwerpen"


def test_the_merged_commune_itself_and_unchanged_communes_are_not_parts() -> None:
    assert M19.former_part(M19.match_name("Puurs-Sint-Amands")) is None
    assert M19.former_part(M19.match_code("12041")) is None
    assert M25.former_part(M25.match_name("Antwerpen")) is None  # 2025 name of 11002
    assert M25.former_part(M25.match_name("Tielt")) is None  # the 2025 commune's name
    assert M19.former_part(M19.match_name("Aartselaar")) is None


def test_a_recoded_commune_is_not_a_part() -> None:
    m = M19.match_code("55022")  # La Louvière, re-coded 58001 in 2019: one part only
    assert m.nis == "58001" and m.via == "historical code"
    assert M19.parts("58001", "1977-2018") == ("55022",)
    assert M19.former_part(m) is None


def test_an_old_name_equal_to_a_part_of_a_later_merger_is_a_part_in_2025() -> None:
    m = M25.match_name("Tielt (Tielt)")  # the 1977-2018 commune, part of Tielt (37022)
    part = M25.former_part(m)
    assert part is not None and (part.code, part.parts) == ("37015", ("37007", "37015"))


def test_typos_get_suggestions_never_a_match() -> None:
    m = M77.match_name("Antwerpn")
    assert m.kind is MatchKind.UNKNOWN and m.nis is None
    assert any(s.startswith("Antwerpen") for s in m.suggestions)
    assert M77.match_name("Xyzzyq").suggestions == ()


# ---------------------------------------------------------------------- properties

ALL_NAMES = sorted(
    {
        (name, nis)
        for f in [FRAMES["1977-2018"]]
        for col in ("name_fr", "name_nl", "name_de")
        for name, nis in zip(f[col], f["nis"], strict=True)
        if normalise_name(base_name(name)) != "stnicolas"
        or "(" in name  # full names are unambiguous
    }
)


def _accent(ch: str, mark: str) -> str:
    return unicodedata.normalize("NFC", ch + mark) if ch.isalpha() else ch


@st.composite
def variant(draw: st.DrawFn) -> tuple[str, str, str]:
    name, nis = draw(st.sampled_from(ALL_NAMES))
    out = []
    for ch in name:
        if ch in "-' ":
            out.append(draw(st.sampled_from(["-", " ", "", "'", " - ", "_", "."])))
            continue
        ch = ch.upper() if draw(st.booleans()) else ch.lower()
        if draw(st.integers(0, 9)) == 0:
            ch = _accent(ch, draw(st.sampled_from(["\u0301", "\u0300", "\u0308", "\u0302"])))
        out.append(ch)
    text = "".join(out)
    if draw(st.booleans()):
        text = f"  {text} "
    return name, nis, text


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(variant())
def test_property_variants_of_every_name_match_the_same_code(v: tuple[str, str, str]) -> None:
    name, nis, text = v
    m = M77.match_name(text)
    assert m.kind is MatchKind.OK, (name, text, m)
    assert m.nis == nis


SAINT_VARIANTS = ["Saint-", "Sint-", "St-", "St. ", "ST ", "Sankt ", "saint "]


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAINT_VARIANTS), st.sampled_from(["Gilles", "Gillis", "Vith"]))
def test_property_saint_forms_are_interchangeable(prefix: str, rest: str) -> None:
    expected = {"Gilles": "21013", "Gillis": "21013", "Vith": "63067"}[rest]
    assert M77.match_name(prefix + rest).nis == expected


KNOWN_KEYS = (
    {normalise_name(n) for n, _ in ALL_NAMES}
    | {normalise_name(base_name(n)) for n, _ in ALL_NAMES}
    | {normalise_name(n) for n in CW.names()["name"]}
    | {normalise_name(base_name(n)) for n in CW.names()["name"]}
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_letters + "-' éèüö", min_size=1, max_size=25))
def test_property_random_strings_never_match_silently(text: str) -> None:
    m = M77.match_name(text)
    if normalise_name(text) in KNOWN_KEYS:
        return  # hypothesis found a real name: fine
    assert m.kind is not MatchKind.OK
    assert m.nis is None


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ALL_NAMES), st.integers(0, 30), st.sampled_from("xqzkw"))
def test_property_one_letter_typos_are_suggested_not_accepted(
    item: tuple[str, str], pos: int, letter: str
) -> None:
    name, _nis = item
    pos = pos % len(name)
    typo = name[:pos] + letter + name[pos + 1 :]
    if normalise_name(typo) in KNOWN_KEYS:
        return
    m = M77.match_name(typo)
    assert m.kind is MatchKind.UNKNOWN and m.nis is None


def test_real_data_matcher_knows_every_name() -> None:
    geodata = pytest.importorskip("geodata")
    cw = geodata.load_crosswalk(files.geography_dir())
    frame = geodata.load_communes("2019-2024", files.geography_dir())
    m = NameMatcher(frame, "2019-2024", cw.names(), cw, geodata.VINTAGE_KEYS)
    for row in frame.itertuples():
        for name in (row.name_fr, row.name_nl, row.name_de):
            found = m.match_name(name)
            assert found.kind is MatchKind.OK and found.nis == row.nis, (name, found)
    assert m.match_name("Saint-Nicolas").kind is MatchKind.AMBIGUOUS
    assert m.match_name("Meulebeke").nis == "37007"
    assert m.match_name("Puurs").nis == "12041"
    assert m.match_code("55022").nis == "58001"
    neerpelt = m.former_part(m.match_name("Neerpelt"))
    assert neerpelt is not None
    assert (neerpelt.target, neerpelt.parts) == ("72043", ("72025", "72029"))
    assert m.former_part(m.match_name("Pelt")) is None
    recoded = [m.former_part(m.match_code(c)) for c in cw.recodes("1977-2018", "2019-2024")]
    assert recoded == [None] * 11  # the Hainaut re-codings are not parts
