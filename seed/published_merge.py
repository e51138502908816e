"""Fold the published data into the validated plan rows before anything is written.

Why rules here: the plans and the published data overlap. Both name Hertfordshire and its districts
(the published data has the official names and parents; the plans add short names and a comparator
group), and a plan sometimes quotes a figure the published data also carries. The plan's figure is kept
(it has its document and line, and the plan is what the council published); the published data's row
for the same key is left out and counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from seed.published_data import PublishedData, PublishedDataProblem, period_rows

OBS_KEY = ["indicator_id", "area_code", "period_label", "breakdown_dimension", "breakdown_value"]


@dataclass
class Merged:
    observations: pd.DataFrame  # published observations still to insert
    published_keys: set[tuple[str, str, str]]  # (indicator, area, period label) with any published value
    kept_from_plans: int  # published rows left out because a plan gives the same key


def _none(value: str | None) -> str | None:
    return value if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _merge_areas(rows: dict[str, list[dict]], published: PublishedData) -> None:
    plan = {a["code"]: a for a in rows["areas"]}
    merged: list[dict] = []
    for r in published.areas.to_dict("records"):
        own = plan.pop(r["code"], None)
        merged.append(
            {  # the plans' own names where they give one ("Herefordshire", not "Herefordshire, County of")
                "code": r["code"],
                "name": (own or {}).get("name") or r["name"],
                "short_name": (own or {}).get("short_name") or _none(r["short_name"]),
                "level": r["level"],
                "parent_code": _none(r["parent_code"]),
                "dfe_la_code": _none(r["dfe_la_code"]) or (own or {}).get("dfe_la_code"),
                "sort_order": int(r["sort_order"]),
            }
        )
    for own in plan.values():  # plan-only areas (the 'similar councils' group)
        merged.append({**own, "sort_order": 100_000 + int(own.get("sort_order") or 0)})
    known = {a["code"] for a in merged}
    orphans = [a["code"] for a in merged if a.get("parent_code") and a["parent_code"] not in known]
    if orphans:
        raise PublishedDataProblem(f"areas whose parent is missing: {orphans[:10]}")
    rows["areas"] = merged


def _merge_aliases(rows: dict[str, list[dict]], published: PublishedData) -> None:
    have = {a["alias"] for a in rows["area_aliases"]}
    current = {a["code"] for a in rows["areas"]}
    for r in published.aliases.to_dict("records"):
        if r["alias"] not in have and r["alias"] not in current:
            rows["area_aliases"].append(
                {
                    "alias": r["alias"],
                    "area_code": r["area_code"],
                    "scheme": r["scheme"],
                    "valid_until": _date(r["valid_until"]),
                    "note": _none(r["note"]),
                }
            )


def _merge_catalogue(rows: dict[str, list[dict]], published: PublishedData) -> None:
    plan_sources = {s["key"] for s in rows["sources"]}
    for r in published.sources.to_dict("records"):
        if r["key"] in plan_sources:
            raise PublishedDataProblem(f"published source key {r['key']!r} is also a plan source key")
        rows["sources"].append(
            {
                "key": r["key"],
                "publisher": r["publisher"],
                "title": r["title"],
                "url": _none(r["url"]),
                "file": _none(r["file"]),
                "licence": _none(r["licence"]),
                "note": _none(r["note"]),
                "published_on": _date(r["published_on"]),
                "extracted_on": _date(r["extracted_on"]),
            }
        )
    plan_ids = {i["id"] for i in rows["indicators"]}
    for r in published.indicators.to_dict("records"):
        if r["id"] in plan_ids:
            raise PublishedDataProblem(f"published indicator {r['id']!r} is also defined by the plans")
        row: dict[str, Any] = {str(k): _none(v) for k, v in r.items()}
        row.update(
            decimals=int(r["decimals"] or 1),
            fingertips_id=int(r["fingertips_id"]) if r["fingertips_id"] else None,
            ci_method=r["ci_method"] or "none",
        )
        rows["indicators"].append(row)
    have = {(c["scheme"], c["code"], c["indicator_id"]) for c in rows["indicator_codes"]}
    for r in published.indicator_codes.to_dict("records"):
        if (r["scheme"], r["code"], r["indicator_id"]) not in have:
            rows["indicator_codes"].append({**r, "note": _none(r.get("note"))})


def _merge_neighbours(rows: dict[str, list[dict]], published: PublishedData) -> None:
    """One comparator group per council and DfE model (``sn-<model>-<code>``), members in the model's order."""
    for group in rows["area_groups"]:
        group.setdefault("model", None)
    for member in rows["area_group_members"]:
        member.setdefault("closeness", None)
    if published.neighbours.empty:
        return
    names = {a["code"]: a["name"] for a in rows["areas"]}
    for (model, code, source_key), members in published.neighbours.groupby(["model", "area_code", "source_key"], sort=True):
        group_id = f"sn-{model}-{code}"
        rows["area_groups"].append(
            {
                "id": group_id,
                "name": f"Statistical neighbours of {names[code]} (DfE {model} model)",
                "kind": "statistical_neighbours",
                "anchor_area_code": code,
                "source_key": source_key,
                "model": model,
                "note": None,
            }
        )
        rows["area_group_members"].extend(
            {
                "group_id": group_id,
                "member_code": m["neighbour_code"],
                "member_name": names[m["neighbour_code"]],
                "rank": int(m["rank"]),
                "closeness": _none(m["closeness"]),
            }
            for m in members.to_dict("records")
        )


def _note_differences(rows: dict[str, list[dict]], overlapping: pd.DataFrame, published: PublishedData) -> None:
    """Where a later official release gives a different figure from the plan's, say so on the plan's value."""
    if overlapping.empty:
        return
    titles = dict(zip(published.sources["key"], published.sources["title"]))
    later = {tuple(r[c] for c in OBS_KEY): r for r in overlapping.to_dict("records")}
    for o in rows["observations"]:
        r = later.get((o["indicator_id"], o["area_code"], o["period"][1], o["breakdown_dimension"], o["breakdown_value"]))
        if r is None or o["kind"] != "actual" or not r["value"] or o["value"] is None:
            continue
        if abs(float(r["value"]) - float(o["value"])) > 1e-9:
            note = f"The official series ({titles.get(r['source_key'], r['source_key'])}) now gives {r['value']}."
            o["value_note"] = f"{o['value_note']} {note}" if o.get("value_note") else note


def printed_decimals(values: pd.Series) -> pd.Series:
    """Decimal places each published figure needs ("63" and "63.0" → 0, "17.8" → 1); a float
    artefact of the publisher's export ("36.200000000000003") counts as what it rounds to.
    Trailing zeros are not counted: over a whole series, a 1-dp publisher shows a non-zero last
    digit somewhere, while a whole-number one (ONS's few "63.0" among "63"s) does not."""
    text = values.astype(str).str.strip()
    places = text.str.split(".").str[1].fillna("").str.rstrip("0").str.len()
    artefacts = places > 8
    if artefacts.any():
        tidy = pd.to_numeric(text[artefacts], errors="coerce").round(6).map(lambda v: f"{v:.6f}".rstrip("0").rstrip("."))
        places[artefacts] = tidy.str.split(".").str[1].fillna("").str.rstrip("0").str.len()
    return places


def _publisher_precision(rows: dict[str, list[dict]], obs: pd.DataFrame) -> None:
    """Show values at the publisher's precision (issue 19, item 8): an indicator whose published
    figures are all whole numbers (KS2's "63") is shown as "63%", never "63.0%". Only lowers
    the catalogue's decimals; never invents precision the publisher did not print."""
    valued = obs[obs["value"] != ""]
    if valued.empty:
        return
    most = printed_decimals(valued["value"]).groupby(valued["indicator_id"].to_numpy()).max().to_dict()
    for indicator in rows["indicators"]:
        printed = most.get(indicator["id"])
        if printed is not None and int(printed) < int(indicator.get("decimals") or 1):
            indicator["decimals"] = int(printed)


def merge_published(rows: dict[str, list[dict]], published: PublishedData) -> Merged:
    """Add the published data's areas, sources, indicators, codes and periods to ``rows``; return its observations."""
    plan_triples = {(o["indicator_id"], o["area_code"], o["period"][1]) for o in rows["observations"]}
    if published.empty:
        return Merged(published.observations, plan_triples, 0)
    _merge_areas(rows, published)
    _merge_aliases(rows, published)
    _merge_catalogue(rows, published)
    _merge_neighbours(rows, published)
    _publisher_precision(rows, published.observations)
    obs = published.observations
    plan_keys = {
        (o["indicator_id"], o["area_code"], o["period"][1], o["breakdown_dimension"], o["breakdown_value"])
        for o in rows["observations"]
        if o["kind"] == "actual"
    }
    keys = pd.Series(list(zip(*(obs[c] for c in OBS_KEY))), index=obs.index)
    in_plans = keys.isin(plan_keys)
    _note_differences(rows, obs[in_plans], published)
    obs = obs[~in_plans]
    known = {(p["period_type"], p["label"]) for p in rows["periods"]}
    rows["periods"].extend(p for p in period_rows(obs) if (p["period_type"], p["label"]) not in known)
    triples = set(zip(obs["indicator_id"], obs["area_code"], obs["period_label"]))
    return Merged(obs, plan_triples | triples, int(in_plans.sum()))
