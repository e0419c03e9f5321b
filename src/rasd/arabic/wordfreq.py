"""Word frequencies of Arabic news (normalized forms), derived from a 25M-word corpus.

Used to decide whether a leading و/ف/ب/ل/ك or a trailing pronoun is a clitic: a split is
taken when the remaining stem is a common word in its own right.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def word_frequencies() -> dict[str, int]:
    """Normalized word form → corpus count (empty when the data file is missing)."""
    ref = resources.files("rasd") / "data" / "lexicon" / "wordfreq.tsv.gz"
    try:
        raw = ref.read_bytes()
    except (FileNotFoundError, OSError):
        return {}
    freq: dict[str, int] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        word, _, count = line.partition("\t")
        if count:
            freq[word] = int(count)
    return freq


def frequency(norm_word: str) -> int:
    """Corpus count of a normalized word form (0 when unseen)."""
    return word_frequencies().get(norm_word, 0)


@lru_cache(maxsize=1)
def _ranks() -> dict[str, int]:
    freq = word_frequencies()
    return {w: i for i, w in enumerate(sorted(freq, key=lambda w: (-freq[w], w)))}


def rank(norm_word: str) -> int | None:
    """Frequency rank of a normalized word form (0 = most frequent), None when unseen."""
    return _ranks().get(norm_word)
