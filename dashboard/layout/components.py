"""Builders for the parts of the page that callbacks fill in (key figures, notices,
provenance, upload results). Each takes plain data and returns components."""

from __future__ import annotations

import math
from urllib.parse import urlsplit

import dash_ag_grid as dag
import pandas as pd
from dash import dcc, html

from dashboard import i18n, ids
from dashboard.coverage.model import Status
from dashboard.views import KeyFigure, Shown

MAPPING_FIELDS = ("nis", "commune", "status", "cell", "as_of", "source", "comment", "ignore")
MEASURES_DEFINED = ("cells", "communes_with_cell", "communes_involved", "communes_without_cell",
                    "share_communes_covered", "share_population_covered")  # fmt: skip


def build_grid(
    grid_id: str | dict,
    *,
    row_data: list | None = None,
    column_defs: list | None = None,
    lang: str = i18n.DEFAULT_LANGUAGE,
    auto_height: bool = False,
    sortable: bool = True,
    filters: bool = False,
    height: str = "420px",
) -> dag.AgGrid:
    """A data grid (AG Grid: keyboard navigation, sorting, per-column filters), its few
    built-in words in the page language."""
    options: dict = {"localeText": grid_locale(lang), "ensureDomOrder": True,
                     "suppressCellFocus": False, "animateRows": False}  # fmt: skip
    if auto_height:
        options["domLayout"] = "autoHeight"
    return dag.AgGrid(
        id=grid_id,
        rowData=row_data or [],
        columnDefs=column_defs or [],
        defaultColDef={
            "sortable": sortable,
            "resizable": True,
            "filter": filters,
            "floatingFilter": filters,
            "suppressHeaderMenuButton": True,
            "suppressFloatingFilterButton": True,
            "minWidth": 90,
        },  # fmt: skip
        dashGridOptions=options,
        columnSize="responsiveSizeToFit",
        style={} if auto_height else {"height": height},
        className="grid",
    )


def grid_locale(lang: str) -> dict[str, str]:
    """The grid's own words (no rows, filter placeholder) from the catalogue."""
    return {
        "noRowsToShow": i18n.t("table.empty", lang),
        "filterOoo": i18n.t("a11y.table_search", lang),
        "searchOoo": i18n.t("a11y.table_search", lang),
    }


def build_key_figures(figures: list[KeyFigure]) -> list:
    cards = []
    for f in figures:
        cards.append(
            html.Div(
                [
                    html.Div(f.label, className="kpi-label"),
                    html.Div(f.value, className="kpi-value missing" if f.missing else "kpi-value"),
                    html.Ul([html.Li(b) for b in f.benchmarks], className="kpi-bench"),
                    html.Div(f.note, className="kpi-note") if f.note else None,
                ],
                className="kpi",
            )
        )
    return cards


def build_notices(keys: list[str], lang: str) -> list:
    return [html.P(i18n.t(k, lang), className="notice") for k in keys]


def build_banner(shown: Shown, lang: str) -> list:
    if not shown.illustrative:
        return []
    return [html.Strong(i18n.t("notice.illustrative", lang))]


def build_breakdown_table(table: pd.DataFrame, shown: Shown, lang: str):
    t = i18n.t
    if shown.kind == "public":
        columns = [
            ("label", t("table.level", lang)),
            ("cells", i18n.measure_label("cells", lang)),
            ("communes_with_cell", i18n.measure_label("communes_with_cell", lang)),
            ("communes_without_cell", i18n.measure_label("communes_without_cell", lang)),
            ("communes", t("table.communes", lang)),
            ("share_communes", t("table.share_communes", lang)),
            ("source", t("table.source", lang)),
        ]
    else:
        columns = [
            ("label", t("table.level", lang)),
            ("cells", t("table.cells", lang)),
            ("communes", t("table.communes", lang)),
            ("own_cell", t("table.own", lang)),
            ("shared_cell", t("table.shared", lang)),
            ("planned", t("table.planned", lang)),
            ("none", t("table.none", lang)),
            ("unknown", t("table.unknown", lang)),
            ("share_communes", t("table.share_communes", lang)),
            ("share_population", t("table.share_population", lang)),
        ]
    records = []
    for row in table.to_dict(orient="records"):
        rec = {}
        for key, _ in columns:
            value = row.get(key)
            if key.startswith("share_"):
                rec[key] = i18n.format_percent(value, lang)
            elif isinstance(value, int | float) and not (
                isinstance(value, float) and math.isnan(value)
            ):
                rec[key] = i18n.format_number(value, lang)
            elif value is None or (isinstance(value, float) and math.isnan(value)):
                rec[key] = i18n.MISSING
            else:
                rec[key] = value
        records.append(rec)
    return records, [{"field": key, "headerName": name} for key, name in columns]


def build_commune_table(table: pd.DataFrame, lang: str):
    t = i18n.t
    columns = [
        ("name", t("table.commune", lang)),
        ("nis", t("table.nis", lang)),
        ("region", t("control.region", lang)),
        ("status", t("table.status", lang)),
        ("cell", t("table.cell", lang)),
        ("population", t("table.population", lang)),
        ("flags", t("table.flags", lang)),
        ("source", t("table.source", lang)),
    ]
    cols = [{"field": key, "headerName": name} for key, name in columns]
    cols[0].update(pinned="left", minWidth=180)
    cols[5].update(type="numericColumn", filter="agNumberColumnFilter")
    return table.to_dict(orient="records"), cols


def build_provenance(
    sources: pd.DataFrame, shown: Shown, frame: pd.DataFrame, attribution: str, lang: str
) -> list:
    t = i18n.t
    rows = []
    for s in sources.to_dict(orient="records"):
        url = s.get("url") or ""
        if url:  # the site's name as the link text; the full address on hover
            host = (urlsplit(url).hostname or url).removeprefix("www.")
            link = html.A(host, href=url, rel="noopener", target="_blank", title=url)
        else:
            link = html.Span(t("provenance.link_missing", lang))
        rows.append(html.Tr([html.Td(s["source_id"]), html.Td(s.get("publisher", "")),
                             html.Td(s.get("title", "")), html.Td(s.get("date", "")),
                             html.Td(link)]))  # fmt: skip
    head = html.Tr([html.Th(t(f"provenance.col.{c}", lang))
                    for c in ("id", "publisher", "title", "date", "link")])  # fmt: skip
    unknown = int((frame["status"] == Status.UNKNOWN.value).sum())
    definitions = []
    for s in Status:
        definitions += [html.Dt(i18n.status_label(s, lang)),
                        html.Dd(i18n.status_definition(s, lang))]  # fmt: skip
    for m in MEASURES_DEFINED:
        definitions += [html.Dt(i18n.measure_label(m, lang)),
                        html.Dd(i18n.measure_definition(m, lang))]  # fmt: skip
    return [
        html.H2(t("provenance.title", lang)),
        html.P(t("provenance.as_of", lang, date=i18n.format_date(shown.date_key, lang))),
        html.H3(t("provenance.sources", lang)),
        html.Table([html.Thead(head), html.Tbody(rows)], className="sources"),
        html.P(t("provenance.titles_note", lang), className="help"),
        html.H3(t("provenance.definitions", lang)),
        html.Dl(definitions),
        html.H3(t("provenance.known_gaps", lang)),
        html.P(t("provenance.gaps_text", lang)),
        html.P(
            f"{i18n.status_label(Status.UNKNOWN, lang)}: "
            f"{i18n.format_number(unknown, lang)} / {i18n.format_number(len(frame), lang)}"
        ),
        html.P(t("provenance.boundaries", lang, attribution=attribution)),
    ]


def build_upload_errors(result, lang: str) -> list:
    """The importer's errors as a readable table; and the column-mapping form (empty when
    every header was recognised)."""
    t = i18n.t
    keys = ("file", "row", "column", "value", "reason", "suggestion")
    data = []
    for e in result.errors:
        reason, suggestion = i18n.issue_text(e, lang)
        data.append({"file": e.file, "row": "" if e.row is None else e.row, "column": e.column,
                     "value": e.value, "reason": reason, "suggestion": suggestion})  # fmt: skip
    out = [
        html.P(f"{result.file}: " + t("upload.errors_title", lang), className="error-title"),
        html.P(t("upload.previous_kept", lang), className="help"),
        build_grid(
            "upload-errors",
            row_data=data,
            column_defs=[
                {
                    "field": k,
                    "headerName": t(f"upload.col.{k}", lang),
                    "wrapText": True,
                    "autoHeight": True,
                    "flex": 3 if k in ("reason", "suggestion") else 1,
                }
                for k in keys
            ],
            lang=lang,
            auto_height=True,
        ),  # fmt: skip
    ]
    unrecognised_codes = ("unrecognised_column", "unrecognised_column_near")
    unrecognised = [e.column for e in result.errors if e.code in unrecognised_codes]
    mapping: list = []
    if unrecognised:
        options = [{"label": t(f"field.{f}", lang), "value": f} for f in MAPPING_FIELDS]
        mapping.append(html.P(t("upload.mapping_prompt", lang)))
        for header in unrecognised:
            mapping.append(
                html.Div(
                    [
                        html.Span(header, className="mapping-header"),
                        dcc.Dropdown(id={"type": ids.MAPPING_COLUMN, "header": header},
                                     options=options, clearable=True),
                    ],
                    className="mapping-row",
                )
            )  # fmt: skip
    return out, mapping
