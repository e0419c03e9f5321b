"""Who said it: a trained ranking of the possible speakers of each quote.

The quote rules find the statement, its cue and a speaker. The ranking then looks at every
candidate the article offers for that statement:

- the entities named in the cue's sentence, in the two sentences before it, and the quote's
  co-speakers;
- the speaker of the previous statement (a continuation: ``وأضاف``);
- the unnamed source the rules read (``مصادر أمنية يمنية``), kept as words;
- the rules' own choice;

and scores each with a linear model trained on the annotated corpus (``rasd train quotes``):
where the candidate stands against the cue (``قال الوزير`` / ``الوزير قال`` / a preposition
before it: ``قال لـ…``), how far, across a paragraph break or not, whether it lies inside the
quoted words (then it is what the statement is about), whether the cue's gender agrees with it,
its type and sector, whether the rules chose it. The best candidate becomes the speaker; the
quote's ``confidence`` is the calibrated probability that it is right.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rasd.arabic.normalize import normalize
from rasd.learn.linear import Calibration, LinearModel, load_model_file, sigmoid
from rasd.learn.view import ROLE_WORDS, DocView, SentenceInfo
from rasd.model import Actor, Document, Mention, Quote
from rasd.quotes.state import actor_gender

MODEL_FILE = Path(__file__).resolve().parents[1] / "data" / "models" / "quotes.model.json"
RETRAIN = "rasd train quotes"
FORMAT = "rasd-quotes/1"
CHOICES = ("learned", "rules")
SPEAKERS_ENV = "RASD_SPEAKERS"
DEFAULT = "learned"


def speaker_ranking() -> str:
    """``learned`` or ``rules`` (keep the quote rules' speakers), from ``RASD_SPEAKERS``."""
    import os

    value = os.environ.get(SPEAKERS_ENV, DEFAULT).strip().lower() or DEFAULT
    if value not in CHOICES:
        raise ValueError(f"{SPEAKERS_ENV}={value!r} is not a choice; use one of {', '.join(CHOICES)}")
    return value

Features = dict[str, float]


@dataclass(slots=True)
class SpeakerCandidate:
    """A possible speaker: an entity (with its nearest mention), an unnamed source, or nobody."""

    kind: str  # "entity" | "unnamed" | "none"
    entity: Actor | None = None
    mention: Mention | None = None
    text: str | None = None  # the unnamed source's words
    sentence_distance: int = 0
    rule: bool = False
    previous: bool = False
    co: bool = False

    @property
    def key(self) -> str:
        """A stable key: the entity id, ``unnamed:<words>`` or ``none``."""
        if self.entity is not None:
            return self.entity.id
        return f"unnamed:{self.text}" if self.kind == "unnamed" else "none"


@dataclass(slots=True)
class QuoteModel:
    """The speaker ranking and the calibration of its confidence."""

    ranker: LinearModel
    calibration: Calibration = field(default_factory=Calibration)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {"format": FORMAT, "ranker": self.ranker.to_dict(), "calibration": self.calibration.to_dict()}

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> QuoteModel:
        """Inverse of :meth:`to_dict`."""
        if d.get("format") != FORMAT:
            raise ValueError(f"format is {d.get('format')!r}, expected {FORMAT!r}")
        return QuoteModel(LinearModel.from_dict(d["ranker"]), Calibration.from_dict(d.get("calibration") or {}))

    @staticmethod
    def load(path: Path | None = None) -> QuoteModel:
        """Read a model file (the shipped one by default).

        Raises:
            ModelFileError: the file is missing or unreadable, with how to rebuild it.
        """
        return load_model_file(path or MODEL_FILE, "speaker", RETRAIN, QuoteModel.from_dict)


@lru_cache(maxsize=1)
def default_model() -> QuoteModel:
    """The shipped model, loaded once per process."""
    return QuoteModel.load()


def _cue_gender(view: DocView, q: Quote) -> str:
    if q.cue is None:
        return ""
    w = normalize(view.body[q.cue.start : q.cue.end])
    if w.endswith(("وا", "ون")):
        return "pl"
    if w.endswith(("ت", "ه")) and len(w) > 3:
        return "f"
    return "m"


def _quote_sentence(view: DocView, q: Quote) -> SentenceInfo | None:
    at = q.cue.start if q.cue is not None else q.content.start
    return view.sentence_at(at) or view.sentence_at(q.content.start)


def candidates_for(view: DocView, q: Quote, previous: Quote | None) -> list[SpeakerCandidate]:
    """The possible speakers of ``q`` (the previous quote gives the continuation candidate)."""
    s = _quote_sentence(view, q)
    out: dict[str, SpeakerCandidate] = {}
    cue_at = q.cue.start if q.cue is not None else q.content.start

    def add(c: SpeakerCandidate) -> SpeakerCandidate:
        return out.setdefault(c.key, c)

    if s is not None:
        for dist in (0, 1, 2):
            i = s.index - dist
            if i < 0:
                break
            for e, m in view.sentences[i].mentions:
                if e.type == "EVENT":
                    continue
                c = out.get(e.id)
                if c is None:
                    add(SpeakerCandidate("entity", e, m, sentence_distance=dist))
                elif c.sentence_distance == dist and c.mention is not None and abs(m.start - cue_at) < abs(c.mention.start - cue_at):
                    c.mention = m  # the mention nearest the cue
    for eid in ([q.speaker] if q.speaker else []) + list(q.co_speakers):
        named = view.entity_by_id.get(eid)
        if named is not None:
            c = add(SpeakerCandidate("entity", named, None, sentence_distance=3))
            c.rule = c.rule or eid == q.speaker
            c.co = c.co or eid in q.co_speakers
    if q.speaker is None and q.speaker_text:
        add(SpeakerCandidate("unnamed", text=q.speaker_text, rule=True))
    if previous is not None and previous.speaker:
        last = view.entity_by_id.get(previous.speaker)
        if last is not None:
            add(SpeakerCandidate("entity", last, None, sentence_distance=3)).previous = True
    add(SpeakerCandidate("none"))
    return list(out.values())


def _position(view: DocView, q: Quote, c: SpeakerCandidate, f: Features) -> None:
    m = c.mention
    if m is None:
        f["nomention"] = 1.0
        return
    if q.content.start <= m.start < q.content.end:
        f["in_content"] = 1.0
    cue = q.cue
    if cue is None:
        return
    s = view.sentence_at(m.start)
    qs = view.sentence_at(cue.start)
    if s is None or qs is None:
        return
    k = view.token_index_at(m.start, s)
    kc = view.token_index_at(cue.start, qs)
    d = k - kc
    if s.index == qs.index:
        f["after_cue" if d > 0 else "before_cue"] = 1.0
        ad = abs(d)
        for e in (1, 2, 3, 5, 8, 13):
            if ad <= e:
                f[f"dist<={e}"] = 1.0
                break
        else:
            f["dist>13"] = 1.0
        # the first name after the cue (قال الوزير …), or the last one before it (الوزير قال)
        names = [view.token_index_at(mm.start, s) for _, mm in s.mentions]
        if d > 0 and not any(kc < j < k for j in names):
            f["first_after_cue"] = 1.0
        if d < 0 and not any(k < j < kc for j in names):
            f["last_before_cue"] = 1.0
        if d > 0 and q.content.start < m.start:
            f["after_content"] = 1.0
        # the speaker's slot: between the cue and the quoted words (قال مرشد الثورة في إيران علي
        # خامنئي إن …), where the first person or body named is the speaker, not a place of its title
        if d > 0 and m.end <= q.content.start:
            f["in_slot"] = 1.0
            actors = [
                view.token_index_at(mm.start, s) for ee, mm in s.mentions if ee.type in ("PER", "ORG") and mm.end <= q.content.start
            ]
            if c.entity is not None and c.entity.type in ("PER", "ORG") and not any(kc < j < k for j in actors):
                f["first_actor_in_slot"] = 1.0
    elif s.paragraph != qs.paragraph:
        f["other_paragraph"] = 1.0
    tok = view.tokens[k]
    for seg in tok.segments:
        if seg.role == "prep":
            f[f"prep={seg.norm}"] = 1.0
        if seg.role == "stem":
            break
    if k > s.token_start:
        b = view.tokens[k - 1]
        w = b.stem_norm if b.stem_norm in ROLE_WORDS else (b.norm if b.norm in ROLE_WORDS else "")
        if w:
            f[f"before={w}"] = 1.0


def slot_named(view: DocView, q: Quote) -> bool:
    """Whether a person or body is named between the cue and the quoted words, in one sentence."""
    if q.cue is None or q.cue.end >= q.content.start:
        return False
    s = view.sentence_at(q.cue.start)
    return s is not None and any(
        e.type in ("PER", "ORG") and q.cue.end <= m.start and m.end <= q.content.start for e, m in s.mentions
    )


def candidate_features(view: DocView, q: Quote, c: SpeakerCandidate, n_entities: int, slot: bool) -> Features:
    """What makes a candidate the speaker of a quote (``slot``: :func:`slot_named` of the quote)."""
    f: Features = {"bias": 1.0, f"kind={c.kind}": 1.0, f"qkind={q.kind}": 1.0}
    if slot:
        f["slot_named"] = 1.0
        f[f"slot_named|kind={c.kind}"] = 1.0
        if c.previous:
            f["slot_named|previous"] = 1.0
    if c.rule:
        f["rule"] = 1.0
    if c.previous:
        f["previous_speaker"] = 1.0
    if c.co:
        f["co_speaker"] = 1.0
    if c.kind == "none":
        f[f"none|n={min(n_entities, 3)}"] = 1.0
        if q.cue is None:
            f["none|nocue"] = 1.0
    if c.kind == "unnamed":
        f["unnamed"] = 1.0
    e = c.entity
    if e is not None:
        f[f"type={e.type}"] = 1.0
        f[f"sector={e.sector or '-'}"] = 1.0
        f[f"type={e.type}|sector={e.sector or '-'}"] = 1.0
        if e.nominal:
            f["nominal"] = 1.0
        if not e.country:
            f["nocountry"] = 1.0
        f[f"sdist={c.sentence_distance}"] = 1.0
        g = _cue_gender(view, q)
        if g:
            eg = actor_gender(e)
            if e.type != "PER":
                f["gender_agrees" if eg == g else "gender_differs"] = 1.0
            elif g == "f":
                f["per_fem_cue"] = 1.0
        _position(view, q, c, f)
    out = dict(f)
    if c.rule:
        out.update({f"rule|{k}": v for k, v in f.items() if k != "rule"})
    return out


@dataclass(slots=True)
class Ranked:
    """A quote's candidates with their scores, best first."""

    quote: Quote
    candidates: list[tuple[SpeakerCandidate, float]]

    @property
    def best(self) -> SpeakerCandidate:
        return self.candidates[0][0]

    def margin(self) -> float:
        """How far the best candidate's score stands above the next one's."""
        if len(self.candidates) < 2:
            return 10.0
        return self.candidates[0][1] - self.candidates[1][1]


def rank(model: QuoteModel, view: DocView, quotes: list[Quote]) -> list[Ranked]:
    """Every quote with its scored candidates, in the article's order."""
    out: list[Ranked] = []
    previous: Quote | None = None
    for q in sorted(quotes, key=lambda x: x.content.start):
        cands = candidates_for(view, q, previous)
        n = sum(1 for c in cands if c.kind == "entity")
        slot = slot_named(view, q)
        scored = sorted(
            ((c, model.ranker.score(candidate_features(view, q, c, n, slot))) for c in cands),
            key=lambda x: -x[1],
        )
        out.append(Ranked(q, scored))
        previous = q
    return out


def apply(model: QuoteModel, doc: Document) -> list[Quote]:
    """The document's quotes with their speakers chosen by the ranking and a confidence each."""
    view = DocView(doc, [])
    for r in rank(model, view, doc.quotes):
        best = r.best
        q = r.quote
        if best.kind == "entity" and best.entity is not None:
            if best.entity.id != q.speaker:
                q.co_speakers = [x for x in q.co_speakers if x != best.entity.id]
                q.speaker = best.entity.id
                q.speaker_text = None
                q.speaker_span = best.mention.span if best.mention is not None else None
        elif best.kind == "unnamed":
            q.speaker = None
        elif best.kind == "none":
            q.speaker = None
            q.speaker_text = None
            q.speaker_span = None
        q.confidence = round(model.calibration(sigmoid(r.margin())), 3)
    return doc.quotes
