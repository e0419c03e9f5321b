"""Every event example record (tests/events/examples.jsonl): the records it yields, the rules it
fires and the rules it leaves quiet."""

from __future__ import annotations

import pytest
from tests.rule_examples import EVENT_EXAMPLES, Example, event_record, fired, load, run_events

EXAMPLES = load(EVENT_EXAMPLES, "events")


@pytest.mark.parametrize("ex", EXAMPLES, ids=str)
def test_example(ex: Example) -> None:
    if ex.missing:
        pytest.skip(ex.missing)
    doc = run_events(ex)
    did = fired(doc)
    assert [event_record(doc, ev) for ev in doc.events] == ex.expected, ex.text
    assert not [r for r in ex.fires if r not in did], f"did not fire on: {ex.text}"
    assert not [r for r in ex.quiet if r in did], f"fired on: {ex.text}"
