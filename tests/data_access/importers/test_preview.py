"""The preview in words: names with new/existing, rows as stored, areas by level; notes in plain English."""

from __future__ import annotations

import pandas as pd

from data_access.importers.preview import build_preview
from data_access.importers.reference_data import ReferenceData
from data_access.importers.report import IndicatorSpec, RegistrableArea
from views.admin_import import plain_note


def test_preview_names_indicators_samples_rows_and_counts_areas_by_level() -> None:
    reference = ReferenceData(
        areas={"E07000095": ("Broxbourne", "district"), "E10000015": ("Hertfordshire", "county")},
        parents={"E07000095": "E10000015"},
        indicators=pd.DataFrame({"id": ["old"], "name": ["Old"], "fingertips_id": [None]}),
    )
    wards: dict[str, RegistrableArea] = {f"E0500900{i}": (f"Ward {i}", "ward", "E07000095") for i in range(1, 7)}
    frame = pd.DataFrame(
        {
            "line": range(2, 8),
            "indicator_id": ["new"] * 5 + ["old"],
            "area_code": list(wards),
            "period_label": ["2023/24"] * 6,
            "breakdown_dimension": ["Total"] * 6,
            "breakdown_value": ["Total"] * 6,
            "value": [1.0, 2.0, None, 4.0, 5.0, 6.0],
            "status": [None, None, "c", None, None, None],
        }
    )
    specs = {
        "new": IndicatorSpec("new", "Obesity", "%", "percentage"),
        "old": IndicatorSpec("old", "Old", "number", "count"),
    }
    preview = build_preview(frame, specs, reference, wards)
    assert [(i["name"], i["new"]) for i in preview["indicators"]] == [("Obesity", True), ("Old", False)]
    assert len(preview["samples"]) == 5 and preview["samples"][0]["area"] == "Ward 1"
    assert preview["areas"] == [
        {
            "level": "ward",
            "plural": "wards",
            "singular": "ward",
            "count": 6,
            "new": 6,
            "within": ["Broxbourne"],
            "within_count": 1,
        }
    ]


def test_notes_read_as_plain_english() -> None:
    names = {"ees-x-t-cla": "Number (CLA on 31 March)"}
    assert plain_note("areas not yet in the area table will be added from the file's own columns: 179 ward", names) is None
    assert plain_note("3 indicator column(s), 1 filter column(s) (from .meta.csv)", names) is None
    said = plain_note("567 row(s) published under E08000019 (predecessor gss: Sheffield recoded); stored as E08000039", names)
    assert said == "567 rows use E08000019, an older code for the area now coded E08000039; they are stored under E08000039."
    said = plain_note("indicator ees-x-t-cla: polarity low_is_good (from the file)", names)
    assert said is not None and said.startswith("Number (CLA on 31 March)") and "lower figure is better" in said
    assert "area table" not in (
        plain_note("area E05000001 (Ward, ward, parent E07000095) is not in the area table; it will be added", names) or ""
    )
