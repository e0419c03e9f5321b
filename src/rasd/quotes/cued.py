"""A statement introduced by a reporting cue, rule by rule: whether the cue reports speech
(:data:`CUE`), where what was said starts (:data:`CONTENT`), who said it (:data:`SPEAKER`), and
whether the words found make a statement (:data:`CHECK`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.model import Actor, Dropped, Quote, Sentence, Span
from rasd.quotes.content import complementizer as is_complementizer
from rasd.quotes.content import content_span, content_start, relayed_source, skip_adverbs
from rasd.quotes.cues import Cue, imperfect, stem, weak
from rasd.quotes.speakers import speaker_after
from rasd.quotes.state import QuoteState
from rasd.quotes.words import norm
from rasd.rules import RuleList, rule


class Stop:
    """What a rule returns when it has decided for its list: the rest of the list is skipped."""

    __slots__ = ()


STOP = Stop()


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: the actor (or None), joint speakers, the words naming the speaker."""

    actor: Actor | None
    co: list[Actor] = field(default_factory=list)
    span: Span | None = None
    text: str | None = None


@dataclass
class Cued:
    """A cue and what the rules have found for it so far."""

    sentence: Sentence
    cue: Cue
    next_cue: Cue | None  # the next cue that opens a clause: the statement ends there
    following: Cue | None  # the next cue of the sentence
    sentence_speaker: Actor | None  # the speaker of an earlier statement of the sentence
    via: str | None
    hi_token: int = 0
    relayed: tuple[int, int, int] | None = None
    start: tuple[int, str] | None = None
    rules: list[str] = field(default_factory=list)
    _introduced: tuple[int, str] | bool | None = False
    _after: tuple[Actor | None, list[Actor], Span | None] | None = None

    def introduced(self, st: QuoteState) -> tuple[int, str] | None:
        """Where what was said starts after quotation marks, a complementizer or a colon."""
        if self._introduced is False:
            self._introduced = content_start(st, self.cue, self.hi_token, norm("quotes.content.quotation", "naming_nouns"))
        return self._introduced  # type: ignore[return-value]

    @property
    def limit_token(self) -> int:
        """The token that ends the words where the speaker may stand."""
        assert self.start is not None
        k, how = self.start
        return k if how == "quote" else k - 1

    def limit(self, st: QuoteState) -> int:
        """The offset that ends the words where the speaker may stand."""
        lead = self.limit_token
        return st.doc.tokens[lead].start if lead < len(st.doc.tokens) else self.sentence.end

    def after(self, st: QuoteState) -> tuple[Actor | None, list[Actor], Span | None]:
        """The name right after the cue (computed once)."""
        if self._after is None:
            self._after = speaker_after(st, self.cue, self.limit(st))
        return self._after

    def conj(self, st: QuoteState) -> bool:
        """Whether the cue carries the conjunction و/ف (``وقال``)."""
        tok = st.doc.tokens[self.cue.token]
        return bool(tok.segments) and tok.segments[0].role == "conj"


# ---------------------------------------------------------------------- does the cue report speech


@rule("quotes.filter.inside_quotation", "drop")
def inside_quotation(st: QuoteState, c: Cued) -> bool:
    """A cue inside words already quoted belongs to the quotation."""
    return st.is_covered(c.cue.start)


@rule("quotes.filter.subordinate", "drop", words=("words", "particles"))
def subordinate(st: QuoteState, c: Cued) -> bool:
    """``بعد أن شرح``: a cue in a clause of time is a narrated act, not reported speech."""
    toks = st.doc.tokens
    k = c.cue.token
    prev = [toks[j].norm for j in range(max(0, k - 2), k)]
    return (
        len(prev) == 2
        and prev[0] in norm("quotes.filter.subordinate", "words")
        and prev[1] in norm("quotes.filter.subordinate", "particles")
    )


@rule("quotes.filter.impersonal", "drop", words=("words",))
def impersonal(st: QuoteState, c: Cued) -> bool:
    """``يذكر أن`` opening a sentence is the passive "it is recalled that": the writer's words."""
    return c.cue.token == c.sentence.token_start and st.doc.tokens[c.cue.token].norm in norm("quotes.filter.impersonal", "words")


CUE = RuleList(
    "quotes.cue",
    "(state: QuoteState, cued: Cued) -> bool",
    {"drop": bool},
    (inside_quotation, subordinate, impersonal),
)

# ---------------------------------------------------------------------- where what was said starts


@rule("quotes.content.relayed", "role", words=("heads",))
def relayed(st: QuoteState, c: Cued) -> bool:
    """``ذكر المراسل نقلا عن مصادر مطلعة أن…``: what was said starts after the أن that follows the
    source named after ``نقلا عن``."""
    c.relayed = relayed_source(st, c.cue, c.hi_token, norm("quotes.content.relayed", "heads"))
    if c.relayed is None:
        return False
    c.start = (c.relayed[0], "comp")
    return True


def _introduced_by(st: QuoteState, c: Cued, how: str) -> bool:
    if c.start is not None:
        return False
    found = c.introduced(st)
    if found is None or found[1] != how:
        return False
    c.start = found
    return True


@rule("quotes.content.quotation", "role", words=("naming_nouns",))
def quotation(st: QuoteState, c: Cued) -> bool:
    """What was said is in quotation marks after the cue (``وقال: «…»``، ``إن «…»``), unless the
    marks hold a name, the addressee (``لـ«الشرق الأوسط»``), a title after a naming noun
    (``اجتماع "الشراكة الدولية"``) or a word of the writer's narrative."""
    return _introduced_by(st, c, "quote")


@rule("quotes.content.colon", "role")
def colon(st: QuoteState, c: Cued) -> bool:
    """What was said follows a colon (``وأضاف: …``)."""
    return _introduced_by(st, c, "colon")


@rule("quotes.content.complementizer", "role")
def after_complementizer(st: QuoteState, c: Cued) -> bool:
    """What was said is the clause after ``أن``/``إن`` (``أكد أن``، ``قال إنه``، ``أشار إلى أن``)."""
    return _introduced_by(st, c, "comp")


@rule("quotes.content.noun_phrase", "role", words=("cues", "prepositions", "adverbs"))
def noun_phrase(st: QuoteState, c: Cued) -> bool:
    """A stating cue whose preposition takes the thing stated as a noun phrase, with no أن
    (``شدد على أهمية…``، ``مشيراً إلى تنسيق…``)."""
    if c.start is not None or c.introduced(st) is not None:
        return False
    toks = st.doc.tokens
    cue, hi = c.cue, c.hi_token
    if stem(toks[cue.token]) not in norm("quotes.content.noun_phrase", "cues"):
        return False
    k = cue.last + 1
    spoken = speaker_after(st, cue, toks[min(hi, len(toks)) - 1].end)
    if spoken[2] is not None and spoken[2].start >= toks[k].start and len(st.body[toks[k].start : spoken[2].start].split()) <= 4:
        k = st.token_after(spoken[2].end)
    k = skip_adverbs(st, k, hi, norm("quotes.content.noun_phrase", "adverbs"))
    if k + 1 >= hi or toks[k].kind != "ar" or toks[k].norm not in norm("quotes.content.noun_phrase", "prepositions"):
        return False
    nxt = toks[k + 1]
    if nxt.kind != "ar" or is_complementizer(nxt.norm):
        return False
    c.start = (k + 1, "np")
    return True


@rule("quotes.content.weak_cue_far", "role")
def weak_cue_far(st: QuoteState, c: Cued) -> bool:
    """A cue that is also an ordinary word (``كتب``، ``رد``، ``تابع``) far from the words it
    introduces counts only when a name follows it (``كتب السفير … على تويتر أن…``)."""
    if c.start is None or not weak(st.doc.tokens[c.cue.token]) or c.start[0] - c.cue.last <= 3:
        return False
    if speaker_after(st, c.cue, st.doc.tokens[c.start[0] - 1].start)[0] is not None:
        return False
    c.start = None
    return True


@rule("quotes.content.reiterated", "role", words=("on",))
def reiterated(st: QuoteState, c: Cued) -> bool:
    """``جدد التأكيد على`` + a noun phrase reports a statement even without أن."""
    if c.start is not None or c.cue.kind != "reiterate":
        return False
    toks = st.doc.tokens
    k = c.cue.last + 1
    on = norm("quotes.content.reiterated", "on")
    while k < c.hi_token and toks[k].kind == "ar" and toks[k].norm not in on:
        k += 1
    if k >= c.hi_token:
        return False
    c.start = (k + 1, "np")
    return True


@rule("quotes.filter.no_content", "drop")
def no_content(st: QuoteState, c: Cued) -> bool:
    """A cue with no words it introduces in its sentence reports nothing."""
    return c.start is None or c.start[0] >= c.sentence.token_end


CONTENT = RuleList(
    "quotes.content",
    "(state: QuoteState, cued: Cued) -> bool; each sets where what was said starts",
    {"role": bool, "drop": bool},
    (relayed, quotation, colon, after_complementizer, noun_phrase, weak_cue_far, reiterated, no_content),
)

# ---------------------------------------------------------------------- whether it is a statement


@rule("quotes.filter.too_short", "drop")
def too_short(st: QuoteState, c: Cued, content: tuple[int, int, str]) -> bool:
    """Fewer than three characters said is no statement."""
    return content[1] - content[0] < 3


@rule("quotes.filter.nested_cue", "drop")
def nested_cue(st: QuoteState, c: Cued, content: tuple[int, int, str]) -> bool:
    """``قال الكرملين إن بوتين أبلغ…``: when the clause is only a name before the next cue, the
    statement is the next cue's (but in ``أكد الوزير أن الشعب يعتبر أن…`` the speaker states what
    others hold)."""
    start, end, kind = content
    f = c.following
    return (
        kind in ("indirect", "mixed")
        and f is not None
        and start < f.start <= end
        and st.only_a_name(start, f.start)
        and not imperfect(f, st.doc.tokens[f.token])
    )


@rule("quotes.filter.same_clause", "drop")
def same_clause(st: QuoteState, c: Cued, content: tuple[int, int, str]) -> bool:
    """Two cues of one clause (``لم يذكر … التي قال إنها …``) report one statement."""
    return any(q.content.start == content[0] and q.content.end == content[1] for q in st.quotes)


CHECK = RuleList(
    "quotes.check",
    "(state: QuoteState, cued: Cued, content: (start, end, kind)) -> bool",
    {"drop": bool},
    (too_short, nested_cue, same_clause),
)


def cued_statement(st: QuoteState, c: Cued) -> Quote | None:
    """The statement a cue introduces, or None (the dropping rule goes to the trace)."""
    from rasd.quotes.constructions import POSTPOSED
    from rasd.quotes.speaker_rules import SPEAKER

    c.hi_token = c.next_cue.token if c.next_cue is not None else c.sentence.token_end
    for r, _ in CUE.fire(st, c):
        _drop(st, c, r.id)
        return None
    for r, out in POSTPOSED.fire(st, c):
        if r.effect == "drop":
            _drop(st, c, r.id)
            return None
        return out
    for r, _ in CONTENT.fire(st, c):
        c.rules.append(r.id)
        if r.effect == "drop":
            _drop(st, c, r.id)
            return None
    speaker = Speaker(None)
    for r, found in SPEAKER.fire(st, c):
        c.rules.append(r.id)
        speaker = found
        break
    assert c.start is not None
    k, how = c.start
    content = content_span(st, c.sentence, k, how, c.next_cue)
    if content is None:
        _drop(st, c, "quotes.filter.no_content")
        return None
    for r, _ in CHECK.fire(st, c, content):
        _drop(st, c, r.id)
        return None
    actor, span = speaker.actor, speaker.span
    text = speaker.text or (st.body[span.start : span.end] if span else (actor.name if actor else None))
    q = st.add(
        Span(content[0], content[1]),
        content[2],
        speaker=actor,
        speaker_text=text,
        speaker_span=span,
        cue=Span(c.cue.start, c.cue.end),
        via=c.via,
        co_speakers=[a.id for a in speaker.co],
        stance=c.cue.stance,
        rules=c.rules,
    )
    if actor is not None:
        st.last_speaker = actor
        st.last_speaker_at = content[1]
        if span is not None and actor.type == "PER" and c.cue.gender in ("m", "f"):
            st.genders.setdefault(actor.id, c.cue.gender)
    return q


def _drop(st: QuoteState, c: Cued, rule_id: str) -> None:
    before = tuple(x for x in c.rules if x != rule_id)
    st.dropped.append(Dropped(rule_id, c.cue.start, c.cue.end, "quote", before))

