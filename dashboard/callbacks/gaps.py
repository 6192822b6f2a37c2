"""The gap explorer's and the ranking's callbacks (issue 13): thin, over pure views."""

from __future__ import annotations

from dash import Dash

from dashboard.bundle import DataBundle


def register(app: Dash, bundle: DataBundle) -> None:
    """Nothing yet."""
