"""Statbel REFNIS: names (FR/NL/DE) and hierarchy, valid at a date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

LEVELS = {"1": "region", "2": "province", "3": "arrondissement", "4": "commune"}
# Statbel's disambiguation suffix, e.g. "Aalst (Aalst)", "Forest (Bruxelles-Capitale)".
QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def strip_qualifier(name: str) -> str:
    """A REFNIS name without its trailing parenthesised qualifier: "Aalst (Aalst)" -> "Aalst"."""
    return QUALIFIER.sub("", name).strip()


def read_refnis(path: Path) -> pd.DataFrame:
    """All REFNIS rows with parsed validity dates."""
    df = pd.read_csv(path, sep="|", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    df = df.rename(
        columns={
            "LVL_REFNIS": "level",
            "CD_REFNIS": "code",
            "CD_SUP_REFNIS": "parent",
            "TX_REFNIS_DE": "name_de",
            "TX_REFNIS_FR": "name_fr",
            "TX_REFNIS_NL": "name_nl",
            "DT_VLDT_START": "start",
            "DT_VLDT_END": "end",
        }
    )
    df["level"] = df["level"].map(LEVELS)
    for col in ("start", "end"):
        df[col] = pd.to_datetime(df[col], format="%d/%m/%Y").dt.date
    return df


def valid_at(refnis: pd.DataFrame, day: dt.date, level: str | None = None) -> pd.DataFrame:
    """Rows valid on ``day`` (one per code), optionally of one level, indexed by code."""
    mask = (refnis["start"] <= day) & (refnis["end"] >= day)
    if level:
        mask &= refnis["level"] == level
    out = refnis[mask]
    if out["code"].duplicated().any():
        dups = out.loc[out["code"].duplicated(), "code"].tolist()
        raise ValueError(f"REFNIS has several rows valid on {day} for codes {dups[:5]}")
    return out.set_index("code")


def units_at(refnis: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Regions, provinces and arrondissements valid on ``day``."""
    rows = valid_at(refnis, day)
    rows = rows[rows["level"].isin(["region", "province", "arrondissement"])]
    return (
        rows.reset_index()[["code", "level", "parent", "name_fr", "name_nl", "name_de"]]
        .sort_values(["level", "code"])
        .reset_index(drop=True)
    )
