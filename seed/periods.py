"""Parse the period labels the seed uses into ``Period`` fields.

Why a private parser here rather than ``analytics.periods``: the seed must load without
depending on packages other engineers are still writing, and it only needs the handful of
label shapes its own CSVs use. ``sort_key`` is ``yyyymmdd`` of the period's end date, so
academic 2016/17 (ends 31 Aug 2017), financial 2016-17 (31 Mar 2017) and calendar 2017
(31 Dec 2017) interleave in the order they ended. Undated ("not_stated") periods sort at the
end of the first year their label mentions, or 0 when it mentions none.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}


class PeriodError(ValueError):
    """A label that does not match the shape its period type requires."""


@dataclass(frozen=True)
class ParsedPeriod:
    period_type: str
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    sort_key: int


def _key(end: dt.date | None) -> int:
    return end.year * 10000 + end.month * 100 + end.day if end else 0


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _two_year(label: str, sep: str) -> tuple[int, int]:
    match = re.fullmatch(rf"(\d{{4}}){re.escape(sep)}(\d{{2}})", label)
    if not match:
        raise PeriodError(f"expected YYYY{sep}YY, got {label!r}")
    first = int(match.group(1))
    if (first + 1) % 100 != int(match.group(2)):
        raise PeriodError(f"{label!r}: second year must follow the first")
    return first, first + 1


def _dates(period_type: str, label: str) -> tuple[dt.date | None, dt.date | None]:
    if period_type == "academic":
        first, second = _two_year(label, "/")
        return dt.date(first, 9, 1), dt.date(second, 8, 31)
    if period_type == "financial":
        first, second = _two_year(label, "-")
        return dt.date(first, 4, 1), dt.date(second, 3, 31)
    if period_type == "calendar":
        if not re.fullmatch(r"\d{4}", label):
            raise PeriodError(f"expected YYYY, got {label!r}")
        year = int(label)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if period_type == "snapshot":
        match = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+) (\d{4})", label)
        if not match or match.group(2).lower() not in MONTHS:
            raise PeriodError(f"expected 'D Month YYYY', got {label!r}")
        day = dt.date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        return day, day
    if period_type == "month":
        match = re.fullmatch(r"([A-Za-z]+) (\d{4})", label)
        if not match or match.group(1).lower() not in MONTHS:
            raise PeriodError(f"expected 'Month YYYY', got {label!r}")
        year, month = int(match.group(2)), MONTHS[match.group(1).lower()]
        return dt.date(year, month, 1), _month_end(year, month)
    if period_type == "rolling":
        # "2006/07 to 2009/10", "2014-16" style spans: start of the first, end of the last.
        parts = [p.strip() for p in label.split(" to ")]
        if len(parts) != 2:
            raise PeriodError(f"expected 'A to B', got {label!r}")
        kinds = [_guess(p) for p in parts]
        return _dates(kinds[0], parts[0])[0], _dates(kinds[1], parts[1])[1]
    if period_type == "not_stated":
        return None, None
    raise PeriodError(f"unknown period type {period_type!r}")


def _guess(label: str) -> str:
    if re.fullmatch(r"\d{4}/\d{2}", label):
        return "academic"
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return "financial"
    if re.fullmatch(r"\d{4}", label):
        return "calendar"
    if re.fullmatch(r"[A-Za-z]+ \d{4}", label):
        return "month"
    return "snapshot"


def parse_period(period_type: str, label: str) -> ParsedPeriod:
    """Dates and sort key for one (type, label); raises ``PeriodError`` when malformed."""
    start, end = _dates(period_type, label)
    if period_type == "not_stated":
        year = re.search(r"(19|20)\d{2}", label)
        key = int(year.group(0)) * 10000 + 1231 if year else 0
    else:
        key = _key(end)
    return ParsedPeriod(period_type, label, start, end, key)
