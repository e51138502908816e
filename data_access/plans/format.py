"""The plan file: one CSV row per measure, that a council can keep in Excel.

Why a file and not seed code: a council's plan is its own data. The required columns (a public
contract, issue 22) are ``REQUIRED``; ``OPTIONAL`` columns carry what the shipped plans need
besides (bee codes, priority labels and leads, the document and line each measure comes from,
the plan's own target figures) so nothing is dropped. Any other column is ignored.

Three kinds of row, told apart by what is filled:

* a **measure** row has ``measure_id`` (and ``outcome``, ``measure``);
* a **priority** row has ``priority`` but no ``measure_id`` (a priority with no measure of its
  own; ``outcome`` blank for a priority across the whole plan);
* an **outcome** row has only ``outcome`` (a bee with no measures yet).

``outcome`` groups are ordered by first appearance, as are priorities (unless ``priority_order``
says otherwise) and measures. This module is pure: checking needs only the sets of known area,
indicator and source keys, so the seed loader and the import command share it.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from analytics.codes import slug

REQUIRED = (
    "framework_id",
    "framework_name",
    "area_code",
    "period",
    "outcome",
    "priority",
    "measure_id",
    "measure",
    "indicator_id",
    "direction",
    "target",
    "target_period",
    "note",
)
OPTIONAL = (
    "framework_short_name",
    "framework_kind",
    "framework_source",
    "framework_default",
    "framework_order",
    "outcome_id",
    "outcome_code",
    "outcome_description",
    "outcome_line",
    "priority_id",
    "priority_label",
    "priority_lead",
    "priority_line",
    "priority_order",
    "breakdown_dimension",
    "breakdown_value",
    "polarity",
    "target_kind",
    "target_relation",
    "target_comparator",
    "target_baseline_value",
    "target_baseline_period",
    "target_text",
    "legacy_code",
    "source",
    "source_line",
    "figures_row",
)
COLUMNS = REQUIRED + OPTIONAL
DIRECTIONS = ("increase", "decrease", "maintain", "none")
POLARITIES = ("higher_better", "lower_better", "no_judgement", "ambiguous")
TARGET_KINDS = ("absolute", "change_from_baseline", "comparator_relative", "milestone", "direction")
TARGET_RELATIONS = ("below", "above", "in_line")
OUTCOME_KINDS = ("bee", "ecm", "topic")
TRUE_WORDS, FALSE_WORDS = ("true", "yes", "1", "y"), ("false", "no", "0", "n", "")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file, where a person can find it (line 1 is the header)."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" + (f", column {self.column}" if self.column else "")
        return f"{where}: {self.message}"


class PlanFileError(ValueError):
    """The file has problems; ``problems`` lists every one (nothing was written)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the plan file:\n" + "\n".join(f"  {p}" for p in problems))


@dataclass(frozen=True)
class Known:
    """The keys a plan may refer to. ``sources=None`` skips the source check."""

    areas: frozenset[str]
    indicators: frozenset[str]
    sources: frozenset[str] | None = None
    comparators: frozenset[str] = frozenset()  # area groups a target may be relative to (besides areas)


@dataclass
class Plan:
    """Insert-ready rows for one framework (the shape of the framework/outcome/priority/measure tables)."""

    framework: dict[str, Any]
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    priorities: list[dict[str, Any]] = field(default_factory=list)
    measures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.framework["id"])


def decode(data: bytes) -> str:
    """Text of an uploaded or saved file: UTF-8 (with Excel's byte-order mark) or Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _cell(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    return str(value).strip() if value is not None else ""


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _slug_id(*parts: str) -> str:
    return "--".join(slug(p, max_length=36) for p in parts if p)[:80]


Fail = Callable[[int, str, str], None]
SAME_IN_EVERY_ROW = (
    ("framework_id", "id"),
    ("framework_name", "name"),
    ("area_code", "owner_area_code"),
    ("period", "period_label"),
)


def parse(text: str, known: Known) -> Plan:
    """The plan in ``text``, or ``PlanFileError`` listing every problem with its line and column."""
    rows = _rows_of(text)
    problems: list[Problem] = []

    def fail(line: int, column: str, message: str) -> None:
        problems.append(Problem(line, column, message))

    first_line, first = rows[0]
    plan = Plan(_framework(first))
    _check_framework(first_line, first, plan.framework, known, fail)
    outcomes: dict[str, dict[str, Any]] = {}  # by outcome name
    priorities: dict[tuple[str, str], dict[str, Any]] = {}  # by (outcome name, priority title)
    measure_lines: dict[str, int] = {}
    for line, row in rows:
        _check_same_plan(line, row, first_line, plan.framework, fail)
        outcome_name, priority_title = _cell(row, "outcome"), _cell(row, "priority")
        measure_id, wording = _cell(row, "measure_id"), _cell(row, "measure")
        if not (outcome_name or priority_title or measure_id or wording):
            fail(line, "outcome", "a row needs an outcome, a priority or a measure")
            continue
        outcome = _outcome(row, line, plan.id, outcomes, fail) if outcome_name else None
        priority = _priority(row, line, plan.id, outcome, priorities, fail) if priority_title else None
        if _is_new_measure(row, line, outcome, measure_lines, fail):
            plan.measures.append(_measure(row, line, plan.id, outcome or {}, priority, len(plan.measures) + 1, known, fail))
    _check_unique_ids(first_line, outcomes.values(), "outcome_id", "two outcomes share the id", fail)
    _check_unique_ids(first_line, priorities.values(), "priority_id", "two priorities share the id", fail)
    if problems:
        raise PlanFileError(sorted(problems, key=lambda p: (p.line, COLUMNS.index(p.column) if p.column in COLUMNS else 99)))
    plan.outcomes = list(outcomes.values())
    plan.priorities = list(priorities.values())
    return plan


def _rows_of(text: str) -> list[tuple[int, dict[str, Any]]]:
    """The non-blank rows with their line numbers; a missing required column or no rows at all stops here."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PlanFileError([Problem(1, c, "required column is missing") for c in missing])
    rows = [(number, row) for number, row in enumerate(reader, start=2) if any(_cell(row, c) for c in header)]
    if not rows:
        raise PlanFileError([Problem(2, "", "the file has no rows under its header")])
    return rows


def _framework(first: Mapping[str, Any]) -> dict[str, Any]:
    """The framework row, read from the first row (every row repeats it)."""
    return {
        "id": _cell(first, "framework_id"),
        "name": _cell(first, "framework_name"),
        "short_name": _cell(first, "framework_short_name") or _cell(first, "framework_name")[:60],
        "owner_area_code": _cell(first, "area_code"),
        "period_label": _cell(first, "period"),
        "outcome_kind": _cell(first, "framework_kind") or "bee",
        "source_key": _cell(first, "framework_source") or None,
        "is_default": _cell(first, "framework_default").lower() in TRUE_WORDS,
        "sort_order": int(_number(_cell(first, "framework_order")) or 0),
    }


def _check_framework(first_line: int, first: Mapping[str, Any], framework: Mapping[str, Any], known: Known, fail: Fail) -> None:
    for column, key in SAME_IN_EVERY_ROW:
        if not framework[key]:
            fail(first_line, column, "is required")
    if framework["id"] and not re.fullmatch(r"[A-Za-z0-9_-]{1,60}", framework["id"]):
        fail(
            first_line,
            "framework_id",
            "use up to 60 letters, digits, hyphens or underscores (it is part of the plan's web address)",
        )
    if framework["owner_area_code"] and framework["owner_area_code"] not in known.areas:
        fail(first_line, "area_code", f"unknown area {framework['owner_area_code']!r}")
    if framework["outcome_kind"] not in OUTCOME_KINDS:
        fail(first_line, "framework_kind", f"{framework['outcome_kind']!r} is not one of {', '.join(OUTCOME_KINDS)}")
    if framework["source_key"] and known.sources is not None and framework["source_key"] not in known.sources:
        fail(first_line, "framework_source", f"unknown source {framework['source_key']!r}")
    if _cell(first, "framework_default").lower() not in TRUE_WORDS + FALSE_WORDS:
        fail(first_line, "framework_default", "must be true or false")


def _check_same_plan(line: int, row: Mapping[str, Any], first_line: int, framework: Mapping[str, Any], fail: Fail) -> None:
    """One plan per file: the framework columns repeat the first row's."""
    for column, key in SAME_IN_EVERY_ROW:
        if _cell(row, column) != (framework[key] or ""):
            fail(line, column, f"differs from line {first_line} ({framework[key]!r}): one plan per file")


def _outcome(
    row: Mapping[str, Any], line: int, framework_id: str, outcomes: dict[str, dict[str, Any]], fail: Fail
) -> dict[str, Any]:
    """The row's outcome, added to ``outcomes`` the first time its name is seen."""
    outcome_name = _cell(row, "outcome")
    outcome = outcomes.get(outcome_name)
    if outcome is None:
        outcome = {
            "id": _cell(row, "outcome_id") or _slug_id(framework_id, outcome_name),
            "framework_id": framework_id,
            "code": _cell(row, "outcome_code") or slug(outcome_name, max_length=40),
            "name": outcome_name,
            "description": _cell(row, "outcome_description") or None,
            "sort_order": len(outcomes) + 1,
            "source_line": _cell(row, "outcome_line") or None,
        }
        outcomes[outcome_name] = outcome
    elif _cell(row, "outcome_id") and _cell(row, "outcome_id") != outcome["id"]:
        fail(line, "outcome_id", f"outcome {outcome_name!r} already has the id {outcome['id']!r}")
    return outcome


def _priority(
    row: Mapping[str, Any],
    line: int,
    framework_id: str,
    outcome: Mapping[str, Any] | None,
    priorities: dict[tuple[str, str], dict[str, Any]],
    fail: Fail,
) -> dict[str, Any]:
    """The row's priority, added to ``priorities`` the first time its (outcome, title) is seen."""
    outcome_name, priority_title = _cell(row, "outcome"), _cell(row, "priority")
    pkey = (outcome_name, priority_title)
    priority = priorities.get(pkey)
    if priority is None:
        order_text = _cell(row, "priority_order")
        order = _number(order_text) if order_text else float(len(priorities) + 1)
        if order is None:
            fail(line, "priority_order", f"{order_text!r} is not a number")
        priority = {
            "id": _cell(row, "priority_id") or _slug_id(framework_id, outcome_name, priority_title),
            "framework_id": framework_id,
            "outcome_id": outcome["id"] if outcome else None,
            "label": _cell(row, "priority_label") or None,
            "title": priority_title,
            "lead": _cell(row, "priority_lead") or None,
            "sort_order": int(order or 0),
            "source_line": _cell(row, "priority_line") or None,
        }
        priorities[pkey] = priority
    return priority


def _is_new_measure(
    row: Mapping[str, Any], line: int, outcome: Mapping[str, Any] | None, measure_lines: dict[str, int], fail: Fail
) -> bool:
    """Whether the row carries a measure to read: it has an id not seen before and an outcome to sit in."""
    measure_id, wording = _cell(row, "measure_id"), _cell(row, "measure")
    if not measure_id:
        if wording:
            fail(line, "measure_id", "is required for a measure (any short id unique in the plan, e.g. M1)")
        return False
    if measure_id in measure_lines:
        fail(line, "measure_id", f"duplicate measure_id {measure_id!r} (first on line {measure_lines[measure_id]})")
        return False
    measure_lines[measure_id] = line
    if len(measure_id) > 80:
        fail(line, "measure_id", "is longer than 80 characters")
    if outcome is None:
        fail(line, "outcome", "a measure needs the outcome (group) it sits in")
        return False
    if not wording:
        fail(line, "measure", "the measure's wording is required")
    return True


def _check_unique_ids(first_line: int, items: Iterable[Mapping[str, Any]], column: str, message: str, fail: Fail) -> None:
    ids = [item["id"] for item in items]
    for duplicate in {i for i in ids if ids.count(i) > 1}:
        fail(first_line, column, f"{message} {duplicate!r}")


def _measure(
    row: Mapping[str, Any],
    line: int,
    framework_id: str,
    outcome: dict[str, Any],
    priority: dict[str, Any] | None,
    order: int,
    known: Known,
    fail: Fail,
) -> dict[str, Any]:
    numbers = _check_measure(row, line, known, fail)
    figures_row = numbers["figures_row"]
    return {
        "id": _cell(row, "measure_id"),
        "framework_id": framework_id,
        "outcome_id": outcome["id"],
        "priority_id": priority["id"] if priority else None,
        "wording": _cell(row, "measure"),
        "indicator_id": _cell(row, "indicator_id") or None,
        "indicator_note": _cell(row, "note") or None,
        "direction": _cell(row, "direction").lower() or "none",
        "breakdown_dimension": _cell(row, "breakdown_dimension") or None,
        "breakdown_value": _cell(row, "breakdown_value") or None,
        "polarity_override": _cell(row, "polarity") or None,
        "target_kind": _cell(row, "target_kind") or None,
        "target_value": numbers["target"],
        "target_baseline_value": numbers["target_baseline_value"],
        "target_baseline_period": _cell(row, "target_baseline_period") or None,
        "target_comparator": _cell(row, "target_comparator") or None,
        "target_relation": _cell(row, "target_relation") or None,
        "target_by": _cell(row, "target_period") or None,
        "target_text": _cell(row, "target_text") or None,
        "legacy_code": _cell(row, "legacy_code") or None,
        "source_key": _cell(row, "source") or None,
        "source_line": _cell(row, "source_line") or None,
        "figures_row": int(figures_row) if figures_row is not None else None,
        "sort_order": order,
    }


def _check_measure(row: Mapping[str, Any], line: int, known: Known, fail: Fail) -> dict[str, float | None]:
    """Report what is wrong in a measure row; returns its numbers (target, baseline, figures row)."""
    indicator_id = _cell(row, "indicator_id")
    if indicator_id and indicator_id not in known.indicators:
        fail(line, "indicator_id", f"unknown indicator {indicator_id!r} (see /indicators for the ids)")
    if (_cell(row, "direction").lower() or "none") not in DIRECTIONS:
        fail(line, "direction", f"{_cell(row, 'direction')!r} is not one of {', '.join(DIRECTIONS)}")
    numbers: dict[str, float | None] = {}
    for column in ("target", "target_baseline_value"):
        text = _cell(row, column)
        numbers[column] = _number(text) if text else None
        if text and numbers[column] is None:
            fail(line, column, f"{text!r} is not a number (write 85 for 85%, and leave it blank for no target)")
    for column, allowed in (
        ("polarity", POLARITIES),
        ("target_kind", TARGET_KINDS),
        ("target_relation", TARGET_RELATIONS),
    ):
        value = _cell(row, column)
        if value and value not in allowed:
            fail(line, column, f"{value!r} is not one of {', '.join(allowed)}")
    comparator = _cell(row, "target_comparator")
    if comparator and comparator not in known.areas | known.comparators:
        fail(line, "target_comparator", f"unknown area or group {comparator!r}")
    source = _cell(row, "source")
    if source and known.sources is not None and source not in known.sources:
        fail(line, "source", f"unknown source {source!r}")
    if bool(_cell(row, "breakdown_dimension")) != bool(_cell(row, "breakdown_value")):
        fail(line, "breakdown_value", "breakdown_dimension and breakdown_value go together")
    figures_text = _cell(row, "figures_row")
    numbers["figures_row"] = _number(figures_text) if figures_text else None
    if figures_text and numbers["figures_row"] is None:
        fail(line, "figures_row", f"{figures_text!r} is not a row number")
    return numbers


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def rows(plan: Plan) -> list[dict[str, str]]:
    """The plan as file rows: outcomes in order, each with its measures, then any priority or
    outcome that has no measure (so import → export → import gives the same plan)."""
    common = _framework_cells(plan.framework)
    outcomes = sorted(plan.outcomes, key=lambda o: o.get("sort_order") or 0)
    by_id = {o["id"]: o for o in outcomes}
    priorities = {p["id"]: p for p in plan.priorities}
    out: list[dict[str, Any]] = []
    used: set[str] = set()
    for outcome in outcomes:
        own = sorted((m for m in plan.measures if m["outcome_id"] == outcome["id"]), key=lambda m: m.get("sort_order") or 0)
        if not own and not any(p.get("outcome_id") == outcome["id"] for p in plan.priorities):
            out.append({**common, **_outcome_cells(outcome)})
        for m in own:
            priority = priorities.get(m["priority_id"]) if m.get("priority_id") else None
            used.add(str(m.get("priority_id")))
            out.append({**common, **_outcome_cells(outcome), **_priority_cells(priority), **_measure_cells(m)})
    for priority in sorted(plan.priorities, key=lambda p: p.get("sort_order") or 0):
        if priority["id"] not in used:
            out.append({**common, **_outcome_cells(by_id.get(priority.get("outcome_id") or "")), **_priority_cells(priority)})
    return [{column: _text(row.get(column)) for column in COLUMNS} for row in out]


def _framework_cells(fw: Mapping[str, Any]) -> dict[str, Any]:
    """The framework columns every row repeats."""
    return {
        "framework_id": fw["id"],
        "framework_name": fw["name"],
        "area_code": fw["owner_area_code"],
        "period": fw["period_label"],
        "framework_short_name": fw.get("short_name"),
        "framework_kind": fw.get("outcome_kind"),
        "framework_source": fw.get("source_key"),
        "framework_default": bool(fw.get("is_default")),
        "framework_order": fw.get("sort_order"),
    }


def _outcome_cells(outcome: Mapping[str, Any] | None) -> dict[str, Any]:
    if outcome is None:
        return {}
    return {
        "outcome": outcome["name"],
        "outcome_id": outcome["id"],
        "outcome_code": outcome.get("code"),
        "outcome_description": outcome.get("description"),
        "outcome_line": outcome.get("source_line"),
    }


def _priority_cells(priority: Mapping[str, Any] | None) -> dict[str, Any]:
    if priority is None:
        return {}
    return {
        "priority": priority["title"],
        "priority_id": priority["id"],
        "priority_label": priority.get("label"),
        "priority_lead": priority.get("lead"),
        "priority_line": priority.get("source_line"),
        "priority_order": priority.get("sort_order"),
    }


def _measure_cells(m: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "measure_id": m["id"],
        "measure": m["wording"],
        "indicator_id": m.get("indicator_id"),
        "direction": m.get("direction") or "none",
        "target": m.get("target_value"),
        "target_period": m.get("target_by"),
        "note": m.get("indicator_note"),
        "breakdown_dimension": m.get("breakdown_dimension"),
        "breakdown_value": m.get("breakdown_value"),
        "polarity": m.get("polarity_override"),
        "target_kind": m.get("target_kind"),
        "target_relation": m.get("target_relation"),
        "target_comparator": m.get("target_comparator"),
        "target_baseline_value": m.get("target_baseline_value"),
        "target_baseline_period": m.get("target_baseline_period"),
        "target_text": m.get("target_text"),
        "legacy_code": m.get("legacy_code"),
        "source": m.get("source_key"),
        "source_line": m.get("source_line"),
        "figures_row": m.get("figures_row"),
    }


def to_csv(plan: Plan) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(plan))
    return buffer.getvalue()


def known_from(
    areas: Iterable[str], indicators: Iterable[str], sources: Iterable[str] | None, groups: Iterable[str] = ()
) -> Known:
    return Known(frozenset(areas), frozenset(indicators), None if sources is None else frozenset(sources), frozenset(groups))
