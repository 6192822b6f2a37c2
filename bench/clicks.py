"""What one filter click costs, side by side in one run: the naive callback (a whole new
figure with its geometry and every panel, every time) against the app's callback (one
round trip: only what the click changes, the map as a colour patch, the geometry by URL).

Both are measured in-process on the real bundle: server CPU (``time.process_time``) and
the bytes of the JSON response gzipped as the server sends it (flask-compress, level 6).
"""

from __future__ import annotations

import gzip
import json
import statistics
import time
from itertools import cycle

from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard import ids, views
from dashboard.bundle import DataBundle
from dashboard.callbacks.view import render_view
from dashboard.figures.map import coverage_map_figure
from dashboard.state import ViewState

#: The main journey: filter clicks on one date in one language.
JOURNEY = (
    {"region": ("03000",)},
    {"region": ("03000",), "status": ("own_cell",)},
    {"region": ("02000",)},
    {"pop_band": "10-20k"},
    {},
    {"province": ("60000",)},
)


def wire_bytes(outputs: dict) -> tuple[int, int]:
    """(raw, gzipped) bytes of a callback response carrying ``outputs``."""
    sent = {f"{cid}.{prop}": v for (cid, prop), v in outputs.items() if v is not no_update}
    raw = json.dumps({"multi": True, "response": sent}, cls=PlotlyJSONEncoder).encode()
    return len(raw), len(gzip.compress(raw, compresslevel=6))


def naive_click(bundle: DataBundle, state: ViewState) -> dict:
    """Everything, every time, with the geometry inlined in the figure."""
    out = render_view(bundle, state, None, None)
    shown, frame, mask = views.selection(bundle, state, None)
    layers = views.map_layers(bundle, shown, frame, mask, state, state.lang)
    data = bundle.vintages[shown.vintage]
    out[(ids.MAP, "figure")] = coverage_map_figure(layers, data.display, data.regions_display)
    return out


def measure(bundle: DataBundle, date: str = "2019-06-15", lang: str = "fr", n: int = 50) -> dict:
    """Median CPU (ms) and bytes of one click, naive and app, alternated ``n`` times."""
    start = ViewState(date=date, lang=lang)
    meta = render_view(bundle, start, None, None)[(ids.MAP_META, "data")]
    clicks = cycle(JOURNEY)
    figures: dict[str, dict[str, list[float]]] = {
        k: {"cpu": [], "raw": [], "gz": []} for k in ("naive", "app")
    }
    for _ in range(n):
        state = ViewState(date=date, lang=lang, **next(clicks))
        for kind in ("naive", "app"):
            t = time.process_time()
            if kind == "naive":
                out = naive_click(bundle, state)
            else:
                out = render_view(bundle, state, None, meta)
            raw, gz = wire_bytes(out)  # serialising and compressing is server work too
            figures[kind]["cpu"].append((time.process_time() - t) * 1000)
            figures[kind]["raw"].append(raw)
            figures[kind]["gz"].append(gz)
            if kind == "app":
                meta = out[(ids.MAP_META, "data")]
    return {k: {m: statistics.median(v) for m, v in f.items()} for k, f in figures.items()}


def report(result: dict) -> str:
    naive, app = result["naive"], result["app"]
    return (
        f"filter click (median of the journey)   naive: {naive['cpu']:7.1f} ms CPU, "
        f"{naive['gz'] / 1024:7.1f} kB gzipped ({naive['raw'] / 1024:.0f} kB raw)\n"
        f"                                       app:   {app['cpu']:7.1f} ms CPU, "
        f"{app['gz'] / 1024:7.1f} kB gzipped ({app['raw'] / 1024:.0f} kB raw)\n"
        f"                                       ratio: {naive['cpu'] / app['cpu']:7.1f}x less CPU,"
        f" {naive['gz'] / app['gz']:.1f}x fewer bytes (targets: 50x, 100x)"
    )
