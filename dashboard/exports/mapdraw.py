"""The coverage map as a vector (SVG, PDF) or raster (PNG) file, drawn with matplotlib.

No browser, no dash, no plotly: the same prepared geometry the page's map draws
(``data/geography/communes_<vintage>.geojson``, ``regions_<vintage>.geojson``, property
``nis``) and the same palette (:mod:`dashboard.figures.map`):

- every commune is ONE path (a MultiPolygon commune: one path with several subpaths),
  filled with its category's colour; in the SVG its element's id is ``commune-<NIS>``;
- on the public record the regions under it are shaded by their published share on
  ``REGION_SCALE`` and the communes no source names ("unknown") are transparent over it,
  outlined in grey, as on the page; "outside" (not selected) is near-white;
- programme flags are black dots;
- the illustrative mark is written across the map (and boxed in the header) whenever the
  data is invented.

Two entry points:

``draw_map(b, fmt, width_px=1920, height_px=1080, dpi=150, *, geometry=None,
focus_nis=None) -> bytes``
    A whole sheet (16:9 by default): title, selection, data line with its date, the
    illustrative mark, the map, the legend (named swatches, the region-shading colour bar
    with each region's share, source and date on the public record, the flag marker), the
    three headline figures each with its source lines, and the source line in small type.
    ``fmt`` is "svg", "pdf" or "png". SVG text stays text (searchable); SVG and PDF carry no
    date of making and the same input gives the same bytes.

``draw_map_axes(ax, b, *, geometry=None, focus_nis=None, ...) -> dict[str, PathPatch]``
    Only the map, into a caller's matplotlib ``Axes`` (a slide, a profile sheet): region
    shading, communes, flags, the diagonal illustrative mark; with ``focus_nis`` the view
    zooms to that commune and its neighbours and outlines it. :func:`legend_entries` and
    :func:`draw_legend` give the caller the map's legend.

``geometry`` is the division's :class:`geodata.VintageData` (``bundle.vintages[
b.shown.vintage]``, what the server sends) or a prepared :class:`MapGeometry`; when omitted
it is read (once per process) from the configured prepared folder (``CSIL_GEOGRAPHY_DIR``).

Projection: plate carrée with the aspect corrected at Belgium's middle latitude
(1/cos 50.5°), so that the country is not squashed.

Thread safety: matplotlib shares its font cache and rcParams between threads, so
:func:`draw_map` holds :data:`DRAW_LOCK` while it draws and saves (about a second). A caller
drawing into its own figure with :func:`draw_map_axes` from a server thread should hold it
too.
"""

from __future__ import annotations

import html
import io
import math
import re
import textwrap
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, PathPatch, Rectangle
from matplotlib.path import Path

import geodata
from dashboard import i18n
from dashboard.exports.briefing import Briefing
from dashboard.figures.map import (
    CATEGORY_COLOURS,
    FLAG_MARKER,
    OUTLINE_ON_SHADING,
    REGION_OUTLINE,
    REGION_SCALE,
)

__all__ = [
    "DRAW_LOCK",
    "FORMATS",
    "MapGeometry",
    "LegendEntry",
    "commune_ids",
    "draw_legend",
    "draw_map",
    "draw_map_axes",
    "draw_region_scale",
    "geometry_path",
    "legend_entries",
    "map_geometry",
    "region_lines",
]

FORMATS = ("svg", "pdf", "png")
#: Plate carrée stretched in latitude at Belgium's middle: 1° of latitude is drawn
#: 1/cos(50.5°) ≈ 1.57 times as long as 1° of longitude.
ASPECT = 1 / math.cos(math.radians(50.5))
FONT = "DejaVu Sans"  # shipped with matplotlib: the same glyphs on every machine
INK = "#1a1a1a"
MUTED = "#555555"
# The page's illustrative mark (dashboard.figures.map.watermark_annotations).
MARK_TEXT = "#5c4400"
MARK_FILL = "#fff3cd"
MARK_EDGE = "#8a6d00"
COMMUNE_EDGE = "#FFFFFF"  # between coloured communes; OUTLINE_ON_SHADING over the shading
FOCUS_EDGE = "#000000"
REGION_CMAP = LinearSegmentedColormap.from_list(
    "csil_region_share", [(float(str(stop)), str(colour)) for stop, colour in REGION_SCALE]
)
#: Held while a figure is drawn and saved (matplotlib's font cache and rcParams are shared).
DRAW_LOCK = threading.RLock()
_SAVE_RC: dict[Any, Any] = {
    "svg.fonttype": "none",  # text as <text>: searchable, selectable
    "svg.hashsalt": "csil-atlas",  # stable ids: the same SVG every time
    "pdf.fonttype": 42,  # TrueType with a ToUnicode map: the PDF's text can be extracted
    "path.simplify": True,
}


# --- geometry ----------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class MapGeometry:
    """A division's display geometry as matplotlib paths (lon/lat degrees)."""

    key: str
    communes: Mapping[str, Path]  # NIS code -> one path (several subpaths if MultiPolygon)
    regions: Mapping[str, Path]  # 02000 / 03000 / 04000 / DG
    bounds: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


def _ring(coords: Sequence[Sequence[float]], exterior: bool) -> np.ndarray:
    """A closed ring, wound anticlockwise if ``exterior`` else clockwise, so that holes
    stay holes under both fill rules (the served file winds exteriors clockwise for d3)."""
    xy = np.asarray(coords, dtype=float)[:, :2]
    if len(xy) > 1 and np.array_equal(xy[0], xy[-1]):
        xy = xy[:-1]
    x, y = xy[:, 0], xy[:, 1]
    signed = np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y)  # 2 × signed area
    if (signed > 0) != exterior:
        xy = xy[::-1]
    return xy


def geometry_path(geometry: Mapping) -> Path:
    """One GeoJSON Polygon / MultiPolygon as one compound :class:`Path`."""
    kind = geometry["type"]
    if kind == "Polygon":
        polygons = [geometry["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        raise ValueError(f"not a polygon geometry: {kind}")
    vertices, codes = [], []
    for polygon in polygons:
        for i, ring in enumerate(polygon):
            xy = _ring(ring, exterior=i == 0)
            if len(xy) < 3:
                continue
            vertices.append(np.vstack([xy, xy[:1]]))
            ring_codes = np.full(len(xy) + 1, Path.LINETO, dtype=Path.code_type)
            ring_codes[0] = Path.MOVETO
            ring_codes[-1] = Path.CLOSEPOLY
            codes.append(ring_codes)
    return Path(np.concatenate(vertices), np.concatenate(codes))


def _paths(collection: Mapping) -> dict[str, Path]:
    return {
        str(f["properties"]["nis"]): geometry_path(f["geometry"])
        for f in collection["features"]
        if f.get("geometry")
    }


_GEOMETRY: dict[tuple[str, str], MapGeometry] = {}


def map_geometry(vintage: geodata.VintageData) -> MapGeometry:
    """The division's paths, built once per division (and prepared-data digest)."""
    memo = (vintage.vintage.key, vintage.digest)
    with DRAW_LOCK:
        if memo not in _GEOMETRY:
            communes = _paths(vintage.display)
            regions = _paths(vintage.regions_display)
            xy = np.concatenate([p.vertices for p in communes.values()])
            (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
            _GEOMETRY[memo] = MapGeometry(
                key=vintage.vintage.key,
                communes=communes,
                regions=regions,
                bounds=(float(x0), float(y0), float(x1), float(y1)),
            )
        return _GEOMETRY[memo]


def _resolve_geometry(
    b: Briefing, geometry: geodata.VintageData | MapGeometry | None
) -> MapGeometry:
    if isinstance(geometry, MapGeometry):
        return geometry
    if geometry is None:
        from dashboard.settings import Settings  # the configured prepared folder

        geometry = geodata.load_vintage(b.shown.vintage, Settings.from_env().geography_dir)
    if geometry.vintage.key != b.shown.vintage:
        raise ValueError(
            f"the geometry is of the {geometry.vintage.key} division, the briefing's of "
            f"{b.shown.vintage}"
        )
    return map_geometry(geometry)


# --- the map -----------------------------------------------------------------------------


def _fills(b: Briefing) -> list[str]:
    """Each commune's fill (``"none"``: unknown, transparent over the region shading)."""
    colours = dict(CATEGORY_COLOURS)
    if b.layers.unknown_transparent:
        colours["unknown"] = "none"
    return [colours[c] for c in b.layers.communes["category"]]


def _focus_bounds(
    b: Briefing, geo: MapGeometry, nis: str, margin: float
) -> tuple[float, float, float, float]:
    frame = b.frame.set_index("nis")
    if nis not in frame.index or nis not in geo.communes:
        raise ValueError(f"no commune {nis!r} in the {geo.key} division")
    codes = [nis, *(n for n in frame.at[nis, "neighbours"] if n in geo.communes)]
    xy = np.concatenate([geo.communes[c].vertices for c in codes])
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    dx, dy = (x1 - x0) * margin, (y1 - y0) * margin
    return x0 - dx, y0 - dy, x1 + dx, y1 + dy


def draw_map_axes(
    ax: Axes,
    b: Briefing,
    *,
    geometry: geodata.VintageData | MapGeometry | None = None,
    focus_nis: str | None = None,
    flags: bool = True,
    watermark: bool = True,
    outline_width: float = 0.3,
    marker_size: float = 3.6,
    margin: float = 0.02,
) -> dict[str, PathPatch]:
    """Draw the briefing's map into ``ax`` (any matplotlib Axes; it is turned off).

    - ``geometry``: ``bundle.vintages[b.shown.vintage]`` or a :class:`MapGeometry`
      (default: read from the configured prepared folder);
    - ``focus_nis``: zoom to this commune and its neighbours (from ``b.frame``) and outline
      it (element id ``focus-<NIS>``); default: all of Belgium;
    - ``flags``: the programme markers; ``watermark``: the diagonal illustrative mark
      (drawn only when ``b.illustrative``);
    - ``outline_width`` (points): the commune borders; ``marker_size`` (points): the flags;
      ``margin``: the blank around the extent, as a fraction of it.

    Returns the commune patches by NIS code (their ``gid`` is ``commune-<NIS>``, which the
    SVG writer turns into element ids). The axes' aspect is fixed (``ASPECT``) with
    ``adjustable="datalim"``: the map fills the axes box.
    """
    geo = _resolve_geometry(b, geometry)
    layers = b.layers
    public = layers.unknown_transparent

    # 1. region shading (public record), under the communes, as the page draws it
    for rid, share in zip(layers.regions["id"], layers.regions["share"], strict=True):
        path = geo.regions.get(str(rid))
        if path is None:
            continue
        ax.add_artist(
            PathPatch(
                path,
                facecolor=REGION_CMAP(float(share)),
                edgecolor=REGION_OUTLINE,
                linewidth=1.1,
                zorder=1,
                gid=f"region-{rid}",
            )
        )

    # 2. every commune of the division: one path each
    edge = OUTLINE_ON_SHADING if public else COMMUNE_EDGE
    patches: dict[str, PathPatch] = {}
    nis_codes = layers.communes["nis"].astype(str).tolist()
    missing = [n for n in nis_codes if n not in geo.communes]
    if missing:
        raise ValueError(f"no geometry for {len(missing)} communes of {geo.key}: {missing[:5]}")
    for nis, fill in zip(nis_codes, _fills(b), strict=True):
        patch = PathPatch(
            geo.communes[nis],
            facecolor=fill,
            edgecolor=edge,
            linewidth=outline_width,
            joinstyle="round",
            zorder=2,
            gid=f"commune-{nis}",
        )
        ax.add_artist(patch)  # add_patch would walk every vertex for the data limits
        patches[nis] = patch

    if focus_nis is not None:
        x0, y0, x1, y1 = _focus_bounds(b, geo, str(focus_nis), margin=max(margin, 0.08))
        ax.add_artist(
            PathPatch(
                geo.communes[str(focus_nis)],
                facecolor="none",
                edgecolor=FOCUS_EDGE,
                linewidth=max(1.6, outline_width * 5),
                zorder=3,
                gid=f"focus-{focus_nis}",
            )
        )
    else:
        bx0, by0, bx1, by1 = geo.bounds
        dx, dy = (bx1 - bx0) * margin, (by1 - by0) * margin
        x0, y0, x1, y1 = bx0 - dx, by0 - dy, bx1 + dx, by1 + dy

    # 3. programme flags: black dots
    if flags and len(layers.flags):
        ax.plot(
            layers.flags["lon"].to_numpy(float),
            layers.flags["lat"].to_numpy(float),
            linestyle="none",
            marker="o",
            markersize=marker_size,
            markerfacecolor=FLAG_MARKER["color"],
            markeredgecolor="#FFFFFF",
            markeredgewidth=0.4,
            zorder=4,
            gid="flags",
        )

    _fit_limits(ax, x0, y0, x1, y1)
    ax.set_axis_off()

    if watermark and b.illustrative and b.illustrative_mark:
        _diagonal_mark(ax, b.illustrative_mark)
    return patches


def _fit_limits(ax: Axes, x0: float, y0: float, x1: float, y1: float) -> None:
    """Show [x0, x1] × [y0, y1] at :data:`ASPECT`, centred, widening the range that has
    room to spare so that the map fills the axes box."""
    fig = ax.get_figure(root=True)  # the figure's size, also for an axes in a subfigure
    box = ax.get_position()
    if fig is not None and box.width > 0 and box.height > 0:
        box_ratio = (box.height * fig.get_figheight()) / (box.width * fig.get_figwidth())
        dx, dy = x1 - x0, y1 - y0
        if dy * ASPECT / dx > box_ratio:  # too tall for the box: widen the longitudes
            extra = (dy * ASPECT / box_ratio - dx) / 2
            x0, x1 = x0 - extra, x1 + extra
        else:  # too wide: heighten the latitudes
            extra = (dx * box_ratio / ASPECT - dy) / 2
            y0, y1 = y0 - extra, y1 + extra
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(ASPECT, adjustable="box")


def _diagonal_mark(ax: Axes, text: str) -> None:
    """The illustrative mark written across the map, light enough to read the map under."""
    fig = ax.get_figure(root=True)
    box = ax.get_position()
    width_pt = box.width * fig.get_figwidth() * 72 if fig is not None else 400.0
    size = max(10.0, min(44.0, width_pt / (0.62 * max(len(text), 1))))
    ax.text(
        0.5,
        0.5,
        text,
        transform=ax.transAxes,
        rotation=28,
        ha="center",
        va="center",
        fontsize=size,
        fontweight="bold",
        fontfamily=FONT,
        color=MARK_EDGE,
        alpha=0.28,
        zorder=10,
        gid="illustrative-mark-diagonal",
        parse_math=False,
        clip_on=False,
    )


# --- the legend ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LegendEntry:
    """One line of the map's legend: ``kind`` "swatch" (a filled square) or "marker"."""

    label: str
    facecolor: str
    edgecolor: str
    kind: str = "swatch"
    gid: str = ""


def legend_entries(b: Briefing) -> list[LegendEntry]:
    """The map's legend in the page's order: the categories drawn (their names from
    ``b.legend``), "not in the selection" when the filters leave communes out, and the
    programme marker. On the public record the "unknown" swatch shows the region shading
    its communes let through, and says so."""
    public = b.layers.unknown_transparent
    out = []
    for category, name in b.legend:
        face = edge = CATEGORY_COLOURS[category]
        if category == "unknown" and public:
            face, edge = str(REGION_SCALE[1][1]), OUTLINE_ON_SHADING
            name = f"{name} — {i18n.t('legend.region_share', b.lang)}"
        elif category == "unknown":
            edge = OUTLINE_ON_SHADING
        out.append(LegendEntry(name, face, edge, gid=f"legend-{category}"))
    if (b.layers.communes["category"] == "outside").any():
        out.append(
            LegendEntry(
                i18n.t("export.figure.outside", b.lang),
                CATEGORY_COLOURS["outside"],
                OUTLINE_ON_SHADING,
                gid="legend-outside",
            )
        )
    out.append(
        LegendEntry(
            b.layers.flags_name,
            str(FLAG_MARKER["color"]),
            "#FFFFFF",
            kind="marker",
            gid="legend-flags",
        )
    )
    return out


def draw_legend(
    ax: Axes,
    b: Briefing,
    *,
    fontsize: float = 9.0,
    title: bool = True,
    wrap: int | None = 42,
    **kwargs,
):
    """The map's legend as a matplotlib legend in ``ax`` (``kwargs`` go to ``ax.legend``,
    e.g. ``loc="upper left"``, ``ncols=2``); labels broken after ``wrap`` characters.
    Returns the Legend. For a slide: the region shading's colour bar is
    :func:`draw_region_scale`, each region's share with its source :func:`region_lines`."""
    handles: list[Any] = []
    for e in legend_entries(b):
        if wrap:
            e = replace(e, label="\n".join(textwrap.wrap(e.label, wrap)) or e.label)
        if e.kind == "marker":
            handles.append(
                Line2D([], [], linestyle="none", marker="o", markersize=6,
                       markerfacecolor=e.facecolor, markeredgecolor=e.edgecolor, label=e.label)
            )  # fmt: skip
        else:
            handles.append(Rectangle((0, 0), 1, 1, facecolor=e.facecolor, edgecolor=e.edgecolor,
                                     linewidth=0.8, label=e.label))  # fmt: skip
    kwargs.setdefault("loc", "upper left")
    kwargs.setdefault("frameon", False)
    return ax.legend(
        handles=handles,
        title=i18n.t("legend.title", b.lang) if title else None,
        prop=FontProperties(family=FONT, size=fontsize),
        title_fontproperties=FontProperties(family=FONT, size=fontsize, weight="bold"),
        alignment="left",
        **kwargs,
    )


def draw_region_scale(cax: Axes, b: Briefing, *, fontsize: float = 7.5) -> None:
    """The region shading's colour scale (0-100 %) as a horizontal bar in ``cax``, with
    each shaded region's share marked on it."""
    fig = cax.get_figure()
    assert fig is not None
    bar = fig.colorbar(
        ScalarMappable(norm=Normalize(0, 1), cmap=REGION_CMAP), cax=cax,
        orientation="horizontal",
    )  # fmt: skip
    ticks = [0, 0.25, 0.5, 0.75, 1]
    bar.set_ticks(ticks, labels=[i18n.format_percent(t, b.lang, digits=0) for t in ticks])
    bar.outline.set_linewidth(0.4)
    cax.tick_params(labelsize=fontsize, length=2, width=0.4, pad=1.5)
    for label in cax.get_xticklabels():
        label.set_fontfamily(FONT)
    for share in b.layers.regions["share"]:
        cax.plot([float(share)] * 2, [0, 1], color=REGION_OUTLINE, linewidth=1.0)


# --- the sheet -----------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _plain(hover: str) -> list[str]:
    """A hover text's lines without their HTML."""
    return [html.unescape(_TAG.sub("", line)).strip() for line in hover.split("<br>")]


def region_lines(b: Briefing) -> list[str]:
    """Each shaded region's share with its source and date ("Flemish Region: 85.0 % —
    Published for this date — S01, 15 June 2019"), from the map's region hovers (name,
    count, provenance, share)."""
    out = []
    for rid, share, hover in b.layers.regions[["id", "share", "hover"]].itertuples(index=False):
        lines = _plain(str(hover))
        name = lines[0] if lines and lines[0] else i18n.region_label(str(rid), b.lang)
        source = lines[2] if len(lines) > 2 else i18n.MISSING
        out.append(
            i18n.t("export.figure.region_share", b.lang, area=name,
                   share=i18n.format_percent(float(share), b.lang), source=source)
        )  # fmt: skip
    return out


class _Sheet:
    """Places text on a figure from the top down, in points, wrapping to a width."""

    def __init__(self, fig: Figure, renderer) -> None:
        self.fig = fig
        self.renderer = renderer
        self.w_pt = fig.get_figwidth() * 72
        self.h_pt = fig.get_figheight() * 72
        self._px_to_pt = 72 / renderer.dpi
        self._widths: dict[tuple[str, float, str], float] = {}

    def width(self, text: str, size: float, weight: str = "normal") -> float:
        key = (text, size, weight)
        if key not in self._widths:
            prop = FontProperties(family=FONT, size=size, weight=weight)
            w, _, _ = self.renderer.get_text_width_height_descent(text, prop, ismath=False)
            self._widths[key] = w * self._px_to_pt
        return self._widths[key]

    def wrap(self, text: str, width_pt: float, size: float, weight: str = "normal") -> list[str]:
        """Greedy line breaks at spaces (not at no-break spaces), each word measured once."""
        space = self.width("a a", size, weight) - self.width("aa", size, weight)
        lines: list[str] = []
        for para in str(text).split("\n"):
            current: list[str] = []
            used = 0.0
            for word in para.split(" "):
                w = self.width(word, size, weight)
                if current and used + space + w > width_pt:
                    lines.append(" ".join(current))
                    current, used = [word], w
                else:
                    used += (space if current else 0.0) + w
                    current.append(word)
            lines.append(" ".join(current))
        return lines

    def text(
        self,
        x_pt: float,
        top_pt: float,
        text: str,
        size: float,
        *,
        width_pt: float | None = None,
        weight: str = "normal",
        color: str = INK,
        gid: str | None = None,
        leading: float = 1.22,
        max_lines: int | None = None,
    ) -> float:
        """Write ``text`` with its top at ``top_pt`` from the figure's top; returns the
        position under it (points from the top)."""
        lines = self.wrap(text, width_pt, size, weight) if width_pt else str(text).split("\n")
        if max_lines is not None and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1].rstrip() + " …"
        y = top_pt
        for i, line in enumerate(lines):
            y += size * leading
            self.fig.text(
                x_pt / self.w_pt,
                1 - (y - size * (leading - 1) - size * 0.2) / self.h_pt,
                line,
                fontsize=size,
                fontfamily=FONT,
                fontweight=weight,
                color=color,
                va="baseline",
                ha="left",
                gid=f"{gid}-{i}" if gid and len(lines) > 1 else gid,
                parse_math=False,
            )
        return y

    def rect(
        self, x_pt: float, top_pt: float, w_pt: float, h_pt: float
    ) -> tuple[float, float, float, float]:
        """A rectangle in figure fractions (left, bottom, width, height)."""
        return (x_pt / self.w_pt, 1 - (top_pt + h_pt) / self.h_pt, w_pt / self.w_pt,
                h_pt / self.h_pt)  # fmt: skip


def _boxed_mark(sheet: _Sheet, right_pt: float, top_pt: float, text: str, size: float) -> None:
    """The illustrative mark in the page's box, right-aligned at ``right_pt``."""
    pad = size * 0.55
    w = sheet.width(text, size, "bold") + 2 * pad
    h = size * 1.25 + 2 * pad
    x = right_pt - w
    sheet.fig.patches.append(
        FancyBboxPatch(
            (x / sheet.w_pt, 1 - (top_pt + h) / sheet.h_pt),
            w / sheet.w_pt,
            h / sheet.h_pt,
            boxstyle="square,pad=0",
            transform=sheet.fig.transFigure,
            facecolor=MARK_FILL,
            edgecolor=MARK_EDGE,
            linewidth=1.5,
            gid="illustrative-box",
            figure=sheet.fig,
        )
    )
    sheet.fig.text(
        (x + pad) / sheet.w_pt,
        1 - (top_pt + pad + size * 1.0) / sheet.h_pt,
        text,
        fontsize=size,
        fontfamily=FONT,
        fontweight="bold",
        color=MARK_TEXT,
        va="baseline",
        gid="illustrative-mark",
        parse_math=False,
    )


def _sheet_figure(
    b: Briefing,
    width_px: int,
    height_px: int,
    dpi: float,
    geometry: geodata.VintageData | MapGeometry | None,
    focus_nis: str | None,
) -> Figure:
    fig = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor="white")
    canvas = FigureCanvasAgg(fig)
    sheet = _Sheet(fig, canvas.get_renderer())
    W, H = sheet.w_pt, sheet.h_pt  # noqa: N806
    k = min(W / 921.6, H / 518.4)  # type scale: 1 at 1920 × 1080 px and 150 dpi
    pad = 16 * k
    lang = b.lang

    # Header: title, selection, data and its date; the illustrative mark boxed at the right.
    mark_w = 0.0
    if b.illustrative and b.illustrative_mark:
        mark_w = sheet.width(b.illustrative_mark, 11 * k, "bold") + 14 * k
        _boxed_mark(sheet, W - pad, pad, b.illustrative_mark, 11 * k)
    head_w = W - 2 * pad - (mark_w + 12 * k if mark_w else 0)
    y = sheet.text(pad, pad - 4 * k, b.title, 18 * k, weight="bold", width_pt=head_w, gid="title")
    y = sheet.text(pad, y + 2 * k, " · ".join(b.selection), 9.5 * k, width_pt=head_w,
                   color=MUTED, gid="selection")  # fmt: skip
    y = sheet.text(pad, y + 1 * k, b.data_line, 9.5 * k, width_pt=head_w, gid="data-line")
    header_bottom = y + 8 * k

    # Footer: every source with its date, and the boundaries' attribution.
    foot_size = 6.3 * k
    foot_lines = sheet.wrap(b.source_line, W - 2 * pad, foot_size)
    foot_h = len(foot_lines) * foot_size * 1.22
    foot_top = H - pad * 0.75 - foot_h
    sheet.text(pad, foot_top, "\n".join(foot_lines), foot_size, color=MUTED, gid="source-line")
    fig.add_artist(
        Line2D([pad / W, 1 - pad / W], [1 - (foot_top - 5 * k) / H] * 2, color="#cccccc",
               linewidth=0.5, transform=fig.transFigure)
    )  # fmt: skip

    # The map, left; the legend and the figures, right.
    panel_x = W * 0.635
    panel_w = W - pad - panel_x
    map_top, map_bottom = header_bottom, foot_top - 10 * k
    ax = fig.add_axes(sheet.rect(pad, map_top, panel_x - 2 * pad, map_bottom - map_top))
    ax.set_gid("map")
    draw_map_axes(ax, b, geometry=geometry, focus_nis=focus_nis, outline_width=0.3 * k,
                  marker_size=3.6 * k)  # fmt: skip

    y = header_bottom
    y = sheet.text(panel_x, y, i18n.t("legend.title", lang), 9.5 * k, weight="bold",
                   gid="legend-title")  # fmt: skip
    entry_size = 8 * k
    sw = 9 * k
    for e in legend_entries(b):
        top = y + 3 * k
        if e.kind == "marker":
            centre = ([(panel_x + sw / 2) / W], [1 - (top + sw / 2) / H])
            fig.add_artist(
                Line2D(*centre, transform=fig.transFigure, linestyle="none", marker="o",
                       markersize=3.6 * k * 1.3, markerfacecolor=e.facecolor,
                       markeredgecolor=e.edgecolor, markeredgewidth=0.4, gid=e.gid)
            )  # fmt: skip
        else:
            fig.patches.append(
                Rectangle(
                    (panel_x / W, 1 - (top + sw) / H), sw / W, sw / H, transform=fig.transFigure,
                    facecolor=e.facecolor, edgecolor=e.edgecolor, linewidth=0.6, gid=e.gid,
                    figure=fig,
                )
            )  # fmt: skip
        y = sheet.text(panel_x + sw + 5 * k, top - 1.5 * k, e.label, entry_size,
                       width_pt=panel_w - sw - 5 * k, gid=f"{e.gid}-label")  # fmt: skip
        y = max(y, top + sw)

    if b.layers.unknown_transparent:  # the public record: the region shading
        y += 6 * k
        y = sheet.text(panel_x, y, b.layers.region_scale_title, 7.5 * k, weight="bold",
                       width_pt=panel_w, gid="region-scale-title")  # fmt: skip
        if len(b.layers.regions):
            bar_h = 7 * k
            cax = fig.add_axes(sheet.rect(panel_x, y + 3 * k, panel_w * 0.62, bar_h))
            cax.set_gid("region-scale")
            draw_region_scale(cax, b, fontsize=6.5 * k)
            y += 3 * k + bar_h + 12 * k
            for i, line in enumerate(region_lines(b)):
                y = sheet.text(panel_x, y, line, 6.5 * k, width_pt=panel_w, color=MUTED,
                               gid=f"region-share-{i}", leading=1.18)  # fmt: skip
        else:
            y = sheet.text(panel_x, y, i18n.t("export.figure.no_region_shading", lang), 6.5 * k,
                           width_pt=panel_w, color=MUTED, gid="region-scale-note")  # fmt: skip

    # The headline figures, each with where it comes from.
    y += 8 * k
    fig.add_artist(
        Line2D([panel_x / W, (panel_x + panel_w) / W], [1 - y / H] * 2, color="#cccccc",
               linewidth=0.5, transform=fig.transFigure)
    )  # fmt: skip
    y += 2 * k
    for i, f in enumerate(b.headline):
        y = sheet.text(panel_x, y + 4 * k, f.label, 8 * k, weight="bold", width_pt=panel_w,
                       gid=f"figure-{i}-label")  # fmt: skip
        if f.missing:
            y = sheet.text(panel_x, y + 1 * k, f.value, 7.5 * k, width_pt=panel_w,
                           gid=f"figure-{i}-value", max_lines=3)  # fmt: skip
        else:
            y = sheet.text(panel_x, y + 1 * k, f.value, 15 * k, weight="bold", width_pt=panel_w,
                           color="#0b4f7a", gid=f"figure-{i}-value")  # fmt: skip
        for j, line in enumerate(f.lines):
            y = sheet.text(panel_x, y, line, 6.5 * k, width_pt=panel_w, color=MUTED,
                           gid=f"figure-{i}-source-{j}", leading=1.18, max_lines=2)  # fmt: skip
    return fig


def draw_map(
    b: Briefing,
    fmt: str,
    width_px: int = 1920,
    height_px: int = 1080,
    dpi: float = 150,
    *,
    geometry: geodata.VintageData | MapGeometry | None = None,
    focus_nis: str | None = None,
) -> bytes:
    """The briefing's map sheet as ``fmt`` ("svg", "pdf" or "png") bytes.

    The figure is ``width_px / dpi`` × ``height_px / dpi`` inches (12.8 × 7.2 in at the
    defaults, a 16:9 slide); the PNG is exactly ``width_px`` × ``height_px`` pixels. Type
    sizes scale with the sheet. See the module's docstring for ``geometry`` and
    ``focus_nis``. SVG and PDF carry no date of making: the same briefing gives the same
    bytes."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ValueError(f"unknown map format {fmt!r}; expected one of {', '.join(FORMATS)}")
    with DRAW_LOCK, matplotlib.rc_context(_SAVE_RC):
        fig = _sheet_figure(b, width_px, height_px, dpi, geometry, focus_nis)
        out = io.BytesIO()
        metadata: dict[str, str | None] = {
            "svg": {"Date": None, "Title": b.title},
            "pdf": {"CreationDate": None, "ModDate": None, "Title": b.title},
            "png": {"Software": None, "Title": b.title},
        }[fmt]  # type: ignore[assignment]
        fig.savefig(out, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")
        return out.getvalue()


def commune_ids(svg: bytes | str) -> list[str]:
    """The NIS codes of the commune elements of a map SVG (``id="commune-<NIS>"``), in
    document order: what a reader of the file (or a test) finds."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return re.findall(r'id="commune-([^"]+)"', text)
