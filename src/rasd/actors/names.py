"""Resolving a name mention to an actor: the knowledge base by id, a country, a capital, a place,
a national body, a tagger name the knowledge base knows under that form, a person named earlier
in full, else a document-local actor; and a surname alone (``المقداد``)."""

from __future__ import annotations

from rasd.actors.state import Draft, Linker, entries, first, nominal_heads
from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import frequency, rank
from rasd.model import Mention

_FUNCTION_WORD_RANK = 300  # a knowledge-base short name this common needs its full name first
_ARTICLE_RATIO = 0.2


def reading_country(lk: Linker, kind: str, target: str) -> str | None:


    """The country a knowledge-base reading stands in (a place's country)."""
    if kind in ("country", "capital", "nisba"):
        return target
    if kind == "place":
        place = lk.kb.places.get(target)
        return place.country if place else None
    return None


def mention_countries(lk: Linker, m: Mention) -> set[str]:


    """The countries a mention's readings stand in."""
    return {c for kind, target in entries(m) if (c := reading_country(lk, kind.rstrip("~"), target))}


def document_countries(lk: Linker) -> dict[str, int]:
    """How often each country is named unambiguously (name, adjective, capital, place)."""
    if lk.evidence is None:
        counts: dict[str, int] = {}
        for x in lk.mentions:
            codes = mention_countries(lk, x)
            if len(codes) == 1:
                code = next(iter(codes))
                counts[code] = counts.get(code, 0) + 1
        lk.evidence = counts
    return lk.evidence


def in_context(lk: Linker, m: Mention) -> None:
    """A place name shared by places of several countries (طرابلس: Libya's capital or
    Lebanon's northern city) takes the reading of the country the article names most;
    the knowledge base's default when none is named more."""
    readings = [(kind.rstrip("~"), target) for kind, target in entries(m)]
    by_country = {}
    for kind, target in readings:
        code = reading_country(lk, kind, target)
        if code and code not in by_country:
            by_country[code] = (kind, target)
    if len(by_country) < 2:
        return
    counts = document_countries(lk)
    first = next(iter(by_country))
    best = max(by_country, key=lambda c: counts.get(c, 0))
    if counts.get(best, 0) > counts.get(first, 0):
        kind, target = by_country[best]
        m.key = f"{kind}:{target}"  # the other readings would win by kind (capital first)


def name(lk: Linker, m: Mention) -> None:


    """Resolve a name mention to its actor (see the module)."""
    text = lk.doc.body[m.start : m.end]
    if m.label == "LOC" and m.key:
        in_context(lk, m)
    actor_id = first(m, "actor")
    if actor_id:
        lk.kb_actor(actor_id, m, m.role)
        return
    if m.label == "EVENT":
        key = f"event:{normalize(text)}"
        lk.add(key, Draft(key, text, "EVENT"), m)
        return
    code = first(m, "country")
    if code:
        lk.country(code, m)
        return
    if first(m, "capital"):
        lk.capital(m)
        return
    place_id = first(m, "place")
    if place_id:
        lk.place(place_id, m)
        return
    if m.key and m.key.startswith("natbody:"):
        _, head, code = m.key.split(":", 2)
        body = next((b for b in lk.kb.bodies if b.head_ar == head), None)
        c = lk.kb.countries.get(code)
        key = f"natbody:{normalize(head)}:{code}"
        name_en = f"{c.name_en} {body.name_en}" if c and body else None
        d = lk.add(key, Draft(key, text, "ORG", name_en, code, body.sector if body else None), m)
        d.nominal = normalize(head) in nominal_heads()
        return
    # a tagger name: the knowledge base may still know it under this exact form
    for kind, target in lk.kb.lookup(text):
        if kind == "actor":
            lk.kb_actor(target, m, m.role)
            return
    if m.label == "PER":
        earlier = person_ending_with(lk, normalize(text))
        if earlier is not None:
            earlier.mentions.append(m)  # نوروزي after كامران نوروزي
            return
    d = lk.local(m, m.label, text)
    if m.role and not d.role:
        d.role = m.role
    qualify_org(lk, d, m)


def person_ending_with(lk: Linker, words: str) -> Draft | None:
    """The person introduced earlier whose full name ends with these words."""
    for d in lk.drafts.values():
        if d.type != "PER":
            continue
        for name in {d.name, *(lk.doc.body[x.start : x.end] for x in d.mentions)}:
            full = normalize(name)
            if full != words and full.endswith(" " + words):
                return d
    return None


def qualify_org(lk: Linker, d: Draft, m: Mention) -> None:
    """Country and sector for an unknown organization from the cues inside its name."""
    if d.type != "ORG" or d.country:
        return
    for cue in lk.mentions:
        if m.start <= cue.start and cue.end <= m.end:
            if cue.label == "NISBA" or (cue.label == "LOC" and first(cue, "country")):
                d.country = first(cue, "nisba", "country")
            elif cue.label == "BODY" and d.sector is None:
                head = first(cue, "body")
                body = next((b for b in lk.kb.bodies if b.head_ar == head), None)
                d.sector = body.sector if body else None


def short(lk: Linker, m: Mention) -> None:
    """A surname alone: the full-name actor of this document, else an unambiguous one."""
    ids = [t for kind, t in entries(m) if kind == "actor_short"]
    alias = normalize(lk.doc.body[m.start : m.end])
    for d in lk.drafts.values():
        if d.type == "PER" and d.kb_id is None and normalize(d.name).endswith(" " + alias):
            d.mentions.append(Mention(m.start, m.end, "PER", "coref", 0.8))
            return  # تركي المالكي named earlier: المالكي is him, not another Maliki
    present = [i for i in ids if f"actor:{i}" in lk.drafts]
    if present:
        lk.kb_actor(present[0], m)
        return
    surface = lk.doc.body[m.start : m.end]
    amb = lk.kb.ambiguity(surface)
    if (amb is not None and amb.never_alone) or common_word(normalize(surface)):
        return  # حتى، سلامة، عون: a common word, unless the full name was given
    default = amb.default if amb is not None else None
    if default is not None and default[0] == "actor" and default[1] in lk.kb.actors:
        lk.kb_actor(default[1], m)  # الحوثي alone: the movement, by default
        return
    if lk.date:
        active = [i for i in ids if lk.kb.actors[i].role_on(lk.date) is not None]
        if len(active) == 1:
            lk.kb_actor(active[0], m)
            return
    if len(ids) == 1:
        lk.kb_actor(ids[0], m)


def common_word(word: str) -> bool:
    """A word news uses as an ordinary word: very frequent, or often written with the article
    (السلامة، العون, while names such as ترامب or أردوغان never take it)."""
    r = rank(word)
    if r is not None and r < _FUNCTION_WORD_RANK:
        return True
    if word.startswith("ال"):
        return False
    own = frequency(word)
    return own > 0 and frequency("ال" + word) >= _ARTICLE_RATIO * own
