"""Training the CRF named-entity tagger on a tiny corpus (rasd.train.ner)."""

from __future__ import annotations

import json
from pathlib import Path

from rasd.entities.tagger import NerTagger
from rasd.eval import evaluate_ner
from rasd.train.ner import train_ner

TINY = [
    ("قال الرئيس السوري بشار الأسد إن", "O O O B-PERS I-PERS O"),
    ("وصل وزير الخارجية إلى طهران أمس", "O O O O B-LOC O"),
    ("أعلنت الأمم المتحدة أن", "O B-ORG I-ORG O"),
] * 7


def _write_conll(path: Path) -> Path:
    lines = []
    for words, tags in TINY:
        lines += [f"{w} {t}" for w, t in zip(words.split(), tags.split(), strict=True)] + [""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

SENTENCES = [
    "قال الرئيس السوري بشار الأسد إن".split(),
    "وصل وزير الخارجية فيصل المقداد إلى طهران يوم الأحد ، وقال لوكالة | الأنباء".split(),
    "أعلنت الأمم المتحدة أن".split(),
    ["طهران"],
    "| || a|b وزير|الخارجية".split(),
]


def test_tiny_training_run_writes_model_and_sidecar(tmp_path: Path) -> None:
    data = _write_conll(tmp_path / "tiny.txt")
    meta = train_ner([data], tmp_path / "model", c1=0.0, c2=0.01, max_iterations=30)
    assert (tmp_path / "model" / "ner.crfsuite").exists()
    sidecar = json.loads((tmp_path / "model" / "ner.json").read_text(encoding="utf-8"))
    assert sidecar["train"][0]["sentences"] == len(TINY)
    assert meta["hyper_parameters"]["c2"] == 0.01


def test_tiny_model_learns_its_training_data(tmp_path: Path) -> None:
    data = _write_conll(tmp_path / "tiny.txt")
    train_ner([data], tmp_path / "model", c1=0.0, c2=0.01, max_iterations=50)
    tagger = NerTagger.load(tmp_path / "model")
    assert evaluate_ner(data, tagger).f1 == 1.0


def test_bioes_training_returns_bio_tags(tmp_path: Path) -> None:
    data = _write_conll(tmp_path / "tiny.txt")
    train_ner([data], tmp_path / "m", c1=0.0, c2=0.01, max_iterations=50, scheme="bioes")
    tags = NerTagger.load(tmp_path / "m").tag("قال الرئيس السوري بشار الأسد إن".split())
    assert tags == ["O", "O", "O", "B-PERS", "I-PERS", "O"]


def test_tiny_model_features_match(tmp_path: Path) -> None:
    from rasd.entities.features import ModelFeatures

    data = _write_conll(tmp_path / "tiny.txt")
    train_ner([data], tmp_path / "model", c1=0.0, c2=0.01, max_iterations=30)
    tagger = NerTagger.load(tmp_path / "model")
    model = tagger._features.__self__
    assert isinstance(model, ModelFeatures)
    for sent in SENTENCES:
        assert model.sentence(sent) == [
            [a.encode() for a in f if a in model.known] for f in tagger.extractor.sentence(sent)
        ]


def test_rasd_train_ner_without_anercorp_is_one_clear_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "rasd.cli", "train", "ner", "--data", str(tmp_path), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, timeout=120,
    )
    assert r.returncode == 1
    assert "ANERCorp.train.txt not found" in r.stderr and "Traceback" not in r.stderr
