"""``rasd serve`` as a process: a taken port, and SIGTERM while a long search runs."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from rasd.store import connect

pytestmark = pytest.mark.e2e
ENV = {**os.environ, "COLUMNS": "200"}


def _slow_database(path: Path) -> None:
    """2,000 rows of search index, every word beginning with ا: each ``ا*`` of a query then
    merges the lists of 20,000 words, about a second of work."""
    conn = connect(path)
    rng = random.Random(7)
    letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
    vocab = ["ا" + "".join(rng.choice(letters) for _ in range(rng.randint(3, 7))) for _ in range(20000)]
    conn.execute("BEGIN")
    for i in range(2000):
        words = " ".join(rng.choice(vocab) for _ in range(200))
        cur = conn.execute("INSERT INTO articles (id, body, ingested_at) VALUES (?, ?, '2018-01-01')", (f"a{i}", words))
        conn.execute("INSERT INTO search (rowid, norms, stems) VALUES (?, ?, ?)", (cur.lastrowid, words, words))
    conn.execute("COMMIT")
    conn.close()


# the web app with every search limit lifted, so that one request runs for minutes
SERVER = """
import sys
from rasd.store import SearchLimits
from rasd.web import create_app, serve_app
unlimited = SearchLimits(max_chars=10**6, max_terms=10**6, max_prefixes=10**6, min_prefix_letters=1, seconds=0)
serve_app(create_app(sys.argv[1], limits=unlimited), port=0, ready=lambda port: print(port, flush=True))
"""


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the server's CPU time from /proc")
def test_sigterm_stops_the_server_while_a_long_search_runs(tmp_path: Path) -> None:
    db = tmp_path / "slow.db"
    _slow_database(db)
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(db)], stdout=subprocess.PIPE, env=ENV)
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline())
        idle = _cpu_seconds(server.pid)  # what starting up cost
        query = " ".join(["ا*"] * 300)  # minutes of work without a limit
        answer: list[int] = []

        def search() -> None:
            try:
                answer.append(httpx.get(f"http://127.0.0.1:{port}/", params={"q": query}, timeout=600).status_code)
            except httpx.HTTPError:
                answer.append(0)

        client = threading.Thread(target=search, daemon=True)
        client.start()
        # the query is running once the idle server has burnt a second of CPU
        while _cpu_seconds(server.pid) < idle + 1.0 and server.poll() is None:
            client.join(0.05)
        assert server.poll() is None and not answer, "the search ended before the signal"
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down, then re-raises the signal it caught: the exit status is -SIGTERM
        assert server.wait(timeout=30) in (0, -signal.SIGTERM)
        client.join(30)
        assert answer and answer[0] in (0, 503)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def test_a_taken_port_is_one_clear_error(tmp_path: Path, example_path: Path) -> None:
    db = tmp_path / "r.db"
    code = subprocess.run([sys.executable, "-m", "rasd.cli", "ingest", str(example_path), "--db", str(db), "--workers", "1",
                           "--quiet"], capture_output=True, env=ENV, timeout=600).returncode
    assert code == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-m", "rasd.cli", "serve", "--db", str(db), "--port", str(port)],
                           capture_output=True, env=ENV, timeout=120)
    err = r.stderr.decode()
    assert r.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in err and "--port" in err and "PORT=" in err
    assert "Traceback" not in err
