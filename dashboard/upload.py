"""An imported membership file, kept in the user's browser tab (``dcc.Store`` in memory).

The snapshot travels as a compact JSON payload: it belongs to that tab only, disappears
with it, and is bounded by the importer's size limits. Nothing is kept on the server.
"""

from __future__ import annotations

import datetime as dt

from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status

PAYLOAD_VERSION = 1


def snapshot_to_payload(snapshot: MembershipSnapshot, filename: str) -> dict:
    return {
        "v": PAYLOAD_VERSION,
        "file": filename,
        "as_of": snapshot.as_of.isoformat(),
        "vintage": snapshot.vintage,
        "illustrative": snapshot.illustrative,
        "statuses": [
            [s.nis, s.status.value, s.cell_id or "", s.source, s.comment, s.partial]
            for s in snapshot.statuses
        ],
        "cells": [[c.cell_id, c.name, list(c.members)] for c in snapshot.cells],
    }


def payload_to_snapshot(payload: dict | None) -> MembershipSnapshot | None:
    """The snapshot back, or None for no (or a foreign) payload."""
    if not isinstance(payload, dict) or payload.get("v") != PAYLOAD_VERSION:
        return None
    return MembershipSnapshot(
        as_of=dt.date.fromisoformat(payload["as_of"]),
        vintage=payload["vintage"],
        statuses=tuple(
            CommuneStatus(nis, Status(status), cell or None, source, comment, bool(partial))
            for nis, status, cell, source, comment, partial in payload["statuses"]
        ),
        cells=tuple(Cell(cid, name, tuple(members)) for cid, name, members in payload["cells"]),
        source=payload.get("file", "upload"),
        illustrative=bool(payload.get("illustrative")),
    )
