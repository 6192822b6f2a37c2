"""Belgium's regions, community and provinces as codes, and the one rule for a commune's name.

The only place where a region code (NIS ``02000`` / ``03000`` / ``04000``), a published-geography
code (``BE-VLG`` ...), the German-speaking Community's code or a province code is spelled,
and where the rule for the name a commune is shown under lives (:func:`display_name`).
Everything else imports them from here (``tests/geodata/test_belgium.py`` scans the code).

Codes are Statbel's REFNIS codes, stable across the 1977, 2019 and 2025 divisions: a
commune's code gives its arrondissement (first two digits), province (first digit; Flemish
and Walloon Brabant by the first two, Brussels ``21`` in none) and region
(:func:`arrondissement_of`, :func:`province_of`, :func:`region_of`). Names of regions and
provinces are messages (``region.<code>``, ``province.<code>`` in the catalogues), not data.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

# ----------------------------------------------------------------------------- regions

FLANDERS: Final = "02000"
WALLONIA: Final = "03000"
BRUSSELS: Final = "04000"
#: The three regions (NIS codes).
REGIONS: Final[tuple[str, ...]] = (FLANDERS, WALLONIA, BRUSSELS)
#: The German-speaking Community: nine communes of Wallonia (province of Liège), which
#: published figures report apart from Wallonia.
GERMAN_SPEAKING: Final = "DG"

BELGIUM: Final = "BE"
#: Region (or the German-speaking Community) -> the code of the published figures' geography.
GEOGRAPHY_OF_REGION: Final[Mapping[str, str]] = MappingProxyType(
    {FLANDERS: "BE-VLG", WALLONIA: "BE-WAL", BRUSSELS: "BE-BRU", GERMAN_SPEAKING: "BE-DG"}
)
#: Published geography -> region code (``BE`` -> ``BE``).
REGION_OF_GEOGRAPHY: Final[Mapping[str, str]] = MappingProxyType(
    {BELGIUM: BELGIUM, **{geo: region for region, geo in GEOGRAPHY_OF_REGION.items()}}
)
#: The published geographies, in the order of the published tables.
GEOGRAPHIES: Final[tuple[str, ...]] = (
    BELGIUM, *(GEOGRAPHY_OF_REGION[r] for r in (FLANDERS, WALLONIA, BRUSSELS, GERMAN_SPEAKING))
)  # fmt: skip
#: The published geographies in reading order: Belgium, then the regions, the German-speaking
#: Community beside Wallonia, which contains it.
GEOGRAPHY_ORDER: Final[tuple[str, ...]] = (
    BELGIUM, *(GEOGRAPHY_OF_REGION[r] for r in (FLANDERS, WALLONIA, GERMAN_SPEAKING, BRUSSELS))
)  # fmt: skip
FLANDERS_GEOGRAPHY: Final = GEOGRAPHY_OF_REGION[FLANDERS]
WALLONIA_GEOGRAPHY: Final = GEOGRAPHY_OF_REGION[WALLONIA]
BRUSSELS_GEOGRAPHY: Final = GEOGRAPHY_OF_REGION[BRUSSELS]
GERMAN_SPEAKING_GEOGRAPHY: Final = GEOGRAPHY_OF_REGION[GERMAN_SPEAKING]

# ----------------------------------------------------------------------------- provinces

FLEMISH_BRABANT: Final = "20001"
WALLOON_BRABANT: Final = "20002"
#: Province NIS code -> region code (stable across the divisions). Brussels has no province.
PROVINCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "10000": FLANDERS,  # Antwerpen
        FLEMISH_BRABANT: FLANDERS,  # Vlaams-Brabant
        WALLOON_BRABANT: WALLONIA,  # Brabant wallon
        "30000": FLANDERS,  # West-Vlaanderen
        "40000": FLANDERS,  # Oost-Vlaanderen
        "50000": WALLONIA,  # Hainaut
        "60000": WALLONIA,  # Liège
        "70000": FLANDERS,  # Limburg
        "80000": WALLONIA,  # Luxembourg
        "90000": WALLONIA,  # Namur
    }
)
#: The province of the German-speaking Community's communes.
GERMAN_SPEAKING_PROVINCE: Final = "60000"


def provinces_of(regions: Iterable[str]) -> frozenset[str]:
    """The provinces a region filter leaves open (all without one; the German-speaking
    Community lies in Liège; Brussels-Capital has none)."""
    regions = set(regions)
    if not regions:
        return frozenset(PROVINCES)
    out = {p for p, r in PROVINCES.items() if r in regions}
    if GERMAN_SPEAKING in regions:
        out.add(GERMAN_SPEAKING_PROVINCE)
    return frozenset(out)


def arrondissement_of(code: str) -> str:
    """The arrondissement of a commune NIS code: its first two digits + "000"."""
    return code[:2] + "000"


def province_of(code: str) -> str:
    """The province of a commune NIS code, from its prefix.

    First digit + "0000", except the former province of Brabant: 23/24 -> 20001 (Vlaams-Brabant),
    25 -> 20002 (Brabant wallon), and 21 (Brussels-Capital, in no province) -> "".
    """
    prefix = code[:2]
    if prefix == "21":
        return ""
    if prefix in ("23", "24"):
        return FLEMISH_BRABANT
    if prefix == "25":
        return WALLOON_BRABANT
    if code[0] in "13456789":
        return code[0] + "0000"
    raise ValueError(f"NIS code {code!r}: no province for prefix {prefix}")


def region_of(code: str) -> str:
    """The region of a commune NIS code, from its prefix: 02000 Flanders, 03000 Wallonia,
    04000 Brussels-Capital."""
    prefix = code[:2]
    if not prefix.isdigit():
        raise ValueError(f"NIS code {code!r}: no region for prefix {prefix!r}")
    if prefix == "21":
        return BRUSSELS
    if prefix in ("23", "24") or code[0] in "1347":
        return FLANDERS
    if prefix == "25" or code[0] in "5689":
        return WALLONIA
    raise ValueError(f"NIS code {code!r}: no region for prefix {prefix}")


#: The language of each region's own names (Brussels: French and Dutch, both).
REGION_LANGUAGE: Final[Mapping[str, str]] = MappingProxyType(
    {FLANDERS: "nl", WALLONIA: "fr", BRUSSELS: "fr"}
)

# ----------------------------------------------------------------------------- names


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _true(value: Any) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


#: Between the French and the Dutch name of a Brussels commune ("Bruxelles / Brussel").
BILINGUAL_SEPARATOR: Final = " / "


def one_spelling(name: str) -> str:
    """One spelling of a displayed name: the first of a Brussels commune's two names."""
    return name.split(BILINGUAL_SEPARATOR)[0]


def local_name(row: Mapping[str, Any]) -> str:
    """A commune's name in its own region's language: Dutch in Flanders, French in
    Wallonia, German in the German-speaking Community, "French / Dutch" in Brussels (one
    name when both are the same); another language's name where that one is missing.

    ``row``: ``name_fr``, ``name_nl``, ``name_de`` and ``region`` and ``german_speaking``
    (a communes-frame row, a dict or a ``pandas.Series``); without ``region``, the region
    is read from the ``nis`` code."""
    fr, nl, de = (_text(row.get(f"name_{lang}")) for lang in ("fr", "nl", "de"))
    region = _text(row.get("region")) or region_of(_text(row.get("nis")))
    if region == BRUSSELS:
        return f"{fr}{BILINGUAL_SEPARATOR}{nl}" if fr and nl and fr != nl else fr or nl
    if region == FLANDERS:
        return nl or fr or de
    if _true(row.get("german_speaking")):
        return de or fr or nl
    return fr or nl or de


#: The fields of a commune that :func:`display_name` and :func:`local_name` read.
NAME_FIELDS = ("nis", "name_fr", "name_nl", "name_de", "region", "german_speaking")


def name_row(commune: object) -> dict[str, Any]:
    """The :data:`NAME_FIELDS` of an object that has them as attributes (a search hit, a
    profile), as the mapping :func:`display_name` reads."""
    return {name: getattr(commune, name) for name in NAME_FIELDS}


def display_name(row: Mapping[str, Any], lang: str) -> str:
    """The name a commune is shown under in ``lang`` (``fr``, ``nl``, ``de``; ``en`` and
    any other language have no names of their own and get :func:`local_name`). A missing
    name in ``lang`` falls back to the local name. Used by the map, the tables, the import
    report and the exports."""
    local = local_name(row)
    if lang not in ("fr", "nl", "de"):
        return local
    return _text(row.get(f"name_{lang}")) or local
