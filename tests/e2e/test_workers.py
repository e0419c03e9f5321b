"""``rasd ingest --workers 2`` stores exactly what ``--workers 1`` stores; so does ingesting shards."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.e2e
RASD = [sys.executable, "-m", "rasd.cli"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    example = Path(__file__).resolve().parents[2] / "examples" / "000_17848a7770633ebb.txt"
    folder = tmp_path_factory.mktemp("in")
    shutil.copy(example, folder / "seed.txt")
    paragraphs = [p for p in example.read_text("utf-8").splitlines()[5:] if p.strip()]
    records = [
        {"title": f"خبر {i}", "text": "\n".join(paragraphs[i :: 5]), "date": f"2017-10-{20 + i}", "source": "سانا"}
        for i in range(5)
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(2, "{broken")
    (folder / "wire.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "english.txt").write_text("no Arabic here", "utf-8")
    return folder


def _ingest(*args: str) -> None:
    r = subprocess.run([*RASD, "ingest", *args, "-q"], capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()


def _tables(db: Path, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row, in storage order, without the run log, timestamps and the ``skip``
    columns; the search index as (article id, norms, stems)."""
    conn = sqlite3.connect(db)
    out: dict[str, list[tuple[Any, ...]]] = {}
    names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    for name in names:
        if name.startswith(("search_", "sqlite_")) or name in ("ingest_runs", "schema_version"):
            continue
        if name == "search":
            out[name] = conn.execute(
                "SELECT a.id, s.norms, s.stems FROM search s JOIN articles a ON a.num = s.rowid ORDER BY s.rowid"
            ).fetchall()
            continue
        cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')
                if r[1] not in ("ingested_at", "run_id", *skip)]
        columns = ", ".join(f'"{c}"' for c in cols)
        out[name] = conn.execute(f'SELECT {columns} FROM "{name}"').fetchall()
    conn.close()
    return out


def _queries(db: Path) -> dict[str, Any]:
    from rasd.store import Filters, connect
    from rasd.store import queries as Q

    conn = connect(db, readonly=True)
    try:
        return {
            "events": list(Q.iter_events(conn, Filters())),
            "quotes": list(Q.iter_quotes(conn, Filters())),
            "actors": list(Q.iter_actors(conn, Filters())),
            "search": Q.search_articles(conn, Filters(q="المقداد"), limit=50).total,
            "stats": {k: v for k, v in Q.stats(conn).items() if "time" not in k and "run" not in k},
        }
    finally:
        conn.close()


def test_workers_store_the_same_database(inputs: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    _ingest(str(inputs), "--db", str(one), "--workers", "1")
    _ingest(str(inputs), "--db", str(two), "--workers", "2")
    t1, t2 = _tables(one), _tables(two)
    assert len(t1["articles"]) == 6 and len(t1["ingest_problems"]) == 2
    assert t1["events"], "the example article has events"
    assert t1 == t2
    assert _queries(one) == _queries(two)


def test_ingesting_run_shards_stores_what_direct_ingest_stores(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "shards"
    r = subprocess.run([*RASD, "run", str(inputs), "--out", str(out), "--workers", "2", "-q"],
                       capture_output=True, timeout=600)
    assert r.returncode == 0, r.stderr.decode()
    direct, shards = tmp_path / "direct.db", tmp_path / "shards.db"
    _ingest(str(inputs), "--db", str(direct), "--workers", "1")
    _ingest(str(out), "--db", str(shards), "--workers", "2")
    # not the row number: shards come in another order
    a, b = _tables(direct, skip=("num",)), _tables(shards, skip=("num",))
    # the inputs rasd run could not read are in its _errors.jsonl, not in the shards
    assert len(a.pop("ingest_problems")) == 2 and not b.pop("ingest_problems")
    assert a["sentences"] and any(row[-1] > 0 for row in a["sentences"]), "the inputs have several paragraphs"
    assert set(a) == set(b)
    for name in a:
        assert sorted(map(repr, a[name])) == sorted(map(repr, b[name])), name
    # a second ingest of the same shards stores nothing new
    _ingest(str(out), "--db", str(shards))
    assert _tables(shards, skip=("num",))["articles"] == b["articles"]


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie waits for init, which may never reap it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="walks the process tree in /proc")
def test_killing_ingest_leaves_no_worker_behind(inputs: Path, tmp_path: Path) -> None:
    big = tmp_path / "many.jsonl"
    text = (inputs / "seed.txt").read_text("utf-8")
    big.write_text("\n".join(json.dumps({"text": f"{text}\nالخبر رقم {i}."}, ensure_ascii=False)
                             for i in range(200)) + "\n", "utf-8")
    ingest = subprocess.Popen([*RASD, "ingest", str(big), "--db", str(tmp_path / "k.db"), "--workers", "2", "-q"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    tree: set[int] = set()
    try:
        # wait for the fork server's workers: the ingest's grandchildren
        while ingest.poll() is None and len({g for c in _children(ingest.pid) for g in _children(c)}) < 2:
            time.sleep(0.1)
        assert ingest.poll() is None, "the ingest ended before its workers started"
        tree = {c for c in _children(ingest.pid)} | {g for c in _children(ingest.pid) for g in _children(c)}
        ingest.send_signal(signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 60
        while any(_running(p) for p in tree) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [p for p in tree if _running(p)], "processes outlived the killed ingest"
    finally:
        if ingest.poll() is None:
            ingest.kill()
        for p in tree:
            if _running(p):
                os.kill(p, signal.SIGKILL)
