"""The shape of Fingertips' indicator metadata CSV (``indicator_metadata/csv/by_indicator_id``).

The column names are the ones fingertipsR (``indicator_metadata``) and fingertips_py
(``get_metadata_for_indicator_as_dataframe``, 30 columns) read from the live service; test stubs
serve rows in this shape, never the JSON variant (which has no polarity).
"""

from __future__ import annotations

import csv
import io

METADATA_COLUMNS = [
    "Indicator ID",
    "Indicator",
    "Definition",
    "Rationale",
    "Data source",
    "Indicator production",
    "Indicator source",
    "Methodology",
    "Standard population/values",
    "Confidence interval details",
    "Source of numerator",
    "Definition of numerator",
    "Source of denominator",
    "Definition of denominator",
    "Disclosure control",
    "Caveats",
    "Copyright",
    "Data re-use",
    "Links",
    "Indicator number",
    "Notes",
    "Frequency",
    "Rounding",
    "Data quality",
    "Indicator Content",
    "Specific rationale",
    "Unit",
    "Value type",
    "Year type",
    "Polarity",
]


def metadata_csv(rows: list[tuple[int, str, str]]) -> bytes:
    """(indicator id, name, polarity words) rows as the service sends them (UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(METADATA_COLUMNS)
    for indicator_id, name, polarity in rows:
        values = {c: "" for c in METADATA_COLUMNS}
        values.update(
            {
                "Indicator ID": str(indicator_id),
                "Indicator": name,
                "Definition": f"{name}, as published.",
                "Unit": "%",
                "Value type": "Proportion",
                "Year type": "Financial",
                "Data quality": "3",
                "Polarity": polarity,
            }
        )
        writer.writerow([values[c] for c in METADATA_COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
