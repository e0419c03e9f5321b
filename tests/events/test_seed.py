"""The benchmark article: the required events of its gold record, end to end."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.eval.gold import evaluate_gold


@pytest.mark.slow
def test_seed_required_events(shared: Path) -> None:
    report = evaluate_gold([shared / "seed"])
    events = report.micro["events"]
    assert events.required == 11
    assert events.recall >= 0.9
    assert events.precision >= 0.8


@pytest.mark.slow
def test_seed_every_evidence_span_is_in_the_body(shared: Path) -> None:
    from rasd.pipeline import analyze

    doc = analyze(shared / "seed" / "000_17848a7770633ebb.txt")
    assert doc.events
    for ev in doc.events:
        for span in ev.evidence:
            assert doc.body[span.start : span.end].strip()
        assert ev.cue is not None and doc.body[ev.cue.start : ev.cue.end].strip()
