"""Office titles before names: ``نائب وزير الخارجية والمغتربين فيصل المقداد``.

A title chain starts at a ``TITLE`` cue and runs over further titles (نائب + وزير), nisba
adjectives (التركي), country names (وزير خارجية إيران), organizations (رئيس مجلس الشورى
الإسلامي), institution heads (المتحدث باسم الخارجية) and short qualifiers (للشؤون العربية،
السابق) up to the person's name. It yields the role words and the country and sector they
imply, so that a person absent from the knowledge base still gets a country and a sector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rasd.actors import words
from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import rank
from rasd.kb import KnowledgeBase, name_words
from rasd.model import Document, Mention, Token

_MAX_QUALIFIERS = 5
# words that may sit inside a title chain without being names (their normalized forms)
_QUALIFIER_PREFIXES = ("ال", "لل", "وال", "بال")


@dataclass(slots=True)
class TitleChain:
    """A parsed title: its span, what it implies and where the name begins.

    Attributes:
        start, end: span of the role words.
        name_token: index of the first token after the chain (where the name should be).
        titles: the title heads met, in order.
        country: country or group code implied by a nisba, a country name or an organization.
        sector: sector implied by the last sector-bearing title or by the organization.
    """

    start: int
    end: int
    name_token: int
    titles: list[str]
    country: str | None
    sector: str | None


def _entries(m: Mention) -> list[tuple[str, str]]:
    out = []
    for part in (m.key or "").split("|"):
        kind, _, target = part.partition(":")
        out.append((kind.rstrip("~"), target))
    return out


def parse_chain(
    doc: Document,
    title: Mention,
    by_token: dict[int, Mention],
    token_of: Callable[[int], int],
    kb: KnowledgeBase,
) -> TitleChain:
    """Parse the title chain that starts with the cue ``title``."""
    tokens: list[Token] = doc.tokens
    titles_by_head = {t.title_ar: t for t in kb.titles}
    k = token_of(title.start)
    heads: list[str] = []
    country: str | None = None
    sector: str | None = None
    end = title.end
    qualifiers = 0
    while k < len(tokens):
        m = by_token.get(k)
        if m is not None:
            entries = _entries(m)
            kinds = {e[0] for e in entries}
            if m.label == "TITLE":
                head = entries[0][1]
                heads.append(head)
                t = titles_by_head.get(head)
                if t is not None and t.sector:
                    sector = t.sector
            elif m.label == "NISBA" or "country" in kinds:
                country = next(t for kd, t in entries if kd in ("nisba", "country"))
            elif m.label == "ORG" and "actor" in kinds:
                actor = kb.actors.get(next(t for kd, t in entries if kd == "actor"))
                if actor is not None:
                    country = actor.country or country
                    sector = actor.sector or sector
            elif m.label == "BODY":
                body = next((b for b in kb.bodies if b.head_ar == entries[0][1]), None)
                if body is not None and sector is None:
                    sector = body.sector
            else:
                break
            end = m.end
            # always move forward: a mention may end inside its token (before a pronoun)
            k = max(k + 1, token_of(m.end))
            qualifiers = 0
            continue
        tok = tokens[k]
        if tok.kind != "ar" or qualifiers >= _MAX_QUALIFIERS:
            break
        norm = tok.norm
        post = by_token.get(k + 1) if heads and norm in words.norm("actors.titles", "posting") else None
        if post is not None and post.label == "LOC":
            # السفير الفرنسي لدى بيروت: the posting is part of the title; it names where the
            # holder serves, their country only when none was given (رئيس الحزب الحاكم في رومانيا)
            if norm == _FI and country is None:
                # the post's first reading: a country or a capital names one, a town does not
                kind, target = next(((kd, t) for kd, t in _entries(post) if kd in ("country", "capital", "place")), ("", ""))
                country = target if kind in ("country", "capital") else None
            end = post.end
            k = max(k + 2, token_of(post.end))
            qualifiers = 0
            continue
        if norm in words.raw("actors.titles", "qualifiers") or norm.startswith(_QUALIFIER_PREFIXES):
            qualifiers += 1
            end = tok.end
            k += 1
            continue
        break
    return TitleChain(title.start, end, k, heads, country, sector)


_FI = normalize("في")


_RARE_RANK = 3000  # a word rarer than this in news may be a name


def _name_like(tok: Token, first: bool, surface: str) -> bool:
    n = tok.norm
    if tok.kind != "ar" or n in words.norm("actors.titles", "name_stops") or len(n) < 2:
        return False
    if tok.segments and tok.segments[0].role in ("conj", "prep", "fut"):
        return False  # ومؤسس، بأن: a name does not carry a particle
    if tok.segments and tok.segments[-1].role == "pron":
        return False  # صفحته
    if first and surface.endswith("ى"):
        return False  # على، إلى: the preposition, not the name علي
    if n in name_words() or n in words.norm("actors.titles", "name_links"):
        return True
    if first:
        # a first word unknown as a name must be unseen in news (a foreign name)
        return not n.startswith("ال") and rank(n) is None
    r = rank(n)
    return r is None or r >= _RARE_RANK


def name_after(doc: Document, k: int, max_tokens: int = 4) -> tuple[int, int] | None:
    """Token range of a plausible person name starting at token ``k`` (no tagger needed).

    Takes consecutive Arabic words that are known name words or rare in news, so that a title
    followed by an ordinary noun (رئيس جهاز…) does not invent a person.
    """
    tokens = doc.tokens
    j = k
    while j < len(tokens) and j - k < max_tokens:
        t = tokens[j]
        if j > k and t.segments and t.segments[0].role in ("conj", "prep"):
            break
        linked = j > k and tokens[j - 1].norm in words.norm("actors.titles", "name_links")
        surface = doc.body[t.start : t.end]
        if not (linked and t.kind == "ar") and not _name_like(t, j == k, surface):
            break
        j += 1
    if j > k and tokens[j - 1].norm in words.norm("actors.titles", "name_links"):
        j -= 1
    return (k, j) if j > k else None
