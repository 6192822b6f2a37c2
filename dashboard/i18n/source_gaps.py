"""English messages of the gap explorer and the ranking (issue 13).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -------------------- Gap explorer
    "gaps.title": "Communes without a cell, most populous first",
    "gaps.help": (
        "Choose a row (click it, or press Space on a focused row) to zoom the map to that "
        "commune and outline the communes with a cell it could join. The filters on the left "
        "choose the communes listed."
    ),
    "gaps.summary": (
        "Communes without a cell: {communes}, with {population} inhabitants; of these, next to "
        "a commune with a cell: {bordering} ({bordering_population} inhabitants). Communes "
        "shown: {selected}."
    ),
    "gaps.summary_planned": (
        "Communes with only a planned cell (listed too, marked “Planned”): {communes}, with "
        "{population} inhabitants; of these, next to a commune with a cell: {bordering}."
    ),
    "gaps.summary_unknown": (
        "Communes shown whose status is unknown, not counted as without a cell: {communes} "
        "({population} inhabitants)."
    ),
    "gaps.mostly_unknown": (
        "No source gives a status for {unknown} of the {communes} communes shown ({share}): "
        "their status is unknown, so they are neither counted as without a cell nor listed. "
        "What the sources say of the others: with a cell {covered}, without one {none}, "
        "planned {planned}."
    ),
    "gaps.basis.public": (
        "Statuses: the public record as known on {date} (sources {sources}); population: "
        "{population}."
    ),
    "gaps.basis.public_none": (
        "Statuses: the public record as known on {date}, which gives no status for these "
        "communes; population: {population}."
    ),
    "gaps.basis.file": "Statuses: the file {file}, dated {date}; population: {population}.",
    "gaps.basis.example": (
        "Statuses: the illustrative example (invented data), dated {date}; population: "
        "{population}."
    ),
    "gaps.no_rows": "No commune shown is known to be without a cell.",
    "gaps.cell_not_identified": "cell not identified",
    "gaps.col.rank": "Rank",
    "gaps.col.status_file": "Status (file {file}, {date})",
    "gaps.col.status_example": "Status (illustrative example, {date})",
    "gaps.col.area": "Province or region",
    "gaps.col.neighbours": "Neighbours with a cell",
    "gaps.col.zone_mates": "Communes of its police zone with a cell",
    "gaps.col.cells": "Their cells",
    "gaps.col.joining": "Inhabitants joining would cover",
    "gaps.col.unknown_neighbours": "Neighbours of unknown status",
    "gaps.detail.title": "Chosen commune",
    "gaps.detail.candidates": "Communes with a cell it could join (outlined on the map): {names}.",
    "gaps.detail.joining": (
        "Joining one of their cells would cover {population} more inhabitants ({source})."
    ),
    "gaps.detail.no_candidate": (
        "No neighbour and no commune of its police zone is known to have a cell."
    ),
    "gaps.detail.unknown_neighbours": "Neighbours whose status no source gives: {names}.",
    "gaps.detail.map": (
        "On the map: the commune is marked with a star, the communes it could join are outlined "
        "in black."
    ),
    # -------------------- Ranking
    "gaps.ranking.title.region": "Regions ranked by coverage",
    "gaps.ranking.title.province": "Provinces ranked by coverage",
    "gaps.ranking.title.arrondissement": "Arrondissements ranked by coverage",
    "gaps.ranking.title.police_zone": "Police zones ranked by coverage",
    "gaps.ranking.help": (
        "The breakdown level above chooses the areas, the filters on the left the communes "
        "counted. Order: share of communes with a cell, then share of the population covered; "
        "equal shares share a rank."
    ),
    "gaps.ranking.axis": (
        "Share of the area's communes by status; ◆ share of its population covered; vertical "
        "lines: Belgium and its regions (all their communes)"
    ),
    "gaps.ranking.chart_name": "Ranking chart (the table below gives the same values)",
    "gaps.ranking.filtered": (
        "Counted: the {selected} of {total} communes the filters select, each area over its "
        "selected communes only; areas without one are left out. The reference values count "
        "every commune of Belgium and of each region."
    ),
    "gaps.ranking.mostly_unknown": (
        "No source gives a status for {unknown} of the {communes} communes counted ({share}): "
        "they are shown as unknown (grey), never as without a cell. The shares covered count "
        "only the communes a source names, so they are lower bounds."
    ),
    "gaps.ranking.some_unknown": (
        "Communes counted whose status is unknown, shown in grey and not as without a cell: "
        "{unknown}."
    ),
    "gaps.ranking.published": (
        "These shares are computed from the communes the sources name one by one. The counts "
        "published for Belgium and the regions (the breakdown above) also cover communes no "
        "source names, and can be higher."
    ),
    "gaps.ranking.no_brussels_province": (
        "The Brussels-Capital Region has no province: its communes are not in this ranking."
    ),
    "gaps.ranking.reference": "Reference",
    "gaps.ranking.col.covered": "With a cell",
    # -------------------- An area's peer groups (Ranking tab)
    "gaps.peers.choose": "Compare with its peers:",
    "gaps.peers.help": (
        "Choose an area (in this list, or a row of the table: click it or press Space on a "
        "focused row) to see it against the areas bordering it, the areas of its region or "
        "province, and the areas closest to it in population, with its rank in each group."
    ),
    "gaps.peers.title": "Peer groups of {name}",
    "gaps.peers.counted": (
        "Computed from every commune of each area, whatever the filters; ranked as above "
        "(share of communes with a cell, then share of the population covered). The area "
        "chosen is in bold."
    ),
    "gaps.peers.rank": "Its rank in this group: {rank} of {ranked}",
    "gaps.peers.kind.neighbours": (
        "The bordering {levels} (one of their communes borders one of its own)"
    ),
    "gaps.peers.kind.country": "All the {levels} of Belgium",
    "gaps.peers.kind.parent": "{parent}: all its {levels}",
    "gaps.peers.kind.population_band": (
        "The {count} {levels} closest to it in population ({low} to {high} inhabitants)"
    ),
    "gaps.peers.levels.region": "regions",
    "gaps.peers.levels.province": "provinces",
    "gaps.peers.levels.arrondissement": "arrondissements",
    "gaps.peers.levels.police_zone": "police zones",
    "gaps.peers.col.rank": "Rank in the group",
}
