"""Areas a file may add to the area table: well-formed GSS codes that the file names.

Why: analysts download Fingertips exports that mix the county and its districts with wards,
MSOAs or ICBs. Refusing the whole file because those small areas are not yet in the area
table made the files unusable. A code is only registered when it is a well-formed GSS code
of a known entity type AND the file gives it a name; anything else stays an error with its
line, so a typo is never silently turned into a new area.
"""

from __future__ import annotations

import re

#: GSS entity prefix -> our area level. Only English entities we can place in the hierarchy.
GSS_LEVELS: dict[str, str] = {
    "E92": "country",
    "E12": "region",
    "E10": "county",
    "E11": "county",  # metropolitan counties
    "E06": "unitary",
    "E07": "district",
    "E08": "district",  # metropolitan districts
    "E09": "district",  # London boroughs
    "E05": "ward",
    "E02": "msoa",
    "E01": "lsoa",
    "E54": "icb",
    "E38": "sub_icb",
    "E40": "region",  # NHS England regions
    "E47": "combined_authority",  # combined authorities and city regions
    "E13": "other",  # Inner and Outer London
}
#: Registration order, so a parent registered by the same file is inserted before its children.
LEVEL_ORDER = (
    "country",
    "region",
    "combined_authority",
    "icb",
    "county",
    "unitary",
    "sub_icb",
    "district",
    "ward",
    "msoa",
    "lsoa",
    "other",
)
#: Levels whose rows sort after the council-level areas in menus (sort_order).
SMALL_AREA_LEVELS = frozenset({"ward", "msoa", "lsoa", "sub_icb", "icb"})

_GSS = re.compile(r"^[EWSNK]\d{8}$")


def is_well_formed_gss(code: str) -> bool:
    """A nine-character GSS code: a country letter and eight digits (E05011234)."""
    return bool(_GSS.match(code or ""))


def gss_level(code: str) -> str | None:
    """Our level for a well-formed GSS code of a known entity type; None otherwise."""
    if not is_well_formed_gss(code):
        return None
    return GSS_LEVELS.get(code[:3])


def sort_order(level: str) -> int:
    if level == "country":
        return 0
    if level in SMALL_AREA_LEVELS:
        return 5
    return 1


def registrable_from_columns(
    codes: list[str], names: list[str], parents: list[str] | None = None, levels: list[str] | None = None
) -> dict[str, tuple[str, str, str | None]]:
    """code -> (name, level, parent code) for every well-formed code the file names.

    ``levels`` (the file's own area type, already mapped) wins over the GSS prefix when it
    is specific; the prefix decides when the file says nothing or only "other". A code with
    a blank name is left out (validation then reports it as unknown, with its lines).
    """
    out: dict[str, tuple[str, str, str | None]] = {}
    parents = parents or [""] * len(codes)
    levels = levels or [""] * len(codes)
    for code, name, parent, stated in zip(codes, names, parents, levels):
        if code in out or not name:
            continue
        level = gss_level(code)
        if level is None:
            continue
        if stated and stated not in ("other", "") and not (stated == "county" and level == "unitary"):
            level = stated
        parent_code = parent if parent and is_well_formed_gss(parent) and parent != code else None
        out[code] = (name, level, parent_code)
    return out


def unregistrable_reason(code: str, name: str | None) -> str | None:
    """Why an unknown code cannot be registered from the file, for the error message."""
    if not is_well_formed_gss(code):
        return "is not a well-formed GSS code (a letter and eight digits, e.g. E05011234)"
    if code[0] != "E" or code[:3] in ("K02", "K03", "K04", "K99"):
        return (
            "is outside England (Wales, Scotland, Northern Ireland or a UK/GB total); the area table holds "
            "English areas, so these rows cannot be placed"
        )
    if gss_level(code) is None:
        return f"is a GSS code of entity type {code[:3]}, which the importer cannot place in the area hierarchy"
    if not name:
        return "has no area name in the file, so it cannot be added to the area table"
    return None
