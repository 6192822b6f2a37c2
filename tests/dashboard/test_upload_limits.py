"""The upload's limits and faults (issue 15): the request size limit, files the page does not
send, and an import that fails, through the app's real callback endpoint."""

from __future__ import annotations

import base64
import io
import json
import re
import resource
import time

import pytest
from flask import Flask, request
from werkzeug.test import EnvironBuilder

from dashboard import i18n, ids
from dashboard.app import create_app
from dashboard.callbacks import upload as upload_callbacks
from dashboard.coverage.importer import MAX_BYTES
from dashboard.layout.main import build_layout
from dashboard.server import MAX_REQUEST_BYTES, limit_request_size
from dashboard.settings import Settings
from dashboard.upload import ACCEPT, MAX_FILE_BYTES

SETTINGS = Settings.from_env({})
CALLBACK = "/_dash-update-component"
CSV = "nis,commune,status,as_of\n21004,Bruxelles,own_cell,2019-06-15\n"


@pytest.fixture(scope="module")
def app(bundle):
    return create_app(SETTINGS, bundle)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


class Zeros(io.RawIOBase):
    """``size`` bytes of a request body, made as they are read (nothing held in memory);
    counts what was read."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.read_bytes = 0  # how far it was read
        self.position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:  # the test client measures the body by seeking
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.read_bytes, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def readinto(self, buffer) -> int:
        n = max(0, min(len(buffer), self.size - self.position))
        buffer[:n] = b"0" * n
        self.position += n
        self.read_bytes = max(self.read_bytes, self.position)
        return n


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- the request size limit -----------------------------------------------------------


def test_the_largest_file_fits_in_a_request():
    """The browser sends at most MAX_FILE_BYTES: as base64 (4/3) it fits, with room for the
    rest of the callback body; and a file just over the importer's limit still reaches the
    importer (which names its limit)."""
    assert MAX_BYTES < MAX_FILE_BYTES
    assert MAX_FILE_BYTES * 4 / 3 + 100_000 < MAX_REQUEST_BYTES <= 10 * 1024 * 1024


def test_a_100_mb_body_is_refused_unread_with_a_short_413(client):
    body = Zeros(100 * 1024 * 1024)
    before = _rss_mb()
    start = time.monotonic()
    r = client.post(CALLBACK, input_stream=body, content_length=body.size,
                    content_type="application/json")  # fmt: skip
    assert time.monotonic() - start < 5
    assert r.status_code == 413
    assert r.mimetype == "text/plain"
    assert len(r.data) < 200 and b"Traceback" not in r.data and b"<" not in r.data
    assert str(MAX_REQUEST_BYTES).encode() in r.data
    assert body.read_bytes <= 1024 * 1024  # not read (the test client may buffer a little)
    assert _rss_mb() - before < 100


class Streamed(Zeros):
    """A body whose length is not known beforehand (chunked)."""

    def seekable(self) -> bool:
        return False


def _post_streamed(server, body: Streamed, path: str = CALLBACK) -> tuple[str, bytes]:
    """POST ``body`` as a server passes on a chunked request: no Content-Length,
    ``wsgi.input_terminated`` set (the test client cannot send one)."""
    builder = EnvironBuilder(path=path, method="POST", content_type="application/json")
    environ = builder.get_environ()
    environ.pop("CONTENT_LENGTH", None)
    environ["wsgi.input"] = body
    environ["wsgi.input_terminated"] = True
    status = []
    response = b"".join(server.wsgi_app(environ, lambda s, _h, _e=None: status.append(s)))
    return status[0], response


def test_a_body_of_unknown_length_is_cut_at_the_limit(app):
    """Werkzeug alone would stop reading at the limit and let the view answer 400 on the
    cut JSON; the answer is the same short 413, after reading no more than the limit."""
    body = Streamed(50 * 1024 * 1024)
    status, response = _post_streamed(app.server, body)
    assert status.startswith("413")
    assert response.startswith(b"Request body too large") and b"Traceback" not in response
    assert body.read_bytes <= MAX_REQUEST_BYTES + 64 * 1024


def test_a_streamed_body_under_the_limit_reaches_the_view_whole():
    server = Flask(__name__)
    limit_request_size(server, limit=10_000)
    server.add_url_rule("/echo", "echo", lambda: request.get_data(), methods=["POST"])
    status, response = _post_streamed(server, Streamed(9_000), "/echo")
    assert status.startswith("200") and response == b"0" * 9_000
    status, response = _post_streamed(server, Streamed(10_001), "/echo")
    assert status.startswith("413")
    status, response = _post_streamed(server, Streamed(0), "/echo")
    assert status.startswith("200") and response == b""


def test_a_body_under_the_limit_is_not_refused_for_its_size(client):
    r = client.post("/_dash-layout", data=b"x" * (MAX_REQUEST_BYTES - 1000))
    assert r.status_code == 405  # the route's answer to a POST, not 413


# --- the upload callback through the endpoint ------------------------------------------


def _deps(client) -> list[dict]:
    return client.get("/_dash-dependencies").get_json()


def _callback(client, inputs: dict[str, object]) -> dict:
    """Run the upload callback as the browser does; the response's outputs by id."""
    dep = next(d for d in _deps(client) if d["output"].startswith(f"..{ids.UPLOAD_STORE}.data"))
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        cid, prop = part.split(".", 1)
        outputs.append({"id": cid, "property": prop})
    states = {"upload.filename": inputs.get("filename")}
    body = {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": [
            {"id": i["id"], "property": i["property"], "value": inputs.get(i["id"])}
            for i in dep["inputs"]
        ],
        "changedPropIds": [
            f"{k}.{'data' if k == ids.UPLOAD_REJECTED else 'contents'}"
            for k in inputs
            if k != "filename"
        ],  # fmt: skip
        "state": [
            []
            if s["id"].startswith("{")
            else {
                "id": s["id"],
                "property": s["property"],
                "value": states.get(
                    f"{s['id']}.{s['property']}", {"lang": "fr"} if s["id"] == ids.STATE else None
                ),
            }
            for s in dep["state"]
        ],  # fmt: skip
    }
    r = client.post(CALLBACK, data=json.dumps(body), content_type="application/json")
    assert r.status_code in (200, 204), r.data[:2000]
    return r.get_json()["response"] if r.status_code == 200 else {}


def _text(component) -> str:
    """Every text in a rendered component (paragraphs, grid rows), spaces made plain."""
    if isinstance(component, str):
        return component.replace("\u202f", " ").replace("\xa0", " ")
    if isinstance(component, dict):
        return " ".join(_text(v) for v in component.values())
    if isinstance(component, list):
        return " ".join(_text(v) for v in component)
    return ""


def _data_url(data: bytes) -> str:
    return "data:text/csv;base64," + base64.b64encode(data).decode()


def test_a_file_the_page_refused_shows_the_importers_message_in_the_page_language(client):
    out = _callback(client, {ids.UPLOAD_REJECTED: {"name": "liste.xlsx", "size": 7_340_032,
                                                   "reason": "size", "t": 1}})  # fmt: skip
    assert ids.UPLOAD_STORE not in out  # the data already loaded stays
    text = _text(out[ids.UPLOAD_RESULT])
    assert "liste.xlsx" in text and "volumineux" in text  # « fichier trop volumineux »
    assert re.search(r"7\W340\W032", text) and re.search(r"5\W000\W000", text)


def test_a_file_of_another_kind_is_named(client):
    out = _callback(client, {ids.UPLOAD_REJECTED: {"name": "photo.png", "size": 10,
                                                   "reason": "type", "t": 2}})  # fmt: skip
    assert ids.UPLOAD_STORE not in out
    text = _text(out[ids.UPLOAD_RESULT])
    assert "photo.png" in text and ".xlsx" in text


@pytest.mark.parametrize("rejected", [None, "junk", {"reason": "size", "size": "huge",
                         "name": ["x"]}, {"reason": 5}, [1, 2]])  # fmt: skip
def test_junk_in_the_refusal_store_never_fails(client, rejected):
    out = _callback(client, {ids.UPLOAD_REJECTED: rejected})
    assert ids.UPLOAD_STORE not in out


def test_a_file_just_over_the_importers_limit_gets_its_message(client):
    data = CSV.encode() + b"#" * (MAX_BYTES + 10 - len(CSV))
    out = _callback(client, {ids.UPLOAD: _data_url(data), "filename": "big.csv"})
    assert ids.UPLOAD_STORE not in out
    assert "volumineux" in _text(out[ids.UPLOAD_RESULT])


def test_a_good_file_still_imports(client):
    out = _callback(client, {ids.UPLOAD: _data_url(CSV.encode()), "filename": "ok.csv"})
    assert out[ids.UPLOAD_STORE]["data"]["statuses"][0][0] == "21004"
    assert out[ids.DATASET]["value"] == "upload"


def test_an_import_that_raises_says_could_not_be_read_and_logs_it(client, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug in the importer")

    monkeypatch.setattr(upload_callbacks, "import_membership", broken)
    with caplog.at_level("ERROR", logger="dashboard.callbacks.upload"):
        out = _callback(client, {ids.UPLOAD: _data_url(CSV.encode()), "filename": "x.csv"})
    assert ids.UPLOAD_STORE not in out  # the previous data stays
    text = _text(out[ids.UPLOAD_RESULT])
    assert "x.csv" in text and _text(i18n.t("upload.failed", "fr")) in text
    assert any("a bug in the importer" in (r.exc_text or "") or r.exc_info for r in caplog.records)


@pytest.mark.parametrize("contents", ["not a data url", "data:text/csv;base64,@@@", 42,
                                      ["a", "b"], {"x": 1}])  # fmt: skip
def test_junk_contents_never_fail(client, contents):
    out = _callback(client, {ids.UPLOAD: contents, "filename": "junk.csv"})
    assert ids.UPLOAD_STORE not in out


# --- the page ---------------------------------------------------------------------------


def test_the_upload_accepts_only_what_the_importer_reads_and_says_its_limit(bundle):
    layout = build_layout(bundle)
    upload = _find(layout, ids.UPLOAD)
    assert upload.accept == ACCEPT and upload.max_size == MAX_FILE_BYTES
    assert set(ACCEPT.split(",")) >= {".csv", ".xlsx", ".xls", ".ods"}
    assert _find(layout, ids.UPLOAD_REJECTED) is not None
    wrapper = next(c for c in _walk(layout) if getattr(c, "children", None) is upload)
    attrs = wrapper.to_plotly_json()["props"]
    assert attrs["data-upload-max"] == str(MAX_FILE_BYTES)
    assert attrs["data-upload-accept"] == ACCEPT


def test_the_refusal_script_is_a_file_without_eval():
    from dashboard import files

    script = (files.assets_dir() / "upload_limits.js").read_text()
    assert "set_props" in script and ids.UPLOAD_REJECTED in script
    assert "eval(" not in script and "new Function" not in script


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list | tuple) else [children]:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def _find(layout, cid):
    return next((c for c in _walk(layout) if getattr(c, "id", None) == cid), None)
