"""Events: PLOVER 2.0 coding of what an article reports, each record traced to its words.

The stage :func:`events_stage` adds ``doc.events`` (one :class:`~rasd.model.Event` per event,
repeated reports merged) and writes the codebook version into ``doc.meta["codebook"]``.

Every decision is a registered rule (:mod:`rasd.rules`) in one of the stage's ordered lists
(:mod:`rasd.events.registry`); each event names the rules that made it (``Event.rules``) and the
candidates a rule dropped go to ``doc.dropped``.

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
* :mod:`rasd.events.merge`: one record per event; :mod:`rasd.events.coder`: the order of it all.
"""

from __future__ import annotations

from rasd.model import Document


def events_stage(doc: Document) -> Document:
    """Add ``doc.events`` and the codebook version (``doc.meta["codebook"]``)."""
    from rasd.events.coder import code_events
    from rasd.events.ontology import codebook_version

    doc.events = code_events(doc)
    doc.meta["codebook"] = codebook_version()
    return doc


__all__ = ["events_stage"]
