"""The short ranking beside the map, in a real headless Chromium: it sits to the right of the
map on an office-laptop screen, follows the breakdown level and the language, keeps the head
and the tail of a long ranking, and its button opens the Ranking tab (in the link too)."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import wait_for

pytestmark = pytest.mark.browser


def _rows(driver) -> list[str] | None:
    items = driver.find_elements(By.CSS_SELECTOR, "#side-ranking .side-row .side-label")
    return [i.text for i in items] or None


def test_beside_the_map_it_follows_the_level_and_opens_the_ranking_tab(live_server, browser):
    browser.set_window_size(1366, 768)
    browser.get(live_server + "?lang=en&dataset=example&level=province")
    rows = wait_for(lambda: (r := _rows(browser)) and len(r) == 10 and r, timeout=60,
                    message="ten provinces")  # fmt: skip
    assert "Antwerp" in rows
    side = browser.find_element(By.ID, "side-ranking").rect
    graph = browser.find_element(By.ID, "coverage-map").rect
    assert side["x"] >= graph["x"] + graph["width"] - 1  # to the right of the map
    assert side["y"] < graph["y"] + graph["height"] / 2  # beside it, not under it
    values = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#side-ranking .side-value")]
    shares = [float(v.rstrip("%")) for v in values]
    assert shares == sorted(shares, reverse=True)

    # a finer level: the head and the tail, and how many are left out
    browser.get(live_server + "?lang=nl&dataset=example&level=police_zone")
    wait_for(lambda: (r := _rows(browser)) and len(r) == 15, timeout=60, message="15 zones")
    gap = browser.find_element(By.CSS_SELECTOR, "#side-ranking .side-gap").text
    assert gap.startswith("Gebieden die hier niet getoond worden")
    title = browser.find_element(By.ID, "side-ranking-title").text
    assert title == "Politiezones volgens het aandeel gemeenten met een LIVC"

    button = browser.find_element(By.ID, "side-ranking-more")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(lambda: "view=ranking" in browser.current_url, message="view=ranking in the link")
    wait_for(
        lambda: browser.find_element(By.CSS_SELECTOR, "#ranking-panel h3").text.strip(),
        timeout=60,
        message="the Ranking tab shown",
    )


def test_on_the_public_record_it_ranks_the_published_shares(live_server, browser):
    browser.set_window_size(1366, 768)
    browser.get(live_server + "?lang=fr&date=2019-06-15&level=province")
    rows = wait_for(lambda: (r := _rows(browser)) and len(r) >= 3 and r, timeout=60,
                    message="the regions")  # fmt: skip
    assert "Région flamande" in rows
    text = browser.find_element(By.ID, "side-ranking").text
    assert "S01, 15 juin 2019" in text
    assert "Aucun chiffre n'est publié pour les provinces" in text
