"""Time and memory of ``rasd ingest`` as the corpus grows (1×, 5×, 20× news-dev) and with cores.

The corpus is replicated with a changed first body line in each copy (every article of every
copy is new to the database and is analysed), see ``common.replicate``. Each run is a fresh
``rasd ingest`` into a new database, measured from outside (``common.measure_cmd``): wall time,
CPU time of all its processes, the peak memory of its largest process and of all its processes
together. ``rasd run`` is measured too, with the local engine and on a Dask LocalCluster::

    .venv/bin/python benchmarks/bench_scaling.py --shared ../shared [--sizes 1 5 20] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DIR, RASD, machine, measure_cmd, replicate, table


def _ingest(folders: list[Path], workers: int, work: Path) -> dict[str, Any]:
    db = work / f"ingest-{len(folders)}x-{workers}w.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    cmd = [*RASD, "ingest", *map(str, folders), "--db", str(db), "--workers", str(workers), "-q"]
    r = measure_cmd(cmd)
    r["command"] = f"rasd ingest {len(folders)} folder(s) --workers {workers}"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    return r


def _run(folders: list[Path], workers: int, engine: str, work: Path) -> dict[str, Any]:
    out = work / f"run-{engine}-{len(folders)}x"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [*RASD, "run", *map(str, folders), "--out", str(out), "--engine", engine,
           "--workers", str(workers), "-q"]
    r = measure_cmd(cmd)
    r["command"] = f"rasd run {len(folders)} folder(s) --engine {engine} --workers {workers}"
    shutil.rmtree(out, ignore_errors=True)
    return r


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20])
    ap.add_argument("--workers", type=int, nargs="+", default=None,
                    help="worker counts to measure (default: 1 and all cores)")
    ap.add_argument("--run-size", type=int, default=5, help="corpus size (×) for the rasd run rows; 0 skips")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    dev = args.shared / "data" / "news-dev"
    if not dev.is_dir():
        print(f"skip: {dev} not found (the shared data folder is absent)")
        return 0
    cores = machine()["cores"]
    worker_counts = args.workers or sorted({1, cores})
    folders = replicate(dev, max([*args.sizes, args.run_size]))
    per_copy = sum(1 for f in folders[0].iterdir() if f.suffix == ".txt")
    work = BENCH_DIR / "work"
    work.mkdir(parents=True, exist_ok=True)

    results: list[dict[str, Any]] = []
    for size in args.sizes:
        for w in worker_counts:
            r = _ingest(folders[:size], w, work)
            r.update(size=size, workers=w, articles=size * per_copy, kind="ingest")
            results.append(r)
            print(f"ingest {size}x workers={w}: {r['wall_s']} s, {r['peak_tree_mb']} MB", file=sys.stderr)
    if args.run_size:
        for engine in ("local", "dask"):
            r = _run(folders[: args.run_size], cores, engine, work)
            r.update(size=args.run_size, workers=cores, articles=args.run_size * per_copy, kind=f"run {engine}")
            results.append(r)
            print(f"run {engine}: {r['wall_s']} s", file=sys.stderr)

    rows = []
    for r in results:
        ok = r["returncode"] == 0
        rows.append([
            r["kind"], f"{r['size']}×", r["articles"], r["workers"],
            f"{r['wall_s']:.1f}" if ok else f"failed ({r['returncode']})",
            f"{r['articles'] / r['wall_s']:.1f}" if ok else "",
            f"{r['articles'] / r['cpu_s']:.1f}" if ok and r["cpu_s"] else "",
            f"{max(r['peak_process_mb'], r['maxrss_mb']):.0f}",
            f"{r['peak_tree_pss_mb']:.0f} ({r['processes']})",
            f"{r['load_before']:.1f}",
        ])
    print(table(["command", "corpus", "articles", "workers", "wall s", "articles/s (wall)",
                 "articles per CPU-second", "peak RSS of the largest process, MB",
                 "peak memory of all processes (PSS), MB (processes)", "load average before"], rows))
    failed = [r for r in results if r["returncode"] != 0]
    for r in failed:
        print(f"\n`{r['command']}` failed:\n```\n{r['stderr_tail']}\n```")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), "utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
