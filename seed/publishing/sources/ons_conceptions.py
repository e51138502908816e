"""ONS Conceptions in England and Wales 2017, Table 6: under-18 conceptions 1998-2017.

Why this file: it is the only source with under-18 conception rates for shire districts, and it
carries the whole 1998-2017 series on 2017 geography. The table is long format, one row per
area, year and measure; the rate row becomes the observation and the same area-year's number
of conceptions is its ``count`` (and the denominator of the % leading to abortion).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from seed.publishing import model
from seed.publishing.areas import AreaBook
from seed.publishing.model import SourceMeta, SourcePart

FILE = "ons_conceptions2017_table6_under18_1998_2017.csv.gz"
KEY = "ons-conceptions-2017-table6"
REPO = "StatsRhian/gmhsc-workshop-1 @ fb12e58f903af5947c22a0d5305a51dbf515cf45"
URL = (
    "https://www.ons.gov.uk/peoplepopulationandcommunity/birthsdeathsandmarriages/conceptionandfertilityrates/"
    "datasets/conceptionstatisticsenglandandwalesreferencetables"
)

CODE, PERIOD_RAW, PERIOD, MEASURE, VALUE, FLAG = range(6)
COLUMNS = {
    CODE: "Area code",
    PERIOD_RAW: "Period (verbatim header; trailing digit = footnote number, e.g. 20175 = 2017 note 5)",
    PERIOD: "Period (clean) [added]",
    MEASURE: "Measure (verbatim header)",
    VALUE: "Value",
    FLAG: "Flag (u = low reliability, c = confidential, blank = none)",
}
NUMBER = "Number of Conceptions"
RATE = "Conception rate per 1,000 women in age group"
ABORTION_PERCENT = "Percentage of conceptions leading to abortion"
#: Measures loaded: the measure's text → indicator id.
LOADED = {RATE: "u18-conceptions", ABORTION_PERCENT: "u18-conceptions-abortion-percent"}
NOT_LOADED = {
    "Maternity rate per 1,000 women in age group": "maternity rate per 1,000 women aged 15-17 not loaded",
    "Abortion rate per 1,000 women in age group": "abortion rate per 1,000 women aged 15-17 not loaded",
}
REASON_NUMBER = "number of conceptions: carried as the count of the rate row and the denominator of the % leading to abortion row"
REASON_REPEAT = "repeats an earlier row's area, period and measure (first kept)"
FLAGS = {"u": "u", "c": "c"}


def abortion_indicator() -> dict[str, str]:
    """% of under-18 conceptions leading to abortion: a context measure, neither direction is better."""
    row = {
        "id": "u18-conceptions-abortion-percent",
        "name": "Under-18 conceptions leading to abortion",
        "short_name": "U18 conceptions to abortion",
        "definition": "Percentage of conceptions to women aged under 18 in the calendar year that led to a legal "
        "abortion (the rest led to a maternity). Date of conception sets the year.",
        "unit": "%",
        "value_type": "percentage",
        "polarity": "no_judgement",
        "ci_method": "none",
        "period_type": "calendar",
        "decimals": "1",
        "topic": "Health",
        "publisher": "ONS (Conception statistics)",
        "source_key": "",
        "fingertips_id": "",
        "dfe_code": "",
        "gap_phase": "",
    }
    return {column: row[column] for column in model.INDICATOR_COLUMNS}


def read_raw(raw: Path) -> pd.DataFrame:
    """Every cell as text; no embedded newlines, so the decompressed line is index + 2."""
    frame = pd.read_csv(raw / FILE, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [name for name in COLUMNS.values() if name not in frame.columns]
    if missing:
        raise ValueError(f"{FILE}: expected columns missing {missing}")
    return frame


def area_drop_reason(code: str) -> str:
    """Why a code AreaBook.resolve does not know is left out, in words for SOURCES.md."""
    if "," in code:
        return "combined areas (Hackney with City of London, Cornwall with Isles of Scilly): no single current area"
    if code.startswith("E11"):
        return "metropolitan county (E11): not in the area table"
    if code.startswith("E13"):
        return "Inner or Outer London (E13): not in the area table"
    return "area abolished or merged in a reorganisation (no single current successor)"


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """One part: the conception rate (with its count) and the % leading to abortion."""
    frame = read_raw(raw)
    part = SourcePart(
        meta=SourceMeta(
            key=KEY,
            publisher="Office for National Statistics",
            title="Conceptions in England and Wales: 2017 (Table 6)",
            file=FILE,
            url=URL,
            published_on="",
            repository=REPO,
            note="Table 6 (released April 2019), reshaped to long by the repository: under-18 conception rate per "
            "1,000 women aged 15-17 with the number of conceptions as its count, and the % leading to "
            "abortion; maternity and abortion rates, combined, metropolitan-county, Inner/Outer London and "
            "abolished areas dropped. Flag u = low reliability.",
        ),
        observations=model.empty_observations(),
        indicators=[abortion_indicator()],
        indicator_codes=[
            {
                "scheme": "ONS conceptions Table 6",
                "code": measure,
                "indicator_id": indicator,
                "note": "under-18 conceptions, England and Wales reference tables",
            }
            for measure, indicator in LOADED.items()
        ],
        raw_rows=len(frame),
    )
    rows = [
        (int(index) + 2, [str(row[COLUMNS[i]]) for i in range(6)]) for index, row in zip(frame.index, frame.to_dict("records"))
    ]
    numbers = conception_numbers(rows)
    ranked: list[tuple[bool, dict[str, str]]] = []
    for line, cells in rows:
        record = conception_record(part, areas, numbers, line, cells)
        if record is not None:
            ranked.append((cells[CODE].strip() == record["area_code"], record))
    part.observations = model.frame(model.keep_first(part, ranked, REASON_REPEAT))
    return [part]


def conception_numbers(rows: Iterable[tuple[int, list[str]]]) -> dict[tuple[str, str], str]:
    """(source area code, year) → the published number of conceptions, for the count column."""
    numbers: dict[tuple[str, str], str] = {}
    for _line, cells in rows:
        if cells[MEASURE] == NUMBER:
            numbers.setdefault((cells[CODE].strip(), cells[PERIOD].strip()), cells[VALUE].strip().replace(",", ""))
    return numbers


def conception_record(
    part: SourcePart, areas: AreaBook, numbers: dict[tuple[str, str], str], line: int, cells: list[str]
) -> dict[str, str] | None:
    """One rate or % row as an observation, or None (counted in ``part.dropped``)."""
    code = cells[CODE].strip()
    area = areas.resolve(code)
    if area is None:
        part.drop(area_drop_reason(code))
        return None
    measure = cells[MEASURE]
    if measure == NUMBER:
        part.drop(REASON_NUMBER)
        return None
    if measure not in LOADED:
        part.drop(NOT_LOADED.get(measure, f"measure not loaded: {measure}"))
        return None
    year = cells[PERIOD].strip()
    if not cells[PERIOD_RAW].startswith(year):
        raise ValueError(f"{FILE} line {line}: clean period {year!r} does not match {cells[PERIOD_RAW]!r}")
    period_type, period_label = model.period(year, "calendar")
    value = cells[VALUE].strip().replace(",", "")
    flag = cells[FLAG].strip()
    if flag and flag not in FLAGS:
        raise ValueError(f"{FILE} line {line}: unknown flag {flag!r}")
    if value and not model.is_number(value):
        part.drop(f"value is not a number ({value!r})")
        return None
    status = FLAGS.get(flag, "") or ("" if value else "x")
    note = "no figure printed, flagged u (low reliability)" if not value and flag == "u" else ""
    number = numbers.get((code, year), "")
    record = {
        "indicator_id": LOADED[measure],
        "area_code": area,
        "period_type": period_type,
        "period_label": period_label,
        "value": value,
        "status": status,
        "value_note": note,
        "source_line": str(line),
    }
    if measure == RATE:
        record["count"] = number
    else:
        record["denominator"] = number
    return record
