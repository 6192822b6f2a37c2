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
from dashboard.views import KeyFigure, Shown, breakdown_columns
from dashboard.views.provenance import used_for_text

MAPPING_FIELDS = ("nis", "commune", "status", "cell", "as_of", "source", "comment", "ignore")
MEASURES_DEFINED = ("cells", "communes_with_cell", "communes_involved", "communes_without_cell",
                    "share_communes_covered", "share_population_covered")  # fmt: skip


#: The words a dcc.Dropdown writes itself ("No options found", "Select all"...).
DROPDOWN_LABELS = ("select_all", "deselect_all", "selected_count", "search", "clear_search",
                   "clear_selection", "no_options_found")  # fmt: skip


def dropdown_labels(lang: str) -> dict[str, str]:
    """A dcc.Dropdown's own words in ``lang`` (its ``labels`` property)."""
    return {name: i18n.t(f"dropdown.{name}", lang) for name in DROPDOWN_LABELS}


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
    fit: bool = True,
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
        columnSize="responsiveSizeToFit" if fit else None,
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
    """One card per figure: label (with its area), value, where the value comes from
    (source and date, or how it is computed), benchmarks, and the illustrative tag."""
    cards = []
    for f in figures:
        cards.append(
            html.Div(
                [
                    html.Div(f.tag, className="kpi-tag") if f.tag else None,
                    html.Div(f.label, className="kpi-label"),
                    html.Div(f.value, className="kpi-value missing" if f.missing else "kpi-value"),
                    html.Ul([html.Li(b) for b in f.benchmarks], className="kpi-bench")
                    if f.benchmarks else None,
                    html.Ul([html.Li(line) for line in f.lines], className="kpi-note")
                    if f.lines else None,
                ],
                className="kpi illustrative" if f.tag else "kpi",
            )
        )  # fmt: skip
    return cards


def build_notices(keys: list[str], lang: str) -> list:
    return [html.P(i18n.t(k, lang), className="notice") for k in keys]


def build_banner(shown: Shown, lang: str) -> list:
    if not shown.illustrative:
        return []
    return [html.Strong(i18n.t("notice.illustrative", lang))]


def build_breakdown_table(table: pd.DataFrame, shown: Shown, lang: str):
    """Public record: one row per published figure, with its source and date. A file: one
    row per area, every count computed from the file."""
    columns = breakdown_columns(table, shown, lang)
    records = []
    for row in table.to_dict(orient="records"):
        rec = {}
        for key, _ in columns:
            value = row.get(key)
            if key.startswith("share_") and key != "share_basis":
                rec[key] = i18n.format_percent(value, lang)
            elif (
                isinstance(value, int | float)
                and not isinstance(value, bool)
                and not (isinstance(value, float) and math.isnan(value))
            ):
                rec[key] = i18n.format_number(value, lang)
            elif value is None or (isinstance(value, float) and math.isnan(value)):
                rec[key] = i18n.MISSING
            else:
                rec[key] = value
        records.append(rec)
    defs = [{"field": key, "headerName": name} for key, name in columns]
    flex = {"area": 1.3, "measure": 1.6, "value": 0.7, "share": 1.2, "date": 1.2, "source": 0.6,
            "when": 1.3, "share_basis": 2.6, "label": 1.6}  # fmt: skip
    for d in defs:
        d.update(flex=flex.get(d["field"], 1), wrapText=True, autoHeight=True, minWidth=92,
                 wrapHeaderText=True, autoHeaderHeight=True,
                 headerTooltip=d["headerName"])  # fmt: skip
        if d["field"] == "label":
            d["minWidth"] = 140
    if table.attrs.get("origin"):  # a file: every figure is computed from it, said above them
        defs = [{"headerName": table.attrs["origin"], "children": defs,
                 "headerClass": "origin-header"}]  # fmt: skip
    return records, defs


def build_reconciliation(rows: pd.DataFrame, shown: Shown, lang: str) -> list:
    """A file (or the example) against the published figures known on its date."""
    if rows.empty:
        return []
    t = i18n.t
    key = "example" if shown.kind == "example" else "file"
    columns = [("area", t("table.level", lang)), ("measure", t("breakdown.col.measure", lang)),
               ("published", t("reconcile.col.published", lang)),
               ("file", t("reconcile.col.file", lang)),
               ("difference", t("reconcile.col.difference", lang)),
               ("note", t("reconcile.col.note", lang))]  # fmt: skip
    return [
        html.H3(t(f"reconcile.title.{key}", lang, date=i18n.format_date(shown.date_key, lang))),
        build_grid(
            ids.RECONCILE_TABLE,
            row_data=rows.to_dict(orient="records"),
            column_defs=[{"field": k, "headerName": n, "wrapText": True, "autoHeight": True}
                         for k, n in columns],
            lang=lang,
            auto_height=True,
            sortable=False,
        ),
    ]  # fmt: skip


def build_commune_table(table: pd.DataFrame, lang: str, population_source: str = ""):
    """The map's table twin: every status with its source and date, every programme with
    its own, the population with its date in the header."""
    t = i18n.t
    population = t("table.population", lang)
    if population_source:
        population = f"{population} ({population_source})"
    columns = [
        ("name", t("table.commune", lang)),
        ("nis", t("table.nis", lang)),
        ("region", t("control.region", lang)),
        ("status", t("table.status", lang)),
        ("cell", t("table.cell", lang)),
        ("population", population),
        ("flags", t("table.flags", lang)),
    ]
    cols = [{"field": key, "headerName": name, "wrapHeaderText": True, "autoHeaderHeight": True,
             "headerTooltip": name} for key, name in columns]  # fmt: skip
    cols[0].update(pinned="left", minWidth=180)
    cols[3].update(minWidth=260, wrapText=True, autoHeight=True)
    locale = i18n.BABEL_LOCALES[lang].replace("_", "-")
    cols[5].update(
        type="numericColumn",
        filter="agNumberColumnFilter",
        minWidth=150,
        valueFormatter={"function": f"Number(params.value).toLocaleString('{locale}')"},
    )
    cols[6].update(minWidth=220, wrapText=True, autoHeight=True)
    return table.to_dict(orient="records"), cols


def build_provenance(
    sources: pd.DataFrame,
    shown: Shown,
    frame: pd.DataFrame,
    attribution: str,
    lang: str,
    undated: list[str] | None = None,
) -> list:
    """Sources (each with what it is used for), the data on screen when it is a file,
    definitions, known gaps and undated facts."""
    t = i18n.t
    rows = []
    for s in sources.to_dict(orient="records"):
        url = s.get("url") or ""
        if url:  # the site's name as the link text; the full address on hover
            host = (urlsplit(url).hostname or url).removeprefix("www.")
            link = html.A(host, href=url, rel="noopener", target="_blank", title=url)
        else:
            link = html.Span(t("provenance.link_missing", lang))
        used = used_for_text(s.get("used_for", ()), lang)
        date = i18n.format_date(s["date"], lang, "medium") if s.get("date") else i18n.MISSING
        rows.append(html.Tr([html.Td(s["source_id"]), html.Td(s.get("publisher", "")),
                             html.Td(s.get("title", "")), html.Td(date), html.Td(used),
                             html.Td(link)]))  # fmt: skip
    head = html.Tr([html.Th(t(f"provenance.col.{c}", lang))
                    for c in ("id", "publisher", "title", "date", "used_for", "link")])  # fmt: skip
    unknown = int((frame["status"] == Status.UNKNOWN.value).sum())
    definitions = []
    for s in Status:
        definitions += [html.Dt(i18n.status_label(s, lang)),
                        html.Dd(i18n.status_definition(s, lang))]  # fmt: skip
    for m in MEASURES_DEFINED:
        definitions += [html.Dt(i18n.measure_label(m, lang)),
                        html.Dd(i18n.measure_definition(m, lang))]  # fmt: skip
    date = i18n.format_date(shown.date_key, lang)
    if shown.kind == "public":
        data = html.P(t("provenance.known_on", lang, date=date))
    else:
        key = "example" if shown.kind == "example" else "file"
        data = html.P(t(f"provenance.data.{key}", lang, file=shown.origin, date=date),
                      className="data-origin")  # fmt: skip
    out = [
        html.H2(t("provenance.title", lang)),
        data,
        html.H3(t("provenance.sources", lang)),
        # Six columns: on a narrow screen the table scrolls, not the page (its links are
        # focusable, so a keyboard scrolls it too).
        html.Div(
            html.Table([html.Thead(head), html.Tbody(rows)], className="sources"),
            className="table-scroll",
        ),
        html.P(t("provenance.titles_note", lang), className="help"),
    ]
    if undated:
        out += [html.H3(t("provenance.undated", lang)), html.Ul([html.Li(u) for u in undated])]
    out += [
        html.H3(t("provenance.definitions", lang)),
        html.Dl(definitions),
        html.H3(t("provenance.known_gaps", lang)),
        html.P(t("provenance.gaps_text", lang)),
        html.P(
            t(
                "kpi.benchmark_value",
                lang,
                area=i18n.status_label(Status.UNKNOWN, lang),
                value=" / ".join(i18n.format_number(n, lang) for n in (unknown, len(frame))),
            )
        ),
        html.P(t("provenance.boundaries", lang, attribution=attribution)),
    ]
    return out


def issue_line(issue, lang: str) -> str:
    """One importer issue as a line in ``lang``: where (file:row, column), the value, why,
    and what to do."""
    reason, suggestion = i18n.issue_text(issue, lang)
    where = [issue.file, *([str(issue.row)] if issue.row is not None else [])]
    where += [c for c in (i18n.issue_column(issue, lang),) if c]
    location = ":".join(where) + (f" ({issue.cell})" if issue.cell else "")
    parts = [location + (f" {issue.value!r}" if issue.value else ""), reason]
    return " — ".join(parts + ([suggestion] if suggestion else []))


def read_report(result, lang: str) -> str:
    """Where the table was found: the sheet and the header row ("" before a header was)."""
    if result.header_row is None:
        return ""
    info = dict(result.info)
    if "sheet" in info:
        return i18n.t("upload.read_sheet", lang, sheet=info["sheet"], row=result.header_row)
    return i18n.t("upload.read_csv", lang, row=result.header_row)


def build_read_options(result, lang: str) -> list:
    """The sheet and the header row to read, set to what was read: the user may choose
    others and read the file again."""
    t = i18n.t
    info = dict(result.info)
    sheet = info.get("sheet", "")
    out: list = [html.P(t("upload.options_prompt", lang))]
    if result.sheets:
        out.append(
            html.Label(
                [
                    html.Span(t("upload.sheet", lang), className="mapping-header"),
                    dcc.Dropdown(id={"type": ids.READ_OPTION, "name": "sheet"},
                                 options=[{"label": s, "value": s} for s in result.sheets],
                                 value=sheet or None, clearable=False,
                                 labels=dropdown_labels(lang)),
                ],
                className="mapping-row",
            )
        )  # fmt: skip
    out.append(
        html.Label(
            [
                html.Span(t("upload.header_row", lang), className="mapping-header"),
                # named after its sheet: a row chosen for one sheet is not used for another
                dcc.Input(id={"type": ids.READ_OPTION, "name": f"header_row:{sheet}"},
                          type="number",
                          min=1, step=1, value=result.header_row, className="row-input"),
            ],
            className="mapping-row",
        )
    )  # fmt: skip
    return out


def build_upload_errors(result, lang: str) -> list:
    """The importer's errors as a readable table; and the column-mapping form (empty when
    every header was recognised)."""
    t = i18n.t
    keys = ("file", "row", "column", "value", "reason", "suggestion")
    data = []
    for e in result.errors:
        reason, suggestion = i18n.issue_text(e, lang)
        data.append({"file": e.file, "row": "" if e.row is None else e.row,
                     "column": i18n.issue_column(e, lang),
                     "value": e.value, "reason": reason, "suggestion": suggestion})  # fmt: skip
    # "Correct these rows" only where there are rows to correct.
    rows = any(e.row is not None for e in result.errors)
    title = "upload.errors_title" if rows else "upload.errors_title_file"
    out = [
        html.P(f"{result.file}: " + t(title, lang), className="error-title"),
        html.P(t("upload.previous_kept", lang), className="help"),
        html.P(read_report(result, lang), className="help", hidden=result.header_row is None),
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
                                     options=options, clearable=True,
                                     labels=dropdown_labels(lang)),
                    ],
                    className="mapping-row",
                )
            )  # fmt: skip
    return out, mapping
