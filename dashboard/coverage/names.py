"""Matching commune names and NIS codes typed by people to (NIS code, vintage).

Names are compared by a key that ignores case, accents, hyphens, apostrophes, dots and
spaces, reads the forms "Saint / Sainte / Sint / Sankt / St. / St- / Ste" all as ``st`` (also
glued to the next word: "SaintGilles") and writes out the abbreviations "s/" (sur: "Jemeppe
s/Sambre") and "o/d" (op den: "Heist o/d Berg"). The names known are those of the prepared
names table (``Crosswalk.names()``) and of the communes frame: the French, Dutch and German
names of Statbel REFNIS, which hold the exonyms (Luik / Lüttich for Liège, Bergen for Mons,
Anvers, Malines, Renaix ...), and the English names the build adds from
``data/reference/english_names.csv`` (Antwerp, Brussels, Ghent, Ostend), in every vintage.

Rules, in order (the first rule that finds anything decides):

1. the name as typed among the names of the target vintage (the communes frame and the
   names table for that vintage), full name first, then the name without its parenthesised
   qualifier ("Tielt (Tielt)" also answers to "Tielt");
2. the name as typed among the names of the other vintages, translated to the target
   vintage: a name of an older commune translates forward to the commune that absorbed it;
   a name of a newer, merged commune translates backward to several parts, which is an error
   for a file dated before the merger ("split");
3. an article written after the name, as old lists sort them, put back in front
   ("Louvière (La)", "Panne, De" -> "La Louvière", "De Panne"), then rules 1-2;
4. the name without the administrative words officials put round it: "Stad", "Gemeente",
   "Stadsbestuur", "Gemeentebestuur", "Lokaal bestuur", "Ville de / d' / du / des",
   "Commune de", "Administration communale de", "Stadt", "Gemeinde", "City of",
   "Municipality of" before it, "-Ville", "-Stad", "-Stadt" after it ("Stad Antwerpen",
   "Ville d'Ath", "Ville du Roeulx" -> "Le Roeulx", "City of Brussels", "Bruxelles-Ville"),
   then rules 1-3;
5. two names in one cell ("Sint-Gillis / Saint-Gilles", "Molenbeek-Saint-Jean -
   Sint-Jans-Molenbeek" with spaces round the hyphen, "Sint-Gillis (Saint-Gilles)"), each
   read by rules 1-4: the commune both name (one may narrow the other: "Saint-Nicolas /
   Sint-Niklaas" is Sint-Niklaas). Two different communes is "ambiguous", a name that is no
   commune makes the cell "unknown": never a guess. Two names glued by a bare hyphen
   ("Ixelles-Elsene") are read so only when both sides name the same commune.

Rules 3-5 apply only when the text as typed names nothing, so no commune is lost to them:
"Herk-de-Stad", "Fosses-la-Ville" and "Villers-la-Ville" are themselves. Two different
communes on the deciding rule is "ambiguous" (error with the candidates). Nothing found is
"unknown" (error with rapidfuzz suggestions). A fuzzy match is never accepted silently.
:attr:`NameMatch.form` says which rule read the name (:class:`Form`).

A historical name or code of a commune that is now only one *part* of a merged commune
(Neerpelt, part of Pelt since 2019; Borsbeek, part of Antwerpen since 2025) still matches
the merged commune, but :meth:`NameMatcher.former_part` says so: such a row speaks for
that part only, never for the whole merged commune (the importer combines the parts).
A pure re-coding (one commune of the older vintage, e.g. La Louvière 55022 -> 58001) is
not a part. In a cell with two names, a former part is more precise than the merged
commune ("Borsbeek (Antwerpen)" in 2025 is the part Borsbeek).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
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
#: Abbreviations of the little words inside real commune names, as lists type them:
#: "s/" for "sur" (Jemeppe-sur-Sambre, Saint-Georges-sur-Meuse, Vaux-sur-Sûre,
#: Vresse-sur-Semois, Ham-sur-Heure-Nalinnes) and "o/d" for "op den" (Heist-op-den-Berg,
#: Kapelle-op-den-Bos). Only a lone "s" or "o" before the slash, so "Gillis/..." stays two names.
ABBREVIATIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<![\w'’])s/(?=\s*\w)", re.IGNORECASE), " sur "),
    (re.compile(r"(?<![\w'’])o/d(?!\w)\.?", re.IGNORECASE), " op den "),
)
#: Words officials put before a commune's name: the administration, not the name. French
#: "Ville de / d' / du / des", "Commune de ...", "Administration communale de ..."; Dutch "Stad",
#: "Gemeente", "Stadsbestuur", "Gemeentebestuur", "Lokaal bestuur"; German "Stadt", "Gemeinde";
#: English "City of", "Municipality of". "du" and "des" keep their article: "Ville du Roeulx"
#: is Le Roeulx, "Commune des Bons Villers" is Les Bons Villers.
ADMINISTRATIVE_PREFIX = re.compile(
    r"^\s*(?:"
    r"(?:administration\s+communale|ville|commune)\s+(?:de\s+|d['’`]\s*|(?P<du>du\s+)|(?P<des>des\s+))"
    r"|(?:stadsbestuur|gemeentebestuur|lokaal\s+bestuur|stad|gemeente|stadt|gemeinde)\s+"
    r"|(?:city|municipality)\s+of\s+"
    r")(?=\S)",
    re.IGNORECASE,
)
#: ... and after it, as Brussels is told from its region: "Bruxelles-Ville", "Brussel-Stad".
ADMINISTRATIVE_SUFFIX = re.compile(r"(?<=\w)[\s-]+(?:ville|stad|stadt)\s*$", re.IGNORECASE)
#: The article of a name written after it, as old lists sort them: "Louvière (La)",
#: "Panne, De" (the communes whose name starts with an article: La, Le, Les, De).
INVERTED_ARTICLE = re.compile(
    r"^(?P<rest>.*?\w.*?)\s*(?:\(\s*(?P<a>la|le|les|de)\s*\)|,\s*(?P<b>la|le|les|de))\s*$",
    re.IGNORECASE,
)
#: Between two names of one commune in one cell: "Sint-Gillis / Saint-Gilles",
#: "Molenbeek-Saint-Jean - Sint-Jans-Molenbeek" (a hyphen with spaces round it: a hyphen
#: inside a name has none), "Ixelles | Elsene"; or the second name in brackets:
#: "Sint-Gillis (Saint-Gilles)".
BILINGUAL_SEPARATOR = re.compile(r"\s*[/|]\s*|\s+[-–—]\s+|\s*[–—]\s*")
BRACKETED = re.compile(r"^(?P<first>[^()]*\w[^()]*?)\s*\((?P<second>[^()]*\w[^()]*)\)\s*$")


class Form(StrEnum):
    """How a name was read (:attr:`NameMatch.form`)."""

    TYPED = ""  # as typed (case, accents, separators and Saint forms aside)
    ARTICLE = "inverted article"  # "Louvière (La)" read as "La Louvière"
    ADMINISTRATIVE = "administrative form"  # "Ville de Liège" read as "Liège"
    TWO_NAMES = "two names"  # "Sint-Gillis / Saint-Gilles": both name one commune


def expand_abbreviations(text: str) -> str:
    """A name with its :data:`ABBREVIATIONS` written out ("Heist o/d Berg" -> "Heist op den
    Berg")."""
    for pattern, words in ABBREVIATIONS:
        text = pattern.sub(words, text)
    return text


def name_tokens(text: str) -> list[str]:
    """Words of a name: no accents, lower case, Saint forms as ``st``, abbreviations written
    out (:func:`expand_abbreviations`)."""
    decomposed = unicodedata.normalize(
        "NFKD", expand_abbreviations(str(text)).translate(_LIGATURES)
    )
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


def inverted_article(text: str) -> str | None:
    """ "Louvière (La)" and "Louvière, La" -> "La Louvière"; None without such an article."""
    m = INVERTED_ARTICLE.match(str(text))
    if m is None:
        return None
    return f"{m.group('a') or m.group('b')} {m.group('rest').strip()}"


def without_administration(text: str) -> list[str]:
    """A name without the administrative words officials put round it ("Stad Antwerpen",
    "Ville d'Ath", "Ville du Roeulx" -> "Le Roeulx", "City of Brussels", "Bruxelles-Ville"):
    without the prefix, without the suffix, without both (as far as there are such words).
    A name that has such a word in it keeps it in one of them: "Stad Herk-de-Stad" ->
    "Herk-de-Stad"."""
    text = str(text).strip()
    out = []
    m = ADMINISTRATIVE_PREFIX.match(text)
    if m is not None:
        article = "Le " if m.group("du") else "Les " if m.group("des") else ""
        out.append(article + text[m.end() :].strip())
    for spelling in (text, *out):
        plain = ADMINISTRATIVE_SUFFIX.sub("", spelling).strip()
        if plain != spelling:
            out.append(plain)
    return [o for o in dict.fromkeys(out) if normalise_name(o) and o != text]


def two_names(text: str) -> list[str]:
    """The names in a cell that gives a commune two ("Sint-Gillis / Saint-Gilles",
    "Sint-Gillis (Saint-Gilles)"); [] when it gives one."""
    text = expand_abbreviations(str(text)).strip()
    parts = [p.strip() for p in BILINGUAL_SEPARATOR.split(text)]
    if len(parts) < 2:
        m = BRACKETED.match(text)
        parts = [m.group("first").strip(), m.group("second").strip()] if m else []
    return parts if len(parts) >= 2 and all(normalise_name(p) for p in parts) else []


def hyphen_splits(text: str) -> list[tuple[str, str]]:
    """Every way to cut a name in two at a hyphen: "Ixelles-Elsene" -> [("Ixelles", "Elsene")]."""
    text = str(text).strip()
    return [
        (text[: m.start()].strip(), text[m.end() :].strip())
        for m in re.finditer(r"-", text)
        if normalise_name(text[: m.start()]) and normalise_name(text[m.end() :])
    ]


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
    form: Form = Form.TYPED  # how the name was read: as typed, or by which rule

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

    def _display_keys(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """key -> one readable spelling with its code(s), and the codes, for suggestions."""
        out: dict[str, tuple[str, tuple[str, ...]]] = {}
        for level in (self._current, self._other):
            for table in (level.exact, level.base):
                for key, cands in table.items():
                    if key in out:
                        continue
                    c = cands[0]
                    out[key] = (f"{c.spelling} ({', '.join(c.codes)})", c.codes)
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
        """The commune ``text`` names in the target vintage, by the rules of the module
        docstring, in order; never a fuzzy match (suggestions only)."""
        if not normalise_name(text):
            return NameMatch(text, MatchKind.UNKNOWN, self.vintage, note="empty name")
        found = self._read(text)
        if found is not None:
            return found
        names = two_names(text)
        if names:
            return self._match_two(text, names)
        glued = self._glued_names(text)
        if glued is not None:
            return glued
        return NameMatch(
            text, MatchKind.UNKNOWN, self.vintage, suggestions=tuple(self._suggest_forms(text))
        )

    def _read(self, text: str) -> NameMatch | None:
        """Rules 1-4 on one name: as typed, then the rewritten forms; None if nothing answers."""
        for form, spelling in _forms(text):
            found = self._lookup(text, spelling)
            if found is not None:
                return replace(found, form=form) if form else found
        return None

    def _lookup(self, text: str, spelling: str) -> NameMatch | None:
        key = normalise_name(spelling)
        if not key:
            return None
        for level, historical in ((self._current, False), (self._other, True)):
            for table in (level.exact, level.base):
                cands = table.get(key)
                if cands:
                    return self._decide(text, cands, historical)
        return None

    def _match_two(self, text: str, names: list[str]) -> NameMatch:
        """Rule 5: a cell with two names is the commune both name, else an error."""
        found = [self._read(name) for name in names]
        for name, m in zip(names, found, strict=True):
            if m is None:
                known = [f"{k.official_name} ({k.nis})" for k in found if k is not None and k.ok]
                suggestions = list(dict.fromkeys([*known, *self._suggest_forms(name)]))
                return NameMatch(
                    text,
                    MatchKind.UNKNOWN,
                    self.vintage,
                    suggestions=tuple(suggestions[:3]),
                    note=f"{name!r} names no commune",
                    form=Form.TWO_NAMES,
                )
            if m.kind is MatchKind.SPLIT:
                return replace(m, query=text, form=Form.TWO_NAMES)
        matches = [m for m in found if m is not None]
        sets: list[set[str]] = [
            {str(m.nis)} if m.ok else {c for c, _ in m.candidates} for m in matches
        ]
        common = set(sets[0]).intersection(*sets[1:])
        if len(common) != 1:
            codes = sorted(common or set().union(*sets))
            return NameMatch(
                text,
                MatchKind.AMBIGUOUS,
                self.vintage,
                via="name",
                candidates=tuple((c, self._official.get(c, "")) for c in codes),
                note=f"the names in {text!r} are not one commune",
                form=Form.TWO_NAMES,
            )
        ok = [m for m in matches if m.ok]
        if not ok:  # ambiguous names narrowed to one commune by each other
            (nis,) = common
            official = self._official.get(nis, "")
            return NameMatch(
                text, MatchKind.OK, self.vintage, nis, official, "name", form=Form.TWO_NAMES
            )
        parts = {p.code: p for p in (self.former_part(m) for m in ok) if p is not None}
        if len(parts) > 1:  # two former communes of one merged commune: not one commune
            return NameMatch(
                text,
                MatchKind.AMBIGUOUS,
                self.vintage,
                via="historical name",
                candidates=tuple((p.code, p.name) for p in parts.values()),
                note=f"the names in {text!r} are {len(parts)} former communes",
                form=Form.TWO_NAMES,
            )
        # The more precise name decides: a former part rather than the merged commune.
        best = next((m for m in ok if self.former_part(m) is not None), ok[0])
        return replace(best, query=text, form=Form.TWO_NAMES)

    def _glued_names(self, text: str) -> NameMatch | None:
        """Rule 5 for two names joined by a bare hyphen ("Ixelles-Elsene"): only when both
        sides name the same commune (a hyphen is also part of names)."""
        for left, right in hyphen_splits(text):
            a, b = self._read(left), self._read(right)
            if a is not None and b is not None and a.ok and b.ok and a.nis == b.nis:
                both = self._match_two(text, [left, right])
                if both.ok:
                    return both
        return None

    def _suggest_forms(self, text: str) -> list[str]:
        """Suggestions for ``text`` and for its rewritten forms, the most rewritten first."""
        found: list[str] = []
        for _form, spelling in reversed(_forms(text)):
            found.extend(self.suggest(spelling))
        return list(dict.fromkeys(found))[:3]

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
        """Closest known names (rapidfuzz), readable, best first, one per commune (the
        closest of its spellings); never a match."""
        from rapidfuzz import fuzz, process

        key = normalise_name(text)
        if not key:
            return []
        found = process.extract(
            key, list(self._keys), scorer=fuzz.WRatio, limit=limit * 3, score_cutoff=70
        )
        by_codes: dict[tuple[str, ...], str] = {}
        for k, _score, _i in found:
            readable, codes = self._keys[k]
            by_codes.setdefault(codes, readable)
        return list(by_codes.values())[:limit]

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


def _forms(text: str) -> list[tuple[Form, str]]:
    """The spellings rules 1-4 try for one name, in order: as typed, with its article put
    back in front, without administrative words (each also with its article put back)."""
    out: list[tuple[Form, str]] = [(Form.TYPED, text)]
    article = inverted_article(text)
    if article:
        out.append((Form.ARTICLE, article))
    for plain in without_administration(text):
        out.append((Form.ADMINISTRATIVE, plain))
        again = inverted_article(plain)
        if again:
            out.append((Form.ADMINISTRATIVE, again))
    return out


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
