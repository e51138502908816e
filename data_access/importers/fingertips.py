"""OHID Fingertips exports: the 26/27-column "all data" CSV and the 8-column fingertipsR variant.

Columns are matched by name with spaces removed, so ``Area Name``, ``AreaName`` and the
fingertipsR ``LowerCI95.0limit`` spellings all work. Sex (other than Persons), Category
Type / Category and, where one file holds several ages of one indicator, Age become the
breakdown. The comparison and trend columns are not stored: the dashboard computes its own.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from data_access.importers import geography, polarity
from data_access.importers.catalogue import Catalogue
from data_access.importers.common import (
    UNIT_FOR_TYPE,
    ImportProblem,
    IndicatorSpec,
    ParseResult,
    RawTable,
    breakdown_from_parts,
    check_text_cells,
    clean_text,
    column_lookup,
    infer_value_type,
    map_distinct,
    numeric_problems,
    parse_numbers,
    row_codes,
    slug,
)

PUBLISHER = "Office for Health Improvement and Disparities (Fingertips)"

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


def parse(raw: RawTable, path: Path, catalogue: Catalogue) -> ParseResult:
    frame = raw.frame
    problems: list[ImportProblem] = []
    cols = column_lookup(raw.header)
    short = "indicatorid" not in cols

    def col(key: str) -> str | None:
        return cols.get(key)

    required = ["indicatorname", "areacode", "timeperiod", "value"]
    missing = [key for key in required if key not in cols]
    if missing:
        problems.append(
            ImportProblem(1, None, f"Fingertips header is missing {', '.join(missing)} (columns are matched ignoring spaces)")
        )
        return ParseResult("fingertips", pd.DataFrame(), {}, problems, PUBLISHER, path.name, len(frame))

    n = len(frame)
    lines = np.arange(2, n + 2)
    text_columns = [
        c
        for c in (
            col(k)
            for k in (
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
        )
        if c
    ]
    check_text_cells(frame, text_columns, problems, limits={col("valuenote") or "": 2000})

    name = clean_text(frame[col("indicatorname")])
    area_code = clean_text(frame[col("areacode")])
    area_name = clean_text(frame[col("areaname")]) if col("areaname") else pd.Series("", index=frame.index)
    area_type = clean_text(frame[col("areatype")]) if col("areatype") else pd.Series("", index=frame.index)
    period = clean_text(frame[col("timeperiod")])

    # ---- indicators
    indicators: dict[str, IndicatorSpec] = {}
    if short:
        keys = name
    else:
        raw_id = clean_text(frame[col("indicatorid")])
        ids_numeric = pd.to_numeric(raw_id, errors="coerce")
        for position in np.flatnonzero((ids_numeric.isna() | (ids_numeric % 1 != 0)).to_numpy()):
            problems.append(
                ImportProblem(
                    int(lines[position]),
                    col("indicatorid"),
                    f"{raw_id.iloc[position]!r} is not a Fingertips indicator id (a whole number)",
                )
            )
        keys = raw_id
    key_to_id: dict[str, str] = {}
    pairs = pd.DataFrame({"key": keys, "name": name}).drop_duplicates("key")
    for key, indicator_name in zip(pairs["key"], pairs["name"]):
        if not key:
            continue
        existing = None
        fingertips_id = None
        if short:
            existing = catalogue.by_name(indicator_name)
            new_id = slug(f"fingertips-{indicator_name}")
        else:
            try:
                fingertips_id = int(float(key))
            except ValueError:
                continue
            existing = catalogue.by_fingertips_id(fingertips_id)
            new_id = f"fingertips-{fingertips_id}"
        hint = period_hint(indicator_name, existing)
        if existing is not None:
            spec = IndicatorSpec(
                id=str(existing["id"]),
                name=str(existing["name"]),
                unit=str(existing["unit"]),
                value_type=str(existing["value_type"]),
                period_type=str(existing["period_type"]),
                polarity=str(existing.get("polarity") or "no_judgement"),
                fingertips_id=fingertips_id,
            )
        else:
            value_type = infer_value_type(None, indicator_name)
            spec = IndicatorSpec(
                id=new_id,
                name=indicator_name[:300],
                unit=UNIT_FOR_TYPE.get(value_type, "as published by Fingertips"),
                value_type=value_type,
                period_type=hint,
                publisher=PUBLISHER,
                fingertips_id=fingertips_id,
            )
        spec.period_type = spec.period_type if spec.period_type in {"academic", "financial"} else hint
        indicators[spec.id] = spec
        key_to_id[key] = spec.id
    indicator_id = keys.map(key_to_id).fillna("").astype(object)
    blank_key = keys == ""
    for position in np.flatnonzero(blank_key.to_numpy()):
        problems.append(ImportProblem(int(lines[position]), col("indicatorid") or col("indicatorname"), "indicator is blank"))

    # ---- numbers
    numeric: dict[str, np.ndarray] = {}
    status = pd.Series([None] * n, index=frame.index, dtype=object)
    for field, key in (
        ("value", "value"),
        ("lower_ci95", "lowerci950limit"),
        ("upper_ci95", "upperci950limit"),
        ("lower_ci998", "lowerci998limit"),
        ("upper_ci998", "upperci998limit"),
        ("count", "count"),
        ("denominator", "denominator"),
    ):
        column = col(key)
        if column is None:
            numeric[field] = np.full(n, np.nan)
            continue
        values, symbols, bad = parse_numbers(frame[column])
        numeric_problems(bad, frame[column], column, problems, lines)
        numeric[field] = values
        if field == "value":
            status = symbols
    # A blank Fingertips value is "not available" (x), never zero.
    blank_value = np.isnan(numeric["value"]) & status.isna().to_numpy()
    status = status.where(~blank_value, "x")

    # ---- breakdowns: Sex (not Persons), Age (if an indicator has several), Category Type/Category
    parts: list[tuple[pd.Series, pd.Series]] = []
    if col("sex"):
        sex = clean_text(frame[col("sex")])
        sex = map_distinct(sex, lambda u: u.where(~u.str.lower().isin(["persons", "all", ""]), ""))
        parts.append((pd.Series("Sex", index=frame.index), sex))
    if col("age"):
        age = clean_text(frame[col("age")])
        ages_per_indicator = pd.DataFrame({"i": indicator_id, "a": age}).groupby("i")["a"].nunique()
        several = indicator_id.map(ages_per_indicator).fillna(1) > 1
        parts.append((pd.Series("Age", index=frame.index), age.where(several, "")))
    if col("category"):
        category = clean_text(frame[col("category")])
        category_type = (
            clean_text(frame[col("categorytype")]) if col("categorytype") else pd.Series("Category", index=frame.index)
        )
        category_type = category_type.where(category_type != "", "Category")
        parts.append((category_type, category))
    dimension, breakdown_value = breakdown_from_parts(parts, frame.index)

    hints = indicator_id.map({key: spec.period_type for key, spec in indicators.items()})
    value_note = clean_text(frame[col("valuenote")]) if col("valuenote") else pd.Series("", index=frame.index)

    _, first, inverse = np.unique(row_codes([area_type, area_code]), return_index=True, return_inverse=True)
    distinct_levels = np.array(
        [area_level(t, c) for t, c in zip(area_type.to_numpy()[first], area_code.to_numpy()[first])] + [""], dtype=object
    )
    levels = pd.Series(distinct_levels[inverse], index=frame.index, dtype=object)

    result = pd.DataFrame(
        {
            "line": lines,
            "indicator_id": indicator_id,
            "area_code_raw": area_code,
            "area_name": area_name,
            "area_level": levels,
            "period_label": period,
            "period_hint": hints,
            "breakdown_dimension": dimension,
            "breakdown_value": breakdown_value,
            "kind": "actual",
            **numeric,
            "value_text": None,
            "status": status,
            "value_note": value_note.where(value_note != "", None),
            "qualifier": None,
            "unit": None,
            "value_column": col("value"),
        }
    )
    result, repeat_note = drop_exact_repeats(result, frame)
    registrable: dict = {}
    parent_code = clean_text(frame[col("parentcode")]) if col("parentcode") else pd.Series("", index=frame.index)
    firsts = pd.DataFrame({"c": area_code, "n": area_name, "l": levels, "p": parent_code}).drop_duplicates("c")
    for code, area, level in zip(firsts["c"], firsts["n"], firsts["l"]):
        if level in {"country", "region"}:
            registrable[code] = (area, level)
    # every other well-formed GSS code the file names (wards, MSOAs, districts, ICBs ...)
    for code, entry in geography.registrable_from_columns(
        list(firsts["c"]), list(firsts["n"]), list(firsts["p"]), list(firsts["l"])
    ).items():
        registrable.setdefault(code, entry)
    # ---- polarity stated by the file (Better/Worse against a benchmark, or the trend words)
    if not short:
        sex_text = clean_text(frame[col("sex")]) if col("sex") else pd.Series("", index=frame.index)
        age_text = clean_text(frame[col("age")]) if col("age") else pd.Series("", index=frame.index)
        category_text = clean_text(frame[col("category")]) if col("category") else pd.Series("", index=frame.index)
        learned = polarity.learn(
            frame,
            indicator_id,
            numeric["value"],
            area_code,
            parent_code if col("parentcode") else None,
            indicator_id + "\x1f" + period + "\x1f" + sex_text + "\x1f" + age_text,
            category_text == "",
            col("recenttrend"),
        )
        for key, (stated, evidence) in learned.items():
            spec = indicators.get(key)
            if spec is not None:
                spec.stated_polarity = stated
                spec.polarity_evidence = evidence
    columns = {
        "indicator_id": col("indicatorid") or col("indicatorname"),
        "area_code_raw": col("areacode"),
        "period_label": col("timeperiod"),
        "value": col("value"),
        "lower_ci95": col("lowerci950limit"),
        "upper_ci95": col("upperci950limit"),
        "lower_ci998": col("lowerci998limit"),
        "upper_ci998": col("upperci998limit"),
        "count": col("count"),
        "denominator": col("denominator"),
        "breakdown_value": col("category") or col("sex"),
    }
    with_ci = (
        pd.Series(np.isfinite(result["lower_ci95"].to_numpy(dtype="float64"))).groupby(result["indicator_id"].to_numpy()).any()
    )
    for spec in indicators.values():
        has_ci = bool(with_ci.get(spec.id, False))
        spec.ci_method = "published" if has_ci else "none"
    names = sorted({spec.name for spec in indicators.values()})
    title = "Fingertips: " + "; ".join(names)
    return ParseResult(
        "fingertips",
        result,
        indicators,
        problems,
        PUBLISHER,
        title[:400],
        n,
        columns={k: v for k, v in columns.items() if v},
        notes=[repeat_note] if repeat_note else [],
        registrable_areas=registrable,
    )


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
