"""Features of the learned event coder: of a sentence (which event types it reports), of a
candidate actor or recipient (who does what to whom), and of an event's predicate (its status).

The rule coder's output is among the signals: the types it found in the sentence, the status it
gave, and which entities it made actors and recipients. The model weighs these against the words,
the cue lexicon, the entities and the quotes around them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic.normalize import normalize
from rasd.entities.features import safe_normalize
from rasd.kb import GROUP_CODES
from rasd.learn.view import (
    CONDITIONS,
    FUTURE_MARKERS,
    NEGATIONS,
    PAST_MARKERS,
    ROLE_WORDS,
    DocView,
    SentenceInfo,
)
from rasd.model import Actor, Mention, Token

Features = dict[str, float]

NONE = "∅"  # the candidate "no actor / no recipient"
SPEAKER = "speaker"


def _bucket(n: int, edges: tuple[int, ...] = (0, 1, 2, 3, 5, 8)) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _stem(tok: Token) -> str:
    return tok.stem_norm or tok.norm


@lru_cache(maxsize=1)
def _clusters() -> tuple[dict[str, tuple[str, ...]], int, int]:
    """The NER tagger's word clusters (learned from unlabelled news) and the columns of the 256-
    and 1024-cluster levels; empty when the tagger has none."""
    try:
        from rasd.entities.tagger import default_tagger

        res = default_tagger().extractor.res
    except (ImportError, OSError, ValueError):
        return {}, 0, 0
    cols = list(res.cluster_columns)
    if "c256" not in cols or "c1024" not in cols:
        return {}, 0, 0
    return res.clusters, cols.index("c256"), cols.index("c1024")


def word_cluster(tok: Token) -> tuple[str, str] | None:
    """The 256- and 1024-level clusters of a word (its form, else its stem): words used alike in
    news share them, so a cue word the corpus never showed still looks like those it did."""
    return _cluster_of(tok.norm, tok.stem_norm)


@lru_cache(maxsize=200_000)
def _cluster_of(norm: str, stem: str) -> tuple[str, str] | None:
    table, i256, i1024 = _clusters()
    if not table:
        return None
    cl = table.get(safe_normalize(norm)) or table.get(safe_normalize(stem))
    return (cl[i256], cl[i1024]) if cl is not None else None


def section_words(view: DocView) -> list[str]:
    """The first two normalized words of the article's section line (its kind of news)."""
    section = view.doc.article.section or ""
    return [normalize(w) for w in section.split()[:2]]


def sentence_features(view: DocView, s: SentenceInfo) -> Features:
    """What a sentence says about the event types it may report."""
    f: Features = {"bias": 1.0}
    toks = view.tokens[s.token_start : s.token_end]
    stems = [_stem(t) for t in toks if t.kind == "ar"]
    for w in stems:
        f[f"w={w}"] = 1.0
    for t in toks:
        if t.kind == "ar":
            cl = word_cluster(t)
            if cl is not None:
                f[f"c256={cl[0]}"] = 1.0
                f[f"c1024={cl[1]}"] = 1.0
    for a, b in itertools.pairwise(stems):
        f[f"b={a}_{b}"] = 1.0
    for h in s.hits:
        f[f"lex={h.type}"] = 1.0
        f[f"lex={h.type}|{h.pos}"] = 1.0
        f[f"lexw={h.type}|{_stem(view.tokens[h.token])}"] = 1.0
    for ev in s.rule_events:
        f[f"rule={ev.type}"] = 1.0
        f[f"rule={ev.type}|{ev.status}"] = 1.0
        f[f"rule={ev.type}|rec={'y' if ev.recipients else 'n'}"] = 1.0
    if s.inside_quotes:
        f["inquote"] = 1.0
        for q in s.inside_quotes:
            f[f"inquote={q.kind}"] = 1.0
    if s.cue_quotes:
        f["quotecue"] = 1.0
    kinds = set()
    countries = set()
    for e, _ in s.entities:
        kinds.add(e.type)
        f[f"ent={e.type}"] = 1.0
        if e.sector:
            f[f"sec={e.sector}"] = 1.0
        if e.country:
            countries.add(e.country)
        if e.nominal:
            f["nominal"] = 1.0
    f[f"nent={_bucket(len(s.entities), (0, 1, 2, 3, 4))}"] = 1.0
    f[f"ncountry={_bucket(len(countries), (0, 1, 2, 3))}"] = 1.0
    if any(t.has_prefix("fut") for t in toks):
        f["fut"] = 1.0
    norms = {t.norm for t in toks}
    if norms & NEGATIONS:
        f["neg"] = 1.0
    if norms & PAST_MARKERS:
        f["past"] = 1.0
    f["para0" if s.paragraph == 0 else "para>0"] = 1.0
    f[f"sidx={_bucket(s.index, (0, 1, 2, 4, 8))}"] = 1.0
    for w in section_words(view):
        f[f"section={w}"] = 1.0
    if s.end - s.start > 400:
        f["long"] = 1.0
    return f


def anchor_token(view: DocView, s: SentenceInfo, etype: str) -> int | None:
    """The token that states an event of ``etype`` in the sentence: the rule coder's cue, else
    the first lexicon hit of that type, else ``None``."""
    for ev in s.rule_events:
        if ev.type == etype and ev.cue is not None:
            return view.token_index_at(ev.cue.start, s)
    for h in s.hits:
        if h.type == etype:
            return h.token
    return None


@dataclass(slots=True)
class Candidate:
    """A possible actor or recipient: an entity (with its first mention in the sentence) or none."""

    key: str  # entity id, or NONE
    entity: Actor | None
    mention: Mention | None
    order: int
    speaker: bool = False
    previous: bool = False  # named in the sentence before, not in this one


def candidates(view: DocView, s: SentenceInfo) -> list[Candidate]:
    """The entities of the sentence in order, the speakers of its quotes, the entities of the
    sentence before it (a subject carried over: وأضاف الوزير … ثم قال), and "none"."""
    out = [Candidate(e.id, e, m, i) for i, (e, m) in enumerate(s.entities)]
    seen = {c.key for c in out}
    for e in view.speakers(s):
        if e.id in seen:
            for c in out:
                if c.key == e.id:
                    c.speaker = True
        else:
            out.append(Candidate(e.id, e, None, len(out), speaker=True))
            seen.add(e.id)
    if s.index > 0:
        prev = view.sentences[s.index - 1]
        for e, m in prev.entities[:4]:
            if e.id not in seen and e.type != "LOC":
                out.append(Candidate(e.id, e, m, len(out), previous=True))
                seen.add(e.id)
    out.append(Candidate(NONE, None, None, len(out)))
    return out


def _word_before(view: DocView, s: SentenceInfo, m: Mention) -> tuple[str, str]:
    """The role word before a mention (a preposition, an agent phrase, a verb of saying), or
    ``punct``, and the preposition attached to the mention's own word."""
    k = view.token_index_at(m.start, s)
    prep = ""
    for seg in view.tokens[k].segments:
        if seg.role == "prep":
            prep = seg.norm
        if seg.role == "stem":
            break
    before = ""
    if k > s.token_start:
        b = view.tokens[k - 1]
        if b.norm in ROLE_WORDS or b.stem_norm in ROLE_WORDS:
            before = b.stem_norm if b.stem_norm in ROLE_WORDS else b.norm
        elif b.kind == "punct":
            before = "punct"
    return before, prep


def candidate_features(
    view: DocView,
    s: SentenceInfo,
    etype: str,
    c: Candidate,
    anchor: int | None,
    role: str,
    source_code: str | None = None,
) -> Features:
    """What makes a candidate the actor (``role="src"``) or the recipient (``"tgt"``) of an event:
    its :func:`candidate_base` features, each also crossed with the event type, named for the role."""
    f: Features = {"bias": 1.0}
    for name, value in candidate_base(view, s, etype, c, anchor, role, source_code).items():
        f[name] = value
        f[f"{etype}|{name}"] = value
    return {f"{role}:{name}": value for name, value in f.items()}


def candidate_base(
    view: DocView,
    s: SentenceInfo,
    etype: str,
    c: Candidate,
    anchor: int | None,
    role: str,
    source_code: str | None = None,
    *,
    with_rules: bool = True,
) -> Features:
    """The features of a candidate before they are crossed with the event type (``with_rules``:
    with the rule coder's flags, which alone depend on the type).

    For a recipient, ``source_code`` is the actor's country: a recipient of the same country is
    rarer (a domestic event) than one of another.
    """
    base: Features = {}
    if role == "tgt":
        code = c.entity.country if c.entity is not None else None
        if source_code is None:
            base["src_unknown"] = 1.0
        elif code == source_code:
            base["same_as_source"] = 1.0
        elif code is not None:
            base["other_than_source"] = 1.0
    if c.entity is None:
        base["none"] = 1.0
        base[f"none|nent={_bucket(len(s.entities), (0, 1, 2, 3))}"] = 1.0
        if not s.entities:
            base["none|empty"] = 1.0
    else:
        e = c.entity
        base[f"kind={e.type}"] = 1.0
        base[f"sector={e.sector or '-'}"] = 1.0
        base[f"kind={e.type}|sector={e.sector or '-'}"] = 1.0
        if e.nominal:
            base["nominal"] = 1.0
        if not e.country:
            base["nocountry"] = 1.0
        elif e.country in GROUP_CODES:
            base["group"] = 1.0
        base[f"order={min(c.order, 3)}"] = 1.0
        if c.speaker:
            base["speaker"] = 1.0
        if c.previous:
            base["previous"] = 1.0
            base[f"previous|kind={e.type}"] = 1.0
        elif c.mention is None:
            base["outside"] = 1.0
        if c.mention is not None and not c.previous:
            before, prep = _word_before(view, s, c.mention)
            if before:
                base[f"before={before}"] = 1.0
            if prep:
                base[f"prep={prep}"] = 1.0
            if anchor is not None:
                k = view.token_index_at(c.mention.start, s)
                d = k - anchor
                base["after" if d > 0 else "before"] = 1.0
                base[f"dist={'+' if d > 0 else '-'}{_bucket(abs(d), (1, 2, 4, 8, 16))}"] = 1.0
                # its rank among the names after (or before) the cue: the subject of a verb
                # usually comes first after it, the object second; the agent of a noun before it
                firsts = sorted(
                    {view.token_index_at(m.start, s) for _, m in s.entities}, key=lambda j: abs(j - anchor)
                )
                side = [j for j in firsts if (j > anchor) == (d > 0) and j != anchor]
                if k in side:
                    base[f"rank{'+' if d > 0 else '-'}={min(side.index(k), 2)}"] = 1.0
                hit = next((h for h in s.hits if h.token == anchor), None)
                if hit is not None:
                    base[f"cue_pos={hit.pos}"] = 1.0
                    base[f"cue_pos={hit.pos}|{'after' if d > 0 else 'before'}"] = 1.0
                    if (prep and prep in hit.frame) or (before and before in hit.frame):
                        base["in_frame"] = 1.0
                    if "obj" in hit.frame and d > 0 and not prep and not before:
                        base["bare_after_cue"] = 1.0
        if with_rules:
            base.update(rule_flags(s, etype, c))
        spk = view.speakers(s)
        if spk and e.country and any(x.country == e.country for x in spk) and not c.speaker:
            base["speaker_country"] = 1.0
    return base


def rule_flags(s: SentenceInfo, etype: str, c: Candidate) -> Features:
    """Whether the rule coder made the candidate the actor or the recipient of a record of this
    type (or of another) in the sentence."""
    f: Features = {}
    if c.entity is None:
        return f
    for ev in s.rule_events:
        same = ev.type == etype
        if c.key in ev.actors:
            f["ruleA" if same else "ruleA_other"] = 1.0
        if c.key in ev.recipients:
            f["ruleR" if same else "ruleR_other"] = 1.0
    return f


def status_features(view: DocView, s: SentenceInfo, etype: str, anchor: int | None) -> Features:
    """What tells an event's status: the words before its predicate, the rule coder's status."""
    f: Features = {"bias": 1.0, f"type={etype}": 1.0}
    lo = s.token_start
    at = anchor if anchor is not None else lo
    for k in range(max(lo, at - 6), min(s.token_end, at + 1)):
        t = view.tokens[k]
        w = t.norm
        if w in NEGATIONS:
            f[f"neg={w}"] = 1.0
        if w in CONDITIONS:
            f[f"cond={w}"] = 1.0
        if w in PAST_MARKERS:
            f[f"past={w}"] = 1.0
        if w in FUTURE_MARKERS:
            f[f"futw={w}"] = 1.0
        if t.has_prefix("fut"):
            f["futprefix"] = 1.0
    norms = {view.tokens[k].norm for k in range(lo, s.token_end)}
    for w in norms & (NEGATIONS | CONDITIONS | PAST_MARKERS | FUTURE_MARKERS):
        f[f"s={w}"] = 1.0
    for ev in s.rule_events:
        if ev.type == etype:
            f[f"rule={ev.status}"] = 1.0
        f[f"rule_any={ev.status}"] = 1.0
    if s.inside_quotes:
        f["inquote"] = 1.0
    return f
