"""Export bench: one warm PNG export and a 10-view PDF board pack, through the real endpoints.

    .venv/bin/python bench/export_bench.py            # prints seconds; targets ≤ 1 s and ≤ 15 s

Builds the app against a freshly migrated and seeded SQLite database in a temporary directory,
starts kaleido's browser once (the cold start is reported separately), then times
``/export/compare.png`` (median of 5 warm runs) and ``/pack.pdf`` with ten compare views.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PNG_URL = "/export/compare.png?indicator=u18-conceptions&areas=E07000243,E07000095&period=2021"
DISTRICTS = [
    "E07000095",
    "E07000096",
    "E07000098",
    "E07000099",
    "E07000102",
    "E07000103",
    "E07000240",
    "E07000241",
    "E07000242",
    "E07000243",
]


def pack_views() -> list[str]:
    views = [f"/compare?indicator=u18-conceptions&areas=E07000243,{code}" for code in DISTRICTS[:8]]
    views += ["/compare?indicator=u18-conceptions&view=tiles", "/compare?indicator=u18-conceptions&areas=all"]
    return views


def main() -> None:
    from app import create_app
    from data_access.database import Database
    from data_access.schema import migrate
    from seed.loader import load_seed
    from settings import Settings
    from views.viewlist import view_list_param

    with tempfile.TemporaryDirectory() as folder:
        db = Database(f"sqlite:///{Path(folder) / 'bench.db'}")
        migrate(db)
        load_seed(db)
        client = create_app(Settings(database_url=db.url, cache_dir=str(Path(folder) / "cache"))).server.test_client()

        start = time.perf_counter()
        first = client.get(PNG_URL)
        cold = time.perf_counter() - start
        assert first.status_code == 200, first.data[:300]

        warm = []
        for _ in range(5):
            start = time.perf_counter()
            response = client.get(PNG_URL)
            warm.append(time.perf_counter() - start)
            assert response.status_code == 200
        views = pack_views()
        start = time.perf_counter()
        pack = client.get(f"/pack.pdf?views={view_list_param(views)}&title=Bench+board+pack")
        pack_seconds = time.perf_counter() - start
        assert pack.status_code == 200, pack.data[:300]

        import io

        from pypdf import PdfReader

        pages = len(PdfReader(io.BytesIO(pack.data)).pages)
    print(f"PNG export (3200x1800), cold first call: {cold:.2f} s")
    print(
        f"PNG export (3200x1800), warm median of 5: {statistics.median(warm):.2f} s (min {min(warm):.2f}, max {max(warm):.2f}; target <= 1 s)"
    )
    print(
        f"PDF board pack, {len(views)} views: {pack_seconds:.2f} s, {pages} pages, {len(pack.data) / 1e6:.1f} MB (target <= 15 s)"
    )


if __name__ == "__main__":
    main()
