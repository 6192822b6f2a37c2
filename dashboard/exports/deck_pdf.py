"""The slide deck as a PDF: one 16:9 page (13.333 × 7.5 in) per slide, drawn with
matplotlib from the same laid-out slides as the PowerPoint file
(:func:`dashboard.exports.deck.deck_content`), so both say the same thing in the same
places: tables drawn as text tables, the map as vector paths, the timeline as a
matplotlib chart of the same series. Used by ``csil-dashboard report --out FILE.pdf``.

``deck_pdf_bytes(bundle, b, today=None) -> (file name, bytes)``
    ``csil-briefing-{kind}-{date}.pdf``. Text is embedded as TrueType (``pdf.fonttype``
    42), so a reader can search and copy it; the PDF carries no creation date.

The drawing helpers (:func:`draw_item`, :func:`draw_text`, :func:`draw_grid`) place the
deck's items on any matplotlib figure, positions in inches from its top left; the commune
sheet (:mod:`dashboard.exports.profile_sheet`) uses them too.

Pure (no dash, no browser); holds :data:`dashboard.exports.mapdraw.DRAW_LOCK` while it
draws.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.dates import DateFormatter, YearLocator
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Ellipse, Rectangle
from matplotlib.ticker import FixedLocator, FuncFormatter

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.exports import mapdraw
from dashboard.exports.briefing import Briefing
from dashboard.exports.deck import (
    BAND_FILL,
    CELL_PAD_X,
    CELL_PAD_Y,
    FONT,
    HEADER_FILL,
    LEADING,
    RULE,
    SLIDE_H,
    SLIDE_W,
    Chart,
    Deck,
    Grid,
    MapBox,
    Para,
    Rule,
    Slide,
    Swatch,
    TextBox,
    Timeline,
    deck_content,
    deck_file_name,
    draw_map_panel,
    wrap,
)

__all__ = ["deck_pdf_bytes", "draw_grid", "draw_item", "draw_text", "draw_timeline",
           "slide_figures"]  # fmt: skip

GRID_LINE = "#c8d0d8"
_SAVE_RC: dict[str, Any] = {"pdf.fonttype": 42, "path.simplify": True}
#: Where a line's baseline sits under its top, in multiples of the type size.
BASELINE = (LEADING - 1) / 2 + 0.93


def _fig_xy(fig: Figure, x: float, y: float) -> tuple[float, float]:
    """Inches from the figure's top left -> figure fractions."""
    return x / fig.get_figwidth(), 1 - y / fig.get_figheight()


def _lines_of(para: Para, width: float) -> list[str]:
    return wrap(para.text, width * 72, para.size, para.bold)


def draw_paras(
    fig: Figure,
    x: float,
    y: float,
    w: float,
    paras: tuple[Para, ...] | list[Para],
    *,
    align: str = "left",
    gid: str | None = None,
) -> float:
    """Paragraphs from ``y`` down in a column ``w`` wide; returns the bottom."""
    for n, para in enumerate(paras):
        y += para.before / 72
        for i, line in enumerate(_lines_of(para, w)):
            base = y + para.size * BASELINE / 72
            tx = {"left": x, "right": x + w, "center": x + w / 2}[align]
            fx, fy = _fig_xy(fig, tx, base)
            fig.text(fx, fy, line, fontsize=para.size, fontfamily=FONT,
                     fontweight="bold" if para.bold else "normal", color=para.color,
                     ha=align, va="baseline", parse_math=False,
                     gid=f"{gid}-{n}-{i}" if gid else None)  # fmt: skip
            y += para.size * LEADING / 72
    return y


def _rect(fig: Figure, x: float, y: float, w: float, h: float, **kwargs: Any) -> None:
    fx, fy = _fig_xy(fig, x, y + h)
    fig.patches.append(Rectangle((fx, fy), w / fig.get_figwidth(), h / fig.get_figheight(),
                                 transform=fig.transFigure, figure=fig, **kwargs))  # fmt: skip


def draw_text(fig: Figure, box: TextBox) -> None:
    """A text box: its fill and border, then its paragraphs (top or middle)."""
    if box.fill or box.edge:
        _rect(fig, box.x, box.y, box.w, box.h, facecolor=box.fill or "none",
              edgecolor=box.edge or "none", linewidth=1.5 if box.edge else 0,
              gid=box.name)  # fmt: skip
    inner = box.w - 2 * box.inset
    y = box.y + box.inset
    if box.anchor == "middle":
        used = sum(p.height(inner) for p in box.paras)
        y = box.y + (box.h - used) / 2
    draw_paras(fig, box.x + box.inset, y, inner, box.paras, align=box.align, gid=box.name)


def draw_grid(fig: Figure, g: Grid) -> None:
    """A table: header and rows with their fills, thin lines, each cell's wrapped text."""
    y = g.y
    for r, (row, h) in enumerate(zip((g.header, *g.rows), g.heights, strict=True)):
        fill = HEADER_FILL if r == 0 else BAND_FILL if r % 2 == 0 else "#ffffff"
        _rect(fig, g.x, y, g.w, h, facecolor=fill, edgecolor="none", linewidth=0)
        x = g.x
        for c, (text, w) in enumerate(zip(row, g.widths, strict=True)):
            align = "right" if g.numeric[c] and r > 0 else "left"
            draw_paras(fig, x + CELL_PAD_X, y + CELL_PAD_Y, w - 2 * CELL_PAD_X,
                       [Para(text, g.size, r == 0)], align=align)  # fmt: skip
            x += w
        fx0, fy = _fig_xy(fig, g.x, y + h)
        fx1, _ = _fig_xy(fig, g.x + g.w, y + h)
        fig.add_artist(Line2D([fx0, fx1], [fy, fy], color=GRID_LINE, linewidth=0.5,
                              transform=fig.transFigure))  # fmt: skip
        y += h
    x = g.x
    for w in g.widths[:-1]:
        x += w
        fx, fy0 = _fig_xy(fig, x, g.y)
        _, fy1 = _fig_xy(fig, x, g.y + g.h)
        fig.add_artist(Line2D([fx, fx], [fy0, fy1], color=GRID_LINE, linewidth=0.5,
                              transform=fig.transFigure))  # fmt: skip


def _swatch(fig: Figure, s: Swatch) -> None:
    if s.marker:
        cx, cy = _fig_xy(fig, s.x + s.size / 2, s.y + s.size / 2)
        d = s.size * 0.6
        fig.patches.append(Ellipse((cx, cy), d / fig.get_figwidth(), d / fig.get_figheight(),
                                   transform=fig.transFigure, figure=fig, facecolor=s.fill,
                                   edgecolor=s.edge, linewidth=0.5, gid=s.name))  # fmt: skip
        return
    _rect(fig, s.x, s.y, s.size, s.size, facecolor=s.fill, edgecolor=s.edge, linewidth=0.6,
          gid=s.name)  # fmt: skip


def _rule(fig: Figure, r: Rule) -> None:
    fx0, fy = _fig_xy(fig, r.x, r.y)
    fx1, _ = _fig_xy(fig, r.x + r.w, r.y)
    fig.add_artist(Line2D([fx0, fx1], [fy, fy], color=RULE, linewidth=0.75,
                          transform=fig.transFigure))  # fmt: skip


def draw_timeline(ax: Axes, tl: Timeline, lang: str, *, fontsize: float = 9.0) -> None:
    """The timeline as the page draws it: points dated to the day joined by a dotted line
    (open markers for another measure), a figure dated by month or year as a bar over its
    period, the date chosen as a dashed line; shares from 0 to 105 %."""
    handles: dict[str, Any] = {}
    for s in tl.series:
        xs = [x if x is not None else float("nan") for x in s.xs]
        ys = [y if y is not None else float("nan") for y in s.ys]
        if s.kind == "day":
            (line,) = ax.plot(xs, ys, linestyle=":", linewidth=1, color=s.colour, marker="o",
                              markersize=6, markerfacecolor="white" if s.open else s.colour,
                              markeredgecolor=s.colour, label=s.name)  # fmt: skip
        elif s.kind == "period":
            # matplotlib breaks the line at a missing point, like the chart's blank cells
            (line,) = ax.plot(list(s.xs), ys, linewidth=7, color=s.colour, alpha=0.55,
                              solid_capstyle="butt", label=s.name)  # fmt: skip
        else:
            (line,) = ax.plot(list(s.xs), list(s.ys), linestyle="--", linewidth=1.1,
                              color=s.colour, label=s.name)  # fmt: skip
        if s.legend and s.name not in handles:
            handles[s.name] = line
    ax.set_xlim(tl.start, tl.end)
    ax.set_ylim(0, 1.05)
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.yaxis.set_major_locator(FixedLocator([0, 0.2, 0.4, 0.6, 0.8, 1.0]))
    ax.yaxis.set_major_formatter(
        FuncFormatter(lambda v, _p: i18n.format_percent(v, lang, digits=0))
    )
    ax.grid(axis="y", color="#e5e5e5", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=fontsize)
    for label in (*ax.get_xticklabels(), *ax.get_yticklabels()):
        label.set_fontfamily(FONT)
    ax.legend(handles=list(handles.values()), labels=list(handles), loc="upper center",
              bbox_to_anchor=(0.5, -0.08), ncols=3, frameon=False,
              prop={"family": FONT, "size": fontsize})  # fmt: skip


def _chart(fig: Figure, c: Chart, deck: Deck) -> None:
    left, right, top, bottom = 0.6, 0.15, 0.1, 0.95  # room for ticks and the legend
    fx, fy = _fig_xy(fig, c.x + left, c.y + c.h - bottom)
    ax = fig.add_axes((fx, fy, (c.w - left - right) / fig.get_figwidth(),
                       (c.h - top - bottom) / fig.get_figheight()))  # fmt: skip
    ax.set_gid(c.name)
    draw_timeline(ax, deck.timeline, deck.lang)


def draw_item(
    fig: Figure, item: Any, deck: Deck | None = None, bundle: DataBundle | None = None
) -> None:
    """One laid-out item of a slide (:mod:`dashboard.exports.deck`) on ``fig``; a map or a
    chart needs the ``deck`` and the ``bundle``."""
    if isinstance(item, TextBox):
        draw_text(fig, item)
    elif isinstance(item, Grid):
        draw_grid(fig, item)
    elif isinstance(item, Swatch):
        _swatch(fig, item)
    elif isinstance(item, Rule):
        _rule(fig, item)
    elif isinstance(item, MapBox):
        if deck is None or bundle is None:
            raise ValueError("a map needs the deck and the bundle")
        b = deck.briefing
        draw_map_panel(fig, (item.x, item.y, item.w, item.h), b, bundle.vintages[b.shown.vintage])
    elif isinstance(item, Chart):
        if deck is None:
            raise ValueError("a chart needs the deck")
        _chart(fig, item, deck)


def slide_figure(slide: Slide, deck: Deck, bundle: DataBundle, dpi: float = 100) -> Figure:
    """One slide as a 16:9 matplotlib figure."""
    fig = Figure(figsize=(SLIDE_W, SLIDE_H), dpi=dpi, facecolor="white")
    FigureCanvasAgg(fig)
    for item in slide.items:
        draw_item(fig, item, deck, bundle)
    return fig


def slide_figures(deck: Deck, bundle: DataBundle, dpi: float = 100) -> Iterator[Figure]:
    """Each slide as a figure, in order (hold ``DRAW_LOCK`` while using them)."""
    for slide in deck.slides:
        yield slide_figure(slide, deck, bundle, dpi)


def deck_pdf(deck: Deck, bundle: DataBundle) -> bytes:
    b: Briefing = deck.briefing
    out = io.BytesIO()
    metadata = {"Title": b.title, "Subject": b.data_line, "Author": "CSIL coverage atlas",
                "Creator": "CSIL coverage atlas", "Keywords": b.illustrative_mark or None,
                "CreationDate": None, "ModDate": None}  # fmt: skip
    with (
        mapdraw.DRAW_LOCK,
        matplotlib.rc_context(_SAVE_RC),
        PdfPages(out, metadata=metadata) as pdf,
    ):
        for fig in slide_figures(deck, bundle):
            pdf.savefig(fig, facecolor="white")
    return out.getvalue()


def deck_pdf_bytes(
    bundle: DataBundle, b: Briefing, today: dt.date | None = None
) -> tuple[str, bytes]:
    """(``csil-briefing-{kind}-{date}.pdf``, the deck as a PDF) of the view ``b``."""
    deck = deck_content(bundle, b, today)
    return deck_file_name(b, "pdf"), deck_pdf(deck, bundle)
