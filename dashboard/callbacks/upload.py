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
from dashboard.layout.components import build_upload_errors, issue_line
from dashboard.upload import snapshot_to_payload


def decode_contents(contents: str) -> bytes:
    """dcc.Upload's data URL -> bytes (ValueError when it is not one)."""
    _, _, b64 = contents.partition(",")
    try:
        return base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a base64 data URL") from exc


def run_import(bundle: DataBundle, contents: str, filename: str, column_map: dict | None):
    data = decode_contents(contents)
    return import_membership(data, filename=filename or "upload", geography=bundle.geography,
                             column_map=column_map or None)  # fmt: skip


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
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_upload(contents, _apply, filename, mapped, mapped_ids, state_data):
        lang = state_from_data(state_data).lang
        if not contents:
            return no_update, no_update, no_update, no_update, no_update
        column_map = None
        if ctx.triggered_id == ids.MAPPING_APPLY:
            column_map = {i["header"]: v for i, v in zip(mapped_ids, mapped, strict=True) if v}
        try:
            result = run_import(bundle, contents, filename, column_map)
        except ValueError:
            message = html.P(f"{filename}: " + i18n.t("upload.unreadable", lang),
                             className="error-title")  # fmt: skip
            kept = html.P(i18n.t("upload.previous_kept", lang))
            return no_update, [message, kept], [], True, no_update
        if not result.ok:
            errors, mapping = build_upload_errors(result, lang)
            return no_update, errors, mapping, not mapping, no_update
        snap = result.snapshot
        summary = i18n.t("upload.success", lang, file=result.file, count=len(snap.statuses),
                         date=snap.as_of)  # fmt: skip
        warnings = [html.Li(issue_line(w, lang)) for w in result.warnings[:20]]
        body = [html.P(summary, className="success")]
        if warnings:
            body.append(html.Ul(warnings, className="warnings"))
        return snapshot_to_payload(snap, result.file), body, [], True, "upload"
