"""Trends view: ``/trends?indicator=ID&areas=CODE,CODE&benchmark=CODE[,CODE]&ci=on|off``.

Lines over time for the chosen areas and benchmarks, a 95% CI band that can be switched off,
the Fingertips-style recent-trend label per area, periods of mixed types in true time order,
published and illustrative points told apart, suppressed points left as gaps, and targets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from analytics.codes import ENGLAND, TOTAL, slug
from analytics.frames import Cell, cell_float
from analytics.trend import CANNOT_BE_CALCULATED, Columns, series_columns
from components.chart_block import ChartText
from components.formatting import average_decimals, decimals_of, format_number, format_value, is_missing, unit_phrase
from components.routes import url_for
from components.trend_chart import PUBLISHED_NOTE, trend_figure
from data_access import reads
from data_access.reads.records import IndicatorRecord
from views import benchmarks as sn
from views import home
from views.base import ChartView, Query, ViewNotFound, any_illustrative, code_list, first, known_indicator, source_lines
from views.recent_trends import with_intervals, words_of
from views.view_cache import memoised

DEFAULT_INDICATOR = "u18-conceptions"
#: The columns ``source_lines`` reads: its rows are taken from these alone, not the thirty-odd of a series frame.
SOURCE_COLUMNS = ("source_title", "source_line", "source_licence")
MAX_AREAS = 10


def default_areas() -> list[str]:
    """The home council (``HOME_AREA``)."""
    return [home.home_area()]


def default_benchmarks() -> list[str]:
    """England and the home council's region."""
    region = home.region()
    return [ENGLAND, *([region] if region else [])]


NEIGHBOUR_TREND = "Not calculated: an average of the neighbours has no count or denominator to test"


@dataclass(frozen=True)
class TrendsQuery:
    indicator: str
    areas: tuple[str, ...]
    benchmarks: tuple[str, ...]
    ci: bool
    benchmark_given: bool = True
    model: str = sn.DEFAULT_MODEL  # DfE statistical-neighbour model when "sn" is a benchmark

    def to_query(self) -> dict[str, str]:
        query = {
            "indicator": self.indicator,
            "areas": ",".join(self.areas),
            "benchmark": ",".join(self.benchmarks),
            "ci": "on" if self.ci else "off",
        }
        if self.model != sn.DEFAULT_MODEL:
            query["model"] = self.model
        return query


@dataclass(kw_only=True)
class TrendsChart(ChartView):
    """A /trends chart with what it was drawn for; ``trends`` is each line's recent trend, by name."""

    query: TrendsQuery
    meta: IndicatorRecord
    periods: list[str]
    trends: dict[str, str]


def _resolve_all(codes: list[str], what: str) -> list[str]:
    out: list[str] = []
    for code in codes:
        if what == "benchmark area" and sn.is_sn(code):
            if sn.SN not in out:
                out.append(sn.SN)
            continue
        resolved = reads.resolve_area_code(code)
        if resolved is None:
            raise ViewNotFound(f"There is no {what} with the code “{code}”.", [("Trends", url_for("trends"))])
        if resolved not in out:
            out.append(resolved)
    return out


def parse_query(query: Query) -> TrendsQuery:
    """Validate and normalise; unknown ids raise ``ViewNotFound`` with a helpful message."""
    return _parse(query)[0]


def _parse(query: Query) -> tuple[TrendsQuery, IndicatorRecord]:
    """``parse_query`` and the indicator's record it checked (``build`` needs it: reading it again
    was two more queries per chart, and /send draws four)."""
    indicator_id = first(query, "indicator", DEFAULT_INDICATOR) or DEFAULT_INDICATOR
    meta = known_indicator(
        indicator_id, [("Indicator catalogue", url_for("indicators")), ("Trends: under-18 conceptions", url_for("trends"))]
    )
    areas = _resolve_all(code_list(query, "areas") or default_areas(), "area")
    raw_bench = code_list(query, "benchmark")
    given = bool(raw_bench)
    if given and [b.lower() for b in raw_bench] == ["none"]:
        benchmarks: list[str] = []
    else:
        benchmarks = _resolve_all(raw_bench, "benchmark area") if given else default_benchmarks()
    benchmarks = [b for b in benchmarks if b not in areas]
    ci_raw = (first(query, "ci", "on") or "on").lower()
    if ci_raw not in {"on", "off", "true", "false", "1", "0", "yes", "no"}:
        raise ViewNotFound(f"“ci={ci_raw}” is not an option: use ci=on or ci=off.", [("Trends", url_for("trends"))])
    try:
        model = sn.parse_model(first(query, "model"))
    except ValueError as error:
        raise ViewNotFound(f"Unknown statistical-neighbour model: {error}.", [("Trends", url_for("trends"))]) from error
    q = TrendsQuery(indicator_id, tuple(areas[:MAX_AREAS]), tuple(benchmarks), ci_raw in {"on", "true", "1", "yes"}, given, model)
    return q, meta


def trend_label(label: str, reason: str | None) -> str:
    """'Decreasing and getting better', or 'Cannot be calculated (fewer than 5 points …)'."""
    if label == CANNOT_BE_CALCULATED and reason:
        return f"{label}: {reason}"
    return label


def _drop_benchmarks_without_data(frame: pd.DataFrame, q: TrendsQuery) -> tuple[str, ...]:
    """Default benchmarks (England, East of England) only where they have values."""
    if q.benchmark_given:
        return q.benchmarks
    with_values = set(frame.loc[frame["value"].notna(), "area_code"])
    return tuple(b for b in q.benchmarks if b in with_values)


@dataclass(frozen=True)
class TrendSeries:
    """What a trend chart is drawn from (``fetch``; ``shape`` draws it): the lines' rows as
    ``reads.series`` returns them (actual values), the plan targets, and the neighbour-average
    rows (``views.benchmarks.series_rows``) when ``sn`` is a benchmark and an area has neighbours.
    /send builds it from the values it has already read, so its four charts read nothing more."""

    actual: pd.DataFrame
    targets: pd.DataFrame
    neighbours: pd.DataFrame | None = None


def fetch(q: TrendsQuery) -> TrendSeries:
    """The areas' and benchmarks' values and plan targets (one query for both), and the neighbours' average."""
    wanted = list(dict.fromkeys(c for c in [*q.areas, *q.benchmarks] if c != sn.SN))
    both = reads.series(q.indicator, wanted, breakdown_dimension=TOTAL, breakdown_values=[TOTAL], kinds=("actual", "target"))
    anchor = sn.neighbour_anchor(q.areas) if sn.SN in q.benchmarks else None
    return TrendSeries(
        both[both["kind"] == "actual"],
        both[both["kind"] == "target"],
        sn.series_rows(q.indicator, anchor, q.model) if anchor is not None else None,
    )


def _drawn(q: TrendsQuery, meta: IndicatorRecord, series: TrendSeries) -> pd.DataFrame:
    """The values with their intervals, and the neighbours' average as one more line; none at all is ``ViewNotFound``."""
    frame = with_intervals(series.actual, meta["value_type"]) if not series.actual.empty else series.actual
    if series.neighbours is not None:
        frame = pd.concat([frame, series.neighbours], ignore_index=True)
    if frame.empty or frame["value"].notna().sum() == 0:
        raise ViewNotFound(
            f"“{meta.get('name', q.indicator)}” has no values for all children or pupils in these areas yet.",
            [
                (f"About {meta.get('name', q.indicator)}", url_for("indicator", indicator_id=q.indicator)),
                ("Trends", url_for("trends")),
            ],
        )
    return frame


def _in_order(frame: pd.DataFrame, order_codes: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Shape: the lines in the query's order, each in time order (a stable sort); and the values
    with no period. Positions are worked out in plain Python and taken once: each filter, copy and
    sort of a frame of about thirty columns moved all of them."""
    rank = {c: i for i, c in enumerate(order_codes)}
    codes, sorts = frame["area_code"].tolist(), frame["period_sort"].tolist()
    whole = [0 if s is None or s != s else int(s) for s in sorts]  # no period: NaN or 0
    wanted = [i for i, code in enumerate(codes) if code in rank]
    dated = sorted((i for i in wanted if whole[i] != 0), key=lambda i: (rank[codes[i]], sorts[i]))
    return frame.take(dated), frame.take([i for i in wanted if whole[i] == 0])


def _axis(frame: pd.DataFrame, plan_targets: pd.DataFrame, order_codes: list[str]) -> tuple[list[str], pd.DataFrame]:
    """Shape: the periods on the axis (a target's period too) and the targets drawn."""
    # each period's first row's sort key, then the periods by (sort key, label): what the frame's
    # drop_duplicates and two-key sort gave, without copying its thirty columns twice
    periods = [label for label, _ in sorted(_first_sorts(frame).items(), key=lambda item: (item[1], item[0]))]
    targets = plan_targets[plan_targets["area_code"].isin(order_codes)]
    targets = (
        targets[targets["value"].notna() & targets["period_sort"].fillna(0).astype(int).ne(0)] if not targets.empty else targets
    )
    if not targets.empty:  # a target period with no actual value still needs its place on the axis
        all_periods = pd.concat([frame[["period_label", "period_sort"]], targets[["period_label", "period_sort"]]])
        periods = (
            all_periods.drop_duplicates("period_label").sort_values(["period_sort", "period_label"])["period_label"].tolist()
        )
    return periods, targets


@dataclass
class _Trends:
    """Each line's recent trend: in the table (``trends``), the legend (``suffix``) and the summary."""

    trends: dict[str, str]
    suffix: dict[str, str]
    sentences: list[str]


def _latest_sentence(name: str, part: Columns, meta: IndicatorRecord, trend: str) -> str | None:
    """The line's newest value in words (``part``: its arrays, in time order)."""
    valued = np.flatnonzero(~np.asarray(pd.isna(part["value"]), dtype=bool))
    if not len(valued):
        return None
    i = valued[-1]
    status, text = part["status"][i], part["value_text"][i] if "value_text" in part else None
    shown = format_value(
        part["value"][i],
        meta["value_type"],
        decimals_of(meta.get("decimals")),
        status=status if isinstance(status, str) else None,
        value_text=text if isinstance(text, str) else None,
    )
    return f"{name}: {shown} in {part['period_label'][i]}; recent trend: {trend[0].lower() + trend[1:]}."


def _recent_trends(frame: pd.DataFrame, order_codes: list[str], names: dict[str, str], meta: IndicatorRecord) -> _Trends:
    """Words: the Fingertips recent trend of each line, or its direction where no test is possible.
    The columns the words read are taken as arrays once and each line's positions picked from
    them: a filtered frame per line cost more than its test."""
    out = _Trends({}, {}, [])
    untested: dict[str, list[str]] = {}  # reason -> the series it applies to (said once)
    columns = series_columns(frame)
    extra = {c: frame[c].to_numpy() for c in ("status", "value_text") if c in frame.columns}
    lines: dict[object, list[int]] = {}
    for i, code in enumerate(frame["area_code"].tolist()):
        lines.setdefault(code, []).append(i)
    for code in order_codes:
        if code not in names:
            continue
        rows = lines.get(code, [])
        words = words_of({c: v[rows] for c, v in columns.items()}, meta["polarity"], meta["value_type"])
        out.trends[code] = words.text
        out.suffix[code] = f" – {words.label}"
        if words.reason is not None:  # no test possible: the reason said once for all series
            untested.setdefault(words.reason, []).append(names[code])
        if code == sn.SN:  # Fingertips' test needs counts; a mean of councils has none
            out.trends[code], out.suffix[code] = NEIGHBOUR_TREND, ""
        part = {
            **{c: v[rows] for c, v in extra.items()},
            "value": columns["value"][rows],
            "period_label": columns["period_label"][rows],
        }
        sentence = _latest_sentence(names[code], part, meta, out.trends[code])
        if sentence is not None:
            out.sentences.append(sentence)
    for reason, who in untested.items():
        out.sentences.append(f"Not tested ({', '.join(who)}): {reason}.")
    return out


def _trend_notes(
    q: TrendsQuery, meta: IndicatorRecord, frame: pd.DataFrame, periods: list[str], undated: pd.DataFrame, targets: pd.DataFrame
) -> list[str]:
    """Words: the method, and every value the chart leaves out or draws differently."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    notes = [
        "Recent trend: the Fingertips method over the five most recent points, significant at 99.8%, taking the indicator's "
        f"polarity ({_polarity_words(meta['polarity'])}) into account.",
        *([PUBLISHED_NOTE] if frame["illustrative"].astype(bool).nunique() > 1 else []),
        *_suppression_notes(frame, value_type),
        *_spacing_notes(frame, periods),
    ]
    if not undated.empty:
        notes.append(
            "Not plotted because the source gives no period: "
            + "; ".join(
                f"{r.area_name} {format_value(r.value, value_type, decimals)} ({r.period_label})" for r in undated.itertuples()
            )
            + "."
        )
    if not targets.empty:
        notes.append(
            "Stars mark targets: "
            + "; ".join(
                f"{r.area_name} {format_value(r.value, value_type, decimals)} by {r.period_label}" for r in targets.itertuples()
            )
            + "."
        )
    if q.ci and frame["upper_ci95"].notna().any():
        notes.append("Shaded bands are 95% confidence intervals, where the source gives them or they can be calculated.")
    computed = sorted({m for m in frame.get("ci_method", pd.Series(dtype=object)).dropna() if m not in {"published", "none"}})
    if computed:
        notes.append("Intervals not published are calculated: " + "; ".join(computed) + ".")
    return notes


def _trend_columns(meta: IndicatorRecord) -> list[tuple[str, str]]:
    return [
        ("area", "Area"),
        ("period", "Period"),
        ("value_shown", f"Value ({meta['unit']})"),
        ("lower", "Lower 95% CI"),
        ("upper", "Upper 95% CI"),
        ("count", "Count"),
        ("denominator", "Denominator"),
        ("provenance", "Published or illustrative"),
        ("source", "Source"),
    ]


@memoised("trends")
def build(query: Query) -> TrendsChart:
    """fetch → shape → words → figure for the lines of one indicator."""
    q, meta = _parse(query)
    return shape(q, meta, fetch(q))


def shape(q: TrendsQuery, meta: IndicatorRecord, series: TrendSeries) -> TrendsChart:
    """The chart of ``series`` (``fetch``, or rows a page already holds in the same shape and order)
    for the parsed query and the indicator's record: no reads."""
    value_type, decimals = meta["value_type"], decimals_of(meta.get("decimals"))
    frame, plan_targets = _drawn(q, meta, series), series.targets
    q = TrendsQuery(q.indicator, q.areas, _drop_benchmarks_without_data(frame, q), q.ci, q.benchmark_given, q.model)
    order_codes = [*q.areas, *q.benchmarks]
    frame, undated = _in_order(frame, order_codes)
    periods, targets = _axis(frame, plan_targets, order_codes)
    first_names: dict[object, object] = {}
    for code, name in zip(frame["area_code"], frame["area_name"]):  # each line's first row names it
        first_names.setdefault(code, name)
    names = {c: str(first_names[c]) for c in order_codes if c in first_names}
    found = _recent_trends(frame, order_codes, names, meta)
    figure = trend_figure(
        frame,
        period_order=periods,
        value_type=value_type,
        decimals=decimals,
        unit_label=unit_phrase(meta["unit"], value_type),
        show_ci=q.ci,
        targets=targets if not targets.empty else None,
        legend_suffix=found.suffix,
    )
    area_names = [names[c] for c in q.areas if c in names]
    bench_names = [names[c] for c in q.benchmarks if c in names]
    text = ChartText(
        title=f"{meta['name']}: {', '.join(area_names) or 'chosen areas'} over time"
        + (f" compared with {' and '.join(bench_names)}" if bench_names else ""),
        subtitle=f"{periods[0]} to {periods[-1]} · {unit_phrase(meta['unit'], value_type)}"
        + (" · shaded bands: 95% confidence intervals" if q.ci and frame["upper_ci95"].notna().any() else ""),
        summary=" ".join(found.sentences) or "No values to show.",
        sources=source_lines(frame[[c for c in SOURCE_COLUMNS if c in frame]].dropna(subset=["source_title"])),
        illustrative=any_illustrative(frame),
        notes=_trend_notes(q, meta, frame, periods, undated, targets),
    )
    data = frame.assign(recent_trend=frame["area_code"].map(found.trends))
    if not targets.empty:
        data = pd.concat([data, targets], ignore_index=True)
    short = "-".join(slug(_short(names[c])) for c in order_codes if c in names)
    return TrendsChart(
        key="trends",
        figure=figure,
        text=text,
        table=_table(frame, value_type, decimals, found.trends),
        table_columns=_trend_columns(meta),
        data=data,
        filename_stem=f"{q.indicator}_trend_{short}",
        numeric_columns=("value_shown", "lower", "upper", "count", "denominator"),
        query=q,
        meta=meta,
        periods=periods,
        trends={names.get(c, c): t for c, t in found.trends.items()},
    )


def _polarity_words(polarity: str) -> str:
    return {
        "higher_better": "higher is better",
        "lower_better": "lower is better",
    }.get(polarity, "no better or worse direction")


def _short(name: str) -> str:
    return {"Hertfordshire": "herts", "East of England": "east", "England": "england"}.get(name, name)


def _first_sorts(frame: pd.DataFrame) -> dict[str, float]:
    """Each period label's sort key, from its first row."""
    found: dict[str, float] = {}
    for label, sort in zip(frame["period_label"].tolist(), frame["period_sort"].tolist()):
        found.setdefault(label, sort)
    return found


def _suppression_notes(frame: pd.DataFrame, value_type: str) -> list[str]:
    parts = [
        f"{name} {label} ({format_value(None, value_type, status=status if isinstance(status, str) else None)})"
        for name, label, value, status in zip(
            frame["area_name"].tolist(), frame["period_label"].tolist(), frame["value"].tolist(), frame["status"].tolist()
        )
        if pd.isna(value)
    ]
    if not parts:
        return []
    return ["Gaps in the lines are values that are missing or suppressed, never zero: " + "; ".join(parts) + "."]


def _spacing_notes(frame: pd.DataFrame, periods: list[str]) -> list[str]:
    """Say when evenly spaced categories hide years with no values, or period types mix."""
    notes = []
    first_sorts = _first_sorts(frame)
    sorts = [first_sorts[p] for p in periods if p in first_sorts and not pd.isna(first_sorts[p])]
    years = [int(s) // 10000 for s in sorts]
    jumps = [(periods[i], periods[i + 1]) for i in range(len(years) - 1) if years[i + 1] - years[i] > 1]
    if jumps:
        notes.append(
            "Periods are evenly spaced on the axis, which hides time with no values: between "
            + "; between ".join(f"{a} and {b}" for a, b in jumps)
            + "."
        )
    types = list(dict.fromkeys(t for t in frame["period_type"].tolist() if not pd.isna(t)))
    if len(types) > 1:
        notes.append(
            f"This indicator mixes period types ({', '.join(types)}); they are placed in time order by when each period ends."
        )
    return notes


def _table(frame: pd.DataFrame, value_type: str, decimals: int, trends: dict[str, str]) -> pd.DataFrame:
    def fmt(v: object) -> str:
        return "" if is_missing(v) else format_number(v, "score", decimals)

    def whole(v: Cell) -> str:
        number = cell_float(v)
        return "" if number is None else f"{number:,.0f}"

    return pd.DataFrame(
        {
            "area": frame["area_name"],
            "period": frame["period_label"],
            "value_shown": [
                format_value(
                    None if is_missing(v) else v,
                    value_type,
                    average_decimals(decimals) if code == sn.SN else decimals,
                    status=s if isinstance(s, str) else None,
                    value_text=t if isinstance(t, str) else None,
                    qualifier=qq if isinstance(qq, str) else None,
                )
                for v, s, t, qq, code in zip(
                    frame["value"], frame["status"], frame["value_text"], frame["qualifier"], frame["area_code"]
                )
            ],
            "lower": frame["lower_ci95"].map(fmt),
            "upper": frame["upper_ci95"].map(fmt),
            "count": frame["count"].map(whole),
            "denominator": frame["denominator"].map(whole),
            "provenance": ["Illustrative" if f else "Published" for f in frame["illustrative"].fillna(False).astype(bool)],
            "source": [
                (f"{t}, line {line}" if isinstance(line, str) and line else (t if isinstance(t, str) else ""))
                for t, line in zip(frame["source_title"], frame["source_line"])
            ],
        }
    ).reset_index(drop=True)


def chart_views(query: Query) -> list[ChartView]:
    """For exports, packs and slides: the one trend chart."""
    return [build(query)]
