"""End-to-end tests of `rasd eval`: the headline line, JSON output, one-line errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
RASD = [sys.executable, "-m", "rasd.cli"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*RASD, *args], capture_output=True, text=True, timeout=600)


def test_eval_gold_on_the_seed_ends_with_the_headline(shared: Path) -> None:
    r = _run("eval", "gold", str(shared / "seed"), "--show-errors")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.strip().splitlines()
    assert re.fullmatch(r"events F1 [01]\.\d{3}", lines[-1]), lines[-3:]
    assert any(line.startswith("entities") for line in lines)
    assert "Traceback" not in r.stderr


def test_eval_gold_json_is_one_object(shared: Path) -> None:
    r = _run("eval", "gold", str(shared / "seed"), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert set(data["micro"]) == {"entities", "quotes", "events"}
    assert data["headline"] == r.stderr.strip().splitlines()[-1]


def test_eval_gold_malformed_gold_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("قال الوزير إن المحادثات كانت مثمرة.", encoding="utf-8")
    (tmp_path / "a.gold.json").write_text("{oops", encoding="utf-8")
    r = _run("eval", "gold", str(tmp_path))
    assert r.returncode == 1
    assert "a.gold.json: malformed gold JSON" in r.stderr and "Traceback" not in r.stderr


def test_eval_gsr_without_columns_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("id,sentence\n1,نص\n", encoding="utf-8")
    r = _run("eval", "gsr", str(bad))
    assert r.returncode == 1
    assert r.stderr.count("\n") == 1 and "bad.csv: CSV without the column(s) label, text" in r.stderr
