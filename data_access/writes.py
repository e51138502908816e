"""The writes a page may ask for, each given the writer database: saving a presentation deck
and importing a file. Pages import these from here (never ``data_access.decks`` or the
importers directly), so the write paths they use are one short list; ``web.session`` says
whether the person may write and which database to write through.
"""

from __future__ import annotations

from data_access.database_errors import describe_database_error
from data_access.decks import DeckError, save_deck
from data_access.importers.service import import_file

__all__ = ["DeckError", "describe_database_error", "import_file", "save_deck"]
