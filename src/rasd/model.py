"""The data model of rasd and its JSON form (schema ``rasd/1``).

Every layer of a :class:`Document` refers to the article body by character offsets
(:class:`Span`), so that ``doc.text(span) == article.body[span.start:span.end]`` always holds and
any record can be traced to the exact words it came from. This module imports nothing else from
rasd.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "rasd/1"

ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE", "EVENT")
QUOTE_KINDS = ("direct", "indirect", "mixed")
EVENT_STATUSES = ("asserted", "future", "hypothetical", "negated", "historical")


class SchemaError(ValueError):
    """Raised when a JSON document does not follow the rasd/1 schema."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Character offsets ``[start, end)`` into ``Article.body``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        """True when ``other`` lies inside this span."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        """True when the two spans share at least one character."""
        return self.start < other.end and other.start < self.end

    def to_dict(self, body: str) -> dict[str, Any]:
        """JSON form with the covered text."""
        return {"start": self.start, "end": self.end, "text": body[self.start : self.end]}

    @staticmethod
    def from_dict(d: dict[str, Any], body: str | None = None) -> Span:
        """Read ``{start, end[, text]}``; check the text against ``body`` when both are given."""
        span = Span(int(d["start"]), int(d["end"]))
        if body is not None and "text" in d and body[span.start : span.end] != d["text"]:
            raise SchemaError(
                f"span [{span.start}, {span.end}) reads {body[span.start:span.end]!r}, "
                f"not {d['text']!r}: the JSON does not belong to this body"
            )
        return span


def content_id(body: str) -> str:
    """Stable article id: the first 16 hex digits of the SHA-256 of the body."""
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article: the body exactly as published plus its metadata."""

    body: str
    id: str = ""
    section: str | None = None
    headline: str | None = None
    headline_parts: list[str] = field(default_factory=list)
    byline: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    boilerplate: list[str] = field(default_factory=list)
    source: str | None = None  # where it was read from (path, path:line, "-")

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.body)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (the ``article`` object of rasd/1)."""
        return {
            "id": self.id,
            "section": self.section,
            "headline": self.headline,
            "headline_parts": list(self.headline_parts),
            "byline": self.byline,
            "outlet": self.outlet,
            "date": self.date,
            "url": self.url,
            "body": self.body,
            "boilerplate": list(self.boilerplate),
            "source": self.source,
        }

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        if "body" not in d or not isinstance(d["body"], str):
            raise SchemaError("article has no 'body' string")
        return Article(
            body=d["body"],
            id=d.get("id") or "",
            section=d.get("section"),
            headline=d.get("headline"),
            headline_parts=list(d.get("headline_parts") or []),
            byline=d.get("byline"),
            outlet=d.get("outlet"),
            date=d.get("date"),
            url=d.get("url"),
            boilerplate=list(d.get("boilerplate") or []),
            source=d.get("source"),
        )


@dataclass(slots=True)
class Segment:
    """A piece of a token: a proclitic, the article ال, the stem, or an enclitic pronoun."""

    start: int
    end: int
    role: str  # "conj" | "prep" | "fut" | "det" | "stem" | "pron"
    norm: str


@dataclass(slots=True)
class Token:
    """A word, number or punctuation mark, with its clitic segments."""

    start: int
    end: int
    norm: str
    kind: str  # "ar" | "latin" | "num" | "punct" | "other"
    segments: list[Segment] = field(default_factory=list)

    @property
    def stem(self) -> Segment | None:
        """The stem segment, when the token is an Arabic word."""
        for s in self.segments:
            if s.role == "stem":
                return s
        return None

    @property
    def stem_norm(self) -> str:
        """Normalized stem (the whole normalized token when it has no segments)."""
        s = self.stem
        return s.norm if s is not None else self.norm

    def has_prefix(self, role: str) -> bool:
        """True when a segment of this role precedes the stem."""
        for s in self.segments:
            if s.role == "stem":
                return False
            if s.role == role:
                return True
        return False


@dataclass(slots=True)
class Sentence:
    """A sentence: its span and the index range of its tokens in ``Document.tokens``."""

    start: int
    end: int
    token_start: int = 0
    token_end: int = 0
    paragraph: int = 0


def number_paragraphs(body: str, sentences: list[Sentence]) -> None:
    """Set each sentence's ``paragraph``: the rank of its line among the body's non-blank
    lines, as the sentence splitter numbers them (a sentence never crosses a line). The JSON
    form does not carry the number, so a document read back (a ``rasd run`` shard) gets it here.
    """
    starts: list[int] = []  # start offsets of the non-blank lines
    pos = 0
    for line in body.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    for s in sentences:
        s.paragraph = max(0, bisect_right(starts, s.start) - 1)


@dataclass(slots=True)
class Mention:
    """A typed surface mention of a name."""

    start: int
    end: int
    label: str  # PER | ORG | LOC | GPE | EVENT
    source: str  # "gazetteer" | "tagger" | "title" | "coref" | ...
    score: float = 1.0
    key: str | None = None  # KB id or other link target found by the matcher
    role: str | None = None  # the title that introduced a person, if any

    @property
    def span(self) -> Span:
        """The mention's offsets."""
        return Span(self.start, self.end)


@dataclass(slots=True)
class Actor:
    """A resolved entity: one entry per real-world actor, with all its mentions."""

    id: str
    name: str
    type: str  # PER | ORG | LOC | GPE | EVENT
    name_en: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    nominal: bool = False  # a described actor (مسؤول سعودي), not a name

    def to_dict(self, body: str) -> dict[str, Any]:
        """JSON form (an item of ``entities``)."""
        return {
            "id": self.id,
            "name": self.name,
            "name_en": self.name_en,
            "type": self.type,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "kb_id": self.kb_id,
            "nominal": self.nominal,
            "mentions": [
                {**m.span.to_dict(body), "source": m.source} for m in self.mentions
            ],
        }

    @staticmethod
    def from_dict(d: dict[str, Any], body: str | None = None) -> Actor:
        """Inverse of :meth:`to_dict`."""
        mentions = []
        for m in d.get("mentions") or []:
            span = Span.from_dict(m, body)
            mentions.append(
                Mention(span.start, span.end, d.get("type") or "", m.get("source") or "json")
            )
        return Actor(
            id=d["id"],
            name=d.get("name") or "",
            type=d.get("type") or "",
            name_en=d.get("name_en"),
            country=d.get("country"),
            sector=d.get("sector"),
            role=d.get("role"),
            kb_id=d.get("kb_id"),
            mentions=mentions,
            nominal=bool(d.get("nominal", False)),
        )


@dataclass(slots=True)
class Quote:
    """An attributed statement: who said it, the reporting cue and the words."""

    id: str
    speaker: str | None  # Actor id
    speaker_text: str | None
    cue: Span | None
    content: Span
    kind: str  # direct | indirect | mixed
    via: str | None = None  # Actor id or text of the relaying source
    co_speakers: list[str] = field(default_factory=list)
    stance: str | None = None  # the cue's stance hint (affirm, deny, warn, demand...)
    speaker_span: Span | None = None
    confidence: float | None = None  # calibrated probability that the speaker is right
    rules: list[str] = field(default_factory=list)  # ids of the rules that made it, in order

    def to_dict(self, body: str) -> dict[str, Any]:
        """JSON form (an item of ``quotes``)."""
        return {
            "id": self.id,
            "speaker": self.speaker,
            "speaker_text": self.speaker_text,
            "co_speakers": list(self.co_speakers),
            "cue": self.cue.to_dict(body) if self.cue else None,
            "content": self.content.to_dict(body),
            "kind": self.kind,
            "via": self.via,
            "stance": self.stance,
            "speaker_span": self.speaker_span.to_dict(body) if self.speaker_span else None,
            "confidence": self.confidence,
            "rules": list(self.rules),
        }

    @staticmethod
    def from_dict(d: dict[str, Any], body: str | None = None) -> Quote:
        """Inverse of :meth:`to_dict`."""
        cue = d.get("cue")
        sp = d.get("speaker_span")
        return Quote(
            id=d["id"],
            speaker=d.get("speaker"),
            speaker_text=d.get("speaker_text"),
            cue=Span.from_dict(cue, body) if cue else None,
            content=Span.from_dict(d["content"], body),
            kind=d.get("kind") or "direct",
            via=d.get("via"),
            co_speakers=list(d.get("co_speakers") or []),
            stance=d.get("stance"),
            speaker_span=Span.from_dict(sp, body) if sp else None,
            confidence=float(d["confidence"]) if d.get("confidence") is not None else None,
            rules=list(d.get("rules") or []),
        )


@dataclass(slots=True)
class Event:
    """A coded event: actors, type and mode, recipients, place, date, status and evidence."""

    id: str
    type: str
    mode: str | None = None
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    place: str | None = None
    date: str | None = None
    date_raw: str | None = None
    status: str = "asserted"
    evidence: list[Span] = field(default_factory=list)
    confidence: float = 0.5
    quote: str | None = None
    cue: Span | None = None
    rules: list[str] = field(default_factory=list)  # ids of the rules that made it, in order

    def to_dict(self, body: str) -> dict[str, Any]:
        """JSON form (an item of ``events``)."""
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "actors": list(self.actors),
            "recipients": list(self.recipients),
            "place": self.place,
            "date": self.date,
            "date_raw": self.date_raw,
            "status": self.status,
            "evidence": [s.to_dict(body) for s in self.evidence],
            "confidence": round(self.confidence, 3),
            "quote": self.quote,
            "cue": self.cue.to_dict(body) if self.cue else None,
            "rules": list(self.rules),
        }

    @staticmethod
    def from_dict(d: dict[str, Any], body: str | None = None) -> Event:
        """Inverse of :meth:`to_dict`."""
        cue = d.get("cue")
        return Event(
            id=d["id"],
            type=d["type"],
            mode=d.get("mode"),
            actors=list(d.get("actors") or []),
            recipients=list(d.get("recipients") or []),
            place=d.get("place"),
            date=d.get("date"),
            date_raw=d.get("date_raw"),
            status=d.get("status") or "asserted",
            evidence=[Span.from_dict(s, body) for s in d.get("evidence") or []],
            confidence=float(d.get("confidence", 0.5)),
            quote=d.get("quote"),
            cue=Span.from_dict(cue, body) if cue else None,
            rules=list(d.get("rules") or []),
        )


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate record that a rule turned down (shown by ``rasd analyze --explain``).

    Attributes:
        rule: the id of the rule that dropped it.
        start, end: the words it was found at (the cue).
        what: what it would have been: an event type (``ASSAULT``) or ``quote``.
        before: the ids of the rules that had fired on it before, in order.
    """

    rule: str
    start: int
    end: int
    what: str
    before: tuple[str, ...] = ()

    def to_dict(self, body: str) -> dict[str, Any]:
        """JSON form (an item of ``dropped``)."""
        return {
            "rule": self.rule,
            "what": self.what,
            **Span(self.start, self.end).to_dict(body),
            "before": list(self.before),
        }

    @staticmethod
    def from_dict(d: dict[str, Any], body: str | None = None) -> Dropped:
        """Inverse of :meth:`to_dict`."""
        span = Span.from_dict(d, body)
        return Dropped(d["rule"], span.start, span.end, d.get("what") or "", tuple(d.get("before") or ()))


@dataclass(slots=True)
class Document:
    """An analysed article: the article plus every layer the pipeline added."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    dropped: list[Dropped] = field(default_factory=list)  # candidates rules turned down

    @property
    def body(self) -> str:
        """The article body all spans point into."""
        return self.article.body

    def text(self, span: Span | Mention | Sentence | Token | Segment) -> str:
        """The words a span covers."""
        return self.article.body[span.start : span.end]

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        """Tokens of one sentence."""
        return self.tokens[sentence.token_start : sentence.token_end]

    def entity(self, entity_id: str | None) -> Actor | None:
        """The entity with this id, or None."""
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self, *, tokens: bool = False, explain: bool = False) -> dict[str, Any]:
        """The rasd/1 JSON form. ``tokens=True`` adds the token layer; ``explain=True`` adds
        ``dropped``, the candidate records rules turned down."""
        body = self.article.body
        out: dict[str, Any] = {
            "schema": SCHEMA,
            "article": self.article.to_dict(),
            "sentences": [{"start": s.start, "end": s.end} for s in self.sentences],
            "entities": [e.to_dict(body) for e in self.entities],
            "quotes": [q.to_dict(body) for q in self.quotes],
            "events": [e.to_dict(body) for e in self.events],
        }
        if self.meta:
            out["meta"] = dict(self.meta)
        if explain:
            out["dropped"] = [x.to_dict(body) for x in self.dropped]
        if tokens:
            out["tokens"] = [
                {
                    "start": t.start,
                    "end": t.end,
                    "norm": t.norm,
                    "kind": t.kind,
                    "segments": [
                        {"start": s.start, "end": s.end, "role": s.role, "norm": s.norm}
                        for s in t.segments
                    ],
                }
                for t in self.tokens
            ]
        return out

    @staticmethod
    def from_dict(d: dict[str, Any]) -> Document:
        """Read a rasd/1 JSON document, checking every span against the body."""
        if d.get("schema") != SCHEMA:
            raise SchemaError(f"expected schema {SCHEMA!r}, found {d.get('schema')!r}")
        article = Article.from_dict(d.get("article") or {})
        body = article.body
        sentences = [Sentence(int(s["start"]), int(s["end"])) for s in d.get("sentences") or []]
        number_paragraphs(body, sentences)
        tokens = [
            Token(
                int(t["start"]),
                int(t["end"]),
                t.get("norm", ""),
                t.get("kind", "other"),
                [
                    Segment(int(s["start"]), int(s["end"]), s["role"], s.get("norm", ""))
                    for s in t.get("segments") or []
                ],
            )
            for t in d.get("tokens") or []
        ]
        return Document(
            article=article,
            sentences=sentences,
            tokens=tokens,
            entities=[Actor.from_dict(e, body) for e in d.get("entities") or []],
            quotes=[Quote.from_dict(q, body) for q in d.get("quotes") or []],
            events=[Event.from_dict(e, body) for e in d.get("events") or []],
            meta=dict(d.get("meta") or {}),
            dropped=[Dropped.from_dict(x, body) for x in d.get("dropped") or []],
        )
