"""Sparse linear models over named features, and isotonic calibration tables.

A feature vector is a ``dict`` of feature name → value (1.0 for an indicator). A
:class:`LinearModel` holds one weight vector per class; :meth:`LinearModel.probabilities` gives
each class's logistic probability (one-vs-rest), :meth:`LinearModel.score` the raw margin of a
binary model. Unknown features are ignored, so a model keeps working on words it never saw.
"""

from __future__ import annotations

import bisect
import itertools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

Features = Mapping[str, float]


def sigmoid(x: float) -> float:
    """The logistic function, safe for large margins."""
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    z = math.exp(x)
    return z / (1.0 + z)


@dataclass(slots=True)
class LinearModel:
    """One weight vector per class over named features (one-vs-rest logistic scores).

    Weights are stored sparsely: each feature keeps only its non-zero ``(class index, weight)``
    pairs, so a many-class model over a large vocabulary stays small. Scoring a one-class model
    reads one float per feature; a many-class one sums rows of a dense matrix built on first use.

    Attributes:
        classes: the class labels.
        weights: feature name → ``(class index, weight)`` pairs.
        bias: one intercept per class.
    """

    classes: list[str]
    weights: dict[str, tuple[tuple[int, float], ...]]
    bias: list[float]
    _single: dict[str, float] | None = field(default=None, init=False, repr=False, compare=False)
    _rows: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    _matrix: Any = field(default=None, init=False, repr=False, compare=False)

    def _prepare(self) -> None:
        if len(self.classes) == 1:
            self._single = {k: sum(w for _, w in v) for k, v in self.weights.items()}
            return
        import numpy as np

        names = sorted(self.weights)
        self._rows = {n: i for i, n in enumerate(names)}
        matrix = np.zeros((len(names) + 1, len(self.classes)))
        for i, n in enumerate(names):
            for k, w in self.weights[n]:
                matrix[i, k] = w
        self._matrix = matrix

    def margins(self, features: Features) -> list[float]:
        """The linear score of each class."""
        if self._single is None and self._rows is None:
            self._prepare()
        if self._single is not None:
            get = self._single.get
            return [self.bias[0] + sum(get(name, 0.0) * value for name, value in features.items())]
        assert self._rows is not None
        rows = self._rows
        idx = [rows[n] for n in features if n in rows]
        if not idx:
            return list(self.bias)
        vals = [features[n] for n in features if n in rows]
        out = (self._matrix[idx].T @ vals) if any(v != 1.0 for v in vals) else self._matrix[idx].sum(axis=0)
        return [b + float(x) for b, x in zip(self.bias, out, strict=True)]

    def probabilities(self, features: Features) -> dict[str, float]:
        """Each class's one-vs-rest logistic probability."""
        return {c: sigmoid(m) for c, m in zip(self.classes, self.margins(features), strict=True)}

    def score(self, features: Features) -> float:
        """The margin of the first class (for a binary model: the log-odds of the positive)."""
        return self.margins(features)[0]

    def to_dict(self) -> dict[str, Any]:
        """JSON form; weights rounded to 5 significant digits."""
        return {
            "classes": list(self.classes),
            "bias": [float(f"{b:.5g}") for b in self.bias],
            "weights": {
                k: [[i, float(f"{x:.5g}")] for i, x in v] for k, v in sorted(self.weights.items()) if v
            },
        }

    @staticmethod
    def from_dict(d: Mapping[str, Any]) -> LinearModel:
        """Inverse of :meth:`to_dict`."""
        classes = [str(c) for c in d["classes"]]
        n = len(classes)
        bias = [float(b) for b in d["bias"]]
        weights = {str(k): tuple((int(i), float(x)) for i, x in v) for k, v in d["weights"].items()}
        if len(bias) != n or any(not 0 <= i < n for v in weights.values() for i, _ in v):
            raise ValueError("a weight refers to a class the model does not have")
        return LinearModel(classes, weights, bias)


@dataclass(slots=True)
class Calibration:
    """A monotone map from a model's score to a probability (isotonic regression's steps).

    ``xs`` are increasing scores, ``ys`` the calibrated probability at each; between two points the
    value is interpolated, outside them clamped.
    """

    xs: list[float] = field(default_factory=list)
    ys: list[float] = field(default_factory=list)

    def __call__(self, x: float) -> float:
        if not self.xs:
            return x
        if x <= self.xs[0]:
            return self.ys[0]
        if x >= self.xs[-1]:
            return self.ys[-1]
        i = bisect.bisect_right(self.xs, x)
        x0, x1, y0, y1 = self.xs[i - 1], self.xs[i], self.ys[i - 1], self.ys[i]
        return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)

    def to_dict(self) -> dict[str, list[float]]:
        """JSON form."""
        return {"xs": [round(x, 6) for x in self.xs], "ys": [round(y, 6) for y in self.ys]}

    @staticmethod
    def from_dict(d: Mapping[str, Sequence[float]]) -> Calibration:
        """Inverse of :meth:`to_dict`."""
        xs, ys = [float(x) for x in d.get("xs", [])], [float(y) for y in d.get("ys", [])]
        if len(xs) != len(ys) or any(b < a for a, b in itertools.pairwise(xs)):
            raise ValueError("a calibration table needs increasing xs, one y each")
        return Calibration(xs, ys)


class ModelFileError(Exception):
    """A model file that is missing or cannot be read; the message says which and what to do."""


def read_model_file(path: Path, what: str, retrain: str) -> dict[str, Any]:
    """The JSON object of a model file, or :class:`ModelFileError` naming it and how to rebuild it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: the {what} model is missing; rebuild it with `{retrain}`") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(
            f"{path}: the {what} model cannot be read ({exc}); rebuild it with `{retrain}`"
        ) from None
    if not isinstance(data, dict):
        raise ModelFileError(f"{path}: the {what} model is not a JSON object; rebuild it with `{retrain}`")
    return data


def load_model_file(path: Path, what: str, retrain: str, parse: Callable[[dict[str, Any]], T]) -> T:
    """A model read from its file by ``parse``, or :class:`ModelFileError` naming the file and
    how to rebuild it (missing, unreadable, or not that kind of model)."""
    data = read_model_file(path, what, retrain)
    try:
        return parse(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: not a {what} model ({exc}); rebuild it with `{retrain}`") from None
