"""Deterministic illustrative series for the core indicators.

Why invented data at all: the seed documents give a handful of county figures and *no*
district values, so without a demonstration series the district, trend and gap pages would
be empty. Every row made here is flagged ``illustrative=True`` with the source
``illustrative-generator`` and must be shown as invented.

How it stays honest:
* counts and denominators are drawn first (binomial for percentages, Poisson for rates) and
  the value and its 95% / 99.8% intervals are computed from them (Wilson / Byar);
* Hertfordshire is the sum of its ten districts, so the county is consistent with them;
* published values win: any (indicator, area, period, breakdown, kind) key in ``skip`` is not
  generated, and the county/England levels are anchored on the published values nearby;
* small district counts are suppressed (value NULL, status ``c``), never shown as zero.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from analytics.codes import EAST_OF_ENGLAND as REGION
from analytics.codes import ENGLAND, TOTAL
from analytics.codes import HERTFORDSHIRE as COUNTY  # the seeds' illustrative series are Hertfordshire's

SEED = 20240401
SOURCE_KEY = "illustrative-generator"
SUPPRESS_BELOW = 6  # district counts under this are suppressed as "c" (some statistics suppress under 5 or 10)
Z95, Z998 = 1.959963985, 3.090232306

# Current district codes -> (resident population, deprivation 0 = least .. 1 = most).
# Populations are rounded Census 2021 figures; the deprivation order follows the seeds'
# call-outs (Stevenage and Broxbourne worst, St Albans best).
DISTRICTS: dict[str, tuple[int, float]] = {
    "E07000095": (99_000, 0.85),  # Broxbourne
    "E07000096": (155_000, 0.40),  # Dacorum
    "E07000242": (151_000, 0.10),  # East Hertfordshire
    "E07000098": (108_000, 0.35),  # Hertsmere
    "E07000099": (134_000, 0.40),  # North Hertfordshire
    "E07000240": (148_000, 0.00),  # St Albans
    "E07000243": (90_000, 1.00),  # Stevenage
    "E07000102": (94_000, 0.20),  # Three Rivers
    "E07000103": (102_000, 0.60),  # Watford
    "E07000241": (121_000, 0.55),  # Welwyn Hatfield
}
COUNTY_POP = sum(pop for pop, _ in DISTRICTS.values())
REGION_POP, ENGLAND_POP = 6_350_000, 56_500_000

PERIODS = {
    "academic": [f"{y}/{(y + 1) % 100:02d}" for y in range(2015, 2024)],
    "calendar": [str(y) for y in range(2016, 2024)],
    "financial": [f"{y}-{(y + 1) % 100:02d}" for y in range(2016, 2024)],
    "snapshot": [f"31 March {y}" for y in range(2017, 2025)],
}
NO_DATA = {  # national collections cancelled during COVID-19
    "eyfs-gld": {"2019/20", "2020/21"},
    "ks2-rwm-expected": {"2019/20", "2020/21"},
}


@dataclass(frozen=True)
class Spec:
    """Shape of one invented series. Levels are per ``multiplier`` (100 for percentages)."""

    period_type: str
    kind: str  # "pct" | "rate" | "score"
    multiplier: float
    county: float  # county level at ``anchor_index``
    slope: float  # change per period
    region: float  # region minus county
    england: float  # England minus county
    spread: float  # relative district spread per unit of deprivation (+ = deprived higher)
    share: float  # denominator as a share of total population
    anchor_index: int = 1
    shocks: tuple[tuple[int, float], ...] = ()  # (from period index, level shift)
    gap: float = 0.0  # disadvantaged minus not-disadvantaged, at county level
    dis_share: float = 0.0  # share of the denominator that is disadvantaged (county average)
    england_gap: float | None = None  # England's own gap where the published figures give one
    england_dis_share: float | None = None  # share implied by England's published all/dis/other values


SPECS: dict[str, Spec] = {
    "u18-conceptions": Spec("calendar", "rate", 1000, 13.5, -0.9, 2.0, 5.3, 0.9, 0.0165, 0),
    "reception-obesity": Spec("academic", "pct", 100, 7.6, 0.05, 1.0, 2.0, 0.45, 0.0125, 1, ((5, 1.6), (6, 0.6))),
    "year6-obesity": Spec("academic", "pct", 100, 16.4, 0.2, 1.9, 3.6, 0.40, 0.0120, 1, ((5, 3.0), (6, 2.0))),
    "eyfs-gld": Spec("academic", "pct", 100, 72.2, 0.4, -0.8, -1.5, -0.10, 0.0125, 1, ((6, -5.5),), -19.0, 0.14),
    "ks2-rwm-expected": Spec("academic", "pct", 100, 64.0, 1.5, -2.0, -3.0, -0.14, 0.0120, 1, ((6, -6.0),), -22.0, 0.18),
    "ks4-attainment8": Spec(
        "academic", "score", 1, 49.7, 0.1, -2.3, -5.1, -0.10, 0.0115, 1, ((5, 3.5), (6, 4.5), (7, 1.2)), -16.8, 0.173, -12.8, 0.41
    ),
    "post16-level3-age19": Spec("academic", "pct", 100, 62.0, 0.4, -3.0, -5.0, -0.12, 0.0115, 1, (), -25.0, 0.15),
    "neet-16-17": Spec("calendar", "pct", 100, 3.26, 0.15, 1.2, 2.94, 0.60, 0.0230, 1),
    "cin-rate": Spec("snapshot", "rate", 10000, 193.1, 6.0, 75.0, 137.3, 0.80, 0.225, 0),
    "cp-plan-rate": Spec("snapshot", "rate", 10000, 20.0, 1.5, 14.0, 23.3, 0.90, 0.225, 0),
    "cla-rate": Spec("snapshot", "rate", 10000, 33.5, 0.8, 14.0, 28.5, 0.90, 0.225, 0),
    "fte-youth-justice": Spec("calendar", "rate", 100000, 260.0, -22.0, 30.0, 75.0, 0.80, 0.095, 0),
    "injury-admissions-0-14": Spec("financial", "rate", 10000, 86.0, -2.0, 8.0, 15.0, 0.35, 0.185, 0, ((4, -12.0),)),
    "breastfeeding-6-8wk": Spec("financial", "pct", 100, 51.0, 0.3, -3.0, -5.5, -0.18, 0.0120, 0),
    "persistent-absence": Spec("academic", "pct", 100, 9.8, 0.2, 0.5, 1.0, 0.45, 0.160, 1, ((6, 12.0), (7, 9.0), (8, 8.0))),
    "fsm-eligibility": Spec("academic", "pct", 100, 8.5, 0.9, 2.5, 5.5, 1.40, 0.160, 1, ((5, 2.0),)),
}
GAP_INDICATORS = ("eyfs-gld", "ks2-rwm-expected", "ks4-attainment8", "post16-level3-age19")


#: a breakdown group: (dimension, value, weight, 1.0 if disadvantaged else 0.0)
Group = tuple[str, str, float, float]


def _wilson(count: float, n: float, z: float) -> tuple[float, float]:
    p = count / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denom = 1 + z * z / n
    return 100 * (centre - half) / denom, 100 * (centre + half) / denom


def _byar(count: float, n: float, z: float, multiplier: float) -> tuple[float, float]:
    o = count
    lower = 0.0 if o == 0 else o * (1 - 1 / (9 * o) - z / (3 * math.sqrt(o))) ** 3
    upper = (o + 1) * (1 - 1 / (9 * (o + 1)) + z / (3 * math.sqrt(o + 1))) ** 3
    return lower / n * multiplier, upper / n * multiplier


def _level(spec: Spec, index: int) -> float:
    """County level in period ``index``: the anchored trend plus the latest shock in force."""
    shift = 0.0
    for start, delta in spec.shocks:
        if index >= start:
            shift = delta
    return spec.county + spec.slope * (index - spec.anchor_index) + shift


def _row(indicator: str, area: str, period: str, spec: Spec, dimension: str, value_name: str) -> dict:
    return {
        "indicator_id": indicator,
        "area_code": area,
        "period_type": spec.period_type,
        "period_label": period,
        "breakdown_dimension": dimension,
        "breakdown_value": value_name,
        "kind": "actual",
        "value": None,
        "value_text": None,
        "lower_ci95": None,
        "upper_ci95": None,
        "lower_ci998": None,
        "upper_ci998": None,
        "count": None,
        "denominator": None,
        "status": None,
        "value_note": None,
        "qualifier": None,
        "source_key": SOURCE_KEY,
        "source_line": None,
        "illustrative": True,
    }


#: Cells withheld as if for secondary suppression, so every page shows what "c" looks like.
#: (indicator, district, period); chosen away from the pages' default views.
WITHHELD = {
    ("cla-rate", "E07000102", "31 March 2023"),
    ("reception-obesity", "E07000103", "2021/22"),
    ("neet-16-17", "E07000098", "2022"),
    ("persistent-absence", "E07000099", "2022/23"),
}


def _finish(row: dict, spec: Spec, count: float | None, n: float, mean: float | None, district: bool) -> dict:
    """Fill value and intervals from count/denominator (or a mean score), suppressing small counts."""
    row["denominator"] = float(n)
    if (
        district
        and row["breakdown_dimension"] == TOTAL
        and (row["indicator_id"], row["area_code"], row["period_label"]) in WITHHELD
    ):
        row.update(denominator=None, status="c", value_note="Suppressed to protect a small count elsewhere (illustrative).")
        return row
    if spec.kind == "score":
        row["value"] = round(_amount(None, mean, 1), 1)
        return row
    if count is None:
        raise ValueError(f"{spec.kind} figures are drawn as counts")
    if district and (count < SUPPRESS_BELOW or (spec.kind == "pct" and n - count < SUPPRESS_BELOW)):
        row.update(denominator=None, status="c", value_note="Suppressed: fewer than 6 (illustrative).")
        return row
    row["count"] = float(count)
    if spec.kind == "pct":
        row["value"] = round(100 * count / n, 1 if spec.county >= 5 else 2)
        bounds95, bounds998 = _wilson(count, n, Z95), _wilson(count, n, Z998)
    else:
        row["value"] = round(count / n * spec.multiplier, 1)
        bounds95, bounds998 = _byar(count, n, Z95, spec.multiplier), _byar(count, n, Z998, spec.multiplier)
    row["lower_ci95"], row["upper_ci95"] = (round(b, 2) for b in bounds95)
    row["lower_ci998"], row["upper_ci998"] = (round(b, 2) for b in bounds998)
    return row


def _amount(count: float | None, mean: float | None, n: float) -> float:
    """The total a group adds to its parent: its count, or its mean times its size for a score."""
    if count is not None:
        return count
    if mean is None:
        raise ValueError("a figure needs a count or a mean")
    return mean * n


def _draw(rng: np.random.Generator, spec: Spec, level: float, n: int) -> tuple[float | None, float | None]:
    if spec.kind == "pct":
        return float(rng.binomial(n, min(max(level / 100, 0.001), 0.999))), None
    if spec.kind == "rate":
        return float(rng.poisson(max(level, 0.01) * n / spec.multiplier)), None
    return None, level + rng.normal(0, 9 / math.sqrt(n))


def _series(indicator: str, spec: Spec, rng: np.random.Generator) -> list[dict]:
    rows: list[dict] = []
    pop_weighted_dep = sum(pop * dep for pop, dep in DISTRICTS.values()) / COUNTY_POP
    effects = {code: rng.normal(0, 0.04) for code in DISTRICTS}
    for index, period in enumerate(PERIODS[spec.period_type]):
        if period in NO_DATA.get(indicator, set()):
            continue
        county_level = _level(spec, index)
        growth = 1 + 0.006 * index
        groups: list[Group] = [(TOTAL, TOTAL, 1.0, 0.0)]
        if indicator in GAP_INDICATORS:
            groups = [("disadvantage", "Disadvantaged", 1.0, 1.0), ("disadvantage", "Not disadvantaged", 1.0, 0.0)]
        county_parts: dict[str, list[float]] = {}
        for code, (pop, dep) in DISTRICTS.items():
            factor = 1 + spec.spread * (dep - pop_weighted_dep) + effects[code]
            level = county_level * factor
            n_all = int(pop * spec.share * growth * rng.uniform(0.97, 1.03))
            _emit(rows, indicator, code, period, spec, level, n_all, dep, groups, rng, county_parts, district=True)
        _emit_county(rows, indicator, period, spec, county_parts, groups)
        for code, pop, offset in ((REGION, REGION_POP, spec.region), (ENGLAND, ENGLAND_POP, spec.england)):
            n_all = int(pop * spec.share * growth)
            _emit(rows, indicator, code, period, spec, county_level + offset, n_all, 0.5, groups, rng, None, district=False)
    return rows


def _emit(
    rows: list[dict],
    indicator: str,
    code: str,
    period: str,
    spec: Spec,
    level: float,
    n_all: int,
    dep: float,
    groups: list[Group],
    rng: np.random.Generator,
    county_parts: dict[str, list[float]] | None,
    district: bool,
) -> None:
    if len(groups) == 1:
        count, mean = _draw(rng, spec, level, n_all)
        rows.append(_finish(_row(indicator, code, period, spec, TOTAL, TOTAL), spec, count, n_all, mean, district))
        if county_parts is not None:
            part = county_parts.setdefault(TOTAL, [0.0, 0.0])
            part[0] += _amount(count, mean, n_all)
            part[1] += n_all
        return
    share = min(max(spec.dis_share * (0.5 + dep * 1.2) if district else spec.dis_share * 1.4, 0.03), 0.6)
    gap = spec.gap
    if code == ENGLAND and spec.england_gap is not None:
        # anchored on England's published 2016/17 figures (44.6 all, 37.1 disadvantaged, gap 12.8)
        gap, share = spec.england_gap, spec.england_dis_share or share
    totals = [0.0, 0.0]
    for dimension, name, _, is_dis in groups:
        n = max(int(n_all * (share if is_dis else 1 - share)), 1)
        group_level = level + gap * ((1 - share) if is_dis else -share)
        count, mean = _draw(rng, spec, group_level, n)
        rows.append(_finish(_row(indicator, code, period, spec, dimension, name), spec, count, n, mean, district))
        amount = _amount(count, mean, n)
        totals[0] += amount
        totals[1] += n
        if county_parts is not None:
            part = county_parts.setdefault(name, [0.0, 0.0])
            part[0] += amount
            part[1] += n
    _add_total(rows, indicator, code, period, spec, totals, district)
    if county_parts is not None:
        part = county_parts.setdefault(TOTAL, [0.0, 0.0])
        part[0] += totals[0]
        part[1] += totals[1]


def _add_total(rows: list[dict], indicator: str, code: str, period: str, spec: Spec, totals: list[float], district: bool) -> None:
    amount, n = totals
    mean = amount / n if spec.kind == "score" else None
    count = None if spec.kind == "score" else amount
    rows.append(_finish(_row(indicator, code, period, spec, TOTAL, TOTAL), spec, count, n, mean, district))


def _emit_county(
    rows: list[dict], indicator: str, period: str, spec: Spec, county_parts: dict[str, list[float]], groups: list[Group]
) -> None:
    for name, (amount, n) in county_parts.items():
        dimension = TOTAL if name == TOTAL else "disadvantage"
        mean = amount / n if spec.kind == "score" else None
        count = None if spec.kind == "score" else amount
        rows.append(_finish(_row(indicator, COUNTY, period, spec, dimension, name), spec, count, n, mean, False))


def generate(skip: Iterable[tuple] = ()) -> list[dict]:
    """All illustrative rows, minus any whose key (indicator, area, period_label, dimension,
    value, kind) is in ``skip`` (the published values, which always win)."""
    skipped = set(skip)
    rng = np.random.default_rng(SEED)
    rows: list[dict] = []
    for indicator, spec in SPECS.items():
        rows.extend(_series(indicator, spec, rng))
    return [r for r in rows if key_of(r) not in skipped]


def key_of(row: dict) -> tuple:
    return (
        row["indicator_id"],
        row["area_code"],
        row["period_label"],
        row["breakdown_dimension"],
        row["breakdown_value"],
        row["kind"],
    )
