"""The subject of a verb that expresses none (Arabic drops it), in order of the rules of
:data:`SUBJECT`: the first that finds one decides.

``نرفض`` in a statement is the speaker's; ``أما إيطاليا فستقدم`` takes the topic; a verb after
``أنها`` or ``لكنها`` takes the pronoun's antecedent; a verb joined by و after the sentence's
first clause shares its subject; a sentence that opens with its verb continues the previous
sentence's subject.
"""

from __future__ import annotations

from rasd.events.draft import Subject, bare
from rasd.events.roles import antecedent, coordinated
from rasd.events.sentence import (
    ACTING_KINDS,
    SentenceState,
    first_token_at,
    sentence_speaker,
    speakers,
)
from rasd.events.words import norm
from rasd.rules import RuleList, rule


@rule("events.role.first_person_speaker", "role")
def first_person_speaker(s: SentenceState, k: int, person: str) -> Subject | None:
    """A first-person verb in a statement is the speaker's (``نرفض``، ``نطالب``، ``سنقف``)."""
    if not person.startswith("1"):
        return None
    ids = speakers(s.view.quote_at.get(k))
    return Subject([], ids, "speaker" if ids else "")


@rule("events.role.topic_amma", "role", words=("amma",))
def topic_amma(s: SentenceState, k: int, person: str) -> Subject | None:
    """``أما إيطاليا فستقدم``: the topic after أما is the subject of the verb with ف."""
    v = s.view
    if not (k - 2 >= v.lo and v.tok(k).norm.startswith("ف")):
        return None
    a = v.arg_at.get(k - 1)
    if a is not None and a.t0 - 1 >= v.lo and v.tok(a.t0 - 1).norm in norm("events.role.topic_amma", "amma"):
        return Subject([a], [], "svo")
    return None


@rule("events.role.complement_pronoun", "role", words=("pronouns",))
def complement_pronoun(s: SentenceState, k: int, person: str) -> Subject | None:
    """``اعترفت إسرائيل أنها نفذت …``: the pronoun on أن opening a statement is its speaker."""
    v = s.view
    q = v.quote_at.get(k)
    if q is None or not q.speaker:
        return None
    first = first_token_at(s, q.content.start)
    if (
        v.lo < first <= k
        and s.doc.tokens[first - 1].norm in norm("events.role.complement_pronoun", "pronouns")
        and not any(v.ti(x).verb_like for x in range(first, k))
    ):
        return Subject([], speakers(q), "speaker")
    return None


@rule("events.role.hayth", "role", words=("hayth",))
def hayth(s: SentenceState, k: int, person: str) -> Subject | None:
    """``ما يسعى له النظام الإيراني حيث يقوم بدعمهم``: after حيث, the party named just before."""
    v = s.view
    if not (k - 1 > v.lo and bare(v.tok(k - 1).norm) in norm("events.role.hayth", "hayth")):
        return None
    a = v.arg_at.get(k - 2)
    if a is not None and a.prep is None and a.can_act and a.kind != "own":
        return Subject(coordinated(v, a), [], "chain")
    return None


@rule("events.role.previous_verb", "role")
def previous_verb(s: SentenceState, k: int, person: str) -> Subject | None:
    """The previous verb of the same sentence and statement lends its subject (``ونفت إسرائيل …،
    واعترضت على …``)."""
    q = s.view.quote_at.get(k)
    for d in reversed(s.drafts):
        if d.anchor < k and d.has_actor and d.quote is q:
            return Subject(list(d.actor_args), list(d.actor_ids), "chain")
    return None


@rule("events.role.particle_pronoun", "role", words=("particles",))
def particle_pronoun(s: SentenceState, k: int, person: str) -> Subject | None:
    """``لكنها وافقت``: the pronoun on the particle before the verb names the subject (but
    ``أنه قتل`` is "that he was killed": a verb of harm there is passive)."""
    v = s.view
    if any(h.cue.type == "ASSAULT" for h in v.ti(k).hits):
        return None
    if not (k > v.lo and v.tok(k - 1).norm in norm("events.role.particle_pronoun", "particles")):
        return None
    word = v.tok(k - 1).norm
    pron = "ها" if word.endswith("ها") else "ه" if word.endswith("ه") else ""
    ante = antecedent(v, k - 1, pron)
    return Subject(ante, [], "chain") if ante else None


@rule("events.role.coordinated_verb", "role")
def coordinated_verb(s: SentenceState, k: int, person: str) -> Subject | None:
    """A verb joined by و after the sentence's first clause shares its subject (``وعلق … جون
    بولتون، على قرار …، وحث موسكو``)."""
    v = s.view
    if not (v.tok(k).has_prefix("conj") and k > v.lo and v.quote_at.get(k) is None):
        return None
    for a in v.args:
        if a.t0 >= k:
            break
        if a.prep is None and a.kind in ACTING_KINDS and a.t0 - v.lo <= 8:
            return Subject([a], [], "chain")
    return None


@rule("events.role.sentence_speaker", "role")
def speaker_before(s: SentenceState, k: int, person: str) -> Subject | None:
    """The speaker of a statement whose cue comes before the verb in the sentence acts."""
    ids = sentence_speaker(s, k, s.view.quote_at.get(k))
    return Subject([], ids, "chain") if ids else None


@rule("events.role.previous_sentence", "role")
def previous_sentence(s: SentenceState, k: int, person: str) -> Subject | None:
    """A sentence that opens with its verb continues the previous sentence's subject."""
    if k == s.view.lo and s.view.quote_at.get(k) is None and s.carried.last_subject:
        return Subject([], list(s.carried.last_subject), "prev")
    return None


SUBJECT = RuleList(
    "events.subject",
    "(sentence: SentenceState, verb token: int, person: str) -> Subject | None; the first that fires decides",
    {"role": Subject},
    (
        first_person_speaker,
        topic_amma,
        complement_pronoun,
        hayth,
        previous_verb,
        particle_pronoun,
        coordinated_verb,
        speaker_before,
        previous_sentence,
    ),
)


def dropped_subject(s: SentenceState, k: int, person: str) -> tuple[Subject, str | None]:
    """The subject of the verb at ``k`` that expresses none, and the id of the rule that found it."""
    for r, subject in SUBJECT.fire(s, k, person):
        return subject, r.id
    return Subject([], [], ""), None
