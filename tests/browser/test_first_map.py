"""The first real map, in a real browser against the real server."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import map_locations, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.shared]

COUNTS = {"589 communes (1977-2018)": 589, "581 communes (2019-2024)": 581,
          "565 communes (2025-)": 565}  # fmt: skip


def _all_locations(driver):
    locs = map_locations(driver)
    return [c for trace in locs for c in trace] if locs else []


def _choose(driver, label):
    driver.find_element(By.ID, "vintage-dropdown").click()
    option = wait_for(
        lambda: next(
            o for o in driver.find_elements(By.CSS_SELECTOR, "[role=option]") if o.text == label
        ),
        message=f"option {label}",
    )
    option.click()


def test_map_holds_every_commune_of_each_vintage(live_server, browser, tmp_path):
    browser.get(live_server)
    wait_for(lambda: len(_all_locations(browser)) == 565, timeout=60, message="565 communes")
    for label, count in COUNTS.items():
        _choose(browser, label)
        locs = wait_for(
            lambda count=count: (x := _all_locations(browser)) and len(x) == count and x,
            message=f"{count} communes",
        )
        assert len(set(locs)) == count
        summary = browser.find_element(By.ID, "map-summary").text
        assert f"{count} communes" in summary
    # the map canvas is drawn (MapLibre with the offline white-bg style)
    assert browser.find_elements(By.CSS_SELECTOR, "#coverage-map canvas")
    browser.save_screenshot(str(tmp_path / "first-map.png"))


def test_hover_names_fr_and_nl(live_server, browser):
    browser.get(live_server)
    wait_for(lambda: len(_all_locations(browser)) == 565, timeout=60, message="map")
    template = browser.execute_script(
        "return document.querySelector('#coverage-map .js-plotly-plot').data[0].hovertemplate"
    )
    assert "customdata[0]" in template and "customdata[1]" in template
    names = browser.execute_script(
        "const d = document.querySelector('#coverage-map .js-plotly-plot').data;"
        "const t = d.find(t => Array.from(t.locations).includes('21004'));"
        "return t.customdata[Array.from(t.locations).indexOf('21004')];"
    )
    assert list(names) == ["Bruxelles", "Brussel"]
