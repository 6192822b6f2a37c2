"""One entry point for every download of a view (the page's buttons and the CLI): the
kind asked for, the view's state and the file on screen give (file name, bytes).

An export that cannot be made (no browser for a PNG) raises :class:`ExportError` with a
message for the user in the page's language; the other kinds never need a browser.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.model import MembershipSnapshot
from dashboard.exports.briefing import Briefing, briefing
from dashboard.state import ViewState

#: The kinds of :func:`make_export`, with their file extensions.
KINDS: dict[str, str] = {
    "pptx": "pptx",
    "png": "png",
    "svg": "svg",
    "pdf": "pdf",
    "csv": "csv",
    "xlsx": "xlsx",
    "geojson": "geojson",
}


class ExportError(Exception):
    """An export that cannot be made; :meth:`message` says why, in a language."""

    def __init__(self, key: str, text: str | None = None) -> None:
        super().__init__(text or key)
        self.key = key
        self.text = text

    def message(self, lang: str) -> str:
        return self.text if self.text is not None else i18n.t(self.key, lang)


def map_file_name(b: Briefing, extension: str) -> str:
    from dashboard.exports.tables import file_name

    return file_name(b, extension).replace("csil-communes-", "csil-map-", 1)


def _map(kind: str) -> Callable[[DataBundle, Briefing], tuple[str, bytes]]:
    def make(bundle: DataBundle, b: Briefing) -> tuple[str, bytes]:
        if kind == "png":
            from dashboard.exports.png import ImageExportUnavailable, map_png

            try:
                content = map_png(b, geometry=bundle.vintages[b.shown.vintage])
            except ImageExportUnavailable as e:
                raise ExportError("export.figure.unavailable", e.message) from e
        else:
            from dashboard.exports.mapdraw import draw_map

            content = draw_map(b, kind, geometry=bundle.vintages[b.shown.vintage])
        return map_file_name(b, kind), content

    return make


def _table(kind: str) -> Callable[[DataBundle, Briefing], tuple[str, bytes]]:
    def make(bundle: DataBundle, b: Briefing) -> tuple[str, bytes]:
        from dashboard.exports import tables

        if kind == "csv":
            return tables.csv_bytes(b)
        if kind == "xlsx":
            return tables.xlsx_bytes(b)
        return tables.geojson_bytes(b, bundle)

    return make


def _deck(bundle: DataBundle, b: Briefing) -> tuple[str, bytes]:
    from dashboard.exports.deck import deck_bytes

    return deck_bytes(bundle, b)


WRITERS: dict[str, Callable[[DataBundle, Briefing], tuple[str, bytes]]] = {
    "pptx": _deck,
    **{k: _map(k) for k in ("png", "svg", "pdf")},
    **{k: _table(k) for k in ("csv", "xlsx", "geojson")},
}


def make_export(
    bundle: DataBundle, kind: str, state: ViewState, upload: MembershipSnapshot | None = None
) -> tuple[str, bytes]:
    """(file name, content) of ``kind`` (one of :data:`KINDS`) for the view ``state``."""
    if kind not in WRITERS:
        raise ValueError(f"unknown export {kind!r}; known: {', '.join(KINDS)}")
    return WRITERS[kind](bundle, briefing(bundle, state, upload))


def make_sheet(
    bundle: DataBundle, state: ViewState, upload: MembershipSnapshot | None = None
) -> tuple[str, bytes]:
    """(file name, PDF) of the one-page sheet of ``state.commune``, in ``state.lang``."""
    from dashboard.exports.profile_sheet import profile_pdf

    if not state.commune:
        raise ExportError("briefing.export.no_commune")
    return profile_pdf(bundle, state, state.commune, upload)
