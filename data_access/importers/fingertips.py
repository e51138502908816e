"""OHID Fingertips exports: the 26/27-column "all data" CSV and the 8-column fingertipsR variant.

Columns are matched by name with spaces removed, so ``Area Name``, ``AreaName`` and the
fingertipsR ``LowerCI95.0limit`` spellings all work. Sex (other than Persons), Category
Type / Category and, where one file holds several ages of one indicator, Age become the
breakdown. The comparison and trend columns are not stored: the dashboard computes its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from analytics.codes import slug
from data_access.importers import polarity
from data_access.importers.cells import FloatArray, check_text_cells, map_distinct, row_codes
from data_access.importers.csv_read import RawTable, column_lookup
from data_access.importers.labels import UNIT_FOR_TYPE, breakdown_from_parts, infer_value_type
from data_access.importers.normalise import FileColumns, candidate_rows, mark_published_ci, named_areas, read_figures, refused
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import ImportProblem, IndicatorSpec, ParseResult

PUBLISHER = "Office for Health Improvement and Disparities (Fingertips)"
REQUIRED = ("indicatorname", "areacode", "timeperiod", "value")
#: columns (squashed names) checked for formulas and over-long cells
TEXT_KEYS = (
    "indicatorname",
    "areaname",
    "areatype",
    "sex",
    "age",
    "categorytype",
    "category",
    "valuenote",
    "timeperiod",
    "areacode",
    "parentname",
)
#: numeric field -> the squashed Fingertips column name
FIGURE_KEYS = {
    "value": "value",
    "lower_ci95": "lowerci950limit",
    "upper_ci95": "upperci950limit",
    "lower_ci998": "lowerci998limit",
    "upper_ci998": "upperci998limit",
    "count": "count",
    "denominator": "denominator",
}

#: Fingertips "Area Type" -> our area level (prefix match, lower case).
AREA_TYPES = (
    ("england", "country"),
    ("country", "country"),
    ("regions", "region"),
    ("region", "region"),
    ("counties & uas", "county"),
    ("county & ua", "county"),
    ("upper tier", "county"),
    ("districts & uas", "district"),
    ("district & ua", "district"),
    ("lower tier", "district"),
    ("ward", "ward"),
    ("middle super output area", "other"),
    ("msoa", "other"),
    ("lower super output area", "other"),
)

_SCHOOL_WORDS = ("reception", "year 6", "pupil", "school", "gcse", "key stage", "ks2", "ks4", "eyfs")


def area_level(area_type: str, code: str = "") -> str:
    lowered = area_type.strip().lower()
    for prefix, level in AREA_TYPES:
        if lowered.startswith(prefix):
            return level
    if code.startswith("E92"):
        return "country"
    if code.startswith("E12"):
        return "region"
    if code.startswith(("E10", "E06")):
        return "county"
    if code.startswith("E07"):
        return "district"
    return "other"


def period_hint(name: str, existing: dict | None) -> str:
    """Fingertips writes both financial and academic years as "2010/11"; decide which."""
    if existing and existing.get("period_type") in {"academic", "financial"}:
        return str(existing["period_type"])
    lowered = name.lower()
    return "academic" if any(word in lowered for word in _SCHOOL_WORDS) else "financial"


def parse(raw: RawTable, path: Path, reference: ReferenceData) -> ParseResult:
    columns = FileColumns(raw.frame, column_lookup(raw.header))
    missing = columns.missing(REQUIRED)
    if missing:
        message = f"Fingertips header is missing {', '.join(missing)} (columns are matched ignoring spaces)"
        return refused("fingertips", [ImportProblem(1, None, message)], PUBLISHER, path, len(raw.frame))
    problems: list[ImportProblem] = []
    check_text_cells(
        raw.frame, [c for c in map(columns.name, TEXT_KEYS) if c], problems, limits={columns.name("valuenote") or "": 2000}
    )
    short = columns.name("indicatorid") is None
    indicators, indicator_id = _indicators(columns, reference, short, problems)
    numbers, status = read_figures(columns, {field: columns.name(key) for field, key in FIGURE_KEYS.items()}, problems)
    # A blank Fingertips value is "not available" (x), never zero.
    status = status.where(~(np.isnan(numbers["value"]) & status.isna().to_numpy()), "x")
    dimension, breakdown_value = _breakdown(columns, indicator_id)
    area_code, levels = columns.text("areacode"), _area_levels(columns)
    value_note = columns.text("valuenote")
    result = candidate_rows(
        columns,
        indicator_id=indicator_id,
        area_code_raw=area_code,
        area_name=columns.text("areaname"),
        area_level=levels,
        period_label=columns.text("timeperiod"),
        period_hint=indicator_id.map({key: spec.period_type for key, spec in indicators.items()}),
        breakdown_dimension=dimension,
        breakdown_value=breakdown_value,
        **numbers,
        status=status,
        value_note=value_note.where(value_note != "", None),
        value_column=columns.name("value"),
        **published_verdicts(columns),
    )
    result, repeat_note = drop_exact_repeats(result, raw.frame)
    if not short:
        _learn_polarity(columns, indicators, indicator_id, numbers["value"])
    mark_published_ci(indicators, result["indicator_id"], result["lower_ci95"].to_numpy(dtype="float64"))
    firsts = pd.DataFrame({"c": area_code, "n": columns.text("areaname"), "l": levels, "p": columns.text("parentcode")})
    firsts = firsts.drop_duplicates("c")
    return ParseResult(
        "fingertips",
        result,
        indicators,
        problems,
        PUBLISHER,
        ("Fingertips: " + "; ".join(sorted({spec.name for spec in indicators.values()})))[:400],
        len(raw.frame),
        columns=_message_columns(columns),
        notes=[repeat_note] if repeat_note else [],
        registrable_areas=named_areas(firsts["c"], firsts["n"], firsts["l"], firsts["p"]),
    )


#: Squashed names of Fingertips' "Compared to …" columns that are not a parent's value.
_NOT_PARENT = {"comparedtoenglandvalueorpercentiles", "comparedtoengland", "comparedtopercentiles", "comparedtogoal"}


def published_verdicts(columns: FileColumns) -> dict[str, pd.Series]:
    """Fingertips' own verdicts as printed, in every export we read: "Compared to England value or
    percentiles" (full export, API CSV) or ``compared_to_England`` (re-exports), and the parent's
    ("Compared to Regions (statistical) …", "Compared to parent …") with the row's Parent Code."""

    def blank_to_none(series: pd.Series) -> pd.Series:
        return series.where(series != "", None)

    key = (
        "comparedtoenglandvalueorpercentiles" if "comparedtoenglandvalueorpercentiles" in columns.lookup else "comparedtoengland"
    )
    out = {"published_vs_england": blank_to_none(columns.text(key))}
    parent_key = next(
        (k for k in columns.lookup if k.startswith("comparedto") and k not in _NOT_PARENT and ("parent" in k or "region" in k)),
        None,
    )
    parent = columns.text("parentcode")
    if parent_key is not None:
        keep = (parent != "") & (parent != "E92000001")
        out["published_vs_parent"] = blank_to_none(columns.text(parent_key).where(keep, ""))
        out["published_parent_code"] = blank_to_none(parent.where(keep, ""))
    return out


def _message_columns(columns: FileColumns) -> dict[str, str]:
    named = {
        "indicator_id": columns.name("indicatorid") or columns.name("indicatorname"),
        "area_code_raw": columns.name("areacode"),
        "period_label": columns.name("timeperiod"),
        **{field: columns.name(key) for field, key in FIGURE_KEYS.items()},
        "breakdown_value": columns.name("category") or columns.name("sex"),
    }
    return {k: v for k, v in named.items() if v}


# ------------------------------------------------------------------ indicators


def _indicators(
    columns: FileColumns, reference: ReferenceData, short: bool, problems: list[ImportProblem]
) -> tuple[dict[str, IndicatorSpec], pd.Series]:
    """The file's indicators (stored ones reused) and each row's indicator id ("" when unknown).

    The full export keys indicators by Indicator ID; the fingertipsR variant has only names.
    """
    name = columns.text("indicatorname")
    keys = name if short else _indicator_numbers(columns, problems)
    indicators: dict[str, IndicatorSpec] = {}
    key_to_id: dict[str, str] = {}
    pairs = pd.DataFrame({"key": keys, "name": name}).drop_duplicates("key")
    for key, indicator_name in zip(pairs["key"].tolist(), pairs["name"].tolist()):
        spec = _indicator_spec(key, indicator_name, reference, short) if key else None
        if spec is not None:
            indicators[spec.id] = spec
            key_to_id[key] = spec.id
    blank_column = columns.name("indicatorid") or columns.name("indicatorname")
    for position in np.flatnonzero((keys == "").to_numpy()):
        problems.append(ImportProblem(int(columns.lines[position]), blank_column, "indicator is blank"))
    return indicators, keys.map(key_to_id).fillna("").astype(object)


def _indicator_numbers(columns: FileColumns, problems: list[ImportProblem]) -> pd.Series:
    raw_id = columns.text("indicatorid")
    ids_numeric = pd.to_numeric(raw_id, errors="coerce")
    for position in np.flatnonzero((ids_numeric.isna() | (ids_numeric % 1 != 0)).to_numpy()):
        problems.append(
            ImportProblem(
                int(columns.lines[position]),
                columns.name("indicatorid"),
                f"{raw_id.iloc[position]!r} is not a Fingertips indicator id (a whole number)",
            )
        )
    return raw_id


def _indicator_spec(key: str, indicator_name: str, reference: ReferenceData, short: bool) -> IndicatorSpec | None:
    """A stored indicator as it is, or a new one from the file's name; None for an unreadable id."""
    fingertips_id = None
    if short:
        existing = reference.by_name(indicator_name)
        new_id = slug(f"fingertips-{indicator_name}")
    else:
        try:
            fingertips_id = int(float(key))
        except ValueError:
            return None
        existing = reference.by_fingertips_id(fingertips_id)
        new_id = f"fingertips-{fingertips_id}"
    hint = period_hint(indicator_name, existing)
    spec = (
        _stored_spec(existing, fingertips_id) if existing is not None else _new_spec(new_id, indicator_name, hint, fingertips_id)
    )
    spec.period_type = spec.period_type if spec.period_type in {"academic", "financial"} else hint
    return spec


def _stored_spec(existing: dict[str, Any], fingertips_id: int | None) -> IndicatorSpec:
    return IndicatorSpec(
        id=str(existing["id"]),
        name=str(existing["name"]),
        unit=str(existing["unit"]),
        value_type=str(existing["value_type"]),
        period_type=str(existing["period_type"]),
        polarity=str(existing.get("polarity") or "no_judgement"),
        fingertips_id=fingertips_id,
    )


def _new_spec(new_id: str, indicator_name: str, hint: str, fingertips_id: int | None) -> IndicatorSpec:
    value_type = infer_value_type(None, indicator_name)
    return IndicatorSpec(
        id=new_id,
        name=indicator_name[:300],
        unit=UNIT_FOR_TYPE.get(value_type, "as published by Fingertips"),
        value_type=value_type,
        period_type=hint,
        publisher=PUBLISHER,
        fingertips_id=fingertips_id,
    )


# ------------------------------------------------------------------ rows


def _breakdown(columns: FileColumns, indicator_id: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Sex (not Persons), Age (if an indicator has several), Category Type / Category."""
    parts: list[tuple[pd.Series, pd.Series]] = []
    if columns.name("sex"):
        sex = map_distinct(columns.text("sex"), lambda u: u.where(~u.str.lower().isin(["persons", "all", ""]), ""))
        parts.append((columns.constant("Sex"), sex))
    if columns.name("age"):
        age = columns.text("age")
        ages_per_indicator = pd.DataFrame({"i": indicator_id, "a": age}).groupby("i")["a"].nunique()
        several = indicator_id.map(ages_per_indicator).fillna(1) > 1
        parts.append((columns.constant("Age"), age.where(several, "")))
    if columns.name("category"):
        category_type = columns.text("categorytype") if columns.name("categorytype") else columns.constant("Category")
        parts.append((category_type.where(category_type != "", "Category"), columns.text("category")))
    return breakdown_from_parts(parts, columns.frame.index)


def _area_levels(columns: FileColumns) -> pd.Series:
    """Each row's area level, worked out once per distinct (Area Type, Area Code)."""
    area_type, area_code = columns.text("areatype"), columns.text("areacode")
    _, first, inverse = np.unique(row_codes([area_type, area_code]), return_index=True, return_inverse=True)
    distinct = [area_level(t, c) for t, c in zip(area_type.to_numpy()[first], area_code.to_numpy()[first])]
    return pd.Series(np.array([*distinct, ""], dtype=object)[inverse], index=columns.frame.index, dtype=object)


def _learn_polarity(
    columns: FileColumns, indicators: dict[str, IndicatorSpec], indicator_id: pd.Series, value: FloatArray
) -> None:
    """The polarity the file states (Better/Worse against a benchmark, or the trend words)."""
    group = indicator_id + "\x1f" + columns.text("timeperiod") + "\x1f" + columns.text("sex") + "\x1f" + columns.text("age")
    learned = polarity.learn(
        columns.frame,
        indicator_id,
        value,
        columns.text("areacode"),
        columns.text("parentcode") if columns.name("parentcode") else None,
        group,
        columns.text("category") == "",
        columns.name("recenttrend"),
    )
    for key, (stated, evidence) in learned.items():
        spec = indicators.get(key)
        if spec is not None:
            spec.stated_polarity = stated
            spec.polarity_evidence = evidence


def drop_exact_repeats(result: pd.DataFrame, raw: pd.DataFrame) -> tuple[pd.DataFrame, str | None]:
    """Keep one of rows that repeat an earlier row's key and figures under another listing.

    Why: a Fingertips "all data" export for counties lists England twice, once as an area and
    once as every county's parent (Parent Code blank, then E92000001), with identical
    figures. That is not a conflict, so it is not refused. Rows with the same key but other
    figures, and lines that are copies of another line cell for cell (a pasting slip), remain
    duplicate errors.
    """
    key = [
        "indicator_id",
        "area_code_raw",
        "period_label",
        "breakdown_dimension",
        "breakdown_value",
        "value",
        "lower_ci95",
        "upper_ci95",
        "lower_ci998",
        "upper_ci998",
        "count",
        "denominator",
        "status",
    ]
    copied_line = raw.astype(str).duplicated(keep=False).to_numpy()
    repeated = result[key].astype(str).duplicated(keep="first") & ~copied_line
    if not repeated.any():
        return result, None
    lines = result.loc[repeated, "line"]
    note = (
        f"{int(repeated.sum())} row(s) repeat an earlier row exactly (same area, period, breakdown and figures, "
        f"e.g. line {int(lines.iloc[0])}); each is kept once"
    )
    return result[~repeated].reset_index(drop=True), note
