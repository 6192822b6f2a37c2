"""The URL is the view: the link, the controls and the state store are kept in step (a link
restores the view; a control change rewrites the link). Pure functions: the one page
callback (:mod:`dashboard.callbacks.view`) calls them in the same round trip as the view.

The view's first area (``ViewState.cmp_a``, ``a=``) has two controls: the comparison's
first list (``ids.COMPARE_A``) and the ranking's peer choice (``RANKING_PEER_CHOICE``, which
holds the area's code, of the breakdown level). The page callback reads both; it sets the
first only: the peer choice is set by the ranking's callback together with its options (a
dropdown drops a value its options lack, and they depend on the data shown)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from dash import no_update

from dashboard import ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_int
from dashboard.filters import FILTERS
from dashboard.layout.gaps import RANKING_PEER_CHOICE
from dashboard.state import ViewState, area_ref, from_query, peer_subject, to_query

# Controls in the order of their values in the callback: the filters' come from the registry.
CONTROLS = (ids.LANGUAGE, ids.DATASET, ids.DATE, *(f.control for f in FILTERS), ids.COMMUNE,
            ids.LEVEL, ids.ANALYSIS_TABS, ids.COMPARE_A, ids.COMPARE_B,
            RANKING_PEER_CHOICE)  # fmt: skip
#: Controls the page callback reads but does not set (see the module's docstring).
READ_ONLY: frozenset[str] = frozenset({RANKING_PEER_CHOICE})


def date_keys(bundle: DataBundle) -> list[str]:
    return [d.key for d in bundle.record.published_dates()]


def state_from_controls(
    values: list, keys: list[str], previous: ViewState, triggered: str | None = None
) -> ViewState:
    """The view the controls show. An impossible value (or one of the wrong type: they come
    from the browser) keeps the previous one.

    ``triggered``: the control that changed. The first area comes from the comparison's
    list, unless the ranking's peer choice changed (on the ranking tab): then it is the
    area chosen there, of the breakdown level; an emptied choice empties it, unless it
    named an area of another level (which the choice did not show). Only the choice's own
    change counts: its value lags the state (the ranking's callback sends it after), so
    another control's change must not read it."""
    lang, dataset, date_index, *filter_values, commune, level, view, cmp_a, cmp_b, peer = values
    if triggered == RANKING_PEER_CHOICE and (view or previous.view) == "ranking":
        level = level or "region"
        if peer:
            try:
                cmp_a = area_ref(level, str(peer))
            except ValueError:
                cmp_a = previous.cmp_a
        else:
            shown = (previous.cmp_a or "").startswith(f"{level}:")
            cmp_a = None if shown else previous.cmp_a
    date = previous.date
    date_index = as_int(date_index)
    if dataset == "public" and date_index is not None and 0 <= date_index < len(keys):
        date = None if date_index == len(keys) - 1 and previous.date is None else keys[date_index]
    try:
        return ViewState(
            dataset=dataset or "public",
            date=date if dataset == "public" else None,
            **{f.field: f.from_control(v) for f, v in zip(FILTERS, filter_values, strict=True)},
            commune=commune or None,
            zoom=previous.zoom,  # the map view is not a control: it stays until reset
            lang=lang or previous.lang,
            level=level or "region",
            view=view or previous.view,
            cmp_a=cmp_a or None,
            cmp_b=cmp_b or None,
        )
    except (TypeError, ValueError):  # a control's value of the wrong type, or unknown
        return previous


def controls_from_state(state: ViewState, keys: list[str]) -> list:
    index = keys.index(state.date) if state.date in keys else len(keys) - 1
    return [
        state.lang,
        state.dataset,
        index,
        *(f.to_control(getattr(state, f.field)) for f in FILTERS),
        state.commune,
        state.level,
        state.view,
        state.cmp_a,
        state.cmp_b,
        peer_subject(state),
    ]


def _set(controls: list) -> list:
    """The values of the controls the page callback sets (all but :data:`READ_ONLY`)."""
    return [v for c, v in zip(CONTROLS, controls, strict=True) if c not in READ_ONLY]


def state_to_data(state: ViewState) -> dict:
    """JSON for the state store (exact, unlike a link: an upload view stays one)."""
    data = dataclasses.asdict(state)
    data.update({f.field: f.to_control(getattr(state, f.field)) for f in FILTERS})
    return data


#: The fields of a ViewState: the state store's keys.
STATE_FIELDS = frozenset(f.name for f in dataclasses.fields(ViewState))


def state_from_data(data: object) -> ViewState:
    """The state store's view, or the default view when the store holds anything else (it
    comes back from the browser: a forged or damaged value is no view)."""
    if not isinstance(data, dict) or not data:
        return ViewState()
    fields = {k: tuple(v) if isinstance(v, list) else v
              for k, v in data.items() if k in STATE_FIELDS}  # fmt: skip
    try:
        return ViewState(**fields)
    except (TypeError, ValueError):  # a value of the wrong type or unknown
        return ViewState()


@dataclass(frozen=True)
class StateRules:
    """What a link or a control may name: published dates, the example's date, communes."""

    keys: list[str]
    valid_dates: dict[str, list[str]]
    communes: frozenset[str]

    @classmethod
    def of(cls, bundle: DataBundle) -> StateRules:
        keys = date_keys(bundle)
        valid_dates = {"public": keys}
        if bundle.example is not None:
            valid_dates["example"] = [bundle.example.as_of.isoformat()]
        communes: set[str] = set()
        for data in bundle.vintages.values():
            communes |= set(data.communes["nis"])
        return cls(keys, valid_dates, frozenset(communes))


def next_state(
    rules: StateRules,
    triggered: str | None,
    search: str | None,
    values: list,
    previous_data: dict | None,
    lang_now: str | None,
    upload: dict | None,
    accept_language: str | None = None,
) -> tuple[ViewState, tuple]:
    """The view a link or a control change asks for, and what the page must update to
    stay in step: (address, state store, language store, notices, *control values)."""
    keys = rules.keys
    if triggered in (None, ids.URL) or previous_data is None:
        state, notices = from_query(
            search,
            valid_dates=rules.valid_dates,
            valid_communes=rules.communes,
            accept_language=accept_language,
            upload_available=bool(upload),
        )
        if state.dataset == "upload" and not upload:
            state = state.replace(dataset="public")
        new_lang = state.lang if state.lang != lang_now else no_update
        # The address always names the whole view (language included), so that what a
        # user copies restores what they see; a link that needed correcting is rewritten.
        canonical = to_query(state)
        fixed = canonical if canonical != search else no_update
        return state, (fixed, state_to_data(state), new_lang, notices,
                       *_set(controls_from_state(state, keys)))  # fmt: skip
    previous = state_from_data(previous_data)
    state = state_from_controls(values, keys, previous, triggered)
    if state.dataset == "upload" and not upload:
        state = state.replace(dataset=previous.dataset)
    new_lang = state.lang if state.lang != lang_now else no_update
    controls = controls_from_state(state, keys)
    # Echo only controls whose value had to change (an impossible choice undone).
    echo = [c if c != v else no_update for c, v in zip(controls, values, strict=True)]
    return state, (to_query(state) or "", state_to_data(state), new_lang, no_update,
                   *_set(echo))  # fmt: skip


#: What :func:`next_state` fills in, in order, before the control values.
STATE_OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.URL, "search"), (ids.STATE, "data"), (ids.LANG_STORE, "data"), (ids.NOTICE_KEYS, "data"),
    *((c, "value") for c in CONTROLS if c not in READ_ONLY),
)  # fmt: skip
