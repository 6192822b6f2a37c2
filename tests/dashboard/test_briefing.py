"""Presentation mode, saved views and the downloads' dispatcher (issue 14): the link's
flag, the slide's title and footnote, the saved views' keys, labels and steps, and every
download kind through one entry point."""

from __future__ import annotations

import pytest
from dash import no_update

from dashboard import i18n, ids
from dashboard.callbacks.briefing import saved_outputs
from dashboard.callbacks.state import StateRules, state_to_data
from dashboard.callbacks.view import render_view
from dashboard.coverage.model import Status
from dashboard.exports.briefing import briefing, data_line
from dashboard.exports.make import KINDS, ExportError, make_export
from dashboard.state import ViewState, from_query, to_query
from dashboard.views import map_note
from dashboard.views import saved as saved_views

EXAMPLE = ViewState(dataset="example")
PUBLIC = ViewState(date="2019-06-15")


# ----------------------------------------------------------------------------- the link


def test_the_presentation_flag_is_in_the_link_and_only_when_set():
    assert "present" not in to_query(PUBLIC)
    query = to_query(PUBLIC.replace(present=True))
    assert query.endswith("&present=1")
    state, notices = from_query(query, valid_dates=None)
    assert state.present and state == PUBLIC.replace(present=True) and not notices
    for word in ("true", "on", "yes"):
        assert from_query(f"?lang=en&present={word}", valid_dates=None)[0].present
    state, notices = from_query("?lang=en&present=0", valid_dates=None)
    assert not state.present and not notices
    state, notices = from_query("?lang=en&present=maybe", valid_dates=None)
    assert not state.present and notices == ["notice.link.present"]
    assert i18n.t("notice.link.present", "nl") != i18n.t("notice.link.present", "en")


def test_presenting_sets_the_pages_class_title_and_footnote(bundle):
    normal = render_view(bundle, PUBLIC.replace(lang="fr"), None, None)
    assert normal[(ids.PAGE, "className")] == "page"
    assert normal[(ids.PRESENT_FOOTNOTE, "children")] == []
    out = render_view(bundle, PUBLIC.replace(lang="fr", present=True), None, None)
    assert out[(ids.PAGE, "className")] == "page presenting"
    b = briefing(bundle, PUBLIC.replace(lang="fr"))
    assert out[(ids.PRESENT_TITLE, "children")] == b.title
    assert b.title.startswith("Couverture CSIL — Belgique")
    footnote = [p.children for p in out[(ids.PRESENT_FOOTNOTE, "children")]]
    assert footnote[0] == f"{data_line(b.shown, 'fr')} — {b.as_of}"
    assert map_note(bundle, b.shown, "fr")[0] in footnote  # what the region shading is
    assert "Statbel" in footnote[-1]


def test_the_slide_says_illustrative_when_it_is(bundle):
    out = render_view(bundle, EXAMPLE.replace(lang="nl", present=True), None, None)
    footnote = " ".join(p.children for p in out[(ids.PRESENT_FOOTNOTE, "children")])
    assert i18n.t("export.data.example", "nl", file=bundle.example.source,
                  date=i18n.format_date("2016-05-27", "nl")) in footnote  # fmt: skip
    assert out[(ids.ILLUSTRATIVE_BANNER, "children")]  # the banner stays on the slide


# ----------------------------------------------------------------------------- saved views


def test_a_saved_view_is_its_link_without_language_and_presentation():
    a = EXAMPLE.replace(region=("02000",), lang="fr", present=True)
    key = saved_views.saved_key(a)
    assert "lang=" not in key and "present" not in key and "region=02000" in key
    assert saved_views.saved_key(a.replace(lang="de", present=False)) == key
    saved = saved_views.add([], a)
    assert saved_views.add(saved, a.replace(lang="nl")) == saved  # the same view once
    b = EXAMPLE.replace(status=(Status.NONE,))
    saved = saved_views.add(saved, b)
    assert saved == [key, saved_views.saved_key(b)]
    many: list[str] = []
    for band in ("0-5k", "5-10k", "10-20k", "20-50k", "50k-plus"):
        for region in ("02000", "03000", "04000"):
            for level in ("region", "province", "arrondissement", "police_zone"):
                view = EXAMPLE.replace(pop_band=band, region=(region,), level=level)
                many = saved_views.add(many, view)
    assert len(many) == saved_views.MAX_SAVED  # the oldest go first


def test_stepping_through_saved_views():
    views = [EXAMPLE, EXAMPLE.replace(region=("02000",)), EXAMPLE.replace(level="province")]
    saved: list[str] = []
    for v in views:
        saved = saved_views.add(saved, v)
    keys = [saved_views.saved_key(v) for v in views]
    assert saved_views.step(saved, views[0].replace(present=True), 1) == keys[1]
    assert saved_views.step(saved, views[1], -1) == keys[0]
    assert saved_views.step(saved, views[2], 1) is None  # the end
    assert saved_views.step(saved, views[0], -1) is None
    unsaved = EXAMPLE.replace(region=("04000",))
    assert saved_views.step(saved, unsaved, 1) == keys[0]
    assert saved_views.step(saved, unsaved, -1) == keys[-1]
    assert saved_views.step([], unsaved, 1) is None


def test_saved_views_are_listed_in_the_pages_language(bundle):
    rules = StateRules.of(bundle)
    saved = saved_views.add([], PUBLIC.replace(region=("02000",)))
    saved = saved_views.add(saved, PUBLIC.replace(status=(Status.OWN_CELL,)))
    here = PUBLIC.replace(region=("02000",), lang="nl", present=True)
    items, clear_hidden, help_hidden, counter = saved_outputs(
        bundle, rules, saved, state_to_data(here), None
    )
    assert not clear_hidden and help_hidden
    links = [li.children for li in items]
    assert links[0].children.startswith("LIVC-dekking — Vlaams Gewest, 15 juni 2019")
    assert "Status: Eigen LIVC" in links[1].children
    # each link keeps the page's language and presentation; the one on screen is marked
    assert links[0].href == to_query(here) and items[0].className == "current"
    assert "present=1" in links[1].href and "lang=nl" in links[1].href
    assert counter == i18n.t("briefing.saved_position", "nl", position=1, count=2)
    _, clear_hidden, help_hidden, counter = saved_outputs(bundle, rules, [],
                                                          state_to_data(here), None)  # fmt: skip
    assert clear_hidden and not help_hidden
    assert counter == i18n.t("briefing.saved_none", "nl")


# ----------------------------------------------------------------------------- downloads


def test_every_kind_but_the_image_needs_no_browser(bundle, monkeypatch):
    monkeypatch.setenv("CSIL_NO_CHROMIUM", "1")
    state = EXAMPLE.replace(lang="de", region=("04000",))
    for kind in KINDS:
        if kind in ("png", "pptx"):
            continue
        name, content = make_export(bundle, kind, state)
        assert name.endswith("." + KINDS[kind]) and "illustrative" in name and content
    with pytest.raises(ExportError) as err:
        make_export(bundle, "png", state)
    assert err.value.message("de") == i18n.t("export.figure.unavailable", "de")
    with pytest.raises(ValueError, match="unknown export"):
        make_export(bundle, "docx", state)


def test_the_map_files_are_named_as_maps(bundle):
    name, content = make_export(bundle, "svg", PUBLIC)
    assert name == "csil-map-public-2019-06-15.svg" and content.startswith(b"<?xml")


def test_a_download_always_answers_in_the_pages_language(caplog):
    from dashboard.callbacks.briefing import send

    data, status = send(lambda: ("a.csv", b"x;y"), "nl", "csv")
    assert data["filename"] == "a.csv" and status == "Gedownload: a.csv"
    data, status = send(lambda: (_ for _ in ()).throw(ExportError("briefing.export.no_commune")),
                        "de", "sheet")  # fmt: skip
    assert data is no_update
    assert status == i18n.t("briefing.export.failed", "de",
                            reason=i18n.t("briefing.export.no_commune", "de"))  # fmt: skip

    def bug():
        raise ZeroDivisionError("a bug")

    data, status = send(bug, "fr", "pptx")
    assert data is no_update and "journal du serveur" in status
    assert "export pptx failed" in caplog.text  # logged, with its traceback


def test_a_saved_view_of_the_example_says_so(bundle):
    label = saved_views.label(bundle, EXAMPLE.replace(lang="fr"))
    assert label.endswith(" · " + i18n.t("dataset.example", "fr"))
    public = saved_views.label(bundle, PUBLIC.replace(lang="fr"))
    assert i18n.t("dataset.example", "fr") not in public
