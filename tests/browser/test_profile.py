"""The commune search, the Commune profile tab and a correction round trip, in a real
headless Chromium against the real server (``csil-dashboard serve``)."""

from __future__ import annotations

import csv

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.layout import profile as layout
from tests.browser.conftest import wait_for
from tests.browser.test_a11y import AXE, WCAG_TAGS, _report
from tests.browser.test_journeys import _code, _communes, _open, _text

pytestmark = pytest.mark.browser

OPTION = ".dash-dropdown-content .dash-options-list-option"


def _options(driver) -> list[str]:
    return [o.text for o in driver.find_elements(By.CSS_SELECTOR, OPTION)]


def _search(driver, query: str, expected: str) -> list[str]:
    """Type ``query`` into the commune search; wait for an option containing ``expected``;
    return the options offered."""
    box = driver.find_element(By.ID, "commune-search")
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    box.click()
    field = wait_for(lambda: driver.find_element(By.CSS_SELECTOR, ".dash-dropdown-search"),
                     message="the search field")  # fmt: skip
    field.send_keys(query)
    return wait_for(lambda: (o := _options(driver)) and any(expected in x for x in o) and o,
                    message=f"an option {expected!r} for {query!r}")  # fmt: skip


def _choose(driver, query: str, expected: str) -> list[str]:
    """Search, then choose the first option by keyboard (Enter)."""
    offered = _search(driver, query, expected)
    assert expected in offered[0], offered
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    return offered


def _profile_title(driver) -> str:
    found = driver.find_elements(By.CSS_SELECTOR, "#profile-body .profile-title")
    return found[0].text if found else ""


@pytest.mark.parametrize(
    ("lang", "query"),
    [("en", "Molenbeek"), ("fr", "Sint-Jans-Molenbeek"), ("nl", "Molenbeek-Saint-Jean"),
     ("de", "1080")],
)  # fmt: skip
def test_names_and_the_postal_code_open_the_same_profile(live_server, browser, lang, query):
    _open(browser, f"{live_server}?lang={lang}", communes=581)
    offered = _choose(browser, query, "Molenbeek")
    if query == "1080":
        assert offered == [o for o in offered if "Engis" not in o] and "1080" in offered[0]
    wait_for(lambda: "commune=21012" in browser.current_url
             and "view=commune" in browser.current_url, message="the link")  # fmt: skip
    wait_for(lambda: "Molenbeek" in _profile_title(browser), message="Molenbeek's profile")
    assert "21012" in _text(browser, "#profile-body")


def test_malines_finds_mechelen_on_the_english_page(live_server, browser):
    _open(browser, f"{live_server}?lang=en", communes=581)
    offered = _search(browser, "Malines", "Mechelen")
    assert offered[0] == "Mechelen — French name Malines"
    offered = _search(browser, "Neerpelt", "Pelt")  # a former commune
    assert offered[0] == "Pelt — former commune Neerpelt"
    # the box keeps the server's order (exact name first), not the codes' order: Enter
    # takes "Ham", not "Hamme" (needs search_order="original" on the dropdown)
    offered = _search(browser, "Ham", "Hamme")
    assert offered[0] == "Ham", offered
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()


def test_a_link_opens_the_profile_and_keeps_its_tab(live_server, browser):
    _open(browser, f"{live_server}?lang=nl&commune=21012&view=commune", communes=581)
    wait_for(lambda: _profile_title(browser) == "Sint-Jans-Molenbeek", message="the profile")
    body = _text(browser, "#profile-body")
    for part in ("Sint-Jans-Molenbeek", "population_2020", "S01", "5340"):
        assert part in body
    assert "Sint-Jans-Molenbeek" in _text(browser, "#commune-search")
    # the commune in a link with another tab zooms the map but leaves the tab as it is
    _open(browser, f"{live_server}?lang=en&commune=21012&view=ranking", communes=581)
    wait_for(lambda: "Molenbeek" in _text(browser, "#commune-search"), message="chosen")
    assert "view=ranking" in browser.current_url


def _pick_status(driver, label: str) -> None:
    driver.find_element(By.ID, layout.CORRECTION_STATUS).click()
    option = wait_for(
        lambda: next(o for o in driver.find_elements(By.CSS_SELECTOR, OPTION) if o.text == label),
        message=f"status {label}",
    )
    option.click()


def _propose(driver, status: str, source: str) -> None:
    _pick_status(driver, status)
    field = driver.find_element(By.ID, layout.CORRECTION_SOURCE)
    field.clear()
    field.send_keys(source)
    driver.find_element(By.ID, layout.CORRECTION_ADD).click()


def test_a_correction_round_trip(live_server, browser):
    _open(browser, f"{live_server}?lang=en&commune=21012&view=commune", communes=581)
    wait_for(lambda: "Molenbeek" in _profile_title(browser), message="the profile")
    form = browser.find_element(By.ID, layout.CORRECTION_FORM)
    assert form.is_displayed()
    # bad input: no source
    _pick_status(browser, "No cell")
    browser.find_element(By.ID, layout.CORRECTION_ADD).click()
    wait_for(lambda: "Give a source" in _text(browser, f"#{layout.CORRECTION_MESSAGES}"),
             message="the missing source said")  # fmt: skip
    assert browser.find_elements(By.CSS_SELECTOR, f"#{layout.CORRECTION_MESSAGES} [role=alert]")
    # two proposals: Molenbeek (the link's commune), then Mechelen chosen in the search
    _propose(browser, "No cell", "Council decision, 1 July 2021")
    wait_for(lambda: "Proposal added" in _text(browser, f"#{layout.CORRECTION_MESSAGES}"),
             message="added")  # fmt: skip
    _choose(browser, "Malines", "Mechelen")
    wait_for(lambda: _profile_title(browser) == "Mechelen", message="Mechelen's profile")
    _propose(browser, "Own cell", "Letter of the mayor, 30 June 2021")
    rows = wait_for(lambda: (r := browser.find_elements(
        By.CSS_SELECTOR, f"#{layout.CORRECTION_LIST} tbody tr")) and len(r) == 2 and r,
        message="two proposals listed")  # fmt: skip
    assert "Mechelen (12025)" in rows[1].text
    # download, check the file, import it through the upload
    browser.find_element(By.ID, layout.CORRECTION_DOWNLOAD).click()
    path = wait_for(lambda: next(iter(browser.downloads.glob("csil-corrections-*.csv")), None),
                    message="the corrections file")  # fmt: skip
    assert path.name == "csil-corrections-2021-07-02-2019-2024.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
    assert [(r["nis_code"], r["status"]) for r in rows] == [("12025", "own_cell"),
                                                            ("21012", "none")]  # fmt: skip
    before = _communes(browser)["z"]
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(path))
    wait_for(lambda: path.name in _text(browser, "#upload-result"), message="imported")
    wait_for(lambda: "dataset=upload" in browser.current_url, message="the file's view")
    after = wait_for(lambda: (z := _communes(browser)["z"]) != before and z, message="the map")
    codes = _communes(browser)["locations"]
    assert after[codes.index("21012")] == _code("none")
    assert after[codes.index("12025")] == _code("own_cell")
    unknown = _code("unknown")
    assert [c for c, z in zip(codes, after, strict=True) if z != unknown] in (
        ["12025", "21012"],
        ["21012", "12025"],
    )  # exactly the corrected communes
    # the proposals stay in the session; one can be removed
    remove = browser.find_element(By.CSS_SELECTOR, f"#{layout.CORRECTION_LIST} button")
    assert "Remove the proposal for" in remove.get_attribute("aria-label")
    remove.click()
    listed = f"#{layout.CORRECTION_LIST} tbody tr"
    wait_for(lambda: len(browser.find_elements(By.CSS_SELECTOR, listed)) == 1, message="removed")


def test_the_profile_tab_has_no_wcag_violations_and_its_form_is_keyboard_reachable(
    live_server, browser
):
    if not AXE.exists():
        pytest.skip(f"axe-core is missing ({AXE})")
    _open(browser, f"{live_server}?lang=fr&commune=62063&view=commune", communes=581)
    wait_for(lambda: _profile_title(browser) == "Liège", message="the profile")
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(120)
    violations = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document.getElementById('analysis'), {runOnly: {type: 'tag', values:"
        " arguments[0]}, resultTypes: ['violations']}).then(r => done(r.violations.map(v =>"
        " ({id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n =>"
        " n.target.join(' '))}))));",
        WCAG_TAGS,
    )
    assert not violations, _report(violations)
    browser.find_element(By.ID, layout.CORRECTION_STATUS).click()
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    reached = set()
    for _ in range(6):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        reached.add(browser.switch_to.active_element.get_attribute("id"))
    assert {layout.CORRECTION_CELL, layout.CORRECTION_SOURCE, layout.CORRECTION_COMMENT,
            layout.CORRECTION_ADD} <= reached, reached  # fmt: skip
