#!/bin/sh
# Ensure a PostgreSQL server answers on 127.0.0.1:5432 for the test suite.
# Starts the local Debian cluster when it is installed but stopped; otherwise says loudly why
# PostgreSQL tests will be skipped (the suite's summary repeats it).
HOST=127.0.0.1
PORT=5432
if command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$HOST" -p "$PORT"; then
    echo "PostgreSQL answers on $HOST:$PORT"
    exit 0
fi
if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    VERSION=$(ls /etc/postgresql | sort -n | tail -1)
    echo "Starting PostgreSQL $VERSION cluster 'main'..."
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start 2>&1 || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        if pg_isready -q -h "$HOST" -p "$PORT"; then echo "PostgreSQL started"; exit 0; fi
        sleep 1
    done
fi
echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
echo "!!! No PostgreSQL on $HOST:$PORT and none could be started here."
echo "!!! PostgreSQL tests will be SKIPPED; set TEST_POSTGRES_URL to use another server."
echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
exit 0
