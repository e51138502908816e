"""Agreement with the publisher's own verdicts on every real Fingertips file we hold (issue 19, item 2).

Full exports (injury admissions, NCMP overweight): our verdict from the published interval
against the published England (or parent) value must agree with Fingertips' "Compared to"
column on at least 99% of rows. Re-exports without intervals (Trafford Data Lab's obesity,
dental decay and activity files): no test can be made from them, so the verdict shown is the
publisher's, carried through the published data; it must equal the file's on every row.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

from analytics.compare import NOT_COMPARED, compare_to_benchmark, publisher_label, verdicts_agree
from analytics.honest import honest_comparison

FULL_EXPORTS = (
    "national/fingertips_csc_la_hospital_admissions_2324.csv.gz",
    "national/fingertips_csc_region_hospital_admissions_2324.csv.gz",
    "fingertips_csc_la_hospital_admissions_2324.csv",
    "fingertips_csc_region_hospital_admissions_2324.csv",
    "fingertips_ncmp_reception_prev_overweight.csv",
    "fingertips_ncmp_reception_prev_overweight_dist.csv",
    "fingertips_ncmp_y6_prev_overweight.csv",
    "fingertips_ncmp_y6_prev_overweight_dist.csv",
)
#: Fingertips' polarity for these indicators (its metadata's "RAG - Low is good").
POLARITY = "lower_better"
#: Fingertips compares every row, deprivation deciles included, with the benchmark's overall
#: (no category) value for the same indicator, sex, age and period, at 95%.
GROUP = ["Indicator ID", "Sex", "Age", "Time period"]


def _read(path: Path) -> pd.DataFrame:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig") as handle:
            return pd.read_csv(handle, dtype=str, keep_default_na=False)
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture
def benchmark_values(realdata: Path) -> dict[tuple[str, ...], str]:
    """Overall values of every area in every full export (a Hertfordshire-only file is judged
    against England's value from the national file of the same release)."""
    values: dict[tuple[str, ...], str] = {}
    for name in FULL_EXPORTS:
        frame = _read(realdata / name)
        overall = frame[frame["Category Type"] == ""]
        for *key, code, value in overall[[*GROUP, "Area Code", "Value"]].itertuples(index=False, name=None):
            if value:
                values[(*key, code)] = value
    return values


def _agreement(
    frame: pd.DataFrame, column: str, benchmark_code_of: pd.Series, values: dict[tuple[str, ...], str]
) -> tuple[int, int]:
    """(agreeing, judged) rows of ``frame`` for one "Compared to" column."""
    agree = judged = 0
    for record, code in zip(frame.to_dict("records"), benchmark_code_of, strict=True):
        theirs = publisher_label(record[column])
        if theirs is None or theirs == NOT_COMPARED or not record["Value"]:
            continue
        bench = values.get((*(record[g] for g in GROUP), code))
        ours = compare_to_benchmark(
            record["Value"], record["Lower CI 95.0 limit"], record["Upper CI 95.0 limit"], bench, POLARITY
        )
        judged += 1
        agree += ours != NOT_COMPARED and verdicts_agree(ours, theirs, POLARITY)
    return agree, judged


@pytest.mark.parametrize("name", FULL_EXPORTS)
def test_our_verdicts_from_published_intervals_agree_with_fingertips(
    realdata: Path, name: str, benchmark_values: dict[tuple[str, ...], str]
) -> None:
    frame = _read(realdata / name)
    england = pd.Series(["E92000001"] * len(frame))
    agree, judged = _agreement(frame, "Compared to England value or percentiles", england, benchmark_values)
    assert judged > 0
    assert agree / judged >= 0.99, f"{name}: {agree} of {judged} agree with Fingertips against England"
    parents = [c for c in frame.columns if c.startswith("Compared to ") and ("parent" in c or "Regions" in c)]
    for column in parents:
        agree, judged = _agreement(frame, column, frame["Parent Code"], benchmark_values)
        if judged:
            assert agree / judged >= 0.99, f"{name} {column}: {agree} of {judged} agree"


TDL = {
    "fingertips_tdl_obese_year6.csv": "obs-fingertips-90323.csv.gz",
    "fingertips_tdl_obese_reception.csv": "obs-fingertips-90319.csv.gz",
    "fingertips_tdl_children_dental_decay.csv": "obs-fingertips-93563.csv.gz",
    "fingertips_tdl_active_children.csv": "obs-fingertips-93570.csv.gz",
}


@pytest.mark.parametrize(("raw", "published"), sorted(TDL.items()))
def test_publisher_verdicts_without_intervals_are_carried_unchanged(realdata: Path, raw: str, published: str) -> None:
    """Every published row's shown verdict against England is the file's compared_to_England."""
    source = _read(realdata / "national" / raw)
    carried = _read(Path(__file__).resolve().parents[2] / "seed" / "published" / published)
    assert len(carried) > 100
    by_line = dict(zip(source.index + 2, source["compared_to_England"], strict=True))
    agree = 0
    for record in carried.to_dict("records"):
        printed = by_line[int(record["source_line"])]
        assert record["published_vs_england"] == printed
        shown = honest_comparison(
            record["value"] or None,
            None,
            None,
            1.0,  # any England value: no interval is published, so no test of our own is possible
            "lower_better",
            value_illustrative=False,
            benchmark_illustrative=False,
            published_verdict=record["published_vs_england"],
        )
        expected = publisher_label(printed) or NOT_COMPARED
        agree += shown.label == expected and (shown.source == "publisher") == (expected != NOT_COMPARED)
    assert agree == len(carried)
