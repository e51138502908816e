"""The import job store: the same contract from the database (SQLite, PostgreSQL) and from Redis."""

from __future__ import annotations

import threading
import uuid

import pytest

from data_access.import_jobs import DatabaseJobStore, ImportJobStore, JobStatus, RedisJobStore, valid_token


@pytest.fixture(params=["sqlite", "postgresql", "redis"])
def store(request: pytest.FixtureRequest, tmp_path) -> ImportJobStore:
    if request.param != "redis":
        from data_access.schema import migrate
        from tests.conftest import new_database

        db = new_database(request.param, tmp_path)
        migrate(db)
        return DatabaseJobStore(db)
    import redis

    from tests.security.conftest import TEST_REDIS_URL, redis_available

    ok, reason = redis_available()
    if not ok:
        pytest.skip(reason)
    return RedisJobStore(redis.Redis.from_url(TEST_REDIS_URL), keep_seconds=60, prefix=f"ob-test:{uuid.uuid4().hex}:")


def test_a_job_goes_checked_running_finished_and_drops_its_upload(store: ImportJobStore) -> None:
    token = store.create(b"indicator_id,value\n", "figures.csv", "admin")
    assert valid_token(token)
    assert (store.status(token) or {}).get("state") == "checked"
    assert store.upload(token) == b"indicator_id,value\n"
    assert store.claim(token)
    store.progress(token, "write", 5, 10)
    running = store.status(token) or {}
    assert (running.get("state"), running.get("stage"), running.get("done"), running.get("total")) == ("running", "write", 5, 10)
    assert running.get("file_name") == "figures.csv" and running.get("created_by") == "admin"
    store.finish(token, JobStatus(state="finished", ok=True, report={"rows_read": 1}, problems=[]))
    done = store.status(token) or {}
    assert done.get("state") == "finished" and done.get("ok") is True and done.get("report") == {"rows_read": 1}
    assert store.upload(token) is None


def test_only_one_caller_claims_a_job(store: ImportJobStore) -> None:
    token = store.create(b"x\n", "x.csv", "admin")
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(store.claim(token))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, False, False, True]
    assert store.claim(token) is False


def test_unknown_and_forged_tokens_name_nothing(store: ImportJobStore) -> None:
    for token in ("0" * 32, "../../etc/passwd", "A" * 32, ""):
        assert store.status(token) is None and store.upload(token) is None and store.claim(token) is False
