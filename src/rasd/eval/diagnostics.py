"""What the headline scores hide: why quotes are missed, whether matched entities have the right
country, and what a user gets by filtering events on their confidence.

- **Quotes**, each required gold quote in one of four outcomes: its words were *not found* (no
  output quote covers half of them), found with the *right speaker*, found with a *wrong
  speaker*, or found with *no speaker*. Speaker accuracy = right / found.
- **Entity countries**: each required gold entity that gives a country and that an output entity
  matches by type and name (the country set aside) counts as agreeing when the countries are
  equal.
- **Events at a confidence threshold**: the event layer scored again with only the output
  events whose ``confidence`` is at least 0.5, 0.7 and 0.9.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from rasd.eval.gold import (
    Counts,
    Gold,
    contains_words,
    entity_strings,
    event_matches,
    gold_speaker_names,
    match_one_to_one,
    output_speaker_names,
    type_class,
    word_overlap,
    words,
)
from rasd.model import Document, Event

THRESHOLDS = (0.5, 0.7, 0.9)
QUOTE_OUTCOMES = ("right speaker", "wrong speaker", "no speaker", "not found")


def quote_outcomes(gold: Gold, doc: Document) -> Counter[str]:
    """The outcome of each required gold quote (see the module's docstring)."""
    out: Counter[str] = Counter()
    texts = [(q, doc.text(q.content)) for q in doc.quotes]
    for g in gold.quotes:
        if not g.required:
            continue
        found = [q for q, text in texts if word_overlap(g.text, text) >= 0.5]
        if not found:
            out["not found"] += 1
            continue
        names = gold_speaker_names(g, gold.entities)
        if any(contains_words(o, n) for q in found for o in output_speaker_names(q, doc) for n in names):
            out["right speaker"] += 1
        elif all(q.speaker is None and not q.speaker_text for q in found):
            out["no speaker"] += 1
        else:
            out["wrong speaker"] += 1
    return out


def country_agreement(gold: Gold, doc: Document) -> tuple[int, int]:
    """(agree, compared) over required gold entities with a country matched by type and name."""
    named = [e for e in doc.entities if not e.nominal]
    golds = [g for g in gold.entities if g.required and g.country]

    def same_name(i: int, j: int) -> bool:
        g, e = golds[i], named[j]
        if type_class(g.type) != type_class(e.type):
            return False
        gw = [words(s) for s in [g.name, *g.mentions]]
        ow = [words(s) for s in entity_strings(e, doc.body)]
        return any(contains_words(o, w) for o in ow for w in gw if w)

    pairs = match_one_to_one([True] * len(golds), len(named), same_name)
    agree = sum(1 for i, j in pairs.items() if (named[j].country or "").upper() == (golds[i].country or "").upper())
    return agree, len(pairs)


def events_at_thresholds(gold: Gold, doc: Document) -> dict[float, Counts]:
    """The event layer's counts with only the output events of confidence ≥ each threshold."""
    out: dict[float, Counts] = {}
    required = [g.required for g in gold.events]
    for t in THRESHOLDS:
        kept = [e for e in doc.events if e.confidence >= t]
        view = replace(doc, events=kept)

        def fits(i: int, j: int, kept: list[Event] = kept, view: Document = view) -> bool:
            return event_matches(gold.events[i], kept[j], view)

        pairs = match_one_to_one(required, len(kept), fits)
        out[t] = Counts(
            required=sum(required),
            optional=len(required) - sum(required),
            output=len(kept),
            matched_required=sum(1 for g in pairs if required[g]),
            matched_optional=sum(1 for g in pairs if not required[g]),
        )
    return out
