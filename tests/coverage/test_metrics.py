import datetime as dt
import math
import random
from collections.abc import Sequence

import pandas as pd
import pytest

import geodata
from dashboard.coverage.metrics import (
    LEVELS,
    METRIC_COLUMNS,
    REGION_GEOGRAPHY,
    REGION_NAMES,
    REQUIRED_COLUMNS,
    STATUS_COLUMNS,
    coverage_metrics,
    geography_metrics,
    published_figures,
    status_frame,
)
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import load_public_record, published_dates
from geodata.belgium import GERMAN_SPEAKING_GEOGRAPHY
from tests.coverage.synthetic import communes_frame
from tests.coverage.test_public_record import shared, shared_facts  # noqa: F401

D = dt.date(2016, 5, 27)


# ------------------------------------------------------------ reference implementation
# The per-unit Python loop that coverage_metrics replaced (copied verbatim before the
# vectorised rewrite, helpers included, so that it stays frozen). The new implementation
# must give an identical frame: same rows, order, values and dtypes. bench/metrics.py times
# one against the other.


def _reference_status_frame(snapshot: MembershipSnapshot, communes: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in REQUIRED_COLUMNS if c not in communes.columns]
    if missing:
        raise ValueError(f"communes frame lacks columns {missing} (see docs/CONTRACTS.md)")
    codes = set(communes["nis"].astype(str))
    foreign = sorted(s.nis for s in snapshot.statuses if s.nis not in codes)
    if foreign:
        raise ValueError(
            f"snapshot {snapshot.source or '(no source)'} ({snapshot.vintage}, {snapshot.as_of}) "
            f"has {len(foreign)} codes not in the communes frame: {', '.join(foreign[:10])}"
        )
    by_nis = snapshot.as_mapping()
    frame = communes.copy()
    nis = frame["nis"].astype(str)
    frame["status"] = [by_nis[n].status.value if n in by_nis else "unknown" for n in nis]
    frame["cell_id"] = [(by_nis[n].cell_id or "") if n in by_nis else "" for n in nis]
    frame["partial"] = [bool(by_nis[n].partial) if n in by_nis else False for n in nis]
    frame["covered"] = frame["status"].isin([Status.OWN_CELL.value, Status.SHARED_CELL.value])
    return frame


def _reference_units(frame: pd.DataFrame, level: str) -> pd.Series:
    if level == "country":
        return pd.Series("BE", index=frame.index)
    if level == "region":
        return frame["region"].astype(str)
    if level == "community":
        return frame["german_speaking"].map(lambda g: GERMAN_SPEAKING_GEOGRAPHY if bool(g) else "")
    if level in ("province", "arrondissement", "police_zone"):
        return frame[level].astype(str)
    raise ValueError(f"unknown level {level!r}; known: {', '.join(LEVELS)}")


def _reference_unit_name(level: str, unit: str, sub: pd.DataFrame) -> str:
    if level == "country":
        return "Belgium"
    if level == "region":
        return REGION_NAMES.get(unit, unit)
    if level == "community":
        return "German-speaking Community"
    if level == "police_zone" and "police_zone_name" in sub.columns:
        return str(sub["police_zone_name"].iloc[0])
    return ""


def _reference_geography(level: str, unit: str) -> str:
    if level == "country":
        return "BE"
    if level == "region":
        return REGION_GEOGRAPHY.get(unit, "")
    if level == "community":
        return GERMAN_SPEAKING_GEOGRAPHY
    return ""


def _reference_share(num: float, den: float) -> float:
    return float(num) / float(den) if den else float("nan")


def _reference_row(level: str, unit: str, sub: pd.DataFrame) -> dict[str, object]:
    counts = sub["status"].value_counts()
    covered = sub["covered"]
    own_without_id = int(((sub["status"] == "own_cell") & (sub["cell_id"] == "")).sum())
    shared_ids = sub.loc[covered & (sub["cell_id"] != ""), "cell_id"].nunique()
    unidentified = int(((sub["status"] == "shared_cell") & (sub["cell_id"] == "")).sum())
    pop = sub["population"].astype("int64")
    unknown = sub["status"] == "unknown"
    row: dict[str, object] = {
        "level": level,
        "unit": unit,
        "unit_name": _reference_unit_name(level, unit, sub),
        "geography": _reference_geography(level, unit),
        "communes": len(sub),
        "cells": int(shared_ids) + own_without_id,
    }
    for status, col in STATUS_COLUMNS.items():
        row[col] = int(counts.get(status.value, 0))
    row.update(
        communes_covered=int(covered.sum()),
        communes_partly_covered=int((covered & sub["partial"]).sum()),
        communes_cell_unidentified=unidentified,
        share_communes_covered=_reference_share(covered.sum(), len(sub)),
        share_communes_unknown=_reference_share(unknown.sum(), len(sub)),
        population=int(pop.sum()),
        population_covered=int(pop[covered].sum()),
        population_unknown=int(pop[unknown].sum()),
        share_population_covered=_reference_share(pop[covered].sum(), pop.sum()),
    )
    return row


def _reference_coverage_metrics(
    snapshot: MembershipSnapshot,
    communes: pd.DataFrame,
    levels: Sequence[str] = LEVELS,
) -> pd.DataFrame:
    frame = _reference_status_frame(snapshot, communes)
    rows = []
    for level in levels:
        units = _reference_units(frame, level)
        for unit, sub in frame.groupby(units, sort=True):
            if unit == "":
                continue
            rows.append(_reference_row(level, str(unit), sub))
    out = pd.DataFrame(rows, columns=list(METRIC_COLUMNS))
    order = {lv: i for i, lv in enumerate(LEVELS)}
    out = out.sort_values(["level", "unit"], key=lambda s: s.map(order) if s.name == "level" else s)
    out.insert(0, "as_of", snapshot.as_of.isoformat())
    out.insert(1, "vintage", snapshot.vintage)
    return out.reset_index(drop=True)


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


# ------------------------------------------------- same frame as the reference implementation


def assert_same_as_reference(snapshot: MembershipSnapshot, communes: pd.DataFrame,
                             levels: Sequence[str] = LEVELS) -> pd.DataFrame:  # fmt: skip
    """coverage_metrics equals the old per-unit loop: rows, order, values, dtypes, index
    (and status_frame the old one)."""
    pd.testing.assert_frame_equal(
        status_frame(snapshot, communes),
        _reference_status_frame(snapshot, communes),
        check_dtype=True,
        check_exact=True,
    )
    got = coverage_metrics(snapshot, communes, levels=levels)
    expected = _reference_coverage_metrics(snapshot, communes, levels=levels)
    pd.testing.assert_frame_equal(got, expected, check_dtype=True, check_exact=True)
    return got


def random_snapshot(communes: pd.DataFrame, vintage: str, seed: int) -> MembershipSnapshot:
    """Random statuses: absent (unknown) or any status, shared cells from a small pool of
    ids (so that cells span units) or without an id, own cells with and without an id,
    partial flags on covered and uncovered communes alike."""
    rng = random.Random(seed)
    pool = [f"S{i:02d}" for i in range(40)]
    statuses = []
    for nis in communes["nis"]:
        if rng.random() < 0.1:
            continue
        status = rng.choice(list(Status))
        cell = None
        if status is Status.SHARED_CELL:
            cell = rng.choice([*pool, None, None, None, None])
        elif status is Status.OWN_CELL:
            cell = rng.choice([f"O{nis}", None])
        statuses.append(CommuneStatus(nis, status, cell, partial=rng.random() < 0.15))
    return MembershipSnapshot(D, vintage, tuple(statuses))


@pytest.fixture(scope="module")
def real_bundle():
    from dashboard.bundle import load_bundle
    from dashboard.settings import Settings

    return load_bundle(Settings.from_env({}))


LEVEL_CHOICES = [(level,) for level in LEVELS] + [
    LEVELS,
    ("police_zone", "country", "region"),  # out of order: sorted by level
    ("region", "region"),  # a level asked twice
]


@pytest.mark.parametrize("levels", LEVEL_CHOICES, ids=lambda lv: "+".join(lv))
@pytest.mark.parametrize("vintage", geodata.VINTAGE_KEYS)
def test_same_as_reference_on_real_data_with_random_statuses(real_bundle, vintage, levels):
    communes = real_bundle.vintages[vintage].communes
    for seed in (1, 2):
        snapshot = random_snapshot(communes, vintage, seed)
        got = assert_same_as_reference(snapshot, communes, levels)
        assert len(got) > 0
    statuses = snapshot.as_mapping().values()
    assert any(s.status is Status.SHARED_CELL and not s.cell_id for s in statuses)
    assert any(s.status is Status.OWN_CELL and not s.cell_id for s in statuses)
    assert any(s.status is Status.OWN_CELL and s.cell_id for s in statuses)
    assert any(s.partial and s.status.covered for s in statuses)


@pytest.mark.parametrize("levels", LEVEL_CHOICES, ids=lambda lv: "+".join(lv))
def test_same_as_reference_on_the_illustrative_example(real_bundle, levels):
    example = real_bundle.example
    assert example is not None and example.illustrative
    communes = real_bundle.vintages[example.vintage].communes
    got = assert_same_as_reference(example, communes, levels)
    if levels == ("police_zone",):
        assert len(got) == communes["police_zone"].nunique()
        assert (got["unit_name"] != "").all()


def test_same_as_reference_on_real_subsets_shuffled_and_without_zone_names(real_bundle):
    communes = real_bundle.vintages["2019-2024"].communes
    snapshot = random_snapshot(communes, "2019-2024", 3)
    by_code = snapshot.as_mapping()
    # A selection keeps the frame's index (the breakdown view passes one).
    for region in ("02000", "03000", "04000"):
        sel = communes[communes["region"] == region]
        sub = MembershipSnapshot(D, "2019-2024", tuple(by_code[n] for n in sel["nis"]
                                                       if n in by_code))  # fmt: skip
        assert_same_as_reference(sub, sel)
    # Row order decides the name of a zone (its first commune's): shuffled, with a label.
    shuffled = communes.sample(frac=1, random_state=7)
    assert_same_as_reference(snapshot, shuffled)
    named = shuffled.assign(police_zone_name=[f"{z} #{i}" for i, z in
                                              enumerate(shuffled["police_zone"])])  # fmt: skip
    got = assert_same_as_reference(snapshot, named, ("police_zone",))
    assert got["unit_name"].str.contains("#").all()
    got = assert_same_as_reference(snapshot, communes.drop(columns="police_zone_name"))
    assert (got.loc[got["level"] == "police_zone", "unit_name"] == "").all()


@pytest.mark.parametrize("levels", LEVEL_CHOICES, ids=lambda lv: "+".join(lv))
def test_same_as_reference_on_edge_cases(snapshot, levels):
    frame = communes_frame()
    empty_snapshot = MembershipSnapshot(D, "1977-2018", ())
    all_unknown = MembershipSnapshot(
        D, "1977-2018", tuple(CommuneStatus(n, Status.UNKNOWN) for n in frame["nis"])
    )
    assert_same_as_reference(snapshot, frame, levels)
    assert_same_as_reference(empty_snapshot, frame, levels)
    assert_same_as_reference(all_unknown, frame, levels)
    for nis in ("11001", "63001", "21001"):  # in a province or not, in the DG or not
        one = frame[frame["nis"] == nis]
        assert_same_as_reference(MembershipSnapshot(D, "x", ()), one, levels)
        status = MembershipSnapshot(D, "x", (CommuneStatus(nis, Status.OWN_CELL, "C"),))
        assert_same_as_reference(status, one, levels)
    empty = assert_same_as_reference(empty_snapshot, frame.iloc[0:0], levels)
    assert empty.empty and list(empty.columns) == ["as_of", "vintage", *METRIC_COLUMNS]
    # No unit at that level: no German-speaking commune, no province in Brussels.
    brussels = frame[frame["region"] == "04000"]
    assert_same_as_reference(MembershipSnapshot(D, "x", ()), brussels, levels)
    # A missing unit (dropped, as a groupby drops it) and an empty one (left out).
    holes = frame.astype({"police_zone": object, "arrondissement": object})
    holes.loc[holes["nis"] == "11002", ["police_zone", "arrondissement"]] = None
    holes.loc[holes["nis"] == "63003", "police_zone"] = float("nan")
    holes.loc[holes["nis"] == "11003", "police_zone"] = ""
    assert_same_as_reference(snapshot, holes, levels)
    # Zero population: shares of the population are NaN.
    assert_same_as_reference(snapshot, frame.assign(population=0), levels)
    zero = frame.assign(population=frame["population"].where(frame["region"] != "03000", 0))
    got = assert_same_as_reference(snapshot, zero, levels)
    assert got.loc[got["unit"] == "03000", "share_population_covered"].isna().all()


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
