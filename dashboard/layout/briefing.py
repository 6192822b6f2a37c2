"""The briefing panel (issue 14): presentation mode, the session's saved views, and the
downloads of the view on screen; the presentation's own bar and footnote.

Texts come from the language callback (:data:`BRIEFING_TEXTS`). The saved views (links and
their titles, no data) live in the browser tab's ``sessionStorage``: a reload keeps them,
nothing leaves the browser.
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids

#: The downloads offered, in the panel's order: (kind, catalogue key of its button).
EXPORT_KINDS: tuple[tuple[str, str], ...] = (
    ("pptx", "briefing.export.pptx"),
    ("png", "briefing.export.png"),
    ("svg", "briefing.export.svg"),
    ("pdf", "briefing.export.pdf"),
    ("csv", "briefing.export.csv"),
    ("xlsx", "briefing.export.xlsx"),
    ("geojson", "briefing.export.geojson"),
)


def export_button_id(kind: str) -> str:
    return f"export-{kind}"


#: (component id, property, catalogue key): the panel's texts, set by the language callback.
BRIEFING_TEXTS: tuple[tuple[object, str, str], ...] = (
    (ids.BRIEFING_TITLE, "children", "briefing.title"),
    (ids.PRESENT_TOGGLE, "children", "briefing.present"),
    (ids.SAVE_VIEW, "children", "briefing.save"),
    (ids.SAVED_TITLE, "children", "briefing.saved_title"),
    (ids.SAVED_CLEAR, "children", "briefing.saved_clear"),
    (ids.SAVED_HELP, "children", "briefing.saved_none"),
    (ids.EXPORT_TITLE, "children", "briefing.export.title"),
    (ids.EXPORT_HELP, "children", "briefing.export.help"),
    (ids.PRESENT_EXIT, "children", "briefing.present_exit"),
    (ids.PRESENT_PREV, "title", "briefing.present_prev"),
    (ids.PRESENT_NEXT, "title", "briefing.present_next"),
    *((export_button_id(kind), "children", key) for kind, key in EXPORT_KINDS),
)


def build_briefing_panel() -> html.Section:
    """Present, save the view, step through the saved views, download the view."""
    return html.Section(
        [
            html.H2(id=ids.BRIEFING_TITLE),
            html.Div(
                [
                    html.Button(
                        id=ids.PRESENT_TOGGLE, n_clicks=0, type="button", className="button"
                    ),
                    html.Button(
                        id=ids.SAVE_VIEW, n_clicks=0, type="button", className="button secondary"
                    ),
                ],
                className="buttons",
            ),  # fmt: skip
            html.Div(
                [
                    html.H3(id=ids.SAVED_TITLE),
                    html.Ol(id=ids.SAVED_LIST, className="saved-list"),
                    html.P(id=ids.SAVED_HELP, className="help"),
                    html.Button(
                        id=ids.SAVED_CLEAR,
                        n_clicks=0,
                        type="button",
                        className="button secondary small",
                        hidden=True,
                    ),
                ],
                className="saved",
            ),  # fmt: skip
            html.H3(id=ids.EXPORT_TITLE),
            html.P(id=ids.EXPORT_HELP, className="help"),
            html.Div(
                [
                    html.Button(
                        id=export_button_id(kind),
                        n_clicks=0,
                        type="button",
                        className="button secondary export",
                    )
                    for kind, _ in EXPORT_KINDS
                ],
                className="export-buttons",
            ),  # fmt: skip
            html.P(id=ids.EXPORT_STATUS, className="export-status", role="status"),
            dcc.Download(id=ids.EXPORT_DOWNLOAD),
            dcc.Store(id=ids.SAVED_VIEWS, storage_type="session", data=[]),
        ],
        id=ids.BRIEFING,
        className="panel briefing",
    )


def build_present_bar() -> html.Div:
    """Shown in presentation mode only: the slide's title, where it is among the saved views,
    and the buttons the arrow keys and Escape press."""
    return html.Div(
        [
            html.H2(id=ids.PRESENT_TITLE, className="present-title"),
            html.Div(
                [
                    html.Span(id=ids.PRESENT_COUNTER, className="present-counter"),
                    html.Button(
                        "←",
                        id=ids.PRESENT_PREV,
                        n_clicks=0,
                        type="button",
                        className="button secondary",
                    ),
                    html.Button(
                        "→",
                        id=ids.PRESENT_NEXT,
                        n_clicks=0,
                        type="button",
                        className="button secondary",
                    ),
                    html.Button(
                        id=ids.PRESENT_EXIT, n_clicks=0, type="button", className="button secondary"
                    ),
                ],
                className="present-controls",
            ),  # fmt: skip
        ],
        id=ids.PRESENT_BAR,
        className="present-bar",
    )


def build_present_footnote() -> html.Div:
    return html.Div(id=ids.PRESENT_FOOTNOTE, className="present-footnote")


def build_saved_list(saved: list[dict], current: str) -> list:
    """The saved views as links (client-side navigation: an upload stays), the one on
    screen marked."""
    items = []
    for view in saved:
        query = str(view.get("query", ""))
        label = str(view.get("label", query))
        here = query == current
        items.append(html.Li(dcc.Link(label, href=query), className="current" if here else None))
    return items
