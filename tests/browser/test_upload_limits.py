"""A file over the upload limit, chosen in a real headless Chromium: it is not sent, the
usual "file too large" message appears in the page language, and the data already loaded
stays on the map (issue 15)."""

from __future__ import annotations

import pytest

from dashboard.upload import MAX_FILE_BYTES
from tests.browser.conftest import wait_for
from tests.browser.test_journeys import _changed, _code, _communes, _open, _text
from tests.browser.test_workbook_upload import _upload

pytestmark = pytest.mark.browser

CSV = "nis,commune,status,as_of\n62063,Liège,own_cell,2019-06-15\n"

#: Counts the callback requests the page sends and the largest body (test-side hook only).
WATCH_REQUESTS = """
window.__csilPosts = {count: 0, largest: 0};
const original = window.fetch;
window.fetch = function (url, options) {
    if (String(url).includes('_dash-update-component')) {
        const body = (options && options.body) || '';
        window.__csilPosts.count += 1;
        window.__csilPosts.largest = Math.max(window.__csilPosts.largest, body.length || 0);
    }
    return original.apply(this, arguments);
};
"""


def test_a_file_too_large_is_not_sent_and_says_so_in_french(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=fr", communes=581)
    before = _communes(browser)["z"]
    small = tmp_path / "liste.csv"
    small.write_text(CSV, encoding="utf-8")
    _upload(browser, small)
    wait_for(lambda: "liste.csv" in _text(browser, "#upload-result"), message="the import")
    wait_for(lambda: "dataset=upload" in browser.current_url, message="upload view")
    loaded = _changed(browser, lambda d: _communes(d)["z"], before, "map colours")
    codes = _communes(browser)["locations"]
    assert loaded[codes.index("62063")] == _code("own_cell")

    big = tmp_path / "enorme.csv"
    with big.open("wb") as f:
        f.write(CSV.encode())
        f.truncate(MAX_FILE_BYTES + 1)
    browser.execute_script(WATCH_REQUESTS)
    _upload(browser, big)
    wait_for(lambda: "enorme.csv" in _text(browser, "#upload-result"), message="the refusal")
    message = _text(browser, "#upload-result").replace("\u202f", " ").replace("\xa0", " ")
    assert "fichier trop volumineux" in message  # the importer's own words, in French
    assert "conservées" in message  # « Les données affichées précédemment sont conservées. »
    posts = browser.execute_script("return window.__csilPosts")
    assert posts["count"] >= 1  # the refusal's callback
    assert posts["largest"] < 100_000  # the file itself never left the browser
    assert "dataset=upload" in browser.current_url
    assert _communes(browser)["z"] == loaded  # the data already shown stays


def test_a_file_of_another_kind_is_named(live_server, browser, tmp_path):
    _open(browser, live_server + "?lang=en", communes=581)
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    _upload(browser, photo)
    wait_for(lambda: "photo.png" in _text(browser, "#upload-result"), message="the refusal")
    text = _text(browser, "#upload-result")
    assert ".xlsx" in text and "not read" in text
