"""Tests for the CRF named-entity tagger."""

from __future__ import annotations

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

needs_model = pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="shipped NER model absent")

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


def test_bioes_round_trip() -> None:
    bio = ["B-PERS", "I-PERS", "O", "B-LOC", "I-ORG", "B-ORG", "I-ORG", "I-ORG"]
    bioes = to_bioes(bio)
    assert bioes == ["B-PERS", "E-PERS", "O", "S-LOC", "S-ORG", "B-ORG", "I-ORG", "E-ORG"]
    assert to_bio(bioes) == ["B-PERS", "I-PERS", "O", "B-LOC", "B-ORG", "B-ORG", "I-ORG", "I-ORG"]


SENTENCES = [
    "قال الرئيس السوري بشار الأسد إن".split(),
    "وصل وزير الخارجية فيصل المقداد إلى طهران يوم الأحد ، وقال لوكالة | الأنباء".split(),
    "أعلنت الأمم المتحدة أن".split(),
    ["طهران"],
    "| || a|b وزير|الخارجية".split(),
]


@needs_model
def test_model_attributes_are_the_models_own() -> None:
    from rasd.entities.tagger import model_attributes

    tagger = NerTagger.load()
    known = model_attributes(DEFAULT_MODEL)
    assert known == {attr for attr, _ in tagger._crf.info().state_features}


def test_model_attributes_of_an_unreadable_file(tmp_path: Path) -> None:
    from rasd.entities.tagger import model_attributes

    assert model_attributes(tmp_path / "missing.crfsuite") is None
    (tmp_path / "bad.crfsuite").write_bytes(b"not a model")
    assert model_attributes(tmp_path / "bad.crfsuite") is None


@needs_model
def test_model_features_are_the_known_feature_strings() -> None:
    from rasd.entities.features import ModelFeatures
    from rasd.entities.tagger import model_attributes

    tagger = NerTagger.load()
    known = model_attributes(DEFAULT_MODEL)
    assert known is not None
    model = ModelFeatures(tagger.extractor, known)
    for sent in SENTENCES * 2:  # the second round from the caches
        full = tagger.extractor.sentence(sent)
        assert model.sentence(sent) == [[a.encode() for a in f if a in known] for f in full]


@needs_model
def test_model_features_tag_and_score_as_all_features() -> None:
    tagger = NerTagger.load()
    crf = tagger._crf
    for sent in SENTENCES:
        full = tagger.extractor.sentence(sent)
        labels = crf.tag(full)
        scores = [crf.marginal(lab, i) for i, lab in enumerate(labels)]
        assert tagger.tag(sent) == labels
        assert tagger.tag_scored(sent) == [
            (lab, 1.0 if lab == "O" else p) for lab, p in zip(labels, scores, strict=True)
        ]
