"""Events: PLOVER 2.0 coding of what an article reports, each record traced to its words.

The stage :func:`events_stage` adds ``doc.events`` (one :class:`~rasd.model.Event` per event,
repeated reports merged) and writes the codebook version into ``doc.meta["codebook"]``.

Two coders work in turn. The **rule coder** reads cue words, Arabic word order and particles.
Every one of its decisions is a registered rule (:mod:`rasd.rules`) in one of the stage's ordered
lists (:mod:`rasd.events.registry`); each of its records names the rules that made it
(``Event.rules``) and the candidates a rule dropped go to ``doc.dropped``. The **learned coder**
(:mod:`rasd.events.learned`, trained on the annotated news corpus) then weighs the rule coder's
records with its own reading of every sentence, decides the type, the actor and the recipient,
and gives each record a calibrated ``confidence``. ``RASD_EVENT_CODER=rules`` (or ``rasd analyze
--rules-only``) keeps the rule coder's records alone.

* :mod:`rasd.events.ontology`: the 16 PLOVER types, modes, scores and the CAMEO crosswalk;
* :mod:`rasd.events.lexicon`, :mod:`rasd.events.morphology`: the Arabic cue lexicon and the
  forms it generates; :mod:`rasd.events.words`: the word lists the rules read;
* :mod:`rasd.events.view`: the sentence view (arguments, prepositions, clauses);
  :mod:`rasd.events.roles`: slot helpers (subjects, objects, genitives);
* :mod:`rasd.events.reading`: reading a cue word; :mod:`rasd.events.subjects`,
  :mod:`rasd.events.verbs`, :mod:`rasd.events.participles`, :mod:`rasd.events.nouns`,
  :mod:`rasd.events.mentions`: filling the slots;
* :mod:`rasd.events.filters`, :mod:`rasd.events.retypes`, :mod:`rasd.events.targets`,
  :mod:`rasd.events.finish`: what runs once the slots are filled;
* :mod:`rasd.events.records`, :mod:`rasd.events.record_rules`, :mod:`rasd.events.status`:
  building the record; :mod:`rasd.events.agents`: actors named by common nouns or implied;
* :mod:`rasd.events.merge`: one record per event; :mod:`rasd.events.coder`: the order of it all;
* :mod:`rasd.events.learned`: the learned coder.
"""

from __future__ import annotations

import os

from rasd.model import Document

CODERS = ("learned", "rules")
CODER_ENV = "RASD_EVENT_CODER"
DEFAULT_CODER = "learned"


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
