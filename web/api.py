"""The HTTP API for analysts: ``/api/v1/…`` and ``/healthz``.

These URLs and field names are a public contract (analysts' scripts depend on them): add
fields, never rename. Unknown ids give a 404 with a JSON message, never a traceback.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import pandas as pd
from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue

from data_access import reads
from data_access.models import AREA_LEVELS as AREA_LEVEL_NAMES
from data_access.models import FIGURE_COLUMNS, TOTAL
from views.api_stats import add_benchmark_comparison, add_intervals, add_neighbour_benchmark, add_ranks, add_recent_trend
from views.base import ViewNotFound
from web.csvsafe import frame_to_safe_csv
from web.query import ApiError, parse_areas, parse_breakdown, parse_level, parse_model

api_blueprint = Blueprint("api", __name__)

DATA_COLUMNS = [
    "indicator_id",
    "area_code",
    "area_name",
    "period",
    "period_type",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    *FIGURE_COLUMNS,
    "unit",
    "source",
    "source_line",
    "source_url",
    "illustrative",
]


@api_blueprint.errorhandler(ApiError)
def _api_error(error: ApiError) -> ResponseReturnValue:
    return jsonify({"error": error.title, "message": error.message, **error.extra}), error.status


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(key): _clean(value) for key, value in row.items()} for row in frame.to_dict("records")]


@api_blueprint.get("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        reads.ping()
    except Exception as error:  # noqa: BLE001 - any failure is "unhealthy", details to the log
        logging.getLogger("outcome_bees.health").warning("health check failed: %s", error)
        return jsonify({"status": "error", "database": "unreachable"}), 503
    return jsonify({"status": "ok", "database": "ok"})


@api_blueprint.get("/api/v1/indicators")
def list_indicators() -> ResponseReturnValue:
    frame = reads.indicators()
    out = pd.DataFrame(
        {
            "id": frame["id"],
            "name": frame["name"],
            "unit": frame["unit"],
            "value_type": frame["value_type"],
            "polarity": frame["polarity"],
            "period_type": frame["period_type"],
            "ci_method": frame["ci_method"],
            "definition": frame["definition"],
            "source": frame["source_title"],
            "source_url": frame["source_url"],
            # an integer id, never 90284.0 (a nullable column reads back as float)
            "fingertips_id": pd.Series([None if pd.isna(v) else int(v) for v in frame["fingertips_id"]], dtype=object),
            "codes": frame["codes"],
            "has_data": frame["has_data"],
        }
    )
    return jsonify({"indicators": _records(out)})


@api_blueprint.get("/api/v1/indicators/<indicator_id>")
def get_indicator(indicator_id: str) -> ResponseReturnValue:
    found = reads.indicator(indicator_id)
    if found is None:
        raise ApiError(404, "Not Found", f"No indicator with id {indicator_id!r}. See /api/v1/indicators.")
    return jsonify({key: _clean(value) if not isinstance(value, list) else value for key, value in found.items()})


@api_blueprint.get("/api/v1/areas")
def list_areas() -> ResponseReturnValue:
    frame = _filtered_areas(request.args.get("level"), request.args.get("parent"))
    aliases = reads.area_aliases()
    by_area = aliases.groupby("area_code")["alias"].apply(list).to_dict() if not aliases.empty else {}
    records = _records(frame[["code", "name", "short_name", "level", "parent_code", "dfe_la_code"]])
    for record in records:
        record["other_codes"] = by_area.get(record["code"], [])
    return jsonify({"areas": records})


@api_blueprint.get("/api/v1/neighbours")
def list_neighbours() -> ResponseReturnValue:
    """A council's ten DfE statistical neighbours in order, with closeness (LAIT's comparator group)."""
    raw = (request.args.get("area") or "").strip().upper()
    if not raw:
        raise ApiError(400, "Bad Request", "The 'area' parameter is required, e.g. ?area=E10000015.")
    model = parse_model(request.args.get("model"))
    code = reads.resolve_area_code(raw)
    found = reads.area(code) if code else None
    if found is None:
        raise ApiError(404, "Not Found", f"Unknown area code {raw!r}. See /api/v1/areas.")
    group = reads.statistical_neighbours(code, model=model)
    if group.empty:
        raise ApiError(
            404,
            "Not Found",
            f"{found['name']} has no statistical neighbours in the DfE {model} model: "
            "the models cover upper-tier councils (county and unitary), not districts, regions or England.",
        )
    return jsonify(
        {
            "area": {"code": code, "name": found["name"]},
            "model": model,
            "source": group["source_title"].iloc[0],
            "neighbours": _records(group[["rank", "code", "name", "closeness"]]),
        }
    )


def _filtered_areas(level: str | None, parent: str | None) -> pd.DataFrame:
    """``?level=ward,msoa&parent=E07000095``: both optional; without them every area, as before."""
    levels = None
    if level:
        levels = [part.strip().lower() for part in level.split(",") if part.strip()]
        unknown = [part for part in levels if part not in AREA_LEVEL_NAMES]
        if unknown:
            raise ApiError(
                400, "Bad Request", f"Unknown area level {', '.join(unknown)!s}; use one of {', '.join(AREA_LEVEL_NAMES)}."
            )
    parent_code = None
    if parent:
        parent_code = reads.resolve_area_code(parent.strip().upper())
        if parent_code is None:
            raise ApiError(404, "Not Found", f"Unknown parent area code {parent!r}. See /api/v1/areas.")
    return reads.areas(levels=levels, parent=parent_code)


def _data_frame() -> tuple[pd.DataFrame, dict[str, Any]]:
    """Parse the query, fetch the rows and add statistics; shared by data.json and data.csv."""
    args = request.args
    indicator_id = (args.get("indicator") or "").strip()
    if not indicator_id:
        raise ApiError(400, "Bad Request", "The 'indicator' parameter is required, e.g. ?indicator=u18-conceptions.")
    meta = reads.indicator(indicator_id)
    if meta is None:
        raise ApiError(404, "Not Found", f"No indicator with id {indicator_id!r}. See /api/v1/indicators.")
    area_codes, notes = parse_areas(args.get("areas"))
    dimension, values = parse_breakdown(args.get("breakdown"))
    period_labels = [p.strip() for p in (args.get("period") or "").split(",") if p.strip()] or None
    frame = reads.series(
        indicator_id,
        area_codes,
        breakdown_dimension=dimension,
        breakdown_values=values,
        period_labels=period_labels,
    )
    out = frame.rename(columns={"period_label": "period", "source_title": "source"}).copy()
    out["unit"] = meta["unit"]
    context: dict[str, Any] = {"indicator": meta, "notes": notes}
    out = add_intervals(out, meta)

    benchmark = (args.get("benchmark") or "").strip()
    if benchmark:
        level = parse_level(args.get("level"))

        if benchmark.lower() == "sn":
            out = add_neighbour_benchmark(out, meta, parse_model(args.get("model")), level)
        else:
            try:
                out = add_benchmark_comparison(out, meta, benchmark, level, dimension)
            except ViewNotFound as unknown:
                raise ApiError(404, "Not Found", unknown.message) from unknown
        context["benchmark"] = benchmark
        context["level"] = level
    if args.get("rank") in {"1", "true", "yes"}:
        out = add_ranks(out, meta)
    if args.get("trend") in {"1", "true", "yes"}:
        out = add_recent_trend(out, meta)
    extra = [c for c in out.columns if c not in DATA_COLUMNS and c not in frame.columns]
    columns = DATA_COLUMNS + [c for c in extra if c not in DATA_COLUMNS]
    return out.reindex(columns=columns), context


@api_blueprint.get("/api/v1/data.json")
def data_json() -> ResponseReturnValue:
    frame, context = _data_frame()
    meta = context["indicator"]
    return jsonify(
        {
            "indicator": {k: _clean(meta[k]) for k in ("id", "name", "unit", "value_type", "polarity", "ci_method")},
            "notes": context["notes"],
            "rows": _records(frame),
        }
    )


@api_blueprint.get("/api/v1/data.csv")
def data_csv() -> ResponseReturnValue:
    frame, context = _data_frame()
    body = frame_to_safe_csv(frame)
    filename = f"{context['indicator']['id']}.csv"
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


__all__ = ["api_blueprint", "TOTAL"]
