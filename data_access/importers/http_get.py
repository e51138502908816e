"""One HTTP GET for the live-refresh fetchers (Fingertips, DfE EES), with one-line errors.

Why shared: both fetchers stream a CSV to disk and must turn every network failure into a
single ``FetchError`` line naming the service and the setting to check, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import requests


class FetchError(RuntimeError):
    """The API could not be reached or answered with an error; the message is one line."""


def http_get(
    url: str, timeout: float, *, service: str, setting: str, destination: Path | None = None, accept: str | None = None
) -> tuple[int, bytes, int]:
    """``(status, body, size)``. A 200 body is streamed to ``destination`` when given (``body`` is
    then ``b""``); any other status comes back with no body for the caller to word.

    ``service`` ("the EES API") and ``setting`` ("--base-url / EES_API_URL") name what to check
    when the service cannot be reached."""
    where = url.split("?")[0]
    try:
        headers = {"Accept": accept} if accept else None
        with requests.get(url, stream=True, timeout=timeout, headers=headers) as response:
            if response.status_code != 200:
                return response.status_code, b"", 0
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
