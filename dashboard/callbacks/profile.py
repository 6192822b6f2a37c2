"""The commune search, profile, peers and corrections callbacks (issue 13)."""

from __future__ import annotations

from dash import Dash

from dashboard.bundle import DataBundle


def register(app: Dash, bundle: DataBundle) -> None:
    """Nothing yet."""
