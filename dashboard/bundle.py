"""Everything loaded once at start-up, frozen, shared read-only by all callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
