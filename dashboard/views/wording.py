"""Sentences shared by the panels: a figure's source and date, shares, denominators, the German-
speaking communes."""

from __future__ import annotations

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.coverage.known import (
    COMMUNE_COUNT_MEASURES,
    KnownFigure,
    figure_for,
    is_later,
)
from dashboard.views.area import area_name
from dashboard.views.data import Shown
from geodata.belgium import (
    BRUSSELS_GEOGRAPHY,
    FLANDERS_GEOGRAPHY,
    WALLONIA_GEOGRAPHY,
)


def figure_source(f: KnownFigure, lang: str) -> str:
    """ "S01, 15 June 2019" (with the publication date when it differs)."""
    text = f"{f.source_id}, {i18n.format_date(f.as_of, lang)}"
    if f.published and f.published != f.as_of:
        text += ", " + i18n.t("fig.published_on", lang, date=i18n.format_date(f.published, lang))
    return text


def figure_provenance(f: KnownFigure, selected: str, lang: str) -> str:
    """Published for the selected date, or the latest known before it; source and date."""
    if f.current:
        return i18n.t("fig.published_for_date", lang, source=figure_source(f, lang))
    return i18n.t("fig.latest_known", lang, source=figure_source(f, lang),
                  selected=i18n.format_date(selected, lang))  # fmt: skip


def denominator_text(f: KnownFigure, index: int, lang: str) -> str:
    d = f.denominators[index]
    params = {"value": d.value, "area": area_name(f.geography, lang)}
    if d.basis == "stated":
        return i18n.t("den.stated", lang, source=d.source_id, **params)
    if d.basis == "division":
        return i18n.t("den.division", lang, period=division_period(d.vintage), **params)
    return i18n.t(f"den.{d.basis}", lang, **params)


def division_period(vintage: str) -> str:
    """ "2019–2024", "1977–2018", "2025–" """
    v = geodata.get_vintage(vintage)
    end = v.valid_to.year if v.valid_to else ""
    return f"{v.valid_from.year}–{end}"


def of_total(f: KnownFigure, lang: str) -> str:
    """ "382 of 581 communes"; "191 of 262 or 253 communes" where the denominator is unclear."""
    dens = [i18n.format_number(d.value, lang) for d in f.denominators]
    total = dens[0] if len(dens) == 1 else i18n.t("word.or", lang, a=dens[0], b=dens[1])
    return i18n.t("kpi.covered_of_total", lang, covered=f.value, total=total)


def share_text(f: KnownFigure, lang: str) -> str:
    """ "65.7 %" or, when the denominator is unclear, "41.2 % or 42.7 %"."""
    shares = [i18n.format_percent(s, lang) for s, _ in f.shares]
    if not shares:
        return i18n.MISSING
    return shares[0] if len(shares) == 1 else i18n.t("word.or", lang, a=shares[0], b=shares[1])


def share_basis(f: KnownFigure, lang: str) -> str:
    """ "computed: 382 ÷ 581 (…)" for every denominator."""
    parts = [
        i18n.t("fig.computed_share", lang, value=f.value, den=d.value,
               basis=denominator_text(f, i, lang))
        for i, d in enumerate(f.denominators)
    ]  # fmt: skip
    return "; ".join(parts)


def dg_note(f: KnownFigure, lang: str, *, shares: bool = True) -> str:
    """How a Walloon figure treats the 9 German-speaking communes ("" for other areas).
    ``shares=False`` where no share is shown (a comparison table)."""
    if f.geography != WALLONIA_GEOGRAPHY or f.measure not in COMMUNE_COUNT_MEASURES + ("cells",):
        return ""
    source = figure_source(f, lang)
    if f.stated_total is not None:
        return i18n.t("dg.stated", lang, source=source, total=f.stated_total)
    if f.wal_includes_dg == "inferred_yes":
        return i18n.t("dg.inferred_yes", lang, source=source)
    return i18n.t("dg.unclear" if shares else "dg.unclear_count", lang, source=source)


def _pair(label_key: str, value: str, lang: str) -> str:
    """ "Label: value" for a catalogue label, with the language's punctuation."""
    return _labelled(i18n.t(label_key, lang), value, lang)


def _labelled(label: str, value: str, lang: str) -> str:
    """ "Label: value" with the language's punctuation (a space before the colon in FR)."""
    return i18n.t("kpi.benchmark_value", lang, area=label, value=value)


def population_source(frame: pd.DataFrame, lang: str) -> str:
    """ "Statbel, 1 January 2016" (with "summed over former communes" where it is)."""
    date = i18n.format_date(str(frame["population_date"].iloc[0]), lang)
    note = str(frame["population_note"].iloc[0]) if len(frame) else ""
    key = "population.source_summed" if note else "population.source"
    return i18n.t(key, lang, date=date)


def _file_text(key: str, shown: Shown, lang: str, **params) -> str:
    """A message about the file on screen: ``key.example`` for the illustrative example,
    ``key.file`` for an imported file (their wording differs), with its name and date."""
    kind = "example" if shown.kind == "example" else "file"
    return i18n.t(f"{key}.{kind}", lang, file=shown.origin,
                  date=i18n.format_date(shown.date_key, lang), **params)  # fmt: skip


def newer_regions(
    figures: tuple[KnownFigure, ...], f: KnownFigure | None, measures: tuple[str, ...], lang: str
) -> list[str]:
    """For a Belgian figure: the regions whose figure of the same kind is later, named so
    that the total is not read as including them."""
    if f is None or f.geography != "BE":
        return []
    lines = []
    for geo in (FLANDERS_GEOGRAPHY, WALLONIA_GEOGRAPHY, BRUSSELS_GEOGRAPHY):
        r = figure_for(figures, geo, measures)
        if r is not None and r.as_of != f.as_of and is_later(r, f):
            value = of_total(r, lang) if r.denominators and r.measure != "communes_without_cell" \
                else i18n.format_number(r.value, lang)  # fmt: skip
            lines.append(i18n.t("kpi.newer_region", lang, area=area_name(geo, lang),
                                value=value, source=figure_source(r, lang)))  # fmt: skip
    return lines
