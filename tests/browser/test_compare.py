"""The comparison tab in a real headless Chromium against the real server: Flanders vs
Wallonia shows both panels; one area across the 2019 division change; the lists work by
keyboard and keep what a link names; axe finds no violation on the tab."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import wait_for
from tests.browser.test_a11y import AXE, _axe, _report

pytestmark = pytest.mark.browser

PANEL = "#compare-panel"


def _maps(driver) -> list[dict] | None:
    """Each small map as the browser holds and draws it: its locations, and the drawn
    communes with the size of what was drawn (an area fitted to its box, not a dot)."""
    return driver.execute_script(
        "const gs = [...document.querySelectorAll('#compare-panel .js-plotly-plot')];"
        "if (gs.length < 2 || gs.some(g => !g.data)) return null;"
        "return gs.map(g => { const layer = g.querySelector('.choroplethlayer');"
        "  const box = layer ? layer.getBBox() : {width: 0, height: 0};"
        "  return {locations: Array.from(g.data[0].locations),"
        "          drawn: g.querySelectorAll('.choroplethlocation').length,"
        "          width: box.width, height: box.height}; });"
    )


def _drawn(driver, counts: tuple[int, int]):
    def ready():
        maps = _maps(driver)
        return maps if maps and tuple(m["drawn"] for m in maps) == counts else None

    return wait_for(ready, timeout=60, message=f"two maps of {counts} communes")


def _text(driver, css: str) -> str:
    return driver.find_element(By.CSS_SELECTOR, css).text


def _figures(driver) -> dict[str, list[str]]:
    """The key-figure table: row header -> its cells."""
    rows = driver.find_elements(By.CSS_SELECTOR, "#compare-figures tbody tr")
    return {
        r.find_element(By.TAG_NAME, "th").text: [c.text for c in r.find_elements(By.TAG_NAME, "td")]
        for r in rows
    }


def test_flanders_vs_wallonia_shows_both_panels(live_server, browser):
    browser.get(live_server + "?lang=en&view=compare&a=region:02000&b=region:03000")
    maps = _drawn(browser, (300, 262))
    for m in maps:
        assert m["width"] > 200 and m["height"] > 80, m  # each area fills its box
    assert len(set(maps[0]["locations"]) & set(maps[1]["locations"])) == 0
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".compare-side h4")]
    assert headings == ["Flemish Region — 2 July 2021", "Walloon Region — 2 July 2021"]
    sides = browser.find_elements(By.CSS_SELECTOR, ".compare-side")
    for side in sides:  # each panel: its map in words and where its figures come from
        assert "communes —" in side.find_element(By.CSS_SELECTOR, "figcaption").text
        sources = side.find_element(By.CSS_SELECTOR, ".compare-sources").text
        assert "Computed from the public record" in sources and "2 July 2021" in sources
        assert "population on 1 January 2020" in sources
    figures = _figures(browser)
    assert figures["Communes"][:3] == ["300", "262", "−38"]
    assert all(cells[3] for cells in figures.values())  # every number: how it is computed
    assert "S01, 15 June 2019" in _text(browser, PANEL)  # the published figures, sourced
    assert "unknown status is never counted" in _text(browser, ".compare-notes")
    # the link says what is compared, and the lists show it
    assert "a=region:02000&b=region:03000" in browser.current_url
    assert _text(browser, "#compare-a") == "Flemish Region"


def test_one_area_across_the_2019_division_change(live_server, browser):
    browser.get(live_server + "?lang=en&date=2019-06-15&view=compare&a=region:02000"
                "&b=date:2016-05-27")  # fmt: skip
    maps = _drawn(browser, (300, 300))
    assert maps[0]["locations"] == maps[1]["locations"]  # both dates on one division
    assert "12041" in maps[0]["locations"] and "12030" not in maps[0]["locations"]
    headings = [h.text for h in browser.find_elements(By.CSS_SELECTOR, ".compare-side h4")]
    assert headings == ["Flemish Region — 27 May 2016", "Flemish Region — 15 June 2019"]
    notes = _text(browser, ".compare-notes")
    assert "later division, 2019–2024 (581 communes)" in notes
    assert "(27 May 2016, stated on the 1977–2018 division) were carried over" in notes
    assert "partly covered" in notes
    assert "Carried over from the 1977–2018 division" in _text(browser, ".compare-side")
    assert "Became known (a source names it): 4" in _text(browser, ".compare-changes")
    # the table twin lists the merged communes with their former communes
    merged = wait_for(lambda: _grid_row(browser, "Puurs-Sint-Amands"), message="merged row")
    assert "Puurs (12030)" in merged and "Sint-Amands (12034)" in merged
    cells = _figures(browser)["Cells with a member commune here"]
    assert cells[:3] == ["0", "3", "+3"]
    assert "77 (S00, 27 May 2016)" in _text(browser, PANEL)


def _grid_row(driver, text: str) -> str:
    """The text of the table twin's row that contains ``text`` ("" when none is drawn)."""
    return driver.execute_script(
        "const rows = [...document.querySelectorAll('#compare-table .ag-center-cols-container"
        " [role=row]')];"
        "const row = rows.find(r => r.textContent.includes(arguments[0]));"
        "return row ? row.textContent : '';",
        text,
    )


def test_the_lists_work_by_keyboard_and_keep_a_linked_area(live_server, browser):
    # a link to another tab names a police zone: opening the tab keeps it
    browser.get(live_server + "?lang=en&view=gaps&a=police_zone:5345&b=region:03000")
    tab = wait_for(lambda: browser.find_element(By.ID, "tab-compare"), message="tabs")
    tab.click()
    _drawn(browser, (1, 262))
    assert "a=police_zone:5345" in browser.current_url
    assert _text(browser, "#compare-a") == "PZ Antwerpen (5345)"
    # the first list by keyboard: open it, search, choose
    browser.get(live_server + "?lang=en&view=compare")
    _drawn(browser, (300, 262))
    assert "(default)" in _text(browser, "#compare-a")
    browser.execute_script("document.getElementById('compare-a').focus()")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(lambda: browser.switch_to.active_element.tag_name == "input", message="search box")
    browser.switch_to.active_element.send_keys("Limburg")
    browser.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    wait_for(lambda: "a=province:70000" in browser.current_url, message="Limburg in the link")
    _drawn(browser, (42, 262))
    assert _text(browser, ".compare-panel h3").startswith("Province of Limburg and")


@pytest.mark.parametrize("query", ["?lang=en&view=compare",
                                   "?lang=fr&date=2019-06-15&view=compare&a=region:02000"
                                   "&b=date:2016-05-27"])  # fmt: skip
def test_axe_finds_no_violation_on_the_tab(live_server, browser, query):
    if not AXE.exists():
        pytest.skip(f"axe-core is missing ({AXE}): npm install --prefix .ci/npm axe-core@4")
    browser.get(live_server + query)
    _drawn(browser, (300, 262) if "date:" not in query else (300, 300))
    violations = _axe(browser, AXE.read_text(encoding="utf-8"))
    assert not violations, _report(violations)
