"""Inspection history: judgements in words, with their grade scale spelled out.

Why spell the scale out every time: the 2007 Joint Area Review and the Annual Performance
Assessment graded 4 = outstanding … 1 = inadequate, the reverse of today's Ofsted grades
(1 = outstanding). A bare "grade 3" would be read the wrong way round in a board paper.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd
from dash import html

from analytics.frames import frame_records
from components.attrs import attrs
from components.tables import data_table

JUDGEMENT_COLUMNS = [
    ("when", "When"),
    ("inspection", "Inspection"),
    ("aspect", "Aspect judged"),
    ("judgement", "Judgement"),
    ("source", "Source"),
]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def scale_name(framework: str, scale: str) -> str:
    """A short name for the grade scale: 'JAR', 'APA', or the scale as stored."""
    text = f"{framework} {scale}".lower()
    if "annual performance" in text or framework.upper().startswith("APA"):
        return "APA"
    if "joint area review" in text or "jar" in text:
        return "JAR"
    return scale or "inspection"


def judgement_words(row: dict[str, Any]) -> str:
    """E.g. 'Grade 3 of 4 (good) on the JAR scale, where 4 is outstanding — not today's Ofsted scale'."""
    label = _text(row.get("label"))
    grade = row.get("grade")
    has_grade = grade is not None and not (isinstance(grade, float) and pd.isna(grade))
    if grade is None or not has_grade:
        return f"{label[:1].upper()}{label[1:]} (in words; no numbered grade)" if label else "Not recorded"
    grade_number = int(float(grade))
    name = scale_name(_text(row.get("framework")), _text(row.get("scale")))
    direction = _text(row.get("scale_direction")) or "higher_better"
    if direction == "higher_better":
        best = "4 is outstanding and 1 is inadequate"
        caveat = " — not today's Ofsted scale, where 1 is outstanding" if name in {"JAR", "APA"} else ""
    else:
        best = "1 is outstanding and 4 is inadequate"
        caveat = ""
    label_part = f" ({label})" if label else ""
    return f"Grade {grade_number} of 4{label_part} on the {name} scale, where {best}{caveat}"


def _when(row: dict[str, Any]) -> str:
    judged = row.get("judged_on")
    period = _text(row.get("period_label"))
    if isinstance(judged, (dt.date, dt.datetime)):
        shown = f"{judged.day} {judged:%B %Y}"
    elif _text(judged):
        try:
            parsed = dt.date.fromisoformat(_text(judged)[:10])
            shown = f"{parsed.day} {parsed:%B %Y}"
        except ValueError:
            shown = _text(judged)
    else:
        shown = ""
    return shown or period or "Date not stated"


def _sort_year(row: dict[str, Any]) -> tuple[int, str]:
    for candidate in (_text(row.get("judged_on")), _text(row.get("period_label"))):
        found = re.search(r"(19|20)\d{2}", candidate)
        if found:
            return int(found.group(0)), candidate
    return 9999, ""


def judgement_table_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Pre-formatted rows, oldest inspection first."""
    records = sorted(frame_records(frame), key=_sort_year)
    rows = []
    for record in records:
        line = _text(record.get("source_line"))
        title = _text(record.get("source_title"))
        rows.append(
            {
                "when": _when(record),
                "inspection": f"{_text(record.get('framework'))} ({_text(record.get('body'))})",
                "aspect": _text(record.get("aspect")),
                "judgement": judgement_words(record),
                "source": f"{title}, line {line}" if line else title,
            }
        )
    return pd.DataFrame(rows, columns=[c for c, _ in JUDGEMENT_COLUMNS])


def judgement_history(frame: pd.DataFrame, *, area_name: str, table_id: str = "area-judgements") -> html.Section:
    """The inspection-history section: a scale warning, then the table (or a plain 'none')."""
    heading = html.H2("Inspection history", id="inspection-history", className="h3 mt-4")
    if frame.empty:
        return html.Section(
            [heading, html.P(f"We hold no inspection judgements for {area_name}.")],
            **attrs({"aria-labelledby": "inspection-history"}),
        )
    rows = judgement_table_frame(frame)
    graded = frame["grade"].notna().any() if "grade" in frame else False
    notes = (
        [
            html.P(
                [
                    html.Strong("Read grades with their scale. "),
                    "The 2007 Joint Area Review (JAR) and the Annual Performance Assessment (APA) graded services from "
                    "4 = outstanding to 1 = inadequate: the reverse of today's Ofsted grades, where 1 is outstanding. "
                    "Other judgements were given in words only.",
                ],
                className="chart-note",
            )
        ]
        if graded
        else [html.P("These judgements were given in words; none carries a numbered grade.", className="chart-note")]
    )
    return html.Section(
        [
            heading,
            *notes,
            data_table(
                rows, JUDGEMENT_COLUMNS, caption=f"Inspection judgements for {area_name}, oldest first", table_id=table_id
            ),
        ],
        **attrs({"aria-labelledby": "inspection-history"}),
    )
