"""HTTP serving: the prepared geometry as cacheable resources, and compression.

Each division's display geometry reaches the browser once, as a plain GET of the prepared
file (``data/geography/communes_KEY.geojson``, ``regions_KEY.geojson``), not inside a
callback response:

- ``GET {prefix}geometry/<key>/communes.geojson`` and ``.../regions.geojson``: the prepared
  file's bytes, read (and checked against the manifest) once at start;
  ``Content-Type: application/geo+json``;
- a strong ``ETag``: the file's sha256 from the manifest (``"<sha256>:gzip"`` for the gzip
  representation, the convention flask-compress uses for every other response, since two
  encodings of one resource must not share a strong validator); ``If-None-Match`` with a
  matching tag answers ``304 Not Modified``;
- with ``?v=<digest>`` (the division's digest, which :func:`geometry_url` puts in the URL)
  ``Cache-Control: public, max-age=31536000, immutable``: a new build changes the digest,
  so the URL, so nothing stale is ever served from a cache; without it (or with another
  ``v``) ``no-cache``, so the browser revalidates with the ETag;
- the gzip body is made once (on the first request that takes gzip), not per request;
  an unknown division or layer is a plain-text 404.

Everything else the app sends (Dash's JavaScript bundles, the layout and callback JSON,
CSS) is gzipped by flask-compress, see :func:`enable_compression`.

No plotly or geometry library here: the files are served as bytes.
"""

from __future__ import annotations

import gzip
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from flask import Flask, Response, request

from geodata import prepared

if TYPE_CHECKING:
    from dash import Dash

    from dashboard.bundle import DataBundle
    from dashboard.settings import Settings

GEOJSON_MIMETYPE = "application/geo+json"
LAYERS = ("communes", "regions")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
GZIP_LEVEL = 6  # flask-compress's level; 9 takes 4x the time for 0.3 % fewer bytes
ROUTE = "geometry/<key>/<layer>.geojson"

# What flask-compress gzips: its defaults (HTML, CSS, JavaScript, JSON, SVG, fonts...)
# plus GeoJSON. Dash's JS bundles go out as application/javascript (text/javascript
# on some systems), callback and layout responses as application/json.
COMPRESS_MIMETYPES = (
    "text/html",
    "text/css",
    "text/plain",
    "text/xml",
    "text/javascript",
    "application/javascript",
    "application/x-javascript",
    "application/json",
    "application/geo+json",
    "application/manifest+json",
    "application/xml",
    "image/svg+xml",
    "image/x-icon",
    "image/vnd.microsoft.icon",
    "font/ttf",
    "font/otf",
)


def _layer_file(key: str, layer: str) -> str:
    if layer == "communes":
        return prepared.display_file(key)
    if layer == "regions":
        return prepared.regions_file(key)
    raise ValueError(f"unknown geometry layer {layer!r}; expected one of {LAYERS}")


def geometry_url(key: str, layer: str, digest: str, prefix: str = "/") -> str:
    """The versioned URL of a division's display geometry, e.g.
    ``/geometry/2025/communes.geojson?v=<digest>``.

    ``prefix`` is the app's ``requests_pathname_prefix`` (``app.config.
    requests_pathname_prefix``, ``/`` unless the app is mounted under a path); ``digest``
    is ``bundle.vintages[key].digest``. The URL changes whenever the prepared files do,
    so the browser may keep it forever.
    """
    _layer_file(key, layer)  # validates the layer
    if not prefix.endswith("/"):
        prefix += "/"
    return f"{prefix}geometry/{quote(key, safe='')}/{layer}.geojson?v={quote(digest, safe='')}"


@dataclass(frozen=True, eq=False)
class GeometryFile:
    """One prepared GeoJSON file, held in memory as sent."""

    name: str
    sha256: str
    body: bytes
    digest: str  # the division's digest, the ``v`` that makes a URL immutable

    @cached_property
    def gzipped(self) -> bytes:
        """The gzip body, made on the first request that takes gzip (~40 ms for a
        division's communes) and kept; ``mtime=0``, so the same bytes every time."""
        return gzip.compress(self.body, compresslevel=GZIP_LEVEL, mtime=0)


def load_geometry_files(
    folder: Path, digests: Mapping[str, str]
) -> dict[tuple[str, str], GeometryFile]:
    """Every layer of the given divisions (key → digest), read once and checked against
    the manifest: the same bytes the bundle was loaded from."""
    folder = Path(folder)
    manifest = prepared.read_manifest(folder)
    out = {}
    for key, digest in digests.items():
        spec = manifest.get("vintages", {}).get(key)
        if spec is None or spec.get("digest") != digest:
            raise prepared.PreparedDataError(
                f"{folder / prepared.MANIFEST} does not describe the loaded {key} division "
                f"(digest {digest!r}): the app and its geometry routes must read the same "
                f"prepared folder.\n  {prepared.REBUILD_HINT}"
            )
        for layer in LAYERS:
            name = _layer_file(key, layer)
            listed = manifest["files"].get(name)
            path = folder / name
            if listed is None or not path.is_file():
                raise prepared.PreparedDataError(
                    f"Prepared file {path} is missing or not in the manifest.\n"
                    f"  {prepared.REBUILD_HINT}"
                )
            body = path.read_bytes()
            sha = prepared.sha256_bytes(body)
            if sha != listed["sha256"]:
                raise prepared.PreparedDataError(
                    f"Prepared file {path} has sha256 {sha}, but {prepared.MANIFEST} says "
                    f"{listed['sha256']}.\n  {prepared.REBUILD_HINT}"
                )
            out[key, layer] = GeometryFile(
                name=name,
                sha256=sha,
                body=body,
                digest=digest,
            )
    return out


def _accepts_gzip() -> bool:
    # Werkzeug weighs q-values ("gzip;q=0" refuses, "*" accepts). flask-compress's own
    # parser would still gzip for "gzip;q=0"; no browser sends that.
    return request.accept_encodings["gzip"] > 0


def geometry_response(geometry: GeometryFile) -> Response:
    """The response to a GET/HEAD of one geometry file in the current request context."""
    gz = _accepts_gzip()
    response = Response(geometry.gzipped if gz else geometry.body, mimetype=GEOJSON_MIMETYPE)
    if gz:
        response.headers["Content-Encoding"] = "gzip"
    response.headers["Vary"] = "Accept-Encoding"
    response.set_etag(f"{geometry.sha256}:gzip" if gz else geometry.sha256, weak=False)
    immutable = request.args.get("v") == geometry.digest
    response.headers["Cache-Control"] = IMMUTABLE if immutable else REVALIDATE
    return response.make_conditional(request)  # 304 on a matching If-None-Match


def _not_found(message: str) -> Response:
    return Response(message + "\n", status=404, mimetype="text/plain")


def register_geometry_routes(app: Dash, bundle: DataBundle, settings: Settings) -> None:
    """Add ``GET {prefix}geometry/<key>/{communes,regions}.geojson`` to ``app.server``
    for every division in the bundle (files read from ``settings.geography_dir``)."""
    files = load_geometry_files(
        settings.geography_dir, {k: v.digest for k, v in bundle.vintages.items()}
    )
    known = ", ".join(bundle.vintages)

    def serve_geometry(key: str, layer: str) -> Response:
        if layer not in LAYERS:
            return _not_found(f"No geometry layer {layer!r}: the layers are {', '.join(LAYERS)}.")
        geometry = files.get((key, layer))
        if geometry is None:
            return _not_found(f"No commune division {key!r}: the divisions are {known}.")
        return geometry_response(geometry)

    server: Flask = app.server
    server.add_url_rule(
        app.config.routes_pathname_prefix + ROUTE,
        endpoint="csil_geometry",
        view_func=serve_geometry,
        methods=["GET"],
    )


def enable_compression(server: Flask) -> None:
    """gzip every compressible response of the app (flask-compress).

    ``Dash(compress=True)`` also runs flask-compress, but with its default MIME types (no
    ``application/geo+json``) and sets ``COMPRESS_ALGORITHM`` only after flask-compress
    has read it. Here the settings go in first. gzip only: every browser takes it, and
    the sizes this project measures are gzip sizes.
    """
    from flask_compress import Compress

    server.config["COMPRESS_MIMETYPES"] = list(COMPRESS_MIMETYPES)
    server.config["COMPRESS_ALGORITHM"] = ["gzip"]
    server.config["COMPRESS_ALGORITHM_STREAMING"] = ["gzip"]
    server.config["COMPRESS_LEVEL"] = 6
    Compress(server)


#: The largest request body the server reads (Flask ``MAX_CONTENT_LENGTH``): the largest
#: file the page sends (``dashboard.upload.MAX_FILE_BYTES``, 6,000,000) as a base64 data URL
#: (4/3 of its size: 8,000,000 bytes) inside the callback's JSON, plus room for the rest of
#: the callback body (the view state, a few kB).
MAX_REQUEST_BYTES = 8 * 1024 * 1024


def _too_large_response(limit: int) -> Response:
    return Response(
        f"Request body too large: the limit is {limit} bytes.\n", status=413, mimetype="text/plain"
    )


def limit_request_size(server: Flask, limit: int = MAX_REQUEST_BYTES) -> None:
    """Refuse request bodies over ``limit`` bytes with a short plain-text 413.

    A body announced larger (``Content-Length``) is refused before any of it is read. A
    body of unknown length (chunked, when the server passes it on: gunicorn, Werkzeug's
    server) is read here up to the limit (``MAX_CONTENT_LENGTH``; Werkzeug stops there
    without a word, so the view would see a cut body and answer 400) and refused when it
    reaches it; what was read is kept for the view. Either way the answer is one line of
    text, never an HTML page or a traceback.
    """
    server.config["MAX_CONTENT_LENGTH"] = limit

    @server.before_request
    def _refuse_large_bodies() -> Response | None:
        length = request.content_length
        if length is not None:
            return _too_large_response(limit) if length > limit else None
        streamed = "wsgi.input_terminated" in request.environ  # chunked: count it
        if streamed and len(request.get_data(cache=True)) >= limit:
            return _too_large_response(limit)
        return None

    def _too_large(_error: Exception) -> Response:
        return _too_large_response(limit)

    server.register_error_handler(413, _too_large)
