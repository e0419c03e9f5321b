"""Events: PLOVER 2.0 coding of what an article reports, each record traced to its words.

The stage :func:`events_stage` adds ``doc.events`` (one :class:`~rasd.model.Event` per event,
repeated reports merged) and writes the codebook version into ``doc.meta["codebook"]``.

Two coders work in turn. The **rule coder** reads cue words, Arabic word order and particles and
proposes records; the **learned coder** (:mod:`rasd.events.learned`, trained on the annotated
news corpus) weighs those proposals with its own reading of every sentence, decides the type,
the actor and the recipient, and gives each record a calibrated ``confidence``. The environment
variable ``RASD_EVENT_CODER=rules`` (or ``rasd analyze --event-coder rules``) keeps the rule
coder's records alone.

* :mod:`rasd.events.ontology`: the 16 PLOVER types, modes, scores and the CAMEO crosswalk;
* :mod:`rasd.events.lexicon`: the Arabic cue lexicon and its morphology;
* :mod:`rasd.events.syntax`: the sentence view (arguments, prepositions, clauses);
* :mod:`rasd.events.roles`: actor and recipient slots;
* :mod:`rasd.events.status`: asserted, future, hypothetical, negated, historical;
* :mod:`rasd.events.agents`: actors named by common nouns or implied by the event;
* :mod:`rasd.events.coder`: the rule coder and the merging of repeated reports;
* :mod:`rasd.events.learned`: the learned coder.
"""

from __future__ import annotations

import os

from rasd.model import Document

CODERS = ("learned", "rules")
CODER_ENV = "RASD_EVENT_CODER"
DEFAULT_CODER = "rules"  # until the learned model has been chosen on corpus dev


def event_coder() -> str:
    """The coder in use: ``learned`` (the default) or ``rules`` (``RASD_EVENT_CODER``)."""
    value = os.environ.get(CODER_ENV, DEFAULT_CODER).strip().lower() or DEFAULT_CODER
    if value not in CODERS:
        raise ValueError(f"{CODER_ENV}={value!r} is not a coder; use one of {', '.join(CODERS)}")
    return value


def rule_events_stage(doc: Document) -> Document:
    """Add ``doc.events`` from the rule coder alone (the learned coder's input)."""
    from rasd.events.coder import code_events
    from rasd.events.ontology import codebook_version

    doc.events = code_events(doc)
    doc.meta["codebook"] = codebook_version()
    return doc


def events_stage(doc: Document) -> Document:
    """Add ``doc.events`` and the codebook version (``doc.meta["codebook"]``)."""
    rule_events_stage(doc)
    if event_coder() == "learned":
        from rasd.events.learned.coder import code_events_learned

        doc.events = code_events_learned(doc, doc.events)
    return doc


__all__ = ["CODERS", "CODER_ENV", "event_coder", "events_stage", "rule_events_stage"]
