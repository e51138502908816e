"""The native tidy CSV: one row per value, documented column by column in docs/native-csv.md.

Required: ``indicator_id, area_code, period, value``. An indicator that is not yet in the
database is registered from ``indicator_name`` and ``unit`` (``value_type`` is inferred from
the unit when blank).
"""

from __future__ import annotations

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
    shorten,
)
from data_access.models import POLARITIES, TOTAL, VALUE_TYPES

TEMPLATE = Path(__file__).with_name("native_template.csv")

REQUIRED = ("indicator_id", "area_code", "period", "value")
OPTIONAL = (
    "indicator_name",
    "unit",
    "value_type",
    "polarity",
    "period_type",
    "area_name",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    "status",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "count",
    "denominator",
    "value_note",
    "qualifier",
    "publisher",
)
COLUMNS = REQUIRED + OPTIONAL
TEXT_COLUMNS = (
    "indicator_id",
    "indicator_name",
    "unit",
    "area_code",
    "area_name",
    "period",
    "breakdown_dimension",
    "breakdown_value",
    "value_note",
    "qualifier",
    "publisher",
)


def parse(raw: RawTable, path: Path, catalogue: Catalogue) -> ParseResult:
    frame = raw.frame
    problems: list[ImportProblem] = []
    lowered = {name.strip().lower(): name for name in raw.header}
    missing = [name for name in REQUIRED if name not in lowered]
    unknown = [name for name in raw.header if name.strip().lower() not in COLUMNS]
    if missing:
        problems.append(ImportProblem(1, None, f"native header is missing required column(s): {', '.join(missing)}"))
    for name in unknown:
        problems.append(ImportProblem(1, name, f"unknown column {name!r}; native columns are: {', '.join(COLUMNS)}"))
    if missing:
        return ParseResult("native", pd.DataFrame(), {}, problems, "", path.name, len(frame))

    n = len(frame)
    lines = np.arange(2, n + 2)
    blank = pd.Series("", index=frame.index)

    def text(name: str) -> pd.Series:
        return clean_text(frame[lowered[name]]) if name in lowered else blank

    check_text_cells(
        frame,
        [lowered[c] for c in TEXT_COLUMNS if c in lowered],
        problems,
        limits={
            lowered.get("indicator_id", ""): 80,
            lowered.get("area_code", ""): 20,
            lowered.get("unit", ""): 120,
            lowered.get("indicator_name", ""): 300,
            lowered.get("qualifier", ""): 40,
            lowered.get("period", ""): 60,
        },
    )

    numeric: dict[str, np.ndarray] = {}
    status = text("status")
    status = status.where(status != "", None)
    for name in ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator"):
        if name not in lowered:
            numeric[name] = np.full(n, np.nan)
            continue
        values, symbols, bad = parse_numbers(frame[lowered[name]])
        numeric_problems(bad, frame[lowered[name]], lowered[name], problems, lines)
        numeric[name] = values
        if name == "value":
            status = status.where(status.notna(), symbols)

    indicator_id = text("indicator_id")
    unit = text("unit")
    names = text("indicator_name")
    value_type_col = text("value_type")
    polarity_col = text("polarity")
    period_type = text("period_type")
    publisher = text("publisher")

    indicators: dict[str, IndicatorSpec] = {}
    firsts = pd.DataFrame(
        {
            "id": indicator_id,
            "name": names,
            "unit": unit,
            "vt": value_type_col,
            "pol": polarity_col,
            "pt": period_type,
            "pub": publisher,
            "line": lines,
        }
    ).drop_duplicates("id")
    for row in firsts.itertuples(index=False):
        if not row.id:
            continue
        existing = catalogue.indicator(row.id)
        if existing is not None:
            spec = IndicatorSpec(
                id=row.id,
                name=str(existing["name"]),
                unit=row.unit or str(existing["unit"]),
                value_type=row.vt or (infer_value_type(row.unit, "") if row.unit else str(existing["value_type"])),
                period_type=str(existing["period_type"]),
                polarity=str(existing.get("polarity") or "no_judgement"),
                unit_stated=bool(row.unit or row.vt),
                stated_polarity=row.pol if row.pol in POLARITIES else None,
                polarity_evidence="the file's polarity column",
            )
        else:
            if not row.name or not row.unit:
                rows = np.flatnonzero((indicator_id == row.id).to_numpy())
                for position in rows:
                    problems.append(
                        ImportProblem(
                            int(lines[position]),
                            lowered.get("indicator_name", lowered["indicator_id"])
                            if not row.name
                            else lowered.get("unit", "unit"),
                            f"indicator {row.id!r} is not in the database; give indicator_name and unit "
                            "(on its first row at least) to register it",
                        )
                    )
                continue
            value_type = row.vt or infer_value_type(row.unit, row.name)
            if value_type not in VALUE_TYPES:
                problems.append(
                    ImportProblem(
                        int(row.line), lowered.get("value_type"), f"value_type {row.vt!r} is not one of {', '.join(VALUE_TYPES)}"
                    )
                )
                value_type = "other"
            polarity = row.pol or "no_judgement"
            if polarity not in POLARITIES:
                problems.append(
                    ImportProblem(
                        int(row.line), lowered.get("polarity"), f"polarity {row.pol!r} is not one of {', '.join(POLARITIES)}"
                    )
                )
                polarity = "no_judgement"
            spec = IndicatorSpec(
                id=row.id,
                name=row.name,
                unit=row.unit,
                value_type=value_type,
                polarity=polarity,
                period_type=row.pt or "not_stated",
                publisher=row.pub or None,
                unit_stated=True,
                stated_polarity=polarity if row.pol else None,
                polarity_evidence="the file's polarity column",
            )
        indicators[spec.id] = spec

    dimension = text("breakdown_dimension")
    value = text("breakdown_value")
    dimension = dimension.where(dimension != "", TOTAL).map(lambda t: shorten(t, 60))
    value = value.where(value != "", TOTAL).map(lambda t: shorten(t, 120))
    kind = text("kind")
    kind = kind.where(kind != "", "actual")
    note = text("value_note")
    qualifier = text("qualifier")

    result = pd.DataFrame(
        {
            "line": lines,
            "indicator_id": indicator_id,
            "area_code_raw": text("area_code"),
            "area_name": text("area_name"),
            "area_level": None,
            "period_label": text("period"),
            "period_hint": period_type,
            "breakdown_dimension": dimension,
            "breakdown_value": value,
            "kind": kind,
            **numeric,
            "value_text": None,
            "status": status,
            "value_note": note.where(note != "", None),
            "qualifier": qualifier.where(qualifier != "", None),
            "unit": unit.where(unit != "", None),
            "value_column": lowered["value"],
        }
    )
    for spec in indicators.values():
        rows = result["indicator_id"] == spec.id
        if np.isfinite(result.loc[rows, "lower_ci95"]).any():
            spec.ci_method = "published"
    publishers = sorted({p for p in publisher if p})
    columns = {
        "indicator_id": lowered["indicator_id"],
        "area_code_raw": lowered["area_code"],
        "period_label": lowered["period"],
        "value": lowered["value"],
    }
    columns.update({name: lowered[name] for name in OPTIONAL if name in lowered})
    return ParseResult(
        "native",
        result,
        indicators,
        problems,
        "; ".join(publishers) or "Local import (native CSV)",
        f"Native CSV import: {path.name}",
        n,
        columns=columns,
    )
