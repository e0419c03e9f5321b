"""Corpus evaluation: manifest splits, gold folders, breakdowns by stratum and type, agreement, the gold check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rasd.eval.agreement import evaluate_agreement, score_annotations
from rasd.eval.breakdown import by_event_type, by_group
from rasd.eval.corpus import corpus_pairs
from rasd.eval.gold import evaluate_gold, parse_gold
from rasd.eval.gold_check import check_record
from rasd.pipeline import Pipeline

TEXT = "سياسة\nعنوان\nقال الوزير السوري فيصل المقداد إن سورية ترفض التدخل التركي في إدلب.\n"


def _record(**over: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "file": "a.txt",
        "format": "gold/1",
        "meta": {"section": "سياسة", "headline": "عنوان", "byline": None, "outlet": "X", "date": None, "boilerplate": []},
        "entities": [
            {"name": "فيصل المقداد", "en": "Faisal Mekdad", "type": "PER", "country": "SYR", "sector": "GOV", "mentions": ["فيصل المقداد"]},
            {"name": "إدلب", "en": "Idlib", "type": "LOC", "country": "SYR", "sector": None, "mentions": ["إدلب"]},
        ],
        "quotes": [{"speaker": "فيصل المقداد", "kind": "indirect", "cue": "قال", "text": "سورية ترفض التدخل التركي في إدلب"}],
        "events": [
            {"id": "E1", "type": ["REJECT", "ACCUSE"], "source": ["SYR"], "target": ["TUR"], "evidence": "سورية ترفض التدخل التركي", "status": "asserted", "required": True}
        ],
        "notes": "",
    }
    rec.update(over)
    return rec


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus, gold = tmp_path / "corpus", tmp_path / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "manifest.tsv").write_text(
        "file\tsplit\tstratum\toutlet\na.txt\tdev\tpolitics\tX\nb.txt\ttest\tother\tY\nc.txt\tdev\tother\tY\n",
        encoding="utf-8",
    )
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(TEXT, encoding="utf-8")
    for name in ("a", "b"):
        (gold / f"{name}.gold.json").write_text(json.dumps(_record(file=f"{name}.txt"), ensure_ascii=False), encoding="utf-8")
    return corpus, gold


def test_a_split_keeps_only_its_articles(tmp_path: Path) -> None:
    corpus, gold = _corpus(tmp_path)
    pairs, groups, _ = corpus_pairs([corpus], gold, "test")
    assert [a.name for a, _ in pairs] == ["b.txt"]
    assert groups[corpus / "b.txt"] == {"split": "test", "stratum": "other", "outlet": "Y"}


def test_an_article_without_gold_is_reported_not_scored(tmp_path: Path) -> None:
    corpus, gold = _corpus(tmp_path)
    pairs, _, problems = corpus_pairs([corpus], gold, "dev")
    assert [a.name for a, _ in pairs] == ["a.txt"]
    assert any("c.txt" in p and "no gold record" in p for p in problems)


def test_an_unknown_split_is_a_problem(tmp_path: Path) -> None:
    corpus, gold = _corpus(tmp_path)
    pairs, _, problems = corpus_pairs([corpus], gold, "validation")
    assert not pairs and "unknown split 'validation'" in problems[0]


def test_a_split_needs_a_manifest(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    _, _, problems = corpus_pairs([folder], tmp_path, "dev")
    assert "no manifest.tsv with a 'split' column" in problems[0]


def _empty_pipeline() -> Pipeline:
    return Pipeline([])


def test_scores_are_broken_down_by_stratum(tmp_path: Path) -> None:
    corpus, gold = _corpus(tmp_path)
    report = evaluate_gold([corpus], _empty_pipeline(), gold_dir=gold)
    strata = by_group(report.articles, "stratum")
    assert set(strata) == {"politics", "other"}
    assert strata["other"]["events"].required == 1
    assert strata["other"]["events"].matched_required == 0


def test_event_types_count_gold_by_best_type(tmp_path: Path) -> None:
    corpus, gold = _corpus(tmp_path)
    report = evaluate_gold([corpus], _empty_pipeline(), gold_dir=gold)
    types = by_event_type(report.articles)
    assert types["REJECT"].gold_required == 2
    assert "ACCUSE" not in types


def _gold(rec: dict[str, Any]) -> Any:
    return parse_gold(rec, Path("x.gold.json"))


def test_identical_annotations_agree_fully() -> None:
    score = score_annotations(_gold(_record()), _gold(_record()), "a.txt")
    assert all(score.layers[k].counts.f1 == 1.0 for k in ("entities", "quotes", "events"))


def test_an_event_read_with_a_second_type_first_still_agrees_when_the_first_accepts_it() -> None:
    other = _record()
    other["events"] = [dict(other["events"][0], type=["ACCUSE"])]
    score = score_annotations(_gold(_record()), _gold(other), "a.txt")
    assert score.layers["events"].counts.matched_required == 1


def test_an_event_with_another_source_disagrees() -> None:
    other = _record()
    other["events"] = [dict(other["events"][0], source=["TUR"], target=["SYR"])]
    score = score_annotations(_gold(_record()), _gold(other), "a.txt")
    assert score.layers["events"].counts.matched_required == 0


def test_a_quote_given_to_another_speaker_disagrees() -> None:
    other = _record()
    other["quotes"] = [dict(other["quotes"][0], speaker="مصادر سورية")]
    score = score_annotations(_gold(_record()), _gold(other), "a.txt")
    assert score.layers["quotes"].counts.f1 == 0.0


def test_agreement_pairs_records_by_name_and_reports_the_unpaired(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for folder, names in ((a, ("x", "y")), (b, ("x",))):
        for n in names:
            (folder / f"{n}.gold.json").write_text(json.dumps(_record(file=f"{n}.txt"), ensure_ascii=False), encoding="utf-8")
    report = evaluate_agreement(a, b)
    assert [s.name for s in report.articles] == ["x.txt"]
    assert "no counterpart" in report.problems[0]


def test_the_check_accepts_a_correct_record() -> None:
    assert check_record(_record(), TEXT, "a.txt") == []


def test_the_check_finds_a_quote_not_in_the_article() -> None:
    rec = _record()
    rec["quotes"][0]["text"] = "سوريا ترفض التدخل"  # ا for ة: not verbatim
    assert any("not a verbatim substring" in p for p in check_record(rec, TEXT, "a.txt"))


def test_the_check_finds_an_unknown_event_code() -> None:
    rec = _record()
    rec["events"][0]["target"] = ["TURKEY"]
    assert any("'TURKEY'" in p for p in check_record(rec, TEXT, "a.txt"))


def test_the_check_accepts_group_and_named_actor_codes() -> None:
    rec = _record()
    rec["events"][0]["target"] = ["ISIS", "IMG", None]
    assert check_record(rec, TEXT, "a.txt") == []


def test_the_check_finds_an_invalid_sector() -> None:
    rec = _record()
    rec["entities"][0]["sector"] = "MINISTER"
    assert any("sector 'MINISTER'" in p for p in check_record(rec, TEXT, "a.txt"))
