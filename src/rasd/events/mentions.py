"""What the noun rules know of a cue noun (:class:`Noun`), and the rules that tell a mention of an
event from a report of one: does the noun name an earlier event, is it what a verb before it
demands, is it a light-verb noun with no light verb, a definite noun with no one named.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.dates import is_weekday
from rasd.events.draft import Draft, bare
from rasd.events.lexicon import Hit, Light
from rasd.events.roles import (
    by_phrase,
    coordinated,
    genitive,
    governing_light,
    subject_before,
    verb_subject,
)
from rasd.events.sentence import SentenceState, context, has_date, next_norm
from rasd.events.view import Arg
from rasd.events.words import marker, norm
from rasd.rules import rule

SUPPORT_WINDOW = 8


@dataclass(slots=True)
class Noun:
    """What the noun rules share about the cue word.

    Attributes:
        light: the light verb before the noun that lends it its subject (``أجرى … مباحثات``),
            as ``(token, light verb)``, or None.
        existential: ``هناك`` right before it (``ستكون هناك اتفاقيات``).
        pair: two nationality adjectives after a reciprocal noun (``التعاون الأميركي - التركي``).
        by: the agent after ``من قبل``/``على يد``/``برصاص``.
        gen: the argument the noun is in construct with.
        pron: the attached pronoun (``دعمها``: ``ها``), cleared once it named the one acted on.
        purpose: the noun carries the ل of purpose (``لزيارة``).
        evaluative: an evaluative word (``عرقلة``), the speaker's judgement.
    """

    light: tuple[int, Light] | None
    existential: bool
    pair: tuple[Arg, Arg] | None
    by: list[Arg]
    gen: Arg | None
    pron: str
    purpose: bool
    evaluative: bool


def noun_facts(s: SentenceState, d: Draft) -> Noun:
    """The facts the noun rules read, computed once."""
    v = s.view
    assert d.hit is not None
    k, m, cue = d.k, d.m, d.cue
    gen = genitive(v, k + 1) if cue.then else None
    return Noun(
        light=governing_light(v, k, d.hit),
        existential=k > v.lo and bare(v.tok(k - 1).norm) in norm("events.status.existential", "there"),
        pair=nisba_pair(s, m) if cue.has("recip") else None,
        by=by_phrase(v, m),
        gen=gen or genitive(v, m, k),
        pron=d.hit.analysis.suffix,
        purpose=d.hit.analysis.prep == "ل",
        evaluative=cue.has("quote"),
    )


def is_mention(s: SentenceState, k: int, hit: Hit, depth: int = 0) -> bool:
    """A noun that names an earlier or generic event rather than reporting one."""
    v = s.view
    bg = marker("events.filter.mention", "background")
    dem = marker("events.filter.mention", "demonstrative")
    results = norm("events.role.toll_victims", "result_verbs")
    for j in range(max(v.lo, k - 2), k):
        n = bare(v.tok(j).norm)
        if j == k - 1 and n in results:
            continue  # "أسفر انفجار سيارة مفخخة عن …": the noun is the verb's subject, the cause
        if n in dem or n in bg or v.ti(j).stems & (bg | dem):
            return True  # "لهذا الهجوم" too
    if k + 1 < v.hi and bare(v.tok(k + 1).norm) in dem:
        return True
    if k + 1 < v.hi and is_weekday(v.tok(k + 1).norm) and not hit.form.verbal:
        return True  # هجوم الجمعة: "Friday's attack" names one already known
    # جرائم الاغتيالات والقتل والخطف: a noun joined by و to a mentioned one is mentioned too
    if v.tok(k).has_prefix("conj") and k - 1 > v.lo and depth < 3:
        before = [h for h in v.ti(k - 1).hits if not h.form.verbal]
        if before and is_mention(s, k - 1, before[0], depth + 1):
            return True
    # "إثر مقتل جنديين في هجوم": the attack in which a mentioned harm happened is mentioned too
    if k - 1 > v.lo and bare(v.tok(k - 1).norm) in norm("events.filter.mention", "in") and depth == 0:
        for j in range(max(v.lo, k - 6), k - 1):
            if v.is_hard(j):
                break
            if any(h.cue.type == hit.cue.type and not h.form.verbal for h in v.ti(j).hits) and is_mention(s, j, hit, 1):
                return True
    return False


def content_of_verb(s: SentenceState, k: int) -> bool:
    """Whether the noun at ``k`` is the object of an event verb just before it (طالب بوقف إطلاق
    النار، رحب بتوقيع الاتفاق): the noun is what is demanded, not an event."""
    v = s.view
    causes = norm("events.filter.killed_in", "causes")
    j = k - 1
    units = 0
    while j >= v.lo and units < 9:
        ti = v.ti(j)
        a = v.arg_at.get(j)
        if a is not None:
            j = a.t0 - 1
            units += 1
            continue
        if ti.punct or (ti.opener and not ti.relative) or ti.light is not None:
            return False
        if bare(v.tok(j).norm) in causes:
            return False  # قتل ثلاثة في غارة: the noun says how, it is an event
        if any(h.form.verbal for h in ti.hits) and j not in s.nominal_tokens:
            return not any(h.cue.type == "ASSAULT" for h in ti.hits)
        j -= 1
        units += 1
    return False


def light_after(s: SentenceState, k: int, m: int) -> list[Arg]:
    """هجوم شنته أربع طائرات: a light verb with a pronoun after the noun names its agent."""
    v = s.view
    j = m
    if j < v.hi and v.ti(j).relative:
        j += 1
    if j >= v.hi:
        return []
    light = v.ti(j).light
    if light is None or not light[2].suffix:
        return []
    if light[2].suffix in ("ه", "ها") or (light[0].particle and j + 1 < v.hi):
        subj = [a for a in (v.arg_at.get(x) for x in range(j + 1, min(v.hi, j + 5))) if a is not None]
        for a in subj:
            if a.prep is None and a.can_act:
                return coordinated(v, a)
    return []


def nisba_pair(s: SentenceState, m: int) -> tuple[Arg, Arg] | None:
    """Two nationality adjectives right after a noun (العلاقات السعودية - الروسية)."""
    v = s.view
    a = v.arg_at.get(m)
    if a is None or a.kind != "nisba" or a.t0 != m:
        return None
    j = a.t1
    if j < v.hi and v.ti(j).punct in ("-", "–", "ـ"):
        j += 1
    b = v.arg_at.get(j)
    if b is None or b.kind != "nisba" or b.t0 != j or b.country == a.country or b.prep is not None:
        return None
    return a, b


def support_from(s: SentenceState, d: Draft) -> tuple[list[Arg], list[Arg], int] | None:
    """``بدعم من روسيا``: the supporters after من (possibly none), the supported (the subject of
    the clause's verb), and the predicate's token; None when the noun is not ``بدعم من``."""
    assert d.hit is not None
    v = s.view
    k, m = d.k, d.m
    if not (
        d.hit.analysis.stem in marker("events.role.support_from", "nouns")
        and d.hit.analysis.prefix.endswith("ب")
        and next_norm(s, k) == "من"
    ):
        return None
    start, end = m, min(v.clause_end(k), m + SUPPORT_WINDOW)
    actors = [a for a in v.args if start <= a.t0 < end and a.prep == "من" and a.can_act]
    if not actors:
        return [], [], k
    # the clause's subject: the verb before, its subject
    j = k - 1
    while j >= v.clause_start(k) and not v.ti(j).verb_like:
        j -= 1
    if j >= v.lo and v.ti(j).verb_like:
        subj, _ = verb_subject(v, j, j + 1)
        return actors, [a for a in subj if a not in actors], j
    return actors, subject_before(v, k), k


@rule("events.filter.support_from_unnamed", "drop")
def support_from_unnamed(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``بدعم من`` with no party after ``من``: no one is named as the supporter."""
    found = support_from(s, d)
    return found is not None and not found[0]


@rule("events.filter.mention", "drop", words=("background", "demonstrative", "in"))
def mention(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A noun that names an earlier or generic event rather than reporting one: after a
    background word or a demonstrative (``ردا على هذا التفجير``، ``ذكرى``، ``منفذي الهجوم``),
    before a weekday (``هجوم الجمعة``), joined to such a noun, or the attack in which a
    mentioned harm happened."""
    assert d.hit is not None
    return is_mention(s, d.k, d.hit)


@rule("events.filter.content_of_verb", "drop")
def object_of_event_verb(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A noun that is the object of an event verb before it is what is demanded or welcomed,
    not an event (``طالب بوقف إطلاق النار``، ``رحب بتوقيع الاتفاق``)."""
    return content_of_verb(s, d.k)


@rule("events.filter.light_noun_alone", "drop")
def light_noun_alone(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A noun that is an event only after a light verb (``قلقه`` in ``أعرب عن قلقه``) has none."""
    return d.cue.has("light") and n.light is None and not n.existential and n.pair is None


@rule("events.filter.reference", "drop")
def reference(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A definite or plural event noun with no one named is a reference, not a report
    (``الهجوم``، ``الاغتيالات``، ``تفجيرات``), unless a light verb governs it, someone suffered
    it, or the sentence tells casualties and a day."""
    assert d.hit is not None
    if d.actor_args or d.actor_ids or not ("det" in d.hit.analysis.roles or d.hit.form.plural):
        return False
    reported = context(s, "events.context", "harm") and has_date(s)
    return not (d.how == "suffered" or n.light is not None or reported)
