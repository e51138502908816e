"""DfE Explore Education Statistics tidy data (see ../shared/guides/anchors.md §3).

One file holds many indicators: every indicator column becomes an indicator
``ees-<data set>-<column>`` (``indicator_id``), every filter column with more than one value becomes part of
the breakdown, and the GSS symbols become a status with a NULL value (never zero). A
``<stem>.meta.csv`` beside the file, when present, says which columns are filters and which
indicators, and gives labels, units and decimal places. Without it, a column is an
indicator when every cell is a number or a symbol.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from analytics.codes import slug
from data_access.importers.cells import as_text, check_text_cells, clean_text, parse_numbers
from data_access.importers.csv_read import RawTable, read_csv_file
from data_access.importers.labels import UNIT_FOR_TYPE, breakdown_from_parts, infer_value_type
from data_access.importers.normalise import FileColumns, candidate_rows, named_areas, read_figures, refused
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import ImportProblem, IndicatorSpec, ParseResult

#: EES cells are a number, blank or a GSS symbol; "n/a" or "-" is an error, not a silent NULL.
EES_BLANKS = frozenset({""})
PUBLISHER = "Department for Education (Explore Education Statistics)"

REQUIRED = ("time_period", "time_identifier", "geographic_level")
TIME_COLUMNS = {"time_period", "time_identifier"}
GEOGRAPHY_COLUMNS = {
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "lad_code",
    "lad_name",
    "rsc_region_lead_name",
    "pcon_code",
    "pcon_name",
    "lsip_code",
    "lsip_name",
    "local_enterprise_partnership_code",
    "local_enterprise_partnership_name",
    "english_devolved_area_code",
    "english_devolved_area_name",
    "opportunity_area_code",
    "opportunity_area_name",
    "ward_code",
    "ward_name",
    "trust_id",
    "trust_name",
    "sponsor_id",
    "sponsor_name",
    "school_urn",
    "school_name",
    "school_laestab",
    "provider_ukprn",
    "provider_name",
    "institution_id",
    "institution_name",
    "planning_area_code",
    "planning_area_name",
    "pfa_code",
    "pfa_name",
    "geographical_level",
}
#: geographic_level -> (our level, code column, fallback code column)
LEVELS = {
    "national": ("country", "country_code", None),
    "regional": ("region", "region_code", None),
    "local authority": ("county", "new_la_code", "old_la_code"),
    "local authority district": ("district", "lad_code", None),
}
#: code column -> the name column beside it
_NAME_COLUMNS = {"country_code": "country_name", "region_code": "region_name", "new_la_code": "la_name", "lad_code": "lad_name"}
#: EES time_identifier -> hint for analytics.periods.parse_period
TIME_HINTS = {
    "academic year": "academic",
    "financial year": "financial",
    "calendar year": "calendar",
    "reporting year": "snapshot",
    "tax year": "financial",
}
_CI_SUFFIXES = (
    ("_lower_ci", "lower"),
    ("_upper_ci", "upper"),
    ("_ci_low", "lower"),
    ("_ci_upp", "upper"),
    ("_ci_lower", "lower"),
    ("_ci_upper", "upper"),
    ("_lci", "lower"),
    ("_uci", "upper"),
)
#: what a browser or a download folder adds to a second copy of a file: "ks2_la (1).csv", "ks2_la(2).csv"
_COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")


def data_set(path: Path) -> str:
    """The EES data set a file is: its own file name without the extension or a "(1)" copy suffix.

    Why the name the file was published/saved under: an EES CSV names its data set nowhere inside
    it, and its name is what the CLI has always been given. The admin page keeps that name for the
    copy it imports (``web.import_jobs``), so the page, the CLI and a second upload of the same
    file all give the same indicator ids — never the server's temporary upload name.
    """
    return _COPY_SUFFIX.sub("", path.stem).strip().lower()


def indicator_id(dataset: str, column: str) -> str:
    """``ees-<data set>-<column>``: stable for the same data set and column, whoever imports it."""
    return slug(f"ees-{dataset}-{column}")


_TOTAL = re.compile(r"^(total|all)( .*)?$|^.* total$", re.IGNORECASE)


def _period_label(time_period: str, identifier: str) -> tuple[str, str]:
    """EES (time_period, time_identifier) -> (label, hint) in the project's period vocabulary."""
    ident = identifier.strip().lower()
    tp = time_period.strip()
    hint = TIME_HINTS.get(ident, "")
    if len(tp) == 6 and tp.isdigit():
        first, second = tp[:4], tp[4:]
        if ident.startswith("financial year q"):
            return f"{first}-{second} Q{ident[-1]}", "financial"
        if ident in {"financial year", "tax year"}:
            return f"{first}-{second}", "financial"
        if ident == "academic year" or not hint:
            return f"{first}/{second}", hint or "academic"
        return f"{first}/{second}", hint
    if len(tp) == 4 and tp.isdigit():
        month = ident.capitalize()
        if ident in {
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        }:
            return f"{month} {tp}", "month"
        if ident.startswith("calendar year q") or re.fullmatch(r"q[1-4]", ident):
            return f"{tp} Q{ident[-1]}", "quarter"
        return tp, hint
    return f"{tp} {identifier}".strip(), hint


def _read_meta(path: Path, problems: list[ImportProblem]) -> pd.DataFrame | None:
    meta_path = path.with_name(path.name[: -len(".csv")] + ".meta.csv") if path.name.endswith(".csv") else None
    if meta_path is None or not meta_path.is_file():
        return None
    table = read_csv_file(meta_path)
    for problem in table.problems:
        problems.append(ImportProblem(problem.line, problem.column, f"{meta_path.name}: {problem.message}"))
    if table.frame.empty or "col_name" not in table.frame.columns or "col_type" not in table.frame.columns:
        problems.append(ImportProblem(None, None, f"{meta_path.name} lacks col_name/col_type columns; it was not used"))
        return None
    return table.frame


def _humanise(column: str) -> str:
    text = column.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


@dataclass
class _Roles:
    """What each data column of the file is: an indicator, its CI, a filter, or the version."""

    indicators: list[str] = field(default_factory=list)
    filters: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    decimals: dict[str, int] = field(default_factory=dict)
    #: indicator column -> {"lower"|"upper": CI column}
    cis: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass
class _Areas:
    code: pd.Series
    name: pd.Series
    level: pd.Series


def parse(raw: RawTable, path: Path, reference: ReferenceData) -> ParseResult:
    columns = FileColumns(raw.frame, {name.strip().lower(): name for name in raw.header})
    problems = [ImportProblem(1, None, f"EES header is missing {needed}") for needed in columns.missing(REQUIRED)]
    if problems:
        return refused("ees", problems, PUBLISHER, path, len(raw.frame))
    meta = _read_meta(path, problems)
    roles = _column_roles(columns, raw.header, meta, problems)
    check_text_cells(
        raw.frame, roles.filters + [c for c in map(columns.name, ("la_name", "region_name", "lad_name")) if c], problems
    )
    areas = _areas(columns, problems)
    period_label, period_hint = _periods(columns)
    dimension, breakdown_value = _breakdown(columns, roles)
    shared = {
        "area_code_raw": areas.code,
        "area_name": areas.name,
        "area_level": areas.level,
        "period_label": period_label,
        "period_hint": period_hint,
        "breakdown_dimension": dimension,
        "breakdown_value": breakdown_value,
    }
    context = _constant_filter_context(columns, roles)
    release = _release_status(columns)
    indicators: dict[str, IndicatorSpec] = {}
    blocks = []
    for column in roles.indicators:
        spec = _indicator_spec(column, roles, path, context, period_hint)
        indicators[spec.id] = spec
        blocks.append(_indicator_rows(columns, column, spec, roles, release, problems) | shared)
    if not roles.indicators:
        problems.append(ImportProblem(1, None, "no indicator columns found (every data column holds text)"))
    return ParseResult(
        "ees",
        pd.concat([candidate_rows(columns, **block) for block in blocks], ignore_index=True) if blocks else pd.DataFrame(),
        indicators,
        problems,
        PUBLISHER,
        f"DfE Explore Education Statistics: {path.name}",
        len(raw.frame),
        columns=_message_columns(columns),
        notes=[
            f"{len(roles.indicators)} indicator column(s), {len(roles.filters)} filter column(s)"
            + (" (from .meta.csv)" if meta is not None else " (inferred: numeric columns are indicators)")
        ],
        registrable_areas=named_areas(areas.code, areas.name, areas.level, columns.text("region_code")),
    )


def _message_columns(columns: FileColumns) -> dict[str, str]:
    return {
        "area_code_raw": columns.name("new_la_code") or columns.name("country_code") or "geographic_level",
        "period_label": columns.name("time_period") or "time_period",
        "indicator_id": columns.name("time_period") or "time_period",
        "unit": "indicator_unit (.meta.csv)",
    }


# ------------------------------------------------------------------ columns


def _column_roles(columns: FileColumns, header: list[str], meta: pd.DataFrame | None, problems: list[ImportProblem]) -> _Roles:
    version = columns.name("version")
    data_columns = [c for c in header if c.strip().lower() not in TIME_COLUMNS | GEOGRAPHY_COLUMNS]
    if meta is not None:
        roles = _roles_from_meta(data_columns, meta, version, problems)
    else:
        roles = _roles_inferred(columns, [c for c in data_columns if c != version])
    roles.cis, attached = _attach_cis(roles.indicators)
    roles.indicators = [c for c in roles.indicators if c not in attached]
    return roles


def _roles_from_meta(data_columns: list[str], meta: pd.DataFrame, version: str | None, problems: list[ImportProblem]) -> _Roles:
    roles = _Roles()
    described = {str(r["col_name"]).strip(): r for r in meta.to_dict("records")}
    for c in data_columns:
        row = described.get(c)
        if row is None and c == version:
            continue  # an undescribed version column is read as the release status
        if row is None:
            problems.append(ImportProblem(1, c, f"column {c!r} is not described in the .meta.csv file"))
            continue
        kind = str(row.get("col_type", "")).strip().lower()
        roles.labels[c] = str(row.get("label") or "").strip() or _humanise(c)
        if kind == "indicator":
            roles.indicators.append(c)
            roles.units[c] = str(row.get("indicator_unit") or "").strip()
            dp = pd.to_numeric(str(row.get("indicator_dp") or ""), errors="coerce")
            roles.decimals[c] = int(dp) if np.isfinite(dp) else 2
        elif kind == "filter":
            roles.filters.append(c)
        else:
            problems.append(ImportProblem(None, c, f".meta.csv col_type {row.get('col_type')!r} is not Filter or Indicator"))
    return roles


def _roles_inferred(columns: FileColumns, data_columns: list[str]) -> _Roles:
    """Without a .meta.csv: an indicator column is mostly numbers/symbols (its stray cells are then reported)."""
    roles = _Roles()
    for c in data_columns:
        _, _, bad = parse_numbers(columns.frame[c], EES_BLANKS)
        filled = int((as_text(columns.frame[c]).str.strip() != "").sum())
        numeric_share = 1 - int(bad.sum()) / filled if filled else 0.0
        (roles.indicators if numeric_share > 0.5 else roles.filters).append(c)
        roles.labels[c] = _humanise(c)
    return roles


def _attach_cis(indicator_columns: list[str]) -> tuple[dict[str, dict[str, str]], set[str]]:
    """CI columns attach to their indicator instead of being indicators themselves.

    Returns indicator -> {side: CI column} and every column that attached (a later column
    for the same side replaces an earlier one, which is still not an indicator).
    """
    cis: dict[str, dict[str, str]] = {}
    attached: set[str] = set()
    lower_names = {c.lower(): c for c in indicator_columns}
    for c in indicator_columns:
        low = c.lower()
        suffix, side = next(((s, side) for s, side in _CI_SUFFIXES if low.endswith(s)), ("", ""))
        target = _ci_target(low[: -len(suffix)], low, lower_names) if suffix else None
        if target:
            cis.setdefault(target, {})[side] = c
            attached.add(c)
    return cis, attached


def _ci_target(base: str, low: str, lower_names: dict[str, str]) -> str | None:
    candidates = [orig for name, orig in lower_names.items() if name.endswith("_" + base) and name != low]
    preferred = [orig for orig in candidates if orig.lower().startswith("avg_")]
    return (
        lower_names.get(base)
        or (preferred[0] if len(preferred) == 1 else None)
        or (candidates[0] if len(candidates) == 1 else None)
    )


# ------------------------------------------------------------------ rows


def _areas(columns: FileColumns, problems: list[ImportProblem]) -> _Areas:
    level_text = columns.text("geographic_level").str.lower()
    index = columns.frame.index
    areas = _Areas(
        pd.Series("", index=index, dtype=object),
        pd.Series("", index=index, dtype=object),
        pd.Series("other", index=index, dtype=object),
    )
    for level, (ours, code_column, fallback) in LEVELS.items():
        rows = level_text == level
        if not rows.any():
            continue
        codes = columns.text(code_column)
        if fallback:
            codes = codes.where(codes != "", columns.text(fallback))
        areas.code[rows] = codes[rows]
        areas.name[rows] = columns.text(_NAME_COLUMNS[code_column])[rows]
        areas.level[rows] = ours
    _area_problems(columns, level_text, areas.code, problems)
    return areas


def _area_problems(columns: FileColumns, level_text: pd.Series, area_code: pd.Series, problems: list[ImportProblem]) -> None:
    level_column = columns.name("geographic_level")
    unsupported = ~level_text.isin(list(LEVELS))
    for position in np.flatnonzero(unsupported.to_numpy()):
        problems.append(
            ImportProblem(
                int(columns.lines[position]),
                level_column,
                f"geographic_level {columns.frame[level_column].iloc[position]!r} is not supported "
                f"(supported: National, Regional, Local authority, Local authority district)",
            )
        )
    # code 'x' / 'z' means a geography with no code: nothing to attach a value to
    for position in np.flatnonzero((area_code.isin(["x", "z"]) & ~unsupported).to_numpy()):
        problems.append(
            ImportProblem(
                int(columns.lines[position]), None, f"area code {area_code.iloc[position]!r} (no geography code) cannot be stored"
            )
        )


def _periods(columns: FileColumns) -> tuple[pd.Series, pd.Series]:
    """(label, hint) per row, worked out once per distinct (time_period, time_identifier)."""
    pairs = pd.DataFrame({"t": columns.text("time_period"), "i": columns.text("time_identifier")})
    mapping = {(t, i): _period_label(t, i) for t, i in zip(*(pairs.drop_duplicates()[c].tolist() for c in ("t", "i")))}
    labelled = [mapping[(t, i)] for t, i in zip(pairs["t"].tolist(), pairs["i"].tolist())]
    index = columns.frame.index
    return (
        pd.Series([p[0] for p in labelled], index=index, dtype=object),
        pd.Series([p[1] for p in labelled], index=index, dtype=object),
    )


def _breakdown(columns: FileColumns, roles: _Roles) -> tuple[pd.Series, pd.Series]:
    """Every filter with more than one value joins the breakdown; its total row is the Total."""
    parts = []
    for c in roles.filters:
        values = clean_text(columns.frame[c])
        if values.nunique() <= 1:
            continue
        uniques = [u for u in values.unique() if u]
        exact = [u for u in uniques if u.lower() in {"total", "all"}]
        candidates = [u for u in uniques if _TOTAL.match(u)]
        totals = exact or (candidates if len(candidates) == 1 else [])
        is_total = values.isin(totals) | (values == "")
        parts.append((columns.constant(roles.labels.get(c, c)), values.where(~is_total, "")))
    return breakdown_from_parts(parts, columns.frame.index)


def _constant_filter_context(columns: FileColumns, roles: _Roles) -> str:
    """Filters with one value throughout name the indicator's population ("(Boys; State-funded)")."""
    if not len(columns.frame):
        return ""
    constant = [text.iloc[0] for text in (clean_text(columns.frame[c]) for c in roles.filters) if text.nunique() == 1]
    return f" ({'; '.join(v for v in constant if v)})" if constant and any(constant) else ""


def _indicator_spec(column: str, roles: _Roles, path: Path, context: str, period_hint: pd.Series) -> IndicatorSpec:
    unit = roles.units.get(column) or ""
    value_type = infer_value_type(unit, "") if unit else _value_type_from_name(column)
    first_hint = str(period_hint.iloc[0]) if len(period_hint) else ""
    return IndicatorSpec(
        id=indicator_id(data_set(path), column),
        name=(roles.labels.get(column, _humanise(column)) + context)[:300],
        unit=unit or UNIT_FOR_TYPE.get(value_type, "number" if value_type == "count" else "value"),
        value_type=value_type,
        period_type=first_hint or "not_stated",
        decimals=roles.decimals.get(column, 1),
        publisher=PUBLISHER,
        dfe_code=column[:120],
        definition=f"Column {column!r} of the DfE file {path.name}.",
        unit_stated=bool(unit),
        ci_method="published" if roles.cis.get(column) else "none",
    )


def _indicator_rows(
    columns: FileColumns,
    column: str,
    spec: IndicatorSpec,
    roles: _Roles,
    release: pd.Series | None,
    problems: list[ImportProblem],
) -> dict[str, object]:
    """One block of rows for an indicator column: its figures, CIs and statuses."""
    sides = roles.cis.get(column, {})
    sources = {"value": column, "lower_ci95": sides.get("lower"), "upper_ci95": sides.get("upper")}
    numbers, status = read_figures(columns, sources, problems, EES_BLANKS)
    if release is not None:
        status = status.where(status.notna(), release.where(np.isfinite(numbers["value"]), None))
    return {
        "indicator_id": spec.id,
        "value": numbers["value"],
        "lower_ci95": numbers["lower_ci95"],
        "upper_ci95": numbers["upper_ci95"],
        "status": status,
        "unit": roles.units.get(column) or None,
        "value_column": column,
    }


def _release_status(columns: FileColumns) -> pd.Series | None:
    """EES ``version`` column: revised / provisional / unvalidated figures carry that status."""
    version_column = columns.name("version")
    if not version_column:
        return None
    version = clean_text(columns.frame[version_column]).str.lower()
    return version.map({"revised": "revised", "provisional": "provisional", "unvalidated": "unvalidated"})


def _value_type_from_name(column: str) -> str:
    low = column.lower()
    if "per_10000" in low or "per_10k" in low:
        return "rate_per_10000"
    if "per_1000" in low:
        return "rate_per_1000"
    if "per_100000" in low:
        return "rate_per_100000"
    if (
        low.startswith("pt_")
        or "percent" in low
        or low.endswith("_%")
        or "_rate" in low
        or low.startswith("rate_")
        or low in {"percentage"}
    ):
        return "percentage"
    if low.startswith("avg_") or "score" in low or "caseload" in low:
        return "mean"
    if low.startswith("t_") or "count" in low or low in {"number"} or low.endswith(("_headcount", "_fte", "_episodes", "_child")):
        return "count"
    return "other"
