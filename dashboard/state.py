"""The state of a view, as it lives in the URL query string.

Pure Python (no dash / plotly). A :class:`ViewState` is everything a share link restores:
dataset, date, filters, drill-down level, selected commune and language.
:func:`to_query` writes it; :func:`from_query` reads it back and never raises: every bad
parameter falls back to its default and adds a notice key (an :mod:`dashboard.i18n`
message id naming that parameter), and a link that cannot be decoded at all gives the
default view with ``notice.link.malformed``.

Query format (stable order, only non-default values, lists comma-separated)::

    ?lang=nl&dataset=example&date=2019-06-15&region=02000,03000&province=10000
     &status=own_cell,shared_cell&flag=pilot_2016&pop=5-10k&level=province&commune=11002

``lang`` is always written, even when it is the default: without it the receiver's browser
language would win (see :func:`dashboard.i18n.negotiate_language`), and a link must restore
the view exactly. When a link has no (valid) ``lang``, :func:`from_query` negotiates the
language from the ``Accept-Language`` header it is given.

An uploaded file belongs to one browser session, so ``dataset=upload`` is only honoured
where the caller says the session holds an upload (``upload_available=True``); otherwise the
public record is shown with ``notice.link.upload``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final
from urllib.parse import quote, unquote_plus, urlencode

from dashboard.coverage.model import Flag, Status
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    GEOGRAPHY_CODES,
    LANGUAGES,
    format_number,
    language_of,
    negotiate_language,
    parse_iso_date,
    t,
)

DATASETS: Final[tuple[str, ...]] = ("public", "example", "upload")

#: Region filter codes: the three regions and the German-speaking Community ("DG"), which
#: published figures report apart from Wallonia.
REGIONS: Final[tuple[str, ...]] = ("02000", "03000", "04000", "DG")

#: Province NIS code -> region code (stable across the 1977, 2019 and 2025 divisions).
#: Brussels-Capital has no province.
PROVINCES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "10000": "02000",  # Antwerpen
        "20001": "02000",  # Vlaams-Brabant
        "20002": "03000",  # Brabant wallon
        "30000": "02000",  # West-Vlaanderen
        "40000": "02000",  # Oost-Vlaanderen
        "50000": "03000",  # Hainaut
        "60000": "03000",  # Liège
        "70000": "02000",  # Limburg
        "80000": "03000",  # Luxembourg
        "90000": "03000",  # Namur
    }
)


def provinces_of(regions: Iterable[str]) -> frozenset[str]:
    """The provinces a region filter leaves open (all without one; the German-speaking
    Community lies in Liège; Brussels-Capital has none)."""
    regions = set(regions)
    if not regions:
        return frozenset(PROVINCES)
    out = {p for p, r in PROVINCES.items() if r in regions}
    if "DG" in regions:
        out.add("60000")
    return frozenset(out)


#: Drill-down levels of the breakdown, coarse to fine.
LEVELS: Final[tuple[str, ...]] = ("region", "province", "arrondissement", "police_zone")

#: Population band -> (lower bound inclusive, upper bound exclusive or None).
POPULATION_BANDS: Final[Mapping[str, tuple[int, int | None]]] = MappingProxyType(
    {
        "all": (0, None),
        "0-5k": (0, 5_000),
        "5-10k": (5_000, 10_000),
        "10-20k": (10_000, 20_000),
        "20-50k": (20_000, 50_000),
        "50k-plus": (50_000, None),
    }
)

#: Other spellings accepted in links (written by hand); never written by :func:`to_query`.
POPULATION_BAND_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {"<5k": "0-5k", "lt5k": "0-5k", ">50k": "50k-plus", "50k+": "50k-plus", "50k": "50k-plus"}
)

#: Query parameters in the order :func:`to_query` writes them.
PARAMS: Final[tuple[str, ...]] = (
    "lang", "dataset", "date", "region", "province", "status", "flag", "pop", "level", "commune",
    "zoom",
)  # fmt: skip

#: Map views a link can name besides a commune (which zooms to that commune).
ZOOMS: Final[tuple[str, ...]] = ("brussels",)

#: Longer query strings are not read at all (default view with a notice).
MAX_QUERY_LENGTH: Final = 4096

MALFORMED: Final = "notice.link.malformed"
UNKNOWN_PARAMETER: Final = "notice.link.unknown_parameter"
UPLOAD_NOT_SHARED: Final = "notice.link.upload"

#: Parameter -> the notice key given when its value is bad.
PARAM_NOTICES: Final[Mapping[str, str]] = MappingProxyType(
    {param: f"notice.link.{param}" for param in PARAMS}
)

_NIS = re.compile(r"^\d{5}$")


def _ordered(values: Iterable[str], order: Iterable[str], what: str) -> tuple[str, ...]:
    allowed = list(order)
    chosen = set()
    for value in values:
        if value not in allowed:
            raise ValueError(f"unknown {what} {value!r}")
        chosen.add(value)
    return tuple(v for v in allowed if v in chosen)


@dataclass(frozen=True)
class ViewState:
    """One view of the dashboard. Always valid: the constructor checks every field and
    puts the filter tuples in canonical order (deduplicated), so equal views compare equal.

    Empty filter tuples mean "all"; ``date=None`` means the dataset's latest date;
    ``commune=None`` means no commune selected.
    """

    dataset: str = "public"
    date: str | None = None
    region: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    status: tuple[Status, ...] = ()
    flag: tuple[Flag, ...] = ()
    pop_band: str = "all"
    commune: str | None = None
    zoom: str | None = None  # "brussels": the map zoomed to the 19 communes
    lang: str = DEFAULT_LANGUAGE
    level: str = "region"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if self.dataset not in DATASETS:
            raise ValueError(f"unknown dataset {self.dataset!r}")
        if isinstance(self.date, dt.date):
            set_(self, "date", self.date.isoformat())
        if self.date is not None:
            parse_iso_date(self.date)  # ValueError when not ISO
        set_(self, "region", _ordered(self.region, REGIONS, "region"))
        province = _ordered(self.province, sorted(PROVINCES), "province")
        # Controls that contradict each other are narrowed: provinces follow the regions.
        allowed = provinces_of(self.region)
        set_(self, "province", tuple(p for p in province if p in allowed))
        statuses = _ordered((str(s) for s in self.status), (s.value for s in Status), "status")
        set_(self, "status", tuple(Status(s) for s in statuses))
        flags = _ordered((str(f) for f in self.flag), (f.value for f in Flag), "flag")
        set_(self, "flag", tuple(Flag(f) for f in flags))
        if self.pop_band not in POPULATION_BANDS:
            raise ValueError(f"unknown population band {self.pop_band!r}")
        if self.zoom is not None and self.zoom not in ZOOMS:
            raise ValueError(f"unknown map view {self.zoom!r}")
        if self.commune is not None and not _NIS.match(str(self.commune)):
            raise ValueError(f"not a NIS code: {self.commune!r}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}")
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")

    def replace(self, **changes: object) -> ViewState:
        """A copy with ``changes`` applied (validated like the constructor)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_STATE: Final = ViewState()


def default_state(lang: str = DEFAULT_LANGUAGE) -> ViewState:
    return DEFAULT_STATE.replace(lang=lang)


# ---------------------------------------------------------------------------------- writing


def _query_values(state: ViewState) -> dict[str, str]:
    """Parameter -> value for every field that differs from the default (``lang`` always)."""
    values = {
        "lang": state.lang,
        "dataset": state.dataset,
        "date": state.date or "",
        "region": ",".join(state.region),
        "province": ",".join(state.province),
        "status": ",".join(s.value for s in state.status),
        "flag": ",".join(f.value for f in state.flag),
        "pop": state.pop_band,
        "level": state.level,
        "commune": state.commune or "",
        "zoom": state.zoom or "",
    }
    defaults = {
        "dataset": DEFAULT_STATE.dataset,
        "pop": DEFAULT_STATE.pop_band,
        "level": DEFAULT_STATE.level,
    }
    return {
        name: value
        for name, value in values.items()
        if name == "lang" or (value and value != defaults.get(name))
    }


def to_query(state: ViewState) -> str:
    """``"?lang=nl&date=2019-06-15&region=03000"``: non-default values in :data:`PARAMS`
    order, lists comma-separated, URL-encoded."""
    values = _query_values(state)
    pairs = [(name, values[name]) for name in PARAMS if name in values]
    return "?" + urlencode(pairs, safe=",", quote_via=quote)


# ---------------------------------------------------------------------------------- reading


class _Malformed(Exception):
    pass


def _split_query(search: str) -> dict[str, list[str]]:
    """Parameter name (lower case) -> decoded values, in order. Pieces without ``=`` are
    kept under the name ``""`` (unknown). Raises _Malformed when undecodable."""
    query = search.strip()
    if query.startswith("?"):
        query = query[1:]
    if len(query) > MAX_QUERY_LENGTH:
        raise _Malformed
    found: dict[str, list[str]] = {}
    for piece in query.split("&"):
        if not piece:
            continue
        name, sep, value = piece.partition("=")
        try:
            name = unquote_plus(name, errors="strict").strip().lower()
            value = unquote_plus(value, errors="strict").strip()
        except UnicodeDecodeError as exc:
            raise _Malformed from exc
        found.setdefault(name if sep else "", []).append(value)
    return found


def _single(values: list[str]) -> str | None:
    """The one value of a single-valued parameter; None when it was given twice differently."""
    distinct = set(values)
    return values[0] if len(distinct) == 1 else None


def _many(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _dates_for(
    valid_dates: Collection[str] | Mapping[str, Collection[str]] | None, dataset: str
) -> Collection[str] | None:
    if valid_dates is None:
        return None
    if isinstance(valid_dates, Mapping):
        return valid_dates.get(dataset, ())
    return valid_dates


def _parse_date(value: str, valid: Collection[str] | None) -> str | None:
    try:
        parse_iso_date(value)
    except ValueError:
        return None
    if valid is not None and value not in valid:
        return None
    return value


def _parse_region(value: str) -> str:
    code = value.upper()
    return GEOGRAPHY_CODES.get(code, code)


def from_query(
    search: str | None,
    *,
    valid_dates: Collection[str] | Mapping[str, Collection[str]] | None,
    valid_communes: Collection[str] | None = None,
    accept_language: str | None = None,
    upload_available: bool = False,
) -> tuple[ViewState, list[str]]:
    """Read a view from a URL query string (``dcc.Location.search``; ``?`` optional).

    ``valid_dates``: the dates that have data, as ISO strings (reduced precision such as
    ``"2017-06"`` allowed), either one collection or one per dataset
    (``{"public": [...], "example": [...]}``); None accepts any well-formed ISO date.
    ``valid_communes``: NIS codes that may be selected; None accepts any 5-digit code.
    ``accept_language``: the browser's header, used when the link has no valid ``lang``.
    ``upload_available``: whether this session holds an uploaded file.

    Returns the state and the notice keys (i18n message ids): one per bad parameter in
    :data:`PARAMS` order (:data:`PARAM_NOTICES`), then ``notice.link.upload`` when the link
    names an upload this session does not hold, then ``notice.link.unknown_parameter`` if
    any parameter was not recognised; or only ``notice.link.malformed`` when the link cannot
    be decoded (default view). An empty value (``region=``) means the default, silently.
    Never raises.
    """
    try:
        return _from_query(
            search,
            valid_dates=valid_dates,
            valid_communes=valid_communes,
            accept_language=accept_language,
            upload_available=upload_available,
        )
    except Exception:  # a link must never break the page
        return default_state(_safe_language(accept_language)), [MALFORMED]


def _safe_language(accept_language: str | None) -> str:
    try:
        return negotiate_language(None, accept_language)
    except Exception:
        return DEFAULT_LANGUAGE


def _from_query(
    search: str | None,
    *,
    valid_dates: Collection[str] | Mapping[str, Collection[str]] | None,
    valid_communes: Collection[str] | None,
    accept_language: str | None,
    upload_available: bool,
) -> tuple[ViewState, list[str]]:
    if search is None:
        return default_state(_safe_language(accept_language)), []
    if not isinstance(search, str):
        return default_state(_safe_language(accept_language)), [MALFORMED]
    try:
        params = _split_query(search)
    except _Malformed:
        return default_state(_safe_language(accept_language)), [MALFORMED]

    bad: set[str] = set()
    fields: dict[str, object] = {}
    unknown = any(name not in PARAMS for name in params)

    def single(name: str) -> str | None:
        """The given value ("" when absent or empty); None (and a notice) when repeated
        with different values."""
        values = params.get(name)
        if not values:
            return ""
        value = _single(values)
        if value is None:
            bad.add(name)
        return value

    # lang: the link wins, then the browser, then the default
    lang = single("lang")
    url_lang = language_of(lang) if lang else None
    if lang and url_lang is None:
        bad.add("lang")
    fields["lang"] = url_lang or _safe_language(accept_language)

    dataset = (single("dataset") or "").lower()
    extra: list[str] = []
    if dataset:
        if dataset not in DATASETS:
            bad.add("dataset")
            dataset = DEFAULT_STATE.dataset
        elif dataset == "upload" and not upload_available:
            extra.append(UPLOAD_NOT_SHARED)
            dataset = DEFAULT_STATE.dataset
        fields["dataset"] = dataset
    dataset = dataset or DEFAULT_STATE.dataset

    date = single("date")
    if date:
        parsed = _parse_date(date, _dates_for(valid_dates, dataset))
        if parsed is None:
            bad.add("date")
        fields["date"] = parsed

    choices: dict[str, tuple[Collection[str], object]] = {
        "region": (REGIONS, _parse_region),
        "province": (PROVINCES, str),
        "status": ({s.value for s in Status}, str.lower),
        "flag": ({f.value for f in Flag}, str.lower),
    }
    for name, (allowed, normalise) in choices.items():
        values = [normalise(v) for v in _many(params.get(name, []))]  # type: ignore[operator]
        if all(v in allowed for v in values):
            fields[name] = tuple(values)
        else:
            bad.add(name)

    pop = (single("pop") or "").lower()
    if pop:
        pop = POPULATION_BAND_ALIASES.get(pop, pop)
        if pop in POPULATION_BANDS:
            fields["pop_band"] = pop
        else:
            bad.add("pop")

    level = (single("level") or "").lower()
    if level:
        if level in LEVELS:
            fields["level"] = level
        else:
            bad.add("level")

    commune = single("commune")
    if commune:
        if _NIS.match(commune) and (valid_communes is None or commune in valid_communes):
            fields["commune"] = commune
        else:
            bad.add("commune")

    zoom = (single("zoom") or "").lower()
    if zoom:
        if zoom in ZOOMS:
            fields["zoom"] = zoom
        else:
            bad.add("zoom")

    state = DEFAULT_STATE.replace(**fields)
    notices = [PARAM_NOTICES[name] for name in PARAMS if name in bad]
    notices.extend(extra)
    if unknown:
        notices.append(UNKNOWN_PARAMETER)
    return state, notices


# ---------------------------------------------------------------------------------- population


def population_band_of(population: int | float) -> str:
    """The band (other than ``all``) a population falls in."""
    for band, (low, high) in POPULATION_BANDS.items():
        if band != "all" and population >= low and (high is None or population < high):
            return band
    raise ValueError(f"no population band for {population!r}")


def in_population_band(population: int | float, band: str) -> bool:
    low, high = POPULATION_BANDS[band]
    return population >= low and (high is None or population < high)


def population_band_label(band: str, lang: str) -> str:
    """ "5 000 à 10 000 habitants" (fr) etc., numbers in the locale's format."""
    low, high = POPULATION_BANDS[band]
    if band == "all":
        return t("pop_band.all", lang)
    if high is None:
        return t("pop_band.over", lang, low=format_number(low, lang))
    if low == 0:
        return t("pop_band.under", lang, high=format_number(high, lang))
    return t("pop_band.between", lang, low=format_number(low, lang), high=format_number(high, lang))
