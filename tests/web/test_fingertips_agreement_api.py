"""Our API's ``compared_to_benchmark`` agrees with Fingertips' own "Compared to …" columns.

Every real Fingertips export we hold (../shared/realdata and ../shared/realdata/national) is
imported into one seeded database, as a user would load them, so each indicator's polarity
is the one the import learned. Then, per file, every whole-population row (Persons, no
category) that carries a published comparison is compared through ``/api/v1/data.json``
with ``benchmark=`` England (the England column) or the row's parent (the parent/region
column). Agreement is printed per file and must be at least 99% for each.

Files without a "Compared to" column (the fingertipsR 8-column NCMP extracts) have nothing
to agree with and are listed as such.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from data_access.database import Database
from data_access.importers import import_file
from tests.conftest import REALDATA
from tests.data_access.importers.conftest import seeded

pytestmark = pytest.mark.skipif(
    not REALDATA.is_dir(), reason=f"real published files not found at {REALDATA} (../shared is absent on this machine)"
)

ENGLAND = "E92000001"
TARGET = 0.99
#: Fingertips "Compared to …" words that are a comparison. "Not compared" (regions in a
#: region export, England against itself) and blanks are Fingertips making none, so there is
#: nothing to agree with; they are counted and printed, not scored.
LABELS = {"Better", "Worse", "Similar", "Higher", "Lower"}


def fingertips_files() -> list[Path]:
    if not REALDATA.is_dir():
        return []
    found = sorted(REALDATA.glob("fingertips_*.csv")) + sorted((REALDATA / "national").glob("fingertips_*.csv*"))
    return [p for p in found if _is_all_data_export(p)]


def _open_text(path: Path) -> str:
    raw = path.read_bytes()
    return (gzip.decompress(raw) if path.name.endswith(".gz") else raw).decode("utf-8-sig")


def _is_all_data_export(path: Path) -> bool:
    header = _open_text(path).split("\n", 1)[0]
    return "Indicator ID" in header or "IndicatorName" in header


def _read(path: Path) -> pd.DataFrame:
    import io

    return pd.read_csv(io.StringIO(_open_text(path)), dtype=str, keep_default_na=False)


def _period_key(label: str) -> str:
    return "".join(label.replace("/", "-").split())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, object]]:
    """Every real Fingertips export imported into one seeded SQLite database, and an API client."""
    folder = tmp_path_factory.mktemp("agreement")
    db = seeded("sqlite", folder)
    for path in fingertips_files():
        target = path
        if path.name.endswith(".gz"):
            target = folder / path.name[: -len(".gz")]
            target.write_bytes(gzip.decompress(path.read_bytes()))
        report = import_file(db, target)
        assert report.ok, f"{path.name}: " + "; ".join(map(str, report.problems[:5]))
    from app import create_app
    from settings import Settings

    app = create_app(Settings(database_url=db.url, cache_dir=str(folder / "cache")))
    yield db, app.server.test_client()


def _ours(client, indicator: str, areas: list[str], benchmark: str) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for start in range(0, len(areas), 40):
        chunk = areas[start : start + 40]
        response = client.get(f"/api/v1/data.json?indicator={indicator}&areas={','.join(chunk)}&benchmark={benchmark}")
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        for row in response.get_json()["rows"]:
            if row.get("breakdown_dimension") == "Total":
                out[(row["area_code"], _period_key(row["period"]))] = row["compared_to_benchmark"]
    return out


def _current_codes(client) -> dict[str, str]:
    """Predecessor code -> current code (Barnsley's E08000016 is stored as E08000038)."""
    out: dict[str, str] = {}
    for area in client.get("/api/v1/areas").get_json()["areas"]:
        for other in area.get("other_codes") or []:
            out[other] = area["code"]
    return out


def _our_id(client, fingertips_id: str) -> str:
    """Our indicator id for a Fingertips id (a seeded indicator keeps its own id)."""
    for indicator in client.get("/api/v1/indicators").get_json()["indicators"]:
        if indicator.get("fingertips_id") is not None and int(float(indicator["fingertips_id"])) == int(fingertips_id):
            return str(indicator["id"])
    return f"fingertips-{fingertips_id}"


def agreement(client, path: Path) -> tuple[int, int, list[str]]:
    """(agreed, compared, first misses) over the file's whole-population published comparisons."""
    frame = _read(path)
    columns = [c for c in frame.columns if c.startswith("Compared to") and "value" in c]
    if not columns:
        return 0, 0, []
    current = _current_codes(client)
    whole = frame[(frame["Sex"].isin(["Persons", ""])) & (frame["Category"] == "")]
    agreed = total = 0
    misses: list[str] = []
    for column in columns:
        rows = whole[whole[column].isin(LABELS)]
        is_england = "England" in column
        benchmark = pd.Series(ENGLAND, index=rows.index) if is_england else rows["Parent Code"]
        for (indicator, bench), group in rows.groupby([rows["Indicator ID"], benchmark]):
            if not bench:
                continue
            # the file is read with dtype=str, so both group keys are str (pandas types them as Hashable)
            ours = _ours(client, _our_id(client, str(indicator)), sorted(set(group["Area Code"])), str(bench))
            for area, period, label in zip(group["Area Code"], group["Time period"], group[column]):
                if area == bench:
                    continue  # an area is never compared with itself (Fingertips: "Not compared")
                total += 1
                mine = ours.get((current.get(area, area), _period_key(period)))
                if mine == label:
                    agreed += 1
                elif len(misses) < 10:
                    misses.append(f"{area} {period} vs {bench}: Fingertips {label!r}, ours {mine!r}")
    return agreed, total, misses


@pytest.mark.parametrize("path", fingertips_files(), ids=lambda p: p.name)
def test_api_comparison_agrees_with_fingertips(loaded, path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, client = loaded
    agreed, total, misses = agreement(client, path)
    share = agreed / total if total else 1.0
    with capsys.disabled():
        if total:
            print(f"\n{path.name}: {agreed}/{total} whole-population comparisons agree ({share:.1%})")
        else:
            print(f"\n{path.name}: no 'Compared to' column (fingertipsR extract); nothing to agree with")
    assert share >= TARGET, f"{path.name}: {agreed}/{total} ({share:.1%}); first misses: {misses}"
