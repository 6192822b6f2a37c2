"""The importer's messages: a stable code per problem, its parameters, and the English text.

Every :class:`~dashboard.coverage.importer.ImportIssue` carries a ``code`` (e.g.
``"unknown_status"``) and ``params``: ``(name, value)`` pairs that fill the ``{name}``
fields of the templates below. The importer renders the English ``reason`` and
``suggestion`` from :data:`REASONS` and :data:`SUGGESTIONS`; the dashboard renders the same
code in French, Dutch or German from the gettext catalogues (``dashboard/locale``, keys
``import.reason.<code>``, ``import.suggestion.<code>`` and ``import.phrase.<code>``), whose
English text is these templates. A template with a count is a :class:`Plural`.

A parameter value is

* a ``str``: inserted as given (file contents, codes, row numbers, quoted names);
* an ``int``: a size or count, written with thousands separators (``5,000,000`` here, the
  locale's separators in the dashboard);
* a ``tuple`` of ``str``: alternatives joined with "or" (:data:`PHRASES` ``"or"``);
* a :class:`Phrase`: a sub-message (a row list, a file kind, why a date is unreadable),
  rendered from :data:`PHRASES` with its own parameters.

A variant of a suggestion (with or without "did you mean ...?") is a code of its own
(``unknown_status`` / ``unknown_status_near``), so every template is a full sentence.

Pure Python: no dash, no Babel; :mod:`dashboard.i18n` is never imported here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, NamedTuple


@dataclass(frozen=True)
class Phrase:
    """A translatable part of a message: ``PHRASES[code]`` filled with ``params``."""

    code: str
    params: tuple[tuple[str, Param], ...] = ()


Param = str | int | tuple[str, ...] | Phrase
Params = tuple[tuple[str, Param], ...]


class Plural(NamedTuple):
    """A message with a singular and a plural form, chosen by its ``count`` parameter (each
    language's own plural rule in the dashboard: gettext ``npgettext``)."""

    one: str
    other: str

    def form(self, count: int) -> str:
        """The English form for ``count``."""
        return self.one if count == 1 else self.other


Template = str | Plural


def phrase(code: str, /, **params: Param) -> Phrase:
    if code not in PHRASES:
        raise KeyError(f"no phrase {code!r}")
    return Phrase(code, tuple(params.items()))


STATUS_HELP = (
    "accepted: own_cell, shared_cell, planned, none, unknown, or their FR/NL/DE words "
    "(see data/membership_schema.md)"
)
DATE_HELP = "write dates as YYYY-MM-DD (or DD/MM/YYYY, DD.MM.YYYY, DD-MM-YYYY)"
_REFNIS = "Check the code against Statbel's REFNIS list (vintage {vintage})"
_MAP_HINT = (
    'Rename it, or map it explicitly: --map "{header}={target}" (or "{header}=ignore" to skip it)'
)
_NOT_A_TABLE = "not a spreadsheet or a CSV file: "
_CHOOSE_SHEET = "to read another sheet, choose it (--sheet, or the sheet list of the upload)"
_CHOOSE_HEADER = (
    "if the header is on another row, choose it (--header-row, or the row list of the upload)"
)

#: code -> English reason (the ``reason`` of an issue).
REASONS: Final[Mapping[str, Template]] = MappingProxyType(
    {
        # ------------------------------------------------------------ the file itself
        "more_errors": "... and {count} more errors not listed",
        "file_not_found": "file not found: {path}",
        "file_too_large": "file too large: {size} bytes (limit {limit})",
        "empty_file": "the file is empty",
        "empty_csv": "the file is empty",
        "wrong_format": _NOT_A_TABLE + "this is {what}",
        "zip_not_xlsx": _NOT_A_TABLE + "this is {what}",
        "binary_content": _NOT_A_TABLE + "the content is binary",
        "damaged_zip": _NOT_A_TABLE + "a damaged ZIP archive",
        "workbook_too_large": (
            "file too large: the workbook unpacks to {size} bytes (limit {limit})"
        ),
        "xlsx_unreadable": "cannot read the workbook ({detail})",
        "zip_part_too_large": (
            "file too large: the part {part} of the workbook unpacks to {size} bytes (limit "
            "{limit})"
        ),
        "zip_bomb": (
            "the part {part} of the workbook unpacks to {ratio} times its packed size (limit "
            "{limit}): it looks like a zip bomb, it was not read"
        ),
        "xml_dtd": (
            "the workbook's part {part} declares XML entities or a document type, which "
            "spreadsheet programs never write (an XML bomb or an external entity): it was "
            "not read"
        ),
        "too_many_cells": "sheet {sheet} has more than {limit} cells with a value",
        "too_many_cells_csv": "the file has more than {limit} values",
        "sheet_too_large": (
            "sheet {sheet} has a value as far as cell {last}: more than {limit} cells from A1"
        ),
        "too_slow": "the file took too long to read (more than {seconds} seconds)",
        "workbook_too_costly": (
            "reading this workbook needs more than {limit} MB of memory: a sheet reaches far "
            "beyond its list, or the file is damaged"
        ),
        "unexpected_error": "the file could not be read ({detail})",
        "file_name_changed": (
            "the file name starts with a character a spreadsheet reads as a formula, or holds "
            "control characters: it is recorded as {name}"
        ),
        "xls_unreadable": "cannot read the .xls workbook ({detail})",
        "workbook_protected": "the workbook is protected by a password ({detail})",
        "no_worksheet": "the workbook has no worksheet",
        "sheet_not_found": "no sheet named {sheet}",
        "empty_sheet": "sheet {sheet} is empty",
        "macros_ignored": "the workbook holds macros: they were ignored, never run",
        "hidden_sheet": "sheet {sheet} is hidden: it was not read",
        "hidden_sheet_read": (
            "sheet {sheet} is hidden in the workbook; it was read because it was chosen"
        ),
        "sheet_chosen": "sheet {sheet} was read: it is the first with a commune column",
        "sheet_chosen_others": (
            "sheet {sheet} was read: it is the first with a commune column; {others} also have one"
        ),
        "csv_sheet_ignored": "a CSV file has no sheets: the sheet name is ignored",
        "bad_bom": (
            "the file starts with a {encoding} byte-order mark but is not valid {encoding} "
            "(byte {position})"
        ),
        "utf16_without_bom": "no byte-order mark: read as {encoding}",
        "latin1_fallback": (
            "the file is neither UTF-8 nor Windows-1252: read as Latin-1, accented letters "
            "may be wrong"
        ),
        "csv_unreadable": "cannot read the CSV: {detail}",
        "csv_field_too_long": (
            "cannot read the CSV: a value on this line is longer than {limit} characters"
        ),
        "too_many_rows": "too many rows: more than {limit} data rows",
        "unsupported_delimiter": "columns seem separated by {delimiter}, which is not supported",
        "no_data_rows": "no data rows: the file has a header only",
        "metadata_unreadable": "metadata file not readable: {detail}",
        "illustrative": "this file is marked illustrative: it is not real data",
        "inconsistent_snapshot": "{detail}",
        # ------------------------------------------------------------ where the table is
        "header_below_titles": (
            "the header is on row {row}: the rows above it ({rows}) were read as a title and "
            "skipped"
        ),
        "header_row_empty": "row {row} is empty: it cannot be the header",
        "header_row_beyond": "there is no row {row}: the last row with a value is {last}",
        "total_row": "a total, not a commune: this row was skipped",
        "note_row": "a note or a heading, not a commune: this row was skipped",
        "hidden_rows": Plural(
            "{count} row of the list is hidden in the workbook ({rows}); it was read like the "
            "others",
            "{count} rows of the list are hidden in the workbook ({rows}); they were read like "
            "the others",
        ),
        # ------------------------------------------------------------ columns
        "header_is_data": "the first row looks like data, not a header",
        "values_without_header": "this column has values but no header",
        "map_column_missing": "the column map names a column that is not in the file",
        "map_unknown_field": "unknown field {field} in the column map",
        "map_unknown_field_near": "unknown field {field} in the column map",
        "unrecognised_column": "unrecognised column",
        "unrecognised_column_near": "unrecognised column",
        "duplicate_field": "two columns mean {field}: {first} and {second}",
        "one_column": "the header has only one column",
        "no_commune_column": "no commune column (NIS code or name)",
        "no_status_column": "no status column",
        "no_date_column": "no as-of date: the file has no date column and no date was given",
        # ------------------------------------------------------------ rows and cells
        "row_too_long": "this row has {values} values but the header has {columns} columns",
        "formula_no_value": (
            "a formula with no saved value: the workbook was not calculated before it was saved"
        ),
        "formula_values": Plural(
            "{count} cell of the list holds a formula (first: {first}): its saved value was "
            "read; formulas are never calculated here",
            "{count} cells of the list hold formulas (first: {first}): their saved values were "
            "read; formulas are never calculated here",
        ),
        "formula_start": (
            "a value may not start with = + - @ or a tab (spreadsheet formula / CSV "
            "injection); a negative number or a dash alone is accepted"
        ),
        "value_too_long": "the value is {length} characters long (limit {limit})",
        "control_character": (
            "the value holds an invisible control character ({char}, character {position})"
        ),
        "merged_cells": "merged cells {range}",
        "example_row": "an example row from the template",
        # ------------------------------------------------------------ dates
        "date_argument_invalid": "the date given is not valid: {problem}",
        "unreadable_date": "unreadable date: {problem}",
        "no_dates": "no as-of date: the date column is empty on every row",
        "mixed_dates": (
            "as-of date {date} differs from {first_date} (row {first_row}): mixed dates in one file"
        ),
        "date_contradicts_argument": (
            "the file's date {date} contradicts the date given ({given})"
        ),
        "rows_without_date": Plural(
            "no date on {count} row ({rows}): the file's date {date} is used for it",
            "no date on {count} rows ({rows}): the file's date {date} is used for them",
        ),
        "date_in_future": "as-of date {date} is in the future",
        "date_serial": "the date is a spreadsheet day number: read as {date}",
        "date_outside_vintages": "the date is outside every commune vintage: {detail}",
        # ------------------------------------------------------------ communes
        "historical_match": "{note} (the vintage of {date}): counted as {commune}",
        "no_commune_on_row": "no commune on this row",
        "ambiguous_name": "ambiguous commune name: it names {count} communes: {communes}",
        "commune_split": "this commune did not exist on {date}: {note}",
        "unknown_code": "unknown NIS code: {note}",
        "unknown_code_near": "unknown NIS code: {note}",
        "not_a_code": "not a 5-digit NIS code",
        "unknown_name": "unknown commune: no commune of vintage {vintage} has this name",
        "unknown_name_near": "unknown commune: no commune of vintage {vintage} has this name",
        "code_name_disagree": (
            "code and name disagree: the code is {code_commune} but the name is {name_commune}"
        ),
        "name_not_recognised": "name not recognised; the code {nis} ({name}) is used",
        "commune_in_two_cells": (
            "commune in two cells: {commune} is in cell {first_cell} on row {first_row} and in "
            "cell {cell_name} here"
        ),
        "duplicate_commune": "duplicate commune: {commune} is already on row {first_row}",
        "duplicate_commune_alias": (
            "duplicate commune: {commune} is already on row {first_row} ({first} and {second} "
            "are both {commune} in vintage {vintage})"
        ),
        "duplicate_commune_part": (
            "duplicate commune: row {whole_row} names {commune} and row {part_row} names "
            "{part}, a former commune that is part of {commune} in vintage {vintage}"
        ),
        # ------------------------------------------------------------ former parts (mergers)
        "merged_part": (
            "this row names the former commune {part}, which is part of {commune} in vintage "
            "{vintage}; {commune} is shown as '{shown}' because the file does not give its "
            "other former parts: {missing}"
        ),
        "merged_parts_disagree": (
            "the rows for the former parts of {commune} disagree ({statuses}): {commune} is "
            "shown as '{shown}'"
        ),
        # ------------------------------------------------------------ statuses
        "empty_status": "empty status",
        "unknown_status": "unknown status",
        "unknown_status_near": "unknown status",
        "cell_spelling": "read as the same cell as {cell_name} (row {first_row})",
        "covered_without_cell": (
            "says the commune has a cell, but not whether it is its own or shared"
        ),
        "status_with_cell": "status {status_text} ({status}) but the row names a cell",
        "own_cell_shared": (
            "marked own cell, but cell {cell_name} has {count} member communes ({rows})"
        ),
        "shared_cell_alone": (
            "marked shared cell, but it is the only commune of cell {cell_name} in the file"
        ),
        "shared_without_cell_name": Plural(
            "{count} commune marked shared cell without a cell name ({rows}): its cell cannot "
            "be counted",
            "{count} communes marked shared cell without a cell name ({rows}): cells cannot "
            "be counted for them",
        ),
    }
)

#: code -> English suggestion; a code without one has an empty suggestion.
SUGGESTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "more_errors": "fix the errors above and validate again",
        "file_not_found": "check the path",
        "file_too_large": "split the file or remove unused sheets, columns and rows",
        "empty_file": "use data/membership_template.csv: a header row, then one row per commune",
        "empty_csv": "add a header row and one row per commune",
        "wrong_format": "save the list as .xlsx, .ods or CSV",
        "zip_not_xlsx": "save the list as .xlsx, .ods or CSV",
        "binary_content": "save the list as .xlsx or as CSV (comma, semicolon or tab separated)",
        "damaged_zip": "open it in Excel or LibreOffice and save it again as .xlsx",
        "workbook_too_large": "keep only the membership sheet",
        "xlsx_unreadable": "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV",
        "zip_part_too_large": "keep only the membership sheet, or save the list as CSV",
        "zip_bomb": "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV",
        "xml_dtd": "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV",
        "too_many_cells": (
            "keep only the membership list (one row per commune, a few columns), or choose "
            "another sheet"
        ),
        "too_many_cells_csv": "keep only the membership list: one row per commune, a few columns",
        "sheet_too_large": (
            "delete the values far from the list (Ctrl+End shows the last cell), or copy the "
            "list to a new sheet"
        ),
        "too_slow": "split it, or keep only the membership list (one row per commune)",
        "workbook_too_costly": (
            "delete the empty rows and columns after the list and save it as .xlsx, or as CSV"
        ),
        "unexpected_error": (
            "save it again as .xlsx or CSV; if it still fails, please report this file"
        ),
        "file_name_changed": "rename the file (letters or digits first) to keep its name as it is",
        "xls_unreadable": "open it in Excel or LibreOffice and save it again as .xlsx, or as CSV",
        "workbook_protected": "save a copy without a password, or save the list as CSV",
        "hidden_sheet": _CHOOSE_SHEET,
        "sheet_chosen": _CHOOSE_SHEET,
        "sheet_chosen_others": _CHOOSE_SHEET,
        "header_below_titles": _CHOOSE_HEADER,
        "header_row_empty": "choose the row that holds the column names",
        "header_row_beyond": "choose the row that holds the column names",
        "hidden_rows": (
            "unhide them to check them, and delete the rows that are not part of the list"
        ),
        "formula_no_value": (
            "open the workbook in Excel or LibreOffice, let it calculate and save it; or paste "
            "the column back as values only (Paste special → Values)"
        ),
        "formula_values": "check that the workbook was calculated and saved after its last change",
        "date_serial": "format the column as dates to be sure",
        "no_worksheet": "add a sheet with the list",
        "sheet_not_found": "sheets in this workbook: {sheets}",
        "empty_sheet": "put the list in this sheet, or choose another (--sheet)",
        "bad_bom": "save it again as 'CSV UTF-8'",
        "utf16_without_bom": "check the names below; save as 'CSV UTF-8' to be sure",
        "latin1_fallback": "save it as 'CSV UTF-8'",
        "csv_unreadable": "check the quotes on this line",
        "csv_field_too_long": (
            "check the quotes on this line: a quote that is never closed makes the rest of "
            "the file one value"
        ),
        "too_many_rows": "one row per commune is enough (Belgium has at most 589)",
        "unsupported_delimiter": "separate columns with a comma, a semicolon or a tab",
        "no_data_rows": "add one row per commune under the header",
        "inconsistent_snapshot": "please report this file",
        "header_is_data": "add a header row: {columns}",
        "values_without_header": "add a header (e.g. {columns}) or delete the column",
        "map_column_missing": "columns in the file: {columns}",
        "map_unknown_field": "fields: {fields}",
        "map_unknown_field_near": "fields: {fields}; did you mean {candidate}?",
        "unrecognised_column": _MAP_HINT,
        "unrecognised_column_near": "did you mean {candidate} ({field})? " + _MAP_HINT,
        "duplicate_field": 'delete one, or skip it: --map "{header}=ignore"',
        "one_column": "separate columns with a comma, a semicolon or a tab",
        "no_commune_column": (
            "add a column 'nis_code' or 'commune' (Commune, Gemeente, Gemeinde, Code INS, "
            'NIS-code...), or map yours: --map "Your header=commune"'
        ),
        "no_status_column": (
            "add a column 'status' (Statut, Status, CSIL, LIVC...), or map yours: "
            '--map "Your header=status"'
        ),
        "no_date_column": (
            "add a column 'as_of' (Date, Datum...) or pass the date (--date YYYY-MM-DD)"
        ),
        "row_too_long": (
            "a value contains the delimiter: put it between double quotes, or remove it"
        ),
        "formula_start": "remove the leading character",
        "control_character": "retype the value, or delete the character",
        "value_too_long": "check this cell: names, statuses and comments are short",
        "merged_cells": "unmerge them and repeat the value on every row (one row per commune)",
        "example_row": "delete it unless it is real",
        "date_argument_invalid": DATE_HELP,
        "unreadable_date": DATE_HELP,
        "no_dates": "fill in the date (YYYY-MM-DD) or pass it (--date YYYY-MM-DD)",
        "mixed_dates": "one file is one snapshot: use one date for every row, or split the file",
        "date_contradicts_argument": "leave out --date, or correct the file",
        "date_in_future": "use the date the list describes (today or earlier)",
        "date_outside_vintages": "check the year of the as-of date",
        "no_commune_on_row": "fill in the NIS code or the name of the commune, or delete the row",
        "ambiguous_name": (
            "give the NIS code in a 'nis_code' column, or the full name (e.g. {example})"
        ),
        "commune_split": "list its parts on separate rows: {parts}",
        "unknown_code": _REFNIS,
        "unknown_code_near": "did you mean {candidates}? " + _REFNIS,
        "not_a_code": _REFNIS,
        "unknown_name": "check the spelling, or give the NIS code",
        "unknown_name_near": "did you mean {candidates}?",
        "code_name_disagree": "correct the code or the name",
        "name_not_recognised": "check the name",
        "commune_in_two_cells": "a commune is in at most one cell at a date: keep one row",
        "duplicate_commune": "keep one row per commune",
        "duplicate_commune_alias": "keep one row per commune",
        "duplicate_commune_part": (
            "keep either the row for {commune} or the rows for its former parts, not both"
        ),
        "merged_part": (
            "add a row for each missing former part whose status you know; or, if you know the "
            "status of {commune} as a whole, give it one row instead of rows for its former "
            "parts"
        ),
        "merged_parts_disagree": (
            "check these rows; if you know the status of {commune} as a whole, give it one row "
            "instead"
        ),
        "empty_status": (
            "write a status; if you do not know, write 'unknown' (inconnu, onbekend, unbekannt)"
        ),
        "unknown_status": STATUS_HELP,
        "unknown_status_near": "did you mean {candidates}? " + STATUS_HELP,
        "cell_spelling": "spell cell names the same way on every row",
        "covered_without_cell": (
            "write 'own cell' / 'shared cell' (cellule propre / partagée, eigen / gedeelde "
            "cel), or name the cell in the cell column"
        ),
        "status_with_cell": "clear the cell, or correct the status",
        "own_cell_shared": (
            "write 'shared cell' on each member's row, or give this commune a cell name of its own"
        ),
        "shared_cell_alone": (
            "add the other member communes with the same cell name, or write 'own cell'"
        ),
        "shared_without_cell_name": "name the cell in the cell column",
    }
)

#: code -> English text of a :class:`Phrase`.
PHRASES: Final[Mapping[str, str]] = MappingProxyType(
    {
        # alternatives: ('a', 'b', 'c') -> "'a' or 'b' or 'c'"
        "or": "{first} or {second}",
        # text from elsewhere (a library's message), shown as it is
        "text": "{text}",
        # row lists
        "row": "row {row}",
        "rows": "rows {rows}",
        "rows_more": "rows {rows} and {more} more",
        # what a file that is not a table is
        "format_pdf": "a PDF document",
        "format_png": "a PNG image",
        "format_jpeg": "a JPEG image",
        "format_gif": "a GIF image",
        "format_gzip": "a gzip archive",
        "format_rtf": "an RTF document",
        "format_docx": "a Word document",
        "format_zip": "a ZIP archive",
        # why a date cannot be read
        "date_no_such_day": "no such day ({detail})",
        "date_two_digit_year": "the year has two digits",
        "date_excel_serial": "looks like an Excel date serial number",
        "date_unknown_format": "not a date in a known format",
        # how a name or code of another vintage was read
        "historical_note": "{spelling} ({code}, vintage {old_vintage}) is {commune} in vintage "
        "{vintage}",
        "split_note": "{spelling} ({code}) is a commune of vintage {old_vintage}; in vintage "
        "{vintage} it is {count} communes",
        "unknown_code_note": "no commune has code {code} in any vintage",
        # how a merged commune is shown (a status inside a sentence, lower case)
        "status_own_cell": "own cell",
        "status_shared_cell": "shared cell",
        "status_planned": "planned",
        "status_none": "no cell",
        "status_unknown": "unknown",
        "partly_covered": "{status}, partly covered",
        # a former part of a merged commune and its status; several joined with "list"
        "part_status": "{part}: {status}",
        "list": "{first}; {second}",
    }
)


def render(template: Template, params: Params) -> str:
    """``template`` filled with ``params`` in English."""
    if isinstance(template, Plural):
        template = template.form(int(dict(params)["count"]))  # type: ignore[arg-type]
    if not params:
        return template
    return template.format(**{name: param_text(value) for name, value in params})


def param_text(value: Param) -> str:
    """One parameter value as English text."""
    if isinstance(value, Phrase):
        return render(PHRASES[value.code], value.params)
    if isinstance(value, tuple):
        return join_or(value, lambda first, second: render(PHRASES["or"], _pair(first, second)))
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _pair(first: str, second: str) -> Params:
    return (("first", first), ("second", second))


def join_or(items: tuple[str, ...], pair: Callable[[str, str], str]) -> str:
    """``('a', 'b', 'c')`` -> ``pair(pair('a', 'b'), 'c')``; one item alone; "" for none."""
    if not items:
        return ""
    text = items[0]
    for item in items[1:]:
        text = pair(text, item)
    return text


def issue_text_en(code: str, params: Params) -> tuple[str, str]:
    """(reason, suggestion) of a code in English."""
    reason = render(REASONS[code], params)
    suggestion = render(SUGGESTIONS[code], params) if code in SUGGESTIONS else ""
    return reason, suggestion


def _check() -> None:
    unknown = set(SUGGESTIONS) - set(REASONS)
    if unknown:
        raise ValueError(f"suggestions without a reason: {sorted(unknown)}")


_check()
