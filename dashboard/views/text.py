"""Text bound for a plotly figure, made inert (issue 15).

Plotly renders a subset of HTML in hover texts, annotations, titles, legend names and tick
labels (``<a href>``, ``<b>``, ``<i>``, ``<span style>``, ``<br>``...). Text a file
provides (a cell's name, a source, a comment, the file's name) must show as written, not as
markup: a name like ``<a href="javascript:...">x</a>`` would otherwise become a link, and
``<b style="font-size:80px">`` would take over the map. :func:`plot_text` escapes ``&``,
``<`` and ``>`` (plotly decodes these entities for display, so the reader sees the
original characters).

Where to call it: once per text, at the place where it meets markup. The views escape the
pieces of the hover texts they compose with ``<b>`` and ``<br>`` (map, timeline, compare,
programme markers); the figure builders (:mod:`dashboard.figures`) escape the plain texts
they are given (titles, legend names, labels, annotations). Never both on one text: that
would show ``&lt;`` to the reader. Dash's own components (``html.*``, AG Grid's default
cells) render text as text and need none of this.

Pure Python: no plotly import here.
"""

from __future__ import annotations

from collections.abc import Iterable

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def plot_text(value: object) -> str:
    """``value`` as text plotly shows literally: ``&``, ``<`` and ``>`` as entities."""
    return str(value).translate(_ENTITIES)


def hover_text(title: str, lines: Iterable[str] = (), title_note: str = "") -> str:
    """A hover text from plain-text pieces, each escaped (:func:`plot_text`): the title in
    bold, then ``title_note`` on the same line, then each line."""
    head = f"<b>{plot_text(title)}</b>" + (f" {plot_text(title_note)}" if title_note else "")
    return "<br>".join([head, *(plot_text(line) for line in lines)])
