"""Everything loaded once at start-up, frozen, shared read-only by all callbacks.

:func:`load_for_serving` is what ``csil-dashboard serve`` and ``dashboard.wsgi`` call: a
folder that is missing, unreadable, a file, or prepared data that is not what its manifest
says, is a :class:`StartupError` whose message says what, where and how to fix it, in one
paragraph, instead of a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import geodata
from dashboard.coverage.importer import Geography, import_membership
from dashboard.coverage.model import MembershipSnapshot
from dashboard.coverage.public_record import PublicRecord, load_public_record
from dashboard.settings import Settings

EXAMPLE_FILE = "example_membership_illustrative.csv"


@dataclass(frozen=True, eq=False)
class DataBundle:
    vintages: Mapping[str, geodata.VintageData]
    crosswalk: geodata.Crosswalk
    record: PublicRecord
    example: MembershipSnapshot | None  # the one illustrative file, labelled so everywhere
    geography: Geography  # what the importer needs to resolve communes of any vintage

    @property
    def vintage_keys(self) -> tuple[str, ...]:
        return tuple(self.vintages)


def load_example(settings: Settings, geography: Geography) -> MembershipSnapshot | None:
    """The illustrative membership file, read through the importer like any user file."""
    path = settings.data_dir / EXAMPLE_FILE
    if not path.is_file():
        return None
    result = import_membership(path, geography=geography)
    if not result.ok:
        raise ValueError(f"{path} does not import cleanly: {result.errors[:3]}")
    snapshot = result.snapshot
    if snapshot is None or not snapshot.illustrative:
        raise ValueError(f"{path} is not marked illustrative")
    return snapshot


def importer_geography(
    vintages: Mapping[str, geodata.VintageData], crosswalk: geodata.Crosswalk
) -> Geography:
    """The importer's view of the loaded geography (no second load from disk)."""
    return Geography(
        communes=lambda key: vintages[key].communes,
        translator=crosswalk,
        vintages=tuple(vintages),
        names_loader=crosswalk.names,
    )


def load_bundle(settings: Settings, vintage_keys: tuple[str, ...] | None = None) -> DataBundle:
    keys = vintage_keys or geodata.VINTAGE_KEYS
    vintages = {k: geodata.load_vintage(k, settings.geography_dir) for k in keys}
    crosswalk = geodata.load_crosswalk(settings.geography_dir)
    geography = importer_geography(vintages, crosswalk)
    return DataBundle(
        vintages=MappingProxyType(vintages),
        crosswalk=crosswalk,
        record=load_public_record(settings.data_dir / "public_record"),
        example=load_example(settings, geography),
        geography=geography,
    )


#: The exit code of ``serve`` (and of a gunicorn worker) that cannot load its data: gunicorn
#: reads 3 as "worker failed to boot" and stops instead of starting workers again.
EXIT_STARTUP = 3


class StartupError(RuntimeError):
    """The app cannot start on these folders; the message is for the person starting it."""


def _folder_problem(path: Path, what: str, env: str) -> str | None:
    """Why ``path`` cannot be read as a folder (None when it can)."""
    where = f"set {env} to the right folder"
    if os.environ.get(env):
        where += f" (or unset {env} to use the project's own)"
    try:
        if not path.exists():
            parent = next((p for p in path.parents if p.exists()), None)
            if parent is not None and not os.access(parent, os.X_OK):
                return (f"The {what} {path} cannot be reached: permission denied on {parent}. "
                        f"Give the user running the app access to it, or {where}.")  # fmt: skip
            return f"The {what} {path} does not exist: {where}."
        if not path.is_dir():
            return f"The {what} {path} is a file, not a folder: {where}."
        if not os.access(path, os.R_OK | os.X_OK):
            return (f"The {what} {path} cannot be read: permission denied. Give the user "
                    f"running the app read access to it (chmod / chown), or {where}.")  # fmt: skip
    except OSError as exc:
        return f"The {what} {path} cannot be read ({exc.strerror or exc}): {where}."
    return None


def _one_paragraph(text: object) -> str:
    return " ".join(str(text).split())


def load_for_serving(settings: Settings) -> DataBundle:
    """:func:`load_bundle` for a server: any failure to read the data folders is a
    :class:`StartupError` naming the folder or file, what is wrong and how to fix it."""
    geo_env = "CSIL_GEOGRAPHY_DIR" if os.environ.get("CSIL_GEOGRAPHY_DIR") else "CSIL_DATA_DIR"
    for path, what, env in (
        (settings.data_dir, "data folder", "CSIL_DATA_DIR"),
        (settings.geography_dir, "prepared geography folder", geo_env),
    ):
        problem = _folder_problem(Path(path), what, env)
        if problem and not (what.startswith("prepared") and "does not exist" in problem):
            raise StartupError(problem)  # a missing geography: read_manifest says how to build it
    rebuild = _one_paragraph(geodata.prepared.REBUILD_HINT)
    try:
        manifest = geodata.read_manifest(settings.geography_dir)
        if not (isinstance(manifest, dict) and isinstance(manifest.get("files"), dict)
                and isinstance(manifest.get("vintages"), dict)):  # fmt: skip
            raise geodata.PreparedDataError(
                f"{Path(settings.geography_dir) / geodata.prepared.MANIFEST} is not a manifest "
                f"of prepared geography (no files and divisions listed). {rebuild}"
            )
        return load_bundle(settings)
    except geodata.PreparedDataError as exc:
        raise StartupError(
            f"The prepared geography cannot be used: {_one_paragraph(exc)} (folder "
            f"{settings.geography_dir}, set by {geo_env})."
        ) from None
    except PermissionError as exc:
        raise StartupError(
            f"Cannot read {exc.filename or 'a data file'}: permission denied. Give the user "
            f"running the app read access to the data folders ({settings.data_dir}, "
            f"{settings.geography_dir})."
        ) from None
    except OSError as exc:
        raise StartupError(
            f"Cannot read {exc.filename or 'a data file'} ({exc.strerror or exc}). Check "
            f"CSIL_DATA_DIR ({settings.data_dir}) and CSIL_GEOGRAPHY_DIR "
            f"({settings.geography_dir}): they must be the project's data folder and its "
            f"prepared geography."
        ) from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, json.JSONDecodeError,
            UnicodeDecodeError) as exc:  # fmt: skip
        raise StartupError(
            f"The data in {settings.data_dir} (geography {settings.geography_dir}) cannot be "
            f"loaded: {type(exc).__name__}: {_one_paragraph(exc)[:300]}. A file was edited or "
            f"damaged: restore it from the project (reinstall, or git checkout), and for the "
            f"prepared geography: {rebuild}"
        ) from None
