"""Start-up and cache faults (issue 15): bad data folders stop the server with one clear
paragraph and exit code 3 (``csil-dashboard serve`` and gunicorn), the download cache falls
back to a temporary folder, serving writes nothing to the cache folder, and the code never
unpickles."""

from __future__ import annotations

import ast
import errno
import hashlib
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import geodata.download as download
from dashboard import bundle as bundle_module
from dashboard.app import create_app
from dashboard.bundle import EXIT_STARTUP, StartupError, load_for_serving
from dashboard.settings import Settings
from geodata import prepared
from geodata.download import fetch_sources
from geodata.registry import SourceFile
from geodata.sources import GeodataSourceError

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = Settings.from_env({})
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
TIMEOUT = 60


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("csil-dashboard")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "dashboard.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """``csil-dashboard serve`` with these CSIL_* settings; it must stop by itself."""
    full = {**os.environ, "CSIL_CACHE_DIR": str(tmp_path / "cache"), "CSIL_HOST": "127.0.0.1",
            "CSIL_PORT": str(_free_port()), **env}  # fmt: skip
    for name in ("CSIL_DATA_DIR", "CSIL_GEOGRAPHY_DIR"):
        if name not in env:
            full.pop(name, None)
    return subprocess.run([*_cli(), "serve"], env=full, capture_output=True, text=True,
                          timeout=TIMEOUT, cwd=tmp_path)  # fmt: skip


def _assert_clear_stop(result: subprocess.CompletedProcess, *words: str) -> str:
    out = result.stdout + result.stderr
    assert result.returncode == EXIT_STARTUP, out
    assert "Traceback" not in out, out
    error = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(error) == 1, result.stderr  # one paragraph
    for word in words:
        assert word in error[0], error[0]
    return error[0]


@pytest.fixture(scope="module")
def geography_copy(tmp_path_factory) -> Path:
    """A pristine copy of the prepared geography, to spoil in each test's own copy."""
    folder = tmp_path_factory.mktemp("geo") / "geography"
    shutil.copytree(SETTINGS.geography_dir, folder)
    return folder


def _spoilt(geography_copy: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "geography"
    shutil.copytree(geography_copy, folder)
    return folder


# --- csil-dashboard serve ----------------------------------------------------------------


def test_missing_data_folder(tmp_path):
    missing = tmp_path / "no-such-folder"
    line = _assert_clear_stop(_serve(tmp_path, CSIL_DATA_DIR=str(missing)),
                              str(missing), "does not exist", "CSIL_DATA_DIR")  # fmt: skip
    assert "unset CSIL_DATA_DIR" in line


def test_a_file_instead_of_the_geography_folder(tmp_path):
    file = tmp_path / "geography.txt"
    file.write_text("not a folder")
    _assert_clear_stop(_serve(tmp_path, CSIL_GEOGRAPHY_DIR=str(file)),
                       str(file), "is a file, not a folder", "CSIL_GEOGRAPHY_DIR")  # fmt: skip


def test_a_corrupt_manifest(tmp_path, geography_copy):
    folder = _spoilt(geography_copy, tmp_path)
    manifest = folder / prepared.MANIFEST
    manifest.write_text('{"files": [')
    _assert_clear_stop(_serve(tmp_path, CSIL_GEOGRAPHY_DIR=str(folder)),
                       str(manifest), "not valid JSON", "build-geodata")  # fmt: skip


def test_a_geometry_file_that_is_not_the_built_one(tmp_path, geography_copy):
    folder = _spoilt(geography_copy, tmp_path)
    with (folder / prepared.display_file("2025")).open("a") as f:
        f.write(" ")
    _assert_clear_stop(_serve(tmp_path, CSIL_GEOGRAPHY_DIR=str(folder)),
                       prepared.display_file("2025"), "sha256", "build-geodata")  # fmt: skip


@pytest.mark.skipif(IS_ROOT, reason="root reads any folder; see the in-process test below")
def test_an_unreadable_geography_folder(tmp_path, geography_copy):
    folder = _spoilt(geography_copy, tmp_path)
    folder.chmod(0)
    try:
        _assert_clear_stop(_serve(tmp_path, CSIL_GEOGRAPHY_DIR=str(folder)),
                           str(folder), "permission denied")  # fmt: skip
    finally:
        folder.chmod(0o755)


def test_unreadable_folders_and_files_are_named(tmp_path, monkeypatch):
    """What a permission problem says (in-process: the tests may run as root)."""
    real_access = os.access
    geo = SETTINGS.geography_dir

    def access(path, mode):
        return False if Path(path) == geo else real_access(path, mode)

    monkeypatch.setattr(bundle_module.os, "access", access)
    with pytest.raises(StartupError, match="permission denied") as err:
        load_for_serving(SETTINGS)
    assert str(geo) in str(err.value) and "\n" not in str(err.value)
    monkeypatch.undo()

    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(geo / "crosswalk.csv"))

    monkeypatch.setattr(bundle_module, "load_bundle", denied)
    with pytest.raises(StartupError, match="permission denied") as err:
        load_for_serving(SETTINGS)
    assert "crosswalk.csv" in str(err.value)


def test_gunicorn_stops_with_the_message(tmp_path):
    pytest.importorskip("gunicorn", reason="pip install '.[serve]'")
    missing = tmp_path / "missing"
    exe = Path(sys.executable).with_name("gunicorn")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "gunicorn"]
    cmd += ["--workers", "1", "--bind", f"127.0.0.1:{_free_port()}", "dashboard.wsgi:server"]
    from gunicorn.config import KNOWN_SETTINGS

    if any("--no-control-socket" in s.cli for s in KNOWN_SETTINGS if s.cli):
        cmd.append("--no-control-socket")
    env = {**os.environ, "CSIL_GEOGRAPHY_DIR": str(missing), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                            cwd=tmp_path)  # fmt: skip
    out = result.stdout + result.stderr
    assert result.returncode == EXIT_STARTUP, out  # gunicorn: "Worker failed to boot."
    assert "Traceback" not in out, out
    assert f"cannot be used: No prepared geography in {missing}" in out
    assert "build-geodata" in out and "CSIL_GEOGRAPHY_DIR" in out


# --- the download cache (build-geodata --download) ------------------------------------------


@pytest.fixture
def sources(monkeypatch) -> dict[str, bytes]:
    """Two small source files (key -> content) in place of the real registry, and the fake
    fetcher's log; nothing goes to the network."""
    contents = {"alpha": b"code,n\n11001,1\n", "beta": b"x\n" * 5000}
    files = {
        key: SourceFile(key=key, path=f"raw/o__r/{key}.csv",
                        sha256=hashlib.sha256(data).hexdigest(), kind="table", producer="p",
                        licence="l", attribution="a", obtain="o",
                        url=f"http://example.invalid/{key}.csv")
        for key, data in contents.items()
    }  # fmt: skip
    monkeypatch.setattr(download, "source_files", lambda: files)
    return contents


class FakeFetcher:
    """pooch's downloader interface, serving ``contents`` by the URL's last part; ``fail``
    (key, output path) -> an error to raise instead of writing (a full disk), or None."""

    def __init__(self, contents: dict[str, bytes], fail=None) -> None:
        self.contents = contents
        self.fail = fail or (lambda _key, _path: None)
        self.fetched: list[str] = []

    def __call__(self, url: str, output_file, _pooch) -> None:
        key = url.rsplit("/", 1)[-1].removesuffix(".csv")
        error = self.fail(key, Path(output_file))
        if error is not None:
            raise error
        Path(output_file).write_bytes(self.contents[key])
        self.fetched.append(key)


def _check(folder: Path, contents: dict[str, bytes]) -> None:
    for key, data in contents.items():
        assert (folder / f"raw/o__r/{key}.csv").read_bytes() == data


def test_a_file_where_the_cache_folder_should_be(tmp_path, sources, caplog):
    blocked = tmp_path / "cache"
    blocked.write_text("a file, not a folder")
    fetcher = FakeFetcher(sources)
    with caplog.at_level("WARNING", logger="geodata.download"):
        used = fetch_sources(blocked / "sources", downloader=fetcher)
    assert used != blocked / "sources" and used.is_dir()
    _check(used, sources)
    assert any("temporary folder" in r.getMessage() and str(blocked) in r.getMessage()
               for r in caplog.records)  # fmt: skip
    assert blocked.read_text() == "a file, not a folder"


def test_a_read_only_cache_folder(tmp_path, sources, monkeypatch, caplog):
    dest = tmp_path / "sources"
    dest.mkdir()
    if IS_ROOT:  # root writes anywhere: the probe is told what a read-only folder says

        def read_only(folder):
            return "Read-only file system" if folder == dest else None

        monkeypatch.setattr(download, "cache_problem", read_only)
    else:
        dest.chmod(0o555)
    try:
        with caplog.at_level("WARNING", logger="geodata.download"):
            used = fetch_sources(dest, downloader=FakeFetcher(sources))
    finally:
        dest.chmod(0o755)
    assert used != dest
    _check(used, sources)
    assert not any(dest.iterdir())
    assert any("cannot write the download cache" in r.getMessage() for r in caplog.records)


def test_a_read_only_cache_that_holds_every_file_is_used_as_it_is(tmp_path, sources, monkeypatch):
    dest = tmp_path / "sources"
    fetch_sources(dest, downloader=FakeFetcher(sources))
    monkeypatch.setattr(download, "cache_problem", lambda folder: "Read-only file system")
    fetcher = FakeFetcher(sources)
    assert fetch_sources(dest, downloader=fetcher) == dest
    assert fetcher.fetched == []


def test_a_cache_that_fills_up_on_the_way(tmp_path, sources, caplog):
    """ENOSPC while writing the second file: this run goes on in a temporary folder, with
    the first file copied along, and every file is there once."""
    dest = tmp_path / "sources"

    def full(key: str, path: Path):
        if key == "beta" and dest in path.parents:
            return OSError(errno.ENOSPC, "No space left on device")
        return None

    fetcher = FakeFetcher(sources, fail=full)
    with caplog.at_level("WARNING", logger="geodata.download"):
        used = fetch_sources(dest, downloader=fetcher)
    assert used != dest
    _check(used, sources)
    assert fetcher.fetched == ["alpha", "beta"]
    assert any("No space left on device" in r.getMessage() for r in caplog.records)


def test_a_fault_in_the_temporary_folder_too_is_raised(tmp_path, sources):
    def always(_key: str, _path: Path):
        return OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        fetch_sources(tmp_path / "sources", downloader=FakeFetcher(sources, fail=always))


@pytest.mark.parametrize("spoil", [lambda d: d[: len(d) // 2], lambda d: b"edited" + d[6:]],
                         ids=["truncated", "edited"])  # fmt: skip
def test_a_corrupt_cached_file_is_fetched_again(tmp_path, sources, spoil):
    dest = tmp_path / "sources"
    fetch_sources(dest, downloader=FakeFetcher(sources))
    cached = dest / "raw/o__r/beta.csv"
    cached.write_bytes(spoil(sources["beta"]))
    fetcher = FakeFetcher(sources)
    lines: list[str] = []
    assert fetch_sources(dest, downloader=fetcher, progress=lines.append) == dest
    assert fetcher.fetched == ["beta"]  # only the spoilt one
    _check(dest, sources)
    assert any("replaced a copy with the wrong sha256" in line for line in lines)


def test_a_fetcher_serving_wrong_bytes_is_refused(tmp_path, sources):
    wrong = FakeFetcher({k: v + b"!" for k, v in sources.items()})
    with pytest.raises(GeodataSourceError, match="refused"):
        fetch_sources(tmp_path / "sources", downloader=wrong, keys=["alpha"])


# --- no pickle, nothing written while serving ------------------------------------------------

UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "marshal", "shelve", "joblib", "dill",
                  "cloudpickle"}  # fmt: skip


def _unsafe_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] in UNSAFE_MODULES]
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] in UNSAFE_MODULES:
                found.append(node.module)
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")  # fmt: skip
            if name in ("read_pickle", "to_pickle"):
                found.append(name)
            if any(k.arg == "allow_pickle" and not (isinstance(k.value, ast.Constant)
                   and k.value.value is False) for k in node.keywords):  # fmt: skip
                found.append(f"{name}(allow_pickle=...)")
    return [f"{path}:{f}" for f in found]


def test_the_scan_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import pickle\nfrom joblib import load\nimport numpy as np\n"
                      "np.load('x', allow_pickle=True)\nimport pandas as pd\npd.read_pickle('x')\n"
                      "np.load('y', allow_pickle=False)\nimport marshal.x\n")  # fmt: skip
    assert len(_unsafe_uses(sample)) == 5


def test_no_module_of_the_app_unpickles():
    files = [p for d in ("dashboard", "geodata") for p in (ROOT / d).rglob("*.py")]
    assert len(files) > 20
    assert [u for f in files for u in _unsafe_uses(f)] == []


def _tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*")}  # fmt: skip


def test_serving_writes_nothing_to_the_cache_folder(tmp_path, bundle):
    cache = tmp_path / "cache"
    (cache / "sources").mkdir(parents=True)
    (cache / "sources" / "kept.csv").write_text("a,b\n")
    before = _tree(cache)
    cache.chmod(0o555)
    (cache / "sources").chmod(0o555)
    try:
        settings = Settings.from_env({"CSIL_CACHE_DIR": str(cache)})
        app = create_app(settings, bundle)
        client = app.server.test_client()
        for path in ("/", "/_dash-layout", "/_dash-dependencies",
                     "/geometry/2025/communes.geojson", "/assets/upload_limits.js"):  # fmt: skip
            assert client.get(path).status_code == 200, path
    finally:
        (cache / "sources").chmod(0o755)
        cache.chmod(0o755)
    assert _tree(cache) == before


def test_exports_work_with_an_unusable_home(tmp_path):
    """HOME (and so matplotlib's config and font cache) cannot be written: matplotlib works
    from a temporary folder, and says so once on stderr."""
    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}  # fmt: skip
    env["HOME"] = str(blocked / "home")
    code = ("import io, matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
            "fig, ax = plt.subplots(); ax.plot([1, 2]); buf = io.BytesIO()\n"
            "fig.savefig(buf, format='svg'); print(len(buf.getvalue()))\n")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=TIMEOUT)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) > 1000
    assert "Traceback" not in r.stderr


def test_png_exports_work_with_an_unusable_home(tmp_path):
    """kaleido's headless Chromium, too, runs with a HOME it cannot write (it keeps its
    profile in a temporary folder)."""
    from dashboard.exports.png import chromium_available

    if not chromium_available():
        pytest.skip("no Chromium for kaleido here")
    blocked = tmp_path / "home-is-a-file"
    blocked.write_text("")
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}  # fmt: skip
    env["HOME"] = str(blocked / "home")
    code = ("import plotly.graph_objects as go\nfrom dashboard.exports.png import figure_png\n"
            "print(len(figure_png(go.Figure(go.Bar(x=[1, 2], y=[3, 4])))))\n")  # fmt: skip
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=TIMEOUT, cwd=ROOT)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) > 1000


def test_the_wsgi_entry_says_what_is_wrong_with_the_login_file(tmp_path):
    """A credential file the app cannot use stops a worker with the message, not a
    traceback (the app is built inside the same guard as the data)."""
    bad = tmp_path / "users"
    bad.write_text("alice:Sup3rSecret\n")
    env = {**os.environ, "CSIL_AUTH": "basic", "CSIL_AUTH_FILE": str(bad), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "import dashboard.wsgi"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT,
                            cwd=tmp_path)  # fmt: skip
    out = result.stdout + result.stderr
    assert result.returncode == EXIT_STARTUP, out
    assert "Traceback" not in out, out
    assert f"{bad}:1" in out and "Sup3rSecret" not in out  # the line, never its content
