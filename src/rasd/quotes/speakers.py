"""Finding who speaks: the name after the cue (VSO), before it (SVO), a source named by a common
noun, or the speaker carried from the statements before."""

from __future__ import annotations

from functools import lru_cache

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Sentence, Span
from rasd.quotes.cues import Cue, nominal
from rasd.quotes.state import QuoteState, agrees, word_count
from rasd.quotes.words import norm

_MAX_TITLED_GAP = 10


def speaker_after(st: QuoteState, cue: Cue, limit: int) -> tuple[Actor | None, list[Actor], Span | None]:
    """The name right after the cue, with joint speakers joined by و."""
    body = st.body
    items = [x for x in st.names.between(cue.end, limit) if x[2].type in ("PER", "ORG", "LOC") and not st.governed(x[0])]
    if not items:
        return None, [], None
    first = items[0]
    # the speaker must come first after the cue (titles and a few words may precede it)
    # رئيس شرطة تورنتو، مارك سوندرز: a place or body named in the title, then the person
    if first[2].type != "PER":
        later = next((x for x in items[1:] if x[2].type == "PER"), None)
        if later is not None and word_count(body[first[1] : later[0]]) <= 2:
            first = later
    gap = body[cue.end : first[0]]
    if any(normalize(w) in norm("quotes.speaker", "relatives") for w in gap.split()):
        return None, [], None  # ذكر التحالف الذي تقوده السعودية: the name is in a qualifier
    if gap.strip() in ("«", "“", '"'):
        gap = ""  # the name itself in quotation marks: أعلنت «جبهة النصرة»
    # قال مرشد الثورة الإسلامية في إيران، آية الله علي خامنئي، إن…: a title right after the cue
    # may be long and set off by commas before the person it names
    titled = first[2].type == "PER" and any(m.label == "TITLE" and 0 <= m.start - cue.end <= 1 for m in st.doc.mentions)
    commas_ok = first[2].type == "PER" and (word_count(gap) <= 4 or titled)
    if word_count(gap) > (_MAX_TITLED_GAP if titled else 6) or any(c in gap for c in "«“\":") or (not commas_ok and any(c in gap for c in "،,")):
        return None, [], None
    if gap.split() and normalize(gap.split()[0]) in norm("quotes.speaker", "source_nouns") and first[2].type != "PER":
        return None, [], None  # مصدر أمني تركي لبي بي سي: the source is unnamed
    speaker = first[2]
    co: list[Actor] = []
    end = first[1]
    for s, e, actor, _m in items[1:]:
        between = body[end:s].strip()
        if between in ("", "و") or (between == "" and body[s] == "و"):
            if actor.id != speaker.id and actor.type in ("PER", "ORG"):
                co.append(actor)
            end = e
            continue
        # "والمقداد": the conjunction is inside the mention's token
        if between == "" or body[end:s].strip() == "":
            end = e
            continue
        break
    return speaker, co, Span(first[0], first[1])


def subject_before(st: QuoteState, sentence: Sentence, cue: Cue) -> Actor | None:
    """The actor the sentence is about, named before the cue and agreeing with it in gender.

    The subject of the sentence's first clause comes first (ونفت إسرائيل…، وقالت: إسرائيل,
    not a place named in between); else the nearest agreeing actor that is not the object of
    a preposition.
    """
    cands: list[tuple[int, Actor]] = []
    for s, _e, actor, _m in st.names.between(sentence.start, cue.start):
        if actor.type not in ("PER", "ORG", "LOC"):
            continue
        if st.marks.containing(s) or st.is_covered(s):
            continue
        if st.governed(s):
            continue
        cands.append((s, actor))
    agreeing = [(s, a) for s, a in cands if agrees(a, cue.gender)]
    if not agreeing:
        return None
    first_at, first = agreeing[0]
    lead = st.body[sentence.start : st.title_start(first_at)].split()
    if len(lead) <= 2:
        return first  # VSO: the subject right after the sentence's first verb
    return agreeing[-1][1]


def adjacent_subject(st: QuoteState, cue: Cue, openers: frozenset[str], loose: bool = False) -> tuple[Actor, Span] | None:
    """SVO: a name right before the cue that can only be its subject: after إن/أن (إن بوتين
    أبلغ…) or after عن (نقلت الوكالة عن الوزير قوله)."""
    body = st.body
    for s, e, actor, _m in reversed(st.names.items):
        if e > cue.start:
            continue
        between = body[e : cue.start]
        if between.strip(" ،,") != "" or actor.type not in ("PER", "ORG", "LOC"):
            return None
        governor = st.governor(s)
        # نقلت الوكالة عن وزير الداخلية الأمير فلان قوله: عن names the source of a nominal cue
        if governor is not None and not (governor == "عن" and nominal(st.doc.tokens[cue.token])):
            return None
        # the opener may stand a title away: عن وزير الداخلية الأمير عبد العزيز بن سعود قوله
        before = [normalize(w) for w in body[max(0, s - 60) : s].split()][-6:]
        if any(w in openers for w in before) and not any(c in body[max(0, s - 60) : s] for c in "،.:«\""):
            return actor, Span(s, e)
        if before and before[-1] in openers:
            return actor, Span(s, e)
        if loose and between.strip() == "" and agrees(actor, cue.gender, loose=actor.type == "ORG"):
            return actor, Span(s, e)  # وكان عدد من مسؤولي الحزب قالوا: nothing follows the verb
        return None
    return None


def _unnamed_last(st: QuoteState) -> bool:
    """The last statement came from an unnamed source (وقال مقرب منه إن… وأضاف:), after which no
    sentence was about a person: its words carry, not a name."""
    last_q = next((q for q in reversed(st.quotes) if q.cue is not None), None)
    return (
        last_q is not None
        and last_q.speaker is None
        and bool(last_q.speaker_text)
        and last_q.content.end >= st.last_speaker_at
        and (st.last_subject is None or st.last_subject[0] < last_q.content.start)
    )


def _fits(st: QuoteState, actor: Actor, cue: Cue) -> bool:
    """The gender the actor's verbs took so far does not contradict the cue's."""
    known = st.genders.get(actor.id)
    return not (known in ("m", "f") and cue.gender in ("m", "f") and known != cue.gender)


def carried_topic(st: QuoteState, cue: Cue) -> Actor | None:
    """The person a sentence after the last statement was about (طالب الأمين العام غوتيريش…
    وقال لبي بي سي إنه…), when the cue's gender fits."""
    if _unnamed_last(st) or st.last_subject is None or st.last_subject[0] <= st.last_speaker_at:
        return None
    subject = st.last_subject[1]
    return subject if _fits(st, subject, cue) else None


def carried_speaker(st: QuoteState, cue: Cue) -> Actor | None:
    """The previous statement's speaker, when the cue's gender fits it (a woman who said قالت
    is not the speaker of the next قال)."""
    if _unnamed_last(st) or carried_topic(st, cue) is not None:
        return None
    last = st.last_speaker
    if last is None or not _fits(st, last, cue):
        return None
    return last if agrees(last, cue.gender, loose=True) else None


def carried(st: QuoteState, cue: Cue) -> Actor | None:
    """The person a later sentence was about, else the previous statement's speaker; None when
    the last statement came from an unnamed source, whose words the caller carries instead."""
    return carried_topic(st, cue) or carried_speaker(st, cue)


def source_referent(st: QuoteState, gap: str, cue: Cue) -> tuple[Actor | None, str]:
    """Who an unnamed source stands for, when the text says, and the words naming it.

    ``بيان صادر عن الحكومة`` / ``بيان للخارجية``: the body that issued it; ``الصحيفة``،
    ``الجبهة``، ``الوزارة``: the newspaper, front or ministry named last with that word;
    ``المصادر``، ``البيان``، ``الرجل``: the same source as the last statement made by
    ``مصادر …``، ``بيان …``، ``رجل …``.
    """
    body = st.body
    documents = norm("quotes.speaker", "document_nouns")
    words = gap.split()
    head = normalize(words[0])
    bare = head.removeprefix("ال")
    if len(words) >= 2:
        # رئيس الوفد، فلان … ورأى رئيس الوفد: a title that introduced a name earlier
        at = body.rfind(gap, 0, cue.start)
        while at >= 0:
            after = at + len(gap)
            named = [
                x for x in st.names.between(after, after + 60) if x[2].type == "PER" and body[after : x[0]].strip(" ،,") == ""
            ]
            if named:
                return named[0][2], gap
            at = body.rfind(gap, 0, at)
    if bare in documents:
        after = body.find(gap, cue.end)
        if after >= 0:
            named = [x for x in st.names.between(after, after + len(gap)) if x[2].type in ("ORG", "LOC", "PER")]
            if named:
                return named[0][2], gap
    if head.startswith("ال") and bare in documents:
        # أصدرت الجبهة بيانا اعتبرت فيه أن… وأضاف البيان: the issuer of the statement just quoted
        recent = [q for q in st.quotes if q.cue is not None and q.speaker is not None][-3:]
        for q in reversed(recent):
            if q.cue is None or q.speaker is None:
                continue
            sentence = next((x for x in st.doc.sentences if x.start <= q.cue.start < x.end), None)
            lead = body[sentence.start if sentence else q.cue.start : q.cue.start].split()
            if any(normalize(w).removesuffix("ا") == bare for w in lead):
                return st.doc.entity(q.speaker), gap
    if head.startswith("ال") and len(words) <= 2:
        for q in reversed(st.quotes):
            if not q.speaker_text:
                continue
            first = normalize(q.speaker_text.split()[0])
            # the source as first introduced (مصادر أمنية), not a later المصادر
            if first.removeprefix("ال") == bare and not first.startswith("ال"):
                return st.doc.entity(q.speaker), q.speaker_text
        for s, _e, actor, _m in reversed(st.names.items):
            if s >= cue.start or actor.type != "ORG":
                continue
            before = body[max(0, s - 20) : s].split()
            first = normalize(actor.name).split()[0].removeprefix("ال")
            if first == bare or (before and normalize(before[-1]).removeprefix("ال") == bare):
                return actor, gap  # صحيفة خبر ترك … وقالت الصحيفة
    return None, gap


def definite_subject(st: QuoteState, sentence: Sentence, cue: Cue) -> Actor | None:
    """``وأصدرت الجبهة بيانا اعتبرت فيه أن…``: the sentence's subject is a common noun (الجبهة،
    الصحيفة) standing for the body named earlier with that word."""
    toks = st.doc.tokens
    k = sentence.token_start
    if k + 1 >= cue.token or toks[k].kind != "ar" or toks[k + 1].kind != "ar":
        return None
    noun = toks[k + 1]
    if not noun.norm.startswith("ال") or st.names.between(noun.start, noun.end):
        return None
    actor, _text = source_referent(st, st.body[noun.start : noun.end], cue)
    return actor if actor is not None and actor.type == "ORG" else None


@lru_cache(maxsize=4096)
def known_actor(word: str) -> bool:
    """Whether the knowledge base knows the word as an actor or a country (ل + name: لبي بي سي)."""
    from rasd.kb import load_kb

    return any(kind in ("actor", "actor_short", "country") for kind, _ in load_kb().lookup(word))


def before_relative(gap: str) -> str:
    """``التحالف العسكري الذي تقوده السعودية``: the words before the clause qualifying them."""
    words = gap.split()
    relatives = norm("quotes.speaker", "relatives")
    for i, w in enumerate(words):
        if i > 0 and normalize(w) in relatives:
            return " ".join(words[:i])
    return gap
