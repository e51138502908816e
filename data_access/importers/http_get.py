"""One HTTP GET for the live-refresh fetchers (Fingertips, DfE EES), with one-line errors.

Why shared: both fetchers stream a CSV to disk and must turn every network failure into a
single ``FetchError`` line naming the service and the setting to check, never a traceback. An
error answer's body is kept (its first few KB) and summarised on that line by ``error_summary``:
Fingertips answers in plain text, EES with RFC 7807 ProblemDetails JSON (``title``, ``detail``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import requests

#: How much of an error answer is read (the summary needs its first lines only).
ERROR_BODY_BYTES = 4096
#: How long the summary on the one-line message may be.
ERROR_SUMMARY_CHARS = 240


class FetchError(RuntimeError):
    """The API could not be reached or answered with an error; the message is one line."""


def http_get(
    url: str, timeout: float, *, service: str, setting: str, destination: Path | None = None, accept: str | None = None
) -> tuple[int, bytes, int]:
    """``(status, body, size)``. A 200 body is streamed to ``destination`` when given (``body`` is
    then ``b""``); any other status comes back with the first ``ERROR_BODY_BYTES`` of its body,
    for the caller to word with ``error_summary``.

    ``service`` ("the EES API") and ``setting`` ("--base-url / EES_API_URL") name what to check
    when the service cannot be reached."""
    where = url.split("?")[0]
    try:
        headers = {"Accept": accept} if accept else None
        with requests.get(url, stream=True, timeout=timeout, headers=headers) as response:
            if response.status_code != 200:
                return response.status_code, next(response.iter_content(ERROR_BODY_BYTES), b""), 0
            if destination is None:
                body = response.content
                return 200, body, len(body)
            size = 0
            with destination.open("wb") as handle:
                for chunk in response.iter_content(chunk_size=1 << 16):
                    handle.write(chunk)
                    size += len(chunk)
            return 200, b"", size
    except requests.exceptions.ConnectionError:
        raise FetchError(f"cannot reach {service} at {where}: no connection (offline? check the network or {setting})") from None
    except requests.exceptions.Timeout:
        raise FetchError(f"{service} at {where} did not answer within {timeout:g} s") from None
    except requests.exceptions.RequestException as error:
        raise FetchError(f"{service} request failed: {str(error).splitlines()[0][:200]}") from None


def error_summary(body: bytes) -> str:
    """One line saying what an error answer said: ProblemDetails ``title: detail`` (or the first
    validation error's message) for JSON, else the text with tags and runs of whitespace removed;
    "" when the body says nothing."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    try:
        problem = json.loads(text)
    except ValueError:
        problem = None
    if isinstance(problem, dict):
        parts = [str(problem[k]).strip() for k in ("title", "detail") if problem.get(k)]
        errors = problem.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            first = errors[0].get("message") or errors[0].get("detail")
            if first:
                parts.append(str(first).strip())
        elif isinstance(errors, dict) and errors:  # ASP.NET validation: {"field": ["message", ...]}
            field, messages = next(iter(errors.items()))
            shown = messages[0] if isinstance(messages, list) and messages else messages
            parts.append(f"{field}: {shown}")
        if not parts and problem.get("message"):
            parts.append(str(problem["message"]).strip())
        text = ": ".join(parts) if parts else text
    else:
        text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= ERROR_SUMMARY_CHARS else text[: ERROR_SUMMARY_CHARS - 1].rstrip() + "…"


def http_error(service: str, status: int, url: str, body: bytes) -> str:
    """ "the Fingertips API answered HTTP 400 for URL: what it said" (one line)."""
    said = error_summary(body)
    return f"{service} answered HTTP {status} for {url}" + (f": {said}" if said else "")
