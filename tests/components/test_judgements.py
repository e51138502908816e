"""Inspection judgements in words: JAR/APA grades spelled out on their own scale."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from components.judgements import judgement_table_frame, judgement_words

JAR = {
    "framework": "Joint Area Review 2007",
    "scale": "JAR/APA 1-4 (4 = outstanding … 1 = inadequate)",
    "scale_direction": "higher_better",
}


def test_jar_grade_is_given_in_words_on_its_own_scale() -> None:
    words = judgement_words({**JAR, "grade": 3, "label": "good"})
    assert words.startswith("Grade 3 of 4 (good) on the JAR scale, where 4 is outstanding")
    assert "not today's Ofsted scale" in words


def test_apa_and_verbal_judgements() -> None:
    apa = judgement_words(
        {
            "framework": "Annual Performance Assessment 2006",
            "scale": JAR["scale"],
            "scale_direction": "higher_better",
            "grade": 3,
            "label": "good",
        }
    )
    assert "on the APA scale" in apa
    assert (
        judgement_words({"framework": "Inspection 2010", "grade": None, "label": "adequate and improving"})
        == "Adequate and improving (in words; no numbered grade)"
    )


def test_table_is_oldest_first_with_source_lines() -> None:
    frame = pd.DataFrame(
        [
            {
                **JAR,
                "body": "Ofsted",
                "aspect": "safeguarding",
                "grade": 1,
                "label": "inadequate",
                "judged_on": dt.date(2007, 8, 14),
                "period_label": "2007",
                "source_title": "JAR",
                "source_line": "109",
            },
            {
                "framework": "APA 2006",
                "scale": None,
                "scale_direction": None,
                "body": "Ofsted",
                "aspect": "overall",
                "grade": None,
                "label": "good",
                "judged_on": None,
                "period_label": "2006 (APA)",
                "source_title": "JAR",
                "source_line": "385",
            },
        ]
    )
    table = judgement_table_frame(frame)
    assert table["when"].tolist() == ["2006 (APA)", "14 August 2007"]
    assert table["source"].tolist() == ["JAR, line 385", "JAR, line 109"]
    assert table["judgement"].iloc[1].startswith("Grade 1 of 4 (inadequate) on the JAR scale")
