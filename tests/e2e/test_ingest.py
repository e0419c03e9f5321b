"""``rasd ingest`` end to end: the real pipeline, idempotence, and resuming after kill -9."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from tests.store.test_ingest import snapshot
from typer.testing import CliRunner

from rasd.cli import app
from rasd.store import connect, load_document

pytestmark = pytest.mark.e2e
RASD = [sys.executable, "-m", "rasd.cli"]
ENV = {**os.environ, "COLUMNS": "200"}
NEWS_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "news-dev"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    r = subprocess.run([*RASD, *args], capture_output=True, timeout=600, env=ENV)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def _invoke(*args: str, stdin: bytes | None = None) -> tuple[int, str]:
    """Run the CLI in this process (no start-up cost): exit code and everything it printed."""
    result = CliRunner().invoke(app, list(args), input=stdin, env={"COLUMNS": "200"})
    return result.exit_code, result.output


def in_process() -> list[str]:
    """``--workers 1`` when ingest has the option: analyse in the ingest process itself, so a
    small run starts no process pool and a killed run leaves no worker behind."""
    return ["--workers", "1"] if "--workers" in _invoke("ingest", "--help")[1] else []


def _count(db: Path, table: str = "articles") -> int:
    conn = connect(db, readonly=True)
    try:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def dev_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """news-dev ingested once per test session by ``rasd ingest`` (uninterrupted, batches of 10,
    in this process);
    later callers get the same file. Skips when the corpus is absent."""
    if not NEWS_DEV.is_dir():
        pytest.skip(f"dev corpus not found at {NEWS_DEV} (the shared data folder is absent)")
    folder = tmp_path_factory.getbasetemp() / "news-dev-db"
    db = folder / "dev.db"
    if not (folder / "complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        code, out = _invoke("ingest", str(NEWS_DEV), "--db", str(db), "--batch-size", "10", *in_process())
        assert code == 0, out
        (folder / "complete").write_text(out)
    return db


@pytest.fixture(scope="module")
def dev_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return dev_database(tmp_path_factory)


def test_ingest_stores_what_the_pipeline_produces(example_path: Path, tmp_path: Path) -> None:
    from rasd.pipeline import analyze

    db = tmp_path / "seed.db"
    code, out = _invoke("ingest", str(example_path), "--db", str(db), *in_process())
    assert code == 0, out
    assert "articles stored" in out and "ingest into" in out
    analysed = analyze(example_path).to_dict()
    conn = connect(db, readonly=True)
    doc = load_document(conn, analysed["article"]["id"])
    assert doc is not None
    stored = doc.to_dict()
    for key in ("article", "sentences", "entities", "quotes", "events"):
        assert stored[key] == analysed[key], key


def test_ingesting_twice_stores_each_article_once(dev_db: Path) -> None:
    conn = connect(dev_db, readonly=True)
    before = snapshot(conn)
    conn.close()
    n_files = len(list(NEWS_DEV.glob("*.txt")))
    assert len(before["articles"]) == n_files
    code, out = _invoke("ingest", str(NEWS_DEV), "--db", str(dev_db), *in_process())
    assert code == 0, out
    assert "already in the database" in out
    conn = connect(dev_db, readonly=True)
    assert snapshot(conn) == before
    runs = conn.execute("SELECT stored, skipped FROM ingest_runs ORDER BY id").fetchall()
    assert [tuple(x) for x in runs] == [(n_files, 0), (0, n_files)]


_KILLER = """
import os, signal, sys
import rasd.store
from rasd.cli import app
write = rasd.store.store_documents
def die_after(items, n):
    for i, item in enumerate(items):
        if i == n:
            os.kill(os.getpid(), signal.SIGKILL)  # mid-batch, as a crash or an OOM kill would
        yield item
def store_then_die(db, items, *args, **kwargs):
    kwargs["max_batch_seconds"] = 1e9  # commit by size only, so the kill falls in the third batch
    return write(db, die_after(items, {after}), *args, **kwargs)
rasd.store.store_documents = store_then_die
sys.argv = ["rasd", "ingest", {path!r}, "--db", {db!r}, "--batch-size", "10", "--quiet", *{workers!r}]
app()
"""


def test_a_run_killed_mid_way_and_resumed_equals_an_uninterrupted_run(dev_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    script = _KILLER.format(after=25, path=str(NEWS_DEV), db=str(db), workers=in_process())
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=600, env=ENV)
    assert r.returncode == -signal.SIGKILL, r.stderr.decode()
    # the two committed batches survive; the open one is lost whole
    assert _count(db) == 20
    code, out = _invoke("ingest", str(NEWS_DEV), "--db", str(db), "--batch-size", "10", *in_process())
    assert code == 0, out
    a, b = connect(db, readonly=True), connect(dev_db, readonly=True)
    assert snapshot(a) == snapshot(b)
    assert a.execute("SELECT sum(stored) FROM ingest_runs").fetchone()[0] == _count(dev_db)


def test_unreadable_inputs_are_listed_with_the_reason(example_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_text("This is an English text with no Arabic at all. " * 5)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    db = tmp_path / "x.db"
    code, out = _invoke("ingest", str(example_path), str(bad), str(empty), str(tmp_path / "missing.txt"),
                        "--db", str(db), *in_process())
    assert code == 0, out
    assert "3 input(s) could not be stored" in out
    for name in ("latin.txt", "empty.txt", "missing.txt"):
        assert name in out
    assert "no Arabic text" in out and "no such file" in out
    assert _count(db) == 1
    conn = connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM ingest_problems").fetchone()[0] == 3


def test_nothing_readable_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "latin.txt"
    bad.write_text("No Arabic here. " * 10)
    code, out = _invoke("ingest", str(bad), "--db", str(tmp_path / "x.db"), *in_process())
    assert code == 1
    assert "no Arabic text" in out


def test_ingest_reads_standard_input_and_fills_missing_metadata(example_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "stdin.db"
    code, out = _invoke("ingest", "-", "--db", str(db), "--date", "2017-10-25", "--outlet", "الوطن",
                        *in_process(), stdin=example_path.read_bytes())
    assert code == 0, out
    conn = connect(db, readonly=True)
    row = conn.execute("SELECT date, outlet, source FROM articles").fetchone()
    # the masthead names the outlet, so --outlet only fills articles that lack one
    assert tuple(row) == ("2017-10-25", "صحيفة الوطن", "<stdin>")


def test_a_bad_database_file_is_one_clear_error(example_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("not a database " * 100)
    code, out = _invoke("ingest", str(example_path), "--db", str(db))
    assert code == 2 and "not a usable SQLite database" in out


def test_query_commands_on_the_dev_corpus(dev_db: Path) -> None:
    code, out = _invoke("search", "رئيس", "--db", str(dev_db), "--format", "csv", "--limit", "3")
    assert code == 0 and out.startswith("article_id,date,outlet,headline,url,passage")
    assert len(out.strip().splitlines()) >= 4
    code, out = _invoke("search", "(رئيس", "--db", str(dev_db))
    assert code == 2 and "could not understand the query" in out
    for command in ("events", "quotes", "actors"):
        code, out = _invoke(command, "--db", str(dev_db), "--format", "json", "--limit", "2")
        assert code == 0, out
    missing = dev_db.with_name("missing.db")
    code, out = _invoke("events", "--db", str(missing))
    assert code == 2 and "no such database" in out
