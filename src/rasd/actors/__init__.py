"""Actors: linking of mentions to actors and in-document coreference.

The linker reads the knowledge base (:mod:`rasd.kb`), which sits below this package and the
entity matcher; the stage imports its linker lazily, so a prefix of the pipeline does not load
it.
"""

from __future__ import annotations

from rasd.model import Document


def actors_stage(doc: Document) -> Document:
    """Add ``doc.entities``: one actor per real-world actor, with all its mentions; the actors the
    knowledge base does not know get the country the article gives them
    (:mod:`rasd.actors.country_ranking`) unless ``RASD_COUNTRIES=rules``."""
    from rasd.actors.country_ranking import assign, country_ranking, default_model
    from rasd.actors.link import link_actors

    doc.entities = link_actors(doc)
    if country_ranking() == "learned":
        assign(default_model(), doc)
    return doc


__all__ = ["actors_stage"]
