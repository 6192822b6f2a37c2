"""Uploading a workbook as an administration keeps it, in a real headless Chromium: a notes sheet
first, a title and a blank row above the header, codes stored as numbers, date cells, Dutch
names of Walloon cities; and choosing another sheet in the upload's read options."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from selenium.webdriver.common.by import By

from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _changed, _code, _communes, _open, _text

pytestmark = pytest.mark.browser

DAY = dt.datetime(2019, 6, 15)


def _survey(path, sheets: dict[str, list[list[object]]]) -> None:
    """A workbook: a notes sheet, then each sheet under a merged title and a blank row."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Toelichting"
    notes["A1"] = "Bevraging van alle burgemeesters over de LIVC-R."
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        ws["A1"] = "Stand van de LIVC-R per gemeente"
        ws.merge_cells("A1:E1")
        ws.append([])
        ws.append(["NIS-code", "Gemeente", "Status", "Cel", "Datum"])
        for row in rows:
            ws.append(row)
        ws.append(["Totaal", None, len(rows)])
    wb.save(path)


def _upload(browser, path) -> None:
    browser.find_element(By.CSS_SELECTOR, "#upload input[type=file]").send_keys(str(path))


def test_survey_workbook_changes_the_map_and_says_where_it_was_read(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=nl", communes=581)
    before = _communes(browser)["z"]
    f = tmp_path / "bevraging.xlsx"
    _survey(f, {"Gemeenten": [
        [62063, "Luik", "eigen cel", None, DAY],
        [92094, "Namen", "geen", None, DAY],
        [53053.0, "Bergen", "eigen", None, DAY],
    ]})  # fmt: skip
    _upload(browser, f)
    wait_for(lambda: "bevraging.xlsx" in _text(browser, "#upload-result"), message="success")
    wait_for(lambda: "dataset=upload" in browser.current_url, message="upload view")
    report = _text(browser, "#upload-result")
    assert "werkblad ‘Gemeenten’, kopregel op rij 3" in report  # sheet and header row, in Dutch
    assert "Totaal" in report  # the total row is named as skipped
    after = _changed(browser, lambda d: _communes(d)["z"], before, "map colours")
    codes = _communes(browser)["locations"]
    own, none = _code("own_cell"), _code("none")
    assert after[codes.index("62063")] == own and after[codes.index("53053")] == own
    assert after[codes.index("92094")] == none


def test_choosing_another_sheet_reads_it(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=en", communes=581)
    f = tmp_path / "two_lists.xlsx"
    _survey(f, {
        "Draft": [[21004, "Brussel", "geen", None, DAY]],
        "Final": [[21004, "Brussel", "eigen cel", None, DAY]],
    })  # fmt: skip
    _upload(browser, f)
    wait_for(lambda: "sheet “Draft”" in _text(browser, "#upload-result"), message="first sheet")
    codes = _communes(browser)["locations"]
    wait_for(lambda: _communes(browser)["z"][codes.index("21004")] == _code("none"),
             message="the Draft sheet on the map")  # fmt: skip
    assert "'Final' also have one" in _text(browser, "#upload-result")
    sheet = browser.find_element(By.CSS_SELECTOR, "#upload-mapping .dash-dropdown")
    sheet.click()
    options = lambda: browser.find_elements(By.CSS_SELECTOR, ".dash-dropdown-option")  # noqa: E731
    option = wait_for(lambda: next(o for o in options() if o.text == "Final"), message="Final")
    option.click()
    browser.find_element(By.ID, "mapping-apply").click()
    wait_for(lambda: "sheet “Final”, header on row 3" in _text(browser, "#upload-result"),
             message="the chosen sheet")  # fmt: skip
    wait_for(lambda: _communes(browser)["z"][codes.index("21004")] == _code("own_cell"),
             message="the Final sheet on the map")  # fmt: skip
