"""The Dash application factory."""

from __future__ import annotations

from dash import Dash

from dashboard.bundle import DataBundle
from dashboard.callbacks import map as map_callbacks
from dashboard.layout.main import build_layout
from dashboard.settings import Settings
from geodata.sources import REPO_ROOT

ASSETS_DIR = REPO_ROOT / "assets"


def create_app(settings: Settings, bundle: DataBundle) -> Dash:
    """A Dash app over a loaded bundle. Scripts and styles are served locally (offline)."""
    app = Dash(
        __name__,
        title="CSIL coverage atlas",
        assets_folder=str(ASSETS_DIR),
        serve_locally=True,
        update_title=None,
    )
    app.layout = build_layout(bundle)
    map_callbacks.register(app, bundle)
    return app
