"""Presentation slides from view URLs (used by ``pages/present.py`` and ``pages/present_deck.py``)."""

from __future__ import annotations

import logging

from components.slides import Slide
from views.base import Query, ViewNotFound
from views.registry import views_from_url

log = logging.getLogger("outcome_bees.present")


def slides_for(urls: list[str]) -> list[Slide]:
    """One slide per chart of each view URL; a view that cannot be built becomes an explanatory slide."""
    slides: list[Slide] = []
    for url in urls:
        try:
            _, views = views_from_url(url)
        except ViewNotFound as missing:
            slides.append(Slide(url, problem=f"{missing.message} (slide link: {url})"))
            continue
        except Exception:  # one broken view must not stop the meeting
            log.exception("Slide %s could not be built", url)
            slides.append(Slide(url, problem=f"This view could not be built just now (slide link: {url})."))
            continue
        if not views:
            slides.append(Slide(url, problem="This view has no chart."))
        slides.extend(Slide(url, key=view.key, figure=view.figure, text=view.text) for view in views)
    return slides


def auto_seconds(query: Query) -> int:
    """``?auto=30``: seconds per slide for auto-advance (5–3600), else 0 (off)."""
    try:
        value = int(str(query.get("auto") or 0))
    except ValueError:
        return 0
    return value if 5 <= value <= 3600 else 0
