"""The gap explorer and the ranking tab: their views (dashboard.views.gaps, .ranking), the
callback's outputs (dashboard.callbacks.gaps.render_analysis) and the map highlight, on the
synthetic frame of tests/coverage and on the shipped data."""

from __future__ import annotations

import dataclasses
import time

import pandas as pd
import pytest
from dash import Patch, no_update

from dashboard import i18n, ids, views
from dashboard.callbacks.gaps import (
    ANALYSIS_OUTPUTS,
    gap_choice,
    ranked_area_choice,
    render_analysis,
    render_area_peers,
)
from dashboard.callbacks.state import (
    CONTROLS,
    STATE_OUTPUTS,
    StateRules,
    controls_from_state,
    next_state,
    state_to_data,
)
from dashboard.coverage.analysis.gaps import gap_rows, gap_summary
from dashboard.coverage.analysis.peers import area_peers
from dashboard.coverage.analysis.ranking import ranking
from dashboard.coverage.model import Status
from dashboard.figures import analysis as figures
from dashboard.figures.config import GRAPH_CONFIG
from dashboard.figures.map import coverage_map_figure
from dashboard.filters import FILTERS, selection_mask
from dashboard.layout import gaps as layout
from dashboard.state import ViewState, peer_subject, to_query
from dashboard.views.gaps import (
    gap_detail,
    gap_table_rows,
    gaps_view,
    selection_summary,
    summary_lines,
    unknown_text,
)
from dashboard.views.ranking import area_options, area_peers_view, mask_bits, ranking_view
from tests.coverage.test_gaps import frame as synthetic_frame

MAP_FIGURE = (ids.MAP, "figure")
EXAMPLE = ViewState(dataset="example")
PUBLIC = ViewState()


def select(bundle, state: ViewState):
    return views.selection(bundle, state, None)


# ----------------------------------------------------------------------------- the summary


@pytest.mark.parametrize(
    ("region", "province"),
    [((), ()), (("03000",), ()), (("DG",), ()), (("02000", "04000"), ()), ((), ("20000",)),
     (("02000",), ("10000",)), ((), ("99999",))],
)  # fmt: skip
def test_selection_summary_is_gap_summary_for_region_and_province(region, province):
    """The page's filter mask gives the analysis layer's summary of the same selection."""
    frame = synthetic_frame()
    values = {f.field: f.default for f in FILTERS} | {"region": region, "province": province}
    mask = pd.Series(selection_mask(frame, values), index=frame.index)
    got = selection_summary(frame, gap_rows(frame), mask)
    want = gap_summary(frame, region=region, province=province)
    assert got == dataclasses.replace(want, region=(), province=())


def test_selection_summary_follows_every_filter(bundle):
    """A population band (not a region or province) chooses the gaps counted too."""
    shown, frame, mask = select(bundle, EXAMPLE.replace(pop_band="5-10k"))
    s = selection_summary(frame, gap_rows(frame), mask)
    sel = frame[mask]
    none = sel[sel["status"] == Status.NONE.value]
    assert s.communes == len(sel) and s.communes_none == len(none)
    assert s.population_none == int(none["population"].sum())
    assert ((none["population"] >= 5000) & (none["population"] < 10000)).all()


def test_unknown_is_never_a_gap_and_is_said_plainly():
    nothing = synthetic_frame(statuses=())
    s = selection_summary(nothing, gap_rows(nothing), pd.Series(True, index=nothing.index))
    assert (s.communes_none, s.communes_unknown) == (0, 10)
    lines = summary_lines(s, "en")
    assert lines[0].startswith("Communes without a cell: 0,")
    text = unknown_text(s, "en")
    assert "10 of the 10 communes shown" in text and "neither counted as without a cell" in text
    some = synthetic_frame()  # one unknown of ten: counted apart, not the headline
    s = selection_summary(some, gap_rows(some), pd.Series(True, index=some.index))
    assert unknown_text(s, "en") == ""
    assert any("unknown, not counted as without a cell: 1 (600 inhabitants)" in line
               for line in summary_lines(s, "en"))  # fmt: skip


def test_summary_line_numbers(bundle):
    shown, frame, mask = select(bundle, EXAMPLE)
    view = gaps_view(bundle, shown, frame, mask, "en")
    s = gap_summary(frame)
    assert view.counts == s
    headline = view.summary[1]  # after the illustrative notice
    assert view.summary[0] == i18n.t("notice.illustrative", "en")
    assert headline.startswith(
        f"Communes without a cell: {s.communes_none}, with "
        f"{i18n.format_number(s.population_none, 'en')} inhabitants; of these, next to a "
        f"commune with a cell: {s.communes_none_bordering_covered} "
    )
    # where the statuses and the population come from, with their dates
    assert "illustrative example (invented data), dated 27 May 2016" in view.summary[-1]
    assert "population on 1 January 2016" in view.summary[-1]
    assert view.population_header == "Population (Statbel, population on 1 January 2016)"
    assert view.status_header == "Status (illustrative example, 27 May 2016)"


def test_public_record_says_most_statuses_are_unknown_and_shows_what_is_known(bundle):
    shown, frame, mask = select(bundle, PUBLIC)
    view = gaps_view(bundle, shown, frame, mask, "en")
    unknown = int((frame["status"] == Status.UNKNOWN.value).sum())
    assert unknown > len(frame) / 2
    assert view.unknown.startswith(f"No source gives a status for {unknown} of the {len(frame)}")
    known = frame[frame["status"].isin([Status.NONE.value, Status.PLANNED.value])]
    assert {r["nis"] for r in view.rows} == set(known["nis"])  # the known gaps, no unknown
    # each status with its own source and date; the sources named in the summary
    basis = view.summary[-1]
    assert basis.startswith("Statuses: the public record as known on 2 July 2021 (sources ")
    for row in view.rows:
        source = frame.loc[frame["nis"] == row["nis"], "source"].iloc[0]
        assert f"— {source}, " in row["status"] and source in basis


# ----------------------------------------------------------------------------- the rows


def test_rows_follow_the_filters_ranked_by_population(bundle):
    state = EXAMPLE.replace(region=("03000",))
    shown, frame, mask = select(bundle, state)
    view = gaps_view(bundle, shown, frame, mask, "en")
    wallonia = set(frame.loc[frame["region"] == "03000", "nis"])
    assert view.rows and {r["nis"] for r in view.rows} <= wallonia
    populations = [r["population"] for r in view.rows]
    assert populations == sorted(populations, reverse=True)
    # the browser's filter (rows whose place ``i`` the mask keeps) gives the same rows
    bits = mask_bits(mask)
    assert [r for r in gap_table_rows(bundle, shown, "en") if bits[r["i"]] == "1"] == list(
        view.rows
    )
    assert all(frame["nis"].iat[r["i"]] == r["nis"] for r in view.rows)


def test_candidates_are_covered_neighbours_and_zone_mates(bundle):
    shown, frame, mask = select(bundle, EXAMPLE)
    by_nis = frame.set_index("nis")
    covered = set(frame.loc[frame["covered"], "nis"])
    names = dict(zip(frame["nis"], frame["name"], strict=True))
    for row in gaps_view(bundle, shown, frame, mask, "en").rows[:40]:
        me = by_nis.loc[row["nis"]]
        neighbours = [n for n in me["neighbours"] if n in covered]
        mates = set(frame.loc[(frame["police_zone"] == me["police_zone"]) & frame["covered"],
                              "nis"]) - {row["nis"]}  # fmt: skip
        assert set(filter(None, row["neighbours"].split(", "))) == {names[n] for n in neighbours}
        assert set(filter(None, row["zone_mates"].split(", "))) == {names[n] for n in mates}
        assert (row["joining"] is None) == (not neighbours and not mates)


def test_detail_of_a_gap_commune(bundle):
    shown, frame, _ = select(bundle, EXAMPLE)
    liege = gap_detail(bundle, shown, "en", "62063")
    assert liege is not None and liege.lines[0] == "Liège (62063)"
    rows = gap_rows(frame).set_index("nis")
    assert liege.candidates == rows.loc["62063", "candidate_communes"]
    assert liege.candidates
    assert frame.set_index("nis").loc[list(liege.candidates), "covered"].all()
    assert any("population on 1 January 2016" in line for line in liege.lines)
    point = frame.set_index("nis").loc["62063", ["lat", "lon"]]
    assert (liege.lat, liege.lon) == (point["lat"], point["lon"])  # its marker point
    covered = frame.loc[frame["covered"], "nis"].iloc[0]
    assert gap_detail(bundle, shown, "en", covered) is None
    assert gap_detail(bundle, shown, "en", None) is None


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_text_in_each_language(bundle, lang):
    shown, frame, mask = select(bundle, PUBLIC.replace(lang=lang))
    view = gaps_view(bundle, shown, frame, mask, lang)
    assert view.summary and view.unknown and view.rows
    rank = ranking_view(bundle, shown, lang, "province", mask_bits(mask))
    assert rank.rows and rank.title and rank.lines
    number = i18n.format_number(view.counts.population_planned, lang)
    assert number in view.summary[1]
    for key in layout.__dict__.values():  # no message key missing in any language
        if isinstance(key, str) and key.startswith("gaps."):
            i18n.t(key, lang)


# ----------------------------------------------------------------------------- ranking


def test_ranking_of_regions_with_references(bundle):
    shown, frame, mask = select(bundle, EXAMPLE)
    view = ranking_view(bundle, shown, "en", "region", mask_bits(mask))
    want = ranking(frame, "region")
    assert [r["unit"] for r in view.rows] == list(want["unit"])
    assert [r["rank"] for r in view.rows] == list(want["rank"])
    shares = [r["share_communes"] for r in view.rows]
    assert shares == sorted(shares, reverse=True)
    assert [r["unit"] for r in view.references] == ["BE", "BE-VLG", "BE-WAL", "BE-DG", "BE-BRU"]
    be = view.references[0]
    assert (be["communes"], be["covered"]) == (len(frame), int(frame["covered"].sum()))
    assert view.population_header.endswith("(Statbel, population on 1 January 2016)")
    assert not any("filters select" in line for line in view.lines)


def test_ranking_counts_the_filtered_communes_with_whole_references(bundle):
    state = EXAMPLE.replace(region=("02000",), pop_band="5-10k", level="province")
    shown, frame, mask = select(bundle, state)
    view = ranking_view(bundle, shown, "en", "province", mask_bits(mask))
    want = ranking(frame[mask], "province")
    assert [r["unit"] for r in view.rows] == list(want["unit"])
    assert {r["unit"] for r in view.rows} <= {"10000", "20001", "30000", "40000", "70000"}
    for r, (_, w) in zip(view.rows, want.iterrows(), strict=True):
        assert (r["communes"], r["covered"], r["none"]) == (
            w["communes"], w["communes_covered"], w["communes_none"])  # fmt: skip
    # references: Belgium and Flanders, over all their communes
    assert [r["unit"] for r in view.references] == ["BE", "BE-VLG"]
    assert view.references[0]["communes"] == len(frame)
    assert any(f"the {int(mask.sum())} of {len(frame)} communes" in line for line in view.lines)


def test_ranking_never_counts_unknown_as_uncovered(bundle):
    shown, frame, mask = select(bundle, PUBLIC)
    view = ranking_view(bundle, shown, "en", "region", mask_bits(mask))
    unknown = int((frame["status"] == Status.UNKNOWN.value).sum())
    assert sum(r["unknown"] for r in view.rows) == unknown
    assert sum(r["none"] for r in view.rows) == int((frame["status"] == "none").sum())
    assert any("never as without a cell" in line and "lower bounds" in line
               for line in view.lines)  # fmt: skip
    assert any("published for Belgium and the regions" in line for line in view.lines)


def test_ranking_is_cached_per_selection(bundle):
    shown, frame, mask = select(bundle, EXAMPLE.replace(status=(Status.NONE, Status.OWN_CELL)))
    bits = mask_bits(mask)
    first = ranking_view(bundle, shown, "nl", "police_zone", bits)
    start = time.perf_counter()
    again = ranking_view(bundle, shown, "nl", "police_zone", bits)
    assert again is first and time.perf_counter() - start < 0.01
    other = ranking_view(bundle, shown, "nl", "police_zone", mask_bits(~mask))
    assert other is not first


def test_ranking_figure(bundle):
    shown, frame, mask = select(bundle, EXAMPLE)
    view = ranking_view(bundle, shown, "en", "province", mask_bits(mask))
    fig = figures.ranking_figure(view)
    assert [t.type for t in fig.data] == ["bar"] * 4 + ["scatter"]
    labels = list(fig.data[0].y)
    assert labels[0].startswith("1. ") and len(labels) == len(view.rows)
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # rank 1 on top
    shares = [r["share_communes"] for r in view.references]
    assert [s.x0 for s in fig.layout.shapes] == shares
    assert fig.layout.shapes[0].name == f"Belgium: {view.references[0]['share_communes_text']}"
    # the parts of each bar add up to the whole area
    for i in range(len(labels)):
        assert sum(fig.data[k].x[i] for k in range(4)) == pytest.approx(1, abs=1e-3)
    empty = ranking_view(bundle, shown, "en", "province", "0" * len(frame))
    assert not figures.ranking_figure(empty).data


# ----------------------------------------------------------------------------- the callback


def _sent(out: dict) -> set:
    return {k for k, v in out.items() if v is not no_update}


def test_only_the_tab_shown_is_computed_and_sent_once(bundle):
    out = render_analysis(bundle, EXAMPLE.replace(view="compare"), None, {})
    assert _sent(out) == set()
    out = render_analysis(bundle, EXAMPLE, None, {})
    sent = _sent(out)
    assert (layout.GAPS_ROWS, "data") in sent and (layout.RANKING_CHART, "figure") not in sent
    keys = out[(layout.ANALYSIS_KEYS, "data")]
    assert _sent(render_analysis(bundle, EXAMPLE, None, keys)) == set()  # nothing new
    # a filter: the summary again, not the rows (the browser filters them by the mask)
    out = render_analysis(bundle, EXAMPLE.replace(region=("03000",)), None, keys)
    assert (layout.GAPS_SUMMARY, "children") in _sent(out)
    assert not {(layout.GAPS_ROWS, "data"), (layout.GAPS_TABLE, "columnDefs")} & _sent(out)
    ranking_out = render_analysis(bundle, EXAMPLE.replace(view="ranking"), None, keys)
    assert (layout.RANKING_CHART, "figure") in _sent(ranking_out)
    assert (layout.GAPS_SUMMARY, "children") not in _sent(ranking_out)


def _patched(patch: Patch) -> dict:
    """A map patch's assignments: trace index -> trace."""
    ops = patch.to_plotly_json()["operations"]
    return {op["location"][1]: op["params"]["value"] for op in ops
            if op["operation"] == "Assign" and op["location"][0] == "data"}  # fmt: skip


def test_a_gap_commune_is_highlighted_and_the_highlight_cleared(bundle):
    state = EXAMPLE.replace(commune="62063")
    out = render_analysis(bundle, state, None, {})
    traces = _patched(out[MAP_FIGURE])
    assert set(traces) == {figures.HIGHLIGHT_OUTLINE, figures.HIGHLIGHT_MARKER}
    detail = gap_detail(bundle, views.shown_data(bundle, "example", None, None), "en", "62063")
    outline = traces[figures.HIGHLIGHT_OUTLINE]
    assert outline["locations"] == ["62063", *detail.candidates]
    assert outline["geojson"].startswith("/geometry/1977-2018/communes.geojson?v=")
    assert traces[figures.HIGHLIGHT_MARKER]["lat"] == [detail.lat]
    keys = out[(layout.ANALYSIS_KEYS, "data")]
    # a filter click keeps it (nothing sent to the map); the language does not change it
    for same in (state.replace(region=("02000",)), state.replace(lang="fr")):
        assert render_analysis(bundle, same, None, keys)[MAP_FIGURE] is no_update
    # another tab: cleared, the traces kept in place (empty)
    out = render_analysis(bundle, state.replace(view="ranking"), None, keys)
    traces = _patched(out[MAP_FIGURE])
    assert traces[figures.HIGHLIGHT_OUTLINE]["locations"] == []
    assert traces[figures.HIGHLIGHT_MARKER]["lat"] == []
    keys = out[(layout.ANALYSIS_KEYS, "data")]
    out = render_analysis(bundle, state.replace(view="compare"), None, keys)
    assert out[MAP_FIGURE] is no_update
    # a commune that is no gap: nothing to highlight
    covered = EXAMPLE.replace(commune="21004")
    assert render_analysis(bundle, covered, None, {})[MAP_FIGURE] is no_update


def test_the_highlight_comes_after_the_maps_own_traces(bundle):
    """The page patches the coverage map's traces by index: the highlight must not move
    them (a new trace in dashboard.figures.map would make this fail)."""
    shown, frame, mask = select(bundle, EXAMPLE)
    layers = views.map_layers(bundle, shown, frame, mask, EXAMPLE, "en")
    fig = coverage_map_figure(layers, "communes.geojson", "regions.geojson")
    assert len(fig.data) == figures.MAP_TRACES == figures.HIGHLIGHT_OUTLINE
    assert figures.HIGHLIGHT_MARKER == figures.MAP_TRACES + 1
    assert MAP_FIGURE in ANALYSIS_OUTPUTS


def test_the_ranking_chart_sends_nothing_off_the_machine():
    """Its config is the page's (no cloud, no link), without a toolbar."""
    assert layout.CHART_CONFIG == {**GRAPH_CONFIG, "displayModeBar": False}


# ----------------------------------------------------------------------------- area peers


def test_area_peers_of_a_province_on_the_public_record(bundle):
    """Antwerp (10000) at the default date: its groups, its rank and its peers' coverage, as
    the analysis layer ranks them; every commune counted whatever the filters."""
    shown, frame, _ = select(bundle, PUBLIC.replace(region=("03000",)))
    view = area_peers_view(bundle, shown, "en", "province", "10000")
    assert view is not None and view.title == "Peer groups of Antwerp"
    groups = area_peers(frame, "province", "10000")
    assert [g.kind for g in view.groups] == ["neighbours", "region", "population_band"]
    assert [g.title for g in view.groups][:2] == [
        "The bordering provinces (one of their communes borders one of its own)",
        "Flemish Region: all its provinces",
    ]
    whole = ranking(frame, "province").set_index("unit")
    for g, v in zip(groups, view.groups, strict=True):
        assert [r["unit"] for r in v.rows] == list(g.members)
        assert v.rank == f"Its rank in this group: {g.rank} of {g.ranked}"
        (subject,) = [r for r in v.rows if r["subject"]]
        assert subject["unit"] == "10000" and subject["rank"] == g.rank
        for r in v.rows:  # each member over all its communes, unknown apart
            w = whole.loc[r["unit"]]
            assert (r["communes"], r["covered"], r["unknown"]) == (
                w["communes"],
                w["communes_covered"],
                w["communes_unknown"],
            )
    neighbours = view.groups[0]
    assert {r["unit"] for r in neighbours.rows} == {"10000", "20001", "40000", "70000"}
    assert neighbours.rank == "Its rank in this group: 2 of 4"
    assert [r["rank"] for r in neighbours.rows] == [1, 2, 3, 3]  # equal shares share a rank
    assert len(view.groups[2].rows) == 6
    # the source and date of every number, and what is not known
    assert "as known on 2 July 2021 (sources S01" in view.lines[0]
    assert "whatever the filters" in view.lines[1]
    assert any("534 of the 581 communes" in line for line in view.lines)
    assert view.columns[-1] == "Population (Statbel, population on 1 January 2020)"


def test_area_peers_are_cached_and_unknown_areas_give_none(bundle):
    shown, _, _ = select(bundle, EXAMPLE)
    first = area_peers_view(bundle, shown, "nl", "police_zone", "5444")
    assert (
        first is not None and area_peers_view(bundle, shown, "nl", "police_zone", "5444") is first
    )
    assert area_peers_view(bundle, shown, "nl", "province", "5444") is None
    assert area_peers_view(bundle, shown, "nl", "province", "") is None
    options = area_options(bundle, shown, "en", "province")
    assert len(options) == 10 and {"label": "Antwerp", "value": "10000"} in options


def test_the_peer_choice_and_its_groups_render_on_the_ranking_tab_only(bundle):
    state = EXAMPLE.replace(view="ranking", level="province")
    out = render_analysis(bundle, state, None, {})
    options = out[PEER_OPTIONS]
    assert len(options) == 10 and out[PEER_CHOICE] is no_update  # none chosen, none held
    keys = out[(layout.ANALYSIS_KEYS, "data")]
    # a filter click sends no options again; a new level sends its own
    again = render_analysis(bundle, state.replace(region=("02000",)), None, keys)
    assert again[PEER_OPTIONS] is no_update
    other = render_analysis(bundle, state.replace(level="region"), None, keys)
    assert len(other[PEER_OPTIONS]) == 3 and other[PEER_CHOICE] is no_update
    children = render_area_peers(bundle, state, None, "10000")
    assert "Peer groups of Antwerp" in str(children) and len(children) == 2 + 3
    assert render_area_peers(bundle, state.replace(view="gaps"), None, "10000") is no_update
    assert render_area_peers(bundle, state, None, None) == []


# ----------------------------------------------------------------------------- the link

PEER_CHOICE = (layout.RANKING_PEER_CHOICE, "value")
PEER_OPTIONS = (layout.RANKING_PEER_CHOICE, "options")
SELECTED = (layout.GAPS_TABLE, "selectedRows")
KEYS = (layout.ANALYSIS_KEYS, "data")
PEER = CONTROLS.index(layout.RANKING_PEER_CHOICE)


def test_the_views_first_area_is_the_peer_choice(bundle):
    """A link's ``a=`` of the breakdown level is the area whose peer groups the ranking
    shows: sent with the list's options (a dropdown drops a value its options lack), and
    sent again only when the browser holds another."""
    state = EXAMPLE.replace(view="ranking", level="province", cmp_a="province:10000")
    out = render_analysis(bundle, state, None, {})
    assert out[PEER_CHOICE] == "10000" and len(out[PEER_OPTIONS]) == 10
    assert out[(layout.RANKING_PEER_KEY, "data")] is not no_update  # the groups are drawn
    assert "Peer groups of Antwerp" in str(render_area_peers(bundle, state, None, "10000"))
    keys = out[KEYS]
    for same in (state.replace(region=("02000",)), state.replace(lang="fr")):
        assert render_analysis(bundle, same, None, keys, peer_choice="10000")[PEER_CHOICE] is (
            no_update
        )
    # chosen elsewhere (the comparison's list): the value alone, its options are there
    limburg = render_analysis(bundle, state.replace(cmp_a="province:70000"), None, keys,
                              peer_choice="10000")  # fmt: skip
    assert limburg[PEER_CHOICE] == "70000" and limburg[PEER_OPTIONS] is no_update
    # an area of another level is ignored by the ranking (the comparison keeps it)
    region = render_analysis(bundle, state.replace(level="region"), None, keys,
                             peer_choice="10000")  # fmt: skip
    assert region[PEER_CHOICE] is None and len(region[PEER_OPTIONS]) == 3
    flanders = state.replace(cmp_a="region:02000")
    assert render_analysis(bundle, flanders, None, {})[PEER_CHOICE] is no_update
    # an area the data shown lacks is not chosen
    zone = state.replace(level="police_zone", cmp_a="police_zone:9999")
    assert render_analysis(bundle, zone, None, keys, peer_choice="5444")[PEER_CHOICE] is None
    # another tab: the list is left alone
    for view in ("gaps", "compare"):
        assert render_analysis(bundle, state.replace(view=view), None, keys,
                               peer_choice="70000")[PEER_CHOICE] is no_update  # fmt: skip


def _page(rules, triggered, state: ViewState, values: list):
    """The page callback's answer to a control change: (state, {output: value})."""
    new, head = next_state(rules, triggered, to_query(state), values, state_to_data(state),
                           state.lang, None)  # fmt: skip
    return new, dict(zip(STATE_OUTPUTS, head, strict=True))


def test_the_peer_choice_is_in_the_link(bundle):
    """Choosing an area (the list, or a row of the ranking table, which sets the list) puts
    it in the link as ``a=``; the page callback reads the list but leaves it to the
    ranking's callback, which sends it with its options."""
    rules = StateRules.of(bundle)
    assert len(CONTROLS) == len(STATE_OUTPUTS) - 4 + 1
    assert PEER_CHOICE not in STATE_OUTPUTS and (ids.COMPARE_A, "value") in STATE_OUTPUTS
    link = "?lang=en&dataset=example&level=province&view=ranking&a=province:10000"
    state, head = next_state(rules, None, link, [None] * len(CONTROLS), None, "en", None)
    assert state.cmp_a == "province:10000" and peer_subject(state) == "10000"
    assert len(head) == len(STATE_OUTPUTS) and head[0] is no_update  # the link as it was
    values = controls_from_state(state, rules.keys)
    assert values[PEER] == "10000"

    values[PEER] = "70000"  # Limburg chosen
    limburg, out = _page(rules, layout.RANKING_PEER_CHOICE, state, values)
    assert limburg.cmp_a == "province:70000"
    assert out[(ids.URL, "search")].endswith("&level=province&view=ranking&a=province:70000")
    assert out[(ids.COMPARE_A, "value")] == "province:70000"  # the comparison's first side
    values = controls_from_state(limburg, rules.keys)
    values[PEER] = None  # the list emptied
    emptied, out = _page(rules, layout.RANKING_PEER_CHOICE, limburg, values)
    assert emptied.cmp_a is None and "a=" not in out[(ids.URL, "search")]

    # Only the list's own change chooses: a filter click while it holds another value (the
    # ranking's callback has not sent the state's yet) keeps the link's area.
    values = controls_from_state(state, rules.keys)
    values[PEER] = "70000"
    values[CONTROLS.index(ids.REGION)] = ["02000"]
    clicked, _ = _page(rules, ids.REGION, state, values)
    assert clicked.cmp_a == "province:10000" and clicked.region == ("02000",)
    # An area of another level (the comparison's) is not shown by the list: emptying the
    # list, or another tab's change of it, keeps it.
    other = state.replace(cmp_a="region:02000")
    values = controls_from_state(other, rules.keys)
    assert values[PEER] is None
    kept, _ = _page(rules, layout.RANKING_PEER_CHOICE, other, values)
    assert kept.cmp_a == "region:02000"
    on_compare = other.replace(view="compare")
    values = controls_from_state(on_compare, rules.keys)
    values[PEER] = "70000"
    compare, _ = _page(rules, layout.RANKING_PEER_CHOICE, on_compare, values)
    assert compare.cmp_a == "region:02000"


def test_the_pages_commune_is_the_row_selected(bundle):
    """A link's (or the search box's) commune is the gap table's selected row when it is a
    gap, with its detail; none otherwise. Sent when it changes only."""
    state = EXAMPLE.replace(commune="62063")
    out = render_analysis(bundle, state, None, {})
    assert out[SELECTED] == {"ids": ["62063"]}
    assert "Liège (62063)" in str(out[(layout.GAPS_DETAIL, "children")])
    # the ids are the table's row ids (getRowId: the row's NIS code)
    assert layout.build_gaps_tab().children[4].getRowId == "params.data.nis"
    assert any(r["nis"] == "62063" for r in out[(layout.GAPS_ROWS, "data")])
    keys = out[KEYS]
    for same in (state.replace(region=("03000",)), state.replace(lang="nl")):
        assert render_analysis(bundle, same, None, keys)[SELECTED] is no_update
    gent = render_analysis(bundle, state.replace(commune="44021"), None, keys)
    assert gent[SELECTED] == {"ids": ["44021"]}
    keys = gent[KEYS]
    for no_gap in ("21004", None):  # a commune with a cell, or none: no row selected
        cleared = render_analysis(bundle, state.replace(commune=no_gap), None, keys)
        assert cleared[SELECTED] == []
    assert render_analysis(bundle, state.replace(view="ranking"), None, keys)[SELECTED] is (
        no_update
    )
    assert render_analysis(bundle, EXAMPLE, None, {})[SELECTED] is no_update  # none, none held


def test_a_row_is_chosen_once():
    """The table's selection chooses the commune (or the area) unless it is chosen already:
    the selection the page gives the table does not choose it again (no loop)."""
    liege = {"nis": "62063", "name": "Liège", "i": 3}
    assert gap_choice([liege], None) == ("62063", [{"label": "Liège", "value": "62063"}])
    assert gap_choice([liege], "44021")[0] == "62063"
    for rows, commune in (([liege], "62063"), ([], "62063"), (None, None),
                          ({"ids": ["62063"]}, None)):  # fmt: skip
        assert gap_choice(rows, commune) == (no_update, no_update)
    assert ranked_area_choice([{"unit": "10000"}], None) == "10000"
    assert ranked_area_choice([{"unit": "10000"}], "70000") == "10000"
    assert ranked_area_choice([{"unit": "10000"}], "10000") is no_update
    assert ranked_area_choice([], "10000") is no_update
