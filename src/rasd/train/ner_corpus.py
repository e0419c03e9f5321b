"""The news corpus as NER training data: gold entity mentions turned into token labels.

A gold record lists each entity's canonical name and its surface mentions, not their offsets.
Each sentence of the article is tokenized as rasd tokenizes it at run time, and every run of
tokens that spells a name or mention of a gold entity (the first token may carry a proclitic:
``والمقداد`` for ``المقداد``, ``للأمم`` for ``الأمم``) is labelled ``B-``/``I-`` with the entity's
type in ANERcorp's tag set (PER → PERS, ORG, LOC, EVENT → MISC). Longer names win over the
names inside them; every other token is ``O``. The result is written as a CoNLL file
(``token TAG``, a blank line between sentences), the format the tagger is trained on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.eval.gold import Gold
from rasd.model import Article, Document

TAGS = {"PER": "PERS", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "EVENT": "MISC"}
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")

Sentence = tuple[list[str], list[str]]


def _word_matches(token: str, word: str, first: bool) -> bool:
    if token == word:
        return True
    if not first:
        return False
    if token.endswith(word) and token[: len(token) - len(word)] in _PROCLITICS:
        return True
    if word.startswith("ال") and len(word) > 2:
        rest = word[2:]
        return token in ("لل" + rest, "ولل" + rest, "فلل" + rest)
    return False


def _names(gold: Gold) -> list[tuple[list[str], str]]:
    """Each distinct (normalized words, tag) of the gold entities, longest first."""
    seen: set[tuple[str, ...]] = set()
    out: list[tuple[list[str], str]] = []
    for e in gold.entities:
        tag = TAGS.get(e.type.upper())
        if tag is None:
            continue
        for text in {e.name, *e.mentions}:
            words = normalize(text).replace("_", " ").split()
            key = tuple(words)
            if words and key not in seen:
                seen.add(key)
                out.append((words, tag))
    out.sort(key=lambda x: -len(x[0]))
    return out


def label_document(doc: Document, gold: Gold) -> list[Sentence]:
    """The document's sentences as (tokens, BIO tags) from the gold entities."""
    names = _names(gold)
    out: list[Sentence] = []
    body = doc.body
    for s in doc.sentences:
        toks = doc.sentence_tokens(s)
        if not toks:
            continue
        words = [body[t.start : t.end] for t in toks]
        norms = [t.norm for t in toks]
        tags = ["O"] * len(toks)
        for name, tag in names:
            k = len(name)
            for i in range(len(toks) - k + 1):
                if any(tags[i + j] != "O" for j in range(k)):
                    continue
                if all(_word_matches(norms[i + j], name[j], j == 0) for j in range(k)):
                    tags[i] = f"B-{tag}"
                    for j in range(1, k):
                        tags[i + j] = f"I-{tag}"
        out.append((words, tags))
    return out


def corpus_sentences(pairs: Iterable[tuple[Article, Gold]]) -> list[Sentence]:
    """Labelled sentences of many (article, gold) pairs, tokenized by rasd's text stage."""
    from rasd.pipeline import text_stage

    out: list[Sentence] = []
    for article, gold in pairs:
        doc = text_stage(Document(article=article))
        out.extend(label_document(doc, gold))
    return out


def write_conll(sentences: Sequence[Sentence], path: Path) -> None:
    """Write ``token TAG`` lines, a blank line between sentences (tokens with spaces are joined)."""
    with path.open("w", encoding="utf-8") as fh:
        for tokens, tags in sentences:
            for tok, tag in zip(tokens, tags, strict=True):
                word = "_".join(tok.split()) or "_"
                fh.write(f"{word} {tag}\n")
            fh.write("\n")
