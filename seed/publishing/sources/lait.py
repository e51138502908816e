"""DfE Local Authority Interactive Tool (LAIT): the long table of 434 measures and its data dictionary.

Why this module is more than a reshape: LAIT writes every period as a bare year ("2025") and
leaves its meaning to the dictionary's ``Year_Type``. The same "2025" is the academic year
2024/25 for KS2, the financial year 2024-25 for hospital admissions, 31 March 2025 for the
children looked after rate and 30 September 2025 for the social work workforce. Each rule
below was checked against the same figure in another published file (see the tests). LAIT
also republishes measures the published data already has from their own publishers (KS2, EYFS, CLA,
NEET …); those rows go to the shared indicator id, so one measure is one indicator.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analytics.codes import slug
from seed.publishing import model
from seed.publishing.areas import AreaBook
from seed.publishing.model import INDICATOR_COLUMNS, OBS_KEY, SourceMeta, SourcePart
from seed.publishing.shared_indicators import COMMON

KEY = "dfe-lait"
DATA_FILE = "dfe_lait_bds_long_all_la.csv.gz"
DICTIONARY_FILE = "dfe_lait_data_dictionary.csv"
#: indicator_code scheme carrying the dictionary's No_Quartile flag (read by ``analytics.judgement``'s
#: rank rules through ``reads.no_quartile_indicators``): LAIT ranks and bands none of these measures.
NO_QUARTILE_SCHEME = "LAIT No_Quartile"
NO_QUARTILE_NOTE = "LAIT's data dictionary marks this measure No_Quartile: no rank or quartile band"
PLAN_INDICATORS = Path(__file__).resolve().parents[2] / "data" / "indicators.csv"
DEFAULT_PUBLISHER = "DfE (Local Authority Interactive Tool)"
MAX_ID = 80
SHORT_NAME_MAX = 40
LONDON_SUBREGIONS = {"987", "988"}  # London (Inner) / London (Outer): no area in the book


@dataclass(frozen=True)
class Target:
    """Where a LAIT measure's rows go when the published data already defines the same measure."""

    indicator_id: str
    dimension: str = ""
    value: str = ""


FSM, NOT_FSM = ("fsm", "Eligible for FSM"), ("fsm", "Not eligible for FSM")
DIS, NOT_DIS = ("disadvantage", "Disadvantaged"), ("disadvantage", "Not disadvantaged")

#: LAIT Short Desc -> the CORE / COMMON indicator (and breakdown) it republishes.
MAPPED: dict[str, Target] = {
    "Under18concep": Target("u18-conceptions"),
    "FSP_NEW_GOODDEV": Target("eyfs-gld"),
    "FSP_Gooddev_FSM": Target("eyfs-gld", *FSM),
    "FSP_Gooddev_FSM_Other": Target("eyfs-gld", *NOT_FSM),
    "KS2RWM_Expected_STD": Target("ks2-rwm-expected"),
    "DAP_NEW_KS2_RWM": Target("ks2-rwm-expected", *DIS),
    "NonDAP_NEW_KS2_RWM": Target("ks2-rwm-expected", *NOT_DIS),
    "FSM_NEW_KS2_RWM": Target("ks2-rwm-expected", *FSM),
    "NonFSM_NEW_KS2_RWM": Target("ks2-rwm-expected", *NOT_FSM),
    "AVG_Attain8_Score": Target("ks4-attainment8"),
    "DAP_KS4_ATT8": Target("ks4-attainment8", *DIS),
    "NonDAP_KS4_ATT8": Target("ks4-attainment8", *NOT_DIS),
    "FSM_AVG_Attain8_Score": Target("ks4-attainment8", *FSM),
    "NonFSM_AVG_Attain8_Score": Target("ks4-attainment8", *NOT_FSM),
    "Level3Age19": Target("post16-level3-age19"),
    "Level3_FMS_Attain": Target("post16-level3-age19", *FSM),
    "NonFSM_L3_aged19": Target("post16-level3-age19", *NOT_FSM),
    "16-17_not known_NEET": Target("neet-16-17"),
    "CIN": Target("cin-rate"),
    "CPP_rate": Target("cp-plan-rate"),
    "LAC": Target("cla-rate"),
    "FirstYJS": Target("fte-youth-justice"),
    "HospAd0-14": Target("injury-admissions-0-14"),
    "6wksBreast": Target("breastfeeding-6-8wk"),
    "TotPerAbNew": Target("persistent-absence"),
    "LAC_Pers_Abs": Target("persistent-absence-looked-after"),
    "LACStable_2016on": Target("cla-three-plus-placements"),
    "LAC_LongStable%": Target("cla-long-term-placement-stability"),
    "CareLeaverAcc": Target("care-leavers-19-21-suitable-accommodation"),
    "CareLeaverEET": Target("care-leavers-19-21-eet"),
    "Work_Force_Agecy_Rate": Target("sw-agency-rate"),
    "Work_Force_TO_Rate": Target("sw-turnover-rate"),
    "Work_Force_Vac_Rate": Target("sw-vacancy-rate"),
    "Work_Force_SWAbsence": Target("sw-absence-rate"),
    "Work_Force_AvgNumCase_SW": Target("sw-caseload"),
    # DWP CiLIF: under-16s in relative low income before housing costs (checked against ONS ELS BHC).
    "ChildPov": Target("child-poverty-relative-low-income"),
    "FSP_NEW_COMMS": Target("eyfs-communication-language"),
    "FSP_NEW_LIT": Target("eyfs-literacy"),
    "FSP_NEW_MATHS": Target("eyfs-maths"),
    # the plans' own indicators that LAIT publishes as a series (one indicator, two sources)
    "ExcessRec": Target("reception-overweight-or-obese"),
    "ExcessYr6": Target("year6-overweight-or-obese"),
    "Emotional_LAC": Target("cla-emotional-health-sdq"),
    "CPP_Num": Target("cp-plan-count"),
    "LACnum": Target("cla-count"),
    "CPP_Total_NumRef": Target("referrals-to-childrens-social-care"),
    # series the DfE files (seed.publishing.sources.csc) define
    "16-17 NEET": Target("neet-only-16-17"),
    "16-17_not known": Target("neet-activity-not-known-16-17"),
    "LAC_Start_Rate": Target("cla-starting-rate"),
    "LAC_Cease_Rate": Target("cla-ceasing-rate"),
}

# Period rules: how a LAIT ``Years`` cell reads under each rule.
ACADEMIC, FINANCIAL, CALENDAR = "academic", "financial", "calendar"
MARCH_31, SEPT_30, JANUARY = "snapshot-31-march", "snapshot-30-september", "month-january"

#: The dictionary's Year_Type -> rule for a bare year Y.
YEAR_TYPE_RULES = {
    "Academic Year": ACADEMIC,  # Y = academic year ending in Y: 2025 -> 2024/25 (KS2 vs ONS ELS)
    "Financial Year": FINANCIAL,  # Y = year ending 31 March Y: 2016 -> 2015-16 (injury admissions vs Fingertips)
    "Calendar Year": CALENDAR,
    "Annual": MARCH_31,  # CIN / CPP / CLA "at 31 March" (LAC vs the CLA rate file)
    "Annual (end of Sept)": SEPT_30,  # social work workforce census (agency rate vs CSWW)
    "Annual - January": JANUARY,  # school census / SEN2 caseload in January
}

#: Measures whose bare year does not follow their Year_Type, checked against another file.
RULE_OVERRIDES = {
    # NCCIS Dec-Feb averages: LAIT "2025" = NCCIS time_period 2025 (calendar), not 2024-25.
    "16-17 NEET": CALENDAR,
    "16-17_not known_NEET": CALENDAR,
    "16-17_not known": CALENDAR,
}

#: A "Financial Year" stock measure whose title says it is counted at 31 March is a snapshot.
AT_31_MARCH = re.compile(r"\b(?:as )?at 31(?:st)? march\b", re.IGNORECASE)

#: Bracketed notes LAIT appends to ``Years``: (status, value_note).
SUFFIXES = {"rev": ("revised", ""), "prov": ("provisional", ""), "final": ("", ""), "ot": ("", "Outturn")}
_SUFFIX = re.compile(r"^(?P<base>.*?)\s*\((?P<note>[^)]*)\)$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class ReadPeriod:
    """One LAIT ``Years`` cell read under one rule."""

    period_type: str
    label: str
    status: str = ""
    note: str = ""


# ------------------------------------------------------------------ reading the files


def read_data(raw: Path) -> pd.DataFrame:
    """The long table as strings, with ``source_line``: the row's first line in the decompressed CSV.

    The header is line 1. 170 ``Data item`` cells (``Work_Force_AvgNumCase_SW``) hold a quoted
    line break, so every later row starts that many lines further down than index + 2.
    """
    data = pd.read_csv(raw / DATA_FILE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    breaks = pd.Series(0, index=data.index)
    for column in data.columns:
        breaks = breaks + data[column].str.count(r"\r\n|\r|\n")
    before = breaks.cumsum() - breaks
    data["source_line"] = (data.index + 2 + before).astype(str)
    return data


def read_dictionary(raw: Path) -> pd.DataFrame:
    """One dictionary row per ``Measure_short``.

    Fourteen measures are listed twice (once under their own topic, once under "All Pupil
    Absence & Exclusions" or "Key Stage 4"); the most recently updated row is kept, the first
    in the file on a tie, so each measure has one definition.
    """
    book = pd.read_csv(raw / DICTIONARY_FILE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    book["_updated"] = pd.to_numeric(book["Last Update"], errors="coerce").fillna(0)
    book = book.sort_values("_updated", ascending=False, kind="stable")
    book = book.drop_duplicates("Measure_short", keep="first").sort_index()
    return book.drop(columns="_updated").set_index("Measure_short", drop=False)


def plan_period_types() -> dict[str, str]:
    """period_type of every CORE/plan id and COMMON id, so mapped rows keep the target's type."""
    plan = pd.read_csv(PLAN_INDICATORS, dtype=str, keep_default_na=False)
    types = dict(zip(plan["id"], plan["period_type"]))
    types.update({row["id"]: row["period_type"] for row in COMMON})
    return types


# ------------------------------------------------------------------ periods


def rule_for(code: str, entry: pd.Series) -> str:
    """The period rule for one measure: override, else '31 March' stock titles, else Year_Type."""
    if code in RULE_OVERRIDES:
        return RULE_OVERRIDES[code]
    year_type = clean(entry["Year_Type"])
    if year_type not in YEAR_TYPE_RULES:
        raise ValueError(f"LAIT measure {code!r}: unknown Year_Type {year_type!r}")
    rule = YEAR_TYPE_RULES[year_type]
    title = f"{entry['Chart_title']} {entry['Measure']}"
    if rule == FINANCIAL and code not in MAPPED and AT_31_MARCH.search(title) and "during" not in title.lower():
        return MARCH_31
    return rule


def read_years(years: str, rule: str) -> ReadPeriod | None:
    """One ``Years`` cell under a rule; None for '0' (no period). Unknown shapes raise."""
    text = years.strip()
    if text in {"", "0"}:
        return None
    status, note = "", ""
    match = _SUFFIX.match(text)
    if match:
        suffix = match.group("note").strip().lower()
        if suffix not in SUFFIXES:
            raise ValueError(f"LAIT Years {years!r}: unknown note ({match.group('note')})")
        status, note = SUFFIXES[suffix]
        text = match.group("base").strip()
    if re.fullmatch(r"\d{4}", text):
        kind, label = _bare_year(int(text), rule)
    elif re.fullmatch(r"\d{4}[-/]\d{2}", text) and rule in {ACADEMIC, FINANCIAL, CALENDAR}:
        kind, label = model.period(text, rule)  # 2016/17, 2016-17; calendar '2014-16' is rolling
    elif re.fullmatch(r"\d{4}/\d{2}-\d{2}/\d{2}", text) and rule in {ACADEMIC, FINANCIAL}:
        kind, label = model.period(text, rule)  # 2013/14-15/16 -> rolling '2013/14 to 2015/16'
    else:
        raise ValueError(f"LAIT Years {years!r} cannot be read under rule {rule!r}")
    return ReadPeriod(kind, label, status, note)


def _bare_year(year: int, rule: str) -> tuple[str, str]:
    if rule == MARCH_31:
        return model.snapshot(dt.date(year, 3, 31))
    if rule == SEPT_30:
        return model.snapshot(dt.date(year, 9, 30))
    if rule == JANUARY:
        return model.period(f"January {year}")
    return model.period(str(year), rule)


# ------------------------------------------------------------------ indicators


def clean(text: str) -> str:
    """Collapse the dictionary's \\r\\r\\n runs and double spaces."""
    return " ".join(str(text).split())


def indicator_ids(codes: Iterable[str], taken: set[str]) -> dict[str, str]:
    """``lait-`` + slug for each unmapped Short Desc, unique and at most 80 characters.

    Slugs collide where only a '%' tells two measures apart (``LAC_ceased_SGO`` number and
    ``LAC_ceased_SGO%`` percentage): the percentage gets ``-pct``; any other clash is numbered.
    """
    ids: dict[str, str] = {}
    used = set(taken)
    base = {code: f"lait-{slug(code)}"[:MAX_ID].rstrip("-") for code in codes}
    counts = pd.Series(list(base.values()), dtype=str).value_counts()
    for code in sorted(base, key=lambda c: (base[c], "%" in c, c)):
        candidate = base[code]
        if counts.get(candidate, 0) > 1 and "%" in code:
            candidate = f"{candidate[: MAX_ID - 4]}-pct"
        number = 2
        stem = candidate
        while candidate in used:
            candidate = f"{stem[: MAX_ID - 1 - len(str(number))]}-{number}"
            number += 1
        used.add(candidate)
        ids[code] = candidate
    return ids


def value_type(y_axis: str, chart_title: str) -> str:
    """The kind of number from the dictionary's y axis (and the chart title's "(%)"/"(num)")."""
    axis = clean(y_axis).lower()
    title = clean(chart_title).lower()
    per = re.search(r"per\s*([\d,]+)", axis)
    if axis.startswith("%") or "%" in axis or "percent" in axis:
        return "percentage"
    if per:
        return {1000: "rate_per_1000", 10000: "rate_per_10000", 100000: "rate_per_100000"}.get(
            int(per.group(1).replace(",", "")), "other"
        )
    if title.endswith("(%)") or "rate" in axis:
        return "percentage"
    if "score" in axis:
        return "score"
    if "average" in axis or "case load" in axis:
        return "mean"
    if "unit cost" in axis or "spend" in axis:
        return "currency"
    if (
        axis.startswith("number")
        or axis in {"social workers", "starters fte", "leavers fte", "total cases"}
        or title.endswith("(num)")
    ):
        return "count"
    return "other"


def unit_for(y_axis: str, kind: str) -> str:
    """The dictionary's own axis words (what LAIT shows), with '%' where a percentage lacks it."""
    unit = clean(y_axis).replace("%KS4", "% KS4")
    if kind == "percentage" and "%" not in unit:
        unit = f"% ({unit.lower()})"
    return unit


POLARITY = {"high": "higher_better", "low": "lower_better"}


def publisher_for(owner: str) -> str:
    """The data owner where the dictionary names one briefly, else LAIT itself (DfE)."""
    owner = clean(owner)
    if not owner or owner in {"0", "-", "NA", "DfE"} or len(owner) > 60 or "@" in owner:
        return DEFAULT_PUBLISHER
    return f"{owner} (via DfE LAIT)"


def decimals_for(dps: str, kind: str, whole_numbers: bool) -> str:
    """dps as published; 'NA' -> 1, except counts LAIT only ever prints as whole numbers (0)."""
    text = clean(dps)
    if text.isdigit():
        return str(int(text))
    return "0" if kind == "count" and whole_numbers else "1"


def definition_for(entry: pd.Series) -> str:
    """Description, then the Methodology where the dictionary gives one (not '-')."""
    text = clean(entry["Description"])
    method = clean(entry["Methodology"])
    if method and method not in {"-", "NA", "N/A"}:
        text = f"{text} Methodology: {method}".strip()
    return text


def indicator_row(new_id: str, code: str, entry: pd.Series, period_type: str, whole_numbers: bool) -> dict[str, str]:
    """One new indicator from its dictionary row."""
    kind = value_type(entry["y_axis_name"], entry["Chart_title"])
    title = clean(entry["Chart_title"])
    row = {
        "id": new_id,
        "name": clean(entry["Measure"]) or code,
        "short_name": title if len(title) <= SHORT_NAME_MAX else "",
        "definition": definition_for(entry),
        "unit": unit_for(entry["y_axis_name"], kind),
        "value_type": kind,
        "polarity": POLARITY.get(clean(entry["Polarity"]).lower(), "no_judgement"),
        "ci_method": "none",
        "period_type": period_type,
        "decimals": decimals_for(entry["dps"], kind, whole_numbers),
        "topic": clean(entry["Topic"]),
        "publisher": publisher_for(entry["Data Owner (DO) /Supplier and Contact Details"]),
        "source_key": "",
        "fingertips_id": "",
        "dfe_code": code,
        "gap_phase": "",
    }
    assert tuple(row) == INDICATOR_COLUMNS
    return row


# ------------------------------------------------------------------ build


def _areas(data: pd.DataFrame, areas: AreaBook) -> tuple[pd.Series, dict[str, int]]:
    """Current GSS code per row ('' when unresolved) and the unresolved rows counted by reason."""
    numbers = data["LA Number"].str.strip().str.removesuffix(".0")
    lookup = {n: areas.by_dfe(n) or "" for n in numbers.unique()}
    codes = numbers.map(lookup)
    reasons: dict[str, int] = {}
    missing = data.loc[codes == "", ["LA and Regions"]].assign(number=numbers[codes == ""])
    for is_london, group in missing.groupby(missing["number"].isin(LONDON_SUBREGIONS)):
        names = ", ".join(sorted(set(group["LA and Regions"])))
        reason = (
            f"London sub-region aggregates with no area in the pack ({names})"
            if is_london
            else f"pre-reorganisation LAs with no single current successor ({names})"
        )
        reasons[reason] = len(group)
    return codes, reasons


def _periods(data: pd.DataFrame, rules: dict[str, str]) -> pd.DataFrame:
    """period_type/label/status/note per row, read once per distinct (measure, Years)."""
    pairs = data[["Short Desc", "Years"]].drop_duplicates()
    records = []
    for code, years in pairs.itertuples(index=False):
        read = read_years(years, rules[code]) if code in rules else None
        records.append(
            {
                "Short Desc": code,
                "Years": years,
                "ok": read is not None,
                "period_type": read.period_type if read else "",
                "period_label": read.label if read else "",
                "period_status": read.status if read else "",
                "value_note": read.note if read else "",
            }
        )
    table = pd.DataFrame.from_records(records)
    return data[["Short Desc", "Years"]].merge(table, on=["Short Desc", "Years"], how="left").set_index(data.index)


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """The LAIT long table as one SourcePart (``dfe-lait``)."""
    data = read_data(raw)
    book = read_dictionary(raw)
    part = SourcePart(meta=_meta(), observations=model.empty_observations(), raw_rows=len(data))
    data["Short Desc"] = data["Short Desc"].str.strip()
    known = data["Short Desc"].isin(book.index)
    part.drop("measure has no row in the LAIT data dictionary", int((~known).sum()))
    measures = sorted(set(data.loc[known, "Short Desc"]))
    rules = {code: rule_for(code, book.loc[code]) for code in measures}
    data = _readable_rows(data[known], rules, areas, part)

    targets = plan_period_types()
    own = indicator_ids([c for c in measures if c not in MAPPED], set(targets))
    ids = {code: MAPPED[code].indicator_id if code in MAPPED else own[code] for code in measures}
    obs = _one_row_per_key(_observations(data, ids), targets, part)
    part.observations = model.frame(_records(obs))

    whole = (~data["value"].str.contains(".", regex=False)).groupby(data["Short Desc"]).all()
    types = _one_period_type(obs)
    part.indicators = [
        indicator_row(own[code], code, book.loc[code], types[own[code]], bool(whole.get(code, False)))
        for code in measures
        if code not in MAPPED and own[code] in types  # a measure with no rows left has no period type
    ]
    part.indicator_codes = [
        {
            "scheme": "LAIT",
            "code": code,
            "indicator_id": ids[code],
            "note": f"breakdown {MAPPED[code].dimension}: {MAPPED[code].value}"
            if code in MAPPED and MAPPED[code].dimension
            else "",
        }
        for code in measures
    ]
    part.indicator_codes += [
        {"scheme": NO_QUARTILE_SCHEME, "code": code, "indicator_id": ids[code], "note": NO_QUARTILE_NOTE}
        for code in measures
        if no_quartile(book.loc[code])
    ]
    return [part]


def no_quartile(entry: pd.Series) -> bool:
    """The dictionary's ``No_Quartile`` flag: "N" marks the measures LAIT shows without a quartile
    band (21 of 448: KS2 average scaled scores, some workforce and SEND counts); "NA" is unset."""
    return clean(str(entry.get("No_Quartile", ""))).upper() == "N"


def _readable_rows(data: pd.DataFrame, rules: dict[str, str], areas: AreaBook, part: SourcePart) -> pd.DataFrame:
    """Rows with a current area, a period and a published number or '-'; the rest counted as dropped.

    Adds ``area_code``, the period columns and ``value`` (the text as published, '' for '-'),
    with ``status`` x for '-' and the Years note's status (revised/provisional) otherwise.
    """
    codes, area_drops = _areas(data, areas)
    for reason, rows in area_drops.items():
        part.drop(reason, rows)
    data = data.assign(area_code=codes)[codes != ""]

    periods = _periods(data, rules)
    dated = periods["ok"].astype(bool)
    part.drop("no period given (Years '0')", int((~dated).sum()))
    data = pd.concat([data, periods.drop(columns=["Short Desc", "Years", "ok"])], axis=1)[dated]

    text = data["Values"].str.strip().str.replace(",", "", regex=False)
    missing = text == "-"
    readable = missing | text.str.match(_NUMBER)
    part.drop("value text is neither a number nor '-'", int((~readable).sum()))
    data = data.assign(value=text.where(~missing, ""), status=data["period_status"].where(~missing, "x"))
    return data[readable]


def _observations(data: pd.DataFrame, ids: dict[str, str]) -> pd.DataFrame:
    """The observation columns: each measure's indicator id and, for mapped measures, its breakdown."""
    codes = data["Short Desc"]
    return pd.DataFrame(
        {
            "indicator_id": codes.map(ids),
            "area_code": data["area_code"],
            "period_type": data["period_type"],
            "period_label": data["period_label"],
            "breakdown_dimension": codes.map({c: t.dimension for c, t in MAPPED.items()}).fillna(""),
            "breakdown_value": codes.map({c: t.value for c, t in MAPPED.items()}).fillna(""),
            "value": data["value"],
            "status": data["status"],
            "value_note": data["value_note"],
            "source_line": data["source_line"],
        }
    )


def _one_row_per_key(obs: pd.DataFrame, targets: dict[str, str], part: SourcePart) -> pd.DataFrame:
    """Drop rows whose period type is not their (CORE/COMMON) indicator's, then repeated keys (first kept)."""
    expected = obs["indicator_id"].map(targets)
    clash = expected.notna() & (expected != obs["period_type"])
    for indicator, rows in obs[clash].groupby("indicator_id").size().items():
        part.drop(f"period type differs from {indicator}'s ({targets[str(indicator)]})", int(rows))
    obs = obs[~clash]
    repeated = obs.duplicated(list(OBS_KEY), keep="first")
    part.drop("repeats a key already given by an earlier row of the file", int(repeated.sum()))
    return obs[~repeated]


def _records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Rows as dicts for ``model.frame``; column lists zipped, about 3x faster than ``to_dict``."""
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, row)) for row in zip(*(frame[c].tolist() for c in columns))]


def _one_period_type(obs: pd.DataFrame) -> dict[str, str]:
    """Each indicator's period type; two types for one indicator would break the published data's contract."""
    kinds = obs.groupby("indicator_id")["period_type"].unique()
    mixed = {str(i): sorted(k) for i, k in kinds.items() if len(k) > 1}
    if mixed:
        raise ValueError(f"LAIT measures read to more than one period type: {mixed}")
    return {str(i): str(k[0]) for i, k in kinds.items()}


def _meta() -> SourceMeta:
    return SourceMeta(
        key=KEY,
        publisher="Department for Education",
        title="Local Authority Interactive Tool (LAIT) data",
        file=f"{DATA_FILE}, {DICTIONARY_FILE}",
        url="https://www.gov.uk/government/publications/local-authority-interactive-tool-lait",
        repository="dfe-analytical-services/local-authority-interactive-tool @ 2e30e3959a6ab8b2d22941b84764da41a40ac91b",
        note=(
            "LAIT's long table of measures for English LAs, regions and England, with names, units, polarity and "
            "decimals from the LAIT data dictionary. A bare year is read by the dictionary's Year_Type (academic "
            "year ending in it, financial year ending 31 March, calendar year, or the 31 March / 30 September / "
            "January census date), NCCIS NEET figures as calendar years; '-' is kept as not available (x)."
        ),
    )
