"""What a page may ask the Flask side about the person using it: are they a signed-in
administrator, and which database do administrators write through.

Pages import this module and nothing else from ``web`` (an import-linter contract in
pyproject.toml), so sign-in rules stay in one place and pages never reach into the admin
blueprint.
"""

from __future__ import annotations

from flask import current_app, session

from data_access.database import Database
from settings import Settings


def writer_database() -> Database:
    """The database administrators write through (the writer role where one is configured)."""
    settings: Settings = current_app.config["OUTCOME_BEES_SETTINGS"]
    return Database(settings.import_database_url or settings.database_url)


def is_signed_in() -> bool:
    try:
        return bool(session.get("admin_user"))
    except RuntimeError:  # outside a request
        return False
