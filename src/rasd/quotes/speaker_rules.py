"""Who said it, in the order of the rules of :data:`SPEAKER`: the first that finds a speaker (or
the words naming an unnamed one) decides."""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Span
from rasd.quotes.content import MAX_SOURCE_WORDS
from rasd.quotes.cued import Cued, Speaker
from rasd.quotes.cues import nominal, stem
from rasd.quotes.speakers import (
    adjacent_subject,
    before_relative,
    carried,
    carried_speaker,
    carried_topic,
    definite_subject,
    known_actor,
    source_referent,
    subject_before,
)
from rasd.quotes.state import QuoteState, word_count
from rasd.quotes.words import norm, raw
from rasd.rules import RuleList, rule

_MAX_PERSON_WORDS = 12  # قال رجل كان يقود سيارة خلف الشاحنة إن…
_MAX_DOCUMENT_WORDS = 9  # بيان صادر عن المجلس الوزاري الأمني المصغر


def _circ(c: Cued) -> bool:
    return c.cue.kind == "circ"


def _plain(st: QuoteState, c: Cued) -> bool:
    """No name after the cue, no subject right before it, no relayed source: the speaker is
    found further off."""
    return c.relayed is None and c.after(st)[0] is None and _adjacent(st, c) is None


def _adjacent(st: QuoteState, c: Cued) -> tuple[Actor, Span] | None:
    if c.conj(st) or _circ(c):
        return None
    return adjacent_subject(st, c.cue, norm("quotes.speaker.adjacent_subject", "openers"), loose=c.after(st)[0] is None)


def _previous_unnamed_text(st: QuoteState) -> str | None:
    if st.quotes and st.quotes[-1].speaker is None:
        return st.quotes[-1].speaker_text
    return None


@rule("quotes.speaker.relayed_source", "role")
def relayed_source(st: QuoteState, c: Cued) -> Speaker | None:
    """``ذكر المراسل نقلا عن مصادر مطلعة أن…``: the words are the source's (a name, or the words
    naming it)."""
    if c.relayed is None:
        return None
    src = Span(c.relayed[1], c.relayed[2])
    names = [x for x in st.names.between(src.start, src.end) if x[2].type in ("PER", "ORG")]
    if names and names[0][0] == src.start:
        return Speaker(names[0][2], [], Span(names[0][0], names[0][1]))
    return Speaker(None, [], None, st.body[src.start : src.end])


@rule("quotes.speaker.adjacent_subject", "role", words=("openers",))
def adjacent(st: QuoteState, c: Cued) -> Speaker | None:
    """SVO: a name right before the cue that can only be its subject, after ``إن``/``أن`` (``قال
    الكرملين إن بوتين أبلغ``) or ``عن`` (``نقلت الوكالة عن الوزير قوله``); never for a verb joined
    by و or a circumstantial participle."""
    found = _adjacent(st, c)
    return Speaker(found[0], [], found[1]) if found is not None else None


@rule("quotes.speaker.after_cue", "role")
def after_cue(st: QuoteState, c: Cued) -> Speaker | None:
    """VSO: the name right after the cue (titles and a few words may stand between), with the
    names joined to it by و as co-speakers (``أكد لاريجاني والمقداد``)."""
    actor, co, span = c.after(st)
    return Speaker(actor, co, span) if actor is not None else None


@rule("quotes.speaker.circumstantial", "role")
def circumstantial(st: QuoteState, c: Cued) -> Speaker | None:
    """A circumstantial participle (``مشيراً``) takes the main clause's speaker: of the sentence's
    statement, its subject, or the speaker carried from before; an unnamed source's words carry
    too (``قال مصدر إن…، مضيفا أن…``)."""
    if not (_circ(c) and _plain(st, c)):
        return None
    actor = c.sentence_speaker or subject_before(st, c.sentence, c.cue) or carried(st, c.cue)
    text = _previous_unnamed_text(st) if actor is None else None
    return Speaker(actor, [], None, text) if actor is not None or text else None


def _gap(st: QuoteState, c: Cued) -> tuple[str, bool]:
    """The words between the cue and what was said, without an addressee or a qualifying clause
    and the preposition the cue takes; and whether a qualifying clause was cut."""
    said_to = _before_addressee(st.body[c.cue.end : c.limit(st)])
    qualified = before_relative(said_to) != said_to
    return _strip_preps(before_relative(said_to).strip(" ،,:")), qualified


def _explicit(st: QuoteState, c: Cued) -> str:
    """The gap when it can name a source: short enough for its head noun, no quotation mark."""
    gap, qualified = _gap(st, c)
    first = normalize(gap.split()[0]) if gap.split() else ""
    if first in norm("quotes.speaker", "document_nouns"):
        longest = _MAX_DOCUMENT_WORDS
    elif first in norm("quotes.speaker", "source_nouns"):
        longest = MAX_SOURCE_WORDS
    elif first in norm("quotes.speaker.unnamed_source", "person_nouns"):
        longest = _MAX_PERSON_WORDS
    else:
        longest = 4
    explicit = gap if gap and word_count(gap) <= longest and not any(x in gap for x in "«“\"") else ""
    if qualified and c.conj(st) and subject_before(st, c.sentence, c.cue) is not None:
        # رحبت الدولة… وحذرت الشركات التي…: after a subject named earlier in the sentence, a
        # qualified noun after وحذرت is the verb's object
        return ""
    return explicit


@rule("quotes.speaker.unnamed_subject", "role", words=("auxiliaries",))
def unnamed_subject(st: QuoteState, c: Cued) -> Speaker | None:
    """SVO with an unnamed source as subject (``وكان ناشطون أبلغوا…``، ``مصادر أمنية قالت…``):
    the words from the sentence's start (after كان/قد) to the cue, a source noun and at most two
    qualifiers."""
    if _circ(c) or not _plain(st, c):
        return None
    toks = st.doc.tokens
    cue = c.cue
    k = c.sentence.token_start
    while k < cue.token and toks[k].kind == "ar" and stem(toks[k]) in raw("quotes.speaker.unnamed_subject", "auxiliaries"):
        k += 1
    n = cue.token - k
    if not 1 <= n <= 3 or any(t.kind != "ar" for t in toks[k : cue.token]):
        return None
    sources = norm("quotes.speaker", "source_nouns")
    if stem(toks[k]) not in sources and toks[k].norm not in sources:
        return None
    start = toks[k].start
    for seg in toks[k].segments:
        if seg.role not in ("conj", "prep"):
            start = seg.start
            break
    return Speaker(None, [], None, st.body[start : toks[cue.token - 1].end])


@rule("quotes.speaker.unnamed_source", "role", words=("media", "person_nouns", "object_cues", "adverbial", "trailing_prepositions"))
def unnamed_source(st: QuoteState, c: Cued) -> Speaker | None:
    """A source named by a common noun after the cue (``قال مصدر أمني تركي لبي بي سي``، ``قال
    رجل كان يقود سيارة``), kept as its words; the body it stands for when the text says
    (``بيان صادر عن الحكومة``، ``وقالت الصحيفة``)."""
    if _circ(c) or not _plain(st, c):
        return None
    gap = _explicit(st, c)
    if not gap or _is_adverbial(gap) or stem(st.doc.tokens[c.cue.token]) in norm("quotes.speaker.unnamed_source", "object_cues"):
        return None
    actor, text = source_referent(st, gap, c.cue)
    return Speaker(actor, [], None, text)


def source_before(st: QuoteState, c: Cued) -> str | None:
    """The words between عن/إلى and a nominal cue (قوله): who the words are ascribed to."""
    words = st.body[c.sentence.start : c.cue.start].split()
    for i in range(len(words) - 1, -1, -1):
        if normalize(words[i]) in norm("quotes.speaker.nominal_source", "from"):
            phrase = " ".join(words[i + 1 :])
            return phrase if 0 < len(words) - i - 1 <= MAX_SOURCE_WORDS else None
    return None


@rule("quotes.speaker.nominal_source", "role", words=("from",))
def nominal_source(st: QuoteState, c: Cued) -> Speaker | None:
    """A nominal cue (``قوله``) ascribed by ``عن``/``إلى`` before it (``نسبت الصحيفة إلى أحد
    المصادر قوله``، ``نقلت الإذاعة عن المصادر القول``)."""
    if _circ(c) or not _plain(st, c) or not nominal(st.doc.tokens[c.cue.token]):
        return None
    source = source_before(st, c)
    if not source:
        return None
    actor, text = source_referent(st, source, c.cue)
    return Speaker(actor, [], None, text)


@rule("quotes.speaker.joined_verb", "role")
def joined_verb(st: QuoteState, c: Cued) -> Speaker | None:
    """A cue joined by و after a statement shares that statement's speaker (``قال فلان إن…،
    ووصف الاتهام بأنه…``)."""
    if _circ(c) or not _plain(st, c) or not c.conj(st) or c.sentence_speaker is None:
        return None
    return Speaker(c.sentence_speaker)


@rule("quotes.speaker.subject_before", "role")
def before(st: QuoteState, c: Cued) -> Speaker | None:
    """The actor the sentence is about, named before the cue and agreeing with it in gender
    (``ونفت إسرائيل …، وقالت: …``)."""
    if _circ(c) or not _plain(st, c):
        return None
    actor = subject_before(st, c.sentence, c.cue)
    return Speaker(actor) if actor is not None else None


@rule("quotes.speaker.definite_subject", "role")
def definite(st: QuoteState, c: Cued) -> Speaker | None:
    """``وأصدرت الجبهة بيانا اعتبرت فيه أن…``: the sentence's subject is a common noun standing
    for the body named earlier with that word."""
    if _circ(c) or not _plain(st, c):
        return None
    actor = definite_subject(st, c.sentence, c.cue)
    return Speaker(actor) if actor is not None else None


@rule("quotes.speaker.sentence_speaker", "role")
def of_the_sentence(st: QuoteState, c: Cued) -> Speaker | None:
    """The speaker of an earlier statement of the same sentence."""
    if _circ(c) or not _plain(st, c) or c.sentence_speaker is None:
        return None
    return Speaker(c.sentence_speaker)


@rule("quotes.speaker.carried_topic", "role")
def carried_topic_rule(st: QuoteState, c: Cued) -> Speaker | None:
    """``وقال:`` naming nobody after a sentence about a person (its first person, opening it or
    after its first verb: ``طالب الأمين العام غوتيريش…``): that person, when the gender fits."""
    if _circ(c) or not _plain(st, c):
        return None
    actor = carried_topic(st, c.cue)
    return Speaker(actor) if actor is not None else None


@rule("quotes.speaker.carried", "role")
def carried_forward(st: QuoteState, c: Cued) -> Speaker | None:
    """``وقال:``، ``وأضاف`` naming nobody: the previous statement's speaker when the cue's gender
    fits it (a woman who said قالت is not the speaker of the next قال)."""
    if _circ(c) or not _plain(st, c):
        return None
    actor = carried_speaker(st, c.cue)
    return Speaker(actor) if actor is not None else None


@rule("quotes.speaker.previous_unnamed", "role")
def previous_unnamed(st: QuoteState, c: Cued) -> Speaker | None:
    """``وأشارت …`` after a statement of an unnamed source: the same source."""
    if _circ(c) or not _plain(st, c):
        return None
    text = _previous_unnamed_text(st)
    return Speaker(None, [], None, text) if text else None


SPEAKER = RuleList(
    "quotes.speaker",
    "(state: QuoteState, cued: Cued) -> Speaker | None; the first that fires decides",
    {"role": Speaker},
    (
        relayed_source,
        adjacent,
        after_cue,
        circumstantial,
        unnamed_subject,
        unnamed_source,
        nominal_source,
        joined_verb,
        before,
        definite,
        of_the_sentence,
        carried_topic_rule,
        carried_forward,
        previous_unnamed,
    ),
)


def _before_addressee(gap: str) -> str:
    """``مصدر أمني تركي لبي بي سي``: the words before the one the statement was made to."""
    words = gap.split()
    to_whom = norm("quotes.content", "to_whom")
    media = norm("quotes.speaker.unnamed_source", "media")
    for i, w in enumerate(words):
        rest = normalize(w[1:])
        if w.startswith(("لـ", "لل")) or normalize(w) in to_whom or (w.startswith("ل") and len(w) >= 3 and (rest in media or known_actor(rest))):
            return " ".join(words[:i])
    return gap


def _strip_preps(gap: str) -> str:
    """Drop the preposition a cue takes before أن (أشار إلى أن، شدد على أن)."""
    words = gap.split()
    trailing = raw("quotes.speaker.unnamed_source", "trailing_prepositions")
    while words and words[-1] in trailing:
        words.pop()
    return " ".join(words)


def _is_adverbial(gap: str) -> bool:
    words = [normalize(w) for w in gap.split()]
    return not words or words[0] in norm("quotes.speaker.unnamed_source", "adverbial") or any(w.startswith("ل") and len(w) <= 3 for w in words[:1])
