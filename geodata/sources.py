"""Finding and verifying the staged source files.

Sources are read at run time from a folder (``CSIL_GEODATA_DIR``; default: the
``shared/geodata`` folder next to the repository), verified by sha256, and never
copied into the repository.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from geodata.registry import SourceFile, source_files

REPO_ROOT = Path(__file__).resolve().parents[1]


class GeodataSourceError(FileNotFoundError):
    """A source file is missing or is not the verified copy."""


def default_geodata_dir() -> Path:
    """``CSIL_GEODATA_DIR`` if set, else ``../shared/geodata`` next to the repository."""
    env = os.environ.get("CSIL_GEODATA_DIR")
    if env:
        return Path(env).expanduser()
    return REPO_ROOT.parent / "shared" / "geodata"


def default_cache_dir() -> Path:
    """``CSIL_CACHE_DIR`` if set, else ``.cache/`` in the repository (git-ignored)."""
    env = os.environ.get("CSIL_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    if os.access(REPO_ROOT, os.W_OK):
        return REPO_ROOT / ".cache"
    return Path.home() / ".cache" / "csil-dashboard"


@cache
def _sha256(path: Path, size: int, mtime_ns: int) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sha256_of(path: Path) -> str:
    st = path.stat()
    return _sha256(path.resolve(), st.st_size, st.st_mtime_ns)


def source_status(source: SourceFile, source_dir: Path | None = None) -> str:
    """``ok``, ``missing`` or ``sha256 mismatch`` (for ``csil-dashboard info``)."""
    path = (source_dir or default_geodata_dir()) / source.path
    if not path.is_file():
        return "missing"
    return "ok" if sha256_of(path) == source.sha256 else "sha256 mismatch"


def source_path(key: str | SourceFile, source_dir: Path | None = None) -> Path:
    """The verified path of a source file, or a clear :class:`GeodataSourceError`."""
    source = source_files()[key] if isinstance(key, str) else key
    folder = Path(source_dir) if source_dir else default_geodata_dir()
    path = folder / source.path
    if not path.is_file():
        hint = "" if folder.is_dir() else " (that folder does not exist)"
        raise GeodataSourceError(
            f"Missing geodata source file '{source.path}'.\n"
            f"  Folder searched: {folder}{hint}\n"
            f"  Set CSIL_GEODATA_DIR to the folder that holds it, or obtain it from: "
            f"{source.obtain}"
        )
    actual = sha256_of(path)
    if actual != source.sha256:
        raise GeodataSourceError(
            f"Geodata source file '{path}' has sha256 {actual}, expected {source.sha256}.\n"
            f"  It is not the verified copy the app was built for (edited, truncated or a "
            f"different edition).\n"
            f"  Folder searched: {folder}\n"
            f"  Replace it with the original from: {source.obtain}"
        )
    return path
