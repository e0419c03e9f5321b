"""The knowledge base: countries, places, actors with dated offices, institution heads, office
titles and ambiguous forms — facts about the world, loaded once per process.

It sits below the entity matcher (:mod:`rasd.entities`) and the linker (:mod:`rasd.actors`),
which both read it; it imports nothing of theirs.

* :mod:`rasd.kb.records`: the typed records and the code sets (sectors, group codes);
* :mod:`rasd.kb.base`: :func:`load_kb` and the look-ups, and :func:`name_words`.
"""

from __future__ import annotations

from rasd.kb.base import DEFAULT_PATH, KnowledgeBase, load_kb, name_words
from rasd.kb.records import (
    GROUP_CODES,
    PLACE_KINDS,
    SECTORS,
    SURFACE_KINDS,
    Ambiguity,
    Body,
    Country,
    KBActor,
    Place,
    Role,
    Title,
)

__all__ = [
    "DEFAULT_PATH",
    "GROUP_CODES",
    "PLACE_KINDS",
    "SECTORS",
    "SURFACE_KINDS",
    "Ambiguity",
    "Body",
    "Country",
    "KBActor",
    "KnowledgeBase",
    "Place",
    "Role",
    "Title",
    "load_kb",
    "name_words",
]
