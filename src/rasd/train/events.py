"""``rasd train events``: the learned event coder, trained on the annotated news corpus.

Data: the gold records of corpus **train** (and, when given, other gold such as news-dev's), each
article analysed by the rule pipeline. Every gold event (required or optional) is placed in the
sentence where its evidence stands, which gives

- the **types** data: each sentence with the set of best types of the gold events in it;
- the **roles** data: for each gold event, every candidate of its sentence, labelled by whether
  its code is among the gold's acceptable source (or target) codes;
- the **status** data: each gold event's status with the words before its cue.

Corpus **dev** then chooses what is not learned from train: the calibration of the confidence
(isotonic, on the match of each dev record to dev gold), the threshold that maximises dev F1
while precision stays at or above the target, and which types keep the rule coder's records
(those where the rules beat the model on dev). Everything is deterministic; the model and a
sidecar with data, features, settings and scores are written under ``rasd/data/models``.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasd.eval.gold import LAYERS, GoldEvent, entity_codes, score_document
from rasd.events.learned.coder import (
    MODEL_DIR,
    EventModel,
    Proposal,
    _event,
    assemble,
    group_proposals,
    propose,
    record_features,
)
from rasd.events.learned.cues import event_view
from rasd.events.learned.features import (
    NONE,
    anchor_token,
    candidate_features,
    candidates,
    sentence_features,
    status_features,
)
from rasd.learn.linear import Calibration, Features, LinearModel
from rasd.learn.view import DocView
from rasd.model import Document, Event
from rasd.train.corpus import Pair, find_span
from rasd.train.fit import fit_calibration, fit_multiclass, fit_one_vs_rest, write_model

EVENT_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


@dataclass(slots=True)
class Settings:
    """Training settings (regularisation strengths and the precision the threshold must keep)."""

    c_types: float = 0.5
    c_roles: float = 1.0
    c_status: float = 1.0
    c_record: float = 0.1
    min_type_probability: float = 0.05
    target_precision: float = 0.0  # the default threshold maximises dev F1; users filter by confidence


@dataclass(slots=True)
class Data:
    """The three training sets built from annotated documents."""

    sent_rows: list[Features] = field(default_factory=list)
    sent_labels: list[set[str]] = field(default_factory=list)
    src_rows: list[Features] = field(default_factory=list)
    src_labels: list[set[str]] = field(default_factory=list)
    tgt_rows: list[Features] = field(default_factory=list)
    tgt_labels: list[set[str]] = field(default_factory=list)
    status_rows: list[Features] = field(default_factory=list)
    status_labels: list[str] = field(default_factory=list)
    events_placed: int = 0
    events_unplaced: int = 0


def _codes(view: DocView, key: str) -> set[str | None]:
    if key == NONE:
        return {None}
    return entity_codes(view.entity_by_id.get(key), view.body)


def place_events(view: DocView, events: Sequence[GoldEvent]) -> list[tuple[GoldEvent, int]]:
    """Each gold event with the index of the sentence its evidence starts in (unplaced ones left out)."""
    out: list[tuple[GoldEvent, int]] = []
    for g in events:
        span = find_span(view.body, g.evidence)
        s = view.sentence_at(span.start) if span is not None else None
        if s is not None:
            out.append((g, s.index))
    return out


def build_data(pairs: Sequence[Pair]) -> Data:
    """The types, roles and status training sets of a list of annotated documents."""
    data = Data()
    for pair in pairs:
        view = event_view(pair.doc, pair.doc.events)
        placed = place_events(view, pair.gold.events)
        data.events_placed += len(placed)
        data.events_unplaced += len(pair.gold.events) - len(placed)
        by_sentence: dict[int, set[str]] = {}
        for g, i in placed:
            by_sentence.setdefault(i, set()).add(g.types[0])
        for s in view.sentences:
            if s.token_end <= s.token_start:
                continue
            data.sent_rows.append(sentence_features(view, s))
            data.sent_labels.append(by_sentence.get(s.index, set()))
        for g, i in placed:
            s = view.sentences[i]
            etype = g.types[0]
            anchor = anchor_token(view, s, etype)
            cands = candidates(view, s)
            for role, gold_codes, rows, labels in (
                ("src", g.source, data.src_rows, data.src_labels),
                ("tgt", g.target, data.tgt_rows, data.tgt_labels),
            ):
                ok = [bool(_codes(view, c.key) & set(gold_codes)) for c in cands]
                if not any(ok) or all(ok):
                    continue  # nothing to rank: the right actor is not among the candidates
                source_code = next((x for x in g.source if x is not None), None) if role == "tgt" else None
                for c, good in zip(cands, ok, strict=True):
                    rows.append(candidate_features(view, s, etype, c, anchor, role, source_code))
                    labels.append({"yes"} if good else set())
            if g.status:
                data.status_rows.append(status_features(view, s, etype, anchor))
                data.status_labels.append(g.status)
    return data


def fit(data: Data, settings: Settings) -> EventModel:
    """Fit the four models (no calibration yet: that is chosen on dev)."""
    types = fit_one_vs_rest(data.sent_rows, data.sent_labels, EVENT_TYPES, c=settings.c_types)
    source = fit_one_vs_rest(data.src_rows, data.src_labels, ["yes"], c=settings.c_roles)
    target = fit_one_vs_rest(data.tgt_rows, data.tgt_labels, ["yes"], c=settings.c_roles)
    status = fit_multiclass(data.status_rows, data.status_labels or ["asserted"], c=settings.c_status)
    return EventModel(types, source, target, status, min_type_probability=settings.min_type_probability)


def _matched_flags(pair: Pair, events: list[Event]) -> list[bool]:
    """For each output event, whether the scorer pairs it with a gold event."""
    doc = Document(
        article=pair.doc.article,
        sentences=pair.doc.sentences,
        tokens=pair.doc.tokens,
        mentions=pair.doc.mentions,
        entities=pair.doc.entities,
        quotes=pair.doc.quotes,
        events=events,
    )
    score = score_document(pair.gold, doc)
    used = {o for _, o in score.layers["events"].pairs}
    return [j in used for j in range(len(events))]


def _with_events(pair: Pair, events: list[Event]) -> Document:
    return Document(
        article=pair.doc.article,
        sentences=pair.doc.sentences,
        tokens=pair.doc.tokens,
        mentions=pair.doc.mentions,
        entities=pair.doc.entities,
        quotes=pair.doc.quotes,
        events=events,
    )


@dataclass(slots=True)
class DevResult:
    """Counts of a model on dev at one threshold (micro over articles)."""

    threshold: float
    output: int
    matched: int
    required: int
    matched_required: int

    def add(self, c: Any) -> None:
        """Add one article's event counts (:class:`rasd.eval.gold` layer counts)."""
        self.output += c.output
        self.matched += c.matched_output
        self.required += c.required
        self.matched_required += c.matched_required

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


def score_events(pairs: Sequence[Pair], events_of: Callable[[Pair], list[Event]]) -> DevResult:
    """Micro event counts of an event coder over annotated documents."""
    out = DevResult(0.0, 0, 0, 0, 0)
    for pair in pairs:
        out.add(score_document(pair.gold, _with_events(pair, events_of(pair))).layers["events"].counts)
    return out


def record_examples(model: EventModel, pairs: Sequence[Pair]) -> tuple[list[Features], list[set[str]]]:
    """Each record the model proposes on ``pairs``, with whether the scorer pairs it with gold."""
    rows: list[Features] = []
    labels: list[set[str]] = []
    for pair in pairs:
        view = event_view(pair.doc, pair.doc.events)
        groups = group_proposals(propose(model, view))
        events = [_event(view, g, 0.0) for g in groups]
        flags = _matched_flags(pair, events)
        for g, ok in zip(groups, flags, strict=True):
            rows.append(record_features(g))
            labels.append({"yes"} if ok else set())
    return rows, labels


def fit_record_model(train: Sequence[Pair], settings: Settings, folds: int = 5) -> LinearModel:
    """The record scorer, trained on records proposed out of fold: each fold's articles are coded
    by models that never saw them, so the scorer learns how far to trust the models on new text."""
    names = sorted(p.name for p in train)
    rows: list[Features] = []
    labels: list[set[str]] = []
    for k in range(folds):
        held = {n for i, n in enumerate(names) if i % folds == k}
        inner = [p for p in train if p.name not in held]
        outer = [p for p in train if p.name in held]
        if not inner or not outer:
            continue
        base = fit(build_data(inner), settings)
        r, y = record_examples(base, outer)
        rows += r
        labels += y
    return fit_one_vs_rest(rows, labels, ["yes"], c=settings.c_record)


def calibrate(model: EventModel, dev: Sequence[Pair]) -> tuple[Calibration, list[tuple[float, int]]]:
    """Fit the isotonic calibration on dev: each record's raw score against its match."""
    from rasd.learn.linear import sigmoid

    points: list[tuple[float, int]] = []
    for pair in dev:
        view = event_view(pair.doc, pair.doc.events)
        groups = group_proposals(propose(model, view))
        events = [_event(view, g, 0.0) for g in groups]
        flags = _matched_flags(pair, events)
        for g, ok in zip(groups, flags, strict=True):
            raw = sigmoid(model.record.score(record_features(g))) if model.record is not None else max(x.p_type for x in g)
            points.append((raw, int(ok)))
    cal = fit_calibration([p for p, _ in points], [y for _, y in points])
    return cal, points


def guard_holds(model: EventModel, guard: Sequence[Pair], threshold: float, precision: float = 0.8, recall: float = 0.9) -> bool:
    """Whether the guard articles (the seed) keep their events right at this threshold."""
    if not guard:
        return True
    from rasd.events.learned.coder import code_events_learned

    saved = model.threshold
    model.threshold = threshold
    try:
        r = score_events(guard, lambda p: code_events_learned(p.doc, p.doc.events, model))
    finally:
        model.threshold = saved
    return r.precision >= precision and r.recall >= recall


RULED_THRESHOLDS = (0.0, 0.5, 0.7, 1.01)
"""What a model-only record in a sentence the rule coder coded may need: nothing more than the
threshold, 0.5, 0.7, or never to be made (chosen on dev with the threshold)."""


Proposed = list[tuple[Pair, DocView, list[Proposal]]]


def dev_proposals(model: EventModel, dev: Sequence[Pair]) -> Proposed:
    """Every dev article with its view and the model's proposals: what the thresholds choose from
    (they do not change the proposals, so these are made once per model)."""
    out: Proposed = []
    for pair in dev:
        view = event_view(pair.doc, pair.doc.events)
        out.append((pair, view, propose(model, view)))
    return out


def choose_threshold(
    model: EventModel,
    dev: Sequence[Pair],
    target_precision: float,
    guard: Sequence[Pair] = (),
    proposed: Proposed | None = None,
) -> tuple[float, list[DevResult]]:
    """The threshold with the best dev F1 among those keeping dev precision ≥ ``target_precision``
    and the ``guard`` articles right (all of them when none does); of equal F1, the highest. The
    model's ``ruled_sentence_threshold`` stays as it is; ``proposed`` is :func:`dev_proposals`
    when the caller has it."""
    cached = proposed if proposed is not None else dev_proposals(model, dev)
    results = []
    for t in [i / 20 for i in range(1, 19)]:
        res = DevResult(t, 0, 0, 0, 0)
        for pair, view, props in cached:
            evs = assemble(model, view, props, threshold=t)
            res.add(score_document(pair.gold, _with_events(pair, evs)).layers["events"].counts)
        results.append(res)
    ok = [
        r for r in results
        if r.precision >= target_precision and r.output and guard_holds(model, guard, r.threshold)
    ] or results
    best = max(ok, key=lambda r: (round(r.f1, 4), r.threshold))
    return best.threshold, results


def choose_thresholds(
    model: EventModel, dev: Sequence[Pair], target_precision: float, guard: Sequence[Pair] = ()
) -> tuple[float, float, list[DevResult]]:
    """The threshold and the ruled-sentence threshold (of :data:`RULED_THRESHOLDS`) with the best
    dev F1 under the same conditions as :func:`choose_threshold`; of equal F1, the lower
    ruled-sentence threshold. Returns both and the threshold curve at the chosen one."""
    best: tuple[float, float, list[DevResult]] | None = None
    best_key: tuple[bool, float, float] | None = None
    saved = model.ruled_sentence_threshold
    proposed = dev_proposals(model, dev)
    try:
        for ruled in RULED_THRESHOLDS:
            model.ruled_sentence_threshold = ruled
            t, curve = choose_threshold(model, dev, target_precision, guard, proposed)
            model.threshold = t
            chosen = next(r for r in curve if r.threshold == t)
            kept = guard_holds(model, guard, t)
            key = (kept, round(chosen.f1, 4), -ruled)
            if best_key is None or key > best_key:
                best, best_key = (t, ruled, curve), key
    finally:
        model.ruled_sentence_threshold = saved
    assert best is not None
    return best


TYPE_THRESHOLDS = tuple(i / 10 for i in range(1, 10))
MIN_TYPE_SUPPORT = 10
"""A type has a threshold of its own only with this many required gold events on dev."""


def choose_type_thresholds(model: EventModel, dev: Sequence[Pair], guard: Sequence[Pair] = ()) -> dict[str, float]:
    """Thresholds of their own for the types with enough dev support: for each, the one of
    :data:`TYPE_THRESHOLDS` with the best dev F1 of that type (of equal F1, the higher), kept
    only when it beats the common threshold and the guard articles stay right."""
    from rasd.eval.breakdown import by_event_type

    cached = dev_proposals(model, dev)
    support: dict[str, int] = {}
    for pair in dev:
        for g in pair.gold.events:
            if g.required and g.types:
                support[g.types[0]] = support.get(g.types[0], 0) + 1

    def type_f1(etype: str, cut: float) -> float:
        per_type = {etype: cut}
        scores = [
            score_document(pair.gold, _with_events(pair, assemble(model, view, props, threshold=model.threshold, type_thresholds=per_type)))
            for pair, view, props in cached
        ]
        counts = by_event_type(scores).get(etype)
        return round(counts.f1, 4) if counts is not None else 0.0

    chosen: dict[str, float] = {}
    saved = dict(model.type_thresholds)
    try:
        for etype in sorted(t for t, n in support.items() if n >= MIN_TYPE_SUPPORT):
            top, top_cut = (type_f1(etype, model.threshold), model.threshold), None
            for cut in TYPE_THRESHOLDS:
                key = (type_f1(etype, cut), cut)
                if key > top:
                    model.type_thresholds = {**chosen, etype: cut}
                    if guard_holds(model, guard, model.threshold):
                        top, top_cut = key, cut
            if top_cut is not None:
                chosen[etype] = top_cut
    finally:
        model.type_thresholds = saved
    return chosen


MIN_TYPE_PROBABILITIES = (0.1, 0.15, 0.2)
SPEED_TOLERANCE = 0.01
"""How much dev F1 a higher floor on the type probability may cost: most of the coder's time goes
to roles for unlikely types, whose records rarely pass the threshold."""


def choose_min_type_probability(model: EventModel, dev: Sequence[Pair], guard: Sequence[Pair] = ()) -> float:
    """The highest floor on a type's probability (of :data:`MIN_TYPE_PROBABILITIES`) under which
    types are not proposed at run time, whose dev F1 is within :data:`SPEED_TOLERANCE` of the
    training floor's and keeps the guard articles right; the training floor when none is."""
    from rasd.events.learned.coder import code_events_learned

    saved = model.min_type_probability
    base = score_events(dev, lambda p: code_events_learned(p.doc, p.doc.events, model)).f1
    chosen = saved
    try:
        for floor in MIN_TYPE_PROBABILITIES:
            model.min_type_probability = floor
            f1 = score_events(dev, lambda p: code_events_learned(p.doc, p.doc.events, model)).f1
            if f1 >= base - SPEED_TOLERANCE and guard_holds(model, guard, model.threshold):
                chosen = floor
    finally:
        model.min_type_probability = saved
    return chosen


def rule_types_that_win(model: EventModel, dev: Sequence[Pair]) -> list[str]:
    """Types for which the rule coder's records score a higher dev F1 than the model's."""
    from rasd.eval.breakdown import by_event_type
    from rasd.events.learned.coder import code_events_learned

    learned_scores = []
    rule_scores = []
    for pair in dev:
        learned_scores.append(score_document(pair.gold, _with_events(pair, code_events_learned(pair.doc, pair.doc.events, model))))
        rule_scores.append(score_document(pair.gold, _with_events(pair, list(pair.doc.events))))
    mine = by_event_type(learned_scores)
    theirs = by_event_type(rule_scores)
    return sorted(t for t, c in theirs.items() if c.f1 > mine.get(t, c.__class__()).f1 + 0.02 and c.output >= 3)


def train_events(
    train: Sequence[Pair],
    dev: Sequence[Pair],
    out_dir: Path = MODEL_DIR,
    settings: Settings | None = None,
    *,
    sources: dict[str, Any] | None = None,
    write: bool = True,
    guard: Sequence[Pair] = (),
) -> tuple[EventModel, dict[str, Any]]:
    """Train on ``train``, choose calibration, threshold and kept rule types on ``dev``, write the
    model and its sidecar (``events.model.json``, ``events.json``).

    ``guard`` articles (the seed) must keep their events right (P ≥ 0.8, R ≥ 0.9) at the chosen
    threshold: the one article rasd must always get right is a constraint, not something to tune.
    """
    settings = settings or Settings()
    t0 = time.perf_counter()
    data = build_data(train)
    model = fit(data, settings)
    model.record = fit_record_model(train, settings)
    model.calibration, _ = calibrate(model, dev)
    model.threshold, curve = choose_threshold(model, dev, settings.target_precision)
    model.rule_types = tuple(rule_types_that_win(model, dev))
    # keep the rule coder's records whatever their confidence, if dev says so
    from rasd.events.learned.coder import code_events_learned as _code

    without = score_events(dev, lambda p: _code(p.doc, p.doc.events, model))
    model.keep_rule_records = True
    with_rules = score_events(dev, lambda p: _code(p.doc, p.doc.events, model))
    model.keep_rule_records = with_rules.f1 > without.f1
    # the thresholds again, now with the rule records' choice made and the guard articles kept right
    model.threshold, model.ruled_sentence_threshold, curve = choose_thresholds(model, dev, settings.target_precision, guard)
    model.type_thresholds = choose_type_thresholds(model, dev, guard)
    model.min_type_probability = choose_min_type_probability(model, dev, guard)
    from rasd.events.learned.coder import code_events_learned

    final = score_events(dev, lambda p: code_events_learned(p.doc, p.doc.events, model))
    rules = score_events(dev, lambda p: list(p.doc.events))
    meta: dict[str, Any] = {
        "model": "events.model.json",
        "task": "learned event coder: sentence event types, source and target ranking, status",
        "trained": dt.date.today().isoformat(),
        "data": {
            **(sources or {}),
            "train_articles": len(train),
            "dev_articles": len(dev),
            "sentences": len(data.sent_rows),
            "gold_events_placed": data.events_placed,
            "gold_events_unplaced": data.events_unplaced,
            "role_rows": {"source": len(data.src_rows), "target": len(data.tgt_rows)},
            "status_rows": len(data.status_rows),
        },
        "settings": {
            "c_types": settings.c_types,
            "c_roles": settings.c_roles,
            "c_status": settings.c_status,
            "c_record": settings.c_record,
            "min_type_probability": settings.min_type_probability,
            "target_precision": settings.target_precision,
        },
        "features": {
            "types": len(model.types.weights),
            "source": len(model.source.weights),
            "target": len(model.target.weights),
            "status": len(model.status.weights),
            "record": len(model.record.weights) if model.record is not None else 0,
        },
        "chosen_on_dev": {
            "threshold": model.threshold,
            "rule_types": list(model.rule_types),
            "keep_rule_records": model.keep_rule_records,
            "ruled_sentence_threshold": model.ruled_sentence_threshold,
            "type_thresholds": dict(sorted(model.type_thresholds.items())),
            "min_type_probability": model.min_type_probability,
            "guard_articles": len(guard),
            "threshold_curve": [
                {"threshold": r.threshold, "precision": round(r.precision, 4), "recall": round(r.recall, 4), "f1": round(r.f1, 4)}
                for r in curve
            ],
        },
        "dev": {
            "learned": {"precision": round(final.precision, 4), "recall": round(final.recall, 4), "f1": round(final.f1, 4)},
            "rules": {"precision": round(rules.precision, 4), "recall": round(rules.recall, 4), "f1": round(rules.f1, 4)},
        },
        "seconds": round(time.perf_counter() - t0, 1),
    }
    if write:
        write_model(model.to_dict(), out_dir / "events.model.json", meta, out_dir / "events.json")
    return model, meta


__all__ = ["LAYERS", "Settings", "build_data", "train_events"]
