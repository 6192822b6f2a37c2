"""Settings: one frozen object, read from the environment.

Each setting has a name, an environment variable, a default and a help text in
``SETTINGS`` (the README documents every one of them; a test checks it).
"""

from __future__ import annotations

import os
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
)


def _bool(value: str) -> bool:
    v = value.strip().lower()
    if v in {"1", "true", "yes", "on"}:
        return True
    if v in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"CSIL_DEBUG must be true or false, not {value!r}")


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
        )
