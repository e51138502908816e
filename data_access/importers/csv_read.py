"""Reading a CSV file as text cells, with every structural problem reported by line.

Why pandas' C reader: a Fingertips "all data" file can hold a million rows and the import
must run at 100,000 rows a second. When the C reader refuses a file, the line and cause are
found by walking the text with the ``csv`` module (only then, so the fast path stays fast):
the reader's message wording is never parsed.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from data_access.importers.report import ImportProblem

#: A header line longer than this is not a header (e.g. a 50 MB file with no line break).
MAX_HEADER_CHARS = 100_000

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


@dataclass
class RawTable:
    frame: pd.DataFrame
    header: list[str]
    problems: list[ImportProblem]
    sha256: str
    size: int


def squash(name: str) -> str:
    """Header matching key: lower case, no spaces/underscores/dots ("Lower CI 95.0 limit" -> lowerci950limit)."""
    return re.sub(r"[\s_.]+", "", str(name)).lower()


def column_lookup(header: list[str]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name in header:
        lookup.setdefault(squash(name), name)
    return lookup


def numeric_candidates(header: list[str]) -> set[str]:
    squashed = {squash(h): h for h in header}
    if {"timeperiod", "timeidentifier", "geographiclevel"} <= set(squashed):
        return {h for h in header if squash(h) not in _EES_TEXT and not squash(h).endswith(("code", "name"))}
    return {h for h in header if squash(h) in _NUMERIC_NAMES}


def read_csv_file(path: Path) -> RawTable:
    """Read a CSV as text cells; every structural problem becomes an ImportProblem."""
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    problem = _shape_problem(raw)
    if problem is not None:
        return RawTable(pd.DataFrame(), [], [problem], digest, len(raw))
    header = _header_cells(raw)
    if not _has_data_rows(raw):
        no_rows = ImportProblem(2, None, "the file has a header row but no data rows")
        return RawTable(pd.DataFrame(columns=header), header, [no_rows], digest, len(raw))
    frame, problem = _read_frame(raw, header)
    if problem is not None:
        return RawTable(pd.DataFrame(), [], [problem], digest, len(raw))
    frame.columns = pd.Index([str(c).strip() for c in frame.columns])
    header = [str(c) for c in frame.columns]
    truncated = _truncated_last_row(raw, header) if len(frame) else None
    return RawTable(frame, header, [truncated] if truncated else [], digest, len(raw))


# ------------------------------------------------------------------ steps before pandas


def _shape_problem(raw: bytes) -> ImportProblem | None:
    """Empty, not UTF-8, or a first line too long to be a header."""
    if not raw.strip():
        return ImportProblem(1, None, "the file is empty: expected a header row and at least one data row")
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return _decode_problem(raw, error)
    first_break = raw.find(b"\n")
    header_length = len(raw) if first_break < 0 else first_break
    if header_length > MAX_HEADER_CHARS:
        return ImportProblem(
            1,
            None,
            f"line 1 is {header_length:,} bytes long; a header row is at most {MAX_HEADER_CHARS:,} "
            "(is this a CSV file with line breaks?)",
        )
    return None


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


def _header_cells(raw: bytes) -> list[str]:
    first_break = raw.find(b"\n")
    first_line = raw if first_break < 0 else raw[:first_break]
    return [h.strip() for h in next(csv.reader([first_line.decode("utf-8-sig").strip()]), [])]


def _has_data_rows(raw: bytes) -> bool:
    first_break = raw.find(b"\n")
    return first_break >= 0 and bool(raw[first_break:].strip())


# ------------------------------------------------------------------ pandas


def _read_frame(raw: bytes, header: list[str]) -> tuple[pd.DataFrame, ImportProblem | None]:
    """Text columns stay exactly as written (object dtype, "" for blank).

    The columns that should hold numbers are parsed by the C reader when clean and fall back
    to text (then cells.parse_numbers reads them cell by cell) when they hold symbols or HTML.
    """
    numeric = numeric_candidates(header)
    try:
        frame = pd.read_csv(
            io.BytesIO(raw),
            dtype={name: object for name in header if name not in numeric},
            keep_default_na=False,
            na_values={name: [""] for name in header if name in numeric},
            encoding="utf-8-sig",
            skip_blank_lines=True,
        )
    except pd.errors.ParserError as error:
        return pd.DataFrame(), _structure_problem(raw.decode("utf-8-sig"), error)
    except (pd.errors.EmptyDataError, ValueError) as error:
        return pd.DataFrame(), ImportProblem(1, None, f"cannot read the file as CSV: {error}")
    if len(set(header)) != len(header):  # duplicate names (ONS "notes,notes")
        frame = frame.astype({c: object for c in frame.columns if frame[c].dtype.kind not in "fiu"})
    return frame, None


def _structure_problem(text: str, error: pd.errors.ParserError) -> ImportProblem:
    """Why the C reader refused the text: a row wider than the header, or an unclosed quote.

    The text is walked record by record with the csv module (the same quoting rules), noting
    the line each record starts on.
    """
    reader = csv.reader(io.StringIO(text, newline=""))
    width: int | None = None
    start = last_start = 1
    for row in reader:
        if width is None:
            width = len(row)
        elif len(row) > width:
            return ImportProblem(start, None, f"this row has {len(row)} cells but the header has {width} columns")
        last_start, start = start, reader.line_num + 1
    if text.count('"') % 2:  # quotes pair up ("" escapes one), so an odd count means one is never closed
        # csv reads an unclosed quote to the end of the file: the last record is where it opens
        return ImportProblem(
            last_start if width is not None else 1,
            None,
            "a quoted cell is never closed: the file looks truncated or a quote is unbalanced",
        )
    return ImportProblem(None, None, f"cannot read the file as CSV: {error}")


def _truncated_last_row(raw: bytes, header: list[str]) -> ImportProblem | None:
    """A file cut off mid-row: pandas pads the short last row silently, so look at it ourselves."""
    if raw.endswith(b"\n"):
        return None
    last_line = raw[raw.rfind(b"\n") + 1 :].decode("utf-8", "replace")
    cells = next(csv.reader([last_line]), [])
    if len(cells) >= len(header):
        return None
    return ImportProblem(
        raw.count(b"\n") + 1,
        header[len(cells)],
        f"the last row stops after {len(cells)} of {len(header)} columns: the file looks truncated",
    )
