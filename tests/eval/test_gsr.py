"""Tests for the event-GSR scorer: confusion counts, CSV/JSON reading, actor-code agreement."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.eval import EvalError
from rasd.eval.gsr import confusion, evaluate_gsr, read_gsr, read_spans
from rasd.eval.report import gsr_text
from rasd.model import Actor, Document, Event
from rasd.pipeline import Pipeline, Stage

CSV_HEADER = "accept,event_type,id,label,reject,text,total\n"
ROWS = [
    ("s1", "yes", "قتل مسلحون خمسة جنود عراقيين في هجوم قرب بغداد"),
    ("s2", "yes", "أصيب ثلاثة مدنيين في قصف على غزة"),
    ("s3", "easy no", "وقّع الوزيران اتفاقاً للتعاون التجاري"),
    ("s4", "difficult no", "هدد المتحدث بالرد على أي هجوم"),
    ("s5", "ambiguous", "تحدثت الصحف عن هجمات سابقة"),
]


def _csv(tmp_path: Path, rows: list[tuple[str, str, str]] = ROWS, name: str = "assault_gsr.dev.csv") -> Path:
    path = tmp_path / name
    lines = [f"0,ASSAULT,{i},{label},0,{text},3\n" for i, label, text in rows]
    path.write_text(CSV_HEADER + "".join(lines), encoding="utf-8")
    return path


def _pipeline(detect: set[str], country: str | None = "IRQ") -> Pipeline:
    """A stub pipeline: an ASSAULT event (actor e1 of ``country``) in sentences with a word of ``detect``."""

    def run(doc: Document) -> Document:
        if any(w in doc.body for w in detect):
            doc.entities = [Actor("e1", "مسلحون", "ORG", country=country, sector="REB")]
            doc.events = [Event("v1", "ASSAULT", actors=["e1"])]
        return doc

    return Pipeline([Stage("stub", run, (), ("entities", "events"))])


def test_confusion_counts() -> None:
    c = confusion(
        [("yes", True), ("yes", False), ("easy no", True), ("difficult no", False), ("ambiguous", True)]
    )
    assert (c.tp, c.fn, c.fp, c.tn, c.ignored) == (1, 1, 1, 1, 1)
    assert (c.fp_easy, c.fp_difficult) == (1, 0)
    assert (c.precision, c.recall, c.f1) == (0.5, 0.5, 0.5)


def test_evaluate_gsr_counts_detections(tmp_path: Path) -> None:
    report = evaluate_gsr(_csv(tmp_path), pipeline=_pipeline({"قتل", "هدد", "هجمات"}))
    c = report.confusion
    assert (c.tp, c.fn, c.fp, c.tn, c.ignored) == (1, 1, 1, 1, 1)
    assert c.fp_difficult == 1
    assert report.event_type == "ASSAULT" and report.headline == "assault F1 0.500"
    assert gsr_text(report).splitlines()[-1] == "assault F1 0.500"


def test_no_detection_scores_zero(tmp_path: Path) -> None:
    report = evaluate_gsr(_csv(tmp_path), pipeline=_pipeline(set()))
    assert (report.confusion.tp, report.confusion.fn, report.confusion.f1) == (0, 2, 0.0)


def test_event_type_from_file_name_when_no_column(tmp_path: Path) -> None:
    path = tmp_path / "protest_gsr.csv"
    path.write_text("id,label,text\np1,yes,تظاهر آلاف الطلاب أمام البرلمان\n", encoding="utf-8")
    report = evaluate_gsr(path, pipeline=_pipeline({"تظاهر"}))
    assert report.event_type == "PROTEST" and report.confusion.fn == 1  # an ASSAULT is not a PROTEST


def test_csv_without_expected_columns_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("id,sentence\n1,نص\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"x\.csv: CSV without the column\(s\) label, text"):
        read_gsr(path)


def test_failing_sentence_counts_as_not_detected(tmp_path: Path) -> None:
    def broken(doc: Document) -> Document:
        raise RuntimeError("boom")

    report = evaluate_gsr(_csv(tmp_path), pipeline=Pipeline([Stage("broken", broken, (), ("events",))]))
    assert report.confusion.fn == 2 and len(report.failures) == 4
    assert report.failures[0] == "assault_gsr.dev.csv:s1: analysis failed (RuntimeError: boom)"


def _spans(tmp_path: Path, source_main: str, target_main: str | None = None) -> Path:
    rec = {
        "source": "s1",
        "text": ROWS[0][2],
        "spans": [
            {"source_role": {"main": source_main, "role": "REB"}, "target_role": {"main": target_main or "None", "role": "MIL"}},
            {"source_role": {"main": "None", "role": "None"}, "target_role": {}},
            {"source_role": "UNKNOWN", "target_role": {}},
        ],
        "event_type": "ASSAULT",
    }
    path = tmp_path / "assault_spans.json"
    path.write_text(json.dumps([rec], ensure_ascii=False), encoding="utf-8")
    return path


def test_spans_source_country_agreement(tmp_path: Path) -> None:
    report = evaluate_gsr(_csv(tmp_path), _spans(tmp_path, "IRQ"), pipeline=_pipeline({"قتل"}))
    assert report.agreement is not None
    a = report.agreement["source_country"]
    assert (a.gold, a.detected, a.coded, a.agree) == (1, 1, 1, 1)
    assert report.agreement["source_sector"].agree == 1
    t = report.agreement["target_sector"]
    assert (t.gold, t.detected, t.coded) == (1, 1, 0)  # the event has no target: a miss


def test_spans_wrong_country_disagrees(tmp_path: Path) -> None:
    report = evaluate_gsr(_csv(tmp_path), _spans(tmp_path, "USA"), pipeline=_pipeline({"قتل"}))
    assert report.agreement is not None
    a = report.agreement["source_country"]
    assert (a.coded, a.agree, a.rate) == (1, 0, 0.0)


def test_read_spans_pools_annotators_and_drops_none(tmp_path: Path) -> None:
    (g,) = read_spans(_spans(tmp_path, "IRQ", "USA"))
    assert g.codes["source_country"] == {"IRQ"}
    assert g.codes["target_country"] == {"USA"}
    assert g.codes["source_sector"] == {"REB"}
