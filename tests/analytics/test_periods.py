"""parse_period: every format we import, the sort order across types, and clear errors."""

from __future__ import annotations

from datetime import date

import pytest

from analytics import ParsedPeriod, PeriodError, parse_period, period_sort_key


@pytest.mark.parametrize(
    ("label", "hint", "kind", "start", "end"),
    [
        ("2023/24", None, "academic", date(2023, 9, 1), date(2024, 8, 31)),
        ("2023/24", "financial", "financial", date(2023, 4, 1), date(2024, 3, 31)),
        ("202324", None, "academic", date(2023, 9, 1), date(2024, 8, 31)),
        ("202324", "Academic year", "academic", date(2023, 9, 1), date(2024, 8, 31)),
        ("202324", "financial", "financial", date(2023, 4, 1), date(2024, 3, 31)),
        ("2023-24", None, "financial", date(2023, 4, 1), date(2024, 3, 31)),
        ("2016-17", None, "financial", date(2016, 4, 1), date(2017, 3, 31)),
        ("2016-17 (OT)", None, "financial", date(2016, 4, 1), date(2017, 3, 31)),
        ("1999/00", None, "academic", date(1999, 9, 1), date(2000, 8, 31)),
        ("2023/2024", None, "academic", date(2023, 9, 1), date(2024, 8, 31)),
        ("2008", None, "calendar", date(2008, 1, 1), date(2008, 12, 31)),
        ("2018 (Rev)", None, "calendar", date(2018, 1, 1), date(2018, 12, 31)),
        ("2017", "Reporting year", "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("2017", "financial", "financial", date(2016, 4, 1), date(2017, 3, 31)),
        ("31 March 2017", None, "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("as at 31/03/2017", None, "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("At 31 Mar 2017", None, "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("2017-03-31", None, "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("November 2010", None, "month", date(2010, 11, 1), date(2010, 11, 30)),
        ("Feb 2024", None, "month", date(2024, 2, 1), date(2024, 2, 29)),
        ("2019 Q1", None, "quarter", date(2019, 1, 1), date(2019, 3, 31)),
        ("2019/20 Q4", None, "quarter", date(2020, 1, 1), date(2020, 3, 31)),
        ("2022/23 - 24/25", None, "rolling", date(2022, 9, 1), date(2025, 8, 31)),
        ("2013/14-15/16", None, "rolling", date(2013, 9, 1), date(2016, 8, 31)),
        ("2022/23 - 24/25 (3 years combined)", None, "rolling", date(2022, 9, 1), date(2025, 8, 31)),
        ("2014-16", None, "rolling", date(2014, 1, 1), date(2016, 12, 31)),
        ("2010-2012", None, "rolling", date(2010, 1, 1), date(2012, 12, 31)),
        ("20190000", None, "calendar", date(2019, 1, 1), date(2019, 12, 31)),
        ("20100000", "financial", "financial", date(2010, 4, 1), date(2011, 3, 31)),
        ("20190500", None, "month", date(2019, 5, 1), date(2019, 5, 31)),
        ("20170331", None, "snapshot", date(2017, 3, 31), date(2017, 3, 31)),
        ("2021-04-01/P1Y", None, "financial", date(2021, 4, 1), date(2022, 3, 31)),
        ("2016-09-01/P1Y", None, "academic", date(2016, 9, 1), date(2017, 8, 31)),
        ("2011-01-01/P3Y", None, "rolling", date(2011, 1, 1), date(2013, 12, 31)),
    ],
)
def test_formats(label: str, hint: str | None, kind: str, start: date, end: date) -> None:
    parsed = parse_period(label, hint)
    assert (parsed.period_type, parsed.start, parsed.end) == (kind, start, end)
    assert parsed.label == label
    assert parsed.sort_key == end.year * 10000 + end.month * 100 + end.day


def test_integer_sortable_is_accepted() -> None:
    assert parse_period(20190000).start == date(2019, 1, 1)


@pytest.mark.parametrize("label", ["not stated", "Not stated", "", "  "])
def test_not_stated(label: str) -> None:
    parsed = parse_period(label)
    assert parsed == ParsedPeriod(label, "not_stated", None, None, 0)
    assert not parsed.is_stated


def test_mixed_types_interleave_in_time_order() -> None:
    labels = ["2023", "2016-17", "31 March 2017", "November 2010", "2014-16", "2016/17", "not stated"]
    ordered = sorted(labels, key=period_sort_key)
    assert ordered == ["not stated", "November 2010", "2014-16", "2016-17", "31 March 2017", "2016/17", "2023"]


def test_frozen() -> None:
    parsed, field_name = parse_period("2023/24"), "label"
    with pytest.raises(AttributeError):
        # setattr by a variable name: the assignment a type checker refuses must also fail at run time
        setattr(parsed, field_name, "x")


@pytest.mark.parametrize(
    ("label", "hint", "message"),
    [
        ("0", None, "cannot read '0' as a period"),
        ("0999", None, "not a plausible year"),
        ("banana", None, "cannot read 'banana' as a period"),
        ("2023/21", None, "ends (2021) before it starts"),
        ("202399", None, "two consecutive years"),
        ("31/02/2017", None, "not a real date"),
        ("20191399", None, "not a date"),
        ("2023/24", "fortnightly", "unknown period_type hint"),
        (None, None, "missing"),
    ],
)
def test_garbage_raises_clear_error(label: str, hint: str | None, message: str) -> None:
    with pytest.raises(PeriodError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_period(label, hint)


def test_period_error_is_value_error() -> None:
    assert issubclass(PeriodError, ValueError)
