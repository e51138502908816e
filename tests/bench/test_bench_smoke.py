"""A tiny run of the bench generator and harness, so ``make bench`` keeps working (< 30 s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from bench import generate as gen
from bench import run as harness
from data_access.database import Database
from data_access.models import Area, Observation


def test_generator_is_deterministic_and_realistic(tmp_path: Path) -> None:
    first = f"sqlite:///{tmp_path / 'a.db'}"
    second = f"sqlite:///{tmp_path / 'b.db'}"
    meta = gen.generate(first, "small", quiet=True)
    gen.generate(second, "small", quiet=True)
    assert meta["observations"] == gen.expected_observations(gen.SCALES["small"])
    rows = []
    for url in (first, second):
        with Database(url).engine.connect() as connection:
            rows.append(
                connection.execute(
                    select(
                        Observation.indicator_id,
                        Observation.area_code,
                        Observation.breakdown_value,
                        Observation.value,
                        Observation.lower_ci95,
                        Observation.status,
                    ).order_by(Observation.id)
                ).all()
            )
            codes = set(connection.scalars(select(Area.code)))
            suppressed = connection.scalar(select(func.count()).where(Observation.status == "c", Observation.value.is_(None)))
            zero_for_missing = connection.scalar(
                select(func.count()).where(Observation.status.is_not(None), Observation.value.is_not(None))
            )
    assert rows[0] == rows[1]
    assert {"E92000001", "E10000015", "E07000243", "E12000006"} <= codes
    assert suppressed is not None and suppressed > 0 and zero_for_missing == 0
    generated = gen.generated_scale(Database(first))
    assert generated is not None and generated["complete"] is True
    assert gen.expected_observations(gen.SCALES["national"]) > 9_000_000


def test_harness_smoke_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'small.db'}"
    out = tmp_path / "BENCH.md"
    code = harness.main(
        [
            "--scale",
            "small",
            "--backends",
            "sqlite",
            "--sqlite-url",
            url,
            "--iterations",
            "3",
            "--naive-repeats",
            "1",
            "--no-http",
            "--no-browser",
            "--no-exports",
            "--no-import",
            "--output",
            str(out),
            "--note",
            "smoke test",
        ]
    )
    assert code == 0
    text = out.read_text()
    assert "# Benchmarks" in text and "reads.series (compare)" in text and "floor: bare select" in text
    assert "naive: read_sql_table" in text and "smoke test" in text


def test_routing_payload_renders_a_page(dash_app) -> None:
    """The harness's request body is the one Dash's pages router answers."""
    client = dash_app.server.test_client()
    client.get("/")
    response = client.post("/_dash-update-component", json=harness.routing_payload("/compare?indicator=u18-conceptions"))
    assert response.status_code == 200
    assert "_pages_content" in response.get_data(as_text=True)


def test_seed_bench_smoke(capsys: pytest.CaptureFixture[str]) -> None:
    """The seed bench runs (on the small published sample, SQLite, once) and prints its figure."""
    from bench import seed_bench
    from tests.published_sample import small_published

    assert seed_bench.main(["--backends", "sqlite", "--runs", "1", "--no-clone", "--published", str(small_published())]) == 0
    assert "seed sqlite:" in capsys.readouterr().out
