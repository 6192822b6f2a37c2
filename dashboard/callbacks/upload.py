"""Uploading a membership file: the importer, then either the new data or an error table
(with a column-mapping form for unrecognised headers). On error, nothing already loaded
is lost: the previous data stays on screen.

The callback never fails: a file the page refused to send (too large, another kind; see
assets/upload_limits.js) gets the usual error table, and an import that raises (a bug, a
file nobody foresaw) a "could not be read" line, logged here with its traceback. A 500
would leave the previous message on screen, and the user would see nothing happen.
"""

from __future__ import annotations

import base64
import binascii
import logging

from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from dashboard import i18n, ids
from dashboard import upload as upload_store
from dashboard.bundle import DataBundle
from dashboard.callbacks.state import state_from_data
from dashboard.coverage.importer import MAX_BYTES, ImportIssue, ImportResult, import_membership
from dashboard.coverage.messages import issue_text_en
from dashboard.layout.components import (
    build_read_options,
    build_upload_errors,
    issue_line,
    read_report,
)
from dashboard.upload import snapshot_to_payload

log = logging.getLogger(__name__)
NOTHING = (no_update, no_update, no_update, no_update, no_update)


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


def refused_result(rejected: object) -> ImportResult | None:
    """The import result of a file the page did not send because it is too large: the
    importer's own ``file_too_large`` error (None for another refusal)."""
    if not isinstance(rejected, dict) or rejected.get("reason") != "size":
        return None
    name, size = _rejected_name(rejected), rejected.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or size < 0:
        size = upload_store.MAX_FILE_BYTES + 1
    params = (("size", size), ("limit", MAX_BYTES))
    reason, suggestion = issue_text_en("file_too_large", params)
    issue = ImportIssue(name, None, "", "", reason, suggestion, code="file_too_large",
                        params=params)  # fmt: skip
    return ImportResult(file=name, snapshot=None, errors=(issue,))


def _rejected_name(rejected: dict) -> str:
    name = rejected.get("name")
    return name[:200] if isinstance(name, str) and name else "upload"


def _message(filename: str | None, text: str, lang: str) -> list:
    return [
        html.P(f"{filename or 'upload'}: {text}", className="error-title"),
        html.P(i18n.t("upload.previous_kept", lang)),
    ]


def register(app: Dash, bundle: DataBundle) -> None:
    # Payloads that come back from the browser are checked against these communes too.
    upload_store.know_communes({k: v.communes["nis"] for k, v in bundle.vintages.items()})

    @app.callback(
        Output(ids.UPLOAD_STORE, "data"),
        Output(ids.UPLOAD_RESULT, "children"),
        Output(ids.UPLOAD_MAPPING, "children"),
        Output(ids.MAPPING_APPLY, "hidden"),
        Output(ids.DATASET, "value", allow_duplicate=True),
        Input(ids.UPLOAD, "contents"),
        Input(ids.MAPPING_APPLY, "n_clicks"),
        Input(ids.UPLOAD_REJECTED, "data"),
        State(ids.UPLOAD, "filename"),
        State({"type": ids.MAPPING_COLUMN, "header": ALL}, "value"),
        State({"type": ids.MAPPING_COLUMN, "header": ALL}, "id"),
        State({"type": ids.READ_OPTION, "name": ALL}, "value"),
        State({"type": ids.READ_OPTION, "name": ALL}, "id"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def update_upload(contents, _apply, rejected, filename, mapped, mapped_ids, options,
                      option_ids, state_data):  # fmt: skip
        lang = state_from_data(state_data).lang  # never raises: a damaged store is the default
        try:
            if ctx.triggered_id == ids.UPLOAD_REJECTED:
                return refused_file(rejected, lang)
            applied = ctx.triggered_id == ids.MAPPING_APPLY
            return imported_file(bundle, contents, filename, applied, mapped, mapped_ids,
                                 options, option_ids, lang)  # fmt: skip
        except Exception:
            log.exception("upload of %r failed", filename if isinstance(filename, str) else "?")
            name = filename if isinstance(filename, str) else None
            failed = _message(name, i18n.t("upload.failed", lang), lang)
            return no_update, failed, [], True, no_update

    @app.callback(
        Output(ids.UPLOAD_RESULT, "children", allow_duplicate=True),
        Input(ids.UPLOAD_STORE, "data"),
        State(ids.STATE, "data"),
        prevent_initial_call=True,
    )
    def check_upload_store(payload, state_data):
        """Uploaded data the browser changed (or damaged) is set aside by every callback
        that reads it (:func:`dashboard.upload.payload_to_snapshot`); here the user is told
        to import the file again."""
        if payload is None or upload_store.payload_problem(payload) is None:
            return no_update
        lang = state_from_data(state_data).lang
        return html.P(i18n.t("upload.payload_rejected", lang), className="error-title")


def refused_file(rejected: object, lang: str) -> tuple:
    """What the upload shows for a file the page did not send (assets/upload_limits.js)."""
    result = refused_result(rejected)
    if result is not None:
        errors, _ = build_upload_errors(result, lang)
        return no_update, errors, [], True, no_update
    if isinstance(rejected, dict) and rejected.get("reason") == "type":
        text = i18n.t("upload.wrong_type", lang, extensions=upload_store.ACCEPT.replace(",", " "))
        return no_update, _message(_rejected_name(rejected), text, lang), [], True, no_update
    return NOTHING


def imported_file(bundle: DataBundle, contents, filename, applied: bool, mapped, mapped_ids,
                  options, option_ids, lang: str) -> tuple:  # fmt: skip
    """The upload's outputs for a file the page sent (``applied``: with the read options and
    column mapping chosen)."""
    if not contents or not isinstance(contents, str):
        return NOTHING
    filename = filename if isinstance(filename, str) else "upload"
    column_map, sheet, header_row = None, None, None
    if applied:
        column_map = {i["header"]: v for i, v in zip(mapped_ids, mapped, strict=True) if v}
        sheet, header_row = read_choices(options, option_ids)
    try:
        result = run_import(bundle, contents, filename, column_map, sheet, header_row)
    except ValueError:
        unreadable = _message(filename, i18n.t("upload.unreadable", lang), lang)
        return no_update, unreadable, [], True, no_update
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
