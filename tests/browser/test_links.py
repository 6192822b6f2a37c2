"""A share link restores what is on screen: the chosen commune stays chosen."""

import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.layout import gaps as layout
from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _open, _table_rows

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


def _options(browser) -> list[str]:
    css = ".dash-dropdown-content .dash-options-list-option"
    return [o.text for o in browser.find_elements(By.CSS_SELECTOR, css)]


def _peers(browser) -> str:
    return browser.find_element(By.ID, layout.RANKING_PEERS).text


def _peer_tables(browser):
    return browser.find_elements(By.CSS_SELECTOR, f"#{layout.RANKING_PEERS} .peer-table")


def test_a_link_restores_the_rankings_peer_groups(live_server, browser):
    _open(browser, live_server + "?lang=en&view=ranking&level=province&a=province:10000",
          communes=581)  # fmt: skip
    tables = wait_for(lambda: _peer_tables(browser), message="Antwerp's peer groups")
    assert len(tables) == 3  # bordering provinces, those of its region, of similar population
    for table in tables:
        assert table.find_element(By.CSS_SELECTOR, "tr.subject th").text == "Antwerp"
    assert "Peer groups of Antwerp" in _peers(browser)
    choice = browser.find_element(By.ID, layout.RANKING_PEER_CHOICE)
    assert "Antwerp" in choice.text  # the list shows the link's area
    time.sleep(1.5)  # nothing drops it once the page has settled
    assert "a=province:10000" in browser.current_url and "Antwerp" in choice.text

    # Another area chosen in the list (searched, then Enter) is in the link.
    choice.click()
    field = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, ".dash-dropdown-search"),
                     message="the list's search field")  # fmt: skip
    field.send_keys("Limburg")
    wait_for(lambda: _options(browser) == ["Limburg"], message="Limburg offered")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(lambda: "a=province:70000" in browser.current_url, message="Limburg in the link")
    wait_for(lambda: "Peer groups of Limburg" in _peers(browser), message="Limburg's groups")
    # and so is a row chosen in the ranking table (Liège, ranked first)
    cell = browser.find_element(
        By.CSS_SELECTOR, f"#{layout.RANKING_TABLE} .ag-center-cols-container "
        ".ag-row[row-index='0'] .ag-cell[col-id='label']",
    )  # fmt: skip
    assert cell.text == "Liège"
    cell.click()
    wait_for(lambda: "a=province:60000" in browser.current_url, message="Liège in the link")
    wait_for(lambda: "Peer groups of Liège" in _peers(browser), message="Liège's groups")
    assert "Liège" in browser.find_element(By.ID, layout.RANKING_PEER_CHOICE).text


def test_a_links_area_of_another_level_is_not_the_rankings(live_server, browser):
    _open(browser, live_server + "?lang=en&view=ranking&level=region&a=province:10000",
          communes=581)  # fmt: skip
    wait_for(lambda: len(_table_rows(browser, layout.RANKING_TABLE) or ()) == 3,
             message="the regions ranked")  # fmt: skip
    time.sleep(1.5)
    assert not _peer_tables(browser) and "Antwerp" not in _peers(browser)
    assert "a=province:10000" in browser.current_url  # kept: the comparison's first side
