"""The README's command-line block and argparse agree (issue 23 item 6).

The commands are a public contract (analysts script them). Every command and sub-command the parser
offers is in the README's block, and every command and option the README names exists in the parser,
so neither can drift from the other.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROG = "python -m data_access"


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in section.splitlines() if line.startswith(PROG)]


def _parsers() -> dict[tuple[str, ...], argparse.ArgumentParser]:
    """Every parser by its command path: () for the top, ("plan", "import") for a sub-command."""
    import seed.loader
    from data_access.cli import build_parser

    top, _handlers = build_parser(seed.loader)
    found: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(path: tuple[str, ...], parser: argparse.ArgumentParser) -> None:
        found[path] = parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk((*path, name), child)

    walk((), top)
    return found


def _path_and_options(line: str, parsers: dict[tuple[str, ...], argparse.ArgumentParser]) -> tuple[tuple[str, ...], set[str]]:
    words = line[len(PROG) :].split()
    path: tuple[str, ...] = ()
    for word in words:
        if (*path, word) in parsers:
            path = (*path, word)
        else:
            break
    return path, set(re.findall(r"--[a-z][a-z-]*", line))


def _options(parser: argparse.ArgumentParser) -> set[str]:
    return {option for action in parser._actions for option in action.option_strings if option.startswith("--")}


def test_every_command_the_readme_shows_exists_with_its_options() -> None:
    parsers = _parsers()
    lines = _readme_commands()
    assert lines, "the README's Command line block lists the commands"
    for line in lines:
        path, options = _path_and_options(line, parsers)
        assert path, f"not a command: {line}"
        known = _options(parsers[path]) | _options(parsers[()])
        assert options <= known, f"{line}: options the parser does not have: {sorted(options - known)}"


def test_every_command_the_parser_offers_is_in_the_readme() -> None:
    parsers = _parsers()
    shown = {_path_and_options(line, parsers)[0] for line in _readme_commands()}
    leaves = {path for path in parsers if path and not any(other[: len(path)] == path and other != path for other in parsers)}
    missing = sorted(" ".join(path) for path in leaves - shown)
    assert not missing, f"commands missing from the README's Command line block: {missing}"
