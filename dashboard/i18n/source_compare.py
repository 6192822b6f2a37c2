"""English messages of the comparison of two areas or two dates (issue 13).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -------------------- controls
    "compare.intro": (
        "Compare two areas at the date shown at the left, or one area at two dates: choose an "
        "area in the first list and, in the second, another area or a date."
    ),
    "compare.control.a": "First area",
    "compare.control.b": "Compare with (another area, or the same area on another date)",
    "compare.placeholder_default": "{name} (default)",
    "compare.option.date": "The same area, {date}",
    "compare.option.elsewhere": "{name} (not in the {period} division)",
    "compare.area.province": "Province of {name}",
    # -------------------- what is compared
    "compare.default": (
        "Nothing chosen yet: {a} and {b} are compared by default. Choose other areas, or a "
        "date, above."
    ),
    "compare.default_a": "No first area chosen: {a} is shown by default.",
    "compare.default_b": "Nothing chosen to compare with: {b} is shown by default.",
    "compare.same_area": "The same area is chosen twice: choose another area or a date.",
    "compare.same_date": (
        "The date chosen is the date shown: choose another date, or move the date at the left."
    ),
    "compare.title.areas": "{a} and {b}, {date}",
    "compare.title.dates": "{area}: {earlier} and {later}",
    "compare.side.heading": "{area} — {date}",
    "compare.filters_ignored": (
        "The comparison shows every commune of the areas chosen: the filters at the left do not "
        "apply to it."
    ),
    "compare.dates_public_only": (
        "Two dates can be compared on the public record only: {file} has one date ({date}). "
        "Choose an area in the second list, or the public record at the left."
    ),
    "compare.no_date": "No figure is published for {date}: choose a date in the list.",
    "compare.unknown_area": (
        "{area} has no commune in the {period} division: choose another area."
    ),
    "compare.division.areas": (
        "Both maps show communes of the {period} division ({count} communes)."
    ),
    "compare.division.carried": (
        "Both dates are shown on the later division, {period} ({count} communes). The statuses "
        "of the earlier date ({date}, stated on the {from_period} division) were carried over "
        "through the crosswalk: a merged commune takes the statuses of its former communes, and "
        "where only some of them were covered it is shown as partly covered."
    ),
    "compare.division.dates_same": (
        "Both dates are on the {period} division ({count} communes): nothing was carried over."
    ),
    "compare.mostly_unknown": (
        "The status of most communes is unknown here ({left} and {right} of the communes): the "
        "counts below cover only the communes a source names, and an unknown status is never "
        "counted as “no cell”."
    ),
    # -------------------- where each side's figures come from
    "compare.side.computed": "Computed from {data} ({date}): {sources}; {period} division.",
    "compare.data.public": "the public record",
    "compare.data.file": "the file {file}",
    "compare.data.example": "the illustrative example {file}",
    "compare.side.sources": "statuses from sources {ids}",
    "compare.side.no_sources": "no source names a commune of this area",
    "compare.side.file_statuses": "every status from the file",
    "compare.side.carried": "Carried over from the {period} division through the crosswalk.",
    "compare.side.population": "Population: {source}.",
    "compare.side.population_both": (
        "Population: {source}, for both dates (that of the later division)."
    ),
    # -------------------- key figures
    "compare.figures.title": "Key figures",
    "compare.col.figure": "Key figure",
    "compare.col.difference": "Difference ({right} − {left})",
    "compare.col.basis": "How it is computed",
    "compare.fig.communes": "Communes",
    "compare.fig.communes_covered": "Communes covered (own or shared cell)",
    "compare.fig.communes_own_cell": "Communes with a cell of their own",
    "compare.fig.communes_shared_cell": "Communes in a shared cell",
    "compare.fig.communes_partly_covered": (
        "Covered communes only partly covered (some former communes)"
    ),
    "compare.fig.communes_planned": "Communes with a cell planned",
    "compare.fig.communes_none": "Communes without a cell",
    "compare.fig.communes_unknown": "Communes whose status is unknown",
    "compare.fig.communes_cell_unidentified": "Covered communes whose cell is not named",
    "compare.fig.cells": "Cells with a member commune here",
    "compare.fig.population": "Population",
    "compare.fig.population_covered": "Population covered",
    "compare.fig.population_unknown": "Population of the communes whose status is unknown",
    "compare.fig.share_communes_covered": "Share of communes covered",
    "compare.fig.share_communes_unknown": "Share of communes whose status is unknown",
    "compare.fig.share_population_covered": "Share of population covered",
    "compare.basis.communes": "counted: the area's communes in the division",
    "compare.basis.status": "counted from the statuses (see each side's sources above)",
    "compare.basis.cells": "counted: distinct cells with a member commune in the area",
    "compare.basis.cells_carried": (
        "counted: distinct cells with a member commune in the area, the earlier date's as they "
        "were on its own division"
    ),
    "compare.basis.population": "summed: {source}",
    "compare.basis.population_status": "summed over those communes: {source}",
    "compare.basis.share_communes": (
        "computed: divided by all the area's communes, unknown ones included"
    ),
    "compare.basis.share_population": "computed: divided by the area's population ({source})",
    "compare.points": "{value} points",
    # -------------------- published figures
    "compare.published.title": "Published figures for these areas, as known at {date}",
    "compare.published.title_dates": "Published figures for this area, as known at each date",
    "compare.published.value": "{value} ({source})",
    "compare.published.difference_basis": "computed from {left} and {right}",
    "compare.published.difference_one": "computed from {source}",
    "compare.published.not_subtracted_measure": (
        "not subtracted: the two figures count different things"
    ),
    "compare.published.not_subtracted_dates": (
        "not subtracted: the two figures are of different dates"
    ),
    "compare.published.level": (
        "No figure is published for a province, an arrondissement or a police zone: the key "
        "figures above are computed from the communes a source names."
    ),
    # -------------------- changes between two dates
    "compare.changes.title": "What changed between {earlier} and {later}",
    "compare.change.unchanged": "Unchanged",
    "compare.change.became_known": "Became known (a source names it)",
    "compare.change.became_unknown": "No longer reported",
    "compare.change.gained_cell": "Gained a cell",
    "compare.change.lost_cell": "Lost its cell",
    "compare.change.became_fully_covered": "Became fully covered",
    "compare.change.became_partly_covered": "Became partly covered",
    "compare.change.cell_type_changed": "Changed between an own and a shared cell",
    "compare.change.status_changed": "Changed between no cell and planned",
    # -------------------- maps and their table twin
    "compare.map.name": "Map: {area}",
    "compare.map.summary": "{area}: {total} communes — {counts}.",
    "compare.hover.source": "Source: {source}",
    "compare.hover.parts": "Former communes: {parts}",
    "compare.table.title.areas": "The communes of the two maps whose status is known",
    "compare.table.title.dates": (
        "The communes of the two maps known at either date, and the merged communes"
    ),
    "compare.table.unknown_rest": (
        "Not in the table: {count} communes whose status is unknown (grey on the maps)."
    ),
    "compare.table.unknown_rest_dates": (
        "Not in the table: {count} communes whose status is unknown at both dates."
    ),
    "compare.col.area": "Area",
    "compare.col.source_date": "Source, date",
    "compare.col.parts": "Former communes (earlier status)",
    "compare.col.status_on": "Status, {date}",
    "compare.col.source_on": "Source, {date}",
    "compare.col.change": "Change",
}
