"""The filter registry: one declaration drives the state, the link, the controls and the mask."""

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import views
from dashboard.callbacks.state import (
    CONTROLS,
    controls_from_state,
    date_keys,
    state_from_controls,
)
from dashboard.filters import FILTERS, FILTERS_BY_FIELD, POPULATION_BANDS, selection_mask
from dashboard.layout.main import TEXT_TARGETS, option_lists
from dashboard.state import PARAMS, ViewState, from_query, to_query

NOT_FILTERS = {
    "dataset",
    "date",
    "commune",
    "zoom",
    "lang",
    "level",
    "view",
    "cmp_a",
    "cmp_b",
    "present",
}


def test_every_filter_is_a_view_state_field_and_back():
    fields = {f.name for f in dataclasses.fields(ViewState)}
    assert {f.field for f in FILTERS} == fields - NOT_FILTERS
    assert len({f.param for f in FILTERS}) == len(FILTERS)
    assert len({f.control for f in FILTERS}) == len(FILTERS)


def test_every_filter_has_a_control_a_label_options_and_a_link_parameter():
    labels = {target[0]: target[2] for target in TEXT_TARGETS}
    options = option_lists("nl", has_example=True)
    for f in FILTERS:
        assert f.control in CONTROLS
        assert f.param in PARAMS
        assert labels[f.label] == f.label_key
        assert [o["value"] for o in options[f.control]] == list(f.choices)
        assert all(o["label"] and o["label"] != o["value"] for o in options[f.control])


def _chosen(f, data):
    if f.multi:
        return data.draw(st.lists(st.sampled_from(f.choices), max_size=3))
    return data.draw(st.sampled_from(f.choices))


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_each_filter_round_trips_through_link_and_controls(data):
    values = {f.field: _chosen(f, data) for f in FILTERS}
    state = ViewState(**values)
    back, notices = from_query(to_query(state), valid_dates=None)
    assert notices == [] and back == state
    keys = ["2016-05-27"]
    controls = controls_from_state(state, keys)
    assert state_from_controls(controls, keys, ViewState()) == state


def _reference_mask(frame, state):
    """Row by row, as a reader of the filters' labels would apply them."""
    keep = []
    for row in frame.to_dict(orient="records"):
        ok = True
        if state.region:
            ok &= row["region"] in state.region or ("DG" in state.region
                                                     and bool(row["german_speaking"]))  # fmt: skip
        if state.province:
            ok &= row["province"] in state.province
        if state.status:
            ok &= row["status"] in {s.value for s in state.status}
        if state.flag:
            ok &= bool({f.value for f in state.flag} & set(row["flags"]))
        low, high = POPULATION_BANDS[state.pop_band]
        ok &= row["population"] >= low and (high is None or row["population"] < high)
        keep.append(ok)
    return np.array(keep, dtype=bool)


@settings(max_examples=40, deadline=None, print_blob=False)
@given(data=st.data())
def test_masks_keep_exactly_the_communes_the_filters_describe(bundle, data):
    values = {f.field: _chosen(f, data) for f in FILTERS}
    date = data.draw(st.sampled_from(date_keys(bundle)))
    state = ViewState(date=date, **values)
    _shown, frame, mask = views.selection(bundle, state, None)
    assert mask.dtype == bool and len(mask) == len(frame)
    assert (mask.to_numpy() == _reference_mask(frame, state)).all()


def test_the_flag_filter_keeps_the_2016_pilot_communes(bundle):
    state = ViewState(date="2016-05-27", flag=("pilot_2016",))
    _shown, frame, mask = views.selection(bundle, state, None)
    assert mask.sum() == 15  # the 15 pilot communes of 2016


def test_a_value_outside_the_choices_is_refused_everywhere():
    f = FILTERS_BY_FIELD["status"]
    with pytest.raises(ValueError, match="status"):
        f.canonical(["own_cell", "sunny"])
    state, notices = from_query("?status=sunny&pop=huge", valid_dates=None)
    assert state == ViewState(lang=state.lang)
    assert notices == ["notice.link.status", "notice.link.pop"]


def test_an_inactive_filter_costs_nothing_and_keeps_everyone(bundle):
    _shown, frame, _ = views.selection(bundle, ViewState(), None)
    values = {f.field: f.default for f in FILTERS}
    assert selection_mask(frame, values).all()


@pytest.mark.parametrize("f", FILTERS, ids=lambda f: f.field)
def test_each_choice_alone_keeps_the_communes_it_names(bundle, f):
    for date in (date_keys(bundle)[0], date_keys(bundle)[-1]):
        for choice in f.choices:
            state = ViewState(date=date, **{f.field: (choice,) if f.multi else choice})
            _shown, frame, mask = views.selection(bundle, state, None)
            assert (mask.to_numpy() == _reference_mask(frame, state)).all(), (date, choice)


def test_population_bands_include_their_lower_bound_and_exclude_their_upper():
    import pandas as pd

    frame = pd.DataFrame({"population": [0, 4_999, 5_000, 9_999, 10_000, 49_999, 50_000]})
    f = FILTERS_BY_FIELD["pop_band"]
    kept = {band: frame["population"][f.mask(frame, band)].tolist() for band in f.choices}
    assert kept["0-5k"] == [0, 4_999]
    assert kept["5-10k"] == [5_000, 9_999]
    assert kept["20-50k"] == [49_999]
    assert kept["50k-plus"] == [50_000]
    assert kept["all"] == frame["population"].tolist()
