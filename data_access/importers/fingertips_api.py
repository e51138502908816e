"""Live refresh from the Fingertips API: download ``all_data/csv/by_indicator_id`` and import it.

``--indicator ID --area-type ID`` downloads one indicator for one child area type; the request
always carries ``child_area_type_id`` and ``parent_area_type_id`` (15, England, unless
``--parent-area-type`` says otherwise), as fingertipsR and fingertips_py send them.
``--profile ID`` / ``--group ID`` alone download ``all_data/csv/by_profile_id`` /
``by_group_id`` instead: every indicator of a profile (or of one of its groups).

Polarity comes from ``indicator_metadata/csv/by_indicator_id``, the CSV variant: its "Polarity"
column ("RAG - Low is good", "RAG - High is good", "BOB - Blue orange blue", "Not applicable")
is the only place the API states it (the JSON ``indicator_metadata/by_indicator_id`` object has no
polarity field), and it can differ by profile, so ``profile_id`` is sent when ``--profile`` is
given with ``--indicator``.

The base URL comes from ``--base-url``, else ``FINGERTIPS_API_URL``, else the public
service. Offline, the user gets one clear line (``FetchError``), never a traceback; an error
answer's plain-text body is on that line. Tests point the base URL at a local stub server that
serves recorded files and the real metadata CSV columns.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

from analytics.compare import normalise_polarity
from data_access.database import Database
from data_access.importers.common import ImportReport, ProgressCallback
from data_access.importers.http_get import FetchError, http_error, http_get
from data_access.importers.service import import_file

DEFAULT_BASE_URL = "https://fingertips.phe.org.uk/api"
ENDPOINT = "all_data/csv/by_indicator_id"
SERVICE = "the Fingertips API"
SETTING = "--base-url / FINGERTIPS_API_URL"
#: Fingertips area type 15 is England: the parent type when none is given.
ENGLAND_AREA_TYPE = 15


def base_url(explicit: str | None = None) -> str:
    return (explicit or os.environ.get("FINGERTIPS_API_URL") or DEFAULT_BASE_URL).rstrip("/")


def build_url(
    indicator_id: int,
    area_type_id: int,
    parent_code: str | None = None,
    base: str | None = None,
    parent_area_type_id: int | None = None,
) -> str:
    """One indicator for one child area type, under its parent area type (England by default)."""
    params: dict[str, object] = {
        "indicator_ids": indicator_id,
        "child_area_type_id": area_type_id,
        "parent_area_type_id": parent_area_type_id if parent_area_type_id is not None else ENGLAND_AREA_TYPE,
    }
    if parent_code:
        params["parent_area_code"] = parent_code
    return f"{base_url(base)}/{ENDPOINT}?{urlencode(params)}"


#: Whole profile / profile group ("domain") downloads: every indicator of it for one area type.
PROFILE_ENDPOINT = "all_data/csv/by_profile_id"
GROUP_ENDPOINT = "all_data/csv/by_group_id"


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
    """Stream the CSV to ``destination``; returns bytes written. Raises FetchError, with what
    Fingertips said (plain text) on the line."""
    status, body, size = http_get(url, timeout, service=SERVICE, setting=SETTING, destination=destination)
    if status != 200:
        raise FetchError(http_error("Fingertips API", status, url, body))
    return size


METADATA_ENDPOINT = "indicator_metadata/csv/by_indicator_id"
#: The metadata CSV's columns that matter here (as fingertipsR and fingertips_py read them).
METADATA_ID_COLUMN = "Indicator ID"
METADATA_POLARITY_COLUMN = "Polarity"
#: Fingertips' polarity words → ours. "BOB" (blue/orange/blue) compares without better or worse.
POLARITY_WORDS = {
    "rag - low is good": "lower_better",
    "rag - high is good": "higher_better",
    "bob - blue orange blue": "no_judgement",
    "not applicable": "no_judgement",
}


def metadata_url(indicator_id: int, profile_id: int | None = None, base: str | None = None) -> str:
    params: dict[str, object] = {"indicator_ids": indicator_id}
    if profile_id is not None:
        params["profile_id"] = profile_id
    return f"{base_url(base)}/{METADATA_ENDPOINT}?{urlencode(params)}"


def polarity_from_words(text: str | None) -> str | None:
    """Our polarity for one "Polarity" cell; None for a blank cell (nothing stated)."""
    if text is None or not str(text).strip():
        return None
    lowered = str(text).strip().lower()
    return POLARITY_WORDS.get(lowered) or normalise_polarity(lowered)


def polarities_from_metadata_csv(text: str) -> dict[int, str]:
    """Indicator id → our polarity for every row of a metadata CSV that states one (empty when the
    file lacks the "Indicator ID" or "Polarity" column)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    fields = {str(f).strip(): f for f in reader.fieldnames or []}
    id_column, polarity_column = fields.get(METADATA_ID_COLUMN), fields.get(METADATA_POLARITY_COLUMN)
    if id_column is None or polarity_column is None:
        return {}
    found: dict[int, str] = {}
    for row in reader:
        raw_id, polarity = str(row.get(id_column) or "").strip(), polarity_from_words(row.get(polarity_column))
        if raw_id.isdigit() and polarity is not None:
            found.setdefault(int(raw_id), polarity)
    return found


def polarity_from_metadata_csv(text: str, indicator_id: int) -> str | None:
    """The polarity of ``indicator_id`` in the metadata CSV (one row per indicator), or None
    when the file has no row for it, no "Polarity" column, or a blank cell."""
    return polarities_from_metadata_csv(text).get(int(indicator_id))


BUNDLE_METADATA_ENDPOINTS = {
    "profile_id": "indicator_metadata/csv/by_profile_id",
    "group_id": "indicator_metadata/csv/by_group_id",
}


def fetch_bundle_polarities(
    key: str, value: int, base: str | None = None, timeout: float = 60.0
) -> tuple[dict[int, tuple[str, str]], str]:
    """({indicator id: (polarity, evidence)}, note) for every indicator of a profile or group, from
    its metadata CSV; never raising (the files' own columns decide where it cannot be read)."""
    url = f"{base_url(base)}/{BUNDLE_METADATA_ENDPOINTS[key]}?{urlencode({key: value})}"
    try:
        status, body, _ = http_get(url, timeout, service=SERVICE, setting=SETTING, accept="text/csv")
    except FetchError as error:
        return {}, f"indicator metadata not read ({error}); polarity from the file"
    if status != 200:
        return {}, f"indicator metadata not read ({http_error('Fingertips API', status, url, body)}); polarity from the file"
    found = polarities_from_metadata_csv(body.decode("utf-8", errors="replace"))
    stated = {iid: (polarity, "the Fingertips API indicator metadata") for iid, polarity in found.items()}
    return stated, f"indicator metadata from {url}: polarity stated for {len(stated)} indicator(s)"


def fetch_polarity(
    indicator_id: int, base: str | None = None, timeout: float = 60.0, *, profile_id: int | None = None
) -> tuple[str | None, str]:
    """(polarity, note): the indicator's polarity from the metadata CSV, never raising.

    The data download is what matters; if the metadata cannot be read the import goes on
    and the file's own Better/Worse columns decide, and the note says why.
    """
    url = metadata_url(indicator_id, profile_id, base)
    try:
        status, body, _ = http_get(url, timeout, service=SERVICE, setting=SETTING, accept="text/csv")
    except FetchError as error:
        return None, f"indicator metadata not read ({error}); polarity from the file"
    if status != 200:
        return None, f"indicator metadata not read ({http_error('Fingertips API', status, url, body)}); polarity from the file"
    polarity = polarity_from_metadata_csv(body.decode("utf-8", errors="replace"), indicator_id)
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
    base_url: str | None = None,  # mirrors the CLI option
    dry_run: bool = False,
    progress: ProgressCallback | None = None,
    timeout: float = 60.0,
    update_metadata: bool = False,
) -> ImportReport:
    url, what = _request_url(indicator_id, area_type_id, parent_code, profile_id, group_id, parent_area_type_id, base_url)
    with tempfile.TemporaryDirectory(prefix="ob-fingertips-") as folder:
        path = Path(folder) / f"fingertips_{what.replace(' ', '_')}.csv"
        if progress:
            progress("download", 0, 1)
        size = download(url, path, timeout)
        if progress:
            progress("download", 1, 1)
        if size == 0:
            raise FetchError(f"the Fingertips API returned an empty file for {what} ({url})")
        stated, metadata_note = _stated_polarity(indicator_id, profile_id, group_id, base_url, timeout)
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


def _request_url(
    indicator_id: int | None,
    area_type_id: int | None,
    parent_code: str | None,
    profile_id: int | None,
    group_id: int | None,
    parent_area_type_id: int | None,
    base_url: str | None,
) -> tuple[str, str]:
    """The download URL for what was asked (one indicator, or a whole profile or group) and its name in messages."""
    if indicator_id is None and (profile_id is not None or group_id is not None):
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
        if group_id is not None:
            raise FetchError("give --indicator or --group, not both (--profile with --indicator names whose polarity to read)")
        if area_type_id is None:
            raise FetchError(
                "fetch fingertips --indicator needs --area-type (the Fingertips child area type id, e.g. 502 counties & UAs)"
            )
        url = build_url(indicator_id, area_type_id, parent_code, base_url, parent_area_type_id)
        what = f"indicator {indicator_id}"
    else:
        raise FetchError("give --indicator, --profile or --group")
    return url, what


def _stated_polarity(
    indicator_id: int | None, profile_id: int | None, group_id: int | None, base_url: str | None, timeout: float
) -> tuple[dict[int, tuple[str, str]] | None, str]:
    """The polarity the Fingertips metadata states for what was fetched, and a note saying where it came from."""
    stated = None
    metadata_note = ""
    if indicator_id is not None:  # one indicator: its metadata states its polarity
        polarity, metadata_note = fetch_polarity(indicator_id, base_url, timeout, profile_id=profile_id)
        stated = {indicator_id: (polarity, "the Fingertips API indicator metadata")} if polarity else None
    else:  # a whole profile or group: the metadata CSV of that profile or group, one row per indicator
        key, value = ("profile_id", profile_id) if profile_id is not None else ("group_id", group_id)
        found, metadata_note = fetch_bundle_polarities(key, int(value or 0), base_url, timeout)
        stated = found or None
    return stated, metadata_note
