"""The ``csil-dashboard`` command: serve, build-geodata, info, validate."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import geodata
from dashboard.coverage.validate import add_arguments as validate_arguments
from dashboard.settings import Settings


def _vintage_info(key: str, settings: Settings) -> dict:
    v = geodata.get_vintage(key)
    return {
        "key": v.key,
        "label": v.label,
        "valid_from": v.valid_from.isoformat(),
        "valid_to": v.valid_to.isoformat() if v.valid_to else None,
        "commune_count": v.expected_count,
        "crs": v.crs,
        "id_column": v.id_column,
        "producer": v.producer,
        "licence": v.licence,
        "attribution": v.attribution,
        "sources": [
            {
                "key": s.key,
                "path": s.path,
                "sha256": s.sha256,
                "status": geodata.source_status(s, settings.geodata_dir),
            }
            for s in v.sources
        ],
        "cache": geodata.cache_status(key, settings.cache_dir, settings.sectors_file),
    }


def cmd_info(args: argparse.Namespace, settings: Settings) -> int:
    info = {
        "geodata_dir": str(settings.geodata_dir),
        "cache_dir": str(settings.cache_dir),
        "sectors_file": str(settings.sectors_file) if settings.sectors_file else None,
        "vintages": [_vintage_info(k, settings) for k in geodata.VINTAGE_KEYS],
    }
    if args.json:
        print(json.dumps(info, indent=2, ensure_ascii=False))
        return 0
    print(f"Geodata folder: {info['geodata_dir']}")
    print(f"Cache folder:   {info['cache_dir']}")
    for v in info["vintages"]:
        until = v["valid_to"] or "today"
        cached = "cached" if v["cache"]["present"] else "not built yet"
        print(
            f"\n{v['key']}: {v['commune_count']} communes, {v['valid_from']} to {until} ({cached})"
        )
        for s in v["sources"]:
            print(f"  [{s['status']}] {s['path']}")
    return 0


def cmd_build_geodata(args: argparse.Namespace, settings: Settings) -> int:
    keys = args.vintage or list(geodata.VINTAGE_KEYS)
    sectors = Path(args.from_sectors) if args.from_sectors else settings.sectors_file
    for key in keys:
        data = geodata.load_vintage(
            key,
            settings.geodata_dir,
            settings.cache_dir,
            rebuild=args.rebuild,
            sectors_file=sectors,
        )
        how = "read from cache" if data.from_cache else "built"
        print(
            f"{key}: {len(data.communes)} communes {how} "
            f"({geodata.cache_status(key, settings.cache_dir, sectors)['path']})"
        )
    return 0


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.app import create_app
    from dashboard.bundle import load_bundle

    bundle = load_bundle(settings)
    app = create_app(settings, bundle)
    host = args.host or settings.host
    port = args.port or settings.port
    print(f"CSIL coverage atlas on http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, debug=args.debug or settings.debug)
    return 0


def cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from dashboard.coverage import validate

    return validate.run(args, settings.geodata_dir)


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

    p = sub.add_parser("build-geodata", help="verify sources and build the geometry cache")
    p.add_argument(
        "--vintage",
        action="append",
        choices=geodata.VINTAGE_KEYS,
        help="only this vintage (repeatable)",
    )
    p.add_argument("--rebuild", action="store_true", help="ignore an existing cache")
    p.add_argument(
        "--from-sectors",
        metavar="FILE",
        help="Statbel statistical-sector file to dissolve into communes",
    )
    p.set_defaults(func=cmd_build_geodata)

    p = sub.add_parser("info", help="what the app has: vintages, sources, caches")
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
    except geodata.GeodataSourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
