"""Build analysed documents by hand for the event coder's tests.

The coder reads tokens, entities, cue mentions (nisba adjectives) and quotes. These helpers make
them from inline Arabic so that a test depends only on the coder, not on the current state of the
knowledge base or of the entity and quote layers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tests.conftest import assert_spans_exact

from rasd.events import rule_events_stage
from rasd.model import Actor, Article, Document, Event, Mention, Quote, Span
from rasd.pipeline import text_stage


@dataclass(frozen=True)
class Ent:
    """An entity to place in the text: every occurrence of ``surface`` is a mention."""

    surface: str
    type: str
    country: str | None
    sector: str | None = None
    kb_id: str | None = None


def country(surface: str, code: str) -> Ent:
    """A country entity (linked to the knowledge base's country record)."""
    return Ent(surface, "LOC", code, None, f"country:{code}")


def place(surface: str, code: str, kb_id: str | None = None) -> Ent:
    """A city or region entity."""
    return Ent(surface, "LOC", code, None, kb_id)


def person(surface: str, code: str, sector: str = "GOV") -> Ent:
    """A person entity."""
    return Ent(surface, "PER", code, sector)


def org(surface: str, code: str | None, sector: str | None = None) -> Ent:
    """An organization entity."""
    return Ent(surface, "ORG", code, sector)


def _spans(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]


def make_doc(
    text: str,
    entities: list[Ent] = (),  # type: ignore[assignment]
    *,
    nisba: dict[str, str] | None = None,
    demonyms: dict[str, str] | None = None,
    titles: list[str] = (),  # type: ignore[assignment]
    quotes: list[tuple[str, ...]] = (),  # type: ignore[assignment]
    date: str | None = None,
) -> Document:
    """A document with tokens, entities, nisba cues and quotes, not yet coded.

    Args:
        text: the article body.
        entities: entities whose every occurrence is a mention (longer surfaces first win).
        nisba: adjective → ISO3 code (``{"التركية": "TUR"}``); ``demonyms`` likewise for a
            people's name (``{"الأتراك": "TUR"}``).
        titles: office titles (``وزير الخارجية``): every occurrence is a title cue.
        quotes: ``(content, speaker surface, cue surface, co-speaker surfaces…)``; the content is
            a quote of the speaker's entity (an empty speaker surface: an unnamed source).
        date: the article's publication date.
    """
    doc = text_stage(Document(article=Article(body=text, date=date)))
    taken: list[tuple[int, int]] = []
    actors: list[Actor] = []
    for ent in sorted(entities, key=lambda e: -len(e.surface)):
        mentions = []
        for a, b in _spans(text, ent.surface):
            if any(a < y and x < b for x, y in taken):
                continue
            taken.append((a, b))
            mentions.append(Mention(a, b, ent.type, "test"))
        actors.append(
            Actor(
                id="",
                name=ent.surface,
                type=ent.type,
                country=ent.country,
                sector=ent.sector,
                kb_id=ent.kb_id,
                mentions=mentions,
            )
        )
    actors = [a for a in actors if a.mentions]
    actors.sort(key=lambda a: a.mentions[0].start)
    for n, a in enumerate(actors, start=1):
        a.id = f"e{n}"
    doc.entities = actors
    doc.mentions = [m for a in actors for m in a.mentions]
    for label, cues in (("NISBA", nisba or {}), ("DEMONYM", demonyms or {})):
        for surface, code in cues.items():
            for a, b in _spans(text, surface):
                if not any(a < y and x < b for x, y in taken):
                    doc.mentions.append(Mention(a, b, label, "test", 1.0, f"{label.lower()}:{code}"))
    for surface in titles:
        for a, b in _spans(text, surface):
            doc.mentions.append(Mention(a, b, "TITLE", "test", 1.0))
    doc.mentions.sort(key=lambda m: m.start)
    by_name = {a.name: a.id for a in actors}
    for n, (content, speaker, cue, *co) in enumerate(quotes, start=1):
        c0 = text.index(content)
        k0 = text.index(cue)
        doc.quotes.append(
            Quote(
                id=f"q{n}",
                speaker=by_name[speaker] if speaker else None,
                speaker_text=speaker or None,
                cue=Span(k0, k0 + len(cue)),
                content=Span(c0, c0 + len(content)),
                kind="direct",
                co_speakers=[by_name[x] for x in co],
            )
        )
    return doc


def code(text: str, entities: list[Ent] = (), **kwargs: object) -> Document:  # type: ignore[assignment]
    """Make the document and run the event stage on it."""
    doc = rule_events_stage(make_doc(text, entities, **kwargs))  # type: ignore[arg-type]
    assert_spans_exact(doc, text)
    return doc


def sides(doc: Document, ev: Event) -> tuple[set[str | None], set[str | None]]:
    """Country codes of an event's actors and recipients."""

    def codes(ids: list[str]) -> set[str | None]:
        return {(doc.entity(i).country if doc.entity(i) else None) for i in ids}

    return codes(ev.actors), codes(ev.recipients)


def only(doc: Document, etype: str) -> Event:
    """The single event of this type (fails when there is none or more than one)."""
    found = [e for e in doc.events if e.type == etype]
    assert len(found) == 1, [(e.type, e.actors, e.recipients) for e in doc.events]
    return found[0]
