"""Agreement between two annotators: one ``gold/1`` record scored as output against the other.

The same rules as :mod:`rasd.eval.gold` apply, with the second annotation (B) in the place of
rasd's output and the first (A) as the gold:

- an entity of B is an output entity with B's name and mentions, type and country;
- a quote of B is an output quote whose speaker names are B's speaker, co-speakers and the
  mentions of B's entities of those names, and whose text is B's text;
- an event of B is an output event of B's best type (the first of its list) whose source and
  target codes are the first of B's lists (``null`` there meaning no code or no recipient).

Every record of B counts as output, required or optional: a record B made that A did not
accept is a disagreement. Precision is over B's records, recall over A's required ones, so the
F1 of B against A is not that of A against B; QUALITY.md gives both.

Example::

    report = evaluate_agreement(Path("corpus/double/a"), Path("corpus/double/b"))
    print(report.micro["quotes"].f1)
"""

from __future__ import annotations

import time
from pathlib import Path

from rasd.arabic.normalize import normalize
from rasd.eval import EvalError
from rasd.eval.corpus import read_manifest
from rasd.eval.gold import (
    GOLD_SUFFIX,
    LAYERS,
    META_FIELDS,
    ArticleScore,
    Gold,
    GoldEntity,
    GoldEvent,
    GoldQuote,
    GoldReport,
    codes_fit,
    contains_words,
    gold_speaker_names,
    load_gold,
    score_layer,
    type_class,
    word_overlap,
    words,
)


def entities_agree(gold: GoldEntity, out: GoldEntity) -> bool:
    """The entity rule with B's entity as the output."""
    if type_class(gold.type) != type_class(out.type):
        return False
    if gold.country and (out.country or "").upper() != gold.country.upper():
        return False
    gold_names = [words(s) for s in [gold.name, *gold.mentions]]
    out_names = [words(s) for s in [out.name, *out.mentions]]
    return any(contains_words(o, g) for o in out_names for g in gold_names if g)


def quotes_agree(gold: GoldQuote, out: GoldQuote, gold_ents: list[GoldEntity], out_ents: list[GoldEntity]) -> bool:
    """The quote rule with B's quote as the output."""
    if word_overlap(gold.text, out.text) < 0.5:
        return False
    gold_names = gold_speaker_names(gold, gold_ents)
    out_names = gold_speaker_names(out, out_ents)
    return any(contains_words(o, g) for o in out_names for g in gold_names)


def events_agree(gold: GoldEvent, out: GoldEvent) -> bool:
    """The event rule with B's best reading (first type, first source and target code) as the output."""
    etype = out.types[0]
    if etype not in gold.types:
        return False
    src = {out.source[0] if out.source else None}
    tgt = {out.target[0] if out.target else None}
    if codes_fit(src, gold.source) and codes_fit(tgt, gold.target):
        return True
    return etype == "CONSULT" and codes_fit(tgt, gold.source) and codes_fit(src, gold.target)


def meta_agreement(a: Gold, b: Gold) -> dict[str, bool]:
    """Per metadata field, whether both records give the same value (normalized; lines in any order)."""

    def norm(v: object) -> object:
        if isinstance(v, list):
            return sorted(" ".join(normalize(x).split()) for x in v if isinstance(x, str))
        return " ".join(normalize(v).split()) if isinstance(v, str) and v.strip() else None

    return {f: norm(a.meta.get(f)) == norm(b.meta.get(f)) for f in META_FIELDS if f in a.meta or f in b.meta}


def score_annotations(a: Gold, b: Gold, name: str) -> ArticleScore:
    """Score annotation ``b`` as output against annotation ``a`` as gold."""

    def nowhere(_: object) -> str | None:
        return None

    ents = score_layer(
        "entities",
        a.entities,
        b.entities,
        lambda i, j: entities_agree(a.entities[i], b.entities[j]),
        nowhere,
        nowhere,
        lambda e: e.label(),
    )
    quotes = score_layer(
        "quotes",
        a.quotes,
        b.quotes,
        lambda i, j: quotes_agree(a.quotes[i], b.quotes[j], a.entities, b.entities),
        lambda g: g.text,
        lambda q: q.text,
        lambda q: q.label(),
    )
    events = score_layer(
        "events",
        a.events,
        b.events,
        lambda i, j: events_agree(a.events[i], b.events[j]),
        lambda g: g.evidence,
        lambda v: v.evidence,
        lambda v: v.label(),
    )
    score = ArticleScore(
        name=name,
        article=a.file or name,
        gold=str(a.path),
        layers={"entities": ents, "quotes": quotes, "events": events},
        meta=meta_agreement(a, b),
        gold_event_types=[(g.types[0], g.required) for g in a.events],
        output_event_types=[v.types[0] for v in b.events],
    )
    for gi, oj in events.pairs:
        ga, gb = a.events[gi], b.events[oj]
        if ga.status:
            score.status_total += 1
            score.status_agree += int(ga.status == gb.status)
            score.status_pairs.append((ga.id, ga.status, gb.status or "?"))
    return score


def evaluate_agreement(dir_a: Path, dir_b: Path, articles: Path | None = None) -> GoldReport:
    """Score every record of ``dir_b`` against the record of the same name in ``dir_a``.

    Args:
        dir_a: the first annotator's records (the gold side).
        dir_b: the second annotator's records (the output side).
        articles: the corpus folder, whose ``manifest.tsv`` gives each article's stratum and split.
    """
    t0 = time.perf_counter()
    report = GoldReport()
    if not dir_a.is_dir() or not dir_b.is_dir():
        report.problems.append(f"{dir_a if not dir_a.is_dir() else dir_b}: no such folder of gold records")
        return report
    manifest = read_manifest(articles) if articles is not None else {}
    names_a = {p.name for p in dir_a.glob("*" + GOLD_SUFFIX)}
    names_b = {p.name for p in dir_b.glob("*" + GOLD_SUFFIX)}
    for only, where in ((names_a - names_b, dir_b), (names_b - names_a, dir_a)):
        if only:
            report.problems.append(f"{len(only)} record(s) have no counterpart in {where}: {', '.join(sorted(only)[:3])}")
    for name in sorted(names_a & names_b):
        try:
            a = load_gold(dir_a / name)
            b = load_gold(dir_b / name)
        except EvalError as exc:
            report.problems.append(exc.message)
            continue
        article = a.file or name.removesuffix(GOLD_SUFFIX) + ".txt"
        score = score_annotations(a, b, article)
        row = manifest.get(article, {})
        score.group = {k: row[k] for k in ("split", "stratum", "outlet") if row.get(k)}
        report.articles.append(score)
    report.seconds = time.perf_counter() - t0
    return report


__all__ = ["LAYERS", "evaluate_agreement", "score_annotations"]
