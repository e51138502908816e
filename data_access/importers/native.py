"""The native tidy CSV: one row per value, documented column by column in docs/native-csv.md.

Required: ``indicator_id, area_code, period, value``. An indicator that is not yet in the
database is registered from ``indicator_name`` and ``unit`` (``value_type`` is inferred from
the unit when blank).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from data_access.importers.cells import check_text_cells
from data_access.importers.csv_read import RawTable
from data_access.importers.labels import infer_value_type, shorten
from data_access.importers.normalise import FileColumns, candidate_rows, mark_published_ci, read_figures, refused
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import NUMERIC_FIELDS, ImportProblem, IndicatorSpec, ParseResult
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


#: text column -> the longest cell it may hold
TEXT_LIMITS = {"indicator_id": 80, "area_code": 20, "unit": 120, "indicator_name": 300, "qualifier": 40, "period": 60}
POLARITY_EVIDENCE = "the file's polarity column"


@dataclass(frozen=True)
class _IndicatorRow:
    """What an indicator's first row says about it."""

    id: str
    name: str
    unit: str
    value_type: str
    polarity: str
    period_type: str
    publisher: str
    line: int


def parse(raw: RawTable, path: Path, reference: ReferenceData) -> ParseResult:
    columns = FileColumns(raw.frame, {name.strip().lower(): name for name in raw.header})
    problems = _header_problems(columns, raw.header)
    if columns.missing(REQUIRED):
        return refused("native", problems, "", path, len(raw.frame))
    lowered = columns.lookup
    check_text_cells(
        raw.frame,
        [lowered[c] for c in TEXT_COLUMNS if c in lowered],
        problems,
        limits={lowered.get(name, ""): limit for name, limit in TEXT_LIMITS.items()},
    )
    columns, unfilled = _without_unfilled_rows(columns)
    numbers, symbols = read_figures(columns, {name: lowered.get(name) for name in NUMERIC_FIELDS}, problems)
    status = columns.text("status")
    status = status.where(status != "", None)
    status = status.where(status.notna(), symbols)
    indicators = _indicators(columns, reference, problems)
    result = candidate_rows(
        columns,
        indicator_id=columns.text("indicator_id"),
        area_code_raw=columns.text("area_code"),
        area_name=columns.text("area_name"),
        area_level=None,
        period_label=columns.text("period"),
        period_hint=columns.text("period_type"),
        breakdown_dimension=_label_or_total(columns.text("breakdown_dimension"), 60),
        breakdown_value=_label_or_total(columns.text("breakdown_value"), 120),
        kind=_or_default(columns.text("kind"), "actual"),
        **numbers,
        status=status,
        value_note=_or_default(columns.text("value_note"), None),
        qualifier=_or_default(columns.text("qualifier"), None),
        unit=_or_default(columns.text("unit"), None),
        value_column=lowered["value"],
    )
    mark_published_ci(indicators, result["indicator_id"], numbers["lower_ci95"])
    publishers = sorted({p for p in columns.text("publisher").tolist() if p})
    return ParseResult(
        "native",
        result,
        indicators,
        problems,
        "; ".join(publishers) or "Local import (native CSV)",
        f"Native CSV import: {path.name}",
        len(raw.frame),
        columns=_message_columns(lowered),
        notes=_unfilled_note(unfilled),
    )


#: The columns that carry a figure: a row with all of them blank says nothing about any value.
FIGURE_COLUMNS = ("value", "status", "lower_ci95", "upper_ci95", "count", "denominator")


def _without_unfilled_rows(columns: FileColumns) -> tuple[FileColumns, int]:
    """Leave out rows with no value, status, interval, count or denominator.

    Why: a plan's local-measure template lists every measure and period with the value empty;
    a team fills the figures it has and imports the file as it is. Its untouched rows are not
    missing values (those carry a status symbol) but rows nobody has filled in yet, so they are
    left out, counted in the report, instead of refusing the whole file. Line numbers stay the
    file's own."""
    blank = np.ones(len(columns.frame), dtype=bool)
    for key in FIGURE_COLUMNS:
        blank &= (columns.text(key) == "").to_numpy()
    if not blank.any() or blank.all():
        return columns, 0
    kept = FileColumns(columns.frame.loc[~blank], columns.lookup)
    kept.lines = columns.lines[~blank]
    return kept, int(blank.sum())


def _unfilled_note(unfilled: int) -> list[str]:
    if not unfilled:
        return []
    rows = "1 row has" if unfilled == 1 else f"{unfilled:,} rows have"
    return [f"{rows} no value, status or interval (not filled in yet) and {'was' if unfilled == 1 else 'were'} left out"]


def _header_problems(columns: FileColumns, header: list[str]) -> list[ImportProblem]:
    problems = []
    missing = columns.missing(REQUIRED)
    if missing:
        problems.append(ImportProblem(1, None, f"native header is missing required column(s): {', '.join(missing)}"))
    for name in header:
        if name.strip().lower() not in COLUMNS:
            problems.append(ImportProblem(1, name, f"unknown column {name!r}; native columns are: {', '.join(COLUMNS)}"))
    return problems


def _message_columns(lowered: dict[str, str]) -> dict[str, str]:
    columns = {
        "indicator_id": lowered["indicator_id"],
        "area_code_raw": lowered["area_code"],
        "period_label": lowered["period"],
        "value": lowered["value"],
    }
    columns.update({name: lowered[name] for name in OPTIONAL if name in lowered})
    return columns


def _or_default(text: pd.Series, default: str | None) -> pd.Series:
    return text.where(text != "", default)


def _label_or_total(text: pd.Series, limit: int) -> pd.Series:
    return text.where(text != "", TOTAL).map(lambda t: shorten(t, limit))


# ------------------------------------------------------------------ indicators


def _indicators(columns: FileColumns, reference: ReferenceData, problems: list[ImportProblem]) -> dict[str, IndicatorSpec]:
    """Stored indicators as they are (the file may restate their unit); new ones from their first row."""
    indicators: dict[str, IndicatorSpec] = {}
    for row in _first_rows(columns):
        if not row.id:
            continue
        existing = reference.indicator(row.id)
        if existing is not None:
            spec: IndicatorSpec | None = _stored_spec(row, existing)
        else:
            spec = _new_spec(row, columns, problems)
        if spec is not None:
            indicators[spec.id] = spec
    return indicators


def _first_rows(columns: FileColumns) -> list[_IndicatorRow]:
    keys = ("indicator_id", "indicator_name", "unit", "value_type", "polarity", "period_type", "publisher")
    firsts = pd.DataFrame({key: columns.text(key) for key in keys} | {"line": columns.lines}).drop_duplicates("indicator_id")
    texts = zip(*(firsts[key].tolist() for key in keys))
    return [
        _IndicatorRow(str(i), str(n), str(u), str(vt), str(pol), str(pt), str(pub), int(line))
        for (i, n, u, vt, pol, pt, pub), line in zip(texts, firsts["line"].tolist())
    ]


def _stored_spec(row: _IndicatorRow, existing: dict[str, Any]) -> IndicatorSpec:
    return IndicatorSpec(
        id=row.id,
        name=str(existing["name"]),
        unit=row.unit or str(existing["unit"]),
        value_type=row.value_type or (infer_value_type(row.unit, "") if row.unit else str(existing["value_type"])),
        period_type=str(existing["period_type"]),
        polarity=str(existing.get("polarity") or "no_judgement"),
        unit_stated=bool(row.unit or row.value_type),
        stated_polarity=row.polarity if row.polarity in POLARITIES else None,
        polarity_evidence=POLARITY_EVIDENCE,
    )


def _new_spec(row: _IndicatorRow, columns: FileColumns, problems: list[ImportProblem]) -> IndicatorSpec | None:
    """A new indicator needs a name and a unit; its value type and polarity must be known words."""
    lowered = columns.lookup
    if not row.name or not row.unit:
        column = lowered.get("indicator_name", lowered["indicator_id"]) if not row.name else lowered.get("unit", "unit")
        for position in np.flatnonzero((columns.text("indicator_id") == row.id).to_numpy()):
            problems.append(
                ImportProblem(
                    int(columns.lines[position]),
                    column,
                    f"indicator {row.id!r} is not in the database; give indicator_name and unit "
                    "(on its first row at least) to register it",
                )
            )
        return None
    value_type = row.value_type or infer_value_type(row.unit, row.name)
    if value_type not in VALUE_TYPES:
        message = f"value_type {row.value_type!r} is not one of {', '.join(VALUE_TYPES)}"
        problems.append(ImportProblem(row.line, lowered.get("value_type"), message))
        value_type = "other"
    polarity = row.polarity or "no_judgement"
    if polarity not in POLARITIES:
        problems.append(
            ImportProblem(row.line, lowered.get("polarity"), f"polarity {row.polarity!r} is not one of {', '.join(POLARITIES)}")
        )
        polarity = "no_judgement"
    return IndicatorSpec(
        id=row.id,
        name=row.name,
        unit=row.unit,
        value_type=value_type,
        polarity=polarity,
        period_type=row.period_type or "not_stated",
        publisher=row.publisher or None,
        unit_stated=True,
        stated_polarity=polarity if row.polarity else None,
        polarity_evidence=POLARITY_EVIDENCE,
    )
