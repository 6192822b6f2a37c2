"""The hostile corpus (:mod:`tests.coverage.hostile`) through the page's upload, over HTTP.

The same files :mod:`tests.coverage.test_hostile_corpus` sends through the importer and
``validate`` are posted here as the browser posts them: a base64 data URL in the upload
callback's request to ``/_dash-update-component``, to the app behind werkzeug's threaded
server on a loopback port, with login and the security headers on (as deployed). Each
answer is a 200 with the security headers and, for a refused file, the upload's error
message in the page language (French here) with its row and column where one applies, no
traceback, and nothing that replaces the data on screen: neither the upload store nor the
dataset choice is in the answer. A file the corpus says is accepted safely is stored.
Time per upload and the server's memory are bounded loosely (seconds, hundreds of MB).
"""

from __future__ import annotations

import base64
import http.client
import json
import resource
import threading
import time

import pytest
from werkzeug.serving import make_server

from bench.load import upload_body
from dashboard import i18n, ids
from dashboard.app import create_app
from dashboard.coverage.importer import MAX_BYTES, import_membership
from dashboard.security import credential_line
from dashboard.settings import Settings
from tests.coverage.hostile import CORPUS, HostileCase

LANG = "fr"
LOGIN = ("analyst", "corpus-password")
SECONDS = 20.0  # one upload, a busy 2-core machine (the importer stops itself at 20 s)
MEMORY = 400 * 2**20  # growth of the server process's peak over the whole corpus


@pytest.fixture(scope="module")
def server(bundle, tmp_path_factory):
    users = tmp_path_factory.mktemp("login") / "users"
    users.write_text(credential_line(*LOGIN) + "\n")
    settings = Settings.from_env({"CSIL_AUTH": "basic", "CSIL_AUTH_FILE": str(users)})
    app = create_app(settings, bundle)
    deps = app.server.test_client().get("/_dash-dependencies", headers=_auth()).get_json()
    httpd = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd.server_port, deps
    finally:
        httpd.shutdown()
        thread.join(timeout=10)


def _auth() -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(":".join(LOGIN).encode()).decode()}


def _post(port: int, body: bytes) -> tuple[http.client.HTTPResponse, bytes, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json", **_auth()}
    start = time.perf_counter()
    try:
        conn.request("POST", "/_dash-update-component", body=body, headers=headers)
        response = conn.getresponse()
        return response, response.read(), time.perf_counter() - start
    finally:
        conn.close()


def _texts(node: object) -> list[str]:
    """Every text of a Dash component tree as JSON."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [t for n in node for t in _texts(n)]
    if isinstance(node, dict):
        return [t for v in node.get("props", {}).values() for t in _texts(v)]
    return []


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _grid_rows(node: object) -> list[dict] | None:
    """The rows of the error table (an AG Grid's ``rowData``) in a component tree."""
    if isinstance(node, list):
        for n in node:
            if (rows := _grid_rows(n)) is not None:
                return rows
    elif isinstance(node, dict):
        props = node.get("props", {})
        if isinstance(props.get("rowData"), list):
            return props["rowData"]
        for v in props.values():
            if (rows := _grid_rows(v)) is not None:
                return rows
    return None


#: Every case, the file over the importer's limit included: the page never sends it
#: (assets/upload_limits.js), but a client other than the page can.
CASES = CORPUS


@pytest.fixture(scope="module")
def peak_before(server) -> int:
    return _peak_rss()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_upload_over_http(server, peak_before, bundle, case: HostileCase) -> None:
    port, deps = server
    data = case.make()
    body = upload_body(deps, case.filename, data, view_state={"lang": LANG})
    response, raw, seconds = _post(port, body)
    text = raw.decode("utf-8", "replace")
    assert response.status == 200, text[:500]
    assert response.getheader("Content-Security-Policy"), "security headers on every answer"
    assert "Traceback" not in text and 'File "' not in text
    assert seconds < SECONDS, seconds
    answer = json.loads(raw)["response"]
    result = answer[ids.UPLOAD_RESULT]["children"]
    shown = " ".join(_texts(result))
    if case.accepted:
        assert ids.UPLOAD_STORE in answer, shown[:500]
        return
    # Refused: nothing replaces the data on screen, and the page says why, in French.
    assert ids.UPLOAD_STORE not in answer and ids.DATASET not in answer, shown[:500]
    assert i18n.t("upload.previous_kept", LANG) in shown
    # The table shows the errors `validate` reports, each at its row and column, in French.
    reference = import_membership(data, filename=case.filename, geography=bundle.geography)
    assert not reference.ok
    rows = _grid_rows(result)
    assert rows is not None, shown[:500]
    assert len(rows) == len(reference.errors)
    for row, error in zip(rows, reference.errors, strict=True):
        assert row["row"] == ("" if error.row is None else error.row)
        assert row["column"] == i18n.issue_column(error, LANG)
        assert row["reason"] == i18n.issue_text(error, LANG)[0] and row["reason"].strip()
    # "Correct these rows" only when there are rows to correct.
    rows_named = any(e.row is not None for e in reference.errors)
    title = "upload.errors_title" if rows_named else "upload.errors_title_file"
    assert i18n.t(title, LANG) in shown
    if len(data) > MAX_BYTES:
        assert any("5" in r["reason"] for r in rows)  # the limit is named


def test_the_corpus_is_large_and_memory_stayed_bounded(server, peak_before) -> None:
    assert len({c.id for c in CASES}) >= 100
    # Runs after the uploads (file order): the server process's peak grew by less than this.
    assert _peak_rss() - peak_before < MEMORY
