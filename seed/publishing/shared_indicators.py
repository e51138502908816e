"""Indicators that more than one source fills, defined once.

Why here: the same measure arrives from two publishers (LAIT republishes the DfE and OHID
series; the ONS Explore Local Statistics files add districts). Each is one indicator with
both sources, never two entries shown side by side, so its definition lives in one place
and every source module refers to it by id. The sixteen core ids (``u18-conceptions`` …)
are defined in ``seed/data/indicators.csv`` and are not repeated here.
"""

from __future__ import annotations

from seed.publishing.model import INDICATOR_COLUMNS

#: One topic list. LAIT's dictionary names some topics differently from the plans and the other
#: sources; each near-duplicate is folded into the one name the plans use, so a reader never
#: sees "Health" beside "Health and Wellbeing". The topic pages read only the folded names.
TOPIC_ALIASES = {
    "Health and Wellbeing": "Health",
    "Children's Services Workforce": "Workforce",
    "Contextual\\Other": "Context",
    "Youth Offending": "Youth justice",
    # LAIT's SEN measures and the SEN2 return's are one subject: one topic page, not two
    "Children with SEN": "SEND",
}


def topic_name(topic: str) -> str:
    """The one name of a topic (``TOPIC_ALIASES``); unknown names pass through unchanged."""
    return TOPIC_ALIASES.get(topic.strip(), topic.strip())


def indicator_row(
    id: str,
    name: str,
    short_name: str,
    definition: str,
    unit: str,
    value_type: str,
    polarity: str,
    period_type: str,
    topic: str,
    publisher: str,
    decimals: int = 1,
    ci_method: str = "none",
    fingertips_id: str = "",
    dfe_code: str = "",
) -> dict[str, str]:
    row = {
        "id": id,
        "name": name,
        "short_name": short_name,
        "definition": definition,
        "unit": unit,
        "value_type": value_type,
        "polarity": polarity,
        "ci_method": ci_method,
        "period_type": period_type,
        "decimals": str(decimals),
        "topic": topic,
        "publisher": publisher,
        "source_key": "",
        "fingertips_id": fingertips_id,
        "dfe_code": dfe_code,
        "gap_phase": "",
    }
    assert tuple(row) == INDICATOR_COLUMNS
    return row


DFE_CLA = "DfE (Children looked after in England including adoptions)"
DFE_CSWW = "DfE (Children's social work workforce)"
PCT = "%"

COMMON: list[dict[str, str]] = [
    indicator_row(
        "cla-three-plus-placements",
        "Children looked after with three or more placements during the year",
        "CLA 3+ placements",
        "Percentage of children looked after at 31 March who had three or more placements during the year "
        "(DfE placement stability measure).",
        PCT,
        "percentage",
        "lower_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "cla-long-term-placement-stability",
        "Long-term placement stability of children looked after",
        "CLA long-term stability",
        "Percentage of children aged under 16 looked after continuously for at least 2.5 years at 31 March "
        "who had been living in the same placement for at least 2 years.",
        PCT,
        "percentage",
        "higher_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "care-leavers-19-21-suitable-accommodation",
        "Care leavers aged 19-21 in suitable accommodation",
        "Care leavers 19-21 suitable accommodation",
        "Percentage of care leavers aged 19 to 21 whose accommodation was considered suitable, of all care "
        "leavers of that age (DfE, around their birthday in the year).",
        PCT,
        "percentage",
        "higher_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "care-leavers-17-18-suitable-accommodation",
        "Care leavers aged 17-18 in suitable accommodation",
        "Care leavers 17-18 suitable accommodation",
        "Percentage of care leavers aged 17 to 18 whose accommodation was considered suitable.",
        PCT,
        "percentage",
        "higher_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "care-leavers-19-21-eet",
        "Care leavers aged 19-21 in education, employment or training",
        "Care leavers 19-21 EET",
        "Percentage of care leavers aged 19 to 21 in education, employment or training, of all care leavers of that age.",
        PCT,
        "percentage",
        "higher_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "care-leavers-17-18-eet",
        "Care leavers aged 17-18 in education, employment or training",
        "Care leavers 17-18 EET",
        "Percentage of care leavers aged 17 to 18 in education, employment or training.",
        PCT,
        "percentage",
        "higher_better",
        "financial",
        "Social care",
        DFE_CLA,
    ),
    indicator_row(
        "cla-ceased-returned-home",
        "Children who ceased to be looked after and returned home",
        "CLA returned home",
        "Number of children who ceased to be looked after during the year because they returned home to live "
        "with parents or another person with parental responsibility (as part of the care plan or not).",
        "children",
        "count",
        "no_judgement",
        "financial",
        "Social care",
        DFE_CLA,
        decimals=0,
    ),
    indicator_row(
        "sw-agency-rate",
        "Agency child and family social workers",
        "Agency social workers",
        "Agency (FTE) child and family social workers at 30 September as a percentage of all (FTE) social "
        "workers, agency and employed.",
        PCT,
        "percentage",
        "lower_better",
        "snapshot",
        "Workforce",
        DFE_CSWW,
    ),
    indicator_row(
        "sw-turnover-rate",
        "Child and family social worker turnover",
        "Social worker turnover",
        "FTE children and family social workers leaving in the year to 30 September as a percentage of FTE "
        "social workers in post.",
        PCT,
        "percentage",
        "lower_better",
        "snapshot",
        "Workforce",
        DFE_CSWW,
    ),
    indicator_row(
        "sw-vacancy-rate",
        "Child and family social worker vacancies",
        "Social worker vacancies",
        "FTE vacancies at 30 September as a percentage of FTE vacancies plus FTE social workers in post.",
        PCT,
        "percentage",
        "lower_better",
        "snapshot",
        "Workforce",
        DFE_CSWW,
    ),
    indicator_row(
        "sw-absence-rate",
        "Child and family social worker sickness absence",
        "Social worker absence",
        "Working days lost to sickness absence in the year to 30 September as a percentage of working days available (FTE).",
        PCT,
        "percentage",
        "lower_better",
        "snapshot",
        "Workforce",
        DFE_CSWW,
    ),
    indicator_row(
        "sw-caseload",
        "Average caseload of child and family social workers",
        "Social worker caseload",
        "Cases held at 30 September divided by FTE case-holding social workers.",
        "cases per social worker",
        "mean",
        "lower_better",
        "snapshot",
        "Workforce",
        DFE_CSWW,
    ),
    indicator_row(
        "child-poverty-relative-low-income",
        "Children in relative low income families (before housing costs)",
        "Child poverty (BHC)",
        "Percentage of children aged under 16 living in relative low income families (below 60% of median "
        "income before housing costs, receiving benefits), DWP Children in Low Income Families.",
        PCT,
        "percentage",
        "lower_better",
        "financial",
        "Context",
        "DWP (Children in low income families)",
    ),
    indicator_row(
        "child-poverty-relative-low-income-ahc",
        "Children in relative low income families (after housing costs)",
        "Child poverty (AHC)",
        "Percentage of children aged under 16 living in relative low income families after housing costs "
        "(DWP Children in Low Income Families).",
        PCT,
        "percentage",
        "lower_better",
        "financial",
        "Context",
        "DWP (Children in low income families)",
    ),
    indicator_row(
        "eyfs-communication-language",
        "EYFS: expected level in communication and language",
        "EYFS communication and language",
        "Percentage of children at the end of Reception at the expected level in the communication and "
        "language early learning goals.",
        PCT,
        "percentage",
        "higher_better",
        "academic",
        "Education",
        "DfE (EYFS Profile results)",
    ),
    indicator_row(
        "eyfs-literacy",
        "EYFS: expected level in literacy",
        "EYFS literacy",
        "Percentage of children at the end of Reception at the expected level in the literacy early learning goals.",
        PCT,
        "percentage",
        "higher_better",
        "academic",
        "Education",
        "DfE (EYFS Profile results)",
    ),
    indicator_row(
        "eyfs-maths",
        "EYFS: expected level in mathematics",
        "EYFS mathematics",
        "Percentage of children at the end of Reception at the expected level in the mathematics early learning goals.",
        PCT,
        "percentage",
        "higher_better",
        "academic",
        "Education",
        "DfE (EYFS Profile results)",
    ),
    indicator_row(
        "persistent-absence-looked-after",
        "Persistent absence of children looked after",
        "Persistent absence (CLA)",
        "Percentage of children looked after (12 months at 31 March) who were persistent absentees (missing "
        "10% or more of possible sessions).",
        PCT,
        "percentage",
        "lower_better",
        "academic",
        "Education",
        "DfE (Outcomes for children in need, including children looked after)",
    ),
]
# DfE's own files (seed.publishing.sources.csc) and LAIT both publish these four
_PER_10K = "per 10,000 children aged under 18"
_NCCIS = "DfE (NCCIS)"
_DEC_FEB = " averaged over December to February; the year is the year the average ends."
COMMON += [
    indicator_row(
        "cla-starting-rate",
        "Children starting to be looked after per 10,000",
        "CLA starting rate",
        "Children who started to be looked after by the local authority during the year ending 31 March, "
        "per 10,000 children aged under 18.",
        _PER_10K,
        "rate_per_10000",
        "ambiguous",
        "financial",
        "Social care",
        DFE_CLA,
        0,
        "byar",
    ),
    indicator_row(
        "cla-ceasing-rate",
        "Children ceasing to be looked after per 10,000",
        "CLA ceasing rate",
        "Children who ceased to be looked after by the local authority during the year ending 31 March, "
        "per 10,000 children aged under 18.",
        _PER_10K,
        "rate_per_10000",
        "ambiguous",
        "financial",
        "Social care",
        DFE_CLA,
        0,
        "byar",
    ),
    indicator_row(
        "neet-only-16-17",
        "16-17 year olds not in education, employment or training (NEET)",
        "NEET 16-17",
        "Percentage of 16 and 17 year olds known to the local authority who are not in education, "
        "employment or training," + _DEC_FEB,
        PCT,
        "percentage",
        "lower_better",
        "calendar",
        "Education",
        _NCCIS,
        1,
        "none",
    ),
    indicator_row(
        "neet-activity-not-known-16-17",
        "16-17 year olds whose activity is not known",
        "Activity not known 16-17",
        "Percentage of 16 and 17 year olds known to the local authority whose education, employment or "
        "training activity is not known," + _DEC_FEB,
        PCT,
        "percentage",
        "lower_better",
        "calendar",
        "Education",
        _NCCIS,
        1,
        "none",
    ),
]
COMMON_IDS = frozenset(row["id"] for row in COMMON)
