"""Plans in and out of the database: import a plan file, export one, and write a local-measure template.

Why here: only ``data_access`` talks to the database. An import checks the whole file against
the database's areas, indicators and sources first (``format.parse``) and writes nothing when
anything is wrong; a re-import of the same ``framework_id`` replaces that plan's outcomes,
priorities and measures in one transaction, so it updates the plan in place.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from analytics.codes import LOCAL_PREFIX, TOTAL, local_indicator_id
from data_access.database import Database
from data_access.models import Area, AreaGroup, Framework, Indicator, Measure, Outcome, Priority, Source
from data_access.plans.format import Known, Plan, parse

#: The native import format's columns a local-measure template needs (docs/native-csv.md), in its order.
NATIVE_COLUMNS = (
    "indicator_id",
    "indicator_name",
    "unit",
    "polarity",
    "period_type",
    "area_code",
    "area_name",
    "period",
    "breakdown_dimension",
    "breakdown_value",
    "kind",
    "value",
    "status",
    "value_note",
    "publisher",
)


@dataclass(frozen=True)
class ImportResult:
    framework_id: str
    created: bool  # False: an existing plan was updated in place
    outcomes: int
    priorities: int
    measures: int
    dry_run: bool

    def summary(self) -> str:
        verb = "would be" if self.dry_run else "was"
        state = "created" if self.created else "updated in place"
        return (
            f"Plan {self.framework_id} {verb} {state}: {self.outcomes} outcomes, "
            f"{self.priorities} priorities, {self.measures} measures."
        )


def known_keys(db: Database) -> Known:
    with db.read() as session:
        return Known(
            areas=frozenset(session.scalars(select(Area.code))),
            indicators=frozenset(session.scalars(select(Indicator.id))),
            sources=frozenset(session.scalars(select(Source.key))),
            comparators=frozenset(session.scalars(select(AreaGroup.id))),
        )


def check(db: Database, text: str) -> Plan:
    """The parsed plan, or ``PlanFileError`` with every problem (nothing is written)."""
    return parse(text, known_keys(db))


def import_plan(db: Database, text: str, *, dry_run: bool = False) -> ImportResult:
    """Check the whole file, then (unless ``dry_run``) write it in one transaction."""
    plan = check(db, text)
    with db.read() as session:
        created = session.get(Framework, plan.id) is None
    result = ImportResult(plan.id, created, len(plan.outcomes), len(plan.priorities), len(plan.measures), dry_run)
    if dry_run:
        return result
    with db.write() as session:
        source_ids = {key: ident for ident, key in session.execute(select(Source.id, Source.key))}

        def sourced(row: dict[str, Any]) -> dict[str, Any]:
            out = dict(row)
            key = out.pop("source_key", None)
            out["source_id"] = source_ids[key] if key else None
            return out

        session.execute(delete(Measure).where(Measure.framework_id == plan.id))
        session.execute(delete(Priority).where(Priority.framework_id == plan.id))
        session.execute(delete(Outcome).where(Outcome.framework_id == plan.id))
        framework = session.get(Framework, plan.id)
        values = sourced(plan.framework)
        if framework is None:
            session.add(Framework(**values))
        else:
            for key, value in values.items():
                setattr(framework, key, value)
        session.flush()
        session.add_all(Outcome(**row) for row in plan.outcomes)
        session.flush()
        session.add_all(Priority(**row) for row in plan.priorities)
        session.flush()
        session.add_all(Measure(**sourced(row)) for row in plan.measures)
    return result


def load_plan(db: Database, framework_id: str) -> Plan | None:
    """The stored plan as the rows ``format.to_csv`` writes; None for an unknown id."""
    with db.read() as session:
        framework = session.get(Framework, framework_id)
        if framework is None:
            return None
        keys: dict[int, str] = {ident: key for ident, key in session.execute(select(Source.id, Source.key))}

        def as_dict(obj: Any, columns: tuple[str, ...]) -> dict[str, Any]:
            return {c: getattr(obj, c) for c in columns}

        fw = as_dict(
            framework, ("id", "name", "short_name", "owner_area_code", "period_label", "outcome_kind", "is_default", "sort_order")
        )
        fw["source_key"] = keys.get(framework.source_id) if framework.source_id else None
        outcomes = [
            as_dict(o, ("id", "framework_id", "code", "name", "description", "sort_order", "source_line"))
            for o in session.scalars(select(Outcome).where(Outcome.framework_id == framework_id).order_by(Outcome.sort_order))
        ]
        priorities = [
            as_dict(p, ("id", "framework_id", "outcome_id", "label", "title", "lead", "sort_order", "source_line"))
            for p in session.scalars(select(Priority).where(Priority.framework_id == framework_id).order_by(Priority.sort_order))
        ]
        measures = []
        for m in session.scalars(select(Measure).where(Measure.framework_id == framework_id).order_by(Measure.sort_order)):
            row = as_dict(
                m,
                (
                    "id",
                    "framework_id",
                    "outcome_id",
                    "priority_id",
                    "wording",
                    "indicator_id",
                    "indicator_note",
                    "direction",
                    "breakdown_dimension",
                    "breakdown_value",
                    "polarity_override",
                    "target_kind",
                    "target_value",
                    "target_baseline_value",
                    "target_baseline_period",
                    "target_comparator",
                    "target_relation",
                    "target_by",
                    "target_text",
                    "legacy_code",
                    "source_line",
                    "figures_row",
                    "sort_order",
                ),
            )
            row["source_key"] = keys.get(m.source_id) if m.source_id else None
            measures.append(row)
    return Plan(fw, outcomes, priorities, measures)


def plan_periods(label: str) -> list[str]:
    """The financial years a plan's period covers: ``2024-25`` → [2024-25]; ``2018-21`` →
    [2018-19, 2019-20, 2020-21]; ``2006-8`` → [2006-07, 2007-08]; anything else as written."""
    match = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{1,4})", label.strip())
    if not match:
        return [label]
    start, end_text = int(match.group(1)), match.group(2)
    end = int(str(start)[: 4 - len(end_text)] + end_text)
    if end <= start or end - start > 10:
        return [label]
    return [f"{year}-{str(year + 1)[2:]}" for year in range(start, end)]


def local_measures(db: Database, framework_id: str) -> list[dict[str, Any]]:
    """The plan's local measures: those no publisher supplies (no indicator linked, or the one
    its template minted), each with the indicator id its own figures are imported under."""
    with db.read() as session:
        rows = session.execute(
            select(Measure.id, Measure.wording, Measure.indicator_id, Measure.direction)
            .where(Measure.framework_id == framework_id)
            .order_by(Measure.sort_order)
        ).all()
    return [
        {
            "measure_id": r.id,
            "wording": r.wording,
            "indicator_id": r.indicator_id or local_indicator_id(r.id),
            "direction": r.direction or "none",
        }
        for r in rows
        if r.indicator_id is None or r.indicator_id.startswith(LOCAL_PREFIX)
    ]


#: A plan's direction as the native format's polarity, for a local indicator registered from the template.
POLARITY_OF_DIRECTION = {"increase": "higher_better", "decrease": "lower_better"}


def template(db: Database, framework_id: str) -> str | None:
    """A native-CSV template for the plan's local measures (None for an unknown plan): one row per
    local measure and period the plan covers, ``indicator_id`` and ``area_code`` filled, values
    empty. Fill ``value`` (and ``unit`` once per measure), then import it like any native CSV; rows
    left empty are left out of the import (and counted in its notes), so a partly filled file imports."""
    plan = load_plan(db, framework_id)
    if plan is None:
        return None
    area = str(plan.framework["owner_area_code"])
    with db.read() as session:
        found = session.get(Area, area)
        area_name = found.name if found else area
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(NATIVE_COLUMNS), lineterminator="\n")
    writer.writeheader()
    periods = plan_periods(str(plan.framework["period_label"]))
    for measure in local_measures(db, framework_id):
        for index, label in enumerate(periods):
            writer.writerow(
                {
                    "indicator_id": measure["indicator_id"],
                    "indicator_name": measure["wording"][:300] if index == 0 else "",
                    "polarity": POLARITY_OF_DIRECTION.get(measure["direction"], "") if index == 0 else "",
                    "period_type": "financial" if re.fullmatch(r"\d{4}-\d{2}", label) else "",
                    "area_code": area,
                    "area_name": area_name,
                    "period": label,
                    "breakdown_dimension": TOTAL,
                    "breakdown_value": TOTAL,
                    "kind": "actual",
                    "publisher": f"{area_name} (local figures)",
                }
            )
    return buffer.getvalue()
