"""Checks shared by every format, run on the whole file before anything is written.

Each check is vectorised over the candidate rows and reports *every* failing row with its
line and the file's own column name, so a user can fix the file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from analytics.observation_checks import implausible
from analytics.periods import PeriodError, parse_period
from data_access.importers.cells import map_distinct, row_codes
from data_access.importers.geography import unregistrable_reason
from data_access.importers.labels import infer_value_type
from data_access.importers.parents import Placed, place
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import ImportProblem, IndicatorSpec, ParseResult, RegistrableArea
from data_access.models import OBSERVATION_KINDS, STATUS_SYMBOLS


@dataclass
class PeriodInfo:
    period_type: str
    label: str
    start: date | None
    end: date | None
    sort_key: int


@dataclass
class Validated:
    frame: pd.DataFrame
    periods: dict[tuple[str, str], PeriodInfo] = field(default_factory=dict)  # (type, label) -> info
    areas_to_register: dict[str, RegistrableArea] = field(default_factory=dict)
    #: stored wards/MSOAs without a parent -> the district the ONS lookup gives (``importers.parents``)
    parents_to_set: dict[str, str] = field(default_factory=dict)
    #: lookup name -> how many areas it placed, recorded with the import's source
    parent_methods: dict[str, int] = field(default_factory=dict)


def canonical_label(label: str, period_type: str) -> str:
    """One spelling per period: financial years "2016-17", academic years "2016/17" (as analytics.periods)."""
    text = label.strip()
    if period_type == "financial" and re.fullmatch(r"\d{4}/\d{2}", text):
        return text.replace("/", "-")
    if period_type == "academic" and re.fullmatch(r"\d{4}-\d{2}", text):
        return text.replace("-", "/")
    if period_type == "rolling" and re.fullmatch(r"\d{4}[/-]\d{2}\s*-\s*\d{2}[/-]\d{2}", text):
        return re.sub(r"\s*-\s*(?=\d{2}[/-]\d{2}$)", " - ", text)
    return text


def _column(result: ParseResult, field_name: str, row_column: object = None) -> str:
    if isinstance(row_column, str) and row_column:
        return row_column
    return result.columns.get(field_name, field_name)


#: A problem's message: fixed, or written from the offending row.
Message = str | Callable[[pd.Series], str]


def _emit(
    problems: list[ImportProblem], frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str | pd.Series, message: Message
) -> None:
    """One problem per masked row."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    hit = frame[mask]
    columns = column[mask].tolist() if isinstance(column, pd.Series) else [column] * len(hit)
    for (_, row), col in zip(hit.iterrows(), columns):
        text = message(row) if callable(message) else message
        problems.append(ImportProblem(int(row["line"]), col, text))


def registration_notes(to_register: dict[str, RegistrableArea]) -> list[str]:
    """One note per country/region added; areas a file adds in bulk (wards …) as a count per level."""
    notes: list[str] = []
    per_level: dict[str, int] = {}
    for code, entry in to_register.items():
        name, level = entry[0], entry[1]
        if level in ("country", "region") or len(to_register) <= 5:
            parent = f", parent {entry[2]}" if len(entry) > 2 and entry[2] else ""
            notes.append(f"area {code} ({name}, {level}{parent}) is not in the area table; it will be added")
        else:
            per_level[level] = per_level.get(level, 0) + 1
    if per_level:
        counts = ", ".join(f"{n} {level}" for level, n in sorted(per_level.items()))
        notes.append(f"areas not yet in the area table will be added from the file's own columns: {counts}")
    return notes


def validate(result: ParseResult, reference: ReferenceData) -> Validated:
    """Every check over the candidate rows; adds area_code, period_type and period_label_raw columns."""
    frame = result.frame.copy()
    problems = result.problems
    if frame.empty:
        return Validated(frame)
    frame["period_hint"] = frame["period_hint"].fillna("").astype(str)
    _check_required(frame, result, problems)
    placed = _resolve_areas(frame, result, reference)
    periods = _resolve_periods(frame, result)
    _check_vocabularies(frame, result)
    _check_duplicates(frame, result)
    value_types = _check_units(frame, result, reference)
    _check_plausible(frame, result, value_types)
    problems.sort(key=lambda p: (p.line if p.line is not None else 0, p.column or ""))
    return Validated(frame, periods, placed.areas, placed.stored, placed.methods)


def _value_column(frame: pd.DataFrame, result: ParseResult) -> pd.Series:
    """The file's column each row's value came from (EES files hold one per indicator)."""
    return frame["value_column"].where(frame["value_column"].notna(), result.columns.get("value", "value"))


def _check_required(frame: pd.DataFrame, result: ParseResult, problems: list[ImportProblem]) -> None:
    for field_name, label in (("indicator_id", "indicator"), ("area_code_raw", "area code"), ("period_label", "period")):
        blank = frame[field_name].isna() | map_distinct(frame[field_name], lambda u: u.astype(str).str.strip() == "").astype(bool)
        if field_name == "indicator_id":
            # parsers already reported rows whose indicator could not be named
            reported = {p.line for p in problems}
            blank &= ~frame["line"].isin(reported)
        _emit(problems, frame, blank, _column(result, field_name), f"{label} is blank")


# ------------------------------------------------------------------ areas


def _resolve_areas(frame: pd.DataFrame, result: ParseResult, reference: ReferenceData) -> Placed:
    """Current code, predecessor alias, DfE LA number, or an area the file may add; sets ``area_code``.

    New wards and MSOAs without a parent in the file (and stored ones still without) get their
    district from the ONS lookups (``importers.parents``)."""
    resolved: dict[str, str | None] = {}
    alias_notes: dict[str, str] = {}
    to_register: dict[str, RegistrableArea] = {}
    for code in frame["area_code_raw"].unique().tolist():
        resolved[code], note = _resolve_area(code, result, reference)
        if note:
            alias_notes[code] = note
        elif resolved[code] and code in result.registrable_areas and code not in reference.areas:
            to_register[code] = result.registrable_areas[code]
    frame["area_code"] = frame["area_code_raw"].map(resolved)
    unknown = frame["area_code"].isna() & (frame["area_code_raw"] != "")
    _emit(result.problems, frame, unknown, _column(result, "area_code_raw"), _unknown_area_message(reference))
    _note_aliases(frame, alias_notes, result.notes)
    stored = {code: reference.areas[code] for code in set(resolved.values()) if code and code in reference.areas}
    placed = place(to_register, stored, reference.parents)
    result.notes.extend(registration_notes(placed.areas))
    result.notes.extend(placed.notes())
    return placed


def _resolve_area(code: str, result: ParseResult, reference: ReferenceData) -> tuple[str | None, str | None]:
    """(stored code or None, a note when the file used another code for it)."""
    if not code:
        return None, None
    if code in reference.areas:
        return code, None
    if code in reference.aliases:
        target, scheme, note = reference.aliases[code]
        return target, f"published under {code} ({scheme.replace('_', ' ')}{': ' + note if note else ''}); stored as {target}"
    if code in reference.dfe_la:
        return reference.dfe_la[code], f"published under DfE LA number {code}; stored as {reference.dfe_la[code]}"
    if code in result.registrable_areas:
        return code, None
    return None, None


def _unknown_area_message(reference: ReferenceData) -> Callable[[pd.Series], str]:
    # councils, not the wards or neighbourhoods an earlier import added: those say nothing to the reader
    councils = sorted(code for code, (_, level) in reference.areas.items() if level in {"country", "region", "county", "unitary"})
    known_list = ", ".join(councils[:6]) + ("…" if len(councils) > 6 else "")

    def message(row: pd.Series) -> str:
        area_name = row.get("area_name")
        name = f" ({area_name})" if isinstance(area_name, str) and area_name else ""
        level = row.get("area_level")
        level_text = f", a {level} area," if isinstance(level, str) and level not in ("", "other") else ""
        reason = unregistrable_reason(str(row["area_code_raw"]), area_name if isinstance(area_name, str) else None)
        return (
            f"area code {row['area_code_raw']!r}{name}{level_text} is not in the area table and has no alias "
            f"(known areas: {known_list or 'none'}); {('it ' + reason + '; ') if reason else ''}"
            "add it to the areas first or remove these rows"
        )

    return message


def _note_aliases(frame: pd.DataFrame, alias_notes: dict[str, str], notes: list[str]) -> None:
    """Say in the report, and in each row's value note, that a row was stored under another code."""
    for code, note in alias_notes.items():
        mask = frame["area_code_raw"] == code
        notes.append(f"{int(mask.sum())} row(s) {note}")
        existing_note = frame.loc[mask, "value_note"]
        frame.loc[mask, "value_note"] = np.where(
            existing_note.notna() & (existing_note.astype(str) != ""),
            existing_note.astype(str) + " | " + note,
            note,
        )


# ------------------------------------------------------------------ periods


def _resolve_periods(frame: pd.DataFrame, result: ParseResult) -> dict[tuple[str, str], PeriodInfo]:
    """Parse each distinct (label, hint) once; sets period_type and the canonical period_label."""
    parsed = _parse_periods(frame)
    labels = frame["period_label"].astype(str)
    _, first, codes = np.unique(row_codes([labels, frame["period_hint"]]), return_index=True, return_inverse=True)
    infos = [parsed.get((label, hint)) for label, hint in zip(labels.to_numpy()[first], frame["period_hint"].to_numpy()[first])]
    is_info = np.array([isinstance(i, PeriodInfo) for i in infos] + [False], dtype=bool)
    types = np.array([i.period_type if isinstance(i, PeriodInfo) else None for i in infos] + [None], dtype=object)
    canon = np.array([i.label if isinstance(i, PeriodInfo) else None for i in infos] + [None], dtype=object)
    frame["period_type"] = types[codes]
    frame["period_label_raw"] = frame["period_label"]
    frame["period_label"] = np.where(is_info[codes], canon[codes], frame["period_label"].to_numpy(dtype=object))
    bad_period = np.array([isinstance(i, str) for i in infos] + [False], dtype=bool)[codes]
    _emit(
        result.problems,
        frame,
        bad_period,
        _column(result, "period_label"),
        lambda row: str(parsed[(row["period_label_raw"], row["period_hint"])]),
    )
    return {(i.period_type, i.label): i for i in parsed.values() if isinstance(i, PeriodInfo)}


def _parse_periods(frame: pd.DataFrame) -> dict[tuple[str, str], PeriodInfo | str]:
    """(label, hint) -> the period, or why it cannot be read."""
    parsed: dict[tuple[str, str], PeriodInfo | str] = {}
    keys = frame[["period_label", "period_hint"]].drop_duplicates()
    for label, hint in zip(keys["period_label"].tolist(), keys["period_hint"].tolist()):
        if label:
            parsed[(label, hint)] = _parse_period(label, hint)
    return parsed


def _parse_period(label: str, hint: str) -> PeriodInfo | str:
    try:
        info = parse_period(label, hint if isinstance(hint, str) and hint else None)
        if len(info.label) > 60:
            raise PeriodError(f"period label is {len(info.label)} characters; at most 60 allowed")
    except (PeriodError, ValueError) as error:
        return str(error)
    return PeriodInfo(info.period_type, canonical_label(info.label, info.period_type), info.start, info.end, info.sort_key)


# ------------------------------------------------------------------ rows


def _check_vocabularies(frame: pd.DataFrame, result: ParseResult) -> None:
    """Kind and status words (native files state them)."""
    bad_kind = ~frame["kind"].isin(OBSERVATION_KINDS)
    kinds = ", ".join(OBSERVATION_KINDS)
    _emit(result.problems, frame, bad_kind, _column(result, "kind"), lambda r: f"kind {r['kind']!r} is not one of {kinds}")
    bad_status = frame["status"].notna() & ~frame["status"].isin(STATUS_SYMBOLS)
    statuses = ", ".join(STATUS_SYMBOLS)
    _emit(
        result.problems,
        frame,
        bad_status,
        _column(result, "status"),
        lambda r: f"status {r['status']!r} is not one of {statuses}",
    )


def _check_duplicates(frame: pd.DataFrame, result: ParseResult) -> None:
    """Two rows with one key in the same file: each names the first line of its key."""
    key_columns = ["indicator_id", "area_code", "period_type", "period_label", "breakdown_dimension", "breakdown_value", "kind"]
    keyed = frame[key_columns].assign(area_code=frame["area_code"].fillna(frame["area_code_raw"]))
    duplicated = pd.Series(row_codes([keyed[c] for c in key_columns])).duplicated(keep=False).to_numpy()
    if not duplicated.any():
        return
    keyed = keyed.fillna("\x00")
    first_line = keyed.assign(line=frame["line"])[duplicated].groupby(key_columns)["line"].transform("min")
    first_by_index = dict(zip(frame.index[duplicated].tolist(), first_line.tolist()))

    def message(row: pd.Series) -> str:
        first = int(first_by_index[row.name])
        if first != int(row["line"]):
            return f"duplicate row: same indicator, area, period and breakdown as line {first}"
        return "duplicate row: the same indicator, area, period and breakdown appear again later in the file"

    _emit(result.problems, frame, duplicated, _column(result, "indicator_id"), message)


# ------------------------------------------------------------------ units and ranges


def _check_units(frame: pd.DataFrame, result: ParseResult, reference: ReferenceData) -> dict[str, str]:
    """Units agree with the stored indicator and within the file; returns each indicator's value type."""
    value_types = {key: spec.value_type for key, spec in result.indicators.items()}
    for indicator_id, spec in result.indicators.items():
        existing = reference.indicator(indicator_id)
        if existing is None:
            continue
        if spec.unit_stated and _unit_conflicts(spec, existing):
            column = _column(result, "unit", None) if "unit" in result.columns else _value_column(frame, result)
            message = (
                f"unit {spec.unit!r} ({spec.value_type}) does not match indicator {indicator_id!r}, "
                f"stored as {existing['unit']!r} ({existing['value_type']})"
            )
            _emit(result.problems, frame, frame["indicator_id"] == indicator_id, column, message)
        value_types[indicator_id] = str(existing["value_type"])
    _check_mixed_units(frame, result)
    return value_types


def _unit_conflicts(spec: IndicatorSpec, existing: dict[str, Any]) -> bool:
    return infer_value_type(spec.unit) != existing["value_type"] and spec.value_type != existing["value_type"]


def _check_mixed_units(frame: pd.DataFrame, result: ParseResult) -> None:
    if not frame["unit"].notna().any():
        return
    units = frame[["indicator_id", "unit", "line"]].dropna(subset=["unit"])
    units = units[units["unit"] != ""]
    first_unit = units.groupby("indicator_id")["unit"].transform("first")
    first_line = units.groupby("indicator_id")["line"].transform("first")
    mixed = units["unit"] != first_unit
    column = result.columns.get("unit", "unit")
    for line, unit, indicator_id, unit0, line0 in zip(
        units.loc[mixed, "line"].tolist(),
        units.loc[mixed, "unit"].tolist(),
        units.loc[mixed, "indicator_id"].tolist(),
        first_unit[mixed].tolist(),
        first_line[mixed].tolist(),
    ):
        message = f"mixed units: {unit!r} here but {unit0!r} on line {int(line0)} for the same indicator {indicator_id!r}"
        result.problems.append(ImportProblem(int(line), column, message))


def _check_plausible(frame: pd.DataFrame, result: ParseResult, value_types: dict[str, str]) -> None:
    """The one observation rule (``analytics.observation_checks``: CI brackets, percentages within
    0-100, no negative counts), reported at the file's own lines and columns."""
    value_columns = _value_column(frame, result)
    lines = frame["line"].to_numpy()
    for problem in implausible(frame, value_types):
        column = value_columns.iloc[problem.position] if problem.field == "value" else _column(result, problem.field)
        result.problems.append(ImportProblem(int(lines[problem.position]), column, problem.message))
