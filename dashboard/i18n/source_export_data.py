"""English messages of the data exports (issue 14).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
Used by :mod:`dashboard.exports.tables`: the workbook's sheet names (31 characters at most,
none of ``[ ] : * ? / \\``) and the words of its "About" sheet.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "export.data_file.sheet.communes": "Communes",
    "export.data_file.sheet.communes_illustrative": "Communes (illustrative)",
    "export.data_file.sheet.about": "About",
    "export.data_file.label.selection": "Selection",
    "export.data_file.label.data": "Data",
    "export.data_file.label.as_of": "Date of the figures",
    "export.data_file.label.communes": "Communes selected",
    "export.data_file.label.table": "Table",
    "export.data_file.table_note": (
        "The first sheet lists the selected communes, one per row: each status and flag "
        "with its source and date, each population with its date, and the data's origin. "
        "Its column names are meant for machines."
    ),
    "export.data_file.label.key_figures": "Key figures",
    "export.data_file.col.figure": "Figure",
    "export.data_file.col.value": "Value",
    "export.data_file.col.lines": "Source and date, or computation",
    "export.data_file.col.note": "Note",
    "export.data_file.label.sources": "Sources",
    "export.data_file.col.source_id": "Source id",
    "export.data_file.col.publisher": "Publisher",
    "export.data_file.col.title": "Title",
    "export.data_file.col.date": "Date",
    "export.data_file.col.url": "Address (URL)",
    "export.data_file.col.used_for": "Used for",
    "export.data_file.label.link": "Link to this view",
}
