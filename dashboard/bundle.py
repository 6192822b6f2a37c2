"""Everything loaded once at start-up, frozen, shared read-only by all callbacks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import geodata
from dashboard.settings import Settings


@dataclass(frozen=True, eq=False)
class DataBundle:
    vintages: Mapping[str, geodata.VintageData]
    crosswalk: geodata.Crosswalk

    @property
    def vintage_keys(self) -> tuple[str, ...]:
        return tuple(self.vintages)


def load_bundle(settings: Settings, vintage_keys: tuple[str, ...] | None = None) -> DataBundle:
    keys = vintage_keys or geodata.VINTAGE_KEYS
    vintages = {
        k: geodata.load_vintage(
            k, settings.geodata_dir, settings.cache_dir, sectors_file=settings.sectors_file
        )
        for k in keys
    }
    return DataBundle(
        vintages=MappingProxyType(vintages),
        crosswalk=geodata.load_crosswalk(settings.geodata_dir),
    )
