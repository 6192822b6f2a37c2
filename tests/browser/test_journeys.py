"""The main user journeys, in a real headless Chromium against the real server."""

from __future__ import annotations

import json
import time
from urllib.parse import urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from dashboard import i18n
from dashboard.figures.map import CATEGORIES
from dashboard.layout.main import TEXT_TARGETS
from tests.browser.conftest import wait_for

pytestmark = pytest.mark.browser

COMMUNES_TRACE = 1  # trace index of the commune layer (dashboard.figures.map)


def _code(category: str) -> int:
    """The z value of a map category (its index)."""
    return CATEGORIES.index(category)


def _plot(driver, element_id="coverage-map"):
    return driver.execute_script(
        "const g = document.querySelector('#" + element_id + " .js-plotly-plot');"
        "if (!g || !g.data) return null;"
        "return g.data.map(t => ({locations: Array.from(t.locations || []),"
        " z: Array.from(t.z || []), type: t.type, n: (t.lat || []).length}));"
    )


def _communes(driver):
    plot = _plot(driver)
    return plot[COMMUNES_TRACE] if plot and len(plot) > COMMUNES_TRACE else None


def _kpis(driver):
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "#key-figures .kpi")]


def _text(driver, css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def _open(driver, url, communes=None):
    driver.get(url)
    wait_for(lambda: _communes(driver) and len(_communes(driver)["locations"]) > 500,
             timeout=60, message="the map")  # fmt: skip
    wait_for(lambda: _kpis(driver), message="key figures")
    if communes:
        wait_for(lambda: len(_communes(driver)["locations"]) == communes,
                 message=f"{communes} communes")  # fmt: skip


def _click_option(driver, control_id, value):
    box = driver.find_element(By.CSS_SELECTOR, f"#{control_id} input[value='{value}']")
    box.find_element(By.XPATH, "./ancestor::label").click()


def _changed(driver, before_fn, before, message):
    return wait_for(lambda: (now := before_fn(driver)) != before and now, message=message)


def test_open_shows_every_commune_and_published_figures(live_server, browser):
    _open(browser, live_server + "?lang=en")
    communes = _communes(browser)
    assert len(communes["locations"]) == len(set(communes["locations"])) == 581
    kpis = _kpis(browser)
    assert kpis[0].startswith("Cells")
    assert "published" in _text(browser, "#map-note").lower()
    assert browser.find_element(By.ID, "map-figure").get_attribute("aria-labelledby") == "map-title"
    assert "communes" in _text(browser, "#map-summary")


def test_region_filter_changes_map_figures_breakdown_and_table(live_server, browser):
    _open(browser, live_server + "?lang=en&dataset=example", communes=589)
    kpis = _kpis(browser)
    breakdown = _text(browser, "#breakdown-table")
    table = _text(browser, "#commune-table")
    z = _communes(browser)["z"]
    _click_option(browser, "region-filter", "03000")
    wait_for(lambda: "region=03000" in browser.current_url, message="link updated")
    _changed(browser, _kpis, kpis, "key figures")
    assert "Wallo" in " ".join(_kpis(browser))  # the region benchmark is named
    assert _changed(browser, lambda d: _communes(d)["z"], z, "map colours")
    outside = _code("outside")  # marks communes not in the selection
    assert _communes(browser)["z"].count(outside) == 589 - 262
    _changed(browser, lambda d: _text(d, "#breakdown-table"), breakdown, "breakdown")
    assert "Flemish" not in _text(browser, "#breakdown-table")
    _changed(browser, lambda d: _text(d, "#commune-table"), table, "commune table")


def test_moving_the_date_changes_vintage_and_figures(live_server, browser):
    _open(browser, live_server + "?lang=en", communes=581)
    slider = browser.find_element(By.CSS_SELECTOR, "#date-slider [role=slider]")
    slider.click()
    slider.send_keys(Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)  # 2016-05-27
    wait_for(lambda: "date=2016-05-27" in browser.current_url, message="date in link")
    wait_for(lambda: len(_communes(browser)["locations"]) == 589, message="589 communes")
    wait_for(lambda: "109" in _kpis(browser)[0], message="109 cells")
    assert "27 May 2016" in _text(browser, "#date-value")


def _published(driver):
    """The public breakdown grid: (area, measure) -> (figure, source, date) as shown."""
    rows = wait_for(lambda: _table_rows(driver, "breakdown-table"), message="breakdown")
    return {(r[0], r[1]): (r[2], r[5], r[4]) for r in rows}


def test_published_breakdown_2016_and_2019(live_server, browser):
    _open(browser, live_server + "?lang=en&date=2016-05-27", communes=589)
    got = _published(browser)
    involved_label = i18n.measure_label("communes_involved", "en")
    for area, cells, involved in (
        ("Flemish Region", "77", "112"),
        ("Walloon Region", "19", "27"),
        ("Brussels-Capital Region", "13", "13"),
    ):
        assert got[(area, "Cells")] == (cells, "S00", "27 May 2016")
        assert got[(area, involved_label)][0] == involved
    _open(browser, live_server + "?lang=en&date=2019-06-15", communes=581)
    got = _published(browser)
    for area, values in (
        ("Belgium", ("253", "382", "116")),
        ("Flemish Region", ("164", "255", "30")),
        ("Walloon Region", ("70", "108", "86")),
        ("Brussels-Capital Region", ("19", "19", "0")),
        ("German-speaking Community", ("2", "9", "0")),
    ):
        shown = tuple(got[(area, m)][0] for m in ("Cells", "Communes with a cell",
                                                   "Communes without a cell"))  # fmt: skip
        assert shown == values and got[(area, "Cells")][1:] == ("S01", "15 June 2019")


def test_cards_summary_and_breakdown_tell_one_story(live_server, browser):
    """15 June 2019 and 27 May 2016: the same figure, source and date everywhere."""
    for query, figure, source in (
        ("date=2019-06-15", "382 of 581 communes", "S01, 15 June 2019"),
        ("date=2016-05-27", "152 of 589 communes", "S00, 27 May 2016"),
    ):
        _open(browser, live_server + "?lang=en&" + query)
        wait_for(lambda f=figure: f in _kpis(browser)[1], message=figure)
        card = _kpis(browser)[1]
        summary = _text(browser, "#map-summary")
        assert source in card and figure.split(" communes")[0] in summary and source in summary
        count = figure.split(" of ")[0]
        rows = _published(browser)
        assert any(v[0] == count and source.startswith(v[1]) for (a, _m), v in rows.items()
                   if a == "Belgium")  # fmt: skip


def test_a_province_filter_says_no_figure_is_published_for_it(live_server, browser):
    _open(browser, live_server + "?lang=fr&date=2019-06-15&province=10000")
    wait_for(lambda: "Région flamande" in _kpis(browser)[1], message="nearest area")
    for card in _kpis(browser)[:4]:
        assert "Pas la sélection" in card
    said = "Aucun chiffre n'est publié pour une sélection portant sur une province"
    assert _text(browser, "#map-summary").startswith(said)
    assert _text(browser, "#kpi-as-of").startswith(said)


def test_the_illustrative_mark_stays_in_view_and_is_in_the_map_image(live_server, browser):
    _open(browser, live_server + "?lang=en&dataset=example", communes=589)
    wait_for(lambda: "Illustrative" in _text(browser, "#illustrative-banner"), message="banner")
    browser.execute_script("document.querySelector('.provenance').scrollIntoView()")
    top = wait_for(lambda: browser.execute_script(
        "const r = document.getElementById('illustrative-banner').getBoundingClientRect();"
        "return r.top >= 0 && r.bottom <= window.innerHeight ? r.top + 1 : 0;"),
        message="banner in view after scrolling")  # fmt: skip
    assert top
    svg = browser.execute_async_script(
        "const done = arguments[0];"
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "Plotly.toImage(g, {format: 'svg', width: 800, height: 600})"
        ".then(u => done(decodeURIComponent(u))).catch(e => done('error ' + e));"
    )
    assert "ILLUSTRATIVE DATA" in svg  # what the mode bar's image download draws
    assert all("Illustrative" in k for k in _kpis(browser))


def test_no_toolbar_button_sends_anything_off_the_machine(live_server, browser):
    _open(browser, live_server + "?lang=en")
    titles = browser.execute_script(
        "return Array.from(document.querySelectorAll('.modebar-btn'))"
        ".map(b => b.getAttribute('data-title'));"
    )
    assert titles and "Zoom in" in titles
    # no image without its sources and date: the briefing's downloads make those
    assert not [t for t in titles if "Download plot" in t]
    assert browser.find_element(By.ID, "export-png").text == "Map image (PNG)"
    assert not [t for t in titles if any(w in t for w in ("Chart Studio", "Cloud", "Share"))]
    config = browser.execute_script(
        "const g = document.querySelector('#coverage-map .js-plotly-plot');"
        "return [g._context.showSendToCloud, g._context.showEditInChartStudio];"
    )
    assert config[0] is False and not config[1]  # (plotly.js 3 has no Chart Studio button)


def _table_rows(driver, grid_id):
    """The rows a grid shows (after its filters and sort), as lists in column order."""
    return driver.execute_script(
        "const api = window.dash_ag_grid && dash_ag_grid.getApi(arguments[0]);"
        "if (!api) return null;"
        "const cols = api.getAllDisplayedColumns().map(c => c.getColDef().field);"
        "const rows = [];"
        "api.forEachNodeAfterFilterAndSort(n => rows.push(cols.map(f => String(n.data[f]))));"
        "return rows;",
        grid_id,
    )


def test_switching_language_changes_labels(live_server, browser):
    _open(browser, live_server + "?lang=en")
    assert _text(browser, "#page-title") == "CSIL coverage atlas"
    legend = _text(browser, "#map-legend")
    _click_option(browser, "language-switch", "nl")
    wait_for(lambda: "LIVC" in _text(browser, "#page-title"), message="Dutch title")
    wait_for(lambda: _text(browser, "#map-legend") != legend, message="Dutch legend")
    assert "Eigen LIVC" in _text(browser, "#map-legend")
    assert "lang=nl" in browser.current_url
    assert browser.execute_script("return document.documentElement.lang") == "nl"
    header = _text(browser, "#breakdown-table")
    assert "Gebied" in header or "Gewest" in header


def test_broken_upload_shows_errors_and_keeps_the_map(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=en&dataset=example", communes=589)
    z = _communes(browser)["z"]
    bad = tmp_path / "members.csv"
    bad.write_text("nis_code;commune;status;cell;as_of\n"
                   "21004;Bruxelles;own_cell;;2016-05-27\n"
                   "99999;Nowhere;maybe;;2016-05-27\n", encoding="utf-8")  # fmt: skip
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(bad))
    wait_for(lambda: _table_rows(browser, "upload-errors"), message="error table")
    errors = " ".join(" ".join(r) for r in _table_rows(browser, "upload-errors"))
    assert "members.csv" in errors and "3" in errors  # file and row
    assert "99999" in errors and "maybe" in errors
    assert _communes(browser)["z"] == z  # the previous data stays on screen
    assert "dataset=example" in browser.current_url


def test_valid_upload_changes_the_map(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=en", communes=581)
    before = _communes(browser)["z"]
    good = tmp_path / "cells.csv"
    good.write_text("Code INS;Commune;Statut;Cellule;Date\n"
                    "21004;Bruxelles;cellule propre;;15/06/2019\n"
                    "21001;Anderlecht;pas de cellule;;15/06/2019\n"
                    "11002;Anvers;cellule propre;;15/06/2019\n", encoding="cp1252")  # fmt: skip
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(good))
    wait_for(lambda: "cells.csv" in _text(browser, "#upload-result"), message="success")
    wait_for(lambda: "dataset=upload" in browser.current_url, message="upload view")
    after = _changed(browser, lambda d: _communes(d)["z"], before, "map colours")
    codes = _communes(browser)["locations"]
    own, none = _code("own_cell"), _code("none")
    assert after[codes.index("21004")] == own and after[codes.index("21001")] == none
    assert "2 of 581 communes" in _kpis(browser)[1]  # two own cells in the file


def test_share_link_restores_the_view(live_server, browser):
    _open(browser, live_server + "?lang=de&date=2019-06-15&region=03000&status=planned")
    wait_for(lambda: "Zellen" in _kpis(browser)[0], message="German")
    link = browser.find_element(By.ID, "share-link").get_attribute("value")
    assert "region=03000" in link and "lang=de" in link
    kpis, summary = _kpis(browser), _text(browser, "#map-summary")
    z = _communes(browser)["z"]
    browser.get("about:blank")
    _open(browser, link)
    wait_for(lambda: _kpis(browser) == kpis, message="same key figures")
    assert _text(browser, "#map-summary") == summary
    assert _communes(browser)["z"] == z
    checked = browser.find_elements(By.CSS_SELECTOR, "#status-filter input:checked")
    assert [c.get_attribute("value") for c in checked] == ["planned"]


def test_malformed_link_falls_back_with_a_notice(live_server, browser):
    _open(browser, live_server + "?lang=en&date=1999-13-45&region=Atlantis&pop=huge")
    notices = wait_for(lambda: _text(browser, "#notices"), message="notices")
    assert "date" in notices.lower() and "region" in notices.lower()
    assert len(_communes(browser)["locations"]) == 581  # the default view
    wait_for(lambda: urlsplit(browser.current_url).query == "lang=en", message="clean link")
    assert "Atlantis" not in browser.find_element(By.ID, "share-link").get_attribute("value")


def test_plain_address_gets_the_browser_language_and_a_full_link(live_server, browser):
    _open(browser, live_server)  # no query: language from the browser (en-US here)
    wait_for(lambda: "lang=" in browser.current_url, message="language in the link")


def test_no_request_leaves_the_machine(live_server, browser):
    browser.get_log("performance")  # drop what earlier tests logged
    _open(browser, live_server + "?lang=fr&date=2016-05-27", communes=589)
    _click_option(browser, "dataset-choice", "example")
    wait_for(lambda: "dataset=example" in browser.current_url, message="example")
    hosts = set()
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if url.startswith(("http:", "https:", "ws:", "wss:")):
                hosts.add(urlsplit(url).hostname)
    assert hosts == {"127.0.0.1"}


def test_controls_reachable_by_keyboard(live_server, browser):
    from selenium.webdriver.common.action_chains import ActionChains

    _open(browser, live_server + "?lang=en")
    browser.execute_script("document.activeElement && document.activeElement.blur()")
    reached = set()
    for _ in range(45):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        el = browser.switch_to.active_element
        owner = browser.execute_script(
            "const e = arguments[0]; const c = e.closest('[id]'); return c ? c.id : '';", el
        )
        reached.add(owner)
    wanted = {"skip-link", "language-switch", "dataset-choice", "region-filter",
              "province-filter", "status-filter", "flag-filter", "pop-band-filter",
              "commune-search", "zoom-brussels", "reset-view", "share-link", "upload"}  # fmt: skip
    assert wanted <= reached, wanted - reached
    assert any("date-slider" in r for r in reached)


def test_brussels_zoom_and_commune_table_search(live_server, browser):
    _open(browser, live_server + "?lang=en&dataset=example", communes=589)
    browser.find_element(By.ID, "zoom-brussels").click()
    wait_for(lambda: browser.execute_script(
        "return document.querySelector('#coverage-map .js-plotly-plot')"
        ".layout.geo.projection.scale") > 5,
        message="zoomed to Brussels")  # fmt: skip
    # the table twin of the map is searchable
    browser.find_element(By.ID, "commune-table-search").send_keys("Liège")
    rows = wait_for(lambda: (r := _table_rows(browser, "commune-table")) and len(r) < 5 and r,
                    message="filtered table")  # fmt: skip
    assert rows[0][0].startswith("Liège")


def test_unrecognised_header_can_be_mapped(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=en", communes=581)
    f = tmp_path / "mapped.csv"
    f.write_text("NIS,Etat de la cellule,Date\n21004,own_cell,2019-06-15\n"
                 "21001,none,2019-06-15\n", encoding="utf-8")  # fmt: skip
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(f))
    wait_for(lambda: "Etat de la cellule" in _text(browser, "#upload-mapping"), message="form")
    dropdown = browser.find_element(By.CSS_SELECTOR, "#upload-mapping .dash-dropdown")
    dropdown.click()
    option = wait_for(lambda: next(o for o in browser.find_elements(By.CSS_SELECTOR,
                                                                     ".dash-dropdown-option")
                                   if o.text == "Status"), message="Status option")  # fmt: skip
    option.click()
    browser.find_element(By.ID, "mapping-apply").click()
    wait_for(lambda: "mapped.csv" in _text(browser, "#upload-result")
             and "dataset=upload" in browser.current_url, message="imported")  # fmt: skip
    codes = _communes(browser)["locations"]
    wait_for(lambda: _communes(browser)["z"][codes.index("21004")] == _code("own_cell"),
             message="own cell")  # fmt: skip


def test_clicking_a_bar_drills_down(live_server, browser):
    _open(browser, live_server + "?lang=en&date=2019-06-15", communes=581)
    units = wait_for(lambda: browser.execute_script(
        "const g = document.querySelector('#breakdown-chart .js-plotly-plot');"
        "return g && g.data && g.data[0].customdata ? Array.from(g.data[0].customdata) : null;"
    ), message="bars")  # fmt: skip
    index = units.index("03000")
    from selenium.webdriver.common.action_chains import ActionChains

    bars = browser.find_elements(By.CSS_SELECTOR, "#breakdown-chart .trace.bars .point")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", bars[index])
    # a person clicks where the bar is drawn (plotly's drag layer lies on top of it)
    ActionChains(browser).move_to_element(bars[index]).pause(0.3).click().perform()
    wait_for(lambda: "region=03000" in browser.current_url
             and "level=province" in browser.current_url, message="drilled down")  # fmt: skip
    checked = browser.find_element(By.CSS_SELECTOR, "#breakdown-level input:checked")
    assert checked.get_attribute("value") == "province"


def test_export_downloads_the_table_of_the_view(live_server, browser):
    import csv

    _open(browser, live_server + "?lang=en&dataset=example&region=04000", communes=589)
    wait_for(lambda: len(_table_rows(browser, "commune-table") or []) == 19, message="table")
    clicked = time.time() - 1  # the session's other downloads may have the same name
    browser.find_element(By.ID, "export-table").click()

    def arrived():
        new = [p for p in browser.downloads.glob("csil-communes-*.csv")
               if p.stat().st_mtime >= clicked and p.stat().st_size]  # fmt: skip
        return new[0] if new else None

    path = wait_for(arrived, message="downloaded file")
    time.sleep(0.3)  # written whole
    assert path.name.startswith("csil-communes-illustrative-2016-05-27")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel needs for accents
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))  # "," on the English page
    assert len(rows) == 19 and {r["region"] for r in rows} == {"04000"}
    assert all("Illustrative data" in r["data"] for r in rows)


def test_switching_language_changes_every_label(live_server, browser):
    """Every label the language callback fills in speaks the chosen language after a switch
    (read from the page, hidden ones included), exactly as its catalogue says."""
    t = i18n.t
    labels = [(cid, key) for cid, prop, key in TEXT_TARGETS if prop == "children"]
    assert len(labels) > 25

    def on_page():
        script = ("return arguments[0].map(function(id) { var e = document.getElementById(id);"
                  " return e ? e.textContent : null; });")  # fmt: skip
        return browser.execute_script(script, [cid for cid, _ in labels])

    def same(text, expected):
        return text is not None and " ".join(text.split()) == " ".join(expected.split())

    _open(browser, live_server + "?lang=en")
    english = on_page()
    assert all(same(x, t(key, "en")) for x, (_, key) in zip(english, labels, strict=True))
    _click_option(browser, "language-switch", "de")
    wait_for(lambda: all(same(x, t(key, "de")) for x, (_, key) in zip(on_page(), labels,
                                                                          strict=True)),
             message="every label in German")  # fmt: skip
    changed = [cid for cid, x, y in zip((c for c, _ in labels), english, on_page(), strict=True)
               if x == y]  # fmt: skip
    # only labels spelled the same in both languages may stay
    assert all(t(key, "en") == t(key, "de") for cid, key in labels if cid in changed), changed
