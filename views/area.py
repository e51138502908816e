"""Area profile view: ``/area/<code>`` — every indicator for one area against England.

One ``ChartView`` per group (a bee of the area's own plan, or "Other indicators"), each a
spine chart with its table. The code arrives as ``query["_id"]`` (from the path, see
``views.registry.views_from_url``) or ``query["code"]``. Predecessor GSS codes resolve to the
current area and say so; unknown codes raise ``ViewNotFound``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field

import pandas as pd

from analytics.codes import ENGLAND, slug
from analytics.compare import (
    BETTER,
    HIGHER,
    LOWER,
    NOT_COMPARED,
    SIMILAR,
    SOURCE_PUBLISHER,
    WORSE,
    published_verdict_for,
)
from analytics.frames import Row, frame_records, row_dict
from analytics.honest import ILLUSTRATIVE_SUFFIX, honest_comparison, rankable_flags
from analytics.judgement import RANK_RULE, Rank, rank_in
from analytics.ranks import neighbour_average
from components.chart_block import ChartText
from components.formatting import average_decimals, decimals_of, format_value, is_missing
from components.routes import url_for
from components.spine_chart import distribution, spine_chart_figure
from data_access import reads
from data_access.reads.records import AreaRecord
from views import benchmarks as sn
from views import home, verdicts
from views.area_context import comparator_for
from views.base import ChartView, Query, ViewNotFound, any_illustrative, first, known_area, source_lines
from views.view_cache import memoised

OTHER_GROUP = "Other indicators"
#: Which area levels form the distribution on an area's spine chart.
# A district's peers are every lower-tier area (shire districts and unitaries, 296); a county's or
# unitary's every upper-tier council (153).
PEER_LEVELS = {"district": ("district", "unitary"), "county": ("county", "unitary"), "unitary": ("county", "unitary")}
LEVEL_WORDS = {
    "district": "districts and unitary councils",
    "county": "county and unitary councils",
    "unitary": "county and unitary councils",
}
#: Spine-chart ranges: every comparable area in England, or (districts) the county's own districts.
RANGES = ("england", "county")


#: The source whose many measures are grouped by topic rather than shown all at once.
LAIT_SOURCE = "dfe-lait"
#: SEN2's indicators (plans, timeliness, placements, needs, ceased reasons, tribunals) are one topic
#: of their own, like a LAIT topic, rather than forty rows of the headline profile.
SEND_TOPIC = "SEND"


def default_area() -> str:
    """The profile (and its area picker) starts on the home council."""
    return home.home_area()


def not_found_links() -> list[tuple[str, str]]:
    return [
        (f"{home.home_name()}'s area profile", url_for("area", code=home.home_area())),
        ("District comparison", url_for("compare")),
    ]


@dataclass(frozen=True)
class AreaQuery:
    code: str  # the current GSS code
    requested: str  # as typed in the URL (may be a predecessor code)
    topic: str | None = None  # slug of a LAIT topic: that topic's indicators instead of the headline set
    benchmark: str | None = None  # "sn": add the statistical-neighbour average (councils)
    model: str = sn.DEFAULT_MODEL
    range: str = "england"  # spine range for a district: every lower-tier area ("england") or its county's districts ("county")

    @property
    def alias_used(self) -> bool:
        return self.requested != self.code


@dataclass
class AreaProfile:
    query: AreaQuery
    area: AreaRecord
    county: AreaRecord | None  # the district's county, compared alongside England
    framework: Row | None
    rows: pd.DataFrame  # one row per (group, indicator)
    groups: list[str]
    judgements: pd.DataFrame
    alias_note: str | None = None
    peer_scope: str | None = None
    notes: list[str] = field(default_factory=list)
    topics: list[tuple[str, str, int]] = field(default_factory=list)  # (slug, topic, indicators with values here)
    topic_name: str | None = None


# ------------------------------------------------------------------ query


@dataclass(kw_only=True)
class AreaGroupChart(ChartView):
    """One group's spine chart on the area profile; the page anchors and ids it by ``group``."""

    group: str
    profile: AreaProfile


def parse_query(query: Query) -> AreaQuery:
    raw = first(query, "_id") or first(query, "code") or default_area()
    requested = raw.strip().upper()
    resolved = reads.resolve_area_code(requested)
    if resolved is None:
        raise ViewNotFound(
            f"There is no area with the code “{raw}”. Area codes are GSS codes such as E10000015 (Hertfordshire).",
            not_found_links(),
        )
    topic = first(query, "topic")
    benchmark = (first(query, "benchmark") or "").lower() or None
    if benchmark not in {None, sn.SN, "england"}:
        raise ViewNotFound(
            f"“benchmark={benchmark}” is not an option on an area profile: England and the county are always shown; "
            "add benchmark=sn for a council's statistical neighbours.",
            [("Area profile", url_for("area", code=resolved))],
        )
    try:
        model = sn.parse_model(first(query, "model"))
    except ValueError as error:
        raise ViewNotFound(
            f"Unknown statistical-neighbour model: {error}.", [("Area profile", url_for("area", code=resolved))]
        ) from error
    spread = (first(query, "range") or "england").lower()
    if spread not in RANGES:
        raise ViewNotFound(
            f"“range={spread}” is not an option: use range=england (all comparable areas) or range=county "
            "(a district's own county's districts).",
            [("Area profile", url_for("area", code=resolved))],
        )
    return AreaQuery(
        resolved, requested, slug(topic) if topic else None, benchmark if benchmark == sn.SN else None, model, spread
    )


def query_string(q: AreaQuery, **extra: str) -> dict[str, str]:
    """The options that shape a profile, for links and downloads (defaults left out)."""
    out = {
        "topic": q.topic or "",
        "benchmark": q.benchmark or "",
        "range": q.range if q.range != "england" else "",
        "model": q.model if q.model != sn.DEFAULT_MODEL else "",
        **extra,
    }
    return {k: v for k, v in out.items() if v}


def _alias_note(q: AreaQuery, area: AreaRecord) -> str | None:
    if not q.alias_used:
        return None
    aliases = reads.area_aliases()
    match = aliases[aliases["alias"] == q.requested]
    detail = ""
    if not match.empty:
        row = match.iloc[0]
        until = row["valid_until"]
        detail = f" It was used until {until:%-d %B %Y}" if hasattr(until, "strftime") else ""
        detail += f" ({row['note']})." if isinstance(row["note"], str) and row["note"] else ("." if detail else "")
    return f"{q.requested} is an earlier code for {area['name']}; this is the profile for its current code, {q.code}.{detail}"


# -------------------------------------------------------------- framework


def choose_framework(area: AreaRecord) -> Row | None:
    """The area's own plan (or its county's), preferring the default; England and regions
    use the default plan. Another council never borrows the home council's plan."""
    frameworks = reads.frameworks()
    if frameworks.empty:
        return None
    chain: list[str] = []
    current: AreaRecord | None = area
    while current is not None and len(chain) < 5:
        chain.append(current["code"])
        parent = current["parent_code"]
        current = reads.area(parent) if parent and area["level"] == "district" else None
    for code in chain:
        owned = frameworks[frameworks["owner_area_code"] == code]
        if not owned.empty:
            owned = owned.assign(_d=owned["is_default"].fillna(False).astype(bool)).sort_values(
                "_d", ascending=False, kind="stable"
            )
            return row_dict(owned.iloc[0].drop(labels="_d"))
    if area["level"] in {"country", "region"}:
        default = frameworks[frameworks["is_default"].fillna(False).astype(bool)]
        if not default.empty:
            return row_dict(default.iloc[0])
    return None


def _groups(framework: Row | None) -> pd.DataFrame:
    """indicator_id → group (outcome) name, group order, measure wording and polarity override."""
    columns = ["indicator_id", "group", "group_order", "measure_order", "wording", "polarity_override", "measure_line"]
    if framework is None:
        return pd.DataFrame(columns=columns)
    tree = reads.framework_tree(framework["id"])
    tree = tree.dropna(subset=["indicator_id"])
    if tree.empty:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(
        {
            "indicator_id": tree["indicator_id"],
            "group": tree["outcome_name"],
            "group_order": tree["outcome_order"],
            "measure_order": tree["measure_order"],
            "wording": tree["wording"],
            "polarity_override": tree["polarity_override"],
            "measure_line": tree["source_line"],
        }
    )
    return out.drop_duplicates(["indicator_id", "group"])


# ------------------------------------------------------------------ rows


def _text(row: Row | None, meta: Row) -> str:
    if row is None:
        return "no value for this period"
    return format_value(
        row.get("value"),
        meta["value_type"],
        decimals_of(meta.get("decimals")),
        status=row.get("status"),
        value_text=row.get("value_text") if isinstance(row.get("value_text"), str) else None,
        qualifier=row.get("qualifier") if isinstance(row.get("qualifier"), str) else None,
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@dataclass(frozen=True)
class _StoredRange:
    """A range stored when the data was loaded (``reads.peer_distributions``), and the area's stored rank."""

    spread: dict[str, float] | None
    parent_code: str | None
    parent_count: int
    rank: Rank | None  # the area's stored rank: needed only where it has a published value and a range


@dataclass
class _Peers:
    """What every indicator's row is judged from, read once for the whole profile."""

    area: AreaRecord
    county: AreaRecord | None
    range_of: str
    peer_levels: tuple[str, ...]
    by_key: dict[tuple[str, str], list[Row]]  # (indicator, period) → comparators' and peers' rows
    catalogue: pd.DataFrame
    parent_of: dict[Hashable, object]
    no_quartile: frozenset[str]
    n_areas: int | None
    peer_parents: set[str] = field(default_factory=set)  # the parents of the peers with a value, for the scope
    # the catalogue rows of the profile's indicators as dicts, made once (a ``.loc`` row per
    # indicator was ~7% of a profile's build)
    meta_rows: dict[str, Row] = field(default_factory=dict)
    # (indicator, period) → its stored range: those keys read no peer values
    stored: dict[tuple[str, str], _StoredRange] = field(default_factory=dict)
    mixed_parents: bool = False  # a stored range's areas have more than one parent


def _stored_ranges(area: AreaRecord, latest: pd.DataFrame, peer_levels: tuple[str, ...]) -> dict[tuple[str, str], _StoredRange]:
    """Fetch: the ranges stored at load time for the latest periods, with the area's stored rank
    where the row shows one. A key is left out (and computed from the peers' values, as before)
    when nothing is stored for it, or its rank is needed and not stored, or a period label names
    two periods (the page matches peers on the label; a stored rank is per period)."""
    periods = dict(zip(latest["indicator_id"], latest["period_label"]))
    found = reads.peer_distributions(periods, peer_levels)
    if found.empty:
        return {}
    judged = reads.area_ranks_at(area["code"], periods)
    ranks: dict[tuple[str, str], Rank | None] = {}
    for i, label, rank, rank_of, quartile, reason in zip(
        judged["indicator_id"],
        judged["period_label"],
        judged["rank"],
        judged["rank_of"],
        judged["quartile"],
        judged["rank_reason"],
    ):
        if periods.get(i) == label:
            # None marks a label seen twice: no one stored rank answers for it
            ranks[(i, label)] = (
                None
                if (i, label) in ranks
                else Rank(
                    None if is_missing(rank) else int(rank),
                    int(rank_of),
                    quartile if isinstance(quartile, str) and quartile else None,
                    reason if isinstance(reason, str) else "",
                )
            )
    spreads: dict[tuple[str, str], _StoredRange] = {}
    for r in frame_records(found):
        key = (r["indicator_id"], r["period_label"])
        spread = (
            None
            if is_missing(r["dist_min"])
            else {f: float(r[f]) for f in ("dist_min", "dist_q1", "dist_q3", "dist_max")} | {"n": int(r["n"])}
        )
        count = int(r["parent_count"])
        spreads[key] = _StoredRange(spread, r["parent_code"] if count == 1 else None, count, ranks.get(key))
    values = dict(zip(latest["indicator_id"], zip(latest["value"], latest["illustrative"])))
    return {
        key: found_range
        for key, found_range in spreads.items()
        if found_range.spread is None or is_missing(values[key[0]][0]) or bool(values[key[0]][1]) or found_range.rank is not None
    }


def _peers(area: AreaRecord, county: AreaRecord | None, latest: pd.DataFrame, range_of: str, catalogue: pd.DataFrame) -> _Peers:
    """Fetch: full rows for the few comparators; each indicator's range as stored at load time, or
    (where none is stored) the lean read (value, illustrative) of the ~150 peers it has."""
    ids = latest["indicator_id"].tolist()
    peer_levels = PEER_LEVELS.get(area["level"], ())
    comparators = [ENGLAND] + ([county["code"]] if county else [])
    latest_periods = dict(zip(latest["indicator_id"], latest["period_label"]))
    values = reads.values_for_areas(ids, area_codes=comparators, periods=latest_periods)
    # a county's-districts range is drawn from the peers' values; the stored ranges are England's
    stored = _stored_ranges(area, latest, peer_levels) if peer_levels and not (range_of == "county" and county) else {}
    live = {i: label for i, label in latest_periods.items() if (i, label) not in stored}
    peer_values = reads.period_values(live, levels=peer_levels) if peer_levels and live else pd.DataFrame()
    catalogue = catalogue.set_index("id")
    all_areas = reads.areas().set_index("code")
    no_quartile = reads.no_quartile_indicators()
    sizes = reads.level_sizes()
    n_areas = sum(sizes.get(lv, 0) for lv in peer_levels) or None
    parent_of = all_areas["parent_code"].to_dict()
    # the comparators' rows as plain records grouped once by (indicator, period): a profile has
    # ~150 indicators and ~150 peers each, and per-indicator DataFrame filtering dominated its time
    level_of = all_areas["level"].to_dict()
    keyed: dict[tuple[str, str], dict[str, Row]] = {}
    if not peer_values.empty:
        for indicator_id, code, value, illustrative in zip(
            peer_values["indicator_id"], peer_values["area_code"], peer_values["value"], peer_values["illustrative"]
        ):
            keyed.setdefault((indicator_id, latest_periods[indicator_id]), {})[code] = {
                "area_code": code,
                "area_level": level_of.get(code),
                "value": value,
                "illustrative": bool(illustrative),
            }
    for record in frame_records(values):
        keyed.setdefault((record["indicator_id"], record["period_label"]), {})[record["area_code"]] = record
    by_key = {key: list(found.values()) for key, found in keyed.items()}
    wanted = catalogue[catalogue.index.isin(ids)]
    meta_rows = {str(i): record for i, record in zip(wanted.index, frame_records(wanted))}
    return _Peers(
        area,
        county,
        range_of,
        peer_levels,
        by_key,
        catalogue,
        parent_of,
        no_quartile,
        n_areas,
        meta_rows=meta_rows,
        stored=stored,
    )


def _row_meta(p: _Peers, indicator_id: str) -> Row:
    meta: Row = (
        dict(p.meta_rows[indicator_id])
        if indicator_id in p.meta_rows
        else {"name": indicator_id, "value_type": "other", "unit": "", "polarity": "no_judgement"}
    )
    meta.setdefault("decimals", 1)
    return meta


def _rank_text(found: Rank) -> str:
    return (
        f"{_ordinal(int(found.rank))} of {found.rank_of} (quartile band {found.quartile})"
        if found.rank is not None
        else found.not_ranked_text()
    )


def _stored_spread_and_rank(p: _Peers, row: Row, stored: _StoredRange) -> tuple[dict[str, float] | None, str]:
    """``_spread_and_rank`` from the range and rank stored at load time (the same rules)."""
    spread = stored.spread if p.area["level"] in PEER_LEVELS else None
    if spread is None:
        return None, ""
    rank_text = ""
    if not is_missing(row["value"]) and row.get("illustrative"):
        rank_text = "Not ranked: value is illustrative"
    elif not is_missing(row["value"]) and stored.rank is not None:
        rank_text = _rank_text(stored.rank)
    if stored.parent_count == 1 and stored.parent_code:
        p.peer_parents.add(stored.parent_code)
    elif stored.parent_count > 1:
        p.mixed_parents = True
    return spread, rank_text


def _spread_and_rank(p: _Peers, row: Row, meta: Row, same: list[Row]) -> tuple[dict[str, float] | None, str]:
    """Shape: the range of comparable areas shown beside the value, and its rank among them."""
    stored = p.stored.get((row["indicator_id"], row["period_label"]))
    if stored is not None:
        return _stored_spread_and_rank(p, row, stored)
    area, county = p.area, p.county
    peers = [r for r in same if r["area_level"] in p.peer_levels]
    # honest benchmarks: an illustrative value is not ranked or spread among published ones
    rankable_peers = rankable_flags(r.get("illustrative") for r in peers)
    peers = [r for r, k in zip(peers, rankable_peers) if k]
    # the rank is among every area of the level (the one judgement every page shows); the
    # range shown beside it may be the county's districts only
    ranked_among = [r["value"] for r in peers]
    if p.range_of == "county" and county is not None:
        peers = [r for r in peers if r["area_level"] == "district" and p.parent_of.get(r["area_code"]) == county["code"]]
    spread = distribution([r["value"] for r in peers]) if area["level"] in PEER_LEVELS else None
    rank_text = ""
    if spread is not None:
        if not is_missing(row["value"]) and row.get("illustrative"):
            rank_text = "Not ranked: value is illustrative"
        elif not is_missing(row["value"]):
            found = rank_in(
                ranked_among,
                row["value"],
                meta["polarity"],
                value_type=str(meta["value_type"]),
                no_quartile=row["indicator_id"] in p.no_quartile,
                n_areas=p.n_areas,
            )
            rank_text = _rank_text(found)
        for r in peers:
            parent = p.parent_of.get(r["area_code"])
            if not is_missing(r["value"]) and isinstance(parent, str):
                p.peer_parents.add(parent)
    return spread, rank_text


def _indicator_record(p: _Peers, row: Row) -> Row:
    """One indicator's row on the profile: the area's value, England's, the county's, the range and rank."""
    county = p.county
    indicator_id, period = row["indicator_id"], row["period_label"]
    meta = _row_meta(p, indicator_id)
    same = p.by_key.get((indicator_id, period), [])
    england_row = next((r for r in same if r["area_code"] == ENGLAND), None)
    county_row = next((r for r in same if r["area_code"] == county["code"]), None) if county else None
    spread, rank_text = _spread_and_rank(p, row, meta, same)
    interval = verdicts.interval(row, meta["value_type"])
    lower, upper = interval.lower, interval.upper
    return {
        "indicator_id": indicator_id,
        "name": meta["name"],
        "short_name": meta.get("short_name") if isinstance(meta.get("short_name"), str) else meta["name"],
        "unit": meta["unit"],
        "value_type": meta["value_type"],
        "decimals": decimals_of(meta.get("decimals")),
        "indicator_polarity": meta["polarity"],
        "period_label": period,
        "period_sort": row["period_sort"],
        "value": row["value"],
        "status": row["status"],
        "lower_ci95": lower,
        "upper_ci95": upper,
        "count": row.get("count"),
        "denominator": row.get("denominator"),
        "value_text": _text(row, meta),
        "england": england_row["value"] if england_row else None,
        "england_text": _text(england_row, meta) if england_row else "no England value for this period",
        "county": county_row["value"] if county_row else None,
        "county_text": _text(county_row, meta) if county_row else ("no county value for this period" if county else ""),
        "dist_min": spread["dist_min"] if spread else None,
        "dist_q1": spread["dist_q1"] if spread else None,
        "dist_q3": spread["dist_q3"] if spread else None,
        "dist_max": spread["dist_max"] if spread else None,
        "dist_n": spread["n"] if spread else 0,
        "rank_text": rank_text,
        "illustrative": bool(row["illustrative"])
        or bool(england_row and england_row["illustrative"])
        or bool(county_row and county_row["illustrative"]),
        "value_illustrative": bool(row["illustrative"]),
        "england_illustrative": bool(england_row["illustrative"]) if england_row else None,
        "county_illustrative": bool(county_row["illustrative"]) if county_row else None,
        "source_title": row["source_title"],
        "source_line": row["source_line"],
        "ci_method": interval.method,
        "ci_note": interval.note,
        "untested_reason": verdicts.untested_reason(interval),
        "county_source": county_row["source_title"] if county_row else None,
        "england_code": ENGLAND,
        "county_code": county["code"] if county else None,
        **{column: row.get(column) for column in verdicts.PUBLISHED_VERDICT_KEYS},
    }


def _peer_scope(p: _Peers) -> str | None:
    """Words: which areas the ranges are drawn from ("Hertfordshire's districts")."""
    area = p.area
    if p.range_of == "county" and p.county is not None:
        return f"{p.county['name']}'s districts"
    if area["level"] in PEER_LEVELS:
        if len(p.peer_parents) == 1 and not p.mixed_parents:
            only = next(iter(p.peer_parents))
            parent = reads.area(only)
            return f"{parent['name'] if parent else only}'s {LEVEL_WORDS[area['level']]}"
        if p.peer_parents or p.mixed_parents:
            return f"{LEVEL_WORDS[area['level']]} in England"
    return None


def _indicator_rows(
    area: AreaRecord,
    county: AreaRecord | None,
    observed: pd.DataFrame,
    keep: set[str] | None = None,
    range_of: str = "england",
    catalogue: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, str | None]:
    if keep is not None:
        observed = observed[observed["indicator_id"].isin(keep)]
    if observed.empty:
        return pd.DataFrame(), None
    latest = observed.sort_values("period_sort", kind="stable").groupby("indicator_id", sort=False).tail(1)
    peers = _peers(area, county, latest, range_of, reads.indicators() if catalogue is None else catalogue)
    records = [_indicator_record(peers, row) for row in frame_records(latest)]
    return pd.DataFrame(records), _peer_scope(peers)


def _significance(rows: pd.DataFrame, county: AreaRecord | None) -> pd.DataFrame:
    """Labels against England and the county through ``analytics.honest`` (a published value is
    not compared with an illustrative benchmark; a result resting on an invented value is
    marked): ``significance[_county]`` the label, ``…_illustrative`` its marking, ``…_reason``
    why the provenance rule stopped it."""
    out = rows.copy()
    records = frame_records(out)
    for column, bench_col, allowed in (("significance", "england", True), ("significance_county", "county", bool(county))):
        bench_name = "England" if bench_col == "england" else (county["name"] if county else "county")
        results = [
            honest_comparison(
                r["value"],
                r["lower_ci95"],
                r["upper_ci95"],
                r[bench_col] if allowed and not is_missing(r[bench_col]) else None,
                r["polarity"],
                value_illustrative=r["value_illustrative"],
                benchmark_illustrative=r[f"{bench_col}_illustrative"],
                published_verdict=published_verdict_for(r, str(r.get(f"{bench_col}_code") or "")) if allowed else None,
            )
            for r in records
        ]
        out[column] = [r.label for r in results]
        out[f"{column}_illustrative"] = [r.illustrative for r in results]
        out[f"{column}_reason"] = [r.reason for r in results]
        out[f"{column}_source"] = [r.source for r in results]
        out[f"{column}_note"] = [r.note for r in results]
        # no bare "not compared": both values and the gap where no test could be made
        out[f"{column}_text"] = [
            verdicts.difference_sentence(
                r["value"],
                r[bench_col],
                value_text=str(r["value_text"]),
                benchmark_name=bench_name,
                benchmark_text=str(r[f"{bench_col}_text"]),
                value_type=str(r["value_type"]),
                unit=str(r["unit"] or ""),
                decimals=int(r["decimals"]),
                reason=str(r.get("untested_reason") or "no interval"),
            )
            if result.label == NOT_COMPARED and not result.reason and allowed
            else None
            for r, result in zip(records, results)
        ]
    return out


def _with_neighbour_average(rows: pd.DataFrame, area: AreaRecord, model: str) -> pd.DataFrame:
    """``sn_text`` and ``significance_sn``: each indicator's latest period against the mean of the
    council's DfE statistical neighbours' published values for the same period (one read)."""
    out = rows.copy()
    group = sn.neighbours(area["code"], model)
    values = (
        reads.values_for_areas(
            out["indicator_id"].tolist(),
            area_codes=group["code"].tolist(),
            periods=dict(zip(out["indicator_id"], out["period_label"])),
        )
        if not group.empty
        else pd.DataFrame()
    )
    values = values[~values["illustrative"].astype(bool)] if not values.empty else values
    by_indicator = {i: part["value"].tolist() for i, part in values.groupby("indicator_id")} if not values.empty else {}
    means, texts, labels, marks = [], [], [], []
    for record in frame_records(out):
        found = [v for v in by_indicator.get(record["indicator_id"], []) if not is_missing(v)]
        mean = neighbour_average(found)
        means.append(mean)
        texts.append(
            f"{format_value(mean, record['value_type'], average_decimals(int(record['decimals'])))} (average of {len(found)})"
            if mean is not None
            else (
                "no statistical neighbours (DfE models cover councils)" if group.empty else "no neighbour values for this period"
            )
        )
        result = honest_comparison(
            record["value"],
            record["lower_ci95"],
            record["upper_ci95"],
            mean,
            record["polarity"],
            value_illustrative=record.get("illustrative"),
            benchmark_illustrative=False,
        )
        labels.append(result.label)
        marks.append(result.illustrative)
    out["sn"], out["sn_text"], out["significance_sn"], out["sn_illustrative"] = means, texts, labels, marks
    return out


def _sig_shown(label: str, illustrative: bool, reason: object, benchmark: str, text: object = None, source: object = None) -> str:
    """Words for a table cell or hover, marked when illustrative or stopped by the rule; an
    untested difference (``text``) is given whole; the publisher's verdict says so."""
    if isinstance(reason, str) and reason:
        return f"not compared with {benchmark}: {reason}"
    if label == NOT_COMPARED and isinstance(text, str) and text:
        return text
    whose = " (publisher's verdict)" if source == SOURCE_PUBLISHER else ""
    return _sig_words(label, benchmark) + whose + (ILLUSTRATIVE_SUFFIX if illustrative else "")


@memoised("area")
def build_profile(query: Query) -> AreaProfile:
    q = parse_query(query)
    # resolve_area_code already checked the code
    area = known_area(q.code, f"There is no area with the code “{q.requested}”.", not_found_links())
    county = comparator_for(area)  # a district's county; a ward's or MSOA's nearest council
    framework = choose_framework(area)
    groups = _groups(framework)
    catalogue = reads.indicators()  # read once: the selection and every row's metadata
    keep, topics, topic_name = _selection(q, set(groups["indicator_id"]), catalogue)
    if q.topic is not None:
        groups = groups.iloc[0:0]  # a topic is one group of its own
    # one read for the rows and the topic counts: each indicator's latest period is all either uses
    observed = reads.area_latest_observations(q.code)
    rows, scope = _indicator_rows(area, county, observed, keep, q.range, catalogue)
    if not rows.empty:
        merged = rows.merge(groups, on="indicator_id", how="left")
        merged["group"] = merged["group"].fillna(topic_name or OTHER_GROUP)
        merged["group_order"] = merged["group_order"].fillna(10_000)
        merged["measure_order"] = merged["measure_order"].fillna(0)
        # verdicts use the indicator's polarity; a plan measure's intended direction is its target
        # (analytics.judgement), shown beside the polarity, never a second verdict
        merged["polarity"] = merged["indicator_polarity"]
        merged["plan_direction"] = [o if isinstance(o, str) and o else None for o in merged["polarity_override"]]
        merged = _significance(merged, county)
        if q.benchmark == sn.SN:
            merged = _with_neighbour_average(merged, area, q.model)
        has_comparator = merged["england"].notna() | merged["county"].notna() | merged["dist_min"].notna()
        # a count is not placed against England's count: areas differ in size (issue 19, finding 5)
        merged["compared"] = has_comparator & merged["value_type"].ne("count")
        merged = merged.sort_values(["group_order", "measure_order", "name"], kind="stable").reset_index(drop=True)
        # Groups in plan order, then "Other indicators".
        group_names = list(dict.fromkeys(merged["group"]))
    else:
        merged, group_names = rows, []
    return AreaProfile(
        query=q,
        area=area,
        county=county,
        framework=framework,
        rows=merged,
        groups=group_names,
        judgements=reads.judgements(q.code),
        alias_note=_alias_note(q, area),
        peer_scope=scope,
        topics=_topic_counts(set(observed["indicator_id"]), topics),
        topic_name=topic_name,
    )


def _selection(
    q: AreaQuery, linked: set[str], catalogue: pd.DataFrame
) -> tuple[set[str], dict[str, tuple[str, set[str]]], str | None]:
    """Which indicators the profile shows: the headline set (every indicator except LAIT's several
    hundred, plus those the area's plan links to), or one LAIT topic's indicators.

    Returns the ids to keep, every LAIT topic (slug → name, ids) and the chosen topic's name.
    """
    generic = (catalogue["source_key"].fillna("") == LAIT_SOURCE) | (catalogue["topic"].fillna("") == SEND_TOPIC)
    topics: dict[str, tuple[str, set[str]]] = {}
    for topic, part in catalogue[generic].groupby(catalogue["topic"].fillna("Other")):
        topics[slug(str(topic))] = (str(topic), set(part["id"]))
    if q.topic is None:
        return set(catalogue.loc[~generic, "id"]) | linked, topics, None
    if q.topic not in topics:
        choices = ", ".join(name for name, _ in topics.values())
        raise ViewNotFound(
            f"There is no indicator topic called “{q.topic}”. Topics: {choices}.",
            [("Area profile", url_for("area", code=q.code))],
        )
    name, ids = topics[q.topic]
    return ids, topics, ("SEND (DfE SEN2 and the SEND Tribunal)" if name == SEND_TOPIC else f"{name} (DfE LAIT)")


def _topic_counts(have: set[str], topics: dict[str, tuple[str, set[str]]]) -> list[tuple[str, str, int]]:
    """Each LAIT topic with how many of its indicators have values for this area (none: left out)."""
    counted = [(key, name, len(ids & have)) for key, (name, ids) in sorted(topics.items(), key=lambda kv: kv[1][0])]
    return [c for c in counted if c[2]]


# ----------------------------------------------------------------- charts


#: The columns ``_hover`` (and ``_number``) read.
_HOVER_COLUMNS = (
    "name",
    "period_label",
    "value_text",
    "significance",
    "significance_illustrative",
    "significance_reason",
    "significance_text",
    "significance_source",
    "england_text",
    "county_text",
    "dist_n",
    "dist_min",
    "dist_max",
    "illustrative",
    "value_type",
    "decimals",
)


def _hover(row: Row, area_name: str, county_name: str | None) -> str:
    parts = [
        f"<b>{row['name']}</b> ({row['period_label']})",
        f"{area_name}: {row['value_text']} — "
        + _sig_shown(
            row["significance"],
            row.get("significance_illustrative", False),
            row.get("significance_reason"),
            "England",
            row.get("significance_text"),
            row.get("significance_source"),
        ),
        f"England: {row['england_text']}",
    ]
    if county_name:
        parts.append(f"{county_name}: {row['county_text']}")
    if row.get("dist_n"):
        parts.append(f"Range of {int(row['dist_n'])} areas: {_number(row['dist_min'], row)} to {_number(row['dist_max'], row)}")
    if row.get("illustrative"):
        parts.append("Illustrative values")
    return "<br>".join(parts)


def _number(value: object, row: Row) -> str:
    return format_value(value, row["value_type"], int(row["decimals"]))


def _sig_words(label: str, benchmark: str) -> str:
    return {
        BETTER: f"significantly better than {benchmark}",
        WORSE: f"significantly worse than {benchmark}",
        HIGHER: f"significantly higher than {benchmark} (no better or worse)",
        LOWER: f"significantly lower than {benchmark} (no better or worse)",
        SIMILAR: f"similar to {benchmark}",
    }.get(label, f"not compared with {benchmark}")


#: A plan measure's intended direction, in words (a target, not the indicator's polarity).
PLAN_AIMS = {"higher_better": "higher", "lower_better": "lower"}
POLARITY_WORDS = {
    "higher_better": "higher is better",
    "lower_better": "lower is better",
    "no_judgement": "neither higher nor lower is better",
    "ambiguous": "ambiguous: a rise could be good or bad",
}


def _summary(rows: pd.DataFrame, area_name: str, group: str) -> str:
    # plain lists, not a filtered frame and value_counts: a profile asks once per group
    marks = rows["significance_illustrative"].tolist() if "significance_illustrative" in rows else [None] * len(rows)
    compared = [(label, mark) for label, mark in zip(rows["significance"].tolist(), marks) if label != NOT_COMPARED]
    if not compared:
        return f"None of the {len(rows)} indicators under {group} can be tested against England for the same period; values are listed in the table."
    counts = Counter(label for label, _ in compared if isinstance(label, str))
    order = [BETTER, SIMILAR, WORSE, HIGHER, LOWER]
    parts = [
        f"{'significantly ' if label != SIMILAR else ''}{label.lower()}{' than' if label != SIMILAR else ' to'} England on {int(counts[label])}"
        for label in order
        if label in counts
    ]
    rest = len(rows) - len(compared)
    tail = f"; {rest} could not be tested" if rest else ""
    invented = sum(1 for _, mark in compared if not pd.isna(mark) and bool(mark))
    if invented:
        tail += f" ({invented} of these comparison{'s rest' if invented != 1 else ' rests'} on illustrative values)"
    return f"Of {len(rows)} indicator{'s' if len(rows) != 1 else ''} under {group}, {area_name} is {', '.join(parts)}{tail}."


def _group_rows(profile: AreaProfile, group: str) -> pd.DataFrame:
    """Shape: the group's rows with each row's hover text and axis label."""
    area, county = profile.area, profile.county
    # no .copy(): a filtered frame is its own (copy-on-write), and copying ~60 columns cost a little
    rows = profile.rows[profile.rows["group"] == group]
    county_name = county["name"] if county else None
    read = [c for c in _HOVER_COLUMNS if c in rows]  # only what the hover reads: records of every column were most of this
    rows["hover"] = [_hover(r, area["name"], county_name) for r in frame_records(rows[read])]
    rows["label"] = [
        f"{s} ({p})" if len(f"{s} ({p})") <= 48 else f"{s[:40]}… ({p})" for s, p in zip(rows["short_name"], rows["period_label"])
    ]
    return rows


def _no_range_note(area: AreaRecord, chart_rows: pd.DataFrame, county_name: str | None) -> str:
    """Never a blank chart without a word: say why there is no range, and where the values are."""
    small = area["level"] in {"ward", "msoa", "lsoa"}
    why = (
        f"ranges of comparable areas are drawn for councils and districts, not for a {area['level']}"
        if small
        else "too few comparable areas have a value for the same period"
    )
    if chart_rows["england"].notna().any():
        where = "against England"
    elif county_name and chart_rows["county"].notna().any():
        where = f"against {county_name} (there is no England value for the same period)"
    else:
        where = "in the table (there is no England value for the same period)"
    return f"No range is drawn for {area['name']}: {why}. Its values are shown {where}."


def _mixed_sources_note(area: AreaRecord, rows: pd.DataFrame, county_name: str | None) -> list[str]:
    read = [c for c in ("county_source", "source_title", "county", "short_name") if c in rows]
    mixed = [
        r
        for r in frame_records(rows[read])
        if isinstance(r.get("county_source"), str) and r["county_source"] != r.get("source_title") and not is_missing(r["county"])
    ]
    if not (mixed and county_name):
        return []
    sources = "; ".join(
        dict.fromkeys(f"{area['name']} from {r['source_title']}, {county_name} from {r['county_source']}" for r in mixed)
    )
    return [
        f"{', '.join(str(r['short_name']) for r in mixed)}: {area['name']} and {county_name} come from different sources "
        f"({sources}); small differences may come from the sources' methods rather than the areas."
    ]


def _group_notes(profile: AreaProfile, rows: pd.DataFrame, chart_rows: pd.DataFrame) -> list[str]:
    """Words: how to read the chart, and what it leaves out."""
    area, county = profile.area, profile.county
    county_name = county["name"] if county else None
    # plain lists rather than filtered frames (a profile asks once per group)
    counts = [n for n, t in zip(rows["short_name"].tolist(), rows["value_type"].tolist()) if t == "count"]
    untested = sum(1 for c in rows["compared"].tolist() if not c) - len(counts)
    notes = []
    if profile.peer_scope and chart_rows["dist_min"].notna().any():
        notes.append(
            f"Bars show the range (light) and middle half (dark) of {profile.peer_scope} with a value for the same period; "
            "rows with too few areas show markers only."
        )
    else:
        notes.append(_no_range_note(area, chart_rows, county_name))
    notes.append(
        "Each row has its own scale centred on England. Better is to the right for indicators with a polarity; "
        "indicators with no agreed polarity run from lower (left) to higher (right). Significance uses 95% confidence intervals."
    )
    notes.append(RANK_RULE)
    if untested:
        notes.append(
            f"{untested} indicator{'s' if untested != 1 else ''} with no England{' or county' if county else ''} value for the same period {'are' if untested != 1 else 'is'} in the table but not on the chart."
        )
    if counts:
        notes.append(
            f"Counts are in the table but not on the chart ({', '.join(str(n) for n in counts)}): "
            f"a count for {area['name']} is not comparable with England's, because areas differ in size."
        )
    notes += _mixed_sources_note(area, rows, county_name)
    # zip, not itertuples: itertuples builds a namedtuple class of all ~60 columns on every call
    for value, name, period_label, value_text in zip(
        rows["value"].tolist(), rows["name"].tolist(), rows["period_label"].tolist(), rows["value_text"].tolist()
    ):
        if pd.isna(value):
            notes.append(f"{name} ({period_label}): {value_text}; shown without a marker, not as zero.")
    return notes


def _group_text(profile: AreaProfile, group: str, rows: pd.DataFrame, chart_rows: pd.DataFrame) -> ChartText:
    area = profile.area
    framework_part = (
        f" · grouped by {profile.framework['short_name'] or profile.framework['name']}"
        if profile.framework is not None and group not in {OTHER_GROUP, profile.topic_name}
        else ""
    )
    return ChartText(
        title=f"{area['name']}: {group} compared with England",
        subtitle=f"Latest period for each indicator{framework_part} · each indicator in its own unit (see table) · markers show significance against England",
        summary=_summary(rows, area["name"], group),
        sources=source_lines(rows),
        illustrative=any_illustrative(rows),
        notes=_group_notes(profile, rows, chart_rows),
    )


def _significance_cells(rows: pd.DataFrame, prefix: str, benchmark: str) -> list[str]:
    return [
        _cap(_sig_shown(s, i, r, benchmark, t, src))
        for s, i, r, t, src in zip(
            rows[prefix],
            rows[f"{prefix}_illustrative"],
            rows[f"{prefix}_reason"],
            rows[f"{prefix}_text"],
            rows[f"{prefix}_source"],
        )
    ]


def _group_table(rows: pd.DataFrame, county_name: str | None) -> pd.DataFrame:
    """Shape: the group's rows as the table shows them."""
    return pd.DataFrame(
        {
            "indicator": rows["name"],
            "indicator_href": [url_for("indicator", indicator_id=i) for i in rows["indicator_id"]],
            "period": rows["period_label"],
            "unit": rows["unit"],
            "value_shown": rows["value_text"],
            "england_shown": rows["england_text"],
            "county_shown": rows["county_text"],
            "range_shown": [
                f"{_number(lo, r)} to {_number(hi, r)} ({int(n)} areas)" if n else ""
                for lo, hi, n, r in zip(
                    rows["dist_min"], rows["dist_max"], rows["dist_n"], frame_records(rows[["value_type", "decimals"]])
                )
            ],
            "rank": rows["rank_text"],
            "significance": _significance_cells(rows, "significance", "England"),
            "significance_county": _significance_cells(rows, "significance_county", county_name or "county"),
            "polarity": [
                POLARITY_WORDS.get(p, p)
                + (f" (the plan aims {PLAN_AIMS.get(d, d)}: a target)" if isinstance(d, str) and d and d != p else "")
                for p, d in zip(rows["polarity"], rows.get("plan_direction", pd.Series([None] * len(rows), index=rows.index)))
            ],
            "illustrative_shown": ["Yes" if v else "No" for v in rows["illustrative"]],
            "source": [
                f"{t}, line {ln}" if isinstance(ln, str) and ln else (t or "")
                for t, ln in zip(rows["source_title"], rows["source_line"])
            ],
        }
    )


def _group_columns(profile: AreaProfile, rows: pd.DataFrame, table: pd.DataFrame) -> list[tuple[str, str]]:
    """The table's columns; the statistical-neighbour cells are added to ``table`` when asked for."""
    area, county = profile.area, profile.county
    columns = [("indicator", "Indicator"), ("period", "Period"), ("unit", "Unit"), ("value_shown", area["name"])]
    if county:
        columns.append(("county_shown", county["name"]))
    columns += [("england_shown", "England")]
    if rows["dist_n"].astype(int).gt(0).any():
        columns += [("range_shown", "Range of comparable areas"), ("rank", "Rank (1 = best)")]
    columns.append(("significance", "Compared with England"))
    if county:
        columns.append(("significance_county", f"Compared with {county['name']}"))
    if "sn_text" in rows:
        table["sn_shown"] = rows["sn_text"].tolist()
        table["significance_sn"] = [
            _cap(_sig_shown(s, bool(m), None, "statistical neighbours"))
            for s, m in zip(rows["significance_sn"], rows["sn_illustrative"])
        ]
        columns += [
            ("sn_shown", f"Statistical neighbours ({profile.query.model} model)"),
            ("significance_sn", "Compared with statistical neighbours"),
        ]
    columns += [("polarity", "Polarity"), ("illustrative_shown", "Illustrative?"), ("source", "Source")]
    return columns


def group_view(profile: AreaProfile, group: str) -> AreaGroupChart:
    """shape → figure → words → table for one group's spine chart."""
    area, county = profile.area, profile.county
    county_name = county["name"] if county else None
    rows = _group_rows(profile, group)
    chart_rows = rows[rows["compared"]]
    range_label = f"Range across {profile.peer_scope}" if profile.peer_scope else "Range of comparable areas"
    figure = spine_chart_figure(chart_rows, area_name=area["name"], county_name=county_name, range_label=range_label)
    text = _group_text(profile, group, rows, chart_rows)
    table = _group_table(rows, county_name)
    columns = _group_columns(profile, rows, table)
    data = rows.drop(columns=["hover", "label", "compared"], errors="ignore").assign(
        area_code=area["code"], area_name=area["name"]
    )
    return AreaGroupChart(
        key="area",
        figure=figure,
        text=text,
        table=table,
        table_columns=columns,
        data=data,
        filename_stem=f"area-{area['code']}_{slug(area['name'])}_{slug(group)}",
        numeric_columns=("value_shown", "county_shown", "england_shown"),
        group=group,
        profile=profile,
    )


def chart_views(query: Query) -> list[ChartView]:
    """One spine chart per group; ``group=<name or slug>`` picks one (for exports and slides)."""
    profile = build_profile(query)
    if profile.rows.empty:
        raise ViewNotFound(f"We hold no values for {profile.area['name']} yet.", not_found_links())
    wanted = first(query, "group")
    groups = profile.groups
    if wanted:
        groups = [g for g in groups if g == wanted or slug(g) == slug(wanted)]
        if not groups:
            raise ViewNotFound(
                f"{profile.area['name']}'s profile has no group called “{wanted}”.",
                [(f"{profile.area['name']} profile", url_for("area", code=profile.area["code"]))],
            )
    return [group_view(profile, g) for g in groups]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
