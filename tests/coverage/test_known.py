"""Figures known on a date: published for it, or the latest before it, with denominators."""

import datetime as dt

import pytest

from dashboard.coverage.known import figure_for, geography_counts, known_figures
from dashboard.coverage.public_record import load_public_record, published_dates
from tests.coverage.synthetic import communes_frame, snapshot_row, write_record

OLD_COUNTS = {"BE": 589, "BE-VLG": 308, "BE-WAL": 262, "BE-BRU": 19, "BE-DG": 9,
              "BE-WAL-noDG": 253}  # fmt: skip
NEW_COUNTS = {**OLD_COUNTS, "BE": 581, "BE-VLG": 300}
COUNTS = {"1977-2018": OLD_COUNTS, "2019-2024": NEW_COUNTS}


def vintage_of(day: dt.date) -> str:
    return "1977-2018" if day.year < 2019 else "2019-2024"


@pytest.fixture
def record(tmp_path):
    rows = [
        snapshot_row("2016-05-27", "BE", "cells", 100),
        snapshot_row("2016-05-27", "BE", "communes_involved", 150),
        snapshot_row("2016-05-27", "BE-WAL", "communes_involved", 27, wal_includes_dg="unclear"),
        snapshot_row("2017-06-06", "BE-VLG", "communes_with_cell", 200, source="T2"),
        snapshot_row("2017-06-06", "BE-VLG", "communes_total", 308, source="T2"),
        snapshot_row("2018", "BE", "communes_with_cell", 300, source="T3"),
        snapshot_row("2019-06-15", "BE-WAL", "communes_with_cell", 108,
                     wal_includes_dg="inferred_yes"),
        snapshot_row("2019-06-15", "BE", "communes_without_cell", 116),
    ]  # fmt: skip
    return load_public_record(write_record(tmp_path, rows))


def by_key(figures):
    return {(f.geography, f.measure): f for f in figures}


def test_published_for_the_date_or_the_latest_before_it(record):
    on = by_key(known_figures(record, "2017-06-06", COUNTS, vintage_of))
    assert on[("BE-VLG", "communes_with_cell")].current
    cells = on[("BE", "cells")]
    assert (cells.current, cells.as_of, cells.value) == (False, "2016-05-27", 100)
    early = by_key(known_figures(record, "2016-05-27", COUNTS, vintage_of))
    assert ("BE-VLG", "communes_with_cell") not in early  # never carried backward


def test_a_year_figure_is_known_from_the_end_of_its_year(record):
    dates = {d.key: d.date for d in published_dates(record)}
    assert dates["2018"] == dt.date(2018, 12, 31)
    in_2018 = by_key(known_figures(record, "2017-06-06", COUNTS, vintage_of))
    assert ("BE", "communes_with_cell") not in in_2018
    later = by_key(known_figures(record, "2019-06-15", COUNTS, vintage_of))
    f = later[("BE", "communes_with_cell")]
    assert (f.as_of, f.precision, f.current) == ("2018", "year", False)
    assert f.denominators[0].value == 589  # the division of the figure's own date


def test_involved_is_not_carried_past_a_later_with_cell_and_totals_are_not_carried(record):
    later = by_key(known_figures(record, "2019-06-15", COUNTS, vintage_of))
    assert ("BE", "communes_involved") not in later  # superseded by the 2018 count
    assert ("BE-VLG", "communes_total") not in later  # totals belong to their own date
    vlg = later[("BE-VLG", "communes_with_cell")]
    assert [(d.value, d.basis, d.source_id) for d in vlg.denominators] == [(308, "stated", "T2")]


def test_denominators_of_wallonia(record):
    early = by_key(known_figures(record, "2016-05-27", COUNTS, vintage_of))
    wal = early[("BE-WAL", "communes_involved")]
    assert [(d.value, d.basis) for d in wal.denominators] == [(262, "with_dg"),
                                                              (253, "without_dg")]  # fmt: skip
    assert [round(s, 4) for s, _ in wal.shares] == [round(27 / 262, 4), round(27 / 253, 4)]
    later = by_key(known_figures(record, "2019-06-15", COUNTS, vintage_of))
    wal = later[("BE-WAL", "communes_with_cell")]
    assert [(d.value, d.basis) for d in wal.denominators] == [(262, "with_dg")]
    assert later[("BE", "communes_without_cell")].denominators[0].value == 581
    assert later[("BE", "cells")].denominators == ()


def test_figure_for_takes_the_most_recent_of_the_measures(record):
    figures = known_figures(record, "2019-06-15", COUNTS, vintage_of)
    assert figure_for(figures, "BE", ("communes_with_cell", "communes_involved")).value == 300
    assert figure_for(figures, "BE-BRU", "cells") is None


def test_geography_counts():
    counts = geography_counts(communes_frame())
    assert counts == {"BE-VLG": 4, "BE-WAL": 4, "BE-BRU": 2, "BE-DG": 2, "BE": 10,
                      "BE-WAL-noDG": 2}  # fmt: skip


def test_every_default_row_of_the_real_record_is_shown_or_named_on_its_own_date():
    record = load_public_record()
    real_counts = {"1977-2018": OLD_COUNTS, "2019-2024": NEW_COUNTS, "2025": NEW_COUNTS}
    snaps = record.snapshots
    for d in published_dates(record):
        got = by_key(known_figures(record, d.key, real_counts))
        rows = snaps[(snaps["as_of"] == d.key) & snaps["is_default"]]
        for r in rows.itertuples():
            f = got[(r.geography, r.measure)]
            if f.source_id == r.source_id and f.as_of == d.key:
                assert (f.value, f.current) == (int(r.value), True)
            else:  # a later or more precise figure is shown; this one is named with it
                assert (int(r.value), r.source_id, d.key) in {
                    (x.value, x.source_id, x.as_of) for x in f.superseded}, (d.key, r)  # fmt: skip
        for f in got.values():
            assert f.date <= d.date  # nothing from after the date


def test_the_later_or_more_precise_figure_wins():
    """Reviewed on the real record: a year-dated figure does not outrank one of a day in that
    year; a figure repeating another source's is dated by what it repeats."""
    record = load_public_record()
    counts = {"1977-2018": OLD_COUNTS, "2019-2024": NEW_COUNTS, "2025": NEW_COUNTS}
    y2019 = by_key(known_figures(record, "2019", counts))
    cells = y2019[("BE-WAL", "cells")]
    assert (cells.value, cells.source_id, cells.current) == (70, "S01", False)
    assert [(x.value, x.source_id, x.restates) for x in cells.superseded] == [
        (54, "S12", "2019-01")]  # fmt: skip
    assert y2019[("BE", "communes_with_cell")].source_id == "S14"  # 25 Nov 2019, not "2019"
    latest = by_key(known_figures(record, "2021-07-02", counts))
    assert latest[("BE", "communes_with_cell")].source_id == "S14"
    assert latest[("BE-WAL", "communes_with_cell")].source_id == "S18"
    y2018 = by_key(known_figures(record, "2018", counts))
    assert (y2018[("BE", "cells")].value, y2018[("BE", "cells")].source_id) == (230, "S09")
    assert [x.source_id for x in y2018[("BE", "cells")].superseded] == ["S10"]
