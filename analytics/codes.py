"""The identifiers every layer agrees on: England, the default home council, the whole-population
breakdown, and the one rule for turning a label into a slug.

Whose product the app is (``HOME_AREA``) is a setting, not a constant: ``views.home.home_area()``
is what pages and views ask; nothing here names "the county".

They live at the bottom layer so that pages, views, components, data_access and seed can all
import them without crossing the architecture (docs/architecture.md); change a code here and
every layer follows.
"""

from __future__ import annotations

import hashlib
import re

#: England (ONS country code): the benchmark every comparison falls back to.
ENGLAND = "E92000001"
#: East of England, Hertfordshire's region (the seeds' plans quote it).
EAST_OF_ENGLAND = "E12000006"
#: Hertfordshire County Council, whose plans the seed ships; the default ``HOME_AREA``.
HERTFORDSHIRE = "E10000015"
DEFAULT_HOME_AREA = HERTFORDSHIRE
#: GSS prefixes of councils: county (E10), unitary (E06), metropolitan district (E08), London borough (E09).
COUNCIL_PREFIXES = ("E10", "E06", "E08", "E09")

#: Breakdown "all pupils": ``breakdown_dimension == breakdown_value == TOTAL``.
TOTAL = "Total"


def is_council_code(code: str) -> bool:
    """Whether ``code`` has the form of an English council's GSS code (E10/E06/E08/E09 + 6 digits)."""
    return bool(re.fullmatch(r"E(10|06|08|09)\d{6}", code or ""))


#: The id prefix of an indicator minted for a plan's local measure (no publisher supplies it).
LOCAL_PREFIX = "local-"


def local_indicator_id(measure_id: str) -> str:
    """The indicator a local measure's own figures are imported under (its plan template names it)."""
    return LOCAL_PREFIX + slug(measure_id, max_length=74)


def slug(text: str, max_length: int = 80) -> str:
    """Lower-case words joined by hyphens; a long slug keeps a short hash so cut slugs stay distinct."""
    value = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    if len(value) > max_length:
        digest = hashlib.sha1(value.encode()).hexdigest()[:6]
        value = value[: max_length - 7].rstrip("-") + "-" + digest
    return value
