"""The event stage's word lists (``data/lexicon/events_words.tsv``), keyed by the rule that reads them.

Rules declare their lists (``@rule(..., words=("since", "periods"))``); the parts of the stage
that are not rules but read lists for many of them are declared here (:data:`READERS`). The file
is checked against both when it is first read (see :mod:`rasd.rules.words`).

Four forms of a list:

* :func:`norm`: the normalized words;
* :func:`raw`: the entries as written (codes);
* :func:`marker`: the normalized words and their cores (without a leading و، ب، ل or ال: a
  marker written ``الأوضاع`` also finds ``أوضاع``), for the closed-class markers;
* :func:`mapping`: ``a=b`` entries, normalized.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.rules import WordLists, lexicon_file

READERS: dict[str, tuple[str, ...]] = {
    # the sentence view: prepositions and clause openers, words to step over, "his country"
    "events.view": (
        "prepositions",
        "quantity",
        "affiliation",
        "boundary",
        "relative",
        "skip",
        "own_country",
        "channel",
    ),
    # what tells a report of a harm or a protest from a mention of one (casualties, crowds)
    "events.context": ("harm", "protest"),
    # where an event happened: nouns introducing a place, topics after which في names no place
    "events.place": ("heads", "topics"),
    # the slot helpers (rasd.events.roles): particles, auxiliaries, masculine country names
    "events.roles": ("particles", "aux", "masculine_countries"),
}
"""Readers that are not rules: reader id → the lists it reads."""


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The stage's lists, read and checked once per process."""
    from rasd.events.registry import REGISTRY

    return WordLists(lexicon_file("events_words.tsv"), {**READERS, **REGISTRY.word_lists()})


@lru_cache(maxsize=512)
def norm(reader: str, name: str) -> frozenset[str]:
    """The normalized words of a list."""
    return word_lists()[reader, name].norm


@lru_cache(maxsize=64)
def raw(reader: str, name: str) -> frozenset[str]:
    """The entries of a list exactly as written (codes such as ``IRQ``, which normalizing would
    lower-case)."""
    return word_lists()[reader, name].raw


@lru_cache(maxsize=512)
def marker(reader: str, name: str) -> frozenset[str]:
    """The normalized words of a list and their cores (see :func:`rasd.events.lexicon.core`)."""
    from rasd.events.morphology import core

    wl = word_lists()[reader, name]
    return wl.norm | frozenset(core(w) for w in wl.raw)


@lru_cache(maxsize=64)
def mapping(reader: str, name: str) -> dict[str, str]:
    """The ``a=b`` entries of a list, normalized."""
    return word_lists()[reader, name].mapping
