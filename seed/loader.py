"""Load the shipped seed into a database: the plans (``seed/data/*.csv``), the published
data (``seed/published/``) and, only on request, the illustrative series.

Why validate everything before writing: a half-loaded seed is worse than none (charts would
silently miss comparators), so every row of the plans' files is checked first and *all* problems
are raised together as one ``SeedError`` (the published data was checked when it was built). Only then is
everything inserted in one ``db.write()`` transaction: bulk Core inserts for the plans, the
driver's bulk path for the published data's 650,000 values (``data_access.bulk``), about 15 s on SQLite and
23 s on PostgreSQL (BENCHMARKS.md).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from analytics.observation_checks import FIELDS, implausible
from analytics.periods import PeriodError, parse_period
from data_access import seed_writer
from data_access.database import Database
from data_access.models import (
    AREA_LEVELS,
    CI_METHODS,
    OBSERVATION_KINDS,
    PERIOD_TYPES,
    POLARITIES,
    STATUS_SYMBOLS,
    TOTAL,
    VALUE_TYPES,
)
from data_access.plans import format as plan_format
from seed import illustrative
from seed.decks import load_demo_decks
from seed.published_data import PUBLISHED_DIR, observation_frame, read_published
from seed.published_merge import merge_published

DATA_DIR = Path(__file__).resolve().parent / "data"
#: The shipped plans, one plan file each (under DATA_DIR).
PLANS_DIR = "plans"
SEED_SOURCE_KEYS = ("seed-000", illustrative.SOURCE_KEY)


class SeedError(ValueError):
    """Every problem found in the seed files, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the seed:\n" + "\n".join(f"- {p}" for p in problems))


# ----------------------------------------------------------------- reading


def read_csv(name: str, data_dir: Path = DATA_DIR) -> list[dict[str, str | None]]:
    """Rows of one seed CSV with blank cells as ``None``; a missing file is an empty list."""
    path = data_dir / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = []
        for number, row in enumerate(csv.DictReader(handle), start=2):
            if None in row:  # more cells than headers: usually an unquoted comma
                row = {**{k: v for k, v in row.items() if k is not None}, "__extra__": "yes"}
            cleaned: dict[str, str | None] = {k: (v.strip() if v and v.strip() else None) for k, v in row.items()}
            cleaned["__where__"] = f"{name}:{number}"
            rows.append(cleaned)
        return rows


class _Checker:
    """Collects problems and converts cells, so one pass reports everything."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, row: dict, message: str) -> None:
        self.problems.append(f"{row.get('__where__', '?')}: {message}")

    def need(self, row: dict, *columns: str) -> bool:
        missing = [c for c in columns if not row.get(c)]
        if row.get("__extra__"):
            self.fail(row, "more cells than columns (unquoted comma?)")
        if missing:
            self.fail(row, f"missing {', '.join(missing)}")
        return not missing

    def number(self, row: dict, column: str, kind: Callable[[str], Any] = float) -> Any:
        raw = row.get(column)
        if raw is None:
            return None
        try:
            return kind(raw.replace(",", ""))
        except ValueError:
            self.fail(row, f"{column}={raw!r} is not a number")
            return None

    def date(self, row: dict, column: str) -> dt.date | None:
        raw = row.get(column)
        if raw is None:
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            self.fail(row, f"{column}={raw!r} is not an ISO date")
            return None

    def flag(self, row: dict, column: str) -> bool:
        raw = (row.get(column) or "false").lower()
        if raw not in ("true", "false", "1", "0", "yes", "no"):
            self.fail(row, f"{column}={raw!r} is not true/false")
        return raw in ("true", "1", "yes")

    def member(self, row: dict, column: str, allowed: Iterable[str], optional: bool = False) -> str | None:
        value = row.get(column)
        if value is None and optional:
            return None
        if value not in set(allowed):
            self.fail(row, f"{column}={value!r} is not one of the allowed values")
        return value

    def unique(self, rows: list[dict], key: Callable[[dict], Any], label: str) -> None:
        seen: dict[Any, str] = {}
        for row in rows:
            k = key(row)
            if k in seen:
                self.fail(row, f"duplicate {label} {k!r} (first at {seen[k]})")
            else:
                seen[k] = row["__where__"]


# -------------------------------------------------------------- validating


def _plain(row: dict, columns: Iterable[str]) -> dict:
    return {c: row.get(c) for c in columns}


def _observation(ch: _Checker, row: dict, keys: dict[str, set[str]]) -> dict:
    """One published/illustrative observation as insert-ready values (period still as text)."""
    ch.need(row, "indicator_id", "area_code", "period_type", "period_label", "kind", "source_key")
    for column, known in (("indicator_id", "indicator"), ("area_code", "area"), ("source_key", "source")):
        if row.get(column) and row[column] not in keys[known]:
            ch.fail(row, f"unknown {known} {row[column]!r}")
    ch.member(row, "kind", OBSERVATION_KINDS)
    ch.member(row, "status", STATUS_SYMBOLS, optional=True)
    ch.member(row, "period_type", PERIOD_TYPES)
    value = ch.number(row, "value") if not isinstance(row.get("value"), (int, float)) else row["value"]
    if value is None and not row.get("status"):
        ch.fail(row, "value is empty and no status symbol says why")
    out = {
        "indicator_id": row.get("indicator_id"),
        "area_code": row.get("area_code"),
        "period": (row.get("period_type"), row.get("period_label")),
        "breakdown_dimension": row.get("breakdown_dimension") or TOTAL,
        "breakdown_value": row.get("breakdown_value") or TOTAL,
        "kind": row.get("kind"),
        "value": value,
        "value_text": row.get("value_text"),
        "status": row.get("status"),
        "value_note": row.get("note") or row.get("value_note"),
        "qualifier": row.get("qualifier"),
        "source_key": row.get("source_key"),
        "source_line": row.get("source_line"),
        "illustrative": bool(row.get("illustrative", False)),
    }
    for column in ("lower_ci95", "upper_ci95", "lower_ci998", "upper_ci998", "count", "denominator"):
        raw = row.get(column)
        out[column] = raw if raw is None or isinstance(raw, (int, float)) else ch.number(row, column)
    return out


def _check_plausible(ch: _Checker, rows: list[dict], observations: list[dict], value_types: dict[str, str]) -> None:
    """The one observation rule every import passes too (``analytics.observation_checks``: CI
    brackets, percentages within 0-100, no negative counts), reported at each seed row."""
    frame = pd.DataFrame([{name: o.get(name) for name in FIELDS} for o in observations], columns=list(FIELDS))
    for problem in implausible(frame, value_types):
        ch.fail(rows[problem.position], problem.message)


def _obs_key(o: dict) -> tuple:
    return (o["indicator_id"], o["area_code"], o["period"][1], o["breakdown_dimension"], o["breakdown_value"], o["kind"])


def validate(data_dir: Path = DATA_DIR, published_indicators: Iterable[str] = ()) -> dict[str, list[dict]]:
    """Read and check every seed file; return insert-ready rows or raise one ``SeedError``.

    ``published_indicators`` are the published data's indicator ids, which the plans' measures may link to.
    """
    ch = _Checker()
    raw = {
        name: read_csv(f"{name}.csv", data_dir)
        for name in (
            "sources",
            "areas",
            "area_aliases",
            "area_groups",
            "area_group_members",
            "indicators",
            "indicator_codes",
            "published_observations",
            "judgements",
        )
    }
    out: dict[str, list[dict]] = {}
    keys: dict[str, set[str]] = {}
    _check_sources(ch, raw, out, keys)
    _check_areas(ch, raw, out, keys)
    _check_indicators(ch, raw, out, keys)
    periods = _check_observations(ch, raw, out, keys)
    # frameworks and their trees
    _read_plans(ch, data_dir, out, {**keys, "indicator": keys["indicator"] | set(published_indicators)})
    _check_judgements(ch, raw, out, keys)
    if ch.problems:
        raise SeedError(ch.problems)
    out["periods"] = _period_dicts(periods)
    return out


def _check_sources(ch: _Checker, raw: dict[str, list[dict]], out: dict[str, list[dict]], keys: dict[str, set[str]]) -> None:
    """The sources every other row names (``keys['source']`` is set here)."""
    ch.unique(raw["sources"], lambda r: r.get("key"), "source key")
    out["sources"] = []
    for r in raw["sources"]:
        ch.need(r, "key", "publisher", "title")
        row = _plain(r, ("key", "publisher", "title", "url", "file", "licence", "note"))
        row.update(published_on=ch.date(r, "published_on"), extracted_on=ch.date(r, "extracted_on"))
        out["sources"].append(row)
    keys["source"] = {key for r in raw["sources"] if (key := r.get("key"))}


def _check_areas(ch: _Checker, raw: dict[str, list[dict]], out: dict[str, list[dict]], keys: dict[str, set[str]]) -> None:
    """Areas (parents before children), their aliases, and the comparator groups with their members."""
    ch.unique(raw["areas"], lambda r: r.get("code"), "area code")
    keys["area"] = {code for r in raw["areas"] if (code := r.get("code"))}
    out["areas"] = []
    for r in raw["areas"]:
        ch.need(r, "code", "name", "level")
        ch.member(r, "level", AREA_LEVELS)
        if r.get("parent_code") and r["parent_code"] not in keys["area"]:
            ch.fail(r, f"unknown parent area {r['parent_code']!r}")
        row = _plain(r, ("code", "name", "short_name", "level", "parent_code", "dfe_la_code"))
        row["sort_order"] = ch.number(r, "sort_order", int) or 0
        out["areas"].append(row)
    # parents before children so the self-referencing foreign key is satisfied row by row
    order = {r["code"]: r.get("parent_code") for r in out["areas"]}

    def depth(code: str | None, seen: int = 0) -> int:
        return 0 if code is None or seen > 10 else 1 + depth(order.get(code), seen + 1)

    out["areas"].sort(key=lambda r: depth(r["code"]))

    ch.unique(raw["area_aliases"], lambda r: r.get("alias"), "alias")
    out["area_aliases"] = []
    for r in raw["area_aliases"]:
        ch.need(r, "alias", "area_code", "scheme")
        if r.get("area_code") not in keys["area"]:
            ch.fail(r, f"unknown area {r.get('area_code')!r}")
        if r.get("alias") in keys["area"]:
            ch.fail(r, f"alias {r['alias']!r} is itself a current area code")
        row = _plain(r, ("alias", "area_code", "scheme", "note"))
        row["valid_until"] = ch.date(r, "valid_until")
        out["area_aliases"].append(row)

    ch.unique(raw["area_groups"], lambda r: r.get("id"), "area group")
    out["area_groups"] = []
    for r in raw["area_groups"]:
        ch.need(r, "id", "name", "kind")
        if r.get("anchor_area_code") and r["anchor_area_code"] not in keys["area"]:
            ch.fail(r, f"unknown anchor area {r['anchor_area_code']!r}")
        if r.get("source_key") and r["source_key"] not in keys["source"]:
            ch.fail(r, f"unknown source {r['source_key']!r}")
        out["area_groups"].append(_plain(r, ("id", "name", "kind", "anchor_area_code", "source_key", "note")))
    groups = {r["id"] for r in out["area_groups"]}
    ch.unique(raw["area_group_members"], lambda r: (r.get("group_id"), r.get("member_code")), "group member")
    out["area_group_members"] = []
    for r in raw["area_group_members"]:
        ch.need(r, "group_id", "member_code", "member_name")
        if r.get("group_id") not in groups:
            ch.fail(r, f"unknown area group {r.get('group_id')!r}")
        row = _plain(r, ("group_id", "member_code", "member_name"))
        row["rank"] = ch.number(r, "rank", int)
        out["area_group_members"].append(row)


def _check_indicators(ch: _Checker, raw: dict[str, list[dict]], out: dict[str, list[dict]], keys: dict[str, set[str]]) -> None:
    """Indicators and their codes in other schemes (``keys['indicator']`` is set here)."""
    ch.unique(raw["indicators"], lambda r: r.get("id"), "indicator id")
    ch.unique([r for r in raw["indicators"] if r.get("fingertips_id")], lambda r: r["fingertips_id"], "fingertips id")
    keys["indicator"] = {ident for r in raw["indicators"] if (ident := r.get("id"))}
    out["indicators"] = []
    for r in raw["indicators"]:
        ch.need(r, "id", "name", "unit", "value_type", "polarity", "period_type")
        ch.member(r, "value_type", VALUE_TYPES)
        ch.member(r, "polarity", POLARITIES)
        ch.member(r, "ci_method", CI_METHODS, optional=True)
        ch.member(r, "period_type", PERIOD_TYPES)
        if r.get("source_key") and r["source_key"] not in keys["source"]:
            ch.fail(r, f"unknown source {r['source_key']!r}")
        row = _plain(
            r,
            (
                "id",
                "name",
                "short_name",
                "definition",
                "unit",
                "value_type",
                "polarity",
                "period_type",
                "topic",
                "publisher",
                "dfe_code",
                "gap_phase",
                "source_key",
            ),
        )
        row.update(
            ci_method=r.get("ci_method") or "none",
            decimals=ch.number(r, "decimals", int) or 1,
            fingertips_id=ch.number(r, "fingertips_id", int),
        )
        out["indicators"].append(row)
    ch.unique(raw["indicator_codes"], lambda r: (r.get("scheme"), r.get("code"), r.get("indicator_id")), "code")
    out["indicator_codes"] = []
    for r in raw["indicator_codes"]:
        ch.need(r, "scheme", "code", "indicator_id")
        if r.get("indicator_id") not in keys["indicator"]:
            ch.fail(r, f"unknown indicator {r.get('indicator_id')!r}")
        out["indicator_codes"].append(_plain(r, ("scheme", "code", "indicator_id", "note")))


def _check_observations(
    ch: _Checker, raw: dict[str, list[dict]], out: dict[str, list[dict]], keys: dict[str, set[str]]
) -> dict[tuple[str, str], Any]:
    """The plans' own published figures (the published data is added at load time); returns their periods."""
    published = [_observation(ch, r, keys) for r in raw["published_observations"]]
    for r, o in zip(raw["published_observations"], published):
        if r.get("illustrative") or o["source_key"] == illustrative.SOURCE_KEY:
            ch.fail(r, "published rows must not use the illustrative generator")
    ch.unique(
        [{**o, "__where__": r["__where__"]} for r, o in zip(raw["published_observations"], published)],
        _obs_key,
        "observation key",
    )
    _check_plausible(ch, raw["published_observations"], published, {r["id"]: r["value_type"] for r in out["indicators"]})
    out["observations"] = published
    periods: dict[tuple[str, str], Any] = {}
    for o, where in [(o, str(r["__where__"])) for r, o in zip(raw["published_observations"], published)]:
        _add_period(ch, periods, o["period"], where)
    return periods


def _check_judgements(ch: _Checker, raw: dict[str, list[dict]], out: dict[str, list[dict]], keys: dict[str, set[str]]) -> None:
    """Inspection judgements (Ofsted and the like)."""
    out["judgements"] = []
    for r in raw["judgements"]:
        ch.need(r, "area_code", "body", "framework", "aspect", "label", "source_key")
        if r.get("area_code") and r["area_code"] not in keys["area"]:
            ch.fail(r, f"unknown area {r['area_code']!r}")
        if r.get("source_key") and r["source_key"] not in keys["source"]:
            ch.fail(r, f"unknown source {r['source_key']!r}")
        ch.member(r, "scale_direction", ("higher_better", "lower_better"), optional=True)
        row = _plain(
            r,
            (
                "area_code",
                "body",
                "framework",
                "aspect",
                "scale",
                "scale_direction",
                "label",
                "period_label",
                "source_key",
                "source_line",
                "note",
            ),
        )
        row.update(grade=ch.number(r, "grade", int), judged_on=ch.date(r, "judged_on"))
        out["judgements"].append(row)


def _add_period(ch: _Checker, periods: dict[tuple[str, str], Any], period: tuple[str, str], where: str) -> None:
    if period in periods or None in period:
        return
    try:
        period_type, label = period
        parsed = parse_period(label, period_type)
        if parsed.period_type != period_type:  # the plans' type must be what the label says, not a guess
            raise PeriodError(f"the label reads as a {parsed.period_type} period, not {period_type}")
        periods[period] = parsed
    except PeriodError as error:
        ch.problems.append(f"{where}: period {period!r}: {error}")
        periods[period] = None


def _period_dicts(periods: dict[tuple[str, str], Any]) -> list[dict]:
    return [
        {"period_type": p.period_type, "label": p.label, "start_date": p.start, "end_date": p.end, "sort_key": p.sort_key}
        for p in periods.values()
        if p is not None
    ]


def illustrative_observations(rows: dict[str, list[dict]], published: set[tuple[str, str, str]]) -> list[dict]:
    """The invented demonstration series, minus every (indicator, area, period) that has a published value.

    Raises ``SeedError`` if the generator breaks a rule (it never should: it is tested).
    """
    ch = _Checker()
    keys = {
        "indicator": {r["id"] for r in rows["indicators"]},
        "area": {r["code"] for r in rows["areas"]},
        "source": {r["key"] for r in rows["sources"]},
    }
    generated_rows = [
        {**row, "__where__": "illustrative.py"} for row in illustrative.generate(skip={_obs_key(o) for o in rows["observations"]})
    ]
    generated = [_observation(ch, row, keys) for row in generated_rows]
    _check_plausible(ch, generated_rows, generated, {r["id"]: r["value_type"] for r in rows["indicators"]})
    generated = [o for o in generated if (o["indicator_id"], o["area_code"], o["period"][1]) not in published]
    periods: dict[tuple[str, str], Any] = {}
    for o in generated:
        _add_period(ch, periods, o["period"], "illustrative.py")
    if ch.problems:
        raise SeedError(ch.problems)
    known = {(p["period_type"], p["label"]) for p in rows["periods"]}
    rows["periods"].extend(p for p in _period_dicts(periods) if (p["period_type"], p["label"]) not in known)
    return generated


def _read_plans(ch: _Checker, data_dir: Path, out: dict, keys: dict[str, set[str]]) -> None:
    """The shipped plans, one plan file each (``seed/data/plans/*.csv``, the format councils use:
    data_access/plans/format.py), checked like any import; every problem is collected."""
    known = plan_format.Known(
        areas=frozenset(keys["area"]),
        indicators=frozenset(keys["indicator"]),
        sources=frozenset(keys["source"]),
        comparators=frozenset(r["id"] for r in out["area_groups"]),
    )
    for table in ("frameworks", "outcomes", "priorities", "measures"):
        out[table] = []
    for path in sorted((data_dir / PLANS_DIR).glob("*.csv")):
        try:
            plan = plan_format.parse(path.read_text(encoding="utf-8"), known)
        except plan_format.PlanFileError as error:
            ch.problems += [f"{PLANS_DIR}/{path.name}: {problem}" for problem in error.problems]
            continue
        out["frameworks"].append(plan.framework)
        out["outcomes"] += plan.outcomes
        out["priorities"] += plan.priorities
        out["measures"] += plan.measures
    ch.unique([{**f, "__where__": f"{PLANS_DIR}/{f['id']}.csv"} for f in out["frameworks"]], lambda r: r["id"], "framework id")
    for table, label in (("outcomes", "outcome id"), ("priorities", "priority id"), ("measures", "measure id")):
        ch.unique([{**r, "__where__": f"{PLANS_DIR}/{r['framework_id']}.csv"} for r in out[table]], lambda r: r["id"], label)
    owners = [f["owner_area_code"] for f in out["frameworks"] if f["is_default"]]
    for owner in sorted({o for o in owners if owners.count(o) > 1}):
        ch.problems.append(f"{PLANS_DIR}: more than one default plan for {owner}")
    out["frameworks"].sort(key=lambda f: (f["sort_order"], f["id"]))


# ----------------------------------------------------------------- writing


def seed_is_loaded(db: Database) -> bool:
    """True when the seed's own sources are present (so loading again would duplicate it)."""
    return seed_writer.sources_present(db, SEED_SOURCE_KEYS)


def load_seed(
    db: Database,
    replace: bool = False,
    data_dir: Path = DATA_DIR,
    *,
    illustrative_values: bool = False,
    published_dir: Path = PUBLISHED_DIR,
) -> dict[str, int]:
    """Validate the plans and read the published data, then insert both in one transaction.

    Returns rows inserted per table. The plans' own figures win over a published value for the same
    indicator, area, period and breakdown (they keep their document and line). Illustrative
    values are added only when ``illustrative_values`` is true, and never where any published
    value exists for that indicator, area and period.

    ``replace=True`` empties every table first (inside the same transaction), so a failed
    reload leaves the previous data untouched. Without it, loading into a database that
    already holds the seed raises ``SeedError``.
    """
    if not replace and seed_is_loaded(db):
        raise SeedError(["the seed is already loaded; call load_seed(db, replace=True) to reload it"])
    published = read_published(published_dir)
    rows = validate(data_dir, published.indicators["id"] if not published.indicators.empty else ())
    merged = merge_published(rows, published)
    if illustrative_values:
        rows["observations"] = rows["observations"] + illustrative_observations(rows, merged.published_keys)
    counts = seed_writer.write_seed(
        db,
        rows,
        lambda period_ids, source_ids: observation_frame(merged.observations, period_ids, source_ids),
        replace=replace,
    )
    counts["published_kept_from_plans"] = merged.kept_from_plans

    counts["deck"] = len(load_demo_decks(db))  # decks refer to views, so they go in once the data is there
    return counts
