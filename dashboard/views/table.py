"""The commune table (the map's table twin) and the CSV export of a view."""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.views.data import Shown, commune_frame, flag_texts
from dashboard.views.map import status_text


def export_frame(shown: Shown, frame: pd.DataFrame, mask: pd.Series, lang: str) -> pd.DataFrame:
    """The commune table as a file: machine-readable columns, every status with its source
    and date, every flag with its source and date, the population with its date, and the
    data's origin on every row (an illustrative dataset says so on every row)."""
    sel = frame[mask]
    if shown.illustrative:
        origin = i18n.t("notice.illustrative", lang)
    elif shown.kind == "public":
        origin = i18n.t("dataset.public", lang)
    else:
        origin = shown.snapshot.source
    return pd.DataFrame({
        "nis_code": sel["nis"], "commune": sel["name"], "region": sel["region"],
        "province": sel["province"], "status": sel["status"],
        "partly_covered": sel["covered"] & sel["partial"],
        "status_date": sel["status_date"], "status_source": sel["source"],
        "status_basis": sel["status_basis"], "cell": sel["cell_name"],
        "cell_members": sel["cell_members"], "population": sel["population"].astype(int),
        "population_date": sel["population_date"],
        "population_source": "Statbel" + sel["population_note"].map(
            lambda n: f" ({n})" if n else ""),
        "flags": [";".join(f"{flag} ({src} {date})" for flag, src, date in d)
                  for d in sel["flag_details"]],
        "view_date": shown.date_key, "commune_division": shown.vintage, "data": origin,
    })  # fmt: skip


def commune_table_rows(bundle: DataBundle, shown: Shown, lang: str) -> list[dict]:
    """Every row of the table twin, built once per (dataset, date, language); the browser
    shows those the filters' mask selects."""
    return list(_commune_table_rows(bundle, shown, lang))


def selected_rows(rows: list[dict], mask: str) -> list[dict]:
    """The rows a mask selects ("1" = shown), as the browser filters them."""
    return [row for row, keep in zip(rows, mask, strict=True) if keep == "1"]


@lru_cache(maxsize=128)
def _commune_table_rows(bundle: DataBundle, shown: Shown, lang: str) -> tuple[dict, ...]:
    frame = commune_frame(bundle, shown, lang)
    everything = pd.Series(True, index=frame.index)
    table = commune_table(frame, everything, lang, shown.origin, shown.illustrative)
    return tuple(table.to_dict(orient="records"))


def commune_table(
    frame: pd.DataFrame, mask: pd.Series, lang: str, origin: str = "", illustrative: bool = False
) -> pd.DataFrame:
    sel = frame[mask]
    names = sel["name"]
    if lang == "de" and "name_de_fallback" in sel:  # the region's name, labelled
        names = names.where(~sel["name_de_fallback"].astype(bool),
                            names + f" ({i18n.t('name.no_german', lang)})")  # fmt: skip
    return pd.DataFrame({
        "name": names,
        "nis": sel["nis"],
        "region": [i18n.region_label(r, lang) for r in sel["region"]],
        "status": [status_text(r, lang, origin, illustrative)
                   for r in sel.to_dict(orient="records")],
        "cell": sel["cell_members"],
        "population": sel["population"].astype(int),
        "flags": ["; ".join(flag_texts(d, lang)) for d in sel["flag_details"]],
    })  # fmt: skip
