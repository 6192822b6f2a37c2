"""English messages of the exports and the presentation mode (issue 14).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "export.title": "CSIL coverage — {area}, {date}",
    "export.area_part": "part of {area}",
    "export.all_communes": "All communes",
    "export.data.public": "Public record as known on {date}",
    "export.data.example": "Illustrative example ({file}), invented data dated {date}",
    "export.data.file": "Imported file {file}, dated {date}",
    "export.data.file_illustrative": "Imported file {file} (illustrative), dated {date}",
    "export.sources": "Sources: {sources}.",
    "export.boundaries": "Boundaries and population: {attribution}.",
    "export.made_on": "Made with the CSIL coverage atlas on {date}",
    # -------------------- the briefing panel and presentation mode
    "briefing.title": "Briefing",
    "briefing.present": "Present this view",
    "briefing.present_exit": "Leave the presentation (Esc)",
    "briefing.present_prev": "Previous saved view (←)",
    "briefing.present_next": "Next saved view (→)",
    "briefing.save": "Save this view",
    "briefing.saved_title": "Views saved in this session",
    "briefing.saved_none": (
        "None yet. Save views to step through them with the arrow keys when presenting."
    ),
    "briefing.saved_clear": "Forget the saved views",
    "briefing.saved_position": "Saved view {position} of {count} — ← → to move, Esc to leave",
    "briefing.unsaved_position": (
        "This view is not saved ({count} saved) — → goes to the first, Esc to leave"
    ),
    "briefing.export.title": "Download this view",
    "briefing.export.help": (
        "Each file names its sources and their dates, the date of the data, and "
        "“illustrative” when the data is invented."
    ),
    "briefing.export.pptx": "Slides (PowerPoint)",
    "briefing.export.png": "Map image (PNG)",
    "briefing.export.svg": "Map, vector (SVG)",
    "briefing.export.pdf": "Map, vector (PDF)",
    "briefing.export.csv": "Table (CSV)",
    "briefing.export.xlsx": "Table (Excel)",
    "briefing.export.geojson": "Communes with their shapes (GeoJSON)",
    "briefing.export.profile_sheet": "One-page sheet of this commune (PDF)",
    "briefing.export.no_commune": "Choose a commune first (search box or a row of a table).",
    "briefing.export.done": "Downloaded: {file}",
    "briefing.export.failed": "The file could not be made: {reason}",
    "briefing.export.unexpected": (
        "an unexpected error, recorded in the server's log. The other downloads may work."
    ),
    "briefing.footnote.boundaries": "Boundaries and population: {attribution}",
    "notice.link.present": (
        "The link's presentation flag was not understood; the page is shown as usual."
    ),
}
