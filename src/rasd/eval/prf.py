"""Precision, recall and F1: the arithmetic every scorer of :mod:`rasd.eval` shares."""

from __future__ import annotations


def share(part: int, whole: int) -> float:
    """``part / whole``, or 0.0 when ``whole`` is 0 (an undefined score counts as 0)."""
    return part / whole if whole else 0.0


def harmonic(p: float, r: float) -> float:
    """F1: the harmonic mean of a precision and a recall (0.0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0
