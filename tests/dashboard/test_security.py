"""Production posture (issue 15, dashboard/security.py): optional login on every route,
security headers and a CSP without 'unsafe-eval', no version disclosure, no development
routes or tracebacks with debug off."""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import io
import re
import sys
import threading
import urllib.request

import pytest
from werkzeug.serving import make_server

from dashboard import cli, security
from dashboard.app import create_app
from dashboard.server import geometry_url
from dashboard.settings import Settings

PASSWORD = "correct horse battery staple"
VERSION_MARKS = ("dash_version", "python_version", "plotly_version", "ddk_version", "Werkzeug",
                 sys.version.split()[0], "Python/")  # fmt: skip


def _basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@pytest.fixture(scope="module")
def auth_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("auth") / "users"
    path.write_text(
        "# atlas users\n\n"
        + security.credential_line("alice", PASSWORD) + "\n"
        + security.credential_line("bob", "another one") + "\n",
        encoding="utf-8",
    )  # fmt: skip
    return path


def _app(bundle, **env):
    return create_app(Settings.from_env(env), bundle)


@pytest.fixture(scope="module")
def open_app(bundle):
    return _app(bundle)


@pytest.fixture(scope="module")
def basic_app(bundle, auth_file):
    return _app(bundle, CSIL_AUTH="basic", CSIL_AUTH_FILE=str(auth_file),
                CSIL_AUTH_REALM="CSIL test")  # fmt: skip


@pytest.fixture(scope="module")
def header_app(bundle):
    return _app(bundle, CSIL_AUTH="header", CSIL_AUTH_HEADER="X-Remote-User")


def _text_callback(client, headers) -> dict:
    """A real callback body (the profile-correction texts, from the language store)."""
    deps = client.get("/_dash-dependencies", headers=headers).get_json()
    dep = next(d for d in deps if d["output"].startswith("..profile-correction-title."))
    outputs = []
    for part in dep["output"].strip(".").split("..."):
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component, "property": prop})
    inputs = [{**dep["inputs"][0], "value": "fr"}]
    return {"output": dep["output"], "outputs": outputs, "inputs": inputs, "state": [],
            "changedPropIds": ["lang-store.data"]}  # fmt: skip


def _routes(client, bundle, headers=None) -> dict[str, tuple[str, str, dict | None, int]]:
    """name → (method, url, json body, status expected when allowed in). Built with
    ``headers`` (the allowed credentials): the page registers the component suites."""
    headers = headers or {}
    html = client.get("/", headers=headers).get_data(as_text=True)
    suite = re.search(r'src="(/_dash-component-suites/[^"]+)"', html)[1]
    geometry = geometry_url("2025", "communes", bundle.vintages["2025"].digest)
    return {
        "page": ("GET", "/?lang=fr&date=2019-06-15", None, 200),
        "layout": ("GET", "/_dash-layout", None, 200),
        "dependencies": ("GET", "/_dash-dependencies", None, 200),
        "callback": ("POST", "/_dash-update-component", _text_callback(client, headers), 200),
        "asset": ("GET", "/assets/style.css", None, 200),
        "component suite": ("GET", suite, None, 200),
        "geometry": ("GET", geometry, None, 200),
        "favicon": ("GET", "/_favicon.ico", None, 200),
        "404": ("GET", "/geometry/nope/communes.geojson", None, 404),
    }


def _call(client, route, headers=None):
    method, url, body, _ = route
    if method == "POST":
        return client.post(url, json=body, headers=headers or {})
    return client.get(url, headers=headers or {})


def _assert_headers(r) -> None:
    h = r.headers
    csp = h["Content-Security-Policy"]
    assert "'unsafe-eval'" not in csp
    script_src = re.search(r"script-src ([^;]+)", csp)[1]
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'self'",
                      "frame-ancestors 'none'", "form-action 'self'", "connect-src 'self'",
                      "img-src 'self' data: blob:"):  # fmt: skip
        assert directive in csp
    assert h["X-Frame-Options"] == "DENY"
    assert h["X-Content-Type-Options"] == "nosniff"
    assert h["Referrer-Policy"] == "same-origin"
    assert h["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in h["Permissions-Policy"]
    assert "Werkzeug" not in h.get("Server", "")


# --- no login: as before, with the headers -----------------------------------------------


def test_without_login_every_route_answers_as_before_with_the_headers(open_app, bundle):
    client = open_app.server.test_client()
    for name, route in _routes(client, bundle).items():
        r = _call(client, route)
        assert r.status_code == route[3], (name, r.status_code, r.data[:200])
        assert "WWW-Authenticate" not in r.headers
        _assert_headers(r)


def test_the_csp_lists_every_inline_script_of_the_page_as_sent(open_app):
    client = open_app.server.test_client()
    for url in ("/", "/?lang=nl&dataset=example", "/some/deep/link"):
        r = client.get(url)
        csp = r.headers["Content-Security-Policy"]
        html = re.sub(r"<!--.*?-->", "", r.get_data(as_text=True), flags=re.S)  # never run
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
        inline = [body for attrs, body in scripts if "src=" not in attrs
                  and "application/json" not in attrs]  # fmt: skip
        assert len(inline) >= 2  # the clientside callbacks and the renderer at least
        for body in inline:
            digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, body[:80]
        # the data block (not run, so not hashed) no longer names versions
        config = next(b for a, b in scripts if 'id="_dash-config"' in a)
        assert '"ui":false' in config and "requests_pathname_prefix" in config


def test_no_response_names_a_version(open_app, bundle):
    import dash

    client = open_app.server.test_client()
    dash_marks = (dash.__version__, dash.__version__.replace(".", "_"))
    for name, route in _routes(client, bundle).items():
        r = _call(client, route)
        head = "\n".join(f"{k}: {v}" for k, v in r.headers.items())
        body = r.data.decode("latin-1") if name != "component suite" else ""
        for mark in (*VERSION_MARKS, *(dash_marks if name in ("page", "layout") else ())):
            assert mark not in head and mark not in body, (name, mark)


def test_the_rewritten_asset_urls_are_served_and_cached(open_app):
    client = open_app.server.test_client()
    html = client.get("/").get_data(as_text=True)
    suites = re.findall(r'src="(/_dash-component-suites/[^"]+)"', html)
    assert len(suites) >= 5
    for url in suites:
        r = client.get(url)
        assert r.status_code == 200 and r.cache_control.max_age == 31536000, url
    favicon = re.search(r'href="(/_favicon\.ico[^"]*)"', html)[1]
    assert client.get(favicon).status_code == 200


def test_development_routes_answer_404_with_debug_off(open_app):
    client = open_app.server.test_client()
    client.get("/")
    maps = sorted(f"/_dash-component-suites/{pkg}/{path}"
                  for pkg, paths in open_app.registered_paths.items()
                  for path in paths if path.endswith(".map")
                  and importlib.resources.files(pkg).joinpath(path).is_file())  # fmt: skip
    assert maps, "Dash registers source maps"
    for url in (maps[0], "/_reload-hash"):
        r = client.get(url)
        assert r.status_code == 404 and r.mimetype == "text/plain", url
        _assert_headers(r)
    open_app.server.debug = True  # what `serve --debug` sets: the maps are served again
    try:
        assert client.get(maps[0]).status_code == 200
        assert client.get("/_reload-hash").status_code == 200
    finally:
        open_app.server.debug = False


@pytest.mark.parametrize("url", [
    "/_dash-component-suites/nope/x.js",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.vBAD.min.js",
    "/_dash-component-suites/dash/no/such/file.js",
    "/_dash-component-suites/dash/dash-renderer/build/dash_renderer.min.js.map",
])  # fmt: skip
def test_an_unknown_component_path_is_a_plain_404(open_app, url):
    client = open_app.server.test_client()
    client.get("/")
    r = client.get(url)
    assert r.status_code == 404 and r.mimetype == "text/plain"
    assert b"registered" not in r.data and len(r.data) < 100


def test_an_error_shows_no_traceback(bundle):
    app = _app(bundle)
    assert app.server.config["PROPAGATE_EXCEPTIONS"] is False

    def boom():
        raise RuntimeError("secret detail")

    app.server.add_url_rule("/boom", "boom", boom)
    r = app.server.test_client().get("/boom")
    assert r.status_code == 500
    body = r.get_data(as_text=True)
    assert "secret detail" not in body and "Traceback" not in body and "RuntimeError" not in body
    _assert_headers(r)


# --- basic login ---------------------------------------------------------------------------


def test_basic_login_protects_every_route(basic_app, bundle):
    client = basic_app.server.test_client()
    good = _basic("alice", PASSWORD)
    routes = _routes(client, bundle, good)
    wrong = {"none": {}, "wrong password": _basic("alice", "wrong"),
             "unknown user": _basic("mallory", PASSWORD),
             "other's password": _basic("bob", PASSWORD),
             "not basic": {"Authorization": "Bearer abc"}}  # fmt: skip
    for name, route in routes.items():
        for why, headers in wrong.items():
            r = _call(client, route, headers)
            assert r.status_code == 401, (name, why, r.status_code)
            assert r.headers["WWW-Authenticate"].startswith('Basic realm="CSIL test"')
            assert r.mimetype == "text/plain" and r.data == security.LOGIN_REQUIRED.encode()
            _assert_headers(r)
        r = _call(client, route, good)
        assert r.status_code == route[3], (name, r.status_code)
        _assert_headers(r)
    assert _call(client, routes["page"], _basic("bob", "another one")).status_code == 200
    # the login is checked before anything reads the request: no 400 or 413 for strangers
    for body, length in ((b"{not json", {}), (b"x" * 100, {"CONTENT_LENGTH": str(10**9)})):
        r = client.post("/_dash-update-component", data=body, content_type="application/json",
                        environ_overrides=length)  # fmt: skip
        assert r.status_code == 401
        r = client.post("/_dash-update-component", data=body, content_type="application/json",
                        environ_overrides=length, headers=good)  # fmt: skip
        assert r.status_code in (400, 413)


def test_a_pair_that_passed_skips_scrypt_and_an_unknown_user_does_not(monkeypatch, auth_file):
    login = security.BasicLogin(security.read_credentials(auth_file))
    calls = []
    real = security.check_password_hash
    monkeypatch.setattr(security, "check_password_hash",
                        lambda h, p: calls.append(h) or real(h, p))  # fmt: skip

    def auth(user, password):
        from werkzeug.datastructures import Authorization

        return Authorization("basic", {"username": user, "password": password})

    assert login.user(auth("alice", PASSWORD)) == "alice" and len(calls) == 1
    assert login.user(auth("alice", PASSWORD)) == "alice" and len(calls) == 1  # remembered
    assert login.user(auth("alice", "nope")) is None and len(calls) == 2
    assert login.user(auth("alice", "nope")) is None and len(calls) == 3  # never remembered
    assert login.user(auth("nobody", "x")) is None and len(calls) == 4  # a dummy hash, same cost
    assert calls[-1].startswith("scrypt:")


@pytest.mark.parametrize(("content", "expected"), [
    ("alice:hunter2\n", ":1: the password of 'alice' is not a password hash"),
    ("# users\nalice:{hash}\nbob:plain text pw\n", ":3: the password of 'bob'"),
    ("alice:{hash}\nalice:{hash}\n", ":2: 'alice' is listed twice"),
    ("just-a-name\n", ":1: expected user:hash"),
    (":{hash}\n", ":1: the user name is empty"),
    ("al ice:{hash}\n", ":1: a user name cannot contain spaces"),
    ("alice:md5$abc$0123\n", ":1: the password of 'alice' is not a password hash"),
    ("# nobody yet\n", "lists no user"),
])  # fmt: skip
def test_a_bad_credential_file_is_named_with_its_line(tmp_path, content, expected):
    hashed = security.credential_line("x", "pw").split(":", 1)[1]
    path = tmp_path / "users"
    path.write_text(content.replace("{hash}", hashed), encoding="utf-8")
    with pytest.raises(security.AuthFileError) as info:
        security.read_credentials(path)
    message = str(info.value)
    assert str(path) in message and expected in message
    assert "hunter2" not in message and "plain text pw" not in message  # never echoed


def test_a_missing_credential_file_is_a_clear_error(tmp_path, bundle):
    with pytest.raises(security.AuthFileError, match="CSIL_AUTH=basic needs CSIL_AUTH_FILE"):
        _app(bundle, CSIL_AUTH="basic")
    with pytest.raises(security.AuthFileError, match=f"{tmp_path / 'none'} does not exist"):
        _app(bundle, CSIL_AUTH="basic", CSIL_AUTH_FILE=str(tmp_path / "none"))


def test_serve_refuses_to_start_without_the_credential_file(tmp_path, monkeypatch, capsys):
    import dash

    def started(*_a, **_k):
        raise AssertionError("the server started")

    monkeypatch.setattr(dash.Dash, "run", started)
    monkeypatch.setenv("CSIL_AUTH", "basic")
    monkeypatch.setenv("CSIL_AUTH_FILE", str(tmp_path / "missing"))
    assert cli.main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "CSIL_AUTH_FILE" in err and str(tmp_path / "missing") in err


@pytest.mark.parametrize(("env", "name"), [
    ({"CSIL_AUTH": "ldap"}, "CSIL_AUTH"),
    ({"CSIL_AUTH_HEADER": "X Remote"}, "CSIL_AUTH_HEADER"),
    ({"CSIL_AUTH_REALM": 'say "hi"'}, "CSIL_AUTH_REALM"),
])  # fmt: skip
def test_bad_login_settings_are_named(env, name):
    with pytest.raises(ValueError, match=name):
        Settings.from_env(env)


def test_login_is_off_by_default():
    s = Settings.from_env({})
    assert s.auth == "none" and s.auth_file is None and s.auth_header == "X-Remote-User"


def test_hash_password_round_trip(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret pass\n"))  # not a terminal
    assert cli.main(["hash-password", "carol"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("carol:scrypt:") and "s3cret" not in line
    path = tmp_path / "users"
    path.write_text(line + "\n", encoding="utf-8")
    users = security.read_credentials(path)
    login = security.BasicLogin(users)
    from werkzeug.datastructures import Authorization

    ok = Authorization("basic", {"username": "carol", "password": "s3cret pass"})
    bad = Authorization("basic", {"username": "carol", "password": "s3cret pass\n"})
    assert login.user(ok) == "carol" and login.user(bad) is None


def test_hash_password_at_a_terminal_asks_twice(monkeypatch, capsys):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    answers = iter(["one", "two"])
    with pytest.raises(ValueError, match="differ"):
        security.hash_password_command("dave", Tty(), ask=lambda _p: next(answers))
    answers = iter(["same", "same"])
    line = security.hash_password_command("dave", Tty(), ask=lambda _p: next(answers))
    assert line.startswith("dave:scrypt:")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert cli.main(["hash-password", "erin"]) == 2
    assert "password is empty" in capsys.readouterr().err
    assert cli.main(["hash-password", "a:b"]) == 2


# --- header login (a reverse proxy's SSO) ---------------------------------------------------


def test_header_login_protects_every_route(header_app, bundle):
    client = header_app.server.test_client()
    good = {"X-Remote-User": "alice@example.org"}
    routes = _routes(client, bundle, good)
    for name, route in routes.items():
        for headers in ({}, {"X-Remote-User": "  "}, {"X-Other-User": "alice"}):
            r = _call(client, route, headers)
            assert r.status_code == 403, (name, headers, r.status_code)
            assert r.mimetype == "text/plain"
            _assert_headers(r)
        r = _call(client, route, good)
        assert r.status_code == route[3], (name, r.status_code)


# --- the server ------------------------------------------------------------------------------


def test_the_development_server_names_no_version(open_app):
    server = make_server("127.0.0.1", 0, open_app.server, threaded=True,
                         request_handler=security.QuietRequestHandler)  # fmt: skip
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/_favicon.ico") as r:
            assert r.headers["Server"] == security.SERVER_NAME
            assert r.headers["X-Content-Type-Options"] == "nosniff"
    finally:
        server.shutdown()


def test_serve_uses_the_quiet_handler_and_warns_off_loopback(bundle, monkeypatch, capsys):
    import werkzeug.serving

    seen = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *a, **k: seen.append(k))
    app = _app(bundle)
    app.server.run(host="127.0.0.1", port=8050)
    assert seen[-1]["request_handler"] is security.QuietRequestHandler
    assert capsys.readouterr().err == ""
    app.server.run(host="0.0.0.0", port=8050)
    assert "no login (CSIL_AUTH=none)" in capsys.readouterr().err


@pytest.mark.parametrize(("auth", "host", "warns"), [
    ("none", "127.0.0.1", False), ("none", "localhost", False), ("none", "::1", False),
    ("none", "0.0.0.0", True), ("none", "10.1.2.3", True), ("basic", "0.0.0.0", False),
    ("header", "0.0.0.0", True), ("header", "127.0.0.1", False),
])  # fmt: skip
def test_startup_warnings(auth, host, warns):
    s = Settings.from_env({"CSIL_AUTH": auth})
    assert bool(security.startup_warnings(s, host)) is warns


def test_the_realm_must_be_ascii():
    from dashboard.settings import Settings

    with pytest.raises(ValueError, match="CSIL_AUTH_REALM"):
        Settings.from_env({"CSIL_AUTH_REALM": "Atlas des CSIL – région"})
    assert Settings.from_env({"CSIL_AUTH_REALM": "Atlas CSIL"}).auth_realm == "Atlas CSIL"


def test_an_unknown_user_costs_what_the_files_hashes_cost():
    from werkzeug.security import generate_password_hash

    from dashboard.security import BasicLogin

    pbkdf2 = generate_password_hash("pw", method="pbkdf2:sha256:1000")
    login = BasicLogin({"alice": pbkdf2})
    assert login._dummy.startswith("pbkdf2:sha256:1000$")
    assert BasicLogin({"bob": generate_password_hash("pw")})._dummy.startswith("scrypt:")
