"""Fitting the linear models of :mod:`rasd.learn.linear` with scikit-learn (training only).

Deterministic: the solver is L-BFGS with a fixed iteration budget, feature order is sorted, and no
random state is involved, so the same data gives the same weights.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rasd.learn.linear import Calibration, Features, LinearModel


def _matrix(rows: Sequence[Features], vocab: dict[str, int] | None = None):  # type: ignore[no-untyped-def]
    from scipy.sparse import csr_matrix

    if vocab is None:
        vocab = {name: i for i, name in enumerate(sorted({k for r in rows for k in r}))}
    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for r in rows:
        for k, v in r.items():
            j = vocab.get(k)
            if j is not None:
                indices.append(j)
                data.append(v)
        indptr.append(len(indices))
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vocab))), vocab


def fit_one_vs_rest(
    rows: Sequence[Features],
    labels: Sequence[set[str]],
    classes: Sequence[str],
    *,
    c: float = 1.0,
    min_weight: float = 1e-3,
    class_weight: str | None = None,
) -> LinearModel:
    """One logistic regression per class (a row may have several labels, or none).

    Args:
        rows: feature dicts.
        labels: for each row, the classes it belongs to.
        classes: the classes to model (a class with no positive row gets a large negative bias).
        c: inverse L2 regularisation strength.
        min_weight: weights smaller than this in magnitude are dropped from the stored model.
        class_weight: ``"balanced"`` to weigh rare positives up.
    """
    from sklearn.linear_model import LogisticRegression

    x, vocab = _matrix(rows)
    names = sorted(vocab, key=vocab.__getitem__)
    weights: dict[str, list[tuple[int, float]]] = {}
    bias: list[float] = []
    for k, cls in enumerate(classes):
        y = [1 if cls in lab else 0 for lab in labels]
        if sum(y) == 0 or sum(y) == len(y):
            bias.append(-10.0 if sum(y) == 0 else 10.0)
            continue
        clf = LogisticRegression(C=c, max_iter=2000, class_weight=class_weight)
        clf.fit(x, y)
        bias.append(float(clf.intercept_[0]))
        for j, w in enumerate(clf.coef_[0]):
            if abs(w) >= min_weight:
                weights.setdefault(names[j], []).append((k, float(w)))
    return LinearModel(list(classes), {n: tuple(v) for n, v in weights.items()}, bias)


def fit_multiclass(
    rows: Sequence[Features], labels: Sequence[str], *, c: float = 1.0, min_weight: float = 1e-3
) -> LinearModel:
    """A multinomial logistic regression (one label per row); scores are read with softmax or argmax."""
    from sklearn.linear_model import LogisticRegression

    classes = sorted(set(labels))
    if len(classes) == 1:
        return LinearModel(classes, {}, [0.0])
    x, vocab = _matrix(rows)
    names = sorted(vocab, key=vocab.__getitem__)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, labels)
    order = [list(clf.classes_).index(cl) for cl in classes]
    weights: dict[str, list[tuple[int, float]]] = {}
    coef = clf.coef_
    intercept = clf.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes: the second's margin
        bias = [-float(intercept[0]) / 2, float(intercept[0]) / 2]
        for j in range(coef.shape[1]):
            w = float(coef[0][j])
            if abs(w) >= min_weight:
                weights[names[j]] = [(0, -w / 2), (1, w / 2)]
    else:
        bias = [float(intercept[i]) for i in order]
        for j in range(coef.shape[1]):
            pairs = [(k, float(coef[i][j])) for k, i in enumerate(order) if abs(coef[i][j]) >= min_weight]
            if pairs:
                weights[names[j]] = pairs
    return LinearModel(classes, {n: tuple(v) for n, v in weights.items()}, bias)


def fit_calibration(scores: Sequence[float], outcomes: Sequence[int], *, max_points: int = 60) -> Calibration:
    """An isotonic map from raw scores to the observed rate of success."""
    from sklearn.isotonic import IsotonicRegression

    if not scores:
        return Calibration()
    iso = IsotonicRegression(out_of_bounds="clip", y_min=0.0, y_max=1.0)
    iso.fit(list(scores), list(outcomes))
    xs = [float(x) for x in iso.X_thresholds_]
    ys = [float(y) for y in iso.y_thresholds_]
    if len(xs) > max_points:
        step = len(xs) / max_points
        keep = sorted({int(i * step) for i in range(max_points)} | {len(xs) - 1})
        xs, ys = [xs[i] for i in keep], [ys[i] for i in keep]
    return Calibration(xs, ys)


def write_model(model: dict[str, Any], path: Path, meta: dict[str, Any], sidecar: Path) -> None:
    """Write a trained model (compact, keys sorted, so that training twice writes the same bytes)
    and its sidecar (data, features, choices and scores, indented for people)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    sidecar.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
