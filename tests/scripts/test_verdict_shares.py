"""The issue-19 evidence script: its classes, and no bare "not compared" on the five pages."""

from __future__ import annotations

import data_access
from data_access.database import Database
from scripts import verdict_shares as shares


def test_classify_says_whose_verdict_or_that_the_difference_is_given() -> None:
    assert shares.classify("Better", "publisher", None) == shares.PUBLISHER
    assert shares.classify("Lower", "calculated", None) == shares.TESTED
    text = "22.1 per 10,000, lower than England's 40.6 by 18.5 (not tested: no counts published)"
    assert shares.classify("Not compared", None, text) == shares.DIFFERENCE
    assert shares.classify("Not compared", None, None, None) == shares.NO_BENCHMARK
    assert shares.classify("Not compared", None, None) == shares.BARE


def test_no_shown_value_is_a_bare_not_compared(seeded_sqlite: Database) -> None:
    data_access.configure(seeded_sqlite.url)
    found = shares.shares()
    assert [s.page for s in found] == list(shares.PAGES)
    for share in found:
        assert share.total > 0, share.page
        assert share.counts[shares.BARE] == 0, (share.page, share.counts)
        assert share.of_comparable() == 1.0, share.page
    assert "| `/compare` |" in shares.markdown(found)
