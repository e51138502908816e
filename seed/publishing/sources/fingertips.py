"""OHID Fingertips exports: NCMP obesity, dental decay, active children and injury admissions.

Why two readers: the Trafford Data Lab files (``fingertips_tdl_*``) are a reduced, tidy
re-export (one value column, rounded to 1 dp by the repository's script, no confidence
intervals), while the CSC outcomes files (``fingertips_csc_*``) are the full Fingertips
export with confidence intervals, counts, denominators and value notes. Each file is its
own publication part so SOURCES.md can say exactly what was taken from which file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from seed.publishing import model
from seed.publishing.areas import AreaBook
from seed.publishing.io import text_records
from seed.publishing.model import SourceMeta, SourcePart

PUBLISHER = "Office for Health Improvement and Disparities"
URL = "https://fingertips.phe.org.uk/"
TDL_REPO = "traffordDataLab/trafford_themes"
CSC_REPO = "dfe-analytical-services/CSC_outcomes_and_enablers"
CSC_COMMIT = "1329930840af1494de032849c2f07a5d58e08f61"
FINGERTIPS = "Fingertips"

#: The injury-admissions decile scheme loaded as the ``deprivation`` breakdown: deciles of
#: counties and unitaries on the April 2023 geography, the same areas the indicator is
#: published for. The other schemes in the export reuse the same decile names, so loading
#: more than one would give two different values under one key.
INJURY_DECILES = "County & UA deprivation deciles in England (IMD2019, 4/23 geography)"

REASON_WARD = "ward (E05): the area table holds districts and above"
REASON_QUINTILE = (
    "deprivation quintile breakdown not loaded (5 years combined 2020/21 - 24/25, a rolling "
    "period, while the indicator is yearly)"
)
REASON_SEX = "sex split (Male/Female) not loaded: whole-population (Persons) rows only"
REASON_OTHER_DECILES = (
    "deprivation deciles on another basis (District & UA deciles or an earlier geography) "
    "not loaded: only the County & UA 4/23-geography deciles are kept, as the names repeat"
)


@dataclass(frozen=True)
class TdlFile:
    """One Trafford Data Lab re-export of a single Fingertips indicator."""

    file: str
    key: str
    indicator_id: str
    fingertips_id: str
    label: str  # the file's `indicator` text for the whole-population rows
    title: str
    commit: str


TDL_FILES = (
    TdlFile(
        "fingertips_tdl_obese_reception.csv",
        "fingertips-90319",
        "reception-obesity",
        "90319",
        "Reception prevalence of obesity (including severe obesity)",
        "National Child Measurement Programme: Reception prevalence of obesity (including severe obesity)",
        "8b6e8a046aeb2036effe6b9f422b4b211baeda73",
    ),
    TdlFile(
        "fingertips_tdl_obese_year6.csv",
        "fingertips-90323",
        "year6-obesity",
        "90323",
        "Year 6 prevalence of obesity (including severe obesity)",
        "National Child Measurement Programme: Year 6 prevalence of obesity (including severe obesity)",
        "8b6e8a046aeb2036effe6b9f422b4b211baeda73",
    ),
    TdlFile(
        "fingertips_tdl_children_dental_decay.csv",
        "fingertips-93563",
        "dental-decay-5yo",
        "93563",
        "Percentage of 5 year olds with experience of visually obvious dental decay",
        "Oral health survey of 5-year-old children: experience of visually obvious dental decay",
        "d6549c372f9de7101473e877b39375e3e9a8d177",
    ),
    TdlFile(
        "fingertips_tdl_active_children.csv",
        "fingertips-93570",
        "physically-active-cyp",
        "93570",
        "Percentage of physically active children and young people",
        "Active Lives Children and Young People Survey: percentage of physically active children and young people",
        "8b6e8a046aeb2036effe6b9f422b4b211baeda73",
    ),
)


def new_indicators() -> list[dict[str, str]]:
    """The two indicators these files bring that the plan and catalogue do not define."""
    common = {
        "unit": "%",
        "value_type": "percentage",
        "ci_method": "none",
        "period_type": "academic",
        "decimals": "1",
        "topic": "Health",
        "source_key": "",
        "dfe_code": "",
        "gap_phase": "",
    }
    rows = [
        common
        | {
            "id": "dental-decay-5yo",
            "name": "5-year-olds with experience of visually obvious dental decay",
            "short_name": "Dental decay age 5",
            "definition": "Percentage of 5-year-old children with experience of visually obvious dental decay (one "
            "or more teeth decayed into dentine, missing because of decay or filled), from the "
            "National Dental Epidemiology Programme oral health survey of 5-year-olds; the survey "
            "runs every two or three years.",
            "polarity": "lower_better",
            "publisher": "OHID (National Dental Epidemiology Programme)",
            "fingertips_id": "93563",
        },
        common
        | {
            "id": "physically-active-cyp",
            "name": "Physically active children and young people",
            "short_name": "Physically active CYP",
            "definition": "Percentage of children and young people (school years 1 to 11) meeting the Chief Medical "
            "Officers' guideline of an average of at least 60 minutes of moderate or vigorous "
            "physical activity a day across the week (Sport England Active Lives Children and Young "
            "People Survey).",
            "polarity": "higher_better",
            "publisher": "Sport England (Active Lives Children and Young People Survey)",
            "fingertips_id": "93570",
        },
    ]
    return [{column: row[column] for column in model.INDICATOR_COLUMNS} for row in rows]


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """One part per raw file; the injury LA file before the region file so its rows win."""
    parts = [tdl_part(raw, areas, spec) for spec in TDL_FILES]
    parts.append(
        injury_part(
            raw,
            areas,
            "fingertips_csc_la_hospital_admissions_2324.csv.gz",
            "fingertips-90284",
            "upper-tier local authorities and England",
        )
    )
    parts.append(
        injury_part(
            raw,
            areas,
            "fingertips_csc_region_hospital_admissions_2324.csv.gz",
            "fingertips-90284-regions",
            "regions, upper-tier local authorities and England",
        )
    )
    return parts


# ------------------------------------------------------------------ shared helpers


def read_raw(path: Path) -> pd.DataFrame:
    """Every cell as published text; the files have no embedded newlines, so line = index + 2."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def area_drop_reason(code: str) -> str:
    """Why a code that AreaBook.resolve does not know is left out, in words for SOURCES.md."""
    if code.startswith("E05"):
        return REASON_WARD
    if code.startswith(("W", "S", "N")):
        return "Wales, Scotland or Northern Ireland area"
    return "area abolished or merged in a reorganisation (no single current successor)"


def clean_number(text: str) -> str:
    """The published figure with surrounding spaces and thousands commas removed, nothing else."""
    return text.strip().replace(",", "")


# ------------------------------------------------------------------ Trafford Data Lab files


def tdl_part(raw: Path, areas: AreaBook, spec: TdlFile) -> SourcePart:
    """Whole-population rows of one Trafford Data Lab file, values as the repo script wrote them."""
    frame = read_raw(raw / spec.file)
    note = (
        f"Fingertips indicator {spec.fingertips_id} as re-exported by Trafford Data Lab: values rounded to "
        "1 dp by the repository's script (not Fingertips' own precision), no confidence intervals or counts. "
        "NA values are loaded with status x; wards, deprivation-quintile rows and areas abolished in "
        "reorganisations are dropped."
    )
    part = SourcePart(
        meta=SourceMeta(
            key=spec.key,
            publisher=PUBLISHER,
            title=f"{spec.title} (Fingertips indicator {spec.fingertips_id})",
            file=spec.file,
            url=URL,
            repository=f"{TDL_REPO} @ {spec.commit}",
            note=note,
        ),
        observations=model.empty_observations(),
        indicators=[row for row in new_indicators() if row["id"] == spec.indicator_id],
        indicator_codes=[
            {"scheme": FINGERTIPS, "code": spec.fingertips_id, "indicator_id": spec.indicator_id, "note": spec.label}
        ],
        raw_rows=len(frame),
    )
    ranked: list[tuple[bool, dict[str, str]]] = []
    for index, row in zip(frame.index, text_records(frame)):
        record = tdl_record(part, areas, spec, row, int(index) + 2)
        if record is not None:
            ranked.append((row["area_code"].strip() == record["area_code"], record))
    part.observations = model.frame(model.keep_first(part, ranked))
    return part


def tdl_record(part: SourcePart, areas: AreaBook, spec: TdlFile, row: dict[str, str], line: int) -> dict[str, str] | None:
    """One whole-population row as an observation, or None (counted in ``part.dropped``)."""
    code = row["area_code"].strip()
    if code.startswith("E05") or row["area_type"].startswith("Electoral Wards"):
        part.drop(REASON_WARD)
        return None
    if row["inequality"] != "NA":
        part.drop(REASON_QUINTILE)
        return None
    if row["indicator"] != spec.label:
        part.drop(f"other indicator in the file: {row['indicator']}")
        return None
    area = areas.resolve(code)
    if area is None:
        part.drop(area_drop_reason(code))
        return None
    period_type, period_label = model.period(row["period"], "academic")
    value = clean_number(row["value"])
    status = ""
    if value == "NA":
        value, status = "", "x"
    elif not model.is_number(value):
        part.drop(f"value is not a number ({value!r})")
        return None
    return {
        "indicator_id": spec.indicator_id,
        "area_code": area,
        "period_type": period_type,
        "period_label": period_label,
        "value": value,
        "status": status,
        "source_line": str(line),
        "published_vs_england": row.get("compared_to_England", "").strip(),
    }


# ------------------------------------------------------------------ injury admissions (full export)


def injury_part(raw: Path, areas: AreaBook, file: str, key: str, coverage: str) -> SourcePart:
    """Fingertips 90284 (full export): whole population plus England's County & UA deprivation deciles."""
    frame = read_raw(raw / file)
    note = (
        f"Fingertips indicator 90284 export for {coverage}, financial years 2010/11 to 2023/24 (Fingertips "
        "'2010/11' labels are financial years). Persons only; England's deprivation deciles are loaded from the "
        "County & UA IMD2019 4/23-geography scheme as breakdown 'deprivation'. Values not presented load "
        "with status x (c where the note says suppressed); Value note kept."
    )
    part = SourcePart(
        meta=SourceMeta(
            key=key,
            publisher=PUBLISHER,
            title="Hospital admissions caused by unintentional and deliberate injuries in children "
            "(aged 0 to 14 years) (Fingertips indicator 90284)",
            file=file,
            url=URL,
            repository=f"{CSC_REPO} @ {CSC_COMMIT}",
            note=note,
        ),
        observations=model.empty_observations(),
        indicator_codes=[
            {
                "scheme": FINGERTIPS,
                "code": "90284",
                "indicator_id": "injury-admissions-0-14",
                "note": "Hospital admissions caused by unintentional and deliberate injuries in children (aged 0 to 14 years)",
            }
        ],
        raw_rows=len(frame),
    )
    ranked: list[tuple[bool, dict[str, str]]] = []
    for index, row in zip(frame.index, text_records(frame)):
        record = injury_record(part, areas, row, int(index) + 2)
        if record is not None:
            ranked.append((row["Area Code"].strip() == record["area_code"], record))
    part.observations = model.frame(model.keep_first(part, ranked))
    return part


def injury_breakdown(row: dict[str, str]) -> tuple[str, str] | None:
    """(dimension, value) for a row, or None when its category scheme is not loaded."""
    if row["Category Type"] == "":
        return model.TOTAL, model.TOTAL
    if row["Category Type"] == INJURY_DECILES:
        return "deprivation", row["Category"].strip()
    return None


def injury_status(value: str, note: str) -> str:
    """Fingertips leaves Value empty when it is not presented; its note says why."""
    if value:
        return ""
    return "c" if "suppress" in note.lower() else "x"


def injury_record(part: SourcePart, areas: AreaBook, row: dict[str, str], line: int) -> dict[str, str] | None:
    """One Persons row as an observation with CIs, count and denominator, or None (dropped)."""
    if row["Indicator ID"].strip() != "90284":
        part.drop(f"other Fingertips indicator ({row['Indicator ID']})")
        return None
    if row["Sex"] != "Persons":
        part.drop(REASON_SEX)
        return None
    breakdown = injury_breakdown(row)
    if breakdown is None:
        part.drop(REASON_OTHER_DECILES)
        return None
    code = row["Area Code"].strip()
    area = areas.resolve(code)
    if area is None:
        part.drop(area_drop_reason(code))
        return None
    period_type, period_label = model.period(row["Time period"], "financial")
    value = clean_number(row["Value"])
    note = row["Value note"].strip()
    return {
        "indicator_id": "injury-admissions-0-14",
        "area_code": area,
        "period_type": period_type,
        "period_label": period_label,
        "breakdown_dimension": breakdown[0],
        "breakdown_value": breakdown[1],
        "value": value,
        "lower_ci95": clean_number(row["Lower CI 95.0 limit"]),
        "upper_ci95": clean_number(row["Upper CI 95.0 limit"]),
        "lower_ci998": clean_number(row["Lower CI 99.8 limit"]),
        "upper_ci998": clean_number(row["Upper CI 99.8 limit"]),
        "count": clean_number(row["Count"]),
        "denominator": clean_number(row["Denominator"]),
        "status": injury_status(value, note),
        "value_note": note,
        "source_line": str(line),
        **published_verdicts(row),
    }


#: Fingertips' comparison columns that are not a comparison with a parent area's value.
_NOT_PARENT = {"Compared to England value or percentiles", "Compared to percentiles", "Compared to goal"}


def published_verdicts(row: dict[str, str]) -> dict[str, str]:
    """Fingertips' own verdicts as printed: against England, and against the parent named in the
    row ("Compared to Regions (statistical) value or percentiles", "Compared to parent value ...").
    A parent verdict is kept only with its parent's code, so a page can tell which benchmark it is for."""
    out = {"published_vs_england": row.get("Compared to England value or percentiles", "").strip()}
    parent = row.get("Parent Code", "").strip()
    for column, text in row.items():
        if column.startswith("Compared to ") and column not in _NOT_PARENT and parent and parent != "E92000001":
            out["published_vs_parent"] = text.strip()
            out["published_parent_code"] = parent
    return out
