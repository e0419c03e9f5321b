"""The quote stage's word lists (``data/lexicon/quotes_words.tsv``), keyed by the rule that reads them.

Rules declare their lists (``@rule(..., words=("openers",))``); the parts of the stage that read
lists for many rules are declared here (:data:`READERS`). See :mod:`rasd.rules.words`.
"""

from __future__ import annotations

from functools import lru_cache

from rasd.rules import WordLists, lexicon_file

READERS: dict[str, tuple[str, ...]] = {
    # finding cues: nominal cues (قوله), and cues that are also ordinary words
    "quotes.cues": ("nominal", "weak"),
    # where a statement starts and ends
    "quotes.content": ("complementizers", "complementizer_pronouns", "to_whom", "clause_openers"),
    # who speaks: source nouns, documents, relative words, prepositions, masculine country names
    "quotes.speaker": ("source_nouns", "document_nouns", "relatives", "prepositions", "masculine_countries"),
}
"""Readers that are not rules: reader id → the lists it reads."""


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    """The stage's lists, read and checked once per process."""
    from rasd.quotes.registry import REGISTRY

    return WordLists(lexicon_file("quotes_words.tsv"), {**READERS, **REGISTRY.word_lists()})


@lru_cache(maxsize=256)
def norm(reader: str, name: str) -> frozenset[str]:
    """The normalized words of a list."""
    return word_lists()[reader, name].norm


@lru_cache(maxsize=64)
def raw(reader: str, name: str) -> frozenset[str]:
    """The entries of a list exactly as written."""
    return word_lists()[reader, name].raw
