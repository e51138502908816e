"""The id rules (an indicator's id comes from the file, never the upload path) and the parent lookup."""

from __future__ import annotations

from pathlib import Path

import pytest

from data_access.importers import parents
from data_access.importers.ees import data_set, indicator_id
from data_access.importers.parents import Placed
from web.import_jobs import kept_name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("dfe_csc_ks2_la.csv", "dfe_csc_ks2_la"),
        ("dfe_csc_ks2_la (1).csv", "dfe_csc_ks2_la"),
        ("dfe_csc_ks2_la(2).csv", "dfe_csc_ks2_la"),
        ("KS2_LA.CSV", "ks2_la"),
    ],
)
def test_an_ees_data_set_is_the_files_own_name_without_a_copy_suffix(name: str, expected: str) -> None:
    assert data_set(Path("/tmp/anything") / name) == expected


def test_ees_ids_are_stable_for_a_data_set_and_column() -> None:
    assert indicator_id("dfe_csc_ks2_la", "t_writta_met_expected_standard") == "ees-dfe-csc-ks2-la-t-writta-met-expected-standard"
    assert indicator_id(data_set(Path("/a/x (1).csv")), "t_cla") == indicator_id(data_set(Path("/b/x.csv")), "t_cla")


@pytest.mark.parametrize(
    ("uploaded", "kept"),
    [
        ("dfe_csc_ks2_la.csv", "dfe_csc_ks2_la.csv"),
        ("C:\\Users\\me\\Downloads\\ks2 (1).csv", "ks2 (1).csv"),
        ("../../etc/passwd", "passwd.csv"),
        ("figures;rm -rf.csv", "figures_rm -rf.csv"),
        ("", "upload.csv"),
    ],
)
def test_the_page_imports_an_upload_under_its_own_safe_name(uploaded: str, kept: str) -> None:
    assert kept_name(uploaded) == kept
    assert "/" not in kept_name(uploaded) and "\\" not in kept_name(uploaded)


def test_a_page_upload_and_the_cli_give_the_same_ids(tmp_path: Path) -> None:
    """The server keeps the upload under the person's file name, so the CLI's path and the page agree."""
    cli_path = tmp_path / "cli" / "dfe_cla.csv"
    page_path = tmp_path / "0123456789abcdef0123456789abcdef" / kept_name("dfe_cla (1).csv")
    assert indicator_id(data_set(cli_path), "t_cla") == indicator_id(data_set(page_path), "t_cla")


def parent_of(placed: Placed, code: str) -> str | None:
    entry = placed.areas[code]
    return entry[2] if len(entry) > 2 else None


def test_a_ward_gets_its_district_from_the_ons_lookup() -> None:
    placed = parents.place({"E05004691": ("Adeyfield East", "ward", None)}, {}, {})
    assert parent_of(placed, "E05004691") == "E07000096"  # Dacorum (geo/README.md)
    assert placed.methods == {"ONS Ward to Local Authority District (December 2023) Lookup": 1}
    assert "ONS Ward to Local Authority District (December 2023) Lookup" in placed.notes()[0]


def test_an_msoa_gets_its_district_from_the_ons_lookup() -> None:
    placed = parents.place({"E02000001": ("City of London", "msoa", None)}, {}, {})
    assert parent_of(placed, "E02000001") == "E09000001"


def test_a_parent_the_file_gives_is_kept() -> None:
    placed = parents.place({"E05004691": ("Adeyfield East", "ward", "E10000015")}, {}, {})
    assert parent_of(placed, "E05004691") == "E10000015" and placed.methods == {}


def test_a_stored_ward_without_a_parent_is_placed_and_one_with_a_parent_is_left() -> None:
    placed = parents.place(
        {}, {"E05004691": ("Adeyfield East", "ward"), "E05004692": ("Adeyfield West", "ward")}, {"E05004692": "E07000096"}
    )
    assert placed.stored == {"E05004691": "E07000096"}


def test_a_ward_code_older_than_the_lookup_is_placed_by_its_name_within_the_files_districts() -> None:
    # E05004725 "Hertford Bengeo" (East Hertfordshire) was renumbered at a boundary review
    placed = parents.place(
        {"E05004725": ("Hertford Bengeo", "ward", None)}, {"E07000242": ("East Hertfordshire", "district")}, {}
    )
    assert parent_of(placed, "E05004725") == "E07000242"
    assert any("name in the" in method for method in placed.methods)


def test_an_unknown_ward_is_added_without_a_parent_and_said_so() -> None:
    placed = parents.place({"E05999999": ("Nowhere", "ward", None)}, {}, {})
    assert parent_of(placed, "E05999999") is None
    assert placed.unplaced == ["E05999999"] and "could not be placed" in placed.notes()[-1]
