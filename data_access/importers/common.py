"""The importers' shared names, gathered under their old import path.

The pieces live in modules with one job each: ``report`` (what a parser hands on and what an
import reports), ``csv_read`` (reading a file as text cells), ``cells`` (parsing cells) and
``labels`` (ids, labels and value types the importers make up). Code outside the importers
imports them from here.
"""

from __future__ import annotations

from analytics.codes import slug
from data_access.importers.cells import (
    BLANKS,
    MAX_TEXT_CELL,
    VALUE_SYMBOLS,
    as_text,
    check_text_cells,
    clean_text,
    formula_mask,
    map_distinct,
    numeric_problems,
    parse_numbers,
    row_codes,
    strip_html,
)
from data_access.importers.csv_read import MAX_HEADER_CHARS, RawTable, column_lookup, numeric_candidates, read_csv_file, squash
from data_access.importers.labels import UNIT_FOR_TYPE, breakdown_from_parts, infer_value_type, shorten
from data_access.importers.report import (
    FIGURE_FIELDS,
    NORM_COLUMNS,
    NUMERIC_FIELDS,
    ImportProblem,
    ImportReport,
    IndicatorSpec,
    ParseResult,
    ProgressCallback,
    RegistrableArea,
)
from data_access.models import STATUS_SYMBOLS, TOTAL

__all__ = [
    "BLANKS",
    "FIGURE_FIELDS",
    "MAX_HEADER_CHARS",
    "MAX_TEXT_CELL",
    "NORM_COLUMNS",
    "NUMERIC_FIELDS",
    "STATUS_SYMBOLS",
    "TOTAL",
    "UNIT_FOR_TYPE",
    "VALUE_SYMBOLS",
    "ImportProblem",
    "ImportReport",
    "IndicatorSpec",
    "ParseResult",
    "ProgressCallback",
    "RawTable",
    "RegistrableArea",
    "as_text",
    "breakdown_from_parts",
    "check_text_cells",
    "clean_text",
    "column_lookup",
    "formula_mask",
    "infer_value_type",
    "map_distinct",
    "numeric_candidates",
    "numeric_problems",
    "parse_numbers",
    "read_csv_file",
    "row_codes",
    "shorten",
    "slug",
    "squash",
    "strip_html",
]
