"""``csil-dashboard validate FILE``: check a membership file and print a report.

The report lists errors (``file:row:column 'value' — reason — suggestion``), warnings,
the matched communes (input -> NIS code and official name) and, when the file is valid,
a reconciliation with the published figures of the nearest date. Exit code 0 when the
file can be imported, 1 when it has errors, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from dashboard.coverage.importer import Geography, ImportResult, MatchedRow, import_membership

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def validate_file(
    path: str | Path,
    *,
    as_of: dt.date | str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    column_map: Mapping[str, str] | None = None,
    geography_dir: Path | None = None,
    geography: Geography | None = None,
    reconcile: bool = True,
) -> tuple[str, int]:
    """Validate ``path``; return the report text and the exit code."""
    path = Path(path)
    geo = geography or Geography.from_geodata(geography_dir)
    result = import_membership(
        path,
        filename=str(path),
        geography=geo,
        as_of=as_of,
        sheet=sheet,
        header_row=header_row,
        column_map=column_map,
    )
    lines = report_lines(result)
    if result.ok and reconcile:
        lines += ["", *reconciliation_section(result, geo)]
    lines += ["", _verdict(result)]
    return "\n".join(lines), EXIT_OK if result.ok else EXIT_ERRORS


def report_lines(result: ImportResult) -> list[str]:
    """Header, errors, warnings and matched communes of an import."""
    info = dict(result.info)
    lines = [f"Membership file {result.file}"]
    keys = ("format", "sheet", "header_row", "encoding", "delimiter")
    facts = [f"{k.replace('_', ' ')} {info[k]}" for k in keys if k in info]
    if facts:
        lines.append("  read as " + ", ".join(facts))
    if "as_of" in info:
        lines.append(
            f"  as of {info['as_of']}: commune vintage {info.get('vintage', '?')}; "
            f"{info.get('rows', '?')} data rows; communes: {info.get('communes', '?')}"
        )
    lines += _section("Errors", [str(e) for e in result.errors])
    lines += _section("Warnings", [str(w) for w in result.warnings])
    if result.ok:
        lines += _section("Matched communes", [_matched(m) for m in result.matches])
    return lines


def _section(title: str, items: Sequence[str]) -> list[str]:
    if not items:
        return ["", f"{title}: none"]
    return ["", f"{title} ({len(items)}):", *(f"  {item}" for item in items)]


def _matched(m: MatchedRow) -> str:
    line = f"row {m.row}: {m.text!r} -> {m.nis} {m.official_name} (by {m.via})"
    return line + (f" [{m.note}]" if m.note else "")


def reconciliation_section(result: ImportResult, geography: Geography) -> list[str]:
    """The reconciliation with the published figures, or why there is none."""
    snapshot = result.snapshot
    if snapshot is None:
        return []
    try:
        from dashboard.coverage import reconcile as rec_module
        from dashboard.coverage.public_record import load_public_record
    except ImportError as exc:
        return [f"Reconciliation: not available in this version ({exc})"]
    try:
        record = load_public_record()
        communes = geography.frame(snapshot.vintage)
        rec = rec_module.reconcile(snapshot, communes, record)
    except Exception as exc:  # report, never crash the validation
        return [f"Reconciliation: could not be computed ({type(exc).__name__}: {exc})"]
    lines = list(rec.lines())
    if snapshot.illustrative:
        lines.insert(0, "(the file is marked illustrative: it is not real data)")
    return lines


def _verdict(result: ImportResult) -> str:
    if result.ok:
        n = len(result.snapshot.statuses) if result.snapshot else 0
        return f"OK: {n} communes can be imported ({len(result.warnings)} warning(s))"
    return f"FAILED: {len(result.errors)} error(s); nothing was imported"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="csil-dashboard validate",
        description="check a membership file (CSV, .xlsx, .xlsm, .ods or .xls)",
    )
    add_arguments(p)
    return p


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The arguments of ``csil-dashboard validate`` (shared with :mod:`dashboard.cli`)."""
    p.add_argument("file")
    p.add_argument("--date", help="as-of date (YYYY-MM-DD) when the file has none")
    p.add_argument(
        "--sheet",
        help="the sheet of a workbook to read (default: the first visible sheet whose header "
        "has a commune column)",
    )
    p.add_argument(
        "--header-row",
        type=int,
        metavar="N",
        help="the row of the column headers, as the spreadsheet numbers it (default: found by "
        "its words below any title rows)",
    )
    p.add_argument(
        "--map",
        action="append",
        metavar="HEADER=FIELD",
        help="map an unrecognised column, e.g. --map 'Etat=status' or 'Pop=ignore'",
    )


def parse_column_map(items: Sequence[str] | None) -> dict[str, str]:
    """``["Header=field", ...]`` -> dict; ValueError on an item without '='."""
    out: dict[str, str] = {}
    for item in items or ():
        header, sep, target = item.rpartition("=")
        if not sep or not header.strip() or not target.strip():
            raise ValueError(f"--map takes 'Header=field', not {item!r}")
        out[header.strip()] = target.strip()
    return out


def main_validate(argv: Sequence[str] | None = None, geography_dir: Path | None = None) -> int:
    """Parse, validate, print, return the exit code."""
    return run(build_parser().parse_args(argv), geography_dir)


def run(args: argparse.Namespace, geography_dir: Path | None = None) -> int:
    """Validate the file named by parsed arguments, print the report, return the code."""
    try:
        column_map = parse_column_map(args.map)
    except ValueError as exc:
        print(f"error: {exc}")
        return EXIT_USAGE
    report, code = validate_file(
        args.file,
        as_of=args.date,
        sheet=args.sheet,
        header_row=args.header_row,
        column_map=column_map or None,
        geography_dir=geography_dir,
    )
    print(report)
    return code
