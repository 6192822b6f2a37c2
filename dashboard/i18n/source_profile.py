"""English messages of the commune search, profile, peers and corrections.

Merged into :data:`dashboard.i18n.source.MESSAGES` (a key may be defined once only).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # -------------------- The commune search: why an option matched (after its name)
    "profile.search.hint.name.fr": "French name {name}",
    "profile.search.hint.name.nl": "Dutch name {name}",
    "profile.search.hint.name.de": "German name {name}",
    "profile.search.hint.name.en": "English name {name}",
    "profile.search.hint.code": "NIS code {code}",
    "profile.search.hint.postal": "postal code {postal}",
    "profile.search.hint.postal_whole": (
        "postal code {postal} of {whole}, the commune it is part of from {year}"
    ),
    "profile.search.hint.former": "former commune {name}",
    "profile.search.hint.former_name": "name in {period}: {name}",
    "profile.search.hint.part_of": "part of {name} from {year}",
    "profile.search.hint.old_code": "NIS code {code} in {period}",
    "profile.search.hint.old_code_part": "NIS code {code} of the former commune {name}",
    "profile.search.hint.old_code_whole": "part of {name} (NIS code {code}) from {year}",
    "profile.search.hint.near": "close to “{query}”",
    # -------------------- The profile
    "profile.empty": (
        "Choose a commune in “{control}” (with the filters): a name in French, Dutch, "
        "German or English, a former commune, a postal code or a NIS code. Its profile shows "
        "here."
    ),
    "profile.unknown_commune": "No commune has the NIS code {nis}.",
    "profile.not_in_division": (
        "{name} ({nis}) is not a commune of the division in force on the date shown "
        "({period}). On that date it is part of, or made of: {communes}. Choose one of them in "
        "“{control}”."
    ),
    "profile.subtitle": "NIS code {nis} · commune division {period}",
    "profile.data.public": (
        "Statuses: the public record, as known on {date}; each status gives its own source and "
        "date."
    ),
    "profile.data.file": "Statuses: the file {file}, dated {date}, imported in this session.",
    "profile.data.example": (
        "Statuses: the illustrative example ({file}, dated {date}): invented, not real."
    ),
    "profile.names": "Names",
    "profile.lang.fr": "French",
    "profile.lang.nl": "Dutch",
    "profile.lang.de": "German",
    "profile.facts": "The commune",
    "profile.col.language": "Language",
    "profile.col.name": "Name",
    "profile.col.note": "Note",
    "profile.col.what": "What",
    "profile.col.value": "Value",
    "profile.col.source": "Source and date",
    "profile.no_province": "none (the Brussels-Capital Region has no province)",
    "profile.hierarchy_source": "Statbel REFNIS, commune division {period}",
    "profile.area": "Area",
    "profile.area_value": "{area} km²",
    "profile.area_source": (
        "computed from the boundaries ({source}) of the commune division in force from {date}"
    ),
    "profile.police_zone_split": (
        "its former communes lay in different zones: the zone of the largest one"
    ),
    "profile.police_zone_source": "police-zone table of {date} ({source})",
    "profile.unknown": "not known",
    "profile.status_on": "Status on {date}",
    "profile.history": "Status over time",
    "profile.history.col.date": "Date",
    "profile.history.col.status": "Status",
    "profile.history.col.source": "Source",
    "profile.history.col.stated": "Stated for",
    "profile.history.col.note": "Note",
    "profile.history.shown": "date shown",
    "profile.history.parts": (
        "in the division of that date, {count} communes: {parts} (their statuses combined)"
    ),
    "profile.history.part": "{name}: {status}",
    "profile.history.whole": (
        "in the division of that date, part of {name}: the status of that commune"
    ),
    "profile.history.note.public": (
        "One row per date the public record has. A status holds from its source's date until a "
        "later source says otherwise; “not reported” means that no source names the commune. "
        "Rows after the date shown are what later sources say."
    ),
    "profile.history.note.file": "The file gives one date: {date}.",
    "profile.basis.file_row": "the file {file}; its source column: {source}",
    "profile.cell": "Cell",
    "profile.cell.none": "No source and no file names a cell for {name} on this date.",
    "profile.cell.internal": (
        "No source gives this cell a name; the communes it groups are those a source names."
    ),
    "profile.cell.name": "Cell: {name}",
    "profile.cell.established": "Set up on {date}",
    "profile.cell.members": "Member communes, each with its status",
    "profile.flags": "Programmes and grants",
    "profile.flags.none": "No programme or grant is recorded for {name}.",
    "profile.flags.col.programme": "Programme",
    "profile.flags.col.year": "Year",
    "profile.flags.col.amount": "Amount",
    "profile.flags.col.scope": "For",
    "profile.flags.col.source": "Source and date",
    "profile.amount": "€{amount}",
    "profile.amount.none": "not stated",
    "profile.scope.commune": "the commune",
    "profile.scope.joint_project": "a joint project of several communes (not this one's alone)",
    "profile.scope.police_zone": "the police zone (not this commune's alone)",
    "profile.undated_fact": (
        "{source}: “{name}”; the source gives no date, so it is shown on no date."
    ),
    "profile.neighbours": "Neighbouring communes",
    "profile.neighbours.none": "No commune shares a border with {name} in the data.",
    "profile.neighbours.note": (
        "Communes sharing a border with {name}, computed from the boundaries ({source}) when the "
        "data was prepared; each status with its own source and date."
    ),
    "profile.col.commune": "Commune",
    "profile.col.status": "Status, source and date",
    # -------------------- Peer groups
    "profile.peers": "Peer groups",
    "profile.peers.intro": (
        "{name} against comparable communes. Rank: communes with a cell (own or shared) first, "
        "then planned, then without a cell; within each, the larger population first. A "
        "commune whose status is not reported is not ranked, and “of N” counts only the "
        "communes of the group whose status is known."
    ),
    "profile.peers.kind.neighbours": "Neighbouring communes",
    "profile.peers.kind.police_zone": "Police zone {zone}",
    "profile.peers.kind.province": "Province: {province}",
    "profile.peers.kind.region": "{region}",
    "profile.peers.kind.population_band": (
        "The {count} communes closest in population ({low} – {high} inhabitants)"
    ),
    "profile.peers.col.group": "Group (the commune included)",
    "profile.peers.col.communes": "Communes",
    "profile.peers.col.covered": "With a cell",
    "profile.peers.col.unknown": "Not reported",
    "profile.peers.col.share": "Share with a cell (computed)",
    "profile.peers.col.rank": "Rank",
    "profile.peers.col.population_rank": "Rank by population",
    "profile.peers.rank": "{rank} of {ranked}",
    "profile.peers.not_ranked": "not ranked: status not reported",
    "profile.peers.members": "The members of each group, in rank order",
    "profile.peers.note": (
        "Computed from the statuses of the data shown on {date} (each with its own source and "
        "date) and the population ({population}). A share counts the communes not reported in "
        "its denominator."
    ),
    # -------------------- Corrections
    "profile.corrections.title": "Propose a correction",
    "profile.corrections.help": (
        "Propose the status of {name} on {date} (commune division {period}) with its source. "
        "The proposals of this session download as a membership file in the template's format, "
        "ready for “csil-dashboard validate” and for import by whoever keeps the data. Nothing "
        "is sent anywhere."
    ),
    "profile.corrections.status": "Proposed status",
    "profile.corrections.cell": "Cell name (optional, for an own or shared cell)",
    "profile.corrections.source": "Source (required)",
    "profile.corrections.comment": "Comment (optional)",
    "profile.corrections.add": "Add the proposal",
    "profile.corrections.added": "Proposal added for {name}.",
    "profile.corrections.replaced": "The proposal for {name} replaces the earlier one.",
    "profile.corrections.removed": "Proposal for {name} removed.",
    "profile.corrections.list": "Proposals of this session",
    "profile.corrections.list_empty": "No proposal yet.",
    "profile.corrections.remove": "Remove",
    "profile.corrections.remove_name": "Remove the proposal for {name}",
    "profile.corrections.download": "Download corrections (CSV)",
    "profile.corrections.downloaded": (
        "{file} — communes corrected: {count}. Check it with “csil-dashboard validate {file}”; "
        "imported, it shows the corrected communes only."
    ),
    "profile.corrections.problem": "The proposal was not added:",
    "profile.corrections.issue.unknown_commune": "{nis} is not a commune of the division {period}.",
    "profile.corrections.issue.unknown_vintage": "Unknown commune division {vintage}.",
    "profile.corrections.issue.bad_date": "“{value}” is not a date.",
    "profile.corrections.issue.date_before_1977": (
        "{date} is before 1977, when the present communes were created."
    ),
    "profile.corrections.issue.future_date": "{date} is after today ({today}).",
    "profile.corrections.issue.vintage_not_in_force": (
        "On {date} the commune division in force is {expected}, not {period}."
    ),
    "profile.corrections.issue.empty_status": "Choose the proposed status.",
    "profile.corrections.issue.unknown_status": "“{value}” is not a status.",
    "profile.corrections.issue.ambiguous_status": (
        "“{value}” does not say whether the cell is the commune's own or shared with others: "
        "choose “{own}” or “{shared}”."
    ),
    "profile.corrections.issue.cell_without_cover": (
        "A cell name goes with an own or a shared cell only, not with “{status}”: clear the "
        "cell name or choose another status."
    ),
    "profile.corrections.issue.empty_source": (
        "Give a source: who or what says this (a council decision, a letter, a report, with its "
        "date)."
    ),
    "profile.corrections.issue.text_too_long": "{field}: {length} characters, at most {limit}.",
    "profile.corrections.issue.mixed_dates": (
        "The proposals of one session are for one date: the list is for {list_date} (division "
        "{list_period}), this proposal for {date}. Download the list or remove its proposals "
        "before proposing for another date."
    ),
    "profile.corrections.issue.own_cell_shared": (
        "{name} cannot have its own cell “{cell}”: another proposal names the same cell "
        "({others}). Choose “{shared}”, or another cell name."
    ),
    "profile.corrections.issue.no_proposals": "There is no proposal to download yet.",
    "profile.corrections.issue.bad_payload": (
        "The session's list of proposals could not be read back; add the proposals again."
    ),
}
