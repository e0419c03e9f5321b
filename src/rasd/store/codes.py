"""Codes the store derives from the records: PLOVER quad classes and actor keys."""

from __future__ import annotations

from rasd.arabic.normalize import normalize

QUADS: tuple[str, ...] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)
"""PLOVER 2.0 quad classes, from cooperation to conflict."""

QUAD_OF_TYPE: dict[str, str] = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "REQUEST": "verbal conflict",
    "ACCUSE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "PROTEST": "material conflict",
    "SANCTION": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
}
"""The quad class of each of PLOVER's 16 event types."""


def quad_class(event_type: str) -> str | None:
    """The PLOVER quad class of an event type (``None`` for a type outside PLOVER)."""
    return QUAD_OF_TYPE.get(event_type.upper())


def norm_name(name: str) -> str:
    """A name folded for matching: normalized, white space collapsed."""
    return " ".join(normalize(name).split())


def actor_key(kb_id: str | None, type_: str, name: str, country: str | None) -> str:
    """The cross-article key of an actor.

    ``kb:<kb_id>`` when the actor is in the knowledge base, else
    ``local:<type>:<normalized name>:<country>``, so the same document-local actor named the
    same way in two articles is one actor of the archive.
    """
    if kb_id:
        return f"kb:{kb_id}"
    return f"local:{type_}:{norm_name(name)}:{country or ''}"
