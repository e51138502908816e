"""Every English area on the April 2023 geography, with parents, old DfE numbers and recodes.

Why one book: each source names areas its own way (GSS codes old and new, DfE LA numbers,
region names) and all of them must land on the same current GSS code. Areas that were
abolished or merged (Cumbria, Northamptonshire, the pre-2023 North Yorkshire and Somerset
districts, Bournemouth and Poole) have no single successor, so their rows are dropped with a
reason rather than attributed to an area that is not the same place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics.codes import ENGLAND

LOOKUP = "ons_lookup_LTLA-UTLA_Apr23_Lookup_England-Wales.csv"
LA_FILE = "dfe_csc_b1_children_in_need_2013_to_2025.csv"

#: Same place, new code (boundary orders and the 2023/2024 recodes), predecessor -> current.
RECODES: dict[str, tuple[str, str, str]] = {
    "E07000100": ("E07000240", "2012-03-31", "St Albans and Welwyn Hatfield (Boundary Change) Order 2012"),
    "E07000104": ("E07000241", "2012-03-31", "St Albans and Welwyn Hatfield (Boundary Change) Order 2012"),
    "E07000097": ("E07000242", "2013-03-31", "East Hertfordshire and Stevenage (Boundary Change) Order 2013"),
    "E07000101": ("E07000243", "2013-03-31", "East Hertfordshire and Stevenage (Boundary Change) Order 2013"),
    "E06000048": ("E06000057", "2013-03-31", "Northumberland recoded April 2013 (boundary change)"),
    "E08000020": ("E08000037", "2013-03-31", "Gateshead recoded April 2013 (boundary change)"),
    "E08000016": ("E08000038", "2024-03-31", "Barnsley recoded April 2024 (boundary change)"),
    "E08000019": ("E08000039", "2024-03-31", "Sheffield recoded April 2024 (boundary change)"),
    "E10000002": ("E06000060", "2020-03-31", "Buckinghamshire county became a unitary on the same boundary, April 2020"),
    "E10000023": ("E06000065", "2023-03-31", "North Yorkshire county became a unitary on the same boundary, April 2023"),
    "E10000027": ("E06000066", "2023-03-31", "Somerset county became a unitary on the same boundary, April 2023"),
}

LEVEL_BY_PREFIX = {
    "E92": "country",
    "E12": "region",
    "E10": "county",
    "E06": "unitary",
    "E08": "unitary",
    "E09": "unitary",
    "E07": "district",
}


def _key(name: str) -> str:
    return " ".join(name.lower().replace("&", "and").replace(",", " ").split())


@dataclass
class AreaBook:
    """The current areas and every way a source may name them."""

    areas: pd.DataFrame  # code, name, short_name, level, parent_code, dfe_la_code, sort_order
    aliases: pd.DataFrame  # alias, area_code, scheme, valid_until, note
    _codes: set[str] = field(default_factory=set)
    _alias: dict[str, str] = field(default_factory=dict)
    _dfe: dict[str, str] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._codes = set(self.areas["code"])
        self._alias = dict(zip(self.aliases["alias"], self.aliases["area_code"]))
        self._dfe = {str(n): c for n, c in zip(self.areas["dfe_la_code"], self.areas["code"]) if n}
        for code, name, level in zip(self.areas["code"], self.areas["name"], self.areas["level"]):
            self._names.setdefault(f"{level}:{_key(name)}", code)
            self._names.setdefault(_key(name), code)

    def resolve(self, code: str) -> str | None:
        """The current GSS code for a current or predecessor code; None for abolished areas."""
        code = code.strip()
        if code in self._codes:
            return code
        return self._alias.get(code)

    def by_dfe(self, number: str) -> str | None:
        """The current code for an old DfE LA number (919 -> E10000015; 970 England; 98x regions)."""
        text = str(number).strip()
        if text.endswith(".0"):
            text = text[:-2]
        return self._dfe.get(text)

    def by_name(self, name: str, level: str | None = None) -> str | None:
        key = _key(name)
        return self._names.get(f"{level}:{key}") if level else self._names.get(key)

    def level(self, code: str) -> str | None:
        row = self.areas.loc[self.areas["code"] == code, "level"]
        return None if row.empty else str(row.iloc[0])


# DfE numbers LAIT uses for England and the regions (dfe_lait_la_code_list.csv).
AGGREGATE_DFE = {
    "970": "E92000001",
    "980": "E12000001",
    "981": "E12000002",
    "982": "E12000003",
    "983": "E12000004",
    "984": "E12000005",
    "985": "E12000006",
    "986": "E12000007",
    "989": "E12000008",
    "990": "E12000009",
}


def build_areas(raw: Path) -> AreaBook:
    """England, the 9 regions, 153 upper-tier and 296 lower-tier areas (April 2023, England only)."""
    lookup = pd.read_csv(raw / LOOKUP, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    lookup = lookup[lookup["LTLA23CD"].str.startswith("E")].copy()
    for column in ("LTLA23CD", "UTLA23CD"):  # the April 2023 lookup predates the 2024 recodes
        lookup[column] = lookup[column].map(lambda c: RECODES[c][0] if c in RECODES else c)
    las = pd.read_csv(raw / LA_FILE, dtype=str, keep_default_na=False)
    regions = (
        las[las["geographic_level"] == "Regional"][["region_code", "region_name"]]
        .drop_duplicates()
        .query("region_code.str.startswith('E12')", engine="python")
    )
    la_rows = las[las["geographic_level"] == "Local authority"].sort_values("time_period")
    la_rows = la_rows.assign(new_la_code=la_rows["new_la_code"].map(lambda c: RECODES[c][0] if c in RECODES else c))
    latest = la_rows.drop_duplicates("new_la_code", keep="last").set_index("new_la_code")
    dfe_number = {code: row["old_la_code"] for code, row in latest.iterrows()}
    # London boroughs carry Inner/Outer London (E13) in DfE files; their region is London (E12000007)
    region_of = {
        code: ("E12000007" if row["region_code"].startswith("E13") else row["region_code"]) for code, row in latest.iterrows()
    }

    records: list[dict[str, str]] = [
        {"code": ENGLAND, "name": "England", "level": "country", "parent_code": "", "dfe_la_code": "970"}
    ]
    numbers = {v: k for k, v in AGGREGATE_DFE.items()}
    for code, name in sorted(zip(regions["region_code"], regions["region_name"])):
        records.append(
            {"code": code, "name": name, "level": "region", "parent_code": ENGLAND, "dfe_la_code": numbers.get(code, "")}
        )
    utlas = lookup[["UTLA23CD", "UTLA23NM"]].drop_duplicates().sort_values("UTLA23NM")
    for code, name in zip(utlas["UTLA23CD"], utlas["UTLA23NM"]):
        if code not in region_of:
            raise ValueError(f"no region for upper-tier area {code} {name} in {LA_FILE}")
        records.append(
            {
                "code": code,
                "name": name,
                "level": LEVEL_BY_PREFIX[code[:3]],
                "parent_code": region_of[code],
                "dfe_la_code": dfe_number.get(code, ""),
            }
        )
    districts = lookup[lookup["LTLA23CD"].str.startswith("E07")].sort_values("LTLA23NM")
    for code, name, parent in zip(districts["LTLA23CD"], districts["LTLA23NM"], districts["UTLA23CD"]):
        records.append({"code": code, "name": name, "level": "district", "parent_code": parent, "dfe_la_code": ""})
    areas = pd.DataFrame.from_records(records)
    areas["short_name"] = areas["name"]
    order = {"country": 0, "region": 1, "county": 2, "unitary": 2, "district": 3}
    areas = areas.sort_values(by=["level"], key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    areas["sort_order"] = (areas.index + 1).astype(str)
    areas = areas[["code", "name", "short_name", "level", "parent_code", "dfe_la_code", "sort_order"]]

    alias_records = [
        {"alias": old, "area_code": new, "scheme": "predecessor_gss", "valid_until": until, "note": note}
        for old, (new, until, note) in sorted(RECODES.items())
    ]
    aliases = pd.DataFrame.from_records(alias_records)
    return AreaBook(areas, aliases)
