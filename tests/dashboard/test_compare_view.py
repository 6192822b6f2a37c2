"""The comparison tab's view model (dashboard/views/compare.py), its small maps and its
callback, on the shipped geography and public record (and one made-up earlier snapshot
whose merged commune's former communes differ)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from dash import no_update

from dashboard import i18n, ids
from dashboard.callbacks.compare import OUTPUTS, render_compare
from dashboard.coverage.analysis.compare import KEY_FIGURES, Area, compare_areas
from dashboard.coverage.model import CommuneStatus, Status
from dashboard.figures.map import CATEGORIES
from dashboard.layout import compare as layout
from dashboard.state import ViewState
from dashboard.views import compare as cv
from dashboard.views.data import commune_frame, shown_data

FLANDERS, WALLONIA = "region:02000", "region:03000"
SOURCE_AND_DATE = re.compile(r"S\d{2}, \d{1,2} \w+ \d{4}")


def panel_of(bundle, **fields) -> cv.ComparePanel:
    return cv.compare_view(bundle, ViewState(view="compare", **fields), None)


# ----------------------------------------------------------------------------- the two sides


def test_nothing_chosen_is_flanders_against_wallonia_and_says_so(bundle):
    assert cv.resolve_sides(None, None) == cv.Sides(FLANDERS, WALLONIA, ("a", "b"))
    assert cv.resolve_sides(WALLONIA, None) == cv.Sides(WALLONIA, FLANDERS, ("b",))
    assert cv.resolve_sides(None, "date:2016-05-27").defaulted == ("a",)
    assert cv.resolve_sides("province:10000", "police_zone:5345").defaulted == ()
    p = panel_of(bundle)
    assert p.mode == "areas"
    assert p.notes[0] == i18n.t("compare.default", "en", a="Flemish Region", b="Walloon Region")
    assert panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA).notes[0] != p.notes[0]


def test_options_list_the_division_s_areas_and_the_published_dates(bundle):
    shown = shown_data(bundle, "public", None, None)
    a, b = cv.side_options(bundle, shown, "fr")
    values = [o["value"] for o in a]
    assert values[:3] == [FLANDERS, WALLONIA, "region:04000"]
    levels = [v.split(":")[0] for v in values]
    assert levels == sorted(levels, key=cv.AREA_LEVELS.index)  # grouped, level by level
    assert {"province:10000", "arrondissement:58000", "police_zone:5345"} <= set(values)
    assert "arrondissement:54000" not in values  # Mouscron: 1977-2018 only
    labels = {o["value"]: o["label"] for o in a}
    assert labels[FLANDERS] == i18n.region_label("02000", "fr")
    assert labels["province:10000"] == "Province d'Anvers"
    dates = [o for o in b if o["value"].startswith("date:")]
    assert [o["value"] for o in dates] == [
        f"date:{d.date.isoformat()}" for d in bundle.record.published_dates()
    ]
    assert not any(o.get("disabled") for o in dates)
    assert "27 mai 2016" in next(o["label"] for o in dates if o["value"] == "date:2016-05-27")
    # a file has one date: the dates are there (a link keeps its value) but disabled
    example = shown_data(bundle, "example", None, None)
    _, b_example = cv.side_options(bundle, example, "en")
    assert all(o["disabled"] for o in b_example if o["value"].startswith("date:"))


def test_a_chosen_area_of_another_division_stays_a_choice(bundle):
    shown = shown_data(bundle, "public", None, None)
    a, b = cv.side_options(bundle, shown, "en", ("arrondissement:54000", None))
    kept = [o for o in a if o["value"] == "arrondissement:54000"]
    assert len(kept) == 1 and kept[0]["disabled"]
    assert "not in the 2019–2024 division" in kept[0]["label"]
    assert "arrondissement:54000" in {o["value"] for o in b}
    p = panel_of(bundle, cmp_a="arrondissement:54000", cmp_b=WALLONIA)
    assert p.mode == "message" and "no commune in the 2019–2024 division" in p.message


def test_the_layout_lists_every_value_a_link_may_name(bundle):
    a, b = cv.layout_options(bundle.vintages, bundle.record, "en")
    values = {o["value"] for o in b}
    assert {"arrondissement:54000", "arrondissement:58000", "police_zone:5346"} <= values
    assert {f"date:{d.date.isoformat()}" for d in bundle.record.published_dates()} <= values
    assert len(values) == len(b)  # each once
    tab = layout.build_compare_tab(bundle)
    dropdowns = {c.id: c for c in _walk(tab) if type(c).__name__ == "Dropdown"}
    assert set(dropdowns) == {ids.COMPARE_A, ids.COMPARE_B}
    assert dropdowns[ids.COMPARE_B].options == b
    labels = {c.htmlFor for c in _walk(tab) if type(c).__name__ == "Label"}
    assert labels == {ids.COMPARE_A, ids.COMPARE_B}  # every control named


def _walk(c):
    yield c
    children = getattr(c, "children", None)
    if isinstance(children, list | tuple):
        for x in children:
            yield from _walk(x)
    elif children is not None and not isinstance(children, str | int | float):
        yield from _walk(children)


# ----------------------------------------------------------------------------- two areas


def test_flanders_and_wallonia_side_by_side_with_the_analysis_figures(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA)
    shown = shown_data(bundle, "public", None, None)
    frame = commune_frame(bundle, shown, "en")
    c = compare_areas(shown.snapshot, frame, Area("region", "02000"), Area("region", "03000"))
    assert p.left is not None and p.right is not None
    assert p.title == "Flemish Region and Walloon Region, 2 July 2021"
    regions = dict(zip(frame["nis"], frame["region"], strict=True))
    assert len(p.left.nis) == 300 and {regions[n] for n in p.left.nis} == {"02000"}
    assert len(p.right.nis) == 262 and {regions[n] for n in p.right.nis} == {"03000"}
    assert [r.key for r in p.figures] == list(KEY_FIGURES)
    for row in p.figures:
        left, right, diff = row.values
        assert left == pytest.approx(c.left[row.key]) and right == pytest.approx(c.right[row.key])
        assert diff == pytest.approx(right - left)
        assert row.basis  # every number says how it is computed
    rows = {r.key: r for r in p.figures}
    assert (rows["communes"].left, rows["communes"].right, rows["communes"].difference) == (
        "300", "262", "−38")  # fmt: skip
    assert rows["share_communes_covered"].difference.endswith("points")
    assert "population on 1 January 2020" in rows["population"].basis


def test_every_side_says_what_it_is_computed_from(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA)
    assert p.left is not None and p.right is not None
    computed, population = p.right.lines[0], p.right.lines[-1]
    assert computed.startswith("Computed from the public record")
    assert "2 July 2021" in computed and "2019–2024 division" in computed
    assert re.search(r"statuses from sources (S\d{2}, )*S\d{2};", computed)
    assert population == "Population: Statbel, population on 1 January 2020."
    # where the record names no commune of an area, it says so
    p16 = panel_of(bundle, date="2016-05-27", cmp_a=FLANDERS, cmp_b=WALLONIA)
    assert "no source names a commune of this area" in p16.left.lines[0]  # type: ignore[union-attr]


def test_unknown_is_never_counted_as_no_cell_and_the_panel_warns(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA)
    rows = {r.key: r for r in p.figures}
    assert rows["communes_unknown"].values[0] == 296
    assert rows["communes_none"].values[0] == 1  # Borsbeek (S60), not the 296 unknowns
    assert any("unknown status is never counted" in n for n in p.notes)
    assert p.left is not None
    assert p.left.categories.count("unknown") == 296
    assert p.table_note.startswith("Not in the table: 534 communes")
    assert all(r["status"] != i18n.status_label("unknown", "en") for r in p.table_rows)
    assert all(r["source"] for r in p.table_rows)  # a known status has its source


def test_published_figures_of_two_regions_keep_their_sources_and_dates(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA)
    assert p.published
    for row in p.published:
        for text in (row.left, row.right):
            assert SOURCE_AND_DATE.search(text) or text == i18n.t("kpi.no_figure", "en")
    cells = p.published[0]
    assert cells.measure == "Cells" and "S01, 15 June 2019" in cells.left
    # two counts of different dates are never subtracted
    assert cells.difference == i18n.MISSING and "different dates" in cells.note
    same = [r for r in p.published if r.difference != i18n.MISSING]
    assert all(r.note.startswith("computed from S") for r in same)
    # a province has no published figure: it says so
    q = panel_of(bundle, cmp_a="province:10000", cmp_b="police_zone:5345")
    assert not q.published and "No figure is published for a province" in q.published_notes[0]


def test_the_filters_do_not_change_the_comparison(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA)
    assert panel_of(bundle, cmp_a=FLANDERS, cmp_b=WALLONIA, region=("04000",),
                    status=(Status.NONE,)) is p  # fmt: skip
    assert any("filters at the left do not apply" in n for n in p.notes)


def test_the_illustrative_example_says_so_and_a_file_has_no_second_date(bundle):
    p = panel_of(bundle, dataset="example", cmp_a="province:10000", cmp_b="police_zone:5345")
    assert p.mode == "areas" and p.illustrative == i18n.t("kpi.illustrative_tag", "en")
    assert p.left is not None and "illustrative example" in p.left.lines[0]
    assert (
        "1977–2018 division" in p.left.lines[0] and "every status from the file" in p.left.lines[0]
    )
    assert len(p.right.nis) == 1  # type: ignore[union-attr]
    q = panel_of(bundle, dataset="example", cmp_b="date:2019-06-15")
    assert q.mode == "message" and "public record only" in q.message


def test_a_date_without_published_figures_is_refused(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b="date:2017-01-01")
    assert p.mode == "message" and "No figure is published for 1 January 2017" in p.message


# ----------------------------------------------------------------------------- two dates


def test_two_dates_across_the_2019_division_change(bundle):
    p = panel_of(bundle, date="2019-06-15", cmp_a=FLANDERS, cmp_b="date:2016-05-27")
    assert p.mode == "dates" and p.vintage == "2019-2024"
    assert p.title == "Flemish Region: 27 May 2016 and 15 June 2019"  # earlier first
    assert p.left is not None and p.right is not None
    assert p.left.nis == p.right.nis and len(p.left.nis) == 300  # one division
    assert "12041" in p.left.nis and "12030" not in p.left.nis  # Puurs-Sint-Amands
    carried = next(n for n in p.notes if "carried over" in n)
    assert "2019–2024 (581 communes)" in carried and "1977–2018" in carried
    assert "Carried over from the 1977–2018 division" in p.left.lines[1]
    assert "for both dates" in p.left.lines[-1]
    assert sum(n for _, _, n in p.changes) == 300
    changes = {code: n for code, _, n in p.changes}
    assert changes["became_known"] == 4 and changes["lost_cell"] == 0
    merged = {r["nis"]: r for r in p.table_rows if r["parts"]}
    assert merged["12041"]["parts"].startswith("Puurs (12030): ")
    assert {"72043", "44083"} <= set(merged)  # Pelt, Lievegem: unknown, but listed
    # the published counts of the two dates, each with its source and date
    cells = p.published[0]
    assert (cells.left, cells.right, cells.difference) == (
        "77 (S00, 27 May 2016)", "164 (S01, 15 June 2019)", "+87")  # fmt: skip
    involved = p.published[1]
    assert involved.difference == i18n.MISSING and " / " in involved.measure


def test_the_same_comparison_from_either_date(bundle):
    a = panel_of(bundle, date="2019-06-15", cmp_a=FLANDERS, cmp_b="date:2016-05-27")
    b = panel_of(bundle, date="2016-05-27", cmp_a=FLANDERS, cmp_b="date:2019-06-15")
    assert (a.title, a.figures, a.changes) == (b.title, b.figures, b.changes)


def test_a_merged_commune_whose_former_communes_differ_is_partly_covered(bundle):
    """27 May 2016 with two made-up statuses (source T-TEST): Puurs has a cell of its own,
    Sint-Amands none; in 2019 they are Puurs-Sint-Amands (12041)."""
    real = shown_data(bundle, "public", "2016-05-27", None)
    snapshot = dataclasses.replace(
        real.snapshot,
        statuses=real.snapshot.statuses + (
            CommuneStatus("12030", Status.OWN_CELL, "own-12030", source="T-TEST"),
            CommuneStatus("12034", Status.NONE, source="T-TEST"),
        ),
    )  # fmt: skip
    earlier = dataclasses.replace(real, snapshot=snapshot)
    p = cv.compare_panel(bundle, earlier, "en", "province:10000", "date:2019-06-15")
    assert p.mode == "dates" and p.left is not None and p.right is not None
    i = p.left.nis.index("12041")
    assert p.left.categories[i] == "partly_covered"
    assert "Partly covered" in p.left.hovers[i]
    assert "Former communes: Puurs (12030): Own cell; Sint-Amands (12034): No cell" in (
        p.left.hovers[i])  # fmt: skip
    assert "Source: T-TEST" in p.left.hovers[i]
    rows = {r.key: r for r in p.figures}
    assert rows["communes_partly_covered"].values[:2] == (1, 0)
    assert rows["cells"].values[0] == 1  # Puurs's own cell, counted on its own division
    row = next(r for r in p.table_rows if r["nis"] == "12041")
    assert row["before"] == i18n.t("legend.partly_covered", "en")
    assert row["change"] == i18n.t("compare.change.became_unknown", "en")
    assert ("partly_covered", i18n.t("legend.partly_covered", "en")) in p.legend


# ----------------------------------------------------------------------------- languages


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_text_comes_from_the_catalogue_in_every_language(bundle, lang):
    for fields in ({}, {"date": "2019-06-15", "cmp_b": "date:2016-05-27"},
                   {"dataset": "example", "cmp_b": "date:2016-05-27"}):  # fmt: skip
        p = panel_of(bundle, lang=lang, **fields)
        assert p.title or p.message
    p = panel_of(bundle, lang=lang)
    assert p.columns[1] == i18n.region_label("02000", lang)
    assert p.left is not None and i18n.format_date("2021-07-02", lang) in p.left.heading
    pop = next(r for r in p.figures if r.key == "population")
    assert pop.left == i18n.format_number(6629143, lang)


# ----------------------------------------------------------------------------- maps


def test_small_maps_draw_only_their_area_on_one_colour_scale(bundle):
    p = panel_of(bundle, cmp_a=FLANDERS, cmp_b="province:60000")
    assert p.left is not None and p.right is not None
    figures = [layout.compare_map_figure(s, "/geometry/x.geojson") for s in (p.left, p.right)]
    for fig, side in zip(figures, (p.left, p.right), strict=True):
        (trace,) = fig["data"]
        assert trace["locations"] == list(side.nis)
        assert trace["z"] == [CATEGORIES.index(c) for c in side.categories]
        assert fig["layout"]["geo"]["visible"] is False
    assert figures[0]["data"][0]["colorscale"] == figures[1]["data"][0]["colorscale"]
    assert {(f["data"][0]["zmin"], f["data"][0]["zmax"]) for f in figures} == {(-0.5, 6.5)}
    # each map's extent (lon min, lat min, lon max, lat max) is its area's
    flanders, liege = p.left.bounds, p.right.bounds
    assert flanders[1] > 50.6 and flanders[0] < 2.6  # north of 50.6°, out to the coast
    assert liege[3] < 50.9 and liege[2] > 6.2  # south of 50.9°, out to the German border
    assert len(p.left.summary) and "300 communes" in p.left.summary


# ----------------------------------------------------------------------------- the callback


def test_the_tab_is_computed_only_when_shown_and_a_filter_click_sends_nothing(bundle):
    hidden = render_compare(bundle, ViewState(view="gaps"), None, None)
    assert all(v is no_update for v in hidden.values())
    state = ViewState(view="compare", lang="nl")
    first = render_compare(bundle, state, None, None)
    assert set(first) == set(OUTPUTS)
    assert all(v is not no_update for v in first.values())
    meta = first[(layout.META, "data")]
    again = render_compare(bundle, state.replace(region=("04000",)), None, meta)
    assert all(v is no_update for v in again.values())
    other = render_compare(bundle, state.replace(cmp_b="province:10000"), None, meta)
    assert other[(ids.COMPARE_PANEL, "children")] is not no_update
    assert other[(layout.A_LABEL, "children")] is no_update  # same language
    assert other[(ids.COMPARE_A, "options")] is no_update  # same data, date and language
    french = render_compare(bundle, state.replace(lang="fr"), None, meta)
    assert french[(ids.COMPARE_A, "options")] is not no_update
    assert french[(layout.A_LABEL, "children")] == i18n.t("compare.control.a", "fr")


def test_the_callback_is_quick_once_cached(bundle):
    state = ViewState(view="compare", cmp_a="province:50000", cmp_b=WALLONIA)
    render_compare(bundle, state, None, None)
    started = dt.datetime.now()
    render_compare(bundle, state, None, None)
    assert (dt.datetime.now() - started).total_seconds() < 0.5
