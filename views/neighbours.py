"""The LAIT view: ``/neighbours?area=CODE&indicator=ID&model=2025|2021``.

With ``indicator``: the council and its ten DfE statistical neighbours for the latest period
(bars with 95% CIs where published or computable), the neighbour average, the council's region
and England as reference lines, and a time series of the council, the neighbour average (with
how many neighbours had a value), region and England with the council's rank and quartile band
among all councils each year. Without ``indicator``: the scorecard — every indicator with a value
for the council, grouped by its own plan (Hertfordshire's Outcome Bees) or else by topic.

The numbers come from ``views.benchmarks`` (LAIT's neighbour average, ranks and bands), so
this page, the API (``benchmark=sn``, ``rank=1``) and the other pages agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

import pandas as pd
import plotly.graph_objects as go

from analytics.ci import ci_for
from analytics.codes import ENGLAND, TOTAL, slug
from analytics.compare import BETTER, HIGHER, LOWER, NOT_COMPARED, SIMILAR, WORSE, normalise_polarity
from analytics.frames import Cell, Row, cell_float, frame_records, is_missing_cell, row_dict
from analytics.honest import honest_comparison
from analytics.judgement import MAX_AGE_YEARS, NO_VALUE, RANK_RULE, is_dated, period_end
from analytics.ranks import neighbour_average
from analytics.trend import NOT_ENOUGH_DATA, direction_between
from components.chart_block import ChartText
from components.formatting import average_decimals, format_value, is_missing, unit_phrase
from components.neighbour_chart import neighbour_bar_figure, quartile_count_figure
from components.routes import url_for
from data_access import reads
from data_access.reads.records import AreaRecord, IndicatorRecord
from views import benchmarks, home, verdicts
from views.area import choose_framework
from views.base import (
    OGL_ATTRIBUTION,
    ChartView,
    Query,
    ViewNotFound,
    any_illustrative,
    first,
    known_area,
    known_indicator,
    source_lines,
)
from views.council_map import CouncilMapChart
from views.council_map import build_council_map as build_england_map
from views.view_cache import memoised

COUNCIL_LEVELS = ("county", "unitary")

#: An indicator as the formatting helpers read it: its record, or its row of the catalogue frame.
IndicatorMeta: TypeAlias = IndicatorRecord | Row
OTHER_GROUP = "Other indicators"


def default_area() -> str:
    """``/neighbours`` opens on the home council."""
    return home.home_area()


def not_found_links() -> list[tuple[str, str]]:
    return [(f"{home.home_name()}'s statistical neighbours", url_for("neighbours", area=home.home_area()))]


#: Scorecard orders (``sort=``): key → words for the caption.
SORTS = {
    "group": "by group, in the plan's order",
    "rank": "by rank among councils, best first",
    "rank-worst": "by rank among councils, worst first",
    "direction": "by direction of travel",
    "name": "by indicator name",
}
#: Scorecard rows shown per page on screen (``page=``; ``page=all`` shows every row). Exports,
#: the board pack and the slide keep every row: paging is a reading aid, not a filter.
SCORECARD_PAGE_SIZE = 50
ALL_PAGES = "all"

#: How a scorecard row's period reads: its newest value is recent enough to count, or it is not.
LATEST = "latest"
DATED = f"dated (more than {MAX_AGE_YEARS} years old)"

DIRECTION_ORDER = {"Improving": 0, "No change": 1, "Increased": 2, "Decreased": 3, "Getting worse": 4, "Not enough data": 5}


@dataclass(frozen=True)
class NeighboursQuery:
    area: str
    indicator: str | None
    model: str
    sort: str = "group"
    page: int | None = 1  # None: every row on one page

    def to_query(self) -> dict[str, str]:
        query = {"area": self.area}
        if self.indicator:
            query["indicator"] = self.indicator
        if self.model != benchmarks.DEFAULT_MODEL:
            query["model"] = self.model
        if not self.indicator and self.sort != "group":
            query["sort"] = self.sort
        if not self.indicator and self.page != 1:
            query["page"] = ALL_PAGES if self.page is None else str(self.page)
        return query


# ------------------------------------------------------------------ query


@dataclass(kw_only=True)
class NeighboursChart(ChartView):
    """A /neighbours view: the indicator chart (with its period, indicator, plotted rows, the
    neighbour average and the council's rank) or, without an indicator, the scorecard."""

    query: NeighboursQuery
    area: AreaRecord
    period: str = ""
    meta: IndicatorRecord | None = None  # None on the scorecard
    chart_rows: pd.DataFrame = field(default_factory=pd.DataFrame)
    average: float | None = None
    n_average: int = 0
    rank: Row | None = None
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # the scorecard's rows, before display formatting
    #: the council's statistical neighbours in the model's order (``benchmarks.neighbours``), read
    #: once for the view, the page's introduction and the map's outlines
    group: pd.DataFrame = field(default_factory=pd.DataFrame)


def parse_query(query: Query) -> NeighboursQuery:
    """Validate the URL; every problem is a ``ViewNotFound`` worded for the reader."""
    raw = (first(query, "area") or first(query, "_id") or default_area()).upper()
    code = reads.resolve_area_code(raw)
    if code is None:
        raise ViewNotFound(
            f"There is no area with the code “{raw}”. Council codes are GSS codes such as E10000015 (Hertfordshire).",
            not_found_links(),
        )
    area = known_area(code)
    if area["level"] == "district":
        county = reads.area(area["parent_code"]) if area["parent_code"] else None
        links = [(f"{county['name']}'s statistical neighbours", url_for("neighbours", area=county["code"]))] if county else []
        raise ViewNotFound(
            f"{area['name']} is a district council. DfE's statistical neighbours exist for councils with children's services "
            f"(county and unitary councils){', so compare ' + county['name'] + ' with its neighbours instead' if county else ''}.",
            links + [(f"{area['name']}'s area profile", url_for("area", code=code))],
        )
    if area["level"] not in COUNCIL_LEVELS:
        raise ViewNotFound(
            f"{area['name']} is not a council: statistical neighbours exist for county and unitary councils.",
            not_found_links(),
        )
    try:
        model = benchmarks.parse_model(first(query, "model"))
    except ValueError as problem:
        raise ViewNotFound(
            f"There is no statistical-neighbour model “{first(query, 'model')}”: the {problem}.", not_found_links()
        ) from problem
    indicator = first(query, "indicator")
    if indicator and indicator.lower() in {"all", "scorecard"}:
        indicator = None
    if indicator and reads.indicator(indicator) is None:
        raise ViewNotFound(
            f"There is no indicator called “{indicator}”.",
            [("Indicator catalogue", url_for("indicators")), (f"{area['name']}'s scorecard", url_for("neighbours", area=code))],
        )
    sort = first(query, "sort", "group") or "group"
    return NeighboursQuery(code, indicator, model, sort if sort in SORTS else "group", parse_page(first(query, "page")))


def parse_page(raw: str | None) -> int | None:
    """``page=`` as a page number (1 when absent or not a positive number: a mistyped page shows the
    first, it is not an error) or None for ``page=all``. Numbers past the end are clamped later,
    when the row count is known."""
    if raw is None or not raw.strip():
        return 1
    if raw.strip().lower() == ALL_PAGES:
        return None
    return int(raw) if raw.strip().isdigit() and int(raw) > 0 else 1


@dataclass(frozen=True)
class ScorecardPage:
    """Which slice of the scorecard's table the page shows."""

    rows: pd.DataFrame
    page: int | None  # None: all rows
    pages: int
    first_row: int  # 1-based, for the caption
    last_row: int
    total: int


def scorecard_page(table: pd.DataFrame, page: int | None, size: int = SCORECARD_PAGE_SIZE) -> ScorecardPage:
    """The rows of one page of the (already sorted) scorecard table, with the page clamped to the
    last one: Hertfordshire has ~520 indicators, too many to read, or to draw quickly, at once."""
    total = len(table)
    pages = max(1, -(-total // size))
    if page is None or pages == 1:
        return ScorecardPage(table, None if pages > 1 else 1, pages, 1 if total else 0, total, total)
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    rows = table.iloc[start : start + size]
    return ScorecardPage(rows, page, pages, start + 1, start + len(rows), total)


def _group(q: NeighboursQuery, area: AreaRecord) -> pd.DataFrame:
    group = benchmarks.neighbours(q.area, q.model)
    if group.empty:
        raise ViewNotFound(
            f"DfE's {q.model} statistical-neighbour model has no neighbours for {area['name']}.",
            [(f"{area['name']}'s area profile", url_for("area", code=q.area))] + not_found_links(),
        )
    return group


def _region(area: AreaRecord) -> AreaRecord | None:
    parent = reads.area(area["parent_code"]) if area["parent_code"] else None
    return parent if parent and parent["level"] == "region" else None


def _short_sources(rows: pd.DataFrame, keep: int = 4) -> list[str]:
    """A scorecard draws on dozens of documents: name the ones most rows come from and count the
    rest (every row's own source is in the table's CSV), so the source line stays readable."""
    titles = rows["source_title"].dropna().astype(str).value_counts()
    lines = list(titles.index[:keep])
    if len(titles) > keep:
        lines.append(f"and {len(titles) - keep} other published sources (each row's source is in the CSV)")
    licences = rows["source_licence"] if "source_licence" in rows else pd.Series(dtype=object)
    if licences.astype(str).str.contains("Open Government").any():
        lines.append(OGL_ATTRIBUTION)
    return lines


def _model_source(group: pd.DataFrame) -> list[str]:
    """The neighbour model's own source line (the DfE file the groups were loaded from)."""
    titles = group["source_title"].dropna() if "source_title" in group else pd.Series(dtype=object)
    return [str(titles.iloc[0])] if not titles.empty else []


def _model_words(model: str) -> str:
    return {"2025": "DfE statistical neighbours (May 2025 model)", "2021": "DfE statistical neighbours (April 2021 model)"}.get(
        model, f"DfE statistical neighbours ({model} model)"
    )


# ------------------------------------------------------------ formatting


def shown(value: object, meta: IndicatorMeta, status: object = None) -> str:
    """A value as written in a sentence: "11.0%", "36.0 per 10,000"; missing reads as its status."""
    text = format_value(value, meta["value_type"], decimals_of(meta), status=status if isinstance(status, str) else None)
    if is_missing(value):
        return text
    unit = str(meta.get("unit") or "")
    if str(meta["value_type"]).startswith("rate") and unit:
        per = unit.lower().split("per ", 1)
        return f"{text} per {per[1]}" if len(per) == 2 else f"{text} {unit}"
    return text


def cell(value: object, meta: IndicatorMeta, status: object = None) -> str:
    """A table cell: the number as the indicator formats it (the unit is in the column header)."""
    return format_value(value, meta["value_type"], decimals_of(meta), status=status if isinstance(status, str) else None)


def in_period(period: str) -> str:
    """ "In 2024/25" for a year; "At 31 March 2025" for a point in time."""
    return f"At {period}" if re.match(r"^\d{1,2} [A-Za-z]+ \d{4}$", period.strip()) else f"In {period}"


def decimals_of(meta: IndicatorMeta) -> int:
    """The indicator's decimal places (0 is a real choice, not "unset"; unset means 1)."""
    value = meta.get("decimals")
    return 1 if value is None or is_missing(value) else int(value)


def noun(meta: IndicatorMeta) -> str:
    value_type = str(meta["value_type"])
    if value_type.startswith("rate"):
        return "rate"
    return {"percentage": "percentage", "score": "score", "count": "number", "currency": "figure"}.get(value_type, "value")


def _interval(row: Row, value_type: str) -> tuple[float | None, float | None]:
    """The published 95% CI, or one computed from count and denominator where the method allows."""
    lower, upper = row.get("lower_ci95"), row.get("upper_ci95")
    if (is_missing(lower) or is_missing(upper)) and not is_missing(row.get("value")):
        result = ci_for(value_type, row.get("count"), row.get("denominator"), level=95)
        if result.lower is not None:
            return result.lower, result.upper
    return lower, upper


def _rank_text(rank: Cell, rank_of: Cell) -> str:
    """ "23rd of 153"; empty where the council is not ranked."""
    if rank is None or rank_of is None or is_missing_cell(rank):
        return ""
    return f"{benchmarks.ordinal(int(rank))} of {int(rank_of)}"


# ------------------------------------------------------- the indicator view


def _against_average(council: pd.Series, average: float, polarity: str) -> str:
    """The council against its neighbours' average through ``analytics.honest`` (the one rule);
    the average is of published values only, so it is never an illustrative benchmark."""
    return honest_comparison(
        council["value"],
        council["lower_ci95"],
        council["upper_ci95"],
        average,
        polarity,
        value_illustrative=council.get("illustrative"),
        benchmark_illustrative=False,
    ).label


def indicator_sentence(
    area_name: str,
    period: str,
    meta: IndicatorMeta,
    value: Cell,
    status: Cell,
    average: float | None,
    n_average: int,
    rank: Cell,
    rank_of: Cell,
    quartile: str | None,
    level: str,
    significance: str,
    rank_reason: str = "",
) -> str:
    """ "In 2024-25 Hertfordshire's percentage, 11.0%, was lower than its statistical neighbours'
    average, 11.8% (10 of 10 neighbours had a value), and ranked 78th of 151 councils (quartile C)."

    "better"/"worse" only where the indicator has a polarity and the council's own 95% CI allows
    a test against the average (which has none); otherwise "higher"/"lower" and "not tested".
    """
    if value is None or is_missing(value):
        return f"{in_period(period)} {area_name} has no published value ({shown(value, meta, status)}), so it is neither compared nor ranked."
    own = f"{in_period(period)} {area_name}'s {noun(meta)}, {shown(value, meta)},"
    if average is None or is_missing(average):
        comparison = " has no statistical-neighbour average to compare with (no neighbour has a value)"
    else:
        v, a = float(value), float(average)
        if significance in {BETTER, WORSE, HIGHER, LOWER}:
            word = f"significantly {significance.lower()} than"
        elif significance == SIMILAR:
            word = "similar to"
        else:
            word = "higher than" if v > a else "lower than" if v < a else "the same as"
        count = "all ten neighbours had a value" if n_average >= 10 else f"{n_average} of the ten neighbours had a value"
        comparison = f" was {word} its statistical neighbours' average, {shown(a, meta)} ({count})"
    ranked = benchmarks.rank_words(rank, rank_of, level)
    tail = f", and {ranked} (quartile {quartile}, where A is the best quarter)." if ranked else "."
    if ranked == "" and rank_reason:
        tail = f"; it is not ranked: {rank_reason}."
    elif ranked == "" and normalise_polarity(meta.get("polarity")) not in {"higher_better", "lower_better"}:
        tail = "; it is not ranked because neither higher nor lower is better."
    test = ""
    if not is_missing(average):
        if significance in {BETTER, WORSE, HIGHER, LOWER, SIMILAR}:
            test = " The comparison uses the council's 95% confidence interval; the average itself has none."
        elif significance == NOT_COMPARED:
            test = " No confidence interval is published for this value, so the difference is not tested for significance; the quartile band compares it with all councils."
    return own + comparison + tail + test


@dataclass(frozen=True)
class _IndicatorData:
    """What the indicator view is drawn from: the council, its neighbours, region and England."""

    area: AreaRecord
    meta: IndicatorRecord
    group: pd.DataFrame
    region: AreaRecord | None
    frame: pd.DataFrame
    period: str
    averages: pd.DataFrame
    my_ranks: pd.DataFrame


def _indicator_data(q: NeighboursQuery) -> _IndicatorData:
    """Fetch: the council's, its neighbours', region's and England's values, the neighbour
    averages and the council's ranks; the period shown is the council's latest."""
    area = known_area(q.area)
    indicator = q.indicator or ""  # build() sends a query without an indicator to the scorecard
    meta = known_indicator(indicator)
    group = _group(q, area)
    region = _region(area)
    codes = [q.area, *group["code"].tolist()] + ([region["code"]] if region else []) + [ENGLAND]
    frame = reads.series(indicator, codes)
    mine = frame[frame["area_code"] == q.area]
    if mine.empty:
        raise ViewNotFound(
            f"We hold no values of “{meta['name']}” for {area['name']}.",
            [
                (f"{area['name']}'s scorecard", url_for("neighbours", area=q.area)),
                (f"About {meta['name']}", url_for("indicator", indicator_id=q.indicator)),
            ],
        )
    with_value = mine[mine["value"].notna()]
    latest = with_value if not with_value.empty else mine
    period = str(latest.sort_values("period_sort")["period_label"].iloc[-1])
    averages = benchmarks.neighbour_averages(indicator, q.area, model=q.model).set_index("period_label")
    ranks = benchmarks.ranks(indicator, meta["polarity"], area["level"])
    my_ranks = ranks[ranks["area_code"] == q.area].set_index("period_label")
    return _IndicatorData(area, meta, group, region, frame, period, averages, my_ranks)


def _chart_rows(q: NeighboursQuery, d: _IndicatorData) -> pd.DataFrame:
    """Shape: the council first, then its neighbours by value (best first where there is a polarity)."""
    at = d.frame[d.frame["period_label"] == d.period].set_index("area_code")
    records = []
    for code, name, role, order in [(q.area, d.area["name"], "council", 0)] + [
        (c, n, "neighbour", int(r)) for c, n, r in zip(d.group["code"], d.group["name"], d.group["rank"])
    ]:
        row = row_dict(at.loc[code]) if code in at.index else {}
        lower, upper = _interval(row, d.meta["value_type"]) if row else (None, None)
        records.append(
            {
                "area_code": code,
                "area_name": name,
                "role": role,
                "closeness_rank": order,
                "value": row.get("value"),
                "status": row.get("status"),
                "lower_ci95": lower,
                "upper_ci95": upper,
                "count": row.get("count"),
                "denominator": row.get("denominator"),
                "illustrative": bool(row.get("illustrative", False)),
                "source_title": row.get("source_title"),
                "source_line": row.get("source_line"),
                "source_licence": row.get("source_licence"),
                "period_label": d.period,
            }
        )
    chart_rows = pd.DataFrame(records)
    chart_rows["value"] = pd.to_numeric(chart_rows["value"], errors="coerce")
    descending = normalise_polarity(d.meta["polarity"]) != "lower_better"
    return (
        chart_rows.assign(_missing=chart_rows["value"].isna())
        .sort_values(["_missing", "value"], ascending=[True, not descending], kind="stable")
        .drop(columns="_missing")
        .reset_index(drop=True)
    )


def _average_at(d: _IndicatorData) -> tuple[float | None, int]:
    """The neighbour average in the period shown, and how many neighbours had a value."""
    avg_row = row_dict(d.averages.loc[d.period]) if d.period in d.averages.index else None
    avg_value = cell_float(avg_row["value"]) if avg_row is not None else None
    n_avg = int(avg_row["n_with_value"]) if avg_row is not None else 0
    return avg_value, n_avg


def _indicator_figure(d: _IndicatorData, chart_rows: pd.DataFrame, avg_value: float | None, n_avg: int) -> go.Figure:
    """Figure: the bars, with the neighbour average, region and England as reference lines."""
    at = d.frame[d.frame["period_label"] == d.period].set_index("area_code")["value"]
    region_value = at.get(d.region["code"]) if d.region else None
    england_value = at.get(ENGLAND)
    reference = [(benchmarks.sn_label(n_avg), avg_value)]
    if d.region:
        reference.append((d.region["name"], cell_float(region_value)))
    reference.append(("England", cell_float(england_value)))
    value_type = d.meta["value_type"]
    return neighbour_bar_figure(
        chart_rows,
        value_type=value_type,
        decimals=decimals_of(d.meta),
        unit_label=unit_phrase(d.meta["unit"], value_type),
        reference_lines=reference,
    )


def _indicator_summary(
    d: _IndicatorData, chart_rows: pd.DataFrame, avg_value: float | None, n_avg: int
) -> tuple[str, Row | None]:
    """Words: the council against its neighbours' average, with its rank; and the rank row."""
    council = chart_rows[chart_rows["role"] == "council"].iloc[0]
    significance = _against_average(council, avg_value, d.meta["polarity"]) if avg_value is not None else NOT_COMPARED
    rank_row = row_dict(d.my_ranks.loc[d.period]) if d.period in d.my_ranks.index else None
    summary = indicator_sentence(
        d.area["name"],
        d.period,
        d.meta,
        council["value"],
        council["status"],
        avg_value,
        n_avg,
        rank_row["rank"] if rank_row is not None else None,
        rank_row["rank_of"] if rank_row is not None else None,
        rank_row["quartile"] if rank_row is not None else None,
        d.area["level"],
        significance,
        str(rank_row.get("reason") or "") if rank_row is not None else "",
    )
    return summary, rank_row


def _indicator_text(q: NeighboursQuery, d: _IndicatorData, chart_rows: pd.DataFrame, summary: str) -> ChartText:
    """Words: the title, the subtitle and the notes around the sentence."""
    value_type = d.meta["value_type"]
    notes = [
        f"Neighbours are {d.area['name']}'s ten {_model_words(q.model)}; the average is the plain mean of those with a value that year, as in DfE's LAIT."
    ]
    notes += [
        f"{r.area_name}: {format_value(None, value_type, status=r.status if isinstance(r.status, str) else None)}; shown without a bar, not as zero."
        for r in chart_rows[chart_rows["value"].isna()].itertuples()
    ]
    return ChartText(
        title=f"{d.meta['name']}: {d.area['name']} and its statistical neighbours",
        subtitle=f"{d.period} · {unit_phrase(d.meta['unit'], value_type)} · "
        + (
            "bars show 95% confidence intervals"
            if chart_rows["lower_ci95"].notna().any()
            else "no confidence intervals are published for these values"
        )
        + f" · {_model_words(q.model)}",
        summary=summary,
        sources=source_lines(d.frame[d.frame["period_label"] == d.period]) + _model_source(d.group),
        illustrative=any_illustrative(chart_rows),
        notes=notes,
    )


def _indicator_columns(d: _IndicatorData) -> list[tuple[str, str]]:
    unit_note = "" if d.meta["value_type"] == "percentage" or not d.meta.get("unit") else f" ({d.meta['unit']})"
    return [
        ("period", "Period"),
        ("council", f"{d.area['name']}{unit_note}"),
        ("average", f"Statistical neighbours' average{unit_note}"),
        ("average_of", "Neighbours with a value"),
        ("region", (d.region["name"] if d.region else "Region") + unit_note),
        ("england", f"England{unit_note}"),
        ("rank", "Rank among councils (1 = best)"),
        ("quartile", "Quartile band (A = best)"),
    ]


def build_indicator(q: NeighboursQuery) -> NeighboursChart:
    """fetch → shape → words → figure for one indicator against the council's neighbours."""
    d = _indicator_data(q)
    chart_rows = _chart_rows(q, d)
    avg_value, n_avg = _average_at(d)
    figure = _indicator_figure(d, chart_rows, avg_value, n_avg)
    summary, rank_row = _indicator_summary(d, chart_rows, avg_value, n_avg)
    series_table, series_data = _series_table(q, d)
    return NeighboursChart(
        key="neighbours",
        figure=figure,
        text=_indicator_text(q, d, chart_rows, summary),
        table=series_table,
        table_columns=_indicator_columns(d),
        data=series_data,
        filename_stem=f"{q.indicator}_{slug(d.area['name'])}-neighbours-{q.model}_{slug(d.period)}",
        numeric_columns=("council", "average", "average_of", "region", "england"),
        query=q,
        area=d.area,
        period=d.period,
        meta=d.meta,
        chart_rows=chart_rows,
        average=avg_value,
        n_average=n_avg,
        rank=rank_row,
        group=d.group,
    )


def _series_row(q: NeighboursQuery, d: _IndicatorData, by: dict[tuple[str, str], Row], label: str) -> tuple[Row, Row]:
    """One period's shown row and raw CSV row."""
    meta, region = d.meta, d.region
    mine = by.get((q.area, label), {})
    reg = by.get((region["code"], label), {}) if region else {}
    eng = by.get((ENGLAND, label), {})
    avg = row_dict(d.averages.loc[label]) if label in d.averages.index else None
    rank = row_dict(d.my_ranks.loc[label]) if label in d.my_ranks.index else None
    avg_value = None if avg is None or is_missing(avg["value"]) else float(avg["value"])
    shown_row = {
        "period": label,
        "council": cell(mine.get("value"), meta, mine.get("status")),
        "average": cell(avg_value, meta) if avg_value is not None else "no neighbour values",
        "average_of": f"{int(avg['n_with_value'])} of {int(avg['n_neighbours'])}" if avg is not None else "0 of 10",
        "region": cell(reg.get("value"), meta, reg.get("status")) if reg else "",
        "england": cell(eng.get("value"), meta, eng.get("status")) if eng else "",
        "rank": (_rank_text(rank["rank"], rank["rank_of"]) or f"Not ranked: {rank['reason']}") if rank is not None else "",
        "quartile": rank["quartile"] if rank is not None else benchmarks.NOT_RANKED,
    }
    data_row = {
        "indicator_id": q.indicator,
        "indicator_name": meta["name"],
        "unit": meta["unit"],
        "area_code": q.area,
        "area_name": d.area["name"],
        "period": label,
        "value": mine.get("value"),
        "status": mine.get("status"),
        "neighbour_model": q.model,
        "neighbour_average": avg_value,
        "neighbour_average_label": benchmarks.sn_label(int(avg["n_with_value"]) if avg is not None else 0),
        "neighbours_with_value": int(avg["n_with_value"]) if avg is not None else 0,
        "region_code": region["code"] if region else None,
        "region_value": reg.get("value"),
        "england_value": eng.get("value"),
        "rank": None if rank is None or pd.isna(rank["rank"]) else int(rank["rank"]),
        "rank_of": int(rank["rank_of"]) if rank is not None else None,
        "quartile": rank["quartile"] if rank is not None else benchmarks.NOT_RANKED,
        "illustrative": bool(mine.get("illustrative", False)),
        "source_title": mine.get("source_title"),
        "source_line": mine.get("source_line"),
    }
    return shown_row, data_row


def _series_table(q: NeighboursQuery, d: _IndicatorData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per period the council has: its value, the neighbour average ("average of N"),
    region, England, rank and band. Returns (shown table, raw data for CSV)."""
    frame = d.frame
    periods = frame[frame["area_code"] == q.area].drop_duplicates("period_label").sort_values("period_sort")
    by = {(r["area_code"], r["period_label"]): r for r in frame_records(frame)}
    shown_rows, data_rows = [], []
    for label in periods["period_label"]:
        shown_row, data_row = _series_row(q, d, by, label)
        shown_rows.append(shown_row)
        data_rows.append(data_row)
    return pd.DataFrame(shown_rows[::-1]), pd.DataFrame(data_rows)


# ------------------------------------------------------------ the scorecard


def _framework_groups(area: AreaRecord) -> tuple[Row | None, dict[str, tuple[str, int, int]]]:
    """The council's own plan (never another council's) and indicator → (outcome, order, measure order)."""
    framework = choose_framework(area)  # the one rule for which plan an area uses
    if framework is None or framework.get("owner_area_code") != area["code"]:
        return None, {}
    tree = reads.framework_tree(framework["id"]).dropna(subset=["indicator_id"])
    mapping: dict[str, tuple[str, int, int]] = {}
    for row in frame_records(tree):
        mapping.setdefault(
            row["indicator_id"], (str(row["outcome_name"]), int(row["outcome_order"] or 0), int(row["measure_order"] or 0))
        )
    return framework, mapping


@dataclass(frozen=True)
class _Scorecard:
    """What the scorecard's rows are judged from, read once for every indicator."""

    latest: pd.DataFrame  # the council's newest value of each indicator
    stored: dict[tuple[str, str], Row]  # (indicator, period) → the judgement stored at load time
    live: dict[str, str]  # indicator → period, judged here (not stored, or another model)
    by_indicator: dict[str, tuple[list[str], list[float]]]  # indicator → every council's and England's values
    catalogue: dict[str, Row]
    framework: Row | None
    mapping: dict[str, tuple[str, int, int]]
    neighbour_codes: set[str]
    no_quartile: frozenset[str]
    n_areas: int | None
    last_two: dict[str, tuple[list[int], list[float]]]  # indicator → the two newest (sort keys, values)


def _grouped_values(peers: pd.DataFrame) -> dict[str, tuple[list[str], list[float]]]:
    # plain lists per indicator, grouped once: per-indicator DataFrame filtering dominated the time
    by_indicator: dict[str, tuple[list[str], list[float]]] = {}
    for indicator_id, code, value in zip(peers["indicator_id"], peers["area_code"], peers["value"]):
        codes, values = by_indicator.setdefault(indicator_id, ([], []))
        codes.append(code)
        values.append(value)
    return by_indicator


def _last_two(observed: pd.DataFrame) -> dict[str, tuple[list[int], list[float]]]:
    # the two newest values of each indicator, grouped once (direction of travel needs no more);
    # a DataFrame slice per indicator was a third of a cold scorecard
    numbered = observed.assign(value=pd.to_numeric(observed["value"], errors="coerce"))
    numbered = numbered[numbered["value"].notna()].sort_values("period_sort", kind="stable")
    last_two: dict[str, tuple[list[int], list[float]]] = {}
    for indicator_id, sort_key, value in zip(
        *(numbered.groupby("indicator_id", sort=False).tail(2)[c] for c in ("indicator_id", "period_sort", "value"))
    ):
        sorts, values = last_two.setdefault(indicator_id, ([], []))
        sorts.append(sort_key)
        values.append(value)
    return last_two


def _scorecard_inputs(q: NeighboursQuery, area: AreaRecord, group: pd.DataFrame) -> _Scorecard | None:
    """Fetch: three reads in all (the council's observations; every council's and England's values
    at each indicator's latest period; the catalogue), not one per indicator. None: no values."""
    observed = reads.area_observations(q.area)
    observed = observed[observed["breakdown_value"] == TOTAL]
    valued = observed[observed["value"].notna()]
    if valued.empty:
        return None
    latest = valued.sort_values("period_sort", kind="stable").groupby("indicator_id", sort=False).tail(1)
    periods = dict(zip(latest["indicator_id"], latest["period_label"]))
    # the judgements stored when the data was loaded (one indexed read); only what they do not
    # cover (another neighbour model, illustrative values) is computed here, by the same rules
    stored = {(r["indicator_id"], r["period_label"]): r for r in frame_records(reads.stored_judgements(q.area, periods=periods))}
    use_stored = q.model == benchmarks.DEFAULT_MODEL
    live = {i: p for i, p in periods.items() if not use_stored or (i, p) not in stored}
    peers = reads.period_values(live, area_codes=[ENGLAND], levels=benchmarks.rank_levels(area["level"]))
    peers = peers[~peers["illustrative"].astype(bool)]
    catalogue = {record["id"]: record for record in frame_records(reads.indicators())}
    framework, mapping = _framework_groups(area)
    sizes = reads.level_sizes()
    n_areas = sum(sizes.get(lv, 0) for lv in benchmarks.rank_levels(area["level"])) or None
    return _Scorecard(
        latest,
        stored,
        live,
        _grouped_values(peers),
        catalogue,
        framework,
        mapping,
        set(group["code"]),
        reads.no_quartile_indicators(),
        n_areas,
        _last_two(observed),
    )


def _judged(
    q: NeighboursQuery, s: _Scorecard, row: Row, meta: Row
) -> tuple[float | None, float | None, int, benchmarks.RankRecord | None]:
    """Shape: England's value, the neighbour average, how many neighbours had a value and the
    council's rank — stored at load time, or by the same rules here."""
    indicator_id = row["indicator_id"]
    kept = s.stored.get((indicator_id, row["period_label"])) if indicator_id not in s.live else None
    if kept is not None:
        england_value = None if is_missing(kept["england_value"]) else kept["england_value"]
        average = None if is_missing(kept["sn_value"]) else float(kept["sn_value"])
        n_with = 0 if is_missing(kept["sn_with_value"]) else int(kept["sn_with_value"])
        mine: benchmarks.RankRecord | None = {
            "rank": None if is_missing(kept["rank"]) else int(kept["rank"]),
            "rank_of": int(kept["rank_of"]),
            "quartile": kept["quartile"] if isinstance(kept["quartile"], str) else benchmarks.NOT_RANKED,
            "reason": kept["rank_reason"] or "",
        }
        return england_value, average, n_with, mine
    codes, values = s.by_indicator.get(indicator_id, ([], []))
    england_value = next((v for c, v in zip(codes, values) if c == ENGLAND and not is_missing(v)), None)
    council_codes = [c for c in codes if c != ENGLAND]
    council_values = [v for c, v in zip(codes, values) if c != ENGLAND]
    neighbour_values = [v for c, v in zip(council_codes, council_values) if c in s.neighbour_codes]
    average = neighbour_average(neighbour_values)
    n_with = sum(1 for v in neighbour_values if not is_missing(v))
    # the rank rules (analytics.judgement): polarity, not a count, LAIT's No_Quartile, coverage
    mine = None
    if q.area in council_codes:
        mine = benchmarks.rank_of_area(
            council_values,
            council_values[council_codes.index(q.area)],
            meta["polarity"],
            value_type=str(meta["value_type"]),
            no_quartile=indicator_id in s.no_quartile,
            n_areas=s.n_areas,
        )
    return england_value, average, n_with, mine


def _scorecard_meta(s: _Scorecard, indicator_id: str) -> Row:
    meta = dict(
        s.catalogue.get(indicator_id)
        or {"name": indicator_id, "value_type": "other", "unit": "", "polarity": "no_judgement", "topic": None}
    )
    meta.setdefault("decimals", 1)
    return meta


def _against_england(row: Row, meta: Row, england_value: Cell) -> Row:
    """Against England: the publisher's verdict, a test, or both values and the gap (views.verdicts)."""
    return verdicts.against_benchmark(
        row,
        benchmark_code=ENGLAND,
        benchmark_name="England",
        benchmark_value=england_value,
        benchmark_text=shown(england_value, meta) if england_value is not None else "",
        value_type=str(meta["value_type"]),
        unit="",  # shown() already writes the unit after each value
        decimals=decimals_of(meta),
        polarity=meta["polarity"],
        value_text=shown(row["value"], meta, row["status"]),
    )


def _scorecard_record(q: NeighboursQuery, s: _Scorecard, row: Row) -> Row:
    """One indicator's scorecard row: value, neighbour average, England, rank, band, direction."""
    indicator_id = row["indicator_id"]
    meta = _scorecard_meta(s, indicator_id)
    polarity = meta["polarity"]
    england_value, average, n_with, mine = _judged(q, s, row, meta)
    dated = is_dated(period_end(row["period_sort"]))
    if indicator_id in s.mapping:
        group_name, group_order, measure_order = s.mapping[indicator_id]
    else:
        topic = meta.get("topic") if isinstance(meta.get("topic"), str) and meta.get("topic") else None
        group_name, group_order, measure_order = (topic or OTHER_GROUP), 10_000, 0
    versus = _against_england(row, meta, england_value)
    return {
        "group": group_name,
        "group_order": group_order,
        "measure_order": measure_order,
        "framework": s.framework["name"] if s.framework is not None and indicator_id in s.mapping else None,
        "indicator_id": indicator_id,
        "indicator_name": meta["name"],
        "unit": meta["unit"],
        "value_type": meta["value_type"],
        "decimals": decimals_of(meta),
        "polarity": polarity,
        "period": row["period_label"],
        "value": float(row["value"]),
        "status": row["status"],
        "value_shown": shown(row["value"], meta, row["status"]),
        "neighbour_average": average,
        "neighbours_with_value": n_with,
        "neighbour_average_shown": shown(average, {**meta, "decimals": average_decimals(decimals_of(meta))})
        if average is not None
        else "no neighbour values",
        "england_value": None if england_value is None else float(england_value),
        "england_shown": shown(england_value, meta) if england_value is not None else "no value",
        "rank": mine["rank"] if mine else None,
        "rank_of": mine["rank_of"] if mine else None,
        "quartile": mine["quartile"] if mine else benchmarks.NOT_RANKED,
        "rank_reason": mine["reason"] if mine else NO_VALUE,
        "dated": dated,
        "currency": DATED if dated else LATEST,
        "direction": _direction(s.last_two.get(indicator_id, ([], []))[1], polarity),
        "illustrative": bool(row["illustrative"]),
        "source_title": row["source_title"],
        "source_line": row["source_line"],
        "source_licence": row.get("source_licence"),
        "england_comparison": versus["label"],
        "comparison_source": versus["comparison_source"],
        "comparison_note": versus["comparison_note"],
        "england_comparison_text": versus["shown"],
    }


def scorecard_rows(q: NeighboursQuery, area: AreaRecord, group: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator with a value for the council: its latest period's value, the
    neighbour average, England, rank, band and direction of travel.

    Three reads in all (the council's observations; every council's and England's values at each
    indicator's latest period; the catalogue), not one per indicator: Hertfordshire has ~500."""
    inputs = _scorecard_inputs(q, area, group)
    if inputs is None:
        return pd.DataFrame()
    out = pd.DataFrame([_scorecard_record(q, inputs, row) for row in frame_records(inputs.latest)])
    out["rank"] = out["rank"].astype("Int64")
    return out.sort_values(["group_order", "group", "measure_order", "indicator_name"], kind="stable").reset_index(drop=True)


def _direction(values: list[float], polarity: str) -> str:
    """Direction of travel from the two newest values (oldest first), as ``direction_of_travel``."""
    return direction_between(float(values[-2]), float(values[-1]), polarity) if len(values) >= 2 else NOT_ENOUGH_DATA


def sort_scorecard(rows: pd.DataFrame, sort: str) -> pd.DataFrame:
    """Reorder the scorecard (the URL's ``sort=``). Ranks are compared as a share of the councils
    ranked (23rd of 153 before 23rd of 120); unranked rows go last."""
    if rows.empty or sort == "group":
        return rows
    out = rows.copy()
    share = [None if pd.isna(r) or not n else float(r) / float(n) for r, n in zip(out["rank"], out["rank_of"])]
    out["_share"] = pd.to_numeric(pd.Series(share, index=out.index), errors="coerce")
    if sort == "rank":
        out = out.sort_values("_share", na_position="last", kind="stable")
    elif sort == "rank-worst":
        out = out.sort_values("_share", ascending=False, na_position="last", kind="stable")
    elif sort == "direction":
        out = out.assign(_d=out["direction"].map(DIRECTION_ORDER).fillna(9)).sort_values("_d", kind="stable").drop(columns="_d")
    elif sort == "name":
        out = out.sort_values("indicator_name", key=lambda s: s.str.lower(), kind="stable")
    return out.drop(columns="_share").reset_index(drop=True)


def _scorecard_figure(rows: pd.DataFrame) -> go.Figure:
    """Figure: how many indicators fall in each quartile band, by group."""
    counts = (
        rows.groupby(["group_order", "group", "quartile"], sort=True)
        .size()
        .reset_index(name="n")
        .rename(columns={"quartile": "band"})
    )
    counts = counts.sort_values(["group_order", "group"], kind="stable")
    return quartile_count_figure(counts[["group", "band", "n"]])


def _scorecard_text(q: NeighboursQuery, area: AreaRecord, rows: pd.DataFrame, group: pd.DataFrame) -> ChartText:
    """Words: the counts by band and direction, said once for the whole scorecard."""
    ranked = rows[rows["rank"].notna()]
    current = ranked[~ranked["dated"].astype(bool)]
    bands = current["quartile"].value_counts()
    band_words = ", ".join(f"{int(bands.get(b, 0))} in quartile {b}" for b in ("A", "B", "C", "D"))
    n_dated = int(rows["dated"].astype(bool).sum())
    improving = int((rows["direction"] == "Improving").sum())
    worse = int((rows["direction"] == "Getting worse").sum())
    framework = rows["framework"].dropna()
    grouping = f"grouped by {framework.iloc[0]} then by topic" if not framework.empty else "grouped by topic"
    summary = (
        f"{area['name']} has values for {len(rows)} indicators. Of the {len(current)} ranked among councils on a value at most "
        f"{MAX_AGE_YEARS} years old, {band_words} (A is the best quarter). "
        f"{n_dated} indicators' newest value is older than that and is listed as dated, not latest. "
        f"Against the previous period, {improving} improved and {worse} got worse."
    )
    return ChartText(
        title=f"{area['name']} scorecard: every indicator against its statistical neighbours and England",
        subtitle=f"Latest period for each indicator · {grouping} · {_model_words(q.model)} · bars count indicators in each quartile band among all councils",
        summary=summary,
        sources=_short_sources(rows) + _model_source(group),
        illustrative=any_illustrative(rows),
        notes=[
            f"Neighbour average: the plain mean of {area['name']}'s ten neighbours with a value for the same period, as in DfE's LAIT. "
            f"Rank 1 is the best council. {RANK_RULE} "
            "Direction of travel compares the latest value with the previous one, without a significance test."
        ],
    )


def _scorecard_table(q: NeighboursQuery, ordered: pd.DataFrame, group: pd.DataFrame) -> pd.DataFrame:
    """Shape: the scorecard's rows as the table shows them."""
    return pd.DataFrame(
        {
            "indicator": ordered["indicator_name"],
            "indicator_href": [
                url_for("neighbours", area=q.area, indicator=i, model=q.model if q.model != benchmarks.DEFAULT_MODEL else None)
                for i in ordered["indicator_id"]
            ],
            "group": ordered["group"],
            "period": ordered["period"],
            "currency": ordered["currency"],
            "unit": ordered["unit"],
            "value_shown": [
                format_value(v, t, d, status=st if isinstance(st, str) else None)
                for v, t, d, st in zip(ordered["value"], ordered["value_type"], ordered["decimals"], ordered["status"])
            ],
            "average_shown": [
                format_value(v, t, average_decimals(int(d))) if not is_missing(v) else "no neighbour values"
                for v, t, d in zip(ordered["neighbour_average"], ordered["value_type"], ordered["decimals"])
            ],
            "average_of": [f"{int(n)} of {len(group)}" for n in ordered["neighbours_with_value"]],
            "england_shown": [
                format_value(v, t, d) if not is_missing(v) else "no value"
                for v, t, d in zip(ordered["england_value"], ordered["value_type"], ordered["decimals"])
            ],
            "against_england": ordered["england_comparison_text"],
            "rank": [
                _rank_text(r, n) or (f"Not ranked: {why}" if why else "")
                for r, n, why in zip(ordered["rank"], ordered["rank_of"], ordered["rank_reason"])
            ],
            "quartile": ordered["quartile"],
            "direction": ordered["direction"],
        }
    )


def _scorecard_columns(area: AreaRecord) -> list[tuple[str, str]]:
    return [
        ("indicator", "Indicator"),
        ("group", "Group"),
        ("period", "Period"),
        ("currency", "Latest or dated"),
        ("unit", "Unit"),
        ("value_shown", area["name"]),
        ("average_shown", "Statistical neighbours' average"),
        ("average_of", "Neighbours with a value"),
        ("england_shown", "England"),
        ("rank", "Rank among councils (1 = best)"),
        ("quartile", "Quartile band (A = best)"),
        ("direction", "Direction of travel"),
        ("against_england", "Against England"),
    ]


def build_scorecard(q: NeighboursQuery) -> NeighboursChart:
    """fetch → shape → words → figure for every indicator the council has a value for."""
    area = known_area(q.area)
    group = _group(q, area)
    rows = scorecard_rows(q, area, group)
    if rows.empty:
        raise ViewNotFound(f"We hold no indicator values for {area['name']} yet.", not_found_links())
    figure = _scorecard_figure(rows)
    text = _scorecard_text(q, area, rows, group)
    ordered = sort_scorecard(rows, q.sort)
    table = _scorecard_table(q, ordered, group)
    data = ordered.drop(columns=["group_order", "measure_order"]).assign(
        area_code=q.area, area_name=area["name"], neighbour_model=q.model
    )
    data["neighbour_average_label"] = [benchmarks.sn_label(int(n)) for n in data["neighbours_with_value"]]
    return NeighboursChart(
        key="neighbours-scorecard",
        figure=figure,
        text=text,
        table=table,
        table_columns=_scorecard_columns(area),
        data=data,
        filename_stem=f"scorecard_{slug(area['name'])}-neighbours-{q.model}",
        numeric_columns=("value_shown", "average_shown", "average_of", "england_shown"),
        query=q,
        area=area,
        rows=rows,
        group=group,
    )


@memoised("neighbours")
def build(query: Query) -> NeighboursChart:
    q = parse_query(query)
    return build_indicator(q) if q.indicator else build_scorecard(q)


@memoised("neighbours", derived=("chart",))
def build_council_map(query: Query, *, chart: NeighboursChart | None = None) -> CouncilMapChart:
    """The indicator's latest period on the map of England's councils, the council (thick outline)
    and its ten statistical neighbours outlined; ``view=map`` in exports."""
    chart = chart or build(query)
    if not chart.query.indicator:
        raise ViewNotFound("The map of England's councils shows one indicator: choose one.", not_found_links())
    group = chart.group
    meta = chart.meta or known_indicator(chart.query.indicator)  # an indicator chart always has its meta
    return build_england_map(
        chart.query.indicator,
        meta,
        chart.period,
        query,
        outlined=[chart.query.area, *group["code"].astype(str)],
        focus=chart.query.area,
        outlined_label=f"{chart.area['name']}'s statistical neighbours",
        key="neighbours-map",
    )


def chart_views(query: Query) -> list[ChartView]:
    """For exports, packs, embeds and slides: the indicator view, or the scorecard without
    ``indicator``; ``view=map``: the indicator on the map of England's councils."""
    if first(query, "view") == "map":
        return [build_council_map(query)]
    return [build(query)]
