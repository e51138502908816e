"""The Outcome Bees data model.

Why it looks like this: the seed documents span three outcome frameworks, two councils and
twenty years. A naive "indicator, area, year, value" table loses what matters to an analyst:
that a rate is per 1,000 females aged 15-17 and not a count, that a value was suppressed
(and is therefore *not* zero), that a figure came from line 2151 of a plan, that a district
changed its GSS code in 2013, and that a value was invented to demonstrate a chart.
See ``../shared/domain/summary.md`` for the traps this schema is built to avoid.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column

# Breakdown used for whole-population values; never NULL so the unique key works on both backends.
from analytics.codes import TOTAL as TOTAL

# A naming convention makes constraint names deterministic, which Alembic's batch mode on
# SQLite needs to drop or alter them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

AREA_LEVELS = (
    "country",
    "region",
    "county",
    "unitary",
    "district",
    "ward",
    "group",
    "other",
    "msoa",
    "lsoa",
    "icb",
    "sub_icb",
    "combined_authority",
)
VALUE_TYPES = (
    "percentage",
    "rate_per_1000",
    "rate_per_10000",
    "rate_per_100000",
    "count",
    "score",
    "mean",
    "ratio",
    "currency",
    "other",
)
POLARITIES = ("higher_better", "lower_better", "no_judgement", "ambiguous")
CI_METHODS = ("wilson", "byar", "published", "none")
PERIOD_TYPES = ("academic", "financial", "calendar", "snapshot", "rolling", "month", "quarter", "not_stated")
OBSERVATION_KINDS = ("actual", "target", "projection", "change")
#: GSS / EES symbols plus the two release states. Stored as the symbol; the meaning lives in
#: ``data_access.vocab.STATUS_MEANINGS``.
STATUS_SYMBOLS = ("c", "x", "z", "low", "k", "u", "~", ":", "provisional", "revised", "unvalidated")
#: An observation's figures, in the order every tidy output uses (reads, imports, the API's CSV).
FIGURE_COLUMNS = (
    "value",
    "value_text",
    "lower_ci95",
    "upper_ci95",
    "lower_ci998",
    "upper_ci998",
    "count",
    "denominator",
    "status",
    "value_note",
    "qualifier",
)
#: The publisher's own comparison verdicts as printed (Fingertips "Compared to England value or
#: percentiles", "Compared to parent/Regions value"), and the parent they compare with (migration 0009).
PUBLISHED_VERDICT_COLUMNS = ("published_vs_england", "published_vs_parent", "published_parent_code")
TARGET_KINDS = ("absolute", "change_from_baseline", "comparator_relative", "milestone", "direction")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Source(Base):
    """Where a value came from: a seed document, a published file, or a generator."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    publisher: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(400))
    url: Mapped[str | None] = mapped_column(String(500))
    file: Mapped[str | None] = mapped_column(String(300))
    published_on: Mapped[dt.date | None] = mapped_column(Date)
    extracted_on: Mapped[dt.date | None] = mapped_column(Date)
    licence: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    # who imported the file (the CLI's user, the signed-in administrator); migration 0013
    imported_by: Mapped[str | None] = mapped_column(String(120))


class Area(Base):
    """A geography, keyed by its *current* GSS code."""

    __tablename__ = "area"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(60))
    level: Mapped[str] = mapped_column(String(20), index=True)
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("area.code"))
    dfe_la_code: Mapped[str | None] = mapped_column(String(10))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class AreaAlias(Base):
    """Another code that means the same area: a predecessor GSS code, an old ONS or DfE code.

    Data arriving under E07000101 (Stevenage before April 2013) must land on E07000243.
    """

    __tablename__ = "area_alias"

    alias: Mapped[str] = mapped_column(String(20), primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"), index=True)
    scheme: Mapped[str] = mapped_column(String(30))  # predecessor_gss | ons_4char | dfe_la
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(300))


class AreaGroup(Base):
    """A named comparator set (DfE statistical neighbours, 'similar councils')."""

    __tablename__ = "area_group"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    anchor_area_code: Mapped[str | None] = mapped_column(ForeignKey("area.code"), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    note: Mapped[str | None] = mapped_column(Text)
    model: Mapped[str | None] = mapped_column(String(20))  # DfE statistical-neighbour model: "2025", "2021"


class AreaGroupMember(Base):
    __tablename__ = "area_group_member"

    group_id: Mapped[str] = mapped_column(ForeignKey("area_group.id"), primary_key=True)
    member_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    member_name: Mapped[str] = mapped_column(String(200))
    rank: Mapped[int | None] = mapped_column(Integer)
    closeness: Mapped[str | None] = mapped_column(String(40))  # DfE band as printed: "Very close" .. "Not close"


class Indicator(Base):
    """What is measured, independent of any plan's wording."""

    __tablename__ = "indicator"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # readable slug
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(80))
    definition: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(120))  # as shown: "%", "per 1,000 females aged 15-17"
    value_type: Mapped[str] = mapped_column(String(30))
    polarity: Mapped[str] = mapped_column(String(20))
    ci_method: Mapped[str] = mapped_column(String(20), default="none")
    period_type: Mapped[str] = mapped_column(String(20))
    decimals: Mapped[int] = mapped_column(Integer, default=1)
    topic: Mapped[str | None] = mapped_column(String(80))
    publisher: Mapped[str | None] = mapped_column(String(200))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    fingertips_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    dfe_code: Mapped[str | None] = mapped_column(String(120))
    gap_phase: Mapped[str | None] = mapped_column(String(20))  # eyfs|ks2|ks4|post16 for gap charts


class IndicatorCode(Base):
    """Legacy and external codes: NI 112, old NI 51, PAF A3, LAA, LPSA 2G T12, LAIT codes."""

    __tablename__ = "indicator_code"

    scheme: Mapped[str] = mapped_column(String(30), primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)  # widened in migration 0006
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), primary_key=True)
    note: Mapped[str | None] = mapped_column(String(300))


class Period(Base):
    """A time period with its type; ``sort_key`` orders mixed period types on one axis."""

    __tablename__ = "period"
    __table_args__ = (UniqueConstraint("period_type", "label"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period_type: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(60))
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    sort_key: Mapped[int] = mapped_column(Integer, index=True)


class Observation(Base):
    """One value (or the honest absence of one) with everything needed to trust it."""

    __tablename__ = "observation"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id",
            "area_code",
            "period_id",
            "breakdown_dimension",
            "breakdown_value",
            "kind",
            name="uq_observation_key",
        ),
        # The page queries: one indicator, a few areas, all periods, one breakdown.
        Index("ix_observation_lookup", "indicator_id", "breakdown_dimension", "breakdown_value", "area_code", "period_id"),
        Index("ix_observation_area", "area_code", "indicator_id"),
        # Migration 0003: periods/indicators-with-data as index probes; max(loaded_at) for the cache version.
        Index("ix_observation_indicator_period_kind", "indicator_id", "period_id", "kind"),
        Index("ix_observation_loaded_at", "loaded_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"))
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"))
    breakdown_dimension: Mapped[str] = mapped_column(String(60), default=TOTAL)
    breakdown_value: Mapped[str] = mapped_column(String(120), default=TOTAL)
    kind: Mapped[str] = mapped_column(String(20), default="actual")
    value: Mapped[float | None] = mapped_column(Float)
    value_text: Mapped[str | None] = mapped_column(String(60))  # the figure as printed
    lower_ci95: Mapped[float | None] = mapped_column(Float)
    upper_ci95: Mapped[float | None] = mapped_column(Float)
    lower_ci998: Mapped[float | None] = mapped_column(Float)
    upper_ci998: Mapped[float | None] = mapped_column(Float)
    count: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(20))
    value_note: Mapped[str | None] = mapped_column(Text)
    qualifier: Mapped[str | None] = mapped_column(String(40))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    source_line: Mapped[str | None] = mapped_column(String(40))
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    published_vs_england: Mapped[str | None] = mapped_column(String(20))  # "Better", "Similar", "Not compared"
    published_vs_parent: Mapped[str | None] = mapped_column(String(20))
    published_parent_code: Mapped[str | None] = mapped_column(String(20))
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class ObservationRevision(Base):
    """A superseded value, kept when a newer release of the same figure arrives."""

    __tablename__ = "observation_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    observation_id: Mapped[int] = mapped_column(ForeignKey("observation.id", ondelete="CASCADE"), index=True)
    value: Mapped[float | None] = mapped_column(Float)
    lower_ci95: Mapped[float | None] = mapped_column(Float)
    upper_ci95: Mapped[float | None] = mapped_column(Float)
    count: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str | None] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    superseded_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class Framework(Base):
    """An outcomes framework as set out in one plan, owned by one council."""

    __tablename__ = "framework"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(60))
    owner_area_code: Mapped[str] = mapped_column(ForeignKey("area.code"))
    period_label: Mapped[str] = mapped_column(String(40))
    outcome_kind: Mapped[str] = mapped_column(String(30))  # bee | ecm
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Outcome(Base):
    """A bee ("Be Safe") or an ECM outcome ("Staying safe") within one framework."""

    __tablename__ = "outcome"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    framework_id: Mapped[str] = mapped_column(ForeignKey("framework.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))  # canonical: be-safe, ecm-stay-safe
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    source_line: Mapped[str | None] = mapped_column(String(40))


class Priority(Base):
    __tablename__ = "priority"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    framework_id: Mapped[str] = mapped_column(ForeignKey("framework.id"), index=True)
    outcome_id: Mapped[str | None] = mapped_column(ForeignKey("outcome.id"))
    label: Mapped[str | None] = mapped_column(String(20))  # "P7", "A"
    title: Mapped[str] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(String(300))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    source_line: Mapped[str | None] = mapped_column(String(40))


class Measure(Base):
    """A measure as the plan words it, optionally linked to an indicator, with its target."""

    __tablename__ = "measure"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    framework_id: Mapped[str] = mapped_column(ForeignKey("framework.id"), index=True)
    outcome_id: Mapped[str] = mapped_column(ForeignKey("outcome.id"), index=True)
    priority_id: Mapped[str | None] = mapped_column(ForeignKey("priority.id"))
    wording: Mapped[str] = mapped_column(Text)
    indicator_id: Mapped[str | None] = mapped_column(ForeignKey("indicator.id"))
    # why this published indicator measures what the plan words (migration 0006)
    indicator_note: Mapped[str | None] = mapped_column(Text)
    # the group the plan measures, when not everyone: "disadvantage" / "Disadvantaged"
    breakdown_dimension: Mapped[str | None] = mapped_column(String(60))
    breakdown_value: Mapped[str | None] = mapped_column(String(120))
    polarity_override: Mapped[str | None] = mapped_column(String(20))
    target_kind: Mapped[str | None] = mapped_column(String(30))
    target_value: Mapped[float | None] = mapped_column(Float)
    target_baseline_value: Mapped[float | None] = mapped_column(Float)
    target_baseline_period: Mapped[str | None] = mapped_column(String(40))
    target_comparator: Mapped[str | None] = mapped_column(String(60))  # area code or group id
    target_relation: Mapped[str | None] = mapped_column(String(20))  # below|above|in_line
    target_by: Mapped[str | None] = mapped_column(String(40))  # period label or date
    target_text: Mapped[str | None] = mapped_column(Text)
    legacy_code: Mapped[str | None] = mapped_column(String(60))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id"))
    source_line: Mapped[str | None] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    # the plan file's direction (increase|decrease|maintain|none) and, for the shipped plans, the
    # row of the seeds' figures a target comes from (migration 0013; data_access/plans)
    direction: Mapped[str | None] = mapped_column(String(20))
    figures_row: Mapped[int | None] = mapped_column(Integer)


class Judgement(Base):
    """An inspection judgement with its scale; 2007 JAR grades run 4 = outstanding … 1 = inadequate."""

    __tablename__ = "judgement"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"), index=True)
    body: Mapped[str] = mapped_column(String(80))
    framework: Mapped[str] = mapped_column(String(120))
    aspect: Mapped[str] = mapped_column(String(200))
    scale: Mapped[str | None] = mapped_column(String(120))
    scale_direction: Mapped[str | None] = mapped_column(String(20))  # higher_better | lower_better
    grade: Mapped[int | None] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(120))
    judged_on: Mapped[dt.date | None] = mapped_column(Date)
    period_label: Mapped[str | None] = mapped_column(String(40))
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id"))
    source_line: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)


class Deck(Base):
    """A saved presentation: named, ordered view URLs ("Stevenage partnership — Q3")."""

    __tablename__ = "deck"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # readable slug, used in /present/<id>
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.current_timestamp())


class DeckSlide(Base):
    """One slide of a deck: a view URL (path and query) at a position."""

    __tablename__ = "deck_slide"

    deck_id: Mapped[str] = mapped_column(ForeignKey("deck.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    view_url: Mapped[str] = mapped_column(String(2000))


class ImportJob(Base):
    """One administrator's upload and the import run from it (``/admin/import``, data_access/import_jobs.py).

    Why in the database: the upload, the confirm click and each progress poll may each reach a
    different server, so the file and the job's progress must live where every server can see them.
    """

    __tablename__ = "import_job"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # a generated token, never the file's name
    status: Mapped[str] = mapped_column(String(20))  # checked | running | finished | failed
    stage: Mapped[str] = mapped_column(String(20), default="")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    result: Mapped[dict[str, object] | None] = mapped_column(JSON, nullable=True)  # ok, report, problems, message
    file_name: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    upload: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, nullable=True))  # dropped once the import has run
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)


class BenchmarkJudgement(Base):
    """The one judgement (``analytics.judgement``) of an area's published all-population value for
    one period, computed when data is loaded (seed and import, ``data_access.judgement_store``):
    its rank and quartile among the areas of its level (or why not), and its verdict against
    England, its region, its county and its statistical neighbours' average (2025 model).

    Why stored: a scorecard ranks a council on ~500 indicators among ~150 councils; computing it
    per request was most of a cold page's time. Other benchmarks are computed on request by the
    same function."""

    __tablename__ = "benchmark_judgement"
    __table_args__ = (Index("ix_benchmark_judgement_area", "area_code", "indicator_id"),)

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), primary_key=True)
    area_code: Mapped[str] = mapped_column(ForeignKey("area.code"), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), primary_key=True)
    rank: Mapped[int | None] = mapped_column(Integer)
    rank_of: Mapped[int] = mapped_column(Integer, default=0)
    quartile: Mapped[str | None] = mapped_column(String(1))
    rank_reason: Mapped[str] = mapped_column(String(200), default="")
    england_value: Mapped[float | None] = mapped_column(Float)
    england_verdict: Mapped[str | None] = mapped_column(String(30))
    region_code: Mapped[str | None] = mapped_column(String(20))
    region_value: Mapped[float | None] = mapped_column(Float)
    region_verdict: Mapped[str | None] = mapped_column(String(30))
    county_code: Mapped[str | None] = mapped_column(String(20))
    county_value: Mapped[float | None] = mapped_column(Float)
    county_verdict: Mapped[str | None] = mapped_column(String(30))
    sn_value: Mapped[float | None] = mapped_column(Float)
    sn_with_value: Mapped[int | None] = mapped_column(Integer)
    sn_verdict: Mapped[str | None] = mapped_column(String(30))


class PeerDistribution(Base):
    """The range an area profile's spine chart draws for one indicator and period: the lowest,
    25th and 75th percentile and highest value of every area of ``levels`` (``"county,unitary"``
    or ``"district,unitary"``, ``analytics.judgement.RANK_LEVELS``), computed when data is loaded
    with the stored judgements (``data_access.judgement_store``) by ``analytics.ranks.distribution``.

    Why stored: drawing it per request read every peer's value for every indicator of a profile
    (~150 councils × ~150 indicators), most of a cold profile's reading. The periods are the
    page's: every period with the same label (``reads.period_values`` matches on the label).
    ``dist_*`` are NULL where fewer than ``analytics.ranks.MIN_AREAS_FOR_DISTRIBUTION`` areas have
    a value; ``parent_code`` is the one parent all those areas share (``parent_count`` == 1), for
    the words "Hertfordshire's districts"."""

    __tablename__ = "peer_distribution"

    indicator_id: Mapped[str] = mapped_column(ForeignKey("indicator.id"), primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("period.id"), primary_key=True)
    levels: Mapped[str] = mapped_column(String(40), primary_key=True)
    dist_min: Mapped[float | None] = mapped_column(Float)
    dist_q1: Mapped[float | None] = mapped_column(Float)
    dist_q3: Mapped[float | None] = mapped_column(Float)
    dist_max: Mapped[float | None] = mapped_column(Float)
    n: Mapped[int] = mapped_column(Integer, default=0)
    parent_code: Mapped[str | None] = mapped_column(String(20))
    parent_count: Mapped[int] = mapped_column(Integer, default=0)
