"""Production posture: optional login, security headers, no version disclosure.

:func:`install` is called once by :func:`dashboard.app.create_app`, before the layout and
the callbacks exist; whatever depends on them (the hashes of Dash's inline scripts) is
computed on the first request.

**Login** (``CSIL_AUTH``, off by default: on 127.0.0.1 nothing changes):

- ``basic``: HTTP Basic against ``CSIL_AUTH_FILE``, a file of ``user:hash`` lines made by
  ``csil-dashboard hash-password USER`` (werkzeug's scrypt; a line that is not a password
  hash, such as a plain-text password, stops the start with the file and line named). A
  request without the right user and password answers ``401`` with ``WWW-Authenticate:
  Basic realm="..."``. An unknown user is checked against a dummy hash, so it costs the
  same time as a wrong password. A scrypt check takes ~0.1 s and a page load makes dozens
  of requests, so a pair that has passed once is remembered (as an HMAC under a key made
  at start, never the password) and the next requests skip scrypt; failures are never
  remembered, so guessing stays slow.
- ``header``: the user name a trusted reverse proxy puts in ``CSIL_AUTH_HEADER`` after its
  own login (SSO); a request without it answers ``403``. The app must then be reachable
  only through that proxy (listen on loopback), and the proxy must drop the header when a
  client sends it.

Both run in a ``before_request`` of the Flask server, which every route goes through: the
page, Dash's ``/_dash-*`` routes and component suites, ``/assets/*`` (a blueprint's static
route), ``/geometry/*``, the favicon, and a 404.

**Headers** on every response (:func:`security_headers`): a Content-Security-Policy with
no ``'unsafe-eval'`` and no ``'unsafe-inline'`` for scripts (Dash's inline scripts, the
clientside callbacks and the renderer, are allowed by their sha256, and the page's own
inline scripts are hashed from the HTML actually sent), ``X-Frame-Options``,
``X-Content-Type-Options``, ``Referrer-Policy``, ``Permissions-Policy``,
``Cross-Origin-Opener-Policy`` and ``Cross-Origin-Resource-Policy``.

**Nothing names a version**: Dash's page config loses ``dash_version``,
``python_version``, ``plotly_version``, ``ddk_version`` and ``dash_version_url``; the
versions in the page's asset URLs (``dash_renderer.v4_4_1m….js``, ``_favicon.ico?v=4.4.1``)
become an opaque digest (still a cache-buster); the development server's ``Server`` header
(``Werkzeug/x Python/y``) becomes ``csil-atlas``. With debug off, source maps
(``*.map``) and the hot-reload hook (``/_reload-hash``) answer 404, an unknown component
path answers a plain 404 (Dash answers 500), and exceptions never propagate to the WSGI
server (Flask's plain 500 page, no traceback).
"""

from __future__ import annotations

import base64
import getpass
import hashlib
import hmac
import ipaddress
import re
import secrets
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from flask import Response, g, request
from werkzeug.security import check_password_hash, generate_password_hash
from werkzeug.serving import WSGIRequestHandler

if TYPE_CHECKING:
    from dash import Dash
    from werkzeug.datastructures import Authorization

    from dashboard.settings import Settings

#: What the development server says it is (instead of ``Werkzeug/3.1.9 Python/3.11.2``).
SERVER_NAME = "csil-atlas"

#: Keys of Dash's page config (``<script id="_dash-config">``) that name versions.
VERSION_KEYS = ("dash_version", "python_version", "plotly_version", "ddk_version",
                "dash_version_url")  # fmt: skip

#: The policy's directives other than ``script-src`` (which gets the inline scripts'
#: hashes). Styles allow inline: plotly and React set ``style`` attributes and inject
#: ``<style>`` elements at run time. ``data:``/``blob:`` images: plotly's image download
#: and the briefing's exports.
CSP_DIRECTIVES = (
    ("default-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data: blob:"),
    ("font-src", "'self' data:"),
    ("connect-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

#: The other headers sent with every response.
STATIC_HEADERS = {
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}

LOGIN_REQUIRED = "Login required.\n"
FORBIDDEN = "Forbidden: this atlas is reached through its login proxy.\n"
NOT_FOUND = "Not found.\n"

#: A password hash as werkzeug writes it: ``scrypt:N:r:p$salt$hex`` (the default) or
#: ``pbkdf2:sha256:iterations$salt$hex``.
HASH_FORMAT = re.compile(
    r"^(?:scrypt:\d+:\d+:\d+|pbkdf2:[a-z0-9_]+(?::\d+)?)\$[A-Za-z0-9]+\$[0-9a-f]+$"
)
REMEMBERED = 256  # credential pairs that have passed, kept to skip scrypt


class AuthFileError(ValueError):
    """CSIL_AUTH_FILE is missing, unreadable or has a line that is not ``user:hash``."""


# --- credentials ----------------------------------------------------------------------


def user_problem(user: str) -> str | None:
    """Why ``user`` cannot be a login name (``None`` when it can)."""
    if not user:
        return "the user name is empty"
    if ":" in user:
        return "a user name cannot contain ':'"
    if any(c.isspace() for c in user) or not user.isprintable():
        return "a user name cannot contain spaces or control characters"
    return None


def credential_line(user: str, password: str) -> str:
    """The ``user:hash`` line for the credential file (scrypt, werkzeug's default)."""
    if problem := user_problem(user):
        raise ValueError(f"{problem}: {user!r}")
    if not password:
        raise ValueError("the password is empty")
    return f"{user}:{generate_password_hash(password)}"


def read_credentials(path: Path | None) -> dict[str, str]:
    """User → password hash from the credential file; :class:`AuthFileError` naming the
    file (and line) of anything wrong. A bad line is never echoed: it may hold a password."""
    make = "make its lines with `csil-dashboard hash-password USER`"
    if path is None:
        raise AuthFileError(f"CSIL_AUTH=basic needs CSIL_AUTH_FILE, a file of user:hash lines; "
                            f"{make}")  # fmt: skip
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuthFileError(f"CSIL_AUTH_FILE {path} does not exist; {make}") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise AuthFileError(f"CSIL_AUTH_FILE {path} cannot be read: {reason}") from None
    users: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        user, sep, hashed = line.partition(":")
        if not sep:
            raise AuthFileError(f"{where}: expected user:hash; {make}")
        if problem := user_problem(user):
            raise AuthFileError(f"{where}: {problem}")
        if not HASH_FORMAT.match(hashed):
            raise AuthFileError(
                f"{where}: the password of {user!r} is not a password hash (plain-text "
                f"passwords are refused); replace the line with the output of "
                f"`csil-dashboard hash-password {user}`"
            )
        if user in users:
            raise AuthFileError(f"{where}: {user!r} is listed twice")
        users[user] = hashed
    if not users:
        raise AuthFileError(f"CSIL_AUTH_FILE {path} lists no user; {make}")
    return users


class BasicLogin:
    """Checks HTTP Basic credentials against the credential file's hashes."""

    def __init__(self, users: Mapping[str, str]) -> None:
        self._users = dict(users)
        # An unknown user is checked against this, so it takes a wrong password's time.
        # ... hashed the way the file's passwords are (scrypt or pbkdf2, same parameters):
        # a cheaper dummy would tell a stranger which user names exist.
        method = next(iter(self._users.values()), "scrypt").split("$", 1)[0]
        self._dummy = generate_password_hash(secrets.token_urlsafe(16), method=method)
        self._key = secrets.token_bytes(32)
        self._passed: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()

    def user(self, authorization: Authorization | None) -> str | None:
        """The user name when the credentials are right, else ``None``."""
        if authorization is None or authorization.type != "basic":
            return None
        user = authorization.username or ""
        password = authorization.password or ""
        token = hmac.new(self._key, f"{user}\0{password}".encode(), "sha256").digest()
        with self._lock:
            if token in self._passed:
                self._passed.move_to_end(token)
                return user
        stored = self._users.get(user)
        right = check_password_hash(stored or self._dummy, password) and stored is not None
        if not right:
            return None
        with self._lock:
            self._passed[token] = None
            while len(self._passed) > REMEMBERED:
                self._passed.popitem(last=False)
        return user


def hash_password_command(user: str, stdin: IO[str] | None = None,
                          ask: Callable[[str], str] = getpass.getpass) -> str:  # fmt: skip
    """``csil-dashboard hash-password USER``: the password twice at a terminal, else the
    first line of standard input; returns the ``user:hash`` line."""
    if problem := user_problem(user):
        raise ValueError(f"{problem}: {user!r}")
    stdin = sys.stdin if stdin is None else stdin
    if stdin.isatty():
        password = ask(f"Password for {user}: ")
        if ask("Again: ") != password:
            raise ValueError("the two passwords differ")
    else:
        password = stdin.readline().rstrip("\r\n")
    return credential_line(user, password)


# --- headers ----------------------------------------------------------------------------


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


def script_hash(body: str) -> str:
    """The CSP source that allows an inline script with this exact body."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def inline_script_hashes(html: str) -> list[str]:
    """The hashes of every inline script of ``html`` that a browser runs: not a data block
    such as Dash's ``type="application/json"`` config, nor one inside a comment (Dash's
    ``<!--[if IE]>`` warning)."""
    out = []
    for attrs, body in _SCRIPT.findall(_COMMENT.sub("", html)):  # <!--[if IE]><script>…
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in _JS_TYPES:
            out.append(script_hash(body))
    return out


def content_security_policy(script_hashes: Iterable[str]) -> str:
    scripts = " ".join(["'self'", *dict.fromkeys(script_hashes)])
    directives = [CSP_DIRECTIVES[0], ("script-src", scripts), *CSP_DIRECTIVES[1:]]
    return "; ".join(f"{name} {value}" for name, value in directives)


def security_headers(script_hashes: Iterable[str]) -> dict[str, str]:
    return {"Content-Security-Policy": content_security_policy(script_hashes),
            **STATIC_HEADERS}  # fmt: skip


# --- no versions ------------------------------------------------------------------------

_FINGERPRINT = re.compile(
    r"(_dash-component-suites/(?:[^\"'\s?/]+/)+[^\"'\s?/.]+\.)v([\w-]+?)m([0-9a-fA-F]+)\."
)


def _opaque(version: str) -> str:
    return hashlib.sha256(f"csil:{version}".encode()).hexdigest()[:10]


def hide_versions(html: str, dash_version: str) -> str:
    """The page with the library versions in its asset URLs replaced by digests: Dash's
    fingerprint ``name.v<version>m<mtime>.js`` keeps its form (Dash strips any such
    fingerprint when serving, and caches it for a year), the favicon's ``?v=`` too."""
    html = _FINGERPRINT.sub(lambda m: f"{m[1]}v{_opaque(m[2])}m{m[3]}.", html)
    return html.replace(f"_favicon.ico?v={dash_version}", f"_favicon.ico?v={_opaque(dash_version)}")


class QuietRequestHandler(WSGIRequestHandler):
    """The development server's handler, without ``Werkzeug/x Python/y`` in ``Server``."""

    def version_string(self) -> str:
        return SERVER_NAME


# --- start-up ---------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def startup_warnings(settings: Settings, host: str) -> list[str]:
    """What to say when the server starts on ``host`` with these settings."""
    if is_loopback(host):
        return []
    if settings.auth == "none":
        return [f"listening on {host} with no login (CSIL_AUTH=none): anyone who reaches this "
                "port sees the atlas. Fine behind a reverse proxy that logs users in; "
                "otherwise set CSIL_AUTH (see README, Deploying)."]  # fmt: skip
    if settings.auth == "header":
        return [f"CSIL_AUTH=header trusts the {settings.auth_header} header, but the server "
                f"listens on {host}: anyone who reaches this port can send it. Listen on "
                "127.0.0.1 behind the proxy."]  # fmt: skip
    return []


def _quiet_run(server: Any, settings: Settings) -> None:
    """``app.run`` (``csil-dashboard serve``) with :class:`QuietRequestHandler` and the
    start-up warnings for the address it actually listens on."""
    run = server.run

    def quiet_run(host: str | None = None, port: int | None = None, debug: bool | None = None,
                  load_dotenv: bool = True, **options: Any) -> None:  # fmt: skip
        options.setdefault("request_handler", QuietRequestHandler)
        for warning in startup_warnings(settings, host or settings.host):
            print(f"warning: {warning}", file=sys.stderr, flush=True)
        run(host=host, port=port, debug=debug, load_dotenv=load_dotenv, **options)

    server.run = quiet_run


def install(app: Dash, settings: Settings) -> None:
    """Add login (when configured) and the security headers to every response of ``app``.

    Raises :class:`AuthFileError` (a ``ValueError``: ``csil-dashboard serve`` exits 2)
    when ``CSIL_AUTH=basic`` and the credential file is missing or wrong."""
    from dash import __version__ as dash_version
    from dash.exceptions import DependencyException

    server = app.server
    login = BasicLogin(read_credentials(settings.auth_file)) if settings.auth == "basic" else None
    challenge = f'Basic realm="{settings.auth_realm}", charset="UTF-8"'
    prefix = app.config.routes_pathname_prefix
    suites = prefix + "_dash-component-suites/"
    if not settings.debug:
        server.config["PROPAGATE_EXCEPTIONS"] = False
        server.config["TRAP_HTTP_EXCEPTIONS"] = False
    base_hashes: list[str] = []
    hashed = False  # Dash's own hashes read once, on the first request

    def guard() -> Response | None:
        if login is not None and login.user(request.authorization) is None:
            response = Response(LOGIN_REQUIRED, status=401, mimetype="text/plain")
            response.headers["WWW-Authenticate"] = challenge
            return response
        if settings.auth == "header" and not request.headers.get(settings.auth_header, "").strip():
            return Response(FORBIDDEN, status=403, mimetype="text/plain")
        if not server.debug:  # development aids only with debug on
            path = request.path
            source_map = path.startswith(suites) and path.endswith(".map")
            if source_map or path == prefix + "_reload-hash":
                return Response(NOT_FOUND, status=404, mimetype="text/plain")
        return None

    def add_headers(response: Response) -> Response:
        nonlocal hashed
        if not hashed:  # first request: the layout and every callback exist by now
            base_hashes.extend(app.csp_hashes())
            hashed = True
        hashes = [*base_hashes, *g.get("csil_page_hashes", ())]
        response.headers.update(security_headers(hashes))
        return response

    # Dash answers 500 for a component path it never registered (with the registered
    # packages in its message) or registered but not installed (a source map the package
    # does not ship): a plain 404 instead.
    endpoint = suites + "<string:package_name>/<path:fingerprinted_path>"
    serve_component = server.view_functions[endpoint]

    def serve_known_component(*args: Any, **kwargs: Any) -> Any:
        try:
            return serve_component(*args, **kwargs)
        except (DependencyException, FileNotFoundError):
            return Response(NOT_FOUND, status=404, mimetype="text/plain")

    server.view_functions[endpoint] = serve_known_component
    # The login comes first, before any other check reads the request (its size, its
    # callback body): a stranger learns nothing but "401".
    server.before_request_funcs.setdefault(None, []).insert(0, guard)
    server.after_request(add_headers)

    config = app._config

    def config_without_versions() -> dict:
        return {k: v for k, v in config().items() if k not in VERSION_KEYS}

    index = app.index

    def index_without_versions(*args: Any, **kwargs: Any) -> str:
        html = hide_versions(index(*args, **kwargs), dash_version)
        g.csil_page_hashes = inline_script_hashes(html)  # the page as sent, whatever made it
        return html

    # Instance attributes shadow the methods: Dash's routes call ``app.index()`` and
    # ``index()`` calls ``self._config()`` at request time.
    app._config = config_without_versions  # type: ignore[method-assign]
    app.index = index_without_versions  # type: ignore[method-assign]
    _quiet_run(server, settings)
