"""Actors: the knowledge base, linking of mentions to actors, in-document coreference.

The knowledge base (:mod:`rasd.actors.kb`) is also read by the entity matcher, which runs
before linking; this package therefore imports its linker lazily, so importing the knowledge
base does not pull in the stages built on it.
"""

from __future__ import annotations

from rasd.model import Document


def actors_stage(doc: Document) -> Document:
    """Add ``doc.entities``: one actor per real-world actor, with all its mentions."""
    from rasd.actors.link import link_actors

    doc.entities = link_actors(doc)
    return doc


__all__ = ["actors_stage"]
