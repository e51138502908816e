"""Production server settings (``make serve``). Debug is off; workers share nothing but the database and cache."""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8050")
# One process per core, threads for I/O overlap: measured on the 2-core machine, 2 workers x 4
# threads served 423 requests/s at p95 184 ms where 4 x 2 gave 342/s at p95 328 ms (BENCHMARKS.md).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = 60
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
preload_app = True
