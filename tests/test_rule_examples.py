"""Every registered rule has a positive example (it fires) and a negative one (it stays quiet),
and every example names only registered rules."""

from __future__ import annotations

import pytest

from rasd.events.registry import REGISTRY as EVENTS
from rasd.quotes.registry import REGISTRY as QUOTES
from rasd.rules import Registry
from tests.rule_examples import EVENT_EXAMPLES, QUOTE_EXAMPLES, Example, load

STAGES: list[tuple[Registry, list[Example]]] = [
    (EVENTS, load(EVENT_EXAMPLES, "events")),
    (QUOTES, load(QUOTE_EXAMPLES, "quotes")),
]
RULES = [(reg, r.id) for reg, _ in STAGES for r in reg]


def _examples(registry: Registry) -> list[Example]:
    return next(exs for reg, exs in STAGES if reg is registry)


@pytest.mark.parametrize(("registry", "rule_id"), RULES, ids=[r for _, r in RULES])
def test_the_rule_has_a_positive_and_a_negative_example(registry: Registry, rule_id: str) -> None:
    examples = _examples(registry)
    assert any(rule_id in ex.fires for ex in examples), f"{rule_id} has no example on which it fires"
    assert any(rule_id in ex.quiet for ex in examples), f"{rule_id} has no example on which it stays quiet"


@pytest.mark.parametrize(("registry", "examples"), STAGES, ids=["events", "quotes"])
def test_examples_name_registered_rules(registry: Registry, examples: list[Example]) -> None:
    unknown = {r for ex in examples for r in (*ex.fires, *ex.quiet) if r not in registry}
    assert not unknown


def test_a_rule_without_examples_is_caught() -> None:
    from rasd.rules import RuleList, rule

    @rule("events.filter.unexampled", "drop")
    def unexampled() -> bool:
        """A rule no example mentions."""
        return False

    reg = Registry("events", [RuleList("events.demo", "()", {"drop": bool}, (unexampled,))])
    STAGES.append((reg, _examples(EVENTS)))
    try:
        with pytest.raises(AssertionError, match="no example on which it fires"):
            test_the_rule_has_a_positive_and_a_negative_example(reg, "events.filter.unexampled")
    finally:
        STAGES.pop()
