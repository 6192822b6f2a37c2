"""A real server (the README's ``csil-dashboard serve``) and a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _need_browser():
    if Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists():
        return
    msg = "chromium and chromium-driver are needed (apt-get install chromium chromium-driver)"
    if os.environ.get("CI"):
        pytest.fail(msg)
    pytest.skip(msg)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """``csil-dashboard serve`` in a subprocess on a free loopback port."""
    yield from _serve(tmp_path_factory)


#: The user and password of :func:`live_server_login` (``CSIL_AUTH=basic``).
LOGIN = ("atlas-user", "a test password")


@pytest.fixture(scope="session")
def live_server_login(tmp_path_factory):
    """The same server with ``CSIL_AUTH=basic`` and one user, :data:`LOGIN`."""
    from dashboard.security import credential_line

    users = tmp_path_factory.mktemp("auth") / "users"
    users.write_text(credential_line(*LOGIN) + "\n", encoding="utf-8")
    yield from _serve(tmp_path_factory, {"CSIL_AUTH": "basic", "CSIL_AUTH_FILE": str(users)})


def _serve(tmp_path_factory, extra_env=None):
    port = _free_port()
    exe = Path(sys.executable).with_name("csil-dashboard")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "dashboard.cli"]
    env = {
        **os.environ,
        "CSIL_CACHE_DIR": str(tmp_path_factory.mktemp("cache")),
        "CSIL_HOST": "127.0.0.1",
        "CSIL_PORT": str(port),
        **(extra_env or {}),
    }
    log = tmp_path_factory.mktemp("server") / "serve.log"
    with log.open("w") as out:
        proc = subprocess.Popen([*cmd, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except urllib.error.HTTPError as exc:  # 401: up, and asking for the login
            if exc.code == 401:
                break
            time.sleep(0.5)
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail(f"server did not answer on {url}:\n{log.read_text()}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    _need_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1300,950",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):  # fmt: skip
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    downloads = tmp_path_factory.mktemp("downloads")
    opts.add_experimental_option("prefs", {"download.default_directory": str(downloads)})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.execute_cdp_cmd(
        "Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    driver.set_page_load_timeout(60)
    driver.downloads = downloads
    yield driver
    driver.quit()


def wait_for(predicate, timeout=30.0, interval=0.25, message="condition"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as exc:  # element not there yet
            last = exc
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message} (last: {last!r})")


def map_locations(driver, element_id="coverage-map"):
    """Locations of every trace of the plotly graph, as the browser holds them."""
    return driver.execute_script(
        "const g = document.querySelector('#" + element_id + " .js-plotly-plot');"
        "return g && g.data ? g.data.map(t => Array.from(t.locations || [])) : null;"
    )
