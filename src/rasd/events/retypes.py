"""Retype rules: a cue whose words say one type while the sentence says another (an "attack" in
a speech is criticism; a protest lodged by a government is a complaint; support for terrorists,
in a statement, is an accusation of the supporter)."""

from __future__ import annotations

from rasd.events.draft import Draft, Retype, bare
from rasd.events.filters import ARMED, declared, pejorative_after
from rasd.events.sentence import SentenceState, speakers
from rasd.events.words import marker, norm, raw
from rasd.rules import rule

OFFICIAL = frozenset({"GOV", "LEG", "JUD", "IGO", "REL"})
"""Sectors of states and official bodies."""


def _attack_word(d: Draft, rule_id: str) -> bool:
    """An attack word: ``هاجم``، ``هجوم`` or ``شن هجوماً``."""
    head = d.cue.lemma.split("|")[0].split("/")[0]
    launched = head in raw(rule_id, "launch") and any(
        norm(rule_id, "launched") & slot.words for slot in d.cue.then
    )
    return head in raw(rule_id, "heads") or launched


def attack_in_words(s: SentenceState, d: Draft) -> bool:
    """An attack made in a report, a statement or a speech (``شنت اللجنة في تقرير هجوماً``)."""
    if not (d.type == "ASSAULT" and d.cue.mode == "military" and _attack_word(d, "events.retype.attack_in_words")):
        return False
    v = s.view
    words = marker("events.retype.attack_in_words", "statement")
    fi = norm("events.retype.attack_in_words", "in")
    start, end = v.clause_start(d.anchor), v.clause_end(d.m - 1)
    return any(bare(v.tok(j).norm) in fi and v.ti(j + 1).stems & words for j in range(start, min(end, v.hi - 1)))


@rule("events.filter.attack_in_words_unnamed", "drop")
def attack_in_words_unnamed(s: SentenceState, d: Draft) -> bool:
    """An attack made in a report with no author named is no record."""
    return not d.has_actor and attack_in_words(s, d)


@rule("events.retype.attack_in_words", "retype", words=("heads", "launch", "launched", "statement", "in"))
def in_words(s: SentenceState, d: Draft) -> Retype | None:
    """An attack made in a report, a statement or a speech is criticism (``شنت اللجنة في تقرير
    هجوماً على الحكومة`` → ACCUSE, disapprove)."""
    return Retype("ACCUSE", "disapprove") if attack_in_words(s, d) else None


@rule("events.retype.verbal_attack", "retype", words=("heads", "launch", "launched", "words"))
def verbal_attack(s: SentenceState, d: Draft) -> Retype | None:
    """A politician or a civilian body "attacking" a named party attacks with words, and so does
    an attack qualified as harsh (``هاجم ترامب كيري``، ``شن جنبلاط هجوماً لاذعاً على`` → ACCUSE)."""
    if not (d.type == "ASSAULT" and d.cue.mode == "military"):
        return None
    if not d.actor_args or not _attack_word(d, "events.retype.verbal_attack"):
        return None
    v = s.view
    if d.m < v.hi and v.ti(d.m).stems & marker("events.retype.verbal_attack", "words"):
        return Retype("ACCUSE", "disapprove")
    for a in d.actor_args:
        e = s.doc.entity(a.entity) if a.entity else None
        if e is None or (e.sector or "") in ARMED or (e.type == "ORG" and (e.sector or "") in ("GOV", "")):
            return None
        if e.type not in ("PER", "ORG"):
            return None
    if all(a.kind in ("person", "org", "country", "capital") for a in d.recipient_args):
        return Retype("ACCUSE", "disapprove")
    return None


def _official(s: SentenceState, d: Draft) -> bool:
    """The actors are states or official bodies (not a crowd)."""
    if d.actor_ids:
        ents = [s.doc.entity(x) for x in d.actor_ids]
        return all(e is not None and (e.sector or "") in OFFICIAL for e in ents)
    return bool(d.actor_args) and all(
        a.kind in ("country", "capital") or (a.kind in ("org", "person") and (a.sector or "") in OFFICIAL)
        for a in d.actor_args
    )


@rule("events.retype.official_protest", "retype", words=("heads",))
def official_protest(s: SentenceState, d: Draft) -> Retype | None:
    """A protest announced (``أعلنت المرجعية احتجاجها على``) or lodged by a state or an official
    body (``احتجت مصر رسمياً لدى إيران``) is a complaint (ACCUSE), not a rally."""
    if d.type != "PROTEST" or not d.cue.lemma.startswith(tuple(raw("events.retype.official_protest", "heads"))):
        return None
    return Retype("ACCUSE", "disapprove") if declared(s, d) or _official(s, d) else None


@rule("events.retype.pejorative_support", "retype", words=("words",))
def pejorative_support(s: SentenceState, d: Draft) -> Retype | None:
    """Support for terrorists in a statement (``لولا دعم الولايات المتحدة للإرهابيين``) is the
    speaker's accusation (allege) of the supporter."""
    if d.type not in ("SUPPORT", "AID") or not pejorative_after(s, d.m):
        return None
    d.recipient_args, d.recipient_ids = d.actor_args, list(d.actor_ids)
    d.actor_args, d.actor_ids = [], speakers(d.quote)
    d.how = "speaker"
    return Retype("ACCUSE", "allege")
