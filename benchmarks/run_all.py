"""``make bench``: run every speed and memory benchmark and rewrite BENCHMARKS.md.

Runs, each in its own process: end-to-end and per-stage throughput on one core
(``bench_throughput.py``), the NER tagger (``bench_tagger.py``, when present), a profile of the
whole pipeline (``bench_profile.py``), time and memory of ``rasd ingest`` and ``rasd run`` at 1×,
5× and 20× the dev corpus (``bench_scaling.py``) and story clustering (``bench_stories.py``).
A benchmark that fails or has no data is reported as such and the others go on::

    .venv/bin/python benchmarks/run_all.py --shared ../shared [--out BENCHMARKS.md] [--quick]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DIR, PYTHON, ROOT, git_commit, load_average, machine, table

HERE = Path(__file__).resolve().parent
TARGET = 50.0  # articles per second per core, end to end


@dataclass
class Section:
    """One benchmark's part of BENCHMARKS.md."""

    title: str
    script: str
    args: list[str]
    intro: str
    timeout: float = 900
    output: str = ""
    seconds: float = 0.0
    failed: str | None = None

    @property
    def command(self) -> str:
        """How to reproduce it."""
        return " ".join([".venv/bin/python", f"benchmarks/{self.script}", *self.args])

    def run(self) -> None:
        """Run the script; keep its Markdown output or the reason it failed."""
        started = time.perf_counter()
        try:
            r = subprocess.run([PYTHON, str(HERE / self.script), *self.args], cwd=ROOT, capture_output=True,
                               text=True, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.failed = f"timed out after {self.timeout:.0f} s"
            return
        finally:
            self.seconds = time.perf_counter() - started
        self.output = r.stdout.strip()
        if r.returncode != 0:
            last = (r.stderr.strip().splitlines() or ["(no message)"])[-1]
            self.failed = f"exit status {r.returncode}: {last[-500:]}"

    def markdown(self) -> str:
        """The section."""
        out = [f"## {self.title}", "", self.intro, "", f"`{self.command}` ({self.seconds:.0f} s)", ""]
        if self.output:
            out += [self.output, ""]
        if self.failed:
            out += [f"_Failed: {self.failed}_", ""]
        return "\n".join(out)


def _headline(throughput_json: Path) -> str:
    if not throughput_json.is_file():
        return "_The throughput benchmark did not run (no shared data?)._"
    data: dict[str, Any] = json.loads(throughput_json.read_text("utf-8"))
    runs = data["runs"]
    read_per = data["read"]["cpu_s"] / max(1, data["read"]["articles"])
    lines = []
    for name, r in runs.items():
        rate = 1 / (r["cpu_s"] / r["articles"] + read_per)
        lines.append([name, f"{rate:.1f}", "yes" if rate >= TARGET else "no"])
    return table(["corpus", "articles/s per core, read + analysis", f"≥ {TARGET:.0f}?"], lines)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--quick", action="store_true", help="smaller runs (1× and 5× only), for a try-out")
    args = ap.parse_args()
    shared = str(args.shared)
    BENCH_DIR.mkdir(exist_ok=True)
    tp_json = BENCH_DIR / "throughput.json"
    tp_json.unlink(missing_ok=True)
    sizes = ["1", "5"] if args.quick else ["1", "5", "20"]
    sections = [
        Section("Throughput per core", "bench_throughput.py",
                ["--shared", shared, "--json", str(tp_json), "--sample", "200" if args.quick else "600"],
                "The full pipeline in one process pinned to one core, as a worker runs it (models loaded "
                "and warmed once). CPU time of the process, so other load on the machine does not count; "
                "reading (decoding, format sniffing, boilerplate) is included in the end-to-end figure, "
                "writing to the database is not (see the ingest rows below)."),
        Section("NER tagger", "bench_tagger.py", [],
                "Tokens per second of the statistical NER tagger alone (features + CRF), on one core."),
        Section("Profile", "bench_profile.py", ["--shared", shared, "--top", "15"],
                "Where the time goes in the whole pipeline (pyinstrument, two passes over news-dev)."),
        Section("Scaling with corpus size and cores; memory", "bench_scaling.py",
                ["--shared", shared, "--sizes", *sizes, "--run-size", "1"],
                "A fresh `rasd ingest` (read, analyse, store in SQLite) of the dev corpus replicated 1×, 5× "
                "and 20× (each copy's articles changed by a word, so all are new), with one worker and with "
                "all cores, measured from outside: wall time, CPU time of every process, the peak resident "
                "memory of the largest process and of all processes together (PSS: pages shared by "
                "forked workers counted once). The two `rasd run` rows write rasd/1 shards instead, with "
                "the local process pool and on a Dask LocalCluster (whose start-up and per-worker model "
                "loading they include). The copies share their words and sentences, so the per-process "
                "caches of the text and event stages make them cheaper than new articles (the throughput "
                "table's archive row is the steady state on new text); with several workers each warms "
                "its own caches.", timeout=1500),
        Section("Story clustering", "bench_stories.py", ["--shared", shared],
                "MinHash LSH over normalized word 3-shingles (128 permutations, Jaccard ≥ 0.5)."),
    ]
    started = time.perf_counter()
    load_start = load_average()
    for s in sections:
        if not (HERE / s.script).is_file():
            s.failed = f"benchmarks/{s.script} is not in this checkout"
            continue
        print(f"running {s.script}…", file=sys.stderr, flush=True)
        s.run()
        print(f"  {s.seconds:.0f} s" + (f" — {s.failed}" if s.failed else ""), file=sys.stderr, flush=True)
    m = machine()
    doc = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`benchmarks/run_all.py --shared {shared}`) on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M')} UTC, commit `{git_commit()}`, in "
        f"{(time.perf_counter() - started) / 60:.1f} minutes.",
        "",
        table(["machine", ""], [["CPU", m["cpu"]], ["cores", m["cores"]], ["memory", f"{m['ram_gb']} GB"],
                                ["Python", m["python"]], ["OS", m["os"]],
                                ["load average (1 min) at start / end", f"{load_start} / {load_average()}"]],
              "ll"),
        "",
        "Per-core figures are CPU time, which other programs on the machine do not change; wall-clock "
        "figures (articles/s wall) depend on the load average shown beside them.",
        "",
        f"## Headline: end-to-end articles per second per core (target {TARGET:.0f})",
        "",
        _headline(tp_json),
        "",
    ]
    doc += [s.markdown() for s in sections]
    args.out.write_text("\n".join(doc).rstrip() + "\n", "utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
