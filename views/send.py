"""SEND view: ``/send?area=CODE[&benchmark=E92000001|REGION|sn][&model=2025][&chart=KEY]``.

The SEND system dashboard Our Way Forward asks for, for any English council, from DfE's SEN2
release and the SEND Tribunal appeal rate: headline figures with England, region and the
statistical-neighbour average (rank and quartile where the indicator has a better direction);
plans in place and 20-week timeliness over time; placement, primary-need and ceased-plan mixes
as stacked bars; the request funnel; and the tribunal appeal rate over time.

Rules kept here:

* A count (plans, requests) is compared only with itself over time; between areas it is the
  growth on a year earlier that is compared, never the counts.
* Intervals and verdicts only for percentages DfE publishes with their counts (timeliness, %
  assessed, tribunal rate, placement and need shares): Wilson 95% intervals
  (``analytics.ci.ci_for``) and the Fingertips rule behind the provenance rule
  (``analytics.honest.honest_comparison``); ranks through ``views.benchmarks.rank_period``.
* Shares DfE does not print (state or independent special, home education, NEET, awaiting
  provision, ceased reasons, reviews) are worked out from its count and total and say so.
* SEN2 is published for councils only: a district gets a message linking to its county.

``chart=KEY`` picks one chart for exports and embeds (their first view); without it every chart
is built, in page order, for the board pack and presentation mode.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from analytics.ci import as_number, ci_for
from analytics.codes import ENGLAND, slug
from analytics.compare import NOT_COMPARED
from analytics.frames import Row, frame_records
from analytics.honest import honest_comparison
from analytics.ranks import neighbour_average
from components.chart_block import ChartText
from components.formatting import format_number, format_value
from components.routes import url_for
from components.send_charts import funnel_figure, headline_figure, mix_figure
from data_access import reads
from data_access.reads.records import AreaRecord, IndicatorRecord
from views import benchmarks as sn
from views import home, trends
from views.base import ChartView, Query, ViewNotFound, first, known_area, source_lines
from views.view_cache import memoised

COUNCIL_LEVELS = ("county", "unitary")
READ_LEVELS = ("country", "region", "county", "unitary")

PLANS = "send-ehcp-count"
NEW_PLANS = "send-ehcp-new"
WITHIN_20 = "send-ehcp-20wk-incl"
WITHIN_20_EX = "send-ehcp-20wk-excl"
REQUESTS = "send-requests"
ASSESSED = "send-requests-assessed"
REVIEWS = "send-annual-reviews-held"
TRIBUNAL = "send-tribunal-appeal-rate"
CEASED = "send-ceased-total"

#: Placement mix segments: label → indicators whose shares add up to it.
PLACEMENT_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Mainstream school", ("send-place-mainstream",)),
    ("State special school", ("send-place-special-la", "send-place-special-academy")),
    ("Independent or non-maintained special school", ("send-place-special-independent", "send-place-special-non-maintained")),
    ("Alternative provision or PRU", ("send-place-ap-pru",)),
    ("Further education and post-16", ("send-place-fe",)),
    ("Elective home education", ("send-place-ehe",)),
    ("Not in education, employment or training", ("send-place-neet",)),
    ("Awaiting provision", ("send-place-awaiting",)),
]
NEED_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Autism (ASD)", ("send-need-asd",)),
    ("Speech, language and communication (SLCN)", ("send-need-slcn",)),
    ("Social, emotional and mental health (SEMH)", ("send-need-semh",)),
    ("Moderate learning difficulty (MLD)", ("send-need-mld",)),
    ("Severe learning difficulty (SLD)", ("send-need-sld",)),
    ("Specific learning difficulty (SpLD)", ("send-need-spld",)),
]
CEASED_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Maximum age reached", ("send-ceased-max-age",)),
    ("Needs met without a plan", ("send-ceased-needs-met",)),
    ("Higher education", ("send-ceased-he",)),
    ("Paid employment", ("send-ceased-employ",)),
    ("Moved to another council", ("send-ceased-transfer",)),
    ("No longer wishes to engage", ("send-ceased-no-engage",)),
    ("Moved outside England", ("send-ceased-moved-outside",)),
]
REST = "Everything else"
ALL_IDS = sorted(
    {PLANS, NEW_PLANS, WITHIN_20, WITHIN_20_EX, REQUESTS, ASSESSED, REVIEWS, TRIBUNAL, CEASED}
    | {i for _, ids in PLACEMENT_GROUPS + NEED_GROUPS + CEASED_GROUPS for i in ids}
)
CHART_KEYS = ("headline", "plans", "timeliness", "timeliness-ex", "placements", "needs", "funnel", "tribunal", "ceased")


@dataclass(frozen=True)
class SendQuery:
    area: str
    benchmark: str = ENGLAND  # what verdicts are against: England, a region, or sn
    model: str = sn.DEFAULT_MODEL
    chart: str | None = None

    def to_query(self) -> dict[str, str]:
        query = {"area": self.area}
        if self.benchmark != ENGLAND:
            query["benchmark"] = self.benchmark
        if self.model != sn.DEFAULT_MODEL:
            query["model"] = self.model
        return query


@dataclass
class SendData:
    """Everything the charts are drawn from: one read of every SEND value of every council."""

    q: SendQuery
    area: AreaRecord
    region: str
    neighbours: list[str]
    names: dict[str, str]
    frame: pd.DataFrame
    meta: dict[str, IndicatorRecord]  # the SEND indicators the database holds
    index: dict[tuple[str, str, str], Row] = dataclasses.field(default_factory=dict)
    # answers of ``periods`` and ``latest``, asked hundreds of times a page (each growth figure
    # and share asks again): worked out for every indicator and area in one pass over the rows
    _periods: dict[str, list[str]] = dataclasses.field(default_factory=dict, repr=False)
    _latest: dict[tuple[str, str], str] = dataclasses.field(default_factory=dict, repr=False)
    # every council's rows of the ranked headlines' indicators, each at its headline's period
    # (``council_periods``), read once by ``headlines`` for the four ranks (``_rank``)
    council_rows: pd.DataFrame | None = dataclasses.field(default=None, repr=False)
    council_periods: dict[str, str] = dataclasses.field(default_factory=dict, repr=False)
    # the plan targets of the same areas and indicators (the trend charts draw them), read with ``frame``
    targets: pd.DataFrame = dataclasses.field(default_factory=lambda: pd.DataFrame(columns=reads.SERIES_COLUMNS), repr=False)
    # (indicator, area) → the positions of its rows in ``frame``, and each row's period: the rows
    # a chart or a source line wants are picked by position (``positions``), not by masks over every row
    _at: dict[tuple[str, str], list[int]] = dataclasses.field(default_factory=dict, repr=False)
    _labels: list[str] = dataclasses.field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        """(indicator, period, area) → row with its value type: thousands of lookups, no frame filters.
        The rows keep the cells read from them (``ONE_COLUMNS``), not every column of the frame."""
        records = frame_records(self.frame[[c for c in ONE_COLUMNS if c in self.frame.columns]])
        for position, record in enumerate(records):
            indicator, label, code = str(record["indicator_id"]), str(record["period_label"]), str(record["area_code"])
            found = self.meta.get(indicator)
            record["_value_type"] = found["value_type"] if found is not None else ""
            self.index[(indicator, label, code)] = record
            self._at.setdefault((indicator, code), []).append(position)
            self._labels.append(label)
        self._periods, self._latest = periods_and_latest(records)

    def positions(self, ids: Sequence[str], codes: Sequence[str], period: str | None = None) -> list[int]:
        """The rows of ``frame`` of these indicators and areas (of one period when given), in frame order."""
        found = (
            i for indicator in dict.fromkeys(ids) for code in dict.fromkeys(codes) for i in self._at.get((indicator, code), ())
        )
        return sorted(i for i in found if period is None or self._labels[i] == period)

    def rows(self, indicator: str, period: str | None = None) -> pd.DataFrame:
        part = self.frame[self.frame["indicator_id"] == indicator]
        return part if period is None else part[part["period_label"] == period]

    def one(self, indicator: str, code: str, period: str) -> Row | None:
        return self.index.get((indicator, period, code))

    def periods(self, indicator: str) -> list[str]:
        """The indicator's periods, oldest first."""
        return list(self._periods.get(indicator, []))

    def latest(self, indicator: str, code: str) -> str | None:
        """The area's latest period with a value of the indicator; None without one."""
        return self._latest.get((indicator, code))

    @property
    def code(self) -> str:
        return self.q.area

    @property
    def sn_name(self) -> str:
        return sn.sn_label(len(self.neighbours)) if self.neighbours else "Statistical neighbours (none)"


#: The cells ``SendData.one`` rows are read for, with their keys and period order.
ONE_COLUMNS = ("indicator_id", "period_label", "area_code", "period_sort", "value", "count", "denominator", "status")


def _time_order(sort: object) -> tuple[int, float]:
    """A period's place in time as ``sort_values("period_sort")`` puts it: no sort key goes last."""
    return (1, 0.0) if sort is None or sort != sort else (0, float(str(sort)))


def periods_and_latest(records: Sequence[Row]) -> tuple[dict[str, list[str]], dict[tuple[str, str], str]]:
    """Each indicator's periods oldest first (ties in first-seen order), and each (indicator, area)'s
    latest period with a value (of ties the last seen), from series rows in one pass: asking the
    frame was a filter of every row for each of the hundreds of questions a page asks."""
    seen: dict[str, dict[str, tuple[int, float]]] = {}
    best: dict[tuple[str, str], tuple[tuple[int, float], str]] = {}
    for record in records:
        indicator, label = str(record["indicator_id"]), str(record["period_label"])
        when = _time_order(record.get("period_sort"))
        seen.setdefault(indicator, {}).setdefault(label, when)
        value = record.get("value")
        if value is None or value != value:
            continue
        key = (indicator, str(record["area_code"]))
        if key not in best or when >= best[key][0]:
            best[key] = (when, label)
    periods = {i: sorted(labels, key=labels.__getitem__) for i, labels in seen.items()}
    return periods, {key: label for key, (_, label) in best.items()}


def parse_query(query: Query) -> SendQuery:
    """Validate; a district or an unknown code raises ``ViewNotFound`` with the way on."""
    raw = first(query, "area", home.home_area()) or home.home_area()
    found = reads.area(raw)
    if found is None:
        raise ViewNotFound(f"There is no area with the code “{raw}”.", [("SEND: EHC plans", url_for("send"))])
    if found["level"] == "district":
        parent = reads.area(found["parent_code"]) if found["parent_code"] else None
        county = parent["name"] if parent else "its county council"
        raise ViewNotFound(
            f"{found['name']} is a district. DfE publishes EHC plans (SEN2) for councils only, because the county "
            f"council is responsible for SEND: see {county}'s figures.",
            [(f"SEND in {county}", url_for("send", area=parent["code"]))] if parent else [],
        )
    if found["level"] not in COUNCIL_LEVELS:
        raise ViewNotFound(
            f"{found['name']} is not a council. This page shows one council's SEND figures against England, its "
            "region and its statistical neighbours: choose a council.",
            [(f"SEND in {home.home_name()}", url_for("send", area=home.home_area()))],
        )
    raw_bench = first(query, "benchmark", ENGLAND) or ENGLAND
    if sn.is_sn(raw_bench):
        benchmark = sn.SN
    else:
        bench = reads.area(raw_bench)
        if bench is None or bench["level"] not in {"country", "region"}:
            raise ViewNotFound(
                f"“benchmark={raw_bench}” is not an option: use England ({ENGLAND}), a region's code or sn.",
                [("SEND", url_for("send", area=found["code"]))],
            )
        benchmark = str(bench["code"])
    try:
        model = sn.parse_model(first(query, "model"))
    except ValueError as error:
        raise ViewNotFound(f"Unknown statistical-neighbour model: {error}.", [("SEND", url_for("send"))]) from error
    chart = first(query, "chart")
    if chart is not None and chart not in CHART_KEYS:
        raise ViewNotFound(
            f"There is no SEND chart called “{chart}”. Charts: {', '.join(CHART_KEYS)}.", [("SEND", url_for("send"))]
        )
    return SendQuery(str(found["code"]), benchmark, model, chart)


def load(q: SendQuery) -> SendData:
    """One read of every SEND value and plan target of the council, its region, England, the
    benchmark region and its neighbours (a few thousand rows): the trend charts are drawn from it
    too. Ranks read one period of every council separately (``_rank``)."""
    area = known_area(q.area)  # parse_query checked it
    neighbours = [str(c) for c in sn.neighbours(q.area, q.model)["code"]]
    region = str(area.get("parent_code") or "")
    benchmark = [q.benchmark] if q.benchmark != sn.SN else []
    codes = list(dict.fromkeys(c for c in [q.area, region, ENGLAND, *benchmark, *neighbours] if c))
    both = reads.values_for_areas(ALL_IDS, area_codes=codes, kinds=("actual", "target"))
    targets = both[both["kind"] == "target"].reset_index(drop=True)
    frame = both[both["kind"] == "actual"].reset_index(drop=True)
    frame = frame.assign(value=pd.to_numeric(frame["value"], errors="coerce"))
    names = dict(zip(frame["area_code"], frame["area_name"]))
    names.setdefault(q.area, area["name"] or q.area)
    names[sn.SN] = sn.sn_label(len(neighbours)) if neighbours else "Statistical neighbours (none)"
    meta = reads.indicator_records(ALL_IDS)
    return SendData(q, area, region, neighbours, names, frame, meta, targets=targets)


# ------------------------------------------------------------------ shares and comparisons


def share(row: Row | None) -> float | None:
    """The % a row stands for: DfE's printed % for a percentage, else its count over its total."""
    if row is None:
        return None
    value, _ = as_number(row.get("value"))
    if value is None:
        return None
    if str(row.get("_value_type", "")) == "percentage":
        return value
    denominator, _ = as_number(row.get("denominator"))
    return value / denominator * 100 if denominator else None


def group_share(data: SendData, ids: Sequence[str], code: str, period: str) -> tuple[float | None, float | None, float | None]:
    """(share %, count, denominator) of a group of indicators for one area; None where any part is missing."""
    total, count, denominator = 0.0, 0.0, None
    for indicator in ids:
        row = data.one(indicator, code, period)
        value = share(row)
        if value is None or row is None:
            return None, None, None
        total += value
        count += as_number(row.get("count"))[0] or 0.0
        denominator = as_number(row.get("denominator"))[0]
    return total, count, denominator


def neighbour_share(data: SendData, ids: Sequence[str], period: str) -> float | None:
    return neighbour_average([group_share(data, ids, code, period)[0] for code in data.neighbours])


COUNT_VERDICT = "not compared (a count is compared only with itself over time)"
COUNT_VERDICT_SHORT = "count: growth only"


@dataclass
class Headline:
    """One tile: the council's figure with England, region and neighbours, verdict and rank."""

    key: str
    label: str
    period: str
    value: str
    detail: str
    england: str
    region: str
    neighbours: str
    verdict: str
    rank: str
    sentence: str
    against: str = "England"  # what the verdict is against


def _pct(value: float | None, decimals: int = 1) -> str:
    """A share as text; a missing one (None, or NaN from a DataFrame) is "not published", never "nan%"."""
    return "not published" if value is None or value != value else f"{value:.{decimals}f}%"


def _rank(data: SendData, ids: Sequence[str], period: str, polarity: str) -> str:
    """Rank and quartile among every council (``views.benchmarks.rank_period``); none without a better direction."""
    if polarity not in {"higher_better", "lower_better"} or not period:
        return sn.NOT_RANKED
    read = data.council_rows
    if read is not None and all(data.council_periods.get(i) == period for i in ids):
        every = read[read["indicator_id"].isin(list(ids))]
    else:
        every = reads.values_for_areas(list(ids), levels=COUNCIL_LEVELS, periods={i: period for i in ids})
    # only the cells ``group_share`` reads: the index of every series column of ~150 councils was most of a rank
    every = every[["indicator_id", "period_label", "area_code", "value", "count", "denominator"]]
    every = every.assign(value=pd.to_numeric(every["value"], errors="coerce"))
    councils = SendData(data.q, data.area, data.region, [], {}, every, data.meta)
    codes = sorted(set(every["area_code"]))
    rows = pd.DataFrame({"area_code": codes, "value": [group_share(councils, ids, c, period)[0] for c in codes]})
    found = sn.rank_period(rows, polarity, only=data.code)
    return sn.rank_phrase(found[0] if found else None, data.area["level"]) or sn.NOT_RANKED


def percent_headline(
    data: SendData, key: str, label: str, ids: Sequence[str], polarity: str, period: str | None = None
) -> Headline:
    """A share with its interval, England/region/neighbour values, the verdict and the rank."""
    period = period or _headline_period(data, ids)
    # the chosen benchmark's share too when it is another region or council (its rows are loaded)
    chosen = () if data.q.benchmark == sn.SN else (data.q.benchmark,)
    shares = {code: group_share(data, ids, code, period)[0] for code in dict.fromkeys((data.code, data.region, ENGLAND, *chosen))}
    value, count, denominator = group_share(data, ids, data.code, period)
    nbr = neighbour_share(data, ids, period)
    bench_value = nbr if data.q.benchmark == sn.SN else shares.get(data.q.benchmark)
    bench_name = data.sn_name if data.q.benchmark == sn.SN else data.names.get(data.q.benchmark, data.q.benchmark)
    interval = ci_for("percentage", count, denominator, level=95)
    verdict = honest_comparison(
        value, interval.lower, interval.upper, bench_value, polarity, value_illustrative=False, benchmark_illustrative=False
    ).label
    name = data.names.get(data.code, data.code)
    detail = (
        f"{format_number(count, 'count', 0)} of {format_number(denominator, 'count', 0)}"
        + (
            f" · 95% CI {interval.lower:.1f}% to {interval.upper:.1f}%"
            if interval.lower is not None and interval.upper is not None
            else ""
        )
        if value is not None and count is not None and denominator
        else ""
    )
    if value is None:
        sentence = f"{label}: {name} has no published figure for {period}."
    elif verdict == NOT_COMPARED:
        sentence = f"{label}, {period}: {name} {_pct(value)}; {bench_name} {_pct(bench_value)} (not compared)."
    else:
        phrase = {"Better": "significantly better than", "Worse": "significantly worse than", "Similar": "similar to"}.get(
            verdict, f"significantly {verdict.lower()} than"
        )
        sentence = f"{label}, {period}: {name}, {_pct(value)}, is {phrase} {bench_name}, {_pct(bench_value)}."
    return Headline(
        key,
        label,
        period,
        _pct(value),
        detail,
        _pct(shares.get(ENGLAND)),
        _pct(shares.get(data.region)),
        _pct(nbr),
        verdict if value is not None else NOT_COMPARED,
        _rank(data, ids, period, polarity) if value is not None else sn.NOT_RANKED,
        sentence,
        bench_name,
    )


def growth(data: SendData, indicator: str, code: str, period: str) -> float | None:
    periods = data.periods(indicator)
    if period not in periods or periods.index(period) == 0:
        return None
    now = data.one(indicator, code, period)
    before = data.one(indicator, code, periods[periods.index(period) - 1])
    a = as_number(now.get("value"))[0] if now else None
    b = as_number(before.get("value"))[0] if before else None
    return (a - b) / b * 100 if a is not None and b else None


def count_headline(data: SendData, key: str, label: str, indicator: str) -> Headline:
    """A count with its change on a year earlier; between areas only the growth is compared."""
    period = data.latest(indicator, data.code) or (data.periods(indicator) or [""])[-1]
    periods = data.periods(indicator)
    row = data.one(indicator, data.code, period)
    previous = periods[periods.index(period) - 1] if period in periods and periods.index(period) > 0 else None
    before = data.one(indicator, data.code, previous) if previous else None
    value = as_number(row.get("value"))[0] if row else None
    prior = as_number(before.get("value"))[0] if before else None
    change = growth(data, indicator, data.code, period)
    nbr = neighbour_average([growth(data, indicator, c, period) for c in data.neighbours])
    name = data.names.get(data.code, data.code)

    def signed(v: float | None) -> str:
        return "not published" if v is None else f"{v:+.1f}%"

    detail = (
        f"{value - prior:+,.0f} ({signed(change)}) on {previous}"
        if value is not None and prior is not None and previous
        else "no figure a year earlier"
    )
    shown = format_value(value, "count", 0, status=(row or {}).get("status") if row else None)
    sentence = (
        f"{label}: {name} {shown} in {period}, {detail}. Growth on a year earlier: England {signed(growth(data, indicator, ENGLAND, period))}, "
        f"{data.names.get(data.region, 'region')} {signed(growth(data, indicator, data.region, period))}, neighbours' average {signed(nbr)}."
    )
    return Headline(
        key,
        label,
        period,
        shown,
        detail,
        "growth " + signed(growth(data, indicator, ENGLAND, period)),
        "growth " + signed(growth(data, indicator, data.region, period)),
        "growth " + signed(nbr),
        COUNT_VERDICT,
        "not ranked",
        sentence,
    )


def _headline_period(data: SendData, ids: Sequence[str]) -> str:
    """The council's latest period of a percentage headline (else the indicator's latest)."""
    return data.latest(ids[0], data.code) or (data.periods(ids[0]) or [""])[-1]


#: The headlines ranked among councils (those with a better direction): their indicators.
RANKED_HEADLINES: tuple[tuple[str, ...], ...] = ((WITHIN_20,), (WITHIN_20_EX,), (REVIEWS,), (TRIBUNAL,))


def _read_council_rows(data: SendData) -> None:
    """Every council's rows for the ranked headlines in ONE read (one read per rank was four)."""
    wanted = {i: _headline_period(data, ids) for ids in RANKED_HEADLINES for i in ids}
    wanted = {i: p for i, p in wanted.items() if p}
    if wanted:
        data.council_rows = reads.values_for_areas(sorted(wanted), levels=COUNCIL_LEVELS, periods=wanted)
        data.council_periods = wanted


def headlines(data: SendData) -> list[Headline]:
    _read_council_rows(data)
    return [
        count_headline(data, "plans", "EHC plans in place", PLANS),
        percent_headline(data, "timeliness", "New plans issued within 20 weeks (incl. exceptions)", [WITHIN_20], "higher_better"),
        percent_headline(
            data, "timeliness-ex", "New plans issued within 20 weeks (excl. exceptions)", [WITHIN_20_EX], "higher_better"
        ),
        count_headline(data, "requests", "Requests for an EHC needs assessment", REQUESTS),
        percent_headline(data, "assessed", "Requests where the council decided to assess", [ASSESSED], "no_judgement"),
        percent_headline(data, "mainstream", "Plans in mainstream schools", ["send-place-mainstream"], "no_judgement"),
        percent_headline(
            data,
            "independent",
            "Plans in independent or non-maintained special schools",
            ["send-place-special-independent", "send-place-special-non-maintained"],
            "no_judgement",
        ),
        percent_headline(data, "reviews", "Annual review meetings held, of reviews expected", [REVIEWS], "higher_better"),
        percent_headline(data, "tribunal", "SEND Tribunal appeal rate", [TRIBUNAL], "lower_better"),
    ]


# ------------------------------------------------------------------ charts

HEADLINE_COLUMNS = [
    ("label", "Measure"),
    ("period", "Period"),
    ("value", "Value"),
    ("detail", "Count and 95% CI, or change"),
    ("england", "England"),
    ("region", "Region"),
    ("neighbours", "Statistical neighbours (average)"),
    ("verdict", "Verdict"),
    ("rank", "Rank and quartile"),
]


def _sources(data: SendData, ids: Sequence[str], codes: Sequence[str], period: str | None = None) -> list[str]:
    """The distinct files behind the values shown (one period's when ``period`` is given)."""
    # the three columns ``source_lines`` reads, not the thirty-odd of a series frame
    part = data.frame[["source_title", "source_line", "source_licence"]].take(data.positions(ids, codes, period))
    return list(dict.fromkeys(str(t) for t in part["source_title"].dropna())) + (
        source_lines(part.head(1))[-1:] if not part.empty else []
    )


def headline_view(data: SendData) -> ChartView:
    items = headlines(data)
    table = pd.DataFrame([dataclasses.asdict(h) for h in items])
    bench = data.sn_name if data.q.benchmark == sn.SN else data.names.get(data.q.benchmark, data.q.benchmark)
    name = data.names.get(data.code, data.code)
    herts_lines = [f"{h.label} {h.period}: {h.value}" for h in items if h.key in {"plans", "timeliness", "tribunal"} and h.value]
    text = ChartText(
        title=f"SEND headline figures: {name}",
        subtitle=f"Verdicts against {bench}: 95% confidence intervals (Wilson) from DfE's counts · ranks among 153 councils",
        summary=" ".join(h.sentence for h in items[:3]) or "; ".join(herts_lines),
        sources=_sources(data, ALL_IDS, [data.code]),
        notes=[
            "Counts (plans, requests) are compared only with themselves over time; between areas the growth on a year earlier is compared.",
            "Ranks and quartiles only where the indicator has a better direction (timeliness, reviews, tribunal rate); 1 = best.",
            "Shares DfE does not print (independent or non-maintained special schools, annual reviews) are worked out from its counts.",
        ],
    )
    return ChartView(
        key="headline",
        figure=headline_figure(
            table.assign(verdict=[COUNT_VERDICT_SHORT if v == COUNT_VERDICT else v for v in table["verdict"]]),
            [column for column in HEADLINE_COLUMNS if column[0] != "detail"],
        ),
        text=text,
        table=table,
        table_columns=HEADLINE_COLUMNS,
        data=table,
        filename_stem=f"send_headline_{slug(name)}",
    )


def trend_series(data: SendData, q: trends.TrendsQuery) -> trends.TrendSeries:
    """What ``trends.fetch`` would read for ``q``, taken from the values ``load`` read: the lines'
    rows and targets in ``reads.series``' order, and the neighbours' average from their rows."""
    wanted = [c for c in (*q.areas, *q.benchmarks) if c != sn.SN]
    frame, targets = data.frame, data.targets
    neighbours = None
    if sn.SN in q.benchmarks and data.neighbours:  # the council is the anchor: its neighbours are loaded
        averaged = ["period_label", "period_type", "period_sort", "value", "illustrative"]
        rows = frame[averaged].take(data.positions([q.indicator], data.neighbours))
        neighbours = sn.average_rows(sn.averages_of(rows, len(data.neighbours)), q.indicator, q.model)
    return trends.TrendSeries(
        frame.take(data.positions([q.indicator], wanted)).reset_index(drop=True),
        targets[(targets["indicator_id"] == q.indicator) & targets["area_code"].isin(wanted)].reset_index(drop=True),
        neighbours,
    )


def _trend(data: SendData, key: str, indicator: str, benchmarks: Sequence[str], note: str) -> ChartView:
    """One indicator's trend for the council against ``benchmarks`` (the /trends chart), drawn
    from the loaded values; an indicator the database does not hold goes the /trends way (its message)."""
    meta = data.meta.get(indicator)
    if meta is None:
        query: dict[str, str] = {"indicator": indicator, "areas": data.code, "benchmark": ",".join(benchmarks) or "none"}
        if data.q.model != sn.DEFAULT_MODEL:
            query["model"] = data.q.model
        chart = trends.build(query)
    else:
        lines = tuple(b for b in benchmarks if b != data.code)
        q = trends.TrendsQuery(indicator, (data.code,), lines, ci=True, benchmark_given=True, model=data.q.model)
        chart = trends.shape(q, meta, trend_series(data, q))
    text = dataclasses.replace(chart.text, notes=[note, *chart.text.notes])
    return dataclasses.replace(
        chart, key=key, text=text, filename_stem=f"send_{key}_{slug(data.names.get(data.code, data.code))}"
    )


def _benchmarks(data: SendData) -> list[str]:
    out = [ENGLAND, sn.SN] if data.neighbours else [ENGLAND]
    if data.q.benchmark not in out and data.q.benchmark != sn.SN:
        out.append(data.q.benchmark)
    return out


MIX_COLUMNS = [
    ("area", "Area"),
    ("category", "Group"),
    ("share_shown", "Share of plans"),
    ("count", "Count"),
    ("denominator", "Total"),
]


def _mix_rows(data: SendData, groups: list[tuple[str, tuple[str, ...]]], codes: list[str], period: str) -> list[Row]:
    """Shape: each area's share of each group, and what the groups leave of 100%."""
    rows: list[Row] = []
    for code in codes:
        used = 0.0
        for label, ids in groups:
            value, count, denominator = group_share(data, ids, code, period)
            used += value or 0.0
            rows.append(
                {
                    "area": data.names.get(code, code),
                    "category": label,
                    "share": value,
                    "count": count,
                    "denominator": denominator,
                }
            )
        rows.append(
            {
                "area": data.names.get(code, code),
                "category": REST,
                "share": max(0.0, 100 - used),
                "count": None,
                "denominator": None,
            }
        )
    if data.neighbours:
        used = 0.0
        for label, ids in groups:
            value = neighbour_share(data, ids, period)
            used += value or 0.0
            rows.append({"area": data.sn_name, "category": label, "share": value, "count": None, "denominator": None})
        rows.append({"area": data.sn_name, "category": REST, "share": max(0.0, 100 - used), "count": None, "denominator": None})
    return rows


def _mix_text(
    data: SendData,
    frame: pd.DataFrame,
    title: str,
    groups: list[tuple[str, tuple[str, ...]]],
    total_label: str,
    codes: list[str],
    period: str,
) -> ChartText:
    """Words: the council's largest group against England, and the groups not published."""
    name = data.names.get(data.code, data.code)
    largest = frame[(frame["area"] == name) & (frame["category"] != REST)].dropna(subset=["share"])
    top = largest.sort_values("share", ascending=False).head(1)
    missing = [label for label, ids in groups if group_share(data, ids, data.code, period)[0] is None]
    summary = (
        f"In {period}, the largest group of {name}'s {total_label} was {top['category'].iloc[0].lower()} ({_pct(float(top['share'].iloc[0]))}); "
        f"England {_pct(group_share(data, dict(groups)[top['category'].iloc[0]], ENGLAND, period)[0])}."
        if not top.empty
        else f"No published mix for {name} in {period}."
    )
    notes = [
        f"Shares of all {total_label}; DfE's printed percentage where it gives one, otherwise its count over the total. "
        f"'{REST}' is what the listed groups leave of 100%.",
        "The neighbour average is the mean of the neighbours' shares (no counts, so no interval).",
    ]
    if missing:
        notes.append(f"Not published for {name} in {period} (counted in '{REST}'): {', '.join(missing)}.")
    return ChartText(
        title=f"{title}: {name}, {period}",
        subtitle=f"Percentage of {total_label}, against {data.names.get(data.region, 'the region')}, England and the statistical neighbours",
        summary=summary,
        sources=_sources(data, [i for _, ids in groups for i in ids], codes, period),
        notes=notes,
    )


def mix_view(data: SendData, key: str, title: str, groups: list[tuple[str, tuple[str, ...]]], total_label: str) -> ChartView:
    """Stacked shares of one mix for the council, its region, England and the neighbour average."""
    period = data.latest(groups[0][1][0], data.code) or (data.periods(groups[0][1][0]) or [""])[-1]
    codes = [data.code, data.region, ENGLAND]
    frame = pd.DataFrame(_mix_rows(data, groups, codes, period))
    areas = list(dict.fromkeys(frame["area"]))
    categories = [label for label, _ in groups] + [REST]
    frame["share_shown"] = [_pct(v) for v in frame["share"]]
    frame["count"] = [format_number(v, "count", 0) if v is not None and not pd.isna(v) else "" for v in frame["count"]]
    frame["denominator"] = [
        format_number(v, "count", 0) if v is not None and not pd.isna(v) else "" for v in frame["denominator"]
    ]
    name = data.names.get(data.code, data.code)
    return ChartView(
        key=key,
        figure=mix_figure(frame, categories=categories, areas=areas, title_x=f"Percentage of {total_label}"),
        text=_mix_text(data, frame, title, groups, total_label, codes, period),
        table=frame[[c for c, _ in MIX_COLUMNS]],
        table_columns=MIX_COLUMNS,
        data=frame.drop(columns=["share_shown"]),
        filename_stem=f"send_{key}_{slug(name)}",
        numeric_columns=("share_shown", "count", "denominator"),
    )


FUNNEL_COLUMNS = [("step", "Step"), ("area_value", "Council"), ("england_value", "England")]


def funnel_view(data: SendData) -> ChartView:
    """Requests → decided to assess → plans issued → within 20 weeks, in the council's latest year."""
    period = data.latest(REQUESTS, data.code) or ""
    name = data.names.get(data.code, data.code)

    def steps(code: str) -> list[tuple[str, float | None, str]]:
        requests = data.one(REQUESTS, code, period) or {}
        assessed = data.one(ASSESSED, code, period) or {}
        timely = data.one(WITHIN_20, code, period) or {}
        received = as_number(requests.get("value"))[0]
        decided = as_number(assessed.get("count"))[0]
        issued = as_number(timely.get("denominator"))[0]
        within = as_number(timely.get("count"))[0]

        def of(part: float | None, whole: float | None, what: str) -> str:
            if part is None:
                return "not published"
            return f"{part:,.0f}" + (f" ({part / whole * 100:.1f}% of {what})" if whole else "")

        return [
            ("Requests for an assessment received", received, of(received, None, "")),
            ("Council decided to assess", decided, of(decided, received, "requests")),
            ("New EHC plans issued", issued, of(issued, None, "")),
            ("Issued within 20 weeks (incl. exceptions)", within, of(within, issued, "plans issued")),
        ]

    mine, england = steps(data.code), steps(ENGLAND)
    frame = pd.DataFrame({"step": [s for s, _, _ in mine], "value": [v for _, v, _ in mine], "text": [t for _, _, t in mine]})
    table = pd.DataFrame({"step": frame["step"], "area_value": frame["text"], "england_value": [t for _, _, t in england]})
    text = ChartText(
        title=f"From request to plan: {name}, {period}",
        subtitle="Requests, decisions to assess, plans issued and plans issued within 20 weeks in one calendar year",
        summary=f"In {period} {name} received {mine[0][2]} requests for an EHC needs assessment, decided to assess "
        f"{mine[1][2]}, issued {mine[2][2]} new plans, {mine[3][2]} within 20 weeks.",
        sources=_sources(data, [REQUESTS, ASSESSED, WITHIN_20], [data.code, ENGLAND], period),
        notes=[
            "The steps are one calendar year's flows, not one group of children followed through: a plan issued in "
            f"{period} may answer a request made the year before.",
            "DfE publishes the decision to assess from 2023 only.",
        ],
    )
    return ChartView(
        key="funnel",
        figure=funnel_figure(frame, title_x="Requests or plans"),
        text=text,
        table=table,
        table_columns=[("step", "Step"), ("area_value", name), ("england_value", "England")],
        data=frame,
        filename_stem=f"send_funnel_{slug(name)}",
        numeric_columns=("area_value", "england_value"),
    )


def build_all(q: SendQuery) -> tuple[SendData, list[ChartView]]:
    data = load(q)
    bench = _benchmarks(data)
    makers = {
        "headline": lambda: headline_view(data),
        "plans": lambda: _trend(
            data,
            "plans",
            PLANS,
            [],
            "A count is compared only with itself over time (England's count is not a benchmark). Before January 2019 "
            "the count is statements of SEN and EHC plans together, as DfE's series is (statements only until 2014).",
        ),
        "timeliness": lambda: _trend(
            data,
            "timeliness",
            WITHIN_20,
            bench,
            "Calendar years; 2014-2018 from the 2022 release, 2019-2024 from the 2025 release.",
        ),
        "timeliness-ex": lambda: _trend(
            data, "timeliness-ex", WITHIN_20_EX, bench, "Excluding plans where an exception to the 20-week limit applied."
        ),
        "placements": lambda: mix_view(
            data, "placements", "Where children and young people with EHC plans are placed", PLACEMENT_GROUPS, "EHC plans"
        ),
        "needs": lambda: mix_view(data, "needs", "Primary need of EHC plans", NEED_GROUPS, "EHC plans"),
        "funnel": lambda: funnel_view(data),
        "tribunal": lambda: _trend(
            data,
            "tribunal",
            TRIBUNAL,
            bench,
            "Appeals registered with the SEND Tribunal as a percentage of appealable decisions (MoJ and DfE). "
            "Lower means fewer families needed the formal route.",
        ),
        "ceased": lambda: mix_view(data, "ceased", "Why EHC plans ceased", CEASED_GROUPS, "plans ceased"),
    }
    keys = [q.chart] if q.chart else list(CHART_KEYS)
    return data, [makers[k]() for k in keys]


@memoised("send")
def build(query: Query) -> tuple[SendData, list[ChartView]]:
    return build_all(parse_query(query))


def chart_views(query: Query) -> list[ChartView]:
    """For exports, embeds (``chart=`` picks one), the board pack and presentation mode (all)."""
    return build(query)[1]
