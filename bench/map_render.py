"""Benchmark (run by hand): how fast the coverage map draws in a browser without a GPU.

    .venv/bin/python bench/map_render.py [--rounds 10] [--size 1366x768]
                                         [--screenshots DIR]

Starts ``csil-dashboard serve`` on a free loopback port and a headless Chromium with
software rendering (``--disable-gpu``: WebGL, if any, falls back to SwiftShader; the
renderer is printed), opens the public record and, on the map's own graph div, times the
same figure drawn with two trace types, alternated side by side in one run:

- ``map``: ``go.Choroplethmap`` (MapLibre, WebGL);
- ``geo``: ``go.Choropleth`` on a ``geo`` subplot (SVG).

For each: the first draw (``Plotly.newPlot`` on the emptied div) and a filter change
(``Plotly.restyle`` of trace 1's ``z``: the region filter of a Dash patch), each until the
map is painted: the plot's promise (after ``plotly_afterplot``; for MapLibre the map's
``idle`` event too, when every layer has been drawn) and two animation frames. Then a real
filter click in the app (server round trip, patch, repaint) with the app's own figure.
Prints the medians and the ratios. No timing is asserted anywhere. What a geo subplot
needs from the page (an empty base map; geometry wound for d3) is given to it before the
app's scripts run when the app does not give it itself (see ``before_the_app``).

With ``--screenshots DIR`` it also saves the app at 1280x720, 1366x768 and 1920x1080
(``DIR/map-WxH-QUERY.png``, the map scrolled into view); ``--rounds 0`` skips the
timings.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import plotly.io as pio
import shapely
from shapely.geometry import mapping, shape

from dashboard import views
from dashboard.bundle import load_bundle
from dashboard.figures import map as map_figures
from dashboard.server import geometry_url
from dashboard.settings import Settings
from dashboard.state import ViewState

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SIZES = ((1280, 720), (1366, 768), (1920, 1080))
GRAPH = "document.querySelector('#coverage-map .js-plotly-plot')"

# The other trace type's layout, for whichever type dashboard/figures/map.py does not draw.
MAP_LAYOUT = {"style": "white-bg", "center": {"lat": 50.55, "lon": 4.45}, "zoom": 6.9}
GEO_LAYOUT = {
    "visible": False, "fitbounds": "locations", "bgcolor": "white", "showframe": False,
    "projection": {"type": "conic conformal", "parallels": [49.8333, 51.1667]},
}  # fmt: skip
# The empty base map a geo subplot loads (map.py's, or the same if map.py draws MapLibre).
TOPOJSON_NAME = getattr(map_figures, "GEO_TOPOJSON_NAME", "world_110m")
TOPOJSON = getattr(map_figures, "GEO_TOPOJSON", {"type": "Topology", "objects": {}, "arcs": []})
MAP_TYPES = {"choropleth": "choroplethmap", "scattergeo": "scattermap"}
GEO_TYPES = {v: k for k, v in MAP_TYPES.items()}

# In the page: time one drawing step until the map is painted.
TIMER_JS = """
window.__bench = {
  mapOf(gd) {
    const m = gd._fullLayout && gd._fullLayout.map;
    const map = m && m._subplot ? m._subplot.map : null;
    if (map && !map.__watched) {  // when MapLibre last rendered a frame, last went idle
      map.__watched = true;
      map.__render = map.__idle = -1;
      map.on('render', () => { map.__render = performance.now(); });
      map.on('idle', () => { map.__idle = performance.now(); });
    }
    return map;
  },
  frames() {
    return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  },
  async painted(gd, since) {
    // MapLibre draws on its own frames after the plot's promise: wait until it has rendered
    // since `since` and gone idle after its last frame (every layer drawn).
    const map = this.mapOf(gd);
    while (map && !(map.__render > since && map.__idle >= map.__render)
           && performance.now() - since < 20000) {
      await this.frames();
    }
    await this.frames();
  },
  async time(gd, step) {
    const t0 = performance.now();
    this.mapOf(gd);
    const done = step();
    this.mapOf(gd);
    await done;
    await this.painted(gd, t0);
    return performance.now() - t0;
  },
};
"""


def webgl_renderer(driver) -> str:
    return driver.execute_script(
        "const c = document.createElement('canvas');"
        "const gl = c.getContext('webgl2') || c.getContext('webgl');"
        "if (!gl) return 'no WebGL';"
        "const e = gl.getExtension('WEBGL_debug_renderer_info');"
        "return gl.getParameter(gl.VERSION) + ' | '"
        " + gl.getParameter(e ? e.UNMASKED_RENDERER_WEBGL : gl.RENDERER);"
    )


def variant(figure: dict, kind: str) -> dict:
    """The figure drawn with ``kind`` ("map" or "geo") traces, same data and styling."""
    fig = copy.deepcopy(figure)
    types = MAP_TYPES if kind == "map" else GEO_TYPES
    for trace in fig["data"]:
        trace["type"] = types.get(trace["type"], trace["type"])
    layout = fig["layout"]
    if kind == "map" and "map" not in layout:
        layout.pop("geo", None)
        layout["map"] = MAP_LAYOUT
    if kind == "geo" and "geo" not in layout:
        layout.pop("map", None)
        layout["geo"] = GEO_LAYOUT
    return fig


def d3_wound(geojson: dict) -> tuple[dict, int]:
    """The geometry with exterior rings clockwise (the winding d3-geo, so a ``geo``
    subplot, reads as "inside"; MapLibre reads either), and how many rings were turned."""
    out = copy.deepcopy(geojson)
    turned = 0
    for feature in out["features"]:
        geom = shape(feature["geometry"])
        fixed = shapely.orient_polygons(geom, exterior_cw=True)
        if not fixed.equals_exact(geom, 0):
            turned += 1
            feature["geometry"] = json.loads(json.dumps(mapping(fixed)))
    return out, turned


@contextlib.contextmanager
def serve():
    """``csil-dashboard serve`` on a free loopback port: yields its URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("csil-dashboard")
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CSIL_PORT": str(port), "CSIL_HOST": "127.0.0.1",
               "CSIL_CACHE_DIR": tmp}  # fmt: skip
        server = subprocess.Popen([str(exe), "serve"], env=env, cwd=tmp,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}/"
            deadline = time.monotonic() + 120
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=1):
                        break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("the server did not start") from None
                    time.sleep(0.1)
            yield url
        finally:
            server.terminate()
            server.wait()


@contextlib.contextmanager
def chromium(width: int, height: int):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                    "--hide-scrollbars", f"--window-size={width},{height}",
                    f"--user-data-dir={profile}"):  # fmt: skip
            opts.add_argument(arg)
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        driver.set_script_timeout(120)
        try:
            yield driver
        finally:
            driver.quit()


def wait_for_map(driver, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = driver.execute_script(
            f"const g = {GRAPH}; return g && g.data && g.data[1] ? "
            "(g.data[1].locations || []).length : 0;"
        )
        if n > 500 and driver.find_elements("css selector", "#key-figures .kpi"):
            return
        time.sleep(0.2)
    raise RuntimeError("the map was not drawn")


def run_js(driver, body: str, *args):
    """Run an async function body in the page (``gd`` is the map's graph div)."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"const gd = {GRAPH};"
        f"(async () => {{ {body} }})().then(done, e => done('ERROR ' + e));",
        *args,
    )


def figures(settings: Settings):
    """The public record (all communes) as the app builds it, the z of trace 1 after a
    filter (Walloon Region only), and every division's geometry by URL."""
    bundle = load_bundle(settings)
    states = (ViewState(date="2019-06-15", lang="en"),
              ViewState(date="2019-06-15", lang="en", region=("03000",)))  # fmt: skip
    layers = []
    for state in states:
        shown, frame, mask = views.selection(bundle, state, None)
        layers.append(views.map_layers(bundle, shown, frame, mask, state, state.lang))
    data = bundle.vintages[shown.vintage]
    urls = [geometry_url(shown.vintage, layer, data.digest) for layer in ("communes", "regions")]
    fig = map_figures.coverage_map_figure(layers[0], *urls)
    figure = json.loads(pio.to_json(fig))
    z_after = map_figures.category_codes(layers[1].communes["category"].tolist())
    geometry = {}
    for key, vintage in bundle.vintages.items():
        for layer, collection in (("communes", vintage.display),
                                  ("regions", vintage.regions_display)):  # fmt: skip
            geometry[geometry_url(key, layer, vintage.digest)] = collection
    return figure, z_after, geometry


_NOTED: set[str] = set()


def before_the_app(driver, geometry: dict) -> None:
    """What the page needs for a ``geo`` subplot, given before the app's scripts run when
    the app does not (yet) give it: an empty base map (plotly.js would fetch one from its
    CDN) and the geometry wound for d3 (kept in plotly.js's cache under its URL, so the
    served file is not read)."""
    script = (
        "window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
        "window.PlotlyGeoAssets.topojson = window.PlotlyGeoAssets.topojson || {};"
        f"window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON_NAME)}] ="
        f" window.PlotlyGeoAssets.topojson[{json.dumps(TOPOJSON_NAME)}]"
        f" || {json.dumps(TOPOJSON)};"
    )
    for url, collection in geometry.items():
        fixed, turned = d3_wound(collection)
        if turned and url not in _NOTED:
            _NOTED.add(url)
            print(f"note: {turned} feature(s) of {url.split('?')[0]} wound anticlockwise"
                  " (d3 fills the outside): rewound in the page")  # fmt: skip
            script += f"window.PlotlyGeoAssets[{json.dumps(url)}] = {json.dumps(fixed)};"
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": script})


def measure(url: str, figure: dict, z_after: list, geometry: dict, rounds: int, size) -> dict:
    """{"renderer", "app_type", "click": [ms], "map"|"geo": {"first"|"restyle": [ms]}}"""
    with chromium(*size) as driver:
        before_the_app(driver, geometry)
        driver.get(url + "?lang=en&date=2019-06-15")
        wait_for_map(driver)
        app_type = driver.execute_script(f"return {GRAPH}.data[1].type")
        renderer = webgl_renderer(driver)
        print(f"Chromium {driver.capabilities.get('browserVersion')}, window {size[0]}x{size[1]}"
              f", --disable-gpu; WebGL: {renderer}")  # fmt: skip
        print(f"the app draws trace type {app_type!r}")

        # A real filter click first (the app's own figure): click -> server -> patch ->
        # repaint, until the commune layer's z changed and it is painted.
        clicks = []
        for i in range(rounds):
            box = driver.find_element(
                "css selector", "#region-filter input[value='03000']"
            ).find_element("xpath", "./ancestor::label")
            run_js(driver, TIMER_JS + f"window.__bench.mapOf({GRAPH}); return 1;")
            driver.execute_script(
                "const gd = arguments[0]; const z0 = JSON.stringify(Array.from(gd.data[1].z));"
                "window.__click = new Promise(resolve => {"
                "  const t0 = performance.now();"
                "  const check = async () => {"
                "    if (JSON.stringify(Array.from(gd.data[1].z)) === z0) return;"
                "    gd.removeListener('plotly_afterplot', check);"
                "    await window.__bench.painted(gd, t0); resolve(performance.now() - t0); };"
                "  gd.on('plotly_afterplot', check); });",
                driver.execute_script(f"return {GRAPH}"),
            )
            box.click()
            clicks.append(run_js(driver, "return await window.__click;"))
            time.sleep(0.3 + 0.1 * (i % 2))
        print(f"app filter click -> repainted ({app_type}): median "
              f"{statistics.median(clicks):.0f} ms over {rounds}")  # fmt: skip

        config = {"displaylogo": False, "scrollZoom": True, "responsive": True}
        results: dict[str, dict[str, list[float]]] = {}
        figs = {k: variant(figure, k) for k in ("map", "geo")}
        z_before = figure["data"][1]["z"]
        for i in range(rounds):
            for kind in ("map", "geo") if i % 2 == 0 else ("geo", "map"):
                fig = figs[kind]
                first = run_js(driver, "Plotly.purge(gd); await window.__bench.frames();"
                               "return await window.__bench.time(gd, () => Plotly.newPlot("
                               "gd, arguments[0].data, arguments[0].layout, arguments[1]));",
                               fig, config)  # fmt: skip
                restyle = run_js(driver, "return await window.__bench.time(gd, () =>"
                                 " Plotly.restyle(gd, {z: [arguments[0]]}, [1]));",
                                 z_after if i % 2 == 0 else z_before)  # fmt: skip
                for name, value in (("first", first), ("restyle", restyle)):
                    if isinstance(value, str):
                        raise RuntimeError(f"{kind} {name}: {value}")
                    results.setdefault(kind, {}).setdefault(name, []).append(value)
        print(f"\nmedian of {rounds} (alternated), ms:   first draw   filter (restyle z)")
        for kind, label in (("map", "Choroplethmap (MapLibre/WebGL)"),
                            ("geo", "Choropleth on geo (SVG)     ")):  # fmt: skip
            r = results[kind]
            print(
                f"  {label}  {statistics.median(r['first']):9.0f}   "
                f"{statistics.median(r['restyle']):9.0f}"
            )
        m, g = results["map"], results["geo"]
        print(
            "  ratio map / geo              "
            f"{statistics.median(m['first']) / statistics.median(g['first']):9.2f}   "
            f"{statistics.median(m['restyle']) / statistics.median(g['restyle']):9.2f}"
        )
        print("  all runs:", json.dumps({k: {n: [round(x) for x in v] for n, v in r.items()}
                                         for k, r in results.items()}))  # fmt: skip
        return {"renderer": renderer, "app_type": app_type, "click": clicks, **results}


def screenshots(url: str, geometry: dict, folder: Path, query: str) -> None:
    """The app at three window sizes, the map in view."""
    folder.mkdir(parents=True, exist_ok=True)
    for width, height in SIZES:
        with chromium(width, height) as driver:
            before_the_app(driver, geometry)
            driver.get(url + query)
            wait_for_map(driver)
            time.sleep(1.5)  # the geometry drawn
            driver.execute_script("document.getElementById('map-figure').scrollIntoView()")
            time.sleep(0.5)
            name = "".join(c if c.isalnum() else "-" for c in query.strip("?"))
            path = folder / f"map-{width}x{height}-{name}.png"
            driver.save_screenshot(str(path))
            print(f"saved {path}")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--size", default="1366x768", help="browser window, WxH")
    parser.add_argument("--screenshots", type=Path, help="also save the app at three sizes")
    parser.add_argument(
        "--query",
        action="append",
        help="the app's query string for the "
        "screenshots (repeatable; default: the public record and the example)",
    )
    args = parser.parse_args(argv)
    size = tuple(int(x) for x in args.size.split("x"))
    figure, z_after, geometry = figures(Settings.from_env())
    results: dict = {}
    with serve() as url:
        if args.rounds:
            results = measure(url, figure, z_after, geometry, args.rounds, size)
        if args.screenshots:
            for query in args.query or ["?lang=en&date=2019-06-15", "?lang=en&dataset=example"]:
                screenshots(url, geometry, args.screenshots, query)
    return results


if __name__ == "__main__":
    main()
