"""A conlleval-compatible scorer for BIO-tagged named entities.

The definition is the one of the CoNLL shared tasks' ``conlleval`` script: an entity counts as
correct only when its type and both of its boundaries match a gold entity exactly; precision,
recall and F1 are micro-averaged over entities, overall and per type.

Chunking follows conlleval too: an entity starts at ``B-X``, at ``S-X``, and at an ``I-X`` or
``E-X`` that does not continue an entity of type ``X`` (a stray ``I-`` opens a new entity rather
than being dropped). Tags without a ``B-``/``I-``/``E-``/``S-`` prefix, ``O`` included, are
outside any entity.

Example::

    gold = read_conll(Path("ANERCorp.test.txt"))
    result = score([tags for _, tags in gold], predicted_tag_sequences)
    print(result.f1, result.per_type["PERS"].f1)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rasd.eval.scores import PrecisionRecall, ratio

Span = tuple[int, int, str]
"""An entity as ``(start, end, type)`` over token indexes, ``end`` exclusive."""


@dataclass(frozen=True)
class TypeScore(PrecisionRecall):
    """Entity counts and micro scores for one type (or for all types together)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def n_gold(self) -> int:
        """Number of gold entities."""
        return self.tp + self.fn

    @property
    def n_pred(self) -> int:
        """Number of predicted entities."""
        return self.tp + self.fp

    def counts(self) -> tuple[int, int, int, int]:
        """Correct and predicted entities, found and gold entities."""
        return self.tp, self.n_pred, self.tp, self.n_gold

    def to_dict(self) -> dict[str, float | int]:
        """Counts and rounded scores as plain JSON-ready values."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(frozen=True)
class NerScore:
    """The result of :func:`score`: overall micro scores, per-type scores, token accuracy."""

    overall: TypeScore
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    n_tokens: int = 0
    n_tokens_correct: int = 0
    n_sentences: int = 0

    @property
    def precision(self) -> float:
        """Overall micro precision."""
        return self.overall.precision

    @property
    def recall(self) -> float:
        """Overall micro recall."""
        return self.overall.recall

    @property
    def f1(self) -> float:
        """Overall micro F1."""
        return self.overall.f1

    @property
    def accuracy(self) -> float:
        """Share of tokens whose predicted tag equals the gold tag."""
        return ratio(self.n_tokens_correct, self.n_tokens)

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready form, types sorted by name."""
        return {
            **self.overall.to_dict(),
            "accuracy": round(self.accuracy, 4),
            "tokens": self.n_tokens,
            "sentences": self.n_sentences,
            "per_type": {t: s.to_dict() for t, s in sorted(self.per_type.items())},
        }

    def table(self) -> str:
        """A Markdown table of P/R/F1 and counts, one row per type and one overall."""
        rows = ["| type | P | R | F1 | gold | pred |", "|---|---:|---:|---:|---:|---:|"]
        items = [*sorted(self.per_type.items()), ("overall", self.overall)]
        for name, s in items:
            rows.append(
                f"| {name} | {s.precision:.4f} | {s.recall:.4f} | {s.f1:.4f} "
                f"| {s.n_gold} | {s.n_pred} |"
            )
        return "\n".join(rows)


def _split(tag: str) -> tuple[str, str]:
    """``("B", "PERS")`` for ``B-PERS``; ``("O", "")`` for ``O`` and unprefixed tags."""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES":
        return tag[0], tag[2:]
    return "O", ""


def spans(tags: Sequence[str]) -> set[Span]:
    """The entities of one BIO (or BIOES) tag sequence, chunked as conlleval does."""
    out: set[Span] = set()
    start = -1
    cur = ""
    for i, tag in enumerate(tags):
        prefix, typ = _split(tag)
        # Does this tag continue the open entity? Only I-/E- of the same type do.
        continues = start >= 0 and prefix in ("I", "E") and typ == cur
        if start >= 0 and not continues:
            out.add((start, i, cur))
            start = -1
        if prefix != "O" and not continues:
            start, cur = i, typ
        if start >= 0 and prefix in ("E", "S"):
            out.add((start, i + 1, cur))
            start = -1
    if start >= 0:
        out.add((start, len(tags), cur))
    return out


def score(
    gold_seqs: Iterable[Sequence[str]], pred_seqs: Iterable[Sequence[str]]
) -> NerScore:
    """Score predicted tag sequences against gold ones, sentence by sentence.

    Args:
        gold_seqs: gold tags, one sequence per sentence.
        pred_seqs: predicted tags, aligned with ``gold_seqs`` (same sentences, same lengths).

    Raises:
        ValueError: when the numbers of sentences or of tokens in a sentence differ.
    """
    counts: dict[str, list[int]] = {}
    n_tok = n_ok = n_sent = 0
    gold_list = list(gold_seqs)
    pred_list = list(pred_seqs)
    if len(gold_list) != len(pred_list):
        raise ValueError(
            f"{len(gold_list)} gold sentences but {len(pred_list)} predicted ones; "
            "pass one predicted sequence per gold sentence"
        )
    for k, (gold, pred) in enumerate(zip(gold_list, pred_list, strict=True)):
        if len(gold) != len(pred):
            raise ValueError(
                f"sentence {k}: {len(gold)} gold tags but {len(pred)} predicted tags"
            )
        n_sent += 1
        n_tok += len(gold)
        n_ok += sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
        g_spans = spans(gold)
        p_spans = spans(pred)
        for s in g_spans & p_spans:
            counts.setdefault(s[2], [0, 0, 0])[0] += 1
        for s in p_spans - g_spans:
            counts.setdefault(s[2], [0, 0, 0])[1] += 1
        for s in g_spans - p_spans:
            counts.setdefault(s[2], [0, 0, 0])[2] += 1
    per_type = {t: TypeScore(tp, fp, fn) for t, (tp, fp, fn) in counts.items()}
    overall = TypeScore(
        sum(s.tp for s in per_type.values()),
        sum(s.fp for s in per_type.values()),
        sum(s.fn for s in per_type.values()),
    )
    return NerScore(overall, per_type, n_tok, n_ok, n_sent)


def read_conll(path: Path, *, tag_column: int = -1) -> list[tuple[list[str], list[str]]]:
    """Read a CoNLL-style file: one ``token ... TAG`` a line, a blank line between sentences.

    Columns are split on whitespace; the token is the first column and the tag the column
    ``tag_column`` (the last by default). ``-DOCSTART-`` lines end a sentence and are skipped.
    Returns ``(tokens, tags)`` per sentence.
    """
    out: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8-sig") as f:
        for raw in f:
            cols = raw.split()
            if not cols or cols[0] == "-DOCSTART-":
                if toks:
                    out.append((toks, tags))
                    toks, tags = [], []
                continue
            if len(cols) < 2:
                raise ValueError(f"{path}: line without a tag: {raw.rstrip()!r}")
            toks.append(cols[0])
            tags.append(cols[tag_column])
    if toks:
        out.append((toks, tags))
    return out
