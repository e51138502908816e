"""A small copy of the published-data pack for tests that seed many fresh databases.

Why: the whole pack (about 650,000 values for every English area) takes 20-30 s to load, which
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

from seed.pack import io
from seed.pack.model import OBS_COLUMNS, SourcePart
from seed.published_pack import PACK_DIR, observation_files

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
def small_pack() -> Path:
    """Build the small pack once per test process; returns its folder."""
    out = Path(tempfile.mkdtemp(prefix="ob_small_pack_"))
    for path in PACK_DIR.iterdir():
        if not path.name.startswith("obs-"):
            shutil.copy(path, out / path.name)
    for path in observation_files(PACK_DIR):
        frame = io.read_pack_frame(path)
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
