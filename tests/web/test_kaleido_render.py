"""The export browser: a render that never answers is stopped, and the next one starts afresh."""

from __future__ import annotations

import os
import signal
import time

import plotly.graph_objects as go
import pytest

from web import kaleido_render

pytestmark = pytest.mark.skipif(kaleido_render.browser_path() is None, reason="chromium is not installed")


def _figure() -> go.Figure:
    return go.Figure(go.Bar(x=["Stevenage", "Broxbourne"], y=[1, 2]))


def _chromium_in_group(group: int) -> bool:
    import psutil

    return any(p.info["name"] == "chromium" and _group(p.pid) == group for p in psutil.process_iter(["name"]))


def _group(pid: int) -> int | None:
    try:
        return os.getpgid(pid)
    except ProcessLookupError:
        return None


def test_render_gives_an_image_and_reuses_one_browser() -> None:
    try:
        first = kaleido_render.render(_figure(), "svg", 400, 300)
        browser = kaleido_render._browser
        second = kaleido_render.render(_figure(), "png", 400, 300)
        assert first.startswith(b"<svg") and second.startswith(b"\x89PNG")
        assert kaleido_render._browser is browser
    finally:
        kaleido_render.stop()
    assert kaleido_render._browser is None


def test_a_browser_that_stops_answering_is_killed_and_the_export_retried(monkeypatch) -> None:
    monkeypatch.setenv("EXPORT_TIMEOUT", "8")  # room for a render on a busy CI machine, short enough to wait for
    try:
        kaleido_render.render(_figure(), "svg", 400, 300)
        browser = kaleido_render._browser
        assert browser is not None
        process = browser._kaleido.subprocess
        assert _chromium_in_group(process.pid)  # the check below can see this browser's chromium at all
        os.killpg(os.getpgid(process.pid), signal.SIGSTOP)  # frozen, not dead: the case kaleido's own server waited on forever
        started = time.monotonic()
        assert kaleido_render.render(_figure(), "svg", 400, 300).startswith(b"<svg")  # answered by a fresh browser
        assert time.monotonic() - started < 60
        assert process.poll() is not None  # the frozen browser was killed
        assert not _chromium_in_group(process.pid)  # with every chromium process it started
        assert kaleido_render._browser is not browser
    finally:
        kaleido_render.stop()


def test_an_export_that_hangs_twice_gets_a_clear_error(monkeypatch) -> None:
    started: list[float] = []

    class Hangs:
        """A browser that starts and never finishes an image (no real chromium needed)."""

        def __init__(self, timeout: float) -> None:
            started.append(timeout)

        def render(self, figure, opts, timeout):
            raise TimeoutError

        def alive(self) -> bool:
            return True

        def kill(self) -> None:
            pass

    monkeypatch.setenv("EXPORT_TIMEOUT", "5")
    monkeypatch.setattr(kaleido_render, "_Browser", Hangs)
    monkeypatch.setattr(kaleido_render, "_browser", None)
    with pytest.raises(kaleido_render.ExportUnavailable, match="longer than 5 seconds twice"):
        kaleido_render.render(_figure(), "svg", 400, 300)
    assert started == [5.0, 5.0]  # two fresh browsers, one try each
    assert kaleido_render._browser is None


def test_a_browser_that_died_is_restarted_on_the_next_export() -> None:
    try:
        kaleido_render.render(_figure(), "svg", 400, 300)
        browser = kaleido_render._browser
        assert browser is not None
        wrapper = browser._kaleido.subprocess
        assert _chromium_in_group(wrapper.pid)
        wrapper.kill()
        wrapper.wait(10)
        assert kaleido_render.render(_figure(), "svg", 400, 300).startswith(b"<svg")
        assert not _chromium_in_group(wrapper.pid)  # the dead browser's chromium did not linger
    finally:
        kaleido_render.stop()


def test_export_timeout_setting_is_read_safely(monkeypatch) -> None:
    monkeypatch.setenv("EXPORT_TIMEOUT", "nonsense")
    assert kaleido_render.render_timeout() == 20.0
    monkeypatch.setenv("EXPORT_TIMEOUT", "-4")
    assert kaleido_render.render_timeout() == 20.0
    monkeypatch.setenv("EXPORT_TIMEOUT", "12.5")
    assert kaleido_render.render_timeout() == 12.5
