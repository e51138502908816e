"""The words of a comparison with a benchmark, shared by the cards, the profile, compare and the API.

Why one module: a reader must never meet a bare "not compared". Where a test was made it says
whose it is (the publisher's printed verdict, or ours from the interval); where none could be
made it gives both values and the difference in the unit, and why there was no test, e.g.
"22.1 per 10,000, lower than England's 40.6 by 18.5 (not tested: no counts published)".
The interval itself comes from ``analytics.ci.published_interval`` (the one rule), so the
method a table or the API states is the method that was used.
"""

from __future__ import annotations

from analytics.ci import CI_NONE, PublishedInterval, published_interval
from analytics.compare import NOT_COMPARED, SOURCE_PUBLISHER, published_verdict_for, untested_text
from analytics.frames import Cell, Row, cell_float
from analytics.honest import honest_comparison
from components.formatting import format_number, gap_unit

#: The observation columns holding the publisher's own verdicts (``reads`` returns them with every series).
PUBLISHED_VERDICT_KEYS = ("published_vs_england", "published_vs_parent", "published_parent_code")
#: ``analytics.ci`` reasons as a reader's "not tested: …" words.
_REASON_WORDS = {
    "no counts published": "no counts published",
    "no interval method for this kind of value": "no interval published",
    "no value": "no value",
}


def interval(row: Row, value_type: str) -> PublishedInterval:
    """The row's 95% interval by the one rule (published, Wilson, Byar, or none with a reason)."""
    return published_interval(
        value_type,
        number(row.get("value")),
        number(row.get("count")),
        number(row.get("denominator")),
        published_lower=number(row.get("lower_ci95")),
        published_upper=number(row.get("upper_ci95")),
    )


def number(value: Cell) -> float | None:
    """A finite number for a comparison, or None: text is never one, even where it reads as a number."""
    return None if isinstance(value, str) else cell_float(value)


def untested_reason(found: PublishedInterval) -> str:
    """Why no test was made, in words: 'no counts published', 'no interval published'."""
    reason = found.reason or "no interval"
    return _REASON_WORDS.get(reason, reason)


def with_unit(text: str, value_type: str, unit: str) -> str:
    """'22.1 per 10,000 children' for a rate, '63%' for a percentage (its unit is in the text)."""
    if not text or value_type == "percentage" or unit.strip() in {"", "%", "count"}:
        return text
    return f"{text} {unit}"


def difference_sentence(
    value: Cell,
    benchmark_value: Cell,
    *,
    value_text: str,
    benchmark_name: str,
    benchmark_text: str,
    value_type: str,
    unit: str,
    decimals: int,
    reason: str,
) -> str | None:
    """Both values and the gap in the unit, where no test was made; None without both values.

    A count is not set against another area's count: areas differ in size, so the words give both
    figures and say so instead of calling one "lower"."""
    mine, theirs = number(value), number(benchmark_value)
    if mine is None or theirs is None:
        return None
    if value_type == "count":
        return (
            f"{with_unit(value_text, value_type, unit)}; {benchmark_name} {benchmark_text} "
            "(not compared: a count, and the areas differ in size)"
        )
    difference = round(mine - theirs, 10)
    # the gap's unit is named where it differs from the value's (percentage points, points)
    named = gap_unit(value_type, unit) if value_type in {"percentage", "score", "mean"} else ""
    gap = f"{format_number(abs(difference), 'score', decimals)} {named}".rstrip()
    return untested_text(
        with_unit(value_text, value_type, unit), benchmark_name, benchmark_text, difference, reason=reason, difference_text=gap
    )


def verdict_words(label: str, source: str | None, benchmark_name: str, benchmark_text: str) -> str:
    """Short words for a badge or table cell: 'Better than England (17.8%; Fingertips' verdict)'."""
    relation = {
        "Better": "Better than",
        "Worse": "Worse than",
        "Similar": "Similar to",
        "Higher": "Higher than",
        "Lower": "Lower than",
    }.get(label)
    if relation is None:
        return f"Not compared with {benchmark_name}"
    whose = "; publisher's verdict" if source == SOURCE_PUBLISHER else ""
    shown = f" ({benchmark_text}{whose})" if benchmark_text else (f" ({whose[2:]})" if whose else "")
    return f"{relation} {benchmark_name}{shown}"


def ci_method_shown(found: PublishedInterval, label: str) -> str:
    """The interval's method as a table states it, with its note ('…; denominator derived …')."""
    if found.method == CI_NONE:
        return "none" if label == NOT_COMPARED else ""
    return f"{found.method} ({found.note})" if found.note else found.method


def against_benchmark(
    row: Row,
    *,
    benchmark_code: str,
    benchmark_name: str,
    benchmark_value: Cell,
    benchmark_text: str,
    value_type: str,
    unit: str,
    decimals: int,
    polarity: str,
    value_text: str,
) -> Row:
    """One value against one published benchmark value, for a table row: ``label``,
    ``comparison_source``, ``comparison_note``, ``ci_method`` and ``shown`` (the cell's words:
    the verdict, or both values and the gap where untested)."""
    found = interval(row, value_type)
    result = honest_comparison(
        number(row.get("value")),
        found.lower,
        found.upper,
        number(benchmark_value),
        polarity,
        value_illustrative=row.get("illustrative"),
        benchmark_illustrative=False if number(benchmark_value) is not None else None,
        published_verdict=published_verdict_for(row, benchmark_code),
    )
    shown = verdict_words(result.label, result.source, benchmark_name, "")
    if result.label == NOT_COMPARED:
        words = difference_sentence(
            row.get("value"),
            benchmark_value,
            value_text=value_text,
            benchmark_name=benchmark_name,
            benchmark_text=benchmark_text,
            value_type=value_type,
            unit=unit,
            decimals=decimals,
            reason=untested_reason(found),
        )
        shown = words[:1].upper() + words[1:] if words else f"Not compared: no {benchmark_name} value"
    return {
        "label": result.label,
        "comparison_source": result.source,
        "comparison_note": result.note,
        "ci_method": ci_method_shown(found, result.label),
        "shown": shown,
    }
