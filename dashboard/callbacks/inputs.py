"""What a callback may believe of its inputs (issue 15).

Every value a callback receives comes from the browser, which anyone can forge: a number
where a string is expected, a dict where a list is, a list of 10^5 items, markup, None.
Each helper here returns the value when it has the expected type, else the neutral value
(None, ``[]``, ``{}``), so that a callback reads its inputs in one line and then works on
values of the right type only. A malformed value is treated as absent: the view falls back
to its default, never to an error page. (The request's shape itself, before any callback
runs, is checked by :mod:`dashboard.callbacks.errors`.)
"""

from __future__ import annotations

from dash.exceptions import PreventUpdate

from dashboard import i18n
from dashboard.coverage.model import MembershipSnapshot
from dashboard.upload import payload_to_snapshot

#: Longer strings are not a value any control sends (a search, an id, an option).
MAX_TEXT = 500
#: Longer lists are not a value any control sends (a filter's choices, saved views).
MAX_ITEMS = 1000


def as_str(value: object, max_length: int = MAX_TEXT) -> str | None:
    """``value`` if it is a non-empty string of at most ``max_length`` characters."""
    if isinstance(value, str) and 0 < len(value) <= max_length:
        return value
    return None


def as_str_list(value: object, max_items: int = MAX_ITEMS) -> list[str]:
    """The strings of a list (others dropped); ``[]`` for anything else or a list longer
    than ``max_items``."""
    if not isinstance(value, list) or len(value) > max_items:
        return []
    return [v for v in value if isinstance(v, str) and len(v) <= MAX_TEXT]


def as_int(value: object) -> int | None:
    """``value`` if it is an int (a bool is not one)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def as_dict(value: object) -> dict:
    """``value`` if it is a dict, else ``{}``."""
    return value if isinstance(value, dict) else {}


def as_dict_list(value: object, max_items: int = MAX_ITEMS) -> list[dict]:
    """The dicts of a list (others dropped); ``[]`` for anything else."""
    if not isinstance(value, list) or len(value) > max_items:
        return []
    return [v for v in value if isinstance(v, dict)]


def as_lang(value: object) -> str:
    """A page language, or the default one."""
    return value if isinstance(value, str) and value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def as_clicks(value: object) -> int:
    """A button's click count: an int of at least 1; anything else means "not clicked", and
    the callback does nothing (Dash answers 204)."""
    clicks = as_int(value)
    if clicks is None or clicks < 1:
        raise PreventUpdate
    return clicks


def as_notice_keys(value: object) -> list[str]:
    """Notice keys the page may show: strings naming a notice of the catalogue."""
    return [k for k in as_str_list(value, 50) if k.startswith("notice.") and k in i18n.CATALOGUE]


def as_upload(payload: object) -> tuple[dict | None, MembershipSnapshot | None]:
    """(payload, its snapshot) for the upload store's value, or (None, None) when it does
    not hold a file that can be read back: a forged or damaged payload is no upload
    (:func:`dashboard.upload.payload_to_snapshot` checks it and never raises)."""
    snapshot = payload_to_snapshot(payload) if isinstance(payload, dict) else None
    return (payload, snapshot) if snapshot is not None else (None, None)  # type: ignore[return-value]


def as_snapshot(payload: object) -> MembershipSnapshot | None:
    """The upload store's snapshot, or None (see :func:`as_upload`)."""
    return as_upload(payload)[1]
