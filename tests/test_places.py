"""Places: what kind of place an entity is, and which place an event's clause names."""

from __future__ import annotations

from rasd.model import Actor
from rasd.places import choose_place, is_capital, place_info


def ent(name: str, country: str, kb_id: str | None = None, type_: str = "LOC") -> Actor:
    return Actor(id=name, name=name, type=type_, country=country, kb_id=kb_id)


def test_country() -> None:
    info = place_info(ent("سوريا", "SYR", "country:SYR"))
    assert info is not None and info.precision == "country"


def test_capital_is_a_city_and_a_metonym() -> None:
    tehran = ent("طهران", "IRN")
    assert is_capital(tehran)
    info = place_info(tehran)
    assert info is not None and info.precision == "city"


def test_a_person_is_no_place() -> None:
    assert place_info(ent("فيصل المقداد", "SYR", type_="PER")) is None


def test_the_most_precise_place_wins() -> None:
    syria, idlib = ent("سوريا", "SYR", "country:SYR"), ent("إدلب", "SYR")
    assert choose_place([(3, syria), (8, idlib)], cue_token=5) is idlib


def test_no_candidate_no_place() -> None:
    assert choose_place([], cue_token=0) is None
