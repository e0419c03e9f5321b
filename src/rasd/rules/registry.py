"""Registered rules: every linguistic decision of a stage as a small function with an id.

A rule is a function decorated with :func:`rule`, which gives it an id (``events.filter.disaster``),
the effect it may have when it fires, and the word lists it reads (``data/lexicon`` keyed by the
id, see :mod:`rasd.rules.words`). Rules run in :class:`RuleList`\\ s: one ordered list per step of a
stage, written out in one place, so the order a maintainer reads is the order they run in. A
list declares the signature its rules share and the result each effect returns; a rule that
returns anything else stops the run with a :class:`RuleError` naming it.

Each record a stage writes carries the ids of the rules that fired for it (``rules``), and the
candidates a rule dropped are kept in the document's trace (``rasd analyze --explain``).

Example::

    @rule("events.filter.question", "drop")
    def question(s: SentenceState, d: Draft) -> bool:
        '''A question reports nothing.'''
        return s.view.ti(s.view.hi - 1).punct in ("?", "؟")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

EFFECTS: dict[str, str] = {
    "drop": "the candidate is no record (the rule returns True)",
    "retype": "the record takes another type or mode",
    "role": "fills or changes an actor, recipient, speaker or content",
    "status": "sets the record's status or what decides it",
    "read": "chooses how a word is read (a cue, a reading of it)",
    "merge": "joins two reports of one record",
    "apart": "keeps two reports apart as two records",
}
"""What a rule may do when it fires; each :class:`RuleList` says which result class each
effect returns."""


class RuleError(Exception):
    """A rule or a list of rules that breaks its declaration."""


@dataclass(frozen=True, slots=True)
class Rule:
    """A registered rule.

    Attributes:
        id: ``<stage>.<kind>.<name>``, unique in the project (``events.role.agent_marker``).
        effect: one of :data:`EFFECTS`.
        fn: the function; its signature is the one its list declares.
        words: the names of the word lists it reads, stored in ``data/lexicon`` under its id.
    """

    id: str
    effect: str
    fn: Callable[..., Any]
    words: tuple[str, ...] = ()

    def __call__(self, *args: Any) -> Any:
        """Run the rule."""
        return self.fn(*args)

    @property
    def summary(self) -> str:
        """The first paragraph of the rule's docstring, on one line."""
        text = (self.fn.__doc__ or "").strip().split("\n\n")[0]
        return " ".join(text.split())

    @property
    def stage(self) -> str:
        """The stage the rule belongs to (the first part of its id)."""
        return self.id.split(".", 1)[0]


def rule(id: str, effect: str, words: Iterable[str] = ()) -> Callable[[Callable[..., Any]], Rule]:
    """Register a function as a rule.

    Args:
        id: ``<stage>.<kind>.<name>``.
        effect: what the rule may do when it fires (a key of :data:`EFFECTS`).
        words: names of the word lists it reads (each a row of its stage's ``*_words.tsv``).
    """
    if effect not in EFFECTS:
        raise RuleError(f"rule {id!r}: unknown effect {effect!r}; effects are {', '.join(EFFECTS)}")
    if id.count(".") < 2:
        raise RuleError(f"rule {id!r}: an id is <stage>.<kind>.<name>")

    def wrap(fn: Callable[..., Any]) -> Rule:

        """The rule made of ``fn``."""
        if not (fn.__doc__ or "").strip():
            raise RuleError(f"rule {id!r} ({fn.__name__}) has no docstring: say what it decides, with an example")
        return Rule(id, effect, fn, tuple(words))

    return wrap


@dataclass(frozen=True)
class RuleList:
    """One ordered list of rules: a step of a stage.

    Attributes:
        id: the step (``events.finish``).
        signature: the arguments every rule of the list takes, as documentation.
        results: effect → the class (or classes) a firing rule of that effect returns; a rule
            that does not fire returns ``None`` (or ``False``).
        rules: the rules, in the order they run.
    """

    id: str
    signature: str
    results: dict[str, type | tuple[type, ...]]
    rules: tuple[Rule, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for r in self.rules:
            if r.effect not in self.results:
                raise RuleError(f"{self.id}: rule {r.id!r} has effect {r.effect!r}, which this list does not take")
            if r.id in seen:
                raise RuleError(f"{self.id}: rule {r.id!r} is listed twice")
            seen.add(r.id)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def fire(self, *args: Any) -> Iterator[tuple[Rule, Any]]:
        """Run the rules in order; yield each that fires with its result.

        The caller applies a result before the next rule runs (the generator is lazy) and stops
        when it wants to (a dropped candidate).
        """
        for r in self.rules:
            out = r.fn(*args)
            if out is None or out is False:
                continue
            self.check(r, out)
            yield r, out

    def check(self, r: Rule, out: Any) -> None:
        """Raise :class:`RuleError` when ``out`` is not what ``r``'s effect returns."""
        want = self.results[r.effect]
        if not isinstance(out, want):
            names = ", ".join(t.__name__ for t in (want if isinstance(want, tuple) else (want,)))
            raise RuleError(
                f"rule {r.id!r} ({r.effect}) returned {type(out).__name__}; {self.id} takes {names} for that effect"
            )


class Registry:
    """Every rule list of a stage, in the order the stage runs them."""

    def __init__(self, stage: str, lists: Iterable[RuleList]) -> None:
        """Check that ids are unique, belong to ``stage`` and sit in one list each."""
        self.stage = stage
        self.lists = tuple(lists)
        self._by_id: dict[str, Rule] = {}
        for rl in self.lists:
            for r in rl:
                if r.stage != stage:
                    raise RuleError(f"rule {r.id!r} is in the {stage} registry ({rl.id})")
                if r.id in self._by_id:
                    raise RuleError(f"rule {r.id!r} is registered twice ({rl.id})")
                self._by_id[r.id] = r

    def __iter__(self) -> Iterator[Rule]:
        for rl in self.lists:
            yield from rl

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def get(self, rule_id: str) -> Rule:
        """The rule with this id (``KeyError`` naming it when there is none)."""
        try:
            return self._by_id[rule_id]
        except KeyError:
            raise KeyError(f"no {self.stage} rule {rule_id!r}") from None

    def word_lists(self) -> dict[str, tuple[str, ...]]:
        """Rule id → the word lists it declares."""
        return {r.id: r.words for r in self if r.words}
