"""The commune profile's tab contents: profile, peer groups, corrections (issue 13)."""

from __future__ import annotations

from dash import html

from dashboard import ids


def build_profile_tab() -> html.Div:
    """The profile of the commune chosen in the search (ViewState.commune)."""
    return html.Div(id=ids.PROFILE_PANEL, className="analysis-panel")
