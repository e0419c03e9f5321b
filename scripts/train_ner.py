"""Reproduce the shipped NER model in ``src/rasd/data/models/`` (the same as ``rasd train ner``).

Trains on ANERcorp train plus the news corpus's train split (its gold entity mentions turned into
token labels by :mod:`rasd.train.ner_corpus`, repeated ``--corpus-weight`` times so that news of
our own kind weighs as it should), with the shipped cluster table and gazetteer (build those first
with ``scripts/build_clusters.py`` and ``scripts/build_ner_gazetteer.py``). Scores the news
corpus's dev split (where the weight and features were chosen) and ANERcorp test, once each.
Data paths default to ``../shared/data`` beside the repository and ``corpus/gold``::

    .venv/bin/python scripts/train_ner.py
    .venv/bin/python scripts/train_ner.py --corpus-weight 0     # ANERcorp alone
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.train.ner import (  # noqa: E402
    CORPUS_WEIGHT,
    SHIPPED_C1,
    SHIPPED_C2,
    SHIPPED_MAX_ITERATIONS,
    train_shipped_ner,
)

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "src" / "rasd" / "data" / "models"


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--c1", type=float, default=SHIPPED_C1)
    ap.add_argument("--c2", type=float, default=SHIPPED_C2)
    ap.add_argument("--max-iterations", type=int, default=SHIPPED_MAX_ITERATIONS)
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--cv-folds", type=int, default=0)
    ap.add_argument("--no-test", action="store_true", help="do not score ANERcorp test")
    ap.add_argument("--gold", type=Path, default=ROOT / "corpus" / "gold", help="the news corpus gold records")
    ap.add_argument("--corpus-weight", type=int, default=CORPUS_WEIGHT, help="copies of corpus train (0: ANERcorp alone)")
    args = ap.parse_args()
    try:
        meta = train_shipped_ner(
            args.data,
            args.out,
            args.gold,
            MODELS,
            corpus_weight=args.corpus_weight,
            c1=args.c1,
            c2=args.c2,
            max_iterations=args.max_iterations,
            dev_fraction=args.dev_fraction,
            cv_folds=args.cv_folds,
            test=not args.no_test,
        )
    except FileNotFoundError as exc:
        print(f"skip: {exc}")
        return 0
    summary = {k: meta[k] for k in ("dev", "cv", "corpus_dev", "test") if k in meta}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
