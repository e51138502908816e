"""One publisher for a district and its county (issue 19, item 8).

Why: the sources are read in precedence order (``sources.registry``) and a key an earlier source
gives is not repeated by a later one. For the early-years, Key Stage 2 and child-poverty series
that put a district beside its county (or beside England), that rule took the councils from
DfE's LAIT and the districts from ONS Explore Local Statistics, which also publishes the
councils: 470 early-years rows differ between the two by 0.1 to 1.9 points, so a district and
its county were compared across two publishers' methods. Here, where a later source gives the
districts of a series (indicator, period, breakdown) that no earlier source gives, that source
gives the whole series at every level it publishes, and the earlier sources' rows for it are
not carried (counted, with the source that gives them named in SOURCES.md). Periods the later
source does not cover keep their earlier source.
"""

from __future__ import annotations

import pandas as pd

from analytics.frames import frame_rows
from seed.publishing.model import OBS_KEY, SourcePart

#: A series: one indicator, period and breakdown, at every area level.
SERIES_KEY = ("indicator_id", "period_label", "breakdown_dimension", "breakdown_value")


def _keys(frame: pd.DataFrame, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    return frame_rows(frame, columns)


def district_series(part: SourcePart, level_of: dict[str, str]) -> set[tuple[str, ...]]:
    """The series of which ``part`` gives at least one district value."""
    obs = part.observations
    districts = obs[obs["area_code"].map(level_of).eq("district")]
    return set(_keys(districts, SERIES_KEY))


def reason(source_key: str) -> str:
    """The SOURCES.md line for rows given up to the districts' source."""
    return f"given with the districts by `{source_key}` (one publisher for a district and its county)"


def one_publisher_for_districts(parts: list[SourcePart], level_of: dict[str, str]) -> None:
    """Drop from earlier parts the rows of every series whose districts only a later part gives,
    where that later part gives the same key (so no value is lost, only its publisher changes)."""
    given: set[tuple[str, ...]] = set()
    for index, later in enumerate(parts):
        mine = district_series(later, level_of)
        owned = mine - given
        given |= mine
        if not owned:
            continue
        later_keys = set(_keys(later.observations, OBS_KEY))
        for earlier in parts[:index]:
            obs = earlier.observations
            drop = [
                series in owned and key in later_keys
                for series, key in zip(_keys(obs, SERIES_KEY), _keys(obs, OBS_KEY), strict=True)
            ]
            if any(drop):
                earlier.drop(reason(later.meta.key), sum(drop))
                earlier.observations = obs[[not d for d in drop]]
