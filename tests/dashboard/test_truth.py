"""The truth test: what the view callback returns, read as the browser gets it.

For every published date and every language:

- every row of the public record is on the screen on its own date, equal to what was
  published (a default row in the breakdown with its source and date, another source's
  figure in a note); the key figures, the map's text summary and the breakdown show the same
  figure; the timeline has every count of communes with a cell;
- every commune status shown has a source id and a date no earlier than its source's;
- every number on the screen carries a source id or says it is computed, with a date;
- a selection no published figure describes says so and names the nearest area.

Runs :func:`dashboard.callbacks.view.render_view` (what ``update_page`` returns), not only
the view functions.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import plotly.graph_objects as go
import pytest

from dashboard import i18n, ids, views
from dashboard.callbacks.view import render_view
from dashboard.coverage.known import WITH_CELL_MEASURES, figure_for
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import placement_date
from dashboard.exports.make import make_export
from dashboard.figures.config import GRAPH_CONFIG
from dashboard.figures.map import CATEGORIES
from dashboard.layout.main import build_layout
from dashboard.state import ViewState
from geodata.belgium import display_name

LANGS = ("fr", "nl", "de", "en")
#: The word every computed number carries, per language.
COMPUTED = {"en": "computed", "fr": "calcul", "nl": "berekend", "de": "berechnet"}
SOURCE = re.compile(r"\bS\d\d\b")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


# ------------------------------------------------------------------------- helpers


def text(component) -> str:
    """All the text of a component tree, as a reader sees it (children only)."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list | tuple):
        return " ".join(text(c) for c in component)
    return text(getattr(component, "children", None))


def plain(s: str) -> str:
    """Babel's narrow and non-breaking spaces as plain spaces, markup removed."""
    s = re.sub(r"<[^>]+>", " ", s)
    return s.replace("\u202f", " ").replace("\xa0", " ")


def cards(out) -> list[str]:
    return [plain(text(c)) for c in out[(ids.KPI, "children")]]


def summary(out) -> list[str]:
    return [plain(text(p)) for p in out[(ids.MAP_SUMMARY, "children")]]


def figure_units(fig) -> list[str]:
    """Hover texts and axis labels of a figure (each is one unit of meaning)."""
    if isinstance(fig, dict):  # sent as plain JSON
        fig = go.Figure(fig)
    units = []
    for trace in fig.data:
        texts = trace.text if trace.text is not None else ()
        if getattr(trace, "orientation", None) == "h":  # a bar: its label and its value
            if texts is not None and len(texts):
                units += [plain(f"{y} {t}") for y, t in zip(trace.y, texts, strict=True)]
            else:  # values on hover only: the axis says what they are
                units += [plain(f"{y} {fig.layout.title.text} %") for y in trace.y]
        else:
            units += [plain(str(t)) for t in texts if t]
    return units


def has_figure(unit: str) -> bool:
    """A number that is a figure: digits left after source ids, NIS codes in parentheses,
    dates ("27 May 2016", "1. Juni 2019") and years are taken out."""
    rest = SOURCE.sub("", unit)
    rest = re.sub(r"\(\d{5}\)", "", rest)
    rest = re.sub(r"\b\d{1,2}\.? [^\W\d]+ (?:19|20)\d\d\b", "", rest)
    rest = YEAR.sub("", rest)
    return bool(re.search(r"\d", rest))


def assert_traced(unit: str, lang: str, where: str) -> None:
    if not has_figure(unit):
        return
    # A public-record id (S00…S83), Statbel (population), or the word "computed".
    traced = SOURCE.search(unit) or "Statbel" in unit or COMPUTED[lang] in unit.lower()
    assert traced, f"{where}: no source: {unit}"
    assert YEAR.search(unit), f"{where}: no date: {unit}"


def render(bundle, **kw):
    return render_view(bundle, ViewState(**kw), None, None)


def published_keys(bundle) -> list[str]:
    return [d.key for d in bundle.record.published_dates()]


def fmt(n: int, lang: str) -> str:
    return plain(i18n.format_number(n, lang))


# ------------------------------------------------------------------------- every row


@pytest.mark.parametrize("lang", LANGS)
def test_every_published_row_is_on_screen_on_its_date(bundle, lang):
    snaps = bundle.record.snapshots
    checked = 0
    for key in published_keys(bundle):
        out = render(bundle, date=key, lang=lang)
        rows = out[(ids.BREAKDOWN_TABLE, "rowData")]
        notes = [plain(text(n)) for n in out[(ids.BREAKDOWN_NOTES, "children")]]
        current = i18n.t("breakdown.current", lang)
        for r in snaps[snaps["as_of"] == key].itertuples():
            area = i18n.region_label(r.geography, lang)
            measure = i18n.measure_label(r.measure, lang)
            hit = [x for x in rows if x["area"] == area and x["measure"] == measure]
            assert len(hit) == 1, (key, r.geography, r.measure)
            x = hit[0]
            if (r.is_default and x["source"] == r.source_id
                    and x["date"] == i18n.format_date(key, lang)):  # fmt: skip
                assert plain(x["value"]) == fmt(r.value, lang), (key, r)
                assert x["when"] == current
            else:  # another figure for the same date, or a later / more precise one shown:
                # this one is named in a note with its value and source
                assert any(r.source_id in n and fmt(r.value, lang) in n for n in notes), (key, r)
            checked += 1
    assert checked == len(snaps) == 85


@pytest.mark.parametrize("lang", LANGS)
def test_cards_summary_breakdown_and_timeline_tell_one_story(bundle, lang):
    timeline = None
    for key in published_keys(bundle):
        for region, geo in (((), "BE"), (("02000",), "BE-VLG"), (("03000",), "BE-WAL"),
                            (("04000",), "BE-BRU"), (("DG",), "BE-DG")):  # fmt: skip
            out = render(bundle, date=key, lang=lang, region=region)
            shown = views.shown_data(bundle, "public", key, None)
            f = figure_for(views.known_for(bundle, shown), geo, WITH_CELL_MEASURES)
            card = cards(out)[1]
            said = " ".join(summary(out))
            if f is None:
                assert plain(i18n.t("kpi.no_figure", lang)) in card
                assert plain(i18n.t("summary.public_none", lang, area=i18n.region_label(geo, lang),
                                    date=i18n.format_date(key, lang))) in said  # fmt: skip
                continue
            assert plain(i18n.measure_label(f.measure, lang)) in card
            value = plain(views.of_total(f, lang))
            source = plain(views.figure_source(f, lang))
            assert value in card and source in card, (key, geo, card)
            assert value in said and source in said, (key, geo, said)
            share = plain(views.share_text(f, lang))
            assert share in cards(out)[2] and share in said
            row = [x for x in out[(ids.BREAKDOWN_TABLE, "rowData")]
                   if x["area"] == i18n.region_label(geo, lang)
                   and x["measure"] == i18n.measure_label(f.measure, lang)]  # fmt: skip
            assert [(plain(x["value"]), x["source"], plain(x["share"])) for x in row] == [
                (fmt(f.value, lang), f.source_id, share)]  # fmt: skip
            timeline = out[(ids.TIMELINE, "figure")]
            hovers = " ".join(figure_units(timeline))
            assert f"{plain(i18n.format_date(f.as_of, lang))}" in hovers
    assert timeline is not None


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_has_every_count_of_communes_with_a_cell(bundle, lang):
    out = render(bundle, lang=lang)
    hovers = figure_units(out[(ids.TIMELINE, "figure")])
    snaps = bundle.record.snapshots
    rows = snaps[snaps["measure"].isin(WITH_CELL_MEASURES) & snaps["is_default"]]
    for r in rows.itertuples():
        area = i18n.region_label(r.geography, lang)
        match = [h for h in hovers if area in h and r.source_id in h
                 and plain(i18n.format_date(r.as_of, lang)) in h]  # fmt: skip
        assert match and all(fmt(r.value, lang) in h for h in match), (r.as_of, r.geography)


# ------------------------------------------------------------------------- statuses


def test_every_status_shown_has_a_source_and_a_date_on_or_after_its_sources(bundle):
    sources = bundle.record.sources.set_index("source_id")
    for key in published_keys(bundle):
        shown, frame, _ = views.selection(bundle, ViewState(date=key, lang="en"), None)
        named = frame[frame["status"] != Status.UNKNOWN.value]
        for r in named.itertuples():
            ids_ = [s for s in str(r.source).split(";") if s]
            assert ids_ and all(SOURCE.fullmatch(s) for s in ids_), r.nis
            assert r.status_date, r.nis
            assert placement_date(r.status_date) <= shown.as_of, (key, r.nis)
            for sid in ids_:
                src_date = sources.at[sid, "date"]
                if src_date:
                    assert placement_date(r.status_date) >= placement_date(src_date), (key, sid)
        out = render(bundle, date=key, lang="en")
        table = {
            x["nis"]: x
            for x in views.selected_rows(
                out[(ids.COMMUNE_ROWS, "data")], out[(ids.COMMUNE_MASK, "data")]
            )
        }
        for r in named.itertuples():
            assert str(r.source).split(";")[0] in table[r.nis]["status"]
            assert i18n.format_date(r.status_date, "en") in table[r.nis]["status"]


def test_every_commune_fact_is_shown_from_its_sources_date_and_not_before(bundle):
    """Each dated fact of commune_facts.csv: a flag is on its commune from its date on, with
    its source and date; a status statement gives the commune's status from its date on until
    a later statement replaces it, and never before."""
    facts = bundle.record.facts
    facts = facts[facts["is_default"] & (facts["nis_1977_2018"] != "")]
    statuses = facts[facts["fact"].isin(["has_cell_yes", "has_cell_no", "cell_planned",
                                         "cell_shared_with"])]  # fmt: skip
    # The rule, from the files themselves: the source's date, else the fact's own date, else
    # its year; a month or a year counts from the end of that period.
    source_dates = dict(zip(bundle.record.sources["source_id"], bundle.record.sources["date"],
                            strict=True))  # fmt: skip
    rule = {
        i: source_dates.get(f.source_id) or f.fact_date or str(f.year)
        for i, f in zip(facts.index, facts.itertuples(), strict=True)
    }
    assert all(facts.loc[i, "date"] == d for i, d in rule.items())
    assert all(facts.loc[i, "known_from"] == placement_date(d) for i, d in rule.items())
    seen_flags = seen_statuses = 0
    for key in published_keys(bundle):
        shown, frame, _ = views.selection(bundle, ViewState(date=key, lang="en"), None)
        by_nis = frame.set_index("nis")
        for f in facts.itertuples():
            targets = bundle.crosswalk.translate(f.nis_1977_2018, "1977-2018", shown.vintage) \
                if shown.vintage != "1977-2018" else (f.nis_1977_2018,)  # fmt: skip
            known = f.known_from is not None and f.known_from <= shown.as_of
            for nis in targets:
                row = by_nis.loc[nis]
                if f.fact in statuses["fact"].values:
                    stated = f.source_id in str(row["source"]).split(";") and row[
                        "status_date"] == f.date  # fmt: skip
                    later = statuses[(statuses["nis_1977_2018"] == f.nis_1977_2018)
                                     & statuses["known_from"].map(
                                         lambda d, f=f, day=shown.as_of: d is not None
                                         and f.known_from < d <= day)]  # fmt: skip
                    if not known:
                        assert not stated, (key, f.nis_1977_2018, f.fact)
                    elif later.empty:
                        assert row["status_date"] == f.date, (key, f.nis_1977_2018, f.fact)
                        seen_statuses += 1
                else:
                    detail = (f.fact, f.source_id, f.date)
                    assert (detail in row["flag_details"]) == known, (key, nis, detail)
                    seen_flags += known
    assert seen_flags and seen_statuses


def test_statuses_known_in_2019_stay_on_later_dates_with_their_date(bundle):
    def covered(key):
        _, frame, _ = views.selection(bundle, ViewState(date=key), None)
        return set(frame.loc[frame["covered"], "nis"])

    june = covered("2019-06-15")
    assert len(june) >= 31
    for later in ("2019-08-26", "2019-11-25", "2020-01", "2021-05-05", "2021-07-02"):
        assert june <= covered(later), later


# ------------------------------------------------------------------------- every number


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "state",
    [
        {"date": "2016-05-27"},
        {"date": "2019-06-15"},
        {"date": "2019"},
        {},
        {"date": "2019-06-15", "province": ("10000",)},
        {"date": "2016-05-27", "region": ("03000",)},
        {"dataset": "example"},
        {"dataset": "example", "region": ("02000",)},
    ],
    ids=lambda s: ",".join(f"{k}={v}" for k, v in s.items()) or "default",
)
def test_every_number_carries_a_source_or_says_it_is_computed(bundle, lang, state):
    out = render(bundle, lang=lang, **state)
    units = [(u, "card") for u in cards(out)]
    units += [(u, "summary") for u in summary(out)]
    columns = out[(ids.BREAKDOWN_TABLE, "columnDefs")]
    # A file's table says above its columns what every figure is computed from.
    above = " ".join(c["headerName"] for c in columns if "children" in c)
    units += [(plain(" ".join([*map(str, row.values()), above])), "breakdown row")
              for row in out[(ids.BREAKDOWN_TABLE, "rowData")]]  # fmt: skip
    units += [(plain(text(n)), "breakdown note") for n in out[(ids.BREAKDOWN_NOTES, "children")]]
    units += [(u, "breakdown chart") for u in figure_units(out[(ids.BREAKDOWN_CHART, "figure")])]
    units += [(u, "timeline") for u in figure_units(out[(ids.TIMELINE, "figure")])]
    units += [(u, "map") for u in figure_units(out[(ids.MAP, "figure")])]
    units += [(plain(out[(ids.KPI_AS_OF, "children")]), "as of")]
    for unit, where in units:
        assert_traced(unit, lang, where)
    population = [c["headerName"] for c in out[(ids.COMMUNE_TABLE, "columnDefs")]
                  if c["field"] == "population"]  # fmt: skip
    assert "Statbel" in population[0] and YEAR.search(population[0])


# ------------------------------------------------------------------------- selections


@pytest.mark.parametrize("lang", LANGS)
def test_a_selection_no_figure_describes_says_so(bundle, lang):
    for extra, reason in (({"province": ("60000",)}, "province"),
                          ({"region": ("02000", "04000")}, "regions"),
                          ({"pop_band": "0-5k"}, "pop_band"),
                          ({"status": (Status.OWN_CELL,)}, "status"),
                          ({"flag": ("pilot_2016",)}, "flag")):  # fmt: skip
        out = render(bundle, date="2019-06-15", lang=lang, **extra)
        area = views.selection_area(ViewState(**extra))
        assert area.reasons == (reason,) and not area.exact
        said = plain(views.not_selection_text(area, lang))
        assert summary(out)[0] == said
        assert plain(out[(ids.KPI_AS_OF, "children")]).startswith(said)
        for card in cards(out)[:4]:
            assert plain(i18n.t("area.nearest_short", lang)) in card, (extra, card)


def test_nearest_area_of_a_province_is_its_region(bundle):
    out = render(bundle, date="2019-06-15", lang="en", province=("60000",))
    assert cards(out)[1].strip().startswith("Communes with a cell · Walloon Region")
    assert "108 of 262 communes" in cards(out)[1]


# ------------------------------------------------------------------------- illustrative


@pytest.mark.parametrize("lang", LANGS)
def test_the_illustrative_example_is_marked_everywhere(bundle, lang):
    out = render(bundle, dataset="example", lang=lang)
    mark = i18n.t("map.illustrative_mark", lang)
    fig = out[(ids.MAP, "figure")]
    assert any(mark in a.text for a in fig.layout.annotations)  # so a PNG carries it
    tag = i18n.t("kpi.illustrative_tag", lang)
    assert all(tag in c for c in cards(out))
    assert summary(out)[0] == plain(i18n.t("notice.illustrative", lang))
    assert out[(ids.BREAKDOWN_TITLE, "children")] == i18n.t("breakdown.title_illustrative", lang)
    provenance = plain(text(out[(ids.PROVENANCE, "children")]))
    assert plain(i18n.t("provenance.data.example", lang, file=bundle.example.source,
                        date=i18n.format_date("2016-05-27", lang))) in provenance  # fmt: skip
    assert plain(text(out[(ids.ILLUSTRATIVE_BANNER, "children")]))
    assert plain(
        i18n.t("kpi.as_of.example", lang, date=i18n.format_date("2016-05-27", lang))
    ) == plain(out[(ids.KPI_AS_OF, "children")])
    name, content = make_export(bundle, "csv", ViewState(dataset="example", lang=lang), None)
    assert "illustrative" in name
    lines = content.decode("utf-8-sig").strip().splitlines()[1:]
    assert len(lines) == 589 and all(i18n.t("notice.illustrative", lang) in x for x in lines)


def test_public_views_carry_no_illustrative_mark(bundle):
    out = render(bundle, date="2019-06-15", lang="en")
    assert not out[(ids.MAP, "figure")].layout.annotations
    assert not out[(ids.ILLUSTRATIVE_BANNER, "children")]


# ------------------------------------------------------------------------- the points


def test_the_two_measures_never_shown_before_are_shown(bundle):
    out = render(bundle, date="2020-01", lang="en")
    rows = out[(ids.BREAKDOWN_TABLE, "rowData")]
    assert {"area": "Belgium", "value": "115", "source": "S16"}.items() <= next(
        r for r in rows if r["measure"] == i18n.measure_label("communes_without_own_cell", "en")
    ).items()
    out = render(bundle, date="2019", lang="en")
    unclear = i18n.measure_label("unclear_cells_or_communes", "en")
    row = next(r for r in out[(ids.BREAKDOWN_TABLE, "rowData")] if r["measure"] == unclear)
    assert (row["area"], row["value"], row["source"]) == ("Flemish Region", "254", "S12")


def test_a_row_never_pairs_figures_of_different_dates_silently(bundle):
    """Wallonia "2019": S12's 54 cells repeat S11's figure of January 2019, so S01's 70 of
    15 June 2019 is shown, and S12's is named in a note saying what it repeats; each row has
    its own source and date, and an area whose counts with and without a cell are of
    different dates says they do not add up."""
    out = render(bundle, date="2019", lang="en")
    wal = [r for r in out[(ids.BREAKDOWN_TABLE, "rowData")] if r["area"] == "Walloon Region"]
    for r in wal:
        assert r["source"] and r["date"]
    cells = next(r for r in wal if r["measure"] == "Cells")
    assert (cells["value"], cells["source"], cells["date"]) == ("70", "S01", "15 June 2019")
    notes = plain(text(out[(ids.BREAKDOWN_NOTES, "children")]))
    assert "S12, 2019 also gives 54 for this date (it repeats a figure of January 2019)" in notes
    out = render(bundle, date="2021-05-05", lang="en", region=("03000",))
    without = cards(out)[3]
    assert "86" in without and "do not add up" in without  # 86 of 2019 next to 191 of 2021
    assert "191 of 262 or 253 communes" in cards(out)[1]


def test_programme_flags_carry_their_own_source(bundle):
    out = render(bundle, date="2019-06-15", lang="en")
    hover = dict(zip(out[(ids.MAP, "figure")].data[1].locations,
                     out[(ids.MAP, "figure")].data[1].text, strict=True))  # fmt: skip
    bxl = plain(hover["21004"])
    assert "Status: Own cell (implied by a regional table" in bxl and "S01, 15 June 2019" in bxl
    assert "Pilot commune 2016 (S00, 27 May 2016)" in bxl
    assert "Federal impulse grant 2015 (round 1) (S40, October 2015)" in bxl
    table = {
        r["nis"]: r
        for r in views.selected_rows(
            out[(ids.COMMUNE_ROWS, "data")], out[(ids.COMMUNE_MASK, "data")]
        )
    }
    assert "Pilot commune 2016 (S00, 27 May 2016)" in table["21004"]["flags"]
    dison = plain(hover["63020"])
    assert "S12" not in dison  # its 2019 grant (S12, dated 2019 only) is not known yet
    later = render(bundle, date="2019", lang="en")
    hover = dict(zip(later[(ids.MAP, "figure")].data[1].locations,
                     later[(ids.MAP, "figure")].data[1].text, strict=True))  # fmt: skip
    assert "Walloon CSIL-R coordination grant 2019 (S12, 2019)" in plain(hover["63020"])


def test_words_say_computed_and_implied(bundle):
    out = render(bundle, date="2019-06-15", lang="en")
    everything = " ".join(figure_units(out[(ids.MAP, "figure")]) + cards(out) + summary(out))
    assert "Published share" not in everything
    assert "Share of communes (computed): 85.0%" in everything


@pytest.mark.parametrize("lang", LANGS)
def test_the_german_speaking_communes_are_treated_openly(bundle, lang):
    out = render(bundle, date="2021-05-05", lang=lang)
    notes = plain(text(out[(ids.BREAKDOWN_NOTES, "children")]))
    s18 = i18n.t("dg.unclear", lang, source="S18, " + i18n.format_date("2021-05-05", lang)
                 + ", " + i18n.t("fig.published_on", lang,
                                 date=i18n.format_date("2023-11-17", lang)))  # fmt: skip
    assert plain(s18) in notes
    wal = next(r for r in out[(ids.BREAKDOWN_TABLE, "rowData")]
               if r["area"] == i18n.region_label("BE-WAL", lang)
               and r["measure"] == i18n.measure_label("communes_with_cell", lang))  # fmt: skip
    both = plain(i18n.t("word.or", lang, a=i18n.format_percent(191 / 262, lang),
                        b=i18n.format_percent(191 / 253, lang)))  # fmt: skip
    assert plain(wal["share"]) == both
    assert plain(s18) in plain(text(out[(ids.MAP_NOTE, "children")]))
    out = render(bundle, date="2019-06-15", lang=lang)
    s01 = i18n.t("dg.inferred_yes", lang, source="S01, " + i18n.format_date("2019-06-15", lang))
    assert plain(s01) in plain(text(out[(ids.BREAKDOWN_NOTES, "children")]))


def test_population_of_the_year_nearest_the_data(bundle):
    old = bundle.vintages["1977-2018"].communes
    _, date, _ = views.population_for(old, dt.date(2016, 5, 27))
    assert date == "2016-01-01"
    _, date, _ = views.population_for(old, dt.date(2018, 6, 1))
    assert date == "2018-01-01"
    snap = MembershipSnapshot(
        as_of=dt.date(2018, 6, 1), vintage="1977-2018",
        statuses=(CommuneStatus("11001", Status.OWN_CELL),), source="survey-2018.xlsx",
    )  # fmt: skip
    out = render_view(bundle, ViewState(dataset="upload", lang="en"), snap, None)
    header = next(c["headerName"] for c in out[(ids.COMMUNE_TABLE, "columnDefs")]
                  if c["field"] == "population")  # fmt: skip
    assert "1 January 2018" in header
    assert "1 January 2018" in cards(out)[4]
    v2025 = bundle.vintages["2025"].communes
    _, date, note = views.population_for(v2025, dt.date(2025, 3, 1))
    assert date == "2020-01-01" and note  # summed over the former communes, said so


def test_cells_of_a_file_count_own_cells_without_a_name(bundle):
    """29 own cells without a cell name and 3 named shared cells are 32 cells, on the card
    and in the breakdown alike."""
    communes = bundle.vintages["2019-2024"].communes
    vlg = communes[communes["region"] == "02000"]["nis"].tolist()
    statuses = [CommuneStatus(n, Status.OWN_CELL) for n in vlg[:29]]
    cells = [Cell(f"Z{i}", f"Zone {i}", tuple(vlg[29 + 2 * i : 31 + 2 * i])) for i in range(3)]
    statuses += [CommuneStatus(m, Status.SHARED_CELL, c.cell_id) for c in cells for m in c.members]
    snap = MembershipSnapshot(as_of=dt.date(2020, 6, 30), vintage="2019-2024",
                              statuses=tuple(statuses), cells=tuple(cells),
                              source="survey.csv")  # fmt: skip
    out = render_view(bundle, ViewState(dataset="upload", lang="en"), snap, None)
    assert cards(out)[0].split(" · Belgium ")[1].startswith("32 ")
    rows = out[(ids.BREAKDOWN_TABLE, "rowData")]
    region_rows = [r for r in rows if r["label"] != i18n.region_label("DG", "en")]
    assert sum(int(r["cells"]) for r in region_rows) == 32
    two = dataclasses.replace(snap, statuses=tuple(statuses[:2]), cells=())
    out = render_view(bundle, ViewState(dataset="upload", lang="en"), two, None)
    assert cards(out)[0].split(" · Belgium ")[1].startswith("2 ")


def test_a_partly_covered_commune_is_its_own_visible_state(bundle):
    snap = MembershipSnapshot(
        as_of=dt.date(2020, 6, 30), vintage="2019-2024",
        statuses=(CommuneStatus("72043", Status.OWN_CELL, partial=True,
                                comment="partly covered: Neerpelt own cell"),),
        source="pelt.csv",
    )  # fmt: skip
    out = render_view(bundle, ViewState(dataset="upload", lang="en"), snap, None)
    layers_cat = out[(ids.MAP, "figure")].data[1]
    z = dict(zip(layers_cat.locations, layers_cat.z, strict=True))["72043"]
    assert CATEGORIES[int(z)] == views.PARTLY_COVERED
    assert i18n.t("legend.partly_covered", "en") in plain(text(out[(ids.LEGEND, "children")]))
    assert any("partly covered" in s for s in summary(out))


def test_names_are_plain_and_german_fallbacks_labelled(bundle):
    for key in ("1977-2018", "2019-2024", "2025"):
        frame = bundle.vintages[key].communes
        for lang in LANGS:
            names = {display_name(r, lang) for r in frame.to_dict(orient="records")}
            suffixed = {n for n in names if re.search(r"\([^)]*\)$", n)}
            assert suffixed <= {
                "Saint-Nicolas (Liège)",
                "Saint-Nicolas (Saint-Nicolas)",
                "Saint-Nicolas (Luik)",
                "Saint-Nicolas (Lüttich)",
            }, suffixed
    bastogne = bundle.vintages["2025"].communes.set_index("nis").loc["82039"]  # + Bertogne
    assert display_name(bastogne, "de") == "Bastnach"
    shown = views.Shown("upload", "2025-03-01", dt.date(2025, 3, 1), "2025",
                        MembershipSnapshot(dt.date(2025, 3, 1), "2025", (),
                                           source="f.csv"), False, None)  # fmt: skip
    frame = views.commune_frame(bundle, shown, "de")
    layers = views.map_layers(bundle, shown, frame, frame["nis"].map(bool), ViewState(lang="de"),
                              "de")  # fmt: skip
    hover = dict(zip(layers.communes["nis"], layers.communes["hover"], strict=True))
    assert i18n.t("hover.name_de_fallback", "de") in hover["46030"]  # Beveren-Kruibeke-Zwijndrecht
    assert i18n.t("hover.name_de_fallback", "de") not in hover["82039"]
    table = views.commune_table(frame, frame["nis"].map(bool), "de").set_index("nis")
    assert table.at["46030", "name"].endswith("(kein deutscher Name)")
    assert table.at["82039", "name"] == "Bastnach"


def test_the_undated_police_zone_cell_is_shown_and_placed_on_no_date(bundle):
    out = render(bundle, date="2021-07-02", lang="en")
    provenance = plain(text(out[(ids.PROVENANCE, "children")]))
    assert "S63" in provenance and "Jabbeke" in provenance and "no date" in provenance
    hover = dict(zip(out[(ids.MAP, "figure")].data[1].locations,
                     out[(ids.MAP, "figure")].data[1].text, strict=True))  # fmt: skip
    jabbeke = next(n for n, t in hover.items() if "Jabbeke" in t)
    assert "undated source (S63)" in plain(hover[jabbeke])
    assert "Status: Unknown" in plain(hover[jabbeke])  # not placed on any date


def test_the_first_screen_shows_the_whole_country(bundle):
    out = render(bundle, lang="en")  # the default view
    shown = cards(out)
    assert not any(i18n.t("kpi.no_figure", "en") in c for c in shown[:4])
    regions = out[(ids.MAP, "figure")].data[0]
    assert sorted(regions.locations) == ["02000", "03000", "04000", "DG"]
    assert "388 of 581 communes" in shown[1]


@pytest.mark.parametrize("lang", ("fr", "en"))
def test_an_upload_lists_its_file_and_its_reconciliation(bundle, lang):
    snap = dataclasses.replace(bundle.example, illustrative=False, source="survey-2016.csv")
    out = render_view(bundle, ViewState(dataset="upload", lang=lang), snap, None)
    provenance = plain(text(out[(ids.PROVENANCE, "children")]))
    data = plain(i18n.t("provenance.data.file", lang, file="survey-2016.csv",
                        date=i18n.format_date("2016-05-27", lang)))  # fmt: skip
    assert data in provenance
    reconciliation = out[(ids.RECONCILE, "children")]
    assert reconciliation and "S00" in plain(text(reconciliation) + str(reconciliation[1].rowData))
    rows = reconciliation[1].rowData
    be_cells = next(r for r in rows if r["area"] == i18n.region_label("BE", lang)
                    and r["measure"] == i18n.measure_label("cells", lang))  # fmt: skip
    assert plain(be_cells["published"]).startswith(fmt(109, lang) + " (S00")
    assert be_cells["difference"] == "0"


def test_no_control_sends_anything_off_the_machine(bundle):
    """No "Share chart" (uploads to Plotly's cloud), no "Edit in Chart Studio", no link."""
    graphs = []

    def walk(c):
        if c is None or isinstance(c, str | int | float):
            return
        if isinstance(c, list | tuple):
            for x in c:
                walk(x)
            return
        if type(c).__name__ == "Graph":
            graphs.append(c)
        walk(getattr(c, "children", None))

    walk(build_layout(bundle))
    assert len(graphs) == 4  # map, breakdown, timeline, ranking
    for g in graphs:
        config = g.config
        assert config["showSendToCloud"] is False and config["showEditInChartStudio"] is False
        assert config["showLink"] is False
        assert {"sendDataToCloud", "editInChartStudio"} <= set(config["modeBarButtonsToRemove"])
    assert GRAPH_CONFIG["displaylogo"] is False


def shown_rows(out: dict) -> list[dict]:
    """The table twin's rows as the browser shows them (all rows, filtered by the mask)."""
    return views.selected_rows(out[(ids.COMMUNE_ROWS, "data")], out[(ids.COMMUNE_MASK, "data")])
