"""A parent for each ward or MSOA an import adds, when the file does not give one.

Why: without a parent a new ward is missing from ``/api/v1/areas?level=ward&parent=<district>`` and
from every list of a district's areas. The file's own parent column wins; otherwise the district
comes from the ONS lookups shipped in the published data (``seed/published/area_parents.csv.gz``,
built by ``seed.publishing.geo_lookup``), and the lookup's name is recorded with the import (its notes and
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


def place(
    to_register: dict[str, RegistrableArea], stored: Mapping[str, tuple[str, str]], stored_parents: Mapping[str, str]
) -> Placed:
    """Fill the parent of each new ward/MSOA the file leaves without one, and of stored ones still without.

    ``stored`` are the file's areas already in the database (code -> (name, level)) and ``stored_parents``
    the parents they have. A parent the file gives, or one already stored, is never replaced. Three
    methods in turn: the code in the ONS lookup; for a code older than the lookup, its name in the
    lookup within the districts the file covers; then the district of the wards with the nearest codes.
    """
    work: dict[str, tuple[str, str]] = {
        code: (entry[0], entry[1]) for code, entry in to_register.items() if entry[1] in LEVELS and not _parent(entry)
    }
    work |= {code: entry for code, entry in stored.items() if entry[1] in LEVELS and not stored_parents.get(code)}
    found: dict[str, str] = {}
    methods: dict[str, int] = {}

    def found_by(code: str, parent: str, method: str) -> None:
        found[code] = parent
        methods[method] = methods.get(method, 0) + 1

    table = lookup()
    for code in work:
        if code in table:
            found_by(code, table[code][0], table[code][1])
    covered = set(found.values()) | {p for e in to_register.values() if (p := _parent(e))} | set(stored_parents.values())
    covered |= {code for code, (_, level) in stored.items() if level in {"district", "unitary"}}
    for code, (name, level) in work.items():
        options = {(p, m) for p, m in by_name().get((level, _key(name)), frozenset()) if p in covered and code not in found}
        if len({p for p, _ in options}) == 1:
            parent, method = next(iter(options))
            found_by(code, parent, NAME_METHOD.format(method=method))
    wards = {code: p for code, e in to_register.items() if e[1] == "ward" and (p := _parent(e))}
    wards |= {code: stored_parents[code] for code, (_, level) in stored.items() if level == "ward" and stored_parents.get(code)}
    wards |= {code: p for code, p in found.items() if work[code][1] == "ward"}
    known = sorted(wards.items())
    for code, (_, level) in work.items():
        if level == "ward" and code not in found and (block := _block_parent(code, known)):
            found_by(code, block, BLOCK_METHOD)
    placed = Placed(areas=dict(to_register), methods=methods)
    for code, district in found.items():
        if code in to_register:
            placed.areas[code] = (to_register[code][0], to_register[code][1], district)
        else:
            placed.stored[code] = district
    placed.unplaced = [code for code in work if code not in found]
    return placed


BLOCK_METHOD = (
    "the district of the file's wards with the nearest codes on both sides (ward codes are issued in one block "
    "per district at each boundary review; its code is older than the ONS lookup and its name is no longer used)"
)
BLOCK_GAP = 40


def _parent(entry: RegistrableArea) -> str | None:
    return entry[2] if len(entry) > 2 else None


def _block_parent(code: str, known: list[tuple[str, str]]) -> str | None:
    """A ward abolished before the lookup: the district of its nearest placed codes below and above, if they agree."""
    number = int(code[3:])
    below = [p for c, p in known if c[:3] == code[:3] and 0 < number - int(c[3:]) <= BLOCK_GAP]
    above = [p for c, p in known if c[:3] == code[:3] and 0 < int(c[3:]) - number <= BLOCK_GAP]
    return below[-1] if below and above and below[-1] == above[0] else None
