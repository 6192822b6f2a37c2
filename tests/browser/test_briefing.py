"""Presentation mode and downloads in a real headless Chromium (issue 14): save two views,
present, step with the arrow keys, leave with Escape; every download button gives a file
that opens."""

from __future__ import annotations

import io
import json
import time
import zipfile

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard.layout.briefing import EXPORT_KINDS, export_button_id
from tests.browser.conftest import wait_for

pytestmark = pytest.mark.browser


def _presenting(driver) -> bool:
    return "presenting" in (driver.find_element(By.ID, "page").get_attribute("class") or "")


def _click(driver, element_id: str) -> None:
    el = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    el.click()


def _saved(driver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#saved-list a")]


def test_present_saved_views_with_the_arrow_keys(live_server, browser):
    browser.set_window_size(1366, 768)
    browser.get(live_server + "?lang=nl&dataset=example")
    wait_for(lambda: browser.find_element(By.ID, "save-view").text == "Deze weergave bewaren",
             timeout=60, message="the panel in Dutch")  # fmt: skip
    _click(browser, "save-view")
    wait_for(lambda: len(_saved(browser)) == 1, message="one saved view")
    browser.get(live_server + "?lang=nl&dataset=example&region=04000")
    wait_for(lambda: len(_saved(browser)) == 1, timeout=60, message="kept in the session")
    _click(browser, "save-view")
    saved = wait_for(lambda: len(s := _saved(browser)) == 2 and s, message="two saved views")
    assert "Brussels Hoofdstedelijk Gewest" in saved[1]

    _click(browser, "present-toggle")
    wait_for(lambda: _presenting(browser), message="presentation mode")
    assert "present=1" in browser.current_url
    title = browser.find_element(By.ID, "present-title").text
    assert title.startswith("LIVC-dekking — Brussels Hoofdstedelijk Gewest")
    # three key figures, no controls
    cards = [c for c in browser.find_elements(By.CSS_SELECTOR, ".kpi") if c.is_displayed()]
    assert len(cards) == 3
    assert not browser.find_element(By.ID, "save-view").is_displayed()
    assert browser.find_element(By.ID, "coverage-map").is_displayed()
    footnote = browser.find_element(By.ID, "present-footnote").text
    assert "Illustratief voorbeeld" in footnote and "27 mei 2016" in footnote
    counter = browser.find_element(By.ID, "present-counter").text
    assert counter.startswith("Bewaarde weergave 2 van 2")

    browser.find_element(By.TAG_NAME, "body").click()
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()
    wait_for(lambda: "region=" not in browser.current_url, message="the first saved view")
    wait_for(lambda: browser.find_element(By.ID, "present-title").text.startswith(
        "LIVC-dekking — België"), message="its title")  # fmt: skip
    assert _presenting(browser) and "present=1" in browser.current_url
    ActionChains(browser).send_keys(Keys.ARROW_RIGHT).perform()
    wait_for(lambda: "region=04000" in browser.current_url, message="the second again")
    ActionChains(browser).send_keys(Keys.ESCAPE).perform()
    wait_for(lambda: not _presenting(browser), message="presentation left")
    assert "present" not in browser.current_url and "region=04000" in browser.current_url


def _download(driver, kind: str, pattern: str):
    clicked = time.time() - 1  # the session's other downloads may have the same name
    _click(driver, export_button_id(kind))

    def arrived():
        new = [p for p in driver.downloads.glob(pattern)
               if p.stat().st_mtime >= clicked and p.stat().st_size]  # fmt: skip
        return new[0] if new else None

    path = wait_for(arrived, timeout=90, message=f"the {kind} file")
    time.sleep(0.3)  # the browser has finished writing it
    return path


def test_every_download_button_gives_a_file_that_opens(live_server, browser):
    browser.set_window_size(1366, 768)
    browser.get(live_server + "?lang=fr&dataset=example&region=04000")
    wait_for(lambda: browser.find_element(By.ID, "export-csv").text == "Tableau (CSV)",
             timeout=60, message="the buttons in French")  # fmt: skip
    assert len(EXPORT_KINDS) == 7
    files = {}
    for kind, pattern in (("csv", "csil-communes-*.csv"), ("xlsx", "csil-communes-*.xlsx"),
                          ("geojson", "csil-communes-*.geojson"), ("svg", "csil-map-*.svg"),
                          ("pdf", "csil-map-*.pdf"), ("png", "csil-map-*.png"),
                          ("pptx", "csil-briefing-*.pptx")):  # fmt: skip
        files[kind] = _download(browser, kind, pattern)
        status = browser.find_element(By.ID, "export-status").text
        assert status.startswith("Téléchargé") and files[kind].name in status, status

    csv_bytes = files["csv"].read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and b";" in csv_bytes.splitlines()[0]
    assert len(csv_bytes.decode("utf-8-sig").strip().splitlines()) == 1 + 19
    for kind in ("xlsx", "pptx"):
        assert zipfile.is_zipfile(io.BytesIO(files[kind].read_bytes()))
    geo = json.loads(files["geojson"].read_text(encoding="utf-8"))
    assert len(geo["features"]) == 19 and geo["metadata"]["illustrative"] is True
    assert files["svg"].read_text(encoding="utf-8").count('id="commune-') == 589
    assert files["pdf"].read_bytes().startswith(b"%PDF")
    assert files["png"].read_bytes().startswith(b"\x89PNG")


def test_the_profile_gives_the_communes_one_page_sheet(live_server, browser):
    from pypdf import PdfReader

    browser.set_window_size(1366, 768)
    browser.get(live_server + "?lang=de&date=2019-06-15&view=commune&commune=63023")
    wait_for(lambda: "Eupen" in browser.find_element(By.ID, "profile-panel").text, timeout=60,
             message="Eupen's profile")  # fmt: skip
    button = browser.find_element(By.ID, "profile-sheet")
    assert button.text == "Einseitiges Blatt dieser Gemeinde (PDF)"
    clicked = time.time() - 1
    _click(browser, "profile-sheet")

    def arrived():
        new = [p for p in browser.downloads.glob("csil-commune-63023-*.pdf")
               if p.stat().st_mtime >= clicked and p.stat().st_size]  # fmt: skip
        return new[0] if new else None

    path = wait_for(arrived, timeout=90, message="the sheet")
    time.sleep(0.3)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Eupen" in text and "Status im Zeitverlauf" in text
