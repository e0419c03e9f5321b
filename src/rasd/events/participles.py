"""The slots of a participle cue (``مرفوض``، ``متورط في``), rule by rule (:data:`PARTICIPLE`).

A participle is a predicate: in a statement an evaluative one is the speaker's judgement of the
party it names (``مرفوض`` said of a Turkish move → the speaker rejects Turkey); otherwise its
subject stands before it (``إيران متورطة``).
"""

from __future__ import annotations

from rasd.events.draft import ROLE, Draft
from rasd.events.roles import nisba_after, objects_after, subject_before
from rasd.events.sentence import SentenceState, foreign_before, speakers
from rasd.rules import RuleList, rule


@rule("events.role.participle_speaker", "role")
def participle_speaker(s: SentenceState, d: Draft) -> bool:
    """An evaluative participle in a statement is the speaker's judgement (``"مرفوض تماماً"``)."""
    if d.cue.has("quote") and d.quote is not None and d.quote.speaker:
        d.actor_ids, d.how = speakers(d.quote), "speaker"
        return True
    return False


@rule("events.role.participle_subject", "role")
def participle_subject(s: SentenceState, d: Draft) -> bool:
    """The subject named before the participle in its clause acts (``إيران متورطة في …``)."""
    if d.actor_ids:
        return False
    subj = subject_before(s.view, d.k)
    if subj:
        d.actor_args, d.how = subj, "svo"
    return bool(subj)


@rule("events.filter.participle_unsaid", "drop")
def participle_unsaid(s: SentenceState, d: Draft) -> bool:
    """A participle with no speaker and no subject before it is no event."""
    return not d.has_actor


@rule("events.role.participle_object", "role")
def participle_object(s: SentenceState, d: Draft) -> bool:
    """A multi-word participle (``متورط في``) takes the nationality adjective right after it, or
    the first argument its frame accepts."""
    if not d.cue.then:
        return False
    nis = nisba_after(s.view, d.m)
    d.recipient_args = [nis] if nis else objects_after(s.view, d.m, d.cue, d.cue.type, exclude=d.actor_args)
    return bool(d.recipient_args)


@rule("events.role.participle_before", "role")
def participle_before(s: SentenceState, d: Draft) -> bool:
    """A one-word participle judges the party named right before it (up to three words), else
    the nearest foreign party before it in the sentence."""
    if d.cue.then:
        return False
    v = s.view
    prev = [a for a in v.args if a.t1 <= d.k and d.k - a.t1 <= 3 and a.kind != "place"]
    d.recipient_args = [prev[-1]] if prev else foreign_before(s, d.k, d.quote)
    return bool(d.recipient_args)


PARTICIPLE = RuleList(
    "events.participle",
    "(sentence: SentenceState, draft: Draft) -> bool",
    {"drop": bool, "role": ROLE},
    (participle_speaker, participle_subject, participle_unsaid, participle_object, participle_before),
)
