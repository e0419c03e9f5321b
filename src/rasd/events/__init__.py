"""Events: PLOVER 2.0 coding of what an article reports, each record traced to its words.

The stage :func:`events_stage` adds ``doc.events`` (one :class:`~rasd.model.Event` per event,
repeated reports merged) and writes the codebook version into ``doc.meta["codebook"]``.

* :mod:`rasd.events.ontology`: the 16 PLOVER types, modes, scores and the CAMEO crosswalk;
* :mod:`rasd.events.lexicon`: the Arabic cue lexicon and its morphology;
* :mod:`rasd.events.syntax`: the sentence view (arguments, prepositions, clauses);
* :mod:`rasd.events.roles`: actor and recipient slots;
* :mod:`rasd.events.status`: asserted, future, hypothetical, negated, historical;
* :mod:`rasd.events.agents`: actors named by common nouns or implied by the event;
* :mod:`rasd.events.coder`: the coder and the merging of repeated reports.
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
