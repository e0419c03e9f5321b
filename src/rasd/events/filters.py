"""Drop rules that run once a draft's slots are filled: what looks like an event but reports
none (a question, a film's title, an accusation's content, a count over years, a disaster, an
attack named in passing)."""

from __future__ import annotations

import re

from rasd.events.draft import Draft, bare
from rasd.events.sentence import SentenceState, context, hit_roles
from rasd.events.words import marker, norm, raw
from rasd.rules import rule

MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})
"""Material (not verbal) event types."""
ARMED = frozenset({"MIL", "REB", "UAF", "COP", "SPY", "CRM"})
_ALLEGE_WINDOW = 12  # how far back (words, a name counting as one) an accusation governs an act
_YEAR = re.compile(r"^(19|20)\d\d$")


@rule("events.filter.relative_clause", "drop")
def relative_clause(s: SentenceState, d: Draft) -> bool:
    """The predicate sits in a relative clause, which qualifies a noun (``المخططات التي تستهدف
    المنطقة``): background, not the sentence's report. A statement opening inside the clause or
    a circumstantial participle ends it."""
    v = s.view
    start = v.clause_start(d.anchor)
    if not (v.ti(start).relative and start < d.anchor and not (d.how == "light" and d.anchor > d.k)):
        return False
    body_start = v.tok(start).start
    anchor_start = v.tok(d.anchor).start
    if any(body_start < q.content.start < anchor_start for q in v.quote_at.values()):
        return False
    return not any(h.form.tense == "circ" for h in v.ti(d.anchor).hits)


@rule("events.filter.question", "drop")
def question(s: SentenceState, d: Draft) -> bool:
    """A question reports nothing (``هل تستخدم أجهزتكم وسائل تعذيب؟``)."""
    v = s.view
    return v.hi > v.lo and v.ti(v.hi - 1).punct in ("?", "؟")


@rule("events.filter.usurped", "drop", words=("words",))
def usurped(s: SentenceState, d: Draft) -> bool:
    """What the verb of rape takes is land, a place or power: usurpation, no one assaulted
    (``اغتصاب منطقة أبيي``، ``اغتصاب السلطة``)."""
    if not (d.type == "ASSAULT" and d.mode == "sexual"):
        return False
    v = s.view
    j = d.m
    if j >= v.hi:
        return False
    a = v.arg_at.get(j)
    if a is not None:
        return a.kind in ("place", "capital", "country")
    return bool(v.ti(j).stems & (marker("events.place", "heads") | norm("events.filter.usurped", "words")))


@rule("events.filter.work_title", "drop", words=("words",))
def work_title(s: SentenceState, d: Draft) -> bool:
    """The cue is inside quotation marks right after a work's name: a title, not a report
    (``فيلم «اغتيال جيسي جيمس»``، ``كتاب بعنوان "…"``)."""
    v = s.view
    heads = marker("events.filter.work_title", "words")
    for j in range(d.k - 1, max(v.lo, d.k - 15) - 1, -1):
        p = v.ti(j).punct
        if p in ("»", "”"):
            return False
        if p in ("«", '"', "“"):
            return j > v.lo and bool(v.ti(j - 1).stems & heads)
    return False


@rule("events.filter.alleged", "drop", words=("words",))
def alleged(s: SentenceState, d: Draft) -> bool:
    """A material act in the complement of an accusation before it is what the accusation says,
    not a report (``اتهمت فتح حماس باختطاف …``، ``متهماً الجيش بأنه نفذ الهجوم``، ``بتهمة قتل``)."""
    if d.type not in MATERIAL:
        return False
    v = s.view
    words = marker("events.filter.alleged", "words")
    j = min(d.k, d.anchor) - 1
    units = 0
    while j >= v.lo and units < _ALLEGE_WINDOW:
        ti = v.ti(j)
        if v.is_hard(j) or ti.punct in ("،", ",") or (ti.conj and ti.verb_like and not ti.stems & words):
            return False  # a clause of its own (في الاتهامات المتبادلة، أعلنت …؛ … وقال إن)
        if ti.stems & words:
            return True
        a = v.arg_at.get(j)
        j = a.t0 - 1 if a is not None else j - 1
        units += 1
    return False


@rule("events.filter.tally", "drop", words=("since", "since_heads", "periods", "superlatives", "until", "now"))
def tally(s: SentenceState, d: Draft) -> bool:
    """The clause counts harms over a period, not one event: since a point (``منذ الغزو``، ``منذ
    عام 2004``), so far (``حتى الآن``), or an act in the present going on for months (``يقاتلون
    منذ شهور``); a superlative compares one event with the period (``أكبر عملية منذ مطلع السنة``)."""
    if d.type not in ("ASSAULT", "COERCE"):
        return False
    v = s.view
    since = norm("events.filter.tally", "since")
    heads = norm("events.filter.tally", "since_heads")
    periods = norm("events.filter.tally", "periods")
    superlatives = norm("events.filter.tally", "superlatives")
    until = norm("events.filter.tally", "until")
    now = norm("events.filter.tally", "now")
    start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
    ongoing = any(h.cue is d.cue and h.form.verbal and h.form.tense == "impf" for h in v.ti(d.k).hits)
    for j in range(start, min(end + 1, v.hi - 1)):  # حتى opens a clause of its own
        n = bare(v.tok(j).norm)
        nxt = v.tok(j + 1)
        if n in superlatives:
            return False
        if n in since and (nxt.norm.startswith("ال") or nxt.norm in heads or _YEAR.match(nxt.norm)):
            return True
        if n in since and nxt.norm in periods and ongoing:
            return True
        if n in until and nxt.norm in now:
            return True
    return False


@rule("events.filter.disaster", "drop", words=("words",))
def disaster(s: SentenceState, d: Draft) -> bool:
    """Deaths in a natural disaster or an accident: no one attacked (``قتل 16 ألفاً في كارثة
    تسونامي``، ``حادث سير``)."""
    return d.type == "ASSAULT" and context(s, "events.filter.disaster", "words")


def _place_named(s: SentenceState, d: Draft) -> bool:
    """Whether the event's clause names a place (a place argument after في/بـ)."""
    v = s.view
    start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
    return any(start <= a.t0 < end and a.kind in ("place", "capital") and a.prep in ("في", "ب") for a in v.args)


@rule("events.filter.attack_in_passing", "drop")
def attack_in_passing(s: SentenceState, d: Draft) -> bool:
    """An attack named by its author's pronoun (``هجومه على``) or without its author (only an
    adjective, a genitive, a carried-over subject) is a report only when the sentence also tells
    its casualties; a carried-over subject with a place (``وقامت بقصف … في تعز``) or the abducted
    named (``خطف موظف بريطاني``) is one."""
    if d.type != "ASSAULT":
        return False
    if d.how == "pron":
        return True
    if d.how in ("chain", "prev") and _place_named(s, d):
        return False
    if d.mode == "abduct" and d.recipient_args:
        return False
    if d.how in ("implicit", "nisba", "gen", "chain", "prev"):
        return not context(s, "events.context", "harm", range(d.k, d.m))
    return False


@rule("events.filter.protest_in_passing", "drop")
def protest_in_passing(s: SentenceState, d: Draft) -> bool:
    """A protest told in a statement is an opinion about it; a protest noun named in passing (no
    one organising it, no verb reporting it: ``التظاهرة``) is no report; with no named actor a
    protest needs its crowd in the sentence (``آلاف``، ``أمام``)."""
    if d.type != "PROTEST":
        return False
    if d.quote is not None:
        return True
    if d.cue.pos == "noun" and d.anchor == d.k and d.how in ("implicit", "agent", "chain", "prev", "pron"):
        return True
    if d.cue.pos == "noun" and d.anchor != d.k:
        return False  # اندلعت مظاهرات، نظم مسيرة، قاموا بالاحتجاج: reported by its verb
    if d.cue.pos == "noun" and "det" in hit_roles(s, d):
        return True
    if d.how in ("implicit", "chain", "prev"):
        return not context(s, "events.context", "protest")
    return False


@rule("events.filter.protester", "drop")
def protester(s: SentenceState, d: Draft) -> bool:
    """``خرج``، ``تجمع`` are a protest only when protesters (or a people: ``الفلسطينيين``) do it."""
    if not d.cue.has("protester"):
        return False
    people = ("ين", "ون", "يون")
    return not any(
        (a.agent is not None and "protest" in a.agent.flags)
        or (a.kind == "nisba" and s.doc.body[a.start : a.end].endswith(people))
        for a in d.actor_args
    )


@rule("events.filter.armed_protest", "drop")
def armed_protest(s: SentenceState, d: Draft) -> bool:
    """Police and soldiers do not demonstrate: the protesters are someone else."""
    return d.type == "PROTEST" and any((a.sector or "") in ARMED for a in d.actor_args)


def _protest_word(d: Draft) -> bool:
    return d.type == "PROTEST" and d.cue.lemma.startswith(tuple(raw("events.retype.official_protest", "heads")))


def declared(s: SentenceState, d: Draft) -> bool:
    """A protest announced by a light verb of declaring (``أعلنت المرجعية احتجاجها``)."""
    light = s.view.ti(d.anchor).light if d.anchor != d.k else None
    return light is not None and light[0].declare


@rule("events.filter.declared_protest_unnamed", "drop")
def declared_protest_unnamed(s: SentenceState, d: Draft) -> bool:
    """A protest announced (``أُعلن الاحتجاج``) with no one named who complains is no record."""
    return _protest_word(d) and declared(s, d) and d.implicit is not None


@rule("events.filter.habit", "drop")
def habit(s: SentenceState, d: Draft) -> bool:
    """A material act in the present tense with no named author is a habit, not a report
    (``يقتلون المدنيين``)."""
    hit = d.hit
    return (
        hit is not None
        and d.type in MATERIAL
        and hit.form.tense == "impf"
        and d.how in ("chain", "prev", "implicit", "")
        and not hit.analysis.roles.count("fut")
    )


def pejorative_after(s: SentenceState, m: int) -> bool:
    """A pejorative recipient after the cue (``للإرهابيين``)."""
    v = s.view
    pej = marker("events.retype.pejorative_support", "words")
    j = m
    while j < min(v.hi, m + 6) and not v.is_hard(j):
        if v.ti(j).stems & pej:
            return True
        j += 1
    return False


@rule("events.filter.pejorative_support_unsaid", "drop")
def pejorative_support_unsaid(s: SentenceState, d: Draft) -> bool:
    """Support for terrorists outside a statement, or with no supporter, is no record (in a
    statement it is the speaker's accusation of the supporter)."""
    if d.type not in ("SUPPORT", "AID") or not pejorative_after(s, d.m):
        return False
    q = d.quote
    return q is None or not q.speaker or not d.has_actor


@rule("events.filter.needrec", "drop")
def needrec(s: SentenceState, d: Draft) -> bool:
    """A cue the lexicon marks ``needrec`` is an event only with a recipient (or a measure)."""
    return d.cue.has("needrec") and not (d.has_recipient or d.measure)


@rule("events.filter.weak", "drop")
def weak(s: SentenceState, d: Draft) -> bool:
    """An ambiguous word (``weak``) needs an explicit actor, not a carried or implied one."""
    return d.cue.has("weak") and d.how in ("chain", "prev", "implicit", "")


@rule("events.filter.no_actor", "drop")
def no_actor(s: SentenceState, d: Draft) -> bool:
    """A cue yields an event only with an actor (named, or implied by the event)."""
    return not (d.has_actor or d.implicit)
