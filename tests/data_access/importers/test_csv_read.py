"""Structural CSV problems are located from the text itself, not from pandas' message wording."""

from __future__ import annotations

from pathlib import Path

from data_access.importers.csv_read import read_csv_file


def _read(tmp_path: Path, text: str) -> list[tuple[int | None, str]]:
    path = tmp_path / "file.csv"
    path.write_text(text, encoding="utf-8")
    return [(p.line, p.message) for p in read_csv_file(path).problems]


def test_a_wide_row_is_reported_on_its_physical_line(tmp_path: Path):
    problems = _read(tmp_path, "a,b\n1,2\n\n3,4,5\n6,7\n")
    assert problems == [(4, "this row has 3 cells but the header has 2 columns")]


def test_a_quoted_line_break_moves_later_rows_down(tmp_path: Path):
    problems = _read(tmp_path, 'a,b\n1,"two\nlines"\n3,4,5\n')
    assert problems == [(4, "this row has 3 cells but the header has 2 columns")]


def test_an_unclosed_quote_is_reported_where_it_opens(tmp_path: Path):
    problems = _read(tmp_path, 'a,b\n1,2\n3,"open\n4,5\n')
    assert len(problems) == 1
    line, message = problems[0]
    assert line == 3 and "never closed" in message


def test_a_clean_file_has_no_problems(tmp_path: Path):
    path = tmp_path / "file.csv"
    path.write_text("a,value\nx,1\ny,2\n", encoding="utf-8")
    table = read_csv_file(path)
    assert table.problems == [] and table.header == ["a", "value"] and len(table.frame) == 2
