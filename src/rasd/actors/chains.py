"""Titles and institution heads: a title chain introducing a person (``نائب وزير الخارجية فيصل
المقداد``) or standing alone for one named before (``الوزير``), and a head qualified by a nisba
or a country (``الجيش التركي``، ``الخارجية الإيرانية``) as a national body."""

from __future__ import annotations

from rasd.actors.names import name
from rasd.actors.state import Linker, first
from rasd.actors.titles import TitleChain, name_after, parse_chain
from rasd.actors.words import norm
from rasd.model import Mention


def titles(lk: Linker, mentions: list[Mention], by_token: dict[int, Mention], consumed: set[int]) -> None:


    """Title chains: a person after a title takes its role, country and sector; a definite title alone waits for the person it refers back to; a title before a name the entity layer missed makes a person."""
    index = {id(m): i for i, m in enumerate(mentions)}
    for m in mentions:
        if m.label != "TITLE" or index[id(m)] in consumed:
            continue
        chain = parse_chain(lk.doc, m, by_token, lk.token_of, lk.kb)
        for x in mentions:
            if chain.start <= x.start and x.end <= chain.end and x.label in ("TITLE", "NISBA", "BODY"):
                consumed.add(index[id(x)])
        role = lk.doc.body[chain.start : chain.end]
        person = by_token.get(chain.name_token)
        if person is not None and person.label == "PER":
            person.role = person.role or role
            apply_title(lk, person, chain)
            continue
        if person is not None and person.label in ("ORG", "LOC", "EVENT"):
            continue
        rng = name_after(lk.doc, chain.name_token)
        definite = lk.doc.body[m.start : m.start + 2] == "ال" or names_inside(lk, m.start, chain.end)
        if rng is None and chain.titles and definite:
            # الوزير، السفير السعودي: a definite title alone refers back to a person
            lk.anaphors.append((m, chain))
            continue
        if rng is None or not chain.titles:
            continue
        toks = lk.doc.tokens
        a, b = rng
        start, end = toks[a].start, toks[b - 1].end
        new = Mention(start, end, "PER", "title", 0.6, None, role)
        lk.mentions.append(new)
        d = lk.local(new, "PER", lk.doc.body[start:end])
        d.role = d.role or role
        d.country = d.country or chain.country
        d.sector = d.sector or chain.sector


def apply_title(lk: Linker, person: Mention, chain: TitleChain) -> None:


    """Note on a person mention the role and what its title implies."""
    person.role = person.role or lk.doc.body[chain.start : chain.end]
    if not first(person, "actor", "actor_short"):
        # remember what the title says; _name() uses it for a document-local person
        person.key = (person.key + "|" if person.key else "") + f"titled:{chain.country or ''}:{chain.sector or ''}"


def bodies(lk: Linker, mentions: list[Mention], consumed: set[int]) -> None:
    """Institution heads qualified by a nisba or a country become national bodies."""
    toks = lk.doc.tokens
    for i, m in enumerate(mentions):
        if m.label != "BODY" or i in consumed:
            continue
        head = first(m, "body")
        if head is None:
            continue
        k = lk.token_after(m.end)
        # allow one plain adjective between head and nisba (الجيش العربي السوري)
        for step in range(2):
            q = mention_at_token(lk, mentions, k)
            if q is not None:
                code = None
                if q.label == "NISBA":
                    code = first(q, "nisba")
                elif q.label == "LOC" and (first(q, "country") or first(q, "capital")) and "~" in (m.key or ""):
                    code = first(q, "country", "capital")
                if code:
                    new = Mention(m.start, q.end, "ORG", "body", 0.9, f"natbody:{head}:{code}")
                    lk.mentions.append(new)
                    consumed.add(i)
                    if q.label == "NISBA":
                        consumed.add(mentions.index(q))
                    name(lk, new)
                break
            if step == 0 and k < len(toks) and toks[k].kind == "ar" and toks[k].norm.startswith("ال"):
                if toks[k].norm in norm("actors.chains", "domain_adjectives"):
                    break  # النظام المصرفي الإيراني: a system of the country, not its regime
                k += 1
                continue
            break


def mention_at_token(lk: Linker, mentions: list[Mention], k: int) -> Mention | None:


    """The mention that starts on token ``k``."""
    if k >= len(lk.doc.tokens):
        return None
    t = lk.doc.tokens[k]
    for m in mentions:
        if t.start <= m.start < t.end:
            return m
    return None


def names_inside(lk: Linker, start: int, end: int) -> bool:
    """A title made definite by the organization or country it names (رئيس جهاز الأمن)."""
    return any(
        start <= x.start and x.end <= end and x.label in ("ORG", "LOC", "NISBA", "BODY")
        for x in lk.mentions
    )
