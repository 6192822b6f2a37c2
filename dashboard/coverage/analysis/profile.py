"""A commune's profile: names, hierarchy, figures, status over time, cell, flags, neighbours.

:func:`commune_profile` gathers what the profile panel shows for one commune of one division
at the date of one dataset (the public record on a published date, or an imported membership
file), from pieces the caller already has, so it runs on synthetic data too:

- ``frame``: the division's commune frame with the status columns of
  :func:`dashboard.coverage.metrics.status_frame` (the app's commune frame is one; a plain
  communes frame is given them from ``snapshot``). Names, hierarchy codes, population, area,
  police zone and neighbours come from it;
- ``snapshot``: the dataset on the shown date (:class:`~dashboard.coverage.model.MembershipSnapshot`
  on the frame's division): the commune's status, its cell and the cell's members;
- ``history``: date key -> snapshot, for the status over time (the public record: one per
  published date, :func:`public_history`; a file: its own date). A snapshot on another
  division is read through ``translator`` (the crosswalk);
- ``flags``: programme flags (:class:`~dashboard.coverage.model.CommuneFlag`; default: the
  snapshot's), each with its year, amount (an int, or None when not stated), scope, source
  id and date;
- ``undated``: the public record's undated facts; those about the commune or its police
  zone are kept, never placed on a date.

Data truth: every figure and status carries its source id and date.

- A status of the public record: its source ids (``CommuneStatus.source``), the date it is
  stated for (``CommuneStatus.date``, reduced precision kept) and its ``basis``; a status of
  a file: the file (``snapshot.source``), the file's date and basis ``"file"``, the row's own
  source text in ``row_source``. ``unknown`` has no source and no date: no source says it.
- Population: the frame's ``population`` with its ``population_date``, the source id of
  that date in ``geodata/vintages.json`` and the frame's ``population_note`` (pass the app's
  commune frame to get the population of the year nearest the dataset's date).
- Area: ``area_km2`` computed at build time from the geometry source of the division
  (``Vintage.geometry_source``, e.g. ``communes_589``), dated by the first day of the
  division.
- Police zone: the project's fact table ``police_zones_2020`` (zones of 2020).

Status over time across divisions (:class:`Relation`): on a division where the commune is
several communes (Pelt on a 2016 snapshot: Neerpelt and Overpelt), the parts' statuses are
combined by :func:`dashboard.coverage.merged.combine_part_statuses` (``Relation.PARTS``,
each part kept in ``parts``); where it is one part of a larger commune (Neerpelt on a 2019
snapshot: Pelt), the larger commune's status is shown as such (``Relation.WHOLE``): it is
not the part's own.

No wording here: fields are codes, ids and dates; the dashboard words and translates them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import pandas as pd

from dashboard.coverage.analysis.gaps import neighbour_codes
from dashboard.coverage.analysis.ranking import population_basis
from dashboard.coverage.merged import combine_part_statuses
from dashboard.coverage.metrics import status_frame
from dashboard.coverage.model import Cell, CommuneFlag, CommuneStatus, MembershipSnapshot, Status
from dashboard.coverage.public_record import (
    FACT_VINTAGE,
    PublicRecord,
    UndatedFact,
    placement_date,
    public_snapshot,
    published_dates,
)
from geodata import belgium
from geodata.crosswalk import CodeTranslator

#: ``CommuneStatus.basis`` of a status read from an imported file.
FILE_BASIS: Final = "file"
#: The police zones' source: the project's fact table (``data/reference/police_zones_2020.csv``).
POLICE_ZONE_SOURCE: Final = "police_zones_2020"
POLICE_ZONE_DATE: Final = "2020"
#: ``MembershipSnapshot.metadata`` kind of the public record's snapshots.
PUBLIC_KIND: Final = "public_record"


class Relation(StrEnum):
    """How the commune stands to the code(s) a snapshot of another division gives it."""

    SAME = "same"  # one commune, the same (unchanged or re-coded)
    PARTS = "parts"  # the commune is several communes there: their statuses combined
    WHOLE = "whole"  # the commune is one part of a larger commune there: the latter's status


@dataclass(frozen=True)
class Sourced:
    """A figure with the id of its source and its date (ISO, reduced precision kept)."""

    value: float
    source: str
    date: str
    note: str = ""  # as the data gives it (e.g. the population's "summed through ...")


@dataclass(frozen=True)
class PoliceZone:
    number: str  # "" when unknown
    name: str
    split: bool  # a merged commune whose parts lay in different zones (the largest part's)
    source: str = POLICE_ZONE_SOURCE
    date: str = POLICE_ZONE_DATE


@dataclass(frozen=True)
class PartStatus:
    """One part's status, where the commune is several communes of the snapshot's division."""

    nis: str  # in the snapshot's division
    status: Status
    source: str
    date: str
    basis: str


@dataclass(frozen=True)
class StatusAt:
    """The commune's status in one snapshot, with its source and date."""

    key: str  # the dataset's date key: a published date ("2019", "2016-05-27") or a file's
    as_of: dt.date  # the snapshot's date
    vintage: str  # the snapshot's division
    codes: tuple[str, ...]  # the commune's code(s) in that division
    relation: Relation
    status: Status
    partial: bool  # a merged commune whose parts differ (dashboard.coverage.merged)
    cell_id: str  # "" when none or not stated
    source: str  # public record: source ids joined by ";"; a file: its name; "" when unknown
    date: str  # the date the status is stated for; "" when unknown
    basis: str  # "stated", "implied_by_regional_table", "file"; "" when unknown
    row_source: str = ""  # a file: the row's own source column
    comment: str = ""
    parts: tuple[PartStatus, ...] = ()  # Relation.PARTS: each part's own status

    @property
    def covered(self) -> bool:
        return self.status.covered


@dataclass(frozen=True)
class CommuneRef:
    """Another commune named by the profile (a cell member, a neighbour), with its status."""

    nis: str
    name_fr: str
    name_nl: str
    name_de: str
    region: str
    german_speaking: bool
    status: StatusAt

    @property
    def row(self) -> dict[str, Any]:
        """The fields :func:`geodata.belgium.display_name` reads."""
        return belgium.name_row(self)


@dataclass(frozen=True)
class CellInfo:
    cell_id: str
    name: str
    shared: bool
    members: tuple[CommuneRef, ...]  # the commune itself included, by NIS
    established: str  # ISO date, "" when not stated
    internal_id: bool  # the id and name are the project's (public record), not a source's


@dataclass(frozen=True)
class CommuneProfile:
    """Everything the profile panel shows for one commune (module docstring)."""

    nis: str
    division: str
    key: str  # the dataset's date key (see StatusAt.key)
    as_of: dt.date
    dataset: str  # "public_record" or "file"
    dataset_source: str  # the file's name; "public record" for the record
    illustrative: bool
    name_fr: str
    name_nl: str
    name_de: str
    region: str
    german_speaking: bool
    province: str  # "" for Brussels-Capital (no province)
    arrondissement: str
    population: Sourced
    area_km2: Sourced
    police_zone: PoliceZone
    status: StatusAt  # on the shown date
    history: tuple[StatusAt, ...]  # by date
    cell: CellInfo | None
    flags: tuple[CommuneFlag, ...]  # by year, flag, source
    neighbours: tuple[CommuneRef, ...]  # by NIS
    undated: tuple[UndatedFact, ...] = ()

    @property
    def row(self) -> dict[str, Any]:
        """The fields :func:`geodata.belgium.display_name` reads."""
        return belgium.name_row(self)

    @property
    def changes(self) -> tuple[StatusAt, ...]:
        """The history entries where the status, or what says it, changes (the first one
        included)."""
        out: list[StatusAt] = []
        for entry in self.history:
            last = out[-1] if out else None
            if last is None or _said(last) != _said(entry):
                out.append(entry)
        return tuple(out)


def _said(s: StatusAt) -> tuple[object, ...]:
    return (s.status, s.partial, s.source, s.date, s.codes)


# --------------------------------------------------------------------------- statuses


def is_public(snapshot: MembershipSnapshot) -> bool:
    """Whether ``snapshot`` is the public record's (``public_snapshot``), not a file's."""
    return dict(snapshot.metadata).get("kind") == PUBLIC_KIND


@dataclass(frozen=True)
class _Said:
    """What one snapshot says of one code, and who says it (module docstring)."""

    status: Status = Status.UNKNOWN
    partial: bool = False
    cell_id: str = ""
    source: str = ""
    date: str = ""
    basis: str = ""
    row_source: str = ""
    comment: str = ""


def _one_status(snapshot: MembershipSnapshot, found: CommuneStatus | None) -> _Said:
    """The sourced status of one code in ``snapshot``; unknown, unsourced when absent."""
    if found is None:
        return _Said()
    if is_public(snapshot):
        source, date, basis, row_source = found.source, found.date, found.basis, ""
    else:
        source, date, basis = snapshot.source, snapshot.as_of.isoformat(), FILE_BASIS
        row_source = found.source
    return _Said(found.status, found.partial, found.cell_id or "", source, date, basis,
                 row_source, found.comment)  # fmt: skip


def _translate(translator: CodeTranslator | None, code: str, src: str, dst: str) -> tuple[str, ...]:
    if src == dst:
        return (code,)
    if translator is None:
        raise ValueError(
            f"a snapshot of division {dst} for a commune of division {src} needs the "
            "crosswalk (translator)"
        )
    return tuple(translator.translate(code, src, dst))


def _latest(dates: Iterable[str]) -> str:
    known = [d for d in dates if d]
    return max(known, key=lambda d: (placement_date(d), d)) if known else ""


def status_at(
    nis: str,
    division: str,
    snapshot: MembershipSnapshot,
    key: str = "",
    translator: CodeTranslator | None = None,
) -> StatusAt:
    """The status of commune ``nis`` (of ``division``) in ``snapshot``, with its source and
    date, read through the crosswalk when the snapshot is on another division."""
    codes = _translate(translator, nis, division, snapshot.vintage)
    relation = Relation.SAME
    if len(codes) > 1:
        relation = Relation.PARTS
    elif len(_translate(translator, codes[0], snapshot.vintage, division)) > 1:
        relation = Relation.WHOLE
    by_nis = snapshot.as_mapping()
    said = [_one_status(snapshot, by_nis.get(code)) for code in codes]
    if relation is Relation.PARTS:
        parts = tuple(
            PartStatus(code, p.status, p.source, p.date, p.basis)
            for code, p in zip(codes, said, strict=True)
        )
        status, partial = combine_part_statuses([p.status for p in parts])
        bases = {p.basis for p in parts if p.source}
        one = _Said(
            status,
            partial,
            "",  # the parts' cells are cells of another division
            ";".join(dict.fromkeys(s for p in parts if p.source for s in p.source.split(";"))),
            _latest(p.date for p in parts),
            "stated" if "stated" in bases else min(bases, default=""),
        )
    else:
        parts, one = (), said[0]
    return StatusAt(
        key=key or snapshot.as_of.isoformat(),
        as_of=snapshot.as_of,
        vintage=snapshot.vintage,
        codes=codes,
        relation=relation,
        status=one.status,
        partial=one.partial,
        cell_id=one.cell_id,
        source=one.source,
        date=one.date,
        basis=one.basis,
        row_source=one.row_source,
        comment=one.comment,
        parts=parts,
    )


# --------------------------------------------------------------------------- the profile


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def _ref(row: Mapping[str, Any], status: StatusAt) -> CommuneRef:
    return CommuneRef(
        nis=str(row["nis"]),
        name_fr=_text(row.get("name_fr")),
        name_nl=_text(row.get("name_nl")),
        name_de=_text(row.get("name_de")),
        region=_text(row.get("region")),
        german_speaking=bool(row.get("german_speaking", False)),
        status=status,
    )


def _area(row: Mapping[str, Any], division: str) -> Sourced:
    """The area with the division's geometry source and first day (module docstring)."""
    from geodata import get_vintage

    value = row.get("area_km2")
    area = float(value) if value is not None and _text(value) else float("nan")
    try:
        vintage = get_vintage(division)
    except KeyError:
        return Sourced(area, "", "")
    return Sourced(area, vintage.geometry_source, vintage.valid_from.isoformat())


def _population(frame: pd.DataFrame, nis: str) -> Sourced:
    one = frame[frame["nis"].astype(str) == nis]
    basis = population_basis(one)
    return Sourced(int(one["population"].iloc[0]), basis.source, basis.date, basis.note)


def _whole_amount(flag: CommuneFlag) -> CommuneFlag:
    """``flag`` with its amount as an int, or None when not stated (the public record's
    reader may hand back 150000.0 and NaN)."""
    amount = flag.amount_eur
    if amount is None or isinstance(amount, int):
        return flag
    value = float(amount)
    return dataclasses.replace(flag, amount_eur=None if math.isnan(value) else int(value))


def _cell(
    snapshot: MembershipSnapshot, cell_id: str, rows: Mapping[str, Mapping[str, Any]], key: str
) -> CellInfo | None:
    cells: dict[str, Cell] = {c.cell_id: c for c in snapshot.cells}
    cell = cells.get(cell_id) if cell_id else None
    if cell is None:
        return None
    members = tuple(
        _ref(rows[m], status_at(m, snapshot.vintage, snapshot, key))
        for m in sorted(cell.members)
        if m in rows
    )
    return CellInfo(
        cell_id=cell.cell_id,
        name=cell.name,
        shared=cell.shared,
        members=members,
        established=cell.established.isoformat() if cell.established else "",
        internal_id=is_public(snapshot),
    )


def _undated_about(
    undated: Iterable[UndatedFact],
    nis: str,
    division: str,
    zone: str,
    translator: CodeTranslator | None,
) -> tuple[UndatedFact, ...]:
    facts = tuple(undated)
    if not facts:
        return ()
    try:
        old = set(_translate(translator, nis, division, FACT_VINTAGE))
    except (KeyError, ValueError):
        old = set()
    return tuple(f for f in facts if (zone and f.police_zone == zone) or (f.nis_1977_2018 in old))


def commune_profile(
    nis: str,
    frame: pd.DataFrame,
    snapshot: MembershipSnapshot,
    *,
    key: str = "",
    history: Mapping[str, MembershipSnapshot] | None = None,
    flags: Iterable[CommuneFlag] | None = None,
    translator: CodeTranslator | None = None,
    undated: Iterable[UndatedFact] = (),
) -> CommuneProfile:
    """The profile of commune ``nis`` on ``snapshot``'s date (module docstring).

    ``frame``: the commune frame of ``snapshot``'s division (with or without the status
    columns); ``key``: the dataset's date key (default: the snapshot's ISO date);
    ``history``: date key -> snapshot of any division (default: ``{key: snapshot}``).
    Raises KeyError when ``nis`` is not a commune of the frame.
    """
    nis = str(nis)
    division = snapshot.vintage
    if "status" not in frame.columns:
        frame = status_frame(snapshot, frame)
    rows = {str(r["nis"]): r for r in frame.to_dict(orient="records")}
    if nis not in rows:
        raise KeyError(f"{nis} is not a commune of division {division}")
    row = rows[nis]
    key = key or snapshot.as_of.isoformat()
    status = status_at(nis, division, snapshot, key)
    history = history if history is not None else {key: snapshot}
    timeline = sorted(
        (status_at(nis, division, snap, k, translator) for k, snap in history.items()),
        key=lambda s: (s.as_of, s.key),
    )
    neighbours = tuple(
        _ref(rows[n], status_at(n, division, snapshot, key))
        for n in sorted(neighbour_codes(row.get("neighbours")))
        if n in rows
    )
    own_flags = sorted(
        (_whole_amount(f) for f in (snapshot.flags if flags is None else flags) if f.nis == nis),
        key=lambda f: (f.year, f.flag.value, f.source, f.date),
    )
    zone = _text(row.get("police_zone"))
    return CommuneProfile(
        nis=nis,
        division=division,
        key=key,
        as_of=snapshot.as_of,
        dataset=PUBLIC_KIND if is_public(snapshot) else FILE_BASIS,
        dataset_source=snapshot.source,
        illustrative=snapshot.illustrative,
        name_fr=_text(row.get("name_fr")),
        name_nl=_text(row.get("name_nl")),
        name_de=_text(row.get("name_de")),
        region=_text(row.get("region")),
        german_speaking=bool(row.get("german_speaking", False)),
        province=_text(row.get("province")),
        arrondissement=_text(row.get("arrondissement")),
        population=_population(frame, nis),
        area_km2=_area(row, division),
        police_zone=PoliceZone(
            zone, _text(row.get("police_zone_name")), bool(row.get("police_zone_split", False))
        ),
        status=status,
        history=tuple(timeline),
        cell=_cell(snapshot, status.cell_id, rows, key),
        flags=tuple(own_flags),
        neighbours=neighbours,
        undated=_undated_about(undated, nis, division, zone, translator),
    )


def public_history(
    record: PublicRecord,
    communes: pd.DataFrame,
    division: str,
    translator: CodeTranslator | None = None,
) -> dict[str, MembershipSnapshot]:
    """The public record's snapshot on every published date, all on ``division`` (so a
    commune's history needs no crosswalk at reading time): date key -> snapshot."""
    return {
        d.key: public_snapshot(record, d.date, communes, crosswalk=translator, vintage=division)
        for d in published_dates(record)
    }
