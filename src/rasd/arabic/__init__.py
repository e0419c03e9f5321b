"""Arabic text layer: normalization, sentences, tokens with clitics, all offset-preserving."""

from rasd.arabic.normalize import normalize, normalize_with_map
from rasd.arabic.sentences import split_sentences
from rasd.arabic.tokens import tokenize

__all__ = ["normalize", "normalize_with_map", "split_sentences", "tokenize"]
