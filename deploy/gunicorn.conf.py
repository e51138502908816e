"""Production server settings (``make serve``). Debug is off; workers share nothing but the database and cache."""

import gc
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


def when_ready(server: object) -> None:
    """Freeze the preloaded app's heap before the workers fork: every object built at start-up
    (modules, the page registry, plotly's validators) lives as long as the process, yet each full
    garbage collection in a worker walked all of them, in the middle of a request. Frozen, they
    are skipped by the collector and their pages stay shared between the workers (no
    copy-on-write from the collector's bookkeeping). ``bench.real_pages`` does the same."""
    gc.collect()
    gc.freeze()
