"""One commune on one A4 page (issue 14): the commune profile of the page
(:func:`dashboard.views.profile.profile_view`) as a PDF drawn with matplotlib, the way the
Flemish local-government monitor gives each commune its own sheet.

``profile_pdf(bundle, state, nis, upload=None, today=None) -> (file name, bytes)``
    ``csil-commune-{nis}-{kind}-{date}.pdf`` (kind public, illustrative or upload; date
    the data's), in ``state.lang``, for the data and date of ``state``. Raises ValueError
    with the profile's own message when ``nis`` is not a commune of the division shown.

What the page holds, top down:

- the commune's name, its NIS code and division, its names in French, Dutch and German,
  what the data is and its date, and its status on that date with its source and date;
  the illustrative mark boxed at the top right when the data is invented;
- the facts (region, province, arrondissement, police zone, population, area), each with
  its source, beside a map extract: the commune outlined among its neighbours, coloured
  as on the page (:func:`dashboard.exports.mapdraw.draw_map_axes` with ``focus_nis``),
  with the diagonal illustrative mark when the data is invented, and its legend;
- the status over time, one row per date with its source and the date it is stated for;
- the cell and the communes it groups, each with its status, source and date;
- the programme flags with their years, amounts and sources;
- undated facts, when a source names the commune without a date;
- the peer groups with the commune's ranks, and how they are computed;
- a footer: the data line (the data and its date), the day the sheet was made, the
  boundaries' attribution, and the illustrative mark when it applies.

Fitting one page: type is shrunk (down to 80 %) until everything fits; if it still does
not, the longest tables are cut, each saying "… and N more" (the status over time keeps
the row of the date shown). The texts are the profile's own, wrapped to their boxes with
the deck's measure (:func:`dashboard.exports.deck.wrap`). Pure (no dash, no browser);
holds :data:`dashboard.exports.mapdraw.DRAW_LOCK` while it draws.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from dashboard import i18n
from dashboard.bundle import DataBundle
from dashboard.coverage.model import MembershipSnapshot
from dashboard.exports import mapdraw
from dashboard.exports.briefing import Briefing, briefing, made_on
from dashboard.exports.deck import (
    ACCENT,
    INK,
    MARK_EDGE,
    MARK_FILL,
    MARK_TEXT,
    MUTED,
    Grid,
    Para,
    Rule,
    Swatch,
    TextBox,
    cell_text,
    fit_widths,
    make_grid,
    one_line_width,
)
from dashboard.exports.deck_pdf import draw_item
from dashboard.state import ViewState
from dashboard.views.profile import ProfileView, Table, profile_view

__all__ = ["PAGE_H", "PAGE_W", "profile_file_name", "profile_pdf", "sheet_items"]

PAGE_W, PAGE_H = 8.27, 11.69  # A4, inches
MARGIN = 0.5
WIDTH = PAGE_W - 2 * MARGIN
#: The map extract's width, inches.
MAP_W = 2.6
#: A status over time longer than this (and narrow enough) is set in two halves.
HALVES_FROM = 6
#: The smallest type scale before tables are cut.
MIN_SCALE = 0.8
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_SAVE_RC: dict[str, Any] = {"pdf.fonttype": 42, "path.simplify": True}


def profile_file_name(b: Briefing, nis: str) -> str:
    """``csil-commune-{nis}-{kind}-{date}.pdf``."""
    kind = "illustrative" if b.illustrative else b.shown.kind
    parts = ("csil-commune", nis, kind, b.shown.date_key)
    return "-".join(_UNSAFE.sub("", p) for p in parts) + ".pdf"


@dataclass
class _Page:
    """Items placed from the top down, type scaled by ``k``."""

    k: float
    y: float = MARGIN

    def __post_init__(self) -> None:
        self.items: list[Any] = []

    def para(self, text: str, size: float, *, bold: bool = False, color: str = INK,
             x: float = MARGIN, w: float = WIDTH, before: float = 0.0,
             name: str = "") -> float:  # fmt: skip
        p = Para(text, size * self.k, bold, color, before * self.k)
        h = p.height(w)
        self.items.append(TextBox(name or f"text-{len(self.items)}", x, self.y, w, h, (p,)))
        self.y += h
        return h


def _table_rows(table: Table, limit: int | None) -> tuple[list[tuple[str, ...]], int]:
    """The rows shown (at most ``limit``, keeping a marked row) and how many are left out."""
    rows = [tuple(cell_text(c) if c else "" for c in r) for r in table.rows]
    if limit is None or len(rows) <= limit:
        return rows, 0
    marked = [i for i, m in enumerate(table.marked) if m]
    keep = list(range(max(limit, 1)))
    if marked and marked[0] >= len(keep):
        keep = [*keep[:-1], marked[0]]
    return [rows[i] for i in keep], len(rows) - len(keep)


def _section(
    page: _Page,
    lang: str,
    table: Table | None,
    weights: Sequence[float],
    *,
    limit: int | None = None,
    numeric: Sequence[bool] | None = None,
    name: str,
    lines: Sequence[str] = (),
    title: str | None = None,
    note: bool = True,
    halves: bool = False,
) -> None:
    """A titled table (or its "empty" text), its note, and lines above it; ``halves``: the
    rows in two tables side by side (a narrow table with many rows)."""
    if table is None and not lines:
        return
    page.para(title or (table.title if table else ""), 11, bold=True, before=9,
              name=f"{name}-title")  # fmt: skip
    for line in lines:
        page.para(line, 8.5, before=1)
    if table is None:
        return
    if not table.rows:
        if table.empty:
            page.para(table.empty, 8.5, color=MUTED, before=1)
        return
    rows, more = _table_rows(table, limit)
    numeric = tuple(numeric or (False,) * len(weights))
    size = 7.5 * page.k
    if halves and len(rows) > 1:
        gap = 0.2
        widths = fit_widths(weights, (WIDTH - gap) / 2)
        half = (len(rows) + 1) // 2
        grids = [
            make_grid(name, MARGIN, page.y + 0.04, widths, table.columns, rows[:half], size,
                      numeric),
            make_grid(f"{name}-1", MARGIN + (WIDTH + gap) / 2, page.y + 0.04, widths,
                      table.columns, rows[half:], size, numeric),
        ]  # fmt: skip
    else:
        grids = [make_grid(name, MARGIN, page.y + 0.04, fit_widths(weights, WIDTH),
                           table.columns, rows, size, numeric)]  # fmt: skip
    page.items += grids
    page.y += max(g.h for g in grids) + 0.04
    if more:
        page.para(i18n.t("export.sheet.more", lang, count=more), 7.5, color=MUTED, before=1,
                  name=f"{name}-more")  # fmt: skip
    if note and table.note:
        page.para(table.note, 7, color=MUTED, before=2, name=f"{name}-note")


def _history(table: Table | None, lang: str) -> tuple[Table | None, bool]:
    """The status over time; when its only note is "date shown", that note goes into the
    date's cell and the table, four columns wide, is set in two halves side by side."""
    if table is None or not table.rows:
        return table, False
    shown = i18n.t("profile.history.shown", lang)
    if any(r[4] not in ("", shown) for r in table.rows):
        return table, False
    rows = tuple((f"{r[0]} ({r[4]})" if r[4] else r[0], *r[1:4]) for r in table.rows)
    return replace(table, columns=table.columns[:4], rows=rows), len(rows) > HALVES_FROM


#: The history's column widths: (columns, in two halves) -> weights.
_HISTORY_WEIGHTS = {(5, False): (1.1, 1.6, 0.8, 1.1, 2.6), (4, False): (1.3, 1.6, 1.7, 1.2),
                    (4, True): (1.2, 1.65, 0.55, 0.95)}  # fmt: skip


@dataclass(frozen=True)
class _Limits:
    history: int | None = None
    members: int | None = None
    flags: int | None = None
    peers: int | None = None


def _header(page: _Page, b: Briefing, view: ProfileView) -> None:
    mark_w = 0.0
    if b.illustrative and b.illustrative_mark:
        size = 9 * page.k
        mark_w = one_line_width(b.illustrative_mark, size, True) + 0.16
        page.items.append(TextBox("mark", PAGE_W - MARGIN - mark_w, MARGIN, mark_w, 0.32,
                                  (Para(b.illustrative_mark, size, True, MARK_TEXT),),
                                  fill=MARK_FILL, edge=MARK_EDGE, inset=0.08, align="center",
                                  anchor="middle"))  # fmt: skip
    head_w = WIDTH - (mark_w + 0.15 if mark_w else 0)
    page.para(view.title, 20, bold=True, w=head_w, name="title")
    page.para(view.subtitle, 9, color=MUTED, w=head_w, name="subtitle")
    if view.names is not None:
        names = " · ".join(f"{r[0]}: {r[1]}" for r in view.names.rows if r[1])
        page.para(f"{view.names.title} — {names}", 8.5, color=MUTED, w=head_w, name="names")
    page.para(view.data_note, 9, before=3, name="data-note")
    page.para(view.status, 10.5, bold=True, color=ACCENT, before=3, name="status")


def _facts_and_map(page: _Page, b: Briefing, view: ProfileView, nis: str) -> None:
    """The facts, the map's caption and legend at the left; the map extract at the right,
    as tall as the left column (at least :data:`MAP_W` × 0.8)."""
    lang = b.lang
    top = page.y + 0.12
    left_w = WIDTH - MAP_W - 0.35
    left = _Page(page.k, top)
    if view.facts is not None:
        left.para(view.facts.title, 11, bold=True, w=left_w, name="facts-title")
        widths = fit_widths((1.0, 1.3, 2.1), left_w)
        rows = [tuple(cell_text(c) for c in r) for r in view.facts.rows]
        grid = make_grid("facts", MARGIN, left.y + 0.04, widths, view.facts.columns, rows,
                         7.5 * page.k, (False, False, False))  # fmt: skip
        left.items.append(grid)
        left.y += grid.h + 0.04
    caption = i18n.t("export.sheet.map_caption", lang, name=view.title, data=b.data_line)
    left.para(caption, 7, color=MUTED, w=left_w, before=4, name="map-caption")
    # the map's legend, in columns under its caption
    columns = 3
    col_w = left_w / columns
    sw = 0.11 * page.k
    label_w = col_w - sw - 0.12
    entries = mapdraw.legend_entries(b)
    y = left.y + 0.04
    for start in range(0, len(entries), columns):
        row_h = 0.0
        for i, e in enumerate(entries[start : start + columns]):
            cx = MARGIN + i * col_w
            left.items.append(Swatch(e.gid or "legend", cx, y + 0.01, sw, e.facecolor,
                                     e.edgecolor, marker=e.kind == "marker"))  # fmt: skip
            label = Para(e.label, 6.5 * page.k)
            left.items.append(TextBox(f"{e.gid}-label", cx + sw + 0.06, y, label_w,
                                      label.height(label_w), (label,)))  # fmt: skip
            row_h = max(row_h, label.height(label_w), sw)
        y += row_h + 0.04
    left.y = y
    map_h = max(left.y - top, MAP_W * 0.8)
    page.items += left.items
    page.items.append(("map", PAGE_W - MARGIN - MAP_W, top, MAP_W, map_h))
    page.y = top + map_h


def _undated(page: _Page, view: ProfileView) -> None:
    if view.undated:
        page.para(view.undated_title, 11, bold=True, before=9, name="undated-title")
        for line in view.undated:
            page.para(line, 8, before=1)


def _footer(b: Briefing, today: dt.date, attribution: str) -> tuple[list[Any], float]:
    """The footer's items, from the page's bottom up, and its top."""
    lang = b.lang
    items: list[Any] = []
    mark_w = 0.0
    if b.illustrative and b.illustrative_mark:
        mark_w = one_line_width(b.illustrative_mark, 8, True) + 0.12
    w = WIDTH - (mark_w + 0.15 if mark_w else 0)
    head = (Para(b.data_line, 8), Para(made_on(today, lang), 7, color=MUTED))
    tail = Para(i18n.t("export.boundaries", lang, attribution=attribution), 6, color=MUTED)
    head_h = sum(p.height(w) for p in head)
    tail_h = tail.height(WIDTH)
    top = PAGE_H - 0.35 - tail_h - 0.03 - head_h
    items.append(Rule(MARGIN, top - 0.08, WIDTH))
    items.append(TextBox("footer", MARGIN, top, w, head_h, head))
    items.append(TextBox("footer-sources", MARGIN, top + head_h + 0.03, WIDTH, tail_h, (tail,)))
    if mark_w:
        items.append(TextBox("footer-mark", PAGE_W - MARGIN - mark_w, top, mark_w, 0.26,
                             (Para(b.illustrative_mark, 8, True, MARK_TEXT),),
                             fill=MARK_FILL, edge=MARK_EDGE, inset=0.06, align="center",
                             anchor="middle"))  # fmt: skip
    return items, top - 0.08


def sheet_items(
    b: Briefing, view: ProfileView, nis: str, attribution: str, today: dt.date
) -> list[Any]:
    """The page laid out: text boxes, tables, swatches, rules, and ``("map", x, y, w, h)``."""
    lang = b.lang
    footer, footer_top = _footer(b, today, attribution)
    limits = _Limits()
    k = 1.0
    while True:
        page = _Page(k)
        _header(page, b, view)
        _facts_and_map(page, b, view, nis)
        history, halves = _history(view.history, lang)
        weights = _HISTORY_WEIGHTS[(len(history.columns) if history else 5, halves)]
        _section(page, lang, history, weights, limit=limits.history, name="history",
                 halves=halves)  # fmt: skip
        _section(page, lang, view.cell_members, (2.4, 4.8), limit=limits.members,
                 name="members", lines=view.cell_lines, title=view.cell_title)  # fmt: skip
        _section(page, lang, view.flags, (2.8, 0.5, 0.9, 0.9, 1.3), limit=limits.flags,
                 name="flags", numeric=(False, True, True, False, False))  # fmt: skip
        _undated(page, view)
        if view.peers is not None:
            _section(page, lang, view.peers, (2.3, 0.8, 0.8, 0.8, 0.9, 0.75, 0.85),
                     limit=limits.peers, name="peers", lines=(view.peers_intro,),
                     numeric=(False, True, True, True, True, False, False))  # fmt: skip
        if page.y <= footer_top - 0.1:
            break
        if k > MIN_SCALE + 1e-9:
            k = round(k - 0.05, 2)
            continue
        # still too long at the smallest type: cut the longest table by a row
        counts = {
            "history": len(view.history.rows) if view.history else 0,
            "members": len(view.cell_members.rows) if view.cell_members else 0,
            "flags": len(view.flags.rows) if view.flags else 0,
            "peers": len(view.peers.rows) if view.peers else 0,
        }
        shown = {f: getattr(limits, f) if getattr(limits, f) is not None else n
                 for f, n in counts.items()}  # fmt: skip
        longest = max(shown, key=lambda f: shown[f])
        if shown[longest] <= 2:
            break  # nothing left to cut: draw what there is
        limits = replace(limits, **{longest: shown[longest] - 1})
    return [*page.items, *footer]


def _draw(fig: Figure, items: list[Any], b: Briefing, geometry: Any, nis: str) -> None:
    for item in items:
        if isinstance(item, tuple) and item[0] == "map":
            _, x, y, w, h = item
            fw, fh = fig.get_figwidth(), fig.get_figheight()
            ax = fig.add_axes((x / fw, 1 - (y + h) / fh, w / fw, h / fh))
            ax.set_gid("map")
            mapdraw.draw_map_axes(ax, b, geometry=geometry, focus_nis=nis, outline_width=0.4,
                                  marker_size=3.0)  # fmt: skip
            ax.set_axis_on()
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_edgecolor("#cccccc")
                spine.set_linewidth(0.6)
        elif isinstance(item, TextBox | Grid | Swatch | Rule):
            draw_item(fig, item)


def profile_pdf(
    bundle: DataBundle,
    state: ViewState,
    nis: str,
    upload: MembershipSnapshot | None = None,
    today: dt.date | None = None,
) -> tuple[str, bytes]:
    """(``csil-commune-{nis}-{kind}-{date}.pdf``, a one-page A4 PDF) of commune ``nis`` on
    the data and date of ``state``, in ``state.lang``."""
    today = today or dt.date.today()
    nis = str(nis)
    b = briefing(bundle, state, upload)
    view = profile_view(bundle, b.shown, b.lang, nis)
    if view.message:
        raise ValueError(view.message)
    attribution = bundle.vintages[b.shown.vintage].vintage.attribution
    geometry = bundle.vintages[b.shown.vintage]
    out = io.BytesIO()
    metadata = {"Title": f"{view.title} — {b.data_line}", "Subject": b.data_line,
                "Author": "CSIL coverage atlas", "Creator": "CSIL coverage atlas",
                "Keywords": b.illustrative_mark or None, "CreationDate": None,
                "ModDate": None}  # fmt: skip
    with mapdraw.DRAW_LOCK, matplotlib.rc_context(_SAVE_RC):
        items = sheet_items(b, view, nis, attribution, today)
        fig = Figure(figsize=(PAGE_W, PAGE_H), dpi=100, facecolor="white")
        FigureCanvasAgg(fig)
        _draw(fig, items, b, geometry, nis)
        fig.savefig(out, format="pdf", metadata=metadata, facecolor="white")
    return profile_file_name(b, nis), out.getvalue()
