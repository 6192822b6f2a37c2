"""The short ranking beside the map (dashboard.views.side_ranking): on a file, the Ranking
tab's numbers, its head and tail, Belgium's and the region's marks; on the public record, the
published regional shares that shade the map, with their sources; the view callback sends it
only when it changed."""

from __future__ import annotations

import pytest
from dash import no_update

from dashboard import i18n, ids, views
from dashboard.callbacks.view import render_view
from dashboard.coverage.analysis.ranking import reference_lines
from dashboard.coverage.known import WITH_CELL_MEASURES, figure_for
from dashboard.coverage.model import Status
from dashboard.layout.side_ranking import build_side_ranking
from dashboard.state import ViewState
from dashboard.views.map import map_layers, region_figures
from dashboard.views.ranking import mask_bits, ranking_view
from dashboard.views.side_ranking import BOTTOM, TOP, head_and_tail, side_ranking
from geodata.belgium import BELGIUM, GEOGRAPHY_OF_REGION

EXAMPLE = ViewState(dataset="example")
PUBLIC_2019 = ViewState(date="2019-06-15")


def side(bundle, state: ViewState):
    shown, frame, mask = views.selection(bundle, state, None)
    return side_ranking(bundle, shown, mask, state), shown, frame, mask


@pytest.mark.parametrize("count", [0, 1, 14, 15, 16, 43, 185])
def test_head_and_tail_keeps_the_top_and_the_bottom(count):
    kept, hidden = head_and_tail(count)
    if count <= TOP + BOTTOM:
        assert kept == list(range(count)) and hidden == 0
    else:
        assert kept[:TOP] == list(range(TOP))
        assert kept[TOP:] == list(range(count - BOTTOM, count))
        assert hidden == count - TOP - BOTTOM


@pytest.mark.parametrize("level", ["region", "province", "arrondissement", "police_zone"])
def test_a_file_shows_the_ranking_tabs_numbers_head_and_tail(bundle, level):
    state = EXAMPLE.replace(level=level)
    view, shown, frame, mask = side(bundle, state)
    full = ranking_view(bundle, shown, "en", level, mask_bits(mask))
    kept, hidden = head_and_tail(len(full.rows))
    assert [r.label for r in view.rows] == [full.rows[i]["label"] for i in kept]
    assert [r.share for r in view.rows] == [full.rows[i]["share_communes"] for i in kept]
    assert [r.rank for r in view.rows] == [full.rows[i]["rank_text"] for i in kept]
    shares = [r.share for r in view.rows]
    assert shares == sorted(shares, reverse=True)
    assert view.hidden == hidden and (view.gap_after == TOP) == bool(hidden)
    assert view.files and str(len(full.rows)) in view.more
    # what is counted, and that the data is invented, are said beside the list
    assert any("illustrative" in line.lower() for line in view.lines)


def test_a_files_marks_are_belgium_and_the_areas_region_whatever_the_filters(bundle):
    state = EXAMPLE.replace(level="province", region=("03000",), status=(Status.NONE,))
    view, _shown, frame, mask = side(bundle, state)
    refs = reference_lines(frame).set_index("geography")["share_communes_covered"]
    assert view.rows, "Walloon provinces"
    wallonia_provinces = {"Hainaut", "Liège", "Luxembourg", "Namur", "Walloon Brabant"}
    assert {r.label for r in view.rows} <= wallonia_provinces
    for row in view.rows:
        marks = dict(row.ticks)
        assert marks["country"] == pytest.approx(refs[BELGIUM], abs=1e-6)
        assert marks["region"] == pytest.approx(refs[GEOGRAPHY_OF_REGION["03000"]], abs=1e-6)
        # only the communes without a cell are counted: no bar
        assert row.share == 0.0
    # the references name their values
    belgium_text = i18n.format_percent(float(refs[BELGIUM]), "en")
    assert any(belgium_text in r and "Belgium" in r for r in view.references)


def test_the_public_record_ranks_the_published_shares_that_shade_the_map(bundle):
    view, shown, frame, mask = side(bundle, PUBLIC_2019)
    layers = map_layers(bundle, shown, frame, mask, PUBLIC_2019, "en")
    regions = layers.regions
    shading = dict(zip(regions["id"].map(GEOGRAPHY_OF_REGION), regions["share"], strict=True))
    figures = {i18n.region_label(f.geography, "en"): f for f in region_figures(bundle, shown)}
    assert [r.label for r in view.rows]
    assert {r.label for r in view.rows} == set(figures)
    for row in view.rows:
        f = figures[row.label]
        assert row.share == pytest.approx(shading[f.geography])  # the map's shade
        assert f.source_id in row.detail and str(f.value) in row.detail
    shares = [r.share for r in view.rows]
    assert shares == sorted(shares, reverse=True)
    belgium = figure_for(views.known_for(bundle, shown), BELGIUM, WITH_CELL_MEASURES)
    assert belgium is not None
    for row in view.rows:
        assert dict(row.ticks)["country"] == pytest.approx(belgium.value / 581)
    assert any("382" in r and belgium.source_id in r for r in view.references)
    assert not view.files


def test_the_public_record_says_what_is_published_nearest_to_a_finer_level(bundle):
    region_view, *_ = side(bundle, PUBLIC_2019)
    view, *_ = side(bundle, PUBLIC_2019.replace(level="province"))
    assert view.rows == region_view.rows  # the regions: nothing is published by province
    assert "No figure is published for provinces" in view.lines[0]
    filtered, *_ = side(bundle, PUBLIC_2019.replace(status=(Status.OWN_CELL,)))
    assert filtered.rows == region_view.rows
    assert any("do not change them" in line for line in filtered.lines)
    assert not any("do not change them" in line for line in region_view.lines)


def test_the_public_record_keeps_the_regions_the_map_keeps(bundle):
    view, *_ = side(bundle, PUBLIC_2019.replace(region=("02000",)))
    assert [r.label for r in view.rows] == ["Flemish Region"]


def test_the_panel_lists_rows_with_a_gap_and_in_the_language(bundle):
    view, *_ = side(bundle, EXAMPLE.replace(level="police_zone", lang="nl"))
    assert view.title == i18n.t("side.title.police_zone", "nl")
    children = build_side_ranking(view, "GAP")
    items = children[1].children
    assert len(items) == TOP + BOTTOM + 1 and items[TOP].children == "GAP"


def test_the_view_callback_sends_the_panel_only_when_it_changed(bundle):
    out = render_view(bundle, EXAMPLE, None, None)
    body = out[(ids.SIDE_BODY, "children")]
    assert body is not no_update and body[0].children == i18n.t("side.title.region", "en")
    meta = out[(ids.MAP_META, "data")]
    # a filter that keeps the same communes' ranking: nothing sent
    again = render_view(bundle, EXAMPLE.replace(zoom="brussels"), None, meta)
    assert again[(ids.SIDE_BODY, "children")] is no_update
    assert again[(ids.SIDE_MORE, "children")] is no_update
    finer = render_view(bundle, EXAMPLE.replace(level="province"), None, meta)
    assert finer[(ids.SIDE_BODY, "children")][0].children == i18n.t("side.title.province", "en")
