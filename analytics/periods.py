"""Parse the period labels that arrive from DfE, OHID Fingertips, LAIT and local returns.

Why: the same dashboard shows academic years ("2023/24"), financial years ("2016-17"),
census snapshots ("31 March 2017"), calendar years and multi-year rolling windows side by
side. Sorting the raw strings puts "2014-16" after "2014/15" and "November 2010" after
"2023". Every label is therefore parsed to a start and end date, and ``sort_key`` is the
yyyymmdd of the period END, so mixed period types interleave in true time order (a
snapshot at 31 March 2017 sorts with the financial year 2016-17 that it closes).

Conventions when the label alone is ambiguous (a ``period_type`` hint always wins):

* ``yyyy/yy`` (slash) is an academic year (1 Sep - 31 Aug); ``yyyy-yy`` (hyphen) with
  consecutive years is a financial year (1 Apr - 31 Mar), the GOV.UK/DfE style.
* DfE six-digit ``202324`` is academic unless the hint says financial.
* ``yyyy-yy`` whose years are NOT consecutive ("2014-16") is a rolling calendar window.
* A bare year is a calendar year; with hint ``snapshot`` it is 31 March of that year
  (the DfE children's social care census date); with hint ``financial`` it is the
  financial year ending 31 March of that year (DfE "reporting year").
* Fingertips ``Time period Sortable`` (8 digits): ``yyyy0000`` is a year starting in yyyy
  (type from the hint, else calendar); ``yyyymm00`` is a month; a valid ``yyyymmdd`` is
  a snapshot date.
* ISO 8601 intervals ("2021-04-01/P1Y", ONS Explore Local Statistics) take their type
  from the start date: 1 April = financial, 1 August/September = academic, 1 Jan = calendar.
* Trailing notes in brackets, as LAIT publishes them ("2016-17 (OT)", "2018 (Rev)",
  "2022/23 - 24/25 (3 years combined)") are dropped before parsing.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

PERIOD_TYPES = frozenset({"academic", "financial", "calendar", "snapshot", "rolling", "month", "quarter", "not_stated"})

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9

# Hints accepted in addition to the canonical names (DfE `time_identifier` values).
_HINT_ALIASES = {
    "academic year": "academic",
    "financial year": "financial",
    "calendar year": "calendar",
    "reporting year": "snapshot",
    "fiscal": "financial",
    "fiscal year": "financial",
    "as at": "snapshot",
    "rolling window": "rolling",
}

_NOT_STATED = {"", "not stated", "not_stated", "n/a", "na", "unknown", "not known", "-"}


class PeriodError(ValueError):
    """A period label that cannot be read as a period of time."""


@dataclass(frozen=True)
class ParsedPeriod:
    """One parsed period. ``start``/``end`` are inclusive; both None only for not_stated."""

    label: str
    period_type: str
    start: date | None
    end: date | None
    sort_key: int

    @property
    def is_stated(self) -> bool:
        return self.period_type != "not_stated"


def _key(day: date | None) -> int:
    return 0 if day is None else day.year * 10000 + day.month * 100 + day.day


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _normalise_hint(period_type: str | None) -> str | None:
    if period_type is None:
        return None
    hint = period_type.strip().lower().replace("_", " ")
    hint = _HINT_ALIASES.get(hint, hint).replace(" ", "_")
    if hint not in PERIOD_TYPES:
        raise PeriodError(f"unknown period_type hint {period_type!r}; expected one of {sorted(PERIOD_TYPES)}")
    return hint


def _year_bounds(first_year: int, kind: str) -> tuple[date, date]:
    """Start and end of the single year period that begins in ``first_year``."""
    if kind == "academic":
        return date(first_year, 9, 1), date(first_year + 1, 8, 31)
    if kind == "financial":
        return date(first_year, 4, 1), date(first_year + 1, 3, 31)
    return date(first_year, 1, 1), date(first_year, 12, 31)


def _second_year(first_year: int, text: str) -> int:
    """Expand the short second year of "2023/24" (or "1999/00") and check it follows on."""
    if len(text) == 4:
        return int(text)
    century = first_year - first_year % 100
    candidate = century + int(text)
    if candidate < first_year and candidate + 100 - first_year <= 10:  # "1999/00"
        candidate += 100
    return candidate


def _undated(label: str) -> ParsedPeriod:
    """A period the source does not state ("c.2006", "as stated in CYPP 2011-12", "not stated"):
    no dates, but it sorts at the end of the first year its wording mentions (0 when none), so a
    plan's "c.2006" figure is listed beside 2006 rather than before everything."""
    year = re.search(r"(19|20)\d{2}", label)
    key = int(year.group(0)) * 10000 + 1231 if year else 0
    return ParsedPeriod(label=label, period_type="not_stated", start=None, end=None, sort_key=key)


def _make(label: str, kind: str, start: date | None, end: date | None) -> ParsedPeriod:
    return ParsedPeriod(label=label, period_type=kind, start=start, end=end, sort_key=_key(end))


def _split_year(label: str, first: int, second: int, sep: str, hint: str | None) -> ParsedPeriod:
    """ "2023/24", "2016-17", "2014-16", "2010-2012"."""
    if second < first:
        raise PeriodError(f"period {label!r} ends ({second}) before it starts ({first})")
    if second == first + 1 and hint != "rolling":
        kind = hint if hint in {"academic", "financial", "calendar"} else ("academic" if sep == "/" else "financial")
        if kind == "calendar":  # "2019-20" as two calendar years
            return _make(label, "rolling", date(first, 1, 1), date(second, 12, 31))
        start, end = _year_bounds(first, kind)
        return _make(label, kind, start, end)
    if second == first and sep == "-":
        raise PeriodError(f"period {label!r} starts and ends in the same year")
    # Several years: a rolling window of calendar years (Fingertips "2014-16").
    if hint in {"academic", "financial"}:
        start, _ = _year_bounds(first, hint)
        _, end = _year_bounds(second - 1, hint)
        return _make(label, "rolling", start, end)
    return _make(label, "rolling", date(first, 1, 1), date(second, 12, 31))


def _parse_sortable(label: str, digits: str, hint: str | None) -> ParsedPeriod:
    year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:])
    if month == 0 and day == 0:
        kind = hint if hint in {"academic", "financial", "calendar"} else "calendar"
        start, end = _year_bounds(year, kind)
        return _make(label, kind, start, end)
    if day == 0 and 1 <= month <= 12:
        return _make(label, "month", date(year, month, 1), _month_end(year, month))
    try:
        day_date = date(year, month, day)
    except ValueError as error:
        raise PeriodError(f"{label!r} looks like a Fingertips sortable period but is not a date: {error}") from None
    return _make(label, "snapshot", day_date, day_date)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _parse_iso_interval(label: str, match: re.Match[str]) -> ParsedPeriod:
    """ "2021-04-01/P1Y": one year from 1 April is a financial year, from 1 Aug/1 Sep an
    academic year, from 1 Jan a calendar year; several years are a rolling window."""
    try:
        start = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise PeriodError(f"period {label!r} does not start on a real date: {error}") from None
    length, unit = int(match.group(4)), match.group(5)
    if length < 1:
        raise PeriodError(f"period {label!r} has zero length")
    if unit == "d":
        return _make(label, "snapshot" if length == 1 else "rolling", start, date.fromordinal(start.toordinal() + length - 1))
    months = length * 12 if unit == "y" else length
    end = date.fromordinal(_add_months(start, months).toordinal() - 1) if start.day == 1 else None
    if end is None:
        raise PeriodError(f"period {label!r}: month-based intervals must start on the 1st")
    if unit == "y" and length == 1:
        kind = {(1, 1): "calendar", (4, 1): "financial", (9, 1): "academic", (8, 1): "academic"}.get(
            (start.month, start.day), "rolling"
        )
    elif unit == "m" and length in (1, 3):
        kind = "month" if length == 1 else "quarter"
    else:
        kind = "rolling"
    return _make(label, kind, start, end)


def _parse_day(label: str, text: str) -> date | None:
    """ "31 March 2017", "31 Mar 2017", "31/03/2017", "2017-03-31"; None if not a day."""
    match = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})", text)
    try:
        if match:
            month = _MONTHS.get(match.group(2))
            if month is None:
                raise PeriodError(f"unknown month name {match.group(2)!r} in period {label!r}")
            return date(int(match.group(3)), month, int(match.group(1)))
        match = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
        if match:  # UK order: day/month/year
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError as error:
        raise PeriodError(f"period {label!r} is not a real date: {error}") from None
    return None


def _parse_rolling_years(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """Rolling range of split years: "2022/23 - 24/25", "2019/20 to 2021/22"."""
    match = re.fullmatch(r"(\d{4})[/-](\d{2}|\d{4})\s*(?:-|to|–)\s*(\d{2}|\d{4})[/-](\d{2}|\d{4})", text)
    if not match:
        return None
    first = int(match.group(1))
    last_first = _second_year(first, match.group(3))
    if last_first < first:
        raise PeriodError(f"rolling period {original!r} ends before it starts")
    kind = hint if hint in {"academic", "financial"} else ("academic" if "/" in text else "financial")
    start, _ = _year_bounds(first, kind)
    _, end = _year_bounds(last_first, kind)
    return _make(original, "rolling", start, end)


def _parse_split(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """Split year "2023/24", "2016-17", "2023/2024", rolling "2014-16"."""
    match = re.fullmatch(r"(\d{4})\s*([/-])\s*(\d{2}|\d{4})", text)
    if not match:
        return None
    first = int(match.group(1))
    return _split_year(original, first, _second_year(first, match.group(3)), match.group(2), hint)


def _parse_quarter(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """Quarters: "2019 q1", "q1 2019", "2019/20 q1" (financial quarters count from April)."""
    match = re.fullmatch(r"(?:(\d{4})(?:[/-](\d{2}))?\s*q([1-4])|q([1-4])\s*(\d{4})(?:[/-](\d{2}))?)", text)
    if not match:
        return None
    year = int(match.group(1) or match.group(5))
    split = match.group(2) or match.group(6)
    quarter = int(match.group(3) or match.group(4))
    if split or hint == "financial":
        first_month = 4 + 3 * (quarter - 1)
        year += (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
    else:
        first_month = 1 + 3 * (quarter - 1)
    return _make(original, "quarter", date(year, first_month, 1), _month_end(year, first_month + 2))


def _parse_month(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """Month: "november 2010", "nov 2010" ("2010-11" is taken before as a split year)."""
    match = re.fullmatch(r"([a-z]+)\.?\s+(\d{4})", text)
    if not (match and match.group(1) in _MONTHS):
        return None
    year, month = int(match.group(2)), _MONTHS[match.group(1)]
    return _make(original, "month", date(year, month, 1), _month_end(year, month))


def _parse_iso(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """ISO 8601 interval, as ONS Explore Local Statistics: "2021-04-01/P1Y"."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})/p(\d+)([ymd])", text)
    return _parse_iso_interval(original, match) if match else None


def _parse_sortable_digits(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """A sortable period "20190331" read from a numeric column."""
    return _parse_sortable(original, text, hint) if re.fullmatch(r"\d{8}", text) else None


def _parse_six_digits(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """DfE "202324": two consecutive years."""
    if not re.fullmatch(r"\d{6}", text):
        return None
    first, second = int(text[:4]), int(text[4:])
    if second != (first + 1) % 100:
        raise PeriodError(f"six-digit period {original!r} should be two consecutive years like 202324")
    kind = hint if hint in {"academic", "financial"} else "academic"
    start, end = _year_bounds(first, kind)
    return _make(original, kind, start, end)


def _parse_year(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """A year "2008": calendar, unless the hint says snapshot, financial or academic."""
    if not re.fullmatch(r"\d{4}", text):
        return None
    year = int(text)
    if year < 1900 or year > 2200:
        raise PeriodError(f"period {original!r} is not a plausible year")
    if hint == "snapshot":
        return _make(original, "snapshot", date(year, 3, 31), date(year, 3, 31))
    if hint == "financial":
        return _make(original, "financial", date(year - 1, 4, 1), date(year, 3, 31))
    if hint == "academic":
        return _make(original, "academic", date(year - 1, 9, 1), date(year, 8, 31))
    return _make(original, "calendar", date(year, 1, 1), date(year, 12, 31))


def _parse_range(original: str, text: str, hint: str | None) -> ParsedPeriod | None:
    """Any two periods: "2003 to 2011", "July 2010 to October 2010"."""
    if " to " not in text:
        return None
    first_part, _, last_part = text.partition(" to ")
    first_period, last_period = parse_period(first_part), parse_period(last_part)
    if first_period.start is None or last_period.end is None or last_period.end < first_period.start:
        raise PeriodError(f"rolling period {original!r} must run from an earlier dated period to a later one")
    return _make(original, "rolling", first_period.start, last_period.end)


#: The label forms tried in turn after a day; the first that matches reads the label (order matters:
#: "2010-11" is a split year before it could be anything else).
_PARSERS = (
    _parse_rolling_years,
    _parse_split,
    _parse_quarter,
    _parse_month,
    _parse_iso,
    _parse_sortable_digits,
    _parse_six_digits,
    _parse_year,
    _parse_range,
)


def parse_period(label: str | int, period_type: str | None = None) -> ParsedPeriod:
    """Parse one period label; ``period_type`` (e.g. DfE ``time_identifier``) resolves ambiguity.
    An integer (a sortable period such as 20190000 read from a numeric column) is read as its text.

    Raises PeriodError for anything that is not a recognisable period.
    """
    if label is None:
        raise PeriodError("period label is missing (None)")
    original = str(label)
    hint = _normalise_hint(period_type)
    text = original.strip().lower()
    text = re.sub(r"\s*\([^)]*\)\s*$", "", text)  # LAIT "(OT)", "(Rev)", "(3 years combined)"
    text = re.sub(r"\s+", " ", text)
    if text in _NOT_STATED or hint == "not_stated":
        return _undated(original)
    text = re.sub(r"^(as at|as of|at)\s+", "", text)

    day = _parse_day(original, text)
    if day is not None:
        return _make(original, "snapshot", day, day)
    for parser in _PARSERS:
        found = parser(original, text, hint)
        if found is not None:
            return found
    raise PeriodError(
        f"cannot read {original!r} as a period: expected e.g. '2023/24', '202324', '2016-17', "
        "'2014-16', '2008', '31 March 2017', 'November 2010', '2022/23 - 24/25' or 'not stated'"
    )


def period_sort_key(label: str, period_type: str | None = None) -> int:
    """yyyymmdd of the period's end, for sorting mixed period types (an undated period: the end of
    the first year its wording mentions, else 0)."""
    return parse_period(label, period_type).sort_key
