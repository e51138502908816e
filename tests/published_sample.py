"""A small copy of the published data for tests that seed many fresh databases.

Why: the whole published data (about 650,000 values for every English area) takes 20-30 s to load, which
is right for the session's shared seeded databases but too slow for a test that seeds a fresh
database of its own. This copy keeps every area, indicator and source but only the values of
Hertfordshire, its districts, its region and England (and two other councils), so the same
pages and imports work on it.
"""

from __future__ import annotations

import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import pandas as pd

from seed.published_data import PUBLISHED_DIR, observation_files
from seed.publishing import io
from seed.publishing.model import OBS_COLUMNS, SourcePart

KEEP_AREAS = frozenset(
    {
        "E92000001",
        "E12000006",
        "E10000015",
        "E07000095",
        "E07000096",
        "E07000242",
        "E07000098",
        "E07000099",
        "E07000240",
        "E07000243",
        "E07000102",
        "E07000103",
        "E07000241",
        "E10000012",
        "E06000019",
        "E12000005",
    }
)


@lru_cache(maxsize=1)
def small_published() -> Path:
    """Build the small published sample once per test process; returns its folder."""
    out = Path(tempfile.mkdtemp(prefix="ob_small_published_"))
    for path in PUBLISHED_DIR.iterdir():
        if not path.name.startswith("obs-"):
            shutil.copy(path, out / path.name)
    for path in observation_files(PUBLISHED_DIR):
        frame = io.read_published_frame(path)
        kept = frame[frame["area_code"].isin(KEEP_AREAS)]
        io.write_gz(out / path.name, io.csv_bytes(kept, OBS_COLUMNS))
    return out


def one(part: SourcePart, **match: str) -> pd.Series:
    """The single observation of a source part matching every ``column=value`` given."""
    obs = part.observations
    for column, value in match.items():
        obs = obs[obs[column] == value]
    assert len(obs) == 1, (match, len(obs))
    return obs.iloc[0]
