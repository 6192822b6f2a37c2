"""The view as a slide deck (issue 14): a PowerPoint file written with python-pptx, and
the content every rendering of the deck shares (:mod:`dashboard.exports.deck_pdf` draws
the same slides into a PDF).

``deck_bytes(bundle, b, today=None) -> (file name, bytes)``
    ``csil-briefing-{kind}-{date}.pptx``, 16:9 (13.333 × 7.5 in), all in ``b.lang``.

The slides, in order (a section whose table does not fit on one slide goes on over
"continued" slides; the region breakdown of the shipped data fits on one):

1. **title**: the title, the selection in words, the data and its date, the as-of line,
   the day the file was made and the view's link; for invented data the illustrative
   mark, large, with the page's notice;
2. **map**: the map as a PNG picture drawn with matplotlib
   (:func:`dashboard.exports.mapdraw.draw_map_axes`, never a browser), with the region
   shading's colour bar on the public record; the legend (named swatches, the region
   shares with their sources); the three headline key figures, one text box each, with
   their source lines; the map's text summary under it;
3. **breakdown**: the breakdown of the page (:func:`dashboard.views.breakdown_table`, the
   page's columns and headers) as a real, editable table, with its notes; on the public
   record every row names its source and date, for a file the origin line above the table
   says what every figure is computed from;
4. **gaps**: the gap explorer (:func:`dashboard.views.gaps.gaps_view`): its summary lines,
   what the record does not say (when most statuses are unknown, the page's own words),
   and its ten most populous communes with their population, status and candidate
   neighbours;
5. **timeline**: the published figures over time (:func:`dashboard.views.timeline_frame`)
   as a native, editable XY chart (one colour per area as on the page: points dated to
   the day joined by a dotted line, a figure dated by month or year a bar over its period,
   the date chosen a dashed line), and beside it a table of every point with its date
   and source id (the notes give each point's full provenance);
6. **sources**: every source id with its publisher, title, date, address and what it is
   used for; the boundaries' attribution; the link to the view.

Decisions:

- **One content model, two renderers.** :func:`deck_content` lays every slide out once,
  in inches, as text boxes, swatches, tables, a map box and a chart box; the PPTX writer
  here and the PDF writer (:mod:`dashboard.exports.deck_pdf`) draw those same items, so
  the two files say the same thing in the same places.
- **Text fits by measurement.** Every text is wrapped with the metrics of DejaVu Sans
  (matplotlib's own font, the same on every machine) at its size; the PPTX uses Arial
  (Liberation Sans on Linux), which is narrower, so a box sized for DejaVu never
  overflows in PowerPoint or LibreOffice. Line spacing is exact (1.2 × the size) in both.
  The map slide's side panel shrinks its type until it fits.
- **Every slide** has its title in the title placeholder (the outline and screen readers
  read it), the view's title and selection under it, and a footer with the data line
  (the data and its date) and the slide's number; when the data is invented the footer
  carries the illustrative mark in the page's yellow box, on every slide.
- **Notes** hold what the slide has no room for: every key figure with its sources, the
  map's summary, every gap row in full, every timeline point with its source's title.
- **Table cells** that come from data go through :func:`tables.neutralise` (a table
  copied into a spreadsheet must not run a formula).
- **Deterministic**: the package's core properties (title, subject, language, author)
  are set, created and modified are the data's date, and the zip is rewritten with fixed
  timestamps (also inside the chart's embedded workbook): the same view, data and day of
  making give the same bytes. The "made on" line is the only thing that follows the day.

Pure: no dash, no browser, no file read per call (the geometry is the bundle's).
Drawing holds :data:`dashboard.exports.mapdraw.DRAW_LOCK` (matplotlib's font cache is
shared between threads).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import math
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import matplotlib
import pandas as pd
from matplotlib import font_manager, ft2font
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dashboard import i18n, views
from dashboard.bundle import DataBundle
from dashboard.exports import mapdraw
from dashboard.exports.briefing import Briefing, made_on
from dashboard.exports.tables import file_name, neutralise
from dashboard.views.gaps import gaps_view
from dashboard.views.provenance import used_for_text

__all__ = [
    "Chart",
    "Deck",
    "Grid",
    "MapBox",
    "Para",
    "Rule",
    "Slide",
    "Swatch",
    "TextBox",
    "Timeline",
    "deck_bytes",
    "deck_content",
    "cell_text",
    "deck_file_name",
    "draw_map_panel",
    "fit_widths",
    "make_grid",
    "one_line_width",
    "pptx_bytes",
    "text_width",
    "wrap",
]

# --- geometry (inches) and type -----------------------------------------------------------

SLIDE_W, SLIDE_H = 12192000 / 914400, 7.5  # PowerPoint's 16:9 (13.333 × 7.5 in)
MARGIN = 0.5
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_Y = 0.28
SUBTITLE_Y = 0.86
BODY_TOP = 1.38
BODY_BOTTOM = 6.78
FOOTER_RULE = 6.9
FOOTER_Y = 6.98
FOOTER_H = 0.36
LEADING = 1.2  # line spacing, in multiples of the type size (exact, both renderers)
WRAP_SLACK = 0.96  # lines are wrapped to this share of their box's width
CELL_PAD_X = 0.05
CELL_PAD_Y = 0.03
FONT = mapdraw.FONT  # measured with this (DejaVu Sans, matplotlib's own)
PPTX_FONT = "Arial"  # narrower than DejaVu Sans: what fits in the measure fits on screen
INK = mapdraw.INK
MUTED = mapdraw.MUTED
ACCENT = "#0b4f7a"
RULE = "#cccccc"
HEADER_FILL = "#e6ecf1"
BAND_FILL = "#f6f8fa"
MARK_TEXT, MARK_FILL, MARK_EDGE = mapdraw.MARK_TEXT, mapdraw.MARK_FILL, mapdraw.MARK_EDGE
#: The gap list's length on its slide (the notes give every row).
GAP_ROWS = 10
#: Slide kinds in deck order.
KINDS = ("title", "map", "breakdown", "gaps", "timeline", "sources")


# --- text measurement ---------------------------------------------------------------------


@lru_cache(maxsize=2)
def _font_path(bold: bool) -> str:
    prop = font_manager.FontProperties(family=FONT, weight="bold" if bold else "normal")
    return font_manager.findfont(prop)


@lru_cache(maxsize=100_000)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` set in :data:`FONT` at ``size`` points, in points."""
    if not text:
        return 0.0
    font = font_manager.get_font(_font_path(bold))
    font.set_size(size, 72)
    font.set_text(text, 0.0, flags=ft2font.LoadFlags.NO_HINTING)
    return font.get_width_height()[0] / 64


def _space(size: float, bold: bool) -> float:
    return text_width("a a", size, bold) - text_width("aa", size, bold)


def _break_word(word: str, width_pt: float, size: float, bold: bool) -> list[str]:
    """A word wider than the line (an address) cut into pieces that fit."""
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and text_width(current + ch, size, bold) > width_pt:
            pieces.append(current)
            current = ch
        else:
            current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, width_pt: float, size: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width_pt`` (breaks at spaces, not at no-break
    spaces; a word wider than the line is cut); ``\\n`` starts a new line. A slack of
    :data:`WRAP_SLACK` absorbs the renderers' rounding (hinted raster text is wider)."""
    width_pt *= WRAP_SLACK
    space = _space(size, bold)
    lines: list[str] = []
    for para in str(text).split("\n"):
        current: list[str] = []
        used = 0.0
        for word in para.split(" "):
            w = text_width(word, size, bold)
            if w > width_pt:
                if current:
                    lines.append(" ".join(current))
                *full, word = _break_word(word, width_pt, size, bold) or [""]
                lines.extend(full)
                current, used = [word], text_width(word, size, bold)
            elif current and used + space + w > width_pt:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used += (space if current else 0.0) + w
                current.append(word)
        lines.append(" ".join(current))
    return lines


def line_height(size: float) -> float:
    """One line of ``size`` points, in inches."""
    return size * LEADING / 72


def one_line_width(text: str, size: float, bold: bool = False) -> float:
    """The width, inches, of a box that shows ``text`` on one line (wrapping's slack
    included)."""
    return text_width(text, size, bold) / 72 / WRAP_SLACK + 0.02


def truncate(text: str, width_pt: float, size: float, bold: bool = False) -> str:
    """``text`` on one line, cut with "…" when it is too wide."""
    width_pt *= WRAP_SLACK
    if text_width(text, size, bold) <= width_pt:
        return text
    while text and text_width(text + "…", size, bold) > width_pt:
        text = text[:-1]
    return text.rstrip() + "…"


# --- the content model ----------------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """One paragraph of a text box."""

    text: str
    size: float = 11.0
    bold: bool = False
    color: str = INK
    before: float = 0.0  # space above, points

    def lines(self, width_in: float) -> list[str]:
        return wrap(self.text, width_in * 72, self.size, self.bold)

    def height(self, width_in: float) -> float:
        return self.before / 72 + len(self.lines(width_in)) * line_height(self.size)


@dataclass(frozen=True)
class TextBox:
    """Paragraphs in a box (inches from the slide's top left)."""

    name: str
    x: float
    y: float
    w: float
    h: float
    paras: tuple[Para, ...]
    fill: str | None = None
    edge: str | None = None
    inset: float = 0.0  # inches, on every side
    align: str = "left"  # left | right | center
    anchor: str = "top"  # top | middle

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paras)


@dataclass(frozen=True)
class Swatch:
    """A legend swatch: a filled square, or a dot (``marker``)."""

    name: str
    x: float
    y: float
    size: float
    fill: str
    edge: str
    marker: bool = False


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line."""

    x: float
    y: float
    w: float


@dataclass(frozen=True)
class Grid:
    """A table: a header row and rows of texts, each row as tall as its tallest cell."""

    name: str
    x: float
    y: float
    widths: tuple[float, ...]  # inches, per column
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    heights: tuple[float, ...]  # inches: the header's, then each row's
    size: float
    numeric: tuple[bool, ...]  # right-aligned columns

    @property
    def w(self) -> float:
        return sum(self.widths)

    @property
    def h(self) -> float:
        return sum(self.heights)


@dataclass(frozen=True)
class MapBox:
    """The view's map (and, on the public record, the region shading's colour bar)."""

    name: str
    x: float
    y: float
    w: float
    h: float
    alt: str  # what the picture shows, for a screen reader


@dataclass(frozen=True)
class Chart:
    """The timeline chart (drawn from :attr:`Deck.timeline`)."""

    name: str
    x: float
    y: float
    w: float
    h: float


Item = TextBox | Swatch | Rule | Grid | MapBox | Chart


@dataclass(frozen=True)
class Slide:
    """One slide: its kind (:data:`KINDS`), its title, what it shows, its notes."""

    kind: str
    title: str
    items: tuple[Item, ...]
    notes: str

    def texts(self) -> list[str]:
        """Every text of the slide, tables' cells included (for tests and search)."""
        out = [self.title]
        for item in self.items:
            if isinstance(item, TextBox):
                out.extend(p.text for p in item.paras)
            elif isinstance(item, Grid):
                out.extend(item.header)
                out.extend(c for row in item.rows for c in row)
        return out


@dataclass(frozen=True)
class Series:
    """One line of the timeline: points dated to the day (dotted line and markers,
    ``open`` markers for a measure other than communes with a cell), a figure dated by
    month or year (``period``: a bar over it; None between periods), or the date chosen."""

    name: str
    geography: str
    colour: str
    kind: str  # "day" | "period" | "chosen"
    xs: tuple[dt.date | None, ...]
    ys: tuple[float | None, ...]
    open: bool = False
    legend: bool = True


@dataclass(frozen=True)
class Timeline:
    """The timeline's points and lines, as the page draws them."""

    series: tuple[Series, ...]
    points: tuple[tuple[str, str, str], ...]  # (date, source id, "area share; …") rows
    details: tuple[str, ...]  # each point's full provenance (the page's hover, plain)
    y_label: str
    chosen: dt.date
    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Deck:
    """Every slide of a view, laid out; :attr:`timeline` for the chart."""

    briefing: Briefing
    slides: tuple[Slide, ...]
    timeline: Timeline
    today: dt.date

    @property
    def lang(self) -> str:
        return self.briefing.lang


# --- helpers --------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def _plain(hover: str) -> list[str]:
    """A hover text's lines without their HTML."""
    return [html.unescape(_TAG.sub("", line)).strip() for line in str(hover).split("<br>")]


def _labelled(label: str, value: str, lang: str) -> str:
    """ "Label: value" with the language's punctuation."""
    return i18n.t("kpi.benchmark_value", lang, area=label, value=value)


def cell_text(value: Any) -> str:
    """A table cell's text from data (neutralised: never a formula)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return i18n.MISSING
    return str(neutralise(str(value)))


def fit_widths(weights: Sequence[float], total: float) -> tuple[float, ...]:
    scale = total / sum(weights)
    return tuple(w * scale for w in weights)


def _row_height(cells: Sequence[str], widths: Sequence[float], size: float, bold: bool) -> float:
    lines = max(
        len(wrap(c, max(w - 2 * CELL_PAD_X, 0.1) * 72, size, bold))
        for c, w in zip(cells, widths, strict=True)
    )
    return lines * line_height(size) + 2 * CELL_PAD_Y


def make_grid(
    name: str,
    x: float,
    y: float,
    widths: Sequence[float],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: float,
    numeric: Sequence[bool],
) -> Grid:
    heights = [_row_height(header, widths, size, True)]
    heights += [_row_height(r, widths, size, False) for r in rows]
    return Grid(name, x, y, tuple(widths), tuple(header), tuple(tuple(r) for r in rows),
                tuple(heights), size, tuple(numeric))  # fmt: skip


def deck_file_name(b: Briefing, extension: str) -> str:
    """``csil-briefing-{kind}-{date}.{extension}`` (kind public, illustrative or upload)."""
    return file_name(b, extension).replace("csil-communes-", "csil-briefing-", 1)


# --- flowing a section over one or more slides ------------------------------------------------


@dataclass(frozen=True)
class _Table:
    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    weights: tuple[float, ...]
    size: float
    numeric: tuple[bool, ...]
    min_size: float = 0.0  # smaller type, down to this, before the table is split
    squeeze: float = 0.0  # this much smaller still, if that keeps its notes with it

    def height(self, widths: Sequence[float], size: float) -> float:
        return _row_height(self.header, widths, size, True) + sum(
            _row_height(r, widths, size, False) for r in self.rows
        )


_Block = Para | _Table


def _flow(blocks: Sequence[_Block], top: float = BODY_TOP,
          bottom: float = BODY_BOTTOM) -> list[list[Item]]:  # fmt: skip
    """The blocks laid out from ``top`` down over as many pages as they need: paragraphs
    whole, tables split between rows with their header repeated."""
    pages: list[list[Item]] = [[]]
    y = top
    x, w = MARGIN, CONTENT_W

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = top

    for n, block in enumerate(blocks):
        if isinstance(block, Para):
            h = block.height(w)
            if pages[-1] and y + h > bottom:
                new_page()
                block = Para(block.text, block.size, block.bold, block.color, 0.0)
                h = block.height(w)
            pages[-1].append(TextBox(f"text-{n}", x, y, w, h, (block,)))
            y += h
            continue
        widths = fit_widths(block.weights, w)
        # the paragraphs after the table (its notes) stay with it when smaller type allows
        after = 0.1
        for nxt in blocks[n + 1 :]:
            if not isinstance(nxt, Para):
                break
            after += nxt.height(w)
        size = block.size
        for reserve, smallest in ((after, block.min_size - block.squeeze), (0.0, block.min_size)):
            size = block.size
            while (size - 0.5 >= smallest
                   and y + 0.06 + block.height(widths, size) + reserve > bottom):  # fmt: skip
                size -= 0.5
            if y + 0.06 + block.height(widths, size) + reserve <= bottom:
                break
        else:
            size = block.size  # it does not fit anyway: the larger type, over several slides
        block = _Table(block.name, block.header, block.rows, block.weights, size, block.numeric)
        head = _row_height(block.header, widths, block.size, True)
        chunk: list[tuple[str, ...]] = []
        part = 0
        y += 0.06
        for row in block.rows:
            rh = _row_height(row, widths, block.size, False)
            if (
                y + head + sum(_row_height(r, widths, block.size, False) for r in chunk) + rh
                > bottom
            ):
                if chunk:
                    pages[-1].append(make_grid(f"{block.name}-{part}" if part else block.name, x, y,
                                           widths, block.header, chunk, block.size,
                                           block.numeric))  # fmt: skip
                    part += 1
                    chunk = []
                new_page()
            chunk.append(row)
        grid = make_grid(f"{block.name}-{part}" if part else block.name, x, y, widths, block.header,
                     chunk, block.size, block.numeric)  # fmt: skip
        pages[-1].append(grid)
        y += grid.h + 0.1
    return pages


# --- the slides ---------------------------------------------------------------------------------


def _chrome(
    b: Briefing, title: str, number: int, count: int, *, subtitle: bool = True
) -> list[Item]:
    """What every slide has: its title, the view's title and selection, the footer with the
    data line and the slide's number, and the illustrative mark when it applies."""
    items: list[Item] = []
    size = 26.0
    while size > 16 and one_line_width(title, size, True) > CONTENT_W:
        size -= 1
    items.append(TextBox("title", MARGIN, TITLE_Y, CONTENT_W, 0.56,
                         (Para(truncate(title, CONTENT_W * 72, size, True), size, True),),
                         anchor="middle"))  # fmt: skip
    if subtitle:
        sub = f"{b.title} · " + " · ".join(b.selection)
        lines = wrap(sub, CONTENT_W * 72, 11)
        if len(lines) > 2:
            sub = lines[0] + " " + truncate(" ".join(lines[1:]), CONTENT_W * 72 * 0.98, 11)
        items.append(TextBox("subtitle", MARGIN, SUBTITLE_Y, CONTENT_W, 2 * line_height(11),
                             (Para(sub, 11, color=MUTED),)))  # fmt: skip
    items.append(Rule(MARGIN, FOOTER_RULE, CONTENT_W))
    page = f"{number} / {count}"
    page_w = one_line_width(page, 9)
    right = SLIDE_W - MARGIN - page_w
    items.append(TextBox("footer-page", right, FOOTER_Y, page_w, FOOTER_H, (Para(page, 9,
                         color=MUTED),), align="right", anchor="middle"))  # fmt: skip
    if b.illustrative and b.illustrative_mark:
        mark_w = one_line_width(b.illustrative_mark, 10, True) + 0.2
        right -= mark_w + 0.15
        mark = Para(b.illustrative_mark, 10, True, MARK_TEXT)
        items.append(TextBox("footer-mark", right, FOOTER_Y, mark_w, FOOTER_H, (mark,),
                             fill=MARK_FILL, edge=MARK_EDGE, inset=0.1, align="center",
                             anchor="middle"))  # fmt: skip
    data_w = right - MARGIN - 0.15
    size = 9.0
    while size > 7 and len(wrap(b.data_line, data_w * 72, size)) > 2:
        size -= 0.5
    items.append(TextBox("footer-data", MARGIN, FOOTER_Y, data_w, FOOTER_H,
                         (Para(b.data_line, size, color=MUTED),), anchor="middle"))  # fmt: skip
    return items


def _title_slide(b: Briefing, today: dt.date) -> tuple[list[Item], str]:
    lang = b.lang
    items: list[Item] = []
    y = 1.35
    w = CONTENT_W
    if b.illustrative and b.illustrative_mark:
        notice = i18n.t("notice.illustrative", lang)
        paras = (Para(b.illustrative_mark, 28, True, MARK_TEXT), Para(notice, 14, False,
                                                                       MARK_TEXT, 4))  # fmt: skip
        h = sum(p.height(w - 0.5) for p in paras) + 0.5
        items.append(TextBox("mark", MARGIN, y, w, h, paras, fill=MARK_FILL, edge=MARK_EDGE,
                             inset=0.25, anchor="middle"))  # fmt: skip
        y += h + 0.35
    label = i18n.t
    rows = [
        Para(_labelled(label("export.data_file.label.selection", lang), " · ".join(b.selection),
                       lang), 16),
        Para(_labelled(label("export.data_file.label.data", lang), b.data_line, lang), 16,
             before=8),
        Para(b.as_of, 13, color=MUTED, before=8),
        Para(made_on(today, lang), 13, color=MUTED, before=14),
        Para(_labelled(label("export.data_file.label.link", lang), b.link, lang), 11,
             color=MUTED, before=6),
    ]  # fmt: skip
    h = sum(p.height(w) for p in rows)
    items.append(TextBox("about", MARGIN, y, w, h, tuple(rows)))
    notes = "\n".join([b.title, *b.selection, b.data_line, b.as_of, made_on(today, lang), b.link,
                       *([b.illustrative_mark, i18n.t("notice.illustrative", lang)]
                         if b.illustrative else [])])  # fmt: skip
    return items, notes


def _map_panel(b: Briefing, x: float, w: float, k: float) -> tuple[list[Item], float]:
    """The legend, the region shares and the three headline figures from ``BODY_TOP``
    down, type scaled by ``k``; returns the items and the bottom."""
    lang = b.lang
    items: list[Item] = []
    y = BODY_TOP
    title = Para(i18n.t("legend.title", lang), 11 * k, True)
    items.append(TextBox("legend-title", x, y, w, title.height(w), (title,)))
    y += title.height(w) + 0.04 * k
    sw = 0.15 * k
    for e in mapdraw.legend_entries(b):
        p = Para(e.label, 9.5 * k)
        h = max(p.height(w - sw - 0.1), sw)
        items.append(Swatch(e.gid or "legend", x, y + 0.02 * k, sw, e.facecolor, e.edgecolor,
                            marker=e.kind == "marker"))  # fmt: skip
        items.append(TextBox(f"{e.gid}-label", x + sw + 0.1, y, w - sw - 0.1, h, (p,)))
        y += h + 0.04 * k
    if b.layers.unknown_transparent:
        paras = [Para(b.layers.region_scale_title, 8.5 * k, True, before=4 * k)]
        lines = mapdraw.region_lines(b) or [i18n.t("export.figure.no_region_shading", lang)]
        paras += [Para(line, 8 * k, color=MUTED) for line in lines]
        h = sum(p.height(w) for p in paras)
        items.append(TextBox("region-shares", x, y, w, h, tuple(paras)))
        y += h
    y += 0.1 * k
    items.append(Rule(x, y, w))
    y += 0.08 * k
    head = Para(i18n.t("kpi.title", lang), 11 * k, True)
    items.append(TextBox("figures-title", x, y, w, head.height(w), (head,)))
    y += head.height(w) + 0.02
    for i, f in enumerate(b.headline):
        paras = [Para(f.label, 10 * k, True, before=4 * k)]
        if f.missing:
            paras.append(Para(f.value, 9.5 * k))
        else:
            paras.append(Para(f.value, 20 * k, True, ACCENT))
        if f.tag:
            paras.append(Para(f.tag, 8 * k, True, MARK_TEXT))
        paras += [Para(line, 8 * k, color=MUTED) for line in f.lines]
        h = sum(p.height(w) for p in paras)
        items.append(TextBox(f"figure-{i}", x, y, w, h, tuple(paras)))
        y += h
    return items, y


def _map_slide(b: Briefing) -> tuple[list[Item], str]:
    lang = b.lang
    panel_x = 7.45  # the map is about 1.4 times as wide as high: this leaves it its room
    panel_w = SLIDE_W - MARGIN - panel_x
    map_w = panel_x - MARGIN - 0.3
    k = 1.0
    while True:
        panel, bottom = _map_panel(b, panel_x, panel_w, k)
        if bottom <= BODY_BOTTOM or k <= 0.7:
            break
        k -= 0.03
    caption = [Para(line, 9, color=MUTED) for line in b.summary]
    cap_h = sum(p.height(map_w) for p in caption)
    map_h = BODY_BOTTOM - BODY_TOP - cap_h - 0.1
    alt = " ".join([i18n.t("a11y.map_name", lang), *b.summary])
    items: list[Item] = [MapBox("map", MARGIN, BODY_TOP, map_w, map_h, alt)]
    items.append(TextBox("map-summary", MARGIN, BODY_BOTTOM - cap_h, map_w, cap_h, tuple(caption)))
    items += panel
    notes = [i18n.t("kpi.title", lang) + ":", b.as_of]
    for f in b.figures:
        notes.append(f"- {_labelled(f.label, f.value, lang)}")
        notes += [f"  {line}" for line in (*f.lines, *f.benchmarks)]
        if f.tag:
            notes.append(f"  {f.tag}")
    notes += ["", *b.summary]
    if b.layers.unknown_transparent:
        notes += ["", b.layers.region_scale_title, *mapdraw.region_lines(b)]
    return items, "\n".join(notes)


def breakdown_cell(key: str, value: Any, lang: str) -> str:
    """One cell of the breakdown as the page formats it."""
    if key.startswith("share_") and key != "share_basis":
        return i18n.format_percent(value, lang)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return i18n.MISSING
    if isinstance(value, int | float) and not isinstance(value, bool):
        return i18n.format_number(value, lang)
    return cell_text(value)


_BREAKDOWN_WEIGHTS = {"area": 1.55, "measure": 1.8, "value": 0.6, "share": 0.85, "date": 1.0,
                      "source": 0.55, "when": 1.3, "share_basis": 2.8, "label": 1.8}  # fmt: skip
_NUMERIC = {"value", "share", "cells", "communes", "own_cell", "shared_cell", "partly_covered",
            "planned", "none", "unknown", "share_communes", "share_population"}  # fmt: skip


def _breakdown_blocks(bundle: DataBundle, b: Briefing) -> tuple[str, list[_Block], str]:
    lang = b.lang
    table, notes = views.breakdown_table(bundle, b.shown, b.frame, b.mask, b.state.level, lang)
    columns = views.breakdown_columns(table, b.shown, lang)
    rows = [tuple(breakdown_cell(k, r.get(k), lang) for k, _ in columns)
            for r in table.to_dict(orient="records")]  # fmt: skip
    blocks: list[_Block] = []
    if table.attrs.get("origin"):
        blocks.append(Para(table.attrs["origin"], 10.5, True))
    level = _labelled(i18n.t("control.level", lang), i18n.level_label(b.state.level, lang), lang)
    blocks.append(Para(level, 9.5, color=MUTED, before=2))
    if rows:
        size = 9.0 if b.shown.kind == "public" else 10.0
        blocks.append(_Table("breakdown", tuple(h for _, h in columns), tuple(rows),
                             tuple(_BREAKDOWN_WEIGHTS.get(k, 1.0) for k, _ in columns), size,
                             tuple(k in _NUMERIC for k, _ in columns), min_size=7.5,
                             squeeze=0.5))  # fmt: skip
    else:
        blocks.append(Para(i18n.t("table.empty", lang), 11))
    blocks += [Para(n, 9, color=MUTED, before=3) for n in notes]
    title = views.breakdown_title(b.shown, lang)
    note_text = "\n".join([title, *(p.text for p in blocks if isinstance(p, Para))])
    return title, blocks, note_text


def _gap_blocks(bundle: DataBundle, b: Briefing) -> tuple[str, list[_Block], str]:
    lang = b.lang
    t = i18n.t
    view = gaps_view(bundle, b.shown, b.frame, b.mask, lang)
    blocks: list[_Block] = [Para(line, 10.5, before=2) for line in view.summary]
    if view.unknown:
        blocks.append(Para(view.unknown, 11, True, ACCENT, before=6))
    header = (t("gaps.col.rank", lang), t("table.commune", lang), view.status_header,
              t("gaps.col.area", lang), view.population_header, t("gaps.col.neighbours", lang),
              t("gaps.col.zone_mates", lang), t("gaps.col.joining", lang))  # fmt: skip
    weights = (0.45, 1.5, 1.6, 1.2, 1.15, 2.1, 2.0, 1.0)
    numeric = (True, False, False, False, True, False, False, True)

    def cells(r: dict) -> tuple[str, ...]:
        return (str(r["rank"]), cell_text(r["name"]), cell_text(r["status"]), cell_text(r["area"]),
                r["population_text"], cell_text(r["neighbours"] or i18n.MISSING),
                cell_text(r["zone_mates"] or i18n.MISSING), r["joining_text"])  # fmt: skip

    top = view.rows[:GAP_ROWS]
    if top:
        blocks.append(_Table("gaps", header, tuple(cells(r) for r in top), weights, 9.0,
                             numeric))  # fmt: skip
        if len(view.rows) > len(top):
            blocks.append(Para(t("export.deck.gaps_more", lang, shown=len(top),
                                 count=len(view.rows)), 9.5, color=MUTED, before=2))  # fmt: skip
    else:
        blocks.append(Para(t("gaps.no_rows", lang), 11, before=6))
    notes = [*view.summary, view.unknown]
    for r in view.rows:
        notes.append(" · ".join(f"{h}: {v}" for h, v in zip(
            (*header, t("gaps.col.cells", lang), t("gaps.col.unknown_neighbours", lang)),
            (*cells(r), r["cells"] or i18n.MISSING, r["unknown_neighbours"] or i18n.MISSING),
            strict=True)))  # fmt: skip
    return t("gaps.title", lang), blocks, "\n".join(n for n in notes if n)


def _source_blocks(bundle: DataBundle, b: Briefing) -> tuple[str, list[_Block], str]:
    lang = b.lang
    t = i18n.t
    header = tuple(t(f"provenance.col.{c}", lang) for c in
                   ("id", "publisher", "title", "date", "link", "used_for"))  # fmt: skip
    rows = []
    for s in b.sources.to_dict(orient="records"):
        date = i18n.format_date(s["date"], lang) if s.get("date") else i18n.MISSING
        url = s.get("url") or t("provenance.link_missing", lang)
        rows.append((cell_text(s["source_id"]), cell_text(s.get("publisher", "")),
                     cell_text(s.get("title", "")), date, cell_text(url),
                     used_for_text(s.get("used_for"), lang)))  # fmt: skip
    blocks: list[_Block] = []
    if rows:
        blocks.append(_Table("sources", header, tuple(rows), (0.6, 1.7, 3.0, 1.0, 4.2, 1.35),
                             8.0, (False,) * 6, min_size=7.0, squeeze=0.5))  # fmt: skip
    attribution = bundle.vintages[b.shown.vintage].vintage.attribution
    link = _labelled(t("export.data_file.label.link", lang), b.link, lang)
    blocks += [
        Para(t("export.boundaries", lang, attribution=attribution), 8.5, before=3),
        Para(f"{t('provenance.titles_note', lang)} {link}", 8.5, color=MUTED, before=2),
    ]
    notes = [b.source_line, b.link]
    return t("provenance.sources", lang), blocks, "\n".join(notes)


# --- the timeline ---------------------------------------------------------------------------


def _date_key(ts: pd.Timestamp, precision: str) -> str:
    d = ts.date()
    if precision == "year":
        return f"{d.year:04d}"
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def timeline_content(bundle: DataBundle, b: Briefing) -> Timeline:
    """The page's timeline (:func:`dashboard.views.timeline_frame` of the regions chosen)
    as series to draw and a row per point: its date, area, share and source id."""
    from dashboard.figures.charts import SERIES_COLOURS

    lang = b.lang
    frame = views.timeline_frame(bundle, lang, b.state.region)
    source_label = _labelled(i18n.t("hover.source", lang), "", lang)
    series: list[Series] = []
    details: list[str] = []
    for geo, rows in frame.groupby("geography", sort=False):
        geo = str(geo)
        colour = SERIES_COLOURS.get(geo, "#666666")
        name = i18n.region_label(geo, lang)
        first = True
        # communes with a cell first: the legend shows the first line's (filled) marker
        measures = sorted(rows["measure"].unique(), key=lambda m: m != "communes_with_cell")
        for measure in measures:
            sub = rows[rows["measure"] == measure]
            days = sub[sub["precision"] == "day"].sort_values("date")
            if not days.empty:
                series.append(Series(name, geo, colour, "day",
                                     tuple(d.date() for d in days["date"]),
                                     tuple(float(s) for s in days["share"]),
                                     open=bool(days["dash"].iloc[0]), legend=first))  # fmt: skip
                first = False
            periods = sub[sub["precision"] != "day"]
            if not periods.empty:
                xs: list[dt.date | None] = []
                ys: list[float | None] = []
                for r in periods.itertuples():
                    xs += [r.start.date(), r.end.date(), None]
                    ys += [float(r.share), float(r.share), None]
                series.append(Series(name, geo, colour, "period", tuple(xs[:-1]), tuple(ys[:-1]),
                                     legend=first))  # fmt: skip
                first = False
    groups: dict[tuple[str, str], list[str]] = {}
    for r in frame.sort_values(["date", "geography"], kind="stable").itertuples():
        lines = _plain(str(r.hover))
        source = next((ln[len(source_label) :] for ln in lines if ln.startswith(source_label)), "")
        source_id = source.split(",", 1)[0].strip() or i18n.MISSING
        when = i18n.format_date(_date_key(r.date, str(r.precision)), lang, "medium")
        share = i18n.format_percent(float(r.share), lang) + (" ○" if r.dash else "")
        area = i18n.region_label(str(r.geography), lang, short=True)
        groups.setdefault((when, source_id), []).append(f"{area} {share}")
        details.append(" — ".join(lines))
    points = [(when, cell_text(source_id), "; ".join(shares))
              for (when, source_id), shares in groups.items()]  # fmt: skip
    chosen = b.shown.as_of
    years = [d.year for s in series for d in s.xs if d is not None] + [chosen.year]
    series.append(Series(i18n.t("timeline.selected", lang), "", "#555555", "chosen",
                         (chosen, chosen), (0.0, 1.05)))  # fmt: skip
    return Timeline(tuple(series), tuple(points), tuple(details), i18n.t("timeline.y_measures",
                    lang), chosen, dt.date(min(years), 1, 1),
                    dt.date(max(years) + 1, 1, 1))  # fmt: skip


def _timeline_slide(b: Briefing, tl: Timeline) -> tuple[list[Item], str]:
    lang = b.lang
    t = i18n.t
    items: list[Item] = []
    table_w = 4.25
    table_x = SLIDE_W - MARGIN - table_w
    chart_w = table_x - MARGIN - 0.3
    y = BODY_TOP
    head = [Para(tl.y_label, 10.5, True)]
    if b.shown.kind != "public":
        head.append(Para(t("export.deck.timeline_record", lang), 10, True, ACCENT, before=2))
    h = sum(p.height(chart_w) for p in head)
    items.append(TextBox("timeline-label", MARGIN, y, chart_w, h, tuple(head)))
    how = Para(t("export.deck.timeline_how", lang), 8.5, color=MUTED)
    how_h = how.height(chart_w)
    items.append(
        Chart("timeline", MARGIN, y + h + 0.05, chart_w, BODY_BOTTOM - y - h - how_h - 0.15)
    )
    items.append(TextBox("timeline-how", MARGIN, BODY_BOTTOM - how_h, chart_w, how_h, (how,)))
    # the points with their sources, beside the chart
    title = Para(t("export.deck.timeline_points", lang), 10, True)
    items.append(TextBox("points-title", table_x, BODY_TOP, table_w, title.height(table_w),
                         (title,)))  # fmt: skip
    header = (t("breakdown.col.date", lang), t("table.source", lang),
              t("hover.share_computed", lang))  # fmt: skip
    widths = fit_widths((1.0, 0.65, 2.6), table_w)
    size = 8.5
    top = BODY_TOP + title.height(table_w) + 0.04
    rows = list(tl.points)
    more = Para("", 8, color=MUTED)
    while rows:
        grid = make_grid("points", table_x, top, widths, header, rows, size, (False, False, False))
        shown = len(rows)
        extra = 0.0
        if shown < len(tl.points):
            more = Para(t("export.deck.more_in_notes", lang, count=len(tl.points) - shown), 8,
                        color=MUTED)  # fmt: skip
            extra = more.height(table_w) + 0.04
        if top + grid.h + extra <= BODY_BOTTOM or size <= 7.0 and len(rows) <= 1:
            break
        if size > 7.0:
            size -= 0.5
            continue
        rows = rows[:-1]
    if rows:
        grid = make_grid("points", table_x, top, widths, header, rows, size,
                     (False, False, False))  # fmt: skip
        items.append(grid)
        if len(rows) < len(tl.points):
            items.append(TextBox("points-more", table_x, top + grid.h + 0.04, table_w,
                                 more.height(table_w), (more,)))  # fmt: skip
    else:
        items.append(TextBox("points-none", table_x, top, table_w, 0.3,
                             (Para(t("table.empty", lang), 9),)))  # fmt: skip
    notes = [tl.y_label, t("export.deck.timeline_how", lang), *tl.details]
    return items, "\n".join(notes)


# --- the deck -------------------------------------------------------------------------------


def deck_content(bundle: DataBundle, b: Briefing, today: dt.date | None = None) -> Deck:
    """Every slide of the view ``b`` laid out (see the module's docstring)."""
    today = today or dt.date.today()
    lang = b.lang
    with mapdraw.DRAW_LOCK:
        bodies: list[tuple[str, str, list[Item], str, bool]] = []
        items, notes = _title_slide(b, today)
        bodies.append(("title", b.title, items, notes, False))
        items, notes = _map_slide(b)
        bodies.append(("map", i18n.t("a11y.map_name", lang), items, notes, True))
        for kind, make in (("breakdown", _breakdown_blocks), ("gaps", _gap_blocks)):
            title, blocks, notes = make(bundle, b)
            pages = _flow(blocks)
            for i, page in enumerate(pages):
                shown = title if i == 0 else i18n.t("export.deck.continued", lang, title=title,
                                                    part=i + 1, parts=len(pages))  # fmt: skip
                bodies.append((kind, shown, page, notes, True))
        tl = timeline_content(bundle, b)
        items, notes = _timeline_slide(b, tl)
        bodies.append(("timeline", i18n.t("timeline.title", lang), items, notes, True))
        title, blocks, notes = _source_blocks(bundle, b)
        pages = _flow(blocks)
        for i, page in enumerate(pages):
            shown = title if i == 0 else i18n.t("export.deck.continued", lang, title=title,
                                                part=i + 1, parts=len(pages))  # fmt: skip
            bodies.append(("sources", shown, page, notes, True))
        slides = []
        for n, (kind, title, items, notes, subtitle) in enumerate(bodies, start=1):
            chrome = _chrome(b, title, n, len(bodies), subtitle=subtitle)
            slides.append(Slide(kind, title, (*chrome, *items), notes))
    return Deck(b, tuple(slides), tl, today)


# --- the map, for both renderers --------------------------------------------------------------


def draw_map_panel(
    fig: Figure,
    box: tuple[float, float, float, float],
    b: Briefing,
    geometry: Any,
    *,
    type_scale: float = 1.0,
) -> Axes:
    """The view's map in ``box`` (left, top, width, height in inches from the figure's top
    left); on the public record the region shading's colour bar at its bottom left."""
    fw, fh = fig.get_figwidth(), fig.get_figheight()
    x, y, w, h = box
    bar = b.layers.unknown_transparent and len(b.layers.regions)
    map_h = h - (0.5 if bar else 0.0)
    ax = fig.add_axes((x / fw, 1 - (y + map_h) / fh, w / fw, map_h / fh))
    ax.set_gid("map")
    mapdraw.draw_map_axes(ax, b, geometry=geometry, outline_width=0.25, marker_size=3.2)
    if bar:
        cax = fig.add_axes(((x + 0.2) / fw, 1 - (y + h - 0.28) / fh, min(w * 0.45, 3.0) / fw,
                            0.12 / fh))  # fmt: skip
        cax.set_gid("region-scale")
        mapdraw.draw_region_scale(cax, b, fontsize=7.5 * type_scale)
    return ax


def map_png(b: Briefing, geometry: Any, w: float, h: float, dpi: int = 200) -> bytes:
    """The map box as a PNG of ``w`` × ``h`` inches (the same bytes for the same view)."""
    with mapdraw.DRAW_LOCK, matplotlib.rc_context({"path.simplify": True}):
        fig = Figure(figsize=(w, h), dpi=dpi, facecolor="white")
        FigureCanvasAgg(fig)
        draw_map_panel(fig, (0, 0, w, h), b, geometry)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None}, facecolor="white")
        return out.getvalue()


# --- the PowerPoint file ----------------------------------------------------------------------

_LANGUAGE_IDS = {"fr": "BELGIAN_FRENCH", "nl": "BELGIAN_DUTCH", "de": "GERMAN",
                 "en": "ENGLISH_UK"}  # fmt: skip
_LANGUAGE_TAGS = {"fr": "fr-BE", "nl": "nl-BE", "de": "de-BE", "en": "en-GB"}


def _rgb(colour: str):
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _emu(inches: float) -> int:
    return int(round(inches * 914400))


class _Writer:
    """Draws :class:`Slide` items into a python-pptx presentation."""

    def __init__(self, deck: Deck, bundle: DataBundle) -> None:
        from pptx import Presentation
        from pptx.enum.lang import MSO_LANGUAGE_ID

        self.deck = deck
        self.bundle = bundle
        self.prs = Presentation()
        self.prs.slide_width = _emu(SLIDE_W)  # 12192000 EMU
        self.prs.slide_height = _emu(SLIDE_H)  # 6858000 EMU
        self.layout = self.prs.slide_layouts[5]  # "Title Only": a real title placeholder
        self.language = getattr(MSO_LANGUAGE_ID, _LANGUAGE_IDS.get(deck.lang, "ENGLISH_UK"))

    def write(self) -> bytes:
        b = self.deck.briefing
        for s in self.deck.slides:
            slide = self.prs.slides.add_slide(self.layout)
            for item in s.items:
                self._item(slide, item)
            slide.notes_slide.notes_text_frame.text = s.notes
        props = self.prs.core_properties
        when = dt.datetime.combine(b.shown.as_of, dt.time())
        props.title = b.title
        props.subject = b.data_line
        props.author = "CSIL coverage atlas"
        props.last_modified_by = "CSIL coverage atlas"
        props.comments = " ".join(filter(None, [b.illustrative_mark, b.data_line, b.link]))
        props.keywords = "CSIL; LIVC" + ("; illustrative" if b.illustrative else "")
        props.language = _LANGUAGE_TAGS.get(b.lang, b.lang)
        props.category = ""
        props.created = when
        props.modified = when
        props.last_printed = when
        props.revision = 1
        out = io.BytesIO()
        self.prs.save(out)
        return stable_zip(out.getvalue(), when)

    # -- items

    def _item(self, slide: Any, item: Item) -> None:
        if isinstance(item, TextBox):
            self._text(slide, item)
        elif isinstance(item, Swatch):
            self._swatch(slide, item)
        elif isinstance(item, Rule):
            self._rule(slide, item)
        elif isinstance(item, Grid):
            self.make_grid(slide, item)
        elif isinstance(item, MapBox):
            self._map(slide, item)
        elif isinstance(item, Chart):
            self._chart(slide, item)

    def _paras(self, frame: Any, paras: Sequence[Para], align: str) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        alignment = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}
        for i, para in enumerate(paras):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            p.alignment = alignment[align]
            p.line_spacing = Pt(para.size * LEADING)
            p.space_before = Pt(para.before)
            p.space_after = Pt(0)
            # the paragraph's end mark at the type's size: an office suite sizes an empty
            # line by it (LibreOffice drew a row with an empty cell as for 18 pt text)
            p._p.get_or_add_endParaRPr().set("sz", str(round(para.size * 100)))
            if not para.text:
                continue  # no empty run: it is dropped and the row's height with it
            run = p.add_run()
            run.text = para.text
            font = run.font
            font.name = PPTX_FONT
            font.size = Pt(para.size)
            font.bold = para.bold
            font.color.rgb = _rgb(para.color)
            font.language_id = self.language

    def _text(self, slide: Any, box: TextBox) -> None:
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

        if box.name == "title" and slide.shapes.title is not None:
            shape = slide.shapes.title
            shape.left, shape.top = _emu(box.x), _emu(box.y)
            shape.width, shape.height = _emu(box.w), _emu(box.h)
            shape.text_frame.clear()
        else:
            shape = slide.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
            shape.name = box.name
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        inset = _emu(box.inset)
        frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = inset
        frame.vertical_anchor = MSO_ANCHOR.MIDDLE if box.anchor == "middle" else MSO_ANCHOR.TOP
        if box.fill:
            shape.fill.solid()
            shape.fill.fore_color.rgb = _rgb(box.fill)
        if box.edge:
            shape.line.color.rgb = _rgb(box.edge)
            shape.line.width = _emu(1.5 / 72)
        self._paras(frame, box.paras, box.align)

    def _swatch(self, slide: Any, s: Swatch) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        kind = MSO_SHAPE.OVAL if s.marker else MSO_SHAPE.RECTANGLE
        size = s.size * (0.6 if s.marker else 1.0)
        off = (s.size - size) / 2
        shape = slide.shapes.add_shape(kind, _emu(s.x + off), _emu(s.y + off), _emu(size),
                                       _emu(size))  # fmt: skip
        shape.name = s.name
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(s.fill)
        shape.line.color.rgb = _rgb(s.edge)
        shape.line.width = _emu(0.75 / 72)
        shape.shadow.inherit = False

    def _rule(self, slide: Any, r: Rule) -> None:
        from pptx.enum.shapes import MSO_CONNECTOR

        line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, _emu(r.x), _emu(r.y),
                                          _emu(r.x + r.w), _emu(r.y))  # fmt: skip
        line.line.color.rgb = _rgb(RULE)
        line.line.width = _emu(0.75 / 72)

    def make_grid(self, slide: Any, g: Grid) -> None:
        from pptx.enum.text import MSO_ANCHOR

        shape = slide.shapes.add_table(len(g.rows) + 1, len(g.widths), _emu(g.x), _emu(g.y),
                                       _emu(g.w), _emu(g.h))  # fmt: skip
        shape.name = g.name
        table = shape.table
        table.first_row = True
        table.horz_banding = False
        for i, w in enumerate(g.widths):
            table.columns[i].width = _emu(w)
        for i, h in enumerate(g.heights):
            table.rows[i].height = _emu(h)
        for r, row in enumerate((g.header, *g.rows)):
            for c, text in enumerate(row):
                cell = table.cell(r, c)
                cell.margin_left = cell.margin_right = _emu(CELL_PAD_X)
                cell.margin_top = cell.margin_bottom = _emu(CELL_PAD_Y)
                cell.vertical_anchor = MSO_ANCHOR.TOP
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(HEADER_FILL if r == 0 else
                                                BAND_FILL if r % 2 == 0 else "#ffffff")  # fmt: skip
                frame = cell.text_frame
                frame.word_wrap = True
                align = "right" if g.numeric[c] and r > 0 else "left"
                self._paras(frame, (Para(text, g.size, r == 0),), align)

    def _map(self, slide: Any, m: MapBox) -> None:
        png = map_png(self.deck.briefing, self.bundle.vintages[self.deck.briefing.shown.vintage],
                      m.w, m.h)  # fmt: skip
        pic = slide.shapes.add_picture(io.BytesIO(png), _emu(m.x), _emu(m.y), _emu(m.w),
                                       _emu(m.h))  # fmt: skip
        pic.name = m.name
        pic._element.nvPicPr.cNvPr.set("descr", m.alt)

    def _chart(self, slide: Any, c: Chart) -> None:
        timeline_chart(slide, c, self.deck.timeline, self.deck.lang)


#: Days after the 1st of January where the timeline chart's year ticks start (see
#: :func:`timeline_chart`).
YEAR_TICK_OFFSET = 1.0


def year_ticks(start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates of the timeline chart's year ticks, as an office suite places them."""
    first, last = _serial(start) + YEAR_TICK_OFFSET, _serial(end)
    origin = dt.date(1899, 12, 30)
    out, k = [], 0
    while first + 365.25 * k <= last:
        out.append(origin + dt.timedelta(days=int(first + 365.25 * k)))
        k += 1
    return out


def _serial(d: dt.date) -> float:
    """A date as a spreadsheet's day number (what a chart's date axis counts)."""
    return float((d - dt.date(1899, 12, 30)).days)


def timeline_chart(slide: Any, c: Chart, tl: Timeline, lang: str) -> Any:
    """The timeline as a native XY chart: editable, its data in the embedded workbook."""
    from lxml import etree
    from pptx.chart.data import XyChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
    from pptx.enum.dml import MSO_LINE_DASH_STYLE
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    data = XyChartData()
    for s in tl.series:
        series = data.add_series(s.name, number_format="0%")
        for x, y in zip(s.xs, s.ys, strict=True):
            series.add_data_point(_serial(x) if x is not None else None, y)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, _emu(c.x), _emu(c.y), _emu(c.w),
                                   _emu(c.h), data)  # fmt: skip
    frame.name = c.name
    chart = frame.chart
    chart.font.size = Pt(10)
    chart.font.name = PPTX_FONT
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    x_axis = chart.category_axis
    # Ticks every 365.25 days from the 2nd of January of the first year: each falls on the
    # 1st or 2nd of January (the leap days drift by under a day), so its "yyyy" label is
    # its year. From the 1st, every tick after a leap year fell on 31 December and showed
    # the year before ("2018" where 2019 begins).
    x_axis.minimum_scale = _serial(tl.start) + YEAR_TICK_OFFSET
    x_axis.maximum_scale = _serial(tl.end)
    x_axis.major_unit = 365.25
    x_axis.tick_labels.number_format = "yyyy"
    x_axis.tick_labels.number_format_is_linked = False
    x_axis.has_major_gridlines = False
    y_axis = chart.value_axis
    y_axis.minimum_scale = 0.0
    y_axis.maximum_scale = 1.05
    y_axis.major_unit = 0.2
    y_axis.tick_labels.number_format = "0%"
    y_axis.tick_labels.number_format_is_linked = False
    y_axis.major_gridlines.format.line.color.rgb = _rgb("#e5e5e5")
    hidden = []
    for i, (s, plot_series) in enumerate(zip(tl.series, chart.plots[0].series, strict=True)):
        line = plot_series.format.line
        line.color.rgb = _rgb(s.colour)
        marker = plot_series.marker
        if s.kind == "day":
            line.width = Pt(1)
            line.dash_style = MSO_LINE_DASH_STYLE.ROUND_DOT
            marker.style = XL_MARKER_STYLE.CIRCLE
            marker.size = 8
            marker.format.line.color.rgb = _rgb(s.colour)
            if s.open:
                marker.format.fill.background()
            else:
                marker.format.fill.solid()
                marker.format.fill.fore_color.rgb = _rgb(s.colour)
        else:
            marker.style = XL_MARKER_STYLE.NONE
            line.width = Pt(7 if s.kind == "period" else 1.25)
            if s.kind == "chosen":
                line.dash_style = MSO_LINE_DASH_STYLE.DASH
        plot_series.smooth = False
        if not s.legend:
            hidden.append(i)
    legend = chart.legend._element
    position = legend.find(qn("c:legendPos"))
    for i in reversed(hidden):
        entry = etree.SubElement(legend, qn("c:legendEntry"))
        etree.SubElement(entry, qn("c:idx")).set("val", str(i))
        etree.SubElement(entry, qn("c:delete")).set("val", "1")
        position.addnext(entry)
    return chart


# --- a byte-stable zip ------------------------------------------------------------------------

_W3CDTF = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def stable_zip(data: bytes, when: dt.datetime) -> bytes:
    """The zip ``data`` rewritten with every member dated ``when`` (embedded workbooks too,
    and their creation dates), so that the same content gives the same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    date_time = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.endswith(".xlsx"):
                content = stable_zip(content, when)
            elif info.filename == "docProps/core.xml":
                content = _W3CDTF.sub(rb"\g<1>" + stamp + rb"\g<3>", content)
            member = zipfile.ZipInfo(info.filename, date_time=date_time)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, content)
    return out.getvalue()


def pptx_bytes(deck: Deck, bundle: DataBundle) -> bytes:
    """The laid-out ``deck`` as a PowerPoint file."""
    with mapdraw.DRAW_LOCK:
        return _Writer(deck, bundle).write()


def deck_bytes(bundle: DataBundle, b: Briefing, today: dt.date | None = None) -> tuple[str, bytes]:
    """(``csil-briefing-{kind}-{date}.pptx``, the PowerPoint file) of the view ``b``
    (``today``: the day the file says it was made; default today)."""
    return deck_file_name(b, "pptx"), pptx_bytes(deck_content(bundle, b, today), bundle)
