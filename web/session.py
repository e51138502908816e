"""What a page may ask the Flask side about the person using it: are they a signed-in
administrator, and which database do administrators write through.

Pages import this module and nothing else from ``web`` (an import-linter contract in
pyproject.toml), so sign-in rules stay in one place and pages never reach into the admin
blueprint.
"""

from __future__ import annotations

from flask import current_app

from data_access.database import Database
from settings import Settings
from views.admin_import import is_signed_in  # the Flask-Login state web.admin installs

__all__ = ["is_signed_in", "writer_database"]


def writer_database() -> Database:
    """The database administrators write through (the writer role where one is configured)."""
    settings: Settings = current_app.config["OUTCOME_BEES_SETTINGS"]
    return Database(settings.import_database_url or settings.database_url)
