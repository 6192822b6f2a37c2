"""Finding the table in a sheet: its header row below titles, and the rows that are not communes.

Officials' lists rarely start on row 1. Above the header there may be a title (often a merged
cell), a date line, blank rows; below the communes a total ("Totaal", "Total", "Gesamt"), a
source line, a note. So:

* the header is the first of the first :data:`HEADER_SCAN_ROWS` rows with a value in which at
  least two cells are header words of the vocabulary (or headers of the user's column map); if
  none is, the first row with a value (whose errors then say what is wrong with it); the user
  may also name the row (one header word and a value is not enough: a notes sheet explaining
  "Gemeente | de naam van de gemeente" is no table);
* rows above it are titles: skipped, and said so (a warning names the header row);
* rows below it whose first value is a total word, or that hold a single text that reads as a
  note or a heading ("Bron: ...", "Provincie Antwerpen", a sentence), are skipped, each with a
  warning that names it; they are never read as communes;
* merged cells above the header are titles and are ignored; merged cells in the table are
  errors (a value that spans rows is not on each row);
* hidden rows of the table are read like the others, and a warning lists them.
"""

from __future__ import annotations

from dashboard.coverage import vocab
from dashboard.coverage.importer.log import _Log, rows_phrase
from dashboard.coverage.importer.tables import (
    CSV,
    HEADER_SCAN_ROWS,
    _Grid,
    _Read,
    _Table,
    _text,
)
from dashboard.coverage.names import name_tokens

#: First words of a total row (accents and case aside), in the four languages.
TOTAL_WORDS = frozenset(
    {
        "total", "totals", "subtotal", "grandtotal",
        "totaal", "subtotaal", "eindtotaal", "totalen",
        "totaux", "totale", "soustotal",
        "gesamt", "insgesamt", "summe", "zwischensumme", "gesamtsumme",
    }
)  # fmt: skip
#: Words for a sum that also begin a commune's name ("Somme-Leuze"): a total only when alone
#: in their cell, or followed by a total word ("Somme totale").
SUM_WORDS = frozenset({"sum", "som", "somme"})
#: First words of a note written on a row of its own.
NOTE_WORDS = frozenset(
    {
        "source", "sources", "note", "notes", "nb", "remark", "remarks", "legend",
        "bron", "bronnen", "nota", "opmerking", "opmerkingen", "toelichting", "legende",
        "remarque", "remarques",
        "quelle", "quellen", "anmerkung", "anmerkungen", "hinweis",
    }
)  # fmt: skip
#: Words of a section heading on a row of its own ("Provincie Antwerpen", "Région wallonne").
HEADING_WORDS = frozenset(
    {
        "province", "provincie", "provinz", "arrondissement", "bezirk",
        "region", "gewest", "regio",
    }
)  # fmt: skip
NOTE_LENGTH = 50  # a single text this long is a note, not a commune name
NOTE_WORD_COUNT = 5


def header_fields(values: list[object], read: _Read) -> list[str | None]:
    """The field each cell of a row names as a header (None: not a header word)."""
    mapped = {vocab.normalise_word(h) for h in read.mapped}
    out: list[str | None] = []
    for v in values:
        text = _text(v)
        if not text or not isinstance(v, str):
            out.append(None)
        elif vocab.normalise_word(text) in mapped:
            out.append("mapped")
        else:
            out.append(vocab.header_field(text))
    return out


def find_header(grid: _Grid, read: _Read) -> int | None:
    """Index in ``grid.rows`` of the header row found by its words, or None."""
    for i, (_row, values) in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        if sum(f is not None for f in header_fields(values, read)) >= 2:
            return i
    return None


def names_communes(grid: _Grid, read: _Read) -> bool:
    """Whether the header found by its words has a commune column (code or name)."""
    i = find_header(grid, read)
    if i is None:
        return False
    fields = header_fields(grid.rows[i][1], read)
    return vocab.NIS in fields or vocab.COMMUNE in fields or "mapped" in fields


def locate(grid: _Grid, read: _Read, max_rows: int, log: _Log) -> _Table | None:
    """The table of ``grid``: header, the rows under it that may be communes, the cells to
    check; warnings for what was skipped."""
    index = _header_index(grid, read, log)
    if index is None:
        return None
    header_row, header_values = grid.rows[index]
    log.header_row = header_row
    log.info["header_row"] = str(header_row)
    above = grid.rows[:index]
    if above:
        log.warn(
            header_row,
            "",
            _text(next(v for v in above[0][1] if _text(v))),
            "header_below_titles",
            row=str(header_row),
            rows=rows_phrase([r for r, _v in above]),
        )
    rows: list[tuple[int, list[object]]] = []
    skipped: set[int] = set()
    for row, values in grid.rows[index + 1 :]:
        why = _not_a_commune(values)
        if why:
            log.warn(row, "", _text(next(v for v in values if _text(v))), why)
            skipped.add(row)
            continue
        rows.append((row, values))
        if len(rows) > max_rows:
            log.error(row, "", "", "too_many_rows", limit=max_rows)
            return None
    hidden = sorted(r for r, _v in rows if r in grid.hidden_rows)
    if hidden:
        log.warn(hidden[0], "", "", "hidden_rows", count=len(hidden), rows=rows_phrase(hidden))
    merged = [
        (rng, r, c) for rng, r, c, last in grid.merged if _in_table(r, last, header_row, skipped)
    ]
    header = [_text(v) for v in header_values]
    return _Table(grid.kind, header_row, header, rows, grid.formulas, grid.uncached, merged,
                  frozenset(skipped))  # fmt: skip


def _in_table(first: int, last: int, header_row: int, skipped: set[int]) -> bool:
    """Whether rows ``first``..``last`` (a merged range) touch the header or a row read as
    data: a merged title above the header, or a merged total below, is no error."""
    if first <= header_row <= last:
        return True
    low = max(first, header_row + 1)
    return low <= last and last - low + 1 > sum(1 for r in skipped if low <= r <= last)


def _header_index(grid: _Grid, read: _Read, log: _Log) -> int | None:
    if read.header_row is None:
        found = find_header(grid, read)
        return 0 if found is None else found
    for i, (row, _values) in enumerate(grid.rows):
        if row == read.header_row:
            return i
    last = grid.rows[-1][0] if grid.rows else 0
    code = "header_row_empty" if read.header_row <= last else "header_row_beyond"
    unit = "line" if grid.kind == CSV else "row"
    log.error(read.header_row, "", "", code, row=str(read.header_row), last=str(last), unit=unit)
    return None


def _not_a_commune(values: list[object]) -> str:
    """``"total_row"`` or ``"note_row"`` when a row is a total, a note or a heading; else ""."""
    filled = [v for v in values if _text(v)]
    first = name_tokens(_text(filled[0]))
    if first and (first[0] in TOTAL_WORDS or "".join(first[:2]) in TOTAL_WORDS):
        return "total_row"
    if first and first[0] in SUM_WORDS and (len(first) == 1 or TOTAL_WORDS & set(first)):
        return "total_row"
    if len(filled) != 1 or not isinstance(filled[0], str):
        return ""
    text = _text(filled[0])
    noted = text.startswith(("*", "(", "©")) or ":" in text
    long = len(text) >= NOTE_LENGTH or len(text.split()) >= NOTE_WORD_COUNT
    heading = any(w in HEADING_WORDS for w in first)
    if noted or long or heading or (first and first[0] in NOTE_WORDS):
        return "note_row"
    return ""
