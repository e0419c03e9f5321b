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
import struct
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycrfsuite

from rasd.entities.features import FeatureConfig, FeatureExtractor, ModelFeatures, Resources

MODELS_DIR = Path(__file__).resolve().parent.parent / "data" / "models"
DEFAULT_MODEL = MODELS_DIR / "ner.crfsuite"


class ModelNotFoundError(FileNotFoundError):
    """The NER model file is missing."""


def to_bioes(tags: list[str]) -> list[str]:
    """BIO tags to BIOES: single-token entities become ``S-``, entity ends ``E-``.

    Training on the finer scheme lets the CRF learn how names end, not only where they
    start; :func:`to_bio` maps predictions back.
    """
    out = list(tags)
    n = len(tags)
    prev = "O"
    for i, t in enumerate(tags):
        if len(t) < 3 or t[1] != "-":
            prev = t
            continue
        # A stray I- (no entity of its type open) starts an entity, as conlleval reads it.
        starts = t.startswith("B-") or not (prev[2:] == t[2:] and prev[:2] in ("B-", "I-"))
        nxt = tags[i + 1] if i + 1 < n else "O"
        continues = nxt.startswith("I-") and nxt[2:] == t[2:]
        if starts:
            out[i] = ("B-" if continues else "S-") + t[2:]
        else:
            out[i] = ("I-" if continues else "E-") + t[2:]
        prev = t
    return out


def to_bio(tags: list[str]) -> list[str]:
    """BIOES tags back to BIO (``S-`` becomes ``B-``, ``E-`` becomes ``I-``)."""
    return [
        "B-" + t[2:] if t.startswith("S-") else "I-" + t[2:] if t.startswith("E-") else t
        for t in tags
    ]


def model_attributes(path: Path) -> frozenset[str] | None:
    """The attribute names a CRFsuite model knows, read from its file (None if unreadable).

    Tagging hands the CRF only these: it ignores any other attribute, so the result is the
    same. The model file (``lCRF`` header, then constant quark databases ``CQDB``) stores them
    in an id-to-record array: every record is its id, its size and the NUL-ended name.
    """
    try:
        data = path.read_bytes()
        if data[:4] != b"lCRF":
            return None
        off = struct.unpack_from("<I", data, 36)[0]  # header: off_attrs
        chunk, _size, _flag, _order, count, bwd = struct.unpack_from("<4sIIIII", data, off)
        if chunk != b"CQDB":
            return None
        names = []
        for i, rec in enumerate(struct.unpack_from(f"<{count}I", data, off + bwd)):
            rid, size = struct.unpack_from("<II", data, off + rec)
            if rid != i or size == 0:
                return None
            start = off + rec + 8
            names.append(data[start : start + size - 1].decode("utf-8"))
    except (OSError, struct.error, UnicodeDecodeError):
        return None
    return frozenset(names)


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

    def __init__(
        self,
        crf: pycrfsuite.Tagger,
        extractor: FeatureExtractor,
        meta: dict[str, Any],
        known: frozenset[str] | None = None,
    ):
        self._crf = crf
        self.extractor = extractor
        self.meta = meta
        # Models trained on BIOES labels are mapped back to BIO for callers.
        self._bioes = meta.get("scheme", "bio") == "bioes"
        # The model's own attributes as bytes (same tags, much less for the CRF to convert);
        # every feature string when the model's attribute list could not be read.
        self._features: Callable[[Sequence[str]], Sequence[Sequence[str | bytes]]] = (
            ModelFeatures(extractor, known).sentence if known is not None else extractor.sentence
        )

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
        return cls(crf, extractor, meta, model_attributes(model))

    @classmethod
    def from_parts(
        cls, model: Path, extractor: FeatureExtractor, meta: dict[str, Any] | None = None
    ) -> NerTagger:
        """Wrap a freshly trained model file with the extractor used to train it."""
        crf = pycrfsuite.Tagger()
        crf.open(str(model))
        return cls(crf, extractor, meta or {}, model_attributes(Path(model)))

    @property
    def labels(self) -> list[str]:
        """The labels the model knows."""
        return list(self._crf.labels())

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels for one sentence of tokens (an empty sentence gives an empty list)."""
        if not tokens:
            return []
        tags = self._crf.tag(self._features(tokens))
        return to_bio(tags) if self._bioes else list(tags)

    def tag_scored(self, tokens: list[str]) -> list[tuple[str, float]]:
        """BIO labels with the model's marginal probability of each label (1.0 for ``O``)."""
        if not tokens:
            return []
        crf = self._crf
        labels = crf.tag(self._features(tokens))
        # only names use the probability: skip the marginals of the many O tokens
        scored = [(lab, 1.0 if lab == "O" else crf.marginal(lab, i)) for i, lab in enumerate(labels)]
        if self._bioes:
            return list(zip(to_bio([lab for lab, _ in scored]), [p for _, p in scored], strict=True))
        return scored

    def tag_many(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """:meth:`tag` over many sentences."""
        crf_tag = self._crf.tag
        feats = self._features
        fix = to_bio if self._bioes else list
        return [fix(crf_tag(feats(s))) if s else [] for s in sentences]


@lru_cache(maxsize=1)
def default_tagger() -> NerTagger:
    """The shipped tagger, loaded once per process."""
    return NerTagger.load()
