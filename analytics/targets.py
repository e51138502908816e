"""Red/Amber/Green assessment of a latest value against a local target.

Why: board papers carry RAG ratings, and every rating must say what it was judged
against. Each kind of target in the council's plans is assessed by its own rule, and a
target that cannot be judged from a number (a milestone such as "new service launched")
is "Not assessed" with the reason - never silently Green.

``amber_margin`` is a fraction of the target value (default 0.05 = within 5% of the
target counts as Amber rather than Red); when the target is 0 it is used as an absolute
margin.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from analytics.ci import as_number
from analytics.compare import normalise_polarity
from analytics.honest import comparability

GREEN = "Green"
AMBER = "Amber"
RED = "Red"
NOT_ASSESSED = "Not assessed"

TARGET_KINDS = frozenset({"absolute", "change_from_baseline", "comparator_relative", "milestone", "direction"})
DEFAULT_AMBER_MARGIN = 0.05


@dataclass(frozen=True)
class TargetResult:
    """RAG rating with a sentence saying what it was judged against."""

    rag: str
    text: str
    reason: str | None = None
    #: the rating rests on an illustrative (invented) value: shown marked, never as a real judgement
    illustrative: bool = False


def _fmt(number: float) -> str:
    return f"{number:,.1f}" if abs(number - round(number)) > 1e-9 else f"{number:,.0f}"


def _margin(reference: float, amber_margin: float) -> float:
    return abs(reference) * amber_margin if reference != 0 else amber_margin


def _by(target_by: Any) -> str:
    if target_by is None or target_by == "":
        return ""
    if isinstance(target_by, date):
        return f" by {target_by:%d %B %Y}".replace(" 0", " ")
    return f" by {target_by}"


def _against_threshold(latest: float, threshold: float, want_higher: bool, amber_margin: float) -> str:
    """Green when on the right side of threshold; Amber within the margin; else Red."""
    shortfall = (threshold - latest) if want_higher else (latest - threshold)
    if shortfall <= 0:
        return GREEN
    return AMBER if shortfall <= _margin(threshold, amber_margin) else RED


def _not(reason: str) -> TargetResult:
    return TargetResult(NOT_ASSESSED, f"Not assessed: {reason}.", reason)


def assess_target(
    kind: str,
    *,
    latest_value: Any,
    polarity: str | None,
    target_value: Any = None,
    baseline_value: Any = None,
    comparator_value: Any = None,
    relation: str | None = None,
    target_by: Any = None,
    amber_margin: float = DEFAULT_AMBER_MARGIN,
    previous_value: Any = None,
    value_illustrative: bool = False,
    comparator_illustrative: bool | None = None,
) -> TargetResult:
    """Assess ``latest_value`` against one target.

    kinds:
    * ``absolute`` - reach ``target_value`` (direction from polarity; no_judgement means
      "within the margin of the target").
    * ``change_from_baseline`` - ``target_value`` is a per cent change from
      ``baseline_value`` (-50 = halve it); the required level is baseline x (1 + t/100).
    * ``comparator_relative`` - ``relation`` "below"/"above"/"in_line" against
      ``comparator_value`` (e.g. the England average).
    * ``milestone`` - not assessable from a number: always Not assessed.
    * ``direction`` - ``relation`` (or ``target_value``) "increase"/"decrease"/"maintain",
      judged on latest vs ``previous_value`` (falling back to ``baseline_value``).

    Honest benchmarks (``analytics.honest.comparability``): a published latest value is not
    assessed against an illustrative comparator ("Not assessed: comparator value is
    illustrative"), and a rating of an illustrative latest value is marked illustrative
    (``TargetResult.illustrative``, text prefixed "Illustrative, not a real rating:").
    """
    result = _assess(
        kind,
        latest_value=latest_value,
        polarity=polarity,
        target_value=target_value,
        baseline_value=baseline_value,
        comparator_value=comparator_value,
        relation=relation,
        target_by=target_by,
        amber_margin=amber_margin,
        previous_value=previous_value,
        comparator_illustrative=comparator_illustrative,
        value_illustrative=value_illustrative,
    )
    if value_illustrative and result.rag != NOT_ASSESSED:
        return replace(result, text=f"Illustrative, not a real rating: {result.text}", illustrative=True)
    return result


@dataclass(frozen=True)
class _Asked:
    """One target as ``assess_target`` was asked about it, the latest value already a number."""

    latest: float
    by: str  # " by 2025/26" or ""
    polarity: str | None
    target_value: Any
    baseline_value: Any
    comparator_value: Any
    relation: str | None
    amber_margin: float
    previous_value: Any
    comparator_illustrative: bool | None
    value_illustrative: bool


def _near(latest: float, aim: float, amber_margin: float) -> str:
    """Green within the margin of ``aim``, Amber within twice it, else Red."""
    distance = abs(latest - aim)
    margin = _margin(aim, amber_margin)
    return GREEN if distance <= margin else AMBER if distance <= 2 * margin else RED


def _absolute(a: _Asked) -> TargetResult:
    target, t_why = as_number(a.target_value)
    if target is None:
        return _not(f"target value {t_why}")
    pol = normalise_polarity(a.polarity)
    if pol in {"higher_better", "lower_better"}:
        rag = _against_threshold(a.latest, target, pol == "higher_better", a.amber_margin)
        word = "at least" if pol == "higher_better" else "at most"
    else:
        rag = _near(a.latest, target, a.amber_margin)
        word = "close to"
    return TargetResult(rag, f"{rag}: latest {_fmt(a.latest)} against a target of {word} {_fmt(target)}{a.by}.")


def _change_from_baseline(a: _Asked) -> TargetResult:
    change, c_why = as_number(a.target_value)
    base, b_why = as_number(a.baseline_value)
    if change is None:
        return _not(f"target change {c_why}")
    if base is None:
        return _not(f"baseline value {b_why}")
    required = base * (1 + change / 100)
    if change == 0:
        return _not("a 0% change target has no direction; use an absolute target")
    rag = _against_threshold(a.latest, required, change > 0, a.amber_margin)
    verb = "increase" if change > 0 else "reduce"
    return TargetResult(
        rag,
        f"{rag}: latest {_fmt(a.latest)} against a target to {verb} by {abs(change):g}% "
        f"from a baseline of {_fmt(base)} (to {_fmt(required)}){a.by}.",
    )


def _comparator_relative(a: _Asked) -> TargetResult:
    comparator, c_why = as_number(a.comparator_value)
    if comparator is None:
        return _not(f"comparator value {c_why}")
    rule = comparability(a.value_illustrative, a.comparator_illustrative)
    if not rule.comparable:
        return _not(str(rule.reason).replace("benchmark", "comparator"))
    rel = (a.relation or "").strip().lower().replace(" ", "_").replace("-", "_")
    if rel in {"below", "lower", "less_than"}:
        rag = _against_threshold(a.latest, comparator, False, a.amber_margin)
        phrase = "below"
    elif rel in {"above", "higher", "greater_than"}:
        rag = _against_threshold(a.latest, comparator, True, a.amber_margin)
        phrase = "above"
    elif rel in {"in_line", "inline", "in_line_with", "equal", "similar"}:
        rag = _near(a.latest, comparator, a.amber_margin)
        phrase = "in line with"
    else:
        return _not(f"relation {a.relation!r} is not below, above or in_line")
    return TargetResult(
        rag, f"{rag}: latest {_fmt(a.latest)} against a target to be {phrase} the comparator ({_fmt(comparator)}){a.by}."
    )


def _direction(a: _Asked) -> TargetResult:
    wanted = (a.relation or (a.target_value if isinstance(a.target_value, str) else "") or "").strip().lower()
    previous, p_why = as_number(a.previous_value if a.previous_value is not None else a.baseline_value)
    if wanted not in {"increase", "decrease", "maintain"}:
        return _not(f"direction {wanted or None!r} is not increase, decrease or maintain")
    if previous is None:
        return _not(f"previous value {p_why}")
    if wanted == "maintain":
        rag = _near(a.latest, previous, a.amber_margin)
    elif a.latest == previous:
        rag = AMBER
    else:
        rag = GREEN if (a.latest > previous) == (wanted == "increase") else RED
    return TargetResult(rag, f"{rag}: latest {_fmt(a.latest)} against a target to {wanted} from {_fmt(previous)}{a.by}.")


_BY_KIND = {
    "absolute": _absolute,
    "change_from_baseline": _change_from_baseline,
    "comparator_relative": _comparator_relative,
    "direction": _direction,
}


def _assess(
    kind: str,
    *,
    latest_value: Any,
    polarity: str | None,
    target_value: Any,
    baseline_value: Any,
    comparator_value: Any,
    relation: str | None,
    target_by: Any,
    amber_margin: float,
    previous_value: Any,
    comparator_illustrative: bool | None,
    value_illustrative: bool,
) -> TargetResult:
    kind = (kind or "").strip().lower()
    if kind not in TARGET_KINDS:
        return _not(f"unknown target kind {kind!r}")
    if kind == "milestone":
        return _not("a milestone target is judged by the service, not from the figures")
    latest, why = as_number(latest_value)
    if latest is None:
        return _not(f"latest value {why}")
    asked = _Asked(
        latest,
        _by(target_by),
        polarity,
        target_value,
        baseline_value,
        comparator_value,
        relation,
        amber_margin,
        previous_value,
        comparator_illustrative,
        value_illustrative,
    )
    return _BY_KIND.get(kind, _direction)(asked)
