"""Every quote example record (tests/quotes/examples.jsonl): the statements it yields, the rules
it fires and the rules it leaves quiet."""

from __future__ import annotations

import pytest
from tests.rule_examples import QUOTE_EXAMPLES, Example, fired, load, quote_record, run_quotes

EXAMPLES = load(QUOTE_EXAMPLES, "quotes")


@pytest.mark.parametrize("ex", EXAMPLES, ids=str)
def test_example(ex: Example) -> None:
    if ex.missing:
        pytest.skip(ex.missing)
    doc = run_quotes(ex)
    did = fired(doc)
    assert [quote_record(doc, q) for q in doc.quotes] == ex.expected, ex.text
    assert not [r for r in ex.fires if r not in did], f"did not fire on: {ex.text}"
    assert not [r for r in ex.quiet if r in did], f"fired on: {ex.text}"
