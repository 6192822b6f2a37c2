"""Commune names as officials type them, resolved with the real prepared geography.

``data/real_spellings.csv``: realistic spellings (upper case without accents, exonyms in
Dutch, French, German and English, Saint abbreviations, Brussels names in both languages,
administrative prefixes, inverted articles, two names in one cell, historical names of
merged communes, codes typed as numbers), each with the division it is read in, the NIS
code it must give (looked up in ``data/geography``, never taken from the matcher) and, for
a former commune now part of a merged one, that part's code. ``data/real_spellings_errors.csv``:
spellings that must be errors (ambiguous, split, unknown) and the codes the error offers.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import pytest

import geodata
from dashboard import files
from dashboard.coverage.importer import Geography
from dashboard.coverage.names import Form, MatchKind, NameMatch, NameMatcher

DATA = Path(__file__).parent / "data"
NUMBER = re.compile(r"\d{5}(\.0)?")
CODE_IN_TEXT = re.compile(r"\((\d{5})")


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SPELLINGS = _rows("real_spellings.csv")
ERRORS = _rows("real_spellings_errors.csv")


@pytest.fixture(scope="module")
def geography() -> Geography:
    return Geography.from_geodata()


def resolve(matcher: NameMatcher, spelling: str) -> NameMatch:
    """A name by ``match_name``; a code as a spreadsheet gives it (int, or float for
    ``11002.0``) by ``match_code``."""
    if NUMBER.fullmatch(spelling):
        return matcher.match_code(float(spelling) if "." in spelling else int(spelling))
    return matcher.match_name(spelling)


def test_the_table_is_large_and_its_codes_are_real(geography: Geography) -> None:
    assert len(SPELLINGS) >= 200
    assert len({(r["spelling"], r["vintage"]) for r in SPELLINGS}) == len(SPELLINGS)
    assert {r["vintage"] for r in SPELLINGS} == set(geodata.VINTAGE_KEYS)
    crosswalk = geodata.load_crosswalk(files.geography_dir())
    old_codes = set(crosswalk.codes("1977-2018")) | set(crosswalk.codes("2019-2024"))
    for r in SPELLINGS:
        assert r["nis"] in set(geography.frame(r["vintage"])["nis"]), r
        assert not r["part"] or r["part"] in old_codes, r


@pytest.mark.parametrize("row", SPELLINGS, ids=lambda r: f"{r['spelling']}@{r['vintage']}")
def test_real_spelling_resolves_to_its_commune(geography: Geography, row: dict[str, str]) -> None:
    matcher = geography.matcher(row["vintage"])
    m = resolve(matcher, row["spelling"])
    assert (m.kind, m.nis) == (MatchKind.OK, row["nis"]), m
    part = matcher.former_part(m)
    assert (part.code if part else "") == row["part"], (m, part)


@pytest.mark.parametrize("row", ERRORS, ids=lambda r: f"{r['spelling']}@{r['vintage']}")
def test_real_spelling_that_is_an_error(geography: Geography, row: dict[str, str]) -> None:
    """Ambiguous and split names list the communes; unknown ones suggest; none is a guess."""
    m = resolve(geography.matcher(row["vintage"]), row["spelling"])
    assert m.kind is MatchKind(row["kind"]), m
    assert m.nis is None
    expected = set(row["codes"].split())
    if m.kind is MatchKind.UNKNOWN:
        offered = {c for s in m.suggestions for c in CODE_IN_TEXT.findall(s)}
        assert expected <= offered, m
    else:
        assert {c for c, _ in m.candidates} == expected, m


def test_the_english_names_resolve_in_every_division(geography: Geography) -> None:
    english = {"Antwerp": "11002", "Brussels": "21004", "Ghent": "44021", "Ostend": "35013"}
    for vintage in geodata.VINTAGE_KEYS:
        matcher = geography.matcher(vintage)
        for name, nis in english.items():
            for spelling in (name, name.upper(), f"City of {name}"):
                m = matcher.match_name(spelling)
                assert (m.kind, m.nis) == (MatchKind.OK, nis), (vintage, m)
                assert matcher.former_part(m) is None


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _official_names(frame) -> list[tuple[str, str]]:
    return sorted(
        {
            (name, nis)
            for col in ("name_fr", "name_nl", "name_de")
            for name, nis in zip(frame[col], frame["nis"], strict=True)
        }
    )


@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_every_official_name_resolves_to_itself(geography: Geography, vintage: str) -> None:
    """Every French, Dutch and German name of every commune, as written, upper-cased and
    without accents, read as typed: no rewrite rule takes a commune's own name away."""
    matcher = geography.matcher(vintage)
    for name, nis in _official_names(geography.frame(vintage)):
        for spelling in dict.fromkeys((name, name.upper(), _plain(name), _plain(name).upper())):
            m = matcher.match_name(spelling)
            assert (m.kind, m.nis, m.form) == (MatchKind.OK, nis, Form.TYPED), (spelling, m)
            assert matcher.former_part(m) is None, spelling


PREFIXES = ("Stad ", "Gemeente ", "Ville de ", "Commune de ", "Gemeinde ", "City of ")


@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_every_official_name_with_an_administrative_prefix(
    geography: Geography, vintage: str
) -> None:
    matcher = geography.matcher(vintage)
    for i, (name, nis) in enumerate(_official_names(geography.frame(vintage))):
        prefix = PREFIXES[i % len(PREFIXES)]
        suffixed = () if "(" in name else (f"{name}-Stad", f"{name} - Ville")
        for spelling in (prefix + name, (prefix + _plain(name)).upper(), *suffixed):
            m = matcher.match_name(spelling)
            assert (m.kind, m.nis) == (MatchKind.OK, nis), (spelling, m)
            assert m.form is Form.ADMINISTRATIVE, (spelling, m)


@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_both_names_of_every_brussels_commune_in_one_cell(
    geography: Geography, vintage: str
) -> None:
    matcher = geography.matcher(vintage)
    frame = geography.frame(vintage)
    brussels = frame[frame["region"] == geodata.belgium.BRUSSELS]
    assert len(brussels) == 19
    for r in brussels.itertuples():
        for spelling in (
            f"{r.name_fr} / {r.name_nl}",
            f"{r.name_nl} - {r.name_fr}",
            f"{r.name_nl} ({r.name_fr})",
        ):
            m = matcher.match_name(spelling)
            assert (m.kind, m.nis) == (MatchKind.OK, r.nis), (spelling, m)
