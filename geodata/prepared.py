"""The prepared geography: the open files the app reads at run time, and their format.

``csil-dashboard build-geodata`` writes them (see :mod:`geodata.build`) from the original
sources; the app only reads them: pandas and ``json``, no geometry library, no source
folder, no network. One folder (shipped in the project's ``data/geography``):

- ``manifest.json`` — the builder version, the library versions, every source file with
  its sha256 and pinned address, and the sha256 of every prepared file;
- ``crosswalk.csv`` — one row per 1977-2018 commune with its code in every division;
- per division ``KEY``: ``communes_KEY.csv`` (the commune table, docs/CONTRACTS.md),
  ``units_KEY.csv`` (regions, provinces, arrondissements), ``communes_KEY.geojson`` and
  ``regions_KEY.geojson`` (display geometry, EPSG:4326, one feature per line).

Nobody edits these files by hand: reading checks each one against the manifest.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from geodata.crosswalk import Crosswalk, read_crosswalk
from geodata.registry import Vintage, get_vintage

MANIFEST = "manifest.json"
CROSSWALK = "crosswalk.csv"
REBUILD_HINT = (
    "Rebuild it with `csil-dashboard build-geodata --sources DIR` (a folder of the original "
    "files) or `csil-dashboard build-geodata --download`."
)

# The commune table's columns and how they are written (docs/CONTRACTS.md).
COLUMNS = [
    "nis", "name_fr", "name_nl", "name_de", "name_de_source", "name_de_fallback",
    "arrondissement", "province", "region", "german_speaking", "population", "population_date",
    "population_note",
    "police_zone", "police_zone_name", "police_zone_split", "area_km2", "neighbours", "lon", "lat",
]  # fmt: skip
# The crosswalk: codes and changes first, then hierarchy, then the names of each division,
# then the English names the build adds (geodata.build.with_english_names).
CROSSWALK_FILE_ORDER = [
    "nis_1977_2018", "nis_2019_2024", "nis_2025", "change_2019", "change_2025", "region",
    "german_speaking_community", "arr_1977_2018", "arr_2019_2024", "prov_2019_2024",
    "arr_2025", "prov_2025", "name_nl", "name_fr", "name_de", "name_2019_nl", "name_2019_fr",
    "name_2019_de", "name_2025_nl", "name_en", "name_2019_en", "name_2025_en",
]  # fmt: skip
BOOL_COLUMNS = ("name_de_fallback", "german_speaking", "police_zone_split")
FLOAT_COLUMNS = ("area_km2", "lon", "lat")
NEIGHBOUR_SEPARATOR = " "


def communes_file(key: str) -> str:
    return f"communes_{key}.csv"


def units_file(key: str) -> str:
    return f"units_{key}.csv"


def display_file(key: str) -> str:
    return f"communes_{key}.geojson"


def regions_file(key: str) -> str:
    return f"regions_{key}.geojson"


def vintage_files(key: str) -> tuple[str, ...]:
    return (communes_file(key), units_file(key), display_file(key), regions_file(key))


class PreparedDataError(FileNotFoundError):
    """The prepared geography is missing, incomplete or not what its manifest says."""


@dataclass(frozen=True, eq=False)
class VintageData:
    """Everything the app needs about one division of Belgium into communes."""

    vintage: Vintage
    communes: pd.DataFrame  # attributes, one row per commune (docs/CONTRACTS.md)
    display: dict  # GeoJSON FeatureCollection in EPSG:4326, feature id = nis
    units: pd.DataFrame  # regions, provinces, arrondissements with FR/NL/DE names
    regions_display: dict  # GeoJSON: ids 02000, 03000, 04000 and DG (the 9 communes)
    digest: str  # sha256 over this division's prepared files (from the manifest)


# --- writing (used by the build) -------------------------------------------------------


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def table_bytes(frame: pd.DataFrame) -> bytes:
    """A frame as CSV: UTF-8, ``\\n`` line ends, booleans ``true``/``false``, tuples of
    codes joined by spaces. The same frame always gives the same bytes."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = out[col].map({True: "true", False: "false"})
        elif len(out) and isinstance(out[col].iloc[0], tuple):
            out[col] = out[col].map(NEIGHBOUR_SEPARATOR.join)
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def crosswalk_bytes(table: pd.DataFrame) -> bytes:
    if sorted(table.columns) != sorted(CROSSWALK_FILE_ORDER):
        raise ValueError(f"crosswalk columns {list(table.columns)} are not {CROSSWALK_FILE_ORDER}")
    return table_bytes(table[CROSSWALK_FILE_ORDER])


def geojson_bytes(collection: dict) -> bytes:
    """A FeatureCollection, compact, one feature per line (readable diffs, any GeoJSON
    reader)."""
    lines = [
        json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in collection["features"]
    ]
    body = ",\n".join(lines)
    return f'{{"type":"FeatureCollection","features":[\n{body}\n]}}\n'.encode()


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


# --- reading (the app) -----------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, Any]:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        hint = "" if Path(folder).is_dir() else " (that folder does not exist)"
        raise PreparedDataError(
            f"No prepared geography in {folder}{hint}: {MANIFEST} is missing.\n  {REBUILD_HINT}"
        )
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise PreparedDataError(f"{path} is not valid JSON ({exc}).\n  {REBUILD_HINT}") from None


def file_status(folder: Path, manifest: dict[str, Any] | None = None) -> dict[str, str]:
    """Each prepared file the manifest lists: ``ok``, ``missing`` or ``sha256 mismatch``."""
    manifest = manifest if manifest is not None else read_manifest(folder)
    out = {}
    for name, spec in sorted(manifest["files"].items()):
        path = Path(folder) / name
        if not path.is_file():
            out[name] = "missing"
        else:
            ok = sha256_bytes(path.read_bytes()) == spec["sha256"]
            out[name] = "ok" if ok else "sha256 mismatch"
    return out


def _read_checked(folder: Path, name: str, manifest: dict[str, Any]) -> bytes:
    path = Path(folder) / name
    spec = manifest["files"].get(name)
    if spec is None:
        raise PreparedDataError(f"{folder / MANIFEST} does not list {name}.\n  {REBUILD_HINT}")
    if not path.is_file():
        raise PreparedDataError(f"Prepared file {path} is missing.\n  {REBUILD_HINT}")
    data = path.read_bytes()
    actual = sha256_bytes(data)
    if actual != spec["sha256"]:
        raise PreparedDataError(
            f"Prepared file {path} has sha256 {actual}, but {MANIFEST} says {spec['sha256']}:"
            f" it was edited or is from another build. Prepared files are never edited by hand."
            f"\n  {REBUILD_HINT}"
        )
    return data


def _frame(data: bytes) -> pd.DataFrame:
    import io

    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8")


def parse_communes(data: bytes) -> pd.DataFrame:
    """The commune table with its types back (see :func:`table_bytes`)."""
    frame = _frame(data)
    for col in frame.columns:
        if col in BOOL_COLUMNS:
            frame[col] = frame[col].map({"true": True, "false": False}).astype(bool)
        elif col in FLOAT_COLUMNS:
            frame[col] = frame[col].astype(float)
        elif col == "population" or col.startswith("population_") and col[-4:].isdigit():
            frame[col] = frame[col].astype(int)
        elif col == "neighbours":
            frame[col] = [tuple(v.split(NEIGHBOUR_SEPARATOR)) if v else () for v in frame[col]]
    return frame


_LOCK = threading.Lock()
_MEMO: dict[tuple[str, str, str], VintageData] = {}


def load_vintage(key: str, folder: Path) -> VintageData:
    """One division from the prepared folder (read once per process and folder)."""
    vintage = get_vintage(key)
    folder = Path(folder)
    manifest = read_manifest(folder)
    digest = manifest["vintages"][key]["digest"] if key in manifest.get("vintages", {}) else ""
    memo_key = (key, str(folder.resolve()), digest)
    with _LOCK:
        if memo_key in _MEMO:
            return _MEMO[memo_key]
        communes = parse_communes(_read_checked(folder, communes_file(key), manifest))
        if len(communes) != vintage.expected_count:
            raise PreparedDataError(
                f"{folder / communes_file(key)} has {len(communes)} communes, expected "
                f"{vintage.expected_count} for {key}.\n  {REBUILD_HINT}"
            )
        data = VintageData(
            vintage=vintage,
            communes=communes,
            display=json.loads(_read_checked(folder, display_file(key), manifest)),
            units=_frame(_read_checked(folder, units_file(key), manifest)),
            regions_display=json.loads(_read_checked(folder, regions_file(key), manifest)),
            digest=digest,
        )
        _MEMO[memo_key] = data
        return data


def load_communes(key: str, folder: Path) -> pd.DataFrame:
    """Attributes of every commune of a division (no geometry); see docs/CONTRACTS.md."""
    return load_vintage(key, folder).communes.copy()


def load_units(key: str, folder: Path) -> pd.DataFrame:
    """Regions, provinces and arrondissements of a division, with FR/NL/DE names."""
    return load_vintage(key, folder).units.copy()


def load_crosswalk(folder: Path) -> Crosswalk:
    """The crosswalk the build made from REFNIS and the merger tables."""
    manifest = read_manifest(folder)
    return read_crosswalk_bytes(_read_checked(Path(folder), CROSSWALK, manifest))


def read_crosswalk_bytes(data: bytes) -> Crosswalk:
    import io

    return read_crosswalk(io.BytesIO(data))
