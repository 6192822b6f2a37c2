"""The comparison tab's contents: two areas or two dates side by side (issue 13)."""

from __future__ import annotations

from dash import dcc, html

from dashboard import ids


def build_compare_tab() -> html.Div:
    """The two sides to compare (page controls: ViewState.cmp_a, cmp_b) and the panels."""
    return html.Div(
        [
            dcc.Dropdown(id=ids.COMPARE_A, value=None, clearable=True),
            dcc.Dropdown(id=ids.COMPARE_B, value=None, clearable=True),
            html.Div(id=ids.COMPARE_PANEL),
        ],
        className="analysis-panel",
    )
