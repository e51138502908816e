"""Small areas → districts: the ONS lookups the importer uses to give new wards and MSOAs a parent.

Why in the published data: a Fingertips or local file of ward or MSOA figures usually says nothing about which
district each area is in, and an area without a parent is invisible to ``/api/v1/areas?parent=`` and
to every page that lists a district's areas. The ONS publishes the lookups; shipping them (about 14,000
English rows, gzip-compressed) means the importer never needs the network. Built from the ``geo/``
folder of the realdata (``../shared/realdata/geo/README.md``) by ``python -m seed.build_published``;
read at import time by ``data_access.importers.parents``.

``area_parents.csv.gz`` columns: ``code, name, level, parent_code, parent_name, method`` — ``method``
names the lookup a parent came from, and is recorded with every import that uses it.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FILE = "area_parents.csv.gz"
COLUMNS = ("code", "name", "level", "parent_code", "parent_name", "method")
WARD_FILE = "ons_ward_to_lad_dec2023_uk.csv.gz"
MSOA_FILE = "msoa2021_to_lad_england.csv.gz"
WARD_METHOD = "ONS Ward to Local Authority District (December 2023) Lookup"
MSOA_METHOD = "ONS 2021 MSOA to local authority district lookup (compiled by drkane/geo-lookups)"
SOURCE_NOTE = (
    "## Small areas to districts (`area_parents.csv.gz`)\n\n"
    f"- Wards: {WARD_METHOD}, from `geo/{WARD_FILE}` (English E05 wards only).\n"
    f"- MSOAs: {MSOA_METHOD}, from `geo/{MSOA_FILE}`.\n"
    "- Source: Office for National Statistics licensed under the Open Government Licence v3.0.\n"
    "- Used by imports to give a new ward or MSOA its district when the file does not; the method is "
    "recorded with the import.\n"
)


def geo_dir(raw: Path) -> Path:
    """The ``geo/`` folder beside ``national/`` in the realdata folder."""
    return (raw.parent if raw.name == "national" else raw) / "geo"


def build(geo: Path) -> pd.DataFrame | None:
    """The lookup rows (English wards and MSOAs with their district), or None without the geo folder."""
    if not (geo / WARD_FILE).is_file() or not (geo / MSOA_FILE).is_file():
        return None
    wards = pd.read_csv(geo / WARD_FILE, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    wards = wards[wards["WD23CD"].str.startswith("E05")]
    ward_rows = pd.DataFrame(
        {
            "code": wards["WD23CD"],
            "name": wards["WD23NM"],
            "level": "ward",
            "parent_code": wards["LAD23CD"],
            "parent_name": wards["LAD23NM"],
            "method": WARD_METHOD,
        }
    )
    msoas = pd.read_csv(geo / MSOA_FILE, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    msoas = msoas[msoas["MSOA21CD"].str.startswith("E02")]
    msoa_rows = pd.DataFrame(
        {
            "code": msoas["MSOA21CD"],
            "name": msoas["MSOA21HCLNM"].where(msoas["MSOA21HCLNM"] != "", msoas["MSOA21NM"]),
            "level": "msoa",
            "parent_code": msoas["LADCD"],
            "parent_name": msoas["LADNM"],
            "method": MSOA_METHOD,
        }
    )
    rows = pd.concat([ward_rows, msoa_rows], ignore_index=True)
    rows = rows.drop_duplicates("code").sort_values("code", kind="stable").reset_index(drop=True)
    bad = rows[(rows["parent_code"].str.len() != 9) | (rows["code"].str.len() != 9)]
    if len(bad):
        raise ValueError(f"{len(bad)} lookup rows without a nine-character code or district: {bad['code'].head().tolist()}")
    return rows
