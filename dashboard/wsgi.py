"""The WSGI entry point for a production server: ``dashboard.wsgi:server``.

    gunicorn --workers 2 --threads 8 --bind 127.0.0.1:8050 dashboard.wsgi:server

Importing this module reads the settings from the environment (``CSIL_*``), loads the
bundle and builds the app once per worker process; ``server`` is its Flask server.

Data that cannot be loaded (a missing or unreadable folder, prepared files that are not
what their manifest says) is said in one paragraph on stderr (what, where, how to fix),
then the import raises ``SystemExit(3)``: gunicorn reads exit code 3 as "worker failed to
boot" and stops, instead of printing a traceback and starting workers again.
"""

from __future__ import annotations

import sys

from dash import Dash

from dashboard.app import create_app
from dashboard.bundle import EXIT_STARTUP, DataBundle, StartupError, load_for_serving
from dashboard.callbacks.view import warm
from dashboard.settings import Settings
from geodata.prepared import PreparedDataError


def _load() -> tuple[Settings, DataBundle, Dash]:
    try:
        settings = Settings.from_env()
        bundle = load_for_serving(settings)
        # The app too: its geometry routes read the prepared files, its login the
        # credential file (AuthFileError, a ValueError).
        return settings, bundle, create_app(settings, bundle)
    except (StartupError, PreparedDataError, ValueError) as exc:  # ValueError: a setting
        print(f"error: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(EXIT_STARTUP) from None


settings, bundle, app = _load()
server = app.server
warm(bundle)  # the opening view's caches fill in the background
