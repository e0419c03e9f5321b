"""Would more annotation pay? The learned event coder trained on 25, 50 and 100 % of corpus train.

Each model is trained as ``rasd train events`` trains the shipped one (with the news-dev gold, as
the shipped model, unless ``--no-extra``), its threshold and calibration chosen on corpus dev
(keeping the seed right), and scored on corpus test: only the counts are kept, no error is printed. The shares are
nested (the 25 % articles are among the 50 %), drawn by a fixed seed. Writes
``benchmarks/learning_curve.json``, which ``benchmarks/quality.py`` shows in QUALITY.md::

    .venv/bin/python benchmarks/learning_curve.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from rasd.events.learned.coder import code_events_learned
from rasd.train.corpus import load_pairs, rule_pipeline
from rasd.train.events import score_events, train_events

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "learning_curve.json"
SHARES = (0.25, 0.5, 1.0)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared data folder (default ../shared)")
    ap.add_argument("--gold", type=Path, default=ROOT / "corpus" / "gold")
    ap.add_argument("--no-extra", action="store_true", help="train on corpus train alone, without news-dev")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    shared = Path(args.shared)
    corpus = shared / "data" / "news-corpus"
    if not corpus.is_dir():
        print(f"skip: {corpus} not found", file=sys.stderr)
        return 0
    pipe = rule_pipeline()
    train, _ = load_pairs([corpus], args.gold, "train", pipe)
    dev, _ = load_pairs([corpus], args.gold, "dev", pipe)
    test, _ = load_pairs([corpus], args.gold, "test", pipe)
    extra = [] if args.no_extra else load_pairs([shared / "data" / "news-dev"], None, None, pipe)[0]
    guard = load_pairs([shared / "seed"], None, None, pipe)[0] if (shared / "seed").is_dir() else []
    order = sorted(p.name for p in train)
    random.Random(20261207).shuffle(order)
    points = []
    for share in SHARES:
        t0 = time.perf_counter()
        keep = set(order[: max(1, round(len(order) * share))])
        subset = [p for p in train if p.name in keep]
        model, _ = train_events(subset + extra, dev, write=False, guard=guard)
        res = score_events(test, lambda p, m=model: code_events_learned(p.doc, p.doc.events, m))
        points.append(
            {
                "share": share,
                "train_articles": len(subset),
                "precision": round(res.precision, 4),
                "recall": round(res.recall, 4),
                "f1": round(res.f1, 4),
                "threshold": model.threshold,
            }
        )
        print(f"{share:.0%}: {len(subset)} articles, test events F1 {res.f1:.3f} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    gain = points[-1]["f1"] - points[-2]["f1"]
    reading = (
        f"From 50 % to 100 % of train, test F1 moves by {gain:+.3f}: "
        + ("the curve still rises, so more annotation would pay." if gain > 0.02 else "the curve is flattening; more annotation of the same kind would pay little.")
    )
    data = {"test_articles": len(test), "dev_articles": len(dev), "extra_articles": len(extra), "points": points, "reading": reading}
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
