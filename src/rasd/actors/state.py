"""The linker's state for one document: its own copies of the mentions, the actors drafted so
far, and the helpers every pass uses to add a mention to an actor.

The passes (:mod:`rasd.actors.chains`, :mod:`rasd.actors.names`, :mod:`rasd.actors.coref`,
:mod:`rasd.actors.countries`) are functions that receive this state.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache

from rasd.actors.titles import TitleChain
from rasd.arabic.normalize import normalize
from rasd.kb import KnowledgeBase
from rasd.model import Document, Mention
from rasd.rules import lexicon_file

NAME_LABELS = ("PER", "ORG", "LOC", "EVENT")


@dataclass(slots=True)
class Draft:
    """An actor being built: its key, codes and mentions."""

    key: str
    name: str
    type: str
    name_en: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    nominal: bool = False


@lru_cache(maxsize=1)
def nominal_heads() -> frozenset[str]:
    """Normalized institution heads that describe people or equipment (see the data file)."""
    text = lexicon_file("nominal_heads.txt").read_text("utf-8")
    return frozenset(normalize(x.strip()) for x in text.splitlines() if x.strip() and not x.startswith("#"))


def entries(m: Mention) -> list[tuple[str, str]]:
    """The ``(kind, target)`` readings recorded on a mention."""
    if not m.key:
        return []
    out = []
    for part in m.key.split("|"):
        kind, _, target = part.partition(":")
        out.append((kind, target))
    return out


def first(m: Mention, *kinds: str) -> str | None:


    """The target of the first reading of one of ``kinds`` on a mention."""
    for kind, target in entries(m):
        if kind.rstrip("~") in kinds:
            return target
    return None


class Linker:
    """The actors of one document as the passes build them.

    Args:
        doc: a document with tokens and mentions.
        kb: the knowledge base.
    """

    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        # the linker notes titles and readings on mentions and adds the ones it finds (a person
        # after a title, a national body, a later partial name): on its own copies, since the
        # mention layer is the entity stage's
        self.mentions: list[Mention] = [replace(m) for m in doc.mentions]
        self.date = doc.article.date
        self.drafts: dict[str, Draft] = {}
        self.anaphors: list[tuple[Mention, TitleChain]] = []
        self.evidence: dict[str, int] | None = None
        self._token_ends = [t.end for t in doc.tokens]
        self._token_starts = [t.start for t in doc.tokens]

    def token_of(self, offset: int) -> int:
        """Index of the token that contains ``offset``, or of the first token after it."""
        return bisect_right(self._token_ends, offset)

    def token_after(self, offset: int) -> int:

        """The index of the first token starting at or after ``offset``."""
        return bisect_left(self._token_starts, offset)

    def draft(self, key: str, make: Draft) -> Draft:

        """The draft of ``key``, made from ``make`` when there is none."""
        d = self.drafts.get(key)
        if d is None:
            self.drafts[key] = d = make
        return d

    def add(self, key: str, make: Draft, m: Mention) -> Draft:

        """Add a mention to the draft of ``key`` (made from ``make`` when there is none)."""
        d = self.draft(key, make)
        if all(x.start != m.start or x.end != m.end for x in d.mentions):
            d.mentions.append(m)
        return d

    def kb_actor(self, actor_id: str, m: Mention, role: str | None = None) -> Draft | None:

        """Add a mention to a knowledge-base actor, with its codes on the article's date."""
        a = self.kb.actors.get(actor_id)
        if a is None:
            return None
        country, sector = a.code_on(self.date)
        d = self.add(
            f"actor:{a.id}",
            Draft(f"actor:{a.id}", a.name, a.type, a.name_en, country, sector, None, a.id),
            m,
        )
        if role and not d.role:
            d.role = role
        return d

    def country(self, code: str, m: Mention) -> Draft | None:

        """Add a mention to a country."""
        c = self.kb.countries.get(code)
        if c is None:
            return None
        return self.add(f"country:{code}", Draft(f"country:{code}", c.name_ar, "LOC", c.name_en, code, None, None, f"country:{code}"), m)

    def place(self, place_id: str, m: Mention) -> Draft | None:

        """Add a mention to a knowledge-base place."""
        p = self.kb.places.get(place_id)
        if p is None:
            return None
        return self.add(f"place:{place_id}", Draft(f"place:{place_id}", p.name_ar, "LOC", p.name_en, p.country, None, None, place_id), m)

    def capital(self, m: Mention) -> Draft | None:

        """Add a mention to a capital (as a place when the knowledge base has it)."""
        code = first(m, "capital")
        place_id = first(m, "place")
        if place_id and code and self.kb.places.get(place_id) and self.kb.places[place_id].country == code:
            return self.place(place_id, m)
        c = self.kb.countries.get(code or "")
        if c is None:
            return None
        key = f"capital:{c.code}"
        return self.add(key, Draft(key, c.capital_ar, "LOC", c.capital_en, c.code, None, None, None), m)

    def local(self, m: Mention, label: str, text: str) -> Draft:

        """Add a mention to a document-local actor named ``text``."""
        norm = normalize(text)
        key = f"local:{label}:{norm}"
        return self.add(key, Draft(key, text, label), m)
