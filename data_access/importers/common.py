"""Shared pieces of the importers: the report, problems, CSV reading and cell parsing.

Why everything is vectorised: a Fingertips "all data" file can hold a million rows, and the
import must run at 100,000 rows a second. Cells are read as text (so nothing is guessed
for us) and parsed column by column with pandas; the slow per-cell path only runs on the
few cells the fast path could not read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from data_access.models import FIGURE_COLUMNS, STATUS_SYMBOLS, TOTAL

#: Called as ``progress(stage, done, total)``; stages are read, validate, write, done.
ProgressCallback = Callable[[str, int, int], None]

#: Cells that mean "no value" (the status, if any, comes from elsewhere).
BLANKS = frozenset({"", "-", "NA", "N/A", "n/a", "na", "NaN", "nan", "NULL", "null", "None", ".."})
#: GSS / EES symbols a value cell may hold instead of a number: stored as status, value NULL.
VALUE_SYMBOLS = frozenset({"c", "x", "z", "low", "k", "u", "~", ":"})
#: First characters that make a spreadsheet run a cell as a formula when re-exported.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A header line longer than this is not a header (e.g. a 50 MB file with no line break).
MAX_HEADER_CHARS = 100_000
#: A text cell longer than this is rejected (the longest legitimate note is far shorter).
MAX_TEXT_CELL = 4_000

NORM_COLUMNS = [
    "line",
    "indicator_id",
    "area_code_raw",
    "area_name",
    "area_level",
    "period_label",
    "period_hint",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    *FIGURE_COLUMNS,
    "unit",
    "value_column",
]
NUMERIC_FIELDS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")
#: Fields compared to decide whether a re-imported row changed (a revision is kept if so).
FIGURE_FIELDS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator", "status")


@dataclass(frozen=True)
class ImportProblem:
    """One reason the file cannot be imported; ``line`` is the 1-based line in the file."""

    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else "file"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    """What an import did (or, for a dry run or an invalid file, would have done)."""

    path: str
    format: str | None = None
    rows_read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    seconds: float = 0.0
    problems: list[ImportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    source_id: int | None = None
    indicators: list[str] = field(default_factory=list)
    indicators_registered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        verb = "would insert" if self.dry_run else "inserted"
        state = "DRY RUN, nothing written" if self.dry_run else ("written" if self.written else "NOTHING WRITTEN")
        rate = (
            f", {self.rows_read / self.seconds:,.0f} rows/s" if self.seconds > 0 and self.rows_read and not self.problems else ""
        )
        return (
            f"{Path(self.path).name} [{self.format or 'unknown format'}]: rows read {self.rows_read:,}, "
            f"{verb} {self.inserted:,}, updated {self.updated:,}, unchanged {self.unchanged:,}, "
            f"rejected {self.rejected:,}, {self.seconds:.2f} s{rate} ({state})"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "rows_read": self.rows_read,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "seconds": self.seconds,
            "dry_run": self.dry_run,
            "written": self.written,
            "problems": [{"line": p.line, "column": p.column, "message": p.message} for p in self.problems],
            "notes": list(self.notes),
            "indicators": list(self.indicators),
        }


@dataclass
class IndicatorSpec:
    """An indicator a file refers to; registered if no indicator with this id exists."""

    id: str
    name: str
    unit: str
    value_type: str
    period_type: str = "not_stated"
    polarity: str = "no_judgement"
    ci_method: str = "none"
    decimals: int = 1
    publisher: str | None = None
    definition: str | None = None
    topic: str | None = None
    fingertips_id: int | None = None
    dfe_code: str | None = None
    #: where the unit came from, for messages ("Value column", ".meta.csv", "unit column")
    unit_stated: bool = False
    #: the polarity the source itself states (file or API metadata); None when it says nothing
    stated_polarity: str | None = None
    #: where ``stated_polarity`` came from, for the report
    polarity_evidence: str | None = None
    #: set by the service when the user asked to replace a stored polarity (--update-metadata)
    replace_polarity: bool = False


@dataclass
class ParseResult:
    """What a format parser hands to validation: candidate rows, indicators and problems."""

    format: str
    frame: pd.DataFrame
    indicators: dict[str, IndicatorSpec]
    problems: list[ImportProblem]
    publisher: str
    title: str
    rows_read: int
    #: normalised field -> the file's column name, for messages
    columns: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: area codes the file may introduce if missing: code -> (name, level) or (name, level, parent code)
    registrable_areas: dict[str, tuple] = field(default_factory=dict)


@dataclass
class RawTable:
    frame: pd.DataFrame
    header: list[str]
    problems: list[ImportProblem]
    sha256: str
    size: int


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in NORM_COLUMNS})


# ------------------------------------------------------------------ reading


def _decode_problem(raw: bytes, error: UnicodeDecodeError) -> ImportProblem:
    line = raw.count(b"\n", 0, error.start) + 1
    column_start = raw.rfind(b"\n", 0, error.start) + 1
    byte = raw[error.start : error.start + 1].hex()
    return ImportProblem(
        line,
        None,
        f"the file is not UTF-8 text: byte 0x{byte} at character {error.start - column_start + 1} of this line "
        "cannot be read (save the file as 'CSV UTF-8' and import it again)",
    )


_PANDAS_FIELDS = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")
_PANDAS_EOF = re.compile(r"EOF inside string starting at row (\d+)")


def read_csv_file(path: Path) -> RawTable:
    """Read a CSV as text cells; every structural problem becomes an ImportProblem."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    problems: list[ImportProblem] = []
    empty = RawTable(pd.DataFrame(), [], problems, digest, len(raw))
    if not raw.strip():
        problems.append(ImportProblem(1, None, "the file is empty: expected a header row and at least one data row"))
        return empty
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(_decode_problem(raw, error))
        return empty
    first_break = raw.find(b"\n")
    header_length = len(raw) if first_break < 0 else first_break
    if header_length > MAX_HEADER_CHARS:
        problems.append(
            ImportProblem(
                1,
                None,
                f"line 1 is {header_length:,} bytes long; a header row is at most {MAX_HEADER_CHARS:,} "
                "(is this a CSV file with line breaks?)",
            )
        )
        return empty
    if first_break < 0 or not raw[first_break:].strip():
        header_text = raw.decode("utf-8-sig").strip()
        header = next(csv.reader([header_text]), [])
        problems.append(ImportProblem(2, None, "the file has a header row but no data rows"))
        return RawTable(
            pd.DataFrame(columns=[h.strip() for h in header]), [h.strip() for h in header], problems, digest, len(raw)
        )
    try:
        header_cells = [h.strip() for h in next(csv.reader([raw[:first_break].decode("utf-8-sig")]), [])]
        numeric = numeric_candidates(header_cells)
        # Text columns stay exactly as written (object dtype, "" for blank); the columns that
        # should hold numbers are parsed by the C reader when clean and fall back to text
        # (then parse_numbers reads them cell by cell) when they hold symbols or HTML.
        frame = pd.read_csv(
            io.BytesIO(raw),
            dtype={name: object for name in header_cells if name not in numeric},
            keep_default_na=False,
            na_values={name: [""] for name in header_cells if name in numeric},
            encoding="utf-8-sig",
            skip_blank_lines=True,
        )
        if len(set(header_cells)) != len(header_cells):  # duplicate names (ONS "notes,notes")
            frame = frame.astype({c: object for c in frame.columns if frame[c].dtype.kind not in "fiu"})
    except pd.errors.ParserError as error:
        text = str(error)
        match = _PANDAS_FIELDS.search(text)
        if match:
            expected, line, seen = match.groups()
            problems.append(ImportProblem(int(line), None, f"this row has {seen} cells but the header has {expected} columns"))
        else:
            match = _PANDAS_EOF.search(text)
            line = int(match.group(1)) + 1 if match else None
            problems.append(
                ImportProblem(line, None, "a quoted cell is never closed: the file looks truncated or a quote is unbalanced")
            )
        return empty
    except (pd.errors.EmptyDataError, ValueError) as error:
        problems.append(ImportProblem(1, None, f"cannot read the file as CSV: {error}"))
        return empty
    frame.columns = [str(c).strip() for c in frame.columns]
    header = list(frame.columns)
    # A file cut off mid-row: pandas pads the short last row silently, so look at it ourselves.
    if not raw.endswith(b"\n") and len(frame):
        last_line = raw[raw.rfind(b"\n") + 1 :].decode("utf-8", "replace")
        cells = next(csv.reader([last_line]), [])
        if len(cells) < len(header):
            line = raw.count(b"\n") + 1
            problems.append(
                ImportProblem(
                    line,
                    header[len(cells)] if len(cells) < len(header) else None,
                    f"the last row stops after {len(cells)} of {len(header)} columns: the file looks truncated",
                )
            )
    return RawTable(frame, header, problems, digest, len(raw))


#: Columns (squashed names) that should hold numbers, per format. EES indicator columns are
#: not known by name, so every EES column outside geography and time is a candidate.
_NUMERIC_NAMES = {
    "value",
    "lowerci950limit",
    "upperci950limit",
    "lowerci998limit",
    "upperci998limit",
    "count",
    "denominator",
    "observation",
    "lci95",
    "uci95",
    "lowerci95",
    "upperci95",
}
_EES_TEXT = {
    "timeperiod",
    "timeidentifier",
    "geographiclevel",
    "countrycode",
    "countryname",
    "regioncode",
    "regionname",
    "oldlacode",
    "newlacode",
    "laname",
    "ladcode",
    "ladname",
    "version",
}


def numeric_candidates(header: list[str]) -> set[str]:
    squashed = {squash(h): h for h in header}
    if {"timeperiod", "timeidentifier", "geographiclevel"} <= set(squashed):
        return {h for h in header if squash(h) not in _EES_TEXT and not squash(h).endswith(("code", "name"))}
    return {h for h in header if squash(h) in _NUMERIC_NAMES}


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


def squash(name: str) -> str:
    """Header matching key: lower case, no spaces/underscores/dots ("Lower CI 95.0 limit" -> lowerci950limit)."""
    return re.sub(r"[\s_.]+", "", str(name)).lower()


def column_lookup(header: list[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name in header:
        lookup.setdefault(squash(name), name)
    return lookup


# ------------------------------------------------------------------ cells

_HTML_TAG = re.compile(r"<[^>]*>")


def strip_html(series: pd.Series) -> pd.Series:
    """Remove the HTML Fingertips leaves in some cells (``<div class="no-data">-</div>``)."""
    has_tag = series.str.contains("<", regex=False)
    if not bool(has_tag.any()):
        return series
    cleaned = series.copy()
    cleaned[has_tag] = series[has_tag].str.replace(_HTML_TAG, "", regex=True).str.strip()
    return cleaned


def parse_numbers(series: pd.Series, blanks: frozenset[str] = BLANKS) -> tuple[np.ndarray, pd.Series, pd.Series]:
    """Text cells -> (float values, status symbol or None, mask of unreadable cells).

    Blank, ``-`` and HTML no-data cells are NULL with no status; GSS symbols are NULL with
    the symbol as status (never zero); anything else that is not a finite number is bad.
    """
    n = len(series)
    if series.dtype.kind in "fiu":  # the C reader already parsed every cell as a number
        values = series.to_numpy(dtype="float64", copy=True)
        values[~np.isfinite(values)] = np.nan
        return (
            values,
            pd.Series([None] * n, index=series.index, dtype=object),
            pd.Series(np.zeros(n, dtype=bool), index=series.index),
        )
    series = as_text(series)
    values = pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", copy=True)
    status = pd.Series([None] * n, index=series.index, dtype=object)
    bad = pd.Series(np.zeros(n, dtype=bool), index=series.index)
    suspicious = np.isnan(values) | ~np.isfinite(values)
    if not suspicious.any():
        return values, status, bad
    idx = np.flatnonzero(suspicious)
    sub = series.iloc[idx].astype(str).str.strip()
    sub = strip_html(sub)
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
    return values, status, bad


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
    limits = limits or {}
    for column in columns:
        if column not in raw.columns:
            continue
        if raw[column].dtype.kind in "fiub":
            continue  # numbers cannot carry a formula or run long
        codes, uniques = pd.factorize(raw[column], use_na_sentinel=False)
        distinct = as_text(pd.Series(uniques)).astype(str)
        flagged = formula_mask(distinct).to_numpy()
        limit = limits.get(column, MAX_TEXT_CELL)
        lengths = distinct.str.len().to_numpy()
        long_distinct = lengths > limit
        if not flagged.any() and not long_distinct.any():
            continue
        mask = pd.Series(flagged[codes], index=raw.index)
        for position in np.flatnonzero(mask.to_numpy()):
            cell = str(distinct.iloc[codes[position]])
            problems.append(
                ImportProblem(
                    int(position) + 2,
                    column,
                    f"cell starts with {cell[:1]!r} ({_preview(cell)}); a spreadsheet would run it as a formula, "
                    "so it is refused (formula injection)",
                )
            )
        hit |= mask
        too_long = pd.Series(long_distinct[codes], index=raw.index)
        for position in np.flatnonzero(too_long.to_numpy()):
            problems.append(
                ImportProblem(
                    int(position) + 2,
                    column,
                    f"cell is {int(lengths[codes[position]]):,} characters long; at most {limit:,} allowed",
                )
            )
        hit |= too_long
    return hit


def row_codes(columns: list[pd.Series | np.ndarray]) -> np.ndarray:
    """One int64 code per row such that rows with equal values in every column share a code.

    Lets per-row work (duplicate keys, breakdown labels, period lookups) run once per distinct
    combination instead of concatenating strings across a million rows. Codes are combined
    column by column and re-numbered whenever the product of cardinalities could overflow.
    """
    key: np.ndarray | None = None
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
    bad: pd.Series, raw_series: pd.Series, column: str, problems: list[ImportProblem], lines: np.ndarray | None = None
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


def slug(text: str, max_length: int = 80) -> str:
    value = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    if len(value) > max_length:
        digest = hashlib.sha1(value.encode()).hexdigest()[:6]
        value = value[: max_length - 7].rstrip("-") + "-" + digest
    return value


def shorten(text: str, max_length: int) -> str:
    """Fit a label into a column, keeping it readable and distinct (a short hash if cut)."""
    if len(text) <= max_length:
        return text
    digest = hashlib.sha1(text.encode()).hexdigest()[:4]
    return text[: max_length - 6].rstrip() + "… " + digest


def infer_value_type(unit: str | None, name: str = "") -> str:
    """value_type from a unit or, failing that, the indicator's wording."""
    text = f"{unit or ''}".strip().lower()
    if text in {"%", "percent", "percentage", "per cent", "pp"} or "percent" in text:
        return "percentage"
    for marker, value_type in (
        ("100,000", "rate_per_100000"),
        ("100000", "rate_per_100000"),
        ("10,000", "rate_per_10000"),
        ("10000", "rate_per_10000"),
        ("1,000", "rate_per_1000"),
        ("1000", "rate_per_1000"),
    ):
        if marker in text:
            return value_type
    if text in {"£", "£m", "gbp"}:
        return "currency"
    if text in {"number", "count", "numberstring", "n"}:
        return "count"
    if text in {"score", "points"}:
        return "score"
    if text in {"ratio"}:
        return "ratio"
    if text:
        return "other"
    lowered = name.lower()
    if any(word in lowered for word in ("prevalence", "percentage", "proportion", "% of", "percent")):
        return "percentage"
    for marker, value_type in (
        ("per 100,000", "rate_per_100000"),
        ("per 10,000", "rate_per_10000"),
        ("per 1,000", "rate_per_1000"),
    ):
        if marker in lowered:
            return value_type
    return "other"


UNIT_FOR_TYPE = {
    "percentage": "%",
    "rate_per_1000": "per 1,000",
    "rate_per_10000": "per 10,000",
    "rate_per_100000": "per 100,000",
    "count": "number",
    "currency": "£",
}


def breakdown_from_parts(parts: list[tuple[pd.Series, pd.Series]], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Combine (dimension, value) pairs where a value is non-empty; all empty -> Total/Total.

    Computed once per distinct combination of the parts, then mapped back to the rows.
    """
    if parts and len(index):
        flat = [series for pair in parts for series in pair]
        key = row_codes(flat)
        _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
        small = pd.RangeIndex(len(first))
        distinct = [
            (pd.Series(dim.to_numpy(dtype=object)[first], index=small), pd.Series(val.to_numpy(dtype=object)[first], index=small))
            for dim, val in parts
        ]
        dims, vals = _breakdown_rows(distinct, small)
        return (
            pd.Series(dims.to_numpy(dtype=object)[inverse], index=index, dtype=object),
            pd.Series(vals.to_numpy(dtype=object)[inverse], index=index, dtype=object),
        )
    return _breakdown_rows(parts, index)


def _breakdown_rows(parts: list[tuple[pd.Series, pd.Series]], index: pd.Index) -> tuple[pd.Series, pd.Series]:
    dims = pd.Series("", index=index, dtype=object)
    vals = pd.Series("", index=index, dtype=object)
    for dim, val in parts:
        present = val.astype(str).str.len() > 0
        if not present.any():
            continue
        joiner_d = np.where(dims.str.len() > 0, " / ", "")
        dims = dims.where(~present, dims + pd.Series(joiner_d, index=index) + dim.astype(str))
        joiner_v = np.where(vals.str.len() > 0, " / ", "")
        vals = vals.where(~present, vals + pd.Series(joiner_v, index=index) + val.astype(str))
    empty = dims.str.len() == 0
    dims = dims.where(~empty, TOTAL)
    vals = vals.where(~empty, TOTAL)
    dims = _shorten_series(dims, 60)
    vals = _shorten_series(vals, 120)
    return dims, vals


def _shorten_series(series: pd.Series, limit: int) -> pd.Series:
    uniques = pd.Series(series.unique())
    long = uniques[uniques.str.len() > limit]
    if long.empty:
        return series
    return series.replace({text: shorten(text, limit) for text in long})


__all__ = [
    "FIGURE_FIELDS",
    "ImportProblem",
    "ImportReport",
    "IndicatorSpec",
    "NORM_COLUMNS",
    "NUMERIC_FIELDS",
    "ParseResult",
    "ProgressCallback",
    "STATUS_SYMBOLS",
    "read_csv_file",
]
