"""Training is reproducible: the same data gives the same model, byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.train.corpus import Pair, load_pairs, rule_pipeline


@pytest.fixture(scope="module")
def pairs(shared: Path) -> tuple[list[Pair], list[Pair]]:
    gold = sorted((shared / "data" / "news-dev" / "gold").glob("*.gold.json"))[:6]
    if len(gold) < 6:
        pytest.skip("news-dev gold records not found")
    got, problems = load_pairs(gold, None, None, rule_pipeline(countries=False))
    assert not problems and len(got) == 6
    return got[:4], got[4:]


@pytest.fixture(scope="module")
def shared() -> Path:
    from tests.conftest import SHARED

    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED}")
    return SHARED


def _same(a: object, b: object) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def test_the_event_coder_trains_the_same_twice(pairs: tuple[list[Pair], list[Pair]]) -> None:
    from rasd.train.events import train_events

    train, dev = pairs
    first, _ = train_events(train, dev, write=False)
    second, _ = train_events(train, dev, write=False)
    assert first.types.weights and _same(first.to_dict(), second.to_dict())


def test_the_speaker_ranking_trains_the_same_twice(pairs: tuple[list[Pair], list[Pair]]) -> None:
    from rasd.train.quotes import train_quotes

    train, dev = pairs
    first, _ = train_quotes(train, dev, write=False)
    second, _ = train_quotes(train, dev, write=False)
    assert first.ranker.weights and _same(first.to_dict(), second.to_dict())


def test_the_country_ranking_trains_the_same_twice(pairs: tuple[list[Pair], list[Pair]]) -> None:
    from rasd.train.countries import train_countries

    train, dev = pairs
    first, _ = train_countries(train, dev, write=False)
    second, _ = train_countries(train, dev, write=False)
    assert _same(first.to_dict(), second.to_dict())
