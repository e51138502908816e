"""Live refresh from the Fingertips API: download ``all_data/csv/by_indicator_id`` and import it.

``--profile ID`` / ``--group ID`` download ``all_data/csv/by_profile_id`` / ``by_group_id``
instead: every indicator of a profile (or of one of its groups) for the given child area
type (and parent area type, England by default; optionally one parent area).

The base URL comes from ``--base-url``, else ``FINGERTIPS_API_URL``, else the public
service. Offline, the user gets one clear line (``FetchError``), never a traceback. Tests
point the base URL at a local stub server that serves recorded files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import requests

from data_access.database import Database
from data_access.importers.common import ImportReport, ProgressCallback
from data_access.importers.http_get import FetchError, http_get

DEFAULT_BASE_URL = "https://fingertips.phe.org.uk/api"
ENDPOINT = "all_data/csv/by_indicator_id"


def base_url(explicit: str | None = None) -> str:
    return (explicit or os.environ.get("FINGERTIPS_API_URL") or DEFAULT_BASE_URL).rstrip("/")


def build_url(indicator_id: int, area_type_id: int | None = None, parent_code: str | None = None, base: str | None = None) -> str:
    params: dict[str, object] = {"indicator_ids": indicator_id}
    if area_type_id is not None:
        params["child_area_type_id"] = area_type_id
    if parent_code:
        params["parent_area_code"] = parent_code
    return f"{base_url(base)}/{ENDPOINT}?{urlencode(params)}"


#: Whole profile / profile group ("domain") downloads: every indicator of it for one area type.
PROFILE_ENDPOINT = "all_data/csv/by_profile_id"
GROUP_ENDPOINT = "all_data/csv/by_group_id"
#: Fingertips area type 15 is England: the parent type when none is given.
ENGLAND_AREA_TYPE = 15


def build_bundle_url(
    *,
    profile_id: int | None = None,
    group_id: int | None = None,
    area_type_id: int,
    parent_area_type_id: int | None = None,
    parent_code: str | None = None,
    base: str | None = None,
) -> str:
    """The all-data CSV of a whole profile (``profile_id``) or profile group (``group_id``)."""
    if (profile_id is None) == (group_id is None):
        raise ValueError("give exactly one of profile_id or group_id")
    params: dict[str, object] = {
        "child_area_type_id": area_type_id,
        "parent_area_type_id": parent_area_type_id if parent_area_type_id is not None else ENGLAND_AREA_TYPE,
    }
    if profile_id is not None:
        params["profile_id"] = profile_id
        endpoint = PROFILE_ENDPOINT
    else:
        params["group_id"] = group_id
        endpoint = GROUP_ENDPOINT
    if parent_code:
        params["parent_area_code"] = parent_code
    return f"{base_url(base)}/{endpoint}?{urlencode(params)}"


def download(url: str, destination: Path, timeout: float = 60.0) -> int:
    """Stream the CSV to ``destination``; returns bytes written. Raises FetchError."""
    status, _, size = http_get(
        url, timeout, service="the Fingertips API", setting="--base-url / FINGERTIPS_API_URL", destination=destination
    )
    if status != 200:
        raise FetchError(f"Fingertips API answered HTTP {status} for {url}")
    return size


METADATA_ENDPOINT = "indicator_metadata/by_indicator_id"


def metadata_url(indicator_id: int, base: str | None = None) -> str:
    return f"{base_url(base)}/{METADATA_ENDPOINT}?{urlencode({'indicator_ids': indicator_id})}"


def _find_polarity(entry: object) -> str | None:
    """The "Polarity" text anywhere in one indicator's metadata (a string or {"Name": ...})."""
    if isinstance(entry, dict):
        for key, value in entry.items():
            if str(key).lower() == "polarity":
                if isinstance(value, dict):
                    value = value.get("Name") or value.get("name")
                return str(value) if value else None
        for value in entry.values():
            found = _find_polarity(value)
            if found:
                return found
    return None


def polarity_from_metadata(payload: object, indicator_id: int) -> str | None:
    """Our polarity from the API's indicator metadata: "RAG - Low is good" -> lower_better.

    "BOB - Blue orange blue" and "Not applicable" mean no judgement. None when the metadata
    has no polarity for this indicator (the file's own evidence is used then).
    """
    from analytics.compare import normalise_polarity

    entry = payload.get(str(indicator_id)) if isinstance(payload, dict) else None
    if entry is None and isinstance(payload, list):
        entry = next((e for e in payload if isinstance(e, dict) and str(e.get("IID")) == str(indicator_id)), None)
    text = _find_polarity(entry)
    if not text:
        return None
    lowered = text.strip().lower()
    if "low is good" in lowered or "lower is better" in lowered:
        return "lower_better"
    if "high is good" in lowered or "higher is better" in lowered:
        return "higher_better"
    return normalise_polarity(text)


def fetch_polarity(indicator_id: int, base: str | None = None, timeout: float = 60.0) -> tuple[str | None, str]:
    """(polarity, note): the indicator's polarity from the metadata endpoint, never raising.

    The data download is what matters; if the metadata cannot be read the import goes on
    and the file's own Better/Worse columns decide, and the note says so.
    """
    url = metadata_url(indicator_id, base)
    try:
        response = requests.get(url, timeout=timeout)
        if response.status_code != 200:
            return None, f"indicator metadata not read (HTTP {response.status_code} for {url}); polarity from the file"
        polarity = polarity_from_metadata(response.json(), indicator_id)
    except (requests.exceptions.RequestException, ValueError) as error:
        return None, f"indicator metadata not read ({type(error).__name__}); polarity from the file"
    if polarity is None:
        return None, f"indicator metadata from {url} states no polarity; polarity from the file"
    return polarity, f"indicator metadata from {url}: polarity {polarity}"


def fetch_and_import(
    db: Database,
    indicator_id: int | None = None,
    area_type_id: int | None = None,
    parent_code: str | None = None,
    *,
    profile_id: int | None = None,
    group_id: int | None = None,
    parent_area_type_id: int | None = None,
    base_url: str | None = None,  # noqa: A002 - mirrors the CLI option
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    timeout: float = 60.0,
    update_metadata: bool = False,
) -> ImportReport:
    from data_access.importers.service import import_file

    if profile_id is not None or group_id is not None:
        if area_type_id is None:
            raise FetchError("a whole profile or group needs --area-type (the Fingertips area type id, e.g. 502 counties & UAs)")
        url = build_bundle_url(
            profile_id=profile_id,
            group_id=group_id,
            area_type_id=area_type_id,
            parent_area_type_id=parent_area_type_id,
            parent_code=parent_code,
            base=base_url,
        )
        what = f"profile {profile_id}" if profile_id is not None else f"group {group_id}"
    elif indicator_id is not None:
        url = build_url(indicator_id, area_type_id, parent_code, base_url)
        what = f"indicator {indicator_id}"
    else:
        raise FetchError("give --indicator, --profile or --group")
    with tempfile.TemporaryDirectory(prefix="ob-fingertips-") as folder:
        path = Path(folder) / f"fingertips_{what.replace(' ', '_')}.csv"
        if progress:
            progress("download", 0, 1)
        size = download(url, path, timeout)
        if progress:
            progress("download", 1, 1)
        if size == 0:
            raise FetchError(f"the Fingertips API returned an empty file for {what} ({url})")
        stated = None
        metadata_note = ""
        if indicator_id is not None:  # one indicator: its metadata states its polarity
            polarity, metadata_note = fetch_polarity(indicator_id, base_url, timeout)
            stated = {indicator_id: (polarity, "the Fingertips API indicator metadata")} if polarity else None
        report = import_file(
            db,
            path,
            fmt="fingertips",
            dry_run=dry_run,
            progress=progress,
            source_url=url,
            update_metadata=update_metadata,
            stated_polarity=stated,
        )
    if metadata_note:
        report.notes.insert(0, metadata_note)
    report.notes.insert(0, f"downloaded {size:,} bytes from {url}")
    return report
