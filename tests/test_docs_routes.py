"""The README's URL table is generated from the route table (``python -m components.routes --markdown``),
so the documented URLs and the routes cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from components.routes import markdown_table

README = Path(__file__).resolve().parent.parent / "README.md"
HEADING = "## Pages (their URLs are a public contract)"


def _readme_table() -> str:
    text = README.read_text(encoding="utf-8")
    after = text.split(HEADING, 1)[1].lstrip("\n")
    lines = []
    for line in after.splitlines():
        if not line.startswith("|"):
            break
        lines.append(line)
    return "\n".join(lines) + "\n"


def test_readme_url_table_is_the_generated_one() -> None:
    assert _readme_table() == markdown_table(), (
        "README.md's Pages table differs from the route table: regenerate it with "
        "`python -m components.routes --markdown` (or fix components/routes.py)"
    )


def test_every_url_the_readme_documented_is_still_there() -> None:
    table = markdown_table()
    for url in (
        "/?framework=ID&area=CODE",
        "/compare?indicator=ID",
        "/gaps?phase=",
        "/trends?indicator=ID",
        "/area/CODE",
        "/neighbours?area=CODE",
        "/send?area=CODE",
        "/indicators/ID",
        "/about",
        "/accessibility",
        "/export/<page>.png",
        "/pack.pdf?views=",
        "/embed/<page>?",
        "/present?views=",
    ):
        assert url in table, url
