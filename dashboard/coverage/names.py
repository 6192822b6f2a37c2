"""Matching commune names and NIS codes typed by people to (NIS code, vintage).

Names match regardless of case, accents, hyphens, apostrophes, dots, spaces and the
forms "Saint / Sainte / Sint / Sankt / St. / St- / Ste" (all become ``st``, also when
glued to the next word: "SaintGilles"), in French,
Dutch and German, and through historical names: a name or code of another vintage is
carried to the target vintage by the crosswalk.

Rules, in order (the first level that finds anything decides):

1. names of the target vintage (the communes frame and the names table for that vintage),
   full name first, then the name without its parenthesised qualifier
   ("Tielt (Tielt)" also answers to "Tielt");
2. names of the other vintages, translated to the target vintage: a name of an older
   commune translates forward to the commune that absorbed it; a name of a newer,
   merged commune translates backward to several parts, which is an error for a file
   dated before the merger ("split").

Two different communes on the deciding level is "ambiguous" (error with the candidates).
Nothing found is "unknown" (error with rapidfuzz suggestions). A fuzzy match is never
accepted silently.

A historical name or code of a commune that is now only one *part* of a merged commune
(Neerpelt, part of Pelt since 2019; Borsbeek, part of Antwerpen since 2025) still matches
the merged commune, but :meth:`NameMatcher.former_part` says so: such a row speaks for
that part only, never for the whole merged commune (the importer combines the parts).
A pure re-coding (one commune of the older vintage, e.g. La Louvière 55022 -> 58001) is
not a part.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from geodata.belgium import local_name
from geodata.crosswalk import CodeTranslator

SAINT_FORMS = frozenset({"saint", "sainte", "sint", "st", "ste", "sankt", "skt"})
SAINT_PREFIXES = ("sainte", "saint", "sankt", "sint", "ste")
NAME_COLUMNS = ("name_fr", "name_nl", "name_de")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})
_NOT_WORD = re.compile(r"[\W_]+")
_QUALIFIER = re.compile(r"\s*\([^)]*\)\s*$")
_CODE = re.compile(r"^\d{5}$")


def name_tokens(text: str) -> list[str]:
    """Words of a name: no accents, lower case, Saint forms as ``st``."""
    decomposed = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _NOT_WORD.sub(" ", plain).split()
    return [_saint(w) for w in words]


def _saint(word: str) -> str:
    """``st`` for a Saint form, also glued to the next word ("SaintGilles" -> "stgilles").

    Applied alike to the names indexed and to the query, so a name always matches itself.
    """
    if word in SAINT_FORMS:
        return "st"
    for prefix in SAINT_PREFIXES:
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return "st" + word[len(prefix) :]
    return word


def normalise_name(text: str) -> str:
    """The matching key of a name (separators and spaces removed)."""
    return "".join(name_tokens(text))


def base_name(text: str) -> str:
    """A name without its trailing parenthesised qualifier: "Tielt (Tielt)" -> "Tielt"."""
    return _QUALIFIER.sub("", str(text)).strip()


def parse_code(raw: object) -> str | None:
    """A 5-digit NIS code from a cell value (``11001``, ``"11001"``, ``11001.0``), or None."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return None
    if isinstance(raw, float):
        if not raw.is_integer():
            return None
        raw = int(raw)
    text = str(raw).strip()
    if text.endswith(".0"):
        text = text[:-2]
    return text if _CODE.match(text) else None


class MatchKind(StrEnum):
    OK = "ok"  # one commune of the target vintage
    AMBIGUOUS = "ambiguous"  # several communes answer to the name
    SPLIT = "split"  # a commune that did not exist yet: it stands for several communes
    UNKNOWN = "unknown"  # nothing answers; see suggestions


@dataclass(frozen=True)
class Candidate:
    """One way a key was reached: a spelling of a vintage, carried to the target codes."""

    codes: tuple[str, ...]  # codes in the target vintage
    spelling: str
    lang: str
    vintage: str
    source_code: str  # the code in ``vintage``


@dataclass(frozen=True)
class NameMatch:
    query: str
    kind: MatchKind
    vintage: str
    nis: str | None = None
    official_name: str = ""
    via: str = ""  # "code", "name", "historical name", "historical code"
    matched: Candidate | None = None
    candidates: tuple[tuple[str, str], ...] = ()  # (nis, official name)
    suggestions: tuple[str, ...] = ()  # readable, e.g. "Sint-Niklaas (46021)"
    note: str = ""

    @property
    def ok(self) -> bool:
        return self.kind is MatchKind.OK


@dataclass(frozen=True)
class FormerPart:
    """A former commune named by a row, now one of several parts of a merged commune.

    ``code`` and ``name`` are the former commune's in ``vintage`` (the vintage the matched
    name or code belongs to); ``parts`` are the codes, in that vintage, of every commune
    that makes up ``target`` (the merged commune, in the matcher's vintage), ``code``
    among them.
    """

    target: str
    vintage: str
    code: str
    name: str
    parts: tuple[str, ...]

    @property
    def label(self) -> str:
        """ "Neerpelt (72025, 1977-2018)"."""
        return f"{self.name} ({self.code}, {self.vintage})"


@dataclass
class _Level:
    exact: dict[str, list[Candidate]] = field(default_factory=dict)
    base: dict[str, list[Candidate]] = field(default_factory=dict)

    def add(self, spelling: str, cand: Candidate) -> None:
        key = normalise_name(spelling)
        if key:
            self.exact.setdefault(key, []).append(cand)
        bkey = normalise_name(base_name(spelling))
        if bkey and bkey != key:
            self.base.setdefault(bkey, []).append(cand)


class NameMatcher:
    """Resolve names and codes to the communes of one vintage.

    ``communes``: frame with ``nis`` and ``name_fr`` / ``name_nl`` / ``name_de`` of the
    target vintage. ``names``: every name any vintage had (columns vintage, nis, lang,
    name; ``Crosswalk.names()``). ``translator``: ``translate(code, src, dst)``.
    """

    def __init__(
        self,
        communes: pd.DataFrame,
        vintage: str,
        names: pd.DataFrame | None = None,
        translator: CodeTranslator | None = None,
        vintages: Sequence[str] | None = None,
    ) -> None:
        self.vintage = vintage
        self.translator = translator
        self._official = {str(r.nis): _official_name(r) for r in communes.itertuples()}
        names = names if names is not None else _empty_names()
        self._names_in = _names_by_vintage(names)
        known = list(dict.fromkeys([*(vintages or ()), *names["vintage"].astype(str)]))
        self.other_vintages = tuple(v for v in known if v != vintage)
        self._current = _Level()
        self._other = _Level()
        self._build_current(communes, names)
        if translator is not None:
            self._build_other(names, translator)
        self._keys = self._display_keys()

    # ------------------------------------------------------------------ building

    def _build_current(self, communes: pd.DataFrame, names: pd.DataFrame) -> None:
        for col in NAME_COLUMNS:
            if col not in communes.columns:
                continue
            lang = col[-2:]
            for nis, name in zip(communes["nis"].astype(str), communes[col], strict=True):
                if isinstance(name, str) and name.strip():
                    self._current.add(name, Candidate((nis,), name, lang, self.vintage, nis))
        own = names[names["vintage"].astype(str) == self.vintage]
        for r in own.itertuples():
            nis = str(r.nis)
            if nis in self._official:
                self._current.add(
                    str(r.name), Candidate((nis,), str(r.name), str(r.lang), self.vintage, nis)
                )

    def _build_other(self, names: pd.DataFrame, translator: CodeTranslator) -> None:
        other = names[names["vintage"].astype(str) != self.vintage]
        pairs = other[["vintage", "nis"]].astype(str).drop_duplicates()
        targets: dict[tuple[str, str], tuple[str, ...]] = {}
        for src, group in pairs.groupby("vintage"):
            targets.update(_translate_all(translator, list(group["nis"]), str(src), self.vintage))
        for r in other.itertuples():
            codes = targets.get((str(r.vintage), str(r.nis)))
            if codes:
                cand = Candidate(codes, str(r.name), str(r.lang), str(r.vintage), str(r.nis))
                self._other.add(str(r.name), cand)

    def _display_keys(self) -> dict[str, str]:
        """key -> one readable spelling with its code(s), for suggestions."""
        out: dict[str, str] = {}
        for level in (self._current, self._other):
            for table in (level.exact, level.base):
                for key, cands in table.items():
                    if key in out:
                        continue
                    c = cands[0]
                    out[key] = f"{c.spelling} ({', '.join(c.codes)})"
        return out

    # ------------------------------------------------------------------ queries

    def official_name(self, nis: str) -> str:
        return self._official.get(nis, "")

    def codes(self) -> tuple[str, ...]:
        return tuple(sorted(self._official))

    def name_in(self, nis: str, vintage: str) -> str:
        """The name of commune ``nis`` of ``vintage`` ("Antwerpen"), or the code."""
        if vintage == self.vintage and nis in self._official:
            return self._official[nis]
        return self._names_in.get((vintage, nis), nis)

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        """``code`` of vintage ``src`` in vintage ``dst`` (crosswalk); () when unknown."""
        if src == dst:
            return (code,)
        if self.translator is None:
            return ()
        try:
            return tuple(self.translator.translate(code, src, dst))
        except (KeyError, ValueError):
            return ()

    def parts(self, nis: str, vintage: str) -> tuple[str, ...]:
        """Codes in ``vintage`` of the communes that make up ``nis`` of the target vintage
        (one code for an unchanged or re-coded commune)."""
        return self.translate(nis, self.vintage, vintage)

    def former_part(self, m: NameMatch) -> FormerPart | None:
        """The former commune ``m`` names when it is only one part of a merged commune.

        ``m`` must be a historical match (a name or code of another vintage) whose target
        commune has two or more parts in the vintage of that name or code; a match on the
        target vintage's own names or codes, and a pure re-coding, give None.
        """
        c = m.matched
        if not m.ok or m.nis is None or c is None or c.vintage == self.vintage:
            return None
        parts = self.parts(m.nis, c.vintage)
        if len(parts) < 2 or c.source_code not in parts:
            return None
        name = self.name_in(c.source_code, c.vintage)
        return FormerPart(m.nis, c.vintage, c.source_code, name, parts)

    def match_name(self, text: str) -> NameMatch:
        key = normalise_name(text)
        if not key:
            return NameMatch(text, MatchKind.UNKNOWN, self.vintage, note="empty name")
        for level, historical in ((self._current, False), (self._other, True)):
            for table in (level.exact, level.base):
                cands = table.get(key)
                if cands:
                    return self._decide(text, cands, historical)
        return NameMatch(
            text, MatchKind.UNKNOWN, self.vintage, suggestions=tuple(self.suggest(text))
        )

    def match_code(self, raw: object) -> NameMatch:
        text = "" if raw is None else str(raw).strip()
        code = parse_code(raw)
        if code is None:
            return NameMatch(text, MatchKind.UNKNOWN, self.vintage, note="not a 5-digit NIS code")
        if code in self._official:
            return NameMatch(
                text,
                MatchKind.OK,
                self.vintage,
                nis=code,
                official_name=self._official[code],
                via="code",
            )
        for src in self.other_vintages:
            codes = self._translate(code, src)
            if codes:
                cand = Candidate(codes, code, "", src, code)
                return self._decide(text, [cand], historical=True, via="historical code")
        return NameMatch(
            text,
            MatchKind.UNKNOWN,
            self.vintage,
            suggestions=tuple(self._near_codes(code)),
            note=f"no commune has code {code} in any vintage",
        )

    def suggest(self, text: str, limit: int = 3) -> list[str]:
        """Closest known names (rapidfuzz), readable, best first; never a match."""
        from rapidfuzz import fuzz, process

        key = normalise_name(text)
        if not key:
            return []
        found = process.extract(
            key, list(self._keys), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70
        )
        out = list(dict.fromkeys(self._keys[k] for k, _s, _i in found))
        return out[:limit]

    # ------------------------------------------------------------------ helpers

    def _translate(self, code: str, src: str) -> tuple[str, ...]:
        return self.translate(code, src, self.vintage)

    def _decide(
        self, text: str, cands: list[Candidate], historical: bool, via: str = ""
    ) -> NameMatch:
        targets = list(dict.fromkeys(c.codes for c in cands))
        via = via or ("historical name" if historical else "name")
        if len(targets) > 1:
            codes = sorted({code for t in targets for code in t})
            return NameMatch(
                text,
                MatchKind.AMBIGUOUS,
                self.vintage,
                via=via,
                candidates=tuple((c, self._official.get(c, "")) for c in codes),
            )
        cand = cands[0]
        if len(cand.codes) > 1:
            return NameMatch(
                text,
                MatchKind.SPLIT,
                self.vintage,
                via=via,
                matched=cand,
                candidates=tuple((c, self._official.get(c, "")) for c in cand.codes),
                note=f"{cand.spelling} ({cand.source_code}) is a commune of vintage "
                f"{cand.vintage}; in vintage {self.vintage} it is {len(cand.codes)} communes",
            )
        nis = cand.codes[0]
        note = ""
        if historical:
            note = (
                f"{cand.spelling} ({cand.source_code}, vintage {cand.vintage}) is "
                f"{self._official.get(nis, nis)} ({nis}) in vintage {self.vintage}"
            )
        return NameMatch(
            text,
            MatchKind.OK,
            self.vintage,
            nis=nis,
            official_name=self._official.get(nis, ""),
            via=via,
            matched=cand,
            note=note,
        )

    def _near_codes(self, code: str, limit: int = 3) -> list[str]:
        """Codes of the target vintage one digit away (typo, swapped digits)."""
        out = []
        for other in sorted(self._official):
            diff = sum(a != b for a, b in zip(code, other, strict=True))
            swapped = sorted(code) == sorted(other) and diff == 2
            if diff == 1 or swapped:
                out.append(f"{self._official[other]} ({other})")
        return out[:limit]


def _official_name(row: object) -> str:
    """The name a commune is shown under (:func:`geodata.belgium.local_name`), or its code."""
    fields = row._asdict() if hasattr(row, "_asdict") else dict(row)  # type: ignore[call-overload]
    return local_name(fields) or str(fields.get("nis", ""))


def _names_by_vintage(names: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(vintage, nis) -> the name the commune had then, by the same rule as today's
    (:func:`geodata.belgium.local_name`; the region read from the code)."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for r in names.itertuples():
        name = str(r.name).strip()
        if name:
            fields = found.setdefault((str(r.vintage), str(r.nis)), {"nis": str(r.nis)})
            fields.setdefault(f"name_{r.lang}", name)
    return {key: local_name(fields) or key[1] for key, fields in found.items()}


def _empty_names() -> pd.DataFrame:
    return pd.DataFrame({"vintage": [], "nis": [], "lang": [], "name": []}, dtype=str)


def _translate_all(
    translator: CodeTranslator, codes: Iterable[str], src: str, dst: str
) -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    many = getattr(translator, "translate_many", None)
    codes = list(codes)
    if many is not None:
        try:
            found = many(codes, src, dst)
            return {(src, c): tuple(v) for c, v in found.items()}
        except (KeyError, ValueError):
            pass  # some code unknown: fall back to one at a time
    for code in codes:
        try:
            out[(src, code)] = tuple(translator.translate(code, src, dst))
        except (KeyError, ValueError):
            continue
    return out
