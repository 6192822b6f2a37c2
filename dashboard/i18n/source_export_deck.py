"""English messages of the slide deck, the deck as PDF and the commune sheet (issue 14).

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
Most of the deck's words are the page's own (slide titles, column headers, notes); these
are the few the files add: continued slides, what a slide leaves to its notes, the
commune sheet's map caption and the ``csil-dashboard report`` command's messages.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -------------------- the slide deck (PPTX and PDF)
    "export.deck.continued": "{title} (continued, {part} of {parts})",
    "export.deck.gaps_more": (
        "The {shown} most populous of the {count} communes listed; the atlas's gap explorer "
        "and its data downloads list them all."
    ),
    "export.deck.timeline_points": "Each point and its source",
    "export.deck.timeline_how": (
        "Each point is a published count at its own date. Points of the same measure dated to "
        "the day are joined by a dotted line; a figure dated only by month or year is drawn as "
        "a bar over its whole period; the dashed line is the date chosen."
    ),
    "export.deck.timeline_record": (
        "These are the public record's published figures, whatever the data on the other slides."
    ),
    "export.deck.more_in_notes": (
        "… and {count} more: the slide's notes list every point with its source."
    ),
    # -------------------- the commune sheet (PDF)
    "export.sheet.map_caption": (
        "{name} (outlined in black) and its neighbours, coloured by status — {data}"
    ),
    "export.sheet.more": "… and {count} more: the atlas's commune profile shows them all.",
    # -------------------- csil-dashboard report
    "cli.report.bad_lang": "--lang {value}: unknown language; use one of {allowed}.",
    "cli.report.bad_dataset": (
        "--dataset {value}: use one of {allowed} (an imported file belongs to a browser "
        "session and cannot be named here)."
    ),
    "cli.report.no_example": "--dataset example: this installation has no illustrative example.",
    "cli.report.bad_date": (
        "--date {value}: no published figures for that date. Dates with figures: {dates}."
    ),
    "cli.report.bad_date_example": (
        "--date {value}: the illustrative example has one date only: {dates}."
    ),
    "cli.report.bad_level": "--level {value}: use one of {allowed}.",
    "cli.report.bad_filter": "--{option} {value}: not understood; use one or more of {allowed}.",
    "cli.report.commune_format": "--commune {value}: a NIS code has five digits (such as 21004).",
    "cli.report.commune_unknown": "--commune {value}: no commune has this NIS code.",
    "cli.report.commune_elsewhere": (
        "--commune {value}: not a commune of the division the data of {date} uses ({period}); "
        "in that division it is part of: {communes}."
    ),
    "cli.report.bad_extension": "--out {value}: unknown file type; use a name ending in {allowed}.",
    "cli.report.commune_pdf": (
        "--out {value}: the commune sheet is a PDF; use a name ending in .pdf."
    ),
    "cli.report.unwritable": "--out {value}: cannot write there ({reason}).",
    "cli.report.wrote": "Wrote {file}: {data}; pages: {pages}.",
}
