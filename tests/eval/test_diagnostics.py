"""Diagnostics of a gold evaluation: quote outcomes, entity country agreement, events by confidence."""

from __future__ import annotations

from pathlib import Path

from tests.events.helpers import make_doc, person, place

from rasd.eval.diagnostics import country_agreement, events_at_thresholds, quote_outcomes
from rasd.eval.gold import parse_gold
from rasd.model import Event, Span

TEXT = "وقال وزير الخارجية محمد جواد ظريف إن واشنطن تنتهك الاتفاق. وأكدت طهران أنها سترد."
ENTS = [person("محمد جواد ظريف", "IRN"), place("واشنطن", "USA"), place("طهران", "IRN")]


def _gold(quotes: list[dict[str, object]] = (), events: list[dict[str, object]] = (), entities: list[dict[str, object]] = ()):  # type: ignore[assignment,no-untyped-def]
    return parse_gold({"format": "gold/1", "entities": list(entities), "quotes": list(quotes), "events": list(events)}, Path("x.gold.json"))


def test_a_quote_with_its_speaker_is_right() -> None:
    doc = make_doc(TEXT, ENTS, quotes=[("واشنطن تنتهك الاتفاق", "محمد جواد ظريف", "وقال")])
    out = quote_outcomes(_gold([{"speaker": "محمد جواد ظريف", "text": "واشنطن تنتهك الاتفاق"}]), doc)
    assert out == {"right speaker": 1}


def test_a_quote_given_to_the_place_it_names_has_a_wrong_speaker() -> None:
    doc = make_doc(TEXT, ENTS, quotes=[("واشنطن تنتهك الاتفاق", "واشنطن", "وقال")])
    out = quote_outcomes(_gold([{"speaker": "محمد جواد ظريف", "text": "واشنطن تنتهك الاتفاق"}]), doc)
    assert out == {"wrong speaker": 1}


def test_a_quote_no_output_covers_is_not_found() -> None:
    doc = make_doc(TEXT, ENTS)
    out = quote_outcomes(_gold([{"speaker": "طهران", "text": "أنها سترد"}]), doc)
    assert out == {"not found": 1}


def test_a_matched_entity_with_another_country_disagrees() -> None:
    doc = make_doc(TEXT, [person("محمد جواد ظريف", "USA")])
    gold = _gold(entities=[{"name": "محمد جواد ظريف", "type": "PER", "country": "IRN", "mentions": ["ظريف"]}])
    assert country_agreement(gold, doc) == (0, 1)


def test_events_under_a_threshold_are_left_out_of_its_score() -> None:
    doc = make_doc(TEXT, ENTS)
    doc.events = [
        Event("v1", "ACCUSE", actors=["e1"], recipients=["e2"], evidence=[Span(0, 10)], confidence=0.95),
        Event("v2", "THREATEN", actors=["e3"], evidence=[Span(0, 10)], confidence=0.6),
    ]
    gold = _gold(events=[{"type": ["ACCUSE"], "source": ["IRN"], "target": ["USA"], "evidence": "x"}])
    at = events_at_thresholds(gold, doc)
    assert (at[0.5].output, at[0.7].output, at[0.9].output) == (2, 1, 1)
    assert at[0.9].precision == 1.0
