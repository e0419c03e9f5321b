"""Actors the event coder needs that the actor layer does not list.

An event's actor or recipient must be an entity of the document. Three kinds of participants
are named in news without a name the actor layer links:

* a country named only by an adjective or a people's name (``غارة إسرائيلية``، ``الأميركيين``):
  the country's entity when the document has one, else a new country entity;
* a group named by a common noun (``مسلحون``، ``المتظاهرون``، ``الشرطة الأفغانية``): a new
  document-local actor with the noun's sector and the country of its nisba (or of the event's
  place, for domestic groups such as police or protesters);
* an unidentified perpetrator implied by the event itself (``هجوم انتحاري``، ``انفجار سيارة
  مفخخة``، ``خرجت مظاهرات``): one document-local actor ("unidentified attackers", sector UAF;
  or "protesters", sector CVL) whose mention is the words that imply it.

The :class:`ActorFactory` creates these only when an event uses them and appends them to
``doc.entities`` after the actor layer's own entities (ids continue the numbering; mentions have
source ``event``); it never changes an existing entity.
"""

from __future__ import annotations

from rasd.events.lexicon import AgentNoun
from rasd.kb import load_kb
from rasd.model import Actor, Document, Mention

UNIDENTIFIED_ATTACKERS = "مهاجمون مجهولون"
PROTESTERS = "متظاهرون"
# sectors of groups that belong to the place where they act
_LOCAL_SECTORS = frozenset({"CVL", "COP", "GOV", "EDU", "LAB", "JRN", "REF", "OPP", "CRM", "REB"})


class ActorFactory:
    """Finds or creates the entities that event slots need, for one document."""

    def __init__(self, doc: Document) -> None:
        """Index the document's entities."""
        self.doc = doc
        self.created: list[Actor] = []
        self._countries: dict[str, str] = {}
        for e in doc.entities:
            if e.country and (e.kb_id or "") == f"country:{e.country}":
                self._countries.setdefault(e.country, e.id)
        numbers = [int(e.id[1:]) for e in doc.entities if e.id[1:].isdigit()]
        self._next = max(numbers, default=0) + 1
        self._groups: dict[tuple[str, str | None], Actor] = {}

    def _new_id(self) -> str:
        i = f"e{self._next}"
        self._next += 1
        return i

    def country(self, code: str, start: int, end: int) -> str | None:
        """The entity of a country (existing, or new with the words as its mention)."""
        found = self._countries.get(code)
        if found is not None:
            return found
        c = load_kb().countries.get(code)
        if c is None:
            return None
        actor = Actor(
            id=self._new_id(),
            name=c.name_ar,
            type="LOC",
            name_en=c.name_en,
            country=code,
            kb_id=f"country:{code}",
            mentions=[Mention(start, end, "LOC", "event", 0.7, f"country:{code}")],
            nominal=True,  # named only by an adjective or a pronoun (الفلسطيني، بلاده)
        )
        self.created.append(actor)
        self._countries[code] = actor.id
        return actor.id

    def group(self, agent: AgentNoun, country: str | None, start: int, end: int) -> str:
        """A document-local actor for a group named by a common noun (one per noun and country)."""
        key = (agent.name, country)
        found = self._groups.get(key)
        if found is not None:
            if all(m.start != start for m in found.mentions):
                found.mentions.append(Mention(start, end, "ORG", "event", 0.6))
            return found.id
        actor = Actor(
            id=self._new_id(),
            name=agent.name,
            type="ORG",
            country=country,
            sector=agent.sector,
            mentions=[Mention(start, end, "ORG", "event", 0.6)],
            nominal=True,
        )
        self.created.append(actor)
        self._groups[key] = actor
        return actor.id

    def implicit(self, protest: bool, country: str | None, start: int, end: int) -> str:
        """The unidentified attackers (or protesters) an event implies; mention = the cue words."""
        agent = AgentNoun(PROTESTERS if protest else UNIDENTIFIED_ATTACKERS, "CVL" if protest else "UAF", frozenset())
        key = (agent.name, country)
        found = self._groups.get(key)
        if found is not None:
            if all(m.start != start for m in found.mentions):
                found.mentions.append(Mention(start, end, "ORG", "event", 0.4))
            return found.id
        actor = Actor(
            id=self._new_id(),
            name=agent.name,
            type="ORG",
            country=country,
            sector=agent.sector,
            mentions=[Mention(start, end, "ORG", "event", 0.4)],
            nominal=True,
        )
        self.created.append(actor)
        self._groups[key] = actor
        return actor.id

    @staticmethod
    def local_country(agent: AgentNoun | None, place_country: str | None, construct: bool = False) -> str | None:
        """The country a group without a nisba belongs to: the place's, for domestic groups.

        Unidentified perpetrators have none, unless named as someone's (مسلحو المقاومة).
        """
        if agent is None or ("unknown" in agent.flags and not construct):
            return None
        if construct:
            return place_country
        return place_country if agent.sector in _LOCAL_SECTORS else None

    def commit(self) -> None:
        """Append the created entities to the document."""
        for a in self.created:
            a.mentions.sort(key=lambda m: m.start)
        self.doc.entities.extend(self.created)
