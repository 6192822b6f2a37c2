"""The data downloads of a view: the commune table as CSV, as an Excel workbook with an
"About" sheet, and as GeoJSON with the communes' outlines (issue 14, "Data downloads").

Each writer reads a :class:`~dashboard.exports.briefing.Briefing` and returns
``(file name, bytes)``. Pure (no dash, no plotly, no file read per call).

The table is :func:`dashboard.views.table.export_frame` of the selection, in every format:
machine-readable column names, one row per selected commune, and on every row the sources
and dates of its values (``status_source`` / ``status_date`` / ``status_basis``, each flag
with its source id and date, ``population_source`` / ``population_date``), the view's date
(``view_date``), the commune division and the data's origin (``data``; for invented data
the "illustrative" notice, on every row).

Decisions:

- **CSV: the table and nothing else.** A metadata block above or below the header breaks
  every tool that reads a CSV as a table (pandas, R, databases, Excel's import), and a
  ``sources`` column repeating the view's source list on every row would say again what
  ``status_source`` and ``flags`` already say per row, less precisely. So the CSV adds no
  row and no column: its rows carry their own source ids and dates and the ``illustrative``
  notice (the data-truth rule holds row by row), and the file's name says ``illustrative``
  when the data is invented. The full metadata (title, selection, data line, key figures,
  the sources' publishers, titles, dates and URLs, the link, the day the file was made)
  is in the workbook's "About" sheet and in the GeoJSON's ``metadata`` member.
  UTF-8 with a byte-order mark (Excel then reads the accents); ``;`` between fields on a
  French, Dutch or German page (the list separator of those locales' spreadsheets),
  ``,`` on an English one; CRLF line ends (RFC 4180). Numbers are written unformatted
  (the columns hold integers, booleans as ``true`` / ``false``, and ISO dates).
- **Workbook sheets.** The first sheet holds the table (bold frozen header, a filter on
  it, numbers as numbers) and nothing else; it is named "Communes", or "Communes
  (illustrative)" when the data is invented, so the mark is on the tab a reader sees
  without breaking the table. The second, "About", holds the metadata, the mark in bold
  at the top when it applies. Sheet names and the About sheet's words are in the page's
  language (``export.data_file.*`` messages); the column names stay machine-readable.
- **GeoJSON** (RFC 7946): the selected communes with their display geometry (as prepared,
  already simplified, EPSG:4326) and the table's columns as properties, in the table's
  order; a foreign member ``metadata`` describes the file. Not neutralised (a GeoJSON file
  is read by GIS tools, not evaluated by a spreadsheet); UTF-8, no byte-order mark.
- **Spreadsheet formula injection**: every text cell of the CSV and the workbook (header,
  value, metadata line, source) goes through :func:`neutralise`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboard import i18n
from dashboard.bundle import DataBundle

# The first characters a spreadsheet may run as a formula (OWASP, "CSV Injection"): the
# importer's list, so what it refuses and what an export neutralises are the same.
from dashboard.coverage.importer.results import FORMULA_START
from dashboard.exports.briefing import Briefing, made_on
from dashboard.views.provenance import used_for_text
from dashboard.views.table import export_frame

#: The field separator of a CSV per page language (the spreadsheets' list separator);
#: a language not listed (one added later) gets ``;``, the separator of the locales that
#: write a decimal comma.
CSV_SEPARATORS: Final[Mapping[str, str]] = MappingProxyType(
    {"fr": ";", "nl": ";", "de": ";", "en": ","}
)
BOM: Final = "\ufeff"
#: Widths of the workbook's columns, in characters.
MIN_WIDTH, MAX_WIDTH = 8, 60
#: How many rows the width of a column is measured on.
WIDTH_SAMPLE = 200
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_BOLD = Font(bold=True)


# ---------------------------------------------------------------------------- safety


def neutralise(value: object) -> object:
    """``value`` safe to put in a spreadsheet cell (OWASP's rule for CSV injection).

    A string whose first character, or first after leading spaces, is ``=``, ``+``, ``-``,
    ``@``, a tab or a carriage return gets a leading apostrophe (``"'=HYPERLINK(...)"``):
    a spreadsheet shows it as text and never runs it. Other whitespace before a formula
    character counts too (``"\\n=1"``). Anything that is not a string (a number, a
    boolean, None) is returned as it is: a negative population stays a number.

    Why one apostrophe here and two in
    :func:`dashboard.coverage.analysis.corrections.neutralise`: that function writes
    membership files that go back into the importer, which drops one leading apostrophe
    (as spreadsheets do) and refuses a value beginning with a formula character; the second
    apostrophe keeps the text harmless after that round trip. These exports are end
    products, read by people and their tools and never imported back, so the OWASP rule
    (one apostrophe, the text otherwise unchanged) applies.
    """
    if not isinstance(value, str):
        return value
    if value.lstrip(" ").startswith(FORMULA_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


def file_name(b: Briefing, extension: str) -> str:
    """``csil-communes-{kind}-{date}.{extension}``: kind ``public``, ``illustrative`` or
    ``upload``, date the data's date; ASCII letters, digits, ``.``, ``_`` and ``-`` only."""
    kind = "illustrative" if b.illustrative else b.shown.kind
    stem = "-".join(_UNSAFE_NAME.sub("", part) for part in ("csil-communes", kind,
                                                            b.shown.date_key))  # fmt: skip
    name = f"{stem}.{_UNSAFE_NAME.sub('', extension)}"
    return str(neutralise(name))  # begins with "csil": never changed, kept as a guard


# ------------------------------------------------------------------------------- table


def table(b: Briefing) -> pd.DataFrame:
    """The commune table of the selection (:func:`dashboard.views.table.export_frame`)."""
    return export_frame(b.shown, b.frame, b.mask, b.lang)


def _plain(value: Any) -> Any:
    """A Python value for a writer: numpy scalars unboxed, NaN / NA as None."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _records(frame: pd.DataFrame) -> list[list[Any]]:
    return [[_plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]


# --------------------------------------------------------------------------------- CSV


def _csv_text(value: Any) -> str:
    value = neutralise(_plain(value))
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_bytes(b: Briefing) -> tuple[str, bytes]:
    """(file name, content) of the selection's commune table as CSV: UTF-8 with a
    byte-order mark, ``;`` on a French, Dutch or German page and ``,`` on an English one,
    the table only (see the module docstring)."""
    frame = table(b)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_SEPARATORS.get(b.lang, ";"), lineterminator="\r\n")
    writer.writerow([_csv_text(c) for c in frame.columns])
    writer.writerows([_csv_text(v) for v in row] for row in _records(frame))
    return file_name(b, "csv"), (BOM + out.getvalue()).encode("utf-8")


# -------------------------------------------------------------------------------- XLSX


def _cell(value: Any) -> Any:
    """A workbook cell's value: neutralised, without the control characters a workbook
    cannot hold (openpyxl refuses them)."""
    value = neutralise(_plain(value))
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def sheet_name(text: str) -> str:
    """``text`` as a sheet name: without ``[ ] : * ? / \\`` nor apostrophes at its ends
    (Excel refuses them there, so no neutralising apostrophe either), 31 characters at
    most. A sheet name is never evaluated as a formula."""
    name = _SHEET_FORBIDDEN.sub("", ILLEGAL_CHARACTERS_RE.sub("", text)).strip("' ")[:31]
    return name.strip("' ") or "Sheet"


def _t(key: str, lang: str, **kwargs: Any) -> str:
    return i18n.t(f"export.data_file.{key}", lang, **kwargs)


def _width(values: Iterable[Any]) -> float:
    longest = max(
        (max(len(line) for line in str(v).split("\n")) for v in values if v is not None),
        default=0,
    )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, longest + 2)))


def _communes_sheet(ws: Any, frame: pd.DataFrame) -> None:
    ws.append([_cell(c) for c in frame.columns])
    rows = _records(frame)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for cell in ws[1]:
        cell.font = _BOLD
    ws.freeze_panes = "A2"
    last = get_column_letter(max(1, len(frame.columns)))
    ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for i, column in enumerate(frame.columns):
        sample = [column, *(row[i] for row in rows[:WIDTH_SAMPLE])]
        ws.column_dimensions[get_column_letter(i + 1)].width = _width(sample) + 2  # filter


def _about_sheet(ws: Any, b: Briefing, count: int, today: dt.date) -> None:
    lang = b.lang
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")

    def row(*values: Any, bold: bool = False, label: bool = True) -> None:
        ws.append([_cell(v) for v in values])
        for i, cell in enumerate(ws[ws.max_row]):
            cell.alignment = wrap if isinstance(cell.value, str) and "\n" in cell.value else top
            if bold or (label and i == 0 and len(values) > 1):
                cell.font = _BOLD

    ws.append([_cell(b.title)])
    ws["A1"].font = Font(bold=True, size=14)
    if b.illustrative and b.illustrative_mark:
        ws.append([_cell(b.illustrative_mark)])
        ws.cell(ws.max_row, 1).font = Font(bold=True, size=12, color="C00000")
    ws.append([])
    for i, words in enumerate(b.selection):
        row(_t("label.selection", lang) if i == 0 else None, words)
    row(_t("label.data", lang), b.data_line)
    row(_t("label.as_of", lang), b.as_of)
    row(_t("label.communes", lang), count)
    row(_t("label.table", lang), _t("table_note", lang))
    ws.append([])

    row(_t("label.key_figures", lang), bold=True)
    row(_t("col.figure", lang), _t("col.value", lang), _t("col.lines", lang),
        _t("col.note", lang), bold=True)  # fmt: skip
    for f in b.figures:
        row(f.label, f.value, "\n".join(f.lines), f.tag)
    ws.append([])

    row(_t("label.sources", lang), bold=True)
    row(_t("col.source_id", lang), _t("col.publisher", lang), _t("col.title", lang),
        _t("col.date", lang), _t("col.url", lang), _t("col.used_for", lang),
        bold=True)  # fmt: skip
    for s in b.sources.to_dict(orient="records"):
        row(s.get("source_id"), s.get("publisher"), s.get("title"),
            _plain(s.get("date")) or i18n.MISSING, s.get("url"),
            used_for_text(s.get("used_for"), lang), label=False)  # fmt: skip
    row(b.source_line)
    ws.append([])

    row(_t("label.link", lang), b.link)
    row(made_on(today, lang))

    widths = {"A": 30, "B": 45, "C": 60, "D": 14, "E": 45, "F": 24}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width


def xlsx_bytes(b: Briefing, *, today: dt.date | None = None) -> tuple[str, bytes]:
    """(file name, content) of the selection as an Excel workbook: the commune table on
    the first sheet, what the file shows and where it comes from on the second ("About");
    ``today``: the day the file is made (default: today)."""
    today = today or dt.date.today()
    lang = b.lang
    frame = table(b)
    wb = Workbook()
    communes = wb.active
    key = "sheet.communes_illustrative" if b.illustrative else "sheet.communes"
    communes.title = sheet_name(_t(key, lang))
    _communes_sheet(communes, frame)
    about = wb.create_sheet(sheet_name(_t("sheet.about", lang)))
    _about_sheet(about, b, len(frame), today)
    wb.properties.title = str(_cell(b.title))
    wb.properties.subject = str(_cell(b.data_line))
    wb.properties.language = lang
    moment = dt.datetime.combine(today, dt.time())
    wb.properties.created = wb.properties.modified = moment
    out = io.BytesIO()
    wb.save(out)
    return file_name(b, "xlsx"), out.getvalue()


# ----------------------------------------------------------------------------- GeoJSON


@lru_cache(maxsize=16)
def _geometries(bundle: DataBundle, vintage: str) -> Mapping[str, dict]:
    """NIS code -> geometry of a division's display features (the bundle's, kept)."""
    out = {}
    for feature in bundle.vintages[vintage].display["features"]:
        nis = feature.get("id") or feature.get("properties", {}).get("nis")
        out[str(nis)] = feature.get("geometry")
    return MappingProxyType(out)


def metadata(b: Briefing, bundle: DataBundle, today: dt.date) -> dict[str, Any]:
    """What a GeoJSON file says about itself (its ``metadata`` member)."""
    sources = [
        {
            "source_id": s.get("source_id"),
            "publisher": s.get("publisher"),
            "title": s.get("title"),
            "kind": s.get("kind"),
            "date": s.get("date"),
            "date_precision": s.get("date_precision"),
            "url": s.get("url"),
            "used_for": list(s.get("used_for") or ()),
        }
        for s in b.sources.to_dict(orient="records")
    ]
    return {
        "title": b.title,
        "selection": list(b.selection),
        "data_line": b.data_line,
        "illustrative": bool(b.illustrative),
        "illustrative_mark": b.illustrative_mark if b.illustrative else "",
        "data_kind": b.shown.kind,
        "view_date": b.shown.date_key,
        "commune_division": b.shown.vintage,
        "as_of": b.as_of,
        "sources": [{k: _plain(v) for k, v in s.items()} for s in sources],
        "source_line": b.source_line,
        "boundaries": bundle.vintages[b.shown.vintage].vintage.attribution,
        "link": b.link,
        "language": b.lang,
        "made_on": made_on(today, b.lang),
    }


def geojson_bytes(
    b: Briefing, bundle: DataBundle, *, today: dt.date | None = None
) -> tuple[str, bytes]:
    """(file name, content) of the selected communes as a GeoJSON FeatureCollection: each
    commune's display geometry, the table's columns as properties, and a ``metadata``
    member. ``bundle``: where the geometry is (the Briefing does not hold it); ``today``:
    the day the file is made (default: today)."""
    today = today or dt.date.today()
    geometries = _geometries(bundle, b.shown.vintage)
    frame = table(b)
    columns = [str(c) for c in frame.columns]
    features = []
    for row in _records(frame):
        properties = dict(zip(columns, row, strict=True))
        nis = str(properties["nis_code"])
        features.append({
            "type": "Feature", "id": nis, "properties": properties,
            "geometry": geometries.get(nis),
        })  # fmt: skip
    collection = {
        "type": "FeatureCollection",
        "metadata": metadata(b, bundle, today),
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return file_name(b, "geojson"), text.encode("utf-8")
