"""The slots of a verbal or event noun (``دعم``، ``زيارة``، ``هجوم``), rule by rule (:data:`NOUN`).

First the filters that tell a mention of an event from a report of one (``ردا على هذا
التفجير``، ``طالب بوقف إطلاق النار``); then the agent, in order: ``من قبل``/``على يد``, the
genitive (``دعم سورية لموقف إيران``; for a noun of harm the genitive is the victim: ``اغتيال
الحريري``), ``بين X و Y``, a nisba adjective (``غارة جوية إسرائيلية``), a light verb after the
noun (``هجوم شنته طائرات``), an attached pronoun's antecedent (``دعمها``), the light verb before
it (``أجرى المقداد … مباحثات``); the recipient is the noun's prepositional complement.
"""

from __future__ import annotations

from rasd.events.draft import ROLE, STOP, Draft, Stop, bare, nominal
from rasd.events.governor import affiliation
from rasd.events.mentions import (
    Noun,
    light_after,
    light_noun_alone,
    mention,
    object_of_event_verb,
    reference,
    support_from,
    support_from_unnamed,
)
from rasd.events.roles import (
    antecedent,
    between,
    complement_args,
    coordinated,
    genitive,
    nisba_after,
    objects_after,
    subject_before,
    verb_subject,
)
from rasd.events.sentence import (
    SentenceState,
    clause_subject,
    implicit_actor,
    sentence_speaker,
    speaker_country,
    speakers,
)
from rasd.events.subjects import dropped_subject
from rasd.events.verbs import VERBAL_TYPES
from rasd.events.view import Arg
from rasd.events.words import norm
from rasd.rules import RuleList, rule

NOUN_WINDOW = 8
"""How far after a noun its object is looked for (words, a name counting as one)."""
ARMED = frozenset({"MIL", "REB", "UAF", "COP", "SPY", "CRM"})
"""Sectors of armed actors (who do not protest)."""
PURPOSE_TYPES = frozenset({"PROTEST", "SUPPORT", "AID", "REQUEST"})
"""Types whose noun after the ل of purpose is still the clause's act (للاحتجاج، لدعم)."""


def _no_agent(d: Draft) -> bool:
    return not d.actor_args and not d.actor_ids


@rule("events.role.support_from", "role", words=("nouns",))
def supported_by(s: SentenceState, n: Noun, d: Draft) -> Stop | None:
    """``ويواصل الجيش بدعم من روسيا``: the party after ``بدعم من`` supports the clause's subject."""
    found = support_from(s, d)
    if found is None:
        return None
    d.actor_args, d.recipient_args, d.anchor = found
    d.how = "by"
    return STOP


@rule("events.status.existential", "status", words=("there", "will_be"))
def existential_future(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``ستكون هناك اتفاقيات``: the noun after هناك takes the future of the verb before it."""
    v = s.view
    if n.existential and d.k - 2 >= v.lo and bare(v.tok(d.k - 2).norm) in norm("events.status.existential", "will_be"):
        d.future_prefix = True
        return True
    return False


@rule("events.role.agent_marker", "role", words=("after_from", "after_on", "instrument"))
def agent_marker(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The agent after ``من قبل``، ``على يد`` or ``برصاص``/``بنيران`` (``اغتيل الصحفي برصاص
    الجيش الإسرائيلي``)."""
    if not n.by:
        return False
    d.actor_args, d.how = n.by, "by"
    return True


@rule("events.role.nisba_pair", "role")
def pair(s: SentenceState, n: Noun, d: Draft) -> Stop | None:
    """A reciprocal noun with two nationality adjectives (``العلاقات السعودية - الروسية``): the
    first acts, the second receives."""
    if n.by or n.pair is None:
        return None
    d.actor_args, d.recipient_args, d.how = [n.pair[0]], [n.pair[1]], "nisba"
    return STOP


@rule("events.role.affiliation_owner", "role")
def affiliation_owner(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A harm to a unit affiliated to a party hits the party (``مهاجمة نقطة خاصة بالحوثيين``)."""
    v = s.view
    m = d.m
    if n.gen is not None or not d.cue.has("patient") or not (m + 2 < v.hi and v.tok(m + 1).norm in affiliation()):
        return False
    owner = v.arg_at.get(m + 2)
    if owner is not None and owner.prep is None:
        d.recipient_args = coordinated(v, owner)
        return True
    return False


@rule("events.role.genitive_patient", "role")
def genitive_patient(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The genitive of a noun of harm (``اغتيال الحريري``), a place (``قصف المدينة``), after a
    pronoun or the ل of purpose is the one acted on."""
    if n.gen is None or not (d.cue.has("patient") or n.gen.kind == "place" or n.pron or n.purpose):
        return False
    d.recipient_args = coordinated(s.view, n.gen)
    return True


def _genitive_free(n: Noun, d: Draft) -> bool:
    return n.gen is not None and not (d.cue.has("patient") or n.gen.kind == "place" or n.pron or n.purpose)


@rule("events.role.meeting_subject", "role")
def meeting_subject(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A reciprocal noun whose genitive is the other party, after a verb with a subject: the
    subject meets them (``وتزور ماندلكر … لقاء مسؤولين بريطانيين``)."""
    if not (_genitive_free(n, d) and d.cue.has("recip") and not d.actor_args):
        return False
    subj = clause_subject(s, d.k)
    if not subj:
        return False
    assert n.gen is not None
    d.actor_args, d.how = subj, "svo"
    d.recipient_args = coordinated(s.view, n.gen)
    return True


@rule("events.role.meeting_speaker", "role")
def meeting_speaker(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A reciprocal noun with its genitive, after a statement's cue in the sentence: the one who
    speaks meets them (``وقالت للصحفيين، قبل لقاء مسؤولين بريطانيين``)."""
    if not (_genitive_free(n, d) and d.cue.has("recip") and not d.actor_args and d.quote is None):
        return False
    ids = sentence_speaker(s, d.k, None)
    if not ids:
        return False
    assert n.gen is not None
    d.actor_ids, d.how = ids, "chain"
    d.recipient_args = coordinated(s.view, n.gen)
    return True


@rule("events.role.genitive_agent", "role")
def genitive_agent(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The genitive of any other noun is its agent (``دعم سورية لموقف إيران`` → Syria supports)."""
    if not _genitive_free(n, d) or d.actor_args or d.actor_ids:
        return False
    assert n.gen is not None
    d.actor_args, d.how = coordinated(s.view, n.gen), "gen"
    return True


@rule("events.role.between", "role")
def between_sides(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``اشتباكات بين الحوثيين والمقاومة``: the first side acts, the others receive."""
    if d.actor_args or not d.cue.has("recip"):
        return False
    one, other = between(s.view, d.m)
    if not one:
        return False
    d.actor_args, d.how = one, "between"
    d.recipient_args = d.recipient_args or other
    return True


@rule("events.role.nisba_agent", "role")
def nisba_agent(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A nationality adjective after the noun names its agent (``غارة جوية إسرائيلية``; for a
    noun of harm only right after it: ``قصف إسرائيلي``); for a harm with no victim named the
    adjective further on is the victim's (``مقتل رضيع فلسطيني``)."""
    if not _no_agent(d) or (n.pron and d.recipient_args):
        return False
    patient = d.cue.has("patient")
    nis = nisba_after(s.view, d.m, 1 if patient else 4)
    if nis is not None:
        d.actor_args, d.how = [nis], "nisba"
        return True
    if patient and not d.recipient_args:
        nis = nisba_after(s.view, d.m)
        if nis is not None:
            d.recipient_args = [nis]
            return True
    return False


@rule("events.role.light_after", "role")
def light_verb_after(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A light verb after the noun with a pronoun names its agent (``هجوم شنته أربع طائرات``،
    ``عملية نفذها مسلحون``)."""
    if d.actor_args or n.evaluative:
        return False
    after = light_after(s, d.k, d.m)
    if after:
        d.actor_args, d.how = after, "light"
    return bool(after)


@rule("events.role.pronoun_patient", "role")
def pronoun_patient(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The pronoun on a noun of harm names the one acted on (``اغتياله``: his assassination)."""
    if not (n.pron and d.cue.has("patient") and not d.recipient_args):
        return False
    d.recipient_args = antecedent(s.view, d.k)
    n.pron = ""
    return True


@rule("events.role.declared_harm", "role")
def declared_harm(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``أعلنت الوزارة مقتل X``: the one who announces a harm is not its author; the verb lends
    it nothing."""
    if n.light is None or not n.light[1].declare or d.cue.type not in ("ASSAULT", "COERCE") or not d.cue.has("patient"):
        return False
    n.light = None
    d.anchor = d.k
    return True


@rule("events.role.light_verb", "role")
def light_verb(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The light verb before the noun lends it its subject and tense (``أجرى المقداد …
    مباحثات``، ``شن الجيش هجوماً``); for ``تعرض لـ`` the subject is the one who suffered; after
    ``في ضوء`` the light word is itself a noun and its genitive acts."""
    if not _no_agent(d) or n.light is None or n.evaluative:
        return False
    v = s.view
    j, lv = n.light
    masdar = j > v.lo and bare(v.tok(j - 1).norm) in norm("events.read.noun_after_governor", "governors")
    if masdar:
        owner = genitive(v, j + 1)
        subj, how = (coordinated(v, owner), "gen") if owner is not None and owner.can_act else ([], "")
    else:
        subj, how = verb_subject(v, j, j + 1)
    if not subj and not masdar:
        person = v.ti(j).light[1] if v.ti(j).light else "3"  # type: ignore[index]
        found, rid = dropped_subject(s, j, person)
        subj, how = found.args, found.how
        if found.ids:
            d.actor_ids = found.ids
        if rid is not None:
            d.fired(rid)
    if lv.role == "patient":
        d.recipient_args = d.recipient_args or subj
        if subj:
            d.how = "suffered"  # تعرضت القافلة لهجوم: the report is about who suffered it
    elif lv.role == "agent":
        d.actor_args = subj
        if subj or d.actor_ids:
            d.how = "light" if how in ("vso", "svo") else how
    light = v.ti(j).light
    if light is not None and "fut" in light[2].roles:
        d.future_prefix = True
    return True


@rule("events.role.pronoun_agent", "role")
def pronoun_agent(s: SentenceState, n: Noun, d: Draft) -> bool:
    """An attached pronoun names the agent: its antecedent, the nearest named actor of matching
    gender (``دعمها``), or the speaker for ``نا`` in a statement (``دعمنا``)."""
    if not _no_agent(d) or not n.pron or n.evaluative:
        return False
    if n.pron == "نا" and d.quote is not None and d.quote.speaker:
        d.actor_ids, d.how = speakers(d.quote), "speaker"
        return True
    d.actor_args = antecedent(s.view, d.k, n.pron)
    d.how = "pron" if d.actor_args else ""
    return bool(d.actor_args)


@rule("events.filter.evaluative_unsaid", "drop")
def evaluative_unsaid(s: SentenceState, n: Noun, d: Draft) -> bool:
    """An evaluative noun outside a statement with a known speaker, or (but for a rejection)
    with no one it names, is no event."""
    if not n.evaluative:
        return False
    if d.quote is None or not d.quote.speaker:
        return True
    return not _evaluative_target(s, n, d) and d.cue.type != "REJECT"


def _evaluative_target(s: SentenceState, n: Noun, d: Draft) -> list[Arg]:
    if n.pron:
        return d.actor_args or antecedent(s.view, d.k, n.pron)  # وعرقلتها: the one the pronoun names
    return d.actor_args or d.recipient_args or objects_after(s.view, d.m, d.cue, d.cue.type, limit=4)


@rule("events.role.evaluative", "role")
def evaluative(s: SentenceState, n: Noun, d: Draft) -> Stop | None:
    """An evaluative word in a statement (``عرقلة``، ``النظام التركي``، ``أكاذيب``): the speaker
    accuses or rejects the one it names."""
    if not n.evaluative:
        return None
    target = _evaluative_target(s, n, d)
    d.actor_ids, d.actor_args, d.recipient_args, d.how = speakers(d.quote), [], target, "speaker"
    return STOP


@rule("events.role.protest_purpose", "role")
def protest_purpose(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``خرجوا للاحتجاج``، ``أحرق نفسه احتجاجاً``: the one who acts in the clause protests (not
    soldiers, police or the government)."""
    assert d.hit is not None
    adverbial = d.hit.analysis.stem.endswith("ا") and not d.hit.analysis.prefix and d.cue.type == "PROTEST"
    if not _no_agent(d) or not (adverbial or (n.purpose and d.cue.type == "PROTEST")):
        return False
    subj = [a for a in clause_subject(s, d.k) if (a.sector or "") not in ARMED and a.sector != "GOV"]
    if subj:
        d.actor_args, d.how = subj, "svo"
    return bool(subj)


@rule("events.filter.purpose_aim", "drop")
def purpose_aim(s: SentenceState, n: Noun, d: Draft) -> bool:
    """After the ل of purpose a noun is an aim, not an event (``لزيارة عدن``، ``لإطلاق
    الصواريخ``), except protests, support, aid and requests."""
    return n.purpose and n.light is None and d.cue.type not in PURPOSE_TYPES


@rule("events.filter.purpose_unnamed", "drop")
def purpose_unnamed(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A noun of purpose with no light verb needs both who it is for and who acts before it."""
    if not (_no_agent(d) and n.purpose and n.light is None):
        return False
    return not d.recipient_args or not (subject_before(s.view, d.k) or antecedent(s.view, d.k))


@rule("events.role.purpose_subject", "role")
def purpose_subject(s: SentenceState, n: Noun, d: Draft) -> bool:
    """``تسعى لدعم سورية``: the subject before a noun of purpose is its agent."""
    if not (_no_agent(d) and n.purpose and n.light is None):
        return False
    subj = subject_before(s.view, d.k) or antecedent(s.view, d.k)
    d.actor_args, d.how = [a for a in subj if a not in d.recipient_args], "svo"
    return True


@rule("events.role.speaker_partner", "role")
def speaker_partner(s: SentenceState, n: Noun, d: Draft) -> Stop | None:
    """``ستكون هناك اتفاقيات مع روسيا`` said by a Saudi minister: with no one named, the
    speaker's side is the party to a reciprocal act with the foreign partners."""
    q = d.quote
    if not (_no_agent(d) and d.cue.has("recip") and q is not None and q.speaker):
        return None
    partners = d.recipient_args or objects_after(s.view, d.m, nominal(d.cue), d.cue.type, limit=4)
    own = speaker_country(s, q)
    if not (partners and own and all(a.country and a.country != own for a in partners)):
        return None
    d.actor_ids, d.how, d.actor_args, d.recipient_args = speakers(q), "speaker", [], partners
    return STOP


@rule("events.role.implicit_noun", "role")
def implicit_noun(s: SentenceState, n: Noun, d: Draft) -> Stop | None:
    """An attack or a protest named with no actor (and not a weak word): a group named by a
    common noun in the clause acts, or an unidentified actor is implied (``هجوم انتحاري``)."""
    if not _no_agent(d) or not d.cue.has("implicit") or d.cue.has("weak"):
        return None
    suffered = d.how == "suffered"
    implicit_actor(s, d)
    if suffered and d.implicit:
        d.how = "suffered"
    if not (d.actor_args or d.implicit):
        return None
    if not d.recipient_args:
        d.recipient_args = objects_after(
            s.view, d.m, nominal(d.cue), d.cue.type, exclude=d.actor_args, limit=NOUN_WINDOW
        )
    return STOP


@rule("events.filter.no_agent", "drop")
def no_agent(s: SentenceState, n: Noun, d: Draft) -> bool:
    """A noun no rule found an agent for is no event."""
    return _no_agent(d)


@rule("events.role.noun_object", "role")
def noun_object(s: SentenceState, n: Noun, d: Draft) -> bool:
    """The recipient is the noun's complement that its frame accepts (``دعم … لموقف إيران``)."""
    if d.recipient_args:
        return False
    d.recipient_args = objects_after(
        s.view, d.m, nominal(d.cue), d.cue.type, exclude=d.actor_args, limit=NOUN_WINDOW
    )
    return bool(d.recipient_args)


@rule("events.role.noun_complement", "role")
def noun_complement(s: SentenceState, n: Noun, d: Draft) -> bool:
    """For stances, appeals and sanctions with no recipient: the first party named inside the
    complement."""
    if d.recipient_args or not (d.cue.type in VERBAL_TYPES or d.cue.type == "SANCTION"):
        return False
    d.recipient_args = [a for a in complement_args(s.view, d.m) if a not in d.actor_args]
    return bool(d.recipient_args)


NOUN = RuleList(
    "events.noun",
    "(sentence: SentenceState, noun: Noun, draft: Draft) -> bool | STOP",
    {"drop": bool, "role": ROLE, "status": bool},
    (
        support_from_unnamed,
        supported_by,
        mention,
        object_of_event_verb,
        light_noun_alone,
        existential_future,
        agent_marker,
        pair,
        affiliation_owner,
        genitive_patient,
        meeting_subject,
        meeting_speaker,
        genitive_agent,
        between_sides,
        nisba_agent,
        light_verb_after,
        pronoun_patient,
        declared_harm,
        light_verb,
        pronoun_agent,
        evaluative_unsaid,
        evaluative,
        protest_purpose,
        purpose_aim,
        purpose_unnamed,
        purpose_subject,
        speaker_partner,
        reference,
        implicit_noun,
        no_agent,
        noun_object,
        noun_complement,
    ),
)
