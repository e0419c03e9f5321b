"""Training of the CRF named-entity tagger.

``train_ner`` fits a model on CoNLL-style files (``token TAG`` a line), optionally scores a
held-out dev part carved from the end of the training data or k folds of it first (the place
to choose hyper-parameters: the test file is only ever scored, never tuned on), then trains on
all of it and writes ``ner.crfsuite`` with a ``ner.json`` sidecar recording data, features,
hyper-parameters, scores and versions. Scores come from :mod:`rasd.eval` (the same
:func:`rasd.eval.evaluate_ner` that ``rasd eval ner`` runs); training sits above evaluation and
evaluation never imports training.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import pycrfsuite

from rasd.entities.features import FeatureConfig, FeatureExtractor, Resources
from rasd.entities.tagger import NerTagger, to_bioes
from rasd.eval import evaluate_ner
from rasd.eval.conll import NerScore, TypeScore, read_conll, score

Sentence = tuple[list[str], list[str]]


def _version(pkg: str) -> str:
    try:
        return metadata.version(pkg)
    except metadata.PackageNotFoundError:
        return "unknown"


def fit_crf(
    sents: Sequence[Sentence],
    extractor: FeatureExtractor,
    model_path: Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int = 200,
    min_freq: int = 0,
    scheme: str = "bio",
    verbose: bool = False,
) -> None:
    """Train a CRF with L-BFGS (L1 ``c1`` + L2 ``c2`` regularization) and write it.

    ``scheme="bioes"`` trains on BIOES labels (the tagger maps them back to BIO).
    """
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for tokens, tags in sents:
        if tokens:
            trainer.append(
                extractor.sentence(tokens), to_bioes(tags) if scheme == "bioes" else tags
            )
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": max_iterations,
            "feature.minfreq": min_freq,
            # Transitions never seen in training (O -> I-X) stay possible so a stray I- can
            # still be scored by the model rather than forced.
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(model_path))


def _score_split(
    train: Sequence[Sentence],
    held: Sequence[Sentence],
    make_extractor: Callable[[], FeatureExtractor],
    params: dict[str, Any],
) -> NerScore:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "m.crfsuite"
        ext = make_extractor()
        fit_crf(train, ext, path, **params)
        tagger = NerTagger.from_parts(path, ext, {"scheme": params.get("scheme", "bio")})
        pred = tagger.tag_many([t for t, _ in held])
    return score([g for _, g in held], pred)


def dev_score(
    sents: Sequence[Sentence],
    make_extractor: Callable[[], FeatureExtractor],
    *,
    dev_fraction: float = 0.1,
    **params: Any,
) -> NerScore:
    """Train on the first ``1 - dev_fraction`` of the sentences and score the rest."""
    cut = int(len(sents) * (1 - dev_fraction))
    return _score_split(sents[:cut], sents[cut:], make_extractor, params)


def cv_score(
    sents: Sequence[Sentence],
    make_extractor: Callable[[], FeatureExtractor],
    *,
    folds: int = 5,
    **params: Any,
) -> NerScore:
    """k-fold cross-validation over contiguous blocks; entity counts are pooled over folds."""
    size = len(sents)
    tp = fp = fn = 0
    per: dict[str, list[int]] = {}
    n_tok = n_ok = n_sent = 0
    for k in range(folds):
        lo, hi = size * k // folds, size * (k + 1) // folds
        s = _score_split([*sents[:lo], *sents[hi:]], sents[lo:hi], make_extractor, params)
        tp, fp, fn = tp + s.overall.tp, fp + s.overall.fp, fn + s.overall.fn
        for t, ts in s.per_type.items():
            c = per.setdefault(t, [0, 0, 0])
            c[0] += ts.tp
            c[1] += ts.fp
            c[2] += ts.fn
        n_tok += s.n_tokens
        n_ok += s.n_tokens_correct
        n_sent += s.n_sentences

    return NerScore(
        TypeScore(tp, fp, fn),
        {t: TypeScore(*c) for t, c in per.items()},
        n_tok,
        n_ok,
        n_sent,
    )


def train_ner(
    train_files: list[Path],
    out: Path,
    *,
    c1: float,
    c2: float,
    max_iterations: int = 200,
    min_freq: int = 0,
    scheme: str = "bio",
    features: FeatureConfig | None = None,
    clusters: Path | None = None,
    gazetteer: Path | None = None,
    dev_fraction: float = 0.0,
    cv_folds: int = 0,
    test_file: Path | None = None,
    verbose: bool = False,
) -> dict[str, Any]:
    """Train the NER model on ``train_files`` and write it to the folder ``out``.

    Args:
        train_files: CoNLL-style training files (``token TAG`` a line).
        out: output folder; receives ``ner.crfsuite``, ``ner.json`` and copies of the
            cluster table and gazetteer when they live elsewhere.
        c1, c2: L1 and L2 regularization strengths.
        max_iterations: L-BFGS iterations.
        min_freq: drop features seen fewer times than this in training.
        scheme: ``"bio"`` or ``"bioes"``, the label scheme the CRF is trained on (tagging
            always returns BIO).
        features: feature groups (defaults of :class:`FeatureConfig` when omitted).
        clusters, gazetteer: resource files (see :mod:`rasd.entities.features`).
        dev_fraction: when > 0, first score a model trained without the last such share of
            the sentences on that share.
        cv_folds: when > 1, first score k-fold cross-validation.
        test_file: when given, the final model is scored on it (and only scored).

    Returns:
        The sidecar metadata, also written to ``out/ner.json``.
    """
    started = time.time()
    out.mkdir(parents=True, exist_ok=True)
    config = features or FeatureConfig()
    resources_meta: dict[str, str] = {}
    for kind, src in (("clusters", clusters), ("gazetteer", gazetteer)):
        if src is None:
            continue
        dest = out / src.name
        if src.resolve() != dest.resolve():
            shutil.copyfile(src, dest)
        resources_meta[kind] = src.name
    resources = Resources.load(
        out / resources_meta["clusters"] if "clusters" in resources_meta else None,
        out / resources_meta["gazetteer"] if "gazetteer" in resources_meta else None,
    )

    def make_extractor() -> FeatureExtractor:

        """A feature extractor over the training resources."""
        return FeatureExtractor(resources, config)

    sents: list[Sentence] = []
    data_meta = []
    for f in train_files:
        part = read_conll(f)
        sents.extend(part)
        data_meta.append(
            {"file": f.name, "sentences": len(part), "tokens": sum(len(t) for t, _ in part)}
        )
    params: dict[str, Any] = {
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "min_freq": min_freq,
        "scheme": scheme,
    }
    meta: dict[str, Any] = {
        "model": "ner.crfsuite",
        "task": "named-entity BIO tagging, types PERS LOC ORG MISC",
        "train": data_meta,
        "scheme": scheme,
        "hyper_parameters": {"algorithm": "lbfgs", **params},
        "features": config.to_dict(),
        "resources": resources_meta,
    }
    if dev_fraction > 0:
        meta["dev"] = {
            "fraction": dev_fraction,
            **dev_score(sents, make_extractor, dev_fraction=dev_fraction, **params).to_dict(),
        }
    if cv_folds > 1:
        meta["cv"] = {
            "folds": cv_folds,
            **cv_score(sents, make_extractor, folds=cv_folds, **params).to_dict(),
        }
    model_path = out / "ner.crfsuite"
    ext = make_extractor()
    fit_crf(sents, ext, model_path, verbose=verbose, **params)
    if test_file is not None:
        tagger = NerTagger.from_parts(model_path, ext, {"scheme": scheme})
        t0 = time.time()
        meta["test"] = {"file": test_file.name, **evaluate_ner(test_file, tagger).to_dict()}
        meta["test"]["seconds"] = round(time.time() - t0, 2)
    meta["date"] = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    meta["training_seconds"] = round(time.time() - started, 1)
    meta["versions"] = {
        "python": platform.python_version(),
        "python-crfsuite": _version("python-crfsuite"),
        "rasd": _version("rasd"),
    }
    meta["model_bytes"] = model_path.stat().st_size
    (out / "ner.json").write_text(
        json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return meta


# The shipped model's recipe: the configuration chosen on the dev part of ANERcorp train (narrow
# word2vec clusters and the previous-word/cluster conjunctions raised its F1 from 0.738 to 0.759;
# c1 0.05 and BIOES labels did not help), and the corpus train repeated CORPUS_WEIGHT times (chosen
# on corpus dev).
SHIPPED_C1 = 0.1
SHIPPED_C2 = 0.01
SHIPPED_MAX_ITERATIONS = 200
CORPUS_WEIGHT = 2


def _corpus_conll(corpus: Path, gold: Path, split: str, out: Path) -> Path | None:
    """The gold mentions of one corpus split as a CoNLL file (None when there is no gold)."""
    from rasd.eval.corpus import corpus_pairs
    from rasd.eval.gold import load_gold, read_article
    from rasd.train.ner_corpus import corpus_sentences, write_conll

    pairs, _, _ = corpus_pairs([corpus], gold, split)
    if not pairs:
        return None
    write_conll(corpus_sentences((read_article(a), load_gold(g)) for a, g in pairs), out)
    return out


def train_shipped_ner(
    data: Path,
    out: Path,
    gold: Path,
    resources: Path,
    *,
    corpus_weight: int = CORPUS_WEIGHT,
    c1: float = SHIPPED_C1,
    c2: float = SHIPPED_C2,
    max_iterations: int = SHIPPED_MAX_ITERATIONS,
    dev_fraction: float = 0.1,
    cv_folds: int = 0,
    test: bool = True,
) -> dict[str, Any]:
    """Train the shipped tagger: ANERcorp train (under ``data``) plus the news corpus's train split
    (its gold mentions as token labels) ``corpus_weight`` times, with the cluster table and
    gazetteer of ``resources``; score corpus dev (which then replaces the ANERcorp dev share) and
    ANERcorp test once each. Writes ``ner.crfsuite`` and ``ner.json`` to ``out``.

    Raises:
        FileNotFoundError: ANERcorp train is not under ``data``.
    """
    train = data / "anercorp" / "ANERCorp.train.txt"
    test_file = data / "anercorp" / "ANERCorp.test.txt"
    if not train.exists():
        raise FileNotFoundError(f"{train} not found: the tagger is trained on ANERcorp (../shared/data)")
    clusters = resources / "ner_clusters.tsv.gz"
    gazetteer = resources / "ner_gazetteer.tsv"
    corpus = data / "news-corpus"
    tmp = Path(tempfile.mkdtemp())
    try:
        files = [train]
        corpus_dev = None
        if corpus_weight > 0 and corpus.is_dir():
            corpus_train = _corpus_conll(corpus, gold, "train", tmp / "news-corpus.train.conll")
            corpus_dev = _corpus_conll(corpus, gold, "dev", tmp / "news-corpus.dev.conll")
            if corpus_train is not None:
                files += [corpus_train] * corpus_weight
                dev_fraction = 0.0  # the corpus dev split is the dev set
        meta = train_ner(
            files,
            out,
            c1=c1,
            c2=c2,
            max_iterations=max_iterations,
            features=FeatureConfig(conjunctions=True),
            clusters=clusters if clusters.exists() else None,
            gazetteer=gazetteer if gazetteer.exists() else None,
            dev_fraction=dev_fraction,
            cv_folds=cv_folds,
            test_file=test_file if test and test_file.exists() else None,
        )
        if corpus_dev is not None:
            score_dev = evaluate_ner(corpus_dev, NerTagger.load(out))
            meta["corpus_dev"] = {"file": "news-corpus dev (gold mentions as tokens)", **score_dev.to_dict()}
            meta["corpus_weight"] = corpus_weight
            (out / "ner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return meta
