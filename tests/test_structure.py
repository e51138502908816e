"""The code's shape, checked: functions stay short enough to read in one screen.

Issue 23 set the rule: no function over 60 lines outside migrations and ``bench/``. Every long
function has been split, so the list of known exceptions is empty and must stay so: a function that
grows past the limit, or a new long one, fails here with its place and length.
"""

from __future__ import annotations

import ast
import functools
import io
import os
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 60
SKIPPED_FOLDERS = {"tests", "bench", "migrations", "node_modules"}

# Long functions not yet split (path::name): none left. Split a long function rather than list it.
KNOWN_LONG: set[str] = set()


@functools.cache
def _source_files() -> tuple[Path, ...]:
    """The application's Python files, found once per run (hidden folders such as ``.venv`` are not walked)."""
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = sorted(d for d in subfolders if d not in SKIPPED_FOLDERS and not d.startswith("."))
        files += [Path(folder) / name for name in names if name.endswith(".py")]
    return tuple(sorted(files))


@functools.cache
def _tree(path: Path) -> ast.Module:
    """A file's syntax tree, parsed once per run (the rules below each walk every file)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def function_lengths() -> dict[str, int]:
    """Every function and method of the application code, by ``path::name``, with its length in lines."""
    lengths: dict[str, int] = {}
    for path in _source_files():
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                key = f"{path.relative_to(ROOT).as_posix()}::{node.name}"
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                lengths[key] = max(size, lengths.get(key, 0))
    return lengths


def test_no_new_function_is_longer_than_the_limit() -> None:
    too_long = {key: size for key, size in function_lengths().items() if size > LIMIT and key not in KNOWN_LONG}
    assert not too_long, f"functions over {LIMIT} lines (split them into named steps): {too_long}"


def test_the_list_of_known_long_functions_only_shrinks() -> None:
    lengths = function_lengths()
    paid = sorted(key for key in KNOWN_LONG if lengths.get(key, 0) <= LIMIT)
    assert not paid, f"these are now short (or gone): remove them from KNOWN_LONG: {paid}"


# ---------------------------------------------------------------- h-layers: imports inside functions
# Issue 23: no imports inside functions except where a reason says why. Each one left needs a comment
# on the line above it, ``# deferred: <reason>`` (a heavy optional dependency loaded only on its own
# path, ...). KNOWN_UNEXPLAINED (path::line text) is the debt still to pay; it may only shrink.
DEFERRED_MARK = "# deferred:"
KNOWN_UNEXPLAINED: set[str] = set()


def inner_imports() -> dict[str, bool]:
    """Every import inside a function of the application code, ``path::import text`` -> has a reason comment."""
    found: dict[str, bool] = {}
    for path in _source_files():
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for function in ast.walk(ast.parse(text)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ""
                    key = f"{path.relative_to(ROOT).as_posix()}::{ast.unparse(node)}"
                    found[key] = found.get(key, True) and above.startswith(DEFERRED_MARK)
    return found


def test_every_import_inside_a_function_says_why() -> None:
    unexplained = sorted(key for key, explained in inner_imports().items() if not explained and key not in KNOWN_UNEXPLAINED)
    assert not unexplained, (
        f"imports inside functions: move them to the top, or put `{DEFERRED_MARK} <reason>` above: {unexplained}"
    )


def test_the_list_of_unexplained_inner_imports_only_shrinks() -> None:
    found = inner_imports()
    paid = sorted(key for key in KNOWN_UNEXPLAINED if found.get(key, True))
    assert not paid, f"these are now explained (or gone): remove them from KNOWN_UNEXPLAINED: {paid}"


# --- h-rules (issue 23, item 1): one definition of each rule ---------------------------------
#: A rule's function name → the one module allowed to define it.
RULE_HOMES = {
    "default_benchmark": "views/home.py",
    "default_benchmark_for": None,  # the old /compare wrapper: gone, ``views.home.default_benchmark`` is the rule
    "_resolve_period": None,  # the old copies in views/compare.py and views/gaps.py
    "resolve_period": "views/periods.py",
    "kept_period": "views/periods.py",
    "available_periods": "views/periods.py",
    "error_bars": "components/chart_bars.py",
    "interval_bars": "components/chart_bars.py",
    "no_value_markers": "components/chart_bars.py",
}
#: Layers that must judge a value through ``analytics.honest`` (or ``analytics.judgement``), never
#: by calling ``compare_to_benchmark`` themselves: it skips the illustrative-benchmark rule.
HONEST_LAYERS = ("views", "pages", "web", "components")


def _definitions(name: str) -> list[str]:
    found = []
    for path in _source_files():
        tree = _tree(path)
        if any(isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name for n in ast.walk(tree)):
            found.append(path.relative_to(ROOT).as_posix())
    return found


def test_each_rule_is_defined_once_in_its_home() -> None:
    wrong = {name: where for name, home in RULE_HOMES.items() if (where := _definitions(name)) != ([home] if home else [])}
    assert not wrong, f"a rule defined outside its one home (or its home lost it): {wrong}; homes: {RULE_HOMES}"


def test_views_compare_through_the_honest_rule() -> None:
    direct = []
    for path in _source_files():
        relative = path.relative_to(ROOT)
        if relative.parts[0] not in HONEST_LAYERS:
            continue
        for node in ast.walk(_tree(path)):
            named = (
                node.func.id
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                else node.func.attr
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                else None
            )
            imported = isinstance(node, ast.ImportFrom) and any(a.name == "compare_to_benchmark" for a in node.names)
            if named == "compare_to_benchmark" or imported:
                direct.append(f"{relative.as_posix()}:{getattr(node, 'lineno', 0)}")
    assert not direct, f"call analytics.honest.honest_comparison instead of compare_to_benchmark: {direct}"


def test_the_no_bar_words_are_written_once() -> None:
    """A missing value's "no bar: …" marker comes from ``components.chart_bars`` only."""
    writers = [path.relative_to(ROOT).as_posix() for path in _source_files() if '"no bar: "' in path.read_text(encoding="utf-8")]
    assert writers == ["components/chart_bars.py"], writers


# --- h-routes: internal links come from the route table (components/routes.py), never by hand ---

_ROUTE_SEGMENTS = (
    "compare|trends|gaps|area|neighbours|send|indicators|about|accessibility|pack|present|admin|export|embed|embed-code|404"
)
_HAND_WRITTEN_URL = re.compile(rf"""^[rfbu]*["']/({_ROUTE_SEGMENTS})([/?.{{"']|$)|^[rfbu]*["']/\?""")
#: The few left, each with its reason: help text that shows a reader the URL syntax, the admin
#: blueprint's own prefix and login form action, and the embed path prefix the security headers test.
_ALLOWED_HAND_WRITTEN = {
    ("pages/pack.py", '"/pack.pdf?views=<view addresses'),
    ("pages/present.py", '"/present?views=/compare%3Findicator'),
    ("web/admin.py", '"/admin"'),
    ("web/admin.py", '"/admin/login?next="'),
    ("web/security.py", '"/embed/"'),
}


def test_internal_urls_are_built_by_url_for() -> None:
    found = []
    for folder in ("pages", "views", "components", "web"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name == "components/routes.py":
                continue
            source = path.read_text(encoding="utf-8")
            lines = source.splitlines()
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type != tokenize.STRING or not _HAND_WRITTEN_URL.match(token.string):
                    continue
                line = lines[token.start[0] - 1].strip()
                if line.startswith("@") or "add_url_rule" in line:  # Flask's own route declarations
                    continue
                if any(name == f and token.string.startswith(prefix) for f, prefix in _ALLOWED_HAND_WRITTEN):
                    continue
                found.append(f"{name}:{token.start[0]}: {token.string[:60]}")
    assert not found, f"build internal URLs with components.routes.url_for, not by hand: {found}"


# ---------------------------------------------------------------- h-any: ``Any`` in views
# Issue 23: views read DataFrame cells as ``analytics.frames.Cell`` through ``cell_float`` and
# ``is_missing_cell`` (the missing-value test written once), not as ``Any``. The word may appear at
# most ANY_IN_VIEWS_LIMIT times in views/*.py, imports and comments included (as ``grep -ow Any``
# counts it); 30 before that change, 3 after it.
ANY_IN_VIEWS_LIMIT = 3


def any_in_views() -> dict[str, int]:
    """Each view module that says ``Any``, with how many times."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "views").glob("*.py")):
        found = len(re.findall(r"\bAny\b", path.read_text(encoding="utf-8")))
        if found:
            counts[path.relative_to(ROOT).as_posix()] = found
    return counts


def test_views_say_any_at_most_the_limit() -> None:
    counts = any_in_views()
    assert sum(counts.values()) <= ANY_IN_VIEWS_LIMIT, (
        f"`Any` appears {sum(counts.values())} times in views (limit {ANY_IN_VIEWS_LIMIT}): {counts}; "
        "type DataFrame cells as analytics.frames.Cell"
    )


# ---------------------------------------------------------------- no silenced type errors
# The baseline the brief states: mypy checks the application with no ``type: ignore``. A place mypy
# cannot follow is written so that it can (or gets a ``cast`` with a comment saying why it holds).
IGNORE_MARK = "type: " + "ignore"  # split so a grep of the repository for it finds only real ones


def test_the_application_silences_no_type_errors() -> None:
    silenced = [
        f"{path.relative_to(ROOT).as_posix()}:{number}"
        for path in _source_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if IGNORE_MARK in line
    ]
    assert not silenced, f"`{IGNORE_MARK}` in application code: {silenced}"
