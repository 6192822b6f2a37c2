"""The importer's messages in four languages: codes, parameters, English round trip."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path

import pytest

from dashboard.coverage import messages
from dashboard.coverage.importer import ImportIssue, ImportResult, import_membership
from dashboard.coverage.messages import Phrase
from dashboard.i18n import CATALOGUE, LANGUAGES, issue_text, placeholders, t
from tests.coverage.membership_fixtures import HEADER, csv_text, geography, run
from tests.coverage.test_import_bad_files import CASES

NBSP = "\u00a0"
D = "2016-05-27"

# Files that import with warnings, and bad files the bad-file cases do not cover.
EXTRA: list[tuple[str, bytes | str, dict]] = [
    ("historical", csv_text(",Puurs,none,,2020-06-30,", "55022,,none,,2020-06-30,"), {}),
    ("merged-part", csv_text(",Borsbeek,own cell,,2025-03-01,"), {}),
    ("merged-parts-disagree", csv_text(",Puurs,shared,Z,2020-06-30,",
                                       ",Sint-Amands,planned,,2020-06-30,",
                                       "11001,,shared,Z,2020-06-30,"), {}),
    ("cell-spelling", csv_text(f"11002,Antwerpen,shared,Zone Antwerpen,{D},",
                               f"11007,Borsbeek,shared,zone  antwerpen,{D},"), {}),
    ("shared-no-cell-name", csv_text(f"11002,Antwerpen,shared,,{D},"), {}),
    ("rows-without-date", csv_text(f"11001,Aartselaar,none,,{D},", "11004,Boechout,none,,,"), {}),
    ("name-not-recognised", csv_text(f"11001,Qwxyzt,none,,{D},"), {}),
    ("example-row", csv_text(f"11001,Aartselaar,none,,{D},example row"), {}),
    ("illustrative", csv_text(f"11001,Aartselaar,none,,{D},illustrative"), {}),
    ("csv-sheet", csv_text(f"11001,Aartselaar,none,,{D},"), {"sheet": "Leden"}),
    ("utf16-no-bom", csv_text(f"11001,Aartselaar,none,,{D},").encode("utf-16-le"), {}),
    ("latin1", csv_text(f"11001,Aartselaar,none,,{D},").encode() + b"\x81", {}),
    ("too-many-errors", HEADER + "".join(f"11001,Aartselaar,bad{i},,{D},\n" for i in range(300)),
     {}),
    ("no-such-day-argument", "commune,status\nAartselaar,none\n", {"as_of": "31/02/2016"}),
    ("two-digit-year-argument", "commune,status\nAartselaar,none\n", {"as_of": "27.05.16"}),
    ("jpeg", b"\xff\xd8\xff\xe0" + bytes(100), {}),
    ("gif", b"GIF89a" + bytes(100), {}),
    ("gzip", b"\x1f\x8b\x08" + bytes(100), {}),
    ("rtf", b"{\\rtf1\\ansi hello}", {}),
    ("csv-quotes", HEADER + '11001,"Aartselaar\n', {}),
    ("unknown-status-no-guess", csv_text(f"11001,Aartselaar,qqqqqqqqqq,,{D},"), {}),
    ("unrecognised-no-guess", f"commune,status,as_of,Qqqqqqqq\nAartselaar,none,{D},1\n", {}),
    ("map-unknown-field-no-guess", f"commune,Etat,as_of\nAartselaar,none,{D}\n",
     {"column_map": {"Etat": "zzzzzzzz"}}),
    ("csv-field-too-long", HEADER + "11001," + "a" * 200_000 + "\n", {}),
    ("controls-only", b"\x0b\x0c", {}),
]  # fmt: skip


def _results() -> Iterator[tuple[str, ImportResult]]:
    for case in CASES:
        yield case.id, run(case.content, name=case.name, **case.kwargs)
    for name, content, kwargs in EXTRA:
        yield name, run(content, **kwargs)
    yield "missing-file", import_membership(Path("/nonexistent/m.csv"), geography=geography())


def _issues() -> list[tuple[str, ImportIssue]]:
    return [(name, i) for name, r in _results() for i in (*r.errors, *r.warnings)]


ISSUES = _issues()


def test_the_files_give_many_kinds_of_issue() -> None:
    codes = {i.code for _n, i in ISSUES}
    assert len(codes) >= 65, sorted(set(messages.REASONS) - codes)


@pytest.mark.parametrize(("name", "issue"), ISSUES, ids=[f"{n}-{i.code}" for n, i in ISSUES])
def test_english_equals_the_catalogue_rendered_with_the_params(
    name: str, issue: ImportIssue
) -> None:
    assert issue.code in messages.REASONS, issue
    assert issue_text(issue, "en") == (issue.reason, issue.suggestion)
    hash(issue)  # params are hashable: the issue stays a frozen, hashable value
    for lang in LANGUAGES:
        reason, suggestion = issue_text(issue, lang)
        assert reason and bool(suggestion) == bool(issue.suggestion), (lang, issue)
        assert "{" not in reason + suggestion or "{" in issue.reason + issue.suggestion


@pytest.mark.parametrize(("name", "issue"), ISSUES, ids=[f"{n}-{i.code}" for n, i in ISSUES])
def test_notes_of_the_name_matcher_are_phrases_not_english_text(
    name: str, issue: ImportIssue
) -> None:
    for value in dict(issue.params).values():
        if isinstance(value, Phrase):
            assert value.code != "text", issue


def test_every_code_is_in_the_catalogue_with_the_importer_english() -> None:
    for kind, table in (
        ("reason", messages.REASONS),
        ("suggestion", messages.SUGGESTIONS),
        ("phrase", messages.PHRASES),
    ):
        for code, english in table.items():
            key = f"import.{kind}.{code}"
            assert key in CATALOGUE, key
            # a plural message's table text is its plural form (t() picks the form)
            english = english.other if isinstance(english, messages.Plural) else english
            assert CATALOGUE[key]["en"] == english
            assert {placeholders(text) for text in CATALOGUE[key].values()} == {
                placeholders(english)
            }
    keys = {k for k in CATALOGUE if k.startswith("import.")}
    assert len(keys) == len(messages.REASONS) + len(messages.SUGGESTIONS) + len(messages.PHRASES)


def test_counts_take_the_plural_form_of_each_language() -> None:
    """ "1 row" and "3 rows" in every language, by that language's plural rule (French
    counts 0 as singular), from the same code and parameters."""
    key = "import.reason.rows_without_date"
    params = {"rows": "4", "date": "2019-06-15"}
    one = {lang: t(key, lang, count=1, **params) for lang in LANGUAGES}
    many = {lang: t(key, lang, count=3, **params) for lang in LANGUAGES}
    assert one["en"].startswith("no date on 1 row (") and many["en"].startswith("no date on 3 rows")
    assert "1 ligne (" in one["fr"] and "3 lignes" in many["fr"]
    assert "1 rij (" in one["nl"] and "3 rijen" in many["nl"]
    assert "1 Zeile (" in one["de"] and "3 Zeilen" in many["de"]
    assert "0 ligne (" in t(key, "fr", count=0, **params)
    assert "0 rijen" in t(key, "nl", count=0, **params)
    assert messages.issue_text_en("rows_without_date", (("count", 1), ("rows", "4"),
                                                        ("date", "x")))[0].startswith(
        "no date on 1 row ("
    )  # fmt: skip
    for text in (*one.values(), *many.values()):
        assert "(s)" not in text and "(en)" not in text and "(n)" not in text


def _one(content: str, code: str) -> ImportIssue:
    r = run(content)
    return next(i for i in (*r.errors, *r.warnings) if i.code == code)


def test_french_unknown_status_with_candidates() -> None:
    issue = _one(csv_text(f"11001,Aartselaar,ouais,,{D},"), "unknown_status_near")
    reason, suggestion = issue_text(issue, "fr")
    assert reason == "statut inconnu"
    assert suggestion == (
        f"vouliez-vous dire 'oui' (covered) ou 'en cours' (planned){NBSP}? "
        f"Acceptés{NBSP}: own_cell, shared_cell, planned, none, unknown, ou leurs équivalents "
        "français, néerlandais et allemands (voir data/membership_schema.md)"
    )


def test_french_duplicate_commune() -> None:
    text = csv_text(f"11001,Aartselaar,none,,{D},", f"11001,Aartselaar,none,,{D},")
    issue = _one(text, "duplicate_commune")
    assert issue_text(issue, "fr") == (
        f"commune en double{NBSP}: Aartselaar (11001) figure déjà à la ligne 2",
        "gardez une seule ligne par commune",
    )


def test_former_parts_in_french_dutch_and_german() -> None:
    text = csv_text(",Puurs,own cell,,2020-06-30,", ",Sint-Amands,geen,,2020-06-30,")
    issue = _one(text, "merged_parts_disagree")
    assert issue_text(issue, "fr") == (
        "les lignes des anciennes parties de Puurs-Sint-Amands (12041) ne concordent pas "
        f"(Puurs (12030, 1977-2018){NBSP}: cellule propre{NBSP}; Sint-Amands (12034, "
        f"1977-2018){NBSP}: pas de cellule){NBSP}: Puurs-Sint-Amands (12041) apparaît comme "
        f"«{NBSP}cellule propre, couverture partielle{NBSP}»",
        f"vérifiez ces lignes{NBSP}; si vous connaissez le statut de Puurs-Sint-Amands "
        "(12041) dans son ensemble, donnez-lui plutôt une seule ligne",
    )
    assert issue_text(issue, "nl")[0].endswith(
        "(Puurs (12030, 1977-2018): eigen LIVC; Sint-Amands (12034, 1977-2018): geen LIVC): "
        "Puurs-Sint-Amands (12041) wordt weergegeven als 'eigen LIVC, gedeeltelijk gedekt'"
    )
    issue = _one(csv_text(",Antwerpen,none,,2025-03-01,", ",Borsbeek,none,,2025-03-01,"),
                 "duplicate_commune_part")  # fmt: skip
    assert issue_text(issue, "de") == (
        "doppelte Gemeinde: Zeile 2 nennt Antwerpen (11002) und Zeile 3 nennt "
        "Borsbeek (11007, 1977-2018), eine frühere Gemeinde, die in der Einteilung 2025 zu "
        "Antwerpen (11002) gehört",
        "behalten Sie entweder die Zeile für Antwerpen (11002) oder die Zeilen für "
        "ihre früheren Teile, nicht beide",
    )


def test_french_unrecognised_column() -> None:
    issue = _one(f"commune,Statu,as_of\nAartselaar,none,{D}\n", "unrecognised_column_near")
    assert issue_text(issue, "fr") == (
        "colonne non reconnue",
        f"vouliez-vous dire 'status' (status){NBSP}? Renommez-la, ou indiquez sa "
        f'correspondance{NBSP}: --map "Statu=status" (ou "Statu=ignore" pour l\'ignorer)',
    )


def test_sizes_are_formatted_for_the_language() -> None:
    r = run("x" * 5_000_100)
    issue = r.errors[0]
    assert issue.code == "file_too_large"
    assert "5.000.100" in issue_text(issue, "nl")[0]
    assert "5,000,100" in issue_text(issue, "en")[0]


def test_alternatives_are_joined_in_the_language() -> None:
    params = (("vintage", "2025"), ("candidates", ("'A'", "'B'", "'C'")))
    issue = ImportIssue("f", 2, "commune", "x", "r", "s", code="unknown_name_near", params=params)
    assert issue_text(issue, "de")[1] == "meinten Sie 'A' oder 'B' oder 'C'?"
    assert issue_text(issue, "en")[1] == "did you mean 'A' or 'B' or 'C'?"


@pytest.mark.parametrize(
    "issue",
    [
        ImportIssue("f", None, "", "", "an old message", "do this"),
        ImportIssue("f", None, "", "", "from a newer importer", "", code="no_such_code"),
        ImportIssue("f", None, "", "", "missing parameter", "", code="file_not_found"),
    ],
)
def test_unknown_code_or_missing_parameter_falls_back_to_english(issue: ImportIssue) -> None:
    for lang in LANGUAGES:
        assert issue_text(issue, lang) == (issue.reason, issue.suggestion)


def test_bom_detail_is_kept() -> None:
    r = run(codecs.BOM_UTF8 + b"nis_code,commune\n\xff\xfe\xfa")
    assert "(octet 17)" in issue_text(r.errors[0], "fr")[0]


def test_upload_error_table_is_in_the_page_language() -> None:
    from dashboard.layout.components import build_upload_errors

    r = run(f"commune,Statu,as_of\nAartselaar,none,{D}\n")
    out, mapping = build_upload_errors(r, "nl")
    table = next(c for c in out if hasattr(c, "rowData"))
    assert table.rowData[0]["reason"] == "kolom niet herkend"
    assert table.rowData[0]["suggestion"].startswith("bedoelde u 'status' (status)? Geef ze")
    assert mapping  # the column-mapping form still finds the unrecognised column


@pytest.mark.parametrize(
    ("lang", "column"), [("en", "column C"), ("fr", "colonne C"), ("nl", "kolom C"),
                         ("de", "Spalte C")],
)  # fmt: skip
def test_a_column_without_header_is_named_in_the_page_language(
    lang: str, column: str, tmp_path: Path
) -> None:
    """A workbook column with values but no header: its letter, in the page's words, in the
    error table and in the issue line (a header as written stays as written)."""
    import openpyxl

    from dashboard.layout.components import build_upload_errors, issue_line

    wb = openpyxl.Workbook()
    wb.active.append(["commune", "status", None])
    wb.active.append(["Aartselaar", "none", "x"])
    path = tmp_path / "m.xlsx"
    wb.save(path)
    r = import_membership(path, filename="m.xlsx", geography=geography(), as_of=D)
    (issue,) = [e for e in r.errors if e.code == "values_without_header"]
    out, _mapping = build_upload_errors(r, lang)
    rows = next(c for c in out if hasattr(c, "rowData")).rowData
    assert column in [row["column"] for row in rows]
    assert issue_line(issue, lang).startswith(f"m.xlsx:1:{column} (C1)")
