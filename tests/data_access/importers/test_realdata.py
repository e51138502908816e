"""Every Fingertips, EES and ONS file in ../shared/realdata that fits our model imports cleanly.

The files are read where they are (never copied). Files that do not fit are listed in
DOES_NOT_FIT with the reason, and the test checks the importer refuses them for that reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access.importers import import_file
from tests.conftest import REALDATA

pytestmark = pytest.mark.realdata

#: file -> (rows read, observations written) on the seeded database
FITS = {
    "fingertips_csc_la_hospital_admissions_2324.csv": (38, 38),
    "fingertips_csc_region_hospital_admissions_2324.csv": (741, 741),
    "fingertips_ncmp_reception_prev_overweight_dist.csv": (12, 12),
    "fingertips_ncmp_y6_prev_overweight_dist.csv": (12, 12),
    "dfe_csc_absence_la.csv": (315, 3780),
    "dfe_csc_b1_children_in_need_2013_to_2025.csv": (39, 312),
    "dfe_csc_c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": (39, 390),
    "dfe_csc_c3_factors_identified_at_end_of_assessment_2018_to_2025.csv": (24, 960),
    "dfe_csc_cla_number_and_rate_per_10k_children.csv": (45, 135),
    "dfe_csc_csww_headline_measures_2017_to_2022.csv": (18, 360),
    "dfe_csc_csww_indicators_2017_to_2025.csv": (27, 594),
    "dfe_csc_d3_cpps_subsequent_plan_2013_to_2025.csv": (39, 117),
    "dfe_csc_d5_cpps_at31march_by_duration_2013_to_2025.csv": (39, 429),
    "dfe_csc_ks2_la.csv": (63, 1701),
    "dfe_csc_ks4_la.csv": (63, 882),
    "dfe_csc_la_care_leavers_accommodation_suitability.csv": (120, 240),
    "dfe_csc_la_care_leavers_activity.csv": (360, 720),
    "dfe_csc_la_cla_during_year_new_placements.csv": (285, 570),
    "dfe_csc_la_cla_placement_stability.csv": (90, 180),
    "dfe_csc_la_cla_school_moves.csv": (120, 240),
    "dfe_csc_la_cla_swcount.csv": (6, 12),
    "dfe_csc_la_conviction_health_outcome_cla.csv": (270, 540),
    "dfe_csc_ons_mid-year_population_estimates_2012_to_2024.csv": (39, 39),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2021_vg_removed.csv": (3, 117),  # 4 all-blank columns skipped,
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2022_final.csv": (3, 117),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2023_final.csv": (3, 117),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_final.csv": (3, 114),
    "ons_els_children-in-relative-poverty.csv": (72, 72),
    "ons_els_early-years.csv": (156, 156),
    "ons_els_gcses-in-english-and-maths.csv": (117, 117),
    "ons_els_healthy-life-expectancy.csv": (72, 72),
    "ons_els_persistent-absences-for-all-pupils.csv": (54, 54),
    "ons_els_persistent-absences-for-pupils-eligible-for-free-school-meals.csv": (18, 18),
    "ons_els_persistent-absences-for-pupils-looked-after-by-local-authorities.csv": (21, 21),
    "ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv": (65, 65),
    # multi-geography files: their wards and MSOAs are registered from the file's own columns
    "fingertips_ncmp_fingertips_data_2019-20_to_2021-22.csv": (760, 760),
    "fingertips_ncmp_fingertips_data_2021-22_to_2023-24.csv": (760, 760),
    "fingertips_ncmp_reception_prev_overweight.csv": (156, 156),
    "fingertips_ncmp_y6_prev_overweight.csv": (156, 156),
}
#: areas each multi-geography file names that the seed does not hold: level -> count
REGISTERS = {
    "fingertips_ncmp_fingertips_data_2019-20_to_2021-22.csv": {"ward": 179},
    "fingertips_ncmp_fingertips_data_2021-22_to_2023-24.csv": {"ward": 179},
    "fingertips_ncmp_reception_prev_overweight.csv": {"msoa": 154},
    "fingertips_ncmp_y6_prev_overweight.csv": {"msoa": 154},
}

#: ../shared/realdata/national (every council in England; .gz files are read decompressed):
#: file -> (rows read, observations written)
NATIONAL_FITS = {
    "dfe_csc_absence_la.csv.gz": (17220, 206640),
    "dfe_csc_b1_children_in_need_2013_to_2025.csv": (2132, 17056),
    "dfe_csc_c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv": (2132, 21320),
    "dfe_csc_c3_factors_identified_at_end_of_assessment_2018_to_2025.csv": (1312, 52480),
    "dfe_csc_cla_number_and_rate_per_10k_children.csv": (2505, 7515),
    "dfe_csc_d3_cpps_subsequent_plan_2013_to_2025.csv": (2132, 6396),
    "dfe_csc_d5_cpps_at31march_by_duration_2013_to_2025.csv": (2132, 23452),
    "dfe_csc_ks2_la.csv": (3444, 92988),
    "dfe_csc_ks4_la.csv": (3444, 48216),
    "dfe_csc_la_care_leavers_accommodation_suitability.csv": (6680, 13360),
    "dfe_csc_la_care_leavers_activity.csv.gz": (20040, 40080),
    "dfe_csc_la_children_who_ceased_during_the_year.csv.gz": (24215, 48430),
    "dfe_csc_la_cla_during_year_new_placements.csv.gz": (15865, 31730),
    "dfe_csc_la_cla_placement_stability.csv": (5010, 10020),
    "dfe_csc_la_cla_school_moves.csv.gz": (6680, 13360),
    "dfe_csc_la_cla_swcount.csv": (330, 660),
    "dfe_csc_la_conviction_health_outcome_cla.csv.gz": (15030, 30060),
    "dfe_csc_ons_mid-year_population_estimates_2012_to_2024.csv": (2132, 2132),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2022_final.csv": (160, 6240),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_final.csv": (161, 6118),
    "fingertips_csc_la_hospital_admissions_2324.csv.gz": (7208, 6505),
    "fingertips_csc_region_hospital_admissions_2324.csv.gz": (6847, 6847),
    "ons_els_persistent-absences-for-all-pupils.csv": (2909, 2909),
    "ons_els_persistent-absences-for-pupils-eligible-for-free-school-meals.csv": (975, 975),
    "ons_els_persistent-absences-for-pupils-looked-after-by-local-authorities.csv": (1148, 1148),
}

#: national files that are not an import format, or that the importer refuses, and why
_NOT_VALUES = "header not recognised"
NATIONAL_DOES_NOT_FIT = {
    "dfe_csc_csww_headline_measures_2017_to_2022.csv": (
        "published rates above 100 in a column named '_%' (e.g. vacancy agency cover 138.5)",
        "is a percentage outside 0-100",
    ),
    "dfe_csc_csww_indicators_2017_to_2025.csv": (
        "a row coded 'E06000061 / E06000062' (two areas in one cell) is not an area code",
        "is not a well-formed GSS code",
    ),
    "dfe_csc_national_cla_adopted_average_time_between_adoption_process_stages.csv": (
        "national durations published as text",
        "no indicator columns found",
    ),
    "dfe_csc_ofsted_region_mapping_corrections.csv": ("a name mapping, not values", _NOT_VALUES),
    "dfe_lait_bds_long_all_la.csv.gz": ("LAIT long table: no codes, free-text periods", _NOT_VALUES),
    "dfe_lait_data_dictionary.csv": ("a data dictionary", _NOT_VALUES),
    "dfe_lait_la_code_list.csv": ("a code list", _NOT_VALUES),
    "dfe_lait_sn_april_2021.csv": ("statistical-neighbour groupings", _NOT_VALUES),
    "dfe_lait_sn_may_2025.csv": ("statistical-neighbour groupings", _NOT_VALUES),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2021_vg_removed.csv": (
        "rows with a blank LA code (the removed Isles of Scilly / City of London rows)",
        "area code is blank",
    ),
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_2023_final.csv": ("a published offer rate of 100.2%", "is a percentage outside 0-100"),
    "dfe_statneighbours_New_Statistical_Neighbour_Groupings_April_2021.csv": ("statistical-neighbour groupings", _NOT_VALUES),
    "dfe_statneighbours_sn_model_2025_wide.csv": ("statistical-neighbour model", _NOT_VALUES),
    "dwp_cilif_relative_low_income_under16_counts_uk_ltla_fye2015_2022.csv": (
        "wide table, years as columns, names only",
        _NOT_VALUES,
    ),
    "fingertips_tdl_active_children.csv": ("a reshaped tidy extract, not a Fingertips export", _NOT_VALUES),
    "fingertips_tdl_children_dental_decay.csv": ("a reshaped tidy extract, not a Fingertips export", _NOT_VALUES),
    "fingertips_tdl_obese_reception.csv": ("a reshaped tidy extract, not a Fingertips export", _NOT_VALUES),
    "fingertips_tdl_obese_year6.csv": ("a reshaped tidy extract, not a Fingertips export", _NOT_VALUES),
    "ofsted_ilacs_inspection_history_2018_2025.csv": ("inspection judgements, not indicator values", _NOT_VALUES),
    "ofsted_ilacs_la_inspection_outcomes_at_31_March_2025.csv": ("inspection judgements, not indicator values", _NOT_VALUES),
    "ons_census2021_ons-ethnic-population-la.csv": ("census table export, not the ELS format", _NOT_VALUES),
    "ons_census2021_ons-ethnic-population-nat.csv": ("census table export, not the ELS format", _NOT_VALUES),
    "ons_census2021_ons-ethnic-population-reg.csv": ("census table export, not the ELS format", _NOT_VALUES),
    "ons_conceptions2017_table6_under18_1998_2017.csv.gz": ("reshaped xls table", _NOT_VALUES),
    "ons_conceptions2017_table7_under16_3yr_2008_2017.csv": ("reshaped xls table", _NOT_VALUES),
    "ons_els_children-in-relative-poverty.csv": (
        "UK-wide, and lists Barnsley/Sheffield under both their old and current codes with the same figures, "
        "which are the same area once the predecessor code resolves",
        "duplicate row",
    ),
    "ons_els_early-years.csv": ("Barnsley/Sheffield under both old and current codes", "duplicate row"),
    "ons_els_gcses-in-english-and-maths.csv": ("Barnsley/Sheffield under both old and current codes", "duplicate row"),
    "ons_els_healthy-life-expectancy.csv": (
        "UK-wide: Welsh, Scottish and Northern Irish areas are outside the (English) area table",
        "is outside England",
    ),
    "ons_els_pupils-at-expected-standards-by-end-of-primary-school.csv": (
        "Barnsley/Sheffield under both old and current codes",
        "duplicate row",
    ),
    "ons_health_index_table2_overall_2015_2021.csv": ("wide xls table (years as columns)", _NOT_VALUES),
    "ons_health_index_tables3to9_domains_indicators_2015_2021.csv.gz": ("wide xls table", _NOT_VALUES),
    "ons_lookup_LTLA-UTLA_Apr23_Lookup_England-Wales.csv": ("a geography lookup, not values", _NOT_VALUES),
}

#: Fingertips / EES / ONS-family files that do not fit, with the reason and a fragment of the
#: problem the importer must report.
DOES_NOT_FIT = {
    "dhsc_fingertipsnext_areas_herts.csv": ("an area hierarchy, not indicator values", "header not recognised"),
    "dfe_lait_bds_long_herts_eoe_england.csv": (
        "LAIT long table: no codes, free-text periods; not an EES tidy file",
        "header not recognised",
    ),
    "dfe_lait_data_dictionary_subset.csv": ("a data dictionary, not values", "header not recognised"),
    "dfe_statneighbours_New_Statistical_Neighbour_Groupings_April_2021.csv": (
        "statistical-neighbour groupings (area groups), not values",
        "header not recognised",
    ),
    "dfe_statneighbours_sn_model_2025_wide.csv": ("statistical-neighbour model, not values", "header not recognised"),
    "ons_census2021_ons-ethnic-population-la.csv": ("census table export, not the ELS format", "header not recognised"),
    "ons_census2021_ons-ethnic-population-reg.csv": ("census table export, not the ELS format", "header not recognised"),
    "ons_census2021_ons-ethnic-population-nat.csv": ("census table export, not the ELS format", "header not recognised"),
    "ons_conceptions2017_table6_under18_1998_2017.csv": ("reshaped xls table, not the ELS format", "header not recognised"),
    "ons_conceptions2017_table7_under16_3yr_2008_2017.csv": ("reshaped xls table, not the ELS format", "header not recognised"),
    "ons_health_index_table2_overall_2015_2021.csv": ("wide xls table (years as columns)", "header not recognised"),
    "ons_health_index_tables3to9_domains_indicators_2015_2021.csv": ("wide xls table", "header not recognised"),
    "ons_lookup_LTLA-UTLA_Apr23_Lookup_England-Wales.csv": ("a geography lookup, not values", "header not recognised"),
}


def _require_realdata():
    if not REALDATA.is_dir():
        pytest.skip(f"real published files not found at {REALDATA} (../shared is absent on this machine)")


@pytest.mark.parametrize("name", sorted(FITS))
def test_file_that_fits_imports_cleanly(module_db, name):
    _require_realdata()
    rows, written = FITS[name]
    report = import_file(module_db, REALDATA / name)
    assert report.ok, "\n".join(map(str, report.problems[:20]))
    assert report.rows_read == rows
    # onto the seed some figures land on seed observations (updated) rather than new rows
    assert report.inserted + report.updated + report.unchanged == written
    again = import_file(module_db, REALDATA / name)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, written)


@pytest.mark.parametrize("name", sorted(DOES_NOT_FIT))
def test_file_that_does_not_fit_is_refused_with_its_reason(module_db, name):
    _require_realdata()
    reason, fragment = DOES_NOT_FIT[name]
    report = import_file(module_db, REALDATA / name)
    assert not report.ok, f"{name} was expected not to fit: {reason}"
    assert any(fragment in p.message for p in report.problems), report.problems[:3]
    assert report.inserted == report.updated == 0


def test_every_importable_looking_file_is_classified():
    """Lists the files that do not fit and why; fails if a new file appears unclassified."""
    _require_realdata()
    families = ("fingertips_", "dfe_", "ons_", "dhsc_")
    present = {p.name for p in REALDATA.glob("*.csv") if p.name.startswith(families)}
    unclassified = present - set(FITS) - set(DOES_NOT_FIT)
    print("\nFiles that do not fit the model:")
    for name, (reason, _) in sorted(DOES_NOT_FIT.items()):
        print(f"  {name}: {reason}")
    assert not unclassified, f"classify these files in FITS or DOES_NOT_FIT: {sorted(unclassified)}"


def _national(name: str, folder) -> Path:
    """The national file as a plain CSV (a .gz is decompressed into the test's folder)."""
    import gzip

    path = REALDATA / "national" / name
    if not path.is_file():
        pytest.skip(f"real published file national/{name} not found (../shared is absent on this machine)")
    if not name.endswith(".gz"):
        return path
    target = folder / name[: -len(".gz")]
    target.write_bytes(gzip.decompress(path.read_bytes()))
    return target


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_multi_geography_file_registers_its_areas(module_db, name):
    """After the import, every small area the file names is in the area table at its level."""
    _require_realdata()
    import csv

    from sqlalchemy import select

    from data_access.models import Area

    report = import_file(module_db, REALDATA / name)
    assert report.ok, report.problems[:3]
    with (REALDATA / name).open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    code_column = "AreaCode" if "AreaCode" in rows[0] else "Area Code"
    prefix = {"ward": "E05", "msoa": "E02"}
    with module_db.read() as session:
        stored = dict(session.execute(select(Area.code, Area.level)).all())
    for level, count in REGISTERS[name].items():
        codes = {r[code_column] for r in rows if r[code_column].startswith(prefix[level])}
        assert len(codes) == count
        assert {stored.get(c) for c in codes} == {level}


#: On PostgreSQL, one file of each publisher's shape and the largest file (the COPY path). The
#: parser and the checks are the same code on both databases and run on SQLite for every file;
#: what PostgreSQL adds is the write, so the suite does not pay for 27 of them (issue 23 item 7).
POSTGRESQL_SAMPLE = {
    "dfe_csc_absence_la.csv.gz",
    "dfe_csc_ks2_la.csv",
    "dfe_csc_cla_number_and_rate_per_10k_children.csv",
    "dfe_nccis_neet_UD_NEETNK_LA_dashboard_final.csv",
    "fingertips_csc_la_hospital_admissions_2324.csv.gz",
    "ons_els_persistent-absences-for-all-pupils.csv",
}


@pytest.mark.parametrize("name", sorted(NATIONAL_FITS))
def test_national_file_imports(module_db, tmp_path, name):
    _require_realdata()
    if module_db.backend == "postgresql" and name not in POSTGRESQL_SAMPLE:
        pytest.skip("PostgreSQL imports one national file of each shape (POSTGRESQL_SAMPLE); SQLite imports them all")
    rows, written = NATIONAL_FITS[name]
    report = import_file(module_db, _national(name, tmp_path))
    assert report.ok, "\n".join(map(str, report.problems[:20]))
    assert report.rows_read == rows
    assert report.inserted + report.updated + report.unchanged == written


@pytest.mark.parametrize("name", sorted(NATIONAL_DOES_NOT_FIT))
def test_national_file_that_does_not_fit_is_refused_with_its_reason(module_db, tmp_path, name):
    _require_realdata()
    reason, fragment = NATIONAL_DOES_NOT_FIT[name]
    report = import_file(module_db, _national(name, tmp_path))
    assert not report.ok, f"national/{name} was expected not to fit: {reason}"
    assert any(fragment in p.message for p in report.problems), report.problems[:3]
    assert report.inserted == report.updated == 0


def test_every_national_file_is_classified():
    """Lists the national files that do not import and why; fails on an unclassified file."""
    _require_realdata()
    present = {p.name for p in (REALDATA / "national").glob("*.csv*")}
    unclassified = present - set(NATIONAL_FITS) - set(NATIONAL_DOES_NOT_FIT)
    print("\nNational files that do not import:")
    for name, (reason, _) in sorted(NATIONAL_DOES_NOT_FIT.items()):
        print(f"  {name}: {reason}")
    assert not unclassified, f"classify these files in NATIONAL_FITS or NATIONAL_DOES_NOT_FIT: {sorted(unclassified)}"


def test_the_postgresql_sample_names_files_that_import():
    assert POSTGRESQL_SAMPLE <= set(NATIONAL_FITS)
