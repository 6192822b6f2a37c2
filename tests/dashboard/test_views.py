"""What each part of the page shows, on the real data (published figures reproduced)."""

import pytest

from dashboard import views
from dashboard.callbacks.state import (
    controls_from_state,
    date_keys,
    state_from_controls,
    state_from_data,
    state_to_data,
)
from dashboard.coverage.model import Status
from dashboard.state import ViewState
from dashboard.upload import payload_to_snapshot, snapshot_to_payload


def _view(bundle, state, upload=None):
    return views.selection(bundle, state, upload)


def test_public_date_picks_its_vintage_and_leaves_the_rest_unknown(bundle):
    shown, frame, mask = _view(bundle, ViewState(date="2016-05-27"))
    assert shown.vintage == "1977-2018" and len(frame) == 589
    assert (frame["status"] == "unknown").sum() > 500  # no invented commune data
    shown, frame, _ = _view(bundle, ViewState(date="2019-06-15"))
    assert shown.vintage == "2019-2024" and len(frame) == 581
    brussels = frame[frame["region"] == "04000"]
    assert (brussels["status"] == Status.OWN_CELL.value).all()  # S01: 19 cells, 19 communes


def _rows(table):
    return {(r["geography"], r["measure_code"]): r for r in table.to_dict(orient="records")}


def test_published_breakdown_2016_is_exact(bundle):
    state = ViewState(date="2016-05-27", lang="en")
    shown, frame, mask = _view(bundle, state)
    table, notes = views.breakdown_table(bundle, shown, frame, mask, "region", "en")
    rows = _rows(table)
    for geo, cells, involved in (("BE-VLG", 77, 112), ("BE-WAL", 19, 27), ("BE-BRU", 13, 13),
                                 ("BE", 109, 152)):  # fmt: skip
        assert rows[(geo, "cells")]["value"] == cells
        assert rows[(geo, "communes_involved")]["value"] == involved
        assert rows[(geo, "cells")]["source"] == "S00" and rows[(geo, "cells")]["current"]
    assert rows[("BE-VLG", "communes_involved")]["share"] == "36.4%"  # 112 / 308
    # Wallonia: S00 does not say whether it counts the German-speaking communes.
    assert rows[("BE-WAL", "communes_involved")]["share"] == "10.3% or 10.7%"
    assert any("S00, 27 May 2016 does not say" in n for n in notes)


def test_published_breakdown_2019_and_conflict_note(bundle):
    shown, frame, mask = _view(bundle, ViewState(date="2019-06-15", lang="en"))
    t, notes = views.breakdown_table(bundle, shown, frame, mask, "region", "en")
    rows = _rows(t)
    assert (
        rows[("BE", "cells")]["value"] == 253 and rows[("BE", "communes_with_cell")]["value"] == 382
    )
    assert rows[("BE-DG", "cells")]["value"] == 2
    assert any("adds up only with them" in n for n in notes)  # S01 includes the DG communes
    shown, frame, mask = _view(bundle, ViewState(date="2018-10-17", lang="en"))
    _, notes = views.breakdown_table(bundle, shown, frame, mask, "province", "en")
    assert notes and "below the regions" in notes[0]  # lower levels are not public


def test_key_figures_public_and_benchmarks(bundle):
    state = ViewState(date="2016-05-27", region=("02000",), lang="en")
    shown, frame, mask = _view(bundle, state)
    figures, as_of = views.key_figures(bundle, shown, frame, mask, state, "en")
    assert figures[0].label == "Cells · Flemish Region"
    assert figures[0].value == "77" and "Belgium: 109 (S00, 27 May 2016)" in figures[0].benchmarks
    assert "Published for this date — S00, 27 May 2016" in figures[0].lines
    assert figures[1].value == "112 of 308 communes"
    assert figures[4].missing  # population share: cannot be computed, said so
    assert "2016" in as_of and "own date and source" in as_of


def test_key_figures_say_when_a_filter_cannot_be_honoured(bundle):
    for state in (ViewState(date="2019-06-15", province=("10000",), lang="en"),
                  ViewState(date="2019-06-15", region=("02000", "03000"), lang="en"),
                  ViewState(date="2019-06-15", pop_band="5-10k", lang="en"),
                  ViewState(date="2019-06-15", status=(Status.NONE,), lang="en")):  # fmt: skip
        shown, frame, mask = _view(bundle, state)
        figures, _ = views.key_figures(bundle, shown, frame, mask, state, "en")
        for f in figures[:4]:
            assert any("Not the selection" in line for line in f.lines), (
                state, f)  # fmt: skip
    state = ViewState(date="2019-06-15", province=("10000",), lang="en")
    shown, frame, mask = _view(bundle, state)
    figures, _ = views.key_figures(bundle, shown, frame, mask, state, "en")
    assert figures[1].label.endswith("Flemish Region") and figures[1].value == "255 of 300 communes"


def test_example_is_illustrative_and_filters_apply(bundle):
    state = ViewState(dataset="example", region=("03000",), lang="fr")
    shown, frame, mask = _view(bundle, state)
    assert shown.illustrative and shown.kind == "example"
    assert mask.sum() == 262
    figures, _ = views.key_figures(bundle, shown, frame, mask, state, "fr")
    assert any("Belgique" in b for b in figures[2].benchmarks)
    table, _ = views.breakdown_table(bundle, shown, frame, mask, "province", "fr")
    assert set(table["communes"]).issubset(set(range(1, 263)))
    assert table["communes"].sum() == 262
    layers = views.map_layers(bundle, shown, frame, mask, state, "fr")
    assert (layers.communes["category"] == "outside").sum() == 589 - 262


def test_status_flag_and_population_filters(bundle):
    state = ViewState(dataset="example", status=(Status.NONE,), pop_band="50k-plus")
    shown, frame, mask = _view(bundle, state)
    sel = frame[mask]
    assert (sel["status"] == "none").all() and (sel["population"] >= 50_000).all()
    state = ViewState(date="2016-05-27", flag=("pilot_2016",))
    shown, frame, mask = _view(bundle, state)
    assert mask.sum() == 15  # the 15 pilot communes


def test_timeline_has_every_published_date_with_sources(bundle):
    frame = views.timeline_frame(bundle, "en")
    assert frame["date"].dt.year.min() == 2016 and frame["date"].dt.year.max() >= 2021
    assert frame["hover"].str.contains(r"Source: S\d\d").all()
    be_2019 = frame[(frame["geography"] == "BE") & (frame["date"] == "2019-06-15")]
    assert be_2019["share"].iloc[0] == pytest.approx(382 / 581)
    year = frame[(frame["geography"] == "BE") & (frame["precision"] == "year")]
    assert year["start"].dt.strftime("%m-%d").eq("01-01").all()  # drawn over the year


def test_provenance_lists_the_sources_used(bundle):
    shown, frame, _ = _view(bundle, ViewState(date="2019-06-15"))
    ids = set(views.sources_used(bundle, shown, frame)["source_id"])
    assert "S01" in ids


def test_controls_and_state_round_trip(bundle):
    keys = date_keys(bundle)
    state = ViewState(date="2019-06-15", region=("03000",), status=(Status.PLANNED,),
                      lang="de", level="province")  # fmt: skip
    values = controls_from_state(state, keys)
    assert state_from_controls(values, keys, ViewState()) == state
    assert state_from_data(state_to_data(state)) == state
    upload = ViewState(dataset="upload")
    assert state_from_data(state_to_data(upload)) == upload  # not lost like in a link


def test_upload_payload_round_trip(bundle):
    snap = bundle.example
    back = payload_to_snapshot(snapshot_to_payload(snap, "x.csv"))
    assert back.statuses == snap.statuses and back.cells == snap.cells
    assert back.as_of == snap.as_of and back.illustrative
    assert payload_to_snapshot({"v": 99}) is None and payload_to_snapshot(None) is None


def test_conflicting_sources_are_named(bundle):
    shown, frame, mask = _view(bundle, ViewState(date="2018-10-17", lang="en"))
    table, notes = views.breakdown_table(bundle, shown, frame, mask, "region", "en")
    assert _rows(table)[("BE", "cells")]["value"] == 230  # the default source, S09
    assert any("S09 (230, 17 October 2018)" in n and "S10" in n and "228" in n for n in notes)


def test_programme_flags_show_on_every_dataset(bundle):
    shown, frame, _ = _view(bundle, ViewState(dataset="example"))
    pilots = frame[frame["flags"].map(lambda f: "pilot_2016" in f)]
    assert len(pilots) == 15 and "21012" in set(pilots["nis"])  # Molenbeek
    assert {f.source for f in shown.snapshot.flags if f.flag.value == "pilot_2016"} == {"S00"}


def test_drill_down_from_a_bar():
    state = ViewState(level="region")
    assert views.drill_down(state, "03000") == ViewState(region=("03000",), level="province")
    assert views.drill_down(state, "04000").level == "arrondissement"  # Brussels: no province
    assert views.drill_down(state, "BE-DG").region == ("DG",)
    province = ViewState(region=("03000",), level="province")
    assert views.drill_down(province, "60000") == province.replace(
        province=("60000",), level="arrondissement"
    )
    assert views.drill_down(state, None) is None
    assert views.drill_down(ViewState(level="police_zone"), "5345") is None


def test_export_labels_illustrative_data_on_every_row(bundle):
    state = ViewState(dataset="example", region=("04000",), lang="nl")
    shown, frame, mask = _view(bundle, state)
    table = views.export_frame(shown, frame, mask, "nl")
    assert len(table) == 19
    assert table["data"].str.contains("Illustratieve gegevens").all()
    assert set(table["view_date"]) == {"2016-05-27"}
    assert set(table["commune_division"]) == {"1977-2018"}
    shown, frame, mask = _view(bundle, ViewState(date="2019-06-15"))
    public = views.export_frame(shown, frame, mask, "en")
    assert not public["data"].str.contains("llustrative").any()
    bxl = public[public["nis_code"] == "21004"].iloc[0]
    assert (bxl["status_source"], bxl["status_date"], bxl["status_basis"]) == (
        "S01", "2019-06-15", "implied_by_regional_table")  # fmt: skip
    assert "pilot_2016 (S00 2016-05-27)" in bxl["flags"]


def test_hover_names_a_shared_cell_and_its_members(bundle):
    state = ViewState(dataset="example", lang="fr")
    shown, frame, mask = _view(bundle, state)
    layers = views.map_layers(bundle, shown, frame, mask, state, "fr")
    hover = dict(zip(layers.communes["nis"], layers.communes["hover"], strict=True))
    shared = frame[frame["status"] == "shared_cell"].iloc[0]
    text = hover[shared["nis"]]
    assert f"Cellule : {shared['cell_name']}" in text.replace("\u202f", " ").replace("\xa0", " ")
    assert all(m in text for m in shared["cell_members"].split(", "))
    own = frame[frame["status"] == "own_cell"].iloc[0]
    assert "Cellule :" not in hover[own["nis"]].replace("\xa0", " ")


def test_upload_warnings_speak_the_page_language(bundle):
    """An imported file's warnings are listed in the page's language, with their place in
    the file, and counts take the language's plural form."""
    import base64

    from dashboard.callbacks.upload import run_import
    from dashboard.layout.components import issue_line

    text = ("nis,commune,status,as_of\n21004,Bruxelles,own_cell,2019-06-15\n"
            "21001,Anderlecht,own_cell,\n21002,Auderghem,own_cell,\n")  # fmt: skip
    contents = "data:text/csv;base64," + base64.b64encode(text.encode()).decode()
    result = run_import(bundle, contents, "dates.csv", None)
    assert result.ok and result.warnings
    lines = {lang: issue_line(result.warnings[0], lang) for lang in ("en", "fr", "nl", "de")}
    assert lines["en"].startswith("dates.csv:3 — no date on 2 rows")
    assert lines["de"].startswith("dates.csv:3 — kein Datum in 2 Zeilen")
    assert "2 lignes" in lines["fr"] and "2 rijen" in lines["nl"]
    assert len(set(lines.values())) == 4
