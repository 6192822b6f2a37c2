"""Benchmark (run by hand): what one filter change costs, server time and bytes sent.

    .venv/bin/python bench/bench_view.py

Prints the time to compute a view (public record and illustrative example), the size of a
full map figure (with geometry) against the patch a recolouring filter change sends, and
the time of a cold start (a new `csil-dashboard serve` until its page answers).
"""

from __future__ import annotations

import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path

import plotly.io as pio
from plotly.utils import PlotlyJSONEncoder

from dashboard import files, views
from dashboard.bundle import load_bundle
from dashboard.callbacks.view import render_view
from dashboard.figures.map import coverage_map_figure, coverage_map_updates
from dashboard.settings import Settings
from dashboard.state import ViewState


def timed(fn, repeat=7):
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append(time.perf_counter() - t)
    return out, statistics.median(runs)


@contextlib.contextmanager
def serving(env: dict | None = None):
    """`csil-dashboard serve` on a free loopback port, from an empty folder; yields its URL
    once the page answers (``.started`` on the generator's URL object: seconds it took)."""
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("csil-dashboard")
    with tempfile.TemporaryDirectory() as tmp:
        full_env = {**os.environ, "CSIL_PORT": str(port), "CSIL_CACHE_DIR": tmp, **(env or {})}
        url = f"http://127.0.0.1:{port}/"
        server = subprocess.Popen([str(exe), "serve"], env=full_env, cwd=tmp,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"csil-dashboard serve exited with {server.returncode}")
                try:
                    with urllib.request.urlopen(url, timeout=1):
                        break
                except OSError:
                    time.sleep(0.02)
            yield url
        finally:
            server.terminate()
            server.wait()


def cold_start_seconds() -> float:
    """A cold start in a new process (no cache of any kind exists): `csil-dashboard serve`
    from an empty folder until its page answers."""
    t = time.perf_counter()
    with serving():
        return time.perf_counter() - t


def cold_start() -> None:
    """The cold start beside the time the same geography takes to build from the originals."""
    start = cold_start_seconds()
    shared = files.data_dir().parents[1] / "shared" / "geodata"
    if shared.is_dir():
        from geodata import build

        inputs = build.Inputs(source_dir=shared, reference_dir=files.reference_dir())
        _, built = timed(lambda: build.prepared_files(inputs), 1)
        print(f"cold start, serve until the page answers: {start:.2f} s (target <= 2 s); "
              f"building the same geography from the originals: {built:.1f} s "
              f"({built / start:.1f}x the whole start)")  # fmt: skip
    else:
        print(f"cold start, serve until the page answers: {start:.2f} s (target <= 2 s)")


def main() -> None:
    settings = Settings.from_env()
    bundle = load_bundle(settings)
    for state in (ViewState(date="2019-06-15"), ViewState(dataset="example"),
                  ViewState(dataset="example", region=("03000",), lang="nl")):  # fmt: skip

        def compute(state=state):
            shown, frame, mask = views.selection(bundle, state, None)
            layers = views.map_layers(bundle, shown, frame, mask, state, state.lang)
            views.key_figures(bundle, shown, frame, mask, state, state.lang)
            views.breakdown_table(bundle, shown, frame, mask, state.level, state.lang)
            return shown, layers

        (shown, layers), t = timed(compute)
        data = bundle.vintages[shown.vintage]
        full = len(pio.to_json(coverage_map_figure(layers, data.display, data.regions_display)))
        patch = len(json.dumps({str(k): v for k, v in coverage_map_updates(layers).items()}))
        print(f"{state.dataset:8} {state.date or '-':10} region={','.join(state.region) or 'all':6}"
              f" view {t * 1000:6.0f} ms | full figure {full / 1024:6.0f} kB, "
              f"patch {patch / 1024:5.0f} kB ({full / patch:.1f}x smaller)")  # fmt: skip


def whole_view() -> None:
    """Everything one view callback computes and sends (all panels): the first time (cold
    caches, whole map figure) and again (warm caches, map patch)."""
    bundle = load_bundle(Settings.from_env())
    for state in (ViewState(date="2019-06-15"), ViewState(), ViewState(dataset="example"),
                  ViewState(date="2019-06-15", province=("10000",), lang="fr")):  # fmt: skip
        t = time.perf_counter()
        meta = render_view(bundle, state, None, None)[("map-meta", "data")]
        first = time.perf_counter() - t
        # a later click on the same division: the map is a patch (no geometry)
        out, again = timed(lambda state=state, meta=meta: render_view(bundle, state, None, meta))
        size = len(json.dumps(list(out.values()), cls=PlotlyJSONEncoder))
        print(f"render_view {state.dataset:7} {state.date or '-':10} "
              f"province={','.join(state.province) or '-':5}: first {first * 1000:5.0f} ms, "
              f"then {again * 1000:5.0f} ms ({first / again:.1f}x); "
              f"{size / 1024:5.0f} kB of outputs")  # fmt: skip


if __name__ == "__main__":
    cold_start()
    main()
    whole_view()
