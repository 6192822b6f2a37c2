"""Words officials type in membership files: column headers and status values.

Headers and statuses are accepted in French, Dutch, German and English. Every word is
compared after :func:`normalise_word` (case, accents, hyphens, underscores, dots and
repeated spaces do not matter). Anything not listed here is an error with a suggestion,
never a silent guess.

Decisions (documented in ``data/membership_schema.md``):

- "intercommunale", "zone de police", "politiezone"... mean ``shared_cell``.
- "oui", "ja", "yes", "x", "covered"... mean *covered*: the commune has a cell. Whether
  it is ``own_cell`` or ``shared_cell`` then follows from the ``cell`` column (a cell
  listed on two or more rows is shared; otherwise own).
- An empty status is an error: write "unknown" / "inconnu" / "onbekend" / "unbekannt".
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from dashboard.coverage.model import Status

# ----------------------------------------------------------------------------- fields

NIS: Final = "nis"
COMMUNE: Final = "commune"
STATUS: Final = "status"
CELL: Final = "cell"
AS_OF: Final = "as_of"
SOURCE: Final = "source"
COMMENT: Final = "comment"
IGNORE: Final = "ignore"

#: Fields a membership file can carry.
FIELDS: Final[tuple[str, ...]] = (NIS, COMMUNE, STATUS, CELL, AS_OF, SOURCE, COMMENT)

#: The template's header, one word per field (``source`` is optional and not in it).
TEMPLATE_HEADERS: Final[dict[str, str]] = {
    NIS: "nis_code", COMMUNE: "commune", STATUS: "status", CELL: "cell", AS_OF: "as_of",
    COMMENT: "source_comment", SOURCE: "source",
}  # fmt: skip

#: Targets accepted in an explicit column map (``--map "Header=field"``).
MAP_TARGETS: Final[tuple[str, ...]] = (*FIELDS, IGNORE)

#: Header words per field. Keys are the canonical field names.
HEADER_WORDS: Final[dict[str, tuple[str, ...]]] = {
    NIS: (
        "nis", "nis code", "niscode", "code nis", "code ins", "ins", "ins code", "code ins commune",
        "refnis", "refnis code", "code refnis", "nis nummer", "nis nr", "gemeentecode",
        "code commune", "code de la commune", "kennziffer", "gemeindekennziffer", "gemeindecode",
        "municipality code", "commune code", "code",
    ),
    COMMUNE: (
        "commune", "communes", "nom", "nom commune", "nom de la commune", "gemeente",
        "gemeenten", "gemeentenaam", "naam", "naam gemeente", "gemeinde", "gemeindename",
        "name", "name der gemeinde", "municipality", "municipality name", "commune name",
        "localite", "stad", "ville", "stadt",
    ),
    STATUS: (
        "status", "statut", "etat", "situation", "statut csil", "status livc", "status csil",
        "csil", "livc", "csil r", "livc r", "kbs", "lokale integrale veiligheidscel",
        "cellule de securite integrale locale", "stand", "zustand",
    ),
    CELL: (
        "cell", "cell name", "cell id", "cellule", "nom de la cellule", "cellule csil",
        "cel", "naam cel", "naam van de cel", "cel livc", "livc naam", "zelle", "zellenname",
        "name der zelle",
    ),
    AS_OF: (
        "as of", "as of date", "date", "reference date", "date de reference", "a la date du",
        "datum", "peildatum", "referentiedatum", "stichtag", "stand am",
    ),
    SOURCE: ("source", "sources", "bron", "bronnen", "quelle", "quellen"),
    COMMENT: (
        "source comment", "source and comment", "source et commentaire", "bron en opmerking",
        "quelle und kommentar", "comment", "comments", "commentaire", "commentaires", "remarque",
        "remarques",
        "note", "notes", "opmerking", "opmerkingen", "kommentar", "bemerkung", "bemerkungen",
        "anmerkung",
    ),
}  # fmt: skip

# ----------------------------------------------------------------------------- statuses

#: A "yes" word: covered, own or shared decided by the cell column.
COVERED: Final = "covered"

STATUS_WORDS: Final[dict[str, tuple[str, ...]]] = {
    Status.OWN_CELL: (
        "own cell", "own", "own_cell", "single commune cell",
        "cellule propre", "propre cellule", "cellule communale", "propre",
        "eigen cel", "eigen", "eigen livc", "gemeentelijke cel",
        "eigene zelle", "eigene", "gemeindezelle",
    ),
    Status.SHARED_CELL: (
        "shared cell", "shared", "shared_cell", "intermunicipal", "intermunicipal cell",
        "police zone", "police zone cell",
        "cellule partagee", "partagee", "cellule commune", "intercommunale",
        "cellule intercommunale", "zone de police", "cellule de zone", "zonale",
        "gedeelde cel", "gedeeld", "intergemeentelijk", "intergemeentelijke cel",
        "politiezone", "zonale cel",
        "gemeinsame zelle", "geteilte zelle", "geteilt", "interkommunal",
        "interkommunale zelle", "polizeizone",
    ),
    Status.PLANNED: (
        "planned", "in preparation", "being set up",
        "en projet", "projet", "prevue", "prevu", "en preparation", "en cours",
        "en cours de creation",
        "gepland", "in voorbereiding", "in oprichting",
        "geplant", "in vorbereitung", "in planung",
    ),
    Status.NONE: (
        "none", "no", "no cell", "not covered",
        "pas de cellule", "aucune", "aucune cellule", "non", "sans", "sans cellule",
        "geen", "geen cel", "nee", "neen", "zonder", "zonder cel",
        "keine", "keine zelle", "nein", "ohne", "ohne zelle",
        "0", "false", "faux", "onwaar", "falsch",
    ),
    Status.UNKNOWN: (
        "unknown", "not known", "?",
        "inconnu", "inconnue", "pas connu", "onbekend", "niet gekend", "ongekend",
        "unbekannt", "nicht bekannt",
    ),
    COVERED: (
        "yes", "y", "x", "covered", "has a cell", "oui", "couvert", "couverte",
        "ja", "gedekt", "abgedeckt", "1", "true", "vrai", "waar", "wahr",
    ),
}  # fmt: skip

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./'\u2019`]+")


def normalise_word(text: str) -> str:
    """Lower case, no accents, separators collapsed to one space, trimmed."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", plain.casefold()).strip()


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    index: dict[str, str] = {}
    for target, words in table.items():
        for word in (target, *words):
            key = normalise_word(word)
            if index.setdefault(key, str(target)) != str(target):
                raise ValueError(f"vocabulary word {word!r} means two things")
    return index


HEADER_INDEX: Final[dict[str, str]] = _index(HEADER_WORDS)
STATUS_INDEX: Final[dict[str, str]] = _index(STATUS_WORDS)


def header_field(header: str) -> str | None:
    """The template field a header names, or None."""
    return HEADER_INDEX.get(normalise_word(header))


def status_word(value: str) -> str | None:
    """``Status`` value, ``"covered"`` (own or shared, from the cell), or None."""
    return STATUS_INDEX.get(normalise_word(value))


def suggest(value: str, index: dict[str, str], limit: int = 3) -> list[str]:
    """The closest known words to ``value`` (rapidfuzz), best first."""
    from rapidfuzz import fuzz, process

    key = normalise_word(value)
    if not key:
        return []
    found = process.extract(key, list(index), scorer=fuzz.WRatio, limit=limit, score_cutoff=60)
    return [word for word, _score, _i in found]


def map_target(word: str) -> str | None:
    """The field an explicit column map names: a field name (``status``, ``as_of``,
    ``ignore``) or any header word of the vocabulary (``statut``, ``NIS-code``)."""
    key = normalise_word(word)
    for target in MAP_TARGETS:
        if normalise_word(target) == key:
            return target
    if key in {"skip", "ignorer", "negeren", "ignorieren"}:
        return IGNORE
    return header_field(word)
