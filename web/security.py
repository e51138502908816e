"""Security headers on every response.

Framing: only ``/embed/…`` may be framed, and only by origins in ``EMBED_ALLOWED_ORIGINS``;
everything else sends ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.
"""

from __future__ import annotations

from flask import Flask, Response, request

from settings import Settings

# Dash renders with inline scripts for its config and uses eval in plotly's bundle paths,
# so script-src must allow 'unsafe-inline' and 'unsafe-eval'; everything else is same-origin.
BASE_CSP = (
    "default-src 'self'; "
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; "
    "font-src 'self' data:; "
    "connect-src 'self'; "
    "object-src 'none'; "
    "base-uri 'self'; "
    "form-action 'self'"
)


def frame_ancestors(path: str, settings: Settings) -> str:
    if path.startswith("/embed/"):
        allowed = " ".join(settings.embed_allowed_origins)
        return f"frame-ancestors 'self' {allowed}".strip()
    return "frame-ancestors 'none'"


def install_security_headers(server: Flask, settings: Settings) -> None:
    @server.after_request
    def _headers(response: Response) -> Response:
        ancestors = frame_ancestors(request.path, settings)
        response.headers["Content-Security-Policy"] = f"{BASE_CSP}; {ancestors}"
        if ancestors == "frame-ancestors 'none'":
            response.headers["X-Frame-Options"] = "DENY"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response
