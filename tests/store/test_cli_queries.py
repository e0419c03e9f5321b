"""The query commands on a hand-built store: search operators, limits and argument checks."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from rasd.cli import app


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def _ids(db_path: Path, query: str) -> set[str]:
    code, out = _invoke("search", query, "--db", str(db_path), "--format", "json")
    assert code == 0, out
    return {r["article_id"] for r in json.loads(out)}


def test_search_minus_word_excludes(db_path: Path) -> None:
    both = _ids(db_path, "لاريجاني")
    assert len(both) == 2
    assert _ids(db_path, "لاريجاني -البوكمال") == both - _ids(db_path, "البوكمال")


def test_search_near_is_an_operator(db_path: Path) -> None:
    assert _ids(db_path, "المقداد NEAR لاريجاني")


def test_a_runaway_search_is_refused_with_a_clear_error(db_path: Path) -> None:
    code, out = _invoke("search", " ".join(["ا*"] * 100), "--db", str(db_path))
    assert code == 2
    assert "too short a prefix" in out and "Traceback" not in out


def test_too_many_prefixes_are_refused_with_a_clear_error(db_path: Path) -> None:
    code, out = _invoke("events", "--db", str(db_path), "-q", "مفا* رئي* وزي* خار* سور*")
    assert code == 2
    assert "at most 4 are allowed" in out
