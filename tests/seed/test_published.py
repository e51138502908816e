"""The shipped seed against the source figures: every figure loaded or excluded with a reason,
values unchanged, provenance kept, illustrative values flagged, Herefordshire kept apart."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from data_access import reads
from data_access.models import Area, Judgement, Observation, Period, Source
from seed.loader import DATA_DIR
from tests.conftest import SHARED

FIGURES = SHARED / "domain" / "figures.csv"
TOTAL_FIGURES = 262
HERTS, HEREFORDSHIRE = "E10000015", "E06000019"
CORE = [
    "u18-conceptions",
    "reception-obesity",
    "year6-obesity",
    "eyfs-gld",
    "ks2-rwm-expected",
    "ks4-attainment8",
    "post16-level3-age19",
    "neet-16-17",
    "cin-rate",
    "cp-plan-rate",
    "cla-rate",
    "fte-youth-justice",
    "injury-admissions-0-14",
    "breastfeeding-6-8wk",
    "persistent-absence",
    "fsm-eligibility",
]
GAP = ["eyfs-gld", "ks2-rwm-expected", "ks4-attainment8", "post16-level3-age19"]
DISTRICTS = [
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
]
AREAS_13 = DISTRICTS + [HERTS, "E12000006", "E92000001"]


def _seed(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _plan_measures() -> list[dict[str, str]]:
    """Every measure row of the shipped plan files (seed/data/plans/*.csv)."""
    rows: list[dict[str, str]] = []
    for path in sorted((DATA_DIR / "plans").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows += [r for r in csv.DictReader(handle) if r["measure_id"]]
    return rows


@pytest.fixture(scope="module")
def figures() -> dict[int, dict[str, str]]:
    if not FIGURES.exists():
        pytest.skip(f"figures.csv not found at {FIGURES} (../shared is absent on this machine)")
    with FIGURES.open(encoding="utf-8", newline="") as handle:
        return {n: row for n, row in enumerate(csv.DictReader(handle), start=1)}


def _loaded(db, *, plans_only: bool = False) -> list[dict]:
    """Every loaded observation with its period and source; ``plans_only``: those from the plans'
    own sources (``seed-…``), about 400 rows where the whole table is 650,000 (seconds to read)."""
    statement = (
        select(
            Observation.indicator_id,
            Observation.area_code,
            Period.label.label("period_label"),
            Observation.breakdown_dimension,
            Observation.breakdown_value,
            Observation.kind,
            Observation.value,
            Observation.illustrative,
            Observation.source_line,
            Source.key.label("source_key"),
            Source.file,
        )
        .join(Period, Period.id == Observation.period_id)
        .join(Source, Source.id == Observation.source_id)
    )
    if plans_only:
        statement = statement.where(Source.key.like("seed-%"))
    with db.read() as session:
        return [dict(row) for row in session.execute(statement).mappings()]


def test_every_published_row_matches_figures_and_is_loaded(seeded_db, figures) -> None:
    loaded = {
        (r["indicator_id"], r["area_code"], r["period_label"], r["breakdown_dimension"], r["breakdown_value"], r["kind"]): r
        for r in _loaded(seeded_db, plans_only=True)
    }
    for row in _seed("published_observations.csv"):
        figure = figures[int(row["figures_row"])]
        assert float(row["value"]) == float(figure["value"]), row["figures_row"]
        assert row["source_line"] == figure["line"], row["figures_row"]
        key = (
            row["indicator_id"],
            row["area_code"],
            row["period_label"],
            row["breakdown_dimension"],
            row["breakdown_value"],
            row["kind"],
        )
        db_row = loaded[key]
        assert db_row["value"] == float(figure["value"])
        assert db_row["file"] == figure["source_file"]
        assert db_row["source_line"] == figure["line"]
        assert db_row["illustrative"] is False


def test_all_262_figures_accounted_for(seeded_db, figures) -> None:
    assert len(figures) == TOTAL_FIGURES
    observed = {int(r["figures_row"]) for r in _seed("published_observations.csv")}
    judged = {int(r["figures_row"]) for r in _seed("judgements.csv")}
    measured = {int(r["figures_row"]) for r in _plan_measures() if r["figures_row"]}
    excluded = {int(r["figures_row"]): r["reason"] for r in _seed("excluded_figures.csv")}
    assert all(reason.strip() for reason in excluded.values())
    assert not (set(excluded) & (observed | judged | measured)), "a figure is both loaded and excluded"
    assert observed | judged | measured | set(excluded) == set(range(1, TOTAL_FIGURES + 1))
    verbal = {n for n, f in figures.items() if "verbal judgement" in f["unit"]}
    assert len(verbal) == 23 and verbal <= judged | set(excluded)
    with seeded_db.read() as session:
        loaded_lines = set(session.execute(select(Judgement.source_line)).scalars())
    assert {figures[n]["line"] for n in judged} <= loaded_lines
    for row in _plan_measures():
        if row["figures_row"]:
            assert float(row["target"]) == float(figures[int(row["figures_row"])]["value"])


def test_illustrative_flag_matches_source(demo_sqlite) -> None:
    """``seed --illustrative``: every generated row is flagged, and only those."""
    rows = _loaded(demo_sqlite)
    generated = [r for r in rows if r["source_key"] == "illustrative-generator"]
    assert generated and all(r["illustrative"] is True for r in generated)
    assert all(r["illustrative"] is False for r in rows if r["source_key"] != "illustrative-generator")


def test_herefordshire_never_under_hertfordshire(seeded_db, figures) -> None:
    for row in _seed("published_observations.csv") + _seed("judgements.csv"):
        is_hfd = figures[int(row["figures_row"])]["area"] == "Herefordshire"
        assert (row["area_code"] == HEREFORDSHIRE) == is_hfd, row["figures_row"]
    rows = _loaded(seeded_db, plans_only=True)
    assert all(r["area_code"] != HERTS for r in rows if r["source_key"] == "seed-003")
    assert any(r["area_code"] == HEREFORDSHIRE for r in rows)
    with seeded_db.read() as session:
        areas = set(session.execute(select(Judgement.area_code).join(Source).where(Source.key == "seed-003")).scalars())
        assert areas == {HEREFORDSHIRE}
        assert session.get(Area, HEREFORDSHIRE).parent_code == "E12000005"


def test_illustrative_coverage_and_gap_breakdowns(demo_sqlite) -> None:
    """With ``--illustrative`` the core indicators cover the county, its districts, region and England."""
    covered = 0
    for indicator in CORE:
        frame = reads.series(indicator, AREAS_13, db=demo_sqlite)
        per_area = frame.groupby("area_code")["period_label"].nunique()
        if set(per_area.index) == set(AREAS_13) and per_area.min() >= 6:
            covered += 1
    assert covered >= 12
    for indicator in GAP:
        frame = reads.series(indicator, DISTRICTS, breakdown_dimension="disadvantage", db=demo_sqlite)
        assert set(frame["breakdown_value"]) == {"Disadvantaged", "Not disadvantaged"}
        assert set(frame["area_code"]) == set(DISTRICTS)


def test_published_values_win_and_suppression_is_null(demo_sqlite) -> None:
    seeded_db = demo_sqlite
    a8 = reads.series(
        "ks4-attainment8", [HERTS, "E92000001"], breakdown_dimension="disadvantage", period_labels=["2016/17"], db=seeded_db
    ).set_index(["area_code", "breakdown_value"])
    assert a8.loc[(HERTS, "Disadvantaged"), "value"] == 35.8
    assert a8.loc[(HERTS, "Not disadvantaged"), "value"] == 52.6
    assert a8.loc[("E92000001", "Disadvantaged"), "value"] == 37.1
    assert not a8["illustrative"].any()
    cin = reads.series("cin-rate", [HERTS], period_labels=["31 March 2017", "31 March 2018"], db=seeded_db)
    assert cin.set_index("period_label").loc["31 March 2017", "value"] == 193.1  # the plan's own figure
    assert not cin["illustrative"].any()  # DfE publishes both years: nothing is invented over them
    with seeded_db.read() as session:
        suppressed = session.execute(select(Observation.value, Observation.count).where(Observation.status == "c")).all()
        assert suppressed and all(value is None and count is None for value, count in suppressed)
        bad_ci = session.execute(
            select(Observation.id).where(
                Observation.lower_ci95.is_not(None),
                (Observation.lower_ci95 > Observation.value)
                | (Observation.upper_ci95 < Observation.value)
                | (Observation.lower_ci998 > Observation.lower_ci95),
            )
        ).all()
        assert not bad_ci
