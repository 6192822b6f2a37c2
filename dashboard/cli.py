"""The ``csil-dashboard`` command: serve, build-geodata, info, validate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

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
    from dashboard.bundle import load_bundle
    from dashboard.callbacks.view import warm

    bundle = load_bundle(settings)
    app = create_app(settings, bundle)
    if not (args.debug or settings.debug):  # the reloader would warm twice
        warm(bundle)  # the opening view's caches fill in the background
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"CSIL coverage atlas on http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, debug=args.debug or settings.debug)
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.coverage import validate

    return validate.run(args, settings.geography_dir)


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

    p = sub.add_parser("validate", help="check a membership file (CSV or XLSX)")
    validate_arguments(p)
    p.set_defaults(func=cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
        return args.func(args, settings)
    except (geodata.GeodataSourceError, geodata.PreparedDataError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
