"""District comparison view: ``/compare?indicator=&areas=&benchmark=&period=&breakdown=``."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from analytics.codes import ENGLAND, HERTFORDSHIRE, TOTAL, slug
from analytics.compare import NOT_COMPARED, SOURCE_PUBLISHER, comparison_sentence, published_verdict_for
from analytics.frames import Row, cell_float, frame_records, row_dict
from analytics.honest import flag, honest_comparison, mark
from components.chart_block import ChartText
from components.compare_chart import comparison_bar_figure, significance_legend_text
from components.district_map import district_map_figure, missing_shapes
from components.formatting import average_decimals, decimals_of, format_number, format_value, is_missing, unit_phrase
from components.routes import url_for
from components.tile_map import HERTS_TILES, tile_map_figure
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import benchmarks, home, verdicts
from views.base import (
    ChartView,
    Query,
    ViewNotFound,
    any_illustrative,
    area_name,
    code_list,
    first,
    source_lines,
)
from views.council_map import COUNCIL_LEVELS, CouncilMapChart
from views.council_map import build_council_map as build_england_map
from views.periods import resolve_period
from views.view_cache import memoised

# A district indicator with published values for every district (OHID NCMP via Fingertips).
DEFAULT_INDICATOR = "year6-obesity"
#: When the home council has no Year 6 obesity value (OHID publishes it for some counties only),
#: a district indicator every county and district has: KS2 reading, writing and maths (DfE).
FALLBACK_INDICATORS = ("ks2-rwm-expected", "u18-conceptions")
BENCHMARK_ROLE = "Benchmark"
COMPARE_LINKS = [("District comparison", url_for("compare"))]


@dataclass(frozen=True)
class CompareQuery:
    indicator: str
    areas: tuple[str, ...]
    benchmark: str
    period: str | None
    breakdown: str | None  # "dimension:value" or None for all pupils/people
    model: str = benchmarks.DEFAULT_MODEL  # DfE statistical-neighbour model for benchmark=sn

    def to_query(self) -> dict[str, str]:
        query = {"indicator": self.indicator, "areas": ",".join(self.areas), "benchmark": self.benchmark}
        if self.period:
            query["period"] = self.period
        if self.breakdown:
            query["breakdown"] = self.breakdown
        if self.model != benchmarks.DEFAULT_MODEL:
            query["model"] = self.model
        return query


#: The validated query with its indicator, read once by a page that builds several of the charts.
ParsedQuery = tuple[CompareQuery, IndicatorRecord]


@dataclass(kw_only=True)
class CompareChart(ChartView):
    """A /compare chart with what it was drawn for: the page's controls and the map read these."""

    query: CompareQuery
    period: str
    meta: IndicatorRecord
    benchmark_name: str = ""
    colour_by: str = ""
    quartiles_available: bool = False  # some district has a quartile band (A-D) for the period
    missing_shapes: list[str] = field(default_factory=list)  # map districts without a shipped shape


def default_indicator() -> str:
    """What /compare opens on: Year 6 obesity where the home council has a value for it, so the
    districts are compared with their county; else the first fallback the home council has."""
    code = home.home_area()
    for candidate in (DEFAULT_INDICATOR, *FALLBACK_INDICATORS):
        if reads.indicator(candidate) is not None and not reads.series(candidate, [code]).empty:
            return candidate
    return DEFAULT_INDICATOR


def district_codes() -> list[str]:
    """``areas=all``: the home council's districts (none for a unitary council)."""
    return home.districts()


def default_areas() -> list[str]:
    """What /compare opens on (``views.home.compare_defaults``): the home county's districts, or a
    unitary council itself (against its statistical neighbours)."""
    return home.compare_defaults()[0]


def parse_query(query: Query) -> CompareQuery:
    """Validate and normalise; unknown ids raise ``ViewNotFound`` with a helpful message."""
    return _parse(query)[0]


def _parse(query: Query) -> ParsedQuery:
    """``parse_query`` and the indicator's record it checked (read once, not again by ``parsed``)."""
    indicator_id = first(query, "indicator") or default_indicator()
    meta = reads.indicator(indicator_id)
    if meta is None:
        raise ViewNotFound(f"There is no indicator called “{indicator_id}”.", [("Indicator catalogue", url_for("indicators"))])
    raw_areas = code_list(query, "areas")
    if raw_areas in ([], ["ALL"]) and first(query, "areas", "") and str(first(query, "areas")).lower() == "all":
        raw_areas = district_codes()
    if not raw_areas:
        raw_areas = default_areas()
    areas: list[str] = []
    found = reads.resolve_area_codes(raw_areas)  # one read for every code, not one per code
    for code in raw_areas:
        resolved = found[code]
        if resolved is None:
            raise ViewNotFound(f"There is no area with the code “{code}”.", [("District comparison", url_for("compare"))])
        if resolved not in areas:
            areas.append(resolved)
    benchmark_raw = (first(query, "benchmark", "") or home.default_benchmark(areas, indicator_id)).upper()
    benchmark = benchmarks.SN if benchmarks.is_sn(benchmark_raw) else reads.resolve_area_code(benchmark_raw)
    if benchmark is None:
        raise ViewNotFound(
            f"There is no benchmark area with the code “{benchmark_raw}”.", [("District comparison", url_for("compare"))]
        )
    try:
        model = benchmarks.parse_model(first(query, "model"))
    except ValueError as error:
        raise ViewNotFound(
            f"Unknown statistical-neighbour model: {error}.", [("District comparison", url_for("compare"))]
        ) from error
    breakdown = first(query, "breakdown")
    if breakdown and breakdown.lower() in {"total", "all"}:
        breakdown = None
    return CompareQuery(indicator_id, tuple(areas[:12]), benchmark, first(query, "period"), breakdown, model), meta


def neighbour_row(q: CompareQuery, meta: IndicatorRecord, period: str) -> pd.DataFrame:
    """The statistical-neighbour average for ``period`` as one benchmark row (value missing,
    never zero, where the neighbours have no published value or the areas have no neighbours)."""
    dimension, values = _breakdown(q)
    anchor = benchmarks.neighbour_anchor(q.areas)
    averages = (
        benchmarks.neighbour_averages(
            q.indicator, anchor, model=q.model, breakdown_dimension=dimension, breakdown_value=values[0]
        )
        if anchor
        else pd.DataFrame()
    )
    found = averages[averages["period_label"] == period] if not averages.empty else averages
    count = int(found["n_with_value"].iloc[0]) if not found.empty else 0
    name = benchmarks.sn_label(count) if anchor else "Statistical neighbours (none: DfE models cover councils only)"
    row: Row = {str(column): None for column in reads.SERIES_COLUMNS}
    row.update(
        {
            "indicator_id": q.indicator,
            "area_code": benchmarks.SN,
            "area_name": name,
            "area_level": "neighbours",
            "period_label": period,
            "breakdown_dimension": dimension,
            "breakdown_value": values[0],
            "kind": "actual",
            "value": float(found["value"].iloc[0]) if count else None,
            "status": None if count else "x",
            "illustrative": False,
            "neighbours_with_value": count,
            "source_title": f"Mean of the published values of the DfE statistical neighbours ({q.model} model)",
        }
    )
    return pd.DataFrame([row])


def neighbour_note(q: CompareQuery, rows: pd.DataFrame, period: str) -> list[str]:
    """Whose neighbours the average is of, and how many had a value (LAIT's rule, said out loud)."""
    if q.benchmark != benchmarks.SN:
        return []
    anchor = benchmarks.neighbour_anchor(q.areas)
    if anchor is None:
        return ["DfE statistical neighbours exist for councils (county and unitary) only; none of the chosen areas has any."]
    group = benchmarks.neighbours(anchor, q.model)
    bench = rows[rows["area_code"] == benchmarks.SN]
    name = area_name(anchor)
    with_value = int(bench["neighbours_with_value"].iloc[0]) if not bench.empty else 0
    return [
        f"Statistical neighbours: the mean of the published {period} values of {name}'s {len(group)} DfE statistical "
        f"neighbours ({q.model} model: {', '.join(group['name'])}); {with_value} of {len(group)} had a value. An average has no confidence interval: the rank and quartile compare each council "
        "with all others."
    ]


def _breakdown(q: CompareQuery) -> tuple[str, list[str]]:
    if not q.breakdown:
        return TOTAL, [TOTAL]
    dimension, _, value = q.breakdown.partition(":")
    return dimension, [value or TOTAL]


def _with_intervals(frame: pd.DataFrame, value_type: str) -> pd.DataFrame:
    """Each row's 95% CI by the one rule (``analytics.ci.published_interval``), with ``ci_method``
    saying which ("published", "Wilson from published counts", "Byar from the published count")."""
    out = frame.copy()
    methods: list[str] = []
    for index, row in out.iterrows():
        found = verdicts.interval(row_dict(row), value_type)
        if found.available and is_missing(row["lower_ci95"]):
            out.at[index, "lower_ci95"] = found.lower
            out.at[index, "upper_ci95"] = found.upper
        methods.append(f"{found.method} ({found.note})" if found.note else found.method)
    out["ci_method"] = methods
    return out


def parsed(query: Query) -> ParsedQuery:
    """The validated query and its indicator, once, for pages that build both charts."""
    q, found = _parse(query)
    return q, found.copy()


@memoised("compare", derived=("parsed_query",))
def build(query: Query, *, parsed_query: ParsedQuery | None = None) -> CompareChart:
    q, meta = parsed_query or parsed(query)
    dimension, values = _breakdown(q)
    wanted = list(dict.fromkeys([*q.areas, *([] if q.benchmark == benchmarks.SN else [q.benchmark]), ENGLAND]))
    frame = reads.series(q.indicator, wanted, breakdown_dimension=dimension, breakdown_values=values)
    if frame.empty:
        raise ViewNotFound(
            f"“{meta.get('name', q.indicator)}” has no values for these areas yet.",
            [(f"About {meta.get('name', q.indicator)}", url_for("indicator", indicator_id=q.indicator))],
        )
    period = resolve_period(frame, q.period, q.areas, links=COMPARE_LINKS)
    rows = _with_benchmark_row(_with_intervals(frame[frame["period_label"] == period], meta["value_type"]), q, meta, period)
    view_rows = _ordered_rows(rows, q)
    return _chart_view(q, meta, view_rows, period)


def _with_benchmark_row(rows: pd.DataFrame, q: CompareQuery, meta: IndicatorRecord, period: str) -> pd.DataFrame:
    if q.benchmark != benchmarks.SN:
        return rows
    return pd.concat([rows, neighbour_row(q, meta, period)], ignore_index=True)


def _rank_table(rows: pd.DataFrame, meta: IndicatorRecord, level: str, period: str) -> pd.DataFrame:
    """The ranks a comparison looks up for its ``level`` rows: a district's from the stored ones
    (``benchmarks.district_ranks``), a council's among all councils (``benchmarks.ranks``)."""
    if level == "district":
        total = rows[rows["breakdown_value"].isin([TOTAL])] if "breakdown_value" in rows else rows
        return benchmarks.district_ranks(meta["id"], meta["polarity"], meta["value_type"], period, total)
    return benchmarks.ranks(meta["id"], meta["polarity"], level, [period])


def with_ranks(
    rows: pd.DataFrame, meta: IndicatorRecord, period: str, tables: dict[str, pd.DataFrame] | None = None
) -> pd.DataFrame:
    """``rank_text`` for each council or district row: "78th of 151 councils (quartile C)" (LAIT's
    banding among all councils, or all lower-tier areas for a district); "" where not ranked.
    ``tables``: level → the rank table already read for these rows (``_rank_table``)."""
    out = rows.copy()
    texts: list[str] = []
    cache: dict[str, dict[str, Row]] = {}
    for record in frame_records(out):
        level = record.get("area_level")
        if not isinstance(level, str) or not benchmarks.rank_levels(level) or record.get("breakdown_value") not in (None, TOTAL):
            texts.append("")
            continue
        if level not in cache:
            table = (tables or {}).get(level)
            table = table if table is not None else _rank_table(out, meta, level, period)
            cache[level] = {r["area_code"]: r for r in frame_records(table)}
        found = cache[level].get(record["area_code"])
        if found is None:
            texts.append("")
        elif found["quartile"] == benchmarks.NOT_RANKED:
            texts.append(benchmarks.rank_phrase(found, level) if not pd.isna(record.get("value")) else benchmarks.NOT_RANKED)
        else:
            texts.append(
                f"{benchmarks.rank_words(found['rank'], found['rank_of'], level).removeprefix('ranked ')} (quartile {found['quartile']})"
            )
    out["rank_text"] = texts
    return out


def _ordered_rows(rows: pd.DataFrame, q: CompareQuery) -> pd.DataFrame:
    by_code = rows.set_index("area_code")
    bench_value = by_code["value"].get(q.benchmark) if q.benchmark in by_code.index else None
    bench_flag = (
        flag(by_code["illustrative"].get(q.benchmark)) if q.benchmark in by_code.index and "illustrative" in by_code else None
    )
    ordered = [c for c in q.areas if c != q.benchmark] + [q.benchmark] + ([ENGLAND] if ENGLAND != q.benchmark else [])
    records: list[Row] = []
    for code in dict.fromkeys(ordered):
        if code not in by_code.index:
            area = reads.area(code) or {"name": code}
            role = "benchmark" if code == q.benchmark else ("reference" if code == ENGLAND else "area")
            records.append(
                {
                    "area_code": code,
                    "area_name": area["name"],
                    "value": None,
                    "status": None,
                    "lower_ci95": None,
                    "upper_ci95": None,
                    "significance": NOT_COMPARED,
                    "role": role,
                }
            )
            continue
        record = row_dict(by_code.loc[code])
        record["area_code"] = code
        if code == q.benchmark:
            record["significance"], record["role"] = BENCHMARK_ROLE, "benchmark"
        else:
            record["significance"] = None  # filled by _significance once polarity is known
            record["role"] = "reference" if code == ENGLAND else "area"
        records.append(record)
    out = pd.DataFrame(records)
    out["benchmark_value"] = bench_value
    out["benchmark_illustrative"] = bench_flag
    out["benchmark_code"] = q.benchmark
    return out


def _significance(out: pd.DataFrame, polarity: str) -> pd.DataFrame:
    """Labels through ``analytics.honest``: a published value is not compared with an illustrative
    benchmark (``significance_reason`` says so); a result resting on an invented value is marked
    (``significance_illustrative``)."""
    out = out.copy()
    out["significance_illustrative"] = False
    out["significance_reason"] = None
    out["comparison_source"] = None
    out["comparison_note"] = None
    for index, row in out.iterrows():
        if row["role"] == "benchmark":
            continue
        result = honest_comparison(
            row["value"],
            row["lower_ci95"],
            row["upper_ci95"],
            row["benchmark_value"],
            polarity,
            value_illustrative=row.get("illustrative"),
            benchmark_illustrative=row.get("benchmark_illustrative"),
            published_verdict=published_verdict_for(row_dict(row), str(row.get("benchmark_code") or "")),
        )
        out.at[index, "significance"] = result.label
        out.at[index, "significance_illustrative"] = result.illustrative
        out.at[index, "significance_reason"] = result.reason
        out.at[index, "comparison_source"] = result.source
        out.at[index, "comparison_note"] = result.note
    return out


def _significance_shown(row: Row) -> str | None:
    """The label as the table shows it: with the honest-benchmark reason or "(illustrative)"."""
    reason = row.get("significance_reason")
    if isinstance(reason, str) and reason:
        return f"{row['significance']} ({reason})"
    shown = mark(row["significance"], bool(row.get("significance_illustrative")))
    text = row.get("comparison_text")
    if row["significance"] == NOT_COMPARED and isinstance(text, str) and text:
        return text[:1].upper() + text[1:]
    if row.get("comparison_source") == SOURCE_PUBLISHER:
        shown = f"{shown} (publisher's verdict)"
    return shown


def _tiles_summary(
    tiles: pd.DataFrame,
    counts: pd.Series,
    period: str,
    bench_name: str,
    value_type: str,
    decimals: int,
    county_words: str = "Hertfordshire's ten districts",
) -> str:
    """ "Of Hertfordshire's ten districts in 2024/25, 2 are significantly higher …", or, where nothing
    could be tested, the highest and lowest values in words."""
    if list(counts.index) == [NOT_COMPARED]:
        valued = tiles[tiles["value"].notna()].sort_values("value")
        extremes = ""
        if len(valued) >= 2:
            low, high = valued.iloc[0], valued.iloc[-1]
            extremes = (
                f" The highest value is {high['area_name']}'s ({format_value(high['value'], value_type, decimals)}) and the lowest "
                f"{low['area_name']}'s ({format_value(low['value'], value_type, decimals)})."
            )
        return (
            f"In {period} none of {county_words} can be tested against {bench_name}: "
            f"no confidence intervals are published for these values.{extremes}"
        )
    parts = ", ".join(f"{int(n)} {'is' if n == 1 else 'are'} {str(label).lower()}" for label, n in counts.items())
    parts = parts.replace("are not compared", "could not be tested").replace("is not compared", "could not be tested")
    return f"Of {county_words} in {period}, {parts} (against {bench_name})."


def _untested_difference(row: Row, bench_value: float | None) -> float | None:
    """Area minus benchmark when both are published but no interval allows a test; else None."""
    if row["significance"] != NOT_COMPARED or is_missing(row["value"]) or bench_value is None or is_missing(bench_value):
        return None
    if not (is_missing(row["lower_ci95"]) or is_missing(row["upper_ci95"])):
        return None
    return float(row["value"]) - float(bench_value)


def _chart_view(q: CompareQuery, meta: IndicatorRecord, rows: pd.DataFrame, period: str) -> CompareChart:
    """Shape (significance and ranks) → words → figure → table, for the bar chart."""
    rows = with_ranks(_significance(rows, meta["polarity"]), meta, period)
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    bench = rows[rows["role"] == "benchmark"]
    bench_name = str(bench["area_name"].iloc[0]) if not bench.empty else q.benchmark
    bench_value = bench["value"].iloc[0] if not bench.empty else None
    bench_text = format_value(bench_value, value_type, decimals, status=bench["status"].iloc[0] if not bench.empty else None)
    rows["comparison_text"] = None
    sentences = [
        _area_sentence(rows, index, meta, bench_name, bench_value, bench_text) for index in rows.index[rows["role"] == "area"]
    ]
    for index in rows.index[rows["role"] == "reference"]:  # England beside another benchmark: its words, no sentence
        _area_sentence(rows, index, meta, bench_name, bench_value, bench_text)
    figure = _bar_figure(rows, q, meta, bench_name, bench_value)
    names = [str(n) for n in rows.loc[rows["role"] == "area", "area_name"]]
    short = [_short(n) for n in names] + [_short(bench_name)]
    return CompareChart(
        key="compare",
        figure=figure,
        text=_bar_text(rows, q, meta, period, names, bench_name, sentences),
        table=_table(rows, value_type, decimals),
        table_columns=[
            ("area", "Area"),
            ("value_shown", f"Value ({meta['unit']})"),
            ("lower", "Lower 95% CI"),
            ("upper", "Upper 95% CI"),
            ("count", "Count"),
            ("denominator", "Denominator"),
            ("significance", f"Compared with {bench_name}"),
            ("rank", "Rank among all councils or districts (quartile band, A best)"),
            ("illustrative_shown", "Illustrative?"),
            ("source", "Source"),
        ],
        data=rows.drop(columns=["role"], errors="ignore"),
        filename_stem=f"{q.indicator}_{'-'.join(slug(s) for s in short)}_{slug(period)}",
        numeric_columns=("value_shown", "lower", "upper", "count", "denominator"),
        query=q,
        period=period,
        meta=meta,
    )


def _area_sentence(
    rows: pd.DataFrame, index: int, meta: IndicatorRecord, bench_name: str, bench_value: float | None, bench_text: str
) -> str:
    """One area's sentence against the benchmark; an untested difference is also kept in the
    row's ``comparison_text`` (the table says it instead of a bare "not compared")."""
    row = row_dict(rows.loc[index])
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    difference = None if row.get("significance_reason") else _untested_difference(row, bench_value)
    if difference is not None:
        words = verdicts.difference_sentence(
            row["value"],
            bench_value,
            value_text=format_value(row["value"], value_type, decimals, status=row["status"]),
            benchmark_name=bench_name,
            benchmark_text=bench_text,
            value_type=value_type,
            unit=str(meta.get("unit") or ""),
            decimals=decimals,
            reason=verdicts.untested_reason(verdicts.interval(row, value_type)),
        )
        rows.at[index, "comparison_text"] = words
        return f"{row['area_name']}: {words}."
    sentence = comparison_sentence(
        str(row["area_name"]),
        format_value(row["value"], value_type, decimals, status=row["status"]),
        str(row["significance"]),
        bench_name,
        bench_text,
        difference=difference,
    )
    if row.get("significance_reason"):
        return sentence[:-1] + f": the {row['significance_reason']}."
    if row.get("comparison_source") == SOURCE_PUBLISHER:
        return sentence[:-1] + " (the publisher's own verdict)."
    if row.get("significance_illustrative"):
        return sentence[:-1] + " (illustrative values, not a real comparison)."
    return sentence


def _bar_figure(
    rows: pd.DataFrame, q: CompareQuery, meta: IndicatorRecord, bench_name: str, bench_value: float | None
) -> go.Figure:
    """The bars, with the benchmark's line and England's (when England is not the benchmark)."""
    value_type = meta["value_type"]
    england = (
        [("England", rows.loc[rows["area_code"] == ENGLAND, "value"].iloc[0])]
        if q.benchmark != ENGLAND and (rows["area_code"] == ENGLAND).any()
        else []
    )
    labels, hovers = _bar_verdicts(rows, meta, bench_name)
    return comparison_bar_figure(
        rows.assign(
            significance=rows["significance"].replace({BENCHMARK_ROLE: "Benchmark"}), verdict_label=labels, verdict_hover=hovers
        ),
        value_type=value_type,
        decimals=decimals_of(meta.get("decimals")),
        unit_label=unit_phrase(meta["unit"], value_type),
        reference_lines=[(bench_name, bench_value), *england],
    )


#: A verdict we made, and the words for how (the interval's method follows).
_TESTED = {"Better", "Worse", "Similar", "Higher", "Lower"}


def _bar_verdicts(rows: pd.DataFrame, meta: IndicatorRecord, bench_name: str) -> tuple[list[str], list[str]]:
    """Each bar's verdict with how it was made: short for the axis label ("Better, publisher's
    verdict", "Lower, not tested"), in full for the hover, so no bar reads a bare "not compared"."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    labels, hovers = [], []
    for row in frame_records(rows):
        label = str(row["significance"])
        value = format_value(row.get("value"), value_type, decimals, status=row.get("status"))
        verdict = verdicts.verdict_words(label, row.get("comparison_source"), bench_name, "")
        if row["role"] == "benchmark":
            labels.append("Benchmark")
            hovers.append(f"{value}: the benchmark")
        elif isinstance(row.get("significance_reason"), str) and row["significance_reason"]:
            labels.append(label)
            hovers.append(f"{value}: {label} (the {row['significance_reason']})")
        elif row.get("comparison_source") == SOURCE_PUBLISHER:
            labels.append(f"{label}, publisher's verdict")
            hovers.append(f"{value}: {verdict}")
        elif label in _TESTED:
            labels.append(f"{label}, tested")
            hovers.append(f"{value}: {verdict} (tested on 95% confidence intervals: {row.get('ci_method') or 'published'})")
        elif isinstance(row.get("comparison_text"), str) and row["comparison_text"]:
            text = str(row["comparison_text"])
            labels.append(_untested_label(row))
            hovers.append(text[:1].upper() + text[1:])
        else:
            labels.append(label)
            hovers.append(f"{value}: {verdict}")
    return labels, hovers


def _untested_label(row: Row) -> str:
    """ "Lower, not tested": the direction of an untested difference (a count's words say why none)."""
    value, bench = verdicts.number(row.get("value")), verdicts.number(row.get("benchmark_value"))
    if "a count" in str(row.get("comparison_text")) or value is None or bench is None:
        return "not tested"
    if value == bench:
        return "Same, not tested"
    return f"{'Higher' if value > bench else 'Lower'}, not tested"


def _bar_text(
    rows: pd.DataFrame,
    q: CompareQuery,
    meta: IndicatorRecord,
    period: str,
    names: list[str],
    bench_name: str,
    sentences: list[str],
) -> ChartText:
    """Title, subtitle, the sentences, sources and every note the bar chart needs."""
    breakdown_text = f" · {q.breakdown.replace(':', ': ')}" if q.breakdown else ""
    intervals = (
        "bars show 95% confidence intervals"
        if rows["lower_ci95"].notna().any()
        else "no confidence intervals are published for these values"
    )
    ranked = "rank_text" in rows and rows["rank_text"].astype(str).str.len().gt(0).any()
    return ChartText(
        title=f"{meta['name']}: {', '.join(names)} compared with {bench_name}",
        subtitle=f"{period} · {unit_phrase(meta['unit'], meta['value_type'])}{breakdown_text} · " + intervals,
        summary=" ".join(sentences) or f"No district values for {period}.",
        sources=source_lines(rows.dropna(subset=["source_title"]) if "source_title" in rows else rows),
        illustrative=any_illustrative(rows),
        notes=[significance_legend_text(rows["significance"].tolist(), bench_name)]
        + _publisher_england_note(rows, q)
        + source_mix_note(rows)
        + neighbour_note(q, rows, period)
        + _suppression_notes(rows)
        + ([benchmarks.RANK_RULE_TEXT] if ranked else []),
    )


def source_mix_note(rows: pd.DataFrame) -> list[str]:
    """Where the values compared come from different publications (ONS Explore Local Statistics for
    districts, LAIT for the county), say so: small gaps may be the sources' methods, not the areas."""
    if "source_title" not in rows:
        return []
    shown = rows[rows["value"].notna() & rows["source_title"].notna()]
    sources = list(dict.fromkeys(shown["source_title"].astype(str)))
    if len(sources) < 2:
        return []
    parts = [f"{', '.join(shown.loc[shown['source_title'] == s, 'area_name'].astype(str))} from {s}" for s in sources]
    return [
        "These values come from different sources: " + "; ".join(parts) + ". Small differences may come from the "
        "sources' methods rather than the areas."
    ]


def _publisher_england_note(rows: pd.DataFrame, q: CompareQuery) -> list[str]:
    """Against another benchmark, the publisher's own verdicts against England still count: say them."""
    if q.benchmark == ENGLAND or "published_vs_england" not in rows:
        return []
    said = [
        f"{r['area_name']} {str(r['published_vs_england']).lower()}"
        for r in frame_records(rows[rows["role"] == "area"])
        if isinstance(r.get("published_vs_england"), str) and r["published_vs_england"].strip()
    ]
    if not said:
        return []
    return [f"The publisher's own verdicts against England (Fingertips' \"Compared to England\" column): {', '.join(said)}."]


def _short(name: str) -> str:
    return {"Hertfordshire": "herts", "East of England": "east", "England": "england"}.get(name, name)


def _suppression_notes(rows: pd.DataFrame) -> list[str]:
    notes = []
    for _, row in rows[rows["value"].isna()].iterrows():
        if row.get("role") == "reference":
            continue
        notes.append(
            f"{row['area_name']}: {format_value(None, 'other', status=row.get('status'))}; shown without a bar, not as zero."
        )
    return notes


def _table(rows: pd.DataFrame, value_type: str, decimals: int) -> pd.DataFrame:
    def fmt(v: object) -> str:
        return "" if is_missing(v) else format_number(v, "score", decimals)

    return pd.DataFrame(
        {
            "area": rows["area_name"],
            "value_shown": [
                format_value(v, value_type, average_decimals(decimals) if code == benchmarks.SN else decimals, status=s)
                for v, s, code in zip(rows["value"], rows["status"], rows["area_code"])
            ],
            "lower": rows["lower_ci95"].map(fmt),
            "upper": rows["upper_ci95"].map(fmt),
            "count": rows.get("count", pd.Series([None] * len(rows))).map(lambda v: "" if is_missing(v) else f"{float(v):,.0f}"),
            "denominator": rows.get("denominator", pd.Series([None] * len(rows))).map(
                lambda v: "" if is_missing(v) else f"{float(v):,.0f}"
            ),
            "significance": [_significance_shown(r) for r in frame_records(rows)],
            "rank": rows["rank_text"] if "rank_text" in rows else [""] * len(rows),
            "illustrative_shown": rows.get("illustrative", pd.Series([False] * len(rows))).map(
                lambda v: "Yes" if v is True or v == 1 else "No"
            ),
            "source": [
                (f"{t}, line {line}" if isinstance(line, str) and line else (t if isinstance(t, str) else ""))
                for t, line in zip(rows.get("source_title", [None] * len(rows)), rows.get("source_line", [None] * len(rows)))
            ],
        }
    )


def _district_quartiles(tiles: pd.DataFrame, table: pd.DataFrame | None) -> list[str | None]:
    """Each district's LAIT quartile band among all lower-tier areas (A = best quarter), for
    colouring the map where no district can be tested for significance (none for a breakdown:
    ``table`` None)."""
    if table is None:
        return [None] * len(tiles)
    bands = dict(zip(table["area_code"], table["quartile"]))
    return [bands.get(code) for code in tiles["area_code"]]


def _district_rows(
    q: CompareQuery, meta: IndicatorRecord, districts: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame, str, CompareQuery]:
    """One county's districts for the tile grid or the map: (district rows with significance,
    quartile and rank; every row incl. the benchmark; the period; the query for those districts)."""
    dimension, values = _breakdown(q)
    bench_codes = [] if q.benchmark == benchmarks.SN else [q.benchmark]
    frame = reads.series(q.indicator, [*districts, *bench_codes], breakdown_dimension=dimension, breakdown_values=values)
    if frame.empty:
        raise ViewNotFound(f"“{meta.get('name', q.indicator)}” has no district values yet.")
    period = resolve_period(frame, q.period, districts, links=COMPARE_LINKS)
    tile_query = CompareQuery(q.indicator, tuple(districts), q.benchmark, period, q.breakdown, q.model)
    rows = _with_benchmark_row(
        _with_intervals(frame[frame["period_label"] == period], meta["value_type"]), tile_query, meta, period
    )
    ordered = _significance(_ordered_rows(rows, tile_query), meta["polarity"])
    tiles = ordered[ordered["role"] == "area"].copy()
    # the districts' rank table, read once for both their quartile bands and their rank words
    table = _rank_table(tiles, meta, "district", period) if dimension == TOTAL else None
    tiles["quartile"] = _district_quartiles(tiles, table)
    tiles = with_ranks(tiles, meta, period, {"district": table} if table is not None else None)
    short_names = reads.areas(levels=["district"]).set_index("code")["short_name"].to_dict()
    tiles["area_name"] = [short_names.get(c) or n for c, n in zip(tiles["area_code"], tiles["area_name"])]
    return tiles, ordered, period, tile_query


def _untested_words(tiles: pd.DataFrame, ordered: pd.DataFrame, meta: IndicatorRecord, bench_name: str) -> None:
    """Each district's untested difference, in its table row's words (as the bars' table gives it)
    and as its tile's short label ("Higher, not tested"): never a bare "not compared"."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    bench = ordered[ordered["role"] == "benchmark"]
    bench_value = cell_float(bench["value"].iloc[0]) if not bench.empty else None
    bench_text = format_value(bench_value, value_type, decimals, status=bench["status"].iloc[0] if not bench.empty else None)
    tiles["comparison_text"] = None
    tiles["tile_label"] = None
    for index in tiles.index:
        _area_sentence(tiles, index, meta, bench_name, bench_value, bench_text)
        difference = (
            None if tiles.at[index, "significance_reason"] else _untested_difference(row_dict(tiles.loc[index]), bench_value)
        )
        if difference is not None:
            tiles.at[index, "tile_label"] = f"{'Higher' if difference > 0 else 'Lower' if difference < 0 else 'Same'}, not tested"


def _district_text(
    tiles: pd.DataFrame, ordered: pd.DataFrame, q: CompareQuery, meta: IndicatorRecord, period: str, county_words: str
) -> tuple[str, str]:
    """(summary sentence, benchmark name) for one county's districts."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    counts = tiles["significance"].value_counts()
    bench_name = (
        str(ordered.loc[ordered["role"] == "benchmark", "area_name"].iloc[0])
        if (ordered["role"] == "benchmark").any()
        else q.benchmark
    )
    summary = _tiles_summary(tiles, counts, period, bench_name, value_type, decimals, county_words)
    _untested_words(tiles, ordered, meta, bench_name)
    stopped = int(tiles["significance_reason"].notna().sum())
    if stopped:  # analytics.honest stopped these: say why, not "no confidence intervals"
        summary += f" {stopped} published district value{'s are' if stopped != 1 else ' is'} not compared: the {bench_name} value is illustrative."
    return summary, bench_name


def _district_columns(meta: IndicatorRecord, bench_name: str) -> list[tuple[str, str]]:
    return [
        ("area", "District"),
        ("value_shown", f"Value ({meta['unit']})"),
        ("lower", "Lower 95% CI"),
        ("upper", "Upper 95% CI"),
        ("significance", f"Compared with {bench_name}"),
        ("rank", "Rank among England's districts and unitary councils (quartile band, A best)"),
        ("illustrative_shown", "Illustrative?"),
        ("source", "Source"),
    ]


@memoised("compare", derived=("parsed_query",))
def build_tiles(query: Query, *, parsed_query: ParsedQuery | None = None) -> CompareChart:
    """The same indicator and period for all ten districts, as a tile-grid map."""
    q, meta = parsed_query or parsed(query)
    tiles, ordered, period, tile_query = _district_rows(q, meta, list(HERTS_TILES))
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    summary, bench_name = _district_text(tiles, ordered, q, meta, period, "Hertfordshire's ten districts")
    text = ChartText(
        title=f"{meta['name']}: Hertfordshire's districts compared with {bench_name}",
        subtitle=f"{period} · {unit_phrase(meta['unit'], value_type)} · tiles are placed roughly where each district lies; not to scale",
        summary=summary,
        sources=source_lines(tiles),
        illustrative=any_illustrative(tiles),
        notes=neighbour_note(tile_query, ordered, period) + _suppression_notes(tiles),
    )
    return CompareChart(
        key="compare-tiles",
        figure=tile_map_figure(tiles, value_type=value_type, decimals=decimals),
        text=text,
        table=_table(tiles, value_type, decimals),
        table_columns=_district_columns(meta, bench_name),
        data=tiles.drop(columns=["role"], errors="ignore"),
        filename_stem=f"{q.indicator}_districts-tiles_{slug(period)}",
        numeric_columns=("value_shown", "lower", "upper"),
        query=tile_query,
        period=period,
        meta=meta,
        benchmark_name=bench_name,
    )


def map_county(q: CompareQuery) -> tuple[str, list[str]]:
    """The county whose districts the district map draws, and those districts: the county of the
    first chosen district (or the first chosen county); the home council when the areas name neither."""
    county = home.home_area()
    found = reads.areas_by_code(q.areas)
    for code in q.areas:
        area = found.get(code)
        if area and area["level"] == "district" and area["parent_code"]:
            county = str(area["parent_code"])
            break
        if area and area["level"] == "county":
            county = code
            break
    frame = reads.areas(levels=["district"])
    return county, frame.loc[frame["parent_code"] == county, "code"].astype(str).tolist()


def areas_are_councils(q: CompareQuery) -> bool:
    """Every chosen area is an upper-tier council: the page shows the map of England's councils."""
    found = reads.areas_by_code(q.areas)
    levels = [record["level"] if (record := found.get(code)) else None for code in q.areas]
    return bool(levels) and all(level in COUNCIL_LEVELS for level in levels)


@memoised("compare", derived=("parsed_query",))
def build_council_map(query: Query, *, parsed_query: ParsedQuery | None = None, period: str | None = None) -> CouncilMapChart:
    """England's councils on a map for the indicator and period of the comparison, the chosen
    councils outlined (``view=england`` in exports)."""
    q, meta = parsed_query or parsed(query)
    chosen_period = period or build(query, parsed_query=(q, meta)).period
    return build_england_map(
        q.indicator, meta, chosen_period, query, outlined=list(q.areas), outlined_label="Councils compared", key="compare-england"
    )


MAP_COLOURS = ("significance", "quartile")


def map_colour(query: Query, rows: pd.DataFrame) -> str:
    """``colour=significance|quartile``; by default significance, unless no district could be
    tested (no published intervals, the usual case) and quartiles exist: then quartile, so the
    map still says something."""
    quartiles = has_quartiles(rows)
    chosen = requested_colour(query)
    if chosen == "quartile" and quartiles:
        return "quartile"
    if chosen == "significance":
        return "significance"
    untested = "significance" in rows and rows["significance"].eq(NOT_COMPARED).all()
    return "quartile" if untested and quartiles else "significance"


def requested_colour(query: Query) -> str:
    return (first(query, "colour") or "").lower()


def has_quartiles(rows: pd.DataFrame) -> bool:
    return "quartile" in rows and bool(rows["quartile"].isin(list("ABCD")).any())


@memoised("compare", derived=("parsed_query", "tiles"))
def build_map(
    query: Query,
    *,
    parsed_query: ParsedQuery | None = None,
    tiles: CompareChart | None = None,
) -> CompareChart:
    """The districts of the chosen areas' county on a real map (ONS boundaries shipped in
    ``seed/boundaries`` for every English district).

    For Hertfordshire, the same districts, values, comparisons, sentence and table as the tile grid
    (``tiles`` when the page has built it already): only the drawing differs. For another county
    (the county of the first chosen district) the same rows are built for its districts. Districts
    without a shape are named in a note. ``colour=quartile`` colours by the ``quartile`` column
    where the rows carry one (else by significance).
    """
    q0, meta0 = parsed_query or parsed(query)
    county, districts = map_county(q0)
    base = _map_base(query, q0, meta0, county, districts, tiles)
    codes = [str(c) for c in base.rows["area_code"]]
    shapes, missing = _boundaries(codes)
    rows, meta, period = base.rows, base.meta, base.period
    colour_by = map_colour(query, rows)
    quartiles_available = has_quartiles(rows)
    bench_name = base.bench_name or base.query.benchmark
    attribution = str(shapes.get("attribution") or "")
    figure = district_map_figure(
        rows,
        shapes,
        value_type=meta["value_type"],
        decimals=decimals_of(meta.get("decimals")),
        benchmark_name=bench_name,
        attribution=attribution,
        colour_by=colour_by,
    )
    county_name = _county_name(codes, county)
    on_tiles = tiles is not None or county == HERTFORDSHIRE
    notes = _map_notes(query, base, missing, quartiles_available, on_tiles)
    return CompareChart(
        key="compare-map",
        figure=figure,
        text=_map_text(base, county_name, bench_name, colour_by, attribution, notes),
        table=base.table,
        table_columns=base.columns,
        data=rows,
        filename_stem=f"{base.query.indicator}_districts-map_{slug(period)}"
        if county == HERTFORDSHIRE
        else f"{base.query.indicator}_{slug(str(county_name))}-districts-map_{slug(period)}",
        numeric_columns=("value_shown", "lower", "upper"),
        query=base.query,
        period=period,
        meta=meta,
        benchmark_name=bench_name,
        colour_by=colour_by,
        quartiles_available=quartiles_available,
        missing_shapes=missing,
    )


def _boundaries(codes: list[str]) -> tuple[dict[str, object], list[str]]:
    """The districts' shipped shapes and the codes without one; none at all is not found."""
    shapes = reads.district_boundaries(codes)
    missing = missing_shapes(codes, shapes)
    if len(missing) == len(codes):
        raise ViewNotFound(
            "There are no district boundaries for these districts yet, so they are shown on the tile grid only.",
            [("District comparison", url_for("compare"))],
        )
    return shapes, missing


@dataclass(frozen=True)
class _MapBase:
    """What the district map shares with the tile grid: rows, words, table, query and period."""

    rows: pd.DataFrame
    text: ChartText
    table: pd.DataFrame
    columns: list[tuple[str, str]]
    query: CompareQuery
    meta: IndicatorRecord
    period: str
    bench_name: str


def _map_base(
    query: Query,
    q0: CompareQuery,
    meta0: IndicatorRecord,
    county: str,
    districts: list[str],
    tiles: CompareChart | None,
) -> _MapBase:
    """The tile grid's rows and words when it shows these districts (built here for Hertfordshire
    when the page has not), else the same rows built for the county's districts."""
    if tiles is None and county == HERTFORDSHIRE:  # the tile grid is drawn for Hertfordshire's districts
        return _tiles_base(build_tiles(query, parsed_query=(q0, meta0)))
    if tiles is not None and set(tiles.query.areas) == set(districts):
        return _tiles_base(tiles)
    if not districts:
        raise ViewNotFound("These areas have no districts to draw.", [("District comparison", url_for("compare"))])
    county_name = area_name(county)
    found, ordered, period, q = _district_rows(q0, meta0, districts)
    summary, bench_name = _district_text(found, ordered, q0, meta0, period, f"{county_name}'s {len(districts)} districts")
    text = ChartText(
        title="",
        subtitle="",
        summary=summary,
        sources=source_lines(found),
        illustrative=any_illustrative(found),
        notes=neighbour_note(q, ordered, period) + _suppression_notes(found),
    )
    table = _table(found, meta0["value_type"], decimals_of(meta0.get("decimals")))
    rows = found.drop(columns=["role"], errors="ignore")
    return _MapBase(rows, text, table, _district_columns(meta0, bench_name), q, meta0, period, bench_name)


def _tiles_base(tiles: CompareChart) -> _MapBase:
    return _MapBase(
        tiles.data,
        tiles.text,
        tiles.table,
        list(tiles.table_columns),
        tiles.query,
        tiles.meta,
        tiles.period,
        tiles.benchmark_name,
    )


def _map_notes(query: Query, base: _MapBase, missing: list[str], quartiles_available: bool, on_tiles: bool) -> list[str]:
    """The shared notes, and why the map is not coloured as asked or lacks a district."""
    names = dict(zip(base.rows["area_code"].astype(str), base.rows["area_name"].astype(str)))
    notes = list(base.text.notes)
    if requested_colour(query) == "quartile" and not quartiles_available:
        notes.append(
            f"No district has a quartile among England's districts for {base.period}, so the map is coloured by significance."
        )
    if missing:
        notes.append(
            f"No boundary is shipped for {_and_list([names.get(c, c) for c in missing])}, so "
            f"{'it is' if len(missing) == 1 else 'they are'} shown "
            + ("on the tile grid only." if on_tiles else "in the table only.")
        )
    return notes


def _map_text(base: _MapBase, county_name: str, bench_name: str, colour_by: str, attribution: str, notes: list[str]) -> ChartText:
    meta = base.meta
    return ChartText(
        title=f"{meta['name']}: {county_name}'s districts on a map, compared with {bench_name}",
        subtitle=f"{base.period} · {unit_phrase(meta['unit'], meta['value_type'])} · ONS district boundaries, generalised"
        + (" · coloured by quartile" if colour_by == "quartile" else ""),
        summary=base.text.summary,
        sources=[*base.text.sources, "District boundaries: " + attribution.removeprefix("Source: ")]
        if attribution
        else list(base.text.sources),
        illustrative=base.text.illustrative,
        notes=notes,
    )


def _county_name(codes: list[str], county: str) -> str:
    """The county of the first district (the map title names it); "the county" when unknown.
    ``county`` is the map's county, read in the same query (it is that parent but for odd data)."""
    if not codes:
        return "the county"
    found = reads.areas_by_code([codes[0], county])  # the map's county is almost always the parent
    district = found.get(codes[0])
    parent_code = str(district["parent_code"]) if district and district.get("parent_code") else None
    if parent_code is not None and parent_code not in found:
        found.update(reads.areas_by_code([parent_code]))
    parent = found.get(parent_code) if parent_code else None
    return str(parent["name"]) if parent else "the county"


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def chart_views(query: Query) -> list[ChartView]:
    """For exports, packs and slides: the bar chart, the tile map with ``view=tiles``, the
    district map with ``view=map``, or the map of England's councils with ``view=england``."""
    if first(query, "view") == "tiles":
        return [build_tiles(query)]
    if first(query, "view") == "map":
        return [build_map(query)]
    if first(query, "view") == "england":
        return [build_council_map(query)]
    return [build(query)]
