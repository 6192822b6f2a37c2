"""The registry of commune vintages, read from ``vintages.json`` (data, not code).

A vintage is one division of Belgium into communes, valid between two dates:
``1977-2018`` (589 communes), ``2019-2024`` (581) and ``2025`` (565).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class SourceFile:
    """One input file, found in the geodata folder and verified by sha256."""

    key: str
    path: str  # relative to the geodata folder
    sha256: str
    kind: str
    producer: str
    licence: str
    attribution: str
    obtain: str
    id_column: str | None = None
    crs: str | None = None
    crs_note: str | None = None
    url: str | None = None  # public address pinned to a commit (for ``--download``)


@dataclass(frozen=True)
class PopulationSpec:
    date: dt.date
    source: str
    method: str


@dataclass(frozen=True)
class Vintage:
    key: str
    label: str
    valid_from: dt.date
    valid_to: dt.date | None
    expected_count: int
    id_column: str
    crs: str
    names_date: dt.date
    geometry_method: str  # "file" or "dissolve"
    geometry_source: str
    dissolve_from: str | None
    population: tuple[PopulationSpec, ...]
    sources: tuple[SourceFile, ...]
    credits: tuple[str, ...] = ()  # what else the division's data comes from (fact tables)

    def contains(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def producer(self) -> str:
        return self.source(self.geometry_source).producer

    @property
    def licence(self) -> str:
        return self.source(self.geometry_source).licence

    @property
    def attribution(self) -> str:
        parts = [s.attribution for s in self.sources] + list(self.credits)
        return "; ".join(dict.fromkeys(parts))

    def source(self, key: str) -> SourceFile:
        for s in self.sources:
            if s.key == key:
                return s
        raise KeyError(f"vintage {self.key} has no source {key!r}")


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("geodata").joinpath("vintages.json").read_text(encoding="utf-8")
    return json.loads(text)


def builder_version() -> int:
    return int(_raw()["builder_version"])


@cache
def source_files() -> dict[str, SourceFile]:
    out = {}
    for key, spec in _raw()["sources"].items():
        out[key] = SourceFile(key=key, **spec)
    return out


@dataclass(frozen=True)
class ReferenceFile:
    """A staged table used only to check what the project builds (never read to build)."""

    key: str
    path: str  # relative to the geodata source folder
    sha256: str
    use: str


@cache
def reference_files() -> dict[str, ReferenceFile]:
    return {k: ReferenceFile(key=k, **spec) for k, spec in _raw()["references"].items()}


@cache
def _vintages() -> tuple[Vintage, ...]:
    files = source_files()
    out = []
    for spec in _raw()["vintages"]:
        geom = spec["geometry"]
        out.append(
            Vintage(
                key=spec["key"],
                label=spec["label"],
                valid_from=_date(spec["valid_from"]),  # type: ignore[arg-type]
                valid_to=_date(spec["valid_to"]),
                expected_count=int(spec["expected_count"]),
                id_column=spec["id_column"],
                crs=spec["crs"],
                names_date=_date(spec["names_date"]),  # type: ignore[arg-type]
                geometry_method=geom["method"],
                geometry_source=geom["source"],
                dissolve_from=geom.get("from"),
                population=tuple(
                    PopulationSpec(_date(p["date"]), p["source"], p["method"])  # type: ignore[arg-type]
                    for p in spec["population"]
                ),
                sources=tuple(files[k] for k in spec["sources"]),
                credits=tuple(spec.get("credits", ())),
            )
        )
    return tuple(out)


VINTAGES: tuple[Vintage, ...] = _vintages()
VINTAGE_KEYS: tuple[str, ...] = tuple(v.key for v in VINTAGES)


def get_vintage(key: str) -> Vintage:
    for v in VINTAGES:
        if v.key == key:
            return v
    raise KeyError(f"unknown vintage {key!r}; known vintages: {', '.join(VINTAGE_KEYS)}")


def vintage_for_date(day: dt.date | str) -> Vintage:
    """The vintage in force on ``day`` (ISO string or date)."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    if isinstance(day, dt.datetime):
        day = day.date()
    for v in VINTAGES:
        if v.contains(day):
            return v
    raise ValueError(
        f"no commune vintage covers {day.isoformat()}: the registry starts on "
        f"{VINTAGES[0].valid_from.isoformat()}"
    )
