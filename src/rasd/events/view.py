"""The sentence view: a light syntactic picture of one sentence for the event rules.

No parser: the view marks what the coder needs with a few cheap passes over the tokens —

* **arguments**: the spans that can fill an actor or recipient slot: resolved entities
  (persons, organizations, countries, capitals, places), nisba adjectives and demonyms not part
  of an entity (``الأميركيين``، ``غارة إسرائيلية``), agent nouns (``مسلحون``، ``المتظاهرون``),
  and "his country" words (``بلاده``);
* the **preposition** that governs each argument, directly (``في طهران``، ``لسورية``) or
  through the noun it is the genitive of (``لموقف إيران``، ``بخروج الجيش التركي``), inherited
  along a coordination (``من حلفائه وروسيا``);
* **clause openers**: punctuation, subordinators (أن، إن، حيث، بينما…), relative pronouns and a
  conjunction before a verb, so that an actor is not taken across a clause that has its own
  verb;
* **cues**: lexicon matches, light verbs and markers per token.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.dates import DateMention
from rasd.events.governor import bare_norm, governor, prepositions
from rasd.events.lexicon import AgentNoun, Analysis, Hit, Lexicon, Light
from rasd.events.words import marker
from rasd.model import Actor, Document, Mention, Quote, Sentence, Token
from rasd.places import place_info
from rasd.quotes.lexicon import saying_verbs

_HARD_PUNCT = frozenset(".!?؟؛;:[]{}")
# quotation marks are not clause breaks: a quoted fragment continues its clause (إسرائيل "مصممة على …")
_SOFT_PUNCT = frozenset("،,-–—\"«»“”()")


@dataclass(slots=True)
class Arg:
    """A span that can fill an actor or recipient slot.

    Attributes:
        t0, t1: token range ``[t0, t1)`` (document token indices).
        start, end: character offsets of the words.
        kind: ``person``, ``org``, ``country``, ``capital``, ``place``, ``nisba``, ``agent`` or
            ``own`` (بلاده).
        entity: the entity id (``None`` for cues that are not entities yet).
        country: ISO3 or group code.
        sector: PLOVER sector, when known.
        prep: the preposition that governs it (canonical, normalized), or ``None``.
        via_head: the preposition reaches it through a noun it is the genitive of.
        conj: the first word carries the conjunction و/ف.
        agent: the agent-noun entry for ``agent`` arguments.
    """

    t0: int
    t1: int
    start: int
    end: int
    kind: str
    entity: str | None
    country: str | None
    sector: str | None = None
    prep: str | None = None
    via_head: bool = False
    conj: bool = False
    agent: AgentNoun | None = None
    prep_at: int | None = None  # token index of the governing preposition

    @property
    def can_act(self) -> bool:
        """Whether the argument may be an actor (a plain place cannot)."""
        return self.kind not in ("place",)


@dataclass(slots=True)
class TokenInfo:
    """What the coder knows about one token."""

    hits: tuple[Hit, ...] = ()
    light: tuple[Light, str, Analysis] | None = None
    punct: str = ""
    opener: bool = False  # a subordinator or relative pronoun opens a clause here
    relative: bool = False
    skip: bool = False  # adverb or time word
    stems: frozenset[str] = frozenset()
    verb_like: bool = False
    conj: bool = False  # the word carries و/ف
    agent: AgentNoun | None = None  # the agent noun it is (مسلحون، المتظاهرون)
    own: bool = False  # "his country" (بلاده)


@dataclass(slots=True)
class SentenceView:
    """One sentence prepared for coding."""

    doc: Document
    sentence: Sentence
    lo: int
    hi: int
    info: list[TokenInfo]
    args: list[Arg] = field(default_factory=list)
    arg_at: dict[int, Arg] = field(default_factory=dict)
    quote_at: dict[int, Quote] = field(default_factory=dict)
    title_tokens: set[int] = field(default_factory=set)

    def tok(self, k: int) -> Token:
        """The document token at index ``k``."""
        return self.doc.tokens[k]

    def ti(self, k: int) -> TokenInfo:
        """The token information at document index ``k``."""
        return self.info[k - self.lo]

    def is_hard(self, k: int) -> bool:
        """A clause break at token ``k`` (strong punctuation)."""
        return bool(self.ti(k).punct) and self.ti(k).punct in _HARD_PUNCT

    def is_soft(self, k: int) -> bool:
        """A comma or dash at token ``k``."""
        return bool(self.ti(k).punct) and self.ti(k).punct in _SOFT_PUNCT

    def clause_start(self, k: int) -> int:
        """The first token of the clause that token ``k`` is in (a verb after و opens its own)."""
        info = self.info
        lo = self.lo
        ti = info[k - lo]
        if ti.conj and ti.verb_like:
            return k
        j = k
        while j > lo:
            prev = info[j - 1 - lo]
            if prev.punct and prev.punct in _HARD_PUNCT:
                return j
            cur = info[j - lo]
            if j < k and (cur.opener or (cur.conj and cur.verb_like)):
                return j
            j -= 1
        return lo

    def clause_end(self, k: int) -> int:
        """The token after the last token of the clause that token ``k`` is in."""
        info = self.info
        lo = self.lo
        j = k + 1
        while j < self.hi:
            cur = info[j - lo]
            if (cur.punct and cur.punct in _HARD_PUNCT) or cur.opener or (cur.conj and cur.verb_like):
                return j
            j += 1
        return self.hi


def _entity_kind(e: Actor) -> str | None:
    if e.type == "PER":
        return "person"
    if e.type == "ORG":
        return "org"
    if e.type in ("LOC", "GPE"):
        info = place_info(e)
        if info is None:
            return None
        if info.kind == "country":
            return "country"
        if info.capital:
            return "capital"
        return "place"
    return None


class _TokenAt:
    """Character offset → index of the token covering it (tokens lo..hi), by bisection."""

    def __init__(self, doc: Document, lo: int, hi: int) -> None:
        self.tokens = doc.tokens
        self.lo, self.hi = lo, hi
        self.starts = [doc.tokens[k].start for k in range(lo, hi)]

    def get(self, offset: int) -> int | None:

        """The token covering ``offset``, or None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0:
            return None
        k = self.lo + i
        return k if offset < self.tokens[k].end else None

    def __contains__(self, offset: int) -> bool:
        return self.get(offset) is not None

    def __getitem__(self, offset: int) -> int:
        k = self.get(offset)
        if k is None:
            raise KeyError(offset)
        return k


_INFO_CACHE: dict[tuple[str, str], TokenInfo] = {}


def _token_info(lex: Lexicon, t: Token, body: str) -> TokenInfo:
    """What the coder needs of a token, computed once per word form."""
    key = (t.kind, t.norm if t.kind != "punct" else body[t.start : t.start + 1])
    found = _INFO_CACHE.get(key)
    if found is not None:
        return found
    conj = t.kind == "ar" and t.has_prefix("conj")
    if t.kind == "punct":
        ti = TokenInfo(punct=key[1])
    elif t.kind != "ar":
        ti = TokenInfo(stems=frozenset({t.norm}))
    else:
        hits = lex.match(t.norm)
        light = lex.light(t.norm)
        readings = [h.analysis for h in hits if h.form.verbal] + ([light[2]] if light is not None else [])
        if conj and readings and not any("conj" in r.roles for r in readings):
            conj = False  # فتحت النار: the ف of the verb's root is no conjunction
        # the tokenizer keeps a frequent و+verb whole (وحث): the lexicon's reading splits it
        conj = conj or any("conj" in h.analysis.roles for h in hits) or (light is not None and "conj" in light[2].roles)
        bare = t.norm[1:] if conj else t.norm
        relative = marker("events.view", "relative")
        openers = marker("events.view", "boundary") | relative
        own = marker("events.view", "own_country")
        skip = marker("events.view", "skip")
        ti = TokenInfo(
            hits=hits,
            light=light,
            opener=bare in openers,
            relative=bare in relative,
            skip=t.norm in skip or bare in skip,
            stems=lex.stems(t.norm),
            verb_like=(any(h.form.verbal for h in hits) or light is not None or bare in saying_verbs())
            and bare not in prepositions(),
            conj=conj,
            agent=lex.agent(t.norm),
            own=bare in own or t.norm in own,
        )
    if len(_INFO_CACHE) > 300_000:
        _INFO_CACHE.clear()
    _INFO_CACHE[key] = ti
    return ti


def _mention_key(m: Mention, kind: str) -> str | None:
    for part in (m.key or "").split("|"):
        k, _, target = part.partition(":")
        if k.rstrip("~") == kind:
            return target
    return None


def build_view(
    doc: Document,
    sentence: Sentence,
    lex: Lexicon,
    entity_mentions: list[tuple[Mention, Actor]],
    cue_mentions: list[Mention],
    quotes: list[Quote],
    dates: Sequence[DateMention] = (),
) -> SentenceView:
    """Prepare one sentence: token information, arguments and their prepositions."""
    lo, hi = sentence.token_start, sentence.token_end
    toks = doc.tokens
    info = [_token_info(lex, toks[k], doc.body) for k in range(lo, hi)]
    view = SentenceView(doc, sentence, lo, hi, info)
    where = _TokenAt(doc, lo, hi)
    # words of a date (تشرين أول، الجمعة) are never actors
    date_tokens: set[int] = set()
    for dm in dates:
        for c in (dm.start, dm.end - 1):
            if c in where:
                date_tokens.add(where[c])
        a0, b0 = where.get(dm.start), where.get(dm.end - 1)
        if a0 is not None and b0 is not None:
            date_tokens.update(range(a0, b0 + 1))

    # entity arguments (the longest mention wins a token)
    taken: set[int] = set()
    cands: list[Arg] = []
    channels = marker("events.view", "channel")
    for m, e in sorted(entity_mentions, key=lambda x: -(x[0].end - x[0].start)):
        kind = _entity_kind(e)
        if kind is None or normalize(e.name) in channels:
            continue  # رد عبر تويتر: a platform carries a statement, it takes no part in it
        t0 = where.get(m.start)
        t1 = where.get(m.end - 1)
        if t0 is None or t1 is None:
            continue
        span = set(range(t0, t1 + 1))
        if span & taken or span & date_tokens:
            continue
        taken |= span
        cands.append(Arg(t0, t1 + 1, m.start, m.end, kind, e.id, e.country, e.sector))
    # nisba and demonym cues outside entities; title words
    for m in cue_mentions:
        t0 = where.get(m.start)
        t1 = where.get(m.end - 1)
        if t0 is None or t1 is None:
            continue
        if m.label == "TITLE":
            view.title_tokens.update(range(t0, t1 + 1))
            continue
        if set(range(t0, t1 + 1)) & (taken | date_tokens):
            continue
        after_name = t1 + 1 in taken or (t1 + 2 in taken and t1 + 1 < hi and toks[t1 + 1].kind == "punct")
        if t0 - 1 in view.title_tokens and after_name:
            # الرئيس الأمريكي دونالد ترامب: the nisba belongs to the title chain
            view.title_tokens.update(range(t0, t1 + 1))
            continue
        code = _mention_key(m, "nisba") or _mention_key(m, "demonym") or _mention_key(m, "country")
        if m.label in ("NISBA", "DEMONYM") and code:
            taken.update(range(t0, t1 + 1))
            cands.append(Arg(t0, t1 + 1, m.start, m.end, "nisba", None, code))
    cands.sort(key=lambda a: a.t0)
    # agent nouns (with a nisba right after them: الشرطة الأفغانية)
    by_t0 = {a.t0: a for a in cands}
    for k in range(lo, hi):
        tk = info[k - lo]
        if (tk.agent is None and not tk.own) or k in taken:
            continue
        if tk.own:
            cands.append(Arg(k, k + 1, toks[k].start, toks[k].end, "own", None, None))
            continue
        if tk.hits and any(not h.form.verbal for h in tk.hits):
            continue
        agent = tk.agent
        if agent is None:
            continue
        follower = by_t0.get(k + 1)
        supporters = "protest" in agent.flags and follower is not None and follower.kind == "person"
        if follower is not None and follower.kind in ("org", "person") and follower.entity and not supporters:
            continue  # مسلحو المقاومة، مقاتلو طالبان: the named group acts (but أنصار الحريري: they do)
        end_k = k + 1
        country = None
        if follower is not None and follower.kind == "country" and follower.prep is None:
            # "15 عسكرياً روسياً" (the adjective read as the country) or "قوات روسيا"
            country, end_k = follower.country, follower.t1
            cands.remove(follower)
        # a nisba within the next words qualifies the agent (قوات الأمن العراقية، طائرات إف-16 إسرائيلية)
        j = k + 1
        words = 0
        while j < hi and words < 2:
            nis = by_t0.get(j)
            if nis is not None and nis.kind == "nisba":
                country, end_k = nis.country, nis.t1
                cands.remove(nis)
                break
            if j in taken or (toks[j].kind == "punct" and doc.body[toks[j].start] not in "-"):
                break
            if toks[j].kind == "ar":
                words += 1
            j += 1
        start_k = k
        before = k - 1
        if (
            "weapon" in agent.flags
            and before >= lo
            and before not in taken
            and toks[before].kind == "ar"
            and not info[before - lo].hits
            and not info[before - lo].verb_like
            and not info[before - lo].opener
            and not info[before - lo].skip
            and bare_norm(toks[before]) not in prepositions()
        ):
            start_k = before  # سيارة مفخخة، عبوة ناسفة: the adjective and the noun it qualifies
        cands.append(
            Arg(start_k, end_k, toks[start_k].start, toks[end_k - 1].end, "agent", None, country, agent.sector, agent=agent)
        )
        taken.update(range(start_k, end_k))
    cands.sort(key=lambda a: a.t0)
    view.args = cands
    for a in cands:
        for k in range(a.t0, a.t1):
            view.arg_at[k] = a
        first = toks[a.t0]
        lead = doc.body[first.start : a.start]
        a.conj = first.has_prefix("conj") or (lead[:1] in ("و", "ف") and len(lead) <= 2)
    for a in cands:
        a.prep, a.via_head, a.prep_at = governor(view, a)
    # inherit the preposition along a coordination (من حلفائه من المقاومة وروسيا)
    for i, a in enumerate(cands):
        if a.prep is None and a.conj and i > 0:
            prev = cands[i - 1]
            if a.t0 - prev.t1 <= 4 and not _verb_between(view, prev.t1, a.t0):
                a.prep, a.via_head, a.prep_at = prev.prep, prev.via_head, prev.prep_at
    starts = where.starts
    for q in quotes:
        q_lo = bisect.bisect_left(starts, q.content.start) + lo
        q_hi = bisect.bisect_right(starts, q.content.end) + lo
        for k in range(max(q_lo, lo), min(q_hi, hi)):
            if toks[k].end <= q.content.end:
                view.quote_at.setdefault(k, q)
    return view


def _verb_between(view: SentenceView, a: int, b: int) -> bool:
    return any(view.ti(k).verb_like or view.is_hard(k) for k in range(a, b))


