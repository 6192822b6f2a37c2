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
     &view=compare&a=region:02000&b=date:2016-05-27&present=1

``a`` is the view's first area: the comparison's first side (``view=compare``), or the area
whose peer groups the ranking shows (``view=ranking&level=province&a=province:10000``; an
area of another level than ``level`` is ignored there, see :func:`peer_subject`). It is kept
across tabs, so the two tabs share it. ``b`` is the comparison's second side.

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
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final
from urllib.parse import quote, unquote_plus, urlencode

from dashboard.coverage.model import Flag, Status
from dashboard.filters import (
    FILTERS,
    POPULATION_BAND_ALIASES,
    POPULATION_BANDS,
    PROVINCES,
    REGIONS,
    population_band_label,
    provinces_of,
)
from dashboard.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    language_of,
    negotiate_language,
    parse_iso_date,
)

__all__ = [  # the filters' constants, re-exported for the modules that read a state
    "POPULATION_BANDS", "POPULATION_BAND_ALIASES", "PROVINCES", "REGIONS",
    "population_band_label", "provinces_of",
]  # fmt: skip

DATASETS: Final[tuple[str, ...]] = ("public", "example", "upload")

#: Drill-down levels of the breakdown, coarse to fine.
LEVELS: Final[tuple[str, ...]] = ("region", "province", "arrondissement", "police_zone")

#: Query parameters in the order :func:`to_query` writes them.
PARAMS: Final[tuple[str, ...]] = (
    "lang", "dataset", "date", *(f.param for f in FILTERS), "level", "commune", "zoom",
    "view", "a", "b", "present",
)  # fmt: skip

#: The analysis tabs (issue 13), the first is the default.
VIEWS: Final[tuple[str, ...]] = ("gaps", "ranking", "compare", "commune")

#: What ``a`` / ``b`` name: an area ("region:02000", "province:10000",
#: "arrondissement:11000", "police_zone:5345") or, for the comparison's second side, a date.
AREA_REF = re.compile(r"^(region|province|arrondissement|police_zone):[0-9]{4,5}$")
DATE_REF = re.compile(r"^date:\d{4}-\d{2}-\d{2}$")

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
    view: str = VIEWS[0]  # the analysis tab shown
    #: The view's first area (AREA_REF, ``a=``): the comparison's first side, or the
    #: ranking's peer subject (when of the breakdown level: :func:`peer_subject`).
    cmp_a: str | None = None
    cmp_b: str | None = None  # the comparison's second side: an area, or a date (DATE_REF)
    present: bool = False  # presentation mode (issue 14): the view as a 16:9 slide

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if self.dataset not in DATASETS:
            raise ValueError(f"unknown dataset {self.dataset!r}")
        if isinstance(self.date, dt.date):
            set_(self, "date", self.date.isoformat())
        if self.date is not None:
            parse_iso_date(self.date)  # ValueError when not ISO
        for f in FILTERS:
            set_(self, f.field, f.canonical(getattr(self, f.field)))
        # Controls that contradict each other are narrowed: provinces follow the regions.
        allowed = provinces_of(self.region)
        set_(self, "province", tuple(p for p in self.province if p in allowed))
        if self.zoom is not None and self.zoom not in ZOOMS:
            raise ValueError(f"unknown map view {self.zoom!r}")
        if self.commune is not None and not _NIS.match(str(self.commune)):
            raise ValueError(f"not a NIS code: {self.commune!r}")
        if self.lang not in LANGUAGES:
            raise ValueError(f"unknown language {self.lang!r}")
        if self.level not in LEVELS:
            raise ValueError(f"unknown level {self.level!r}")
        if self.view not in VIEWS:
            raise ValueError(f"unknown view {self.view!r}")
        if self.cmp_a is not None and not AREA_REF.match(self.cmp_a):
            raise ValueError(f"not an area: {self.cmp_a!r}")
        set_(self, "present", bool(self.present))
        if self.cmp_b is not None and not (
            AREA_REF.match(self.cmp_b) or DATE_REF.match(self.cmp_b)
        ):
            raise ValueError(f"not an area or a date: {self.cmp_b!r}")

    def replace(self, **changes: object) -> ViewState:
        """A copy with ``changes`` applied (validated like the constructor)."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]


DEFAULT_STATE: Final = ViewState()


def area_ref(level: str, code: str) -> str:
    """``"province:10000"``: how ``a`` / ``b`` name area ``code`` of ``level``."""
    ref = f"{level}:{code}"
    if not AREA_REF.match(ref):
        raise ValueError(f"not an area: {ref!r}")
    return ref


def peer_subject(state: ViewState) -> str | None:
    """The area whose peer groups the ranking shows: the code of the view's first area
    (``a``) when it is an area of the breakdown level, else None (an area of another level,
    such as the comparison's, is ignored there)."""
    if state.cmp_a is None:
        return None
    level, _, code = state.cmp_a.partition(":")
    return code if level == state.level else None


def default_state(lang: str = DEFAULT_LANGUAGE) -> ViewState:
    return DEFAULT_STATE.replace(lang=lang)


# ---------------------------------------------------------------------------------- writing


def _query_values(state: ViewState) -> dict[str, str]:
    """Parameter -> value for every field that differs from the default (``lang`` always)."""
    values = {
        "lang": state.lang,
        "dataset": state.dataset,
        "date": state.date or "",
        **{f.param: f.to_param(getattr(state, f.field)) for f in FILTERS},
        "level": state.level,
        "commune": state.commune or "",
        "zoom": state.zoom or "",
        "view": state.view,
        "a": state.cmp_a or "",
        "b": state.cmp_b or "",
        "present": "1" if state.present else "",
    }
    defaults = {
        "dataset": DEFAULT_STATE.dataset, "level": DEFAULT_STATE.level, "view": DEFAULT_STATE.view,
    }  # fmt: skip
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
    return "?" + urlencode(pairs, safe=",:", quote_via=quote)


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

    for f in FILTERS:
        try:
            fields[f.field] = f.from_param(params.get(f.param, []))
        except ValueError:
            bad.add(f.param)

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

    view = (single("view") or "").lower()
    if view:
        if view in VIEWS:
            fields["view"] = view
        else:
            bad.add("view")

    for name, field, pattern in (("a", "cmp_a", None), ("b", "cmp_b", DATE_REF)):
        ref = (single(name) or "").lower()
        if not ref:
            continue
        if AREA_REF.match(ref) or (pattern is not None and pattern.match(ref)):
            fields[field] = ref
        else:
            bad.add(name)

    present = (single("present") or "").lower()
    if present:
        if present in ("1", "true", "yes", "on"):
            fields["present"] = True
        elif present not in ("0", "false", "no", "off"):
            bad.add("present")

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
