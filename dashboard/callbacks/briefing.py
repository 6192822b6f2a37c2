"""Presentation mode, saved views and downloads (issue 14). Thin: the link carries the
presentation flag (the page callback draws it), :mod:`dashboard.views.saved` keeps the saved
views and :mod:`dashboard.exports.make` writes the files. The arrow keys and Escape, in
presentation mode, press the bar's buttons (``assets/present.js``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import flask
from dash import Dash, Input, Output, State, ctx, dcc, no_update

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_clicks, as_lang, as_snapshot, as_str_list, as_upload
from dashboard.callbacks.state import StateRules, state_from_data
from dashboard.exports.make import ExportError, make_export, make_sheet
from dashboard.layout.briefing import EXPORT_KINDS, build_saved_list, export_button_id
from dashboard.state import from_query, to_query
from dashboard.views import saved as saved_views

log = logging.getLogger(__name__)

EXPORT_BUTTONS = {export_button_id(kind): kind for kind, _ in EXPORT_KINDS}


def _saved(data) -> list[str]:
    return as_str_list(data)[: saved_views.MAX_SAVED]


def saved_outputs(bundle: DataBundle, rules: StateRules, saved: list[str], state_data,
                  upload) -> tuple:  # fmt: skip
    """(list items, clear button hidden, help hidden, presentation counter) for the saved
    views."""
    state = state_from_data(state_data)
    lang = state.lang
    snapshot = as_snapshot(upload)
    items = []
    for key in saved:
        view = saved_views.state_of(key, lang, rules.valid_dates, snapshot is not None)
        query = to_query(view.replace(present=state.present))
        items.append({"query": query, "label": saved_views.label(bundle, view, snapshot)})
    here = saved_views.position(saved, state)
    current = to_query(state)
    if not saved:
        counter = i18n.t("briefing.saved_none", lang)
    elif here is None:
        counter = i18n.t("briefing.unsaved_position", lang, count=len(saved))
    else:
        counter = i18n.t("briefing.saved_position", lang, position=here + 1, count=len(saved))
    listed = build_saved_list(items, current)
    return listed, not saved, bool(saved), counter


def send(make: Callable[[], tuple[str, bytes]], lang: str, what: str) -> tuple:
    """(download, status line) of the file ``make`` writes: the file and "Downloaded: …",
    or no file and why not, in the page's language (a bug is logged, never silent)."""
    lang = as_lang(lang)
    try:
        name, content = make()
    except ExportError as e:
        return no_update, i18n.t("briefing.export.failed", lang, reason=e.message(lang))
    except Exception:  # a bug must not leave the user without an answer
        log.exception("export %s failed for %s", what,
                      flask.request.path if flask.has_request_context() else "-")  # fmt: skip
        return no_update, i18n.t("briefing.export.failed", lang,
                                 reason=i18n.t("briefing.export.unexpected", lang))  # fmt: skip
    return dcc.send_bytes(content, name), i18n.t("briefing.export.done", lang, file=name)


def register(app: Dash, bundle: DataBundle) -> None:
    rules = StateRules.of(bundle)

    # Presentation mode is a flag of the link: the page callback reads it from there.
    app.clientside_callback(
        """function(on, off) {
            const id = window.dash_clientside.callback_context.triggered_id;
            const params = new URLSearchParams(window.location.search);
            if (id === "PRESENT_TOGGLE") { params.set("present", "1"); }
            else { params.delete("present"); }
            const query = "?" + params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":");
            return query === window.location.search ? window.dash_clientside.no_update : query;
        }""".replace("PRESENT_TOGGLE", ids.PRESENT_TOGGLE),
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.PRESENT_TOGGLE, "n_clicks"),
        Input(ids.PRESENT_EXIT, "n_clicks"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.SAVED_VIEWS, "data"),
        Input(ids.SAVE_VIEW, "n_clicks"),
        Input(ids.SAVED_CLEAR, "n_clicks"),
        State(ids.URL, "search"),
        State(ids.SAVED_VIEWS, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def save_view(_save, _clear, search, saved, upload):
        """The view on screen added to the session's saved views (or all forgotten). It is
        read from the link, which names the view from the first moment (the state store
        fills in one round trip later)."""
        if ctx.triggered_id == ids.SAVED_CLEAR:
            return []
        state, _ = from_query(
            search,
            valid_dates=rules.valid_dates,
            valid_communes=rules.communes,
            upload_available=as_upload(upload)[0] is not None,
        )
        return saved_views.add(_saved(saved), state)

    @app.callback(
        Output(ids.SAVED_LIST, "children"),
        Output(ids.SAVED_CLEAR, "hidden"),
        Output(ids.SAVED_HELP, "hidden"),
        Output(ids.PRESENT_COUNTER, "children"),
        Input(ids.SAVED_VIEWS, "data"),
        Input(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
    )
    def show_saved(saved, state_data, upload):
        """The saved views as links in the page's language, and where the view on screen
        is among them."""
        return saved_outputs(bundle, rules, _saved(saved), state_data, upload)

    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True),
        Input(ids.PRESENT_PREV, "n_clicks"),
        Input(ids.PRESENT_NEXT, "n_clicks"),
        State(ids.SAVED_VIEWS, "data"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def step_saved(_prev, _next, saved, state_data, upload):
        """The arrow keys (or the bar's buttons) in presentation mode: the previous or next
        saved view, still presented, in the page's language."""
        state = state_from_data(state_data)
        key = saved_views.step(_saved(saved), state, -1 if ctx.triggered_id == ids.PRESENT_PREV
                               else 1)  # fmt: skip
        if key is None:
            return no_update
        view = saved_views.state_of(key, state.lang, rules.valid_dates,
                                    as_upload(upload)[0] is not None)  # fmt: skip
        return to_query(view.replace(present=state.present))

    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "data"),
        Output(ids.EXPORT_STATUS, "children"),
        *[Input(button, "n_clicks") for button in EXPORT_BUTTONS],
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def download(*args):
        """The file asked for, of the view on screen, in the page's language."""
        state_data, upload = args[-2:]
        kind = EXPORT_BUTTONS.get(str(ctx.triggered_id))
        if kind is None:
            return no_update, no_update
        as_clicks(ctx.triggered[0].get("value"))  # a file is made for a click only
        state = state_from_data(state_data)
        return send(lambda: make_export(bundle, kind, state, as_snapshot(upload)),
                    state.lang, kind)  # fmt: skip

    @app.callback(
        Output(ids.PROFILE_SHEET_FILE, "data"),
        Output(ids.PROFILE_SHEET_STATUS, "children"),
        Input(ids.PROFILE_SHEET, "n_clicks"),
        State(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        prevent_initial_call=True,
    )
    def download_sheet(clicks, state_data, upload):
        """The chosen commune's one-page sheet (PDF), in the page's language."""
        as_clicks(clicks)
        state = state_from_data(state_data)
        return send(lambda: make_sheet(bundle, state, as_snapshot(upload)), state.lang,
                    f"sheet {state.commune}")  # fmt: skip
