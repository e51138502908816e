"""Cell parsing shared by the formats: text cells to numbers, statuses and clean text.

Why everything is vectorised: a Fingertips "all data" file can hold a million rows, and the
import must run at 100,000 rows a second. Cells are read as text (so nothing is guessed
for us) and parsed column by column with pandas; the slow per-cell path only runs on the
few cells the fast path could not read, and text work runs once per distinct value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from data_access.importers.report import ImportProblem

#: Cells that mean "no value" (the status, if any, comes from elsewhere).
BLANKS = frozenset({"", "-", "NA", "N/A", "n/a", "na", "NaN", "nan", "NULL", "null", "None", ".."})
#: GSS / EES symbols a value cell may hold instead of a number: stored as status, value NULL.
VALUE_SYMBOLS = frozenset({"c", "x", "z", "low", "k", "u", "~", ":"})
#: First characters that make a spreadsheet run a cell as a formula when re-exported.
#: A text cell longer than this is rejected (the longest legitimate note is far shorter).
MAX_TEXT_CELL = 4_000

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_HTML_TAG = re.compile(r"<[^>]*>")


def as_text(series: pd.Series) -> pd.Series:
    """Any column as text cells ("" for blank); whole floats print without ".0"."""
    if series.dtype == object:
        return series.fillna("") if series.hasnans else series
    if series.dtype.kind in "iu":
        return series.astype(str).astype(object)
    if series.dtype.kind == "f":
        values = series.to_numpy(dtype="float64")
        out = np.full(len(values), "", dtype=object)
        finite = np.isfinite(values)
        whole = finite & (np.floor(values) == values) & (np.abs(values) < 1e15)
        out[whole] = values[whole].astype(np.int64).astype(str)
        rest = finite & ~whole
        out[rest] = values[rest].astype(str)
        return pd.Series(out, index=series.index, dtype=object)
    return series.astype(object).where(series.notna(), "").astype(str).astype(object)


def strip_html(series: pd.Series) -> pd.Series:
    """Remove the HTML Fingertips leaves in some cells (``<div class="no-data">-</div>``)."""
    has_tag = series.str.contains("<", regex=False)
    if not bool(has_tag.any()):
        return series
    cleaned = series.copy()
    cleaned[has_tag] = series[has_tag].str.replace(_HTML_TAG, "", regex=True).str.strip()
    return cleaned


def parse_numbers(series: pd.Series, blanks: frozenset[str] = BLANKS) -> tuple[FloatArray, pd.Series, pd.Series]:
    """Text cells -> (float values, status symbol or None, mask of unreadable cells).

    Blank, ``-`` and HTML no-data cells are NULL with no status; GSS symbols are NULL with
    the symbol as status (never zero); anything else that is not a finite number is bad.
    """
    n = len(series)
    status = pd.Series([None] * n, index=series.index, dtype=object)
    bad = pd.Series(np.zeros(n, dtype=bool), index=series.index)
    if series.dtype.kind in "fiu":  # the C reader already parsed every cell as a number
        values = series.to_numpy(dtype="float64", copy=True)
        values[~np.isfinite(values)] = np.nan
        return values, status, bad
    series = as_text(series)
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", copy=True)
    suspicious = np.flatnonzero(np.isnan(values) | ~np.isfinite(values))
    if len(suspicious):
        _reread_suspicious(series, suspicious, blanks, values, status, bad)
    return values, status, bad


def _reread_suspicious(
    series: pd.Series, idx: IntArray, blanks: frozenset[str], values: FloatArray, status: pd.Series, bad: pd.Series
) -> None:
    """The slow path, for the few cells the fast parse could not read: fills the three outputs."""
    sub = strip_html(series.iloc[idx].astype(str).str.strip())
    symbol = sub.isin(VALUE_SYMBOLS)
    blank = sub.isin(blanks)
    rest = ~(symbol | blank)
    if rest.any():
        again = pd.to_numeric(
            sub[rest].str.replace(",", "", regex=False).str.replace("%", "", regex=False).str.strip(), errors="coerce"
        )
        again_values = again.to_numpy(dtype="float64")
        good = np.isfinite(again_values)
        rest_positions = idx[rest.to_numpy()]
        values[rest_positions[good]] = again_values[good]
        values[rest_positions[~good]] = np.nan
        bad.iloc[rest_positions[~good]] = True
    values[idx[~rest.to_numpy()]] = np.nan
    status.iloc[idx[symbol.to_numpy()]] = sub[symbol].to_numpy()


def clean_text(series: pd.Series) -> pd.Series:
    """Trimmed text without HTML, computed once per distinct value (columns repeat a lot)."""
    # factorize the raw cells first: as_text's NaN scan over a million object cells costs more
    # than the factorize itself, and on the distinct values it is free (NaN and "" both -> "")
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    cleaned = strip_html(as_text(pd.Series(uniques)).astype(str).str.strip()).to_numpy(dtype=object)
    return pd.Series(cleaned[codes], index=series.index, dtype=object)


def formula_mask(series: pd.Series) -> pd.Series:
    """Cells a spreadsheet would execute: starting = + - @ tab or CR (a lone '-' is fine)."""
    uniques = pd.Series(series.unique())
    first = uniques.str[:1]
    flagged = first.isin(["=", "+", "@", "\t", "\r"]) | (
        (first == "-") & (uniques.str.len() > 1) & pd.to_numeric(uniques, errors="coerce").isna()
    )
    if not flagged.any():
        return pd.Series(False, index=series.index)
    return series.isin(set(uniques[flagged]))


def check_text_cells(
    raw: pd.DataFrame, columns: list[str], problems: list[ImportProblem], *, limits: dict[str, int] | None = None
) -> pd.Series:
    """Formula injection and absurdly long cells in text columns; returns the rows hit.

    Both checks run once per distinct cell value (text columns repeat heavily: a million-row
    Fingertips file has a few hundred distinct names), then map back to rows for the problems.
    """
    hit = pd.Series(False, index=raw.index)
    for column in columns:
        if column in raw.columns and raw[column].dtype.kind not in "fiub":  # numbers cannot carry a formula or run long
            hit |= _check_text_column(raw[column], column, (limits or {}).get(column, MAX_TEXT_CELL), problems)
    return hit


def _check_text_column(cells: pd.Series, column: str, limit: int, problems: list[ImportProblem]) -> pd.Series:
    codes, uniques = pd.factorize(cells, use_na_sentinel=False)
    distinct = as_text(pd.Series(uniques)).astype(str)
    flagged = formula_mask(distinct).to_numpy()
    lengths = distinct.str.len().to_numpy()
    long_distinct = lengths > limit
    if not flagged.any() and not long_distinct.any():
        return pd.Series(False, index=cells.index)
    for position in np.flatnonzero(flagged[codes]):
        cell = str(distinct.iloc[codes[position]])
        problems.append(
            ImportProblem(
                int(position) + 2,
                column,
                f"cell starts with {cell[:1]!r} ({_preview(cell)}); a spreadsheet would run it as a formula, "
                "so it is refused (formula injection)",
            )
        )
    for position in np.flatnonzero(long_distinct[codes]):
        problems.append(
            ImportProblem(
                int(position) + 2, column, f"cell is {int(lengths[codes[position]]):,} characters long; at most {limit:,} allowed"
            )
        )
    return pd.Series(flagged[codes] | long_distinct[codes], index=cells.index)


def row_codes(columns: Sequence[pd.Series | np.ndarray]) -> IntArray:
    """One int64 code per row such that rows with equal values in every column share a code.

    Lets per-row work (duplicate keys, breakdown labels, period lookups) run once per distinct
    combination instead of concatenating strings across a million rows. Codes are combined
    column by column and re-numbered whenever the product of cardinalities could overflow.
    """
    key: IntArray | None = None
    size = 1
    for column in columns:
        codes, uniques = pd.factorize(
            pd.Series(column, dtype=object) if not isinstance(column, pd.Series) else column, use_na_sentinel=False
        )
        n = max(len(uniques), 1)
        if key is None:
            key, size = codes.astype("int64"), n
            continue
        if size * n >= 2**62:
            _, key = np.unique(key, return_inverse=True)
            size = int(key.max()) + 1 if len(key) else 1
        key = key * n + codes
        size *= n
    return np.zeros(0, dtype="int64") if key is None else key


def map_distinct(series: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``func`` (a vectorised Series -> Series) applied to the distinct values only, mapped back."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    mapped = func(pd.Series(uniques, dtype=object)).to_numpy(dtype=object)
    return pd.Series(mapped[codes], index=series.index, dtype=object)


def _preview(cell: str, width: int = 40) -> str:
    text = cell.replace("\n", " ")
    return repr(text if len(text) <= width else text[:width] + "…")


def numeric_problems(
    bad: pd.Series, raw_series: pd.Series, column: str, problems: list[ImportProblem], lines: IntArray | None = None
) -> None:
    for position in np.flatnonzero(bad.to_numpy()):
        line = int(lines[position]) if lines is not None else int(position) + 2
        problems.append(
            ImportProblem(
                line,
                column,
                f"{_preview(str(raw_series.iloc[position]))} is not a number "
                f"(expected a number, a blank, or one of the symbols {', '.join(sorted(VALUE_SYMBOLS))})",
            )
        )
