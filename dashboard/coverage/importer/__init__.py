"""Import a membership file (CSV or a workbook) into a :class:`MembershipSnapshot`.

The result is either a valid snapshot plus warnings and the matched-name report, or a
list of errors, each with file, row, column, value, reason and a suggestion. Never a
partial load: one error and there is no snapshot. Reasons and suggestions are English;
each issue also carries a message code and its parameters
(:mod:`dashboard.coverage.messages`), from which the dashboard writes them in FR/NL/DE.

Row numbers are the ones a person sees: the line in a text editor (CSV) or the row in the
spreadsheet program. The steps: :mod:`.reader` tells the kind of file; :mod:`.tables` reads a
CSV and :mod:`.workbook` a workbook (.xlsx, .xlsm, .xlsb, .ods, .xls; the sheet) into rows;
:mod:`.locate` finds the header below any title and skips totals and notes; :mod:`.columns`
maps the headers, :mod:`.rows` types the values, :mod:`.dates`, :mod:`.communes` and
:mod:`.snapshot` interpret them. The format is described in ``data/membership_schema.md``;
the words accepted are in :mod:`dashboard.coverage.vocab`.

Geography is injected through :class:`Geography` (communes per vintage, a crosswalk with
``translate(code, src, dst)`` and ``names()``, and ``vintage_for_date``), so tests run on
small synthetic frames; :meth:`Geography.from_geodata` wires the real data.

Former communes of a merged commune: a row that names (by an old name or code) a commune
that is now only one part of a merged commune of the file's vintage ("Neerpelt" in a 2020
file: part of Pelt) speaks for that part only. The merged commune's status is combined
from its parts with :func:`dashboard.coverage.merged.combine_part_statuses`: named
parts take their row's status, parts no row names are ``unknown``; so "Neerpelt: own
cell" alone makes Pelt covered with ``partial=True``, and "Borsbeek: none" alone makes
Antwerpen (2025) ``unknown``. Each such row gets a ``merged_part`` warning naming the
parts the file does not give; rows of parts that disagree get ``merged_parts_disagree``.
Several part rows of one commune are not duplicates (unless they name the same part);
a row for the merged commune itself next to rows for its parts is an error
(``duplicate_commune_part``).
"""

from dashboard.coverage.importer.dates import (  # noqa: F401
    DateProblem,
    parse_date,
)
from dashboard.coverage.importer.geography import (  # noqa: F401
    Geography,
)
from dashboard.coverage.importer.main import (  # noqa: F401
    import_membership,
    safe_file_name,
)
from dashboard.coverage.importer.results import (  # noqa: F401
    DELIMITERS,
    EXAMPLE_MARK,
    FORMULA_START,
    ILLUSTRATIVE_MARK,
    MAX_AREA,
    MAX_BYTES,
    MAX_CELLS,
    MAX_ERRORS,
    MAX_PART_BYTES,
    MAX_RATIO,
    MAX_ROWS,
    MAX_SECONDS,
    MAX_UNZIPPED_BYTES,
    MAX_VALUE_CHARS,
    TEMPLATE_COLUMNS,
    ImportIssue,
    ImportResult,
    MatchedRow,
    formula_like,
)
