"""An imported snapshot's aggregates against the published figures of the nearest date.

Comparison, region by region (BE, BE-VLG, BE-WAL, BE-BRU, BE-DG), of each published measure
with the snapshot's own count:

=============================  ==========================================================
published measure              snapshot count
=============================  ==========================================================
cells                          cells
communes_with_cell             own_cell + shared_cell
communes_involved              own_cell + shared_cell (2016 survey wording)
communes_without_cell          none
communes_total                 communes of the unit in the snapshot's vintage
communes_without_own_cell      not compared (the source does not say whether shared
                               cells count)
unclear_cells_or_communes      not compared
=============================  ==========================================================

BE-WAL in the snapshot always includes the 9 German-speaking communes; when the source does
not say whether it includes them (``wal_includes_dg`` = ``unclear``) the line says so.

By default a snapshot is compared with the figures published for the published date nearest
to its date; the dashboard passes ``figures`` instead: the latest figure of every
(geography, measure) known on the snapshot's date (:mod:`dashboard.coverage.known`), each
row then carrying its own date in ``published_as_of``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.coverage.known import KnownFigure
from dashboard.coverage.metrics import geography_metrics, published_figures
from dashboard.coverage.model import MembershipSnapshot
from dashboard.coverage.public_record import (
    PublicRecord,
    PublishedDate,
    nearest_published_date,
    resolve_published_date,
)
from geodata.belgium import WALLONIA_GEOGRAPHY

MEASURE_TO_METRIC: dict[str, str | None] = {
    "cells": "cells",
    "communes_with_cell": "communes_covered",
    "communes_involved": "communes_covered",
    "communes_without_cell": "communes_none",
    "communes_total": "communes",
    "communes_without_own_cell": None,
    "unclear_cells_or_communes": None,
}
RECONCILE_COLUMNS: tuple[str, ...] = (
    "published_as_of",
    "geography",
    "measure",
    "published_value",
    "source_id",
    "snapshot_value",
    "difference",
    "comparable",
    "note",
)


@dataclass(frozen=True, eq=False)
class Reconciliation:
    published_date: PublishedDate
    snapshot_as_of: dt.date
    frame: pd.DataFrame  # columns RECONCILE_COLUMNS

    @property
    def differences(self) -> pd.DataFrame:
        f = self.frame
        return f[f["comparable"] & (f["difference"] != 0)]

    def lines(self) -> list[str]:
        return reconciliation_lines(self)


def reconcile(
    snapshot: MembershipSnapshot,
    communes: pd.DataFrame,
    record: PublicRecord,
    as_of: str | dt.date | None = None,
    *,
    figures: Sequence[KnownFigure] | None = None,
) -> Reconciliation:
    """Compare ``snapshot`` with the published figures of ``as_of`` (default: the published
    date nearest to the snapshot's date), or with ``figures`` (each of its own date)."""
    if figures is not None:
        latest = max(figures, key=lambda f: f.date, default=None)
        pdate = (
            resolve_published_date(record, latest.as_of)
            if latest is not None
            else nearest_published_date(record, snapshot.as_of)
        )
        published = pd.DataFrame(
            [{"as_of": f.as_of, "geography": f.geography, "measure": f.measure,
              "value": f.value, "source_id": f.source_id, "other_values": f.other_values,
              "conflict_with": f.conflict_with, "wal_includes_dg": f.wal_includes_dg}
             for f in figures],
            columns=["as_of", "geography", "measure", "value", "source_id", "other_values",
                     "conflict_with", "wal_includes_dg"],
        )  # fmt: skip
    else:
        pdate = (
            nearest_published_date(record, snapshot.as_of)
            if as_of is None
            else resolve_published_date(record, as_of)
        )
        published = published_figures(record, pdate.key)
    mine = geography_metrics(snapshot, communes)
    rows = []
    for p in published.itertuples():
        metric = MEASURE_TO_METRIC.get(p.measure)
        notes = []
        if metric is None:
            value, comparable = None, False
            notes.append(f"measure {p.measure} is not comparable with a status count")
        elif p.geography not in mine.index:
            value, comparable = None, False
            notes.append(f"no communes of {p.geography} in the communes frame")
        else:
            value, comparable = int(mine.loc[p.geography, metric]), True
        if p.geography == WALLONIA_GEOGRAPHY and p.wal_includes_dg == "unclear":
            notes.append("source does not say whether the 9 German-speaking communes are included")
        if p.other_values:
            notes.append(f"other figures for this date: {p.other_values}")
        if p.conflict_with:
            notes.append(f"disagrees with {p.conflict_with}")
        rows.append(
            {
                "published_as_of": p.as_of,
                "geography": p.geography,
                "measure": p.measure,
                "published_value": int(p.value),
                "source_id": p.source_id,
                "snapshot_value": value,
                "difference": (value - int(p.value)) if value is not None else None,
                "comparable": comparable,
                "note": "; ".join(notes),
            }
        )
    frame = pd.DataFrame(rows, columns=list(RECONCILE_COLUMNS))
    frame = frame.astype({"snapshot_value": "Int64", "difference": "Int64", "comparable": bool})
    return Reconciliation(pdate, snapshot.as_of, frame)


def reconciliation_lines(rec: Reconciliation) -> list[str]:
    """Readable report: a header, then one line per published figure."""
    f = rec.frame
    n_diff = len(rec.differences)
    lines = [
        f"Reconciliation of the snapshot of {rec.snapshot_as_of.isoformat()} with the figures "
        f"published for {rec.published_date.key}: "
        + (f"{n_diff} difference(s)" if n_diff else "no difference")
    ]
    for r in f.itertuples():
        date = "" if r.published_as_of == rec.published_date.key else f", {r.published_as_of}"
        head = f"{r.geography} {r.measure}: published {r.published_value} ({r.source_id}{date})"
        if not r.comparable:
            body = "not compared"
        elif r.difference == 0:
            body = f"snapshot {r.snapshot_value}, same"
        else:
            body = f"snapshot {r.snapshot_value}, difference {int(r.difference):+d}"
        lines.append(f"- {head}; {body}" + (f" [{r.note}]" if r.note else ""))
    return lines
