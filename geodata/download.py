"""Fetching the original source files from their pinned public addresses (``--download``).

Each source file listed in ``vintages.json`` has a public address pinned to a commit
(``url``) and a sha256. :func:`fetch_sources` downloads them with :mod:`pooch` into a
folder laid out like the staged geodata folder (``dest / source.path``), so the same
build code can read it. Every file is checked against its sha256: a download that does
not match is refused and nothing of it is kept. A file already present with the right
sha256 is not downloaded again; one with another sha256 (edited, truncated) is fetched
again.

The cache folder may be unusable: read-only, full, or a file where the folder should be.
Then the files go to a temporary folder for this run, with a warning (logged; without
logging set up Python prints it on stderr), instead of a crash.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

import pooch
import requests

from geodata.registry import SourceFile, source_files
from geodata.sources import GeodataSourceError, sha256_of

_GOT_HASH = re.compile(r"\bgot ([0-9a-fA-F]{64})\b")
log = logging.getLogger(__name__)
#: pooch's downloader interface: (url, output_file, pooch) -> None; None for its HTTP one.
Downloader = Callable[[str, Any, Any], None]


def default_download_dir(cache_dir: Path) -> Path:
    """Where ``--download`` puts the original files: ``cache_dir / "sources"``."""
    return cache_dir / "sources"


def _relative_parts(source: SourceFile) -> PurePosixPath:
    rel = PurePosixPath(source.path)
    if rel.is_absolute() or ".." in rel.parts or not rel.name:
        raise GeodataSourceError(
            f"Source '{source.key}' has an unsafe path {source.path!r} in vintages.json "
            "(it must be relative, inside the source folder)."
        )
    return rel


def _source_url(source: SourceFile, mirror: str | None) -> str:
    if mirror:
        return mirror.rstrip("/") + "/" + quote(source.path)
    if not source.url:
        raise GeodataSourceError(
            f"Source file '{source.path}' has no public address to download it from.\n"
            f"  Use `--sources DIR` with a folder of the original files, or obtain it from: "
            f"{source.obtain}"
        )
    return source.url


def _discard_if_unverified(path: Path, sha256: str) -> bool:
    """Remove ``path`` if it exists and is not the verified copy; True if one was removed."""
    try:
        if path.is_file() and sha256_of(path) != sha256:
            path.unlink()
            return True
    except OSError:
        pass
    return False


def _verified(path: Path, sha256: str) -> bool:
    try:
        return path.is_file() and sha256_of(path) == sha256
    except OSError:
        return False


def _fetch_one(
    source: SourceFile, dest: Path, mirror: str | None, downloader: Downloader | None = None
) -> str:
    """Download one source file; returns pooch's action (``download``/``update``/``fetch``)."""
    rel = _relative_parts(source)
    url = _source_url(source, mirror)
    target = dest / Path(*rel.parts)
    actions: list[str] = []

    def remember(fname: str, action: str, _pup: object) -> str:
        actions.append(action)
        return fname

    try:
        pooch.retrieve(
            url,
            known_hash=f"sha256:{source.sha256}",
            fname=rel.name,
            path=target.parent,
            progressbar=False,
            processor=remember,
            **({"downloader": downloader} if downloader is not None else {}),
        )
    except ValueError as exc:
        # pooch downloads to a temporary file beside the target and deletes it when the
        # hash does not match; but a stale copy that was already there (wrong sha256) is
        # left in place, so remove it: nothing unverified stays at the target path.
        _discard_if_unverified(target, source.sha256)
        match = _GOT_HASH.search(str(exc))
        actual = match.group(1).lower() if match else "unknown"
        raise GeodataSourceError(
            f"Download of geodata source file '{source.path}' refused: its sha256 does not "
            f"match.\n"
            f"  From: {url}\n"
            f"  Expected sha256: {source.sha256}\n"
            f"  Actual sha256:   {actual}\n"
            f"  Nothing was kept at {target}.\n"
            f"  Check the {'mirror' if mirror else 'address'} (it must serve the original, "
            f"unmodified file), or use `--sources DIR` with a folder of the original files; "
            f"obtain it from: {source.obtain}"
        ) from exc
    except requests.exceptions.RequestException as exc:
        _discard_if_unverified(target, source.sha256)
        raise GeodataSourceError(
            f"Could not download geodata source file '{source.path}'.\n"
            f"  From: {url}\n"
            f"  Error: {exc}\n"
            f"  Check the network and the {'mirror' if mirror else 'address'}, or use "
            f"`--sources DIR` with a folder of the original files; obtain them from: "
            f"{source.obtain}"
        ) from exc
    return actions[0] if actions else "download"


def cache_problem(folder: Path) -> str | None:
    """Why files cannot be written in ``folder`` (made if missing), or None when they can:
    a temporary file is written there and removed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".csil-probe-"):
            pass
    except OSError as exc:
        return f"{exc.strerror or type(exc).__name__}" + (
            f": {exc.filename}" if exc.filename and Path(exc.filename) != folder else ""
        )
    return None


def _temporary_cache(dest: Path, reason: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="csil-sources-"))
    log.warning(
        "warning: cannot write the download cache %s (%s); the files of this run go to the "
        "temporary folder %s instead. Set CSIL_CACHE_DIR to a writable folder to keep them.",
        dest, reason, folder,
    )  # fmt: skip
    return folder


def fetch_sources(
    dest: Path,
    *,
    mirror: str | None = None,
    keys: Iterable[str] | None = None,
    progress: Callable[[str], None] | None = None,
    downloader: Downloader | None = None,
) -> Path:
    """Download the original source files into ``dest`` (laid out like the staged folder).

    Each file is fetched from its pinned public address, or from
    ``mirror.rstrip('/') + '/' + source.path`` when ``mirror`` is given, checked against
    its sha256 and stored at ``dest / source.path``. Files already present with the right
    sha256 are not downloaded again. Returns the folder the files are in: ``dest``, or a
    temporary folder when ``dest`` cannot be written (read-only, full, a file in the way;
    logged as a warning, the files already fetched are copied along).

    ``downloader``: pooch's downloader (tests give a fake one; default: HTTP).

    Raises :class:`GeodataSourceError` on a sha256 mismatch (the download is refused and
    nothing of it is kept) or on a network/HTTP error.
    """
    pooch.get_logger().setLevel("WARNING")
    files = source_files()
    if keys is None:
        selected = list(files.values())
    else:
        wanted = list(dict.fromkeys(keys))
        unknown = [k for k in wanted if k not in files]
        if unknown:
            raise KeyError(
                f"unknown geodata source(s) {', '.join(map(repr, unknown))}; "
                f"known sources: {', '.join(files)}"
            )
        selected = [files[k] for k in wanted]
    dest = Path(dest)
    problem = cache_problem(dest)
    if problem is not None and all(_verified(dest / s.path, s.sha256) for s in selected):
        problem = None  # a read-only cache that holds every file: nothing to write
    fallback = problem is not None
    if problem is not None:
        dest = _temporary_cache(dest, problem)
    done: list[SourceFile] = []
    for source in selected:
        try:
            action = _fetch_one(source, dest, mirror, downloader)
        except GeodataSourceError:
            raise
        except OSError as exc:  # the cache filled up, or became unwritable, on the way
            if fallback:
                raise
            fallback = True
            previous, dest = dest, _temporary_cache(dest, exc.strerror or str(exc))
            for fetched in done:
                target = dest / fetched.path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(previous / fetched.path, target)
            action = _fetch_one(source, dest, mirror, downloader)
        done.append(source)
        if progress is not None:
            if action == "fetch":
                progress(f"already in cache {source.path}")
            elif action == "update":
                progress(f"fetched {source.path} (replaced a copy with the wrong sha256)")
            else:
                progress(f"fetched {source.path}")
    return dest
