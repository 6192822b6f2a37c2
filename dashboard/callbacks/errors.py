"""What the user sees when a callback fails: a message in the page language, never a
traceback (issue 15). ``on_error`` is given to ``Dash(on_error=...)``; :func:`register`
checks the shape of every callback request before Dash's dispatch reads it.

Three kinds of failure, three answers:

- a request that is not one the page sends (invalid JSON, an unknown output, inputs that
  do not match the callback's declaration...): ``400 Bad Request``, one line of plain text,
  before any callback runs (Dash's dispatch would raise on it: a 500);
- a value of the wrong type inside a well-formed request: each callback reads its inputs
  through :mod:`dashboard.callbacks.inputs` and treats it as absent;
- a bug in a callback (an unexpected exception): :func:`on_error` logs it with its
  traceback, server-side, and answers 200 with a message in the page language in the alert
  region (``ids.CALLBACK_ERROR``) through ``dash.set_props``; the outputs are not updated,
  so what is on screen stays as it was. (A failure of the request itself, such as a
  network error or a killed worker, is shown by ``assets/request_errors.js``, with the
  same texts: :func:`alert_texts`.)
"""

from __future__ import annotations

import json
import logging

import flask
from dash import Dash, ctx, html, set_props
from dash._utils import split_callback_id
from dash.exceptions import MissingCallbackContextException, PreventUpdate

from dashboard import i18n, ids

log = logging.getLogger(__name__)

UPDATE_ROUTE = "_dash-update-component"
#: At most this many changed properties in one request (the renderer sends a handful).
MAX_CHANGED = 100
#: Wildcards of pattern-matching ids that give a list of matches.
_MULTI_WILDCARDS = ({"wildcard": "ALL"}, {"wildcard": "ALLSMALLER"}, ["ALL"], ["ALLSMALLER"])

#: The message keys of the alert (see dashboard/i18n/source_errors.py).
CALLBACK_FAILED = "error.callback"
REQUEST_FAILED = "error.request"
RETRY = "error.retry"
#: The class of the alert's button: assets/request_errors.js makes it reload the page.
RETRY_CLASS = "error-retry"


# ------------------------------------------------------------------ the request's shape


def _pattern(declared_id: str) -> dict | None:
    """A pattern-matching id's dict (``'{"nis":["ALL"],"type":"x"}'``), or None for a
    plain id."""
    if not declared_id.startswith("{"):
        return None
    try:
        pattern = json.loads(declared_id)
    except ValueError:
        return None
    return pattern if isinstance(pattern, dict) else None


def _same_property(given: object, declared: str) -> bool:
    return isinstance(given, str) and given.split("@")[0] == declared.split("@")[0]


def _slot_ok(declared: dict, given: object) -> bool:
    """Whether an input, state or output item of the request matches its declaration: a
    plain id's item is ``{"id", "property"[, "value"]}`` with that id and property (the
    renderer leaves out an undefined value); a
    pattern's (``ALL``) a list of such items whose ids have the pattern's keys."""
    pattern = _pattern(declared["id"])

    def item_ok(item: object) -> bool:
        if not isinstance(item, dict) or not _same_property(
            item.get("property"), declared["property"]
        ):
            return False
        if pattern is None:
            return item.get("id") == declared["id"]
        ident = item.get("id")
        return isinstance(ident, dict) and set(ident) == set(pattern)

    if pattern is not None and any(v in _MULTI_WILDCARDS for v in pattern.values()):
        return isinstance(given, list) and all(item_ok(i) for i in given)
    return item_ok(given)


def request_problem(callback_map: dict, body: object) -> str | None:
    """Why a callback request's body is not one the renderer sends (a short fixed phrase,
    never an echo of the request), or None when its shape matches the callback's
    declaration: ``output`` a known callback, ``outputs``, ``inputs`` and ``state`` item by
    item as declared, ``changedPropIds`` (optional) a list of strings. Values are not
    checked here: the callbacks read them (:mod:`dashboard.callbacks.inputs`)."""
    if not isinstance(body, dict):
        return "the body is not a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "unknown output"
    callback = callback_map[output]
    for group in ("inputs", "state"):
        given = body.get(group, [])  # the renderer leaves out an empty list (no state)
        declared = callback[group]
        if not isinstance(given, list) or len(given) != len(declared):
            return f"{group} do not match the callback"
        if not all(_slot_ok(d, g) for d, g in zip(declared, given, strict=True)):
            return f"{group} do not match the callback"
    if not callback.get("no_output"):
        expected = split_callback_id(output)
        given = body.get("outputs")
        if isinstance(expected, dict):  # one output: the item itself (or a list of it)
            expected, given = [expected], given if isinstance(given, list) else [given]
        if not isinstance(given, list) or len(given) != len(expected):
            return "outputs do not match the callback"
        if not all(_slot_ok(d, g) for d, g in zip(expected, given, strict=True)):
            return "outputs do not match the callback"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or len(changed) > MAX_CHANGED:
        return "changedPropIds is not a list"
    if not all(isinstance(c, str) for c in changed):
        return "changedPropIds is not a list of strings"
    return None


def _bad_request(reason: str) -> flask.Response:
    return flask.Response(f"Bad callback request: {reason}.\n", status=400,
                          mimetype="text/plain")  # fmt: skip


def register(app: Dash) -> None:
    """Check every callback request's body before Dash's dispatch reads it: one the page
    would never send answers 400 (a short line of text) instead of failing inside Dash
    (500). Call once, after every callback is registered or before: the callback map is
    read per request."""
    endpoint = app.config.routes_pathname_prefix + UPDATE_ROUTE

    @app.server.before_request
    def _check_callback_request() -> flask.Response | None:
        if flask.request.endpoint != endpoint or flask.request.method != "POST":
            return None
        # Parsed once (Dash's dispatch reads the cache). Not JSON: Flask's own 400; not
        # application/json: its 415 (short pages, no traceback).
        try:
            body = flask.request.get_json()
        except RecursionError:  # nested deeper than the parser goes
            return _bad_request("the body is nested too deeply")
        problem = request_problem(app.callback_map, body)
        if problem is None:
            return None
        log.warning("callback request refused (%s): %.200s", problem, flask.request.get_data())
        return _bad_request(problem)


# ------------------------------------------------------------------ a callback's exception


def page_language() -> str:
    """The language of the page a failed callback came from, without trusting the browser:
    the ``lang`` of the state store or the language store when the callback has one of
    them among its inputs or states and it names a page language; else the browser's
    ``Accept-Language``; else English."""
    try:
        items = [*ctx.inputs_list, *ctx.states_list]
    except MissingCallbackContextException:  # outside a callback: no inputs to read
        items = []
    for item in items:
        if not isinstance(item, dict):
            continue
        value = item.get("value")
        if item.get("id") == ids.STATE and isinstance(value, dict):
            value = value.get("lang")
        elif item.get("id") != ids.LANG_STORE:
            continue
        if isinstance(value, str) and value in i18n.LANGUAGES:
            return value
    header = flask.request.headers.get("Accept-Language") if flask.has_request_context() else None
    return i18n.negotiate_language(None, header) if header else "en"


def alert_texts() -> dict[str, dict[str, str]]:
    """Per language, the alert's texts ({"callback", "request", "retry"}): the layout puts
    them in a data attribute for assets/request_errors.js (no script inline)."""
    return {
        lang: {
            "callback": i18n.t(CALLBACK_FAILED, lang),
            "request": i18n.t(REQUEST_FAILED, lang),
            "retry": i18n.t(RETRY, lang),
            "login": i18n.t("error.login", lang),
            "refused": i18n.t("error.refused", lang),
        }
        for lang in i18n.LANGUAGES
    }


def alert_children(lang: str, key: str = CALLBACK_FAILED) -> list:
    """The alert's content: what happened, and a button that reloads the page (the view
    lives in its address: nothing is lost)."""
    return [
        html.P(i18n.t(key, lang)),
        html.Button(i18n.t(RETRY, lang), className=RETRY_CLASS, type="button"),
    ]


def on_error(err: Exception) -> None:
    """Called by Dash for an exception raised in any callback: logged with its traceback,
    and the page says, in its language, that something went wrong and the data on screen
    is unchanged (the callback's outputs are not updated: Dash answers 200 with the alert
    only). In debug mode (``CSIL_DEBUG``, Flask's ``debug``) the exception goes on to
    Dash's dev tools instead, traceback and all."""
    if isinstance(err, PreventUpdate):  # not an error (Dash does not pass it here)
        raise err
    try:
        output = ctx.outputs_list
    except MissingCallbackContextException:  # only for the log line
        output = "?"
    log.error("callback failed (outputs %.300s)", output, exc_info=err)
    if flask.has_app_context() and flask.current_app.debug:
        raise err  # CSIL_DEBUG: Dash's dev tools show the traceback in the browser
    set_props(ids.CALLBACK_ERROR, {"children": alert_children(page_language())})
