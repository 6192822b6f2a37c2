import datetime as dt
import math

import pandas as pd
import pytest

from dashboard.coverage.metrics import (
    LEVELS,
    METRIC_COLUMNS,
    coverage_metrics,
    geography_metrics,
    published_figures,
)
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import load_public_record, published_dates
from tests.coverage.synthetic import communes_frame
from tests.coverage.test_public_record import shared, shared_facts  # noqa: F401

D = dt.date(2016, 5, 27)


@pytest.fixture
def snapshot():
    return MembershipSnapshot(
        D,
        "1977-2018",
        (
            CommuneStatus("11001", Status.SHARED_CELL, "A"),
            CommuneStatus("11002", Status.SHARED_CELL, "A"),
            CommuneStatus("11003", Status.SHARED_CELL, "X"),  # cell spans two provinces
            CommuneStatus("11004", Status.SHARED_CELL, "X"),
            CommuneStatus("63001", Status.OWN_CELL),  # own cell without an id
            CommuneStatus("63002", Status.SHARED_CELL),  # partners not stated
            CommuneStatus("63003", Status.PLANNED),
            CommuneStatus("21001", Status.OWN_CELL, "B", partial=True),
            CommuneStatus("21002", Status.NONE),
        ),
        (
            Cell("A", "a", ("11001", "11002")),
            Cell("X", "x", ("11003", "11004")),
            Cell("B", "b", ("21001",)),
        ),  # fmt: skip
    )


def row(m: pd.DataFrame, level: str, unit: str) -> pd.Series:
    sel = m[(m["level"] == level) & (m["unit"] == unit)]
    assert len(sel) == 1, (level, unit)
    return sel.iloc[0]


def test_every_level_is_present_with_tidy_columns(snapshot):
    m = coverage_metrics(snapshot, communes_frame())
    assert list(m.columns) == ["as_of", "vintage", *METRIC_COLUMNS]
    assert list(dict.fromkeys(m["level"])) == list(LEVELS)
    assert set(m.loc[m["level"] == "province", "unit"]) == {"10000", "20000", "60000"}
    assert set(m.loc[m["level"] == "community", "unit"]) == {"BE-DG"}


def test_country_counts_and_shares(snapshot):
    be = row(coverage_metrics(snapshot, communes_frame()), "country", "BE")
    assert be["communes"] == 10
    assert be["communes_own_cell"] == 2 and be["communes_shared_cell"] == 5
    assert be["communes_planned"] == 1 and be["communes_none"] == 1
    assert be["communes_unknown"] == 1  # 63004: no statement
    assert be["cells"] == 4  # A, X, B and the own cell of 63001
    assert be["communes_cell_unidentified"] == 1
    assert be["communes_partly_covered"] == 1
    assert be["share_communes_covered"] == pytest.approx(0.7)
    assert be["share_communes_unknown"] == pytest.approx(0.1)
    assert be["population"] == 42600
    assert be["population_covered"] == 1000 + 2000 + 3000 + 4000 + 500 + 600 + 10000
    assert be["population_unknown"] == 800
    assert be["share_population_covered"] == pytest.approx(21100 / 42600)


def test_lower_levels(snapshot):
    m = coverage_metrics(snapshot, communes_frame())
    assert row(m, "province", "10000")["cells"] == 2  # A and X
    assert row(m, "province", "20000")["cells"] == 1  # X again: counted where it has members
    bru = row(m, "region", "04000")
    assert (bru["geography"], bru["communes_covered"], bru["communes_none"]) == ("BE-BRU", 1, 1)
    dg = row(m, "community", "BE-DG")
    assert (dg["communes"], dg["communes_covered"], dg["unit_name"]) == (
        2, 2, "German-speaking Community")  # fmt: skip
    pz = row(m, "police_zone", "5288")
    assert (pz["communes_planned"], pz["communes_unknown"], pz["unit_name"]) == (1, 1, "PZ 5288")
    assert row(m, "arrondissement", "21000")["share_population_covered"] == pytest.approx(1 / 3)


def test_empty_snapshot_is_all_unknown():
    empty = MembershipSnapshot(D, "1977-2018", ())
    g = geography_metrics(empty, communes_frame())
    assert list(g.index) == ["BE", "BE-VLG", "BE-WAL", "BE-BRU", "BE-DG"]
    assert (g["communes_unknown"] == g["communes"]).all()
    assert (g["cells"] == 0).all() and (g["share_communes_covered"] == 0).all()


def test_zero_population_share_is_nan():
    frame = communes_frame(["21001"]).assign(population=0)
    m = coverage_metrics(MembershipSnapshot(D, "x", ()), frame, levels=("country",))
    assert math.isnan(m.iloc[0]["share_population_covered"])


def test_codes_outside_the_frame_and_missing_columns_are_errors(snapshot):
    with pytest.raises(ValueError, match=r"9 codes not in the communes frame: 11001"):
        coverage_metrics(snapshot, communes_frame(["63004"]))
    with pytest.raises(ValueError, match=r"lacks columns \['police_zone'\]"):
        coverage_metrics(snapshot, communes_frame().drop(columns="police_zone"))
    with pytest.raises(ValueError, match="unknown level 'canton'"):
        coverage_metrics(snapshot, communes_frame(), levels=("canton",))


# ------------------------------------------------------------------ published figures


def test_published_figures_27_may_2016():
    f = published_figures(load_public_record(), "2016-05-27").set_index(["geography", "measure"])
    assert f["value"].to_dict() == {
        ("BE", "cells"): 109,
        ("BE", "communes_involved"): 152,
        ("BE-VLG", "cells"): 77,
        ("BE-VLG", "communes_involved"): 112,
        ("BE-WAL", "cells"): 19,
        ("BE-WAL", "communes_involved"): 27,
        ("BE-BRU", "cells"): 13,
        ("BE-BRU", "communes_involved"): 13,
    }
    assert set(f["source_id"]) == {"S00"}


def test_published_figures_s01_table():
    f = published_figures(load_public_record(), dt.date(2019, 6, 15))
    table = f.pivot(index="geography", columns="measure", values="value")
    assert table.loc[["BE", "BE-BRU", "BE-VLG", "BE-WAL", "BE-DG"]].values.tolist() == [
        [253, 382, 116], [19, 19, 0], [164, 255, 30], [70, 108, 86], [2, 9, 0]]  # fmt: skip
    assert f.loc[f["geography"] == "BE-DG", "part_of"].unique().tolist() == ["BE-WAL"]


def test_conflicting_source_is_named():
    f = published_figures(load_public_record(), "2019")
    wal = f[(f["geography"] == "BE-WAL") & (f["measure"] == "communes_with_cell")].iloc[0]
    assert (wal["value"], wal["source_id"], wal["other_values"]) == (112, "S15", "74 (S12)")
    autumn = published_figures(load_public_record(), "2018-10-17")
    be = autumn[(autumn["geography"] == "BE") & (autumn["measure"] == "cells")].iloc[0]
    assert (be["value"], be["conflict_with"]) == (230, "S10")


def test_unknown_date_is_an_error():
    with pytest.raises(KeyError, match="no published figures for 2016-05-28"):
        published_figures(load_public_record(), dt.date(2016, 5, 28))


def test_every_published_figure_is_reproduced(shared_facts):  # noqa: F811
    record = load_public_record()
    theirs = shared(shared_facts, "snapshots")
    assert {d.key for d in published_dates(record)} == set(theirs["as_of"])
    for as_of, group in theirs.groupby("as_of"):
        ours = published_figures(record, as_of).set_index(["geography", "measure"])
        assert len(ours) == len(group.drop_duplicates(["geography", "measure"]))
        for r in group.itertuples():
            got = ours.loc[(r.geography, r.measure)]
            shown = got["value"] == int(r.value) and got["source_id"] == r.source_id
            named = f"{r.value} ({r.source_id})" in got["other_values"].split("; ")
            assert shown or named, (as_of, r.geography, r.measure, r.value, r.source_id)
