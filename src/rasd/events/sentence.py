"""What the event rules share about one sentence: its view, the drafts found so far, the state
carried from the sentences before, and the questions many rules ask (who speaks, who acts in
this clause, does the sentence tell casualties).

Everything is passed explicitly: a rule receives the :class:`SentenceState` and the draft it
decides about.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.dates import DateMention, date_trigger, find_dates, may_have_date
from rasd.events.draft import Draft, bare
from rasd.events.lexicon import Lexicon
from rasd.events.roles import coordinated, subject_before, verb_subject
from rasd.events.view import Arg, SentenceView
from rasd.events.words import marker
from rasd.model import Document, Dropped, Quote, Token

ACTING_KINDS = ("person", "org", "country", "capital")
"""Kinds of argument that can be a verb's subject: named persons, bodies and states."""


@dataclass(slots=True)
class DocumentState:
    """What carries from sentence to sentence: the last subject of a sentence outside statements."""

    last_subject: list[str] = field(default_factory=list)


@dataclass(slots=True)
class SentenceState:
    """One sentence being coded.

    Attributes:
        view: the sentence view (tokens, arguments, clauses).
        lex: the cue lexicon.
        carried: the document state (the previous sentence's subject).
        drafts: the drafts found in this sentence so far, in order.
        nominal_tokens: cue tokens read as nouns.
        prev_subject: the subject of the sentences before this one.
        dropped: the document's trace of turned-down candidates.
    """

    view: SentenceView
    lex: Lexicon
    carried: DocumentState
    drafts: list[Draft] = field(default_factory=list)
    nominal_tokens: set[int] = field(default_factory=set)
    prev_subject: list[str] = field(default_factory=list)
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def doc(self) -> Document:
        """The document."""
        return self.view.doc

    def drop(self, rule_id: str, k: int, m: int, what: str, before: Sequence[str] = ()) -> None:
        """Note that rule ``rule_id`` turned down the candidate at tokens ``[k, m)`` (after the
        rules ``before``)."""
        toks = self.doc.tokens
        earlier = tuple(x for x in before if x != rule_id)
        self.dropped.append(Dropped(rule_id, toks[k].start, toks[m - 1].end, what, earlier))


def speakers(q: Quote | None) -> list[str]:
    """The speaker and co-speakers of a statement (entity ids)."""
    if q is None or q.speaker is None:
        return []
    return [q.speaker, *[c for c in q.co_speakers if c != q.speaker]]


def speaker_country(s: SentenceState, q: Quote | None) -> str | None:
    """The country of a statement's speaker."""
    if q is None or q.speaker is None:
        return None
    e = s.doc.entity(q.speaker)
    return e.country if e else None


def sentence_speaker(s: SentenceState, k: int, q: Quote | None) -> list[str]:
    """The speaker of the last statement whose cue comes before ``k`` in this sentence (``k``
    not inside it)."""
    v = s.view
    at = v.tok(k).start
    found: list[str] = []
    for quote in s.doc.quotes:
        if quote.cue is None or quote.speaker is None or quote is q:
            continue
        if v.sentence.start <= quote.cue.start < at and not (quote.content.start <= at < quote.content.end):
            found = speakers(quote)
    return found


def next_norm(s: SentenceState, k: int) -> str:
    """The next word after token ``k`` (punctuation skipped), without و/ف."""
    v = s.view
    j = k + 1
    while j < v.hi and v.ti(j).punct:
        j += 1
    return bare(v.tok(j).norm) if j < v.hi else ""


def foreign_before(s: SentenceState, k: int, q: Quote | None) -> list[Arg]:
    """The nearest actor-like argument before ``k`` in the sentence (what a stance is about),
    not of the speaker's own country."""
    own = speaker_country(s, q)
    for a in reversed(s.view.args):
        if a.t1 > k or not a.can_act or a.kind == "own":
            continue
        if own and a.country == own:
            continue
        return [a]
    return []


def clause_subject(s: SentenceState, k: int) -> list[Arg]:
    """The subject of the verb before ``k`` in its clause (or the clause's topic)."""
    v = s.view
    j = k - 1
    start = v.clause_start(k)
    while j >= start:
        if v.ti(j).verb_like and j not in v.arg_at:
            subj, _ = verb_subject(v, j, j + 1)
            if subj:
                return subj
            break
        j -= 1
    return subject_before(v, k)


def circ_subject(s: SentenceState, k: int) -> tuple[list[Arg], list[str], str]:
    """The subject of a circumstantial participle: the speaker or subject of its sentence."""
    v = s.view
    speaker = sentence_speaker(s, k, None)
    if speaker:
        return [], speaker, "chain"
    for d in reversed(s.drafts):
        if d.anchor < k and d.has_actor:
            return list(d.actor_args), list(d.actor_ids), "chain"
    for a in v.args:
        if a.t0 >= k:
            break
        if a.prep is None and a.kind in ACTING_KINDS:
            return [a], [], "chain"
    return [], [], ""


def implicit_actor(s: SentenceState, d: Draft) -> None:
    """An unnamed group in the clause acts (``مسلحون``، ``سيارة مفخخة``), or an unidentified
    actor is implied (``attack`` or ``protest``)."""
    v = s.view
    k = d.k
    want = "protest" if d.type == "PROTEST" else "attack"
    start, end = v.clause_start(k), v.clause_end(k)
    best: Arg | None = None
    for a in v.args:
        if not (start <= a.t0 < end and a.kind == "agent" and a.agent is not None):
            continue
        closer = best is None or abs(a.t0 - k) < abs(best.t0 - k)
        # a named group or the weapon it used (بسيارة مفخخة)
        free = a.prep in (None, "by") or (a.prep == "ب" and "unknown" in a.agent.flags)
        if want in a.agent.flags and free and a not in d.recipient_args and closer:
            best = a
    if best is not None:
        d.actor_args, d.how = [best], "agent"
    else:
        d.implicit, d.how = want, "implicit"


def context(s: SentenceState, reader: str, name: str, skip: range = range(0)) -> bool:
    """Whether the sentence has a word of a report context list (casualties, crowds), outside ``skip``."""
    words = marker(reader, name)
    v = s.view
    return any(v.ti(j).stems & words for j in range(v.lo, v.hi) if j not in skip)


def has_date(s: SentenceState) -> bool:
    """Whether the sentence names a date or a day (أمس، الخميس، 12 مايو)."""
    sent = s.view.sentence
    doc = s.doc
    return bool(sentence_dates(doc, sent.start, sent.end, doc.article.date, doc.sentence_tokens(sent)))


def hit_roles(s: SentenceState, d: Draft) -> tuple[str, ...]:
    """The clitic roles of the cue word's reading (``det`` for the article…)."""
    for h in s.view.ti(d.k).hits:
        if h.cue is d.cue:
            return h.analysis.roles
    return ()


def with_coordination(s: SentenceState, a: Arg) -> list[Arg]:
    """``a`` and the arguments joined to it by و."""
    return coordinated(s.view, a)


_DATE_CACHE: dict[tuple[str, int, str | None], list[DateMention]] = {}


def sentence_dates(
    doc: Document, start: int, end: int, ref: str | None, tokens: Sequence[Token] | None = None
) -> list[DateMention]:
    """The date expressions of one sentence (searched only when a word of it can start one)."""
    key = (doc.body[start:end], start, ref)
    found = _DATE_CACHE.get(key)
    if found is None:
        if len(_DATE_CACHE) > 4096:
            _DATE_CACHE.clear()
        if tokens is not None:
            maybe = any(t.kind == "num" or date_trigger(t.norm) for t in tokens)
        else:
            maybe = may_have_date(doc.body[start:end])
        found = find_dates(doc.body[start:end], start, ref) if maybe else []
        _DATE_CACHE[key] = found
    return found


def first_token_at(s: SentenceState, offset: int) -> int:
    """The index of the first token of the sentence starting at or after ``offset``."""
    v = s.view
    toks = s.doc.tokens
    return bisect.bisect_left([t.start for t in toks[v.lo : v.hi]], offset) + v.lo
