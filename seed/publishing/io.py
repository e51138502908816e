"""Deterministic published files: sorted rows, fixed gzip header, LF line ends, UTF-8.

Why: the suite rebuilds the published data from the raw files and compares bytes, so anything that
varies between runs (gzip timestamps, row order, float formatting) would fail it.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

from analytics.frames import frame_rows


def csv_bytes(frame: pd.DataFrame, columns: Sequence[str], sort_by: Sequence[str] | None = None) -> bytes:
    """The frame's columns as CSV text (every cell a string, '' for empty), sorted."""
    data = frame[list(columns)].fillna("").astype(str)
    if sort_by:
        data = data.sort_values(list(sort_by), kind="stable")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(frame_rows(data))
    return buffer.getvalue().encode("utf-8")


def write_gz(path: Path, payload: bytes) -> None:
    """gzip with mtime 0 and no file name in the header, so equal input gives equal bytes."""
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz:
        gz.write(payload)


def read_published_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a published file (``.csv`` or ``.csv.gz``) as dicts of strings."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Rows of a frame read as text (``dtype=str``), keyed by column name."""
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, row)) for row in frame_rows(frame)]


def read_published_frame(path: Path, columns: Iterable[str] | None = None) -> pd.DataFrame:
    """A published file as a frame of strings ('' for empty), the way the loader reads it."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, usecols=list(columns) if columns else None)
