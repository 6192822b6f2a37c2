"""User-facing text in French, Dutch, German and English, and locale formats.

Pure Python (Babel, and werkzeug's header parser; no dash / plotly). Every string the
dashboard shows comes from :data:`CATALOGUE` through :func:`t`: the English source
(:mod:`dashboard.i18n.source`) and its gettext translations (``dashboard/locale``, read by
:mod:`dashboard.i18n.catalogue`). Numbers, percentages and dates are formatted by Babel for
the Belgian locale of the language (``fr_BE``, ``nl_BE``, ``de_BE``) or ``en_GB``.

Terminology follows Belgian official usage: CSIL (*cellule de sécurité intégrale locale*),
LIVC (*lokale integrale veiligheidscel*), *lokale integrale Sicherheitszelle*; commune /
gemeente / Gemeinde; zone de police / politiezone / Polizeizone.

Default language: **English**. The default only applies when neither the link (``?lang=``)
nor the browser's ``Accept-Language`` header names one of the four languages, i.e. for a
visitor whose browser asks for none of them. English is then the language such a visitor
is most likely to read, and it does not favour one of Belgium's language communities.
Every Belgian visitor whose browser is set to French, Dutch or German gets that language.

Placeholders are ``str.format`` fields (``{covered}``). :func:`t` formats ``int`` and
``float`` arguments with :func:`format_number` and ``datetime.date`` arguments with
:func:`format_date` in the target language; pass percentages already formatted with
:func:`format_percent`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, Literal

from babel import Locale, negotiate_locale
from babel.dates import format_date as _babel_format_date
from babel.dates import format_skeleton as _babel_format_skeleton
from babel.numbers import format_decimal as _babel_format_decimal
from babel.numbers import format_percent as _babel_format_percent
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from dashboard.coverage.messages import Param, Params
from dashboard.coverage.model import Flag, Status
from dashboard.i18n import catalogue
from dashboard.i18n.catalogue import placeholders
from geodata import belgium

LANGUAGES: Final[tuple[str, ...]] = ("fr", "nl", "de", "en")
DEFAULT_LANGUAGE: Final = "en"  # see the module docstring for why

#: Babel locale per language (Belgian variants; British English for EN).
BABEL_LOCALES: Final[Mapping[str, str]] = MappingProxyType(
    {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_GB"}
)

#: Each language's name in that language, for the language switch (never translated).
LANGUAGE_NAMES: Final[Mapping[str, str]] = MappingProxyType(
    {"fr": "Français", "nl": "Nederlands", "de": "Deutsch", "en": "English"}
)

#: Shown for a missing number (None / NaN).
MISSING: Final = "–"

DateFormat = Literal["long", "medium", "short"]


#: message id -> {language: text}, from the gettext catalogues (dashboard/locale). Read-only.
#: Keys are grouped by prefix: app, control, dataset, pop_band, status, status_def, flag,
#: flag_def, flag_group, region, region_short, province, level, measure, measure_def, kpi,
#: table, breakdown, timeline, legend, hover, upload, field, notice, a11y, provenance, button,
#: value, search; and import.reason / import.suggestion / import.phrase (the importer's).
CATALOGUE, PLURALS = catalogue.build(LANGUAGES)

#: The languages with a catalogue (dashboard/locale/<lang>); English is the source.
TRANSLATED: Final[tuple[str, ...]] = tuple(
    lang for lang in LANGUAGES if lang != catalogue.SOURCE_LANGUAGE
)


# ---------------------------------------------------------------------------------- lookup


def check_language(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {', '.join(LANGUAGES)}")
    return lang


def t(key: str, lang: str, /, **kwargs: Any) -> str:
    """The message ``key`` in ``lang``, formatted with ``kwargs``.

    Raises KeyError for an unknown key (or a missing placeholder argument) and ValueError for
    an unknown language. ``int``/``float`` arguments are formatted with :func:`format_number`
    and dates with :func:`format_date` (long) in ``lang``; strings are inserted as given.
    """
    check_language(lang)
    try:
        text = CATALOGUE[key][lang]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    if key in PLURALS:  # the form for the count, by the language's plural rule
        text = catalogue.plural_text(key, PLURALS[key], int(kwargs["count"]), lang)
    if not kwargs:
        return text
    values = {name: _format_value(value, lang) for name, value in kwargs.items()}
    return text.format(**values)


def _format_value(value: Any, lang: str) -> Any:
    if isinstance(value, bool):
        return t("value.yes" if value else "value.no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return value


def status_label(status: Status | str, lang: str) -> str:
    return t(f"status.{Status(status)}", lang)


def status_definition(status: Status | str, lang: str) -> str:
    return t(f"status_def.{Status(status)}", lang)


def flag_label(flag: Flag | str, lang: str) -> str:
    return t(f"flag.{Flag(flag)}", lang)


def flag_definition(flag: Flag | str, lang: str) -> str:
    return t(f"flag_def.{Flag(flag)}", lang)


#: Geography codes of the published figures (``snapshots.csv``) -> region codes.
GEOGRAPHY_CODES: Final[Mapping[str, str]] = belgium.REGION_OF_GEOGRAPHY


def region_label(code: str, lang: str, *, short: bool = False) -> str:
    """Name of a region: ``02000`` / ``03000`` / ``04000`` / ``DG`` / ``BE``, or the
    published-figure codes ``BE-VLG`` ... ``BE-DG``. ``short`` gives "Flanders" etc."""
    code = GEOGRAPHY_CODES.get(code, code)
    return t(f"{'region_short' if short else 'region'}.{code}", lang)


def province_label(code: str, lang: str) -> str:
    return t(f"province.{code}", lang)


def level_label(level: str, lang: str) -> str:
    return t(f"level.{level}", lang)


def measure_label(measure: str, lang: str) -> str:
    return t(f"measure.{measure}", lang)


def measure_definition(measure: str, lang: str) -> str:
    return t(f"measure_def.{measure}", lang)


def issue_text(issue: Any, lang: str) -> tuple[str, str]:
    """(reason, suggestion) of an importer issue (``ImportIssue``) in ``lang``.

    Rendered from the issue's ``code`` and ``params`` (``import.reason.<code>``,
    ``import.suggestion.<code>``); the issue's own English ``reason`` and ``suggestion``
    when it has no code, the catalogue does not know the code, or a parameter is missing.
    """
    check_language(lang)
    english = (str(issue.reason), str(issue.suggestion))
    code = getattr(issue, "code", "")
    params: Params = getattr(issue, "params", ())
    if not code or f"import.reason.{code}" not in CATALOGUE:
        return english
    try:
        reason = _import_text(f"import.reason.{code}", params, lang)
        key = f"import.suggestion.{code}"
        suggestion = _import_text(key, params, lang) if key in CATALOGUE else english[1]
    except (KeyError, IndexError, ValueError, TypeError):
        return english
    return reason, suggestion


_UNNAMED_COLUMN = re.compile(r"^column ([A-Z]{1,3}|\d+)$")  # the importer's "column B"


def issue_column(issue: Any, lang: str) -> str:
    """The column of an importer issue in ``lang``: its header as written, or for a column
    without one "column B" (workbook letter) / "column 4" (CSV position) translated."""
    column = str(getattr(issue, "column", ""))
    m = _UNNAMED_COLUMN.match(column)
    return t("upload.column_unnamed", lang, column=m.group(1)) if m else column


def _import_text(key: str, params: Params, lang: str) -> str:
    values = {name: _import_param(value, lang) for name, value in params}
    missing = placeholders(CATALOGUE[key][lang]) - set(values)
    if missing:
        raise KeyError(f"{key}: no value for {sorted(missing)}")
    return t(key, lang, **values)


def _import_param(value: Param, lang: str) -> Any:
    if isinstance(value, tuple):  # alternatives: 'a' or 'b' or 'c'
        text = value[0] if value else ""
        for item in value[1:]:
            text = t("import.phrase.or", lang, first=text, second=item)
        return text
    if isinstance(value, str | int):
        return value  # t() formats numbers for the language
    return _import_text(f"import.phrase.{value.code}", value.params, lang)


# ---------------------------------------------------------------------------------- formats


@lru_cache(maxsize=8)
def babel_locale(lang: str) -> Locale:
    return Locale.parse(BABEL_LOCALES[check_language(lang)])


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


@lru_cache(maxsize=16384)
def format_number(n: float | int | None, lang: str) -> str:
    """``12345`` -> "12 345" (fr), "12.345" (nl, de), "12,345" (en); up to 3 decimals."""
    if n is None or _missing(n):
        return MISSING
    return _babel_format_decimal(n, locale=babel_locale(lang))


@lru_cache(maxsize=16384)
def format_percent(x: float | None, lang: str, digits: int = 1) -> str:
    """A fraction as a percentage with ``digits`` decimals: ``0.1234`` -> "12,3 %" (fr)."""
    if x is None or _missing(x):
        return MISSING
    if digits < 0:
        raise ValueError("digits must be >= 0")
    locale = babel_locale(lang)
    base = locale.percent_formats[None].pattern
    decimals = "." + "0" * digits if digits else ""
    pattern = re.sub(r"0(\.0*)?", "0" + decimals, base, count=1)
    return _babel_format_percent(x, pattern, locale=locale)


_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

_MONTH_SKELETONS: Final[Mapping[str, str]] = MappingProxyType(
    {"long": "yMMMM", "medium": "yMMM", "short": "yMM"}
)


def parse_iso_date(value: str) -> tuple[dt.date, str]:
    """``"2019-06-15"`` / ``"2017-06"`` / ``"2019"`` -> (first day, precision "day" / "month"
    / "year"). ValueError for anything else."""
    match = _ISO_DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError(f"not an ISO date: {value!r}")
    year, month, day = match.groups()
    date = dt.date(int(year), int(month or 1), int(day or 1))
    precision = "day" if day else "month" if month else "year"
    return date, precision


@lru_cache(maxsize=4096)
def format_date(d: dt.date | str, lang: str, fmt: DateFormat = "long") -> str:
    """A date in the locale's ``long`` / ``medium`` / ``short`` form.

    ISO strings of reduced precision keep their precision: ``"2017-06"`` -> "juin 2017"
    (fr, long), ``"2019"`` -> "2019".
    """
    if fmt not in _MONTH_SKELETONS:
        raise ValueError(f"unknown date format {fmt!r}")
    locale = babel_locale(lang)
    if isinstance(d, dt.datetime):
        d = d.date()
    if isinstance(d, str):
        d, precision = parse_iso_date(d)
    else:
        precision = "day"
    if precision == "year":
        return _babel_format_skeleton("y", d, locale=locale)
    if precision == "month":
        return _babel_format_skeleton(_MONTH_SKELETONS[fmt], d, locale=locale)
    text = _babel_format_date(d, format=fmt, locale=locale)
    if lang == "fr" and d.day == 1 and fmt != "short":
        text = re.sub(r"^1 ", "1er ", text)  # French writes the first of the month "1er"
    return text


def format_population(n: int | float | None, lang: str, *, unit: bool = True) -> str:
    """A population count, rounded to a whole number: "12 345 habitants" (fr);
    ``unit=False`` gives the number alone."""
    if _missing(n):
        return MISSING
    number = format_number(round(n), lang)  # type: ignore[arg-type]
    return t("value.inhabitants", lang, n=number) if unit else number


# ---------------------------------------------------------------------------------- negotiation


def language_of(tag: str) -> str | None:
    """The offered language a tag names ("nl", "NL", "nl-BE", "nl_BE" -> "nl"), or None."""
    primary = re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else None


def parse_accept_language(header: str | None) -> list[str]:
    """Languages of an ``Accept-Language`` header we offer, best first: werkzeug parses the
    header (q order, then header order; ``q=0`` and unparseable entries dropped) and Babel
    matches each tag to an offered language (``nl-BE`` -> ``nl``)."""
    if not header or not isinstance(header, str):
        return []
    accept = parse_accept_header(header[:1000], LanguageAccept)
    seen: list[str] = []
    for tag, quality in accept:
        if quality <= 0:
            continue
        match = negotiate_locale([tag.replace("_", "-")], LANGUAGES, sep="-", aliases={})
        if match and match.lower() not in seen:
            seen.append(match.lower())
    return seen


def negotiate_language(url_lang: str | None, accept_language_header: str | None) -> str:
    """The page language: the link's ``lang`` if offered (``nl``, ``NL``, ``nl-BE``), else
    the best offered language of the browser's ``Accept-Language``, else the default."""
    if isinstance(url_lang, str):
        lang = language_of(url_lang)
        if lang:
            return lang
    preferred = parse_accept_language(accept_language_header)
    return preferred[0] if preferred else DEFAULT_LANGUAGE
