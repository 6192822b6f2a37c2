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
