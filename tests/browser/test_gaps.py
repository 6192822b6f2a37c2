"""The gap explorer and the ranking in a real headless Chromium against the real server: a
row click zooms the map and outlines the candidates (and a later filter click keeps the map
whole), the keyboard chooses a row too, the ranking follows the level and the filters, the
public record says what it does not know, and axe finds no WCAG violation in either tab."""

from __future__ import annotations

import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import ids
from dashboard.figures.analysis import HIGHLIGHT_MARKER, HIGHLIGHT_OUTLINE
from dashboard.layout import gaps as layout
from tests.browser.conftest import wait_for
from tests.browser.test_a11y import _axe, _report, axe_source  # noqa: F401 (a fixture)
from tests.browser.test_journeys import _click_option, _communes, _open, _table_rows
from tests.browser.test_profile import _choose

pytestmark = pytest.mark.browser


def _traces(driver) -> list[dict]:
    """The map's traces as the browser holds them: type, locations, lat."""
    return driver.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return g.data.map(t => ({type: t.type, locations: Array.from(t.locations || []),"
        " lat: Array.from(t.lat || [])}));"
    )


def _scale(driver) -> float:
    return driver.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return g.layout.geo.projection.scale || 1;"
    )


def _gap_rows(driver) -> list[list[str]]:
    return wait_for(lambda: _table_rows(driver, layout.GAPS_TABLE), message="the gap table")


def _row_cell(driver, index: int):
    cell = driver.find_element(
        By.CSS_SELECTOR, f"#{layout.GAPS_TABLE} .ag-center-cols-container "
        f".ag-row[row-index='{index}'] .ag-cell",
    )  # fmt: skip
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", cell)
    return cell


def _wait_highlight(driver, nis: str) -> None:
    """Until the panel describes ``nis`` and the map outlines it."""
    wait_for(
        lambda: nis in driver.find_element(By.ID, layout.GAPS_DETAIL).text
        and len(_traces(driver)) > HIGHLIGHT_MARKER
        and _traces(driver)[HIGHLIGHT_OUTLINE]["locations"][:1] == [nis],
        message=f"{nis} highlighted",
    )  # fmt: skip


def test_a_row_click_zooms_the_map_and_outlines_the_candidates(live_server, browser):
    _open(browser, live_server + "?lang=en&dataset=example", communes=589)
    rows = _gap_rows(browser)
    assert rows[0][1].startswith("Gent (44021)")  # the most populous gap first
    summary = browser.find_element(By.ID, layout.GAPS_SUMMARY).text
    assert "Communes without a cell: 437" in summary and "27 May 2016" in summary
    assert (_scale(browser) or 1) < 2
    _row_cell(browser, 2).click()  # Liège (62063)
    wait_for(lambda: "commune=62063" in browser.current_url, message="the commune in the link")
    wait_for(lambda: _scale(browser) > 5, message="the map zoomed on it")
    # and the map, far above the table, is brought into view
    in_view = (
        "const r = document.getElementById('map-figure').getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight;"
    )
    wait_for(lambda: browser.execute_script(in_view), message="the map in view")
    _wait_highlight(browser, "62063")
    traces = _traces(browser)
    outline, marker = traces[HIGHLIGHT_OUTLINE], traces[HIGHLIGHT_MARKER]
    assert outline["type"] == "choropleth" and marker["type"] == "scattergeo"
    assert outline["locations"][0] == "62063" and len(outline["locations"]) >= 2
    assert len(marker["lat"]) == 1
    detail = browser.find_element(By.ID, layout.GAPS_DETAIL).text
    assert "Liège (62063)" in detail and "outlined on the map" in detail
    # the outlines are drawn: one more SVG path per outlined commune
    drawn = browser.execute_script(
        "return document.querySelectorAll('#coverage-map .choroplethlocation').length"
    )
    assert drawn >= 589 + len(outline["locations"])

    # A filter click repaints the map by patching its own traces: the map stays whole and
    # the highlight stays where it is (same indices).
    z = _communes(browser)["z"]
    _click_option(browser, "region-filter", "03000")
    wait_for(lambda: "region=03000" in browser.current_url, message="the filter in the link")
    wait_for(lambda: _communes(browser)["z"] != z, message="the map repainted")
    traces = _traces(browser)
    assert len(traces) == HIGHLIGHT_MARKER + 1
    assert len(traces[1]["locations"]) == 589
    assert traces[HIGHLIGHT_OUTLINE]["locations"] == outline["locations"]
    # the table keeps the Walloon gaps only
    wait_for(lambda: len(_gap_rows(browser)) < len(rows), message="the table filtered")
    assert all("Flanders" not in r[3] for r in _gap_rows(browser))

    # Leaving the gap explorer clears the highlight (the traces stay, empty).
    browser.find_element(By.ID, "tab-ranking").click()
    wait_for(lambda: "view=ranking" in browser.current_url, message="the tab in the link")
    wait_for(lambda: not _traces(browser)[HIGHLIGHT_OUTLINE]["locations"],
             message="the highlight cleared")  # fmt: skip
    assert len(_communes(browser)["locations"]) == 589


def test_a_link_restores_the_highlight_and_the_keyboard_chooses_a_row(live_server, browser):
    _open(browser, live_server + "?lang=fr&dataset=example&commune=62063", communes=589)
    _wait_highlight(browser, "62063")
    assert _traces(browser)[HIGHLIGHT_OUTLINE]["locations"][0] == "62063"
    # keyboard: focus the first row's cell, Space chooses it
    cell = _row_cell(browser, 0)
    browser.execute_script("arguments[0].focus()", cell)
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    wait_for(lambda: "commune=44021" in browser.current_url, message="Gent chosen by keyboard")
    wait_for(lambda: _traces(browser)[HIGHLIGHT_OUTLINE]["locations"][:1] == ["44021"],
             message="Gent outlined")  # fmt: skip


def _selected(driver) -> list[str] | None:
    """The ids (NIS codes) of the gap table's selected rows, as the grid holds them."""
    return driver.execute_script(
        "const api = window.dash_ag_grid && dash_ag_grid.getApi(arguments[0]);"
        "return api ? api.getSelectedNodes().map(n => n.id) : null;",
        layout.GAPS_TABLE,
    )


def _row_shown_selected(driver, nis: str) -> bool:
    """Whether the table draws ``nis``'s row, marked selected, inside its scrolled box."""
    return driver.execute_script(
        "const grid = document.getElementById(arguments[0]);"
        "const row = grid && grid.querySelector("
        "  `.ag-center-cols-container .ag-row[row-id='${arguments[1]}']`);"
        "const box = grid && grid.querySelector('.ag-body-viewport');"
        "if (!row || !box) return false;"
        "const r = row.getBoundingClientRect(), b = box.getBoundingClientRect();"
        "return row.classList.contains('ag-row-selected') && r.top >= b.top - 1"
        "  && r.bottom <= b.bottom + 1;",
        layout.GAPS_TABLE,
        nis,
    )


def test_a_link_marks_its_gap_commune_and_the_search_box_moves_it(live_server, browser):
    # Arlon is the 52nd of 437 gaps: the table scrolls to its row
    _open(browser, live_server + "?lang=en&dataset=example&view=gaps&commune=81001",
          communes=589)  # fmt: skip
    _wait_highlight(browser, "81001")
    assert "Arlon (81001)" in browser.find_element(By.ID, layout.GAPS_DETAIL).text
    wait_for(lambda: _selected(browser) == ["81001"], message="Arlon's row selected")
    wait_for(lambda: _row_shown_selected(browser, "81001"), message="Arlon's row in view")
    scale = _scale(browser)
    time.sleep(1.5)  # the selection chooses nothing again: same link, same zoom
    assert "commune=81001" in browser.current_url and _scale(browser) == scale
    assert _selected(browser) == ["81001"]

    # A gap commune chosen in the search box (which opens its profile) is the row selected.
    _choose(browser, "Gent", "Gent")
    wait_for(lambda: "commune=44021" in browser.current_url, message="Gent chosen")
    browser.find_element(By.ID, ids.TAB_GAPS).click()
    wait_for(lambda: _selected(browser) == ["44021"], message="Gent's row selected")
    wait_for(lambda: _row_shown_selected(browser, "44021"), message="Gent's row in view")
    assert "Gent (44021)" in browser.find_element(By.ID, layout.GAPS_DETAIL).text
    # A commune with a cell is not in the list: no row selected, no detail.
    _choose(browser, "Bruxelles", "Bruxelles / Brussel")
    wait_for(lambda: "commune=21004" in browser.current_url, message="Brussels chosen")
    browser.find_element(By.ID, ids.TAB_GAPS).click()
    wait_for(lambda: _selected(browser) == [], message="no row selected")
    assert browser.find_element(By.ID, layout.GAPS_DETAIL).text == ""
    assert "commune=21004" in browser.current_url


def test_the_public_record_says_what_it_does_not_know(live_server, browser):
    _open(browser, live_server + "?lang=en", communes=581)
    unknown = wait_for(lambda: browser.find_element(By.ID, layout.GAPS_UNKNOWN).text,
                       message="the unknown statement")  # fmt: skip
    assert unknown.startswith("No source gives a status for 534 of the 581 communes shown")
    summary = browser.find_element(By.ID, layout.GAPS_SUMMARY).text
    assert "as known on 2 July 2021 (sources S01" in summary
    rows = _gap_rows(browser)
    assert len(rows) == 10  # 1 without a cell, 9 planned: no unknown commune listed
    assert all(" — S" in r[2] for r in rows)  # each status with its source


def test_the_ranking_follows_the_level_and_the_filters(live_server, browser):
    _open(browser, live_server + "?lang=nl&dataset=example&view=ranking&level=police_zone",
          communes=589)  # fmt: skip
    chart = "#ranking-chart .js-plotly-plot"

    def bars():
        return browser.execute_script(
            f"const g = document.querySelector('{chart}');"
            "return g && g.data && g.data.length ? Array.from(g.data[0].y) : null;"
        )

    labels = wait_for(bars, message="the ranking chart")
    assert len(labels) == 185 and labels[0].startswith("1. ")
    table = wait_for(lambda: _table_rows(browser, layout.RANKING_TABLE), message="the table")
    assert len(table) == 185
    assert "Politiezone" in browser.find_element(By.ID, layout.RANKING_TABLE).text
    shapes = browser.execute_script(
        f"return document.querySelector('{chart}').layout.shapes.map(s => s.name);"
    )
    assert len(shapes) == 5 and shapes[0].startswith("België")
    _click_option(browser, "region-filter", "04000")
    wait_for(lambda: "region=04000" in browser.current_url, message="the filter in the link")
    wait_for(lambda: (b := bars()) and len(b) < 10, message="the Brussels zones only")
    assert len(_table_rows(browser, layout.RANKING_TABLE)) == len(bars())
    lines = browser.find_element(By.ID, layout.RANKING_LINES).text
    assert "19" in lines and "589" in lines  # the communes counted, of all

    # Choosing a row of the ranking shows that zone against its peer groups.
    cell = browser.find_element(
        By.CSS_SELECTOR, f"#{layout.RANKING_TABLE} .ag-center-cols-container "
        ".ag-row[row-index='0'] .ag-cell[col-id='label']",
    )  # fmt: skip
    chosen = cell.text
    cell.click()
    tables = wait_for(
        lambda: browser.find_elements(By.CSS_SELECTOR, f"#{layout.RANKING_PEERS} .peer-table"),
        message="the peer groups",
    )  # fmt: skip
    assert len(tables) == 3  # bordering zones, those of its region, of similar population
    for table in tables:
        assert table.find_element(By.CSS_SELECTOR, "tr.subject th").text == chosen
        assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) >= 2
    peers = browser.find_element(By.ID, layout.RANKING_PEERS).text
    assert "27 May 2016" in peers or "27 mei 2016" in peers  # the statuses' date
    assert "1 januari 2016" in peers or "1 January 2016" in peers  # the population's
    choice = browser.find_element(By.ID, layout.RANKING_PEER_CHOICE).text
    assert chosen in choice  # the list shows the area chosen
    # a filter click leaves the peer groups (every commune counted) as they are
    _click_option(browser, "region-filter", "04000")
    wait_for(lambda: "region" not in browser.current_url, message="the filter cleared")
    wait_for(lambda: len(bars() or ()) == 185, message="every zone ranked again")
    assert browser.find_element(By.ID, layout.RANKING_PEERS).text == peers


@pytest.mark.parametrize(
    ("query", "lang"),
    [("?lang=en&dataset=example&commune=62063", "en"),
     ("?lang=fr&view=ranking&level=province", "fr")],
)  # fmt: skip
def test_the_tabs_have_no_wcag_violations(live_server, browser, axe_source, query, lang):  # noqa: F811
    _open(browser, live_server + query)
    panel = layout.GAPS_TABLE if "ranking" not in query else layout.RANKING_TABLE
    wait_for(lambda: _table_rows(browser, panel), message="the tab's table")
    wait_for(lambda: browser.execute_script("return document.documentElement.lang") == lang,
             message="the language")  # fmt: skip
    violations = _axe(browser, axe_source)
    assert not violations, _report(violations)
