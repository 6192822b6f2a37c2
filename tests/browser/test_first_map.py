"""Every commune division on the map: the vintage follows the date of the data."""

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _communes, _open

pytestmark = pytest.mark.browser


def test_each_vintage_has_every_commune(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=fr&date=2016-05-27", communes=589)
    _open(browser, live_server + "?lang=fr&date=2019-06-15", communes=581)
    # 2025 data (an imported file) is drawn on the 565 communes of 2025
    f = tmp_path / "2025.csv"
    f.write_text("nis_code,commune,status,cell,as_of\n"
                 "44083,Deinze,own_cell,,2025-03-01\n", encoding="utf-8")  # fmt: skip
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(f))
    wait_for(lambda: len(_communes(browser)["locations"]) == 565, message="565 communes")
    assert len(set(_communes(browser)["locations"])) == 565
    # drawn offline: one SVG path per commune
    paths = "#coverage-map .choroplethlocation"
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, paths)) >= 565,
             message="the communes drawn")  # fmt: skip


def test_hover_names_follow_the_language(live_server, browser):
    for lang, name in (("fr", "Bruxelles"), ("nl", "Brussel"), ("de", "Brüssel")):
        _open(browser, live_server + f"?lang={lang}&date=2019-06-15", communes=581)
        text = browser.execute_script(
            "const t = document.querySelector('#coverage-map .js-plotly-plot').data[1];"
            "return t.text[Array.from(t.locations).indexOf('21004')];"
        )
        assert text.startswith(f"<b>{name}</b>"), text
