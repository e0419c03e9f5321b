"""The event coder: cue words → PLOVER events with actors, recipients, place, date and status.

For every sentence, each cue of the lexicon (:mod:`rasd.events.lexicon`) is read as a verb, a
verbal noun or a participle, and its slots are filled by the rules of :mod:`rasd.events.roles`
over the sentence view of :mod:`rasd.events.syntax`. A cue yields an event only with at least one
actor; a noun that merely names an earlier event (``ردا على هذا التفجير``، ``منفذي الهجوم``) or
that no actor governs is a mention, not an event. Inside a statement (``doc.quotes``) a
first-person verb or an evaluative word is the speaker's own act (``نرفض`` said by a Syrian
official → SYR REJECT). Repeated reports of one event are merged into one record that keeps
every evidence span.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.dates import (
    DateMention,
    date_relation,
    date_trigger,
    find_dates,
    is_weekday,
    may_have_date,
)
from rasd.events.agents import ActorFactory
from rasd.events.lexicon import AgentNoun, Cue, Hit, Lexicon, load_lexicon
from rasd.events.ontology import load_ontology
from rasd.events.roles import (
    antecedent,
    between,
    by_phrase,
    clause_initial,
    complement_args,
    coordinated,
    genitive,
    governing_light,
    nisba_after,
    objects_after,
    subject_before,
    thing_adjective,
    verb_subject,
)
from rasd.events.status import event_status
from rasd.events.syntax import AFFILIATION, PREPOSITIONS, Arg, SentenceView, build_view
from rasd.model import Actor, Document, Event, Mention, Quote, Span, Token
from rasd.places import choose_place, place_info

_CUE_LABELS = frozenset({"NISBA", "DEMONYM", "TITLE"})
_NOUN_WINDOW = 8
# stances and appeals: their recipient may be the party named inside their complement
_VERBAL_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "REQUEST", "THREATEN", "AGREE", "CONCEDE"})
_COMP_PRONOUNS = frozenset(
    normalize(c + p) for c in ("أن", "إن", "بأن", "وأن") for p in ("ه", "ها", "هم", "هما")
)
# types whose noun after the ل of purpose is still the clause's act (للاحتجاج، لدعم)
_PURPOSE_TYPES = frozenset({"PROTEST", "SUPPORT", "AID", "REQUEST"})
_PARTICLE_PRONOUNS = frozenset(
    normalize(c + p) for c in ("لكن", "ولكن", "أن", "إن", "بأن", "وأن", "لأن") for p in ("ه", "ها", "هم")
)
# light verbs that follow their noun with a pronoun: هجوم شنته طائرات، عملية نفذها مسلحون
# how an actor was found → confidence
_HOW = {
    "vso": 0.9,
    "svo": 0.85,
    "speaker": 0.8,
    "gen": 0.8,
    "by": 0.85,
    "between": 0.85,
    "light": 0.8,
    "pron": 0.7,
    "nisba": 0.7,
    "agent": 0.65,
    "chain": 0.6,
    "prev": 0.5,
    "implicit": 0.4,
}


@dataclass(slots=True)
class Draft:
    """An event found in one sentence, before its arguments become entity ids."""

    type: str
    mode: str | None
    cue: Cue
    k: int
    m: int
    anchor: int
    how: str
    actor_args: list[Arg] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    recipient_args: list[Arg] = field(default_factory=list)
    recipient_ids: list[str] = field(default_factory=list)
    quote: Quote | None = None
    future_prefix: bool = False
    implicit: str | None = None  # "attack" or "protest": an unidentified actor is implied
    own_country: str | None = None  # the country "بلاده" points to
    how_recipient: str = ""  # "complement" when found inside the complement
    measure: bool = False  # aimed at a law or decree with no author named: the state's
    view: SentenceView | None = None


@dataclass(slots=True)
class _Context:
    """Document-level state carried from sentence to sentence."""

    last_subject: list[str] = field(default_factory=list)


_MONEY = frozenset(
    normalize(w) for w in ("مليون", "مليونا", "ملايين", "مليار", "مليارا", "مليارات", "دولار", "يورو")
)


def _bare(norm: str) -> str:
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 2 else norm


class SentenceCoder:
    """Codes the cues of one sentence."""

    def __init__(self, view: SentenceView, lex: Lexicon, ctx: _Context) -> None:
        """Prepare the coder for ``view``."""
        self.view = view
        self.lex = lex
        self.ctx = ctx
        self.drafts: list[Draft] = []
        self.doc = view.doc
        self._nominal_tokens: set[int] = set()  # tokens read as nouns
        self._prev_subject: list[str] = []  # the last subject of the sentences before

    # ------------------------------------------------------------------ cue readings

    def _next_norm(self, k: int) -> str:
        v = self.view
        j = k + 1
        while j < v.hi and v.ti(j).punct:
            j += 1
        return _bare(v.tok(j).norm) if j < v.hi else ""

    def _match_then(self, k: int, cue: Cue) -> int | None:
        v = self.view
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

    def _verbal_context(self, k: int) -> bool:
        v = self.view
        j = k - 1
        if j < v.lo:
            return True
        pj = v.ti(j)
        if pj.punct or pj.opener:
            return True
        n = _bare(v.tok(j).norm)
        particles = self.lex.marker("negation") | {"قد", "لقد", "كان", "كانت", "سوف", "ثم", "كما"}
        if n in particles:
            return True
        a = v.arg_at.get(j)
        return a is not None and a.prep is None and clause_initial(v, [a], k)

    def _read(self, k: int) -> tuple[Hit, int] | None:
        v = self.view
        ti = v.ti(k)
        nxt = self._next_norm(k)
        in_quote = k in v.quote_at
        cands: list[tuple[Hit, int, int]] = []
        for h in ti.hits:
            cue = h.cue
            if cue.not_next and nxt in cue.not_next:
                continue
            if cue.type == "PROTEST" and h.form.verbal and h.analysis.suffix:
                continue  # تظاهر، تجمع take no object: تجمعهم is "their gathering"
            if cue.has("quote") and not in_quote:
                continue
            if cue.then:
                end = self._match_then(k, cue)
                if end is None:
                    continue
                cands.append((h, end, len(cue.then)))
            else:
                cands.append((h, k + 1, 0))
        if not cands:
            return None
        verbal = self._verbal_context(k)
        if k > v.lo and _bare(v.tok(k - 1).norm) in _NOUN_GOVERNORS:
            # "بعد خطف طائرة": after بعد، إثر، غداة without أن comes a verbal noun, not a verb
            cands = [c for c in cands if not c[0].form.verbal]
            if not cands:
                return None
            verbal = False
        if not verbal and k > v.lo:
            prev = v.ti(k - 1)
            after_verb = prev.verb_like and not prev.hits
            after_prep = _bare(v.tok(k - 1).norm) in PREPOSITIONS
            # "أكد لاريجاني توافق …": after a verb and its subject comes the object, a noun
            a = v.arg_at.get(k - 1)
            after_subject = a is not None and a.t0 > v.lo and v.ti(a.t0 - 1).verb_like
            if after_verb or after_prep or after_subject:
                cands = [c for c in cands if not c[0].form.verbal]
                if not cands:
                    return None
        best = max(cands, key=lambda c: (c[2], c[0].form.verbal == verbal, -c[0].cue.key))
        return best[0], best[1]

    # ------------------------------------------------------------------ pro-drop

    def _speaker(self, q: Quote | None) -> list[str]:
        if q is None or q.speaker is None:
            return []
        return [q.speaker, *[c for c in q.co_speakers if c != q.speaker]]

    def _dropped_subject(self, k: int, person: str) -> tuple[list[Arg], list[str], str]:
        """Actors of a verb with no expressed subject."""
        v = self.view
        q = v.quote_at.get(k)
        if person.startswith("1"):
            ids = self._speaker(q)
            return [], ids, "speaker" if ids else ""
        # "أما إيطاليا فستقدم": the topic after أما is the subject of the verb with ف
        if k - 2 >= v.lo and v.tok(k).norm.startswith("ف"):
            a = v.arg_at.get(k - 1)
            if a is not None and a.t0 - 1 >= v.lo and v.tok(a.t0 - 1).norm == normalize("أما"):
                return [a], [], "svo"
        # "اعترفت إسرائيل أنها نفذت …": the pronoun on أن is the speaker
        if q is not None and q.speaker:
            toks = self.doc.tokens
            first = bisect.bisect_left([t.start for t in toks[v.lo : v.hi]], q.content.start) + v.lo
            if (
                v.lo < first <= k
                and toks[first - 1].norm in _COMP_PRONOUNS
                and not any(v.ti(x).verb_like for x in range(first, k))
            ):
                return [], self._speaker(q), "speaker"
        # "ما يسعى له النظام الإيراني حيث يقوم بدعمهم": after حيث, the party named just before
        if k - 1 > v.lo and _bare(v.tok(k - 1).norm) == _HAYTH:
            a = v.arg_at.get(k - 2)
            if a is not None and a.prep is None and a.can_act and a.kind != "own":
                return coordinated(v, a), [], "chain"
        # the previous verb of the same sentence (ونفت إسرائيل …، واعترضت على …)
        for d in reversed(self.drafts):
            if d.anchor < k and (d.actor_args or d.actor_ids) and d.quote is q:
                return list(d.actor_args), list(d.actor_ids), "chain"
        # "لكنها وافقت": the pronoun on the particle before the verb names the subject
        # (but "أنه قتل" is "that he was killed": a harm verb there is passive)
        harm = any(h.cue.type == "ASSAULT" for h in v.ti(k).hits)
        if k > v.lo and v.tok(k - 1).norm in _PARTICLE_PRONOUNS and not harm:
            pron = "ها" if v.tok(k - 1).norm.endswith("ها") else "ه" if v.tok(k - 1).norm.endswith("ه") else ""
            ante = antecedent(v, k - 1, pron)
            if ante:
                return ante, [], "chain"
        # a verb coordinated after the sentence's first clause shares its subject
        # (وعلق … جون بولتون، على قرار …، وحث موسكو)
        if v.tok(k).has_prefix("conj") and k > v.lo and q is None:
            for a in v.args:
                if a.t0 >= k:
                    break
                if a.prep is None and a.kind in ("person", "org", "country", "capital") and a.t0 - v.lo <= 8:
                    return [a], [], "chain"
        # a statement's speaker whose cue comes before in this sentence
        speaker = self._sentence_speaker(k, q)
        if speaker:
            return [], speaker, "chain"
        # a sentence that opens with the verb continues the previous sentence's subject
        if k == v.lo and q is None and self.ctx.last_subject:
            return [], list(self.ctx.last_subject), "prev"
        return [], [], ""

    # ------------------------------------------------------------------ background

    def _is_mention(self, k: int, hit: Hit, depth: int = 0) -> bool:
        """A noun that names an earlier or generic event rather than reporting one."""
        v = self.view
        bg = self.lex.marker("background")
        dem = self.lex.marker("demonstrative")
        for j in range(max(v.lo, k - 2), k):
            n = _bare(v.tok(j).norm)
            if j == k - 1 and n in _RESULT_VERBS:
                continue  # "أسفر انفجار سيارة مفخخة عن …": the noun is the verb's subject, the cause
            if n in dem or n in bg or v.ti(j).stems & (bg | dem):
                return True  # "لهذا الهجوم" too
        if k + 1 < v.hi and _bare(v.tok(k + 1).norm) in dem:
            return True
        if k + 1 < v.hi and is_weekday(v.tok(k + 1).norm) and not hit.form.verbal:
            return True  # هجوم الجمعة: "Friday's attack" names one already known
        # جرائم الاغتيالات والقتل والخطف: a noun joined by و to a mentioned one is mentioned too
        if v.tok(k).has_prefix("conj") and k - 1 > v.lo and depth < 3:
            before = [h for h in v.ti(k - 1).hits if not h.form.verbal]
            if before and self._is_mention(k - 1, before[0], depth + 1):
                return True
        # "إثر مقتل جنديين في هجوم": the attack in which a mentioned harm happened is mentioned too
        if k - 1 > v.lo and _bare(v.tok(k - 1).norm) in ("في", "خلال") and depth == 0:
            for j in range(max(v.lo, k - 6), k - 1):
                if v.is_hard(j):
                    break
                if any(h.cue.type == hit.cue.type and not h.form.verbal for h in v.ti(j).hits) and self._is_mention(
                    j, hit, 1
                ):
                    return True
        return False

    # ------------------------------------------------------------------ coding

    def run(self) -> list[Draft]:
        """Every event draft of the sentence, in order."""
        v = self.view
        consumed: set[int] = set()
        self._prev_subject = list(self.ctx.last_subject)
        for k in range(v.lo, v.hi):
            if k in consumed or not v.ti(k).hits:
                continue
            inside = v.arg_at.get(k)
            if inside is not None and inside.entity is not None and inside.t1 - inside.t0 > 1:
                continue  # a word of a name (التحالف لدعم الشرعية) is no cue
            reading = self._read(k)
            if reading is None:
                continue
            hit, m = reading
            if not hit.form.verbal:
                self._nominal_tokens.add(k)
            draft = self._code(hit, k, m)
            if draft is None:
                continue
            consumed.update(range(k, m))
            self.drafts.append(draft)
            ids = [a.entity for a in draft.actor_args if a.entity] + draft.actor_ids
            if ids and draft.quote is None:
                self.ctx.last_subject = ids
        for draft in list(self.drafts):
            self.drafts.extend(self._gapped(draft))
        return self.drafts

    def _nisba_pair(self, m: int) -> tuple[Arg, Arg] | None:
        """Two nationality adjectives right after a noun (العلاقات السعودية - الروسية)."""
        v = self.view
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

    def _money_at(self, j: int) -> bool:
        tok = self.view.tok(j)
        stems = [s.norm for s in tok.segments if s.role == "stem"] or [tok.norm]
        return stems[-1] in _MONEY

    def _gapped(self, d: Draft) -> list[Draft]:
        """Parties coordinated after a pledge with their own sums and no verb of their own
        (سيساهم الاتحاد بـ150 مليون، وهولندا بـ300 مليون): each gives its sum."""
        v = self.view
        if d.type != "AID" or not any(self._money_at(x) for x in range(d.k, d.m)):
            return []
        out: list[Draft] = []
        j = d.m
        for a in v.args:
            if a.t0 < d.m:
                continue
            if any(v.ti(x).verb_like or v.is_hard(x) or v.ti(x).opener for x in range(j, a.t0)):
                break
            j = a.t1
            own_prep = a.prep is not None and (a.prep_at is None or a.prep_at >= a.t0 - 1)
            if not a.conj or own_prep or a.kind not in ("country", "org", "capital"):
                continue
            end = next(
                (x + 1 for x in range(a.t1, min(v.hi, a.t1 + 4)) if not v.is_hard(x) and self._money_at(x)),
                None,
            )
            if end is None or any(v.ti(x).verb_like or v.is_hard(x) for x in range(a.t1, end)):
                continue
            out.append(
                Draft(
                    d.type, d.mode, d.cue, a.t1, end, a.t1, "gap",
                    actor_args=[a], recipient_ids=list(d.recipient_ids), quote=d.quote,
                    future_prefix=d.future_prefix, view=v,
                )
            )
            j = end
        givers = [g.actor_args[0] for g in out]
        d.recipient_args = [a for a in d.recipient_args if a not in givers]  # not "for Lebanon and the Netherlands"
        for g in out:
            g.recipient_args = list(d.recipient_args)
        return out

    def _code(self, hit: Hit, k: int, m: int) -> Draft | None:
        cue = hit.cue
        if hit.form.verbal:
            d = self._code_verb(hit, k, m)
        elif cue.pos == "part":
            d = self._code_participle(hit, k, m)
        else:
            d = self._code_noun(hit, k, m)
        if d is None:
            return None
        return self._finish(d, hit)

    def _new(self, hit: Hit, k: int, m: int, anchor: int, how: str) -> Draft:
        cue = hit.cue
        return Draft(
            cue.type,
            cue.mode,
            cue,
            k,
            m,
            anchor,
            how,
            quote=self.view.quote_at.get(k),
            future_prefix="fut" in hit.analysis.roles,
            view=self.view,
        )

    def _code_verb(self, hit: Hit, k: int, m: int) -> Draft | None:
        v = self.view
        cue = hit.cue
        if k > v.lo and v.ti(k - 1).relative:
            return None  # a relative clause qualifies a noun: background, not the sentence's event
        d = self._new(hit, k, m, k, "")
        q = d.quote
        if cue.has("quote"):
            # an evaluative verb in a statement: the speaker accuses its subject (هزموا، شجع)
            subj, _ = verb_subject(v, k, k + 1)
            if not subj or not q or not q.speaker:
                return None
            d.actor_ids, d.how, d.recipient_args = self._speaker(q), "speaker", subj
            return d
        if hit.form.tense == "circ":
            subj = []
            args, ids, how = self._circ_subject(k)
            d.actor_args, d.actor_ids, d.how = args, ids, how
        elif hit.form.person.startswith("1") and q is not None and q.speaker:
            d.actor_ids, d.how = self._speaker(q), "speaker"
            subj = []
        else:
            subj, how = verb_subject(v, k, k + 1, hit.form.gender)
            d.how = how
            if cue.has("thing") and any(a.kind != "agent" for a in subj):
                return None  # انفجرت رايس: a person "exploding" is no bombing
            if cue.type == "ASSAULT" and cue.mode == "kill" and self._killed_in(d, subj):
                return None  # قتل الانتحاري في الحادث: the subject was killed; the attack is the noun
            if cue.has("passive"):
                # اغتيل الرئيس: the subject is the one acted on; the author, if named, after من قبل
                d.recipient_args, subj = subj, by_phrase(v, m)
                d.how = "by" if subj else ""
            elif subj and cue.type == "ASSAULT" and all(a.agent is not None and "victim" in a.agent.flags for a in subj):
                # قتل 15 مدنيا: the victims, with the perpetrator unnamed
                d.recipient_args = subj
                subj = []
                d.how = ""
            if subj:
                d.actor_args = subj
            elif not d.recipient_args:
                args, ids, how = self._dropped_subject(k, hit.form.person)
                d.actor_args, d.actor_ids, d.how = args, ids, how
        start = subj[-1].t1 if d.how == "vso" and subj else (k + 1 if cue.then else m)
        if not d.recipient_args:
            d.recipient_args = objects_after(v, start, cue, cue.type, exclude=subj)
        adjective = all(thing_adjective(v, a, start) for a in d.recipient_args)
        if adjective and (cue.type in _VERBAL_TYPES or cue.type in ("ASSAULT", "COERCE", "SANCTION")):
            comp = [a for a in complement_args(v, start) if a not in subj and a not in d.actor_args]
            if comp and comp != d.recipient_args:
                d.recipient_args = comp
                d.how_recipient = "complement"
        if not (d.actor_args or d.actor_ids) and (cue.has("implicit") or cue.has("passive")):
            self._implicit(d, k, m)
            if d.implicit and d.recipient_args and cue.has("passive"):
                d.how = "suffered"
        return d

    def _sentence_speaker(self, k: int, q: Quote | None) -> list[str]:
        """The speaker of the last statement whose cue comes before ``k`` in this sentence
        (``k`` not inside it)."""
        v = self.view
        at = v.tok(k).start
        found: list[str] = []
        for quote in self.doc.quotes:
            if quote.cue is None or quote.speaker is None or quote is q:
                continue
            if v.sentence.start <= quote.cue.start < at and not (quote.content.start <= at < quote.content.end):
                found = self._speaker(quote)
        return found

    def _circ_subject(self, k: int) -> tuple[list[Arg], list[str], str]:
        """The subject of a circumstantial participle: the speaker or subject of its sentence."""
        v = self.view
        speaker = self._sentence_speaker(k, None)
        if speaker:
            return [], speaker, "chain"
        for d in reversed(self.drafts):
            if d.anchor < k and (d.actor_args or d.actor_ids):
                return list(d.actor_args), list(d.actor_ids), "chain"
        for a in v.args:
            if a.t0 >= k:
                break
            if a.prep is None and a.kind in ("person", "org", "country", "capital"):
                return [a], [], "chain"
        return [], [], ""

    def _implicit(self, d: Draft, k: int, m: int) -> None:
        """An unnamed group in the clause acts, or an unidentified actor is implied."""
        v = self.view
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

    def _code_participle(self, hit: Hit, k: int, m: int) -> Draft | None:
        v = self.view
        cue = hit.cue
        d = self._new(hit, k, m, k, "")
        q = d.quote
        if cue.has("quote") and q is not None and q.speaker:
            d.actor_ids, d.how = self._speaker(q), "speaker"
        else:
            subj = subject_before(v, k)
            if not subj:
                return None
            d.actor_args, d.how = subj, "svo"
        if cue.then:
            nis = nisba_after(v, m)
            d.recipient_args = [nis] if nis else objects_after(v, m, cue, cue.type, exclude=d.actor_args)
        else:
            prev = [a for a in v.args if a.t1 <= k and k - a.t1 <= 3 and a.kind != "place"]
            if prev:
                d.recipient_args = [prev[-1]]
            else:
                d.recipient_args = self._foreign_before(k, q)
        return d

    def _foreign_before(self, k: int, q: Quote | None) -> list[Arg]:
        """The nearest actor-like argument before ``k`` in the sentence (what a stance is about)."""
        speaker_country = self._speaker_country(q)
        for a in reversed(self.view.args):
            if a.t1 > k or not a.can_act or a.kind == "own":
                continue
            if speaker_country and a.country == speaker_country:
                continue
            return [a]
        return []

    def _speaker_country(self, q: Quote | None) -> str | None:
        if q is None or q.speaker is None:
            return None
        e = self.doc.entity(q.speaker)
        return e.country if e else None

    def _content_of_verb(self, k: int) -> bool:
        """Whether the noun at ``k`` is the object of an event verb just before it
        (طالب بوقف إطلاق النار، رحب بتوقيع الاتفاق): the noun is what is demanded, not an event."""
        v = self.view
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
            if _bare(v.tok(j).norm) in _CAUSE_WORDS:
                return False  # قتل ثلاثة في غارة: the noun says how, it is an event
            if any(h.form.verbal for h in ti.hits) and j not in self._nominal_tokens:
                return not any(h.cue.type == "ASSAULT" for h in ti.hits)
            j -= 1
            units += 1
        return False

    def _light_after(self, k: int, m: int) -> list[Arg]:
        """هجوم شنته أربع طائرات: a light verb with a pronoun after the noun names its agent."""
        v = self.view
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

    def _support_from(self, hit: Hit, k: int, m: int) -> Draft | None:
        """بدعم من روسيا: X supports the subject of the clause."""
        v = self.view
        d = self._new(hit, k, m, k, "by")
        start, end = m, min(v.clause_end(k), m + _NOUN_WINDOW)
        d.actor_args = [a for a in v.args if start <= a.t0 < end and a.prep == "من" and a.can_act]
        if not d.actor_args:
            return None
        # the clause's subject: the verb before, its subject
        j = k - 1
        while j >= v.clause_start(k) and not v.ti(j).verb_like:
            j -= 1
        if j >= v.lo and v.ti(j).verb_like:
            subj, _ = verb_subject(v, j, j + 1)
            d.recipient_args = [a for a in subj if a not in d.actor_args]
            d.anchor = j
        else:
            d.recipient_args = subject_before(v, k)
        return d

    def _code_noun(self, hit: Hit, k: int, m: int) -> Draft | None:
        v = self.view
        cue = hit.cue
        q = v.quote_at.get(k)
        support_from = self.lex.marker("support_from")
        if (
            hit.analysis.stem in support_from
            and hit.analysis.prefix.endswith("ب")
            and self._next_norm(k) == "من"
        ):
            return self._support_from(hit, k, m)
        if self._is_mention(k, hit):
            return None
        if self._content_of_verb(k):
            return None
        light = governing_light(v, k, hit)
        existential = k > v.lo and _bare(v.tok(k - 1).norm) in _EXISTENTIAL  # ستكون هناك اتفاقيات
        pair = self._nisba_pair(m) if cue.has("recip") else None  # التعاون الأميركي - التركي
        if cue.has("light") and light is None and not existential and pair is None:
            return None
        d = self._new(hit, k, m, light[0] if light else k, "")
        if existential and k - 2 >= v.lo and _bare(v.tok(k - 2).norm) in _WILL_BE:
            d.future_prefix = True  # ستكون هناك
        evaluative = cue.has("quote")
        agent: list[Arg] = []
        recips: list[Arg] = []
        by = by_phrase(v, m)
        if by:
            agent, d.how = by, "by"
        elif pair is not None:
            d.actor_args, d.recipient_args, d.how = [pair[0]], [pair[1]], "nisba"
            return d
        pron = hit.analysis.suffix
        gen = genitive(v, k + 1) if cue.then else None
        gen = gen or genitive(v, m, k)
        purpose = hit.analysis.prep == "ل"
        if gen is None and cue.has("patient") and m + 2 < v.hi and v.tok(m + 1).norm in AFFILIATION:
            owner = v.arg_at.get(m + 2)
            if owner is not None and owner.prep is None:
                recips = coordinated(v, owner)  # مهاجمة نقطة خاصة بالحوثيين: the owner is hit
        if gen is not None:
            if cue.has("patient") or gen.kind == "place" or pron or purpose:
                recips = coordinated(v, gen)
            elif cue.has("recip") and not agent and self._clause_subject(k):
                # لقاء مسؤولين بريطانيين after "وتزور ماندلكر …": she meets them
                agent, d.how = self._clause_subject(k), "svo"
                recips = coordinated(v, gen)
            elif cue.has("recip") and not agent and q is None and self._sentence_speaker(k, None):
                # "وقالت للصحفيين، قبل لقاء مسؤولين بريطانيين": the one who speaks meets them
                d.actor_ids, d.how = self._sentence_speaker(k, None), "chain"
                recips = coordinated(v, gen)
            elif not agent:
                agent, d.how = coordinated(v, gen), "gen"
        if not agent and cue.has("recip"):
            one, other = between(v, m)
            if one:
                agent, d.how = one, "between"
                recips = recips or other
        if not agent and not d.actor_ids and not (pron and recips):
            nis = nisba_after(v, m, 1 if cue.has("patient") else 4)
            if nis is not None:
                agent, d.how = [nis], "nisba"
            elif cue.has("patient") and not recips:
                nis = nisba_after(v, m)
                if nis is not None:
                    recips = [nis]  # مقتل رضيع فلسطيني: the adjective is the victim's
        if not agent and not evaluative:
            after = self._light_after(k, m)
            if after:
                agent, d.how = after, "light"
        if pron and cue.has("patient") and not recips:
            recips = antecedent(v, k)
            pron = ""
        if light is not None and light[1].declare and cue.type in ("ASSAULT", "COERCE") and cue.has("patient"):
            light = None  # أعلنت الوزارة مقتل X: the one who announces is not the killer
            d.anchor = k
        if not agent and not d.actor_ids and light is not None and not evaluative:
            j, lv = light
            masdar = j > v.lo and _bare(v.tok(j - 1).norm) in _NOUN_GOVERNORS
            if masdar:
                # في ضوء توصل القوى إلى اتفاق: the light word is a verbal noun; its genitive acts
                owner = genitive(v, j + 1)
                subj, how = (coordinated(v, owner), "gen") if owner is not None and owner.can_act else ([], "")
            else:
                subj, how = verb_subject(v, j, j + 1)
            if not subj and not masdar:
                person = v.ti(j).light[1] if v.ti(j).light else "3"  # type: ignore[index]
                args, ids, how = self._dropped_subject(j, person)
                subj = args
                if ids:
                    d.actor_ids = ids
            if lv.role == "patient":
                recips = recips or subj
                if subj:
                    d.how = "suffered"  # تعرضت القافلة لهجوم: the report is about who suffered it
            elif lv.role == "agent":
                agent = subj
                if subj or d.actor_ids:
                    d.how = "light" if how in ("vso", "svo") else how
            if "fut" in (v.ti(j).light[2].roles if v.ti(j).light else ()):  # type: ignore[index]
                d.future_prefix = True
        if not agent and not d.actor_ids and pron and not evaluative:
            if pron == "نا" and q is not None and q.speaker:
                d.actor_ids, d.how = self._speaker(q), "speaker"
            else:
                agent = antecedent(v, k, pron)
                d.how = "pron" if agent else ""
        if evaluative:
            # the speaker accuses the one the evaluative word names (عرقلتها، النظام التركي)
            if q is None or not q.speaker:
                return None
            if pron:
                target = agent or antecedent(v, k, pron)  # وعرقلتها: the one the pronoun names
            else:
                target = agent or recips or objects_after(v, m, cue, cue.type, limit=4)
            if not target and cue.type != "REJECT":
                return None
            d.actor_ids, d.actor_args, d.recipient_args, d.how = self._speaker(q), [], target, "speaker"
            return d
        adverbial = hit.analysis.stem.endswith("ا") and not hit.analysis.prefix and cue.type == "PROTEST"
        if not agent and not d.actor_ids and (adverbial or (purpose and cue.type == "PROTEST")):
            # خرجوا للاحتجاج، أحرق نفسه احتجاجاً: the one who acts in the clause protests
            subj = [a for a in self._clause_subject(k) if (a.sector or "") not in _ARMED and a.sector != "GOV"]
            if subj:
                agent, d.how = subj, "svo"
        if purpose and light is None and cue.type not in _PURPOSE_TYPES:
            return None  # لزيارة عدن، لإطلاق الصواريخ: an aim, not an event
        if not agent and not d.actor_ids and purpose and light is None:
            if not recips:
                return None
            subj = subject_before(v, k) or antecedent(v, k)
            if not subj:
                return None
            agent, d.how = [a for a in subj if a not in recips], "svo"
        if not agent and not d.actor_ids and cue.has("recip") and q is not None and q.speaker:
            # "ستكون هناك اتفاقيات مع روسيا" said by a Saudi minister: his side is the party
            partners = recips or objects_after(v, m, _nominal(cue), cue.type, limit=4)
            own = self._speaker_country(q)
            if partners and own and all(a.country and a.country != own for a in partners):
                d.actor_ids, d.how, recips = self._speaker(q), "speaker", partners
                d.actor_args, d.recipient_args = [], recips
                return d
        if not agent and not d.actor_ids:
            # a definite or plural event noun with no one named is a reference, not a report
            # (الهجوم، الاغتيالات، تفجيرات)
            if ("det" in hit.analysis.roles or hit.form.plural) and not (
                d.how == "suffered" or light is not None or (self._context("harm_context") and self._has_date())
            ):
                return None
            if cue.has("implicit") and not cue.has("weak"):
                d.recipient_args = recips
                suffered = d.how == "suffered"
                self._implicit(d, k, m)
                if suffered and d.implicit:
                    d.how = "suffered"
                if d.actor_args or d.implicit:
                    if not d.recipient_args:
                        d.recipient_args = objects_after(v, m, _nominal(cue), cue.type, exclude=d.actor_args, limit=_NOUN_WINDOW)
                    return d
            return None
        d.actor_args = agent
        if not recips:
            recips = objects_after(v, m, _nominal(cue), cue.type, exclude=agent, limit=_NOUN_WINDOW)
        if not recips and (cue.type in _VERBAL_TYPES or cue.type == "SANCTION"):
            recips = [a for a in complement_args(v, m) if a not in agent]
            d.how_recipient = "complement"
        d.recipient_args = recips
        return d

    # ------------------------------------------------------------------ after roles

    def _verbal_attack(self, d: Draft) -> bool:
        """An attack by a politician or a civilian body, or one qualified as harsh words: criticism."""
        head = d.cue.lemma.split("|")[0].split("/")[0]
        launched = head == "شن" and any(normalize("هجوما") in slot.words for slot in d.cue.then)
        if not d.actor_args or not (head in ("هاجم", "هجوم") or launched):
            return False
        v = self.view
        if d.m < v.hi and v.ti(d.m).stems & self.lex.marker("verbal_attack"):
            return True  # شن هجوماً لاذعاً على
        for a in d.actor_args:
            e = self.doc.entity(a.entity) if a.entity else None
            if e is None or (e.sector or "") in _ARMED or (e.type == "ORG" and (e.sector or "") in ("GOV", "")):
                return False
            if e.type not in ("PER", "ORG"):
                return False
        return all(a.kind in ("person", "org", "country", "capital") for a in d.recipient_args)

    def _attack_in_words(self, d: Draft) -> bool:
        """An attack (هاجم، هجوم، شن هجوماً) made in a report, a statement or a speech (في تقرير)."""
        head = d.cue.lemma.split("|")[0].split("/")[0]
        launched = head == "شن" and any(normalize("هجوما") in slot.words for slot in d.cue.then)
        if not (head in ("هاجم", "هجوم") or launched):
            return False
        v = self.view
        words = self.lex.marker("statement")
        start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
        return any(
            _bare(v.tok(j).norm) == _FI and v.ti(j + 1).stems & words for j in range(start, min(end, v.hi - 1))
        )

    def _killed_in(self, d: Draft, subj: list[Arg]) -> bool:
        """قتل X في الهجوم / بتفجير: a passive killing whose cause is named after it."""
        v = self.view
        j = max(a.t1 for a in subj) if subj and subj[0].t0 > d.k else d.m
        for _ in range(3):  # the victims may come first: قتل ثلاثة في غارة
            while j < v.hi and (v.ti(j).skip or v.is_soft(j)):
                j += 1
            if j >= v.hi:
                return False
            if v.tok(j).norm in _CAUSE_WORDS and j + 1 < v.hi:
                j += 1
            if any(not h.form.verbal and h.cue.type == "ASSAULT" for h in v.ti(j).hits):
                return True
            if j in v.arg_at or v.ti(j).hits or v.ti(j).opener:
                return False
            j += 1
        return False

    def _clause_subject(self, k: int) -> list[Arg]:
        """The subject of the verb before ``k`` in its clause (or the clause's topic)."""
        v = self.view
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

    def _hit_roles(self, d: Draft) -> tuple[str, ...]:
        for h in self.view.ti(d.k).hits:
            if h.cue is d.cue:
                return h.analysis.roles
        return ()

    def _has_date(self) -> bool:
        """Whether the sentence names a date or a day (أمس، الخميس، 12 مايو)."""
        s = self.view.sentence
        return bool(_sentence_dates(self.doc, s.start, s.end, self.doc.article.date, self.doc.sentence_tokens(s)))

    def _is_question(self) -> bool:
        v = self.view
        return v.hi > v.lo and v.ti(v.hi - 1).punct in ("?", "؟")

    def _disaster(self) -> bool:
        return self._context("disaster")

    def _place_named(self, d: Draft) -> bool:
        """Whether the event's clause names a place (a place argument after في/بـ)."""
        v = self.view
        start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
        return any(start <= a.t0 < end and a.kind in ("place", "capital") and a.prep in ("في", "ب") for a in v.args)

    def _context(self, kind: str, skip: range = range(0)) -> bool:
        """Whether the sentence has words of a report context (casualties, crowds), outside ``skip``."""
        words = self.lex.marker(kind)
        return any(self.view.ti(j).stems & words for j in range(self.view.lo, self.view.hi) if j not in skip)

    def _weakly_attested(self, d: Draft) -> bool:
        """A harm or protest named without its author (or only by an adjective or a carried-over
        subject) is a report only when the sentence also tells its casualties or crowds."""
        if d.type == "ASSAULT" and d.how == "pron":
            return True  # هجومه على: an attack named by its author's pronoun is a reference to it
        if d.type == "ASSAULT" and d.how in ("chain", "prev") and self._place_named(d):
            return False  # وقامت بقصف … في تعز: a carried-over subject and a place
        if d.type == "ASSAULT" and d.mode == "abduct" and d.recipient_args:
            return False  # خطف موظف بريطاني: the abducted are the toll
        if d.type == "ASSAULT" and d.how in ("implicit", "nisba", "gen", "chain", "prev"):
            return not self._context("harm_context", range(d.k, d.m))
        if d.type == "PROTEST":
            if d.quote is not None:
                return True  # a protest told in a statement is an opinion about it, not its report
            if d.cue.pos == "noun" and d.anchor == d.k and d.how in ("implicit", "agent", "chain", "prev", "pron"):
                return True  # "مظاهرة" named in passing, no one organising or joining it
            if d.cue.pos == "noun" and d.anchor != d.k:
                return False  # اندلعت مظاهرات، نظم مسيرة، قاموا بالاحتجاج: reported by its verb
            if d.cue.pos == "noun" and "det" in self._hit_roles(d):
                return True  # "التظاهرة": one already told
            if d.how in ("implicit", "chain", "prev"):
                return not self._context("protest_context")
        return False

    def _toll_victims(self, d: Draft) -> list[Arg]:
        """The victims of an attack's toll clause (… مما أدى إلى مقتل رضيع فلسطيني)."""
        v = self.view
        j = d.m
        while j < v.hi and not v.is_hard(j) and not v.ti(j).stems & _RESULT_VERBS:
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

    def _generic_patient(self, d: Draft) -> list[Arg]:
        """اختطاف الدكتور فيصل الزبيدي، اعتقال البائعين: the person acted on, named by a title or a
        common noun the entity layer does not list, as a local civilian group."""
        v = self.view
        j = d.m
        if j >= v.hi or j in v.arg_at:
            return []
        tok = v.tok(j)
        if tok.kind != "ar" or v.ti(j).hits or v.ti(j).opener or v.ti(j).punct:
            return []
        if not (j in v.title_tokens or (tok.norm.startswith("ال") and tok.norm.endswith(("ين", "ون", "ي")))):
            return []
        victims = AgentNoun("مدنيون", "CVL", frozenset({"victim"}))
        return [Arg(j, j + 1, tok.start, tok.end, "agent", None, None, "CVL", agent=victims)]

    def _in_relative_clause(self, d: Draft) -> bool:
        """Whether the event's predicate sits in a relative clause (المخططات التي تستهدف المنطقة)."""
        v = self.view
        start = v.clause_start(d.anchor)
        if not (v.ti(start).relative and start < d.anchor and not (d.how == "light" and d.anchor > d.k)):
            return False
        # a statement opening between the relative pronoun and the event closes the clause
        # ("الزيارة التي يؤدونها بأنها "…" داعين إلى"), and so does a circumstantial participle
        body_start = v.tok(start).start
        anchor_start = v.tok(d.anchor).start
        if any(body_start < q.content.start < anchor_start for q in v.quote_at.values()):
            return False
        return not any(h.form.tense == "circ" for h in v.ti(d.anchor).hits)

    def _finish(self, d: Draft, hit: Hit) -> Draft | None:
        v = self.view
        cue = d.cue
        if self._in_relative_clause(d):
            return None  # a relative clause qualifies a noun: background, not the sentence's report
        if self._is_question():
            return None  # a question reports nothing
        if d.type == "ASSAULT" and d.mode == "sexual" and self._usurped(d):
            return None  # اغتصاب منطقة أبيي، اغتصاب السلطة: land or power usurped, no one assaulted
        if self._in_work_title(d.k):
            return None  # فيلم «اغتيال جيسي جيمس»: the title of a work, not a report
        if d.type in _MATERIAL and self._alleged(d):
            return None  # اتهمت فتح حماس باختطاف …: the act is what the accusation says
        if d.type in ("ASSAULT", "COERCE") and self._tally(d):
            return None  # قتل 76 صحافياً منذ الغزو: a count over a period, not one event
        if d.type == "ASSAULT" and self._disaster():
            return None  # قتل 16 ألفاً في كارثة تسونامي: no one attacked
        if d.type in ("ASSAULT", "COERCE") and cue.has("patient") and not d.recipient_args and not d.recipient_ids:
            d.recipient_args = self._generic_patient(d)
        if d.type == "ASSAULT" and not d.recipient_args and not d.recipient_ids:
            d.recipient_args = self._toll_victims(d)
        # a politician "attacking" someone attacks with words (هاجم ترامب كيري، شن جنبلاط هجوماً على)
        if d.type == "ASSAULT" and cue.mode == "military" and self._attack_in_words(d):
            # شنت اللجنة في تقرير هجوماً على الحكومة: an attack made in a report is criticism
            if not (d.actor_args or d.actor_ids):
                return None
            d.type, d.mode = "ACCUSE", "disapprove"
        if d.type == "ASSAULT" and cue.mode == "military" and self._verbal_attack(d):
            d.type, d.mode = "ACCUSE", "disapprove"
        if self._weakly_attested(d):
            return None
        people = ("ين", "ون", "يون")
        if cue.has("protester") and not any(
            (a.agent is not None and "protest" in a.agent.flags)
            or (a.kind == "nisba" and self.doc.body[a.start : a.end].endswith(people))
            for a in d.actor_args
        ):
            return None  # خرج، تجمع: a protest only when protesters (or a people: الفلسطينيين) do it
        if d.type == "PROTEST" and any((a.sector or "") in _ARMED for a in d.actor_args):
            return None  # police and soldiers do not demonstrate: the protesters are someone else
        if d.type == "PROTEST" and cue.lemma.startswith(("احتج", "احتجاج")):
            # أعلنت المرجعية احتجاجها على: a protest announced is a complaint, not a rally
            light = v.ti(d.anchor).light if d.anchor != d.k else None
            declared = light is not None and light[0].declare
            if declared and d.implicit:
                return None  # no one named complains
            if declared or self._official(d):
                d.type, d.mode = "ACCUSE", "disapprove"  # احتجت مصر رسمياً لدى إيران: a complaint
        # a material act in the present tense with no named author is a habit, not a report
        if d.type in _MATERIAL and hit.form.tense == "impf" and d.how in ("chain", "prev", "implicit", "") and not hit.analysis.roles.count("fut"):
            return None
        # "his country" takes the country of the subject or speaker
        for a in d.actor_args + d.recipient_args:
            if a.kind == "own":
                d.own_country = self._own_country(d)
        # support for terrorists is, in a statement, an accusation of the supporter
        if d.type in ("SUPPORT", "AID") and self._pejorative_after(d.m):
            q = d.quote
            if q is None or not q.speaker or not (d.actor_args or d.actor_ids):
                return None
            d.recipient_args, d.recipient_ids = d.actor_args, list(d.actor_ids)
            d.actor_args, d.actor_ids = [], self._speaker(q)
            d.type, d.mode, d.how = "ACCUSE", "allege", "speaker"
        if (
            d.quote is not None
            and d.how == "speaker"
            and d.type in ("REJECT", "THREATEN", "ACCUSE")
            and not (d.recipient_args or d.recipient_ids)
        ):
            d.recipient_args = self._foreign_before(d.k, d.quote)
            if not d.recipient_args and self._replies(d):
                # لكن دميرتاش رد بالقول إنها "أكاذيب": a reply answers the previous sentence's actor
                d.recipient_ids = [x for x in self._prev_subject if x not in d.actor_ids]
        if d.type in ("REJECT", "ACCUSE", "REQUEST") and not (d.recipient_args or d.recipient_ids):
            end = min(v.hi, d.m + 4)
            d.measure = any(v.ti(j).stems & _LAWS for j in range(d.m, end) if not v.is_hard(j))
        if cue.has("needrec") and not (d.recipient_args or d.recipient_ids or d.measure):
            return None
        if cue.has("weak") and d.how in ("chain", "prev", "implicit", ""):
            return None
        if not (d.actor_args or d.actor_ids or d.implicit):
            return None
        del v
        return d

    def _usurped(self, d: Draft) -> bool:
        """Whether what the verb of rape takes is land, a place or power (usurpation)."""
        v = self.view
        j = d.m
        if j >= v.hi:
            return False
        a = v.arg_at.get(j)
        if a is not None:
            return a.kind in ("place", "capital", "country")
        return bool(v.ti(j).stems & (self.lex.marker("place_head") | _USURPED))

    def _in_work_title(self, k: int) -> bool:
        """Whether token ``k`` is inside quotation marks right after a work's name (فيلم «…»،
        كتاب بعنوان "…")."""
        v = self.view
        heads = self.lex.marker("work_title")
        for j in range(k - 1, max(v.lo, k - 15) - 1, -1):
            p = v.ti(j).punct
            if p in ("»", "”"):
                return False
            if p in ("«", '"', "“"):
                return j > v.lo and bool(v.ti(j - 1).stems & heads)
        return False

    def _replies(self, d: Draft) -> bool:
        """Whether a verb of replying (رد، ردت) comes before the event in its sentence."""
        v = self.view
        words = self.lex.marker("reply")
        return any(v.ti(j).verb_like and v.ti(j).stems & words for j in range(v.lo, min(d.k, d.anchor)))

    def _alleged(self, d: Draft) -> bool:
        """Whether the event stands in the complement of an accusation before it in its sentence
        (اتهمت فتح حماس باختطاف …، متهماً الجيش بأنه نفذ الهجوم، بتهمة قتل …)."""
        v = self.view
        words = self.lex.marker("allege")
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

    def _tally(self, d: Draft) -> bool:
        """Whether the event's clause counts acts over a period: "since" a point (منذ الغزو، منذ
        عام 2004، منذ بداية العام) or "so far" (حتى الآن), or
        an act in the present going on "for months" (يقاتلون منذ شهور)."""
        v = self.view
        start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
        ongoing = any(h.cue is d.cue and h.form.verbal and h.form.tense == "impf" for h in v.ti(d.k).hits)
        for j in range(start, min(end + 1, v.hi - 1)):  # حتى opens a clause of its own
            n = _bare(v.tok(j).norm)
            nxt = v.tok(j + 1)
            if n in _SUPERLATIVES:
                return False  # أكبر عملية منذ مطلع السنة: one event compared with the period
            if n == _SINCE and (nxt.norm.startswith("ال") or nxt.norm in _SINCE_HEADS or _YEAR.match(nxt.norm)):
                return True
            if n == _SINCE and nxt.norm in _PERIODS and ongoing:
                return True  # يقاتل الجنود المتشددين منذ شهور: an ongoing fight, not one event
            if n in _UNTIL and nxt.norm in _NOW:
                return True
        return False

    def _official(self, d: Draft) -> bool:
        """The actors are states or official bodies (not a crowd)."""
        if d.actor_ids:
            ents = [self.doc.entity(x) for x in d.actor_ids]
            return all(e is not None and (e.sector or "") in _OFFICIAL for e in ents)
        return bool(d.actor_args) and all(
            a.kind in ("country", "capital") or (a.kind in ("org", "person") and (a.sector or "") in _OFFICIAL)
            for a in d.actor_args
        )

    def _pejorative_after(self, m: int) -> bool:
        v = self.view
        pej = self.lex.marker("pejorative")
        j = m
        while j < min(v.hi, m + 6) and not v.is_hard(j):
            if v.ti(j).stems & pej:
                return True
            j += 1
        return False

    def _own_country(self, d: Draft) -> str | None:
        for a in d.actor_args:
            if a.kind != "own" and a.country:
                return a.country
        if d.quote is not None:
            return self._speaker_country(d.quote)
        v = self.view
        subj = subject_before(v, d.k) or []
        for a in subj:
            if a.country:
                return a.country
        j = d.k - 1
        while j >= v.lo:
            if v.ti(j).verb_like:
                s, _ = verb_subject(v, j, j + 1)
                for a in s:
                    if a.country and a.kind != "own":
                        return a.country
                break
            j -= 1
        return None


def _nominal(cue: Cue) -> Cue:
    """The cue's frame without the direct object (a noun's genitive is handled apart)."""
    if "obj" not in cue.frame:
        return cue
    return Cue(cue.key, cue.type, cue.mode, cue.pos, cue.lemma, cue.then, cue.frame - {"obj"}, cue.flags, cue.neg_type, cue.not_next)


# ---------------------------------------------------------------------- document level


class DocumentCoder:
    """Codes every sentence of a document and turns the drafts into merged events."""

    def __init__(self, doc: Document, lex: Lexicon | None = None) -> None:
        """Prepare the document's entity mentions and cues."""
        self.doc = doc
        self.lex = lex or load_lexicon()
        self.factory = ActorFactory(doc)
        pairs = [(m, e) for e in doc.entities for m in e.mentions]
        pairs.sort(key=lambda x: x[0].start)
        self._ent = pairs
        self._ent_starts = [m.start for m, _ in pairs]
        cues = sorted((m for m in doc.mentions if m.label in _CUE_LABELS), key=lambda m: m.start)
        self._cues = cues
        self._cue_starts = [m.start for m in cues]
        self.date = doc.article.date
        self.home = _home_country(doc)

    def _slice(self, starts: list[int], a: int, b: int) -> tuple[int, int]:
        return bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)

    def drafts(self) -> list[Draft]:
        """Event drafts of every sentence."""
        ctx = _Context()
        out: list[Draft] = []
        lex = self.lex
        for s in self.doc.sentences:
            if not any(lex.match(t.norm) for t in self.doc.sentence_tokens(s) if t.kind == "ar"):
                continue
            i, j = self._slice(self._ent_starts, s.start, s.end)
            ci, cj = self._slice(self._cue_starts, s.start, s.end)
            quotes = [q for q in self.doc.quotes if q.content.start < s.end and s.start < q.content.end]
            dates = _sentence_dates(self.doc, s.start, s.end, self.date, self.doc.sentence_tokens(s))
            view = build_view(self.doc, s, lex, self._ent[i:j], self._cues[ci:cj], quotes, dates)
            out.extend(SentenceCoder(view, lex, ctx).run())
        return out

    def events(self) -> list[Event]:
        """The document's events, merged, with ids v1, v2, … in text order."""
        records: list[tuple[Event, tuple[frozenset[str], frozenset[str]], Draft]] = []
        for d in self.drafts():
            ev = self._event(d)
            if ev is None:
                continue
            records.append((ev, self._key(ev), d))
        specific = {}
        for ev, _key, _d in records:
            specific[id(ev)] = frozenset(
                a for a in ev.actors if (e := self.doc.entity(a) or self._created(a)) is not None and e.type in ("PER", "ORG")
            )
        merged = _merge(records, specific)
        self.factory.commit()
        for n, ev in enumerate(merged, start=1):
            ev.id = f"v{n}"
        return merged

    # ------------------------------------------------------------------ one event

    def _ids(self, args: list[Arg], d: Draft, place_country: str | None) -> list[str]:
        out: list[str] = []
        for a in args:
            eid: str | None = a.entity
            if eid is None:
                if a.kind == "nisba" and a.country:
                    eid = self.factory.country(a.country, a.start, a.end)
                elif a.kind == "agent" and a.agent is not None:
                    word = self.doc.body[a.start : a.end]
                    construct = word.endswith(("ي", "و")) and a.t1 < len(self.doc.tokens) and (
                        self.doc.tokens[a.t1].norm.startswith("ال")
                    )
                    country = a.country or ActorFactory.local_country(a.agent, place_country, construct)
                    eid = self.factory.group(a.agent, country, a.start, a.end)
                elif a.kind == "own" and d.own_country:
                    eid = self.factory.country(d.own_country, a.start, a.end)
            if eid and eid not in out:
                out.append(eid)
        return out

    def _event(self, d: Draft) -> Event | None:
        view = d.view
        assert view is not None
        body = self.doc.body
        place = self._place(d)
        place_country = (place.country if place is not None else None) or self.home
        actors = self._ids(d.actor_args, d, place_country)
        for i in d.actor_ids:
            if i not in actors:
                actors.append(i)
        # a group on the receiving end with no country belongs where it is (or, for an appeal or
        # repression, to the actor's own country)
        local = place_country
        if local is None and d.type in ("REQUEST", "COERCE"):
            local = next((c for c in (_country(self, a) for a in actors) if c), None)
        own_nisba = {
            a.entity or "" for a in d.recipient_args if a.kind == "nisba" and a.country in {_country(self, x) for x in actors}
        }
        recipient_args = [
            a for a in d.recipient_args if not (a.kind == "nisba" and a.country in {_country(self, x) for x in actors})
        ]
        del own_nisba
        recipients = [r for r in self._ids(recipient_args, d, local) + d.recipient_ids if r not in actors]
        recipients = list(dict.fromkeys(recipients))
        toks = self.doc.tokens
        cue_span = Span(toks[d.k].start, toks[d.m - 1].end)
        if not actors and d.implicit:
            if not recipients and place is None and d.implicit != "protest" and not self._reported(d):
                return None  # "an attack happened", with no one named, nowhere, no toll: not codable
            protest = d.implicit == "protest"
            actors = [self.factory.implicit(protest, place_country if protest else None, cue_span.start, cue_span.end)]
        if not actors:
            return None
        onto = load_ontology()
        etype = onto.types.get(d.type)
        if etype is None:
            return None
        # a reciprocal event named by its parties alone: one side acts, the other receives
        if (etype.reciprocal or d.cue.has("recip")) and not recipients and len(actors) > 1:
            first = self.doc.entity(actors[0]) or self._created(actors[0])
            rest = [a for a in actors[1:] if (self.doc.entity(a) or self._created(a)) and _country(self, a) != (first.country if first else None)]
            if rest:
                recipients = rest
                actors = [a for a in actors if a not in rest]
        # a law or decree rejected or called to be repealed at home is the state's
        if d.measure and not recipients and self.home and actors and all(_country(self, a) == self.home for a in actors):
            home = self.factory.country(self.home, d.view.tok(d.k).start, d.view.tok(d.k).end) if d.view else None
            recipients = [home] if home else []
        # money pledged by a foreign party in an article about one country goes to that country
        if d.type == "AID" and d.mode == "economic" and not recipients and self.home:
            acting = {_country(self, a) for a in actors}
            if None not in acting and self.home not in acting:
                home = self.factory.country(self.home, d.view.tok(d.k).start, d.view.tok(d.k).end) if d.view else None
                recipients = [home] if home else []
        # an attack on a named place: the place is what was hit (قصف … في تعز)
        if (
            d.type == "ASSAULT"
            and d.mode in _STRIKE_MODES
            and not recipients
            and place is not None
            and place.id not in actors
        ):
            recipients = [place.id]
        # a visit or talks in a foreign capital: the host is the recipient
        if d.type == "CONSULT" and not recipients and place is not None:
            info = place_info(place)
            a0 = _country(self, actors[0])
            dual = self.doc.tokens[d.k].norm.endswith("هما")
            if info is not None and (info.capital or info.kind == "country") and place.country and a0 and place.country != a0 and not dual:
                recipients = [place.id]
        # a visit to one's own country is a trip home, not a meeting of two parties
        if d.type == "CONSULT" and d.mode == "visit" and recipients and actors:
            own = {_country(self, a) for a in actors}
            hosts = [self.doc.entity(r) or self._created(r) for r in recipients]
            if all(
                h is not None and (h.kb_id or "") == f"country:{h.country}" and h.country in own for h in hosts
            ):
                return None
        date = self._date(d)
        status = event_status(
            view,
            self.lex,
            d.anchor,
            d.k,
            d.future_prefix,
            date.value if date else None,
            self.date,
        )
        etype_name = d.type
        mode = d.mode
        if status == "negated" and d.cue.neg_type:
            etype_name, mode, status = d.cue.neg_type, None, "asserted"
        if d.cue.has("futonly") and status != "future":
            return None
        if d.cue.has("negonly"):
            if status != "negated":
                return None
            status = "asserted"
        if d.cue.has("quote") and status == "negated":
            status = "asserted"  # لا أساس له من الصحة: the negation is the stance itself
        # inside a statement, a conflict act of the other side is the speaker's accusation
        speaker = self.doc.entity(d.quote.speaker) if d.quote is not None else None
        if (
            d.quote is not None
            and d.how != "speaker"
            and speaker is not None
            and speaker.type in ("PER", "ORG")
            and etype_name in _CONFLICT
        ):
            speaker_country = speaker.country
            acting = {_country(self, a) for a in actors}
            receiving = {_country(self, r) for r in recipients}
            against_speaker = not recipients or speaker_country in receiving
            if speaker_country and acting and None not in acting and speaker_country not in acting and against_speaker:
                recipients = actors
                actors = [speaker.id, *[c for c in d.quote.co_speakers if c != speaker.id]]
                etype_name, mode, status = "ACCUSE", "allege", "asserted"
        if onto.types[etype_name].needs_recipient and not recipients:
            return None
        date_value = date.value if date else None
        if date_relation(date_value, self.date) == "implausible":
            date_value = None  # years before the story: kept as words (date_raw) only
        if date_value is None and date is None and status == "asserted" and self.date:
            date_value = self.date
        evidence = self._evidence(d, cue_span)
        confidence = _HOW.get(d.how, 0.5)
        if d.cue.has("weak"):
            confidence *= 0.85
        if recipients:
            confidence = min(1.0, confidence + 0.05)
        del body
        return Event(
            id="",
            type=etype_name,
            mode=mode if onto.valid_mode(etype_name, mode) else None,
            actors=actors,
            recipients=recipients,
            place=place.id if place is not None else None,
            date=date_value,
            date_raw=date.raw if date else None,
            status=status,
            evidence=[evidence],
            confidence=round(confidence, 3),
            quote=d.quote.id if d.quote is not None else None,
            cue=cue_span,
        )

    def _reported(self, d: Draft) -> bool:
        """A report of a harm: its sentence tells a toll and a day (قتل 15 في اشتباكات أمس)."""
        view = d.view
        assert view is not None
        words = self.lex.marker("harm_context")
        toll = any(view.ti(j).stems & words for j in range(view.lo, view.hi) if not d.k <= j < d.m)
        if toll and self._toll_clause(d):
            return True  # فأطلقت النار باتجاهها ما أدى إلى مقتل شخص: the attack and its toll
        s = view.sentence
        return toll and bool(_sentence_dates(self.doc, s.start, s.end, self.date, self.doc.sentence_tokens(s)))

    def _toll_clause(self, d: Draft) -> bool:
        """Whether a result clause with a harm follows the event (… ما أدى إلى مقتل شخص،
        … أسفر عن إصابة عشرة)."""
        view = d.view
        assert view is not None
        words = self.lex.marker("harm_context")
        j = d.m
        while j < view.hi and not view.is_hard(j) and j - d.m < _NOUN_WINDOW:
            if view.ti(j).stems & _RESULT_VERBS:
                return any(view.ti(x).stems & words for x in range(j + 1, min(view.hi, j + 4)))
            j += 1
        return False

    def _created(self, eid: str) -> Actor | None:
        for a in self.factory.created:
            if a.id == eid:
                return a
        return None

    def _place(self, d: Draft) -> Actor | None:
        view = d.view
        assert view is not None
        start = min(view.clause_start(d.anchor), view.clause_start(d.k))
        end = view.clause_end(d.m - 1)
        cands: list[tuple[int, Actor]] = []
        heads = self.lex.marker("place_head")
        topics = self.lex.marker("topic")
        for a in view.args:
            if not (start <= a.t0 < end) or a.entity is None:
                continue
            if a.kind not in ("place", "capital", "country"):
                continue
            locative = a.prep in ("في", "ب") or (a.prep is None and _bare(view.tok(a.t0).norm).split(" ")[0] in heads)
            if locative and a.t0 - 2 >= view.lo and view.ti(a.t0 - 2).stems & topics:
                continue  # "الأوضاع في سورية": what is discussed, not where
            if a in d.recipient_args and d.type in ("MOBILIZE",) and a.prep == "في":
                locative = True
            if not locative or a in d.actor_args:
                continue
            e = self.doc.entity(a.entity)
            if e is not None:
                cands.append((a.t0, e))
        return choose_place(cands, d.k)

    def _date(self, d: Draft) -> DateMention | None:
        view = d.view
        assert view is not None
        s = view.sentence
        dates = _sentence_dates(self.doc, s.start, s.end, self.date)
        if not dates:
            return None
        toks = self.doc.tokens
        start = toks[min(view.clause_start(d.anchor), view.clause_start(d.k))].start
        end_tok = view.clause_end(d.m - 1)
        end = toks[end_tok - 1].end if end_tok > view.lo else s.end
        inside = [x for x in dates if start <= x.start and x.end <= end]
        if inside:
            cue_at = toks[d.k].start
            return min(inside, key=lambda x: abs(x.start - cue_at))
        return None

    def _evidence(self, d: Draft, cue: Span) -> Span:
        view = d.view
        assert view is not None
        lo, hi = cue.start, cue.end
        s = view.sentence
        for a in d.actor_args + d.recipient_args:
            lo, hi = min(lo, a.start), max(hi, a.end)
        lo, hi = max(lo, s.start), min(hi, s.end)
        if d.anchor != d.k:
            lo = min(lo, self.doc.tokens[d.anchor].start)
        return Span(lo, hi)

    def _key(self, ev: Event) -> tuple[frozenset[str], frozenset[str]]:
        def codes(ids: list[str]) -> frozenset[str]:
            out = set()
            for i in ids:
                c = _country(self, i)
                out.add(c or i)
            return frozenset(out)

        return codes(ev.actors), codes(ev.recipients)


def _home_country(doc: Document) -> str | None:
    """The country the article is about: the most mentioned country or place's country.

    Local groups with no nationality of their own (الشرطة، المتظاهرون، الميليشيا) are taken to
    belong to it when their event names no place.
    """
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.type in ("LOC", "GPE") and e.country:
            counts[e.country] = counts.get(e.country, 0) + len(e.mentions)
    if not counts:
        return None
    best = max(counts.values())
    leaders = [c for c, n in counts.items() if n == best]
    return leaders[0] if len(leaders) == 1 else None


def _country(coder: DocumentCoder, eid: str) -> str | None:
    e = coder.doc.entity(eid) or coder._created(eid)
    return e.country if e is not None else None


_DATE_CACHE: dict[tuple[str, int, str | None], list[DateMention]] = {}


def _sentence_dates(
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


# attacks that hit a place (shelling, air strikes, bombs), unlike an operation conducted there
_STRIKE_MODES = frozenset({"shelling", "aerial", "drone", "explosives", "suicide"})
# "since" a point in time, and "so far": a count over a period
_SINCE = normalize("منذ")
_SINCE_HEADS = frozenset(normalize(w) for w in ("عام", "سنة", "بداية", "مطلع", "بدء", "اندلاع", "انطلاق", "أواخر", "أوائل"))
# plural periods: منذ شهور with a verb in the present is "for months" (with a past verb, "months ago")
_PERIODS = frozenset(normalize(w) for w in ("شهور", "أشهر", "سنوات", "سنين", "أعوام", "أسابيع", "عقود"))
# what is usurped rather than raped (اغتصاب الأرض، اغتصاب السلطة)
_USURPED = frozenset(
    normalize(w) for w in ("أرض", "الأرض", "أراضي", "الأراضي", "سلطة", "السلطة", "الحكم", "حقوق", "الحقوق", "حق", "الحق")
)
_HAYTH = normalize("حيث")
_FI = normalize("في")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SUPERLATIVES = frozenset(
    normalize(w) for w in "أكبر أعنف أول الأول الأولى أسوأ أخطر أدمى أكثر أشد".split()
)
_UNTIL = frozenset(normalize(w) for w in ("حتى", "لحد", "لغاية"))
_NOW = frozenset(normalize(w) for w in ("الآن", "الان", "اليوم"))
# words that govern a noun (a verb after them needs أن: بعد أن خطف)
_NOUN_GOVERNORS = frozenset(
    normalize(w)
    for w in (
        *("بعد", "قبل", "إثر", "اثر", "عقب", "غداة", "جراء", "أثناء", "اثناء", "خلال", "لدى", "بسبب"),
        *("ضوء", "ظل", "أعقاب", "اعقاب"),  # في ضوء توصل القوى إلى اتفاق: "in light of reaching"
    )
)
# how far back (words, a name counting as one) an accusation governs an act: اتهم X بأنه … نفذ
_ALLEGE_WINDOW = 12
_CAUSE_WORDS = frozenset(normalize(w) for w in ("في", "خلال", "جراء", "إثر", "بسبب", "اثر"))
_ARMED = frozenset({"MIL", "REB", "UAF", "COP", "SPY", "CRM"})
# conflict acts that, reported by the other side, are its accusation
_CONFLICT = frozenset({"COERCE", "MOBILIZE", "THREATEN", "SANCTION", "REJECT"})
_RESULT_VERBS = frozenset(normalize(w) for w in ("أدى", "ادى", "أسفر", "اسفر", "أوقع", "اوقع", "خلف"))
_LAWS = frozenset(normalize(w) for w in ("قانون", "قوانين", "مرسوم", "مراسيم", "تشريع", "تشريعات"))
_EXISTENTIAL = frozenset(normalize(w) for w in ("هناك", "هنالك"))
_WILL_BE = frozenset(normalize(w) for w in ("ستكون", "سيكون", "سوف تكون", "سوف يكون", "ستكونان", "سيكونون"))
_OFFICIAL = frozenset({"GOV", "LEG", "JUD", "IGO", "REL"})
_MATERIAL = frozenset({"AID", "COOPERATE", "RETREAT", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"})


def _same_status(a: str, b: str) -> bool:
    """Reports of one event agree on its status; a past report of a present one is the same."""
    return a == b or {a, b} == {"asserted", "historical"}


def _merge(
    records: list[tuple[Event, tuple[frozenset[str], frozenset[str]], Draft]],
    specific: dict[int, frozenset[str]] | None = None,
) -> list[Event]:
    """One record per event: same type, same actors and recipients (by country), same status.

    A report that names no recipient joins one with the same cue word that does (``لدعم
    إيران`` after ``إيران مستمرة في دعمها لسورية``). Reports with different explicit dates or
    places stay apart.
    """
    specific = specific or {}
    out: list[list] = []  # [event, key, lemma]
    for ev, key, d in records:
        target = None
        mine = specific.get(id(ev), frozenset())
        for item in out:
            other, okey, olemma = item
            theirs = specific.get(id(other), frozenset())
            if mine and theirs and set(ev.actors) != set(other.actors):
                continue  # two different persons or bodies: two events (وصل وفد …، زيارة مسؤول …)
            if other.type != ev.type or not _same_status(other.status, ev.status):
                continue
            if ev.date_raw and other.date_raw and ev.date_raw != other.date_raw:
                continue
            if ev.place and other.place and ev.place != other.place:
                continue
            if ev.type in _MATERIAL and ev.place != other.place:
                continue  # a strike told with its place and one told without are two strikes
            reciprocal = ev.type in ("CONSULT", "COOPERATE")
            if reciprocal:
                same = (key[0] | key[1]) == (okey[0] | okey[1])
            else:
                same = (key[0] == okey[0] and bool(key[1] & okey[1])) or key == okey
            partial = (
                not reciprocal
                and key[0] == okey[0]
                and (not key[1] or not okey[1])
                and d.cue.lemma == olemma
                and ev.type not in _MATERIAL  # two strikes or two arrests are two events
            )
            # one meeting is told with many words (مباحثات، لقاء، بحث); statements are separate acts
            one_statement = ev.quote is not None and ev.quote == other.quote
            if (same and (d.cue.lemma == olemma or reciprocal or one_statement)) or partial:
                target = item
                break
        if target is None:
            out.append([ev, key, d.cue.lemma])
            continue
        other, okey, _ = target
        other.evidence.extend(e for e in ev.evidence if e not in other.evidence)
        other.evidence.sort()
        if not okey[1] and key[1]:
            # the report that names the recipient leads
            other.actors, other.recipients = ev.actors, ev.recipients
            other.cue, other.quote = ev.cue, ev.quote
            target[1] = key
        if ev.status == "asserted":
            other.status = "asserted"
        other.place = other.place or ev.place
        other.date_raw = other.date_raw or ev.date_raw
        if ev.date_raw and other.date == other.date_raw:
            other.date = ev.date
        other.confidence = round(1 - (1 - other.confidence) * (1 - ev.confidence * 0.5), 3)
    return [item[0] for item in out]


def code_events(doc: Document) -> list[Event]:
    """The events of an analysed document (which needs tokens, entities and quotes).

    Entities the events need that the actor layer did not list (a country named by an
    adjective, a group named by a common noun, an unidentified attacker) are appended to
    ``doc.entities``.
    """
    return DocumentCoder(doc).events()


__all__ = ["DocumentCoder", "Draft", "SentenceCoder", "code_events"]

# re-exported for tests that build documents by hand
_ = Mention
