"""One document seen sentence by sentence, as the learned decisions need it.

For each sentence: its tokens, the entities named in it (in order of first mention), the quotes
whose words or whose reporting cue it holds, the rule coder's events in it, and (filled in by
the event coder, :func:`rasd.events.learned.cues.add_cue_hits`) the event-cue lexicon's hits on
its words. Built once per document; every lookup after that is a list index.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Document, Event, Mention, Quote, Token

# words that, standing before a name, tell its role in the clause (prepositions and agent phrases)
ROLE_WORDS = frozenset(
    normalize(w)
    for w in (
        "على", "ضد", "مع", "إلى", "الى", "من", "عن", "في", "بين", "تجاه", "حول", "بحق", "لدى",
        "قبل", "يد", "أيدي", "برصاص", "بقصف", "بغارة", "نظيره", "نظيرته", "رئيس", "وزير",
        "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "اتهم", "اتهمت", "دعا", "دعت", "طالب",
        "طالبت", "التقى", "استقبل", "بحث", "هاجم", "قصف", "أدان", "أدانت", "حذر", "حذرت",
    )
)
NEGATIONS = frozenset(normalize(w) for w in ("لم", "لن", "لا", "ليس", "ليست", "عدم", "غير", "ما", "نفى", "نفت"))
CONDITIONS = frozenset(normalize(w) for w in ("لو", "لولا", "إذا", "إن", "حال", "قد", "ربما", "يمكن", "محتمل"))
PAST_MARKERS = frozenset(normalize(w) for w in ("كان", "كانت", "وكان", "وكانت", "سبق", "سابق", "سابقا", "عام", "منذ"))
FUTURE_MARKERS = frozenset(normalize(w) for w in ("سوف", "المقرر", "يعتزم", "تعتزم", "المقبل", "المقبلة", "القادم", "القادمة", "سيتم"))


@dataclass(slots=True)
class LexHit:
    """An event-cue lexicon hit on one token: the token's index in the document and the cue's type and kind."""

    token: int
    type: str
    pos: str
    frame: frozenset[str]


@dataclass(slots=True)
class SentenceInfo:
    """What the learned coder knows of one sentence."""

    index: int
    start: int
    end: int
    token_start: int
    token_end: int
    paragraph: int
    entities: list[tuple[Actor, Mention]] = field(default_factory=list)  # first mention, in order
    mentions: list[tuple[Actor, Mention]] = field(default_factory=list)  # every mention, in order
    inside_quotes: list[Quote] = field(default_factory=list)
    cue_quotes: list[Quote] = field(default_factory=list)
    rule_events: list[Event] = field(default_factory=list)
    hits: list[LexHit] = field(default_factory=list)


class DocView:
    """The sentences of a document with their entities, quotes, rule events and cue hits."""

    def __init__(self, doc: Document, rule_events: list[Event] | None = None) -> None:
        self.doc = doc
        self.body = doc.body
        self.tokens: list[Token] = doc.tokens
        self.sentences: list[SentenceInfo] = [
            SentenceInfo(i, s.start, s.end, s.token_start, s.token_end, s.paragraph)
            for i, s in enumerate(doc.sentences)
        ]
        self._starts = [s.start for s in self.sentences]
        self._token_ends = [t.end for t in self.tokens]
        self.entity_by_id: dict[str, Actor] = {e.id: e for e in doc.entities}
        mentions = sorted(
            ((m, e) for e in doc.entities for m in e.mentions), key=lambda p: (p[0].start, -p[0].end)
        )
        for m, e in mentions:
            s = self.sentence_at(m.start)
            if s is None:
                continue
            s.mentions.append((e, m))
            if all(e.id != x.id for x, _ in s.entities):
                s.entities.append((e, m))
        for q in doc.quotes:
            for s in self.sentences:
                if s.start < q.content.end and q.content.start < s.end:
                    s.inside_quotes.append(q)
            if q.cue is not None:
                s = self.sentence_at(q.cue.start)
                if s is not None:
                    s.cue_quotes.append(q)
        for ev in rule_events if rule_events is not None else doc.events:
            at = ev.cue.start if ev.cue else (ev.evidence[0].start if ev.evidence else None)
            s = self.sentence_at(at) if at is not None else None
            if s is not None:
                s.rule_events.append(ev)

    def sentence_at(self, offset: int) -> SentenceInfo | None:
        """The sentence holding a body offset."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i < 0:
            return None
        s = self.sentences[i]
        return s if s.start <= offset < s.end else None

    def token_index_at(self, offset: int, s: SentenceInfo) -> int:
        """The index of the sentence's token that covers or follows ``offset``."""
        k = bisect.bisect_right(self._token_ends, offset, s.token_start, s.token_end)
        return k if k < s.token_end else max(s.token_start, s.token_end - 1)

    def speakers(self, s: SentenceInfo) -> list[Actor]:
        """The speakers of the quotes the sentence lies in or reports (entities only, in order)."""
        out: list[Actor] = []
        for q in [*s.inside_quotes, *s.cue_quotes]:
            for eid in [q.speaker, *q.co_speakers]:
                e = self.entity_by_id.get(eid) if eid else None
                if e is not None and e not in out:
                    out.append(e)
        return out
