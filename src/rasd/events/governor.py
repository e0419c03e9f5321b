"""The preposition that governs an argument of the sentence view: on the word (``لسورية``),
before it (``في طهران``), through the noun it is the genitive of (``لموقف إيران``), or the
agent markers ``من قبل``، ``على يد``، ``برصاص`` (``by``)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rasd.arabic.normalize import normalize
from rasd.events.words import mapping, norm
from rasd.model import Token

if TYPE_CHECKING:
    from rasd.events.view import Arg, SentenceView

_FROM = normalize("من")
_ON = normalize("على")


@lru_cache(maxsize=1)
def prepositions() -> dict[str, str]:
    """Prepositions written as separate words (normalized) → their canonical form (داخل → في)."""
    return mapping("events.view", "prepositions")


def quantity() -> frozenset[str]:
    """Count words (آلاف، عشرات): ``من`` after them is partitive, not a preposition."""
    return norm("events.view", "quantity")


def affiliation() -> frozenset[str]:
    """``نقطة تابعة للحوثيين``، ``قوات خاصة بالنظام``: the owner after these words stands for its unit."""
    return norm("events.view", "affiliation")


def bare_norm(tok: Token) -> str:
    """A token's normalized form without the conjunction و/ف."""
    return tok.norm[1:] if tok.has_prefix("conj") else tok.norm


def _clitic_prep(tok: Token) -> str | None:
    for seg in tok.segments:
        if seg.role == "stem":
            return None
        if seg.role == "prep":
            return seg.norm
    return None


def governor(view: SentenceView, a: Arg) -> tuple[str | None, bool, int | None]:
    """The preposition governing an argument, whether it reaches it through a head noun, and
    the token it stands on."""
    doc = view.doc
    first = doc.tokens[a.t0]
    # a clitic preposition before the words of the argument itself (لسورية، بدمشق)
    for seg in first.segments:
        if seg.start >= a.start:
            break
        if seg.role == "prep":
            if seg.norm in ("ل", "ب") and a.t0 - 1 >= view.lo and doc.tokens[a.t0 - 1].norm in affiliation():
                return None, True, a.t0 - 1  # قوات تابعة للنظام: the owner acts or is hit
            return seg.norm, False, a.t0
    if first.start < a.start <= first.start + 3:
        # the name starts inside an unsplit token (لغواتيمالا): its leading letters are clitics
        lead = normalize(doc.body[first.start : a.start])
        if lead[-1:] in ("ل", "ب") and lead[:-1] in ("", "و", "ف"):
            return lead[-1], False, a.t0
    if a.start == first.start:
        p = _clitic_prep(first)
        if p:
            return p, False, a.t0
        # a rare name keeps its clitic unsplit (لغواتيمالا): the name itself does not start so
        lead = doc.body[a.start]
        if lead in ("ل", "ب") and a.entity is not None:
            e = doc.entity(a.entity)
            words = normalize(e.name).split() if e is not None else []
            said = normalize(doc.body[a.start : a.end])
            if said[1:] in words and said not in words:
                return normalize(lead), False, a.t0
    preps = prepositions()
    after_from = norm("events.role.agent_marker", "after_from")
    after_on = norm("events.role.agent_marker", "after_on")
    instrument = norm("events.role.agent_marker", "instrument")
    j = a.t0 - 1
    hops = 0
    while j >= view.lo and hops <= 2:
        t = doc.tokens[j]
        ti = view.ti(j)
        if ti.punct:
            return None, False, None
        if t.kind != "ar":
            j -= 1
            hops += 1
            continue
        n = t.norm[1:] if t.has_prefix("conj") and t.norm[1:] in preps else t.norm
        # the agent of a passive or a verbal noun: من قبل X، على يد X، برصاص X
        if n in after_from and j - 1 >= view.lo and doc.tokens[j - 1].norm == _FROM:
            return "by", False, j
        if n in after_on and j - 1 >= view.lo and doc.tokens[j - 1].norm == _ON:
            return "by", False, j
        bare = bare_norm(t)
        if hops == 0 and bare[:1] == "ب" and bare[1:] in instrument:
            return "by", False, j
        if n in preps:
            # "الآلاف من المتظاهرين": a partitive من after a number word is no preposition
            if n == _FROM and j - 1 >= view.lo and bare_norm(doc.tokens[j - 1]) in quantity():
                return None, False, None
            return preps[n], hops > 0, j
        if j in view.arg_at or ti.opener or ti.verb_like or ti.skip or ti.hits:
            # an event noun's genitive is the event's argument, not its preposition's
            return None, False, None
        p = _clitic_prep(t)
        if p:
            return p, True, j
        if t.has_prefix("conj"):
            return None, False, None
        hops += 1
        j -= 1
    return None, False, None
