"""The annotated news corpus as training data: analysed documents beside their gold records.

:func:`load_split` runs the rule pipeline (every stage, the events stage giving the rule coder's
records) on the articles of one split of a corpus manifest and pairs each document with its gold
record; :func:`align` finds where in the body each gold event's evidence and each gold quote's
text stand, so that they can label sentences, tokens and candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rasd.arabic.normalize import normalize, normalize_with_map
from rasd.eval.corpus import corpus_pairs
from rasd.eval.gold import Gold, load_gold
from rasd.model import Article, Document, Span


@dataclass(slots=True)
class Pair:
    """An analysed document and its gold record."""

    name: str
    doc: Document
    gold: Gold
    group: dict[str, str]


def find_span(body: str, text: str | None, after: int = 0) -> Span | None:
    """Where ``text`` stands in ``body``: verbatim first, else after Arabic normalization."""
    if not text:
        return None
    i = body.find(text, after)
    if i < 0 and after:
        i = body.find(text)
    if i >= 0:
        return Span(i, i + len(text))
    norm, offsets = normalize_with_map(body)
    needle = normalize(text).strip()
    j = norm.find(needle) if needle else -1
    if j < 0:
        return None
    start = offsets[j]
    end_index = j + len(needle)
    end = offsets[end_index] if end_index < len(offsets) else len(body)
    return Span(start, max(end, start + 1))


def load_pairs(
    paths: Iterable[str | Path],
    gold_dir: Path | None,
    split: str | None,
    pipeline: Callable[[Article], Document],
    *,
    limit: Sequence[str] | None = None,
) -> tuple[list[Pair], list[str]]:
    """Analyse every article of a split that has a gold record; problems are returned, not raised."""
    from rasd.eval.gold import read_article  # the evaluation's reader: manifest metadata included

    pairs, groups, problems = corpus_pairs(paths, gold_dir, split)
    out: list[Pair] = []
    for art_path, gold_path in pairs:
        if limit is not None and art_path.name not in limit:
            continue
        try:
            gold = load_gold(gold_path)
            doc = pipeline(read_article(art_path))
        except Exception as exc:  # one bad article must not stop training
            problems.append(f"{art_path}: {type(exc).__name__}: {exc}")
            continue
        out.append(Pair(art_path.name, doc, gold, groups.get(art_path, {})))
    return out, problems


def rule_pipeline(*, countries: bool = True) -> Callable[[Article], Document]:
    """The full pipeline with the rules alone deciding speakers and events (what the learned
    decisions learn from); with ``countries=False``, actors the knowledge base does not know keep
    no country either (what the country ranking learns from)."""
    import os

    from rasd.actors.country_ranking import COUNTRIES_ENV
    from rasd.events import CODER_ENV
    from rasd.pipeline import Pipeline
    from rasd.quotes.ranking import SPEAKERS_ENV

    pipe = Pipeline()
    keys = [SPEAKERS_ENV, CODER_ENV] + ([] if countries else [COUNTRIES_ENV])

    def run(article: Article) -> Document:
        saved = {k: os.environ.get(k) for k in keys}
        for k in keys:
            os.environ[k] = "rules"
        try:
            return pipe(article)
        finally:
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v

    return run
