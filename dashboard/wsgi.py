"""The WSGI entry point for a production server: ``dashboard.wsgi:server``.

    gunicorn --workers 2 --threads 8 --bind 127.0.0.1:8050 dashboard.wsgi:server

Importing this module reads the settings from the environment (``CSIL_*``), loads the
bundle and builds the app once per worker process; ``server`` is its Flask server.
"""

from __future__ import annotations

from dashboard.app import create_app
from dashboard.bundle import load_bundle
from dashboard.callbacks.view import warm
from dashboard.settings import Settings

settings = Settings.from_env()
bundle = load_bundle(settings)
app = create_app(settings, bundle)
server = app.server
warm(bundle)  # the opening view's caches fill in the background
