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
from analytics.codes import ENGLAND

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


# ------------------------------------------------------------------ the publisher's own verdict

#: ``comparison_source``: whose verdict a label is.
SOURCE_PUBLISHER = "publisher"
SOURCE_CALCULATED = "calculated"
_PUBLISHER_WORDS = {
    "better": BETTER,
    "worse": WORSE,
    "similar": SIMILAR,
    "higher": HIGHER,
    "lower": LOWER,
    "not compared": NOT_COMPARED,
}


def publisher_label(text: Any) -> str | None:
    """A publisher's printed comparison ("Better", "Similar", "Not compared", Fingertips'
    "Compared to England value or percentiles" cells) as one of this module's labels; None when
    blank or not a comparison word (a quintile or RAG colour is not a significance verdict)."""
    if not isinstance(text, str):
        return None
    return _PUBLISHER_WORDS.get(text.strip().lower())


def _direction(label: str, polarity: str | None) -> str:
    """HIGHER/LOWER/SIMILAR/NOT_COMPARED behind a label, undoing polarity."""
    if label in {HIGHER, LOWER, SIMILAR, NOT_COMPARED}:
        return label
    kind = normalise_polarity(polarity)
    if kind == "higher_better":
        return HIGHER if label == BETTER else LOWER
    if kind == "lower_better":
        return LOWER if label == BETTER else HIGHER
    return label  # Better/Worse with no polarity here: only its significance can be checked


def verdicts_agree(calculated: str, published: str, polarity: str | None) -> bool:
    """Whether our label and the publisher's say the same (significance and, where the polarity
    lets us, direction). A "Not compared" on either side is not a disagreement."""
    if NOT_COMPARED in {calculated, published}:
        return True
    ours, theirs = _direction(calculated, polarity), _direction(published, polarity)
    if ours == theirs:
        return True
    if SIMILAR in {ours, theirs}:
        return False
    # opposite directions disagree; Better/Worse against Higher/Lower where no polarity says
    # which is good can only be checked for significance, which agrees
    pair = {ours, theirs}
    return not (pair <= {HIGHER, LOWER} or pair <= {BETTER, WORSE})


def carried_verdict(calculated: str, published: Any, polarity: str | None) -> tuple[str, str | None, str | None]:
    """(label, comparison_source, comparison_note) from our label and the publisher's printed one.

    The publisher's verdict is kept wherever it gives one: it was made on the unrounded figures
    and its own interval. Where our calculation disagrees, the note says so, with both words.
    """
    theirs = publisher_label(published)
    if theirs is None or theirs == NOT_COMPARED:
        return calculated, (SOURCE_CALCULATED if calculated != NOT_COMPARED else None), None
    if calculated != NOT_COMPARED and not verdicts_agree(calculated, theirs, polarity):
        note = f"the publisher's verdict; calculated from the published interval it would read {calculated.lower()}"
        return theirs, SOURCE_PUBLISHER, note
    return theirs, SOURCE_PUBLISHER, None


def untested_text(
    value_text: str,
    benchmark_name: str,
    benchmark_text: str,
    difference: float | None,
    *,
    reason: str = "no counts published",
    difference_text: str | None = None,
) -> str:
    """Both values and the difference, where no test can be made, e.g. "22.1 per 10,000, lower
    than England's 40.6 (not tested: no counts published)". ``difference_text`` (the gap in the
    unit, "18.5 per 10,000") is added when given."""
    if difference is None:
        return f"{value_text}; {benchmark_name} {benchmark_text or 'has no value'} (not tested: {reason})"
    word = "higher than" if difference > 0 else ("lower than" if difference < 0 else "the same as")
    gap = f" by {difference_text}" if difference_text and difference != 0 else ""
    return f"{value_text}, {word} {benchmark_name}'s {benchmark_text}{gap} (not tested: {reason})"


def published_verdict_for(row: Any, benchmark_code: str) -> str | None:
    """The publisher's own verdict on ``row`` against ``benchmark_code``, where it printed one:
    Fingertips' "Compared to England" cell for England, its parent/region cell for that parent."""

    def text(key: str) -> str | None:
        value = row.get(key) if hasattr(row, "get") else None
        return value if isinstance(value, str) and value.strip() else None

    if benchmark_code == ENGLAND:
        return text("published_vs_england")
    if benchmark_code and text("published_parent_code") == benchmark_code:
        return text("published_vs_parent")
    return None
