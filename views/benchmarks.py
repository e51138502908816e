"""A council among all councils: statistical-neighbour averages, ranks and quartile bands.

Why one module: the API (``benchmark=sn``, ``rank=1``), ``/compare``, ``/trends``, the area
profile and ``/neighbours`` must give the same numbers for the same question, computed the way
DfE's LAIT computes them: the neighbour average is the plain mean of the neighbours that have a
value for that period (and says how many had one); ranks are 1 = best with ties sharing the lower
rank; quartile band A is the best quarter. Only published values take part: an illustrative
(invented) value is never averaged or ranked with published ones.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TypedDict

import pandas as pd

from analytics.codes import TOTAL
from analytics.frames import Cell, Row, frame_records, is_missing_cell
from analytics.judgement import NO_VALUE, RANK_LEVELS, RANK_RULE, Rank, rank_all, rank_in, rank_refusal
from analytics.ranks import neighbour_average
from data_access import reads

#: The benchmark parameter value that selects the statistical-neighbour average.
SN = "sn"
DEFAULT_MODEL = reads.NEIGHBOUR_MODELS[0]
NOT_RANKED = "not ranked"
#: The rank rules in words, shown under every ranked table (``analytics.judgement.RANK_RULE``).
RANK_RULE_TEXT = RANK_RULE
RANK_WORDS = {"county": "councils", "unitary": "councils", "district": "districts and unitary councils"}
AVERAGE_COLUMNS = ["period_label", "period_type", "period_sort", "value", "n_with_value", "n_neighbours"]
RANK_COLUMNS = ["area_code", "period_label", "rank", "rank_of", "quartile", "reason"]


def is_sn(benchmark: str | None) -> bool:
    return (benchmark or "").strip().lower() == SN


def parse_model(raw: str | None) -> str:
    """``2025`` (default) or ``2021``; anything else is a ValueError the caller words for its user."""
    model = (raw or DEFAULT_MODEL).strip()
    if model not in reads.NEIGHBOUR_MODELS:
        raise ValueError(f"model must be one of {', '.join(reads.NEIGHBOUR_MODELS)}")
    return model


def sn_label(count: int | None) -> str:
    """How the neighbour average is named on every chart, table and export."""
    return f"Statistical neighbours (average of {count})" if count else "Statistical neighbours (no values)"


def neighbour_anchor(areas: Sequence[str]) -> str | None:
    """Whose statistical neighbours ``benchmark=sn`` means on a view of several areas: the first
    council chosen, else the council the first chosen district belongs to (DfE neighbours exist
    for councils only); None when no area has a council."""
    records = reads.areas_by_code(areas)  # one read for every area, not one per area
    chosen = [records.get(code) for code in areas]
    for found in chosen:
        if found and found["level"] in {"county", "unitary"}:
            return str(found["code"])
    for found in chosen:
        if found and found["level"] == "district" and found.get("parent_code"):
            return str(found["parent_code"])
    return None


def series_rows(
    indicator_id: str, anchor: str, model: str = DEFAULT_MODEL, *, breakdown_dimension: str = TOTAL, breakdown_value: str = TOTAL
) -> pd.DataFrame:
    """The neighbour averages as rows shaped like ``reads.series`` (area code ``sn``), so charts and
    tables treat them as one more line; ``neighbours_with_value`` says how many each period had."""
    averages = neighbour_averages(
        indicator_id, anchor, model=model, breakdown_dimension=breakdown_dimension, breakdown_value=breakdown_value
    )
    return average_rows(averages, indicator_id, model, breakdown_dimension=breakdown_dimension, breakdown_value=breakdown_value)


def average_rows(
    averages: pd.DataFrame,
    indicator_id: str,
    model: str = DEFAULT_MODEL,
    *,
    breakdown_dimension: str = TOTAL,
    breakdown_value: str = TOTAL,
) -> pd.DataFrame:
    """``series_rows`` from averages already worked out (``averages_of``): no reads."""
    counts = sorted(set(averages["n_with_value"]))
    label = (
        sn_label(counts[0])
        if len(counts) == 1
        else (f"Statistical neighbours (average of {counts[0]}–{counts[-1]})" if counts else sn_label(0))
    )
    rows = []
    for record in frame_records(averages):
        row: Row = {str(column): None for column in reads.SERIES_COLUMNS}
        row.update(
            {
                "indicator_id": indicator_id,
                "area_code": SN,
                "area_name": label,
                "area_level": "neighbours",
                "period_label": record["period_label"],
                "period_type": record["period_type"],
                "period_sort": record["period_sort"],
                "breakdown_dimension": breakdown_dimension,
                "breakdown_value": breakdown_value,
                "kind": "actual",
                "value": record["value"],
                "illustrative": False,
                "neighbours_with_value": record["n_with_value"],
                "source_title": f"Mean of the published values of the DfE statistical neighbours ({model} model)",
            }
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=[*reads.SERIES_COLUMNS, "neighbours_with_value"])


def neighbours(area_code: str, model: str = DEFAULT_MODEL) -> pd.DataFrame:
    """The council's ten neighbours in order (empty for a district or an area with no model group)."""
    return reads.statistical_neighbours(area_code, model=model)


def neighbour_averages(
    indicator_id: str,
    area_code: str,
    *,
    model: str = DEFAULT_MODEL,
    breakdown_dimension: str = TOTAL,
    breakdown_value: str = TOTAL,
) -> pd.DataFrame:
    """Per period: the mean of the neighbours' published values and how many had one.

    Empty (with ``AVERAGE_COLUMNS``) when the area has no neighbours in the model.
    """
    group = neighbours(area_code, model)
    if group.empty:
        return pd.DataFrame(columns=AVERAGE_COLUMNS)
    rows = reads.series(
        indicator_id, group["code"].tolist(), breakdown_dimension=breakdown_dimension, breakdown_values=[breakdown_value]
    )
    return averages_of(rows, len(group))


def averages_of(rows: pd.DataFrame, n_neighbours: int) -> pd.DataFrame:
    """``neighbour_averages`` from the neighbours' rows already read (``reads.series`` rows, in its
    order: the mean adds them up in that order), published values only."""
    rows = rows[~rows["illustrative"].astype(bool)]
    if rows.empty:
        return pd.DataFrame(columns=AVERAGE_COLUMNS)
    # grouped in plain Python, in order of first appearance as ``groupby(sort=False)`` would: a
    # groupby and a Series per period was most of this (a /send page asks three times)
    by_period: dict[tuple[Cell, Cell, Cell], list[float]] = {}
    numbers = pd.to_numeric(rows["value"], errors="coerce").tolist()
    for key, number in zip(zip(rows["period_label"], rows["period_type"], rows["period_sort"]), numbers):
        by_period.setdefault(key, []).append(number)
    out = []
    for (label, ptype, sort), values in by_period.items():
        out.append(
            {
                "period_label": label,
                "period_type": ptype,
                "period_sort": sort,
                "value": neighbour_average(values),
                "n_with_value": sum(1 for v in values if not math.isnan(v)),
                "n_neighbours": n_neighbours,
            }
        )
    return pd.DataFrame(out, columns=AVERAGE_COLUMNS).sort_values("period_sort", kind="stable").reset_index(drop=True)


def rank_levels(level: str | None) -> tuple[str, ...]:
    return RANK_LEVELS.get(level or "", ())


class RankContext(TypedDict):
    """What the rank rules need besides the values (keyword arguments of ``rank_period``)."""

    value_type: str | None
    no_quartile: bool
    n_areas: int | None


class RankRecord(TypedDict):
    """One area's rank as pages and exports carry it."""

    rank: int | None
    rank_of: int
    quartile: str  # a band, or "not ranked"
    reason: str


def rank_context(indicator_id: str, level: str) -> RankContext:
    """What the rank rules need besides the values: the indicator's value type, LAIT's
    No_Quartile flag and how many areas the ranking levels hold (the coverage denominator)."""
    found = reads.indicator(indicator_id)
    sizes = reads.level_sizes()
    return {
        "value_type": str(found["value_type"]) if found else None,
        "no_quartile": indicator_id in reads.no_quartile_indicators(),
        "n_areas": sum(sizes.get(lv, 0) for lv in rank_levels(level)) or None,
    }


def ranks(
    indicator_id: str,
    polarity: str | None,
    level: str,
    period_labels: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Rank and quartile band of every area at ``level``'s ranking levels, per period, under the
    rank rules of ``analytics.judgement`` (``reason`` says why an area is not ranked).

    ``rank`` is None and ``quartile`` "not ranked" where a rule refuses a rank (no polarity, a
    count, LAIT's No_Quartile, too few areas with a value) or the area has no published value.
    """
    levels = rank_levels(level)
    if not levels:
        return pd.DataFrame(columns=RANK_COLUMNS)
    stored = _stored_ranks(indicator_id, level, period_labels)
    if stored is not None:
        return stored
    # one asked period is read alone (a district ranking otherwise reads every period of ~300 areas)
    one_period = {indicator_id: period_labels[0]} if period_labels is not None and len(period_labels) == 1 else None
    frame = reads.values_for_areas([indicator_id], levels=levels, periods=one_period)
    frame = frame[~frame["illustrative"].astype(bool)]
    if period_labels is not None:
        frame = frame[frame["period_label"].isin(list(period_labels))]
    if frame.empty:
        return pd.DataFrame(columns=RANK_COLUMNS)
    context = rank_context(indicator_id, level)
    out: list[Row] = []
    for label, period_rows in frame.groupby("period_label", sort=False):
        out.extend({**record, "period_label": label} for record in rank_period(period_rows, polarity, **context))
    result = pd.DataFrame(out, columns=RANK_COLUMNS)
    result["rank"] = result["rank"].astype("Int64")
    return result


def _stored_ranks(indicator_id: str, level: str, period_labels: Sequence[str] | None) -> pd.DataFrame | None:
    """``ranks`` from the judgements stored when the data was loaded, where they answer the question:
    every area at the level's ranking levels must have its own ranking among them (councils: yes; a
    district-level question also ranks unitaries among lower-tier areas, which is not stored). None
    when they do not, or nothing is stored (illustrative data): compute instead, by the same rules."""
    own = [lv for lv, among in RANK_LEVELS.items() if among == rank_levels(level)]
    if set(own) != set(rank_levels(level)):
        return None
    frame = reads.stored_ranks(indicator_id, own, list(period_labels) if period_labels is not None else None)
    if frame.empty:
        return None
    out = pd.DataFrame(
        {
            "area_code": frame["area_code"],
            "period_label": frame["period_label"],
            "rank": frame["rank"].astype("Int64"),
            "rank_of": frame["rank_of"].astype(int),
            "quartile": [q if isinstance(q, str) else NOT_RANKED for q in frame["quartile"]],
            "reason": frame["rank_reason"].fillna(""),
        },
        columns=RANK_COLUMNS,
    )
    return out.reset_index(drop=True)


def district_ranks(
    indicator_id: str, polarity: str | None, value_type: str | None, period: str, rows: pd.DataFrame
) -> pd.DataFrame:
    """``ranks(indicator_id, polarity, "district", [period])`` for the districts among ``rows``
    (total rows of ``reads.series`` at ``period``), the only areas of that table a comparison looks up.

    Why: computing the table ranks every lower-tier area's value (~300) per call, and /compare asked
    three times. A district's own rank is stored (``benchmark_judgement``); a district whose row
    has no value is "not ranked" by the same rule (``analytics.judgement.rank_all``), which needs
    only the count ranked. Anything the store does not answer (a valued district with no stored
    rank, a label shared by two periods) computes the whole table as before."""
    if "area_level" not in rows or rows.empty:
        return ranks(indicator_id, polarity, "district", [period])
    real = rows[(rows["area_level"] == "district") & ~rows["illustrative"].fillna(True).astype(bool)]
    codes = [str(code) for code in real["area_code"]]
    if not codes:
        return pd.DataFrame(columns=RANK_COLUMNS)
    stored = reads.stored_ranks(indicator_id, ["district"], [period], area_codes=sorted(set(codes)))
    valued = {str(c) for c, v in zip(real["area_code"], real["value"]) if not is_missing_cell(v)}
    have = set(stored["area_code"].astype(str)) if not stored.empty else set()
    if len(codes) != len(set(codes)) or stored["area_code"].duplicated().any() or not valued <= have:
        return ranks(indicator_id, polarity, "district", [period])
    unvalued = [code for code in dict.fromkeys(codes) if code not in valued]
    if unvalued and stored.empty:
        return ranks(indicator_id, polarity, "district", [period])
    table = [
        {
            "area_code": r["area_code"],
            "period_label": period,
            "rank": r["rank"],
            "rank_of": r["rank_of"],
            "quartile": r["quartile"],
            "reason": r["rank_reason"],
        }
        for r in frame_records(stored)
    ]
    if unvalued:
        refusal = rank_refusal(polarity, value_type, indicator_id in reads.no_quartile_indicators())
        missing = Rank(None, int(stored["rank_of"].iloc[0]), None, refusal or NO_VALUE)
        table += [{"area_code": code, "period_label": period, **rank_record(missing)} for code in unvalued]
    out = pd.DataFrame(table, columns=RANK_COLUMNS)
    out["rank"] = out["rank"].astype("Int64")
    out["rank_of"] = out["rank_of"].astype(int)
    out["quartile"] = [q if isinstance(q, str) else NOT_RANKED for q in out["quartile"]]
    out["reason"] = out["reason"].fillna("")
    return out


def rank_record(found: Rank) -> RankRecord:
    """A ``Rank`` as the dict pages and exports carry: rank, rank_of, quartile (or "not ranked"), reason."""
    return {"rank": found.rank, "rank_of": found.rank_of, "quartile": found.quartile_text, "reason": found.reason}


def rank_period(
    period_rows: pd.DataFrame,
    polarity: str | None,
    only: str | None = None,
    *,
    value_type: str | None = None,
    no_quartile: bool = False,
    n_areas: int | None = None,
) -> list[Row]:
    """One period's ``area_code, value`` rows (published values of every area at the ranking
    levels) → ``area_code, rank, rank_of, quartile, reason`` per area, by ``judgement.rank_all``.
    ``only`` keeps one area's record."""
    values = dict(zip(period_rows["area_code"], period_rows["value"]))
    table = rank_all(values, polarity, value_type=value_type, no_quartile=no_quartile, n_areas=n_areas)
    return [{"area_code": code, **rank_record(found)} for code, found in table.items() if only is None or code == only]


def rank_of_area(
    values: Sequence[Cell],
    value: Cell,
    polarity: str | None,
    *,
    value_type: str | None = None,
    no_quartile: bool = False,
    n_areas: int | None = None,
) -> RankRecord | None:
    """One area's ``rank, rank_of, quartile, reason`` among ``values`` (the same numbers
    ``rank_period`` gives it), for pages ranking one council on many indicators; None when it
    has no value."""
    if is_missing_cell(value):
        return None
    return rank_record(rank_in(values, value, polarity, value_type=value_type, no_quartile=no_quartile, n_areas=n_areas))


def ranks_at(periods: Mapping[str, str], polarities: Mapping[str, str | None], level: str) -> dict[str, dict[str, Row]]:
    """Ranks for several indicators at once, each at its own period, from ONE read:
    indicator → area code → {rank, rank_of, quartile, reason} (pages that show many indicators).
    ``polarities`` must be the indicators' own polarities, never a plan measure's direction."""
    levels = rank_levels(level)
    if not levels or not periods:
        return {}
    frame = reads.values_for_areas(sorted(periods), levels=levels, periods=dict(periods))
    frame = frame[~frame["illustrative"].astype(bool)] if not frame.empty else frame
    out: dict[str, dict[str, Row]] = {}
    for indicator_id, rows in frame.groupby("indicator_id", sort=False):
        context = rank_context(str(indicator_id), level)
        out[str(indicator_id)] = {r["area_code"]: r for r in rank_period(rows, polarities.get(str(indicator_id)), **context)}
    return out


def area_ranks(area_code: str, periods: Mapping[str, str], polarities: Mapping[str, str | None], level: str) -> dict[str, Row]:
    """One area's rank records (indicator → {rank, rank_of, quartile, reason}) at each indicator's
    period: the judgements stored when the data was loaded, and ``ranks_at`` (the same rules) for
    any the store does not hold (illustrative values)."""
    stored = reads.stored_judgements(area_code, periods=periods)
    out: dict[str, Row] = {}
    for record in frame_records(stored):
        if periods.get(record["indicator_id"]) == record["period_label"]:
            rank = record["rank"]
            out[record["indicator_id"]] = {
                "rank": None if rank is None or pd.isna(rank) else int(rank),
                "rank_of": int(record["rank_of"]),
                "quartile": record["quartile"] if isinstance(record["quartile"], str) else NOT_RANKED,
                "reason": record["rank_reason"] or "",
            }
    missing = {i: p for i, p in periods.items() if i not in out}
    if missing:
        for indicator_id, found in ranks_at(missing, polarities, level).items():
            if area_code in found:
                out[indicator_id] = found[area_code]
    return out


def rank_phrase(found: Row | RankRecord | None, level: str | None) -> str:
    """ "78th of 151 councils, quartile C" / "not ranked: <why>" / "" (no value to rank)."""
    if not found:
        return ""
    if found.get("rank") is None or pd.isna(found["rank"]):
        reason = found.get("reason")
        return f"{NOT_RANKED}: {reason}" if isinstance(reason, str) and reason else NOT_RANKED
    return f"{ordinal(int(found['rank']))} of {int(found['rank_of'])} {RANK_WORDS.get(level or '', 'areas')}, quartile {found['quartile']}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 23rd, 101st, 111th."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_words(rank: Cell, rank_of: Cell, level: str | None) -> str:
    """ "ranked 23rd of 153 councils" (empty when not ranked)."""
    if rank is None or is_missing_cell(rank) or not rank_of:
        return ""
    return f"ranked {ordinal(int(rank))} of {int(rank_of)} {RANK_WORDS.get(level or '', 'areas')}"
