"""A callback request that fails (the network, a killed worker, a 5xx) is not silent: the
page says so in its language and offers to retry, which reloads the view (issue 15,
assets/request_errors.js)."""

import time

import pytest
from selenium.webdriver.common.by import By

from dashboard.callbacks.errors import alert_texts
from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _click_option, _communes, _kpis, _open

pytestmark = pytest.mark.browser

BLOCKED = ["*_dash-update-component*"]


def _alert(driver):
    """(message, button text) of the request alert when it is shown, else None."""
    return driver.execute_script(
        "const box = document.getElementById('request-error');"
        "if (!box || box.hidden || box.getAttribute('role') !== 'alert') { return null; }"
        "return [box.querySelector('p').textContent, box.querySelector('button').textContent];"
    )


def _click_while_blocked(browser, lang: str) -> None:
    """A filter clicked while callback requests cannot get through: the alert, in ``lang``,
    with its Retry button; then requests get through again."""
    texts = alert_texts()[lang]
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": BLOCKED})
    try:
        _click_option(browser, "region-filter", "03000")
        shown = wait_for(lambda: _alert(browser), message="the request alert")
        assert shown == [texts["request"], texts["retry"]]
        assert "Traceback" not in browser.find_element(By.TAG_NAME, "body").text
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def test_a_failed_request_shows_an_alert_and_retry_reloads_the_view(live_server, browser):
    _open(browser, live_server + "?lang=nl&date=2019-06-15", communes=581)
    wait_for(lambda: browser.execute_script("return document.documentElement.lang") == "nl",
             message="the page language")  # fmt: skip
    address = browser.current_url
    assert _alert(browser) is None
    _click_while_blocked(browser, "nl")
    # Retry: the page reloads at its address (the view is in it) and works again.
    browser.execute_script("window.beforeRetry = true;")
    browser.find_element(By.CSS_SELECTOR, "#request-error button.error-retry").click()
    wait_for(lambda: browser.execute_script("return window.beforeRetry === undefined"),
             message="the page reloaded")  # fmt: skip
    wait_for(lambda: _communes(browser) and len(_communes(browser)["locations"]) == 581,
             timeout=60, message="the map after the retry")  # fmt: skip
    wait_for(lambda: _kpis(browser), message="key figures after the retry")
    assert browser.current_url == address
    assert _alert(browser) is None
    _click_option(browser, "region-filter", "03000")
    wait_for(lambda: "region=03000" in browser.current_url, message="a filter works again")
    assert _alert(browser) is None


def test_the_alert_goes_when_the_next_request_works(live_server, browser):
    _open(browser, live_server + "?lang=fr&date=2019-06-15", communes=581)
    _click_while_blocked(browser, "fr")
    time.sleep(1.2)  # an alert stays at least a second
    _click_option(browser, "region-filter", "02000")
    wait_for(lambda: "02000" in browser.current_url, message="the next click works")
    wait_for(lambda: _alert(browser) is None, message="the alert is gone")
