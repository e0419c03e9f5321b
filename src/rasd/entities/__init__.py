"""Entity mentions: knowledge-base matches merged with the statistical tagger's names.

The stage adds ``doc.mentions``: typed name mentions (``PER``, ``ORG``, ``LOC``, ``EVENT``)
plus the cues the actor linker needs and that are not entities on their own (``TITLE`` office
titles, ``NISBA`` adjectives such as التركي, ``BODY`` institution heads such as الجيش,
``DEMONYM`` people plurals such as الأتراك). ``Mention.key`` lists the knowledge-base readings
as ``kind:target`` separated by ``|``.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Protocol

from rasd.arabic.normalize import normalize
from rasd.arabic.wordfreq import rank
from rasd.entities.gazetteer import Gazetteer, GazMatch, default_gazetteer, ordinary_word
from rasd.kb import name_words
from rasd.model import Document, Mention, Token

_LABELS = {
    "actor": None,  # PER or ORG, from the actor's type
    "actor_short": None,
    "country": "LOC",
    "capital": "LOC",
    "place": "LOC",
    "nisba": "NISBA",
    "demonym": "DEMONYM",
    "body": "BODY",
    "title": "TITLE",
}
_PARTICLE_REST_RANK = 5000
_NEVER_IN_NAMES = frozenset(normalize(w) for w in "إلى على عن أن إن الذي التي".split())
# the lowest marginal probability a tagger name may have along its tokens to be kept
TAGGER_MIN_SCORE = 0.7
_TAGGER_LABELS = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC"}
# nouns after which a place name names a conference or a process, not the place (مسار أستانا)
_EVENT_HEADS = frozenset(
    "اجتماع اجتماعات مسار محادثات مفاوضات مؤتمر قمه اتفاق اتفاقيه تفاهمات جوله منصه بيان اعلان".split()
)


class Tagger(Protocol):
    """What the stage needs of a sequence tagger."""

    def tag_scored(self, tokens: list[str]) -> list[tuple[str, float]]:
        """BIO labels with their probabilities for one sentence's token strings."""
        ...


@lru_cache(maxsize=1)
def _default_tagger() -> Tagger | None:
    try:
        from rasd.entities.tagger import NerTagger
    except ImportError:
        return None
    try:
        return NerTagger.load()
    except (FileNotFoundError, OSError, ValueError):
        return None


def _gaz_label(match: GazMatch, doc: Document) -> str | None:
    from rasd.kb import load_kb

    entry = match.entries[0]
    if entry.kind in ("actor", "actor_short"):
        actor = load_kb().actors.get(entry.target)
        return actor.type if actor else None
    return _LABELS.get(entry.kind)


def _key(match: GazMatch) -> str:
    return "|".join(f"{e.kind}{'~' if e.construct else ''}:{e.target}" for e in match.entries)


def _is_event_name(doc: Document, match: GazMatch, tokens: list[Token]) -> bool:
    """A place name used as the name of talks or an agreement (أستانا 7، مسار جنيف)."""
    first = tokens[match.token_start]
    if first.segments and first.segments[0].role == "prep":
        return False  # اجتماع بطهران: a meeting held in the city
    if match.token_end < len(tokens) and tokens[match.token_end].kind == "num":
        return True
    if match.token_start > 0:
        prev = tokens[match.token_start - 1]
        if prev.kind == "punct" and match.token_start > 1:
            prev = tokens[match.token_start - 2]
        return prev.stem_norm in _EVENT_HEADS or prev.norm.removeprefix("ال") in _EVENT_HEADS
    return False


def _event_by_default(surface: str) -> bool:
    """A place name the knowledge base reads as talks by default (أستانا: the Astana process)."""
    from rasd.kb import load_kb

    amb = load_kb().ambiguity(surface)
    return amb is not None and amb.default is not None and amb.default[0] == "event"


def _never_alone(surface: str, match: GazMatch) -> bool:
    """A one-word name that is mostly a common word (الباب، صور، سلام) is not matched alone.

    Short names of persons are decided by the linker, which sees the whole document.
    """
    from rasd.kb import load_kb

    if match.first("actor_short") is not None:
        return False
    amb = load_kb().ambiguity(surface)
    return amb is not None and amb.never_alone


def _word_before_name(surface: str, match: GazMatch, matches: list[GazMatch], tokens: list[Token]) -> bool:
    """A one-word place that is also a noun, heading a person or group's name or a noun with a
    pronoun, is the noun (حماة طالبان: their protectors; مسقط رأسه: his birthplace); a town takes
    no such genitive."""
    from rasd.kb import load_kb

    if match.token_end - match.token_start != 1:
        return False
    amb = load_kb().ambiguity(surface)
    if amb is None or not any(kind == "word" for kind, _ in amb.readings):
        return False
    if match.token_end < len(tokens) and any(seg.role == "pron" for seg in tokens[match.token_end].segments):
        return True
    return any(
        n.token_start == match.token_end and n.kinds() & {"actor", "actor_short"} for n in matches
    )


def _with_inner_names(gaz: Gazetteer, doc: Document, matches: list[GazMatch], hi: int) -> list[GazMatch]:
    """A long title may hold an organization's name (الأمين العام للأمم المتحدة): keep both."""
    out: list[GazMatch] = []
    for m in matches:
        out.append(m)
        if m.token_end - m.token_start < 2 or m.first("title") is None:
            continue
        for k in range(m.token_start + 1, m.token_end):
            inner = gaz.match(doc.tokens, doc.body, k, hi)
            if inner and inner[0].token_start == k and inner[0].first("actor") is not None:
                out.append(inner[0])
                break
    return out


def gazetteer_mentions(doc: Document) -> list[Mention]:
    """Knowledge-base matches of the whole document as mentions (cues included)."""
    gaz = default_gazetteer()
    out: list[Mention] = []
    tokens = doc.tokens
    for s in doc.sentences:
        matches = _with_inner_names(gaz, doc, gaz.match(tokens, doc.body, s.token_start, s.token_end), s.token_end)
        for m in matches:
            label = _gaz_label(m, doc)
            if label is None:
                continue
            if m.token_end - m.token_start == 1 and _never_alone(doc.body[m.start : m.end], m):
                continue
            if label == "LOC" and _word_before_name(doc.body[m.start : m.end], m, matches, tokens):
                continue
            end = m.end
            if label == "LOC" and m.kinds() & {"capital", "place"} and (
                _is_event_name(doc, m, tokens) or _event_by_default(doc.body[m.start : m.end])
            ):
                numbered = m.token_end < len(tokens) and tokens[m.token_end].kind == "num"
                if not numbered:
                    continue  # مسار أستانا: the process, neither the city nor a named round
                label = "EVENT"
                end = tokens[m.token_end].end
            out.append(Mention(m.start, end, label, "gazetteer", 1.0, _key(m)))
    return out


def tagger_mentions(doc: Document, tagger: Tagger | None = None) -> list[Mention]:
    """Names found by the statistical tagger (nothing when no model is installed)."""
    tagger = tagger or _default_tagger()
    if tagger is None:
        return []
    out: list[Mention] = []
    body = doc.body
    for s in doc.sentences:
        toks = doc.sentence_tokens(s)
        if not toks:
            continue
        scored = tagger.tag_scored([body[t.start : t.end] for t in toks])
        labels = [lab for lab, _ in scored]
        probs = [p for _, p in scored]
        start: int | None = None
        kind = ""
        for k, lab in enumerate(labels):
            inside = lab.startswith("I-") and start is not None and lab[2:] == kind
            if start is not None and not inside:
                out.append(_tagged(toks, start, k, kind, min(probs[start:k])))
                start = None
            if lab.startswith("B-") or (lab.startswith("I-") and start is None):
                start, kind = k, lab[2:]
        if start is not None:
            out.append(_tagged(toks, start, len(toks), kind, min(probs[start:])))
    return [m for m in out if m.label in ("PER", "ORG", "LOC")]


def _tagged(toks: list[Token], a: int, b: int, kind: str, score: float) -> Mention:
    first = toks[a]
    start = first.start
    for seg in first.segments:
        if seg.role in ("conj", "prep", "fut") or (seg.role == "det" and seg.end - seg.start == 1):
            continue  # the ل of لل is the article without its alef
        start = seg.start
        break
    return Mention(start, toks[b - 1].end, _TAGGER_LABELS.get(kind, kind), "tagger", score)


def _plausible(doc: Document, m: Mention) -> bool:
    """A tagger name that could be one: confident enough, not a single ordinary word (ريفية),
    not a form the knowledge base reads by default as no name (الشرق الأوسط, a region)."""
    if m.score < TAGGER_MIN_SCORE:
        return False
    from rasd.kb import load_kb

    amb = load_kb().ambiguity(doc.body[m.start : m.end])
    if amb is not None and (amb.default is None or amb.default[0] in ("word", "region", "river")):
        return False
    words = doc.body[m.start : m.end].split()
    if not words:
        return False
    if any(normalize(w) in _NEVER_IN_NAMES for w in words[1:]):
        return False  # دبلوماسية إلى روسيا: a name does not run across إلى/على/عن
    first = normalize(words[0])
    if first[:1] in "لبكوف" and len(first) >= 3:
        r = rank(first[1:])
        if r is not None and r < _PARTICLE_REST_RANK and first not in name_words():
            return False  # لبي بي سي: a particle on a common word, not a name
    if len(words) == 1 and m.label == "PER" and first in name_words() and _apposition_follows(doc, m):
        return True  # خلود، وهي لاجئة…: a first name with its description
    return not (len(words) == 1 and (len(first) < 3 or ordinary_word(first)))


_APPOSITION_PRONOUNS = frozenset(normalize(w) for w in ("وهي", "وهو"))
_DUAL = frozenset({normalize("وهما")})


def _apposition_follows(doc: Document, m: Mention) -> bool:
    after = doc.body[m.end : m.end + 12].split()
    return len(after) >= 2 and after[0] in ("،", ",") and normalize(after[1]) in _APPOSITION_PRONOUNS | _DUAL


def _only_short(m: Mention) -> bool:
    """A match read only as a knowledge-base surname (not a full name, place or title)."""
    kinds = {part.partition(":")[0] for part in (m.key or "").split("|")}
    return kinds == {"actor_short"}


def merge_mentions(gaz: list[Mention], tagged: list[Mention], doc: Document | None = None) -> list[Mention]:
    """Knowledge-base mentions first; tagger names fill the gaps they leave.

    A tagger name that overlaps a knowledge-base name, or lies inside a title (the tagger reads
    الأمين العام للأمم المتحدة as one organization), is dropped; one that reaches beyond a title
    (علاء السيد, where السيد is a surname, not "Mr") is kept.
    """
    out = list(gaz)
    names = [g for g in gaz if g.label in ("PER", "ORG", "LOC", "EVENT")]
    titles = [g for g in gaz if g.label == "TITLE"]
    for t in tagged:
        # بيلكن غولن is not فتح الله غولن: a longer person name ending in a known surname
        # replaces the surname's match
        if t.label == "PER" and t.score >= TAGGER_MIN_SCORE:
            inner = [g for g in names if t.start < g.start and g.end == t.end and _only_short(g)]
            if inner and not any(g.start < t.end and t.start < g.end for g in names if g not in inner):
                for g in inner:
                    out.remove(g)
                    names.remove(g)
        if any(t.start < g.end and g.start < t.end for g in names):
            continue
        if any(g.start <= t.start and t.end <= g.end for g in titles):
            continue
        if doc is not None and not _plausible(doc, t):
            continue
        out.append(t)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def apposed_first_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """First names introduced by an apposition (لمياء، وهي من ريف دمشق) that no other source
    found: a known first name followed by ``، وهي``/``، وهو`` is a person, whatever the tagger
    says."""
    toks = doc.tokens
    out: list[Mention] = []
    for k in range(len(toks) - 2):
        t = toks[k]
        if t.kind != "ar" or toks[k + 1].norm not in ("،", ","):
            continue
        if toks[k + 2].norm not in _APPOSITION_PRONOUNS:
            continue
        start = next((seg.start for seg in t.segments if seg.role not in ("conj", "prep")), t.start)
        word = normalize(doc.body[start : t.end])
        if word not in name_words() or any(m.start < t.end and start < m.end for m in mentions):
            continue
        out.append(Mention(start, t.end, "PER", "rule", 0.8))
    return out


def entities_stage(doc: Document) -> Document:
    """Add ``doc.mentions``: knowledge-base matches and tagger names, sorted by offset."""
    mentions = merge_mentions(gazetteer_mentions(doc), tagger_mentions(doc), doc)
    extra = apposed_first_names(doc, mentions)
    if extra:
        mentions = sorted([*mentions, *extra], key=lambda m: (m.start, -m.end))
    doc.mentions = mentions
    return doc
