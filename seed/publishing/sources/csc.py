"""DfE children's social care, social work workforce and NCCIS NEET files → published parts.

Why one module: these are all Explore Education Statistics (EES) CSVs with the same area
columns (``geographic_level``, ``region_code``, ``new_la_code``) and the same status symbols,
copied from two DfE repositories (CSC_outcomes_and_enablers and nccis_localauthority_dashboard).
Each raw file becomes one SourcePart, so SOURCES.md can say per file what was kept and why the
rest was not.

Rules that hold for every file here:

* National rows are England (E92000001); Regional rows are the E12 region in ``region_code``
  (the E13 Inner/Outer London rows are not published areas); Local authority rows go through
  ``AreaBook.resolve(new_la_code)``. Rows whose area does not resolve are counted, with the
  areas named, never attributed to another place.
* ``value`` is the published text; the EES symbols (c, x, z, k, u, low, …) become ``status``
  with an empty value. Counts and denominators are carried only where the file prints them
  (a denominator may come from the file's own "Total" row of the same group, never a sum).
* ``dfe_csc_ons_mid-year_population_estimates_2012_to_2024.csv`` is not read: it is only a
  denominator source, and the CLA rate file already prints its own population estimate.
"""

from __future__ import annotations

import datetime as dt
import gzip
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics.frames import frame_records
from seed.publishing import model
from seed.publishing.areas import ENGLAND, AreaBook
from seed.publishing.model import OBS_KEY, SourceMeta, SourcePart
from seed.publishing.shared_indicators import DFE_CLA, indicator_row

CSC_REPO = "dfe-analytical-services/CSC_outcomes_and_enablers"
NCCIS_REPO = "dfe-analytical-services/nccis_localauthority_dashboard"
EES = "https://explore-education-statistics.service.gov.uk/find-statistics/"
CLA_URL = EES + "children-looked-after-in-england-including-adoptions"
CSWW_URL = EES + "children-s-social-work-workforce"
NCCIS_URL = EES + "participation-in-education-and-training-and-employment"
DFE = "Department for Education"
CLA_TITLE = "Children looked after in England including adoptions"
DFE_NCCIS = "DfE (NCCIS)"  # the publisher label of the core neet-16-17 indicator

#: EES symbols the published data keeps as a status (value left empty).
SYMBOLS = {"c", "x", "z", "low", "k", "u", "~", ":"}

FILES = {
    "cla": "dfe_csc_cla_number_and_rate_per_10k_children.csv",
    "stability": "dfe_csc_la_cla_placement_stability.csv",
    "accommodation": "dfe_csc_la_care_leavers_accommodation_suitability.csv",
    "activity": "dfe_csc_la_care_leavers_activity.csv.gz",
    "ceased": "dfe_csc_la_children_who_ceased_during_the_year.csv.gz",
    "csww": "dfe_csc_csww_indicators_2017_to_2025.csv",
}
#: NCCIS dashboard files and the repository commit each was read at (README).
NCCIS_FILES = {
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2021_vg_removed.csv": "4160f0d12ff6a712b182b217ca376b46accb0bfd",
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2022_final.csv": "a5313cb53ce0a942ac71046b7c110b63507606d8",
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2023_final.csv": "534a280be821f98251e7c893bd77b9fe88ddf736",
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_final.csv": "84c5490c53c50f8a740020ded297688316a79cc9",
}

# Filter values, verbatim from the files.
CLA_AT_31_MARCH = "Children looked after on 31 March each year"
CLA_STARTING = "Children starting to be looked after each year"
CLA_CEASING = "Children ceasing to be looked after each year"
GROUP_31_MARCH = "CLA on 31 March"
GROUP_LONG_TERM = "Children looked after continuously for at least 2.5 years on 31 March aged under 16 years"
THREE_PLUS = "With 3 or more placements during the year"
SAME_CARER = "Living with the same carer for at least 2 years"
TOTAL_CHILDREN = "Total children"
SUITABLE = "Accommodation considered suitable"
SUITABILITY_TOTAL = "Suitability total"
IN_EET = "Total in education, employment or training"
ACTIVITY_TOTAL = "Total"
REASON_CEASED = "Reason episode ceased"
HOME_PLANNED = (
    "Returned home to live with parents or other person with parental responsibility which was part of the care planning process"
)
HOME_UNPLANNED = (
    "Returned home to live with parents or other person with parental responsibility which was not "
    "part of the care planning process"
)
AGES = {"17 to 18 years": "17-18", "19 to 21 years": "19-21"}
CSWW_COLUMNS = {
    "sw-agency-rate": "agency_rate_fte",
    "sw-turnover-rate": "turnover_rate_fte",
    "sw-vacancy-rate": "vacancy_rate_fte",
    "sw-absence-rate": "absence_rate_fte",
    "sw-caseload": "caseload_fte",
}
NEET_COLUMNS = {
    "neet-16-17": "NEET_not_known_percent",
    "neet-only-16-17": "NEET_percent",
    "neet-activity-not-known-16-17": "Notknown_percent",
}
PLACEHOLDERS = {"LA demo", "Region demo"}  # dummy rows in the 2021 NCCIS dashboard file

Row = dict[str, str]
#: What a file-specific reader makes of one raw row: observations (without area and line), or a drop reason.
Reader = Callable[[Row], list[Row] | str]


# ------------------------------------------------------------------ new indicators


def _ceased_indicators() -> list[dict[str, str]]:
    """The two published "returned home" reasons, kept apart because DfE prints no total of the two."""
    common = (
        "Number of children who ceased to be looked after during the year ending 31 March because they "
        "returned home to live with parents or another person with parental responsibility, "
    )
    return [
        indicator_row(
            "cla-ceased-returned-home-planned",
            "Children who ceased to be looked after: returned home as part of the care plan",
            "CLA returned home (planned)",
            common + "as part of the care planning process.",
            "children",
            "count",
            "no_judgement",
            "financial",
            "Social care",
            DFE_CLA,
            0,
            "none",
        ),
        indicator_row(
            "cla-ceased-returned-home-unplanned",
            "Children who ceased to be looked after: returned home outside the care plan",
            "CLA returned home (unplanned)",
            common + "where this was not part of the care planning process.",
            "children",
            "count",
            "no_judgement",
            "financial",
            "Social care",
            DFE_CLA,
            0,
            "none",
        ),
    ]


def read_ees(path: Path) -> pd.DataFrame:
    """The file as strings, with ``source_line`` = its 1-based line in the (decompressed) CSV.

    index + 2 is only the line number if no cell holds a line break, so that is checked
    against the physical line count rather than assumed.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
    if lines != len(frame) + 1:
        raise ValueError(f"{path.name}: {lines} lines for {len(frame)} rows; a cell holds a line break")
    frame["source_line"] = [str(i + 2) for i in range(len(frame))]
    return frame


def records_of(frame: pd.DataFrame) -> list[Row]:
    """The rows as dicts of strings (every column was read as str)."""
    return frame_records(frame)


def cell(text: str) -> tuple[str, str]:
    """(value, status) for a published cell: a number verbatim, or '' with its EES symbol."""
    stripped = text.strip()
    if model.is_number(stripped):
        return stripped.replace(",", ""), ""
    if stripped in SYMBOLS:
        return "", stripped
    if stripped == "":
        return "", "x"  # blank: not available (never read as 0)
    raise ValueError(f"unexpected cell {text!r}: neither a number nor an EES symbol")


def number(text: str) -> str:
    """A count or denominator as printed, or '' where the file gives a symbol instead."""
    value, _status = cell(text)
    return value


def _obs(indicator_id: str, period: tuple[str, str], text: str, count: str = "", denominator: str = "") -> Row:
    value, status = cell(text)
    return {
        "indicator_id": indicator_id,
        "period_type": period[0],
        "period_label": period[1],
        "value": value,
        "status": status,
        "count": number(count),
        "denominator": number(denominator),
    }


def _check_identifier(frame: pd.DataFrame, name: str, expected: str) -> None:
    """The period rule depends on time_identifier, so a file saying otherwise must not pass silently."""
    found = set(frame["time_identifier"])
    if found != {expected}:
        raise ValueError(f"{name}: time_identifier {sorted(found)}, expected only {expected!r}")


# ------------------------------------------------------------------ areas


@dataclass
class _Drops:
    """Rows not carried, by reason; area reasons also name the areas so SOURCES.md says which."""

    counts: dict[str, int] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)

    def add(self, reason: str, name: str = "") -> None:
        self.counts[reason] = self.counts.get(reason, 0) + 1
        if name:
            self.names.setdefault(reason, set()).add(name)

    def into(self, part: SourcePart) -> None:
        for reason, rows in self.counts.items():
            named = sorted(self.names.get(reason, set()))
            part.drop(f"{reason} ({'; '.join(named)})" if named else reason, rows)


ABOLISHED = "abolished or merged area with no single current successor"
JOINT = "authorities reported jointly as one figure"
E13 = "Inner/Outer London (E13) is not a pack area"
PLACEHOLDER = "dashboard placeholder row, not an area"
REPEATED = "repeats a key already given by an earlier row of the file (first kept)"


def area_of(row: Row, areas: AreaBook) -> tuple[str | None, str, str]:
    """(current code, '', '') or (None, drop reason, area named in the reason)."""
    level = row["geographic_level"]
    if level == "National":
        return ENGLAND, "", ""
    if level == "Regional":
        code = row["region_code"].strip()
        if row["region_name"] in PLACEHOLDERS or not code:
            return None, PLACEHOLDER, row["region_name"]
        if code.startswith("E13"):
            return None, E13, f"{row['region_name']} {code}"
        resolved = areas.resolve(code) if code.startswith("E12") else None
        return (resolved, "", "") if resolved else (None, ABOLISHED, f"{row['region_name']} {code}")
    if level == "Local authority":
        code = row["new_la_code"].strip()
        if row["la_name"] in PLACEHOLDERS or not code:
            return None, PLACEHOLDER, row["la_name"]
        if "/" in code or "," in code:
            return None, JOINT, f"{row['la_name']} {code}"
        resolved = areas.resolve(code)
        return (resolved, "", "") if resolved else (None, ABOLISHED, f"{row['la_name']} {code}")
    return None, f"geographic level {level!r} not used", ""


def collect(part: SourcePart, frame: pd.DataFrame, areas: AreaBook, read: Reader) -> None:
    """Run ``read`` over every raw row and fill the part: each row written or counted once."""
    drops = _Drops()
    records: list[Row] = []
    seen: set[tuple[str, ...]] = set()
    for row in records_of(frame):
        code, reason, name = area_of(row, areas)
        if code is None:
            drops.add(reason, name)
            continue
        made = read(row)
        if isinstance(made, str):
            drops.add(made)
            continue
        fresh: list[Row] = []
        for obs in made:
            obs = {**obs, "area_code": code, "source_line": row["source_line"]}
            key = tuple(obs.get(c, "") or model.TOTAL for c in OBS_KEY)
            if key not in seen:
                seen.add(key)
                fresh.append(obs)
        if not fresh:
            drops.add(REPEATED)
            continue
        records.extend(fresh)
    part.raw_rows = len(frame)
    part.observations = model.frame(records)
    drops.into(part)


def _part(meta: SourceMeta, indicators: list[dict[str, str]] | None = None) -> SourcePart:
    return SourcePart(meta=meta, observations=model.empty_observations(), indicators=indicators or [])


def _totals(frame: pd.DataFrame, group: str, breakdown: str, total: str, count: str) -> dict[tuple[str, ...], str]:
    """The "Total" row's count per area, period and group: the denominator the file itself prints."""
    rows = frame[frame[breakdown] == total]
    return {_group_key(r, group): r[count] for r in records_of(rows)}


def _group_key(row: Row, group: str) -> tuple[str, ...]:
    return (
        row["time_period"],
        row["geographic_level"],
        row["region_code"],
        row["old_la_code"],
        row["new_la_code"],
        row["la_name"],
        row[group],
    )


# ------------------------------------------------------------------ the files


def cla_rates(raw: Path, areas: AreaBook) -> SourcePart:
    """CLA at 31 March (core cla-rate, a snapshot) and starting/ceasing in the year (financial)."""
    name = FILES["cla"]
    frame = read_ees(raw / name)
    _check_identifier(frame, name, "Reporting year")
    part = _part(
        SourceMeta(
            key="dfe-cla-rates",
            publisher=DFE,
            title=CLA_TITLE,
            file=name,
            url=CLA_URL,
            repository=f"{CSC_REPO} @ 9a527ae3b5a39c8dbd822cb0597cce5b6b65df32",
            note="Children looked after at 31 March, starting and ceasing during the year: number, ONS population "
            "aged 0-17 and rate per 10,000 as DfE prints them (whole numbers). Reporting year Y is the stock at "
            "31 March Y and the flows in the year April Y-1 to March Y.",
        ),
        [],
    )
    ids = {
        CLA_AT_31_MARCH: ("cla-rate", "snapshot"),
        CLA_STARTING: ("cla-starting-rate", "financial"),
        CLA_CEASING: ("cla-ceasing-rate", "financial"),
    }

    def read(row: Row) -> list[Row] | str:
        if row["population_type"] not in ids:
            return "not a published indicator here"
        indicator, kind = ids[row["population_type"]]
        return [
            _obs(
                indicator,
                model.period(row["time_period"], kind),
                row["rate_per_10000"],
                row["children_count"],
                row["population_estimate"],
            )
        ]

    collect(part, frame, areas, read)
    return part


def placement_stability(raw: Path, areas: AreaBook) -> SourcePart:
    """3+ placements in the year and long-term stability; denominators from the group's Total row."""
    name = FILES["stability"]
    frame = read_ees(raw / name)
    _check_identifier(frame, name, "Reporting year")
    part = _part(
        SourceMeta(
            key="dfe-cla-placement-stability",
            publisher=DFE,
            title=CLA_TITLE,
            file=name,
            url=CLA_URL,
            repository=f"{CSC_REPO} @ 9a527ae3b5a39c8dbd822cb0597cce5b6b65df32",
            note="Placement stability of children looked after, reporting years 2021-2025 (the year to 31 March). "
            "The denominator is the same group's 'Total children' row; the 'CLA 2 years on 31 March' measure "
            "(3+ placements in 2 years) is not carried.",
        )
    )
    totals = _totals(frame, "cla_group", "placement_stability", TOTAL_CHILDREN, "children_count")
    wanted = {
        (GROUP_31_MARCH, THREE_PLUS): "cla-three-plus-placements",
        (GROUP_LONG_TERM, SAME_CARER): "cla-long-term-placement-stability",
    }
    used_groups = {group for group, _ in wanted}

    def read(row: Row) -> list[Row] | str:
        indicator = wanted.get((row["cla_group"], row["placement_stability"]))
        if indicator is None:
            if row["placement_stability"] == TOTAL_CHILDREN and row["cla_group"] in used_groups:
                return "'Total children' row: used only as the denominator"
            return "not a published indicator here"
        return [
            _obs(
                indicator,
                model.period(row["time_period"], "financial"),
                row["children_percent"],
                row["children_count"],
                totals.get(_group_key(row, "cla_group"), ""),
            )
        ]

    collect(part, frame, areas, read)
    return part


@dataclass(frozen=True)
class CareLeaverFile:
    """One of DfE's two care-leaver files: which breakdown row is published, which is its total."""

    file: str
    key: str
    published: str  # the breakdown carried, e.g. "Accommodation considered suitable"
    total: str  # the breakdown used as the denominator
    suffix: str  # indicator id after "care-leavers-<ages>-"
    note: str


CARE_LEAVER_FILES = {
    "accommodation": CareLeaverFile(
        FILES["accommodation"],
        "dfe-care-leavers-accommodation",
        SUITABLE,
        SUITABILITY_TOTAL,
        "suitable-accommodation",
        "Care leavers aged 17-18 and 19-21 whose accommodation was considered suitable, year to 31 March. "
        "The denominator is the 'Suitability total' row; unsuitable and no-information rows are not carried.",
    ),
    "activity": CareLeaverFile(
        FILES["activity"],
        "dfe-care-leavers-activity",
        IN_EET,
        ACTIVITY_TOTAL,
        "eet",
        "Care leavers aged 17-18 and 19-21 in education, employment or training, year to 31 March. The "
        "denominator is the 'Total' row; the detailed activity rows are not carried.",
    ),
}


def care_leavers(raw: Path, areas: AreaBook, spec: CareLeaverFile) -> SourcePart:
    """Care leavers 17-18 and 19-21: one published breakdown as a % of the file's total row."""
    frame = read_ees(raw / spec.file)
    _check_identifier(frame, spec.file, "Reporting year")
    part = _part(
        SourceMeta(
            key=spec.key,
            publisher=DFE,
            title=CLA_TITLE,
            file=spec.file,
            url=CLA_URL,
            repository=f"{CSC_REPO} @ 9a527ae3b5a39c8dbd822cb0597cce5b6b65df32",
            note=spec.note,
        )
    )
    totals = _totals(frame, "care_leaver_age", "breakdown", spec.total, "care_leaver_count")

    def read(row: Row) -> list[Row] | str:
        if row["breakdown"] == spec.total:
            return f"'{spec.total}' row: used only as the denominator"
        if row["breakdown"] != spec.published or row["care_leaver_age"] not in AGES:
            return "not a published indicator here"
        indicator = f"care-leavers-{AGES[row['care_leaver_age']]}-{spec.suffix}"
        return [
            _obs(
                indicator,
                model.period(row["time_period"], "financial"),
                row["care_leaver_percent"],
                row["care_leaver_count"],
                totals.get(_group_key(row, "care_leaver_age"), ""),
            )
        ]

    collect(part, frame, areas, read)
    return part


def care_leavers_accommodation(raw: Path, areas: AreaBook) -> SourcePart:
    """Care leavers 17-18 and 19-21 in suitable accommodation (% of the 'Suitability total')."""
    return care_leavers(raw, areas, CARE_LEAVER_FILES["accommodation"])


def care_leavers_activity(raw: Path, areas: AreaBook) -> SourcePart:
    """Care leavers 17-18 and 19-21 in education, employment or training (% of the 'Total' row)."""
    return care_leavers(raw, areas, CARE_LEAVER_FILES["activity"])


def cla_ceased(raw: Path, areas: AreaBook) -> SourcePart:
    """Children ceasing care who returned home, planned and unplanned, as two counts.

    The shared ``cla-ceased-returned-home`` (both together) is not filled: the file prints no
    such total, and adding two rounded/suppressed figures would invent one.
    """
    name = FILES["ceased"]
    frame = read_ees(raw / name)
    _check_identifier(frame, name, "Reporting year")
    part = _part(
        SourceMeta(
            key="dfe-cla-ceased",
            publisher=DFE,
            title=CLA_TITLE,
            file=name,
            url=CLA_URL,
            repository=f"{CSC_REPO} @ 1329930840af1494de032849c2f07a5d58e08f61",
            note="Children who ceased to be looked after in the year to 31 March, reporting years 2020-2024 (the older "
            "version of the file). Only the two 'returned home' reasons are carried, each as published; the file "
            "has no total of the two, so none is made.",
        ),
        _ceased_indicators(),
    )
    wanted = {HOME_PLANNED: "cla-ceased-returned-home-planned", HOME_UNPLANNED: "cla-ceased-returned-home-unplanned"}

    def read(row: Row) -> list[Row] | str:
        indicator = wanted.get(row["characteristic"]) if row["cla_group"] == REASON_CEASED else None
        if indicator is None:
            return "not a published indicator here"
        return [_obs(indicator, model.period(row["time_period"], "financial"), row["number"])]

    collect(part, frame, areas, read)
    return part


def csww(raw: Path, areas: AreaBook) -> SourcePart:
    """Social work workforce rates at the 30 September census (reporting year Y = 30 September Y)."""
    name = FILES["csww"]
    frame = read_ees(raw / name)
    _check_identifier(frame, name, "Reporting year")
    part = _part(
        SourceMeta(
            key="dfe-csww",
            publisher=DFE,
            title="Children's social work workforce",
            file=name,
            url=CSWW_URL,
            repository=f"{CSC_REPO} @ 10a68d81b61e461d6c87b4d0b676a3a56b1c152a",
            note="Child and family social workers (FTE): agency, turnover, vacancy and absence rates and caseload, "
            "reporting years 2017-2025, dated at the 30 September workforce census of year Y (turnover and "
            "absence cover the year to that date). Shared-service rows reported jointly are not carried.",
        )
    )

    def read(row: Row) -> list[Row] | str:
        period = model.snapshot(dt.date(int(row["time_period"]), 9, 30))
        return [_obs(indicator, period, row[column]) for indicator, column in CSWW_COLUMNS.items()]

    collect(part, frame, areas, read)
    return part


def nccis(raw: Path, areas: AreaBook, name: str, commit: str) -> SourcePart:
    """One NCCIS dashboard year: NEET or not known (core), NEET, and activity not known
    (the last two are defined in ``seed.publishing.shared_indicators``: LAIT publishes them too)."""
    frame = read_ees(raw / name)
    _check_identifier(frame, name, "Calendar year")
    years = sorted(set(frame["time_period"]))
    if len(years) != 1:
        raise ValueError(f"{name}: expected one time_period, found {years}")
    year = years[0]
    placeholder = (
        " The 'LA demo' and 'Region demo' placeholder rows are not carried."
        if (frame["la_name"].isin(PLACEHOLDERS) | frame["region_name"].isin(PLACEHOLDERS)).any()
        else ""
    )
    part = _part(
        SourceMeta(
            key=f"dfe-nccis-neet-{year}",
            publisher=DFE,
            title="NEET and participation: local authority figures",
            file=name,
            url=NCCIS_URL,
            repository=f"{NCCIS_REPO} @ {commit}",
            note=f"16-17 year olds NEET or activity not known, December {int(year) - 1} to February {year} average "
            f"(time_period {year}); the denominator is the averaged cohort known to the LA (Cohort_DJFavg)." + placeholder,
        ),
        [],
    )

    def read(row: Row) -> list[Row] | str:
        period = model.period(row["time_period"], "calendar")
        return [
            _obs(indicator, period, row[column], denominator=row["Cohort_DJFavg"]) for indicator, column in NEET_COLUMNS.items()
        ]

    collect(part, frame, areas, read)
    return part


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """One part per raw file, in a fixed order (the population estimates file is not a part)."""
    parts = [
        cla_rates(raw, areas),
        placement_stability(raw, areas),
        care_leavers_accommodation(raw, areas),
        care_leavers_activity(raw, areas),
        cla_ceased(raw, areas),
        csww(raw, areas),
    ]
    parts.extend(nccis(raw, areas, name, commit) for name, commit in NCCIS_FILES.items())
    return parts
