"""merge the DfE indicators that /admin/import registered under its temporary upload names

Until issue 21 an EES file imported through the page got indicator ids from the server's random
upload name (``ees-<32 hex>-<column>``), so every upload of the same file registered the same
indicators again ("Number (CLA on 31 March)" twice in the catalogue) and put its values in again.
Ids now come from the file's own name and column (``ees-<data set>-<column>``). This revision merges
each group of such indicators (same name, column and unit) into one:

* the target is an indicator of the group with a stable id (one the command line imported), else the
  stable id the file's own name gives when its import job still records that name, else the oldest;
* each duplicate's values move to the target unless the target already holds a value with the same
  area, period, breakdown and kind (then the duplicate's copy, and its revisions, are dropped);
* measures, legacy codes and saved presentation slides that named a duplicate name the target;
* the duplicates are deleted.

Downgrade does nothing: a merge cannot be split again, and the merged data are valid under 0008.

Revision ID: 0010
Revises: 0008
Create Date: 2026-12-06
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

UPLOAD_ID = re.compile(r"^ees-([0-9a-f]{32})-")
_COPY_SUFFIX = re.compile(r"\s*\(\d+\)$")

_meta = sa.MetaData()
indicator = sa.Table(
    "indicator",
    _meta,
    sa.Column("id", sa.String),
    sa.Column("name", sa.String),
    sa.Column("unit", sa.String),
    sa.Column("dfe_code", sa.String),
    sa.Column("source_id", sa.Integer),
)
observation = sa.Table(
    "observation",
    _meta,
    sa.Column("id", sa.Integer),
    sa.Column("indicator_id", sa.String),
    sa.Column("area_code", sa.String),
    sa.Column("period_id", sa.Integer),
    sa.Column("breakdown_dimension", sa.String),
    sa.Column("breakdown_value", sa.String),
    sa.Column("kind", sa.String),
)
revision_table = sa.Table("observation_revision", _meta, sa.Column("observation_id", sa.Integer))
measure = sa.Table("measure", _meta, sa.Column("indicator_id", sa.String))
indicator_code = sa.Table(
    "indicator_code", _meta, sa.Column("scheme", sa.String), sa.Column("code", sa.String), sa.Column("indicator_id", sa.String)
)
deck_slide = sa.Table(
    "deck_slide", _meta, sa.Column("deck_id", sa.String), sa.Column("position", sa.Integer), sa.Column("view_url", sa.String)
)
import_job = sa.Table("import_job", _meta, sa.Column("id", sa.String), sa.Column("file_name", sa.String))


def _slug(text: str, max_length: int = 80) -> str:
    """``analytics.codes.slug`` as of this revision (a migration never imports code that may change)."""
    value = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    if len(value) > max_length:
        digest = hashlib.sha1(value.encode()).hexdigest()[:6]
        value = value[: max_length - 7].rstrip("-") + "-" + digest
    return value


def _stable_id(file_name: str, column: str) -> str | None:
    stem = file_name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = stem[:-4] if stem.lower().endswith(".csv") else stem
    data_set = _COPY_SUFFIX.sub("", stem).strip().lower()
    return _slug(f"ees-{data_set}-{column}") if data_set and column else None


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(indicator.c.id, indicator.c.name, indicator.c.unit, indicator.c.dfe_code, indicator.c.source_id).where(
            indicator.c.id.like("ees-%")
        )
    ).all()
    if not any(UPLOAD_ID.match(row.id) for row in rows):
        return
    file_names = {job_id: name for job_id, name in conn.execute(sa.select(import_job.c.id, import_job.c.file_name)).all()}
    groups: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
    for row in rows:
        groups[(row.name or "", row.dfe_code or "", row.unit or "")].append(row)
    for (_, column, _), members in groups.items():
        legacy = [m for m in members if UPLOAD_ID.match(m.id)]
        if not legacy:
            continue
        stable = sorted(m.id for m in members if not UPLOAD_ID.match(m.id))
        oldest = min(legacy, key=lambda m: (m.source_id or 0, m.id))
        target = stable[0] if stable else oldest.id
        if not stable:
            named = (_stable_id(file_names.get(_token(m.id)) or "", column) for m in legacy)
            wanted = next((name for name in named if name), None)
            if wanted and not _exists(conn, wanted):
                _copy_indicator(conn, oldest.id, wanted)
                target = wanted
        for member in legacy:
            if member.id != target:
                _merge(conn, member.id, target)


def _token(indicator_id: str) -> str:
    """The upload token inside a page-imported id (``ees-<token>-<column>``)."""
    match = UPLOAD_ID.match(indicator_id)
    return match.group(1) if match else ""


def _exists(conn: sa.Connection, indicator_id: str) -> bool:
    return conn.execute(sa.select(indicator.c.id).where(indicator.c.id == indicator_id)).first() is not None


def _copy_indicator(conn: sa.Connection, old: str, new: str) -> None:
    """A new indicator row ``new`` with every column of ``old`` (reflected, so no column is forgotten)."""
    full = sa.Table("indicator", sa.MetaData(), autoload_with=conn)
    row = conn.execute(sa.select(full).where(full.c.id == old)).mappings().one()
    conn.execute(sa.insert(full).values({**dict(row), "id": new}))


def _merge(conn: sa.Connection, duplicate: str, target: str) -> None:
    """Move ``duplicate``'s values and references to ``target``, then delete ``duplicate``."""
    theirs = observation.alias("theirs")
    clash = (
        sa.select(observation.c.id)
        .where(observation.c.indicator_id == duplicate)
        .where(
            sa.exists().where(
                theirs.c.indicator_id == target,
                theirs.c.area_code == observation.c.area_code,
                theirs.c.period_id == observation.c.period_id,
                theirs.c.breakdown_dimension == observation.c.breakdown_dimension,
                theirs.c.breakdown_value == observation.c.breakdown_value,
                theirs.c.kind == observation.c.kind,
            )
        )
    )
    clashing = [int(i) for i in conn.execute(clash).scalars()]
    for start in range(0, len(clashing), 500):
        chunk = clashing[start : start + 500]
        conn.execute(sa.delete(revision_table).where(revision_table.c.observation_id.in_(chunk)))
        conn.execute(sa.delete(observation).where(observation.c.id.in_(chunk)))
    conn.execute(sa.update(observation).where(observation.c.indicator_id == duplicate).values(indicator_id=target))
    conn.execute(sa.update(measure).where(measure.c.indicator_id == duplicate).values(indicator_id=target))
    held = set(
        conn.execute(
            sa.select(indicator_code.c.scheme, indicator_code.c.code).where(indicator_code.c.indicator_id == target)
        ).all()
    )
    for scheme, code in conn.execute(
        sa.select(indicator_code.c.scheme, indicator_code.c.code).where(indicator_code.c.indicator_id == duplicate)
    ).all():
        where = (indicator_code.c.scheme == scheme, indicator_code.c.code == code, indicator_code.c.indicator_id == duplicate)
        if (scheme, code) in held:
            conn.execute(sa.delete(indicator_code).where(*where))
        else:
            conn.execute(sa.update(indicator_code).where(*where).values(indicator_id=target))
    for deck_id, position, url in conn.execute(
        sa.select(deck_slide.c.deck_id, deck_slide.c.position, deck_slide.c.view_url).where(
            deck_slide.c.view_url.contains(duplicate)
        )
    ).all():
        conn.execute(
            sa.update(deck_slide)
            .where(deck_slide.c.deck_id == deck_id, deck_slide.c.position == position)
            .values(view_url=url.replace(duplicate, target))
        )
    conn.execute(sa.delete(indicator).where(indicator.c.id == duplicate))


def downgrade() -> None:
    """Nothing to undo: merged indicators cannot be split again, and 0008's schema holds them as they are."""
