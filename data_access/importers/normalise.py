"""The steps every format parser shares between reading a file and validating its rows.

A parser is read -> normalise -> (validate -> write, shared): it checks the header, builds
its indicators, reads the figures, and lays the rows out in the normalised columns
(``report.NORM_COLUMNS``) with these helpers, so the formats differ only where their files do.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from data_access.importers.cells import BLANKS, FloatArray, IntArray, clean_text, numeric_problems, parse_numbers
from data_access.importers.geography import registrable_from_columns
from data_access.importers.report import NUMERIC_FIELDS, ImportProblem, IndicatorSpec, ParseResult, RegistrableArea


class FileColumns:
    """A file's columns found by a format's own key for them (lower-cased or squashed name)."""

    def __init__(self, frame: pd.DataFrame, lookup: dict[str, str]) -> None:
        self.frame = frame
        self.lookup = lookup
        self.lines: IntArray = np.arange(2, len(frame) + 2)
        self._blank = pd.Series("", index=frame.index)

    def name(self, key: str) -> str | None:
        return self.lookup.get(key)

    def text(self, key: str) -> pd.Series:
        """The column's trimmed text, or "" on every row when the file lacks it."""
        column = self.lookup.get(key)
        return clean_text(self.frame[column]) if column else self._blank

    def constant(self, text: str) -> pd.Series:
        return pd.Series(text, index=self.frame.index)

    def missing(self, keys: Iterable[str]) -> list[str]:
        return [key for key in keys if key not in self.lookup]


def refused(fmt: str, problems: list[ImportProblem], publisher: str, path: Path, rows: int) -> ParseResult:
    """The result of a file whose header cannot be read as this format: no rows, only problems."""
    return ParseResult(fmt, pd.DataFrame(), {}, problems, publisher, path.name, rows)


def read_figures(
    columns: FileColumns, sources: dict[str, str | None], problems: list[ImportProblem], blanks: frozenset[str] = BLANKS
) -> tuple[dict[str, FloatArray], pd.Series]:
    """Every numeric field (NaN where the file has no column for it) and the value column's symbols.

    ``sources`` maps a numeric field to the file's column for it; unreadable cells become
    problems with their line and column.
    """
    n = len(columns.frame)
    numbers: dict[str, FloatArray] = {}
    symbols = pd.Series([None] * n, index=columns.frame.index, dtype=object)
    for field in NUMERIC_FIELDS:
        column = sources.get(field)
        if column is None:
            numbers[field] = np.full(n, np.nan)
            continue
        numbers[field], found, bad = parse_numbers(columns.frame[column], blanks)
        numeric_problems(bad, columns.frame[column], column, problems, columns.lines)
        if field == "value":
            symbols = found
    return numbers, symbols


def candidate_rows(columns: FileColumns, **cells: object) -> pd.DataFrame:
    """The normalised rows; what a format does not state takes the neutral default."""
    defaults: dict[str, object] = {
        "line": columns.lines,
        "kind": "actual",
        **{field: np.nan for field in NUMERIC_FIELDS},
        "value_text": None,
        "status": None,
        "value_note": None,
        "qualifier": None,
        "unit": None,
        # the publisher's own comparison verdicts, where its file prints them (Fingertips)
        "published_vs_england": None,
        "published_vs_parent": None,
        "published_parent_code": None,
    }
    return pd.DataFrame(defaults | cells)


def mark_published_ci(indicators: dict[str, IndicatorSpec], indicator_ids: pd.Series, lower_ci95: FloatArray) -> None:
    """An indicator whose rows carry a lower 95% limit anywhere states its CIs ("published")."""
    with_ci = pd.Series(np.isfinite(lower_ci95)).groupby(indicator_ids.to_numpy()).any()
    for spec in indicators.values():
        if bool(with_ci.get(spec.id, False)):
            spec.ci_method = "published"


def named_areas(
    codes: pd.Series, names: pd.Series, levels: pd.Series, parents: pd.Series | None = None
) -> dict[str, RegistrableArea]:
    """Areas the file may add: its countries and regions, then every other well-formed GSS code.

    Countries and regions are added by name alone (a file is their natural source); other
    codes only when their GSS prefix says what they are (``geography.registrable_from_columns``).
    """
    parent_series = parents if parents is not None else pd.Series("", index=codes.index)
    rows = pd.DataFrame({"c": codes, "n": names, "l": levels, "p": parent_series}).drop_duplicates()
    code_list, name_list, level_list = rows["c"].tolist(), rows["n"].tolist(), rows["l"].tolist()
    registrable: dict[str, RegistrableArea] = {}
    for code, name, level in zip(code_list, name_list, level_list):
        if code and level in {"country", "region"} and code not in registrable:
            registrable[code] = (name, level)
    gss = registrable_from_columns(code_list, name_list, rows["p"].tolist() if parents is not None else None, level_list)
    for code, entry in gss.items():
        registrable.setdefault(code, entry)
    return registrable
