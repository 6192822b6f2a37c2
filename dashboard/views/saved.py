"""The session's saved views (issue 14): what is kept of a view, its title in the page's
language, and the step from one to the next in presentation mode.

A saved view is its share link without the language (a user's preference, not part of the
view) and without the presentation flag: the same view saved in French and in Dutch is one,
and stepping keeps the language on screen. Pure (no dash).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.exports.briefing import filters_in_words, title
from dashboard.state import ViewState, from_query, to_query
from dashboard.views.data import shown_data

#: At most this many saved views per session (the oldest go first).
MAX_SAVED = 30


def saved_key(state: ViewState) -> str:
    """The saved form of ``state``: its link without ``lang`` and ``present``."""
    pairs = [(k, v) for k, v in parse_qsl(to_query(state.replace(present=False)).lstrip("?"))
             if k != "lang"]  # fmt: skip
    return "?" + urlencode(pairs, safe=",:")


def add(saved: Sequence[str], state: ViewState) -> list[str]:
    """``saved`` with ``state`` added at the end (once: saving it again moves nothing)."""
    key = saved_key(state)
    out = [s for s in saved if isinstance(s, str)]
    if key in out:
        return out
    return [*out, key][-MAX_SAVED:]


def state_of(key: str, lang: str, rules_dates: dict, upload_available: bool) -> ViewState:
    """The view a saved key names, in ``lang``."""
    state, _ = from_query(f"{key}&lang={lang}" if key != "?" else f"?lang={lang}",
                          valid_dates=rules_dates, upload_available=upload_available)  # fmt: skip
    return state


def label(bundle: DataBundle, state: ViewState, upload=None) -> str:
    """ "CSIL coverage — Flemish Region, 15 June 2019 · Status: No cell" in ``state.lang``;
    the data's name when it is not the public record ("· Illustrative example")."""
    shown = shown_data(bundle, state.dataset, state.date, upload)
    words = filters_in_words(state, state.lang)
    text = title(state, shown, state.lang)
    if words != (i18n.t("export.all_communes", state.lang),):
        text += " · " + "; ".join(words)
    if state.level != "region":
        text += " · " + i18n.level_label(state.level, state.lang)
    if shown.kind != "public":  # the example's (invented) or a file's, never the record's
        text += " · " + i18n.t(f"dataset.{shown.kind}", state.lang)
    return text


def position(saved: Sequence[str], state: ViewState) -> int | None:
    """Where ``state`` is among ``saved`` (0-based), None when it is not saved."""
    key = saved_key(state)
    return saved.index(key) if key in saved else None


def step(saved: Sequence[str], state: ViewState, delta: int) -> str | None:
    """The saved key ``delta`` views away from ``state`` (the first for +1, the last for
    -1 when ``state`` is not saved); None at either end or with nothing saved."""
    if not saved:
        return None
    here = position(saved, state)
    if here is None:
        return saved[0] if delta > 0 else saved[-1]
    target = here + delta
    return saved[target] if 0 <= target < len(saved) else None
