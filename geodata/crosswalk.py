"""Translating NIS codes between commune vintages.

All moving of data between vintages goes through :class:`Crosswalk`: forward
(several old communes -> one merged commune) and backward (one merged commune
-> its parts).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

import pandas as pd

from geodata.registry import VINTAGE_KEYS, get_vintage

CODE_COLUMNS = {v: get_vintage(v).id_column for v in VINTAGE_KEYS}
#: The crosswalk table's name columns per division (language -> column). ``en``: the English
#: names the build adds from ``data/reference/english_names.csv`` (for reading files people
#: type, never for display); the 2025 division has its Dutch name only.
NAME_COLUMNS = {
    "1977-2018": {"fr": "name_fr", "nl": "name_nl", "de": "name_de", "en": "name_en"},
    "2019-2024": {
        "fr": "name_2019_fr", "nl": "name_2019_nl", "de": "name_2019_de", "en": "name_2019_en"
    },
    "2025": {"nl": "name_2025_nl", "en": "name_2025_en"},
}  # fmt: skip


class CodeTranslator(Protocol):
    """Translates a commune code of one division into the codes of another (several when
    a commune was split back into its former parts). :class:`Crosswalk` is one; tests use
    small fakes. The one protocol every user of the crosswalk depends on."""

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]: ...


@dataclass(frozen=True, eq=False)
class Crosswalk:
    """A tidy table, one row per 1977-2018 commune, with its code in every vintage."""

    table: pd.DataFrame

    def __post_init__(self) -> None:
        missing = [c for c in CODE_COLUMNS.values() if c not in self.table.columns]
        if missing:
            raise ValueError(f"crosswalk table lacks columns {missing}")

    def codes(self, vintage: str) -> tuple[str, ...]:
        """All codes of a vintage, sorted."""
        return tuple(sorted(self.table[self._col(vintage)].unique()))

    def _col(self, vintage: str) -> str:
        try:
            return CODE_COLUMNS[vintage]
        except KeyError:
            raise KeyError(
                f"unknown vintage {vintage!r}; known: {', '.join(VINTAGE_KEYS)}"
            ) from None

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        """The code(s) in ``dst`` that cover commune ``code`` of vintage ``src``.

        Forward (to a later vintage) gives one code; backward (to an earlier one)
        gives every part of a merged commune.
        """
        src_col, dst_col = self._col(src), self._col(dst)
        rows = self.table.loc[self.table[src_col] == str(code), dst_col]
        if rows.empty:
            raise KeyError(f"NIS code {code!r} is not a commune of vintage {src}")
        return tuple(sorted(rows.unique()))

    def translate_many(
        self, codes: Iterable[str], src: str, dst: str
    ) -> dict[str, tuple[str, ...]]:
        src_col, dst_col = self._col(src), self._col(dst)
        wanted = {str(c) for c in codes}
        sub = self.table.loc[self.table[src_col].isin(wanted), [src_col, dst_col]]
        grouped = sub.groupby(src_col)[dst_col].agg(lambda s: tuple(sorted(set(s))))
        unknown = wanted - set(grouped.index)
        if unknown:
            raise KeyError(f"NIS codes not in vintage {src}: {', '.join(sorted(unknown)[:10])}")
        return grouped.to_dict()

    def mapping(self, src: str, dst: str) -> pd.DataFrame:
        """Unique (src code, dst code) pairs: the edges of the translation."""
        src_col, dst_col = self._col(src), self._col(dst)
        pairs = self.table[[src_col, dst_col]].drop_duplicates()
        return pairs.rename(columns={src_col: "src", dst_col: "dst"}).reset_index(drop=True)

    def merges(self, src: str, dst: str) -> dict[str, tuple[str, ...]]:
        """dst codes that have more than one part in src, with their parts."""
        m = self.mapping(src, dst)
        parts = m.groupby("dst")["src"].agg(lambda s: tuple(sorted(s)))
        return {k: v for k, v in parts.items() if len(v) > 1}

    def recodes(self, src: str, dst: str) -> dict[str, str]:
        """One-to-one changes of code without a boundary change (e.g. Hainaut 2019)."""
        m = self.mapping(src, dst)
        counts_dst = m.groupby("dst")["src"].transform("size")
        counts_src = m.groupby("src")["dst"].transform("size")
        one = m[(counts_dst == 1) & (counts_src == 1) & (m["src"] != m["dst"])]
        return dict(zip(one["src"], one["dst"], strict=True))

    def names(self) -> pd.DataFrame:
        """Every name the crosswalk knows: columns vintage, nis, lang, name.

        ``lang`` is ``fr``, ``nl``, ``de`` (Statbel's names) or ``en`` (English names, for
        reading files only; see :data:`NAME_COLUMNS`). A column the table lacks gives no
        names."""
        t = self.table
        frames = []
        for vintage, langs in NAME_COLUMNS.items():
            code_col = CODE_COLUMNS[vintage]
            for lang, col in langs.items():
                if col not in t.columns:
                    continue
                f = t[[code_col, col]].rename(columns={code_col: "nis", col: "name"})
                f = f.assign(vintage=vintage, lang=lang)
                frames.append(f)
        out = pd.concat(frames, ignore_index=True)
        out = out[out["name"].fillna("").str.len() > 0]
        return out[["vintage", "nis", "lang", "name"]].drop_duplicates().reset_index(drop=True)


def read_crosswalk(path: Path | IO[bytes]) -> Crosswalk:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return Crosswalk(table)
