"""Evaluation: how good is rasd's output, measured against gold data.

- :mod:`rasd.eval.gold`: entities, quotes and events against ``gold/1`` records;
- :mod:`rasd.eval.conll`: conlleval-style NER scoring of BIO-tagged tokens;
- :mod:`rasd.eval.gsr`: event detection and actor codes against the Arabic event GSR;
- :mod:`rasd.eval.report`: text, Markdown and JSON views of the results.

This package's ``__init__`` stays light: the scorers import the pipeline's models only when
they run. Every problem with an evaluation input is an :class:`EvalError` naming the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rasd.timelimit import AnalysisTimeout, with_time_limit

if TYPE_CHECKING:
    from rasd.eval.conll import NerScore

__all__ = ["AnalysisTimeout", "EvalError", "TaggerLike", "evaluate_ner", "with_time_limit"]


class EvalError(Exception):
    """An evaluation input that cannot be used (missing, malformed, wrong columns).

    Args:
        source: the file that failed ("" when the problem names it itself).
        problem: what is wrong with it, in one sentence.
        hint: what the user can do about it.
    """

    def __init__(self, source: str | Path, problem: str, hint: str = "") -> None:
        self.source = str(source)
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: source, problem and hint."""
        msg = f"{self.source}: {self.problem}" if self.source else self.problem
        return f"{msg} ({self.hint})" if self.hint else msg


class TaggerLike(Protocol):
    """What :func:`evaluate_ner` needs of a tagger: BIO labels for many token sequences."""

    def tag_many(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """One label list per sentence."""
        ...


def _load_tagger(model: Path | None) -> TaggerLike:
    try:
        from rasd.entities.tagger import NerTagger
    except ImportError as exc:
        raise EvalError(
            "rasd.entities.tagger", f"the NER tagger cannot be imported ({exc})"
        ) from None
    try:
        return NerTagger.load(model)
    except FileNotFoundError as exc:
        raise EvalError("", str(exc)) from None


def evaluate_ner(
    path: str | Path, tagger: TaggerLike | None = None, *, model: Path | None = None
) -> NerScore:
    """Tag the sentences of a CoNLL file and score them with the conlleval definition.

    Args:
        path: ``token TAG`` lines, a blank line between sentences (ANERcorp's format).
        tagger: the tagger to evaluate; the project's :class:`~rasd.entities.tagger.NerTagger`
            (loaded from ``model``, or the shipped model) when omitted.
        model: a model file or folder for the project tagger.

    Raises:
        EvalError: the file is missing or malformed, or no tagger/model is available.
    """
    from rasd.eval.conll import read_conll, score

    p = Path(path)
    if not p.is_file():
        raise EvalError(p, "no such file" if not p.exists() else "is not a file", "check the path")
    try:
        sentences = read_conll(p)
    except ValueError as exc:
        raise EvalError(p, f"not a CoNLL file: {str(exc).removeprefix(f'{p}: ')}") from None
    except UnicodeDecodeError:
        raise EvalError(p, "is not UTF-8 text", "convert it to UTF-8") from None
    if not sentences:
        raise EvalError(p, "holds no tagged sentence", "expected `token TAG` lines")
    if tagger is None:
        tagger = _load_tagger(model)
    gold: Sequence[list[str]] = [tags for _, tags in sentences]
    predicted = tagger.tag_many(tokens for tokens, _ in sentences)
    try:
        return score(gold, predicted)
    except ValueError as exc:
        raise EvalError(p, f"the tagger's output does not align with the file: {exc}") from None
