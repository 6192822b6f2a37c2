"""The public record: published CSIL counts, named-commune facts, programmes and sources.

Files live in ``data/public_record/`` (schema: ``data/public_record/SCHEMA.md``). This module
loads them into a frozen :class:`PublicRecord` and derives

- the published dates (for the date slider), each with a placement date;
- the commune statuses a source states at a date (:func:`public_snapshot`), every other
  commune being ``unknown``;
- the flags (pilot, federal and regional funding) of named communes.

Fact codes are 1977-2018 NIS codes; they reach the vintage of the date only through the
crosswalk (``geodata.load_crosswalk().translate``).

Dating rules
------------
- A published date with reduced precision (``2017-06``, ``2018``) is placed at the end of its
  period, or on its publication date when that is earlier: the end of the period is the
  first day on which the figure is surely known.
- A commune fact (a status statement or a flag) applies from its **source's date**; the
  precision of that date is kept (``2016-08-29``, ``2019``) and shown, and a reduced
  precision is placed at the end of its period, like a published date. When the source is
  undated, the date the source gives for the fact itself is used (``fact_date``, e.g. the day
  Liège installed its cell), else the fact's ``year``. A fact with neither (the police-zone
  cell of PZ Kouter) is *undated*: it is listed with its source, never placed on a date.
- At a date D a commune's status is the **latest** statement known on D (placement <= D),
  with its own date: statements are carried forward until a later one replaces them, and
  never backward. Several statements of the same date: a positive one wins
  (``has_cell_yes`` / ``cell_shared_with`` > ``cell_planned`` > ``has_cell_no``); a planned
  cell implies there is none yet, so it is the more specific statement.
- Flags are historical facts: a flag is attached to every date from its placement on.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import files
from dashboard.coverage.model import (
    Cell,
    CommuneFlag,
    CommuneStatus,
    Flag,
    MembershipSnapshot,
    Status,
)
from geodata import belgium
from geodata.crosswalk import CodeTranslator

GEOGRAPHIES: tuple[str, ...] = belgium.GEOGRAPHIES
MEASURES: tuple[str, ...] = (
    "cells",
    "communes_with_cell",
    "communes_involved",
    "communes_without_cell",
    "communes_without_own_cell",
    "communes_total",
    "unclear_cells_or_communes",
)
FACT_VINTAGE = "1977-2018"
STATUS_FACTS: dict[str, Status] = {
    "has_cell_yes": Status.OWN_CELL,
    "cell_shared_with": Status.SHARED_CELL,
    "cell_planned": Status.PLANNED,
    "has_cell_no": Status.NONE,
}
_STATUS_RANK = {Status.OWN_CELL: 0, Status.SHARED_CELL: 0, Status.PLANNED: 1, Status.NONE: 2}
FILES = ("snapshots", "commune_facts", "programmes", "programme_figures", "sources")
DEFAULT_DATA_DIR = files.data_dir() / "public_record"


@dataclass(frozen=True)
class PublishedDate:
    """A date with published figures: ``key`` as published, ``date`` its placement."""

    key: str
    date: dt.date
    precision: str  # "day", "month" or "year"

    @property
    def label(self) -> str:
        return self.key


@dataclass(frozen=True, eq=False)
class PublicRecord:
    """The public record, loaded once. Treat the frames as read-only."""

    snapshots: pd.DataFrame
    facts: pd.DataFrame
    programmes: pd.DataFrame
    programme_figures: pd.DataFrame
    sources: pd.DataFrame
    data_dir: Path

    def published_dates(self) -> tuple[PublishedDate, ...]:
        return published_dates(self)

    def source(self, source_id: str) -> Mapping[str, Any]:
        rows = self.sources[self.sources["source_id"] == source_id]
        if rows.empty:
            raise KeyError(f"unknown source id {source_id!r} (not in {self.data_dir}/sources.csv)")
        return rows.iloc[0].to_dict()


# --------------------------------------------------------------------------- loading


def _read(data_dir: Path, name: str) -> pd.DataFrame:
    path = data_dir / f"{name}.csv"
    if not path.is_file():
        raise FileNotFoundError(f"public record file missing: {path}")
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _bool(series: pd.Series, path: str) -> pd.Series:
    bad = sorted(set(series) - {"True", "False"})
    if bad:
        raise ValueError(f"{path}: expected True/False, found {bad[:5]}")
    return series == "True"


def _int_or_none(series: pd.Series) -> pd.Series:
    """Whole euros as ``int``, an empty cell as ``None`` (object dtype: ``map`` would make
    floats and NaN of them)."""
    values = [int(v) if v != "" else None for v in series]
    return pd.Series(values, index=series.index, dtype=object)


def load_public_record(data_dir: Path | str | None = None) -> PublicRecord:
    """Read and check ``data/public_record/*.csv`` (or ``data_dir``)."""
    root = Path(data_dir) if data_dir is not None else DEFAULT_DATA_DIR
    frames = {name: _read(root, name) for name in FILES}
    snap = frames["snapshots"]
    snap["value"] = snap["value"].astype(int)
    for col in ("is_default", "secondhand"):
        snap[col] = _bool(snap[col], f"{root}/snapshots.csv column {col}")
    facts = frames["commune_facts"]
    facts["is_default"] = _bool(facts["is_default"], f"{root}/commune_facts.csv column is_default")
    facts["year_approximate"] = _bool(
        facts["year_approximate"], f"{root}/commune_facts.csv column year_approximate"
    )
    facts["amount_eur"] = _int_or_none(facts["amount_eur"])
    facts = with_fact_dates(facts, frames["sources"])
    figs = frames["programme_figures"]
    figs["is_default"] = _bool(figs["is_default"], f"{root}/programme_figures.csv is_default")
    record = PublicRecord(
        snapshots=snap,
        facts=facts,
        programmes=frames["programmes"],
        programme_figures=figs,
        sources=frames["sources"],
        data_dir=root,
    )
    errors = record_errors(record)
    if errors:
        raise ValueError(f"public record in {root} is inconsistent: " + "; ".join(errors))
    return record


def with_fact_dates(facts: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``facts`` with the date each fact applies from (rule in the module docstring):
    ``date`` (ISO, reduced precision kept; empty when undated), ``date_precision``,
    ``date_basis`` (``source``, ``fact_date``, ``year`` or ``undated``) and ``known_from``
    (the placement date, or None when undated)."""
    src = sources.set_index("source_id")
    dates, precisions, bases, known = [], [], [], []
    for sid, fact_date, year in zip(
        facts["source_id"], facts.get("fact_date", pd.Series("", index=facts.index)),
        facts["year"], strict=True,
    ):  # fmt: skip
        source_date = str(src.at[sid, "date"]) if sid in src.index else ""
        if source_date:
            date, basis = source_date, "source"
        elif fact_date:
            date, basis = str(fact_date), "fact_date"
        elif year:
            date, basis = str(year), "year"
        else:
            date, basis = "", "undated"
        dates.append(date)
        precisions.append(date_precision(date) if date else "")
        bases.append(basis)
        known.append(placement_date(date) if date else None)
    out = facts.copy()
    out["date"] = dates
    out["date_precision"] = precisions
    out["date_basis"] = bases
    out["known_from"] = pd.Series(known, index=facts.index, dtype=object)
    return out


def record_errors(record: PublicRecord) -> list[str]:
    """Integrity rules: known geographies, measures and source ids; one default per group."""
    errors: list[str] = []
    s = record.snapshots
    known_sources = set(record.sources["source_id"])
    for name, frame in (
        ("snapshots", s),
        ("commune_facts", record.facts),
        ("programmes", record.programmes),
        ("programme_figures", record.programme_figures),
    ):
        for i, sid in frame["source_id"].items():
            if sid not in known_sources:
                errors.append(f"{name}.csv row {int(i) + 2}: unknown source_id {sid!r}")
    for i, row in s.iterrows():
        if row["geography"] not in GEOGRAPHIES:
            errors.append(f"snapshots.csv row {int(i) + 2}: unknown geography {row['geography']!r}")
        if row["measure"] not in MEASURES:
            errors.append(f"snapshots.csv row {int(i) + 2}: unknown measure {row['measure']!r}")
    groups = [
        ("snapshots", s, ["as_of", "geography", "measure"]),
        ("commune_facts", record.facts, ["nis_1977_2018", "name_as_published", "fact", "year"]),
        ("programme_figures", record.programme_figures, ["programme_id", "measure"]),
    ]
    for name, frame, keys in groups:
        if name == "commune_facts":
            nis = frame["nis_1977_2018"]
            key = nis.where(nis != "", frame["name_as_published"])
            counts = frame.assign(_k=key).groupby(["_k", "fact", "year"])["is_default"].sum()
        else:
            counts = frame.groupby(keys)["is_default"].sum()
        for k, n in counts.items():
            if n != 1:
                errors.append(f"{name}.csv: {n} default rows for {k}")
    return errors


# --------------------------------------------------------------------------- dates


def _period_end(key: str) -> dt.date:
    parts = [int(p) for p in key.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    raise ValueError(f"not an ISO date of day, month or year precision: {key!r}")


def date_precision(key: str) -> str:
    """``day``, ``month`` or ``year`` for an ISO date of reduced precision."""
    return {3: "day", 2: "month", 1: "year"}[len(key.split("-"))]


def period_start(key: str) -> dt.date:
    """The first day of a reduced-precision ISO date's period."""
    parts = [int(p) for p in key.split("-")]
    return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def placement_date(key: str, published: str = "") -> dt.date:
    """Where a published date sits on a timeline (rule in the module docstring)."""
    end = _period_end(key)
    if len(key) < 10 and len(published) == 10:
        return min(end, dt.date.fromisoformat(published))
    return end


@lru_cache(maxsize=8)
def published_dates(record: PublicRecord) -> tuple[PublishedDate, ...]:
    """Every date with published figures, sorted by placement (2016 -> 2021); once per
    loaded record."""
    out: dict[str, PublishedDate] = {}
    for row in record.snapshots.itertuples():
        date = placement_date(row.as_of, row.published)
        prev = out.get(row.as_of)
        if prev is None or date < prev.date:
            out[row.as_of] = PublishedDate(row.as_of, date, row.as_of_precision)
    return tuple(sorted(out.values(), key=lambda d: (d.date, d.key)))


def resolve_published_date(record: PublicRecord, as_of: str | dt.date) -> PublishedDate:
    """The published date named by its key (``"2019"``, ``"2016-05-27"``) or placement date."""
    dates = published_dates(record)
    if isinstance(as_of, str):
        for d in dates:
            if d.key == as_of:
                return d
        try:
            as_of = dt.date.fromisoformat(as_of)
        except ValueError:
            raise KeyError(f"no published figures for {as_of!r}") from None
    for d in dates:
        if d.date == as_of and d.precision == "day":
            return d
    for d in dates:
        if d.date == as_of:
            return d
    raise KeyError(
        f"no published figures for {as_of.isoformat()}; published dates: "
        + ", ".join(d.key for d in dates)
    )


def nearest_published_date(record: PublicRecord, day: dt.date) -> PublishedDate:
    """The published date closest to ``day`` (ties: the earlier one)."""
    dates = published_dates(record)
    return min(dates, key=lambda d: (abs((d.date - day).days), d.date))


def _to_date(as_of: str | dt.date, record: PublicRecord) -> dt.date:
    if isinstance(as_of, dt.datetime):
        return as_of.date()
    if isinstance(as_of, dt.date):
        return as_of
    try:
        return resolve_published_date(record, as_of).date
    except KeyError:
        return dt.date.fromisoformat(as_of)


# --------------------------------------------------------------------------- snapshot


def _status_facts_known(record: PublicRecord, day: dt.date) -> pd.DataFrame:
    """Default status statements on a named commune that are known on ``day``."""
    f = record.facts
    known = f["known_from"].map(lambda d: d is not None and d <= day)
    mask = f["fact"].isin(list(STATUS_FACTS)) & f["is_default"] & (f["nis_1977_2018"] != "") & known
    return f[mask]


def _translate(crosswalk: CodeTranslator, code: str, vintage: str) -> tuple[str, ...]:
    if vintage == FACT_VINTAGE:
        return (code,)
    try:
        return crosswalk.translate(code, FACT_VINTAGE, vintage)
    except KeyError as exc:
        raise KeyError(
            f"commune_facts.csv: NIS code {code} ({FACT_VINTAGE}) has no counterpart "
            f"in vintage {vintage}: {exc}"
        ) from None


def _default_vintage(day: dt.date) -> str:
    import geodata

    return geodata.vintage_for_date(day).key


def public_snapshot(
    record: PublicRecord,
    as_of: str | dt.date,
    communes_frame: pd.DataFrame,
    *,
    crosswalk: CodeTranslator | None = None,
    vintage: str | None = None,
) -> MembershipSnapshot:
    """Commune statuses stated by a source for ``as_of``; every other commune is unknown.

    ``communes_frame`` is ``geodata.load_communes(vintage)`` (at least ``nis``); ``vintage``
    defaults to the one in force on the date, ``crosswalk`` to the shipped crosswalk.
    """
    from dashboard.coverage.merged import combine_part_statuses

    day = _to_date(as_of, record)
    vintage = vintage or _default_vintage(day)
    if vintage != FACT_VINTAGE and crosswalk is None:
        import geodata

        crosswalk = geodata.load_crosswalk(files.geography_dir())
    known = set(communes_frame["nis"].astype(str))

    # 1. one statement per 1977-2018 commune: the latest known on the day, the strongest
    #    of that date
    best: dict[str, pd.Series] = {}
    for _, row in _status_facts_known(record, day).iterrows():
        code = row["nis_1977_2018"]
        cur = best.get(code)
        new_key = (row["known_from"], -_STATUS_RANK[STATUS_FACTS[row["fact"]]])
        if cur is None or new_key > (cur["known_from"], -_STATUS_RANK[STATUS_FACTS[cur["fact"]]]):
            best[code] = row

    # 2. to the vintage: several old communes may land on one (merger)
    by_target: dict[str, list[tuple[str, pd.Series]]] = {}
    for code, row in sorted(best.items()):
        for target in _translate(crosswalk, code, vintage):  # type: ignore[arg-type]
            if target not in known:
                raise KeyError(
                    f"commune_facts.csv: {code} translates to {target}, which is not in "
                    f"the communes frame of vintage {vintage}"
                )
            by_target.setdefault(target, []).append((code, row))

    # 3. cells: one per cell group stated to be a single cell, one per own cell
    group_members: dict[str, set[str]] = {}
    for target, rows in by_target.items():
        for _, row in rows:
            single_cell = row["cell_group"] and row["group_cells"] == "1"
            if single_cell and row["fact"] == "cell_shared_with":
                group_members.setdefault(row["cell_group"], set()).add(target)
    cells = [
        Cell(cell_id=g, name=g, members=tuple(sorted(m)))
        for g, m in sorted(group_members.items())
        if len(m) >= 2
    ]
    in_cell = {m: c.cell_id for c in cells for m in c.members}

    statuses: list[CommuneStatus] = []
    for target, rows in sorted(by_target.items()):
        parts = _parts(crosswalk, target, vintage)
        part_status = {code: STATUS_FACTS[row["fact"]] for code, row in rows}
        status, partial = combine_part_statuses([part_status.get(p, Status.UNKNOWN) for p in parts])
        sources = sorted({row["source_id"] for _, row in rows})
        cell_id = in_cell.get(target)
        if status is Status.OWN_CELL and not partial:
            cell_id = f"own-{target}"
            cells.append(Cell(cell_id=cell_id, name=f"own cell of {target}", members=(target,)))
        elif status is Status.SHARED_CELL and cell_id is None:
            cell_id = None  # the source does not say which communes share the cell
        comment = "; ".join(
            f"{row['fact']} {row['date']} ({row['source_id']}, {row['basis']})"
            + (f" [part {code}]" if len(parts) > 1 else "")
            for code, row in rows
        )
        latest = max((row for _, row in rows), key=lambda r: r["known_from"])
        bases = {row["basis"] for _, row in rows}
        statuses.append(
            CommuneStatus(
                nis=target,
                status=status,
                cell_id=cell_id if status.covered else None,
                source=";".join(sources),
                comment=comment,
                partial=partial,
                date=str(latest["date"]),
                basis="stated" if "stated" in bases else str(latest["basis"]),
            )
        )
    flags = commune_flags(record, day, vintage, crosswalk, known)
    return MembershipSnapshot(
        as_of=day,
        vintage=vintage,
        statuses=tuple(statuses),
        cells=tuple(sorted(cells, key=lambda c: c.cell_id)),
        source="public record",
        metadata=(("kind", "public_record"), ("data_dir", str(record.data_dir))),
        flags=flags,
    )


def _parts(crosswalk: CodeTranslator | None, target: str, vintage: str) -> tuple[str, ...]:
    if vintage == FACT_VINTAGE or crosswalk is None:
        return (target,)
    return crosswalk.translate(target, vintage, FACT_VINTAGE)


def commune_flags(
    record: PublicRecord,
    day: dt.date,
    vintage: str,
    crosswalk: CodeTranslator | None,
    known: set[str] | None = None,
) -> tuple[CommuneFlag, ...]:
    """Flags (default fact rows whose fact is a :class:`Flag`) known on ``day`` (their
    source's date, placed as in the module docstring, is on or before ``day``)."""
    f = record.facts
    flag_values = {fl.value for fl in Flag}
    rows = f[f["fact"].isin(flag_values) & f["is_default"] & (f["nis_1977_2018"] != "")]
    out: set[CommuneFlag] = set()
    for _, row in rows.iterrows():
        if row["known_from"] is None or row["known_from"] > day:
            continue
        for target in _translate(crosswalk, row["nis_1977_2018"], vintage):  # type: ignore[arg-type]
            if known is not None and target not in known:
                raise KeyError(
                    f"commune_facts.csv: flag {row['fact']} on {row['nis_1977_2018']} "
                    f"translates to {target}, not in the communes frame of vintage {vintage}"
                )
            out.add(
                CommuneFlag(
                    nis=target,
                    flag=Flag(row["fact"]),
                    year=int(row["year"]),
                    source=row["source_id"],
                    amount_eur=row["amount_eur"],
                    amount_scope=row["amount_scope"],
                    date=str(row["date"]),
                )
            )
    return tuple(sorted(out, key=lambda c: (c.nis, c.flag.value, c.source)))


@dataclass(frozen=True)
class UndatedFact:
    """A fact whose source gives no date (and no year): listed, never placed on a date."""

    fact: str
    name_as_published: str
    source_id: str
    police_zone: str  # the zone code, when the fact is about a police-zone cell
    nis_1977_2018: str


def undated_facts(record: PublicRecord) -> tuple[UndatedFact, ...]:
    f = record.facts
    rows = f[f["is_default"] & f["known_from"].isna()]
    return tuple(
        UndatedFact(r["fact"], r["name_as_published"], r["source_id"], r["police_zone"],
                    r["nis_1977_2018"])
        for _, r in rows.iterrows()
    )  # fmt: skip
