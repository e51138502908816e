"""The one interval rule for published values (issue 19, item 1), checked against Fingertips'
own published intervals: drop the CIs, recompute from the published counts, match within rounding."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from analytics.ci import CI_BYAR, CI_NONE, CI_PUBLISHED, CI_WILSON, published_interval

FILES = ("fingertips_csc_la_hospital_admissions_2324.csv.gz", "fingertips_csc_region_hospital_admissions_2324.csv.gz")


def _rows(realdata: Path, name: str) -> pd.DataFrame:
    path = realdata / "national" / name
    with gzip.open(path, "rt", encoding="utf-8-sig") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    # From 2012/13 Fingertips computes the area rows' intervals from the age-band counts (not in
    # the export), so they are slightly wider than a crude-rate interval; the 2010/11-2011/12 rows
    # and the older-geography deprivation-decile rows use the crude-rate (Byar) method that the counts reproduce.
    crude = frame["Time period"].isin(["2010/11", "2011/12"]) | frame["Category Type"].str.contains("4/19|4/20|4/21")
    numbers = frame.loc[crude, ["Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator"]].apply(
        pd.to_numeric, errors="coerce"
    )
    return numbers.dropna()


@pytest.mark.parametrize("name", FILES)
def test_byar_from_published_counts_matches_fingertips_intervals(realdata: Path, name: str) -> None:
    rows = _rows(realdata, name)
    assert len(rows) > 100
    misses = 0
    for value, lower, upper, count, denominator in rows.itertuples(index=False):
        got = published_interval("rate_per_10000", value, count, denominator)
        assert got.method == CI_BYAR and got.note is None
        assert got.lower is not None and got.upper is not None
        # Fingertips publishes to 7 significant figures; allow 0.05 in the rate's unit
        if abs(got.lower - lower) > 0.05 or abs(got.upper - upper) > 0.05:
            misses += 1
    assert misses <= len(rows) // 100, f"{misses} of {len(rows)} differ by more than rounding"


@pytest.mark.parametrize("name", FILES)
def test_derived_denominator_from_rounded_rate_matches_within_rounding(realdata: Path, name: str) -> None:
    """Without the denominator: count ÷ rate × multiplier, rate rounded to 1 dp as LAIT and ONS print it."""
    rows = _rows(realdata, name)
    for value, lower, upper, count, _ in rows.itertuples(index=False):
        got = published_interval("rate_per_10000", round(value, 1), count, None)
        assert got.method == CI_BYAR and got.note == "denominator derived as count ÷ rate × 10,000"
        assert got.lower is not None and got.upper is not None
        # the derived interval is as exact as the rounding of the rate allows (relative 0.05 / value)
        tolerance = max(0.06, 0.06 / value * (upper - lower) + 0.0006 * value)
        assert got.lower == pytest.approx(lower, abs=tolerance)
        assert got.upper == pytest.approx(upper, abs=tolerance)


def test_rule_order_and_labels() -> None:
    assert published_interval("percentage", 40.0, 40, 100, published_lower=1, published_upper=2).method == CI_PUBLISHED
    wilson = published_interval("percentage", 40.0, 40, 100)
    assert wilson.method == CI_WILSON and wilson.lower == pytest.approx(30.9401, abs=1e-3)
    # a proportion needs its denominator published: no derivation from a rounded percentage
    assert published_interval("percentage", 40.0, 40, None).method == CI_NONE
    # nothing from a rounded value alone
    alone = published_interval("rate_per_10000", 22.1, None, None)
    assert alone.method == CI_NONE and alone.reason == "no counts published"
    small = published_interval("rate_per_1000", 2.0, 4, 2000)
    assert small.method == CI_BYAR and small.lower is not None  # exact Poisson below 10
    assert published_interval("count", 45, 45, None).method == CI_NONE
    assert published_interval("rate_per_1000", None, 4, 2000).reason == "no value"
