"""Belgian commune geography for the CSIL atlas: vintages, boundaries, crosswalk,
names and population. Never imports dash or plotly."""

from geodata.communes import (
    VintageData,
    build_vintage,
    cache_status,
    load_communes,
    load_units,
    load_vintage,
)
from geodata.crosswalk import Crosswalk, load_crosswalk, read_crosswalk
from geodata.registry import (
    VINTAGE_KEYS,
    VINTAGES,
    SourceFile,
    Vintage,
    get_vintage,
    vintage_for_date,
)
from geodata.sources import (
    GeodataSourceError,
    default_cache_dir,
    default_geodata_dir,
    source_path,
    source_status,
)

__all__ = [
    "VINTAGES", "VINTAGE_KEYS", "Crosswalk", "GeodataSourceError", "SourceFile", "Vintage",
    "VintageData", "build_vintage", "cache_status", "default_cache_dir", "default_geodata_dir",
    "get_vintage", "load_communes", "load_crosswalk", "load_units", "load_vintage",
    "read_crosswalk", "source_path", "source_status", "vintage_for_date",
]  # fmt: skip
