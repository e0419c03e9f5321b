"""Tests for the conlleval-compatible NER scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from rasd.eval.conll import read_conll, score, spans

GOLD = [
    ["B-PERS", "I-PERS", "O", "B-LOC"],
    ["O", "B-ORG", "I-ORG", "I-ORG", "O"],
]


def test_identical_input_scores_one() -> None:
    result = score(GOLD, GOLD)
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_empty_predictions_score_zero() -> None:
    pred = [["O"] * len(s) for s in GOLD]
    result = score(GOLD, pred)
    assert (result.precision, result.recall, result.f1) == (0.0, 0.0, 0.0)
    assert result.overall.fn == 3


def test_type_error_counts_against_precision_and_recall() -> None:
    pred = [["B-ORG", "I-ORG", "O", "B-LOC"], GOLD[1]]
    result = score(GOLD, pred)
    assert result.overall.tp == 2
    assert result.overall.fp == 1
    assert result.overall.fn == 1
    assert result.per_type["PERS"].fn == 1
    assert result.per_type["ORG"].fp == 1


def test_boundary_error_is_wrong_entity() -> None:
    pred = [["B-PERS", "O", "O", "B-LOC"], GOLD[1]]
    result = score(GOLD, pred)
    assert result.per_type["PERS"].tp == 0
    assert result.per_type["PERS"].fp == 1


def test_stray_inside_tag_starts_an_entity() -> None:
    assert spans(["O", "I-LOC", "I-LOC", "O"]) == {(1, 3, "LOC")}


def test_inside_tag_of_other_type_starts_new_entity() -> None:
    assert spans(["B-PERS", "I-ORG"]) == {(0, 1, "PERS"), (1, 2, "ORG")}


def test_begin_tag_splits_adjacent_entities() -> None:
    assert spans(["B-LOC", "B-LOC", "I-LOC"]) == {(0, 1, "LOC"), (1, 3, "LOC")}


def test_bioes_end_tag_closes_entity() -> None:
    assert spans(["B-ORG", "E-ORG", "I-ORG", "S-LOC"]) == {
        (0, 2, "ORG"),
        (2, 3, "ORG"),
        (3, 4, "LOC"),
    }


def test_stray_inside_scored_like_conlleval() -> None:
    # conlleval reads gold "I-LOC" after "O" as an entity, so a B-LOC prediction matches it.
    result = score([["O", "I-LOC"]], [["O", "B-LOC"]])
    assert result.f1 == 1.0


def test_length_mismatch_raises() -> None:
    with pytest.raises(ValueError, match="sentence 0"):
        score([["O", "O"]], [["O"]])


def test_token_accuracy() -> None:
    result = score([["B-LOC", "O"]], [["B-PERS", "O"]])
    assert result.accuracy == 0.5


def test_read_conll_splits_sentences(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("قال O\nبشار B-PERS\n\nفي O\nدمشق B-LOC\n\n", encoding="utf-8")
    assert read_conll(path) == [(["قال", "بشار"], ["O", "B-PERS"]), (["في", "دمشق"], ["O", "B-LOC"])]


def test_read_conll_takes_last_column_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes("طهران NNP B-LOC\r\n\r\n".encode())
    assert read_conll(path) == [(["طهران"], ["B-LOC"])]


def test_to_dict_has_per_type_scores() -> None:
    d = score(GOLD, GOLD).to_dict()
    assert d["f1"] == 1.0
    assert set(d["per_type"]) == {"PERS", "LOC", "ORG"}  # type: ignore[arg-type]
