"""DfE SEN2 (education, health and care plans) and the SEND Tribunal appeal rate → published parts.

Why one module: SEND is read from two releases of the same DfE publication (2025 for
2019-2025, 2022 for the history back to 2010) and one MoJ/DfE spreadsheet, and the rules below
hold for all of them, so they live together (``sen2_tribunal`` reads the spreadsheet).

Rules:

* Only the "all plans" rows are carried (breakdown rows by age, sex, ethnicity, placement or
  duration are counted as not carried); areas go through ``csc.area_of`` (E12 regions, E92
  England, every council through ``AreaBook.resolve``, so DfE's pre-unitary codes E10000002,
  E10000023 and E10000027 land on Buckinghamshire E06000060, North Yorkshire E06000065 and
  Somerset E06000066; Cumbria, Northamptonshire and the old Dorset have no single successor
  and are counted as not carried, with their names).
* Periods mean what DfE says: plans in place are a January count, so ``202425`` (and the 2022
  release's ``2022``) is "January 2025"/"January 2022" (period type ``month``); new plans,
  requests, timeliness, reviews and ceased plans are calendar years.
* Before 2019 the plans-in-place series is the 2022 release's ``Total_all``: statements of SEN
  and EHC plans together (January 2010-2013 statements only; 2014-2018 both, during the
  transfer), as DfE's own time series is. Where both releases give a year the 2025 release is
  kept (the 2022 row is counted as "given by an earlier source").
* Values are the published text; counts and denominators are carried where the file prints
  them. Where DfE prints a percentage it is the value; where it prints only a count (the
  independent special school, home education, NEET and awaiting-provision placements, ceased
  reasons, annual reviews) the count is the value and the file's own total is its denominator:
  pages work out the share and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from seed.publishing import model
from seed.publishing.areas import AreaBook
from seed.publishing.model import SourceMeta, SourcePart
from seed.publishing.shared_indicators import indicator_row
from seed.publishing.sources import sen2_tribunal
from seed.publishing.sources.csc import Row, cell, collect, number, read_ees

FOLDER = "send"
EES = "https://explore-education-statistics.service.gov.uk/find-statistics/education-health-and-care-plans"
DFE = "Department for Education"
PUBLISHER = "DfE (Education, health and care plans, SEN2)"
TITLE = "Education, health and care plans"
REPO_2025 = "MastodonC/witan.sen2 @ 104e12d6b2778f57fcc023a882ed2cf3ffac0e76"
REPO_2022 = "MastodonC/witan.sen2 @ 82489191a3b8c1023cecd9916fcb2df83cdaa083"
TOPIC = "SEND"
NOT_ALL = "breakdown row (age, sex, ethnicity, placement, need or duration): the pack carries the all-plans row"

#: The 2025 release's EES data sets (file → the "all plans" breakdown value it carries).
FILES_2025 = {
    "caseload": ("sen2_2025_caseload.csv.gz", "All EHC plans"),
    "newplans": ("sen2_2025_newplans.csv.gz", "New EHC plans"),
    "timeliness": ("sen2_2025_timeliness_20_week.csv.gz", "All EHC plans issued"),
    "requests": ("sen2_2025_requests.csv.gz", "All requests for EHC needs assessments"),
    "reviews": ("sen2_2025_annual_reviews.csv.gz", "All annual reviews"),
    "ceased": ("sen2_2025_ceased_plans.csv.gz", "All ceased EHC plans"),
    "needs": ("sen2_2025_sen_needs_all_plans.csv.gz", "All EHC plans"),
}
FILES_2022 = {
    "caseload": "sen2_2022_sen2_age_caseload.csv.gz",
    "mi": "sen2_2022_sen2_mi.csv.gz",
}


# ------------------------------------------------------------------ indicators


def _indicator(
    id: str,
    name: str,
    short_name: str,
    definition: str,
    unit: str,
    value_type: str,
    polarity: str,
    period_type: str,
    decimals: int,
    ci_method: str = "none",
) -> dict[str, str]:
    """A SEND indicator row: the catalogue's one builder with this source's topic and publisher."""
    return indicator_row(
        id, name, short_name, definition, unit, value_type, polarity, period_type, TOPIC, PUBLISHER, decimals, ci_method
    )


PLANS = "send-ehcp-count"
NEW_PLANS = "send-ehcp-new"
WITHIN_20 = "send-ehcp-20wk-incl"
WITHIN_20_EX = "send-ehcp-20wk-excl"
REQUESTS = "send-requests"
ASSESSED = "send-requests-assessed"
REVIEWS = "send-annual-reviews-held"
CEASED = "send-ceased-total"

CASELOAD_NOTE = " Counted at the January SEN2 census."


@dataclass(frozen=True)
class Share:
    """One part of a mix: the indicator, its label, the count column and the printed % column (if any)."""

    id: str
    label: str
    count: str
    percent: str = ""


#: Placement of plans in place (caseload file), DfE's variable descriptions as labels.
PLACEMENTS = (
    Share("send-place-mainstream", "Mainstream schools", "mainstream_total", "mainstream_total_pc"),
    Share("send-place-special-la", "LA maintained special schools", "special_la_maintained"),
    Share("send-place-special-academy", "Special academies and free schools", "special_academy_free"),
    Share("send-place-special-independent", "Independent special schools", "special_independent"),
    Share("send-place-special-non-maintained", "Non-maintained special schools", "special_non_maintained"),
    Share("send-place-special", "Special schools (all)", "special_total", "special_total_pc"),
    Share("send-place-ap-pru", "Alternative provision or pupil referral unit", "ap_pru_total", "AP_PRU_total_pc"),
    Share("send-place-fe", "Further education and post-16", "fe_total", "fe_total_pc"),
    Share("send-place-ehe", "Elective home education", "elective_home_education"),
    Share("send-place-neet", "Not in employment, education or training", "neet"),
    Share("send-place-awaiting", "Awaiting provision (before 2023 only)", "await_prov_2022"),
    Share("send-place-elsewhere", "Educated elsewhere (all)", "ed_elsewhere", "ed_elsewhere_pc"),
    Share("send-place-early-years", "Non-maintained early years", "nm_early_years", "nm_early_years_pc"),
    Share("send-place-unknown", "Placement not recorded", "placement_unknown", "placement_unknown_pc"),
)
#: Primary need of all plans in place (January 2025 only).
NEEDS = (
    Share("send-need-asd", "Autistic spectrum disorder", "number_asd", "asd_pc"),
    Share("send-need-slcn", "Speech, language and communication needs", "number_slcn", "slcn_pc"),
    Share("send-need-semh", "Social, emotional and mental health", "number_semh", "semh_pc"),
    Share("send-need-mld", "Moderate learning difficulty", "number_mld", "mld_pc"),
    Share("send-need-sld", "Severe learning difficulty", "number_sld", "sld_pc"),
    Share("send-need-spld", "Specific learning difficulty", "number_spld", "spld_pc"),
    Share("send-need-pmld", "Profound and multiple learning difficulty", "number_pmld", "pmld_pc"),
    Share("send-need-pd", "Physical disability", "number_pd", "pd_pc"),
    Share("send-need-hi", "Hearing impairment", "number_hi", "hi_pc"),
    Share("send-need-vi", "Visual impairment", "number_vi", "vi_pc"),
    Share("send-need-msi", "Multi-sensory impairment", "number_msi", "msi_pc"),
    Share("send-need-oth", "Other difficulty or disability", "number_oth", "oth_pc"),
    Share("send-need-unknown", "Primary need not recorded", "number_need_unknown", "unknown_pc"),
)
#: Reasons a plan ceased (the guidance's descriptions; note ``not_rec`` is "other reasons" and
#: ``other`` is "reason not recorded", as the guidance says, whatever the names suggest).
CEASED_REASONS = (
    Share("send-ceased-max-age", "Maximum age reached", "max_age"),
    Share("send-ceased-needs-met", "Needs met without a plan", "needs_met"),
    Share("send-ceased-he", "Moved on to higher education", "he"),
    Share("send-ceased-employ", "Moved to paid employment", "employ"),
    Share("send-ceased-transfer", "Transferred to another council", "transfer"),
    Share("send-ceased-no-engage", "Young person no longer wishes to engage", "no_engage"),
    Share("send-ceased-moved-outside", "Moved outside England", "moved_outside_eng"),
    Share("send-ceased-deceased", "Child or young person died", "deceased"),
    Share("send-ceased-other", "Other reasons", "not_rec"),
    Share("send-ceased-not-recorded", "Reason not recorded", "other"),
)


def _share_indicators(shares: tuple[Share, ...], what: str, denominator: str, period_type: str) -> list[dict[str, str]]:
    out = []
    for share in shares:
        if share.percent:
            out.append(
                _indicator(
                    share.id,
                    f"{what}: {share.label}",
                    share.label,
                    f"Percentage of {denominator} in this group ({share.label.lower()}), as DfE prints it; the "
                    f"count and the {denominator} are kept.",
                    "%",
                    "percentage",
                    "no_judgement",
                    period_type,
                    1,
                    "wilson",
                )
            )
        else:
            out.append(
                _indicator(
                    share.id,
                    f"{what}: {share.label}",
                    share.label,
                    f"Number of {denominator} in this group ({share.label.lower()}); DfE prints no percentage, so the "
                    f"{denominator} total is kept as the denominator and a page works the share out.",
                    "plans",
                    "count",
                    "no_judgement",
                    period_type,
                    0,
                )
            )
    return out


class IndicatorSpec(NamedTuple):
    """One headline SEND indicator's definition, in ``_indicator``'s argument order."""

    id: str
    name: str
    short_name: str
    definition: str
    unit: str
    value_type: str
    polarity: str
    period_type: str
    decimals: int
    ci_method: str = "none"


#: The headline indicators, one row each (the share families follow from ``_share_indicators``).
HEADLINE: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        PLANS,
        "Education, health and care plans in place (January)",
        "EHC plans in place",
        "Number of EHC plans maintained by the local authority at the January SEN2 census (the count for "
        "202425 is January 2025). January 2010-2018 come from the 2022 release and count statements of SEN "
        "and EHC plans together (Total_all: statements only until 2013, both during the 2014-2018 transfer), "
        "as DfE's time series does. Plans cover ages 0-25.",
        "plans",
        "count",
        "no_judgement",
        "month",
        0,
    ),
    IndicatorSpec(
        NEW_PLANS,
        "New EHC plans made in the calendar year",
        "New EHC plans",
        "Number of EHC plans made for the first time during the calendar year (2014-2018 from the 2022 release's NewallEHC).",
        "plans",
        "count",
        "no_judgement",
        "calendar",
        0,
    ),
    IndicatorSpec(
        WITHIN_20,
        "New EHC plans issued within 20 weeks, including exceptions",
        "EHC plans in 20 weeks (incl. exceptions)",
        "Percentage of new EHC plans issued in the calendar year within the statutory 20-week timeframe, all "
        "plans (cases where an exception to the time limit applied are included). Denominator: plans issued.",
        "%",
        "percentage",
        "higher_better",
        "calendar",
        1,
        "wilson",
    ),
    IndicatorSpec(
        WITHIN_20_EX,
        "New EHC plans issued within 20 weeks, excluding exceptions",
        "EHC plans in 20 weeks (excl. exceptions)",
        "Percentage of new EHC plans issued in the calendar year within the statutory 20-week timeframe, "
        "leaving out plans where an exception to the time limit applied. Denominator: plans issued excluding "
        "exceptions. (For 2024 Dorset and the City of London classed all new plans as exceptions.)",
        "%",
        "percentage",
        "higher_better",
        "calendar",
        1,
        "wilson",
    ),
    IndicatorSpec(
        REQUESTS,
        "Requests for an EHC needs assessment received",
        "EHC assessment requests",
        "Number of initial requests for an EHC needs assessment received in the calendar year (2014-2018 from "
        "the 2022 release's InreqEHC).",
        "requests",
        "count",
        "no_judgement",
        "calendar",
        0,
    ),
    IndicatorSpec(
        ASSESSED,
        "Requests for an EHC needs assessment where the council decided to assess",
        "Requests: decided to assess",
        "Percentage of requests for an EHC needs assessment received in the calendar year where the local "
        "authority decided to proceed with an assessment (published from 2023).",
        "%",
        "percentage",
        "no_judgement",
        "calendar",
        1,
        "wilson",
    ),
    IndicatorSpec(
        REVIEWS,
        "EHC plans with an annual review meeting recorded",
        "Annual reviews held",
        "Number of EHC plans due an annual review in the calendar year with an annual review meeting recorded "
        "(total_review_meeting); the denominator is the plans where a review was expected (review_expected). "
        "DfE suppressed some councils' 2024 figures pending quality checks.",
        "plans",
        "count",
        "no_judgement",
        "calendar",
        0,
    ),
    IndicatorSpec(
        CEASED,
        "EHC plans ceased in the calendar year",
        "EHC plans ceased",
        "Total number of EHC plans that ceased during the calendar year.",
        "plans",
        "count",
        "no_judgement",
        "calendar",
        0,
    ),
)


def indicators() -> list[dict[str, str]]:
    """Every SEND indicator the published data defines (definitions from the SEN2 data guidance)."""
    return [
        *(_indicator(*spec) for spec in HEADLINE),
        *_share_indicators(PLACEMENTS, "EHC plans by placement", "EHC plans in place", "month"),
        *_share_indicators(NEEDS, "EHC plans by primary need", "EHC plans in place", "month"),
        *_share_indicators(CEASED_REASONS, "EHC plans ceased by reason", "EHC plans ceased", "calendar"),
    ]


# ------------------------------------------------------------------ periods and rows


def january(time_period: str) -> tuple[str, str]:
    """``202425`` (academic year of the 2025 release) or ``2025`` (2022 release) → January 2025."""
    text = time_period.strip()
    year = int(text[:4]) + 1 if len(text) == 6 else int(text)
    return model.period(f"January {year}", "month")


def calendar(time_period: str) -> tuple[str, str]:
    return model.period(time_period.strip(), "calendar")


def obs(indicator_id: str, when: tuple[str, str], text: str, count: str = "", denominator: str = "") -> Row:
    value, status = cell(text)
    return {
        "indicator_id": indicator_id,
        "period_type": when[0],
        "period_label": when[1],
        "value": value,
        "status": status,
        "count": number(count) if count else "",
        "denominator": number(denominator) if denominator else "",
    }


def share_obs(shares: tuple[Share, ...], row: Row, when: tuple[str, str], total_column: str) -> list[Row]:
    """One observation per share: the printed % with its count, or the count alone; total as denominator."""
    out = []
    for share in shares:
        if share.count not in row:
            continue
        text = row[share.percent] if share.percent else row[share.count]
        out.append(obs(share.id, when, text, row[share.count], row[total_column]))
    return out


def _meta(key: str, file: str, repository: str, note: str) -> SourceMeta:
    """Each file its own title ("…, 2025 release: caseload"), so a value's "line N" names one file."""
    release = "2025" if repository == REPO_2025 else "2022"
    data_set = file.removeprefix(f"sen2_{release}_").removesuffix(".csv.gz")
    return SourceMeta(
        key=key,
        publisher=DFE,
        title=f"{TITLE}, {release} release: {data_set}",
        file=f"{FOLDER}/{file}",
        url=EES,
        repository=repository,
        note=note,
    )


def _check_identifier(rows: list[str], name: str, expected: str) -> None:
    found = set(rows)
    if found != {expected}:
        raise ValueError(f"{name}: time_identifier {sorted(found)}, expected only {expected!r}")


Reader = Callable[[Row], list[Row]]


def _part_2025(raw: Path, areas: AreaBook, which: str, key: str, identifier: str, note: str, read: Reader) -> SourcePart:
    """One 2025-release file: the all-plans rows through ``read``; breakdown rows counted."""
    name, everything = FILES_2025[which]
    frame = read_ees(raw / FOLDER / name)
    _check_identifier(list(frame["time_identifier"]), name, identifier)
    part = SourcePart(meta=_meta(key, name, REPO_2025, note), observations=model.empty_observations())

    def reader(row: Row) -> list[Row] | str:
        if row["breakdown_topic"] != everything or row["breakdown"] != everything:
            return NOT_ALL
        return read(row)

    collect(part, frame, areas, reader)
    return part


# ------------------------------------------------------------------ the files


def caseload(raw: Path, areas: AreaBook) -> SourcePart:
    def read(row: Row) -> list[Row]:
        when = january(row["time_period"])
        return [obs(PLANS, when, row["ehcplans"]), *share_obs(PLACEMENTS, row, when, "ehcplans")]

    part = _part_2025(
        raw,
        areas,
        "caseload",
        "dfe-sen2-caseload",
        "Academic year",
        "EHC plans in place in January 2019-2025 (time_period 201819-202425 = the January of the second year) and "
        "their placement: DfE's printed percentages where it gives them (mainstream, special, AP/PRU, FE, educated "
        "elsewhere, early years, not recorded), otherwise the count over ehcplans.",
        read,
    )
    part.indicators = indicators()  # the SEND indicators are defined once, with the first SEN2 part
    return part


def newplans(raw: Path, areas: AreaBook) -> SourcePart:
    return _part_2025(
        raw,
        areas,
        "newplans",
        "dfe-sen2-newplans",
        "Calendar year",
        "New EHC plans made in the calendar years 2019-2024 (all new plans; the placement rows are not carried).",
        lambda row: [obs(NEW_PLANS, calendar(row["time_period"]), row["new_ehc_plans"])],
    )


def timeliness(raw: Path, areas: AreaBook) -> SourcePart:
    def read(row: Row) -> list[Row]:
        when = calendar(row["time_period"])
        return [
            obs(
                WITHIN_20,
                when,
                row["pc_plans_issued_within_20_weeks"],
                row["plans_issued_within_20_weeks"],
                row["plans_issued_den"],
            ),
            obs(
                WITHIN_20_EX,
                when,
                row["PC_plans_issued_20_weeks_ex"],
                row["plans_issued_20_weeks_ex"],
                row["plans_issued_den_ex"],
            ),
        ]

    return _part_2025(
        raw,
        areas,
        "timeliness",
        "dfe-sen2-timeliness",
        "Calendar year",
        "New EHC plans issued within 20 weeks, including and excluding exceptions, calendar years 2019-2024: "
        "% with the count and the plans issued (denominator).",
        read,
    )


def requests(raw: Path, areas: AreaBook) -> SourcePart:
    def read(row: Row) -> list[Row]:
        when = calendar(row["time_period"])
        return [
            obs(REQUESTS, when, row["requests_received_in_year"]),
            obs(
                ASSESSED,
                when,
                row["request_assess_pc"],
                row["requests_decided_to_assess"],
                row["requests_received_in_year"],
            ),
        ]

    return _part_2025(
        raw,
        areas,
        "requests",
        "dfe-sen2-requests",
        "Calendar year",
        "Requests for an EHC needs assessment received, calendar years 2019-2024, and the % where the council "
        "decided to assess (published from 2023; 'x' before).",
        read,
    )


def reviews(raw: Path, areas: AreaBook) -> SourcePart:
    return _part_2025(
        raw,
        areas,
        "reviews",
        "dfe-sen2-annual-reviews",
        "Calendar year",
        "Annual reviews, calendar year 2024: plans with a review meeting recorded over plans where a review was "
        "expected (DfE suppressed some councils, Hertfordshire among them, pending quality checks).",
        lambda row: [
            obs(
                REVIEWS,
                calendar(row["time_period"]),
                row["total_review_meeting"],
                row["total_review_meeting"],
                row["review_expected"],
            )
        ],
    )


def ceased(raw: Path, areas: AreaBook) -> SourcePart:
    def read(row: Row) -> list[Row]:
        when = calendar(row["time_period"])
        return [obs(CEASED, when, row["total_ceased"]), *share_obs(CEASED_REASONS, row, when, "total_ceased")]

    return _part_2025(
        raw,
        areas,
        "ceased",
        "dfe-sen2-ceased",
        "Calendar year",
        "EHC plans ceased, calendar years 2022-2024, in total and by reason (each reason's count over the total).",
        read,
    )


def needs(raw: Path, areas: AreaBook) -> SourcePart:
    return _part_2025(
        raw,
        areas,
        "needs",
        "dfe-sen2-needs",
        "Academic year",
        "Primary need of all EHC plans in place in January 2025 (time_period 202425): DfE's % with the count and "
        "the plans in place.",
        lambda row: share_obs(NEEDS, row, january(row["time_period"]), "ehc_plans"),
    )


def caseload_history(raw: Path, areas: AreaBook) -> SourcePart:
    """Statements and EHC plans together (``Total_all``), January 2010-2022, the all-ages row."""
    name = FILES_2022["caseload"]
    frame = read_ees(raw / FOLDER / name)
    _check_identifier(list(frame["time_identifier"]), name, "Calendar year")
    part = SourcePart(
        meta=_meta(
            "dfe-sen2-caseload-2022",
            name,
            REPO_2022,
            "The long history of plans in place: statements of SEN and EHC plans together (Total_all) at January "
            "2010-2022 (time_period is the calendar year of the January count). Years the 2025 release also gives "
            "(2019-2022) are kept from the 2025 release.",
        ),
        observations=model.empty_observations(),
    )

    def read(row: Row) -> list[Row] | str:
        if row["characteristic_age"] != "Total":
            return "age row: the pack carries the all-ages total"
        return [obs(PLANS, january(row["time_period"]), row["Total_all"])]

    collect(part, frame, areas, read)
    return part


def mi_history(raw: Path, areas: AreaBook) -> SourcePart:
    """20-week timeliness, requests and new plans 2014-2021 from the 2022 release's management information."""
    name = FILES_2022["mi"]
    frame = read_ees(raw / FOLDER / name)
    _check_identifier(list(frame["time_identifier"]), name, "Calendar year")
    part = SourcePart(
        meta=_meta(
            "dfe-sen2-mi-2022",
            name,
            REPO_2022,
            "Calendar years 2014-2021: new EHC plans (NewallEHC), requests for an assessment (InreqEHC) and plans "
            "issued within 20 weeks including exceptions (IncExc20weekRate = IncExc20weekEHC / TotIncExcEHC) and "
            "excluding them (NoExc20weekRate = NoExc20weekEHC / TotNoExcEHC). Years the 2025 release also gives "
            "(2019-2021) are kept from the 2025 release. The 26-week (statement) and other columns are not carried.",
        ),
        observations=model.empty_observations(),
    )

    def read(row: Row) -> list[Row]:
        when = calendar(row["time_period"])
        return [
            obs(NEW_PLANS, when, row["NewallEHC"]),
            obs(REQUESTS, when, row["InreqEHC"]),
            obs(WITHIN_20, when, row["IncExc20weekRate"], row["IncExc20weekEHC"], row["TotIncExcEHC"]),
            obs(WITHIN_20_EX, when, row["NoExc20weekRate"], row["NoExc20weekEHC"], row["TotNoExcEHC"]),
        ]

    collect(part, frame, areas, read)
    return part


def build(raw: Path, areas: AreaBook) -> list[SourcePart]:
    """The 2025 release first (it wins where the releases overlap), then the 2022 history, then tribunals."""
    return [
        caseload(raw, areas),
        newplans(raw, areas),
        timeliness(raw, areas),
        requests(raw, areas),
        reviews(raw, areas),
        ceased(raw, areas),
        needs(raw, areas),
        caseload_history(raw, areas),
        mi_history(raw, areas),
        sen2_tribunal.build(raw, areas),
    ]
