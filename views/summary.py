"""Outcome Bees summary view: ``/?framework=ID&area=CODE`` (optionally ``bee=CODE`` for one bee).

One card per bee (or ECM outcome) of the chosen plan, for one area: each measure's latest
value with unit, period and source; its comparison with England, the region and the county
(significance-based, from ``analytics.compare_to_benchmark``); its direction of travel
(``analytics.direction_of_travel``, polarity-aware); RAG against the plan's target
(``analytics.assess_target``); and a sparkline. Measures with no data are listed too.

Herefordshire's plan is a different council's: a framework only ever shows its owner area and
that area's districts, so Hertfordshire plans never show Herefordshire and vice versa.

All observations for the page come from ONE query (``reads.series_for_indicators``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from analytics import (
    BETTER,
    HIGHER,
    LOWER,
    NOT_COMPARED,
    SIMILAR,
    WORSE,
    assess_target,
    direction_of_travel,
    normalise_polarity,
)
from analytics.ci import PublishedInterval
from analytics.codes import ENGLAND, LOCAL_PREFIX, TOTAL, local_indicator_id, slug
from analytics.compare import published_verdict_for
from analytics.frames import Row, frame_records, row_dict
from analytics.honest import honest_comparison, mark
from components.chart_block import ChartText
from components.formatting import decimals_of, format_value, is_missing
from components.routes import export_url, url_for
from components.theme import FONT_FAMILY, SECONDARY_TEXT, TEXT
from data_access import reads
from data_access.reads.records import AreaRecord
from views import benchmarks as sn
from views import home, verdicts
from views.base import ChartView, Query, ViewNotFound, area_name, first, known_area
from views.view_cache import memoised

#: Display order of comparison labels in sentences and counts.
LABEL_ORDER = [BETTER, SIMILAR, WORSE, HIGHER, LOWER, NOT_COMPARED]
POLARITY_WORDS = {
    "higher_better": "higher is better",
    "lower_better": "lower is better",
    "no_judgement": "no judgement (neither higher nor lower is better)",
    "ambiguous": "ambiguous: neither higher nor lower is better on its own",
}
NO_TARGET = "No target"
#: The columns of a bee's measures frame (one row per measure; list columns hold comparisons and the sparkline).
MEASURE_COLUMNS = [
    "measure_id",
    "wording",
    "priority_label",
    "priority_title",
    "indicator_id",
    "indicator_name",
    "indicator_note",
    "local",
    "legacy_code",
    "plan_line",
    "unit",
    "value_type",
    "decimals",
    "polarity",
    "polarity_from",
    "polarity_text",
    "indicator_polarity",
    "has_data",
    "no_data_reason",
    "value",
    "status",
    "value_shown",
    "period",
    "period_sort",
    "source",
    "illustrative",
    "value_note",
    "lower_ci95",
    "upper_ci95",
    "comparisons",
    "direction",
    "direction_arrow",
    "direction_text",
    "rag",
    "rag_text",
    "target_text",
    "spark_periods",
    "spark_values",
    "trend_href",
    "breakdown_dimension",
    "breakdown_value",
    "rank_text",
]


@dataclass(frozen=True)
class SummaryQuery:
    framework: str
    area: str
    bee: str | None = None  # outcome code (be-safe) or id, for exporting one bee

    def to_query(self) -> dict[str, str]:
        return {"framework": self.framework, "area": self.area}


@dataclass
class Bee:
    """One bee (outcome) card's content."""

    outcome_id: str
    code: str
    name: str
    description: str | None
    priorities: list[tuple[str | None, str]]  # (label, title)
    measures: pd.DataFrame  # one row per measure, see ``_measure_record``
    summary: str

    @property
    def with_data(self) -> int:
        return int(self.measures["has_data"].sum()) if not self.measures.empty else 0

    @property
    def illustrative(self) -> bool:
        return bool(not self.measures.empty and self.measures["illustrative"].any())


@dataclass
class Summary:
    query: SummaryQuery
    framework: Row
    area: AreaRecord
    benchmarks: list[Row]  # England, region, county (those above the area), in that order
    bees: list[Bee]
    sentence: str
    sources: list[str]

    @property
    def illustrative(self) -> bool:
        return any(bee.illustrative for bee in self.bees)

    @property
    def measures(self) -> pd.DataFrame:
        frames = [bee.measures.assign(bee=bee.name) for bee in self.bees if not bee.measures.empty]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


# ------------------------------------------------------------------ query


def framework_options() -> pd.DataFrame:
    return reads.frameworks()


def is_generic(owner_code: str) -> bool:
    """A framework owned by England (the headline indicators) is anyone's: it is shown for any council."""
    return owner_code == ENGLAND


def default_framework(frameworks: pd.DataFrame) -> str | None:
    """What ``/`` opens on: the home council's own plan (its default one first), else the headline
    indicators framework every council gets, else the first default plan."""
    if frameworks.empty:
        return None
    flagged = frameworks.assign(_d=frameworks["is_default"].fillna(False).astype(bool))
    for owned in (flagged[flagged["owner_area_code"] == home.home_area()], flagged[flagged["owner_area_code"] == ENGLAND]):
        if not owned.empty:
            return str(owned.sort_values("_d", ascending=False, kind="stable")["id"].iloc[0])
    defaults = flagged[flagged["_d"]]
    return str((defaults if not defaults.empty else frameworks)["id"].iloc[0])


def default_area(owner_code: str) -> str:
    """The area a framework opens on: its owner council, or the home council for a generic one."""
    return home.home_area() if is_generic(owner_code) else owner_code


def allowed_areas(owner_code: str) -> pd.DataFrame:
    """The areas a framework may be shown for: its owner council and that council's districts
    (every council and district for the generic headline framework, home council first)."""
    frame = reads.areas()
    if is_generic(owner_code):
        councils = frame[frame["level"].isin(["county", "unitary", "district"])]
        first_code = home.home_area()
        return pd.concat(
            [councils[councils["code"] == first_code], councils[councils["code"] != first_code].sort_values("name")],
            ignore_index=True,
        )
    owner = frame[frame["code"] == owner_code]
    children = frame[(frame["parent_code"] == owner_code) & frame["level"].isin(["district", "unitary"])]
    return pd.concat([owner, children.sort_values(["sort_order", "name"])], ignore_index=True)


def _framework_links(frameworks: pd.DataFrame) -> list[tuple[str, str]]:
    return [(str(r.name), url_for("summary", framework=r.id)) for r in frameworks.itertuples()]


def parse_query(query: Query) -> SummaryQuery:
    """Validate and normalise; unknown frameworks or areas raise ``ViewNotFound``."""
    frameworks = framework_options()
    if frameworks.empty:
        raise ViewNotFound("No outcome frameworks have been loaded yet, so there is nothing to summarise.")
    framework_id = first(query, "framework") or default_framework(frameworks)
    known = frameworks[frameworks["id"] == framework_id]
    if known.empty:
        raise ViewNotFound(f"There is no outcome framework called “{framework_id}”.", _framework_links(frameworks))
    framework = known.iloc[0]
    owner = str(framework["owner_area_code"])
    raw_area = first(query, "area")
    if raw_area is None:
        area = default_area(owner)
    else:
        resolved = reads.resolve_area_code(raw_area.upper())
        if resolved is None:
            raise ViewNotFound(
                f"There is no area with the code “{raw_area}”.",
                [
                    (
                        f"{framework['name']}: {area_name(owner)}",
                        url_for("summary", framework=framework_id, area=owner),
                    )
                ],
            )
        area = resolved
    allowed = allowed_areas(owner)
    if area not in set(allowed["code"]):
        owner_name = area_name(owner)
        scope = f"{owner_name} and its districts" if len(allowed) > 1 else f"{owner_name} only"
        raise ViewNotFound(
            f"{framework['name']} is {owner_name}'s plan and covers {scope}, not {area_name(area)}.",
            [(f"{framework['name']}: {owner_name}", url_for("summary", framework=framework_id, area=owner))]
            + [(str(r.name), url_for("summary", framework=r.id)) for r in frameworks.itertuples() if r.id != framework_id],
        )
    bee = first(query, "bee")
    return SummaryQuery(str(framework_id), str(area), bee)


# ---------------------------------------------------------------- helpers


def _ancestors(code: str, areas: pd.DataFrame) -> list[Row]:
    """England, region, county … above ``code`` (top first), excluding the area itself."""
    by_code = areas.set_index("code")
    chain: list[Row] = []
    parent: object = by_code.at[code, "parent_code"] if code in by_code.index else None
    while isinstance(parent, str) and parent in by_code.index and len(chain) < 6:
        row = by_code.loc[parent]
        chain.append(
            {
                "code": parent,
                "name": str(row["name"]),
                "short_name": str(row["short_name"] or row["name"]),
                "level": str(row["level"]),
            }
        )
        parent = row["parent_code"]
    return list(reversed(chain))


def _source_text(row: Row) -> str:
    title, line = row.get("source_title"), row.get("source_line")
    if not isinstance(title, str) or not title:
        return ""
    return f"{title}, line {line}" if isinstance(line, str) and line else title


def _shown(row: Row | None, value_type: str, decimals: int, *, short: bool = False) -> str:
    if row is None:
        return ""
    return format_value(
        row.get("value"),
        value_type,
        decimals,
        status=row.get("status") if isinstance(row.get("status"), str) else None,
        value_text=row.get("value_text") if isinstance(row.get("value_text"), str) else None,
        qualifier=row.get("qualifier") if isinstance(row.get("qualifier"), str) else None,
        short=short,
    )


_Value = TypeVar("_Value")


def _clean(value: _Value) -> _Value | None:
    """The value, or None for a DataFrame's NaN: a sentence or a table must never say "nan"."""
    return None if is_missing(value) else value


def trend_href(indicator_id: str, area_code: str) -> str:
    return url_for("trends", indicator=indicator_id, areas=area_code)


def _series_key(m: Row) -> tuple[str, str, str]:
    """(indicator, dimension, value) of the values a measure is about: everyone unless the plan
    names a group ("the attainment of disadvantaged children" → disadvantage / Disadvantaged)."""
    dimension, value = m.get("breakdown_dimension"), m.get("breakdown_value")
    if isinstance(dimension, str) and dimension and isinstance(value, str) and value:
        return str(m.get("indicator_id")), dimension, value
    return str(m.get("indicator_id")), TOTAL, TOTAL


def _measure_href(m: Row, meta: Row | None, area_code: str) -> str:
    """Where a measure links: its trend, or for disadvantaged pupils the attainment-gap page."""
    _, dimension, _ = _series_key(m)
    phase = (meta or {}).get("gap_phase")
    if dimension == "disadvantage" and isinstance(phase, str) and phase:
        return url_for("gaps", phase=phase, areas=area_code)
    return trend_href(str(m.get("indicator_id")), area_code)


def _measure_groups(tree: pd.DataFrame) -> list[tuple[str, str, str]]:
    if tree.empty or "breakdown_dimension" not in tree:
        return []
    keys = {_series_key(m) for m in frame_records(tree[tree["indicator_id"].notna()])}
    return sorted(k for k in keys if k[1] != TOTAL)


# ---------------------------------------------------------------- measures


@dataclass(frozen=True)
class _Shape:
    """How a measure's values are written and judged: from its indicator, the plan's override aside."""

    value_type: str
    decimals: int
    unit: str
    polarity: str  # the plan's intended direction where it gives one (a target), else the indicator's
    indicator_polarity: str  # verdicts and ranks use the indicator's own polarity (analytics.judgement)


def _measure_shape(m: Row, meta: Row | None) -> _Shape:
    override = m.get("polarity_override") if isinstance(m.get("polarity_override"), str) else None
    return _Shape(
        value_type=str((meta or {}).get("value_type") or "other"),
        decimals=decimals_of((meta or {}).get("decimals")),
        unit=str((meta or {}).get("unit") or ""),
        polarity=normalise_polarity(override or (meta or {}).get("polarity")),
        indicator_polarity=normalise_polarity((meta or {}).get("polarity")),
    )


def _blank_record(m: Row, meta: Row | None, shape: _Shape, area_code: str) -> Row:
    """A measure row before its values: the plan's words and the indicator's shape."""
    indicator_id = m.get("indicator_id") if isinstance(m.get("indicator_id"), str) else None
    override = m.get("polarity_override") if isinstance(m.get("polarity_override"), str) else None
    return {
        "measure_id": m["measure_id"],
        "wording": m["wording"],
        "priority_label": _clean(m.get("priority_label")),
        "priority_title": _clean(m.get("priority_title")),
        "indicator_id": indicator_id,
        "indicator_name": (meta or {}).get("name"),
        "indicator_note": _clean(m.get("indicator_note")),
        "local": indicator_id is None or indicator_id.startswith(LOCAL_PREFIX),
        "legacy_code": _clean(m.get("legacy_code")),
        "plan_line": _clean(m.get("source_line")),
        "unit": shape.unit,
        "value_type": shape.value_type,
        "decimals": shape.decimals,
        "polarity": shape.polarity,
        "polarity_from": "plan" if override else "indicator",
        "indicator_polarity": shape.indicator_polarity,
        "polarity_text": POLARITY_WORDS.get(shape.polarity, shape.polarity),
        "has_data": False,
        "no_data_reason": None,
        "value": None,
        "status": None,
        "value_shown": "",
        "period": "",
        "period_sort": None,
        "source": "",
        "illustrative": False,
        "value_note": None,
        "comparisons": [],
        "direction": None,
        "direction_arrow": "",
        "direction_text": "",
        "rag": None,
        "rag_text": "",
        "target_text": _clean(m.get("target_text")),
        "spark_periods": [],
        "spark_values": [],
        "trend_href": _measure_href(m, meta, area_code) if indicator_id else None,
        "breakdown_dimension": _series_key(m)[1],
        "breakdown_value": _series_key(m)[2],
    }


def _comparison(latest: Row, row: Row | None, bench: Row, found: PublishedInterval, shape: _Shape) -> Row:
    """The latest value against one benchmark at the same period (``row``: the benchmark's value)."""
    lower, upper = found.lower, found.upper
    bench_value = row.get("value") if row else None
    # analytics.honest: no published value judged against an illustrative benchmark
    honest = honest_comparison(
        latest.get("value"),
        lower,
        upper,
        bench_value,
        shape.indicator_polarity,
        value_illustrative=latest.get("illustrative"),
        benchmark_illustrative=row.get("illustrative") if row else None,
        published_verdict=published_verdict_for(latest, str(bench["code"])),
    )
    label = honest.label
    bench_shown = _shown(row, shape.value_type, shape.decimals) if row else "no value for this period"
    untested = (
        verdicts.difference_sentence(
            latest.get("value"),
            bench_value,
            value_text=_shown(latest, shape.value_type, shape.decimals),
            benchmark_name=str(bench["name"]),
            benchmark_text=bench_shown,
            value_type=shape.value_type,
            unit=shape.unit,
            decimals=shape.decimals,
            reason=verdicts.untested_reason(found),
        )
        if label == NOT_COMPARED and not honest.reason and row
        else None
    )
    return {
        "code": bench["code"],
        "name": bench["name"],
        "short_name": bench["short_name"],
        "label": label,
        "benchmark_shown": bench_shown,
        "reason": (honest.reason or _not_compared_reason(latest, lower, upper, row)) if label == NOT_COMPARED else None,
        "illustrative": bool(row.get("illustrative")) if row else False,
        "comparison_illustrative": honest.illustrative,
        "source": honest.source,
        "note": honest.note,
        "text": untested,
        "ci_method": verdicts.ci_method_shown(found, label),
    }


def _direction_fields(mine: pd.DataFrame, shape: _Shape) -> Row:
    """Direction of travel: the latest value against the previous one with a number."""
    numbered = mine[mine["value"].notna()]
    direction = direction_of_travel(mine[["period_sort", "value"]], shape.polarity)
    out: Row = {"direction": direction}
    if len(numbered) >= 2:
        previous, last = numbered.iloc[-2], numbered.iloc[-1]
        out["direction_arrow"] = "↑" if last["value"] > previous["value"] else ("↓" if last["value"] < previous["value"] else "→")
        out["direction_text"] = (
            f"{direction}: {_shown(row_dict(last), shape.value_type, shape.decimals)} in {last['period_label']}, "
            f"{_shown(row_dict(previous), shape.value_type, shape.decimals)} in {previous['period_label']} (no significance test)"
        )
    else:
        out["direction_text"] = f"{direction}: fewer than two values to compare"
    return out


def _no_data_reason(area: AreaRecord, benchmarks: Sequence[Row], obs: pd.DataFrame) -> str:
    elsewhere = [b["name"] for b in benchmarks if b["code"] in set(obs["area_code"])]
    return f"No data for {area['name']} yet" + (
        f" ({' and '.join(elsewhere[-2:])} {'has' if len(elsewhere[-2:]) == 1 else 'have'} values)" if elsewhere else ""
    )


def _measure_record(
    m: Row,
    meta: Row | None,
    obs: pd.DataFrame,
    area: AreaRecord,
    benchmarks: Sequence[Row],
) -> Row:
    """Everything one measure row shows, computed from the framework row and the observations."""
    area_code = str(area["code"])
    shape = _measure_shape(m, meta)
    record = _blank_record(m, meta, shape, area_code)
    indicator_id = record["indicator_id"]
    if indicator_id is None:
        record["no_data_reason"] = "no published series"
        record["rag"], record["rag_text"] = _target_without_data(m)
        return record
    if meta is None:
        record["no_data_reason"] = f"Indicator “{indicator_id}” is not in the catalogue"
        return record
    mine = obs[obs["area_code"] == area_code].sort_values("period_sort", kind="stable")
    if mine.empty:
        record["no_data_reason"] = _no_data_reason(area, benchmarks, obs)
        record["rag"], record["rag_text"] = _target_without_data(m)
        return record
    latest = row_dict(mine.iloc[-1])
    period = str(latest["period_label"])
    found = verdicts.interval(latest, shape.value_type)
    record.update(
        has_data=True,
        value=_clean(latest.get("value")),
        status=_clean(latest.get("status")),
        value_shown=_shown(latest, shape.value_type, shape.decimals),
        period=period,
        period_sort=int(latest["period_sort"]),
        source=_source_text(latest),
        illustrative=bool(latest.get("illustrative")),
        value_note=_clean(latest.get("value_note")),
        lower_ci95=_clean(found.lower),
        upper_ci95=_clean(found.upper),
        spark_periods=[str(p) for p in mine["period_label"]],
        spark_values=[None if is_missing(v) else float(v) for v in mine["value"]],
    )
    # comparisons with each benchmark at the same period
    same_period = obs[obs["period_label"] == period].drop_duplicates("area_code", keep="last").set_index("area_code")
    comparisons = [
        _comparison(
            latest, row_dict(same_period.loc[bench["code"]]) if bench["code"] in same_period.index else None, bench, found, shape
        )
        for bench in benchmarks
    ]
    record["comparisons"] = comparisons
    record["illustrative"] = record["illustrative"] or any(c["illustrative"] for c in comparisons)
    record.update(_direction_fields(mine, shape))
    # RAG against the plan's target
    record["rag"], record["rag_text"] = _target(m, latest, mine[mine["value"].notna()], obs, shape.polarity)
    return record


def _not_compared_reason(latest: Row, lower: float | None, upper: float | None, bench: Row | None) -> str:
    if is_missing(latest.get("value")):
        return "the value is suppressed or missing"
    if bench is None or is_missing(bench.get("value")):
        return "no benchmark value for the same period"
    if is_missing(lower) or is_missing(upper):
        return "no confidence interval for this value"
    return "not comparable"


def _target_without_data(m: Row) -> tuple[str | None, str]:
    kind = m.get("target_kind")
    if not isinstance(kind, str) or not kind:
        return None, ""
    result = assess_target(kind, latest_value=None, polarity=None, target_value=_clean(m.get("target_value")))
    return result.rag, result.text


def _target(m: Row, latest: Row, numbered: pd.DataFrame, obs: pd.DataFrame, polarity: str) -> tuple[str | None, str]:
    kind = m.get("target_kind")
    if not isinstance(kind, str) or not kind:
        return None, ""
    comparator_value, comparator_illustrative = None, None
    comparator = m.get("target_comparator")
    if isinstance(comparator, str) and comparator:
        rows = obs[(obs["area_code"] == comparator) & (obs["period_label"] == latest["period_label"])]
        comparator_value = _clean(rows["value"].iloc[-1]) if not rows.empty else None
        comparator_illustrative = bool(rows["illustrative"].iloc[-1]) if not rows.empty and "illustrative" in rows else None
    previous = numbered["value"].iloc[-2] if len(numbered) >= 2 and not is_missing(latest.get("value")) else None
    target_value = _clean(m.get("target_value"))
    relation = m.get("target_relation") if isinstance(m.get("target_relation"), str) else None
    if kind == "direction" and relation is None and isinstance(m.get("target_text"), str):
        relation = m["target_text"].strip().lower()
    result = assess_target(
        kind,
        latest_value=_clean(latest.get("value")),
        polarity=polarity,
        target_value=target_value,
        baseline_value=_clean(m.get("target_baseline_value")),
        comparator_value=comparator_value,
        relation=relation,
        target_by=_clean(m.get("target_by")),
        previous_value=_clean(previous),
        value_illustrative=bool(latest.get("illustrative")),
        comparator_illustrative=comparator_illustrative,
    )
    return result.rag, result.text


# ---------------------------------------------------------------- sentences


def comparison_counts(measures: pd.DataFrame, benchmark_code: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for comps in measures.get("comparisons", pd.Series(dtype=object)):
        for comp in comps or []:
            if comp["code"] == benchmark_code:
                counts[comp["label"]] = counts.get(comp["label"], 0) + 1
    return {label: counts[label] for label in LABEL_ORDER if label in counts}


def bee_sentence(name: str, measures: pd.DataFrame, england_name: str = "England") -> str:
    """'Be Safe: 3 of 8 measures have data; 1 better than England, 2 similar.'"""
    total = len(measures)
    if total == 0:
        return f"{name}: the plan lists no measures for this outcome."
    with_data = int(measures["has_data"].sum())
    noun = "measure has" if total == 1 else "measures have"
    text = f"{name}: {with_data} of {total} {noun} data"
    if with_data == 0:
        return text + "."
    counts = comparison_counts(measures[measures["has_data"]], ENGLAND)
    parts: list[str] = []
    for label, n in counts.items():
        word = "not tested" if label == NOT_COMPARED else label.lower()
        if not parts:
            word += {SIMILAR: f" to {england_name}", NOT_COMPARED: f" against {england_name}"}.get(label, f" than {england_name}")
        parts.append(f"{n} {word}")
    return text + ("; " + ", ".join(parts) if parts else "") + "."


# ---------------------------------------------------------------- build


def _add_ranks(bees: Sequence[Bee], area: AreaRecord) -> None:
    """``rank_text`` on each council or district measure: its rank and LAIT quartile band among all
    councils (or all lower-tier areas) for its latest period, from one read for the whole page."""
    level = area["level"]
    ranked = [b.measures for b in bees if not b.measures.empty]
    if not ranked or not sn.rank_levels(level):
        return
    chosen = pd.concat(ranked)
    chosen = chosen[chosen["has_data"] & (chosen["breakdown_value"].fillna(TOTAL) == TOTAL) & chosen["indicator_id"].notna()]
    periods = dict(zip(chosen["indicator_id"], chosen["period"]))
    polarities = dict(zip(chosen["indicator_id"], chosen["indicator_polarity"]))
    table = sn.area_ranks(str(area["code"]), periods, polarities, str(level))
    for bee in bees:
        if bee.measures.empty:
            continue
        bee.measures["rank_text"] = [
            sn.rank_phrase(table.get(i), str(level)) if has and (b or TOTAL) == TOTAL else ""
            for i, has, b in zip(bee.measures["indicator_id"], bee.measures["has_data"], bee.measures["breakdown_value"])
        ]


def _with_local_indicators(tree: pd.DataFrame) -> pd.DataFrame:
    """A local measure (no publisher supplies it) whose own figures were imported through the
    plan's template reads them from the indicator the template minted for it."""
    if tree.empty or "measure_id" not in tree:
        return tree
    local = tree["measure_id"].notna() & tree["indicator_id"].isna()
    minted = {str(m): local_indicator_id(str(m)) for m in tree.loc[local, "measure_id"]}
    have = reads.existing_indicators(list(minted.values()))
    if not have:
        return tree
    out = tree.copy()
    out["indicator_id"] = [
        minted[str(m)] if is_local and minted.get(str(m)) in have else i
        for m, i, is_local in zip(out["measure_id"], out["indicator_id"], local)
    ]
    return out


def _mark_local(measures: pd.DataFrame, framework_id: str) -> None:
    """Local measures link to their plan's template; their imported values say whose they are:
    "Local figures, imported on <date> by <user>"."""
    if measures.empty:
        return
    local = measures["local"].astype(bool)
    measures["template_href"] = [url_for("admin-plan-template", framework_id=framework_id) if flag else None for flag in local]
    minted = [str(i) for i, flag in zip(measures["indicator_id"], local) if flag and isinstance(i, str)]
    imports = reads.local_imports(minted)
    for index in measures.index[local & measures["has_data"]]:
        found = imports.get(str(measures.at[index, "indicator_id"]))
        if found:
            when, who = _recorded(found.get("imported_on")), _recorded(found.get("imported_by"))
            measures.at[index, "source"] = (
                f"Local figures, imported on {when or 'an unrecorded date'} by {who or 'an unrecorded user'}"
            )


def _recorded(value: object) -> str:
    """A recorded name or date as text; a missing one (None, or NaN from a DataFrame) as ""."""
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


@dataclass(frozen=True)
class _Fetched:
    """Everything the page reads: one framework read, one observation query."""

    framework: Row
    area: AreaRecord
    benchmarks: list[Row]
    tree: pd.DataFrame
    meta_by_id: dict[str, Row]
    by_series: dict[tuple[Hashable, ...], pd.DataFrame]
    empty: pd.DataFrame
    priorities: pd.DataFrame


def _fetch(q: SummaryQuery) -> _Fetched:
    """Fetch: the plan's tree, the catalogue and every series its measures use, for the area,
    the areas above it and the plans' target comparators."""
    frameworks = framework_options()
    framework = row_dict(frameworks[frameworks["id"] == q.framework].iloc[0])
    areas = reads.areas()
    area = known_area(q.area)  # parse_query checked it is one of the plan's areas
    benchmarks = _ancestors(q.area, areas)
    tree = _with_local_indicators(reads.framework_tree(q.framework))
    catalogue = reads.indicators()
    meta_by_id = {row["id"]: row for row in frame_records(catalogue)}
    indicator_ids = sorted({i for i in tree["indicator_id"].dropna()}) if not tree.empty else []
    comparators = {c for c in tree.get("target_comparator", pd.Series(dtype=object)).dropna() if isinstance(c, str)}
    owner = str(framework["owner_area_code"])
    allowed = set(allowed_areas(owner)["code"]) | {b["code"] for b in benchmarks}
    levels = areas.set_index("code")["level"].to_dict()
    # a target comparator from another council's patch is never fetched (Herefordshire ≠ Hertfordshire)
    comparators = {c for c in comparators if c in allowed or levels.get(c) in {"country", "region", "group"}}
    wanted = [q.area, *(b["code"] for b in benchmarks), *sorted(comparators)]
    obs = reads.series_for_indicators(indicator_ids, wanted, groups=_measure_groups(tree))
    by_series = (
        {key: frame for key, frame in obs.groupby(["indicator_id", "breakdown_dimension", "breakdown_value"])}
        if not obs.empty
        else {}
    )
    return _Fetched(framework, area, benchmarks, tree, meta_by_id, by_series, obs.iloc[0:0], reads.priorities(q.framework))


def _bee_priorities(f: _Fetched, outcome_id: object, rows: pd.DataFrame) -> list[tuple[str | None, str]]:
    """The outcome's priorities: from the priority table, else as the plan's rows name them."""
    priorities = f.priorities
    own = priorities[priorities["outcome_id"] == outcome_id] if not priorities.empty else priorities
    prio = [(_clean(label), str(title)) for label, title in zip(own["label"], own["title"])] if not own.empty else []
    if not prio:
        prio = list(
            dict.fromkeys(
                (_clean(r["priority_label"]), str(r["priority_title"]))
                for r in frame_records(rows)
                if isinstance(r.get("priority_title"), str)
            )
        )
    return prio


def _bee(q: SummaryQuery, f: _Fetched, outcome_id: object, rows: pd.DataFrame) -> Bee:
    """Shape and words: one outcome's measures, priorities and sentence."""
    first_row = rows.iloc[0]
    records = [
        _measure_record(
            m,
            f.meta_by_id.get(m["indicator_id"]) if isinstance(m.get("indicator_id"), str) else None,
            f.by_series.get(_series_key(m), f.empty),
            f.area,
            f.benchmarks,
        )
        for m in frame_records(rows[rows["measure_id"].notna()])
    ]
    measures = pd.DataFrame(records, columns=MEASURE_COLUMNS)
    measures["has_data"] = measures["has_data"].astype(bool)
    measures["illustrative"] = measures["illustrative"].astype(bool)
    _mark_local(measures, q.framework)
    name = str(first_row["outcome_name"])
    return Bee(
        outcome_id=str(outcome_id),
        code=str(first_row["outcome_code"]),
        name=name,
        description=_clean(first_row.get("outcome_description")),
        priorities=_bee_priorities(f, outcome_id, rows),
        measures=measures,
        summary=bee_sentence(name, measures),
    )


@memoised("summary")
def summarise(query: Query) -> Summary:
    """The whole page's content from its query (one framework read, one observation query)."""
    q = parse_query(query)
    f = _fetch(q)
    framework, area = f.framework, f.area
    bees = (
        [_bee(q, f, outcome_id, rows) for outcome_id, rows in f.tree.groupby("outcome_id", sort=False)]
        if not f.tree.empty
        else []
    )
    _add_ranks(bees, area)
    total = sum(len(b.measures) for b in bees)
    with_data = sum(b.with_data for b in bees)
    bee_word = "bees" if framework.get("outcome_kind") == "bee" else "outcomes"
    sentence = (
        f"{framework['name']} for {area['name']}: {with_data} of {total} measures across {len(bees)} {bee_word} have data."
        if bees
        else f"{framework['name']} has no outcomes loaded yet."
    )
    sources = []
    for bee in bees:
        if not bee.measures.empty:
            sources += [s for s in bee.measures["source"] if isinstance(s, str) and s]
    return Summary(q, framework, area, f.benchmarks, bees, sentence, list(dict.fromkeys(sources)))


# ---------------------------------------------------------------- exports


TABLE_COLUMNS_BASE = [
    ("measure", "Measure (plan wording)"),
    ("value_shown", "Latest value"),
    ("period", "Period"),
]


def table_columns(benchmarks: Sequence[Row]) -> list[tuple[str, str]]:
    return (
        TABLE_COLUMNS_BASE
        + [(f"vs_{b['code']}", f"Compared with {b['name']}") for b in benchmarks]
        + [
            ("direction", "Direction of travel"),
            ("rag", "Against target"),
            ("illustrative_shown", "Illustrative?"),
            ("source", "Source"),
        ]
    )


def measures_table(measures: pd.DataFrame, benchmarks: Sequence[Row]) -> pd.DataFrame:
    """Pre-formatted strings, one row per measure (suppressed values show their symbol)."""
    rows = []
    for raw in frame_records(measures):
        m = {k: (_clean(v) if not isinstance(v, (list, tuple)) else v) for k, v in raw.items()}  # NaN → None, never "nan"
        unit = m.get("unit") or ""
        shown = m.get("value_shown") or ""
        if m.get("has_data") and unit and unit != "%" and not is_missing(m.get("value")):
            shown = f"{shown} {unit}" if m.get("value_type") != "percentage" else shown
        row = {
            "measure": m["wording"],
            "value_shown": shown if m.get("has_data") else (m.get("no_data_reason") or "No data yet"),
            "period": m.get("period") or "",
            "direction": (f"{m['direction_arrow']} {m['direction']}".strip() if m.get("direction") else ""),
            "rag": m.get("rag") or (NO_TARGET if not m.get("target_text") else "Not assessed"),
            "illustrative_shown": "Yes" if m.get("illustrative") else "No",
            "source": m.get("source") or "",
        }
        for b in benchmarks:
            label = next(
                (
                    mark(c["label"], bool(c.get("comparison_illustrative")))
                    for c in (m.get("comparisons") or [])
                    if c["code"] == b["code"]
                ),
                "",
            )
            row[f"vs_{b['code']}"] = label if m.get("has_data") else ""
        rows.append(row)
    return pd.DataFrame(rows, columns=[c for c, _ in table_columns(benchmarks)])


def _comparison_words(comp: Row) -> str:
    """A card's comparison as the export says it, never a bare "not compared": the verdict and
    whose it is with the benchmark's value, or the untested difference, or why there is none."""
    if isinstance(comp.get("text"), str) and comp["text"]:
        return str(comp["text"])
    if comp["label"] == NOT_COMPARED:
        reason = comp.get("reason") or f"{comp['name']}: {comp.get('benchmark_shown') or 'no value'}"
        return f"Not compared ({reason})"
    return verdicts.verdict_words(comp["label"], comp.get("source"), str(comp["name"]), str(comp.get("benchmark_shown") or ""))


def measures_data(summary: Summary, bees: Sequence[Bee]) -> pd.DataFrame:
    """Tidy rows for CSV: one per measure, raw numbers plus labels and provenance."""
    records = []
    for bee in bees:
        for m in frame_records(bee.measures):
            record = {
                "framework_id": summary.framework["id"],
                "outcome": bee.name,
                "measure_id": m["measure_id"],
                "measure": m["wording"],
                "indicator_id": m.get("indicator_id"),
                "area_code": summary.area["code"],
                "area_name": summary.area["name"],
                "period": m.get("period") or None,
                "value": m.get("value"),
                "value_shown": m.get("value_shown") or None,
                "status": m.get("status"),
                "unit": m.get("unit"),
                "lower_ci95": m.get("lower_ci95"),
                "upper_ci95": m.get("upper_ci95"),
                "polarity": m.get("polarity"),
                "direction_of_travel": m.get("direction"),
                "target_rag": m.get("rag"),
                "target_assessment": m.get("rag_text") or None,
                "no_data_reason": m.get("no_data_reason"),
                "illustrative": bool(m.get("illustrative")),
                "source": m.get("source") or None,
            }
            for comp in m.get("comparisons") or []:
                record[f"compared_with_{slug(comp['short_name'])}"] = mark(
                    comp["label"], bool(comp.get("comparison_illustrative"))
                )
            for comp in m.get("comparisons") or []:  # the card's words: whose verdict, or both values and the gap
                record[f"compared_with_{slug(comp['short_name'])}_words"] = _comparison_words(comp)
            records.append(record)
    return pd.DataFrame(records)


_LABEL_FILL = {
    BETTER: "#D4ECEA",
    WORSE: "#F2DCE6",
    SIMILAR: "#FFFFFF",
    HIGHER: "#DCE4EE",
    LOWER: "#ECE6F6",
    NOT_COMPARED: "#FFFFFF",
}
_RAG_FILL = {"Green": "#D4ECEA", "Amber": "#FDE3D3", "Red": "#F2DCE6"}


def measure_table_figure(table: pd.DataFrame, columns: Sequence[tuple[str, str]]) -> go.Figure:
    """A compact table figure (for PNG/SVG, packs and slides); words in every cell, fills only as support."""
    shown = [c for c in columns if c[0] not in {"source", "illustrative_shown"}]
    values = [table[name].fillna("").astype(str).tolist() for name, _ in shown]
    fills = []
    for name, _ in shown:
        if name.startswith("vs_"):
            fills.append([_LABEL_FILL.get(v, "#FFFFFF") for v in table[name]])
        elif name == "rag":
            fills.append([_RAG_FILL.get(v, "#FFFFFF") for v in table[name]])
        else:
            fills.append(["#FFFFFF"] * len(table))
    widths = [3.2 if name == "measure" else (1.2 if name in {"value_shown", "direction"} else 1.0) for name, _ in shown]
    fig = go.Figure(
        go.Table(
            columnwidth=widths,
            header={
                "values": [f"<b>{label}</b>" for _, label in shown],
                "fill_color": "#12436D",
                "font": {"color": "#FFFFFF", "size": 14, "family": FONT_FAMILY},
                "align": "left",
                "line_color": "#B1B4B6",
                "height": 34,
            },
            cells={
                "values": values,
                "fill_color": fills,
                "align": "left",
                "font": {"color": TEXT, "size": 13, "family": FONT_FAMILY},
                "line_color": "#B1B4B6",
                "height": 30,
            },
        )
    )
    fig.update_layout(
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, height=max(220, 60 + 34 * (len(table) + 1)), font={"color": SECONDARY_TEXT}
    )
    return fig


def _bee_view(summary: Summary, bee: Bee) -> ChartView:
    columns = table_columns(summary.benchmarks)
    table = measures_table(bee.measures, summary.benchmarks)
    fw = summary.framework
    periods = sorted({p for p in table.get("period", []) if p})
    bench_names = ", ".join(b["name"] for b in summary.benchmarks)
    notes = [
        (
            f"Comparisons: Better/Similar/Worse (or Higher/Lower where neither direction is better) mean the {summary.area['name']} value's "
            f"95% confidence interval excludes / includes the benchmark value for the same period; “Not compared” where there is no interval or no benchmark value, "
            "or where a published value would be judged against an illustrative benchmark value; a comparison resting on illustrative values is marked “(illustrative)”."
        ),
        "Direction of travel compares the latest value with the previous one, with no significance test.",
    ]
    suppressed = [m["wording"] for m in frame_records(bee.measures) if m.get("has_data") and is_missing(m.get("value"))]
    if suppressed:
        notes.append("Suppressed or missing values are shown with their symbol, never as zero: " + "; ".join(suppressed) + ".")
    text = ChartText(
        title=f"{bee.name}: {summary.area['name']} – {fw['name']}",
        subtitle=f"Latest values ({', '.join(periods[:3]) + ('…' if len(periods) > 3 else '') if periods else 'no data yet'}) compared with {bench_names or 'no benchmark'}",
        summary=bee.summary,
        sources=list(dict.fromkeys(s for s in table.get("source", []) if s)) if len(table) else [],
        illustrative=bee.illustrative,
        notes=notes,
    )
    return ChartView(
        key="summary",
        figure=measure_table_figure(table, columns),
        text=text,
        table=table,
        table_columns=columns,
        data=measures_data(summary, [bee]),
        filename_stem=f"{summary.framework['id']}_{slug(str(summary.area.get('short_name') or summary.area['name']))}_{slug(bee.name)}",
        numeric_columns=("value_shown",),
    )


def _overview_view(summary: Summary) -> ChartView:
    """All bees at once: counts per bee (table and figure); the CSV holds every measure."""
    rows = []
    for bee in summary.bees:
        counts = comparison_counts(bee.measures[bee.measures["has_data"]], ENGLAND)
        rags = bee.measures["rag"].value_counts().to_dict()
        rows.append(
            {
                "bee": bee.name,
                "measures": str(len(bee.measures)),
                "with_data": str(bee.with_data),
                "england": ", ".join(f"{n} {label.lower()}" for label, n in counts.items()) or "–",
                "rag": ", ".join(f"{int(rags[k])} {k.lower()}" for k in ("Green", "Amber", "Red", "Not assessed") if k in rags)
                or "–",
            }
        )
    columns = [
        ("bee", "Outcome"),
        ("measures", "Measures"),
        ("with_data", "With data"),
        ("england", "Compared with England"),
        ("rag", "Against target"),
    ]
    table = pd.DataFrame(rows, columns=[c for c, _ in columns])
    fw = summary.framework
    text = ChartText(
        title=f"{fw['name']}: {summary.area['name']}",
        subtitle=f"Measures per {'bee' if fw.get('outcome_kind') == 'bee' else 'outcome'}, latest values compared with England",
        summary=summary.sentence,
        sources=summary.sources[:4]
        if len(summary.sources) <= 4
        else list(dict.fromkeys(s.split(", line")[0] for s in summary.sources)),
        illustrative=summary.illustrative,
    )
    return ChartView(
        key="summary",
        figure=measure_table_figure(table, columns),
        text=text,
        table=table,
        table_columns=columns,
        data=measures_data(summary, summary.bees),
        filename_stem=f"{fw['id']}_{slug(str(summary.area.get('short_name') or summary.area['name']))}_summary",
        numeric_columns=("measures", "with_data"),
    )


def build(query: Query) -> ChartView:
    """The overview (all bees); with ``bee=`` the one bee's measure table."""
    views = chart_views(query)
    return views[0]


def chart_views(query: Query) -> list[ChartView]:
    """For exports, packs and slides: the overview, then one view per bee (or just ``bee=``'s)."""
    summary = summarise(query)
    bee_key = summary.query.bee
    if bee_key:
        chosen = [b for b in summary.bees if bee_key in {b.code, b.outcome_id, slug(b.name)}]
        if not chosen:
            raise ViewNotFound(
                f"{summary.framework['name']} has no outcome called “{bee_key}”.",
                [
                    (b.name, export_url("summary", "png", urlencode({**summary.query.to_query(), "bee": b.code})))
                    for b in summary.bees
                ],
            )
        return [_bee_view(summary, b) for b in chosen]
    return [_overview_view(summary)] + [_bee_view(summary, b) for b in summary.bees]
