"""Reproduce the shipped NER model in ``src/rasd/data/models/``.

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
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from rasd.entities.features import FeatureConfig  # noqa: E402
from rasd.train.ner import train_ner  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
MODELS = ROOT / "src" / "rasd" / "data" / "models"

# The configuration chosen on the dev part of ANERcorp train (see ner.json "dev").
C1 = 0.1
C2 = 0.01
MAX_ITERATIONS = 200
# Narrow-window (2) word2vec clusters and the previous-word/cluster conjunctions raised the
# dev F1 from 0.738 to 0.759 (c1 0.05 and BIOES labels did not help).
FEATURES = FeatureConfig(conjunctions=True)
# How many times the corpus train sentences are repeated beside ANERcorp train (chosen on corpus dev).
CORPUS_WEIGHT = 2


def _corpus_conll(corpus: Path, gold: Path, split: str, out: Path) -> Path | None:
    """The gold mentions of one corpus split as a CoNLL file (None when there is no gold)."""
    from rasd.eval.corpus import corpus_pairs
    from rasd.eval.gold import load_gold, read_article
    from rasd.train.ner_corpus import corpus_sentences, write_conll

    pairs, _, _ = corpus_pairs([corpus], gold, split)
    if not pairs:
        return None
    sents = corpus_sentences((read_article(a), load_gold(g)) for a, g in pairs)
    write_conll(sents, out)
    return out


def main() -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--c1", type=float, default=C1)
    ap.add_argument("--c2", type=float, default=C2)
    ap.add_argument("--max-iterations", type=int, default=MAX_ITERATIONS)
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--cv-folds", type=int, default=0)
    ap.add_argument("--no-test", action="store_true", help="do not score ANERcorp test")
    ap.add_argument("--gold", type=Path, default=ROOT / "corpus" / "gold", help="the news corpus gold records")
    ap.add_argument("--corpus-weight", type=int, default=CORPUS_WEIGHT, help="copies of corpus train (0: ANERcorp alone)")
    args = ap.parse_args()

    train = args.data / "anercorp" / "ANERCorp.train.txt"
    test = args.data / "anercorp" / "ANERCorp.test.txt"
    if not train.exists():
        print(f"skip: {train} not found (the shared data folder is absent)")
        return 0
    clusters = MODELS / "ner_clusters.tsv.gz"
    gazetteer = MODELS / "ner_gazetteer.tsv"
    corpus = args.data / "news-corpus"
    tmp = Path(tempfile.mkdtemp())
    files = [train]
    corpus_train = corpus_dev = None
    if args.corpus_weight > 0 and corpus.is_dir():
        corpus_train = _corpus_conll(corpus, args.gold, "train", tmp / "news-corpus.train.conll")
        corpus_dev = _corpus_conll(corpus, args.gold, "dev", tmp / "news-corpus.dev.conll")
        if corpus_train is not None:
            files += [corpus_train] * args.corpus_weight
            args.dev_fraction = 0.0  # the corpus dev split is the dev set
    meta = train_ner(
        files,
        args.out,
        c1=args.c1,
        c2=args.c2,
        max_iterations=args.max_iterations,
        features=FEATURES,
        clusters=clusters if clusters.exists() else None,
        gazetteer=gazetteer if gazetteer.exists() else None,
        dev_fraction=args.dev_fraction,
        cv_folds=args.cv_folds,
        test_file=None if args.no_test or not test.exists() else test,
    )
    if corpus_dev is not None:
        from rasd.entities.tagger import NerTagger
        from rasd.eval import evaluate_ner

        score = evaluate_ner(corpus_dev, NerTagger.load(args.out))
        meta["corpus_dev"] = {"file": "news-corpus dev (gold mentions as tokens)", **score.to_dict()}
        meta["corpus_weight"] = args.corpus_weight
        (args.out / "ner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    shutil.rmtree(tmp, ignore_errors=True)
    summary = {k: meta[k] for k in ("dev", "cv", "corpus_dev", "test") if k in meta}
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
