"""The benchmark, run by hand: ``.venv/bin/python -m bench [--quick]``.

Prints, in one run and side by side: a filter click as the naive full-figure callback and
as the app's callback (server CPU, bytes on the wire, median of >= 50); the first visit's
bytes (gzipped) per division; the cold start; the time from a click to the map repainted
in headless Chromium (bench/map_render.py); a load test under gunicorn (bench/load.py);
and the per-polygon cost at 589, 2,000 and 20,000 polygons. BENCHMARKS.md records the
figures with the machine and the versions. ``--quick`` is the tiny variant the test suite
runs so that this cannot rot (it asserts no timing).
"""

from __future__ import annotations

import argparse
import contextlib
import platform
import sys
import time
from importlib import metadata

from bench import clicks, scaling
from bench.bench_view import cold_start_seconds


def first_visit() -> dict[str, dict[str, int]]:
    """Bytes a first visit transfers, as a browser with an empty cache counts them
    (Resource Timing ``transferSize``: compressed, headers included), until the map is
    drawn: headless Chromium against `csil-dashboard serve`, one fresh profile per division.
    """
    import tempfile

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    from bench.bench_view import serving

    out = {}
    with serving() as url:
        for date, key in (("2016-05-27", "1977-2018"), ("2019-06-15", "2019-2024")):
            with tempfile.TemporaryDirectory() as profile:
                opts = webdriver.ChromeOptions()
                for arg in ("--headless=new", "--no-sandbox", "--disable-gpu",
                            "--window-size=1366,768", f"--user-data-dir={profile}"):  # fmt: skip
                    opts.add_argument(arg)
                driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
                try:
                    driver.get(f"{url}?lang=fr&date={date}")
                    deadline = time.monotonic() + 60
                    while time.monotonic() < deadline and not driver.execute_script(
                        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
                        "return g && g.data && g.data[1] && g.data[1].locations.length > 500 &&"
                        " document.querySelector('#coverage-map .choroplethlayer, "
                        "#coverage-map canvas');"
                    ):
                        time.sleep(0.2)
                    time.sleep(1)
                    sizes = driver.execute_script(
                        "const e = performance.getEntriesByType('resource')"
                        ".concat(performance.getEntriesByType('navigation'));"
                        "const by = k => e.filter(x => k(x.name))"
                        ".reduce((a, x) => a + x.transferSize, 0);"
                        "return {scripts: by(n => /\\.(js|css)/.test(n)),"
                        " geometry: by(n => n.includes('/geometry/')),"
                        " callbacks: by(n => n.includes('_dash-update-component')),"
                        " all: by(n => true)};"
                    )
                finally:
                    driver.quit()
            out[key] = sizes
    return out


def versions() -> str:
    names = ("dash", "plotly", "pandas", "numpy", "flask-compress", "gunicorn")
    found = []
    for n in names:
        with contextlib.suppress(metadata.PackageNotFoundError):
            found.append(f"{n} {metadata.version(n)}")
    return ", ".join(found)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="tiny variant (for the tests)")
    args = parser.parse_args(argv)
    from dashboard.bundle import load_bundle
    from dashboard.settings import Settings

    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, {platform.system()}; {versions()}")  # fmt: skip
    settings = Settings.from_env({})
    t = time.perf_counter()
    bundle = load_bundle(settings)
    print(f"bundle loaded in {time.perf_counter() - t:.2f} s (in-process)")
    results: dict = {}

    results["clicks"] = clicks.measure(bundle, n=4 if args.quick else 50)
    print(clicks.report(results["clicks"]))

    results["first_visit"] = first_visit()
    for key, f in results["first_visit"].items():
        print(f"first visit, division {key}: {f['all'] / 1024:7.0f} kB on the wire (scripts "
              f"and styles {f['scripts'] / 1024:.0f} kB, callbacks {f['callbacks'] / 1024:.0f}"
              f" kB, geometry {f['geometry'] / 1024:.0f} kB; target geometry "
              f"<= 250 kB)")  # fmt: skip

    results["scaling"] = scaling.measure(3 if args.quick else 30)
    print(scaling.report(results["scaling"], results["clicks"]["app"]["cpu"]))

    if args.quick:
        return results
    starts = [cold_start_seconds() for _ in range(3)]
    results["cold_start"] = starts
    print(f"cold start (serve until the page answers; no cache exists, so every start is "
          f"cold): {', '.join(f'{s:.2f}' for s in starts)} s (target <= 2 s)")  # fmt: skip
    try:
        from bench import map_render
    except ImportError:
        print("click to map repainted: bench/map_render.py not available")
    else:
        results["map_render"] = map_render.main([])
    try:
        from bench import load
    except ImportError:
        print("load test: bench/load.py not available")
    else:
        results["load"] = load.main([])
    return results


if __name__ == "__main__":
    main(sys.argv[1:])
