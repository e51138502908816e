"""Every Fingertips, EES and ONS file in ../shared/realdata that fits our model imports cleanly.

The files are read where they are (never copied). Files that do not fit are listed in
DOES_NOT_FIT with the reason, and the test checks the importer refuses them for that reason.
"""

from __future__ import annotations

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
}

#: Fingertips / EES / ONS-family files that do not fit, with the reason and a fragment of the
#: problem the importer must report.
DOES_NOT_FIT = {
    "fingertips_ncmp_fingertips_data_2019-20_to_2021-22.csv": (
        "716 rows are for 179 electoral wards (E05…), which are not areas in our model", "is not in the area table"),
    "fingertips_ncmp_fingertips_data_2021-22_to_2023-24.csv": (
        "716 rows are for 179 electoral wards (E05…), which are not areas in our model", "is not in the area table"),
    "fingertips_ncmp_reception_prev_overweight.csv": (
        "154 rows are for MSOAs (E02…), which are not areas in our model", "is not in the area table"),
    "fingertips_ncmp_y6_prev_overweight.csv": (
        "154 rows are for MSOAs (E02…), which are not areas in our model", "is not in the area table"),
    "dhsc_fingertipsnext_areas_herts.csv": ("an area hierarchy, not indicator values", "header not recognised"),
    "dfe_lait_bds_long_herts_eoe_england.csv": (
        "LAIT long table: no codes, free-text periods; not an EES tidy file", "header not recognised"),
    "dfe_lait_data_dictionary_subset.csv": ("a data dictionary, not values", "header not recognised"),
    "dfe_statneighbours_New_Statistical_Neighbour_Groupings_April_2021.csv": (
        "statistical-neighbour groupings (area groups), not values", "header not recognised"),
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
