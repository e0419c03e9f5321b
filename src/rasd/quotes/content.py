"""Where a statement starts and ends: after quotation marks, a complementizer (أن/إن) or a colon,
after ``نقلا عن X أن``, a noun phrase after ``شدد على``; and its end at the next cue that opens a
clause or the sentence's end, never inside a quotation that opened in it."""

from __future__ import annotations

from rasd.arabic.normalize import normalize
from rasd.model import Sentence
from rasd.quotes.cues import Cue, stem
from rasd.quotes.marks import OPENING
from rasd.quotes.state import QuoteState, word_count
from rasd.quotes.words import norm

MAX_SPEAKER_GAP = 30  # tokens between a cue and the start of what was said
MAX_SOURCE_WORDS = 6  # عضو في حركة طالبان باكستان
_MAX_NARRATIVE_WORDS = 5
MIN_STATEMENT_WORDS = 3


def complementizer(word: str, tok_stem: str = "") -> bool:
    """``أن``، ``إن``، ``بأن`` (with an attached pronoun too: ``أنه``، ``إننا``)."""
    return (
        word in norm("quotes.content", "complementizers")
        or tok_stem in norm("quotes.content", "complementizers")
        or word in norm("quotes.content", "complementizer_pronouns")
    )


def narrative_gap(st: QuoteState, cue: Cue, offset: int) -> bool:
    """A quotation mark that opens no statement: a word or two quoted in the writer's own
    narrative (أنشطة "إرهابية"، بإصلاح "العيوب المروعة"), or words quoted after a comma and a
    stretch of narrative."""
    pair = st.marks.at(offset)
    if pair is not None and word_count(st.body[pair[0] + 1 : pair[1]]) < MIN_STATEMENT_WORDS:
        return word_count(st.body[cue.end : offset]) > 2
    gap = st.body[cue.end : offset]
    for s, e, _a, _m in reversed(st.names.between(cue.end, offset)):
        gap = gap[: s - cue.end] + gap[e - cue.end :]
    return "،" in gap and word_count(gap) > _MAX_NARRATIVE_WORDS


def content_start(st: QuoteState, cue: Cue, hi_token: int, naming: frozenset[str]) -> tuple[int, str] | None:
    """Token index where the statement starts and how it is introduced: ``quote`` (at the
    quotation mark), ``comp`` (after أن/إن) or ``colon``.

    Words in quotation marks that name whom it was said to (``لـ«الشرق الأوسط»``), a name
    (``أعلنت «جبهة النصرة»``), words quoted after a naming noun (``اجتماع "الشراكة الدولية"``) or
    far into the narrative are stepped over.
    """
    toks = st.doc.tokens
    to_whom = norm("quotes.content", "to_whom")
    k = cue.last + 1
    steps = 0
    while k < hi_token and steps <= MAX_SPEAKER_GAP:
        t = toks[k]
        if t.kind == "punct" and t.norm in OPENING:
            prev = toks[k - 1]
            pair = st.marks.at(t.start)
            if pair is not None and (
                prev.norm in to_whom
                or stem(prev).removeprefix("ال") in naming
                or narrative_gap(st, cue, t.start)
                or st.only_a_name(pair[0] + 1, pair[1])
            ):
                k = st.token_after(pair[1] + 1)
                steps += 1
                continue
            return k, "quote"
        if t.kind == "punct" and t.norm == ":":
            return k + 1, "colon"
        if t.kind == "ar" and complementizer(t.norm, stem(t)):
            return k + 1, "comp"
        if t.kind == "punct" and t.norm in (".", "؟", "!"):
            return None
        k += 1
        steps += 1
    return None


def relayed_source(st: QuoteState, cue: Cue, hi_token: int, heads: frozenset[str]) -> tuple[int, int, int] | None:
    """``ذكر المراسل نقلا عن مصادر مطلعة أن…``: the statement after أن is relayed from the
    source named after نقلا عن. Returns the token the statement starts at and the source's
    offsets."""
    toks = st.doc.tokens
    for k in range(cue.last + 1, min(hi_token - 2, cue.last + 1 + MAX_SPEAKER_GAP)):
        t = toks[k]
        if t.kind == "punct" and t.norm in (".", "؟", "!", ":") and st.body[t.end : t.end + 1] in ("", " ", "\n"):
            return None  # (not the dot inside العربية.نت)
        if t.norm not in heads or toks[k + 1].norm != "عن":
            continue
        for j in range(k + 2, min(hi_token, k + 3 + MAX_SOURCE_WORDS)):
            tj = toks[j]
            if tj.kind == "punct":
                return None
            if j > k + 2 and complementizer(tj.norm):
                return j + 1, toks[k + 2].start, toks[j - 1].end
        return None
    return None


def skip_adverbs(st: QuoteState, k: int, hi_token: int, adverbs: frozenset[str]) -> int:
    """The token after adverbs standing between a cue and its preposition (أكد أيضا على، أكد في
    الوقت ذاته على)."""
    toks = st.doc.tokens
    while k < hi_token and toks[k].kind == "ar":
        if toks[k].norm in adverbs:
            k += 1
        elif (
            k + 2 < hi_token
            and stem(toks[k + 1]) == "الوقت"
            and toks[k + 2].norm in ("ذاته", "نفسه")
            and (toks[k].norm == "في" or toks[k + 1].norm == "بالوقت")
        ):
            k += 3
        elif k + 1 < hi_token and toks[k].norm == "بالوقت" and toks[k + 1].norm in ("ذاته", "نفسه"):
            k += 2
        else:
            break
    return k


def content_span(st: QuoteState, sentence: Sentence, k: int, how: str, next_cue: Cue | None) -> tuple[int, int, str] | None:
    """The statement's words from token ``k``: the quotation when it closes the statement
    (``direct``), else the clause up to the next cue or the sentence's end (``indirect``, or
    ``mixed`` with a quoted fragment; after a colon, ``direct``)."""
    toks = st.doc.tokens
    body = st.body
    if k >= len(toks):
        return None
    # skip a second complementizer after a colon: وقال: إن «...»، وأضاف: إننا «...»
    first = toks[k]
    if how == "colon" and first.kind == "ar" and complementizer(first.norm):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.norm in ("«", "“", '"'):
            k, first = k + 1, nxt
    if first.kind == "punct" and first.norm in OPENING:
        pair = st.marks.at(first.start)
        if pair is None:
            return None
        o, c = pair
        after = body[c + 1 : c + 40].lstrip(" ")
        if not after or not (after[0].isalpha() or after[0] in "«“\""):
            return o + 1, c, "direct"
        # أن "ما لا يقل عن ست" دول تدرس…: the quoted words are a fragment of the clause
    start = first.start
    # a clause ends at the next circumstantial cue or new reporting verb, or the sentence end
    end = sentence.end
    if next_cue is not None and next_cue.start > start:
        end = next_cue.start
    # but never inside a quotation that opened within the clause
    for o, c in st.marks:
        if start <= o < end < c:
            end = c + 1
    trimmed = body[start:end].rstrip(" ،,.؛;:\n")
    while trimmed.endswith((" و", "،و")):
        trimmed = trimmed[:-1].rstrip(" ،,")
    # …مشجعة، لكنه أكد…: the connective before the next cue is not part of what was said
    last_word = trimmed.rsplit(None, 1)[-1] if trimmed.split() else ""
    if normalize(last_word) in norm("quotes.content", "clause_openers") and word_count(trimmed) > 1:
        trimmed = trimmed[: len(trimmed) - len(last_word)].rstrip(" ،,")
    end = start + len(trimmed)
    if end <= start:
        return None
    has_quote = st.marks.opens_within(start, end)
    if how == "colon" and body[start] in "«“\"" and st.marks.at(start) is None:
        return None
    kind = "mixed" if has_quote else "indirect"
    if how == "colon" and not has_quote:
        kind = "direct"
    return start, end, kind
