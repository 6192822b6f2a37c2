import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from dashboard import files
from dashboard.coverage.model import Flag, Status
from dashboard.coverage.public_record import (
    DEFAULT_DATA_DIR,
    load_public_record,
    nearest_published_date,
    placement_date,
    public_snapshot,
    published_dates,
    record_errors,
    undated_facts,
)
from tests.coverage.synthetic import (
    NEW,
    OLD,
    FakeCrosswalk,
    communes_frame,
    fact_row,
    new_frame,
    snapshot_row,
    write_record,
)

REPO = Path(__file__).resolve().parents[2]
SHARED_FACTS = Path(
    os.environ.get("CSIL_PUBLIC_FACTS_DIR", REPO.parent / "shared" / "data" / "public-facts")
)


@pytest.fixture(scope="module")
def shared_facts() -> Path:
    if not (SHARED_FACTS / "snapshots.csv").is_file():
        pytest.skip(
            f"staged public facts not found at {SHARED_FACTS} "
            "(set CSIL_PUBLIC_FACTS_DIR to check the transcription)"
        )
    return SHARED_FACTS


def shared(path: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(path / f"{name}.csv", dtype=str, keep_default_na=False)


def mine(name: str) -> pd.DataFrame:
    return pd.read_csv(DEFAULT_DATA_DIR / f"{name}.csv", dtype=str, keep_default_na=False)


def keyset(frame: pd.DataFrame, cols: list[str]) -> list[tuple]:
    return sorted(map(tuple, frame[cols].itertuples(index=False)))


# ------------------------------------------------------------------ transcription


def test_snapshots_transcribed(shared_facts):
    cols = ["as_of", "published", "geography", "measure", "value", "source_id"]
    assert keyset(mine("snapshots"), cols) == keyset(shared(shared_facts, "snapshots"), cols)


def test_commune_facts_transcribed(shared_facts):
    src = shared(shared_facts, "commune_facts").rename(
        columns={"commune_name_as_published": "name_as_published"}
    )
    cols = ["nis_1977_2018", "name_as_published", "fact", "year", "amount_eur", "source_id"]
    assert keyset(mine("commune_facts"), cols) == keyset(src, cols)


def test_programmes_and_sources_transcribed(shared_facts):
    cols = ["programme_id", "year", "level", "total_eur", "communes_count", "source_id"]
    assert keyset(mine("programmes"), cols) == keyset(shared(shared_facts, "programmes"), cols)
    theirs = shared(shared_facts, "sources")
    assert keyset(mine("sources"), ["source_id", "publisher", "url"]) == keyset(
        theirs, ["source_id", "publisher", "url"]
    )
    mine_dates = dict(zip(mine("sources")["source_id"], mine("sources")["date"], strict=True))
    for sid, date in zip(theirs["source_id"], theirs["date"], strict=True):
        assert mine_dates[sid] in (date, ""), sid


def test_no_free_text_copied(shared_facts):
    for name in ("snapshots", "commune_facts", "programmes", "sources"):
        own_text = {"title"} if name == "sources" else set()  # our own words, tested below
        assert not ({"note", "title", "supports"} - own_text) & set(mine(name).columns), name
    ours = "\n".join(p.read_text("utf-8") for p in DEFAULT_DATA_DIR.iterdir())
    for name, col in [("snapshots", "note"), ("commune_facts", "note"), ("programmes", "note"),
                      ("sources", "title"), ("programmes", "name")]:  # fmt: skip
        for text in shared(shared_facts, name)[col]:
            if len(text) >= 40:
                assert text not in ours, f"{name}.{col} copied: {text[:60]}"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def runs(text: str, n: int) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def staged_titles(path: Path) -> list[str]:
    """Titles of the staged sources.csv and of the SOURCES.md table (S00 is longer there)."""
    titles = list(shared(path, "sources")["title"])
    md = path / "SOURCES.md"
    if md.is_file():
        titles += re.findall(r"^\| S\d\d \| [^|]*\| ([^|]*)\|", md.read_text("utf-8"), re.M)
    return [t.strip() for t in titles if t.strip()]


def test_every_source_has_a_short_title():
    sources = mine("sources")
    titles = sources["title"].str.strip()
    assert (titles != "").all(), list(sources.loc[titles == "", "source_id"])
    too_long = sources.loc[sources["title"].str.len() > 100, "source_id"]
    assert too_long.empty, list(too_long)
    s01 = sources.loc[sources["source_id"] == "S01", "title"].item()
    assert load_public_record().source("S01")["title"] == s01


def test_titles_are_our_own_words(shared_facts):
    theirs = staged_titles(shared_facts)
    staged_runs = set().union(*(runs(t, 7) for t in theirs))
    staged_exact = {" ".join(words(t)) for t in theirs}
    for sid, title in zip(mine("sources")["source_id"], mine("sources")["title"], strict=True):
        assert " ".join(words(title)) not in staged_exact, f"{sid}: staged title copied"
        common = runs(title, 7) & staged_runs
        assert not common, f"{sid}: 7-word run of a staged title: {' '.join(sorted(common)[0])}"


def test_every_conflict_in_sources_md_is_kept_with_one_default():
    facts = mine("commune_facts")
    bxl = facts[(facts["nis_1977_2018"] == "21004") & (facts["fact"] == "allocation_2015")]
    assert set(bxl["amount_eur"]) == {"100000", "75000"}
    assert bxl.loc[bxl["is_default"] == "True", "amount_eur"].tolist() == ["75000"]
    snaps = mine("snapshots")
    autumn = snaps[snaps["source_id"].isin(["S08", "S09", "S10"])]
    assert set(autumn.loc[autumn["measure"] == "communes_without_cell", "conflict_with"]) >= {
        "S09",
        "S08;S10",
    }
    s02 = snaps[snaps["source_id"] == "S02"].iloc[0]
    assert (s02["value"], s02["alt_value_same_source"]) == ("382", "388")
    figs = mine("programme_figures")
    projects = figs[(figs["programme_id"] == "WAL_CSILR_2019") & (figs["measure"] == "projects")]
    assert sorted(projects["value"]) == ["43", "49"]
    assert projects.loc[projects["is_default"] == "True", "value"].tolist() == ["43"]


def test_default_amounts_add_up_to_programme_totals():
    record = load_public_record()
    facts = record.facts[record.facts["is_default"]]
    progs = record.programmes.set_index("flag")
    for flag in (Flag.ALLOCATION_2015, Flag.ALLOCATION_2015_ROUND2):
        rows = facts[facts["fact"] == flag.value]
        assert rows["nis_1977_2018"].is_unique
        assert sum(rows["amount_eur"]) == int(progs.loc[flag.value, "total_eur"])
        assert len(rows) == int(progs.loc[flag.value, "communes_count"])


def test_loaded_record_is_consistent_and_typed():
    record = load_public_record()
    assert record_errors(record) == []
    assert record.snapshots["value"].dtype.kind == "i"
    assert record.source("S01")["kind"] == "official"
    with pytest.raises(KeyError, match="unknown source id 'S99'"):
        record.source("S99")


def test_record_errors_name_the_file_and_group(tmp_path):
    rows = [snapshot_row("2016-05-27", "BE", "cells", n) for n in (1, 2)]
    rows.append(snapshot_row("2016-05-27", "BE-XX", "cells", 3, source="S404"))
    with pytest.raises(ValueError) as err:
        load_public_record(write_record(tmp_path, rows))
    msg = str(err.value)
    assert "snapshots.csv: 2 default rows for ('2016-05-27', 'BE', 'cells')" in msg
    assert "snapshots.csv row 4: unknown source_id 'S404'" in msg
    assert "unknown geography 'BE-XX'" in msg


# ------------------------------------------------------------------ dates


def test_published_dates_run_from_2016_to_2021_in_order():
    dates = published_dates(load_public_record())
    assert dates[0].date.year == 2016 and dates[-1].date.year == 2021
    assert [d.date for d in dates] == sorted(d.date for d in dates)
    keys = {d.key: d for d in dates}
    assert keys["2018"].date == dt.date(2018, 12, 31)
    assert keys["2020-01"].date == dt.date(2020, 1, 24)  # published before the month's end
    assert keys["2016-05-27"].precision == "day"


def test_placement_and_nearest():
    assert placement_date("2017-06") == dt.date(2017, 6, 30)
    assert placement_date("2019-01", "2019-01-31") == dt.date(2019, 1, 31)
    assert placement_date("2018-10-17", "2019") == dt.date(2018, 10, 17)
    record = load_public_record()
    assert nearest_published_date(record, dt.date(2016, 6, 1)).key == "2016-05-27"
    assert nearest_published_date(record, dt.date(2025, 1, 1)).key == "2021-07-02"


# ------------------------------------------------------------------ snapshot (synthetic)


@pytest.fixture
def record(tmp_path):
    # T1 is dated 2016-01-10, T2 only "2016", T3 is undated (tests/coverage/synthetic.py).
    facts = [
        fact_row("21001", "has_cell_yes", 2016),
        fact_row("63001", "cell_shared_with", 2016, cell_group="G1", group_cells="1"),
        fact_row("63002", "cell_shared_with", 2016, cell_group="G1", group_cells="1"),
        fact_row("63003", "has_cell_no", 2016),
        fact_row("63003", "cell_planned", 2016),
        fact_row("11001", "has_cell_yes", 2016),
        fact_row("11004", "has_cell_no", 2017, source="T3"),
        fact_row("21002", "has_cell_no", 2016),
        fact_row("21002", "has_cell_yes", 2018, source="T3"),
        fact_row("11003", "has_cell_yes", 2016, source="T2"),
        fact_row("63004", "has_cell_yes", 2016, source="T3", fact_date="2016-02-02"),
        fact_row("21001", "pilot_2016", 2016),
        fact_row("21002", "flemish_project_2015", 2015),
        fact_row("11001", "walloon_project_2019", 2019, source="T3"),
        fact_row(
            "", "cell_shared_with", "", source="T3", name_as_published="PZ Test", police_zone="5002"
        ),
    ]
    snaps = [snapshot_row("2016-05-27", "BE", "cells", 2)]
    return load_public_record(write_record(tmp_path, snaps, facts))


def test_public_snapshot_states_only_what_sources_say(record):
    s = public_snapshot(record, "2016-05-27", communes_frame(), vintage=OLD)
    got = {c.nis: c.status for c in s.statuses}
    assert got == {
        "21001": Status.OWN_CELL,
        "63001": Status.SHARED_CELL,
        "63002": Status.SHARED_CELL,
        "63003": Status.PLANNED,  # planned beats "no cell" of the same date
        "11001": Status.OWN_CELL,
        "63004": Status.OWN_CELL,  # undated source, but it gives the day: 2016-02-02
        "21002": Status.NONE,
    }
    assert s.status_of("11004") is Status.UNKNOWN  # a 2017 statement is not carried back
    assert s.status_of("11003") is Status.UNKNOWN  # source dated "2016": known at its end
    assert s.consistency_errors() == []
    shared = [c for c in s.cells if c.shared]
    assert [(c.cell_id, c.members) for c in shared] == [("G1", ("63001", "63002"))]
    flags = {(f.nis, f.flag) for f in s.flags}
    assert flags == {("21001", Flag.PILOT_2016), ("21002", Flag.FLEMISH_PROJECT_2015)}


def test_a_fact_applies_from_its_sources_date_with_its_precision(record):
    facts = record.facts.set_index(["nis_1977_2018", "fact", "source_id"])
    assert facts.loc[("21001", "has_cell_yes", "T1"), ["date", "date_basis"]].tolist() == [
        "2016-01-10", "source"]  # fmt: skip
    assert facts.loc[("11003", "has_cell_yes", "T2"), ["date", "date_precision"]].tolist() == [
        "2016", "year"]  # fmt: skip
    assert facts.loc[("11003", "has_cell_yes", "T2"), "known_from"] == dt.date(2016, 12, 31)
    assert facts.loc[("63004", "has_cell_yes", "T3"), "date_basis"] == "fact_date"
    assert facts.loc[("11004", "has_cell_no", "T3"), ["date", "date_basis"]].tolist() == [
        "2017", "year"]  # fmt: skip
    day_before = public_snapshot(record, dt.date(2016, 1, 9), communes_frame(), vintage=OLD)
    assert day_before.status_of("21001") is Status.UNKNOWN
    on_day = public_snapshot(record, dt.date(2016, 1, 10), communes_frame(), vintage=OLD)
    assert on_day.status_of("21001") is Status.OWN_CELL
    row = on_day.as_mapping()["21001"]
    assert (row.date, row.source, row.basis) == ("2016-01-10", "T1", "stated")


def test_statuses_are_carried_forward_with_their_own_date_until_replaced(record):
    later = public_snapshot(record, dt.date(2017, 6, 1), communes_frame(), vintage=OLD)
    m = later.as_mapping()
    assert (m["21002"].status, m["21002"].date) == (Status.NONE, "2016-01-10")
    assert (m["11003"].status, m["11003"].date) == (Status.OWN_CELL, "2016")
    assert "11004" not in m  # T3's 2017 statement is placed at the end of 2017
    last = public_snapshot(record, dt.date(2019, 1, 1), communes_frame(), vintage=OLD)
    m = last.as_mapping()
    assert (m["21002"].status, m["21002"].date, m["21002"].source) == (
        Status.OWN_CELL, "2018", "T3")  # fmt: skip
    assert (m["11004"].status, m["11004"].date) == (Status.NONE, "2017")
    assert {(f.nis, f.flag) for f in last.flags} >= {("21001", Flag.PILOT_2016)}
    assert ("11001", Flag.WALLOON_PROJECT_2019) not in {(f.nis, f.flag) for f in last.flags}
    assert ("11001", Flag.WALLOON_PROJECT_2019) in {
        (f.nis, f.flag)
        for f in public_snapshot(record, dt.date(2020, 1, 1), communes_frame(), vintage=OLD).flags
    }


def test_undated_facts_are_listed_never_placed(record):
    undated = undated_facts(record)
    assert [(u.name_as_published, u.police_zone, u.source_id) for u in undated] == [
        ("PZ Test", "5002", "T3")]  # fmt: skip
    for year in (2016, 2020, 2030):
        s = public_snapshot(record, dt.date(year, 6, 1), communes_frame(), vintage=OLD)
        assert {c.nis for c in s.statuses}.isdisjoint({"11003"} if year == 2016 else set())
        assert all(c.source != "T3" or c.nis in {"63004", "11004", "21002"} for c in s.statuses)


def test_public_snapshot_moves_codes_through_crosswalk(record):
    s = public_snapshot(
        record, dt.date(2016, 5, 27), new_frame(), crosswalk=FakeCrosswalk(), vintage=NEW
    )
    merged = s.as_mapping()["11099"]  # 11001 (own cell) + 11002 (no statement)
    assert (merged.status, merged.partial) == (Status.OWN_CELL, True)
    assert "11001" not in s.as_mapping()
    assert s.consistency_errors() == []


def test_public_snapshot_rejects_codes_missing_from_frame(record):
    with pytest.raises(KeyError, match="translates to 21001, which is not in the communes frame"):
        public_snapshot(record, "2016-05-27", communes_frame(["11001", "63001", "63002",
                        "63003", "21002"]), vintage=OLD)  # fmt: skip


def test_public_snapshot_on_real_geography_2019():
    import geodata

    record = load_public_record()
    communes = geodata.load_communes("2019-2024", files.geography_dir())
    s = public_snapshot(record, "2019-06-15", communes)
    assert s.vintage == "2019-2024" and s.consistency_errors() == []
    statuses = pd.Series({c.nis: c.status.value for c in s.statuses})
    brussels = communes.loc[communes["region"] == "04000", "nis"]
    assert (statuses.reindex(brussels) == "own_cell").all()
    dg = communes.loc[communes["german_speaking"], "nis"]
    assert (statuses.reindex(dg) == "shared_cell").all()
    # S12 is dated "2019" only: its statements are known from the end of 2019, not in June.
    assert (statuses == "planned").sum() == 0
    assert not any(c.cell_id == "PZ5287-FAGNES" for c in s.cells)
    # Statements of earlier dates are carried forward with their own date.
    assert (statuses["11007"], s.as_mapping()["11007"].date) == ("none", "2017")  # Borsbeek
    assert s.as_mapping()["23045"].date == "2016-08-29"  # Londerzeel, S61
    end = public_snapshot(record, "2019", communes)
    statuses = pd.Series({c.nis: c.status.value for c in end.statuses})
    assert (statuses == "planned").sum() == 9  # 8 communes of PZ Pays de Herve + Dison
    fagnes = next(c for c in end.cells if c.cell_id == "PZ5287-FAGNES")
    assert len(fagnes.members) == 3


def test_dates_the_review_found_wrong():
    """Londerzeel's cell (source of 29 Aug 2016) is not shown in April or May 2016; the
    2019 Walloon statuses and grants (S12, dated 2019 only; the call opened on 5 Feb 2019)
    are not shown in January 2019; S01's implied statuses start on 15 June 2019."""
    import geodata

    record = load_public_record()
    old = geodata.load_communes("1977-2018", files.geography_dir())
    new = geodata.load_communes("2019-2024", files.geography_dir())
    for key in ("2016-04-18", "2016-05-27"):
        assert public_snapshot(record, key, old).status_of("23045") is Status.UNKNOWN
    assert public_snapshot(record, "2017-06-06", old).status_of("23045") is Status.OWN_CELL
    jan = public_snapshot(record, "2019-01-15", new)
    assert Status.PLANNED not in {c.status for c in jan.statuses}
    assert not any(f.flag is Flag.WALLOON_PROJECT_2019 for f in jan.flags)
    assert jan.status_of("21005") is Status.UNKNOWN  # Etterbeek: only S01 (15 June) names it
    june = public_snapshot(record, "2019-06-15", new)
    assert june.as_mapping()["21005"].basis == "implied_by_regional_table"


def test_flag_amounts_are_whole_euros_or_none() -> None:
    """``CommuneFlag.amount_eur`` is an ``int`` or ``None``: never a float, never NaN."""
    record = load_public_record()
    amounts = list(record.facts["amount_eur"])
    assert {type(a) for a in amounts} <= {int, type(None)}
    assert any(isinstance(a, int) for a in amounts) and None in amounts
