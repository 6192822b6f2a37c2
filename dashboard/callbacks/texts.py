"""The language switch: every static text and option label, from the catalogue."""

from __future__ import annotations

from dash import Dash, Input, Output

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.inputs import as_lang, as_notice_keys
from dashboard.filters import FILTERS
from dashboard.layout.components import build_notices, dropdown_labels
from dashboard.layout.gaps import RANKING_PEER_CHOICE
from dashboard.layout.main import TEXT_TARGETS, option_lists
from dashboard.layout.profile import CORRECTION_STATUS

#: The drop-down lists built once in the layout: their own words ("No options found",
#: "Select all") follow the page language. (Those of the upload dialog are built in it.)
LOCALISED_DROPDOWNS: tuple[str, ...] = (
    *(f.control for f in FILTERS if f.widget != "checklist"),
    ids.COMMUNE, ids.DRILL, ids.COMPARE_A, ids.COMPARE_B, CORRECTION_STATUS, RANKING_PEER_CHOICE,
)  # fmt: skip


def register(app: Dash, bundle: DataBundle) -> None:
    has_example = bundle.example is not None
    # The province options follow the regions too: the page callback sets them.
    option_ids = [c for c in option_lists(i18n.DEFAULT_LANGUAGE, has_example) if c != ids.PROVINCE]

    @app.callback(
        *[Output(cid, prop) for cid, prop, _ in TEXT_TARGETS],
        *[Output(cid, "options") for cid in option_ids],
        *[Output(cid, "labels") for cid in LOCALISED_DROPDOWNS],
        Input(ids.LANG_STORE, "data"),
    )
    def update_texts(lang):
        lang = as_lang(lang)
        texts = [i18n.t(key, lang) for _, _, key in TEXT_TARGETS]
        options = option_lists(lang, has_example)
        labels = dropdown_labels(lang)
        return (*texts, *[options[cid] for cid in option_ids],
                *[labels for _ in LOCALISED_DROPDOWNS])  # fmt: skip

    @app.callback(
        Output(ids.NOTICES, "children"),
        Input(ids.NOTICE_KEYS, "data"),
        Input(ids.LANG_STORE, "data"),
    )
    def update_notices(keys, lang):
        return build_notices(as_notice_keys(keys), as_lang(lang))

    # <html lang> follows the page language (screen readers pronounce accordingly).
    app.clientside_callback(
        "function(lang) { if (lang) { document.documentElement.lang = lang; } return lang; }",
        Output(ids.HTML_LANG_SINK, "data"),
        Input(ids.LANG_STORE, "data"),
    )
