"""A share link restores what is on screen: the chosen commune stays chosen."""

import time

import pytest

from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _open

pytestmark = pytest.mark.browser


def test_a_link_keeps_its_commune(live_server, browser):
    _open(browser, live_server + "?lang=fr&date=2019-06-15&commune=62063", communes=581)
    wait_for(lambda: "Liège" in browser.find_element("id", "commune-search").text,
             message="the commune chosen")  # fmt: skip
    time.sleep(1.5)  # the commune used to be dropped a moment after the page settled
    assert "commune=62063" in browser.current_url
    assert "Liège" in browser.find_element("id", "commune-search").text


def test_a_province_of_another_region_is_not_offered(live_server, browser):
    _open(browser, live_server + "?lang=en&date=2019-06-15&region=02000&province=50000",
          communes=581)  # fmt: skip
    wait_for(lambda: "province=" not in browser.current_url, message="the link narrowed")
    assert "region=02000" in browser.current_url


def _scale(browser):
    return browser.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return g && g.layout && g.layout.geo && g.layout.geo.projection"
        " ? g.layout.geo.projection.scale : null;"
    )


def test_the_brussels_zoom_is_in_the_link_and_a_link_restores_it(live_server, browser):
    _open(browser, live_server + "?lang=nl&date=2019-06-15", communes=581)
    browser.find_element("id", "zoom-brussels").click()
    wait_for(lambda: "zoom=brussels" in browser.current_url, message="the link names the zoom")
    link = browser.current_url
    _open(browser, live_server + "?lang=nl", communes=581)  # elsewhere first
    assert (_scale(browser) or 1) < 2
    _open(browser, link, communes=581)
    wait_for(lambda: (_scale(browser) or 0) > 5, message="the link's zoom restored")
    # a filter click keeps the zoom in the link
    browser.find_element("css selector", "#status-filter input[value='own_cell']").find_element(
        "xpath", "./ancestor::label"
    ).click()
    wait_for(lambda: "status=own_cell" in browser.current_url, message="filter in the link")
    assert "zoom=brussels" in browser.current_url


def test_a_link_to_a_commune_opens_zoomed_on_it(live_server, browser):
    _open(browser, live_server + "?lang=fr&date=2019-06-15&commune=62063", communes=581)
    wait_for(lambda: (_scale(browser) or 0) > 5, message="zoomed on the commune")
