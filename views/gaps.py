"""Attainment gaps view: ``/gaps?phase=eyfs|ks2|ks4|post16&areas=CODE,CODE&period=LABEL``.

Disadvantaged vs other pupils for each area, the gap between them in the measure's unit
(percentage points for percentages, points for Attainment 8), its trend over time, and each
area's gap against England's. Gaps and their intervals come from ``analytics.gaps.gap``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import SupportsFloat

import pandas as pd

from analytics.codes import ENGLAND, TOTAL, slug
from analytics.frames import Row, frame_records, row_dict
from analytics.gaps import gap
from components.chart_block import ChartText
from components.formatting import decimals_of, format_value, is_missing, unit_phrase
from components.gap_chart import DISADVANTAGED, OTHER, dumbbell_figure, gap_text, gap_trend_figure
from components.routes import url_for
from components.trend_chart import PUBLISHED_NOTE
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import home
from views.base import ChartView, Query, ViewNotFound, any_illustrative, code_list, first, source_lines
from views.periods import available_periods, resolve_period
from views.view_cache import memoised

PHASES: dict[str, str] = {
    "eyfs": "Early years (end of Reception)",
    "ks2": "Key stage 2 (end of primary)",
    "ks4": "Key stage 4 (GCSE)",
    "post16": "Post-16 (by age 19)",
}
DEFAULT_PHASE = "ks4"
DIMENSION = "disadvantage"
#: Where DfE publishes a phase's split by free-school-meal eligibility instead of disadvantage.
FSM_DIMENSION = "fsm"


def default_areas() -> list[str]:
    """Gaps are published for councils, not districts (DfE): the home council, its region and England."""
    region = home.region()
    return [home.home_area(), *([region] if region else []), ENGLAND]


FSM_VALUES = {"Eligible for FSM": DISADVANTAGED, "Not eligible for FSM": OTHER}
FSM_NOTE = (
    "For this phase DfE publishes the split by free-school-meal eligibility, not by disadvantage: here "
    "“disadvantaged” means pupils eligible for free school meals and “other” those not eligible."
)
DISTRICT_NOTE = (
    "Attainment gaps are published for councils, regions and England, not for districts: "
    "DfE does not publish disadvantaged pupils' results below council level."
)
MAX_AREAS = 12


@dataclass(frozen=True)
class GapsQuery:
    phase: str
    areas: tuple[str, ...]
    period: str | None

    def to_query(self) -> dict[str, str]:
        query = {"phase": self.phase, "areas": ",".join(self.areas)}
        if self.period:
            query["period"] = self.period
        return query


#: The validated query, its indicator and every period's gap rows: loaded once for both charts.
LoadedGaps = tuple[GapsQuery, IndicatorRecord, pd.DataFrame]


@dataclass(kw_only=True)
class GapsChart(ChartView):
    """A /gaps chart with what it was drawn for: the page's controls and hints read these."""

    query: GapsQuery
    meta: IndicatorRecord
    periods: list[str]
    period: str = ""
    published_periods: list[str] = field(default_factory=list)


def phase_indicators() -> dict[str, str]:
    """phase → indicator id, from the catalogue's ``gap_phase``."""
    frame = reads.indicators()
    frame = frame[frame["gap_phase"].notna()]
    return {str(p): str(i) for p, i in zip(frame["gap_phase"], frame["id"])}


def _phase_links() -> list[tuple[str, str]]:
    return [(f"Attainment gaps: {label}", url_for("gaps", phase=key)) for key, label in PHASES.items()]


def parse_query(query: Query) -> GapsQuery:
    """Validate and normalise; unknown phases, areas or periods raise ``ViewNotFound``."""
    phase = (first(query, "phase", DEFAULT_PHASE) or DEFAULT_PHASE).lower()
    if phase not in PHASES:
        raise ViewNotFound(
            f"There is no attainment-gap phase called “{phase}”. Choose one of: {', '.join(PHASES)}.",
            _phase_links(),
        )
    raw_areas = code_list(query, "areas") or default_areas()
    areas: list[str] = []
    for code in raw_areas:
        resolved = reads.resolve_area_code(code)
        if resolved is None:
            raise ViewNotFound(f"There is no area with the code “{code}”.", [("Attainment gaps", url_for("gaps"))])
        if resolved not in areas:
            areas.append(resolved)
    return GapsQuery(phase, tuple(areas[:MAX_AREAS]), first(query, "period"))


def _indicator_for(q: GapsQuery) -> IndicatorRecord:
    indicator_id = phase_indicators().get(q.phase)
    meta = reads.indicator(indicator_id) if indicator_id else None
    if meta is None:
        raise ViewNotFound(f"No indicator is set up for the {PHASES[q.phase].lower()} attainment gap yet.", _phase_links())
    return meta.copy()


def _wanted(q: GapsQuery) -> list[str]:
    return list(dict.fromkeys([*q.areas, ENGLAND]))


def _num(value: float | None) -> float | None:
    return None if value is None or is_missing(value) else float(value)


def gap_rows(groups: pd.DataFrame, totals: pd.DataFrame, value_type: str) -> pd.DataFrame:
    """One row per area × period: both groups, all pupils, and the gap (other − disadvantaged)."""
    if groups.empty:
        return pd.DataFrame()
    total_by: dict[tuple[str, str], Row] = (
        {(r["area_code"], r["period_label"]): r for r in frame_records(totals)} if not totals.empty else {}
    )
    records: list[Row] = []
    for (code, period), part in groups.groupby(["area_code", "period_label"], sort=False):
        by_value = {r["breakdown_value"]: r for r in frame_records(part)}
        d = by_value.get(DISADVANTAGED, {})
        o = by_value.get(OTHER, {})
        records.append(_gap_record(str(code), str(period), d, o, total_by.get((str(code), str(period))), value_type))
    return pd.DataFrame(records)


def _gap_record(code: str, period: str, d: Row, o: Row, t: Row | None, value_type: str) -> Row:
    """One area and period: disadvantaged (``d``), other pupils (``o``), all pupils (``t``) and
    the gap between the groups with its interval and test (``analytics.gaps.gap``)."""
    base = d or o
    ci_d = (d.get("lower_ci95"), d.get("upper_ci95"))
    ci_o = (o.get("lower_ci95"), o.get("upper_ci95"))
    result = gap(
        o.get("value"),
        d.get("value"),
        value_type,
        count_a=o.get("count"),
        denom_a=o.get("denominator"),
        count_b=d.get("count"),
        denom_b=d.get("denominator"),
        ci_a=None if any(is_missing(v) for v in ci_o) else ci_o,
        ci_b=None if any(is_missing(v) for v in ci_d) else ci_d,
    )
    if result.significant is None:
        test = "Not tested"
    else:
        test = "Significant (95%)" if result.significant else "Not significant (95%)"
    return {
        "area_code": code,
        "area_name": base.get("area_name"),
        "period_label": period,
        "period_sort": base.get("period_sort"),
        "disadvantaged": _num(d.get("value")),
        "other": _num(o.get("value")),
        "all_pupils": _num(t.get("value")) if t is not None else None,
        "status_disadvantaged": d.get("status"),
        "status_other": o.get("status"),
        "status_all": t.get("status") if t is not None else None,
        "illustrative_disadvantaged": bool(d.get("illustrative", False)),
        "illustrative_other": bool(o.get("illustrative", False)),
        "illustrative_all": bool(t.get("illustrative", False)) if t is not None else False,
        "illustrative": bool(d.get("illustrative", False)) or bool(o.get("illustrative", False)),
        "count_disadvantaged": _num(d.get("count")),
        "denominator_disadvantaged": _num(d.get("denominator")),
        "count_other": _num(o.get("count")),
        "denominator_other": _num(o.get("denominator")),
        "gap": result.difference,
        "gap_lower_ci95": result.lower,
        "gap_upper_ci95": result.upper,
        "gap_unit": result.unit_label,
        "gap_method": result.method,
        "gap_test": test,
        "gap_note": result.note,
        "source_title": base.get("source_title"),
        "source_licence": base.get("source_licence"),
        "source_line": "; ".join(
            dict.fromkeys(str(x) for x in (d.get("source_line"), o.get("source_line")) if isinstance(x, str) and x)
        )
        or None,
    }


def _load(q: GapsQuery, meta: IndicatorRecord) -> tuple[pd.DataFrame, pd.DataFrame]:
    wanted = _wanted(q)
    groups = reads.series(meta["id"], wanted, breakdown_dimension=DIMENSION, breakdown_values=[DISADVANTAGED, OTHER])
    if groups.empty:
        fsm = reads.series(meta["id"], wanted, breakdown_dimension=FSM_DIMENSION, breakdown_values=list(FSM_VALUES))
        groups = fsm.assign(breakdown_value=fsm["breakdown_value"].map(FSM_VALUES)) if not fsm.empty else fsm
    if groups.empty:
        raise ViewNotFound(
            f"“{meta['name']}” has no values for disadvantaged and other pupils in these areas yet.", _phase_links()
        )
    totals = reads.series(meta["id"], wanted, breakdown_dimension=TOTAL, breakdown_values=[TOTAL])
    return groups, totals


def _fmt(value: object, value_type: str, decimals: int, status: object = None) -> str:
    return format_value(
        None if is_missing(value) else value, value_type, decimals, status=status if isinstance(status, str) else None
    )


def compared_with_england(area_gap: float | None, england_gap: float | None, unit: str, decimals: int) -> str:
    """'4.0 points wider than England's gap' (descriptive; not a significance test)."""
    if area_gap is None or england_gap is None or is_missing(area_gap) or is_missing(england_gap):
        return "not compared"
    diff = round(float(area_gap) - float(england_gap), decimals)
    if diff == 0:
        return "the same as England's gap"
    word = "wider" if diff > 0 else "narrower"
    return f"{abs(diff):.{decimals}f} {unit} {word} than England's gap"


def story_sentence(row: Row, england: Row, period: str, measure: str, value_type: str, decimals: int) -> str | None:
    """The seed's kind of story: the area's disadvantaged pupils are on the other side of
    England's disadvantaged pupils from where the area's pupils as a whole are."""
    needed = [row.get("disadvantaged"), england.get("disadvantaged"), row.get("all_pupils"), england.get("all_pupils")]
    numbers = [n for n in map(_num, needed) if n is not None]
    if len(numbers) < len(needed):
        return None
    d_area, d_eng, all_area, all_eng = numbers
    name = row["area_name"]
    f = lambda v: format_value(v, value_type, decimals)  # noqa: E731
    gap_part = (
        f"; {name}'s gap between disadvantaged and other pupils was {gap_text(row.get('gap'), row.get('gap_unit') or 'points', decimals)}"
        if not is_missing(row.get("gap"))
        else ""
    )
    if d_area < d_eng and all_area > all_eng:
        return (
            f"In {period}, {name}'s disadvantaged pupils' {measure} ({f(d_area)}) was below England's disadvantaged pupils "
            f"({f(d_eng)}), although all {name} pupils ({f(all_area)}) were above England ({f(all_eng)}){gap_part}."
        )
    if d_area > d_eng and all_area < all_eng:
        return (
            f"In {period}, {name}'s disadvantaged pupils' {measure} ({f(d_area)}) was above England's disadvantaged pupils "
            f"({f(d_eng)}), although all {name} pupils ({f(all_area)}) were below England ({f(all_eng)}){gap_part}."
        )
    return None


def _stories(rows: pd.DataFrame, england: Row, period: str, measure: str, value_type: str, decimals: int) -> list[str]:
    """The first area's story in full; other areas with the same pattern in one short sentence."""
    records = [r for r in frame_records(rows[rows["role"] == "area"])]
    full = [(r, story_sentence(r, england, period, measure, value_type, decimals)) for r in records]
    found = [(r, s) for r, s in full if s]
    if not found:
        return []
    first_row, first_sentence = found[0]
    same = [r for r, s in found[1:] if ("below England's" in s) == ("below England's" in first_sentence)]
    out = [first_sentence]
    if same:
        parts = [
            f"{r['area_name']} ({format_value(r['disadvantaged'], value_type, decimals)} against {format_value(r['all_pupils'], value_type, decimals)} for all pupils)"
            for r in same
        ]
        out.append("The same is true of " + " and ".join([", ".join(parts[:-1]), parts[-1]] if len(parts) > 1 else parts) + ".")
    return out


def _display_rows(rows: pd.DataFrame, q: GapsQuery) -> pd.DataFrame:
    """Chosen areas in URL order, England last (always present as the reference)."""
    order = [c for c in q.areas if c != ENGLAND] + [ENGLAND]
    by_code = rows.set_index("area_code")
    records = []
    for code in order:
        if code in by_code.index:
            record = row_dict(by_code.loc[code])
            record["area_code"] = code
        else:
            area = reads.area(code) or {"name": code}
            record = {
                "area_code": code,
                "area_name": area["name"],
                "disadvantaged": None,
                "other": None,
                "gap": None,
                "gap_test": "Not tested",
                "gap_unit": None,
                "status_disadvantaged": "x",
                "status_other": "x",
                "illustrative_disadvantaged": False,
                "illustrative_other": False,
                "illustrative": False,
                "source_title": None,
                "source_line": None,
            }
        record["role"] = "reference" if code == ENGLAND else "area"
        records.append(record)
    return pd.DataFrame(records)


def loaded(query: Query) -> LoadedGaps:
    """The validated query, its indicator and every period's gap rows: one load for both charts."""
    q = parse_query(query)
    meta = _indicator_for(q)
    groups, totals = _load(q, meta)
    rows = gap_rows(groups, totals, meta["value_type"])
    if not rows.empty:
        rows["group_basis"] = FSM_DIMENSION if (groups["breakdown_dimension"] == FSM_DIMENSION).any() else DIMENSION
    return q, meta, rows


@memoised("gaps", derived=("preloaded",))
def build(query: Query, *, preloaded: LoadedGaps | None = None) -> GapsChart:
    """Disadvantaged vs other pupils in one period, as a dumbbell per area: fetch → shape → words
    → figure and table."""
    q, meta, all_rows = preloaded or loaded(query)
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    period = resolve_period(
        all_rows, q.period, q.areas, value_column="gap", noun="gap values", links=[("Attainment gaps", url_for("gaps"))]
    )
    rows = _display_rows(all_rows[all_rows["period_label"] == period], q)
    unit = next((u for u in rows["gap_unit"] if isinstance(u, str)), None) or (
        "percentage points" if value_type == "percentage" else "points"
    )
    england = row_dict(rows[rows["area_code"] == ENGLAND].iloc[0])
    rows = _with_england_words(rows, england, unit, decimals)
    figure = dumbbell_figure(
        rows,
        value_type=value_type,
        decimals=decimals,
        unit_label=unit_phrase(meta["unit"], value_type),
        gap_unit=unit,
        axis_title=f"{meta['name']} ({unit_phrase(meta['unit'], value_type).lower()})",
    )
    names = [str(n) for n in rows.loc[rows["role"] == "area", "area_name"]]
    data = rows.drop(columns=["role", "gap_label"], errors="ignore").assign(indicator_id=meta["id"], phase=q.phase)
    short = "-".join(slug(_short(n)) for n in [*names, "England"])
    return GapsChart(
        key="gaps",
        figure=figure,
        text=_dumbbell_text(q, meta, rows, all_rows, england, period, unit, names),
        table=_dumbbell_table(rows, value_type, decimals, unit),
        table_columns=[
            ("area", "Area"),
            ("disadvantaged", "Disadvantaged pupils"),
            ("other", "Other pupils"),
            ("all_pupils", "All pupils"),
            ("gap", f"Gap ({unit})"),
            ("ci", "Gap 95% CI"),
            ("test", "Is the gap significant?"),
            ("vs_england", "Compared with England's gap"),
            ("illustrative", "Illustrative?"),
            ("source", "Source"),
        ],
        data=data,
        filename_stem=f"{meta['id']}_gap_{short}_{slug(period)}",
        numeric_columns=("disadvantaged", "other", "all_pupils", "gap", "ci"),
        query=q,
        period=period,
        meta=meta,
        periods=available_periods(all_rows),
        published_periods=_published_periods(all_rows),
    )


def _with_england_words(rows: pd.DataFrame, england: Row, unit: str, decimals: int) -> pd.DataFrame:
    """``vs_england`` (each gap against England's, in words) and ``gap_label`` (the gap by its dumbbell)."""
    rows["vs_england"] = [
        "England (reference)" if code == ENGLAND else compared_with_england(g, england.get("gap"), unit, decimals)
        for code, g in zip(rows["area_code"], rows["gap"])
    ]
    rows["gap_label"] = [
        f"gap {gap_text(g, unit, decimals)}"
        + (
            ""
            if code == ENGLAND or is_missing(g) or is_missing(england.get("gap"))
            else f" (England {float(england['gap']):.{decimals}f})"
        )
        for code, g in zip(rows["area_code"], rows["gap"])
    ]
    return rows


def _dumbbell_text(
    q: GapsQuery,
    meta: IndicatorRecord,
    rows: pd.DataFrame,
    all_rows: pd.DataFrame,
    england: Row,
    period: str,
    unit: str,
    names: list[str],
) -> ChartText:
    """The stories, every gap listed, and the notes (what the gap is, the test, what is missing)."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    measure = meta.get("short_name") or meta["name"]
    stories = _stories(rows, england, period, measure, value_type, decimals)
    listing = "; ".join(
        f"{r['area_name']} {gap_text(r['gap'], unit, decimals)}" for r in frame_records(rows) if not is_missing(r.get("gap"))
    )
    summary = " ".join(
        stories
        + (
            [f"Gaps between other and disadvantaged pupils in {period}: {listing}."]
            if listing
            else [f"No gaps can be calculated for {period}."]
        )
    )
    notes = [
        "The gap is other pupils' value minus disadvantaged pupils' value, in "
        + unit
        + (" (not per cent)." if value_type == "percentage" else "."),
        FSM_NOTE if _fsm_basis(all_rows) else None,
        DISTRICT_NOTE,
        _test_note(set(rows["gap_test"].dropna())),
        PUBLISHED_NOTE if rows["illustrative"].astype(bool).nunique() > 1 else None,
        *_missing_notes(rows, value_type),
    ]
    return ChartText(
        title=f"{meta['name']}: disadvantaged and other pupils, {', '.join(names)} and England",
        subtitle=f"{period} · {PHASES[q.phase]} · {unit_phrase(meta['unit'], value_type)} · gap in {unit}",
        summary=summary,
        sources=source_lines(rows.dropna(subset=["source_title"])),
        illustrative=any_illustrative(rows),
        notes=[n for n in notes if n],
    )


def _dumbbell_table(rows: pd.DataFrame, value_type: str, decimals: int, unit: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area": rows["area_name"],
            "disadvantaged": [
                _fmt(v, value_type, decimals, s) for v, s in zip(rows["disadvantaged"], rows["status_disadvantaged"])
            ],
            "other": [_fmt(v, value_type, decimals, s) for v, s in zip(rows["other"], rows["status_other"])],
            "all_pupils": [
                _fmt(v, value_type, decimals, s)
                for v, s in zip(rows.get("all_pupils", [None] * len(rows)), rows.get("status_all", [None] * len(rows)))
            ],
            "gap": [gap_text(g, unit, decimals) for g in rows["gap"]],
            "ci": [
                "" if is_missing(lo) or is_missing(hi) else f"{float(lo):.{decimals}f} to {float(hi):.{decimals}f}"
                for lo, hi in zip(rows.get("gap_lower_ci95", [None] * len(rows)), rows.get("gap_upper_ci95", [None] * len(rows)))
            ],
            "test": rows["gap_test"],
            "vs_england": rows["vs_england"],
            "illustrative": ["Yes" if f else "No" for f in rows["illustrative"]],
            "source": [
                (f"{t}, line {line}" if isinstance(line, str) and line else (t if isinstance(t, str) else ""))
                for t, line in zip(rows["source_title"], rows["source_line"])
            ],
        }
    )


def _fsm_basis(rows: pd.DataFrame) -> bool:
    """True when the groups are FSM-eligible vs not (the phase has no published disadvantage split)."""
    return "group_basis" in rows.columns and bool((rows["group_basis"] == FSM_DIMENSION).any())


def _published_periods(all_rows: pd.DataFrame) -> list[str]:
    published = all_rows[~all_rows["illustrative"].astype(bool)]
    return available_periods(published) if not published.empty else []


def _test_note(tests: set[str]) -> str:
    if tests == {"Not tested"}:
        return "Whether the gaps are statistically significant is not tested: these values come without counts or confidence intervals."
    return (
        "Significance: a gap is significant when its 95% confidence interval excludes zero (Newcombe's method from the pupil "
        "counts for percentages; otherwise combined from both groups' intervals). “Not tested” means no counts or intervals."
    )


def _missing_notes(rows: pd.DataFrame, value_type: str) -> list[str]:
    notes = []
    for r in frame_records(rows):
        for key, label in (("disadvantaged", "disadvantaged pupils"), ("other", "other pupils")):
            if is_missing(r.get(key)):
                status = r.get(f"status_{key}")
                notes.append(
                    f"{r['area_name']}, {label}: {format_value(None, value_type, status=status if isinstance(status, str) else None)}; "
                    "no marker is drawn and no gap is calculated (never shown as zero)."
                )
    return notes


def _short(name: str) -> str:
    return {"Hertfordshire": "herts", "East of England": "east", "England": "england"}.get(name, name)


@memoised("gaps", derived=("preloaded",))
def build_trend(query: Query, *, preloaded: LoadedGaps | None = None) -> GapsChart:
    """The gap over time, one line per area, England as the dashed reference."""
    q, meta, all_rows = preloaded or loaded(query)
    decimals = decimals_of(meta.get("decimals"))
    order = [c for c in q.areas if c != ENGLAND] + [ENGLAND]
    rows = all_rows[all_rows["area_code"].isin(order)].copy()
    rows["_order"] = rows["area_code"].map({c: i for i, c in enumerate(order)})
    rows = rows.sort_values(["_order", "period_sort"]).drop(columns=["_order"])
    periods = available_periods(rows)
    unit = next((u for u in rows["gap_unit"] if isinstance(u, str)), "points")
    names = list(dict.fromkeys(rows["area_name"]))
    figure = gap_trend_figure(rows, period_order=periods, gap_unit=unit, decimals=decimals)
    sentences = [_change_sentence(rows, code, unit, decimals) for code in order]
    table, columns = _trend_table(rows, periods, names, unit, decimals)
    notes = [
        "The gap is other pupils' value minus disadvantaged pupils' value; a higher line means a wider gap.",
        *([FSM_NOTE] if _fsm_basis(all_rows) else []),
        DISTRICT_NOTE,
        "The horizontal axis lists only the periods with values, evenly spaced" + _missing_years_note(rows) + ".",
    ]
    if rows["illustrative"].astype(bool).nunique() > 1:
        notes.append(PUBLISHED_NOTE)
    text = ChartText(
        title=f"{meta['name']}: gap between disadvantaged and other pupils over time",
        subtitle=f"{periods[0]} to {periods[-1]} · {PHASES[q.phase]} · gap in {unit}" if periods else PHASES[q.phase],
        summary=" ".join(s for s in sentences if s) or "Not enough periods to show how the gap has changed.",
        sources=source_lines(rows.dropna(subset=["source_title"])),
        illustrative=any_illustrative(rows),
        notes=notes,
    )
    short = "-".join(slug(_short(n)) for n in names)
    return GapsChart(
        key="gaps-trend",
        figure=figure,
        text=text,
        table=table,
        table_columns=columns,
        data=rows.assign(indicator_id=meta["id"], phase=q.phase),
        filename_stem=f"{meta['id']}_gap-trend_{short}",
        numeric_columns=tuple(k for k, _ in columns[1:]),
        query=q,
        meta=meta,
        periods=periods,
    )


def _change_sentence(rows: pd.DataFrame, code: str, unit: str, decimals: int) -> str:
    """How one area's gap changed from its first period with a value to its last ("" with fewer than two)."""
    part = rows[(rows["area_code"] == code) & rows["gap"].notna()].sort_values("period_sort")
    if len(part) < 2:
        return ""
    first_row, last_row = part.iloc[0], part.iloc[-1]
    change = round(float(last_row["gap"]) - float(first_row["gap"]), decimals)
    direction = "widened" if change > 0 else ("narrowed" if change < 0 else "did not change")
    amount = f" by {abs(change):.{decimals}f} {unit}" if change else ""
    return (
        f"{first_row['area_name']}'s gap {direction}{amount}, from {gap_text(first_row['gap'], unit, decimals)} in "
        f"{first_row['period_label']} to {gap_text(last_row['gap'], unit, decimals)} in {last_row['period_label']}."
    )


def _trend_table(
    rows: pd.DataFrame, periods: list[str], names: list[str], unit: str, decimals: int
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """One row per period, one gap column per area (a missing gap says why; illustrative ones say so)."""
    wide = rows.pivot_table(index="period_label", columns="area_name", values="gap", aggfunc="first", dropna=False)
    wide = wide.reindex(index=periods, columns=names)
    table = pd.DataFrame({"period": periods})
    columns = [("period", "Period")]
    for i, name in enumerate(names):
        key = f"a{i}"
        part = rows[rows["area_name"] == name].set_index("period_label")
        table[key] = [_gap_cell(wide.at[p, name], part, p, unit, decimals) for p in periods]
        columns.append((key, f"{name}: gap ({unit})"))
    return table, columns


def _gap_cell(value: object, part: pd.DataFrame, period: str, unit: str, decimals: int) -> str:
    if not isinstance(value, SupportsFloat) or is_missing(value):
        if period in part.index:
            row = part.loc[period]
            if isinstance(row, pd.DataFrame):
                row = row.iloc[0]
            statuses = [s for s in (row.get("status_disadvantaged"), row.get("status_other")) if isinstance(s, str)]
            return format_value(None, "other", status=statuses[0] if statuses else None)
        return "no data"
    flag = bool(part.loc[period, "illustrative"]) if period in part.index else False
    return f"{float(value):.{decimals}f}" + (" (illustrative)" if flag else "")


def _missing_years_note(rows: pd.DataFrame) -> str:
    """', and there are no values for 2019/20 and 2020/21' when academic years are skipped (or
    published only as 'not available')."""
    sorts = sorted(set(int(s) for s in rows.loc[rows["gap"].notna(), "period_sort"].dropna()))
    years = [s // 10000 for s in sorts]
    gaps = []
    for before, after in zip(years, years[1:]):
        for year in range(before + 1, after):
            gaps.append(f"{year - 1}/{str(year)[2:]}")
    if not gaps:
        return ""
    return "; there are no values for " + " and ".join([", ".join(gaps[:-1]), gaps[-1]] if len(gaps) > 1 else gaps)


def chart_views(query: Query) -> list[ChartView]:
    """For exports, packs and slides: the dumbbell, or the gap trend with ``view=trend``."""
    if first(query, "view") == "trend":
        return [build_trend(query)]
    return [build(query)]
