"""Settings: one frozen object, read from the environment.

Each setting has a name, an environment variable, a default and a help text in
``SETTINGS`` (the README documents every one of them; a test checks it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from dashboard import files


@dataclass(frozen=True)
class SettingSpec:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "data_dir",
        "CSIL_DATA_DIR",
        "the project's data/ (in the checkout or the installed package)",
        "Folder with the public-record CSVs, the membership template and the prepared "
        "geography (geography/).",
    ),
    SettingSpec(
        "geography_dir",
        "CSIL_GEOGRAPHY_DIR",
        "geography/ in the data folder",
        "Prepared geography the app reads (written by `csil-dashboard build-geodata`; "
        "checked against its manifest at start).",
    ),
    SettingSpec(
        "cache_dir",
        "CSIL_CACHE_DIR",
        "the user cache folder (platformdirs), e.g. ~/.cache/csil-atlas",
        "Where `build-geodata --download` keeps the original files it fetched (sha256-checked).",
    ),
    SettingSpec("host", "CSIL_HOST", "127.0.0.1", "Address the web server listens on."),
    SettingSpec("port", "CSIL_PORT", "8050", "Port the web server listens on."),
    SettingSpec("debug", "CSIL_DEBUG", "false", "Dash debug mode (dev tools, reloader)."),
    SettingSpec(
        "auth",
        "CSIL_AUTH",
        "none",
        "Login: `none` (open; fine on 127.0.0.1), `basic` (HTTP Basic login against "
        "CSIL_AUTH_FILE) or `header` (the user name a trusted reverse proxy puts in "
        "CSIL_AUTH_HEADER after its own login).",
    ),
    SettingSpec(
        "auth_file",
        "CSIL_AUTH_FILE",
        "(none)",
        "With CSIL_AUTH=basic: a file of `user:hash` lines made by "
        "`csil-dashboard hash-password USER` (scrypt hashes; plain-text passwords refused).",
    ),
    SettingSpec(
        "auth_header",
        "CSIL_AUTH_HEADER",
        "X-Remote-User",
        "With CSIL_AUTH=header: the request header carrying the user name; a request "
        "without it is refused (403).",
    ),
    SettingSpec(
        "auth_realm",
        "CSIL_AUTH_REALM",
        "CSIL coverage atlas",
        "With CSIL_AUTH=basic: the realm the browser's login box names.",
    ),
)

AUTH_MODES = ("none", "basic", "header")


def _bool(value: str) -> bool:
    v = value.strip().lower()
    if v in {"1", "true", "yes", "on"}:
        return True
    if v in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"CSIL_DEBUG must be true or false, not {value!r}")


def _auth_mode(value: str) -> str:
    mode = value.strip().lower() or "none"
    if mode not in AUTH_MODES:
        raise ValueError(f"CSIL_AUTH must be one of {', '.join(AUTH_MODES)}, not {value!r}")
    return mode


# A header name is an HTTP token (RFC 9110); a realm goes between double quotes.
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def _auth_header(value: str) -> str:
    name = value.strip()
    if not _TOKEN.match(name):
        raise ValueError(f"CSIL_AUTH_HEADER must be an HTTP header name, not {value!r}")
    return name


def _auth_realm(value: str) -> str:
    # ASCII: the realm goes into the WWW-Authenticate header, which is Latin-1 at most
    if not value or any(c in value for c in '"\\') or not (value.isascii() and value.isprintable()):
        raise ValueError(
            f"CSIL_AUTH_REALM must be printable ASCII text without quotes or backslashes, "
            f"not {value!r}"
        )
    return value


def default_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir("csil-atlas", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once from the environment and passed down."""

    data_dir: Path
    geography_dir: Path
    cache_dir: Path
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    auth: str = "none"
    auth_file: Path | None = None
    auth_header: str = "X-Remote-User"
    auth_realm: str = "CSIL coverage atlas"

    @property
    def reference_dir(self) -> Path:
        return files.reference_dir(self.data_dir)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)

        def path(name: str) -> Path | None:
            return Path(env[name]).expanduser() if env.get(name) else None

        port_text = env.get("CSIL_PORT", "8050")
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"CSIL_PORT must be a whole number, not {port_text!r}") from None
        data_dir = path("CSIL_DATA_DIR") or files.data_dir()
        return cls(
            data_dir=data_dir,
            geography_dir=path("CSIL_GEOGRAPHY_DIR") or files.geography_dir(data_dir),
            cache_dir=path("CSIL_CACHE_DIR") or default_cache_dir(),
            host=env.get("CSIL_HOST", "127.0.0.1"),
            port=port,
            debug=_bool(env.get("CSIL_DEBUG", "false")),
            auth=_auth_mode(env.get("CSIL_AUTH", "none")),
            auth_file=path("CSIL_AUTH_FILE"),
            auth_header=_auth_header(env.get("CSIL_AUTH_HEADER", "X-Remote-User")),
            auth_realm=_auth_realm(env.get("CSIL_AUTH_REALM", "CSIL coverage atlas")),
        )
