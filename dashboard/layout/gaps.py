"""The gap explorer's and the ranking's tab contents (issue 13)."""

from __future__ import annotations

from dash import html

from dashboard import ids


def build_gaps_tab() -> html.Div:
    """The gap explorer: summary line, ranked uncovered communes."""
    return html.Div(id=ids.GAPS_PANEL, className="analysis-panel")


def build_ranking_tab() -> html.Div:
    """The areas of the breakdown level ranked by coverage, with reference lines."""
    return html.Div(id=ids.RANKING_PANEL, className="analysis-panel")
