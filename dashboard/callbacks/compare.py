"""The comparison tab's callback: two areas or two dates (issue 13).

Thin: read the state, ask :mod:`dashboard.views.compare` (cached per data, date, language
and the two sides), hand the result to :mod:`dashboard.layout.compare`. Nothing is computed
or sent unless the tab is the one shown; a click that changes neither the data, the date,
the language nor the two sides (a filter: the comparison ignores them) sends nothing.
"""

from __future__ import annotations

from dash import Dash, Input, Output, State, no_update

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_dict, as_snapshot
from dashboard.callbacks.state import state_from_data
from dashboard.callbacks.view import base_key
from dashboard.layout import compare as layout
from dashboard.server import geometry_url
from dashboard.state import ViewState
from dashboard.views import compare as view
from dashboard.views.data import shown_data

#: What the callback fills in, in order.
OUTPUTS: tuple[tuple[str, str], ...] = (
    (ids.COMPARE_PANEL, "children"),
    (ids.COMPARE_A, "options"),
    (ids.COMPARE_B, "options"),
    (ids.COMPARE_A, "placeholder"),
    (ids.COMPARE_B, "placeholder"),
    (layout.A_LABEL, "children"),
    (layout.B_LABEL, "children"),
    (layout.INTRO, "children"),
    (layout.META, "data"),
)


def render_compare(
    bundle: DataBundle, state: ViewState, upload_payload, meta: dict | None, prefix: str = "/"
) -> dict:
    """{(component id, property): value} for ``state``; ``no_update`` for what the browser
    already holds (``meta``: the keys of what it was sent last) or when the tab is hidden."""
    if state.view != "compare":
        return dict.fromkeys(OUTPUTS, no_update)
    lang = state.lang
    upload = as_snapshot(upload_payload) if state.dataset == "upload" else None
    shown = shown_data(bundle, state.dataset, state.date, upload)
    base = base_key(shown, lang)
    chosen = (state.cmp_a, state.cmp_b)
    panel_key = f"{base}|{'|'.join(v or '' for v in chosen)}"
    options_a, options_b = view.side_options(bundle, shown, lang, chosen)
    # the lists change with the data, date and language; and with a linked value they lack
    kept = [o["value"] for o in options_a if o.get("disabled")]
    options_key = f"{base}|{'|'.join(kept)}"
    meta = as_dict(meta)
    out: dict = dict.fromkeys(OUTPUTS, no_update)
    new_meta = {"options": meta.get("options"), "panel": meta.get("panel"), "lang": lang}
    if meta.get("lang") != lang:
        out[(layout.A_LABEL, "children")] = i18n.t("compare.control.a", lang)
        out[(layout.B_LABEL, "children")] = i18n.t("compare.control.b", lang)
        out[(layout.INTRO, "children")] = i18n.t("compare.intro", lang)
    if meta.get("options") != options_key:
        out[(ids.COMPARE_A, "options")] = options_a
        out[(ids.COMPARE_B, "options")] = options_b
        out[(ids.COMPARE_A, "placeholder")] = view.placeholder(bundle, shown, "a", lang)
        out[(ids.COMPARE_B, "placeholder")] = view.placeholder(bundle, shown, "b", lang)
        new_meta["options"] = options_key
    if meta.get("panel") != panel_key:
        panel = view.compare_panel(bundle, shown, lang, state.cmp_a, state.cmp_b)
        vintage = panel.vintage or shown.vintage
        url = geometry_url(vintage, "communes", bundle.vintages[vintage].digest, prefix)
        out[(ids.COMPARE_PANEL, "children")] = layout.build_compare_panel(panel, url, lang)
        new_meta["panel"] = panel_key
    out[(layout.META, "data")] = new_meta if new_meta != meta else no_update
    return out


def register(app: Dash, bundle: DataBundle) -> None:
    prefix = app.config.requests_pathname_prefix or "/"

    @app.callback(
        *[Output(cid, prop) for cid, prop in OUTPUTS],
        Input(ids.STATE, "data"),
        Input(ids.UPLOAD_STORE, "data"),
        State(layout.META, "data"),
    )
    def update_compare(state_data, upload_payload, meta):
        """The comparison, when its tab is shown and what it shows changed."""
        out = render_compare(bundle, state_from_data(state_data), upload_payload, meta, prefix)
        return tuple(out[k] for k in OUTPUTS)
