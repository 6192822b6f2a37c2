"""Malformed callback requests (issue 15): none may answer 5xx or show a traceback.

The corpus is built from ``/_dash-dependencies`` (as the renderer and ``bench/load.py``
build a callback's body), so every server callback of the app, present and future, gets
wrong types in each of its inputs and states (numbers for strings, dicts for lists, a list
of 10^5 items, None, unknown option values, huge strings, nested junk, markup), wrong
body shapes (``inputs`` / ``state`` / ``outputs`` / ``changedPropIds``) and requests
Dash's own dispatch cannot read (invalid JSON, an empty body, a wrong content type, an
unknown output). Each must answer 2xx (204: nothing to update) or 4xx. Most go through
Flask's test client; a sample goes over a real socket (werkzeug's server in a thread).
"""

from __future__ import annotations

import copy
import http.client
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from werkzeug.serving import make_server

from dashboard.app import create_app
from dashboard.settings import Settings

UPDATE = "/_dash-update-component"
HEADERS = {"Content-Type": "application/json", "Accept-Language": "fr-BE,fr;q=0.9"}
TRACEBACK_MARKS = ("Traceback", 'File "', "Exception:", "Error:")

#: Values of the wrong type or beyond any option, put in every input and state in turn.
JUNK: dict[str, object] = {
    "number": 12345,
    "float": -1.5e300,
    "not a number": float("nan"),  # json.dumps writes NaN, which Python's parser reads
    "bool": True,
    "dict": {"a": {"b": [1, None]}, "v": 1},
    "list of junk": [None, 1, {"x": 1}, [2], "?"],
    "unknown option": "no-such-option",
    "unknown options": ["zz", "02000", 3],
    "huge string": "é<b>x</b>" * 25_000,
    "long list": list(range(100_000)),
    "nested": json.loads("[" * 60 + "1" + "]" * 60),
    "none": None,
    "empty dict": {},
    "markup": '<a href="javascript:alert(1)">x</a>',
    "dict of strings": {"key": "x", "v": 1, "as_of": 3, "statuses": "x", "cells": None},
}


@dataclass(frozen=True)
class Case:
    name: str
    body: bytes
    content_type: str = "application/json"


@dataclass
class Callback:
    """One server callback as the renderer sees it."""

    output: str
    outputs: list
    inputs: list[dict]
    state: list[dict]

    def body(self, inputs=None, state=None, changed=None, **extra) -> dict:
        out = {
            "output": self.output,
            "outputs": self.outputs,
            "inputs": self.inputs if inputs is None else inputs,
            "state": self.state if state is None else state,
            "changedPropIds": [] if changed is None else changed,
        }
        out.update(extra)
        return out


def _outputs_of(output: str) -> list:
    """Dash's output string ``..a.x...b.y..`` as the renderer's ``outputs`` (a list for a
    multi-output callback, one dict otherwise; pattern ids as dicts)."""
    multi = output.startswith("..")
    parts = output[2:-2].split("...") if multi else [output]
    outs = []
    for part in parts:
        cid, prop = part.rsplit(".", 1)
        ident: object = json.loads(cid) if cid.startswith("{") else cid
        outs.append({"id": ident, "property": prop.split("@")[0]})
    return outs if multi else outs[0]


def _slot(dep: dict, values: dict) -> dict | list:
    """An input or state as the renderer sends it: a pattern (``ALL``) is a list of matches
    (none here), a plain id its value (the layout's, or what the first call set)."""
    if dep["id"].startswith("{"):
        return []
    return {"id": dep["id"], "property": dep["property"],
            "value": copy.deepcopy(values.get((dep["id"], dep["property"])))}  # fmt: skip


def _walk_layout(node: object, found: dict) -> None:
    if isinstance(node, dict):
        props = node.get("props")
        if isinstance(props, dict) and isinstance(props.get("id"), str):
            for prop, value in props.items():
                found[(props["id"], prop)] = value
        for v in node.values():
            _walk_layout(v, found)
    elif isinstance(node, list):
        for v in node:
            _walk_layout(v, found)


def callbacks_of(client) -> list[Callback]:
    """Every server callback of the app, with the values a page opened on ``?lang=fr``
    holds (the layout's, then what the page callback's first answer set)."""
    deps = client.get("/_dash-dependencies").get_json()
    values: dict = {}
    _walk_layout(client.get("/_dash-layout").get_json(), values)
    values[("url", "search")] = "?lang=fr"
    found = [
        Callback(d["output"], _outputs_of(d["output"]),
                 [_slot(i, values) for i in d["inputs"]], [_slot(s, values) for s in d["state"]])
        for d in deps
        if not d.get("clientside_function")
    ]  # fmt: skip
    page = next(c for c in found if c.output.startswith("..url.search...view-state.data"))
    r = client.post(UPDATE, json=page.body(), headers=HEADERS)
    assert r.status_code == 200, r.data[:500]
    for cid, props in r.get_json()["response"].items():
        for prop, value in props.items():
            values[(cid, prop)] = value
    for cb in found:  # again, with what the first answer set (the state store...)
        cb.inputs = [_refresh(s, values) for s in cb.inputs]
        cb.state = [_refresh(s, values) for s in cb.state]
    return found


def _refresh(slot, values: dict):
    if isinstance(slot, dict):
        return {**slot, "value": copy.deepcopy(values.get((slot["id"], slot["property"])))}
    return slot


def _dumps(body: object) -> bytes:
    return json.dumps(body).encode()


def cases_for(cb: Callback) -> Iterator[Case]:
    """Wrong types in each input and state, each with the input named as changed (so the
    callback believes it), then wrong body shapes."""
    tag = cb.output[:40]
    first = cb.inputs[0] if cb.inputs and isinstance(cb.inputs[0], dict) else None
    for group in ("inputs", "state"):
        slots = getattr(cb, group)
        for i, slot in enumerate(slots):
            for junk_name, junk in JUNK.items():
                mutated = copy.deepcopy(slots)
                if isinstance(slot, list):  # a pattern: junk instead of the list of matches,
                    # or as the value of one match
                    pid = {"type": "x", "nis": "11002", "header": "h", "name": "sheet"}
                    mutated[i] = (
                        junk
                        if junk_name in ("dict", "none", "number")
                        else [{"id": pid, "property": "n_clicks", "value": junk}]
                    )
                    changed = [json.dumps(pid, sort_keys=True) + ".n_clicks"]
                else:
                    mutated[i] = {**slot, "value": junk}
                    # an input is named as changed; a state's callback fires for its first
                    # input (as after a click)
                    named = slot if group == "inputs" else first
                    changed = [f"{named['id']}.{named['property']}"] if named else None
                body = cb.body(**{group: mutated}, changed=changed)
                yield Case(f"{tag} {group}[{i}] {slot_name(slot)} = {junk_name}", _dumps(body))
    trigger = [f"{first['id']}.{first['property']}"] if first else []
    shapes: dict[str, dict] = {
        "inputs a dict": cb.body(inputs={"id": "x"}, changed=trigger),
        "inputs a string": cb.body(inputs="junk", changed=trigger),
        "inputs None": {**cb.body(changed=trigger), "inputs": None},
        "inputs empty": cb.body(inputs=[], changed=trigger),
        "inputs without value": cb.body(
            inputs=[
                {k: v for k, v in s.items() if k != "value"} if isinstance(s, dict) else s
                for s in cb.inputs
            ],
            changed=trigger,
        ),  # fmt: skip
        "inputs without id": cb.body(
            inputs=[{"value": 1} for _ in cb.inputs], changed=trigger
        ),  # fmt: skip
        "inputs of numbers": cb.body(inputs=[1 for _ in cb.inputs], changed=trigger),
        "an input too many": cb.body(
            inputs=[*cb.inputs, {"id": "x", "property": "y", "value": 1}], changed=trigger
        ),  # fmt: skip
        "state missing": {k: v for k, v in cb.body(changed=trigger).items() if k != "state"},
        "state a dict": cb.body(state={"a": 1}, changed=trigger),
        "state short": cb.body(state=cb.state[:-1] if cb.state else [1], changed=trigger),
        "outputs junk": cb.body(changed=trigger, outputs="x"),
        "outputs missing": {k: v for k, v in cb.body(changed=trigger).items() if k != "outputs"},
        "outputs of another callback": cb.body(
            changed=trigger, outputs=[{"id": "x", "property": "y"}]
        ),
        "changedPropIds missing": {k: v for k, v in cb.body().items() if k != "changedPropIds"},
        "changedPropIds a string": cb.body(changed="url.search"),
        "changedPropIds of numbers": cb.body(changed=[1, None, {"a": 1}]),
        "changedPropIds unknown": cb.body(changed=["no-such-id.value", "x"]),
        "output unknown": cb.body(changed=trigger, output="no-such-output.children"),
        "output a number": cb.body(changed=trigger, output=7),
        "output missing": {k: v for k, v in cb.body(changed=trigger).items() if k != "output"},
        "everything None": {k: None for k in cb.body()},
    }
    for name, body in shapes.items():
        yield Case(f"{tag} {name}", _dumps(body))


def slot_name(slot) -> str:
    return f"{slot['id']}.{slot['property']}" if isinstance(slot, dict) else "pattern"


def dispatch_cases(cb: Callback) -> Iterator[Case]:
    """Requests Dash's dispatch cannot read at all."""
    good = _dumps(cb.body())
    yield Case("invalid JSON", b'{"output": "x", "inputs": [')
    yield Case("not JSON at all", b"\x00\xff\xfe<html>")
    yield Case("empty body", b"")
    yield Case("JSON null", b"null")
    yield Case("JSON list", b"[1, 2, 3]")
    yield Case("JSON string", b'"output"')
    yield Case("JSON number", b"12")
    yield Case("deep nesting", b'{"output": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    yield Case("wrong content type", good, "text/plain")
    yield Case("form content type", b"output=x&inputs=1", "application/x-www-form-urlencoded")
    yield Case("no content type", good, "")
    yield Case("invalid UTF-8", b'{"output": "\xff\xfe"}')
    yield Case("a clientside callback's output", _dumps(cb.body(output="html-lang-sink.data")))


def _post(client, case: Case):
    headers = dict(HEADERS)
    if case.content_type:
        headers["Content-Type"] = case.content_type
    else:
        headers.pop("Content-Type")
    return client.post(UPDATE, data=case.body, headers=headers)


def _problem(status: int, body: bytes) -> str | None:
    text = body.decode("utf-8", "replace")
    if status >= 500:
        return f"HTTP {status}: {text[:200]!r}"
    marks = [m for m in TRACEBACK_MARKS if m in text]
    if marks:
        return f"HTTP {status} with {marks}: {text[:200]!r}"
    return None


# ------------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def app(bundle):
    return create_app(Settings.from_env({}), bundle)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="module")
def callbacks(client):
    return callbacks_of(client)


@pytest.fixture(scope="module")
def real_server(app):
    """The app behind werkzeug's threaded server on a free loopback port."""
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=10)


# ---------------------------------------------------------------------------------- tests


def test_the_corpus_covers_every_callback_and_has_over_100_requests(callbacks):
    cases = [c for cb in callbacks for c in cases_for(cb)]
    cases += list(dispatch_cases(callbacks[0]))
    assert len(callbacks) >= 20  # every server callback of the app
    assert len({c.body for c in cases}) >= 100
    slots = {(cb.output, i) for cb in callbacks for i, _ in enumerate(cb.inputs + cb.state)}
    assert len(slots) >= 60


def test_no_malformed_request_answers_5xx_or_a_traceback(client, callbacks, caplog):
    problems = []
    for cb in callbacks:
        for case in cases_for(cb):
            r = _post(client, case)
            problem = _problem(r.status_code, r.data)
            if problem:
                problems.append(f"{case.name}: {problem}")
    assert not problems, f"{len(problems)} bad answers:\n" + "\n".join(problems[:60])


def test_requests_the_dispatch_cannot_read_answer_400(client, callbacks):
    problems = []
    for case in dispatch_cases(callbacks[0]):
        r = _post(client, case)
        if not 400 <= r.status_code < 500 or _problem(r.status_code, r.data):
            problems.append(f"{case.name}: HTTP {r.status_code} {r.data[:200]!r}")
    assert not problems, "\n".join(problems)


def test_other_methods_on_the_callback_route_are_no_error(client):
    """PUT and DELETE are refused (405); a GET is the page's catch-all route (the page)."""
    for method in ("get", "put", "delete", "patch"):
        r = getattr(client, method)(UPDATE)
        assert r.status_code < 500 and not _problem(r.status_code, r.data), method
        if method != "get":
            assert r.status_code == 405, method


def test_malformed_requests_over_a_real_socket(real_server, callbacks):
    """A sample over HTTP/1.1 on a socket: what a proxy or a browser would get."""
    page = next(c for c in callbacks if c.output.startswith("..url.search...view-state.data"))
    sample = [*dispatch_cases(page), *list(cases_for(page))[::25]]
    problems = []
    conn = http.client.HTTPConnection("127.0.0.1", real_server, timeout=30)
    try:
        for case in sample:
            headers = dict(HEADERS, **({"Content-Type": case.content_type}
                                       if case.content_type else {}))  # fmt: skip
            if not case.content_type:
                headers.pop("Content-Type")
            conn.request("POST", UPDATE, body=case.body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            problem = _problem(resp.status, data)
            if problem:
                problems.append(f"{case.name}: {problem}")
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", real_server, timeout=30)
    finally:
        conn.close()
    assert len(sample) >= 20
    assert not problems, "\n".join(problems)
    # and the server still answers a good request
    conn = http.client.HTTPConnection("127.0.0.1", real_server, timeout=30)
    conn.request("POST", UPDATE, body=_dumps(page.body()), headers=HEADERS)
    assert conn.getresponse().status == 200
    conn.close()
