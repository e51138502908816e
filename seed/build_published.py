"""Build the published data: ``python -m seed.build_published --from <realdata folder>``.

Reads the official files (the ``national/`` folder under ``--from``; the project's own copy sits
beside the repository as ``realdata``, which the app never reads), checks every row and
writes ``seed/published/``: areas, aliases, sources, indicators, indicator codes, one
observation file per source, ``SOURCES.md`` and ``MANIFEST.csv``. Running it twice on the
same files gives identical bytes; the suite checks that against the committed files.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

import pandas as pd

from analytics.frames import frame_rows
from analytics.periods import PeriodError, parse_period
from data_access.models import Base
from seed.publishing import geo_lookup, io, neighbours
from seed.publishing.areas import AreaBook, build_areas
from seed.publishing.model import INDICATOR_COLUMNS, NUMERIC_COLUMNS, OBS_COLUMNS, OBS_KEY, SourceMeta, SourcePart, is_number
from seed.publishing.precedence import one_publisher_for_districts
from seed.publishing.shared_indicators import COMMON, topic_name
from seed.publishing.sources import registry
from seed.publishing.sources_md import sources_markdown

SEED_DIR = Path(__file__).resolve().parent
OUT_DIR = SEED_DIR / "published"
PLAN_INDICATORS = SEED_DIR / "data" / "indicators.csv"
SOURCE_COLUMNS = ("key", "publisher", "title", "url", "file", "published_on", "extracted_on", "licence", "note")
AREA_COLUMNS = ("code", "name", "short_name", "level", "parent_code", "dfe_la_code", "sort_order")
ALIAS_COLUMNS = ("alias", "area_code", "scheme", "valid_until", "note")
CODE_COLUMNS = ("scheme", "code", "indicator_id", "note")
STATUS_SYMBOLS = {"c", "x", "z", "low", "k", "u", "~", ":", "provisional", "revised", "unvalidated"}


class PublishedDataError(ValueError):
    """Rows a source module produced that break the published data's rules, all listed."""


def national_dir(raw: Path) -> Path:
    return raw / "national" if (raw / "national").is_dir() else raw


def _check(part: SourcePart, areas: AreaBook, indicator_ids: set[str]) -> list[str]:
    """Every rule a published row must meet; problems are returned, not raised, so all are seen."""
    problems: list[str] = []
    obs = part.observations
    key = part.meta.key
    if list(obs.columns) != list(OBS_COLUMNS):
        return [f"{key}: columns {list(obs.columns)} are not {list(OBS_COLUMNS)}"]
    unknown = sorted(set(obs["indicator_id"]) - indicator_ids)
    if unknown:
        problems.append(f"{key}: unknown indicator ids {unknown[:10]}")
    bad_areas = sorted(set(obs["area_code"]) - set(areas.areas["code"]))
    if bad_areas:
        problems.append(f"{key}: area codes not current {bad_areas[:10]}")
    for column in NUMERIC_COLUMNS:
        filled = obs[column][obs[column] != ""]
        bad = filled[~filled.map(is_number)]
        if not bad.empty:
            problems.append(f"{key}: {column} not a number in {len(bad)} rows, e.g. {bad.iloc[0]!r}")
    no_value = obs[(obs["value"] == "") & (obs["status"] == "")]
    if not no_value.empty:
        problems.append(f"{key}: {len(no_value)} rows have neither a value nor a status symbol")
    bad_status = sorted(set(obs["status"]) - STATUS_SYMBOLS - {""})
    if bad_status:
        problems.append(f"{key}: unknown status symbols {bad_status}")
    for ptype, label in obs[["period_type", "period_label"]].drop_duplicates().itertuples(index=False):
        try:
            parse_period(label, ptype)
        except PeriodError as error:
            problems.append(f"{key}: period {ptype}/{label}: {error}")
    duplicated = obs[obs.duplicated(list(OBS_KEY), keep=False)]
    if not duplicated.empty:
        problems.append(f"{key}: {len(duplicated)} rows share a key, e.g. {duplicated.iloc[0][list(OBS_KEY)].tolist()}")
    return problems


#: published file -> the table its columns land in, so text longer than the column is caught here, not by PostgreSQL.
_TABLES = {
    "areas": "area",
    "aliases": "area_alias",
    "sources": "source",
    "indicators": "indicator",
    "indicator_codes": "indicator_code",
    "observations": "observation",
}


def _metas(parts: list[SourcePart], neighbour_parts: list[neighbours.NeighbourPart]) -> list[SourceMeta]:
    """Every source the published data cites: the value sources, then the neighbour sets."""
    return [p.meta for p in parts] + [p.meta for p in neighbour_parts]


def too_long(label: str, frame: pd.DataFrame) -> list[str]:
    """Cells longer than the database column they are loaded into (SQLite would not complain)."""
    table = Base.metadata.tables[_TABLES[label]]
    problems = []
    for column in frame.columns:
        if column not in table.c:
            continue
        limit = getattr(table.c[column].type, "length", None)
        if limit:
            lengths = frame[column].fillna("").astype(str).str.len()
            if (lengths > limit).any():
                worst = frame[column].iloc[int(lengths.to_numpy().argmax())]
                problems.append(f"{label}.{column}: {int((lengths > limit).sum())} values longer than {limit}, e.g. {worst!r}")
    return problems


def build(raw: Path) -> dict[str, bytes]:
    """Every published file's name and bytes, built from the raw folder (nothing written)."""
    national = national_dir(raw)
    areas = build_areas(national)
    parts: list[SourcePart] = []
    for _name, builder in registry():
        parts.extend(builder(national, areas))
    neighbour_parts = neighbours.build(national, areas)
    plan_ids = set(pd.read_csv(PLAN_INDICATORS, dtype=str)["id"])
    defined = _defined_indicators(parts)
    problems = _problems(parts, neighbour_parts, areas, defined, plan_ids)
    if problems:
        raise PublishedDataError("\n".join(problems))
    # a district and its county from one publisher, before first-source-wins
    one_publisher_for_districts(parts, dict(zip(areas.areas["code"], areas.areas["level"], strict=True)))
    _drop_repeated_keys(parts)
    files = _published_files(raw, parts, neighbour_parts, areas, defined)
    files["MANIFEST.csv"] = _manifest(files)
    return files


def _defined_indicators(parts: list[SourcePart]) -> pd.DataFrame:
    """The common indicators and every source's, each with its source key and topic name filled in."""
    indicators = [*COMMON, *(row for part in parts for row in part.indicators)]
    for part in parts:
        for row in part.indicators:
            row["source_key"] = row.get("source_key") or part.meta.key
    for row in indicators:
        row["topic"] = topic_name(row.get("topic") or "")
    return pd.DataFrame.from_records(indicators, columns=list(INDICATOR_COLUMNS)).fillna("")


def _problems(
    parts: list[SourcePart],
    neighbour_parts: list[neighbours.NeighbourPart],
    areas: AreaBook,
    defined: pd.DataFrame,
    plan_ids: set[str],
) -> list[str]:
    """Everything that stops the published data being written (ids clashing or repeated, unknown keys, cells too long)."""
    clash = sorted(set(defined["id"]) & plan_ids)
    twice = sorted(defined.loc[defined["id"].duplicated(), "id"])
    problems = [f"indicators redefine plan ids {clash}"] if clash else []
    if twice:
        problems.append(f"indicators defined twice {twice}")
    known = plan_ids | set(defined["id"])
    for part in parts:
        problems.extend(_check(part, areas, known))
    problems += too_long("indicators", defined)
    problems += too_long("areas", areas.areas) + too_long("aliases", areas.aliases)
    problems += too_long("indicator_codes", pd.DataFrame.from_records([c for p in parts for c in p.indicator_codes]))
    problems += too_long("sources", pd.DataFrame.from_records([vars(meta) for meta in _metas(parts, neighbour_parts)]))
    problems += neighbours.check(neighbour_parts, areas)
    for part in parts:
        problems += [f"{part.meta.key}: {p}" for p in too_long("observations", part.observations)]
    return problems


def _drop_repeated_keys(parts: list[SourcePart]) -> None:
    """Precedence: a key already given by an earlier source is not repeated (it is counted as dropped)."""
    seen: set[tuple[str, ...]] = set()
    for part in parts:
        keys = frame_rows(part.observations, OBS_KEY)
        keep = [k not in seen for k in keys]
        part.drop("given by an earlier source (kept there)", keep.count(False))
        part.observations = part.observations[keep]
        seen.update(keys)


def _published_files(
    raw: Path,
    parts: list[SourcePart],
    neighbour_parts: list[neighbours.NeighbourPart],
    areas: AreaBook,
    defined: pd.DataFrame,
) -> dict[str, bytes]:
    """Every published file but the manifest, by name."""
    files: dict[str, bytes] = {}
    files["areas.csv.gz"] = io.csv_bytes(areas.areas, AREA_COLUMNS)
    files["area_aliases.csv.gz"] = io.csv_bytes(areas.aliases, ALIAS_COLUMNS, sort_by=["alias"])
    sources = pd.DataFrame.from_records(
        [{c: getattr(meta, c) for c in SOURCE_COLUMNS} for meta in _metas(parts, neighbour_parts)]
    )
    files["sources.csv"] = io.csv_bytes(sources, SOURCE_COLUMNS, sort_by=["key"])
    files["indicators.csv.gz"] = io.csv_bytes(defined, INDICATOR_COLUMNS, sort_by=["id"])
    codes = pd.DataFrame.from_records([c for p in parts for c in p.indicator_codes], columns=list(CODE_COLUMNS))
    files["indicator_codes.csv.gz"] = io.csv_bytes(
        codes.drop_duplicates(), CODE_COLUMNS, sort_by=["scheme", "code", "indicator_id"]
    )
    for part in parts:
        files[f"obs-{part.meta.key}.csv.gz"] = io.csv_bytes(part.observations, OBS_COLUMNS, sort_by=list(OBS_KEY))
    groups = pd.concat([p.rows for p in neighbour_parts], ignore_index=True)
    groups = groups.assign(_rank=groups["rank"].astype(int)).sort_values(["model", "area_code", "_rank"], kind="stable")
    files["neighbours.csv.gz"] = io.csv_bytes(groups, neighbours.NEIGHBOUR_COLUMNS)
    files["SOURCES.md"] = sources_markdown(parts, areas, defined, neighbour_parts).encode("utf-8")
    parents = geo_lookup.build(geo_lookup.geo_dir(raw))
    if parents is not None:
        files[geo_lookup.FILE] = io.csv_bytes(parents, geo_lookup.COLUMNS)
        files["SOURCES.md"] += ("\n" + geo_lookup.SOURCE_NOTE).encode("utf-8")
    return files


def _manifest(files: dict[str, bytes]) -> bytes:
    """MANIFEST.csv: each file's size, row count and checksum, by name."""
    manifest = ["file,bytes_uncompressed,rows,sha256"]
    for name in sorted(files):
        payload = files[name]
        rows = payload.count(b"\n") - 1 if name.endswith((".csv", ".csv.gz")) else 0
        manifest.append(f"{name},{len(payload)},{rows},{hashlib.sha256(payload).hexdigest()}")
    return ("\n".join(manifest) + "\n").encode("utf-8")


def write(files: dict[str, bytes], out: Path) -> None:
    """Replace the published data folder's files with these (stale obs files are removed)."""
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob("obs-*.csv.gz"):
        if stale.name not in files:
            stale.unlink()
    for name, payload in files.items():
        path = out / name
        if name.endswith(".gz"):
            io.write_gz(path, payload)
        else:
            path.write_bytes(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed.build_published", description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="raw", type=Path, required=True, help="the realdata folder (with national/)")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="where to write the published data (default seed/published)")
    args = parser.parse_args(argv)
    if not national_dir(args.raw).is_dir():
        print(f"error: {args.raw} is not a folder of raw published files", file=sys.stderr)
        return 2
    try:
        files = build(args.raw)
    except PublishedDataError as error:
        print(f"error: the published data was not written:\n{error}", file=sys.stderr)
        return 1
    write(files, args.out)
    total = sum(len(p) for n, p in files.items() if n.startswith("obs-"))
    print(f"Wrote {len(files)} files to {args.out} ({total / 1e6:.1f} MB of observation CSV before compression).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
