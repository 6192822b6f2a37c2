"""The Commune profile tab's view model (dashboard.views.profile) on the shipped data: the
search box's options, the profile with its sources and dates, peer groups, corrections that
validate and, imported, change exactly the corrected communes; and its thin callbacks."""

from __future__ import annotations

import re

import pytest
from dash import no_update

from dashboard import i18n, ids, views
from dashboard.callbacks.profile import commune_options, render_profile
from dashboard.callbacks.state import state_to_data
from dashboard.callbacks.view import render_view
from dashboard.coverage.analysis.corrections import apply_corrections
from dashboard.coverage.importer import import_membership
from dashboard.coverage.model import Status
from dashboard.coverage.validate import validate_file
from dashboard.state import ViewState
from dashboard.views import profile as pv

DIV = "2019-2024"
SOURCE_ID = re.compile(r"^S\d{2,}(, S\d{2,})*$")
MOLENBEEK, ENGIS, MECHELEN, PELT = "21012", "61080", "12025", "72043"


def values(options) -> list[str]:
    return [o.value for o in options]


# ----------------------------------------------------------------------------- search


MOLENBEEK_QUERIES = ("Molenbeek", "Sint-Jans-Molenbeek", "Molenbeek-Saint-Jean",
                     "molenbeek saint jean", "MOLENBEEK-ST-JEAN", "1080")  # fmt: skip


@pytest.mark.parametrize("query", MOLENBEEK_QUERIES)
@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_name_and_the_postal_code_find_molenbeek_first(bundle, query, lang):
    options = pv.search_options(bundle, DIV, query, lang)
    assert values(options)[0] == MOLENBEEK
    assert all(o.matched for o in options)


@pytest.mark.parametrize("division", ["1977-2018", "2019-2024", "2025"])
def test_1080_is_molenbeek_never_engis(bundle, division):
    options = pv.search_options(bundle, division, "1080", "en")
    assert values(options) == [MOLENBEEK]
    assert options[0].label == ("Molenbeek-Saint-Jean / Sint-Jans-Molenbeek — postal code 1080")
    assert ENGIS not in values(pv.search_options(bundle, division, "108", "en"))


def test_malines_finds_mechelen_on_the_english_page_and_says_why(bundle):
    (option,) = pv.search_options(bundle, DIV, "Malines", "en")
    assert (option.value, option.label) == (MECHELEN, "Mechelen — French name Malines")
    # on the French page the name shown is the one typed: no hint
    (fr,) = pv.search_options(bundle, DIV, "Malines", "fr")
    assert fr.label == "Malines"
    (nl,) = pv.search_options(bundle, DIV, "mechelen", "fr")
    assert nl.label.startswith("Malines — ")


def test_a_postal_code_of_several_communes_offers_them_all(bundle):
    options = pv.search_options(bundle, DIV, "1040", "nl")
    assert set(values(options)) == {"21004", "21005"}  # Brussel and Etterbeek
    assert all("1040" in o.label for o in options)


def test_a_former_commune_finds_the_merged_one_and_says_so(bundle):
    (option,) = pv.search_options(bundle, DIV, "Neerpelt", "en")
    assert (option.value, option.label) == (PELT, "Pelt — former commune Neerpelt")
    earlier = pv.search_options(bundle, "1977-2018", "Pelt", "en")
    assert {o.value for o in earlier} == {"72025", "72029"}
    assert all(o.label.endswith("part of Pelt from 2019") for o in earlier)


def test_the_exact_name_comes_first(bundle):
    assert pv.search_options(bundle, DIV, "Ham", "en")[0].label == "Ham"
    assert values(pv.search_options(bundle, DIV, "Gent", "nl"))[0] == "44021"


def test_codes_and_near_names_say_why(bundle):
    (code,) = pv.search_options(bundle, DIV, "61080", "en")
    assert code.label == "Engis — NIS code 61080"
    near = pv.search_options(bundle, DIV, "Mecheln", "en")
    assert values(near)[0] == MECHELEN and "“Mecheln”" in near[0].label


def test_the_chosen_commune_stays_in_the_list(bundle):
    options = pv.search_options(bundle, DIV, "Malines", "en", selected=MOLENBEEK)
    assert values(options) == [MECHELEN, MOLENBEEK]
    assert [o.matched for o in options] == [True, False]
    assert (
        values(pv.search_options(bundle, DIV, "Mol", "en", selected=MOLENBEEK)).count(MOLENBEEK)
        == 1
    )
    assert values(pv.search_options(bundle, DIV, "", "en", selected=MOLENBEEK)) == [MOLENBEEK]
    assert pv.chosen_options(bundle, DIV, None, "en") == []
    assert pv.chosen_options(bundle, DIV, MOLENBEEK, "nl")[0]["label"] == "Sint-Jans-Molenbeek"


def test_the_search_callback_keeps_typed_text_as_the_options_search_field(bundle):
    meta = {"vintage": DIV}
    found = commune_options(bundle, "Liege", "21012", "en", meta)
    assert found[0]["value"] == "62063" and found[0]["search"] == "Liege"
    assert found[-1] == {"label": "Molenbeek-Saint-Jean / Sint-Jans-Molenbeek",
                         "value": "21012", "search": ""}  # fmt: skip
    assert commune_options(bundle, None, "21012", "fr", meta) == [
        {"label": "Molenbeek-Saint-Jean", "value": "21012", "search": ""}
    ]


def test_the_page_sends_the_chosen_communes_option_with_its_value(bundle):
    state = ViewState(lang="nl", commune=MOLENBEEK)
    out = render_view(bundle, state, None, None)
    assert out[(ids.COMMUNE, "options")] == [
        {"label": "Sint-Jans-Molenbeek", "value": MOLENBEEK, "search": ""}
    ]
    again = render_view(bundle, state.replace(region=("04000",)), None, out[(ids.MAP_META, "data")])
    assert again[(ids.COMMUNE, "options")] is no_update  # a filter click does not resend it


# ----------------------------------------------------------------------------- the profile


@pytest.fixture(scope="module")
def public(bundle):
    return views.shown_data(bundle, "public", None, None)


def test_molenbeek_profile_every_figure_with_its_source_and_date(bundle, public):
    v = pv.profile_view(bundle, public, "en", MOLENBEEK)
    assert not v.message and v.title == "Molenbeek-Saint-Jean / Sint-Jans-Molenbeek"
    assert [r[1] for r in v.names.rows] == ["Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek",
                                            "Molenbeek-Saint-Jean"]  # fmt: skip
    facts = {r[0]: r[1:] for r in v.facts.rows}
    assert facts["Region"][0] == "Brussels-Capital Region"
    assert facts["Population"] == (
        "97,979 inhabitants",
        "Statbel, population on 1 January 2020 (population_2020)",
    )
    assert "communes_589" in facts["Area"][1] and facts["Area"][0] == "6.02 km²"
    assert facts["Police zone"][0].startswith("5340") and "2020" in facts["Police zone"][1]
    assert "S01" in v.status and "15 June 2019" in v.status
    assert all(r[1] and r[2] not in ("", "—") for r in v.facts.rows)  # each with its source


def test_status_over_time_each_date_with_its_status_and_source(bundle, public):
    v = pv.profile_view(bundle, public, "en", MOLENBEEK)
    keys = [d.key for d in bundle.record.published_dates()]
    assert len(v.history.rows) == len(keys)
    unknown = i18n.status_label(Status.UNKNOWN, "en")
    for date, status, source, stated, _note in v.history.rows:
        if status == unknown:
            assert (source, stated) == ("—", "—")  # no source says it: nothing invented
        else:
            assert SOURCE_ID.match(source) and stated != "—", (date, status, source)
    assert v.history.marked.count(True) == 1 and v.history.marked[-1]
    assert "date shown" in v.history.rows[-1][4]


def test_flags_neighbours_and_cell(bundle, public):
    v = pv.profile_view(bundle, public, "en", MOLENBEEK)
    pilot = [r for r in v.flags.rows if r[0] == i18n.flag_label("pilot_2016", "en")]
    assert pilot and pilot[0][1] == "2016" and pilot[0][4].startswith("S00")
    assert any(r[2] == "€150,000" for r in v.flags.rows)
    neighbours = dict(v.neighbours.rows)
    assert neighbours["Dilbeek (23016)"] == unknown_label()
    assert all("S01" in s for n, s in neighbours.items() if n != "Dilbeek (23016)")
    assert v.cell_lines and "S01" in v.cell_lines[0]


def unknown_label() -> str:
    return i18n.status_label(Status.UNKNOWN, "en")


def test_peer_groups_with_ranks_unknown_never_ranked(bundle, public):
    v = pv.profile_view(bundle, public, "en", MOLENBEEK)
    groups = {r[0]: r[1:] for r in v.peers.rows}
    assert list(groups) == ["Neighbouring communes", "Police zone 5340 PZ Brussel-West",
                            "Brussels-Capital Region",
                            "The 21 communes closest in population (58,767 – 132,799 "
                            "inhabitants)"]  # fmt: skip
    assert groups["Neighbouring communes"] == ("7", "6", "1", "85.7%", "3 of 6", "3 of 7")
    assert groups["Brussels-Capital Region"][4] == "4 of 19"
    assert "population_2020" in v.peers.note and "computed" in v.peers.note.lower()
    dilbeek = pv.profile_view(bundle, public, "en", "23016")  # not reported on the record
    assert {r[5] for r in dilbeek.peers.rows} == {"not ranked: status not reported"}


def test_a_file_profile_says_it_is_the_file_and_illustrative(bundle):
    example = views.shown_data(bundle, "example", None, None)
    v = pv.profile_view(bundle, example, "en", "72025")
    assert v.illustrative and example.origin in v.data_note
    assert v.status.startswith("Status on 27 May 2016: illustrative, not real — ")
    assert len(v.history.rows) == 1 and example.origin in v.history.rows[0][2]
    assert all(s.startswith("illustrative, not real") for _n, s in v.neighbours.rows)


def test_no_commune_an_unknown_code_or_another_division(bundle, public):
    assert pv.profile_view(bundle, public, "en", None).message.startswith("Choose a commune")
    assert "99999" in pv.profile_view(bundle, public, "en", "99999").message
    neerpelt = pv.profile_view(bundle, public, "en", "72025").message
    assert "Neerpelt" in neerpelt and "Pelt (72043)" in neerpelt


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_language_words_the_profile(bundle, public, lang):
    v = pv.profile_view(bundle, public, lang, PELT)
    assert v.title == "Pelt" and v.history and v.peers and v.correction
    assert i18n.format_date(public.date_key, lang) in v.status


def test_the_tab_renders_only_when_shown_and_only_once(bundle):
    state = ViewState(lang="en", commune=MOLENBEEK, view="commune")
    body, key, hidden, help_ = render_profile(bundle, state_to_data(state), None, None)
    assert body and hidden is False and "Molenbeek" in help_
    assert key["nis"] == MOLENBEEK and key["vintage"] == DIV
    assert render_profile(bundle, state_to_data(state), None, key) == (no_update,) * 4
    gaps = state_to_data(state.replace(view="gaps"))
    assert render_profile(bundle, gaps, None, None) == (no_update,) * 4
    none = render_profile(bundle, state_to_data(state.replace(commune=None)), None, key)
    assert none[2] is True  # no commune: no correction form


# ----------------------------------------------------------------------------- corrections


def context(bundle, nis: str, date: str | None = None) -> dict:
    shown = views.shown_data(bundle, "public", date, None)
    c = pv.profile_view(bundle, shown, "en", nis).correction
    return {"nis": c.nis, "vintage": c.vintage, "as_of": c.as_of}


def test_a_proposal_needs_a_source_and_says_so_in_the_language(bundle):
    ctx = context(bundle, MOLENBEEK)
    bad = pv.add_correction(bundle, None, ctx, {"status": "none", "source": " "}, "en")
    assert not bad.ok and bad.payload is None
    assert any("Give a source" in m for m in bad.messages)
    cell = pv.add_correction(bundle, None, ctx, {"status": "none", "source": "x", "cell": "C"},
                             "en")  # fmt: skip
    assert any("not with “No cell”" in m for m in cell.messages)
    no_status = pv.add_correction(bundle, None, ctx, {"source": "x"}, "en")
    assert any("Choose the proposed status" in m for m in no_status.messages)


def test_one_date_per_list_and_a_second_proposal_replaces_the_first(bundle):
    ctx = context(bundle, MOLENBEEK)
    first = pv.add_correction(bundle, None, ctx, {"status": "none", "source": "a"}, "en")
    again = pv.add_correction(bundle, first.payload, ctx, {"status": "planned", "source": "b"},
                              "en")  # fmt: skip
    assert again.ok and "replaces" in again.messages[0]
    assert [p["status"] for p in again.payload["proposals"]] == ["planned"]
    other = context(bundle, "21001", "2019-06-15")
    mixed = pv.add_correction(bundle, again.payload, other, {"status": "none", "source": "c"},
                              "en")  # fmt: skip
    assert not mixed.ok and mixed.payload is None
    assert any("for one date" in m and "2 July 2021" in m for m in mixed.messages)
    removed = pv.remove_correction(bundle, again.payload, MOLENBEEK, "en")
    assert removed.payload["proposals"] == [] and "removed" in removed.messages[0]


def test_an_altered_list_is_refused_and_emptied(bundle):
    ctx = context(bundle, MOLENBEEK)
    ok = pv.add_correction(bundle, None, ctx, {"status": "none", "source": "a"}, "en")
    ok.payload["proposals"][0]["nis"] = "99999"
    out = pv.add_correction(bundle, ok.payload, ctx, {"status": "none", "source": "a"}, "en")
    assert not out.ok and out.payload == {"v": 1, "proposals": []}


def test_nothing_to_download_says_so(bundle):
    name, data, said = pv.corrections_download(bundle, None, "en")
    assert (name, data, said.ok) == ("", b"", False)
    assert said.messages == ("There is no proposal to download yet.",)


def test_downloaded_corrections_validate_and_change_exactly_the_corrected_communes(
    bundle, tmp_path
):
    ctx = context(bundle, MOLENBEEK)
    payload = None
    for nis, status, cell in ((MOLENBEEK, "none", ""), ("21001", "shared_cell", "=CSIL West")):
        c = {**ctx, "nis": nis}
        result = pv.add_correction(bundle, payload, c, {"status": status, "cell": cell,
                                                         "source": "Council, 1 July 2021",
                                                         "comment": "-checked"}, "en")  # fmt: skip
        assert result.ok, result.messages
        payload = result.payload
    columns, rows = pv.proposal_rows(bundle, payload, "fr")
    assert [r.nis for r in rows] == [MOLENBEEK, "21001"] and columns[0] == i18n.t(
        "field.commune", "fr"
    )
    name, data, said = pv.corrections_download(bundle, payload, "en")
    assert said.ok and name == "csil-corrections-2021-07-02-2019-2024.csv"
    path = tmp_path / name
    path.write_bytes(data)
    report, code = validate_file(path, geography=bundle.geography)
    assert code == 0, report
    result = import_membership(data, filename=name, geography=bundle.geography)
    assert result.ok
    public = views.shown_data(bundle, "public", None, None).snapshot
    after = apply_corrections(public, result)
    before_map, after_map = public.as_mapping(), after.as_mapping()

    def status(by, n):
        return by[n].status if n in by else Status.UNKNOWN

    changed = {n for n in set(before_map) | set(after_map)
               if status(before_map, n) != status(after_map, n)}  # fmt: skip
    assert changed == {MOLENBEEK, "21001"}
    assert after_map[MOLENBEEK].status is Status.NONE
    assert after_map["21001"].status is Status.SHARED_CELL
