"""Catalogue search by words and by legacy codes however they are typed."""

from __future__ import annotations

import pandas as pd

from components.indicator_catalogue import POLARITY_WORDS, catalogue_rows, search_catalogue, words

FRAME = pd.DataFrame(
    [
        {
            "id": "u18-conceptions",
            "name": "Under-18 conception rate",
            "short_name": "U18",
            "definition": "per 1,000 females",
            "topic": "Health",
            "publisher": "ONS",
            "codes": "NI 112",
            "unit": "per 1,000",
            "polarity": "lower_better",
            "has_data": True,
        },
        {
            "id": "cpr",
            "name": "Re-registrations on the child protection register",
            "short_name": None,
            "definition": None,
            "topic": "Safe",
            "publisher": None,
            "codes": "PAF A3",
            "unit": "%",
            "polarity": "ambiguous",
            "has_data": False,
        },
        {
            "id": "x112",
            "name": "Something with 1120 in it",
            "short_name": None,
            "definition": None,
            "topic": None,
            "publisher": None,
            "codes": "NI 1120",
            "unit": "%",
            "polarity": None,
            "has_data": False,
        },
    ]
)


def test_codes_match_however_typed() -> None:
    for query in ("NI 112", "ni112", "NI-112", " ni 112 "):
        assert search_catalogue(FRAME, query)["id"].tolist() == ["u18-conceptions"], query
    assert search_catalogue(FRAME, "PAF A3")["id"].tolist() == ["cpr"]


def test_words_match_all_words_and_blank_shows_everything() -> None:
    assert search_catalogue(FRAME, "conception rate")["id"].tolist() == ["u18-conceptions"]
    assert len(search_catalogue(FRAME, "")) == 3
    assert search_catalogue(FRAME, "nothing like this").empty


def test_rows_use_words_not_codes() -> None:
    rows = catalogue_rows(FRAME)
    assert rows["polarity_words"].tolist()[:2] == [POLARITY_WORDS["lower_better"], POLARITY_WORDS["ambiguous"]]
    assert rows["href"].iloc[0] == "/indicators/u18-conceptions"
    assert rows["data_shown"].tolist() == ["Yes", "No values yet", "No values yet"]
    assert words(POLARITY_WORDS, None) == "Not recorded"
