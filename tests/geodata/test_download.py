"""``build-geodata --download``: fetching the original files, sha256-checked, from a local server.

A real HTTP server on 127.0.0.1 stands in for the public addresses (``mirror=``); the real
URLs are never hit.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

import geodata.download as download
from geodata.download import default_download_dir, fetch_sources
from geodata.registry import SourceFile, source_files
from geodata.sources import GeodataSourceError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _synthetic(root: Path, files: dict[str, bytes]) -> dict[str, SourceFile]:
    """Write ``files`` (key -> content) under ``root`` and describe them as SourceFiles."""
    out = {}
    for key, data in files.items():
        rel = f"raw/owner__repo/{key}.csv"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out[key] = SourceFile(
            key=key,
            path=rel,
            sha256=_sha(data),
            kind="table",
            producer="p",
            licence="l",
            attribution="a",
            obtain="o",
            url="http://example.invalid/x",
        )
    return out


@pytest.fixture
def synthetic(tmp_path, monkeypatch) -> tuple[Path, dict[str, SourceFile]]:
    """Three small source files in ``tmp_path / "origin"``, replacing the real registry."""
    origin = tmp_path / "origin"
    files = _synthetic(
        origin,
        {"alpha": b"code,n\n11001,1\n", "beta": b"code,n\n21004,2\n", "gamma": b"x\n" * 1000},
    )
    monkeypatch.setattr(download, "source_files", lambda: files)
    return origin, files


def test_default_download_dir(tmp_path):
    assert default_download_dir(tmp_path) == tmp_path / "sources"


@pytest.mark.shared
def test_fetches_every_staged_file_then_nothing_more(geodata_dir, serve, tmp_path):
    server = serve(geodata_dir)
    dest = tmp_path / "cache" / "sources"
    lines: list[str] = []
    assert fetch_sources(dest, mirror=server.url + "/", progress=lines.append) == dest
    sources = source_files()
    for source in sources.values():
        path = dest / source.path
        assert path.is_file(), source.path
        assert _sha(path.read_bytes()) == source.sha256, source.path
    assert sorted(server.requests) == sorted("/" + s.path for s in sources.values())
    assert lines == [f"fetched {s.path}" for s in sources.values()]
    # Only the files themselves: no temporary leftovers.
    on_disk = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file()}
    assert on_disk == {s.path for s in sources.values()}

    lines.clear()
    server.requests.clear()
    fetch_sources(dest, mirror=server.url, progress=lines.append)
    assert server.requests == []
    assert lines == [f"already in cache {s.path}" for s in sources.values()]


@pytest.mark.shared
def test_tampered_staged_copy_is_refused(geodata_dir, serve, tmp_path):
    sources = source_files()
    copy = tmp_path / "copy"
    for s in sources.values():
        (copy / s.path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(geodata_dir / s.path, copy / s.path)
    bad = sources["refnis"]
    data = bytearray((copy / bad.path).read_bytes())
    data[len(data) // 2] ^= 0x01
    (copy / bad.path).write_bytes(bytes(data))
    server = serve(copy)
    dest = tmp_path / "dest"

    with pytest.raises(GeodataSourceError) as err:
        fetch_sources(dest, mirror=server.url, keys=[bad.key])
    msg = str(err.value)
    assert bad.path in msg and "refused" in msg
    assert bad.sha256 in msg and _sha(bytes(data)) in msg
    assert server.url in msg
    assert not (dest / bad.path).exists()
    assert list((dest / bad.path).parent.iterdir()) == []  # no temporary file either

    others = [k for k in sources if k != bad.key]
    fetch_sources(dest, mirror=server.url, keys=others)
    for k in others:
        assert _sha((dest / sources[k].path).read_bytes()) == sources[k].sha256


def test_tampered_file_is_refused_and_nothing_kept(synthetic, serve, tmp_path):
    origin, files = synthetic
    dest = tmp_path / "dest"
    server = serve(origin)
    fetch_sources(dest, mirror=server.url, keys=["alpha"])  # a good file already there
    good = (dest / files["alpha"].path).read_bytes()

    tampered = origin / files["beta"].path
    tampered.write_bytes(b"code,n\n21004,3\n")  # one byte changed
    with pytest.raises(GeodataSourceError) as err:
        fetch_sources(dest, mirror=server.url)
    msg = str(err.value)
    assert files["beta"].path in msg
    assert "refused" in msg and "Nothing was kept" in msg
    assert f"{server.url}/{files['beta'].path}" in msg
    assert files["beta"].sha256 in msg
    assert _sha(tampered.read_bytes()) in msg
    assert "mirror" in msg
    assert not (dest / files["beta"].path).exists()
    assert [p.name for p in (dest / files["beta"].path).parent.iterdir()] == ["alpha.csv"]
    assert (dest / files["alpha"].path).read_bytes() == good  # the verified file is kept

    fetch_sources(dest, mirror=server.url, keys=["alpha", "gamma"])  # the others are fine
    assert _sha((dest / files["gamma"].path).read_bytes()) == files["gamma"].sha256


def test_stale_copy_in_cache_is_removed_when_new_download_is_refused(synthetic, serve, tmp_path):
    """pooch keeps a pre-existing wrong file when the re-download fails its hash: we don't."""
    origin, files = synthetic
    dest = tmp_path / "dest"
    stale = dest / files["alpha"].path
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"stale\n")
    (origin / files["alpha"].path).write_bytes(b"tampered\n")
    server = serve(origin)
    with pytest.raises(GeodataSourceError, match="refused"):
        fetch_sources(dest, mirror=server.url, keys=["alpha"])
    assert not stale.exists()


def test_wrong_copy_in_cache_is_replaced_by_a_good_download(synthetic, serve, tmp_path):
    origin, files = synthetic
    dest = tmp_path / "dest"
    stale = dest / files["alpha"].path
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"stale\n")
    server = serve(origin)
    lines: list[str] = []
    fetch_sources(dest, mirror=server.url, keys=["alpha"], progress=lines.append)
    assert _sha(stale.read_bytes()) == files["alpha"].sha256
    assert len(lines) == 1 and lines[0].startswith(f"fetched {files['alpha'].path}")


def test_synthetic_files_land_at_their_paths_and_are_cached(synthetic, serve, tmp_path):
    origin, files = synthetic
    server = serve(origin)
    dest = tmp_path / "dest"
    lines: list[str] = []
    fetch_sources(dest, mirror=server.url, progress=lines.append)
    for s in files.values():
        assert _sha((dest / s.path).read_bytes()) == s.sha256
    assert lines == [f"fetched {s.path}" for s in files.values()]
    assert len(server.requests) == 3

    lines.clear()
    fetch_sources(dest, mirror=server.url, progress=lines.append)
    assert len(server.requests) == 3  # nothing downloaded again
    assert lines == [f"already in cache {s.path}" for s in files.values()]


def test_keys_selects_files_and_unknown_key_is_an_error(synthetic, serve, tmp_path):
    origin, files = synthetic
    server = serve(origin)
    dest = tmp_path / "dest"
    fetch_sources(dest, mirror=server.url, keys=["gamma"])
    assert server.requests == ["/" + files["gamma"].path]
    assert not (dest / files["alpha"].path).exists()
    with pytest.raises(KeyError, match="nope"):
        fetch_sources(dest, mirror=server.url, keys=["nope"])


def test_http_404_names_file_and_url(synthetic, serve, tmp_path):
    _, files = synthetic
    empty = tmp_path / "empty"
    empty.mkdir()
    server = serve(empty)
    dest = tmp_path / "dest"
    with pytest.raises(GeodataSourceError) as err:
        fetch_sources(dest, mirror=server.url, keys=["alpha"])
    msg = str(err.value)
    url = f"{server.url}/{files['alpha'].path}"
    assert url in msg
    assert files["alpha"].path in msg
    assert "404" in msg
    assert "--sources DIR" in msg
    assert server.requests == ["/" + files["alpha"].path]
    assert not (dest / files["alpha"].path).exists()


def test_connection_refused_is_a_clear_error(synthetic, serve, tmp_path):
    _, files = synthetic
    server = serve(tmp_path)
    url = server.url
    server.httpd.shutdown()
    server.httpd.server_close()  # nothing listens on that port any more
    with pytest.raises(GeodataSourceError) as err:
        fetch_sources(tmp_path / "dest", mirror=url, keys=["beta"])
    msg = str(err.value)
    assert f"{url}/{files['beta'].path}" in msg and "--sources DIR" in msg


def test_without_mirror_the_pinned_url_is_used(monkeypatch, tmp_path):
    """The pinned address is what pooch is asked for (pooch itself is stubbed: no network)."""
    calls: list[dict[str, object]] = []

    def fake_retrieve(url, *, known_hash, fname, path, **kwargs):
        calls.append({"url": url, "known_hash": known_hash, "fname": fname, "path": path})
        return str(Path(path) / fname)

    monkeypatch.setattr(download.pooch, "retrieve", fake_retrieve)
    fetch_sources(tmp_path, keys=["refnis"])
    src = source_files()["refnis"]
    assert calls == [
        {
            "url": src.url,
            "known_hash": f"sha256:{src.sha256}",
            "fname": Path(src.path).name,
            "path": (tmp_path / src.path).parent,
        }
    ]


_PINNED = re.compile(
    r"^https://raw\.githubusercontent\.com/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/[0-9a-f]{40}/\S+$"
)


def test_every_source_url_is_pinned_to_a_commit():
    sources = source_files()
    assert sources
    for s in sources.values():
        assert s.url, f"{s.key} has no url"
        assert _PINNED.match(s.url), f"{s.key}: {s.url} is not pinned to a 40-hex commit"
        # The file name at the address is the staged file's name.
        assert s.url.rsplit("/", 1)[1] == Path(s.path).name, s.key
