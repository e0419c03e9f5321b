"""Knowledge-base name matching over tokens, clitic-aware and longest-match.

Every surface form of the knowledge base (countries, nisba adjectives in all their forms,
capitals, places, actors, short names, institution heads, titles) is tokenized with the
document tokenizer and stored in a token trie under each token's *canonical form*: the stem with
its article, without the conjunctions, prepositions and future marker that Arabic writes
attached (``وطهران`` → ``طهران``, ``والمقداد`` → ``المقداد``, ``للإرهابيين`` → ``الارهابيين``).
A document is matched token by token against the trie, so a clitic never hides a name, and
the longest match starting at each token wins.

A character automaton (Aho-Corasick) over one string cannot express that a token has several
candidate readings (with and without a clitic), which is why the matcher walks a token trie:
the cost is the same few dictionary look-ups per token.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic.normalize import normalize, normalize_with_map
from rasd.arabic.tokens import tokenize
from rasd.arabic.wordfreq import frequency, rank
from rasd.kb import KnowledgeBase, load_kb
from rasd.model import Token

# One-word GeoNames names that are also ordinary words are dropped (see _common_word_place);
# capitals, governorates and curated places are always kept.
_FUNCTION_RANK = 500
_STRIP_RANK = 20_000
_COMMON_RANK = 3_000
_RARE_RANK = 10_000
_TOWN = 100_000
_BIG_CITY = 1_000_000
_ARTICLE_RATIO = 0.15
_MIN_EVIDENCE = 20
_PROCLITIC_ROLES = frozenset({"conj", "prep", "fut"})
# ك (as, like) seldom stands before a name, and names begin with it (كلاوس is not ك + لاوس)
_STRIPPABLE = ("وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل")

# Suffixes of a nisba adjective (base ending in ي): feminine, plurals, dual.
_NISBA_ENDINGS = ("", "ه", "ون", "ين", "ان", "ات", "تين", "تان")


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a matched surface form.

    Attributes:
        kind: ``country``, ``nisba``, ``demonym``, ``capital``, ``place``, ``actor``,
            ``actor_short``, ``body`` or ``title``.
        target: ISO3 code, place id, actor id, body head or title, by kind.
        construct: the form lacks the article (``جيش`` of ``جيش الاحتلال``), so it heads a
            genitive construction.
    """

    kind: str
    target: str
    construct: bool = False


@dataclass(frozen=True, slots=True)
class GazMatch:
    """A match of one or more tokens.

    Attributes:
        token_start, token_end: token index range ``[token_start, token_end)``.
        start, end: character offsets of the name itself (proclitics of the first token left
            out).
        entries: every reading of the matched form, best first.
    """

    token_start: int
    token_end: int
    start: int
    end: int
    entries: tuple[Entry, ...]

    def kinds(self) -> set[str]:
        """The kinds among the readings."""
        return {e.kind for e in self.entries}

    def first(self, *kinds: str) -> Entry | None:
        """The first reading of one of ``kinds``."""
        for e in self.entries:
            if e.kind in kinds:
                return e
        return None


def ordinary_word(word: str, population: int = 0) -> bool:
    """Whether a normalized one-word name is mostly an ordinary word in news.

    Frequency alone cannot tell عدن or إسطنبول (frequent because they are in the news) from
    الثورة (revolution). Ordinary nouns alternate with and without the article (ثورة / الثورة),
    names do not (الحديدة has no حديدة, دبي no الدبي); and the very commonest words (وأن،
    بأنه, which normalize like the towns وان and بانه) are never names.
    """
    r = rank(word)
    if r is None:
        return False
    if r < _FUNCTION_RANK and population < _BIG_CITY:
        return True
    own = frequency(word)
    other = word[2:] if word.startswith("ال") else "ال" + word
    if own >= _MIN_EVIDENCE and frequency(other) >= _ARTICLE_RATIO * own:
        return True
    if word[0] in "يتن" and r < _RARE_RANK and population < _TOWN:
        return True  # ينقل: a verb that a village shares
    return r < _COMMON_RANK and population < _TOWN


def canonical(token: Token) -> str:
    """The token's canonical form: stem with its article, without attached particles.

    An attached pronoun stays: a name never carries one, so زيارته must not become the town
    زيارت.
    """
    segments = token.segments
    if len(segments) == 1:  # most words: no clitic (a lone particle leaves the whole token)
        seg = segments[0]
        if seg.role in _PROCLITIC_ROLES:
            return token.norm
        return "ال" if seg.role == "det" else seg.norm or token.norm
    if not segments:
        return token.norm
    parts: list[str] = []
    for seg in segments:
        if seg.role in _PROCLITIC_ROLES:
            continue
        parts.append("ال" if seg.role == "det" else seg.norm)
    return "".join(parts) or token.norm


def candidate_forms(token: Token) -> tuple[tuple[str, int], ...]:
    """Readings of a token as ``(form, skip)``: canonical form first, then the whole token, then
    forms with a leading particle removed; ``skip`` counts the normalized characters before the
    name (``-1``: take the start of the first non-particle segment).

    The segmenter keeps a particle attached when the remaining stem is rare in its word list;
    names often are, so the alternatives let ``ولاريجاني`` reach ``لاريجاني``.
    """
    for seg in token.segments:
        if seg.role == "fut":
            return ((token.norm, 0),)  # سينقل: the future particle only stands before a verb
    return _forms(token.norm, canonical(token), token.kind == "ar")


@lru_cache(maxsize=100_000)
def _forms(norm: str, canon: str, arabic: bool) -> tuple[tuple[str, int], ...]:
    forms: list[tuple[str, int]] = [(canon, -1)]
    seen = {canon}
    if norm not in seen:
        forms.append((norm, 0))
        seen.add(norm)
    r = rank(norm)
    if arabic and (r is None or r >= _STRIP_RANK):
        # only an unusual word may hide a name behind a particle (ولاريجاني), not a common one
        # (كبيرا is not ك + the town بيرا)
        for p in _STRIPPABLE:
            if norm.startswith(p) and len(norm) - len(p) >= 3:
                if p.endswith(("ال", "لل")):
                    # وال/بال keep the article; لل is ل + the article without its alef
                    rest, skip = "ال" + norm[len(p) :], len(p) - 2 if p.endswith("ال") else len(p) - 1
                else:
                    rest, skip = norm[len(p) :], len(p)
                if rest not in seen:
                    forms.append((rest, skip))
                    seen.add(rest)
    return tuple(forms)


def _key_tokens(surface: str) -> tuple[str, ...]:
    """Trie key of a knowledge-base name: its tokens' whole normalized forms.

    Names are stored without attached particles, so their tokens are not segmented (the
    segmenter would read وان, the Turkish city, as و + ان); the document side tries each
    token with and without its particles.
    """
    return tuple(t.norm for t in tokenize(surface) if t.kind != "punct" or t.norm in "-–")


class _Node:
    __slots__ = ("children", "entries")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.entries: list[Entry] = []


class Gazetteer:
    """A token trie of every knowledge-base surface form.

    Args:
        kb: the knowledge base (default: the shipped one).
    """

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self.kb = kb or load_kb()
        self._root = _Node()
        self.size = 0
        for surface, kind, target in self._surfaces():
            self.add(surface, Entry(kind, target))
            if kind in ("body", "title") and normalize(surface).startswith("ال"):
                # the construct state drops the article: الجيش → جيش (جيش الاحتلال)
                self.add(surface[2:] if surface.startswith("ال") else surface, Entry(kind, target, construct=True))

    def _common_word_place(self, surface: str, place_id: str) -> bool:
        """A gazetteer town whose one-word name is also an ordinary word (الثورة، الباب، حجة)."""
        place = self.kb.places.get(place_id)
        if place is None or not place_id.startswith("geo:") or place.kind in ("capital", "governorate"):
            return False
        key = _key_tokens(surface)
        return len(key) == 1 and ordinary_word(key[0], place.population)

    def _ordinary_alias(self, surface: str, kind: str, code: str) -> bool:
        """A one-word alias of a country, or a capital's name, that is an ordinary word (القمر
        for the Comoros, ماليه for Malé); a country's canonical name is always kept."""
        country = self.kb.countries.get(code)
        if country is None:
            return False
        if kind == "country" and surface == country.name_ar:
            return False
        key = _key_tokens(surface)
        if len(key) != 1:
            return False
        # سورية is also the feminine adjective سورية/السورية: that is no evidence of a noun
        if key[0] in {normalize(n) + "ه" for n in country.nisba}:
            return False
        return ordinary_word(key[0], 0)

    def _surfaces(self) -> Iterable[tuple[str, str, str]]:
        for surface, kind, target in self.kb.surface_forms():
            if kind == "place" and self._common_word_place(surface, target):
                continue
            if kind in ("country", "capital") and self._ordinary_alias(surface, kind, target):
                continue
            if kind == "actor" and len(_key_tokens(surface)) == 1:
                r = rank(_key_tokens(surface)[0])
                if r is not None and r < _COMMON_RANK:
                    kind = "actor_short"  # أسماء، أمل: the linker asks for context
            if kind == "nisba":
                base = surface
                for ending in _NISBA_ENDINGS:
                    form = base + ending
                    yield form, "nisba", target
                    yield "ال" + form, "nisba", target
            elif kind == "demonym":
                yield surface, kind, target
                if not surface.startswith("ال"):
                    yield "ال" + surface, kind, target
            else:
                yield surface, kind, target

    def add(self, surface: str, entry: Entry) -> None:
        """Add one surface form with its reading."""
        key = _key_tokens(surface)
        if not key:
            return
        node = self._root
        for k in key:
            child = node.children.get(k)
            if child is None:
                node.children[k] = child = _Node()
            node = child
        if entry not in node.entries:
            node.entries.append(entry)
            self.size += 1

    def match(
        self, tokens: list[Token], body: str, lo: int = 0, hi: int | None = None
    ) -> list[GazMatch]:
        """Longest non-overlapping matches in ``tokens[lo:hi]`` of ``body``, left to right."""
        hi = len(tokens) if hi is None else hi
        out: list[GazMatch] = []
        i = lo
        while i < hi:
            tok = tokens[i]
            if tok.kind not in ("ar", "latin", "num"):
                i += 1
                continue
            best: tuple[int, list[Entry], int] | None = None
            for first, skip in candidate_forms(tok):
                node = self._root.children.get(first)
                if node is None:
                    continue
                j = i + 1
                if node.entries and (best is None or j > best[0]):
                    best = (j, node.entries, skip)
                while j < hi and node.children:
                    nxt = tokens[j]
                    child = node.children.get(nxt.norm) or node.children.get(canonical(nxt))
                    if child is None:
                        break
                    node = child
                    j += 1
                    if node.entries and (best is None or j > best[0]):
                        best = (j, node.entries, skip)
            if best is None:
                i += 1
                continue
            j, entries, skip = best
            start = _name_start(tok, skip, body)
            out.append(GazMatch(i, j, start, _name_end(tokens[j - 1]), tuple(entries)))
            i = j
        return out


def _name_start(token: Token, skip: int, body: str) -> int:
    """Offset where the matched form begins inside ``token`` (after its particles)."""
    if skip == -1:
        for seg in token.segments:
            if seg.role in _PROCLITIC_ROLES:
                continue
            if seg.role == "det" and seg.end - seg.start == 1:
                continue  # the ل of لل is the article without its alef: start at the stem
            return seg.start
        return token.start
    if skip == 0:
        return token.start
    _, offsets = normalize_with_map(body[token.start : token.end])
    return token.start + offsets[min(skip, len(offsets) - 1)]


def _name_end(token: Token) -> int:
    """Offset where the name ends: an attached pronoun is left out."""
    if token.segments and token.segments[-1].role == "pron":
        return token.segments[-1].start
    return token.end


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The gazetteer of the shipped knowledge base, built once per process."""
    return Gazetteer()
