"""Sparse linear models and calibration tables: scoring, JSON form, and bad model files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.learn.linear import Calibration, LinearModel, ModelFileError, read_model_file, sigmoid


def _model() -> LinearModel:
    return LinearModel(["ACCUSE", "CONSULT"], {"w=اتهم": ((0, 2.0),), "w=التقى": ((1, 3.0), (0, -1.0))}, [-1.0, -2.0])


def test_margins_add_the_weights_of_the_features_present() -> None:
    assert _model().margins({"w=اتهم": 1.0}) == [1.0, -2.0]


def test_unknown_features_are_ignored() -> None:
    assert _model().margins({"w=كلمة_لم_ترها": 1.0}) == [-1.0, -2.0]


def test_probabilities_are_one_logistic_per_class() -> None:
    p = _model().probabilities({"w=التقى": 1.0})
    assert p["CONSULT"] == pytest.approx(sigmoid(1.0)) and p["ACCUSE"] == pytest.approx(sigmoid(-2.0))


def test_the_json_form_round_trips() -> None:
    m = _model()
    back = LinearModel.from_dict(json.loads(json.dumps(m.to_dict())))
    assert back.margins({"w=التقى": 1.0, "w=اتهم": 1.0}) == m.margins({"w=التقى": 1.0, "w=اتهم": 1.0})


def test_a_weight_for_a_missing_class_is_refused() -> None:
    d = _model().to_dict()
    d["weights"]["w=اتهم"] = [[5, 1.0]]
    with pytest.raises(ValueError, match="class"):
        LinearModel.from_dict(d)


def test_sigmoid_takes_large_margins() -> None:
    assert sigmoid(1000.0) == 1.0 and sigmoid(-1000.0) == 0.0


def test_calibration_interpolates_between_its_points() -> None:
    assert Calibration([0.2, 0.6], [0.1, 0.5])(0.4) == pytest.approx(0.3)


def test_calibration_clamps_outside_its_points() -> None:
    cal = Calibration([0.2, 0.6], [0.1, 0.5])
    assert (cal(0.0), cal(0.9)) == (0.1, 0.5)


def test_an_empty_calibration_passes_scores_through() -> None:
    assert Calibration()(0.37) == 0.37


def test_a_calibration_with_decreasing_points_is_refused() -> None:
    with pytest.raises(ValueError):
        Calibration.from_dict({"xs": [0.5, 0.2], "ys": [0.1, 0.2]})


def test_a_missing_model_file_names_the_file_and_the_command_that_rebuilds_it(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError) as exc:
        read_model_file(tmp_path / "events.model.json", "learned event", "rasd train events")
    assert "events.model.json" in str(exc.value) and "rasd train events" in str(exc.value)


def test_a_model_file_that_is_not_json_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "quotes.model.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError, match="cannot be read"):
        read_model_file(bad, "speaker", "rasd train quotes")
