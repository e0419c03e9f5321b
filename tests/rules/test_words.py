"""Word lists keyed by the rule that reads them: the loader checks the file against what is declared."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.rules import LexiconError, WordLists

HEADER = "# demo lists\nreader\tlist\twords\tnote\n"
DECLARED = {"demo.filter.tally": ("since", "now"), "demo.view": ("prepositions",)}
ROWS = (
    "demo.filter.tally\tsince\tمنذ\t\n"
    "demo.filter.tally\tnow\tالآن الان اليوم\tso far\n"
    "demo.view\tprepositions\tفي داخل=في قرب=في\t\n"
)


def _write(tmp_path: Path, rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "demo_words.tsv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_lists_read_in_their_forms(tmp_path: Path) -> None:
    w = WordLists(_write(tmp_path, ROWS), DECLARED)
    assert w["demo.filter.tally", "now"].norm == {"الان", "اليوم"}
    assert w["demo.view", "prepositions"].mapping == {"في": "في", "داخل": "في", "قرب": "في"}


def test_an_unknown_reader_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, ROWS + "demo.filter.tallly\tsince\tمنذ\t\n")
    with pytest.raises(LexiconError, match=r"demo_words.tsv:6: no rule .* reads lists as 'demo.filter.tallly'"):
        WordLists(path, DECLARED)


def test_an_unknown_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r":6: demo.filter.tally reads no list 'until'"):
        WordLists(_write(tmp_path, ROWS + "demo.filter.tally\tuntil\tحتى\t\n"), DECLARED)


def test_a_list_given_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="given twice"):
        WordLists(_write(tmp_path, ROWS + "demo.filter.tally\tsince\tمنذ\t\n"), DECLARED)


def test_an_empty_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="has no words"):
        WordLists(_write(tmp_path, ROWS.replace("منذ", " ")), DECLARED)


def test_a_declared_list_missing_from_the_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r"missing from the file: demo\.filter\.tally now"):
        WordLists(_write(tmp_path, ROWS.replace("demo.filter.tally\tnow\tالآن الان اليوم\tso far\n", "")), DECLARED)


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r":2: the header reads"):
        WordLists(_write(tmp_path, ROWS, "# demo\nreader\tlist\twords\n"), DECLARED)


def test_an_extra_column_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match=r":3: 5 cells"):
        WordLists(_write(tmp_path, "demo.filter.tally\tsince\tمنذ\tnote\textra\n" + ROWS[ROWS.index("demo.filter.tally\tnow"):]), DECLARED)
