"""Settings: one frozen object, read from the environment.

Each setting has a name, an environment variable, a default and a help text in
``SETTINGS`` (the README documents every one of them; a test checks it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from geodata.sources import REPO_ROOT, default_cache_dir, default_geodata_dir


@dataclass(frozen=True)
class SettingSpec:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "geodata_dir",
        "CSIL_GEODATA_DIR",
        "../shared/geodata next to the repository",
        "Folder with the boundary and reference files (verified by sha256 at start).",
    ),
    SettingSpec(
        "cache_dir",
        "CSIL_CACHE_DIR",
        ".cache/ in the repository (git-ignored)",
        "Where prepared geometry is cached, keyed by source sha256 and builder version.",
    ),
    SettingSpec(
        "sectors_file",
        "CSIL_SECTORS_FILE",
        "(unset)",
        "Optional: Statbel's official statistical-sector file; when set, commune geometry is "
        "dissolved from it (column CD_MUNTY_REFNIS) instead of the staged commune file.",
    ),
    SettingSpec(
        "data_dir",
        "CSIL_DATA_DIR",
        "data/ in the repository",
        "Folder with the public-record CSVs and the membership template.",
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


@dataclass(frozen=True)
class Settings:
    geodata_dir: Path
    cache_dir: Path
    data_dir: Path
    sectors_file: Path | None = None
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        port_text = env.get("CSIL_PORT", "8050")
        try:
            port = int(port_text)
        except ValueError:
            raise ValueError(f"CSIL_PORT must be a whole number, not {port_text!r}") from None
        return cls(
            geodata_dir=Path(env["CSIL_GEODATA_DIR"]).expanduser()
            if env.get("CSIL_GEODATA_DIR")
            else default_geodata_dir(),
            cache_dir=Path(env["CSIL_CACHE_DIR"]).expanduser()
            if env.get("CSIL_CACHE_DIR")
            else default_cache_dir(),
            data_dir=Path(env["CSIL_DATA_DIR"]).expanduser()
            if env.get("CSIL_DATA_DIR")
            else REPO_ROOT / "data",
            sectors_file=Path(env["CSIL_SECTORS_FILE"]).expanduser()
            if env.get("CSIL_SECTORS_FILE")
            else None,
            host=env.get("CSIL_HOST", "127.0.0.1"),
            port=port,
            debug=_bool(env.get("CSIL_DEBUG", "false")),
        )
