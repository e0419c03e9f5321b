"""Reporting cues in a sentence (``قال``، ``أكد أن``، ``مشيراً``، ``جدد التأكيد``), and the forms of
a token the cue rules compare."""

from __future__ import annotations

from dataclasses import dataclass

from rasd.model import Document, Token
from rasd.quotes.lexicon import cue_lexicon, phrase_heads
from rasd.quotes.words import norm

_PHRASE_GAP = 8  # words between the two words of a phrase cue (the speaker may stand there)


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue found in a document."""

    token: int  # first token
    last: int  # last token (phrase cues span several)
    start: int
    end: int
    kind: str  # verb | circ | reiterate | source
    stance: str
    gender: str  # m | f | pl


def stem(tok: Token) -> str:
    """Token without attached conjunction/preposition (and without a pronoun)."""
    if not tok.segments:
        return tok.norm
    out = "".join(s.norm for s in tok.segments if s.role in ("stem", "det", "fut"))
    return out or tok.norm


def forms(tok: Token) -> tuple[str, ...]:
    """The token as written, without its particles, and without a leading و/ف the segmenter kept."""
    bare = stem(tok)
    out = [tok.norm, bare]
    if tok.norm[:1] in ("و", "ف") and len(tok.norm) > 3:
        out.append(tok.norm[1:])
    return tuple(out)


def nominal(tok: Token) -> bool:
    """A nominal cue (قوله، قولهم، القول), with its pronoun attached or split off."""
    words = norm("quotes.cues", "nominal")
    return tok.norm in words or stem(tok) in words or any(f in words for f in forms(tok))


def imperfect(cue: Cue, tok: Token) -> bool:
    """A present-tense cue (يعتبر، ترى، يؤكدون): a view held, not a statement made."""
    s = stem(tok)
    if s.startswith("ي"):
        return True
    return s.startswith("ت") and cue.gender == "f" and not s.endswith("ت")


def weak(tok: Token) -> bool:
    """A cue that is also an ordinary word (تابع = affiliated, بين = between, رد = reply): it
    reports speech only when the words follow at once."""
    return stem(tok) in norm("quotes.cues", "weak")


def find_cues(doc: Document, lo: int, hi: int) -> list[Cue]:
    """Reporting cues among tokens ``lo..hi``."""
    lex = cue_lexicon()
    heads = phrase_heads()
    toks = doc.tokens
    out: list[Cue] = []
    i = lo
    while i < hi:
        t = toks[i]
        if t.kind != "ar":
            i += 1
            continue
        fs = forms(t)
        hit = None
        stripped = False  # matched with a leading و/ف the segmenter left on
        # phrase cues first (جدد التأكيد); the speaker may stand between the two words
        for f in fs:
            second = heads.get(f)
            if second is None:
                continue
            for j in range(i + 1, min(hi, i + 1 + _PHRASE_GAP)):
                if toks[j].norm in second or stem(toks[j]) in second:
                    entry = lex.get((f, toks[j].norm)) or lex.get((f, stem(toks[j])))
                    if entry:
                        hit = (j, entry)
                    break
            if hit:
                break
        if hit is None:
            for f in fs:
                entry = lex.get((f,))
                if entry:
                    hit = (i, entry)
                    stripped = f != t.norm and f == t.norm[1:]
                    break
        if hit is None:
            i += 1
            continue
        last, entry = hit
        end = t.end if entry.kind == "reiterate" else toks[last].end
        start = t.start + 1 if stripped else t.start
        for seg in t.segments:
            if seg.role not in ("conj", "prep"):
                start = max(start, seg.start)
                break
        out.append(Cue(i, last, start, end, entry.kind, entry.stance, entry.gender))
        i = last + 1
    return out


def opens_clause(doc: Document, cue: Cue) -> bool:
    """Whether a cue starts a new statement, so that the one before it ends there: a
    circumstantial participle, or a verb after و/ف, a comma or كما (not تؤكد in the middle of
    الاتصالات تؤكد إرساء…, nor بين meaning "between")."""
    if cue.kind == "circ":
        return True
    toks = doc.tokens
    tok = toks[cue.token]
    if weak(tok):
        return False
    if (tok.segments and tok.segments[0].role == "conj") or (tok.norm[:1] in ("و", "ف") and cue.start > tok.start):
        return True
    prev = toks[cue.token - 1] if cue.token > 0 else None
    return prev is None or prev.kind == "punct" or prev.norm in norm("quotes.content", "clause_openers")
