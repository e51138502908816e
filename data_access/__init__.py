"""Outcome Bees data access: the only package that talks to the database.

Import the read API from here (``from data_access import reads``); pages never build queries.
"""

from data_access.database import Database, DatabaseError, configure, current

__all__ = ["Database", "DatabaseError", "configure", "current"]
