"""What a source module hands back to the published data builder, and the rules every row follows.

Why strings: the published data keeps every figure exactly as the publisher printed it (``value`` is the
published text, "36.200000000000003" included), so a rebuild is byte-identical and a test can
compare the database with the source file cell by cell. Numbers are parsed only when loading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from analytics.codes import TOTAL
from analytics.periods import ParsedPeriod, parse_period
from data_access.models import FIGURE_COLUMNS, PUBLISHED_VERDICT_COLUMNS

#: Columns of every ``seed/published/<source>.csv.gz`` observation file, in this order: the key,
#: an observation's figures as the database holds them (less ``value_text`` and ``qualifier``,
#: which only the plans' printed figures have), the raw file's line, and the publisher's own
#: comparison verdicts where it prints them (Fingertips' "Compared to England" columns).
OBS_COLUMNS = (
    "indicator_id",
    "area_code",
    "period_type",
    "period_label",
    "breakdown_dimension",
    "breakdown_value",
    *(column for column in FIGURE_COLUMNS if column not in {"value_text", "qualifier"}),
    "source_line",
    *PUBLISHED_VERDICT_COLUMNS,
)
#: The observation key: one value per indicator, area, period and breakdown.
OBS_KEY = ("indicator_id", "area_code", "period_label", "breakdown_dimension", "breakdown_value")
NUMERIC_COLUMNS = ("value", "lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator")

#: Columns of ``seed/published/indicators.csv.gz`` (the seed's own indicators.csv columns).
INDICATOR_COLUMNS = (
    "id",
    "name",
    "short_name",
    "definition",
    "unit",
    "value_type",
    "polarity",
    "ci_method",
    "period_type",
    "decimals",
    "topic",
    "publisher",
    "source_key",
    "fingertips_id",
    "dfe_code",
    "gap_phase",
)
OGL = "Open Government Licence v3.0"
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


def is_number(text: str) -> bool:
    """True for a plain published number ("12", "-0.5", "36.200000000000003", "1e-05")."""
    return bool(_NUMBER.match(text.strip().replace(",", "")))


@dataclass(frozen=True)
class SourceMeta:
    """One publication as SOURCES.md and the ``source`` table describe it."""

    key: str
    publisher: str
    title: str
    file: str  # the original file name(s) in the raw folder
    url: str = ""
    published_on: str = ""  # ISO date where the publisher gives one
    extracted_on: str = ""  # ISO date the file was read from its repository
    licence: str = OGL
    repository: str = ""  # "owner/name @ commit" the raw file was read at
    note: str = ""


@dataclass
class SourcePart:
    """What one source module produces: its publication, new indicators, codes and observations.

    ``observations`` holds OBS_COLUMNS as strings ('' for empty). ``dropped`` counts rows of
    the raw file deliberately not carried into the published data, by reason (SOURCES.md prints them).
    """

    meta: SourceMeta
    observations: pd.DataFrame
    indicators: list[dict[str, str]] = field(default_factory=list)
    indicator_codes: list[dict[str, str]] = field(default_factory=list)  # scheme, code, indicator_id, note
    dropped: dict[str, int] = field(default_factory=dict)
    raw_rows: int = 0

    def drop(self, reason: str, rows: int = 1) -> None:
        if rows:
            self.dropped[reason] = self.dropped.get(reason, 0) + rows


REASON_REPEAT = "repeats an earlier row's area, period and breakdown (first kept)"
REASON_OLD_CODE = "repeated under a predecessor area code (the current code's row is kept)"


def keep_first(
    part: SourcePart, ranked: Iterable[tuple[bool, dict[str, str]]], repeat_reason: str = REASON_REPEAT
) -> list[dict[str, str]]:
    """Drop repeated keys: rows under the area's current code win (a file may list Barnsley or
    North Yorkshire under both codes with the same figure), then the earlier line.

    ``ranked`` pairs each record with whether its source code was already the current one; the
    dropped rows are counted on ``part`` with their reason. Returned in source-line order.
    """
    ordered = sorted(ranked, key=lambda pair: (not pair[0], int(pair[1]["source_line"])))
    seen: dict[tuple[str, ...], bool] = {}
    kept: list[dict[str, str]] = []
    for current, record in ordered:
        key = tuple(record.get(column, "") or TOTAL for column in OBS_KEY)
        if key in seen:
            part.drop(REASON_OLD_CODE if seen[key] and not current else repeat_reason)
            continue
        seen[key] = current
        kept.append(record)
    return sorted(kept, key=lambda record: int(record["source_line"]))


def empty_observations() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in OBS_COLUMNS})


def frame(records: list[dict[str, str]]) -> pd.DataFrame:
    """Observation records → a frame with every OBS_COLUMN, blanks as ''."""
    if not records:
        return empty_observations()
    out = pd.DataFrame.from_records(records)
    for column in OBS_COLUMNS:
        if column not in out.columns:
            out[column] = ""
    out = out[list(OBS_COLUMNS)].fillna("")
    out["breakdown_dimension"] = out["breakdown_dimension"].replace("", TOTAL)
    out["breakdown_value"] = out["breakdown_value"].replace("", TOTAL)
    return out.astype(str)


# ------------------------------------------------------------------ periods


def canonical(parsed: ParsedPeriod) -> tuple[str, str]:
    """(period_type, label) in the seed's house style, so one year has one label across sources.

    academic ``2023/24``; financial ``2023-24``; calendar ``2023``; snapshot ``31 March 2024``;
    rolling calendar years ``2014-16``; rolling academic/financial years ``2013/14 to 2015/16``.
    """
    kind, start, end = parsed.period_type, parsed.start, parsed.end
    if start is None or end is None:
        return kind, parsed.label
    if kind == "academic":
        return kind, f"{start.year}/{(start.year + 1) % 100:02d}"
    if kind == "financial":
        return kind, f"{start.year}-{(start.year + 1) % 100:02d}"
    if kind == "calendar":
        return kind, str(start.year)
    if kind == "snapshot":
        return kind, f"{end.day} {end.strftime('%B')} {end.year}"
    if kind == "month":
        return kind, f"{end.strftime('%B')} {end.year}"
    if kind == "rolling":
        if start.month == 1 and end.month == 12:
            return kind, f"{start.year}-{end.year % 100:02d}"
        first = f"{start.year}/{(start.year + 1) % 100:02d}"
        last = f"{end.year - 1}/{end.year % 100:02d}"
        return kind, f"{first} to {last}"
    return kind, parsed.label


def period(label: str, hint: str | None = None) -> tuple[str, str]:
    """Parse a published period label and return its canonical (period_type, label)."""
    return canonical(parse_period(label, hint))


def snapshot(day: dt.date) -> tuple[str, str]:
    return "snapshot", f"{day.day} {day.strftime('%B')} {day.year}"
