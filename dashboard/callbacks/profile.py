"""The commune search, profile, peers and corrections callbacks (issue 13).

Thin: read the inputs, ask :mod:`dashboard.views.profile`, build with
:mod:`dashboard.layout.profile`.

- The search box's options come from the server for what the user types (its
  ``search_value``): any name in French, Dutch, German or English, a former commune, a postal
  code or a NIS code, each option saying why it matched. The chosen commune's option is
  always kept; the page callback (:mod:`dashboard.callbacks.view`) sends it with the value
  (the box drops a value without its option), also when a link chose it.
- Choosing a commune in the box opens the Commune profile tab (a clientside callback sets
  the tab; the page callback then writes ``view=commune`` into the link); a commune that a
  link restores leaves the link's tab as it is.
- The profile is rendered only while its tab is shown, once per (data, date, language,
  commune): a filter click sends nothing.
- Corrections: the session's proposals are kept in the browser tab
  (:data:`~dashboard.layout.profile.CORRECTIONS_STORE`), checked again on every action, and
  download as a membership file.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, dcc, html, no_update

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_dict, as_lang, as_snapshot, as_str
from dashboard.callbacks.state import state_from_data
from dashboard.layout import profile as layout
from dashboard.views import profile as view
from dashboard.views.data import shown_data

#: Longer typed text finds no commune (the longest names are about 40 characters).
MAX_SEARCH = 100


def commune_options(bundle: DataBundle, query, selected, lang, meta) -> list[dict]:
    """The search box's options for the typed text (``search``: the text itself, so that
    the box's own filter, which knows no accents, former names or postal codes, keeps every
    option the server found); the chosen commune's option is kept (without ``search``: it
    hides while the user types). Nothing typed: the chosen commune's option alone."""
    lang = as_lang(lang)
    division = as_str(as_dict(meta).get("vintage"))
    if division not in bundle.vintages:
        division = view.default_division(bundle)
    text = as_str(query, MAX_SEARCH) or ""
    chosen = as_str(selected)
    if not text.strip():
        return view.chosen_options(bundle, division, chosen, lang)
    return [
        {"label": o.label, "value": o.value, "search": text if o.matched else ""}
        for o in view.search_options(bundle, division, text, lang, chosen)
    ]


def render_profile(bundle: DataBundle, state_data, upload, shown_key) -> tuple:
    """(profile components, what the tab shows, form hidden, form introduction); all
    ``no_update`` when the tab is not shown or already shows it."""
    state = state_from_data(state_data)
    if state.view != "commune":
        return (no_update,) * 4
    upload_snapshot = as_snapshot(upload)
    dataset = state.dataset if state.dataset != "upload" or upload_snapshot else "public"
    shown = shown_data(bundle, dataset, state.date, upload_snapshot)
    key = view.render_key(shown, state.lang, state.commune)
    if isinstance(shown_key, dict) and shown_key.get("key") == key:
        return (no_update,) * 4
    profile = view.profile_view(bundle, shown, state.lang, state.commune)
    context = profile.correction
    data = {"key": key}
    if context is not None:
        data |= {"nis": context.nis, "vintage": context.vintage, "as_of": context.as_of}
    return (layout.build_profile(profile), data, context is None,
            context.help if context else "")  # fmt: skip


def register(app: Dash, bundle: DataBundle) -> None:
    @app.callback(
        Output(ids.COMMUNE, "options", allow_duplicate=True),
        Input(ids.COMMUNE, "search_value"),
        State(ids.COMMUNE, "value"),
        State(ids.LANG_STORE, "data"),
        State(ids.MAP_META, "data"),
        prevent_initial_call=True,
    )
    def update_commune_options(query, selected, lang, meta):
        """The communes the typed text names, each saying why it matched."""
        return commune_options(bundle, query, selected, lang, meta)

    # A commune chosen in the search box opens its profile; one that a link restores does
    # not change the tab the link names. Both reach here after the page callback (it
    # writes the box's value), so the difference is where the focus is: in the box (or its
    # list) after a choice, not after a link.
    app.clientside_callback(
        """function(value) {
            const box = document.getElementById("COMMUNE");
            const active = document.activeElement;
            const inBox = !!active && ((box && box.contains(active)) ||
                                       !!active.closest(".dash-dropdown-content"));
            if (value && inBox) { return "commune"; }
            return window.dash_clientside.no_update;
        }""".replace("COMMUNE", ids.COMMUNE),
        Output(ids.ANALYSIS_TABS, "value", allow_duplicate=True),
        Input(ids.COMMUNE, "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(layout.PROFILE_BODY, "children"),
        Output(layout.PROFILE_KEY, "data"),
        Output(layout.CORRECTION_FORM, "hidden"),
        Output(layout.CORRECTION_HELP, "children"),
        Input(ids.STATE, "data"),
        State(ids.UPLOAD_STORE, "data"),
        State(layout.PROFILE_KEY, "data"),
    )
    def update_profile(state_data, upload, shown_key):
        """The chosen commune's profile and peer groups, while the tab is shown."""
        return render_profile(bundle, state_data, upload, shown_key)

    @app.callback(
        Output(layout.CORRECTION_TITLE, "children"),
        *[Output(layout.label_id(c), "children") for _f, c in layout.FORM_CONTROLS],
        Output(layout.CORRECTION_STATUS, "options"),
        Output(layout.CORRECTION_ADD, "children"),
        Output(layout.CORRECTION_LIST_TITLE, "children"),
        Output(layout.CORRECTION_DOWNLOAD, "children"),
        Output(ids.PROFILE_SHEET, "children"),
        Input(ids.LANG_STORE, "data"),
    )
    def update_correction_texts(lang):
        """The corrections form and the sheet's button in the page language (the tab's
        content exists only while it is shown: the page's language callback cannot reach it)."""
        lang = as_lang(lang)
        texts = view.form_texts(lang)
        labels = (texts[f] for f, _c in layout.FORM_CONTROLS)
        return (texts["title"], *labels, view.status_options(lang), texts["add"], texts["list"],
                texts["download"], i18n.t("briefing.export.profile_sheet", lang))  # fmt: skip

    @app.callback(
        Output(layout.CORRECTION_LIST, "children"),
        Output(layout.CORRECTION_DOWNLOAD, "disabled"),
        Input(layout.CORRECTIONS_STORE, "data"),
        Input(ids.LANG_STORE, "data"),
    )
    def update_correction_list(payload, lang):
        """The session's proposals, each with its remove button."""
        lang = as_lang(lang)
        columns, rows = view.proposal_rows(bundle, payload, lang)
        empty = i18n.t("profile.corrections.list_empty", lang)
        return layout.build_proposals(columns, rows, empty), not rows

    @app.callback(
        Output(layout.CORRECTIONS_STORE, "data"),
        Output(layout.CORRECTION_MESSAGES, "children"),
        Input(layout.CORRECTION_ADD, "n_clicks"),
        Input({"type": layout.CORRECTION_REMOVE, "nis": ALL}, "n_clicks"),
        *[State(c, "value") for _f, c in layout.FORM_CONTROLS],
        State(layout.CORRECTIONS_STORE, "data"),
        State(layout.PROFILE_KEY, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_corrections(_add, _removes, *args):
        """Add the form's proposal, or remove one."""
        *values, payload, context, state_data = args
        lang = state_from_data(state_data).lang
        values = [as_str(v, 2000) for v in values]  # the form's texts (a comment may be long)
        payload, context = as_dict(payload) or None, as_dict(context) or None
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):  # a remove button (also when the list is redrawn)
            if not (ctx.triggered and ctx.triggered[0].get("value")):
                return no_update, no_update
            result = view.remove_correction(bundle, payload, str(trigger.get("nis", "")), lang)
        elif trigger == layout.CORRECTION_ADD:
            fields = dict(zip((f for f, _c in layout.FORM_CONTROLS), values, strict=True))
            result = view.add_correction(bundle, payload, context, fields, lang)
        else:
            return no_update, no_update
        return (no_update if result.payload is None else result.payload,
                _messages(result))  # fmt: skip

    @app.callback(
        Output(layout.CORRECTION_FILE, "data"),
        Output(layout.CORRECTION_MESSAGES, "children", allow_duplicate=True),
        Input(layout.CORRECTION_DOWNLOAD, "n_clicks"),
        State(layout.CORRECTIONS_STORE, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def download_corrections(_clicks, payload, state_data):
        """The session's proposals as a membership file."""
        name, data, result = view.corrections_download(
            bundle, payload, state_from_data(state_data).lang
        )
        file = dcc.send_bytes(data, name) if data else no_update
        return file, _messages(result)


def _messages(result: view.CorrectionResult) -> list:
    """What an action says: a problem as an alert, a success as a status line."""
    if result.ok:
        return [html.P(m, className="success") for m in result.messages]
    head, *rest = result.messages or ("",)
    said: list = [html.P(head, className="error-title")]
    if rest:
        said.append(html.Ul([html.Li(m) for m in rest]))
    return [html.Div(said, role="alert", className="correction-problems")]
