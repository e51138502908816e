"""Read the committed published data (``seed/published/``) into insert-ready frames.

Why a separate reader: the published data is large (every English council and district) and was
checked row by row when it was built (``seed.build_published``), so loading it is a matter
of vectorised conversion, not the per-row validation the hand-written plan files get. The
few cross-file rules that could still break (an area, indicator or source the published data names but
does not define) are checked here and raised as one ``PublishedDataProblem``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics.periods import parse_period
from seed.publishing.io import read_published_frame
from seed.publishing.model import NUMERIC_COLUMNS, OBS_COLUMNS, PUBLISHED_VERDICT_COLUMNS

PUBLISHED_DIR = Path(__file__).resolve().parent / "published"


class PublishedDataProblem(ValueError):
    """The committed published data is inconsistent (rebuild it with ``python -m seed.build_published``)."""


@dataclass
class PublishedData:
    """The published data's tables as frames of strings (observations carry their ``source_key``)."""

    areas: pd.DataFrame
    aliases: pd.DataFrame
    sources: pd.DataFrame
    indicators: pd.DataFrame
    indicator_codes: pd.DataFrame
    observations: pd.DataFrame
    neighbours: pd.DataFrame = field(default_factory=pd.DataFrame)  # seed.publishing.neighbours.NEIGHBOUR_COLUMNS

    @property
    def empty(self) -> bool:
        return self.observations.empty and self.areas.empty


def available(published_dir: Path = PUBLISHED_DIR) -> bool:
    return (published_dir / "areas.csv.gz").exists()


def observation_files(published_dir: Path = PUBLISHED_DIR) -> list[Path]:
    return sorted(published_dir.glob("obs-*.csv.gz"))


def read_published(published_dir: Path = PUBLISHED_DIR) -> PublishedData:
    """Every published table; absent published data is empty (the plans alone still load)."""
    if not available(published_dir):
        empty = pd.DataFrame()
        return PublishedData(empty, empty, empty, empty, empty, pd.DataFrame(columns=[*OBS_COLUMNS, "source_key"]))
    frames = []
    for path in observation_files(published_dir):
        frame = read_published_frame(path)
        frame["source_key"] = path.name[len("obs-") : -len(".csv.gz")]
        frames.append(frame)
    observations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=[*OBS_COLUMNS, "source_key"])
    sources = pd.read_csv(published_dir / "sources.csv", dtype=str, keep_default_na=False)
    return PublishedData(
        areas=read_published_frame(published_dir / "areas.csv.gz"),
        aliases=read_published_frame(published_dir / "area_aliases.csv.gz"),
        sources=sources,
        indicators=read_published_frame(published_dir / "indicators.csv.gz"),
        indicator_codes=read_published_frame(published_dir / "indicator_codes.csv.gz"),
        observations=observations,
        neighbours=read_published_frame(published_dir / "neighbours.csv.gz")
        if (published_dir / "neighbours.csv.gz").exists()
        else pd.DataFrame(),
    )


def _blank_to_none(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype(object).where(frame != "", None)


def period_rows(observations: pd.DataFrame) -> list[dict]:
    """One period row per distinct (type, label), parsed by analytics.periods."""
    rows = []
    for ptype, label in observations[["period_type", "period_label"]].drop_duplicates().itertuples(index=False):
        parsed = parse_period(label, ptype)
        rows.append(
            {
                "period_type": ptype,
                "label": label,
                "start_date": parsed.start,
                "end_date": parsed.end,
                "sort_key": parsed.sort_key,
            }
        )
    return rows


def observation_frame(
    observations: pd.DataFrame, period_ids: dict[tuple[str, str], int], source_ids: dict[str, int]
) -> pd.DataFrame:
    """Insert-ready observation columns: numbers as floats (NaN = NULL), ids resolved."""
    out = pd.DataFrame(
        {
            "indicator_id": observations["indicator_id"],
            "area_code": observations["area_code"],
            "breakdown_dimension": observations["breakdown_dimension"],
            "breakdown_value": observations["breakdown_value"],
            "kind": "actual",
        }
    )
    keys = list(zip(observations["period_type"], observations["period_label"]))
    out["period_id"] = [period_ids[k] for k in keys]
    out["source_id"] = observations["source_key"].map(source_ids)
    if out["source_id"].isna().any():
        missing = sorted(set(observations.loc[out["source_id"].isna(), "source_key"]))
        raise PublishedDataProblem(f"observation files without a row in sources.csv: {missing}")
    for column in NUMERIC_COLUMNS:
        out[column] = pd.to_numeric(
            observations[column].str.replace(",", "", regex=False).replace("", None), errors="raise"
        ).astype("float64")
    text = _blank_to_none(observations[["status", "value_note", "source_line"]])
    out["status"] = text["status"]
    out["value_note"] = text["value_note"]
    out["source_line"] = text["source_line"]  # the raw file's line number, shown as "…, line N"
    for column in PUBLISHED_VERDICT_COLUMNS:  # published data built before migration 0009 has none
        out[column] = _blank_to_none(observations[[column]].fillna(""))[column] if column in observations else None
    out["illustrative"] = False
    return out
