"""A small synthetic Belgian geography for the membership importer tests.

Real-looking names in FR / NL / DE with a Saint / Sint pair, an ambiguous name
("Saint-Nicolas"), a 2019 merger (Puurs + Sint-Amands), a 2019 re-coding (La Louvière)
and 2025 mergers (Borsbeek into Antwerpen, Meulebeke + Tielt). The crosswalk is the real
``geodata.Crosswalk`` class over a synthetic table.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from dashboard.coverage.importer import Geography, ImportResult, import_membership
from geodata import VINTAGE_KEYS, Crosswalk, vintage_for_date

TODAY = dt.date(2025, 12, 31)
HEADER = "nis_code,commune,status,cell,as_of,source_comment\n"

# nis77, nl, fr, de, nis19, nis25, name25 (nl, fr), region, german_speaking
_ROWS = [
    ("11001", "Aartselaar", "Aartselaar", "Aartselaar", "11001", "11001", None, "02000", False),
    ("11002", "Antwerpen", "Anvers", "Antwerpen", "11002", "11002", None, "02000", False),
    ("11004", "Boechout", "Boechout", "Boechout", "11004", "11004", None, "02000", False),
    ("11007", "Borsbeek", "Borsbeek", "Borsbeek", "11007", "11002", ("Antwerpen", "Anvers"),
     "02000", False),
    ("12030", "Puurs", "Puurs", "Puurs", "12041", "12041", None, "02000", False),
    ("12034", "Sint-Amands", "Sint-Amands", "Sint-Amands", "12041", "12041", None, "02000",
     False),
    ("21013", "Sint-Gillis", "Saint-Gilles", "Sankt Gilles", "21013", "21013", None, "04000",
     False),
    ("24135", "Tielt-Winge", "Tielt-Winge", "Tielt-Winge", "24135", "24135", None, "02000",
     False),
    ("37007", "Meulebeke", "Meulebeke", "Meulebeke", "37007", "37022", ("Tielt", "Tielt"),
     "02000", False),
    ("37015", "Tielt", "Tielt (Tielt)", "Tielt", "37015", "37022", ("Tielt", "Tielt"),
     "02000", False),
    ("46021", "Sint-Niklaas (Sint-Niklaas)", "Saint-Nicolas (Saint-Nicolas)",
     "Sint-Niklaas (Sint-Niklaas)", "46021", "46021", None, "02000", False),
    ("55022", "La Louvière", "La Louvière", "La Louvière", "58001", "58001", None, "03000",
     False),
    ("62093", "Saint-Nicolas (Luik)", "Saint-Nicolas (Liège)", "Saint-Nicolas (Lüttich)",
     "62093", "62093", None, "03000", False),
    ("63067", "Sankt Vith", "Saint-Vith", "Sankt Vith", "63067", "63067", None, "03000", True),
]  # fmt: skip

_2019_NAMES = {"12041": ("Puurs-Sint-Amands", "Puurs-Sint-Amands", "Puurs-Sint-Amands")}


def crosswalk_table() -> pd.DataFrame:
    rows = []
    for nis77, nl, fr, de, nis19, nis25, name25, region, dg in _ROWS:
        n19 = _2019_NAMES.get(nis19, (nl, fr, de))
        n25 = name25 or (n19[0], n19[1])
        rows.append({
            "nis_1977_2018": nis77, "name_nl": nl, "name_fr": fr, "name_de": de,
            "nis_2019_2024": nis19, "name_2019_nl": n19[0], "name_2019_fr": n19[1],
            "name_2019_de": n19[2], "nis_2025": nis25, "name_2025_nl": n25[0],
            "name_2025_fr": n25[1], "region": region, "german_speaking": dg,
        })  # fmt: skip
    return pd.DataFrame(rows)


def communes_by_vintage() -> dict[str, pd.DataFrame]:
    t = crosswalk_table()
    specs = {
        "1977-2018": ("nis_1977_2018", "name_fr", "name_nl", "name_de"),
        "2019-2024": ("nis_2019_2024", "name_2019_fr", "name_2019_nl", "name_2019_de"),
        "2025": ("nis_2025", "name_2025_fr", "name_2025_nl", "name_2025_nl"),
    }
    out = {}
    for key, (code, fr, nl, de) in specs.items():
        f = t.drop_duplicates(code)[[code, fr, nl, de, "region", "german_speaking"]]
        f.columns = ["nis", "name_fr", "name_nl", "name_de", "region", "german_speaking"]
        out[key] = f.sort_values("nis").reset_index(drop=True)
    return out


def geography() -> Geography:
    cw = Crosswalk(crosswalk_table())
    frames = communes_by_vintage()
    return Geography(
        communes=frames.__getitem__,
        translator=cw,
        names=cw.names(),
        vintage_for_date=vintage_for_date,
        vintages=VINTAGE_KEYS,
    )


def run(content: bytes | str, name: str = "m.csv", **kw: object) -> ImportResult:
    data = content.encode("utf-8") if isinstance(content, str) else content
    kw.setdefault("today", TODAY)
    kw.setdefault("geography", geography())
    return import_membership(data, filename=name, **kw)  # type: ignore[arg-type]


def xlsx(
    rows: list[list[object]],
    *,
    title: str = "Membres",
    merged: tuple[str, ...] = (),
    extra_sheets: tuple[str, ...] = (),
) -> bytes:
    """An .xlsx workbook written by openpyxl: ``rows`` on the first sheet."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for rng in merged:
        ws.merge_cells(rng)
    for name in extra_sheets:
        wb.create_sheet(name)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_text(*lines: str, header: str = HEADER) -> str:
    return header + "".join(line + "\n" for line in lines)
