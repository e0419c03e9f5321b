"""What the quote rules share about a document: its names by offset, its quotation marks, the
statements found so far and who spoke last; the one builder of a :class:`~rasd.model.Quote`.

Everything is passed explicitly: a rule receives the :class:`QuoteState` (and, for a cued
statement, the cue's context).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from rasd.arabic.normalize import normalize
from rasd.model import Actor, Document, Dropped, Mention, Quote, Span
from rasd.quotes.marks import QuotationMarks
from rasd.quotes.words import norm, raw

Name = tuple[int, int, Actor, Mention]
"""A name in the text: ``(start, end, actor, mention)``."""


class Names:
    """Name mentions of the document by offset, with their actors."""

    def __init__(self, doc: Document) -> None:
        self.items: list[Name] = []
        for e in doc.entities:
            for m in e.mentions:
                self.items.append((m.start, m.end, e, m))
        self.items.sort(key=lambda x: (x[0], -x[1]))

    def between(self, start: int, end: int) -> list[Name]:
        """The names inside ``[start, end)``."""
        return [x for x in self.items if start <= x[0] and x[1] <= end]


def word_count(text: str) -> int:
    """Words of a text (white-space separated)."""
    return len(text.split())


@dataclass
class QuoteState:
    """One document being read for statements.

    Attributes:
        doc: the document (with sentences, tokens, mentions and entities).
        quotes: the statements found so far, in order.
        covered: ``(start, end)`` of the words already quoted.
        last_speaker: the speaker of the last statement with a named speaker, and where that
            statement ended (``last_speaker_at``).
        genders: speaker id → the gender of the verbs it took (قال / قالت).
        last_subject: the person the last sentence was about, and where.
    """

    doc: Document
    quotes: list[Quote] = field(default_factory=list)
    covered: list[tuple[int, int]] = field(default_factory=list)
    last_speaker: Actor | None = None
    last_speaker_at: int = -1
    genders: dict[str, str] = field(default_factory=dict)
    last_subject: tuple[int, Actor] | None = None

    def __post_init__(self) -> None:
        self.body = self.doc.body
        self.marks = QuotationMarks(self.body)
        self.names = Names(self.doc)
        self.token_ends = [t.end for t in self.doc.tokens]
        self.token_starts = [t.start for t in self.doc.tokens]

    @property
    def dropped(self) -> list[Dropped]:
        """The document's trace of turned-down candidates."""
        return self.doc.dropped

    def token_after(self, offset: int) -> int:
        """The index of the first token starting at or after ``offset``."""
        return bisect_left(self.token_starts, offset)

    def is_covered(self, offset: int) -> bool:
        """Whether ``offset`` lies in words already quoted."""
        return any(a <= offset < b for a, b in self.covered)

    # ---------------------------------------------------------------- names and titles

    def governed(self, offset: int) -> bool:
        """True when the name at ``offset`` is the object of a preposition (لبي بي سي، إلى دمشق)."""
        return self.governor(offset) is not None

    def governor(self, offset: int) -> str | None:
        """The preposition the name at ``offset`` is the object of (written on it, or before it or
        its title), or None."""
        toks = self.doc.tokens
        k = bisect_right(self.token_ends, offset)
        if k >= len(toks):
            return None
        tok = toks[k]
        prep = next((seg for seg in tok.segments if seg.role == "prep" and seg.end <= offset), None)
        if prep is not None:
            return prep.norm  # a preposition written on the name: لـ، بـ
        # a title between: موالٍ للرئيس عبد ربه منصور هادي، مع وزير الخارجية الإيراني فلان
        title = self.title_start(offset)
        if title < offset:
            return self.governor(title)
        if k > 0 and toks[k - 1].kind == "ar" and toks[k - 1].norm in norm("quotes.speaker", "prepositions"):
            return toks[k - 1].norm
        return None

    def title_start(self, offset: int) -> int:
        """Where the title of the name at ``offset`` begins (وزير الخارجية الإيراني فلان), or
        ``offset`` when no title stands right before it."""
        start = offset
        while True:
            title = next(
                (
                    m
                    for m in self.doc.mentions
                    if m.label in ("TITLE", "NISBA") and 0 <= start - m.end <= 1 and m.start < start
                ),
                None,
            )
            if title is None:
                return start
            start = title.start

    def only_a_name(self, start: int, end: int) -> bool:
        """True when the words ``[start, end)`` are just a name (the subject of a nested cue)."""
        names = self.names.between(start, end)
        if not names:
            return False
        covered = sum(e - s for s, e, _a, _m in names)
        return covered >= len(self.body[start:end].strip()) - 2

    # ---------------------------------------------------------------- the one builder

    def add(
        self,
        content: Span,
        kind: str,
        *,
        speaker: Actor | None = None,
        speaker_text: str | None = None,
        speaker_span: Span | None = None,
        cue: Span | None = None,
        via: str | None = None,
        co_speakers: list[str] | None = None,
        stance: str | None = None,
        rules: list[str] | None = None,
    ) -> Quote:
        """Record a statement (numbered in order) and mark its words as quoted."""
        q = Quote(
            id=f"q{len(self.quotes) + 1}",
            speaker=speaker.id if speaker else None,
            speaker_text=speaker_text,
            cue=cue,
            content=content,
            kind=kind,
            via=via,
            co_speakers=list(co_speakers or []),
            stance=stance,
            speaker_span=speaker_span,
            rules=list(rules or []),
        )
        self.quotes.append(q)
        self.covered.append((content.start, content.end))
        return q


# ---------------------------------------------------------------------- agreement


def actor_gender(actor: Actor) -> str:
    """Grammatical gender of an actor's name: ``m``, ``f`` or ``pl``."""
    name = normalize(actor.name).split()
    head = name[0] if name else ""
    if actor.type == "PER":
        return "m"
    if actor.type == "LOC":
        masculine = raw("quotes.speaker", "masculine_countries")
        return "m" if actor.country in masculine and (actor.kb_id or "").startswith("country:") else "f"
    if head.endswith("ات") or (head.startswith("ال") and head.endswith("ون")):
        return "pl"
    return "f" if head.endswith("ه") else "m"


def agrees(actor: Actor, gender: str, loose: bool = False) -> bool:
    """Verb–subject agreement; plural verbs (قالوا) take plural nouns and groups of people."""
    g = actor_gender(actor)
    if gender == "pl":
        return g == "pl" or loose
    if actor.type == "PER":
        return True  # a person's gender is not known from the name; a plural verb still fits a group
    return g == gender or (loose and g == "pl")
