"""HTML attributes Dash has no keyword for (``aria-*``, ``data-*``), ready to splat into a component,
and ``Child``, the type of what a component takes as children.

Dash 4 types every named property of ``html.*`` components and takes wildcard attributes through
``**kwargs``, which it leaves untyped. A plain ``**{"aria-label": ...}`` is a ``dict[str, str]``,
which mypy checks against every named property too; ``**attrs({...})`` says these are wildcard
attributes, so the named ones stay checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash.development.base_component import Component


def attrs(values: Mapping[str, str]) -> dict[str, Any]:
    """``aria-*``/``data-*`` attributes for ``html.X(..., **attrs({"aria-label": "Main"}))``."""
    bad = [name for name in values if not name.startswith(("aria-", "data-"))]
    if bad:
        raise ValueError(f"not a wildcard attribute (use the keyword argument): {', '.join(bad)}")
    return dict(values)


#: What Dash accepts as one child of a component (``children`` is one of these or a sequence of them).
Child = str | int | float | Component | None
