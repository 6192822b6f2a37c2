"""Text from a file reaches the figures as text, not markup (issue 15).

Plotly renders a subset of HTML in hover texts, annotations, titles, legend names and tick
labels. A file whose cell name, source, comment or own name is markup must show it
literally: every figure the page builds from it carries the escaped text
(``&lt;a href=...``) and none of the raw tags.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import Patch
from dash.development.base_component import Component

from dashboard import ids
from dashboard.callbacks.compare import render_compare
from dashboard.callbacks.gaps import render_analysis
from dashboard.callbacks.profile import render_profile
from dashboard.callbacks.state import state_to_data
from dashboard.callbacks.view import render_view
from dashboard.coverage.model import Cell, CommuneStatus, MembershipSnapshot, Status
from dashboard.state import ViewState
from dashboard.upload import snapshot_to_payload
from dashboard.views.text import hover_text, plot_text

LINK = '<a href="javascript:alert(1)">x</a>'
BIG = '<b style="font-size:80px">BIG</b>'
SCRIPT = "<script>alert(1)</script>"
FILE = "<img src=x onerror=alert(1)> cells & co.csv"
#: Raw tags no figure may carry.
RAW = ("<a ", "<b style", "<script", "<img", "</a>")


@pytest.fixture(scope="module")
def snapshot() -> MembershipSnapshot:
    """A file whose every free text is markup: a shared cell named with a link, sources
    and comments with tags, a file name with an image tag."""
    cell = Cell("C1", LINK, ("11001", "11002"))
    return MembershipSnapshot(
        as_of=dt.date(2020, 6, 30),
        vintage="2019-2024",
        statuses=(
            CommuneStatus("11001", Status.SHARED_CELL, "C1", BIG, SCRIPT),
            CommuneStatus("11002", Status.SHARED_CELL, "C1", SCRIPT, BIG),
            CommuneStatus("11004", Status.NONE, None, LINK, LINK),
            CommuneStatus("11005", Status.OWN_CELL, None, BIG, SCRIPT),
        ),
        cells=(cell,),
        source=FILE,
    )


def figure_strings(obj: object, inside: bool = False) -> list[str]:
    """Every string of every plotly figure (or figure patch) in ``obj``: outputs, Dash
    components, figures as objects or plain JSON."""
    found: list[str] = []
    if isinstance(obj, go.Figure):
        return figure_strings(obj.to_plotly_json(), True)
    if isinstance(obj, Patch):
        return figure_strings(obj.to_plotly_json(), True)
    if isinstance(obj, Component):
        return figure_strings(obj.to_plotly_json().get("props", {}), inside)
    if isinstance(obj, dict):
        is_figure = inside or ("data" in obj and "layout" in obj)
        for key, value in obj.items():
            found += figure_strings(value, is_figure or key == "figure")
    elif isinstance(obj, list | tuple):
        for value in obj:
            found += figure_strings(value, inside)
    elif isinstance(obj, np.ndarray | pd.Series | pd.Index):
        found += figure_strings(list(obj), inside)
    elif isinstance(obj, str) and inside:
        found.append(obj)
    return found


def _check(strings: list[str]) -> str:
    """No raw tag from the file, no double escaping; the strings joined."""
    assert strings, "no figure found"
    text = "\n".join(strings)
    for tag in RAW:
        assert tag not in text, f"raw {tag!r} in a figure"
    assert "&amp;lt;" not in text and "&amp;gt;" not in text  # escaped once only
    return text


def test_plot_text_escapes_only_the_markup_characters():
    assert plot_text(LINK) == '&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;'
    assert plot_text("A & B") == "A &amp; B"
    assert plot_text("Sint-Genesius-Rode (23101)") == "Sint-Genesius-Rode (23101)"
    assert plot_text(12) == "12"
    assert hover_text(BIG, [SCRIPT], "(1)") == (
        '<b>&lt;b style="font-size:80px"&gt;BIG&lt;/b&gt;</b> (1)<br>'
        "&lt;script&gt;alert(1)&lt;/script&gt;"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_map_breakdown_and_timeline_show_the_file_text_literally(bundle, snapshot, lang):
    state = ViewState(dataset="upload", lang=lang, level="province")
    out = render_view(bundle, state, snapshot, None)
    text = _check(figure_strings({k: v for k, v in out.items() if k[1] == "figure"}))
    assert plot_text(LINK) in text  # the cell's name, in the members' hover
    assert plot_text("<img src=x onerror=alert(1)>") in text  # the file's name
    assert any(plot_text("<img") in s for s in figure_strings(out[(ids.BREAKDOWN_CHART,
                                                                   "figure")]))  # fmt: skip
    # a filter click: the map's patch carries the same hover texts
    meta = out[(ids.MAP_META, "data")]
    patched = render_view(bundle, state.replace(region=("02000",)), snapshot,
                          {**meta, "base": "another"})  # fmt: skip
    _check(figure_strings(patched[(ids.MAP, "figure")], True))


@pytest.mark.parametrize("view", ["gaps", "ranking"])
def test_the_gap_explorer_and_ranking_figures(bundle, snapshot, view):
    state = ViewState(dataset="upload", lang="nl", view=view, commune="11004", level="province")
    out = render_analysis(bundle, state, snapshot, None)
    figures = {k: v for k, v in out.items() if k[1] == "figure"}
    _check(figure_strings(figures, True))


def test_the_comparison_maps(bundle, snapshot):
    state = ViewState(dataset="upload", lang="de", view="compare", cmp_a="province:10000",
                      cmp_b="province:20001")  # fmt: skip
    out = render_compare(bundle, state, snapshot_to_payload(snapshot, FILE), None)
    text = _check(figure_strings(out[(ids.COMPARE_PANEL, "children")]))
    assert plot_text("<img src=x onerror=alert(1)>") in text  # the source of each status


def test_the_profile_shows_no_figure_with_markup(bundle, snapshot):
    state = ViewState(dataset="upload", lang="fr", view="commune", commune="11001")
    body, *_ = render_profile(bundle, state_to_data(state), snapshot_to_payload(snapshot, FILE),
                              None)  # fmt: skip
    strings = figure_strings(body)
    for tag in RAW:  # the profile is Dash components (text); any figure in it is escaped
        assert all(tag not in s for s in strings)
