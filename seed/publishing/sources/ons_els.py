"""ONS Explore Local Statistics (ELS) files: KS2, EYFS, GCSE by 19, persistent absence, child poverty.

Why: ELS republishes DfE and DWP figures in one tidy layout for every level from England down
to shire districts, so several indicators get district values here that the DfE files lack.
Each ELS file is its own publication part. Periods are ISO intervals ("2021-09-01/P1Y"); the
looked-after absence file is the one exception whose interval is not the measure's own year
(see ``looked_after_period``). The healthy life expectancy file is not a children's measure
and is not read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from seed.publishing import model
from seed.publishing.areas import AreaBook
from seed.publishing.io import text_records
from seed.publishing.model import SourceMeta, SourcePart

PUBLISHER = "Office for National Statistics"
URL = "https://www.ons.gov.uk/explore-local-statistics/"
REPO = "ONSdigital/explore-local-statistics-data"
SCHEME = "ONS ELS"

#: ELS status symbols → the published data's. ELS uses the GSS symbols; only x, c and z occur in these files.
STATUS = {"x": "x", "c": "c", "z": "z", "u": "u", "k": "k", "low": "low", ":": ":", "~": "~"}


PeriodRule = Callable[[str], tuple[str, str]]


@dataclass(frozen=True)
class Target:
    """Where one ELS `indicator` value goes: indicator id and breakdown."""

    indicator_id: str
    period_type: str  # the indicator's own period type; every row must parse to it
    dimension: str = model.TOTAL
    value: str = model.TOTAL


@dataclass(frozen=True)
class ElsFile:
    """One ELS dataset: its file stem, commit and what each `indicator` label maps to."""

    stem: str
    commit: str
    title: str
    targets: dict[str, Target]
    note: str
    period_rule: str = "iso"  # "iso" or "looked_after"
    indicators: list[dict[str, str]] = field(default_factory=list)


def gcse_indicator() -> dict[str, str]:
    """GCSE English and maths by 19: not in the plan or the catalogue (definition from the ELS metadata)."""
    row = {
        "id": "gcse-english-maths-by-19",
        "name": "GCSE (or equivalent) English and maths by age 19",
        "short_name": "GCSE English and maths by 19",
        "definition": "Percentage of young people achieving GCSEs (or equivalent) in both English and maths by age "
        "19, by the location of their school at age 15 (Year 11); state-funded sector only (DfE Level "
        "2 and 3 attainment by young people aged 19). Not a Key Stage 4 measure.",
        "unit": "%",
        "value_type": "percentage",
        "polarity": "higher_better",
        "ci_method": "none",
        "period_type": "academic",
        "decimals": "1",
        "topic": "Education",
        "publisher": "DfE (Level 2 and 3 attainment by age 19)",
        "source_key": "",
        "fingertips_id": "",
        "dfe_code": "",
        "gap_phase": "",
    }
    return {column: row[column] for column in model.INDICATOR_COLUMNS}


def els_files() -> tuple[ElsFile, ...]:
    """The ELS files loaded, in the order their parts are returned."""
    return (*_attainment_files(), *_absence_and_poverty_files())


def _attainment_files() -> tuple[ElsFile, ...]:
    """Key Stage 2, early years and GCSE by 19."""
    return (
        ElsFile(
            "pupils-at-expected-standards-by-end-of-primary-school",
            "4182826cddf63e6ca01414e4d19bc0c079d9387f",
            "Pupils meeting the expected standard in reading, writing and maths at the end of Key Stage 2",
            {"Pupils meeting the expected standard in reading, writing and maths": Target("ks2-rwm-expected", "academic")},
            "All pupils, England to shire districts; rows ONS aggregated (counties) keep ELS's note that they may "
            "differ from other published figures.",
        ),
        ElsFile(
            "early-years",
            "4182826cddf63e6ca01414e4d19bc0c079d9387f",
            "Early years foundation stage profile: communication and language, literacy and maths",
            {
                "Communication and language": Target("eyfs-communication-language", "academic"),
                "Literacy": Target("eyfs-literacy", "academic"),
                "Mathematics": Target("eyfs-maths", "academic"),
            },
            "Three EYFS areas of learning (not GLD), 2021/22 onwards after the 2021 EYFS reforms.",
        ),
        ElsFile(
            "gcses-in-english-and-maths",
            "30823b3a29ebba5dee2f8d4d9fecb5fd2e64c4f9",
            "GCSEs in English and Maths by age 19",
            {"GCSEs in English and Maths": Target("gcse-english-maths-by-19", "academic")},
            "By school location at age 15; pre-2023 district codes without a single successor are dropped.",
            indicators=[gcse_indicator()],
        ),
    )


def _absence_and_poverty_files() -> tuple[ElsFile, ...]:
    """Persistent absence (all pupils, free school meals, looked after) and child poverty."""
    pa = "Persistent absences for"
    return (
        ElsFile(
            "persistent-absences-for-all-pupils",
            "47384202cd64d5d06adf0342d9a09e83698a13a6",
            "Persistent absences for all pupils",
            {f"{pa} all pupils": Target("persistent-absence", "academic")},
            "Upper-tier areas only; no 2019/20.",
        ),
        ElsFile(
            "persistent-absences-for-pupils-eligible-for-free-school-meals",
            "8054faa686afa3fd6bf9aeb057b0361ab423ad3d",
            "Persistent absences for pupils eligible for free school meals",
            {f"{pa} pupils eligible for free school meals": Target("persistent-absence", "academic", "fsm", "Eligible for FSM")},
            "Loaded as persistent absence, breakdown fsm = Eligible for FSM (the ELS metadata describes the "
            "group as pupils eligible for free school meals in the past 6 years).",
        ),
        ElsFile(
            "persistent-absences-for-pupils-looked-after-by-local-authorities",
            "2f6a0626c4c58e2d380090e7c73abe9d04a063b6",
            "Persistent absences for pupils looked after by local authorities",
            {f"{pa} pupils looked after by local authorities": Target("persistent-absence-looked-after", "academic")},
            "ELS labels each value by the financial year ending 31 March of the looked-after cohort "
            "(2018-04-01/P1Y); the absence is for the academic year starting in that interval's first "
            "calendar year (2018/19), as the DfE outcomes file publishes it.",
            period_rule="looked_after",
        ),
        ElsFile(
            "children-in-relative-poverty",
            "66f55184e573619aea33c487beb1c1c1e71e91a1",
            "Children in relative poverty (before and after housing costs)",
            {
                "Children in relative poverty before housing costs": Target("child-poverty-relative-low-income", "financial"),
                "Children in relative poverty after housing costs": Target("child-poverty-relative-low-income-ahc", "financial"),
            },
            "Financial years ending 2022 to 2025 (after housing costs from FYE 2024); UK, Welsh, Scottish and "
            "Northern Irish rows dropped.",
        ),
    )


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """One part per ELS file (healthy life expectancy is not read)."""
    return [els_part(raw, areas, spec) for spec in els_files()]


# ------------------------------------------------------------------ helpers


def read_raw(path: Path) -> pd.DataFrame:
    """Every cell as text; several ELS files start with a BOM. No embedded newlines: line = index + 2."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_metadata(raw: Path, stem: str) -> dict[str, str]:
    """The ELS metadata's source organisation, URL and date (shared block or top level)."""
    path = raw / "ons_els_metadata" / f"{stem}.json"
    if not path.exists():
        return {}
    block = json.loads(path.read_text(encoding="utf-8"))["ess-beta-metadata"]
    shared = block.get("shared", block)
    return {key: str(shared.get(key) or "") for key in ("sourceOrg", "sourceURL", "sourceDate")}


def area_drop_reason(code: str) -> str:
    """Why a code AreaBook.resolve does not know is left out, in words for SOURCES.md."""
    if code.startswith("E47"):
        return "combined authority (E47): not in the area table"
    if code.startswith("E13"):
        return "Inner or Outer London (E13): not in the area table"
    if code.startswith("K02"):
        return "United Kingdom (K02): not in the area table"
    if code.startswith("K"):
        return f"{code[:3]} aggregate (e.g. K99 'Outside of England and Unknown'): not in the area table"
    if code.startswith(("W", "S", "N")):
        return "Wales, Scotland or Northern Ireland area"
    return "area abolished or merged in a reorganisation (no single current successor)"


def iso_period(label: str) -> tuple[str, str]:
    """The ISO interval as it reads: 1 Sep/1 Aug start = academic, 1 April = financial."""
    return model.period(label)


def looked_after_period(label: str) -> tuple[str, str]:
    """ "2018-04-01/P1Y" → academic 2018/19.

    ELS keys this series by the financial year ending 31 March (FYE 2019 for 2018-04-01/P1Y):
    children looked after for 12 months at 31 March 2019. DfE measures their absence over the
    academic year 2018/19 (time_period 201819 in the outcomes file, with the same figures), and
    the interval 2019-04-01/P1Y is 'x' everywhere, matching DfE's missing 2019/20 absence year.
    """
    match = re.fullmatch(r"(\d{4})-04-01/P1Y", label.strip())
    if not match:
        raise ValueError(f"looked-after absence period {label!r} is not a 1 April one-year interval")
    first = int(match.group(1))
    return model.period(f"{first}/{(first + 1) % 100:02d}", "academic")


def value_note(row: dict[str, str]) -> str:
    """The row's notes, less ELS's "Obsolete code since ..." (the code is resolved, so it no longer applies)."""
    notes = [row[column].strip() for column in row if column == "notes" or column.startswith("notes.")]
    return "; ".join(note for note in notes if note and not note.startswith("Obsolete code"))


# ------------------------------------------------------------------ one file


def els_part(raw: Path, areas: AreaBook, spec: ElsFile) -> SourcePart:
    """Every row of one ELS file: written, or counted with its reason."""
    file = f"ons_els_{spec.stem}.csv"
    frame = read_raw(raw / file)
    meta = read_metadata(raw, spec.stem)
    origin = f" Figures from {meta['sourceOrg']} ({meta['sourceURL']})." if meta.get("sourceOrg") else ""
    part = SourcePart(
        meta=SourceMeta(
            key=f"ons-els-{spec.stem}",
            publisher=PUBLISHER,
            title=f"Explore Local Statistics: {spec.title}",
            file=file,
            url=URL,
            repository=f"{REPO} @ {spec.commit}",
            note=f"{spec.note}{origin}",
        ),
        observations=model.empty_observations(),
        indicators=list(spec.indicators),
        indicator_codes=[
            {
                "scheme": SCHEME,
                "code": spec.stem,
                "indicator_id": target.indicator_id,
                "note": label if target.dimension == model.TOTAL else f"{label} (breakdown {target.dimension} = {target.value})",
            }
            for label, target in spec.targets.items()
        ],
        raw_rows=len(frame),
    )
    rule: PeriodRule = looked_after_period if spec.period_rule == "looked_after" else iso_period
    ranked: list[tuple[bool, dict[str, str]]] = []
    for index, row in zip(frame.index, text_records(frame)):
        record = els_record(part, areas, spec, rule, row, int(index) + 2)
        if record is not None:
            ranked.append((row["areacd"].strip() == record["area_code"], record))
    part.observations = model.frame(model.keep_first(part, ranked))
    return part


def els_record(
    part: SourcePart, areas: AreaBook, spec: ElsFile, rule: PeriodRule, row: dict[str, str], line: int
) -> dict[str, str] | None:
    """One ELS row as an observation, or None (counted in ``part.dropped``)."""
    target = spec.targets.get(row["indicator"].strip())
    if target is None:
        part.drop(f"indicator not loaded: {row['indicator']}")
        return None
    if row["measure"].strip() != "Percentage":
        part.drop(f"measure not loaded: {row['measure']}")
        return None
    code = row["areacd"].strip()
    area = areas.resolve(code)
    if area is None:
        part.drop(area_drop_reason(code))
        return None
    period_type, period_label = rule(row["period"])
    if period_type != target.period_type:
        raise ValueError(
            f"{spec.stem} line {line}: period {row['period']!r} reads as {period_type}, but "
            f"{target.indicator_id} is {target.period_type}"
        )
    value = row["observation"].strip().replace(",", "")
    symbol = row["status"].strip()
    if symbol and symbol not in STATUS:
        raise ValueError(f"{spec.stem} line {line}: unknown ELS status {symbol!r}")
    status = STATUS.get(symbol, "")
    if value and not model.is_number(value):
        part.drop(f"observation is not a number ({value!r})")
        return None
    if not value and not status:
        status = "x"
    return {
        "indicator_id": target.indicator_id,
        "area_code": area,
        "period_type": period_type,
        "period_label": period_label,
        "breakdown_dimension": target.dimension,
        "breakdown_value": target.value,
        "value": value,
        "lower_ci95": row["lci_95"].strip(),
        "upper_ci95": row["uci_95"].strip(),
        "status": status,
        "value_note": value_note(row),
        "source_line": str(line),
    }
