"""Exports that mirror the views: ``/export/<page>.csv|png|svg?<the view's query>``.

Images are made on the server by kaleido (``web.kaleido_render``) at a fixed 1600×900 (PNG at
scale 2 → 3200×1800), with title, subtitle, illustrative marking, notes (suppression), sources,
extract date and a link back drawn around the chart (``components.export_figure``).
``?view=`` selects among a page's charts where the view module offers several (``compare``: tiles, map).
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

import pandas as pd
from flask import Blueprint, Response, abort, request

from components.export_figure import (
    EXPORT_WIDTH,
    PNG_SCALE,
    chart_only,
    compose_png,
    compose_svg,
    export_layout,
)
from components.routes import page_path, url_for
from data_access import reads
from views.base import ChartView, ViewNotFound
from views.registry import build_views
from web.csvsafe import frame_to_safe_csv
from web.kaleido_render import ExportUnavailable, render

exports_blueprint = Blueprint("exports", __name__)


def _views(page: str, query: dict[str, Any] | None = None) -> list[ChartView]:
    try:
        views = build_views(page, request.args.to_dict() if query is None else query)
    except ViewNotFound as missing:
        abort(404, description=missing.message)
    if not views:
        abort(404, description="This view has no chart to export.")
    return views


def extract_date(view: ChartView) -> str | None:
    """The newest extract date among the sources of the values shown (else the database's newest)."""
    try:
        frame = reads.sources()
    except Exception:  # noqa: BLE001 - a missing date must not stop an export
        return None
    titles = set(view.data["source_title"].dropna()) if "source_title" in view.data else set()
    used = frame[frame["title"].isin(titles)] if titles else frame
    dates = pd.to_datetime(used["extracted_on"].dropna(), errors="coerce").dropna()
    if dates.empty:
        dates = pd.to_datetime(frame["extracted_on"].dropna(), errors="coerce").dropna()
    return f"{dates.max():%-d %B %Y}" if not dates.empty else None


def view_link(page: str, query: dict[str, Any], root: str | None = None) -> str:
    root = (root if root is not None else request.url_root).rstrip("/")
    path = url_for("area", code=query["_id"]) if page == "area" and "_id" in query else page_path(page)
    visible = {k: v for k, v in query.items() if not k.startswith("_")}
    return f"{root}{path}" + (f"?{urlencode(visible)}" if visible else "")


def today() -> str:
    return f"{dt.date.today():%-d %B %Y}"


def export_image(view: ChartView, fmt: str, link: str | None = None) -> bytes:
    """The finished export (``png`` or ``svg``) for one view."""
    layout = export_layout(view.text, extract_date=extract_date(view), generated=today(), link=link)
    figure = chart_only(view.figure, EXPORT_WIDTH, layout.chart_height)
    if fmt == "svg":
        return compose_svg(render(figure, "svg", EXPORT_WIDTH, layout.chart_height), layout, view.text)
    return compose_png(render(figure, "png", EXPORT_WIDTH, layout.chart_height, scale=PNG_SCALE), layout, PNG_SCALE)


def _attachment(body: bytes | str, mimetype: str, filename: str) -> Response:
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


@exports_blueprint.get("/export/<page>.csv")
def export_csv(page: str) -> Response:
    views = _views(page)
    view = views[0]
    body = frame_to_safe_csv(view.data)
    return Response(
        body, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{view.filename_stem}.csv"'}
    )


@exports_blueprint.get("/export/<page>.png")
def export_png(page: str) -> Response:
    return _image(page, "png", "image/png")


@exports_blueprint.get("/export/<page>.svg")
def export_svg(page: str) -> Response:
    return _image(page, "svg", "image/svg+xml")


def _image(page: str, fmt: str, mimetype: str) -> Response:
    query = request.args.to_dict()
    view = _views(page, query)[0]
    try:
        body = export_image(view, fmt, link=view_link(page, query))
    except ExportUnavailable as unavailable:
        abort(503, description=str(unavailable))
    return _attachment(body, mimetype, f"{view.filename_stem}.{fmt}")
