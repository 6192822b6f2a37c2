"""Belgian commune geography for the CSIL atlas: divisions (vintages), crosswalk, names,
population, and the prepared files the app reads. Never imports dash or plotly; importing
this package does not import geopandas (the build, :mod:`geodata.build`, does)."""

from geodata.crosswalk import Crosswalk, read_crosswalk
from geodata.prepared import (
    PreparedDataError,
    VintageData,
    load_communes,
    load_crosswalk,
    load_units,
    load_vintage,
    read_manifest,
)
from geodata.registry import (
    VINTAGE_KEYS,
    VINTAGES,
    SourceFile,
    Vintage,
    get_vintage,
    vintage_for_date,
)
from geodata.sources import GeodataSourceError, source_path, source_status

__all__ = [
    "VINTAGES", "VINTAGE_KEYS", "Crosswalk", "GeodataSourceError", "PreparedDataError",
    "SourceFile", "Vintage", "VintageData", "get_vintage", "load_communes", "load_crosswalk",
    "load_units", "load_vintage", "read_crosswalk", "read_manifest", "source_path",
    "source_status", "vintage_for_date",
]  # fmt: skip
