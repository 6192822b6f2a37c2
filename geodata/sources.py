"""Finding and verifying the original source files (for the build only).

The originals live in a folder laid out like ``shared/geodata`` (``--sources DIR``) or are
downloaded into the user cache (``--download``, :mod:`geodata.download`); each is verified
by sha256 and none is copied into the repository. The app never reads them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from geodata.registry import SourceFile, source_files


class GeodataSourceError(FileNotFoundError):
    """A source file is missing or is not the verified copy."""


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


def source_status(source: SourceFile, source_dir: Path) -> str:
    """``ok``, ``missing`` or ``sha256 mismatch`` (for ``csil-dashboard info``)."""
    path = Path(source_dir) / source.path
    if not path.is_file():
        return "missing"
    return "ok" if sha256_of(path) == source.sha256 else "sha256 mismatch"


def source_path(key: str | SourceFile, source_dir: Path) -> Path:
    """The verified path of a source file, or a clear :class:`GeodataSourceError`."""
    source = source_files()[key] if isinstance(key, str) else key
    folder = Path(source_dir)
    path = folder / source.path
    if not path.is_file():
        hint = "" if folder.is_dir() else " (that folder does not exist)"
        raise GeodataSourceError(
            f"Missing geodata source file '{source.path}'.\n"
            f"  Folder searched: {folder}{hint}\n"
            f"  Pass the folder that holds it (--sources DIR), use --download, or obtain it "
            f"from: "
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
