"""Codes the store derives from the records: PLOVER quad classes and actor keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache

from rasd.arabic.normalize import normalize

QUADS: tuple[str, ...] = (
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
)
"""PLOVER 2.0 quad classes, from cooperation to conflict."""

_QUAD_OF_TYPE: dict[str, str] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), "verbal_cooperation"),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT"), "material_cooperation"),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), "verbal_conflict"),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), "material_conflict"),
}


@dataclass(frozen=True, slots=True)
class TypeCodes:
    """What the ontology says of an event type: quad class, score and CAMEO code."""

    quad: str | None
    score: float | None
    cameo: str | None


@lru_cache(maxsize=256)
def type_codes(event_type: str, mode: str | None = None) -> TypeCodes:
    """Quad class, cooperation-conflict score and CAMEO code of a PLOVER type (and mode).

    Read from :mod:`rasd.events.ontology` when it is installed; otherwise only the quad class,
    from PLOVER's table.
    """
    t = event_type.upper()
    try:
        from rasd.events.ontology import load_ontology

        onto = load_ontology()
    except (ImportError, OSError, ValueError, KeyError):
        return TypeCodes(_QUAD_OF_TYPE.get(t), None, None)
    et = onto.types.get(t)
    if et is None:
        return TypeCodes(_QUAD_OF_TYPE.get(t), None, None)
    cameo = onto.cameo_codes(t, mode)
    return TypeCodes(et.quad_class, et.score, cameo[0] if cameo else None)


def quad_code(quad: str | None) -> int | None:
    """GDELT's numeric QuadClass of a PLOVER quad class: 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict (None for none)."""
    if quad is None:
        return None
    key = quad.strip().lower().replace(" ", "_")
    return QUADS.index(key) + 1 if key in QUADS else None


def quad_class(event_type: str) -> str | None:
    """The PLOVER quad class of an event type (``None`` for a type outside PLOVER)."""
    return type_codes(event_type).quad


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


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")

PRECISIONS = ("day", "week", "month", "year")
"""How precisely a date is known, finest first."""


def date_precision(value: str | None) -> str | None:
    """``day``, ``week`` (``2018-W15``), ``month`` (``2018-04``) or ``year`` (``2018``)."""
    if not value:
        return None
    for name, pattern in (("day", _DAY), ("week", _WEEK), ("month", _MONTH), ("year", _YEAR)):
        if pattern.match(value):
            return name
    return None


def full_date(value: str | None) -> str | None:
    """A ``YYYY-MM-DD`` date to sort and filter by: the date itself, the Monday of an ISO week,
    the first day of a month or a year; ``None`` for anything else."""
    if not value:
        return None
    try:
        if _DAY.match(value):
            return _date.fromisoformat(value).isoformat()
        if m := _WEEK.match(value):
            return _date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        if m := _MONTH.match(value):
            return _date(int(m.group(1)), int(m.group(2)), 1).isoformat()
        if m := _YEAR.match(value):
            return _date(int(m.group(1)), 1, 1).isoformat()
    except ValueError:
        return None
    return None
