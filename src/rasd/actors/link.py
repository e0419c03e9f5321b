"""Link mentions to actors and resolve in-document coreference.

From the typed mentions and cues of :mod:`rasd.entities`, build one :class:`~rasd.model.Actor`
per real-world actor, pass by pass, on the linker's state (:class:`rasd.actors.state.Linker`):

* title chains and national bodies (:mod:`rasd.actors.chains`): office titles parsed into role,
  country and sector, also for persons absent from the knowledge base; institution heads
  qualified by a nisba adjective or a country (``الجيش التركي`` → TUR MIL);
* names (:mod:`rasd.actors.names`): knowledge-base persons, organizations, countries, capitals
  and places by id, unrecognised names as document-local actors, and surnames alone only when
  they are unambiguous;
* coreference (:mod:`rasd.actors.coref`): short and partial names (``المقداد``، ``جابري
  أنصاري``) resolved to the full name introduced in the document, a bare head (``الجيش``) to the
  national body named before it, a definite title to the last person with it;
* countries (:mod:`rasd.actors.countries`): a nationality apposed or the sentence's one country.
"""

from __future__ import annotations

from rasd.actors.chains import bodies, titles
from rasd.actors.coref import bare_bodies, bare_kingdom, partial_names, title_anaphora
from rasd.actors.countries import actors
from rasd.actors.names import name, short
from rasd.actors.state import NAME_LABELS, Linker, first
from rasd.kb import KnowledgeBase, load_kb
from rasd.model import Actor, Document, Mention


def run(lk: Linker) -> list[Actor]:
    """All passes, in order; returns the actors sorted by first mention."""
    mentions = sorted(lk.mentions, key=lambda m: (m.start, -m.end))
    by_token: dict[int, Mention] = {}
    for m in mentions:
        by_token.setdefault(lk.token_of(m.start), m)
    consumed: set[int] = set()
    titles(lk, mentions, by_token, consumed)
    bodies(lk, mentions, consumed)
    shorts: list[Mention] = []
    for i, m in enumerate(mentions):
        if i in consumed or m.label not in NAME_LABELS:
            continue
        if first(m, "actor_short") and not first(m, "actor"):
            shorts.append(m)
            continue
        name(lk, m)
    for m in shorts:
        short(lk, m)
    partial_names(lk)
    bare_bodies(lk, mentions)
    bare_kingdom(lk, mentions)
    title_anaphora(lk)
    return actors(lk)


def link_actors(doc: Document, kb: KnowledgeBase | None = None) -> list[Actor]:
    """The actors of ``doc`` (which must have tokens and mentions)."""
    return run(Linker(doc, kb or load_kb()))
