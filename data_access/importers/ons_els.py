"""ONS Explore Local Statistics CSV.

``areacd, areanm, geography, indicator, period, observation, measure, unit, lci_95, uci_95,
status[, notes…]``. ``period`` is an ISO 8601 interval (``2021-04-01/P1Y``) turned into the
project's labels: April starts are financial years (2021-22), September and August starts
academic years (2021/22), January starts calendar years (2021) or rolling windows (2011-13).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from data_access.importers.catalogue import Catalogue
from data_access.importers.common import (
    ImportProblem,
    IndicatorSpec,
    ParseResult,
    RawTable,
    check_text_cells,
    clean_text,
    infer_value_type,
    numeric_problems,
    parse_numbers,
    slug,
)
from data_access.importers.geography import registrable_from_columns
from data_access.models import TOTAL

PUBLISHER = "Office for National Statistics (Explore Local Statistics)"
GEOGRAPHIES = {
    "nation": "country",
    "country": "country",
    "region": "region",
    "county or unitary authority": "county",
    "upper tier local authority": "county",
    "local authority district": "district",
    "lower tier local authority": "district",
}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})/P(\d+)([YMD])$")
UNITS = {"%": "%", "yrs": "years", "years": "years"}


def iso_period(text: str) -> tuple[str, str] | None:
    """'2021-04-01/P1Y' -> ('2021-22', 'financial'); None when not understood."""
    match = _ISO.match(text.strip())
    if not match:
        return None
    year, month, day, length, unit = (
        int(match.group(1)),
        int(match.group(2)),
        int(match.group(3)),
        int(match.group(4)),
        match.group(5),
    )
    if unit != "Y" or day != 1:
        return None
    last = year + length - 1
    if month == 1:
        if length == 1:
            return str(year), "calendar"
        return f"{year}-{str(last)[2:] if last // 100 == year // 100 else last}", "rolling"
    kind = {4: "financial", 9: "academic", 8: "academic"}.get(month)
    if kind is None:
        return None
    sep = "-" if kind == "financial" else "/"
    first = f"{year}{sep}{str(year + 1)[2:]}"
    if length == 1:
        return first, kind
    return f"{first} - {str(last)[2:]}{sep}{str(last + 1)[2:]}", kind


def parse(raw: RawTable, path: Path, catalogue: Catalogue) -> ParseResult:
    frame = raw.frame
    problems: list[ImportProblem] = []
    lookup = {name.strip().lower(): name for name in raw.header}
    required = ("areacd", "indicator", "period", "observation")
    missing = [c for c in required if c not in lookup]
    if missing:
        problems.append(ImportProblem(1, None, f"ONS Explore Local Statistics header is missing {', '.join(missing)}"))
        return ParseResult("ons-els", pd.DataFrame(), {}, problems, PUBLISHER, path.name, len(frame))
    n = len(frame)
    lines = np.arange(2, n + 2)
    blank = pd.Series("", index=frame.index)

    def cells(name: str) -> pd.Series:
        return clean_text(frame[lookup[name]]) if name in lookup else blank

    note_columns = [c for c in raw.header if c.strip().lower().startswith("notes")]
    check_text_cells(
        frame,
        [lookup[c] for c in ("areanm", "indicator", "measure", "unit", "geography") if c in lookup] + note_columns,
        problems,
    )

    values, symbols, bad = parse_numbers(frame[lookup["observation"]])
    numeric_problems(bad, frame[lookup["observation"]], lookup["observation"], problems, lines)
    numbers = {"value": values}
    for field, name in (("lower_ci95", "lci_95"), ("upper_ci95", "uci_95")):
        if name in lookup:
            ci, _, ci_bad = parse_numbers(frame[lookup[name]])
            numeric_problems(ci_bad, frame[lookup[name]], lookup[name], problems, lines)
            numbers[field] = ci
        else:
            numbers[field] = np.full(n, np.nan)
    status = cells("status").str.lower()
    status = status.where(status != "", None)
    status = status.where(status.notna(), symbols)

    # periods
    period_raw = cells("period")
    mapping = {text: iso_period(text) for text in period_raw.unique()}
    for position in np.flatnonzero(period_raw.map(lambda t: mapping[t] is None).to_numpy()):
        problems.append(
            ImportProblem(
                int(lines[position]),
                lookup["period"],
                f"{period_raw.iloc[position]!r} is not an ISO period this importer understands "
                "(expected yyyy-mm-01/PnY starting in January, April, August or September)",
            )
        )
    label = period_raw.map(lambda t: mapping[t][0] if mapping[t] else t)
    hint = period_raw.map(lambda t: mapping[t][1] if mapping[t] else "")

    # indicators
    indicator_name = cells("indicator")
    unit = cells("unit")
    measure = cells("measure")
    indicators: dict[str, IndicatorSpec] = {}
    firsts = pd.DataFrame({"name": indicator_name, "unit": unit, "measure": measure, "hint": hint}).drop_duplicates("name")
    id_map = {}
    for row in firsts.itertuples(index=False):
        if not row.name:
            continue
        indicator_id = slug(f"ons-{row.name}")
        id_map[row.name] = indicator_id
        shown_unit = UNITS.get(row.unit, row.unit) or row.measure or "value"
        indicators[indicator_id] = IndicatorSpec(
            id=indicator_id,
            name=row.name[:300],
            unit=shown_unit,
            value_type=infer_value_type(row.unit or row.measure, row.name),
            period_type=row.hint or "not_stated",
            publisher=PUBLISHER,
            unit_stated=bool(row.unit),
        )
    indicator_id = indicator_name.map(id_map).fillna("")
    for spec in indicators.values():
        rows = (indicator_id == spec.id).to_numpy()
        if np.isfinite(numbers["lower_ci95"][rows]).any():
            spec.ci_method = "published"

    notes = pd.Series("", index=frame.index)
    for c in note_columns:
        text = clean_text(frame[c])
        notes = notes.where(text == "", notes.where(notes == "", notes + " | ") + text)
    geography = cells("geography").str.lower()
    level = geography.map(GEOGRAPHIES).fillna("other")
    area_code = cells("areacd")
    result = pd.DataFrame(
        {
            "line": lines,
            "indicator_id": indicator_id,
            "area_code_raw": area_code,
            "area_name": cells("areanm"),
            "area_level": level,
            "period_label": label,
            "period_hint": hint,
            "breakdown_dimension": TOTAL,
            "breakdown_value": TOTAL,
            "kind": "actual",
            "value": numbers["value"],
            "value_text": None,
            "lower_ci95": numbers["lower_ci95"],
            "upper_ci95": numbers["upper_ci95"],
            "lower_ci998": np.nan,
            "upper_ci998": np.nan,
            "count": np.nan,
            "denominator": np.nan,
            "status": status,
            "value_note": notes.where(notes != "", None),
            "qualifier": None,
            "unit": unit.where(unit != "", None),
            "value_column": lookup["observation"],
        }
    )
    registrable = {}
    for code, name, lvl in zip(area_code, result["area_name"], level):
        if lvl in {"country", "region"} and code not in registrable:
            registrable[code] = (name, lvl)
    # other well-formed GSS areas the file names (the file gives no parent codes)
    for code, entry in registrable_from_columns(list(area_code), list(result["area_name"]), None, list(level)).items():
        registrable.setdefault(code, entry)
    return ParseResult(
        "ons-els",
        result,
        indicators,
        problems,
        PUBLISHER,
        f"ONS Explore Local Statistics: {path.name}",
        n,
        columns={
            "indicator_id": lookup["indicator"],
            "area_code_raw": lookup["areacd"],
            "period_label": lookup["period"],
            "value": lookup["observation"],
            "lower_ci95": lookup.get("lci_95", "lci_95"),
            "upper_ci95": lookup.get("uci_95", "uci_95"),
            "status": lookup.get("status", "status"),
            "unit": lookup.get("unit", "unit"),
        },
        registrable_areas=registrable,
    )
