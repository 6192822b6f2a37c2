"""A corpus of hostile and broken membership files: bytes, a file name, and what the importer
must answer.

Reusable: :data:`CORPUS` is a list of :class:`HostileCase`; ``case.make()`` returns the file's
bytes (pure, no IO; big files are built once per session and cached), ``case.filename`` the
name it is uploaded under. ``case.expect`` holds error codes of
:mod:`dashboard.coverage.messages`: the import must fail with at least one of them, or, when
``case.accepted`` is true, succeed (the content is kept safely as text) with at least one of
them among its warnings when ``expect`` is not empty. ``case.check`` is an optional further
predicate on the :class:`~dashboard.coverage.importer.ImportResult`.

Communes and dates are chosen to behave the same with the synthetic geography of
:mod:`tests.coverage.membership_fixtures` and with the real one (Aartselaar 11001, Antwerpen
11002, Boechout 11004; Puurs 12030, part of Puurs-Sint-Amands 12041 from 2019), so the corpus
can also be sent through the upload page.
"""

from __future__ import annotations

import codecs
import functools
import gzip
import io
import random
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.coverage.workbooks import Sheet, ods, xls, xlsm, xlsx

D = "2016-05-27"
HEADER = "nis_code,commune,status,cell,as_of,source_comment\n"
TEMPLATE = ["nis_code", "commune", "status", "cell", "as_of", "source_comment"]


@dataclass(frozen=True)
class HostileCase:
    id: str
    filename: str
    make: Callable[[], bytes]
    expect: tuple[str, ...]  # error codes (one at least), or warnings when accepted
    accepted: bool = False  # imported safely (e.g. markup kept as text)
    check: Callable[[Any], bool] | None = None  # a further predicate on the ImportResult
    big: bool = False  # a large file: the tests also bound its memory


# ---------------------------------------------------------------------------- helpers


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "".join(line + "\n" for line in lines)).encode("utf-8")


def _ok_rows(tag: str) -> list[str]:
    """Two valid rows; ``tag`` in a comment makes every file's bytes distinct."""
    return [f"11001,Aartselaar,none,,{D},{tag}", f"11004,Boechout,own cell,,{D},"]


def _ok_csv(tag: str) -> bytes:
    return _csv(*_ok_rows(tag))


def _q(text: str) -> str:
    """A CSV field, quoted."""
    return '"' + text.replace('"', '""') + '"'


def _zip(files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    return buf.getvalue()


_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_CT = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    b'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    b'"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    b'"/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    b'officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="xl/workbook.xml"/></Relationships>'
)
_WB = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="' + _NS + '" xmlns:r="http://'
    'schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" '
    'sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
_WB_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    b'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
    b'schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    b'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
    b'Target="sharedStrings.xml"/></Relationships>'
)
_SST = (
    '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="' + _NS + '" count="1" uniqueCount="1">'
    "<si><t>Aartselaar</t></si></sst>"
).encode()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _sheet_xml(rows_xml: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>' + prolog + '<worksheet xmlns="' + _NS + '">'
        "<sheetData>" + rows_xml + "</sheetData></worksheet>"
    ).encode()


def _row_xml(r: int, values: list[object]) -> str:
    cells = []
    for j, v in enumerate(values):
        ref = f"{chr(65 + j)}{r}"
        if isinstance(v, int | float):
            cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        else:
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_esc(str(v))}</t></is></c>')
    return f'<row r="{r}">' + "".join(cells) + "</row>"


def _good_rows_xml() -> str:
    return (
        _row_xml(1, TEMPLATE)
        + _row_xml(2, [11001, "Aartselaar", "none", "", D, ""])
        + _row_xml(3, [11004, "Boechout", "own cell", "", D, ""])
    )


def raw_xlsx(
    sheet: bytes,
    *,
    shared: bytes | None = None,
    workbook: bytes = _WB,
    content_types: bytes = _CT,
    extra: dict[str, bytes] | None = None,
    method: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    """A minimal .xlsx written part by part (no library): for files no spreadsheet program
    would write, and for big sheets built quickly."""
    files = {
        "[Content_Types].xml": content_types,
        "_rels/.rels": _RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": _WB_RELS,
        "xl/worksheets/sheet1.xml": sheet,
    }
    if shared is not None:
        files["xl/sharedStrings.xml"] = shared
    files.update(extra or {})
    return _zip(files, method)


def _good_xlsx_raw() -> bytes:
    return raw_xlsx(_sheet_xml(_good_rows_xml()))


def _patch_central(data: bytes, member: str, offset: int, fmt: str, value: int) -> bytes:
    """``data`` with a field of ``member``'s central directory entry rewritten (a ZIP
    whose directory lies: sizes, compression method)."""
    name = member.encode()
    i = data.index(b"PK\x01\x02")
    while True:
        n_len, x_len, c_len = struct.unpack("<HHH", data[i + 28 : i + 34])
        if data[i + 46 : i + 46 + n_len] == name:
            end = i + offset + struct.calcsize(fmt)
            return data[: i + offset] + struct.pack(fmt, value) + data[end:]
        i += 46 + n_len + x_len + c_len


def _book(rows: list[list[object]], writer: Callable[..., bytes] = xlsx, **kw: Any) -> bytes:
    return writer(Sheet("Blad1", rows, **kw))


def _rows(*data: list[object]) -> list[list[object]]:
    return [TEMPLATE, *data]


def _ok_data(tag: str) -> list[list[object]]:
    return [
        [11001, "Aartselaar", "none", None, D, tag],
        [11004, "Boechout", "own cell", None, D, None],
    ]


# ---------------------------------------------------------------------------- big files
# Built once per session: make() stays pure, and the corpus quick to go through.


@functools.cache
def big_cells_xlsx() -> bytes:
    """About 1.2 million cells with varied values, about 2 MB zipped (its sheet unpacks
    beyond the part limit)."""
    rnd = random.Random(1)
    rows = "".join(
        f'<row r="{r}">'
        + "".join(f"<c><v>{rnd.randrange(10**6)}</v></c>" for _ in range(40))
        + "</row>"
        for r in range(1, 30_001)
    )
    return raw_xlsx(_sheet_xml(rows))


@functools.cache
def million_rows_xlsx() -> bytes:
    """One million rows of one number each."""
    rnd = random.Random(2)
    rows = "".join(f"<row><c><v>{rnd.randrange(10**5)}</v></c></row>" for _ in range(1_000_000))
    return raw_xlsx(_sheet_xml(rows))


@functools.cache
def many_cells_within_part_xlsx() -> bytes:
    """250,000 short cells: within the part size, over the cell limit."""
    rnd = random.Random(3)
    rows = "".join(
        "<row>" + "".join(f"<c><v>{rnd.randrange(1000)}</v></c>" for _ in range(50)) + "</row>"
        for _ in range(5000)
    )
    return raw_xlsx(_sheet_xml(_good_rows_xml() + rows))


@functools.cache
def many_rows_xlsx() -> bytes:
    """12,000 commune-like rows: over the row limit."""
    body = "".join(_row_xml(r, [11001, "Aartselaar", "none", "", D, ""]) for r in range(2, 12_003))
    return raw_xlsx(_sheet_xml(_row_xml(1, TEMPLATE) + body))


@functools.cache
def many_rows_csv() -> bytes:
    return _csv(*(f"11001,Aartselaar,none,,{D}," for _ in range(10_100)))


@functools.cache
def too_big_file() -> bytes:
    return HEADER.encode() + b"x" * 5_000_100


@functools.cache
def long_strings_xls() -> bytes:
    """An .xls whose one long shared string fills 4,500 cells."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    ws.write(0, 0, "nis_code")
    text = "y" * 32_000
    for r in range(1, 4501):
        ws.write(r, 0, text)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def far_cell_xls(row: int = 65535, col: int = 255) -> bytes:
    """A 5 kB .xls with a header in A1 and one value at (``row``, ``col``), 0-based."""
    import xlwt

    wb = xlwt.Workbook()
    ws = wb.add_sheet("S")
    for j, name in enumerate(TEMPLATE):
        ws.write(0, j, name)
    ws.write(row, col, "x")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def zip_bomb_xlsx() -> bytes:
    """A sheet of 9 MB of blanks: it packs about 1000 times."""
    sheet = _sheet_xml(_good_rows_xml()).replace(b"<sheetData>", b"<sheetData>" + b" " * 9_000_000)
    return raw_xlsx(sheet)


@functools.cache
def lying_zip_xlsx() -> bytes:
    """A workbook whose directory says a part unpacks to 3 GB."""
    return _patch_central(_good_xlsx_raw(), "xl/worksheets/sheet1.xml", 24, "<I", 3_000_000_000)


def _billion_laughs() -> str:
    lines = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        prev = "lol" if i == 1 else f"lol{i - 1}"
        lines.append(f'<!ENTITY lol{i} "' + f"&{prev};" * 10 + '">')
    return "<!DOCTYPE lolz [" + "".join(lines) + "]>"


_ENTITY_ROW = '<row r="2"><c r="B2" t="inlineStr"><is><t>&{};</t></is></c></row>'
_XXE = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


# ---------------------------------------------------------------------------- the corpus


def _cases() -> list[HostileCase]:
    out: list[HostileCase] = []

    def add(id: str, make: Callable[[], bytes], *expect: str, filename: str = "",
            accepted: bool = False, check: Callable[[Any], bool] | None = None,
            big: bool = False) -> None:  # fmt: skip
        out.append(HostileCase(id, filename or f"{id}.csv", make, expect, accepted, check, big))

    # ---- empty, not a table, wrong format
    add("empty", lambda: b"", "empty_file")
    add("whitespace-only", lambda: b" \r\n\t \n  ", "empty_file")
    add("bom-only", lambda: codecs.BOM_UTF8, "empty_file")
    add("nul-only", lambda: b"\x00" * 64, "empty_file")
    add("bom-and-blank-lines", lambda: codecs.BOM_UTF8 + b"\n\n,,,\n", "empty_csv")
    add("header-only", lambda: HEADER.encode(), "no_data_rows")
    add("pdf", lambda: b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n", "wrong_format", filename="m.pdf")
    add("png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "wrong_format", filename="m.png")
    add("jpeg", lambda: b"\xff\xd8\xff\xe0" + bytes(64), "wrong_format", filename="m.jpg")
    add("gif", lambda: b"GIF89a" + bytes(32), "wrong_format", filename="m.gif")
    add("gzip-csv", lambda: gzip.compress(_ok_csv("gz"), mtime=0), "wrong_format",
        filename="m.csv.gz")  # fmt: skip
    add("rtf", lambda: b"{\\rtf1\\ansi Aartselaar}", "wrong_format", filename="m.rtf")
    add("docx", lambda: _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": _CT}),
        "zip_not_xlsx", filename="m.docx")  # fmt: skip
    add("zip-of-csv", lambda: _zip({"members.csv": _ok_csv("zipped")}), "zip_not_xlsx",
        filename="m.zip")  # fmt: skip
    add("broken-zip", lambda: b"PK\x03\x04" + bytes(range(256)) * 4, "damaged_zip",
        filename="m.xlsx")  # fmt: skip
    add("truncated-xlsx", lambda: _book(_rows(*_ok_data("cut")))[:1500],
        "damaged_zip", "xlsx_unreadable", filename="m.xlsx")  # fmt: skip
    add("random-binary", lambda: random.Random(7).randbytes(4000), "binary_content",
        filename="m.bin")  # fmt: skip
    add("exe", lambda: b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200), "binary_content",
        filename="m.exe")  # fmt: skip
    add("elf", lambda: b"\x7fELF\x02\x01\x01" + bytes(200), "binary_content", "empty_file",
        filename="m.so")  # fmt: skip
    add("nul-in-csv", lambda: _ok_csv("nul").replace(b"Boechout", b"Boe\x00chout"),
        "binary_content")  # fmt: skip
    add("html-table", lambda: b"<html><body><table><tr><td>Aartselaar</td><td>none</td></tr>"
        b"</table></body></html>", "no_commune_column", "no_status_column", "one_column",
        "header_is_data", "unrecognised_column", "no_data_rows", "unsupported_delimiter",
        filename="m.html")  # fmt: skip
    add("json", lambda: b'[{"nis_code": "11001", "status": "none"}]', "no_commune_column",
        "no_status_column", "unrecognised_column", "no_data_rows", "one_column",
        filename="m.json")  # fmt: skip
    add("svg-billion-laughs-as-text", lambda: (_billion_laughs() + "<svg>&lol9;</svg>").encode(),
        "no_commune_column", "no_status_column", "unrecognised_column", "no_data_rows",
        "one_column", "formula_start", "unsupported_delimiter",
        filename="m.svg")  # fmt: skip

    # ---- encodings
    add("utf8-bom-lie", lambda: codecs.BOM_UTF8 + "Liège".encode("latin-1") + b"\n",
        "bad_bom")  # fmt: skip
    add("utf32-bom-lie", lambda: codecs.BOM_UTF32_LE + b"abc", "bad_bom")
    add("utf16-bom-odd", lambda: codecs.BOM_UTF16_LE + b"a\x00b\x00\x00\xd8x", "bad_bom")
    add("utf16-without-bom", lambda: _ok_csv("utf16").decode().encode("utf-16-le"),
        "utf16_without_bom", accepted=True)  # fmt: skip
    add("utf16-with-bom", lambda: _ok_csv("utf16 bom").decode().encode("utf-16"), accepted=True)
    add("latin1-fallback", lambda: _csv(f"11001,Aartselaar,none,,{D},caf\x81".encode(
        "latin-1").decode("latin-1"), header=HEADER).decode().encode("latin-1"),
        "latin1_fallback", accepted=True)  # fmt: skip
    add("cp1252", lambda: _csv(f"11001,Aartselaar,none,,{D},Liège ‘quoted’").decode().encode(
        "cp1252"), accepted=True)  # fmt: skip

    # ---- CSV structure
    add("unclosed-quote", lambda: _csv(f'11001,"Aartselaar,none,,{D},') + b"x" * 140_000,
        "csv_field_too_long")  # fmt: skip
    add("huge-first-line", lambda: b"a" * 200_000 + b"\n" + _ok_csv("huge line"),
        "csv_field_too_long")  # fmt: skip
    add("huge-field", lambda: _csv(f"11001,Aartselaar,none,,{D},{'y' * 150_000}"),
        "csv_field_too_long")  # fmt: skip
    add("many-columns", lambda: ",".join(["x"] * 201_000).encode() + b"\n", "too_many_cells_csv")
    add("many-rows-csv", many_rows_csv, "too_many_rows", big=True)
    add("too-big", too_big_file, "file_too_large", big=True)
    add("pipe-delimited", lambda: b"nis_code|commune|status|as_of\n11001|Aartselaar|none|"
        + D.encode() + b"\n", "unsupported_delimiter")  # fmt: skip
    add("row-too-long", lambda: _csv(f"11001,Aartselaar,none,,{D},,extra,more"), "row_too_long")
    add("more-errors", lambda: _csv(*(f"{90000 + i},,none,,{D}," for i in range(300))),
        "more_errors", "unknown_code")  # fmt: skip
    add("many-unknown-names", lambda: _csv(*(f",Nowhere{i}ville,none,,{D}," for i in range(3000))),
        "more_errors", check=lambda r: any(e.code == "more_errors" for e in r.errors))  # fmt: skip

    # ---- columns
    add("no-commune-column", lambda: b"status,as_of\nnone," + D.encode() + b"\n",
        "no_commune_column")  # fmt: skip
    add("no-status-column", lambda: b"nis_code,as_of\n11001," + D.encode() + b"\n",
        "no_status_column")  # fmt: skip
    add("no-date-column", lambda: b"nis_code,status\n11001,none\n", "no_date_column")
    add("unrecognised-column", lambda: b"nis_code,Staatus,as_of\n11001,none," + D.encode() + b"\n",
        "unrecognised_column", "unrecognised_column_near")  # fmt: skip
    add("duplicate-field", lambda: b"nis_code,status,statut,as_of\n11001,none,none,"
        + D.encode() + b"\n", "duplicate_field")  # fmt: skip
    add("values-without-header", lambda: b"nis_code,status,as_of,\n11001,none," + D.encode()
        + b",stray\n", "values_without_header")  # fmt: skip
    add("header-is-data", lambda: b"11001,none," + D.encode() + b"\n11004,none," + D.encode()
        + b"\n", "header_is_data", "no_commune_column", "unrecognised_column")  # fmt: skip
    add("one-column", lambda: b"commune\nAartselaar\n", "no_status_column", "one_column")

    # ---- formula starts, in every column and in the file name
    payload = {"=": "=1+2", "+": "+1+2", "-": "-1+2", "@": "@SUM(A1)", "tab": "\t=1+2",
               "cr": "\r=1+2"}  # fmt: skip
    columns = {"nis": 0, "commune": 1, "status": 2, "cell": 3, "comment": 5}
    for name, text in payload.items():
        for lead_name, lead in (("", ""), ("space-", "  "), ("nbsp-", "\u00a0")):
            for col, index in columns.items():
                if lead and col in ("nis", "cell"):
                    continue  # enough variants: leading spaces are tried in three columns
                values = ["11001", "Aartselaar", "none", "", D, ""]
                values[index] = lead + text + ("Aartselaar" if col == "commune" else "")
                line = ",".join(_q(v) for v in values)
                add(f"formula-{lead_name}{name}-{col}", functools.partial(_csv, line),
                    "formula_start")  # fmt: skip
    add("formula-cmd-dde", lambda: _csv(f"11001,Aartselaar,none,,{D},\"=cmd|' /C calc'!A0\""),
        "formula_start")  # fmt: skip
    add(
        "formula-hyperlink-spaces",
        lambda: _csv(f'11001,Aartselaar,none,,{D}," =HYPERLINK(""http://evil"",""x"")"'),
        "formula_start",
    )
    add("formula-apostrophe", lambda: _csv(f"11001,Aartselaar,none,,{D},'=1+1"), "formula_start")
    add("formula-zero-width", lambda: _csv(f"11001,Aartselaar,none,,{D},\u200b=1+1"),
        "formula_start")  # fmt: skip
    add("formula-ideographic-space", lambda: _csv(f"11001,Aartselaar,none,,{D},\u3000-1+1"),
        "formula_start")  # fmt: skip
    add("formula-bullet-comment", lambda: _csv(f"11001,Aartselaar,none,,{D},- see note"),
        "formula_start")  # fmt: skip
    add("xlsx-formula-plus", lambda: _book(_rows([11001, "Aartselaar", "none", None, D, "+1+2"])),
        "formula_start", filename="m.xlsx")  # fmt: skip
    add("xlsx-formula-minus", lambda: _book(_rows([11001, "-Aartselaar", "none", None, D, None])),
        "formula_start", filename="m.xlsx")  # fmt: skip
    add("xlsx-formula-at", lambda: _book(_rows([11001, "Aartselaar", "none", "@x", D, None])),
        "formula_start", filename="m.xlsx")  # fmt: skip
    add("xlsx-saved-value-is-a-formula", lambda: xlsx(
        Sheet("Blad1", _rows([11001, "Aartselaar", "none", None, D, '="=HYPERLINK(1)"'])),
        cached={"F2": "=HYPERLINK(1)"}), "formula_start", filename="m.xlsx")  # fmt: skip
    add("xls-formula-plus", lambda: _book(_rows([11001, "Aartselaar", "none", None, D, "+cmd"]),
        xls), "formula_start", filename="m.xls")  # fmt: skip
    add("ods-formula-at", lambda: _book(_rows([11001, "Aartselaar", "none", None, D, "@cmd"]),
        ods), "formula_start", filename="m.ods")  # fmt: skip
    add("xlsx-formula-no-value", lambda: _book(_rows([11001, "Aartselaar", "=B1", None, D, None])),
        "formula_no_value", filename="m.xlsx")  # fmt: skip
    for name, lead in (("=", "="), ("+", "+"), ("-", "-"), ("@", "@"), ("tab", "\t"),
                       ("cr", "\r"), ("space-=", " ="), ("nbsp-+", "\u00a0+")):  # fmt: skip
        add(f"filename-{name}", functools.partial(_ok_csv, f"file name {name}"),
            "file_name_changed", filename=f"{lead}cmd|' /C calc'!A0.csv", accepted=True,
            check=_name_neutralised)  # fmt: skip
    for name, bad in (("esc", "\x1b[31m"), ("newline", "\n"), ("nul", "\x00"),
                      ("bidi", "\u202e"), ("del", "\x7f")):  # fmt: skip
        add(f"filename-control-{name}", functools.partial(_ok_csv, f"control {name}"),
            "file_name_changed", filename=f"members{bad}vsc.csv", accepted=True,
            check=_name_neutralised)  # fmt: skip
    add("filename-very-long", functools.partial(_ok_csv, "long name"), "file_name_changed",
        filename="m" * 5000 + ".csv", accepted=True,
        check=lambda r: len(r.file) <= 200)  # fmt: skip

    # ---- values kept safely as text, or accepted
    add("dash-comment", lambda: _csv(f"11001,Aartselaar,none,,{D},-"), accepted=True)
    add("em-dash-comment", lambda: _csv(f"11001,Aartselaar,none,,{D},—"), accepted=True)
    add("negative-number-comment", lambda: _csv(f"11001,Aartselaar,none,,{D},-5"), accepted=True)
    add("dash-cell", lambda: _csv(f"11001,Aartselaar,none,-,{D},"), accepted=True)
    markup = {
        "markup-script": "<script>alert(1)</script>",
        "markup-bold": "<b>bold</b>",
        "markup-js-link": '<a href="javascript:alert(1)">x</a>',
        "markup-img": "<img src=x onerror=alert(1)>",
        "markup-dash-template": "{{7*7}} ${7*7} <%= 7*7 %>",
    }
    for id_, text in markup.items():
        add(id_, functools.partial(_csv, f"11001,Aartselaar,none,,{D},{_q(text)}"),
            accepted=True, check=functools.partial(_comment_is, text))  # fmt: skip
    add("markup-in-commune", lambda: _csv(f'11001,"<a href=javascript:alert(1)>x</a>",none,,{D},'),
        accepted=True)  # fmt: skip  # the code decides; the name is a warning
    add("markup-commune-only", lambda: _csv(f',"<b>Aartselaar</b>",none,,{D},'),
        "unknown_name", "unknown_name_near")  # fmt: skip
    add("xlsx-markup", lambda: _book(_rows([11001, "Aartselaar", "none", None, D,
        "<script>x</script>"])), accepted=True, filename="m.xlsx")  # fmt: skip
    add("zero-width-in-name", lambda: _csv(f",Aarts\u200belaar,none,,{D},"), accepted=True)
    add("very-long-name", lambda: _csv(f",{'Aartselaar' * 1000},none,,{D},"), "value_too_long")
    add("very-long-comment", lambda: _csv(f"11001,Aartselaar,none,,{D},{'x' * 3000}"),
        "value_too_long")  # fmt: skip
    add("long-unknown-name", lambda: _csv(f",{'Q' * 1900},none,,{D},"),
        "unknown_name", "unknown_name_near")  # fmt: skip

    # ---- control characters
    for name, ch in (("bell", "\x07"), ("esc", "\x1b[2J"), ("vtab", "\x0b"), ("bidi", "\u202e"),
                     ("del", "\x7f"), ("backspace", "\x08")):  # fmt: skip
        add(f"control-{name}-commune", functools.partial(_csv, f",Aarts{ch}elaar,none,,{D},"),
            "control_character")  # fmt: skip
        add(f"control-{name}-comment",
            functools.partial(_csv, f"11001,Aartselaar,none,,{D},a{ch}b"), "control_character",
            check=_no_raw_controls)  # fmt: skip
    add("xlsx-control", lambda: raw_xlsx(_sheet_xml(_row_xml(1, TEMPLATE)
        + _row_xml(2, [11001, "Aartselaar", "none", "", D, "a_x001B_[2Jb"]))),
        "control_character", filename="m.xlsx")  # fmt: skip  # Excel's escape of ESC

    # ---- dates
    add("bad-date", lambda: _csv("11001,Aartselaar,none,,2016-13-45,"), "unreadable_date")
    add("bad-date-feb", lambda: _csv("11001,Aartselaar,none,,31/02/2016,"), "unreadable_date")
    add("bad-date-words", lambda: _csv("11001,Aartselaar,none,,yesterday,"), "unreadable_date")
    add("date-serial", lambda: _csv("11001,Aartselaar,none,,42517,"), "date_serial",
        accepted=True)  # fmt: skip  # read as 2016-05-26, with a warning
    add("future-date", lambda: _csv("11001,Aartselaar,none,,2099-01-01,"), "date_in_future")
    add("ancient-date", lambda: _csv("11001,Aartselaar,none,,1850-01-01,"),
        "date_outside_vintages", "unreadable_date")  # fmt: skip
    add("mixed-dates", lambda: _csv(f"11001,Aartselaar,none,,{D},",
        "11004,Boechout,none,,2017-01-01,"), "mixed_dates")  # fmt: skip
    add("no-dates", lambda: _csv("11001,Aartselaar,none,,,", "11004,Boechout,none,,,"), "no_dates")

    # ---- communes
    add("unknown-code", lambda: _csv(f"99999,,none,,{D},"), "unknown_code", "unknown_code_near")
    add("not-a-code", lambda: _csv(f"12ab,,none,,{D},"), "not_a_code")
    add("unknown-name", lambda: _csv(f",Atlantis,none,,{D},"), "unknown_name", "unknown_name_near")
    add("near-name", lambda: _csv(f",Aartselar,none,,{D},"), "unknown_name_near", "unknown_name")
    add("code-name-disagree", lambda: _csv(f"11001,Antwerpen,none,,{D},"), "code_name_disagree")
    add("no-commune-on-row", lambda: _csv(f",,none,,{D},tag"), "no_commune_on_row")
    add("duplicate-commune", lambda: _csv(f"11001,Aartselaar,none,,{D},",
        f"11001,Aartselaar,own cell,,{D},"), "duplicate_commune")  # fmt: skip
    add("duplicate-alias", lambda: _csv(f"11002,,none,,{D},", f",Anvers,none,,{D},"),
        "duplicate_commune_alias", "duplicate_commune")  # fmt: skip
    add("two-cells", lambda: _csv(f"11001,Aartselaar,shared cell,Zone A,{D},",
        f"11001,Aartselaar,shared cell,Zone B,{D},"), "commune_in_two_cells")  # fmt: skip
    add("whole-and-part", lambda: _csv("12041,,none,,2020-01-01,", ",Puurs,none,,2020-01-01,"),
        "duplicate_commune_part")  # fmt: skip

    # ---- statuses
    add("empty-status", lambda: _csv(f"11001,Aartselaar,,,{D},"), "empty_status")
    add("unknown-status", lambda: _csv(f"11001,Aartselaar,ouais,,{D},"),
        "unknown_status", "unknown_status_near")  # fmt: skip
    add("near-status", lambda: _csv(f"11001,Aartselaar,own cel,,{D},"), "unknown_status_near")
    add("covered-without-cell", lambda: _csv(f"11001,Aartselaar,yes,,{D},"),
        "covered_without_cell", "unknown_status")  # fmt: skip
    add("status-with-cell", lambda: _csv(f"11001,Aartselaar,none,Zone X,{D},"), "status_with_cell")
    add("own-cell-shared", lambda: _csv(f"11001,Aartselaar,own cell,Zone Y,{D},",
        f"11004,Boechout,own cell,Zone Y,{D},"), "own_cell_shared")  # fmt: skip
    add("shared-alone", lambda: _csv(f"11001,Aartselaar,shared cell,Zone Z,{D},"),
        "shared_cell_alone")  # fmt: skip

    # ---- workbooks
    add("xlsx-merged", lambda: _book(_rows(*_ok_data("merged"), [11002, "Antwerpen", "none",
        None, D, None]), merged=("C2:C3",)), "merged_cells", filename="m.xlsx")  # fmt: skip
    add("xlsx-empty-sheet", lambda: xlsx(Sheet("Leeg", [])), "empty_sheet", filename="m.xlsx")
    add("xlsx-data-on-hidden-sheet-only", lambda: xlsx(Sheet("Leeg", []),
        Sheet("Data", _rows(*_ok_data("hidden")), hidden=True)), "empty_sheet",
        filename="m.xlsx")  # fmt: skip
    add("xlsm-macros", lambda: _book(_rows(*_ok_data("macro")), xlsm), "macros_ignored",
        accepted=True, filename="m.xlsm")  # fmt: skip
    add("xlsx-hidden-rows", lambda: _book(_rows(*_ok_data("hidden rows")), hidden_rows=(2,)),
        "hidden_rows", accepted=True, filename="m.xlsx")  # fmt: skip
    add("ods-ok", lambda: _book(_rows(*_ok_data("ods")), ods), accepted=True, filename="m.ods")
    add("xls-ok", lambda: _book(_rows(*_ok_data("xls")), xls), accepted=True, filename="m.xls")
    # Two cells, A1 and IV65536: calamine lays the whole sheet out (over 1 GB) before any
    # limit can be checked, so .xls is read in a capped child process (importer.sandbox).
    add("xls-far-cell", far_cell_xls, "workbook_too_costly", filename="m.xls", big=True)
    # One 32,000-character text in 4,500 cells: small as .xls (one shared string), 9 M
    # characters read back; the child stops and says so, the worker never holds it.
    add("xls-long-strings", long_strings_xls, "workbook_too_costly", filename="m.xls", big=True)
    add("xls-far-cell-small", lambda: far_cell_xls(20_000, 200), "sheet_too_large",
        filename="m.xls")  # fmt: skip
    add("fake-xls", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "xls_unreadable",
        "workbook_protected", filename="m.xls")  # fmt: skip
    add("password-protected", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"EncryptedPackage"
        + random.Random(3).randbytes(2000), "workbook_protected", "xls_unreadable",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-raw-ok", _good_xlsx_raw, accepted=True, filename="m.xlsx")
    add("xlsx-bad-xml", lambda: raw_xlsx(b"<worksheet><sheetData><row><c>"), "xlsx_unreadable",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-missing-sheet-part", lambda: _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS,
        "xl/workbook.xml": _WB, "xl/_rels/workbook.xml.rels": _WB_RELS}), "xlsx_unreadable",
        "no_worksheet", filename="m.xlsx")  # fmt: skip
    add("xlsx-unknown-compression", lambda: _patch_central(_good_xlsx_raw(),
        "xl/worksheets/sheet1.xml", 10, "<H", 99), "xlsx_unreadable", "damaged_zip",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-billion-laughs-sheet", lambda: raw_xlsx(_sheet_xml(
        _row_xml(1, TEMPLATE) + _ENTITY_ROW.format("lol9"), _billion_laughs())), "xml_dtd",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-billion-laughs-shared", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()),
        shared=_SST.replace(b"<sst", _billion_laughs().encode() + b"<sst").replace(
            b"Aartselaar", b"&lol9;")), "xml_dtd", filename="m.xlsx")  # fmt: skip
    add("xlsx-xxe-sheet", lambda: raw_xlsx(_sheet_xml(
        _row_xml(1, TEMPLATE) + _ENTITY_ROW.format("xxe"), _XXE)), "xml_dtd",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-xxe-shared", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()),
        shared=_SST.replace(b"<sst", _XXE.encode() + b"<sst").replace(b"Aartselaar", b"&xxe;")),
        "xml_dtd", filename="m.xlsx")  # fmt: skip
    add("xlsx-xxe-workbook", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()),
        workbook=_WB.replace(b"<workbook", _XXE.encode() + b"<workbook")), "xml_dtd",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-dtd-content-types", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()),
        content_types=_CT.replace(b"<Types", b"<!DOCTYPE Types><Types")), "xml_dtd",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-utf16-dtd", lambda: raw_xlsx(_sheet_xml(_good_rows_xml(), _XXE).decode().replace(
        'encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")), "xml_dtd",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-sparse-far-cell", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()
        + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')), "sheet_too_large",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-wide-row", lambda: raw_xlsx(_sheet_xml(_good_rows_xml()
        + '<row r="200"><c r="XFD200"><v>1</v></c></row>')), "sheet_too_large",
        filename="m.xlsx")  # fmt: skip
    add("xlsx-many-cells", many_cells_within_part_xlsx, "too_many_cells", filename="m.xlsx",
        big=True)  # fmt: skip
    add("xlsx-many-rows", many_rows_xlsx, "too_many_rows", filename="m.xlsx", big=True)
    add("xlsx-1.2M-cells", big_cells_xlsx, "zip_part_too_large", "too_many_cells",
        "workbook_too_large", filename="m.xlsx", big=True)  # fmt: skip
    add("xlsx-1M-rows", million_rows_xlsx, "zip_part_too_large", "too_many_rows",
        "workbook_too_large", filename="m.xlsx", big=True)  # fmt: skip
    add("xlsx-zip-bomb", zip_bomb_xlsx, "zip_bomb", filename="m.xlsx", big=True)
    add("xlsx-lying-sizes", lying_zip_xlsx, "workbook_too_large", "zip_part_too_large",
        "damaged_zip", filename="m.xlsx")  # fmt: skip
    add("ods-repeated-rows-bomb", lambda: _ods_repeat(rows=1_000_000, cols=1), "too_many_rows",
        "sheet_too_large", filename="m.ods")  # fmt: skip
    add("ods-repeated-cells-bomb", lambda: _ods_repeat(rows=1000, cols=16_000), "sheet_too_large",
        "too_many_cells", filename="m.ods")  # fmt: skip
    add("ods-billion-laughs", lambda: _ods_content(_billion_laughs(), "&lol9;"), "xml_dtd",
        filename="m.ods")  # fmt: skip
    add("ods-xxe", lambda: _ods_content(_XXE, "&xxe;"), "xml_dtd", filename="m.ods")
    return out


def _ods_content(prolog: str, text: str) -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>' + prolog + "<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Blad1"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>' + text + "</text:p>"
        "</table:table-cell></table:table-row></table:table></office:spreadsheet>"
        "</office:body></office:document-content>"
    )
    return _ods_zip(content.encode())


def _ods_zip(content: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), b"application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", b'<?xml version="1.0" encoding="UTF-8"?>'
                    b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                    b'manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-'
                    b'type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
                    b'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    b"</manifest:manifest>")  # fmt: skip
    return buf.getvalue()


def _ods_repeat(rows: int, cols: int) -> bytes:
    header = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
        for h in TEMPLATE
    )
    cell = (
        f'<table:table-cell table:number-columns-repeated="{cols}" office:value-type="string">'
        "<text:p>none</text:p></table:table-cell>"
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Blad1">'
        f"<table:table-row>{header}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    return _ods_zip(content.encode())


def _name_neutralised(result: Any) -> bool:
    name = result.file
    from dashboard.coverage.importer import formula_like

    clean = not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F or 0x202A <= ord(ch) <= 0x202E
                    for ch in name)  # fmt: skip
    stored = result.snapshot.source if result.snapshot is not None else name
    return clean and not formula_like(name) and not formula_like(stored)


def _comment_is(text: str, result: Any) -> bool:
    snap = result.snapshot
    return snap is not None and snap.as_mapping()["11001"].comment == text


def _no_raw_controls(result: Any) -> bool:
    """Issue values show control characters escaped, never as they are."""
    return all(not any(ord(ch) < 32 and ch not in "\t\n" for ch in e.value) for e in result.errors)


CORPUS: list[HostileCase] = _cases()
BY_ID: dict[str, HostileCase] = {c.id: c for c in CORPUS}
