"""Where the time goes: a pyinstrument profile of the whole pipeline on news-dev.

Analyses news-dev twice after loading the pipeline (as a worker does) under pyinstrument and
prints the functions with the largest share of the time, inclusive (the function and what it
calls) and by self time, as Markdown tables; ``--html`` also saves the interactive profile::

    .venv/bin/python benchmarks/bench_profile.py --shared ../shared [--top 20] [--html profile.html]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import pin_one_core, table

from rasd.model import Article
from rasd.read import ReadProblem, iter_inputs


def _where(frame: Any) -> str:
    path = str(frame.file_path or "")
    if "/rasd/" in path:
        path = "rasd/" + path.split("/rasd/", 1)[1]
    elif "site-packages/" in path:
        path = path.split("site-packages/", 1)[1]
    else:
        path = Path(path).name if path else "<built-in>"
    return f"{path}:{frame.function}"


def _walk(frame: Any, stack: frozenset[str], inclusive: dict[str, float], self_time: dict[str, float]) -> None:
    if frame.function == "[self]":  # pyinstrument's marker of the parent's own time
        return
    key = _where(frame)
    if key not in stack:  # a recursive call counts once
        inclusive[key] += frame.time
    self_time[key] += frame.time - sum(c.time for c in frame.children if c.function != "[self]")
    for child in frame.children:
        _walk(child, stack | {key}, inclusive, self_time)


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("--html", type=Path, default=None)
    args = ap.parse_args()
    dev = args.shared / "data" / "news-dev"
    if not dev.is_dir():
        print(f"skip: {dev} not found (the shared data folder is absent)")
        return 0
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("skip: pyinstrument is not installed (pip install -e '.[dev]')")
        return 0
    pin_one_core()
    from rasd.scale.parallel import warm_up, worker_pipeline

    warm_up()
    pipeline = worker_pipeline()
    articles = [a for a in iter_inputs([dev]) if not isinstance(a, ReadProblem)]
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(2):
        for a in articles:
            pipeline(Article.from_dict({**a.to_dict(), "id": ""}))
    profiler.stop()
    session = profiler.last_session
    root = session.root_frame()
    total = root.time
    inclusive: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    _walk(root, frozenset(), inclusive, self_time)

    def rows(d: dict[str, float], only_rasd: bool) -> list[list[str]]:
        items = [(k, v) for k, v in d.items() if not only_rasd or k.startswith("rasd/")]
        items = [(k, v) for k, v in items if "pipeline.py:" not in k or not only_rasd or "stage" in k]
        items.sort(key=lambda kv: -kv[1])
        return [[f"`{k}`", f"{100 * v / total:.1f}%"] for k, v in items[: args.top]]

    print(f"Profile of {2 * len(articles)} analyses ({total:.1f} s sampled).\n")
    print("### Inclusive share (the function and everything it calls; rasd functions)\n")
    print(table(["function", "share"], rows(inclusive, True)))
    print("\n### Self time (the function's own code; any module)\n")
    print(table(["function", "share"], rows(self_time, False)))
    if args.html:
        args.html.write_text(profiler.output_html(), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
