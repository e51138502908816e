"""Migration 0010 merges the DfE indicators the import page registered under its upload names.

Before issue 21 each upload of one EES file registered ``ees-<token>-<column>`` again. Here a
database at 0008 holds two such uploads of one file (one with its job still naming the file) and
another file's one upload without a job; after the upgrade each file's indicator is one, its values
are not doubled, and references follow it.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, insert, select

from data_access.database import Database
from data_access.models import Area, Deck, DeckSlide, ImportJob, Indicator, Observation, Period, Source
from data_access.schema import downgrade, migrate


def _token() -> str:
    return uuid.uuid4().hex


def _setup(db: Database) -> dict[str, str]:
    downgrade(db, "0008")  # the fixture migrated to head
    first, second, other = _token(), _token(), _token()
    ids = {
        "first": f"ees-{first}-t-cla",
        "second": f"ees-{second}-t-cla",
        "other": f"ees-{other}-t-cla",
        "other2": f"ees-{_token()}-t-cla",
    }
    now = dt.datetime(2026, 12, 1)
    with db.engine.begin() as conn:
        conn.execute(insert(Area), [{"code": "E10000015", "name": "Hertfordshire", "level": "county", "sort_order": 1}])
        for n in (1, 2, 3, 4):
            conn.execute(
                insert(Source).values(
                    id=n, key=f"s{n}", publisher="DfE", title="t", file="f.csv", extracted_on=dt.date(2026, 12, 1)
                )
            )
        conn.execute(insert(Period), [{"id": 1, "period_type": "snapshot", "label": "2024", "sort_key": 2024}])
        conn.execute(insert(Period), [{"id": 2, "period_type": "snapshot", "label": "2025", "sort_key": 2025}])
        common = {
            "unit": "number",
            "value_type": "count",
            "period_type": "snapshot",
            "dfe_code": "t_cla",
            "polarity": "no_judgement",
        }
        conn.execute(
            insert(Indicator),
            [
                {"id": ids["first"], "name": "Number (CLA on 31 March)", "source_id": 1, **common},
                {"id": ids["second"], "name": "Number (CLA on 31 March)", "source_id": 2, **common},
                {"id": ids["other"], "name": "Number of children", "source_id": 3, **common},
                {"id": ids["other2"], "name": "Number of children", "source_id": 4, **common},
            ],
        )
        base = {"area_code": "E10000015", "breakdown_dimension": "Total", "breakdown_value": "Total", "kind": "value"}
        conn.execute(
            insert(Observation),
            [
                {"indicator_id": ids["first"], "period_id": 1, "value": 1.0, "source_id": 1, **base},
                {"indicator_id": ids["second"], "period_id": 1, "value": 1.0, "source_id": 2, **base},  # the same value again
                {"indicator_id": ids["second"], "period_id": 2, "value": 2.0, "source_id": 2, **base},  # only in the second
                {"indicator_id": ids["other"], "period_id": 1, "value": 5.0, "source_id": 3, **base},
                {"indicator_id": ids["other2"], "period_id": 1, "value": 5.0, "source_id": 4, **base},
            ],
        )
        conn.execute(
            insert(ImportJob).values(
                id=second, status="finished", file_name="dfe_cla (1).csv", created_by="admin", created_at=now, updated_at=now
            )
        )
        conn.execute(insert(Deck).values(id="d1", name="Looked after"))
        conn.execute(
            insert(DeckSlide).values(deck_id="d1", position=0, view_url=f"/trends?indicator={ids['second']}&area=E10000015")
        )
    return ids


def test_upgrade_merges_upload_named_duplicates(empty_db: Database) -> None:
    ids = _setup(empty_db)
    migrate(empty_db)
    with empty_db.read() as session:
        indicators = dict(session.execute(select(Indicator.id, Indicator.name)).all())
        values = session.execute(select(Observation.indicator_id, Observation.period_id, Observation.value)).all()
        slide = session.scalar(select(DeckSlide.view_url))
    # the file whose job still names it: one indicator under the id the file's name gives
    assert "ees-dfe-cla-t-cla" in indicators
    assert ids["first"] not in indicators and ids["second"] not in indicators
    assert sorted((p, v) for i, p, v in values if i == "ees-dfe-cla-t-cla") == [(1, 1.0), (2, 2.0)], "not doubled"
    # the other file, its name lost: merged into its oldest upload's id
    assert ids["other"] in indicators and ids["other2"] not in indicators
    assert [v for i, _, v in values if i == ids["other"]] == [5.0]
    assert len(values) == 3
    assert slide == "/trends?indicator=ees-dfe-cla-t-cla&area=E10000015", "a saved slide follows the merge"


def test_upgrade_is_a_no_op_without_upload_named_indicators(empty_db: Database) -> None:
    downgrade(empty_db, "0008")
    migrate(empty_db)
    with empty_db.read() as session:
        assert session.scalar(select(func.count()).select_from(Indicator)) == 0
