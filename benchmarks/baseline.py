"""The honest baseline: rasd as it was before any change made from the news corpus, scored on it.

Checks out ``--commit`` (default: the last commit before the corpus existed) into a temporary git
worktree, runs that version's ``rasd analyze`` on the corpus articles of each split, and scores the
output with today's scorer, so the figures are comparable with QUALITY.md's. Writes
``benchmarks/baseline.json``; ``benchmarks/quality.py`` shows it in QUALITY.md as the starting point::

    .venv/bin/python benchmarks/baseline.py --shared ../shared [--commit a430ca9] [--splits dev test]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rasd.eval.breakdown import by_event_type, by_group
from rasd.eval.gold import LAYERS, evaluate_gold
from rasd.model import Document
from rasd.pipeline import Pipeline, Stage

ROOT = Path(__file__).resolve().parent.parent
BASELINE_COMMIT = "a430ca9"  # main before the news corpus and any rule written from it
OUT = ROOT / "benchmarks" / "baseline.json"


def _analyze(worktree: Path, articles: list[Path]) -> dict[str, Document]:
    """Documents of the old version, by article body hash."""
    env = dict(os.environ, PYTHONPATH=str(worktree / "src"))
    out: dict[str, Document] = {}
    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "out.jsonl"
        with listing.open("w", encoding="utf-8") as fh:
            subprocess.run(
                [sys.executable, "-m", "rasd.cli", "analyze", *(str(a.resolve()) for a in articles), "--format", "jsonl"],
                cwd=worktree,
                env=env,
                stdout=fh,
                check=False,
            )
        for line in listing.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = Document.from_dict(json.loads(line))
                out[doc.article.id] = doc
    return out


def _lookup(docs: dict[str, Document]) -> Pipeline:
    """A pipeline whose one stage hands back the old version's analysis of an article."""

    def recall(doc: Document) -> Document:
        return docs[doc.article.id]

    return Pipeline([Stage("baseline", recall, (), ("sentences", "tokens", "mentions", "entities", "quotes", "events"))])


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared data folder (default ../shared)")
    ap.add_argument("--commit", default=BASELINE_COMMIT, help="the version to score")
    ap.add_argument("--splits", nargs="+", default=["dev", "test"], help="corpus splits to score")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    corpus = Path(args.shared) / "data" / "news-corpus"
    gold = ROOT / "corpus" / "gold"
    result: dict[str, object] = {"commit": args.commit, "splits": {}}
    with tempfile.TemporaryDirectory() as tmp:
        worktree = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(worktree), args.commit], cwd=ROOT, check=True)
        try:
            for split in args.splits:
                t0 = time.perf_counter()
                from rasd.eval.corpus import corpus_pairs

                pairs, _, problems = corpus_pairs([corpus], gold, split)
                docs = _analyze(worktree, [a for a, _ in pairs])

                report = evaluate_gold([corpus], _lookup(docs), gold_dir=gold, split=split)
                result["splits"][split] = {  # type: ignore[index]
                    "articles": len(report.articles),
                    "micro": {k: v.to_dict() for k, v in report.micro.items()},
                    "by_stratum": {
                        k: {layer: c.to_dict() for layer, c in v.items()}
                        for k, v in by_group(report.articles, "stratum").items()
                    },
                    "by_event_type": {k: v.to_dict() for k, v in by_event_type(report.articles).items()},
                    "problems": problems + report.problems,
                }
                micro = report.micro
                print(
                    f"{split}: {len(report.articles)} articles, "
                    + ", ".join(f"{layer} F1 {micro[layer].f1:.3f}" for layer in LAYERS)
                    + f" ({time.perf_counter() - t0:.0f} s)",
                    file=sys.stderr,
                )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
