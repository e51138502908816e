"""Values at the publisher's precision (issue 19, item 8): whole-number series read "63%", not "63.0%"."""

from __future__ import annotations

import pandas as pd

from seed.published_merge import _publisher_precision, printed_decimals


def test_printed_decimals_ignores_trailing_zeros_and_float_artefacts() -> None:
    values = pd.Series(["63", "63.0", "17.8", "36.200000000000003", "12.50"])
    assert printed_decimals(values).tolist() == [0, 0, 1, 1, 1]


def test_whole_number_series_lose_the_decimal_place_and_others_keep_theirs() -> None:
    rows = {"indicators": [{"id": "ks2", "decimals": 1}, {"id": "rate", "decimals": 1}, {"id": "finer", "decimals": 1}]}
    obs = pd.DataFrame(
        {
            "indicator_id": ["ks2", "ks2", "ks2", "rate", "rate", "finer"],
            "value": ["63", "63.0", "", "17.8", "18", "1.234"],
        }
    )
    _publisher_precision(rows, obs)
    assert [i["decimals"] for i in rows["indicators"]] == [0, 1, 1]  # never more than the catalogue's


def test_seeded_ks2_reads_as_a_whole_number(seeded_sqlite) -> None:
    from components.formatting import format_value
    from data_access import reads

    meta = reads.indicator("ks2-rwm-expected", db=seeded_sqlite)
    assert meta is not None and int(meta["decimals"]) == 0
    assert format_value(63.0, meta["value_type"], int(meta["decimals"])) == "63%"
