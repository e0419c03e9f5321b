"""Fitting linear models: they learn, and the same data gives the same model."""

from __future__ import annotations

from rasd.train.fit import fit_calibration, fit_multiclass, fit_one_vs_rest

ROWS = [{"w=اتهم": 1.0}, {"w=أدان": 1.0}, {"w=التقى": 1.0}, {"w=استقبل": 1.0}, {"w=الطقس": 1.0}] * 4
LABELS = [{"ACCUSE"}, {"ACCUSE"}, {"CONSULT"}, {"CONSULT"}, set()] * 4


def test_one_vs_rest_learns_which_words_report_which_type() -> None:
    m = fit_one_vs_rest(ROWS, LABELS, ["ACCUSE", "CONSULT"], c=10.0)
    p = m.probabilities({"w=أدان": 1.0})
    assert p["ACCUSE"] > 0.5 > p["CONSULT"]


def test_a_class_with_no_example_is_never_predicted() -> None:
    m = fit_one_vs_rest(ROWS, LABELS, ["ACCUSE", "PROTEST"])
    assert m.probabilities({"w=اتهم": 1.0})["PROTEST"] < 0.001


def test_training_twice_on_the_same_data_gives_the_same_model() -> None:
    a = fit_one_vs_rest(ROWS, LABELS, ["ACCUSE", "CONSULT"]).to_dict()
    b = fit_one_vs_rest(ROWS, LABELS, ["ACCUSE", "CONSULT"]).to_dict()
    assert a == b


def test_multiclass_picks_the_status_its_words_tell() -> None:
    rows = [{"neg=لم": 1.0}, {"fut=سوف": 1.0}, {"bias": 1.0}] * 5
    m = fit_multiclass(rows, ["negated", "future", "asserted"] * 5, c=10.0)
    p = m.probabilities({"neg=لم": 1.0})
    assert max(p, key=p.__getitem__) == "negated"


def test_multiclass_of_two_statuses_keeps_both() -> None:
    rows = [{"neg=لم": 1.0}, {"bias": 1.0}] * 5
    m = fit_multiclass(rows, ["negated", "asserted"] * 5, c=10.0)
    p = m.probabilities({"neg=لم": 1.0})
    assert p["negated"] > p["asserted"]


def test_calibration_is_monotone_in_the_score() -> None:
    cal = fit_calibration([0.1, 0.2, 0.3, 0.6, 0.7, 0.9], [0, 0, 1, 0, 1, 1])
    values = [cal(x / 10) for x in range(11)]
    assert values == sorted(values)
