"""A seeded, clearly labelled *illustrative* membership file (synthetic, not real data).

It matches the region totals published for 27 May 2016 (FPS Interior survey, source S00):
cells and communes involved per region. Which communes are involved is random (seeded):

- a shared cell groups neighbouring communes (``neighbours``) of one police zone
  (``police_zone``); the other cells are own cells;
- every commune not involved gets ``none``, not ``unknown``: the 2016 survey went to every
  mayor, and its totals count the communes involved, so the published picture is "the rest
  had no cell". (A file built to show what is *publicly known* per commune would use
  ``unknown``; that is :func:`dashboard.coverage.public_record.public_snapshot`.)

Every row's ``source_comment`` is ``ILLUSTRATIVE — synthetic`` and a sidecar
``<name>.meta.json`` says ``{"illustrative": true, ...}``.

Generate the repository file with ``python -m dashboard.coverage.example``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from dashboard import files
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from geodata.belgium import BRUSSELS, FLANDERS, WALLONIA

AS_OF = dt.date(2016, 5, 27)
VINTAGE = "1977-2018"
SOURCE = "S00"
ILLUSTRATIVE_COMMENT = "ILLUSTRATIVE — synthetic"
GENERATOR = "dashboard.coverage.example.build_illustrative_example"
TEMPLATE_COLUMNS = ("nis_code", "commune", "status", "cell", "as_of", "source_comment")
# region code -> (cells, communes involved), 27 May 2016 (S00)
TARGETS_2016: Mapping[str, tuple[int, int]] = {
    FLANDERS: (77, 112),
    WALLONIA: (19, 27),
    BRUSSELS: (13, 13),
}
REGION_TAG = {FLANDERS: "VLG", WALLONIA: "WAL", BRUSSELS: "BRU"}
MAX_SHARED_SIZE = 4
DEFAULT_OUTPUT = files.data_dir() / "example_membership_illustrative.csv"


def _name(row: pd.Series) -> str:
    if row["region"] == FLANDERS:
        return str(row["name_nl"])
    if bool(row.get("german_speaking", False)):
        return str(row.get("name_de") or row["name_fr"])
    return str(row["name_fr"])


def _shared_cells(
    region: pd.DataFrame, n_cells: int, n_communes: int, rng: random.Random
) -> list[list[str]] | None:
    """Groups of neighbouring same-zone communes adding ``n_communes - n_cells`` members."""
    zone = dict(zip(region["nis"], region["police_zone"], strict=True))
    neighbours = {
        n: [m for m in nb if m in zone and zone[m] == zone[n] and zone[n] != ""]
        for n, nb in zip(region["nis"], region["neighbours"], strict=True)
    }
    extra = n_communes - n_cells
    used: set[str] = set()
    groups: list[list[str]] = []
    codes = sorted(zone)
    while extra > 0:
        if len(groups) >= n_cells:
            return None
        starts = [c for c in codes if c not in used and any(m not in used for m in neighbours[c])]
        if not starts:
            return None
        group = [rng.choice(starts)]
        size = min(extra + 1, rng.randint(2, MAX_SHARED_SIZE))
        while len(group) < size:
            frontier = sorted({m for g in group for m in neighbours[g]} - used - set(group))
            if not frontier:
                break
            group.append(rng.choice(frontier))
        if len(group) < 2:
            return None
        used.update(group)
        groups.append(sorted(group))
        extra -= len(group) - 1
    return groups


def _region_cells(
    region: pd.DataFrame, n_cells: int, n_communes: int, rng: random.Random, tag: str
) -> list[Cell]:
    if n_communes > len(region) or n_cells > n_communes:
        raise ValueError(
            f"region {tag}: cannot place {n_cells} cells over {n_communes} communes "
            f"in a frame of {len(region)} communes"
        )
    for _attempt in range(200):
        groups = _shared_cells(region, n_cells, n_communes, rng)
        if groups is None:
            continue
        used = {m for g in groups for m in g}
        rest = sorted(set(region["nis"]) - used)
        own = sorted(rng.sample(rest, n_cells - len(groups)))
        all_groups = sorted(groups + [[c] for c in own])
        return [
            Cell(f"ILL-{tag}-{i:03d}", f"Illustrative cell {tag} {i}", tuple(g))
            for i, g in enumerate(all_groups, start=1)
        ]
    raise ValueError(
        f"region {tag}: no placement of {n_cells} cells over {n_communes} communes with "
        "shared cells of neighbouring same-police-zone communes (check neighbours/police_zone)"
    )


def build_illustrative_cells(
    communes_frame: pd.DataFrame,
    seed: int = 2016,
    targets: Mapping[str, tuple[int, int]] = TARGETS_2016,
) -> list[Cell]:
    rng = random.Random(seed)
    cells: list[Cell] = []
    for region_code, (n_cells, n_communes) in sorted(targets.items()):
        region = communes_frame[communes_frame["region"] == region_code].sort_values("nis")
        cells += _region_cells(
            region, n_cells, n_communes, rng, REGION_TAG.get(region_code, region_code)
        )
    return cells


def build_illustrative_example(
    communes_frame: pd.DataFrame,
    seed: int = 2016,
    targets: Mapping[str, tuple[int, int]] = TARGETS_2016,
) -> pd.DataFrame:
    """The illustrative membership table (template columns), one row per commune."""
    cells = build_illustrative_cells(communes_frame, seed, targets)
    cell_of = {m: c for c in cells for m in c.members}
    rows = []
    for _, row in communes_frame.sort_values("nis").iterrows():
        cell = cell_of.get(row["nis"])
        if cell is None:
            status, cell_id = Status.NONE, ""
        else:
            status = Status.SHARED_CELL if cell.shared else Status.OWN_CELL
            cell_id = cell.cell_id
        rows.append(
            {
                "nis_code": row["nis"],
                "commune": _name(row),
                "status": status.value,
                "cell": cell_id,
                "as_of": AS_OF.isoformat(),
                "source_comment": ILLUSTRATIVE_COMMENT,
            }
        )
    return pd.DataFrame(rows, columns=list(TEMPLATE_COLUMNS))


def example_snapshot(table: pd.DataFrame, vintage: str = VINTAGE) -> MembershipSnapshot:
    """The illustrative table as a snapshot (for metrics and tests; the importer does the
    same for real files)."""
    members: dict[str, list[str]] = {}
    for r in table.itertuples():
        if r.cell:
            members.setdefault(r.cell, []).append(r.nis_code)
    cells = tuple(Cell(cid, cid, tuple(sorted(m))) for cid, m in sorted(members.items()))
    statuses = tuple(
        CommuneStatus(
            r.nis_code, Status(r.status), r.cell or None, "illustrative", r.source_comment
        )
        for r in table.itertuples()
    )
    return MembershipSnapshot(
        as_of=dt.date.fromisoformat(table["as_of"].iloc[0]),
        vintage=vintage,
        statuses=statuses,
        cells=cells,
        source="illustrative example",
        illustrative=True,
        metadata=(("illustrative", "true"),),
    )


def metadata(seed: int) -> dict[str, object]:
    return {
        "illustrative": True,
        "synthetic": True,
        "seed": seed,
        "generator": GENERATOR,
        "as_of": AS_OF.isoformat(),
        "vintage": VINTAGE,
        "matches": "region totals of cells and communes involved, 27 May 2016 (source S00)",
        "uninvolved_status": "none",
    }


def write_illustrative_example(
    communes_frame: pd.DataFrame,
    path: Path = DEFAULT_OUTPUT,
    seed: int = 2016,
    targets: Mapping[str, tuple[int, int]] = TARGETS_2016,
) -> Path:
    """Write the CSV and its ``.meta.json`` sidecar; return the CSV path."""
    table = build_illustrative_example(communes_frame, seed, targets)
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    meta_path = path.with_suffix(".meta.json")
    meta_path.write_text(json.dumps(metadata(seed), indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path


def main() -> None:  # pragma: no cover - thin wrapper around real geodata
    import geodata

    out = write_illustrative_example(geodata.load_communes(VINTAGE, files.geography_dir()))
    print(f"wrote {out} and {out.with_suffix('.meta.json')}")


if __name__ == "__main__":  # pragma: no cover
    main()
