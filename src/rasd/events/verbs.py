"""The slots of a finite verb (and a circumstantial participle), rule by rule (:data:`VERB`).

The subject follows the verb (VSO, ``وأجرى المقداد``) unless the clause opens with it (SVO,
``أن سورية تدعم``); with none, :mod:`rasd.events.subjects` finds it. The recipient is the first
argument after the verb and its subject that the cue's frame accepts, or the party named
inside the complement.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.events.draft import ROLE, STOP, Draft, Stop
from rasd.events.roles import (
    by_phrase,
    complement_args,
    objects_after,
    thing_adjective,
    verb_subject,
)
from rasd.events.sentence import SentenceState, circ_subject, implicit_actor, speakers
from rasd.events.subjects import dropped_subject
from rasd.events.view import Arg
from rasd.events.words import norm
from rasd.rules import RuleList, rule

VERBAL_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "REQUEST", "THREATEN", "AGREE", "CONCEDE"})
"""Stances and appeals: their recipient may be the party named inside their complement."""


@dataclass(slots=True)
class Verb:
    """What the verb rules share: the verb's subject as found, and whether it is a plain finite
    verb (not a circumstantial participle, not a first-person verb in a statement)."""

    subject: list[Arg] = field(default_factory=list)
    plain: bool = True


def _q_speaker(d: Draft) -> bool:
    return d.quote is not None and bool(d.quote.speaker)


@rule("events.filter.relative_verb", "drop")
def relative_verb(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A verb right after a relative pronoun qualifies a noun: background, not the sentence's
    event (``المخططات التي تستهدف المنطقة``)."""
    return d.k > s.view.lo and s.view.ti(d.k - 1).relative


@rule("events.filter.evaluative_verb_unsaid", "drop")
def evaluative_verb_unsaid(s: SentenceState, v: Verb, d: Draft) -> bool:
    """An evaluative verb (``هزموا``، ``شجع``) is an event only in a statement whose speaker is
    known, with a subject to accuse."""
    if not d.cue.has("quote"):
        return False
    subj, _ = verb_subject(s.view, d.k, d.k + 1)
    return not subj or not _q_speaker(d)


@rule("events.role.evaluative_verb", "role")
def evaluative_verb(s: SentenceState, v: Verb, d: Draft) -> Stop | None:
    """An evaluative verb in a statement: the speaker accuses its subject (``"هزموا" الإرهاب``
    said by a Syrian minister → SYR ACCUSE the subject)."""
    if not d.cue.has("quote"):
        return None
    subj, _ = verb_subject(s.view, d.k, d.k + 1)
    d.actor_ids, d.how, d.recipient_args = speakers(d.quote), "speaker", subj
    return STOP


@rule("events.role.circumstantial", "role")
def circumstantial(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A circumstantial participle (``داعياً``، ``محذراً``) takes the subject or speaker of its
    sentence."""
    if d.hit is None or d.hit.form.tense != "circ":
        return False
    v.plain = False
    d.actor_args, d.actor_ids, d.how = circ_subject(s, d.k)
    return True


@rule("events.role.speaker_verb", "role")
def speaker_verb(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A first-person verb in a statement is the speaker's act (``نرفض`` said by a Syrian
    official → SYR REJECT)."""
    if not v.plain or d.hit is None or not d.hit.form.person.startswith("1") or not _q_speaker(d):
        return False
    v.plain = False
    d.actor_ids, d.how = speakers(d.quote), "speaker"
    return True


@rule("events.role.subject", "role", words=())
def subject(s: SentenceState, v: Verb, d: Draft) -> bool:
    """The verb's named subject: after it (VSO, ``وأجرى المقداد``) or opening its clause (SVO,
    ``وطهران ستدعم دمشق``); a name that does not agree with the verb's gender is its object."""
    if not v.plain or d.hit is None:
        return False
    v.subject, d.how = verb_subject(s.view, d.k, d.k + 1, d.hit.form.gender)
    if v.subject:
        d.actor_args = v.subject
    return bool(v.subject)


@rule("events.filter.thing_subject", "drop")
def thing_subject(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A verb only a weapon can do (``انفجرت``) with a person or a state as subject is no bombing
    (``انفجرت رايس`` in anger)."""
    return v.plain and d.cue.has("thing") and any(a.kind != "agent" for a in v.subject)


@rule("events.filter.killed_in", "drop", words=("causes",))
def killed_in(s: SentenceState, v: Verb, d: Draft) -> bool:
    """``قتل الانتحاري في الحادث``، ``قتل ثلاثة في غارة``: a passive killing whose cause, a noun of
    attack, is named after it; the attack is that noun's event."""
    if not (v.plain and d.cue.type == "ASSAULT" and d.cue.mode == "kill"):
        return False
    view = s.view
    causes = norm("events.filter.killed_in", "causes")
    subj = v.subject
    j = max(a.t1 for a in subj) if subj and subj[0].t0 > d.k else d.m
    for _ in range(3):  # the victims may come first: قتل ثلاثة في غارة
        while j < view.hi and (view.ti(j).skip or view.is_soft(j)):
            j += 1
        if j >= view.hi:
            return False
        if view.tok(j).norm in causes and j + 1 < view.hi:
            j += 1
        if any(not h.form.verbal and h.cue.type == "ASSAULT" for h in view.ti(j).hits):
            return True
        if j in view.arg_at or view.ti(j).hits or view.ti(j).opener:
            return False
        j += 1
    return False


@rule("events.role.passive", "role")
def passive(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A passive verb (``اغتيل الرئيس``): its subject is the one acted on; the author, if named,
    comes after ``من قبل``، ``على يد`` or ``برصاص``."""
    if not (v.plain and d.cue.has("passive")):
        return False
    d.recipient_args, v.subject = v.subject, by_phrase(s.view, d.m)
    d.actor_args = v.subject
    d.how = "by" if v.subject else ""
    return True


@rule("events.role.victim_subject", "role")
def victim_subject(s: SentenceState, v: Verb, d: Draft) -> bool:
    """``قتل 15 مدنيا``: a subject that names victims (civilians, soldiers) is the one acted on,
    the perpetrator unnamed."""
    if not (v.plain and v.subject and not d.cue.has("passive") and d.cue.type == "ASSAULT"):
        return False
    if not all(a.agent is not None and "victim" in a.agent.flags for a in v.subject):
        return False
    d.recipient_args, v.subject, d.actor_args, d.how = v.subject, [], [], ""
    return True


@rule("events.role.dropped_subject", "role")
def dropped(s: SentenceState, v: Verb, d: Draft) -> bool:
    """A verb with no named subject and nothing acted on takes the subject Arabic drops (see
    :data:`rasd.events.subjects.SUBJECT`)."""
    if not v.plain or v.subject or d.recipient_args or d.hit is None:
        return False
    subj, rid = dropped_subject(s, d.k, d.hit.form.person)
    d.actor_args, d.actor_ids, d.how = subj.args, subj.ids, subj.how
    if rid is not None:
        d.fired(rid)
    return rid is not None


def _object_start(v: Verb, d: Draft) -> int:
    if d.how == "vso" and v.subject:
        return v.subject[-1].t1
    return d.k + 1 if d.cue.then else d.m


@rule("events.role.object", "role")
def object_(s: SentenceState, v: Verb, d: Draft) -> bool:
    """The recipient is the first argument after the verb (and its subject) that the cue's frame
    accepts: the direct object or one after the cue's preposition (``رحب بـ``، ``اعترض على``),
    also inside a relative clause qualifying the object."""
    if d.recipient_args:
        return False
    d.recipient_args = objects_after(s.view, _object_start(v, d), d.cue, d.cue.type, exclude=v.subject)
    return bool(d.recipient_args)


@rule("events.role.complement", "role")
def complement(s: SentenceState, v: Verb, d: Draft) -> bool:
    """For stances, appeals, harm and sanctions with no party as object (or only a nationality
    adjective of a thing): the first party named inside the complement (``اعترضت على تسليم
    المنظومة الروسية``)."""
    start = _object_start(v, d)
    adjective = all(thing_adjective(s.view, a, start) for a in d.recipient_args)
    if not adjective or not (d.cue.type in VERBAL_TYPES or d.cue.type in ("ASSAULT", "COERCE", "SANCTION")):
        return False
    comp = [a for a in complement_args(s.view, start) if a not in v.subject and a not in d.actor_args]
    if comp and comp != d.recipient_args:
        d.recipient_args = comp
        return True
    return False


@rule("events.role.implicit", "role")
def implicit(s: SentenceState, v: Verb, d: Draft) -> bool:
    """An attack or a protest with no named actor: a group named by a common noun in the clause
    acts (``مسلحون``), or an unidentified actor is implied (``اغتيل``, ``انفجرت سيارة مفخخة``)."""
    if d.has_actor or not (d.cue.has("implicit") or d.cue.has("passive")):
        return False
    implicit_actor(s, d)
    if d.implicit and d.recipient_args and d.cue.has("passive"):
        d.how = "suffered"
    return True


VERB = RuleList(
    "events.verb",
    "(sentence: SentenceState, verb: Verb, draft: Draft) -> bool | STOP",
    {"drop": bool, "role": ROLE},
    (
        relative_verb,
        evaluative_verb_unsaid,
        evaluative_verb,
        circumstantial,
        speaker_verb,
        subject,
        thing_subject,
        killed_in,
        passive,
        victim_subject,
        dropped,
        object_,
        complement,
        implicit,
    ),
)
