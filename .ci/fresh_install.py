"""A new user's install, proved: clone the repository into an empty folder with no `shared`
beside it, install it (not editable) into a fresh venv, start `csil-dashboard serve` from
another folder, and check in headless Chromium that the page answers and the map holds the
589 / 581 / 565 communes of the three divisions.

Run by `.ci/run` with the test venv's Python (it has selenium); exits non-zero on failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
UPLOAD_2025 = "nis_code,commune,status,cell,as_of\n44083,Deinze,own_cell,,2025-03-01\n"


def step(msg: str) -> None:
    print(f"[fresh install] {msg}", flush=True)


def run(cmd: list[str], **kw) -> None:
    subprocess.run(cmd, check=True, **kw)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def map_communes(driver) -> int:
    return driver.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "if (!g || !g.data) return 0;"
        "return Math.max(0, ...g.data.map(t => (t.locations || []).length));"
    )


def wait_for(predicate, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except Exception:  # the page is still loading
            pass
        time.sleep(0.3)
    raise SystemExit(f"[fresh install] FAILED: timed out waiting for {what}")


def check_map(url: str, work: Path) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    opts = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,768", f"--user-data-dir={work / 'profile'}"):  # fmt: skip
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    try:
        for date, count in (("2016-05-27", 589), ("2019-06-15", 581)):
            driver.get(f"{url}?lang=fr&date={date}")
            wait_for(lambda c=count: map_communes(driver) == c, f"{count} communes on {date}")
            step(f"map on {date}: {map_communes(driver)} communes")
        upload = work / "2025.csv"
        upload.write_text(UPLOAD_2025, encoding="utf-8")
        driver.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(upload))
        wait_for(lambda: map_communes(driver) == 565, "565 communes for a 2025 file")
        step(f"map for a 2025 file: {map_communes(driver)} communes")
    finally:
        driver.quit()


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="csil-fresh-") as tmp:
        work = Path(tmp)
        clone, venv, elsewhere = work / "clone", work / "venv", work / "elsewhere"
        elsewhere.mkdir()
        assert not (work / "shared").exists()
        step(f"cloning {REPO} into {clone} (no shared/ beside it)")
        run(["git", "clone", "-q", str(REPO), str(clone)])
        step("installing it, not editable, into a fresh venv")
        run([sys.executable, "-m", "venv", str(venv)])
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        run([*pip, "--disable-pip-version-check", str(clone)])
        exe = venv / "bin" / "csil-dashboard"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CSIL_")} | {
            "CSIL_PORT": str(free_port()),
            "CSIL_CACHE_DIR": str(work / "cache"),
        }
        url = f"http://127.0.0.1:{env['CSIL_PORT']}/"
        info = subprocess.run(
            [str(exe), "info"], cwd=elsewhere, env=env, capture_output=True, text=True
        )
        print(info.stdout.splitlines()[0] if info.stdout else info.stderr, flush=True)
        if info.returncode != 0:
            raise SystemExit(f"[fresh install] FAILED: csil-dashboard info\n{info.stderr}")
        step(f"starting `csil-dashboard serve` from {elsewhere}")
        log = (work / "serve.log").open("w")
        t0 = time.monotonic()
        server = subprocess.Popen(
            [str(exe), "serve"], cwd=elsewhere, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            while True:
                if server.poll() is not None:
                    raise SystemExit(
                        "[fresh install] FAILED: the server exited:\n"
                        + (work / "serve.log").read_text()
                    )
                try:
                    with urllib.request.urlopen(url, timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.1)
                if time.monotonic() - t0 > 60:
                    raise SystemExit("[fresh install] FAILED: no answer within 60 s")
            step(f"the page answers: 200 after {time.monotonic() - t0:.1f} s")
            check_map(url, work)
        finally:
            server.terminate()
            server.wait(timeout=10)
    step("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
