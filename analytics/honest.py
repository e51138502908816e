"""Honest benchmarks: whether a value may be judged against a benchmark, given which is invented.

Why: the demonstration data fills gaps with illustrative (invented) values, flagged
``observation.illustrative``. A published figure judged against an invented England value
produced a "Better" that Fingertips (against the real England value) calls "Similar", on a row
that said ``illustrative: false``. So this module is the ONE place that decides, from the two
flags, whether a comparison, rank or target RAG may be made and how it must be marked; every
view, the API and the exports call it rather than repeating the rule:

* published value, published benchmark: compared, not marked.
* published value, illustrative benchmark: NOT compared, reason "benchmark value is
  illustrative" - a real figure is never judged against an invented one.
* illustrative value, either benchmark: compared (the demonstration still shows how the page
  works) but the result is marked illustrative, so it is never read as a real judgement.
* no benchmark value (flag unknown): the usual rules decide; the flag is reported as None.

Ranks and quartiles apply the same rule to a set of values: when any value in the set is
published, only published values are ranked (an invented value never pushes a real one down);
when every value is illustrative they are ranked among themselves, marked illustrative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, overload

import pandas as pd

from analytics.compare import NOT_COMPARED, carried_verdict, compare_to_benchmark

ILLUSTRATIVE_BENCHMARK = "benchmark value is illustrative"
ILLUSTRATIVE_VALUE = "value is illustrative"
ILLUSTRATIVE_SUFFIX = " (illustrative)"


def flag(value: Any) -> bool | None:
    """An ``illustrative`` flag as True/False, or None when there is no value to flag
    (missing, NaN, pandas NA)."""
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return bool(value)


@dataclass(frozen=True)
class Comparability:
    """Whether two values may be compared and how the result must be marked."""

    comparable: bool
    illustrative: bool
    reason: str | None = None


def comparability(value_illustrative: Any, benchmark_illustrative: Any) -> Comparability:
    """THE rule (see the module docstring): a published value is never judged against an
    illustrative benchmark; anything resting on an illustrative value is marked illustrative."""
    value_flag, bench_flag = flag(value_illustrative), flag(benchmark_illustrative)
    if bench_flag and not value_flag:
        return Comparability(False, False, ILLUSTRATIVE_BENCHMARK)
    return Comparability(True, bool(value_flag) or bool(bench_flag))


@dataclass(frozen=True)
class HonestComparison:
    """A comparison label with its marking: ``label`` is one of analytics.compare's words;
    ``illustrative`` says it rests on an invented value; ``reason`` says why it was not
    compared when the provenance rule stopped it; ``benchmark_illustrative`` is the
    benchmark's flag (None when there is no benchmark value)."""

    label: str
    illustrative: bool
    reason: str | None
    benchmark_illustrative: bool | None
    source: str | None = None  # analytics.compare.SOURCE_PUBLISHER / SOURCE_CALCULATED; None when not compared
    note: str | None = None  # where the publisher's verdict and ours disagree

    @property
    def shown(self) -> str:
        """The label as a reader sees it: "Better (illustrative)" when marked."""
        return mark(self.label, self.illustrative)


def honest_comparison(
    value: Any,
    lower: Any,
    upper: Any,
    benchmark_value: Any,
    polarity: str | None,
    *,
    value_illustrative: Any,
    benchmark_illustrative: Any,
    is_benchmark_area: bool = False,
    published_verdict: Any = None,
) -> HonestComparison:
    """``compare_to_benchmark`` behind the provenance rule. ``benchmark_illustrative`` is
    ignored (reported None) when there is no benchmark value.

    ``published_verdict`` is the publisher's own printed comparison with THIS benchmark (a
    Fingertips "Compared to England" cell): kept where given (``source`` "publisher"), with a
    ``note`` where our calculation disagrees (``analytics.compare.carried_verdict``)."""
    bench_flag = flag(benchmark_illustrative) if flag(benchmark_value) is not None else None
    rule = comparability(value_illustrative, bench_flag)
    if not rule.comparable:
        return HonestComparison(NOT_COMPARED, False, rule.reason, bench_flag)
    label = compare_to_benchmark(value, lower, upper, benchmark_value, polarity, is_benchmark_area=is_benchmark_area)
    if is_benchmark_area or flag(value_illustrative):
        source = None if label == NOT_COMPARED else "calculated"
        return HonestComparison(label, rule.illustrative and label != NOT_COMPARED, None, bench_flag, source)
    label, source, note = carried_verdict(label, published_verdict, polarity)
    return HonestComparison(label, rule.illustrative and label != NOT_COMPARED, None, bench_flag, source, note)


@overload
def mark(label: str, illustrative: bool) -> str: ...
@overload
def mark(label: None, illustrative: bool) -> None: ...
@overload
def mark(label: str | None, illustrative: bool) -> str | None: ...
def mark(label: str | None, illustrative: bool) -> str | None:
    """Append "(illustrative)" to a label that rests on an invented value."""
    if label is None or not illustrative or label.endswith(ILLUSTRATIVE_SUFFIX):
        return label
    return label + ILLUSTRATIVE_SUFFIX


def rankable(flags: pd.Series) -> pd.Series:
    """Which values of a set may be ranked together (bool Series like ``flags``): the
    published ones when any value is published, otherwise all (then marked illustrative)."""
    return pd.Series(rankable_flags(flags), index=flags.index, dtype=bool)


def rankable_flags(flags: Iterable[Any]) -> list[bool]:
    """``rankable`` for a plain list of flags: the area profile asks for ~150 sets per page, and
    building two Series per set cost more than the rule."""
    illustrative = [bool(flag(v)) for v in flags]
    if not all(illustrative):
        return [not v for v in illustrative]
    return [True] * len(illustrative)
