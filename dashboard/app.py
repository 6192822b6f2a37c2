"""The Dash application factory."""

from __future__ import annotations

from dash import Dash

from dashboard import files, security
from dashboard.bundle import DataBundle
from dashboard.callbacks import briefing as briefing_callbacks
from dashboard.callbacks import compare as compare_callbacks
from dashboard.callbacks import errors as callback_errors
from dashboard.callbacks import gaps as gaps_callbacks
from dashboard.callbacks import profile as profile_callbacks
from dashboard.callbacks import texts as text_callbacks
from dashboard.callbacks import upload as upload_callbacks
from dashboard.callbacks import view as view_callbacks
from dashboard.layout.main import build_layout
from dashboard.server import enable_compression, limit_request_size, register_geometry_routes
from dashboard.settings import Settings


def create_app(settings: Settings, bundle: DataBundle) -> Dash:
    """A Dash app over a loaded bundle. Scripts and styles are served locally (offline),
    every response is gzipped, and each division's geometry is a cacheable GET
    (:mod:`dashboard.server`)."""
    app = Dash(
        __name__,
        title="CSIL coverage atlas",
        assets_folder=str(files.assets_dir()),
        serve_locally=True,
        update_title=None,
        on_error=callback_errors.on_error,
    )
    enable_compression(app.server)
    limit_request_size(app.server)
    security.install(app, settings)
    register_geometry_routes(app, bundle, settings)
    app.layout = build_layout(bundle)
    text_callbacks.register(app, bundle)
    view_callbacks.register(app, bundle)
    upload_callbacks.register(app, bundle)
    gaps_callbacks.register(app, bundle)
    profile_callbacks.register(app, bundle)
    compare_callbacks.register(app, bundle)
    briefing_callbacks.register(app, bundle)
    callback_errors.register(app)  # a malformed callback request: 400, not 500
    return app
