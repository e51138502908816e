"""Import data: ``/admin/import`` (administrators only; ``web.admin`` guards every ``/admin`` path).

Upload a CSV → checked with a dry run → problems or a summary are shown → "Import this file"
runs the real import as the writer database role (``IMPORT_DATABASE_URL``). The upload and the
job's progress are kept where every server sees them (the database, or Redis when ``REDIS_URL``
is set: ``web.import_jobs``), so the check, the click and each progress poll may reach different
servers. Nothing is written unless the whole file is valid; the import is one transaction.
"""

from __future__ import annotations

import base64
import binascii
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html, no_update
from flask import current_app, has_request_context, request

from components.paths import app_path
from views.admin_import import import_jobs, is_signed_in, signed_in_user

dash.register_page(
    __name__,
    path="/admin/import",
    title="Import data – Outcome Bees administration",
    name="Import data",
    description="Administrators: upload and import indicator data.",
)

log = logging.getLogger("outcome_bees.admin.import")

ALLOWED_TYPES = {"", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "application/octet-stream"}
MAX_PROBLEMS_SHOWN = 50
# hyphenated HTML attributes go in as **kwargs; Any values because the typed components name only Python identifiers
_POLITE: dict[str, Any] = {"aria-live": "polite"}
_PROGRESS_LABEL: dict[str, Any] = {"aria-label": "Import progress"}


def upload_limit() -> int:
    """The largest file accepted: what fits in one request once base64-encoded (4/3) with room for the form."""
    try:
        request_limit = int(current_app.config["OUTCOME_BEES_SETTINGS"].upload_max_bytes)
    except (RuntimeError, KeyError):
        from settings import Settings

        request_limit = Settings().upload_max_bytes
    return max(1024, request_limit * 3 // 4 - 64 * 1024)


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


def _problem_list(problems: Sequence[str]) -> html.Div:
    shown = problems[:MAX_PROBLEMS_SHOWN]
    more = len(problems) - len(shown)
    items = [html.Li(problem) for problem in shown]
    if more > 0:
        items.append(html.Li(f"…and {more:,} more problems."))
    return html.Div(
        [
            html.H2("There is a problem with the file", className="h4"),
            html.P(f"Nothing can be imported until every problem is fixed ({len(problems):,} found). Nothing was written."),
            html.Ul(items, id="admin-import-problems"),
        ],
        className="admin-error",
    )


def _summary(report: Mapping[str, Any], heading: str) -> html.Div:
    rows = [
        ("Format", report.get("format") or "unknown"),
        ("Rows read", f"{report.get('rows_read', 0):,}"),
        ("New values", f"{report.get('inserted', 0):,}"),
        ("Changed values (old figures kept as revisions)", f"{report.get('updated', 0):,}"),
        ("Unchanged values", f"{report.get('unchanged', 0):,}"),
        ("Indicators", ", ".join(report.get("indicators") or []) or "none"),
    ]
    if report.get("indicators_registered"):
        rows.append(("New indicators registered", ", ".join(report["indicators_registered"])))
    return html.Div(
        [
            html.H2(heading, className="h4"),
            html.Dl(sum(([html.Dt(k), html.Dd(v)] for k, v in rows), []), className="admin-summary"),
            *[html.P(note) for note in list(report.get("notes") or [])[:20]],
        ]
    )


def _rendering_for_visitor() -> bool:
    """True inside the page-routing callback; False when Dash builds its validation layout at start-up
    (that copy has no data in it, and callbacks need the component ids to exist)."""
    return has_request_context() and request.path.endswith("/_dash-update-component")


def layout(**_query: str) -> html.Div:
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
            dcc.Loading(html.Div(id="admin-import-check", role="status", **_POLITE), type="default"),
            html.H2("2. Import", className="h4 mt-4"),
            html.Button(
                "Import this file",
                id="admin-import-confirm",
                className="btn btn-primary admin-button",
                disabled=True,
                n_clicks=0,
                type="button",
            ),
            html.Div(id="admin-import-progress", role="status", **_POLITE, className="mt-3"),
            dcc.Store(id="admin-import-token"),
            dcc.Store(id="admin-import-job"),
            dcc.Interval(id="admin-import-poll", interval=700, disabled=True),
            html.P(html.A("Sign out", href=app_path("/admin/logout")), className="mt-5"),
        ],
        style={"maxWidth": "56rem"},
    )


def _error(*children: Any) -> html.Div:
    return html.Div(list(children), className="admin-error")


@callback(
    Output("admin-import-check", "children"),
    Output("admin-import-token", "data"),
    Output("admin-import-confirm", "disabled"),
    Input("admin-import-upload", "contents"),
    State("admin-import-upload", "filename"),
    prevent_initial_call=True,
)
def check_upload(contents: Any, filename: Any) -> tuple[html.Div, str | None, bool]:
    who = signed_in_user()
    if who is None:
        raise dash.exceptions.PreventUpdate
    try:
        data = decode_upload(contents, filename)
    except UploadRefused as refused:
        return _error(html.H2("The file cannot be used", className="h4"), html.P(str(refused))), None, True
    name = filename if isinstance(filename, str) else "the file"
    outcome = import_jobs().check(data, name, who)
    if outcome.failed:
        return _error(html.P("The file could not be checked because of a problem on our side. It has been logged.")), None, True
    if outcome.problems or outcome.token is None:
        return html.Div([html.P(f"Checked {name}."), _problem_list(outcome.problems)]), None, True
    return (
        html.Div([html.P(f"Checked {name}: no problems found."), _summary(outcome.report, "What importing it would do")]),
        outcome.token,
        False,
    )


@callback(
    Output("admin-import-job", "data"),
    Output("admin-import-poll", "disabled"),
    Output("admin-import-confirm", "disabled", allow_duplicate=True),
    Output("admin-import-progress", "children"),
    Input("admin-import-confirm", "n_clicks"),
    State("admin-import-token", "data"),
    prevent_initial_call=True,
)
def start_import(n_clicks: int | None, token: Any) -> tuple[str | None, bool, bool, html.P]:
    if not is_signed_in() or not n_clicks:
        raise dash.exceptions.PreventUpdate
    if not isinstance(token, str) or not import_jobs().start(token):
        return None, True, True, html.P("Choose and check a file first.")
    return token, False, True, html.P("Import started…")


def progress_view(status: Mapping[str, Any] | None) -> tuple[Any, bool]:
    """(what to show, whether polling should stop)."""
    if status is None:
        return _error(
            html.P("This import is no longer known (uploads are kept for 24 hours). Please choose the file again.")
        ), True
    state = status.get("state")
    if state in {"running", "checked"}:
        stage = {"read": "Reading", "validate": "Checking", "write": "Writing", "done": "Finishing"}.get(
            str(status.get("stage")), "Working"
        )
        done, total = int(status.get("done") or 0), max(1, int(status.get("total") or 1))
        percent = max(0, min(100, round(100 * done / total)))
        return html.Div(
            [
                html.P(f"{stage}: {percent}% ({done:,} of {total:,} rows)"),
                html.Progress(value=str(percent), max="100", **_PROGRESS_LABEL, className="admin-progress"),
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
        return _error(
            html.H2("Nothing was imported", className="h4"), html.Ul([html.Li(p) for p in status.get("problems", [])])
        ), True
    return _error(html.P(str(status.get("message") or "The import stopped."))), True


@callback(
    Output("admin-import-progress", "children", allow_duplicate=True),
    Output("admin-import-poll", "disabled", allow_duplicate=True),
    Input("admin-import-poll", "n_intervals"),
    State("admin-import-job", "data"),
    prevent_initial_call=True,
)
def poll_import(_n: int | None, token: Any) -> tuple[Any, bool]:
    if not is_signed_in() or not isinstance(token, str):
        raise dash.exceptions.PreventUpdate
    try:
        status = import_jobs().status(token)
    except Exception:  # noqa: BLE001 - the store is briefly unreachable: keep polling
        log.exception("could not read the progress of import job %s", token)
        return no_update, False
    return progress_view(status)
