"""The URL is the view: one callback keeps the link, the controls and the state store in
step (a link restores the view; a control change rewrites the link)."""

from __future__ import annotations

import dataclasses

import flask
from dash import Dash, Input, Output, State, ctx, no_update

from dashboard import ids
from dashboard.bundle import DataBundle
from dashboard.state import ViewState, from_query, to_query

# Controls in the order of their values in the callback.
CONTROLS = (ids.LANGUAGE, ids.DATASET, ids.DATE, ids.REGION, ids.PROVINCE, ids.STATUS,
            ids.FLAG, ids.POP_BAND, ids.COMMUNE, ids.LEVEL)  # fmt: skip


def date_keys(bundle: DataBundle) -> list[str]:
    return [d.key for d in bundle.record.published_dates()]


def state_from_controls(values: list, keys: list[str], previous: ViewState) -> ViewState:
    """The view the controls show. An impossible value keeps the previous one."""
    lang, dataset, date_index, region, province, status, flag, pop, commune, level = values
    date = previous.date
    if dataset == "public" and isinstance(date_index, int) and 0 <= date_index < len(keys):
        date = None if date_index == len(keys) - 1 and previous.date is None else keys[date_index]
    try:
        return ViewState(
            dataset=dataset or "public",
            date=date if dataset == "public" else None,
            region=tuple(region or ()),
            province=tuple(province or ()),
            status=tuple(status or ()),
            flag=tuple(flag or ()),
            pop_band=pop or "all",
            commune=commune or None,
            lang=lang or previous.lang,
            level=level or "region",
        )
    except ValueError:
        return previous


def controls_from_state(state: ViewState, keys: list[str]) -> list:
    index = keys.index(state.date) if state.date in keys else len(keys) - 1
    return [
        state.lang,
        state.dataset,
        index,
        list(state.region),
        list(state.province),
        [s.value for s in state.status],
        [f.value for f in state.flag],
        state.pop_band,
        state.commune,
        state.level,
    ]


def state_to_data(state: ViewState) -> dict:
    """JSON for the state store (exact, unlike a link: an upload view stays one)."""
    data = dataclasses.asdict(state)
    data["status"] = [s.value for s in state.status]
    data["flag"] = [f.value for f in state.flag]
    return data


def state_from_data(data: dict | None) -> ViewState:
    if not data:
        return ViewState()
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items()}
    try:
        return ViewState(**fields)
    except (TypeError, ValueError):
        return ViewState()


def register(app: Dash, bundle: DataBundle) -> None:
    keys = date_keys(bundle)
    valid_dates = {"public": keys}
    if bundle.example is not None:
        valid_dates["example"] = [bundle.example.as_of.isoformat()]
    communes = set()
    for data in bundle.vintages.values():
        communes |= set(data.communes["nis"])

    @app.callback(
        Output(ids.URL, "search"),
        Output(ids.STATE, "data"),
        Output(ids.LANG_STORE, "data"),
        Output(ids.NOTICE_KEYS, "data"),
        *[Output(c, "value") for c in CONTROLS],
        Input(ids.URL, "search"),
        *[Input(c, "value") for c in CONTROLS],
        State(ids.STATE, "data"),
        State(ids.LANG_STORE, "data"),
        State(ids.UPLOAD_STORE, "data"),
    )
    def update_state(search, *args):
        values = list(args[: len(CONTROLS)])
        previous_data, lang_now, upload = args[len(CONTROLS) :]
        if ctx.triggered_id in (None, ids.URL) or previous_data is None:
            accept = None
            if flask.has_request_context():
                accept = flask.request.headers.get("Accept-Language")
            state, notices = from_query(
                search,
                valid_dates=valid_dates,
                valid_communes=communes,
                accept_language=accept,
                upload_available=bool(upload),
            )
            if state.dataset == "upload" and not upload:
                state = state.replace(dataset="public")
            new_lang = state.lang if state.lang != lang_now else no_update
            # The address always names the whole view (language included), so that what a
            # user copies restores what they see; a link that needed correcting is rewritten.
            canonical = to_query(state)
            fixed = canonical if canonical != search else no_update
            return (fixed, state_to_data(state), new_lang, notices,
                    *controls_from_state(state, keys))  # fmt: skip
        previous = state_from_data(previous_data)
        state = state_from_controls(values, keys, previous)
        if state.dataset == "upload" and not upload:
            state = state.replace(dataset=previous.dataset)
        new_lang = state.lang if state.lang != lang_now else no_update
        controls = controls_from_state(state, keys)
        # Echo only controls whose value had to change (an impossible choice undone).
        echo = [c if c != v else no_update for c, v in zip(controls, values, strict=True)]
        return (to_query(state) or "", state_to_data(state), new_lang, no_update, *echo)
