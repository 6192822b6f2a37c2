"""What one click sends: outputs a filter does not change are not sent, the map patch
carries colours only, and what the browser keeps equals what a fresh view would show."""

from __future__ import annotations

import json

import pytest
from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids
from dashboard.callbacks.view import BASE_OUTPUTS, VIEW_OUTPUTS, render_view
from dashboard.state import ViewState


def _json(value) -> str:
    return json.dumps(value, cls=PlotlyJSONEncoder, sort_keys=True)


def _patch_locations(patch) -> list[list]:
    return [op["location"] for op in patch.to_plotly_json()["operations"]]


@pytest.fixture(scope="module")
def first(bundle):
    state = ViewState(date="2019-06-15", lang="fr")
    return state, render_view(bundle, state, None, None)


def test_a_first_view_sends_everything(first):
    _, out = first
    assert set(out) == set(VIEW_OUTPUTS)
    assert not any(v is no_update for v in out.values())
    assert "geojson" in _json(out[(ids.MAP, "figure")])


def test_a_filter_click_sends_only_what_it_changes(bundle, first):
    state, out = first
    meta = out[(ids.MAP_META, "data")]
    click = ViewState(date="2019-06-15", lang="fr", status=("own_cell",))
    again = render_view(bundle, click, None, meta)
    for key in BASE_OUTPUTS:
        assert again[key] is no_update, key
    assert again[(ids.TIMELINE, "figure")] is no_update  # same regions, date, language
    locations = _patch_locations(again[(ids.MAP, "figure")])
    commune_parts = [loc for loc in locations if loc[:2] == ["data", 1]]
    assert commune_parts == [["data", 1, "z"]]  # colours only: no hover text, no geometry
    # what the browser keeps is what a fresh view of the click would show
    fresh = render_view(bundle, click, None, None)
    for key in BASE_OUTPUTS:
        assert _json(fresh[key]) == _json(out[key]), key


def test_the_filter_changes_the_colours(bundle, first):
    _, out = first
    meta = out[(ids.MAP_META, "data")]
    click = ViewState(date="2019-06-15", lang="fr", region=("04000",))
    ops = render_view(bundle, click, None, meta)[(ids.MAP, "figure")].to_plotly_json()
    z = next(
        op["params"]["value"] for op in ops["operations"] if op["location"] == ["data", 1, "z"]
    )
    outside = sum(1 for v in z if v == max(z))  # "outside" is the last category
    assert outside == 581 - 19  # every commune but Brussels's 19 is outside the selection


def test_a_language_change_sends_the_texts_again(bundle, first):
    _, out = first
    meta = out[(ids.MAP_META, "data")]
    nl = render_view(bundle, ViewState(date="2019-06-15", lang="nl"), None, meta)
    assert not any(nl[key] is no_update for key in BASE_OUTPUTS)
    locations = _patch_locations(nl[(ids.MAP, "figure")])
    assert ["data", 1, "text"] in locations
    assert "Brussel" in _json(nl[(ids.MAP, "figure")])


def test_a_division_change_sends_a_whole_figure(bundle, first):
    _, out = first
    meta = out[(ids.MAP_META, "data")]
    older = render_view(bundle, ViewState(date="2016-05-27", lang="fr"), None, meta)
    assert "geojson" in _json(older[(ids.MAP, "figure")])
    assert older[(ids.MAP_META, "data")]["vintage"] == "1977-2018"


def test_province_options_follow_the_regions(bundle, first):
    _, out = first
    meta = out[(ids.MAP_META, "data")]
    flemish = render_view(bundle, ViewState(date="2019-06-15", lang="fr", region=("02000",)),
                          None, meta)  # fmt: skip
    options = {o["value"]: o for o in flemish[(ids.PROVINCE, "options")]}
    assert not options["10000"]["disabled"] and options["50000"]["disabled"]
    assert options["50000"]["label"] == "Hainaut"
    same = render_view(bundle, ViewState(date="2019-06-15", lang="fr", region=("02000",),
                                         status=("own_cell",)),
                       None, flemish[(ids.MAP_META, "data")])  # fmt: skip
    assert same[(ids.PROVINCE, "options")] is no_update


def test_a_flag_filter_on_a_selection_without_flags(bundle, first):
    """Found by the load test: no flagged commune in the selection used to fail."""
    _, out = first
    meta = out[(ids.MAP_META, "data")]
    state = ViewState(date="2019-06-15", lang="fr", region=("03000",), status=("own_cell",),
                      province=("60000",), pop_band="10-20k", flag=("pilot_2016",))  # fmt: skip
    again = render_view(bundle, state, None, meta)
    ops = again[(ids.MAP, "figure")].to_plotly_json()["operations"]
    lon = next(op["params"]["value"] for op in ops if op["location"] == ["data", 2, "lon"])
    assert lon == []


def test_a_link_with_a_zoom_opens_zoomed(bundle):
    from dashboard.figures.map import BRUSSELS_ZOOM, COMMUNE_ZOOM

    out = render_view(bundle, ViewState(date="2019-06-15", zoom="brussels"), None, None)
    assert out[(ids.MAP, "figure")]["layout"]["geo"]["projection"]["scale"] == BRUSSELS_ZOOM
    out = render_view(bundle, ViewState(date="2019-06-15", commune="62063"), None, None)
    geo = out[(ids.MAP, "figure")]["layout"]["geo"]
    assert geo["projection"]["scale"] == COMMUNE_ZOOM
    assert abs(geo["center"]["lat"] - 50.63) < 0.1  # Liège


JOURNEY = (
    {"status": ("own_cell",)},
    {"status": ("none",)},  # same area and reasons: the key figures stay
    {"region": ("03000",)},
    {"region": ("03000",), "level": "province"},
    {"region": ("03000",), "province": ("60000",), "level": "province"},
    {"dataset": "example"},
    {"dataset": "example", "region": ("02000",)},
    {"dataset": "example", "region": ("02000",), "pop_band": "10-20k"},
    {"lang": "nl", "region": ("02000",)},
)


def test_what_the_browser_holds_after_each_click_is_the_fresh_view(bundle, first):
    """A journey of clicks, keeping what each response sends (as the browser does): after
    every click the page equals a fresh render of that view, though each click sent less."""
    _, out = first
    held = {key: _json(value) for key, value in out.items() if key != (ids.MAP, "figure")}
    meta = out[(ids.MAP_META, "data")]
    skipped = set()
    for changes in JOURNEY:
        state = ViewState(date=None if "dataset" in changes else "2019-06-15",
                          **{"lang": "fr", **changes})  # fmt: skip
        sent = render_view(bundle, state, None, meta)
        fresh = render_view(bundle, state, None, None)
        for key, value in sent.items():
            if key == (ids.MAP, "figure"):
                continue
            if value is no_update:
                skipped.add(key)
            else:
                held[key] = _json(value)
            if key != (ids.MAP_META, "data"):
                assert held[key] == _json(fresh[key]), (changes, key)
        meta = sent[(ids.MAP_META, "data")]
    # the breakdown, its notes and the key figures were each spared at least once
    assert {(ids.BREAKDOWN_CHART, "figure"), (ids.BREAKDOWN_NOTES, "children"),
            (ids.KPI, "children")} <= skipped  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "de"])
def test_the_stacked_breakdown_names_its_series_in_the_language(bundle, lang):
    """A file's breakdown stacks the statuses: the legend says them in the page's language
    (as the table and the map's legend do), never as codes."""
    from dashboard import i18n
    from dashboard.coverage.model import Status

    state = ViewState(dataset="example", region=("02000",), level="province", lang=lang)
    chart = render_view(bundle, state, None, None)[(ids.BREAKDOWN_CHART, "figure")]
    names = [trace["name"] for trace in chart["data"]]
    assert names == [i18n.status_label(s, lang) for s in Status]
    assert not {"own_cell", "shared_cell", "none"} & set(names)
