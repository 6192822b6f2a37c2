"""The comparison tab's callbacks: two areas or two dates (issue 13)."""

from __future__ import annotations

from dash import Dash

from dashboard.bundle import DataBundle


def register(app: Dash, bundle: DataBundle) -> None:
    """Nothing yet."""
