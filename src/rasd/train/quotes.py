"""``rasd train quotes``: the speaker ranking, trained on the annotated news corpus.

For each quote the rules find in a corpus **train** article (and in any other gold given), the
gold quote it reports is the one whose words it covers best (at least half of them, the
scorer's rule). Each candidate speaker is labelled by whether its names contain the gold
speaker's (the scorer's rule again). Quotes the gold does not have, or whose right speaker is
not among the candidates, teach nothing and are counted. Corpus **dev** fits the calibration of
the confidence. Deterministic; writes ``quotes.model.json`` and its sidecar ``quotes.json``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasd.eval.gold import (
    Gold,
    GoldQuote,
    contains_words,
    entity_strings,
    gold_speaker_names,
    score_document,
    word_overlap,
    words,
)
from rasd.learn.linear import Features, sigmoid
from rasd.learn.view import DocView
from rasd.model import Document, Quote
from rasd.quotes.ranking import (
    MODEL_FILE,
    QuoteModel,
    SpeakerCandidate,
    apply,
    candidate_features,
    candidates_for,
    rank,
    slot_named,
)
from rasd.train.corpus import Pair
from rasd.train.fit import fit_calibration, fit_one_vs_rest, write_model


@dataclass(slots=True)
class QuoteData:
    """Ranking rows and what could not be used."""

    rows: list[Features]
    labels: list[set[str]]
    quotes: int = 0
    unmatched: int = 0
    unreachable: int = 0


def gold_of(q: Quote, body: str, gold: Gold) -> GoldQuote | None:
    """The gold quote a found quote reports: the one whose words it covers best (≥ half)."""
    text = body[q.content.start : q.content.end]
    best: tuple[float, GoldQuote] | None = None
    for g in gold.quotes:
        ov = word_overlap(g.text, text)
        if ov >= 0.5 and (best is None or ov > best[0]):
            best = (ov, g)
    return best[1] if best else None


def is_speaker(c: SpeakerCandidate, g: GoldQuote, gold: Gold, body: str) -> bool:
    """Whether a candidate's names contain the gold speaker's (the scorer's speaker rule)."""
    names = gold_speaker_names(g, gold.entities)
    if c.entity is not None:
        mine = [words(x) for x in entity_strings(c.entity, body)]
    elif c.text:
        mine = [words(c.text)]
    else:
        return False
    return any(contains_words(o, n) for o in mine for n in names if n)


def build_data(pairs: Sequence[Pair]) -> QuoteData:
    """Ranking rows of every quote the rules found in ``pairs``."""
    data = QuoteData([], [])
    for pair in pairs:
        view = DocView(pair.doc, [])
        previous: Quote | None = None
        for q in sorted(pair.doc.quotes, key=lambda x: x.content.start):
            data.quotes += 1
            cands = candidates_for(view, q, previous)
            previous = q
            g = gold_of(q, view.body, pair.gold)
            if g is None:
                data.unmatched += 1
                continue
            ok = [is_speaker(c, g, pair.gold, view.body) for c in cands]
            if not any(ok):
                data.unreachable += 1
                continue
            n = sum(1 for c in cands if c.kind == "entity")
            slot = slot_named(view, q)
            for c, good in zip(cands, ok, strict=True):
                data.rows.append(candidate_features(view, q, c, n, slot))
                data.labels.append({"yes"} if good else set())
    return data


def _copy_quotes(doc: Document) -> Document:
    return Document(
        article=doc.article,
        sentences=doc.sentences,
        tokens=doc.tokens,
        mentions=doc.mentions,
        entities=doc.entities,
        quotes=[dataclasses.replace(q) for q in doc.quotes],
        events=doc.events,
    )


@dataclass(slots=True)
class QuoteScore:
    """Micro quote counts over documents."""

    output: int = 0
    matched: int = 0
    required: int = 0
    matched_required: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.output if self.output else 0.0

    @property
    def recall(self) -> float:
        return self.matched_required / self.required if self.required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def score_quotes(pairs: Sequence[Pair], model: QuoteModel | None) -> QuoteScore:
    """Quote scores of the rules alone (``model`` None) or with the ranking."""
    out = QuoteScore()
    for pair in pairs:
        doc = _copy_quotes(pair.doc)
        if model is not None:
            apply(model, doc)
        c = score_document(pair.gold, doc).layers["quotes"].counts
        out.output += c.output
        out.matched += c.matched_output
        out.required += c.required
        out.matched_required += c.matched_required
    return out


def calibrate(model: QuoteModel, dev: Sequence[Pair]) -> None:
    """Fit the confidence on dev: each quote's ranking margin against whether the scorer accepts it."""
    points: list[tuple[float, int]] = []
    for pair in dev:
        doc = _copy_quotes(pair.doc)
        view = DocView(doc, [])
        margins = {id(r.quote): sigmoid(r.margin()) for r in rank(model, view, doc.quotes)}
        apply(model, doc)
        layer = score_document(pair.gold, doc).layers["quotes"]
        used = {o for _, o in layer.pairs}
        for j, q in enumerate(doc.quotes):
            points.append((margins.get(id(q), 0.5), int(j in used)))
    model.calibration = fit_calibration([p for p, _ in points], [y for _, y in points])


def train_quotes(
    train: Sequence[Pair],
    dev: Sequence[Pair],
    out: Path = MODEL_FILE,
    *,
    c: float = 0.5,
    sources: dict[str, Any] | None = None,
    write: bool = True,
) -> tuple[QuoteModel, dict[str, Any]]:
    """Train the ranking on ``train``, calibrate on ``dev``, write the model and its sidecar."""
    t0 = time.perf_counter()
    data = build_data(train)
    model = QuoteModel(fit_one_vs_rest(data.rows, data.labels, ["yes"], c=c))
    calibrate(model, dev)
    rules = score_quotes(dev, None)
    learned = score_quotes(dev, model)
    meta: dict[str, Any] = {
        "model": out.name,
        "task": "speaker ranking for quotes found by the quote rules",
        "trained": dt.date.today().isoformat(),
        "data": {
            **(sources or {}),
            "train_articles": len(train),
            "dev_articles": len(dev),
            "quotes": data.quotes,
            "quotes_without_gold": data.unmatched,
            "quotes_without_right_candidate": data.unreachable,
            "rows": len(data.rows),
        },
        "settings": {"c": c},
        "features": len(model.ranker.weights),
        "dev": {"rules": rules.to_dict(), "learned": learned.to_dict()},
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if write:
        write_model(model.to_dict(), out, meta, out.with_name("quotes.json"))
    return model, meta
