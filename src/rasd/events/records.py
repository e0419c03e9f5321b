"""From a draft to an :class:`~rasd.model.Event`: entity ids, place, date, status and the rules
that decide on the record as a whole (:data:`RECORD` before the status is known, :data:`FINAL`
after), then the evidence and the confidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.dates import DateMention
from rasd.events.agents import ActorFactory
from rasd.events.draft import Draft, Retype
from rasd.events.lexicon import Lexicon
from rasd.events.ontology import load_ontology
from rasd.events.record_rules import FINAL, RECORD, Record
from rasd.events.sentence import sentence_dates
from rasd.events.status import Predicate, decide
from rasd.events.view import Arg
from rasd.model import Actor, Document, Dropped, Event, Span

# how an actor was found → confidence
CONFIDENCE = {
    "vso": 0.9,
    "svo": 0.85,
    "speaker": 0.8,
    "gen": 0.8,
    "by": 0.85,
    "between": 0.85,
    "light": 0.8,
    "pron": 0.7,
    "nisba": 0.7,
    "agent": 0.65,
    "chain": 0.6,
    "prev": 0.5,
    "implicit": 0.4,
}


@dataclass(slots=True)
class DocumentContext:
    """What the record rules share about the document."""

    doc: Document
    lex: Lexicon
    factory: ActorFactory
    date: str | None
    home: str | None
    dropped: list[Dropped] = field(default_factory=list)

    def created(self, eid: str) -> Actor | None:
        """An entity the events stage created (not yet in ``doc.entities``)."""
        for a in self.factory.created:
            if a.id == eid:
                return a
        return None

    def entity(self, eid: str) -> Actor | None:
        """An entity of the document or one the stage created."""
        return self.doc.entity(eid) or self.created(eid)

    def country(self, eid: str) -> str | None:
        """The country of an entity."""
        e = self.entity(eid)
        return e.country if e is not None else None


def home_country(doc: Document) -> str | None:
    """The country the article is about: the most mentioned country or place's country.

    Local groups with no nationality of their own (الشرطة، المتظاهرون، الميليشيا) are taken to
    belong to it when their event names no place.
    """
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.type in ("LOC", "GPE") and e.country:
            counts[e.country] = counts.get(e.country, 0) + len(e.mentions)
    if not counts:
        return None
    best = max(counts.values())
    leaders = [c for c, n in counts.items() if n == best]
    return leaders[0] if len(leaders) == 1 else None


def entity_ids(c: DocumentContext, args: list[Arg], d: Draft, place_country: str | None) -> list[str]:
    """Entity ids for arguments: an adjective's country, a group named by a common noun or
    "his country" become entities the stage adds."""
    out: list[str] = []
    for a in args:
        eid: str | None = a.entity
        if eid is None:
            if a.kind == "nisba" and a.country:
                eid = c.factory.country(a.country, a.start, a.end)
            elif a.kind == "agent" and a.agent is not None:
                word = c.doc.body[a.start : a.end]
                construct = word.endswith(("ي", "و")) and a.t1 < len(c.doc.tokens) and (
                    c.doc.tokens[a.t1].norm.startswith("ال")
                )
                country = a.country or ActorFactory.local_country(a.agent, place_country, construct)
                eid = c.factory.group(a.agent, country, a.start, a.end)
            elif a.kind == "own" and d.own_country:
                eid = c.factory.country(d.own_country, a.start, a.end)
        if eid and eid not in out:
            out.append(eid)
    return out


def build_record(c: DocumentContext, d: Draft) -> Event | None:
    """The event a draft reports, or None when a record rule drops it."""
    view = d.view
    assert view is not None
    toks = c.doc.tokens
    r = Record(d.type, d.mode, Span(toks[d.k].start, toks[d.m - 1].end), rules=list(d.rules))
    r.recipient_args = list(d.recipient_args)
    for rl, _ in RECORD.fire(c, d, r):
        if rl.effect == "drop":
            c.dropped.append(Dropped(rl.id, r.cue.start, r.cue.end, r.type, tuple(r.rules)))
            return None
        r.rules.append(rl.id)
    date = _date(c, d)
    status, fired = decide(
        Predicate(view, d.anchor, d.k, d.future_prefix, date.value if date else None, c.date)
    )
    r.status, r.date = status, date
    r.rules.extend(x for x in fired if x not in r.rules)
    for rl, out in FINAL.fire(c, d, r):
        if rl.effect == "drop":
            c.dropped.append(Dropped(rl.id, r.cue.start, r.cue.end, r.type, tuple(r.rules)))
            return None
        r.rules.append(rl.id)
        if isinstance(out, Retype):
            r.type, r.mode = out.type, out.mode
    onto = load_ontology()
    confidence = CONFIDENCE.get(d.how, 0.5)
    if d.cue.has("weak"):
        confidence *= 0.85
    if r.recipients:
        confidence = min(1.0, confidence + 0.05)
    return Event(
        id="",
        type=r.type,
        mode=r.mode if onto.valid_mode(r.type, r.mode) else None,
        actors=r.actors,
        recipients=r.recipients,
        place=r.place.id if r.place is not None else None,
        date=r.date_value,
        date_raw=r.date.raw if r.date else None,
        status=r.status,
        evidence=[_evidence(c, d, r.cue)],
        confidence=round(confidence, 3),
        quote=d.quote.id if d.quote is not None else None,
        cue=r.cue,
        rules=r.rules,
    )


def _date(c: DocumentContext, d: Draft) -> DateMention | None:
    """The date expression of the event's clause closest to the cue."""
    view = d.view
    assert view is not None
    s = view.sentence
    dates = sentence_dates(c.doc, s.start, s.end, c.date)
    if not dates:
        return None
    toks = c.doc.tokens
    start = toks[min(view.clause_start(d.anchor), view.clause_start(d.k))].start
    end_tok = view.clause_end(d.m - 1)
    end = toks[end_tok - 1].end if end_tok > view.lo else s.end
    inside = [x for x in dates if start <= x.start and x.end <= end]
    if inside:
        cue_at = toks[d.k].start
        return min(inside, key=lambda x: abs(x.start - cue_at))
    return None


def _evidence(c: DocumentContext, d: Draft, cue: Span) -> Span:
    """The words that report the event: the cue, its actors and recipients, within the sentence."""
    view = d.view
    assert view is not None
    lo, hi = cue.start, cue.end
    s = view.sentence
    for a in d.actor_args + d.recipient_args:
        lo, hi = min(lo, a.start), max(hi, a.end)
    lo, hi = max(lo, s.start), min(hi, s.end)
    if d.anchor != d.k:
        lo = min(lo, c.doc.tokens[d.anchor].start)
    return Span(lo, hi)
