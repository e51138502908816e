"""Saving a presentation deck is an administrator's write; everyone else stays read-only."""

import importlib

from data_access import reads
from tests.conftest import seeded_sqlite_copy


def _text(value) -> str:
    return " ".join(str(getattr(part, "children", part)) for part in (value if isinstance(value, list) else [value]))


def test_anonymous_save_is_refused_with_a_way_forward(dash_app, seeded_sqlite) -> None:
    page = importlib.import_module("pages.present")
    with dash_app.server.test_request_context("/present"):
        result = page.save_slides(1, "Board", ["/compare"])
    assert "needs an administrator" in _text(result)
    assert reads.deck("board", db=seeded_sqlite) is None


def test_signed_in_save_writes_the_deck(tmp_path) -> None:
    from flask_login import login_user

    from app import create_app
    from settings import Settings
    from web.admin import AdminUser

    own = seeded_sqlite_copy(tmp_path, "small")  # a database of its own: this test writes
    app = create_app(Settings(database_url=own.url, cache_dir=str(tmp_path / "cache")))
    page = importlib.import_module("pages.present")
    seeded_sqlite = own
    with app.server.test_request_context("/present"):
        login_user(AdminUser("admin"))
        result = page.save_slides(1, "Watford partnership — Q4", ["/compare?areas=E07000103"])
    assert "Saved" in _text(result)
    decks = reads.decks(db=seeded_sqlite)
    assert "Watford partnership — Q4" in set(decks["name"])
