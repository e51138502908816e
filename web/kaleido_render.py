"""Server-side chart rendering with plotly's kaleido, driven by the Debian chromium.

Why a persistent browser: a cold kaleido render starts chromium and takes 2–3 s; one browser
kept open for the life of the process makes a warm render ~0.2 s. It is started lazily on the
first export (never at import, so tests and pages that export nothing never start a browser).

Why our own event-loop thread instead of kaleido's sync server: that server waits on its task
queue without a time limit and shares one reply queue between callers, so a browser that stops
answering held the export request (and every later one) forever; seen in the test suite after a
chromium was killed under it. Here each start and render is a future on a loop we own: it
either returns within ``EXPORT_TIMEOUT`` seconds or the browser (with its process group) is
killed and one fresh browser tries again; a second timeout gives the request a clear
``ExportUnavailable``.

MathJax is disabled (kaleido would otherwise fetch it from a CDN; there is no internet and
our charts use no LaTeX). ``kaleido.get_chrome_sync()`` downloads Chrome: never called here.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
import shutil
import signal
import subprocess
import threading
import time
from collections.abc import Coroutine
from typing import Any

import plotly.graph_objects as go

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CLOSE_TIMEOUT_S = 10.0
START_MIN_S = 20.0
log = logging.getLogger(__name__)


class ExportUnavailable(RuntimeError):
    """Images cannot be made on this server (no browser, or the browser failed)."""


def browser_path() -> str | None:
    """The browser kaleido will drive: ``BROWSER_PATH`` if it exists, else the first on PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


DEFAULT_TIMEOUT_S = 20.0


def render_timeout() -> float:
    """Seconds one start or image may take (``EXPORT_TIMEOUT``, default 20) before the browser is killed.

    A cold start and render takes 2–3 s; the default leaves room for a busy server while keeping
    two attempts inside gunicorn's 60 s request timeout."""
    try:
        value = float(os.environ.get("EXPORT_TIMEOUT", str(DEFAULT_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TIMEOUT_S
    return value if value > 0 else DEFAULT_TIMEOUT_S


async def _outcome(coroutine: Coroutine[Any, Any, Any]) -> tuple[bool, Any]:
    """(failed, result or exception): a call abandoned on timeout then ends quietly, not as an
    asyncio "Task exception was never retrieved" error in the log."""
    try:
        return False, await coroutine
    except BaseException as error:  # noqa: BLE001 - handed to the waiting thread, which raises it
        return True, error


class _Browser:
    """One kaleido browser on its own event-loop thread; every call has a time limit."""

    def __init__(self, timeout: float) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kaleido-render", daemon=True)
        self._thread.start()
        self._kaleido: Any = None
        self._group: int | None = None
        try:
            self._call(self._open(), max(timeout, START_MIN_S))  # a start on a busy server takes longer than a render
        except BaseException:
            self.kill()
            raise

    async def _open(self) -> None:
        # deferred: Kaleido (and its Chromium driver) loads at the first image export, not at start-up
        import kaleido

        self._kaleido = kaleido.Kaleido(mathjax=False)  # made on its own loop: choreographer wants one thread
        await self._kaleido.open()
        pid = self._kaleido.subprocess.pid
        self._group = os.getpgid(pid)  # remembered: if the wrapper dies, its chromium is still found by group

    def _call(self, coroutine: Coroutine[Any, Any, Any], timeout: float) -> Any:
        future = asyncio.run_coroutine_threadsafe(_outcome(coroutine), self._loop)
        try:
            failed, value = future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            raise
        if failed:
            raise value
        return value

    def alive(self) -> bool:
        process = getattr(self._kaleido, "subprocess", None)
        return self._thread.is_alive() and process is not None and process.poll() is None

    def render(self, figure: go.Figure | dict[str, Any], opts: dict[str, Any], timeout: float) -> bytes:
        return bytes(self._call(self._kaleido.calc_fig(figure, opts=opts), timeout))

    def close(self) -> None:
        """A clean close, falling back to killing the browser if it does not answer."""
        try:
            self._call(self._kaleido.close(), CLOSE_TIMEOUT_S)
        except BaseException:  # noqa: BLE001 - whatever the close did, the kill below finishes it
            pass
        self.kill()

    def kill(self) -> None:
        """Kill the browser and every process it started, then stop the loop.

        choreographer starts chromium under a small wrapper in a process group of its own;
        killing only the wrapper would leave chromium and its renderers running."""
        process = getattr(self._kaleido, "subprocess", None)
        if process is not None:
            try:
                group = os.getpgid(process.pid) if process.poll() is None else self._group
                if group is not None and group == process.pid and group != os.getpgrp():
                    self._group = group
                    os.killpg(group, signal.SIGKILL)
                elif process.poll() is None:
                    process.kill()
                process.wait(CLOSE_TIMEOUT_S)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                pass
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(CLOSE_TIMEOUT_S)


_lock = threading.Lock()
_browser: _Browser | None = None


def _current_browser(timeout: float) -> _Browser:
    """The process's browser, started (or restarted after a crash) on demand. Call with ``_lock`` held."""
    global _browser  # one browser per process is the point of this module
    if _browser is not None and not _browser.alive():
        _discard_browser()
    if _browser is None:
        _browser = _Browser(timeout)
    return _browser


def _discard_browser() -> None:
    global _browser
    if _browser is not None:
        _browser.kill()
        _browser = None


def stop() -> None:
    """Close the browser (at exit, and for tests that must not leave a chromium behind)."""
    global _browser
    with _lock:
        if _browser is not None:
            _browser.close()
            _browser = None


atexit.register(stop)


def render(figure: go.Figure | dict[str, Any], fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """``fmt`` is ``png``, ``svg`` or ``pdf``; returns the image bytes or raises ``ExportUnavailable``."""
    if browser_path() is None:
        raise ExportUnavailable(
            "Chart images are made with the chromium browser, which is not installed on this server. "
            "Ask the service administrator to install it (Debian package 'chromium'). "
            "The CSV download of the same data still works."
        )
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    timeout = render_timeout()
    with _lock:
        for attempt in (1, 2):
            started = time.monotonic()
            try:
                return _current_browser(timeout).render(figure, opts, timeout)
            except concurrent.futures.TimeoutError as error:
                # A browser that stops answering is killed; one fresh browser gets one more try,
                # because the hang is the browser's (seen intermittently under load), not the chart's.
                phase = "start" if _browser is None else "render"
                _discard_browser()
                log.warning(
                    "kaleido %s took over %.0f s (attempt %d of 2); browser killed", phase, time.monotonic() - started, attempt
                )
                if attempt == 2:
                    raise ExportUnavailable(
                        f"The chart image took longer than {timeout:g} seconds twice and was stopped. Please try again later."
                    ) from error
            except Exception as error:  # chromium failures have many shapes
                raise ExportUnavailable(
                    f"The chart image could not be made ({error.__class__.__name__}). Please try again."
                ) from error
    raise AssertionError("unreachable: the loop returns or raises")
