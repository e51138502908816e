"""Whose product this is: the home council (``HOME_AREA``), and the defaults that follow from it.

Why one module: every page opens on the home council (``/`` on its plan, ``/compare`` on its
districts or its statistical neighbours, ``/gaps``, ``/trends``, ``/neighbours``, ``/send`` and the
area profile on the council itself), and a district's benchmark is its own county. Asking
``home_area()`` here, instead of a constant, is what lets any council run the app as its own
without changing code; the default-benchmark rule lives in ``default_benchmark`` and nowhere else.

The code is set once at start-up by ``app.create_app`` (``configure``), which refuses an unknown or
non-council code with a message that says what to set instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from analytics.codes import DEFAULT_HOME_AREA, ENGLAND, is_council_code
from data_access import reads
from data_access.reads.records import AreaRecord
from views.benchmarks import SN

#: Area levels that are councils (upper tier): counties and unitary, metropolitan and London councils.
COUNCIL_LEVELS = ("county", "unitary")
#: The most areas /compare draws at once.
MAX_COMPARE_AREAS = 12


#: The name shown before the area table is loaded, for the default home.
KNOWN_NAMES = {DEFAULT_HOME_AREA: "Hertfordshire"}


class HomeAreaError(ValueError):
    """``HOME_AREA`` is not a council this app knows; the message says why and what to set."""


_home: dict[str, str] = {"code": DEFAULT_HOME_AREA}


def home_area() -> str:
    """The GSS code of the council whose product this is (``HOME_AREA``; default Hertfordshire)."""
    return _home["code"]


def check(code: str) -> str:
    """The code if it names a council in the area table; ``HomeAreaError`` otherwise.

    With an empty area table (a database not yet seeded) only the code's form is checked, so
    ``migrate`` and ``seed`` can run before the app is first started."""
    value = (code or "").strip().upper()
    try:
        found = reads.area(value) if value else None
        known = not reads.areas(levels=list(COUNCIL_LEVELS)).empty
    except Exception:  # noqa: BLE001 - no schema yet: only the code's form can be checked
        found, known = None, False
    if found is not None and found.get("level") not in COUNCIL_LEVELS:
        raise HomeAreaError(
            f"HOME_AREA={value} is {found.get('name')}, a {found.get('level')}, not a council. "
            "Set it to the code of the council whose product this is (a county, unitary, metropolitan or London council)."
        )
    if not is_council_code(value):
        raise HomeAreaError(
            f"HOME_AREA={code!r} is not a council's GSS code. Set it to a county (E10…), unitary (E06…), "
            "metropolitan (E08…) or London (E09…) council's code, e.g. E10000015 for Hertfordshire."
        )
    if found is None and known:
        raise HomeAreaError(
            f"HOME_AREA={value} is not in the area table: no council has that code. "
            "Check the code (current GSS codes, e.g. E10000012 for Essex) or load the data first."
        )
    return value


def configure(code: str) -> str:
    """Check ``code`` and make it the home council for this process (``app.create_app`` calls it)."""
    _home["code"] = check(code)
    return _home["code"]


def home() -> AreaRecord:
    """The home council's area row (code and name at least, even before the data is loaded)."""
    code = home_area()
    try:
        found = reads.area(code)
    except Exception:  # noqa: BLE001 - no schema yet (the app module imported before `migrate`): the code stands in
        found = None
    return found or {
        "code": code,
        "name": KNOWN_NAMES.get(code, code),
        "short_name": code,
        "level": "county",
        "parent_code": None,
        "dfe_la_code": None,
    }


def home_name() -> str:
    return str(home()["name"])


def is_county(code: str | None = None) -> bool:
    """A county council (two tiers, with districts) rather than a unitary, metropolitan or London one."""
    found = reads.area(code or home_area())
    return bool(found) and found is not None and found.get("level") == "county"


def districts(county: str | None = None) -> list[str]:
    """The county's districts in the area table's order (none for a unitary council)."""
    code = county or home_area()
    frame = reads.areas(levels=["district"], parent=code)
    return [str(c) for c in frame["code"]] if not frame.empty else []


def region() -> str | None:
    """The home council's region (its parent in the area table)."""
    parent = home().get("parent_code")
    return str(parent) if isinstance(parent, str) and parent else None


def default_benchmark(areas: Sequence[str], indicator_id: str | None = None) -> str:
    """THE default benchmark rule: a district is compared with its own county (through the area
    table) where that county has values for the indicator; a council with its statistical
    neighbours; anything else with England."""
    first_area = reads.area(areas[0]) if areas else None
    if first_area and first_area.get("level") == "district" and first_area.get("parent_code"):
        county = str(first_area["parent_code"])
        if indicator_id is None or not reads.series(indicator_id, [county]).empty:
            return county
        return ENGLAND
    if first_area and first_area.get("level") in COUNCIL_LEVELS:
        return SN
    return ENGLAND


def compare_defaults() -> tuple[list[str], str]:
    """What ``/compare`` opens on: a county's districts against the county, or a unitary,
    metropolitan or London council against its statistical neighbours."""
    code = home_area()
    if is_county(code):
        own = districts(code)[:MAX_COMPARE_AREAS]
        if own:
            return own, code
    return [code], SN
