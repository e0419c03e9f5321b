"""An event found in one sentence before its arguments become entity ids, and what rules return.

The rules of the event stage work on a :class:`Draft`: a role rule fills its slots, a drop rule
turns it down, a retype rule returns :class:`Retype`. Each rule that fires adds its id to
``Draft.rules``, which the record keeps (``Event.rules``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.events.lexicon import Cue, Hit
from rasd.events.view import Arg, SentenceView
from rasd.model import Quote


@dataclass(slots=True)
class Draft:
    """An event found in one sentence, before its arguments become entity ids.

    Attributes:
        type, mode: the PLOVER type and mode (a retype rule may change them).
        cue: the lexicon entry; ``hit`` the reading of the cue word.
        k, m: the cue's tokens ``[k, m)``; ``anchor`` the predicate (the cue or its light verb).
        how: how the actor was found (``vso``, ``by``, ``speaker``…), for the confidence.
        actor_args, actor_ids: the actors, as arguments of the sentence or as entity ids.
        recipient_args, recipient_ids: the recipients, likewise.
        quote: the statement the cue stands in.
        implicit: ``attack`` or ``protest`` when an unidentified actor is implied.
        own_country: the country "بلاده" points to.
        measure: aimed at a law or decree with no author named (the state's).
        rules: ids of the rules that fired for it, in order.
    """

    type: str
    mode: str | None
    cue: Cue
    k: int
    m: int
    anchor: int
    how: str
    actor_args: list[Arg] = field(default_factory=list)
    actor_ids: list[str] = field(default_factory=list)
    recipient_args: list[Arg] = field(default_factory=list)
    recipient_ids: list[str] = field(default_factory=list)
    quote: Quote | None = None
    future_prefix: bool = False
    implicit: str | None = None
    own_country: str | None = None
    measure: bool = False
    view: SentenceView | None = None
    hit: Hit | None = None
    rules: list[str] = field(default_factory=list)

    def fired(self, rule_id: str) -> None:
        """Note that a rule fired for this draft."""
        if rule_id not in self.rules:
            self.rules.append(rule_id)

    @property
    def has_actor(self) -> bool:
        """Whether an actor is named (as an argument or an entity id)."""
        return bool(self.actor_args or self.actor_ids)

    @property
    def has_recipient(self) -> bool:
        """Whether a recipient is named (as an argument or an entity id)."""
        return bool(self.recipient_args or self.recipient_ids)


@dataclass(frozen=True, slots=True)
class Retype:
    """What a retype rule returns: the event's new type and mode."""

    type: str
    mode: str | None


class Stop:
    """What a role rule returns when it has filled the slots: the rest of its list is skipped."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "STOP"


STOP = Stop()

ROLE = (bool, Stop)
"""The results of a role rule: True (fired, go on) or :data:`STOP`."""


@dataclass(frozen=True, slots=True)
class Subject:
    """The subject a verb with none expressed takes: arguments or entity ids, and how."""

    args: list[Arg]
    ids: list[str]
    how: str


def bare(norm: str) -> str:
    """A normalized word without a leading و or ف (``وبحث`` → ``بحث``)."""
    return norm[1:] if norm[:1] in ("و", "ف") and len(norm) > 2 else norm


def nominal(cue: Cue) -> Cue:
    """The cue's frame without the direct object (a noun's genitive is handled apart)."""
    if "obj" not in cue.frame:
        return cue
    return Cue(cue.key, cue.type, cue.mode, cue.pos, cue.lemma, cue.then, cue.frame - {"obj"}, cue.flags, cue.neg_type, cue.not_next)
