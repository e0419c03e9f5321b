"""``rasd ingest`` end to end: the real pipeline, idempotence, and resuming after kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.store.test_ingest import snapshot

from rasd.store import connect, load_document

pytestmark = pytest.mark.e2e
RASD = [sys.executable, "-m", "rasd.cli"]
ENV = {**os.environ, "COLUMNS": "200"}


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([*RASD, *args], input=stdin, capture_output=True, timeout=600, env=ENV)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def _count(db: Path, table: str = "articles") -> int:
    conn = connect(db, readonly=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def news_dev() -> Path:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-dev"
    if not path.is_dir():
        pytest.skip(f"dev corpus not found at {path} (the shared data folder is absent)")
    return path


@pytest.fixture(scope="module")
def dev_db(news_dev: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news-dev ingested once, uninterrupted."""
    db = tmp_path_factory.mktemp("dev") / "dev.db"
    r = _run("ingest", str(news_dev), "--db", str(db), "--batch-size", "10")
    assert r.returncode == 0, r.stderr
    return db


def test_ingest_stores_what_analyze_prints(example_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "seed.db"
    r = _run("ingest", str(example_path), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "articles stored" in r.stderr and "ingest into" in r.stderr
    analysed = json.loads(_run("analyze", str(example_path)).stdout)
    conn = connect(db, readonly=True)
    doc = load_document(conn, analysed["article"]["id"])
    assert doc is not None
    stored = doc.to_dict()
    for key in ("article", "sentences", "entities", "quotes", "events"):
        assert stored[key] == analysed[key], key


def test_ingesting_twice_stores_each_article_once(dev_db: Path, news_dev: Path) -> None:
    conn = connect(dev_db, readonly=True)
    before = snapshot(conn)
    conn.close()
    n_files = len([p for p in news_dev.glob("*.txt")])
    assert len(before["articles"]) == n_files
    r = _run("ingest", str(news_dev), "--db", str(dev_db))
    assert r.returncode == 0, r.stderr
    assert "already in the database" in r.stderr
    conn = connect(dev_db, readonly=True)
    assert snapshot(conn) == before
    runs = conn.execute("SELECT stored, skipped FROM ingest_runs ORDER BY id").fetchall()
    assert [tuple(x) for x in runs] == [(n_files, 0), (0, n_files)]


_KILLER = """
import os, signal, sys
import rasd.pipeline
from rasd.cli import app
calls = 0
original = rasd.pipeline.Pipeline.__call__
def analyse_then_die(self, article):
    global calls
    calls += 1
    if calls > {after}:
        os.kill(os.getpid(), signal.SIGKILL)
    return original(self, article)
rasd.pipeline.Pipeline.__call__ = analyse_then_die
sys.argv = ["rasd", "ingest", {path!r}, "--db", {db!r}, "--batch-size", "10", "--quiet"]
app()
"""


def test_a_run_killed_mid_way_and_resumed_equals_an_uninterrupted_run(
    dev_db: Path, news_dev: Path, tmp_path: Path
) -> None:
    db = tmp_path / "killed.db"
    script = _KILLER.format(after=25, path=str(news_dev), db=str(db))
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=600, env=ENV)
    assert r.returncode == -signal.SIGKILL, r.stderr.decode()
    # the two committed batches survive; the open one is lost whole
    kept = _count(db)
    assert 20 <= kept < 26
    r2 = _run("ingest", str(news_dev), "--db", str(db), "--batch-size", "10")
    assert r2.returncode == 0, r2.stderr
    a, b = connect(db, readonly=True), connect(dev_db, readonly=True)
    assert snapshot(a) == snapshot(b)
    assert a.execute("SELECT sum(stored) FROM ingest_runs").fetchone()[0] == _count(dev_db)


def test_unreadable_inputs_are_listed_with_the_reason(example_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_text("This is an English text with no Arabic at all. " * 5)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "x.db"
    r = _run("ingest", str(example_path), str(bad), str(empty), str(tmp_path / "missing.txt"), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert "3 input(s) could not be stored" in r.stderr
    for name in ("latin.txt", "empty.txt", "missing.txt"):
        assert name in r.stderr
    assert "no Arabic text" in r.stderr and "no such file" in r.stderr
    assert _count(db) == 1
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM ingest_problems").fetchone()[0] == 3


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_text("No Arabic here. " * 10)
    r = _run("ingest", str(bad), "--db", str(tmp_path / "x.db"))
    assert r.returncode == 1
    assert "no Arabic text" in r.stderr


def test_ingest_reads_standard_input(example_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    r = _run("ingest", "-", "--db", str(db), "--date", "2017-10-25", "--outlet", "الوطن", stdin=example_path.read_bytes())
    assert r.returncode == 0, r.stderr
    conn = connect(db, readonly=True)
    row = conn.execute("SELECT date, outlet, source FROM articles").fetchone()
    # the masthead names the outlet, so --outlet only fills articles that lack one
    assert tuple(row) == ("2017-10-25", "صحيفة الوطن", "<stdin>")
