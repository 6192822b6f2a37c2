"""Tiny synthetic geography and public record for coverage tests (no real data)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

OLD, NEW = "1977-2018", "2019-2024"

# nis, region, german_speaking, province, arrondissement, police_zone, population, neighbours
_COMMUNES = [
    ("11001", "02000", False, "10000", "11000", "5001", 1000, ("11002",)),
    ("11002", "02000", False, "10000", "11000", "5001", 2000, ("11001", "11003")),
    ("11003", "02000", False, "10000", "11000", "5002", 3000, ("11002", "11004")),
    ("11004", "02000", False, "20000", "24000", "5002", 4000, ("11003",)),
    ("63001", "03000", True, "60000", "63000", "5287", 500, ("63002",)),
    ("63002", "03000", True, "60000", "63000", "5287", 600, ("63001", "63003")),
    ("63003", "03000", False, "60000", "63000", "5288", 700, ("63002", "63004")),
    ("63004", "03000", False, "60000", "63000", "5288", 800, ("63003",)),
    ("21001", "04000", False, "", "21000", "5339", 10000, ("21002",)),
    ("21002", "04000", False, "", "21000", "5339", 20000, ("21001",)),
]


def communes_frame(codes: list[str] | None = None) -> pd.DataFrame:
    """A communes frame with the columns of docs/CONTRACTS.md (subset used here)."""
    rows = []
    for nis, region, dg, prov, arr, pz, pop, nb in _COMMUNES:
        if codes is not None and nis not in codes:
            continue
        rows.append(
            {
                "nis": nis,
                "name_fr": f"Commune {nis}",
                "name_nl": f"Gemeente {nis}",
                "name_de": f"Gemeinde {nis}",
                "arrondissement": arr,
                "province": prov,
                "region": region,
                "german_speaking": dg,
                "population": pop,
                "police_zone": pz,
                "police_zone_name": f"PZ {pz}",
                "neighbours": nb,
            }
        )
    return pd.DataFrame(rows)


class FakeCrosswalk:
    """Same ``translate`` as geodata.Crosswalk over (old, new) code pairs.

    Default: 11001 + 11002 merge into 11099 (2019); 63004 is re-coded 63104; others equal."""

    def __init__(self, pairs: list[tuple[str, str]] | None = None) -> None:
        if pairs is None:
            pairs = [(c[0], c[0]) for c in _COMMUNES]
            pairs = [(o, {"11001": "11099", "11002": "11099", "63004": "63104"}.get(o, n))
                     for o, n in pairs]  # fmt: skip
        self.table = pd.DataFrame(pairs, columns=[OLD, NEW])

    def translate(self, code: str, src: str, dst: str) -> tuple[str, ...]:
        rows = self.table.loc[self.table[src] == code, dst]
        if rows.empty:
            raise KeyError(f"NIS code {code!r} is not a commune of vintage {src}")
        return tuple(sorted(rows.unique()))


def new_frame() -> pd.DataFrame:
    """The 2019 synthetic frame matching FakeCrosswalk()."""
    old = communes_frame()
    new = old[~old["nis"].isin(["11001", "11002"])].copy()
    new.loc[new["nis"] == "63004", "nis"] = "63104"
    merged = old[old["nis"] == "11001"].copy()
    merged["nis"] = "11099"
    merged["population"] = 3000
    return pd.concat([merged, new], ignore_index=True).sort_values("nis").reset_index(drop=True)


SNAPSHOT_COLUMNS = ["as_of", "as_of_precision", "published", "geography", "measure", "value",
                    "source_id", "is_default", "conflict_with", "corroborated_by", "restates",
                    "alt_value_same_source", "wal_includes_dg", "part_of",
                    "secondhand"]  # fmt: skip
FACT_COLUMNS = ["nis_1977_2018", "name_as_published", "fact", "year", "year_approximate",
                "amount_eur", "amount_scope", "source_id", "is_default", "conflict_with",
                "corroborated_by", "basis", "cell_group", "group_cells", "police_zone",
                "fact_date"]  # fmt: skip
#: Test sources: one dated to the day, one to the year only, one undated.
SOURCE_DATES = {"T1": ("2016-01-10", "day"), "T2": ("2016", "year"), "T3": ("", "")}


def snapshot_row(as_of: str, geography: str, measure: str, value: int, source: str = "T1",
                 **extra: object) -> dict[str, object]:  # fmt: skip
    precision = {10: "day", 7: "month", 4: "year"}[len(as_of)]
    row: dict[str, object] = dict.fromkeys(SNAPSHOT_COLUMNS, "")
    row.update(as_of=as_of, as_of_precision=precision, geography=geography, measure=measure,
               value=value, source_id=source, is_default=True, secondhand=False)  # fmt: skip
    row.update(extra)
    return row


def fact_row(nis: str, fact: str, year: int, source: str = "T1", **extra: object) -> dict:
    row: dict[str, object] = dict.fromkeys(FACT_COLUMNS, "")
    row.update(nis_1977_2018=nis, name_as_published=f"Commune {nis}", fact=fact, year=year,
               year_approximate=False, source_id=source, is_default=True,
               basis="stated")  # fmt: skip
    row.update(extra)
    return row


def write_record(directory: Path, snapshots: list[dict], facts: list[dict] | None = None) -> Path:
    """Write a minimal public record (five CSVs) into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    snaps = pd.DataFrame(snapshots, columns=SNAPSHOT_COLUMNS)
    snaps.to_csv(directory / "snapshots.csv", index=False)
    facts_frame = pd.DataFrame(facts or [], columns=FACT_COLUMNS)
    facts_frame.to_csv(directory / "commune_facts.csv", index=False)
    pd.DataFrame(
        [{"programme_id": "P1", "short_name": "test", "year": 2015, "level": "federal",
          "region": "BE", "kind": "funding", "total_eur": "", "total_kind": "",
          "communes_count": "", "source_id": "T1", "flag": "", "year_approximate": False}]
    ).to_csv(directory / "programmes.csv", index=False)  # fmt: skip
    pd.DataFrame(
        columns=["programme_id", "measure", "value", "unit", "source_id", "conflict_with",
                 "corroborated_by", "is_default"]
    ).to_csv(directory / "programme_figures.csv", index=False)  # fmt: skip
    pd.DataFrame(
        [{"source_id": s, "publisher": f"Test {s}", "title": f"Test source {s}",
          "kind": "official", "date": date, "date_precision": precision, "url": ""}
         for s, (date, precision) in SOURCE_DATES.items()]
    ).to_csv(directory / "sources.csv", index=False)  # fmt: skip
    return directory
