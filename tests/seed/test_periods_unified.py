"""One period parser: the seed's 62 period labels parse with ``analytics.periods`` exactly as the
seed's own parser (``seed/periods.py``, removed) did, so no stored sort key or date changed.

The table below was printed by the old parser before it was deleted. Two rules moved into
``analytics.periods`` to make that true: an undated ("not_stated") label sorts at the end of the
first year its wording mentions ("c.2006" beside 2006, 0 when it mentions none), and any
"A to B" span of two periods is a rolling period from A's start to B's end.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from analytics.periods import PeriodError, parse_period
from seed.loader import DATA_DIR

#: (period_type, label, sort_key, start, end) from the old seed parser.
BEFORE = [
    ("academic", "2004/05", 20050831, "2004-09-01", "2005-08-31"),
    ("academic", "2005/06", 20060831, "2005-09-01", "2006-08-31"),
    ("academic", "2006/07", 20070831, "2006-09-01", "2007-08-31"),
    ("academic", "2008/09", 20090831, "2008-09-01", "2009-08-31"),
    ("academic", "2009/10", 20100831, "2009-09-01", "2010-08-31"),
    ("academic", "2011/12", 20120831, "2011-09-01", "2012-08-31"),
    ("academic", "2016/17", 20170831, "2016-09-01", "2017-08-31"),
    ("calendar", "2001", 20011231, "2001-01-01", "2001-12-31"),
    ("calendar", "2004", 20041231, "2004-01-01", "2004-12-31"),
    ("calendar", "2005", 20051231, "2005-01-01", "2005-12-31"),
    ("calendar", "2006", 20061231, "2006-01-01", "2006-12-31"),
    ("calendar", "2007", 20071231, "2007-01-01", "2007-12-31"),
    ("calendar", "2008", 20081231, "2008-01-01", "2008-12-31"),
    ("calendar", "2009", 20091231, "2009-01-01", "2009-12-31"),
    ("calendar", "2010", 20101231, "2010-01-01", "2010-12-31"),
    ("calendar", "2011", 20111231, "2011-01-01", "2011-12-31"),
    ("calendar", "2017", 20171231, "2017-01-01", "2017-12-31"),
    ("calendar", "2030", 20301231, "2030-01-01", "2030-12-31"),
    ("financial", "2004-05", 20050331, "2004-04-01", "2005-03-31"),
    ("financial", "2005-06", 20060331, "2005-04-01", "2006-03-31"),
    ("financial", "2009-10", 20100331, "2009-04-01", "2010-03-31"),
    ("financial", "2016-17", 20170331, "2016-04-01", "2017-03-31"),
    ("month", "April 2007", 20070430, "2007-04-01", "2007-04-30"),
    ("month", "April 2008", 20080430, "2008-04-01", "2008-04-30"),
    ("month", "August 2005", 20050831, "2005-08-01", "2005-08-31"),
    ("month", "March 2006", 20060331, "2006-03-01", "2006-03-31"),
    ("month", "March 2010", 20100331, "2010-03-01", "2010-03-31"),
    ("month", "November 2010", 20101130, "2010-11-01", "2010-11-30"),
    ("month", "September 2005", 20050930, "2005-09-01", "2005-09-30"),
    ("month", "September 2010", 20100930, "2010-09-01", "2010-09-30"),
    ("month", "September 2025", 20250930, "2025-09-01", "2025-09-30"),
    ("not_stated", "as stated in CYPP 2011-12", 20111231, "None", "None"),
    ("not_stated", "c.2003", 20031231, "None", "None"),
    ("not_stated", "c.2005", 20051231, "None", "None"),
    ("not_stated", "c.2005/06", 20051231, "None", "None"),
    ("not_stated", "c.2005/06 (not stated)", 20051231, "None", "None"),
    ("not_stated", "c.2006", 20061231, "None", "None"),
    ("not_stated", "c.2006 (not stated)", 20061231, "None", "None"),
    ("not_stated", "c.2006/07", 20061231, "None", "None"),
    ("not_stated", "c.2006/07 (not stated)", 20061231, "None", "None"),
    ("not_stated", "c.2006/07 (school inspections)", 20061231, "None", "None"),
    ("not_stated", "c.2007", 20071231, "None", "None"),
    ("not_stated", "c.2007 (IMD edition not stated)", 20071231, "None", "None"),
    ("not_stated", "c.2007 (each year)", 20071231, "None", "None"),
    ("not_stated", "c.2009-2010 (not stated)", 20091231, "None", "None"),
    ("not_stated", "c.2010 (Equality Impact Assessment)", 20101231, "None", "None"),
    ("not_stated", "c.2010 (baseline period not stated)", 20101231, "None", "None"),
    ("not_stated", "c.2010 (not stated)", 20101231, "None", "None"),
    ("not_stated", "c.2010/11", 20101231, "None", "None"),
    ("not_stated", "c.2010/11 (currently)", 20101231, "None", "None"),
    ("not_stated", "c.2010/11 (not stated)", 20101231, "None", "None"),
    ("not_stated", "c.2010/11 (now)", 20101231, "None", "None"),
    ("not_stated", "c.early 2011", 20111231, "None", "None"),
    ("not_stated", "not stated (c.2017)", 20171231, "None", "None"),
    ("not_stated", "recent years (period not stated)", 0, "None", "None"),
    ("rolling", "2003 to 2011", 20111231, "2003-01-01", "2011-12-31"),
    ("rolling", "2006/07 to 2009/10", 20100831, "2006-09-01", "2010-08-31"),
    ("rolling", "2017 to 2026", 20261231, "2017-01-01", "2026-12-31"),
    ("rolling", "2018 to 2021", 20211231, "2018-01-01", "2021-12-31"),
    ("rolling", "July 2010 to October 2010", 20101031, "2010-07-01", "2010-10-31"),
    ("snapshot", "30 June 2003", 20030630, "2003-06-30", "2003-06-30"),
    ("snapshot", "31 March 2017", 20170331, "2017-03-31", "2017-03-31"),
]


@pytest.mark.parametrize(("period_type", "label", "sort_key", "start", "end"), BEFORE)
def test_seed_label_parses_as_before(period_type: str, label: str, sort_key: int, start: str, end: str) -> None:
    parsed = parse_period(label, period_type)
    assert (parsed.sort_key, str(parsed.start), str(parsed.end), parsed.period_type) == (sort_key, start, end, period_type)


def test_the_table_covers_every_label_in_the_seed() -> None:
    labels = set()
    for path in Path(DATA_DIR).glob("*.csv"):
        with path.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for column in ("period_label", "target_period"):
                    if row.get("period_type") and row.get(column):
                        labels.add((row["period_type"], row[column]))
    assert labels == {(t, label) for t, label, *_ in BEFORE}


def test_spans_must_run_forwards() -> None:
    with pytest.raises(PeriodError):
        parse_period("2011 to 2003", "rolling")
