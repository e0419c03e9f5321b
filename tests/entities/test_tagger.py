"""Tests for the CRF named-entity tagger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.entities.tagger import (
    DEFAULT_MODEL,
    ModelNotFoundError,
    NerTagger,
    default_tagger,
    to_bio,
    to_bioes,
)
from rasd.entities.train import evaluate_ner, train_ner

needs_model = pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="shipped NER model absent")

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


@needs_model
def test_shipped_tagger_finds_person_name() -> None:
    tags = default_tagger().tag("قال الرئيس السوري بشار الأسد إن".split())
    assert tags[3:5] == ["B-PERS", "I-PERS"]


@needs_model
def test_shipped_tagger_finds_location() -> None:
    tags = default_tagger().tag("وصل المقداد إلى طهران يوم الأحد".split())
    assert tags[3] == "B-LOC"


@needs_model
def test_tag_many_matches_tag() -> None:
    tagger = default_tagger()
    sents = ["وصل المقداد إلى طهران".split(), [], "قالت الأمم المتحدة".split()]
    assert tagger.tag_many(sents) == [tagger.tag(s) for s in sents]


@needs_model
def test_empty_sentence_gives_no_tags() -> None:
    assert default_tagger().tag([]) == []


@needs_model
def test_default_tagger_is_loaded_once() -> None:
    assert default_tagger() is default_tagger()


def test_missing_model_raises_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ModelNotFoundError, match="not found"):
        NerTagger.load(tmp_path / "nothing.crfsuite")


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
    assert evaluate_ner(tagger, data)["f1"] == 1.0


def test_bioes_round_trip() -> None:
    bio = ["B-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG", "I-ORG"]
    bioes = to_bioes(bio)
    assert bioes == ["B-PERS", "E-PERS", "O", "S-LOC", "S-ORG", "B-ORG", "I-ORG", "E-ORG"]
    assert to_bio(bioes) == ["B-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "B-ORG", "I-ORG", "I-ORG"]


def test_bioes_training_returns_bio_tags(tmp_path: Path) -> None:
    data = _write_conll(tmp_path / "tiny.txt")
    train_ner([data], tmp_path / "m", c1=0.0, c2=0.01, max_iterations=50, scheme="bioes")
    tags = NerTagger.load(tmp_path / "m").tag("قال الرئيس السوري بشار الأسد إن".split())
    assert tags == ["O", "O", "O", "B-PERS", "I-PERS", "O"]
