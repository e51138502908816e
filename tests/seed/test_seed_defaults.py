"""What a default seed holds: published statistics for every English area, no invented values;
illustrative values only on request and never where a published value exists."""

from __future__ import annotations

from sqlalchemy import func, select

from data_access import reads
from data_access.models import Area, Observation, Period
from seed.loader import load_seed
from tests.published_sample import small_published

HERTS = "E10000015"


def test_default_seed_has_no_illustrative_value(seeded_db) -> None:
    with seeded_db.read() as session:
        invented = session.scalar(select(func.count()).select_from(Observation).where(Observation.illustrative.is_(True)))
        total = session.scalar(select(func.count()).select_from(Observation))
    assert invented == 0
    assert total > 600_000


def test_every_english_area_with_parents(seeded_db) -> None:
    with seeded_db.read() as session:
        levels = dict(session.execute(select(Area.level, func.count()).group_by(Area.level)).all())
    assert levels["country"] == 1 and levels["region"] == 9
    assert levels["county"] + levels["unitary"] == 153  # upper-tier councils, April 2023 geography
    assert levels["district"] == 164  # shire districts; with the 132 unitaries, the 296 lower-tier areas
    essex = reads.area("E10000012", db=seeded_db)
    assert essex is not None and essex["parent_code"] == "E12000006" and essex["dfe_la_code"] == "881"
    lancaster = reads.area("E07000121", db=seeded_db)
    assert lancaster is not None and lancaster["parent_code"] == "E10000017"
    assert reads.resolve_area_code("E07000101", db=seeded_db) == "E07000243"  # Stevenage before 2013
    assert reads.resolve_area_code("E10000002", db=seeded_db) == "E06000060"  # Buckinghamshire, same boundary


def test_real_values_for_essex_and_lancashire_districts(seeded_db) -> None:
    essex = reads.series("cla-rate", ["E10000012"], db=seeded_db)
    assert not essex.empty and not essex["illustrative"].any()
    districts = reads.series("year6-obesity", ["E07000117", "E07000120"], db=seeded_db)
    assert set(districts["area_code"]) == {"E07000117", "E07000120"}
    assert districts["value"].notna().sum() > 10


def test_illustrative_values_only_on_request_and_never_over_published(empty_db) -> None:
    counts = load_seed(empty_db, illustrative_values=True, published_dir=small_published())
    assert counts["observation"] > counts["observation_published"]
    statement = select(Observation.indicator_id, Observation.area_code, Period.label, Observation.illustrative).join(
        Period, Period.id == Observation.period_id
    )
    with empty_db.read() as session:
        rows = session.execute(statement).all()
    invented = {(i, a, p) for i, a, p, flag in rows if flag}
    published = {(i, a, p) for i, a, p, flag in rows if not flag}
    assert len(invented) > 500
    assert invented & published == set()
