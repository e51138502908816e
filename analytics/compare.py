"""Compare an area with a benchmark the way Fingertips does.

Why: Fingertips (and therefore the public health teams our users sit with) calls an area
significantly different from a benchmark when the benchmark value lies outside the area's
confidence interval. Using the same rule means our colours agree with theirs. Polarity
turns "Higher"/"Lower" into "Better"/"Worse"; indicators with no agreed polarity keep the
neutral words. Anything missing is "Not compared" - never silently "Similar".
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from analytics.ci import as_number

BETTER = "Better"
SIMILAR = "Similar"
WORSE = "Worse"
HIGHER = "Higher"
LOWER = "Lower"
NOT_COMPARED = "Not compared"

POLARITIES = frozenset({"higher_better", "lower_better", "no_judgement", "ambiguous"})
_POLARITY_ALIASES = {
    "high": "higher_better",
    "higher is better": "higher_better",
    "rag - high is good": "higher_better",
    "low": "lower_better",
    "lower is better": "lower_better",
    "rag - low is good": "lower_better",
    "none": "no_judgement",
    "neutral": "no_judgement",
    "bob - blue orange blue": "no_judgement",
    "not applicable": "no_judgement",
}


def normalise_polarity(polarity: str | None) -> str:
    """Canonical polarity; unknown or missing polarity is treated as no_judgement."""
    if polarity is None:
        return "no_judgement"
    text = str(polarity).strip().lower()
    key = text.replace(" ", "_")
    if key in POLARITIES:
        return key
    return _POLARITY_ALIASES.get(text, "no_judgement")


def _num(value: Any) -> float | None:
    return as_number(value)[0]


def significance_direction(lower: Any, upper: Any, benchmark_value: Any) -> str:
    """HIGHER / LOWER / SIMILAR from the CI against the benchmark, or NOT_COMPARED."""
    lo, hi, bench = _num(lower), _num(upper), _num(benchmark_value)
    if lo is None or hi is None or bench is None:
        return NOT_COMPARED
    if lo > bench:
        return HIGHER
    if hi < bench:
        return LOWER
    return SIMILAR


def compare_to_benchmark(
    value: Any,
    lower: Any,
    upper: Any,
    benchmark_value: Any,
    polarity: str | None,
    *,
    is_benchmark_area: bool = False,
) -> str:
    """Fingertips-style comparison: significant when the benchmark lies outside the CI.

    Returns BETTER/SIMILAR/WORSE for higher_better/lower_better indicators and
    HIGHER/SIMILAR/LOWER for no_judgement/ambiguous ones; NOT_COMPARED when the value,
    either CI limit or the benchmark is missing, and when the area IS the benchmark
    (England against England), as Fingertips does.
    """
    if is_benchmark_area or _num(value) is None:
        return NOT_COMPARED
    direction = significance_direction(lower, upper, benchmark_value)
    if direction in {NOT_COMPARED, SIMILAR}:
        return direction
    kind = normalise_polarity(polarity)
    if kind == "higher_better":
        return BETTER if direction == HIGHER else WORSE
    if kind == "lower_better":
        return BETTER if direction == LOWER else WORSE
    return direction


def _ci_columns(level: float) -> tuple[str, str]:
    if math.isclose(float(level), 95):
        return "lower_ci95", "upper_ci95"
    if math.isclose(float(level), 99.8):
        return "lower_ci998", "upper_ci998"
    raise ValueError(f"level must be 95 or 99.8, not {level}")


def compare_frame(df: pd.DataFrame, benchmark_value: Any, polarity: str | None, level: float = 95) -> pd.Series:
    """Comparison label for every row of ``df`` (columns value and lower_ci95/upper_ci95,
    or lower_ci998/upper_ci998 when level is 99.8), indexed like ``df``."""
    lower_col, upper_col = _ci_columns(level)
    if df.empty:
        return pd.Series([], index=df.index, dtype=object, name="comparison")
    missing = [col for col in ("value", lower_col, upper_col) if col not in df.columns]
    if missing:
        raise KeyError(f"compare_frame needs columns {missing}")
    labels = [
        compare_to_benchmark(v, lo, hi, benchmark_value, polarity)
        for v, lo, hi in zip(df["value"], df[lower_col], df[upper_col], strict=True)
    ]
    return pd.Series(labels, index=df.index, dtype=object, name="comparison")


_PHRASES = {
    HIGHER: "is significantly higher than",
    LOWER: "is significantly lower than",
    SIMILAR: "is similar to",
    NOT_COMPARED: "could not be compared with",
}


def comparison_sentence(
    area_name: str, value_text: str, label: str, benchmark_name: str, benchmark_text: str, *, difference: float | None = None
) -> str:
    """Plain-English sentence, e.g. "Stevenage, 31.2%, is significantly higher than Hertfordshire, 27.0%."

    "Better"/"Worse" are phrased as "significantly better/worse than" so a reader knows
    the judgement includes polarity. ``difference`` (area minus benchmark) is given when both
    values exist but no test was possible (no interval published): the sentence then says which
    is higher, and that it was not tested, instead of only "could not be compared".
    """
    if label == NOT_COMPARED and difference is not None:
        word = "higher than" if difference > 0 else ("lower than" if difference < 0 else "the same as")
        area = f"{area_name}, {value_text}," if value_text else area_name
        bench = f"{benchmark_name}, {benchmark_text}" if benchmark_text else benchmark_name
        return f"{area} was {word} {bench} (not tested for significance: no confidence interval is published)."
    phrase = _PHRASES.get(label)
    if phrase is None:
        if label in {BETTER, WORSE}:
            phrase = f"is significantly {label.lower()} than"
        else:
            phrase = _PHRASES[NOT_COMPARED]
    area = f"{area_name}, {value_text}," if value_text else area_name
    bench = f"{benchmark_name}, {benchmark_text}" if benchmark_text else benchmark_name
    return f"{area} {phrase} {bench}."
