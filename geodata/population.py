"""Population per commune from the staged Statbel-derived tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def _clean_code(s: pd.Series) -> pd.Series:
    return s.astype(str).str.strip().str.zfill(5)


def read_population_2016(path: Path) -> pd.Series:
    """1 Jan 2016 on the 589 communes (columns Gemeentecode, population)."""
    df = pd.read_csv(path, dtype=str)
    return pd.Series(
        df["population"].astype(int).to_numpy(), index=_clean_code(df["Gemeentecode"]), name="pop"
    )


def read_population_2018(path: Path) -> pd.Series:
    """1 Jan 2018 on the 589 communes (``inhabitants`` has thousands separators)."""
    df = pd.read_csv(path, dtype=str)
    values = df["inhabitants"].str.replace(",", "", regex=False).astype(int)
    return pd.Series(values.to_numpy(), index=_clean_code(df["NIS_code"]), name="pop")


def read_population_2020(path: Path) -> pd.Series:
    """1 Jan 2020 by place of residence; includes country/region/province rows, which the
    caller drops by keeping only the vintage's commune codes."""
    df = pd.read_csv(path, dtype=str, encoding="utf-8-sig")
    return pd.Series(
        df["Totaal"].astype(int).to_numpy(), index=_clean_code(df["NIS code"]), name="pop"
    )


READERS = {
    "population_2016": read_population_2016,
    "population_2018": read_population_2018,
    "population_2020": read_population_2020,
}
