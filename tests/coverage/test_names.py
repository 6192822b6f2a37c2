"""The commune name matcher: normalisation, historical names, ambiguity, suggestions."""

from __future__ import annotations

import string
import unicodedata

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import files
from dashboard.coverage.names import (
    Form,
    FormerPart,
    MatchKind,
    NameMatcher,
    base_name,
    expand_abbreviations,
    hyphen_splits,
    inverted_article,
    normalise_name,
    parse_code,
    two_names,
    without_administration,
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
        ("Heist-op-den-Berg", "Heist o/d Berg"),
        ("Jemeppe-sur-Sambre", "JEMEPPE S/SAMBRE"),
        ("Saint-Georges-sur-Meuse", "St-Georges-s/Meuse"),
    ],
)
def test_normalise_name_ignores_case_accents_separators_and_saint_forms(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_abbreviations_are_only_lone_s_and_o_slash() -> None:
    assert expand_abbreviations("Kapelle o/d Bos").split() == ["Kapelle", "op", "den", "Bos"]
    assert expand_abbreviations("Sint-Gillis/Saint-Gilles") == "Sint-Gillis/Saint-Gilles"
    assert normalise_name("O.-L.-V.-Waver") == "olvwaver"  # not a commune prefix: left alone


@pytest.mark.parametrize(
    ("text", "read"),
    [("Louvière (La)", "La Louvière"), ("Panne, De", "De Panne"), ("ROEULX (LE)", "LE ROEULX"),
     ("Bons Villers (Les)", "Les Bons Villers"), ("Tielt (Tielt)", None), ("La Louvière", None),
     ("(La)", None)],
)  # fmt: skip
def test_inverted_article(text: str, read: str | None) -> None:
    assert inverted_article(text) == read


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("Stad Antwerpen", ["Antwerpen"]),
        ("Ville d'Ath", ["Ath"]),
        ("VILLE D’ATH", ["ATH"]),
        ("Ville du Roeulx", ["Le Roeulx"]),
        ("Commune des Bons Villers", ["Les Bons Villers"]),
        ("Administration communale de Fléron", ["Fléron"]),
        ("City of Brussels", ["Brussels"]),
        ("Bruxelles-Ville", ["Bruxelles"]),
        ("Brussel - Stad", ["Brussel"]),
        ("Stad Herk-de-Stad", ["Herk-de-Stad", "Stad Herk-de", "Herk-de"]),
        ("Herk-de-Stad", ["Herk-de"]),
        ("Stad", []),
        ("Ville de", []),
        ("Stadsbestuur", []),
        ("Antwerpen", []),
    ],
)
def test_without_administration(text: str, read: list[str]) -> None:
    assert without_administration(text) == read


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sint-Gillis / Saint-Gilles", ["Sint-Gillis", "Saint-Gilles"]),
        ("Sint-Gillis/Saint-Gilles", ["Sint-Gillis", "Saint-Gilles"]),
        (
            "Molenbeek-Saint-Jean - Sint-Jans-Molenbeek",
            ["Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"],
        ),
        ("Auderghem – Oudergem", ["Auderghem", "Oudergem"]),
        ("Ixelles | Elsene", ["Ixelles", "Elsene"]),
        ("Sint-Gillis (Saint-Gilles)", ["Sint-Gillis", "Saint-Gilles"]),
        ("Molenbeek-Saint-Jean", []),
        ("Jemeppe s/Sambre", []),
        ("Heist o/d Berg", []),
        ("Sint-Gillis /", []),
    ],
)
def test_two_names(text: str, names: list[str]) -> None:
    assert two_names(text) == names


def test_hyphen_splits() -> None:
    assert hyphen_splits("Ixelles-Elsene") == [("Ixelles", "Elsene")]
    assert hyphen_splits("A-B-C") == [("A", "B-C"), ("A-B", "C")]
    assert hyphen_splits("-A") == []


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


def test_administrative_article_and_two_name_forms_say_which_rule_read_them() -> None:
    assert (M19.match_name("Stad Antwerpen").nis, M19.match_name("Stad Antwerpen").form) == (
        "11002",
        Form.ADMINISTRATIVE,
    )
    assert M19.match_name("Louvière (La)").form is Form.ARTICLE
    assert M19.match_name("Ville de Louvière (La)").nis == "58001"
    both = M19.match_name("Sint-Gillis / Saint-Gilles")
    assert (both.nis, both.form, both.query) == (
        "21013",
        Form.TWO_NAMES,
        "Sint-Gillis / Saint-Gilles",
    )
    assert M19.match_name("Antwerpen").form is Form.TYPED


def test_a_name_as_typed_wins_over_every_rewrite() -> None:
    """A commune whose own name holds an administrative word or an article stays itself,
    and another commune's name hidden in it does not take its place."""
    frame = pd.DataFrame(
        {
            "nis": ["51001", "51002", "51003", "51004", "51005"],
            "name_fr": ["Aa", "Aa-Ville", "Stad Bee", "Bee", "Cee (La)"],
            "name_nl": ["Aa", "Aa-Stad", "Stad Bee", "Bee", "Cee (La)"],
            "name_de": ["Aa", "Aa-Stadt", "Stad Bee", "Bee", "Cee (La)"],
        }
    )
    frame = pd.concat(
        [
            frame,
            pd.DataFrame(
                {
                    "nis": ["51006"],
                    "name_fr": ["La Cee"],
                    "name_nl": ["La Cee"],
                    "name_de": ["La Cee"],
                }
            ),
        ]
    )
    m = NameMatcher(frame, "2019-2024")
    found = {t: m.match_name(t) for t in ("Aa-Ville", "Aa-Stad", "Stad Bee", "Cee (La)")}
    assert {t: (x.nis, x.form) for t, x in found.items()} == {
        "Aa-Ville": ("51002", Form.TYPED),
        "Aa-Stad": ("51002", Form.TYPED),
        "Stad Bee": ("51003", Form.TYPED),
        "Cee (La)": ("51005", Form.TYPED),
    }
    assert m.match_name("Gemeente Bee").nis == "51004"
    assert m.match_name("Cee, La").nis == "51005"  # the same key as "Cee (La)", as typed
    assert m.match_name("La Cee").nis == "51006"


@pytest.mark.parametrize(
    ("text", "kind", "codes"),
    [
        ("Saint-Nicolas / Sint-Niklaas", MatchKind.OK, ["46021"]),  # one narrows the other
        ("Saint-Nicolas (Sint-Niklaas)", MatchKind.OK, ["46021"]),
        ("Sint-Gillis / Antwerpen", MatchKind.AMBIGUOUS, ["11002", "21013"]),
        ("Tielt-Winge (Tielt)", MatchKind.AMBIGUOUS, ["24135", "37015"]),
        ("Sint-Gillis / Nowhere", MatchKind.UNKNOWN, []),
        ("Sint-Gillis-Antwerpen", MatchKind.UNKNOWN, []),  # glued: only one commune's names
        ("Saint-Gilles-Sint-Gillis", MatchKind.OK, ["21013"]),
    ],
)
def test_two_names_in_one_cell(text: str, kind: MatchKind, codes: list[str]) -> None:
    m = M19.match_name(text)
    assert m.kind is kind, m
    assert sorted([m.nis] if m.ok else [c for c, _ in m.candidates]) == codes


def test_two_names_of_a_part_and_its_merged_commune_speak_for_the_part() -> None:
    m = M25.match_name("Borsbeek (Antwerpen)")
    part = M25.former_part(m)
    assert m.nis == "11002" and part is not None and part.code == "11007"
    assert M19.match_name("Puurs / Sint-Amands").nis == "12041"  # as typed: the merged name
    both = M25.match_name("Meulebeke / Tielt (Tielt)")  # two parts of one merged commune
    assert both.kind is MatchKind.AMBIGUOUS
    assert [c for c, _ in both.candidates] == ["37007", "37015"]
    split = M77.match_name("Puurs-Sint-Amands / Puurs")
    assert split.kind is MatchKind.SPLIT


def test_english_names_from_the_names_table() -> None:
    table = crosswalk_table().assign(name_en="", name_2019_en="", name_2025_en="")
    table.loc[table["nis_1977_2018"] == "11002", ["name_en", "name_2019_en", "name_2025_en"]] = (
        "Antwerp"
    )
    cw = Crosswalk(table)
    for vintage in VINTAGE_KEYS:
        m = NameMatcher(FRAMES[vintage], vintage, cw.names(), cw, VINTAGE_KEYS)
        found = m.match_name("ANTWERP")
        assert (found.nis, found.via, m.former_part(found)) == ("11002", "name", None)
        assert m.name_in("11002", vintage) == "Antwerpen"  # English is never shown


def test_typos_get_suggestions_never_a_match() -> None:
    m = M77.match_name("Antwerpn")
    assert m.kind is MatchKind.UNKNOWN and m.nis is None
    assert any(s.startswith("Antwerpen") for s in m.suggestions)
    assert M77.match_name("Xyzzyq").suggestions == ()
    prefixed = M77.match_name("Stad Antwerpn")
    assert prefixed.kind is MatchKind.UNKNOWN and prefixed.nis is None
    assert any(s.startswith("Antwerpen") for s in prefixed.suggestions)
    codes = [s.rsplit("(", 1)[1] for s in M77.match_name("Sint-Gilis").suggestions]
    assert len(codes) == len(set(codes))  # one suggestion per commune


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


def _explained(text: str) -> bool:
    """``text`` is a known name, or a rule's rewrite of it is (article, administrative
    words, two names)."""
    spellings = [text, inverted_article(text) or "", *without_administration(text)]
    if normalise_name(text) in KNOWN_KEYS or any(
        normalise_name(s) in KNOWN_KEYS for s in spellings[1:] if s
    ):
        return True
    halves = two_names(text) or [h for pair in hyphen_splits(text) for h in pair]
    return bool(halves) and all(_explained(h) for h in halves)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=string.ascii_letters + "-/(),' éèüö", min_size=1, max_size=25))
def test_property_random_strings_never_match_silently(text: str) -> None:
    m = M77.match_name(text)
    if _explained(text):
        return  # hypothesis found a real name or a rule's form of one: fine
    assert m.kind is not MatchKind.OK
    assert m.nis is None


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "Stad ", "Ville de ", "Gemeinde ", "City of "]),
    st.sampled_from(ALL_NAMES),
    st.sampled_from(["", "-Stad", " (La)", ", De", " / Antwerpen", "-Boechout"]),
)
def test_property_rewrites_never_pick_another_commune(
    prefix: str, item: tuple[str, str], suffix: str
) -> None:
    """Whatever words are put round a name, the result is that commune, another one the
    extra words themselves name (then an error), or an error: never a third commune."""
    name, nis = item
    m = M77.match_name(prefix + name + suffix)
    allowed = {nis}
    assert m.nis is None or m.nis in allowed, (prefix + name + suffix, m)


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
