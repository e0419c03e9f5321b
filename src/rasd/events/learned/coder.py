"""The learned event coder: which sentences report which events, who acts on whom, with what status.

Four small linear models, trained by ``rasd train events`` on the annotated news corpus
(:mod:`rasd.train.events`), decide in turn:

1. **types**: for each sentence, the probability that it reports an event of each PLOVER type
   (features: words, the cue lexicon's hits, the rule coder's events, quotes, entities);
2. **source** and **target**: for each such event, a score for every candidate actor and
   recipient (the sentence's entities, its quotes' speakers, and "none"), the best one winning;
3. **status**: asserted, future, hypothetical, negated or historical;

then events of one sentence that repeat each other are dropped, repeated reports in the article
are merged into one record with all their evidence, and each record's confidence is the
calibrated probability that it is right (isotonic, fitted on corpus dev). Records under the
model's threshold (chosen on corpus dev) are not reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.events.learned.cues import event_view
from rasd.events.learned.features import (
    NONE,
    Candidate,
    Features,
    anchor_token,
    candidate_base,
    candidates,
    rule_flags,
    sentence_features,
    status_features,
)
from rasd.learn.linear import Calibration, LinearModel, ModelFileError, load_model_file
from rasd.learn.view import DocView, SentenceInfo
from rasd.model import Document, Event, Span

MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "models"
LEARNED_RULE = "events.learned.record"
"""The id every learned record names after the rule coder's rules it merged: the decision of the
trained models (type, roles, status, confidence), not a hand rule."""
MODEL_FILE = MODEL_DIR / "events.model.json"
RETRAIN = "rasd train events"
FORMAT = "rasd-events/1"


@dataclass(slots=True)
class EventModel:
    """The trained parts of the learned coder and its decision settings."""

    types: LinearModel
    source: LinearModel
    target: LinearModel
    status: LinearModel
    record: LinearModel | None = None
    calibration: Calibration = field(default_factory=Calibration)
    threshold: float = 0.5
    min_type_probability: float = 0.2
    rule_types: tuple[str, ...] = ()  # types for which the rule coder's records are kept as they are
    keep_rule_records: bool = False  # a record the rule coder made is kept whatever its confidence
    # a model-only record in a sentence the rule coder coded needs this confidence (the rules'
    # reading of a sentence they understood is the better one); 0 is the threshold alone
    ruled_sentence_threshold: float = 0.0
    # a type whose records dev says need another threshold than the rest (ASSAULT: many weak
    # second readings of violent words)
    type_thresholds: dict[str, float] = field(default_factory=dict)
    _scorers: tuple[RoleScorer, RoleScorer] | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "format": FORMAT,
            "threshold": self.threshold,
            "min_type_probability": self.min_type_probability,
            "rule_types": list(self.rule_types),
            "keep_rule_records": self.keep_rule_records,
            "ruled_sentence_threshold": self.ruled_sentence_threshold,
            "type_thresholds": dict(sorted(self.type_thresholds.items())),
            "calibration": self.calibration.to_dict(),
            "types": self.types.to_dict(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "status": self.status.to_dict(),
            "record": self.record.to_dict() if self.record is not None else None,
        }

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> EventModel:
        """Inverse of :meth:`to_dict`."""
        if d.get("format") != FORMAT:
            raise ValueError(f"format is {d.get('format')!r}, expected {FORMAT!r}")
        return EventModel(
            types=LinearModel.from_dict(d["types"]),
            source=LinearModel.from_dict(d["source"]),
            target=LinearModel.from_dict(d["target"]),
            status=LinearModel.from_dict(d["status"]),
            record=LinearModel.from_dict(d["record"]) if d.get("record") else None,
            calibration=Calibration.from_dict(d.get("calibration") or {}),
            threshold=float(d.get("threshold", 0.5)),
            min_type_probability=float(d.get("min_type_probability", 0.2)),
            rule_types=tuple(d.get("rule_types") or ()),
            keep_rule_records=bool(d.get("keep_rule_records", False)),
            ruled_sentence_threshold=float(d.get("ruled_sentence_threshold", 0.0)),
            type_thresholds={str(k): float(v) for k, v in (d.get("type_thresholds") or {}).items()},
        )

    @staticmethod
    def load(path: Path | None = None) -> EventModel:
        """Read a model file (the shipped one by default).

        Raises:
            ModelFileError: the file is missing or unreadable, with how to rebuild it.
        """
        return load_model_file(path or MODEL_FILE, "learned event", RETRAIN, EventModel.from_dict)


@lru_cache(maxsize=1)
def default_model() -> EventModel:
    """The shipped model, loaded once per process."""
    return EventModel.load()


@dataclass(slots=True)
class Proposal:
    """An event proposed for one sentence (by the models, or by the rule coder), before merging."""

    sentence: SentenceInfo
    type: str
    p_type: float
    source: Candidate
    target: Candidate
    src_margin: float
    tgt_margin: float
    status: str
    anchor: int | None
    rule: Event | None = None  # the rule coder's record this proposal comes from, if any
    src_rank: int = 0  # 0: the ranking's best actor, 1: its second
    tgt_rank: int = 0
    src_gap: float = 0.0  # how far this actor's score stands below the best one's
    tgt_gap: float = 0.0


class RoleScorer:
    """Scores candidates with a role model without building crossed feature names: a candidate's
    margin is its base features weighed by the role's weight and the role-and-type weight of each,
    looked up once per (type, feature)."""

    def __init__(self, model: LinearModel, role: str) -> None:
        self.role = role
        self.bias = model.bias[0]
        self.weights = {k: sum(w for _, w in v) for k, v in model.weights.items()}
        self._cache: dict[tuple[str, str], float] = {}

    def weight(self, etype: str, name: str) -> float:
        """The weight of a base feature for an event type (plain and type-crossed together)."""
        key = (etype, name)
        w = self._cache.get(key)
        if w is None:
            get = self.weights.get
            w = get(f"{self.role}:{name}", 0.0) + get(f"{self.role}:{etype}|{name}", 0.0)
            self._cache[key] = w
        return w

    def score(self, etype: str, base: Features) -> float:
        """The margin of one candidate."""
        weight = self.weight
        total = self.bias + weight(etype, "bias")
        for name, value in base.items():
            total += value * weight(etype, name)
        return total


def _scorers(model: EventModel) -> tuple[RoleScorer, RoleScorer]:
    if model._scorers is None:
        model._scorers = (RoleScorer(model.source, "src"), RoleScorer(model.target, "tgt"))
    return model._scorers


_BaseKey = tuple[str, int | None, str, str | None]


def _ranked(scorer: RoleScorer, view: DocView, s: SentenceInfo, etype: str, cands: list[Candidate],
            anchor: int | None, cache: dict[_BaseKey, Features],
            exclude: Candidate | None = None) -> list[tuple[Candidate, float]]:
    """The candidates with their scores, best first ("none" is always among them). A candidate's
    base features depend on the type only through the rule coder's flags, so the rest is kept in
    ``cache`` for the sentence's other types."""
    source_code = exclude.entity.country if exclude is not None and exclude.entity is not None else None
    out = []
    for c in cands:
        if exclude is not None and c.key == exclude.key and c.key != NONE:
            continue
        key = (c.key, anchor, scorer.role, source_code)
        base = cache.get(key)
        if base is None:
            base = candidate_base(view, s, etype, c, anchor, scorer.role, source_code, with_rules=False)
            cache[key] = base
        flags = rule_flags(s, etype, c)
        out.append((c, scorer.score(etype, {**base, **flags} if flags else base)))
    out.sort(key=lambda x: -x[1])
    return out


def _candidate_of(view: DocView, cands: list[Candidate], ids: list[str]) -> Candidate:
    """The candidate of the rule coder's first actor (or recipient): among the sentence's, or the
    entity itself when the rules found it elsewhere (a speaker, an earlier subject)."""
    for eid in ids:
        for c in cands:
            if c.key == eid:
                return c
    for eid in ids:
        e = view.entity_by_id.get(eid)
        if e is not None:
            return Candidate(e.id, e, None, len(cands))
    return cands[-1]  # none


def propose(model: EventModel, view: DocView) -> list[Proposal]:
    """Every event the models see in the document, and every record of the rule coder, each with
    the models' scores."""
    out: list[Proposal] = []
    src_scorer, tgt_scorer = _scorers(model)
    for s in view.sentences:
        if s.token_end <= s.token_start:
            continue
        probs = model.types.probabilities(sentence_features(view, s))
        cands = candidates(view, s)
        cache: dict[_BaseKey, Features] = {}
        for etype, p in sorted(probs.items(), key=lambda kv: -kv[1]):
            if p < model.min_type_probability:
                continue
            anchor = anchor_token(view, s, etype)
            status = ""  # read only for the records that are kept (_event)
            # the two likeliest actors, each with its likeliest recipient, and the best actor with
            # its second recipient: the record scorer chooses among these readings
            sources = _ranked(src_scorer, view, s, etype, cands, anchor, cache)
            for si, (src, ms) in enumerate(sources[:2]):
                targets = _ranked(tgt_scorer, view, s, etype, cands, anchor, cache, exclude=src)
                for ti, (tgt, mt) in enumerate(targets[: 2 if si == 0 else 1]):
                    out.append(Proposal(s, etype, p, src, tgt, ms, mt, status, anchor, None, si, ti,
                                        ms - sources[0][1], mt - targets[0][1]))
        for ev in s.rule_events:
            anchor = anchor_token(view, s, ev.type)
            src = _candidate_of(view, cands, ev.actors)
            tgt = _candidate_of(view, cands, ev.recipients)
            ms = src_scorer.score(ev.type, candidate_base(view, s, ev.type, src, anchor, "src"))
            mt = tgt_scorer.score(ev.type, candidate_base(view, s, ev.type, tgt, anchor, "tgt", _code(src)))
            out.append(Proposal(s, ev.type, probs.get(ev.type, 0.0), src, tgt, ms, mt, ev.status, anchor, rule=ev))
    return out


def _status(model: EventModel, view: DocView, s: SentenceInfo, etype: str, anchor: int | None) -> str:
    st = model.status.probabilities(status_features(view, s, etype, anchor))
    return max(st.items(), key=lambda kv: kv[1])[0]


def _code(c: Candidate) -> str | None:
    return c.entity.country if c.entity is not None else None


def group_proposals(proposals: list[Proposal], *, rules_first: bool = False) -> list[list[Proposal]]:
    """Proposals grouped into records: within a sentence one per (source code, target code)
    pair, model and rule proposals of one type together; across the article one per (type, source
    code, target code), repeated reports merged. Each group's first proposal is its lead.

    With ``rules_first``, a rule coder's record holds its sentence and pair of codes: the models
    may confirm it, not re-type it (their proposals of another type for the same pair are left)."""
    by_sentence: dict[tuple[int, str | None, str | None], list[Proposal]] = {}
    for pr in proposals:
        by_sentence.setdefault((pr.sentence.index, _code(pr.source), _code(pr.target)), []).append(pr)
    leads: list[tuple[Proposal, list[Proposal]]] = []
    for group in by_sentence.values():
        ruled = [x for x in group if x.rule is not None]
        if rules_first and ruled:
            for etype in dict.fromkeys(x.type for x in ruled):
                same = [x for x in group if x.type == etype]
                leads.append((next(x for x in ruled if x.type == etype), same))
            continue
        lead = max(group, key=lambda x: (x.p_type, x.rule is not None, x.src_margin + x.tgt_margin))
        same = [x for x in group if x.type == lead.type]
        leads.append((lead, same))
    merged: dict[tuple[str, str | None, str | None], list[Proposal]] = {}
    for lead, same in sorted(leads, key=lambda x: (x[0].sentence.index, -x[0].p_type)):
        src, tgt = _code(lead.source), _code(lead.target)
        if lead.type == "CONSULT" and src is not None and tgt is not None and tgt < src:
            src, tgt = tgt, src  # a meeting is the same whoever is named first
        merged.setdefault((lead.type, src, tgt), []).extend(same)
    return list(merged.values())


def _bins(name: str, x: float, edges: tuple[float, ...]) -> Features:
    return {f"{name}>={e}": 1.0 for e in edges if x >= e}


def record_features(group: list[Proposal]) -> Features:
    """What says whether a merged record is right: the models' scores, the rules' agreement."""
    from rasd.learn.linear import sigmoid

    lead = max(group, key=lambda x: (x.p_type, x.rule is not None, x.src_margin + x.tgt_margin))
    f: Features = {"bias": 1.0, f"type={lead.type}": 1.0, f"rule_status={lead.status or '-'}": 1.0}
    p = lead.p_type
    f["p_type"] = p
    f.update(_bins("p", p, (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)))
    f.update({f"{lead.type}|{k}": v for k, v in _bins("p", p, (0.3, 0.5, 0.7)).items()})
    ps, pt = sigmoid(lead.src_margin), sigmoid(lead.tgt_margin)
    f["p_src"] = ps
    f["p_tgt"] = pt
    f.update(_bins("ps", ps, (0.2, 0.4, 0.6, 0.8)))
    f.update(_bins("pt", pt, (0.2, 0.4, 0.6, 0.8)))
    rules = [x for x in group if x.rule is not None]
    models = [x for x in group if x.rule is None]
    if rules:
        f["rule"] = 1.0
        f[f"rule|{lead.type}"] = 1.0
        f.update(_bins("rule_conf", max(x.rule.confidence for x in rules if x.rule), (0.5, 0.7, 0.9)))
    if models:
        f["model"] = 1.0
    if rules and models:
        f["both"] = 1.0
    for side, c in (("src", lead.source), ("tgt", lead.target)):
        if c.entity is None:
            f[f"{side}_none"] = 1.0
            f[f"{lead.type}|{side}_none"] = 1.0
        else:
            f[f"{side}_kind={c.entity.type}"] = 1.0
            f[f"{side}_sector={c.entity.sector or '-'}"] = 1.0
            if not c.entity.country:
                f[f"{side}_nocountry"] = 1.0
            if c.entity.nominal:
                f[f"{side}_nominal"] = 1.0
            if c.previous:
                f[f"{side}_previous"] = 1.0
            if c.speaker:
                f[f"{side}_speaker"] = 1.0
    if _code(lead.source) is not None and _code(lead.source) == _code(lead.target):
        f["domestic"] = 1.0
    f[f"src_rank={lead.src_rank}"] = 1.0
    f[f"tgt_rank={lead.tgt_rank}"] = 1.0
    f.update(_bins("src_gap", -lead.src_gap, (0.5, 1.0, 2.0)))
    f.update(_bins("tgt_gap", -lead.tgt_gap, (0.5, 1.0, 2.0)))
    others = {x.type for x in group} - {lead.type}
    if others:
        f["other_types"] = 1.0
    sentences = {x.sentence.index for x in group}
    f.update(_bins("reports", len(sentences), (2, 3)))
    first = min(sentences)
    f["lead_sentence" if first == 0 else "later_sentence"] = 1.0
    if lead.sentence.inside_quotes:
        f["inquote"] = 1.0
    return f


def assemble(
    model: EventModel,
    view: DocView,
    proposals: list[Proposal],
    *,
    threshold: float | None = None,
    ruled_threshold: float | None = None,
    type_thresholds: Mapping[str, float] | None = None,
) -> list[Event]:
    """Group proposals into records, give each its confidence and keep those over the threshold
    (the type's own where the model or ``type_thresholds`` has one; a ``threshold`` given alone
    applies to every type; over
    ``ruled_threshold`` too for a model-only record in a sentence the rule coder coded)."""
    base = model.threshold if threshold is None else threshold
    if type_thresholds is None:
        type_thresholds = model.type_thresholds if threshold is None else {}
    ruled_cut = model.ruled_sentence_threshold if ruled_threshold is None else ruled_threshold
    ruled = {x.sentence.index for x in proposals if x.rule is not None}
    events: list[Event] = []
    for group in group_proposals(proposals, rules_first=model.keep_rule_records):
        conf = confidence(model, group)
        from_rules = any(x.rule is not None for x in group)
        if model.keep_rule_records and from_rules:
            events.append(_event(view, group, conf, model))
            continue
        cut = type_thresholds.get(group[0].type, base)
        if conf < cut or (not from_rules and conf < ruled_cut and any(x.sentence.index in ruled for x in group)):
            continue
        events.append(_event(view, group, conf, model))
    events.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
    for i, ev in enumerate(events, 1):
        ev.id = f"v{i}"
    return events


def confidence(model: EventModel, group: list[Proposal]) -> float:
    """The calibrated probability that a merged record is right."""
    from rasd.learn.linear import sigmoid

    raw = sigmoid(model.record.score(record_features(group))) if model.record is not None else max(x.p_type for x in group)
    return model.calibration(raw)


def indicative_token(model: EventModel, view: DocView, s: SentenceInfo, etype: str) -> int:
    """The word of the sentence that most says it reports an event of ``etype`` (the highest
    weight of its stem for the type): the cue of a record no cue word or rule found."""
    k_type = model.types.classes.index(etype) if etype in model.types.classes else -1
    best, best_w = s.token_start, float("-inf")
    for k in range(s.token_start, s.token_end):
        t = view.tokens[k]
        if t.kind != "ar":
            continue
        w = dict(model.types.weights.get(f"w={t.stem_norm or t.norm}", ())).get(k_type, 0.0)
        if w > best_w:
            best, best_w = k, w
    return best


def _event(view: DocView, group: list[Proposal], conf: float, model: EventModel | None = None) -> Event:
    lead = max(group, key=lambda x: (x.p_type, x.rule is not None, x.src_margin + x.tgt_margin))
    s = lead.sentence
    rule = lead.rule or next((x.rule for x in group if x.rule is not None), None)
    cue = None
    if lead.anchor is not None:
        t = view.tokens[lead.anchor]
        cue = Span(t.start, t.end)
    elif rule is not None and rule.cue is not None:
        cue = rule.cue
    elif model is not None:
        t = view.tokens[indicative_token(model, view, s, lead.type)]
        cue = Span(t.start, t.end)
    # one evidence span per sentence: the rule coder's clause where it has one (and holds the
    # cue), else the sentence
    by_sentence: dict[int, list[Span]] = {}
    for x in sorted(group, key=lambda x: x.rule is None):
        if x.sentence.index in by_sentence:
            continue
        whole = [Span(x.sentence.start, x.sentence.end)]
        if x.rule is not None and x.rule.evidence:
            spans = list(x.rule.evidence)
            if x.sentence is s and cue is not None and not any(sp.contains(cue) for sp in spans):
                spans = whole
            by_sentence[x.sentence.index] = spans
        else:
            by_sentence[x.sentence.index] = whole
    found = {sp for spans in by_sentence.values() for sp in spans}
    evidence = {sp for sp in found if not any(o != sp and o.contains(sp) for o in found)}
    rules: list[str] = []
    for x in group:
        for r in x.rule.rules if x.rule is not None else ():
            if r not in rules:
                rules.append(r)
    rules.append(LEARNED_RULE)
    return Event(
        id="",
        type=lead.type,
        mode=rule.mode if rule else None,
        actors=[lead.source.key] if lead.source.entity is not None else [],
        recipients=[lead.target.key] if lead.target.entity is not None else [],
        place=rule.place if rule else None,
        date=rule.date if rule else None,
        date_raw=rule.date_raw if rule else None,
        status=_status(model, view, s, lead.type, lead.anchor) if model is not None else (lead.status or "asserted"),
        evidence=sorted(evidence),
        confidence=round(conf, 3),
        quote=s.inside_quotes[0].id if s.inside_quotes else (rule.quote if rule else None),
        cue=cue,
        rules=rules,
    )


def code_events_learned(doc: Document, rule_events: list[Event], model: EventModel | None = None) -> list[Event]:
    """The learned coder's events for a document whose rule events are ``rule_events``."""
    m = model or default_model()
    view = event_view(doc, rule_events)
    events = assemble(m, view, propose(m, view))
    if m.rule_types:
        keep = [ev for ev in rule_events if ev.type in m.rule_types]
        events = [ev for ev in events if ev.type not in m.rule_types] + keep
        events.sort(key=lambda e: e.evidence[0].start if e.evidence else 0)
        for i, ev in enumerate(events, 1):
            ev.id = f"v{i}"
    return events


__all__ = ["EventModel", "ModelFileError", "code_events_learned", "default_model"]
