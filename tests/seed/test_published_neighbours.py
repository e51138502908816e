"""The DfE statistical-neighbour lists in the published data and the database equal the DfE files.

The raw files key councils by old DfE LA number; this test maps them to GSS codes through the
DfE children-in-need file's own ``old_la_code``/``new_la_code`` columns (not through the published data's
area book), so a wrong mapping in the builder would show here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import data_access
from data_access import reads
from seed.published_data import PUBLISHED_DIR
from seed.publishing.io import read_published_frame

FILES = {"2025": "dfe_lait_sn_may_2025.csv", "2021": "dfe_lait_sn_april_2021.csv"}
#: The Hertfordshire 2012/13 and county→unitary recodes: the CIN file's latest code for each number.
LOOKUP_FILE = "dfe_csc_b1_children_in_need_2013_to_2025.csv"
#: Barnsley and Sheffield took new codes in 2024, after the DfE file's last year.
RECODED_2024 = {"E08000016": "E08000038", "E08000019": "E08000039"}


def _number_to_code(national: Path) -> dict[str, str]:
    frame = pd.read_csv(national / LOOKUP_FILE, dtype=str, usecols=["time_period", "old_la_code", "new_la_code"])
    frame = frame.dropna().sort_values("time_period")
    current = set(read_published_frame(PUBLISHED_DIR / "areas.csv.gz")["code"])
    latest: dict[str, str] = dict(zip(frame["old_la_code"], frame["new_la_code"]))  # the latest year's code wins
    mapped = {number: RECODED_2024.get(code, code) for number, code in latest.items()}
    return {number: code for number, code in mapped.items() if code in current}  # abolished councils drop out


def _expected(national: Path, model: str) -> dict[str, list[str]]:
    codes = _number_to_code(national)
    out: dict[str, list[str]] = {}
    with open(national / FILES[model], newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        next(reader)
        for cells in reader:
            number = cells[0].strip()
            if number not in codes:
                continue  # marker rows and abolished councils (counted in SOURCES.md)
            neighbours = [cells[5 + 2 * i].strip() for i in range(10)]
            mapped = [codes[n] for n in neighbours if n in codes]
            if mapped:
                out[codes[number]] = mapped
    return out


@pytest.mark.realdata
@pytest.mark.parametrize("model", sorted(FILES))
def test_published_lists_equal_the_dfe_file_for_every_council(realdata: Path, model: str) -> None:
    expected = _expected(realdata / "national", model)
    neighbours = read_published_frame(PUBLISHED_DIR / "neighbours.csv.gz")
    neighbours = neighbours[neighbours["model"] == model]
    got = {
        code: part.sort_values("rank", key=lambda r: r.astype(int))["neighbour_code"].tolist()
        for code, part in neighbours.groupby("area_code")
    }
    assert got == expected
    assert len(got) == (153 if model == "2025" else 151)


def test_database_holds_every_councils_group_in_order(seeded_db) -> None:
    data_access.configure(seeded_db.url)
    neighbours = read_published_frame(PUBLISHED_DIR / "neighbours.csv.gz")
    for model in ("2025", "2021"):
        loaded = reads.statistical_neighbours(None, model=model)
        want = neighbours[neighbours["model"] == model]
        assert len(loaded) == len(want)
        assert sorted(zip(loaded["area_code"], loaded["rank"].astype(str), loaded["code"])) == sorted(
            zip(want["area_code"], want["rank"], want["neighbour_code"])
        )
    herts = reads.statistical_neighbours("E10000015")
    assert herts["name"].tolist()[:3] == ["Oxfordshire", "Buckinghamshire", "Cambridgeshire"]
    assert herts["source_title"].iloc[0].startswith("Children's services statistical neighbour benchmarking tool")
