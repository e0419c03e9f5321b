"""Reading a cue word: which of its lexicon readings (verb, noun, multi-word cue) the sentence allows.

A word of the lexicon may be read several ways (``هاجم`` a verb, ``هجوم`` a noun, ``أطلق`` the
head of ``أطلق سراح``). Each rule of :data:`READ` removes the readings the context rules out;
:func:`read_cue` then keeps the reading with the most words, the one that fits a verbal or
nominal context, the first entry of the lexicon. When no reading is left, the word is no cue
and each rule that removed one is in the trace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.events.draft import bare
from rasd.events.governor import prepositions
from rasd.events.lexicon import Cue, Hit
from rasd.events.roles import clause_initial
from rasd.events.sentence import SentenceState, next_norm
from rasd.events.words import marker, norm
from rasd.rules import RuleList, rule


@dataclass(slots=True)
class Candidate:
    """A reading still allowed: the lexicon hit and the token after its last word."""

    hit: Hit
    end: int
    words: int = 0  # words of a multi-word cue after its head


@dataclass(slots=True)
class Reading:
    """The readings of the cue word at token ``k`` and whether its context is verbal."""

    k: int
    candidates: list[Candidate]
    verbal: bool = True
    fired: list[str] = field(default_factory=list)

    def keep(self, allowed: list[Candidate]) -> bool:
        """Keep only ``allowed``; True when a reading was removed."""
        removed = len(allowed) < len(self.candidates)
        self.candidates = allowed
        return removed


@rule("events.read.inside_name", "read")
def inside_name(s: SentenceState, r: Reading) -> bool:
    """A word of a name of several words is no cue (``التحالف لدعم الشرعية``, a coalition)."""
    a = s.view.arg_at.get(r.k)
    if a is not None and a.entity is not None and a.t1 - a.t0 > 1:
        return r.keep([])
    return False


@rule("events.read.not_next", "read")
def not_next(s: SentenceState, r: Reading) -> bool:
    """A cue the lexicon cancels before certain words (``بحث عن`` is "searched for", not talks)."""
    nxt = next_norm(s, r.k)
    return r.keep([c for c in r.candidates if not (c.hit.cue.not_next and nxt in c.hit.cue.not_next)])


@rule("events.read.protest_object", "read")
def protest_object(s: SentenceState, r: Reading) -> bool:
    """``تظاهر``، ``تجمع`` take no object: with a pronoun attached (``تجمعهم``) the word is the noun
    "their gathering", not a verb."""
    return r.keep(
        [c for c in r.candidates if not (c.hit.cue.type == "PROTEST" and c.hit.form.verbal and c.hit.analysis.suffix)]
    )


@rule("events.read.quote_only", "read")
def quote_only(s: SentenceState, r: Reading) -> bool:
    """An evaluative word (``مرفوض``، ``المحتل``، ``أكاذيب``) is a cue only inside a statement."""
    inside = r.k in s.view.quote_at
    return r.keep([c for c in r.candidates if inside or not c.hit.cue.has("quote")])


@rule("events.read.multiword", "read")
def multiword(s: SentenceState, r: Reading) -> bool:
    """A multi-word cue needs its other words after the head (``أطلق`` + ``سراح``، ``فرض`` …
    ``عقوبات``), a name counting as one word and a parenthesis stepped over."""
    kept = []
    for c in r.candidates:
        if not c.hit.cue.then:
            kept.append(c)
            continue
        end = match_then(s, r.k, c.hit.cue)
        if end is not None:
            kept.append(Candidate(c.hit, end, len(c.hit.cue.then)))
    found = any(c.words for c in kept)
    return r.keep(kept) or found


@rule("events.read.noun_after_governor", "read", words=("governors",))
def noun_after_governor(s: SentenceState, r: Reading) -> bool:
    """After ``بعد``، ``إثر``، ``غداة``، ``في ضوء`` without أن comes a verbal noun, not a verb
    (``بعد خطف طائرة``)."""
    v = s.view
    if not (r.k > v.lo and bare(v.tok(r.k - 1).norm) in norm("events.read.noun_after_governor", "governors")):
        return False
    r.verbal = False
    r.keep([c for c in r.candidates if not c.hit.form.verbal])
    return True


@rule("events.read.noun_after_verb", "read", words=("particles",))
def noun_after_verb(s: SentenceState, r: Reading) -> bool:
    """Out of a verbal context, right after a verb, a preposition or a verb and its subject
    comes a noun, the object (``أكد لاريجاني توافق …``)."""
    v = s.view
    k = r.k
    if r.verbal or k <= v.lo:
        return False
    prev = v.ti(k - 1)
    after_verb = prev.verb_like and not prev.hits
    after_prep = bare(v.tok(k - 1).norm) in prepositions()
    a = v.arg_at.get(k - 1)
    after_subject = a is not None and a.t0 > v.lo and v.ti(a.t0 - 1).verb_like
    if not (after_verb or after_prep or after_subject):
        return False
    r.keep([c for c in r.candidates if not c.hit.form.verbal])
    return True


READ = RuleList(
    "events.read",
    "(sentence: SentenceState, reading: Reading) -> bool (removes readings)",
    {"read": bool},
    (inside_name, not_next, protest_object, quote_only, multiword, noun_after_governor, noun_after_verb),
)


def read_cue(s: SentenceState, k: int) -> tuple[Hit, int, list[str]] | None:
    """The reading of the cue word at token ``k``: its hit, the token after its last word, and
    the ids of the reading rules that fired; None when no reading is left."""
    v = s.view
    r = Reading(k, [Candidate(h, k + 1) for h in v.ti(k).hits])
    r.verbal = verbal_context(s, k)
    for rl, _ in READ.fire(s, r):
        r.fired.append(rl.id)
        if not r.candidates:
            types = sorted({h.cue.type for h in v.ti(k).hits})
            for n, rid in enumerate(r.fired):
                s.drop(rid, k, k + 1, "|".join(types), r.fired[:n])
            return None
    best = max(r.candidates, key=lambda c: (c.words, c.hit.form.verbal == r.verbal, -c.hit.cue.key))
    return best.hit, best.end, r.fired


def verbal_context(s: SentenceState, k: int) -> bool:
    """Whether token ``k`` stands where a verb can: after punctuation or a clause opener, a
    negation or auxiliary particle, or the topic that opens the clause."""
    v = s.view
    j = k - 1
    if j < v.lo:
        return True
    pj = v.ti(j)
    if pj.punct or pj.opener:
        return True
    n = bare(v.tok(j).norm)
    particles = marker("events.status.negated", "particles") | norm("events.read.noun_after_verb", "particles")
    if n in particles:
        return True
    a = v.arg_at.get(j)
    return a is not None and a.prep is None and clause_initial(v, [a], k)


def match_then(s: SentenceState, k: int, cue: Cue) -> int | None:
    """The token after the last word of a multi-word cue whose head is at ``k``, or None."""
    v = s.view
    j = k + 1
    for slot in cue.then:
        units = 7 if slot.gap else 1
        found = None
        while j < v.hi and units > 0:
            if v.is_hard(j):
                return None
            if v.ti(j).stems & slot.words:
                found = j
                break
            if v.ti(j).punct == "(":  # a parenthesis is stepped over: (25 ألفاً حسب المنظمين)
                close = next((x for x in range(j + 1, min(v.hi, j + 12)) if v.ti(x).punct == ")"), None)
                if close is not None:
                    j = close + 1
                    continue
            a = v.arg_at.get(j)
            if a is not None:
                inner = next((x for x in range(j, a.t1) if v.ti(x).stems & slot.words), None)
                if inner is not None:  # انفجار سيارة مفخخة: the slot's word ends the weapon's phrase
                    found = inner
                    break
            j = a.t1 if a is not None else j + 1  # a name counts as one word
            units -= 1
        if found is None:
            return None
        j = found + 1
    return j
