"""The seed loader: validation, all-or-nothing loading, speed, and the read API on top of it."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from analytics.periods import PeriodError, parse_period
from data_access import reads, seed_writer
from data_access.models import Base
from seed.loader import DATA_DIR, SeedError, load_seed, seed_is_loaded, validate
from seed.published_data import read_published
from tests.published_sample import small_published

SEED_DIR = Path(__file__).resolve().parents[2] / "seed"


def _counts(db) -> dict[str, int]:
    with db.read() as session:
        return {t.name: session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def test_seed_modules_never_read_shared() -> None:
    for path in SEED_DIR.glob("*.py"):
        code = path.read_text(encoding="utf-8")
        for forbidden in ('"shared"', "'shared'", "/shared/", "SHARED", "tests.conftest"):
            assert forbidden not in code, (path, forbidden)


def test_period_parser_interleaves_types() -> None:
    keys = [
        parse_period(label, t).sort_key for t, label in (("financial", "2016-17"), ("academic", "2016/17"), ("calendar", "2017"))
    ]
    assert keys == sorted(keys) == [20170331, 20170831, 20171231]
    assert parse_period("31 March 2017", "snapshot").start == parse_period("31 March 2017", "snapshot").end
    assert parse_period("c.2010", "not_stated").start is None
    with pytest.raises(PeriodError):
        parse_period("2016/15", "academic")


def test_load_counts_tables(empty_db) -> None:
    counts = load_seed(empty_db, published_dir=small_published())
    tables = _counts(empty_db)
    assert {k: v for k, v in counts.items() if k in tables} == {k: v for k, v in tables.items() if k in counts}
    # every English area (328 incl. the plans' comparator group), the plans' 227 figures plus the published data's values
    # Hertfordshire's three plans, Herefordshire's, and the headline indicators any council gets
    assert counts["area"] == 328 and counts["framework"] == 5
    assert counts["observation"] == 227 + counts["observation_published"]
    assert seed_is_loaded(empty_db)
    with pytest.raises(SeedError, match="already loaded"):
        load_seed(empty_db, published_dir=small_published())
    assert load_seed(empty_db, replace=True, published_dir=small_published()) == counts


def _corrupt_copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "published_observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    good = dict(zip(header, lines[1].split(",")))
    bad_rows = [
        {**good, "area_code": "E99999999"},
        {**good, "indicator_id": "no-such-indicator"},
        {**good, "value": "lots", "period_label": "1999"},
        {**good, "period_type": "academic", "period_label": "2016/18"},
    ]
    lines += [",".join(row[h] for h in header) for row in bad_rows]
    lines.append(lines[1])  # duplicate key
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


def test_bad_rows_raise_one_error_listing_every_problem(empty_db, tmp_path: Path) -> None:
    before = _counts(empty_db)
    with pytest.raises(SeedError) as caught:
        load_seed(empty_db, data_dir=_corrupt_copy(tmp_path), published_dir=small_published())
    message = str(caught.value)
    for expected in ("E99999999", "no-such-indicator", "'lots' is not a number", "2016/18", "duplicate observation key"):
        assert expected in message
    assert len(caught.value.problems) >= 5
    assert _counts(empty_db) == before


def test_failure_while_inserting_rolls_everything_back(empty_db, monkeypatch) -> None:
    real = seed_writer.with_source

    def failing(rows, source_ids):
        if rows and "body" in rows[0]:  # judgements are inserted last
            raise RuntimeError("simulated failure on the last table")
        return real(rows, source_ids)

    monkeypatch.setattr(seed_writer, "with_source", failing)
    with pytest.raises(RuntimeError):
        load_seed(empty_db, published_dir=small_published())
    assert set(_counts(empty_db).values()) == {0}


def test_u18_conceptions_2008_with_source_lines(seeded_db) -> None:
    frame = reads.series("u18-conceptions", ["E10000015", "E12000006", "E92000001"], db=seeded_db)
    y2008 = frame[frame["period_label"] == "2008"].set_index("area_code")
    assert y2008.loc["E10000015", "value"] == 25.6
    assert y2008.loc["E12000006", "value"] == 31.3
    assert y2008.loc["E92000001", "value"] == 39.5
    assert set(y2008["source_line"]) == {"2145", "2148"}
    assert not y2008["illustrative"].any()
    assert frame["period_sort"].is_monotonic_increasing


def test_frameworks_and_core_measure_links(seeded_db) -> None:
    frameworks = reads.frameworks(db=seeded_db).set_index("id")
    assert frameworks.loc["our-way-forward-2024-25", "is_default"]
    tree = reads.framework_tree("our-way-forward-2024-25", db=seeded_db)
    assert set(tree["outcome_code"]) == {
        "be-happy",
        "be-safe",
        "be-healthy",
        "be-ambitious",
        "be-independent",
        "be-resilient",
        "be-included",
    }
    cp = tree[tree["indicator_id"] == "cp-plan-rate"].iloc[0]
    assert (cp["target_kind"], cp["target_comparator"], cp["target_relation"]) == ("comparator_relative", "E92000001", "below")
    linked = set(tree["indicator_id"].dropna())
    assert {"eyfs-gld", "ks2-rwm-expected", "ks4-attainment8", "post16-level3-age19"} <= linked
    plan18 = reads.framework_tree("plan-2018-21", db=seeded_db)
    assert set(plan18["outcome_code"]) == {"be-happy", "be-safe", "be-healthy", "be-ambitious", "be-independent", "be-resilient"}
    assert plan18.loc[plan18["outcome_code"] == "be-happy", "measure_id"].isna().all()


def test_jar_grades_use_the_reversed_scale(seeded_db) -> None:
    judgements = reads.judgements("E10000015", db=seeded_db)
    safeguarding = judgements[(judgements["aspect"] == "safeguarding") & judgements["grade"].notna()].iloc[0]
    assert (safeguarding["grade"], safeguarding["label"], safeguarding["scale_direction"]) == (1, "inadequate", "higher_better")
    assert "4 = outstanding" in safeguarding["scale"]


def test_the_plans_figures_pass_the_one_observation_rule(tmp_path: Path) -> None:
    """The rule every import passes (``analytics.observation_checks``) also holds for the plans' own figures."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "published_observations.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = list(reader.fieldnames or []), list(reader)
    row = next(r for r in rows if r["indicator_id"] == "secondary-pupils-ever-tried-drugs")
    rows.append({**row, "kind": "actual", "period_label": "2011", "value": "104"})
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(SeedError, match="104 is a percentage outside 0-100"):
        validate(data, read_published(small_published()).indicators["id"])
