"""Helpers for the pages' URL-writing callbacks (the leading underscore keeps Dash Pages from
loading this module as a page).

Why: when a page is drawn, Dash may fire its URL callback with every control marked as
changed. That call is the page being rendered, not a choice, and must not rewrite the URL
(which would redraw the page and lose keyboard focus).
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl

import dash


def fired_by_render() -> bool:
    """True when more than one input fired at once: the page being drawn, not a user's change."""
    try:
        return len(dash.ctx.triggered_prop_ids) > 1
    except Exception:  # noqa: BLE001 - outside a callback (unit tests): a real call
        return False


def same_view(current_search: str | None, new_query: Mapping[str, str], implied: Mapping[str, str]) -> bool:
    """Whether ``new_query`` shows the same view as the current URL, counting the values the
    page filled in itself (``implied``, e.g. the latest period) as if the URL had named them."""
    current = dict(parse_qsl((current_search or "").lstrip("?")))
    for key, value in implied.items():
        if value:
            current.setdefault(key, value)
    wanted = {k: v for k, v in new_query.items() if v}
    return {k: v for k, v in current.items() if v} == wanted


def kept_settings(current_search: str | None, keys: tuple[str, ...]) -> dict[str, str]:
    """The URL-only settings (no control on the page, e.g. ``model=2021`` or ``colour=quartile``)
    that the current URL holds: a control change keeps them, so a shared link's choice survives."""
    current = dict(parse_qsl((current_search or "").lstrip("?")))
    return {key: current[key] for key in keys if current.get(key)}
