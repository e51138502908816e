"""Deterministic bench data: ``python -m bench.generate --scale small|county|national --database-url URL``.

National ≈ every English district (300 E07 codes), county and unitary (21 E10 + 129 E06/E08/E09),
the nine regions (E12) and England (E92000001): 460 areas × 500 indicators × 15 periods, with a
breakdown dimension on three indicators in four (sex, disadvantage, ethnicity) ≈ 10.35 million
observations. Values follow each indicator's value type (percentages with Wilson CIs from count and
denominator, rates with Byar CIs, counts, scores with published CIs), ~3% are suppressed (NULL value
with status ``c``) and ~1% missing (``x``). Every value is flagged illustrative. Same arguments → same
rows (numpy ``default_rng`` seeded per indicator).

Loading: the schema is migrated with Alembic (``data_access.schema.migrate``); the small tables go in
with SQLAlchemy Core ``insert()`` executemany; observations go in big chunks — on SQLite through the
compiled Core ``insert()`` and the DBAPI ``executemany`` with foreign-key checks and fsync off, on
PostgreSQL through psycopg ``COPY … FROM STDIN`` — with the observation secondary indexes dropped
during the load and rebuilt once at the end (one sort beats ten million B-tree insertions), then
``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE`` so index-only scans work).
"""

from __future__ import annotations

import argparse
import io
import json
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
from sqlalchemy import Index, Table, delete, insert, select, text

from data_access.database import Database
from data_access.models import TOTAL, Area, Base, Indicator, Observation, Period, Source
from data_access.schema import migrate

GENERATOR_VERSION = 1
SOURCE_KEY = "bench-generator"
HERTS = "E10000015"
ENGLAND = "E92000001"
#: The real Hertfordshire districts so the compare page's tile map and defaults find their areas.
HERTS_DISTRICTS = {
    "E07000095": "Broxbourne",
    "E07000096": "Dacorum",
    "E07000098": "Hertsmere",
    "E07000099": "North Hertfordshire",
    "E07000102": "Three Rivers",
    "E07000103": "Watford",
    "E07000240": "St Albans",
    "E07000241": "Welwyn Hatfield",
    "E07000242": "East Hertfordshire",
    "E07000243": "Stevenage",
}
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
]
BREAKDOWNS: list[tuple[str, list[str]]] = [
    (TOTAL, []),
    ("Sex", ["Male", "Female"]),
    ("Disadvantage", ["Disadvantaged", "Not disadvantaged"]),
    ("Ethnicity", ["White", "Asian", "Black", "Mixed"]),
]
VALUE_KINDS = [  # value_type, unit, ci_method, decimals
    ("percentage", "%", "wilson", 1),
    ("rate_per_1000", "per 1,000 children", "byar", 1),
    ("count", "children", "none", 0),
    ("score", "average score", "published", 1),
    ("rate_per_10000", "per 10,000 children", "byar", 1),
]
POLARITIES = ["higher_better", "lower_better", "no_judgement", "higher_better", "lower_better"]
PERIOD_TYPES = ["academic", "financial", "calendar"]


@dataclass(frozen=True)
class Scale:
    districts: int
    counties: int  # E10 (county level)
    unitaries: int  # E06/E08/E09 (unitary level)
    regions: int
    indicators: int
    periods: int


SCALES = {
    "small": Scale(districts=12, counties=2, unitaries=4, regions=2, indicators=12, periods=5),
    "county": Scale(districts=60, counties=6, unitaries=30, regions=9, indicators=100, periods=15),
    "national": Scale(districts=300, counties=21, unitaries=129, regions=9, indicators=500, periods=15),
}

OBS_COLUMNS = [
    "indicator_id",
    "area_code",
    "period_id",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    "value",
    "value_text",
    "lower_ci95",
    "upper_ci95",
    "count",
    "denominator",
    "status",
    "source_id",
    "illustrative",
]


def expected_observations(scale: Scale) -> int:
    n_areas = scale.districts + scale.counties + scale.unitaries + scale.regions + 1
    per_area_period = sum(1 + len(BREAKDOWNS[i % len(BREAKDOWNS)][1]) for i in range(scale.indicators))
    return n_areas * scale.periods * per_area_period


# ------------------------------------------------------------------ reference rows


def _areas(scale: Scale) -> list[dict]:
    rows: list[dict] = [
        {
            "code": ENGLAND,
            "name": "England",
            "short_name": "England",
            "level": "country",
            "parent_code": None,
            "dfe_la_code": None,
            "sort_order": 0,
        }
    ]
    regions = [f"E1200000{i + 1}" for i in range(scale.regions)]
    if "E12000006" not in regions:
        regions[-1] = "E12000006"
    for code in regions:
        name = REGIONS[int(code[-1]) - 1]
        rows.append(
            {
                "code": code,
                "name": name,
                "short_name": name,
                "level": "region",
                "parent_code": ENGLAND,
                "dfe_la_code": None,
                "sort_order": 10,
            }
        )
    counties = [HERTS] + [f"E100{n:05d}" for n in range(1, 100) if n != 15][: scale.counties - 1]
    for i, code in enumerate(counties):
        name = "Hertfordshire" if code == HERTS else f"Bench County {i:02d}"
        region = "E12000006" if code == HERTS else regions[i % len(regions)]
        rows.append(
            {
                "code": code,
                "name": name,
                "short_name": name,
                "level": "county",
                "parent_code": region,
                "dfe_la_code": f"{900 + i}",
                "sort_order": 20,
            }
        )
    prefixes = ["E06", "E08", "E09"]
    for i in range(scale.unitaries):
        code = f"{prefixes[i % 3]}{i // 3 + 1:06d}"
        rows.append(
            {
                "code": code,
                "name": f"Bench Unitary {i:03d}",
                "short_name": f"Unitary {i:03d}",
                "level": "unitary",
                "parent_code": regions[i % len(regions)],
                "dfe_la_code": f"{300 + i}",
                "sort_order": 20,
            }
        )
    districts = list(HERTS_DISTRICTS.items())[: scale.districts]
    n = 1
    while len(districts) < scale.districts:
        code = f"E07{n:06d}"
        n += 1
        if code not in HERTS_DISTRICTS:
            districts.append((code, f"Bench District {len(districts):03d}"))
    for i, (code, name) in enumerate(districts):
        parent = HERTS if code in HERTS_DISTRICTS else counties[1 + i % max(1, len(counties) - 1)] if len(counties) > 1 else HERTS
        rows.append(
            {
                "code": code,
                "name": name,
                "short_name": name,
                "level": "district",
                "parent_code": parent,
                "dfe_la_code": None,
                "sort_order": 30,
            }
        )
    return rows


def _periods(scale: Scale) -> list[dict]:
    rows = []
    first = 2024 - scale.periods
    for ptype in PERIOD_TYPES:
        for year in range(first, 2024):
            if ptype == "calendar":
                label, start, end, sort = str(year + 1), f"{year + 1}-01-01", f"{year + 1}-12-31", (year + 1) * 100
            else:
                label = f"{year}/{(year + 1) % 100:02d}" if ptype == "academic" else f"{year}-{(year + 1) % 100:02d}"
                start, end = (
                    (f"{year}-09-01", f"{year + 1}-08-31") if ptype == "academic" else (f"{year}-04-01", f"{year + 1}-03-31")
                )
                sort = year * 100 + (9 if ptype == "academic" else 4)
            rows.append(
                {
                    "period_type": ptype,
                    "label": label,
                    "start_date": pd.Timestamp(start).date(),
                    "end_date": pd.Timestamp(end).date(),
                    "sort_key": sort,
                }
            )
    return rows


def _indicators(scale: Scale, source_id: int) -> list[dict]:
    rows = []
    for i in range(scale.indicators):
        value_type, unit, ci_method, decimals = VALUE_KINDS[i % len(VALUE_KINDS)]
        rows.append(
            {
                "id": f"bench-ind-{i + 1:04d}",
                "name": f"Bench indicator {i + 1:04d} ({value_type.replace('_', ' ')})",
                "short_name": f"Bench {i + 1:04d}",
                "definition": "Generated for the bench (speed work); not a published statistic.",
                "unit": unit,
                "value_type": value_type,
                "polarity": POLARITIES[i % len(POLARITIES)],
                "ci_method": ci_method,
                "period_type": PERIOD_TYPES[i % len(PERIOD_TYPES)],
                "decimals": decimals,
                "topic": f"Topic {i % 12}",
                "publisher": "Outcome Bees bench generator",
                "source_id": source_id,
                "fingertips_id": None,
                "dfe_code": None,
                "gap_phase": None,
            }
        )
    return rows


# ------------------------------------------------------------------ observations


def _indicator_frame(i: int, indicator: dict, areas: list[str], period_ids: list[int], source_id: int) -> pd.DataFrame:
    """Every observation of one indicator, ordered breakdown → area → period (index-friendly)."""
    rng = np.random.default_rng(1000 + i)
    dimension, values = BREAKDOWNS[i % len(BREAKDOWNS)]
    groups = [(TOTAL, TOTAL)] + [(dimension, v) for v in values]
    n_a, n_p, n_g = len(areas), len(period_ids), len(groups)
    n = n_a * n_p * n_g
    value_type = indicator["value_type"]
    g_idx = np.repeat(np.arange(n_g), n_a * n_p)
    a_idx = np.tile(np.repeat(np.arange(n_a), n_p), n_g)
    p_idx = np.tile(np.arange(n_p), n_a * n_g)
    area_effect = rng.normal(0, 1, n_a)[a_idx]
    group_effect = rng.normal(0, 0.6, n_g)[g_idx]
    trend = (p_idx - n_p / 2) * rng.normal(0, 0.05)
    noise = rng.normal(0, 0.3, n)
    z = area_effect * 0.5 + group_effect + trend + noise
    denominator: np.ndarray | None
    denominator = np.round(rng.lognormal(7.5, 0.8, n_a)[a_idx] * (1.0 if n_g == 1 else 1.0 / max(1, n_g - 1)))
    denominator = np.maximum(denominator, 20)
    value: np.ndarray
    lower: np.ndarray | None
    upper: np.ndarray | None
    count: np.ndarray | None
    lower = upper = count = None
    if value_type == "percentage":
        p = 1 / (1 + np.exp(-(z + rng.normal(0, 1))))
        count = np.round(p * denominator)
        value = 100 * count / denominator
        zc = 1.959964
        phat = count / denominator
        centre = (phat + zc * zc / (2 * denominator)) / (1 + zc * zc / denominator)
        half = zc * np.sqrt(phat * (1 - phat) / denominator + zc * zc / (4 * denominator**2)) / (1 + zc * zc / denominator)
        lower, upper = 100 * (centre - half), 100 * (centre + half)
    elif value_type.startswith("rate_per_"):
        per = {"rate_per_1000": 1000, "rate_per_10000": 10000}[value_type]
        rate = np.exp(np.log(20 if per == 1000 else 60) + 0.4 * z)
        count = np.round(rate * denominator / per)
        value = per * count / denominator
        lo_c = np.where(
            count > 0, count * (1 - 1 / (9 * np.maximum(count, 1)) - 1.959964 / (3 * np.sqrt(np.maximum(count, 1)))) ** 3, 0
        )
        up_c = (count + 1) * (1 - 1 / (9 * (count + 1)) + 1.959964 / (3 * np.sqrt(count + 1))) ** 3
        lower, upper = per * lo_c / denominator, per * up_c / denominator
    elif value_type == "count":
        value = np.round(np.exp(3 + 0.8 * z))
        denominator = None
    else:  # score with a published CI
        value = 50 + 6 * z
        half = np.abs(rng.normal(1.5, 0.3, n))
        lower, upper = value - half, value + half
        count, denominator = None, None
    draw = rng.random(n)
    status = np.where(draw < 0.03, "c", np.where(draw < 0.04, "x", np.array(None)))  # None as a 0-d object array
    missing = draw < 0.04
    value = np.where(missing, np.nan, np.round(value, 4))

    def masked(arr: np.ndarray | None) -> np.ndarray | None:
        return None if arr is None else np.where(missing, np.nan, np.round(np.asarray(arr, dtype=float), 4))

    frame = pd.DataFrame(
        {
            "indicator_id": indicator["id"],
            "area_code": np.asarray(areas, dtype=object)[a_idx],
            "period_id": np.asarray(period_ids)[p_idx],
            "breakdown_dimension": np.asarray([g[0] for g in groups], dtype=object)[g_idx],
            "breakdown_value": np.asarray([g[1] for g in groups], dtype=object)[g_idx],
            "kind": "actual",
            "value": value,
            "value_text": None,
            "lower_ci95": masked(lower),
            "upper_ci95": masked(upper),
            "count": masked(count),
            "denominator": None if denominator is None else np.asarray(denominator, dtype=float),
            "status": status,
            "source_id": source_id,
            "illustrative": True,
        },
        columns=OBS_COLUMNS,
    )
    return frame


_DROPPABLE = ("ix_observation_lookup", "ix_observation_area")


def _table(model: type[Base]) -> Table:
    """The Core table of a mapped class (declarative types ``__table__`` only as a FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _observation_indexes() -> list[Index]:
    return [ix for ix in _table(Observation).indexes if ix.name != "uq_observation_key"]


def _drop_indexes(db: Database) -> list[Index]:
    indexes = _observation_indexes()
    with db.engine.begin() as connection:
        for ix in indexes:
            ix.drop(connection, checkfirst=True)
        if db.backend == "postgresql":
            connection.execute(text("ALTER TABLE observation DROP CONSTRAINT IF EXISTS uq_observation_key"))
    return indexes


def _create_indexes(db: Database, indexes: list[Index]) -> None:
    with db.engine.begin() as connection:
        if db.backend == "postgresql":
            connection.execute(text("SET maintenance_work_mem = '1GB'"))
            connection.execute(
                text(
                    "ALTER TABLE observation ADD CONSTRAINT uq_observation_key UNIQUE "
                    "(indicator_id, area_code, period_id, breakdown_dimension, breakdown_value, kind)"
                )
            )
        for ix in indexes:
            ix.create(connection, checkfirst=True)


def _load_sqlite(db: Database, frames: Iterable[pd.DataFrame]) -> int:
    raw = db.engine.raw_connection()
    total = 0
    try:
        # SQLAlchemy types the pool's cursor as the generic PEP 249 one; on SQLite it is sqlite3's,
        # whose executemany takes any iterable (the rows stream without a list in memory).
        cursor = cast(sqlite3.Cursor, raw.cursor())
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-1000000")
        sql = str(insert(_table(Observation)).compile(dialect=db.engine.dialect, column_keys=OBS_COLUMNS))
        for frame in frames:
            frame = frame.astype(object).where(frame.notna(), None)
            frame["illustrative"] = 1
            cursor.executemany(sql, frame.itertuples(index=False, name=None))
            raw.commit()
            total += len(frame)
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        raw.close()
    return total


def _load_postgresql(db: Database, frames: Iterable[pd.DataFrame]) -> int:
    raw = db.engine.raw_connection()
    total = 0
    try:
        connection = raw.driver_connection
        assert connection is not None, "a live pool connection has its driver connection"
        with connection.cursor() as cursor:
            # Generated rows are consistent by construction; skip per-row FK triggers during COPY.
            cursor.execute("SET session_replication_role = replica")
            columns = ", ".join(OBS_COLUMNS)
            for frame in frames:
                buffer = io.StringIO()
                frame.to_csv(buffer, index=False, header=False, na_rep="\\N", float_format="%.6g")
                with cursor.copy(f"COPY observation ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')") as copy:
                    copy.write(buffer.getvalue())
                connection.commit()
                total += len(frame)
            cursor.execute("SET session_replication_role = DEFAULT")
        connection.commit()
    finally:
        raw.close()
    return total


def generated_scale(db: Database) -> dict | None:
    """The metadata of a finished generation in this database, or None."""
    try:
        with db.read() as session:
            note = session.scalar(select(Source.note).where(Source.key == SOURCE_KEY))
    except Exception:  # noqa: BLE001 - no schema yet
        return None
    if not note:
        return None
    try:
        meta = json.loads(note)
    except ValueError:
        return None
    return meta if meta.get("complete") else None


def generate(database_url: str, scale_name: str = "small", *, quiet: bool = False) -> dict:
    scale = SCALES[scale_name]
    started = time.perf_counter()
    db = Database(database_url)
    migrate(db)
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr, flush=True))
    with db.engine.begin() as connection:  # start from empty observation-side tables
        for table in ("observation_revision", "observation"):
            connection.execute(text(f"DELETE FROM {table}"))  # fixed table names, no user input
        connection.execute(delete(_table(Indicator)).where(Indicator.id.like("bench-ind-%")))
        connection.execute(delete(_table(Source)).where(Source.key == SOURCE_KEY))
    with db.engine.begin() as connection:
        source_id = connection.execute(
            insert(_table(Source)).returning(Source.id),
            [
                {
                    "key": SOURCE_KEY,
                    "publisher": "Outcome Bees",
                    "title": "Bench generator (illustrative values)",
                    "note": json.dumps({"scale": scale_name, "version": GENERATOR_VERSION, "complete": False}),
                }
            ],
        ).scalar_one()
        existing_areas = set(connection.scalars(select(Area.code)))
        area_rows = _areas(scale)
        new_areas = [r for r in area_rows if r["code"] not in existing_areas]
        # parents first: England, regions, counties/unitaries, districts (already in that order)
        if new_areas:
            connection.execute(insert(_table(Area)), new_areas)
        existing_periods = {(p.period_type, p.label) for p in connection.execute(select(Period.period_type, Period.label))}
        new_periods = [p for p in _periods(scale) if (p["period_type"], p["label"]) not in existing_periods]
        if new_periods:
            connection.execute(insert(_table(Period)), new_periods)
        indicator_rows = _indicators(scale, source_id)
        connection.execute(insert(_table(Indicator)), indicator_rows)
        period_lookup = {
            (p.period_type, p.label): p.id for p in connection.execute(select(Period.id, Period.period_type, Period.label))
        }
    area_codes = [r["code"] for r in area_rows]
    periods_by_type = {
        ptype: [period_lookup[(p["period_type"], p["label"])] for p in _periods(scale) if p["period_type"] == ptype]
        for ptype in PERIOD_TYPES
    }
    expected = expected_observations(scale)
    say(
        f"[generate] {scale_name}: {len(area_codes)} areas, {len(indicator_rows)} indicators, {scale.periods} periods → {expected:,} observations into {db!r}"
    )

    indexes = _drop_indexes(db)

    def frames() -> Iterator[pd.DataFrame]:
        batch: list[pd.DataFrame] = []
        rows = 0
        done = 0
        for i, ind in enumerate(indicator_rows):
            frame = _indicator_frame(i, ind, area_codes, periods_by_type[ind["period_type"]], source_id)
            batch.append(frame)
            rows += len(frame)
            if rows >= 250_000:
                yield pd.concat(batch, ignore_index=True)
                done += rows
                batch, rows = [], 0
                say(f"[generate]   {done:,} rows ({time.perf_counter() - started:.0f} s)")
        if batch:
            yield pd.concat(batch, ignore_index=True)

    loader = _load_postgresql if db.backend == "postgresql" else _load_sqlite
    loaded = loader(db, frames())
    load_seconds = time.perf_counter() - started
    say(f"[generate] loaded {loaded:,} rows in {load_seconds:.0f} s; building indexes")
    _create_indexes(db, indexes)
    if db.backend == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    else:
        with db.engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    seconds = time.perf_counter() - started
    meta = {
        "scale": scale_name,
        "version": GENERATOR_VERSION,
        "complete": True,
        "observations": loaded,
        "areas": len(area_codes),
        "indicators": len(indicator_rows),
        "periods": scale.periods,
        "load_seconds": round(load_seconds, 1),
        "seconds": round(seconds, 1),
        "rows_per_second": round(loaded / max(load_seconds, 1e-9)),
    }
    with db.engine.begin() as connection:
        connection.execute(_table(Source).update().where(Source.key == SOURCE_KEY).values(note=json.dumps(meta)))
    say(f"[generate] done in {seconds:.0f} s ({meta['rows_per_second']:,} rows/s load)")
    return meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    meta = generate(args.database_url, args.scale, quiet=args.quiet)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
