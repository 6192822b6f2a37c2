"""The geography an import resolves communes against: communes per division, the crosswalk and the
names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.coverage.names import NameMatcher
from geodata.crosswalk import CodeTranslator


def _default_vintage_for_date(day: dt.date) -> str:
    import geodata

    return geodata.vintage_for_date(day).key


class _LazyCrosswalk:
    """``geodata.load_crosswalk`` read on first use (a broken file is reported even
    where the prepared geography is missing)."""

    def __init__(self, geography_dir: Path) -> None:
        self.geography_dir = geography_dir
        self._cw: Any = None

    def _get(self) -> Any:
        if self._cw is None:
            import geodata

            self._cw = geodata.load_crosswalk(self.geography_dir)
        return self._cw

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        return tuple(self._get().translate(code, src, dst))

    def translate_many(self, codes: Any, src: str, dst: str) -> dict[str, tuple[str, ...]]:
        return dict(self._get().translate_many(codes, src, dst))

    def names(self) -> pd.DataFrame:
        return self._get().names()


@dataclass(frozen=True, eq=False)
class Geography:
    """What the importer needs to know about communes; injectable for tests.

    ``communes``: vintage key -> frame (docs/CONTRACTS.md); ``translator``: a crosswalk
    (``translate(code, src, dst)``); ``names``: every historical name (vintage, nis, lang,
    name), or ``names_loader`` to read it on first use.
    """

    communes: Callable[[str], pd.DataFrame]
    translator: CodeTranslator | None = None
    names: pd.DataFrame | None = None
    vintage_for_date: Callable[[dt.date], Any] = _default_vintage_for_date
    vintages: tuple[str, ...] = ()
    names_loader: Callable[[], pd.DataFrame] | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_geodata(cls, geography_dir: Path | None = None) -> Geography:
        """The prepared geography (``geodata.load_communes`` / ``load_crosswalk``), read
        lazily; by default the project's shipped ``data/geography``."""
        import geodata
        from dashboard import files

        folder = geography_dir or files.geography_dir()
        crosswalk = _LazyCrosswalk(folder)
        return cls(
            communes=lambda key: geodata.load_communes(key, folder),
            translator=crosswalk,
            vintages=tuple(geodata.VINTAGE_KEYS),
            names_loader=crosswalk.names,
        )

    def vintage_key(self, day: dt.date) -> str:
        found = self.vintage_for_date(day)
        return str(getattr(found, "key", found))

    def name_table(self) -> pd.DataFrame | None:
        if self.names is not None or self.names_loader is None:
            return self.names
        if "names" not in self._cache:
            self._cache["names"] = self.names_loader()
        return self._cache["names"]

    def frame(self, vintage: str) -> pd.DataFrame:
        key = f"frame:{vintage}"
        if key not in self._cache:
            self._cache[key] = self.communes(vintage)
        return self._cache[key]

    def matcher(self, vintage: str) -> NameMatcher:
        key = f"matcher:{vintage}"
        if key not in self._cache:
            self._cache[key] = NameMatcher(
                self.frame(vintage), vintage, self.name_table(), self.translator, self.vintages
            )
        return self._cache[key]
