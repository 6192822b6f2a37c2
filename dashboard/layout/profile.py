"""The commune profile's tab contents: profile, peer groups, corrections (issue 13).

The tab is static (its controls exist from the start, so their callbacks are valid); the
profile itself (:data:`PROFILE_BODY`) and every text come from
:mod:`dashboard.callbacks.profile`. The session's proposals live in :data:`CORRECTIONS_STORE`
(memory: this browser tab only, gone with it).
"""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids
from dashboard.views.profile import ProfileView, ProposalRow, Table

# The tab's own component ids (dashboard/ids.py holds the shared ones).
PROFILE_BODY = "profile-body"
PROFILE_KEY = "profile-key"  # dcc.Store: what the tab shows (render key, commune, date, division)
CORRECTIONS_STORE = "profile-corrections-store"  # dcc.Store (memory): the session's proposals
CORRECTION_FORM = "profile-correction-form"
CORRECTION_TITLE = "profile-correction-title"
CORRECTION_HELP = "profile-correction-help"
CORRECTION_STATUS = "profile-correction-status"
CORRECTION_CELL = "profile-correction-cell"
CORRECTION_SOURCE = "profile-correction-source"
CORRECTION_COMMENT = "profile-correction-comment"
CORRECTION_ADD = "profile-correction-add"
CORRECTION_MESSAGES = "profile-correction-messages"
CORRECTION_LIST_TITLE = "profile-correction-list-title"
CORRECTION_LIST = "profile-correction-list"
CORRECTION_DOWNLOAD = "profile-correction-download"
CORRECTION_FILE = "profile-correction-file"  # dcc.Download
CORRECTION_REMOVE = "profile-correction-remove"  # pattern-matching type: {"type", "nis"}

#: The form's inputs: (field, control id); their labels' ids are ``<control id>-label``.
FORM_CONTROLS: tuple[tuple[str, str], ...] = (
    ("status", CORRECTION_STATUS),
    ("cell", CORRECTION_CELL),
    ("source", CORRECTION_SOURCE),
    ("comment", CORRECTION_COMMENT),
)


def label_id(control: str) -> str:
    return f"{control}-label"


def _label(control: str) -> html.Label:
    return html.Label(id=label_id(control), htmlFor=control, className="control-label")


def build_correction_form() -> html.Section:
    """Proposed status, cell name, source (required), comment and the Add button."""
    return html.Section(
        [
            html.H3(id=CORRECTION_TITLE),
            html.P(id=CORRECTION_HELP, className="help"),
            html.Div(
                [
                    html.Div(
                        [
                            _label(CORRECTION_STATUS),
                            dcc.Dropdown(
                                id=CORRECTION_STATUS,
                                options=[],
                                value=None,
                                clearable=False,
                                searchable=False,
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            _label(CORRECTION_CELL),
                            dcc.Input(
                                id=CORRECTION_CELL,
                                type="text",
                                value="",
                                maxLength=1000,
                                className="text-input",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            _label(CORRECTION_SOURCE),
                            dcc.Input(
                                id=CORRECTION_SOURCE,
                                type="text",
                                value="",
                                maxLength=1000,
                                required=True,
                                className="text-input",
                            ),
                        ]
                    ),
                    html.Div(
                        [
                            _label(CORRECTION_COMMENT),
                            dcc.Textarea(
                                id=CORRECTION_COMMENT,
                                value="",
                                maxLength=1000,
                                rows=2,
                                className="text-input",
                            ),
                        ]
                    ),
                ],
                className="correction-fields",
            ),  # fmt: skip
            html.Button(id=CORRECTION_ADD, n_clicks=0, type="button", className="button"),
        ],
        id=CORRECTION_FORM,
        className="profile-corrections",
        hidden=True,
    )


def build_correction_list() -> html.Section:
    """The session's proposals, the messages about them, and the download."""
    return html.Section(
        [
            html.Div(id=CORRECTION_MESSAGES, className="correction-messages",
                     **{"aria-live": "polite"}),
            html.H3(id=CORRECTION_LIST_TITLE),
            html.Div(id=CORRECTION_LIST),
            html.Button(id=CORRECTION_DOWNLOAD, n_clicks=0, type="button",
                        className="button secondary", disabled=True),
            dcc.Download(id=CORRECTION_FILE),
        ],
        className="profile-corrections-list",
    )  # fmt: skip


def build_profile_tab() -> html.Div:
    """The profile of the commune chosen in the search (ViewState.commune)."""
    return html.Div(
        [
            dcc.Store(id=PROFILE_KEY),
            dcc.Store(id=CORRECTIONS_STORE, storage_type="memory"),
            html.Div(id=PROFILE_BODY, className="profile-body"),
            html.Div(
                [
                    html.Button(
                        id=ids.PROFILE_SHEET,
                        n_clicks=0,
                        type="button",
                        className="button secondary",
                    ),
                    html.Span(
                        id=ids.PROFILE_SHEET_STATUS, className="export-status", role="status"
                    ),
                    dcc.Download(id=ids.PROFILE_SHEET_FILE),
                ],
                className="profile-sheet",
            ),  # fmt: skip
            build_correction_form(),
            build_correction_list(),
        ],
        id=ids.PROFILE_PANEL,
        className="analysis-panel profile",
    )


# ----------------------------------------------------------------------------- the profile


def build_table(table: Table | None, key: str) -> list:
    """A section: its heading, the table (or what is said when it has no row), its note."""
    if table is None:
        return []
    heading = f"profile-{key}-title"
    out: list = [html.H4(table.title, id=heading)]
    if not table.rows:
        out.append(html.P(table.empty, className="help"))
        return out
    marked = table.marked or (False,) * len(table.rows)
    body = [
        html.Tr([html.Th(row[0], scope="row"), *(html.Td(c) for c in row[1:])],
                className="shown" if mark else None)
        for row, mark in zip(table.rows, marked, strict=True)
    ]  # fmt: skip
    out.append(
        html.Div(
            html.Table(
                [html.Thead(html.Tr([html.Th(c, scope="col") for c in table.columns])),
                 html.Tbody(body)],
                className="profile-table",
                **{"aria-labelledby": heading},
            ),
            className="table-scroll",
        )
    )  # fmt: skip
    if table.note:
        out.append(html.P(table.note, className="help"))
    return out


def build_profile(view: ProfileView) -> list:
    """The profile's components: names, facts, status over time, cell, programmes,
    neighbours, peer groups."""
    if view.message:
        return [html.P(view.message, className="profile-message")]
    origin = "data-origin illustrative" if view.illustrative else "data-origin"
    cell = [html.H4(view.cell_title), *(html.P(line) for line in view.cell_lines)]
    cell += build_table(view.cell_members, "cell")
    undated = (
        [html.H4(view.undated_title), html.Ul([html.Li(u) for u in view.undated])]
        if view.undated
        else []
    )
    members = html.Details(
        [html.Summary(view.peer_members_title),
         html.Ul([html.Li(m) for m in view.peer_members])],
        className="peer-members",
    )  # fmt: skip
    peers = build_table(view.peers, "peers")
    return [
        html.H3(view.title, className="profile-title"),
        html.P(view.subtitle, className="help"),
        html.P(view.data_note, className=origin),
        html.P(view.status, className="profile-status"),
        html.Div(
            [
                html.Div([*build_table(view.names, "names"), *cell]),
                html.Div(build_table(view.facts, "facts")),
            ],
            className="profile-grid",
        ),
        *build_table(view.history, "history"),
        *build_table(view.flags, "flags"),
        *undated,
        *build_table(view.neighbours, "neighbours"),
        *peers[:1],
        html.P(view.peers_intro, className="help"),
        *peers[1:],
        members,
    ]


# ----------------------------------------------------------------------------- corrections


def build_proposals(columns: tuple[str, ...], rows: tuple[ProposalRow, ...], empty: str) -> list:
    """The session's proposals, each with its remove button."""
    if not rows:
        return [html.P(empty, className="help")]
    remove = html.Th(html.Span(rows[0].remove_text, className="visually-hidden"), scope="col")
    head = html.Tr([*(html.Th(c, scope="col") for c in columns), remove])
    body = [
        html.Tr([
            html.Th(r.cells[0], scope="row"),
            *(html.Td(c) for c in r.cells[1:]),
            html.Td(html.Button(
                r.remove_text, id={"type": CORRECTION_REMOVE, "nis": r.nis}, n_clicks=0,
                type="button", className="button secondary small",
                **{"aria-label": r.remove},
            )),
        ])
        for r in rows
    ]  # fmt: skip
    return [
        html.Div(
            html.Table([html.Thead(head), html.Tbody(body)], className="profile-table"),
            className="table-scroll",
        )
    ]
