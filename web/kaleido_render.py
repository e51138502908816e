"""Server-side chart rendering with plotly's kaleido, driven by the Debian chromium.

Why a persistent server: a cold kaleido render starts chromium and takes 2–3 s; kaleido's
sync server keeps one browser open for the life of the process, so a warm render is ~0.2 s.
It is started lazily on the first export (never at import, so tests and pages that export
nothing never start a browser). kaleido's sync server shares one reply queue between callers,
so every call is serialised with a lock.

MathJax is disabled (kaleido would otherwise fetch it from a CDN; there is no internet and
our charts use no LaTeX). ``kaleido.get_chrome_sync()`` downloads Chrome: never called here.
"""

from __future__ import annotations

import os
import shutil
import threading
from typing import Any

import plotly.graph_objects as go

_lock = threading.Lock()

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


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


def _server() -> Any:
    import kaleido
    from kaleido import _sync_server  # noqa: PLC0415 - to check the server thread is alive

    server = _sync_server.GlobalKaleidoServer()
    thread = getattr(server, "_thread", None)
    if server.is_running() and thread is not None and not thread.is_alive():
        server.close(silence_warnings=True)  # the browser died: start a fresh one
    if not server.is_running():
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    return kaleido


def render(figure: go.Figure | dict[str, Any], fmt: str, width: int, height: int, scale: float = 1) -> bytes:
    """``fmt`` is ``png``, ``svg`` or ``pdf``; returns the image bytes or raises ``ExportUnavailable``."""
    if browser_path() is None:
        raise ExportUnavailable(
            "Chart images are made with the chromium browser, which is not installed on this server. "
            "Ask the service administrator to install it (Debian package 'chromium'). "
            "The CSV download of the same data still works."
        )
    with _lock:
        try:
            kaleido = _server()
            return kaleido.calc_fig_sync(figure, opts={"format": fmt, "width": width, "height": height, "scale": scale})
        except ExportUnavailable:
            raise
        except Exception as error:  # noqa: BLE001 - chromium failures have many shapes
            raise ExportUnavailable(
                f"The chart image could not be made ({error.__class__.__name__}). Please try again."
            ) from error
