"""Production posture: optional login, security headers, no version disclosure.

(Filled in by issue 15.) :func:`install` is called once by :func:`dashboard.app.create_app`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.settings import Settings


def install(app: Dash, settings: Settings) -> None:
    """Add login (when configured) and the security headers to every response of ``app``."""
