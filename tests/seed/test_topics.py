"""One topic list (issue 19, item 10): no near-duplicate topic names across the plans and the published data."""

from __future__ import annotations

import re

import pandas as pd

from seed.build_published import OUT_DIR, PLAN_INDICATORS
from seed.publishing.shared_indicators import TOPIC_ALIASES, topic_name


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def test_no_near_duplicate_topics() -> None:
    topics = set(pd.read_csv(OUT_DIR / "indicators.csv.gz", dtype=str)["topic"].dropna()) | set(
        pd.read_csv(PLAN_INDICATORS, dtype=str)["topic"].dropna()
    )
    assert not topics & set(TOPIC_ALIASES), "a folded topic name is still in use"
    squashed = {t: _squash(t) for t in topics}
    for a in topics:
        for b in topics:
            if a != b:
                # "Context"/"Contextual\\Other", "Health"/"Health and Wellbeing": one name starts the other
                assert not squashed[b].startswith(squashed[a]), f"near-duplicate topics {a!r} and {b!r}"
    assert {"Health", "Workforce", "Context"} <= topics


def test_topic_name_folds_the_aliases() -> None:
    assert topic_name("Health and Wellbeing") == "Health"
    assert topic_name("Children's Services Workforce") == "Workforce"
    assert topic_name("Contextual\\Other") == "Context"
    assert topic_name(" Key Stage 2 ") == "Key Stage 2"
    assert topic_name("Children with SEN") == "SEND"  # LAIT's name for the SEN2 return's subject
