import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
RASD = [sys.executable, "-m", "rasd.cli"]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*RASD, *args], input=stdin, capture_output=True, timeout=300)


def test_version() -> None:
    r = _run("--version")
    assert r.returncode == 0 and r.stdout.decode().startswith("rasd ")


def test_analyze_prints_rasd_json(example_path: Path) -> None:
    r = _run("analyze", str(example_path))
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    assert d["schema"] == "rasd/1" and d["article"]["byline"] == "وكالات"
    body = d["article"]["body"]
    for s in d["sentences"]:
        assert body[s["start"] : s["end"]].strip()


def test_analyze_reads_stdin(example_path: Path) -> None:
    r = _run("analyze", "-", stdin=example_path.read_bytes())
    assert r.returncode == 0 and json.loads(r.stdout)["article"]["section"] == "سورية"


def test_explain_shows_the_rules_behind_every_event_and_quote(example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--explain")
    assert r.returncode == 0, r.stderr.decode()
    d = json.loads(r.stdout)
    assert d["events"] and d["quotes"]
    assert all(ev["rules"] for ev in d["events"]) and all(q["rules"] for q in d["quotes"])
    body = d["article"]["body"]
    assert d["dropped"] and all(body[x["start"] : x["end"]] == x["text"] and x["rule"] for x in d["dropped"])


def test_without_explain_the_json_has_no_trace(example_path: Path) -> None:
    d = json.loads(_run("analyze", str(example_path)).stdout)
    assert "dropped" not in d and all("rules" in ev for ev in d["events"])


def test_the_pretty_view_explains_too(example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--format", "pretty", "--explain")
    out = r.stdout.decode()
    assert r.returncode == 0 and "Rules behind each record" in out and "Turned down" in out
    assert "quotes.speaker.after_cue" in out and "events.role." in out


def test_pretty_view_shows_the_headline(example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--format", "pretty")
    assert r.returncode == 0 and "مباحثات سورية إيرانية" in r.stdout.decode()


def test_out_writes_one_json_per_article(tmp_path: Path, example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--out", str(tmp_path / "out"))
    assert r.returncode == 0
    assert (tmp_path / "out" / f"{example_path.name}.json").is_file()


def test_bad_inputs_give_one_line_each_and_the_batch_goes_on(tmp_path: Path, example_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    png = tmp_path / "x.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    jl = tmp_path / "t.jsonl"
    jl.write_text('{"text": "أعلنت موسكو تسليم الجيش السوري صواريخ.", "title": "عنو', "utf-8")
    r = _run("analyze", str(empty), str(png), str(jl), str(example_path), "-f", "jsonl")
    assert r.returncode == 0
    errors = [ln for ln in r.stderr.decode().splitlines() if ln.startswith("error")]
    assert len(errors) == 3
    assert "Traceback" not in r.stderr.decode()
    assert len(r.stdout.decode().splitlines()) == 1


def test_nothing_readable_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = _run("analyze", str(empty))
    assert r.returncode == 1
    assert r.stderr.decode().count("error") == 1


def _two_articles(tmp_path: Path, example_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(example_path.read_bytes())
    (folder / "b.txt").write_text("أعلنت موسكو تسليم الجيش السوري صواريخ جديدة مضادة للطائرات.", "utf-8")
    return folder


def test_several_articles_print_one_json_array(tmp_path: Path, example_path: Path) -> None:
    r = _run("analyze", str(_two_articles(tmp_path, example_path)), "--until", "text")
    assert r.returncode == 0, r.stderr.decode()
    docs = json.loads(r.stdout)
    assert isinstance(docs, list) and [d["schema"] for d in docs] == ["rasd/1", "rasd/1"]


def test_several_articles_as_json_lines(tmp_path: Path, example_path: Path) -> None:
    r = _run("analyze", str(_two_articles(tmp_path, example_path)), "--until", "text", "-f", "jsonl")
    lines = r.stdout.decode().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["schema"] == "rasd/1" for line in lines)


def test_flags_are_listed_without_a_value(tmp_path: Path) -> None:
    r = _run("analyze", "--help")
    text = r.stdout.decode()
    assert "--tokens" in text and "<bool>" not in text


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_progress_line_on_a_terminal(tmp_path: Path, example_path: Path) -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([*RASD, "analyze", str(_two_articles(tmp_path, example_path)), "--until", "text"],
                            stdout=subprocess.PIPE, stderr=follower, env=env)
    os.close(follower)
    out, _ = proc.communicate(timeout=300)
    shown = b""
    while True:
        try:
            piece = os.read(leader, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not piece:
            break
        shown += piece
    os.close(leader)
    assert proc.returncode == 0 and len(json.loads(out)) == 2
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", shown.decode("utf-8", "replace"))  # colours, cursor
    assert "analyze 2 articles" in text


def test_min_confidence_keeps_only_the_events_at_or_above_it(example_path: Path) -> None:
    every = json.loads(_run("analyze", str(example_path)).stdout)["events"]
    r = _run("analyze", str(example_path), "--min-confidence", "0.9")
    assert r.returncode == 0, r.stderr.decode()
    kept = json.loads(r.stdout)["events"]
    assert all(e["confidence"] >= 0.9 for e in kept) and len(kept) < len(every)


def test_min_confidence_outside_zero_to_one_is_refused(example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--min-confidence", "2")
    assert r.returncode == 2 and b"min-confidence" in r.stderr


def test_rules_only_gives_the_rule_records(example_path: Path) -> None:
    r = _run("analyze", str(example_path), "--rules-only")
    assert r.returncode == 0 and all(q["confidence"] is None for q in json.loads(r.stdout)["quotes"])
