"""DfE Explore Education Statistics tidy data (see ../shared/guides/anchors.md §3).

One file holds many indicators: every indicator column becomes an indicator
``ees-<file-stem>-<column>``, every filter column with more than one value becomes part of
the breakdown, and the GSS symbols become a status with a NULL value (never zero). A
``<stem>.meta.csv`` beside the file, when present, says which columns are filters and which
indicators, and gives labels, units and decimal places. Without it, a column is an
indicator when every cell is a number or a symbol.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data_access.importers.catalogue import Catalogue
from data_access.importers.common import (
    UNIT_FOR_TYPE,
    ImportProblem,
    IndicatorSpec,
    ParseResult,
    RawTable,
    as_text,
    breakdown_from_parts,
    check_text_cells,
    clean_text,
    infer_value_type,
    numeric_problems,
    parse_numbers,
    read_csv_file,
    slug,
)
from data_access.importers.geography import registrable_from_columns

#: EES cells are a number, blank or a GSS symbol; "n/a" or "-" is an error, not a silent NULL.
EES_BLANKS = frozenset({""})
PUBLISHER = "Department for Education (Explore Education Statistics)"

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


def parse(raw: RawTable, path: Path, catalogue: Catalogue) -> ParseResult:
    frame = raw.frame
    problems: list[ImportProblem] = []
    header = raw.header
    lookup = {name.strip().lower(): name for name in header}
    for needed in ("time_period", "time_identifier", "geographic_level"):
        if needed not in lookup:
            problems.append(ImportProblem(1, None, f"EES header is missing {needed}"))
    if problems:
        return ParseResult("ees", pd.DataFrame(), {}, problems, PUBLISHER, path.name, len(frame))

    n = len(frame)
    lines = np.arange(2, n + 2)
    stem = path.stem.lower()
    meta = _read_meta(path, problems)

    def col(name: str) -> str | None:
        return lookup.get(name)

    def cells(name: str) -> pd.Series:
        c = col(name)
        return clean_text(frame[c]) if c else pd.Series("", index=frame.index)

    # ---- classify columns
    data_columns = [c for c in header if c.strip().lower() not in TIME_COLUMNS | GEOGRAPHY_COLUMNS]
    labels: dict[str, str] = {}
    units: dict[str, str] = {}
    decimals: dict[str, int] = {}
    indicator_columns: list[str] = []
    filter_columns: list[str] = []
    version_column = col("version")
    if meta is not None:
        meta_rows = {str(r["col_name"]).strip(): r for r in meta.to_dict("records")}
        for c in data_columns:
            row = meta_rows.get(c)
            if c == version_column and row is None:
                continue
            if row is None:
                problems.append(ImportProblem(1, c, f"column {c!r} is not described in the .meta.csv file"))
                continue
            kind = str(row.get("col_type", "")).strip().lower()
            labels[c] = str(row.get("label") or "").strip() or _humanise(c)
            if kind == "indicator":
                indicator_columns.append(c)
                units[c] = str(row.get("indicator_unit") or "").strip()
                dp = pd.to_numeric(str(row.get("indicator_dp") or ""), errors="coerce")
                decimals[c] = int(dp) if np.isfinite(dp) else 2
            elif kind == "filter":
                filter_columns.append(c)
            else:
                problems.append(ImportProblem(None, c, f".meta.csv col_type {row.get('col_type')!r} is not Filter or Indicator"))
    else:
        for c in data_columns:
            if c == version_column:
                continue
            # an indicator column is mostly numbers/symbols; its few stray cells are then reported
            _, _, bad = parse_numbers(frame[c], EES_BLANKS)
            filled = int((as_text(frame[c]).str.strip() != "").sum())
            numeric_share = 1 - int(bad.sum()) / filled if filled else 0.0
            (indicator_columns if numeric_share > 0.5 else filter_columns).append(c)
            labels[c] = _humanise(c)

    # CI columns attach to their indicator instead of being indicators themselves
    ci_of: dict[str, tuple[str, str]] = {}
    lower_names = {c.lower(): c for c in indicator_columns}
    for c in list(indicator_columns):
        low = c.lower()
        for suffix, side in _CI_SUFFIXES:
            if low.endswith(suffix):
                base = low[: -len(suffix)]
                candidates = [orig for name, orig in lower_names.items() if name.endswith("_" + base) and name != low]
                preferred = [orig for orig in candidates if orig.lower().startswith("avg_")]
                target = (
                    lower_names.get(base)
                    or (preferred[0] if len(preferred) == 1 else None)
                    or (candidates[0] if len(candidates) == 1 else None)
                )
                if target:
                    ci_of[c] = (target, side)
                break
    indicator_columns = [c for c in indicator_columns if c not in ci_of]

    check_text_cells(
        frame, [c for c in filter_columns] + [c for c in (col("la_name"), col("region_name"), col("lad_name")) if c], problems
    )

    # ---- geography
    level_text = cells("geographic_level").str.lower()
    area_code = pd.Series("", index=frame.index, dtype=object)
    area_name = pd.Series("", index=frame.index, dtype=object)
    area_level = pd.Series("other", index=frame.index, dtype=object)
    for level, (ours, code_column, fallback) in LEVELS.items():
        rows = level_text == level
        if not rows.any():
            continue
        codes = cells(code_column)
        if fallback:
            codes = codes.where(codes != "", cells(fallback))
        area_code[rows] = codes[rows]
        name_column = {
            "country_code": "country_name",
            "region_code": "region_name",
            "new_la_code": "la_name",
            "lad_code": "lad_name",
        }[code_column]
        area_name[rows] = cells(name_column)[rows]
        area_level[rows] = ours
    unsupported = ~level_text.isin(list(LEVELS))
    for position in np.flatnonzero(unsupported.to_numpy()):
        problems.append(
            ImportProblem(
                int(lines[position]),
                col("geographic_level"),
                f"geographic_level {frame[col('geographic_level')].iloc[position]!r} is not supported "
                f"(supported: National, Regional, Local authority, Local authority district)",
            )
        )
    # code 'x' / 'z' means a geography with no code: nothing to attach a value to
    for position in np.flatnonzero((area_code.isin(["x", "z"]) & ~unsupported).to_numpy()):
        problems.append(
            ImportProblem(
                int(lines[position]), None, f"area code {area_code.iloc[position]!r} (no geography code) cannot be stored"
            )
        )

    # ---- periods
    time_pairs = pd.DataFrame({"t": cells("time_period"), "i": cells("time_identifier")})
    mapping = {(t, i): _period_label(t, i) for t, i in time_pairs.drop_duplicates().itertuples(index=False)}
    period_pairs = [mapping[(t, i)] for t, i in time_pairs.itertuples(index=False)]
    period_label = pd.Series([p[0] for p in period_pairs], index=frame.index, dtype=object)
    period_hint = pd.Series([p[1] for p in period_pairs], index=frame.index, dtype=object)

    # ---- breakdown
    parts = []
    for c in filter_columns:
        values = clean_text(frame[c])
        if values.nunique() <= 1:
            continue
        uniques = [u for u in values.unique() if u]
        exact = [u for u in uniques if u.lower() in {"total", "all"}]
        candidates = [u for u in uniques if _TOTAL.match(u)]
        totals = exact or (candidates if len(candidates) == 1 else [])
        is_total = values.isin(totals) | (values == "")
        parts.append((pd.Series(labels.get(c, c), index=frame.index), values.where(~is_total, "")))
    dimension, breakdown_value = breakdown_from_parts(parts, frame.index)

    release_status = None
    if version_column:
        version = clean_text(frame[version_column]).str.lower()
        release_status = version.map({"revised": "revised", "provisional": "provisional", "unvalidated": "unvalidated"})

    # ---- one block of rows per indicator column
    indicators: dict[str, IndicatorSpec] = {}
    blocks = []
    ci_for: dict[str, dict[str, str]] = {}
    for ci_column, (target, side) in ci_of.items():
        ci_for.setdefault(target, {})[side] = ci_column
    constant_filters = [clean_text(frame[c]).iloc[0] for c in filter_columns if clean_text(frame[c]).nunique() == 1 and n]
    context = f" ({'; '.join(v for v in constant_filters if v)})" if constant_filters and any(constant_filters) else ""
    for c in indicator_columns:
        values, status, bad = parse_numbers(frame[c], EES_BLANKS)
        numeric_problems(bad, frame[c], c, problems, lines)
        if release_status is not None:
            status = status.where(status.notna(), release_status.where(np.isfinite(values), None))
        unit = units.get(c) or ""
        value_type = infer_value_type(unit, "") if unit else _value_type_from_name(c)
        stated_unit = unit or UNIT_FOR_TYPE.get(value_type, "number" if value_type == "count" else "value")
        indicator_id = slug(f"ees-{stem}-{c}")
        spec = IndicatorSpec(
            id=indicator_id,
            name=(labels.get(c, _humanise(c)) + context)[:300],
            unit=stated_unit,
            value_type=value_type,
            period_type=str(period_hint.iloc[0]) if n and period_hint.iloc[0] else "not_stated",
            decimals=decimals.get(c, 1),
            publisher=PUBLISHER,
            dfe_code=c[:120],
            definition=f"Column {c!r} of the DfE file {path.name}.",
            unit_stated=bool(unit),
        )
        lower = upper = np.full(n, np.nan)
        for side, ci_column in ci_for.get(c, {}).items():
            ci_values, _, ci_bad = parse_numbers(frame[ci_column], EES_BLANKS)
            numeric_problems(ci_bad, frame[ci_column], ci_column, problems, lines)
            if side == "lower":
                lower = ci_values
            else:
                upper = ci_values
        if ci_for.get(c):
            spec.ci_method = "published"
        indicators[indicator_id] = spec
        blocks.append(
            pd.DataFrame(
                {
                    "line": lines,
                    "indicator_id": indicator_id,
                    "area_code_raw": area_code,
                    "area_name": area_name,
                    "area_level": area_level,
                    "period_label": period_label,
                    "period_hint": period_hint,
                    "breakdown_dimension": dimension,
                    "breakdown_value": breakdown_value,
                    "kind": "actual",
                    "value": values,
                    "value_text": None,
                    "lower_ci95": lower,
                    "upper_ci95": upper,
                    "lower_ci998": np.nan,
                    "upper_ci998": np.nan,
                    "count": np.nan,
                    "denominator": np.nan,
                    "status": status,
                    "value_note": None,
                    "qualifier": None,
                    "unit": unit or None,
                    "value_column": c,
                }
            )
        )
    if not indicator_columns:
        problems.append(ImportProblem(1, None, "no indicator columns found (every data column holds text)"))
    result = pd.concat(blocks, ignore_index=True) if blocks else pd.DataFrame()
    registrable = {}
    for code, name, level in zip(area_code, area_name, area_level):
        if level in {"country", "region"} and code and code not in registrable:
            registrable[code] = (name, level)
    # councils (and other well-formed GSS areas) the file names, e.g. a since-abolished county
    parents = cells("region_code") if col("region_code") else pd.Series("", index=frame.index, dtype=object)
    for code, entry in registrable_from_columns(list(area_code), list(area_name), list(parents), list(area_level)).items():
        registrable.setdefault(code, entry)
    return ParseResult(
        "ees",
        result,
        indicators,
        problems,
        PUBLISHER,
        f"DfE Explore Education Statistics: {path.name}",
        n,
        columns={
            "area_code_raw": col("new_la_code") or col("country_code") or "geographic_level",
            "period_label": col("time_period"),
            "indicator_id": col("time_period"),
            "unit": "indicator_unit (.meta.csv)",
        },
        notes=[
            f"{len(indicator_columns)} indicator column(s), {len(filter_columns)} filter column(s)"
            + (" (from .meta.csv)" if meta is not None else " (inferred: numeric columns are indicators)")
        ],
        registrable_areas=registrable,
    )


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
