"""Places of events: what kind of place an entity is, and which place a clause names.

An event's place is the entity the event's own clause names as where it happened (``في طهران``،
``في محافظة إدلب``، ``قرب مدينة اللاذقية``), never one guessed from elsewhere: when the clause
names only a country, the place is that country (precision ``country``), and when it names
nothing, there is no place. Consumers get coordinates from the knowledge base by the entity's
``kb_id`` together with :func:`place_info`'s precision, so a country is never mistaken for a
city.

Example::

    info = place_info(entity)          # PlaceInfo(kind='capital', country='IRN', precision='city')
    best = choose_place(candidates, cue_token=12)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic.normalize import normalize
from rasd.model import Actor

# place kinds from the most to the least precise
_PRECISION = {
    "base": "point",
    "border_crossing": "point",
    "town": "city",
    "city": "city",
    "capital": "city",
    "other": "city",
    "governorate": "region",
    "region": "region",
    "country": "country",
}
_RANK = {"point": 0, "city": 1, "region": 2, "country": 3}


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    """What kind of place an entity is.

    Attributes:
        kind: a knowledge-base place kind (``capital``, ``city``, ``governorate``…) or ``country``.
        country: ISO3 code of the country it lies in.
        precision: ``point``, ``city``, ``region`` or ``country``.
        capital: the place is the seat of a government (usable as its metonym).
    """

    kind: str
    country: str | None
    precision: str
    capital: bool


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    from rasd.kb import load_kb

    out: dict[str, str] = {}
    for c in load_kb().countries.values():
        for name in c.capital_names:
            out.setdefault(normalize(name), c.code)
    return out


def place_info(entity: Actor) -> PlaceInfo | None:
    """The place an entity is, or ``None`` when it is not a place (a person, an organization)."""
    if entity.type not in ("LOC", "GPE"):
        return None
    kb_id = entity.kb_id or ""
    if kb_id.startswith("country:"):
        return PlaceInfo("country", entity.country, "country", False)
    capital_of = _capitals().get(normalize(entity.name))
    kind = "other"
    if kb_id:
        from rasd.kb import load_kb

        p = load_kb().places.get(kb_id)
        if p is not None:
            kind = p.kind
    if capital_of and capital_of == (entity.country or capital_of):
        return PlaceInfo("capital", entity.country or capital_of, "city", True)
    if not kb_id and entity.type == "GPE" and entity.country:
        return PlaceInfo("country", entity.country, "country", False)
    return PlaceInfo(kind, entity.country, _PRECISION.get(kind, "city"), kind == "capital")


def is_capital(entity: Actor) -> bool:
    """Whether the entity is a capital city (which news uses for its government: طهران)."""
    info = place_info(entity)
    return info is not None and info.capital


def choose_place(candidates: Sequence[tuple[int, Actor]], cue_token: int) -> Actor | None:
    """The place of an event among the places its clause names.

    Args:
        candidates: ``(token index, entity)`` of the place names in the event's clause that a
            locative preposition or a place noun introduces.
        cue_token: token index of the event's cue.

    Returns:
        The most precise place; among equally precise ones the nearest to the cue, preferring
        one after it. ``None`` when there is no candidate.
    """
    best: tuple[int, int, int] | None = None
    chosen: Actor | None = None
    for tok, entity in candidates:
        info = place_info(entity)
        if info is None:
            continue
        rank = _RANK.get(info.precision, 3)
        distance = abs(tok - cue_token)
        key = (rank, 0 if tok >= cue_token else 1, distance)
        if best is None or key < best:
            best, chosen = key, entity
    return chosen
