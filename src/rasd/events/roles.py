"""Who did what to whom: actor and recipient slots from Arabic word order and prepositions.

The rules, in the order the coder applies them:

* a finite verb takes its subject after it (VSO: ``وأجرى المقداد``), or before it when the clause
  opens with the subject (SVO: ``وطهران ستدعم دمشق``، ``أن سورية تدعم``); with neither, the
  subject is dropped and comes from the sentence (the previous verb's subject, the speaker of a
  statement for a first-person verb: ``نرفض``);
* its recipient is the first argument after it that the cue's frame allows: the direct object
  or its genitive (``تدعم وحدة وسيادة العراق``), or an argument introduced by one of the cue's
  prepositions (``رحب بـ``، ``اعترض على``), also inside a relative clause that qualifies the object
  (``نرفض الإجراءات التي اتخذتها تركيا``);
* a verbal noun takes its agent from a ``من قبل``/``على يد`` phrase, from its genitive
  (``دعم سورية لموقف إيران``), from a nisba adjective (``غارة إسرائيلية``), from an attached
  pronoun's antecedent (``دعمها``), or from the light verb that governs it (``أجرى المقداد
  مباحثات``); its recipient from its prepositional complement (``لـموقف إيران``) or, for a noun of
  harm, from its genitive (``قصف المدينة``);
* arguments are taken with the arguments coordinated with them (``لسورية ومحور المقاومة``).
"""

from __future__ import annotations

from collections.abc import Iterable

from rasd.arabic.normalize import normalize
from rasd.events.governor import quantity
from rasd.events.lexicon import Cue, Hit, Light
from rasd.events.view import Arg, SentenceView
from rasd.events.words import norm, raw

# a few tokens of the subject noun phrase may stand between a verb and a named subject
_MAX_SUBJECT_GAP = 4
_MAX_OBJECT_GAP = 12
_MAX_LIGHT_GAP = 10
_PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION"})


def coordinated(view: SentenceView, first: Arg) -> list[Arg]:
    """``first`` and the arguments joined to it by و (``لاريجاني والمقداد``)."""
    group = [first]
    i = view.args.index(first)
    last = first
    for a in view.args[i + 1 :]:
        if not a.conj or a.t0 - last.t1 > 2:
            break
        gap = range(last.t1, a.t0)
        if any(view.ti(k).verb_like or view.is_hard(k) or view.ti(k).opener for k in gap):
            break
        if a.prep != first.prep and a.prep is not None:
            break
        group.append(a)
        last = a
    return group


def _title_or_skip(view: SentenceView, k: int) -> bool:
    ti = view.ti(k)
    return ti.skip or k in view.title_tokens or view.is_soft(k)


def _bare_quantity(word: str) -> bool:
    q = quantity()
    return word in q or (word[:1] == "و" and word[1:] in q)


def subject_after(view: SentenceView, end: int, gender: str = "") -> list[Arg]:
    """The subject of a verb ending at token ``end - 1``, when it follows the verb (VSO).

    A named subject that does not agree with the verb's gender is its object instead
    (``وحث موسكو``: he urged Moscow).
    """
    j = end
    nominal = 0
    counted = False  # every word between the verb and here is a count (عشرات، آلاف)
    while j < view.hi:
        if view.is_hard(j) or view.ti(j).opener:
            return []
        a = view.arg_at.get(j)
        if a is not None:
            if a.kind != "person" and a.t0 - 1 in view.title_tokens:
                # "رئيس الحزب التقدمي النائب وليد جنبلاط": the body belongs to the person's title
                x = a.t1
                while x < view.hi and x in view.title_tokens:
                    x += 1
                person = view.arg_at.get(x)
                if person is not None and person.kind == "person" and person.prep is None:
                    j = x
                    continue
            if a.prep is None and a.can_act:
                if nominal == 0 and not agrees(gender, a):
                    return []
                if nominal and a.kind == "nisba" and (j - 1) not in view.title_tokens and not counted:
                    return []  # وتدعم القضية الفلسطينية: the adjective qualifies the object
                return coordinated(view, a)
            if a.prep == "ل" and (j in view.title_tokens or nominal or a.via_head):
                # "الأمين العام للأمم المتحدة أنطونيو غوتيريش": part of the subject's title
                j = a.t1
                continue
            return []
        if _title_or_skip(view, j):
            j += 1
            continue
        ti = view.ti(j)
        if ti.verb_like or ti.hits:
            return []
        tok = view.tok(j)
        if tok.kind == "ar" and tok.has_prefix("prep"):
            return []
        # "تجمع عشرات الفلسطينيين": after a count only, a people's name is the subject
        counted = (nominal == 0 or counted) and _bare_quantity(tok.norm)
        nominal += 1
        if nominal > _MAX_SUBJECT_GAP:
            return []
        j += 1
    return []


def subject_before(view: SentenceView, k: int) -> list[Arg]:
    """The subject of a verb at token ``k`` when it precedes the verb in its clause (SVO)."""
    start = view.clause_start(k)
    best: Arg | None = None
    for a in view.args:
        if a.t1 > k:
            break
        if a.t0 < start or a.prep is not None or not a.can_act:
            continue
        if any(view.ti(j).verb_like for j in range(a.t1, k)):
            continue
        best = a
    if best is None or _describes_noun_before(view, best.t1, k):
        return []
    # take the whole coordination the subject ends (إيران وتركيا)
    first = best
    i = view.args.index(best)
    while i > 0:
        prev = view.args[i - 1]
        if best.conj and prev.prep is None and prev.t0 >= start and best.t0 - prev.t1 <= 2:
            first, best, i = prev, prev, i - 1
            continue
        break
    return coordinated(view, first)


def _describes_noun_before(view: SentenceView, after: int, k: int) -> bool:
    """Whether the imperfect verb at ``k`` qualifies the indefinite noun just before it (لجنة
    تحقيق برلمانية تتعاون …: "a committee that cooperates"), a subject named earlier being no
    subject of it."""
    j = k - 1
    if j <= after or j in view.arg_at:  # right after the subject: its genitive (قوات مناوي تتعدى)
        return False
    ti, tok = view.ti(j), view.tok(j)
    if tok.kind != "ar" or ti.punct or ti.opener or ti.skip or ti.hits or ti.light or ti.verb_like:
        return False
    if tok.norm.startswith("ال") or any(s.role != "stem" for s in tok.segments):
        return False
    if tok.norm in norm("events.roles", "aux") or tok.norm in norm("events.roles", "particles") or len(tok.norm) < 3:
        return False
    return any(h.form.verbal and h.form.tense == "impf" for h in view.ti(k).hits)


def clause_initial(view: SentenceView, args: list[Arg], k: int) -> bool:
    """Whether the arguments open the clause of token ``k`` (a topic before its verb)."""
    if not args:
        return False
    start = view.clause_start(k)
    aux = norm("events.roles", "aux")
    j = start
    while j < args[0].t0 and (
        view.ti(j).opener or _title_or_skip(view, j) or view.ti(j).punct or view.tok(j).norm in aux
    ):
        j += 1
    return j >= args[0].t0


def agrees(gender: str, a: Arg) -> bool:
    """Whether a singular verb's gender allows this argument as its subject.

    Countries and capitals are feminine in Arabic (حثّت موسكو، not حثّ موسكو), except a few
    masculine country names; persons and organizations are not checked.
    """
    if not gender or a.kind not in ("country", "capital"):
        return True
    # countries whose Arabic name is grammatically masculine (العراق، لبنان، الأردن…)
    masculine = a.country in raw("events.roles", "masculine_countries") and a.kind == "country"
    return (gender == "m") == masculine


def verb_subject(view: SentenceView, k: int, end: int, gender: str = "") -> tuple[list[Arg], str]:
    """Subject of the verb at ``k`` (ending before ``end``) and how it was found (vso, svo or '')."""
    before = subject_before(view, k)
    if before and clause_initial(view, before, k):
        return before, "svo"
    after = subject_after(view, end, gender)
    if after:
        return after, "vso"
    if before:
        return before, "svo"
    return [], ""


_GROUP_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "SANCTION"})


_LOCAL = frozenset({"CVL", "LAB", "EDU", "JRN", "REF", "OPP"})


def _accepts(cue: Cue, a: Arg, etype: str) -> bool:
    if a.agent is not None and "weapon" in a.agent.flags:
        return False  # فجر انتحاري سيارة مفخخة: the car bomb is the means, not the target
    if a.kind == "agent" and not a.country and etype not in _GROUP_TARGET_TYPES and a.sector not in _LOCAL:
        return False
    if a.kind == "place":
        if etype not in _PLACE_TARGET_TYPES and not (etype == "CONSULT" and cue.mode == "visit"):
            return False
        if a.prep in ("في", "ب") and etype not in ("MOBILIZE",):
            return False
    if a.prep is None:
        return "obj" in cue.frame
    if a.prep == "by":
        return False
    return a.prep in cue.frame


def objects_after(
    view: SentenceView, start: int, cue: Cue, etype: str, exclude: Iterable[Arg] = (), limit: int = _MAX_OBJECT_GAP
) -> list[Arg]:
    """The first argument after ``start`` that the cue's frame accepts, with its coordination.

    The search stops at strong punctuation, a subordinator (but not a relative pronoun, whose
    clause qualifies the object) and another verb.
    """
    skip = {id(a) for a in exclude}
    j = start
    steps = 0
    fallback: list[Arg] = []  # a nationality adjective, taken when no party is named after it
    while j < view.hi and steps <= limit:
        if view.is_hard(j):
            break
        ti = view.ti(j)
        if ti.opener and not ti.relative and j > start:
            break
        a = view.arg_at.get(j)
        if a is not None:
            # "رئيس البنك الدولي": a body named in a title is the title's, not the object
            in_title = a.kind != "person" and (
                a.t0 - 1 in view.title_tokens or (a.t0 - 2 in view.title_tokens and a.prep is None)
            )
            if id(a) not in skip and _accepts(cue, a, etype) and not in_title:
                if not thing_adjective(view, a, start):
                    return coordinated(view, a)
                fallback = fallback or coordinated(view, a)
            j = a.t1
            steps += 1
            continue
        # another verb: its own clause (a relative clause's verb is allowed)
        if (
            j > start
            and ti.verb_like
            and not any(h.form.verbal is False for h in ti.hits)
            and not _inside_relative(view, start, j)
        ):
            break
        j += 1
        steps += 1
    return fallback


def thing_adjective(view: SentenceView, a: Arg, start: int) -> bool:
    """A nationality adjective of a thing further on (تخفيف العقوبات الأميركية), not a party
    (الأميركيين) nor the object itself right after the cue."""
    return (
        a.kind == "nisba"
        and a.prep is None
        and a.t0 > start + 1
        and not view.doc.body[a.start : a.end].endswith(("ين", "ون"))
    )


def _inside_relative(view: SentenceView, start: int, j: int) -> bool:
    return any(view.ti(x).relative for x in range(start, j))


def by_phrase(view: SentenceView, end: int, limit: int = 8) -> list[Arg]:
    """An agent introduced by من قبل / على يد / برصاص after token ``end``."""
    for a in view.args:
        if a.t0 < end:
            continue
        if a.t0 - end > limit:
            break
        if a.prep == "by":
            return coordinated(view, a)
    return []


def genitive(view: SentenceView, end: int, cue_start: int | None = None) -> Arg | None:
    """The argument a noun ending before ``end`` is in construct with (دعم سورية، زيارة مسؤول سعودي).

    With ``cue_start``, a preposition inside a multi-word cue (… تقع على عاتق الجيش) does not
    count as governing the argument.
    """
    j = end
    for _ in range(2):
        if j >= view.hi:
            return None
        a = view.arg_at.get(j)
        if a is not None:
            inside = cue_start is not None and a.prep_at is not None and cue_start <= a.prep_at < end
            return a if (a.prep is None and not a.via_head) or inside else None
        tok = view.tok(j)
        ti = view.ti(j)
        if ti.punct or ti.opener or ti.verb_like or tok.kind != "ar" or tok.has_prefix("prep") or tok.has_prefix("conj"):
            return None
        # one adjective may come between (الإجراءات التركية comes as a nisba argument anyway)
        if not tok.norm.startswith("ال"):
            return None
        j += 1
    return None


def nisba_after(view: SentenceView, end: int, limit: int = 4) -> Arg | None:
    """A nisba adjective qualifying the noun phrase that ends before ``end`` (غارة جوية إسرائيلية).

    With ``limit=1`` only an adjective right after the noun counts (قصف إسرائيلي; in مقتل رضيع
    فلسطيني the adjective is the victim's).
    """
    j = end
    while j < view.hi and j - end < limit:
        a = view.arg_at.get(j)
        if a is not None:
            return a if a.kind == "nisba" and a.prep is None else None
        tok = view.tok(j)
        ti = view.ti(j)
        if ti.punct or ti.opener or ti.verb_like or tok.kind != "ar" or tok.has_prefix("prep"):
            return None
        j += 1
    return None


def antecedent(view: SentenceView, k: int, pronoun: str = "") -> list[Arg]:
    """What an attached pronoun on token ``k`` refers to: the nearest named actor before it
    (a group named by a common noun only when no name comes before). A feminine pronoun (ها)
    skips persons; a masculine one (ه) skips feminine country names."""
    start = view.clause_start(k)
    for named in (True, False):
        for lo in (start, view.lo):
            for a in reversed(view.args):
                if a.t1 > k or a.t0 < lo:
                    continue
                if named and a.kind in ("agent", "nisba"):
                    continue
                if pronoun == "ها" and a.kind == "person":
                    continue
                if pronoun == "ه" and not agrees("m", a):
                    continue
                if a.prep is None and a.can_act and a.kind != "own":
                    return [a]
    return []


def governing_light(view: SentenceView, k: int, hit: Hit) -> tuple[int, Light] | None:
    """A light verb before the noun at ``k`` that lends it its subject (أجرى … مباحثات)."""
    start = view.clause_start(k)
    tok = view.tok(k)
    j = k - 1
    while j >= max(start, k - _MAX_LIGHT_GAP):
        ti = view.ti(j)
        if view.is_hard(j):
            return None
        if j in view.arg_at:  # a name that reads like a verb (فتح) is a name here
            j = view.arg_at[j].t0 - 1
            continue
        if ti.light is not None:
            light = ti.light[0]
            if not light.harm and hit.cue.type == "ASSAULT":
                return None  # حضر، أرسل، فتح تحقيقاً: not the verb of an attack
            if light.particle:
                # the particle sits on the noun (قام بزيارة) or just before it (أعرب عن قلقه)
                prev = view.tok(k - 1).norm if k - 1 > j else ""
                particle_ok = prev == light.particle or (
                    len(light.particle) == 1 and tok.has_prefix("prep") and hit.analysis.prep == light.particle
                )
                if not particle_ok:
                    return None
            return j, light
        if ti.verb_like and any(h.form.verbal for h in ti.hits):
            return None
        if ti.opener and not ti.relative:
            return None
        j -= 1
    return None


def between(view: SentenceView, start: int, limit: int = 6) -> tuple[list[Arg], list[Arg]]:
    """The two sides of "بين X و Y" after ``start`` (اشتباكات بين الحوثيين والمقاومة)."""
    for a in view.args:
        if a.t0 < start or a.t0 - start > limit:
            continue
        if a.prep == normalize("بين"):
            group = coordinated(view, a)
            if len(group) > 1:
                return [group[0]], group[1:]
            # "بين X وY" where Y is a plain noun phrase: one side only
            return [group[0]], []
    return [], []


def complement_args(view: SentenceView, start: int, limit: int = 7) -> list[Arg]:
    """The first actor-like argument inside the complement that follows ``start``
    (اعترضت على تسليم المنظومة الروسية → the Russian side), stopping at the clause's end."""
    j = start
    fallback: list[Arg] = []  # a nationality adjective, taken when no party is named after it
    while j < view.hi and j - start <= limit:
        ti = view.ti(j)
        if view.is_hard(j) or (ti.opener and not ti.relative):
            return fallback
        a = view.arg_at.get(j)
        if a is not None:
            in_title = a.kind != "person" and a.t0 - 1 in view.title_tokens
            if a.kind in ("place",) or a.prep in ("في", "by") or (a.kind == "agent" and not a.country) or in_title:
                j = a.t1
                continue
            if thing_adjective(view, a, start):
                fallback = fallback or coordinated(view, a)
                j = a.t1
                continue
            return coordinated(view, a)
        # another event verb, or a verb of saying (، وصرح مسؤول): a clause of its own
        if j > start and ti.verb_like and (any(h.form.verbal for h in ti.hits) or not (ti.hits or ti.light)):
            return fallback
        j += 1
    return fallback


def first_args(view: SentenceView, kinds: tuple[str, ...], start: int, end: int) -> list[Arg]:
    """Arguments of the given kinds within ``[start, end)``."""
    return [a for a in view.args if start <= a.t0 < end and a.kind in kinds]
