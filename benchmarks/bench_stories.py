"""Story clustering (MinHash LSH) speed, and a check that replicated articles fall together.

Clusters the 20× replicated news-dev corpus (each of the 101 articles in 20 copies that differ
by a few words: 101 stories expected) and a sample of distinct archive articles (wire stories
republished by several outlets are the clusters of two or more)::

    .venv/bin/python benchmarks/bench_stories.py --shared ../shared [--copies 20] [--sample 3000]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, replicate, table

from rasd.model import content_id
from rasd.read import ReadProblem, iter_inputs
from rasd.scale.stories import cluster_texts


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--sample", type=int, default=3000)
    args = ap.parse_args()
    dev = args.shared / "data" / "news-dev"
    if not dev.is_dir():
        print(f"skip: {dev} not found (the shared data folder is absent)")
        return 0
    pin_one_core()
    import datasketch  # noqa: F401 - imported here so its import time is not counted

    rows = []
    folders = replicate(dev, args.copies)
    items = [(a.id, a.body) for a in iter_inputs(folders) if not isinstance(a, ReadProblem)]
    t, c = time.perf_counter(), time.process_time()
    clusters = cluster_texts(items)
    cpu = time.process_time() - c
    sizes = Counter(Counter(clusters.values()).values())
    rows.append([f"news-dev × {args.copies} (copies differ by a few words)", len(items),
                 len(set(clusters.values())), ", ".join(f"{n}×{k}" for k, n in sorted(sizes.items())),
                 f"{len(items) / cpu:.0f}", f"{time.perf_counter() - t:.1f}"])

    archive = args.shared / "data" / "unlabeled" / "arabic-news.jsonl.gz"
    if archive.is_file() and args.sample:
        with gzip.open(archive, "rt", encoding="utf-8") as fh:
            texts = [json.loads(line).get("text") or "" for line in itertools.islice(fh, args.sample)]
        items = [(content_id(x), x) for x in texts if x.strip()]
        t, c = time.perf_counter(), time.process_time()
        clusters = cluster_texts(items)
        cpu = time.process_time() - c
        sizes = Counter(Counter(clusters.values()).values())
        multi = sum(n for k, n in sizes.items() if k > 1)
        rows.append([f"archive sample ({multi} stories of 2+ articles)", len(items), len(set(clusters.values())),
                     ", ".join(f"{n}×{k}" for k, n in sorted(sizes.items())[:6]),
                     f"{len(items) / cpu:.0f}", f"{time.perf_counter() - t:.1f}"])
    print(table(["articles", "n", "stories", "story sizes (count×size)", "articles/s (CPU)", "wall s"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
