"""Flask-level pieces of the server: vendored assets, the HTTP API, health check, headers.

Kept apart from ``app.py`` so the composition root stays thin and each piece is testable.
The server is assembled by ``web.server.install_server_extensions`` (called from ``app.py``).
"""
