"""Small areas (wards, MSOAs, LSOAs) read against the areas above them.

Why: a Fingertips export with wards or MSOAs registers those areas with the parent code the
file gives. A ward's profile is only useful next to its district, its county and England,
so this module finds that chain (from the recorded parent codes) and builds the table of
each indicator's value against every one of them. It is kept apart from ``views.area`` so
the area profile itself only changes in how it picks its comparator.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.codes import ENGLAND
from analytics.compare import NOT_COMPARED, published_verdict_for
from analytics.frames import frame_records
from analytics.honest import honest_comparison
from components.formatting import decimals_of, format_value, is_missing
from components.routes import url_for
from data_access import reads

SMALL_LEVELS = frozenset({"ward", "msoa", "lsoa"})
#: Ancestors a small area is compared with, nearest first (regions are left to England).
COUNCIL_LEVELS = ("district", "unitary", "county")


def comparator_for(area: dict[str, Any]) -> dict[str, Any] | None:
    """The area the profile compares with besides England.

    A district: its county (as before). A ward, MSOA or LSOA: its nearest council (its
    district where the file gave one, else its county). Anything else: none.
    """
    if area["level"] == "district" and area.get("parent_code"):
        return reads.area(area["parent_code"])
    if area["level"] in SMALL_LEVELS:
        for ancestor in reads.area_ancestors(area["code"]):
            if ancestor["level"] in COUNCIL_LEVELS:
                return reads.area(ancestor["code"])
    return None


def benchmarks_for(area: dict[str, Any]) -> list[dict[str, Any]]:
    """Every council above a small area (district, county), then England; empty for other levels."""
    if area["level"] not in SMALL_LEVELS:
        return []
    chain = [a for a in reads.area_ancestors(area["code"]) if a["level"] in COUNCIL_LEVELS and a["code"] != ENGLAND]
    england = reads.area(ENGLAND)
    return chain + ([{"code": ENGLAND, "name": england["name"], "level": "country"}] if england else [])


def compared(row: dict[str, Any], found: dict[str, Any] | None, benchmark_code: str, polarity: str) -> str:
    """The small area against one benchmark through ``analytics.honest`` (the profile's own rule):
    a published value is never judged against an illustrative benchmark value, the reason is
    given instead; a result resting on an invented value is marked "(illustrative)"; where the
    publisher printed its own verdict against this benchmark, that verdict is the label."""
    if found is None or is_missing(found["value"]):
        return NOT_COMPARED
    result = honest_comparison(
        row["value"],
        row["lower_ci95"],
        row["upper_ci95"],
        found["value"],
        polarity,
        value_illustrative=row.get("value_illustrative", row.get("illustrative")),
        benchmark_illustrative=found.get("illustrative"),
        published_verdict=published_verdict_for(row, benchmark_code),
    )
    if result.reason:
        return f"{NOT_COMPARED} ({result.reason})"
    return result.shown


def context_table(area: dict[str, Any], rows: pd.DataFrame) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """One row per indicator: the small area's value, then each benchmark's value and the comparison.

    ``rows`` are the profile's rows (latest period per indicator, with CI and polarity).
    Returns (table, columns) ready for ``components.tables.data_table``; empty when the area
    is not a small area or holds no values.
    """
    benchmarks = benchmarks_for(area)
    if not benchmarks or rows.empty:
        return pd.DataFrame(), []
    periods = dict(zip(rows["indicator_id"], rows["period_label"]))
    values = reads.values_for_areas(list(periods), area_codes=[b["code"] for b in benchmarks], periods=periods)
    by_key = {(r["indicator_id"], r["area_code"]): r for r in frame_records(values)}
    records = []
    for row in frame_records(rows):
        polarity = row.get("polarity") or row.get("indicator_polarity") or "no_judgement"
        record = {
            "indicator": row["name"],
            "indicator_href": url_for("indicator", indicator_id=row["indicator_id"]),
            "period": row["period_label"],
            "value_shown": row["value_text"],
        }
        for number, bench in enumerate(benchmarks):
            found = by_key.get((row["indicator_id"], bench["code"]))
            value = None if found is None else found["value"]
            record[f"b{number}_shown"] = (
                format_value(value, row["value_type"], decimals_of(row.get("decimals")), status=found.get("status"))
                if found is not None
                else "no value for this period"
            )
            record[f"b{number}_compared"] = compared(row, found, str(bench["code"]), polarity)
        records.append(record)
    columns = [("indicator", "Indicator"), ("period", "Period"), ("value_shown", area["name"])]
    for number, bench in enumerate(benchmarks):
        columns += [(f"b{number}_shown", bench["name"]), (f"b{number}_compared", f"Compared with {bench['name']}")]
    return pd.DataFrame(records), columns
