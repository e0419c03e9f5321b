"""Statements not introduced by a cue before them: postposed (``…، كما قال المرصد``), ascribed by
a phrase (``وبحسب صالح، …``، ``"…" حسب الوزير``), continued (``وأن الجانبين اتفقا…``), or a long
quotation with no cue (:data:`SENTENCE`); and the person a sentence is about, for the next
``وقال`` (:func:`note_topic`)."""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Quote, Sentence, Span
from rasd.quotes.content import MAX_SOURCE_WORDS, MIN_STATEMENT_WORDS
from rasd.quotes.cued import Cued
from rasd.quotes.cues import stem
from rasd.quotes.speakers import speaker_after
from rasd.quotes.state import QuoteState, word_count
from rasd.quotes.words import norm, raw
from rasd.rules import RuleList, rule

_MIN_UNCUED_WORDS = 8


def _postposed_end(st: QuoteState, c: Cued) -> int | None:
    """``…، كما قال المرصد``: the cue follows the words it reports; their end."""
    toks = st.doc.tokens
    k = c.cue.token
    if k >= 3 and toks[k - 1].norm == "ما" and toks[k - 2].norm in norm("quotes.construction.postposed", "heads"):
        k -= 1  # وفق ما أعلن، بحسب ما قال
    elif k < 2 or toks[k - 1].norm not in norm("quotes.construction.postposed", "as"):
        return None
    comma = toks[k - 2]
    if comma.kind != "punct" or comma.norm not in ("،", ","):
        return None
    return comma.start


def _postposed(st: QuoteState, c: Cued) -> tuple[int, int, Actor | None, list[Actor], Span | None, str | None] | None:
    end = _postposed_end(st, c)
    if end is None:
        return None
    sentence = c.sentence
    toks = st.doc.tokens
    speaker, co, span = speaker_after(st, c.cue, sentence.end)
    start = sentence.start
    first = toks[sentence.token_start]
    if first.segments and first.segments[0].role == "conj":
        start = first.segments[1].start if len(first.segments) > 1 else start
    text = None
    if speaker is None:
        # بحسب ما قاله مسؤولون: an unnamed source after the cue
        rest = st.body[c.cue.end : sentence.end].strip(" .،")
        if not rest or word_count(rest) > MAX_SOURCE_WORDS or any(x in rest for x in "«\"،"):
            text = ""
        else:
            text = rest
    return start, end, speaker, co, span, text


@rule("quotes.filter.postposed_unsaid", "drop")
def postposed_unsaid(st: QuoteState, c: Cued) -> bool:
    """A postposed cue after too few words, or naming no one (or a long phrase) after it."""
    found = _postposed(st, c)
    if found is None:
        return False
    start, end, speaker, _co, _span, text = found
    return end - start < 10 or (speaker is None and not text)


@rule("quotes.construction.postposed", "role", words=("heads", "as"))
def postposed(st: QuoteState, c: Cued) -> Quote | None:
    """``…، كما قال المرصد``، ``وفق ما أعلن الجيش``: the cue follows the words it reports, from the
    sentence's start to the comma before it."""
    found = _postposed(st, c)
    if found is None:
        return None
    start, end, speaker, co, span, text = found
    q = st.add(
        Span(start, end),
        "indirect",
        speaker=speaker,
        speaker_text=text or (st.body[span.start : span.end] if span else speaker.name if speaker else None),
        speaker_span=span,
        cue=Span(c.cue.start, c.cue.end),
        via=c.via,
        co_speakers=[a.id for a in co],
        stance=c.cue.stance,
        rules=[*c.rules, "quotes.construction.postposed"],
    )
    if speaker is not None:
        st.last_speaker = speaker
    return q


POSTPOSED = RuleList(
    "quotes.postposed",
    "(state: QuoteState, cued: Cued) -> bool (drop) | Quote",
    {"drop": bool, "role": Quote},
    (postposed_unsaid, postposed),
)

# ---------------------------------------------------------------------- sentence by sentence


def _trim_end(st: QuoteState, start: int, end: int, chars: str) -> int:
    while end > start and st.body[end - 1] in chars:
        end -= 1
    return end


@rule("quotes.source.via", "role", words=("words",))
def via(st: QuoteState, sentence: Sentence) -> str | None:
    """``بحسب وكالة «سانا»``: the body the sentence's statements are relayed through."""
    words = norm("quotes.source.via", "words")
    for t in st.doc.sentence_tokens(sentence):
        if t.kind == "ar" and (t.norm in words or stem(t) in words):
            for s, _e, actor, _m in st.names.between(t.end, sentence.end):
                if actor.type == "ORG" and s - t.end < 40:
                    return actor.id
            return None
    return None


@rule("quotes.construction.according_to", "role", words=("words", "law"))
def according_to(st: QuoteState, sentence: Sentence, previous: Sentence | None, before: int) -> Quote | None:
    """``وبحسب صالح، فهذا القانون سيضاعف…``: a sentence whose words are ascribed by its opening
    phrase, with no reporting verb of its own."""
    if len(st.quotes) > before:
        return None
    toks = st.doc.sentence_tokens(sentence)
    words = norm("quotes.construction.according_to", "words")
    if len(toks) < 4 or not (stem(toks[0]) in words or toks[0].norm in words):
        return None
    k = 1
    if toks[0].norm.endswith(("وفقا", "طبقا")) and toks[1].norm in raw("quotes.construction.according_to", "law"):
        k = 2
    comma = next((j for j in range(k, min(len(toks), k + 9)) if toks[j].norm in ("،", ",", "فان", "فانه")), None)
    if comma is None or comma + 1 >= len(toks):
        return None
    src_start, src_end = toks[k].start, toks[comma - 1].end
    for seg in toks[k].segments:
        if seg.role not in ("conj", "prep"):
            src_start = seg.start
            break
    names = [x for x in st.names.between(src_start, src_end) if x[2].type in ("PER", "ORG", "LOC")]
    first = toks[comma + 1]  # after the comma, or after فإن (ووفقا لمنظمة بتسيلم فإن …)
    start = first.start
    if first.segments and first.segments[0].role == "conj" and len(first.segments) > 1:
        start = first.segments[1].start  # فهذا القانون، فإن الحكومة
    end = _trim_end(st, start, sentence.end, " .،؛")
    if word_count(st.body[start:end]) < MIN_STATEMENT_WORDS:
        return None
    return st.add(
        Span(start, end),
        "mixed" if st.marks.opens_within(start, end) else "indirect",
        speaker=names[0][2] if names else None,
        speaker_text=st.body[src_start:src_end],
        speaker_span=Span(names[0][0], names[0][1]) if names else None,
        cue=Span(next((g.start for g in toks[0].segments if g.role != "conj"), toks[0].start), toks[k - 1].end),
        stance="say",
        rules=["quotes.construction.according_to"],
    )


@rule("quotes.construction.continued", "role", words=("openers",))
def continued(st: QuoteState, sentence: Sentence, previous: Sentence | None, before: int) -> Quote | None:
    """``وأن الجانبين اتفقا…`` opening a sentence with no cue of its own: one more clause of the
    statement that ended the sentence before."""
    if len(st.quotes) > before or previous is None or not st.quotes:
        return None
    toks = st.doc.tokens
    k = sentence.token_start
    if k + 2 >= sentence.token_end:
        return None
    if st.body[toks[k].start : toks[k].end] not in raw("quotes.construction.continued", "openers"):
        return None  # not وإن (even if)
    last = st.quotes[-1]
    if last.cue is None or not previous.start <= last.content.end <= previous.end:
        return None
    start = toks[k + 1].start
    end = _trim_end(st, start, sentence.end, " .،؛\n")
    if word_count(st.body[start:end]) < MIN_STATEMENT_WORDS:
        return None
    q = st.add(
        Span(start, end),
        "mixed" if st.marks.opens_within(start, end) else "indirect",
        speaker_text=last.speaker_text,
        via=last.via,
        co_speakers=last.co_speakers,
        stance=last.stance,
        rules=["quotes.construction.continued"],
    )
    q.speaker = last.speaker
    return q


@rule("quotes.construction.according_after", "role")
def according_after(st: QuoteState, sentence: Sentence, previous: Sentence | None, before: int) -> Quote | None:
    """``"…" حسب الوزير فلان.``: words in quotation marks ascribed by the phrase right after them,
    closing the sentence."""
    words = norm("quotes.construction.according_to", "words")
    made = None
    for o, c in st.marks:
        if not (sentence.start <= o < sentence.end) or c >= sentence.end:
            continue
        if any(a <= o + 1 and c <= b + 1 for a, b in st.covered):
            continue
        if word_count(st.body[o + 1 : c]) < MIN_STATEMENT_WORDS:
            continue
        rest = st.body[c + 1 : sentence.end].strip(" ،,.").split()
        if not rest or normalize(rest[0]) not in words or len(rest) > MAX_SOURCE_WORDS:
            continue
        names = [x for x in st.names.between(c + 1, sentence.end) if x[2].type in ("PER", "ORG") and not st.marks.containing(x[0])]
        if not names:
            continue
        s, e, actor, _m = names[0]
        head = st.body.index(rest[0], c + 1)
        made = st.add(
            Span(o + 1, c),
            "direct",
            speaker=actor,
            speaker_text=st.body[s:e],
            speaker_span=Span(s, e),
            cue=Span(head, head + len(rest[0])),
            stance="say",
            rules=["quotes.construction.according_after"],
        )
        st.last_speaker = actor
        st.last_speaker_at = c
    return made


_MAX_ATTRIBUTION_WORDS = 9  # وفقا لمراسل بي بي سي في لوساكا كينيدي غوندوي


@rule("quotes.construction.attributed_after", "role", words=("fillers",))
def attributed_after(st: QuoteState, sentence: Sentence, previous: Sentence | None, before: int) -> Quote | None:
    """``…، بحسب وزير الإعلام خورخي رودريغيز.``: a sentence whose words are ascribed by a phrase
    closing it after a comma (``بحسب``، ``حسب``، ``وفقا لـ``، ``وذلك بحسب``), with no reporting
    verb of its own; the source a name in that phrase, or an unnamed one (``بحسب مسؤولين``)."""
    if len(st.quotes) > before:
        return None
    toks = st.doc.sentence_tokens(sentence)
    words = norm("quotes.construction.according_to", "words")
    fillers = norm("quotes.construction.attributed_after", "fillers")
    for j in range(len(toks) - 2, 2, -1):
        if toks[j].kind != "punct" or toks[j].norm not in ("،", ","):
            continue
        k = j + 1
        if toks[k].norm in fillers:
            k += 1  # وذلك بحسب
        if k >= len(toks) or not (stem(toks[k]) in words or toks[k].norm in words):
            return None
        head = toks[k]
        k += 1
        if k < len(toks) and head.norm.endswith(("وفقا", "طبقا")) and toks[k].norm in raw("quotes.construction.according_to", "law"):
            k += 1
        if k >= len(toks):
            return None
        src_end = _trim_end(st, toks[k].start, sentence.end, " .،؛\n")
        names = [x for x in st.names.between(toks[k].start, src_end) if x[2].type in ("PER", "ORG", "LOC")]
        src_start = toks[k].start
        if names and names[0][0] < toks[k].end:
            src_start = names[0][0]  # بحسب بورش: the name's own first letter, not a preposition
        else:
            src_start = next((g.start for g in toks[k].segments if g.role not in ("conj", "prep")), src_start)
        source = st.body[src_start:src_end]
        if not source or word_count(source) > _MAX_ATTRIBUTION_WORDS or any(x in source for x in "«\"،,:"):
            return None
        first_word = normalize(source.split()[0])
        if not names and first_word not in norm("quotes.speaker", "source_nouns"):
            return None  # بحسب الخطة, بحسب الأرقام: not a source
        start = toks[0].start
        if toks[0].segments and toks[0].segments[0].role == "conj" and len(toks[0].segments) > 1:
            start = toks[0].segments[1].start
        end = _trim_end(st, start, toks[j].start, " .،؛")
        if word_count(st.body[start:end]) < MIN_STATEMENT_WORDS or st.is_covered(start):
            return None
        cue_start = next((g.start for g in head.segments if g.role != "conj"), head.start)
        return st.add(
            Span(start, end),
            "mixed" if st.marks.opens_within(start, end) else "indirect",
            speaker=names[0][2] if names else None,
            speaker_text=source,
            speaker_span=Span(names[0][0], names[0][1]) if names else None,
            cue=Span(cue_start, head.end),
            stance="say",
            rules=["quotes.construction.attributed_after"],
        )
    return None


@rule("quotes.construction.uncued", "role")
def uncued(st: QuoteState, sentence: Sentence, previous: Sentence | None, before: int) -> Quote | None:
    """A long quotation with no reporting cue in its sentence (eight words or more, not inside a
    sentence of the writer's own): kept, speaker unknown."""
    made = None
    for o, c in st.marks:
        if not (sentence.start <= o < sentence.end):
            continue
        if any(a <= o + 1 and c <= b + 1 for a, b in st.covered):
            continue
        if word_count(st.body[o + 1 : c]) < _MIN_UNCUED_WORDS:
            continue
        lead = st.body[sentence.start : o]
        if lead.strip(" :،") and word_count(lead) > 3:
            continue  # words in quotation marks inside a sentence of the writer's own
        made = st.add(Span(o + 1, c), "direct", rules=["quotes.construction.uncued"])
    return made


SENTENCE = RuleList(
    "quotes.sentence",
    "(state: QuoteState, sentence, previous sentence, quotes before the sentence: int) -> Quote | None",
    {"role": Quote},
    (according_to, continued, according_after, attributed_after, uncued),
)


VIA = RuleList("quotes.via", "(state: QuoteState, sentence) -> entity id | None", {"role": str}, (via,))


def note_topic(st: QuoteState, sentence: Sentence) -> None:
    """Remember the person a sentence is about (its first person, not after a preposition, if it
    opens the sentence or follows its first verb), for the rule ``quotes.speaker.carried_topic``."""
    for s, _e, actor, _m in st.names.between(sentence.start, sentence.end):
        if actor.type == "PER" and not st.governed(s) and not st.marks.containing(s):
            if len(st.body[sentence.start : st.title_start(s)].split()) <= 2:
                st.last_subject = (s, actor)
            return
