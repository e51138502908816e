"""A database for the honest-benchmark tests: the demonstration data (``seed --illustrative``)
with one published-versus-invented pairing that the shipped data does not have.

u18-conceptions: England's 2022 value is made illustrative, and Hertfordshire's published 2021
and 2022 values are given confidence intervals that exclude England's value. So, before the
rule, 2022 read "Better" against an invented England; with it, 2022 is "Not compared" and 2021
(published England) is still "Better".
"""

from __future__ import annotations

from sqlalchemy import select, update

from data_access.database import Database
from data_access.models import Observation, Period

INDICATOR = "u18-conceptions"
ENGLAND, COUNTY, DISTRICT = "E92000001", "E10000015", "E07000243"
INVENTED_PERIOD, PUBLISHED_PERIOD = "2022", "2021"


def load_invented_england(db: Database) -> Database:
    from seed.loader import load_seed
    from tests.published_sample import small_published

    load_seed(db, illustrative_values=True, published_dir=small_published())
    return invent_england(db)


def invent_england(db: Database) -> Database:
    """Make England's 2022 value invented and give the county's values intervals (on a database
    already seeded with the demonstration data, e.g. a copy of the run's ``demo`` database)."""
    with db.write() as session:
        ids = dict(
            session.execute(select(Period.label, Period.id).where(Period.label.in_([INVENTED_PERIOD, PUBLISHED_PERIOD]))).all()
        )
        base = (Observation.indicator_id == INDICATOR, Observation.breakdown_dimension == "Total", Observation.kind == "actual")
        session.execute(
            update(Observation)
            .where(*base, Observation.area_code == ENGLAND, Observation.period_id == ids[INVENTED_PERIOD])
            .values(illustrative=True)
        )
        for label in (INVENTED_PERIOD, PUBLISHED_PERIOD):
            row = session.execute(
                select(Observation).where(*base, Observation.area_code == COUNTY, Observation.period_id == ids[label])
            ).scalar_one()
            assert not row.illustrative and row.value is not None
            row.lower_ci95, row.upper_ci95 = float(row.value) - 1.0, float(row.value) + 1.0
    return db
