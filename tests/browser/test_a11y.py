"""WCAG 2.1 AA (EN 301 549) in a real Chromium: axe-core on the main views in the four
languages, a visible focus ring on every control, and date labels that never overlap.

axe-core comes from npm (``.ci/run`` installs it into the git-ignored ``.ci/npm``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _open

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
AXE = REPO / ".ci" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FOCUS = "rgb(11, 12, 12)"  # --focus in assets/style.css

#: (name, query, communes on the map): the public record on two dates (two divisions), the
#: illustrative example, and a province filter; one view per language.
VIEWS = [
    ("public-2016-fr", "?lang=fr&date=2016-05-27", 589),
    ("public-2019-nl", "?lang=nl&date=2019-06-15", 581),
    ("example-de", "?dataset=example&lang=de", 589),
    ("province-en", "?lang=en&province=60000&level=arrondissement", 581),
]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        msg = (f"axe-core is missing ({AXE}): npm install --prefix .ci/npm axe-core@4 "
               "(bash .ci/run does it)")  # fmt: skip
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return AXE.read_text(encoding="utf-8")


def _open_view(driver, url: str, lang: str, communes: int | None) -> None:
    """The view with its map drawn and every text of the language filled in."""
    _open(driver, url, communes=communes)
    wait_for(lambda: driver.execute_script(
        "return document.documentElement.lang === arguments[0]"
        " && !!document.getElementById('upload-text').textContent"
        " && !!document.getElementById('date-label').textContent", lang),
        message=f"the page in {lang}")  # fmt: skip


def _axe(driver, source: str) -> list[dict]:
    """axe-core's WCAG 2.0 / 2.1 A and AA violations on the whole document."""
    if not driver.execute_script("return !!window.axe"):
        driver.execute_script(source)
    driver.set_script_timeout(120)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
        "                   resultTypes: ['violations']})"
        "  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        "    targets: v.nodes.map(n => n.target.join(' '))}))))"
        "  .catch(e => done({error: String(e)}));",
        WCAG_TAGS,
    )
    assert not isinstance(result, dict), result
    return result


def _report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} [{v['impact']}] {v['help']} ({len(v['targets'])} nodes)")
        lines += [f"    {t}" for t in v["targets"][:3]]
    return "\n".join(lines)


@pytest.mark.parametrize(("name", "query", "communes"), VIEWS, ids=[v[0] for v in VIEWS])
def test_main_views_have_no_wcag_violations(live_server, browser, axe_source, name, query,
                                            communes):  # fmt: skip
    lang = query.split("lang=")[1][:2]
    _open_view(browser, live_server + query, lang, communes)
    violations = _axe(browser, axe_source)
    assert not violations, f"{name}:\n{_report(violations)}"
    if name == "province-en":
        # An open dropdown (a popover of checkboxes) and a re-rendered checklist too.
        browser.find_element(By.CSS_SELECTOR, "#region-filter input[value='03000']").click()
        wait_for(lambda: "region=03000" in browser.current_url, message="region in link")
        browser.find_element(By.ID, "pop-band-filter").click()
        wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".dash-dropdown-content input"),
                 message="the open dropdown")  # fmt: skip
        violations = _axe(browser, axe_source)
        ActionChains(browser).send_keys(Keys.ESCAPE).perform()
        assert not violations, f"{name}, dropdown open:\n{_report(violations)}"


def _focus_ring(driver) -> dict:
    """The focused element and the outline drawn for it (on the element, or on the frame of
    a control whose own input is invisible: the upload zone, a text box)."""
    return driver.execute_script(
        """
        const e = document.activeElement;
        const ring = e.closest('.upload, .dash-input-container') || e;
        const s = getComputedStyle(ring);
        const kind = e.getAttribute('type') || e.getAttribute('role') || '';
        return {what: e.tagName + (e.id ? '#' + e.id : '') + ' ' + kind,
                width: parseFloat(s.outlineWidth), style: s.outlineStyle, colour: s.outlineColor,
                visible: e.checkVisibility ? ring.checkVisibility({opacityProperty: true}) : true,
                map: !!e.closest('#coverage-map')};
        """
    )


def test_every_control_shows_a_keyboard_focus_ring(live_server, browser):
    """Tab through the header and the sidebar: each stop has a ring of 2 px or more."""
    _open_view(browser, live_server + "?lang=en&date=2016-05-27", "en", 589)
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0);")
    seen = []
    for _ in range(60):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        if _focus_ring(browser)["map"]:  # past the sidebar
            break
        try:  # (a control may animate its ring in)
            ring = wait_for(lambda: (r := _focus_ring(browser))["colour"] == FOCUS and r,
                            timeout=2, interval=0.05, message="the focus ring")  # fmt: skip
        except AssertionError:
            ring = _focus_ring(browser)
        seen.append(ring["what"])
        assert ring["colour"] == FOCUS, (ring, seen)  # --focus: >= 15:1 on white and grey
        assert ring["style"] == "solid" and ring["width"] >= 2, (ring, seen)
        assert ring["visible"], (ring, seen)
    kinds = " ".join(seen)
    for control in ("file", "slider", "checkbox", "radio", "province-filter", "share-link"):
        assert control in kinds, (control, seen)


def test_date_labels_do_not_overlap(live_server, browser):
    """The year labels under the date slider, at common screen widths."""
    _open_view(browser, live_server + "?lang=en&date=2016-05-27", "en", 589)
    try:
        for width in (1280, 1366, 1920):
            metrics = {"width": width, "height": 768, "deviceScaleFactor": 1, "mobile": False}
            browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
            time.sleep(0.3)
            boxes = browser.execute_script(
                "return Array.from(document.querySelectorAll('#date-slider .dash-slider-mark'))"
                ".map(m => { const r = m.getBoundingClientRect();"
                " return [m.textContent, r.left, r.right, r.top, r.bottom]; });"
            )
            assert len(boxes) >= 6, boxes  # 2016 ... 2021
            overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
                        if a[1] < b[2] and b[1] < a[2] and a[3] < b[4] and b[3] < a[4]]  # fmt: skip
            assert not overlaps, (width, overlaps)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_the_bars_drill_down_by_keyboard(live_server, browser):
    """What a click on a bar does, with the keyboard only: the bar's area in the choice
    under the level, then its button."""
    _open_view(browser, live_server + "?lang=en&date=2019-06-15", "en", 581)
    choice = browser.find_element(By.ID, "breakdown-drill-choice")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", choice)
    browser.execute_script("arguments[0].focus()", choice)
    ActionChains(browser).send_keys(Keys.ENTER).perform()  # opens the choices
    focused = (
        "return document.activeElement.closest('.dash-dropdown-content')"
        " ? document.activeElement.value : null"
    )
    wait_for(lambda: browser.execute_script(focused), message="the choices, focused")
    for _ in range(10):  # arrow down to Wallonia, as a person would
        if browser.execute_script(focused) == "03000":
            break
        ActionChains(browser).send_keys(Keys.ARROW_DOWN).pause(0.1).perform()
    assert browser.execute_script(focused) == "03000"
    ActionChains(browser).send_keys(Keys.SPACE).perform()
    wait_for(lambda: "Walloon" in choice.text, message="Wallonia chosen")
    ActionChains(browser).send_keys(Keys.TAB, Keys.ENTER).perform()  # the button
    wait_for(lambda: "region=03000" in browser.current_url
             and "level=province" in browser.current_url, message="drilled down")  # fmt: skip
    checked = browser.find_element(By.CSS_SELECTOR, "#breakdown-level input:checked")
    assert checked.get_attribute("value") == "province"
