"""English messages of the figures exports (issue 14).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "export.figure.outside": "Not in the selection",
    "export.figure.region_share": "{area}: {share} — {source}",
    "export.figure.no_region_shading": (
        "No regional figure published up to this date: communes no source names stay blank."
    ),
    "export.figure.unavailable": (
        "Image export needs Chromium (or Google Chrome) on the server, and none was found or "
        "it could not start. Install chromium to make PNG images of the map; the PPTX, PDF, "
        "SVG, CSV, XLSX and GeoJSON exports work without it."
    ),
}
