"""Articles per second per core, end to end and per stage, on one pinned core.

Reads and analyses the news-dev corpus with the full pipeline as a worker does (models loaded
and warmed once, see ``rasd.scale.parallel.warm_up``), and a sample of distinct articles from
the unlabeled archive (the first half warms the caches, the second half is timed: the steady
state of a long run on new text). Times are CPU seconds of this process (``time.process_time``),
so other programs on the machine do not distort them; wall times are given beside them::

    .venv/bin/python benchmarks/bench_throughput.py --shared ../shared [--sample 600] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, table

from rasd.model import Article, Document
from rasd.read import ReadProblem, iter_inputs
from rasd.read.records import iter_jsonl


def _time_stages(pipeline: Any, articles: list[Article]) -> dict[str, Any]:
    """Run every stage on every article; CPU and wall seconds per stage and in total."""
    stage_cpu = {s.name: 0.0 for s in pipeline.stages}
    tokens = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for a in articles:
        doc = Document(article=a, meta={"stages": pipeline.names})
        for st in pipeline.stages:
            t = time.process_time()
            doc = st(doc)
            stage_cpu[st.name] += time.process_time() - t
        tokens += len(doc.tokens)
    return {
        "articles": len(articles),
        "tokens": tokens,
        "cpu_s": time.process_time() - cpu0,
        "wall_s": time.perf_counter() - wall0,
        "stages": stage_cpu,
    }


def _fresh(articles: list[Article]) -> list[Article]:
    return [Article.from_dict({**a.to_dict(), "id": ""}) for a in articles]


def _unlabeled(path: Path, n: int) -> list[Article]:
    out: list[Article] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        lines = []
        for line in fh:
            lines.append(line)
            if len(lines) >= n * 2:  # some records are not articles (too short, not Arabic)
                break
    for item in iter_jsonl("".join(lines), str(path)):
        if isinstance(item, Article) and len(item.body) > 300:
            out.append(item)
        if len(out) >= n:
            break
    return out


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--sample", type=int, default=600, help="distinct unlabeled articles (half warm-up)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    args = ap.parse_args()
    dev = args.shared / "data" / "news-dev"
    if not dev.is_dir():
        print(f"skip: {dev} not found (the shared data folder is absent)")
        return 0
    pin_one_core()

    t0, c0 = time.perf_counter(), time.process_time()
    from rasd.scale.parallel import warm_up, worker_pipeline

    warm_up()
    pipeline = worker_pipeline()
    load = {"cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - t0}

    t0, c0 = time.perf_counter(), time.process_time()
    articles = [a for a in iter_inputs([dev]) if not isinstance(a, ReadProblem)]
    read = {"cpu_s": time.process_time() - c0, "wall_s": time.perf_counter() - t0, "articles": len(articles)}
    chars = statistics.median(len(a.body) for a in articles)

    first = _time_stages(pipeline, _fresh(articles))
    second = _time_stages(pipeline, _fresh(articles))
    runs: dict[str, Any] = {"news-dev, first pass": first, "news-dev, second pass (caches warm)": second}

    archive = args.shared / "data" / "unlabeled" / "arabic-news.jsonl.gz"
    sample_chars = None
    if archive.is_file() and args.sample >= 2:
        sample = _unlabeled(archive, args.sample)
        half = len(sample) // 2
        _time_stages(pipeline, sample[:half])
        steady = _time_stages(pipeline, sample[half:])
        sample_chars = statistics.median(len(a.body) for a in sample[half:])
        runs[f"unlabeled archive, {len(sample) - half} new articles after {half}"] = steady

    read_cpu_per_article = read["cpu_s"] / max(1, read["articles"])
    rows = []
    for name, r in runs.items():
        per = r["cpu_s"] / r["articles"]
        rows.append([
            name, r["articles"], f"{r['tokens'] / r['articles']:.0f}",
            f"{r['articles'] / r['cpu_s']:.1f}", f"{1 / (per + read_cpu_per_article):.1f}",
            f"{r['articles'] / r['wall_s']:.1f}",
        ])
    out = ["### End to end, one core", ""]
    out.append(table(["corpus", "articles", "tokens/article", "analysis articles/s (CPU)",
                      "read + analysis articles/s (CPU)", "articles/s (wall)"], rows))
    out += ["", f"Median article: {chars:.0f} characters (news-dev)"
            + (f", {sample_chars:.0f} (archive sample)" if sample_chars else "")
            + f". Loading and warming the pipeline: {load['cpu_s']:.1f} s CPU ({load['wall_s']:.1f} s wall), once per process."
            + f" Reading: {read['articles'] / read['cpu_s']:.0f} articles/s.", ""]

    out += ["### Per stage (ms of CPU per article)", ""]
    stage_names = list(first["stages"])
    header = ["stage", *runs.keys()]
    srows = []
    for st in stage_names:
        srows.append([st] + [
            f"{1000 * r['stages'][st] / r['articles']:.1f} ({100 * r['stages'][st] / r['cpu_s']:.0f}%)"
            for r in runs.values()
        ])
    srows.append(["total"] + [f"{1000 * r['cpu_s'] / r['articles']:.1f}" for r in runs.values()])
    out.append(table(header, srows))
    tl = {}
    for name, r in runs.items():
        secs = r["stages"].get("entities", 0.0) + r["stages"].get("actors", 0.0)
        if secs:
            tl[name] = r["tokens"] / secs
    if tl:
        out += ["", "### Tagging and linking (entities + actors stages)", ""]
        out.append(table(["corpus", "tokens/s (CPU)"], [[k, f"{v:,.0f}"] for k, v in tl.items()]))
    print("\n".join(out))
    if args.json:
        args.json.write_text(json.dumps({"load": load, "read": read, "median_chars": chars, "runs": runs,
                                         "tagging_linking_tokens_per_s": tl}, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
