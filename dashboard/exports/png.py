"""PNG images of plotly figures, rendered by kaleido in a headless Chromium.

- :func:`figure_png`: any plotly figure as PNG bytes (``fig.to_image`` through kaleido);
- :func:`map_png`: the page's own coverage map (``dashboard.figures.map``) for a
  :class:`~dashboard.exports.briefing.Briefing`, with the title, the selection, the data
  and its date, the legend, the region shares with their sources (public record), the
  source line and the illustrative mark written into the image;
- :func:`chromium_available`: whether a browser is there to render them (cheap, cached);
- :class:`ImageExportUnavailable`: raised, with a message in the page's language, when no
  browser can be found or started. Every other export (PPTX, PDF, SVG, CSV, XLSX, GeoJSON)
  works without one; :mod:`dashboard.exports.mapdraw` draws the map with matplotlib.

kaleido finds Chromium or Google Chrome by itself (``BROWSER_PATH``, then ``PATH``:
Debian's ``chromium`` package). It starts a browser for each image (about 3 s), never at
import. ``CSIL_NO_CHROMIUM=1`` makes the app behave as if there were none (tests, or a
server that must not start a browser).

No dash import.
"""

from __future__ import annotations

import functools
import html
import json
import os
import textwrap
from urllib.parse import quote

import plotly.graph_objects as go

import geodata
from dashboard import i18n
from dashboard.exports.briefing import Briefing
from dashboard.exports.mapdraw import legend_entries, region_lines
from dashboard.figures.map import GEO_TOPOJSON, coverage_map_figure

__all__ = [
    "ENV_NO_CHROMIUM",
    "ImageExportUnavailable",
    "chromium_available",
    "figure_png",
    "map_png",
    "unavailable_message",
]

#: Set to 1 (or true / yes) to act as if no browser were installed.
ENV_NO_CHROMIUM = "CSIL_NO_CHROMIUM"
_TRUE = {"1", "true", "yes", "on"}
#: plotly.js's ``topojsonURL`` for the images: the page's empty base map
#: (dashboard.figures.map.GEO_TOPOJSON) inline, so that a geo subplot fetches nothing
#: (plotly.js appends "/world_110m.json", which lands in the URL's fragment).
TOPOJSON_URL = "data:application/json," + quote(json.dumps(GEO_TOPOJSON), safe="") + "#"


class ImageExportUnavailable(RuntimeError):
    """No browser to render the image; ``message`` says so in the page's language and
    names the exports that work without one."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def unavailable_message(lang: str) -> str:
    return i18n.t("export.figure.unavailable", lang)


@functools.cache
def _browser_path() -> str | None:
    """Where kaleido will find a Chromium-based browser (looked up once per process)."""
    try:
        from choreographer.browsers.chromium import Chromium

        return Chromium.find_browser(skip_local=False)
    except Exception:  # noqa: BLE001 - no kaleido / choreographer, or an odd system: none
        return None


def chromium_available() -> bool:
    """Whether a browser is there for kaleido (``CSIL_NO_CHROMIUM=1``: never). Looks at
    the file system once; starts nothing."""
    if os.environ.get(ENV_NO_CHROMIUM, "").strip().lower() in _TRUE:
        return False
    return _browser_path() is not None


def _browser_errors() -> tuple[type[BaseException], ...]:
    """kaleido's and choreographer's errors for a browser that is missing, will not
    start, or dies (imported here: importing kaleido costs time, not a browser)."""
    errors: list[type[BaseException]] = [OSError]
    try:
        from choreographer import errors as ch
        from kaleido import errors as ka

        errors += [ka.ChromeNotFoundError, ka.BrowserFailedError, ka.BrowserClosedError,
                   ch.BrowserDepsError, ch.ChannelClosedError]  # fmt: skip
    except ImportError:
        pass
    return tuple(errors)


def figure_png(
    fig: go.Figure, width: int = 1920, height: int = 1080, scale: float = 1, *, lang: str = "en"
) -> bytes:
    """``fig`` as PNG bytes of ``width × scale`` by ``height × scale`` pixels, rendered by
    kaleido as ``fig.to_image(format="png", ...)`` would, offline (no base map or MathJax
    from a CDN).

    Raises :class:`ImageExportUnavailable` (its message in ``lang``) when no browser can be
    found or started; any other rendering error is raised as kaleido raises it."""
    if not chromium_available():
        raise ImageExportUnavailable(unavailable_message(lang))
    try:
        import kaleido
    except ImportError as e:
        raise ImageExportUnavailable(unavailable_message(lang)) from e
    try:
        # What fig.to_image does, with two things fetched from no CDN: the geo subplot's
        # base map (the page's empty one, as a data: URL) and MathJax (not loaded).
        return kaleido.calc_fig_sync(
            fig.to_dict() if isinstance(fig, go.Figure) else fig,
            opts={"format": "png", "width": width, "height": height, "scale": scale},
            topojson=TOPOJSON_URL,
            kopts={"mathjax": False},
        )
    except _browser_errors() as e:
        raise ImageExportUnavailable(unavailable_message(lang)) from e
    except (RuntimeError, ValueError) as e:
        # plotly turns kaleido's "Chrome not found" into a RuntimeError, and a missing or
        # too old kaleido into a ValueError: both mean no image can be made here.
        text = str(e).lower()
        if "chrome" in text or "kaleido" in text or "browser" in text:
            raise ImageExportUnavailable(unavailable_message(lang)) from e
        raise


# --- the coverage map ------------------------------------------------------------------------

_HEAD = 122  # px above the map: title, selection, data line
_RIGHT = 470  # px right of the map: legend, region scale and shares
_SIDE = 28
_FOOT_FONT = 12
_INK = "#1a1a1a"
_MUTED = "#555555"


def _esc(text: str) -> str:
    """Plain text for a plotly annotation (which reads a little HTML)."""
    return html.escape(str(text), quote=False)


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(str(text), width, break_long_words=False) or [""]


def _note(text: str, x: float, y: float, **kw) -> dict:
    return {"text": text, "x": x, "y": y, "xref": "paper", "yref": "paper", "showarrow": False,
            "align": "left", "xanchor": "left", **kw}  # fmt: skip


def _legend_text(b: Briefing, chars: int) -> str:
    rows = [f"<b>{_esc(i18n.t('legend.title', b.lang))}</b>"]
    for e in legend_entries(b):
        symbol = "●" if e.kind == "marker" else "■"
        colour = e.facecolor
        if e.facecolor.upper() in {"#F4F4F4", "#FFFFFF"}:  # near-white: show its outline
            symbol, colour = "□", e.edgecolor
        label = "<br>     ".join(_esc(line) for line in _lines(e.label, chars))
        rows.append(f'<span style="color:{colour}">{symbol}</span>  {label}')
    return "<br>".join(rows)


def map_figure(
    b: Briefing,
    geometry: geodata.VintageData | None = None,
    width: int = 1920,
    height: int = 1080,
) -> go.Figure:
    """The page's coverage map for ``b`` (geometry inline) with everything an image of it
    must carry: title, selection, data and date, legend, region shares with their source
    and date (public record), source line, illustrative mark."""
    if geometry is None:
        from dashboard.settings import Settings

        geometry = geodata.load_vintage(b.shown.vintage, Settings.from_env().geography_dir)
    fig = coverage_map_figure(
        b.layers, geometry.display, geometry.regions_display, accessible_name=b.title
    )
    foot_chars = max(60, int((width - 2 * _SIDE) / (_FOOT_FONT * 0.52)))
    foot = _lines(b.source_line, foot_chars)
    bottom = 24 + len(foot) * round(_FOOT_FONT * 1.35)
    plot_h = height - _HEAD - bottom
    plot_w = width - _SIDE - _RIGHT
    below = -8 / plot_h  # paper y of a line just under the map

    notes = [
        _note(f"<b>{_esc(b.title)}</b>", 0, 1, yanchor="bottom", yshift=_HEAD - 52,
              font={"size": 30, "color": _INK}),
        _note(_esc(" · ".join(b.selection)), 0, 1, yanchor="bottom", yshift=_HEAD - 82,
              font={"size": 16, "color": _MUTED}),
        _note(_esc(b.data_line), 0, 1, yanchor="bottom", yshift=_HEAD - 108,
              font={"size": 16, "color": _INK}),
        _note("<br>".join(_esc(line) for line in foot), 0, below, yanchor="top",
              font={"size": _FOOT_FONT, "color": _MUTED}),
        _note(_legend_text(b, 44), 1 + 24 / plot_w, 1, yanchor="top",
              font={"size": 15, "color": _INK}),
    ]  # fmt: skip
    if b.layers.unknown_transparent:
        shares = region_lines(b) or [i18n.t("export.figure.no_region_shading", b.lang)]
        text = "<br>".join("<br>".join(_esc(x) for x in _lines(s, 58)) for s in shares)
        notes.append(_note(text, 1 + 24 / plot_w, 0, yanchor="bottom",
                           font={"size": 12, "color": _MUTED}))  # fmt: skip
        # the region scale between the legend and the shares, its title on two lines
        fig.data[0].colorbar.update(
            x=1 + 24 / plot_w, xanchor="left", y=0.48, yanchor="middle", len=0.28,
            thickness=16, title={"text": "<br>".join(_lines(b.layers.region_scale_title, 36)),
                                 "side": "top", "font": {"size": 13}},
            tickfont={"size": 12},
        )  # fmt: skip
    if b.illustrative and b.illustrative_mark:
        size = max(24, min(60, int(plot_w / (0.8 * len(b.illustrative_mark)))))
        notes.append(
            _note(f"<b>{_esc(b.illustrative_mark)}</b>", 0.5, 0.5, xanchor="center",
                  yanchor="middle", textangle=-28, opacity=0.3,
                  font={"size": size, "color": "#8a6d00"})
        )  # fmt: skip
    fig.update_layout(
        width=width,
        height=height,
        margin={"l": _SIDE, "r": _RIGHT, "t": _HEAD, "b": bottom, "autoexpand": False},
        annotations=[*fig.layout.annotations, *notes],  # the page's boxed mark first
        font={"family": "DejaVu Sans, Arial, sans-serif"},
    )
    return fig


def map_png(
    b: Briefing,
    width: int = 1920,
    height: int = 1080,
    scale: float = 1,
    *,
    geometry: geodata.VintageData | None = None,
) -> bytes:
    """The page's coverage map for ``b`` as a PNG of ``width × scale`` by ``height ×
    scale`` pixels (see :func:`map_figure`). ``geometry``: ``bundle.vintages[
    b.shown.vintage]`` (default: read from the configured prepared folder).

    Raises :class:`ImageExportUnavailable` (in ``b.lang``) without a browser; checked
    before the figure is built."""
    if not chromium_available():
        raise ImageExportUnavailable(unavailable_message(b.lang))
    fig = map_figure(b, geometry, width, height)
    return figure_png(fig, width, height, scale, lang=b.lang)
