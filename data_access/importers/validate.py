"""Checks shared by every format, run on the whole file before anything is written.

Each check is vectorised over the candidate rows and reports *every* failing row with its
line and the file's own column name, so a user can fix the file in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from data_access.importers.catalogue import Catalogue
from data_access.importers.common import ImportProblem, ParseResult, infer_value_type, map_distinct, row_codes
from data_access.importers.geography import unregistrable_reason
from data_access.models import OBSERVATION_KINDS, STATUS_SYMBOLS

try:  # the shared period parser; the importer cannot work without one
    from analytics.periods import PeriodError, parse_period
except ImportError:  # pragma: no cover - analytics ships with the project
    raise

#: Tolerance for CI bracketing: published CIs are rounded, values sometimes less so.
_CI_TOLERANCE = 1e-6


@dataclass
class PeriodInfo:
    period_type: str
    label: str
    start: object
    end: object
    sort_key: int


@dataclass
class Validated:
    frame: pd.DataFrame
    periods: dict[tuple[str, str], PeriodInfo] = field(default_factory=dict)  # (type, label) -> info
    areas_to_register: dict[str, tuple[str, str]] = field(default_factory=dict)


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


def _emit(
    problems: list[ImportProblem], frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str | pd.Series, message
) -> None:  # type: ignore[no-untyped-def]
    """One problem per masked row; ``message`` is a string or a function of the row."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return
    hit = frame[mask]
    columns = column[mask] if isinstance(column, pd.Series) else [column] * len(hit)
    for (_, row), col in zip(hit.iterrows(), columns):
        text = message(row) if callable(message) else message
        problems.append(ImportProblem(int(row["line"]), col, text))


def registration_notes(to_register: dict[str, tuple]) -> list[str]:
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


def validate(result: ParseResult, catalogue: Catalogue) -> Validated:
    frame = result.frame.copy()
    problems = result.problems
    notes = result.notes
    if frame.empty:
        return Validated(frame)
    frame["period_hint"] = frame["period_hint"].fillna("").astype(str)
    value_column = frame["value_column"].where(frame["value_column"].notna(), result.columns.get("value", "value"))

    # ---- required cells
    for field_name, label in (("indicator_id", "indicator"), ("area_code_raw", "area code"), ("period_label", "period")):
        blank = frame[field_name].isna() | map_distinct(frame[field_name], lambda u: u.astype(str).str.strip() == "").astype(bool)
        if field_name == "indicator_id":
            # parsers already reported rows whose indicator could not be named
            reported = {p.line for p in problems}
            blank &= ~frame["line"].isin(reported)
        _emit(problems, frame, blank, _column(result, field_name), f"{label} is blank")

    # ---- areas: current code, predecessor alias, DfE LA number, or England/region to add
    codes = pd.Series(frame["area_code_raw"].unique())
    resolved: dict[str, str | None] = {}
    alias_notes: dict[str, str] = {}
    to_register: dict[str, tuple[str, str]] = {}
    for code in codes:
        if not code:
            resolved[code] = None
        elif code in catalogue.areas:
            resolved[code] = code
        elif code in catalogue.aliases:
            target, scheme, note = catalogue.aliases[code]
            resolved[code] = target
            alias_notes[code] = (
                f"published under {code} ({scheme.replace('_', ' ')}{': ' + note if note else ''}); stored as {target}"
            )
        elif code in catalogue.dfe_la:
            resolved[code] = catalogue.dfe_la[code]
            alias_notes[code] = f"published under DfE LA number {code}; stored as {catalogue.dfe_la[code]}"
        elif code in result.registrable_areas:
            resolved[code] = code
            to_register[code] = result.registrable_areas[code]
        else:
            resolved[code] = None
    frame["area_code"] = frame["area_code_raw"].map(resolved)
    unknown = frame["area_code"].isna() & (frame["area_code_raw"] != "")
    known_list = ", ".join(sorted(catalogue.areas)[:6]) + ("…" if len(catalogue.areas) > 6 else "")

    def unknown_message(row: pd.Series) -> str:
        name = f" ({row['area_name']})" if isinstance(row.get("area_name"), str) and row["area_name"] else ""
        level = row.get("area_level")
        level_text = f", a {level} area," if isinstance(level, str) and level not in ("", "other") else ""
        reason = unregistrable_reason(
            str(row["area_code_raw"]), row.get("area_name") if isinstance(row.get("area_name"), str) else None
        )
        return (
            f"area code {row['area_code_raw']!r}{name}{level_text} is not in the area table and has no alias "
            f"(known areas: {known_list or 'none'}); {('it ' + reason + '; ') if reason else ''}"
            "add it to the areas first or remove these rows"
        )

    _emit(problems, frame, unknown, _column(result, "area_code_raw"), unknown_message)
    for code, note in alias_notes.items():
        rows = int((frame["area_code_raw"] == code).sum())
        notes.append(f"{rows} row(s) {note}")
        mask = frame["area_code_raw"] == code
        existing_note = frame.loc[mask, "value_note"]
        frame.loc[mask, "value_note"] = np.where(
            existing_note.notna() & (existing_note.astype(str) != ""),
            existing_note.astype(str) + " | " + note,
            note,
        )
    notes.extend(registration_notes(to_register))

    # ---- periods (parsed once per distinct label)
    period_keys = frame[["period_label", "period_hint"]].drop_duplicates()
    parsed: dict[tuple[str, object], PeriodInfo | str] = {}
    for label, hint in zip(period_keys["period_label"], period_keys["period_hint"]):
        if not label:
            continue
        try:
            info = parse_period(label, hint if isinstance(hint, str) and hint else None)
            if len(info.label) > 60:
                raise PeriodError(f"period label is {len(info.label)} characters; at most 60 allowed")
            parsed[(label, hint)] = PeriodInfo(
                info.period_type, canonical_label(info.label, info.period_type), info.start, info.end, info.sort_key
            )
        except (PeriodError, ValueError) as error:
            parsed[(label, hint)] = str(error)
    _, first, codes = np.unique(
        row_codes([frame["period_label"].astype(str), frame["period_hint"]]), return_index=True, return_inverse=True
    )
    unique_infos = [
        parsed.get((label, hint))
        for label, hint in zip(frame["period_label"].astype(str).to_numpy()[first], frame["period_hint"].to_numpy()[first])
    ]
    is_info = np.array([isinstance(i, PeriodInfo) for i in unique_infos] + [False], dtype=bool)
    types = np.array([i.period_type if isinstance(i, PeriodInfo) else None for i in unique_infos] + [None], dtype=object)
    canon = np.array([i.label if isinstance(i, PeriodInfo) else None for i in unique_infos] + [None], dtype=object)
    frame["period_type"] = types[codes]
    frame["period_label_raw"] = frame["period_label"]
    frame["period_label"] = np.where(is_info[codes], canon[codes], frame["period_label"].to_numpy(dtype=object))
    bad_unique = np.array([isinstance(i, str) for i in unique_infos] + [False], dtype=bool)
    bad_period = bad_unique[codes]
    _emit(
        problems,
        frame,
        bad_period,
        _column(result, "period_label"),
        lambda row: str(parsed[(row["period_label_raw"], row["period_hint"])]),
    )
    periods = {(i.period_type, i.label): i for i in parsed.values() if isinstance(i, PeriodInfo)}

    # ---- kind and status vocabularies (native files state them)
    bad_kind = ~frame["kind"].isin(OBSERVATION_KINDS)
    _emit(
        problems,
        frame,
        bad_kind,
        _column(result, "kind"),
        lambda r: f"kind {r['kind']!r} is not one of {', '.join(OBSERVATION_KINDS)}",
    )
    bad_status = frame["status"].notna() & ~frame["status"].isin(STATUS_SYMBOLS)
    _emit(
        problems,
        frame,
        bad_status,
        _column(result, "status"),
        lambda r: f"status {r['status']!r} is not one of {', '.join(STATUS_SYMBOLS)}",
    )

    # ---- duplicate keys within the file
    key_columns = ["indicator_id", "area_code", "period_type", "period_label", "breakdown_dimension", "breakdown_value", "kind"]
    keyed = frame[key_columns].assign(area_code=frame["area_code"].fillna(frame["area_code_raw"]))
    duplicated = pd.Series(row_codes([keyed[c] for c in key_columns])).duplicated(keep=False).to_numpy()
    if duplicated.any():
        keyed = keyed.fillna("\x00")
        first_line = keyed.assign(line=frame["line"])[duplicated].groupby(key_columns)["line"].transform("min")
        first_by_index = pd.Series(first_line.to_numpy(), index=frame.index[duplicated])
        _emit(
            problems,
            frame,
            duplicated,
            _column(result, "indicator_id"),
            lambda row: (
                f"duplicate row: same indicator, area, period and breakdown as line {int(first_by_index[row.name])}"
                if int(first_by_index[row.name]) != int(row["line"])
                else "duplicate row: the same indicator, area, period and breakdown appear again later in the file"
            ),
        )

    # ---- confidence intervals bracket the value
    value = frame["value"].to_numpy(dtype="float64")
    for low_name, high_name, level in (("lower_ci95", "upper_ci95", "95%"), ("lower_ci998", "upper_ci998", "99.8%")):
        low = frame[low_name].to_numpy(dtype="float64")
        high = frame[high_name].to_numpy(dtype="float64")
        tolerance = _CI_TOLERANCE * np.maximum(1.0, np.abs(np.nan_to_num(value)))
        with np.errstate(invalid="ignore"):
            low_bad = np.isfinite(low) & np.isfinite(value) & (low > value + tolerance)
            high_bad = np.isfinite(high) & np.isfinite(value) & (high < value - tolerance)
            crossed = np.isfinite(low) & np.isfinite(high) & (low > high + tolerance) & ~(low_bad | high_bad)
        _emit(
            problems,
            frame,
            low_bad,
            _column(result, low_name),
            lambda r, n=low_name, lv=level: f"lower {lv} confidence limit {r[n]:g} is above the value {r['value']:g}",
        )
        _emit(
            problems,
            frame,
            high_bad,
            _column(result, high_name),
            lambda r, n=high_name, lv=level: f"upper {lv} confidence limit {r[n]:g} is below the value {r['value']:g}",
        )
        _emit(
            problems,
            frame,
            crossed,
            _column(result, high_name),
            lambda r, lo=low_name, hi=high_name, lv=level: (
                f"{lv} confidence limits are the wrong way round ({r[lo]:g} > {r[hi]:g})"
            ),
        )

    # ---- indicator units: consistent within the file and with the indicator already stored
    value_types = {key: spec.value_type for key, spec in result.indicators.items()}
    for indicator_id, spec in result.indicators.items():
        existing = catalogue.indicator(indicator_id)
        if existing is not None and spec.unit_stated:
            if infer_value_type(spec.unit) != existing["value_type"] and spec.value_type != existing["value_type"]:
                rows = frame["indicator_id"] == indicator_id
                _emit(
                    problems,
                    frame,
                    rows,
                    _column(result, "unit", None) if "unit" in result.columns else value_column,
                    f"unit {spec.unit!r} ({spec.value_type}) does not match indicator {indicator_id!r}, "
                    f"stored as {existing['unit']!r} ({existing['value_type']})",
                )
        if existing is not None:
            value_types[indicator_id] = str(existing["value_type"])
    if frame["unit"].notna().any():
        units = frame[["indicator_id", "unit", "line"]].dropna(subset=["unit"])
        units = units[units["unit"] != ""]
        first_unit = units.groupby("indicator_id")["unit"].transform("first")
        first_line = units.groupby("indicator_id")["line"].transform("first")
        mixed = units["unit"] != first_unit
        if mixed.any():
            mixed_rows = units[mixed]
            for (_, row), unit0, line0 in zip(mixed_rows.iterrows(), first_unit[mixed], first_line[mixed]):
                problems.append(
                    ImportProblem(
                        int(row["line"]),
                        result.columns.get("unit", "unit"),
                        f"mixed units: {row['unit']!r} here but {unit0!r} on line {int(line0)} for the same indicator {row['indicator_id']!r}",
                    )
                )

    # ---- percentages within 0-100
    is_percentage = frame["indicator_id"].map(value_types).eq("percentage").to_numpy()
    if is_percentage.any():
        for name in ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998"):
            numbers = frame[name].to_numpy(dtype="float64")
            with np.errstate(invalid="ignore"):
                outside = is_percentage & np.isfinite(numbers) & ((numbers < 0) | (numbers > 100))
            column = value_column if name == "value" else _column(result, name)
            _emit(
                problems,
                frame,
                outside,
                column,
                lambda r, n=name: f"{r[n]:g} is a percentage outside 0-100 (indicator {r['indicator_id']!r})",
            )

    # ---- counts and denominators are not negative
    for name in ("count", "denominator"):
        numbers = frame[name].to_numpy(dtype="float64")
        with np.errstate(invalid="ignore"):
            negative = np.isfinite(numbers) & (numbers < 0)
        _emit(problems, frame, negative, _column(result, name), lambda r, n=name: f"{n} {r[n]:g} is negative")

    problems.sort(key=lambda p: (p.line if p.line is not None else 0, p.column or ""))
    return Validated(frame, periods, to_register)
