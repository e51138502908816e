"""Indicators and their codes: what is measured."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pandas as pd
from sqlalchemy import exists, select

from data_access.cache import cached
from data_access.database import Database
from data_access.models import Indicator, IndicatorCode, Observation, Source
from data_access.reads._base import _db, _frame, _one
from data_access.reads.records import IndicatorCodeRecord, IndicatorRecord

_INDICATOR_COLUMNS = (
    Indicator.id,
    Indicator.name,
    Indicator.short_name,
    Indicator.definition,
    Indicator.unit,
    Indicator.value_type,
    Indicator.polarity,
    Indicator.ci_method,
    Indicator.period_type,
    Indicator.decimals,
    Indicator.topic,
    Indicator.publisher,
    Indicator.fingertips_id,
    Indicator.dfe_code,
    Indicator.gap_phase,
    Source.title.label("source_title"),
    Source.url.label("source_url"),
    Source.publisher.label("source_publisher"),
    Source.licence.label("source_licence"),
    Source.key.label("source_key"),
)


@cached
def indicators(db: Database | None = None) -> pd.DataFrame:
    """Every indicator with its source, ordered by name."""
    statement = select(*_INDICATOR_COLUMNS).outerjoin(Source, Source.id == Indicator.source_id).order_by(Indicator.name)
    frame = _frame(_db(db), statement)
    codes = indicator_codes(db)
    # each indicator's codes as "scheme code; …" (sorted), in plain Python: a groupby-apply with a
    # lambda per indicator was most of this read's time, and most pages read the catalogue
    grouped: dict[str, list[str]] = {}
    for indicator_id, scheme, code in zip(codes["indicator_id"], codes["scheme"], codes["code"]):
        grouped.setdefault(indicator_id, []).append(f"{scheme} {code}")
    labels = {indicator_id: "; ".join(sorted(found)) for indicator_id, found in grouped.items()}
    frame["codes"] = [labels.get(indicator_id, "") for indicator_id in frame["id"]]
    frame["has_data"] = frame["id"].isin(indicators_with_data(db))
    return frame


@cached
def indicator_choices(db: Database | None = None) -> pd.DataFrame:
    """``id, name`` of every indicator with an actual value, in ``indicators()``' order (by name):
    what a page's indicator picker lists. Why not the catalogue: a picker needs two columns, and
    the catalogue's definitions, sources and every code were a tenth of a cold comparison page."""
    frame = _frame(_db(db), select(Indicator.id, Indicator.name).order_by(Indicator.name))
    return frame[frame["id"].isin(indicators_with_data(db))].reset_index(drop=True)


def indicator(indicator_id: str, db: Database | None = None) -> IndicatorRecord | None:
    """One indicator as a dict, with its codes; None when the id is unknown."""
    statement = (
        select(*_INDICATOR_COLUMNS).outerjoin(Source, Source.id == Indicator.source_id).where(Indicator.id == indicator_id)
    )
    found = _one(_db(db), statement)
    if found is None:
        return None
    # Only this indicator's codes (not the whole table): one indexed lookup on the primary key.
    code_statement = (
        select(IndicatorCode.scheme, IndicatorCode.code, IndicatorCode.note)
        .where(IndicatorCode.indicator_id == indicator_id)
        .order_by(IndicatorCode.scheme, IndicatorCode.code)
    )
    found["codes"] = cast(list[IndicatorCodeRecord], _frame(_db(db), code_statement).to_dict("records"))
    # the select's labelled columns are IndicatorRecord's keys, in its order
    return cast(IndicatorRecord, found)


def indicator_records(indicator_ids: Sequence[str], db: Database | None = None) -> dict[str, IndicatorRecord]:
    """``indicator`` for several ids in two reads, not two per id: a page that needs the records of
    forty indicators asks once. Unknown ids are left out; the dict follows ``indicator_ids``' order."""
    wanted = list(dict.fromkeys(indicator_ids))
    if not wanted:
        return {}
    statement = select(*_INDICATOR_COLUMNS).outerjoin(Source, Source.id == Indicator.source_id).where(Indicator.id.in_(wanted))
    code_statement = (
        select(IndicatorCode.indicator_id, IndicatorCode.scheme, IndicatorCode.code, IndicatorCode.note)
        .where(IndicatorCode.indicator_id.in_(wanted))
        .order_by(IndicatorCode.scheme, IndicatorCode.code)
    )
    with _db(db).engine.connect() as connection:
        found = {str(row["id"]): dict(row) for row in connection.execute(statement).mappings()}
        codes: dict[str, list[IndicatorCodeRecord]] = {}
        for row in connection.execute(code_statement).mappings():
            codes.setdefault(str(row["indicator_id"]), []).append(
                IndicatorCodeRecord(scheme=row["scheme"], code=row["code"], note=row["note"])
            )
    records: dict[str, IndicatorRecord] = {}
    for indicator_id in wanted:
        if indicator_id in found:
            record = found[indicator_id]
            record["codes"] = codes.get(indicator_id, [])
            records[indicator_id] = cast(IndicatorRecord, record)
    return records


def indicator_codes(db: Database | None = None) -> pd.DataFrame:
    statement = select(IndicatorCode.indicator_id, IndicatorCode.scheme, IndicatorCode.code, IndicatorCode.note)
    return _frame(_db(db), statement.order_by(IndicatorCode.scheme, IndicatorCode.code))


def indicators_with_data(db: Database | None = None) -> set[str]:
    # One EXISTS probe per indicator on ix_observation_indicator_period_kind, not a DISTINCT
    # over every observation (a full scan of ten million rows at national scale).
    has_actual = exists().where(Observation.indicator_id == Indicator.id, Observation.kind == "actual")
    statement = select(Indicator.id).where(has_actual)
    with _db(db).read() as session:
        return set(session.scalars(statement))


#: indicator_code scheme of LAIT's No_Quartile flag (written by ``seed.publishing.sources.lait``).
NO_QUARTILE_SCHEME = "LAIT No_Quartile"


@cached
def no_quartile_indicators(db: Database | None = None) -> frozenset[str]:
    """Indicators DfE's LAIT dictionary marks ``No_Quartile``: the rank rules never band them."""
    statement = select(IndicatorCode.indicator_id).where(IndicatorCode.scheme == NO_QUARTILE_SCHEME)
    with _db(db).read() as session:
        return frozenset(session.scalars(statement))
