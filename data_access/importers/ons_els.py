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

from analytics.codes import slug
from data_access.importers.cells import check_text_cells, clean_text
from data_access.importers.csv_read import RawTable
from data_access.importers.labels import infer_value_type
from data_access.importers.normalise import FileColumns, candidate_rows, mark_published_ci, named_areas, read_figures, refused
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import ImportProblem, IndicatorSpec, ParseResult
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
REQUIRED = ("areacd", "indicator", "period", "observation")


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


def parse(raw: RawTable, path: Path, reference: ReferenceData) -> ParseResult:
    columns = FileColumns(raw.frame, {name.strip().lower(): name for name in raw.header})
    missing = columns.missing(REQUIRED)
    if missing:
        message = f"ONS Explore Local Statistics header is missing {', '.join(missing)}"
        return refused("ons-els", [ImportProblem(1, None, message)], PUBLISHER, path, len(raw.frame))
    problems: list[ImportProblem] = []
    lookup = columns.lookup
    note_columns = [c for c in raw.header if c.strip().lower().startswith("notes")]
    text_columns = [lookup[c] for c in ("areanm", "indicator", "measure", "unit", "geography") if c in lookup]
    check_text_cells(raw.frame, text_columns + note_columns, problems)
    sources = {"value": lookup["observation"], "lower_ci95": lookup.get("lci_95"), "upper_ci95": lookup.get("uci_95")}
    numbers, symbols = read_figures(columns, sources, problems)
    status = columns.text("status").str.lower()
    status = status.where(status != "", None)
    status = status.where(status.notna(), symbols)
    label, hint = _periods(columns, problems)
    indicators, indicator_id = _indicators(columns, hint)
    mark_published_ci(indicators, indicator_id, numbers["lower_ci95"])
    notes = _notes(columns, note_columns)
    level = columns.text("geography").str.lower().map(GEOGRAPHIES).fillna("other")
    unit = columns.text("unit")
    result = candidate_rows(
        columns,
        indicator_id=indicator_id,
        area_code_raw=columns.text("areacd"),
        area_name=columns.text("areanm"),
        area_level=level,
        period_label=label,
        period_hint=hint,
        breakdown_dimension=TOTAL,
        breakdown_value=TOTAL,
        **numbers,
        status=status,
        value_note=notes.where(notes != "", None),
        unit=unit.where(unit != "", None),
        value_column=lookup["observation"],
    )
    return ParseResult(
        "ons-els",
        result,
        indicators,
        problems,
        PUBLISHER,
        f"ONS Explore Local Statistics: {path.name}",
        len(raw.frame),
        columns=_message_columns(lookup),
        # the file gives no parent codes
        registrable_areas=named_areas(result["area_code_raw"], result["area_name"], level),
    )


def _message_columns(lookup: dict[str, str]) -> dict[str, str]:
    return {
        "indicator_id": lookup["indicator"],
        "area_code_raw": lookup["areacd"],
        "period_label": lookup["period"],
        "value": lookup["observation"],
        "lower_ci95": lookup.get("lci_95", "lci_95"),
        "upper_ci95": lookup.get("uci_95", "uci_95"),
        "status": lookup.get("status", "status"),
        "unit": lookup.get("unit", "unit"),
    }


def _periods(columns: FileColumns, problems: list[ImportProblem]) -> tuple[pd.Series, pd.Series]:
    """(label, hint) per row from the ISO interval, read once per distinct text."""
    period_raw = columns.text("period")
    mapping = {text: iso_period(text) for text in period_raw.unique().tolist()}
    for position in np.flatnonzero(period_raw.map(lambda t: mapping[t] is None).to_numpy()):
        problems.append(
            ImportProblem(
                int(columns.lines[position]),
                columns.lookup["period"],
                f"{period_raw.iloc[position]!r} is not an ISO period this importer understands "
                "(expected yyyy-mm-01/PnY starting in January, April, August or September)",
            )
        )
    labels = {text: found[0] if found else text for text, found in mapping.items()}
    hints = {text: found[1] if found else "" for text, found in mapping.items()}
    return period_raw.map(labels), period_raw.map(hints)


def _indicators(columns: FileColumns, hint: pd.Series) -> tuple[dict[str, IndicatorSpec], pd.Series]:
    """One indicator per distinct name, described by its first row; each row's indicator id."""
    indicator_name = columns.text("indicator")
    firsts = pd.DataFrame(
        {"name": indicator_name, "unit": columns.text("unit"), "measure": columns.text("measure"), "hint": hint}
    ).drop_duplicates("name")
    indicators: dict[str, IndicatorSpec] = {}
    id_map: dict[str, str] = {}
    for name, unit, measure, period_hint in zip(*(firsts[c].tolist() for c in ("name", "unit", "measure", "hint"))):
        if not name:
            continue
        indicator_id = id_map[name] = slug(f"ons-{name}")
        indicators[indicator_id] = IndicatorSpec(
            id=indicator_id,
            name=name[:300],
            unit=UNITS.get(unit, unit) or measure or "value",
            value_type=infer_value_type(unit or measure, name),
            period_type=period_hint or "not_stated",
            publisher=PUBLISHER,
            unit_stated=bool(unit),
        )
    return indicators, indicator_name.map(id_map).fillna("")


def _notes(columns: FileColumns, note_columns: list[str]) -> pd.Series:
    """Every notes column of a row, joined with " | "."""
    notes = columns.constant("")
    for c in note_columns:
        text = clean_text(columns.frame[c])
        notes = notes.where(text == "", notes.where(notes == "", notes + " | ") + text)
    return notes
