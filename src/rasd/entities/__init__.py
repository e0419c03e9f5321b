"""Entity mentions: knowledge-base matches merged with the statistical tagger's names.

The stage adds ``doc.mentions``: typed name mentions (``PER``, ``ORG``, ``LOC``, ``EVENT``)
plus the cues the actor linker needs and that are not entities on their own (``TITLE`` office
titles, ``NISBA`` adjectives such as التركي, ``BODY`` institution heads such as الجيش,
``DEMONYM`` people plurals such as الأتراك). ``Mention.key`` lists the knowledge-base readings
as ``kind:target`` separated by ``|``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from rasd.entities.gazetteer import GazMatch, default_gazetteer
from rasd.model import Document, Mention, Token

_LABELS = {
    "actor": None,  # PER or ORG, from the actor's type
    "actor_short": None,
    "country": "LOC",
    "capital": "LOC",
    "place": "LOC",
    "nisba": "NISBA",
    "demonym": "DEMONYM",
    "body": "BODY",
    "title": "TITLE",
}
_TAGGER_LABELS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC"}
# nouns after which a place name names a conference or a process, not the place (مسار أستانا)
_EVENT_HEADS = frozenset(
    "اجتماع اجتماعات مسار محادثات مفاوضات مؤتمر قمه اتفاق اتفاقيه تفاهمات جوله منصه بيان اعلان".split()
)


class Tagger(Protocol):
    """What the stage needs of a sequence tagger."""

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO labels for one sentence's token strings."""
        ...


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger | None:
    try:
        from rasd.entities.tagger import NerTagger
    except ImportError:
        return None
    try:
        return NerTagger.load()
    except (FileNotFoundError, OSError, ValueError):
        return None


def _gaz_label(match: GazMatch, doc: Document) -> str | None:
    from rasd.actors.kb import load_kb

    entry = match.entries[0]
    if entry.kind in ("actor", "actor_short"):
        actor = load_kb().actors.get(entry.target)
        return actor.type if actor else None
    return _LABELS.get(entry.kind)


def _key(match: GazMatch) -> str:
    return "|".join(f"{e.kind}{'~' if e.construct else ''}:{e.target}" for e in match.entries)


def _is_event_name(doc: Document, match: GazMatch, tokens: list[Token]) -> bool:
    """A place name used as the name of talks or an agreement (أستانا 7، مسار جنيف)."""
    first = tokens[match.token_start]
    if first.segments and first.segments[0].role == "prep":
        return False  # اجتماع بطهران: a meeting held in the city
    if match.token_end < len(tokens) and tokens[match.token_end].kind == "num":
        return True
    if match.token_start > 0:
        prev = tokens[match.token_start - 1]
        if prev.kind == "punct" and match.token_start > 1:
            prev = tokens[match.token_start - 2]
        return prev.stem_norm in _EVENT_HEADS or prev.norm.removeprefix("ال") in _EVENT_HEADS
    return False


def _never_alone(surface: str, match: GazMatch) -> bool:
    """A one-word name that is mostly a common word (الباب، صور، سلام) is not matched alone.

    Short names of persons are decided by the linker, which sees the whole document.
    """
    from rasd.actors.kb import load_kb

    if match.first("actor_short") is not None:
        return False
    amb = load_kb().ambiguity(surface)
    return amb is not None and amb.never_alone


def gazetteer_mentions(doc: Document) -> list[Mention]:
    """Knowledge-base matches of the whole document as mentions (cues included)."""
    gaz = default_gazetteer()
    out: list[Mention] = []
    tokens = doc.tokens
    for s in doc.sentences:
        for m in gaz.match(tokens, doc.body, s.token_start, s.token_end):
            label = _gaz_label(m, doc)
            if label is None:
                continue
            if m.token_end - m.token_start == 1 and _never_alone(doc.body[m.start : m.end], m):
                continue
            end = m.end
            if label == "LOC" and m.kinds() & {"capital", "place"} and _is_event_name(doc, m, tokens):
                numbered = m.token_end < len(tokens) and tokens[m.token_end].kind == "num"
                if not numbered:
                    continue  # مسار أستانا: the process, neither the city nor a named round
                label = "EVENT"
                end = tokens[m.token_end].end
            out.append(Mention(m.start, end, label, "gazetteer", 1.0, _key(m)))
    return out


def tagger_mentions(doc: Document, tagger: Tagger | None = None) -> list[Mention]:
    """Names found by the statistical tagger (nothing when no model is installed)."""
    tagger = tagger or _default_tagger()
    if tagger is None:
        return []
    out: list[Mention] = []
    body = doc.body
    for s in doc.sentences:
        toks = doc.sentence_tokens(s)
        if not toks:
            continue
        labels = tagger.tag([body[t.start : t.end] for t in toks])
        start: int | None = None
        kind = ""
        for k, (tok, lab) in enumerate(zip(toks, labels, strict=False)):
            inside = lab.startswith("I-") and start is not None and lab[2:] == kind
            if start is not None and not inside:
                out.append(_tagged(toks, start, k, kind))
                start = None
            if lab.startswith("B-") or (lab.startswith("I-") and start is None):
                start, kind = k, lab[2:]
            del tok
        if start is not None:
            out.append(_tagged(toks, start, len(toks), kind))
    return [m for m in out if m.label in ("PER", "ORG", "LOC")]


def _tagged(toks: list[Token], a: int, b: int, kind: str) -> Mention:
    first = toks[a]
    start = first.start
    for seg in first.segments:
        if seg.role not in ("conj", "prep", "fut"):
            start = seg.start
            break
    return Mention(start, toks[b - 1].end, _TAGGER_LABELS.get(kind, kind), "tagger", 0.7)


def merge_mentions(gaz: list[Mention], tagged: list[Mention]) -> list[Mention]:
    """Knowledge-base mentions first; tagger names fill the gaps they leave."""
    names = [m for m in gaz if m.label in ("PER", "ORG", "LOC", "EVENT")]
    out = list(gaz)
    for t in tagged:
        if any(t.start < g.end and g.start < t.end for g in names):
            continue
        out.append(t)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def entities_stage(doc: Document) -> Document:
    """Add ``doc.mentions``: knowledge-base matches and tagger names, sorted by offset."""
    doc.mentions = merge_mentions(gazetteer_mentions(doc), tagger_mentions(doc))
    return doc
