"""A parent for each ward or MSOA an import adds, when the file does not give one.

Why: without a parent a new ward is missing from ``/api/v1/areas?level=ward&parent=<district>`` and
from every list of a district's areas. The file's own parent column wins; otherwise the district
comes from the ONS lookups shipped in the published-data pack (``seed/published/area_parents.csv.gz``,
built by ``seed.pack.geo_lookup``), and the lookup's name is recorded with the import (its notes and
its source row), so anyone can see how the area was placed.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from data_access.importers.report import RegistrableArea
from settings import PROJECT_ROOT

LOOKUP = PROJECT_ROOT / "seed" / "published" / "area_parents.csv.gz"
#: the levels the lookup covers
LEVELS = frozenset({"ward", "msoa"})


NAME_METHOD = "the area's name in the {method}, within the districts the file covers (its code is older than the lookup)"


@lru_cache(maxsize=1)
def lookup() -> Mapping[str, tuple[str, str, str, str]]:
    """code -> (district code, method, name, level); read once per process, read-only."""
    if not LOOKUP.is_file():
        return MappingProxyType({})
    with gzip.open(LOOKUP, "rt", encoding="utf-8", newline="") as handle:
        return MappingProxyType(
            {row["code"]: (row["parent_code"], row["method"], row["name"], row["level"]) for row in csv.DictReader(handle)}
        )


@lru_cache(maxsize=1)
def by_name() -> Mapping[tuple[str, str], frozenset[tuple[str, str]]]:
    """(level, lower-case name) -> {(district code, method)}: for codes older than the lookup."""
    found: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for parent, method, name, level in lookup().values():
        found.setdefault((level, _key(name)), set()).add((parent, method))
    return MappingProxyType({key: frozenset(value) for key, value in found.items()})


def _key(name: str) -> str:
    return " ".join(name.lower().replace("&", "and").split())


@dataclass
class Placed:
    """What the lookup added: parents for new areas, parents for stored areas that had none, methods used."""

    areas: dict[str, RegistrableArea] = field(default_factory=dict)
    stored: dict[str, str] = field(default_factory=dict)
    methods: dict[str, int] = field(default_factory=dict)
    #: new wards/MSOAs left without a parent (no method placed them)
    unplaced: list[str] = field(default_factory=list)

    def notes(self) -> list[str]:
        notes = [
            f"{count:,} {'area' if count == 1 else 'areas'} placed in their district using "
            f"{method if method.startswith('the ') else 'the ' + method}; the file does not say which district."
            for method, count in sorted(self.methods.items())
        ]
        if self.unplaced:
            shown = ", ".join(self.unplaced[:5]) + ("…" if len(self.unplaced) > 5 else "")
            count = len(self.unplaced)
            notes.append(
                f"{count:,} {'area' if count == 1 else 'areas'} could not be placed in a district (codes older than the "
                f"ONS lookup, with no match by name or by neighbouring codes) and will be added without one: {shown}."
            )
        return notes


def place(to_register: dict[str, RegistrableArea], stored_levels: Mapping[str, str], stored_parents: Mapping[str, str]) -> Placed:
    """Fill the parent of each new ward/MSOA the file leaves without one, and of stored ones still without.

    ``stored_levels`` are the file's areas already in the database (code -> level) and ``stored_parents``
    the parents they have. A parent the file gives is never replaced.
    """
    table = lookup()
    placed = Placed(areas=dict(to_register))
    unplaced: list[str] = []
    for code, entry in to_register.items():
        if entry[1] not in LEVELS or (len(entry) > 2 and entry[2]):
            continue
        if code not in table:
            unplaced.append(code)
            continue
        parent, method = table[code][:2]
        placed.areas[code] = (entry[0], entry[1], parent)
        placed.methods[method] = placed.methods.get(method, 0) + 1
    for code, level in stored_levels.items():
        if level in LEVELS and not stored_parents.get(code) and code in table:
            parent, method = table[code][:2]
            placed.stored[code] = parent
            placed.methods[method] = placed.methods.get(method, 0) + 1
    _place_by_name(placed, unplaced, stored_levels)
    _place_by_code_block(placed, [code for code in unplaced if not _parent(placed.areas[code])])
    placed.unplaced = [code for code in unplaced if not _parent(placed.areas[code])]
    return placed


BLOCK_METHOD = (
    "the district of the file's wards with the nearest codes on both sides (ward codes are issued in one block "
    "per district at each boundary review; its code is older than the ONS lookup and its name is no longer used)"
)
BLOCK_GAP = 40


def _parent(entry: RegistrableArea) -> str | None:
    return entry[2] if len(entry) > 2 else None


def _place_by_code_block(placed: Placed, codes: list[str]) -> None:
    """A ward abolished before the lookup: its nearest placed codes below and above, if they agree."""
    known = sorted(
        (code, parent)
        for code, entry in placed.areas.items()
        if (parent := _parent(entry)) and entry[1] == "ward" and code not in codes
    )
    for code in codes:
        if placed.areas[code][1] != "ward":
            continue
        number = int(code[3:])
        below = [(c, p) for c, p in known if c[:3] == code[:3] and 0 < number - int(c[3:]) <= BLOCK_GAP]
        above = [(c, p) for c, p in known if c[:3] == code[:3] and 0 < int(c[3:]) - number <= BLOCK_GAP]
        if below and above and below[-1][1] == above[0][1]:
            placed.areas[code] = (placed.areas[code][0], "ward", below[-1][1])
            placed.methods[BLOCK_METHOD] = placed.methods.get(BLOCK_METHOD, 0) + 1


def _place_by_name(placed: Placed, codes: list[str], stored_levels: Mapping[str, str]) -> None:
    """A code older than the lookup (wards renumbered at a boundary review) keeps its name: where that
    name, at that level, sits in exactly one of the districts the file already covers, that is its parent."""
    covered = {e[2] for e in placed.areas.values() if len(e) > 2 and e[2]} | set(placed.stored.values())
    covered |= {code for code, level in stored_levels.items() if level in {"district", "unitary"}}
    for code in codes:
        name, level = placed.areas[code][0], placed.areas[code][1]
        options = {(parent, method) for parent, method in by_name().get((level, _key(name)), frozenset()) if parent in covered}
        if len({parent for parent, _ in options}) != 1:
            continue
        parent, method = next(iter(options))
        placed.areas[code] = (name, level, parent)
        named = NAME_METHOD.format(method=method)
        placed.methods[named] = placed.methods.get(named, 0) + 1
