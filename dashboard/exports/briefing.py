"""What every export of a view shows, gathered once from :mod:`dashboard.views`: the title
and the selection in words, the data and its date, the three headline figures with their
sources, the map's categories and legend, its text summary, the sources used and a one-line
footnote, and the "illustrative" mark when the data is invented.

Pure (no dash, no plotly): the figure, deck, sheet and table writers read a
:class:`Briefing`, never the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from dashboard import i18n, views
from dashboard.bundle import DataBundle
from dashboard.coverage.model import MembershipSnapshot, Status
from dashboard.filters import FILTERS
from dashboard.state import ViewState, to_query
from dashboard.views.key_figures import KeyFigure

#: The map's categories in legend order (dashboard.figures.map.CATEGORIES without
#: "outside"), each with the catalogue key of its name.
LEGEND_KEYS: tuple[tuple[str, str], ...] = (
    ("own_cell", "status.own_cell"),
    ("shared_cell", "status.shared_cell"),
    ("partly_covered", "legend.partly_covered"),
    ("planned", "status.planned"),
    ("none", "status.none"),
    ("unknown", "status.unknown"),
)
#: How many key figures a slide or a presentation shows.
HEADLINE_FIGURES = 3


@dataclass(frozen=True)
class Briefing:
    """One view, ready to be written to a file in ``state.lang``."""

    state: ViewState
    shown: views.Shown
    frame: pd.DataFrame  # every commune of the division (views.commune_frame)
    mask: pd.Series  # the communes the filters select
    layers: views.MapLayers  # the map: categories per commune, region shading, flags
    title: str  # "CSIL coverage — Belgium, 15 June 2019"
    selection: tuple[str, ...]  # the filters in words ("Region: Flemish Region"), or "All"
    data_line: str  # the data and its date (public record / example / file)
    illustrative_mark: str  # "ILLUSTRATIVE DATA — NOT REAL" or ""
    figures: tuple[KeyFigure, ...]  # the key figures, as the page's strip shows them
    as_of: str  # the strip's as-of line
    summary: tuple[str, ...]  # the map's text summary
    legend: tuple[tuple[str, str], ...]  # (category, name) of the categories drawn
    sources: pd.DataFrame  # views.sources_used: source_id, publisher, title, date, url, used_for
    source_line: str  # "Sources: S01 (FPS Interior, 15 June 2019) …; boundaries: …"
    link: str  # the view's share-link query ("?lang=fr&date=2019-06-15")

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def illustrative(self) -> bool:
        return self.shown.illustrative

    @property
    def headline(self) -> tuple[KeyFigure, ...]:
        """The first ``HEADLINE_FIGURES`` key figures (a slide has room for three)."""
        return self.figures[:HEADLINE_FIGURES]

    def with_date(self, text: str) -> str:
        """``text`` with the export's date line appended (the data's date, not today's)."""
        return f"{text} — {self.data_line}"


def filters_in_words(state: ViewState, lang: str) -> tuple[str, ...]:
    """Each active filter as "Name: value, value" (the page's words), or "All communes"."""
    out = []
    for f in FILTERS:
        value = getattr(state, f.field)
        if value == f.default or value in ((), None):
            continue
        values = value if isinstance(value, tuple) else (value,)
        names = ", ".join(f.option_label(str(getattr(v, "value", v)), lang) for v in values)
        out.append(f"{i18n.t(f.label_key, lang)}: {names}")
    return tuple(out) or (i18n.t("export.all_communes", lang),)


def data_line(shown: views.Shown, lang: str) -> str:
    date = i18n.format_date(shown.date_key, lang)
    if shown.kind == "public":
        return i18n.t("export.data.public", lang, date=date)
    if shown.kind == "example":
        return i18n.t("export.data.example", lang, file=shown.origin, date=date)
    key = "export.data.file_illustrative" if shown.illustrative else "export.data.file"
    return i18n.t(key, lang, file=shown.origin, date=date)


def source_line(bundle: DataBundle, shown: views.Shown, sources: pd.DataFrame, lang: str) -> str:
    """One line for a footnote: every source id with its publisher and date, then the
    boundaries' attribution."""
    parts = []
    for s in sources.to_dict(orient="records"):
        date = i18n.format_date(s["date"], lang) if s.get("date") else i18n.MISSING
        parts.append(f"{s['source_id']} ({s.get('publisher', '')}, {date})")
    attribution = bundle.vintages[shown.vintage].vintage.attribution
    text = i18n.t("export.sources", lang, sources="; ".join(parts) or i18n.MISSING)
    return f"{text} {i18n.t('export.boundaries', lang, attribution=attribution)}"


def title(state: ViewState, shown: views.Shown, lang: str) -> str:
    area = views.selection_area(state)
    name = views.area_name(area.geography, lang)
    if not area.exact:
        name = i18n.t("export.area_part", lang, area=name)
    return i18n.t("export.title", lang, area=name, date=i18n.format_date(shown.date_key, lang))


def legend(layers: views.MapLayers, mask: pd.Series, lang: str) -> tuple[tuple[str, str], ...]:
    """The categories the map draws for the selection (every one when nothing is drawn)."""
    drawn = set(layers.communes["category"].where(mask.to_numpy(), "outside"))
    out = []
    for category, key in LEGEND_KEYS:
        if category in drawn or category == Status.UNKNOWN.value:
            out.append((category, i18n.t(key, lang)))
    return tuple(out)


def briefing(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None = None
) -> Briefing:
    """Everything an export of ``state`` shows (``upload``: the file on screen, if any)."""
    lang = state.lang
    shown, frame, mask = views.selection(bundle, state, upload)
    layers = views.map_layers(bundle, shown, frame, mask, state, lang)
    figures, as_of = views.key_figures(bundle, shown, frame, mask, state, lang)
    sources = views.sources_used(bundle, shown, frame)
    return Briefing(
        state=state,
        shown=shown,
        frame=frame,
        mask=mask,
        layers=layers,
        title=title(state, shown, lang),
        selection=filters_in_words(state, lang),
        data_line=data_line(shown, lang),
        illustrative_mark=layers.watermark,
        figures=tuple(figures),
        as_of=as_of,
        summary=tuple(views.map_summary(bundle, shown, frame, mask, state, lang)),
        legend=legend(layers, mask, lang),
        sources=sources,
        source_line=source_line(bundle, shown, sources, lang),
        link=to_query(state),
    )


def made_on(today: dt.date, lang: str) -> str:
    """ "Made with the CSIL coverage atlas on 30 November 2026" (when the file was made)."""
    return i18n.t("export.made_on", lang, date=i18n.format_date(today.isoformat(), lang))
