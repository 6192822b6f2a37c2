"""An imported membership file, kept in the user's browser tab (``dcc.Store`` in memory).

The snapshot travels as a compact JSON payload: it belongs to that tab only, disappears
with it, and is bounded by the importer's size limits. Nothing is kept on the server.

The payload comes back from the browser with every callback that reads it, so it is
untrusted input like any request: :func:`payload_to_snapshot` checks it against the
payload's schema and bounds (:func:`payload_problem`) and turns anything else into "no
upload" (None); it never raises. What the server wrote always passes: the importer's
snapshots are within the same bounds.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping
from typing import Any

import geodata
from dashboard.coverage.importer.results import MAX_VALUE_CHARS
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status

PAYLOAD_VERSION = 1

#: The largest file the page sends (``dcc.Upload(max_size=...)``; assets/upload_limits.js
#: says "file too large" for a larger one without sending it): a little over the importer's
#: ``MAX_BYTES`` (5,000,000), so that a file just over that still reaches the importer, which
#: names its limit. As a base64 data URL in a callback body it stays under the server's
#: request limit (:data:`dashboard.server.MAX_REQUEST_BYTES`).
MAX_FILE_BYTES = 6_000_000
#: The file kinds the importer reads (the Upload's ``accept``): CSV (also saved as .txt or
#: .tsv) and workbooks (data/membership_schema.md).
ACCEPT = ".csv,.txt,.tsv,.xlsx,.xlsm,.xlsb,.ods,.xls"
#: At most this many statuses and cells (a division has at most 589 communes).
MAX_ENTRIES = 1000
#: At most this many characters in any text of the payload (file name, cell id and name,
#: source, comment). The importer allows a cell of ``MAX_VALUE_CHARS`` (2,000) characters,
#: and a commune merged from several parts joins their sources and comments: so ten cells'
#: worth, which every file the importer accepts stays within (the request limit bounds the
#: whole payload anyway).
MAX_TEXT = 10 * MAX_VALUE_CHARS
#: A snapshot's date is at most this far after the server's today (time zones).
FUTURE_SLACK = dt.timedelta(days=1)

NIS_CODE = re.compile(r"[0-9]{5}\Z")
STATUS_VALUES = frozenset(s.value for s in Status)
PAYLOAD_KEYS = frozenset({"v", "file", "as_of", "vintage", "illustrative", "statuses", "cells"})

log = logging.getLogger(__name__)

#: Vintage key -> the NIS codes of its communes, for :func:`payload_to_snapshot` called
#: without them (see :func:`know_communes`).
_KNOWN: dict[str, frozenset[str]] = {}
#: Payloads checked lately (their JSON text -> the snapshot, or None when refused).
CHECKED_KEPT = 8
_CHECKED: OrderedDict[str, MembershipSnapshot | None] = OrderedDict()
_CHECKED_LOCK = threading.Lock()


class PayloadError(ValueError):
    """The upload payload is not one the server wrote."""


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


def know_communes(codes: Mapping[str, Collection[str]]) -> None:
    """Remember each division's commune codes (vintage key -> NIS codes), so that every
    later :func:`payload_to_snapshot` also refuses codes that are not communes of the
    payload's division. The app calls it once with its bundle's divisions."""
    for key, nis in codes.items():
        _KNOWN[key] = frozenset(str(c) for c in nis)
    with _CHECKED_LOCK:
        _CHECKED.clear()  # checked against other communes


def payload_to_snapshot(
    payload: object, known: Mapping[str, Collection[str]] | None = None
) -> MembershipSnapshot | None:
    """The snapshot back, or None for no payload or one that fails :func:`payload_problem`
    (logged). Never raises.

    ``known``: vintage key -> NIS codes of its communes; by default those given to
    :func:`know_communes` (codes are then checked only for a division it was given).

    A click sends the same payload to several callbacks: with the default ``known``, the
    result is kept for the payload's exact JSON text (:data:`_CHECKED`, a few entries), so
    the checks (~3 ms for 589 communes) run once per payload, not once per callback."""
    if payload is None:
        return None
    if known is not None:
        return _checked(payload, known)
    try:
        key = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return None  # not JSON-shaped: not a payload the browser can hold
    with _CHECKED_LOCK:
        if key in _CHECKED:
            _CHECKED.move_to_end(key)
            return _CHECKED[key]
    snapshot = _checked(payload, _KNOWN)
    with _CHECKED_LOCK:
        _CHECKED[key] = snapshot
        while len(_CHECKED) > CHECKED_KEPT:
            _CHECKED.popitem(last=False)
    return snapshot


def _checked(payload: object, known: Mapping[str, Collection[str]]) -> MembershipSnapshot | None:
    try:
        return parse_payload(payload, known)
    except PayloadError as exc:
        # Said to the user once (callbacks.upload.check_upload_store); every callback
        # that reads it comes here, so the log gets it at INFO, not as a warning per click.
        log.info("upload payload refused: %s", exc)
        return None
    except Exception:  # a bug here must not break every callback that reads the upload
        log.exception("upload payload could not be checked")
        return None


def payload_problem(
    payload: object, known: Mapping[str, Collection[str]] | None = None
) -> str | None:
    """Why ``payload`` is refused (in English, for the log), or None when it is sound."""
    try:
        parse_payload(payload, _KNOWN if known is None else known)
    except PayloadError as exc:
        return str(exc)
    except Exception as exc:  # noqa: BLE001 - reported as a refusal, never raised
        return f"{type(exc).__name__}: {exc}"
    return None


def _text(value: Any, what: str, *, empty: bool = True) -> str:
    if not isinstance(value, str):
        raise PayloadError(f"{what} is a {type(value).__name__}, not text")
    if len(value) > MAX_TEXT:
        raise PayloadError(f"{what} has {len(value)} characters (at most {MAX_TEXT})")
    if not empty and not value:
        raise PayloadError(f"{what} is empty")
    return value


def _list(value: Any, what: str, length: int | None = None) -> list:
    if not isinstance(value, list):
        raise PayloadError(f"{what} is a {type(value).__name__}, not a list")
    if length is None and len(value) > MAX_ENTRIES:
        raise PayloadError(f"{what} has {len(value)} entries (at most {MAX_ENTRIES})")
    if length is not None and len(value) != length:
        raise PayloadError(f"{what} has {len(value)} items, not {length}")
    return value


def _nis(value: Any, what: str, codes: Collection[str] | None) -> str:
    nis = _text(value, what)
    if not NIS_CODE.match(nis):
        raise PayloadError(f"{what} {nis[:20]!r} is not a 5-digit NIS code")
    if codes is not None and nis not in codes:
        raise PayloadError(f"{what} {nis} is not a commune of the division")
    return nis


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise PayloadError(f"{what} is a {type(value).__name__}, not true/false")
    return value


def parse_payload(payload: object, known: Mapping[str, Collection[str]]) -> MembershipSnapshot:
    """The snapshot of a sound payload; :class:`PayloadError` naming the first problem.

    Sound: the keys :func:`snapshot_to_payload` writes and no other, each of its type;
    ``as_of`` an ISO date inside the division ``vintage`` (a known key) and not in the
    future; at most :data:`MAX_ENTRIES` statuses and cells, texts of at most
    :data:`MAX_TEXT` characters; NIS codes of five digits (and communes of the division
    when ``known`` lists it); statuses from :class:`Status`; every cell member a commune
    with a status, every status's cell a listed cell; and a consistent snapshot
    (:meth:`MembershipSnapshot.consistency_errors`)."""
    if not isinstance(payload, dict):
        raise PayloadError(f"the payload is a {type(payload).__name__}, not an object")
    keys = set(payload)
    if keys != PAYLOAD_KEYS:
        odd = sorted(str(k)[:40] for k in keys ^ PAYLOAD_KEYS)
        raise PayloadError(f"the payload's keys differ from the expected ones: {odd}")
    version = payload["v"]
    if type(version) is not int or version != PAYLOAD_VERSION:
        raise PayloadError(f"payload version {str(version)[:20]!r} is not {PAYLOAD_VERSION}")
    filename = _text(payload["file"], "file", empty=False)
    vintage_key = _text(payload["vintage"], "vintage")
    if vintage_key not in geodata.VINTAGE_KEYS:
        raise PayloadError(f"vintage {vintage_key[:40]!r} is not one of {geodata.VINTAGE_KEYS}")
    as_of_text = _text(payload["as_of"], "as_of")
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", as_of_text):
        raise PayloadError(f"as_of {as_of_text[:20]!r} is not an ISO date (YYYY-MM-DD)")
    try:
        as_of = dt.date.fromisoformat(as_of_text)
    except ValueError:
        raise PayloadError(f"as_of {as_of_text!r} is not a date") from None
    if not geodata.get_vintage(vintage_key).contains(as_of):
        raise PayloadError(f"as_of {as_of_text} is outside the division {vintage_key}")
    if as_of > dt.date.today() + FUTURE_SLACK:
        raise PayloadError(f"as_of {as_of_text} is in the future")
    illustrative = _bool(payload["illustrative"], "illustrative")
    if known and vintage_key not in known:  # the app has not loaded this division
        raise PayloadError(f"vintage {vintage_key} is not a division of the app")
    codes = known.get(vintage_key)

    statuses = []
    for i, row in enumerate(_list(payload["statuses"], "statuses")):
        what = f"statuses[{i}]"
        nis, status, cell, source, comment, partial = _list(row, what, 6)
        status = _text(status, f"{what} status")
        if status not in STATUS_VALUES:
            raise PayloadError(f"{what} status {status[:40]!r} is not a status")
        statuses.append(CommuneStatus(
            _nis(nis, f"{what} NIS code", codes), Status(status),
            _text(cell, f"{what} cell") or None, _text(source, f"{what} source"),
            _text(comment, f"{what} comment"), _bool(partial, f"{what} partial"),
        ))  # fmt: skip
    with_status = {s.nis for s in statuses}

    cells = []
    for i, row in enumerate(_list(payload["cells"], "cells")):
        what = f"cells[{i}]"
        cell_id, name, members = _list(row, what, 3)
        member_codes = tuple(
            _nis(m, f"{what} member", codes) for m in _list(members, f"{what} members")
        )
        outside = [m for m in member_codes if m not in with_status]
        if outside:
            raise PayloadError(f"{what} lists {outside[0]}, which has no status")
        cells.append(Cell(_text(cell_id, f"{what} id", empty=False), _text(name, f"{what} name"),
                          member_codes))  # fmt: skip
    cell_ids = {c.cell_id for c in cells}
    unlisted = [s for s in statuses if s.cell_id is not None and s.cell_id not in cell_ids]
    if unlisted:
        raise PayloadError(f"commune {unlisted[0].nis} names a cell that is not listed")

    snapshot = MembershipSnapshot(
        as_of=as_of,
        vintage=vintage_key,
        statuses=tuple(statuses),
        cells=tuple(cells),
        source=filename,
        illustrative=illustrative,
    )
    errors = snapshot.consistency_errors()
    if errors:
        raise PayloadError(f"inconsistent snapshot: {errors[0]}")
    return snapshot
