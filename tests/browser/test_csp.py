"""The app under its own Content-Security-Policy in a real headless Chromium (issue 15):
the map draws, the Brussels zoom and a filter answer, a CSV export downloads, and the
browser reports no error at all, in particular no CSP violation; the same behind the
optional login (CSIL_AUTH=basic)."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest
from selenium.webdriver.common.by import By

from dashboard.security import SERVER_NAME
from tests.browser.conftest import LOGIN, wait_for
from tests.browser.test_briefing import _download
from tests.browser.test_journeys import _open

pytestmark = pytest.mark.browser

PAGE = "?lang=fr&date=2019-06-15"

#: Collects every CSP violation of the page, whether or not the console shows it.
LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' '
                    + (e.sourceFile || '') + ':' + (e.lineNumber || ''));
});
"""


@contextmanager
def _watching(driver, headers=None):
    """Violations listened for on every page of the block; ``headers`` sent with every
    request (the login); both removed after, for the session's other tests."""
    driver.get_log("browser")  # drop what earlier tests left
    script = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    if headers:
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": headers})
    try:
        yield
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                               {"identifier": script["identifier"]})  # fmt: skip
        if headers:
            # Network stays enabled: the session's performance log (other tests read the
            # requests the page made from it) needs the Network domain's events.
            driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})


def _assert_no_problem(driver) -> None:
    violations = driver.execute_script("return window.__csp || null;")
    assert violations == [], violations  # the listener ran, and heard nothing
    logs = driver.get_log("browser")
    csp = ("Content Security Policy", "Refused to")
    bad = [e["message"] for e in logs
           if e["level"] == "SEVERE" or any(m in e["message"] for m in csp)]  # fmt: skip
    assert not bad, "\n".join(bad)


def _assert_headers(headers) -> None:
    csp = headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in csp and "sha256-" in csp
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Server"] == SERVER_NAME  # not Werkzeug/x Python/y


def _use_the_page(driver, url) -> None:
    _open(driver, url, communes=581)
    paths = "#coverage-map .js-plotly-plot svg path"
    wait_for(lambda: len(driver.find_elements(By.CSS_SELECTOR, paths)) > 100,
             message="the map's SVG paths")  # fmt: skip
    driver.find_element(By.ID, "zoom-brussels").click()
    wait_for(lambda: driver.execute_script(
        "return document.querySelector('#coverage-map .js-plotly-plot')"
        ".layout.geo.projection.scale") > 5, message="zoomed to Brussels")  # fmt: skip
    driver.find_element(By.CSS_SELECTOR, "#status-filter input[value='own_cell']").find_element(
        By.XPATH, "./ancestor::label"
    ).click()
    wait_for(lambda: "status=own_cell" in driver.current_url, message="the filter applied")


def test_the_app_works_under_its_csp(live_server, browser):
    with urllib.request.urlopen(live_server + PAGE, timeout=30) as r:
        _assert_headers(r.headers)
    browser.set_window_size(1366, 900)
    with _watching(browser):
        _use_the_page(browser, live_server + PAGE)
        wait_for(lambda: browser.find_element(By.ID, "export-csv").text == "Tableau (CSV)",
                 message="the export buttons")  # fmt: skip
        csv = _download(browser, "csv", "csil-communes-*.csv")
        assert csv.read_bytes().startswith(b"\xef\xbb\xbf")
        _assert_no_problem(browser)


def test_with_login_the_page_asks_for_it_and_works_with_it(live_server_login, browser):
    for auth in (None, ("atlas-user", "wrong"), ("intruder", LOGIN[1])):
        request = urllib.request.Request(live_server_login + PAGE)
        if auth:
            token = base64.b64encode(":".join(auth).encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(request, timeout=30)
        assert info.value.code == 401
        assert info.value.headers["WWW-Authenticate"].startswith("Basic realm=")
        _assert_headers(info.value.headers)
    login = "Basic " + base64.b64encode(":".join(LOGIN).encode()).decode()
    with _watching(browser, {"Authorization": login}):
        _use_the_page(browser, live_server_login + PAGE)
        _assert_no_problem(browser)
