"""The data a view shows: the dataset and date (:class:`Shown`), the published figures known then,
the commune frame and the filters' mask."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

import geodata
from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage import metrics
from dashboard.coverage.known import (
    KnownFigure,
    geography_counts,
    known_figures,
)
from dashboard.coverage.model import Flag, MembershipSnapshot, Status
from dashboard.coverage.public_record import (
    commune_flags,
    public_snapshot,
    resolve_published_date,
    undated_facts,
)
from dashboard.filters import FILTERS, flag_column, selection_mask
from dashboard.state import ViewState
from dashboard.views.text import plot_text
from geodata import belgium

REGIONS = belgium.REGIONS
GEOGRAPHY_OF_REGION = belgium.GEOGRAPHY_OF_REGION
REGION_OF_GEOGRAPHY = belgium.REGION_OF_GEOGRAPHY
STATUS_ORDER = tuple(s.value for s in Status)
SOURCE_ID = re.compile(r"S\d{2,}")
PARTLY_COVERED = "partly_covered"


@dataclass(frozen=True)
class Shown:
    """The dataset on screen for one view."""

    kind: str  # "public" | "example" | "upload"
    date_key: str  # the published date key (public) or the file's ISO date
    as_of: dt.date
    vintage: str
    snapshot: MembershipSnapshot
    illustrative: bool
    published_key: str | None  # public: the selected date key; files: None

    @property
    def origin(self) -> str:
        """The file's name (example or upload); empty for the public record."""
        return "" if self.kind == "public" else self.snapshot.source


def shown_data(
    bundle: DataBundle, kind: str, date_key: str | None, upload: MembershipSnapshot | None
) -> Shown:
    record = bundle.record
    if kind == "example" and bundle.example is not None:
        snap = with_public_flags(bundle, bundle.example)
        return Shown("example", snap.as_of.isoformat(), snap.as_of, snap.vintage, snap, True,
                     None)  # fmt: skip
    if kind == "upload" and upload is not None:
        upload = with_public_flags(bundle, upload)
        return Shown("upload", upload.as_of.isoformat(), upload.as_of, upload.vintage, upload,
                     upload.illustrative, None)  # fmt: skip
    pub = resolve_published_date(record, date_key) if date_key else default_date(bundle)
    vintage = geodata.vintage_for_date(pub.date).key
    snap = _public_snapshot(bundle, pub.key, vintage)
    return Shown("public", pub.key, pub.date, vintage, snap, False, pub.key)


def default_date(bundle: DataBundle):
    """The date the app opens on: the latest published date (with every region's latest
    figure known on it, each with its own date)."""
    return bundle.record.published_dates()[-1]


@lru_cache(maxsize=64)
def _public_snapshot(bundle: DataBundle, key: str, vintage: str) -> MembershipSnapshot:
    pub = resolve_published_date(bundle.record, key)
    communes = bundle.vintages[vintage].communes
    return public_snapshot(bundle.record, pub.date, communes, crosswalk=bundle.crosswalk,
                           vintage=vintage)  # fmt: skip


def with_public_flags(bundle: DataBundle, snap: MembershipSnapshot) -> MembershipSnapshot:
    """A file's snapshot with the programme flags the public record gives for its date
    (the flags are public facts with their sources, whatever the membership data)."""
    if snap.flags:
        return snap
    known = set(bundle.vintages[snap.vintage].communes["nis"])
    flags = commune_flags(bundle.record, snap.as_of, snap.vintage, bundle.crosswalk, known)
    return dataclasses.replace(snap, flags=flags)


@lru_cache(maxsize=8)
def counts_by_vintage(bundle: DataBundle) -> dict[str, dict[str, int]]:
    return {k: geography_counts(v.communes) for k, v in bundle.vintages.items()}


@lru_cache(maxsize=64)
def known(bundle: DataBundle, key: str) -> tuple[KnownFigure, ...]:
    """The published figures known on the published date ``key`` (each with its date)."""
    return known_figures(bundle.record, key, counts_by_vintage(bundle),
                         lambda d: geodata.vintage_for_date(d).key)  # fmt: skip


def known_for(bundle: DataBundle, shown: Shown) -> tuple[KnownFigure, ...]:
    """Public: the figures known on the selected date. A file: the figures known on the
    file's date (what it is compared with)."""
    if shown.published_key:
        return known(bundle, shown.published_key)
    return known_on_day(bundle, shown.as_of)


def known_on_day(bundle: DataBundle, day: dt.date) -> tuple[KnownFigure, ...]:
    """The figures known on any day: those of the latest published date on or before it."""
    before = [d for d in bundle.record.published_dates() if d.date <= day]
    if not before:
        return ()
    return tuple(dataclasses.replace(f, current=False) for f in known(bundle, before[-1].key))


def population_for(communes: pd.DataFrame, day: dt.date) -> tuple[pd.Series, str, str]:
    """The population nearest to ``day`` among the division's population columns
    (``population_YYYY``): (values, its ISO date, note such as "summed")."""
    years = sorted(int(c.split("_")[1]) for c in communes.columns
                   if re.fullmatch(r"population_\d{4}", c))  # fmt: skip
    if not years:
        return communes["population"], str(communes["population_date"].iloc[0]), ""
    year = min(years, key=lambda y: (abs((dt.date(y, 1, 1) - day).days), y))
    note = str(communes["population_note"].iloc[0]) if "population_note" in communes else ""
    return communes[f"population_{year}"], f"{year}-01-01", note


def commune_frame(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    """One row per commune of the vintage: attributes, status (with its date, source and
    basis), cell, flags (with theirs), population of the year nearest the data's date.

    Computed once per (dataset, date, language) and shared: callers never modify it."""
    return _commune_frame(bundle, shown, lang)


@lru_cache(maxsize=128)
def _commune_frame(bundle: DataBundle, shown: Shown, lang: str) -> pd.DataFrame:
    communes = bundle.vintages[shown.vintage].communes
    frame = metrics.status_frame(shown.snapshot, communes)
    population, pop_date, pop_note = population_for(communes, shown.as_of)
    frame["population"] = population.astype("int64").to_numpy()
    frame["population_date"] = pop_date
    frame["population_note"] = pop_note
    by_nis = shown.snapshot.as_mapping()
    names = {
        row["nis"]: belgium.display_name(row, lang) for row in communes.to_dict(orient="records")
    }
    frame["name"] = frame["nis"].map(names)
    cells = {c.cell_id: c for c in shown.snapshot.cells}
    frame["cell_members"] = [
        ", ".join(names.get(m, m) for m in cells[c].members) if c in cells else ""
        for c in frame["cell_id"]
    ]
    frame["cell_name"] = [cells[c].name if c in cells else "" for c in frame["cell_id"]]
    # The public record's cells carry our own ids (PZ5287-FAGNES), not names a source gives.
    frame["cell_internal"] = shown.kind == "public"
    public = shown.kind == "public"
    frame["source"] = [
        (by_nis[n].source if public else shown.origin) if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_date"] = [
        (by_nis[n].date if public else shown.date_key) if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_basis"] = [
        (by_nis[n].basis if public else "file") if n in by_nis else "" for n in frame["nis"]
    ]
    frame["status_comment"] = [by_nis[n].comment if n in by_nis else "" for n in frame["nis"]]
    flags: dict[str, list] = {}
    for f in shown.snapshot.flags:
        flags.setdefault(f.nis, []).append(f)
    frame["flags"] = [tuple(sorted({f.flag.value for f in flags.get(n, [])})) for n in frame["nis"]]
    for flag in Flag:  # one boolean column per flag, for the filters' vectorised masks
        frame[flag_column(flag.value)] = [flag.value in fl for fl in frame["flags"]]
    frame["flag_details"] = [
        tuple(sorted({(f.flag.value, f.source, f.date) for f in flags.get(n, [])}))
        for n in frame["nis"]
    ]
    frame["category"] = [
        PARTLY_COVERED if partial and covered else status
        for status, partial, covered in zip(frame["status"], frame["partial"], frame["covered"],
                                            strict=True)
    ]  # fmt: skip
    frame["flag_hover"] = [
        "<br>".join([f"<b>{plot_text(n)}</b>", *map(plot_text, flag_texts(details, lang))])
        if details
        else ""
        for n, details in zip(frame["name"], frame["flag_details"], strict=True)
    ]
    zone_notes = _undated_zone_notes(bundle)
    frame["undated_note"] = frame["police_zone"].map(lambda z: zone_notes.get(str(z), ""))
    return frame


def _undated_zone_notes(bundle: DataBundle) -> dict[str, str]:
    """Police zone -> source id of an undated fact about a zone-level cell."""
    return {f.police_zone: f.source_id for f in undated_facts(bundle.record) if f.police_zone}


def selection(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None
) -> tuple[Shown, pd.DataFrame, pd.Series]:
    """The data a view shows: the dataset, its commune frame, and the filters' mask."""
    shown = shown_data(bundle, state.dataset, state.date, upload)
    frame = commune_frame(bundle, shown, state.lang)
    return shown, frame, filter_mask(frame, state)


def filter_mask(frame: pd.DataFrame, state: ViewState) -> pd.Series:
    """Communes in the selection: every filter of :data:`dashboard.filters.FILTERS`."""
    values = {f.field: getattr(state, f.field) for f in FILTERS}
    return pd.Series(selection_mask(frame, values), index=frame.index)


def flag_texts(details: Iterable[tuple[str, str, str]], lang: str) -> list[str]:
    """Each programme flag with its source and date."""
    return [
        i18n.t("hover.flag_dated", lang, flag=i18n.flag_label(flag, lang), source=source,
               date=i18n.format_date(date, lang) if date else "")
        for flag, source, date in details
    ]  # fmt: skip


def restrict(snapshot: MembershipSnapshot, codes: set[str]) -> MembershipSnapshot:
    """The snapshot for a selection of communes (cells with a member in it)."""
    return dataclasses.replace(
        snapshot,
        statuses=tuple(s for s in snapshot.statuses if s.nis in codes),
        cells=tuple(c for c in snapshot.cells if codes & set(c.members)),
        flags=tuple(f for f in snapshot.flags if f.nis in codes),
    )
