"""Which format a file is in, from its header row alone."""

from __future__ import annotations

from data_access.importers.common import squash

FORMATS = ("fingertips", "ees", "ons-els", "native")

_FINGERTIPS_FULL = {"indicatorid", "indicatorname", "areacode", "timeperiod", "value"}
_FINGERTIPS_SHORT = {"indicatorname", "areacode", "timeperiod", "value"}
_EES = {"timeperiod", "timeidentifier", "geographiclevel"}
_ONS = {"areacd", "period", "observation"}
_NATIVE = {"indicatorid", "areacode", "period", "value"}


def detect_format(header: list[str]) -> str | None:
    """'fingertips', 'ees', 'ons-els', 'native' or None when the header is none of them."""
    names = {squash(name) for name in header}
    if _EES <= names:
        return "ees"
    if _ONS <= names:
        return "ons-els"
    if _NATIVE <= names and "period" in names:
        return "native"
    if _FINGERTIPS_FULL <= names or _FINGERTIPS_SHORT <= names:
        return "fingertips"
    return None


def describe_expected() -> str:
    return (
        "expected a Fingertips export (Indicator ID, Indicator Name, Area Code, Time period, Value, …), "
        "a DfE EES tidy file (time_period, time_identifier, geographic_level, …), an ONS Explore Local "
        "Statistics file (areacd, period, observation, …) or the native CSV (indicator_id, area_code, "
        "period, value, …; see docs/native-csv.md)"
    )
