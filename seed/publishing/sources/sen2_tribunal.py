"""The SEND Tribunal appeal rate by council, 2014-2024 (MoJ/HMCTS appeals over DfE SEN2 decisions).

Why its own reader: the file is a spreadsheet saved as CSV, not an EES data set. It has a title
line, blank lines, two header lines (years, then measures with footnote digits glued on),
region headings in capitals with no figures, councils by name with the OLD DfE LA number in
``LA code`` (Hertfordshire 919), an England total line, footnotes (one with line breaks inside a
cell), and its own symbols: ``-`` none (the appeals are 0 and the rate prints 0.00%), ``~``
suppressed, ``..`` not available. So every line is read with ``csv`` and its physical line
number, and every line not carried is counted with its reason.

* Councils are found by NAME, and the old DfE number is only a cross-check: the file's numbers are
  wrong in places (Northamptonshire 892, Nottingham 891, Nottinghamshire 928, Cambridgeshire 823
  and Central Bedfordshire 873 are shifted or swapped against DfE's own list), so trusting the
  number would put Northamptonshire's appeals on Nottingham. A line whose number names another
  council is counted in SOURCES.md. Buckinghamshire, North Yorkshire and Somerset land on
  today's unitary codes; names with no current area (Cumbria, Northamptonshire, Bournemouth,
  Poole) are not carried, named.
* Dorset (838) before 2019 is the old county, which is not today's Dorset (footnote 6), so its
  2014-2018 figures are not carried.
* ``..`` becomes status ``x`` (not available); ``~`` stays ``~``; a blank is ``x``.
* The 2024 "In development" measure (decisions counted a new way) is not carried.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import re
from pathlib import Path

from seed.publishing import model
from seed.publishing.areas import ENGLAND, AreaBook
from seed.publishing.model import SourceMeta, SourcePart
from seed.publishing.sources.csc import Row

FILE = "send/sen2_2025_send_tribunals_appeal_rate_2014_2024.csv.gz"
RATE = "send-tribunal-appeal-rate"
APPEALS = "appeals registered"
DECISIONS = "total appealable decisions"
RATE_HEADER = "send tribunal appeal rate"
OLD_DORSET = ("838", 2019)  # DfE number, first year on today's boundary
_FOOTNOTE_DIGITS = re.compile(r"[\d,]+$")

LINE_OTHER = "title, blank, header, footnote or symbol-key line (no figures)"
LINE_REGION = "region heading line (no figures; the file gives no regional totals)"
LINE_ENGLAND_EX = "'England total excluding suppressed' line (2024 only; the England total line is kept)"
NO_AREA = "council with no single current successor"
NUMBER_DISAGREES = "Lines whose old LA number is another council's, matched by name and carried"
#: The file's names for councils the area book names otherwise.
NAMES = {"Durham": "County Durham", "Herefordshire": "Herefordshire, County of"}
DORSET = "council-years: old Dorset county before the 2019 boundary change, not today's Dorset"
NOT_AVAILABLE = "council-years not available ('..' or blank in all three columns)"


def indicator() -> dict[str, str]:
    row = {
        "id": RATE,
        "name": "SEND Tribunal appeal rate",
        "short_name": "SEND Tribunal appeal rate",
        "definition": "Appeals registered with the SEND Tribunal in the calendar year as a percentage of the council's "
        "total appealable decisions (decisions not to assess, not to issue a plan, and plans issued, amended or "
        "ceased, from SEN2). Appeals: MoJ/HMCTS; decisions: DfE SEN2. Caution comparing decisions from 2023 "
        "with earlier years (the new SEN2 collection).",
        "unit": "%",
        "value_type": "percentage",
        "polarity": "lower_better",
        "ci_method": "wilson",
        "period_type": "calendar",
        "decimals": "1",
        "topic": "SEND",
        "publisher": "MoJ and DfE (SEND Tribunal appeal rate)",
        "source_key": "",
        "fingertips_id": "",
        "dfe_code": "",
        "gap_phase": "",
    }
    assert tuple(row) == model.INDICATOR_COLUMNS
    return row


def lines(path: Path) -> list[tuple[int, list[str]]]:
    """(physical line where the record starts, cells) for every CSV record of the file."""
    text = gzip.decompress(path.read_bytes()).decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    out = []
    start = 1
    for record in reader:
        out.append((start, record))
        start = reader.line_num + 1
    return out


def _measure(header: str) -> str:
    """'Appeals registered4' → 'appeals registered'; '"Total Appealable Decisions1,9"' → 'total appealable decisions'."""
    return _FOOTNOTE_DIGITS.sub("", header.strip()).strip().lower()


def columns(years: list[str], measures: list[str]) -> dict[int, tuple[int, int, int]]:
    """Year → (appeals, decisions, rate) column positions, from the two header lines."""
    found: dict[int, tuple[int, int, int]] = {}
    for i, year in enumerate(years):
        if not year.strip().isdigit():
            continue
        names = [_measure(m) for m in measures[i : i + 3]]
        if names != [APPEALS, DECISIONS, RATE_HEADER]:
            raise ValueError(f"{FILE}: year {year} columns are {names}, not appeals, decisions and rate")
        found[int(year)] = (i, i + 1, i + 2)
    if sorted(found) != list(range(2014, 2025)):
        raise ValueError(f"{FILE}: years {sorted(found)}, expected 2014-2024")
    return found


def figure(text: str) -> tuple[str, str]:
    """(value, status) of one cell: a number (commas and % dropped), '-' → '0', '~' → '~', '..'/blank → 'x'."""
    stripped = text.strip().replace(",", "").removesuffix("%")
    if stripped == "-":
        return "0", ""
    if stripped == "~":
        return "", "~"
    if stripped in {"..", ""}:
        return "", "x"
    if model.is_number(stripped):
        return stripped, ""
    raise ValueError(f"{FILE}: unexpected cell {text!r}")


def build(raw: Path, areas: AreaBook) -> SourcePart:
    records = lines(raw / FILE)
    part = SourcePart(meta=_meta(), observations=model.empty_observations(), indicators=[indicator()])
    header = next(i for i, (_, cells) in enumerate(records) if cells and cells[0].strip() == "Local Authority")
    years = columns(records[header][1], records[header + 1][1])
    kept: list[Row] = []
    named: dict[str, set[str]] = {}
    disagreements: set[str] = set()
    for index, (line, cells) in enumerate(records):
        name = cells[0].strip() if cells else ""
        number = cells[1].strip() if len(cells) > 1 else ""
        has_figures = len(cells) > 2 and any(c.strip() for c in cells[2:])
        if index <= header + 1 or not has_figures:
            part.drop(LINE_REGION if name and name.isupper() and not number else LINE_OTHER)
            continue
        if name.lower().startswith("england total excluding"):
            part.drop(LINE_ENGLAND_EX)
            continue
        code = _area_of(name, number, areas, disagreements)
        if code is None:
            named.setdefault(NO_AREA, set()).add(f"{_FOOTNOTE_DIGITS.sub('', name)} {number}".strip())
            part.drop(NO_AREA)
            continue
        kept.extend(_year_rows(part, line, cells, code, number, years))
    if disagreements:
        note = f" {NUMBER_DISAGREES}: {'; '.join(sorted(disagreements))}."
        part.meta = dataclasses.replace(part.meta, note=part.meta.note + note)
    part.raw_rows = len(records)
    # reasons starting "council-years" count years of a kept line; the others count whole lines
    for reason, names in named.items():
        rows = part.dropped.pop(reason)
        part.drop(f"{reason} ({'; '.join(sorted(names))})", rows)
    part.observations = model.frame(kept)
    return part


def _meta() -> SourceMeta:
    return SourceMeta(
        key="moj-dfe-send-tribunal",
        publisher="Ministry of Justice and Department for Education",
        title="SEND Tribunal appeal rate by local authority, 2014-2024 (SEND appeal rate table 1)",
        file=FILE,
        url="https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans",
        repository="MastodonC/witan.sen2 @ 104e12d6b2778f57fcc023a882ed2cf3ffac0e76",
        note="Appeals registered with the SEND Tribunal over total appealable decisions, calendar years 2014-2024, "
        "for each council by its old DfE LA number and for England. '-' (no appeals) is carried as 0 with "
        "the printed 0.00% rate; '~' (suppressed) and '..' (not available) as status symbols. The 2024 "
        "'In development' decisions measure is not carried.",
    )


def _area_of(name: str, number: str, areas: AreaBook, disagreements: set[str]) -> str | None:
    """The line's area code by its name (England, or a council); a name whose old DfE number points
    elsewhere is noted in ``disagreements`` (the name wins)."""
    if name.lower().startswith("england total"):
        return ENGLAND
    clean = _FOOTNOTE_DIGITS.sub("", name).strip()
    code = areas.by_name(NAMES.get(clean, clean))
    if code is not None and code != (areas.by_dfe(number) if number.isdigit() else code):
        disagreements.add(f"{clean} {number}")
    return code


def _year_rows(
    part: SourcePart, line: int, cells: list[str], code: str, number: str, years: dict[int, tuple[int, int, int]]
) -> list[Row]:
    """One row per year of a council's line; years before the old Dorset's end, or with nothing published, are dropped."""
    kept: list[Row] = []
    for year, (a, d, r) in years.items():
        if number == OLD_DORSET[0] and year < OLD_DORSET[1]:
            part.drop(DORSET)
            continue
        value, status = figure(cells[r])
        appeals, _ = figure(cells[a])
        decisions, _ = figure(cells[d])
        if value == "" and status == "x" and appeals == "" and decisions == "":
            part.drop(NOT_AVAILABLE)
            continue
        kept.append(
            {
                "indicator_id": RATE,
                "area_code": code,
                "period_type": "calendar",
                "period_label": str(year),
                "value": value,
                "status": status,
                "count": appeals,
                "denominator": decisions,
                "source_line": str(line),
            }
        )
    return kept
