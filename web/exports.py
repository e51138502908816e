"""Exports that mirror the views: ``/export/<page>.csv|png|svg?<the view's query>``."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request

from views.base import ViewNotFound
from views.registry import build_views
from web.csvsafe import frame_to_safe_csv

exports_blueprint = Blueprint("exports", __name__)


def _views(page: str):  # type: ignore[no-untyped-def]
    try:
        return build_views(page, request.args.to_dict())
    except ViewNotFound as missing:
        abort(404, description=missing.message)


@exports_blueprint.get("/export/<page>.csv")
def export_csv(page: str) -> Response:
    views = _views(page)
    view = views[0]
    body = frame_to_safe_csv(view.data)
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{view.filename_stem}.csv"'})
