"""Uploading a membership file: the importer, then either the new data or an error table
(with a column-mapping form for unrecognised headers). On error, nothing already loaded
is lost: the previous data stays on screen."""

from __future__ import annotations

import base64
import binascii

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from dashboard import i18n, ids
from dashboard.bundle import DataBundle
from dashboard.callbacks.state import state_from_data
from dashboard.coverage.importer import import_membership
from dashboard.layout.components import (
    build_read_options,
    build_upload_errors,
    issue_line,
    read_report,
)
from dashboard.upload import snapshot_to_payload


def decode_contents(contents: str) -> bytes:
    """dcc.Upload's data URL -> bytes (ValueError when it is not one)."""
    _, _, b64 = contents.partition(",")
    try:
        return base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a base64 data URL") from exc


def run_import(bundle: DataBundle, contents: str, filename: str, column_map: dict | None,
               sheet: str | None = None, header_row: int | None = None):  # fmt: skip
    data = decode_contents(contents)
    return import_membership(data, filename=filename or "upload", geography=bundle.geography,
                             column_map=column_map or None, sheet=sheet or None,
                             header_row=header_row)  # fmt: skip


def read_choices(options, option_ids) -> tuple[str | None, int | None]:
    """The sheet and header row chosen in the upload's read options (None: not chosen)."""
    chosen = {i["name"]: v for i, v in zip(option_ids, options, strict=True)}
    sheet = chosen.get("sheet")
    row = chosen.get(f"header_row:{sheet or ''}")
    try:
        header_row = int(row) if row not in (None, "") and int(row) >= 1 else None
    except (TypeError, ValueError):
        header_row = None
    return (sheet if isinstance(sheet, str) and sheet else None), header_row


def register(app: Dash, bundle: DataBundle) -> None:
    @app.callback(
        Output(ids.UPLOAD_STORE, "data"),
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.UPLOAD_MAPPING, "children"),
        Output(ids.MAPPING_APPLY, "hidden"),
        Output(ids.DATASET, "value", allow_duplicate=True),
        Input(ids.UPLOAD, "contents"),
        Input(ids.MAPPING_APPLY, "n_clicks"),
        State(ids.UPLOAD, "filename"),
        State({"type": ids.MAPPING_COLUMN, "header": ALL}, "value"),
        State({"type": ids.MAPPING_COLUMN, "header": ALL}, "id"),
        State({"type": ids.READ_OPTION, "name": ALL}, "value"),
        State({"type": ids.READ_OPTION, "name": ALL}, "id"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_upload(contents, _apply, filename, mapped, mapped_ids, options, option_ids,
                      state_data):  # fmt: skip
        lang = state_from_data(state_data).lang
        if not contents:
            return no_update, no_update, no_update, no_update, no_update
        column_map, sheet, header_row = None, None, None
        if ctx.triggered_id == ids.MAPPING_APPLY:
            column_map = {i["header"]: v for i, v in zip(mapped_ids, mapped, strict=True) if v}
            sheet, header_row = read_choices(options, option_ids)
        try:
            result = run_import(bundle, contents, filename, column_map, sheet, header_row)
        except ValueError:
            message = html.P(f"{filename}: " + i18n.t("upload.unreadable", lang),
                             className="error-title")  # fmt: skip
            kept = html.P(i18n.t("upload.previous_kept", lang))
            return no_update, [message, kept], [], True, no_update
        options_form = build_read_options(result, lang) if _guessed(result) else []
        if not result.ok:
            errors, mapping = build_upload_errors(result, lang)
            form = options_form + mapping
            return no_update, errors, form, not form, no_update
        snap = result.snapshot
        summary = i18n.t("upload.success", lang, file=result.file, count=len(snap.statuses),
                         date=snap.as_of)  # fmt: skip
        warnings = [html.Li(issue_line(w, lang)) for w in result.warnings[:20]]
        body = [html.P(summary, className="success"), html.P(read_report(result, lang))]
        if warnings:
            body.append(html.Ul(warnings, className="warnings"))
        payload = snapshot_to_payload(snap, result.file)
        return payload, body, options_form, not options_form, "upload"


def _guessed(result) -> bool:
    """Whether the importer chose where the table is (a sheet among several, a header below
    the first row, or a failure): then the user may choose otherwise."""
    return result.header_row is not None and (
        len(result.sheets) > 1 or result.header_row > 1 or not result.ok
    )
