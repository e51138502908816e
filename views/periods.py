"""Which period a view shows, and whether a period asked for is one it can show: one rule.

Why one module: /compare's view, its page's callback and /gaps each decided this for themselves
(issue 23), and copies drift. The rule: a period is valid when the indicator has values for it;
with none asked for, a view shows the latest period in which the chosen areas have a value (else
the latest period of any row), so an area that stopped being published does not blank the chart.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from data_access import reads
from views.base import ViewNotFound


def available_periods(frame: pd.DataFrame) -> list[str]:
    """The frame's period labels, oldest first (by ``period_sort``), each once."""
    return frame.drop_duplicates("period_label").sort_values("period_sort")["period_label"].tolist()


def indicator_periods(indicator_id: str) -> list[str]:
    """Every period the indicator has values for, in the area table's time order (the pickers' list)."""
    return [str(label) for label in reads.periods(indicator_id)["label"]]


def kept_period(indicator_id: str, requested: str | None) -> str | None:
    """``requested`` where the indicator has values for it; None (the view's latest) otherwise."""
    return requested if requested and requested in set(indicator_periods(indicator_id)) else None


def resolve_period(
    frame: pd.DataFrame,
    requested: str | None,
    areas: Iterable[str],
    *,
    value_column: str = "value",
    noun: str = "values",
    links: Sequence[tuple[str, str]] = (),
) -> str:
    """The period to show from ``frame`` (period_label, period_sort, area_code, ``value_column``).

    A requested period without rows raises ``ViewNotFound`` naming the periods that have some."""
    available = available_periods(frame)
    if requested:
        if requested not in available:
            raise ViewNotFound(
                f"There are no {noun} for the period “{requested}”. Periods with values: {', '.join(available) or 'none'}.",
                list(links),
            )
        return requested
    with_values = frame[frame["area_code"].isin(list(areas)) & frame[value_column].notna()]
    pool = with_values if not with_values.empty else frame
    return str(pool.sort_values("period_sort")["period_label"].iloc[-1])
