"""One word, one meaning (issue 23, item 5; the "Names" section of docs/architecture.md).

"Pack" once meant both the PDF board pack and the published dataset, "benchmark" both the
statistical comparator and the speed harness, and four modules were called ``catalogue.py``.
These checks fail if a second meaning comes back: the published data is built in
``seed/publishing/`` (``seed/pack`` is gone), ``seed/`` names nothing "pack", ``bench/`` says
"bench" for speed work (``benchmark`` there is only the comparator a case is judged against),
and no module file name is shared by two ``catalogue.py`` files.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SKIPPED = {".venv", "node_modules", ".git", ".mypy_cache", ".ruff_cache", ".import_linter_cache"}


def _python_files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if not SKIPPED & set(p.relative_to(ROOT).parts))


def _identifiers(path: Path) -> set[str]:
    """Every name a module defines, binds, imports or reads (not its strings or comments)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.keyword) and node.arg:
            names.add(node.arg)
        elif isinstance(node, ast.alias):
            names.update(filter(None, (node.name, node.asname)))
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_two_modules_are_called_catalogue() -> None:
    every = [p for p in ROOT.rglob("catalogue.py") if not SKIPPED & set(p.relative_to(ROOT).parts)]
    assert len(every) <= 1, f"one catalogue.py at most; name each module for its job: {every}"


def test_the_published_data_is_built_in_seed_publishing_not_seed_pack() -> None:
    assert not (ROOT / "seed" / "pack").exists(), "seed/pack is seed/publishing: 'pack' means the PDF board pack"
    assert (ROOT / "seed" / "publishing" / "sources").is_dir()
    assert not (ROOT / "seed" / "published_pack.py").exists(), "the reader is seed/published_data.py"


def test_seed_names_nothing_pack() -> None:
    """In ``seed/`` the dataset is the "published data"; a "pack" there would be the PDF's word."""
    found = {
        f"{path.relative_to(ROOT).as_posix()}: {name}"
        for path in _python_files("seed")
        for name in _identifiers(path)
        if "pack" in name.lower()
    }
    found |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "seed").rglob("*pack*")}
    assert not found, f"call the dataset 'published' (the board pack is the PDF): {sorted(found)}"


def test_bench_says_bench_for_speed_work() -> None:
    """``benchmark`` in ``bench/`` is the comparator a case is judged against, nothing else."""
    found = {
        f"{path.relative_to(ROOT).as_posix()}: {name}"
        for path in _python_files("bench")
        for name in _identifiers(path)
        if "benchmark" in name.lower() and name != "benchmark"
    }
    found |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "bench").rglob("*benchmark*")}
    assert not found, f"speed work is 'bench'; 'benchmark' is the statistical comparator: {sorted(found)}"


def test_the_four_old_catalogues_keep_the_names_of_their_jobs() -> None:
    """The names docs/architecture.md gives them (its "Names" section)."""
    for path in (
        "components/indicator_catalogue.py",
        "data_access/reads/indicators.py",
        "data_access/importers/reference_data.py",
        "seed/publishing/shared_indicators.py",
    ):
        assert (ROOT / path).is_file(), path
