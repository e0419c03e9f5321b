"""Precision, recall and F1 from counts: the one definition every scorer uses.

Each scorer counts differently (conlleval entities, gold/1 records with required and optional
parts, GSR sentences); all of them end in the same arithmetic, written here once.
"""

from __future__ import annotations


def ratio(part: int, whole: int) -> float:
    """``part / whole``, or 0.0 when ``whole`` is 0 (nothing to divide by counts as no score)."""
    return part / whole if whole else 0.0


def f_score(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0.0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


class PrecisionRecall:
    """Precision, recall and F1 for a class that says which counts they come from.

    A subclass defines :meth:`counts`: ``(correct output, output, found gold, gold)``. For
    conlleval and the GSR the first and third are the same number (true positives); for gold/1
    records they differ, since an output record may match an optional gold record that recall
    does not count.
    """

    __slots__ = ()

    def counts(self) -> tuple[int, int, int, int]:
        """``(correct output, output, found gold, gold)``."""
        raise NotImplementedError

    @property
    def precision(self) -> float:
        """Correct output / output (0.0 when there is no output)."""
        correct, output, _, _ = self.counts()
        return ratio(correct, output)

    @property
    def recall(self) -> float:
        """Found gold / gold (0.0 when there is no gold)."""
        _, _, found, gold = self.counts()
        return ratio(found, gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f_score(self.precision, self.recall)
