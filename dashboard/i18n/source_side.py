"""English messages of the short ranking beside the map (issue 13).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "side.heading": "Ranking",
    "side.title.region": "Regions by share of communes with a cell",
    "side.title.province": "Provinces by share of communes with a cell",
    "side.title.arrondissement": "Arrondissements by share of communes with a cell",
    "side.title.police_zone": "Police zones by share of communes with a cell",
    "side.title.public": "Regions by published share of communes with a cell",
    "side.detail.file": "{covered} of {communes} communes; population covered: {population}",
    "side.reference.file": "{area}: {share} ({covered} of {communes} communes)",
    "side.marks.file": (
        "Marks on each bar: Belgium (black) and the area's region (white), counting all their "
        "communes whatever the filters:"
    ),
    "side.marks.country": (
        "Mark on each bar: Belgium, counting all its communes whatever the filters:"
    ),
    "side.reference.public": "Mark on each bar: Belgium, {share} ({total} — {source}).",
    "side.gap": "Areas not shown here: {count}",
    "side.more": "The whole ranking ({count}), with population and a table",
    "side.more.public": "Ranking of the communes the sources name",
    "side.public.basis": (
        "Each share is computed from the published count and the region's number of communes; "
        "the same shares shade the map."
    ),
    "side.public.nearest": (
        "No figure is published for {levels}: these are the regions, the nearest level with "
        "published figures."
    ),
    "side.public.filters": (
        "Published figures count every commune of a region: the status, programme and "
        "population filters do not change them."
    ),
    "side.public.empty": "No figure by region is published up to this date.",
}
