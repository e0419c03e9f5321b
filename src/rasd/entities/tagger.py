"""The statistical named-entity tagger: a CRF over the features of :mod:`.features`.

Input is a sentence of words as the project tokenizer gives them (whitespace- and
punctuation-separated, clitics attached: ``والمقداد`` is one token); output is one BIO label
per token over the types PERS, LOC, ORG and MISC.

    >>> tagger = default_tagger()
    >>> tagger.tag("قال الرئيس السوري بشار الأسد إن".split())
    ['O', 'O', 'O', 'B-PERS', 'I-PERS', 'O']
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from rasd.entities.features import FeatureConfig, FeatureExtractor, Resources

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
DEFAULT_MODEL = MODELS_DIR / "ner.crfsuite"


class ModelNotFoundError(FileNotFoundError):
    """The NER model file is missing."""


def load_resources(meta: dict[str, Any], model_dir: Path) -> Resources:
    """Load the cluster table and gazetteer named in a model sidecar, relative to the model."""
    res = meta.get("resources", {})
    clusters = res.get("clusters")
    gazetteer = res.get("gazetteer")
    return Resources.load(
        model_dir / clusters if clusters else None,
        model_dir / gazetteer if gazetteer else None,
    )


class NerTagger:
    """A loaded CRF model plus the feature extractor it was trained with."""

    def __init__(self, crf: pycrfsuite.Tagger, extractor: FeatureExtractor, meta: dict[str, Any]):
        self._crf = crf
        self.extractor = extractor
        self.meta = meta

    @classmethod
    def load(cls, path: Path | None = None) -> NerTagger:
        """Load a model (``ner.crfsuite`` and its ``ner.json`` sidecar beside it).

        Args:
            path: the ``.crfsuite`` file or the folder holding ``ner.crfsuite``; the shipped
                model when omitted.

        Raises:
            ModelNotFoundError: when the model file does not exist.
        """
        model = DEFAULT_MODEL if path is None else Path(path)
        if model.is_dir():
            model = model / "ner.crfsuite"
        if not model.exists():
            raise ModelNotFoundError(
                f"NER model not found at {model}; reinstall rasd or rebuild it with "
                "`python scripts/train_ner.py`"
            )
        sidecar = model.with_suffix(".json")
        meta: dict[str, Any] = (
            json.loads(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
        )
        config = FeatureConfig.from_dict(meta.get("features", {}))
        extractor = FeatureExtractor(load_resources(meta, model.parent), config)
        crf = pycrfsuite.Tagger()
        crf.open(str(model))
        return cls(crf, extractor, meta)

    @classmethod
    def from_parts(
        cls, model: Path, extractor: FeatureExtractor, meta: dict[str, Any] | None = None
    ) -> NerTagger:
        """Wrap a freshly trained model file with the extractor used to train it."""
        crf = pycrfsuite.Tagger()
        crf.open(str(model))
        return cls(crf, extractor, meta or {})

    @property
    def labels(self) -> list[str]:
        """The labels the model knows."""
        return list(self._crf.labels())

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels for one sentence of tokens (an empty sentence gives an empty list)."""
        if not tokens:
            return []
        return list(self._crf.tag(self.extractor.sentence(tokens)))

    def tag_scored(self, tokens: list[str]) -> list[tuple[str, float]]:
        """BIO labels with the model's marginal probability of each label (1.0 for ``O``)."""
        if not tokens:
            return []
        crf = self._crf
        labels = crf.tag(self.extractor.sentence(tokens))
        # only names use the probability: skip the marginals of the many O tokens
        return [(lab, 1.0 if lab == "O" else crf.marginal(lab, i)) for i, lab in enumerate(labels)]

    def tag_many(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """:meth:`tag` over many sentences."""
        crf_tag = self._crf.tag
        feats = self.extractor.sentence
        return [list(crf_tag(feats(s))) if s else [] for s in sentences]


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The shipped tagger, loaded once per process."""
    return NerTagger.load()
