"""The ``csil-dashboard`` command: serve, build-geodata, info, hash-password, validate,
report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import geodata
from dashboard.coverage.validate import add_arguments as validate_arguments
from dashboard.settings import Settings


def _info(settings: Settings) -> dict:
    folder = settings.geography_dir
    manifest = geodata.read_manifest(folder)
    status = geodata.prepared.file_status(folder, manifest)
    vintages = []
    for key in geodata.VINTAGE_KEYS:
        v = geodata.get_vintage(key)
        spec = manifest["vintages"][key]
        vintages.append(
            {
                "key": key,
                "label": v.label,
                "valid_from": v.valid_from.isoformat(),
                "valid_to": v.valid_to.isoformat() if v.valid_to else None,
                "commune_count": spec["communes"],
                "attribution": v.attribution,
                "files": [{"name": n, "status": status[n]} for n in spec["files"]],
                "sources": spec["sources"],
            }
        )
    return {
        "data_dir": str(settings.data_dir),
        "geography_dir": str(folder),
        "cache_dir": str(settings.cache_dir),
        "builder_version": manifest["builder_version"],
        "libraries": manifest["libraries"],
        "crosswalk": {
            "name": geodata.prepared.CROSSWALK,
            "status": status[geodata.prepared.CROSSWALK],
        },
        "vintages": vintages,
        "sources": manifest["sources"],
        "references": manifest["references"],
        "packages": manifest["packages"],
        "sectors_file": manifest["sectors_file"],
    }


def cmd_info(args: argparse.Namespace, settings: Settings) -> int:
    info = _info(settings)
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    print(f"Prepared geography: {info['geography_dir']}")
    print(
        f"  built by builder version {info['builder_version']} with "
        + ", ".join(f"{k} {v}" for k, v in info["libraries"].items())
    )
    print(f"  [{info['crosswalk']['status']}] {info['crosswalk']['name']}")
    for v in info["vintages"]:
        until = v["valid_to"] or "today"
        print(f"\n{v['key']}: {v['commune_count']} communes, {v['valid_from']} to {until}")
        for f in v["files"]:
            print(f"  [{f['status']}] {f['name']}")
        print(f"  from: {', '.join(v['sources'])}")
    print("\nBuilt from these original files (sha256-checked):")
    for key, s in info["sources"].items():
        print(
            f"  {key}: {s['path']}\n    sha256 {s['sha256']}\n    {s['producer']}\n"
            f"    licence: {s['licence']}\n    {s['url']}"
        )
    if info["sectors_file"]:
        print(f"  geometry from {info['sectors_file']['name']} ({info['sectors_file']['sha256']})")
    for name, p in info["packages"].items():
        print(f"  {name} {p['version']} (Python package): {p['use']}; licence: {p['licence']}")
    print("and the project's fact tables: " + ", ".join(info["references"]))
    print(f"\nDownload cache: {info['cache_dir']}")
    bad = [f for v in info["vintages"] for f in v["files"] if f["status"] != "ok"]
    return 1 if bad or info["crosswalk"]["status"] != "ok" else 0


def cmd_build_geodata(args: argparse.Namespace, settings: Settings) -> int:
    from geodata import build

    if args.mirror and not args.download:
        raise ValueError("--mirror goes with --download")
    if args.download:
        from geodata.download import default_download_dir, fetch_sources

        source_dir = fetch_sources(
            default_download_dir(settings.cache_dir), mirror=args.mirror, progress=print
        )
    else:
        source_dir = Path(args.sources)
    inputs = build.Inputs(
        source_dir=source_dir,
        reference_dir=settings.reference_dir,
        sectors_file=Path(args.from_sectors) if args.from_sectors else None,
    )
    out = Path(args.out) if args.out else settings.geography_dir
    if args.check:
        different = build.compare_prepared(out, inputs)
        for name in different:
            print(f"differs: {out / name}")
        print(f"{out}: " + ("up to date" if not different else f"{len(different)} file(s) differ"))
        return 1 if different else 0
    manifest = build.write_prepared(out, inputs)
    for key, v in manifest["vintages"].items():
        print(f"{key}: {v['communes']} communes")
    print(f"wrote {len(manifest['files']) + 1} files to {out}")
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.app import create_app
    from dashboard.bundle import EXIT_STARTUP, StartupError, load_for_serving
    from dashboard.callbacks.view import warm

    try:
        bundle = load_for_serving(settings)
    except StartupError as exc:  # what, where and how to fix; no traceback
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_STARTUP
    app = create_app(settings, bundle)
    if not (args.debug or settings.debug):  # the reloader would warm twice
        warm(bundle)  # the opening view's caches fill in the background
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"CSIL coverage atlas on http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, debug=args.debug or settings.debug)
    return 0


def cmd_hash_password(args: argparse.Namespace, settings: Settings) -> int:
    """Print a ``user:hash`` line for CSIL_AUTH_FILE (see dashboard.security)."""
    from dashboard.security import hash_password_command

    print(hash_password_command(args.user))
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.coverage import validate

    return validate.run(args, settings.geography_dir)


# --- report: the slide deck or a commune sheet, as the page's export ---------------------------

#: The files ``report`` writes, by extension: the deck (PowerPoint or PDF), or with
#: ``--commune`` the commune sheet (PDF only).
REPORT_EXTENSIONS = (".pptx", ".pdf")


class ReportArgumentError(ValueError):
    """Arguments ``report`` cannot use; each message names the argument and what is allowed."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def _report_out(args: argparse.Namespace, lang: str) -> Path:
    """The output path, checked before any data is read: extension, folder, writable."""
    from dashboard import i18n

    out = Path(args.out)
    extension = out.suffix.lower()
    if args.commune and extension != ".pdf":
        key = "cli.report.commune_pdf" if extension in REPORT_EXTENSIONS else None
        if key:
            raise ReportArgumentError([i18n.t(key, lang, value=args.out)])
        raise ReportArgumentError([i18n.t("cli.report.bad_extension", lang, value=args.out,
                                          allowed=".pdf")])  # fmt: skip
    if extension not in REPORT_EXTENSIONS:
        raise ReportArgumentError([i18n.t("cli.report.bad_extension", lang, value=args.out,
                                          allowed=" / ".join(REPORT_EXTENSIONS))])  # fmt: skip
    folder = out.parent if str(out.parent) else Path(".")
    reason = None
    if out.is_dir():
        reason = "a folder has this name"
    elif not folder.is_dir():
        reason = f"no folder {folder}"
    elif not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        reason = "permission denied"
    if reason:
        raise ReportArgumentError([i18n.t("cli.report.unwritable", lang, value=args.out,
                                          reason=reason)])  # fmt: skip
    return out


def _report_query(args: argparse.Namespace) -> str:
    """The arguments as a share link's query: ``report`` accepts what a link accepts."""
    from dashboard.filters import FILTERS

    pairs = [(name, value) for name, value in (("lang", args.lang), ("dataset", args.dataset),
             ("date", args.date), ("level", args.level), ("commune", args.commune))
             if value is not None]  # fmt: skip
    for f in FILTERS:
        values = getattr(args, f"filter_{f.field}") or []
        if values:
            pairs.append((f.param, ",".join(values)))
    return "?" + urlencode(pairs, quote_via=quote)


def _report_state(args: argparse.Namespace, bundle, lang: str):
    """The view the arguments name, by the link's rules (``from_query`` with the dates and
    communes the page accepts); ReportArgumentError naming every bad argument."""
    from dashboard import i18n
    from dashboard.callbacks.state import StateRules
    from dashboard.filters import FILTERS
    from dashboard.state import DATASETS, LEVELS, from_query

    rules = StateRules.of(bundle)
    state, notices = from_query(_report_query(args), valid_dates=rules.valid_dates,
                                valid_communes=rules.communes)  # fmt: skip
    t = i18n.t
    problems: list[str] = []
    allowed_datasets = ", ".join(d for d in DATASETS if d != "upload")
    for notice in notices:
        param = notice.removeprefix("notice.link.")
        if param == "lang":
            problems.append(t("cli.report.bad_lang", lang, value=args.lang,
                              allowed=", ".join(i18n.LANGUAGES)))  # fmt: skip
        elif param in ("dataset", "upload"):
            problems.append(t("cli.report.bad_dataset", lang, value=args.dataset,
                              allowed=allowed_datasets))  # fmt: skip
        elif param == "date":
            example = state.dataset == "example"
            dates = rules.valid_dates.get(state.dataset, [])
            problems.append(t("cli.report.bad_date_example" if example else "cli.report.bad_date",
                              lang, value=args.date, dates=", ".join(dates)))  # fmt: skip
        elif param == "level":
            problems.append(t("cli.report.bad_level", lang, value=args.level,
                              allowed=", ".join(LEVELS)))  # fmt: skip
        elif param == "commune":
            key = "cli.report.commune_unknown" if args.commune.isdigit() and len(
                args.commune) == 5 else "cli.report.commune_format"  # fmt: skip
            problems.append(t(key, lang, value=args.commune))
        elif f := next((f for f in FILTERS if f.param == param), None):
            values = ", ".join(getattr(args, f"filter_{f.field}") or [])
            problems.append(t("cli.report.bad_filter", lang, option=f.param, value=values,
                              allowed=", ".join(f.choices)))  # fmt: skip
        else:  # a link that cannot be read at all: the page's own words
            problems.append(t(notice, lang))
    if args.dataset is not None and state.dataset == "example" and bundle.example is None:
        problems.append(t("cli.report.no_example", lang))
    if problems:
        raise ReportArgumentError(problems)
    return state


def _report_commune(args: argparse.Namespace, bundle, state, lang: str) -> str:
    """The commune of ``--commune``, checked against the division of the view's date."""
    from dashboard import i18n, views
    from dashboard.views.profile import commune_name
    from dashboard.views.wording import division_period

    nis = str(args.commune)
    shown = views.shown_data(bundle, state.dataset, state.date, None)
    if nis in set(bundle.vintages[shown.vintage].communes["nis"].astype(str)):
        return nis
    there: tuple[str, ...] = ()
    for key, data in bundle.vintages.items():
        if nis in set(data.communes["nis"].astype(str)):
            try:
                there = bundle.crosswalk.translate(nis, key, shown.vintage)
            except (KeyError, ValueError):
                there = ()
            break
    names = ", ".join(f"{commune_name(bundle, shown.vintage, c, lang)} ({c})" for c in there)
    raise ReportArgumentError([i18n.t(
        "cli.report.commune_elsewhere", lang, value=nis,
        date=i18n.format_date(shown.date_key, lang), period=division_period(shown.vintage),
        communes=names or i18n.MISSING)])  # fmt: skip


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    """Write the view's slide deck (.pptx or .pdf), or with --commune its commune sheet."""
    from dashboard import i18n

    lang = i18n.language_of(args.lang or "") or i18n.DEFAULT_LANGUAGE
    try:
        out = _report_out(args, lang)
        from dashboard.bundle import load_bundle

        bundle = load_bundle(settings)
        state = _report_state(args, bundle, lang)
        lang = state.lang
        nis = _report_commune(args, bundle, state, lang) if args.commune else None
    except ReportArgumentError as exc:
        for message in exc.messages:
            print(f"error: {message}", file=sys.stderr)
        return 2
    from dashboard.exports.briefing import briefing

    today = dt.date.today()
    b = briefing(bundle, state)
    if nis is not None:
        from dashboard.exports.profile_sheet import profile_pdf

        _, content = profile_pdf(bundle, state, nis, today=today)
        pages = 1
    else:
        from dashboard.exports import deck

        made = deck.deck_content(bundle, b, today)
        if out.suffix.lower() == ".pptx":
            content = deck.pptx_bytes(made, bundle)
        else:
            from dashboard.exports.deck_pdf import deck_pdf

            content = deck_pdf(made, bundle)
        pages = len(made.slides)
    try:
        out.write_bytes(content)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        print("error: " + i18n.t("cli.report.unwritable", lang, value=args.out, reason=reason),
              file=sys.stderr)  # fmt: skip
        return 2
    print(i18n.t("cli.report.wrote", lang, file=str(out), pages=pages, data=b.data_line))
    return 0


def _report_arguments(p: argparse.ArgumentParser) -> None:
    from dashboard.filters import FILTERS
    from dashboard.state import LEVELS

    p.add_argument("--out", required=True, metavar="FILE",
                   help="the file to write: FILE.pptx or FILE.pdf (the deck); with --commune, "
                   "FILE.pdf (the commune sheet)")  # fmt: skip
    p.add_argument("--date", metavar="D", help="a published date, as in a link (2019-06-15, "
                   "2017-06, 2019); default: the latest")  # fmt: skip
    p.add_argument("--lang", metavar="L", help="fr, nl, de or en (default en)")
    p.add_argument("--dataset", metavar="D", help="public (default) or example")
    p.add_argument("--level", metavar="L", help=f"breakdown level: {', '.join(LEVELS)}")
    for f in FILTERS:
        p.add_argument(f"--{f.param}", dest=f"filter_{f.field}", action="extend", nargs="+",
                       metavar=f.param.upper(),
                       help=f"filter, as the link's {f.param}= (one or more, or comma-separated): "
                       f"{', '.join(f.choices)}")  # fmt: skip
    p.add_argument("--commune", metavar="NIS", help="write this commune's sheet (a one-page "
                   "PDF) instead of the deck")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csil-dashboard",
        description="CSIL coverage atlas: which Belgian communes are covered by a CSIL.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="start the dashboard web server")
    p.add_argument("--host", help="address to listen on (default CSIL_HOST or 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default CSIL_PORT or 8050)")
    p.add_argument("--debug", action="store_true", help="Dash debug mode")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "build-geodata",
        help="rebuild the prepared geography from the original files",
        description="Rebuild the prepared geography (data/geography) from the original files, "
        "each checked by sha256: from a folder laid out like shared/geodata (--sources) or "
        "fetched from their pinned public addresses into the user cache (--download).",
    )
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--sources", metavar="DIR", help="folder of the original files")
    where.add_argument(
        "--download", action="store_true", help="fetch the original files (sha256-checked)"
    )
    p.add_argument(
        "--mirror",
        metavar="URL",
        help="with --download: fetch from this base URL (same layout as the sources folder)",
    )
    p.add_argument(
        "--out", metavar="DIR", help="write here (default: CSIL_GEOGRAPHY_DIR or data/geography)"
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a rebuild would change a file in the output folder",
    )
    p.add_argument(
        "--from-sectors",
        metavar="FILE",
        help="take the geometry from Statbel's statistical-sector file instead",
    )
    p.set_defaults(func=cmd_build_geodata)

    p = sub.add_parser("info", help="the shipped data: divisions, files, sources, licences")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser(
        "hash-password",
        help="print a user:hash line for CSIL_AUTH_FILE (login with CSIL_AUTH=basic)",
        description="Ask for a password (twice at a terminal; else the first line of standard "
        "input) and print USER:HASH (scrypt) to append to the CSIL_AUTH_FILE.",
    )
    p.add_argument("user", metavar="USER", help="the login name (no ':' or spaces)")
    p.set_defaults(func=cmd_hash_password)

    p = sub.add_parser("validate", help="check a membership file (CSV or XLSX)")
    validate_arguments(p)
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser(
        "report",
        help="write the view's slide deck (PPTX or PDF) or a commune sheet (PDF)",
        description="Write the briefing deck of a view (title, map, breakdown, gaps, timeline, "
        "sources) as PowerPoint or PDF, or with --commune the one-page sheet of a commune. The "
        "arguments are those of a share link (lang, dataset, date, filters, level) and are "
        "checked by the same rules.",
    )
    _report_arguments(p)
    p.set_defaults(func=cmd_report)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except BrokenPipeError:  # `csil-dashboard validate f.csv | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        return 0
    except (geodata.GeodataSourceError, geodata.PreparedDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
