"""``/admin/plans``: a signed-in administrator uploads a plan file, downloads a plan or its
local-measure template.

Why a page of its own (not the Dash import page): a plan file is checked and written in one
short step by ``data_access.plans.store`` — the same code as ``python -m data_access plan`` —
so the page is a plain form. Everything under ``/admin`` is guarded by ``web.admin`` (sign-in,
CSRF on the POST).
"""

from __future__ import annotations

import logging
import re

from flask import Blueprint, Response, render_template, request

from data_access import reads
from data_access.cache import clear
from data_access.plans import format as plan_format
from data_access.plans import store
from views.admin_import import signed_in_user
from web.session import writer_database

log = logging.getLogger("outcome_bees.admin")

#: Plan ids in URLs: what a framework_id may hold (letters, digits, - and _).
_PLAN_ID = re.compile(r"[A-Za-z0-9_-]{1,60}")


def _page(status: int = 200, **context: object) -> Response:
    frameworks = reads.frameworks()
    plans = [
        {
            "id": str(r.id),
            "name": str(r.name),
            "owner": owner["name"] if (owner := reads.area(str(r.owner_area_code))) else r.owner_area_code,
        }
        for r in frameworks.itertuples()
    ]
    html = render_template("admin/plans.html", plans=plans, **context)
    response = Response(html, status=status, mimetype="text/html")
    response.headers["Cache-Control"] = "no-store"
    return response


def plans_page() -> Response:
    return _page()


def plans_upload() -> Response:
    """POST: check the whole file; write it unless asked for a dry run; say what happened."""
    upload = request.files.get("plan_file")
    if upload is None or not upload.filename:
        return _page(400, error="Choose a plan file (CSV) to upload.")
    text = plan_format.decode(upload.read())
    dry_run = request.form.get("dry_run") == "on"
    try:
        result = store.import_plan(writer_database(), text, dry_run=dry_run)
    except plan_format.PlanFileError as error:
        return _page(
            400, error=f"{upload.filename}: {len(error.problems)} problem(s); nothing was written.", problems=error.problems
        )
    log.info("plan %s %s by %s", result.framework_id, "checked" if dry_run else "imported", signed_in_user())
    if not dry_run:
        clear()  # the menus and the summary read the plans through the cache
    return _page(message=result.summary() + (" Dry run: nothing was written." if dry_run else ""))


def _csv(text: str, filename: str) -> Response:
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def plan_export(framework_id: str) -> Response:
    plan = store.load_plan(writer_database(), framework_id) if _PLAN_ID.fullmatch(framework_id) else None
    if plan is None:
        return _page(404, error=f"There is no plan {framework_id!r}.")
    return _csv(plan_format.to_csv(plan), f"{framework_id}.csv")


def plan_template(framework_id: str) -> Response:
    text = store.template(writer_database(), framework_id) if _PLAN_ID.fullmatch(framework_id) else None
    if text is None:
        return _page(404, error=f"There is no plan {framework_id!r}.")
    return _csv(text, f"{framework_id}-local-measures-template.csv")


def plans_blueprint() -> Blueprint:
    blueprint = Blueprint("admin_plans", __name__, template_folder="templates")
    blueprint.add_url_rule("/admin/plans", "plans_page", plans_page, methods=["GET"])
    blueprint.add_url_rule("/admin/plans", "plans_upload", plans_upload, methods=["POST"])
    blueprint.add_url_rule("/admin/plans/<framework_id>.csv", "plan_export", plan_export, methods=["GET"])
    blueprint.add_url_rule("/admin/plans/<framework_id>/template.csv", "plan_template", plan_template, methods=["GET"])
    return blueprint
