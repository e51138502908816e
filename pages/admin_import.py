"""Import data: ``/admin/import`` (administrators only; ``web.admin`` guards every ``/admin`` path).

Upload a CSV → it is saved under ``instance/uploads/`` with a generated name (never the
client's file name) → checked with ``import_file(..., dry_run=True)`` → problems or a summary
are shown → "Import this file" runs the real import in a background thread as the writer
database role (``IMPORT_DATABASE_URL``), reporting progress through a small status file so
any gunicorn worker can answer the progress poll. Nothing is written unless the whole file
is valid; the import is one transaction.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import re
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html, no_update
from flask import current_app, has_request_context, request

from components.paths import app_path
from web.admin import is_signed_in

dash.register_page(
    __name__,
    path="/admin/import",
    title="Import data – Outcome Bees administration",
    name="Import data",
    description="Administrators: upload and import indicator data.",
)

log = logging.getLogger("outcome_bees.admin.import")

TOKEN = re.compile(r"^[0-9a-f]{32}$")
ALLOWED_TYPES = {"", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"}
MAX_PROBLEMS_SHOWN = 50
KEEP_SECONDS = 24 * 3600


def _settings():  # type: ignore[no-untyped-def]
    return current_app.config["OUTCOME_BEES_SETTINGS"]


def upload_limit() -> int:
    """The largest file accepted: what fits in one request once base64-encoded (4/3) with room for the form."""
    try:
        request_limit = int(_settings().upload_max_bytes)
    except (RuntimeError, KeyError):
        from settings import Settings

        request_limit = Settings().upload_max_bytes
    return max(1024, request_limit * 3 // 4 - 64 * 1024)


def upload_dir() -> Path:
    folder = Path(_settings().upload_dir).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def upload_path(token: Any) -> Path | None:
    """The stored file for a token, or None: tokens are generated here, so anything else is refused."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    folder = upload_dir()
    path = (folder / f"{token}.csv").resolve()
    if path.parent != folder:
        return None
    return path


def _status_path(token: str) -> Path:
    return upload_dir() / f"{token}.status.json"


def _prune(folder: Path) -> None:
    cutoff = time.time() - KEEP_SECONDS
    for item in folder.iterdir():
        try:
            if item.is_file() and item.stat().st_mtime < cutoff:
                item.unlink()
        except OSError:
            pass


def human_size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


class UploadRefused(ValueError):
    pass


def decode_upload(contents: Any, filename: Any) -> bytes:
    """Check the upload's name, type, size and content; return its bytes or raise ``UploadRefused``."""
    if not isinstance(contents, str) or not isinstance(filename, str) or "," not in contents:
        raise UploadRefused("The upload did not arrive. Please choose the file again.")
    if not filename.lower().endswith(".csv"):
        raise UploadRefused("Only CSV files (ending .csv) can be imported. Save the spreadsheet as CSV (UTF-8) and try again.")
    header, _, payload = contents.partition(",")
    media = header.removeprefix("data:").split(";")[0].strip().lower()
    if media not in ALLOWED_TYPES or ";base64" not in header:
        raise UploadRefused(f"This file is not a CSV file (its type is {media or 'unknown'}).")
    limit = upload_limit()
    if len(payload) * 3 // 4 > limit + 3:
        raise UploadRefused(f"The file is larger than the {human_size(limit)} limit.")
    try:
        data = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise UploadRefused("The upload was damaged on the way. Please choose the file again.") from None
    if len(data) > limit:
        raise UploadRefused(f"The file is larger than the {human_size(limit)} limit.")
    if not data.strip():
        raise UploadRefused("The file is empty.")
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF")):
        raise UploadRefused(
            "This file is not a CSV text file (it looks like a spreadsheet or other binary file). Save it as CSV (UTF-8)."
        )
    return data


def store_upload(data: bytes) -> str:
    """Write the bytes under the upload folder with a generated name; return the token."""
    folder = upload_dir()
    _prune(folder)
    token = uuid.uuid4().hex
    path = upload_path(token)
    assert path is not None
    path.write_bytes(data)
    return token


def _problem_list(report) -> html.Div:  # type: ignore[no-untyped-def]
    shown = report.problems[:MAX_PROBLEMS_SHOWN]
    more = len(report.problems) - len(shown)
    items = [html.Li(str(problem)) for problem in shown]
    if more > 0:
        items.append(html.Li(f"…and {more:,} more problems."))
    return html.Div(
        [
            html.H2("There is a problem with the file", className="h4"),
            html.P(
                f"Nothing can be imported until every problem is fixed ({len(report.problems):,} found). Nothing was written."
            ),
            html.Ul(items, id="admin-import-problems"),
        ],
        className="admin-error",
    )


def _summary(report, heading: str) -> html.Div:  # type: ignore[no-untyped-def]
    rows = [
        ("Format", report.format or "unknown"),
        ("Rows read", f"{report.rows_read:,}"),
        ("New values", f"{report.inserted:,}"),
        ("Changed values (old figures kept as revisions)", f"{report.updated:,}"),
        ("Unchanged values", f"{report.unchanged:,}"),
        ("Indicators", ", ".join(report.indicators) or "none"),
    ]
    if report.indicators_registered:
        rows.append(("New indicators registered", ", ".join(report.indicators_registered)))
    return html.Div(
        [
            html.H2(heading, className="h4"),
            html.Dl(sum(([html.Dt(k), html.Dd(v)] for k, v in rows), []), className="admin-summary"),
            *[html.P(note) for note in report.notes[:20]],
        ]
    )


def _rendering_for_visitor() -> bool:
    """True inside the page-routing callback; False when Dash builds its validation layout at start-up
    (that copy has no data in it, and callbacks need the component ids to exist)."""
    return has_request_context() and request.path.endswith("/_dash-update-component")


def layout(**_query: str):  # type: ignore[no-untyped-def]
    if _rendering_for_visitor() and not is_signed_in():
        return html.Div(
            [
                html.H1("Sign in to import data"),
                html.P(
                    [
                        "Importing data is for administrators. ",
                        html.A("Sign in", href=app_path("/admin/login?next=/admin/import")),
                        ".",
                    ]
                ),
            ]
        )
    limit = upload_limit()
    return html.Div(
        [
            html.H1("Import data"),
            html.P(
                [
                    "Upload a CSV file in one of the formats Outcome Bees reads: a Fingertips “all data” export, a DfE "
                    "Explore Education Statistics data file, an ONS Explore Local Statistics file, or the native "
                    "format. ",
                    html.A(
                        "Download the native template (CSV)", href=app_path("/admin/template.csv"), id="admin-import-template"
                    ),
                    " to start a file of your own.",
                ]
            ),
            html.P(
                f"The file is checked first and nothing is written until you confirm. Files up to {human_size(limit)}. "
                "A file with any problem is not imported at all."
            ),
            html.H2("1. Choose a file", className="h4"),
            dcc.Upload(
                id="admin-import-upload",
                children=html.Div(
                    [
                        html.Span("Choose a CSV file", className="btn btn-outline-primary admin-upload-button"),
                        html.Span(" or drag and drop it here", className="admin-upload-hint"),
                    ]
                ),
                accept=".csv,text/csv",
                max_size=limit,
                multiple=False,
                className="admin-upload",
            ),
            dcc.Loading(html.Div(id="admin-import-check", role="status", **{"aria-live": "polite"}), type="default"),
            html.H2("2. Import", className="h4 mt-4"),
            html.Button(
                "Import this file",
                id="admin-import-confirm",
                className="btn btn-primary admin-button",
                disabled=True,
                n_clicks=0,
                type="button",
            ),
            html.Div(id="admin-import-progress", role="status", **{"aria-live": "polite"}, className="mt-3"),
            dcc.Store(id="admin-import-token"),
            dcc.Store(id="admin-import-job"),
            dcc.Interval(id="admin-import-poll", interval=700, disabled=True),
            html.P(html.A("Sign out", href=app_path("/admin/logout")), className="mt-5"),
        ],
        style={"maxWidth": "56rem"},
    )


def _writer_db():  # type: ignore[no-untyped-def]
    from web.admin import writer_database

    return writer_database()


@callback(
    Output("admin-import-check", "children"),
    Output("admin-import-token", "data"),
    Output("admin-import-confirm", "disabled"),
    Input("admin-import-upload", "contents"),
    State("admin-import-upload", "filename"),
    prevent_initial_call=True,
)
def check_upload(contents, filename):  # type: ignore[no-untyped-def]
    if not is_signed_in():
        raise dash.exceptions.PreventUpdate
    from data_access.importers.service import import_file

    try:
        data = decode_upload(contents, filename)
    except UploadRefused as refused:
        return (
            html.Div([html.H2("The file cannot be used", className="h4"), html.P(str(refused))], className="admin-error"),
            None,
            True,
        )
    token = store_upload(data)
    path = upload_path(token)
    name = filename if isinstance(filename, str) else "the file"
    try:
        report = import_file(_writer_db(), path, dry_run=True)
    except Exception:  # noqa: BLE001 - details to the log, a plain message to the person
        log.exception("dry run failed for upload %s", token)
        return (
            html.Div(
                html.P("The file could not be checked because of a problem on our side. It has been logged."),
                className="admin-error",
            ),
            None,
            True,
        )
    if report.problems:
        path.unlink(missing_ok=True)
        return html.Div([html.P(f"Checked {name}."), _problem_list(report)]), None, True
    return html.Div([html.P(f"Checked {name}: no problems found."), _summary(report, "What importing it would do")]), token, False


def _write_status(token: str, **status: Any) -> None:
    target = _status_path(token)
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps(status))
    temp.replace(target)


def _run_import(app, token: str) -> None:  # type: ignore[no-untyped-def]
    from data_access.importers.service import import_file

    with app.app_context():
        path = upload_path(token)
        last = [0.0]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] > 0.3 or stage == "done":
                last[0] = now
                _write_status(token, state="running", stage=stage, done=done, total=total)

        try:
            report = import_file(_writer_db(), path, dry_run=False, progress=progress)
            _write_status(
                token,
                state="finished",
                ok=report.ok,
                report=report.as_dict(),
                problems=[str(p) for p in report.problems[:MAX_PROBLEMS_SHOWN]],
            )
        except Exception as error:  # noqa: BLE001
            log.exception("import of upload %s failed", token)
            from data_access.__main__ import describe_database_error

            message = describe_database_error(error) or "a problem on our side (logged)"
            _write_status(token, state="failed", message=f"The import failed and nothing was written: {message}.")
        finally:
            if path is not None:
                path.unlink(missing_ok=True)


@callback(
    Output("admin-import-job", "data"),
    Output("admin-import-poll", "disabled"),
    Output("admin-import-confirm", "disabled", allow_duplicate=True),
    Output("admin-import-progress", "children"),
    Input("admin-import-confirm", "n_clicks"),
    State("admin-import-token", "data"),
    prevent_initial_call=True,
)
def start_import(n_clicks, token):  # type: ignore[no-untyped-def]
    if not is_signed_in() or not n_clicks:
        raise dash.exceptions.PreventUpdate
    path = upload_path(token)
    if path is None or not path.is_file():
        return None, True, True, html.P("Choose and check a file first.")
    _write_status(token, state="running", stage="read", done=0, total=1)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    threading.Thread(target=_run_import, args=(app, token), name=f"import-{token[:8]}", daemon=True).start()
    return token, False, True, html.P("Import started…")


def progress_view(status: dict[str, Any]) -> tuple[Any, bool]:
    """(what to show, whether polling should stop)."""
    state = status.get("state")
    if state == "running":
        stage = {"read": "Reading", "validate": "Checking", "write": "Writing", "done": "Finishing"}.get(
            status.get("stage"), "Working"
        )
        done, total = int(status.get("done") or 0), max(1, int(status.get("total") or 1))
        percent = max(0, min(100, round(100 * done / total)))
        return html.Div(
            [
                html.P(f"{stage}: {percent}% ({done:,} of {total:,} rows)"),
                html.Progress(value=str(percent), max="100", **{"aria-label": "Import progress"}, className="admin-progress"),
            ]
        ), False
    if state == "finished" and status.get("ok"):
        report = status.get("report") or {}
        return html.Div(
            [
                html.H2("Import complete", className="h4"),
                html.P(
                    f"{report.get('rows_read', 0):,} rows read: {report.get('inserted', 0):,} new values, "
                    f"{report.get('updated', 0):,} changed, {report.get('unchanged', 0):,} unchanged."
                ),
                html.P(dcc.Link("See the indicator catalogue", href=app_path("/indicators"))),
            ],
            className="admin-ok",
        ), True
    if state == "finished":
        return html.Div(
            [html.H2("Nothing was imported", className="h4"), html.Ul([html.Li(p) for p in status.get("problems", [])])],
            className="admin-error",
        ), True
    return html.Div(html.P(str(status.get("message") or "The import stopped.")), className="admin-error"), True


@callback(
    Output("admin-import-progress", "children", allow_duplicate=True),
    Output("admin-import-poll", "disabled", allow_duplicate=True),
    Input("admin-import-poll", "n_intervals"),
    State("admin-import-job", "data"),
    prevent_initial_call=True,
)
def poll_import(_n, token):  # type: ignore[no-untyped-def]
    if not is_signed_in() or upload_path(token) is None:
        raise dash.exceptions.PreventUpdate
    try:
        status = json.loads(_status_path(token).read_text())
    except (OSError, ValueError):
        return no_update, False
    view, stop = progress_view(status)
    return view, stop
