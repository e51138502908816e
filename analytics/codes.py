"""The identifiers every layer agrees on: the areas the app is built around, the whole-population
breakdown, and the one rule for turning a label into a slug.

They live at the bottom layer so that pages, views, components, data_access and seed can all
import them without crossing the architecture (docs/architecture.md); change a code here and
every layer follows.
"""

from __future__ import annotations

import hashlib
import re

#: England (ONS country code): the benchmark every comparison falls back to.
ENGLAND = "E92000001"
#: East of England, Hertfordshire's region.
EAST_OF_ENGLAND = "E12000006"
REGION = EAST_OF_ENGLAND
#: Hertfordshire County Council, the council Outcome Bees is built for.
HERTFORDSHIRE = "E10000015"
COUNTY = HERTFORDSHIRE

#: Breakdown "all pupils": ``breakdown_dimension == breakdown_value == TOTAL``.
TOTAL = "Total"


def slug(text: str, max_length: int = 80) -> str:
    """Lower-case words joined by hyphens; a long slug keeps a short hash so cut slugs stay distinct."""
    value = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    if len(value) > max_length:
        digest = hashlib.sha1(value.encode()).hexdigest()[:6]
        value = value[: max_length - 7].rstrip("-") + "-" + digest
    return value
