"""DfE EES tidy data (with and without .meta.csv) and ONS Explore Local Statistics."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access import reads
from data_access.importers import import_file
from data_access.importers.ons_els import iso_period

EES_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
    "old_la_code,new_la_code,la_name,sex,pupil_count,pupil_percent\n"
)


def test_ees_symbols_meta_and_old_la_code(import_db, tmp_path: Path):
    data = tmp_path / "demo_file.csv"
    data.write_text(
        EES_HEADER
        + "202324,Academic year,National,E92000001,England,,,,,,Total,1000,50.5\n"
        + "202324,Academic year,Regional,E92000001,England,E12000006,East of England,,,,Total,c,x\n"
        + "202324,Academic year,Local authority,E92000001,England,E12000006,East of England,919,,Hertfordshire,Total,200,low\n"
        + "202324,Academic year,Local authority,E92000001,England,E12000006,East of England,919,E10000015,Hertfordshire,Girls,90,45.0\n",
        encoding="utf-8",
    )
    (tmp_path / "demo_file.meta.csv").write_text(
        "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n"
        "sex,Filter,Sex of pupil,,,,,\n"
        "pupil_count,Indicator,Number of pupils,,,0,,\n"
        "pupil_percent,Indicator,Percentage of pupils,,%,1,,\n",
        encoding="utf-8",
    )
    report = import_file(import_db, data)
    assert report.ok, report.problems
    assert report.format == "ees"
    assert sorted(report.indicators) == ["ees-demo-file-pupil-count", "ees-demo-file-pupil-percent"]
    indicator = reads.indicator("ees-demo-file-pupil-percent", db=import_db)
    assert indicator is not None
    assert indicator["name"] == "Percentage of pupils" and indicator["unit"] == "%" and indicator["value_type"] == "percentage"
    series = reads.series("ees-demo-file-pupil-count", db=import_db)
    region = series[series["area_code"] == "E12000006"].iloc[0]
    assert region["status"] == "c" and region["value"] != region["value"]  # NULL, never zero
    herts = series[series["area_code"] == "E10000015"].iloc[0]  # from old_la_code 919
    assert herts["value"] == 200 and herts["period_label"] == "2023/24"
    girls = reads.series("ees-demo-file-pupil-count", breakdown_dimension="Sex of pupil", db=import_db)
    assert list(girls["breakdown_value"]) == ["Girls"]
    pct = reads.series("ees-demo-file-pupil-percent", ["E10000015"], db=import_db)
    assert pct["status"].iloc[0] == "low"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2021-04-01/P1Y", ("2021-22", "financial")),
        ("2016-09-01/P1Y", ("2016/17", "academic")),
        ("2006-08-01/P1Y", ("2006/07", "academic")),
        ("2021-01-01/P1Y", ("2021", "calendar")),
        ("2011-01-01/P3Y", ("2011-13", "rolling")),
        ("2019-09-01/P3Y", ("2019/20 - 21/22", "academic")),
        ("2021-13-01/P1Y", None),
        ("garbage", None),
    ],
)
def test_iso_periods(text, expected):
    assert iso_period(text) == expected


def test_ons_file_with_duplicate_notes_column(import_db):
    from tests.data_access.importers.conftest import realdata_path

    report = import_file(import_db, realdata_path("ons_els_persistent-absences-for-pupils-looked-after-by-local-authorities.csv"))
    assert report.ok, report.problems
    series = reads.series(report.indicators[0], db=import_db)
    assert len(series) == 21
    assert (series["status"] == "x").sum() == 3 and series.loc[series["status"] == "x", "value"].isna().all()
