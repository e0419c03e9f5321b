"""The one precision/recall/F1 definition and how each scorer feeds it its counts."""

from __future__ import annotations

import pytest

from rasd.eval.conll import TypeScore
from rasd.eval.gold import Counts
from rasd.eval.gsr import Confusion
from rasd.eval.scores import f_score, ratio


def test_ratio_of_nothing_is_zero() -> None:
    assert ratio(0, 0) == 0.0


def test_ratio() -> None:
    assert ratio(3, 4) == 0.75


def test_f_score_is_the_harmonic_mean() -> None:
    assert f_score(0.5, 1.0) == pytest.approx(2 / 3)


def test_f_score_of_two_zeros_is_zero() -> None:
    assert f_score(0.0, 0.0) == 0.0


def test_conll_entity_counts() -> None:
    s = TypeScore(tp=6, fp=2, fn=4)
    assert (s.precision, s.recall, s.f1) == (0.75, 0.6, pytest.approx(2 * 0.75 * 0.6 / 1.35))


def test_gold_optional_matches_count_for_precision_only() -> None:
    c = Counts(required=10, optional=5, output=8, matched_required=4, matched_optional=2)
    assert (c.precision, c.recall) == (0.75, 0.4)


def test_gsr_confusion() -> None:
    c = Confusion(tp=3, fp=1, fn=3, tn=10)
    assert (c.precision, c.recall, c.f1) == (0.75, 0.5, 0.6)
