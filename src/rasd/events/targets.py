"""Role rules that run once a draft's slots are filled: the one acted on when no name says it
(the victims of a toll clause, a person named by a title), "his country", what a stance in a
statement is about, a law or decree aimed at."""

from __future__ import annotations

from rasd.events.draft import Draft
from rasd.events.lexicon import AgentNoun
from rasd.events.roles import subject_before, verb_subject
from rasd.events.sentence import SentenceState, foreign_before, speaker_country
from rasd.events.view import Arg
from rasd.events.words import marker, norm
from rasd.rules import rule


@rule("events.role.generic_patient", "role")
def generic_patient(s: SentenceState, d: Draft) -> bool:
    """A harm or coercion of a person named by a title or a common noun the entity layer does
    not list (``اختطاف الدكتور فيصل الزبيدي``، ``اعتقال البائعين``): a local civilian group."""
    if d.type not in ("ASSAULT", "COERCE") or not d.cue.has("patient") or d.has_recipient:
        return False
    v = s.view
    j = d.m
    if j >= v.hi or j in v.arg_at:
        return False
    tok = v.tok(j)
    if tok.kind != "ar" or v.ti(j).hits or v.ti(j).opener or v.ti(j).punct:
        return False
    if not (j in v.title_tokens or (tok.norm.startswith("ال") and tok.norm.endswith(("ين", "ون", "ي")))):
        return False
    victims = AgentNoun("مدنيون", "CVL", frozenset({"victim"}))
    d.recipient_args = [Arg(j, j + 1, tok.start, tok.end, "agent", None, None, "CVL", agent=victims)]
    return True


def toll_victims_of(s: SentenceState, d: Draft) -> list[Arg]:
    """The victims of an attack's toll clause (… مما أدى إلى مقتل رضيع فلسطيني)."""
    v = s.view
    results = norm("events.role.toll_victims", "result_verbs")
    j = d.m
    while j < v.hi and not v.is_hard(j) and not v.ti(j).stems & results:
        j += 1
    if j >= v.hi or v.is_hard(j):
        return []
    for x in range(j + 1, min(v.hi, j + 4)):
        if v.is_hard(x):
            return []
        if any(h.cue.type == "ASSAULT" and h.cue.has("patient") for h in v.ti(x).hits):
            a = v.arg_at.get(x + 1) or (v.arg_at.get(x + 2) if x + 2 < v.hi and v.tok(x + 1).kind == "num" else None)
            if a is not None and (a.country or a.kind == "agent") and a.prep is None:
                return [a]
            return []
    return []


@rule("events.role.toll_victims", "role", words=("result_verbs",))
def toll_victims(s: SentenceState, d: Draft) -> bool:
    """An attack with no victim named takes the victims of its toll clause (``… ما أدى إلى
    مقتل رضيع فلسطيني``)."""
    if d.type != "ASSAULT" or d.has_recipient:
        return False
    d.recipient_args = toll_victims_of(s, d)
    return bool(d.recipient_args)


def own_country_of(s: SentenceState, d: Draft) -> str | None:
    """The country "his country" points to: the subject's, the speaker's, or the subject of the
    verb before."""
    for a in d.actor_args:
        if a.kind != "own" and a.country:
            return a.country
    if d.quote is not None:
        return speaker_country(s, d.quote)
    v = s.view
    for a in subject_before(v, d.k) or []:
        if a.country:
            return a.country
    j = d.k - 1
    while j >= v.lo:
        if v.ti(j).verb_like:
            subj, _ = verb_subject(v, j, j + 1)
            for a in subj:
                if a.country and a.kind != "own":
                    return a.country
            break
        j -= 1
    return None


@rule("events.role.own_country", "role")
def own_country(s: SentenceState, d: Draft) -> bool:
    """"His country" (``بلاده``) takes the country of the subject or the speaker."""
    if not any(a.kind == "own" for a in d.actor_args + d.recipient_args):
        return False
    d.own_country = own_country_of(s, d)
    return True


def _stance_without_target(d: Draft) -> bool:
    return (
        d.quote is not None
        and d.how == "speaker"
        and d.type in ("REJECT", "THREATEN", "ACCUSE")
        and not d.has_recipient
    )


@rule("events.role.stance_target", "role")
def stance_target(s: SentenceState, d: Draft) -> bool:
    """A stance in a statement with no recipient is about the foreign party named before it."""
    if not _stance_without_target(d):
        return False
    d.recipient_args = foreign_before(s, d.k, d.quote)
    return bool(d.recipient_args)


@rule("events.role.reply_target", "role", words=("words",))
def reply_target(s: SentenceState, d: Draft) -> bool:
    """A stance in a reply (``لكن دميرتاش رد بالقول إنها "أكاذيب"``) answers the previous
    sentence's actor."""
    if not _stance_without_target(d):
        return False
    v = s.view
    words = marker("events.role.reply_target", "words")
    if not any(v.ti(j).verb_like and v.ti(j).stems & words for j in range(v.lo, min(d.k, d.anchor))):
        return False
    d.recipient_ids = [x for x in s.prev_subject if x not in d.actor_ids]
    return True


@rule("events.role.measure", "role", words=("laws",))
def measure(s: SentenceState, d: Draft) -> bool:
    """A rejection, accusation or appeal aimed at a law or decree with no author named (``رفض
    القانون``) is aimed at the state that made it."""
    if d.type not in ("REJECT", "ACCUSE", "REQUEST") or d.has_recipient:
        return False
    v = s.view
    laws = norm("events.role.measure", "laws")
    d.measure = any(v.ti(j).stems & laws for j in range(d.m, min(v.hi, d.m + 4)) if not v.is_hard(j))
    return d.measure
