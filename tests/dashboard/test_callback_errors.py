"""A callback that fails (issue 15): the page says so in its language, the outputs stay as
they were, the server logs the traceback and the browser never sees it."""

from __future__ import annotations

import json
import logging

import pytest

from dashboard import i18n, ids
from dashboard.app import create_app
from dashboard.callbacks import errors
from dashboard.callbacks import gaps as gaps_callbacks
from dashboard.callbacks import profile as profile_callbacks
from dashboard.callbacks import texts as text_callbacks
from dashboard.callbacks.state import state_to_data
from dashboard.layout import gaps as gaps_layout
from dashboard.layout import profile as profile_layout
from dashboard.settings import Settings
from dashboard.state import ViewState

UPDATE = "/_dash-update-component"
SECRET = "secret-detail-of-the-bug"


@pytest.fixture(scope="module")
def app(bundle):
    return create_app(Settings.from_env({}), bundle)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _body(app, output_start: str, values: dict, changed: str) -> dict:
    """A callback request as the renderer sends it, for the callback whose output string
    starts with ``output_start``; ``values``: (id, property) -> value."""
    output = next(k for k in app.callback_map if k.startswith(output_start))
    callback = app.callback_map[output]
    outs = [o for o in output[2:-2].split("...")] if output.startswith("..") else [output]
    outputs = [{"id": o.rsplit(".", 1)[0], "property": o.rsplit(".", 1)[1]} for o in outs]

    def slot(d):
        return {"id": d["id"], "property": d["property"],
                "value": values.get((d["id"], d["property"]))}  # fmt: skip

    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [slot(d) for d in callback["inputs"]],
        "state": [slot(d) for d in callback["state"]],
        "changedPropIds": [changed],
    }


def _boom(*_args, **_kwargs):
    raise RuntimeError(SECRET)


def _alert_text(answer: dict) -> str:
    """The text the alert region is given through set_props (``sideUpdate``)."""
    children = answer["sideUpdate"][ids.CALLBACK_ERROR]["children"]
    return json.dumps(children, ensure_ascii=False)


def _check_failure(r, lang: str, caplog) -> dict:
    assert r.status_code == 200
    text = r.get_data(as_text=True)
    for leak in ("Traceback", 'File "', SECRET, "RuntimeError"):
        assert leak not in text
    answer = r.get_json()
    assert "response" not in answer or not answer["response"]  # the outputs are unchanged
    alert = _alert_text(answer)
    assert i18n.t("error.callback", lang) in alert
    assert i18n.t("error.retry", lang) in alert
    assert errors.RETRY_CLASS in alert  # the button request_errors.js makes reload the page
    logged = [rec for rec in caplog.records if rec.exc_info and rec.levelno >= logging.ERROR]
    assert logged, "the exception is logged server-side"
    assert str(logged[-1].exc_info[1]) == SECRET  # with its traceback
    return answer


def test_a_failing_callback_says_so_in_the_state_store_language(app, client, monkeypatch,
                                                                 caplog):  # fmt: skip
    monkeypatch.setattr(profile_callbacks, "render_profile", _boom)
    state = state_to_data(ViewState(lang="de", view="commune"))
    body = _body(app, f"..{profile_layout.PROFILE_BODY}.children", {(ids.STATE, "data"): state},
                 f"{ids.STATE}.data")  # fmt: skip
    with caplog.at_level(logging.ERROR):
        r = client.post(UPDATE, json=body, headers={"Accept-Language": "nl"})
    _check_failure(r, "de", caplog)


def test_the_language_store_names_the_language(app, client, monkeypatch, caplog):
    monkeypatch.setattr(text_callbacks, "build_notices", _boom)
    body = _body(app, f"{ids.NOTICES}.children",
                 {(ids.NOTICE_KEYS, "data"): [], (ids.LANG_STORE, "data"): "nl"},
                 f"{ids.LANG_STORE}.data")  # fmt: skip
    with caplog.at_level(logging.ERROR):
        r = client.post(UPDATE, json=body, headers={"Accept-Language": "de"})
    _check_failure(r, "nl", caplog)


@pytest.mark.parametrize(
    ("header", "lang"),
    [("fr-BE,fr;q=0.9,en;q=0.5", "fr"), ("nl-BE", "nl"), (None, "en"), ("ja, zh", "en")],
)
def test_without_a_store_the_browser_language_then_english(app, client, monkeypatch, caplog,
                                                           header, lang):  # fmt: skip
    monkeypatch.setattr(gaps_callbacks, "ranked_area_choice", _boom)
    body = _body(app, f"{gaps_layout.RANKING_PEER_CHOICE}.value",
                 {(gaps_layout.RANKING_TABLE, "selectedRows"): [{"unit": "10000"}]},
                 f"{gaps_layout.RANKING_TABLE}.selectedRows")  # fmt: skip
    headers = {"Accept-Language": header} if header else {}
    with caplog.at_level(logging.ERROR):
        r = client.post(UPDATE, json=body, headers=headers)
    _check_failure(r, lang, caplog)


def test_a_forged_store_language_is_not_believed(app, client, monkeypatch, caplog):
    monkeypatch.setattr(text_callbacks, "build_notices", _boom)
    body = _body(app, f"{ids.NOTICES}.children",
                 {(ids.LANG_STORE, "data"): "<b>xx</b>"}, f"{ids.LANG_STORE}.data")  # fmt: skip
    with caplog.at_level(logging.ERROR):
        r = client.post(UPDATE, json=body, headers={"Accept-Language": "de-BE"})
    _check_failure(r, "de", caplog)
    assert "<b>xx</b>" not in r.get_data(as_text=True)


def test_a_callback_that_works_sends_no_alert(app, client):
    body = _body(app, f"{ids.NOTICES}.children",
                 {(ids.NOTICE_KEYS, "data"): ["notice.link.malformed"],
                  (ids.LANG_STORE, "data"): "fr"}, f"{ids.LANG_STORE}.data")  # fmt: skip
    r = client.post(UPDATE, json=body)
    assert r.status_code == 200
    answer = r.get_json()
    assert "sideUpdate" not in answer
    assert i18n.t("notice.link.malformed", "fr") in json.dumps(answer, ensure_ascii=False)


def test_the_page_has_the_alert_region_with_every_language_text(client):
    layout = json.dumps(client.get("/_dash-layout").get_json(), ensure_ascii=False)
    assert f'"id": "{ids.CALLBACK_ERROR}"' in layout
    region = errors.alert_texts()
    assert set(region) == set(i18n.LANGUAGES)
    for texts in region.values():
        assert set(texts) == {"callback", "request", "retry", "login", "refused"}
    assert '"role": "alert"' in layout
    assert "data-texts" in layout


def test_a_malformed_request_is_a_short_400_before_any_callback(app, client, monkeypatch):
    monkeypatch.setattr(text_callbacks, "build_notices", _boom)
    body = _body(app, f"{ids.NOTICES}.children", {}, f"{ids.LANG_STORE}.data")
    body["inputs"] = body["inputs"][:1]
    r = client.post(UPDATE, json=body)
    assert r.status_code == 400
    assert r.mimetype == "text/plain"
    assert r.get_data(as_text=True).startswith("Bad callback request: inputs")
    assert errors.request_problem(app.callback_map, body) is not None
    body = _body(app, f"{ids.NOTICES}.children", {}, f"{ids.LANG_STORE}.data")
    assert errors.request_problem(app.callback_map, body) is None


def test_in_debug_mode_the_exception_reaches_dash(app, client, monkeypatch, caplog):
    """CSIL_DEBUG (Flask's debug): Dash's dev tools get the exception, traceback and all."""
    monkeypatch.setattr(text_callbacks, "build_notices", _boom)
    monkeypatch.setattr(app.server, "debug", True)
    body = _body(app, f"{ids.NOTICES}.children", {(ids.LANG_STORE, "data"): "fr"},
                 f"{ids.LANG_STORE}.data")  # fmt: skip
    with caplog.at_level(logging.ERROR):
        r = client.post(UPDATE, json=body)
    assert r.status_code == 500
    assert "sideUpdate" not in r.get_data(as_text=True)
