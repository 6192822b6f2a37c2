"""The geometry routes, compression and the WSGI entry (dashboard/server.py, wsgi.py)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.server import IMMUTABLE, geometry_url
from dashboard.settings import Settings
from geodata import VINTAGE_KEYS, prepared

SETTINGS = Settings.from_env({})
MANIFEST = prepared.read_manifest(SETTINGS.geography_dir)
LAYER_FILES = {"communes": prepared.display_file, "regions": prepared.regions_file}
GZIP = {"Accept-Encoding": "gzip"}


@pytest.fixture(scope="module")
def app(bundle):
    return create_app(SETTINGS, bundle)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def _file(key: str, layer: str) -> tuple[bytes, str]:
    name = LAYER_FILES[layer](key)
    return (SETTINGS.geography_dir / name).read_bytes(), MANIFEST["files"][name]["sha256"]


def _url(bundle, key: str, layer: str) -> str:
    return geometry_url(key, layer, bundle.vintages[key].digest)


# --- geometry_url ---------------------------------------------------------------------


def test_geometry_url_is_versioned_by_the_digest():
    assert geometry_url("2025", "communes", "abc") == "/geometry/2025/communes.geojson?v=abc"
    assert geometry_url("1977-2018", "regions", "d") == "/geometry/1977-2018/regions.geojson?v=d"


def test_geometry_url_respects_the_requests_pathname_prefix():
    assert geometry_url("2025", "communes", "abc", "/atlas/") == (
        "/atlas/geometry/2025/communes.geojson?v=abc"
    )
    assert geometry_url("2025", "communes", "abc", "/atlas").startswith("/atlas/geometry/")


def test_geometry_url_rejects_an_unknown_layer():
    with pytest.raises(ValueError, match="layer"):
        geometry_url("2025", "provinces", "abc")


# --- the routes -----------------------------------------------------------------------


@pytest.mark.parametrize("layer", ["communes", "regions"])
@pytest.mark.parametrize("key", VINTAGE_KEYS)
def test_serves_the_prepared_bytes_with_the_manifest_sha256_as_etag(client, bundle, key, layer):
    body, sha = _file(key, layer)
    r = client.get(_url(bundle, key, layer))
    assert r.status_code == 200
    assert r.data == body  # byte for byte the prepared file
    assert r.mimetype == "application/geo+json"
    assert r.headers["Content-Type"] == "application/geo+json"
    assert r.headers["ETag"] == f'"{sha}"'  # strong, the manifest's sha256
    assert "Content-Encoding" not in r.headers
    assert json.loads(r.data)["type"] == "FeatureCollection"


def test_if_none_match_answers_304(client, bundle):
    body, sha = _file("2025", "communes")
    url = _url(bundle, "2025", "communes")
    r = client.get(url, headers={"If-None-Match": f'"{sha}"'})
    assert r.status_code == 304
    assert r.data == b""
    assert r.headers["ETag"] == f'"{sha}"'
    assert r.headers["Cache-Control"] == IMMUTABLE
    # another tag: the full body
    r = client.get(url, headers={"If-None-Match": '"0000"'})
    assert r.status_code == 200
    assert r.data == body


def test_immutable_only_with_the_division_digest_in_the_url(client, bundle):
    versioned = client.get(_url(bundle, "2025", "communes"))
    assert versioned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    bare = client.get("/geometry/2025/communes.geojson")
    assert bare.status_code == 200
    assert bare.headers["Cache-Control"] == "no-cache"
    assert bare.headers["ETag"] == versioned.headers["ETag"]
    stale = client.get("/geometry/2025/communes.geojson?v=an-older-build")
    assert stale.headers["Cache-Control"] == "no-cache"


def test_gzip_when_accepted_and_it_decompresses_to_the_file(client, bundle):
    for key in bundle.vintages:
        body, sha = _file(key, "communes")
        r = client.get(_url(bundle, key, "communes"), headers=GZIP)
        assert r.status_code == 200
        assert r.headers["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in r.headers["Vary"]
        assert r.mimetype == "application/geo+json"
        assert int(r.headers["Content-Length"]) == len(r.data) < len(body) / 3
        assert gzip.decompress(r.data) == body
        # the gzip representation has its own strong tag (RFC 9110 8.8.3)
        assert r.headers["ETag"] == f'"{sha}:gzip"'
        again = client.get(
            _url(bundle, key, "communes"), headers={**GZIP, "If-None-Match": f'"{sha}:gzip"'}
        )
        assert again.status_code == 304


@pytest.mark.parametrize("accept", ["identity", "br"])
def test_no_gzip_when_not_accepted(client, bundle, accept):
    body, sha = _file("2025", "regions")
    r = client.get(_url(bundle, "2025", "regions"), headers={"Accept-Encoding": accept})
    assert "Content-Encoding" not in r.headers
    assert r.data == body
    assert r.headers["ETag"] == f'"{sha}"'


def test_head_has_the_headers_without_the_body(client, bundle):
    r = client.head(_url(bundle, "2025", "communes"))
    assert r.status_code == 200
    assert r.data == b""
    assert r.headers["ETag"] == f'"{_file("2025", "communes")[1]}"'


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/geometry/1999/communes.geojson", b"1999"),
        ("/geometry/2025/provinces.geojson?v=x", b"provinces"),
    ],
)
def test_unknown_division_or_layer_is_a_short_plain_404(client, path, named):
    r = client.get(path)
    assert r.status_code == 404
    assert r.mimetype == "text/plain"
    assert named in r.data
    assert len(r.data) < 200
    assert "immutable" not in r.headers.get("Cache-Control", "")


def test_routes_follow_a_routes_pathname_prefix(bundle):
    from dash import Dash, html

    from dashboard.server import register_geometry_routes

    app = Dash(__name__, routes_pathname_prefix="/atlas/", requests_pathname_prefix="/atlas/")
    app.layout = html.Div()
    register_geometry_routes(app, bundle, SETTINGS)
    url = geometry_url("2025", "regions", bundle.vintages["2025"].digest, "/atlas/")
    r = app.server.test_client().get(url)
    assert r.status_code == 200
    assert r.data == _file("2025", "regions")[0]


def test_a_bundle_from_another_build_is_refused(bundle, tmp_path):
    from dash import Dash

    from dashboard.server import register_geometry_routes

    folder = tmp_path / "geography"
    shutil.copytree(SETTINGS.geography_dir, folder)
    manifest = json.loads((folder / prepared.MANIFEST).read_text())
    manifest["vintages"]["2025"]["digest"] = "0" * 64
    (folder / prepared.MANIFEST).write_text(json.dumps(manifest))
    other = Settings.from_env({"CSIL_GEOGRAPHY_DIR": str(folder)})
    with pytest.raises(prepared.PreparedDataError, match="2025"):
        register_geometry_routes(Dash(__name__), bundle, other)


# --- compression of the rest of the app -----------------------------------------------


def _index_scripts(client) -> list[str]:
    r = client.get("/", headers=GZIP)
    assert r.status_code == 200
    assert r.headers["Content-Encoding"] == "gzip"
    html = gzip.decompress(r.data).decode()
    return re.findall(r'<script src="([^"]+)"', html)


def test_dash_javascript_bundles_are_gzipped(client):
    scripts = [s for s in _index_scripts(client) if s.startswith("/_dash-component-suites/")]
    renderer = next(s for s in scripts if "dash_renderer" in s)
    plain = client.get(renderer)
    r = client.get(renderer, headers=GZIP)
    assert r.status_code == 200
    assert r.headers["Content-Encoding"] == "gzip"
    assert "javascript" in r.mimetype
    assert gzip.decompress(r.data) == plain.data
    assert len(r.data) < len(plain.data) / 3


def test_callback_json_is_gzipped(client):
    for path in ("/_dash-layout", "/_dash-dependencies"):
        r = client.get(path, headers=GZIP)
        assert r.status_code == 200
        assert r.mimetype == "application/json"
        assert r.headers["Content-Encoding"] == "gzip"
        json.loads(gzip.decompress(r.data))


def test_no_compression_without_accept_encoding(client):
    r = client.get("/_dash-layout")
    assert "Content-Encoding" not in r.headers
    json.loads(r.data)


def test_server_module_imports_no_plotly():
    code = (
        "import sys, dashboard.server; "
        "bad = [m for m in ('plotly', 'geopandas', 'shapely') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


# --- gunicorn -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn_options() -> set[str]:
    from gunicorn.config import KNOWN_SETTINGS

    return {flag for setting in KNOWN_SETTINGS for flag in setting.cli or ()}


def _get(url: str, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, dict(r.headers), r.read()


@pytest.mark.slow
def test_gunicorn_serves_the_wsgi_entry(bundle, tmp_path):
    pytest.importorskip("gunicorn", reason="pip install '.[serve]'")
    port = _free_port()
    cmd = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--workers", "2", "--threads", "8",
        "--bind", f"127.0.0.1:{port}",
        "dashboard.wsgi:server",
    ]  # fmt: skip
    if not Path(cmd[0]).exists():
        cmd[:1] = [sys.executable, "-m", "gunicorn"]
    if "--no-control-socket" in _gunicorn_options():
        cmd.append("--no-control-socket")  # gunicorn >= 24 would open one in ~/.gunicorn
    env = {**os.environ, "CSIL_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("CSIL_GEOGRAPHY_DIR", None)
    env.pop("CSIL_DATA_DIR", None)
    log = tmp_path / "gunicorn.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=Path(__file__).parents[2]
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(f"gunicorn exited with {proc.returncode}:\n{log.read_text()}")
            try:
                status, headers, body = _get(base + "/")
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline:
                    pytest.fail(f"gunicorn did not answer on {base}:\n{log.read_text()}")
                time.sleep(0.3)
        assert status == 200
        assert b"CSIL coverage atlas" in body

        data, sha = _file("2025", "communes")
        url = base + _url(bundle, "2025", "communes")
        status, headers, body = _get(url, GZIP)
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert headers["Content-Type"] == "application/geo+json"
        assert headers["Cache-Control"] == IMMUTABLE
        assert gzip.decompress(body) == data
        with pytest.raises(urllib.error.HTTPError) as not_modified:
            _get(url, {**GZIP, "If-None-Match": headers["ETag"]})
        not_modified.value.close()
        assert not_modified.value.code == 304
        assert headers["ETag"] == f'"{sha}:gzip"'
    finally:
        proc.send_signal(signal.SIGTERM)  # gunicorn's graceful stop
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
