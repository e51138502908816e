"""Lists of view URLs in one query value: ``?views=/compare%3F…,/trends%3F…`` (packs and slides).

Each item is a view path with its query, URL-encoded, and items are comma-separated. Because a
view's own query may contain commas (``areas=A,B``) and the outer value may arrive decoded once
(Flask, Dash) or not at all, items are split only at a comma that starts a new path (``,/``) or
a new absolute URL. Only the path and query are kept: a view list never points off-site.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

from components.paths import strip_app_root

MAX_VIEWS = 40
_SPLIT = re.compile(r",\s*(?=/|https?://|%2F|http%3A|https%3A)", re.IGNORECASE)


def normalise_view_url(item: str) -> str | None:
    item = item.strip()
    for _ in range(3):  # tolerate double encoding
        if item[:3].upper() == "%2F" or item[:7].lower() in {"http%3a", "https%3"}:
            item = unquote(item)
    if not item:
        return None
    parts = urlsplit(item)
    path = parts.path or "/"
    if not path.startswith("/"):
        path = "/" + path
    path = strip_app_root(path)  # an address copied from the browser under URL_PREFIX
    return path + (f"?{parts.query}" if parts.query else "")


def parse_view_list(raw: str | list[str] | None) -> list[str]:
    """The view URLs named in a ``views`` value (or several ``views`` values), in order."""
    if raw is None:
        return []
    values = raw if isinstance(raw, (list, tuple)) else [raw]
    urls: list[str] = []
    for value in values:
        text = str(value).strip()
        if not text:
            continue
        if not text.startswith(("/", "http")) and "%2F" in text[:4].upper():
            text = unquote(text) if "," not in text else text
        for item in _SPLIT.split(text):
            url = normalise_view_url(item)
            if url:
                urls.append(url)
    return urls[:MAX_VIEWS]


def view_list_param(urls: list[str]) -> str:
    """The ``views`` value for a list of view URLs: each URL-encoded, comma-separated."""
    return ",".join(quote(url, safe="") for url in urls)
