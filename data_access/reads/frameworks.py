"""Outcome frameworks (bees, ECM outcomes), their priorities and measures, and inspection judgements."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from data_access.database import Database
from data_access.models import Framework, Indicator, Judgement, Measure, Observation, Outcome, Priority, Source
from data_access.reads._base import _db, _frame


def frameworks(db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(
            Framework.id,
            Framework.name,
            Framework.short_name,
            Framework.owner_area_code,
            Framework.period_label,
            Framework.outcome_kind,
            Framework.is_default,
            Source.title.label("source_title"),
        )
        .outerjoin(Source, Source.id == Framework.source_id)
        .order_by(Framework.sort_order)
    )
    return _frame(_db(db), statement)


def framework_tree(framework_id: str, db: Database | None = None) -> pd.DataFrame:
    """One row per measure (or per outcome with no measures), outcome → priority → measure."""
    statement = (
        select(
            Outcome.id.label("outcome_id"),
            Outcome.code.label("outcome_code"),
            Outcome.name.label("outcome_name"),
            Outcome.description.label("outcome_description"),
            Outcome.sort_order.label("outcome_order"),
            Priority.id.label("priority_id"),
            Priority.label.label("priority_label"),
            Priority.title.label("priority_title"),
            Measure.id.label("measure_id"),
            Measure.wording,
            Measure.indicator_id,
            Measure.indicator_note,
            Measure.breakdown_dimension,
            Measure.breakdown_value,
            Measure.polarity_override,
            Measure.target_kind,
            Measure.target_value,
            Measure.target_baseline_value,
            Measure.target_baseline_period,
            Measure.target_comparator,
            Measure.target_relation,
            Measure.target_by,
            Measure.target_text,
            Measure.legacy_code,
            Measure.source_line,
            Measure.sort_order.label("measure_order"),
        )
        .outerjoin(Measure, Measure.outcome_id == Outcome.id)
        .outerjoin(Priority, Priority.id == Measure.priority_id)
        .where(Outcome.framework_id == framework_id)
        .order_by(Outcome.sort_order, Measure.sort_order)
    )
    return _frame(_db(db), statement)


def local_imports(indicator_ids: list[str], db: Database | None = None) -> dict[str, dict[str, object]]:
    """For each of these indicators that has values: when its newest source was imported and by
    whom (``imported_on``, ``imported_by``), so a local measure's card can say so."""
    if not indicator_ids:
        return {}
    statement = (
        select(Observation.indicator_id, Source.extracted_on, Source.imported_by, Source.id)
        .join(Source, Source.id == Observation.source_id)
        .where(Observation.indicator_id.in_(indicator_ids))
        .distinct()
    )
    frame = _frame(_db(db), statement)
    found: dict[str, dict[str, object]] = {}
    for row in frame.sort_values(["extracted_on", "id"], na_position="first", kind="stable").itertuples():
        found[str(row.indicator_id)] = {"imported_on": row.extracted_on, "imported_by": row.imported_by}
    return found


def existing_indicators(indicator_ids: list[str], db: Database | None = None) -> set[str]:
    """Which of these indicator ids are registered (a local measure's minted id, once imported)."""
    if not indicator_ids:
        return set()
    frame = _frame(_db(db), select(Indicator.id).where(Indicator.id.in_(indicator_ids)))
    return set(frame["id"]) if not frame.empty else set()


def priorities(framework_id: str, db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(Priority.id, Priority.outcome_id, Priority.label, Priority.title, Priority.lead, Priority.source_line)
        .where(Priority.framework_id == framework_id)
        .order_by(Priority.sort_order)
    )
    return _frame(_db(db), statement)


def measures_using(indicator_id: str, db: Database | None = None) -> pd.DataFrame:
    """Which plans and outcomes use an indicator, with the plan's own wording."""
    statement = (
        select(
            Framework.id.label("framework_id"),
            Framework.name.label("framework_name"),
            Outcome.name.label("outcome_name"),
            Measure.wording,
            Measure.source_line,
        )
        .join(Outcome, Outcome.id == Measure.outcome_id)
        .join(Framework, Framework.id == Measure.framework_id)
        .where(Measure.indicator_id == indicator_id)
        .order_by(Framework.sort_order, Outcome.sort_order)
    )
    return _frame(_db(db), statement)


def judgements(area_code: str, db: Database | None = None) -> pd.DataFrame:
    statement = (
        select(
            Judgement.body,
            Judgement.framework,
            Judgement.aspect,
            Judgement.scale,
            Judgement.scale_direction,
            Judgement.grade,
            Judgement.label,
            Judgement.judged_on,
            Judgement.period_label,
            Judgement.note,
            Source.title.label("source_title"),
            Judgement.source_line,
        )
        .join(Source, Source.id == Judgement.source_id)
        .where(Judgement.area_code == area_code)
        .order_by(Judgement.judged_on, Judgement.id)
    )
    return _frame(_db(db), statement)
