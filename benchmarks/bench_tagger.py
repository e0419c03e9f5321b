"""Throughput of the NER tagger (features + CRF) on one core, as a Markdown table row.

Tags ANERcorp test (or the file given) with the shipped model: the first pass starts with an
empty per-word feature cache ("cold": every word type is new, the worst case), later passes
reuse it ("warm", the steady state of a long run over news). Rates are tokens per second of
this process's CPU time, so a busy machine does not distort them; wall-clock rates are shown
beside them. Skips with a message when the data is absent::

    .venv/bin/python benchmarks/bench_tagger.py [conll_file] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from rasd.entities.tagger import NerTagger
from rasd.eval.conll import read_conll

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "data" / "anercorp" / "ANERCorp.test.txt"


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("conll", type=Path, nargs="?", default=DEFAULT)
    ap.add_argument("--model", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=3, help="warm passes (best is reported)")
    args = ap.parse_args()
    if not args.conll.exists():
        print(f"skip: {args.conll} not found (the shared data folder is absent)")
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    sents = [toks for toks, _ in read_conll(args.conll)]
    n_tok = sum(len(s) for s in sents)

    t0 = time.perf_counter()
    tagger = NerTagger.load(args.model)
    load_s = time.perf_counter() - t0

    def run() -> tuple[float, float]:
        c0, w0 = time.process_time(), time.perf_counter()
        tagger.tag_many(sents)
        return n_tok / (time.process_time() - c0), n_tok / (time.perf_counter() - w0)

    cold, cold_wall = run()
    warm = warm_wall = 0.0
    for _ in range(args.repeat):
        cpu, wall = run()
        warm, warm_wall = max(warm, cpu), max(warm_wall, wall)

    print("| benchmark | tokens | load s | cold tok/s (wall) | warm tok/s (wall) |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| NER tagger ({args.conll.name}) | {n_tok} | {load_s:.2f} "
        f"| {cold:,.0f} ({cold_wall:,.0f}) | {warm:,.0f} ({warm_wall:,.0f}) |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
