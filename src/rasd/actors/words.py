"""The linker's word lists (``data/lexicon/actors_words.tsv``), keyed by the part that reads them.

The linker's passes are functions, not registered rules; each module declares the lists it
reads here (:data:`READERS`) and the loader checks the file against them (see
:mod:`rasd.rules.words`).
"""

from __future__ import annotations

from functools import lru_cache

from rasd.rules import WordLists, lexicon_file

READERS: dict[str, tuple[str, ...]] = {
    "actors.titles": ("qualifiers", "name_stops", "posting", "name_links"),
    "actors.chains": ("domain_adjectives",),
    "actors.coref": ("kingdom",),
    "actors.countries": ("apposition_openers", "destination", "place_prefixes"),
}
"""Reader → the lists it reads."""


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The linker's lists, read and checked once per process."""
    return WordLists(lexicon_file("actors_words.tsv"), READERS)


@lru_cache(maxsize=64)
def norm(reader: str, name: str) -> frozenset[str]:
    """The normalized words of a list."""
    return word_lists()[reader, name].norm


@lru_cache(maxsize=16)
def raw(reader: str, name: str) -> frozenset[str]:
    """The entries of a list exactly as written."""
    return word_lists()[reader, name].raw
