"""The read API: small functions returning tidy DataFrames or plain dicts.

Pages and the HTTP API call these and never see a session, a query or an ORM object.
Every function takes an optional ``db``; without one it uses the process's configured
database. All filtering is done with bound parameters in ``select()`` statements.

The functions live in small modules by subject; import them from here
(``from data_access import reads``; ``reads.series(...)``), never from the submodules.
"""

from data_access.reads.areas import (
    NEIGHBOUR_MODELS,
    area,
    area_aliases,
    area_ancestors,
    area_groups,
    areas,
    areas_by_code,
    level_sizes,
    resolve_area_code,
    resolve_area_codes,
    statistical_neighbours,
)
from data_access.reads.boundaries import council_boundaries, district_boundaries
from data_access.reads.decks import deck, decks
from data_access.reads.frameworks import (
    existing_indicators,
    framework_tree,
    frameworks,
    judgements,
    local_imports,
    measures_using,
    priorities,
)
from data_access.reads.indicators import (
    indicator,
    indicator_choices,
    indicator_codes,
    indicator_records,
    indicators,
    indicators_with_data,
    no_quartile_indicators,
)
from data_access.reads.observations import (
    SERIES_COLUMNS,
    area_latest_observations,
    area_observations,
    availability,
    breakdowns,
    latest_values,
    period_values,
    periods,
    series,
    series_for_indicators,
    values_for_areas,
)
from data_access.reads.records import AncestorRecord, AreaRecord, IndicatorCodeRecord, IndicatorRecord
from data_access.reads.status import (
    data_currency,
    data_version,
    ping,
    source_value_counts,
    sources,
    table_counts,
)
from data_access.reads.stored import (
    DISTRIBUTION_COLUMNS,
    JUDGEMENT_COLUMNS,
    area_ranks_at,
    peer_distributions,
    stored_judgements,
    stored_ranks,
)

__all__ = [
    "AncestorRecord",
    "AreaRecord",
    "IndicatorCodeRecord",
    "IndicatorRecord",
    "DISTRIBUTION_COLUMNS",
    "JUDGEMENT_COLUMNS",
    "NEIGHBOUR_MODELS",
    "SERIES_COLUMNS",
    "area",
    "area_aliases",
    "area_groups",
    "area_latest_observations",
    "area_ranks_at",
    "area_observations",
    "areas",
    "areas_by_code",
    "area_ancestors",
    "availability",
    "breakdowns",
    "data_currency",
    "data_version",
    "council_boundaries",
    "district_boundaries",
    "deck",
    "decks",
    "framework_tree",
    "frameworks",
    "indicator",
    "indicator_choices",
    "indicator_codes",
    "indicator_records",
    "indicators",
    "indicators_with_data",
    "judgements",
    "latest_values",
    "level_sizes",
    "measures_using",
    "no_quartile_indicators",
    "period_values",
    "periods",
    "ping",
    "priorities",
    "local_imports",
    "existing_indicators",
    "resolve_area_code",
    "resolve_area_codes",
    "series",
    "series_for_indicators",
    "statistical_neighbours",
    "stored_judgements",
    "peer_distributions",
    "stored_ranks",
    "source_value_counts",
    "sources",
    "table_counts",
    "values_for_areas",
]
