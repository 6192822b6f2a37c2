"""Every component id of the app, in one place."""

VINTAGE = "vintage-dropdown"
MAP = "coverage-map"
MAP_SUMMARY = "map-summary"
ATTRIBUTION = "attribution"
