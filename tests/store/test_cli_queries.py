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


def test_an_unknown_event_type_is_an_error(db_path: Path) -> None:
    code, out = _invoke("events", "--db", str(db_path), "--type", "FOO")
    assert code == 2 and "unknown --type 'FOO': choose one of AGREE, CONSULT" in out


def test_an_impossible_date_is_an_error(db_path: Path) -> None:
    code, out = _invoke("export", "--db", str(db_path), "--format", "csv", "--since", "2018-13-45")
    assert code == 2 and "--since must be a date written YYYY, YYYY-MM or YYYY-MM-DD" in out


def test_since_after_until_is_an_error(db_path: Path) -> None:
    code, out = _invoke("quotes", "--db", str(db_path), "--since", "2019", "--until", "2018")
    assert code == 2 and "--since (2019) is after --until (2018)" in out


def test_an_unknown_actor_type_is_an_error(db_path: Path) -> None:
    code, out = _invoke("actors", "--db", str(db_path), "--type", "PERSON")
    assert code == 2 and "choose one of PER, ORG" in out


def test_quad_names_are_read_with_a_space_or_an_underscore(db_path: Path) -> None:
    spaced = _invoke("events", "--db", str(db_path), "--quad", "verbal cooperation", "--format", "json")
    joined = _invoke("events", "--db", str(db_path), "--quad", "verbal_cooperation", "--format", "json")
    assert spaced == joined and json.loads(spaced[1])


def test_an_impossible_article_date_is_an_error(tmp_path: Path, example_path: Path) -> None:
    code, out = _invoke("ingest", str(example_path), "--db", str(tmp_path / "x.db"), "--date", "2018-02-30")
    assert code == 2 and "--date must be a date written YYYY-MM-DD" in out
