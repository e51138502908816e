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
from dash.development.base_component import Component
from flask import current_app, has_request_context, request

from components.formatting import counted, format_value, status_text
from components.paths import app_path
from components.routes import route, url_for
from settings import Settings
from views.admin_import import import_jobs, is_signed_in, plain_note, signed_in_user

dash.register_page(__name__, **route("admin-import").dash_kwargs())

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


def _headline(report: Mapping[str, Any]) -> html.P:
    """The one-sentence summary the import button sits beside."""
    preview = report.get("preview") or {}
    indicators = list(preview.get("indicators") or [])
    new_indicators = sum(1 for entry in indicators if entry.get("new"))
    return html.P(
        [
            "Importing it would add ",
            html.Strong(f"{int(report.get('inserted') or 0):,} new values"),
            f", change {int(report.get('updated') or 0):,} and leave {int(report.get('unchanged') or 0):,} as they are. "
            f"It holds {len(indicators):,} indicator{'s' if len(indicators) != 1 else ''}: "
            f"{new_indicators:,} new indicator{'s' if new_indicators != 1 else ''}, "
            f"{len(indicators) - new_indicators:,} already here.",
        ],
        id="admin-import-headline",
    )


def _sample_value(row: Mapping[str, Any]) -> str:
    shown = format_value(
        row.get("value"), str(row.get("value_type") or "other"), int(row.get("decimals") or 0), status=row.get("status")
    )
    unit = str(row.get("unit") or "")
    if row.get("value") is None or row.get("value_type") == "percentage" or unit in {"", "%", "number", "value"}:
        return shown
    return f"{shown} ({unit})"


def _areas_line(entry: Mapping[str, Any]) -> html.Li:
    count, new = int(entry.get("count") or 0), int(entry.get("new") or 0)
    within = list(entry.get("within") or [])
    extra = int(entry.get("within_count") or 0) - len(within)
    where = f" in {', '.join(within)}" + (f" and {extra:,} more" if extra > 0 else "") if within else ""
    state = "new" if new == count else ("already here" if new == 0 else f"{new:,} new")
    level = str(entry.get("level") or "")
    noun = str(entry.get("singular") or level)
    return html.Li(f"{counted(count, noun, str(entry.get('plural') or level))}{where}, {state}")


def _preview(report: Mapping[str, Any]) -> html.Div:
    """What the file holds, in words: indicators, five rows as stored, areas by level, notes."""
    preview = report.get("preview") or {}
    indicators = list(preview.get("indicators") or [])
    names = {str(entry.get("id")): str(entry.get("name")) for entry in indicators}
    samples = list(preview.get("samples") or [])
    notes = [text for text in (plain_note(str(note), names) for note in list(report.get("notes") or [])[:40]) if text]
    columns = ["Line", "Indicator", "Area", "Period", "Group", "Value", "Status"]
    table = html.Table(
        [
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody(
                [
                    html.Tr(
                        [
                            html.Td(f"{row.get('line')}"),
                            html.Td(str(row.get("indicator"))),
                            html.Td(str(row.get("area"))),
                            html.Td(str(row.get("period"))),
                            html.Td(str(row.get("breakdown") or "All")),
                            html.Td(_sample_value(row)),
                            html.Td(status_text(row.get("status")) if row.get("status") else "published"),
                        ]
                    )
                    for row in samples
                ]
            ),
        ],
        className="table table-sm admin-sample",
        id="admin-import-sample",
    )
    return html.Div(
        [
            html.H3("Indicators", className="h5"),
            html.Ul(
                [
                    html.Li(
                        [
                            str(entry.get("name")),
                            " ",
                            html.Span("(new)" if entry.get("new") else "(existing)", className="text-muted"),
                        ]
                    )
                    for entry in indicators[:60]
                ]
                + ([html.Li(f"…and {len(indicators) - 60:,} more")] if len(indicators) > 60 else []),
                id="admin-import-indicators",
            ),
            html.H3(f"{counted(len(samples), 'row')} as they will be stored", className="h5"),
            table,
            html.H3("Areas", className="h5"),
            html.Ul([_areas_line(entry) for entry in preview.get("areas") or []], id="admin-import-areas"),
            *(
                [html.H3("Notes", className="h5"), html.Ul([html.Li(note) for note in notes[:20]], id="admin-import-notes")]
                if notes
                else []
            ),
        ]
    )


def _rendering_for_visitor() -> bool:
    """True inside the page-routing callback; False when Dash builds its validation layout at start-up
    (that copy has no data in it, and callbacks need the component ids to exist)."""
    return has_request_context() and request.path.endswith("/_dash-update-component")


def _sign_in_prompt() -> html.Div:
    """What a visitor who is not signed in sees instead of the form (the route guard lets the page shell through)."""
    return html.Div(
        [
            html.H1("Sign in to import data"),
            html.P(
                [
                    "Importing data is for administrators. ",
                    html.A("Sign in", href=app_path(url_for("admin-login", next=url_for("admin-import")))),
                    ".",
                ]
            ),
        ]
    )


def _introduction(limit: int) -> list[Component]:
    """What the page accepts and the promise that nothing is written before the administrator confirms."""
    return [
        html.H1("Import data"),
        html.P(
            [
                "Upload a CSV file in one of the formats Outcome Bees reads: a Fingertips “all data” export, a DfE "
                "Explore Education Statistics data file, an ONS Explore Local Statistics file, or the native "
                "format. ",
                html.A(
                    "Download the native template (CSV)", href=app_path(url_for("admin-template")), id="admin-import-template"
                ),
                " to start a file of your own.",
            ]
        ),
        html.P(
            f"The file is checked first and nothing is written until you confirm. Files up to {human_size(limit)}. "
            "A file with any problem is not imported at all."
        ),
    ]


def _upload(limit: int) -> dcc.Upload:
    """The file picker; its size limit is the server's, so a too-large file is refused before it is sent."""
    return dcc.Upload(
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
    )


def _actions() -> html.Div:
    """The import button sits right beside the one-line summary of what the import would do."""
    return html.Div(
        [
            html.Button(
                "Import this file",
                id="admin-import-confirm",
                className="btn btn-primary admin-button",
                disabled=True,
                n_clicks=0,
                type="button",
            ),
            html.Button(
                "Choose another file",
                id="admin-import-another",
                className="btn btn-outline-secondary admin-button",
                hidden=True,
                n_clicks=0,
                type="button",
            ),
        ],
        className="admin-import-actions d-flex flex-wrap gap-2 align-items-center",
    )


def layout(**_query: str) -> html.Div:
    if _rendering_for_visitor() and not is_signed_in():
        return _sign_in_prompt()
    limit = upload_limit()
    return html.Div(
        [
            *_introduction(limit),
            html.H2("1. Choose a file", className="h4"),
            _upload(limit),
            dcc.Loading(html.Div(id="admin-import-check", role="status", **_POLITE), type="default"),
            _actions(),
            html.Div(id="admin-import-progress", role="status", **_POLITE, className="mt-3"),
            html.Div(id="admin-import-preview", className="mt-3"),
            dcc.Store(id="admin-import-token"),
            dcc.Store(id="admin-import-job"),
            dcc.Interval(id="admin-import-poll", interval=700, disabled=True),
            html.P(html.A("Sign out", href=app_path(url_for("admin-logout"))), className="mt-5"),
        ],
        style={"maxWidth": "56rem"},
    )


def _error(*children: Any) -> html.Div:
    return html.Div(list(children), className="admin-error")


@callback(
    Output("admin-import-check", "children"),
    Output("admin-import-preview", "children"),
    Output("admin-import-token", "data"),
    Output("admin-import-confirm", "disabled"),
    Output("admin-import-another", "hidden"),
    Input("admin-import-upload", "contents"),
    State("admin-import-upload", "filename"),
    prevent_initial_call=True,
)
def check_upload(contents: Any, filename: Any) -> tuple[Any, Any, str | None, bool, bool]:
    who = signed_in_user()
    if who is None or contents is None:
        raise dash.exceptions.PreventUpdate
    try:
        data = decode_upload(contents, filename)
    except UploadRefused as refused:
        return _error(html.H2("The file cannot be used", className="h4"), html.P(str(refused))), None, None, True, False
    name = filename if isinstance(filename, str) else "the file"
    outcome = import_jobs().check(data, name, who)
    if outcome.failed:
        failed = _error(html.P("The file could not be checked because of a problem on our side. It has been logged."))
        return failed, None, None, True, False
    if outcome.problems or outcome.token is None:
        return html.Div([html.P(f"Checked {name}."), _problem_list(outcome.problems)]), None, None, True, False
    return (
        html.Div([html.P(f"Checked {name}: no problems found."), _headline(outcome.report)]),
        _preview(outcome.report),
        outcome.token,
        False,
        False,
    )


@callback(
    Output("admin-import-check", "children", allow_duplicate=True),
    Output("admin-import-preview", "children", allow_duplicate=True),
    Output("admin-import-token", "data", allow_duplicate=True),
    Output("admin-import-confirm", "disabled", allow_duplicate=True),
    Output("admin-import-another", "hidden", allow_duplicate=True),
    Output("admin-import-progress", "children", allow_duplicate=True),
    Output("admin-import-upload", "contents"),
    Output("admin-import-poll", "disabled", allow_duplicate=True),
    Input("admin-import-another", "n_clicks"),
    prevent_initial_call=True,
)
def choose_another(n_clicks: int | None) -> tuple[Any, ...]:
    """Start again: clear the check, the preview and any outcome, ready for the next file."""
    if not is_signed_in() or not n_clicks:
        raise dash.exceptions.PreventUpdate
    return None, None, None, True, True, None, None, True


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


# Choosing the same file again must be a change too: empty the browser's file box ("Choose another file")
dash.clientside_callback(
    """function (n) {
        var box = document.querySelector('#admin-import-upload input[type=file]');
        if (box) { box.value = ''; }
        return null;
    }""",
    Output("admin-import-upload", "filename"),
    Input("admin-import-another", "n_clicks"),
    prevent_initial_call=True,
)


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
                html.P(
                    "Reading the file…"
                    if status.get("stage") == "read"
                    else f"{stage}: {percent}% ({done:,} of {total:,} {'values' if status.get('stage') == 'write' else 'rows'})"
                ),
                html.Progress(value=str(percent), max="100", **_PROGRESS_LABEL, className="admin-progress"),
            ]
        ), False
    if state == "finished" and status.get("ok"):
        report = status.get("report") or {}
        return html.Div(
            [
                html.H2("Import complete", className="h4"),
                html.P(
                    f"{counted(int(report.get('rows_read', 0)), 'row')} read: {counted(int(report.get('inserted', 0)), 'new value')}, "
                    f"{report.get('updated', 0):,} changed, {report.get('unchanged', 0):,} unchanged."
                ),
                html.P(dcc.Link("See the indicator catalogue", href=app_path(url_for("indicators")))),
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
    except Exception:  # the store is briefly unreachable: keep polling
        log.exception("could not read the progress of import job %s", token)
        return no_update, False
    return progress_view(status)
