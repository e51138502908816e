"""How many shown values carry a verdict, per page (issue 19's "Done means"): rerunnable evidence.

Why: the issue asks, for ``/``, ``/compare``, ``/trends``, ``/area/E10000015`` and Hertfordshire's
``/neighbours`` scorecard, the share of shown values that carry a tested verdict, the
publisher's verdict, or both values with their difference (an untested comparison said in
words), rather than a bare "not compared". This reads the pages' own view models (the same
objects the pages, exports and API are built from) on a seeded database and counts, so the
figures are those of the code at hand: ``python -m scripts.verdict_shares --database-url URL``.

A "shown value" is one value of the home council (or of the compared areas) with a number on
the page: a card's measure against England, a compare bar, a trends line's recent trend, a
profile row against England, a scorecard row against England.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from analytics.frames import frame_records
from data_access import reads
from data_access.database import configure
from views import area, compare, neighbours, summary, trends
from views.api_stats import add_benchmark_comparison

#: The outcome classes, in the order the table prints them.
TESTED, PUBLISHER, DIFFERENCE = "tested verdict", "publisher's verdict", "values with a difference"
NO_BENCHMARK, BARE = "no England value for the period (said)", "bare 'not compared'"
CLASSES = (TESTED, PUBLISHER, DIFFERENCE, NO_BENCHMARK, BARE)
VERDICTS = {"Better", "Worse", "Similar", "Higher", "Lower"}
PAGES = ("/", "/compare", "/trends", "/area/E10000015", "/neighbours?area=E10000015")


@dataclass(frozen=True)
class Share:
    page: str
    counts: Counter[str]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def with_verdict(self) -> float:
        """The share carrying a tested verdict, the publisher's, or values with their difference."""
        return (self.total - self.counts[BARE] - self.counts[NO_BENCHMARK]) / self.total if self.total else 0.0

    def of_comparable(self) -> float:
        """The same share among values that have an England value for the same period."""
        comparable = self.total - self.counts[NO_BENCHMARK]
        return (comparable - self.counts[BARE]) / comparable if comparable else 0.0


def classify(label: object, source: object, text: object, benchmark: object = 0.0) -> str:
    """One shown value's class from its verdict label, whose verdict it is, its words and the
    benchmark's value (None or NaN: there is none for the period)."""
    if benchmark is None or (isinstance(benchmark, float) and pd.isna(benchmark)):
        return NO_BENCHMARK
    if source == "publisher" and label in VERDICTS:
        return PUBLISHER
    if label in VERDICTS:
        return TESTED
    if isinstance(text, str) and ("not tested" in text or " than " in text or "not compared: a count" in text):
        return DIFFERENCE
    return BARE


def _summary() -> Iterable[str]:

    found = summary.summarise({})
    for bee in found.bees:
        for measure in frame_records(bee.measures):
            if pd.isna(measure.get("value")):
                continue
            england = next((c for c in measure.get("comparisons") or [] if c["code"] == "E92000001"), None)
            if england is None:
                yield BARE
            else:
                has_value = england.get("benchmark_shown") != "no value for this period"
                yield classify(england["label"], england.get("source"), england.get("text"), 0.0 if has_value else None)


def _compare() -> Iterable[str]:

    rows = compare.build({}).data
    for row in frame_records(rows[rows["value"].notna() & rows["significance"].ne("Benchmark")]):
        yield classify(row["significance"], row.get("comparison_source"), row.get("comparison_text"), row["benchmark_value"])


def _trends() -> Iterable[str]:

    view = trends.chart_views({})[0]
    for text in view.data.groupby("area_code")["recent_trend"].first():
        yield TESTED if isinstance(text, str) and text.endswith("tested)") else classify(None, None, text)


def _area() -> Iterable[str]:

    rows = area.build_profile({"_id": "E10000015"}).rows
    for row in frame_records(rows[rows["value"].notna()]):
        yield classify(row["significance"], row.get("significance_source"), row.get("significance_text"), row["england"])


def _neighbours() -> Iterable[str]:

    rows = neighbours.build({"area": "E10000015"}).data
    for row in frame_records(rows[rows["value"].notna()]):
        yield classify(
            row["england_comparison"], row.get("comparison_source"), row.get("england_comparison_text"), row["england_value"]
        )


READERS = {"/": _summary, "/compare": _compare, "/trends": _trends, "/area/E10000015": _area, PAGES[4]: _neighbours}


def shares() -> list[Share]:
    return [Share(page, Counter(READERS[page]())) for page in PAGES]


#: Hertfordshire against England, one indicator per method (issue 19's "Done means").
METHOD_ROWS = (
    ("published CI", "injury-admissions-0-14", "2023-24"),
    ("Wilson from counts", "care-leavers-19-21-eet", "2024-25"),
    ("Byar from the count", "u18-conceptions", "2017"),
    ("publisher's verdict", "year6-obesity", "2024/25"),
    ("not tested, with the difference", "cp-plan-rate", "31 March 2025"),
)


def _cell(value: object, places: int = 1) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    return f"{float(str(value)):,.{places}f}"


def methods_table(area: str = "E10000015") -> str:
    """One row per method: the values, the interval used, our test (the publisher's verdict
    set aside), the verdict shown (the publisher's where it prints one) and the source line."""

    lines = [
        "| method | indicator | period | Hertfordshire | England | 95% CI used | interval method | our test | "
        "publisher's verdict | verdict shown | source (file, line) |",
        "|" + "---|" * 11,
    ]
    for method, indicator_id, period in METHOD_ROWS:
        meta = reads.indicator(indicator_id)
        assert meta is not None, indicator_id
        rows = reads.series(indicator_id, [area, "E92000001"], period_labels=[period]).rename(columns={"period_label": "period"})
        rows = rows[rows["breakdown_value"] == "Total"]
        mine = rows[rows["area_code"] == area]
        shown = add_benchmark_comparison(mine, meta, "E92000001", 95, "Total").iloc[0]
        ours = add_benchmark_comparison(mine.assign(published_vs_england=None), meta, "E92000001", 95, "Total").iloc[0]
        england = rows.loc[rows["area_code"] == "E92000001", "value"]
        words = ""
        if shown["compared_to_benchmark"] == "Not compared":
            found = summary.summarise({})  # the card's words, where the measure is on a card
            for bee in found.bees:
                for measure in frame_records(bee.measures):
                    if measure.get("indicator_id") == indicator_id:
                        words = next((c.get("text") or "" for c in measure["comparisons"] if c["code"] == "E92000001"), "")
            words = f": {words}" if words else ""
        interval = f"{_cell(shown['ci_lower'])} to {_cell(shown['ci_upper'])}" if not pd.isna(shown["ci_lower"]) else "none"
        note = f" ({shown['ci_note']})" if isinstance(shown.get("ci_note"), str) else ""
        lines.append(
            f"| {method} | `{indicator_id}` | {period} | {_cell(shown['value'])} | "
            f"{_cell(england.iloc[0] if len(england) else None)} | {interval} | {shown['ci_method']}{note} | "
            f"{ours['compared_to_benchmark']} | {shown.get('published_vs_england') or '–'} | "
            f"{shown['compared_to_benchmark']} ({shown['comparison_source'] or 'no test'}){words} | "
            f"{shown['source_file']}, line {shown['source_line']} |"
        )
    return "\n".join(lines)


def markdown(found: list[Share]) -> str:
    head = (
        "| page | shown values | "
        + " | ".join(CLASSES)
        + " | share with a verdict or difference | same, of values with an England value |"
    )
    lines = [head, "|" + "---|" * (len(CLASSES) + 4)]
    for share in found:
        cells = " | ".join(str(share.counts[c]) for c in CLASSES)
        lines.append(f"| `{share.page}` | {share.total} | {cells} | {share.with_verdict():.0%} | {share.of_comparable():.0%} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.verdict_shares", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True, help="a seeded database (python -m data_access seed)")
    args = parser.parse_args(argv)

    configure(args.database_url)
    print(markdown(shares()))
    print()
    print(methods_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
